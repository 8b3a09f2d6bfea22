"""The target of a coded trigger: the pattern's slots first, then the fallbacks of `TARGET_FALLBACKS`
in order; when none names one, the rules of `NO_TARGET_RULES` (transforms/coder/no_target.py) say
whether there is still an event.

Each fallback is a small function of the `TargetSearch` that answers the actors it finds (none when the
construction is not its own) and what the slot held. A new way of finding a target is a new function,
placed in the list where it must win over the ones after it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Span, Token

from transforms.actors import Actor
from transforms.cameo import (
    is_at_a_border,
    is_help,
    is_protest,
    is_threat,
    is_violent,
    is_yielding,
)
from transforms.coder.clauses import Clauses, protest_governor
from transforms.coder.lexicon import Lexicon
from transforms.coder.mentions import resolve_all
from transforms.coder.mode import BLOCKING_MODES, GOVERNING_MODES, obliged_clause
from transforms.coder.model import ArticleState, Trigger
from transforms.coder.nominal import undergoer
from transforms.coder.parse import entity_root, prep_objects
from transforms.coder.setting import GEO_ENTS, PLACE_PREPS, PLACE_PREPS_STRICT, place_of
from transforms.coder.slots import slot_targets
from transforms.coder.speech import feeling_cause

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
BORDER_NOUNS = frozenset({"border", "frontier", "boundary"})
BORDER_PREPS = ("on", "along", "near", "at", "to", "toward", "towards", "across", "by", "close", "from")


@dataclass(frozen=True)
class TargetSearch:
    """What the target fallbacks see of a trigger being coded."""

    lex: Lexicon
    trigger: Trigger
    code: str  # the code so far (after the clause's mode)
    mode: str  # how the trigger reads its clause ("intent", "say", ...; "" none)
    complement: Trigger | None  # the clause the trigger governs
    clauses: Clauses
    sent: Span
    state: ArticleState
    sources: list[Actor]

    def resolve(self, head: Token) -> list[Actor]:
        return resolve_all(self.lex, head, self.sent, self.state, "target")


Found = tuple[list[Actor], str]  # the targets, and what the slot held ("", "thing", "name")
NOTHING: Found = ([], "")


def each_other(s: TargetSearch) -> Found:
    """ "Trump and Obama pledged to work together", "greeted each other", "accused one another": a
    coordinated subject acting together or on each other acts on each other (every source on the others)."""
    if len(s.sources) < 2:
        return NOTHING
    holders = [s.trigger.token, *([s.complement.token] if s.complement is not None else [])]
    if any(is_reciprocal(child) for holder in holders for child in holder.children):
        return list(s.sources), ""
    return NOTHING


def is_reciprocal(token: Token) -> bool:
    """ "together", "each other", "one another" (also as a preposition's object: "talked with each other")."""
    if token.dep_ == "advmod" and token.lower_ == "together":
        return True
    if token.dep_ == "prep":
        return any(is_reciprocal(child) for child in token.children if child.dep_ == "pobj")
    return (
        token.dep_ in ("dobj", "pobj")
        and token.lower_ in ("other", "another")
        and any(c.lower_ in ("each", "one") for c in token.children)
    )


def own_slots(s: TargetSearch) -> Found:
    """The slots the pattern names: "attacked Ukraine", "fired at protesters", "gave Ghana a loan"."""
    return slot_targets(s.lex, s.trigger, s.sent, s.state)


def obliged_subject(s: TargetSearch) -> Found:
    """ "said Russia must withdraw": the one obliged is the target."""
    if s.mode != "demand" or s.trigger.pattern.mode != "say":
        return NOTHING
    clause = s.complement.token if s.complement is not None else obliged_clause(s.trigger.token)
    for child in clause.children if clause is not None else ():
        if child.dep_ in ("nsubj", "nsubjpass"):
            return s.resolve(child), ""
    return NOTHING


def for_clause_subject(s: TargetSearch) -> Found:
    """ "called for the prime minister to quit": the subject of the "for ... to" clause is the target."""
    if s.complement is None or s.mode not in ("appeal", "demand"):
        return NOTHING
    clause = s.complement.token
    if any(c.dep_ == "mark" and c.lower_ == "for" for c in clause.children):
        for child in clause.children:
            if child.dep_ == "nsubj":
                return s.resolve(child), ""
    return NOTHING


def clause_slots(s: TargetSearch) -> Found:
    """ "agreed to send tanks to Ukraine", "accused X of attacking Y": the governed clause's target."""
    if s.complement is None or s.mode not in GOVERNING_MODES + BLOCKING_MODES:
        return NOTHING
    return slot_targets(s.lex, s.complement, s.sent, s.state)


def helped_by_purpose(s: TargetSearch) -> Found:
    """ "pledged aid to help Jordan cope": the one a purpose clause helps (aid and intents)."""
    if not is_help(s.code):
        return NOTHING
    for child in s.trigger.token.children:
        if child.dep_ in ("advcl", "xcomp", "acl") and child.lemma_.lower() in s.lex.purpose_verbs:
            for grandchild in child.children:
                if grandchild.dep_ == "dobj":
                    return s.resolve(grandchild), ""
                if grandchild.dep_ in ("ccomp", "xcomp"):
                    for subject in grandchild.children:
                        if subject.dep_ == "nsubj":
                            return s.resolve(subject), ""
    return NOTHING


def protest_purpose(s: TargetSearch) -> Found:
    """ "began a hunger strike to protest against Sweden's decision": the purpose names the target."""
    if not is_protest(s.code):
        return NOTHING
    by_token = s.clauses.by_token
    for clause in by_token.values():
        if clause.token.head.i == s.trigger.token.i and protest_governor(clause, by_token) is s.trigger:
            targets, _ = slot_targets(s.lex, clause, s.sent, s.state)
            if targets:
                return targets, ""
    # "marched on the capital in protest against the president's victory": the phrase names the target
    for noun in prep_objects(s.trigger.token, ("in",)):
        if noun.lemma_.lower() == "protest":
            for against in prep_objects(noun, ("against", "at", "over")):
                targets = s.resolve(against)
                if targets:
                    return targets, ""
    return NOTHING


def interceptors(s: TargetSearch) -> Found:
    """ "intercepted the missiles launched by Iran": who the weapons were fired at."""
    token = s.trigger.token
    if not is_violent(s.code) or token.dep_ != "acl" or token.tag_ != "VBN":
        return NOTHING
    weapon = token.head
    while weapon.dep_ == "conj":
        weapon = weapon.head
    if weapon.dep_ == "pobj" and weapon.head.lower_ == "of":
        weapon = weapon.head.head  # "most of the drones"
    verb = weapon.head
    if weapon.dep_ == "dobj" and verb.lemma_.lower() in s.lex.intercept_verbs:
        for child in verb.children:
            if child.dep_ == "nsubj":
                return s.resolve(child), ""
    return NOTHING


def feeling_about(s: TargetSearch) -> Found:
    """ "encouraged following a meeting with Trump", "confident the chancellor would meet his rules": whom
    a feeling is about, named one level down."""
    return feeling_cause(s.lex, s.trigger.token, s.trigger.pattern, s.sent, s.state), ""


def undergoes(s: TargetSearch) -> Found:
    """ "faces opposition from Tory MPs": the one who faces it."""
    return undergoer(s.lex, s.trigger, s.sent, s.state), ""


def across_the_border(s: TargetSearch) -> Found:
    """ "massed troops on its border with Ukraine", "on the Ukrainian border": force shown, used or
    withdrawn at a border is aimed at the country across it."""
    if not is_at_a_border(s.code):
        return NOTHING
    own = {source.country for source in s.sources}
    holders = [s.trigger.token] + ([s.trigger.noun] if s.trigger.noun is not None else [])
    holders += [c for h in list(holders) for c in h.children if c.dep_ == "dobj"]  # "troops on the border"
    for holder in holders:
        for place in prep_objects(holder, BORDER_PREPS):
            if place.lemma_.lower() not in BORDER_NOUNS:
                continue
            sides = list(prep_objects(place, ("with",)))
            sides += [
                c for c in place.children if c.dep_ in ("amod", "compound") and c.pos_ in ("ADJ", "PROPN")
            ]
            for side in sides:
                actors = [a for a in s.resolve(side) if a.country and a.country not in own]
                if actors:
                    return actors, ""
    return NOTHING


def facing_opposition(s: TargetSearch) -> Found:
    """ "backed down in the face of opposition from trade unions", "under pressure from X": a yielding
    act is to the ones who pressed for it."""
    if not is_yielding(s.code):
        return NOTHING
    token = s.trigger.token
    # the adjunct hangs from the verb or, as the parser often has it, from its object's phrase
    holders = [token, *(o for c in token.children if c.dep_ in ("dobj", "prep") for o in [c, *c.children])]
    faces = [f for h in holders for f in prep_objects(h, ("in",)) if f.lemma_.lower() == "face"]
    pressures = [inner for face in faces for inner in prep_objects(face, ("of",))]
    pressures += [
        p
        for h in holders
        for p in prep_objects(h, ("under", "after", "following", "amid"))
        if p.lemma_.lower() == "pressure"
    ]
    for pressure in pressures:
        for head in prep_objects(pressure, ("from", "by")):
            actors = s.resolve(head)
            if actors:
                return actors, ""
    return NOTHING


def threat_condition(s: TargetSearch) -> Found:
    """ "warned of retaliation if Seoul's efforts falter", "threatened sanctions unless Iran stops": a
    threat is aimed at the one whose act its condition names (the condition's subject, not the source)."""
    if not is_threat(s.code):
        return NOTHING
    own = {source.code for source in s.sources}
    token = s.trigger.token
    holders = [token, *(c for c in token.children if c.dep_ == "xcomp")]  # "threatened to cut gas unless ..."
    for clause in (c for holder in holders for c in holder.children):
        if clause.dep_ != "advcl" or not any(
            c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in clause.children
        ):
            continue
        for subject in (c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")):
            if subject.pos_ == "PRON" or any(c.dep_ == "poss" and c.pos_ == "PRON" for c in subject.children):
                continue  # "warned it could go under if it did not secure", "if its demands are not met": its own
            actors = [a for a in s.resolve(subject) if a.code not in own]
            if actors:
                return actors, ""
    return NOTHING


TargetFallback = Callable[[TargetSearch], Found]
TARGET_FALLBACKS: tuple[TargetFallback, ...] = (
    each_other,
    own_slots,
    obliged_subject,
    for_clause_subject,
    clause_slots,
    helped_by_purpose,
    protest_purpose,
    interceptors,
    feeling_about,
    undergoes,
    across_the_border,
    facing_opposition,
    threat_condition,
)


def find_targets(s: TargetSearch) -> Found:
    """The first fallback's targets, and what the slots held when none found any."""
    slot_seen = ""
    for fallback in TARGET_FALLBACKS:
        targets, seen = fallback(s)
        slot_seen = slot_seen or seen
        if targets:
            return targets, slot_seen
    return [], slot_seen


# --- after the checks of no_target.py ------------------------------------------------------------------


def place_target(s: TargetSearch) -> list[Actor]:
    """ "fresh attacks near Basra": violence in another country than the attacker's is against it."""
    if not is_violent(s.code):
        return []
    lex, trigger, sent, state = s.lex, s.trigger, s.sent, s.state
    holders = [trigger.token] + ([trigger.noun] if trigger.noun is not None else [])
    own = {source.country for source in s.sources}
    subjects = {t.i for h in holders for c in h.children if c.dep_ in SUBJECT_DEPS for t in c.subtree}
    inside = {t.i for h in holders for t in h.subtree} - subjects
    for i, place in state.places:
        if i in inside and place.country and place.country not in own and sent.start <= i < sent.end:
            head = entity_root(sent.doc[i])
            if head.dep_ == "pobj" and head.head.lower_ in PLACE_PREPS:
                return [lex.actors.country_actor(place.country, head.text)]
    for holder in holders:
        for pobj in prep_objects(holder, PLACE_PREPS_STRICT):
            place = place_of(lex, pobj) if pobj.pos_ == "PROPN" or pobj.ent_type_ in GEO_ENTS else None
            if place is None:
                for inner in prep_objects(pobj, ("of", "in")):  # "in the mountains of Kurdistan in Iraq"
                    place = place_of(lex, inner) if inner.pos_ == "PROPN" else None
                    if place is not None:
                        break
            if place is not None and place.country and place.country not in own:
                return [lex.actors.country_actor(place.country, pobj.text)]
    return []
