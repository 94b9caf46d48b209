"""Import a WordPress export (WXR 1.2) into our front-matter format, keeping every old URL.

`wxr` reads the export, `body` turns post HTML (shortcodes, block comments) into Markdown,
`plan` decides each item's file, front matter and report lines, `write` writes them
repeatably and `report` prints what happened.
"""

# The importer module puts plugins/ on sys.path once (newsroom_core, content_lint), as
# pelicanconf.py does; everything here reads the shared contract through it.
from newsroom import importer as _importer  # noqa: E402, F401
