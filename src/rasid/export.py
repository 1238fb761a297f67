"""Exports from the store: JSONL (spec), ACLED-column CSV, GeoJSON, errors, places.

ACLED conventions apply to the CSV only: the most conservative figure, vague
amounts as ACLED counts them (tens 10, dozens 12, hundreds 100), a toll reported
without a number as 10 (significant attack) or 3 (limited), no injuries,
4-decimal coordinates. What the CSV cannot carry (several locations, injured,
missing, territory, framing detail, evidence offsets) stays in events.jsonl;
see docs/exports.md.
"""
from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import json
import os
from pathlib import Path

from .store import Store

ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
]
EVENT_FIELDS = ["event_id", "doc_id", "outlet", "event_type", "sub_event_type", "date", "actor1", "assoc_actor1", "actor2",
                "assoc_actor2", "locations", "fatalities", "injured", "missing", "territory", "status", "attribution",
                "framing", "evidence"]
# ACLED inter codes by actor kind (actors.tsv column 'kind')
INTER = {"state": 1, "rebel": 2, "militia": 4, "identity": 4, "rioters": 5, "protesters": 6, "civilians": 7, "external": 8, "other": 3}
VAGUE = {"عشرات": 10, "العشرات": 10, "مئات": 100, "المئات": 100, "آلاف": 1000, "الآلاف": 1000}
COUNTRY = {"SY": ("Syria", 760, "Middle East"), "IQ": ("Iraq", 368, "Middle East")}


# json.dumps(x, ensure_ascii=False), one encoder for every record (not one made per call: tens of thousands a run)
_dumps = json.JSONEncoder(ensure_ascii=False).encode


def _write_atomic(path: Path, write) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8", newline="") as f:
        write(f)
    os.replace(tmp, path)


def _write_atomic_many(paths: list[Path], write) -> None:
    """:func:`_write_atomic` of several files written in one pass (``write`` is given them in order)."""
    tmps = [p.with_name(p.name + ".tmp") for p in paths]
    with contextlib.ExitStack() as stack:
        files = [stack.enter_context(open(t, "w", encoding="utf-8", newline="")) for t in tmps]
        write(*files)
    for t, p in zip(tmps, paths):
        os.replace(t, p)


def event_record(e: dict) -> dict:
    """The spec's export record (internal fields dropped)."""
    return {k: e.get(k) for k in EVENT_FIELDS}


LAYERS = ("report", "reconciled", "both")


MANIFEST = ".rasid-export.json"  # what the exports in a folder hold: the store, its counts, each file's size
PER_DOCUMENT = ("documents.jsonl", "events.jsonl", "events.csv", "events.geojson", "places.jsonl")
IN_PLACE = ("reconciled.jsonl", "control.jsonl", "reconciled.csv")  # change in place: written by a full export only


def _store_id(store: Store) -> str:
    """Which store the exports are of: its first run's start (a copy of the file is the same store)."""
    from sqlalchemy import select

    from .store import runs

    with store.engine.connect() as c:
        first = c.execute(select(runs.c.run_id, runs.c.started).order_by(runs.c.run_id).limit(1)).first()
    return f"{store.engine.dialect.name}:{tuple(first) if first else None}"


def _state(store: Store) -> dict:
    from sqlalchemy import func, select

    from .store import documents, events, reviews

    with store.engine.connect() as c:
        return {"documents": c.execute(select(func.count()).select_from(documents)).scalar(),
                "events": c.execute(select(func.count()).select_from(events)).scalar(),
                "reviews": c.execute(select(func.max(reviews.c.id))).scalar() or 0}


def _write_manifest(store: Store, out: Path, state: dict, files: dict[str, str], features: int, layer: str) -> None:
    sizes = {name: (out / name).stat().st_size for name in files}
    m = {"store": _store_id(store), **state, "layer": layer, "features": features,
         "files": {name: {"as_of": when, "bytes": sizes[name]} for name, when in files.items()}}
    _write_atomic(out / MANIFEST, lambda f: f.write(json.dumps(m, ensure_ascii=False, indent=1) + "\n"))


