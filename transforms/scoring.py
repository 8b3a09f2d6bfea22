"""The gold scoring rule of ../shared/gold/README.md, as pure functions.

Per article, predictions are matched one-to-one to gold events, required ones first: a lenient match has
the same source key, the same target key, and a predicted root equal to the root of the gold code or of
one of its alternatives. Actor keys: the 3-letter country of a state actor (RUSGOV and RUSMIL are RUS), a
bare role is its own key, two IGO/NGO codes match when one is a prefix of the other over at least 6
letters. Unmatched predictions are false positives, unmatched required gold events misses; optional gold
events absorb a prediction that matches them. A duplicate prediction (same source, target and code) left
over once the required events are matched is a false positive; two identical required gold events can take
two identical predictions.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

NON_STATE_PREFIXES = ("IGO", "NGO", "NGM", "IMG", "MNC", "INT", "UIS")
IGO_PREFIX_LETTERS = 6


@dataclass(frozen=True)
class Predicted:
    source: str
    target: str
    code: str
    date: str | None = None
    sentence: str = ""


@dataclass(frozen=True)
class GoldEvent:
    source: str | None  # None: not checked
    target: str | None
    code: str
    alt: tuple[str, ...] = ()
    date: str | None = None
    optional: bool = False

    @classmethod
    def from_json(cls, item: dict[str, Any]) -> GoldEvent:
        return cls(
            source=item.get("source"),
            target=item.get("target"),
            code=str(item["code"]),
            alt=tuple(str(c) for c in item.get("alt") or ()),
            date=item.get("date"),
            optional=bool(item.get("optional", False)),
        )

    @property
    def codes(self) -> tuple[str, ...]:
        return (self.code, *self.alt)

    @property
    def root(self) -> str:
        return self.code[:2]


def actors_match(gold: str | None, predicted: str) -> bool:
    """Whether a predicted actor code has the gold code's key (None: the gold does not check it)."""
    if gold is None:
        return True
    if gold == "" or predicted == "":
        return gold == predicted
    if gold.startswith(NON_STATE_PREFIXES) or predicted.startswith(NON_STATE_PREFIXES):
        shorter, longer = sorted((gold, predicted), key=len)
        return len(shorter) >= IGO_PREFIX_LETTERS and longer.startswith(shorter)
    return gold[:3] == predicted[:3]


def lenient_match(gold: GoldEvent, predicted: Predicted) -> bool:
    return (
        actors_match(gold.source, predicted.source)
        and actors_match(gold.target, predicted.target)
        and predicted.code[:2] in {c[:2] for c in gold.codes}
    )


def exact_code(gold: GoldEvent, predicted: Predicted) -> bool:
    return predicted.code in gold.codes


def exact_actors(gold: GoldEvent, predicted: Predicted) -> bool:
    return (gold.source is None or gold.source == predicted.source) and (
        gold.target is None or gold.target == predicted.target
    )


@dataclass
class ArticleScore:
    matched: list[tuple[GoldEvent, Predicted]] = field(default_factory=list)
    absorbed: list[tuple[GoldEvent, Predicted]] = field(default_factory=list)
    misses: list[GoldEvent] = field(default_factory=list)
    false_positives: list[Predicted] = field(default_factory=list)


def _max_matching(golds: Sequence[GoldEvent], predictions: Sequence[Predicted]) -> dict[int, int]:
    """A maximum one-to-one matching gold index -> prediction index (augmenting paths), preferring
    exact-code pairs where there is a choice."""
    edges: list[list[int]] = []
    for gold in golds:
        options = [j for j, p in enumerate(predictions) if lenient_match(gold, p)]
        options.sort(key=lambda j: (not exact_code(gold, predictions[j]), j))
        edges.append(options)
    owner: dict[int, int] = {}  # prediction -> gold

    def augment(g: int, seen: set[int]) -> bool:
        for p in edges[g]:
            if p in seen:
                continue
            seen.add(p)
            if p not in owner or augment(owner[p], seen):
                owner[p] = g
                return True
        return False

    for g in range(len(golds)):
        augment(g, set())
    return {g: p for p, g in owner.items()}


