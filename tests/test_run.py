"""The command, the store, resume after SIGKILL, and the exports."""
import csv
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import CORPUS, GAZETTEER, SAMPLES, needs_shared, store_url

RASID = [sys.executable, "-m", "rasid.cli"]


def _run(args, **kw):
    return subprocess.run(RASID + args, capture_output=True, text=True, **kw)


@needs_shared
def test_samples_run_writes_all_exports_with_outlets_and_debris_removed(tmp_path):
    out = tmp_path / "out"
    r = _run(["run", str(SAMPLES), "--out", str(out), "--gazetteer", str(GAZETTEER), "--json"])
    assert r.returncode == 0, r.stderr
    summary = json.loads(r.stdout)
    assert summary["documents_stored"] == 2 and summary["failed"] == 0
    for name in ("documents.jsonl", "events.jsonl", "events.csv", "events.geojson", "errors.jsonl", "places.jsonl"):
        assert (out / name).exists(), name
    docs = {d["doc_id"]: d for d in map(json.loads, open(out / "documents.jsonl", encoding="utf-8"))}
    outlets = {d["outlet"] for d in docs.values()}
    assert outlets == {"داماس بوست", "فرات بوست"}
    for d in docs.values():
        assert "التعليقات المنشورة لا تعبر" not in d["text"]
        assert "الكوكيز" not in d["text"] and "Cookies" not in d["text"]
    reasons = {r["reason"] for d in docs.values() for r in d["removed"]}
    assert {"comment_disclaimer", "cookie_banner"} <= reasons
    # every removal points into the raw text the store keeps
    raw = {row["doc_id"]: row["raw"] for row in __import__("rasid.store", fromlist=["Store"]).Store(out / "rasid.db").iter_documents()}
    for d in docs.values():
        for rem in d["removed"]:
            assert 0 <= rem["start"] < rem["end"] <= len(raw[d["doc_id"]])
    events = [json.loads(l) for l in open(out / "events.jsonl", encoding="utf-8")]
    assert events
    for e in events:
        text = docs[e["doc_id"]]["text"]
        for ev in e["evidence"]:
            assert text[ev["start"]:ev["end"]] == ev["quote"]
    rows = list(csv.DictReader(open(out / "events.csv", encoding="utf-8")))
    assert list(rows[0].keys())[:3] == ["event_id_cnty", "event_date", "year"] and len(rows[0]) == 31
    gj = json.load(open(out / "events.geojson", encoding="utf-8"))
    assert gj["type"] == "FeatureCollection"
    for f in gj["features"]:
        lon, lat = f["geometry"]["coordinates"]
        assert 30 < lat < 38 and 35 < lon < 49  # Syria / Iraq


@needs_shared
def test_rerun_is_a_noop_and_export_reproduces_the_same_files(tmp_path, backend):
    out = tmp_path / "o"
    db = store_url(backend, out)
    _run(["run", str(SAMPLES), "--out", str(out), "--db", db, "--gazetteer", str(GAZETTEER), "--quiet"])
    first = (out / "events.jsonl").read_text(encoding="utf-8")
    r = _run(["run", str(SAMPLES), "--out", str(out), "--db", db, "--gazetteer", str(GAZETTEER), "--json"])
    assert json.loads(r.stdout)["skipped_already_stored"] == 2
    again = tmp_path / "again"
    r = _run(["export", "--db", db, "--out", str(again)])
    assert r.returncode == 0
    assert (again / "events.jsonl").read_text(encoding="utf-8") == first


def test_usage_errors_exit_2(tmp_path):
    assert _run(["run", str(tmp_path / "nope"), "--out", str(tmp_path / "o")]).returncode == 2
    assert _run(["run", str(tmp_path), "--out", str(tmp_path / "o"), "--published", "yesterday"]).returncode == 2


def test_some_failed_inputs_exit_1(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "ok.txt").write_text("اشتباكات عنيفة بين قوات النظام وفصائل المعارضة في ريف حماة الشمالي اليوم.", encoding="utf-8")
    (tmp_path / "in" / "empty.txt").write_text("")
    r = _run(["run", str(tmp_path / "in"), "--out", str(tmp_path / "o"), "--json"])
    assert r.returncode == 1
    errs = [json.loads(l) for l in open(tmp_path / "o" / "errors.jsonl", encoding="utf-8")]
    assert [e["reason"] for e in errs] == ["empty file"]


