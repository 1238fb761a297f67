"""Reconciled events: the report events of many articles grouped into what happened.

A report event is one outlet's account; a reconciled event is the thing those
accounts describe. Report events join one when they are compatible, following
ACLED's unit of coding (one event per type, place, day and actor pair):

- type: the same type; an air strike or shelling at the place and day of a
  battle belongs to the battle; a strike whose dead are civilians and an
  attack on civilians are one event; strategic developments only with the
  same sub-type;
- place: the same gazetteer id, or within 5 km (15 km when either is only
  "near" a place, 40 km for a region), or the same name where no coordinates;
- date: the ranges overlap (an undated report stays alone);
- actors: they share an actor (or an ally), or one side names none.
  Different perpetrators for the same victims are kept together and flagged
  as a contradiction, since that is what a reader must see.

Each reconciled event carries its reports and outlets, the number of
independent outlets (near-duplicate articles count once), tolls low / best /
high with the report behind each (best = the lowest figure an outlet asserts,
ACLED's conservative rule), its contradictions with the quotes on each side,
and a grade in the spirit of Airwars: ``conceded`` (a belligerent's own
statement or media claims or admits it), else ``contested`` (a contradiction),
else ``corroborated`` (two or more independent outlets), else ``single_source``.

Placement is incremental: only report events not yet placed are matched
against the stored groups, and only the groups they touch are rebuilt.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable

from sqlalchemy import bindparam, delete, exists, func, insert, select, update

from .coding.words import TERRITORY_SUBS
from .dedup import DuplicateIndex, band_keys, signature
from .geo import geo_key, haversine
from .arabic import NormText
from .lexicon import Lexicon, default_lexicon, normalize, read_tsv
from .store import Store, documents, event_index, events, lsh_bands, recon_members, reconciled, signatures

@lru_cache(maxsize=65536)
def _geo_key(name: str) -> str:
    """:func:`rasid.geo.geo_key` of a place name, remembered: the same few thousand names are keyed again
    for every event and place that names them."""
    return geo_key(name)


RADIUS_KM = {1: 5.0, 2: 15.0, 3: 40.0}
CELL = 0.5  # degrees; neighbouring cells cover every radius above
MAX_INDEX_DAYS = 62  # a report dated only to a month is indexed on each of its days
REMOTE = "Explosions/Remote violence"
STATUS_SUPPORT = ("asserted", "hedged", "reported_by_others")
GRADES = ("conceded", "contested", "corroborated", "single_source")


def _ordinal(day: str | None) -> int | None:
    if not day:
        return None
    try:
        return dt.date.fromisoformat(day[:10]).toordinal()
    except ValueError:
        return None


def _day(o: int) -> str:
    return dt.date.fromordinal(o).isoformat()


# ---------------------------------------------------------------- outlets
@dataclass(frozen=True)
class Outlet:
    id: str
    name_en: str
    scope: str
    country: str
    belligerent: str | None


class Outlets:
    """The project's outlet table (data/outlets.tsv), looked up by any of an outlet's names."""

    def __init__(self) -> None:
        self.by_name: dict[str, Outlet] = {}
        for row in read_tsv("outlets.tsv"):
            oid, names, name_en, scope, country, bell = (row + [""] * 6)[:6]
            o = Outlet(oid, name_en, scope, country, bell or None)
            for n in names.split("|"):
                if n.strip():
                    self.by_name[normalize(n.strip()).lower()] = o

    def get(self, name: str | None) -> Outlet | None:
        if not name:
            return None
        key = normalize(name).lower()
        if key in self.by_name:
            return self.by_name[key]
        for n, o in self.by_name.items():  # a domain inside a URL-like outlet name
            if "." in n and n in key:
                return o
        return None

    def scale(self, name: str | None, event_country: str | None) -> str:
        """ACLED's source_scale of one outlet for an event in a country."""
        o = self.get(name)
        if o is None:
            return "Other"
        if o.scope in ("Other", "New media") or not event_country or o.country == event_country:
            return o.scope
        if o.scope in ("National", "Subnational", "Regional") and o.country in MIDDLE_EAST:
            return "Regional"
        return "International"


MIDDLE_EAST = {"SY", "IQ", "LB", "JO", "PS", "IL", "TR", "IR", "SA", "AE", "QA", "KW", "BH", "OM", "YE", "EG"}


