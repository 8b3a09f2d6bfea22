"""Fixtures shared by the whole suite."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from spacy.language import Language

if TYPE_CHECKING:
    from transforms.coder import Coder
    from transforms.coder.lexicon import Lexicon

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DEMO_ARTICLES = REPO / "pipelines" / "demo" / "articles.jsonl"


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The trained English pipeline, loaded once for the session."""
    from pipelines.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def coder() -> Coder:
    """The coder with the bundled dictionaries, built once for the session."""
    from transforms.coder import Coder

    return Coder()


@pytest.fixture(scope="session")
def lex(coder: Coder) -> Lexicon:
    """What the session's coder knows: for tests of one stage of the coder (transforms/coder/*.py)."""
    return coder.lex


@pytest.fixture(scope="session")
def shared() -> Path:
    """../shared (corpora, gold, CAMEO tables); tests that need it skip when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not present")
    return SHARED


@pytest.fixture
def warehouse(tmp_path: Path) -> Path:
    return tmp_path / "warehouse"


@pytest.fixture(scope="session")
def demo_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The warehouse `newsevents demo` makes, built once for the session. Tests only read it."""
    from pipelines.cli import main

    warehouse = tmp_path_factory.mktemp("demo") / "warehouse"
    assert main(["demo", "--warehouse", str(warehouse)]) == 0
    return warehouse
