"""Mention resolution: the actors a noun phrase stands for.

`resolve` tries the readers of `MENTION_READERS` in order on a phrase; the first that recognises the
phrase answers for it: a pronoun is resolved to whom it refers, a dictionary name to its actor, "Russian
troops" to RUSMIL, "thousands of Israelis" to ISRCVL, "the minister" to the minister named before,
"targets in Gaza" to the place's country. A new way of naming an actor is a new reader, placed where it
must win over the ones after it. The readers of a role or an office's holder ("Russian troops", "the
minister", "President Reagan") are transforms/coder/role_mentions.py; whom a pronoun or a definite
description refers back to is transforms/coder/anaphora.py.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cached_property
from typing import TypeVar

from spacy.tokens import Span, Token

from transforms.actors import Actor, NameMatch
from transforms.coder.anaphora import definite_actor, definite_half, definite_place, pronoun
from transforms.coder.lexicon import Lexicon
from transforms.coder.model import ArticleState
from transforms.coder.names import (
    PRONOUNS_RELATIVE,
    head_role,
    modifier_role,
    note_unresolved,
    pro_or_anti,
    resolve_name,
    role_name,
)
from transforms.coder.parse import maybe_city, phrase_tokens, prep_objects, text_of
from transforms.coder.role_mentions import (
    names_among_modifiers,
    organisation_name,
    owner_pronoun,
    role_noun,
    titled_person,
)
from transforms.coder.setting import GEO_ENTS, MIN_UNTAGGED_CITY, PLACE_PREPS_STRICT, place_of
from transforms.doc_memo import remember_last

T = TypeVar("T")


def resolve_all(lex: Lexicon, head: Token, sent: Span, state: ArticleState, role: str) -> list[Actor]:
    """The actors of a noun phrase and of the phrases coordinated with it; `role` ("source", "target")
    notes what no dictionary resolved for `newsevents actors --unresolved`."""
    if head.i < state.skip_before:
        return []  # the dateline is where the report was filed, not who acted
    heads = [head, *(c for c in head.conjuncts if c.i > head.i)] if head.dep_ != "conj" else [head]
    found: list[Actor] = []
    for phrase_head in heads:
        actors = resolve(lex, phrase_head, sent, state)
        if not actors:
            note_unresolved(phrase_head, sent, state, role)
        for actor in actors:
            if actor not in found:
                found.append(actor)
    return found


def resolve(lex: Lexicon, head: Token, sent: Span, state: ArticleState, depth: int = 0) -> list[Actor]:
    """The actors of the noun phrase headed by `head` (not its coordinates)."""
    if depth > 3:
        return []
    mention = Mention(lex, head, sent, state, depth)
    for reader in MENTION_READERS:
        actors = reader(mention)
        if actors is not None:
            return [_role_of_country(mention, actor) for actor in actors]
    return []


def _role_of_country(m: Mention, actor: Actor) -> Actor:
    """A country's role named by a noun ("Israeli troops", "the British police", "his lawyers", "Costa
    Rica's president", "her supporters") is that role, not the state: kind `role`, named by its noun phrase as the text has
    it, as "police" alone is once its country is known. The name column then names what the text names,
    not the country (the country is in its own column)."""
    if actor.kind != "state" or not actor.role or m.head.i in m.state.names:
        return actor  # a state by its name, or a body the dictionaries name ("the FBI", "the Pentagon")
    named_role = m.role or modifier_role(m.lex, m.head)  # "troops"; "a US army psychiatrist"
    if named_role is None and m.lemma in m.lex.supporter_nouns:
        named_role = "CVL"  # "her supporters": people of her country
    if actor.role != named_role:
        return actor  # "the Kremlin's decision": the Kremlin, whose decision it is
    return replace(actor, kind="role", name=role_name(m.head))


@dataclass
class Mention:
    """A noun phrase being resolved, with what the readers ask of it computed once."""

    lex: Lexicon
    head: Token
    sent: Span
    state: ArticleState
    depth: int

    # A phrase is often resolved again in its sentence (as the source of two triggers, as what is said): its
    # text, role and modifier names are remembered for the article (`ArticleState.mention_reads`), by head
    # and sentence. Callers only read the lists.

    def _recall(self, what: str, compute: Callable[[], T]) -> T:
        key = (what, self.head.i, self.sent.start, self.sent.end)
        known = self.state.mention_reads
        if key in known:
            return known[key]  # type: ignore[return-value]
        found = known[key] = compute()
        return found

    @cached_property
    def phrase(self) -> list[Token]:
        return phrase_tokens(self.head, self.sent)  # (remembered for the document by phrase_tokens)

    @cached_property
    def text(self) -> str:
        return self._recall("text", lambda: text_of(self.phrase))

    @cached_property
    def role(self) -> str | None:
        """The role the head noun names ("troops": MIL), if any."""
        return self._recall("role", lambda: head_role(self.lex, self.head))

    @cached_property
    def lemma(self) -> str:
        return self.head.lemma_.lower()

    @cached_property
    def definite(self) -> bool:
        return any(c.lower_ in ("the", "this", "that") for c in self.head.children)

    @cached_property
    def modifier_names(self) -> list[NameMatch]:
        """Names among the modifiers: "Russian troops", "Iran's foreign minister", "Houthi positions"."""
        return self._recall("modifier_names", self._modifier_names)

    def _modifier_names(self) -> list[NameMatch]:
        matches: list[NameMatch] = []
        if not _names_beside(self.state.names, self.head.i, self.sent):
            return matches  # no name in the sentence but the head: the phrase (within it) is not read
        for token in self.phrase:
            found = self.state.names.get(token.i)
            if (
                found is not None
                and found not in matches
                and token.i != self.head.i
                and not pro_or_anti(found, self.sent)
            ):
                matches.append(found)
        return matches

    def inner(self, head: Token) -> list[Actor]:
        """The actors of another phrase the mention leads to ("the position of Belgrade")."""
        return resolve(self.lex, head, self.sent, self.state, self.depth + 1)


@remember_last
def _name_positions(names: dict[int, NameMatch]) -> list[int]:
    """The token indices that are words of a name, in order (the article's names, set once per article)."""
    return sorted(names)


def _names_beside(names: dict[int, NameMatch], head: int, sent: Span) -> bool:
    """Whether a word of the sentence other than `head` is a word of a name."""
    positions = _name_positions(names)
    first = bisect_left(positions, sent.start)
    count = bisect_left(positions, sent.end, first) - first
    return count > (1 if head in names and sent.start <= head < sent.end else 0)


# --- the readers, in the order they are tried; each answers None when the phrase is not its kind -------


def pronoun_mention(m: Mention) -> list[Actor] | None:
    """ "he", "they", "we"; a relative pronoun by its antecedent ("a provocation which ...")."""
    head = m.head
    if head.pos_ != "PRON" and head.lower_ not in PRONOUNS_RELATIVE:
        return None
    if head.lower_ in PRONOUNS_RELATIVE and head.head.dep_ == "relcl":
        return m.inner(head.head.head)
    return pronoun(m.lex, head, m.sent, m.state)


def article_person(m: Mention) -> list[Actor] | None:
    """A person of the article ("Charles Clarke", "Mr Clarke", "the Lib Dem leader Charles Kennedy"):
    who the article says they are, or nobody the coder can code when it does not say."""
    mention = m.state.people.get(m.head.i)
    if mention is None and m.role is not None:
        # "the Lib Dem leader Charles Kennedy": the title heads the phrase, the name is its apposition
        for child in m.head.children:
            if child.dep_ in ("appos", "compound") and child.i > m.head.i and child.i in m.state.people:
                mention = m.state.people[child.i]
                break
    if mention is None:
        return None
    actor = mention.person.actor
    if actor is None:
        return []
    text = m.text if m.head.i not in m.state.people else m.sent.doc[mention.start : mention.end].text
    actor = replace(actor, text=text)
    m.state.resolved_people.append((m.head.i, actor))
    return [actor]


def accident(m: Mention) -> list[Actor] | None:
    """ "a plane crash in Costa Rica", "the storm": an accident or a disaster is no one, wherever it was."""
    return [] if m.head.pos_ == "NOUN" and m.lemma in m.lex.accident_words else None


def individual(m: Mention) -> list[Actor] | None:
    """ "a Tunisian man", "a native of Tunisia", "an Afghan": one private person known only by a
    nationality is a civilian of that country (CVL), a person and not the state."""
    head = m.head
    if head.tag_ not in ("NN", "NNP") or head.i in m.state.people:
        return None
    individual_nouns = m.lex.individual_nouns
    if (
        head.dep_ == "conj"
        and m.lemma in individual_nouns
        and head.head.lemma_.lower() in individual_nouns
        and not any(c.dep_ == "det" for c in head.children)
    ):
        return []  # "a native of Tunisia and resident of Nice": one person, described twice
    day = m.state.ctx.published
    own = m.state.names.get(head.i)
    if own is not None:  # "an Afghan": the demonym is the noun
        if not any(c.lower_ in ("a", "an") for c in head.children):
            return None
        matches = [own]
    elif m.lemma in individual_nouns and m.role in (None, "CVL"):
        matches = [n for n in m.modifier_names if n.start > head.i or n.end <= head.i]
    else:
        return None
    for match in matches:
        ref = m.lex.actors.pick(match.refs, day)
        entry = m.lex.actors.entries[ref.entry]
        of_phrase = m.sent.doc[match.start].head.lower_ in ("of", "from")
        if entry.kind == "state" and len(entry.code) == 3 and (ref.how == "adjective" or of_phrase):
            state = m.lex.actors.country_actor(entry.code, m.text)
            return [replace(state.with_role("CVL"), kind="person")]
    return None


def dictionary_name(m: Mention) -> list[Actor] | None:
    """A name of the dictionaries ("Russia", "the Kremlin", "Putin"), with the head's role if it adds one."""
    match = m.state.names.get(m.head.i)
    if match is None:
        return None
    actors = resolve_name(m.lex, match, m.sent, m.state)
    if actors and m.role and actors[0].kind == "state" and not actors[0].role:
        actors = [a.with_role(m.role) for a in actors]
    return actors


def quantity_of(m: Mention) -> list[Actor] | None:
    """ "thousands of Israelis", "one of the soldiers": some of what the "of" phrase names."""
    if not ((m.role is None and m.lemma in m.lex.quantity_nouns) or m.head.pos_ == "NUM"):
        return None
    for pobj in prep_objects(m.head, ("of",)):
        inner = resolve_all(m.lex, pobj, m.sent, m.state, "")
        if inner:
            return [a if a.role or a.kind != "state" else a.with_role("CVL") for a in inner]
    return None


def place_name(m: Mention) -> list[Actor] | None:
    """ "Kharkiv", "Gaza": a place stands for its country (not a city that is a team, in sport)."""
    head = m.head
    if not (head.ent_type_ in GEO_ENTS or maybe_city(head)):
        return None
    place = place_of(m.lex, head)
    if (
        place is not None
        and place.country
        and not (m.state.sport_context and not place.is_country)  # a team: "Dortmund attacked"
        and (head.ent_type_ in GEO_ENTS or place.population >= MIN_UNTAGGED_CITY)
    ):
        return [m.lex.actors.country_actor(place.country, m.text)]
    return None


def apposition(m: Mention) -> list[Actor] | None:
    """ "the group, Hamas": what the apposition names."""
    for appos in (c for c in m.head.children if c.dep_ == "appos"):
        actors = m.inner(appos)
        if actors:
            return actors
    return None


def owner(m: Mention) -> list[Actor] | None:
    """Whose it is: "the government's plan", "the position of Belgrade", "a statement by Moscow"; not
    whose people they are ("Mr Thorpe's colleagues", "Blair's critics" are not Thorpe or Blair)."""
    if m.lemma in m.lex.associate_nouns:
        return None
    if m.lemma in m.lex.supporter_nouns:
        # "supporters of former President Ben Bella": people of that person's country, not the person
        for owner_head in [*(c for c in m.head.children if c.dep_ == "poss"), *prep_objects(m.head, ("of",))]:
            owners = m.inner(owner_head)
            if owners and owners[0].kind == "person" and owners[0].country:
                return [m.lex.actors.country_actor(owners[0].country, m.text).with_role("CVL")]
            if owners:
                return owners
        return None
    for child in m.head.children:
        if child.dep_ == "poss":
            actors = m.inner(child)
            if actors:
                return actors
    for pobj in prep_objects(m.head, ("of", "by")):
        actors = m.inner(pobj)
        if actors:
            return actors
    return None


def location_owner(m: Mention) -> list[Actor] | None:
    """ "targets in Gaza", "bases for the rebels": what is hit where it is stands for that place."""
    if m.lemma not in m.lex.location_nouns:
        return None
    head = m.head
    for pobj in prep_objects(head, ("for",)):
        actors = m.inner(pobj)
        if actors:
            return actors
    # "struck targets in the territory": the place may hang from the noun or from its verb
    holders = [head, head.head] if head.dep_ in ("dobj", "nsubjpass") else [head]
    for pobj in (p for holder in holders for p in prep_objects(holder, PLACE_PREPS_STRICT)):
        actors = m.inner(pobj)
        if actors and actors[0].country:
            return [m.lex.actors.country_actor(actors[0].country, m.text)]
    return None


MentionReader = Callable[[Mention], list[Actor] | None]
MENTION_READERS: tuple[MentionReader, ...] = (
    pronoun_mention,
    article_person,
    accident,
    individual,
    dictionary_name,
    quantity_of,
    organisation_name,
    names_among_modifiers,
    owner_pronoun,
    titled_person,
    role_noun,
    definite_actor,
    definite_place,
    definite_half,
    place_name,
    apposition,
    owner,
    location_owner,
)
