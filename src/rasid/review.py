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
import re
from collections import defaultdict

from sqlalchemy import func, insert, select, update

from .store import Store, recon_members, reviews

ACTIONS = ("confirm", "correct", "reject")
# the fields a reviewer may correct (each value is checked by `validate` before it is stored)
FIELDS = ("event_type", "sub_event_type", "status", "actor1", "actor2", "date.start", "date.end",
          "fatalities.value", "location.name", "location.gazetteer_id")
STATUSES = ("asserted", "hedged", "reported_by_others", "denied")
# ACLED's taxonomy as ../shared/spec/event-model.md gives it (exact strings; tests compare the two)
TAXONOMY = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": ("Air/drone strike", "Shelling/artillery/missile attack", "Remote explosive/landmine/IED",
                                   "Suicide bomb", "Grenade", "Chemical weapon"),
    "Violence against civilians": ("Attack", "Abduction/forced disappearance", "Sexual violence"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": ("Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                               "Headquarters or base established", "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"),
}
TYPE_OF = {sub: t for t, subs in TAXONOMY.items() for sub in subs}
# size limits on what a reviewer types
MAX_VALUE = 200
MAX_NOTE = 2000
MAX_FATALITIES = 100_000
MIN_YEAR, MAX_YEAR = 1900, 2100


class ReviewError(ValueError):
    pass


def _actor_ids() -> set[str]:
    from .lexicon import default_lexicon

    return set(default_lexicon().actors)


def _place_value(value) -> dict:
    """A place as stored by a `location.gazetteer_id` correction, checked."""
    if not isinstance(value, dict) or not isinstance(value.get("gazetteer_id"), str):
        raise ReviewError("location.gazetteer_id: not a gazetteer place")
    lat, lon = value.get("lat"), value.get("lon")
    if not (isinstance(lat, (int, float)) and isinstance(lon, (int, float)) and -90 <= lat <= 90 and -180 <= lon <= 180):
        raise ReviewError("location.gazetteer_id: a place without valid coordinates")
    return {k: value.get(k) for k in ("gazetteer_id", "name", "name_ar", "lat", "lon", "admin1")}


def validate(rec: dict, field: str, value, place=None, replay: bool = False):
    """``value`` checked and normalised for ``field`` of the event ``rec`` (as now reviewed).

    Raises ReviewError with a message a reviewer can act on. None (an empty value) clears a field
    where the event model allows it (actor2, dates, a toll, a place name). ``place``: a function from
    a gazetteer id to the place (a dict), for `location.gazetteer_id`; as stored (``replay``: read back
    from the trail), that value is the place itself.
    """
    import datetime as dt

    if field not in FIELDS:
        raise ReviewError(f"field must be one of {', '.join(FIELDS)}")
    if field == "location.gazetteer_id":
        if replay:  # the place as the correction stored it
            return _place_value(value)
        if not isinstance(value, str) or not value.strip() or len(value) > MAX_VALUE:
            raise ReviewError("location.gazetteer_id: a gazetteer id (e.g. geonames:170063) is required")
        if place is None:
            raise ReviewError("location.gazetteer_id: no gazetteer to check the id against")
        found = place(value.strip())
        if found is None:
            raise ReviewError(f"location.gazetteer_id: {value.strip()!r} is not a place of the gazetteer")
        return _place_value(found)
    if isinstance(value, str):
        value = value.strip()
        if value == "":
            value = None
        elif len(value) > MAX_VALUE:
            raise ReviewError(f"{field}: a value is at most {MAX_VALUE} characters")
    if value is None:
        if field in ("event_type", "sub_event_type", "status", "actor1"):
            raise ReviewError(f"{field}: a value is required")
        return None
    if field in ("fatalities.value",):
        if isinstance(value, bool) or not isinstance(value, (int, str)):
            raise ReviewError(f"{field}: a whole number of people is required, not {value!r}")
        if isinstance(value, str) and not (value.isascii() and value.isdigit()):
            raise ReviewError(f"{field}: a whole number of people (0 or more) is required, not {value!r}")
        value = int(value)
        if not 0 <= value <= MAX_FATALITIES:
            raise ReviewError(f"{field}: must be between 0 and {MAX_FATALITIES:,}")
        return value
    if not isinstance(value, str):
        raise ReviewError(f"{field}: a text value is required, not {type(value).__name__}")
    if field == "event_type":
        if value not in TAXONOMY:
            raise ReviewError(f"event_type must be one of {', '.join(TAXONOMY)}")
        sub = rec.get("sub_event_type")
        if sub and sub not in TAXONOMY[value]:
            raise ReviewError(f"sub_event_type {sub!r} is not a kind of {value}: correct sub_event_type instead "
                              f"({', '.join(TAXONOMY[value])}); the event type follows it")
    elif field == "sub_event_type":
        if value not in TYPE_OF:
            raise ReviewError(f"sub_event_type must be one of ACLED's sub-event types: {', '.join(TYPE_OF)}")
    elif field == "status":
        if value not in STATUSES:
            raise ReviewError(f"status must be one of {', '.join(STATUSES)}")
    elif field in ("actor1", "actor2"):
        if value not in _actor_ids():
            raise ReviewError(f"{field}: {value!r} is not an actor id of data/actors.tsv (e.g. ISIS, SDF, Syrian government forces)")
    elif field in ("date.start", "date.end"):
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            raise ReviewError(f"{field}: not a YYYY-MM-DD date: {value!r}")
        if len(value) != 10 or not MIN_YEAR <= day.year <= MAX_YEAR:
            raise ReviewError(f"{field}: a YYYY-MM-DD date between {MIN_YEAR} and {MAX_YEAR} is required")
        value = day.isoformat()
        d = rec.get("date") or {}
        if field == "date.start" and d.get("end") and value > d["end"]:
            raise ReviewError(f"date.start {value} is after date.end {d['end']}: correct date.end first")
        if field == "date.end" and d.get("start") and value < d["start"]:
            raise ReviewError(f"date.end {value} is before date.start {d['start']}: correct date.start first")
    elif field == "location.name":
        if any(ord(ch) < 32 for ch in value):
            raise ReviewError(f"{field}: control characters are not allowed")
    return value


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


