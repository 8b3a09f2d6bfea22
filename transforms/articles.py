"""From what a source delivered to an article row, or to reject rows that say why not."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from transforms.urls import canonical_url

# Dates before this, or more than a couple of days past the wall clock, are taken as data errors.
EARLIEST_PUBLISHED = date(1900, 1, 1)
FUTURE_SLACK = timedelta(days=2)


@dataclass(frozen=True)
class Reject:
    """One input that did not become (a fully good) article, and why."""

    ref: str  # file:line, URL, WARC file#offset
    source: str  # configured source name or input path
    stage: str  # read, fetch, parse, ingest, language, extract
    reason: str  # short code: malformed_json, empty_text, not_utf8, binary, too_large, bad_date, ...
    detail: str = ""
    article_id: str | None = None

    def record(self, ingest_date: date) -> dict:
        # Refs and details quote what the input held (file names, URLs, field values), which may not be
        # Unicode text; the row must be writable whatever they hold.
        return {
            "input_ref": printable(self.ref),
            "source": printable(self.source),
            "article_id": self.article_id,
            "stage": self.stage,
            "reason": self.reason,
            "detail": printable(self.detail),
            "ingest_date": ingest_date,
        }


@dataclass(frozen=True)
class RawArticle:
    """An article as a source delivered it: text already decoded; everything but the text optional."""

    ref: str
    source: str
    text: str
    url: str | None = None
    title: str | None = None
    published: str | datetime | date | None = None
    published_source: str = "input"  # input, feed, page, warc
    publisher: str | None = None
    author: str | None = None
    source_id: str | None = None
    language: str | None = None


_WS = re.compile(r"\s+")


def is_unicode(text: str) -> bool:
    """False when `text` holds lone surrogates: a JSON ``\\ud800`` escape, or a file name's bytes that are
    not UTF-8 (Python keeps them as ``\\udcXX``). Such text cannot be written as UTF-8."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def printable(text: str) -> str:
    """`text` with what is not Unicode shown as escapes: a file name's undecodable bytes as ``\\xe9``, other
    lone surrogates as ``\\ud800``."""
    if is_unicode(text):
        return text
    try:
        raw = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return raw.decode("utf-8", "backslashreplace")


