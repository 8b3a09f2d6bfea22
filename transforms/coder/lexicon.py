"""Everything the coder knows, loaded once from transforms/data: actors, patterns, places and word classes.

Each stage of the coder reads the dictionaries through one `Lexicon`; a word list the coder needs is a
`@CLASS` row of verbs.tsv (documented in transforms/data/README.md), named here once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from transforms.actors import ActorDictionary
from transforms.places import Gazetteer
from transforms.verbs import VerbDictionary, load_verbs


@dataclass(frozen=True)
class Lexicon:
    actors: ActorDictionary
    verbs: VerbDictionary
    places: Gazetteer
    light_verbs: frozenset[str]  # @LIGHT: "held talks", "launched an attack" are coded by the noun
    light_preps: frozenset[str]  # @LIGHTPREP: "engaged in ethnic cleansing"
    sport_words: frozenset[str]  # @SPORT
    negative_words: frozenset[str]  # @NEGATIVE: "called the launch unacceptable" criticises
    positive_words: frozenset[str]  # @POSITIVE: "said the talks were a success" praises
    unnamed_objects: frozenset[str]  # @VICTIM and @TERRAIN: acted on, though no dictionary names them
    peacekeeping_words: frozenset[str]  # @PEACEKEEPERS
    conduct_nouns: frozenset[str]  # @CONDUCT: "the FBI's announcement has failed" judges the FBI
    honour_nouns: frozenset[str]  # @HONOUR: "it was an honour to meet X" praises X
    priority_nouns: frozenset[str]  # @PRIORITY: "my priority is to ..." states an intent
    speculation: frozenset[str]  # @SPECULATE: what is believed or expected is no event
    wanting_verbs: frozenset[str]  # @WANT: "wants to send arms" is an intent to send them
    disputing_verbs: frozenset[str]  # @DISPUTE: what is denied, dismissed or alleged is no event
    opinion_sources: frozenset[str]  # @OPINION: what polls find and experts read is no event
    say_verbs: frozenset[str]  # the lemmas of the comp=say rows

    @classmethod
    def load(cls, extra_actor_files: Sequence[Path] = ()) -> Lexicon:
        """The bundled dictionaries, with the user's actor files first."""
        verbs = load_verbs()
        return cls(
            actors=ActorDictionary.load(extra_actor_files),
            verbs=verbs,
            places=Gazetteer(),
            light_verbs=verbs.word_class("@LIGHT"),
            light_preps=verbs.word_class("@LIGHTPREP"),
            sport_words=verbs.word_class("@SPORT"),
            negative_words=verbs.word_class("@NEGATIVE"),
            positive_words=verbs.word_class("@POSITIVE"),
            unnamed_objects=verbs.word_class("@VICTIM") | verbs.word_class("@TERRAIN"),
            peacekeeping_words=verbs.word_class("@PEACEKEEPERS"),
            conduct_nouns=verbs.word_class("@CONDUCT"),
            honour_nouns=verbs.word_class("@HONOUR"),
            priority_nouns=verbs.word_class("@PRIORITY"),
            speculation=verbs.word_class("@SPECULATE"),
            wanting_verbs=verbs.word_class("@WANT"),
            disputing_verbs=verbs.word_class("@DISPUTE"),
            opinion_sources=verbs.word_class("@OPINION"),
            say_verbs=frozenset(
                lemma for (pos, lemma), found in verbs.patterns.items() if any(p.mode == "say" for p in found)
            ),
        )
