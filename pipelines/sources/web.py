"""Feeds and URL lists: the day's links, their pages fetched concurrently and their articles extracted.

A run for day D works in two passes over the network, each concurrent across hosts:

1. every feed is fetched and parsed; its entries dated D (UTC; published, else updated) are kept, and so
   are undated ones, whose page's own date then decides (pages dated another day are dropped; pages with
   no date are taken, dated the ingest date). The kept entries are added to the day's entry journal
   (``_staging/fetch/entries/ingest_date=D/<source>.jsonl``), and the journal's entries are what the run
   uses: a rerun of D still has the entries that have since left the feed.
2. the pages of those entries, and of every URL of the URL lists, are fetched (a link met twice, in
   several feeds or lists, is fetched once) through the response cache (``_staging/fetch/pages``), so a
   rerun after a crash fetches only what it does not have yet. Each page's main text, title, date,
   author and site name are extracted. When a feed entry's page cannot be had (an error, or no text in
   it), the entry's own text from the feed is kept if it has one, with a reject row saying why.
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pipelines.config import Settings
from pipelines.log import get_logger
from pipelines.sources.feeds import FeedEntry, NotAFeed, entries_for_day, parse_feed
from pipelines.sources.files import bounded_lines
from pipelines.sources.http import HTML_TYPES, Fetcher, FetchError, FetchOptions, Response, ResponseCache
from transforms.articles import RawArticle, Reject
from transforms.html import MIN_WORDS, extract_page
from transforms.urls import canonical_url
from warehouse.paths import fetch_dir

log = get_logger(__name__)

MAX_URL_LINE = 65_536  # bytes; far beyond any URL a server accepts


@dataclass(frozen=True)
class Link:
    """A page to fetch, where it was found, and what the feed said about it."""

    source: str
    entry: FeedEntry
    from_feed: bool


def fetch_folder(settings: Settings) -> Path:
    return fetch_dir(settings.warehouse)


class EntryJournal:
    """The feed entries of one day seen by any run of that day, one JSON Lines file per source."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def merge(self, source: str, fresh: Sequence[FeedEntry]) -> list[FeedEntry]:
        """The journal's entries of `source` followed by the `fresh` ones it lacked (which are recorded)."""
        path = self.folder / f"{source}.jsonl"
        known: dict[str, FeedEntry] = {}
        if path.is_file():
            for line in path.read_text(encoding="utf-8").splitlines():
                try:
                    entry = FeedEntry.from_json(json.loads(line))
                except (ValueError, KeyError, TypeError):
                    continue
                known.setdefault(canonical_url(entry.url) or entry.url, entry)
        added = [e for e in fresh if (canonical_url(e.url) or e.url) not in known]
        for entry in added:
            known[canonical_url(entry.url) or entry.url] = entry
        if added:
            self.folder.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
            tmp.write_text(
                "".join(json.dumps(e.to_json(), ensure_ascii=False) + "\n" for e in known.values()),
                encoding="utf-8",
            )
            os.replace(tmp, path)
        return list(known.values())


def read_url_list(path: Path, source: str, max_bytes: int) -> tuple[list[str], list[Reject]]:
    """The URLs of a list file (one a line; blank lines and lines starting with # ignored). A file larger
    than `max_bytes` (max_input_bytes) is refused before it is read; a line longer than a URL can be is a
    ``bad_url`` (its bytes skipped unread)."""
    urls: list[str] = []
    rejects: list[Reject] = []
    try:
        with path.open("rb") as fh:
            if os.fstat(fh.fileno()).st_size > max_bytes:
                return [], [
                    Reject(
                        str(path),
                        source,
                        "read",
                        "too_large",
                        f"more than {max_bytes:,} bytes (max_input_bytes)",
                    )
                ]
            lines = list(bounded_lines(fh, MAX_URL_LINE))
    except OSError as exc:
        return [], [Reject(str(path), source, "read", "unreadable", str(exc))]
    for number, raw in lines:
        try:
            line = raw.decode("utf-8-sig" if number == 1 else "utf-8") if raw is not None else None
        except UnicodeDecodeError as exc:
            rejects.append(
                Reject(f"{path}:{number}", source, "read", "not_utf8", f"invalid UTF-8 at byte {exc.start}")
            )
            continue
        if line is None:
            rejects.append(
                Reject(f"{path}:{number}", source, "read", "bad_url", f"longer than {MAX_URL_LINE:,} bytes")
            )
            continue
        url = line.strip()
        if not url or url.startswith("#"):
            continue
        if canonical_url(url) is None:
            rejects.append(
                Reject(f"{path}:{number}", source, "read", "bad_url", f"not an http(s) URL: {url!r}")
            )
            continue
        urls.append(url)
    return urls, rejects


