"""The CAMEO event coder: a spaCy Doc of one article in, event records out.

Per sentence of the dependency parse, a trigger (a verb with its particle and object, or an event noun)
matched in the pattern dictionary (transforms/verbs.py) gives the code; its subject (or passive agent)
gives the source and the slot the pattern names (object, a preposition's object) the target. Verbs that
govern a clause ("agreed to send", "urged X to release", "accused X of attacking") turn the clause's
code into an intent, appeal, demand, rejection or threat, or code only themselves. Actors come from the
dictionaries (transforms/actors.py), dates from the sentence or article (transforms/dates.py), places
from the offline gazetteer (transforms/places.py).
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from transforms.actors import Actor, ActorDictionary, NameMatch
from transforms.cameo import lookup
from transforms.dates import DateMention, find_dates
from transforms.places import Gazetteer, Place
from transforms.verbs import NO_EVENT, Pattern, VerbDictionary, apply_mode, load_verbs

CODER_VERSION = "0.3.2"

# Complement modes whose governor is coded in place of the clause it governs.
GOVERNING_MODES = ("intent", "appeal", "demand", "reject", "threat")
# Governors whose clause is not a fact: "accused X of attacking Y" codes only the accusation.
BLOCKING_MODES = ("accuse", "deny")
MODAL_INTENT = frozenset({"will", "wo", "shall", "'ll", "would", "'d"})
MODAL_HYPOTHETICAL = frozenset({"could", "might", "may", "can", "should", "must", "ought"})
HYPOTHETICAL_MARKS = frozenset({"if", "whether", "lest", "unless"})
# Nouns for a place named in an "of" phrase: "the city of Kherson" stands for Kherson.
PLACE_NOUNS = frozenset({"city", "town", "village", "port", "region", "province", "district", "state", "island"})
# "a U.S.-drafted resolution": participles that make the name before them the object's author.
AUTHORED = frozenset({"drafted", "sponsored", "backed", "proposed", "authored", "written", "brokered", "led"})
# A threat is conditional by nature: "threatened to secede unless ..." is still a threat.
THREAT_LEMMAS = frozenset({"threaten", "warn", "vow"})
CLAUSE_DEPS = frozenset({"xcomp", "ccomp", "advcl", "pcomp", "acl", "relcl", "conj", "csubj"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
OBJECT_CONTROL = frozenset(
    {"urge", "ask", "call", "persuade", "force", "allow", "order", "invite", "help", "encourage", "press",
     "tell", "request", "pressure", "pressing", "appeal", "warn", "advise", "instruct", "permit", "enable",
     "compel", "authorize", "authorise", "push", "want", "need"}
)  # fmt: skip
PRONOUNS_PERSON = frozenset({"he", "him", "his", "she", "her", "hers", "himself", "herself"})
PRONOUNS_OTHER = frozenset({"it", "its", "they", "them", "their", "itself", "themselves"})
PRONOUNS_SPEAKER = frozenset({"we", "us", "our", "i", "me", "my"})
PRONOUNS_RELATIVE = frozenset({"who", "which", "that", "whom", "whose"})
# Nouns that stand for "some of" what their "of" phrase names ("thousands of Israelis").
QUANTITY_NOUNS = frozenset(
    {"thousand", "hundred", "dozen", "million", "score", "ten", "group", "crowd", "number", "lot", "some",
     "many", "most", "all", "several", "member", "part", "majority", "contingent", "delegation", "unit",
     "team", "band", "rest", "batch", "wave", "handful", "one", "two", "three", "each", "both", "leader",
     "leadership", "head", "chief", "representative", "envoy", "official", "spokesman", "spokeswoman",
     "spokesperson", "government", "ministry", "minister", "president", "army", "force", "military",
     "navy", "police", "parliament", "court", "people", "citizen", "resident", "prime", "foreign",
     "secretary", "ambassador", "authority", "office", "cabinet", "regime", "administration"}
)  # fmt: skip
# "the country", "the alliance": a definite description of an actor named before in the article.
DEFINITE_KINDS = {
    "country": ("state",), "nation": ("state",), "state": ("state",), "kingdom": ("state",),
    "republic": ("state",), "alliance": ("igo",), "bloc": ("igo",), "organization": ("igo", "ngo"),
    "organisation": ("igo", "ngo"), "body": ("igo",), "group": ("group", "ngo"),
    "movement": ("group",), "militia": ("group",), "agency": ("igo", "ngo"), "union": ("igo",),
}  # fmt: skip
# Roles a domestic actor takes from the other side of its event ("police detained protesters").
DOMESTIC_ROLES = frozenset(
    {"CVL", "OPP", "EDU", "LAB", "BUS", "MED", "REF", "CRM", "COP", "JUD", "LEG", "REB", "AGR", "HLH",
     "REL", "JRN", "UAF", "INS", "SEP", "PTY", "ELI", "SOC", "HRI", "ENV", "MOD", "RAD"}
)  # fmt: skip
VERBAL_ROOTS = frozenset(
    {"01", "02", "03", "05", "09", "10", "11", "12", "13"}
)  # not 04: a meeting needs a party
NON_STATE = ("IGO", "NGO", "NGM", "IMG", "MNC", "INT", "UIS")
POLITICAL_ROLES = frozenset(
    {"", "GOV", "MIL", "LEG", "JUD", "COP", "SPY", "OPP", "REB", "SEP", "INS", "PTY", "ELI", "UAF"}
)
LAUNCH_VERBS = frozenset({"launch", "fire", "test", "test-fire"})
NEGATING_VERBS = frozenset({"fail", "neglect", "avoid", "cease"})
PROTEST_VERBS = frozenset({"protest", "demonstrate", "rally", "march", "riot"})
# Definite descriptions of a place named before: "struck targets in the territory".
PLACE_WORDS = frozenset(
    {"territory", "enclave", "region", "strip", "city", "town", "area", "province", "capital", "island",
     "peninsula", "village", "district", "country"}
)  # fmt: skip
# Things that are attacked, seized or blocked where they are: their place names the actor hit.
LOCATION_HEADS = frozenset(
    {"target", "position", "facility", "base", "site", "area", "village", "town", "city", "home", "house",
     "building", "infrastructure", "installation", "outpost", "camp", "checkpoint", "port", "airport",
     "hospital", "school", "neighbourhood", "neighborhood", "district", "plant", "field", "refinery",
     "station", "depot", "post", "stronghold", "hideout", "border", "embassy", "consulate"}
)  # fmt: skip
PURPOSE_VERBS = frozenset(
    {"help", "assist", "support", "enable", "allow", "aid", "rebuild", "fund", "escort", "protect", "defend"}
)
INTERCEPT_VERBS = frozenset({"intercept", "shoot", "down", "repel", "thwart", "foil", "destroy", "repulse"})
MIN_UNTAGGED_CITY = 100_000
PLACE_PREPS_STRICT = ("in", "near", "at", "inside", "across", "outside", "around")
PLACE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "across", "into", "around", "over", "on"})
GEO_ENTS = frozenset({"GPE", "LOC", "FAC"})
MATERIAL_ROOTS = frozenset({"06", "07", "08", "14", "15", "17", "18", "19", "20", "042", "043", "044"})


@dataclass(frozen=True)
class ArticleContext:
    """What the coder knows about an article besides its text."""

    article_id: str
    published: date  # publication date; the ingest date when the article had none
    ingest_date: date
    publisher: str | None = None


@dataclass
class CodingResult:
    events: list[dict] = field(default_factory=list)  # EVENTS columns except ingest_date
    unresolved: list[dict] = field(default_factory=list)  # UNRESOLVED columns except ingest_date


@dataclass
class Trigger:
    """A matched pattern on one token of a sentence."""

    token: Token
    pattern: Pattern
    words: list[Token]  # the action's words: verb, particle, object, preposition
    noun: Token | None = None  # the event noun when the pattern is a noun's
    light: Token | None = None  # the light verb carrying the noun ("held talks")


@dataclass
class Candidate:
    trigger: Trigger
    code: str
    sources: list[Actor]
    targets: list[Actor]
    negated: bool
    confidence: float
    words: list[Token]


@dataclass
class ArticleState:
    """What the coder has learned about the article so far: names, speakers, dates, countries."""

    ctx: ArticleContext
    names: dict[int, NameMatch]
    name_starts: list[NameMatch]
    dominant_country: str
    speaker: Actor | None = None
    sentence_index: int = 0
    skip_before: int = 0  # first token after a dateline prefix ("KUNDUZ, Afghanistan —")
    # acts coded so far, by the lemma of their words, for "the launch" and "the attack" later on
    acts: list[tuple[int, str, list[Actor]]] = field(default_factory=list)
    dateline: date | None = None
    places: list[tuple[int, Place]] = field(default_factory=list)  # every place named so far, in order
    resolved_people: list[tuple[int, Actor]] = field(default_factory=list)
    resolved_other: list[tuple[int, Actor]] = field(default_factory=list)
    unresolved: dict[tuple[int, str, str], dict] = field(default_factory=dict)
    # sport words or a score somewhere in the article: a city's name there is a team ("Dortmund attacked")
    sport_context: bool = False


class Coder:
    version: str = CODER_VERSION

    def __init__(self, extra_actor_files: Sequence[Path] = ()) -> None:
        self.extra_actor_files = tuple(extra_actor_files)
        self.actors = ActorDictionary.load(self.extra_actor_files)
        self.verbs: VerbDictionary = load_verbs()
        self.places = Gazetteer()
        self.light_verbs = self.verbs.word_class("@LIGHT")
        self.sport_words = self.verbs.word_class("@SPORT")
        self.light_preps = self.verbs.word_class("@LIGHTPREP")
        self.negative_words = self.verbs.word_class("@NEGATIVE")
        self.unnamed_objects = self.verbs.word_class("@VICTIM") | self.verbs.word_class("@TERRAIN")
        self.positive_words = self.verbs.word_class("@POSITIVE")
        self.peacekeeping_words = self.verbs.word_class("@PEACEKEEPERS")
        # the pattern a judgement is read with: its target is what the judged clause is about
        self._judged_pattern = Pattern("111", "V", "say", "", (), ("dobj",), "", False, False, False, 0)
        self.speculation = self.verbs.word_class("@SPECULATE")
        self.say_verbs = frozenset(
            lemma
            for (pos, lemma), found in self.verbs.patterns.items()
            if any(p.mode == "say" for p in found)
        )

    # --- the article ----------------------------------------------------------------------------------

    def code(self, doc: Doc, ctx: ArticleContext) -> CodingResult:
        names = self.actors.find_names(doc)
        starts = sorted({m.start: m for m in names.values()}.values(), key=lambda m: m.start)
        state = ArticleState(ctx, names, starts, self._dominant_country(starts, ctx.published))
        sport = self._sport_hits(doc)
        if len(set(sport)) >= 4:
            return CodingResult()
        state.sport_context = len(set(sport)) >= 2 or any(self._sentence_is_sport(s) for s in sentences(doc))
        events: dict[tuple[str, str, str, date], dict] = {}
        mentions: dict[tuple[str, str, str, date], set[int]] = {}
        for index, sent in enumerate(sentences(doc)):
            state.sentence_index = index
            state.skip_before = _dateline_end(sent)
            dates = find_dates(sent, ctx.published)
            state.places.extend(self._sentence_places(sent, state))
            self._note_dateline(sent, dates, state)
            if self._sentence_is_sport(sent):
                continue
            for record in self._code_sentence(sent, index, dates, state):
                key = (
                    record["source_code"],
                    record["target_code"],
                    record["cameo_code"],
                    record["event_date"],
                )
                if key in events:
                    mentions[key].add(index)
                    events[key]["num_mentions"] = len(mentions[key])
                else:
                    events[key] = record
                    mentions[key] = {index}
        return CodingResult(list(events.values()), list(state.unresolved.values()))

    def _dominant_country(self, starts: list[NameMatch], day: date) -> str:
        counts: Counter[str] = Counter()
        for match in starts:
            actor = self.actors.actor(self.actors.pick(match.refs, day), day, "")
            if actor.country and actor.kind in ("state", "person"):
                counts[actor.country] += 1
        if not counts:
            return ""
        ranked = counts.most_common(2)
        if len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]:
            return ranked[0][0]
        return ""

    def _sport_hits(self, tokens: Doc | Span) -> list[str]:
        """The @SPORT words and phrases of a text, a phrase counted once ("Champions League", "World Cup",
        "semi-final": a hyphenated word is the words spaCy splits it into)."""
        words = [t for t in tokens if t.text not in ("-", "–") and not t.is_space]
        hits: list[str] = []
        i = 0
        while i < len(words):
            for size in (3, 2):
                span = words[i : i + size]
                if len(span) == size and any(
                    " ".join(f(t) for t in span) in self.sport_words for f in (_lower, _lemma)
                ):
                    hits.append(" ".join(t.lower_ for t in span))
                    i += size
                    break
            else:
                token = words[i]
                if token.lemma_.lower() in self.sport_words or token.lower_ in self.sport_words:
                    hits.append(token.lemma_.lower())
                i += 1
        return hits

    def _sentence_is_sport(self, sent: Span) -> bool:
        hits = len(self._sport_hits(sent))
        hits += len(SCORE.findall(sent.text))  # "2-0", "3-1"
        return hits >= 2

    def _note_dateline(self, sent: Span, dates: list[DateMention], state: ArticleState) -> None:
        if not dates:
            return
        first = dates[0]
        words = [t for t in sent if not t.is_punct and not t.is_space]
        offset = first.token.i - sent.start
        if len(words) <= 8 or (offset <= 5 and sent[0].text.isupper() and len(sent[0].text) > 1):
            state.dateline = first.day

    # --- one sentence ---------------------------------------------------------------------------------

    def _code_sentence(
        self, sent: Span, index: int, dates: list[DateMention], state: ArticleState
    ) -> list[dict]:
        triggers = self._find_triggers(sent)
        if not triggers:
            self._note_people(sent, state)
            return []
        by_token = {t.token.i: t for t in triggers}
        for trigger in triggers:
            if trigger.noun is not None:
                by_token.setdefault(trigger.noun.i, trigger)
        # Nouns and verbs that are arguments or clauses of another trigger are coded through it.
        governed: dict[int, Trigger] = {}
        for trigger in triggers:
            governor = self._governor(trigger, by_token, sent)
            if governor is not None and governor is not trigger:
                governed[trigger.token.i] = governor
        candidates: list[Candidate] = []
        say_candidates: list[Candidate] = []
        for trigger in triggers:
            governor = governed.get(trigger.token.i)
            if governor is not None and (governor.pattern.mode != "say" or _obliged(trigger.token)):
                continue
            if trigger.pattern.pos == "N" and trigger.light is None and self._is_argument(trigger, by_token):
                continue
            if self._hypothetical(trigger.token, sent):
                continue
            if self._purpose_of(trigger, by_token):
                continue
            if (
                trigger.token.dep_ == "advcl"
                and trigger.token.tag_ == "VBG"
                and trigger.token.head.i in by_token
                and not self._protest_saying_demand(trigger, by_token, governed)
            ):
                continue  # "struck the consulate, killing two people": one act, coded once
            if _same_violent_act(trigger, by_token):
                continue  # "shot and killed the driver", "marched and staged rallies": one act, coded once
            candidate = self._candidate(trigger, by_token, governed, sent, state)
            if candidate is None:
                continue
            for word in {trigger.token, *([trigger.noun] if trigger.noun is not None else [])}:
                state.acts.append((word.i, _act_lemma(word), candidate.sources))
            if (
                self._mode(trigger, self._complement(trigger, by_token, governed)) == "say"
                and candidate.code == "010"
            ):
                say_candidates.append(candidate)
            else:
                candidates.append(candidate)
        if not candidates:
            candidates = say_candidates[:1]
        candidates = _protest_demands(candidates)
        self._note_people(sent, state)
        records = []
        for candidate in candidates:
            records.extend(self._records(candidate, sent, index, dates, state))
        return records

    def _find_triggers(self, sent: Span) -> list[Trigger]:
        found: list[Trigger] = []
        used_nouns: set[int] = set()
        for token in sent:
            pos = token.pos_
            if pos in ("VERB", "AUX") or (pos == "ADJ" and token.dep_ in ("acomp", "amod", "ROOT", "conj")):
                trigger = self._match_verb(token)
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
                trigger = self._match_noun(token)
                if trigger is not None:
                    found.append(trigger)
        return found

    def _object_words(self, token: Token, passive: bool) -> tuple[Token | None, frozenset[str]]:
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
                    g.lemma_.lower()
                    for g in child.children
                    if g.dep_ in ("amod", "acomp", "attr", "compound")
                )
            elif child.dep_ in ("prep", "agent", "dative"):
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        words.update((pobj.lemma_.lower(), pobj.lower_))
                        words.update(
                            m.lemma_.lower() for m in pobj.children if m.dep_ in ("compound", "amod")
                        )
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

    def _match_verb(self, token: Token) -> Trigger | None:
        lemma = verb_lemma(token)
        passive = is_passive(token)
        obj, words = self._object_words(token, passive)
        best: Pattern | None = None
        best_rank = (-1, -1)
        particle_token: Token | None = None
        for pattern in self.verbs.candidates("V", lemma):
            if pattern.specificity < best_rank[0]:
                break  # candidates come most specific first
            particle = None
            if pattern.particle:
                particle = _particle(token, pattern.particle)
                if particle is None:
                    continue
            score = pattern.object_score(words)
            if score < 0:
                continue
            if (pattern.specificity, score) > best_rank:
                best, best_rank, particle_token = pattern, (pattern.specificity, score), particle
        if best is not None and best.code == NO_EVENT:
            return None
        if (best is None or best.specificity == 0) and obj is not None and lemma in self.light_verbs:
            for noun_token in (obj, *_prep_objects(obj, ("of",))):
                noun = self._match_noun(noun_token, light=token)
                if noun is not None:
                    return noun
        if best is None and lemma in self.light_preps:
            # "engaged in ethnic cleansing", "responsible for mass killings"
            for noun_token in _prep_objects(token, ("in", "for", "of")):
                noun = self._match_noun(noun_token, light=token)
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

    def _match_noun(self, token: Token, light: Token | None = None) -> Trigger | None:
        candidates = self.verbs.candidates("N", token.lemma_.lower())
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

    def _governor(self, trigger: Trigger, by_token: dict[int, Trigger], sent: Span) -> Trigger | None:
        """The trigger whose clause or argument `trigger` is, when that one codes it."""
        token = trigger.token
        if trigger.pattern.pos == "N" and trigger.light is None:
            # "agreed to a ceasefire", "condemned the attack": the noun is the verb's argument.
            head = token.head
            if token.dep_ == "pobj" and head.head.i in by_token:
                return by_token[head.head.i]
            return None
        current = token
        for _ in range(4):
            if current.dep_ not in ("xcomp", "ccomp", "advcl", "pcomp", "conj", "acl"):
                return None
            head = current.head
            if current.dep_ == "pcomp":
                head = head.head  # "accused X of attacking": pcomp -> prep -> verb
            if not (sent.start <= head.i < sent.end):
                return None
            if current.dep_ == "conj":
                current = head
                continue
            governor = by_token.get(head.i)
            if governor is not None and governor.pattern.mode:
                return governor
            if head.pos_ == "AUX" and head.dep_ in ("ccomp", "xcomp", "conj"):
                current = head
                continue
            return None
        return None

    def _is_argument(self, trigger: Trigger, by_token: dict[int, Trigger]) -> bool:
        """Whether an event noun is the subject or object of a coded verb (coded through that verb)."""
        token = trigger.token
        head = token.head
        if token.dep_ in ("nsubj", "nsubjpass", "dobj") and head.i in by_token:
            return True
        if token.dep_ == "pobj" and (head.head.i in by_token or head.head.head.i in by_token):
            return True
        return token.dep_ == "conj" and self._is_argument(Trigger(head, trigger.pattern, []), by_token)

    def _purpose_of(self, trigger: Trigger, by_token: dict[int, Trigger]) -> bool:
        """ "pledged aid to help Jordan": the help is the aid's purpose, not an event of its own."""
        token = trigger.token
        if self._protest_governor(trigger, by_token) is not None:
            return True  # "began a hunger strike to protest the decision": one protest, coded by the first
        if token.lemma_.lower() not in PURPOSE_VERBS or token.dep_ not in ("advcl", "xcomp", "acl", "relcl"):
            return False
        head = token.head
        if head.dep_ == "pobj":
            head = head.head.head
        governor = by_token.get(head.i)
        return governor is not None and governor.pattern.code[:2] in ("03", "06", "07")

    def _protest_saying_demand(
        self, trigger: Trigger, by_token: dict[int, Trigger], governed: dict[int, Trigger]
    ) -> bool:
        """ "rallied against the leader, saying he must resign": the saying gives the protest's demand."""
        head = by_token[trigger.token.head.i]
        return (
            head.pattern.code[:2] == "14"
            and trigger.pattern.mode == "say"
            and self._mode(trigger, self._complement(trigger, by_token, governed)) == "demand"
        )

    @staticmethod
    def _protest_governor(trigger: Trigger, by_token: dict[int, Trigger]) -> Trigger | None:
        """The protest whose purpose a protest clause is: "staged a sit-in to protest the ruling"."""
        token = trigger.token
        if trigger.pattern.code[:2] != "14" or token.dep_ not in ("advcl", "xcomp"):
            return None
        governor = by_token.get(token.head.i)
        if governor is None or governor is trigger or governor.pattern.code[:2] != "14":
            return None
        return governor

    def _hypothetical(self, token: Token, sent: Span) -> bool:
        if token.dep_ == "acl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
            return True  # "a resolution to impose sanctions": proposed, not done
        if token.dep_ == "pcomp" and token.head.lower_ in ("towards", "toward"):
            return True  # "work towards lifting the ban"
        current = token
        for _ in range(6):
            for child in current.children:
                if child.dep_ == "mark" and child.lower_ in HYPOTHETICAL_MARKS:
                    return True
                if child.dep_ == "aux" and child.lower_ in MODAL_HYPOTHETICAL:
                    return True
                if (
                    child.dep_ == "advcl"
                    and any(g.dep_ == "mark" and g.lower_ in HYPOTHETICAL_MARKS for g in child.children)
                    and not _refusal(current)
                    and current.lemma_.lower() not in THREAT_LEMMAS
                    and not (
                        current.dep_ in ("xcomp", "ccomp", "advcl")
                        and current.head.lemma_.lower() in THREAT_LEMMAS
                    )
                ):
                    return True  # "will attack if ..."; but "will not accept refugees if ..." refuses
            if current.lemma_.lower() in self.speculation and current.i != token.i:
                return True
            if current.dep_ in ("ROOT",) or not (sent.start <= current.head.i < sent.end):
                break
            if current.dep_ not in CLAUSE_DEPS and current.dep_ not in ("dobj", "pobj", "prep"):
                break
            current = current.head
        return sent[-1].text == "?" if len(sent) else False

    # --- codes, actors ------------------------------------------------------------------------------

    def _candidate(
        self,
        trigger: Trigger,
        by_token: dict[int, Trigger],
        governed: dict[int, Trigger],
        sent: Span,
        state: ArticleState,
    ) -> Candidate | None:
        pattern = trigger.pattern
        token = trigger.token
        code = pattern.code
        words = list(trigger.words)
        complement = self._complement(trigger, by_token, governed)
        mode = self._mode(trigger, complement)
        if mode in GOVERNING_MODES:
            if complement is not None:
                complement_code = self._clause_code(complement, by_token, governed)
                if complement.pattern.pos == "N" and complement.light is None:
                    # "agreed to a ceasefire" codes the ceasefire; "promised aid" the intent to give it
                    accepted = mode == "intent" and complement.token.dep_ == "pobj"
                    code = complement_code if accepted else apply_mode(mode, complement_code)
                else:
                    code = apply_mode(mode, complement_code)
                words.extend(complement.words)
            elif mode != pattern.mode:
                code = apply_mode(mode, None)
        elif pattern.mode == "accuse" and complement is not None:
            code = _accusation_code(pattern.code, self._clause_code(complement, by_token, governed))
        elif not pattern.mode:
            if code == "042" and trigger.noun is None and self._peacekeeping_subject(token):
                code = "074"  # "peacekeepers arrived in Sierra Leone" deploys them, it is no visit
            code = self._plain_code(trigger, code)
            subject_code = self._subject_noun_code(token)
            if subject_code and code[:2] in ("18", "19", "20") and subject_code[:2] in ("18", "19", "20"):
                code = subject_code
        negated = is_negated(token) or (trigger.noun is not None and is_negated(trigger.noun))
        if (
            negated
            and trigger.noun is None
            and code[:2] in ("03", "04", "05", "06", "07", "08")
            and _refusal(token)
        ):
            # "will not release", "did not accept": a refusal is itself an event
            code = apply_mode("reject", code)
            negated = False
        sources = self._sources(trigger, sent, state)
        if not sources:
            return None
        if mode == "say":
            judged = self._judgement(token, sent, state)
            if judged is not None:
                code, targets = judged
                return Candidate(trigger, code, sources, targets, negated, 0.6, words)
            targets = self._say_targets(trigger, sent, state, sources)
            if not targets:
                return None
            return Candidate(trigger, code, sources, targets, negated, 0.5, words)
        targets, slot_seen = self._targets(trigger, sent, state)
        if not targets and mode == "demand" and pattern.mode == "say":
            # "said Russia must withdraw": the one obliged is the target
            clause = complement.token if complement is not None else _obliged_clause(token)
            for child in clause.children if clause is not None else ():
                if child.dep_ in ("nsubj", "nsubjpass"):
                    targets = self._resolve_all(child, sent, state, "target")
                    break
        if not targets and complement is not None and mode in ("appeal", "demand"):
            # "called for the prime minister to quit": the subject of the "for ... to" clause is the target
            clause = complement.token
            if any(c.dep_ == "mark" and c.lower_ == "for" for c in clause.children):
                for child in clause.children:
                    if child.dep_ == "nsubj":
                        targets = self._resolve_all(child, sent, state, "target")
                        break
        if not targets and complement is not None and mode in GOVERNING_MODES + BLOCKING_MODES:
            targets, complement_slot = self._targets(complement, sent, state)
            slot_seen = slot_seen or complement_slot
        if not targets and code[:2] in ("07", "03"):
            targets = self._purpose_targets(token, sent, state)
        if not targets and code[:2] == "14":
            # "began a hunger strike to protest against Sweden's decision": the purpose names the target
            for clause in by_token.values():
                if clause.token.head.i == token.i and self._protest_governor(clause, by_token) is trigger:
                    targets, _ = self._targets(clause, sent, state)
                    if targets:
                        break
        if not targets and code[:2] in ("18", "19", "20"):
            targets = self._interceptors(token, sent, state)
        if not targets:
            verbal = pattern.code[:2] in VERBAL_ROOTS and code[:2] in VERBAL_ROOTS
            unnamed = slot_seen == "thing" and (verbal or self._unnamed_object(trigger) or code[:2] == "14")
            if (pattern.needs_target and not unnamed) or (slot_seen and not pattern.mode and not unnamed):
                # a material act on something the dictionaries do not know is not coded; a verbal one
                # ("condemned the test", "welcomed the deal") is, with no target
                return None
            if trigger.noun is not None and trigger.light is None:
                return None  # a bare nominal ("the war") reports no new event
            if (
                mode in ("intent", "appeal")
                and code == apply_mode(mode, None)
                and not (
                    _has_content(token, complement) if mode == "appeal" else _has_content(None, complement)
                )
            ):
                return None  # "is prepared", "asked to use the phone": no content, no one acted on
            if pattern.symmetric and len(sources) < 2 and complement is None:
                return None  # met, talked, signed ... with no one named
            if all(source.kind == "role" for source in sources) and not state.dominant_country:
                return None  # "the minister said" with no country anywhere
        if pattern.reverse:
            if not targets:
                return None
            sources, targets = targets, sources  # "China received loans from Japan"
        if not targets and code[:2] in ("18", "19", "20"):
            targets = self._place_target(trigger, sent, state, sources)
        if (
            not targets
            and code in ("190", "194", "195")
            and token.lemma_.lower() in LAUNCH_VERBS
            and trigger.noun is None
        ):
            code = "150"  # a launch or test with no one fired at shows force
        confidence = 0.8 if pattern.specificity else 0.7
        if negated:
            confidence = min(confidence, 0.3)
        return Candidate(trigger, code, sources, targets, negated, confidence, words)

    def _mode(self, trigger: Trigger, complement: Trigger | None) -> str:
        """How a trigger reads its complement: its pattern's mode, except that "X said Y must ..." is a
        demand."""
        if trigger.pattern.mode == "say" and (
            (complement is not None and _obliged(complement.token))
            or _obliged_clause(trigger.token) is not None
        ):
            return "demand"
        return trigger.pattern.mode

    def _complement(
        self, trigger: Trigger, by_token: dict[int, Trigger], governed: dict[int, Trigger]
    ) -> Trigger | None:
        for index, governor in governed.items():
            if governor is trigger:
                return by_token[index]
        return None

    def _clause_code(
        self, trigger: Trigger, by_token: dict[int, Trigger], governed: dict[int, Trigger]
    ) -> str:
        """The code a complement clause contributes to its governor."""
        pattern = trigger.pattern
        complement = self._complement(trigger, by_token, governed)
        if pattern.mode in GOVERNING_MODES and complement is not None:
            return apply_mode(pattern.mode, self._clause_code(complement, by_token, governed))
        return pattern.code

    def _plain_code(self, trigger: Trigger, code: str) -> str:
        token = trigger.light or trigger.token
        if has_intent_modal(token) or _future(token):  # "will send", "talks tomorrow"
            return apply_mode("intent", code)
        return code

    def _peacekeeping_subject(self, token: Token) -> bool:
        return any(
            word.lemma_.lower() in self.peacekeeping_words or word.lower_ in self.peacekeeping_words
            for child in token.children
            if child.dep_ == "nsubj"
            for word in child.subtree
        )

    def _subject_noun_code(self, token: Token) -> str | None:
        """The code of the weapon or attack a violent act was done by ("a drone strike killed", "killed
        in a bomb attack")."""
        nouns = [c for c in token.children if c.dep_ == "nsubj" and c.pos_ == "NOUN"]
        nouns.extend(_prep_objects(token, ("in", "with", "by")))
        for child in nouns:
            if child.pos_ == "NOUN":
                noun = self._match_noun(child)
                if noun is not None:
                    return noun.pattern.code
        return None

    def _sources(self, trigger: Trigger, sent: Span, state: ArticleState) -> list[Actor]:
        token = trigger.token
        if trigger.noun is not None and trigger.light is None:
            return self._noun_sources(trigger.noun, sent, state)
        stative = trigger.pattern.code[:3] in ("012", "013", "014") or trigger.pattern.mode == "intent"
        for head in subject_heads(token, sent, stative):
            actors = self._resolve_all(head, sent, state, "source")
            if actors:
                return actors
        return []

    def _noun_sources(self, noun: Token, sent: Span, state: ArticleState) -> list[Actor]:
        """The explicit actor of an event noun: "Russia's invasion", "the Russian attack", "attack by X"."""
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ == "by":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        return self._resolve_all(pobj, sent, state, "source")
        for child in noun.children:
            if child.dep_ == "poss":
                actors = self._resolve_all(child, sent, state, "source")
                if actors:
                    return actors
        for child in noun.children:
            if child.dep_ in ("amod", "compound", "nmod") and child.i in state.names:
                actors = self._resolve_name(state.names[child.i], sent, state, child)
                if actors:
                    return actors
        return []

    def _targets(self, trigger: Trigger, sent: Span, state: ArticleState) -> tuple[list[Actor], str]:
        """The target actors, and what the pattern's slot held when none resolved: "" nothing, "thing" a
        common noun ("the deal"), "name" a name or other word the dictionaries do not know."""
        slot_seen = ""
        for head in self._target_heads(trigger, sent):
            if (
                head.pos_ not in ("NOUN", "PROPN", "PRON", "NUM", "ADJ")
                and head.lower_ not in PRONOUNS_RELATIVE
            ):
                continue
            if head.ent_type_ in ("DATE", "TIME"):
                continue  # "called on Tuesday for ..."
            if slot_seen != "thing":
                named = head
                if head.lower_ in PRONOUNS_RELATIVE and head.head.dep_ == "relcl":
                    named = head.head.head  # "a provocation which was condemned": the antecedent
                slot_seen = "thing" if named.pos_ == "NOUN" else "name"
            actors = self._resolve_target(head, trigger, sent, state)
            if actors:
                trigger.words.extend(t for t in _target_prep(head) if t not in trigger.words)
                return actors, slot_seen
        for head in self._deep_target_heads(trigger):
            actors = self._resolve_target(head, trigger, sent, state)
            if actors:
                return actors, slot_seen
        if "dobj" in trigger.pattern.targets:
            actors = self._author_of_object(trigger, state)
            if actors:
                return actors, slot_seen
        return [], slot_seen

    def _author_of_object(self, trigger: Trigger, state: ArticleState) -> list[Actor]:
        """ "vetoed a U.S.-drafted resolution": the object's author is the one acted on."""
        for obj in (c for c in trigger.token.children if c.dep_ == "dobj"):
            for mod in obj.children:
                name, _, suffix = mod.text.rpartition("-")
                if mod.dep_ not in ("amod", "compound") or suffix.lower() not in AUTHORED or not name:
                    continue
                refs = self.actors.names.get((name,))
                if refs:
                    day = state.ctx.published
                    return [self.actors.actor(self.actors.pick(refs, day), day, mod.text)]
        return []

    def _deep_target_heads(self, trigger: Trigger) -> Iterator[Token]:
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
                        yield from (g for g in inner.children if g.dep_ == "pobj")

    def _resolve_target(self, head: Token, trigger: Trigger, sent: Span, state: ArticleState) -> list[Actor]:
        """A target phrase's actors; an event noun there stands for its actor ("condemned the Russian
        attack" targets Russia) or, when claiming responsibility, for its target."""
        noun = self._match_noun(head) if head.pos_ == "NOUN" else None
        if noun is None and head.pos_ == "NOUN" and head.lemma_.lower() in ("launch", "test", "strike"):
            noun = Trigger(head, trigger.pattern, [head], noun=head)  # a launch or test is an act too
        if noun is not None and (
            noun.pattern.code[:2] in ("14", "15", "17", "18", "19", "20") or noun.pattern is trigger.pattern
        ):
            if trigger.pattern.code[:3] == "015":
                targets, _ = self._targets(noun, sent, state)
                return targets
            return self._noun_sources(head, sent, state) or self._earlier_act(head, state)
        if head.pos_ == "NOUN" and head.lemma_.lower() in PLACE_NOUNS:
            for inner in _prep_objects(head, ("of",)):  # "to the southern city of Kherson"
                actors = self._resolve_all(inner, sent, state, "target") if inner.pos_ == "PROPN" else []
                if actors:
                    return actors
                place = self._place_of(inner) if inner.pos_ == "PROPN" else None
                if place is not None and place.country:
                    return [self.actors.country_actor(place.country, inner.text)]
        return self._resolve_all(head, sent, state, "target")

    def _place_target(
        self, trigger: Trigger, sent: Span, state: ArticleState, sources: list[Actor]
    ) -> list[Actor]:
        """ "fresh attacks near Basra": violence in another country than the attacker's is against it."""
        holders = [trigger.token] + ([trigger.noun] if trigger.noun is not None else [])
        own = {source.country for source in sources}
        subjects = {t.i for h in holders for c in h.children if c.dep_ in SUBJECT_DEPS for t in c.subtree}
        inside = {t.i for h in holders for t in h.subtree} - subjects
        for i, place in state.places:
            if i in inside and place.country and place.country not in own and sent.start <= i < sent.end:
                head = _entity_root(sent.doc[i])
                if head.dep_ == "pobj" and head.head.lower_ in PLACE_PREPS:
                    return [self.actors.country_actor(place.country, head.text)]
        for holder in holders:
            for pobj in _prep_objects(holder, PLACE_PREPS_STRICT):
                place = self._place_of(pobj) if pobj.pos_ == "PROPN" or pobj.ent_type_ in GEO_ENTS else None
                if place is None:
                    for inner in _prep_objects(pobj, ("of", "in")):  # "in the mountains of Kurdistan in Iraq"
                        place = self._place_of(inner) if inner.pos_ == "PROPN" else None
                        if place is not None:
                            break
                if place is not None and place.country and place.country not in own:
                    return [self.actors.country_actor(place.country, pobj.text)]
        return []

    def _unnamed_object(self, trigger: Trigger) -> bool:
        """Whether the act's object is a person or ground no dictionary could name ("shot the driver")."""
        return any(
            head.lemma_.lower() in self.unnamed_objects or head.lower_ in self.unnamed_objects
            for head in self._target_heads(trigger, trigger.token.sent)
        )

    def _earlier_act(self, noun: Token, state: ArticleState) -> list[Actor]:
        """ "condemned the launch": whoever was coded launching earlier in the article."""
        lemma = _act_lemma(noun)
        for position, act, sources in reversed(state.acts):
            if position < noun.i and act == lemma:
                return [replace(a, text=noun.text) for a in sources]
        return []

    def _purpose_targets(self, token: Token, sent: Span, state: ArticleState) -> list[Actor]:
        """ "pledged aid to help Jordan cope": the one a purpose clause helps."""
        for child in token.children:
            if child.dep_ in ("advcl", "xcomp", "acl") and child.lemma_.lower() in PURPOSE_VERBS:
                for grandchild in child.children:
                    if grandchild.dep_ == "dobj":
                        return self._resolve_all(grandchild, sent, state, "target")
                    if grandchild.dep_ in ("ccomp", "xcomp"):
                        for subject in grandchild.children:
                            if subject.dep_ == "nsubj":
                                return self._resolve_all(subject, sent, state, "target")
        return []

    def _interceptors(self, token: Token, sent: Span, state: ArticleState) -> list[Actor]:
        """ "intercepted the missiles launched by Iran": who the weapons were fired at."""
        if token.dep_ != "acl" or token.tag_ != "VBN":
            return []
        weapon = token.head
        while weapon.dep_ == "conj":
            weapon = weapon.head
        if weapon.dep_ == "pobj" and weapon.head.lower_ == "of":
            weapon = weapon.head.head  # "most of the drones"
        verb = weapon.head
        if weapon.dep_ == "dobj" and verb.lemma_.lower() in INTERCEPT_VERBS:
            for child in verb.children:
                if child.dep_ == "nsubj":
                    return self._resolve_all(child, sent, state, "target")
        return []

    def _judgement(self, token: Token, sent: Span, state: ArticleState) -> tuple[str, list[Actor]] | None:
        """ "said the launch was unacceptable": criticism (111) or praise (051) of what the clause is about."""
        for clause in (c for c in token.children if c.dep_ == "ccomp"):
            if clause.lemma_.lower() != "be" or any(c.dep_ == "neg" for c in clause.children):
                continue
            words = {
                w.lemma_.lower()
                for c in clause.children
                if c.dep_ in ("acomp", "attr")
                for w in (c, *(g for g in c.children if g.dep_ in ("amod", "compound")))
            }
            code = "111" if words & self.negative_words else "051" if words & self.positive_words else None
            if code is None:
                continue
            attributes = [c for c in clause.children if c.dep_ in ("acomp", "attr")]
            if any(g.lower_ == "no" for a in attributes for g in a.children):
                return "016", []  # "there was no violation": a denial
            for subject in (c for c in clause.children if c.dep_ == "nsubj"):
                return code, self._resolve_target(
                    subject, Trigger(token, self._judged_pattern, []), sent, state
                )
            return code, []
        return None

    def _say_targets(
        self, trigger: Trigger, sent: Span, state: ArticleState, sources: list[Actor]
    ) -> list[Actor]:
        """Who a statement is addressed to or about: "told X", else the subject of what was said."""
        token = trigger.token
        for child in token.children:
            if child.dep_ in ("dobj", "dative"):
                actors = self._resolve_all(child, sent, state, "")
                if actors:
                    return actors
        clauses = [c for c in token.children if c.dep_ == "ccomp"]
        while clauses:
            clause = clauses.pop(0)
            if self._hypothetical(clause, sent) or clause.lemma_.lower() in self.speculation:
                continue
            for child in clause.children:
                if child.dep_ in ("nsubj", "nsubjpass") and (
                    child.i in state.names or child.pos_ == "PRON" or self._head_role(child)
                ):
                    actors = [
                        a
                        for a in self._resolve(child, sent, state)
                        if a.code not in {s.code for s in sources}
                    ]
                    if actors:
                        return actors
            clauses.extend(c for c in clause.children if c.dep_ in ("ccomp", "xcomp"))
        return []

    def _target_heads(self, trigger: Trigger, sent: Span) -> Iterator[Token]:
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
                objects += [p for o in objects for p in _prep_objects(o, ("of",))]
                for anchor in [*anchors, *objects]:
                    for child in anchor.children:
                        if child.dep_ in ("prep", "dative", "prt", "agent") and child.lower_ == slot:
                            yield from (g for g in child.children if g.dep_ == "pobj")

    def _resolve_all(self, head: Token, sent: Span, state: ArticleState, role: str) -> list[Actor]:
        """The actors of a noun phrase and of the phrases coordinated with it."""
        if head.i < state.skip_before:
            return []  # the dateline is where the report was filed, not who acted
        heads = [head, *(c for c in head.conjuncts if c.i > head.i)] if head.dep_ != "conj" else [head]
        found: list[Actor] = []
        for phrase_head in heads:
            actors = self._resolve(phrase_head, sent, state)
            if not actors:
                self._note_unresolved(phrase_head, sent, state, role)
            for actor in actors:
                if actor not in found:
                    found.append(actor)
        return found

    def _resolve(self, head: Token, sent: Span, state: ArticleState, depth: int = 0) -> list[Actor]:
        lower = head.lower_
        if depth > 3:
            return []
        if head.pos_ == "PRON" or lower in PRONOUNS_RELATIVE:
            if lower in PRONOUNS_RELATIVE and head.head.dep_ == "relcl":
                return self._resolve(head.head.head, sent, state, depth + 1)
            return self._pronoun(head, sent, state)
        match = state.names.get(head.i)
        if match is not None:
            actors = self._resolve_name(match, sent, state, head)
            head_role = self._head_role(head)
            if actors and head_role and actors[0].kind == "state" and not actors[0].role:
                actors = [a.with_role(head_role) for a in actors]
            return actors
        phrase = phrase_tokens(head, sent)
        text = _text(phrase)
        head_role = self._head_role(head)
        lemma = head.lemma_.lower()
        # Names among the modifiers: "Russian troops", "Iran's foreign minister", "Houthi positions".
        matches: list[NameMatch] = []
        for token in phrase:
            found = state.names.get(token.i)
            if (
                found is not None
                and found not in matches
                and token.i != head.i
                and not _pro_or_anti(found, sent)
            ):
                matches.append(found)
        if (head_role is None and lemma in QUANTITY_NOUNS) or head.pos_ == "NUM":
            for pobj in _prep_objects(head, ("of",)):
                inner = self._resolve_all(pobj, sent, state, "")
                if inner:
                    return [a if a.role or a.kind != "state" else a.with_role("CVL") for a in inner]
        if matches:
            role = head_role or self._modifier_role(head)
            actors: list[Actor] = []
            for match in _coordinated(matches, head):
                for actor in self._resolve_name(match, sent, state, None):
                    if actor.kind == "person" and head.pos_ != "PROPN":
                        # "Putin's spokesman": the person's country, the noun's role
                        actor = self.actors.country_actor(actor.country, "") if actor.country else actor
                    if role:
                        actor = actor.with_role(role)
                    if head.pos_ == "PROPN" and head_role is None and role and actor.kind == "state":
                        # "French President Emmanuel Macron" when the person is not in the dictionary
                        actor = replace(actor, kind="person", name=_name_text(head))
                        state.resolved_people.append((head.i, actor))
                    actors.append(replace(actor, text=text))
            if actors:
                return actors
        for child in head.children:
            if child.dep_ == "poss" and child.lower_ in PRONOUNS_PERSON | PRONOUNS_OTHER | PRONOUNS_SPEAKER:
                owners = self._pronoun(child, sent, state)
                if owners and owners[0].country and (head_role or lemma in DEFINITE_KINDS):
                    actor = self.actors.country_actor(owners[0].country, text)
                    return [actor.with_role(head_role) if head_role else actor]
        if head_role is None and head.pos_ == "PROPN" and head.ent_type_ == "PERSON":
            title = self._modifier_role(head)
            if title:
                # "President Reagan": a person of that role; the article gives the country, if any
                actor = Actor(title, _name_text(head), "", title, "person", text)
                state.resolved_people.append((head.i, actor))
                return [actor]
        if head_role:
            definite = self._definite_person(head, head_role, state)
            if definite is not None:
                return [replace(definite, text=text)]
            label = self.actors.role_labels.get(head_role, head_role)
            return [Actor(head_role, label, "", head_role, "role", text)]
        definite_article = any(c.lower_ in ("the", "this", "that") for c in head.children)
        if lemma in DEFINITE_KINDS and definite_article:
            earlier = self._earlier(head, state, DEFINITE_KINDS[lemma])
            if earlier is not None:
                return [replace(earlier, text=text)]
        if lemma in PLACE_WORDS and definite_article:
            place = _latest_place(state.places, head.i)
            if place is not None and place.country:
                return [self.actors.country_actor(place.country, text)]
        if head.ent_type_ in GEO_ENTS or _maybe_city(head):
            place = self._place_of(head)
            if (
                place is not None
                and place.country
                and not (state.sport_context and not place.is_country)  # a team: "Dortmund attacked"
                and (head.ent_type_ in GEO_ENTS or place.population >= MIN_UNTAGGED_CITY)
            ):
                return [self.actors.country_actor(place.country, text)]
        for appos in (c for c in head.children if c.dep_ == "appos"):
            actors = self._resolve(appos, sent, state, depth + 1)
            if actors:
                return actors
        # Whose it is: "the government's plan", "the position of Belgrade", "targets in Gaza".
        for child in head.children:
            if child.dep_ == "poss":
                actors = self._resolve(child, sent, state, depth + 1)
                if actors:
                    return actors
        for pobj in _prep_objects(head, ("of", "by")):
            actors = self._resolve(pobj, sent, state, depth + 1)
            if actors:
                return actors
        if lemma in LOCATION_HEADS:
            for pobj in _prep_objects(head, ("for",)):
                actors = self._resolve(pobj, sent, state, depth + 1)
                if actors:
                    return actors
            # "struck targets in the territory": the place may hang from the noun or from its verb
            holders = [head, head.head] if head.dep_ in ("dobj", "nsubjpass") else [head]
            for pobj in (p for holder in holders for p in _prep_objects(holder, PLACE_PREPS_STRICT)):
                actors = self._resolve(pobj, sent, state, depth + 1)
                if actors and actors[0].country:
                    return [self.actors.country_actor(actors[0].country, text)]
        return []

    def _resolve_name(
        self, match: NameMatch, sent: Span, state: ArticleState, head: Token | None
    ) -> list[Actor]:
        day = state.ctx.published
        ref = self.actors.pick(match.refs, day)
        doc = sent.doc
        text = doc[match.start : match.end].text
        if state.sport_context and ref.how == "government" and self._is_city(text):
            return []  # a capital's team, not its government: "Real Madrid beat Dortmund"
        actor = self.actors.actor(ref, day, text)
        if actor.kind == "person":
            state.resolved_people.append((match.start, actor))
        else:
            state.resolved_other.append((match.start, actor))
        return [actor]

    def _head_role(self, head: Token) -> str | None:
        """The role a noun phrase's head names ("troops", "riot police"), a modifier's role taking over
        where it is more specific ("student protesters" are students, "opposition leader" opposition)."""
        found = self.actors.role_of(head)
        if found is None:
            if head.dep_ != "pobj" or head.head.lower_ != "of":
                for child in head.children:
                    # "people protesting", "men who attacked": the verb gives the role
                    if child.dep_ in ("acl", "relcl") and child.lemma_.lower() in PROTEST_VERBS:
                        return "CVL"
            return None
        role, start = found
        for child in head.children:
            if child.dep_ in ("compound", "amod", "nmod") and child.i < start:
                modifier = self.actors.role_of(child)
                if modifier is None:
                    continue
                if (role in ("CVL", "GOV") and modifier[0] != "GOV") or modifier[0] in ("REB", "OPP"):
                    role = modifier[0]
        return role

    def _modifier_role(self, head: Token) -> str | None:
        """A role among a phrase's modifiers ("naval vessels", "military aircraft"), used with a country."""
        for child in head.children:
            if child.dep_ in ("compound", "amod", "nmod"):
                found = self.actors.role_of(child)
                if found is not None:
                    return found[0]
        return None

    def _definite_person(self, head: Token, role: str, state: ArticleState) -> Actor | None:
        """ "the minister", "the president": the person of that role named last, if the article named one."""
        if head.pos_ != "NOUN" or not any(c.lower_ == "the" for c in head.children):
            return None
        if any(c.dep_ in ("amod", "compound", "poss") and c.i in state.names for c in head.children):
            return None
        for _, actor in reversed(state.resolved_people):
            if actor.role == role:
                return actor
        return None

    def _pronoun(self, token: Token, sent: Span, state: ArticleState) -> list[Actor]:
        lower = token.lower_
        if lower in PRONOUNS_SPEAKER:
            speaker = self._speaker_in_sentence(token, state) or state.speaker
            return [speaker] if speaker else []
        if lower not in PRONOUNS_PERSON and lower not in PRONOUNS_OTHER:
            return []
        person = lower in PRONOUNS_PERSON
        if (
            token.dep_ == "nsubj"
            and token.head.lemma_.lower() in self.say_verbs
            and state.speaker is not None
            and (state.speaker.kind == "person") == person
        ):
            return [replace(state.speaker, text=token.text)]
        # "X said it would ...": the subject of a reported clause is, first of all, the one reporting it
        clause = token.head
        if (
            token.dep_ in ("nsubj", "nsubjpass")
            and clause.dep_ == "ccomp"
            and clause.head.lemma_.lower() in self.say_verbs
        ):
            for child in clause.head.children:
                if child.dep_ == "nsubj" and child.pos_ != "PRON":
                    actors = self._resolve(child, sent, state, 3)
                    if actors and (actors[0].kind == "person") == person:
                        return [replace(actors[0], text=token.text)]
        if (
            token.dep_ == "nsubj"
            and clause.dep_ in ("advcl", "conj")
            and sent.start <= clause.head.i < sent.end
        ):
            # "its forces killed ... as they crushed ...": the main clause's subject
            for child in clause.head.children:
                if child.dep_ == "nsubj" and child.pos_ != "PRON":
                    actors = self._resolve(child, sent, state, 3)
                    if actors and (actors[0].kind == "person") == person:
                        return [replace(actors[0], text=token.text)]
        earlier = self._earlier(token, state, ("person",) if person else ("state", "igo", "ngo", "group"))
        return [earlier] if earlier else []

    def _speaker_in_sentence(self, token: Token, state: ArticleState) -> Actor | None:
        """The one saying the sentence ("..., the minister said"), for "we" and "our" inside the quote."""
        sent = token.sent
        for candidate in sent:
            if candidate.lemma_.lower() in self.say_verbs:
                for child in candidate.children:
                    if child.dep_ == "nsubj" and not any(t.lower_ in PRONOUNS_SPEAKER for t in child.subtree):
                        actors = self._resolve(child, sent, state, 3)
                        if actors:
                            return actors[0]
        return None

    def _earlier(self, token: Token, state: ArticleState, kinds: tuple[str, ...]) -> Actor | None:
        """The last actor of one of `kinds` named before `token` in the article."""
        best: tuple[int, Actor] | None = None
        pool = state.resolved_people if kinds == ("person",) else state.resolved_other
        for position, actor in pool:
            if position < token.i and actor.kind in kinds and (best is None or position > best[0]):
                best = (position, actor)
        day = state.ctx.published
        for match in reversed(state.name_starts):
            if match.start >= token.i:
                continue
            if best is not None and match.start <= best[0]:
                break
            ref = self.actors.pick(match.refs, day)
            if ref.how == "adjective":
                continue  # "it" does not refer to "American" in "an American air base"
            actor = self.actors.actor(ref, day, "")
            if actor.kind in kinds or (actor.kind == "state" and "state" in kinds):
                best = (match.start, actor)
                break
        return replace(best[1], text=token.text) if best else None

    def _note_people(self, sent: Span, state: ArticleState) -> None:
        for token in sent:
            if token.lemma_.lower() in self.say_verbs:
                for child in token.children:
                    if child.dep_ == "nsubj" and child.lower_ not in PRONOUNS_SPEAKER | PRONOUNS_PERSON:
                        actors = self._resolve(child, sent, state)
                        if actors:
                            state.speaker = actors[0]

    def _note_unresolved(self, head: Token, sent: Span, state: ArticleState, role: str) -> None:
        if not role or head.pos_ not in ("NOUN", "PROPN") or head.ent_type_ in ("DATE", "TIME", "CARDINAL"):
            return
        phrase = " ".join(t.text for t in phrase_tokens(head, sent) if t.dep_ not in ("det", "poss", "case"))
        key = (sent.start, role, phrase)
        if phrase and key not in state.unresolved:
            state.unresolved[key] = {
                "article_id": state.ctx.article_id,
                "sentence_index": state.sentence_index,
                "sentence": sent.text.strip(),
                "role": role,
                "phrase": phrase,
                "head": head.lemma_.lower(),
            }

    def _is_city(self, text: str) -> bool:
        place = self.places.lookup(text[4:] if text.lower().startswith("the ") else text)
        return place is not None and not place.is_country

    def _place_of(self, token: Token) -> Place | None:
        """The gazetteer entry of the place name `token` is part of."""
        if token.ent_iob_ == "O":
            text = token.text
        else:
            start = token.i
            while start > 0 and token.doc[start].ent_iob_ == "I":
                start -= 1
            end = token.i + 1
            while end < len(token.doc) and token.doc[end].ent_iob_ == "I":
                end += 1
            text = token.doc[start:end].text
            if text.lower().startswith("the "):
                text = text[4:]
        return self.places.lookup(text)

    # --- output -------------------------------------------------------------------------------------

    def _records(
        self, candidate: Candidate, sent: Span, index: int, dates: list[DateMention], state: ArticleState
    ) -> list[dict]:
        trigger = candidate.trigger
        pattern = trigger.pattern
        pairs: list[tuple[Actor, Actor | None]] = []
        place = self._action_place(sent, candidate, state)
        material = candidate.code[:2] in ("14", "15", "16", "17", "18", "19", "20")
        sources = [
            self._fill_country(a, candidate.sources, candidate.targets, place, state, material)
            for a in candidate.sources
        ]
        targets = [
            self._fill_country(a, candidate.targets, sources, place, state, material)
            for a in candidate.targets
        ]
        if not targets and pattern.symmetric and len(sources) >= 2:
            pairs = [(a, b) for a in sources for b in sources if a.code != b.code]
        else:
            pairs = [(s, t) for s in sources for t in (targets or [None]) if t is None or t.code != s.code]
        event_date, date_source = self._event_date(trigger.token, sent, dates, state)
        words = sorted({t.i: t for t in candidate.words}.values(), key=lambda t: t.i)
        trigger_text = " ".join(t.text for t in words)
        records = []
        for source, target in pairs:
            if _bare_role(source) or (target is not None and _bare_role(target)):
                continue  # "the company president", "officials": no country, no event worth a row
            code = _refine_by_actor(candidate.code, source)
            if code == "010" and not (
                _political(source)
                and target is not None
                and _political(target)
                and target.country != source.country
            ):
                continue  # what businesses and bystanders said, or a government said at home, is no event
            info = lookup(code)
            target_code = target.code if target else ""
            confidence = candidate.confidence
            if source.kind == "role":
                confidence -= 0.2
            if pattern.targets and target is None:
                confidence -= 0.1
            identity = [
                state.ctx.article_id,
                str(index),
                source.code,
                target_code,
                code,
                str(trigger.token.i),
            ]
            record = {
                "event_id": hashlib.sha1("\x1f".join(identity).encode("utf-8")).hexdigest(),
                "article_id": state.ctx.article_id,
                "sentence_index": index,
                "sentence": sent.text.strip(),
                "event_date": event_date,
                "date_source": date_source,
                **_actor_columns("source", source),
                **_actor_columns("target", target),
                "cameo_code": code,
                "cameo_base": code[:3],
                "cameo_root": code[:2],
                "cameo_label": info.label,
                "quad_class": info.quad_class,
                "goldstein": info.goldstein,
                "trigger": trigger_text,
                "is_negated": candidate.negated,
                "confidence": round(max(0.05, min(1.0, confidence)), 2),
                "num_mentions": 1,
                "action_geo_name": place.name if place else None,
                "action_geo_country": place.country if place else None,
                "action_geo_lat": place.lat if place else None,
                "action_geo_lon": place.lon if place else None,
                "coder_version": self.version,
            }
            records.append(record)
        return records

    def _fill_country(
        self,
        actor: Actor,
        same_side: list[Actor],
        other_side: list[Actor],
        place: Place | None,
        state: ArticleState,
        material: bool = False,
    ) -> Actor:
        """A role with no country named ("police", "the president") gets the one the sentence or the
        article makes clear: a co-ordinated actor's ("the militants and the Nigerian government"), the
        place's, the other side's for domestic roles ("police detained protesters"), the article's."""
        if actor.country or not actor.role or actor.kind not in ("role", "person"):
            return actor
        for other in same_side:
            if other is not actor and other.country and other.kind in ("state", "person"):
                return actor.with_country(other.country)
        if (actor.role in DOMESTIC_ROLES or material) and actor.kind == "role":
            # "declared a state of siege in Haiti", "police in Minsk": the place's country
            if place is not None and place.country:
                return actor.with_country(place.country)
            for other in other_side:
                # "police detained protesters": a domestic actor facing another, both with roles
                if other.country and other.role and other.kind in ("state", "person"):
                    return actor.with_country(other.country)
        if state.dominant_country:
            return actor.with_country(state.dominant_country)
        return actor

    def _event_date(
        self, token: Token, sent: Span, dates: list[DateMention], state: ArticleState
    ) -> tuple[date, str]:
        if dates:
            governors = [token]
            current = token
            while current.head.i != current.i and sent.start <= current.head.i < sent.end:
                current = current.head
                governors.append(current)
            for governor in governors:
                for mention in dates:
                    if _governing_verb(mention.token, sent) == governor:
                        return mention.day, "sentence"
            if not any(_governing_verb(m.token, sent) is not None for m in dates):
                return dates[0].day, "sentence"
        if state.dateline is not None:
            return state.dateline, "article"
        return state.ctx.published, "article"

    def _sentence_places(self, sent: Span, state: ArticleState) -> list[tuple[int, Place]]:
        """The places a sentence names (named entities the gazetteer or the country list knows)."""
        found: list[tuple[int, Place]] = []
        for token in sent:
            if token.ent_type_ not in GEO_ENTS and _maybe_city(token) and token.i not in state.names:
                # a city the tagger did not mark ("Kharkiv was attacked"): only the large ones
                place = self.places.lookup(token.text)
                if place is not None and place.population >= MIN_UNTAGGED_CITY:
                    found.append((token.i, place))
                continue
            if token.ent_type_ not in GEO_ENTS or token.ent_iob_ != "B":
                continue
            place = self.places.lookup(_entity_text(token))
            match = state.names.get(token.i)
            if match is not None:
                ref = self.actors.pick(match.refs, state.ctx.published)
                entry = self.actors.entries[ref.entry]
                if entry.kind == "state" and ref.how == "name" and len(entry.code) == 3:
                    place = self.places.country_place(entry.code, entry.name)
                elif ref.how == "adjective":
                    place = None
            if place is not None:
                found.append((token.i, place))
        return found

    def _action_place(self, sent: Span, candidate: Candidate, state: ArticleState) -> Place | None:
        """Where the action happened: a place after "in", "at", "near" ..., else any place in the sentence,
        else, for material actions, the target's country."""
        in_sentence = [(i, place) for i, place in state.places if sent.start <= i < sent.end]
        for i, place in in_sentence:
            head = _entity_root(sent.doc[i])
            if head.dep_ == "pobj" and head.head.lower_ in PLACE_PREPS:
                return place
        if in_sentence:
            return in_sentence[0][1]
        code = candidate.code
        if (code[:2] in MATERIAL_ROOTS or code[:3] in MATERIAL_ROOTS) and candidate.targets:
            country = candidate.targets[0].country
            if country:
                return self.places.country_place(country, self.actors.country_name(country))
        return None


