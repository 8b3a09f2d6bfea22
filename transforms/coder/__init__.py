"""The CAMEO event coder: a spaCy Doc of one article in, event records out.

One module per stage of coding a sentence (transforms/data/README.md describes the dictionaries):

- `article`: the `Coder` and its loop over an article's sentences
- `sentence`: one sentence, trigger by trigger, to candidate events and rows
- `triggers`: which words match a verb or noun pattern of verbs.tsv
- `clauses`: how a sentence's triggers relate; which are events of their own (`EVENT_FILTERS`)
- `background`, `unrealised`: filters of `EVENT_FILTERS`: what an actor is or does by habit; acts
  announced, asked for or hoped, not done
- `mode`: negation, intent, condition, speculation, obligation of a clause
- `codes`: the event code, rewritten by the clause's mode and refined by words and actors
- `sources`: where the source is read: the subject, an event noun's actor, the agent a passive implies
- `slots`: where the target is read (`SLOT_READERS`)
- `targets`: what to try when the slots name no target (`TARGET_FALLBACKS`)
- `no_target`: whether a trigger with no target is still an event (`NO_TARGET_RULES`, `empty_warning`)
- `person_spans`: where the article names a person (a title and a name, a full name, a dictionary person)
- `people`: the article's people, each name, surname or "Mr X" linked to the person it names
- `descriptions`: who a person is: the dictionary's person, or what the article's description of them says
- `name_filters`: which dictionary names stand for their entry here (not inside a longer name; local names)
- `mentions`: a noun phrase to its actors (`MENTION_READERS`)
- `role_mentions`: the readers of a phrase naming a role ("Russian troops", "the minister", "President
  Reagan", "the Police Federation")
- `anaphora`: whom a pronoun or a definite description ("the country") refers back to; speakers
- `person_pronouns`: whom "he" or "she" refers back to: the most salient person named before
- `names`: dictionary names, role nouns and the actors the article named before
- `speech`: what a saying judges: criticism, praise or a plan in what an actor says (`CLAUSE_READERS`)
- `quotes`: a quote that goes on past the sentence of its attribution: whose it is, what it judges
- `setting`: dates, places, the country of an actor without one
- `sport`: the sport words of an article (set lookups, once per article): sport articles and sentences code
  no event
- `records`: the EVENTS rows and their merging within an article
- `model`, `lexicon`, `parse`: the data model, the loaded dictionaries, dependency-tree helpers
"""

from transforms.coder.article import Coder
from transforms.coder.model import ArticleContext, CodingResult
from transforms.coder.records import CODER_VERSION

__all__ = ["CODER_VERSION", "ArticleContext", "Coder", "CodingResult"]
