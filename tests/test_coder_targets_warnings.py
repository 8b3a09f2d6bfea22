"""A warning is a threat (13x) only when it says an act or is addressed to someone, and then not when
what it says is a forecast (transforms/coder/targets.py, empty_warning), on hand-made parses coded end
to end."""

from __future__ import annotations

import pytest
from handparse import code, parsed
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
def test_targets_empty_warning_is_no_threat(coder: Coder, doc: Doc, events: set) -> None:
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
def test_targets_addressed_forecast_is_no_threat(coder: Coder, doc: Doc, events: set) -> None:
    assert code(doc, coder) == events
