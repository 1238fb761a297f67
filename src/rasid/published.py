"""When was this published: the reference day of "today", "yesterday Wednesday" and "15 September".

Every relative date of an article is read against its publication day, so a wrong one moves every
event by as much (a digest's period header or an event's date taken for it put events years off).
The day is taken, in order of trust, from:

- ``metadata``: the caller, the JSONL record or the HTML page's own metadata;
- ``stamp``: a publication line of the page ("تم النشر بتاريخ 8 تشرين الثاني 2016", "آخر تحديث: ...")
  or a header or footer line that is only a date;
- ``dateline``: the date opening the article, before its first sentence ("دمشق - 12 آذار 2015 (رويترز)");
- ``none``: no day the page states; relative dates stay unresolved rather than guessed.

A date in the body ("يوم 25 يناير 2013", "منذ 15 تموز 2014") is an event's, never the page's; a date inside
a range ("من 1 إلى 7 آذار") or a photo caption is page furniture. The result carries the words it came
from, so `documents.jsonl` says why (``published_source``, ``published_evidence``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .arabic import NormText, normalize, word_alternation
from .dates import find_dates
from .lexicon import read_tsv

FULL_KINDS = ("abs_dmy", "abs_num", "abs_iso")
CONFIDENCE = {"metadata": 0.95, "stamp": 0.8, "dateline": 0.7, "none": 0.0}


def _words(kind: str) -> str:
    return "|".join(sorted((re.escape(r[1]) for r in read_tsv("published_cues.tsv") if r[0] == kind),
                           key=len, reverse=True))


# data/published_cues.tsv: "stamp" phrases open a publication line; "body" words before a date make it an event's;
# "furniture" words in a line make its date the page's decoration (a caption, an archive photo)
_STAMP = re.compile(rf"(?<!\w)(?:{_words('stamp')})\s*(?:في|بتاريخ)?\s*[:：]?\s*(.{{0,45}})")
# the stamp phrases alone: a match of _STAMP starts at one of them, so its search starts at the first (a pattern
# opening with a lookbehind is tried at every character of the page; this one skips to the phrases' first letters)
_STAMP_HINT = re.compile(word_alternation(r[1] for r in read_tsv("published_cues.tsv") if r[0] == "stamp"))
_BODY = re.compile(rf"(?<!\w)(?:{_words('body')})\s*$")
_FURNITURE = re.compile(rf"(?<!\w)(?:{_words('furniture')})(?!\w)")
_RANGE = re.compile(r"(?<!\w)(?:من|بين)\s+\S+\s*$|^\s*(?:الى|إلى|حتى|و)\s")


@dataclass(frozen=True, slots=True)
class Published:
    date: str | None  # YYYY-MM-DD
    source: str  # metadata | stamp | dateline | none
    evidence: str | None = None  # the words it came from

    @property
    def confidence(self) -> float:
        return CONFIDENCE[self.source]


def infer_published(raw: str, given: str | None = None) -> Published:
    """The publication day of an article: ``given`` (metadata) when there is one, else what the page states."""
    if given:
        return Published(given[:10], "metadata", given)
    return _stamp(raw) or _dateline(raw) or Published(None, "none")


def _full(text: str):
    for d in find_dates(NormText(text), None):
        if d.kind in FULL_KINDS and d.precision == 1 and d.start_date and _has_year(d):
            yield d


def _has_year(d) -> bool:
    return d.kind != "abs_dmy" or bool(re.search(r"\d{4}", d.text))


def _stamp(raw: str) -> Published | None:
    """A publication line ("تم النشر بتاريخ ...", "آخر تحديث: ...") or a header/footer line that is only a date."""
    hint = _STAMP_HINT.search(raw)
    for m in (_STAMP.finditer(raw, hint.start()) if hint else ()):
        for d in _full(m.group(1)):
            return Published(d.start_date, "stamp", m.group(0).strip())
    lines = [ln.strip() for ln in raw.split("\n") if ln.strip()]
    for line in lines[:5] + lines[-5:]:
        if len(line) <= 40 and not _FURNITURE.search(normalize(line)):
            for d in _full(line):
                if len(d.text) >= len(line) * 0.6:
                    return Published(d.start_date, "stamp", line)
    return None


def _dateline(raw: str) -> Published | None:
    """The date that opens the article, before its first sentence ends: "دمشق - 12 آذار 2015 (رويترز) -"."""
    lead = raw.lstrip()[:200]
    end = min((i for i in (lead.find(". "), lead.find(".\n")) if i >= 0), default=len(lead))
    for d in _full(lead[:end]):
        before, after = normalize(lead[:d.start]), lead[d.end:d.end + 4]
        line = lead[lead.rfind("\n", 0, d.start) + 1:]
        if _BODY.search(before) or _RANGE.search(before) or _RANGE.search(after) or \
                _FURNITURE.search(normalize(line[:120])) or len(before.split()) > 8:
            return None  # the first full date is an event's or furniture: no dateline
        return Published(d.start_date, "dateline", lead[max(0, d.start - 40):d.end].strip())
    return None