def score_article(golds: Sequence[GoldEvent], predictions: Sequence[Predicted]) -> ArticleScore:
    """Required gold events take predictions first (one-to-one, maximal); of the predictions left, a
    repeat of a key already used is a false positive, the others may be absorbed by optional events."""
    result = ArticleScore()
    required = [g for g in golds if not g.optional]
    optional = [g for g in golds if g.optional]
    matching = _max_matching(required, predictions)
    for g, gold in enumerate(required):
        if g in matching:
            result.matched.append((gold, predictions[matching[g]]))
        else:
            result.misses.append(gold)
    used = set(matching.values())
    seen = {_key(predictions[j]) for j in used}
    remaining: list[Predicted] = []
    for j, prediction in enumerate(predictions):
        if j in used:
            continue
        if _key(prediction) in seen:
            result.false_positives.append(prediction)  # a duplicate
        else:
            seen.add(_key(prediction))
            remaining.append(prediction)
    absorbed = _max_matching(optional, remaining)
    for g, p in absorbed.items():
        result.absorbed.append((optional[g], remaining[p]))
    taken = set(absorbed.values())
    result.false_positives.extend(p for j, p in enumerate(remaining) if j not in taken)
    return result


def _key(prediction: Predicted) -> tuple[str, str, str]:
    return (prediction.source, prediction.target, prediction.code)


@dataclass
class Totals:
    true_positives: int = 0
    false_positives: int = 0
    misses: int = 0
    exact_code: int = 0
    dated: int = 0
    date_right: int = 0
    exact_actors: int = 0
    by_root: dict[str, Counter[str]] = field(default_factory=dict)

    def add(self, score: ArticleScore) -> None:
        self.true_positives += len(score.matched)
        self.false_positives += len(score.false_positives)
        self.misses += len(score.misses)
        for gold, predicted in score.matched:
            self.exact_code += exact_code(gold, predicted)
            self.exact_actors += exact_actors(gold, predicted)
            if gold.date is not None:
                self.dated += 1
                self.date_right += predicted.date == gold.date
            self._root(gold.root)["tp"] += 1
        for gold in score.misses:
            self._root(gold.root)["fn"] += 1
        for predicted in score.false_positives:
            self._root(predicted.code[:2])["fp"] += 1

    def _root(self, root: str) -> Counter[str]:
        return self.by_root.setdefault(root, Counter())

    @property
    def precision(self) -> float:
        return _ratio(self.true_positives, self.true_positives + self.false_positives)

    @property
    def recall(self) -> float:
        return _ratio(self.true_positives, self.true_positives + self.misses)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def figures(self) -> dict[str, Any]:
        required = self.true_positives + self.misses
        return {
            "true_positives": self.true_positives,
            "false_positives": self.false_positives,
            "misses": self.misses,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "exact_code_share": round(_ratio(self.exact_code, self.true_positives), 4),
            "exact_code_recall": round(_ratio(self.exact_code, required), 4),
            "date_share": round(_ratio(self.date_right, self.dated), 4),
            "full_actor_share": round(_ratio(self.exact_actors, self.true_positives), 4),
            "by_root": {
                root: {
                    "tp": c["tp"],
                    "fp": c["fp"],
                    "fn": c["fn"],
                    "precision": round(_ratio(c["tp"], c["tp"] + c["fp"]), 4),
                    "recall": round(_ratio(c["tp"], c["tp"] + c["fn"]), 4),
                }
                for root, c in sorted(self.by_root.items())
            },
        }


def _ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 0.0


def score_all(articles: Iterable[tuple[Sequence[GoldEvent], Sequence[Predicted]]]) -> Totals:
    totals = Totals()
    for golds, predictions in articles:
        totals.add(score_article(golds, predictions))
    return totals
