"""How the coder resolves the actors of an event: names, roles, leaders by date, pronouns, the article's
country for a bare role."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from spacy.language import Language

from transforms.coder import ArticleContext, Coder

PUBLISHED = date(2023, 3, 8)


def code_text(nlp: Language, coder: Coder, text: str, published: date = PUBLISHED) -> list[dict]:
    return coder.code(nlp(text), ArticleContext("test", published, published)).events


def pairs(events: list[dict]) -> set[tuple[str, str, str]]:
    return {(e["source_code"], e["target_code"], e["cameo_code"]) for e in events if not e["is_negated"]}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Moscow condemned Kyiv.", ("RUSGOV", "UKRGOV")),  # capitals stand for governments
        ("The Kremlin criticised Britain.", ("RUSGOV", "GBR")),
        ("The White House criticised Iran.", ("USAGOV", "IRN")),
        ("Russian troops shelled Kharkiv.", ("RUSMIL", "UKR")),  # demonym + role noun; a city's country
        ("Police in Hong Kong arrested students.", ("HKGCOP", "HKGEDU")),  # the role's country from "in"
        ("Iran's foreign minister criticised Israel.", ("IRNGOV", "ISR")),
        ("NATO condemned Russia.", ("IGOWSTNAT", "RUS")),
        ("The European Union imposed sanctions on Belarus.", ("IGOEUREEC", "BLR")),
        ("Houthi rebels attacked Saudi oil facilities.", ("YEMREB", "SAU")),
        ("French President Jean Dupont visited Algeria.", ("FRAGOV", "DZA")),  # an unknown titled person
    ],
)
def test_coder_actors_names_roles_and_metonyms(
    nlp: Language, coder: Coder, text: str, expected: tuple[str, str]
) -> None:
    assert expected in {(s, t) for s, t, _ in pairs(code_text(nlp, coder, text))}


@pytest.mark.parametrize(
    ("published", "expected"), [(date(2021, 6, 16), "USAGOV"), (date(2019, 6, 16), "USAELI")]
)
def test_coder_actors_leader_code_by_event_date(
    nlp: Language, coder: Coder, published: date, expected: str
) -> None:
    events = code_text(nlp, coder, "Joe Biden criticised Russia.", published)
    assert {(e["source_code"], e["source_kind"], e["source_name"]) for e in events} == {
        (expected, "person", "Joe Biden")
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # pronouns and definite descriptions resolve to an actor named earlier in the article
        # (a second sentence of another root: "He met Xi" would be the same visit, one row)
        ("Putin arrived in Beijing on Monday.\n\nHe criticised Japan.", ("RUSGOV", "JPN", "111")),
        (
            "Hamas fired rockets at Israel on Monday.\n\nIsraeli jets later struck the group in Gaza.",
            ("ISRMIL", "PSEREB", "190"),
        ),
        ("Iran said it would release the British sailors.", ("IRN", "GBRMIL", "0353")),
        (
            "Pakistan's prime minister said his country would release the Indian pilot.",
            ("PAKGOV", "IND", "0353"),
        ),
    ],
)
def test_coder_actors_pronouns_and_definite_descriptions(
    nlp: Language, coder: Coder, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in pairs(code_text(nlp, coder, text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # unknown armed men, protesters, police: a role, and the country the article makes clear
        ("Protesters blocked roads in Minsk.", ("BLRCVL", None, "144")),
        ("Gunmen killed five soldiers in Nigeria.", ("NGAUAF", "NGAMIL", "1823")),
        ("Belarusian riot police detained hundreds of protesters.", ("BLRCOP", "BLRCVL", "173")),
        (
            "Thousands of Israelis rallied in Tel Aviv against the government's plan.",
            ("ISRCVL", "ISRGOV", "141"),
        ),
    ],
)
def test_coder_actors_bare_roles_get_the_articles_country(
    nlp: Language, coder: Coder, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in pairs(code_text(nlp, coder, text))


def test_coder_actors_role_without_any_country_gives_no_event(nlp: Language, coder: Coder) -> None:
    assert pairs(code_text(nlp, coder, "The minister criticised the police.")) == set()


def test_coder_actors_columns_of_a_resolved_actor(nlp: Language, coder: Coder) -> None:
    (event,) = code_text(nlp, coder, "Russian troops shelled Kharkiv.")
    source = {k[len("source_") :]: v for k, v in event.items() if k.startswith("source_")}
    target = {k[len("target_") :]: v for k, v in event.items() if k.startswith("target_")}
    assert source == {
        "code": "RUSMIL",
        "name": "Russian troops",  # what the text names, not the state ("Russia")
        "text": "Russian troops",
        "country": "RUS",
        "role": "MIL",
        "kind": "role",
    }
    assert (target["code"], target["country"], target["text"], target["kind"]) == (
        "UKR",
        "UKR",
        "Kharkiv",
        "state",
    )


def test_coder_actors_unresolved_phrases_are_recorded(nlp: Language, coder: Coder) -> None:
    doc = nlp("The Zorblax Front attacked Ukraine.")
    result = coder.code(doc, ArticleContext("a1", PUBLISHED, PUBLISHED))
    assert result.events == []
    (item,) = result.unresolved
    assert item == {
        "article_id": "a1",
        "sentence_index": 0,
        "sentence": "The Zorblax Front attacked Ukraine.",
        "role": "source",
        "phrase": "Zorblax Front",
        "head": "front",
    }


def test_coder_actors_user_dictionary_resolves_new_names(nlp: Language, tmp_path: Path) -> None:
    user = tmp_path / "actors.yaml"
    user.write_text("- code: UKRREB\n  kind: group\n  names: [Zorblax Front]\n", encoding="utf-8")
    coder = Coder([user])
    assert pairs(code_text(nlp, coder, "The Zorblax Front attacked Ukraine.")) == {("UKRREB", "UKR", "190")}


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("The Soviet Union criticised China.", date(1987, 3, 2), ("RUS", "CHN")),
        ("Soviet troops attacked Afghan rebels.", date(1987, 3, 2), ("RUSMIL", "AFGREB")),
        ("West Germany criticised France.", date(1987, 3, 2), ("DEU", "FRA")),
        ("East Germany condemned West Germany.", date(1987, 3, 2), ("DDR", "DEU")),
        ("Yugoslavia condemned Albania.", date(1987, 3, 2), ("SRB", "ALB")),
        ("Czechoslovakia criticised Austria.", date(1987, 3, 2), ("CZE", "AUT")),
        ("The European Community imposed sanctions on South Africa.", date(1987, 3, 2), ("IGOEUREEC", "ZAF")),
        ("Reagan criticised Nicaragua.", date(1987, 3, 2), ("USAGOV", "NIC")),
        ("Gorbachev met Thatcher in Moscow.", date(1987, 3, 30), ("RUSGOV", "GBRGOV")),
        ("Nakasone criticised the United States.", date(1987, 4, 1), ("JPNGOV", "USA")),
        ("Shevardnadze met Shultz in Geneva.", date(1987, 9, 15), ("RUSGOV", "USAGOV")),
        ("Helmut Kohl criticised Mitterrand.", date(1987, 5, 4), ("DEUGOV", "FRAGOV")),
    ],
)
def test_coder_actors_historical_states_and_cold_war_leaders(
    nlp: Language, coder: Coder, text: str, published: date, expected: tuple[str, str]
) -> None:
    assert expected in {(s, t) for s, t, _ in pairs(code_text(nlp, coder, text, published))}


@pytest.mark.parametrize(
    ("name", "published", "expected"),
    [
        ("Eduard Shevardnadze", date(1987, 9, 15), "RUSGOV"),  # Soviet foreign minister
        ("Eduard Shevardnadze", date(1995, 9, 15), "GEOGOV"),  # president of Georgia
        ("Ronald Reagan", date(1995, 1, 1), "USAELI"),  # out of office
    ],
)
def test_coder_actors_cold_war_leaders_by_date(
    nlp: Language, coder: Coder, name: str, published: date, expected: str
) -> None:
    events = code_text(nlp, coder, f"{name} criticised Iran.", published)
    assert expected in {e["source_code"] for e in events}


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # a title and a known person's surname name that person, coded for the event date
        ("Mr Straw criticised Iran.", date(2005, 3, 1), ("GBRGOV", "IRN", "111")),
        ("Mr Straw criticised Iran.", date(2023, 3, 1), ("GBRELI", "IRN", "111")),
        # British parties are the government while they govern, the opposition otherwise
        ("The Lib Dems criticised Iran.", date(2005, 3, 1), ("GBROPP", "IRN", "111")),
        ("The Lib Dems criticised Iran.", date(2012, 3, 1), ("GBRGOV", "IRN", "111")),
        ("The Tories criticised Iran.", date(1990, 3, 1), ("GBRGOV", "IRN", "111")),
        # the Sandinistas governed Nicaragua in the 1980s and were in opposition in the 1990s
        ("The Contras attacked a Sandinista army base.", date(1986, 3, 1), ("NICREB", "NICMIL", "190")),
        ("The Sandinistas criticised the United States.", date(1995, 3, 1), ("NICOPP", "USA", "111")),
    ],
)
def test_coder_actors_titled_surnames_and_parties_by_date(
    nlp: Language, coder: Coder, text: str, published: date, expected: tuple
) -> None:
    assert pairs(code_text(nlp, coder, text, published)) == {expected}
