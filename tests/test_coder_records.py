"""Records (transforms/coder/records.py): one row per happening of an article, however many sentences tell
it; the actor columns of a row; no row between an actor and itself.

The merge is tested on rows made with the coder's own column function, the rest end to end on crafted
sentences (trained model, bundled dictionaries) and on hand-made parses (tests/handparse.py)."""

from __future__ import annotations

from datetime import date

import pytest
from coded import code_text
from handparse import code, parsed
from spacy.language import Language
from spacy.tokens import Doc

from transforms.actors import Actor
from transforms.cameo import lookup
from transforms.coder import ArticleContext, Coder
from transforms.coder.records import ArticleEvents, _actor_columns, code_columns, same_entity

TUESDAY = date(2023, 3, 7)
WEDNESDAY = date(2023, 3, 8)


def actor(code: str) -> Actor | None:
    """A resolved actor of this code ("" for none), its name made from the code, so that a test sees which
    mention's actor a merged row kept."""
    if not code:
        return None
    return Actor(code, f"{code} name", code[:3], code[3:], "state", text=f"{code} text")


def row(
    source: str,
    target: str,
    code: str,
    day: date = WEDNESDAY,
    dated: bool = False,
    precision: str = "day",
    **extra: object,
) -> dict:
    """An EVENTS row with the columns the merge reads, the actors' made by the coder's own function (no
    target: NULL columns)."""
    return {
        **_actor_columns("source", actor(source)),
        **_actor_columns("target", actor(target)),
        **code_columns(code),
        "event_date": day,
        "date_source": "sentence" if dated else "article",
        "date_precision": precision if dated else "article",
        "is_negated": False,
        "num_mentions": 1,
        **extra,
    }


def merged(*mentions: dict) -> list[dict]:
    events = ArticleEvents()
    for index, mention in enumerate(mentions):
        events.add([mention], index)
    return events.rows()


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (row("PRK", "JPN", "190"), row("PRKGOV", "JPN", "195")),  # a country and its government, 19x
        (row("DEUCVL", "DEUGOV", "111"), row("DEU", "DEUGOV", "111")),  # the refinement either way
        (row("USACOP", "", "091"), row("USACOP", "", "090")),  # no target, both times
        (row("ISR", "PSE", "190", TUESDAY, dated=True), row("ISRMIL", "PSE", "195")),  # undated repeat
        # "on Tuesday" and "earlier this month": periods that overlap
        (row("ISR", "PSE", "190", TUESDAY, True), row("ISR", "PSE", "190", date(2023, 3, 1), True, "month")),
    ],
)
def test_records_one_happening_one_row(first: dict, second: dict) -> None:
    (kept,) = merged(first, second)
    assert kept["num_mentions"] == 2


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (row("PRKGOV", "JPN", "190"), row("PRKMIL", "JPN", "190")),  # two organs of one state
        (row("RUS", "UKR", "190"), row("RUS", "", "190")),  # a target named once only
        (row("RUS", "UKR", "190"), row("RUS", "UKR", "111")),  # another root: another act
        (row("ISR", "PSE", "190", TUESDAY, dated=True), row("ISR", "PSE", "190", WEDNESDAY, dated=True)),
        # a launch "in 1998" is not today's (undated) launch, nor Tuesday's
        (row("PRK", "JPN", "150"), row("PRK", "JPN", "150", date(1998, 1, 1), True, "year")),
        (row("PRK", "JPN", "150", TUESDAY, True), row("PRK", "JPN", "150", date(1998, 1, 1), True, "year")),
        (row("RUS", "UKR", "190"), row("RUS", "UKR", "190", is_negated=True)),
    ],
)
def test_records_different_happenings_stay_apart(first: dict, second: dict) -> None:
    assert [r["num_mentions"] for r in merged(first, second)] == [1, 1]


def test_records_merged_row_keeps_the_specific_code_refined_actors_and_stated_date() -> None:
    (kept,) = merged(
        row("PRK", "JPN", "190", sentence_index=0),
        row("PRKGOV", "JPN", "195", sentence_index=4),
        row("PRK", "JPN", "190", date(2023, 3, 1), dated=True, precision="month", sentence_index=5),
        row("PRK", "JPNGOV", "190", TUESDAY, dated=True, sentence_index=7),
    )
    assert kept["sentence_index"] == 0  # the first mention is the evidence
    assert (kept["cameo_code"], kept["cameo_base"], kept["cameo_label"]) == (
        "195",
        "195",
        lookup("195").label,
    )
    assert (kept["source_code"], kept["source_name"]) == ("PRKGOV", "PRKGOV name")
    assert kept["target_code"] == "JPNGOV"
    # the most exact date: Tuesday over "earlier this month"
    assert (kept["event_date"], kept["date_source"], kept["date_precision"]) == (TUESDAY, "sentence", "day")
    assert kept["num_mentions"] == 4


