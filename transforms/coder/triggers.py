"""Trigger matching: which tokens of a sentence match a verb or noun pattern of verbs.tsv, and which row.

A verb is matched with its particle and the words of its object ("fired tear gas at"); a light verb
("held talks", "launched an attack") or a light preposition ("engaged in ethnic cleansing") is matched
through its event noun; an event noun alone through its modifiers ("air strike", "humanitarian aid").
"""

from __future__ import annotations

from bisect import bisect_left

from spacy.attrs import DEP, POS
from spacy.symbols import ADJ, AUX, NOUN, PROPN, VERB
from spacy.tokens import Doc, Span, Token

from transforms.coder.lexicon import Lexicon
from transforms.coder.model import Trigger
from transforms.coder.parse import is_passive, particle, prep_objects
from transforms.doc_memo import doc_words, per_document, remember_last
from transforms.verbs import ACT_OBJECT, ACTOR_OBJECT, NO_EVENT, PREDICATE_OBJECT, Pattern, VerbDictionary

# Named entities and pronouns that name someone (the @ACTOR object of verbs.tsv).
ACTOR_ENTITIES = frozenset({"PERSON", "ORG", "NORP", "GPE", "LOC", "FAC"})
ACTOR_PRONOUNS = frozenset(
    {"him", "her", "them", "he", "she", "they", "who", "whom", "himself", "herself", "themselves"}
)


def find_triggers(lex: Lexicon, sent: Span) -> list[Trigger]:
    """The sentence's verbs (and predicate adjectives) that match a pattern, then its event nouns that no
    verb took as its object."""
    found: list[Trigger] = []
    used_nouns: set[int] = set()
    nouns: list[Token] = []  # read in the same pass: the words are read once
    doc = sent.doc
    words = _trigger_words(doc)
    # most words have no row: that is read in the document's word lists, before a Token is made for them
    lemmas, lowers = doc_words(doc).lemma, doc_words(doc).lower
    first = bisect_left(words, (sent.start, False))
    for i, is_verb, verb_pos in words[first : bisect_left(words, (sent.end, False), first)]:
        if is_verb:
            if not _may_match_verb(lex, lowers[i], lemmas[i], verb_pos):
                continue  # match_verb would find nothing (is_connective only skips the word as well)
            token = doc[i]
            if is_connective(token):
                continue
            trigger = match_verb(lex, token)
            if trigger is not None:
                if trigger.noun is not None:
                    used_nouns.add(trigger.noun.i)
                found.append(trigger)
        elif lex.verbs.candidates("N", lemmas[i]):  # match_noun's first test: a noun with no row
            nouns.append(doc[i])
    for token in nouns:
        if token.i not in used_nouns:
            trigger = match_noun(lex, token)
            if trigger is not None:
                found.append(trigger)
    return found


def _may_match_verb(lex: Lexicon, lower: str, lemma: str, verb_pos: bool) -> bool:
    """Whether `match_verb` may find a row for a word (its lower form and lower-case lemma; `verb_pos`:
    tagged VERB or AUX): the lemma it reads has rows, or it is a light verb or preposition, or the word is
    a participle with rows of its own. Any word is taken for a participle (`vbn`): the tag is not read here,
    and whether the participle is used as an adjective needs the Token."""
    lemma, participle = verb_lemmas(lex, lower, lemma, verb_pos, vbn=True)
    return (
        participle is not None
        or bool(lex.verbs.candidates("V", lemma))
        or lemma in lex.light_verbs
        or lemma in lex.light_preps
    )


@per_document
def _trigger_words(doc: Doc) -> list[tuple[int, bool, bool]]:
    """The words of `doc` that may trigger, in order, each with whether it is read as a verb and whether it
    is tagged VERB or AUX: verbs and auxiliaries, predicate and modifying adjectives (as verbs); nouns and
    proper nouns that are no modifier of another noun (as event nouns). Read from arrays of the document's
    tags, no Token object per word."""
    if not len(doc):
        return []
    strings = doc.vocab.strings
    rows = doc.to_array([POS, DEP]).tolist()
    labels = {dep: strings[dep] for dep in {dep for _, dep in rows}}
    words: list[tuple[int, bool, bool]] = []
    for i, (pos, dep) in enumerate(rows):
        if pos in (VERB, AUX):
            words.append((i, True, True))
        elif pos == ADJ and labels[dep] in ("acomp", "amod", "ROOT", "conj"):
            words.append((i, True, False))
        elif pos in (NOUN, PROPN) and labels[dep] not in ("compound", "amod", "nmod"):
            words.append((i, False, False))
    return words


