"""Trigger matching (transforms/coder/triggers.py) on hand-made parses: which row of verbs.tsv a verb or
noun matches, with its particle, its object, a light verb, a corrected lemma."""

from __future__ import annotations

import pytest
from handparse import parsed
from spacy.tokens import Doc

from transforms.coder.lexicon import Lexicon
from transforms.coder.triggers import find_triggers, match_verb

FIRED_TEAR_GAS_AT = parsed(
    "police      NOUN   nsubj     fired",
    "fired       VERB   ROOT      -          lemma=fire",
    "tear        NOUN   compound  gas",
    "gas         NOUN   dobj      fired",
    "at          ADP    prep      fired",
    "protesters  NOUN   pobj      at         lemma=protester tag=NNS",
)
SENT_TANKS_TO = parsed(
    "Germany  PROPN  nsubj  sent  ent=GPE",
    "sent     VERB   ROOT   -     lemma=send",
    "tanks    NOUN   dobj   sent  lemma=tank tag=NNS",
    "to       ADP    prep   sent",
    "Ukraine  PROPN  pobj   to    ent=GPE",
)
SENT_FOOD_TO = parsed(
    "Japan    PROPN  nsubj  sent  ent=GPE",
    "sent     VERB   ROOT   -     lemma=send",
    "food     NOUN   dobj   sent",
    "to       ADP    prep   sent",
    "Turkey   PROPN  pobj   to    ent=GPE",
)
HELD_TALKS_WITH = parsed(
    "Russia  PROPN  nsubj  held   ent=GPE",
    "held    VERB   ROOT   -      lemma=hold",
    "talks   NOUN   dobj   held   lemma=talk tag=NNS",
    "with    ADP    prep   talks",
    "China   PROPN  pobj   with   ent=GPE",
)
# The small model reads "staged" as a form of "stag": @LEMMA:stage says which verb it is.
STAGED_RALLIES = parsed(
    "students  NOUN   nsubj  staged  lemma=student tag=NNS",
    "staged    VERB   ROOT   -       lemma=stag",
    "rallies   NOUN   dobj   staged  lemma=rally tag=NNS",
)
MET_THE_DEADLINE = parsed(
    "Iran      PROPN  nsubj  met       ent=GPE",
    "met       VERB   ROOT   -         lemma=meet",
    "the       DET    det    deadline",
    "deadline  NOUN   dobj   met",
)


@pytest.mark.parametrize(
    ("doc", "verb", "code", "words"),
    [
        (FIRED_TEAR_GAS_AT, "fired", "175", ["fired", "gas", "tear"]),  # the object picks the row
        (SENT_TANKS_TO, "sent", "072", ["sent", "tanks"]),  # @WEAPON
        (SENT_FOOD_TO, "sent", "073", ["sent", "food"]),  # @HUMANITARIAN
        (HELD_TALKS_WITH, "held", "046", ["held", "talks"]),  # a @LIGHT verb: the noun's row
        (STAGED_RALLIES, "staged", "141", ["staged", "rallies"]),
    ],
)
def test_triggers_verb_rows(lex: Lexicon, doc: Doc, verb: str, code: str, words: list[str]) -> None:
    trigger = match_verb(lex, next(t for t in doc if t.text == verb))
    assert trigger is not None
    assert trigger.pattern.code == code
    assert [t.text for t in trigger.words] == words


def test_triggers_no_event_rows_stop_a_match(lex: Lexicon) -> None:
    assert match_verb(lex, MET_THE_DEADLINE[1]) is None  # "none ... meet deadline": no meeting


THE_RUSSIAN_ATTACK = parsed(
    "the       DET    det    attack",
    "Russian   ADJ    amod   attack    ent=NORP",
    "attack    NOUN   nsubj  killed",
    "on        ADP    prep   attack",
    "Kharkiv   PROPN  pobj   on        ent=GPE",
    "killed    VERB   ROOT   -         lemma=kill",
    "civilians NOUN   dobj   killed    lemma=civilian tag=NNS",
)


def test_triggers_event_nouns_and_verbs_of_a_sentence(lex: Lexicon) -> None:
    triggers = find_triggers(lex, THE_RUSSIAN_ATTACK[:])
    assert [(t.token.text, t.pattern.pos) for t in triggers] == [("killed", "V"), ("attack", "N")]
