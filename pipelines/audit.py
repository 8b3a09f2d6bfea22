"""The audit between extract and publish: the data-quality checks that must pass before a day is
published ("write, audit, publish").

Dagster runs them as blocking asset checks, Airflow as the ``audit`` task and `newsevents run` between its
extract and publish steps; all read the same files with the same functions. Each check reads the day's
staged files during a run and the published ones when a published day is re-checked.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from pipelines.config import Settings
from pipelines.ingest import CODED_LANGUAGES, articles_file
from schemas import ARTICLES, EVENTS, TableSchema
from transforms.cameo import cameo_codes
from warehouse.paths import shard_paths
from warehouse.published import published_path

# An event needs a sentence of at least a few words; far more events than that per word means the coder
# multiplied something (actors, mentions) and the day should not be published.
MAX_EVENTS_PER_WORD = 0.25
MIN_EVENTS_CAP = 25
# A day of this many codable articles with no event at all means the model or coder is broken.
MIN_ARTICLES_EXPECTING_EVENTS = 50


@dataclass(frozen=True)
class CheckOutcome:
    """One data-quality check of one day: passed or not, a sentence saying why, and figures."""

    passed: bool
    description: str
    metadata: dict[str, int | float | str]


def events_files(settings: Settings, day: date, shards: int) -> list[Path]:
    """The day's events as the next publish would make them: the staged shards when all are there
    (a run in progress), else the published partition (re-checking a published day); [] when neither."""
    staged = [shard_paths(settings.warehouse, day, s, shards)["events"] for s in range(shards)]
    if all(p.is_file() for p in staged):
        return staged
    published = published_path(settings.warehouse, EVENTS, day, "events")
    return [published] if published is not None else []


def day_articles_files(settings: Settings, day: date) -> list[Path]:
    """The day's articles file (staged during a run, else published); [] when the day has none."""
    path = articles_file(settings.warehouse, day)
    return [path] if path is not None else []


def _missing(table: TableSchema) -> CheckOutcome:
    return CheckOutcome(False, f"no {table.name} files for the day: run the steps before it", {})


def check_schema(table: TableSchema, files: Sequence[Path]) -> CheckOutcome:
    """Every file has exactly the columns, types and nullability of `table`, and its version stamp."""
    if not files:
        return _missing(table)
    expected = f"{table.name}/v{table.version}"
    problems: list[str] = []
    for path in files:
        actual = pq.read_schema(path)
        stamp = (actual.metadata or {}).get(b"newsevents.schema", b"").decode()
        if stamp != expected:
            problems.append(f"{path.name}: schema stamp {stamp or 'missing'!r}, expected {expected!r}")
        problems.extend(f"{path.name}: {d}" for d in _schema_differences(table.schema, actual))
    if problems:
        return CheckOutcome(False, "; ".join(problems[:10]), {"files": len(files), "problems": len(problems)})
    return CheckOutcome(True, f"{len(files)} file(s) match {expected}", {"files": len(files)})


def _schema_differences(expected: pa.Schema, actual: pa.Schema) -> list[str]:
    wanted = {f.name: f for f in expected}
    found = {f.name: f for f in actual}
    out = [f"missing column {n!r}" for n in wanted if n not in found]
    out += [f"unexpected column {n!r}" for n in found if n not in wanted]
    for n, field in wanted.items():
        other = found.get(n)
        if other is None:
            continue
        if not other.type.equals(field.type):
            out.append(f"column {n!r} is {other.type}, expected {field.type}")
        elif other.nullable != field.nullable:
            out.append(f"column {n!r} nullable={other.nullable}, expected nullable={field.nullable}")
    if not out and actual.names != expected.names:
        out.append("columns are in another order")
    return out