def iter_web(
    feeds: Sequence[tuple[str, str]],
    url_lists: Sequence[tuple[str, Sequence[Path]]],
    day: date,
    settings: Settings,
    options: FetchOptions,
) -> Iterator[RawArticle | Reject]:
    """Articles of `day` from `feeds` ((source name, feed URL)) and `url_lists` ((source name, files))."""
    folder = fetch_folder(settings)
    journal = EntryJournal(folder / "entries" / f"ingest_date={day.isoformat()}")
    with Fetcher(settings, options, ResponseCache(folder / "pages", options.cache_days)) as fetcher:
        links: dict[str, Link] = {}
        sources_of_feed = {url: name for name, url in feeds}
        for url, result in fetcher.fetch_all(list(sources_of_feed)):
            name = sources_of_feed[url]
            fresh: list[FeedEntry] = []
            if isinstance(result, FetchError):
                yield Reject(url, name, "fetch", result.reason, result.detail)
            else:
                try:
                    fresh = entries_for_day(parse_feed(result.body, result.final_url, result.headers), day)
                except NotAFeed as exc:
                    yield Reject(url, name, "parse", "not_a_feed", f"{result.final_url}: {exc}")
            for entry in journal.merge(name, fresh):
                links.setdefault(canonical_url(entry.url) or entry.url, Link(name, entry, True))
        for name, paths in url_lists:
            for path in paths:
                urls, rejects = read_url_list(path, name, settings.max_input_bytes)
                yield from rejects
                for url in urls:
                    links.setdefault(canonical_url(url) or url, Link(name, FeedEntry(url), False))
        by_url = {link.entry.url: link for link in links.values()}
        log.info(
            "%s: %d pages to fetch from %d feeds and %d URL lists",
            day,
            len(by_url),
            len(feeds),
            len(url_lists),
        )
        for url, result in fetcher.fetch_all(list(by_url), accept=HTML_TYPES, cache=True):
            yield from page_items(by_url[url], result, day)


def page_items(link: Link, result: Response | FetchError, day: date) -> Iterator[RawArticle | Reject]:
    """The article of a fetched page, or the rejects (and the feed's text, if any) when there is none."""
    entry = link.entry
    if isinstance(result, Response):
        page = extract_page(result.body, result.final_url)
        if page is not None:
            if link.from_feed and entry.published is None and not _may_be_of(page.published, day):
                log.debug(
                    "%s: undated in its feed and dated %s on the page, not %s", entry.url, page.published, day
                )
                return
            yield RawArticle(
                ref=entry.url,
                source=link.source,
                text=page.text,
                url=result.final_url,
                title=page.title or entry.title,
                published=entry.published or page.published,
                published_source="feed" if entry.published else "page",
                publisher=page.sitename or entry.feed_title,
                author=page.author or entry.author,
            )
            return
        problem = Reject(
            entry.url,
            link.source,
            "parse",
            "no_text",
            f"no main text could be extracted from {result.final_url}",
        )
    else:
        problem = Reject(entry.url, link.source, "fetch", result.reason, result.detail)
    if not entry.summary or len(entry.summary.split()) < MIN_WORDS:  # the same minimum as a page's text
        yield problem
        return
    yield dataclasses.replace(problem, detail=f"{problem.detail}; kept the feed's own text instead")
    yield RawArticle(
        ref=entry.url,
        source=link.source,
        text=entry.summary,
        url=entry.url,
        title=entry.title,
        published=entry.published,
        published_source="feed",
        publisher=entry.feed_title,
        author=entry.author,
    )


def _may_be_of(published: str | None, day: date) -> bool:
    """False only when the page states a date and it is not `day`."""
    if not published:
        return True
    try:
        return date.fromisoformat(published[:10]) == day
    except ValueError:
        return True
