"""The linter's one settings dict, `CONTENT_LINT`, with its defaults."""

from __future__ import annotations

from newsroom_core.settings import SettingsError, check_plugin_settings

DEFAULTS = {
    # Jaccard similarity of word 5-gram sets at or above which two articles are near-duplicates.
    "near_duplicate_threshold": 0.8,
    "shingle_words": 5,
    # MinHash signature length (one-permutation bins) and LSH bands: with 64/16 (4 rows a
    # band) pairs above ~0.5 similarity become candidates; candidates are then checked
    # exactly against the threshold.
    "minhash_permutations": 64,
    "lsh_bands": 16,
    "title_max_chars": 70,
    "summary_min_chars": 50,
    "summary_max_chars": 160,
    "disabled_rules": [],
}


def lint_options(settings: dict) -> dict:
    """Validated `CONTENT_LINT` merged over DEFAULTS (the caller's settings are not changed)."""
    options = check_plugin_settings("content_lint", dict(settings), "CONTENT_LINT", DEFAULTS)
    threshold = options["near_duplicate_threshold"]
    if not 0 < threshold <= 1:
        raise SettingsError(
            "content_lint: CONTENT_LINT['near_duplicate_threshold']: "
            f"expected a number in (0, 1], got {threshold!r}"
        )
    if options["minhash_permutations"] % options["lsh_bands"]:
        raise SettingsError(
            "content_lint: CONTENT_LINT['lsh_bands']: expected a divisor of minhash_permutations "
            f"({options['minhash_permutations']}), got {options['lsh_bands']!r}"
        )
    return options
