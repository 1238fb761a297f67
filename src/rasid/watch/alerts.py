"""Alert rules over reconciled events: one alert per reconciled event and rule, written to
``alerts.jsonl`` (and the ``watch_alerts`` table, and optionally POSTed to a webhook), never repeated as
more outlets tell the event; an update (revision + 1) when its toll, grade or contradictions change.
"""
from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path

from sqlalchemy import insert, select, update

from ..geo import geo_key, haversine
from ..store import events, recon_members, reconciled
from . import tables as T
from .config import Rule

log = logging.getLogger("rasid.watch")


def resolve(rule: Rule, geoparser=None) -> tuple[float, float] | None:
    """The rule's point: its lat/lon, else its gazetteer id's or place name's place in the gazetteer."""
    if rule.lat is not None:
        return rule.lat, rule.lon
    gaz = getattr(geoparser, "gaz", None)
    if gaz is None:
        return None
    if rule.gazetteer_id:
        p = next((p for p in gaz.places if p.id == rule.gazetteer_id), None)
        return (p.lat, p.lon) if p else None
    if rule.place:
        from ..geo import fold
        from ..lexicon import normalize

        idx = gaz.names.get(fold(normalize(rule.place))) or []
        if idx:
            p = max((gaz.places[i] for i in idx), key=lambda p: p.importance())
            return p.lat, p.lon
    return None


def matches(rule: Rule, rec: dict, point: tuple[float, float] | None) -> list[str]:
    """Why ``rec`` meets every condition of ``rule`` (one reason each), or [] when one fails."""
    why = []
    if rule.place or rule.gazetteer_id or rule.lat is not None:
        hit = None
        for loc in rec.get("locations") or []:
            if rule.gazetteer_id and loc.get("gazetteer_id") == rule.gazetteer_id:
                hit = f"at {rule.gazetteer_id}"
            elif rule.place and geo_key(loc.get("name_ar") or loc.get("name") or "") == geo_key(rule.place):
                hit = f"at {rule.place}"
            elif point and rule.within_km and loc.get("lat") is not None:
                km = haversine(point, (loc["lat"], loc["lon"]))
                if km <= rule.within_km:
                    hit = f"{km:.1f} km from {rule.place or rule.gazetteer_id or point}"
            if hit:
                break
        if not hit:
            return []
        why.append(hit)
    if rule.actor:
        if rule.actor not in (rec.get("actor1"), rec.get("actor2")):
            return []
        why.append(f"actor {rule.actor}")
    if rule.event_type:
        if rule.event_type not in (rec.get("event_type"), rec.get("sub_event_type")):
            return []
        why.append(rule.event_type)
    if rule.min_fatalities is not None:
        best = ((rec.get("fatalities") or {}).get("best") or {}).get("value")
        if best is None or best < rule.min_fatalities:
            return []
        why.append(f"toll {best} >= {rule.min_fatalities}")
    if rule.status == "denied":
        if not any(r.get("status") == "denied" for r in rec.get("reports") or []):
            return []
        why.append("denied by an outlet")
    if rule.territory:
        if not rec.get("territory"):
            return []
        why.append("territory changed hands")
    if rule.contradiction:
        if not rec.get("contradictions"):
            return []
        why.append(f"{len(rec['contradictions'])} contradiction(s)")
    return why


def fingerprint(rule: Rule, rec: dict) -> str:
    """What an update is about: the tolls, the grade and (for a contradiction rule) the contradictions."""
    f = rec.get("fatalities") or {}
    parts = {"toll": [(f.get(k) or {}).get("value") for k in ("low", "best", "high")], "grade": rec.get("grade")}
    if rule.contradiction:
        parts["contradictions"] = len(rec.get("contradictions") or [])
    return json.dumps(parts, sort_keys=True)


class Alerts:
    def __init__(self, rules: list[Rule], out: Path, geoparser=None, webhook: str | None = None, timeout: float = 5.0):
        self.rules, self.path, self.webhook, self.timeout = rules, Path(out) / "alerts.jsonl", webhook, timeout
        self.points = {r.name: resolve(r, geoparser) for r in rules}

    def consider(self, conn, doc_ids: list[str]) -> list[dict]:
        """Fire or update alerts for the reconciled events holding reports of ``doc_ids``; the alerts sent."""
        if not self.rules or not doc_ids:
            return []
        rids = select(recon_members.c.recon_id).where(recon_members.c.event_id.in_(
            select(events.c.event_id).where(events.c.doc_id.in_(doc_ids))))
        sent = []
        for (rec_json,) in conn.execute(select(reconciled.c.record).where(reconciled.c.recon_id.in_(rids))):
            rec = json.loads(rec_json)
            for rule in self.rules:
                why = matches(rule, rec, self.points[rule.name])
                if why:
                    a = self._one(conn, rule, rec, why)
                    if a:
                        sent.append(a)
        return sent

    def _one(self, conn, rule: Rule, rec: dict, why: list[str]) -> dict | None:
        aid = hashlib.sha1(f"{rule.name}\0{rec['recon_id']}".encode()).hexdigest()[:16]
        fp = fingerprint(rule, rec)
        row = conn.execute(select(T.alerts).where(T.alerts.c.alert_id == aid)).mappings().first()
        if row is not None and row["fingerprint"] == fp:
            return None
        now = T.now()
        best = ((rec.get("fatalities") or {}).get("best") or {}).get("value")
        alert = {"alert_id": aid, "kind": "new" if row is None else "update", "revision": 1 if row is None else row["revision"] + 1,
                 "rule": rule.name, "why": why, "recon_id": rec["recon_id"], "event_type": rec.get("event_type"),
                 "date": rec.get("date"), "place": [loc.get("name_ar") or loc.get("name") for loc in rec.get("locations") or []][:3],
                 "actor1": rec.get("actor1"), "actor2": rec.get("actor2"), "fatalities": best, "grade": rec.get("grade"),
                 "outlets": rec.get("outlets"), "at": now}
        if row is None:
            conn.execute(insert(T.alerts).values(alert_id=aid, rule=rule.name, recon_id=rec["recon_id"], fired=now,
                                                 updated=now, revision=1, fingerprint=fp, record=json.dumps(alert, ensure_ascii=False)))
        else:
            conn.execute(update(T.alerts).where(T.alerts.c.alert_id == aid).values(
                updated=now, revision=alert["revision"], fingerprint=fp, record=json.dumps(alert, ensure_ascii=False)))
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path, "a", encoding="utf-8") as f:
            f.write(json.dumps(alert, ensure_ascii=False) + "\n")
        if self.webhook:
            import httpx

            try:
                httpx.post(self.webhook, json=alert, timeout=self.timeout)
            except httpx.HTTPError as e:
                log.warning("alerts: webhook %s failed: %s", self.webhook, e)
        return alert
