"""Argument slots: where a trigger's target is read in the parse.

The target is read from the slots the pattern names (`dobj`, `dative`, a preposition), tried in order by
the readers of `SLOT_READERS`. What to try when the slots name no target is in transforms/coder/targets.py;
where the source is read, transforms/coder/sources.py.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace

from spacy.tokens import Span, Token

from transforms.actors import Actor
from transforms.cameo import is_claim_of_responsibility, is_material, is_material_conflict
from transforms.coder.lexicon import Lexicon
from transforms.coder.mentions import resolve, resolve_all
from transforms.coder.mode import is_hypothetical
from transforms.coder.model import ArticleState, Trigger
from transforms.coder.names import PRONOUNS_RELATIVE, head_role, role_name
from transforms.coder.parse import act_lemma, is_passive, prep_objects, target_prep
from transforms.coder.setting import place_of
from transforms.coder.sources import noun_sources
from transforms.coder.triggers import match_noun

# --- the target: the pattern's slots ------------------------------------------------------------------


def target_heads(trigger: Trigger, sent: Span) -> Iterator[Token]:
    """The heads of the phrases in the slots the pattern names, in the pattern's order."""
    token = trigger.token
    passive = is_passive(token)
    anchors = [token]
    if trigger.noun is not None:
        anchors = [trigger.noun, token] if trigger.light is not None else [trigger.noun]
    for slot in trigger.pattern.targets:
        if slot == "dobj":
            for anchor in anchors:
                for child in anchor.children:
                    is_object = (
                        child.dep_ == "dobj" or (child.dep_ == "oprd" and child.pos_ in ("NOUN", "PROPN"))
                    ) and (trigger.noun is None or child.i != trigger.noun.i)
                    if is_object or (passive and child.dep_ == "nsubjpass"):
                        yield child
                if anchor.dep_ == "acl" and anchor.tag_ == "VBN":
                    yield anchor.head
            # "killed or wounded 1,500 soldiers": coordinated verbs share the object
            if not any(c.dep_ == "dobj" for c in token.children):
                for conj in token.conjuncts:
                    if conj.i > token.i:
                        yield from (c for c in conj.children if c.dep_ == "dobj")
            # "help Jordan cope", "urged Iran to release": the clause's subject
            for child in token.children:
                if child.dep_ in ("ccomp", "xcomp"):
                    for grandchild in child.children:
                        if grandchild.dep_ == "nsubj":
                            yield grandchild
        elif slot == "dative":
            for anchor in anchors:
                for child in anchor.children:
                    if child.dep_ == "dative":
                        yield child
                        yield from (g for g in child.children if g.dep_ == "pobj")
        else:
            objects = [c for a in anchors for c in a.children if c.dep_ == "dobj"]
            objects += [p for o in objects for p in prep_objects(o, ("of",))]
            for anchor in [*anchors, *objects]:
                for child in anchor.children:
                    if child.dep_ in ("prep", "dative", "prt", "agent") and child.lower_ == slot:
                        yield from (g for g in child.children if g.dep_ == "pobj")


def pattern_slot(lex: Lexicon, trigger: Trigger, sent: Span, state: ArticleState) -> tuple[list[Actor], str]:
    """The first resolved phrase of the pattern's slots, and what the slots held: "" nothing, "thing" a
    common noun ("the deal"), "name" a name or other word the dictionaries do not know."""
    slot_seen = ""
    for head in target_heads(trigger, sent):
        if (
            head.pos_ not in ("NOUN", "PROPN", "PRON", "NUM", "ADJ")
            and head.lower_ not in PRONOUNS_RELATIVE
            and not (
                head.dep_ == "dobj" and head.tag_ == "VBZ"
            )  # "criticised Tory promises": a noun tagged as a verb
        ):
            continue
        if head.ent_type_ in ("DATE", "TIME"):
            continue  # "called on Tuesday for ..."
        if slot_seen != "thing":
            named = head
            if head.lower_ in PRONOUNS_RELATIVE and head.head.dep_ == "relcl":
                named = head.head.head  # "a provocation which was condemned": the antecedent
            slot_seen = "thing" if named.pos_ == "NOUN" else "name"
        actors = resolve_target(lex, head, trigger, sent, state)
        if actors:
            trigger.words.extend(t for t in target_prep(head) if t not in trigger.words)
            return actors, slot_seen
        if head.i in state.people:
            return [], "name"  # a person the coder cannot code is the one acted on
    return [], slot_seen


def deeper_preposition(
    lex: Lexicon, trigger: Trigger, sent: Span, state: ArticleState
) -> tuple[list[Actor], str]:
    """ "loans totalling $390 million from Japan": the pattern's preposition deeper in the object; only
    a resolved actor there counts."""
    anchors = [trigger.noun] if trigger.noun is not None else [trigger.token]
    objects = [c for a in anchors for c in a.children if c.dep_ == "dobj"]
    for slot in trigger.pattern.targets:
        if slot in ("dobj", "dative"):
            continue
        for obj in objects:
            for inner in obj.subtree:
                if inner.dep_ == "prep" and inner.lower_ == slot and inner.head.i != obj.i:
                    for head in (g for g in inner.children if g.dep_ == "pobj"):
                        actors = resolve_target(lex, head, trigger, sent, state)
                        if actors:
                            return actors, ""
    return [], ""


