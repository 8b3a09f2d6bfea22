"""Language detection (transforms/language.py): news languages told apart, English one-liners kept."""

from __future__ import annotations

import gzip
import json
from collections import Counter
from pathlib import Path

import pytest

from transforms.language import detect_language

SENTENCES = {
    "en": "The foreign ministers of Chile and Peru met in Lima on Tuesday to discuss the maritime border.",
    "fr": "Les ministres des Affaires étrangères du Chili et du Pérou se sont réunis mardi à Lima.",
    "de": "Die Außenminister von Chile und Peru trafen sich am Dienstag in Lima, um über die Seegrenze zu sprechen.",
    "es": "Los ministros de Relaciones Exteriores de Chile y Perú se reunieron el martes en Lima para hablar de la frontera.",
    "it": "I ministri degli Esteri del Cile e del Perù si sono incontrati martedì a Lima per discutere del confine marittimo.",
    "pt": "Os ministros das Relações Exteriores do Chile e do Peru reuniram-se na terça-feira em Lima para discutir a fronteira.",
    "ru": "Министры иностранных дел Чили и Перу встретились во вторник в Лиме, чтобы обсудить морскую границу.",
    "uk": "Міністри закордонних справ Чилі та Перу зустрілися у вівторок у Лімі, щоб обговорити морський кордон.",
    "ar": "التقى وزيرا خارجية تشيلي وبيرو في ليما يوم الثلاثاء لمناقشة الحدود البحرية المتنازع عليها بين البلدين.",
    "tr": "Şili ve Peru dışişleri bakanları salı günü Lima'da bir araya gelerek deniz sınırını görüştü.",
    "zh": "智利和秘鲁两国外长周二在利马会晤，讨论两国之间有争议的海上边界问题。",
    "ja": "チリとペルーの外相は火曜日にリマで会談し、両国間の海上境界について協議した。",
}  # fmt: skip


@pytest.mark.parametrize(("language", "text"), SENTENCES.items(), ids=list(SENTENCES))
def test_language_detects_news_languages(language: str, text: str) -> None:
    assert detect_language(text) == language


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Kenya and Uganda signed a trade agreement.", "en"),  # the full model says Luganda
        ("Unions at the steel maker said they would strike next week.", "en"),
        ("12:30 GMT 4-1", ""),
        ("", ""),
        ("Oslo -- ", ""),
    ],
)
def test_language_short_texts(text: str, language: str) -> None:
    assert detect_language(text) == language


def test_language_english_corpora_are_english(shared: Path) -> None:
    counts: Counter[str] = Counter()
    for name in ("ag_news_test.jsonl.gz", "bbc_fulltext.jsonl.gz"):
        with gzip.open(shared / "corpora" / name, "rt", encoding="utf-8") as fh:
            counts.update(detect_language(json.loads(line)["text"]) for line in fh)
    # AG News holds one French press release; a few one-line sports results are too short to tell.
    assert counts["en"] / sum(counts.values()) > 0.995
    assert set(counts) <= {"en", "", "fr"}
