"""Runs on a Dask cluster (dask.distributed LocalCluster of 2 worker processes): the same documents, events
and ids as one process, and a worker killed mid-run loses and doubles nothing."""
import os
import signal

import pytest

from conftest import CORPUS, GAZETTEER, needs_pg, needs_shared, store_url


def _slice(tmp_path, n=48):
    src = tmp_path / "in"
    src.mkdir()
    with open(CORPUS, encoding="utf-8") as f:
        lines = [next(f) for _ in range(n)]
    (src / "slice.jsonl").write_text("".join(lines[:20]) + "{not json\n" + "".join(lines[20:]), encoding="utf-8")
    (src / "english.txt").write_text("Clashes were reported in the north of the country today. " * 5, encoding="utf-8")
    return src


def _content(store):
    docs = sorted((d["doc_id"], d["content_hash"], d["n_events"]) for d in store.iter_documents())
    events = [(e["event_id"], e["doc_id"], e["event_type"]) for e in store.iter_events()]
    return docs, events, list(store.iter_errors())


@pytest.fixture(scope="module")
def cluster():
    from rasid.parallel import Cluster

    with Cluster(workers=2) as c:
        yield c


@pytest.fixture(scope="module")
def reference(tmp_path_factory, pipeline):
    from rasid.runner import run
    from rasid.store import Store

    if not CORPUS.exists():
        pytest.skip(f"needs the corpus: {CORPUS}")
    tmp = tmp_path_factory.mktemp("ref")
    src = _slice(tmp)
    store = Store(tmp / "one.db")
    summ = run([str(src)], store, pipeline)
    return src, summ, _content(store)


@needs_shared
def test_two_dask_workers_give_the_documents_events_and_ids_of_one_process(tmp_path, cluster, reference):
    from rasid.runner import run
    from rasid.store import Store

    src, summ1, ref = reference
    store = Store(tmp_path / "two.db")
    summ = run([str(src)], store, gazetteer=str(GAZETTEER), cluster=cluster, partition_size=8)
    assert (summ.read, summ.stored, summ.failed, summ.events) == (summ1.read, summ1.stored, summ1.failed, summ1.events)
    assert _content(store) == ref and len(ref[1]) > 20
    again = run([str(src)], store, gazetteer=str(GAZETTEER), cluster=cluster, partition_size=8)
    assert again.stored == 0 and again.skipped == summ1.stored  # resumed on the cluster: nothing doubled


@needs_shared
def test_a_worker_killed_mid_run_loses_nothing_and_doubles_nothing(tmp_path, cluster, reference):
    from rasid.runner import run
    from rasid.store import Store

    src, summ1, ref = reference
    pids = list(cluster.client.run(os.getpid).values())
    seen = []

    def kill_one(_source):  # a few inputs in, both workers busy with partitions: one dies
        seen.append(_source)
        if len(seen) == 6:
            os.kill(pids[0], signal.SIGKILL)

    store = Store(tmp_path / "killed.db")
    summ = run([str(src)], store, gazetteer=str(GAZETTEER), cluster=cluster, partition_size=4, on_progress=kill_one)
    assert len(seen) > 6
    assert (summ.read, summ.stored, summ.failed, summ.events) == (summ1.read, summ1.stored, summ1.failed, summ1.events)
    docs, events, errors = _content(store)
    assert (docs, events, errors) == ref
    assert len({e[0] for e in events}) == len(events)
    cluster.client.wait_for_workers(2, timeout=60)  # the nanny starts the killed worker again


