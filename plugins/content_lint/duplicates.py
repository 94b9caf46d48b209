"""Near-duplicate articles: word-shingle MinHash signatures, LSH banding, exact check.

Signatures use one-permutation hashing: each shingle's hash picks one of `minhash_permutations`
bins and the bin keeps its smallest value, so a signature costs one pass over the shingles, not
one pass per permutation (at 1,000 articles that was 40 million multiplications, most of the
build). Two articles agree on a bin with probability close to their Jaccard similarity, as with
classic MinHash. Banding puts two articles in the same bucket only when a whole band of their
signatures agrees, so only likely pairs are compared; the exact Jaccard similarity of their
shingle sets then decides. Nothing compares every pair.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from functools import lru_cache
from itertools import combinations

import numpy as np

from .document import ARTICLE, LintDocument
from .findings import ERROR, Finding

_WORD = re.compile(r"\w+")


def shingles(text: str, size: int) -> frozenset[int]:
    """Hashes of every run of `size` consecutive words (lower-cased, punctuation ignored).

    Each distinct word is hashed once (blake2b, the same on every machine); a run's hash
    combines its words' hashes with fixed odd multipliers in 64-bit arithmetic, all runs at
    once in numpy. Hashing each run's text was most of the lint's time.
    """
    words = _WORD.findall(text.lower())
    if len(words) < size:
        return frozenset()
    hashes = np.fromiter(map(_word_hash, words), dtype=np.uint64, count=len(words))
    count = len(words) - size + 1
    runs = np.zeros(count, dtype=np.uint64)
    for offset in range(size):  # uint64 arithmetic wraps around, which is what we want
        runs = runs * _RUN_MULTIPLIER + hashes[offset : offset + count]
    runs ^= runs >> np.uint64(31)  # spread the bits: the bin is taken from the low ones
    runs *= _MIX_MULTIPLIER
    runs ^= runs >> np.uint64(29)
    return frozenset(runs.tolist())


_RUN_MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)
_MIX_MULTIPLIER = np.uint64(0xBF58476D1CE4E5B9)


@lru_cache(maxsize=1 << 18)
def _word_hash(word: str) -> int:
    return int.from_bytes(hashlib.blake2b(word.encode(), digest_size=8).digest(), "big")


def signature(shingle_set: frozenset[int], bins: int) -> tuple:
    """The smallest value per bin; a bin no shingle fell in stays None (short texts)."""
    smallest = [None] * bins
    for value in shingle_set:
        slot, rest = value % bins, value // bins
        current = smallest[slot]
        if current is None or rest < current:
            smallest[slot] = rest
    return tuple(smallest)


def jaccard(a: frozenset, b: frozenset) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def candidate_pairs(signatures: dict, bands: int) -> set[tuple]:
    """Keys whose signatures agree on at least one whole band."""
    buckets = defaultdict(list)
    for key, sig in signatures.items():
        rows = len(sig) // bands
        for band in range(bands):
            buckets[(band, sig[band * rows : (band + 1) * rows])].append(key)
    pairs = set()
    for keys in buckets.values():
        pairs.update(tuple(sorted(pair)) for pair in combinations(keys, 2))
    return pairs


def near_duplicates(docs: list[LintDocument], settings) -> list[Finding]:
    options = settings["CONTENT_LINT"]
    size, threshold = options["shingle_words"], options["near_duplicate_threshold"]
    bins = options["minhash_permutations"]
    sets = {doc.path: shingles(doc.body, size) for doc in docs if doc.kind == ARTICLE}
    sets = {path: s for path, s in sets.items() if s}
    signatures = {path: signature(s, bins) for path, s in sets.items()}
    by_path = {doc.path: doc for doc in docs}
    findings = []
    for first, second in sorted(candidate_pairs(signatures, options["lsh_bands"])):
        similarity = jaccard(sets[first], sets[second])
        if similarity >= threshold:
            for this, other in ((first, second), (second, first)):
                message = f"{similarity:.0%} of its text matches {other}"
                hint = "keep one article, or credit the other as its source and rewrite"
                findings.append(
                    Finding(this, by_path[this].body_line, ERROR, "near-duplicate", message, hint)
                )
    return findings
