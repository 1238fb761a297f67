"""An incremental run (a benchmark, not a test): 100 new articles into a store of 100,000 documents.

    python bench/bench_incremental.py --corpus ../shared/corpus/syria_conflict.jsonl --gazetteer ../shared/gazetteer

1. builds (once; cached under bench/.cache) a store of N documents (default 100,000): the corpus coded and
   reconciled once, then copied with new ids and every day moved on by 10 years per copy (documents,
   events, their index rows, signatures, reconciled events), so the copies neither meet nor vanish into
   one another; SQLite, in bulk;
2. prepares the state a monitoring team has between two batches (cached too): the store brought up to this
   rasid's schema, its control timelines kept, and the exports of the run before in a folder;
3. times, end to end in this process, one run of NEW (default 100) corpus articles under new ids (their
   text a word longer: new articles, copies of stored ones as agency copy is), then the exports as
   `rasid run` writes them: coding, storing, near-duplicates, reconciling, control timelines, exports.

`--before`: time what rasid before issue 18 did instead (the same run, then every export rewritten), with
the code under test on PYTHONPATH (e.g. a `git archive` of the earlier commit); the store stays at that
rasid's schema. The timed run works on a copy of the cached store (6 GB at 100,000 documents) in a temporary
folder under `--tmp` (default: the system's temporary folder), deleted after. Prints one JSON line of figures.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

SHIFT_DAYS = 3653  # a copy's days move on by 10 years: no two copies tell one event


def _shift_day(s, k):
    if not s or len(s) < 10:
        return s
    try:
        return (dt.date.fromisoformat(s[:10]) + dt.timedelta(days=SHIFT_DAYS * k)).isoformat() + s[10:]
    except ValueError:
        return s


def _shift_event(rec: dict, k: int, suffix: str) -> dict:
    rec = dict(rec)
    rec["event_id"] += suffix
    rec["doc_id"] += suffix
    d = rec.get("date")
    if d:
        rec["date"] = {**d, "start": _shift_day(d.get("start"), k), "end": _shift_day(d.get("end"), k)}
    return rec


def build(cache: Path, corpus: str, gazetteer: str, n_docs: int) -> Path:
    """The store of ``n_docs`` documents (schema of the rasid that builds it), cached by size."""
    base = cache / f"incr_base_{n_docs}.db"
    if base.exists():
        return base
    from rasid.pipeline import Pipeline
    from rasid.runner import run
    from rasid.store import Store, event_row

    seed = cache / "incr_seed.db"
    if not seed.exists():
        t = time.perf_counter()
        tmp = cache / "incr_seed.tmp.db"
        for p in cache.glob("incr_seed.tmp.db*"):
            p.unlink()
        run([corpus], Store(tmp), Pipeline(gazetteer=gazetteer))
        os.replace(tmp, seed)
        print(f"seed store: {time.perf_counter() - t:.0f} s", file=sys.stderr)
    t = time.perf_counter()
    tmp = cache / f"incr_base_{n_docs}.tmp.db"
    shutil.copyfile(seed, tmp)
    con = sqlite3.connect(tmp)
    con.execute("PRAGMA journal_mode=OFF")
    con.execute("PRAGMA synchronous=OFF")
    n_seed = con.execute("SELECT count(*) FROM documents").fetchone()[0]
    copies = -(-n_docs // n_seed) - 1
    doc_cols = [r[1] for r in con.execute("PRAGMA table_info(documents)")]
    docs = con.execute(f"SELECT {', '.join(doc_cols)} FROM documents ORDER BY doc_id").fetchall()
    evs = con.execute("SELECT event_id, doc_id, seq, outlet, event_type, sub_event_type, date_start, record FROM events").fetchall()
    sigs = con.execute("SELECT doc_id, sig FROM signatures").fetchall()
    bands = con.execute("SELECT key, doc_id FROM lsh_bands").fetchall()
    recs = con.execute("SELECT recon_id, event_type, grade, day_start, day_end, match, record FROM reconciled").fetchall()
    members = con.execute("SELECT event_id, recon_id FROM recon_members").fetchall()
    ix_cols = [r[1] for r in con.execute("PRAGMA table_info(event_index)")]
    i_doc, i_pub, i_dup = doc_cols.index("doc_id"), doc_cols.index("published"), doc_cols.index("duplicate_of")
    left = n_docs - n_seed
    for k in range(1, copies + 1):
        sfx = f"~{k}"
        take = docs[:left] if left < len(docs) else docs
        keep = {d[i_doc] for d in take}
        rows = []
        for d in take:
            d = list(d)
            d[i_dup] = d[i_dup] or d[i_doc]  # a copy of the seed's document (or of what that one copies)
            d[i_doc] += sfx
            d[i_pub] = _shift_day(d[i_pub], k)
            rows.append(d)
        con.executemany(f"INSERT INTO documents ({', '.join(doc_cols)}) VALUES ({', '.join('?' * len(doc_cols))})", rows)
        ev_rows, ix_rows = [], []
        for eid, did, seq, outlet, et, st, ds, rec in evs:
            if did not in keep:
                continue
            r = _shift_event(json.loads(rec), k, sfx)
            ev_rows.append((r["event_id"], r["doc_id"], seq, outlet, et, st, (r.get("date") or {}).get("start"),
                            json.dumps(r, ensure_ascii=False)))
            row = event_row(r, seq)
            ix_rows.append(tuple(row.get(c) for c in ix_cols))
        con.executemany("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?)", ev_rows)
        con.executemany(f"INSERT INTO event_index ({', '.join(ix_cols)}) VALUES ({', '.join('?' * len(ix_cols))})", ix_rows)
        con.executemany("INSERT INTO signatures VALUES (?, ?)", [(d + sfx, s) for d, s in sigs if d in keep])
        con.executemany("INSERT INTO lsh_bands VALUES (?, ?)", [(key, d + sfx) for key, d in bands if d in keep])
        kept_events = {e[0] for e in evs if e[1] in keep}
        kept_groups = {rid for e, rid in members if e in kept_events}
        rrows = []
        for rid, et, grade, ds, de, match, rec in recs:
            if rid not in kept_groups:
                continue
            m = json.loads(match)
            for key in ("start", "end"):
                if m.get(key) is not None:
                    m[key] += SHIFT_DAYS * k
            r = json.loads(rec)
            r["recon_id"] = rid + sfx
            r["date"] = {**r["date"], "start": _shift_day(r["date"].get("start"), k), "end": _shift_day(r["date"].get("end"), k)}
            rrows.append((rid + sfx, et, grade, ds + SHIFT_DAYS * k if ds is not None else None,
                          de + SHIFT_DAYS * k if de is not None else None, json.dumps(m, ensure_ascii=False),
                          json.dumps(r, ensure_ascii=False)))
        con.executemany("INSERT INTO reconciled (recon_id, event_type, grade, day_start, day_end, match, record) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?)", rrows)
        con.executemany("INSERT INTO recon_members VALUES (?, ?)", [(e + sfx, rid + sfx) for e, rid in members if e in kept_events])
        con.commit()
        left -= len(take)
        print(f"copy {k}/{copies}: {n_docs - left:,} documents, {time.perf_counter() - t:.0f} s", file=sys.stderr)
        if left <= 0:
            break
    con.close()
    os.replace(tmp, base)
    return base


def new_articles(corpus: str, n: int, path: Path) -> Path:
    """``n`` corpus articles under new ids, a word added: new texts on the seed's days."""
    with open(corpus, encoding="utf-8") as f, open(path, "w", encoding="utf-8") as out:
        for i, line in enumerate(f):
            if i >= n:
                break
            a = json.loads(line)
            a["doc_id"] = f"new-{i:04d}-{a['doc_id']}"
            a["text"] = (a.get("text") or "") + " (محدث)"
            out.write(json.dumps(a, ensure_ascii=False) + "\n")
    return path


