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
from functools import lru_cache

import ahocorasick

from .arabic import NormText, _translate, sentences
from .geo import geo_key, haversine
from .lexicon import Lexicon, Matcher, default_lexicon, read_tsv
from sqlalchemy import delete, exists, insert, select
from sqlalchemy import update as sql_update

from .store import Store

@lru_cache(maxsize=65536)
def _geo_key(name: str) -> str:
    """:func:`rasid.geo.geo_key` of a place name, remembered: the same few thousand names are keyed again
    for every event and place that names them."""
    return geo_key(name)


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
    k = _geo_key(loc.get("name_ar") or loc.get("text") or "")
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
        # the phrases without their spaces, for :meth:`may_hold`
        self.flat = ahocorasick.Automaton()
        for key in self.cues.auto.keys():
            self.flat.add_word(key.replace(" ", ""), True)
        if len(self.flat):
            self.flat.make_automaton()

    def may_hold(self, text: str) -> bool:
        """False when the text can hold no control phrase: most articles hold none, and telling so this way
        is a tenth of the cost of the normalised text the phrases are looked for in. (The normalised text
        without its spaces is the text with each character translated, less the dropped ones and the spaces:
        a phrase in it is, without its spaces, in that.)"""
        if not len(self.flat):
            return False
        flat = _translate(text).replace("\x00", "").replace(" ", "")
        return next(self.flat.iter(flat), None) is not None

    def of_document(self, doc: dict) -> list[Claim]:
        """:meth:`claims` of a stored document (its ``places`` JSON read only when the text may hold a phrase)."""
        if not self.may_hold(doc.get("text") or ""):
            return []
        return self.claims(doc, json.loads(doc.get("places") or "[]"))

    def claims(self, doc: dict, places: list[dict]) -> list[Claim]:
        text = doc.get("text") or ""
        if not places or not self.may_hold(text):
            return []
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
    return roots(places)


GRID = 0.1  # degrees of latitude per cell of the pair search in :func:`roots`


def roots(places: dict[str, dict]) -> dict[str, str]:
    """Each place key's timeline key (root): places whose Arabic names' keys are one a prefix of the other and
    which lie within SAME_PLACE_KM are one timeline. The pairs are found through a grid and joined in the
    order of a walk over every pair of the sorted keys (a before b: b's timeline joins a's), so the roots
    are those of that walk whichever places were added when."""
    import math

    keys = sorted(places)
    pos = {k: i for i, k in enumerate(keys)}
    parent = {k: k for k in keys}

    def find(k):
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k
    cells: dict[tuple[int, int], list[str]] = defaultdict(list)
    names: dict[str, str] = {}
    for k in keys:
        p = places[k]
        if p.get("lat") is None:
            continue
        names[k] = _geo_key(p.get("name_ar") or "")
        cells[(math.floor(p["lat"] / GRID), math.floor(p["lon"] / GRID))].append(k)
    dlat = math.ceil(SAME_PLACE_KM / (110.0 * GRID))
    pairs = []
    for a, na in names.items():
        if not na:
            continue
        pa = places[a]
        cx, cy = math.floor(pa["lat"] / GRID), math.floor(pa["lon"] / GRID)
        cos = max(math.cos(math.radians(min(abs(pa["lat"]) + dlat * GRID * 2, 89.9))), 1e-6)
        dlon = math.ceil(SAME_PLACE_KM / (110.0 * GRID * cos))
        for x in range(cx - dlat, cx + dlat + 1):
            for y in range(cy - dlon, cy + dlon + 1):
                for b in cells.get((x, y), ()):
                    if pos[b] <= pos[a]:
                        continue
                    nb = names[b]
                    pb = places[b]
                    if nb and (na.startswith(nb) or nb.startswith(na)) and \
                            haversine((pa["lat"], pa["lon"]), (pb["lat"], pb["lon"])) <= SAME_PLACE_KM:
                        pairs.append((pos[a], pos[b]))
    for i, j in sorted(pairs):
        parent[find(keys[j])] = find(keys[i])
    return {k: find(k) for k in keys}


