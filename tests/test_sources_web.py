"""Feeds and URL lists end to end (pipelines/sources/web.py through `iter_configured`): a real site on
127.0.0.1 serves the feeds and pages."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from fixtures.sources_site import Reply, Site

from pipelines.config import Settings
from pipelines.sources.config import iter_configured
from transforms.articles import RawArticle, Reject

DAY = date(2022, 8, 2)
FETCH = "fetch: {per_host_delay: 0, backoff: 0.01, retries: 1, allow_networks: [127.0.0.1]}\n"


def article_page(title: str, published: str | None, *paragraphs: str) -> str:
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<html><head><title>{title}</title>{meta}<meta property="og:site_name" content="Example News">'
        f"</head><body><nav><a href='/'>Home</a> | <a href='/world'>World</a></nav>"
        f"<article><h1>{title}</h1>{body}</article><footer>Contact us</footer></body></html>"
    )


def item(path: str, title: str, published: str | None = None, summary: str | None = None) -> str:
    return (
        f"<item><title>{title}</title><link>{path}</link>"
        + (f"<pubDate>{published}</pubDate>" if published else "")
        + (f"<description>{summary}</description>" if summary else "")
        + "</item>"
    )


def rss(*items: str) -> bytes:
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Example World</title>'
        + "".join(items)
        + "</channel></rss>"
    ).encode()


FEED_ITEMS = [
    item("/a", "Talks in Lima", "Tue, 02 Aug 2022 09:00:00 GMT"),
    item("/b", "Gone page", "Tue, 02 Aug 2022 10:00:00 GMT", "Ministers of Chile and Peru met again today."),
    item("/c", "Yesterday", "Mon, 01 Aug 2022 10:00:00 GMT"),
    item("/d", "Undated in the feed"),
    item("/e", "Undated, old page"),
    item("/f", "Empty page", "Tue, 02 Aug 2022 11:00:00 GMT"),
    item("/pdf", "A document", "Tue, 02 Aug 2022 12:00:00 GMT"),
]


@pytest.fixture
def site() -> Iterator[Site]:
    with Site() as running:
        running.routes["/rss.xml"] = Reply(
            body=rss(*FEED_ITEMS), headers={"Content-Type": "application/rss+xml"}
        )
        running.page(
            "/a", article_page("Talks in Lima", "2022-08-02", "Chile and Peru held talks in Lima on Tuesday.")
        )
        running.page(
            "/d", article_page("Floods", "2022-08-02", "Floods displaced thousands of people in Kenya.")
        )
        running.page("/e", article_page("Old", "2022-07-20", "An old story about a harbour in Norway."))
        running.page("/f", "<html><body><nav><a href='/'>Home</a></nav></body></html>")
        running.routes["/pdf"] = Reply(body=b"%PDF-1.7", headers={"Content-Type": "application/pdf"})
        running.page(
            "/list1", article_page("Strike", None, "Dock workers in Rotterdam went on strike on Tuesday.")
        )
        running.page("/page.html", article_page("Not a feed", None, "This page is not a feed at all, sorry."))
        yield running


def sources_file(tmp_path: Path, site: Site) -> Path:
    (tmp_path / "lists").mkdir(exist_ok=True)
    (tmp_path / "lists" / f"{DAY}.txt").write_text(
        f"# today's reading\n{site.url('/a')}\n\n{site.url('/list1')}\nnot a url\n", encoding="utf-8"
    )
    path = tmp_path / "sources.yaml"
    path.write_text(
        FETCH
        + "sources:\n"
        + f"  - {{name: world, kind: feed, url: '{site.url('/rss.xml')}'}}\n"
        + f"  - {{name: dead, kind: feed, url: '{site.url('/dead.xml')}'}}\n"
        + f"  - {{name: notfeed, kind: feed, url: '{site.url('/page.html')}'}}\n"
        + "  - {name: reading, kind: urls, path: 'lists/{date}.txt'}\n",
        encoding="utf-8",
    )
    return path


def run(path: Path, settings: Settings) -> tuple[dict[str, RawArticle], list[tuple[str, str, str]]]:
    items = list(iter_configured(path, DAY, settings))
    articles = {a.ref.rsplit("/", 1)[1]: a for a in items if isinstance(a, RawArticle)}
    rejects = sorted((r.source, r.ref.rsplit("/", 1)[1], r.reason) for r in items if isinstance(r, Reject))
    return articles, rejects


def test_sources_web_feeds_and_lists_give_the_days_articles_and_say_what_failed(
    tmp_path: Path, site: Site
) -> None:
    settings = Settings(warehouse=tmp_path / "warehouse", http_timeout=2.0)
    articles, rejects = run(sources_file(tmp_path, site), settings)
    assert sorted(articles) == ["a", "b", "d", "list1"]
    a = articles["a"]
    assert (a.source, a.title, a.text, a.publisher) == (
        "world", "Talks in Lima", "Chile and Peru held talks in Lima on Tuesday.", "Example News",
    )  # fmt: skip
    assert (a.published_source, str(a.published)) == ("feed", "2022-08-02 09:00:00+00:00")
    assert (articles["b"].text, articles["b"].published_source) == (
        "Ministers of Chile and Peru met again today.", "feed",
    )  # fmt: skip
    assert (articles["d"].published, articles["d"].published_source) == ("2022-08-02", "page")
    assert articles["list1"].source == "reading"
    assert rejects == [
        ("dead", "dead.xml", "http_404"),
        ("notfeed", "page.html", "not_a_feed"),
        ("reading", f"{DAY}.txt:5", "bad_url"),
        ("world", "b", "http_404"),
        ("world", "f", "no_text"),
        ("world", "pdf", "not_html"),
    ]
    assert site.hits["/a"] == 1  # in the feed and in the list: fetched once
    assert site.hits["/c"] == 0  # published the day before


def test_sources_web_rerun_reuses_fetched_pages_and_entries_gone_from_the_feed(
    tmp_path: Path, site: Site
) -> None:
    settings = Settings(warehouse=tmp_path / "warehouse", http_timeout=2.0)
    path = sources_file(tmp_path, site)
    first, _ = run(path, settings)
    site.routes["/rss.xml"] = Reply(body=rss(), headers={"Content-Type": "application/rss+xml"})
    second, _ = run(path, settings)
    assert second == first
    assert (site.hits["/a"], site.hits["/d"], site.hits["/list1"]) == (1, 1, 1)
    assert site.hits["/rss.xml"] == 2  # the feed itself is read again for new entries
    assert not any((tmp_path / "warehouse").glob("articles/**/*"))  # only _staging is written
