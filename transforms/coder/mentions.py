"""Mention resolution: the actors a noun phrase stands for.

`resolve` tries the readers of `MENTION_READERS` in order on a phrase; the first that recognises the
phrase answers for it: a pronoun is resolved to whom it refers, a dictionary name to its actor, "Russian
troops" to RUSMIL, "thousands of Israelis" to ISRCVL, "the minister" to the minister named before,
"targets in Gaza" to the place's country. A new way of naming an actor is a new reader, placed where it
must win over the ones after it. Whom a pronoun or a definite description refers back to is
transforms/coder/anaphora.py.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cached_property

from spacy.tokens import Span, Token

from transforms.actors import Actor, NameMatch
from transforms.coder.anaphora import definite_actor, definite_half, definite_place, office_holder, pronoun
from transforms.coder.descriptions import PARTY_ROLES
from transforms.coder.lexicon import Lexicon
from transforms.coder.model import ArticleState
from transforms.coder.names import (
    PRONOUNS_OTHER,
    PRONOUNS_PERSON,
    PRONOUNS_RELATIVE,
    PRONOUNS_SPEAKER,
    coordinated,
    definite_person,
    head_role,
    modifier_role,
    note_unresolved,
    pro_or_anti,
    resolve_name,
    role_name,
)
from transforms.coder.parse import maybe_city, name_text, phrase_tokens, prep_objects, text_of
from transforms.coder.setting import GEO_ENTS, MIN_UNTAGGED_CITY, PLACE_PREPS_STRICT, place_of


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

    @cached_property
    def phrase(self) -> list[Token]:
        return phrase_tokens(self.head, self.sent)

    @cached_property
    def text(self) -> str:
        return text_of(self.phrase)

    @cached_property
    def role(self) -> str | None:
        """The role the head noun names ("troops": MIL), if any."""
        return head_role(self.lex, self.head)

    @cached_property
    def lemma(self) -> str:
        return self.head.lemma_.lower()

    @cached_property
    def definite(self) -> bool:
        return any(c.lower_ in ("the", "this", "that") for c in self.head.children)

    @cached_property
    def modifier_names(self) -> list[NameMatch]:
        """Names among the modifiers: "Russian troops", "Iran's foreign minister", "Houthi positions"."""
        matches: list[NameMatch] = []
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


def organisation_name(m: Mention) -> list[Actor] | None:
    """ "the Countryside Alliance", "the Police Federation": an organisation the dictionaries lack, known by
    the last word of its name (`name` rows of roles.tsv), of the country its name or the article gives."""
    head = m.head
    role = m.lex.actors.name_heads.get(head.lower_)
    if role is None or head.pos_ != "PROPN" or not head.text[:1].isupper() or m.state.sport_context:
        return None
    named = [t for t in m.phrase if t.i != head.i and t.text[:1].isupper() and t.pos_ == "PROPN"]
    if not named and not _in_longer_org(head):
        return None  # "the Alliance" alone: which one is for the article to say before
    day = m.state.ctx.published
    country = m.state.dominant_country
    for match in m.modifier_names:
        actor = m.lex.actors.actor(m.lex.actors.pick(match.refs, day), day, "")
        if actor.kind != "state" or actor.role:
            return None  # a known actor's body ("the Labour Party Association"): theirs to resolve
        country = actor.country  # "the British Medical Association"
    if not country:
        return None
    role = modifier_role(m.lex, head) or role  # "the Police Federation": the police's
    doc = head.doc
    if head.ent_type_ == "ORG":
        start, end = head.i, head.i + 1
        while start > 0 and doc[start].ent_iob_ == "I":
            start -= 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        name = doc[start:end].text
    else:
        name = text_of([t for t in m.phrase if t.dep_ != "det"])
    name = name[4:] if name.lower().startswith("the ") else name
    actor = Actor(country + role, name, country, role, "group", m.text)
    m.state.resolved_other.append((head.i, actor))
    return [actor]


def _in_longer_org(head: Token) -> bool:
    """ "the League Against Cruel Sports": the word heads an organisation entity of more words."""
    if head.ent_type_ != "ORG":
        return False
    doc = head.doc
    start, end = head.i, head.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return sum(1 for t in doc[start:end] if t.text[:1].isupper() and t.lower_ != "the") >= 2


def names_among_modifiers(m: Mention) -> list[Actor] | None:
    """ "Russian troops" (RUSMIL), "Putin's spokesman", "French President Emmanuel Macron"."""
    if not m.modifier_names:
        return None
    head = m.head
    if m.definite:
        person = definite_person(m.lex, head, m.state)  # "the Tory leader": Michael Howard
        if person is not None:
            return [_named_person(m, person)]
    role = m.role or modifier_role(m.lex, head)
    actors: list[Actor] = []
    doc = m.sent.doc
    for match in coordinated(m.modifier_names, head):
        if role is None and _person_name(m, match) and doc[match.start : match.end].root.head.i != head.i:
            continue  # "the interest in Trump's wanting to ...": a thing, not Trump's country
        for actor in resolve_name(m.lex, match, m.sent, m.state):
            if actor.kind == "person" and head.pos_ != "PROPN":
                # "Putin's spokesman": the person's country, the noun's role
                actor = m.lex.actors.country_actor(actor.country, "") if actor.country else actor
            if role and not (
                actor.kind == "group" and actor.role in PARTY_ROLES and m.lemma in m.lex.party_offices
            ):
                actor = actor.with_role(role)  # but "Tory leader", "Lib Dem spokesman" act for the party
            if head.pos_ == "PROPN" and m.role is None and role and actor.kind == "state":
                # "French President Emmanuel Macron" when the person is not in the dictionary
                actor = replace(actor, kind="person", name=name_text(head))
                m.state.resolved_people.append((head.i, actor))
            actors.append(replace(actor, text=m.text))
    return actors or None


def _person_name(m: Mention, match: NameMatch) -> bool:
    day = m.state.ctx.published
    return m.lex.actors.entries[m.lex.actors.pick(match.refs, day).entry].kind == "person"


def owner_pronoun(m: Mention) -> list[Actor] | None:
    """ "its forces", "their government": the owner's country, with the head's role."""
    for child in m.head.children:
        if child.dep_ == "poss" and child.lower_ in PRONOUNS_PERSON | PRONOUNS_OTHER | PRONOUNS_SPEAKER:
            owners = pronoun(m.lex, child, m.sent, m.state)
            if owners and owners[0].country and (m.role or m.lemma in m.lex.definite_kinds):
                actor = m.lex.actors.country_actor(owners[0].country, m.text)
                role = m.role
                if not role and owners[0].role == "GOV" and m.lex.definite_kinds.get(m.lemma) == ("state",):
                    role = "GOV"  # "the prime minister said his country would ...": its government acts
                return [actor.with_role(role) if role else actor]
    return None


def titled_person(m: Mention) -> list[Actor] | None:
    """ "President Reagan": a person of that role; the article gives the country, if any."""
    head = m.head
    if m.role is not None or head.pos_ != "PROPN" or head.ent_type_ != "PERSON":
        return None
    title = modifier_role(m.lex, head)
    if not title:
        return None
    actor = Actor(title, name_text(head), "", title, "person", m.text)
    m.state.resolved_people.append((head.i, actor))
    return [actor]


def role_noun(m: Mention) -> list[Actor] | None:
    """ "the minister" (the one named before), "police", "troops": a role, its country found later."""
    if not m.role:
        return None
    definite = definite_person(m.lex, m.head, m.state)
    if definite is not None:
        return [_named_person(m, definite)]
    actor = Actor(m.role, role_name(m.head), "", m.role, "role", m.text)
    if office_holder(m.lex, m.head):
        m.state.resolved_people.append((m.head.i, actor))  # "the prime minister ... he"
    else:
        m.state.resolved_other.append((m.head.i, actor))  # "police ... they", "MPs ... they"
    return [actor]


def _named_person(m: Mention, person: Actor) -> Actor:
    """A person named by a title ("the chancellor"), remembered as named here for "he" and "she"."""
    actor = replace(person, text=m.text)
    m.state.resolved_people.append((m.head.i, actor))
    return actor


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