# --- parse helpers ---------------------------------------------------------------------------------------


def sentences(doc: Doc) -> Iterator[Span]:
    """The sentences of `doc`, also cut at blank lines (a paragraph or headline never joins the next;
    a single line break is wrapping)."""
    for sent in doc.sents:
        start = sent.start
        for token in sent:
            if token.is_space and token.text.count("\n") >= 2:
                if _has_words(doc, start, token.i):
                    yield doc[start : token.i]
                start = token.i + 1
        if _has_words(doc, start, sent.end):
            yield doc[start : sent.end]


def _has_words(doc: Doc, start: int, end: int) -> bool:
    return any(not (doc[i].is_punct or doc[i].is_space) for i in range(start, end))


def is_passive(token: Token) -> bool:
    if token.dep_ == "acl" and token.tag_ == "VBN":
        return True
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in token.children)


SCORE = re.compile(r"(?<![\d.,/-])\d{1,2} ?[-–] ?\d{1,2}(?![\d.,/-])")
# Nouns whose participle clause speaks for whoever issued them: "issued a declaration demanding ...".
DOCUMENT_NOUNS = frozenset(
    {"declaration", "statement", "letter", "resolution", "report", "message", "communique", "decree", "note",
     "petition", "appeal", "call", "speech", "address", "order", "ultimatum"}
)  # fmt: skip
DATELINE_DASHES = frozenset({"-", "--", "—", "–"})


