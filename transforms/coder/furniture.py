"""Page furniture: photo credits, caption labels, slideshow galleries, adverts, links to other stories and
newsletter boxes that scraped pages glue into an article's sentences (transforms/data/furniture.tsv).

Its tokens belong to no sentence (transforms/coder/parse.py cuts sentences around them), so no event's
evidence holds them, and no actor, person, place or date is read from them.
"""

from __future__ import annotations

import re
import re._parser as regex_parser  # the parse of a pattern, to tell which words its matches hold
from dataclasses import dataclass

from spacy.tokens import Doc

from transforms.cameo import read_tsv
from transforms.doc_memo import doc_words

FURNITURE_FILE = "furniture.tsv"
_REPEATS = (regex_parser.MAX_REPEAT, regex_parser.MIN_REPEAT, regex_parser.POSSESSIVE_REPEAT)


class FurnitureFileError(ValueError):
    """A row of furniture.tsv that is no regular expression; the message names the row."""


@dataclass(frozen=True)
class FurniturePattern:
    """A row of furniture.tsv, compiled, and the words one of which every match of it holds (None: no
    such words can be told): an article holding none of them is not searched with the pattern, which
    spares most articles most of the searches."""

    pattern: re.Pattern[str]
    needs: frozenset[str] | None


def load_furniture() -> tuple[FurniturePattern, ...]:
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
        patterns.append(FurniturePattern(pattern, required_words(pattern)))
    return tuple(patterns)


def required_words(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Words one of which every match of `pattern` holds (the literal text of the parse of the pattern
    that narrows it most), or None when the pattern names none or ignores case."""
    if pattern.flags & re.IGNORECASE:
        return None
    try:
        return _required(regex_parser.parse(pattern.pattern, pattern.flags))
    except Exception:  # a construct this reading does not know: the pattern is always searched
        return None


def _required(items: regex_parser.SubPattern) -> frozenset[str] | None:
    """One of these strings is in the text of any match of `items`: the best of the literal runs of the
    sequence and of the parts every match goes through (groups, repeats of at least one, branches whose
    every alternative requires some string, lookarounds, which look at the text too)."""
    found: list[frozenset[str]] = []
    run: list[str] = []
    for op, arg in [*items, (None, None)]:
        if op is regex_parser.LITERAL:
            run.append(chr(arg))
            continue
        if run:
            found.append(frozenset({"".join(run)}))
            run = []
        part: frozenset[str] | None = None
        if op is regex_parser.SUBPATTERN and not arg[1] & re.IGNORECASE:
            part = _required(arg[3])
        elif op in _REPEATS and arg[0] >= 1:
            part = _required(arg[2])
        elif op is regex_parser.ATOMIC_GROUP:
            part = _required(arg)
        elif op is regex_parser.ASSERT:
            part = _required(arg[1])
        elif op is regex_parser.BRANCH:
            branches = [_required(branch) for branch in arg[1]]
            if all(branch is not None for branch in branches):
                part = frozenset().union(*branches)  # type: ignore[arg-type]
        if part:
            found.append(part)
    found = [words for words in found if all(words)]
    return max(found, key=lambda words: min(len(word) for word in words), default=None)


def page_furniture(patterns: tuple[FurniturePattern, ...], doc: Doc) -> frozenset[int]:
    """The indexes of the tokens of `doc` that page furniture covers (a token partly covered counts)."""
    found: set[int] = set()
    text = doc_words(doc).doc_text
    for furniture in patterns:
        # map over the text's `in` rather than a generator: no Python frame per word looked for
        if furniture.needs is not None and not any(map(text.__contains__, furniture.needs)):
            continue
        for match in furniture.pattern.finditer(text):
            span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
            if span is not None:
                found.update(range(span.start, span.end))
    return frozenset(found)