def normalize_text(text: str) -> str:
    """NFC, no control characters, runs of spaces folded, paragraphs kept; a blank line inside a sentence
    (hard-wrapped text whose every line is a paragraph) is not kept (`unwrap`)."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch)[0] != "C")
    paragraphs = (_WS.sub(" ", p).strip() for p in re.split(r"\n\s*\n", text))
    return "\n\n".join(unwrap([p for p in paragraphs if p]))


# What ends a sentence at the end of a paragraph, once closing quotes and brackets are set aside.
_SENTENCE_END = frozenset(".!?:;…")
_CLOSERS = "\"'”’»)]"
_OPENERS = "\"'“‘«(["
# A line that ends with one of these words (or a comma) goes on in the next: "talks with the" / "U.S.".
_CONTINUING_WORDS = frozenset(
    {"a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "from", "with", "into", "over", "about",
     "and", "or", "but", "nor", "as", "than", "that", "which", "who", "whom", "whose", "its", "his", "her",
     "their", "our", "is", "are", "was", "were", "be", "been", "has", "have", "had", "will", "would",
     "could", "should", "may", "might", "can", "not", "this", "these", "those", "said", "told", "after",
     "before", "against", "between", "under", "mln", "billion", "million", "pct"}
)  # fmt: skip
# "U.S.", "J.", "Mr.", "Co.": a full stop that does not end the sentence.
_ABBREVIATION = re.compile(
    r"(?:[A-Za-z]\.){2,}|[A-Z]\.|(?:Mr|Mrs|Ms|Dr|St|Co|Inc|Corp|Ltd|No|Gen|Sen|Rep|Gov|Jan|Feb|Aug|Sept?|Oct|Nov|Dec)\."
)
_TITLE_FUNCTION_WORDS = frozenset({"In", "Of", "To", "For", "And", "On", "At", "With", "From", "By", "As"})
_HARD_WRAP_WIDTH = 90  # a wrapped line is shorter than this


def unwrap(paragraphs: list[str]) -> list[str]:
    """Paragraphs with the lines of a sentence joined again. In hard-wrapped text whose every line became a
    paragraph (Reuters bodies: "Malcolm Baldrige" / "praised South Korea's ..."), a blank line does not
    end a sentence when the text before it does not end one and the text after continues it: it starts
    lower-case, or the text before ends with a comma or a word that cannot end a sentence, or most of the
    article is such lines. A headline stays on its own (upper-case, or capitalised function words)."""
    wrapped = _hard_wrapped(paragraphs)
    out: list[str] = []
    for index, paragraph in enumerate(paragraphs):
        headline = index == 1 and _headline(paragraphs[0])
        if out and _continues(out[-1], paragraph, wrapped and not headline):
            before = out[-1]
            hyphenated = before.endswith("-") and before[-2:-1].isalpha() and paragraph[:1].islower()
            out[-1] = before + ("" if hyphenated else " ") + paragraph
        else:
            out.append(paragraph)
    return out


def _ends_sentence(text: str) -> bool:
    stripped = text.rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] in _SENTENCE_END


def _continues(before: str, after: str, wrapped: bool) -> bool:
    """Whether paragraph `after` goes on with the sentence `before` leaves open."""
    first = after.lstrip(_OPENERS)[:1]
    last = before.rstrip(_CLOSERS).rsplit(" ", 1)[-1]
    if not first.isalnum():
        return False  # a list item ("- ...", "* ...")
    if _ends_sentence(before):
        # "... how U.S." / "warships and ...": an abbreviation ends the line, not the sentence
        return _ABBREVIATION.fullmatch(last) is not None and (first.islower() or wrapped)
    if first.islower():
        return True
    if before.endswith(",") or last.lower() in _CONTINUING_WORDS:
        return True
    return wrapped


def _headline(text: str) -> bool:
    words = text.split()
    letters = [ch for ch in text if ch.isalpha()]
    upper = len(words) >= 2 and all(ch.isupper() for ch in letters)
    return upper or any(word in _TITLE_FUNCTION_WORDS for word in words[1:])


def _hard_wrapped(paragraphs: list[str]) -> bool:
    """Whether the text is wrapped lines each made a paragraph: most are short and do not end a sentence."""
    lines = paragraphs[:-1]
    if len(lines) < 3:
        return False
    short = sum(len(p) < _HARD_WRAP_WIDTH for p in lines)
    open_ended = sum(not _ends_sentence(p) for p in lines)
    return short >= 0.7 * len(lines) and open_ended >= 0.5 * len(lines)


def text_hash(text: str) -> str:
    return hashlib.sha1(_WS.sub(" ", text).strip().lower().encode("utf-8")).hexdigest()


def article_id_for(canonical: str | None, text: str) -> str:
    return hashlib.sha1(canonical.encode("utf-8")).hexdigest() if canonical else text_hash(text)


def looks_binary(text: str) -> bool:
    """NUL bytes or a high share of replacement and control characters: not prose."""
    if "\x00" in text:
        return True
    sample = text[:4096]
    bad = sum(
        1 for ch in sample if ch == "\ufffd" or (unicodedata.category(ch) == "Cc" and ch not in "\n\r\t")
    )
    return bool(sample) and bad / len(sample) > 0.05


class DateOutOfRange(ValueError):
    """A valid ISO datetime whose UTC time falls outside the years 1 to 9999."""


def parse_published(value: str | datetime | date | None) -> datetime | None:
    """An ISO date or datetime (offsets honoured, naive taken as UTC) as an aware UTC datetime.
    Raises ValueError for text that is not one (`DateOutOfRange` when it has no UTC equivalent)."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, date):
        parsed = datetime.combine(value, time(), UTC)
    else:
        raw = str(value).strip()
        if raw.endswith(("Z", "z")):
            raw = raw[:-1] + "+00:00"
        parsed = datetime.fromisoformat(raw)
    try:
        return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)
    except OverflowError:  # 0001-01-01T00:00+05:00 and 9999-12-31T23:00-05:00 have no UTC datetime
        raise DateOutOfRange(f"{value!r} has no UTC equivalent") from None