def load_reviews(store: Store) -> dict[str, list[dict]]:
    """Event id -> its review rows in the order made, with those it carries from the events of an
    article's earlier versions (see :func:`carry`)."""
    with store.engine.connect() as c:
        return event_reviews(c)


def event_reviews(conn, ids=None) -> dict[str, list[dict]]:
    """Event id -> its review rows in the order made, the rows carried from earlier versions of the
    event included (transitively); ``ids``: only these events (None: every reviewed one)."""
    by_id: dict[str, list[dict]] = defaultdict(list)
    q = select(reviews).where(reviews.c.target == "event").order_by(reviews.c.id)
    if ids is not None:
        ids = list(ids)
        if not ids:
            return {}
        lineage = _lineage(conn)
        wanted = _ancestry(ids, lineage)
        rows = []
        wl = sorted(wanted)
        for i in range(0, len(wl), 500):
            rows += conn.execute(q.where(reviews.c.target_id.in_(wl[i:i + 500]))).mappings().all()
        rows.sort(key=lambda r: r["id"])
    else:
        rows = conn.execute(q).mappings().all()
        lineage = _lineage(conn)
    for r in rows:
        by_id[r["target_id"]].append(dict(r))
    if not lineage:
        return dict(by_id) if ids is None else {k: by_id[k] for k in ids if k in by_id}
    out = {}
    for eid in (set(by_id) | set(lineage)) if ids is None else ids:
        got: dict[int, dict] = {}
        for x in _ancestry([eid], lineage):
            for r in by_id.get(x, ()):
                got[r["id"]] = r
        if got:
            out[eid] = [got[k] for k in sorted(got)]
    return out


def _lineage(conn) -> dict[str, list[str]]:
    """Event id -> the ids of the earlier versions whose decisions it carries (from the ``carry`` rows)."""
    out: dict[str, list[str]] = defaultdict(list)
    for r in conn.execute(select(reviews.c.target_id, reviews.c.old, reviews.c.new).where(
            reviews.c.target == "event", reviews.c.action == CARRY)):
        try:
            old, new = json.loads(r[1] or "null"), json.loads(r[2] or "null")
        except ValueError:
            continue
        if isinstance(old, dict) and isinstance(new, dict) and new.get("event_id") == r[0] and old.get("event_id"):
            out[r[0]].append(old["event_id"])
    return out


