"""The records the coder hands the pipeline: columns, ids, dates, places, repetition, pickling."""

from __future__ import annotations

import pickle
from datetime import date

import pyarrow as pa
import pytest
from spacy.language import Language

from schemas import EVENTS, UNRESOLVED
from transforms.cameo import lookup
from transforms.coder import CODER_VERSION, ArticleContext, Coder

WEDNESDAY = date(2023, 3, 8)
ARTICLE = (
    "Saudi warplanes bombed Houthi positions in Yemen on Monday.\n\n"
    "The Zorblax Front condemned the strikes.\n\n"
    "Saudi warplanes bombed Houthi positions in Yemen on Monday, officials said."
)


def run(nlp: Language, coder: Coder, text: str, published: date = WEDNESDAY) -> list[dict]:
    return coder.code(nlp(text), ArticleContext("art-1", published, published)).events


def test_coder_output_has_every_events_column_but_ingest_date(nlp: Language, coder: Coder) -> None:
    result = coder.code(nlp(ARTICLE), ArticleContext("art-1", WEDNESDAY, WEDNESDAY))
    assert result.events and result.unresolved
    expected = set(EVENTS.columns) - {"ingest_date"}
    for event in result.events:
        assert set(event) == expected
    for item in result.unresolved:
        assert set(item) == set(UNRESOLVED.columns) - {"ingest_date"}
    # the writer's cast must accept them
    EVENTS.from_records([{**e, "ingest_date": WEDNESDAY} for e in result.events]).cast(EVENTS.schema)
    UNRESOLVED.from_records([{**u, "ingest_date": WEDNESDAY} for u in result.unresolved]).cast(
        UNRESOLVED.schema
    )


def test_coder_output_code_columns_come_from_the_cameo_table(nlp: Language, coder: Coder) -> None:
    (event,) = run(nlp, coder, "Saudi warplanes bombed Houthi positions in Yemen on Monday.")
    info = lookup(event["cameo_code"])
    assert event["cameo_code"] == "195"
    assert (event["cameo_base"], event["cameo_root"]) == ("195", "19")
    assert (event["cameo_label"], event["quad_class"], event["goldstein"]) == (
        info.label,
        info.quad_class,
        info.goldstein,
    )
    assert event["trigger"] == "bombed" and event["coder_version"] == CODER_VERSION
    assert 0 <= event["confidence"] <= 1 and event["is_negated"] is False


def test_coder_output_same_event_in_several_sentences_is_one_with_mentions(
    nlp: Language, coder: Coder
) -> None:
    events = run(nlp, coder, ARTICLE)
    bombings = [e for e in events if e["cameo_code"] == "195"]
    assert len(bombings) == 1
    assert bombings[0]["num_mentions"] == 2
    assert bombings[0]["sentence_index"] == 0  # the first sentence is the evidence
    assert bombings[0]["sentence"] == "Saudi warplanes bombed Houthi positions in Yemen on Monday."


def test_coder_output_event_ids_are_deterministic(nlp: Language, coder: Coder) -> None:
    first = [e["event_id"] for e in run(nlp, coder, ARTICLE)]
    second = [
        e["event_id"]
        for e in Coder().code(nlp(ARTICLE), ArticleContext("art-1", WEDNESDAY, WEDNESDAY)).events
    ]
    assert first == second and len(set(first)) == len(first)
    other = coder.code(nlp(ARTICLE), ArticleContext("art-2", WEDNESDAY, WEDNESDAY)).events
    assert {e["event_id"] for e in other}.isdisjoint(first)


@pytest.mark.parametrize(
    ("text", "published", "expected", "source"),
    [
        ("Russia attacked Ukraine on Monday.", WEDNESDAY, date(2023, 3, 6), "sentence"),
        ("Russia attacked Ukraine yesterday.", WEDNESDAY, date(2023, 3, 7), "sentence"),
        ("Russia attacked Ukraine.", WEDNESDAY, WEDNESDAY, "article"),
        ("MOSCOW, March 3 - Russia attacked Ukraine.", WEDNESDAY, date(2023, 3, 3), "sentence"),
        ("March 3, 2023\n\nRussia attacked Ukraine.", WEDNESDAY, date(2023, 3, 3), "article"),  # a dateline
    ],
)
def test_coder_output_event_date(
    nlp: Language, coder: Coder, text: str, published: date, expected: date, source: str
) -> None:
    (event,) = run(nlp, coder, text, published)
    assert (event["event_date"], event["date_source"]) == (expected, source)


