"""Argument slots: where a trigger's source and target are read in the parse.

The source is the subject (the agent in the passive; the subject of the governing clause for a clause
without one), or the explicit actor of an event noun ("Russia's invasion", "the attack by X"). The target
is read from the slots the pattern names (`dobj`, `dative`, a preposition), tried in order by the
readers of `SLOT_READERS`. What to try when the slots name no target is in transforms/coder/targets.py.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace

from spacy.tokens import Span, Token

from transforms.actors import Actor
from transforms.cameo import (
    is_claim_of_responsibility,
    is_feeling,
    is_force,
    is_material,
    is_material_conflict,
    is_state_of_mind,
    is_violent,
)
from transforms.coder.lexicon import Lexicon
from transforms.coder.mentions import resolve, resolve_all
from transforms.coder.mode import is_hypothetical
from transforms.coder.model import ArticleState, Trigger
from transforms.coder.names import PRONOUNS_RELATIVE, head_role, resolve_name, role_name
from transforms.coder.nominal import party_sources
from transforms.coder.parse import act_lemma, is_passive, prep_objects, target_prep
from transforms.coder.setting import place_of
from transforms.coder.triggers import match_noun

# Whom an unnamed person using force is: a criminal of the country where it happened.
PERPETRATOR = "CRM"


# --- the source ----------------------------------------------------------------------------------------


def sources(lex: Lexicon, trigger: Trigger, sent: Span, state: ArticleState) -> list[Actor]:
    """Who acts: an event noun's explicit actor, else the first subject slot that resolves."""
    token = trigger.token
    if trigger.noun is not None and trigger.light is None:
        return noun_sources(lex, trigger.noun, sent, state) or party_sources(lex, trigger, sent, state)
    if is_to_blame(token):
        return []  # "concluded that Comey is to blame": Comey is the one blamed, not who blames
    # a state of mind's passive subject is who holds it ("Russia is worried"); a feeling is its subject's
    # ("Russia was encouraged by the talks"): the state_of_mind and feeling tags of code_tags.tsv
    stative = is_state_of_mind(trigger.pattern.code) or trigger.pattern.mode == "intent"
    feeling = is_feeling(trigger.pattern.code)
    subject_clause: int | None = None  # the clause of the first grammatical subject met
    for head in subject_heads(lex, token, sent, stative, feeling):
        clause = _clause_of_subject(head)
        if subject_clause is not None and clause != subject_clause:
            # "a ship struck the bridge, police said": the act's subject names no actor we know, so the
            # act is no one's; the subject of the clause above it did not do it
            return []
        actors = resolve_all(lex, head, sent, state, "source")
        if actors:
            return actors
        if head.i in state.people:
            return []  # the subject is a person the coder cannot code: not whoever else is named
        if subject_clause is None and clause is not None and not _refers_back(head):
            subject_clause = clause
    return implied_agents(lex, trigger, sent, state) or unnamed_perpetrators(lex, trigger)