def _dateline_end(sent: Span) -> int:
    """The first token after a dateline ("TOKYO/SEOUL (Reuters) -", "KUNDUZ, Afghanistan —"), else the
    sentence's start."""
    first = sent[0]
    if not ((first.text.isupper() and len(first.text) > 1 and first.is_alpha) or "/" in first.text):
        return sent.start
    for token in sent[:14]:
        if token.text in DATELINE_DASHES:
            return token.i + 1
    return sent.start


# Who does it changes what it is: civilians storming or fighting riot (145), rebels seizing people abduct.
IRREGULAR_ROLES = frozenset({"REB", "UAF", "CRM", "INS", "SEP"})
CIVILIAN_ROLES = frozenset({"CVL", "EDU", "LAB", "AGR", "REF"})


# Verb forms the small English model lemmatises wrongly ("staged" -> "stag", "waged" -> "wag").
VERB_LEMMA_FIXES = {
    form: lemma
    for lemma, forms in {
        "stage": ("staged", "staging", "stages"),
        "wage": ("waged", "waging", "wages"),
        "hope": ("hoped", "hoping", "hopes"),
        "lambaste": ("lambasted", "lambasting", "lambastes"),
        "rape": ("raped", "raping", "rapes"),
        "snipe": ("sniped", "sniping", "snipes"),
        "cordon": ("cordoned", "cordoning", "cordons"),
    }.items()
    for form in forms
}