def _order(c: dict) -> tuple:
    """A claim record's place in its timeline: by date (the undated last), action, actor, document, event."""
    return (c["date"] is None, c["date"] or "", c["action"], c["actor"] or "", c["doc_id"], c["event_id"] or "")


def _intervals(claims: list[dict], lex: Lexicon) -> list[dict]:
    intervals: list[dict] = []
    open_: dict[str, dict] = {}
    for c in claims:
        date, actor, action = c["date"], c["actor"], c["action"]
        if date is None or c["status"] == "denied":
            continue
        if action in ("took", "holds"):
            for a, iv in list(open_.items()):
                if not lex.allied(a, actor):
                    iv["end"] = date
                    del open_[a]
            iv = open_.get(actor)
            if iv is None:
                iv = {"actor": actor, "start": date, "end": None, "claims": []}
                open_[actor] = iv
                intervals.append(iv)
            iv["claims"].append(c["event_id"] or c["doc_id"])
        elif action == "lost" and actor in open_:
            open_[actor]["end"] = date
            open_[actor]["claims"].append(c["event_id"] or c["doc_id"])
            del open_[actor]
    return intervals


def _holders(claims: list[dict]) -> dict[str, list[dict]]:
    """The dated claims that say who holds a place, by day (in timeline order)."""
    days: dict[str, list[dict]] = defaultdict(list)
    for c in claims:
        if c["action"] in ("took", "holds", "lost") and c["status"] != "denied" and c["date"] is not None:
            days[c["date"]].append(c)
    return days


def _day_conflicts(holders: list[dict], lex: Lexicon) -> list[dict]:
    """Claims of one day from different articles and outlets that disagree. (An undated claim says nothing
    about which days, so it is no side of a conflict: it met every claim of every day before, 98% of the
    corpus's conflicts, quadratic in a place's claims.)"""
    out = []
    for i, a in enumerate(holders):
        for b in holders[i + 1:]:
            if a["doc_id"] == b["doc_id"] or a["outlet"] == b["outlet"] and a["outlet"]:
                continue
            says_a, says_b = a["action"] != "lost", b["action"] != "lost"
            if (says_a and says_b and not lex.allied(a["actor"], b["actor"])) or (a["actor"] == b["actor"] and says_a != says_b):
                out.append({"a": a, "b": b})
    return out


def timeline(place: dict, claims: list[Claim], lex: Lexicon) -> dict:
    """One place's claims in date order, the intervals they imply, and their conflicts."""
    recs = sorted((c.record() for c in claims), key=_order)
    conflicts = [x for _, day in sorted(_holders(recs).items()) for x in _day_conflicts(day, lex)]
    return {"place": place, "outlets": sorted({c["outlet"] for c in recs if c["outlet"]}),
            "claims": recs, "intervals": _intervals(recs, lex), "conflicts": conflicts}


def _holds(c: dict) -> bool:
    """A claim that says who holds a place on a day (what :func:`_intervals` and the conflicts read)."""
    return c["action"] in ("took", "holds", "lost") and c["status"] != "denied" and c["date"] is not None


def _head(place: dict, claims: list[dict]) -> dict:
    """A kept timeline's head (control_timelines.record): the place, its claims' outlets counted, and how many
    claims say more than fighting."""
    outlets: dict[str, int] = defaultdict(int)
    for c in claims:
        if c["outlet"]:
            outlets[c["outlet"]] += 1
    return {"place": place, "outlets": dict(sorted(outlets.items())), "said": sum(c["action"] != "fighting" for c in claims)}


UNDATED = "~"  # control_days.day of undated claims: "~" + action + "\x1f" + actor, in :func:`_order`'s order


def _day_key(c: dict) -> str:
    """The control_days row a claim is kept in: its day, or for an undated claim its action and actor (the undated
    claims of a big place are many: one row for them all would be rewritten by every run naming it undated)."""
    return c["date"] or f'{UNDATED}{c["action"]}\x1f{c["actor"] or ""}'  # (no action is a prefix of another)


def _day_record(claims: list[dict], lex: Lexicon, day: str) -> dict:
    dated = not day.startswith(UNDATED)
    return {"claims": claims, "conflicts": _day_conflicts([c for c in claims if _holds(c)], lex) if dated else []}


