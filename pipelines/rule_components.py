"""spaCy's two rule components, run faster with exactly the annotations spaCy's own code gives.

In `en_core_web_sm` a quarter of `nlp.pipe`'s time goes to components that apply rules rather than a
model: the attribute ruler tries its 179 Matcher patterns at every word (about 15% of the time) and the
rule lemmatizer makes a Python call per word (about 8%). `speed_up_rules` has a loaded pipeline's
attribute ruler find its matches through an index of its patterns, remembered per distinct word, and its
lemmatizer look lemmas up in a memo of (word, part of speech, morphology), the three things spaCy's rule
lemmatizer reads. The matches found and every word's annotations are the same as spaCy's
(tests/test_rule_components.py compares them word by word). A component whose patterns use what the index
does not know (operators such as "OP", other predicates, extension attributes) or whose class is not
spaCy's keeps spaCy's code.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy
from spacy.attrs import IDS, LEMMA, MORPH, ORTH, POS
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.language import Language
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.strings import StringStore
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs  # what AttributeRuler itself uses

# A memo is emptied when it reaches this many entries, so that a long run's memory stays bounded.
MEMO_ENTRIES = 100_000

# Token attributes the index compares as the Matcher does (`to_array` reads the same values); the
# boolean ones are lexeme flags.
STRING_ATTRS = frozenset({"ORTH", "LOWER", "NORM", "SHAPE", "PREFIX", "SUFFIX", "TAG", "POS", "DEP", "LEMMA"})
FLAG_ATTRS = frozenset(
    {"IS_ALPHA", "IS_ASCII", "IS_DIGIT", "IS_LOWER", "IS_PUNCT", "IS_SPACE", "IS_TITLE", "IS_UPPER",
     "LIKE_URL", "LIKE_NUM", "LIKE_EMAIL", "IS_STOP", "IS_BRACKET", "IS_QUOTE", "IS_LEFT_PUNCT",
     "IS_RIGHT_PUNCT", "IS_CURRENCY"}
)  # fmt: skip
LEMMATIZER_CLASSES = (Lemmatizer, EnglishLemmatizer)


def speed_up_rules(nlp: Language) -> list[str]:
    """Have `nlp`'s attribute ruler and rule lemmatizer run through an index and a memo (see the module's
    docstring); returns the names of the components sped up."""
    sped_up = []
    for name, component in nlp.pipeline:
        if type(component) is AttributeRuler:
            index = PatternIndex.of(component)
            if index is not None:  # the two methods AttributeRuler.__call__ calls
                component.match = index.match
                component.set_annotations = index.set_annotations
                sped_up.append(name)
        elif type(component) in LEMMATIZER_CLASSES and _memo_fits(component):
            component.pipe = LemmaMemo(component).pipe  # what nlp.pipe calls (nlp(text) keeps spaCy's code)
            sped_up.append(name)
    return sped_up


@dataclass(frozen=True)
class TokenSpec:
    """One token of a Matcher pattern: every test must hold. Columns are positions in the document's
    array of the attributes the patterns read; values are the Matcher's (string hashes, 0/1 for flags)."""

    equal: tuple[tuple[int, int], ...]
    within: tuple[tuple[int, frozenset[int]], ...]
    outside: tuple[tuple[int, frozenset[int]], ...]
    search: tuple[tuple[int, re.Pattern[str]], ...]


@dataclass(frozen=True)
class CodedSpec:
    """A TokenSpec over a word's codes (see PatternIndex); each regular expression is a column of its own,
    1 where it finds something."""

    equal: tuple[tuple[int, int], ...]
    within: tuple[tuple[int, frozenset[int]], ...]
    outside: tuple[tuple[int, frozenset[int]], ...]

    def holds(self, codes: tuple[int, ...]) -> bool:
        return (
            all(codes[col] == code for col, code in self.equal)
            and all(codes[col] in found for col, found in self.within)
            and all(codes[col] not in found for col, found in self.outside)
        )


@dataclass(frozen=True)
class Rule:
    """A pattern of the attribute ruler: the rule's number and Matcher key, and its token specs by id."""

    number: int
    key: int
    specs: tuple[int, ...]