def verb_lemma(token: Token) -> str:
    lemma = token.lemma_.lower()
    if token.pos_ in ("VERB", "AUX"):
        return VERB_LEMMA_FIXES.get(token.lower_, lemma)
    return lemma


def _lower(token: Token) -> str:
    return token.lower_


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def _maybe_city(token: Token) -> bool:
    """A capitalised word the small model did not tag as a place but may be one ("Kharkiv was attacked");
    the gazetteer decides, for large cities only."""
    if (
        not token.text[:1].isupper()
        or token.pos_ not in ("PROPN", "NOUN")
        or token.ent_type_ in ("ORG", "NORP")
    ):
        return False
    if token.ent_type_ == "PERSON":
        doc = token.doc
        single = token.ent_iob_ == "B" and (token.i + 1 >= len(doc) or doc[token.i + 1].ent_iob_ != "I")
        return single
    return True


def _refine_by_actor(code: str, source: Actor) -> str:
    if code[:2] == "19" and source.role in CIVILIAN_ROLES:
        return "145"
    if code == "173" and (source.role in IRREGULAR_ROLES or source.kind == "group"):
        return "181"
    return code


def _refusal(token: Token) -> bool:
    """ "will not release", "would never accept": a negation that announces a refusal."""
    current = token
    for _ in range(3):
        children = list(current.children)
        if any(c.dep_ == "neg" and c.lower_ == "never" for c in children):
            return True
        if any(c.dep_ == "aux" and c.lower_ in MODAL_INTENT for c in children) and any(
            c.dep_ == "neg" for c in children
        ):
            return True
        if current.dep_ != "xcomp":
            return False
        current = current.head
    return False


