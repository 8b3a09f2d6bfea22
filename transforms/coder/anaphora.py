"""Anaphora: whom a pronoun ("he", "it", "they", "we") or a definite description ("the country", "the
territory") refers back to, and who is speaking.

A pronoun's antecedent is a mention resolved by transforms/coder/mentions.py, and a mention may be a
pronoun: this module calls `mentions.resolve` through `_resolve`, which imports it when called.
"""

from __future__ import annotations

from dataclasses import replace
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
    definite_person,
    earlier_actor,
    earlier_names,
    role_name,
)
from transforms.coder.setting import latest_place

if TYPE_CHECKING:
    from transforms.coder.mentions import Mention
    from transforms.coder.people import PersonMention


def _resolve(lex: Lexicon, head: Token, sent: Span, state: ArticleState, depth: int = 0) -> list[Actor]:
    """`transforms.coder.mentions.resolve`, imported when called (mentions imports this module)."""
    from transforms.coder.mentions import resolve

    return resolve(lex, head, sent, state, depth)


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
            actors = _resolve(lex, child, sent, state, 3)
            if actors and (actors[0].kind == "person") == person:
                return [replace(actors[0], text=token.text)]
            if not actors and not person and not any(t.i in state.names for t in child.subtree):
                return []  # "BAA said it ...": the one reporting it, whom no dictionary names
    if person:
        return earlier_person(token, gender, state, _bound_people(lex, token, state), lex)
    return earlier_body(lex, token, state, plural=lower in PRONOUNS_PLURAL)


# Clauses of their own inside a clause: a pronoun may refer to a person named in them.
OWN_CLAUSES = frozenset({"ccomp", "advcl", "relcl", "acl", "csubj", "parataxis", "conj", "appos", "punct"})


def _bound_people(lex: Lexicon, token: Token, state: ArticleState) -> set[str]:
    """The people named among the other arguments of the pronoun's own clause ("He accused Mr Brown",
    "He urged the chancellor to admit ..."): "he" is none of them, or the text would say "himself"."""
    if token.dep_ == "poss":
        return set()  # "Mr Brown presented his Budget": a possessive may refer to the subject
    verb = token.head
    while verb.dep_ == "xcomp" and verb.head.i != verb.i:
        verb = verb.head  # "He went on to accuse Mr Brown": the clause of "went"
    bound: set[str] = set()
    stack = [c for c in verb.children if c.dep_ not in OWN_CLAUSES]
    while stack:
        t = stack.pop()
        if t.dep_ == "poss":
            continue  # "Mr Thorpe's colleagues refused to support him": him may be Mr Thorpe
        stack.extend(c for c in t.children if c.dep_ not in OWN_CLAUSES)
        if t.i == token.i or t.pos_ == "PRON":
            continue
        mention = state.people.get(t.i)
        if mention is not None and mention.person.actor is not None:
            bound.add(mention.person.actor.name)
        elif t.pos_ in ("NOUN", "PROPN"):
            titled = definite_person(lex, t, state)
            if titled is not None:
                bound.add(titled.name)
            elif office_holder(lex, t):
                bound.add(role_name(t))  # "He urged the chancellor": he is not the chancellor
    return bound


def office_holder(lex: Lexicon, head: Token) -> bool:
    """A singular definite noun naming one office-holder ("the prime minister", "the home secretary");
    not "a judge", who is anyone. The nouns of one person's office are @OFFICE: "the prime minister" or
    "the Tory leader" is someone "he" or "she" may refer to later; "the government" or "the ministry" is
    not."""
    return (
        head.tag_ in ("NN", "NNP")
        and head.lemma_.lower() in lex.office_nouns
        and any(c.dep_ in ("det", "poss") and c.lower_ not in ("a", "an", "any", "no") for c in head.children)
        and lex.actors.role_of(head) is not None
    )


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


# How far back "he" or "she" looks for the person it refers to, in sentences.
PRONOUN_REACH = 3


