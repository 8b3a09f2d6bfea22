"""Anaphora: whom a pronoun ("he", "it", "they", "we") or a definite description ("the country", "the
territory") refers back to, and who is speaking.

A pronoun's antecedent is a mention resolved by transforms/coder/mentions.py, and a mention may be a
pronoun: this module calls `mentions.resolve` through `resolve_mention`, which imports it when called.
Whom "he" or "she" refers to when no speaker or clause above says, and `resolve_mention`, are in
transforms/coder/person_pronouns.py.
"""

from __future__ import annotations

from dataclasses import replace
from itertools import compress
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from transforms.actors import Actor
from transforms.coder.lexicon import Lexicon
from transforms.coder.model import ArticleState
from transforms.coder.names import (
    PRONOUNS_FEMALE,
    PRONOUNS_OTHER,
    PRONOUNS_PERSON,
    PRONOUNS_PLURAL,
    PRONOUNS_SPEAKER,
    earlier_actor,
    earlier_names,
)
from transforms.coder.person_pronouns import bound_people, earlier_person, resolve_mention
from transforms.coder.setting import latest_place
from transforms.doc_memo import doc_words

if TYPE_CHECKING:
    from transforms.coder.mentions import Mention
    from transforms.coder.people import PersonMention


# --- definite descriptions (readers of MENTION_READERS) ---------------------------------------------------


def definite_actor(m: Mention) -> list[Actor] | None:
    """ "the country", "the alliance": the actor of that kind named before."""
    if m.lemma not in m.lex.definite_kinds or not m.definite:
        return None
    earlier = earlier_actor(m.lex, m.head, m.state, m.lex.definite_kinds[m.lemma])
    return [replace(earlier, text=m.text)] if earlier is not None else None


def definite_place(m: Mention) -> list[Actor] | None:
    """ "the territory", "the region": the country of the place named before."""
    if m.lemma not in m.lex.place_words or not m.definite:
        return None
    place = latest_place(m.state.places, m.head.i)
    if place is not None and place.country:
        return [m.lex.actors.country_actor(place.country, m.text)]
    return None


def definite_half(m: Mention) -> list[Actor] | None:
    """ "the North", "the South": the country named before whose name begins with the word ("North
    Korea"), as Korea stories call the two states; not "the north of the country" (lower case)."""
    if m.lemma not in m.lex.country_halves or not m.definite or not m.head.text[:1].isupper():
        return None
    if any(c.dep_ in ("compound", "amod") for c in m.head.children):
        return None
    for _, actor in earlier_names(m.lex, m.head, m.state):
        name = m.lex.actors.country_name(actor.country) if actor.country else ""
        if name.split()[:1] == [m.head.text.capitalize()] and len(name.split()) == 2:
            return [m.lex.actors.country_actor(actor.country, m.text)]
    return None


# --- pronouns and speakers --------------------------------------------------------------------------------


def pronoun(lex: Lexicon, token: Token, sent: Span, state: ArticleState) -> list[Actor]:
    """Whom a personal pronoun refers to (`_pronoun`); a "he" or "she" subject is remembered, for the
    pronouns after it ("He ... He ...": the topic goes on)."""
    remembered = token.lower_ in PRONOUNS_PERSON and token.dep_ in ("nsubj", "nsubjpass")
    if remembered and token.i in state.pronoun_people:
        known = state.pronoun_people[token.i]
        return [replace(known, text=token.text)] if known is not None else []
    found = _pronoun(lex, token, sent, state)
    if remembered:
        state.pronoun_people[token.i] = found[0] if found else None
    return found


def _pronoun(lex: Lexicon, token: Token, sent: Span, state: ArticleState) -> list[Actor]:
    """Whom a personal pronoun refers to: the speaker for "we", a saying verb's subject ("Mr Balls said
    he ..."), the main clause's subject, else the nearest compatible actor named before: a person of the
    pronoun's gender for "he" and "she", a state or body for "it". When the nearest compatible
    antecedent is nobody the coder can code, the pronoun resolves to no one rather than to an older name."""
    lower = token.lower_
    if lower in PRONOUNS_SPEAKER:
        speaker = speaker_in_sentence(lex, token, state) or state.speaker
        return [speaker] if speaker else []
    if lower not in PRONOUNS_PERSON and lower not in PRONOUNS_OTHER:
        return []
    person = lower in PRONOUNS_PERSON
    gender = "f" if lower in PRONOUNS_FEMALE else "m" if person else ""
    if lower == "it" and _expletive(token):
        return []  # "it is important that ...", "it was hard to say"
    if (
        token.dep_ == "nsubj"
        and token.head.lemma_.lower() in lex.say_verbs
        and state.speaker is not None
        and (state.speaker.kind == "person") == person
        and state.speaker_gender in ("", gender)
        and not (person and _someone_since(state, state.speaker, token))
    ):
        return [replace(state.speaker, text=token.text)]
    # "X said it would ...": the subject of a reported clause is, first of all, the one reporting it
    clause = token.head
    governors: list[Token] = []
    if (
        token.dep_ in ("nsubj", "nsubjpass")
        and clause.dep_ == "ccomp"
        and clause.head.lemma_.lower() in lex.say_verbs
    ):
        governors.append(clause.head)
    if token.dep_ == "nsubj" and clause.dep_ in ("advcl", "conj") and sent.start <= clause.head.i < sent.end:
        # "its forces killed ... as they crushed ...": the main clause's subject
        governors.append(clause.head)
    for governor in governors:
        for child in governor.children:
            if child.dep_ != "nsubj" or child.pos_ == "PRON":
                continue
            mention = _person_in(child, state)
            if mention is not None and person:
                if mention.person.gender in ("", gender):
                    actor = mention.person.actor
                    return [replace(actor, text=token.text)] if actor is not None else []
                continue
            actors = resolve_mention(lex, child, sent, state, 3)
            if actors and (actors[0].kind == "person") == person:
                return [replace(actors[0], text=token.text)]
            if not actors and not person and not any(t.i in state.names for t in child.subtree):
                return []  # "BAA said it ...": the one reporting it, whom no dictionary names
    if person:
        return earlier_person(token, gender, state, bound_people(lex, token, state), lex)
    return earlier_body(lex, token, state, plural=lower in PRONOUNS_PLURAL)


