"""The judged event audit (bench/event_audit.py): references into the corpora, the random draw, carried
verdicts, scoring, the judge's prompts, and the committed selection and sheets."""

from __future__ import annotations

import importlib.util
import io
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[1]


def _load_audit() -> ModuleType:
    spec = importlib.util.spec_from_file_location("event_audit", REPO / "bench" / "event_audit.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["event_audit"] = module
    spec.loader.exec_module(module)
    return module


audit = _load_audit()


def _event(**fields: str) -> dict:
    event = {
        "corpus": "bbc_fulltext.jsonl.gz", "article": "bbc-politics-001", "sentence": "3", "check": "0badcafe",
        "span": "10-50", "source": "GBRGOV", "target": "", "code": "111", "date": "2005-01-01",
        "date_source": "article", "trigger": "criticised", "coder": "0.3.2",
    }  # fmt: skip
    event.update(fields)
    return event


def _judged(n: int, real: str, ok: str = "y", date_ok: str = "y", code: str = "111", **fields: str) -> dict:
    row = _event(code=code, **fields)
    row.update(n=str(n), real=real, source_ok=ok, target_ok=ok, code_ok=ok if real == "y" else "n")
    row.update(date_ok=date_ok, note="")
    return row


def test_locate_finds_a_sentence_whatever_the_white_space() -> None:
    text = "Headline here\n\nThe minister  said\nthe plan was\u0007 wrong. Next one."
    start, end = audit.locate(text, "The minister said the plan was wrong.")
    assert text[start:end] == "The minister  said\nthe plan was\u0007 wrong."
    assert audit.sentence_check(text[start:end]) == audit.sentence_check("The minister said the plan was wrong.")
    assert audit.locate(text, "Not in the text.") is None


def test_the_draw_is_fixed_by_the_seed_and_keeps_an_events_rank_across_versions() -> None:
    events = [_event(article=f"bbc-politics-{i:03d}", code=c) for i in range(60) for c in ("111", "042")]
    sample = audit.draw_sample(events, 25)
    assert len(sample) == 25
    assert sample == audit.draw_sample(list(reversed(events)), 25)
    assert sample != audit.draw_sample(events, 25, seed="another seed")
    # a later coder version that codes the same events (other sentence numbering, other version) and
    # some more: every event of the first sample that ranks below the new sample's last keeps its place
    later = [{**e, "sentence": "9", "coder": "0.4.0"} for e in events]
    later += [_event(article=f"bbc-politics-{i:03d}", code="051") for i in range(40)]
    later_sample = audit.draw_sample(later, 25)
    ids = [(e["article"], e["code"]) for e in later_sample]
    kept = [(e["article"], e["code"]) for e in sample if (e["article"], e["code"]) in ids]
    assert kept == [i for i in ids if i in kept]
    assert len(kept) >= 10
    assert audit.draw_sample(events[:5], 25) == audit.draw_sample(events[:5], 100)  # fewer: all of them


def test_verdicts_carry_over_to_identical_events_only(tmp_path: Path) -> None:
    old = tmp_path / "coder-0.3.2.tsv"
    judged = [_judged(1, "y", article="bbc-politics-001"), _judged(2, "n", "n", "-", article="bbc-politics-002")]
    judged[0]["note"] = "fine"
    audit.write_sheet(old, ["an earlier sheet"], judged)
    same = _event(article="bbc-politics-001", sentence="7", coder="0.4.0")  # renumbered, new version
    other_date = _event(article="bbc-politics-002", date="2005-01-02")
    assert audit.carry_verdicts([same, other_date], [old], into=tmp_path / "coder-0.4.0.tsv") == 1
    assert same["real"] == "y" and same["note"] == "[from coder-0.3.2] fine"
    assert "real" not in other_date
    again = _event(article="bbc-politics-001")  # the same sheet drawn again keeps its notes as they are
    assert audit.carry_verdicts([again], [old], into=old) == 1 and again["note"] == "fine"


def test_verdicts_carry_over_from_the_newest_sheet_that_judged_the_event(tmp_path: Path) -> None:
    older, newer = tmp_path / "coder-0.5.0.tsv", tmp_path / "coder-0.6.0.tsv"
    audit.write_sheet(older, ["an earlier sheet"], [_judged(1, "y", article="bbc-politics-001")])
    audit.write_sheet(newer, ["re-judged"], [_judged(1, "n", "n", "-", article="bbc-politics-001")])
    event = _event(article="bbc-politics-001", coder="0.11.0")
    assert audit.carry_verdicts([event], sorted([older, newer]), into=tmp_path / "coder-0.11.0.tsv") == 1
    assert event["real"] == "n" and event["note"].startswith("[from coder-0.6.0]")


def test_one_giveme5w1h_story_under_two_subsets_is_one_story() -> None:
    assert audit.story_key("g5-gold_standard-761de707") == audit.story_key("g5-news_cluster-761de707")
    assert audit.story_key("bbc-politics-001") == "bbc-politics-001"


def test_repeats_count_one_happening_coded_twice_in_an_article() -> None:
    events = [
        _event(source="DEUCOP", code="091"),
        _event(source="DEU", code="090", sentence="5"),  # same country, same root: a repeat
        _event(source="DEUCOP", code="173"),  # another root
        _event(source="DEUCOP", code="091", article="bbc-politics-002"),  # another article
        _event(source="IGOUNO", code="111"),
        _event(source="IGOUNOHRI", code="111"),  # another IGO
    ]
    assert audit.repeats(events) == 1


def test_a_sheet_round_trips_and_scores() -> None:
    rows = [
        _judged(1, "y"),
        _judged(2, "y", date_ok="-"),  # an undated BBC event, every judged field right
        _judged(3, "y", ok="n"),
        _judged(4, "n", ok="n", date_ok="-", code="190"),
        _judged(5, "y", code="193"),
    ]
    figures = audit.score_rows(rows)
    assert figures["events"] == 5 and figures["real"] == 4 and figures["all_right"] == 3
    assert figures["material_conflict"] == {"events": 2, "real": 1, "all_right": 1}
    assert figures["among_real"]["source_ok"] == {"right": 3, "judged": 4}
    assert figures["among_real"]["date_ok"] == {"right": 3, "judged": 3}
    assert figures["by_root"]["19"] == {"events": 2, "real": 1}
    rows[0]["real"] = "maybe"
    with pytest.raises(audit.AuditError, match="row 1"):
        audit.score_rows(rows)


def test_sheet_files_keep_one_row_per_event(tmp_path: Path) -> None:
    path = tmp_path / "sheet.tsv"
    row = _judged(1, "y")
    row["note"] = "a note\twith a tab\nand a line"
    row["trigger"] = "fired\ttear gas at"
    audit.write_sheet(path, ["line one", "line two"], [row])
    sheet = audit.read_sheet(path)
    assert sheet.header == ["line one", "line two"]
    assert sheet.rows[0]["note"] == "a note with a tab and a line"
    assert sheet.rows[0]["trigger"] == "fired tear gas at"
    path.write_text("n\tcorpus\n1\tx\n", encoding="utf-8")
    with pytest.raises(audit.AuditError, match="missing columns"):
        audit.read_sheet(path)


def test_the_committed_selection_follows_its_rule(shared: Path) -> None:
    chosen = audit.select_articles(shared)
    assert chosen == audit.read_selection()
    assert len(chosen) >= 150
    news_dev = {
        audit.story_key(json.loads(line)["id"]) for line in (shared / "gold" / "news_dev.jsonl").open(encoding="utf-8")
    }
    assert not news_dev & {audit.story_key(s.article) for s in chosen}


def test_committed_sheets_refer_to_the_corpus(shared: Path) -> None:
    sheets = sorted((REPO / "bench" / "audit").glob("coder-*.tsv"))
    assert sheets
    selection = {s.article: s for s in audit.read_selection()}
    for path in sheets:
        rows = audit.read_sheet(path).rows
        if path.stem.endswith("-conflict"):
            assert all(row["code"][:2] in audit.MATERIAL_CONFLICT_ROOTS for row in rows)
        else:
            assert len(rows) == audit.SAMPLE
        articles = audit.load_articles([selection[r["article"]] for r in rows], shared)
        for row in rows:
            text = audit.nfc(articles[row["article"]]["text"])
            start, end = (int(x) for x in row["span"].split("-"))
            assert audit.sentence_check(text[start:end]) == row["check"], (path.name, row["n"])
            assert all(row[name] in ("", *audit.VERDICT_VALUES) for name in audit.VERDICT_FIELDS[:-1])
        if all(row["real"] for row in rows):
            audit.score_rows(rows)  # a fully judged sheet scores


def test_a_drawn_event_is_shown_in_its_article_and_judged(
    shared: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The pipeline on three selected articles, its events located in the corpus, one judged by prompts."""
    selection = audit.read_selection()
    picked = [s for s in selection if s.article in ("bbc-politics-257", "bbc-politics-147", "bbc-politics-324")]
    articles = audit.load_articles(picked, shared)
    warehouse = audit.run_pipeline(articles, tmp_path / "work", processes=1)
    population = audit.read_population(warehouse, articles)
    assert population.coded == 3 and population.events
    for event in population.events:
        text = audit.nfc(articles[event["article"]]["text"])
        start, end = (int(x) for x in event["span"].split("-"))
        assert audit.sentence_check(text[start:end]) == event["check"]
    sample = audit.draw_sample(population.events, 2)
    for n, event in enumerate(sample, start=1):
        event["n"] = str(n)
    sheet = tmp_path / "coder-test.tsv"
    audit.write_sheet(sheet, ["test"], sample)

    assert audit.main(["show", str(sheet), "1", "--plain"]) == 0
    shown = capsys.readouterr().out
    first = audit.nfc(articles[sample[0]["article"]]["text"])
    start, end = (int(x) for x in sample[0]["span"].split("-"))
    assert "⟦" + first[start:end] + "⟧" in " ".join(shown.split("\n"))

    answers = io.StringIO("y\ny\nmaybe\nn\ny\nthe target is missing\nn\nno event here\n")
    args = audit.argparse.Namespace(sheet=sheet, rows=[], shared=shared)
    assert audit.judge(args, stdin=answers) == 0
    rows = audit.read_sheet(sheet).rows
    assert (rows[0]["real"], rows[0]["source_ok"], rows[0]["target_ok"], rows[0]["code_ok"]) == ("y", "y", "n", "y")
    assert rows[0]["date_ok"] == "-" and rows[0]["note"] == "the target is missing"  # BBC: no date to judge
    # not a real event: the other fields are not asked; the code cannot be right
    assert [rows[1][name] for name in audit.VERDICT_FIELDS] == ["n", "-", "-", "n", "-", "no event here"]


def test_bad_use_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert audit.main(["score", str(tmp_path / "absent.tsv")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: sheet ") and err.count("\n") == 1
