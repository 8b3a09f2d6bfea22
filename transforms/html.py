"""Main text and metadata of a news web page (boilerplate, menus and comments removed)."""

from __future__ import annotations

from dataclasses import dataclass

import trafilatura

# Fewer words than this is a menu or a caption that slipped through, not an article.
MIN_WORDS = 5
# The publication date, not the last modification, and looked for beyond the usual meta tags.
DATE_PARAMS = {"original_date": True, "extensive_search": True}


@dataclass(frozen=True)
class PageContent:
    text: str  # paragraphs separated by blank lines
    title: str | None = None
    published: str | None = None  # ISO date as the page states it
    author: str | None = None
    sitename: str | None = None


def extract_page(html: str | bytes, url: str | None = None) -> PageContent | None:
    """The article in `html`, or None when the page has no extractable main text."""
    doc = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
        date_extraction_params=DATE_PARAMS,
    )
    if doc is None or not (doc.text or "").strip():
        return None
    lines = [line.strip() for line in doc.text.splitlines() if line.strip()]
    if doc.title and lines and lines[0] == doc.title.strip():
        lines = lines[1:]  # the headline is kept in `title`, not repeated as the first paragraph
    if sum(len(line.split()) for line in lines) < MIN_WORDS:
        return None
    return PageContent(
        text="\n\n".join(lines),
        title=doc.title or None,
        published=doc.date or None,
        author=doc.author or None,
        sitename=doc.sitename or None,
    )
