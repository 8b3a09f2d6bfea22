"""The `newsevents` command."""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from pipelines.config import ConfigError, Settings, load_settings
from pipelines.log import configure, get_logger

if TYPE_CHECKING:
    from pipelines.steps import DayResult

log = get_logger(__name__)
DEMO_ARTICLES = Path(__file__).parent / "demo" / "articles.jsonl"
# Broken and non-English inputs, so the demo's rejects table and report have rows to show.
DEMO_BROKEN = Path(__file__).parent / "demo" / "broken.jsonl"


class DateType(click.ParamType):
    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> dt.date:
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            self.fail(f"{value!r} is not a date; use YYYY-MM-DD, e.g. 2022-08-01", param, ctx)


DATE = DateType()


def _writable_dir(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path | None:
    if value is None:
        return None
    probe = value / f".newsevents-write-probe-{os.getpid()}"
    try:
        value.mkdir(parents=True, exist_ok=True)
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise click.BadParameter(
            f"cannot write to {str(value)!r} ({exc.strerror}); choose a writable directory",
            param_hint="--warehouse",
        ) from None
    return value


def _settings(ctx: click.Context, **overrides: Any) -> Settings:
    return load_settings(ctx.obj.get("config"), **overrides)


warehouse_option = click.option(
    "--warehouse", type=click.Path(path_type=Path, file_okay=False), default=None,
    help="Warehouse directory (default: $NEWSEVENTS_WAREHOUSE or ./data/warehouse).",
)  # fmt: skip


def engine_options(command: Any) -> Any:
    """--engine and --ray-address: where the extract step codes (settings `engine`, `ray_address`)."""
    command = click.option(
        "--ray-address", default=None,
        help="The Ray cluster for --engine ray: HOST:PORT of its head, auto, or ray://HOST:10001.",
    )(command)  # fmt: skip
    return click.option(
        "--engine", type=click.Choice(["local", "ray"]), default=None,
        help="Code on this machine's worker processes (local) or on a Ray cluster (ray).",
    )(command)  # fmt: skip


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option(
    "--config",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="YAML settings file (also $NEWSEVENTS_CONFIG).",
)
@click.option(
    "--log-level",
    default=None,
    type=click.Choice(["DEBUG", "INFO", "WARNING", "ERROR"], case_sensitive=False),
)
@click.version_option(package_name="newsevents")
@click.pass_context
def cli(ctx: click.Context, config: Path | None, log_level: str | None) -> None:
    """newsevents: news articles in, CAMEO political events out, DuckDB for analysts."""
    ctx.ensure_object(dict)
    ctx.obj["config"] = config
    configure(log_level or "WARNING")  # the CLI prints its own summary; logs are for problems


@cli.command()
@click.option(
    "--input",
    "inputs",
    multiple=True,
    type=click.Path(exists=True, path_type=Path),
    help="JSON Lines file, or folder of .jsonl/.html/.txt files (repeatable).",
)
@click.option(
    "--sources",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="sources.yaml declaring feeds, URL lists, WARC files and folders.",
)
@click.option(
    "--date", "day", type=DATE, default=None, help="The run's partition (ingest day). Default: today, UTC."
)
@warehouse_option
@click.option(
    "--actors",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Extra actor dictionary (YAML; repeatable).",
)
@click.option(
    "--model",
    default=None,
    help="spaCy model package or path (default: en_core_web_sm, else the pinned copy).",
)
@click.option(
    "--processes", type=click.IntRange(min=1), default=None, help="Worker processes for parsing and coding."
)
@engine_options
@click.option("--quiet", is_flag=True, help="No progress bar or summary.")
@click.pass_context
def run(
    ctx: click.Context, inputs: tuple[Path, ...], sources: Path | None, day: dt.date | None,
    warehouse: Path | None, actors: tuple[Path, ...], model: str | None, processes: int | None,
    engine: str | None, ray_address: str | None, quiet: bool,
) -> None:  # fmt: skip
    """Ingest articles for one day, code their events, publish Parquet and rebuild the catalog."""
    settings = _settings(
        ctx, warehouse=warehouse, model=model, processes=processes, actors=actors or None, sources=sources,
        engine=engine, ray_address=ray_address,
    )  # fmt: skip
    if not inputs and settings.sources is None:
        raise click.UsageError("give --input PATH or --sources FILE (or set NEWSEVENTS_SOURCES)")
    _writable_dir(ctx, None, settings.warehouse)  # type: ignore[arg-type]
    _run_and_report(settings, list(inputs), day or dt.datetime.now(dt.UTC).date(), quiet)


@cli.command()
@click.option("--from", "first", type=DATE, required=True, help="First day of the range.")
@click.option("--to", "last", type=DATE, required=True, help="Last day of the range (included).")
@click.option(
    "--inbox", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
    help="Folder with one subfolder of input files per day, <inbox>/YYYY-MM-DD/ (also $NEWSEVENTS_INBOX).",
)  # fmt: skip
@click.option(
    "--sources", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
    help="sources.yaml: each source's items of each day (also $NEWSEVENTS_SOURCES).",
)  # fmt: skip
@warehouse_option
@click.option("--actors", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--model", default=None, help="spaCy model package or path.")
@click.option("--processes", type=click.IntRange(min=1), default=None)
@engine_options
@click.option("--quiet", is_flag=True, help="No progress bars; only the summary.")
@click.pass_context
def backfill(
    ctx: click.Context, first: dt.date, last: dt.date, inbox: Path | None, sources: Path | None,
    warehouse: Path | None, actors: tuple[Path, ...], model: str | None, processes: int | None,
    engine: str | None, ray_address: str | None, quiet: bool,
) -> None:  # fmt: skip
    """Run every day from --from to --to, in order, resuming after the last day already published."""
    from pipelines.backfill import run_backfill

    if last < first:
        raise click.UsageError(f"--to {last} is before --from {first}")
    settings = _settings(
        ctx, warehouse=warehouse, model=model, processes=processes, actors=actors or None, sources=sources,
        inbox=inbox, engine=engine, ray_address=ray_address,
    )  # fmt: skip
    _writable_dir(ctx, None, settings.warehouse)  # type: ignore[arg-type]
    with _BackfillProgress(quiet) as progress:
        summary = run_backfill(settings, first, last, progress)
    click.echo(summary.describe())
    if summary.failed is not None:
        raise click.ClickException(
            f"{summary.failed[0]} failed: {summary.failed[1]}; rerun the same command to resume from it"
        )


class _BackfillProgress:
    """Two bars on stderr: days of the range, and articles coded of the current day."""

    def __init__(self, quiet: bool) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self.bars = Progress(
            TextColumn("{task.description:<18}"), BarColumn(), MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"), TimeElapsedColumn(),
            console=Console(stderr=True), disable=quiet,
        )  # fmt: skip
        self.days = self.bars.add_task("days", total=0, rate="")
        self.articles = self.bars.add_task("articles", total=0, rate="")
        self.started = dt.datetime.now()

    def range(self, days: int) -> None:
        self.bars.update(self.days, total=days)

    def day(self, day: dt.date) -> None:
        self.bars.update(self.articles, description=f"{day} ingest")

    def step(self, name: str, total: int) -> None:
        day = self.bars.tasks[self.articles].description.split()[0]
        self.bars.update(self.articles, description=f"{day} {name}")
        if name == "extract":
            self.bars.reset(self.articles, total=total, rate="")
            self.started = dt.datetime.now()

    def advance(self, done: int) -> None:
        self.bars.advance(self.articles, done)
        elapsed = (dt.datetime.now() - self.started).total_seconds()
        completed = self.bars.tasks[self.articles].completed
        self.bars.update(self.articles, rate=f"{completed / elapsed:.1f}/s" if elapsed else "")

    def day_done(self) -> None:
        self.bars.advance(self.days, 1)

    def __enter__(self) -> _BackfillProgress:
        self.bars.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.bars.stop()


@cli.command()
@warehouse_option
@click.option(
    "--date", "day", type=DATE, default=None, help="Partition to write (default: the demo's own date)."
)
@click.option("--processes", type=click.IntRange(min=1), default=None)
@click.pass_context
def demo(ctx: click.Context, warehouse: Path | None, day: dt.date | None, processes: int | None) -> None:
    """Run the pipeline on the bundled demo articles (and a few broken inputs) and show an analyst query."""
    settings = _settings(ctx, warehouse=warehouse, processes=processes)
    _writable_dir(ctx, None, settings.warehouse)  # type: ignore[arg-type]
    day = day or _demo_date()
    _run_and_report(settings, [DEMO_ARTICLES, DEMO_BROKEN], day, quiet=False)
    query = (
        "SELECT event_date, source_code, cameo_code, target_code, cameo_label, trigger\n"
        f"FROM events WHERE ingest_date = DATE '{day}'\nORDER BY quad_class DESC, goldstein, event_date LIMIT 12"
    )
    click.echo(f'\nAn analyst\'s query (newsevents sql "..." --warehouse {settings.warehouse}):\n{query}\n')
    _print_query(settings.warehouse, query, "table", max_rows=12)


def _demo_date() -> dt.date:
    """The day after the newest demo article, so the demo's relative dates read naturally."""
    newest = dt.date(2025, 1, 1)
    for line in DEMO_ARTICLES.read_text(encoding="utf-8").splitlines():
        published = json.loads(line).get("published") if line.strip() else None
        if published:
            newest = max(newest, dt.date.fromisoformat(str(published)[:10]))
    return newest + dt.timedelta(days=1)


def _run_and_report(settings: Settings, inputs: list[Path], day: dt.date, quiet: bool) -> None:
    from pipelines.steps import run_day

    with _ConsoleProgress(day, quiet) as progress:
        result = run_day(day, inputs, settings, progress)
    if quiet:
        return
    click.echo(run_summary(result))
    _print_query(
        settings.warehouse,
        f"""SELECT 'events' AS what, coalesce(c.label, 'QuadClass ' || e.quad_class) AS kind, count(*) AS n
            FROM events e LEFT JOIN (VALUES (1, 'verbal cooperation'), (2, 'material cooperation'),
                 (3, 'verbal conflict'), (4, 'material conflict')) c(q, label) ON c.q = e.quad_class
            WHERE e.ingest_date = DATE '{day}' GROUP BY ALL
            UNION ALL
            SELECT 'rejects', stage || ': ' || reason, count(*) FROM rejects WHERE ingest_date = DATE '{day}' GROUP BY ALL
            ORDER BY what, n DESC""",
        "table",
        max_rows=40,
    )
    click.echo(f"catalog: {result.publish.catalog}")


def run_summary(result: DayResult) -> str:
    """One line on what a run stored, and why it stored less than it read: stories already stored on
    other days (found by ingest, or published by another day while this one ran) are named by day."""
    ingested, published = result.ingest, result.publish
    already = Counter(ingested.already_stored) + Counter(published.already_stored)
    stored_elsewhere = "".join(f", {n} already stored on {d}" for d, n in sorted(already.items()))
    return (
        f"{published.day}: {published.articles} articles stored ({ingested.duplicates} near-duplicates)"
        f"{stored_elsewhere}; {result.shard.articles} coded, {published.events} events, "
        f"{ingested.rejects + published.rejects} reject rows"
    )


class _ConsoleProgress:
    """Draws `run_day`'s progress on stderr: a spinner per step, a bar while articles are coded."""

    def __init__(self, day: dt.date, quiet: bool) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self.day = day
        self.quiet = quiet
        self.console = Console(stderr=True)
        self.status = self.console.status("", spinner="dots")
        self.bar = Progress(
            TextColumn("coding"), BarColumn(), MofNCompleteColumn(), TextColumn("articles"),
            TextColumn("{task.fields[rate]}"), TimeElapsedColumn(),
            console=self.console, disable=quiet,
        )  # fmt: skip
        self.task = self.bar.add_task("coding", total=0, rate="", start=False)
        self.started = dt.datetime.now()
        self.live: Any = None

    def _show(self, live: Any) -> None:
        if self.live is not live:
            if self.live is not None:
                self.live.stop()
            self.live = live
            if live is not None and not self.quiet:
                live.start()

    def step(self, name: str, total: int) -> None:
        if name == "extract":
            self.bar.update(self.task, total=total)
            self.bar.start_task(self.task)
            self.started = dt.datetime.now()
            self._show(self.bar)
        else:
            self.status.update(f"{name} {self.day}…")
            self._show(self.status)

    def advance(self, done: int) -> None:
        self.bar.advance(self.task, done)
        elapsed = (dt.datetime.now() - self.started).total_seconds()
        completed = self.bar.tasks[0].completed
        self.bar.update(self.task, rate=f"{completed / elapsed:.1f}/s" if elapsed else "")

    def __enter__(self) -> _ConsoleProgress:
        return self

    def __exit__(self, *exc: object) -> None:
        self._show(None)


@cli.command()
@click.argument("query")
@warehouse_option
@click.option(
    "--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True
)
@click.option(
    "--max-rows",
    type=click.IntRange(min=1),
    default=100,
    show_default=True,
    help="Rows shown by --format table.",
)
@click.pass_context
def sql(ctx: click.Context, query: str, warehouse: Path | None, fmt: str, max_rows: int) -> None:
    """Run QUERY on the catalog: queries only, reading the warehouse and nothing else."""
    settings = _settings(ctx, warehouse=warehouse)
    _print_query(settings.warehouse, query, fmt, max_rows=max_rows)


def _print_query(warehouse: Path, query: str, fmt: str, max_rows: int = 100) -> None:
    import duckdb

    from warehouse.catalog import NotAQuery, connect_read_only, read_only_query

    con = connect_read_only(warehouse)
    try:
        try:
            relation = read_only_query(con, query)
        except (duckdb.Error, NotAQuery) as exc:
            raise click.ClickException(f"query failed: {_first_line(str(exc))}") from None
        if relation is None:
            return
        if fmt == "table":
            relation.show(max_rows=max_rows, max_width=200)
            return
        names = relation.columns
        rows = relation.fetchall()
    finally:
        con.close()
    if fmt == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(names)
        writer.writerows(rows)
    else:
        click.echo(
            json.dumps(
                [dict(zip(names, row, strict=True)) for row in rows],
                default=_json_default,
                ensure_ascii=False,
                indent=1,
            )
        )


def _json_default(value: object) -> object:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return str(value)


@cli.command("catalog")
@warehouse_option
@click.pass_context
def catalog_cmd(ctx: click.Context, warehouse: Path | None) -> None:
    """Rebuild events.duckdb from the Parquet files (e.g. after moving the warehouse)."""
    from warehouse.versions import rebuild_catalog

    settings = _settings(ctx, warehouse=warehouse)
    if not settings.warehouse.is_dir():
        raise click.BadParameter(f"{str(settings.warehouse)!r} is not a directory", param_hint="--warehouse")
    click.echo(rebuild_catalog(settings.warehouse, dt.timedelta(hours=settings.keep_replaced_hours)))


def _date_range(start: dt.date | None, end: dt.date | None) -> None:
    if start and end and start > end:
        raise click.BadParameter(f"--from {start} is after --to {end}", param_hint="--from")


def _catalog_dir(settings: Settings) -> Path:
    from warehouse.paths import catalog_path

    if not catalog_path(settings.warehouse).is_file():
        raise click.BadParameter(
            f"no catalog in {str(settings.warehouse)!r}; run 'newsevents run' or 'newsevents catalog' first",
            param_hint="--warehouse",
        )
    return settings.warehouse


@cli.command()
@warehouse_option
@click.option("--from", "start", type=DATE, default=None, help="First event date (default: the first).")
@click.option("--to", "end", type=DATE, default=None, help="Last event date (default: the last).")
@click.option("--country", default=None, help="Only events whose source or target country is this ISO3 code.")
@click.option(
    "--out",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="HTML file to write (default: report.html in the warehouse).",
)
@click.pass_context
def report(
    ctx: click.Context, warehouse: Path | None, start: dt.date | None, end: dt.date | None,
    country: str | None, out: Path | None,
) -> None:  # fmt: skip
    """Write a self-contained HTML report (charts, map, tables) that opens offline in any browser."""
    from pipelines.report import Scope, write_report

    settings = _settings(ctx, warehouse=warehouse)
    _date_range(start, end)
    if country is not None:
        country = country.strip().upper()
        if len(country) != 3 or not country.isalpha():
            raise click.BadParameter(
                f"{country!r} is not an ISO alpha-3 code (e.g. UKR)", param_hint="--country"
            )
    path = write_report(
        _catalog_dir(settings), out or settings.warehouse / "report.html", Scope(start, end, country)
    )
    click.echo(f"report: {path}")


@cli.command()
@click.option(
    "--format", "fmt", type=click.Choice(["gdelt", "icews", "plover", "csv", "parquet"]), required=True,
    help="gdelt: GDELT 2.0 event table; icews: ICEWS columns; plover: PLOVER types; csv/parquet: the events table.",
)  # fmt: skip
@warehouse_option
@click.option("--from", "start", type=DATE, default=None, help="First event date (default: the first).")
@click.option("--to", "end", type=DATE, default=None, help="Last event date (default: the last).")
@click.argument("out", type=click.Path(path_type=Path, dir_okay=False))
@click.pass_context
def export(
    ctx: click.Context, fmt: str, warehouse: Path | None, start: dt.date | None, end: dt.date | None, out: Path
) -> None:
    """Write the events to OUT as a GDELT 2.0, ICEWS or PLOVER table, or as CSV or Parquet."""
    from pipelines.export import export as write_export

    settings = _settings(ctx, warehouse=warehouse)
    _date_range(start, end)
    rows = write_export(_catalog_dir(settings), fmt, out, start, end)
    click.echo(f"{out}: {rows} rows ({fmt})")


@cli.command("eval")
@click.option(
    "--gold",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    required=True,
    help="Gold events, JSON Lines (see ../shared/gold/README.md).",
)
@click.option("--json", "as_json", is_flag=True, help="One JSON object with every figure.")
@click.option("--errors", is_flag=True, help="List each miss and false positive with its sentence.")
@click.option("--split", default=None, help="Only gold documents of this split (dev, test).")
@click.option("--model", default=None, help="spaCy model package or path.")
@click.option("--actors", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.pass_context
def eval_cmd(
    ctx: click.Context,
    gold: Path,
    as_json: bool,
    errors: bool,
    split: str | None,
    model: str | None,
    actors: tuple[Path, ...],
) -> None:
    """Measure the coder against gold events: precision, recall, F1, per-root table."""
    from pipelines.evaluate import run_eval

    settings = _settings(ctx, model=model, actors=actors or None)
    run_eval(gold, settings, as_json=as_json, errors=errors, out=sys.stdout, split=split)


@cli.command()
@click.option(
    "--unresolved",
    is_flag=True,
    required=True,
    help="List subject and object phrases no dictionary resolved.",
)
@warehouse_option
@click.option("--limit", type=click.IntRange(min=1), default=30, show_default=True)
@click.option(
    "--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True
)
@click.pass_context
def actors(ctx: click.Context, unresolved: bool, warehouse: Path | None, limit: int, fmt: str) -> None:
    """What the coder could not resolve, most frequent first: candidates for your actor dictionary."""
    settings = _settings(ctx, warehouse=warehouse)
    query = f"""SELECT phrase, role, count(*) AS mentions, count(DISTINCT article_id) AS articles,
                       any_value(head) AS head, any_value(sentence) AS example
                FROM unresolved GROUP BY phrase, role ORDER BY mentions DESC, phrase LIMIT {limit}"""
    _print_query(settings.warehouse, query, fmt, max_rows=limit)


def _first_line(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return " ".join(lines[:2]) if lines else text


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: bad arguments and expected failures print one line, never a traceback."""
    try:
        result = cli.main(
            args=list(argv) if argv is not None else None, prog_name="newsevents", standalone_mode=False
        )
    except click.UsageError as exc:
        where = exc.ctx.command_path if exc.ctx else "newsevents"
        click.echo(f"{where}: error: {_first_line(exc.format_message())} (see '{where} --help')", err=True)
        return 2
    except click.ClickException as exc:
        click.echo(f"newsevents: error: {_first_line(exc.format_message())}", err=True)
        return exc.exit_code
    except click.Abort:
        click.echo("newsevents: interrupted", err=True)
        return 130
    except (ConfigError, OSError, ValueError, RuntimeError) as exc:
        if os.environ.get("NEWSEVENTS_DEBUG"):
            raise
        click.echo(f"newsevents: error: {_first_line(str(exc))}", err=True)
        return 1
    except Exception as exc:  # a bug: still one line for the user, the traceback on request
        if os.environ.get("NEWSEVENTS_DEBUG"):
            raise
        click.echo(
            f"newsevents: internal error: {exc!r}; rerun with NEWSEVENTS_DEBUG=1 for the traceback", err=True
        )
        return 1
    return result if isinstance(result, int) else 0


if __name__ == "__main__":
    sys.exit(main())