def prepared(cache: Path, base: Path) -> tuple[Path, Path]:
    """The store at this rasid's schema with its control timelines kept, and the previous run's exports."""
    from rasid.control import update
    from rasid.export import export_all
    from rasid.store import Store

    db, out = cache / f"{base.stem}_kept.db", cache / f"{base.stem}_kept_out"
    if db.exists() and (out / ".rasid-export.json").exists():
        return db, out  # (a later schema: upgraded when the copy is opened)
    t = time.perf_counter()
    tmp = cache / f"{base.stem}_kept.tmp.db"
    shutil.copyfile(base, tmp)
    st = Store(tmp)  # (upgraded)
    print(f"upgraded: {time.perf_counter() - t:.0f} s", file=sys.stderr)
    with st.writer("bench"):
        update(st)
    print(f"control kept: {time.perf_counter() - t:.0f} s", file=sys.stderr)
    st.engine.dispose()
    os.replace(tmp, db)
    shutil.rmtree(out, ignore_errors=True)
    export_all(Store(db), out)
    print(f"exports: {time.perf_counter() - t:.0f} s", file=sys.stderr)
    return db, out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--gazetteer", required=True)
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--new", type=int, default=100)
    ap.add_argument("--cache", default=str(Path(__file__).parent / ".cache"))
    ap.add_argument("--tmp", default=None, help="where the timed run's copy of the store goes (default: the system's temp folder)")
    ap.add_argument("--before", action="store_true", help="time rasid before issue 18 (its code on PYTHONPATH)")
    ap.add_argument("--profile", type=int, default=0, metavar="N",
                    help="profile the run (cProfile) and print its N costliest functions by cumulative time to stderr")
    args = ap.parse_args()
    cache = Path(args.cache)
    cache.mkdir(parents=True, exist_ok=True)
    base = build(cache, args.corpus, args.gazetteer, args.docs)

    from rasid.export import export_all
    from rasid.pipeline import Pipeline
    from rasid.runner import run
    from rasid.store import Store

    with tempfile.TemporaryDirectory(dir=args.tmp) as d:
        d = Path(d)
        new = new_articles(args.corpus, args.new, d / "new.jsonl")
        if args.before:
            db, out = d / "rasid.db", d / "out"
            shutil.copyfile(base, db)
        else:
            src_db, src_out = prepared(cache, base)
            db, out = d / "rasid.db", d / "out"
            shutil.copyfile(src_db, db)
            shutil.copytree(src_out, out)
        pipe = Pipeline(gazetteer=args.gazetteer)
        t = time.perf_counter()  # the gazetteer index, loaded once per process (a watcher's): apart
        run([str(new_articles(args.corpus, 1, d / "warm.jsonl"))], Store(d / "warm.db"), pipe)
        warm = time.perf_counter() - t
        st = Store(db)
        docs = st.counts()["documents"]
        prof = None
        if args.profile:
            import cProfile

            prof = cProfile.Profile()
            prof.enable()
        t0 = time.perf_counter()
        summ = run([str(new)], st, pipe)
        t1 = time.perf_counter()
        if prof is not None:
            import pstats

            prof.disable()
            pstats.Stats(prof, stream=sys.stderr).sort_stats("cumulative").print_stats(args.profile)
        if args.before:
            export_all(st, out)
            exports = "all rewritten"
        else:
            from rasid.export import export_run

            done, how = export_run(st, out, summ.run_id, summ.stored, summ.replaced)
            exports = how
        t2 = time.perf_counter()
        r = summ.reconciled
        print(json.dumps({
            "code": "before" if args.before else "after", "stored_documents": docs, "new_articles": summ.stored,
            "new_events": summ.events, "seconds_end_to_end": round(t2 - t0, 2), "seconds_run": round(t1 - t0, 2),
            "seconds_exports": round(t2 - t1, 2), "exports": exports,
            "groups_loaded": r.get("groups_loaded"), "groups_touched": r.get("groups_touched"),
            "control": r.get("control"), "target_s": 10, "seconds_first_load": round(warm, 2),
            "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        }, ensure_ascii=False))


if __name__ == "__main__":
    main()
