"""A phrase that names a role (transforms/coder/role_mentions.py), coded end to end on the trained model
with the bundled dictionaries: "the Tory leader" or "the president-elect" as the person the article gave
that title; an organisation the dictionaries lack named by the last word of its name ("the Institute for
Fiscal Studies", "the Police Federation"). Role nouns on hand-made parses ("Russian troops", "police in
Minsk") are in test_coder_mentions.py, with the other readers."""

from __future__ import annotations

from datetime import date

import pytest
from coded import UK_2005, US_2017, code_text
from spacy.language import Language

from transforms.coder import Coder

US_2016 = date(2016, 11, 10)


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # "the Tory leader" is Michael Howard, named before as the party's leader
        (
            "Tory leader Michael Howard spoke in London.\n\nThe Tory leader criticised the chancellor.",
            UK_2005,
            "Michael Howard",
        ),
        # ... or as the one Tory the article names
        (
            "Michael Howard spoke in London.\n\nThe Tory leader criticised the chancellor.",
            UK_2005,
            "Michael Howard",
        ),
        # "the president-elect" is the man the article called President-elect
        (
            "President-elect Donald Trump met Barack Obama.\n\nLater, the president-elect praised Obama.",
            US_2016,
            "Donald Trump",
        ),
    ],
)
def test_role_mentions_a_title_is_the_person_who_holds_it(
    nlp: Language, coder: Coder, text: str, published: date, expected: str
) -> None:
    events = code_text(nlp, coder, text, published)
    assert {e["source_name"] for e in events if not e["is_negated"]} >= {expected}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Tony Blair spoke in London.\n\nThe Countryside Alliance criticised the ban.",
            ("Countryside Alliance", "GBRNGO"),
        ),
        (
            "Tony Blair spoke in London.\n\nThe Police Federation criticised the Conservatives.",
            ("Police Federation", "GBRCOP"),
        ),
        (
            "Tony Blair spoke in London.\n\nThe Institute for Fiscal Studies criticised Gordon Brown.",
            ("Institute for Fiscal Studies", "GBREDU"),
        ),
        (
            "In Britain, the British Medical Association criticised ministers.",
            ("British Medical Association", "GBRNGO"),
        ),
        (
            "Barack Obama spoke in Ohio.\n\nThe Cincinnati Police Department criticised the zoo.",
            ("Cincinnati Police Department", "USACOP"),
        ),
    ],
)
def test_role_mentions_an_organisation_the_dictionaries_lack_by_the_last_word_of_its_name(
    nlp: Language, coder: Coder, text: str, expected: tuple[str, str]
) -> None:
    assert expected in {(e["source_name"], e["source_code"]) for e in code_text(nlp, coder, text)}


def test_role_mentions_a_police_department_arrests(nlp: Language, coder: Coder) -> None:
    """A police department the article names is the police: its arrest is an arrest (173), not an armed
    group's abduction (181)."""
    text = "Barack Obama spoke in Ohio.\n\nThe Cincinnati Police Department arrested two men."
    codes = {(e["source_code"], e["cameo_code"]) for e in code_text(nlp, coder, text, US_2017)}
    assert ("USACOP", "173") in codes


def test_role_mentions_the_alliance_alone_is_no_unlisted_organisation(nlp: Language, coder: Coder) -> None:
    events = code_text(
        nlp, coder, "Tony Blair spoke in London.\n\nAn alliance of charities criticised ministers."
    )
    assert not [e for e in events if e["source_kind"] == "group" and e["source_role"] == "NGO"]