def is_connective(token: Token) -> bool:
    """A participle that "as" introduces with no subject of its own links phrases, it reports no act: "a real
    obligation as opposed to a recommendation", "as expected", "as agreed"."""
    return (
        token.tag_ == "VBN"
        and token.i > 0
        and token.nbor(-1).lower_ == "as"
        and token.nbor(-1).head == token
        and not any(child.dep_ in ("nsubj", "nsubjpass") for child in token.children)
    )


def verb_lemma(lex: Lexicon, token: Token) -> str:
    """A verb's lemma, corrected where the small model gets it wrong (`verb_lemmas`)."""
    return verb_lemmas(lex, token.lower_, token.lemma_.lower(), token.pos_ in ("VERB", "AUX"), vbn=False)[0]


def verb_lemmas(lex: Lexicon, lower: str, lemma: str, verb_pos: bool, vbn: bool) -> tuple[str, str | None]:
    """The lemma a word's verb rows are found by, and the form it is read by instead if it is a participle
    used as an adjective (`adjectival_participle`), from its lower form, lower-case lemma, whether it is
    tagged VERB or AUX and whether VBN. A verb's lemma is corrected where the small model gets it wrong
    ("staged" -> "stage", not "stag"); a participle is read as itself only where a row lists it as a word
    of its own ("was encouraged by the talks" is a feeling, the row of "encouraged"), else None. Plain
    values: the document's word lists (`find_triggers`) are read by the rule a Token is read by."""
    if verb_pos:
        lemma = lex.lemma_fixes.get(lower, lemma)
    return lemma, (lower if vbn and lex.verbs.candidates("V", lower) else None)


def verb_object(token: Token, passive: bool) -> Token | None:
    """A verb's object: its direct object (a passive's subject), the noun a participle describes ("the
    weapons seized"), else its attribute or predicate."""
    for child in token.children:
        if child.dep_ == "dobj" or (passive and child.dep_ == "nsubjpass"):
            return child
    if token.dep_ == "acl" and token.tag_ == "VBN":
        return token.head
    for child in token.children:
        if child.dep_ in ("attr", "oprd"):
            return child
    return None


def object_words(token: Token, passive: bool) -> tuple[Token | None, frozenset[str]]:
    """A verb's object and the words a pattern's object column is matched on: the object's head and
    modifiers, its "of"/"in"/"with" phrase, prepositional objects and complements."""
    obj = verb_object(token, passive)
    words: set[str] = set()
    for child in token.children:
        if child.dep_ in ("xcomp", "advmod", "oprd", "ccomp", "acomp"):
            words.add(child.lemma_.lower())
            words.update(
                g.lemma_.lower() for g in child.children if g.dep_ in ("amod", "acomp", "attr", "compound")
            )
            # a clause's conjunction: "demonstrated that it could reach Guam" shows, not protests
            words.update(g.lower_ for g in child.children if child.dep_ == "ccomp" and g.dep_ == "mark")
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
        elif child.dep_ in ("acl", "relcl") and child.pos_ == "VERB":
            # "free five people trapped in the wreckage", "people who were trapped": what the object is
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


def names_an_actor(lex: Lexicon, head: Token) -> bool:
    """Whether a phrase's head names someone who can act or be acted on: a named person, organisation,
    people or place, a role noun ("police", "minister"), a word for people ("hostages", "civilians") or a
    pronoun for a third party ("him", "them") or a bare number ("released the four": people counted).
    Objects that are things ("footage", "photos") do not."""
    if head.pos_ == "PRON":
        return head.lower_ in ACTOR_PRONOUNS
    if head.pos_ == "NUM":
        return head.ent_type_ in ("", "CARDINAL")
    if head.ent_type_ in ACTOR_ENTITIES or head.pos_ == "PROPN" or (head.text,) in lex.actors.names:
        return True  # a name, whether or not the parser tagged it as one ("the four Britons")
    lemma = head.lemma_.lower()
    return (
        lemma in lex.person_words or head.lower_ in lex.person_words or lex.actors.role_of(head) is not None
    )


