"""Event dates from the words of a sentence, resolved against the article's publication date.

"on Monday" names the most recent Monday up to the publication day itself ("last Monday" in a Monday's
article is a week before it); "yesterday", "last night", "last week" count back from it; "March 3" and
"3 March 2022" are explicit. A resolved date is never after publication, but for one day: a weekday (or a
day and month) naming the day after it is that day, because an article's recorded date often lags its
local date (a UTC or American date on news from Asia, the date of a story's first version): "North Korea
fired a missile early on Tuesday" in an article dated Monday was fired the next day, not six days before.
A date a future tense gives ("will meet on Friday", "is expected to vote in June", "next week") is a plan,
not an event date.

Each mention says how exact it is (`precision`, the events column `date_precision`): `day` when the text
names the day; `week` for "last week", "earlier this week"; `month` for "earlier this month", "last month",
"in September", "late September", "September 2009"; `year` for "last year", "in 1998". A coarse mention
is dated the first day of its period (Monday of the week, the 1st of the month, January 1). A day's name
inside a name is no date: "BBC Radio 4's Today programme", "the Sunday Times", "Good Friday".
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from datetime import date, timedelta

from spacy.tokens import Doc, Span, Token

from transforms.doc_memo import doc_words, per_document

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
# "this morning", "last night": parts of a day counted back from the publication day.
DAY_PARTS = {("this", "morning"): 0, ("this", "afternoon"): 0, ("this", "evening"): 0, ("last", "night"): 1}
# How exact an event date is, most exact first; "article" when only the article's date is known.
PRECISIONS = ("day", "week", "month", "year", "article")
# Words that make a month a period the event fell in: "in September", "late September", "mid-September".
MONTH_MARKERS = frozenset({"in", "during", "late", "early", "mid", "last", "this", "of"})
YEAR_MARKERS = frozenset({"in", "during"})
# A day's name inside a name: before it ("Good Friday", "Bloody Sunday", "Super Tuesday") or after it
# ("the Today programme", "the Sunday Times", "Sunday Telegraph").
NAMED_BEFORE = frozenset(
    {"good", "bloody", "black", "super", "easter", "ash", "maundy", "holy", "palm", "cyber", "shrove"}
)
NAMED_AFTER = frozenset(
    {"programme", "program", "show", "times", "telegraph", "mirror", "express", "herald", "post", "mail",
     "magazine", "newspaper", "edition", "supplement", "agreement", "accord"}
)  # fmt: skip
NAME_ENTITIES = frozenset({"ORG", "WORK_OF_ART", "PERSON", "FAC", "PRODUCT", "EVENT", "LAW"})
# A clause is in the future when its verb has one of these auxiliaries ("will meet on Friday"), or is the
# infinitive of a planning verb in the present ("plans to visit in June", "is due to vote on Friday").
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo", "ll"})
PLANNING = frozenset({"plan", "expect", "schedule", "due", "set", "go", "intend", "aim", "hope", "want"})
PRESENT_TAGS = frozenset({"VBZ", "VBP"})
# Words other than months, weekdays and years that a date expression starts or ends at (`_may_start_a_date`).
_START_WORDS = frozenset(
    {*RELATIVE_DAYS, *(part for _, part in DAY_PARTS), "week", "month", "year", "weekend"}
)


@dataclass(frozen=True)
class DateMention:
    day: date
    token: Token  # the token the expression hangs from, for attaching it to a verb
    text: str
    precision: str = "day"  # day, week, month or year (PRECISIONS)


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


def weekday_date(published: date, weekday: int, previous: str, future: bool) -> date | None:
    """The day a `weekday` (0 = Monday) names in an article of `published`, after the word `previous`
    ("last", "next", ...), in a clause in the future or not; None when it is no event date (a plan)."""
    if previous in ("next", "coming") or (future and weekday != published.weekday()):
        return None
    if previous == "last":
        return published - timedelta(days=(published.weekday() - weekday - 1) % 7 + 1)
    day_after = published + timedelta(days=1)
    if weekday == day_after.weekday():
        return day_after  # the article's recorded date lags its local date (module docstring)
    return last_weekday(published, weekday)


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
    """Every date expression of `sent` that resolves to an event date (module docstring)."""
    # most words can start no date expression: only those that can are read, and their neighbours
    doc_starts = _date_starts(sent.doc)
    first = bisect_left(doc_starts, sent.start)
    starts = [i - sent.start for i in doc_starts[first : bisect_left(doc_starts, sent.end, first)]]
    if not starts:
        return []
    found: list[DateMention] = []
    tokens = list(sent)
    next_free = 0  # the words of a date found are not read again
    for i in starts:
        if i < next_free:
            continue
        token = tokens[i]
        lower = token.lower_
        previous = _token(tokens, i - 1)
        before = previous.lower_ if previous is not None else ""
        resolved: date | None = None
        used = 1
        precision = "day"
        latest = published
        month = _month(token)
        if month is not None:
            # "March 3", "March 3, 2022", "Aug. 1st"; "1st Aug 22" is day-month-year
            day_number = _day_of_month(_token(tokens, i + 1))
            if _day_of_month(previous) is not None:
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
            elif _day_of_month(previous) is not None:
                # "3 March 2022", "1st Aug 22"
                day_number = _day_of_month(previous)
                year = _year(_token(tokens, i + 1), allow_short=True)
                resolved = (
                    _safe_date(year, month, day_number)
                    if year
                    else _latest_on_or_before(published, month, day_number)
                )
                used = 2 if year else 1
            else:
                # "September 2009", "in September", "late September", "mid-September": the month
                year = _year(_token(tokens, i + 1), allow_short=False)
                if previous is not None and previous.text in ("-", "–"):
                    marker = _token(tokens, i - 2)
                    before = marker.lower_ if marker is not None else ""
                precision = "month"
                if year is not None:
                    resolved, used = date(year, month, 1), 2
                elif before in MONTH_MARKERS and not _future(token):
                    resolved = _latest_on_or_before(published, month, 1)
        elif (weekday := _weekday(token)) is not None and not _in_a_name(token, tokens, i):
            resolved = weekday_date(published, weekday, before, _future(token))
            latest = published + timedelta(days=1)
        elif lower in RELATIVE_DAYS and not _in_a_name(token, tokens, i):
            resolved = published - timedelta(days=RELATIVE_DAYS[lower])
        elif (before, lower) in DAY_PARTS:
            resolved = published - timedelta(days=DAY_PARTS[before, lower])
        elif lower in ("week", "month", "year") and before in ("last", "this") and token.text.islower():
            # (capitalised, a name: ABC's "This Week")
            earlier = _token(tokens, i - 2)
            if (before == "last" or earlier is None or earlier.lower_ != "later") and not _future(token):
                resolved, precision = _period_start(published, lower, before == "last"), lower
        elif lower == "weekend" and before in ("the", "last"):
            resolved = last_weekday(published, 5)
        elif _YEAR.match(token.text) and before in YEAR_MARKERS:
            resolved, precision = date(int(token.text), 1, 1), "year"  # "in 1998"
        if resolved is not None and resolved <= latest:
            text = " ".join(t.text for t in tokens[i : i + used])
            found.append(DateMention(resolved, token, text, precision))
        next_free = i + used
    return found


@per_document
def _date_starts(doc: Doc) -> list[int]:
    """The indices of the words of `doc` that may start a date expression (`_may_start_a_date`), in
    order, read from the document's lower-case words (`doc_words`: no Token object per word), each
    distinct word checked once."""
    lowers = doc_words(doc).lower
    starting = {lower for lower in set(lowers) if _may_start_a_date(lower)}
    return [i for i, lower in enumerate(lowers) if lower in starting]


def _may_start_a_date(lower: str) -> bool:
    """Whether a word (in lower case) can start a date expression of `find_dates`: a month, a weekday, a
    relative day, the last word of a part of a day, a period, or a year (a digit's lower case is itself,
    so the year pattern reads the same on it as on the text)."""
    word = lower.rstrip(".")
    return word in MONTHS or word in WEEKDAYS or lower in _START_WORDS or _YEAR.match(lower) is not None


def _period_start(published: date, unit: str, last: bool) -> date:
    """The first day of this or the last week (Monday), month or year of `published`."""
    if unit == "week":
        return published - timedelta(days=published.weekday() + (7 if last else 0))
    if unit == "month":
        return _shift_month(published.replace(day=1), -1 if last else 0)
    return date(published.year - (1 if last else 0), 1, 1)


def _in_a_name(token: Token, tokens: list[Token], i: int) -> bool:
    """A day's name inside a name: "BBC Radio 4's Today programme", "the Sunday Times", "Good Friday",
    and "Today" with a capital inside a sentence ("told Today", "USA Today")."""
    following, previous = _token(tokens, i + 1), _token(tokens, i - 1)
    if following is not None and following.lower_ in NAMED_AFTER:
        return True
    if previous is not None and previous.lower_ in NAMED_BEFORE and previous.text[:1].isupper():
        return True
    capitalised = token.lower_ in RELATIVE_DAYS and token.text[:1].isupper()
    if capitalised and any(not t.is_punct and not t.is_space for t in tokens[:i]):
        return True
    return token.ent_type_ in NAME_ENTITIES


def _future(token: Token) -> bool:
    """Whether the clause a date word belongs to is in the future: "will meet on Friday", "plans to vote
    in June", "is expected to arrive on Sunday", "is due to visit next month"."""
    verb = token
    for _ in range(8):
        if verb.head.i == verb.i:
            break
        verb = verb.head
        if verb.pos_ in ("VERB", "AUX"):
            break
    for _ in range(3):
        if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in verb.children):
            return True
        infinitive = verb.dep_ == "xcomp" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
        if not infinitive:
            return False
        verb = verb.head  # "expected" of "is expected to arrive"
        if verb.lemma_ in PLANNING and _present(verb):
            return True
    return False


def _present(verb: Token) -> bool:
    """A verb in the present: "plans", "is expected", "is due" (an adjective after a present 'be')."""
    if verb.tag_ in PRESENT_TAGS:
        return True
    if any(c.dep_ in ("aux", "auxpass") and c.tag_ in PRESENT_TAGS for c in verb.children):
        return True
    return verb.dep_ == "acomp" and verb.head.tag_ in PRESENT_TAGS