@pytest.mark.parametrize(
    ("text", "expected", "source", "precision"),
    [
        ("Russia attacked Ukraine on Monday.", date(2023, 3, 6), "sentence", "day"),
        ("Russia attacked Ukraine today.", WEDNESDAY, "sentence", "day"),
        ("Russia attacked Ukraine last week.", date(2023, 2, 27), "sentence", "week"),
        ("Earlier this month, Russia attacked Ukraine.", date(2023, 3, 1), "sentence", "month"),
        ("In late September, Russia attacked Ukraine.", date(2022, 9, 1), "sentence", "month"),
        ("Russia attacked Ukraine.", WEDNESDAY, "article", "article"),
        ("March 3, 2023\n\nRussia attacked Ukraine.", date(2023, 3, 3), "article", "article"),  # a dateline
        # a programme's name is no date
        ("He told BBC Radio 4's Today programme that Russia attacked Ukraine.", WEDNESDAY, "article", "article"),
        # a date line further down is a caption's, no dateline
        ("The weather was fine.\n\n" * 6 + "(March 3)\n\nRussia attacked Ukraine.", WEDNESDAY, "article", "article"),
        # a sentence that tells an event on a day is no dateline for the sentences after it
        ("Russia attacked Ukraine on Monday.\n\nUkraine condemned Russia.", WEDNESDAY, "article", "article"),
        # a day's possessive dates its noun: the condemnation came later
        ("Ukraine condemned Monday's Russian attack on Kyiv.", WEDNESDAY, "article", "article"),
    ],
)
def test_coder_output_date_precision(
    nlp: Language, coder: Coder, text: str, expected: date, source: str, precision: str
) -> None:
    event = run(nlp, coder, text)[-1]  # the event of the last sentence
    assert (event["event_date"], event["date_source"], event["date_precision"]) == (expected, source, precision)


def test_coder_output_date_of_the_action_not_of_another_clause(nlp: Language, coder: Coder) -> None:
    text = "Russia attacked Ukraine on Monday after talks collapsed on Saturday."
    (event,) = run(nlp, coder, text)
    assert event["event_date"] == date(2023, 3, 6)


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Saudi warplanes bombed Houthi positions in Yemen.", "Yemen", "YEM"),
        ("Police fired tear gas at protesters in Minsk.", "Minsk", "BLR"),
        ("Russian troops shelled Kharkiv.", "Kharkiv", "UKR"),
    ],
)
def test_coder_output_action_place(nlp: Language, coder: Coder, text: str, name: str, country: str) -> None:
    (event,) = run(nlp, coder, text)
    assert (event["action_geo_name"], event["action_geo_country"]) == (name, country)
    assert isinstance(event["action_geo_lat"], float) and isinstance(event["action_geo_lon"], float)


def test_coder_output_no_place_named_leaves_geo_empty(nlp: Language, coder: Coder) -> None:
    (event,) = run(nlp, coder, "Joe Biden criticised NATO.")
    assert (event["source_code"], event["target_code"]) == ("USAGOV", "IGOWSTNAT")
    assert event["action_geo_name"] is None and event["action_geo_lat"] is None


def test_coder_output_coder_pickles_and_codes_the_same(nlp: Language, coder: Coder) -> None:
    copy = pickle.loads(pickle.dumps(coder))
    doc = nlp(ARTICLE)
    context = ArticleContext("art-1", WEDNESDAY, WEDNESDAY)
    assert copy.code(doc, context).events == coder.code(doc, context).events


def test_coder_output_empty_and_odd_texts(nlp: Language, coder: Coder) -> None:
    for text in ("", "\n\n", "???", "Reuters", "1st Aug 22 3:10 pm", "A" * 500, "— — —"):
        result = coder.code(nlp(text), ArticleContext("odd", WEDNESDAY, WEDNESDAY))
        assert result.events == []


def test_coder_output_arrow_types(nlp: Language, coder: Coder) -> None:
    events = run(nlp, coder, ARTICLE)
    table = EVENTS.from_records([{**e, "ingest_date": WEDNESDAY} for e in events]).cast(EVENTS.schema)
    assert table.schema.field("event_date").type == pa.date32()
    assert table.column("num_mentions").to_pylist() == [e["num_mentions"] for e in events]
