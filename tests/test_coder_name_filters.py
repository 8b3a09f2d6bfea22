"""Which dictionary names stand for their entry in an article (transforms/coder/name_filters.py): not a name
inside a longer name ("Washington" in "Washington Post", the UN's "Security Council" in "National Security
Council"), though a country keeps its forces and a party its local association; a local name ("Labour",
"the Conservatives") only in an article about its country.

End-to-end cases are crafted sentences and the rows the coder must produce on the trained model, with the
bundled dictionaries; the construction tests after them call whole_names and local_names on hand-made
parses (tests/handparse.py) and the names the dictionary finds in them.
"""

from __future__ import annotations

from datetime import date

import pytest
from coded import UK_2005, US_2017, actors, code_text, sources
from handparse import parsed
from spacy.language import Language
from spacy.tokens import Doc

from transforms.coder import Coder
from transforms.coder.lexicon import Lexicon
from transforms.coder.name_filters import local_names, whole_names


@pytest.mark.parametrize(
    ("text", "published", "absent"),
    [
        # a dictionary name inside a longer name is not that actor
        (
            "Donald Trump spoke in Washington.\n\nNational Security Council officials criticised Iran.",
            US_2017,
            "IGOUNO",
        ),
        ("Tony Blair spoke in London.\n\nThe Washington Post criticised Tony Blair.", UK_2005, "USAGOV"),
    ],
)
def test_people_a_name_inside_a_longer_name_is_not_that_actor(
    nlp: Language, coder: Coder, text: str, published: date, absent: str
) -> None:
    assert absent not in sources(code_text(nlp, coder, text, published))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # but a country keeps its forces, and a party its local association
        ("The Sudan Armed Forces attacked a refugee camp in South Sudan.", "SDN"),
        ("Russell Tanguay, agent for Arundel and South Downs Tories, criticised Labour.", "GBROPP"),
    ],
)
def test_people_a_name_before_its_own_organ_stays(nlp: Language, coder: Coder, text: str, expected: str) -> None:
    assert {code[:3] if expected == "SDN" else code for code in sources(code_text(nlp, coder, text))} >= {expected}


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # a bare party name counts where the article's country fits
        ("Labour criticised the Conservatives in Britain.", UK_2005, ("GBRGOV", "GBROPP")),
        ("The Democrats criticised Donald Trump in the United States.", US_2017, ("USAOPP", "USAGOV")),
    ],
)
def test_people_parties_are_dated_actors_of_the_articles_country(
    nlp: Language, coder: Coder, text: str, published: date, expected: tuple[str, str]
) -> None:
    events = code_text(nlp, coder, text, published)
    assert expected in {(e["source_code"], e["target_code"]) for e in events}


def test_people_a_party_name_of_another_country_is_not_british(nlp: Language, coder: Coder) -> None:
    events = code_text(nlp, coder, "In Israel, Labour criticised Benjamin Netanyahu.", date(2016, 3, 1))
    assert not any(code.startswith("GBR") for code in actors(events))


# --- on hand-made parses (tests/handparse.py), without the parser ---------------------------------------------


def kept_names(lex: Lexicon, doc: Doc, local: bool = False) -> set[str]:
    """The dictionary names of `doc` that whole_names (or, `local`, local_names in 2005) keeps, as text."""
    names = lex.actors.find_names(doc)
    kept = local_names(lex, doc, names, UK_2005) if local else whole_names(lex, doc, names)
    return {doc[m.start : m.end].text for m in kept.values()}


