"""Loading actor dictionaries and finding their names in a parse (transforms/actors.py)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from spacy.language import Language

from transforms.actors import ActorDictionary, ActorFileError, split_code

COUNTRIES = """
- code: RUS
  kind: state
  names: [Russia, Russian Federation]
  adjectives: [Russian, Russians]
  government: [Moscow, the Kremlin]
- code: USA
  kind: state
  names: [United States, U.S., US]
  adjectives: [American]
  government: [Washington, White House]
"""
PEOPLE = """
- code: USAELI
  kind: person
  names: [Joe Biden, Biden]
  terms:
    - {code: USAGOV, from: 2021-01-20, to: 2025-01-20}
- code: USAELI
  kind: person
  names: [George Bush, Bush]
  terms:
    - {code: USAGOV, from: 1989-01-20, to: 1993-01-20}
- code: USAELI
  kind: person
  names: [George W. Bush, Bush]
  terms:
    - {code: USAGOV, from: 2001-01-20, to: 2009-01-20}
"""
ORGANIZATIONS = """
- code: IGOWSTNAT
  kind: igo
  names: [NATO, North Atlantic Treaty Organization]
"""
ROLES = "# roles\nphrase\trole\ntroop\tMIL\npolice\tCOP\nforeign minister\tGOV\nminister\tGOV\n"
ROLE_CODES = "code\tlabel\nMIL\tMilitary\nCOP\tPolice\nGOV\tGovernment\n"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "countries.yaml").write_text(COUNTRIES, encoding="utf-8")
    (folder / "people.yaml").write_text(PEOPLE, encoding="utf-8")
    (folder / "organizations.yaml").write_text(ORGANIZATIONS, encoding="utf-8")
    (folder / "roles.tsv").write_text(ROLES, encoding="utf-8")
    (folder / "role_codes.tsv").write_text(ROLE_CODES, encoding="utf-8")
    return folder


@pytest.fixture
def actors(data_dir: Path) -> ActorDictionary:
    return ActorDictionary.load(data_dir=data_dir)


def _codes(actors: ActorDictionary, nlp: Language, text: str, day: date = date(2022, 5, 1)) -> list[str]:
    doc = nlp(text)
    matches = sorted({m.start: m for m in actors.find_names(doc).values()}.values(), key=lambda m: m.start)
    return [actors.actor(actors.pick(m.refs, day), day, "").code for m in matches]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russia and the United States met.", ["RUS", "USA"]),
        ("The Kremlin said it would respond.", ["RUSGOV"]),  # a leading "the" is ignored
        ("Moscow rejected the offer.", ["RUSGOV"]),
        ("Russian troops crossed into NATO territory.", ["RUS", "IGOWSTNAT"]),
        ("The North Atlantic Treaty Organization met.", ["IGOWSTNAT"]),  # the longest name wins
        ("None of us saw it.", []),  # names match case-sensitively: "us" is not US
    ],
)
def test_actors_find_names(actors: ActorDictionary, nlp: Language, text: str, expected: list[str]) -> None:
    assert _codes(actors, nlp, text) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [(date(2022, 5, 1), "USAGOV"), (date(2018, 5, 1), "USAELI"), (date(2025, 6, 1), "USAELI")],
)
def test_actors_person_code_follows_terms(
    actors: ActorDictionary, nlp: Language, day: date, expected: str
) -> None:
    assert _codes(actors, nlp, "Joe Biden spoke.", day) == [expected]


@pytest.mark.parametrize(("day", "expected"), [(date(1990, 6, 1), "USAGOV"), (date(2004, 6, 1), "USAGOV")])
def test_actors_shared_name_picks_the_term_covering_the_date(
    actors: ActorDictionary, nlp: Language, day: date, expected: str
) -> None:
    doc = nlp("Bush spoke.")
    match = actors.find_names(doc)[0]
    ref = actors.pick(match.refs, day)
    assert actors.entries[ref.entry].terms[0].start.year in ((1989,) if day.year == 1990 else (2001,))
    assert actors.actor(ref, day, "Bush").code == expected


def test_actors_user_file_takes_precedence(data_dir: Path, tmp_path: Path, nlp: Language) -> None:
    user = tmp_path / "mine.yaml"
    user.write_text("- code: RUSMIL\n  kind: state\n  names: [Kremlin]\n", encoding="utf-8")
    actors = ActorDictionary.load([user], data_dir=data_dir)
    assert _codes(actors, nlp, "The Kremlin said so.") == ["RUSMIL"]


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("Russian troops advanced.", "troops", ("MIL", 1)),  # plural through the lemma
        ("The foreign minister spoke.", "minister", ("GOV", 1)),  # the longest phrase wins
        ("Police arrived.", "Police", ("COP", 0)),
        ("The weather was fine.", "weather", None),
    ],
)
def test_actors_roles_from_nouns(
    actors: ActorDictionary, nlp: Language, text: str, word: str, expected: tuple[str, int] | None
) -> None:
    doc = nlp(text)
    token = next(t for t in doc if t.text == word)
    assert actors.role_of(token) == expected


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("RUSMIL", ("RUS", "MIL")),
        ("RUS", ("RUS", "")),
        ("IGOUNO", ("", "")),
        ("GOV", ("", "GOV")),
        ("XKXGOV", ("XKX", "GOV")),
        ("PSEREB", ("PSE", "REB")),
    ],
)
def test_actors_split_code(code: str, expected: tuple[str, str]) -> None:
    assert split_code(code) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- code: RUS\n  kind: planet\n  names: [Russia]\n", "kind must be one of"),
        ("- code: RUS\n  kind: state\n", "no names"),
        ("- kind: state\n  names: [Russia]\n", "missing or malformed code"),
        ("code: RUS\n", "expected a list"),
        (
            "- code: RUS\n  kind: person\n  names: [X]\n  terms: [{code: RUSGOV, from: soon}]\n",
            "is not a date",
        ),
        ("- [unclosed\n", "not valid YAML"),
    ],
)
def test_actors_malformed_file_is_reported(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ActorFileError, match=message) as raised:
        ActorDictionary.load([path], data_dir=tmp_path / "none")
    assert "bad.yaml" in str(raised.value)


def test_actors_bundled_dictionaries_load() -> None:
    actors = ActorDictionary.load()
    kinds = {entry.kind for entry in actors.entries}
    assert {"state", "person", "igo"} <= kinds
    assert actors.roles and actors.role_labels