@needs_shared
@needs_pg
def test_on_postgresql_the_workers_write_their_documents_and_a_killed_one_loses_and_doubles_nothing(
        tmp_path, cluster, reference, monkeypatch):
    """On PostgreSQL the workers write each document themselves (the client never calls Store.write, so it
    is no bottleneck); the store, ids and summary are those of one process, a worker SIGKILLed mid-run
    included (its partition runs again: what it had written is reported, not written twice)."""
    from rasid.runner import run
    from rasid.store import Store

    src, summ1, ref = reference

    def not_here(*a, **k):
        raise AssertionError("the client wrote a document: the workers should have")

    monkeypatch.setattr(Store, "write", not_here)  # (this process only: the workers are other processes)
    store = Store(store_url("postgresql", tmp_path))
    summ = run([str(src)], store, gazetteer=str(GAZETTEER), cluster=cluster, partition_size=8)
    assert (summ.read, summ.stored, summ.failed, summ.events, summ.skipped) == \
        (summ1.read, summ1.stored, summ1.failed, summ1.events, summ1.skipped)
    assert _content(store) == ref and len(ref[1]) > 20

    pids = list(cluster.client.run(os.getpid).values())
    seen = []

    def kill_one(_source):
        seen.append(_source)
        if len(seen) == 6:
            os.kill(pids[0], signal.SIGKILL)

    killed = Store(store_url("postgresql", tmp_path, "killed"))
    summ = run([str(src)], killed, gazetteer=str(GAZETTEER), cluster=cluster, partition_size=4, on_progress=kill_one)
    assert (summ.read, summ.stored, summ.failed, summ.events) == (summ1.read, summ1.stored, summ1.failed, summ1.events)
    docs, events, errors = _content(killed)
    assert (docs, events, errors) == ref and len({e[0] for e in events}) == len(events)
    cluster.client.wait_for_workers(2, timeout=60)


@needs_pg
def test_on_postgresql_copies_in_partitions_coded_at_once_are_stored_once(tmp_path, cluster):
    """Copies of one text under other names, in partitions two workers write at the same time: one stored,
    the others skipped as copies (the workers take turns on the text's hash), as in one process."""
    from rasid.runner import run
    from rasid.store import Store

    text = "قصفت طائرات حربية بلدة كفرنبل في ريف إدلب الجنوبي صباح اليوم ما أدى إلى مقتل ثلاثة مدنيين.\n"
    src = tmp_path / "in"
    src.mkdir()
    for i in range(6):
        (src / f"copy{i}.txt").write_text(text, encoding="utf-8")
    (src / "other.txt").write_text("اندلعت اشتباكات عنيفة بين الفصائل وقوات النظام على أطراف بلدة اللطامنة.\n", encoding="utf-8")
    store = Store(store_url("postgresql", tmp_path))
    summ = run([str(src)], store, cluster=cluster, partition_size=1, published="2017-04-04")
    assert (summ.read, summ.stored, summ.skipped, summ.failed) == (7, 2, 5, 0)
    docs = list(store.iter_documents())
    assert len(docs) == 2 and len({d["content_hash"] for d in docs}) == 2
    assert summ.events == sum(d["n_events"] for d in docs) >= 2


def test_workers_recode_a_document_stored_by_another_lexicon_and_skip_the_rest(tmp_path, cluster, backend):
    """A stored document coded by another lexicon (its ``lexicon`` stamp differs) is not skipped by a worker's
    look-up in the store (SQLite) nor by a worker writing itself (PostgreSQL): it is coded again, in place,
    once; the documents coded by this lexicon are skipped; a run after skips them all."""
    from sqlalchemy import text as sql

    from rasid.runner import run
    from rasid.store import Store

    texts = {  # invented
        "a.txt": "قصفت طائرات حربية بلدة كفرنبل في ريف إدلب الجنوبي صباح اليوم ما أدى إلى مقتل ثلاثة مدنيين.\n",
        "b.txt": "اندلعت اشتباكات عنيفة بين الفصائل وقوات النظام على أطراف بلدة اللطامنة اليوم.\n",
        "c.txt": "سيطرت قوات النظام على قرية بليل في ريف حماة الشمالي اليوم.\n",
    }
    src = tmp_path / "in"
    src.mkdir()
    for name, t in texts.items():
        (src / name).write_text(t, encoding="utf-8")
    store = Store(store_url(backend, tmp_path))
    first = run([str(src)], store, cluster=cluster, partition_size=1, published="2017-04-04")
    assert first.stored == 3
    before = list(store.iter_events())
    with store.engine.begin() as c:
        c.execute(sql("UPDATE documents SET lexicon = '00000000' WHERE doc_id = 'b'"))
    summ = run([str(src)], store, cluster=cluster, partition_size=1, published="2017-04-04")
    assert (summ.read, summ.stored, summ.recoded, summ.skipped, summ.failed) == (3, 1, 1, 2, 0)
    assert list(store.iter_events()) == before and store.counts()["documents"] == 3
    with store.engine.connect() as c:
        assert c.execute(sql("SELECT count(DISTINCT lexicon) FROM documents")).scalar() == 1
    again = run([str(src)], store, cluster=cluster, partition_size=1, published="2017-04-04")
    assert (again.stored, again.skipped) == (0, 3)
