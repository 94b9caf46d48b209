#!/usr/bin/env bash
# Set up a fresh Debian machine with Python 3.11+ for this site.
#   scripts/bootstrap.sh          the site: a virtualenv in .venv with requirements.txt
#   scripts/bootstrap.sh --tests  also what the tests need: requirements-dev.txt, the
#                                 system packages (scripts/ci-system-packages.sh) and the
#                                 npm devDependencies in package.json (node_modules/)
set -euo pipefail
cd "$(dirname "$0")/.."

want_tests=no
[ "${1:-}" = "--tests" ] && want_tests=yes

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

python=${PYTHON:-python3}
"$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
    echo "bootstrap: Python 3.11 or newer is required (found $("$python" --version 2>&1))" >&2
    exit 1
}
# Debian splits venv and ensurepip out of the interpreter package.
if ! "$python" -c 'import ensurepip, venv' 2>/dev/null; then
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv
fi
[ -x .venv/bin/python ] || "$python" -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
if [ "$want_tests" = yes ]; then
    .venv/bin/python -m pip install -q --disable-pip-version-check -r requirements-dev.txt
    if [ -x scripts/ci-system-packages.sh ]; then scripts/ci-system-packages.sh; fi
    # Lighthouse, the Nu HTML Checker and axe-core for tests/browser, pinned by package-lock.json
    # (--ignore-scripts: vnu-jar's postinstall would fetch a JDK; Debian's JRE runs vnu.jar).
    npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
else
    .venv/bin/python -m pip install -q --disable-pip-version-check -r requirements.txt
fi
echo "bootstrap: ready (.venv)"
