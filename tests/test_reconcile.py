"""Across outlets: near-duplicates, reconciled events and their grades, contradictions, control, claim check.

The scenarios are short Arabic reports written for these tests (outlet, publication day, text), each
pair telling one event the way two outlets would; the duplicate pair comes from ../shared/corpus.
"""
import csv
import json
import subprocess
import sys

import pytest

from conftest import CORPUS, DEV, GAZETTEER, NO_PG, PG_URL, drop_pg_database, needs_shared, new_pg_database, store_url

# scenario -> [(doc_id, outlet, published, text)]
SCENARIOS = {
    "corroborated": [
        ("a1", "عنب بلدي", "2019-05-12", "قصفت طائرات حربية روسية بلدة كفرنبل في ريف إدلب الجنوبي اليوم الأحد، ما أدى إلى مقتل خمسة مدنيين بينهم طفلان، بحسب ما أفاد به مراسل عنب بلدي."),
        ("a2", "الجزيرة", "2019-05-12", "قتل خمسة مدنيين اليوم الأحد في غارات جوية روسية استهدفت بلدة كفرنبل جنوبي إدلب، وفق ما أفاد به الدفاع المدني السوري."),
    ],
    "toll": [
        ("b1", "عنب بلدي", "2019-06-03", "قتل أربعة مدنيين اليوم الاثنين في قصف مدفعي لقوات النظام على مدينة معرة النعمان في ريف إدلب."),
        ("b2", "الجزيرة", "2019-06-03", "قتل عشرون مدنيا اليوم الاثنين في قصف مدفعي لقوات النظام على مدينة معرة النعمان في ريف إدلب."),
    ],
    "perpetrator": [
        ("c1", "عنب بلدي", "2019-07-10", "قتل سبعة مدنيين اليوم الأربعاء في غارات لطائرات حربية روسية على قرية حاس في ريف إدلب الجنوبي."),
        ("c2", "سانا", "2019-07-10", "قتل سبعة مدنيين اليوم الأربعاء في غارات لطيران التحالف الدولي على قرية حاس في ريف إدلب الجنوبي."),
    ],
    "denial": [
        ("d1", "الجزيرة", "2019-08-01", "قصفت طائرات حربية روسية بلدة خان شيخون في ريف إدلب الجنوبي اليوم الخميس."),
        ("d2", "روسيا اليوم", "2019-08-01", "نفت وزارة الدفاع الروسية اليوم الخميس صحة الأنباء عن قصف طائراتها بلدة خان شيخون في ريف إدلب."),
    ],
    "conceded": [
        ("e1", "سانا", "2019-08-20", "قصفت وحدات الجيش العربي السوري اليوم الثلاثاء بالمدفعية الثقيلة مواقع جبهة النصرة في بلدة اللطامنة بريف حماة الشمالي."),
    ],
    "territory": [
        ("f1", "فرات بوست", "2018-12-14", "سيطرت قوات سوريا الديمقراطية اليوم الجمعة على بلدة هجين بريف دير الزور الشرقي بعد معارك مع تنظيم الدولة."),
        ("f2", "داماس بوست", "2018-12-14", "استعاد تنظيم داعش اليوم الجمعة السيطرة على بلدة هجين بريف دير الزور الشرقي بعد انسحاب قسد منها."),
    ],
    "single": [
        ("g1", "عنب بلدي", "2019-09-02", "قتل مدنيان اليوم الاثنين بانفجار عبوة ناسفة في مدينة الباب بريف حلب الشرقي."),
    ],
}
COPY = ("h1", "مدونة", "2019-05-12",
        SCENARIOS["corroborated"][0][3].replace("بحسب ما أفاد به مراسل عنب بلدي", "بحسب ما أفاد مراسل عنب بلدي"))


def _write(path, items):
    with open(path, "w", encoding="utf-8") as f:
        for doc_id, outlet, published, text in items:
            f.write(json.dumps({"doc_id": doc_id, "outlet": outlet, "published": published, "text": text}, ensure_ascii=False) + "\n")
    return path


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def store(request, tmp_path_factory, pipeline):
    """The scenarios, run and reconciled into a SQLite file or a PostgreSQL database (skipped without RASID_TEST_PG)."""
    from rasid.runner import run
    from rasid.store import Store

    if request.param == "postgresql" and PG_URL is None:
        pytest.skip(NO_PG)
    d = tmp_path_factory.mktemp("recon")
    db = new_pg_database() if request.param == "postgresql" else d / "rasid.db"
    src = _write(d / "all.jsonl", [a for items in SCENARIOS.values() for a in items])
    st = Store(db)
    summ = run([str(src)], st, pipeline)
    assert summ.failed == 0 and summ.reconciled["new_reports"] == summ.events
    yield st
    st.engine.dispose()
    if request.param == "postgresql":
        drop_pg_database(db)


