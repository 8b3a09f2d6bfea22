"""What a function computes from a whole parsed document, remembered for the last document it was asked about.

The coder reads a document one sentence (or one word) at a time, and several of its steps need something of
the whole document: its words as lists (`doc_words`: page furniture, sport, people, sentences, role phrases
and dates read those), where its quote marks or the words that can start a date stand, read once as arrays
of token attributes rather than a Token object per word per sentence or per pass. `per_document` keeps the
answer for the last document only (the coder codes one document after another), holding no more than that
one document.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property, wraps
from operator import itemgetter
from typing import TypeVar

import numpy
from spacy.attrs import ENT_TYPE, IS_SPACE, LEMMA, LOWER, ORTH, POS, SPACY
from spacy.symbols import PERSON, PROPN
from spacy.tokens import Doc

# The token attributes `DocWords` reads.
ATTRS = (ORTH, LOWER, LEMMA, POS, ENT_TYPE, SPACY, IS_SPACE)

K = TypeVar("K")
T = TypeVar("T")


def remember_last(compute: Callable[[K], T]) -> Callable[[K], T]:
    """`compute(key)`, computed again only when asked about another object than the last one (by identity):
    a document, or a dictionary a rule indexes once."""
    last: tuple[K, T] | None = None

    @wraps(compute)
    def remembered(key: K) -> T:
        nonlocal last
        found = last  # one read: the object and its answer stay a pair whoever else calls
        if found is None or found[0] is not key:
            found = last = (key, compute(key))
        return found[1]

    return remembered


def per_document(compute: Callable[[Doc], T]) -> Callable[[Doc], T]:
    """`compute(doc)`, computed again only when asked about another document than the last one."""
    return remember_last(compute)


class DocWords:
    """Token attributes of one document as lists indexed like the document."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc

    @cached_property
    def _array(self) -> numpy.ndarray:
        """The attributes of `ATTRS` of every word, read by one `Doc.to_array` call (a call per attribute
        costs more, and the coder asks for nearly all of them of every document)."""
        return self.doc.to_array(list(ATTRS))

    def column(self, attr: int) -> numpy.ndarray:
        """The values of one attribute of `ATTRS` (ids, flags) of every word, as a numpy array."""
        return self._array[:, ATTRS.index(attr)]

    def _strings(self, attr: int) -> list[str]:
        ids = self.column(attr).tolist() if len(self.doc) else []
        strings = self.doc.vocab.strings
        # a document repeats its words: each distinct id is looked up once
        return _spread({i: strings[i] for i in set(ids)}, ids)

    def _flags(self, attr: int) -> list[bool]:
        flags: list[bool] = self.column(attr).astype(bool).tolist() if len(self.doc) else []
        return flags

    @cached_property
    def text(self) -> list[str]:
        return self._strings(ORTH)

    @cached_property
    def lower(self) -> list[str]:
        return self._strings(LOWER)

    @cached_property
    def lemma(self) -> list[str]:
        """Lemmas in lower case."""
        lemmas = self._strings(LEMMA)
        return _spread({lemma: lemma.lower() for lemma in set(lemmas)}, lemmas)

    @cached_property
    def proper_or_person(self) -> list[bool]:
        """A proper noun, or a word of a person's name by the entity recogniser."""
        if not len(self.doc):
            return []
        found: list[bool] = ((self.column(POS) == PROPN) | (self.column(ENT_TYPE) == PERSON)).tolist()
        return found

    @cached_property
    def is_space(self) -> list[bool]:
        return self._flags(IS_SPACE)

    @cached_property
    def space_after(self) -> list[bool]:
        """Whether a space follows the word (`Token.whitespace_`)."""
        return self._flags(SPACY)

    @cached_property
    def ent_type(self) -> list[str]:
        """The entity type of the word ("GPE"; "" outside entities: `Token.ent_type_`)."""
        return self._strings(ENT_TYPE)

    @cached_property
    def doc_text(self) -> str:
        """`doc.text`, joined from the words as written and whether a space follows each (`Doc.text` makes
        a Token per word)."""
        pairs = zip(self.text, self.space_after, strict=True)
        return "".join([word + " " if space else word for word, space in pairs])


def _spread(values: dict[K, T], keys: list[K]) -> list[T]:
    """`[values[key] for key in keys]`, by itemgetter: one C call rather than a Python step per word."""
    if len(keys) < 2:  # itemgetter of one key gives its value, not a tuple
        return [values[key] for key in keys]
    return list(itemgetter(*keys)(values))


@per_document
def doc_words(doc: Doc) -> DocWords:
    """The words of `doc` as lists, made once per document."""
    return DocWords(doc)