def _ancestry(ids, lineage: dict[str, list[str]]) -> set[str]:
    """``ids`` and every earlier version they carry decisions from (cycles, as when an edit is undone, end)."""
    seen, stack = set(ids), list(ids)
    while stack:
        for y in lineage.get(stack.pop(), ()):
            if y not in seen:
                seen.add(y)
                stack.append(y)
    return seen


def trail(store: Store, target_id: str | None = None) -> list[dict]:
    """Every review row (of one target: with those its earlier versions carry) in the order made."""
    q = select(reviews).order_by(reviews.c.id)
    with store.engine.connect() as c:
        if target_id:
            q = q.where(reviews.c.target_id.in_(sorted(_ancestry([target_id], _lineage(c)))))
        return [{**dict(r), "old": json.loads(r["old"]) if r["old"] else None,
                 "new": json.loads(r["new"]) if r["new"] else None} for r in c.execute(q).mappings()]


# ------------------------------------------------------------------ decisions that outlive an edit
# When an article is stored again with another text (a correction by its outlet, a re-scrape), its
# events are coded afresh. Each event of the old version that a reviewer decided on (a review, or a
# report moved by a merge or split) is matched to an event of the new version, and a ``carry`` row
# (target the new event, ``old``/``new`` sketches of both, ``field`` how they matched) makes the new
# event inherit the old one's decisions. ``field``: "same" (same type, same clause text once
# normalised: nothing to check), "edited" (same type, the clause's words overlap by SIMILAR or
# more), "retyped" (the clause matches but the event is now of another type). Both ask a reviewer for
# a second look, as does "lost" (no event of the new version matches: target the old id, ``new``
# null): the decision is kept in the trail, never silently dropped. See :func:`flags`.
CARRY = "carry"
CARRY_KINDS = ("same", "edited", "retyped", "lost")
SIMILAR = 0.5
_WORD = re.compile(r"\w+")


def _words(rec: dict) -> list[str]:
    from .arabic import normalize

    quotes = " ".join((ev or {}).get("quote") or "" for ev in rec.get("evidence") or [])
    return _WORD.findall(normalize(quotes))


def _sketch(rec: dict) -> dict:
    return {"event_id": rec.get("event_id"), "event_type": rec.get("event_type"),
            "sub_event_type": rec.get("sub_event_type"), "date": (rec.get("date") or {}).get("start"),
            "quote": (((rec.get("evidence") or [{}])[0]).get("quote") or "")[:300]}


def decided(conn, ids) -> set[str]:
    """The events among ``ids`` with a decision: a review (or decisions carried to them), or a report
    moved by a reviewer's merge or split."""
    ids = list(ids)
    out: set[str] = set()
    for i in range(0, len(ids), 500):
        part = ids[i:i + 500]
        out.update(t for (t,) in conn.execute(select(reviews.c.target_id).where(
            reviews.c.target == "event", reviews.c.target_id.in_(part)).distinct()))
    wanted = set(ids)
    for a in conn.execute(select(reviews.c.action, reviews.c.old, reviews.c.new).where(reviews.c.target == "reconciled")):
        try:
            old, new = json.loads(a[1] or "null"), json.loads(a[2] or "null")
        except ValueError:
            continue
        named = new if a[0] == "merge" and isinstance(new, list) else [old] if a[0] == "split" else []
        out.update(e for e in named if isinstance(e, str) and e in wanted)
    return out