def test_records_one_launch_told_twice_is_one_row(nlp: Language) -> None:
    text = (
        "North Korea fired a missile at Japan on Tuesday. "
        "Pyongyang's military bombed Japan with missiles, the ministry said."
    )
    events = Coder().code(nlp(text), ArticleContext("a", WEDNESDAY, WEDNESDAY)).events
    (launch,) = [e for e in events if e["cameo_root"] == "19"]
    assert (launch["source_code"][:3], launch["target_code"], launch["num_mentions"]) == ("PRK", "JPN", 2)
    assert launch["event_date"] == TUESDAY


def test_records_an_untargeted_happening_told_twice_is_one_row(nlp: Language) -> None:
    """Rows without a target (NULL target columns) merge with each other, not with a targeted row."""
    text = (
        "North Korea fired a missile on Tuesday. North Korea fired a missile, the ministry said. "
        "North Korea fired a missile at Japan."
    )
    events = Coder().code(nlp(text), ArticleContext("a", WEDNESDAY, WEDNESDAY)).events
    assert sorted((e["target_code"] or "", e["num_mentions"]) for e in events if not e["is_negated"]) == [
        ("", 2),
        ("JPN", 1),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # two people of one code act on each other; one actor named twice does not
        ("Tony Blair criticised Gordon Brown in London.", {("GBRGOV", "GBRGOV")}),
        ("Moscow criticised the Russian government.", set()),
        ("The Labour Party has committed itself to cutting taxes in Britain.", set()),
    ],
)
def test_people_self_pairs_only_for_one_entity(nlp: Language, coder: Coder, text: str, expected: set) -> None:
    events = code_text(nlp, coder, text)
    assert {(e["source_code"], e["target_code"]) for e in events if e["target_code"]} == expected


# --- on hand-made parses (tests/handparse.py) and actors, without the parser ----------------------------------


def person(code: str, name: str, text: str = "") -> Actor:
    return Actor(code, name, code[:3], code[3:], "person", text=text or name)


@pytest.mark.parametrize(
    ("source", "target", "same"),
    [
        # two people of one code act on each other
        (person("GBRGOV", "Tony Blair"), person("GBRGOV", "Gordon Brown"), False),
        (person("GBRGOV", "Tony Blair"), person("GBRGOV", "Tony Blair", "he"), True),  # one person twice
        # "the government" and "Downing Street": one actor, whatever the names
        (
            Actor("GBRGOV", "government", "GBR", "GOV", "state"),
            Actor("GBRGOV", "Downing Street", "GBR", "GOV", "state"),
            True,
        ),
        (Actor("RUS", "Russia", "RUS", "", "state"), Actor("UKR", "Ukraine", "UKR", "", "state"), False),
        # a reflexive target, whatever it resolved to: "the Labour Party has committed itself"
        (
            Actor("GBRGOV", "Labour Party", "GBR", "GOV", "group"),
            Actor("GBRPTY", "Labour Party", "GBR", "PTY", "group", text="itself"),
            True,
        ),
    ],
)
def test_records_same_entity(source: Actor, target: Actor, same: bool) -> None:
    assert same_entity(source, target) is same


def test_records_actor_columns() -> None:
    columns = _actor_columns("target", Actor("GBRGOV", "Tony Blair", "GBR", "GOV", "person", text="Mr Blair"))
    assert columns == {
        "target_code": "GBRGOV",
        "target_name": "Tony Blair",
        "target_text": "Mr Blair",
        "target_country": "GBR",
        "target_role": "GOV",
        "target_kind": "person",
    }
    # no target: NULL columns, so that `target_code IS NULL` finds the events without one
    assert set(_actor_columns("target", None).values()) == {None}


def criticised(subject: list[str], object_: list[str]) -> Doc:
    """ "<subject> criticised <object>": the phrases' token lines, "HEAD" where the head's dependency goes."""
    return parsed(
        *(line.replace("HEAD", "nsubj  criticised") for line in subject),
        "criticised  VERB  ROOT  -  lemma=criticise",
        *(line.replace("HEAD", "dobj  criticised") for line in object_),
    )


@pytest.mark.parametrize(
    ("doc", "events"),
    [
        # two people of one code: a row between them
        (
            criticised(
                ["Rishi   PROPN  compound  Sunak  ent=PERSON", "Sunak   PROPN  HEAD  ent=I-PERSON"],
                ["Jeremy  PROPN  compound  Hunt   ent=PERSON", "Hunt    PROPN  HEAD  ent=I-PERSON"],
            ),
            {("GBRGOV", "GBRGOV", "111")},
        ),
        # one state named twice, or itself: none
        (
            criticised(
                ["Moscow  PROPN  HEAD  ent=GPE"],
                [
                    "the         DET   det   government",
                    "Russian     ADJ   amod  government  ent=NORP",
                    "government  NOUN  HEAD",
                ],
            ),
            set(),
        ),
        (criticised(["Russia  PROPN  HEAD  ent=GPE"], ["itself  PRON  HEAD"]), set()),
        (
            criticised(["Russia  PROPN  HEAD  ent=GPE"], ["Japan  PROPN  HEAD  ent=GPE"]),
            {("RUS", "JPN", "111")},
        ),
    ],
)
def test_records_no_row_between_an_actor_and_itself(coder: Coder, doc: Doc, events: set) -> None:
    assert code(doc, coder) == events
