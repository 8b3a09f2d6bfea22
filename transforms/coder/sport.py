"""Sport: the @SPORT words and phrases of an article, matched once with spaCy's PhraseMatcher.

An article with four different sport words codes no event; in one with two, or a sentence with two or a
score, a city's name is a team ("Dortmund attacked relentlessly"), and a sentence with two codes none.
Words are read as spaCy splits them, hyphens and spaces left out ("semi-final" is "semi final"), each by
its lower-case form and by its lower-case lemma; a phrase counts once, the longest first.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

SCORE = re.compile(r"(?<![\d.,/-])\d{1,2} ?[-–] ?\d{1,2}(?![\d.,/-])")
SKIPPED = frozenset({"-", "–"})
LONGEST = 3  # the words of the longest phrase tried, as the greedy reading of the article goes


class SportMatcher:
    """The @SPORT class of verbs.tsv as a PhraseMatcher over an article's words."""

    def __init__(self, words: frozenset[str]) -> None:
        self.vocab = Vocab()
        self.matcher = PhraseMatcher(self.vocab, attr="ORTH")
        self.matcher.add("SPORT", [Doc(self.vocab, words=phrase.split(" ")) for phrase in sorted(words)])

    def find(self, doc: Doc) -> SportHits:
        """Every sport word and phrase of `doc`, by its lower-case words or by their lemmas."""
        positions: list[int] = []
        lower: list[str] = []
        lemma: list[str] = []
        for token in doc:
            if token.text in SKIPPED or token.is_space:
                continue
            positions.append(token.i)
            lower.append(token.lower_)
            lemma.append(token.lemma_.lower())
        lengths: list[set[int]] = [set() for _ in positions]
        for words in (lower, [w or "\x00" for w in lemma]):  # an empty lemma matches nothing
            for _, start, end in self.matcher(Doc(self.vocab, words=words)) if words else ():
                lengths[start].add(end - start)
        return SportHits(positions, lower, lemma, lengths)


@dataclass
class SportHits:
    """The sport matches of one article, by position among its words (hyphens and spaces left out)."""

    positions: list[int]  # the doc index of each word
    lower: list[str]
    lemma: list[str]
    lengths: list[set[int]]  # the lengths of the phrases matched from each word

    def hits(self, span: Doc | Span | None = None) -> list[str]:
        """The sport words and phrases of `span` (the article if None), read greedily from its start: a
        phrase of three words, else two, else one word; a phrase is its lower-case words, a word its lemma."""
        start = 0 if span is None else bisect_left(self.positions, span.start)
        end = len(self.positions) if span is None else bisect_left(self.positions, span.end)
        found: list[str] = []
        i = start
        while i < end:
            for size in range(LONGEST, 1, -1):
                if i + size <= end and size in self.lengths[i]:
                    found.append(" ".join(self.lower[i : i + size]))
                    i += size
                    break
            else:
                if 1 in self.lengths[i]:
                    found.append(self.lemma[i])
                i += 1
        return found

    def sentence_is_sport(self, sent: Span) -> bool:
        """Two sport words, or a score ("2-0", "3-1"), in the sentence."""
        return len(self.hits(sent)) + len(SCORE.findall(sent.text)) >= 2