def split(tl: dict) -> tuple[dict, dict[str, dict]]:
    """A timeline (as :func:`timeline` makes it) in the pieces the store keeps: its head and its days."""
    days: dict[str, dict] = {}
    for c in tl["claims"]:
        days.setdefault(_day_key(c), {"claims": [], "conflicts": []})["claims"].append(c)
    for x in tl["conflicts"]:
        days[x["a"]["date"]]["conflicts"].append(x)
    return _head(tl["place"], tl["claims"]), days


def assemble(head: dict, days: dict[str, dict], lex: Lexicon) -> dict:
    """The timeline kept as ``head`` and ``days`` (:func:`split`): what :func:`timeline` makes of its claims."""
    order = sorted(days)  # (the days, then the undated rows: "~" sorts after the digits)
    claims = [c for d in order for c in days[d]["claims"]]
    return {"place": head["place"], "outlets": list(head["outlets"]), "claims": claims, "intervals": _intervals(claims, lex),
            "conflicts": [x for d in order for x in days[d]["conflicts"]]}


def _patch(c, r: str, head: dict, gone: set[str], removed: list[dict], new: list[dict], lex: Lexicon) -> bool:
    """Bring the kept timeline ``r`` up to date in place: the claims ``removed`` (those its documents ``gone`` made)
    out, the claim records ``new`` (in :func:`control`'s order) in; only the days they fall on are read and
    written. False: no claim but fighting left (the caller drops it)."""
    import bisect

    from .store import control_days, control_timelines

    for x, sign in ((removed, -1), (new, 1)):
        for cl in x:
            if cl["outlet"]:
                head["outlets"][cl["outlet"]] = head["outlets"].get(cl["outlet"], 0) + sign
            head["said"] += sign * (cl["action"] != "fighting")
    if head["said"] <= 0:
        return False
    head["outlets"] = {o: n for o, n in sorted(head["outlets"].items()) if n > 0}
    days = sorted({_day_key(cl) for cl in removed} | {_day_key(cl) for cl in new})
    stored: dict[str, list[dict]] = {}
    for part in _chunks(days):
        for d, rec in c.execute(select(control_days.c.day, control_days.c.record).where(
                control_days.c.root == r, control_days.c.day.in_(part))):
            stored[d] = json.loads(rec)["claims"]
    by_day: dict[str, list[dict]] = defaultdict(list)
    for cl in sorted(new, key=_order):  # (stable: a document's claims of one key keep their order)
        by_day[_day_key(cl)].append(cl)
    for part in _chunks(days):
        c.execute(delete(control_days).where(control_days.c.root == r, control_days.c.day.in_(part)))
    rows = []
    for d in days:
        claims = [cl for cl in stored.get(d, []) if cl["doc_id"] not in gone] if gone else stored.get(d, [])
        for cl in by_day.get(d, []):
            claims.insert(bisect.bisect_right(claims, _order(cl), key=_order), cl)
        if claims:
            rows.append({"root": r, "day": d, "record": json.dumps(_day_record(claims, lex, d), ensure_ascii=False)})
    for part in _chunks(rows):
        c.execute(insert(control_days), part)
    c.execute(sql_update(control_timelines).where(control_timelines.c.root == r).values(
        record=json.dumps(head, ensure_ascii=False)))
    return True


def _keep(c, r: str, tl: dict) -> None:
    """Store the timeline ``tl`` of root ``r`` (none kept for it now) in its pieces."""
    _keep_many(c, [(r, tl)])


def _keep_many(c, tls: list[tuple[str, dict]]) -> None:
    """Store timelines (root, timeline), none kept for their roots now, in their pieces: a few statements for them all."""
    from .store import control_days, control_timelines

    heads, rows = [], []
    for r, tl in tls:
        head, days = split(tl)
        heads.append({"root": r, "record": json.dumps(head, ensure_ascii=False)})
        rows += [{"root": r, "day": d, "record": json.dumps(rec, ensure_ascii=False)} for d, rec in days.items()]
    for part in _chunks(heads):
        c.execute(insert(control_timelines), part)
    for part in _chunks(rows):
        c.execute(insert(control_days), part)