# ---------------------------------------------------------------- matching
@dataclass(slots=True)
class Report:
    """What the reconciler needs of one report event."""
    event_id: str
    event_type: str
    sub: str
    start: int | None
    end: int | None
    places: list  # [gid, lat, lon, precision, name key]
    actors: set
    civ: bool

    @classmethod
    def of(cls, rec: dict) -> "Report":
        d = rec.get("date") or {}
        s, e = _ordinal(d.get("start")), _ordinal(d.get("end") or d.get("start"))
        if s is not None and (e is None or e < s):
            e = s
        places = []
        for loc in rec.get("locations") or []:
            key = _geo_key(loc.get("name_ar") or loc.get("text") or loc.get("name") or "")
            places.append([loc.get("gazetteer_id"), loc.get("lat"), loc.get("lon"), loc.get("geo_precision") or 1, key])
        if places:  # an event is where its most precise places are; a region named beside them is context
            best = min(p[3] for p in places)
            places = [p for p in places if p[3] == best]
        actors = {a["id"] for a in (rec.get("actor1"), rec.get("actor2")) if a and a.get("id")}
        f = rec.get("fatalities") or {}
        civ = (rec.get("actor2") or {}).get("id") == "Civilians" or f.get("group") == "civilians"
        return cls(rec["event_id"], rec.get("event_type") or "", rec.get("sub_event_type") or "", s, e, places, actors, civ)


@dataclass
class Group:
    recon_id: str
    types: set
    subs: set
    start: int | None
    end: int | None
    places: list
    actors: set
    civ: bool
    new: list = field(default_factory=list)  # event ids placed in this pass

    @classmethod
    def found(cls, r: Report) -> "Group":
        rid = "r" + hashlib.sha1(r.event_id.encode()).hexdigest()[:15]
        return cls(rid, {r.event_type}, {r.sub}, r.start, r.end, [list(p) for p in r.places], set(r.actors), r.civ)

    def add(self, r: Report) -> None:
        self.types.add(r.event_type)
        self.subs.add(r.sub)
        if r.start is not None and self.start is not None:
            # the core date narrows to what every report allows
            self.start, self.end = max(self.start, r.start), min(self.end, r.end)
        have = {(p[0], p[4]) for p in self.places}
        for p in r.places:
            if (p[0], p[4]) not in have and len(self.places) < 12:
                self.places.append(list(p))
        self.actors |= r.actors
        self.civ = self.civ or r.civ

    def match(self) -> dict:
        return {"types": sorted(self.types), "subs": sorted(self.subs), "start": self.start, "end": self.end,
                "places": self.places, "actors": sorted(self.actors), "civ": self.civ}

    @classmethod
    def from_match(cls, rid: str, m: dict) -> "Group":
        return cls(rid, set(m["types"]), set(m["subs"]), m["start"], m["end"], m["places"], set(m["actors"]), m["civ"])


def types_compatible(t1: str, s1: str, t2: str, s2: str, civ: bool) -> bool:
    if t1 == t2:
        return t1 != "Strategic developments" or s1 == s2
    pair = {t1, t2}
    if pair == {"Battles", "Strategic developments"}:
        # one outlet's capture in battle is another's handover after a withdrawal: one change of hands
        return {s1, s2} <= TERRITORY_SUBS
    if pair == {"Battles", REMOTE}:
        return True  # strikes and shelling inside a battle belong to it
    if pair == {REMOTE, "Violence against civilians"}:
        return civ  # civilians killed by a strike: one event
    return pair == {"Protests", "Riots"}


def places_near(p: list, q: list) -> bool:
    if p[0] and p[0] == q[0]:
        return True
    if p[1] is not None and q[1] is not None:
        return haversine((p[1], p[2]), (q[1], q[2])) <= RADIUS_KM.get(max(p[3] or 1, q[3] or 1), 5.0)
    return bool(p[4]) and p[4] == q[4] and p[1] is None and q[1] is None


def block_range(start: int | None, end: int | None, places) -> tuple[int | None, int | None]:
    """The days a group of match range ``start``..``end`` at ``places`` is indexed under by :class:`Matcher`
    (``reconciled.block_start`` / ``block_end``); (None, None) when none: it is no report's candidate."""
    if start is None or end is None or not places or end < start:
        return None, None
    return start, min(end, start + MAX_INDEX_DAYS)


