"""When a trigger with no target is still an event (transforms/coder/no_target.py), on hand-made parses
coded end to end: a bare event noun, a meeting with no one named, force shown over a place the gazetteer
lacks; a warning is a threat (13x) only when it says an act or is addressed to someone, and then not when
what it says is a forecast (empty_warning)."""

from __future__ import annotations

import pytest
from coded import triples
from handparse import code, parsed
from spacy.language import Language
from spacy.tokens import Doc

from transforms.coder import Coder

WARNED_TOLL_MAY_RISE = parsed(
    "Britain   PROPN  nsubj  warned    ent=GPE",
    "warned    VERB   ROOT   -         lemma=warn",
    "the       DET    det    toll",
    "toll      NOUN   nsubj  increase",
    "may       AUX    aux    increase",
    "increase  VERB   ccomp  warned    tag=VB",
)
WARNED_AGAINST_DISUNITY = parsed(
    "Britain   PROPN  nsubj  warned    ent=GPE",
    "warned    VERB   ROOT   -         lemma=warn",
    "against   ADP    prep   warned",
    "disunity  NOUN   pobj   against",
)
WARNING_OF_DANGERS = parsed(
    "Britain   PROPN  nsubj  warning   ent=GPE",
    "is        AUX    aux    warning",
    "warning   VERB   ROOT   -         lemma=warn tag=VBG",
    "of        ADP    prep   warning",
    "the       DET    det    dangers",
    "dangers   NOUN   pobj   of        lemma=danger tag=NNS",
)
WARNED_IRAN_AGAINST_DISUNITY = parsed(
    "Britain   PROPN  nsubj  warned    ent=GPE",
    "warned    VERB   ROOT   -         lemma=warn",
    "Iran      PROPN  dobj   warned    ent=GPE",
    "against   ADP    prep   warned",
    "disunity  NOUN   pobj   against",
)


WARNED_AGAINST_STOKING = parsed(
    "China     PROPN  nsubj  warned    ent=GPE",
    "warned    VERB   ROOT   -         lemma=warn",
    "against   ADP    prep   warned",
    "stoking   VERB   pcomp  against   lemma=stoke tag=VBG",
    "conflict  NOUN   dobj   stoking",
)
WARNED_OF_RETALIATION = parsed(
    "Iran         PROPN  nsubj  warned  ent=GPE",
    "warned       VERB   ROOT   -       lemma=warn",
    "of           ADP    prep   warned",
    "retaliation  NOUN   pobj   of",
)


@pytest.mark.parametrize(
    ("doc", "events"),
    [
        (WARNED_TOLL_MAY_RISE, set()),  # a forecast, addressed to no one: no threat
        (WARNED_AGAINST_DISUNITY, set()),  # a worry
        (WARNING_OF_DANGERS, set()),
        (WARNED_IRAN_AGAINST_DISUNITY, {("GBR", "IRN", "130")}),  # addressed: a warning to Iran
        (WARNED_AGAINST_STOKING, {("CHN", "", "130")}),  # an act warned against: dissuasion
        (WARNED_OF_RETALIATION, {("IRN", "", "130")}),  # what the warner would do: verbs.tsv's warn rows
    ],
)
def test_no_target_empty_warning_is_no_threat(coder: Coder, doc: Doc, events: set) -> None:
    assert code(doc, coder) == events


