"""Whom "he" or "she" refers back to when nothing nearer says (transforms/coder/anaphora.py tries the
speaker and the subject of the clause above first): the most salient person named before, within
`PRONOUN_REACH` sentences, of the pronoun's gender and not named in its own clause; an office named
alone ("the prime minister") and an earlier "he" or "she" count as mentions.

An office's holder is resolved by transforms/coder/mentions.py, which imports the anaphora modules:
`resolve_mention` imports `mentions.resolve` when called.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from transforms.actors import Actor
from transforms.coder.lexicon import Lexicon
from transforms.coder.model import ArticleState
from transforms.coder.names import PRONOUNS_FEMALE, PRONOUNS_PERSON, definite_person, role_name
from transforms.doc_memo import doc_words


def resolve_mention(
    lex: Lexicon, head: Token, sent: Span, state: ArticleState, depth: int = 0
) -> list[Actor]:
    """`transforms.coder.mentions.resolve`, imported when called (mentions imports the anaphora modules)."""
    from transforms.coder.mentions import resolve

    return resolve(lex, head, sent, state, depth)


# Clauses of their own inside a clause: a pronoun may refer to a person named in them.
OWN_CLAUSES = frozenset({"ccomp", "advcl", "relcl", "acl", "csubj", "parataxis", "conj", "appos", "punct"})


def bound_people(lex: Lexicon, token: Token, state: ArticleState) -> set[str]:
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
        for earlier in _window(token, state, lex):
            if earlier.i in positions or earlier.i in state.people:
                continue
            if earlier.lower_ in PRONOUNS_PERSON and earlier.dep_ in ("nsubj", "nsubjpass"):
                said = "f" if earlier.lower_ in PRONOUNS_FEMALE else "m"
                if said == gender:
                    found = _earlier_pronoun(lex, earlier, said, state)
                    if found and found[0].name not in bound:
                        candidates.append((earlier.i, earlier, state.sentence_of[earlier.i], found[0]))
            elif office_holder(lex, earlier):
                resolved = resolve_mention(lex, earlier, earlier.sent, state, 3)
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
        found = earlier_person(token, gender, state, bound_people(lex, token, state), lex)
        state.pronoun_people[token.i] = found[0] if found else None
    known = state.pronoun_people[token.i]
    return [known] if known is not None else []


def _window(token: Token, state: ArticleState, lex: Lexicon) -> list[Token]:
    """The words before `token` in its sentence and the `PRONOUN_REACH` sentences before it that may be a
    mention for `earlier_person`: a "he" or "she", or a word whose lemma is an office noun (`office_holder`
    asks for one); the other words are passed over by the document's word lists, no Token made for them."""
    here = state.sentence_of[token.i]
    start = token.i
    while start > 0 and here - state.sentence_of[start - 1] <= PRONOUN_REACH:
        start -= 1
    words = doc_words(token.doc)
    lower, lemma, offices = words.lower, words.lemma, lex.office_nouns
    doc = token.doc
    return [
        doc[i]
        for i in range(start, token.i)
        if (lower[i] in PRONOUNS_PERSON or lemma[i] in offices) and i not in state.furniture
    ]


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
