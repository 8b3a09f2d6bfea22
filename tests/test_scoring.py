"""The gold scoring rule (../shared/gold/README.md) as transforms/scoring.py implements it."""

from __future__ import annotations

import pytest

from transforms.scoring import GoldEvent, Predicted, Totals, actors_match, score_all, score_article


@pytest.mark.parametrize(
    ("gold", "predicted", "expected"),
    [
        ("RUSGOV", "RUSMIL", True),  # a state actor's key is its country
        ("RUS", "RUSGOV", True),
        ("RUS", "UKR", False),
        ("GOV", "GOV", True),  # a bare role is its own key
        ("REB", "SYRREB", False),
        ("IGOUNO", "IGOUNOJUD", True),  # IGO codes: prefix over at least 6 letters
        ("IGOUNOJUD", "IGOUNO", True),
        ("IGOUNO", "IGOWSTNAT", False),
        ("IGO", "IGOUNO", False),  # a 3-letter prefix is not enough
        ("", "", True),  # no target
        ("", "UKR", False),
        ("UKR", "", False),
        (None, "UKR", True),  # null: not checked
        (None, "", True),
    ],
)
def test_scoring_actor_keys(gold: str | None, predicted: str, expected: bool) -> None:
    assert actors_match(gold, predicted) is expected


def _gold(source: str | None, target: str | None, code: str, *alt: str, optional: bool = False) -> GoldEvent:
    return GoldEvent(source, target, code, tuple(alt), optional=optional)


def test_scoring_lenient_match_uses_roots_of_code_and_alternatives() -> None:
    golds = [_gold("USA", "IRN", "112", "110", "111")]
    assert len(score_article(golds, [Predicted("USAGOV", "IRN", "1123")]).matched) == 1
    assert len(score_article(golds, [Predicted("USA", "IRN", "111")]).matched) == 1
    score = score_article(golds, [Predicted("USA", "IRN", "120")])
    assert (len(score.matched), len(score.misses), len(score.false_positives)) == (0, 1, 1)


def test_scoring_required_events_are_matched_before_optional_ones() -> None:
    golds = [_gold("RUS", "SRB", "051", optional=True), _gold("RUS", "SRB", "051")]
    score = score_article(golds, [Predicted("RUSGOV", "SRBGOV", "051")])
    assert len(score.matched) == 1 and score.matched[0][0].optional is False
    assert score.absorbed == [] and score.misses == [] and score.false_positives == []


def test_scoring_optional_event_absorbs_a_prediction_and_is_otherwise_ignored() -> None:
    golds = [_gold("UKR", "RUS", "046"), _gold("RUS", "UKR", "046", optional=True)]
    both = score_article(golds, [Predicted("UKR", "RUS", "046"), Predicted("RUS", "UKR", "046")])
    assert (len(both.matched), len(both.absorbed), len(both.false_positives)) == (1, 1, 0)
    one = score_article(golds, [Predicted("UKR", "RUS", "046")])
    assert (len(one.matched), len(one.misses), len(one.false_positives)) == (1, 0, 0)


def test_scoring_duplicate_prediction_is_a_false_positive() -> None:
    golds = [_gold("RUS", "SRB", "051"), _gold("RUS", "SRB", "051", optional=True)]
    predictions = [Predicted("RUSGOV", "SRB", "051"), Predicted("RUSGOV", "SRB", "051")]
    score = score_article(golds, predictions)
    assert (len(score.matched), len(score.absorbed), len(score.false_positives)) == (1, 0, 1)


def test_scoring_two_identical_gold_events_take_two_predictions() -> None:
    golds = [_gold("GRCCOP", "GRCCVL", "175"), _gold("GRCCOP", "GRCCVL", "175")]
    predictions = [Predicted("GRCCOP", "GRCCVL", "175"), Predicted("GRCCOP", "GRCCVL", "175")]
    score = score_article(golds, predictions)
    assert (len(score.matched), len(score.false_positives)) == (2, 0)


def test_scoring_matching_is_one_to_one_and_maximal() -> None:
    # The first prediction fits both golds; a greedy pairing could strand the second gold.
    golds = [_gold("USA", "IRN", "112", "190"), _gold("USA", "IRN", "190")]
    predictions = [Predicted("USA", "IRN", "190"), Predicted("USA", "IRN", "112")]
    score = score_article(golds, predictions)
    assert len(score.matched) == 2
    assert all(gold.code == predicted.code or predicted.code in gold.alt for gold, predicted in score.matched)


def test_scoring_article_without_events_counts_every_prediction_as_false_positive() -> None:
    score = score_article([], [Predicted("BRA", "SRB", "190")])
    assert len(score.false_positives) == 1


def test_scoring_totals_figures() -> None:
    golds = [
        GoldEvent("USAGOV", "RUSGOV", "040", ("044",), date="2021-06-16"),
        GoldEvent("JPN", "JOR", "0331", ("033",)),
        GoldEvent("FIN", "IGOWSTNAT", "020"),
    ]
    predictions = [
        Predicted("USAGOV", "RUSGOV", "044", "2021-06-16"),
        Predicted("JPN", "JOR", "071"),  # wrong root
        Predicted("JPNGOV", "JOR", "033"),  # lenient match, inexact code and actors
    ]
    totals: Totals = score_all([(golds, predictions)])
    figures = totals.figures()
    assert (figures["true_positives"], figures["false_positives"], figures["misses"]) == (2, 1, 1)
    assert figures["precision"] == pytest.approx(2 / 3, abs=1e-4)
    assert figures["recall"] == pytest.approx(2 / 3, abs=1e-4)
    assert figures["f1"] == pytest.approx(2 / 3, abs=1e-4)
    assert figures["exact_code_share"] == 1.0  # 044 is an alternative, 033 too
    assert figures["date_share"] == 1.0
    assert figures["full_actor_share"] == 0.5
    assert figures["by_root"]["07"]["fp"] == 1 and figures["by_root"]["02"]["fn"] == 1