def object_author(lex: Lexicon, trigger: Trigger, sent: Span, state: ArticleState) -> tuple[list[Actor], str]:
    """ "vetoed a U.S.-drafted resolution": the object's author is the one acted on."""
    if "dobj" not in trigger.pattern.targets:
        return [], ""
    for obj in (c for c in trigger.token.children if c.dep_ == "dobj"):
        for mod in obj.children:
            name, _, suffix = mod.text.rpartition("-")
            if mod.dep_ not in ("amod", "compound") or suffix.lower() not in lex.authored_forms or not name:
                continue
            refs = lex.actors.names.get((name,))
            if refs:
                day = state.ctx.published
                return [lex.actors.actor(lex.actors.pick(refs, day), day, mod.text)], ""
    return [], ""


SlotReader = Callable[[Lexicon, Trigger, Span, ArticleState], tuple[list[Actor], str]]
SLOT_READERS: tuple[SlotReader, ...] = (pattern_slot, deeper_preposition, object_author)


def slot_targets(lex: Lexicon, trigger: Trigger, sent: Span, state: ArticleState) -> tuple[list[Actor], str]:
    """The target actors of the pattern's slots, and what the slots held when none resolved (see
    `pattern_slot`)."""
    slot_seen = ""
    for reader in SLOT_READERS:
        actors, seen = reader(lex, trigger, sent, state)
        slot_seen = slot_seen or seen
        if actors:
            return actors, slot_seen
    return [], slot_seen


def resolve_target(
    lex: Lexicon, head: Token, trigger: Trigger, sent: Span, state: ArticleState
) -> list[Actor]:
    """A target phrase's actors; an event noun there stands for its actor ("condemned the Russian
    attack" targets Russia) or, when claiming responsibility, for its target."""
    noun = match_noun(lex, head) if head.pos_ == "NOUN" else None
    if noun is None and head.pos_ == "NOUN" and head.lemma_.lower() in ("launch", "test", "strike"):
        noun = Trigger(head, trigger.pattern, [head], noun=head)  # a launch or test is an act too
    if noun is not None and (
        (is_material(noun.pattern.code) and is_material_conflict(noun.pattern.code))
        or noun.pattern is trigger.pattern
    ):
        if is_claim_of_responsibility(trigger.pattern.code):
            targets, _ = slot_targets(lex, noun, sent, state)
            return targets
        return noun_sources(lex, head, sent, state) or earlier_act(head, state)
    if head.pos_ == "NOUN" and head.lemma_.lower() in lex.place_of_nouns:
        for inner in prep_objects(head, ("of",)):  # "to the southern city of Kherson"
            actors = resolve_all(lex, inner, sent, state, "target") if inner.pos_ == "PROPN" else []
            if actors:
                return actors
            place = place_of(lex, inner) if inner.pos_ == "PROPN" else None
            if place is not None and place.country:
                return [lex.actors.country_actor(place.country, inner.text)]
    return resolve_all(lex, head, sent, state, "target")


def earlier_act(noun: Token, state: ArticleState) -> list[Actor]:
    """ "condemned the launch": whoever was coded launching earlier in the article."""
    lemma = act_lemma(noun)
    for position, act, actors in reversed(state.acts):
        if position < noun.i and act == lemma:
            return [replace(a, text=noun.text) for a in actors]
    return []


def unnamed_people(lex: Lexicon, trigger: Trigger) -> list[Actor]:
    """ "police arrested a man", "a suspect was detained": people force is used on whom no dictionary
    names are civilians (CVL, or the role the noun names: "gunman" UAF), their country found later; named
    by the noun as the text has it ("man", "tram driver"), not by the role's label."""
    for head in target_heads(trigger, trigger.token.sent):
        if head.lemma_.lower() in lex.victims or head.lower_ in lex.victims:
            found = lex.actors.role_of(head)
            role = found[0] if found is not None else "CVL"
            phrase = head.doc[head.left_edge.i : head.right_edge.i + 1].text
            return [Actor(role, role_name(head), "", role, "role", phrase)]
    return []


def unnamed_object(lex: Lexicon, trigger: Trigger) -> bool:
    """Whether the act's object is a person or ground no dictionary could name ("shot the driver")."""
    return any(
        head.lemma_.lower() in lex.unnamed_objects or head.lower_ in lex.unnamed_objects
        for head in target_heads(trigger, trigger.token.sent)
    )


# --- what a statement is about -------------------------------------------------------------------------


def say_targets(
    lex: Lexicon, trigger: Trigger, sent: Span, state: ArticleState, speakers: list[Actor]
) -> list[Actor]:
    """Who a statement is addressed to or about: "told X", else the subject of what was said."""
    token = trigger.token
    for child in token.children:
        if child.dep_ in ("dobj", "dative"):
            actors = resolve_all(lex, child, sent, state, "")
            if actors:
                return actors
    clauses = [c for c in token.children if c.dep_ == "ccomp"]
    while clauses:
        clause = clauses.pop(0)
        if is_hypothetical(lex, clause, sent) or clause.lemma_.lower() in lex.speculation:
            continue
        for child in clause.children:
            if child.dep_ in ("nsubj", "nsubjpass") and (
                child.i in state.names or child.pos_ == "PRON" or head_role(lex, child)
            ):
                actors = [
                    a for a in resolve(lex, child, sent, state) if a.code not in {s.code for s in speakers}
                ]
                if actors:
                    return actors
        clauses.extend(c for c in clause.children if c.dep_ in ("ccomp", "xcomp"))
    return []
