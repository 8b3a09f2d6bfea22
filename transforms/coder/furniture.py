"""Page furniture: photo credits, caption labels, slideshow galleries, adverts, links to other stories and
newsletter boxes that scraped pages glue into an article's sentences (transforms/data/furniture.tsv).

Its tokens belong to no sentence (transforms/coder/parse.py cuts sentences around them), so no event's
evidence holds them, and no actor, person, place or date is read from them.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from transforms.cameo import read_tsv

FURNITURE_FILE = "furniture.tsv"


class FurnitureFileError(ValueError):
    """A row of furniture.tsv that is no regular expression; the message names the row."""


def load_furniture() -> tuple[re.Pattern[str], ...]:
    """The patterns of furniture.tsv, compiled (`^` and `$` match at paragraph breaks)."""
    patterns = []
    for number, row in enumerate(read_tsv(FURNITURE_FILE), start=1):
        text = row.get("pattern") or ""
        try:
            pattern = re.compile(text, re.MULTILINE)
        except re.error as exc:
            raise FurnitureFileError(
                f"{FURNITURE_FILE}: row {number} ({text!r}) is no regular expression: {exc}"
            ) from None
        if pattern.match(""):
            raise FurnitureFileError(f"{FURNITURE_FILE}: row {number} ({text!r}) matches empty text")
        patterns.append(pattern)
    return tuple(patterns)


def page_furniture(patterns: tuple[re.Pattern[str], ...], doc: Doc) -> frozenset[int]:
    """The indexes of the tokens of `doc` that page furniture covers (a token partly covered counts)."""
    found: set[int] = set()
    text = doc.text
    for pattern in patterns:
        for match in pattern.finditer(text):
            span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
            if span is not None:
                found.update(range(span.start, span.end))
    return frozenset(found)