def earlier_person(
    token: Token,
    gender: str,
    state: ArticleState,
    bound: set[str] | None = None,
    lex: Lexicon | None = None,
) -> list[Actor]:
    """The most salient person named before `token` (within `PRONOUN_REACH` sentences) whose gender
    fits and who is not `bound` (named in the pronoun's own clause): the nearer the sentence and the
    more prominent the mention (a subject over an object over a possessor), the likelier; no one when
    that person is not an actor the coder knows. Besides names, an office named alone ("the prime
    minister") and, with `lex`, an earlier "he" or "she" that is a subject count as mentions."""
    doc = token.doc
    here = state.sentence_of[token.i] if token.i < len(state.sentence_of) else state.sentence_index
    bound = bound or set()
    quoted: set[int] = set()
    if lex is not None and token.dep_ == "nsubj" and token.head.lemma_.lower() in lex.say_verbs:
        # '"... the certificate of the home secretary," he told': no one in the quote is its speaker
        quoted = {t.i for t in token.head.subtree}
    candidates: list[tuple[int, Token, int, Actor | None]] = []
    for mention in state.person_mentions:
        if mention.start >= token.i or here - mention.sentence > PRONOUN_REACH:
            continue
        actor = mention.person.actor
        if actor is not None and actor.name in bound:
            continue
        if mention.person.gender in ("", gender):
            candidates.append((mention.start, doc[mention.start : mention.end].root, mention.sentence, actor))
    positions = {position for position, _ in state.resolved_people}
    if lex is not None:
        for earlier in _window(token, state):
            if earlier.i in positions or earlier.i in state.people:
                continue
            if earlier.lower_ in PRONOUNS_PERSON and earlier.dep_ in ("nsubj", "nsubjpass"):
                said = "f" if earlier.lower_ in PRONOUNS_FEMALE else "m"
                if said == gender:
                    found = _earlier_pronoun(lex, earlier, said, state)
                    if found and found[0].name not in bound:
                        candidates.append((earlier.i, earlier, state.sentence_of[earlier.i], found[0]))
            elif office_holder(lex, earlier):
                resolved = _resolve(lex, earlier, earlier.sent, state, 3)
                actor = resolved[0] if resolved else None
                if actor is None or (actor.name not in bound and _person_gender(state, actor) in ("", gender)):
                    candidates.append((earlier.i, earlier, state.sentence_of[earlier.i], actor))
    for position, actor in state.resolved_people:
        # people named by their office alone ("the prime minister"), gender unknown, and earlier "he"
        if (
            position < token.i
            and position not in state.people
            and here - state.sentence_of[position] <= PRONOUN_REACH
            and actor.name not in bound
            and _gender_of(doc[position]) in ("", gender)
            and _person_gender(state, actor) in ("", gender)
        ):
            candidates.append((position, doc[position], state.sentence_of[position], actor))
    candidates = [c for c in candidates if c[0] not in quoted]
    if not candidates:
        return []
    best = max(candidates, key=lambda c: (_salience(c[1], here - c[2]), c[0]))
    if best[3] is None:
        return []
    return [replace(best[3], text=token.text)]


def _earlier_pronoun(lex: Lexicon, token: Token, gender: str, state: ArticleState) -> list[Actor]:
    """Whom an earlier "he" or "she" subject referred to: as resolved when its sentence was coded, else
    (no event asked) the person before it."""
    if token.i not in state.pronoun_people:
        state.pronoun_people[token.i] = None  # while resolving: no cycle through itself
        found = earlier_person(token, gender, state, _bound_people(lex, token, state), lex)
        state.pronoun_people[token.i] = found[0] if found else None
    known = state.pronoun_people[token.i]
    return [known] if known is not None else []


def _window(token: Token, state: ArticleState) -> list[Token]:
    """The words before `token` in its sentence and the `PRONOUN_REACH` sentences before it."""
    here = state.sentence_of[token.i]
    start = token.i
    while start > 0 and here - state.sentence_of[start - 1] <= PRONOUN_REACH:
        start -= 1
    return [t for t in token.doc[start : token.i] if t.i not in state.furniture]


def _person_gender(state: ArticleState, actor: Actor) -> str:
    """The gender of the article's person an actor is ("the Tory leader": Michael Howard, m), if known."""
    if actor.kind != "person":
        return ""
    for mention in state.person_mentions:
        if mention.person.actor is not None and mention.person.actor.name == actor.name:
            return mention.person.gender
    return ""


def _salience(head: Token, distance: int) -> float:
    """How prominent a mention is for a later pronoun (after Lappin and Leass): recency halves with each
    sentence back; a subject counts more than an object, a phrase's head more than a modifier."""
    while head.dep_ in ("compound", "appos", "flat") and head.head.i != head.i:
        head = head.head  # "Tory leader Michael Howard", "Mr Clarke, the home secretary"
    score = 100.0 / (2**distance)
    if head.dep_ == "poss" and head.head.dep_ in ("nsubj", "nsubjpass"):
        return score + 160  # "Michael Howard's only entry is a hamper. He also declares ...": the topic
    if head.dep_ in ("nsubj", "nsubjpass"):
        score += 80
    elif head.dep_ in ("dobj", "attr", "oprd"):
        score += 50
    elif head.dep_ in ("pobj", "dative"):
        score += 40
    if head.dep_ != "poss":
        score += 80
    return score


def _gender_of(token: Token) -> str:
    """The gender a pronoun says ("she": f, "he": m); "" for any other word."""
    if token.lower_ in PRONOUNS_FEMALE:
        return "f"
    return "m" if token.lower_ in PRONOUNS_PERSON else ""


def speaker_in_sentence(lex: Lexicon, token: Token, state: ArticleState) -> Actor | None:
    """The one saying the sentence ("..., the minister said"), for "we" and "our" inside the quote."""
    sent = token.sent
    for candidate in sent:
        if candidate.lemma_.lower() in lex.say_verbs:
            for child in candidate.children:
                if child.dep_ == "nsubj" and not any(t.lower_ in PRONOUNS_SPEAKER for t in child.subtree):
                    actors = _resolve(lex, child, sent, state, 3)
                    if actors:
                        return actors[0]
    return None


def note_speakers(lex: Lexicon, sent: Span, state: ArticleState) -> None:
    """Remember who speaks in the sentence ("the ministry said"), for "he said" and "we" later on."""
    for token in sent:
        if token.lemma_.lower() in lex.say_verbs:
            for child in token.children:
                if child.dep_ == "nsubj" and child.lower_ not in PRONOUNS_SPEAKER | PRONOUNS_PERSON:
                    mention = _person_in(child, state)
                    actors = _resolve(lex, child, sent, state)
                    if actors:
                        state.speaker = actors[0]
                        state.speaker_gender = mention.person.gender if mention is not None else ""
                        state.speaker_at = child.i
                    elif mention is not None:
                        state.speaker = None  # someone the coder cannot code speaks now