def _same_violent_act(trigger: Trigger, by_token: dict[int, Trigger]) -> bool:
    token = trigger.token
    if token.dep_ != "conj":
        return False
    first = by_token.get(token.head.i)
    if first is None or any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children):
        return False  # the second verb has a subject of its own
    if first.pattern.code[:2] == trigger.pattern.code[:2] == "14":
        return True  # "blocked roads and staged rallies": one protest
    if trigger.pattern.code[:2] not in ("18", "19", "20") or first.pattern.code[:2] not in ("18", "19", "20"):
        return False
    # only when one of the two has no object of its own
    return not (
        any(c.dep_ == "dobj" for c in token.children) and any(c.dep_ == "dobj" for c in first.token.children)
    )


PROTEST_CODES = frozenset({"141", "142", "143", "144"})


def _protest_demands(candidates: list[Candidate]) -> list[Candidate]:
    """ "staged demonstrations to demand political reforms": the demand is what the protest is for (1412),
    not an event of its own; the protest takes the demand's target when it has none."""
    kept = []
    for candidate in candidates:
        token = candidate.trigger.token
        protest = next(
            (
                c
                for c in candidates
                if c.code in PROTEST_CODES
                and token.dep_ in ("advcl", "xcomp")
                and token.head.i == c.trigger.token.i
                and c.sources == candidate.sources
            ),
            None,
        )
        if protest is None or candidate.code[:3] not in ("100", "104"):
            kept.append(candidate)
            continue
        if candidate.code[:3] == "104" and len(candidate.code) == 4:
            protest.code += candidate.code[3]
        if not protest.targets:
            protest.targets = candidate.targets
    return kept


