"""Event dates from the words of a sentence, resolved against the article's publication date.

"on Monday" names the most recent Monday up to the publication day itself; "yesterday", "last week" count
back from it; "March 3" and "3 March 2022" are explicit. A resolved date is never after publication: a
day-and-month without a year is the latest such day on or before it, and a date beyond it (a plan, a
schedule) is not an event date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from spacy.tokens import Span, Token

WEEKDAYS = {
    name: index
    for index, names in enumerate(
        (
            ("monday", "mon"),
            ("tuesday", "tue", "tues"),
            ("wednesday", "wed"),
            ("thursday", "thu", "thur", "thurs"),
            ("friday", "fri"),
            ("saturday", "sat"),
            ("sunday", "sun"),
        )
    )
    for name in names
}
MONTHS = {
    name: index
    for index, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
# Abbreviations that are also common words only count when written as abbreviations ("Mar.", "Sat.").
_AMBIGUOUS_SHORT = {"mar", "may", "jun", "sat", "sun", "wed", "mon", "dec"}
_DAY_NUMBER = re.compile(r"^(\d{1,2})(st|nd|rd|th)?$", re.IGNORECASE)
_YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")
_SHORT_YEAR = re.compile(r"^'?(\d\d)$")
RELATIVE_DAYS = {"today": 0, "tonight": 0, "yesterday": 1, "overnight": 0}


@dataclass(frozen=True)
class DateMention:
    day: date
    token: Token  # the token the expression hangs from, for attaching it to a verb
    text: str


def _month(token: Token) -> int | None:
    word = token.lower_.rstrip(".")
    month = MONTHS.get(word)
    if month is None:
        return None
    if not token.text[:1].isupper() or token.tag_ == "MD":
        return None  # "may", "march" and "sat" as words
    if word in _AMBIGUOUS_SHORT and word != "may" and not token.text.endswith("."):
        return None
    return month


def _weekday(token: Token) -> int | None:
    word = token.lower_.rstrip(".")
    index = WEEKDAYS.get(word)
    if index is None:
        return None
    if len(word) <= 4 and (word in _AMBIGUOUS_SHORT or not token.text[:1].isupper()):
        return None
    return index


def last_weekday(published: date, weekday: int) -> date:
    """The most recent `weekday` (0 = Monday) on or before `published`."""
    return published - timedelta(days=(published.weekday() - weekday) % 7)


def _day_of_month(token: Token | None) -> int | None:
    if token is None:
        return None
    match = _DAY_NUMBER.match(token.text)
    if match and 1 <= int(match.group(1)) <= 31:
        return int(match.group(1))
    return None


def _year(token: Token | None, allow_short: bool) -> int | None:
    if token is None:
        return None
    if _YEAR.match(token.text):
        return int(token.text)
    match = _SHORT_YEAR.match(token.text)
    if allow_short and match:
        return 2000 + int(match.group(1))
    return None


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _latest_on_or_before(published: date, month: int, day: int) -> date | None:
    for year in (published.year, published.year - 1):
        candidate = _safe_date(year, month, day)
        if candidate is not None and candidate <= published:
            return candidate
    return None


def _shift_month(day: date, months: int) -> date:
    month_index = day.year * 12 + day.month - 1 + months
    year, month = divmod(month_index, 12)
    for d in (day.day, 30, 29, 28):
        candidate = _safe_date(year, month + 1, d)
        if candidate is not None:
            return candidate
    raise AssertionError("unreachable")


def _token(tokens: list[Token], index: int) -> Token | None:
    """The token at `index` of `tokens`, reaching into the doc beyond them on the same line (the parser
    sometimes cuts "1st | Aug 22" into two sentences)."""
    if 0 <= index < len(tokens):
        return tokens[index]
    if not tokens:
        return None
    doc = tokens[0].doc
    position = tokens[0].i + index if index < 0 else tokens[-1].i + index - len(tokens) + 1
    if not 0 <= position < len(doc):
        return None
    between = range(position, tokens[0].i) if index < 0 else range(tokens[-1].i + 1, position + 1)
    if any("\n" in doc[j].text or "\n" in doc[j].whitespace_ for j in between):
        return None
    if index < 0 and "\n" in doc[position].whitespace_:
        return None
    return doc[position]


def find_dates(sent: Span, published: date) -> list[DateMention]:
    """Every date expression of `sent` that resolves to a day on or before `published`."""
    found: list[DateMention] = []
    tokens = list(sent)
    i = 0
    while i < len(tokens):
        token = tokens[i]
        lower = token.lower_
        resolved: date | None = None
        used = 1
        month = _month(token)
        if month is not None:
            # "March 3", "March 3, 2022", "Aug. 1st"; "1st Aug 22" is day-month-year
            day_number = _day_of_month(_token(tokens, i + 1))
            if _day_of_month(_token(tokens, i - 1)) is not None:
                day_number = None
            if day_number is not None:
                j = i + 2
                if j < len(tokens) and tokens[j].text == ",":
                    j += 1
                year = _year(_token(tokens, j), allow_short=False)
                resolved = (
                    _safe_date(year, month, day_number)
                    if year
                    else _latest_on_or_before(published, month, day_number)
                )
                used = j + 1 - i if year else 2
            else:
                # "3 March 2022", "1st Aug 22"
                day_number = _day_of_month(_token(tokens, i - 1))
                if day_number is not None:
                    year = _year(_token(tokens, i + 1), allow_short=True)
                    resolved = (
                        _safe_date(year, month, day_number)
                        if year
                        else _latest_on_or_before(published, month, day_number)
                    )
                    used = 2 if year else 1
        elif (weekday := _weekday(token)) is not None:
            resolved = last_weekday(published, weekday)
            previous = _token(tokens, i - 1)
            if previous is not None and previous.lower_ in ("next", "coming"):
                resolved = None
        elif lower in RELATIVE_DAYS:
            resolved = published - timedelta(days=RELATIVE_DAYS[lower])
        elif lower in ("week", "month") and i > 0 and tokens[i - 1].lower_ == "last":
            resolved = published - timedelta(days=7) if lower == "week" else _shift_month(published, -1)
        elif lower == "weekend" and i > 0 and tokens[i - 1].lower_ in ("the", "last"):
            resolved = last_weekday(published, 5)
        if resolved is not None and resolved <= published:
            found.append(DateMention(resolved, token, " ".join(t.text for t in tokens[i : i + used])))
        i += used
    return found
