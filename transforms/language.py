"""Which language an article is in (a model packaged with py3langid; nothing downloaded)."""

from __future__ import annotations

from functools import cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

# Detection on the first few thousand characters is as good as on the whole text, and bounded in cost.
SAMPLE_CHARS = 4000
# The full model knows ~200 languages, and on a one-line English text it may well prefer a rare one
# (Luganda for "Kenya and Uganda signed a trade agreement."). News arrives in far fewer.
NEWS_LANGUAGES = (
    "ar", "bg", "bn", "ca", "cs", "da", "de", "el", "en", "es", "et", "fa", "fi", "fr", "he", "hi", "hr", "hu",
    "id", "it", "ja", "ko", "lt", "lv", "ms", "nl", "no", "pl", "pt", "ro", "ru", "sk", "sl", "sr", "sv", "sw",
    "ta", "th", "tr", "uk", "ur", "vi", "zh",
)  # fmt: skip
MIN_CONFIDENCE = 0.5


@cache
def _identifier() -> LanguageIdentifier:
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(NEWS_LANGUAGES))
    return identifier


def detect_language(text: str) -> str:
    """ISO 639-1 code of `text`'s language, or "" when the text is too short or the model unsure."""
    sample = text[:SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < 20:
        return ""
    code, confidence = _identifier().classify(sample)
    return str(code) if confidence >= MIN_CONFIDENCE else ""
