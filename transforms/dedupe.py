"""Near-duplicate detection: the same story in several outlets, or wire copies with small edits.

A new text is a copy of a stored one when

- the stored text contains at least `MIN_CONTAINMENT` of the new text's word shingles (4-word sequences,
  case and punctuation ignored), and
- it also has the new text's numbers, all but a quarter of them rounded down (none may differ when there
  are fewer than four).

Containment rather than Jaccard similarity, so that a shortened wire copy is linked to the full story,
while a longer version of a stored story is not: its extra paragraphs may report events that linking it
would leave uncoded. The numbers test keeps apart template stories that share most of their words and
differ in the facts: yesterday's and today's market report, a rate rise at one bank and at another.

Every stored article's shingle hashes are kept (4 bytes each), so a lookup is exact: no sampling, no
SimHash distance threshold. The 64-bit SimHash is computed from the same hashes for the articles table, as
a compact fingerprint for SQL users (``bit_count(a.simhash # b.simhash)``); the index does not use it.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass

import numpy as np

SHINGLE_WORDS = 4
MIN_CONTAINMENT = 0.7
# Share of the new text's numbers that may be missing from the stored copy (rounded down).
NUMBER_SLACK = 0.25

_WORD = re.compile(r"\w+")
_NUMBER = re.compile(r"\d+(?:[.,/:-]\d+)*")
_MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)
_EMPTY = np.zeros(0, dtype=np.uint32)


@dataclass(frozen=True, eq=False)
class Sketch:
    """What near-duplicate detection keeps of a text."""

    simhash: int  # signed int64, for the articles table
    shingles: np.ndarray  # sorted unique uint32 hashes of the word shingles
    numbers: np.ndarray  # sorted unique uint32 hashes of the numbers as written (1,500 and 7-3/4 whole)


def _mix(values: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser: every input bit moves about half the output bits."""
    values = values ^ (values >> np.uint64(30))
    values = values * np.uint64(0xBF58476D1CE4E5B9)
    values = values ^ (values >> np.uint64(27))
    values = values * np.uint64(0x94D049BB133111EB)
    return values ^ (values >> np.uint64(31))


def _crc_hashes(tokens: list[str]) -> np.ndarray:
    return np.fromiter((zlib.crc32(t.encode()) for t in tokens), np.uint64, len(tokens))


def shingle_hashes(text: str) -> np.ndarray:
    """64-bit hashes of the lower-cased word `SHINGLE_WORDS`-grams of `text` (one shingle when shorter)."""
    words = _WORD.findall(text.lower())
    if not words:
        return np.zeros(0, dtype=np.uint64)
    word_hashes = _mix(_crc_hashes(words))
    span = min(SHINGLE_WORDS, len(words))
    count = len(words) - span + 1
    combined = word_hashes[:count].copy()
    with np.errstate(over="ignore"):
        for offset in range(1, span):
            combined = combined * _MULTIPLIER + word_hashes[offset : offset + count]
    return _mix(combined)


def sketch(text: str) -> Sketch:
    hashes = np.unique(shingle_hashes(text))
    numbers = np.unique(_crc_hashes(_NUMBER.findall(text)).astype(np.uint32))
    if hashes.size == 0:
        return Sketch(0, _EMPTY, numbers)
    bits = np.unpackbits(hashes.view(np.uint8).reshape(-1, 8), axis=1, bitorder="little")
    majority = bits.sum(axis=0, dtype=np.int64) * 2 > hashes.size
    value = int(np.packbits(majority, bitorder="little").view("<u8")[0])
    shingles = np.unique((hashes >> np.uint64(32)).astype(np.uint32))
    return Sketch(value - (1 << 64) if value >= 1 << 63 else value, shingles, numbers)


def simhash(text: str) -> int:
    """64-bit SimHash of `text`'s word shingles, as a signed int64 (so it fits a Parquet int64 column)."""
    return sketch(text).simhash


def containment(part: Sketch, whole: Sketch) -> float:
    """Share of `part`'s shingles found in `whole`."""
    if part.shingles.size == 0:
        return 0.0
    return np.isin(part.shingles, whole.shingles, assume_unique=True).sum() / part.shingles.size


def numbers_agree(part: Sketch, whole: Sketch) -> bool:
    """True when `whole` states all of `part`'s numbers but the allowed slack."""
    missing = part.numbers.size - np.isin(part.numbers, whole.numbers, assume_unique=True).sum()
    return missing <= int(part.numbers.size * NUMBER_SLACK)


def is_copy(new: Sketch, stored: Sketch) -> bool:
    return containment(new, stored) >= MIN_CONTAINMENT and numbers_agree(new, stored)


class NearDuplicateIndex:
    """Sketches of first copies; answers which stored article a new text repeats (see `is_copy`).

    The shingles of all stored articles sit in a few sorted runs of (hash, owner) pairs, so a lookup
    is a binary search per shingle of the new text, whatever the number of stored articles. Runs are
    merged as they grow, like the levels of a log-structured merge tree, so there are never more than
    about log2(stored shingles) of them."""

    def __init__(self) -> None:
        self._ids: list[str] = []
        self._sketches: list[Sketch] = []
        self._runs: list[tuple[np.ndarray, np.ndarray]] = []  # (sorted hashes, owners), larger first

    def __len__(self) -> int:
        return len(self._ids)

    def add(self, article_id: str, text_sketch: Sketch) -> None:
        owners = np.full(text_sketch.shingles.size, len(self._ids), dtype=np.uint32)
        self._ids.append(article_id)
        self._sketches.append(text_sketch)
        self._runs.append((text_sketch.shingles, owners))
        while len(self._runs) > 1 and self._runs[-2][0].size <= 2 * self._runs[-1][0].size:
            newer, older = self._runs.pop(), self._runs.pop()
            hashes = np.concatenate([older[0], newer[0]])
            order = np.argsort(hashes, kind="stable")
            self._runs.append((hashes[order], np.concatenate([older[1], newer[1]])[order]))

    def find(self, text_sketch: Sketch) -> str | None:
        """The id of the earliest stored article the text is a copy of, or None."""
        query = text_sketch.shingles
        if not self._ids or query.size == 0:
            return None
        shared = np.zeros(len(self._ids), dtype=np.int64)
        for hashes, owners in self._runs:
            starts = np.searchsorted(hashes, query, side="left")
            counts = np.searchsorted(hashes, query, side="right") - starts
            total = int(counts.sum())
            if total:
                # Every match: each query shingle's range [start, start + count) of the run.
                offsets = np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts)
                shared += np.bincount(owners[np.repeat(starts, counts) + offsets], minlength=len(self._ids))
        for owner in np.flatnonzero(shared >= MIN_CONTAINMENT * query.size):
            if numbers_agree(text_sketch, self._sketches[owner]):
                return self._ids[owner]
        return None
