"""Where a target is found when the pattern's slots name none (transforms/coder/targets.py), on hand-made
parses coded end to end. When no target means no event is tested in test_coder_no_target.py."""

from __future__ import annotations

import pytest
from handparse import code, parsed
from spacy.tokens import Doc

from transforms.coder import Coder

SAID_MUST_WITHDRAW = parsed(
    "Germany   PROPN  nsubj  said      ent=GPE",
    "said      VERB   ROOT   -         lemma=say",
    "Russia    PROPN  nsubj  withdraw  ent=GPE",
    "must      AUX    aux    withdraw",
    "withdraw  VERB   ccomp  said      tag=VB",
    "its       PRON   poss   troops",
    "troops    NOUN   dobj   withdraw  lemma=troop tag=NNS",
)
CALLED_FOR_TO_QUIT = parsed(
    "Britain    PROPN  nsubj  called     ent=GPE",
    "called     VERB   ROOT   -          lemma=call",
    "for        SCONJ  mark   quit",
    "Iran       PROPN  poss   president  ent=GPE",
    "'s         PART   case   Iran       tag=POS",
    "president  NOUN   nsubj  quit",
    "to         PART   aux    quit       tag=TO",
    "quit       VERB   advcl  called     tag=VB",
)
PLEDGED_AID_TO_HELP = parsed(
    "Japan    PROPN  nsubj  pledged  ent=GPE",
    "pledged  VERB   ROOT   -        lemma=pledge",
    "aid      NOUN   dobj   pledged",
    "to       PART   aux    help     tag=TO",
    "help     VERB   advcl  pledged  tag=VB",
    "Jordan   PROPN  dobj   help     ent=GPE",
)
INTERCEPTED_LAUNCHED_BY = parsed(
    "Israel       PROPN  nsubj  intercepted  ent=GPE",
    "intercepted  VERB   ROOT   -            lemma=intercept",
    "missiles     NOUN   dobj   intercepted  lemma=missile tag=NNS",
    "launched     VERB   acl    missiles     lemma=launch tag=VBN",
    "by           ADP    agent  launched",
    "Iran         PROPN  pobj   by           ent=GPE",
)
JETS_STRUCK_NEAR_BASRA = parsed(
    "Iranian  ADJ    amod   jets    ent=NORP",
    "jets     NOUN   nsubj  struck  lemma=jet tag=NNS",
    "struck   VERB   ROOT   -       lemma=strike",
    "near     ADP    prep   struck",
    "Basra    PROPN  pobj   near    ent=GPE",
)


@pytest.mark.parametrize(
    ("doc", "events"),
    [
        (SAID_MUST_WITHDRAW, {("DEU", "RUS", "1056")}),  # TARGET_FALLBACKS, obliged_subject: the one who must
        (CALLED_FOR_TO_QUIT, {("GBR", "IRNGOV", "0241")}),  # for_clause_subject
        (PLEDGED_AID_TO_HELP, {("JPN", "JOR", "033")}),  # helped_by_purpose
        (INTERCEPTED_LAUNCHED_BY, {("IRN", "ISR", "195")}),  # interceptors: fired at the interceptor
        (JETS_STRUCK_NEAR_BASRA, {("IRNMIL", "IRQ", "190")}),  # place_target: violence abroad
    ],
)
def test_targets_found_beyond_the_pattern_slots(coder: Coder, doc: Doc, events: set) -> None:
    assert code(doc, coder) == events


WARNED_IF_FALTER = parsed(
    "America     PROPN  nsubj   warned      ent=GPE",
    "warned      VERB   ROOT    -           lemma=warn",
    "of          ADP    prep    warned",
    "retaliation NOUN   pobj    of",
    "if          SCONJ  mark    falter",
    "Seoul       PROPN  poss    efforts     ent=GPE",
    "'s          PART   case    Seoul       tag=POS",
    "efforts     NOUN   nsubj   falter      lemma=effort tag=NNS",
    "falter      VERB   advcl   warned      tag=VBP",
)
THREATENED_TO_CUT_UNLESS = parsed(
    "Russia      PROPN  nsubj   threatened  ent=GPE",
    "threatened  VERB   ROOT    -           lemma=threaten",
    "to          PART   aux     cut         tag=TO",
    "cut         VERB   xcomp   threatened  tag=VB",
    "gas         NOUN   dobj    cut",
    "unless      SCONJ  mark    paid",
    "Ukraine     PROPN  nsubj   paid        ent=GPE",
    "paid        VERB   advcl   cut         lemma=pay",
)
WARNED_IF_IT_FALTERS = parsed(
    "Russia      PROPN  nsubj   warned      ent=GPE",
    "warned      VERB   ROOT    -           lemma=warn",
    "of          ADP    prep    warned",
    "retaliation NOUN   pobj    of",
    "if          SCONJ  mark    falters",
    "Russia      PROPN  nsubj   falters     ent=GPE",
    "falters     VERB   advcl   warned      lemma=falter tag=VBZ",
)

