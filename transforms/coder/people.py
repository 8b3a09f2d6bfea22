"""Who the article names: its people, and which person each name, surname or "Mr X" stands for.

A person is who the article says. Before any sentence is coded, the article's person mentions are found
(a title and a name, a full name, "Mr Clarke", "Lord Strathclyde", a dictionary person) and linked: a
full name introduces a person; a later surname, or a title with the surname, refers back to the person of
that surname named nearest before (else after). The person's actor is the dictionary's when their full
name is a dictionary name; otherwise the article's description of them gives country and role ("Home
Secretary Charles Clarke", "Tory leader Michael Howard", "Ed Balls, ex-chief economic adviser to the
Treasury", "Foreign Minister X of Y"), and a person the article does not describe is nobody the coder can
code (no actor), though a pronoun may still refer to them.

A surname with no person of that surname named in full in the article stands for a dictionary person only
when the dictionary lists that surname alone for them (the news uses it alone: "Putin", "Mr Blair"), an
office title precedes it ("President Putin"), their country is named in the article, or it follows "Mr",
"Mrs", "Lord" ... in an article that is not about another country's politics ("Mr Straw criticised Iran" is
Jack Straw; "Mr Howard" among the Tories and Labour is not Australia's John Howard). A surname inside a longer
name ("Irene Khan" is not Imran Khan) or inside a place's name ("Mazar-e-Sharif") is no dictionary person.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date

from spacy.tokens import Doc, Span, Token

from transforms.actors import Actor, NameMatch, split_code
from transforms.coder.lexicon import Lexicon

SHADOW = "shadow"  # "shadow chancellor": the opposition's spokesperson for that office
# Honorifics and their gender (@HONORIFIC_MALE, @HONORIFIC_FEMALE, @HONORIFIC), words of a description
# that say the person no longer holds the office (@FORMER: "ex-chief economic adviser"), offices a party
# or an organisation gives (@PARTY_OFFICE: "Tory leader", "Lib Dem spokesman"; @ORG_OFFICE besides:
# "FBI Director", "CBI director general") and nouns of one gender (@FEMALE, @MALE) are word classes of
# verbs.tsv, read through the Lexicon.
PARTY_ROLES = frozenset({"GOV", "OPP", "PTY"})
STOP_POS = frozenset({"DET", "ADP", "VERB", "AUX", "PRON", "CCONJ", "SCONJ", "PUNCT", "NUM", "SPACE", "PART"})


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


@dataclass(eq=False)
class _Span:
    start: int
    end: int
    words: tuple[str, ...]
    gender: str
    match: NameMatch | None  # the dictionary person match the span holds, if any
    honorific: bool


def find_people(
    lex: Lexicon, doc: Doc, names: dict[int, NameMatch], sentence_of: list[int], day: date
) -> ArticlePeople:
    """The article's people and their mentions, and `names` without the dictionary person names that
    stand for someone else here."""
    spans = _person_spans(lex, doc, names, sentence_of)
    people: list[Person] = []
    linked: list[tuple[_Span, Person]] = []
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
    for token in doc:
        if token.i in covered or token.i in names or not _name_word(lex, token):
            continue
        if token.ent_type_ in ("GPE", "LOC", "FAC", "NORP") or _in_compound_word(token):
            continue
        candidates = [p for p in people if len(p.words) >= 2 and p.surname == token.text]
        if candidates:
            span = _Span(token.i, token.i + 1, (token.text,), "", None, False)
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
        _identify(lex, doc, person, [(s, p) for s, p in linked if p is person], names, day, home)
    return ArticlePeople(by_token, mentions, _names_left(lex, names, by_token, day))


# --- finding the mentions ---------------------------------------------------------------------------------


def _name_word(lex: Lexicon, token: Token) -> bool:
    """A word that can be part of a person's name: capitalised, a proper noun (or tagged a person), not
    a title ("Chancellor Gordon Brown")."""
    text = token.text
    return (
        len(text) > 1
        and text[0].isupper()
        and text.replace("-", "").replace("'", "").replace(".", "").isalpha()
        and (token.pos_ == "PROPN" or token.ent_type_ == "PERSON")
        and text.lower() not in lex.honorific_gender
        and not text.isupper()
        and lex.actors.role_of(token) is None
    )


def _in_compound_word(token: Token, end: int | None = None) -> bool:
    """ "Sharif" in "Mazar-e-Sharif": the words from `token` to `end` are part of a hyphenated word."""
    doc = token.doc
    last = doc[(end or token.i + 1) - 1]
    before = doc[token.i - 1] if token.i > 0 else None
    after = doc[last.i + 1] if last.i + 1 < len(doc) else None
    return bool(
        (before is not None and before.text in ("-", "–") and not before.whitespace_ and token.i >= 2)
        or (after is not None and after.text in ("-", "–") and not last.whitespace_)
    )


def _person_spans(lex: Lexicon, doc: Doc, names: dict[int, NameMatch], sentence_of: list[int]) -> list[_Span]:
    """The spans that name a person: a title and a name ("Mr Clarke", "Sir Digby Jones"), a dictionary
    person, a full name (a person entity of two or more words, or a known first name and a surname)."""
    spans: list[_Span] = []
    i = 0
    n = len(doc)
    while i < n:
        token = doc[i]
        match = names.get(i)
        if match is not None and match.start == i and _person_match(lex, match):
            end = match.end
            start = i
            honorific = doc[start].lower_ in lex.honorific_gender
            gender = lex.honorific_gender.get(doc[start].lower_, "")
            if _in_compound_word(doc[start], end) or _in_place_entity(doc, start, end):
                i = end
                continue
            # "Irene Khan": a first name before the dictionary's surname makes another person's name
            while (
                start > 0
                and not honorific
                and _name_word(lex, doc[start - 1])
                and doc[start - 1].i not in names
                and doc[start - 1].ent_type_ not in ("ORG", "GPE", "NORP", "LOC", "FAC")
            ):
                if sentence_of[start - 1] != sentence_of[i]:
                    break
                start -= 1
            # "Sharon Judy": a name word after the dictionary's surname, in one person entity, makes
            # another person's name too
            while (
                end < n
                and not honorific
                and match.end - match.start == 1
                and doc[end].ent_type_ == "PERSON"
                and doc[end].ent_iob_ == "I"
                and _name_word(lex, doc[end])
                and end not in names
                and sentence_of[end] == sentence_of[i]
            ):
                end += 1
            words = tuple(t.text for t in doc[start:end] if t.lower_ not in lex.honorific_gender and _word(t))
            spans.append(_Span(start, end, words, gender, match, honorific))
            i = end
            continue
        if (
            token.lower_ in lex.honorific_gender
            and i + 1 < n
            and _name_word(lex, doc[i + 1])
            and not (i > 0 and doc[i - 1].lower_ == "first")  # "First Lady Michelle Obama"
        ):
            end = i + 1
            while (
                end < n and end - i <= 3 and _name_word(lex, doc[end]) and sentence_of[end] == sentence_of[i]
            ):
                end += 1
            words = tuple(t.text for t in doc[i + 1 : end])
            spans.append(_Span(i, end, words, lex.honorific_gender[token.lower_], names.get(i + 1), True))
            i = end
            continue
        if _name_word(lex, token) and i not in names and not _in_compound_word(token):
            end = i
            while (
                end < n
                and _name_word(lex, doc[end])
                and doc[end].i not in names
                and sentence_of[end] == sentence_of[i]
                and end - i < 4
            ):
                end += 1
            words = tuple(t.text for t in doc[i:end])
            person_entity = any(t.ent_type_ == "PERSON" for t in doc[i:end])
            first_name = lex.first_names.get(words[0])
            if len(words) >= 2 and (person_entity or first_name is not None):
                if not any(t.ent_type_ in ("GPE", "LOC", "FAC", "NORP") for t in doc[i:end]):
                    spans.append(_Span(i, end, words, first_name or "", None, False))
                i = end
                continue
            i = max(end, i + 1)  # a lone capitalised word is a person only as the surname of one named
            continue
        i += 1
    return spans


def _word(token: Token) -> bool:
    return token.text[:1].isalpha() or token.text in ("-", "–")  # "Park Geun-hye": the hyphen kept


def _person_match(lex: Lexicon, match: NameMatch) -> bool:
    return any(lex.actors.entries[ref.entry].kind == "person" for ref in match.refs)


def _in_place_entity(doc: Doc, start: int, end: int) -> bool:
    """A name inside a longer place's name ("Kennedy Airport", "Mazar-e-Sharif")."""
    tokens = doc[start:end]
    if not all(t.ent_type_ in ("GPE", "LOC", "FAC") for t in tokens):
        return False
    longer_before = doc[start].ent_iob_ == "I"
    longer_after = end < len(doc) and doc[end].ent_iob_ == "I"
    return longer_before or longer_after


