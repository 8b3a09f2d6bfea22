"""URL canonicalisation: one spelling per story, so the same page met twice has one article id."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

# Query parameters that track the reader, not the page.
TRACKING_PARAMS = frozenset(
    {
        "fbclid", "gclid", "dclid", "gclsrc", "msclkid", "yclid", "mc_cid", "mc_eid", "_ga", "_gl",
        "igshid", "ref", "ref_src", "referrer", "cmpid", "cmp", "ito", "ns_mchannel", "ns_source",
        "ns_campaign", "ns_linkname", "ns_fee", "soc_src", "soc_trk", "ocid", "smid", "sr_share",
        "at_medium", "at_campaign", "at_custom1", "at_custom2", "at_custom3", "at_custom4", "mkt_tok",
        "guccounter", "guce_referrer", "guce_referrer_sig", "taid", "wt.mc_id", "utm", "spm", "icid",
        "ncid", "s_cid", "s_kwcid", "sc_cid", "trk", "_hsenc", "_hsmi", "__twitter_impression",
    }
)  # fmt: skip
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hsa_", "oly_", "vero_")
# Host prefixes that serve the same pages as the bare domain: desktop, mobile and AMP editions.
EDITION_PREFIXES = ("www.", "m.", "mobile.", "amp.")
_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
_ESCAPE = re.compile(r"%[0-9A-Fa-f]{2}")


def _normalize_escapes(path: str) -> str:
    """Percent-escapes of unreserved characters decoded, the others in upper case (RFC 3986, 6.2.2), and
    characters that need escaping (spaces, non-ASCII letters) escaped."""

    def one(match: re.Match[str]) -> str:
        char = chr(int(match[0][1:], 16))
        return char if char in _UNRESERVED else match[0].upper()

    return _ESCAPE.sub(one, quote(path, safe="/%:@!$&'()*+,;=~"))


def canonical_url(url: str | None) -> str | None:
    """The canonical form of `url`: https, lower-case host without ``www.`` (or ``m.``, ``mobile.``,
    ``amp.``), no default port, no fragment, no tracking parameters, the remaining parameters sorted,
    percent-escapes normalised, no trailing slash. None for a non-web URL."""
    if not url or not url.strip():
        return None
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower().rstrip(".")
    for prefix in EDITION_PREFIXES:
        if host.startswith(prefix) and "." in host[len(prefix) :]:
            host = host[len(prefix) :]
            break
    if port and port not in (80, 443):
        host = f"{host}:{port}"
    query = sorted(
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if k.lower() not in TRACKING_PARAMS and not k.lower().startswith(TRACKING_PREFIXES)
    )
    path = _normalize_escapes(parts.path) or "/"
    if len(path) > 1:
        path = path.rstrip("/")
    return urlunsplit(("https", host, path, urlencode(query), ""))
