"""Role phrases (roles.tsv: "troops", "home secretary", "shadow chancellor") found in a parse with spaCy's
PhraseMatcher.

A phrase ends at a noun when the words before its last word stand just before the noun, all as their lemmas
or all as written, and its last word is the noun's lemma ("troops": troop), the noun as written, or the
stem of an acronym's plural ("MPs": mp). Two PhraseMatchers over those leading words, one on lemmas and
one on the words as written, are built once from the dictionary; they run once per document.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

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
        self.vocab = Vocab()
        self._leading: dict[int, tuple[str, ...]] = {}  # match id -> the leading words it stands for
        self._matchers = {
            "lemma": PhraseMatcher(self.vocab, attr="LEMMA"),
            "text": PhraseMatcher(self.vocab, attr="ORTH"),
        }
        for words in sorted({words[:-1] for words in self.roles if len(words) > 1}):
            key = " ".join(words)
            self._leading[self.vocab.strings.add(key)] = words
            pattern = Doc(self.vocab, words=list(words), lemmas=list(words))
            for matcher in self._matchers.values():
                matcher.add(key, [pattern])
        # the last document looked at and where leading words end in it (the coder asks about one
        # document many times in a row); never pickled
        self._last: tuple[Doc, dict[int, dict[int, dict[str, tuple[str, ...]]]]] | None = None

    def __getstate__(self) -> dict[str, object]:
        return {**self.__dict__, "_last": None}

    def ending_at(self, token: Token) -> tuple[str, int] | None:
        """The role of the longest role phrase ending at `token` and that phrase's first token index."""
        if not self.roles:
            return None
        leading = self._leading_words(token.doc).get(token.i, {})
        last: tuple[str, ...] = (token.lemma_.lower(), token.lower_)
        if token.text.endswith("s") and len(token.text) > 2 and token.text[:-1].isupper():
            last += (token.text[:-1].lower(),)  # "MPs", "MEPs": an acronym's plural the lemmatiser keeps
        for start in sorted(leading):  # the longest phrase first
            for word in last:
                for form in FORMS:
                    words = leading[start].get(form)
                    role = self.roles.get((*words, word)) if words is not None else None
                    if role is not None:
                        return role, start
        for word in last:
            role = self.roles.get((word,))
            if role is not None:
                return role, token.i
        return None

    def _leading_words(self, doc: Doc) -> dict[int, dict[int, dict[str, tuple[str, ...]]]]:
        """Where a role phrase's leading words stand in `doc`: by the index of the token after them, their
        first token's index, then by form (lemma, text), the words."""
        last = self._last
        if last is not None and last[0] is doc:
            return last[1]
        view = Doc(self.vocab, words=[t.lower_ for t in doc], lemmas=[t.lemma_.lower() for t in doc])
        found: dict[int, dict[int, dict[str, tuple[str, ...]]]] = {}
        for form, matcher in self._matchers.items():
            for match_id, start, end in matcher(view):
                found.setdefault(end, {}).setdefault(start, {})[form] = self._leading[match_id]
        self._last = (doc, found)
        return found
