"""Who a person of the article is: the dictionary's person when the full name is a dictionary name, else
what the article's description of them says ("Home Secretary Charles Clarke", "Tory leader Michael Howard",
"Ed Balls, ex-chief economic adviser to the Treasury", "Foreign Minister X of Y"). The people's mentions
are found in transforms/coder/person_spans.py and linked in transforms/coder/people.py.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from transforms.actors import Actor, NameMatch, split_code
from transforms.coder.lexicon import Lexicon

if TYPE_CHECKING:
    from transforms.coder.people import Person
    from transforms.coder.person_spans import PersonSpan

SHADOW = "shadow"  # "shadow chancellor": the opposition's spokesperson for that office
# Honorifics and their gender (@HONORIFIC_MALE, @HONORIFIC_FEMALE, @HONORIFIC), words of a description
# that say the person no longer holds the office (@FORMER: "ex-chief economic adviser"), offices a party
# or an organisation gives (@PARTY_OFFICE: "Tory leader", "Lib Dem spokesman"; @ORG_OFFICE besides:
# "FBI Director", "CBI director general") and nouns of one gender (@FEMALE, @MALE) are word classes of
# verbs.tsv, read through the Lexicon.
PARTY_ROLES = frozenset({"GOV", "OPP", "PTY"})
STOP_POS = frozenset({"DET", "ADP", "VERB", "AUX", "PRON", "CCONJ", "SCONJ", "PUNCT", "NUM", "SPACE", "PART"})


# --- who each person is -------------------------------------------------------------------------------------


def identify(
    lex: Lexicon,
    doc: Doc,
    person: Person,
    spans: list[tuple[PersonSpan, Person]],
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


def _descriptions(doc: Doc, span: PersonSpan) -> list[tuple[list[Token], Token]]:
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
        actor = lex.actors.actor(ref, day, "")
        if entry.kind == "person":
            # "head of the Clinton campaign's research division" acts for a party of Clinton's country;
            # other people a description names ("aide to Mr Blair") give it nothing
            if party is None and actor.country and _campaign_of(lex, token.doc[match.start : match.end]):
                party = Actor(actor.country + "PTY", f"{entry.name} campaign", actor.country, "PTY", "group")
            continue
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


def _campaign_of(lex: Lexicon, name: Span) -> bool:
    """Whether a person's name modifies a campaign noun: "the Clinton campaign", "Trump's campaign"."""
    root = name.root
    return root.dep_ in ("compound", "poss") and root.head.lemma_.lower() in lex.campaign_nouns


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
        while governor.i in words and governor.pos_ != "ADP" and governor.head.i != governor.i:
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
