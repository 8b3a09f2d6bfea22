"""Trigger matching: which tokens of a sentence match a verb or noun pattern of verbs.tsv, and which row.

A verb is matched with its particle and the words of its object ("fired tear gas at"); a light verb
("held talks", "launched an attack") or a light preposition ("engaged in ethnic cleansing") is matched
through its event noun; an event noun alone through its modifiers ("air strike", "humanitarian aid").
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from transforms.coder.lexicon import Lexicon
from transforms.coder.model import Trigger
from transforms.coder.parse import is_passive, particle, prep_objects
from transforms.verbs import NO_EVENT, Pattern


def find_triggers(lex: Lexicon, sent: Span) -> list[Trigger]:
    """The sentence's verbs (and predicate adjectives) that match a pattern, then its event nouns that no
    verb took as its object."""
    found: list[Trigger] = []
    used_nouns: set[int] = set()
    for token in sent:
        pos = token.pos_
        if pos in ("VERB", "AUX") or (pos == "ADJ" and token.dep_ in ("acomp", "amod", "ROOT", "conj")):
            trigger = match_verb(lex, token)
            if trigger is not None:
                if trigger.noun is not None:
                    used_nouns.add(trigger.noun.i)
                found.append(trigger)
    for token in sent:
        if (
            token.pos_ in ("NOUN", "PROPN")
            and token.i not in used_nouns
            and token.dep_ not in ("compound", "amod", "nmod")
        ):
            trigger = match_noun(lex, token)
            if trigger is not None:
                found.append(trigger)
    return found


def verb_lemma(lex: Lexicon, token: Token) -> str:
    """A verb's lemma, corrected where the small model gets it wrong ("staged" -> "stage", not "stag")."""
    lemma = token.lemma_.lower()
    if token.pos_ in ("VERB", "AUX"):
        return lex.lemma_fixes.get(token.lower_, lemma)
    return lemma


def object_words(token: Token, passive: bool) -> tuple[Token | None, frozenset[str]]:
    """A verb's object and the words a pattern's object column is matched on: the object's head and
    modifiers, its "of"/"in"/"with" phrase, prepositional objects and complements."""
    obj = None
    for child in token.children:
        if child.dep_ == "dobj" or (passive and child.dep_ == "nsubjpass"):
            obj = child
            break
    if obj is None and token.dep_ == "acl" and token.tag_ == "VBN":
        obj = token.head
    if obj is None:
        for child in token.children:
            if child.dep_ in ("attr", "oprd"):
                obj = child
                break
    words: set[str] = set()
    for child in token.children:
        if child.dep_ in ("xcomp", "advmod", "oprd", "ccomp", "acomp"):
            words.add(child.lemma_.lower())
            words.update(
                g.lemma_.lower() for g in child.children if g.dep_ in ("amod", "acomp", "attr", "compound")
            )
        elif child.dep_ in ("prep", "agent", "dative"):
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    words.update((pobj.lemma_.lower(), pobj.lower_))
                    words.update(m.lemma_.lower() for m in pobj.children if m.dep_ in ("compound", "amod"))
                elif pobj.dep_ == "pcomp" and any(w.tag_ in ("WP", "WDT") for w in pobj.children):
                    words.add(pobj.lemma_.lower())  # "looking into what caused the crash": the cause
    if obj is None:
        return None, frozenset(words)
    words.update((obj.lemma_.lower(), obj.lower_))
    for child in obj.children:
        if child.dep_ in ("compound", "amod", "nmod", "nummod", "quantmod"):
            words.add(child.lemma_.lower())
            words.add(child.lower_)
        elif child.dep_ == "prep" and child.lower_ in ("of", "in", "with"):
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    words.add(grandchild.lemma_.lower())
                    for modifier in grandchild.children:
                        if modifier.dep_ in ("compound", "amod"):
                            words.add(modifier.lemma_.lower())
    if obj.pos_ != "NOUN":
        # "seizing 12 Somali and 11 Yemeni nationals": an elliptical head shares the noun of its conjunct
        words.update(c.lemma_.lower() for c in obj.children if c.dep_ == "conj" and c.pos_ == "NOUN")
    if obj.tag_ == "$" or any(c.tag_ == "$" for c in obj.subtree):
        words.add("$money")
    return obj, frozenset(words)