@needs_shared
# the kill lands at a moment chosen by the clock: on a loaded machine, run it once more before failing
@pytest.mark.flaky(reruns=1)
def test_sigkill_then_resume_loses_nothing_and_doubles_nothing(tmp_path, backend):
    # 400 real articles, killed mid-run, then run again to the end
    src = tmp_path / "part.jsonl"
    with open(CORPUS, encoding="utf-8") as f, open(src, "w", encoding="utf-8") as g:
        for i, line in enumerate(f):
            if i >= 400:
                break
            g.write(line)
    ref = tmp_path / "ref"
    r = _run(["run", str(src), "--out", str(ref), "--gazetteer", str(GAZETTEER), "--quiet"])  # (SQLite, the reference)
    assert r.returncode in (0, 1)
    out = tmp_path / "killed"
    db = store_url(backend, out)
    env = dict(os.environ)
    p = subprocess.Popen(RASID + ["run", str(src), "--out", str(out), "--db", db, "--gazetteer", str(GAZETTEER), "--quiet"],
                         env=env)
    deadline = time.time() + 60
    from rasid.store import Store

    while time.time() < deadline:
        time.sleep(0.2)
        if "://" in db or Path(db).exists():
            try:
                if Store(db).counts()["documents"] > 20:
                    break
            except Exception:
                pass
    p.send_signal(signal.SIGKILL)
    p.wait()
    partial = Store(db).counts()["documents"]
    r = _run(["run", str(src), "--out", str(out), "--db", db, "--gazetteer", str(GAZETTEER), "--json"])
    assert r.returncode in (0, 1)
    s_ref, s_out = Store(ref / "rasid.db"), Store(db)
    assert s_out.counts() == s_ref.counts()
    assert partial < s_ref.counts()["documents"] or partial == s_ref.counts()["documents"]
    ids_ref = sorted(e["event_id"] for e in s_ref.iter_events())
    ids_out = sorted(e["event_id"] for e in s_out.iter_events())
    assert ids_out == ids_ref and len(set(ids_out)) == len(ids_out)
    assert (ref / "events.jsonl").read_text(encoding="utf-8") == (out / "events.jsonl").read_text(encoding="utf-8")


def test_python_api_process_text_and_read_events(tmp_path):
    import rasid

    text = "قتل خمسة مدنيين اليوم الثلاثاء جراء غارات جوية للطيران الروسي على مدينة خان شيخون بريف إدلب الجنوبي."
    doc = rasid.process_text(text, published="2017-04-04", outlet="مثال")
    assert doc.events and doc.events[0].event_type == "Explosions/Remote violence"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    _run(["run", str(tmp_path / "a.txt"), "--out", str(tmp_path / "o"), "--published", "2017-04-04", "--quiet"])
    df = rasid.read_events(tmp_path / "o" / "rasid.db")
    assert len(df) >= 1 and set(["event_id", "event_type", "evidence"]) <= set(df.columns)


@needs_shared
def test_workers_give_the_same_store_and_exports_as_one_process(tmp_path, backend):
    """Two processes clean and code a corpus slice with bad inputs mixed in: same events, ids, errors."""
    src = tmp_path / "in"
    src.mkdir()
    with open(CORPUS, encoding="utf-8") as f:
        lines = [next(f) for _ in range(60)]
    (src / "slice.jsonl").write_text("".join(lines[:30]) + "{not json\n" + "".join(lines[30:]), encoding="utf-8")
    (src / "empty.txt").write_text("")
    (src / "english.txt").write_text("Clashes were reported in the north of the country today. " * 5, encoding="utf-8")
    outs, dbs = {}, {}
    for n in (1, 2):
        out = tmp_path / f"o{n}"
        dbs[n] = db = store_url(backend, out)
        r = _run(["run", str(src), "--out", str(out), "--db", db, "--gazetteer", str(GAZETTEER), "--json", "--workers", str(n)])
        assert r.returncode == 1, r.stderr  # the bad inputs fail, the rest is stored
        outs[n] = (json.loads(r.stdout), (out / "events.jsonl").read_text(encoding="utf-8"),
                   (out / "errors.jsonl").read_text(encoding="utf-8"))
    (s1, e1, x1), (s2, e2, x2) = outs[1], outs[2]
    assert e1 == e2 and x1 == x2 and e1.count("\n") > 20
    assert (s1["documents_stored"], s1["failed"], s1["events"]) == (s2["documents_stored"], s2["failed"], s2["events"])
    again = _run(["run", str(src), "--out", str(tmp_path / "o2"), "--db", dbs[2], "--gazetteer", str(GAZETTEER), "--json",
                  "--workers", "2"])
    assert json.loads(again.stdout)["documents_stored"] == 0  # resumed with workers: nothing doubled


def test_a_coding_failure_is_a_per_file_error_and_a_rerun_codes_the_article(tmp_path, backend):
    from rasid.pipeline import Pipeline, match, segment
    from rasid.events import EventCoder
    from rasid.runner import run
    from rasid.store import Store

    texts = {"a.txt": "قصفت طائرات حربية روسية بلدة كفرنبل اليوم.", "b.txt": "سيطرت قوات النظام على قرية بليل اليوم."}
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")

    def fragile(doc):  # a stage with a bug that only one article meets
        if "بليل" in doc.text:
            raise ValueError("a bug")
        return doc

    store = Store(store_url(backend, tmp_path, "r.db"))
    coder = EventCoder()
    broken = Pipeline(stages=[("segment", segment), ("match", match), ("fragile", fragile), ("code", coder)])
    summ = run([str(tmp_path)], store, broken, published="2017-05-01")
    assert summ.stored == 1 and summ.failed == 1
    assert [e["path"].endswith("b.txt") for e in summ.errors] == [True] and "a bug" in summ.errors[0]["reason"]
    fixed = Pipeline(stages=[("segment", segment), ("match", match), ("code", coder)])
    summ = run([str(tmp_path)], store, fixed, published="2017-05-01")
    assert summ.stored == 1 and summ.skipped == 1 and summ.events == 1  # b.txt coded now, a.txt not doubled


