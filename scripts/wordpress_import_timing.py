"""Time `invoke import --wordpress` on a generated export of N posts (default 1,000).

Usage: python scripts/wordpress_import_timing.py [N]. Writes into a temporary folder only.
The posts are fictional and distinct (seeded word choices), with block comments, a caption
shortcode and two categories each, so conversion does its usual work.
"""

from __future__ import annotations

import io
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rich.console import Console  # noqa: E402

from newsroom.wordpress.command import import_wordpress  # noqa: E402

WORDS = [
    "harbour", "ferry", "council", "pier", "lido", "regatta", "library", "school", "market",
    "bakery", "storm", "timber", "mooring", "crossing", "budget", "festival", "choir", "orchard",
    "lighthouse", "quay", "bridge", "tram", "rowing",
]  # fmt: skip
UPLOADS = "https://old.lakeside-ledger.example/wp-content/uploads"
HEAD = (ROOT / "tests/fixtures/wordpress/ledger-archive.wxr.xml").read_text(encoding="utf-8")
HEAD = HEAD[: HEAD.index("\t<item>")]


def item(number: int, rng: random.Random) -> str:
    words = " ".join(rng.choice(WORDS) for _ in range(300))
    day = 1 + number % 28
    return f"""<item><title>Story {number}: {" ".join(rng.sample(WORDS, 4))}</title>
<link>https://old.lakeside-ledger.example/2020/05/{day:02d}/story-{number}/</link>
<dc:creator>mbrook</dc:creator><content:encoded><![CDATA[<!-- wp:paragraph -->
<p>{words.capitalize()}.</p><!-- /wp:paragraph -->
[caption id="a{number}"]<img src="{UPLOADS}/x{number}.jpg" alt="Scene {number}">
 Scene {number}[/caption]
<p>{" ".join(rng.choice(WORDS) for _ in range(200))}.</p>]]></content:encoded>
<wp:post_id>{10000 + number}</wp:post_id><wp:post_date>2020-05-{day:02d} 10:00:00</wp:post_date>
<wp:post_date_gmt>2020-05-{day:02d} 09:00:00</wp:post_date_gmt>
<wp:post_name>story-{number}</wp:post_name>
<wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
<category domain="category" nicename="harbour">Harbour</category>
<category domain="category" nicename="town-hall">Town Hall</category></item>
"""


def main(count: int) -> None:
    rng = random.Random(24)
    with tempfile.TemporaryDirectory() as folder:
        export = Path(folder) / "export.xml"
        body = "".join(item(n, rng) for n in range(count))
        export.write_text(HEAD + body + "</channel>\n</rss>\n", encoding="utf-8")
        started = time.perf_counter()
        plan, result = import_wordpress(
            export,
            content_dir=Path(folder) / "content",
            declared=["Local"],
            console=Console(file=io.StringIO()),
        )
        elapsed = time.perf_counter() - started
    print(f"{count} posts: {len(result.written)} files written in {elapsed:.1f} s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