def _batches(roots_: list[str], members: dict[str, list[str]], n: int = 500):
    """``roots_`` in order, in runs whose places number about ``n`` (one query reads a run's claims)."""
    batch, size = [], 0
    for r in roots_:
        if batch and size + len(members[r]) > n:
            yield batch
            batch, size = [], 0
        batch.append(r)
        size += len(members[r])
    if batch:
        yield batch


def _drop(c, roots_: list[str]) -> None:
    from .store import control_days, control_timelines

    for part in _chunks(sorted(roots_)):
        c.execute(delete(control_timelines).where(control_timelines.c.root.in_(part)))
        c.execute(delete(control_days).where(control_days.c.root.in_(part)))


HOLDING = 1_000_000  # control_claims.ord of a document's first "holds" claim: its event claims come before


def _event_claims(events) -> list[Claim]:
    claims: list[Claim] = []
    for e in events:
        if e.get("background"):
            continue  # told as the past ("منذ سيطرته على المدينة عام 2014"): kept in the data, out of control intervals
        claims += event_claims(e)
    return claims


def doc_claims(doc: dict, events: list[dict], reader: HoldingReader) -> tuple[list[Claim], list[Claim]]:
    """One document's claims as :func:`control` meets them: its events' (in order; those told as the past
    left out), and its control phrases'."""
    return _event_claims(events), reader.of_document(doc)


def _unique(claims: list[Claim]) -> list[Claim]:
    seen, out = set(), []
    for c in claims:
        k = (c.place_key, c.actor, c.action, c.doc_id, c.event_id)
        if k not in seen:
            seen.add(k)
            out.append(c)
    return out


def _timelines(claims: list[Claim], root: dict[str, str], lex: Lexicon) -> dict[str, dict]:
    """The timeline of each root whose claims say more than fighting (claims in :func:`control`'s order)."""
    groups: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        groups[root[c.place_key]].append(c)
    out = {}
    for key in sorted(groups):
        cs = groups[key]
        if not any(c.action != "fighting" for c in cs):
            continue  # fighting alone says nothing about who holds a place
        place = next(c.place for c in cs if c.place_key == key)
        others = {c.place_key: c.place for c in cs if c.place_key != key}
        place = {**place, "also": sorted(others), "also_names": sorted({p.get("name_ar") or "" for p in others.values()} - {""})}
        out[key] = timeline(place, cs, lex)
    return out


def compute(store: Store, lexicon: Lexicon | None = None) -> list[dict]:
    """Every place's control timeline computed afresh from the stored report events and documents (each
    kind of claim in doc id order by code point, on every database)."""
    lex = lexicon or default_lexicon()
    reader = HoldingReader(lex)
    from_events = _event_claims(store.iter_events())
    holding: list[Claim] = []
    for d in store.iter_documents():
        holding += reader.of_document(d)
    from_events.sort(key=lambda c: c.doc_id)  # (stable: each document's in event order)
    holding.sort(key=lambda c: c.doc_id)
    claims = _unique(from_events + holding)
    if not claims:
        return []
    tls = _timelines(claims, _merge_places(claims), lex)
    return [tls[k] for k in sorted(tls)]


def _chunks(xs: list, n: int = 500):
    for i in range(0, len(xs), n):
        yield xs[i:i + n]


def _pending(c) -> tuple[list[str], list[str]]:
    """Documents whose claims are not stored for their current version, and those stored for a document gone."""
    from .store import control_docs, documents

    cd, dd = control_docs.alias("cd"), documents.alias("dd")
    changed = [d for (d,) in c.execute(select(documents.c.doc_id).outerjoin(cd, cd.c.doc_id == documents.c.doc_id).where(
        (cd.c.doc_id.is_(None)) | (cd.c.content_hash != documents.c.content_hash)))]
    gone = [d for (d,) in c.execute(select(control_docs.c.doc_id).where(~exists().where(dd.c.doc_id == control_docs.c.doc_id)))]
    return changed, gone


def _built(c) -> bool:
    from .store import control_docs

    return c.execute(select(control_docs.c.doc_id).limit(1)).first() is not None