def read_manifest(out: Path) -> dict | None:
    try:
        return json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def export_all(store: Store, out: Path, layer: str = "report", as_of: str = "export") -> dict[str, Path]:
    """Write every export; ``layer`` picks the ACLED CSV(s): events.csv (report events), reconciled.csv, or both.
    ``as_of``: what the files are said to be as of in the folder's manifest (``.rasid-export.json``)."""
    from .control import control

    out.mkdir(parents=True, exist_ok=True)
    state = _state(store)
    names = ["documents.jsonl", "events.jsonl", "events.geojson", "errors.jsonl", "places.jsonl", "reconciled.jsonl",
             "control.jsonl", "reviews.jsonl"]
    if layer in ("report", "both"):
        names.append("events.csv")
    if layer in ("reconciled", "both"):
        names.append("reconciled.csv")
    paths = {name: out / name for name in names}
    # the per-document files in one read of the documents, the per-event ones in one read of the events
    _write_atomic_many([paths["documents.jsonl"], paths["places.jsonl"]], lambda fd, fp: _documents_and_places(store, fd, fp))
    features = [0]
    ev_files = [paths["events.jsonl"], paths["events.geojson"]] + ([paths["events.csv"]] if "events.csv" in paths else [])
    _write_atomic_many(ev_files, lambda *fs: features.__setitem__(0, _event_files(store, *fs)))
    if "reconciled.csv" in paths:
        _write_atomic(paths["reconciled.csv"], lambda f: _reconciled_csv(store, f))
    _write_atomic(paths["reconciled.jsonl"], lambda f: _jsonl(store.iter_reconciled(), f))
    _write_atomic(paths["control.jsonl"], lambda f: _jsonl(control(store), f))
    from .review import trail

    _write_atomic(paths["reviews.jsonl"], lambda f: _jsonl(trail(store), f))
    _write_atomic(paths["errors.jsonl"], lambda f: _errors(store, f))
    _write_manifest(store, out, state, {name: as_of for name in paths}, features[0], layer)
    return paths


def export_run(store: Store, out: Path, run_id: int, stored: int, replaced: int, mode: str = "auto") -> tuple[dict, str]:
    """The exports after a run: ``full`` writes them all (:func:`export_all`); ``auto`` appends the run's new
    documents to the per-document files (documents.jsonl, events.jsonl, events.csv, events.geojson,
    places.jsonl) when the folder holds this store's exports as of the run before (its manifest's counts
    plus the run's documents are the store's, no review since, the files as the manifest left them) and the
    run stored no new version of a document; it rewrites errors.jsonl and leaves reconciled.jsonl,
    control.jsonl (and reconciled.csv), which change in place, to ``rasid export``; otherwise it writes all.
    Returns {file: "appended" | "written" | "kept"} and the mode used ("append" | "full")."""
    from sqlalchemy import select

    from .store import documents, events

    m = read_manifest(out) if mode == "auto" else None
    state = _state(store)
    ok = (m is not None and replaced == 0 and m.get("store") == _store_id(store)
          and m.get("documents", -1) + stored == state["documents"] and m.get("reviews") == state["reviews"]
          and all((out / name).is_file() and (out / name).stat().st_size == f["bytes"] for name, f in m["files"].items()))
    if ok:
        with store.engine.connect() as c:
            ids = sorted(d for (d,) in c.execute(select(documents.c.doc_id).where(documents.c.run_id == run_id)))
            n_events = 0
            for part in _chunks(ids):
                n_events += len(c.execute(select(events.c.event_id).where(events.c.doc_id.in_(part))).all())
        ok = len(ids) == stored and m["events"] + n_events == state["events"]
    if not ok:
        paths = export_all(store, out, layer=(m or {}).get("layer", "report"), as_of=f"run {run_id}")
        return {name: "written" for name in paths}, "full"
    files = m["files"]
    done: dict[str, str] = {}
    docs = list(_docs_of(store, ids))
    evs = list(_events_of(store, ids))

    def append(name: str, write) -> None:
        if name in files:
            with open(out / name, "a", encoding="utf-8", newline="") as f:
                write(f)
            files[name] = {"as_of": f"run {run_id}", "bytes": (out / name).stat().st_size}
            done[name] = "appended"
    append("documents.jsonl", lambda f: [f.write(_dumps(_document(d)) + "\n") for d in docs])
    append("events.jsonl", lambda f: [f.write(_dumps(event_record(e)) + "\n") for e in evs])
    append("events.csv", lambda f: csv.DictWriter(f, fieldnames=ACLED_COLUMNS, extrasaction="ignore").writerows(
        acled_row(e) for e in evs))
    append("places.jsonl", lambda f: [f.write(_dumps({"doc_id": d["doc_id"], **p}) + "\n")
                                      for d in docs for p in json.loads(d["places"] or "[]")])
    features = m.get("features", 0)
    if "events.geojson" in files:
        path = out / "events.geojson"
        with open(path, "r+b") as f:
            f.seek(-len(GEOJSON_END), os.SEEK_END)
            if f.read() == GEOJSON_END:
                f.seek(-len(GEOJSON_END), os.SEEK_END)
                f.truncate()
                body = io.StringIO()
                features = _features(evs, body, first=features == 0) + features
                f.write(body.getvalue().encode("utf-8") + GEOJSON_END)
                ok = True
            else:
                ok = False
        if not ok:  # (not as this module ends it: written again)
            features = [0]
            _write_atomic(path, lambda f: features.__setitem__(0, _geojson(store, f)))
            features = features[0]
        files["events.geojson"] = {"as_of": f"run {run_id}", "bytes": path.stat().st_size}
        done["events.geojson"] = "appended" if ok else "written"
    _write_atomic(out / "errors.jsonl", lambda f: _errors(store, f))
    files["errors.jsonl"] = {"as_of": f"run {run_id}", "bytes": (out / "errors.jsonl").stat().st_size}
    done["errors.jsonl"] = "written"
    for name in files:
        done.setdefault(name, "kept")
    m.update(state, features=features, files=files)
    _write_atomic(out / MANIFEST, lambda f: f.write(json.dumps(m, ensure_ascii=False, indent=1) + "\n"))
    return done, "append"


