"""The words of a document read once, as lists with one Python value per token.

The coder reads a whole article several times over (page furniture, sport, people, sentences); reading a
spaCy `Token` per word per pass costs more than the rest of those passes. Each list here is made once per
article from `Doc.to_array`, the first time a pass asks for it; the coder of an article hands its
`DocWords` to the passes.
"""

from __future__ import annotations

from functools import cached_property

from spacy.attrs import ENT_TYPE, IS_SPACE, LEMMA, LOWER, ORTH, POS
from spacy.symbols import PERSON, PROPN
from spacy.tokens import Doc


class DocWords:
    """Token attributes of one document as lists indexed like the document."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc

    def _strings(self, attr: int) -> list[str]:
        ids = self.doc.to_array(attr).tolist() if len(self.doc) else []
        strings = self.doc.vocab.strings
        # a document repeats its words: each distinct id is looked up once
        found = {i: strings[i] for i in set(ids)}
        return [found[i] for i in ids]

    def _flags(self, attr: int) -> list[bool]:
        return [bool(flag) for flag in self.doc.to_array(attr).tolist()] if len(self.doc) else []

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
        lowered = {lemma: lemma.lower() for lemma in set(lemmas)}
        return [lowered[lemma] for lemma in lemmas]

    @cached_property
    def proper_or_person(self) -> list[bool]:
        """A proper noun, or a word of a person's name by the entity recogniser."""
        if not len(self.doc):
            return []
        rows = self.doc.to_array([POS, ENT_TYPE]).tolist()
        return [pos == PROPN or ent_type == PERSON for pos, ent_type in rows]

    @cached_property
    def is_space(self) -> list[bool]:
        return self._flags(IS_SPACE)

    @cached_property
    def doc_text(self) -> str:
        return self.doc.text