def check_null_keys(table: TableSchema, files: Sequence[Path]) -> CheckOutcome:
    """No null in the key columns of `table` (read from the files' column statistics when present)."""
    if not files:
        return _missing(table)
    nulls = dict.fromkeys(table.key, 0)
    for path in files:
        parquet = pq.ParquetFile(path)
        names = parquet.schema_arrow.names
        for column in table.key:
            if column not in names:
                continue  # a missing column is the schema check's finding
            index = names.index(column)
            for group in range(parquet.num_row_groups):
                stats = parquet.metadata.row_group(group).column(index).statistics
                if stats is not None and stats.has_null_count:
                    nulls[column] += stats.null_count
                else:  # no statistics: count by reading the column of this row group only
                    nulls[column] += parquet.read_row_group(group, columns=[column]).column(0).null_count
    bad = {c: n for c, n in nulls.items() if n}
    metadata: dict[str, int | float | str] = {f"nulls_{c}": n for c, n in nulls.items()}
    if bad:
        listed = ", ".join(f"{c}: {n}" for c, n in bad.items())
        return CheckOutcome(False, f"null values in key columns ({listed})", metadata)
    return CheckOutcome(True, f"no nulls in {', '.join(table.key)}", metadata)


def _query(sql: str, **tables: Sequence[Path]) -> list[tuple]:
    """Run `sql` on views named by `tables`, each over its Parquet files."""
    con = duckdb.connect()
    try:
        con.execute("SET threads TO 2")
        for name, files in tables.items():
            con.read_parquet([str(p) for p in files], union_by_name=True).create_view(name)
        return con.execute(sql).fetchall()
    finally:
        con.close()


def check_cameo_codes(files: Sequence[Path]) -> CheckOutcome:
    """Every ``cameo_code`` is a code of the CAMEO table (transforms/cameo.py)."""
    if not files:
        return _missing(EVENTS)
    rows = _query("SELECT cameo_code, count(*) FROM e GROUP BY cameo_code ORDER BY 2 DESC", e=files)
    known = cameo_codes()
    unknown = [(code, n) for code, n in rows if code not in known]
    metadata: dict[str, int | float | str] = {
        "codes": len(rows),
        "unknown_codes": len(unknown),
        "events_with_unknown_code": sum(n for _, n in unknown),
    }
    if unknown:
        listed = ", ".join(f"{code!r} ({n})" for code, n in unknown[:10])
        return CheckOutcome(False, f"codes not in the CAMEO table: {listed}", metadata)
    return CheckOutcome(True, f"all {len(rows)} distinct codes are CAMEO codes", metadata)


def check_unique_event_ids(files: Sequence[Path]) -> CheckOutcome:
    """No ``event_id`` appears twice in the day."""
    if not files:
        return _missing(EVENTS)
    ((events, distinct),) = _query("SELECT count(*), count(DISTINCT event_id) FROM e", e=files)
    metadata: dict[str, int | float | str] = {"events": events, "duplicate_rows": events - distinct}
    if events != distinct:
        (example,) = _query(
            "SELECT event_id FROM e GROUP BY event_id HAVING count(*) > 1 ORDER BY 1 LIMIT 1", e=files
        )
        return CheckOutcome(
            False,
            f"{events - distinct} rows repeat an event_id (e.g. {example[0]})",
            metadata,
        )
    return CheckOutcome(True, f"{events} events, each event_id once", metadata)


def events_cap(word_count: int) -> int:
    """The most events an article of `word_count` words can sanely yield."""
    return max(MIN_EVENTS_CAP, int(word_count * MAX_EVENTS_PER_WORD))


