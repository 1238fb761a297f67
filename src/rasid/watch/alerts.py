"""Alert rules over reconciled events: one alert per reconciled event and rule, written to
``alerts.jsonl`` (and the ``watch_alerts`` table, and optionally POSTed to a webhook), never repeated as
more outlets tell the event; an update (revision + 1) when its toll, grade or contradictions change.
Delivery goes through a queue in the store (``watch_outbox``), so a crash neither loses nor doubles one.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import signal
import time
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


def crash_point(name: str) -> None:
    """Test hook: with ``RASID_WATCH_CRASH=name`` the process kills itself (SIGKILL) here, at a point where
    a crash could lose or double an alert (tests/test_watch.py restarts it and counts the alerts)."""
    if os.environ.get("RASID_WATCH_CRASH") == name:
        os.kill(os.getpid(), signal.SIGKILL)


class Alerts:
    """Alert rules and their delivery. An alert revision is decided and queued (``watch_outbox``) in the
    transaction that records it; :meth:`deliver` then appends it to ``alerts.jsonl`` (exactly once: a
    line written by a watcher killed before it could mark it is recognised when it starts again) and
    POSTs it to the webhook (at least once, in order, with an ``Idempotency-Key``; a failing webhook is
    retried later with a doubling wait and never holds up the watcher for more than one timeout a round).
    """

    def __init__(self, rules: list[Rule], out: Path, geoparser=None, webhook: str | None = None, timeout: float = 5.0,
                 retry: float = 30.0, user_agent: str = "rasid"):
        self.rules, self.path, self.webhook, self.timeout = rules, Path(out) / "alerts.jsonl", webhook, timeout
        self.retry, self.user_agent = retry, user_agent
        self.points = {r.name: resolve(r, geoparser) for r in rules}
        self._recovered = False
        self._client = None

    def consider(self, conn, doc_ids: list[str]) -> list[dict]:
        """Fire or update alerts for the reconciled events holding reports of ``doc_ids``; the alerts queued."""
        if not self.rules or not doc_ids:
            return []
        sent = []
        for part in [doc_ids[i:i + 500] for i in range(0, len(doc_ids), 500)]:
            rids = select(recon_members.c.recon_id).where(recon_members.c.event_id.in_(
                select(events.c.event_id).where(events.c.doc_id.in_(part))))
            for (rec_json,) in conn.execute(select(reconciled.c.record).where(reconciled.c.recon_id.in_(rids))).all():
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
        record = json.dumps(alert, ensure_ascii=False)
        if row is None:
            conn.execute(insert(T.alerts).values(alert_id=aid, rule=rule.name, recon_id=rec["recon_id"], fired=now,
                                                 updated=now, revision=1, fingerprint=fp, record=record))
        else:
            conn.execute(update(T.alerts).where(T.alerts.c.alert_id == aid).values(
                updated=now, revision=alert["revision"], fingerprint=fp, record=record))
        conn.execute(insert(T.outbox).values(alert_id=aid, revision=alert["revision"], record=record, jsonl=0,
                                             webhook=0 if self.webhook else 1, attempts=0))
        return alert

    # -------------------------------------------------------------- delivery
    def deliver(self, engine) -> dict:
        """Append the queued alerts to alerts.jsonl, POST what is due to the webhook: {"jsonl": n, "posted": n,
        "failed": n}. Call it holding the store's writer lock (one watcher delivers at a time)."""
        done = {"jsonl": 0, "posted": 0, "failed": 0}
        if not self._recovered:
            self._recover(engine)
        with engine.connect() as c:
            rows = c.execute(select(T.outbox.c.id, T.outbox.c.record).where(T.outbox.c.jsonl == 0)
                             .order_by(T.outbox.c.id)).all()
        for oid, record in rows:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with open(self.path, "a", encoding="utf-8") as f:
                f.write(record + "\n")  # one line, one write
            crash_point("after_jsonl")
            with engine.begin() as c:
                c.execute(update(T.outbox).where(T.outbox.c.id == oid).values(jsonl=1))
            done["jsonl"] += 1
        if self.webhook:
            self._post_due(engine, done)
        with engine.begin() as c:  # delivered everywhere: the queue forgets it (watch_alerts keeps the alert)
            c.execute(T.outbox.delete().where(T.outbox.c.jsonl == 1, T.outbox.c.webhook == 1))
        return done

    def _recover(self, engine) -> None:
        """After a crash: cut a torn last line of alerts.jsonl, mark queued alerts already in it as written."""
        self._recovered = True
        with engine.connect() as c:
            todo = {(a, r): i for i, a, r in c.execute(select(T.outbox.c.id, T.outbox.c.alert_id, T.outbox.c.revision)
                                                         .where(T.outbox.c.jsonl == 0))}
        if not self.path.exists():
            return
        with open(self.path, "rb+") as f:
            size = f.seek(0, 2)
            if size:
                f.seek(max(0, size - 1))
                if f.read(1) != b"\n":  # killed mid-line: the line is cut off (it is written again)
                    f.seek(0)
                    data = f.read()
                    f.truncate(data.rfind(b"\n") + 1)
                    log.warning("alerts: a torn last line of %s removed", self.path)
        if not todo:
            return
        written = []
        with open(self.path, encoding="utf-8") as f:
            for line in f:
                try:
                    a = json.loads(line)
                except ValueError:
                    continue
                key = (a.get("alert_id"), a.get("revision"))
                if key in todo:
                    written.append(todo.pop(key))
        if written:
            with engine.begin() as c:
                c.execute(update(T.outbox).where(T.outbox.c.id.in_(written)).values(jsonl=1))

    def _post_due(self, engine, done: dict) -> None:
        import httpx

        if self._client is None:
            self._client = httpx.Client(timeout=self.timeout, follow_redirects=False,
                                        headers={"User-Agent": self.user_agent})
        while True:
            with engine.connect() as c:
                row = c.execute(select(T.outbox).where(T.outbox.c.webhook == 0).order_by(T.outbox.c.id).limit(1)).mappings().first()
            if row is None or (row["next_try"] and row["next_try"] > time.time()):
                return  # (in order: the oldest waits, the others wait behind it)
            error = None
            try:
                r = self._client.post(self.webhook, content=row["record"].encode("utf-8"),
                                      headers={"Content-Type": "application/json",
                                               "Idempotency-Key": f"{row['alert_id']}.{row['revision']}"})
                if not 200 <= r.status_code < 300:
                    error = f"HTTP {r.status_code}"
            except httpx.HTTPError as e:
                error = f"{type(e).__name__}: {str(e)[:200]}"
            if error is None:
                crash_point("after_post")
                with engine.begin() as c:
                    c.execute(update(T.outbox).where(T.outbox.c.id == row["id"]).values(webhook=1, error=None))
                done["posted"] += 1
                continue
            wait = min(self.retry * 2 ** row["attempts"], 3600.0)
            log.warning("alerts: webhook %s failed for alert %s revision %s (attempt %d): %s; next try in %.0f s",
                        self.webhook, row["alert_id"], row["revision"], row["attempts"] + 1, error, wait)
            with engine.begin() as c:
                c.execute(update(T.outbox).where(T.outbox.c.id == row["id"]).values(
                    attempts=row["attempts"] + 1, next_try=time.time() + wait, error=error))
            done["failed"] += 1
            return

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
