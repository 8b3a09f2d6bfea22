"""`newsevents eval`: the coder measured against hand-coded gold events.

The extraction is the pipeline's own (the text normalised as ingest stores it, the configured spaCy model
and the Coder with the configured actor files); the scoring rule is transforms/scoring.py, as written in ../shared/gold/README.md. Negated events
(is_negated) are not claims that something happened and are left out of the predictions.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from pipelines.config import Settings
from pipelines.gold import load_gold
from pipelines.nlp import load_nlp, model_label
from transforms.articles import normalize_text
from transforms.coder import ArticleContext, Coder
from transforms.scoring import ArticleScore, GoldEvent, Predicted, Totals, score_article


@dataclass
class DocumentResult:
    document: dict[str, Any]
    score: ArticleScore


def predictions_for(document: dict[str, Any], nlp: Any, coder: Coder) -> list[Predicted]:
    published = date.fromisoformat(str(document.get("published") or "2000-01-01")[:10])
    doc = nlp(normalize_text(document["text"]))  # the text as ingest stores it, so eval codes what a run does
    result = coder.code(doc, ArticleContext(str(document["id"]), published, published))
    return [
        Predicted(
            e["source_code"],
            e["target_code"] or "",  # the scorer's "no target" is ""
            e["cameo_code"],
            e["event_date"].isoformat() if e["event_date"] else None,
            e["sentence"],
        )
        for e in result.events
        if not e["is_negated"]
    ]


def run_eval(
    gold: Path,
    settings: Settings,
    *,
    as_json: bool,
    errors: bool,
    out: TextIO,
    split: str | None = None,
) -> dict[str, Any]:
    """Score the coder on the gold file `gold`; print the report (or one JSON object) to `out`."""
    documents = load_gold(gold, split=split)
    nlp = load_nlp(settings.model)
    coder = Coder(settings.actors)
    totals = Totals()
    results: list[DocumentResult] = []
    for document in documents:
        golds = [GoldEvent.from_json(item) for item in document["events"]]
        score = score_article(golds, predictions_for(document, nlp, coder))
        totals.add(score)
        results.append(DocumentResult(document, score))
    figures = {
        "gold": str(gold),
        "split": split,
        "documents": len(documents),
        "model": model_label(nlp),
        "coder_version": coder.version,
        **totals.figures(),
    }
    if errors:
        figures["errors"] = [_errors(r) for r in results if r.score.misses or r.score.false_positives]
    if as_json:
        out.write(json.dumps(figures, ensure_ascii=False) + "\n")
    else:
        _print_report(figures, results, errors, out)
    return figures


def _errors(result: DocumentResult) -> dict[str, Any]:
    return {
        "id": result.document.get("id"),
        "misses": [
            {"source": g.source, "target": g.target, "code": g.code, "alt": list(g.alt)}
            for g in result.score.misses
        ],
        "false_positives": [
            {"source": p.source, "target": p.target, "code": p.code, "sentence": p.sentence}
            for p in result.score.false_positives
        ],
        "text": result.document.get("text", "")[:300],
    }


def _print_report(figures: dict[str, Any], results: list[DocumentResult], errors: bool, out: TextIO) -> None:
    split = f" (split {figures['split']})" if figures["split"] else ""
    out.write(f"gold {figures['gold']}{split}: {figures['documents']} documents\n")
    out.write(f"model {figures['model']}, coder {figures['coder_version']}\n\n")
    out.write(
        f"precision {figures['precision']:.3f}   recall {figures['recall']:.3f}   F1 {figures['f1']:.3f}   "
        f"(tp {figures['true_positives']}, fp {figures['false_positives']}, misses {figures['misses']})\n"
    )
    out.write(
        f"among matched: exact code {figures['exact_code_share']:.3f}   date {figures['date_share']:.3f}   "
        f"full actor codes {figures['full_actor_share']:.3f}\n"
    )
    out.write(f"exact code over all required gold events: {figures['exact_code_recall']:.3f}\n\n")
    out.write("root     tp    fp    fn   precision  recall\n")
    for root, row in figures["by_root"].items():
        out.write(
            f"{root:>4}  {row['tp']:>5} {row['fp']:>5} {row['fn']:>5}   {row['precision']:>8.3f} {row['recall']:>7.3f}\n"
        )
    if not errors:
        return
    for result in results:
        score = result.score
        if not (score.misses or score.false_positives):
            continue
        out.write(f"\n== {result.document.get('id')}: {result.document.get('text', '')[:200]!r}\n")
        for gold in score.misses:
            alt = f" (alt {','.join(gold.alt)})" if gold.alt else ""
            out.write(f"  miss  {gold.source} -> {gold.target or '-'} {gold.code}{alt}\n")
        for predicted in score.false_positives:
            out.write(
                f"  fp    {predicted.source} -> {predicted.target or '-'} {predicted.code}   | {predicted.sentence[:160]}\n"
            )