def unnamed_perpetrators(lex: Lexicon, trigger: Trigger) -> list[Actor]:
    """ "A man stabbed three people", "were killed by the driver of the truck": an unnamed person (a word of
    `@VICTIM`) using force is a criminal (CRM) of the country where it happened, as "a gunman" is UAF; the
    act's own subject or agent only, and only for violence (18-20). A mishap verb ("a driver crashed his car
    into a wall") is an accident, no one's act."""
    token = trigger.token
    if not is_violent(trigger.pattern.code) or trigger.noun is not None:
        return []
    if token.lemma_.lower() in lex.mishap_verbs:
        return []
    heads = [c for c in token.children if c.dep_ == "nsubj"] if not is_passive(token) else []
    heads += [g for c in token.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    for head in heads:
        if head.lemma_.lower() in lex.victims or head.lower_ in lex.victims:
            phrase = head.doc[head.left_edge.i : head.right_edge.i + 1].text
            return [
                Actor(
                    PERPETRATOR,
                    lex.actors.role_labels.get(PERPETRATOR, PERPETRATOR),
                    "",
                    PERPETRATOR,
                    "role",
                    phrase,
                )
            ]
    return []


def is_to_blame(token: Token) -> bool:
    """ "X is to blame", "who was to blame": the infinitive reads as a passive, its subject is blamed."""
    return (
        token.lemma_.lower() == "blame"
        and token.dep_ == "xcomp"
        and token.head.lemma_.lower() == "be"
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
        and not any(c.dep_ == "dobj" for c in token.children)
    )


def implied_agents(lex: Lexicon, trigger: Trigger, sent: Span, state: ArticleState) -> list[Actor]:
    """Who acts in a passive that names no agent: the actor of the act it happened in ("were killed in
    Israeli shelling", "in an attack by X", "in a clash with Chinese troops"), else the role its pattern
    gives ("was arrested": the police, `agent=COP`)."""
    token = trigger.token
    if trigger.noun is not None or not is_passive(token) or any(c.dep_ == "agent" for c in token.children):
        return []
    for act in prep_objects(token, ("in", "during")):
        noun = match_noun(lex, act) if act.pos_ == "NOUN" else None
        if noun is None or not is_force(noun.pattern.code):
            continue
        actors = noun_sources(lex, act, sent, state)
        if not actors and (noun.pattern.symmetric or act.lemma_.lower() in ("clash", "fighting", "battle")):
            for other in prep_objects(act, ("with",)):  # "a clash with Chinese troops": the other side
                actors = resolve_all(lex, other, sent, state, "source")
                if actors:
                    break
        if actors:
            return actors
    if trigger.pattern.agent:
        role = trigger.pattern.agent
        for word in sent:  # "Polish police released the man, who was detained": the police named
            found = lex.actors.role_of(word) if word.pos_ in ("NOUN", "PROPN") else None
            if found is not None and found[0] == role and word.i != token.i:
                actors = resolve_all(lex, word, sent, state, "source")
                if actors and all(a.role == role for a in actors):
                    return actors
        return [Actor(role, lex.actors.role_labels.get(role, role), "", role, "role", "")]
    return []


def _refers_back(head: Token) -> bool:
    """A subject that may be someone named above it: a pronoun ("police revealed they are investigating")
    or a description through one ("the minister said his country would release the pilot")."""
    return head.pos_ == "PRON" or any(c.dep_ == "poss" and c.pos_ == "PRON" for c in head.children)


def _clause_of_subject(head: Token) -> int | None:
    """The verb `head` is the grammatical subject (or passive agent) of, if it is one."""
    if head.ent_type_ in ("DATE", "TIME", "CARDINAL", "QUANTITY", "PERCENT", "MONEY"):
        return None  # "extended by three months" is no agent
    if head.dep_ in ("nsubj", "nsubjpass"):
        return head.head.i
    if head.dep_ == "pobj" and head.head.dep_ == "agent":
        return head.head.head.i
    return None


def noun_sources(lex: Lexicon, noun: Token, sent: Span, state: ArticleState) -> list[Actor]:
    """The explicit actor of an event noun: "Russia's invasion", "the Russian attack", "attack by X"."""
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "by":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return resolve_all(lex, pobj, sent, state, "source")
    for child in noun.children:
        if child.dep_ == "poss":
            actors = resolve_all(lex, child, sent, state, "source")
            if actors:
                return actors
    for child in noun.children:
        if child.dep_ in ("amod", "compound", "nmod") and child.i in state.names:
            actors = resolve_name(lex, state.names[child.i], sent, state)
            if actors:
                return actors
    return []


def subject_heads(
    lex: Lexicon, token: Token, sent: Span, stative: bool = False, feeling: bool = False
) -> Iterator[Token]:
    """Where the source of `token`'s action is named, most direct first: its subject (the agent in the
    passive, but the one who feels for a feeling: "Russia was encouraged by the talks"), else the subject
    of the clause it belongs to."""
    current = token
    if feeling and is_passive(token):
        yield from (c for c in token.children if c.dep_ == "nsubjpass")
    for _ in range(6):
        passive = is_passive(current)
        for child in current.children:
            if passive and child.dep_ == "agent":
                yield from (g for g in child.children if g.dep_ == "pobj")
            elif not passive and child.dep_ == "nsubj" and (current.i == token.i or current.dep_ != "relcl"):
                yield child
        if passive and current.i == token.i and stative:
            yield from (c for c in current.children if c.dep_ == "nsubjpass")  # "Russia is worried"
        if passive and current.i == token.i and current.dep_ not in ("acl", "conj"):
            return  # "X was attacked" names no attacker; one shared with a coordinated verb still counts
        dep = current.dep_
        head = current.head
        if not (sent.start <= head.i < sent.end) or head.i == current.i:
            return
        if dep == "relcl":
            if not passive:
                yield head
            return
        if dep == "acl":
            if current.tag_ == "VBG" or not passive:
                yield head  # "people protesting", "a declaration demanding"
            if head.dep_ in ("dobj", "pobj", "attr") and head.lemma_.lower() in lex.document_nouns:
                current = head.head if head.dep_ != "pobj" else head.head.head
                continue
            return
        if dep == "xcomp" and head.lemma_.lower() in lex.object_control:
            for child in head.children:
                if child.dep_ == "dobj":
                    yield child
        if dep in ("xcomp", "conj", "advcl", "ccomp", "pcomp", "acomp") or head.pos_ == "AUX":
            if dep == "pcomp":
                head = head.head
            current = head
            continue
        if dep == "prep":
            current = head
            continue
        return


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
