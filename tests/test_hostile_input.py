"""Hostile and broken input: each bad item becomes a reject row, and the other items of the day go on."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from pipelines.config import Settings
from pipelines.ingest import ingest
from transforms.articles import RawArticle, normalize_article

DAY = date(2022, 8, 2)
GOOD = [
    {"id": "g1", "url": "https://example.org/g1", "text": "Chile and Peru held talks in Lima.", "published": "2022-08-01"},
    {"id": "g2", "url": "https://example.org/g2", "text": "Egypt and Sudan signed a water deal.", "published": "2022-08-01"},
]  # fmt: skip


def run_day(tmp_path: Path, inputs: list[Path]) -> tuple[list[dict], list[dict]]:
    """Ingest `inputs` for DAY; the staged articles and reject rows."""
    result = ingest(DAY, inputs, Settings(warehouse=tmp_path / "warehouse"))
    articles = pq.read_table(result.articles_path).to_pylist() if result.articles else []
    return articles, pq.read_table(result.rejects_path).to_pylist()


def jsonl_with(tmp_path: Path, bad_line: str) -> Path:
    """A JSON Lines file: a good article, `bad_line`, another good article."""
    file = tmp_path / "day.jsonl"
    lines = [json.dumps(GOOD[0]), bad_line, json.dumps(GOOD[1])]
    file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return file


@pytest.mark.parametrize(
    ("bad_line", "stage", "reason"),
    [
        pytest.param('{"text": "x", "meta": ' + "[" * 1000 + "]" * 1000 + "}", "read", "malformed_json", id="nested-1000"),
        pytest.param('{"text": "x", "meta": ' + "[" * 100_000 + "]" * 100_000 + "}", "read", "malformed_json", id="nested-100000"),
        pytest.param('{"id": "\\ud800", "text": "Kenya and Uganda signed a deal."}', "ingest", "not_utf8", id="surrogate-id"),
        pytest.param('{"url": "https://example.org/\\ud800", "text": "Kenya and Uganda signed a deal."}', "ingest", "not_utf8", id="surrogate-url"),
    ],
)  # fmt: skip
def test_hostile_line_is_rejected_and_the_day_goes_on(
    tmp_path: Path, bad_line: str, stage: str, reason: str
) -> None:
    file = jsonl_with(tmp_path, bad_line)
    articles, rejects = run_day(tmp_path, [file])
    assert sorted(a["source_id"] for a in articles) == ["g1", "g2"]
    assert [(r["input_ref"], r["stage"], r["reason"]) for r in rejects] == [(f"{file}:2", stage, reason)]


def test_hostile_surrogates_in_free_text_fields_are_dropped_not_fatal(tmp_path: Path) -> None:
    line = '{"text": "Kenya \\udc00and Uganda signed a deal.", "title": "T\\ud800", "author": "A\\udfff", "publisher": "P\\ud800"}'
    articles, rejects = run_day(tmp_path, [jsonl_with(tmp_path, line)])
    kept = next(a for a in articles if a["source_id"] is None)
    assert (kept["text"], kept["title"], kept["author"], kept["publisher"]) == (
        "Kenya and Uganda signed a deal.",
        "T",
        "A",
        "P",
    )
    assert [r["reason"] for r in rejects] == ["missing_date"]


@pytest.mark.parametrize("published", ["0001-01-01T00:00:00+05:00", "9999-12-31T23:00:00-05:00"])
def test_hostile_dates_without_a_utc_equivalent_fall_back_to_the_ingest_date(
    tmp_path: Path, published: str
) -> None:
    line = json.dumps({"id": "d", "text": "Kenya and Uganda signed a deal.", "published": published})
    articles, rejects = run_day(tmp_path, [jsonl_with(tmp_path, line)])
    dated = next(a for a in articles if a["source_id"] == "d")
    assert dated["published_at_source"] == "ingest_date" and dated["published_at"].date() == DAY
    assert [(r["reason"], r["article_id"]) for r in rejects] == [("bad_date", dated["article_id"])]
    assert "implausible" in rejects[0]["detail"]


def test_hostile_file_name_that_is_not_utf8_is_a_reject(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.jsonl").write_text(json.dumps(GOOD[0]) + "\n", encoding="utf-8")
    name = os.fsdecode(b"caf\xe9.txt")  # Latin-1 bytes: Python keeps them as a lone surrogate
    (folder / name).write_text("Kenya and Uganda signed a trade deal in Nairobi.", encoding="utf-8")
    (folder / "z.txt").write_text("Egypt and Sudan signed a water deal.", encoding="utf-8")
    articles, rejects = run_day(tmp_path, [folder])
    assert sorted(a["source_id"] for a in articles) == ["g1", "z"]
    assert [(r["input_ref"], r["stage"], r["reason"]) for r in rejects if r["reason"] == "not_utf8"] == [
        (f"{folder}/caf\\xe9.txt", "read", "not_utf8")
    ]


def test_hostile_feed_or_warc_datetime_out_of_range_is_not_fatal() -> None:
    from datetime import datetime, timedelta, timezone

    aware = datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=5)))
    raw = RawArticle(ref="r", source="s", text="Kenya and Uganda signed a deal.", published=aware)
    row, rejects = normalize_article(raw, DAY, 10_000)
    assert row is not None and row["published_at_source"] == "ingest_date"
    assert [r.reason for r in rejects] == ["bad_date"]


def test_hostile_url_list_is_bounded(tmp_path: Path) -> None:
    from pipelines.sources.web import MAX_URL_LINE, read_url_list

    path = tmp_path / "list.txt"
    path.write_bytes(
        b"https://a.example/1\n" + b"https://b.example/" + b"x" * MAX_URL_LINE + b"\nhttps://c.example/3\n"
    )
    urls, rejects = read_url_list(path, "list", max_bytes=1_000_000)
    assert urls == ["https://a.example/1", "https://c.example/3"]
    assert [(r.ref, r.reason) for r in rejects] == [(f"{path}:2", "bad_url")]
    urls, rejects = read_url_list(path, "list", max_bytes=1000)
    assert urls == [] and [r.reason for r in rejects] == ["too_large"]


def test_hostile_file_named_on_its_own_is_not_read_whatever_it_is(tmp_path: Path) -> None:
    """``--input /etc/hosts``: a file of no supported kind is a reject, as it is inside a folder."""
    hosts = tmp_path / "hosts"
    hosts.write_text("127.0.0.1 localhost\n::1 localhost ip6-localhost ip6-loopback\n", encoding="utf-8")
    articles, rejects = run_day(tmp_path, [hosts])
    assert articles == []
    assert [(r["input_ref"], r["reason"]) for r in rejects] == [(str(hosts), "unsupported_file")]


TEXT = "Kenya and Uganda signed a trade agreement in Nairobi on Monday."


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le-bom", "utf-16-be-bom"])
def test_hostile_utf16_with_a_byte_order_mark_is_decoded(tmp_path: Path, encoding: str) -> None:
    def encode(text: str) -> bytes:
        if encoding == "utf-16":
            return text.encode("utf-16")
        codec = encoding.removesuffix("-bom")
        return ("\ufeff" + text).encode(codec)

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "story.txt").write_bytes(encode(TEXT))
    lines = [json.dumps({**GOOD[0], "title": "Café"}, ensure_ascii=False), json.dumps(GOOD[1])]
    (tmp_path / "in" / "day.jsonl").write_bytes(encode("\n".join(lines) + "\n"))
    articles, rejects = run_day(tmp_path, [tmp_path / "in"])
    assert sorted((a["source_id"], a["text"]) for a in articles) == [
        ("g1", GOOD[0]["text"]),
        ("g2", GOOD[1]["text"]),
        ("story", TEXT),
    ]
    assert next(a["title"] for a in articles if a["source_id"] == "g1") == "Café"
    assert [r["reason"] for r in rejects] == ["missing_date"]  # the .txt file has no date


def test_hostile_utf16_without_a_byte_order_mark_says_so_not_binary(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "story.txt").write_bytes(TEXT.encode("utf-16-le"))
    (tmp_path / "in" / "image.txt").write_bytes(bytes(range(256)) * 4)
    articles, rejects = run_day(tmp_path, [tmp_path / "in"])
    assert articles == []
    assert [(Path(r["input_ref"]).name, r["reason"]) for r in rejects] == [
        ("image.txt", "binary"),
        ("story.txt", "not_utf8"),
    ]
    assert "UTF-16" in rejects[1]["detail"]


@pytest.mark.parametrize(("summary", "kept"), [("a3", False), ("Kenya and Uganda signed a deal.", True)])
def test_hostile_feed_entry_text_must_be_as_long_as_a_page_text(summary: str, kept: bool) -> None:
    from pipelines.sources.feeds import FeedEntry
    from pipelines.sources.http import FetchError
    from pipelines.sources.web import Link, page_items

    entry = FeedEntry("https://news.example/a3", title="A3", summary=summary)
    failed = FetchError(entry.url, "http_404", "https://news.example/a3 answered 404 Not Found")
    items = list(page_items(Link("wire", entry, True), failed, DAY))
    assert [type(i).__name__ for i in items] == (["Reject", "RawArticle"] if kept else ["Reject"])
    assert items[0].reason == "http_404"
    assert ("kept the feed's own text" in items[0].detail) is kept
