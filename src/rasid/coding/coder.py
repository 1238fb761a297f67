"""The coder: a pipeline stage that runs the components over a document.

``EventCoder()(doc)`` sets ``doc.events``: the document's context is read once (:mod:`.context`), each
clause gives at most one mention (:mod:`.clauses`), and mentions of the same event merge into report
events (:mod:`.merge`). ``EventCoder(trace=True)`` also keeps, in ``coder.trace``, the rules that fired for
the last document (``rasid explain``).
"""
from __future__ import annotations

from ..arabic import NormText
from ..lexicon import Lexicon, default_lexicon
from ..model import Document
from .clauses import mentions
from .context import DocContext
from .merge import merge
from .rules import Trace


class EventCoder:
    """Pipeline stage: ``doc.events`` from the cleaned text and its spans."""

    def __init__(self, lexicon: Lexicon | None = None, trace: bool = False):
        self.lex = lexicon or default_lexicon()
        self.tracing = trace
        self.trace: Trace | None = None

    def __call__(self, doc: Document) -> Document:
        nt = doc.norm if doc.norm is not None else NormText(doc.text)
        trace = self.trace = Trace() if self.tracing else None
        ctx = DocContext(doc, nt, self.lex, trace)
        doc.events = merge(doc, ctx, mentions(ctx))
        return doc
