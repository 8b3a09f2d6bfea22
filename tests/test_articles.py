from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from transforms.articles import RawArticle, article_id_for, normalize_article, normalize_text, parse_published

DAY = date(2022, 8, 1)
NOW = datetime(2022, 8, 2, 12, tzinfo=UTC)


def raw(text: str = "Serbia and Kosovo agreed on Monday to ease border rules.", **kw: object) -> RawArticle:
    return RawArticle(ref="in.jsonl:1", source="in.jsonl", text=text, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2022-08-01", datetime(2022, 8, 1, tzinfo=UTC)),
        ("2022-08-01T10:30:00", datetime(2022, 8, 1, 10, 30, tzinfo=UTC)),
        ("2022-08-01T10:30:00Z", datetime(2022, 8, 1, 10, 30, tzinfo=UTC)),
        ("2022-08-01T12:30:00+02:00", datetime(2022, 8, 1, 10, 30, tzinfo=UTC)),
        (date(2022, 8, 1), datetime(2022, 8, 1, tzinfo=UTC)),
        (None, None),
        ("", None),
    ],
)
def test_articles_parse_published_reads_iso_dates(value: object, expected: datetime | None) -> None:
    assert parse_published(value) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize("value", ["yesterday", "2022-13-01", "01/08/2022", "2022-08-01T25:00"])
def test_articles_parse_published_refuses_other_text(value: str) -> None:
    with pytest.raises(ValueError):
        parse_published(value)


def test_articles_normalize_builds_a_full_row() -> None:
    row, rejects = normalize_article(
        raw(url="https://www.example.com/story?utm_source=x&id=7#top", title=" Border  deal ", published="2022-08-01"),
        DAY, 10_000, NOW,
    )  # fmt: skip
    assert rejects == []
    assert row is not None
    assert row["canonical_url"] == "https://example.com/story?id=7"
    assert row["article_id"] == article_id_for("https://example.com/story?id=7", row["text"])
    assert row["title"] == "Border deal"
    assert row["word_count"] == 10
    assert row["published_at_source"] == "input"
    assert row["ingest_date"] == DAY


def test_articles_id_is_stable_across_tracking_parameters() -> None:
    a, _ = normalize_article(raw(url="http://www.example.com/a?utm_medium=rss"), DAY, 10_000, NOW)
    b, _ = normalize_article(raw(url="https://example.com/a/"), DAY, 10_000, NOW)
    assert a is not None and b is not None and a["article_id"] == b["article_id"]


def test_articles_id_falls_back_to_the_text() -> None:
    a, _ = normalize_article(raw("Iran  condemned the strike."), DAY, 10_000, NOW)
    b, _ = normalize_article(raw("Iran condemned the strike.\n"), DAY, 10_000, NOW)
    assert a is not None and b is not None and a["article_id"] == b["article_id"]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty_text"),
        ("  \n\t \n", "empty_text"),
        ("abc\x00def" * 10, "binary"),
        ("\x01\x02\x03\x04 binary junk \x05\x06\x07" * 20, "binary"),
        ("word " * 50_001, "too_large"),
    ],
)
def test_articles_normalize_rejects_unusable_text(text: str, reason: str) -> None:
    row, rejects = normalize_article(raw(text), DAY, 200_000, NOW)
    assert row is None
    assert [r.reason for r in rejects] == [reason]
    assert rejects[0].detail


@pytest.mark.parametrize(
    ("published", "reason"),
    [
        ("not a date", "bad_date"),
        ("1066-10-14", "bad_date"),
        ("2031-01-01", "bad_date"),
        (None, "missing_date"),
    ],
)
def test_articles_bad_dates_fall_back_to_the_ingest_date_and_say_so(
    published: str | None, reason: str
) -> None:
    row, rejects = normalize_article(raw(published=published), DAY, 10_000, NOW)
    assert row is not None
    assert row["published_at"] == datetime(2022, 8, 1, tzinfo=UTC)
    assert row["published_at_source"] == "ingest_date"
    assert [r.reason for r in rejects] == [reason]
    assert rejects[0].article_id == row["article_id"]


def test_articles_normalize_text_keeps_paragraphs_and_folds_wraps() -> None:
    text = "First line\nwrapped here.\r\n\r\n\n Second\u00a0paragraph.\x07"
    assert normalize_text(text) == "First line wrapped here.\n\nSecond paragraph."


WRAPPED = (
    "Foreign Minister Anna Berg of Sweden\n\nsharply criticised Norway's new fishing quotas on\n\n"
    "Tuesday and said Stockholm would seek talks with Oslo.\n\n"
    "The quotas, announced by the Norwegian government last\n\nweek, cut Swedish catches by a third.\n\n"
    "Officials in Oslo declined to comment."
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # every wrapped line a paragraph: the sentences are whole again, the real paragraphs kept
            WRAPPED,
            [
                "Foreign Minister Anna Berg of Sweden sharply criticised Norway's new fishing quotas on Tuesday "
                "and said Stockholm would seek talks with Oslo.",
                "The quotas, announced by the Norwegian government last week, cut Swedish catches by a third.",
                "Officials in Oslo declined to comment.",
            ],
        ),
        (  # a lower-case line goes on with the sentence, in any text
            "The talks were held in the capital and\n\nended without an agreement.",
            ["The talks were held in the capital and ended without an agreement."],
        ),
        (  # a full stop of an abbreviation does not end the line's sentence
            "Congress wants to know how U.S.\n\nwarships would be protected.",
            ["Congress wants to know how U.S. warships would be protected."],
        ),
        (  # a word broken at its hyphen
            "The ministry launched an English-\n\nlanguage channel.",
            ["The ministry launched an English-language channel."],
        ),
    ],
)
def test_articles_unwrap_joins_a_sentence_cut_by_blank_lines(text: str, expected: list[str]) -> None:
    assert normalize_text(text).split("\n\n") == expected


@pytest.mark.parametrize(
    "text",
    [
        "Video\n\nPARIS — A truck drove into a crowd on Thursday night.",  # a headline or page word
        "A police officer guards the square, pictured\n\nThe figures were released by the ministry.",  # caption
        "The plan has three parts:\n\n- lower taxes\n\n- more police",  # a list
        "TRUCK ATTACK IN NICE\n\nA truck drove into a\n\ncrowd on Thursday night and\n\nkilled at least 80 "
        "people,\n\nofficials said.",  # the headline of a hard-wrapped text
    ],
)
def test_articles_unwrap_keeps_headlines_captions_and_lists_apart(text: str) -> None:
    first = text.split("\n\n")[0]
    assert normalize_text(text).split("\n\n")[0] == first
