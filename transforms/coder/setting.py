"""The setting of an event: its date, its place and the country an actor without one belongs to.

Dates come from the sentence (transforms/dates.py) or the article's dateline, else the publication date;
places from the offline gazetteer (transforms/places.py); a role with no country ("police", "the
president") takes the one the sentence or the article makes clear.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from dataclasses import replace
from datetime import date, timedelta

import numpy
from spacy.attrs import ENT_TYPE, POS
from spacy.symbols import NOUN, PROPN
from spacy.tokens import Doc, Span, Token

from transforms.actors import Actor, NameMatch
from transforms.cameo import is_material, is_violent
from transforms.coder.lexicon import Lexicon
from transforms.coder.model import ArticleState, Candidate
from transforms.coder.parse import entity_root, entity_text, governing_verb, maybe_city
from transforms.dates import DateMention
from transforms.doc_memo import doc_words, per_document
from transforms.places import Place

# Roles a domestic actor takes from the other side of its event ("police detained protesters").
DOMESTIC_ROLES = frozenset(
    {"CVL", "OPP", "EDU", "LAB", "BUS", "MED", "REF", "CRM", "COP", "JUD", "LEG", "REB", "AGR", "HLH",
     "REL", "JRN", "UAF", "INS", "SEP", "PTY", "ELI", "SOC", "HRI", "ENV", "MOD", "RAD"}
)  # fmt: skip
PLACE_PREPS_STRICT = ("in", "near", "at", "inside", "across", "outside", "around")
PLACE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "across", "into", "around", "over", "on"})
GEO_ENTS = frozenset({"GPE", "LOC", "FAC"})
MIN_UNTAGGED_CITY = 100_000
# A dateline stands among an article's first sentences (after a headline, a byline, a scraped page's menu).
DATELINE_SENTENCES = 6
# What an article reports happened in the week before it: a mention dated only by the article is the same
# happening as a stated date of this recent (not the launch "in 1998" it recalls), and an act of force
# dated this recent is the news it reports.
RECENT_DAYS = 7


# --- the article -------------------------------------------------------------------------------------


def dominant_country(lex: Lexicon, starts: list[NameMatch], day: date) -> str:
    """The country the article is about: the one its state and person names name most, by twice the next."""
    counts: Counter[str] = Counter()
    for match in starts:
        actor = lex.actors.actor(lex.actors.pick(match.refs, day), day, "")
        if actor.country and actor.kind in ("state", "person"):
            counts[actor.country] += 1
    if not counts:
        return ""
    ranked = counts.most_common(2)
    if len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]:
        return ranked[0][0]
    return ""


# --- dates ---------------------------------------------------------------------------------------------


def note_dateline(sent: Span, dates: list[DateMention], state: ArticleState) -> None:
    """A short line without a finite verb ("March 3, 2023", "Published Monday 2 October"), or one opening
    with a capitalised place, that gives a day dates the article; "Russia attacked Ukraine on Monday." is
    no dateline, nor is a date further down (a video's caption "(Sept. 29)")."""
    if not dates or dates[0].precision != "day" or state.sentence_index >= DATELINE_SENTENCES:
        return
    first = dates[0]
    words = [t for t in sent if not t.is_punct and not t.is_space]
    offset = first.token.i - sent.start
    verbless = not any(t.pos_ in ("VERB", "AUX") and t.tag_ != "VBN" for t in words)
    if (len(words) <= 8 and verbless) or (offset <= 5 and sent[0].text.isupper() and len(sent[0].text) > 1):
        state.dateline = first.day


def event_date(
    token: Token, sent: Span, dates: list[DateMention], state: ArticleState
) -> tuple[date, str, str]:
    """The date of the action at `token`, where it came from ("sentence" or "article") and how exact it is
    (transforms/dates.py: `day`, `week`, `month`, `year`; `article` when only the article's date is known).
    A day's possessive dates its noun, not the clause around it ("will send aid after Friday's
    earthquake"), unless that noun is the clause's subject ("Tuesday's attack killed 20")."""
    dates = [m for m in dates if not _dates_a_noun_only(m.token)]
    if dates:
        governors = [token]
        current = token
        while current.head.i != current.i and sent.start <= current.head.i < sent.end:
            current = current.head
            governors.append(current)
        for governor in governors:
            for mention in dates:
                if governing_verb(mention.token, sent) == governor:
                    return mention.day, "sentence", mention.precision
        if not any(governing_verb(m.token, sent) is not None for m in dates):
            return dates[0].day, "sentence", dates[0].precision
    if state.dateline is not None:
        return state.dateline, "article", "article"
    return state.ctx.published, "article", "article"


def note_violence_day(token: Token, sent: Span, dates: list[DateMention], state: ArticleState) -> None:
    """Note the day a verb of force at `token` is dated to by its sentence, when that day is of the week
    before publication: the earliest such day is the attack the article reports (its aftermath, "debris
    is scattered on the ground Monday", comes later)."""
    if not dates:
        return
    day, source, precision = event_date(token, sent, dates, state)
    published = state.ctx.published
    if (
        source != "sentence"
        or precision != "day"
        or not published - timedelta(days=RECENT_DAYS) <= day <= published
    ):
        return
    if state.violence_day is None or day < state.violence_day:
        state.violence_day = day


def violence_date(code: str, when: tuple[date, str, str], state: ArticleState) -> tuple[date, str, str]:
    """The date of an act of force its sentence does not date: the day of the article's recent violence
    (`note_violence_day`) rather than the publication date ("Police shot the driver" in a report, published
    on Friday, of a truck attack on Thursday night)."""
    if when[1] != "article" or state.violence_day is None or not is_violent(code):
        return when
    return state.violence_day, "article", "day"


def _dates_a_noun_only(token: Token) -> bool:
    return token.dep_ == "poss" and token.head.dep_ not in ("nsubj", "nsubjpass")


# --- places --------------------------------------------------------------------------------------------


def sentence_places(lex: Lexicon, sent: Span, state: ArticleState) -> list[tuple[int, Place]]:
    """The places a sentence names (named entities the gazetteer or the country list knows)."""
    found: list[tuple[int, Place]] = []
    doc = sent.doc
    words = _place_words(doc)
    first = bisect_left(words, sent.start)
    for i in words[first : bisect_left(words, sent.end, first)]:
        token = doc[i]
        if token.ent_type_ not in GEO_ENTS and maybe_city(token) and token.i not in state.names:
            # a city the tagger did not mark ("Kharkiv was attacked"): only the large ones
            place = lex.places.lookup(token.text)
            if place is not None and place.population >= MIN_UNTAGGED_CITY:
                found.append((token.i, place))
            continue
        if token.ent_type_ not in GEO_ENTS or token.ent_iob_ != "B":
            continue
        place = lex.places.lookup(entity_text(token))
        match = state.names.get(token.i)
        if match is not None:
            ref = lex.actors.pick(match.refs, state.ctx.published)
            entry = lex.actors.entries[ref.entry]
            if entry.kind == "state" and ref.how == "name" and len(entry.code) == 3:
                place = lex.places.country_place(entry.code, entry.name)
            elif ref.how == "adjective":
                place = None
        if place is not None:
            found.append((token.i, place))
    return found


@per_document
def _place_words(doc: Doc) -> list[int]:
    """The indices of the words of `doc` that may name a place for `sentence_places`, in order: the words
    of a place entity, and capitalised nouns and proper nouns (what `maybe_city` can take for a city), read
    from arrays of the document's tags (no Token object per word)."""
    if not len(doc):
        return []
    strings = doc.vocab.strings
    words = doc_words(doc)
    pos, ent_type = words.column(POS), words.column(ENT_TYPE)
    # numpy compares the tag arrays (no Python step per word but to list the entity labels): the
    # words of place entities, then the capitalised ones among the other nouns and proper nouns
    place = numpy.zeros(len(doc), dtype=bool)
    for label in set(ent_type.tolist()):
        if strings[label] in GEO_ENTS:
            place |= ent_type == label
    nouns = numpy.flatnonzero(((pos == NOUN) | (pos == PROPN)) & ~place).tolist()
    text = words.text
    place[[i for i in nouns if text[i][:1].isupper()]] = True
    found: list[int] = numpy.flatnonzero(place).tolist()
    return found


def action_place(lex: Lexicon, sent: Span, candidate: Candidate, state: ArticleState) -> Place | None:
    """Where the action happened: a place after "in", "at", "near" ..., else any place in the sentence,
    else, for material actions, the target's country."""
    in_sentence = [(i, place) for i, place in state.places if sent.start <= i < sent.end]
    for i, place in in_sentence:
        head = entity_root(sent.doc[i])
        if head.dep_ == "pobj" and head.head.lower_ in PLACE_PREPS:
            return place
    if in_sentence:
        return in_sentence[0][1]
    code = candidate.code
    if is_material(code) and candidate.targets:
        country = candidate.targets[0].country
        if country:
            return lex.places.country_place(country, lex.actors.country_name(country))
    return None


def perpetrator_place(lex: Lexicon, sent: Span, place: Place | None, state: ArticleState) -> Place | None:
    """Where an act's doer is from when the text gives no country ("the suicide attacker rammed his car
    into the wall of the German consulate in the city"): the place the sentence names, else the country
    the article is about, else the last place it named before; not the country of the one attacked (the
    fallback of `action_place`). No place at all stays none."""
    if place is None or any(sent.start <= i < sent.end for i, _ in state.places):
        return place
    if state.dominant_country:
        return lex.places.country_place(
            state.dominant_country, lex.actors.country_name(state.dominant_country)
        )
    return latest_place(state.places, sent.start) or place


def place_of(lex: Lexicon, token: Token) -> Place | None:
    """The gazetteer entry of the place name `token` is part of."""
    if token.ent_iob_ == "O":
        text = token.text
    else:
        start = token.i
        while start > 0 and token.doc[start].ent_iob_ == "I":
            start -= 1
        end = token.i + 1
        while end < len(token.doc) and token.doc[end].ent_iob_ == "I":
            end += 1
        text = token.doc[start:end].text
        if text.lower().startswith("the "):
            text = text[4:]
    return lex.places.lookup(text)


def is_city(lex: Lexicon, text: str) -> bool:
    place = lex.places.lookup(text[4:] if text.lower().startswith("the ") else text)
    return place is not None and not place.is_country


def latest_place(places: list[tuple[int, Place]], before: int) -> Place | None:
    """The last place named before token `before`."""
    found = None
    for i, place in places:
        if i >= before:
            break
        found = place
    return found


# --- countries -----------------------------------------------------------------------------------------


def is_individual(actor: Actor) -> bool:
    """One private person known by a nationality ("a Tunisian man": transforms/coder/mentions.py)."""
    return actor.kind == "person" and actor.role == "CVL"


def attack_scene(doers: list[Actor], sent: Span, place: Place | None, state: ArticleState) -> Place | None:
    """Where a private person's act of force happened: not the country their nationality names ("a native
    of Tunisia and resident of Nice drove into a crowd") when the sentence names a place of another."""
    nationalities = {a.country for a in doers if is_individual(a)}
    if place is None or place.country not in nationalities:
        return place
    others = (p for i, p in state.places if sent.start <= i < sent.end and p.country not in ("", *nationalities))
    return next(others, place)


def armed_individual(actor: Actor, place: Place | None, state: ArticleState) -> Actor:
    """A private person using force ("a Tunisian man drove into the crowd in Nice") is a criminal (CRM) of
    the country where it happened (`attack_scene`), else of the article's, else their own: an attacker's
    nationality is not the state."""
    if not is_individual(actor):
        return actor
    country = (place.country if place is not None else "") or state.dominant_country or actor.country
    return replace(actor, code=country + "CRM", country=country, role="CRM")


def fill_country(
    actor: Actor,
    same_side: list[Actor],
    other_side: list[Actor],
    place: Place | None,
    state: ArticleState,
    material: bool = False,
) -> Actor:
    """A role with no country named ("police", "the president") gets the one the sentence or the
    article makes clear: a co-ordinated actor's ("the militants and the Nigerian government"), the
    place's, the other side's for domestic roles ("police detained protesters"), the article's."""
    if actor.country or not actor.role or actor.kind not in ("role", "person"):
        return actor
    for other in same_side:
        if other is not actor and other.country and other.kind in ("state", "person", "role"):
            return actor.with_country(other.country)
    if (actor.role in DOMESTIC_ROLES or material) and actor.kind == "role":
        # "declared a state of siege in Haiti", "police in Minsk": the place's country
        if place is not None and place.country:
            return actor.with_country(place.country)
        for other in other_side:
            # "police detained protesters": a domestic actor facing another, both with roles
            if other.country and other.role and other.kind in ("state", "person", "role"):
                return actor.with_country(other.country)
    if state.dominant_country:
        return actor.with_country(state.dominant_country)
    return actor
