"""Nominal events: who takes part in an event noun that no verb of its own carries.

An event noun with no light verb ("the talks", "the opposition") is coded only when its actors are
explicit. Besides the possessor and the "by" phrase (`sources.noun_sources`), news names them as:

- the parties "between X and Y" of a meeting noun: "talks between Iran and the United States" (X and Y
  act on each other);
- the actor a noun comes "from": "opposition from Tory MPs", "threats from Donald Trump" (not where
  "from" is a place: "withdrawal from Iraq", "deportation from the kingdom");
- the subject of the clause a meeting phrase introduces: "After talks with South Korean leaders, Baldrige
  left" (Baldrige held the talks), also through the occasion it dates ("In a press conference after talks
  with South Korean leaders, Baldrige said");

and the one a noun is done to as the subject of a verb of undergoing (`@UNDERGO`): "the government is
facing opposition from Tory MPs" (the MPs oppose the government).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from transforms.actors import Actor
from transforms.cameo import is_from_a_place, is_meeting
from transforms.coder.lexicon import Lexicon
from transforms.coder.mentions import resolve_all
from transforms.coder.mode import is_negated
from transforms.coder.model import ArticleState, Trigger
from transforms.coder.names import PRONOUNS_PERSON
from transforms.coder.parse import prep_objects

# Prepositions that place a meeting before, at or after what the clause reports: "after talks with X, Y left".
OCCASION_PREPS = frozenset({"after", "following", "before", "during", "ahead"})


def party_sources(lex: Lexicon, trigger: Trigger, sent: Span, state: ArticleState) -> list[Actor]:
    """The actors of an event noun named by its phrases, when neither a possessor nor "by" names one."""
    noun = trigger.noun
    if noun is None:
        return []
    if trigger.pattern.symmetric and is_meeting(trigger.pattern.code):
        # meetings and talks "between X and Y" are news of the day; a ceasefire, an agreement or cooperation
        # "between X and Y" is mostly a standing one ("to oversee a ceasefire between Ethiopia and Eritrea")
        for pobj in prep_objects(noun, ("between",)):
            parties = resolve_all(lex, pobj, sent, state, "source")
            if len(parties) >= 2:
                return parties
    if "from" not in trigger.pattern.targets and not is_from_a_place(trigger.pattern.code):
        # "opposition from Tory MPs"; not "withdrawal from Iraq", "deportation of nurses from the kingdom"
        verb = undergoing_verb(lex, noun) if trigger.light is None else None
        for holder in (noun, *([verb] if verb is not None else [])):  # "has drawn criticism from France"
            for pobj in prep_objects(holder, ("from",)):
                actors = resolve_all(lex, pobj, sent, state, "source")
                if actors:
                    return actors
    if trigger.pattern.symmetric and "with" in trigger.pattern.targets and _has_party(noun):
        return occasion_subject(lex, noun, sent, state)
    return []


def occasion_subject(lex: Lexicon, noun: Token, sent: Span, state: ArticleState) -> list[Actor]:
    """ "After talks with X, Y left": the subject of the clause a meeting phrase is attached to (only when
    the noun's own possessor is no one else: "after his meeting with X, Y said")."""
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is not None and owner.lower_ not in PRONOUNS_PERSON:
        return []
    prep = noun.head
    if noun.dep_ == "pobj" and prep.lower_ == "of" and prep.head.lower_ == "ahead":
        prep = prep.head  # "ahead of talks with X"
    if noun.dep_ != "pobj" or prep.lower_ not in OCCASION_PREPS:
        return []
    verb = prep.head
    if verb.pos_ == "NOUN" and verb.dep_ == "pobj" and verb.head.dep_ == "prep":
        verb = verb.head.head  # "At a news conference after talks with X, Y said": the occasion of the clause
    if verb.pos_ not in ("VERB", "AUX") or prep.dep_ != "prep" or not (sent.start <= verb.i < sent.end):
        return []
    for child in verb.children:
        if child.dep_ == "nsubj":
            return resolve_all(lex, child, sent, state, "source")
    return []


def undergoer(lex: Lexicon, trigger: Trigger, sent: Span, state: ArticleState) -> list[Actor]:
    """ "The government is facing opposition from Tory MPs": who undergoes the event noun (the subject of
    a verb of `@UNDERGO` whose object it is)."""
    noun = trigger.noun
    verb = undergoing_verb(lex, noun) if noun is not None and trigger.light is None else None
    if verb is None or is_negated(lex, verb):
        return []  # "had not received any request from X"
    if trigger.pattern.mode == "intent" and not any(c.dep_ in ("acl", "relcl") for c in noun.children):
        return []  # "received takeover offers from companies": an offer of nothing said
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return resolve_all(lex, child, sent, state, "target")
    return []


def undergoing_verb(lex: Lexicon, noun: Token) -> Token | None:
    """The verb of `@UNDERGO` whose object `noun` is ("faces opposition", "came under fire", "met with
    criticism")."""
    verb = noun.head
    if noun.dep_ == "pobj" and verb.lower_ in ("under", "with"):
        verb = verb.head
    elif noun.dep_ != "dobj":
        return None
    return verb if verb.lemma_.lower() in lex.undergo_verbs else None


def _has_party(noun: Token) -> bool:
    """Whether a meeting noun names the other party ("talks with South Korean leaders")."""
    return any(True for _ in prep_objects(noun, ("with",)))
