"""A quote that goes on past the sentence of its attribution (transforms/coder/quotes.py) is still the
speaker's, until it closes; a pronoun far from the quote's start names no one. Each case is a crafted
sentence and the (source, target, code) triples the coder must produce on the trained model, with the
bundled dictionaries."""

from __future__ import annotations

import pytest
from coded import triples
from spacy.language import Language

from transforms.coder import Coder


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a quote that goes on past the sentence of its attribution is still the speaker's
        (
            'Emmanuel Macron told reporters: "The talks were useful. Vladimir Putin is a liar and a thug."',
            {("FRAGOV", "RUSGOV", "111")},
        ),
        (
            '"We are working hard," Emmanuel Macron said. "Vladimir Putin has failed."',
            {("FRAGOV", "RUSGOV", "111")},
        ),
        # the quote closed, the writer speaks again
        ('Emmanuel Macron said: "The talks were useful." Olaf Scholz is a very fine man.', set()),
        # a pronoun so far from its quote's start names no one for sure
        ('Emmanuel Macron said: "The talks were long. They are good people."', set()),
    ],
)
def test_quotes_a_quote_carries_on(nlp: Language, coder: Coder, text: str, expected: set) -> None:
    assert triples(nlp, coder, text) == expected