def _pro_or_anti(match: NameMatch, sent: Span) -> bool:
    """ "pro-Iranian", "anti-American": the name says whom the actor is for or against, not who it is."""
    doc = sent.doc
    return (
        match.start >= 2
        and doc[match.start - 1].text == "-"
        and doc[match.start - 2].lower_ in ("pro", "anti")
    )


def _has_content(governor: Token | None, complement: Trigger | None) -> bool:
    """Whether the clause a verb governs says what will be done to what ("to set up a centre")."""
    clauses = [complement.token] if complement is not None else []
    if governor is not None:
        clauses += [c for c in governor.children if c.dep_ in ("xcomp", "ccomp")]
    return any(c.dep_ == "dobj" for clause in clauses for c in clause.children)


def _act_lemma(token: Token) -> str:
    """One key for a verb and its noun: "launches"/"launch", "bombed"/"bombing"."""
    lemma = token.lemma_.lower()
    return lemma[:-3] if lemma.endswith("ing") and len(lemma) > 5 else lemma


def _future(token: Token) -> bool:
    for child in token.children:
        if child.lower_ == "tomorrow":
            return True
        words = [child, *(g for g in child.children if g.dep_ == "pobj")]
        for word in words:
            if word.lower_ in ("week", "month", "year", "weekend") and any(
                g.lower_ in ("next", "coming") for g in word.children
            ):
                return True
    return False


