"""Sport: the @SPORT words and phrases of an article, matched once per article.

An article with four different sport words codes no event; in one with two, or a sentence with two or a
score, a city's name is a team ("Dortmund attacked relentlessly"), and a sentence with two codes none.
Words are read as spaCy splits them, hyphens and spaces left out ("semi-final" is "semi final"), each by
its lower-case form and by its lower-case lemma; a phrase counts once, the longest first.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from transforms.coder.parse import sentence_text
from transforms.doc_memo import doc_words

SCORE = re.compile(r"(?<![\d.,/-])\d{1,2} ?[-–] ?\d{1,2}(?![\d.,/-])")
DASHED_DIGITS = re.compile(r"\d ?[-–] ?\d")  # what every SCORE match contains
SKIPPED = frozenset({"-", "–"})
LONGEST = 3  # the words of the longest phrase tried, as the greedy reading of the article goes


class SportMatcher:
    """The @SPORT class of verbs.tsv, matched over an article's words."""

    def __init__(self, words: frozenset[str]) -> None:
        # a phrase with an empty word (a stray "_") matches nothing: no word of a text is empty
        self.phrases = frozenset(p for p in (tuple(phrase.split(" ")) for phrase in words) if all(p))
        self.firsts = frozenset(phrase[0] for phrase in self.phrases)  # most words start no phrase
        self.sizes = sorted({len(phrase) for phrase in self.phrases})  # lengths in words

    def find(self, doc: Doc) -> SportHits:
        """Every sport word and phrase of `doc`, by its lower-case words or by their lemmas."""
        words = doc_words(doc)
        dashed_digits = DASHED_DIGITS.search(words.doc_text) is not None
        if self.firsts.isdisjoint(words.lower) and self.firsts.isdisjoint(words.lemma):
            return SportHits([], [], [], [], dashed_digits)  # most articles: no word starts a phrase
        positions = [
            i for i, (text, space) in enumerate(zip(words.text, words.is_space, strict=True))
            if not (space or text in SKIPPED)
        ]  # fmt: skip
        lower = [words.lower[i] for i in positions]
        lemma = [words.lemma[i] for i in positions]
        lengths: list[set[int]] = [set() for _ in positions]
        firsts, phrases = self.firsts, self.phrases
        for forms in (lower, lemma):
            for start, word in enumerate(forms):
                if word not in firsts:
                    continue
                for size in self.sizes:
                    if start + size <= len(forms) and tuple(forms[start : start + size]) in phrases:
                        lengths[start].add(size)
        return SportHits(positions, lower, lemma, lengths, dashed_digits)


@dataclass
class SportHits:
    """The sport matches of one article, by position among its words (hyphens and spaces left out)."""

    positions: list[int]  # the doc index of each word
    lower: list[str]
    lemma: list[str]
    lengths: list[set[int]]  # the lengths of the phrases matched from each word
    # a digit, a dash and a digit somewhere in the article: without one no sentence holds a score
    dashed_digits: bool = True

    def hits(self, span: Doc | Span | None = None) -> list[str]:
        """The sport words and phrases of `span` (the article if None), read greedily from its start: a
        phrase of three words, else two, else one word; a phrase is its lower-case words, a word its lemma."""
        start = 0 if span is None else bisect_left(self.positions, span.start)
        end = len(self.positions) if span is None else bisect_left(self.positions, span.end)
        found: list[str] = []
        i = start
        while i < end:
            if not self.lengths[i]:  # most words: no phrase starts here
                i += 1
                continue
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
        found = len(self.hits(sent))
        if found >= 2 or not self.dashed_digits:
            return found >= 2
        return found + len(SCORE.findall(sentence_text(sent))) >= 2
