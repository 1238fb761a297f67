"""Clean a raw article: HTML to text (trafilatura), page debris out, metadata found.

Debris rules live in ``data/boilerplate.tsv`` and outlet cues in
``data/outlet_cues.tsv``. Every removal is kept as ``{start, end, reason}`` into
the raw text, so nothing leaves the record silently; the cleaned text is what
evidence offsets point into.
"""
from __future__ import annotations

import hashlib
import re as stdre
from dataclasses import dataclass
from functools import lru_cache

import regex as re

from .arabic import arabic_ratio, normalize
from .published import infer_published
from .lexicon import read_tsv
from .model import Document, RawArticle, Removal


class NotArabicError(ValueError):
    pass


@dataclass(frozen=True)
class _Rule:
    reason: str
    scope: str
    pattern: re.Pattern


def _line_pattern(pattern: str):
    """A debris rule's pattern, compiled by the standard re where it can (twice as fast on these line patterns,
    which every line of every page meets), else by ``regex`` (\\p{...} and the like)."""
    try:
        return stdre.compile(pattern, stdre.I)
    except stdre.error:
        return re.compile(pattern, re.I)


@lru_cache(maxsize=1)
def _rules() -> tuple[list[_Rule], list[tuple[str, re.Pattern]]]:
    rules = [_Rule(r[0], r[1], _line_pattern(r[2])) for r in read_tsv("boilerplate.tsv")]
    outlets = [(r[0], re.compile(r[1], re.M)) for r in read_tsv("outlet_cues.tsv")]
    return rules, outlets


MAX_HTML_DEPTH = 200  # deeper pages are read by plain_html_text (lxml stops at 256 levels and loses the rest)
_TAG = stdre.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)[^<>]*?(/?)>")
# elements never closed (void) or whose end tag is often left out: they open no level
_FLAT_TAGS = frozenset("area base br col embed hr img input link meta param source track wbr p li dt dd tr td th option".split())


def html_depth(html: str, stop: int) -> int:
    """How deep the page's elements nest (counted up to ``stop``); one pass over the tags."""
    depth = top = 0
    for m in _TAG.finditer(html):
        if m.group(3) or m.group(2).lower() in _FLAT_TAGS:
            continue
        if m.group(1):
            depth = max(depth - 1, 0)
        else:
            depth += 1
            if depth > top:
                top = depth
                if top > stop:
                    break
    return top


