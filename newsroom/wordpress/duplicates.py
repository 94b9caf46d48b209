"""Old archives hold near-duplicate posts (a story republished, a draft copied). Our lint
refuses near-duplicate articles (an error: it stops the build), so the import keeps the first
of each group, by export order, and makes the others' old URLs redirect to it. The test is the
lint's own: word-shingle MinHash, LSH banding, exact Jaccard at the lint's threshold."""

from __future__ import annotations

from content_lint.duplicates import candidate_pairs, jaccard, shingles, signature
from content_lint.settings import DEFAULTS


def duplicate_of(bodies: dict, options: dict | None = None) -> dict:
    """{later key: (earlier key, similarity)} for keys (in order) whose bodies near-match."""
    options = {**DEFAULTS, **(options or {})}
    order = {key: index for index, key in enumerate(bodies)}
    sets = {key: shingles(text, options["shingle_words"]) for key, text in bodies.items()}
    sets = {key: found for key, found in sets.items() if found}
    signatures = {
        key: signature(found, options["minhash_permutations"]) for key, found in sets.items()
    }
    found: dict = {}
    for first, second in sorted(candidate_pairs(signatures, options["lsh_bands"])):
        similarity = jaccard(sets[first], sets[second])
        if similarity < options["near_duplicate_threshold"]:
            continue
        earlier, later = sorted((first, second), key=order.__getitem__)
        while earlier in found:  # a copy of a copy points at the one that stays
            earlier = found[earlier][0]
        if later not in found and earlier != later:
            found[later] = (earlier, similarity)
    return found