def _recon_of(store, doc_ids):
    out = [r for r in store.iter_reconciled() if {x["doc_id"] for x in r["reports"]} & set(doc_ids)]
    return out


pytestmark = needs_shared


def test_two_outlets_telling_one_strike_are_one_corroborated_event(store):
    (r,) = _recon_of(store, ["a1", "a2"])
    assert {x["doc_id"] for x in r["reports"]} == {"a1", "a2"}
    assert r["grade"] == "corroborated" and r["independent_outlets"] == 2
    assert r["event_type"] == "Explosions/Remote violence" and r["actor1"] == "Russian forces" and r["actor2"] == "Civilians"
    assert r["locations"][0]["name"] == "Kafr Nabl" and r["date"]["start"] == "2019-05-12"
    assert r["fatalities"]["low"]["value"] == r["fatalities"]["best"]["value"] == r["fatalities"]["high"]["value"] == 5
    assert not r["contradictions"]


def test_tolls_differing_by_more_than_half_make_it_contested_with_low_best_high(store):
    (r,) = _recon_of(store, ["b1"])
    assert r["grade"] == "contested"
    f = r["fatalities"]
    assert (f["low"]["value"], f["best"]["value"], f["high"]["value"]) == (4, 4, 20)
    assert f["low"]["outlet"] == "عنب بلدي" and f["high"]["outlet"] == "الجزيرة"
    (c,) = r["contradictions"]
    assert c["kind"] == "toll" and c["a"]["value"] == 4 and c["b"]["value"] == 20
    assert "أربعة" in c["a"]["quote"] and "عشرون" in c["b"]["quote"]


def test_different_perpetrators_for_the_same_victims_are_flagged(store):
    (r,) = _recon_of(store, ["c1", "c2"])
    assert {x["doc_id"] for x in r["reports"]} == {"c1", "c2"}
    (c,) = [c for c in r["contradictions"] if c["kind"] == "perpetrator"]
    assert {c["a"]["value"], c["b"]["value"]} == {"Russian forces", "US-led coalition"}
    assert r["grade"] == "contested"


def test_a_denial_by_another_outlet_is_a_contradiction_with_both_quotes(store):
    (r,) = _recon_of(store, ["d1", "d2"])
    (c,) = [c for c in r["contradictions"] if c["kind"] == "denial"]
    assert c["a"]["doc_id"] == "d1" and c["b"]["doc_id"] == "d2" and c["b"]["status"] == "denied"
    assert "نفت" in c["b"]["quote"]
    assert r["grade"] == "contested" and r["independent_outlets"] == 1  # a denial is no support


def test_a_belligerents_own_media_concedes_its_action(store):
    (r,) = _recon_of(store, ["e1"])
    assert r["actor1"] == "Syrian government forces"
    assert r["grade"] == "conceded" and r["conceded_by"][0]["outlet"] == "سانا"


def test_outlets_claiming_opposite_captures_are_contested(store):
    (r,) = _recon_of(store, ["f1", "f2"])
    (c,) = [c for c in r["contradictions"] if c["kind"] == "territory"]
    assert {c["a"]["value"], c["b"]["value"]} == {"SDF", "ISIS"}


def test_one_report_alone_is_single_source(store):
    (r,) = _recon_of(store, ["g1"])
    assert r["grade"] == "single_source" and r["n_reports"] == 1


def test_control_timeline_shows_both_outlets_claims_side_by_side(store):
    from rasid.control import control, find_place

    (t,) = find_place(control(store), "هجين")
    assert t["outlets"] == sorted(["فرات بوست", "داماس بوست"])
    took = {(c["actor"], c["outlet"]) for c in t["claims"] if c["action"] == "took"}
    assert took == {("SDF", "فرات بوست"), ("ISIS", "داماس بوست")}
    assert t["conflicts"] and {t["conflicts"][0]["a"]["outlet"], t["conflicts"][0]["b"]["outlet"]} == {"فرات بوست", "داماس بوست"}
    assert find_place(control(store), "Hajin") == [t]