def _chunks(xs: list, n: int = 500):
    for i in range(0, len(xs), n):
        yield xs[i:i + n]


def _docs_of(store: Store, ids: list[str]):
    from sqlalchemy import select

    from .store import documents

    with store.engine.connect() as c:
        for part in _chunks(ids):
            rows = {r["doc_id"]: dict(r) for r in c.execute(select(documents).where(documents.c.doc_id.in_(part))).mappings()}
            for d in part:
                yield rows[d]


def _events_of(store: Store, ids: list[str]):
    """The report events of these documents in document order, as reviewed (rejected ones left out)."""
    from sqlalchemy import select

    from .review import apply, event_reviews
    from .store import events

    with store.engine.connect() as c:
        for part in _chunks(ids):
            recs = [json.loads(r) for (r,) in c.execute(select(events.c.record).where(events.c.doc_id.in_(part)).order_by(
                events.c.doc_id, events.c.seq))]
            by_doc: dict[str, list] = {}
            for r in recs:
                by_doc.setdefault(r["doc_id"], []).append(r)
            revs = event_reviews(c, [r["event_id"] for r in recs]) if recs else {}
            for d in part:
                for r in by_doc.get(d, []):
                    rv = revs.get(r["event_id"])
                    r = apply(r, rv) if rv else r
                    if r is not None:
                        yield r


def _document(d: dict) -> dict:
    return {"doc_id": d["doc_id"], "outlet": d["outlet"], "url": d["url"], "title": d["title"],
            "published": d["published"],
            "published_source": d.get("published_source") or ("metadata" if d["published"] else "none"),
            "language": d["language"], "text": d["text"],
            "removed": json.loads(d["removed"] or "[]"), "duplicate_of": d["duplicate_of"]}


def _documents(store: Store, f) -> None:
    for d in store.iter_documents():
        f.write(_dumps(_document(d)) + "\n")


def _documents_and_places(store: Store, docs, places) -> None:
    """:func:`_documents` into ``docs`` and :func:`_places` into ``places``, in one read of the documents."""
    for d in store.iter_documents():
        docs.write(_dumps(_document(d)) + "\n")
        for p in json.loads(d["places"] or "[]"):
            places.write(_dumps({"doc_id": d["doc_id"], **p}) + "\n")


