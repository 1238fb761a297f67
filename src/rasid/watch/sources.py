"""Links to articles out of a source's index page: an RSS/Atom feed (feedparser), a (news) sitemap (gzip'd
or not; a sitemap index's children are followed by the watcher, bounded) or a listing page with a link pattern. A page that cannot be read is a :class:`ParseError` the watcher logs."""
from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin

from .config import Source


class ParseError(ValueError):
    pass


@dataclass(frozen=True)
class Entry:
    url: str
    marker: str | None = None  # the feed's <updated> / the sitemap's <lastmod>: a change means an edit
    published: str | None = None  # YYYY-MM-DD when the source says


def entries(src: Source, body: bytes, base: str) -> list[Entry]:
    """The article links of ``body`` (the source's index page fetched from ``base``), first ``max_items``."""
    found = {"feed": _feed, "sitemap": _sitemap, "listing": _listing}[src.kind](src, body, base)
    return unique(found)[:src.max_items]


def unique(found: list[Entry]) -> list[Entry]:
    """Absolute http(s) links, each once (its first)."""
    out, seen = [], set()
    for e in found:
        if e.url not in seen and e.url.startswith(("http://", "https://")):
            seen.add(e.url)
            out.append(e)
    return out


def _feed(src: Source, body: bytes, base: str) -> list[Entry]:
    import feedparser

    d = feedparser.parse(body, response_headers={"content-location": base})
    benign = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)
    if d.bozo and not isinstance(d.bozo_exception, benign):
        # (feedparser reads some entries out of broken XML: logged as a fault, those entries not trusted)
        raise ParseError(f"malformed feed: {type(d.bozo_exception).__name__}: {str(d.bozo_exception)[:160]}")
    out = []
    for e in d.entries:
        link = e.get("link")
        if not link:
            continue
        pub = e.get("published_parsed") or e.get("updated_parsed")
        out.append(Entry(urljoin(base, link), e.get("updated") or e.get("published"),
                         f"{pub.tm_year:04d}-{pub.tm_mon:02d}-{pub.tm_mday:02d}" if pub else None))
    return out


SITEMAP_MAX_BYTES = 50 * 1024 * 1024  # the sitemap protocol's own limit on a sitemap, inflated
SITEMAP_DEPTH = 2  # an index may point to indexes once more; deeper ones are not followed


def _sitemap_root(body: bytes):
    """The root element of a sitemap (gzip'd or not: ``sitemap.xml.gz`` is served without Content-Encoding)."""
    from lxml import etree

    from .fetch import _decode_body

    if body[:2] == b"\x1f\x8b":
        try:
            body = _decode_body(body, "gzip", SITEMAP_MAX_BYTES)
        except ValueError as e:
            raise ParseError(f"gzip'd sitemap: {e}") from None
    try:
        return etree.fromstring(body, etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False))
    except etree.XMLSyntaxError as e:
        raise ParseError(f"malformed sitemap: {e}") from None


def sitemap_index(body: bytes, base: str) -> list[Entry] | None:
    """The child sitemaps of a sitemap index (``<sitemapindex><sitemap><loc>``, with ``<lastmod>`` as
    their marker), the newest first; None when ``body`` is an ordinary sitemap (``<urlset>``)."""
    root = _sitemap_root(body)
    if not isinstance(root.tag, str) or not root.tag.endswith("sitemapindex"):
        return None
    out = []
    for sm in root.iter("{*}sitemap"):
        loc = (sm.findtext("{*}loc") or "").strip()
        if loc:
            out.append(Entry(urljoin(base, loc), (sm.findtext("{*}lastmod") or "").strip() or None))
    seen: set[str] = set()
    out = [e for e in out if e.url.startswith(("http://", "https://")) and not (e.url in seen or seen.add(e.url))]
    # newest first (a news site lists its latest child last or first: the dates decide; undated ones last)
    return sorted(out, key=lambda e: e.marker or "", reverse=True)


def _sitemap(src: Source, body: bytes, base: str) -> list[Entry]:
    root = _sitemap_root(body)
    out = []
    for url in root.iter("{*}url"):
        loc = url.findtext("{*}loc")
        if not loc:
            continue
        pub = url.findtext("{*}news/{*}publication_date")
        out.append(Entry(urljoin(base, loc.strip()), url.findtext("{*}lastmod") or pub, (pub or "")[:10] or None))
    return out


def _listing(src: Source, body: bytes, base: str) -> list[Entry]:
    import lxml.html

    try:
        tree = lxml.html.fromstring(body)
    except (ValueError, lxml.etree.ParserError) as e:
        raise ParseError(f"unreadable listing page: {e}") from None
    xp = (src.selectors or {}).get("links") or "//a/@href"
    pat = re.compile(src.link_pattern) if src.link_pattern else None
    hrefs = [str(h.get("href") if hasattr(h, "get") else h) for h in tree.xpath(xp)]
    return [Entry(urljoin(base, h)) for h in hrefs if h and (pat is None or pat.search(urljoin(base, h)))]