WARNED_IF_ITS_DEMANDS = parsed(
    "Iran        PROPN  nsubj      warned   ent=GPE",
    "warned      VERB   ROOT       -        lemma=warn",
    "of          ADP    prep       warned",
    "retaliation NOUN   pobj       of",
    "if          SCONJ  mark       met",
    "its         PRON   poss       demands  tag=PRP$",
    "demands     NOUN   nsubjpass  met      lemma=demand tag=NNS",
    "are         AUX    auxpass    met      lemma=be tag=VBP",
    "not         PART   neg        met      tag=RB",
    "met         VERB   advcl      warned   lemma=meet tag=VBN",
)


@pytest.mark.parametrize(
    ("doc", "events"),
    [
        (WARNED_IF_ITS_DEMANDS, {("IRN", "", "130")}),  # a pronoun there is the source's own, not a target
        (WARNED_IF_FALTER, {("USA", "KORGOV", "130")}),  # the condition's subject: Seoul's efforts
        (THREATENED_TO_CUT_UNLESS, {("RUS", "UKR", "1311")}),  # the condition of the threatened act
        (WARNED_IF_IT_FALTERS, {("RUS", "", "130")}),  # the source's own condition aims at no one
    ],
)
def test_targets_threat_aimed_at_the_condition_subject(coder: Coder, doc: Doc, events: set) -> None:
    assert code(doc, coder) == events


PLEDGED_TO_WORK_TOGETHER = parsed(
    "Russia    PROPN  nsubj   pledged  ent=GPE",
    "and       CCONJ  cc      Russia",
    "China     PROPN  conj    Russia   ent=GPE",
    "pledged   VERB   ROOT    -        lemma=pledge",
    "to        PART   aux     work     tag=TO",
    "work      VERB   xcomp   pledged  tag=VB",
    "together  ADV    advmod  work",
)
GREETED_EACH_OTHER = parsed(
    "Russia   PROPN  nsubj  greeted  ent=GPE",
    "and      CCONJ  cc     Russia",
    "China    PROPN  conj   Russia   ent=GPE",
    "greeted  VERB   ROOT   -        lemma=greet",
    "each     DET    det    other",
    "other    ADJ    dobj   greeted",
)
GREETED_THE_CROWD = parsed(
    "Russia   PROPN  nsubj  greeted  ent=GPE",
    "and      CCONJ  cc     Russia",
    "China    PROPN  conj   Russia   ent=GPE",
    "greeted  VERB   ROOT   -        lemma=greet",
    "the      DET    det    crowd",
    "crowd    NOUN   dobj   greeted",
)


@pytest.mark.parametrize(
    ("doc", "events"),
    [
        (PLEDGED_TO_WORK_TOGETHER, {("RUS", "CHN", "032"), ("CHN", "RUS", "032")}),  # "together"
        (GREETED_EACH_OTHER, {("RUS", "CHN", "043"), ("CHN", "RUS", "043")}),  # "each other"
        (GREETED_THE_CROWD, set()),  # a crowd is no reciprocal: no one acted on
    ],
)
def test_targets_each_other(coder: Coder, doc: Doc, events: set) -> None:
    """each_other: a coordinated subject acting together or on each other acts on each other."""
    assert code(doc, coder) == events


MARCHED_IN_PROTEST_AGAINST = parsed(
    "Belarusian  ADJ    amod   students  ent=NORP",
    "students    NOUN   nsubj  marched   lemma=student tag=NNS",
    "marched     VERB   ROOT   -         lemma=march",
    "in          ADP    prep   marched",
    "protest     NOUN   pobj   in",
    "against     ADP    prep   protest",
    "Russia      PROPN  poss   decision  ent=GPE",
    "'s          PART   case   Russia    tag=POS",
    "decision    NOUN   pobj   against",
)


def test_targets_protest_against_in_its_phrase(coder: Coder) -> None:
    """protest_purpose: "marched in protest against Russia's decision" protests against Russia."""
    assert code(MARCHED_IN_PROTEST_AGAINST, coder) == {("BLREDU", "RUS", "141")}
