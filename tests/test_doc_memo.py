"""What is computed once per document (transforms/doc_memo.py): remembered for the last document asked
about, and the words of a document as lists are what spaCy's tokens say."""

from __future__ import annotations

from handparse import parsed
from spacy.language import Language
from spacy.tokens import Doc

from transforms.doc_memo import DocWords, doc_words, per_document

TEXT = "Mr. Smith's  speech:\n\nPOLICE fired 3 rounds at   protesters in Kabul on Monday ."


def test_words_are_the_attributes_of_each_token(nlp: Language) -> None:
    doc = nlp(TEXT)
    words = DocWords(doc)
    assert words.text == [t.text for t in doc]
    assert words.lower == [t.lower_ for t in doc]
    assert words.lemma == [t.lemma_.lower() for t in doc]
    assert words.is_space == [t.is_space for t in doc]
    assert words.proper_or_person == [t.pos_ == "PROPN" or t.ent_type_ == "PERSON" for t in doc]
    assert words.doc_text == doc.text == TEXT


def test_words_of_a_hand_parsed_doc() -> None:
    doc = parsed(
        "Russia    PROPN  nsubj  attacked  ent=GPE",
        "attacked  VERB   ROOT   -         lemma=attack",
        "Ukraine   PROPN  dobj   attacked  ent=GPE",
        ".         PUNCT  punct  attacked",
    )
    words = DocWords(doc)
    assert words.lemma == ["russia", "attack", "ukraine", "."]
    assert words.proper_or_person == [True, False, True, False]
    assert words.is_space == [False, False, False, False]


def test_words_a_person_the_tagger_calls_a_noun_is_a_name_word() -> None:
    doc = parsed(
        "envoy     NOUN   nsubj  met  ent=PERSON",
        "met       VERB   ROOT   -    lemma=meet",
        "rebels    NOUN   dobj   met",
    )
    assert DocWords(doc).proper_or_person == [True, False, False]


def test_words_of_an_empty_doc(nlp: Language) -> None:
    words = DocWords(nlp(""))
    assert words.text == words.lemma == words.is_space == []
    assert words.doc_text == ""


def test_doc_memo_remembers_the_last_document_only(nlp: Language) -> None:
    computed: list[str] = []

    @per_document
    def first_word(doc: Doc) -> str:
        computed.append(doc[0].text)
        return doc[0].text

    one, two = nlp("Talks resumed."), nlp("Troops withdrew.")
    answers = [first_word(one), first_word(one), first_word(two), first_word(one)]
    assert answers == ["Talks", "Talks", "Troops", "Talks"]
    assert computed == ["Talks", "Troops", "Talks"]


def test_doc_memo_doc_words_are_made_once_per_document(nlp: Language) -> None:
    doc = nlp("Talks resumed.")
    assert doc_words(doc) is doc_words(doc)
    assert doc_words(nlp("Talks resumed.")) is not doc_words(doc)
