"""Dependency-tree helpers (transforms/coder/parse.py) on hand-made parses: datelines, passives, the words
of a noun phrase, particles, prepositional objects, entities and names."""

from __future__ import annotations

import pytest
from handparse import english_vocab, parsed
from spacy.tokens import Doc

from transforms.coder.parse import (
    act_lemma,
    dateline_end,
    entity_text,
    governing_verb,
    is_passive,
    name_text,
    particle,
    phrase_tokens,
    prep_objects,
    sentences,
    text_of,
)

DATELINE = parsed(
    "KUNDUZ       PROPN  npadvmod  attacked  ent=GPE",
    ",            PUNCT  punct     KUNDUZ",
    "Afghanistan  PROPN  appos     KUNDUZ    ent=GPE",
    "—            PUNCT  punct     attacked",
    "Taliban      PROPN  compound  fighters  ent=ORG",
    "fighters     NOUN   nsubj     attacked  lemma=fighter tag=NNS",
    "attacked     VERB   ROOT      -         lemma=attack",
    "the          DET    det       city",
    "city         NOUN   dobj      attacked",
)
NO_DATELINE = parsed(
    "Taliban   PROPN  nsubj  attacked  ent=ORG",
    "attacked  VERB   ROOT   -         lemma=attack",
    "—         PUNCT  punct  attacked",
    "again     ADV    advmod attacked",
)
SHELLED_BY = parsed(
    "Kharkiv  PROPN  nsubjpass  shelled  ent=GPE",
    "was      AUX    auxpass    shelled  lemma=be",
    "shelled  VERB   ROOT       -        lemma=shell tag=VBN",
    "by       ADP    agent      shelled",
    "Russian  ADJ    amod       troops   ent=NORP",
    "troops   NOUN   pobj       by       lemma=troop tag=NNS",
    "who      PRON   nsubj      crossed",
    "crossed  VERB   relcl      troops   lemma=cross",
    "the      DET    det        border",
    "border   NOUN   dobj       crossed",
)
CALLED_ON = parsed(
    "France   PROPN  nsubj  called   ent=GPE",
    "called   VERB   ROOT   -        lemma=call",
    "on       ADP    prep   called",
    "Monday   PROPN  pobj   on#1     ent=DATE",
    "on       ADP    prep   called",
    "Iran     PROPN  pobj   on#2     ent=GPE",
)
TALKS_WITH = parsed(
    "the      DET    det       talks",
    "talks    NOUN   nsubj     ended   lemma=talk tag=NNS",
    "with     ADP    prep      talks",
    "the      DET    det       Taliban",
    "Taliban  PROPN  pobj      with    ent=ORG",
    "ended    VERB   ROOT      -       lemma=end",
    "in       ADP    prep      ended",
    "the      DET    det       United",
    "United   PROPN  compound  States  ent=GPE",
    "States   PROPN  pobj      in      ent=I-GPE",
)
MACRON_SAID = parsed(
    "President  PROPN  compound  Macron  ",
    "Emmanuel   PROPN  compound  Macron  ent=PERSON",
    "Macron     PROPN  nsubj     said    ent=I-PERSON",
    "said       VERB   ROOT      -       lemma=say",
)


def word(doc: Doc, text: str, nth: int = 1) -> int:
    return [t.i for t in doc if t.text == text][nth - 1]


def test_parse_dateline_ends_at_its_dash() -> None:
    assert dateline_end(DATELINE[:]) == word(DATELINE, "Taliban")
    # a sentence that does not open with a capitalised place has no dateline, dash or not
    assert dateline_end(NO_DATELINE[:]) == 0


def test_parse_sentences_are_cut_at_blank_lines() -> None:
    words = ["Talks", "ended", "\n\n", "Fighting", "resumed", "."]
    doc = Doc(
        english_vocab(),
        words=words,
        spaces=[True, False, False, True, False, False],
        heads=[1, 1, 1, 4, 4, 4],
        deps=["nsubj", "ROOT", "dep", "nsubj", "ROOT", "punct"],
        pos=["NOUN", "VERB", "SPACE", "NOUN", "VERB", "PUNCT"],
    )
    assert [s.text for s in sentences(doc)] == ["Talks ended", "Fighting resumed."]


