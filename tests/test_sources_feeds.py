"""Feed parsing (pipelines/sources/feeds.py): RSS and Atom entries, their dates and texts."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from pipelines.sources.feeds import FeedEntry, NotAFeed, entries_for_day, html_to_text, parse_feed

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Example World News</title><link>https://news.example.org/</link>
<item><title>Ministers meet in Lima</title><link>/world/lima-talks?utm_source=rss</link>
  <pubDate>Tue, 02 Aug 2022 23:30:00 -0300</pubDate><author>desk@example.org (World desk)</author>
  <description>&lt;p&gt;Chile and Peru &lt;b&gt;met&lt;/b&gt; in Lima.&lt;/p&gt;</description>
  <content:encoded>&lt;p&gt;Chile and Peru met in Lima on Tuesday.&lt;/p&gt;&lt;p&gt;They agreed on a commission.&lt;/p&gt;</content:encoded></item>
<item><title>No date here</title><link>https://news.example.org/world/undated</link></item>
<item><title>No link here</title><pubDate>Tue, 02 Aug 2022 10:00:00 GMT</pubDate></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Daily</title>
<entry><title>Floods in Kenya</title><link href="https://atom.example.net/kenya-floods"/>
  <id>tag:atom.example.net,2022:1</id><updated>2022-08-01T22:15:00Z</updated>
  <summary>Thousands displaced.</summary></entry>
</feed>"""


def test_sources_feeds_rss_entries_with_absolute_links_utc_dates_and_text() -> None:
    entries = parse_feed(RSS, "https://news.example.org/rss.xml")
    assert [e.url for e in entries] == [
        "https://news.example.org/world/lima-talks?utm_source=rss",
        "https://news.example.org/world/undated",
    ]
    first = entries[0]
    assert first.published == datetime(2022, 8, 3, 2, 30, tzinfo=UTC)
    assert first.summary == "Chile and Peru met in Lima on Tuesday.\n\nThey agreed on a commission."
    assert (first.title, first.feed_title) == ("Ministers meet in Lima", "Example World News")
    assert entries[1].published is None and entries[1].summary is None


def test_sources_feeds_atom_entries_use_the_updated_date() -> None:
    (entry,) = parse_feed(ATOM, "https://atom.example.net/feed")
    assert entry.published == datetime(2022, 8, 1, 22, 15, tzinfo=UTC)
    assert (entry.summary, entry.feed_title) == ("Thousands displaced.", "Atom Daily")


@pytest.mark.parametrize(
    "body", [b"<html><body><p>A web page, not a feed.</p></body></html>", b"", b'{"json": true}']
)
def test_sources_feeds_documents_that_are_not_feeds_raise(body: bytes) -> None:
    with pytest.raises(NotAFeed):
        parse_feed(body, "https://example.org/feed")


def test_sources_feeds_entries_for_day_keeps_the_days_and_undated_ones_once() -> None:
    on_day = datetime(2022, 8, 2, 23, 59, tzinfo=UTC)
    entries = [
        FeedEntry("https://a.example/1", published=on_day),
        FeedEntry("https://www.a.example/1/?utm_medium=x", published=on_day),  # the same story
        FeedEntry("https://a.example/2", published=datetime(2022, 8, 3, 0, 0, tzinfo=UTC)),
        FeedEntry("https://a.example/3"),
    ]
    kept = entries_for_day(entries, date(2022, 8, 2))
    assert [e.url for e in kept] == ["https://a.example/1", "https://a.example/3"]


@pytest.mark.parametrize(
    ("fragment", "text"),
    [
        ("Plain words.", "Plain words."),
        ("<p>One <i>two</i>.</p><p>Three.</p>", "One two.\n\nThree."),
        ("Line<br>break &amp; more", "Line break & more"),
        ("<ul><li>a</li><li>b</li></ul>", "a\n\nb"),
    ],
)
def test_sources_feeds_html_to_text(fragment: str, text: str) -> None:
    assert html_to_text(fragment) == text


def test_sources_feeds_entry_survives_the_journal_round_trip() -> None:
    entry = parse_feed(RSS, "https://news.example.org/rss.xml")[0]
    assert FeedEntry.from_json(entry.to_json()) == entry
