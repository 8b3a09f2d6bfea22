"""Role phrases (roles.tsv: "troops", "home secretary", "shadow chancellor") found in a parse.

A phrase ends at a noun when the words before its last word stand just before the noun, all as their lemmas
or all as written, and its last word is the noun's lemma ("troops": troop), the noun as written, or the
stem of an acronym's plural ("MPs": mp). Where those leading words stand is found once per document, by set
lookups over its lower-case lemmas and its lower-case words, from the words that start leading words.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from transforms.doc_memo import doc_words

# Which leading words a phrase matched by, in the order a match counts: lemmas first, then the words.
FORMS = ("lemma", "text")


class RolePhrases:
    """The role of the longest role phrase ending at a token, from (phrase, role) pairs."""

    def __init__(self, roles: Iterable[tuple[str, str]]) -> None:
        self.roles: dict[tuple[str, ...], str] = {}
        for phrase, role in roles:
            words = tuple(phrase.lower().split())
            if words and role:
                self.roles.setdefault(words, role.strip().upper())
        # the words before the last word of the phrases of two words or more
        self._leading = frozenset(words[:-1] for words in self.roles if len(words) > 1)
        self._firsts = frozenset(words[0] for words in self._leading)  # most words start none
        self._sizes = sorted({len(words) for words in self._leading})
        # the last words of the phrases: a token none of whose forms is one ends no phrase, which is
        # told without looking at the words before it (most capitalised names, most words)
        self._lasts = frozenset(words[-1] for words in self.roles)
        # the last document looked at: its words and the role phrases found ending in it (the coder asks
        # about one document many times in a row, often about the same word); never pickled
        self._last: _DocPhrases | None = None

    def __getstate__(self) -> dict[str, object]:
        return {**self.__dict__, "_last": None}

    def ending_at(self, token: Token) -> tuple[str, int] | None:
        """The role of the longest role phrase ending at `token` and that phrase's first token index."""
        return self.ending_in(token.doc, token.i)

    def ending_in(self, doc: Doc, i: int) -> tuple[str, int] | None:
        """`ending_at(doc[i])` without making the Token (callers that go through a document's words)."""
        if not self.roles:
            return None
        last = self._last
        if last is None or last.doc is not doc:
            last = self._last = self._read(doc)
        endings = last.endings
        if i in endings:
            return endings[i]
        found = endings[i] = self._ending_at(last, i)
        return found

    def _ending_at(self, words: _DocPhrases, i: int) -> tuple[str, int] | None:
        lower = words.lowers[i]
        last: tuple[str, ...] = (words.lemmas[i], lower)
        if lower.endswith("s"):  # the text ends with "s" or "S": read it only then
            text = words.texts[i]
            if text.endswith("s") and len(text) > 2 and text[:-1].isupper():
                last += (text[:-1].lower(),)  # "MPs", "MEPs": an acronym's plural the lemmatiser keeps
        lasts = self._lasts
        if not any(word in lasts for word in last):
            return None  # every phrase ends in one of `_lasts`: none ends here
        leading = words.leading.get(i, {})
        for start in sorted(leading):  # the longest phrase first
            for word in last:
                for form in FORMS:
                    phrase = leading[start].get(form)
                    role = self.roles.get((*phrase, word)) if phrase is not None else None
                    if role is not None:
                        return role, start
        for word in last:
            role = self.roles.get((word,))
            if role is not None:
                return role, i
        return None

    def _read(self, doc: Doc) -> _DocPhrases:
        """The words of `doc` and where a role phrase's leading words stand in it: by the index of the
        token after them, their first token's index, then by form (lemma, text), the words."""
        memo = doc_words(doc)  # no Token object made per word
        text, lemma = memo.lower, memo.lemma
        found: dict[int, dict[int, dict[str, tuple[str, ...]]]] = {}
        leading, firsts, sizes = self._leading, self._firsts, self._sizes
        for form, words in zip(FORMS, (lemma, text), strict=True):
            for start, word in enumerate(words):
                if word not in firsts:
                    continue
                for size in sizes:
                    end = start + size
                    if end <= len(words) and (phrase := tuple(words[start:end])) in leading:
                        found.setdefault(end, {}).setdefault(start, {})[form] = phrase
        return _DocPhrases(doc, text, lemma, memo.text, found)


@dataclass
class _DocPhrases:
    """One document as `RolePhrases` reads it."""

    doc: Doc
    lowers: list[str]  # each token's lower-case form
    lemmas: list[str]  # each token's lemma, lower case
    texts: list[str]  # each token as written
    leading: dict[int, dict[int, dict[str, tuple[str, ...]]]]  # where leading words end (`RolePhrases._read`)
    endings: dict[int, tuple[str, int] | None] = field(default_factory=dict)  # `ending_at` of a token index