# --- linking ------------------------------------------------------------------------------------------------


def _same_person(people: list[Person], words: tuple[str, ...]) -> Person | None:
    for person in people:
        if person.surname != words[-1]:
            continue
        if len(person.words) < 2 or person.words[0] == words[0]:
            return person
    return None


def _by_surname(linked: list[tuple[_Span, Person]], span: _Span, before_only: bool = False) -> Person | None:
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


def _same_words(people: list[Person], span: _Span) -> Person | None:
    return next((p for p in people if p.words == span.words), None)


def _surname_person(
    lex: Lexicon, doc: Doc, span: _Span, context: _Context, people: list[Person], day: date
) -> Person | None:
    """The dictionary person a surname named in full nowhere before stands for, when the article
    supports it: an office title before it ("President Putin") or their country in the article."""
    match = span.match
    if match is not None:
        ref = lex.actors.pick([r for r in match.refs if lex.actors.entries[r.entry].kind == "person"], day)
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


# --- who each person is -------------------------------------------------------------------------------------


def _identify(
    lex: Lexicon,
    doc: Doc,
    person: Person,
    spans: list[tuple[_Span, Person]],
    names: dict[int, NameMatch],
    day: date,
    home: str = "",
) -> None:
    """The person's actor: the dictionary's for a dictionary name, else the first description (`home`:
    the one country whose parties or institutions, else whose names, the article names, if any)."""
    for span, _ in spans:
        match = span.match
        if person.entry is None and match is not None and len(span.words) >= 2 and span.start >= match.start:
            # a full name the dictionary knows; a surname alone was judged by _surname_person
            refs = [r for r in match.refs if lex.actors.entries[r.entry].kind == "person"]
            entry = lex.actors.pick(refs, day).entry
            if _names_person(lex, entry, person.words):
                person.entry = entry
    described: Actor | None = None
    for span, _ in spans:
        for tokens, head in _descriptions(doc, span):
            actor = describe(lex, tokens, head, names, day, home)
            person.titles.update(_titles(lex, head))
            gender = _noun_gender(lex, tokens)
            if gender and not person.gender:
                person.gender = gender
            if actor is None:
                continue
            if described is None:
                described = actor
            elif not described.country and actor.country and not actor.role:
                # "Foreign Minister X of Y": the title's role, the "of" phrase's country
                described = replace(described, code=actor.country + described.role, country=actor.country)
    if person.entry is not None:
        entry = lex.actors.entries[person.entry]
        code = entry.code_on(day)
        country, role = split_code(code)
        person.actor = Actor(code, entry.name, country, role, "person")
        if not person.gender:
            person.gender = entry.gender or lex.first_names.get(entry.name.split()[0], "")
    elif described is not None:
        person.actor = replace(described, name=person.name, kind="person")
    if not person.gender and len(person.words) >= 2:
        person.gender = lex.first_names.get(person.words[0], "")