def control(store: Store, lexicon: Lexicon | None = None) -> list[dict]:
    """Every place's control timeline: as kept in the store when it is up to date (:func:`update` after each
    run), else computed afresh from the stored report events and documents (the same timelines)."""
    from .store import control_timelines

    if not hasattr(store, "engine"):  # (anything with iter_events and iter_documents)
        return compute(store, lexicon)
    with store.engine.connect() as c:
        if _built(c) and _pending(c) == ([], []):
            from .store import control_days

            lex = lexicon or default_lexicon()
            heads = dict(c.execute(select(control_timelines.c.root, control_timelines.c.record)).all())
            days: dict[str, dict[str, dict]] = defaultdict(dict)
            for r, d, rec in c.execute(select(control_days.c.root, control_days.c.day, control_days.c.record)):
                days[r][d] = json.loads(rec)
            return [assemble(json.loads(heads[r]), days[r], lex) for r in sorted(heads)]
    return compute(store, lexicon)


def _claim_json(c: Claim) -> str:
    return json.dumps([c.place_key, c.place, c.actor, c.action, c.date, c.outlet, c.status, c.doc_id, c.event_id,
                       c.quote, c.start, c.end], ensure_ascii=False)


def _claim(s: str) -> Claim:
    return Claim(*json.loads(s))


