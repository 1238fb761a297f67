"""The store on SQLite and PostgreSQL: schema versions (Alembic), upgrades of an older store, the
flat event index the web app filters on, and concurrent openers. The PostgreSQL variants need
RASID_TEST_PG (they skip, saying so, without it)."""
import json
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select, text

from conftest import store_url

HERE = Path(__file__).parent
RASID = [sys.executable, "-m", "rasid.cli"]
TEXTS = {
    "a.txt": "قصفت طائرات حربية روسية بلدة كفرنبل بريف إدلب الجنوبي اليوم، ما أدى إلى مقتل خمسة مدنيين.",
    "b.txt": "سيطرت قوات النظام على قرية بليل في ريف حماة الشمالي اليوم بعد اشتباكات مع فصائل المعارضة.",
}


def _cli(*args):
    return subprocess.run(RASID + list(args), capture_output=True, text=True)


def test_the_schema_head_is_alembics_head():
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from rasid.schema import HEAD, MIGRATIONS, ORDER

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    script = ScriptDirectory.from_config(cfg)
    assert script.get_current_head() == HEAD == ORDER[-1]
    assert [r.revision for r in reversed(list(script.walk_revisions()))] == ORDER


def test_a_new_store_carries_the_latest_version(backend, tmp_path):
    from rasid.schema import HEAD
    from rasid.store import Store, metadata

    db = store_url(backend, tmp_path)
    s = Store(db)
    assert s.schema_version == HEAD
    with s.engine.connect() as c:
        assert c.execute(text("SELECT version_num FROM alembic_version")).scalar() == HEAD
        from sqlalchemy import inspect

        assert {t.name for t in metadata.sorted_tables} <= set(inspect(c).get_table_names())
    r = _cli("db", "version", "--db", db)
    assert r.returncode == 0 and r.stdout.startswith(HEAD) and "up to date" in r.stdout