NATIONAL_SECURITY_COUNCIL = parsed(
    "National   PROPN  compound  Council    ent=ORG",
    "Security   PROPN  compound  Council    ent=I-ORG",
    "Council    PROPN  compound  officials  ent=I-ORG",
    "officials  NOUN   nsubj     met        tag=NNS",
    "met        VERB   ROOT      -          lemma=meet",
)
THE_SECURITY_COUNCIL = parsed(
    "the       DET    det       Council",
    "Security  PROPN  compound  Council  ent=ORG",
    "Council   PROPN  nsubj     met      ent=I-ORG",
    "met       VERB   ROOT      -        lemma=meet",
)
THE_WASHINGTON_POST = parsed(
    "the         DET    det       Post",
    "Washington  PROPN  compound  Post        ent=ORG",
    "Post        PROPN  nsubj     criticised  ent=I-ORG",
    "criticised  VERB   ROOT      -           lemma=criticise",
)
WASHINGTON_CRITICISED_TEHRAN = parsed(
    "Washington  PROPN  nsubj  criticised  ent=GPE",
    "criticised  VERB   ROOT   -           lemma=criticise",
    "Tehran      PROPN  dobj   criticised  ent=GPE",
)
THE_SUDAN_ARMED_FORCES = parsed(
    "the       DET    det       Forces",
    "Sudan     PROPN  compound  Forces    ent=ORG",
    "Armed     PROPN  compound  Forces    ent=I-ORG",
    "Forces    PROPN  nsubj     attacked  ent=I-ORG",
    "attacked  VERB   ROOT      -         lemma=attack",
)
SOUTH_DOWNS_TORIES = parsed(
    "for      ADP    ROOT      -",
    "Arundel  PROPN  compound  Tories   ent=ORG",
    "and      CCONJ  cc        Arundel  ent=I-ORG",
    "South    PROPN  compound  Downs    ent=I-ORG",
    "Downs    PROPN  conj      Arundel  ent=I-ORG",
    "Tories   PROPN  pobj      for      ent=I-ORG",
)


@pytest.mark.parametrize(
    ("doc", "kept"),
    [
        (NATIONAL_SECURITY_COUNCIL, set()),  # a dictionary name after a name word of the same entity
        (THE_SECURITY_COUNCIL, {"Security Council"}),  # the whole entity
        (THE_WASHINGTON_POST, set()),  # a capital that names a newspaper is not the government
        (WASHINGTON_CRITICISED_TEHRAN, {"Washington", "Tehran"}),  # a capital alone is
        (THE_SUDAN_ARMED_FORCES, {"Sudan"}),  # a country keeps its forces
        (SOUTH_DOWNS_TORIES, {"Tories"}),  # a party its local association
    ],
)
def test_name_filters_a_name_inside_a_longer_name(lex: Lexicon, doc: Doc, kept: set[str]) -> None:
    assert kept_names(lex, doc) == kept


def labour_criticised(*rest: str) -> Doc:
    """ "Labour criticised <rest>" """
    return parsed(
        "Labour      PROPN  nsubj  criticised  ent=ORG",
        "criticised  VERB   ROOT   -           lemma=criticise",
        *rest,
    )


@pytest.mark.parametrize(
    ("doc", "kept"),
    [
        # the country the article's other names name most
        (
            labour_criticised(
                "the  DET  det  plan",
                "plan  NOUN  dobj  criticised",
                "in  ADP  prep  criticised",
                "Britain  PROPN  pobj  in  ent=GPE",
            ),
            {"Labour", "Britain"},
        ),
        (
            labour_criticised(
                "the            DET    det   Conservatives",
                "Conservatives  PROPN  dobj  criticised     ent=NORP tag=NNPS",
                "in             ADP    prep  criticised",
                "Israel         PROPN  pobj  in             ent=GPE",
            ),
            {"Israel"},
        ),
        # no other country named: two different local names of one country agree on it, one alone does not
        (
            labour_criticised(
                "the  DET  det  Conservatives", "Conservatives  PROPN  dobj  criticised  ent=NORP tag=NNPS"
            ),
            {"Labour", "Conservatives"},
        ),
        (labour_criticised("the  DET  det  plan", "plan  NOUN  dobj  criticised"), set()),
        # a surname is no evidence of the article's country; a full name is
        (
            labour_criticised("Mr  PROPN  compound  Blair", "Blair  PROPN  dobj  criticised  ent=PERSON"),
            {"Mr Blair"},
        ),
        (
            labour_criticised(
                "Tony  PROPN  compound  Blair  ent=PERSON", "Blair  PROPN  dobj  criticised  ent=I-PERSON"
            ),
            {"Labour", "Tony Blair"},
        ),
    ],
)
def test_name_filters_local_names_only_in_an_article_about_their_country(
    lex: Lexicon, doc: Doc, kept: set[str]
) -> None:
    assert kept_names(lex, doc, local=True) == kept
