"""The coder's data model: what it knows about an article, what it matched, what it found, what it returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from spacy.tokens import Token

from transforms.actors import Actor, NameMatch
from transforms.places import Place
from transforms.verbs import Pattern

if TYPE_CHECKING:
    from transforms.coder.people import PersonMention


@dataclass(frozen=True)
class ArticleContext:
    """What the coder knows about an article besides its text."""

    article_id: str
    published: date  # publication date; the ingest date when the article had none
    ingest_date: date
    publisher: str | None = None


@dataclass
class CodingResult:
    events: list[dict] = field(default_factory=list)  # EVENTS columns except ingest_date
    unresolved: list[dict] = field(default_factory=list)  # UNRESOLVED columns except ingest_date


@dataclass
class Trigger:
    """A matched pattern on one token of a sentence."""

    token: Token
    pattern: Pattern
    words: list[Token]  # the action's words: verb, particle, object, preposition
    noun: Token | None = None  # the event noun when the pattern is a noun's
    light: Token | None = None  # the light verb carrying the noun ("held talks")


@dataclass
class Candidate:
    """A trigger coded: its event code, actors and confidence, before it is written as rows."""

    trigger: Trigger
    code: str
    sources: list[Actor]
    targets: list[Actor]
    negated: bool
    confidence: float
    words: list[Token]
    unnamed: bool = False  # the targets are people no one names: without a country, no target (not no event)


@dataclass
class ArticleState:
    """What the coder has learned about the article so far: names, speakers, dates, countries."""

    ctx: ArticleContext
    names: dict[int, NameMatch]
    name_starts: list[NameMatch]
    dominant_country: str
    speaker: Actor | None = None
    speaker_gender: str = ""  # the speaker's gender when a person, for "he said" / "she said"
    speaker_at: int = 0  # token index of the speaker's phrase: a person named after it speaks now
    sentence_index: int = 0
    skip_before: int = 0  # first token after a dateline prefix ("KUNDUZ, Afghanistan —")
    # acts coded so far, by the lemma of their words, for "the launch" and "the attack" later on
    acts: list[tuple[int, str, list[Actor]]] = field(default_factory=list)
    dateline: date | None = None
    # the day of the article's recent violence: the earliest day of the week before publication a verb of
    # force is dated to; its undated acts of force are of that day (an attack on Thursday night reported on
    # Friday)
    violence_day: date | None = None
    places: list[tuple[int, Place]] = field(default_factory=list)  # every place named so far, in order
    resolved_people: list[tuple[int, Actor]] = field(default_factory=list)
    resolved_other: list[tuple[int, Actor]] = field(default_factory=list)
    # "he" and "she" as subjects, once resolved: whom each refers to (None: no one the coder knows)
    pronoun_people: dict[int, Actor | None] = field(default_factory=dict)
    unresolved: dict[tuple[int, str, str], dict] = field(default_factory=dict)
    # who the quote open at the end of the last sentence is by ('X said: "A. B."': B is X's too)
    quote_speakers: list[Actor] = field(default_factory=list)
    quote_open: bool = False
    # sport words or a score somewhere in the article: a city's name there is a team ("Dortmund attacked")
    sport_context: bool = False
    # the article's people: which person each name, surname or "Mr X" stands for (transforms/coder/people.py)
    people: dict[int, PersonMention] = field(default_factory=dict)
    person_mentions: list[PersonMention] = field(default_factory=list)
    sentence_of: list[int] = field(default_factory=list)  # the coder's sentence index of each token
    furniture: frozenset[int] = frozenset()  # tokens of page furniture: no one is read from them
    # what a `Mention` read of a phrase (its text, role, modifier names), by what, head and sentence
    mention_reads: dict[tuple[str, int, int, int], object] = field(default_factory=dict)
