"""The event code (transforms/coder/codes.py): rewritten by the mode of a governed clause (modes.tsv),
refused, refined by what is alleged, by who acts and by the protest's demand; hand-made parses."""

from __future__ import annotations

import pytest
from handparse import code, parsed
from spacy.tokens import Doc

from transforms.actors import Actor
from transforms.coder import Coder
from transforms.coder.codes import refine_by_actor

WILL_NOT_RELEASE = parsed(
    "Iran     PROPN  nsubj  release  ent=GPE",
    "will     AUX    aux    release",
    "not      PART   neg    release",
    "release  VERB   ROOT   -        tag=VB",
    "British  ADJ    amod   sailors  ent=NORP",
    "sailors  NOUN   dobj   release  lemma=sailor tag=NNS",
)
ACCUSED_OF_ATTACKING = parsed(
    "Ukraine    PROPN  nsubj  accused    ent=GPE",
    "accused    VERB   ROOT   -          lemma=accuse",
    "Russia     PROPN  dobj   accused    ent=GPE",
    "of         ADP    prep   accused",
    "attacking  VERB   pcomp  of         lemma=attack tag=VBG",
    "Kharkiv    PROPN  dobj   attacking  ent=GPE",
)
STAGED_DEMONSTRATIONS_TO_DEMAND = parsed(
    "students        NOUN   nsubj  staged  lemma=student tag=NNS",
    "in              ADP    prep   students",
    "Iran            PROPN  pobj   in      ent=GPE",
    "staged          VERB   ROOT   -       lemma=stage",
    "demonstrations  NOUN   dobj   staged  lemma=demonstration tag=NNS",
    "to              PART   aux    demand  tag=TO",
    "demand          VERB   advcl  staged  tag=VB",
    "political       ADJ    amod   reforms",
    "reforms         NOUN   dobj   demand  lemma=reform tag=NNS",
)
DID_NOT_ATTACK = parsed(
    "Russia   PROPN  nsubj  attack  ent=GPE",
    "did      AUX    aux    attack  lemma=do",
    "not      PART   neg    attack",
    "attack   VERB   ROOT   -       tag=VB",
    "Ukraine  PROPN  dobj   attack  ent=GPE",
)


@pytest.mark.parametrize(
    ("doc", "events"),
    [
        (WILL_NOT_RELEASE, {("IRN", "GBRMIL", "1243")}),  # "will not release": a refusal (reject 0841)
        (ACCUSED_OF_ATTACKING, {("UKR", "RUS", "1123")}),  # accuse 19 -> 1123; the attack is no event
        (STAGED_DEMONSTRATIONS_TO_DEMAND, {("IRNEDU", "", "1412")}),  # the protest for policy change
        (DID_NOT_ATTACK, set()),  # negated, not refused: kept with is_negated, left out here
    ],
)
def test_codes_from_clause_and_mode(coder: Coder, doc: Doc, events: set) -> None:
    assert code(doc, coder) == events


@pytest.mark.parametrize(
    ("event", "role", "kind", "refined"),
    [
        ("190", "CVL", "state", "145"),  # civilians fighting riot
        ("1823", "CVL", "state", "1823"),
        ("173", "REB", "state", "181"),  # rebels seizing people abduct
        ("173", "", "group", "181"),
        ("173", "COP", "state", "173"),  # police arrest
    ],
)
def test_codes_refined_by_who_acts(event: str, role: str, kind: str, refined: str) -> None:
    source = Actor("XXX" + role, "X", "XXX", role, kind)
    assert refine_by_actor(event, source) == refined
