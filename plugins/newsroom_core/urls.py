"""URL checks shared by every field that takes a URL from front matter."""

from urllib.parse import urlsplit

WEB_SCHEMES = frozenset({"http", "https"})


def url_problem(value: str, schemes=WEB_SCHEMES) -> str | None:
    """Return why `value` is not an acceptable absolute URL, or None when it is."""
    if not isinstance(value, str) or not value.strip():
        return "expected an absolute http(s) URL, got an empty value"
    if any(ord(ch) < 32 or ch.isspace() for ch in value):
        return f"expected an absolute http(s) URL without spaces, got {value!r}"
    parts = urlsplit(value)
    scheme = parts.scheme.lower()
    if scheme not in schemes:
        allowed = " or ".join(sorted(schemes))
        return f"expected an absolute {allowed} URL, got {value!r}"
    if scheme == "mailto":
        return None if "@" in parts.path else f"expected mailto:name@host, got {value!r}"
    if not parts.netloc:
        return f"expected an absolute URL with a host, got {value!r}"
    return None


def host_of(url: str) -> str:
    """The URL's host without a leading 'www.', lower-cased."""
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")


# Slugs become file and folder names: a 100,000-character category must not become an
# unwritable path (most file systems stop at 255 bytes per name).
SLUG_MAX_LENGTH = 80


def shortened(slug: str) -> str:
    """`slug` cut at a word boundary to at most SLUG_MAX_LENGTH characters."""
    if len(slug) <= SLUG_MAX_LENGTH:
        return slug
    return slug[: SLUG_MAX_LENGTH + 1].rsplit("-", 1)[0] or slug[:SLUG_MAX_LENGTH]
