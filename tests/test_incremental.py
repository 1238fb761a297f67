"""Runs that cost what they add (issue 18): after a run, reconciling, control timelines and exports touch
only what it changed, and give what one run of everything gives.

The articles are the invented reports of test_reconcile (two outlets telling one event, a capture told
both ways, ...), split into two batches.
"""
import json
import math
import random

import pytest

from conftest import GAZETTEER, store_url
from test_reconcile import COPY, SCENARIOS, _write

# B's reports join groups of A and make their own; a group is named after its first report (by day, then
# event id), and a report of B that would come first in one run joins the group A founded, keeping its name:
# the batches are such that A holds each group's first report
BATCH_A = SCENARIOS["corroborated"][:1] + SCENARIOS["toll"] + SCENARIOS["territory"][1:] + SCENARIOS["single"]
BATCH_B = (SCENARIOS["corroborated"][1:] + SCENARIOS["perpetrator"] + SCENARIOS["denial"] + SCENARIOS["conceded"]
           + SCENARIOS["territory"][:1] + [COPY])
PER_DOCUMENT = ("documents.jsonl", "events.jsonl", "events.csv", "places.jsonl")


def _run(store, path, pipeline, out):
    from rasid.export import export_run
    from rasid.runner import run

    summ = run([str(path)], store, pipeline)
    assert summ.failed == 0
    done, how = export_run(store, out, summ.run_id, summ.stored, summ.replaced)
    return summ, done, how


def _features(path):
    return sorted(json.dumps(f, sort_keys=True, ensure_ascii=False) for f in json.loads(path.read_text(encoding="utf-8"))["features"])


def _lines(path):
    return sorted(path.read_text(encoding="utf-8").splitlines())


def test_run_a_then_b_is_one_run_of_both(tmp_path, pipeline, backend):
    """Events, reconciled ids and records, control timelines and exports of A then B equal one run of A + B;
    the second run appends to the per-document exports and leaves the in-place ones to `rasid export`."""
    from rasid.control import compute, control
    from rasid.export import export_all
    from rasid.runner import run
    from rasid.store import Store

    a, b = _write(tmp_path / "a.jsonl", BATCH_A), _write(tmp_path / "b.jsonl", BATCH_B)
    inc = Store(store_url(backend, tmp_path / "inc"))
    one = Store(store_url(backend, tmp_path / "one"))
    _, done, how = _run(inc, a, pipeline, tmp_path / "inc_out")
    assert how == "full" and done["control.jsonl"] == "written"  # a first run writes everything
    summ, done, how = _run(inc, b, pipeline, tmp_path / "inc_out")
    assert how == "append"
    assert {n for n, w in done.items() if w == "appended"} == set(PER_DOCUMENT) | {"events.geojson"}
    assert done["reconciled.jsonl"] == done["control.jsonl"] == "kept" and done["errors.jsonl"] == "written"
    assert summ.reconciled["control"]["documents"] == len(BATCH_B)
    run([str(a), str(b)], one, pipeline)
    export_all(one, tmp_path / "one_out")

    assert list(inc.iter_events()) == list(one.iter_events())
    assert list(inc.iter_reconciled()) == list(one.iter_reconciled())  # the same ids and records
    assert control(inc) == control(one) == compute(one) and control(inc)
    for name in PER_DOCUMENT:  # the same lines; the run's documents come after the earlier ones
        assert _lines(tmp_path / "inc_out" / name) == _lines(tmp_path / "one_out" / name), name
    assert _features(tmp_path / "inc_out" / "events.geojson") == _features(tmp_path / "one_out" / "events.geojson")
    # `rasid export` writes the very files of one run
    export_all(inc, tmp_path / "inc_all")
    for p in sorted((tmp_path / "one_out").iterdir()):
        if p.name != ".rasid-export.json":
            assert (tmp_path / "inc_all" / p.name).read_bytes() == p.read_bytes(), p.name


def test_a_run_loads_only_the_groups_its_reports_can_join(tmp_path, pipeline):
    from rasid.reconcile import reconcile
    from rasid.runner import run
    from rasid.store import Store

    st = Store(tmp_path / "rasid.db")
    run([str(_write(tmp_path / "a.jsonl", [a for items in SCENARIOS.values() for a in items]))], st, pipeline)
    n_groups = st.counts()["reconciled"]
    summ = run([str(_write(tmp_path / "b.jsonl", [COPY]))], st, pipeline)
    r = summ.reconciled
    assert r["new_reports"] >= 1 and 1 <= r["groups_loaded"] < n_groups  # only the day of the strike at Kafr Nabl
    assert reconcile(st).new_reports == 0


