"""Claim check: is a claim supported or contradicted by what the stored outlets report?

1. *Read the claim*: its events coded with the same pipeline as an article (type, actors in their
   roles, place, date, toll, territory change), and what it asserts whatever it tells: its search
   terms (normalised, light-stemmed, weighted by inverse document frequency in the store), its
   numbers, whether it is itself a denial or hedged. ``--json`` shows all of it under ``read``.
2. *Find the reports*: BM25 over a full-text index of the stored reports (SQLite FTS5,
   :mod:`rasid.claims.index`, brought up to date incrementally), every claim searched, with or
   without a coded event.
3. *One stance per report* (:mod:`rasid.claims.stance`): agree / disagree / discuss / unrelated,
   from the sentences that match the claim (their share of its terms and word pairs; denial,
   relay and hedge wording around them), its numbers, and the events on both sides (same type and
   place; a territory change in the other direction contradicts).
4. *Verdict*: supported (agreeing reports, none contradicting), contradicted (the reverse),
   disputed (both), no evidence (neither); near-duplicate reports (``duplicate_of``) count once.
   The reports behind it are named, with each outlet's alignment where ``data/outlets.tsv`` has one.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field

from sqlalchemy import select

from .claims.index import Index
from .claims.stance import read_claim, read_report, stance
from .lexicon import Lexicon, default_lexicon
from .store import Store, documents, events

STANCE_LIST = {"agree": "supports", "disagree": "contradicts", "discuss": "discusses"}


@dataclass
class CheckResult:
    claim: str
    coded: list[dict]
    read: dict = field(default_factory=dict)
    supports: list[dict] = field(default_factory=list)
    contradicts: list[dict] = field(default_factory=list)
    discusses: list[dict] = field(default_factory=list)

    @staticmethod
    def _independent(items: list[dict]) -> list[dict]:
        seen, out = set(), []
        for i in items:
            k = i.get("duplicate_of") or i["doc_id"]
            if k not in seen:
                seen.add(k)
                out.append(i)
        return out

    @property
    def verdict(self) -> str:
        s, c = self._independent(self.supports), self._independent(self.contradicts)
        if s and c:
            return "disputed"
        if s:
            return "supported"
        if c:
            return "contradicted"
        return "no evidence"

    @property
    def reasons(self) -> list[str]:
        out = []
        for key, items in (("supports", self.supports), ("contradicts", self.contradicts)):
            ind = self._independent(items)
            if ind:
                names = ", ".join(sorted({i.get("outlet") or i["doc_id"] for i in ind}))
                out.append(f"{len(ind)} independent report(s) {key.rstrip('s')} it: {names}")
        return out or ["no stored report tells it"]

    def line(self) -> str:
        outlets = lambda xs: len({x.get("outlet") or x["doc_id"] for x in xs})  # noqa: E731
        s, c = self._independent(self.supports), self._independent(self.contradicts)
        return (f"{self.verdict}: {len(s)} supporting report(s) from {outlets(s)} outlet(s), "
                f"{len(c)} contradicting from {outlets(c)}, {len(self.discusses)} discussing")

    def as_dict(self) -> dict:
        return {"claim": self.claim, "verdict": self.verdict, "summary": self.line(), "reasons": self.reasons,
                "read": self.read, "coded": self.coded, "supports": self.supports, "contradicts": self.contradicts,
                "discusses": self.discusses}


_OUTLETS = None


def _alignment(outlet: str | None) -> str | None:
    """The side whose official voice the outlet is (``data/outlets.tsv``), else its base country."""
    global _OUTLETS
    from .reconcile import Outlets

    _OUTLETS = _OUTLETS or Outlets()
    o = _OUTLETS.get(outlet)
    if o is None:
        return None
    return o.belligerent or (f"based in {o.country}" if o.country else None)


def check(store: Store, text: str, *, published: str | None = None, pipeline=None,
          lexicon: Lexicon | None = None, limit: int = 30, use_model: bool = True) -> CheckResult:
    """Check ``text`` against the reports in ``store``; at most ``limit`` reports are read."""
    from . import get_pipeline

    lex = lexicon or default_lexicon()
    pipe = pipeline or get_pipeline()
    doc = pipe.text(text, published=published, outlet=None, doc_id="claim")
    coded = [e.record() for e in doc.events]
    index = Index(store)
    claim = read_claim(text, index.doc_freq, index.size(), coded)
    res = CheckResult(text, coded, read=claim.as_dict())
    hits = index.search(claim.terms, limit)
    if not hits:
        return res
    ids = [d for d, _ in hits]
    with store.engine.connect() as conn:
        docs = {r.doc_id: r for r in conn.execute(select(
            documents.c.doc_id, documents.c.title, documents.c.text, documents.c.outlet, documents.c.published,
            documents.c.duplicate_of).where(documents.c.doc_id.in_(ids)))}
        evs: dict[str, list[dict]] = {}
        for doc_id, rec in conn.execute(select(events.c.doc_id, events.c.record).where(events.c.doc_id.in_(ids))
                                        .order_by(events.c.doc_id, events.c.seq)):
            evs.setdefault(doc_id, []).append(json.loads(rec))
    top = hits[0][1] or 1.0
    for rank, (doc_id, score) in enumerate(hits):
        d = docs.get(doc_id)
        if d is None:
            continue
        r = read_report(claim, doc_id, d.title, d.text, evs.get(doc_id, []), bm25_rel=score / top,
                        rank_rel=1 - rank / max(len(hits), 1), lexicon=lex)
        label, p, how = stance(r.features, use_model)
        if label not in STANCE_LIST:
            continue
        getattr(res, STANCE_LIST[label]).append({
            "doc_id": doc_id, "outlet": d.outlet, "alignment": _alignment(d.outlet), "published": d.published,
            "duplicate_of": d.duplicate_of, "stance": label, "confidence": round(p, 3), "by": how,
            "why": "; ".join(r.why), "quote": r.quote[:400], "event_ids": [e["event_id"] for e in evs.get(doc_id, [])][:5],
        })
    return res