WARNED_IRAN_THAT_WAR_COULD_BE_ILLEGAL = parsed(
    "Britain  PROPN  nsubj  warned   ent=GPE",
    "warned   VERB   ROOT   -        lemma=warn",
    "Iran     PROPN  dobj   warned   ent=GPE",
    "that     SCONJ  mark   be",
    "the      DET    det    war",
    "war      NOUN   nsubj  be",
    "could    AUX    aux    be",
    "be       AUX    ccomp  warned   tag=VB",
    "illegal  ADJ    acomp  be",
)
WARNED_IRAN_ABOUT_DANGERS = parsed(
    "Britain  PROPN  nsubj  warned   ent=GPE",
    "warned   VERB   ROOT   -        lemma=warn",
    "Iran     PROPN  dobj   warned   ent=GPE",
    "about    ADP    prep   warned",
    "the      DET    det    dangers",
    "dangers  NOUN   pobj   about    lemma=danger tag=NNS",
)
WARNED_IRAN_IT_WOULD_PAY = parsed(
    "Britain  PROPN  nsubj  warned   ent=GPE",
    "warned   VERB   ROOT   -        lemma=warn",
    "Iran     PROPN  dobj   warned   ent=GPE",
    "it       PRON   nsubj  pay",
    "would    AUX    aux    pay",
    "pay      VERB   ccomp  warned   tag=VB",
    "a        DET    det    price",
    "price    NOUN   dobj   pay",
)
WARNED_IRAN_IT_MAY_RETALIATE = parsed(
    "Britain    PROPN  nsubj  warned     ent=GPE",
    "warned     VERB   ROOT   -          lemma=warn",
    "Iran       PROPN  dobj   warned     ent=GPE",
    "it         PRON   nsubj  retaliate",
    "may        AUX    aux    retaliate",
    "retaliate  VERB   ccomp  warned     tag=VB",
)
WARNED_IRAN = parsed(
    "Britain  PROPN  nsubj  warned   ent=GPE",
    "warned   VERB   ROOT   -        lemma=warn",
    "Iran     PROPN  dobj   warned   ent=GPE",
)


@pytest.mark.parametrize(
    ("doc", "events"),
    [
        (WARNED_IRAN_THAT_WAR_COULD_BE_ILLEGAL, set()),  # advice, a forecast: no threat to Iran
        (WARNED_IRAN_ABOUT_DANGERS, set()),
        (WARNED_IRAN_IT_WOULD_PAY, {("GBR", "IRN", "130")}),  # what will be: a threat
        (WARNED_IRAN_IT_MAY_RETALIATE, {("GBR", "IRN", "130")}),  # what a party may do: a threat
        (WARNED_IRAN, {("GBR", "IRN", "130")}),  # a bare warning to Iran
    ],
)
def test_no_target_addressed_forecast_is_no_threat(coder: Coder, doc: Doc, events: set) -> None:
    assert code(doc, coder) == events


THE_WAR_WENT_ON = parsed(
    "the   DET   det    war",
    "war   NOUN  nsubj  went",
    "went  VERB  ROOT   -     lemma=go",
    "on    ADP   prt    went",
)
PUTIN_MET_ON_MONDAY = parsed(
    "Putin   PROPN  nsubj  met  ent=PERSON",
    "met     VERB   ROOT   -    lemma=meet",
    "on      ADP    prep   met",
    "Monday  PROPN  pobj   on   ent=DATE",
)
LAUNCHED_A_MISSILE = parsed(
    "North     PROPN  compound  Korea     ent=GPE",
    "Korea     PROPN  nsubj     launched  ent=I-GPE",
    "launched  VERB   ROOT      -         lemma=launch",
    "a         DET    det       missile",
    "missile   NOUN   dobj      launched",
)


@pytest.mark.parametrize(
    ("doc", "events"),
    [
        (THE_WAR_WENT_ON, set()),  # NO_TARGET_RULES, bare_nominal: "the war" reports no new event
        (PUTIN_MET_ON_MONDAY, set()),  # symmetric_alone: a meeting with no one named
        (LAUNCHED_A_MISSILE, {("PRK", "", "150")}),  # no target: a launch at no one shows force (@LAUNCH)
    ],
)
def test_no_target_none_found(coder: Coder, doc: Doc, events: set) -> None:
    assert code(doc, coder) == events


PATROLLED_THE_COPPERBELT = parsed(
    "Zambian     ADJ    amod   police      ent=NORP",
    "police      NOUN   nsubj  patrolled",
    "patrolled   VERB   ROOT   -           lemma=patrol",
    "the         DET    det    Copperbelt",
    "Copperbelt  PROPN  dobj   patrolled   ent=GPE",
)


def test_no_target_force_shown_over_an_unknown_place(coder: Coder) -> None:
    """act_on_the_unknown: force shown over a place the gazetteer lacks is shown there, at no one."""
    assert code(PATROLLED_THE_COPPERBELT, coder) == {("ZMBCOP", "", "150")}


def test_no_target_a_role_with_its_country_acts_with_no_target(nlp: Language, coder: Coder) -> None:
    # no country dominates the article, but "Russian troops" has its own: an act with no target stands
    text = (
        "Ukraine and Russia met in Geneva. Ukraine criticised Russia. Russian troops opened fire on Monday."
    )
    assert ("RUSMIL", None, "190") in triples(nlp, coder, text)
