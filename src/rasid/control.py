"""Control over time: who holds which place, according to whom.

Claims come from two kinds of text:

- territory events ("قسد تسيطر على نصف الباغوز"): the gaining actor *took*
  the place, the losing actor *lost* it, on the event's date;
- control phrases (``data/control_cues.tsv``: "المناطق الخاضعة لسيطرة داعش"):
  the actor *holds* the places named in the same sentence, as of the
  article's publication date;
- battles at a place without a change of hands are kept as *fighting*
  claims (with their sides, when named): the place is contested that day.

Places are grouped by gazetteer id, and ids of the same name nearby
(a village and its "upper"/"lower" part, 6 km) join one timeline. For each place
the claims are sorted by date and turned into intervals per actor (an actor
holds a place from the day it took or is said to hold it until another actor
takes it or it is said lost); claims that disagree about the same days are
listed side by side as conflicts.
"""
from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass

from .arabic import NormText, sentences
from .geo import geo_key, haversine
from .lexicon import Lexicon, Matcher, default_lexicon, read_tsv
from .store import Store

SAME_PLACE_KM = 6.0
ACTOR_WINDOW = 30  # characters after a control phrase in which its actor must start
PLACE_BEFORE, PLACE_AFTER = 160, 60  # characters around "phrase + actor" in which its places are named


@dataclass(slots=True)
class Claim:
    place_key: str
    place: dict
    actor: str | None  # None: fighting with no side named
    action: str  # took | lost | holds | fighting
    date: str | None
    outlet: str | None
    status: str
    doc_id: str
    event_id: str | None
    quote: str
    start: int | None = None
    end: int | None = None

    def record(self) -> dict:
        d = {k: getattr(self, k) for k in ("actor", "action", "date", "outlet", "status", "doc_id", "event_id", "quote")}
        d["place"] = self.place.get("name") or self.place.get("name_ar")
        if self.start is not None:
            d["start"], d["end"] = self.start, self.end
        return d


def _place(loc: dict) -> dict:
    return {k: loc.get(k) for k in ("name", "name_ar", "lat", "lon", "admin1", "gazetteer_id")}


def _key(loc: dict) -> str | None:
    if loc.get("gazetteer_id"):
        return loc["gazetteer_id"]
    k = geo_key(loc.get("name_ar") or loc.get("text") or "")
    return f"name:{k}" if k else None


def event_claims(e: dict) -> list[Claim]:
    """took / lost / fighting claims of one report event."""
    out = []
    date = (e.get("date") or {}).get("start")
    quote = ((e.get("evidence") or [{}])[0]).get("quote") or ""
    t = e.get("territory") or {}
    actors = []
    if t:
        if t.get("gained_by"):
            actors.append((t["gained_by"], "took"))
        if t.get("lost_by"):
            actors.append((t["lost_by"], "lost"))
    elif e.get("event_type") == "Battles":
        actors = [(a["id"], "fighting") for a in (e.get("actor1"), e.get("actor2")) if a and a.get("id")] or [(None, "fighting")]
    locs = [loc for loc in e.get("locations") or [] if (loc.get("geo_precision") or 1) <= 2]
    for loc in locs:
        key = _key(loc)
        if not key:
            continue
        for actor, action in actors:
            out.append(Claim(key, _place(loc), actor, action, date, e.get("outlet"), e.get("status") or "asserted",
                             e["doc_id"], e["event_id"], quote))
    return out


class HoldingReader:
    """"holds" claims from control phrases in a document's text."""

    def __init__(self, lexicon: Lexicon | None = None):
        self.lex = lexicon or default_lexicon()
        self.cues = Matcher([(r[0], "control") for r in read_tsv("control_cues.tsv")])

    def claims(self, doc: dict, places: list[dict]) -> list[Claim]:
        text = doc.get("text") or ""
        nt = NormText(text)
        cues = self.cues.find(nt)
        if not cues or not places:
            return []
        actors = self.lex.actor_matcher.find(nt)
        out = []
        sents = sentences(text)
        for c in cues:
            actor = next((a for a in actors if c.end <= a.start <= c.end + ACTOR_WINDOW), None)
            if actor is None:
                continue
            o_start, o_end = nt.orig(c.start), nt.orig_end(actor.end)
            sent = next((s for s in sents if s.start <= o_start < s.end), None)
            if sent is None:
                continue
            for p in places:
                loc = p.get("resolved")
                if not loc or not (sent.start <= p["start"] < sent.end) or (loc.get("geo_precision") or 1) > 2:
                    continue
                if not (o_start - PLACE_BEFORE <= p["start"] <= o_end + PLACE_AFTER):
                    continue
                key = _key(loc)
                if key:
                    out.append(Claim(key, _place(loc), actor.value, "holds", doc.get("published"), doc.get("outlet"),
                                     "asserted", doc["doc_id"], None, text[sent.start:sent.end].strip(), o_start, o_end))
        return out


def _merge_places(claims: list[Claim]) -> dict[str, str]:
    """Map each place key to its timeline's key: same-name places within SAME_PLACE_KM share one."""
    places: dict[str, dict] = {}
    for c in claims:
        places.setdefault(c.place_key, c.place)
    keys = sorted(places)
    parent = {k: k for k in keys}

    def find(k):
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k
    for i, a in enumerate(keys):
        pa = places[a]
        if pa.get("lat") is None:
            continue
        na = geo_key(pa.get("name_ar") or "")
        for b in keys[i + 1:]:
            pb = places[b]
            if pb.get("lat") is None:
                continue
            nb = geo_key(pb.get("name_ar") or "")
            if na and nb and (na.startswith(nb) or nb.startswith(na)) and \
                    haversine((pa["lat"], pa["lon"]), (pb["lat"], pb["lon"])) <= SAME_PLACE_KM:
                parent[find(b)] = find(a)
    return {k: find(k) for k in keys}


