"""Where articles come from. Every source yields `RawArticle`s, or `Reject`s saying why an item could not
be read; the ingest step turns them into article rows."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path

from pipelines.config import Settings
from pipelines.sources.files import iter_path
from transforms.articles import RawArticle, Reject


def iter_raw_articles(inputs: Sequence[Path], day: date, settings: Settings) -> Iterator[RawArticle | Reject]:
    """Items of the local `inputs` (files or folders) and, when configured, of the sources file for `day`."""
    for path in inputs:
        yield from iter_path(path, settings.max_input_bytes)
    if settings.sources is not None:
        from pipelines.sources.config import iter_configured  # the network stack loads only when used

        yield from iter_configured(settings.sources, day, settings)