def carry(conn, doc_id: str, old: list[dict], new: list[dict]) -> list[dict]:
    """Carry reviewers' decisions from the events ``old`` of a document's stored version to its new
    events ``new`` (records; inside the caller's transaction, before the old rows are gone or after).
    Returns the ``carry`` rows written (none where no decided event changed its id)."""
    new_by_id = {n["event_id"]: n for n in new}
    made = decided(conn, [o["event_id"] for o in old])
    if not made:
        return []
    todo = [o for o in old if o["event_id"] in made and o["event_id"] not in new_by_id]
    # an event that kept its id keeps its decisions; if the words of its evidence changed, a second look
    kept = [(o, new_by_id[o["event_id"]]) for o in old if o["event_id"] in made and o["event_id"] in new_by_id
            and _words(o) != _words(new_by_id[o["event_id"]])]
    old_ids = {o["event_id"] for o in old}
    free = [n for n in new if n["event_id"] not in old_ids]  # (an event that kept its id keeps its decisions)
    words = {id(n): _words(n) for n in free}
    pairs = []
    for i, o in enumerate(todo):
        ow = _words(o)
        os_ = set(ow)
        for j, n in enumerate(free):
            nw = words[id(n)]
            same_type = (o.get("event_type"), o.get("sub_event_type")) == (n.get("event_type"), n.get("sub_event_type"))
            if ow == nw:
                score = 2.0
            else:
                ns = set(nw)
                score = len(os_ & ns) / max(len(os_ | ns), 1)
                if score < SIMILAR:
                    continue
            # the same type first, then the closer text, then the nearer place in the article
            pairs.append((-(score + (1.0 if same_type else 0.0)), abs(i - j), i, j, ow == nw, same_type))
    pairs.sort()
    got: dict[int, tuple] = {}
    taken: set[int] = set()
    for _neg, _d, i, j, exact, same_type in pairs:
        if i in got or j in taken:
            continue
        got[i] = (j, "same" if exact and same_type else "edited" if same_type else "retyped")
        taken.add(j)
    rows, at = [], _now()
    for o, n in kept:
        rows.append({"target_id": n["event_id"], "field": "edited", "old": _sketch(o), "new": _sketch(n),
                     "note": "the article was edited and this event's evidence with it: check its decisions still hold"})
    for i, o in enumerate(todo):
        oid = o["event_id"]
        if i in got:
            n = free[got[i][0]]
            how = got[i][1]
            note = {"same": f"decisions on {oid} carried: the article was edited elsewhere, this clause is unchanged",
                    "edited": f"decisions on {oid} carried to this event, whose clause was edited: check they still hold",
                    "retyped": f"decisions on {oid} ({o.get('sub_event_type')}) carried to this event, now coded "
                               f"{n.get('sub_event_type')}: check they still hold"}[how]
            rows.append({"target_id": n["event_id"], "field": how, "old": _sketch(o), "new": _sketch(n), "note": note})
        else:
            rows.append({"target_id": oid, "field": "lost", "old": _sketch(o), "new": None,
                         "note": f"the article {doc_id} was edited and no event of its new version matches {oid}: "
                                 "its decisions apply to nothing now; review the article's events again"})
    for r in rows:
        conn.execute(insert(reviews).values(
            target="event", target_id=r["target_id"], action=CARRY, field=r["field"],
            old=json.dumps(r["old"], ensure_ascii=False), new=json.dumps(r["new"], ensure_ascii=False) if r["new"] else None,
            who="rasid", at=at, note=r["note"]))
    return rows


def flags(store: Store) -> list[dict]:
    """Carried decisions that ask a reviewer for a second look ("edited", "retyped", "lost"), newest
    first; one is settled by a later review of its event (a "lost" one stays listed)."""
    with store.engine.connect() as c:
        rows = c.execute(select(reviews).where(reviews.c.target == "event", reviews.c.action == CARRY,
                                               reviews.c.field != "same").order_by(reviews.c.id.desc())).mappings().all()
        if not rows:
            return []
        last = dict(c.execute(select(reviews.c.target_id, func.max(reviews.c.id)).where(
            reviews.c.target == "event", reviews.c.action.in_(ACTIONS)).group_by(reviews.c.target_id)).all())
    return [{**dict(r), "old": json.loads(r["old"]) if r["old"] else None, "new": json.loads(r["new"]) if r["new"] else None}
            for r in rows if last.get(r["target_id"], 0) < r["id"]]


def get_field(rec: dict, field: str):
    if field == "location.gazetteer_id":
        loc = (rec.get("locations") or [{}])[0]
        return {k: loc.get(k) for k in ("gazetteer_id", "name", "name_ar", "lat", "lon", "admin1")} if loc.get("gazetteer_id") else None
    if field in ("actor1", "actor2"):
        return (rec.get(field) or {}).get("id")
    if field == "location.name":
        return ((rec.get("locations") or [{}])[0]).get("name")
    if "." in field:
        a, b = field.split(".")
        return (rec.get(a) or {}).get(b)
    return rec.get(field)


