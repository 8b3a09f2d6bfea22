"""Who the article names: its people, and which person each name, surname or "Mr X" stands for.

A person is who the article says. Before any sentence is coded, the article's person mentions are found
(a title and a name, a full name, "Mr Clarke", "Lord Strathclyde", a dictionary person:
transforms/coder/person_spans.py) and linked: a full name introduces a person; a later surname, or a
title with the surname, refers back to the person of that surname named nearest before (else after). The
person's actor is the dictionary's when their full name is a dictionary name; otherwise the article's
description of them gives country and role ("Home Secretary Charles Clarke", "Tory leader Michael
Howard", "Ed Balls, ex-chief economic adviser to the Treasury", "Foreign Minister X of Y"), and a person
the article does not describe is nobody the coder can code (no actor), though a pronoun may still refer
to them.

A surname with no person of that surname named in full in the article stands for a dictionary person only
when the dictionary lists that surname alone for them (the news uses it alone: "Putin", "Mr Blair"), an
office title precedes it ("President Putin"), their country is named in the article, or it follows "Mr",
"Mrs", "Lord" ... in an article that is not about another country's politics ("Mr Straw criticised Iran" is
Jack Straw; "Mr Howard" among the Tories and Labour is not Australia's John Howard). A surname inside a longer
name ("Irene Khan" is not Imran Khan) or inside a place's name ("Mazar-e-Sharif") is no dictionary person.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc, Span, Token

from transforms.actors import Actor, NameMatch, split_code
from transforms.coder.descriptions import identify
from transforms.coder.lexicon import Lexicon
from transforms.coder.person_spans import (
    PersonSpan,
    in_compound_word,
    name_word_flags,
    person_match,
    person_spans,
)
from transforms.doc_memo import doc_words


@dataclass(eq=False)
class Person:
    """One person of the article, however often named."""

    words: tuple[str, ...]  # the fullest name the article gives ("Charles", "Clarke"), or a surname
    gender: str = ""  # "m", "f" or "" when unknown
    title: str = ""  # the honorific of a person known by surname only ("Lord" Strathclyde)
    actor: Actor | None = None  # None: the article does not say who they are
    titles: set[str] = field(default_factory=set)  # office nouns the article gives them ("chancellor")
    entry: int | None = None  # the dictionary entry the person is, if any

    @property
    def surname(self) -> str:
        return self.words[-1]

    @property
    def name(self) -> str:
        if len(self.words) == 1 and self.title:
            return f"{self.title} {self.words[0]}"
        return " ".join(self.words).replace(" - ", "-")


@dataclass(frozen=True, eq=False)
class PersonMention:
    start: int
    end: int
    sentence: int  # index of the coder's sentence (transforms/coder/parse.sentences)
    person: Person


@dataclass
class ArticlePeople:
    """The article's people: each mention's person by token, the mentions in order, and the dictionary
    names left once person mentions have taken theirs."""

    by_token: dict[int, PersonMention]
    mentions: list[PersonMention]
    names: dict[int, NameMatch]


def find_people(
    lex: Lexicon,
    doc: Doc,
    names: dict[int, NameMatch],
    sentence_of: list[int],
    day: date,
    furniture: frozenset[int] = frozenset(),
) -> ArticlePeople:
    """The article's people and their mentions, and `names` without the dictionary person names that
    stand for someone else here. Page furniture (`furniture`: "Brendan Smialowski/Getty Images") names
    no one."""
    words = doc_words(doc)
    name_words = name_word_flags(lex, words)
    spans = [s for s in person_spans(lex, words, name_words, names, sentence_of) if s.start not in furniture]
    people: list[Person] = []
    linked: list[tuple[PersonSpan, Person]] = []
    # Full names first: each introduces a person unless one of that name was introduced before.
    for span in spans:
        if len(span.words) < 2:
            continue
        person = _same_person(people, span.words)
        if person is None:
            person = Person(span.words)
            people.append(person)
        elif len(span.words) > len(person.words):
            person.words = span.words
        linked.append((span, person))
    surnames = [s for s in spans if len(s.words) == 1]
    context = _context_countries(lex, names, {id(s.match) for s in surnames if s.match is not None}, day)
    for span in surnames:
        person = _by_surname(linked, span, before_only=True)
        if person is None:
            person = _surname_person(lex, doc, span, context, people, day)
        if person is None:
            person = _by_surname(linked, span) or _same_words(people, span) or Person(span.words)
            if span.honorific and person.title == "":
                person.title = doc[span.start].text
        if person not in people:
            people.append(person)
        linked.append((span, person))
    # A bare surname of a person named in the article, wherever it stands ("Navin Nayak blamed Comey").
    covered = {i for span, _ in linked for i in range(span.start, span.end)}
    for i in (i for i, name_word in enumerate(name_words) if name_word):
        if i in covered or i in names or i in furniture:
            continue
        if words.ent_type[i] in ("GPE", "LOC", "FAC", "NORP") or in_compound_word(words, i):
            continue
        candidates = [p for p in people if len(p.words) >= 2 and p.surname == words.text[i]]
        if candidates:
            span = PersonSpan(i, i + 1, (words.text[i],), "", None, False)
            linked.append((span, _by_surname(linked, span) or candidates[0]))
    linked.sort(key=lambda pair: pair[0].start)
    by_token: dict[int, PersonMention] = {}
    mentions: list[PersonMention] = []
    for span, person in linked:
        mention = PersonMention(span.start, span.end, sentence_of[span.start], person)
        mentions.append(mention)
        for i in range(span.start, span.end):
            by_token[i] = mention
        if span.gender and not person.gender:
            person.gender = span.gender
    for person in people:
        homes = context.home or context.countries
        home = next(iter(homes), "") if len(homes) == 1 else ""
        identify(lex, doc, person, [(s, p) for s, p in linked if p is person], names, day, home)
    return ArticlePeople(by_token, mentions, _names_left(lex, names, by_token, day))


# --- linking ------------------------------------------------------------------------------------------------


def _same_person(people: list[Person], words: tuple[str, ...]) -> Person | None:
    for person in people:
        if person.surname != words[-1]:
            continue
        if len(person.words) < 2 or person.words[0] == words[0]:
            return person
    return None


def _by_surname(
    linked: list[tuple[PersonSpan, Person]], span: PersonSpan, before_only: bool = False
) -> Person | None:
    """The person of that surname named in full nearest before the span, else first after it."""
    surname = span.words[-1]
    before = [
        (s, p) for s, p in linked if p.surname == surname and len(p.words) >= 2 and s.start < span.start
    ]
    if before:
        return max(before, key=lambda pair: pair[0].start)[1]
    if before_only:
        return None
    after = [(s, p) for s, p in linked if p.surname == surname and len(p.words) >= 2]
    return min(after, key=lambda pair: pair[0].start)[1] if after else None


def _same_words(people: list[Person], span: PersonSpan) -> Person | None:
    return next((p for p in people if p.words == span.words), None)


def _surname_person(
    lex: Lexicon, doc: Doc, span: PersonSpan, context: _Context, people: list[Person], day: date
) -> Person | None:
    """The dictionary person a surname named in full nowhere before stands for, when the article
    supports it: an office title before it ("President Putin") or their country in the article."""
    match = span.match
    persons = [r for r in match.refs if lex.actors.entries[r.entry].kind == "person"] if match else []
    # "Mrs Clinton" is no man of that surname, whoever the date would pick
    if span.gender:
        persons = [r for r in persons if _entry_gender(lex, r.entry) in ("", span.gender)]
    if persons:  # a name only other kinds of entry hold ("Stern", a magazine) is no dictionary person
        ref = lex.actors.pick(persons, day)
        entry = lex.actors.entries[ref.entry]
        country, _ = split_code(entry.code_on(day))
        titled = span.start > 0 and _office_title(lex, doc[span.start - 1])
        # a surname the dictionary lists alone is one the news uses alone for that person ("Putin");
        # "Mr Howard", made from a full name, is that person only where the article is about their country
        listed = span.words[-1] in lex.actors.entry_names(ref.entry)
        # "Mr Straw" is Jack Straw unless the article is about another country's politics
        honorific = span.honorific and not (context.home and country not in context.home)
        if titled or listed or honorific or (country and country in context.countries):
            known = next((p for p in people if p.entry == ref.entry), None)
            return known or Person(span.words, entry=ref.entry)
    return None


def _entry_gender(lex: Lexicon, entry: int) -> str:
    """A dictionary person's gender: the entry's, else its first name's usual one."""
    found = lex.actors.entries[entry]
    return found.gender or lex.first_names.get(found.name.split()[0], "")


