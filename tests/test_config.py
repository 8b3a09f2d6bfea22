"""The one settings object: defaults < config file < environment < explicit overrides."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pipelines.config import ConfigError, Settings, load_settings


def test_config_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("WAREHOUSE", "MODEL", "PROCESSES", "CONFIG", "ACTORS"):
        monkeypatch.delenv(f"NEWSEVENTS_{name}", raising=False)
    settings = load_settings()
    assert settings.warehouse == Path("data/warehouse")
    assert settings.model == "" and settings.processes == 2 and settings.actors == ()
    assert settings.staging == Path("data/warehouse/_staging")


def test_config_precedence_file_then_environment_then_overrides(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "newsevents.yaml"
    config.write_text(
        "warehouse: /srv/events\nprocesses: 4\nmodel: en_core_web_md\nshards: 8\nfeeds_note: kept\n"
    )
    monkeypatch.setenv("NEWSEVENTS_CONFIG", str(config))
    monkeypatch.setenv("NEWSEVENTS_PROCESSES", "3")
    monkeypatch.setenv("NEWSEVENTS_ACTORS", f"{tmp_path}/a.yaml:{tmp_path}/b.yaml")
    settings = load_settings(model="en_core_web_lg")
    assert settings.warehouse == Path("/srv/events")
    assert settings.shards == 8
    assert settings.processes == 3
    assert settings.model == "en_core_web_lg"
    assert settings.actors == (tmp_path / "a.yaml", tmp_path / "b.yaml")
    assert settings.extra == {"feeds_note": "kept"}


@pytest.mark.parametrize(
    ("env", "value", "message"),
    [
        ("NEWSEVENTS_PROCESSES", "many", "processes"),
        ("NEWSEVENTS_PROCESSES", "0", "'processes'.*greater than or equal to 1"),
        ("NEWSEVENTS_SHARDS", "-1", "'shards'.*greater than or equal to 1"),
        ("NEWSEVENTS_MAX_ARTICLE_CHARS", "-5", "'max_article_chars'.*greater than or equal to 1"),
        ("NEWSEVENTS_MAX_INPUT_BYTES", "10MB", "'max_input_bytes'.*valid integer"),
        ("NEWSEVENTS_HTTP_TIMEOUT", "0", "'http_timeout'.*greater than 0"),
    ],
)
def test_config_bad_values_name_the_setting(
    monkeypatch: pytest.MonkeyPatch, env: str, value: str, message: str
) -> None:
    monkeypatch.setenv(env, value)
    with pytest.raises(ConfigError, match=message) as raised:
        load_settings()
    assert "\n" not in str(raised.value)


def test_config_file_must_be_a_mapping(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("- just\n- a list\n")
    with pytest.raises(ConfigError, match="expected a mapping"):
        load_settings(bad)


def test_config_negative_values_refused_from_file_and_overrides(tmp_path: Path) -> None:
    config = tmp_path / "newsevents.yaml"
    config.write_text("max_article_chars: -1\n")
    with pytest.raises(ConfigError, match="'max_article_chars'"):
        load_settings(config)
    with pytest.raises(ConfigError, match="'max_article_chars'"):
        load_settings(max_article_chars=-1)
    with pytest.raises(ConfigError, match="'processes'"):
        load_settings().replace(processes=0)


def test_config_values_are_converted_by_type_not_by_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A boolean read as text: "false" (environment or config file) is False, not a non-empty string."""

    class WithFlag(Settings):
        keep_html: bool = True
        dry_run: bool = True

    config = tmp_path / "newsevents.yaml"
    config.write_text("dry_run: 'no'\nhttp_timeout: '2.5'\n")
    monkeypatch.setenv("NEWSEVENTS_CONFIG", str(config))
    monkeypatch.setenv("NEWSEVENTS_KEEP_HTML", "false")
    settings = WithFlag()
    assert settings.keep_html is False and settings.dry_run is False
    assert settings.http_timeout == 2.5
    monkeypatch.setenv("NEWSEVENTS_KEEP_HTML", "perhaps")
    with pytest.raises(ValueError, match="keep_html"):
        WithFlag()


def test_config_replace_checks_and_ignores_none(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSEVENTS_PROCESSES", raising=False)
    settings = load_settings()
    assert settings.replace(processes=3, model=None).processes == 3
    assert settings.replace(warehouse="~/wh").warehouse == Path("~/wh").expanduser()
    with pytest.raises(ConfigError, match="unknown setting"):
        settings.replace(no_such_setting=1)


def test_config_file_named_but_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSEVENTS_CONFIG", str(tmp_path / "absent.yaml"))
    with pytest.raises(ConfigError, match=r"absent\.yaml"):
        load_settings()


def test_config_bad_value_is_one_line_from_the_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSEVENTS_MAX_ARTICLE_CHARS", "-3")
    result = subprocess.run(
        [sys.executable, "-m", "pipelines.cli", "sql", "SELECT 1", "--warehouse", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "max_article_chars" in result.stderr, result.stderr