class Matcher:
    """Groups in memory with a (day, grid cell) index, for fast candidate lookup. ``taken``: whether a
    recon id is used by a stored group not loaded (a run loads only the groups its reports can join)."""

    def __init__(self, lexicon: Lexicon, taken=None):
        self.lex = lexicon
        self.groups: dict[str, Group] = {}
        self.index: dict[tuple, set[str]] = defaultdict(set)
        self.taken = taken or (lambda rid: False)

    def _keys(self, start: int | None, end: int | None, places: list) -> Iterable[tuple]:
        if start is None or not places:
            return
        for o in range(start, min(end, start + MAX_INDEX_DAYS) + 1):
            for p in places:
                if p[1] is not None:
                    yield (o, int(p[1] // CELL), int(p[2] // CELL))
                elif p[4]:
                    yield (o, p[4])

    def _near_keys(self, r: Report) -> set[tuple]:
        out = set()
        for k in self._keys(r.start, r.end, r.places):
            if len(k) == 3:
                o, x, y = k
                out.update((o, x + dx, y + dy) for dx in (-1, 0, 1) for dy in (-1, 0, 1))
            else:
                out.add(k)
        return out

    def add_group(self, g: Group) -> None:
        self.groups[g.recon_id] = g
        for k in self._keys(g.start, g.end, g.places):
            self.index[k].add(g.recon_id)

    def allied_overlap(self, a: set, b: set) -> bool:
        return any(self.lex.allied(x, y) for x in a for y in b)

    def compatible(self, r: Report, g: Group) -> bool:
        if r.start is None or g.start is None or r.end < g.start or r.start > g.end:
            return False
        if not any(types_compatible(r.event_type, r.sub, t, s, r.civ or g.civ) for t in g.types for s in g.subs):
            return False
        if not any(places_near(p, q) for p in r.places for q in g.places):
            return False
        if r.actors and g.actors and not (r.actors & g.actors) and not self.allied_overlap(r.actors, g.actors):
            return False
        return True

    def place(self, r: Report) -> Group:
        best, best_score = None, None
        for rid in sorted({rid for k in self._near_keys(r) for rid in self.index.get(k, ())}):
            g = self.groups[rid]
            if not self.compatible(r, g):
                continue
            score = (2 * any(p[0] and p[0] == q[0] for p in r.places for q in g.places) + (r.event_type in g.types)
                     + len(r.actors & g.actors) + (r.sub in g.subs))
            if best_score is None or score > best_score:
                best, best_score = g, score
        if best is None:
            best = Group.found(r)
            while best.recon_id in self.groups or self.taken(best.recon_id):  # a hash clash, or the id of a
                # stored group this report founded before its article was coded again
                best.recon_id += "x"
            best.new.append(r.event_id)
            self.add_group(best)
            return best
        best.add(r)
        best.new.append(r.event_id)
        for k in self._keys(best.start, best.end, best.places):
            self.index[k].add(best.recon_id)
        return best


# ---------------------------------------------------------------- the reconciled record
@dataclass
class DocInfo:
    outlet: str | None
    root: str  # the original of a near-duplicate, else the document itself


def _side(rec: dict, value=None) -> dict:
    ev = (rec.get("evidence") or [{}])[0]
    d = {"event_id": rec["event_id"], "doc_id": rec["doc_id"], "outlet": rec.get("outlet"), "status": rec.get("status"),
         "quote": ev.get("quote")}
    if value is not None:
        d["value"] = value
    return d


def _actor_ids(r: dict) -> set[str]:
    return {a["id"] for a in (r.get("actor1"), r.get("actor2")) if a and a.get("id")}


def _majority(values: list) -> str | None:
    vals = [v for v in values if v]
    if not vals:
        return None
    counts = Counter(vals)
    top = max(counts.values())
    return next(v for v in vals if counts[v] == top)  # ties: the earliest report's


class RecordBuilder:
    """Builds a reconciled event's record from its member report events."""

    def __init__(self, lexicon: Lexicon | None = None, outlets: Outlets | None = None):
        self.lex = lexicon or default_lexicon()
        self.outlets = outlets or Outlets()
        self._named: dict[str, frozenset] = {}  # an attribution's text -> the actors it names

    def voices(self, rec: dict) -> set[str]:
        """Belligerents whose own statement or media carries this report."""
        out = set()
        o = self.outlets.get(rec.get("outlet"))
        if o and o.belligerent:
            out.add(o.belligerent)
        att = rec.get("attribution") or {}
        if att.get("kind") == "official" and att.get("text"):
            out |= self._actors_named(att["text"])
        return out

    def _actors_named(self, text: str) -> frozenset:
        """The actors an attribution's text names (remembered: a group's reports are built again whenever it grows)."""
        got = self._named.get(text)
        if got is None:
            got = self._named[text] = frozenset(m.value for m in self.lex.actor_matcher.find(NormText(text)))
        return got

    def build(self, recon_id: str, members: list[dict], docs: dict[str, DocInfo]) -> dict:
        members = sorted(members, key=lambda r: ((r.get("date") or {}).get("start") or "9999", r["event_id"]))
        support = [r for r in members if r.get("status") in STATUS_SUPPORT]
        denied = [r for r in members if r.get("status") == "denied"]
        basis = support or members
        types = [r["event_type"] for r in basis]
        etype = "Battles" if "Battles" in types and REMOTE in types else _majority(types)
        sub = _majority([r.get("sub_event_type") for r in basis if r["event_type"] == etype]) or _majority(
            [r.get("sub_event_type") for r in basis])
        days = [((r.get("date") or {}).get("start"), (r.get("date") or {}).get("end")) for r in members]
        known = [(s, e or s) for s, e in days if s]
        if known:
            start, end = max(s for s, _ in known), min(e for _, e in known)
            if start > end:  # disagreeing dates: the span of them all
                start, end = min(s for s, _ in known), max(e for _, e in known)
            span = _ordinal(end) - _ordinal(start)
            date = {"start": start, "end": end, "precision": 1 if span == 0 else 2 if span <= 7 else 3}
        else:
            date = {"start": None, "end": None, "precision": None}
        a1 = _majority([(r.get("actor1") or {}).get("id") for r in basis])
        a2 = _majority([(r.get("actor2") or {}).get("id") for r in basis])
        if a2 == a1:
            a2 = None
        locs: dict[str, dict] = {}
        loc_count: Counter = Counter()
        for r in basis:
            for loc in r.get("locations") or []:
                key = loc.get("gazetteer_id") or _geo_key(loc.get("name_ar") or loc.get("text") or "")
                loc_count[key] += 1
                locs.setdefault(key, {k: loc.get(k) for k in ("name", "name_ar", "lat", "lon", "admin1", "gazetteer_id", "geo_precision")})
        locations = [locs[k] for k, _ in sorted(loc_count.items(), key=lambda kv: (-kv[1], kv[0]))]

        reports, outlets, independent = [], [], set()
        for r in members:
            info = docs.get(r["doc_id"]) or DocInfo(r.get("outlet"), r["doc_id"])
            reports.append({**_side(r), "event_type": r["event_type"], "sub_event_type": r.get("sub_event_type"),
                            "attribution": (r.get("attribution") or {}).get("kind"),
                            "duplicate_of": info.root if info.root != r["doc_id"] else None})
            if r.get("outlet") and r["outlet"] not in outlets:
                outlets.append(r["outlet"])
            if r in support:
                root_outlet = (docs.get(info.root) or info).outlet
                independent.add(root_outlet or f"doc:{info.root}")

        tolls = {k: self.toll_range(support, k) for k in ("fatalities", "injured", "missing")}
        contradictions = self.contradictions(support, denied)
        conceded = [r for r in support if self.voices(r) & ({(r.get("actor1") or {}).get("id"), (r.get("actor2") or {}).get("id"), a1, a2} - {None})]
        if conceded:
            grade = "conceded"
        elif contradictions:
            grade = "contested"
        elif len(independent) >= 2:
            grade = "corroborated"
        else:
            grade = "single_source"
        territory = None
        terr = [r["territory"] for r in basis if r.get("territory")]
        if terr:
            gained = _majority([t.get("gained_by") for t in terr])
            territory = {"gained_by": gained, "lost_by": _majority([t.get("lost_by") for t in terr]),
                         "extent": _majority([t.get("extent") for t in terr])}
        return {
            "recon_id": recon_id, "event_type": etype, "sub_event_type": sub, "date": date,
            "actor1": a1, "actor2": a2, "locations": locations,
            "fatalities": tolls["fatalities"], "injured": tolls["injured"], "missing": tolls["missing"],
            "territory": territory, "grade": grade, "independent_outlets": len(independent),
            "outlets": outlets, "n_reports": len(members), "reports": reports,
            "conceded_by": [_side(r) for r in conceded], "contradictions": contradictions,
        }

    @staticmethod
    def toll_range(support: list[dict], key: str) -> dict | None:
        """low / best / high of one toll over the supporting reports (best: lowest asserted figure)."""
        figures = [(r[key]["value"], r) for r in support if r.get(key) and r[key].get("value") is not None]
        if not figures:
            vague = [r for r in support if r.get(key)]
            if not vague:
                return None
            return {"low": None, "best": None, "high": None, "unknown": [_side(vague[0], vague[0][key].get("text"))]}
        figures.sort(key=lambda vr: (vr[0], vr[1]["event_id"]))
        asserted = [vr for vr in figures if vr[1].get("status") == "asserted"] or figures

        def side(vr):
            v, r = vr
            return {**_side(r, v), "qualifier": r[key].get("qualifier"), "text": r[key].get("text")}
        return {"low": side(figures[0]), "best": side(asserted[0]), "high": side(figures[-1])}

    def _differing(self, support: list[dict], kind: str, value, roles: bool = True) -> list[dict]:
        """Reports from different articles naming non-allied actors for the same role.

        With ``roles``, two reports that name the same two actors in swapped roles are not a dispute
        (one says A hit B, the other B was hit by A and A by B: how a clause was read, not a claim).
        """
        first: list[tuple[str, dict]] = []
        out = []
        for r in support:
            a = value(r)
            if not a or a == "Civilians":
                continue
            other = next(((p, q) for p, q in first if not self.lex.allied(a, p) and q["doc_id"] != r["doc_id"]
                          and not (roles and (a in _actor_ids(q) or p in _actor_ids(r)))), None)
            if other is not None:
                out.append({"kind": kind, "a": _side(other[1], other[0]), "b": _side(r, a)})
            elif all(not self.lex.allied(a, p) for p, _ in first):
                first.append((a, r))
        return out

    def contradictions(self, support: list[dict], denied: list[dict]) -> list[dict]:
        out = []
        for d in denied:
            other = next((r for r in support if r["doc_id"] != d["doc_id"]), None) or next(iter(support), None)
            if other is not None:
                out.append({"kind": "denial", "a": _side(other), "b": _side(d)})
        out += self._differing(support, "perpetrator", lambda r: (r.get("actor1") or {}).get("id")
                               if r["event_type"] != "Battles" else None)  # a battle has two agents, no perpetrator
        out += self._differing(support, "territory", lambda r: (r.get("territory") or {}).get("gained_by"), roles=False)
        for key in ("fatalities", "injured", "missing"):
            # one figure per article (its highest: an article's partial counts are not a dispute)
            per_doc: dict[str, tuple[int, dict]] = {}
            for r in support:
                v = (r.get(key) or {}).get("value")
                if v is not None and (r["doc_id"] not in per_doc or v > per_doc[r["doc_id"]][0]):
                    per_doc[r["doc_id"]] = (v, r)
            if len(per_doc) < 2:
                continue
            lo = min(per_doc.values(), key=lambda vr: (vr[0], vr[1]["event_id"]))
            hi = max(per_doc.values(), key=lambda vr: (vr[0], vr[1]["event_id"]))
            if hi[0] > 0 and lo[0] * 2 < hi[0]:
                out.append({"kind": "toll", "field": key, "a": _side(lo[1], lo[0]), "b": _side(hi[1], hi[0])})
        return out


# ---------------------------------------------------------------- the run
@dataclass
class ReconcileSummary:
    new_reports: int = 0
    removed_reports: int = 0
    groups_touched: int = 0
    reconciled: int = 0
    duplicates_found: int = 0
    by_grade: Counter = field(default_factory=Counter)
    groups_loaded: int = 0  # stored groups the new reports could join (the rest stay in the database)
    control: dict = field(default_factory=dict)  # rasid.control.update's figures

    def as_dict(self) -> dict:
        return {"new_reports": self.new_reports, "removed_reports": self.removed_reports,
                "groups_touched": self.groups_touched, "reconciled_events": self.reconciled,
                "duplicates_found": self.duplicates_found, "by_grade": dict(sorted(self.by_grade.items())),
                "groups_loaded": self.groups_loaded, "control": self.control}


def _chunks(xs: list, n: int = 500):
    for i in range(0, len(xs), n):
        yield xs[i:i + n]


DEDUP_CHUNK = 2000


def _unsigned(c) -> list[str]:
    """Documents with no signature yet, in doc id order (an anti-join the indexes answer)."""
    s = signatures.alias("s")
    q = select(documents.c.doc_id).where(~exists().where(s.c.doc_id == documents.c.doc_id)).order_by(documents.c.doc_id)
    return [d for (d,) in c.execute(q)]


def find_duplicates(store: Store) -> int:
    """Sign every document not yet signed and set ``duplicate_of`` where it copies a stored one.

    New documents go in doc id order, in chunks: each chunk indexes the stored documents sharing
    an LSH band with it (earlier chunks included), then finds and writes its own.
    """
    import numpy as np

    found = 0
    with store.engine.begin() as c:
        new = _unsigned(c)
        for chunk in _chunks(new, DEDUP_CHUNK):
            texts = dict(c.execute(select(documents.c.doc_id, documents.c.text).where(documents.c.doc_id.in_(chunk))).all())
            sigs = {d: signature(texts.get(d) or "") for d in chunk}
            keys = {d: band_keys(s) for d, s in sigs.items() if s is not None}
            idx = DuplicateIndex()
            stored: dict[str, list[int]] = defaultdict(list)
            for part in _chunks(sorted({k for ks in keys.values() for k in ks}), 900):
                for k, d in c.execute(select(lsh_bands.c.key, lsh_bands.c.doc_id).where(lsh_bands.c.key.in_(part))):
                    stored[d].append(k)
            for part in _chunks(sorted(stored)):
                q = select(signatures.c.doc_id, signatures.c.sig, documents.c.duplicate_of).join(
                    documents, documents.c.doc_id == signatures.c.doc_id).where(signatures.c.doc_id.in_(part))
                for d, sig, dup in c.execute(q):
                    if sig:
                        idx.know(d, np.frombuffer(sig, dtype=np.uint32), dup, stored[d])
            rows, bands, dups = [], [], []
            for d in chunk:
                sig = sigs[d]
                dup = idx.find(sig, keys.get(d))
                rows.append({"doc_id": d, "sig": sig.tobytes() if sig is not None else None})
                if dup is not None:
                    dups.append({"b_doc": d, "b_dup": dup})
                bands += [{"key": k, "doc_id": d} for k in idx.add(d, sig, dup, keys.get(d))]
            c.execute(insert(signatures), rows)
            if bands:
                c.execute(insert(lsh_bands), bands)
            if dups:
                c.execute(update(documents).where(documents.c.doc_id == bindparam("b_doc")).values(
                    duplicate_of=bindparam("b_dup")), dups)
            found += len(dups)
    return found


def _windows(reports: list[Report]) -> list[tuple[int, int]]:
    """The day keys the reports are looked up under (see Matcher._near_keys), merged into intervals."""
    spans = sorted(block_range(r.start, r.end, r.places) for r in reports if r.start is not None and r.places)
    out: list[list[int]] = []
    for lo, hi in spans:
        if lo is None:
            continue
        if out and lo <= out[-1][1] + 1:
            out[-1][1] = max(out[-1][1], hi)
        else:
            out.append([lo, hi])
    return [(lo, hi) for lo, hi in out]


PENDING_MAX = 20_000  # documents: more since the last end-of-run work, and every event is looked at


def _unplaced(c, every: bool) -> list[str]:
    """The report events not placed in a group yet. Each run's end-of-run work places every event and then
    marks every document's claims as read (control_docs, :func:`rasid.control.update`, after the placing):
    so an event not placed is one of a document not marked for its current version, and only those
    documents' events are looked at (all events with ``every``, or when the control tables are not built)."""
    from .control import _built, _pending

    mem = recon_members.alias("mem")
    not_placed = ~exists().where(mem.c.event_id == events.c.event_id)
    docs = None
    if not every and _built(c):
        changed, _gone = _pending(c)
        if len(changed) <= PENDING_MAX:
            docs = sorted(changed)
    if docs is None:
        return [e for (e,) in c.execute(select(events.c.event_id).where(not_placed))]
    return [e for part in _chunks(docs) for (e,) in c.execute(select(events.c.event_id).where(
        events.c.doc_id.in_(part), not_placed))]


def reconcile(store: Store, lexicon: Lexicon | None = None, *, full: bool = False) -> ReconcileSummary:
    """Place report events not yet placed into reconciled events (all of them with ``full``).

    Incremental (not ``full``): only the stored groups indexed under the days of the new reports are
    loaded (``reconciled.block_start`` / ``block_end``), the only ones :class:`Matcher` could offer them,
    so the groups made are those of loading every group; then the control timelines of the places the
    changed documents name are brought up to date (:func:`rasid.control.update`)."""
    lex = lexicon or default_lexicon()
    summ = ReconcileSummary()
    summ.duplicates_found = find_duplicates(store)
    builder = RecordBuilder(lex)
    with store.engine.begin() as c:
        if full:
            c.execute(delete(recon_members))
            c.execute(delete(reconciled))
        touched: set[str] = set()
        new_ids = _unplaced(c, full)
        # reports whose article was re-coded are gone: their groups are rebuilt. Members whose report is gone
        # number members - (events - new reports) (event ids are unique in both): looked for only when some are
        gone = []
        n_members = c.execute(select(func.count()).select_from(recon_members)).scalar()
        n_events = c.execute(select(func.count()).select_from(events)).scalar()
        if n_members - (n_events - len(new_ids)) < 0:  # (events not placed that _unplaced did not see: all looked at)
            new_ids = _unplaced(c, True)
        if n_members - (n_events - len(new_ids)):
            ev = events.alias("ev")
            gone = c.execute(select(recon_members.c.event_id, recon_members.c.recon_id).where(
                ~exists().where(ev.c.event_id == recon_members.c.event_id))).all()
        for _ev, rid in gone:
            touched.add(rid)
        for part in _chunks([g[0] for g in gone]):
            c.execute(delete(recon_members).where(recon_members.c.event_id.in_(part)))
        summ.removed_reports = len(gone)

        # each record is read into its compact Report at once: 100,000 full records would not fit in 1 GB
        reports = []
        for part in _chunks(new_ids):
            reports += [Report.of(json.loads(rec)) for (rec,) in c.execute(select(events.c.record).where(events.c.event_id.in_(part)))]
        reports.sort(key=lambda r: (r.start is None, r.start or 0, r.event_id))
        summ.new_reports = len(reports)

        # the ids the new reports would found groups under, looked up in chunks rather than one query a group
        # (an id not among them, a clash's "x" form, is looked up alone)
        asked = {Group.found(r).recon_id for r in reports}
        stored_ids: set[str] = set()
        for part in _chunks(sorted(asked)):
            stored_ids.update(rid for (rid,) in c.execute(select(reconciled.c.recon_id).where(reconciled.c.recon_id.in_(part))))

        def taken(rid: str) -> bool:
            if rid in asked:
                return rid in stored_ids
            return c.execute(select(reconciled.c.recon_id).where(reconciled.c.recon_id == rid)).first() is not None

        m = Matcher(lex, taken)
        for lo, hi in _windows(reports):  # the stored groups these reports can meet: a block overlapping their days
            # (a block is at most MAX_INDEX_DAYS long: its start bounds the index range on both sides, not
            # every group before hi)
            for rid, match in c.execute(select(reconciled.c.recon_id, reconciled.c.match).where(
                    reconciled.c.block_start >= lo - MAX_INDEX_DAYS, reconciled.c.block_start <= hi,
                    reconciled.c.block_end >= lo)):
                if rid not in m.groups:
                    m.add_group(Group.from_match(rid, json.loads(match)))
        summ.groups_loaded = len(m.groups)
        placed: list[dict] = []
        for r in reports:
            g = m.place(r)
            touched.add(g.recon_id)
            placed.append({"event_id": r.event_id, "recon_id": g.recon_id})
        if placed:
            c.execute(insert(recon_members), placed)
        from .review import replay_reconciled

        if full:  # reviewers' merges and splits are part of the store's truth: made again over the new groups
            touched |= replay_reconciled(c)
        elif placed:  # a report of an edited article that carries a merge or split: made again for it
            touched |= replay_reconciled(c, {p["event_id"] for p in placed})
        summ.groups_touched = len(touched)
        _rebuild(c, sorted(touched), builder)
    with store.engine.connect() as c:
        for grade, n in c.execute(select(reconciled.c.grade, func.count()).group_by(reconciled.c.grade)):
            summ.by_grade[grade] = n
            summ.reconciled += n
    from .control import update

    summ.control = update(store, lex, full=full)
    return summ


REBUILD_CHUNK = 2000


def _rebuild(c, recon_ids: list[str], builder: RecordBuilder) -> None:
    """Recompute the match summary and the record of each touched group from its members (in chunks)."""
    for chunk in _chunks(recon_ids, REBUILD_CHUNK):
        _rebuild_chunk(c, chunk, builder)


def _rebuild_chunk(c, recon_ids: list[str], builder: RecordBuilder) -> None:
    members: dict[str, list[str]] = defaultdict(list)
    for part in _chunks(recon_ids):
        for ev, rid in c.execute(select(recon_members.c.event_id, recon_members.c.recon_id).where(recon_members.c.recon_id.in_(part))):
            members[rid].append(ev)
    records: dict[str, dict] = {}
    for part in _chunks([e for evs in members.values() for e in evs]):
        for (rec,) in c.execute(select(events.c.record).where(events.c.event_id.in_(part))):
            r = json.loads(rec)
            records[r["event_id"]] = r
    doc_ids = sorted({r["doc_id"] for r in records.values()})
    docs: dict[str, DocInfo] = {}
    roots: set[str] = set()
    for part in _chunks(doc_ids):
        for d, outlet, dup in c.execute(select(documents.c.doc_id, documents.c.outlet, documents.c.duplicate_of).where(documents.c.doc_id.in_(part))):
            docs[d] = DocInfo(outlet, dup or d)
            if dup:
                roots.add(dup)
    for part in _chunks(sorted(roots - set(docs))):
        for d, outlet, dup in c.execute(select(documents.c.doc_id, documents.c.outlet, documents.c.duplicate_of).where(documents.c.doc_id.in_(part))):
            docs[d] = DocInfo(outlet, d)
    for part in _chunks(recon_ids):
        c.execute(delete(reconciled).where(reconciled.c.recon_id.in_(part)))
    rows = []
    for rid in recon_ids:
        recs = [records[e] for e in members.get(rid, []) if e in records]
        if not recs:
            continue
        reports = sorted((Report.of(r) for r in recs), key=lambda r: (r.start is None, r.start or 0, r.event_id))
        g = Group.found(reports[0])
        g.recon_id = rid
        for r in reports[1:]:
            g.add(r)
        rec = builder.build(rid, recs, docs)
        lo, hi = block_range(g.start, g.end, g.places)
        rows.append({"recon_id": rid, "event_type": rec["event_type"], "grade": rec["grade"], "day_start": _ordinal(rec["date"]["start"]),
                     "block_start": lo, "block_end": hi,
                     "day_end": _ordinal(rec["date"]["end"]), "match": json.dumps(g.match(), ensure_ascii=False),
                     "record": json.dumps(rec, ensure_ascii=False)})
    for part in _chunks(rows):
        c.execute(insert(reconciled), part)
    # each report's group and grade in its flat row (the web app filters on them without a join)
    grade = {r["recon_id"]: r["grade"] for r in rows}
    placed = [{"b_ev": e, "b_rid": rid, "b_grade": grade.get(rid)} for rid in recon_ids for e in members.get(rid, [])]
    q = update(event_index).where(event_index.c.event_id == bindparam("b_ev")).values(
        recon_id=bindparam("b_rid"), grade=bindparam("b_grade"))
    for part in _chunks(placed, 2000):
        c.execute(q, part)
