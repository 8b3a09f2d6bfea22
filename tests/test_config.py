"""The one settings object: defaults < config file < environment < explicit overrides."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.config import ConfigError, load_settings


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
        ("NEWSEVENTS_PROCESSES", "0", "at least 1"),
        ("NEWSEVENTS_SHARDS", "-1", "at least 1"),
    ],
)
def test_config_bad_values_name_the_setting(
    monkeypatch: pytest.MonkeyPatch, env: str, value: str, message: str
) -> None:
    monkeypatch.setenv(env, value)
    with pytest.raises(ConfigError, match=message):
        load_settings()


def test_config_file_must_be_a_mapping(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("- just\n- a list\n")
    with pytest.raises(ConfigError, match="expected a mapping"):
        load_settings(bad)
