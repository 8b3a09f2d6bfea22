"""Main text and metadata of news pages (transforms/html.py)."""

from __future__ import annotations

import pytest

from transforms.html import extract_page

ARTICLE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Ministers meet in Lima | Example News</title>
<meta property="og:title" content="Ministers meet in Lima"><meta property="og:site_name" content="Example News">
<meta name="author" content="Ana Ruiz"><meta property="article:published_time" content="2022-08-02T08:00:00Z">
</head><body><header><nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/sport">Sport</a></nav></header>
<main><article><h1>Ministers meet in Lima</h1>
<p>The foreign ministers of Chile and Peru met in Lima on Tuesday to discuss the disputed maritime border.</p>
<p>Both governments agreed to set up a joint commission that will report within six months.</p>
</article><aside><h2>Most read</h2><ul><li><a href="/x">Storm hits coast</a></li><li><a href="/y">Cup final</a></li></ul></aside>
</main><footer><p>Copyright Example News. All rights reserved.</p></footer></body></html>"""


def test_html_article_text_without_menus_and_with_metadata() -> None:
    page = extract_page(ARTICLE, "https://example.org/world/lima")
    assert page is not None
    assert page.text == (
        "The foreign ministers of Chile and Peru met in Lima on Tuesday to discuss the disputed maritime border."
        "\n\nBoth governments agreed to set up a joint commission that will report within six months."
    )
    assert (page.title, page.published, page.author, page.sitename) == (
        "Ministers meet in Lima", "2022-08-02", "Ana Ruiz", "Example News",
    )  # fmt: skip


def test_html_bytes_in_a_declared_legacy_charset_are_decoded() -> None:
    html = (
        '<html><head><meta charset="iso-8859-1"><title>Caf\xe9</title></head><body><article><p>Le caf\xe9 de '
        "la gare a ferm\xe9 ses portes apr\xe8s quarante ann\xe9es, a annonc\xe9 le propri\xe9taire.</p>"
        "</article></body></html>"
    ).encode("latin-1")
    page = extract_page(html)
    assert page is not None and page.text.startswith("Le café de la gare a fermé")


@pytest.mark.parametrize(
    "html",
    [
        b"",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        "<html><body><nav><a href='/'>Home</a> | <a href='/w'>World</a></nav></body></html>",
        "<html><head><title>Gallery</title></head><body><article><p>Photo: Reuters</p></article></body></html>",
    ],
    ids=["empty", "binary", "menu_only", "caption_only"],
)
def test_html_pages_without_an_article_give_none(html: str | bytes) -> None:
    assert extract_page(html) is None