def _bare_role(actor: Actor) -> bool:
    return not actor.country and actor.kind in ("role", "person") and not actor.code.startswith(NON_STATE)


def _political(actor: Actor) -> bool:
    return actor.kind in ("igo", "ngo", "group") or (bool(actor.country) and actor.role in POLITICAL_ROLES)


def _obliged_clause(token: Token) -> Token | None:
    """The clause of a saying verb that says what someone must or should do."""
    for child in token.children:
        if child.dep_ == "ccomp" and _obliged(child):
            return child
    return None


def _obliged(token: Token) -> bool:
    """ "must", "should", "has to": what is said to be owed is demanded."""
    for child in token.children:
        if child.dep_ == "aux" and child.lower_ in ("must", "should", "ought"):
            return True
    return (
        token.dep_ == "xcomp" and token.head.lemma_.lower() in ("have", "need") and token.head.dep_ == "ccomp"
    )


def is_negated(token: Token) -> bool:
    if any(c.dep_ == "neg" for c in token.children):
        return True
    if any(c.dep_ == "det" and c.lower_ == "no" for c in token.children):
        return True
    if token.dep_ == "pcomp" and token.head.lower_ == "without":
        return True
    if token.dep_ == "xcomp" and token.head.lemma_.lower() in NEGATING_VERBS:
        return True  # "failed to reach an agreement"
    # "did not agree to send": the governing verb's negation covers its clause
    return token.dep_ in ("xcomp",) and any(c.dep_ == "neg" for c in token.head.children)