def _names_person(lex: Lexicon, entry: int, words: tuple[str, ...]) -> bool:
    """Whether a full name is the dictionary entry's: one of its names, or the first and last word of one
    ("George Bush" is George W. Bush; "Irene Khan" is not Imran Khan)."""
    names = lex.actors.entry_names(entry)
    if " ".join(words) in names:
        return True
    return any(
        len(parts) >= 2 and parts[0] == words[0] and parts[-1] == words[-1]
        for parts in (name.split() for name in names)
    )


def _descriptions(doc: Doc, span: _Span) -> list[tuple[list[Token], Token]]:
    """The descriptions of a mention: the title before it ("Home Secretary Charles Clarke"), an
    apposition ("X, the shadow chancellor"; "the Tory leader, X"), each with its head noun."""
    found: list[tuple[list[Token], Token]] = []
    start = span.start
    sent_start = doc[start].sent.start
    j = start - 1
    while j >= sent_start and (doc[j].pos_ not in STOP_POS or doc[j].text in ("-", "'s", "'", "’s", "’")):
        if doc[j].dep_ == "det":
            break
        j -= 1
    title = [t for t in doc[j + 1 : start] if t.text not in ("-",)]
    if title and any(t.pos_ in ("NOUN", "PROPN", "ADJ") for t in title):
        head = title[-1]
        if head.text in ("'s", "'", "’s", "’"):
            head = title[-2] if len(title) >= 2 else head
        found.append((list(doc[j + 1 : start]), head))
    name_head = doc[start : span.end].root
    for child in name_head.children:
        if child.dep_ == "appos" and child.i > name_head.i and child.pos_ in ("NOUN", "PROPN"):
            found.append((_phrase(child), child))
    if name_head.dep_ == "appos" and name_head.head.i < start and name_head.head.pos_ == "NOUN":
        found.append((_phrase(name_head.head), name_head.head))
    for child in name_head.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            found.extend((list(g.subtree), g) for g in child.children if g.dep_ == "pobj")
    return found