def test_appending_gives_way_to_a_full_write_when_the_folder_or_the_store_changed_otherwise(tmp_path, pipeline):
    from rasid.export import MANIFEST
    from rasid.review import review_event
    from rasid.store import Store

    st = Store(tmp_path / "rasid.db")
    out = tmp_path / "out"
    _run(st, _write(tmp_path / "a.jsonl", BATCH_A[:2]), pipeline, out)
    # a file edited by hand: written again
    (out / "events.jsonl").write_text("", encoding="utf-8")
    _, done, how = _run(st, _write(tmp_path / "b.jsonl", BATCH_A[2:3]), pipeline, out)
    assert how == "full"
    # a review since the last export: events.jsonl must show it, so all are written
    event_id = next(st.iter_events())["event_id"]
    review_event(st, event_id, "reject", who="tester")
    _, done, how = _run(st, _write(tmp_path / "c.jsonl", BATCH_A[3:4]), pipeline, out)
    assert how == "full" and event_id not in (out / "events.jsonl").read_text(encoding="utf-8")
    # an article stored again with another text: its old lines must go
    doc_id, outlet, published, text = BATCH_A[3]
    _, done, how = _run(st, _write(tmp_path / "d.jsonl", [(doc_id, outlet, published, text + " وأصيب آخرون.")]), pipeline, out)
    assert how == "full"
    assert sum(json.loads(x)["doc_id"] == doc_id for x in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()) == 1
    # no manifest (a folder of an older rasid): written
    (out / MANIFEST).unlink()
    _, done, how = _run(st, _write(tmp_path / "e.jsonl", BATCH_B[:1]), pipeline, out)
    assert how == "full" and (out / MANIFEST).exists()


def test_control_update_follows_an_edited_article(tmp_path, pipeline):
    """An article stored again without its capture: its claims leave the timeline, as a fresh computation says."""
    from rasid.control import compute, control
    from rasid.runner import run
    from rasid.store import Store

    st = Store(tmp_path / "rasid.db")
    run([str(_write(tmp_path / "a.jsonl", SCENARIOS["territory"]))], st, pipeline)
    before = control(st)
    assert before and before == compute(st)
    doc_id, outlet, published, _ = SCENARIOS["territory"][1]
    run([str(_write(tmp_path / "b.jsonl", [(doc_id, outlet, published, "قتل مدنيان اليوم في قصف على مدينة الباب.")]))], st, pipeline)
    after = control(st)
    assert after == compute(st) and after != before
    assert all(c["doc_id"] != doc_id for t in after for c in t["claims"])


def _old_merge(places):
    """rasid.control's pairwise walk before the grid (the reference)."""
    from rasid.control import SAME_PLACE_KM
    from rasid.geo import geo_key, haversine

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


def test_place_roots_by_grid_are_those_of_the_pairwise_walk():
    from rasid.control import roots

    rng = random.Random(3)
    names = ["الباغوز", "الباغوز فوقاني", "الباغوز تحتاني", "هجين", "هجين الشرقي", "السوسة", "الشعفة", "البوكمال"]
    for lat0 in (33.0, 36.5, 70.0):
        places = {}
        for i in range(300):
            lat = lat0 + rng.uniform(-0.3, 0.3)
            lon = 40.0 + rng.uniform(-0.3, 0.3) / max(math.cos(math.radians(lat)), 0.1)
            places[f"g{rng.randrange(10 ** 6):06d}"] = {"name_ar": rng.choice(names), "lat": lat, "lon": lon}
        places["name:x"] = {"name_ar": "هجين", "lat": None, "lon": None}
        assert roots(places) == _old_merge(places)
        assert len(set(roots(places).values())) < len(places)  # (some places do join)


def test_an_event_left_unplaced_outside_the_changed_documents_is_still_placed(tmp_path, pipeline):
    """Reconciling looks for events not placed among the documents changed since the last end-of-run work;
    one placed nowhere for another reason (here its membership deleted) shows in the tables' counts, and every
    event is looked at then."""
    from sqlalchemy import delete, select

    from rasid.reconcile import reconcile
    from rasid.runner import run
    from rasid.store import Store, recon_members

    st = Store(tmp_path / "rasid.db")
    run([str(_write(tmp_path / "a.jsonl", [a for items in SCENARIOS.values() for a in items]))], st, pipeline)
    with st.engine.begin() as c:
        before = dict(c.execute(select(recon_members.c.event_id, recon_members.c.recon_id)).all())
        sizes = {}
        for rid in before.values():
            sizes[rid] = sizes.get(rid, 0) + 1
        event_id = next(e for e, rid in sorted(before.items()) if sizes[rid] >= 2)
        c.execute(delete(recon_members).where(recon_members.c.event_id == event_id))
    assert reconcile(st).new_reports == 1
    with st.engine.connect() as c:
        assert dict(c.execute(select(recon_members.c.event_id, recon_members.c.recon_id)).all()) == before