def timeline(place: dict, claims: list[Claim], lex: Lexicon) -> dict:
    """One place's claims in date order, the intervals they imply, and their conflicts."""
    claims = sorted(claims, key=lambda c: (c.date is None, c.date or "", c.action, c.actor or "", c.doc_id, c.event_id or ""))
    intervals: list[dict] = []
    open_: dict[str, dict] = {}
    for c in claims:
        if c.date is None or c.status == "denied":
            continue
        if c.action in ("took", "holds"):
            for actor, iv in list(open_.items()):
                if not lex.allied(actor, c.actor):
                    iv["end"] = c.date
                    del open_[actor]
            iv = open_.get(c.actor)
            if iv is None:
                iv = {"actor": c.actor, "start": c.date, "end": None, "claims": []}
                open_[c.actor] = iv
                intervals.append(iv)
            iv["claims"].append(c.event_id or c.doc_id)
        elif c.action == "lost" and c.actor in open_:
            open_[c.actor]["end"] = c.date
            open_[c.actor]["claims"].append(c.event_id or c.doc_id)
            del open_[c.actor]
    conflicts = []
    holders = [c for c in claims if c.action in ("took", "holds", "lost") and c.status != "denied"]
    for i, a in enumerate(holders):
        for b in holders[i + 1:]:
            if a.doc_id == b.doc_id or a.outlet == b.outlet and a.outlet:
                continue
            if a.date != b.date and a.date is not None and b.date is not None:
                continue
            says_a = (a.actor, a.action != "lost")
            says_b = (b.actor, b.action != "lost")
            disagree = (says_a[1] and says_b[1] and not lex.allied(a.actor, b.actor)) or \
                       (a.actor == b.actor and says_a[1] != says_b[1])
            if disagree:
                conflicts.append({"a": a.record(), "b": b.record()})
    return {"place": place, "outlets": sorted({c.outlet for c in claims if c.outlet}),
            "claims": [c.record() for c in claims], "intervals": intervals, "conflicts": conflicts}


def control(store: Store, lexicon: Lexicon | None = None) -> list[dict]:
    """Every place's control timeline, from the stored report events and documents."""
    lex = lexicon or default_lexicon()
    claims: list[Claim] = []
    for e in store.iter_events():
        if e.get("background"):
            continue  # told as the past ("منذ سيطرته على المدينة عام 2014"): kept in the data, out of control intervals
        claims += event_claims(e)
    reader = HoldingReader(lex)
    for d in store.iter_documents():
        claims += reader.claims(d, json.loads(d.get("places") or "[]"))
    seen, unique = set(), []
    for c in claims:
        k = (c.place_key, c.actor, c.action, c.doc_id, c.event_id)
        if k not in seen:
            seen.add(k)
            unique.append(c)
    claims = unique
    if not claims:
        return []
    root = _merge_places(claims)
    groups: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        groups[root[c.place_key]].append(c)
    out = []
    for key in sorted(groups):
        cs = groups[key]
        if not any(c.action != "fighting" for c in cs):
            continue  # fighting alone says nothing about who holds a place
        place = next(c.place for c in cs if c.place_key == key)
        others = {c.place_key: c.place for c in cs if c.place_key != key}
        place = {**place, "also": sorted(others), "also_names": sorted({p.get("name_ar") or "" for p in others.values()} - {""})}
        out.append(timeline(place, cs, lex))
    return out


def _latin(x: str) -> str:
    import unicodedata

    return "".join(ch for ch in unicodedata.normalize("NFKD", x.lower()) if ch.isalnum() or ch == " ")


class PlaceFinder:
    """:func:`find_place` for many queries over the same timelines: each place's name keys are worked
    out once, exact names are a dictionary lookup (the web app keeps one per store version)."""

    def __init__(self, timelines: list[dict]):
        self.timelines = timelines
        self.keys: list[list[str]] = []
        self.en: list[str] = []
        self.exact: dict[str, set[int]] = defaultdict(set)  # an Arabic key, an English name or one of its words
        for i, t in enumerate(timelines):
            p = t["place"]
            keys = [k for k in (geo_key(n) for n in [p.get("name_ar") or ""] + list(p.get("also_names") or [])) if k]
            en = _latin(p.get("name") or "")
            self.keys.append(keys)
            self.en.append(en)
            for k in keys:
                self.exact["ar:" + k].add(i)
            if en:
                self.exact["en:" + en].add(i)
                for w in en.split():
                    self.exact["en:" + w].add(i)

    def find(self, query: str) -> list[dict]:
        from rapidfuzz import fuzz

        q = geo_key(query)
        ql = _latin(query.strip())
        hits = (self.exact.get("ar:" + q, set()) if q else set()) | (self.exact.get("en:" + ql, set()) if ql else set())
        if hits:
            return [self.timelines[i] for i in sorted(hits)]
        return [t for t, keys, en in zip(self.timelines, self.keys, self.en)
                if q and any(fuzz.ratio(q, k) >= 85 or k.startswith(q) for k in keys)
                or ql and en and fuzz.partial_ratio(ql, en) >= 90]


def find_place(timelines: list[dict], query: str) -> list[dict]:
    """Timelines whose place matches a name (Arabic or English, any spelling of the gazetteer's folding):
    the exact matches, else the close ones."""
    return PlaceFinder(timelines).find(query)
