"""Where the article names a person (transforms/coder/person_spans.py): on hand-made parses
(tests/handparse.py), without the parser, a title and a surname, a first name and a surname, a lone
capitalised word (no one yet), a place named like a person; end to end on the trained model, a name word
after a dictionary surname making another person's name."""

from __future__ import annotations

import pytest
from coded import US_2017, code_text
from handparse import parsed
from spacy.language import Language
from spacy.tokens import Doc

from transforms.coder import Coder
from transforms.coder.lexicon import Lexicon
from transforms.coder.person_spans import name_word_flags, person_spans
from transforms.doc_memo import doc_words

MR_CLARKE_SPOKE = parsed(
    "Mr      PROPN  compound  Clarke",
    "Clarke  PROPN  nsubj     spoke   ent=PERSON",
    "spoke   VERB   ROOT      -       lemma=speak",
)
CHARLES_CLARKE_SPOKE = parsed(
    "Charles  PROPN  compound  Clarke  ent=PERSON",
    "Clarke   PROPN  nsubj     spoke   ent=I-PERSON",
    "spoke    VERB   ROOT      -       lemma=speak",
)
CLARKE_SPOKE = parsed(
    "Clarke  PROPN  nsubj  spoke",
    "spoke   VERB   ROOT   -      lemma=speak",
)
GEORGE_TOWN_GREW = parsed(
    "George  PROPN  compound  Town  ent=GPE",
    "Town    PROPN  nsubj     grew  ent=I-GPE",
    "grew    VERB   ROOT      -     lemma=grow",
)


@pytest.mark.parametrize(
    ("doc", "spans"),
    [
        (MR_CLARKE_SPOKE, [(0, 2, ("Clarke",), True)]),  # a title and a surname: "Mr" kept apart
        (CHARLES_CLARKE_SPOKE, [(0, 2, ("Charles", "Clarke"), False)]),  # a full name
        (CLARKE_SPOKE, []),  # a lone capitalised word names someone only as the surname of one named
        (GEORGE_TOWN_GREW, []),  # a place, though its first word is a first name
    ],
)
def test_person_spans_of_a_parse(lex: Lexicon, doc: Doc, spans: list[tuple]) -> None:
    words = doc_words(doc)
    found = person_spans(lex, words, name_word_flags(lex, words), {}, [0] * len(doc))
    assert [(s.start, s.end, s.words, s.honorific) for s in found] == spans


def test_person_spans_a_name_word_after_a_dictionary_surname_makes_another_person(
    nlp: Language, coder: Coder
) -> None:
    # "Sharon Judy" is not Ariel Sharon
    text = '"He seemed normal," Sharon Judy, a former neighbor, told Florida Today.\n\nAriel Sharon met Vladimir Putin.'
    events = code_text(nlp, coder, text, US_2017)
    assert ("Ariel Sharon", "Ariel Sharon") in {(e["source_text"], e["source_name"]) for e in events}
    assert not [e for e in events if e["source_text"] == "Sharon Judy" and e["source_name"] == "Ariel Sharon"]