def test_a_store_of_the_previous_schema_is_upgraded_with_a_message(backend, tmp_path):
    from rasid.schema import HEAD
    from rasid.store import Store, event_index

    db = store_url(backend, tmp_path)
    r = subprocess.run([sys.executable, str(HERE / "old_schema" / "make_store_0001.py"), db], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    r = _cli("db", "version", "--db", db)
    assert r.returncode == 0 and r.stdout.startswith("0001"), r.stdout + r.stderr  # looked at, not changed
    r = _cli("export", "--db", db, "--out", str(tmp_path / "x"))  # any command opens it: upgraded, saying so
    assert r.returncode == 0, r.stderr
    assert f"upgrading the store's schema from version 0001 to {HEAD}" in r.stderr
    exported = [json.loads(line) for line in open(tmp_path / "x" / "events.jsonl", encoding="utf-8")]
    assert [e["event_id"] for e in exported] == ["old-ev-1"]  # the rejected one stays out, as before
    assert exported[0]["date"]["start"] == "2019-05-11"  # the old correction still applies
    s = Store(db, on_message=None)
    assert s.schema_version == HEAD and s.counts()["documents"] == 1 and s.counts()["errors"] == 1
    with s.engine.connect() as c:
        rows = {r["event_id"]: dict(r) for r in c.execute(select(event_index)).mappings()}
    assert rows["old-ev-1"]["date_start"] == "2019-05-11" and rows["old-ev-1"]["review"] == "corrected"
    assert rows["old-ev-1"]["lat"] == pytest.approx(35.61) and rows["old-ev-1"]["fatalities"] == 3
    assert rows["old-ev-2"]["review"] == "rejected"
    assert _cli("db", "upgrade", "--db", db).stdout.strip() == f"schema {HEAD}: up to date"
    # and it goes on as a store of today: a run adds to it
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(TEXTS["a.txt"], encoding="utf-8")
    r = _cli("run", str(tmp_path / "in"), "--db", db, "--out", str(tmp_path / "o"), "--no-gazetteer", "--json",
             "--published", "2019-05-12")
    assert r.returncode == 0 and json.loads(r.stdout)["documents_stored"] == 1, r.stderr


def test_a_store_of_a_later_schema_is_refused(backend, tmp_path):
    from rasid.schema import SchemaError
    from rasid.store import Store

    db = store_url(backend, tmp_path)
    s = Store(db)
    with s.engine.begin() as c:
        c.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    s.engine.dispose()
    with pytest.raises(SchemaError, match="made by a later rasid"):
        Store(db)
    r = _cli("export", "--db", db, "--out", str(tmp_path / "x"))
    assert r.returncode == 2 and "made by a later rasid" in r.stderr and "Traceback" not in r.stderr


OPEN = "import sys; from rasid.store import Store; print(Store(sys.argv[1]).schema_version)"


@pytest.mark.parametrize("old", [False, True], ids=["new", "old"])
def test_processes_opening_one_store_at_once_make_or_upgrade_it_once(backend, tmp_path, old):
    from rasid.schema import HEAD
    from rasid.store import Store

    db = store_url(backend, tmp_path)
    if old:
        subprocess.run([sys.executable, str(HERE / "old_schema" / "make_store_0001.py"), db], check=True)
    ps = [subprocess.Popen([sys.executable, "-c", OPEN, db], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
          for _ in range(4)]
    outs = [p.communicate(timeout=120) for p in ps]
    assert [p.returncode for p in ps] == [0] * 4, [o[1][-400:] for o in outs]
    assert [o[0].strip() for o in outs] == [HEAD] * 4
    upgraded = sum("upgrading the store's schema" in o[1] for o in outs)
    assert upgraded == (1 if old else 0)
    s = Store(db)
    with s.engine.connect() as c:
        assert c.execute(text("SELECT count(*) FROM alembic_version")).scalar() == 1
        assert c.execute(text("SELECT count(*) FROM event_index")).scalar() == (2 if old else 0)


def test_a_run_writes_the_event_index_and_a_review_refreshes_it(backend, tmp_path, pipeline):
    from rasid.review import review_event
    from rasid.runner import run
    from rasid.store import Store, event_index

    for name, t in TEXTS.items():
        (tmp_path / name).write_text(t, encoding="utf-8")
    s = Store(store_url(backend, tmp_path))
    summ = run([str(tmp_path / n) for n in TEXTS], s, pipeline, published="2019-05-12")
    assert summ.stored == 2 and summ.events >= 2
    evs = list(s.iter_events())
    with s.engine.connect() as c:
        rows = {r["event_id"]: dict(r) for r in c.execute(select(event_index)).mappings()}
    assert set(rows) == {e["event_id"] for e in evs}
    for e in evs:
        assert rows[e["event_id"]]["event_type"] == e["event_type"] and rows[e["event_id"]]["review"] is None
        assert rows[e["event_id"]]["date_start"] == e["date"]["start"]
    first = evs[0]["event_id"]
    review_event(s, first, "reject", "amal")
    with s.engine.connect() as c:
        assert c.execute(select(event_index.c.review).where(event_index.c.event_id == first)).scalar() == "rejected"
    assert first not in {e["event_id"] for e in s.iter_events(reviewed=True)}
    again = run([str(tmp_path / n) for n in TEXTS], s, pipeline, published="2019-05-12")
    assert again.stored == 0 and again.skipped == 2
    with s.engine.connect() as c:
        assert c.execute(select(event_index.c.review).where(event_index.c.event_id == first)).scalar() == "rejected"
        assert c.execute(text("SELECT count(*) FROM event_index")).scalar() == len(evs)


def _groups_in_rows(s) -> dict:
    """event id -> (recon_id, grade) as event_index holds them, and as recon_members/reconciled say."""
    from rasid.store import event_index, recon_members, reconciled

    with s.engine.connect() as c:
        rows = {e: (r, g) for e, r, g in c.execute(select(event_index.c.event_id, event_index.c.recon_id, event_index.c.grade))}
        truth = {e: (r, g) for e, r, g in c.execute(select(recon_members.c.event_id, recon_members.c.recon_id, reconciled.c.grade)
                                                    .select_from(recon_members.outerjoin(reconciled, reconciled.c.recon_id == recon_members.c.recon_id)))}
    return rows, {e: truth.get(e, (None, None)) for e in rows}


MORE = {  # a second report of a.txt's strike (another outlet's words) and one more event elsewhere
    "c.txt": "شنت طائرات حربية روسية غارات على بلدة كفرنبل في ريف إدلب الجنوبي اليوم وقتلت خمسة مدنيين.",
    "d.txt": "اندلعت اشتباكات عنيفة بين قوات النظام وفصائل المعارضة في قرية الهبيط بريف إدلب اليوم.",
}


def test_each_reports_group_and_grade_are_in_its_flat_row_and_follow_every_change(backend, tmp_path, pipeline):
    """event_index.recon_id / grade (schema 0006, the web app's grade filter without a join) equal the report
    groups' after a run, a review of an event, a merge, a split, a full re-reconcile and an edited article."""
    from rasid.reconcile import reconcile
    from rasid.review import merge_reconciled, review_event, split_reconciled
    from rasid.runner import run
    from rasid.store import Store

    texts = {**TEXTS, **MORE}
    for name, t in texts.items():
        (tmp_path / name).write_text(t, encoding="utf-8")
    s = Store(store_url(backend, tmp_path))
    run([str(tmp_path / n) for n in texts], s, pipeline, published="2019-05-12")
    rows, truth = _groups_in_rows(s)
    assert rows == truth and all(r for r, _g in rows.values()) and all(g for _r, g in rows.values())
    first = sorted(rows)[0]
    review_event(s, first, "correct", "amal", field="fatalities.value", value=7)  # the row is made again: its group stays
    rows, truth = _groups_in_rows(s)
    assert rows == truth and rows[first][0] is not None
    groups = sorted({r for r, _g in rows.values()})
    assert len(groups) >= 2
    merge_reconciled(s, groups[0], groups[1], "amal")
    rows, truth = _groups_in_rows(s)
    assert rows == truth and groups[1] not in {r for r, _g in rows.values()}
    merged = sorted(e for e, (r, _g) in rows.items() if r == groups[0])
    assert len(merged) >= 2
    new = split_reconciled(s, groups[0], merged[-1], "amal")
    rows, truth = _groups_in_rows(s)
    assert rows == truth and rows[merged[-1]][0] == new
    reconcile(s, full=True)  # every group made again (the reviewers' merge and split replayed)
    rows, truth = _groups_in_rows(s)
    assert rows == truth and rows[merged[-1]][0] == new
    (tmp_path / "c.txt").write_text(MORE["c.txt"].replace("خمسة", "ستة"), encoding="utf-8")  # an edited article
    run([str(tmp_path / "c.txt")], s, pipeline, published="2019-05-12")
    rows, truth = _groups_in_rows(s)
    assert rows == truth and all(r for r, _g in rows.values())


def _reopened_at(s, db: str, version: str):
    """The store ``s`` marked as schema ``version`` and opened again: the upgrade runs and says so."""
    from rasid.store import Store

    with s.engine.begin() as c:
        c.execute(text(f"UPDATE alembic_version SET version_num = '{version}'"))
    s.engine.dispose()
    told = []
    s = Store(db, on_message=told.append)
    assert told and f"from version {version} to" in told[0]
    return s


def _documents_as_0008(c):
    """The documents as schema 0008 had them: nothing says what coded each."""
    c.execute(text("DROP INDEX ix_documents_known"))
    c.execute(text("ALTER TABLE documents DROP COLUMN lexicon"))
    c.execute(text("ALTER TABLE documents DROP COLUMN rasid_version"))
    c.execute(text("CREATE INDEX ix_documents_known ON documents (doc_id, content_hash, raw_hash)"))


def _bands_as_0007(c):
    """The near-duplicate bands' index as schema 0007 had it."""
    c.execute(text("DROP INDEX ix_lsh_bands_key_doc_id"))
    c.execute(text("DROP INDEX ix_lsh_bands_doc_id"))
    c.execute(text("CREATE INDEX ix_lsh_bands_key ON lsh_bands (key)"))


def _control_as_0006(c):
    """The kept control timelines as schema 0006 had them: one whole record each, no control_days."""
    from rasid.control import assemble
    from rasid.lexicon import default_lexicon

    days = {}
    for r, d, rec in c.execute(text("SELECT root, day, record FROM control_days")):
        days.setdefault(r, {})[d] = json.loads(rec)
    for r, rec in c.execute(text("SELECT root, record FROM control_timelines")).all():
        whole = assemble(json.loads(rec), days.get(r, {}), default_lexicon())
        c.execute(text("UPDATE control_timelines SET record = :rec WHERE root = :r"),
                  {"rec": json.dumps(whole, ensure_ascii=False), "r": r})
    c.execute(text("DROP TABLE control_days"))


def test_the_upgrade_to_0007_keeps_control_timelines_in_pieces(backend, tmp_path, pipeline):
    """A store of schema 0006 (each timeline one record) upgraded: the same timelines, kept by day, and a run
    after it patches them as a fresh computation says."""
    from rasid.control import compute, control
    from rasid.runner import run
    from rasid.store import Store

    for name, t in TEXTS.items():
        (tmp_path / name).write_text(t, encoding="utf-8")
    db = store_url(backend, tmp_path)
    s = Store(db)
    run([str(tmp_path / "b.txt")], s, pipeline, published="2019-05-12")
    before = control(s)
    assert before and before == compute(s)
    with s.engine.begin() as c:
        _control_as_0006(c)
        _bands_as_0007(c)
        _documents_as_0008(c)
    s = _reopened_at(s, db, "0006")
    with s.engine.connect() as c:
        assert c.execute(text("SELECT count(*) FROM control_days")).scalar() >= 1
    assert control(s) == before
    (tmp_path / "c.txt").write_text(TEXTS["b.txt"].replace("اليوم", "أمس"), encoding="utf-8")
    run([str(tmp_path / "c.txt")], s, pipeline, published="2019-05-13")
    after = control(s)
    assert after == compute(s) and after != before


def test_the_upgrade_to_0006_fills_the_groups_of_a_stored_event_index(backend, tmp_path, pipeline):
    from rasid.runner import run
    from rasid.store import Store

    for name, t in TEXTS.items():
        (tmp_path / name).write_text(t, encoding="utf-8")
    db = store_url(backend, tmp_path)
    s = Store(db)
    run([str(tmp_path / n) for n in TEXTS], s, pipeline, published="2019-05-12")
    with s.engine.begin() as c:  # the store as rasid's schema 0005 had it
        for ix in ("ix_event_index_recon_id", "ix_event_index_grade", "ix_event_index_web_grade"):
            c.execute(text(f"DROP INDEX IF EXISTS {ix}"))
        c.execute(text("ALTER TABLE event_index DROP COLUMN recon_id"))
        c.execute(text("ALTER TABLE event_index DROP COLUMN grade"))
        _control_as_0006(c)
        _bands_as_0007(c)
        _documents_as_0008(c)
    s = _reopened_at(s, db, "0005")
    rows, truth = _groups_in_rows(s)
    assert rows == truth and rows and all(r and g for r, g in rows.values())
    if backend == "postgresql":
        with s.engine.connect() as c:
            names = {n for (n,) in c.execute(text("SELECT indexname FROM pg_indexes WHERE tablename = 'event_index'"))}
        assert {"ix_event_index_web_grade", "ix_event_index_web_outlet", "ix_event_index_web_days"} <= names


def test_a_runs_band_lookup_reads_the_index_alone_and_a_restored_document_scans_no_table(tmp_path):
    """(SQLite's plans) the stored documents sharing a band: the covering index (key, doc_id); a document
    stored again drops its bands through the doc_id index (schema 0008)."""
    from rasid.store import Store

    s = Store(tmp_path / "rasid.db")
    with s.engine.connect() as c:
        plan = " ".join(r[3] for r in c.execute(text("EXPLAIN QUERY PLAN SELECT key, doc_id FROM lsh_bands WHERE key IN (1, 2)")))
        assert "COVERING INDEX ix_lsh_bands_key_doc_id" in plan, plan
        plan = " ".join(r[3] for r in c.execute(text("EXPLAIN QUERY PLAN DELETE FROM lsh_bands WHERE doc_id = 'x'")))
        assert "ix_lsh_bands_doc_id" in plan and "SCAN" not in plan, plan


def test_the_upgrade_to_0009_leaves_the_coder_unknown_and_the_next_run_recodes(backend, tmp_path, pipeline):
    """A store of schema 0008 (documents without what coded them) upgraded: its documents' coder is NULL,
    read as another lexicon, so the next run over the same inputs codes them again (the same events, each
    once) and records what coded them; the run after skips them."""
    from rasid import __version__
    from rasid.lexicon import default_lexicon
    from rasid.runner import run
    from rasid.store import Store

    for name, t in TEXTS.items():
        (tmp_path / name).write_text(t, encoding="utf-8")
    paths = [str(tmp_path / n) for n in TEXTS]
    db = store_url(backend, tmp_path)
    s = Store(db)
    run(paths, s, pipeline, published="2019-05-12")
    before = list(s.iter_events())
    with s.engine.begin() as c:  # the store as rasid's schema 0008 had it
        _documents_as_0008(c)
    s = _reopened_at(s, db, "0008")
    with s.engine.connect() as c:
        assert c.execute(text("SELECT lexicon, rasid_version FROM documents")).all() == [(None, None)] * 2
    summ = run(paths, s, pipeline, published="2019-05-12")
    assert (summ.stored, summ.recoded, summ.skipped) == (2, 2, 0)
    assert list(s.iter_events()) == before and s.counts()["documents"] == 2
    with s.engine.connect() as c:
        assert set(c.execute(text("SELECT lexicon, rasid_version FROM documents")).all()) == {
            (default_lexicon().fingerprint, __version__)}
    summ = run(paths, s, pipeline, published="2019-05-12")
    assert (summ.stored, summ.skipped) == (0, 2)
    if backend == "sqlite":  # what is stored and what coded it: still read from the index alone
        with s.engine.connect() as c:
            plan = " ".join(r[3] for r in c.execute(text(
                "EXPLAIN QUERY PLAN SELECT doc_id, content_hash, raw_hash, lexicon, rasid_version FROM documents")))
        assert "COVERING INDEX ix_documents_known" in plan, plan
