"""RSS and Atom feeds: their entries, each with the link, date and text the feed gives."""

from __future__ import annotations

import calendar
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import urljoin

import feedparser
import lxml.html
from lxml.etree import ParserError

from transforms.urls import canonical_url


@dataclass(frozen=True)
class FeedEntry:
    url: str
    title: str | None = None
    published: datetime | None = None  # UTC; None when the feed gives no date
    summary: str | None = None  # the feed's own text (plain), kept in case the page cannot be had
    author: str | None = None
    feed_title: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "url": self.url,
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            "summary": self.summary,
            "author": self.author,
            "feed_title": self.feed_title,
        }

    @classmethod
    def from_json(cls, item: dict[str, Any]) -> FeedEntry:
        published = item.get("published")
        return cls(
            url=item["url"],
            title=item.get("title"),
            published=datetime.fromisoformat(published) if published else None,
            summary=item.get("summary"),
            author=item.get("author"),
            feed_title=item.get("feed_title"),
        )


class NotAFeed(ValueError):
    """The document is not an RSS or Atom feed, or not one feedparser can read."""


def html_to_text(fragment: str) -> str:
    """The text of an HTML fragment (a feed summary), paragraphs separated by blank lines."""
    if "<" not in fragment:
        return fragment.strip()
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (ParserError, ValueError):
        return fragment.strip()
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    blocks = [
        " ".join(el.text_content().split()) for el in root.iter("p", "li", "blockquote", "h1", "h2", "h3")
    ]
    blocks = [b for b in blocks if b]
    return "\n\n".join(blocks) if blocks else " ".join(root.text_content().split())


def _entry_time(entry: Any) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed: time.struct_time | None = entry.get(key)
        if parsed:
            return datetime.fromtimestamp(calendar.timegm(parsed), UTC)
    return None


def _entry_text(entry: Any) -> str | None:
    """The longest text the entry carries: full content (content:encoded, Atom content) or the summary."""
    candidates = [c.get("value", "") for c in entry.get("content") or []]
    candidates.append(entry.get("summary") or "")
    texts = [html_to_text(c) for c in candidates if c and c.strip()]
    return max(texts, key=len) if texts else None


def parse_feed(body: bytes, feed_url: str, headers: dict[str, str] | None = None) -> list[FeedEntry]:
    """The entries of an RSS/Atom document with a link, links made absolute. Raises `NotAFeed`."""
    parsed = feedparser.parse(
        body, response_headers={"content-location": feed_url, **(headers or {})}, sanitize_html=True
    )
    if not parsed.get("version") and not parsed.entries:
        problem = parsed.get("bozo_exception")
        raise NotAFeed(f"not an RSS or Atom feed{f' ({problem})' if problem else ''}")
    feed_title = parsed.feed.get("title") or None
    entries = []
    for entry in parsed.entries:
        link = entry.get("link") or next(
            (link.get("href") for link in entry.get("links", []) if link.get("href")), None
        )
        if not link:
            continue
        entries.append(
            FeedEntry(
                url=urljoin(feed_url, link.strip()),
                title=entry.get("title") or None,
                published=_entry_time(entry),
                summary=_entry_text(entry),
                author=entry.get("author") or None,
                feed_title=feed_title,
            )
        )
    return entries


def entries_for_day(entries: list[FeedEntry], day: date) -> list[FeedEntry]:
    """Entries published on `day` (UTC), and undated ones (their page's date decides later), one per
    canonical URL."""
    kept: dict[str, FeedEntry] = {}
    for entry in entries:
        if entry.published is None or entry.published.date() == day:
            kept.setdefault(canonical_url(entry.url) or entry.url, entry)
    return list(kept.values())
