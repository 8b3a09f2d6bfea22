"""Mention resolution: the actors a noun phrase stands for.

`resolve` tries the readers of `MENTION_READERS` in order on a phrase; the first that recognises the
phrase answers for it: a pronoun is resolved to whom it refers, a dictionary name to its actor, "Russian
troops" to RUSMIL, "thousands of Israelis" to ISRCVL, "the minister" to the minister named before,
"targets in Gaza" to the place's country. A new way of naming an actor is a new reader, placed where it
must win over the ones after it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cached_property

from spacy.tokens import Span, Token

from transforms.actors import Actor, NameMatch
from transforms.coder.lexicon import Lexicon
from transforms.coder.model import ArticleState
from transforms.coder.names import (
    PRONOUNS_FEMALE,
    PRONOUNS_OTHER,
    PRONOUNS_PERSON,
    PRONOUNS_PLURAL,
    PRONOUNS_RELATIVE,
    PRONOUNS_SPEAKER,
    coordinated,
    definite_person,
    earlier_actor,
    head_role,
    modifier_role,
    note_unresolved,
    pro_or_anti,
    resolve_name,
)
from transforms.coder.parse import maybe_city, name_text, phrase_tokens, prep_objects, text_of
from transforms.coder.people import PARTY_ROLES, PersonMention
from transforms.coder.setting import GEO_ENTS, MIN_UNTAGGED_CITY, PLACE_PREPS_STRICT, latest_place, place_of


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
            return actors
    return []


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
    if _office_holder(m.lex, m.head):
        m.state.resolved_people.append((m.head.i, actor))  # "the prime minister ... he"
    else:
        m.state.resolved_other.append((m.head.i, actor))  # "police ... they", "MPs ... they"
    return [actor]


def _named_person(m: Mention, person: Actor) -> Actor:
    """A person named by a title ("the chancellor"), remembered as named here for "he" and "she"."""
    actor = replace(person, text=m.text)
    m.state.resolved_people.append((m.head.i, actor))
    return actor


def role_name(head: Token) -> str:
    """What a role phrase names, for the name column: the noun and the words that qualify it
    ("courts minister", "riot police"), without determiners, numbers or possessives."""
    doc = head.doc
    start = head.i
    while (
        start > head.sent.start
        and doc[start - 1].dep_ in ("compound", "amod", "nmod")
        and start <= doc[start - 1].head.i <= head.i
    ):
        start -= 1
    return doc[start : head.i + 1].text


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
    dictionary_name,
    quantity_of,
    organisation_name,
    names_among_modifiers,
    owner_pronoun,
    titled_person,
    role_noun,
    definite_actor,
    definite_place,
    place_name,
    apposition,
    owner,
    location_owner,
)


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
            actors = resolve(lex, child, sent, state, 3)
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
    while verb.dep_ == "xcomp" and verb.head is not verb:
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
            elif _office_holder(lex, t):
                bound.add(role_name(t))  # "He urged the chancellor": he is not the chancellor
    return bound




def _office_holder(lex: Lexicon, head: Token) -> bool:
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
    day = state.ctx.published
    for match in reversed(state.name_starts):
        if match.start >= token.i:
            continue
        if best is not None and match.start <= best[0]:
            break
        ref = lex.actors.pick(match.refs, day)
        if ref.how == "adjective":
            continue  # "it" does not refer to "American" in "an American air base"
        actor = lex.actors.actor(ref, day, "")
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
            elif _office_holder(lex, earlier):
                resolved = resolve(lex, earlier, earlier.sent, state, 3)
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
    return list(token.doc[start : token.i])


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
    while head.dep_ in ("compound", "appos", "flat") and head.head is not head:
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
                    actors = resolve(lex, child, sent, state, 3)
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
                    actors = resolve(lex, child, sent, state)
                    if actors:
                        state.speaker = actors[0]
                        state.speaker_gender = mention.person.gender if mention is not None else ""
                        state.speaker_at = child.i
                    elif mention is not None:
                        state.speaker = None  # someone the coder cannot code speaks now