def _phrase(head: Token) -> list[Token]:
    """A description's words: the noun, its modifiers and its of/to/in/at phrases."""
    tokens = [head]
    stack = [c for c in head.children if c.dep_ not in ("relcl", "acl", "appos", "punct", "cc", "conj")]
    while stack:
        token = stack.pop()
        tokens.append(token)
        stack.extend(c for c in token.children if c.dep_ not in ("relcl", "acl", "appos", "punct"))
    return sorted(tokens, key=lambda t: t.i)


def describe(
    lex: Lexicon,
    tokens: list[Token],
    head: Token,
    names: dict[int, NameMatch],
    day: date,
    article_country: str = "",
) -> Actor | None:
    """The actor a description gives a person: the head noun decides the role ("courts minister" is
    GOV); a party's leader or spokesperson acts for the party; an organisation's officer for the
    organisation; a country among the words gives the country; "former" makes an elite (ELI)."""
    found = lex.actors.role_of(head)
    role = found[0] if found is not None else None
    office_words = {t.lower_ for t in (head.doc[found[1] : head.i + 1] if found else [head])}
    office_words.add(head.lemma_.lower())
    country = party = organisation = None
    for token in tokens:
        match = names.get(token.i)
        if match is None:
            continue
        ref = lex.actors.pick(match.refs, day)
        entry = lex.actors.entries[ref.entry]
        if entry.kind == "person":
            continue
        actor = lex.actors.actor(ref, day, "")
        if entry.kind == "state" and not actor.role:
            country = country or actor
        elif entry.kind == "group" and actor.role in PARTY_ROLES:
            party = party or actor
        else:
            organisation = organisation or actor
    if organisation is None:
        organisation = _unlisted_organisation(lex, tokens, article_country)  # "of the League Against ..."
    if country is None:
        country = _place_country(lex, tokens, names)  # "the MP for Grantham and Stamford": GBR
    lowered = {t.lower_ for t in tokens}
    home = country or party or organisation
    if lowered & lex.former_words and (role is not None or office_words & lex.org_offices):
        return _with(home, "ELI")  # "former minister", "former civil service chief"; not "a former neighbour"
    if SHADOW in lowered:
        return _with(party or home, "OPP")
    if party is not None:
        if role in ("LEG", "JUD", "MIL", "COP", "ELI"):
            return _with(party, role)
        if role is None or office_words & lex.party_offices:
            return party
        return _with(party, role)
    if organisation is not None and (role is None or office_words & lex.org_offices):
        return organisation
    if country is not None:
        return country.with_role(role) if role else country
    if role is not None:
        label = lex.actors.role_labels.get(role, role)
        return Actor(role, label, "", role, "role")
    return None