def test_incremental_placement_joins_new_reports_and_keeps_ids(tmp_path, pipeline, backend):
    """A copied article arrives later: it joins the event, is marked duplicate, and adds no independent outlet."""
    from rasid.reconcile import reconcile
    from rasid.runner import run
    from rasid.store import Store

    st = Store(store_url(backend, tmp_path))
    run([str(_write(tmp_path / "one.jsonl", SCENARIOS["corroborated"][:1]))], st, pipeline)
    (before,) = list(st.iter_reconciled())
    assert before["grade"] == "single_source"
    summ = run([str(_write(tmp_path / "two.jsonl", [COPY, SCENARIOS["corroborated"][1]]))], st, pipeline)
    assert summ.reconciled["new_reports"] == 2 and summ.reconciled["duplicates_found"] == 1
    (after,) = list(st.iter_reconciled())
    assert after["recon_id"] == before["recon_id"]
    copy = next(x for x in after["reports"] if x["doc_id"] == "h1")
    assert copy["duplicate_of"] == "a1"
    assert after["independent_outlets"] == 2 and after["grade"] == "corroborated"  # عنب بلدي + الجزيرة, not the copy
    docs = {d["doc_id"]: d for d in st.iter_documents()}
    assert docs["h1"]["duplicate_of"] == "a1" and docs["a2"]["duplicate_of"] is None
    # a full rebuild gives the same layer (ids name the founding report, so only they may differ)
    def layer():
        return sorted(json.dumps({k: v for k, v in r.items() if k != "recon_id"}, sort_keys=True) for r in st.iter_reconciled())
    incremental = layer()
    assert reconcile(st, full=True).reconciled == 1
    assert layer() == incremental