def check_events_per_article(events: Sequence[Path], articles: Sequence[Path]) -> CheckOutcome:
    """Events per article within a sane range: every event belongs to one of the day's articles, no
    article yields more than `events_cap` events, and a day of many codable articles yields some."""
    if not events:
        return _missing(EVENTS)
    if not articles:
        return _missing(ARTICLES)
    ((orphans,),) = _query(
        "SELECT count(*) FROM e WHERE article_id NOT IN (SELECT article_id FROM a)", e=events, a=articles
    )
    per_article = _query(
        """SELECT a.article_id, coalesce(a.word_count, 0), count(e.article_id),
                  a.duplicate_of IS NULL, coalesce(a.language, '')
           FROM a LEFT JOIN e USING (article_id) GROUP BY ALL""",
        e=events,
        a=articles,
    )
    counts = [n for _, _, n, first, lang in per_article if first and lang in CODED_LANGUAGES]
    over = [(aid, n, events_cap(words)) for aid, words, n, _, _ in per_article if n > events_cap(words)]
    total = sum(counts)
    metadata: dict[str, int | float | str] = {
        "codable_articles": len(counts),
        "events": total,
        "events_per_article_mean": round(total / len(counts), 3) if counts else 0.0,
        "events_per_article_max": max(counts, default=0),
        "articles_over_cap": len(over),
        "events_of_unknown_articles": orphans,
    }
    problems: list[str] = []
    if orphans:
        problems.append(f"{orphans} events belong to no article of the day")
    if over:
        aid, n, cap = max(over, key=lambda o: o[1] / o[2])
        problems.append(f"{len(over)} articles exceed the cap (e.g. {aid}: {n} events, cap {cap})")
    if len(counts) >= MIN_ARTICLES_EXPECTING_EVENTS and total == 0:
        problems.append(f"{len(counts)} codable articles and not one event: is the model or coder broken?")
    if problems:
        return CheckOutcome(False, "; ".join(problems), metadata)
    return CheckOutcome(
        True, f"{total} events from {len(counts)} codable articles, all within range", metadata
    )


@dataclass(frozen=True)
class DayCheck:
    """A check of one day's data: what it asserts, and how to run it for (settings, day, shards)."""

    description: str
    run: Callable[[Settings, date, int], CheckOutcome]


def _doc(function: Callable[..., Any]) -> str:
    return " ".join((function.__doc__ or "").split())


ARTICLE_CHECKS: dict[str, DayCheck] = {
    "schema": DayCheck(_doc(check_schema), lambda s, d, n: check_schema(ARTICLES, day_articles_files(s, d))),
    "no_null_keys": DayCheck(
        _doc(check_null_keys), lambda s, d, n: check_null_keys(ARTICLES, day_articles_files(s, d))
    ),
}
EVENT_CHECKS: dict[str, DayCheck] = {
    "schema": DayCheck(_doc(check_schema), lambda s, d, n: check_schema(EVENTS, events_files(s, d, n))),
    "no_null_keys": DayCheck(
        _doc(check_null_keys), lambda s, d, n: check_null_keys(EVENTS, events_files(s, d, n))
    ),
    "cameo_codes_known": DayCheck(
        _doc(check_cameo_codes), lambda s, d, n: check_cameo_codes(events_files(s, d, n))
    ),
    "unique_event_id": DayCheck(
        _doc(check_unique_event_ids), lambda s, d, n: check_unique_event_ids(events_files(s, d, n))
    ),
    "events_per_article_in_range": DayCheck(
        _doc(check_events_per_article),
        lambda s, d, n: check_events_per_article(events_files(s, d, n), day_articles_files(s, d)),
    ),
}
"""The blocking checks by asset (Dagster asset checks; the Airflow ``audit`` task runs them all)."""


def audit_day(settings: Settings, day: date, shards: int) -> dict[str, CheckOutcome]:
    """Every check of the day's staged (or published) articles and events, by ``table.check`` name."""
    checks = {f"articles.{k}": c for k, c in ARTICLE_CHECKS.items()}
    checks.update({f"events.{k}": c for k, c in EVENT_CHECKS.items()})
    return {name: check.run(settings, day, shards) for name, check in checks.items()}


class AuditFailed(RuntimeError):
    """A blocking check failed: the day is not published."""


def require_passed(outcomes: dict[str, CheckOutcome]) -> None:
    """Raise `AuditFailed` naming every failed check, if any failed."""
    failed = {name: o.description for name, o in outcomes.items() if not o.passed}
    if failed:
        raise AuditFailed(
            "audit failed, nothing published: " + "; ".join(f"{n}: {d}" for n, d in failed.items())
        )
