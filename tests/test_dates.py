"""Date expressions of a sentence resolved against the publication date (transforms/dates.py)."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from transforms.dates import PRECISIONS, find_dates, last_weekday

WEDNESDAY = date(2023, 3, 8)


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("The talks ended on Monday.", WEDNESDAY, date(2023, 3, 6)),
        ("The talks ended on Wednesday.", WEDNESDAY, WEDNESDAY),  # the publication day itself
        ("Troops withdrew yesterday.", WEDNESDAY, date(2023, 3, 7)),
        ("Troops withdrew today.", WEDNESDAY, WEDNESDAY),
        ("Iran attacked the tanker last night.", WEDNESDAY, date(2023, 3, 7)),
        ("The minister resigned last week.", WEDNESDAY, date(2023, 2, 27)),  # that week's Monday
        ("The minister resigned last month.", WEDNESDAY, date(2023, 2, 1)),  # that month's first day
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
        "Leaders will meet on Friday.",
        "The minister plans to visit Moscow on Friday.",
        "The minister is expected to resign in June.",
        "The vote will be held later this month.",
        "The prime minister is due to visit Paris next month.",
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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The talks ended on Tuesday.", date(2023, 3, 7)),  # past tense, published on Wednesday: yesterday
        ("The talks ended on Wednesday.", WEDNESDAY),  # the publication's own weekday: that day
        ("The talks ended last Wednesday.", date(2023, 3, 1)),  # ... unless "last" says a week before
        ("The talks ended last Tuesday.", date(2023, 3, 7)),
        ("Leaders will meet on Wednesday.", WEDNESDAY),  # later today
        ("Talks ended on Sunday.", date(2023, 3, 5)),
        # the day after publication: the article's recorded date lags its local date (a missile fired
        # "early on Tuesday" in Asia, reported on Monday in UTC), not six days before
        ("North Korea fired a missile early on Thursday.", date(2023, 3, 9)),
    ],
)
def test_dates_weekday_relative_to_publication(nlp: Language, text: str, expected: date) -> None:
    (mention,) = find_dates(nlp(text)[:], WEDNESDAY)
    assert (mention.day, mention.precision) == (expected, "day")


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("The talks ended on Monday.", date(2023, 3, 6), "day"),
        ("The minister resigned today.", WEDNESDAY, "day"),
        ("Today, the minister resigned.", WEDNESDAY, "day"),
        ("The minister resigned last week.", date(2023, 2, 27), "week"),
        ("The minister resigned earlier this week.", date(2023, 3, 6), "week"),
        ("The minister resigned last month.", date(2023, 2, 1), "month"),
        ("The minister resigned earlier this month.", date(2023, 3, 1), "month"),
        ("The minister resigned in late September.", date(2022, 9, 1), "month"),
        ("The minister resigned in mid-February.", date(2023, 2, 1), "month"),
        ("The minister resigned in March.", date(2023, 3, 1), "month"),
        ("In November 2009, a gunman opened fire at Fort Hood.", date(2009, 11, 1), "month"),
        ("Pyongyang also launched projectiles over Japan in 1998.", date(1998, 1, 1), "year"),
        ("The minister resigned last year.", date(2022, 1, 1), "year"),
    ],
)
def test_dates_say_how_exact_they_are(nlp: Language, text: str, expected: date, precision: str) -> None:
    (mention,) = find_dates(nlp(text)[:], WEDNESDAY)
    assert (mention.day, mention.precision) == (expected, precision)
    assert precision in PRECISIONS


@pytest.mark.parametrize(
    "text",
    [
        "He told BBC Radio 4's Today programme that the plan had failed.",
        "Mr Clarke told Today he believed the changes should be sufficient.",
        "The story was first reported by USA Today.",
        "Frank Field criticised the rivalry on GMTV's Sunday Programme.",
        "The minister told the Sunday Times that he would resign.",
        "Talks on the Good Friday Agreement failed.",
        "Troops fired on marchers on Bloody Sunday.",
        "Mullen warned in an interview on ABC's \"This Week\" that war was likely.",
    ],
)
def test_dates_a_day_in_a_name_is_no_date(nlp: Language, text: str) -> None:
    assert find_dates(nlp(text)[:], WEDNESDAY) == []
