"""Local inputs: a JSON Lines file, or a folder of .jsonl, .html and .txt files."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from transforms.articles import RawArticle, Reject, is_unicode, printable
from transforms.html import extract_page

SUFFIXES = {".jsonl", ".html", ".htm", ".txt"}
FIELDS = ("id", "url", "title", "text", "published")


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
    else:
        yield from iter_file(path, max_bytes)


def iter_file(file: Path, max_bytes: int) -> Iterator[RawArticle | Reject]:
    source = str(file)
    if (problem := misnamed(file, source)) is not None:
        yield problem
        return
    try:
        size = file.stat().st_size
        with file.open("rb") as fh:
            head = fh.read(8192)
    except OSError as exc:
        yield Reject(source, source, "read", "unreadable", str(exc))
        return
    if b"\x00" in head:
        yield Reject(source, source, "read", "binary", "the file contains NUL bytes; expected UTF-8 text")
        return
    if file.suffix.lower() == ".jsonl":
        yield from _iter_jsonl(file)
        return
    if size > max_bytes:
        yield Reject(
            source,
            source,
            "read",
            "too_large",
            f"{size:,} bytes; the limit is {max_bytes:,} (max_input_bytes)",
        )
        return
    data = file.read_bytes()
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


def _iter_jsonl(file: Path) -> Iterator[RawArticle | Reject]:
    source = str(file)
    with file.open("rb") as fh:
        for number, raw_line in enumerate(fh, start=1):
            ref = f"{file}:{number}"
            if not raw_line.strip():
                continue
            try:
                line = raw_line.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                yield Reject(
                    ref, source, "read", "not_utf8", f"invalid UTF-8 at byte {exc.start} of the line"
                )
                continue
            try:
                item = json.loads(line)
            except json.JSONDecodeError as exc:
                yield Reject(ref, source, "read", "malformed_json", f"{exc.msg} at column {exc.colno}")
                continue
            except RecursionError:
                yield Reject(ref, source, "read", "malformed_json", "nested too deeply to read")
                continue
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
            yield article


def _opt(item: dict, key: str) -> str | None:
    value = item.get(key)
    return None if value is None or value == "" else str(value)