def _event_files(store: Store, jsonl, geojson, acled=None) -> int:
    """:func:`_events`, :func:`_geojson` and (``acled``) :func:`_csv` in one read of the events; returns the
    GeoJSON's features."""
    w = None
    if acled is not None:
        w = csv.DictWriter(acled, fieldnames=ACLED_COLUMNS, extrasaction="ignore")
        w.writeheader()
    geojson.write(GEOJSON_START)
    n = 0
    for e in store.iter_events(reviewed=True):  # reviewers' corrections applied, rejected events left out
        jsonl.write(_dumps(event_record(e)) + "\n")
        if w is not None:
            w.writerow(acled_row(e))
        n += _features((e,), geojson, first=n == 0)
    geojson.write(GEOJSON_END.decode())
    return n


def _events(store: Store, f) -> None:
    for e in store.iter_events(reviewed=True):  # reviewers' corrections applied, rejected events left out
        f.write(_dumps(event_record(e)) + "\n")


def _jsonl(records, f) -> None:
    for r in records:
        f.write(_dumps(r) + "\n")


def _errors(store: Store, f) -> None:
    for e in store.iter_errors():
        f.write(_dumps(e) + "\n")


def _places(store: Store, f) -> None:
    for d in store.iter_documents():
        for p in json.loads(d["places"] or "[]"):
            f.write(_dumps({"doc_id": d["doc_id"], **p}) + "\n")


# ---------------------------------------------------------------- ACLED CSV
def acled_fatalities(e: dict) -> int:
    """ACLED's figure: the most conservative number; vague amounts by ACLED's table."""
    f = e.get("fatalities")
    if not f:
        return 0
    if f.get("value") is not None:
        v = int(f["value"])
        return v + 1 if f.get("qualifier") == "more_than" else v
    text = (f.get("text") or "")
    for w, v in VAGUE.items():
        if w in text:
            return v
    significant = e.get("event_type") in ("Explosions/Remote violence",) and e.get("sub_event_type") in ("Suicide bomb", "Remote explosive/landmine/IED", "Air/drone strike")
    return 10 if significant else 3


def _actor_kind(aid: str | None) -> str | None:
    if not aid:
        return None
    from .lexicon import default_lexicon

    a = default_lexicon().actors.get(aid)
    return a.kind if a else "other"


def acled_row(e: dict) -> dict:
    date = e.get("date") or {}
    loc = (e.get("locations") or [{}])[0]
    a1, a2 = (e.get("actor1") or {}).get("id"), (e.get("actor2") or {}).get("id")
    i1, i2 = INTER.get(_actor_kind(a1) or "", 0), INTER.get(_actor_kind(a2) or "", 0)
    iso = "SY" if loc.get("lat") and loc.get("lon", 0) < 42.5 and loc.get("lat", 0) > 32.3 else ("IQ" if loc.get("lat") else "")
    country, iso_n, region = COUNTRY.get(iso, ("", "", ""))
    att = e.get("attribution") or {}
    quotes = " / ".join(q["quote"] for q in e.get("evidence") or [])
    notes = f"{quotes} [{att.get('kind', '')}: {att.get('text', '')}]".strip()
    tags = [f"status={e.get('status')}"] + [f"framing={f['marker']}" for f in e.get("framing") or []]
    prec = date.get("precision")
    disorder = "Demonstrations" if e.get("event_type") in ("Protests", "Riots") else "Strategic developments" if e.get("event_type") == "Strategic developments" else "Political violence"
    return {
        "event_id_cnty": e["event_id"], "event_date": date.get("start") or "", "year": (date.get("start") or "")[:4],
        "time_precision": prec if prec else 3, "disorder_type": disorder, "event_type": e.get("event_type"),
        "sub_event_type": e.get("sub_event_type"), "actor1": a1 or "", "assoc_actor_1": "; ".join(x["id"] for x in e.get("assoc_actor1") or []),
        "inter1": i1 or "", "actor2": a2 or "", "assoc_actor_2": "; ".join(x["id"] for x in e.get("assoc_actor2") or []),
        "inter2": i2 or "", "interaction": (min(i1, i2) * 10 + max(i1, i2)) if i1 and i2 else (i1 * 10 if i1 else ""),
        "civilian_targeting": "Civilian targeting" if a2 == "Civilians" else "", "iso": iso_n, "region": region,
        "country": country, "admin1": loc.get("admin1") or "", "admin2": "", "admin3": "",
        "location": loc.get("name") or loc.get("name_ar") or loc.get("text") or "",
        "latitude": f"{loc['lat']:.4f}" if loc.get("lat") is not None else "",
        "longitude": f"{loc['lon']:.4f}" if loc.get("lon") is not None else "",
        "geo_precision": loc.get("geo_precision") or "", "source": e.get("outlet") or "", "source_scale": "",
        "notes": notes, "fatalities": acled_fatalities(e), "tags": "; ".join(tags),
        "timestamp": _timestamp(date.get("start")),
    }


