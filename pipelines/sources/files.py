"""Local inputs: a JSON Lines file, or a folder of .jsonl, .html and .txt files."""

from __future__ import annotations

import codecs
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from transforms.articles import RawArticle, Reject, is_unicode, printable
from transforms.html import extract_page

SUFFIXES = {".jsonl", ".html", ".htm", ".txt"}
FIELDS = ("id", "url", "title", "text", "published")
SKIP_CHUNK = 1 << 20  # bytes read at a time while skipping the rest of an over-long line


def misnamed(path: Path, source: str) -> Reject | None:
    """A reject when `path` is not UTF-8 (its bytes could not be named in a row or looked up again)."""
    if is_unicode(str(path)):
        return None
    return Reject(
        printable(str(path)), source, "read", "not_utf8", "the file name is not UTF-8; rename the file"
    )


def iter_path(path: Path, max_bytes: int) -> Iterator[RawArticle | Reject]:
    """Every article of `path` (a file, or a folder read recursively in name order)."""
    if path.is_dir():
        for file in sorted(p for p in path.rglob("*") if p.is_file()):
            if (problem := misnamed(file, str(path))) is not None:
                yield problem
            elif file.suffix.lower() in SUFFIXES:
                yield from iter_file(file, max_bytes)
            elif not file.name.startswith("."):
                yield Reject(
                    str(file),
                    str(path),
                    "read",
                    "unsupported_file",
                    f"suffix {file.suffix!r} is not one of {sorted(SUFFIXES)}",
                )
    elif path.suffix.lower() not in SUFFIXES:  # named on its own (--input /etc/hosts): not read as text
        yield Reject(
            str(path),
            str(path),
            "read",
            "unsupported_file",
            f"suffix {path.suffix!r} is not one of {sorted(SUFFIXES)}",
        )
    else:
        yield from iter_file(path, max_bytes)


def _text_encoding(head: bytes) -> str | None:
    """How to decode a file that starts with `head`: "utf-16" after a UTF-16 byte-order mark, "utf-8"
    when there are no NUL bytes, None for binary content."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return "utf-8" if b"\x00" not in head else None


def _looks_like_utf16(head: bytes) -> bool:
    """UTF-16 without a byte-order mark: text whose every other byte is NUL (Latin script)."""
    pairs = len(head) // 2
    return pairs >= 8 and (head[1::2].count(0) >= 0.9 * pairs or head[0::2].count(0) >= 0.9 * pairs)


def iter_file(file: Path, max_bytes: int) -> Iterator[RawArticle | Reject]:
    """The article(s) of one file. `max_bytes` bounds what is held in memory at once: the whole file for
    .txt and .html, one line for .jsonl (a JSON Lines file may be of any size)."""
    source = str(file)
    if (problem := misnamed(file, source)) is not None:
        yield problem
        return
    try:
        with file.open("rb") as fh:
            head = fh.read(8192)
            encoding = _text_encoding(head)
            if encoding is None and _looks_like_utf16(head):
                yield Reject(
                    source,
                    source,
                    "read",
                    "not_utf8",
                    "UTF-16 without a byte-order mark; re-encode the file as UTF-8 (or add a BOM)",
                )
                return
            if encoding is None:
                yield Reject(
                    source, source, "read", "binary", "the file contains NUL bytes; expected UTF-8 text"
                )
                return
            fh.seek(0)
            if file.suffix.lower() == ".jsonl":
                if encoding == "utf-16":
                    yield from _iter_jsonl(io.BufferedReader(_Utf16AsUtf8(fh)), source, max_bytes)
                else:
                    yield from _iter_jsonl(fh, source, max_bytes)
                return
            data = fh.read(max_bytes + 1)  # never more than the limit in memory, whatever stat said
    except OSError as exc:
        yield Reject(source, source, "read", "unreadable", str(exc))
        return
    except UnicodeDecodeError as exc:  # a UTF-16 JSON Lines file that stops being UTF-16
        yield Reject(
            source,
            source,
            "read",
            "not_utf8",
            f"invalid UTF-16 ({exc.reason}); the rest of the file was skipped",
        )
        return
    if len(data) > max_bytes:
        yield Reject(
            source,
            source,
            "read",
            "too_large",
            f"more than {max_bytes:,} bytes (max_input_bytes)",
        )
        return
    if encoding == "utf-16":
        try:
            data = data.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError as exc:
            yield Reject(source, source, "read", "not_utf8", f"invalid UTF-16 at byte {exc.start}")
            return
    if file.suffix.lower() in (".html", ".htm"):
        page = extract_page(data)
        if page is None:
            yield Reject(source, source, "parse", "no_text", "no main text could be extracted from the page")
            return
        yield RawArticle(
            ref=source,
            source=source,
            text=page.text,
            title=page.title,
            published=page.published,
            published_source="page",
            publisher=page.sitename,
            author=page.author,
            source_id=file.stem,
        )
        return
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        yield Reject(
            source,
            source,
            "read",
            "not_utf8",
            f"invalid UTF-8 at byte {exc.start}; re-encode the file as UTF-8",
        )
        return
    yield RawArticle(ref=source, source=source, text=text, source_id=file.stem)


class _Utf16AsUtf8(io.RawIOBase):
    """A UTF-16 file (with its byte-order mark) read as UTF-8 bytes, so that the JSON Lines reader and its
    bounds apply unchanged; a decoding error ends the file as unreadable."""

    def __init__(self, raw: BinaryIO) -> None:
        self._decoder = codecs.getincrementaldecoder("utf-16")()
        self._raw = raw
        self._pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._pending:
            chunk = self._raw.read(65536)
            self._pending = self._decoder.decode(chunk, final=not chunk).encode("utf-8", "surrogatepass")
            if not chunk:
                break
        size = min(len(buffer), len(self._pending))
        buffer[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        return size


def bounded_lines(fh: BinaryIO, max_bytes: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, line) for every line of `fh`; the line is None when it is longer than `max_bytes`
    (its bytes are skipped, never held: a line is read in pieces of at most `max_bytes`)."""
    number = 0
    while True:
        line = fh.readline(max_bytes + 1)
        if not line:
            return
        number += 1
        if len(line) <= max_bytes or (len(line) == max_bytes + 1 and line.endswith(b"\n")):
            yield number, line
            continue
        while line and not line.endswith(b"\n"):  # skip the rest of the long line
            line = fh.readline(SKIP_CHUNK)
        yield number, None


