"""Where a trigger's target is read (transforms/coder/slots.py), on hand-made parses: the pattern's own
slots (the dative, a reversed pattern's subject), an object noun the tagger read as a verb, unnamed people
acted on. Where the source is read is tested in test_coder_sources.py."""

from __future__ import annotations

from datetime import date

import pytest
from handparse import code, parsed
from spacy.tokens import Doc

from transforms.coder import ArticleContext, Coder

PUBLISHED = date(2017, 12, 27)

SHELLED_BY = parsed(
    "Kharkiv  PROPN  nsubjpass  shelled  ent=GPE",
    "was      AUX    auxpass    shelled  lemma=be",
    "shelled  VERB   ROOT       -        lemma=shell tag=VBN",
    "by       ADP    agent      shelled",
    "Russian  ADJ    amod       troops   ent=NORP",
    "troops   NOUN   pobj       by       lemma=troop tag=NNS",
)
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


CRITICISED_RUSSIAN_PROMISES_AS_VERB = parsed(
    "Britain     PROPN  nsubj     criticised  ent=GPE",
    "criticised  VERB   ROOT      -           lemma=criticise",
    "Russian     ADJ    amod      promises    ent=NORP",
    "promises    VERB   dobj      criticised  lemma=promise tag=VBZ",
)
CRITICISED_RUSSIAN_PROMISES = parsed(
    "Britain     PROPN  nsubj     criticised  ent=GPE",
    "criticised  VERB   ROOT      -           lemma=criticise",
    "Russian     ADJ    amod      promises    ent=NORP",
    "promises    NOUN   dobj      criticised  lemma=promise tag=NNS",
)


@pytest.mark.parametrize(
    ("doc", "events"),
    [
        # the tagger often reads a plural object noun as a verb ("Tory promises"): it is the object still
        (CRITICISED_RUSSIAN_PROMISES_AS_VERB, {("GBR", "RUS", "111")}),
        (CRITICISED_RUSSIAN_PROMISES, {("GBR", "RUS", "111")}),
    ],
)
def test_slots_object_noun_tagged_as_a_verb(coder: Coder, doc: Doc, events: set) -> None:
    assert code(doc, coder) == events


POLISH_POLICE_ARRESTED_THE_DRIVER = parsed(
    "Polish    ADJ   amod   police    ent=NORP",
    "police    NOUN  nsubj  arrested",
    "arrested  VERB  ROOT   -         lemma=arrest",
    "the       DET   det    driver",
    "tram      NOUN  compound  driver",
    "driver    NOUN  dobj   arrested",
)


def test_slots_unnamed_people_are_named_by_their_noun(coder: Coder) -> None:
    # "arrested the tram driver": civilians of the country, named "tram driver", not by the role's label
    events = coder.code(
        POLISH_POLICE_ARRESTED_THE_DRIVER, ArticleContext("hand", PUBLISHED, PUBLISHED)
    ).events
    assert [(e["target_code"], e["target_name"], e["target_kind"]) for e in events] == [
        ("POLCVL", "tram driver", "role")
    ]
