"""Typed records passed between pipeline stages.

A :class:`Document` carries the raw and cleaned text plus every span found in
it (always as character offsets into ``Document.text``), the way a spaCy ``Doc``
does. Stages add spans; the coder turns them into :class:`Event` records, which
serialise to the export contract in ``shared/spec/event-model.md``.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any


@dataclass(slots=True)
class Span:
    """A stretch of ``Document.text`` with a label and optional payload."""

    start: int
    end: int
    label: str
    text: str
    value: Any = None


@dataclass(slots=True)
class Removal:
    """A piece of page debris removed from the raw text, and why."""

    start: int
    end: int
    reason: str


@dataclass(slots=True)
class RawArticle:
    """One article as read from an input, before cleaning."""

    doc_id: str
    raw: str
    source: str  # path (and line) it came from
    outlet: str | None = None
    published: str | None = None
    title: str | None = None
    url: str | None = None
    is_html: bool = False
    raw_hash: str | None = None  # set by the runner: what a later run recognises this input by
    note: str | None = None  # what reading repaired (e.g. bad UTF-8 bytes replaced), reported in the run's notes


@dataclass
class Document:
    doc_id: str
    raw: str
    text: str
    source: str = ""
    outlet: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None
    language: str | None = None
    removed: list[Removal] = field(default_factory=list)
    # where ``published`` came from: "input" (the caller or the JSONL), "metadata" (HTML), "text" (a date
    # found in the page's header lines, which may be a later republication's)
    published_from: str | None = None
    # how the publication day was found (rasid.published): metadata | stamp | dateline | none, and the words
    published_source: str = "none"
    published_evidence: str | None = None
    duplicate_of: str | None = None
    content_hash: str = ""
    spans: list[Span] = field(default_factory=list)
    events: list["Event"] = field(default_factory=list)
    # the text layer, computed once by the pipeline's "match" stage and shared by later stages
    # (not part of any export): the normalised text and the lexicon matches over it
    norm: Any = field(default=None, repr=False, compare=False)
    matches: dict = field(default_factory=dict, repr=False, compare=False)

    def spans_of(self, label: str) -> list[Span]:
        return [s for s in self.spans if s.label == label]

    def record(self) -> dict:
        """The document record of the export contract."""
        return {
            "doc_id": self.doc_id,
            "outlet": self.outlet,
            "url": self.url,
            "title": self.title,
            "published": self.published,
            "published_source": self.published_source,
            "language": self.language,
            "text": self.text,
            "removed": [asdict(r) for r in self.removed],
            "duplicate_of": self.duplicate_of,
        }


@dataclass
class Event:
    """One report event: one thing that happened, as one article tells it."""

    event_id: str
    doc_id: str
    outlet: str | None
    event_type: str
    sub_event_type: str
    date: dict | None = None
    actor1: dict | None = None
    assoc_actor1: list[dict] = field(default_factory=list)
    actor2: dict | None = None
    assoc_actor2: list[dict] = field(default_factory=list)
    locations: list[dict] = field(default_factory=list)
    fatalities: dict | None = None
    injured: dict | None = None
    missing: dict | None = None
    territory: dict | None = None
    status: str = "asserted"
    attribution: dict | None = None
    framing: list[dict] = field(default_factory=list)
    evidence: list[dict] = field(default_factory=list)
    background: bool = False

    def record(self) -> dict:
        return asdict(self)

    def flat(self) -> dict:
        """The record without copying its values (they are JSON types already): for serialising at once."""
        return {f: getattr(self, f) for f in _EVENT_FIELDS}


_EVENT_FIELDS = tuple(f.name for f in fields(Event))
