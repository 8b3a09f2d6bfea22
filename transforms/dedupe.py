"""Near-duplicate detection: the same story in several outlets or wire copies with small edits."""

from __future__ import annotations

import hashlib
import re

SHINGLE_WORDS = 5
MAX_HAMMING = 3  # of 64 bits: a few edits in a long text, not a different story

_WORD = re.compile(r"\w+")


def simhash(text: str) -> int:
    """64-bit SimHash over word 5-shingles, as a signed int64 (so it fits a Parquet int64 column)."""
    words = _WORD.findall(text.lower())
    shingles = {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(max(1, len(words) - SHINGLE_WORDS + 1))}
    weights = [0] * 64
    for shingle in shingles:
        h = int.from_bytes(hashlib.blake2b(shingle.encode(), digest_size=8).digest(), "big")
        for bit in range(64):
            weights[bit] += 1 if h >> bit & 1 else -1
    value = sum(1 << bit for bit in range(64) if weights[bit] > 0)
    return value - (1 << 64) if value >= 1 << 63 else value


def hamming(a: int, b: int) -> int:
    return ((a ^ b) & ((1 << 64) - 1)).bit_count()


class NearDuplicateIndex:
    """Remembers SimHashes of first copies; answers which stored article a new text nearly repeats."""

    def __init__(self, max_distance: int = MAX_HAMMING) -> None:
        self.max_distance = max_distance
        self._items: list[tuple[int, str]] = []

    def add(self, article_id: str, fingerprint: int) -> None:
        self._items.append((fingerprint, article_id))

    def find(self, fingerprint: int) -> str | None:
        """The article id of the first stored near-copy, or None."""
        for stored, article_id in self._items:
            if hamming(stored, fingerprint) <= self.max_distance:
                return article_id
        return None
