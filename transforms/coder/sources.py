"""The source of a trigger: who acts, read in the parse.

The source is the subject (the agent in the passive; the subject of the governing clause for a clause
without one), or the explicit actor of an event noun ("Russia's invasion", "the attack by X"). A passive
that names no agent takes the actor of the act it happened in ("were killed in Israeli shelling") or the
role its pattern gives ("was arrested": the police); an unnamed person using force is a criminal of the
place. Where the target is read is transforms/coder/slots.py.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from transforms.actors import Actor
from transforms.cameo import is_feeling, is_force, is_state_of_mind, is_violent
from transforms.coder.lexicon import Lexicon
from transforms.coder.mentions import resolve_all
from transforms.coder.model import ArticleState, Trigger
from transforms.coder.names import resolve_name
from transforms.coder.nominal import party_sources
from transforms.coder.parse import is_passive, prep_objects
from transforms.coder.triggers import match_noun

# Whom an unnamed person using force is: a criminal of the country where it happened.
PERPETRATOR = "CRM"


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
