"""Where a trigger's source and target are read (transforms/coder/slots.py), on hand-made parses: the
subject or the passive's agent, the object of a controlling verb, the pattern's own slots."""

from __future__ import annotations

import pytest
from handparse import code, parsed
from spacy.tokens import Doc

from transforms.coder import Coder
from transforms.coder.lexicon import Lexicon
from transforms.coder.slots import subject_heads

SHELLED_BY = parsed(
    "Kharkiv  PROPN  nsubjpass  shelled  ent=GPE",
    "was      AUX    auxpass    shelled  lemma=be",
    "shelled  VERB   ROOT       -        lemma=shell tag=VBN",
    "by       ADP    agent      shelled",
    "Russian  ADJ    amod       troops   ent=NORP",
    "troops   NOUN   pobj       by       lemma=troop tag=NNS",
)
WAS_SHELLED = parsed(
    "Kharkiv  PROPN  nsubjpass  shelled  ent=GPE",
    "was      AUX    auxpass    shelled  lemma=be",
    "shelled  VERB   ROOT       -        lemma=shell tag=VBN",
)
URGED_TO_RELEASE = parsed(
    "Britain   PROPN  nsubj  urged    ent=GPE",
    "urged     VERB   ROOT   -        lemma=urge",
    "Iran      PROPN  dobj   urged    ent=GPE",
    "to        PART   aux    release  tag=TO",
    "release   VERB   xcomp  urged    tag=VB",
    "the       DET    det    sailors",
    "sailors   NOUN   dobj   release  lemma=sailor tag=NNS",
)


@pytest.mark.parametrize(
    ("doc", "verb", "heads"),
    [
        (SHELLED_BY, "shelled", ["troops"]),  # the passive's agent
        (WAS_SHELLED, "shelled", []),  # "was shelled" names no one who shelled
        (URGED_TO_RELEASE, "release", ["Iran", "Britain"]),  # @OBJECT_CONTROL: Iran is to release
    ],
)
def test_slots_subject_heads(lex: Lexicon, doc: Doc, verb: str, heads: list[str]) -> None:
    token = next(t for t in doc if t.text == verb)
    assert [t.text for t in subject_heads(lex, token, doc[:])] == heads


GAVE_GHANA_A_LOAN = parsed(
    "the    DET    det       Bank",
    "World  PROPN  compound  Bank   ent=ORG",
    "Bank   PROPN  nsubj     gave   ent=I-ORG",
    "gave   VERB   ROOT      -      lemma=give",
    "Ghana  PROPN  dative    gave   ent=GPE",
    "a      DET    det       loan",
    "loan   NOUN   dobj      gave",
)
RECEIVED_LOANS_FROM = parsed(
    "China     PROPN  nsubj  received  ent=GPE",
    "received  VERB   ROOT   -         lemma=receive",
    "loans     NOUN   dobj   received  lemma=loan tag=NNS",
    "from      ADP    prep   received",
    "Japan     PROPN  pobj   from      ent=GPE",
)


@pytest.mark.parametrize(
    ("doc", "events"),
    [
        (SHELLED_BY, {("RUSMIL", "UKR", "194")}),
        (GAVE_GHANA_A_LOAN, {("IGOUNODEVWBK", "GHA", "071")}),  # the dative slot
        (RECEIVED_LOANS_FROM, {("JPN", "CHN", "071")}),  # rev: the subject receives
    ],
)
def test_slots_source_and_target(coder: Coder, doc: Doc, events: set) -> None:
    assert code(doc, coder) == events
