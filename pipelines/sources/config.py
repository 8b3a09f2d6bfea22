"""The sources file: which feeds, URL lists, WARC files and folders a daily run reads.

    fetch:                       # optional: how web pages are fetched (pipelines/sources/http.py)
      per_host_delay: 1.0
    sources:
      - {name: bbc-world, kind: feed, url: "https://feeds.bbci.co.uk/news/world/rss.xml"}
      - {name: reading-list, kind: urls, path: "lists/{date}.txt"}
      - {name: cc-news, kind: warc, path: "/data/cc-news/{date:%Y/%m}/*.warc.gz"}
      - {name: inbox, kind: files, path: "inbox/{date:%Y-%m-%d}"}

``path`` may contain ``{date}`` (the run's day, ISO) or ``{date:<strftime format>}`` and glob patterns
(``*``, ``?``, ``[...]``); relative paths are relative to the sources file's folder. Each name must be
unique and made of letters, digits, ``.``, ``_`` and ``-``: it is what the ``source`` column of
``rejects`` and the ``origin`` column of ``articles`` say.

Local sources (files, warc) are read first, in the order of the file; then the web sources (feed, urls)
together, since their pages are fetched concurrently across hosts.
"""

from __future__ import annotations

import dataclasses
import glob
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from pipelines.config import ConfigError, Settings
from pipelines.sources.files import iter_path, misnamed
from pipelines.sources.http import FetchOptions
from pipelines.sources.warc import iter_warc
from pipelines.sources.web import iter_web
from transforms.articles import RawArticle, Reject
from transforms.urls import canonical_url

KINDS = {"feed": "url", "urls": "path", "warc": "path", "files": "path"}
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_GLOB = re.compile(r"[*?\[]")


@dataclass(frozen=True)
class Source:
    name: str
    kind: str  # feed, urls, warc, files
    location: str  # the feed's URL, or a path pattern
    base: Path  # the sources file's folder

    def paths(self, day: date) -> list[Path]:
        """The files or folders the path pattern names for `day` (globs expanded, in name order)."""
        pattern = Path(self.location.format(date=day)).expanduser()
        if not pattern.is_absolute():
            pattern = self.base / pattern
        if _GLOB.search(str(pattern)):
            return [Path(p) for p in sorted(glob.glob(str(pattern), recursive=True))]
        return [pattern] if pattern.exists() else []


@dataclass(frozen=True)
class SourcesFile:
    fetch: FetchOptions
    sources: tuple[Source, ...]


def load_sources(path: Path) -> SourcesFile:
    """Read and check a sources file; every problem is a `ConfigError` naming the entry and the fix."""
    try:
        loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"sources file {path}: {exc}") from None
    if not isinstance(loaded, dict) or not isinstance(loaded.get("sources"), list):
        raise ConfigError(f"sources file {path}: expected a mapping with a list under 'sources:'")
    unknown = sorted(set(loaded) - {"fetch", "sources"})
    if unknown:
        raise ConfigError(f"sources file {path}: unknown key(s) {unknown}; expected 'fetch' and 'sources'")
    if loaded.get("fetch") is not None and not isinstance(loaded["fetch"], dict):
        raise ConfigError(f"sources file {path}: 'fetch' must be a mapping of option: value")
    try:
        options = FetchOptions.from_mapping(loaded.get("fetch"))
    except ConfigError as exc:
        raise ConfigError(f"sources file {path}: {exc}") from None
    sources = [_source(path, number, item) for number, item in enumerate(loaded["sources"], start=1)]
    names = [s.name for s in sources]
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise ConfigError(f"sources file {path}: source names must be unique; repeated: {repeated}")
    feeds = [canonical_url(s.location) for s in sources if s.kind == "feed"]
    twice = sorted(
        {s.name for s in sources if s.kind == "feed" and feeds.count(canonical_url(s.location)) > 1}
    )
    if twice:
        raise ConfigError(f"sources file {path}: feeds {twice} have the same URL; keep one of them")
    return SourcesFile(options, tuple(sources))


def _source(path: Path, number: int, item: Any) -> Source:
    where = f"sources file {path}, source #{number}"
    if not isinstance(item, dict):
        raise ConfigError(f"{where}: expected a mapping with name, kind and url or path")
    name, kind = item.get("name"), item.get("kind")
    if not isinstance(name, str) or not _NAME.match(name):
        raise ConfigError(f"{where}: 'name' must be letters, digits, '.', '_' or '-' (got {name!r})")
    where = f"sources file {path}, source {name!r}"
    if kind not in KINDS:
        raise ConfigError(f"{where}: 'kind' must be one of {sorted(KINDS)} (got {kind!r})")
    field = KINDS[kind]
    unknown = sorted(set(item) - {"name", "kind", field})
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) {unknown}; a {kind} source has name, kind and {field}")
    location = item.get(field)
    if not isinstance(location, str) or not location.strip():
        raise ConfigError(f"{where}: a {kind} source needs '{field}'")
    if kind == "feed" and canonical_url(location) is None:
        raise ConfigError(f"{where}: 'url' must be an http(s) URL (got {location!r})")
    if kind != "feed":
        try:
            location.format(date=date(2000, 1, 31))
        except (KeyError, IndexError, ValueError) as exc:
            raise ConfigError(
                f"{where}: 'path' may only use {{date}} or {{date:<strftime format>}} ({exc!r})"
            ) from None
    return Source(name, kind, location.strip(), path.parent.resolve())


def iter_configured(sources_file: Path, day: date, settings: Settings) -> Iterator[RawArticle | Reject]:
    """Every item of `day` from the sources the file declares."""
    config = load_sources(sources_file)
    paths = {source.name: source.paths(day) for source in config.sources if source.kind != "feed"}
    for source in config.sources:
        if source.kind == "feed":
            continue
        if not paths[source.name]:
            yield Reject(source.location, source.name, "read", "no_input", f"nothing matches for {day}")
        for path in paths[source.name]:
            if (problem := misnamed(path, source.name)) is not None:
                yield problem
            elif source.kind == "files":
                for item in iter_path(path, settings.max_input_bytes):
                    yield dataclasses.replace(item, source=source.name)
            elif source.kind == "warc":
                yield from iter_warc(path, day, source.name, config.fetch.max_page_bytes)
    feeds = [(s.name, s.location) for s in config.sources if s.kind == "feed"]
    url_lists = [
        (s.name, [p for p in paths[s.name] if misnamed(p, s.name) is None])
        for s in config.sources
        if s.kind == "urls"
    ]
    if feeds or url_lists:
        yield from iter_web(feeds, url_lists, day, settings, config.fetch)
