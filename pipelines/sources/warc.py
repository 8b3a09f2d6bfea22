"""WARC files (a crawl's archive, e.g. Common Crawl's CC-NEWS): HTML responses become articles.

Which records belong to day D: those whose ``WARC-Date`` (the capture time, UTC) falls on D. A file whose
name carries a date (``CC-NEWS-20240502103012-00042.warc.gz``, ``crawl-2024-05-02.warc``) is opened only
when that date is D or the day before, since a file started late on D-1 holds captures of D; files named
for other days are skipped unread. A file without a date in its name is read and filtered by WARC-Date.

Files are streamed record by record (gzip members or plain), so a multi-gigabyte file never sits in
memory: a record's HTML is read up to ``max_record_bytes``. Records that are not HTTP 2xx HTML responses
(requests, metadata, redirects, images) are passed over silently. A record the crawler marked truncated, a
record cut short by the end of the file, a failed digest, or bytes that are not a WARC record become
rejects; after unreadable bytes the rest of that file is skipped (records cannot be found again reliably).
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import DecompressingBufferedReader
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord

from pipelines.log import get_logger
from transforms.articles import RawArticle, Reject
from transforms.html import extract_page

log = get_logger(__name__)

HTML_TYPES = ("text/html", "application/xhtml+xml")
# Bounds on a record's header lines (WARC and HTTP headers), which warcio reads whole: a gzip member of a
# few MB can inflate to a header line of gigabytes. Real header lines are a few KB (long cookies, CSP).
MAX_HEADER_LINE = 1 << 20
MAX_HEADER_BYTES = 8 << 20


class HeaderTooLarge(ValueError):
    """A record's header line, or its headers together, exceed the bounds above."""


class _BoundedHeaderReader(DecompressingBufferedReader):
    """warcio's reader, with header lines bounded before they are in memory.

    warcio parses headers with ``readline()`` and bodies with ``read()``: lines read one after another
    without a ``read()`` between them are one record's headers (and the blank lines between records)."""

    def __init__(self, stream: object, block_size: int) -> None:
        super().__init__(stream, block_size=block_size)
        self._header_bytes = 0

    def readline(self, length: int | None = None) -> bytes:
        bounded = length is not None and length <= MAX_HEADER_LINE
        line: bytes = super().readline(length if bounded else MAX_HEADER_LINE)
        if not bounded and len(line) >= MAX_HEADER_LINE and not line.endswith(b"\n"):
            raise HeaderTooLarge(f"a header line longer than {MAX_HEADER_LINE:,} bytes")
        self._header_bytes += len(line)
        if self._header_bytes > MAX_HEADER_BYTES:
            raise HeaderTooLarge(f"a record's headers take more than {MAX_HEADER_BYTES:,} bytes")
        return line

    def read(self, length: int | None = None) -> bytes:
        self._header_bytes = 0
        return super().read(length)


class _ArchiveIterator(ArchiveIterator):
    def __init__(self, fileobj: object, check_digests: bool) -> None:
        super().__init__(fileobj, check_digests=check_digests)
        self.reader = _BoundedHeaderReader(self.fh, block_size=self.reader.block_size)


_NAME_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)-?(\d\d)-?(\d\d)(?:\d{6})?(?!\d)")


def warc_file_day(path: Path) -> date | None:
    """The date in a WARC file's name (YYYYMMDD, YYYY-MM-DD, or a YYYYMMDDhhmmss stamp), or None."""
    for match in _NAME_DATE.finditer(path.name):
        try:
            return date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            continue
    return None


def may_hold_day(path: Path, day: date) -> bool:
    named = warc_file_day(path)
    return named is None or named in (day, day - timedelta(days=1))


def _capture_time(record: ArcWarcRecord) -> datetime | None:
    raw = record.rec_headers.get_header("WARC-Date") or ""
    try:
        parsed = datetime.fromisoformat(raw.strip().replace("Z", "+00:00"))
        return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)
    except (ValueError, OverflowError):  # not a date, or one with no UTC equivalent (year 1 or 9999)
        return None


def iter_warc(path: Path, day: date, source: str, max_record_bytes: int) -> Iterator[RawArticle | Reject]:
    """Articles of `day` in the WARC file `path`, and rejects for the records that could not be read."""
    if not may_hold_day(path, day):
        log.debug("%s: named for another day than %s, skipped", path, day)
        return
    try:
        size = path.stat().st_size
        fh = path.open("rb")
    except OSError as exc:
        yield Reject(str(path), source, "read", "unreadable", str(exc))
        return
    end = 0
    with fh:
        records = _ArchiveIterator(fh, check_digests=True)
        try:
            for record in records:
                yield from _record_items(record, records, path, day, source, max_record_bytes)
                offset, length = records.get_record_offset(), records.get_record_length()
                end = offset + length
        except (ArchiveLoadFailed, zlib.error, EOFError, OSError, ValueError) as exc:
            yield Reject(
                f"{path}#{end}",
                source,
                "read",
                "corrupt_warc",
                f"{type(exc).__name__}: {str(exc)[:200]}; the rest of the file was skipped",
            )
            return
    # A gzip member cut off by the end of the file ends iteration quietly: compare with the file's size.
    # (Plain WARC files end with the last record's 4-byte separator, outside its length.)
    if size - end > 4:
        yield Reject(
            f"{path}#{end}",
            source,
            "read",
            "truncated",
            f"the file ends inside a record ({size - end:,} bytes after the last complete one)",
        )


def _record_items(
    record: ArcWarcRecord,
    records: ArchiveIterator,
    path: Path,
    day: date,
    source: str,
    max_record_bytes: int,
) -> Iterator[RawArticle | Reject]:
    if record.rec_type is None:  # what warcio makes of a gzip member cut inside the record's headers
        ref = f"{path}#{records.get_record_offset()}"
        yield Reject(ref, source, "read", "truncated", "the file ends inside a record's headers")
        return
    if record.rec_type != "response" or record.http_headers is None:
        return
    captured = _capture_time(record)
    if captured is None or captured.date() != day:
        return
    status = record.http_headers.get_statuscode() or ""
    content_type = (record.http_headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
    if not status.startswith("2") or (content_type and not content_type.startswith(HTML_TYPES)):
        return
    url = record.rec_headers.get_header("WARC-Target-URI")
    body = record.content_stream().read(max_record_bytes + 1)
    ref = f"{path}#{records.get_record_offset()}"
    if record.rec_headers.get_header("WARC-Truncated"):
        reason = record.rec_headers.get_header("WARC-Truncated")
        yield Reject(ref, source, "read", "truncated", f"the crawler truncated the record ({reason}); {url}")
        return
    if len(body) > max_record_bytes:
        yield Reject(
            ref, source, "read", "too_large", f"{url}: more than {max_record_bytes:,} bytes (max_page_bytes)"
        )
        return
    if record.raw_stream.limit > 0:
        yield Reject(ref, source, "read", "truncated", f"{url}: the file ends inside this record")
        return
    checker = record.digest_checker
    if checker.passed is False:
        yield Reject(ref, source, "read", "digest_mismatch", f"{url}: {'; '.join(checker.problems)}")
        return
    page = extract_page(body, url)
    if page is None:
        yield Reject(ref, source, "parse", "no_text", f"no main text could be extracted from {url}")
        return
    yield RawArticle(
        ref=ref,
        source=source,
        text=page.text,
        url=url,
        title=page.title,
        published=page.published or captured,
        published_source="page" if page.published else "warc",
        publisher=page.sitename,
        author=page.author,
    )