def has_intent_modal(token: Token) -> bool:
    current = token
    for _ in range(3):
        for child in current.children:
            if child.dep_ == "aux" and child.lower_ in MODAL_INTENT:
                return True
            if child.dep_ == "aux" and child.lower_ == "going":
                return True
        if current.dep_ == "conj":
            current = current.head
            continue
        if current.dep_ == "xcomp" and current.head.lemma_.lower() in ("be", "go"):
            return True
        break
    return False


def subject_heads(token: Token, sent: Span, stative: bool = False) -> Iterator[Token]:
    """Where the source of `token`'s action is named, most direct first: its subject (the agent in the
    passive), else the subject of the clause it belongs to."""
    current = token
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
            if head.dep_ in ("dobj", "pobj", "attr") and head.lemma_.lower() in DOCUMENT_NOUNS:
                current = head.head if head.dep_ != "pobj" else head.head.head
                continue
            return
        if dep == "xcomp" and head.lemma_.lower() in OBJECT_CONTROL:
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


def phrase_tokens(head: Token, sent: Span) -> list[Token]:
    """The words of the noun phrase headed by `head`: its modifiers, not its clauses or coordinates."""
    tokens = [head]
    stack = [c for c in head.children if _in_phrase(c, head)]
    while stack:
        token = stack.pop()
        if not (sent.start <= token.i < sent.end):
            continue
        tokens.append(token)
        stack.extend(c for c in token.children if c.dep_ not in ("relcl", "acl", "advcl", "appos", "punct"))
    return sorted(tokens, key=lambda t: t.i)


def _in_phrase(child: Token, head: Token) -> bool:
    dep = child.dep_
    if dep in ("relcl", "acl", "advcl", "conj", "cc", "punct", "appos"):
        return False
    if dep == "prep":
        return child.lower_ in ("of", "in", "from") and head.pos_ == "NOUN"
    return True


def _coordinated(matches: list[NameMatch], head: Token) -> list[NameMatch]:
    """Among modifier names, the coordinated ones ("Ukrainian and Russian") or else the nearest the head."""
    doc = head.doc
    if len(matches) > 1:
        linked = [
            m
            for m in matches
            if any(
                doc[i].dep_ == "conj" or any(c.dep_ == "conj" for c in doc[i].children)
                for i in range(m.start, m.end)
            )
        ]
        if len(linked) > 1:
            return linked
    before = [m for m in matches if m.start < head.i]
    return [before[-1]] if before else matches[:1]


def _particle(token: Token, particle: str) -> Token | None:
    words = particle.split()
    for child in token.children:
        if child.dep_ in ("prt", "prep", "dative", "agent") and child.lower_ == words[0]:
            if any(g.ent_type_ in ("DATE", "TIME") for g in child.children):
                continue
            return child
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if following is not None and following.lower_ == words[0]:
        return following
    return None


def _prep_objects(head: Token, preps: tuple[str, ...]) -> Iterator[Token]:
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            yield from (g for g in child.children if g.dep_ == "pobj")


def _latest_place(places: list[tuple[int, Place]], before: int) -> Place | None:
    found = None
    for i, place in places:
        if i >= before:
            break
        found = place
    return found


def _target_prep(head: Token) -> list[Token]:
    if head.dep_ == "pobj" and head.head.pos_ == "ADP":
        return [head.head]
    return []


def _governing_verb(token: Token, sent: Span) -> Token | None:
    current = token
    for _ in range(6):
        head = current.head
        if head.i == current.i or not (sent.start <= head.i < sent.end):
            return None
        if head.pos_ in ("VERB", "AUX", "ADJ") or head.dep_ == "ROOT":
            return head
        current = head
    return None


def _entity_text(token: Token) -> str:
    doc = token.doc
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    text = doc[token.i : end].text
    return text[4:] if text.lower().startswith("the ") else text


def _entity_root(token: Token) -> Token:
    doc = token.doc
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[token.i : end].root


def _name_text(head: Token) -> str:
    words = [c for c in head.children if c.dep_ == "compound" and c.ent_type_ == "PERSON"] + [head]
    return " ".join(t.text for t in sorted(words, key=lambda t: t.i))


def _text(tokens: list[Token]) -> str:
    if not tokens:
        return ""
    doc = tokens[0].doc
    start, end = tokens[0].i, tokens[-1].i + 1
    if end - start == len(tokens):
        return doc[start:end].text
    return " ".join(t.text for t in tokens)


def _accusation_code(code: str, clause_code: str) -> str:
    """ "accused X of <clause>": aggression, rights abuses and crimes have their own codes."""
    if code != "112":
        return code
    if clause_code[:2] in ("19", "15", "13"):
        return "1123"
    if clause_code[:2] in ("18", "20") or clause_code[:3] in ("175",):
        return "1122"
    if clause_code[:3] in ("173", "171"):
        return "1121"
    return code


def _actor_columns(prefix: str, actor: Actor | None) -> dict[str, str]:
    if actor is None:
        return {f"{prefix}_{k}": "" for k in ("code", "name", "text", "country", "role", "kind")}
    return {
        f"{prefix}_code": actor.code,
        f"{prefix}_name": actor.name,
        f"{prefix}_text": actor.text,
        f"{prefix}_country": actor.country,
        f"{prefix}_role": actor.role,
        f"{prefix}_kind": actor.kind,
    }