def normalize_article(
    raw: RawArticle, ingest_date: date, max_chars: int, now: datetime | None = None
) -> tuple[dict | None, list[Reject]]:
    """The article row for `raw` (None when it cannot be used) and the rejects it caused.

    A bad or absurd publication date does not lose the article: it falls back to the ingest date and a
    ``bad_date`` reject row says so."""

    def reject(reason: str, detail: str, article_id: str | None = None) -> Reject:
        return Reject(raw.ref, raw.source, "ingest", reason, detail, article_id)

    for name in ("url", "source_id"):  # identities: a lossy repair could merge two different articles
        value = getattr(raw, name)
        if value is not None and not is_unicode(value):
            field = "id" if name == "source_id" else name
            return None, [
                reject(
                    "not_utf8", f"{field} '{printable(value)}' holds a lone surrogate; it is not Unicode text"
                )
            ]
    if looks_binary(raw.text):
        return None, [reject("binary", "the content is binary, not text")]
    text = normalize_text(raw.text)
    if not text:
        return None, [reject("empty_text", "no text after removing markup and white space")]
    if len(text) > max_chars:
        return None, [
            reject("too_large", f"{len(text):,} characters; the limit is {max_chars:,} (max_article_chars)")
        ]

    canonical = canonical_url(raw.url)
    article_id = article_id_for(canonical, text)
    rejects: list[Reject] = []
    published_source = raw.published_source
    now = now or datetime.now(UTC)
    try:
        published = parse_published(raw.published)
    except (TypeError, ValueError) as exc:
        published = None
        what = "is implausible" if isinstance(exc, DateOutOfRange) else "is not an ISO date"
        rejects.append(
            reject(
                "bad_date",
                f"published {printable(str(raw.published))!r} {what}; used the ingest date",
                article_id,
            )
        )
    else:
        if published is not None and not (
            published.date() >= EARLIEST_PUBLISHED and published <= now + FUTURE_SLACK
        ):
            rejects.append(
                reject(
                    "bad_date",
                    f"published {raw.published!r} is implausible; used the ingest date",
                    article_id,
                )
            )
            published = None
    if published is None:
        if raw.published in (None, "") and not rejects:
            rejects.append(reject("missing_date", "no publication date; used the ingest date", article_id))
        published = datetime.combine(ingest_date, time(), UTC)
        published_source = "ingest_date"

    title = normalize_text(raw.title) if raw.title else None
    row = {
        "article_id": article_id,
        "source_id": raw.source_id,
        "url": raw.url,
        "canonical_url": canonical,
        "title": title or None,
        "published_at": published,
        "published_at_source": published_source,
        "publisher": _clean(raw.publisher),
        "author": _clean(raw.author),
        "language": raw.language,
        "text": text,
        "word_count": len(text.split()),
        "text_hash": text_hash(text),
        "duplicate_of": None,
        "origin": printable(_origin(raw.source, raw.ref)),
        "ingest_date": ingest_date,
    }
    return row, rejects


def _clean(value: str | None) -> str | None:
    """A free-text field (publisher, author) with control characters and lone surrogates dropped."""
    return (normalize_text(value) or None) if value is not None else None


def _origin(source: str, ref: str) -> str:
    """``source:ref``; just `ref` when the source is the input file that `ref` already names (--input).
    (A configured source's name may well occur inside its refs: a feed named "wire" links to .../wire-copy.)"""
    if not source or ref == source or (ref.startswith(f"{source}:") and not ref.startswith(f"{source}://")):
        return ref
    return f"{source}:{ref}"