def match_verb(lex: Lexicon, token: Token) -> Trigger | None:
    """The most specific verb row matching `token` (particle and object first), or its light noun's."""
    lemma = participle_lemma(lex, token) or verb_lemma(lex, token)
    passive = is_passive(token)
    obj, words = object_words(token, passive)
    best: Pattern | None = None
    best_rank = (-1, -1)
    particle_token: Token | None = None
    for pattern in lex.verbs.candidates("V", lemma):
        if pattern.specificity < best_rank[0]:
            break  # candidates come most specific first
        found_particle = None
        if pattern.particle:
            found_particle = particle(token, pattern.particle)
            if found_particle is None:
                continue
        score = pattern.object_score(words)
        if score < 0:
            continue
        if (pattern.specificity, score) > best_rank:
            best, best_rank, particle_token = pattern, (pattern.specificity, score), found_particle
    if best is not None and best.code == NO_EVENT:
        return None
    if (best is None or best.specificity == 0) and obj is not None and lemma in lex.light_verbs:
        for noun_token in (obj, *prep_objects(obj, ("of",))):
            noun = match_noun(lex, noun_token, light=token)
            if noun is not None:
                return noun
    if best is None and lemma in lex.light_preps:
        # "engaged in ethnic cleansing", "responsible for mass killings"
        for noun_token in prep_objects(token, ("in", "for", "of")):
            noun = match_noun(lex, noun_token, light=token)
            if noun is not None:
                return noun
    if best is None:
        return None
    trigger_words = [token]
    if particle_token is not None:
        trigger_words.append(particle_token)
    if best.objects and obj is not None:
        trigger_words.append(obj)
        trigger_words.extend(c for c in obj.children if c.dep_ == "compound")
    return Trigger(token, best, trigger_words)


def participle_lemma(lex: Lexicon, token: Token) -> str | None:
    """A participle that a row lists as a word of its own, used as an adjective: "was encouraged by the
    talks" is a feeling (the row of "encouraged"), "encouraged Iran to negotiate" an appeal (of "encourage")."""
    if token.tag_ != "VBN" or not lex.verbs.candidates("V", token.lower_):
        return None
    if any(
        c.dep_ in ("dobj", "xcomp", "ccomp", "dative") or (c.dep_ == "mark" and c.lower_ == "as")
        for c in token.children
    ):
        return None  # "encouraged Iran to negotiate"; "as far as I am concerned"
    return token.lower_


def match_noun(lex: Lexicon, token: Token, light: Token | None = None) -> Trigger | None:
    """The noun row matching an event noun and its modifiers ("air strike"), carried by `light` if given."""
    candidates = lex.verbs.candidates("N", token.lemma_.lower())
    if not candidates:
        return None
    modifiers = {token.lemma_.lower(), token.lower_}
    for child in token.children:
        if child.dep_ in ("compound", "amod", "nmod", "npadvmod"):
            modifiers.update((child.lemma_.lower(), child.lower_))
        elif child.dep_ == "prep" and child.lower_ in ("of", "to", "on", "against", "for"):
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    modifiers.update((pobj.lemma_.lower(), pobj.lower_))
                    modifiers.update(
                        m.lemma_.lower() for m in pobj.children if m.dep_ in ("compound", "amod")
                    )
    found = frozenset(modifiers)
    ranked = sorted(candidates, key=lambda p: (-p.specificity, -p.object_score(found)))
    for pattern in ranked:
        if pattern.object_matches(found):
            words = [token]
            if light is not None:
                words.insert(0, light)
            if pattern.objects:
                words.extend(c for c in token.children if c.dep_ in ("compound", "amod"))
            return Trigger(light or token, pattern, words, noun=token, light=light)
    return None
