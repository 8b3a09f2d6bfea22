"""URL canonicalisation (transforms/urls.py): one spelling per page, and different pages kept apart."""

from __future__ import annotations

import pytest

from transforms.urls import canonical_url


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        ("https://example.org/world/story", "https://example.org/world/story"),
        ("HTTP://WWW.Example.ORG/world/story/", "https://example.org/world/story"),
        ("http://example.org:80/a", "https://example.org/a"),
        ("https://example.org:8443/a", "https://example.org:8443/a"),
        ("https://example.org/a#comments", "https://example.org/a"),
        ("https://example.org/a?utm_source=rss&utm_medium=feed&id=7", "https://example.org/a?id=7"),
        ("https://example.org/a?fbclid=x&gclid=y&CMP=share_btn&ocid=msn", "https://example.org/a"),
        ("https://example.org/a?b=2&a=1", "https://example.org/a?a=1&b=2"),
        ("https://m.example.org/a", "https://example.org/a"),
        ("https://amp.example.org/a", "https://example.org/a"),
        ("https://example.org/caf%c3%a9/%7euser", "https://example.org/caf%C3%A9/~user"),
        ("https://example.org/café story", "https://example.org/caf%C3%A9%20story"),
        ("https://user:pw@example.org./a", "https://example.org/a"),
        ("https://example.org", "https://example.org/"),
    ],
)
def test_urls_canonical_form(url: str, canonical: str) -> None:
    assert canonical_url(url) == canonical


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("https://example.org/a?id=1", "https://example.org/a?id=2"),
        ("https://example.org/News", "https://example.org/news"),
        ("https://example.org/a%2Fb", "https://example.org/a/b"),
        ("https://m.co/a", "https://co/a"),
        ("https://news.example.org/a", "https://example.org/a"),
    ],
)
def test_urls_different_pages_stay_different(first: str, second: str) -> None:
    assert canonical_url(first) != canonical_url(second)


@pytest.mark.parametrize(
    "url", [None, "", "   ", "ftp://example.org/a", "mailto:a@example.org", "/relative", "http://[::1"]
)
def test_urls_non_web_urls_have_no_canonical_form(url: str | None) -> None:
    assert canonical_url(url) is None
