"""The coder of an article: a spaCy Doc in, event rows out, sentence by sentence.

The names of the article are found once; each sentence then gives its dates and places to the article's
state and is coded (transforms/coder/sentence.py); rows of the same event in several sentences merge.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from spacy.tokens import Doc

from transforms.actors import ActorDictionary
from transforms.coder.furniture import page_furniture
from transforms.coder.lexicon import Lexicon
from transforms.coder.model import ArticleContext, ArticleState, CodingResult
from transforms.coder.name_filters import local_names, whole_names
from transforms.coder.parse import dateline_end, sentences
from transforms.coder.people import find_people, sentence_index
from transforms.coder.records import CODER_VERSION, ArticleEvents
from transforms.coder.sentence import code_sentence
from transforms.coder.setting import dominant_country, note_dateline, sentence_places
from transforms.dates import find_dates
from transforms.places import Gazetteer
from transforms.verbs import VerbDictionary


class Coder:
    """The CAMEO event coder, built once from the dictionaries (and a user's actor files)."""

    version: str = CODER_VERSION

    def __init__(self, extra_actor_files: Sequence[Path] = ()) -> None:
        self.extra_actor_files = tuple(extra_actor_files)
        self.lex = Lexicon.load(self.extra_actor_files)

    @property
    def actors(self) -> ActorDictionary:
        return self.lex.actors

    @property
    def verbs(self) -> VerbDictionary:
        return self.lex.verbs

    @property
    def places(self) -> Gazetteer:
        return self.lex.places

    def code(self, doc: Doc, ctx: ArticleContext) -> CodingResult:
        lex = self.lex
        furniture = page_furniture(lex.furniture, doc)
        sentence_list = list(sentences(doc, furniture))
        sentence_of = sentence_index(doc, sentence_list)
        found = {
            i: m
            for i, m in lex.actors.find_names(doc).items()
            if not any(j in furniture for j in range(m.start, m.end))
        }
        names = local_names(lex, doc, whole_names(lex, doc, found), ctx.published)
        people = find_people(lex, doc, names, sentence_of, ctx.published, furniture)
        names = people.names
        starts = sorted({m.start: m for m in names.values()}.values(), key=lambda m: m.start)
        state = ArticleState(ctx, names, starts, dominant_country(lex, starts, ctx.published))
        state.people, state.person_mentions, state.sentence_of = people.by_token, people.mentions, sentence_of
        state.furniture = furniture
        sport = lex.sport.find(doc)
        sport_words = set(sport.hits())
        if len(sport_words) >= 4:
            return CodingResult()  # a sports report: its attacks and defeats are games
        sport_sentences = [sport.sentence_is_sport(sent) for sent in sentence_list]
        state.sport_context = len(sport_words) >= 2 or any(sport_sentences)
        events = ArticleEvents()
        for index, sent in enumerate(sentence_list):
            state.sentence_index = index
            state.skip_before = dateline_end(sent)
            dates = find_dates(sent, ctx.published)
            state.places.extend(sentence_places(lex, sent, state))
            note_dateline(sent, dates, state)
            if sport_sentences[index]:
                continue
            events.add(code_sentence(lex, sent, index, dates, state), index)
        return CodingResult(events.rows(), list(state.unresolved.values()))
