"""One publish as a process of its own, as `invoke publish` runs it, for the tests that run
several at once: `python -m tests.publish.publisher CONTENT WORKDIR [--wait]`. The target
comes from the environment (NEWS_DEPLOY_TARGET, NEWS_DEPLOY_PATH, ...)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from newsroom.publish.command import PublishFailed, publish_site
from tests.support import BUILD_TIME, PUBLISH_SETTINGS


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("content")
    parser.add_argument("workdir")
    parser.add_argument("--wait", action="store_true")
    args = parser.parse_args()
    overrides = {"PATH": str(Path(args.content).resolve()), "BUILD_TIME": BUILD_TIME}
    try:
        publish_site(PUBLISH_SETTINGS, Path(args.workdir), overrides=overrides, wait=args.wait)
    except PublishFailed as failure:
        sys.exit(str(failure))


if __name__ == "__main__":
    main()