def update(store: Store, lexicon: Lexicon | None = None, *, full: bool = False) -> dict:
    """Bring the stored control timelines up to date with the stored documents (inside the writer's lock):
    the claims of documents new or stored again since are read, those of documents gone dropped, and only
    the timelines of the places they name (with any they join or leave) made again. ``full``: all of them.
    Returns figures: documents read, places touched, timelines written."""
    from .store import control_claims, control_days, control_docs, control_places, control_timelines, documents, events

    lex = lexicon or default_lexicon()
    with store.engine.begin() as c:
        if full:
            for t in (control_days, control_timelines, control_places, control_claims, control_docs):
                c.execute(delete(t))
        changed, gone = _pending(c)
        if not changed and not gone:
            return {"documents": 0, "places": 0, "timelines": 0}
        ids = sorted(set(changed) | set(gone))
        affected: set[str] = set()
        removed: list[tuple[str, dict]] = []  # the claims dropped now: (place key, claim record)
        for part in _chunks(ids):
            for k, rec in c.execute(select(control_claims.c.place_key, control_claims.c.record).where(control_claims.c.doc_id.in_(part))):
                affected.add(k)
                removed.append((k, _claim(rec).record()))
            c.execute(delete(control_claims).where(control_claims.c.doc_id.in_(part)))
            c.execute(delete(control_docs).where(control_docs.c.doc_id.in_(part)))
        reader = HoldingReader(lex)
        new_places: dict[str, dict] = {}
        fresh: list[tuple[str, int, Claim]] = []  # the claims read now: (doc id, ord, claim)
        for part in _chunks(sorted(changed)):
            by_doc: dict[str, list[dict]] = defaultdict(list)
            for (rec,) in c.execute(select(events.c.record).where(events.c.doc_id.in_(part)).order_by(events.c.doc_id, events.c.seq)):
                e = json.loads(rec)
                by_doc[e["doc_id"]].append(e)
            rows, marks = [], []
            for d in c.execute(select(documents.c.doc_id, documents.c.content_hash, documents.c.text, documents.c.published,
                                      documents.c.outlet, documents.c.places).where(documents.c.doc_id.in_(part))).mappings():
                ev, hold = doc_claims(dict(d), by_doc.get(d["doc_id"], []), reader)
                ev, hold = _unique(ev), _unique(hold)
                rows += [{"doc_id": d["doc_id"], "ord": i, "place_key": cl.place_key, "record": _claim_json(cl)} for i, cl in enumerate(ev)]
                rows += [{"doc_id": d["doc_id"], "ord": HOLDING + i, "place_key": cl.place_key, "record": _claim_json(cl)}
                         for i, cl in enumerate(hold)]
                marks.append({"doc_id": d["doc_id"], "content_hash": d["content_hash"]})
                for cl in ev + hold:
                    new_places.setdefault(cl.place_key, cl.place)
                fresh += [(d["doc_id"], i, cl) for i, cl in enumerate(ev)] + [(d["doc_id"], HOLDING + i, cl) for i, cl in enumerate(hold)]
            for chunk in _chunks(rows, 1000):
                c.execute(insert(control_claims), chunk)
            if marks:
                c.execute(insert(control_docs), marks)
        affected |= set(new_places)
        # the places still named by a claim; a place no claim names any more leaves (it joined timelines)
        stored = {k: (r, p) for k, r, p in c.execute(select(control_places.c.place_key, control_places.c.root, control_places.c.place))}
        named = set()
        for part in _chunks(sorted(affected & set(stored))):
            named |= {k for (k,) in c.execute(select(control_claims.c.place_key).where(control_claims.c.place_key.in_(part)).distinct())}
        dropped = (affected & set(stored)) - named
        for part in _chunks(sorted(dropped)):
            c.execute(delete(control_places).where(control_places.c.place_key.in_(part)))
        places = {k: json.loads(p) for k, (r, p) in stored.items() if k not in dropped}
        added = {k: p for k, p in new_places.items() if k not in places}
        places.update(added)
        root = roots(places)
        old_root = {k: r for k, (r, _) in stored.items()}
        moved = [k for k in places if k in old_root and old_root[k] != root[k]]
        if added:
            c.execute(insert(control_places), [{"place_key": k, "root": root[k], "place": json.dumps(p, ensure_ascii=False)}
                                               for k, p in sorted(added.items())])
        for k in moved:
            c.execute(sql_update(control_places).where(control_places.c.place_key == k).values(root=root[k]))
        touched = affected | set(moved)
        redo = {root[k] for k in touched if k in root}
        # a timeline whose places stay the same grows by the claims read now (less those of the documents read
        # again or gone): its kept head and the days those claims fall on are patched (:func:`_patch`), not made
        # again from every claim
        reshaped = set(moved) | set(added) | dropped
        whole = {root[k] for k in reshaped if k in root} | {old_root[k] for k in reshaped if k in old_root}
        whole |= {root[cl.place_key] for _, _, cl in fresh if cl.place != places.get(cl.place_key)}
        stored_tl: dict[str, str] = {}
        for part in _chunks(sorted(redo - whole)):
            stored_tl.update(c.execute(select(control_timelines.c.root, control_timelines.c.record).where(
                control_timelines.c.root.in_(part))).all())
        fresh.sort(key=lambda t: (t[1] >= HOLDING, t[0], t[1]))  # control()'s order
        new_recs: dict[str, list[dict]] = defaultdict(list)
        for _, _, cl in fresh:
            new_recs[root[cl.place_key]].append(cl.record())
        old_recs: dict[str, list[dict]] = defaultdict(list)
        for k, rec in removed:
            if k in old_root:
                old_recs[old_root[k]].append(rec)
        written, gone_docs, dead = 0, set(ids), []
        for r in sorted(stored_tl):
            if _patch(c, r, json.loads(stored_tl[r]), gone_docs, old_recs.get(r, []), new_recs.get(r, []), lex):
                written += 1
            else:
                dead.append(r)
        _drop(c, dead)
        redo -= set(stored_tl)
        stale = redo | {old_root[k] for k in touched if k in old_root and old_root[k] not in stored_tl}
        _drop(c, sorted(stale))
        members: dict[str, list[str]] = defaultdict(list)
        for k, r in root.items():
            if r in redo:
                members[r].append(k)
        for batch in _batches(sorted(redo), members):
            by_root: dict[str, list[tuple]] = defaultdict(list)
            for part in _chunks(sorted(k for r in batch for k in members[r])):
                for d, o, k, rec in c.execute(select(control_claims.c.doc_id, control_claims.c.ord, control_claims.c.place_key,
                                                     control_claims.c.record).where(control_claims.c.place_key.in_(part))):
                    by_root[root[k]].append((d, o, rec))
            kept = []
            for r in batch:
                claims = by_root.get(r, [])
                claims.sort(key=lambda t: (t[1] >= HOLDING, t[0], t[1]))  # control()'s order: events', then phrases'
                tls = _timelines([_claim(rec) for _, _, rec in claims], root, lex)
                if r in tls:
                    kept.append((r, tls[r]))
            _keep_many(c, kept)
            written += len(kept)
        return {"documents": len(ids), "places": len(touched), "timelines": written}


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
