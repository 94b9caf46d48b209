"""Serialise structured data once, safe to place inside a <script> element."""

import json

# `</script>` in a headline must not close the element, and `<!--` must not open a comment:
# escaping these three keeps the JSON identical once parsed.
_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def drop_empty(value):
    """Remove None, empty strings, lists and dicts, recursively."""
    if isinstance(value, dict):
        cleaned = {k: drop_empty(v) for k, v in value.items()}
        return {k: v for k, v in cleaned.items() if v not in (None, "", [], {})}
    if isinstance(value, list):
        cleaned = [drop_empty(v) for v in value]
        return [v for v in cleaned if v not in (None, "", [], {})]
    return value


def dumps_for_script(data) -> str:
    text = json.dumps(drop_empty(data), ensure_ascii=False, sort_keys=False, indent=None)
    # U+2028/2029 are legal JSON but end lines in older JavaScript parsers.
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return text.translate(_SCRIPT_SAFE)
