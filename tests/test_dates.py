"""Date expressions of a sentence resolved against the publication date (transforms/dates.py)."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from transforms.dates import find_dates, last_weekday

WEDNESDAY = date(2023, 3, 8)


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("The talks ended on Monday.", WEDNESDAY, date(2023, 3, 6)),
        ("The talks ended on Wednesday.", WEDNESDAY, WEDNESDAY),  # the publication day itself
        ("The talks ended on Thursday.", WEDNESDAY, date(2023, 3, 2)),  # never after publication
        ("Troops withdrew yesterday.", WEDNESDAY, date(2023, 3, 7)),
        ("Troops withdrew today.", WEDNESDAY, WEDNESDAY),
        ("The minister resigned last week.", WEDNESDAY, date(2023, 3, 1)),
        ("The minister resigned last month.", WEDNESDAY, date(2023, 2, 8)),
        ("Rebels attacked on March 3.", WEDNESDAY, date(2023, 3, 3)),
        ("Rebels attacked on March 30.", WEDNESDAY, date(2022, 3, 30)),  # no year: the latest such day
        ("Rebels attacked on 3 March 2022.", WEDNESDAY, date(2022, 3, 3)),
        ("Rebels attacked on March 3, 2021.", WEDNESDAY, date(2021, 3, 3)),
        ("Rebels attacked on Aug. 1.", WEDNESDAY, date(2022, 8, 1)),
        ("1st Aug 22 3:10 pm", date(2022, 8, 1), date(2022, 8, 1)),  # day, month, two-digit year
    ],
)
def test_dates_resolve_against_publication(nlp: Language, text: str, published: date, expected: date) -> None:
    found = find_dates(nlp(text)[:], published)
    assert found, text
    assert found[0].day == expected


@pytest.mark.parametrize(
    "text",
    [
        "Talks will resume next Monday.",  # the future is not an event date
        "The summit is planned for March 30, 2024.",
        "He may visit Moscow.",  # a modal, not the month
        "Protesters will march on the capital.",
        "Nothing happened.",
    ],
)
def test_dates_ignore_future_and_non_dates(nlp: Language, text: str) -> None:
    assert find_dates(nlp(text)[:], WEDNESDAY) == []


def test_dates_mention_points_at_its_token(nlp: Language) -> None:
    doc = nlp("Israeli jets struck targets on Tuesday.")
    (mention,) = find_dates(doc[:], WEDNESDAY)
    assert mention.token.text == "Tuesday" and mention.day == date(2023, 3, 7)


@pytest.mark.parametrize(
    ("weekday", "expected"), [(0, date(2023, 3, 6)), (2, WEDNESDAY), (6, date(2023, 3, 5))]
)
def test_dates_last_weekday(weekday: int, expected: date) -> None:
    assert last_weekday(WEDNESDAY, weekday) == expected
