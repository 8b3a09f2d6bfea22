"""Everything the coder knows, loaded once from transforms/data: actors, patterns, mode rewrites, places
and the word classes its rules read.

Each stage of the coder reads the dictionaries through one `Lexicon`. A word list a rule needs is a
`@CLASS` row of verbs.tsv (documented in transforms/data/README.md), named here once; a user extends it
by editing that row.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from transforms.actors import ActorDictionary, load_first_names
from transforms.coder.furniture import load_furniture
from transforms.coder.sport import SportMatcher
from transforms.places import Gazetteer
from transforms.verbs import ModeRewrites, VerbDictionary, VerbFileError, load_mode_rewrites, load_verbs

# "@LEMMA:stage<TAB>staged staging stages": forms the small model lemmatises wrongly, read as that lemma.
LEMMA_CLASS = "@LEMMA:"
# Actor kinds a definite description may stand for: "@DEFINITE_STATE country nation ..." and so on.
DEFINITE_CLASSES = {"state": "@DEFINITE_STATE", "igo": "@DEFINITE_IGO", "ngo": "@DEFINITE_NGO",
                    "group": "@DEFINITE_GROUP"}  # fmt: skip

# The Lexicon's word lists and the @CLASS rows of verbs.tsv that fill them (a list holds the words of all its
# classes); what each list is for is said at its field.
WORD_CLASS_FIELDS: dict[str, tuple[str, ...]] = {
    "light_verbs": ("@LIGHT",),
    "light_preps": ("@LIGHTPREP",),
    "negative_words": ("@NEGATIVE",),
    "positive_words": ("@POSITIVE",),
    "unnamed_objects": ("@VICTIM", "@TERRAIN"),
    "victims": ("@VICTIM",),
    "individual_nouns": ("@INDIVIDUAL",),
    "person_words": ("@PERSON", "@VICTIM"),
    "peacekeeping_words": ("@PEACEKEEPERS",),
    "conduct_nouns": ("@CONDUCT",),
    "honour_nouns": ("@HONOUR",),
    "priority_nouns": ("@PRIORITY",),
    "speculation": ("@SPECULATE",),
    "conditional_verbs": ("@CONDITIONAL",),
    "negating_verbs": ("@NEGATING",),
    "purpose_verbs": ("@PURPOSE",),
    "launch_verbs": ("@LAUNCH",),
    "intercept_verbs": ("@INTERCEPT",),
    "object_control": ("@OBJECT_CONTROL",),
    "document_nouns": ("@DOCUMENT",),
    "place_of_nouns": ("@PLACE_OF",),
    "authored_forms": ("@AUTHORED",),
    "quantity_nouns": ("@QUANTITY",),
    "associate_nouns": ("@ASSOCIATE",),
    "supporter_nouns": ("@SUPPORTER",),
    "office_nouns": ("@OFFICE",),
    "former_words": ("@FORMER",),
    "party_offices": ("@PARTY_OFFICE",),
    "org_offices": ("@PARTY_OFFICE", "@ORG_OFFICE"),
    "campaign_nouns": ("@CAMPAIGN",),
    "female_nouns": ("@FEMALE",),
    "male_nouns": ("@MALE",),
    "place_words": ("@PLACE_WORD",),
    "country_halves": ("@COUNTRY_HALF",),
    "location_nouns": ("@LOCATION",),
    "civilian_acts": ("@CIVILIAN_ACT",),
    "wanting_verbs": ("@WANT",),
    "disputing_verbs": ("@DISPUTE",),
    "opinion_sources": ("@OPINION",),
    "time_nouns": ("@TIME_NOUN",),
    "narrative_adverbs": ("@NARRATIVE",),
    "habitual_adverbs": ("@HABITUAL",),
    "period_nouns": ("@PERIOD",),
    "undergo_verbs": ("@UNDERGO",),
    "force_in_words": ("@FORCE_IN_WORDS",),
    "physical_words": ("@WEAPON", "@AIRWEAPON", "@CASUALTY"),
    "accident_words": ("@ACCIDENT",),
    "mishap_verbs": ("@MISHAP",),
    "test_words": ("@TEST",),
    "missile_words": ("@MISSILE",),
    "capable_words": ("@CAPABLE",),
}


@dataclass(frozen=True)
class Lexicon:
    actors: ActorDictionary
    verbs: VerbDictionary
    rewrites: ModeRewrites  # modes.tsv: how a governing verb rewrites its clause's code; the refinements
    places: Gazetteer
    say_verbs: frozenset[str]  # the lemmas of the comp=say rows
    furniture: tuple[re.Pattern[str], ...]  # furniture.tsv: photo credits, caption labels, adverts, links
    lemma_fixes: dict[str, str]  # @LEMMA:<lemma> rows: "staged" is "stage", not "stag"
    definite_kinds: dict[str, tuple[str, ...]]  # @DEFINITE_<KIND>: "the alliance" is an igo named before
    # the @CLASS rows of verbs.tsv, by what the rules use them for
    light_verbs: frozenset[str]  # @LIGHT: "held talks", "launched an attack" are coded by the noun
    light_preps: frozenset[str]  # @LIGHTPREP: "engaged in ethnic cleansing"
    sport: SportMatcher  # @SPORT: sport articles and sentences code no event
    negative_words: frozenset[str]  # @NEGATIVE: "called the launch unacceptable" criticises
    positive_words: frozenset[str]  # @POSITIVE: "said the talks were a success" praises
    unnamed_objects: frozenset[str]  # @VICTIM and @TERRAIN: acted on, though no dictionary names them
    victims: frozenset[str]  # @VICTIM: people force is used on are civilians of the country (unless a role)
    individual_nouns: frozenset[str]  # @INDIVIDUAL: "a Tunisian man", "an Afghan": a private person, not the state
    person_words: frozenset[str]  # @PERSON and @VICTIM: people, when an object must be someone (@ACTOR)
    peacekeeping_words: frozenset[str]  # @PEACEKEEPERS
    conduct_nouns: frozenset[str]  # @CONDUCT: "the FBI's announcement has failed" judges the FBI
    honour_nouns: frozenset[str]  # @HONOUR: "it was an honour to meet X" praises X
    priority_nouns: frozenset[str]  # @PRIORITY: "my priority is to ..." states an intent
    speculation: frozenset[str]  # @SPECULATE: what is believed or expected is no event
    conditional_verbs: frozenset[str]  # @CONDITIONAL: "threatened to secede unless ..." is still a threat
    negating_verbs: frozenset[str]  # @NEGATING: "failed to reach an agreement" is negated
    purpose_verbs: frozenset[str]  # @PURPOSE: "sent aid to help Jordan": the help is the aid's purpose
    launch_verbs: frozenset[str]  # @LAUNCH: a launch with no one fired at shows force
    intercept_verbs: frozenset[str]  # @INTERCEPT: "intercepted the missiles launched by Iran"
    object_control: frozenset[str]  # @OBJECT_CONTROL: "urged Iran to release": Iran releases
    document_nouns: frozenset[str]  # @DOCUMENT: "a declaration demanding" speaks for its issuer
    place_of_nouns: frozenset[str]  # @PLACE_OF: "the city of Kherson" stands for Kherson
    authored_forms: frozenset[str]  # @AUTHORED: "a U.S.-drafted resolution" is the U.S.'s
    quantity_nouns: frozenset[str]  # @QUANTITY: "thousands of Israelis" are Israelis
    associate_nouns: frozenset[str]  # @ASSOCIATE: "Mr Thorpe's colleagues" are not Mr Thorpe
    supporter_nouns: frozenset[str]  # @SUPPORTER: "supporters of X" are X's country's civilians
    office_nouns: frozenset[str]  # @OFFICE: "the prime minister" is someone "he" may refer to later
    honorific_gender: dict[str, str]  # @HONORIFIC_MALE/_FEMALE/@HONORIFIC: "Mrs" -> "f", "Dr" -> ""
    former_words: frozenset[str]  # @FORMER: "former minister" is an elite (ELI)
    party_offices: frozenset[str]  # @PARTY_OFFICE: a party's "leader" or "spokesman" acts for the party
    org_offices: frozenset[str]  # @PARTY_OFFICE and @ORG_OFFICE: an organisation's officer acts for it
    campaign_nouns: frozenset[str]  # @CAMPAIGN: "the Clinton campaign" is a party of Clinton's country
    female_nouns: frozenset[str]  # @FEMALE: "spokeswoman", "widow": "she"
    male_nouns: frozenset[str]  # @MALE: "spokesman", "husband": "he"
    place_words: frozenset[str]  # @PLACE_WORD: "the territory" is the place named before
    country_halves: frozenset[str]  # @COUNTRY_HALF: "the North" is North Korea named before
    location_nouns: frozenset[str]  # @LOCATION: "targets in Gaza" stand for Gaza's country
    civilian_acts: frozenset[str]  # @CIVILIAN_ACT: "people protesting" are civilians
    wanting_verbs: frozenset[str]  # @WANT: "wants to send arms" is an intent to send them
    disputing_verbs: frozenset[str]  # @DISPUTE: what is denied, dismissed or alleged is no event
    opinion_sources: frozenset[str]  # @OPINION: what polls find and experts read is no event
    time_nouns: frozenset[str]  # @TIME_NOUN: "the moment North Korea launches" narrates
    narrative_adverbs: frozenset[str]  # @NARRATIVE: "the group, which later claims" narrates
    habitual_adverbs: frozenset[str]  # @HABITUAL: "has long rejected", "protested weekly" is background
    period_nouns: frozenset[str]  # @PERIOD: "for eight years", "in recent months", "a year" span a time
    first_names: dict[str, str]  # first_names.tsv: a given name's usual gender, for "he" and "she"
    undergo_verbs: frozenset[str]  # @UNDERGO: "faces opposition from X": X opposes the subject
    force_in_words: frozenset[str]  # @FORCE_IN_WORDS: "attacked", "clashed with" between politicians
    physical_words: frozenset[str]  # @WEAPON, @AIRWEAPON, @CASUALTY: what makes force physical
    accident_words: frozenset[str]  # @ACCIDENT: crashes and disasters are no one's act
    mishap_verbs: frozenset[str]  # @MISHAP: "the tram derailed, killing seven" is no one's violence
    test_words: frozenset[str]  # @TEST: "test-fired a missile" shows force (150)
    missile_words: frozenset[str]  # @MISSILE: "fired a missile over Japan" is a flight, not a strike
    capable_words: frozenset[str]  # @CAPABLE: "a missile able to strike" is no strike

    @classmethod
    def load(cls, extra_actor_files: Sequence[Path] = ()) -> Lexicon:
        """The bundled dictionaries, with the user's actor files first."""
        verbs = load_verbs()

        def word_class(name: str) -> frozenset[str]:
            if name not in verbs.classes:
                raise VerbFileError(f"verbs.tsv: the coder needs the word class {name}")
            return verbs.word_class(name)

        definite_kinds: dict[str, tuple[str, ...]] = {}
        for kind, name in DEFINITE_CLASSES.items():
            for word in word_class(name):
                definite_kinds[word] = (*definite_kinds.get(word, ()), kind)
        return cls(
            actors=ActorDictionary.load(extra_actor_files),
            verbs=verbs,
            rewrites=load_mode_rewrites(),
            places=Gazetteer(),
            say_verbs=frozenset(
                lemma for (pos, lemma), found in verbs.patterns.items() if any(p.mode == "say" for p in found)
            ),
            lemma_fixes={
                form: name.removeprefix(LEMMA_CLASS)
                for name, forms in verbs.classes.items()
                if name.startswith(LEMMA_CLASS)
                for form in forms
            },
            definite_kinds=definite_kinds,
            furniture=load_furniture(),
            sport=SportMatcher(word_class("@SPORT")),
            honorific_gender={
                **dict.fromkeys(word_class("@HONORIFIC"), ""),
                **dict.fromkeys(word_class("@HONORIFIC_FEMALE"), "f"),
                **dict.fromkeys(word_class("@HONORIFIC_MALE"), "m"),
            },
            **{
                field: frozenset().union(*(word_class(name) for name in names))
                for field, names in WORD_CLASS_FIELDS.items()
            },
            first_names=load_first_names(),
        )
