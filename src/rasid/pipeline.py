"""The pipeline: small stages over a :class:`Document`, in the spirit of spaCy.

``clean`` turns a raw article into a Document; then each stage adds spans or
events: ``segment`` (sentences), ``match`` (normalised text and lexicon matches, shared by
the stages after it), ``geoparse`` (place mentions resolved to the
gazetteer), ``code`` (report events). A stage is any callable ``Document ->
Document``; users can insert their own.
"""
from __future__ import annotations

from typing import Callable

from .arabic import sentences
from .clean import clean
from .model import Document, RawArticle, Span

Stage = Callable[[Document], Document]


def match(doc: Document) -> Document:
    """The text layer once for all later stages: normalised text and every lexicon's matches."""
    from .arabic import NormText
    from .lexicon import default_lexicon

    lex = default_lexicon()
    doc.norm = NormText(doc.text)
    doc.matches = lex.text_matchers.find(doc.norm)
    return doc


def segment(doc: Document) -> Document:
    """Sentence spans over the cleaned text."""
    doc.spans.extend(Span(s.start, s.end, "sentence", s.text) for s in sentences(doc.text))
    return doc


class Pipeline:
    def __init__(self, gazetteer: str | bool | None = None, stages: list[tuple[str, Stage]] | None = None):
        if stages is None:
            from .events import EventCoder
            from .geo import Geoparser

            stages = [("segment", segment), ("match", match), ("geoparse", Geoparser(gazetteer)), ("code", EventCoder())]
        self.stages = stages

    @property
    def geoparser(self):
        return dict(self.stages).get("geoparse")

    def __call__(self, article: RawArticle) -> Document:
        doc = clean(article)
        return self.process(doc)

    def process(self, doc: Document) -> Document:
        for _name, stage in self.stages:
            doc = stage(doc)
        return doc

    def text(self, text: str, published: str | None = None, outlet: str | None = None, doc_id: str = "text") -> Document:
        return self(RawArticle(doc_id=doc_id, raw=text, source="<text>", outlet=outlet, published=published))