class PatternIndex:
    """The attribute ruler's patterns, found in a document as its Matcher finds them.

    A word is read as codes: for each attribute the patterns test, the number of its value among the
    values the patterns name (0 for any other value), and for each regular expression whether it finds
    something in the word's attribute. Words with the same codes satisfy the same token specs, and there
    are few such code tuples (the tag, the dependency and a few listed words tell them apart), so what a
    code tuple satisfies is worked out once (through an index of the specs by the values they name) and
    remembered. A pattern of several tokens matches where each of its specs holds at consecutive words."""

    def __init__(
        self, ruler: AttributeRuler, columns: list[int], specs: list[TokenSpec], rules: list[Rule]
    ) -> None:
        self.strings = ruler.vocab.strings
        self.attrs = ruler.attrs  # by rule number, as AttributeRuler.add normalized them
        self.indices = ruler.indices
        self.columns = columns
        named: list[set[int]] = [set() for _ in columns]
        searches: dict[tuple[int, str], int] = {}
        for spec in specs:
            for col, value in spec.equal:
                named[col].add(value)
            for col, values in (*spec.within, *spec.outside):
                named[col].update(values)
            for col, regex in spec.search:
                searches.setdefault((col, regex.pattern), len(columns) + len(searches))
        self.named = [numpy.array(sorted(values), dtype=numpy.uint64) for values in named]
        code = [{value: i + 1 for i, value in enumerate(values.tolist())} for values in self.named]
        self.searches = [(col, re.compile(pattern)) for col, pattern in searches]
        self.found: list[dict[int, int]] = [{} for _ in self.searches]  # a regex's answer per value
        self.specs = [
            CodedSpec(
                tuple((col, code[col][value]) for col, value in spec.equal)
                + tuple((searches[col, regex.pattern], 1) for col, regex in spec.search),
                tuple((col, frozenset(code[col][v] for v in values)) for col, values in spec.within),
                tuple((col, frozenset(code[col][v] for v in values)) for col, values in spec.outside),
            )
            for spec in specs
        ]
        self.by_code: dict[tuple[int, int], list[int]] = {}
        self.unindexed: list[int] = []  # specs naming no value a word must have: checked for every code tuple
        for spec_id, coded in enumerate(self.specs):
            if coded.equal:
                self.by_code.setdefault(coded.equal[0], []).append(spec_id)
            elif coded.within:
                col, codes = coded.within[0]
                for one in codes:
                    self.by_code.setdefault((col, one), []).append(spec_id)
            else:
                self.unindexed.append(spec_id)
        self.starting: dict[int, list[Rule]] = {}
        for rule in rules:
            self.starting.setdefault(rule.specs[0], []).append(rule)
        self.memo: dict[tuple[int, ...], tuple[frozenset[int], tuple[Rule, ...]]] = {}

    @classmethod
    def of(cls, ruler: AttributeRuler) -> PatternIndex | None:
        """The index of `ruler`'s patterns, or None when a pattern uses what the index does not know."""
        strings = ruler.vocab.strings
        columns: list[int] = []
        spec_ids: dict[TokenSpec, int] = {}  # each distinct spec once, numbered in the order first met
        rules: list[Rule] = []
        for number, entry in enumerate(ruler.patterns):
            key = strings.add(str(number))  # AttributeRuler.add's Matcher key for its rule `number`
            for pattern in entry["patterns"]:
                ids = []
                for token in pattern:
                    spec = _token_spec(token, columns, strings)
                    if spec is None:
                        return None
                    ids.append(spec_ids.setdefault(spec, len(spec_ids)))
                if not ids:
                    return None
                rules.append(Rule(number, key, tuple(ids)))
        if not columns:
            return None
        return cls(ruler, columns, list(spec_ids), rules)

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """(rule number, Matcher key, start, end) of every match in `doc`, sorted: what
        AttributeRuler.match returns (a pattern matching twice at the same place counts once there; the
        ruler setting the same attributes twice in a row changes nothing)."""
        if not len(doc):
            return []
        holding = [self._specs_of(codes) for codes in self._codes(doc)]
        length = len(holding)
        found: set[tuple[int, int, int, int]] = set()
        for start, (_, rules) in enumerate(holding):
            for rule in rules:
                end = start + len(rule.specs)
                if end > length:
                    continue
                if all(spec in holding[start + j][0] for j, spec in enumerate(rule.specs[1:], 1)):
                    found.add((rule.number, rule.key, start, end))
        return sorted(found)

    def set_annotations(self, doc: Doc, matches: list[tuple[int, int, int, int]]) -> None:
        """What AttributeRuler.set_annotations does, in the same order, without making a Span and Tokens
        per match: each match's rule sets its attributes on the word at its index."""
        for number, _key, start, end in matches:
            index = self.indices[number]
            at = (end if index < 0 else start) + index
            if not start <= at < end:
                raise ValueError(f"attribute ruler rule {number}: index {index} is outside its match")
            set_token_attrs(doc[at], self.attrs[number])

    def _codes(self, doc: Doc) -> list[tuple[int, ...]]:
        """Each word's codes (see the class's docstring)."""
        values = doc.to_array(self.columns).reshape(len(doc), -1)
        columns = []
        for col, named in enumerate(self.named):
            if not len(named):
                columns.append([0] * len(doc))
                continue
            at = numpy.searchsorted(named, values[:, col])
            hit = named[numpy.minimum(at, len(named) - 1)] == values[:, col]
            columns.append(numpy.where(hit, at + 1, 0).tolist())
        for (col, regex), found in zip(self.searches, self.found, strict=True):
            distinct, where = numpy.unique(values[:, col], return_inverse=True)
            answers = []
            for value in distinct.tolist():
                answer = found.get(value)
                if answer is None:
                    answer = 1 if regex.search(self.strings[value]) else 0
                    if len(found) >= MEMO_ENTRIES:
                        found.clear()
                    found[value] = answer
                answers.append(answer)
            columns.append(numpy.array(answers)[where].tolist())
        return list(zip(*columns, strict=True))

    def _specs_of(self, codes: tuple[int, ...]) -> tuple[frozenset[int], tuple[Rule, ...]]:
        """The specs a word with these codes satisfies, and the patterns that start with one of them."""
        known = self.memo.get(codes)
        if known is not None:
            return known
        candidates = set(self.unindexed)
        for col, code in enumerate(codes):
            candidates.update(self.by_code.get((col, code), ()))
        holds = frozenset(s for s in candidates if self.specs[s].holds(codes))
        known = (holds, tuple(rule for s in sorted(holds) for rule in self.starting.get(s, ())))
        if len(self.memo) >= MEMO_ENTRIES:
            self.memo.clear()
        self.memo[codes] = known
        return known


