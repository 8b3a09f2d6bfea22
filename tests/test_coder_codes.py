"""The event code (transforms/coder/codes.py): rewritten by the mode of a governed clause (modes.tsv),
refused, refined by what is alleged, by who acts and by the protest's demand (hand-made parses); and
violence that is not violence (end to end, on the trained model): a missile or nuclear test shows force
(150) unless something is hit; force between politicians, parties or institutions with no weapon or
casualty is criticism (111)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from importlib.resources import files

import pytest
from handparse import code, parsed
from spacy.language import Language
from spacy.tokens import Doc

from transforms.actors import Actor
from transforms.coder import ArticleContext, Coder
from transforms.coder.codes import refine_by_actor
from transforms.coder.lexicon import Lexicon
from transforms.verbs import parse_mode_rewrites

PUBLISHED = date(2017, 8, 29)

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
def test_codes_refined_by_who_acts(lex: Lexicon, event: str, role: str, kind: str, refined: str) -> None:
    source = Actor("XXX" + role, "X", "XXX", role, kind)
    assert refine_by_actor(lex, event, source) == refined


def test_a_users_refinement_row_refines_without_code(lex: Lexicon) -> None:
    """The refinements are rows of modes.tsv: a row a user adds ("civilians assaulting riot too") changes
    the code with no change of code."""
    civilians = Actor("XXXCVL", "X", "XXX", "CVL", "state")
    assert refine_by_actor(lex, "180", civilians) == "180"
    bundled = files("transforms.data").joinpath("modes.tsv").read_text(encoding="utf-8").splitlines()
    extended = replace(lex, rewrites=parse_mode_rewrites([*bundled, "civilians\t18\t145"]))
    assert refine_by_actor(extended, "180", civilians) == "145"
    assert refine_by_actor(extended, "190", civilians) == "145"  # the bundled row still holds


def codes(nlp: Language, coder: Coder, text: str) -> set[tuple[str, str | None, str]]:
    events = coder.code(nlp(text), ArticleContext("codes", PUBLISHED, PUBLISHED)).events
    return {(e["source_code"], e["target_code"], e["cameo_code"]) for e in events if not e["is_negated"]}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a launch over or toward a country, or a test, shows force to it
        ("North Korea fired a missile over Japan on Tuesday.", ("PRK", "JPN", "150")),
        ("North Korea launched a ballistic missile over Northern Japan.", ("PRK", "JPN", "150")),
        ("North Korea test-fired a ballistic missile toward Japan.", ("PRK", "JPN", "150")),
        ("North Korea fired three ballistic missiles toward Japan.", ("PRK", "JPN", "150")),
        ("North Korea conducted its sixth nuclear test.", ("PRK", None, "150")),
        ("North Korea launched three missiles.", ("PRK", None, "150")),
        # something hit: an attack
        ("Hamas fired rockets at Israel.", ("PSEREB", "ISR", "190")),
        ("Hamas fired rockets toward Israel.", ("PSEREB", "ISR", "190")),
    ],
)
def test_codes_missile_tests_show_force(
    nlp: Language, coder: Coder, text: str, expected: tuple[str, str | None, str]
) -> None:
    found = codes(nlp, coder, text)
    assert expected in found
    if expected[2] == "150":
        assert not {code for _, _, code in found if code[:2] in ("18", "19", "20")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # politicians, parties, offices: words
        ("Angela Merkel attacked Vladimir Putin over Syria.", "111"),
        ("Hillary Clinton attacked Donald Trump over his taxes.", "111"),
        ("Jack Straw has attacked the decision by Britain's highest court.", "111"),
        ("The Labour Party attacked the Conservative Party.", "111"),
        # armed actors, states, or a weapon or casualty in the sentence: force
        ("Russian troops attacked Ukrainian soldiers near Kharkiv.", "190"),
        ("Russia attacked Ukraine.", "190"),
        ("Angela Merkel's guards attacked Vladimir Putin with knives, wounding him.", "190"),
    ],
)
def test_codes_force_in_words_between_politicians(
    nlp: Language, coder: Coder, text: str, expected: str
) -> None:
    assert expected in {code for _, _, code in codes(nlp, coder, text)}
