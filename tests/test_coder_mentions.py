"""A noun phrase to its actors (transforms/coder/mentions.py, transforms/coder/names.py), on hand-made
parses coded end to end: names among modifiers, quantities, places, pronouns and definite descriptions."""

from __future__ import annotations

import pytest
from handparse import code, parsed
from spacy.tokens import Doc

from transforms.coder import Coder

RUSSIAN_TROOPS_SHELLED = parsed(
    "Russian  ADJ    amod   troops   ent=NORP",
    "troops   NOUN   nsubj  shelled  lemma=troop tag=NNS",
    "shelled  VERB   ROOT   -        lemma=shell",
    "Kharkiv  PROPN  dobj   shelled  ent=GPE",
)
THOUSANDS_OF_ISRAELIS = parsed(
    "thousands  NOUN   nsubj  protested  lemma=thousand tag=NNS",
    "of         ADP    prep   thousands",
    "Israelis   PROPN  pobj   of         ent=NORP tag=NNPS",
    "protested  VERB   ROOT   -          lemma=protest",
    "against    ADP    prep   protested",
    "Iran       PROPN  pobj   against    ent=GPE",
)
POLICE_IN_MINSK = parsed(
    "police      NOUN   nsubj  detained",
    "in          ADP    prep   police",
    "Minsk       PROPN  pobj   in        ent=GPE",
    "detained    VERB   ROOT   -         lemma=detain",
    "protesters  NOUN   dobj   detained  lemma=protester tag=NNS",
)
TARGETS_IN_GAZA = parsed(
    "Israeli  ADJ    amod   jets     ent=NORP",
    "jets     NOUN   nsubj  struck   lemma=jet tag=NNS",
    "struck   VERB   ROOT   -        lemma=strike",
    "targets  NOUN   dobj   struck   lemma=target tag=NNS",
    "in       ADP    prep   targets",
    "Gaza     PROPN  pobj   in       ent=GPE",
)
THE_CITY_OF_KHERSON = parsed(
    "Turkey   PROPN  nsubj  sent  ent=GPE",
    "sent     VERB   ROOT   -     lemma=send",
    "food     NOUN   dobj   sent",
    "to       ADP    prep   sent",
    "the      DET    det    city",
    "city     NOUN   pobj   to",
    "of       ADP    prep   city",
    "Kherson  PROPN  pobj   of    ent=GPE",
)


@pytest.mark.parametrize(
    ("doc", "events"),
    [
        (RUSSIAN_TROOPS_SHELLED, {("RUSMIL", "UKR", "194")}),  # names_among_modifiers; place_name
        (THOUSANDS_OF_ISRAELIS, {("ISRCVL", "IRN", "141")}),  # quantity_of (@QUANTITY)
        (POLICE_IN_MINSK, {("BLRCOP", "BLRCVL", "173")}),  # role_noun, the country from the place
        (TARGETS_IN_GAZA, {("ISRMIL", "PSE", "190")}),  # location_owner (@LOCATION)
        (THE_CITY_OF_KHERSON, {("TUR", "UKR", "073")}),  # @PLACE_OF: the city stands for Kherson
    ],
)
def test_mentions_phrases_name_actors(coder: Coder, doc: Doc, events: set) -> None:
    assert code(doc, coder) == events


HE_CRITICISED = parsed(
    "Vladimir    PROPN  compound  Putin       ent=PERSON",
    "Putin       PROPN  nsubj     is          ent=I-PERSON",
    "is          AUX    ROOT      -           lemma=be tag=VBZ",
    "in          ADP    prep      is",
    "Beijing     PROPN  pobj      in          ent=GPE",
    ".           PUNCT  punct     is",
    "He          PRON   nsubj     criticised",
    "criticised  VERB   ROOT      -           lemma=criticise",
    "Japan       PROPN  dobj      criticised  ent=GPE",
    ".           PUNCT  punct     criticised",
)
THE_COUNTRY = parsed(
    "Iran        PROPN  nsubj  fired       ent=GPE",
    "fired       VERB   ROOT   -           lemma=fire",
    "missiles    NOUN   dobj   fired       lemma=missile tag=NNS",
    ".           PUNCT  punct  fired",
    "the         DET    det    country",
    "country     NOUN   nsubj  criticised",
    "criticised  VERB   ROOT   -           lemma=criticise",
    "Israel      PROPN  dobj   criticised  ent=GPE",
    ".           PUNCT  punct  criticised",
)


@pytest.mark.parametrize(
    ("doc", "events"),
    [
        (HE_CRITICISED, {("RUSGOV", "JPN", "111")}),  # "he": the person named before (in office, RUSGOV)
        (THE_COUNTRY, {("IRN", "", "150"), ("IRN", "ISR", "111")}),  # @DEFINITE_STATE: the state before
    ],
)
def test_mentions_refer_back(coder: Coder, doc: Doc, events: set) -> None:
    assert code(doc, coder) == events
