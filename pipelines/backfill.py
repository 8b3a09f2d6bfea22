"""``newsevents backfill``: every day of a range, in order, resuming after the last day published.

Days run one after the other (never two at once), so a day's ingest sees every story the days before it
stored and cross-day duplicates stay exact. Each day is `steps.run_day` (ingest, extract on the configured
engine, audit, publish), reading the day's inbox folder and sources like the orchestrators do. The first
day that fails stops the backfill; the days before it are published, so running the same command again
starts after the last published day of the range.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Protocol

from pipelines.config import Settings
from pipelines.orchestration import inputs_for_day
from pipelines.steps import DayProgress, check_setup, run_day
from warehouse.published import load_manifest


class BackfillProgress(DayProgress, Protocol):
    """What a backfill reports besides each day's steps (the CLI draws it)."""

    def range(self, days: int) -> None: ...

    def day(self, day: date) -> None: ...

    def day_done(self) -> None: ...


@dataclass(frozen=True)
class DayLine:
    day: date
    articles: int
    coded: int
    events: int
    rejects: int
    seconds: float


@dataclass
class BackfillSummary:
    first: date
    last: date
    resumed_after: date | None = None
    days: list[DayLine] = field(default_factory=list)
    failed: tuple[date, str] | None = None

    def describe(self) -> str:
        """The summary the CLI prints: one line per day run, then the totals."""
        lines = []
        if self.resumed_after is not None:
            lines.append(f"resumed after {self.resumed_after}, the last day of the range already published")
        for d in self.days:
            lines.append(
                f"{d.day}: {d.articles} articles, {d.coded} coded, {d.events} events, {d.rejects} reject rows "
                f"({d.seconds:.0f} s)"
            )
        coded = sum(d.coded for d in self.days)
        seconds = sum(d.seconds for d in self.days)
        rate = f", {coded / seconds:.1f} articles/s coded" if seconds else ""
        status = f"stopped at {self.failed[0]}" if self.failed else "done"
        lines.append(
            f"backfill {self.first}..{self.last}: {len(self.days)} days run, "
            f"{sum(d.events for d in self.days)} events{rate}; {status}"
        )
        return "\n".join(lines)


def published_days(settings: Settings, first: date, last: date) -> list[date]:
    """The days of the range that are published (named by the warehouse's manifest)."""
    return sorted(d for d in load_manifest(settings.warehouse).days if first <= d <= last)


def run_backfill(
    settings: Settings, first: date, last: date, progress: BackfillProgress | None = None
) -> BackfillSummary:
    """Run the days after the range's last published day up to `last`; stop at the first that fails."""
    check_setup(settings)
    inputs_for_day(settings, first)  # no inbox and no sources configured: fail now, not on day one
    summary = BackfillSummary(first, last)
    done = published_days(settings, first, last)
    start = first
    if done:
        summary.resumed_after = done[-1]
        start = done[-1] + timedelta(days=1)
    total = (last - first).days + 1
    if progress is not None:
        progress.range(total)
        for _ in range((start - first).days):
            progress.day_done()
    day = start
    while day <= last:
        if progress is not None:
            progress.day(day)
        started = time.perf_counter()
        try:
            result = run_day(day, inputs_for_day(settings, day), settings, progress)
        except Exception as exc:  # the day is named in the summary and the error; nothing of it is published
            message = " ".join(str(exc).split()) or repr(exc)
            summary.failed = (day, message[:300])
            break
        articles, published = result.ingest.articles, result.publish
        rejects = result.ingest.rejects + published.rejects
        seconds = time.perf_counter() - started
        summary.days.append(DayLine(day, articles, result.shard.articles, published.events, rejects, seconds))
        if progress is not None:
            progress.day_done()
        day += timedelta(days=1)
    return summary