def _iter_jsonl(fh: BinaryIO, source: str, max_bytes: int) -> Iterator[RawArticle | Reject]:
    for number, raw_line in bounded_lines(fh, max_bytes):
        ref = f"{source}:{number}"
        if raw_line is None:
            yield Reject(
                ref,
                source,
                "read",
                "too_large",
                f"the line is longer than {max_bytes:,} bytes (max_input_bytes)",
            )
            continue
        if not raw_line.strip():
            continue
        try:
            line = raw_line.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            yield Reject(ref, source, "read", "not_utf8", f"invalid UTF-8 at byte {exc.start} of the line")
            continue
        del raw_line
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Reject(ref, source, "read", "malformed_json", f"{exc.msg} at column {exc.colno}")
            continue
        except RecursionError:
            yield Reject(ref, source, "read", "malformed_json", "nested too deeply to read")
            continue
        del line
        if not isinstance(item, dict):
            yield Reject(
                ref, source, "read", "malformed_json", f"expected an object, got {type(item).__name__}"
            )
            continue
        text = item.get("text")
        if not isinstance(text, str):
            reason = "empty_text" if text is None else "malformed_json"
            yield Reject(ref, source, "read", reason, "the line has no string field 'text'")
            continue
        try:
            article = RawArticle(
                ref=ref,
                source=source,
                text=text,
                url=_opt(item, "url"),
                title=_opt(item, "title"),
                published=_opt(item, "published"),
                publisher=_opt(item, "publisher"),
                author=_opt(item, "author"),
                source_id=_opt(item, "id"),
            )
        except RecursionError:  # str() of a field nested almost as deep as the parser allows
            yield Reject(ref, source, "read", "malformed_json", "a field is nested too deeply to read")
            continue
        del item
        yield article


def _opt(item: dict, key: str) -> str | None:
    value = item.get(key)
    return None if value is None or value == "" else str(value)
