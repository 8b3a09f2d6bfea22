"""WARC files (pipelines/sources/warc.py), built by the tests with warcio."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from pipelines.sources.warc import iter_warc, warc_file_day
from transforms.articles import RawArticle, Reject

DAY = date(2024, 5, 2)


def page(title: str, sentence: str, published: str | None = None) -> bytes:
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    return (
        f"<html><head><title>{title}</title>{meta}</head><body><nav>Home | World</nav>"
        f"<article><h1>{title}</h1><p>{sentence}</p></article><footer>Contact</footer></body></html>"
    ).encode()


@dataclass
class Rec:
    url: str
    body: bytes = b""
    when: str = "2024-05-02T10:00:00Z"
    status: str = "200 OK"
    content_type: str = "text/html; charset=utf-8"
    kind: str = "response"
    truncated: str | None = None


def write_warc(path: Path, records: list[Rec], gzip: bool = True) -> Path:
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=gzip)
        for rec in records:
            headers = {"WARC-Date": rec.when}
            if rec.truncated:
                headers["WARC-Truncated"] = rec.truncated
            http = (
                StatusAndHeaders(rec.status, [("Content-Type", rec.content_type)], protocol="HTTP/1.1")
                if rec.kind == "response"
                else None
            )
            writer.write_record(
                writer.create_warc_record(
                    rec.url,
                    rec.kind,
                    payload=io.BytesIO(rec.body),
                    http_headers=http,
                    warc_headers_dict=headers,
                )
            )
    return path


STORY = page("Talks", "The foreign ministers of Chile and Peru met in Lima on Thursday.", "2024-05-01")
OTHER = page("Floods", "Floods displaced thousands of people in northern Kenya on Thursday.")
RECORDS = [
    Rec("https://a.example/talks", STORY),
    Rec("https://a.example/talks", b"GET /talks HTTP/1.1\r\nHost: a.example\r\n\r\n", kind="request"),
    Rec("https://b.example/floods", OTHER, when="2024-05-02T23:59:59Z"),
    Rec("https://b.example/yesterday", OTHER, when="2024-05-01T23:59:59Z"),
    Rec("https://b.example/moved", b"", status="301 Moved Permanently"),
    Rec("https://b.example/logo.png", b"\x89PNG\r\n", content_type="image/png"),
    Rec("https://b.example/empty", b"<html><body><nav>Home</nav></body></html>"),
    Rec("https://b.example/cut", OTHER, truncated="length"),
    Rec("https://b.example/huge", b"<html><body><p>" + b"word " * 50_000 + b"</p></body></html>"),
]


def read(path: Path, day: date = DAY) -> tuple[list[RawArticle], list[tuple[str, str]]]:
    items = list(iter_warc(path, day, "crawl", max_record_bytes=100_000))
    articles = [i for i in items if isinstance(i, RawArticle)]
    rejects = [(i.reason, i.detail.split(":")[0]) for i in items if isinstance(i, Reject)]
    return articles, rejects


@pytest.mark.parametrize("gzip", [True, False], ids=["gzip", "plain"])
def test_sources_warc_html_responses_of_the_day_become_articles(tmp_path: Path, gzip: bool) -> None:
    path = write_warc(tmp_path / "crawl.warc.gz", RECORDS, gzip)
    articles, rejects = read(path)
    assert [(a.url, a.title, a.published, a.published_source) for a in articles] == [
        ("https://a.example/talks", "Talks", "2024-05-01", "page"),
        ("https://b.example/floods", "Floods", articles[1].published, "warc"),
    ]
    assert str(articles[1].published) == "2024-05-02 23:59:59+00:00"  # no date on the page: WARC-Date
    assert articles[0].text == "The foreign ministers of Chile and Peru met in Lima on Thursday."
    assert all(a.ref.startswith(f"{path}#") and a.source == "crawl" for a in articles)
    assert rejects == [
        ("no_text", "no main text could be extracted from https"),
        ("truncated", "the crawler truncated the record (length); https"),
        ("too_large", "https"),
    ]


@pytest.mark.parametrize("gzip", [True, False], ids=["gzip", "plain"])
@pytest.mark.parametrize("cut", [0.35, 0.6, 0.95])
def test_sources_warc_file_cut_short_gives_its_complete_records_and_a_reject(
    tmp_path: Path, gzip: bool, cut: float
) -> None:
    records = [
        Rec(f"https://a.example/{n}", page(f"Story {n}", f"Story number {n} happened in Lima today."))
        for n in range(3)
    ]
    whole = write_warc(tmp_path / "whole.warc", records, gzip).read_bytes()
    path = tmp_path / "cut.warc"
    path.write_bytes(whole[: int(len(whole) * cut)])
    articles, rejects = read(path)
    assert [r[0] for r in rejects] == ["truncated"]
    assert [a.url for a in articles] == [f"https://a.example/{n}" for n in range(len(articles))]
    assert len(articles) < 3


def test_sources_warc_corrupt_bytes_are_rejected_and_the_rest_of_the_file_skipped(tmp_path: Path) -> None:
    records = [
        Rec(f"https://a.example/{n}", page(f"Story {n}", f"Story number {n} happened in Lima today."))
        for n in range(3)
    ]
    data = bytearray(write_warc(tmp_path / "whole.warc.gz", records).read_bytes())
    middle = len(data) // 2
    data[middle : middle + 40] = b"\x00" * 40
    path = tmp_path / "corrupt.warc.gz"
    path.write_bytes(bytes(data))
    articles, rejects = read(path)
    assert [a.url for a in articles] == ["https://a.example/0"]
    assert [r[0] for r in rejects] == ["corrupt_warc"]


def test_sources_warc_plain_record_with_a_bad_digest_is_rejected_alone(tmp_path: Path) -> None:
    records = [
        Rec(f"https://a.example/{n}", page(f"Story {n}", f"Story number {n} happened in Lima today."))
        for n in range(3)
    ]
    data = write_warc(tmp_path / "whole.warc", records, gzip=False).read_bytes()
    path = tmp_path / "edited.warc"
    path.write_bytes(data.replace(b"Story number 1 happened", b"Story number 7 happened"))
    articles, rejects = read(path)
    assert [a.url for a in articles] == ["https://a.example/0", "https://a.example/2"]
    assert [r[0] for r in rejects] == ["digest_mismatch"]


@pytest.mark.parametrize(
    ("name", "named_day", "read_for_day"),
    [
        ("CC-NEWS-20240502103012-00042.warc.gz", date(2024, 5, 2), True),
        ("CC-NEWS-20240501231500-00041.warc.gz", date(2024, 5, 1), True),  # started the evening before
        ("CC-NEWS-20240430231500-00040.warc.gz", date(2024, 4, 30), False),
        ("crawl-2024-05-03.warc", date(2024, 5, 3), False),
        ("crawl.warc.gz", None, True),
        ("crawl-20241399.warc.gz", None, True),
    ],
)
def test_sources_warc_file_names_with_dates_of_other_days_are_skipped(
    tmp_path: Path, name: str, named_day: date | None, read_for_day: bool
) -> None:
    path = write_warc(tmp_path / name, [Rec("https://a.example/talks", STORY)])
    assert warc_file_day(path) == named_day
    assert len(read(path)[0]) == (1 if read_for_day else 0)


def test_sources_warc_unreadable_file_is_a_reject(tmp_path: Path) -> None:
    assert read(tmp_path / "missing.warc.gz") == ([], [("unreadable", "[Errno 2] No such file or directory")])


def test_sources_warc_capture_time_without_a_utc_equivalent_is_passed_over(tmp_path: Path) -> None:
    path = write_warc(
        tmp_path / "crawl.warc.gz",
        [
            Rec("https://a.example/year-one", STORY, when="0001-01-01T00:00:00+05:00"),
            Rec("https://a.example/year-9999", STORY, when="9999-12-31T23:00:00-05:00"),
            Rec("https://b.example/floods", OTHER),
        ],
    )
    articles, rejects = read(path)
    assert [a.url for a in articles] == ["https://b.example/floods"]
    assert rejects == []
