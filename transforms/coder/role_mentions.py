"""The readers of `MENTION_READERS` (transforms/coder/mentions.py) for a phrase that names a role: a
country's or a body's ("Russian troops", "Putin's spokesman", "its forces"), an office's holder ("the
minister", "President Reagan"), an organisation known by the last word of its name ("the Police
Federation"). Each answers None when the phrase is not its kind.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from spacy.tokens import Token

from transforms.actors import Actor, NameMatch
from transforms.coder.anaphora import pronoun
from transforms.coder.descriptions import PARTY_ROLES
from transforms.coder.names import (
    PRONOUNS_OTHER,
    PRONOUNS_PERSON,
    PRONOUNS_SPEAKER,
    coordinated,
    definite_person,
    modifier_role,
    resolve_name,
    role_name,
)
from transforms.coder.parse import name_text, text_of
from transforms.coder.person_pronouns import office_holder

if TYPE_CHECKING:
    from transforms.coder.mentions import Mention


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