def _unlisted_organisation(lex: Lexicon, tokens: list[Token], home: str) -> Actor | None:
    """An organisation the dictionaries lack, named in a description by the last word of its name ("Mike
    Hobday of the League Against Cruel Sports": GBRNGO), of the article's `home` country (none without)."""
    if not home:
        return None
    for token in tokens:
        role = lex.actors.name_heads.get(token.lower_)
        if role is None or token.pos_ != "PROPN" or token.ent_type_ != "ORG":
            continue
        words = [t for t in tokens if t.ent_type_ == "ORG" and t.text[:1].isupper() and t.lower_ != "the"]
        if len(words) >= 2:
            name = " ".join(t.text for t in words)
            return Actor(home + role, name, home, role, "group")
    return None


# Smallest town a word spaCy does not tag as a place stands for ("the MP for Grantham", 45,000 people).
MIN_TOWN = 30000
# Prepositions whose place is not where the person belongs: "ambassador to Washington", "envoy from Paris".
OTHER_PLACE_PREPS = frozenset({"to", "from", "against", "with", "toward", "towards"})


def _place_country(lex: Lexicon, tokens: list[Token], names: dict[int, NameMatch]) -> Actor | None:
    """The country of the first place a description names ("the MP for Grantham and Stamford", "the
    mayor of Middlesbrough"), not a place the person is sent to or comes from."""
    words = {t.i for t in tokens}
    for token in tokens:
        tagged = token.ent_type_ in ("GPE", "LOC")
        if token.i in names or token.ent_iob_ == "I" or not (tagged or token.pos_ == "PROPN"):
            continue  # inside an entity its first word looks it up; spaCy tags some towns as people
        if not tagged and (token.text.isupper() or token.ent_type_ not in ("", "PERSON")):
            continue  # "the BBC's": an acronym or an organisation is no town
        governor = token.head
        while governor.i in words and governor.pos_ != "ADP" and governor.head is not governor:
            governor = governor.head
        if governor.pos_ == "ADP" and governor.lower_ in OTHER_PLACE_PREPS:
            continue
        end = token.i + 1
        while end < len(token.doc) and token.doc[end].ent_iob_ == "I":
            end += 1
        place = lex.places.lookup(token.doc[token.i : end].text)
        if place is not None and place.country and (tagged or place.population >= MIN_TOWN or place.is_country):
            return lex.actors.country_actor(place.country, "")
    return None


def _with(actor: Actor | None, role: str) -> Actor:
    if actor is None or not actor.country:
        return Actor(role, role, "", role, "role")
    return Actor(actor.country + role, actor.name, actor.country, role, "state")


def _titles(lex: Lexicon, head: Token) -> set[str]:
    """The office a description names, as the words "the X" would use ("chancellor", "home secretary")."""
    found = lex.actors.role_of(head)
    if found is None:
        return set()
    doc = head.doc
    phrase = " ".join(t.lemma_.lower() for t in doc[found[1] : head.i + 1])
    return {phrase, head.lemma_.lower()}


def _noun_gender(lex: Lexicon, tokens: list[Token]) -> str:
    words = {t.lower_ for t in tokens} | {t.lemma_.lower() for t in tokens}
    if words & lex.female_nouns:
        return "f"
    if words & lex.male_nouns:
        return "m"
    return ""


# --- names inside longer names ------------------------------------------------------------------------------

# Entity types of names of things and bodies, inside which a dictionary name is part of another name.
NAMED_THINGS = frozenset({"ORG", "FAC", "WORK_OF_ART", "PRODUCT", "EVENT"})


