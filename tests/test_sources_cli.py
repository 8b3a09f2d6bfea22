"""`newsevents run --sources` end to end: a feed, a URL list, a WARC file and a folder in one sources file,
a web site on 127.0.0.1, the CLI's own entry point, then the DuckDB catalog read read-only."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from fixtures.sources_site import Reply, Site
from spacy.language import Language
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from pipelines.cli import main
from transforms.articles import RawArticle, normalize_article
from warehouse.catalog import connect_read_only

DAY, NEXT_DAY = "2024-05-02", "2024-05-03"
TALKS = [
    "The foreign ministers of Chile and Peru met in Lima on Thursday to discuss the disputed maritime border "
    "between the two countries, officials said after the meeting.",
    "Both governments agreed to set up a joint commission that will report within six months, and to refrain "
    "from sending naval patrols into the contested waters while it works.",
]
SANCTIONS = [
    "The European Union imposed new sanctions on Iran on Thursday over its supply of drones to Russia, "
    "diplomats in Brussels said.",
    "Iran condemned the decision and threatened to respond.",
]
CEASEFIRE = [
    "Israel and Hamas agreed to a three-day ceasefire in Gaza on Thursday after talks mediated by Egypt and "
    "Qatar in Cairo, officials said.",
    "Aid trucks began to cross the border on Friday morning.",
]
SUMMIT = "The leaders of Japan and South Korea met in Tokyo on Thursday and agreed to resume regular security talks."


def page(title: str, paragraphs: list[str], site_name: str, published: str = DAY) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<html><head><title>{title}</title><meta property="og:site_name" content="{site_name}">'
        f'<meta property="article:published_time" content="{published}"></head>'
        f"<body><nav>Home | World | Sport</nav><article><h1>{title}</h1>{body}</article>"
        "<footer>Contact us</footer></body></html>"
    )


def rss(site: Site, items: list[tuple[str, str]]) -> bytes:
    entries = "".join(
        f"<item><title>{path}</title><link>{site.url(path)}?utm_source=rss</link><pubDate>{when}</pubDate>"
        f"<description>The feed's own summary of {path}, kept when the page cannot be had.</description></item>"
        for path, when in items
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>{entries}</channel></rss>'.encode()


def write_warc(path: Path, records: list[tuple[str, str, str]]) -> None:
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for url, html, when in records:
            http = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            writer.write_record(
                writer.create_warc_record(
                    url, "response", payload=io.BytesIO(html.encode()), http_headers=http,
                    warc_headers_dict={"WARC-Date": when},
                )
            )  # fmt: skip


@pytest.fixture
def site() -> Iterator[Site]:
    with Site() as running:
        running.routes["/robots.txt"] = Reply(
            body=b"User-agent: *\nDisallow: /private\n", headers={"Content-Type": "text/plain"}
        )
        running.routes["/rss.xml"] = Reply(
            body=rss(
                running,
                [
                    ("/talks", "Thu, 02 May 2024 08:00:00 GMT"),
                    ("/talks-wire", "Thu, 02 May 2024 09:00:00 GMT"),
                    ("/gone", "Thu, 02 May 2024 10:00:00 GMT"),
                    ("/yesterday", "Wed, 01 May 2024 10:00:00 GMT"),
                ],
            ),
            headers={"Content-Type": "application/rss+xml"},
        )
        feed_links = "?utm_source=rss"  # the site serves the links as the feed spells them
        running.page(f"/talks{feed_links}", page("Chile and Peru hold border talks", TALKS, "Lima Daily"))
        running.page(
            f"/talks-wire{feed_links}",
            page("Chile, Peru talks", ["LIMA (AP) \u2014 " + TALKS[0], TALKS[1]], "Wire Service"),
        )
        running.page(f"/yesterday{feed_links}", page("Old", SANCTIONS, "Lima Daily", "2024-05-01"))
        running.page("/sanctions", page("Sanctions on Iran", SANCTIONS, "Brussels Post"))
        running.page("/private/memo", page("Memo", SANCTIONS, "Brussels Post"))
        yield running


@pytest.fixture
def sources(tmp_path: Path, site: Site) -> Path:
    folder = tmp_path / "config"
    (folder / "lists").mkdir(parents=True)
    (folder / "lists" / f"{DAY}.txt").write_text(
        f"# today's reading\n{site.url('/sanctions')}\n{site.url('/private/memo')}\nnot a url\n",
        encoding="utf-8",
    )
    (folder / "lists" / f"{NEXT_DAY}.txt").write_text(
        f"{site.url('/sanctions')}#comments\n", encoding="utf-8"
    )
    (folder / "cc").mkdir()
    write_warc(
        folder / "cc" / "CC-NEWS-20240502000000-00001.warc.gz",
        [
            ("https://www.gaza.example/ceasefire?utm_medium=x", page("Ceasefire", CEASEFIRE, "Cairo Times"),
             "2024-05-02T10:00:00Z"),
            ("https://gaza.example/earlier", page("Earlier", SANCTIONS, "Cairo Times"), "2024-05-01T23:00:00Z"),
        ],
    )  # fmt: skip
    (folder / "drop" / DAY).mkdir(parents=True)
    (folder / "drop" / DAY / "a.jsonl").write_text(
        json.dumps({"id": "s1", "url": "https://tokyo.example/summit", "published": DAY, "text": SUMMIT})
        + "\n{broken\n",
        encoding="utf-8",
    )
    path = folder / "sources.yaml"
    path.write_text(
        "fetch: {per_host_delay: 0, retries: 0, allow_networks: [127.0.0.1]}\n"
        "sources:\n"
        f"  - {{name: wire, kind: feed, url: '{site.url('/rss.xml')}'}}\n"
        "  - {name: reading, kind: urls, path: 'lists/{date}.txt'}\n"
        "  - {name: ccnews, kind: warc, path: 'cc/CC-NEWS-*.warc.gz'}\n"
        "  - {name: dropbox, kind: files, path: 'drop/{date:%Y-%m-%d}'}\n",
        encoding="utf-8",
    )
    return path


def run(sources: Path, day: str, warehouse: Path) -> int:
    return main(
        [
            "run",
            "--quiet",
            "--processes",
            "1",
            "--sources",
            str(sources),
            "--date",
            day,
            "--warehouse",
            str(warehouse),
        ]
    )


def query(warehouse: Path, sql: str) -> list[tuple]:
    con = connect_read_only(warehouse)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


ARTICLES = (
    "SELECT * EXCLUDE (ingest_date) FROM articles WHERE ingest_date = DATE '2024-05-02' ORDER BY article_id"
)
REJECTS = "SELECT * FROM rejects WHERE ingest_date = DATE '2024-05-02' ORDER BY ALL"


def test_sources_cli_runs_every_kind_of_source_and_reruns_without_duplicates(
    sources: Path, site: Site, warehouse: Path, nlp: Language
) -> None:
    assert run(sources, DAY, warehouse) == 0

    origins = query(
        warehouse,
        "SELECT split_part(origin, ':', 1) AS source, canonical_url FROM articles ORDER BY canonical_url",
    )
    assert origins == [
        ("wire", site.url("/gone").replace("http://", "https://")),
        ("reading", site.url("/sanctions").replace("http://", "https://")),
        ("wire", site.url("/talks").replace("http://", "https://")),
        ("wire", site.url("/talks-wire").replace("http://", "https://")),
        ("ccnews", "https://gaza.example/ceasefire"),
        ("dropbox", "https://tokyo.example/summit"),
    ]
    rows = {
        url.rsplit("/", 1)[1]: (article_id, duplicate_of, language, publisher)
        for url, article_id, duplicate_of, language, publisher in query(
            warehouse, "SELECT canonical_url, article_id, duplicate_of, language, publisher FROM articles"
        )
    }
    assert rows["talks-wire"][1] == rows["talks"][0]  # the wire copy is linked to the first copy
    assert rows["talks"][1:] == (None, "en", "Lima Daily")
    assert rows["gone"][3] == "Wire"  # the feed's own text was kept for the dead link
    rejects = query(warehouse, "SELECT source, stage, reason FROM rejects ORDER BY ALL")
    assert rejects == [
        ("dropbox", "read", "malformed_json"),
        ("reading", "fetch", "robots_disallowed"),
        ("reading", "read", "bad_url"),
        ("wire", "fetch", "http_404"),
    ]
    # the copy is not coded, but its outlet counts among the sources of the first copy's events
    assert query(warehouse, f"SELECT count(*) FROM events WHERE article_id = '{rows['talks-wire'][0]}'") == [
        (0,)
    ]
    reach = query(
        warehouse,
        "SELECT min(num_articles), min(num_sources) FROM events_daily d WHERE EXISTS (SELECT 1 FROM events e "
        f"WHERE e.article_id = '{rows['talks'][0]}' AND e.cameo_code = d.cameo_code "
        "AND e.source_code = d.source_code AND e.target_code = d.target_code)",
    )
    assert reach == [(2, 2)]
    assert query(warehouse, "SELECT count(DISTINCT article_id) FROM events")[0][0] >= 3
    assert site.user_agents == {"newsevents/0.1 (+https://github.com/newsevents/newsevents)"}

    # The same day again: the same rows, and pages come from the fetch cache, not the site.
    articles, day_rejects = query(warehouse, ARTICLES), query(warehouse, REJECTS)
    fetched = site.hits["/talks?utm_source=rss"]
    assert run(sources, DAY, warehouse) == 0
    assert query(warehouse, ARTICLES) == articles
    assert query(warehouse, REJECTS) == day_rejects
    assert site.hits["/talks?utm_source=rss"] == fetched == 1

    # The next day: the feed has nothing of that day, the WARC file (named for D = next day - 1) nothing
    # either, and the reading list's URL is a story stored the day before.
    assert run(sources, NEXT_DAY, warehouse) == 0
    assert query(warehouse, "SELECT count(*) FROM articles WHERE ingest_date = DATE '2024-05-03'") == [(0,)]
    assert query(
        warehouse,
        "SELECT source, stage, reason FROM rejects WHERE ingest_date = DATE '2024-05-03' ORDER BY ALL",
    ) == [("dropbox", "read", "no_input"), ("reading", "dedupe", "already_stored")]


@pytest.mark.parametrize(
    ("source", "ref", "origin"),
    [
        ("wire", "http://site.example/talks-wire", "wire:http://site.example/talks-wire"),
        ("inbox", "/data/inbox/2024-05-02/a.jsonl:3", "inbox:/data/inbox/2024-05-02/a.jsonl:3"),
        ("crawl", "/data/crawl-2024-05-02.warc.gz#595", "crawl:/data/crawl-2024-05-02.warc.gz#595"),
        ("http", "http://site.example/a", "http:http://site.example/a"),
        ("/data/in.jsonl", "/data/in.jsonl:3", "/data/in.jsonl:3"),  # --input: the source is the file
        ("notes.txt", "notes.txt", "notes.txt"),
    ],
)
def test_sources_origin_names_the_source_even_when_its_name_is_inside_the_ref(
    source: str, ref: str, origin: str
) -> None:
    row, _ = normalize_article(
        RawArticle(ref, source, "Peru recalled its ambassador."), date(2024, 5, 2), 1000
    )
    assert row is not None and row["origin"] == origin