def set_field(rec: dict, field: str, value) -> None:
    if field == "location.gazetteer_id":  # the first location becomes the gazetteer's place, at the town itself
        locs = list(rec.get("locations") or []) or [{}]
        locs[0] = {**locs[0], **value, "geo_precision": 1}
        rec["locations"] = locs
    elif field in ("actor1", "actor2"):
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
        if field == "sub_event_type" and value in TYPE_OF:  # the type follows its sub-type
            rec["event_type"] = TYPE_OF[value]


def apply(rec: dict, revs: list[dict]) -> dict | None:
    """The record as reviewed (None when rejected); the machine's record itself is never changed."""
    revs = [r for r in revs if r["action"] != CARRY]  # (a carry row links versions; it decides nothing)
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
            try:  # a value stored before corrections were validated is left out, never trusted
                value = validate(rec, r["field"], json.loads(r["new"]) if r["new"] else None, replay=True)
            except (ReviewError, ValueError):
                continue
            set_field(rec, r["field"], value)
            state = state if state == "rejected" else "corrected"
    if state == "rejected":
        return None
    rec["review"] = {"status": state, "by": revs[-1]["who"], "at": revs[-1]["at"]}
    return rec


# seconds a review waits for the store's writer (a `rasid run`, `reconcile` ...) before StoreBusy
REVIEW_WAIT = 5.0


def review_event(store: Store, event_id: str, action: str, who: str, field: str | None = None,
                 value=None, note: str | None = None, place=None, wait: float | None = None) -> dict:
    """Record one review action on a report event; returns the event as now reviewed (None if rejected).

    Written under the store's writer lock (:meth:`Store.writer`): while a run or another writer holds
    it, this waits up to ``wait`` seconds (None: REVIEW_WAIT), then raises :class:`rasid.store.StoreBusy` naming the holder."""
    with store.writer("rasid review", wait=REVIEW_WAIT if wait is None else wait):
        return _review_event(store, event_id, action, who, field, value, note, place)


def _review_event(store: Store, event_id: str, action: str, who: str, field, value, note, place) -> dict:
    from .store import events

    if action not in ACTIONS:
        raise ReviewError(f"action must be one of {', '.join(ACTIONS)}")
    _check_who(who)
    if note is not None and not isinstance(note, str):
        raise ReviewError("note: a text is required")
    if note and len(note) > MAX_NOTE:
        raise ReviewError(f"note: at most {MAX_NOTE} characters (this one has {len(note):,})")
    note = (note or "").strip() or None
    if action != "correct" and (field or value not in (None, "")):
        field = value = None  # a confirmation or a rejection changes no field
    with store.engine.begin() as c:
        row = c.execute(select(events.c.record).where(events.c.event_id == event_id)).first()
        if row is None:
            raise KeyError(event_id)
        current = apply(json.loads(row[0]), event_reviews(c, [event_id]).get(event_id, [])) or json.loads(row[0])
        old = new = None
        if action == "correct":
            value = validate(current, field, value, place)
            old, new = get_field(current, field), value
        c.execute(insert(reviews).values(target="event", target_id=event_id, action=action, field=field,
                                         old=json.dumps(old, ensure_ascii=False) if old is not None else None,
                                         new=json.dumps(new, ensure_ascii=False) if new is not None else None,
                                         who=who.strip(), at=_now(), note=note))
        store.refresh_event_rows(c, [event_id])  # the flat, reviewed row the web app filters on
        rec = json.loads(row[0])
        revs = event_reviews(c, [event_id]).get(event_id, [])
    return apply(rec, revs)


def _check_who(who) -> None:
    if not isinstance(who, str) or not who.strip():
        raise ReviewError("who: the reviewer's name is required")
    if len(who) > MAX_VALUE:
        raise ReviewError(f"who: at most {MAX_VALUE} characters")


def merge_reconciled(store: Store, into: str, other: str, who: str, wait: float | None = None) -> None:
    """Move every report of ``other`` into ``into`` (a reviewer says they are one event); under the
    writer lock like :func:`review_event`."""
    with store.writer("rasid review", wait=REVIEW_WAIT if wait is None else wait):
        _merge_reconciled(store, into, other, who)