# ------------------------------------------------------------------ re-coding (schema 0009)
# invented: an article the lexicons code as an event, and one they code as none until a trigger row names its
# verb (a nonce word: no lexicon of any day holds it)
RECODE_TEXTS = {
    "a.txt": "سيطرت قوات النظام على قرية بليل في ريف حماة الشمالي اليوم بعد اشتباكات مع فصائل المعارضة.",
    "b.txt": "زلزلت قوات النظام بلدة كفرنبل بريف إدلب الجنوبي صباح اليوم.",
}
NONCE_TRIGGER = "زلزلت*\tExplosions/Remote violence\tShelling/artillery/missile attack\tagent\t6\n"


def _recode_inputs(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for name, text in RECODE_TEXTS.items():
        (src / name).write_text(text, encoding="utf-8")
    return src


def _run_json(src, out, db, lexicons=None):
    env = dict(os.environ)
    env.pop("RASID_LEXICON_DIR", None)
    if lexicons:
        env["RASID_LEXICON_DIR"] = str(lexicons)
    r = _run(["run", str(src), "--out", str(out), "--db", db, "--no-gazetteer", "--published", "2019-05-12", "--json"],
             env=env)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def _stored(db):
    from sqlalchemy import select

    from rasid.store import Store, documents, event_index

    s = Store(db, on_message=None)
    with s.engine.connect() as c:
        docs = {r[0]: tuple(r[1:]) for r in c.execute(select(documents.c.doc_id, documents.c.run_id, documents.c.lexicon,
                                                                documents.c.rasid_version, documents.c.n_events))}
        indexed = sorted(e for (e,) in c.execute(select(event_index.c.event_id)))
    evs = list(s.iter_events())
    s.engine.dispose()
    return docs, evs, indexed


def test_a_rerun_with_the_same_lexicons_skips_every_stored_document_and_writes_nothing(tmp_path, backend):
    src, out = _recode_inputs(tmp_path), tmp_path / "o"
    db = store_url(backend, out)
    first = _run_json(src, out, db)
    assert first["documents_stored"] == 2 and first["recoded"] == 0
    docs, evs, _ = _stored(db)
    from rasid import __version__
    from rasid.lexicon import default_lexicon

    assert {d[1:3] for d in docs.values()} == {(default_lexicon().fingerprint, __version__)}  # what coded each
    again = _run_json(src, out, db)
    assert (again["documents_stored"], again["skipped_already_stored"], again["recoded"]) == (0, 2, 0)
    assert _stored(db)[:2] == (docs, evs)  # the same rows, of the first run


def test_a_rerun_after_a_lexicon_edit_recodes_the_stored_documents_in_place(tmp_path, backend):
    from rasid.lexicon import DATA

    src, out = _recode_inputs(tmp_path), tmp_path / "o"
    db = store_url(backend, out)
    lex = tmp_path / "lex"
    shutil.copytree(str(DATA), lex, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    with open(lex / "triggers.tsv", "a", encoding="utf-8") as f:
        f.write(NONCE_TRIGGER)  # one trigger row added
    _run_json(src, out, db)
    docs, before, _ = _stored(db)
    assert [d[-1] for _, d in sorted(docs.items())] == [1, 0]  # b.txt: no event yet
    summ = _run_json(src, out, db, lexicons=lex)
    assert (summ["documents_stored"], summ["skipped_already_stored"], summ["recoded"]) == (2, 0, 2)
    docs2, after, indexed = _stored(db)
    assert sorted(docs2) == sorted(docs) and [d[-1] for _, d in sorted(docs2.items())] == [1, 1]
    assert len({d[1] for d in docs2.values()}) == 1 and {d[1] for d in docs2.values()} != {d[1] for d in docs.values()}
    ids = [e["event_id"] for e in after]
    assert len(ids) == len(set(ids)) == 2 and sorted(ids) == indexed  # nothing doubled, the flat rows too
    assert [e for e in after if e["doc_id"] == "a"] == [e for e in before if e["doc_id"] == "a"]  # the same event, id
    assert [e["sub_event_type"] for e in after if e["doc_id"] == "b"] == ["Shelling/artillery/missile attack"]
    events_file = [json.loads(line) for line in open(out / "events.jsonl", encoding="utf-8")]
    assert sorted(e["event_id"] for e in events_file) == sorted(ids)  # the exports written whole
    # the same lexicons again: skipped; the lexicons of before: coded again, as the first run coded them
    again = _run_json(src, out, db, lexicons=lex)
    assert (again["documents_stored"], again["skipped_already_stored"], again["recoded"]) == (0, 2, 0)
    back = _run_json(src, out, db)
    assert back["recoded"] == 2 and _stored(db)[1] == before
