"""'Did you mean' suggestions for misspelt keys and slugs."""

import difflib


def did_you_mean(word: str, choices) -> str:
    """Return ' (did you mean 'x'?)' for the closest choice, or '' when none is close."""
    close = difflib.get_close_matches(str(word), sorted(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def close_match(word: str, choices, cutoff: float) -> str | None:
    """The closest of `choices` at least `cutoff` similar to `word` (difflib's ratio), or None."""
    close = difflib.get_close_matches(str(word), sorted(choices), n=1, cutoff=cutoff)
    return close[0] if close else None
