"""Claim check: is a claim supported or contradicted by what the stored outlets report?

The claim is coded with the same pipeline as an article (actor, action,
place, time, toll). Each stored report event at a compatible place and time
then counts as:

- *contradicts*: it denies the claim, names a different (non-allied)
  perpetrator, gives a toll that differs by more than half, or the place was
  held by another actor on that day (control timeline);
- *supports*: a compatible event the outlet asserts or hedges;
- *discusses*: the outlet only relays others' claims, or tells another kind of
  event at that place and time.

Verdict: supported (support, no contradiction), contradicted (the reverse),
disputed (both), no evidence (neither). A claim that is itself a denial
("لم تقصف ...") swaps support and contradiction.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field

from sqlalchemy import select

from .control import control
from .lexicon import Lexicon, default_lexicon
from .reconcile import Report, places_near, types_compatible
from .store import Store, events


@dataclass
class CheckResult:
    claim: str
    coded: list[dict]
    supports: list[dict] = field(default_factory=list)
    contradicts: list[dict] = field(default_factory=list)
    discusses: list[dict] = field(default_factory=list)

    @property
    def verdict(self) -> str:
        if self.supports and self.contradicts:
            return "disputed"
        if self.supports:
            return "supported"
        if self.contradicts:
            return "contradicted"
        return "no evidence"

    def line(self) -> str:
        outlets = lambda xs: len({x["outlet"] for x in xs})  # noqa: E731
        if not self.coded:
            return "no evidence: no event could be read from the claim"
        return (f"{self.verdict}: {len(self.supports)} supporting report(s) from {outlets(self.supports)} outlet(s), "
                f"{len(self.contradicts)} contradicting from {outlets(self.contradicts)}, {len(self.discusses)} discussing")

    def as_dict(self) -> dict:
        return {"claim": self.claim, "verdict": self.verdict, "summary": self.line(), "coded": self.coded,
                "supports": self.supports, "contradicts": self.contradicts, "discusses": self.discusses}


def _item(e: dict, why: str) -> dict:
    ev = (e.get("evidence") or [{}])[0]
    return {"event_id": e["event_id"], "doc_id": e["doc_id"], "outlet": e.get("outlet"), "status": e.get("status"),
            "event_type": e.get("event_type"), "date": (e.get("date") or {}).get("start"), "why": why,
            "quote": ev.get("quote")}


def _toll(e: dict) -> int | None:
    return (e.get("fatalities") or {}).get("value")


def judge(claim: dict, e: dict, lex: Lexicon) -> tuple[str, str] | None:
    """How one stored report event bears on one coded claim event (None: it does not)."""
    c, r = Report.of(claim), Report.of(e)
    if c.places and not any(places_near(p, q) for p in c.places for q in r.places):
        return None
    if not c.places and not (c.actors & r.actors):
        return None
    if c.start is not None and (r.start is None or r.end < c.start or r.start > c.end):
        return None
    if not types_compatible(c.event_type, c.sub, r.event_type, r.sub, c.civ or r.civ):
        return ("discusses", f"another kind of event there: {r.event_type}")
    if e.get("status") == "denied":
        return ("contradicts", "the outlet denies it")
    a1c, a1r = (claim.get("actor1") or {}).get("id"), (e.get("actor1") or {}).get("id")
    if claim.get("event_type") != "Battles" and a1c and a1r and not lex.allied(a1c, a1r) and a1r not in c.actors:
        return ("contradicts", f"another perpetrator: {a1r}")
    tc, tr = _toll(claim), _toll(e)
    if tc is not None and tr is not None and max(tc, tr) > 0 and min(tc, tr) * 2 < max(tc, tr):
        return ("contradicts", f"another toll: {tr} killed")
    if e.get("status") == "reported_by_others":
        return ("discusses", "relays another outlet's claim")
    return ("supports", "hedged" if e.get("status") == "hedged" else "asserted")


def check(store: Store, text: str, *, published: str | None = None, pipeline=None,
          lexicon: Lexicon | None = None) -> CheckResult:
    from . import get_pipeline

    lex = lexicon or default_lexicon()
    pipe = pipeline or get_pipeline()
    doc = pipe.text(text, published=published, outlet=None, doc_id="claim")
    coded = [e.record() for e in doc.events]
    res = CheckResult(text, coded)
    if not coded:
        return res
    with store.engine.connect() as conn:
        stored = [json.loads(rec) for (rec,) in conn.execute(select(events.c.record).order_by(events.c.doc_id, events.c.seq))]
    timelines = None
    for claim in coded:
        found: dict[str, list] = {"supports": [], "contradicts": [], "discusses": []}
        for e in stored:
            v = judge(claim, e, lex)
            if v:
                found[v[0]].append(_item(e, v[1]))
        gained = (claim.get("territory") or {}).get("gained_by")
        if gained:
            timelines = timelines if timelines is not None else control(store, lex)
            found["contradicts"] += _held_by_others(claim, gained, timelines, lex)
        if claim.get("status") == "denied":
            found["supports"], found["contradicts"] = found["contradicts"], found["supports"]
        res.supports += found["supports"]
        res.contradicts += found["contradicts"]
        res.discusses += found["discusses"]
    return res


def _held_by_others(claim: dict, actor: str, timelines: list[dict], lex: Lexicon) -> list[dict]:
    """Stored claims that another actor held the claimed place on the claimed day."""
    out = []
    day = (claim.get("date") or {}).get("start")
    ids = {loc.get("gazetteer_id") for loc in claim.get("locations") or [] if loc.get("gazetteer_id")}
    for t in timelines:
        if not ids & ({t["place"].get("gazetteer_id")} | set(t["place"].get("also") or [])):
            continue
        for c in t["claims"]:
            if c["action"] in ("took", "holds") and not lex.allied(c["actor"], actor) and (day is None or c["date"] in (None, day)):
                out.append({"event_id": c["event_id"], "doc_id": c["doc_id"], "outlet": c["outlet"], "status": c["status"],
                            "event_type": None, "date": c["date"], "why": f"held by {c['actor']} ({c['action']})",
                            "quote": c["quote"]})
    return out
