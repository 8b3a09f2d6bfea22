"""Who a person's description says they are (transforms/coder/descriptions.py): the head noun of a title
decides the role ("courts minister"), a country or a place among its words the country ("the MP for
Grantham"), a party's office is the party's ("Tory leader"), "shadow" the opposition, "former" an elite.
An organisation the dictionaries lack, named by the last word of its name, is tested in
test_coder_role_mentions.py.

End-to-end cases are crafted sentences and the rows the coder must produce on the trained model, with the
bundled dictionaries; the construction tests after them call the module's functions on hand-made parses
(tests/handparse.py) of a description.
"""

from __future__ import annotations

from datetime import date

import pytest
from coded import UK_2005, US_2017, code_text, sources
from handparse import PUBLISHED, parsed
from spacy.language import Language
from spacy.tokens import Doc

from transforms.coder import Coder
from transforms.coder.descriptions import _noun_gender, _place_country, _titles, describe
from transforms.coder.lexicon import Lexicon


@pytest.mark.parametrize(
    ("text", "source"),
    [
        # the head noun of a title decides the role, not its modifier
        ("In Britain the courts minister Christopher Leslie criticised the Conservatives.", "GBRGOV"),
        ("Labour MP Barry Sheerman criticised the government in Britain.", "GBRLEG"),
        ("Conservative shadow home secretary David Davis criticised Tony Blair.", "GBROPP"),
        ("Ed Balls, ex-chief economic adviser to the Treasury, criticised the Conservatives.", "GBRELI"),
        ("Foreign Minister Sergei Novak of Russia criticised Ukraine.", "RUSGOV"),
    ],
)
def test_people_a_description_gives_country_and_role(
    nlp: Language, coder: Coder, text: str, source: str
) -> None:
    assert source in sources(code_text(nlp, coder, text))


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # the place a description names gives the country, even in a story from elsewhere
        (
            "Quentin Davies, the MP for Grantham and Stamford, was mugged in Kenya.\n\n"
            "He criticised the Kenyan police.",
            UK_2005,
            ("Quentin Davies", "GBRLEG"),
        ),
        # a party's possessive before the title: "The Liberal Democrats' economics spokesman"
        (
            "The Liberal Democrats' economics spokesman Vincent Cable criticised the chancellor in London.",
            UK_2005,
            ("Vincent Cable", "GBROPP"),
        ),
    ],
)
def test_people_the_description_and_the_whole_name_decide(
    nlp: Language, coder: Coder, text: str, published: date, expected: tuple[str, str]
) -> None:
    events = code_text(nlp, coder, text, published)
    people = {(e[f"{side}_name"], e[f"{side}_code"]) for e in events for side in ("source", "target")}
    assert expected in people
    assert not any(name == expected[0] and code != expected[1] for name, code in people)


def test_people_a_former_neighbour_is_no_elite(nlp: Language, coder: Coder) -> None:
    text = "Stephen Paddock lived in Mesquite.\n\nSharon Judy, a former neighbor, criticised the police in Nevada."
    assert not [e for e in code_text(nlp, coder, text, US_2017) if e["source_role"] == "ELI"]


def test_people_actress_is_a_civilian_of_the_articles_country(nlp: Language, coder: Coder) -> None:
    text = (
        "Actress Uma Thurman spoke in New York on Monday.\n\n"
        "Thurman accused Harvey Weinstein, a producer in the United States, of assault."
    )
    assert "USACVL" in sources(code_text(nlp, coder, text, US_2017))


@pytest.mark.timeout(20)
def test_people_a_place_word_under_the_sentence_root_ends_the_walk_up(lex: Lexicon) -> None:
    # A Reuters dividend table: the description's words hold their sentence's root, so the walk up from
    # "Pay" to its governing preposition reaches the root; it must stop there, not loop on it.
    doc = parsed(
        "div    NOUN   compound  cts",
        "cts    NOUN   ROOT      -",
        "prior  ADJ    amod      Pay",
        "Pay    PROPN  compound  March",
        "March  PROPN  npadvmod  cts  ent=DATE",
    )
    assert _place_country(lex, list(doc), {}) is None


# --- on hand-made parses (tests/handparse.py), without the parser ---------------------------------------------


def described(lex: Lexicon, doc: Doc, head: str, home: str = "") -> tuple[str, str] | None:
    """The (code, kind) of the actor the description `doc` gives, its head noun the word `head`."""
    noun = next(t for t in doc if t.text == head)
    actor = describe(lex, list(doc), noun, lex.actors.find_names(doc), PUBLISHED, home)
    return (actor.code, actor.kind) if actor is not None else None


def mp(preposition: str, place_entity: str) -> Doc:
    """ "the MP <preposition> Grantham" """
    return parsed(
        "the       DET    det   MP",
        "MP        PROPN  ROOT  -",
        f"{preposition}  ADP  prep  MP",
        f"Grantham  PROPN  pobj  {preposition}  {place_entity}",
    )


