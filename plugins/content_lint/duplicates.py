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
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Signed:
    """An article as the near-duplicate check needs it: its signature, not its text."""

    path: str
    body_line: int
    signature: tuple


def article_shingles(document: LintDocument | None, settings) -> frozenset[int]:
    """An article's shingles; none for other documents (profiles, pages)."""
    if document is None or document.kind != ARTICLE:
        return frozenset()
    return shingles(document.body, settings["CONTENT_LINT"]["shingle_words"])


def article_signature(shingle_set: frozenset[int], settings) -> tuple:
    return signature(shingle_set, settings["CONTENT_LINT"]["minhash_permutations"])


def near_duplicates(docs: list[LintDocument], settings) -> list[Finding]:
    sets = {doc.path: article_shingles(doc, settings) for doc in docs}
    sets = {path: s for path, s in sets.items() if s}
    by_path = {doc.path: doc for doc in docs}
    signed = [
        Signed(path, by_path[path].body_line, article_signature(s, settings))
        for path, s in sets.items()
    ]
    return near_duplicates_among(signed, sets.__getitem__, settings)


def near_duplicates_among(signed: list[Signed], shingles_of, settings) -> list[Finding]:
    """Articles whose texts are near-duplicates; `shingles_of(path)` gives an article's
    shingles, asked only for the pairs the banding proposes."""
    options = settings["CONTENT_LINT"]
    threshold = options["near_duplicate_threshold"]
    signatures = {article.path: article.signature for article in signed}
    by_path = {article.path: article for article in signed}
    sets = {}
    findings = []
    for first, second in sorted(candidate_pairs(signatures, options["lsh_bands"])):
        for path in (first, second):
            if path not in sets:
                sets[path] = shingles_of(path)
        similarity = jaccard(sets[first], sets[second])
        if similarity >= threshold:
            for this, other in ((first, second), (second, first)):
                message = f"{similarity:.0%} of its text matches {other}"
                hint = "keep one article, or credit the other as its source and rewrite"
                findings.append(
                    Finding(this, by_path[this].body_line, ERROR, "near-duplicate", message, hint)
                )
    return findings
