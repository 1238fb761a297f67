"""Human review of coded events: confirm, correct a field, reject; merge and split reconciled events.

Every action is a new row in the ``reviews`` table (who, when, old and new value); nothing is
overwritten, so the trail is the audit. Exports read events through :func:`apply`, which
replays an event's reviews over the machine's record: corrections replace values, a rejection
leaves the event out, a confirmation is recorded as ``review.status``.
"""
from __future__ import annotations

import copy
import datetime as dt
import json
from collections import defaultdict

from sqlalchemy import insert, select, update

from .store import Store, recon_members, reviews

ACTIONS = ("confirm", "correct", "reject")
# the fields a reviewer may correct, and how a value is checked
FIELDS = {
    "event_type": str, "sub_event_type": str, "status": str, "actor1": str, "actor2": str,
    "date.start": str, "date.end": str, "fatalities.value": int, "location.name": str,
}
STATUSES = ("asserted", "hedged", "reported_by_others", "denied")


class ReviewError(ValueError):
    pass


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


def load_reviews(store: Store) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = defaultdict(list)
    with store.engine.connect() as c:
        for r in c.execute(select(reviews).where(reviews.c.target == "event").order_by(reviews.c.id)).mappings():
            out[r["target_id"]].append(dict(r))
    return out


def trail(store: Store, target_id: str | None = None) -> list[dict]:
    q = select(reviews).order_by(reviews.c.id)
    if target_id:
        q = q.where(reviews.c.target_id == target_id)
    with store.engine.connect() as c:
        return [{**dict(r), "old": json.loads(r["old"]) if r["old"] else None,
                 "new": json.loads(r["new"]) if r["new"] else None} for r in c.execute(q).mappings()]


def get_field(rec: dict, field: str):
    if field in ("actor1", "actor2"):
        return (rec.get(field) or {}).get("id")
    if field == "location.name":
        return ((rec.get("locations") or [{}])[0]).get("name")
    if "." in field:
        a, b = field.split(".")
        return (rec.get(a) or {}).get(b)
    return rec.get(field)


def set_field(rec: dict, field: str, value) -> None:
    if field in ("actor1", "actor2"):
        rec[field] = {"id": value, "text": (rec.get(field) or {}).get("text", "")} if value else None
    elif field == "location.name":
        locs = rec.setdefault("locations", []) or [{}]
        if not locs:
            locs.append({})
        locs[0]["name"] = value
        rec["locations"] = locs
    elif "." in field:
        a, b = field.split(".")
        rec[a] = dict(rec.get(a) or {})
        rec[a][b] = value
    else:
        rec[field] = value


def apply(rec: dict, revs: list[dict]) -> dict | None:
    """The record as reviewed (None when rejected); the machine's record itself is never changed."""
    if not revs:
        return rec
    rec = copy.deepcopy(rec)
    state = None
    for r in revs:
        if r["action"] == "reject":
            state = "rejected"
        elif r["action"] == "confirm":
            state = "confirmed"
        elif r["action"] == "correct":
            set_field(rec, r["field"], json.loads(r["new"]) if r["new"] else None)
            state = state if state == "rejected" else "corrected"
    if state == "rejected":
        return None
    rec["review"] = {"status": state, "by": revs[-1]["who"], "at": revs[-1]["at"]}
    return rec


def review_event(store: Store, event_id: str, action: str, who: str, field: str | None = None,
                 value=None, note: str | None = None) -> dict:
    """Record one review action on a report event; returns the event as now reviewed (None if rejected)."""
    from .store import events

    if action not in ACTIONS:
        raise ReviewError(f"action must be one of {', '.join(ACTIONS)}")
    if not who or not who.strip():
        raise ReviewError("who: the reviewer's name is required")
    with store.engine.begin() as c:
        row = c.execute(select(events.c.record).where(events.c.event_id == event_id)).first()
        if row is None:
            raise KeyError(event_id)
        current = apply(json.loads(row[0]), load_reviews(store).get(event_id, [])) or json.loads(row[0])
        old = new = None
        if action == "correct":
            if field not in FIELDS:
                raise ReviewError(f"field must be one of {', '.join(FIELDS)}")
            try:
                value = FIELDS[field](value) if value not in (None, "") else None
            except (TypeError, ValueError):
                raise ReviewError(f"{field}: not a valid value: {value!r}")
            if field == "status" and value not in STATUSES:
                raise ReviewError(f"status must be one of {', '.join(STATUSES)}")
            old, new = get_field(current, field), value
        c.execute(insert(reviews).values(target="event", target_id=event_id, action=action, field=field,
                                         old=json.dumps(old, ensure_ascii=False) if old is not None else None,
                                         new=json.dumps(new, ensure_ascii=False) if new is not None else None,
                                         who=who.strip(), at=_now(), note=note))
        rec = json.loads(row[0])
    return apply(rec, load_reviews(store).get(event_id, []))


def merge_reconciled(store: Store, into: str, other: str, who: str) -> None:
    """Move every report of ``other`` into ``into`` (a reviewer says they are one event)."""
    from .reconcile import RecordBuilder, _rebuild

    if into == other:
        raise ReviewError("cannot merge an event with itself")
    with store.engine.begin() as c:
        moved = [e for (e,) in c.execute(select(recon_members.c.event_id).where(recon_members.c.recon_id == other))]
        if not moved:
            raise KeyError(other)
        c.execute(update(recon_members).where(recon_members.c.recon_id == other).values(recon_id=into))
        c.execute(insert(reviews).values(target="reconciled", target_id=into, action="merge", field="reports",
                                         old=json.dumps(other), new=json.dumps(moved), who=who, at=_now()))
        _rebuild(c, [into, other], RecordBuilder())


def split_reconciled(store: Store, recon_id: str, event_id: str, who: str) -> str:
    """Take one report out of a reconciled event into one of its own; returns the new id."""
    import hashlib

    from .reconcile import RecordBuilder, _rebuild

    with store.engine.begin() as c:
        row = c.execute(select(recon_members.c.recon_id).where(recon_members.c.event_id == event_id)).first()
        if row is None or row[0] != recon_id:
            raise KeyError(event_id)
        n = c.execute(select(recon_members.c.event_id).where(recon_members.c.recon_id == recon_id)).all()
        if len(n) < 2:
            raise ReviewError("a reconciled event of one report cannot be split")
        new_id = "r" + hashlib.sha1(f"split:{event_id}".encode()).hexdigest()[:15]
        c.execute(update(recon_members).where(recon_members.c.event_id == event_id).values(recon_id=new_id))
        c.execute(insert(reviews).values(target="reconciled", target_id=recon_id, action="split", field="reports",
                                         old=json.dumps(event_id), new=json.dumps(new_id), who=who, at=_now()))
        _rebuild(c, [recon_id, new_id], RecordBuilder())
    return new_id
