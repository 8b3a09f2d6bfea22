"""The project's one logger. Modules call ``get_logger(__name__)``; the CLI and orchestrators configure it."""

from __future__ import annotations

import logging

ROOT = "newsevents"


def get_logger(name: str = ROOT) -> logging.Logger:
    return logging.getLogger(ROOT if name in ("", ROOT) else f"{ROOT}.{name}")


def configure(level: str = "INFO") -> None:
    """Log to stderr once; orchestrators that install their own handlers can skip this."""
    root = logging.getLogger(ROOT)
    root.setLevel(level.upper())
    if not root.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
    root.propagate = False
