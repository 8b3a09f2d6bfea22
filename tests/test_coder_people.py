"""Who the people of an article are (transforms/coder/people.py): mentions linked within the article, the
person the article describes, dictionary surnames only where the article supports them, houses and their
members. Where the article names a person is tested in test_coder_person_spans.py, pronouns in
test_coder_anaphora.py, what a description says of a person in test_coder_descriptions.py, names inside
longer names and parties by the article's country in test_coder_name_filters.py, no row between an actor
and itself in test_coder_records.py."""

from __future__ import annotations

from datetime import date

import pytest
from coded import UK_2005, US_2017, actors, code_text, sources
from spacy.language import Language

from transforms.coder import Coder


@pytest.fixture(scope="session")
def coder() -> Coder:
    return Coder()


@pytest.mark.parametrize(
    ("text", "source"),
    [
        # a full name with a title introduces the person; "Mr X" and the bare surname refer back
        (
            "Home Secretary Charles Clarke defended the plans in Britain.\n\n"
            "Mr Clarke criticised the Conservatives on Monday.",
            "GBRGOV",
        ),
        (
            "Lib Dem spokesman Vince Cable spoke in London.\n\nMr Cable accused the chancellor of ducking choices.",
            "GBROPP",
        ),
        (
            "FBI Director James Comey testified on Monday.\n\nLater Comey criticised Russia.",
            "USACOP",
        ),
        # "Tory leader Michael Howard" is the Conservatives' leader, not Australia's John Howard
        (
            "Tory leader Michael Howard spoke in Britain.\n\nMr Howard criticised Tony Blair.",
            "GBROPP",
        ),
    ],
)
def test_people_later_mentions_refer_back_to_the_described_person(
    nlp: Language, coder: Coder, text: str, source: str
) -> None:
    events = code_text(nlp, coder, text, US_2017 if "Comey" in text else UK_2005)
    assert source in sources(events)
    assert not any(code.startswith("AUS") for code in actors(events))


@pytest.mark.parametrize(
    "text",
    [
        "Jack McConnell, Scotland's first minister, criticised Britain.",  # not Mitch McConnell
        "Irene Khan, the head of Amnesty International, criticised Britain.",  # not Imran Khan
        "Mr Kennedy criticised the Conservatives in Britain.",  # not Kennedy, Colombia
        "Gunmen attacked the German consulate in Mazar-e-Sharif.",  # "Sharif" is no Nawaz Sharif
        "In Britain Mr Howard criticised Labour.",  # a surname alone needs the article's support
    ],
)
def test_people_a_surname_is_no_other_person_of_the_dictionary(
    nlp: Language, coder: Coder, text: str
) -> None:
    codes = actors(code_text(nlp, coder, text))
    assert not any(code[:3] in ("USA", "PAK", "COL", "AUS") for code in codes), codes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The law lords criticised the government in Britain.", "GBRJUD"),
        ("In Britain, MPs criticised the government.", "GBRLEG"),
        ("The Lords rejected the bill in Britain.", "GBRLEG"),
    ],
)
def test_people_houses_and_their_members(nlp: Language, coder: Coder, text: str, expected: str) -> None:
    assert expected in sources(code_text(nlp, coder, text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # one dictionary entry per body and party: the name column names the one the text names
        ("Tony Blair spoke in London.\n\nThe Commons rejected the Conservatives' plan.", "House of Commons"),
        ("Tony Blair spoke in London.\n\nThe SNP criticised the Conservatives.", "Scottish National Party"),
    ],
)
def test_people_bodies_and_parties_are_named_as_the_text_names_them(
    nlp: Language, coder: Coder, text: str, expected: str
) -> None:
    assert expected in {e["source_name"] for e in code_text(nlp, coder, text)}


def test_people_role_rows_name_what_the_text_names(nlp: Language, coder: Coder) -> None:
    # "the prime minister" is not whoever else of that code the article named; a role is no state
    text = "Tony Blair spoke in London on Monday.\n\nThe courts minister criticised the Conservatives."
    events = [e for e in code_text(nlp, coder, text) if e["source_code"] == "GBRGOV"]
    assert events and {(e["source_name"], e["source_kind"]) for e in events} == {("courts minister", "role")}


def test_people_a_surname_only_a_country_holds_is_no_dictionary_person(nlp: Language, coder: Coder) -> None:
    # "Mr Irish" matches only the state Ireland's adjective in the dictionaries: a person, but none of theirs
    text = '"Shops have promised to supply enough players," said Mr Irish. Mr Irish criticised the prices.'
    events = code_text(nlp, coder, text)
    assert "IRL" not in sources(events)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Mrs Clinton criticised Donald Trump on Sunday.", "Hillary Clinton"),
        ("Mr Clinton criticised Donald Trump on Sunday.", "Bill Clinton"),
    ],
)
def test_people_an_honorific_keeps_a_surname_to_a_person_of_its_gender(
    nlp: Language, coder: Coder, text: str, name: str
) -> None:
    # in 2016 neither Clinton holds an office that dates the surname: "Mrs" and "Mr" tell them apart
    events = code_text(nlp, coder, text, date(2016, 11, 11))
    assert {e["source_name"] for e in events} == {name}