def governs_an_act(token: Token) -> bool:
    """Whether a verb's object is an act of its own: a gerund ("considering buying"), a clause with
    "whether" or "how" ("weighing whether to strike"); the @ACT object of verbs.tsv."""
    for child in token.children:
        if child.dep_ in ("xcomp", "ccomp", "dobj", "pcomp") and child.tag_ == "VBG":
            return True
        if child.dep_ in ("xcomp", "ccomp") and any(
            g.dep_ in ("mark", "advmod") and g.lower_ in ("whether", "how") for g in child.children
        ):
            return True
    return False


def has_predicate(token: Token) -> bool:
    """Whether a verb says what its object is: "considered it illegal", "is considered a threat",
    "considers the territory to be disputed" (the @PREDICATE object of verbs.tsv)."""
    for child in token.children:
        if child.dep_ in ("oprd", "acomp") or (child.dep_ == "attr" and is_passive(token)):
            return True
        if child.dep_ == "xcomp" and child.tag_ != "VBG" and (
            child.pos_ in ("ADJ", "NOUN") or child.lemma_ == "be"
        ):
            return True
        if child.dep_ == "ccomp" and child.pos_ in ("ADJ", "NOUN"):
            return True
    return False


def match_verb(lex: Lexicon, token: Token) -> Trigger | None:
    """The most specific verb row matching `token` (particle and object first), or its light noun's."""
    lemma, participle = verb_lemmas(
        lex, token.lower_, token.lemma_.lower(), token.pos_ in ("VERB", "AUX"), token.tag_ == "VBN"
    )
    if participle is not None and adjectival_participle(token):  # its children are read only here
        lemma = participle
    candidates = lex.verbs.candidates("V", lemma)
    if not candidates and lemma not in lex.light_verbs and lemma not in lex.light_preps:
        return None  # most verbs: no row, and no event noun to carry (the object is not read)
    # `passive=True`: a verb with a passive subject (nsubjpass) is passive by `is_passive`, and that subject
    # is all `passive` adds to `verb_object`, so reading one wherever there is one reads the same object
    # without asking `is_passive`.
    # The words of the object are read only when a row has an object column to match them on (most rows
    # have none), and each marker word only when a row names it: a row without objects scores 0 whatever
    # the words, and a marker counts only for a row that lists it
    listed = _listed_objects(lex.verbs).get(lemma)
    if listed:
        obj, words = object_words(token, passive=True)
        if ACTOR_OBJECT in listed and obj is not None and names_an_actor(lex, obj):
            words = words | {ACTOR_OBJECT}
        if ACT_OBJECT in listed and governs_an_act(token):
            words = words | {ACT_OBJECT}
        if PREDICATE_OBJECT in listed and has_predicate(token):
            words = words | {PREDICATE_OBJECT}
    else:
        obj, words = verb_object(token, passive=True), frozenset()
    best: Pattern | None = None
    best_rank = (-1, -1)
    particle_token: Token | None = None
    for pattern in candidates:
        specificity = pattern.specificity
        if specificity < best_rank[0]:
            break  # candidates come most specific first
        found_particle = None
        if pattern.particle:
            found_particle = particle(token, pattern.particle)
            if found_particle is None:
                continue
        score = pattern.object_score(words)
        if score < 0:
            continue
        if (specificity, score) > best_rank:
            best, best_rank, particle_token = pattern, (specificity, score), found_particle
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


@remember_last
def _listed_objects(verbs: VerbDictionary) -> dict[str, frozenset[str]]:
    """The words the object columns of a verb's rows list, by lemma (verbs with an object column only)."""
    listed: dict[str, frozenset[str]] = {}
    for (pos, lemma), patterns in verbs.patterns.items():
        words = frozenset().union(*(pattern.object_words for pattern in patterns))
        if pos == "V" and words:
            listed[lemma] = words
    return listed


def adjectival_participle(token: Token) -> bool:
    """Whether a past participle is used as an adjective, governing no object or clause: "was encouraged
    by the talks" (a feeling), not "encouraged Iran to negotiate" (an appeal) nor "as far as I am
    concerned"."""
    return token.tag_ == "VBN" and not any(
        c.dep_ in ("dobj", "xcomp", "ccomp", "dative") or (c.dep_ == "mark" and c.lower_ == "as")
        for c in token.children
    )


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