def plain_html_text(html: str) -> str:
    """Every text node of a page outside script and style, blocks on their own lines; any depth."""
    from html.parser import HTMLParser

    skip = {"script", "style", "noscript", "template", "head", "svg"}
    blocks = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "article", "section", "header", "footer",
              "blockquote", "pre", "table", "ul", "ol", "title"}

    class _P(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.out: list[str] = []
            self.hidden = 0

        def handle_starttag(self, tag, attrs):
            if tag in skip:
                self.hidden += 1
            elif tag in blocks:
                self.out.append("\n")

        def handle_endtag(self, tag):
            if tag in skip:
                self.hidden = max(self.hidden - 1, 0)
            elif tag in blocks:
                self.out.append("\n")

        def handle_data(self, data):
            if not self.hidden:
                self.out.append(data)

    p = _P()
    p.feed(html)
    p.close()
    lines = (" ".join(line.split()) for line in "".join(p.out).split("\n"))
    return "\n".join(line for line in lines if line)


def html_to_text(html: str, url: str | None = None, max_depth: int = MAX_HTML_DEPTH) -> tuple[str, dict]:
    """Main text and metadata of an HTML page with trafilatura (comments excluded).

    A page nested deeper than ``max_depth`` is read by :func:`plain_html_text`, which keeps all its text.
    """
    import trafilatura

    meta: dict = {}
    if html_depth(html, max_depth) > max_depth:
        return plain_html_text(html), meta
    try:
        doc = trafilatura.bare_extraction(html, url=url, include_comments=False, with_metadata=True, favor_precision=True)
    except Exception:  # trafilatura raises on some broken trees; fall back below
        doc = None
    text = None
    if doc is not None:
        d = doc if isinstance(doc, dict) else doc.as_dict()
        text = d.get("text")
        meta = {"title": d.get("title"), "published": d.get("date"), "outlet": d.get("sitename"), "url": d.get("url")}
    if not text:
        text = trafilatura.html2txt(html) or ""
    return text, meta


def clean(article: RawArticle, min_arabic: float = 0.3, max_depth: int = MAX_HTML_DEPTH) -> Document:
    """Turn a :class:`RawArticle` into a :class:`Document` with cleaned text and metadata."""
    meta: dict = {}
    raw = article.raw
    if article.is_html:
        raw, meta = html_to_text(article.raw, article.url, max_depth)
    raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    if not raw.strip():
        raise NotArabicError("no text found in the page")
    ratio = arabic_ratio(raw)
    if ratio < min_arabic:
        raise NotArabicError(f"not Arabic (Arabic letters {ratio:.0%} of letters)")

    rules, outlet_rules = _rules()
    lines = _lines(raw)
    keep = [True] * len(lines)
    removed: list[Removal] = []
    n = len(raw)
    cut_from = None
    for i, (a, b, line) in enumerate(lines):
        s = line.strip()
        if not s:
            continue
        for rule in rules:
            if rule.scope == "rest":
                # (the debris runs on a line of text, from the match to the line's end, in the page's last half)
                hit = rule.pattern.search(s)
                k = len(line) - len(line.lstrip()) + hit.start() if hit else 0
                if hit and a + k > n * 0.5:
                    lines[i] = (a, a + k, line[:k])
                    removed.append(Removal(a + k, b, rule.reason))
                    break
                continue
            if rule.pattern.search(s):
                if rule.scope == "tail" and a > n * 0.5:
                    cut_from = (i, rule.reason)
                else:
                    keep[i] = False
                    removed.append(Removal(a, b, rule.reason))
                break
        if cut_from:
            break
    if cut_from:
        i, reason = cut_from
        for j in range(i, len(lines)):
            a, b, line = lines[j]
            if not line.strip():
                keep[j] = False
                continue
            why = next((r.reason for r in rules if r.pattern.search(line.strip())), reason)
            keep[j] = False
            removed.append(Removal(a, b, why if j > i else reason))

    outlet = article.outlet or meta.get("outlet") or _find_outlet(raw, outlet_rules)
    # Lines that only repeat the site's name are debris too.
    if outlet:
        on = normalize(outlet)
        for i, (a, b, line) in enumerate(lines):
            if keep[i] and len(line) <= len(outlet) + 8 and normalize(line.strip().strip('"“”«»|-–')) == on:
                keep[i] = False
                removed.append(Removal(a, b, "site_name"))
    # Source lines ("المصدر: X - خاص", "خاص | X") carry metadata only.
    line_rules = [pat for where, pat in outlet_rules if where == "line"]
    for i, (a, b, line) in enumerate(lines):
        if keep[i] and len(line) < 80 and any(p.match(line.strip()) for p in line_rules):
            keep[i] = False
            removed.append(Removal(a, b, "source_line"))

    kept = _join_wrapped(lines, keep)
    text = "\n".join(_squeeze(kept)).strip()
    removed.sort(key=lambda r: r.start)
    removed = _merge(removed)

    when = infer_published(raw, article.published or _iso(meta.get("published")))
    published = when.date
    published_from = ("input" if article.published else "metadata" if when.source == "metadata"
                      else "text" if published else None)
    title = article.title or meta.get("title") or _first_title(text)
    return Document(
        doc_id=article.doc_id, raw=raw, text=text, source=article.source, outlet=outlet,
        url=article.url or meta.get("url"), title=title, published=published, published_from=published_from,
        published_source=when.source, published_evidence=when.evidence, language="ar",
        removed=removed, content_hash=hashlib.sha1(text.encode("utf-8")).hexdigest(),
    )


def _lines(raw: str) -> list[tuple[int, int, str]]:
    out, pos = [], 0
    for line in raw.split("\n"):
        end = pos + len(line)
        out.append((pos, min(end + 1, len(raw)), line))
        pos = end + 1
    return out


# what ends a sentence at the end of its line; what goes on with a sentence at the start of the next
_LINE_STOP = ".!?؟:…\"”»’)]"
_GOES_ON = stdre.compile(r"[\u0621-\u064a0-9\u0660-\u0669(\"«“]")


def _join_wrapped(lines: list[tuple[int, int, str]], keep: list[bool]) -> list[str]:
    """The kept lines, stripped; a line that wraps a sentence joined to the one before with a space (wrapped_line).
    A line wraps when the line before ends in no stop and the break has a space hanging at its side, the scraped
    mark of a link's words or a hard-wrapped column set on lines of their own ('بمقتل 9 أشخاص صباح الاثنين\n
    بنيران القوات', 'يستخدم ثلاثة أنواع من \nصواريخ سكود'), before a word that goes on; or when it opens with the
    comma of the sentence ('من قبل \nالمجموعات الإرهابية\n، يظل المسؤول'). A paragraph ends with its line, no
    space at the break; its sentence must not run into the next paragraph's. Nor does a heading's, a line of its own
    of a few words that opens no sentence ("تحسين الأداء الحكومي \nوعقد رئيس البرلمان أمس اجتماعا"), unlike
    one that opens with "و" ("وذكرت \nقناة الجزيرة أن ...")."""
    out: list[str] = []
    prev_raw, prev_i, whole = "", -2, False  # whole: the last piece is one line, no wrapped line joined to it
    for i, (_a, _b, line) in enumerate(lines):
        if not keep[i]:
            continue
        s = line.strip()
        last = out[-1] if out else ""
        if (s and prev_i == i - 1 and last and last[-1] not in _LINE_STOP
                and (s[0] in "،,؛" or ((prev_raw[-1:].isspace() or line[:1].isspace()) and _GOES_ON.match(s)))
                and not (whole and last[0] != "و" and len(last.split()) < 5)):
            out[-1] += " " + s
            whole = False
        else:
            out.append(s)
            whole = True
        prev_raw, prev_i = line, i
    return out


def _squeeze(lines: list[str]) -> list[str]:
    """Collapse runs of blank lines into one."""
    out: list[str] = []
    for s in lines:
        if not s and (not out or not out[-1]):
            continue
        out.append(s)
    return out


def _merge(rs: list[Removal]) -> list[Removal]:
    out: list[Removal] = []
    for r in rs:
        if out and r.start < out[-1].end:
            out[-1].end = max(out[-1].end, r.end)
            continue
        out.append(r)
    return out


def _find_outlet(raw: str, rules) -> str | None:
    lines = [l.strip() for l in raw.split("\n") if l.strip()]
    for where, pat in rules:
        if where == "line":
            for line in lines:
                m = pat.match(line)
                if m:
                    return _tidy(m["name"])
        else:
            m = pat.search(raw)
            if m:
                return _tidy(m["name"])
    return None


def _tidy(name: str) -> str | None:
    name = name.strip().strip('"“”«»\'‘’ -–|')
    return name or None


def _iso(s: str | None) -> str | None:
    if not s:
        return None
    m = stdre.match(r"(\d{4}-\d{2}-\d{2})", s)
    return m.group(1) if m else None


def _first_title(text: str) -> str | None:
    for line in text.split("\n")[:4]:
        s = line.strip()
        if 15 <= len(s) <= 200:
            return s
    return None