def whole_names(lex: Lexicon, doc: Doc, names: dict[int, NameMatch]) -> dict[int, NameMatch]:
    """`names` without the dictionary names that are only part of a longer name: "Security Council" in
    "National Security Council" (not the UN's), "Washington" in "Washington Post" (a newspaper, not the
    government). People are left to `find_people`."""
    kept: dict[int, NameMatch] = {}
    for match in {id(m): m for m in names.values()}.values():
        kinds = {lex.actors.entries[ref.entry].kind for ref in match.refs}
        if "person" in kinds or not _part_of_longer_name(lex, doc, match, names, kinds):
            for i in range(match.start, match.end):
                kept[i] = match
    return kept


def _part_of_longer_name(
    lex: Lexicon, doc: Doc, match: NameMatch, names: dict[int, NameMatch], kinds: set[str]
) -> bool:
    first = doc[match.start]
    if first.ent_type_ not in NAMED_THINGS:
        return False
    before = doc[match.start - 1] if match.start > 0 else None
    if (
        before is not None
        and "group" not in kinds  # "Arundel and South Downs Tories" are the Tories
        and first.ent_iob_ == "I"
        and before.i not in names
        and before.pos_ == "PROPN"
        and before.text[:1].isupper()
        and lex.actors.role_of(before) is None
    ):
        return True  # "National Security Council"
    after = doc[match.end] if match.end < len(doc) else None
    # "Washington Post", "Westminster Hour": a capital or an organ of the state that names a newspaper
    # or a programme is not that organ ("the Sudan Armed Forces", "China Daily" keep their country)
    return (
        all(ref.how == "government" or split_code(lex.actors.entries[ref.entry].code)[1] for ref in match.refs)
        and after is not None
        and after.ent_iob_ == "I"
        and after.i not in names
        and after.pos_ == "PROPN"
        and after.text[:1].isupper()
        and lex.actors.role_of(after) is None
    )


# --- names that count only in an article about their country ------------------------------------------------


def local_names(lex: Lexicon, doc: Doc, names: dict[int, NameMatch], day: date) -> dict[int, NameMatch]:
    """`names` with the local names ("Labour", "the Conservatives", "Democrats": `local_names` of an
    entry) kept only where the article is about the entry's country: the country its other names name
    most, or, with no other country named, the one two different local names agree on."""
    counts: Counter[str] = Counter()
    local: dict[str, set[int]] = {}
    for match in {id(m): m for m in names.values()}.values():
        for ref in match.refs:
            country = _country(lex, ref.entry, day)
            if ref.how == "local":
                local.setdefault(country, set()).add(ref.entry)
        if _person_match(lex, match) and (
            match.end - match.start == 1 or doc[match.start].lower_ in lex.honorific_gender
        ):
            continue  # a surname is no evidence of the article's country ("Mr Howard")
        if not all(ref.how == "local" for ref in match.refs):
            country = _country(lex, lex.actors.pick(match.refs, day).entry, day)
            if country:
                counts[country] += 1
    if counts:
        top = max(counts.values())
        countries = {c for c, n in counts.items() if n == top}
    else:
        countries = {c for c, entries in local.items() if len(entries) >= 2}
    kept: dict[int, NameMatch] = {}
    for i, match in names.items():
        refs = tuple(r for r in match.refs if r.how != "local" or _country(lex, r.entry, day) in countries)
        if refs:
            kept[i] = match if len(refs) == len(match.refs) else NameMatch(match.start, match.end, refs)
    # one NameMatch object per name, as find_names gives
    by_start: dict[int, NameMatch] = {}
    for i, match in kept.items():
        kept[i] = by_start.setdefault(match.start, match)
    return kept


def _country(lex: Lexicon, entry: int, day: date) -> str:
    return split_code(lex.actors.entries[entry].code_on(day))[0]


# --- the dictionary names left ------------------------------------------------------------------------------


def _names_left(
    lex: Lexicon, names: dict[int, NameMatch], by_token: dict[int, PersonMention], day: date
) -> dict[int, NameMatch]:
    """The dictionary names without the person names that stand for someone else in this article."""
    left: dict[int, NameMatch] = {}
    for i, match in names.items():
        if _person_match(lex, match):
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