def _timestamp(day: str | None) -> int | str:
    """ACLED's timestamp column; here the event day at 00:00 UTC, so exports stay deterministic."""
    if not day:
        return ""
    return int(dt.datetime.fromisoformat(day).replace(tzinfo=dt.timezone.utc).timestamp())


def _csv(store: Store, f) -> None:
    w = csv.DictWriter(f, fieldnames=ACLED_COLUMNS, extrasaction="ignore")
    w.writeheader()
    for e in store.iter_events(reviewed=True):
        w.writerow(acled_row(e))


def reconciled_row(r: dict, outlets) -> dict:
    """One ACLED row for a reconciled event: all its outlets as source, its best toll as fatalities."""
    best = (r.get("fatalities") or {}).get("best")
    pseudo = {
        "event_id": r["recon_id"], "event_type": r["event_type"], "sub_event_type": r["sub_event_type"], "date": r["date"],
        "actor1": {"id": r["actor1"]} if r.get("actor1") else None, "actor2": {"id": r["actor2"]} if r.get("actor2") else None,
        "locations": r.get("locations") or [],
        "fatalities": {"value": best["value"], "qualifier": best.get("qualifier")} if best else None,
    }
    vague = (r.get("fatalities") or {}).get("unknown")
    if not best and vague:
        pseudo["fatalities"] = {"value": None, "text": vague[0].get("value")}
    row = acled_row(pseudo)
    loc = (r.get("locations") or [{}])[0]
    country = "SY" if row["country"] == "Syria" else "IQ" if row["country"] == "Iraq" else None
    scales = sorted({outlets.scale(o, country) for o in r.get("outlets") or []})
    quotes = " / ".join(f"{rep['outlet']}: {rep['quote']}" for rep in r.get("reports") or [] if rep.get("quote"))
    row.update(source="; ".join(r.get("outlets") or []), source_scale="-".join(scales), notes=quotes,
               tags="; ".join([f"grade={r['grade']}", f"independent_outlets={r['independent_outlets']}"]
                              + [f"contradiction={c['kind']}" for c in r.get("contradictions") or []]),
               location=loc.get("name") or loc.get("name_ar") or "")
    return row


def _reconciled_csv(store: Store, f) -> None:
    from .reconcile import Outlets

    outlets = Outlets()
    w = csv.DictWriter(f, fieldnames=ACLED_COLUMNS, extrasaction="ignore")
    w.writeheader()
    for r in store.iter_reconciled():
        w.writerow(reconciled_row(r, outlets))


# ---------------------------------------------------------------- GeoJSON
GEOJSON_END = b"\n]}\n"


def _features(evs, f, first: bool = True) -> int:
    n = 0
    for e in evs:
        rec = event_record(e)
        for i, loc in enumerate(e.get("locations") or []):
            if loc.get("lat") is None or loc.get("lon") is None:
                continue
            props = {k: v for k, v in rec.items() if k != "locations"}
            props["location"] = loc
            props["location_index"] = i
            feat = {"type": "Feature", "id": f"{e['event_id']}-{i}",
                    "geometry": {"type": "Point", "coordinates": [loc["lon"], loc["lat"]]}, "properties": props}
            f.write(("" if first else ",") + "\n" + _dumps(feat))
            first = False
            n += 1
    return n


GEOJSON_START = '{"type": "FeatureCollection", "features": ['


def _geojson(store: Store, f) -> int:
    f.write(GEOJSON_START)
    n = _features(store.iter_events(reviewed=True), f)
    f.write(GEOJSON_END.decode())
    return n