def _office_title(lex: Lexicon, token: Token) -> bool:
    """ "President" in "President Putin": a role noun right before the name."""
    found = lex.actors.role_of(token)
    return found is not None and token.text[:1].isupper()


def _context_countries(
    lex: Lexicon, names: dict[int, NameMatch], surname_matches: set[int], day: date
) -> _Context:
    """The countries the article names, other than through bare surnames: its states (names,
    adjectives, capitals), organisations and parties, and people named in full."""
    countries: set[str] = set()
    home: set[str] = set()
    by_country: dict[str, set[int]] = {}
    for match in {id(m): m for m in names.values()}.values():
        ref = lex.actors.pick(match.refs, day)
        entry = lex.actors.entries[ref.entry]
        country, role = split_code(entry.code_on(day))
        if not country:
            continue
        if id(match) in surname_matches:
            by_country.setdefault(country, set()).add(ref.entry)
            continue
        countries.add(country)
        if ref.how == "local" or (entry.kind in ("group", "state") and role):
            home.add(country)  # its parties and institutions: an article about that country's politics
    # two people of one country named by surname support each other ("Obama ... Trump")
    countries.update(c for c, entries in by_country.items() if len(entries) >= 2)
    return _Context(frozenset(countries), frozenset(home))


@dataclass(frozen=True)
class _Context:
    countries: frozenset[str]  # the countries the article names other than by surnames
    home: frozenset[str]  # the countries whose parties or institutions it names


# --- the dictionary names left ------------------------------------------------------------------------------


def _names_left(
    lex: Lexicon, names: dict[int, NameMatch], by_token: dict[int, PersonMention], day: date
) -> dict[int, NameMatch]:
    """The dictionary names without the person names that stand for someone else in this article."""
    left: dict[int, NameMatch] = {}
    for i, match in names.items():
        if person_match(lex, match):
            mention = by_token.get(i)
            if mention is None or mention.person.entry is None:
                continue
            if not any(ref.entry == mention.person.entry for ref in match.refs):
                continue
        left[i] = match
    return left


def sentence_index(doc: Doc, sentences: list[Span]) -> list[int]:
    """The index of the coder's sentence each token belongs to (a token between sentences: the previous)."""
    index = [-1] * len(doc)
    for number, sent in enumerate(sentences):
        for i in range(sent.start, sent.end):
            index[i] = number
    last = 0
    for i, number in enumerate(index):
        if number < 0:
            index[i] = last
        else:
            last = number
    return index
