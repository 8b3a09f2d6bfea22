"""A noun phrase to its actors (transforms/coder/mentions.py, transforms/coder/names.py), on hand-made
parses coded end to end: names among modifiers, quantities, places, pronouns and definite descriptions;
then on real parses: the words around a person ("the interest in Trump's ...", "Mr Thorpe's colleagues")
that are not that person. Whom "he" and "she" refer to is tested in test_coder_anaphora.py; a title as the
person who holds it, and organisations by the last word of their name, in test_coder_role_mentions.py."""

from __future__ import annotations

from datetime import date

import pytest
from handparse import code, parsed
from spacy.language import Language
from spacy.tokens import Doc

from transforms.coder import ArticleContext, Coder

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


# "A Tunisian man stabbed a tourist in Nice." / "An Afghan stabbed a girl in Munich."
A_TUNISIAN_MAN_STABBED = parsed(
    "A        DET    det    man",
    "Tunisian ADJ    amod   man      ent=NORP",
    "man      NOUN   nsubj  stabbed  tag=NN",
    "stabbed  VERB   ROOT   -        lemma=stab",
    "a        DET    det    tourist",
    "tourist  NOUN   dobj   stabbed  tag=NN",
    "in       ADP    prep   stabbed",
    "Nice     PROPN  pobj   in       ent=GPE",
)
AN_AFGHAN_STABBED = parsed(
    "An       DET    det    Afghan",
    "Afghan   PROPN  nsubj  stabbed  ent=NORP tag=NNP",
    "stabbed  VERB   ROOT   -        lemma=stab",
    "a        DET    det    girl",
    "girl     NOUN   dobj   stabbed  tag=NN",
    "in       ADP    prep   stabbed",
    "Munich   PROPN  pobj   in       ent=GPE",
)
# "A native of Tunisia and resident of Nice killed 84 people.": one person described twice
A_NATIVE_OF_TUNISIA_AND_RESIDENT = parsed(
    "A         DET    det    native",
    "native    NOUN   nsubj  killed    tag=NN",
    "of        ADP    prep   native",
    "Tunisia   PROPN  pobj   of#1      ent=GPE",
    "and       CCONJ  cc     native",
    "resident  NOUN   conj   native    tag=NN",
    "of        ADP    prep   resident",
    "Nice      PROPN  pobj   of#2      ent=GPE",
    "killed    VERB   ROOT   -         lemma=kill",
    "84        NUM    nummod people    ent=CARDINAL",
    "people    NOUN   dobj   killed    tag=NNS",
)


@pytest.mark.parametrize(
    ("doc", "events"),
    [
        # one private person known by a nationality is no state: using force, a criminal of the country
        # where it happened (not the country their nationality names)
        (A_TUNISIAN_MAN_STABBED, {("FRACRM", "182")}),
        (AN_AFGHAN_STABBED, {("DEUCRM", "182")}),
        (A_NATIVE_OF_TUNISIA_AND_RESIDENT, {("FRACRM", "1823")}),
    ],
)
def test_mentions_a_person_known_by_a_nationality_is_no_state(coder: Coder, doc: Doc, events: set) -> None:
    assert {(source, event) for source, _, event in code(doc, coder)} == events


UK_2005 = date(2005, 2, 1)
US_2016 = date(2016, 11, 10)


def rows(nlp: Language, coder: Coder, text: str, published: date = UK_2005) -> set[tuple[str, str, str]]:
    events = coder.code(nlp(text), ArticleContext("test", published, published)).events
    return {(e["source_name"], e["target_name"], e["cameo_code"]) for e in events if not e["is_negated"]}


@pytest.mark.parametrize(
    "text",
    [
        # a person deep in a thing's phrase is not the thing
        '"I was encouraged by the interest in Donald Trump\'s wanting to work with my team," Barack Obama said.',
        # nor are a person's colleagues the person
        "Jeremy Thorpe met the Conservatives.\n\nMr Thorpe's colleagues refused to support the Conservatives.",
    ],
)
def test_mentions_words_around_a_person_are_not_the_person(nlp: Language, coder: Coder, text: str) -> None:
    names = {source for source, _, _ in rows(nlp, coder, text, US_2016)}
    assert not names & {"Donald Trump", "United States", "Jeremy Thorpe"}


def test_mentions_a_middle_initial_and_a_title_do_not_hide_a_dictionary_person(
    nlp: Language, coder: Coder
) -> None:
    text = "Donald Trump later met with House Speaker Paul D. Ryan at the Capitol."
    assert ("Donald Trump", "Paul Ryan", "044") in rows(nlp, coder, text, US_2016)


def _named(coder: Coder, doc: Doc) -> set[tuple[str, str, str, str]]:
    """(side, code, name, kind) of each actor of the events the coder gives `doc`."""
    events = coder.code(doc, ArticleContext("hand", date(2023, 3, 8), date(2023, 3, 8))).events
    return {
        (side, e[f"{side}_code"], e[f"{side}_name"], e[f"{side}_kind"])
        for e in events
        for side in ("source", "target")
        if e[f"{side}_code"]
    }


RUSSIAN_GOVERNMENT_CRITICISED = parsed(
    "the         DET    det    government",
    "Russian     ADJ    amod   government  ent=NORP",
    "government  NOUN   nsubj  criticised",
    "criticised  VERB   ROOT   -           lemma=criticise",
    "Japan       PROPN  dobj   criticised  ent=GPE",
)
MOSCOW_CRITICISED = parsed(
    "Moscow      PROPN  nsubj  criticised  ent=GPE",
    "criticised  VERB   ROOT   -           lemma=criticise",
    "Japan       PROPN  dobj   criticised  ent=GPE",
)


@pytest.mark.parametrize(
    ("doc", "named"),
    [
        # a role noun of a country is that role, named as the text names it, not the state
        (
            RUSSIAN_TROOPS_SHELLED,
            {("source", "RUSMIL", "Russian troops", "role"), ("target", "UKR", "Ukraine", "state")},
        ),
        (
            RUSSIAN_GOVERNMENT_CRITICISED,
            {("source", "RUSGOV", "Russian government", "role"), ("target", "JPN", "Japan", "state")},
        ),
        # a dictionary name stays the state it names, its government metonym too
        (MOSCOW_CRITICISED, {("source", "RUSGOV", "Russia", "state"), ("target", "JPN", "Japan", "state")}),
    ],
)
def test_mentions_a_countrys_role_is_named_by_its_noun(coder: Coder, doc: Doc, named: set) -> None:
    assert _named(coder, doc) == named