def test_a_copy_is_found_in_the_corpus_and_a_different_story_is_not():
    from rasid.dedup import DuplicateIndex, signature

    recs = {}
    with open(CORPUS, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if r["doc_id"] in ("c34dceaccb7", "c9528e01971", "c622a559c50"):
                recs[r["doc_id"]] = r
    # the same BBC story carried by masrawy, and a BBC story from the same week on another subject
    idx = DuplicateIndex()
    idx.add("c34dceaccb7", signature(recs["c34dceaccb7"]["text"]))
    assert recs["c34dceaccb7"]["outlet"] != recs["c9528e01971"]["outlet"]
    assert idx.find(signature(recs["c9528e01971"]["text"])) == "c34dceaccb7"
    assert idx.find(signature(recs["c622a559c50"]["text"])) is None


def test_signature_is_datasketchs_minhash():
    """The numpy signature holds the values datasketch's MinHash gives the same shingles (stored signatures
    and band keys of earlier runs stay valid)."""
    import numpy as np
    from datasketch import MinHash

    from rasid.dedup import NUM_PERM, SCHEME, _permutations, shingle_hashes, signature

    text = " ".join(f"قصفت طائرات حربية بلدة رقم {i} في ريف المحافظة الشرقي صباح اليوم" for i in range(12))
    m = MinHash(num_perm=NUM_PERM, hashfunc=int, scheme=SCHEME)
    a, b = _permutations()
    assert a.tobytes() == m.permutations[0].tobytes() and b.tobytes() == m.permutations[1].tobytes()
    m.update_batch(shingle_hashes(text).tolist())
    sig = signature(text)
    assert sig.dtype == np.uint32 and sig.tobytes() == np.asarray(m.hashvalues, dtype=np.uint32).tobytes()
    assert signature("خبر قصير") is None


def test_claim_check_verdicts(store, pipeline):
    from rasid.check import check

    sup = check(store, "قصفت طائرات حربية روسية بلدة كفرنبل أمس الأحد.", published="2019-05-13", pipeline=pipeline)
    assert sup.verdict == "supported" and {x["doc_id"] for x in sup.supports} == {"a1", "a2"}
    other = check(store, "قتل سبعة مدنيين في غارات للتحالف الدولي على قرية حاس أمس.", published="2019-07-11", pipeline=pipeline)
    assert other.verdict == "disputed"  # سانا says so, عنب بلدي names Russian aircraft
    assert any("perpetrator" in x["why"] for x in other.contradicts)
    held = check(store, "سيطرت قوات سوريا الديمقراطية على بلدة هجين أمس.", published="2018-12-15", pipeline=pipeline)
    assert any(x["doc_id"] == "f2" for x in held.contradicts) and held.verdict == "disputed"
    none = check(store, "قصفت طائرات حربية بلدة كفرنبل أمس.", published="2020-01-02", pipeline=pipeline)
    assert none.verdict == "no evidence"


def test_cli_reconcile_control_check_and_reconciled_csv(store, tmp_path):
    db = str(store.engine.url.database) if store.engine.dialect.name == "sqlite" else \
        store.engine.url.render_as_string(hide_password=False)
    run = lambda *a: subprocess.run([sys.executable, "-m", "rasid.cli", *a], capture_output=True, text=True)  # noqa: E731
    r = run("reconcile", "--db", db, "--json")
    assert r.returncode == 0 and json.loads(r.stdout)["new_reports"] == 0  # already placed: nothing new
    r = run("control", "هجين", "--db", db)
    assert r.returncode == 0 and "فرات بوست" in r.stdout and "داماس بوست" in r.stdout and "conflict" in r.stdout
    assert run("control", "مكان لا يذكر", "--db", db).returncode == 1
    r = run("check", "قصفت طائرات حربية روسية بلدة كفرنبل أمس الأحد.", "--db", db, "--date", "2019-05-13",
            "--gazetteer", str(GAZETTEER), "--json")
    assert r.returncode == 0 and json.loads(r.stdout)["verdict"] == "supported"
    r = run("export", "--db", db, "--out", str(tmp_path / "x"), "--layer", "reconciled")
    assert r.returncode == 0
    rows = list(csv.DictReader(open(tmp_path / "x" / "reconciled.csv", encoding="utf-8")))
    assert len(rows) == len(list(store.iter_reconciled()))
    kafr = next(row for row in rows if row["location"] == "Kafr Nabl")
    assert set(kafr["source"].split("; ")) == {"عنب بلدي", "الجزيرة"}
    assert kafr["source_scale"] == "National-Regional" and kafr["fatalities"] == "5"
    assert "grade=corroborated" in kafr["tags"]
    assert (tmp_path / "x" / "control.jsonl").exists() and not (tmp_path / "x" / "events.csv").exists()


def test_dev_seed_places_have_one_timeline_with_both_outlets(tmp_path, pipeline):
    """The two sample outlets' claims about Al-Susah and Baghuz meet in one timeline per place."""
    from rasid.control import control, find_place
    from rasid.runner import run
    from rasid.store import Store

    st = Store(tmp_path / "rasid.db")
    run([str(DEV / "docs.jsonl")], st, pipeline)
    tls = control(st)
    for name in ("السوسة", "الباغوز"):
        found = find_place(tls, name)
        assert len(found) == 1, name
        assert {"داماس بوست", "فرات بوست"} <= set(found[0]["outlets"]), name


def test_a_background_event_is_kept_but_out_of_control_timelines():
    """An event told as the past ("منذ سيطرته على الباغوز عام 2014") stays in the data, flagged, but does not
    open a control interval in 2014."""
    from rasid.control import control

    loc = {"name_ar": "الباغوز", "text": "الباغوز", "lat": 34.46, "lon": 40.95, "gazetteer_id": "x:1", "geo_precision": 1}

    def ev(eid, date, background):
        return {"event_id": eid, "doc_id": "d" + eid, "outlet": "o", "event_type": "Battles",
                "sub_event_type": "Non-state actor overtakes territory", "date": {"start": date},
                "territory": {"gained_by": "SDF", "lost_by": "ISIS"}, "locations": [loc], "status": "asserted",
                "background": background, "evidence": [{"quote": "q"}]}

    class Events:
        def __init__(self, events):
            self.events = events

        def iter_events(self):
            return iter(self.events)

        def iter_documents(self):
            return iter(())

    now, past = ev("1", "2019-03-01", False), ev("2", "2014-01-01", True)
    assert control(Events([now, past])) and "2014-01-01" not in json.dumps(control(Events([now, past])))
    assert "2014-01-01" in json.dumps(control(Events([now, {**past, "background": False}])))


def test_control_phrase_precheck_sees_through_marks_and_tatweel():
    """HoldingReader.may_hold looks for the control phrases in the text without its spaces and dropped marks:
    a phrase written with diacritics, tatweel or a stray space still reaches the phrase matcher."""
    from rasid.arabic import NormText
    from rasid.control import HoldingReader

    rd = HoldingReader()
    for text in ("قصفت الطائرات بلدة تقع تحت سَيطرة فصائل المعارضة.", "في المناطق الخاضعـة لسيطرة قوات النظام.",
                 "في المناطق الخاضعة ل سيطرة قوات النظام."):
        assert rd.may_hold(text), text
    assert rd.cues.find(NormText("في المناطق الخاضعـة لسيطرة قوات النظام."))  # (what the precheck must let through)
    assert not rd.may_hold("عقد المجلس البلدي اجتماعه الأسبوعي لبحث الخدمات.")