@pytest.mark.parametrize(
    ("doc", "head", "expected"),
    [
        # the place a description names gives the country: a tagged place, or a town of MIN_TOWN people
        (mp("for", "ent=GPE"), "MP", ("GBRLEG", "state")),
        (mp("for", ""), "MP", ("GBRLEG", "state")),
        # not a place the person comes from or is sent to (OTHER_PLACE_PREPS)
        (mp("from", "ent=GPE"), "MP", ("LEG", "role")),
        # a country among the words
        (
            parsed(
                "Russian  ADJ  amod  minister  ent=NORP",
                "foreign  ADJ  amod  minister",
                "minister  NOUN  ROOT  -",
            ),
            "minister",
            ("RUSGOV", "state"),
        ),
        # the head noun decides the role, not its modifier
        (
            parsed("courts    NOUN  compound  minister  lemma=court tag=NNS", "minister  NOUN  ROOT  -"),
            "minister",
            ("GOV", "role"),
        ),
        # a party's office is the party's; a party's MP is the party's legislator
        (
            parsed("Tory    PROPN  compound  leader  ent=NORP", "leader  NOUN   ROOT      -"),
            "leader",
            ("GBRGOV", "group"),
        ),
        (
            parsed("Tory  PROPN  compound  MP  ent=NORP", "MP    NOUN   ROOT      -  tag=NN"),
            "MP",
            ("GBRLEG", "state"),
        ),
        # "shadow": the opposition's spokesperson, of the party named or of no one
        (
            parsed(
                "Tory        PROPN  compound  chancellor  ent=NORP",
                "shadow      NOUN   compound  chancellor",
                "chancellor  NOUN   ROOT      -",
            ),
            "chancellor",
            ("GBROPP", "state"),
        ),
        # (a title roles.tsv lacks: "shadow" still makes it the opposition's)
        (
            parsed(
                "the        DET   det       secretary",
                "shadow     NOUN  compound  secretary",
                "education  NOUN  compound  secretary",
                "secretary  NOUN  ROOT      -",
            ),
            "secretary",
            ("OPP", "role"),
        ),
        # "former" makes an elite of an office-holder, not of a neighbour
        (parsed("former    ADJ   amod  minister", "minister  NOUN  ROOT  -"), "minister", ("ELI", "role")),
        (
            parsed(
                "a          DET   det   neighbour",
                "former     ADJ   amod  neighbour",
                "neighbour  NOUN  ROOT  -",
            ),
            "neighbour",
            None,
        ),
    ],
)
def test_descriptions_give_country_and_role(
    lex: Lexicon, doc: Doc, head: str, expected: tuple | None
) -> None:
    assert described(lex, doc, head) == expected


LEAGUE_AGAINST_CRUEL_SPORTS = parsed(
    "chairman  NOUN   ROOT      -",
    "of        ADP    prep      chairman",
    "the       DET    det       League",
    "League    PROPN  pobj      of       ent=ORG",
    "Against   PROPN  prep      League   ent=I-ORG",
    "Cruel     PROPN  compound  Sports   ent=I-ORG",
    "Sports    PROPN  pobj      Against  ent=I-ORG",
)


def test_descriptions_an_organisation_the_dictionaries_lack_is_of_the_articles_country(lex: Lexicon) -> None:
    # "League" is a name head (NGO): the organisation is named by its capitalised words
    noun = LEAGUE_AGAINST_CRUEL_SPORTS[0]
    names = lex.actors.find_names(LEAGUE_AGAINST_CRUEL_SPORTS)
    actor = describe(lex, list(LEAGUE_AGAINST_CRUEL_SPORTS), noun, names, PUBLISHED, "GBR")
    assert actor is not None
    assert (actor.code, actor.name, actor.kind) == ("GBRNGO", "League Against Cruel Sports", "group")
    # with no country the article is about, no organisation: the chairman is a bare role
    assert described(lex, LEAGUE_AGAINST_CRUEL_SPORTS, "chairman") != ("GBRNGO", "group")


def test_descriptions_titles_are_what_the_office_is_called(lex: Lexicon) -> None:
    # "Home Secretary Charles Clarke" is who "the home secretary" later refers to
    doc = parsed("the  DET  det  secretary", "home  NOUN  compound  secretary", "secretary  NOUN  ROOT  -")
    assert _titles(lex, doc[2]) == {"home secretary", "secretary"}
    assert _titles(lex, parsed("neighbour  NOUN  ROOT  -")[0]) == set()


@pytest.mark.parametrize(
    ("noun", "gender"), [("actress", "f"), ("chairwoman", "f"), ("spokesman", "m"), ("minister", "")]
)
def test_descriptions_a_noun_of_one_gender_gives_the_persons(lex: Lexicon, noun: str, gender: str) -> None:
    assert _noun_gender(lex, list(parsed(f"{noun}  NOUN  ROOT  -"))) == gender


def test_descriptions_place_country_of_a_dictionary_place(lex: Lexicon) -> None:
    doc = mp("for", "ent=GPE")
    actor = _place_country(lex, list(doc), {})
    assert actor is not None and actor.code == "GBR"


def clinton_office(noun: str) -> Doc:
    """ "head of the Clinton <noun>'s research division" """
    return parsed(
        "head      NOUN   ROOT      -",
        "of        ADP    prep      head",
        "the       DET    det       Clinton",
        "Clinton   PROPN  compound  " + noun + "  ent=PERSON",
        f"{noun}  NOUN   poss      division",
        "'s        PART   case      " + noun,
        "research  NOUN   compound  division",
        "division  NOUN   pobj      of",
    )


@pytest.mark.parametrize(
    ("noun", "expected"),
    [
        # a politician's campaign is a party of the politician's country, its head acts for it
        ("campaign", ("USAPTY", "group")),
        # a person's other bodies give the description nothing
        ("foundation", None),
    ],
)
def test_descriptions_a_politicians_campaign_is_a_party(lex: Lexicon, noun: str, expected: tuple | None) -> None:
    assert described(lex, clinton_office(noun), "head") == expected