def _merge_reconciled(store: Store, into: str, other: str, who: str) -> None:
    from .reconcile import RecordBuilder, _rebuild

    from .store import reconciled

    _check_who(who)
    if not isinstance(other, str) or not other.strip():
        raise ReviewError("other: the id of the reconciled event to merge into this one is required")
    other = other.strip()
    if into == other:
        raise ReviewError("cannot merge an event with itself")
    with store.engine.begin() as c:
        for rid in (into, other):  # merges only between reconciled events that exist
            if c.execute(select(reconciled.c.recon_id).where(reconciled.c.recon_id == rid)).first() is None:
                raise KeyError(rid)
        moved = [e for (e,) in c.execute(select(recon_members.c.event_id).where(recon_members.c.recon_id == other))]
        if not moved:
            raise KeyError(other)
        c.execute(update(recon_members).where(recon_members.c.recon_id == other).values(recon_id=into))
        c.execute(insert(reviews).values(target="reconciled", target_id=into, action="merge", field="reports",
                                         old=json.dumps(other), new=json.dumps(moved), who=who, at=_now()))
        _rebuild(c, [into, other], RecordBuilder())


def split_reconciled(store: Store, recon_id: str, event_id: str, who: str, wait: float | None = None) -> str:
    """Take one report out of a reconciled event into one of its own; returns the new id (under the
    writer lock like :func:`review_event`)."""
    with store.writer("rasid review", wait=REVIEW_WAIT if wait is None else wait):
        return _split_reconciled(store, recon_id, event_id, who)


def _split_reconciled(store: Store, recon_id: str, event_id: str, who: str) -> str:
    import hashlib

    from .reconcile import RecordBuilder, _rebuild

    _check_who(who)
    if not isinstance(event_id, str) or not event_id.strip():
        raise ReviewError("event_id: the report to split off is required")
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


def replay_reconciled(conn, placed: set[str] | None = None) -> set[str]:
    """Apply every manual merge and split again, in the order made (inside the caller's transaction):
    after `rasid reconcile --full` has regrouped all reports, a reviewer's decision still holds.

    A merge moves the reports it moved then into the group that now holds the report its target was
    founded on (a group's id is the hash of its first report); a split takes its report out again
    under the same new id. A report of an article stored again since is its carried successor
    (:func:`carry`). Reports no longer stored are passed over. Returns the groups changed.
    ``placed``: the reports just placed by an incremental reconcile; the decisions are made again only
    where one of them is the successor of a decided report.
    """
    import hashlib

    from .store import events

    acts = conn.execute(select(reviews).where(reviews.c.target == "reconciled").order_by(reviews.c.id)).mappings().all()
    if not acts:
        return set()
    successor: dict[str, str] = {}  # an event of an earlier version -> the event that carries its decisions
    for new_id, olds in _lineage(conn).items():
        for o in olds:
            successor[o] = new_id
    if placed is not None and not (placed & set(successor.values())):
        return set()

    def now(e):
        seen = set()
        while isinstance(e, str) and e in successor and e not in seen:
            seen.add(e)
            e = successor[e]
        return e

    def rid(seed: str) -> str:
        return "r" + hashlib.sha1(seed.encode()).hexdigest()[:15]

    founder: dict[str, str] = {}
    for (e,) in conn.execute(select(events.c.event_id)):
        founder[rid(e)] = e
        founder[rid("split:" + e)] = e
    for o in successor:  # a group founded on a report that was edited since: its successor
        founder.setdefault(rid(o), now(o))
        founder.setdefault(rid("split:" + o), now(o))
    group = dict(conn.execute(select(recon_members.c.event_id, recon_members.c.recon_id)).all())
    touched: set[str] = set()

    def move(event_id, to: str) -> None:
        if isinstance(event_id, str) and event_id in group and group[event_id] != to:
            touched.update((group[event_id], to))
            group[event_id] = to
            conn.execute(update(recon_members).where(recon_members.c.event_id == event_id).values(recon_id=to))

    for a in acts:
        try:
            old, new = json.loads(a["old"] or "null"), json.loads(a["new"] or "null")
        except ValueError:
            continue
        if a["action"] == "merge":
            anchor = founder.get(a["target_id"])
            if anchor in group:
                for e in new or []:
                    move(now(e), group[anchor])
        elif a["action"] == "split" and isinstance(new, str):
            move(now(old), new)
    return touched