def test_parse_sentences_are_cut_around_furniture() -> None:
    # "... was investigated Splash News 6 Comey cleared Clinton": the photo credit is in neither sentence
    doc = parsed(
        "Clinton       PROPN  nsubjpass  investigated",
        "was           AUX    auxpass    investigated  lemma=be",
        "investigated  VERB   ROOT       -             lemma=investigate tag=VBN",
        "Splash        PROPN  compound   News",
        "News          PROPN  npadvmod   investigated",
        "6             NUM    nummod     News",
        "Comey         PROPN  nsubj      cleared",
        "cleared       VERB   conj       investigated  lemma=clear",
        "Clinton       PROPN  dobj       cleared",
        ".             PUNCT  punct      investigated",
    )
    assert [s.text for s in sentences(doc)] == [doc.text.strip()]
    cut = [s.text.strip() for s in sentences(doc, frozenset({3, 4, 5}))]
    assert cut == ["Clinton was investigated", "Comey cleared Clinton ."]


def test_parse_passive_and_act_lemma() -> None:
    assert is_passive(SHELLED_BY[word(SHELLED_BY, "shelled")])
    assert not is_passive(CALLED_ON[word(CALLED_ON, "called")])
    assert [act_lemma(SHELLED_BY[word(SHELLED_BY, "shelled")])] == ["shell"]


@pytest.mark.parametrize(
    ("lemma", "key"),
    [("bombing", "bomb"), ("launch", "launch"), ("sing", "sing"), ("ring", "ring")],
)
def test_parse_act_lemma_joins_a_verb_and_its_ing_noun(lemma: str, key: str) -> None:
    doc = parsed(f"{lemma}  NOUN  ROOT  -  lemma={lemma}")
    assert act_lemma(doc[0]) == key


def test_parse_noun_phrase_keeps_modifiers_not_clauses() -> None:
    troops = SHELLED_BY[word(SHELLED_BY, "troops")]
    tokens = phrase_tokens(troops, SHELLED_BY[:])
    assert [t.text for t in tokens] == ["Russian", "troops"]
    assert text_of(tokens) == "Russian troops"
    # "talks with the Taliban": a noun keeps no prepositional phrase but of/in/from
    talks = TALKS_WITH[word(TALKS_WITH, "talks")]
    assert text_of(phrase_tokens(talks, TALKS_WITH[:])) == "the talks"


def test_parse_text_of_a_gapped_phrase_joins_its_words() -> None:
    tokens = [SHELLED_BY[word(SHELLED_BY, "Russian")], SHELLED_BY[word(SHELLED_BY, "border")]]
    assert text_of(tokens) == "Russian border"
    assert text_of([]) == ""


def test_parse_particle_skips_a_date() -> None:
    # "called on Monday on Iran": the "on" of the date is no particle, the one of Iran is
    called = CALLED_ON[word(CALLED_ON, "called")]
    found = particle(called, "on")
    assert found is not None and found.i == word(CALLED_ON, "on", 2)
    assert particle(called, "for") is None


def test_parse_prep_objects_and_governing_verb() -> None:
    ended = TALKS_WITH[word(TALKS_WITH, "ended")]
    assert [t.text for t in prep_objects(ended, ("in",))] == ["States"]
    assert list(prep_objects(ended, ("at",))) == []
    taliban = TALKS_WITH[word(TALKS_WITH, "Taliban")]
    governor = governing_verb(taliban, TALKS_WITH[:])
    assert governor is not None and governor.text == "ended"


def test_parse_entity_text_drops_the_and_name_text_keeps_person_compounds() -> None:
    the = TALKS_WITH[word(TALKS_WITH, "United")]
    assert entity_text(the) == "United States"
    macron = MACRON_SAID[word(MACRON_SAID, "Macron")]
    assert name_text(macron) == "Emmanuel Macron"  # "President" is no part of the PERSON entity