def _token_spec(token: dict[str, Any], columns: list[int], strings: StringStore) -> TokenSpec | None:
    """The spec of one pattern token, adding the attributes it reads to `columns`; None when it uses an
    operator, an extension attribute or a test the index does not make."""
    equal, within, outside, search = [], [], [], []
    for name, value in token.items():
        attr = "ORTH" if name.upper() == "TEXT" else name.upper()
        if attr not in STRING_ATTRS and attr not in FLAG_ATTRS:
            return None
        if IDS[attr] not in columns:
            columns.append(IDS[attr])
        col = columns.index(IDS[attr])
        if isinstance(value, bool):
            equal.append((col, int(value)))
        elif isinstance(value, str) and attr in STRING_ATTRS:
            equal.append((col, strings.add(value)))
        elif isinstance(value, dict) and len(value) == 1:
            ((predicate, argument),) = value.items()
            if predicate in ("IN", "NOT_IN") and isinstance(argument, list) and attr in STRING_ATTRS:
                if not all(isinstance(v, str) for v in argument):
                    return None
                values = frozenset(strings.add(v) for v in argument)
                (within if predicate == "IN" else outside).append((col, values))
            elif predicate == "REGEX" and isinstance(argument, str) and attr in STRING_ATTRS:
                search.append((col, re.compile(argument)))
            else:
                return None
        else:
            return None
    return TokenSpec(tuple(equal), tuple(within), tuple(outside), tuple(search))


def _memo_fits(lemmatizer: Lemmatizer) -> bool:
    """Whether the memo gives this lemmatizer's lemmas: spaCy's rule mode (which reads the word, its part
    of speech and its morphology, nothing else), with its tables present."""
    if lemmatizer.mode != "rule":
        return False
    required, _optional = lemmatizer.get_lookups_config("rule")
    return all(lemmatizer.lookups.has_table(table) for table in required)


class LemmaMemo:
    """A rule lemmatizer's `pipe`, its lemmas remembered by (word, part of speech, morphology)."""

    def __init__(self, lemmatizer: Lemmatizer) -> None:
        self.lemmatizer = lemmatizer
        self.strings = lemmatizer.vocab.strings
        self.memo: dict[tuple[int, int, int], int] = {}
        # The rule lemmatizer asks whether each form it makes is a known word of the part of speech: in a
        # list of up to 57,000 words, the most of a word's first lemmatizing. A set answers the same.
        if lemmatizer.lookups.has_table("lemma_index"):
            index = lemmatizer.lookups.get_table("lemma_index")
            for pos, words in list(index.items()):
                if type(words) is list:
                    index[pos] = WordList(words)

    def pipe(self, docs: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self.lemmatize(doc)

    def lemmatize(self, doc: Doc) -> Doc:
        """What Lemmatizer.__call__ does to `doc`: a lemma for every word without one (for every word,
        with `overwrite`)."""
        if not len(doc):
            return doc
        array = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = array[:, 3].copy()
        overwrite = self.lemmatizer.overwrite
        for i, (orth, pos, morph, lemma) in enumerate(array.tolist()):
            if lemma and not overwrite:
                continue
            key = (orth, pos, morph)
            found = self.memo.get(key)
            if found is None:
                found = self.strings.add(self.lemmatizer.lemmatize(doc[i])[0])
                if len(self.memo) >= MEMO_ENTRIES:
                    self.memo.clear()
                self.memo[key] = found
            lemmas[i] = found
        doc.from_array([LEMMA], lemmas)
        return doc


class WordList(list[str]):
    """A list of words that answers `in` from a set. Still a list, so that the lookups table holding it
    saves (msgpack) and pickles as before; the table is read, never changed, while the pipeline runs."""

    def __init__(self, words: Iterable[str]) -> None:
        super().__init__(words)
        self.members = frozenset(self)

    def __contains__(self, word: object) -> bool:
        return word in self.members
