"""Which language an article is in (a model packaged with py3langid; nothing downloaded)."""

from __future__ import annotations

import py3langid

# Detection on the first few thousand characters is as good as on the whole text, and bounded in cost.
SAMPLE_CHARS = 4000


def detect_language(text: str) -> str:
    """ISO 639-1 code of `text`'s language, or "" when there is too little text to tell."""
    sample = text[:SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < 20:
        return ""
    code, _score = py3langid.classify(sample)
    return str(code)