def _someone_since(state: ArticleState, speaker: Actor, token: Token) -> bool:
    """Whether another person is named between the last speaker and `token` ("Nigel Yeo said ... The
    Attorney General, Lord Goldsmith, has ... He said": he is Lord Goldsmith, not the earlier speaker)."""
    return any(
        state.speaker_at < mention.start < token.i
        and (mention.person.actor is None or mention.person.actor.name != speaker.name)
        for mention in state.person_mentions
    )


def _expletive(token: Token) -> bool:
    """ "It is important that ...", "it was hard to say": an "it" that stands for the clause after it."""
    head = token.head
    return (
        token.dep_ in ("nsubj", "expl", "nsubjpass")
        and head.lemma_.lower() == "be"
        and any(c.dep_ in ("acomp", "attr") for c in head.children)
        and any(c.dep_ in ("xcomp", "ccomp", "csubj") for c in head.children)
    )


# How far back "it" and "they" look for the state, body or group they refer to, in sentences.
BODY_REACH = 1


def earlier_body(lex: Lexicon, token: Token, state: ArticleState, plural: bool) -> list[Actor]:
    """The nearest state, international body or group named before `token` in its sentence or the one
    before; for "they" only a group or a plural ("the Tories", "police", "MPs"), never a state."""
    here = state.sentence_of[token.i]
    doc = token.doc

    def fits(position: int, actor: Actor) -> bool:
        if here - state.sentence_of[position] > BODY_REACH:
            return False
        if plural:
            return actor.kind == "group" or doc[position].tag_ in ("NNS", "NNPS")
        return actor.kind in ("state", "igo", "ngo", "group") and doc[position].tag_ not in ("NNS", "NNPS")

    best: tuple[int, Actor] | None = None
    for position, actor in state.resolved_other:
        if position < token.i and fits(position, actor) and (best is None or position > best[0]):
            best = (position, actor)
    for match, actor in earlier_names(lex, token, state, best[0] if best else -1):
        if actor.kind != "person" and fits(match.end - 1, actor):
            best = (match.start, actor)
            break
    return [replace(best[1], text=token.text)] if best else []


def _person_in(head: Token, state: ArticleState) -> PersonMention | None:
    """The article person a subject phrase names ("Mr Balls", "the Lib Dem leader Charles Kennedy")."""
    mention = state.people.get(head.i)
    if mention is None:
        for child in head.children:
            if child.dep_ in ("appos", "compound") and child.i in state.people:
                return state.people[child.i]
    return mention


def speaker_in_sentence(lex: Lexicon, token: Token, state: ArticleState) -> Actor | None:
    """The one saying the sentence ("..., the minister said"), for "we" and "our" inside the quote."""
    sent = token.sent
    for candidate in sent:
        if candidate.lemma_.lower() in lex.say_verbs:
            for child in candidate.children:
                if child.dep_ == "nsubj" and not any(t.lower_ in PRONOUNS_SPEAKER for t in child.subtree):
                    actors = resolve_mention(lex, child, sent, state, 3)
                    if actors:
                        return actors[0]
    return None


def note_speakers(lex: Lexicon, sent: Span, state: ArticleState) -> None:
    """Remember who speaks in the sentence ("the ministry said"), for "he said" and "we" later on."""
    doc = sent.doc
    lemma = doc_words(doc).lemma
    # the saying verbs picked out in C (map over the sentence's lemmas), not a Python step per word
    says = map(lex.say_verbs.__contains__, lemma[sent.start : sent.end])
    for i in compress(range(sent.start, sent.end), says):
        for child in doc[i].children:
            if child.dep_ == "nsubj" and child.lower_ not in PRONOUNS_SPEAKER | PRONOUNS_PERSON:
                mention = _person_in(child, state)
                actors = resolve_mention(lex, child, sent, state)
                if actors:
                    state.speaker = actors[0]
                    state.speaker_gender = mention.person.gender if mention is not None else ""
                    state.speaker_at = child.i
                elif mention is not None:
                    state.speaker = None  # someone the coder cannot code speaks now
