"""A run: inputs -> pipeline -> store, with per-input errors, resume and a summary.

Each document is committed with its events in one transaction (several
documents share a transaction for speed, never half a document). Already
stored texts are skipped by content hash, so a killed run started again
finishes the job with nothing lost or doubled and the same event ids. A stored
text coded by another lexicon or rasid version (its ``lexicon`` and
``rasid_version``; unknown for one stored before schema 0009) is coded again:
its events replaced with its row, in one transaction.
"""
from __future__ import annotations

import hashlib
import signal
import threading
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import BinaryIO, Callable, Iterable

from .clean import NotArabicError, clean
from .ingest import Limits, discover
from .model import RawArticle
from .pipeline import Pipeline
from .store import Store

BATCH_SECONDS = 0.5
BATCH_DOCS = 200


@dataclass
class Summary:
    read: int = 0
    stored: int = 0
    skipped: int = 0
    failed: int = 0
    events: int = 0
    by_type: Counter = field(default_factory=Counter)
    by_outlet: Counter = field(default_factory=Counter)
    errors: list[dict] = field(default_factory=list)
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)
    reconciled: dict = field(default_factory=dict)
    carried: Counter = field(default_factory=Counter)  # reviewers' decisions carried to edited articles, by match
    run_id: int | None = None  # the store's run (its documents carry it)
    replaced: int = 0  # documents stored over an earlier version of themselves
    recoded: int = 0  # of those, the same text coded again (stored by another lexicon or rasid version)

    def as_dict(self) -> dict:
        return {
            "documents_read": self.read, "documents_stored": self.stored, "skipped_already_stored": self.skipped,
            "recoded": self.recoded,
            "failed": self.failed, "events": self.events, "events_by_type": dict(sorted(self.by_type.items())),
            "events_by_outlet": dict(sorted(self.by_outlet.items(), key=lambda kv: (kv[0] is None, kv[0] or ""))),
            "errors": self.errors, "seconds": round(self.seconds, 3), "notes": self.notes,
            "reconciled": self.reconciled, "reviews_carried": dict(sorted(self.carried.items())),
        }


def _raw_hash(a: RawArticle) -> str:
    h = hashlib.sha1()
    for part in (a.doc_id, a.raw, a.outlet or "", a.published or "", str(a.is_html)):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()


def _known(doc, by_id: dict, hashes: set, stale: set = frozenset()) -> bool:
    """Stored already: the same document id with the same text coded by this lexicon and rasid (not in
    ``stale``), or this text under another id (that document is coded again under its own id, if at all)."""
    if doc.doc_id in by_id:
        return by_id[doc.doc_id] == doc.content_hash and doc.doc_id not in stale
    return doc.content_hash in hashes


class OverTimeBudget(BaseException):
    """Raised inside a document's cleaning or coding when its time budget is spent (a BaseException,
    so no ``except Exception`` on the way swallows it)."""


@contextmanager
def time_budget(seconds: float):
    """Interrupt the block after ``seconds`` (SIGALRM; main thread on POSIX only, else no budget)."""
    if not seconds or seconds <= 0:
        yield
        return
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        with _thread_budget(seconds):  # (a Dask worker codes in its executor thread)
            yield
        return

    def _alarm(_sig, _frame):
        raise OverTimeBudget()

    old = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


@contextmanager
def _thread_budget(seconds: float):
    """:func:`time_budget` off the main thread: a timer raises OverTimeBudget in this thread (between two
    Python instructions, as a signal handler would)."""
    import ctypes

    tid, lock, state = threading.get_ident(), threading.Lock(), {"on": True, "fired": False}

    def fire() -> None:
        with lock:
            if state["on"]:
                state["fired"] = True
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(tid), ctypes.py_object(OverTimeBudget))

    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with lock:
            state["on"] = False
            timer.cancel()
            if state["fired"]:  # fired as the block ended: no stray exception later
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(tid), None)


def _prepare(item: RawArticle, pipe: Pipeline | None, known: Callable, limits: Limits | None = None) -> tuple:
    """Clean and code one article: ("ok", doc, places, note) | ("known", None) | ("not_arabic" | "error", reason)."""
    lim = limits or Limits()
    if not item.is_html and len(item.raw) > lim.max_chars:
        return ("error", lim.over("max_chars", f"document too long ({len(item.raw):,} characters)"))
    stage = "cleaning"
    try:
        with time_budget(lim.max_seconds):
            try:
                doc = clean(item, max_depth=lim.max_depth)
            except NotArabicError as e:
                return ("not_arabic", str(e))
            except Exception as e:  # a bug on one input must not stop the run
                return ("error", f"internal error while cleaning: {type(e).__name__}: {e}")
            if len(doc.text) > lim.max_chars:
                return ("error", lim.over("max_chars", f"document too long ({len(doc.text):,} characters once cleaned)"))
            if known(doc):
                return ("known", None)
            note, places = item.note and f"{item.source}: {item.note}", []
            if pipe is not None:
                stage = "coding"
                try:
                    doc = pipe.process(doc)
                except Exception as e:  # a bug on one input must not stop the run; not stored, so a re-run retries it
                    return ("error", f"internal error while coding: {type(e).__name__}: {e}")
                audit = doc.spans_of("place_audit")
                places = audit[0].value if audit else []
    except OverTimeBudget:
        return ("error", lim.over("max_seconds", f"{stage} took too long"))
    doc.norm, doc.matches = None, {}  # the text layer is rebuilt on demand; not worth carrying
    return ("ok", doc, places, note)


def run(inputs: Iterable[str], store: Store, pipeline: Pipeline | None = None, *, wait: float = 0.0,
        on_wait: Callable[[str], None] | None = None, **kw) -> Summary:
    """:func:`run_unlocked` holding the store's writer lock: a second writer waits up to ``wait`` seconds
    (``on_wait`` told why), then :class:`rasid.store.StoreBusy` ("store in use by PID ..."); never two at once."""
    with store.writer("rasid run", wait=wait, on_wait=on_wait):
        return run_unlocked(inputs, store, pipeline, **kw)


def run_unlocked(
    inputs: Iterable[str], store: Store, pipeline: Pipeline | None = None, *, published: str | None = None,
    outlet: str | None = None, stdin: BinaryIO | None = None, on_progress: Callable[[str], None] | None = None,
    code_events: bool = True, args: dict | None = None, workers: int = 1, gazetteer: str | None = None,
    limits: Limits | None = None, on_step: Callable[[str], None] | None = None, dask: str | None = None,
    cluster=None, partition_size: int | None = None,
) -> Summary:
    """Run ``inputs`` into ``store``. ``workers`` > 1 cleans and codes on a local Dask cluster of that many
    processes, ``dask`` (tcp://HOST:8786) on an existing one, ``cluster`` on a :class:`rasid.parallel.Cluster`
    the caller holds; each worker has the default pipeline over ``gazetteer`` (a custom ``pipeline`` needs
    one process). ``limits``: how much work one input may cost (:class:`rasid.ingest.Limits`); an input over
    one is an error naming it. ``on_progress`` is told each input read, ``on_step`` the end-of-run work
    ("reconciling"). ``partition_size``: JSONL lines or files per partition."""
    from .parallel import PART_ARTICLES, Cluster, Job, code, dask_entries, partitions

    pipe = pipeline
    lim = limits or Limits()
    summ = Summary()
    t0 = time.perf_counter()
    from .lexicon import coded_by, default_lexicon

    run_id = summ.run_id = store.start_run(args or {}, default_lexicon().fingerprint)
    # what codes this run's documents; a stored one coded by another is stale: coded again (not by a run
    # that codes nothing)
    coder = coded_by() if code_events else None
    by_id, hashes, raw_hashes, stale = store.known(coder)
    error_paths = store.error_paths()
    paths = discover(inputs)
    conn = store.engine.connect()
    tx = conn.begin()
    pending, last = 0, time.perf_counter()
    parts = partitions(paths, stdin=stdin, limits=lim, size=partition_size or PART_ARTICLES)
    owned = None
    if cluster is None and (dask or workers > 1):
        owned = cluster = Cluster(dask, workers)
    if cluster is not None:
        gz = gazetteer if gazetteer is not None else (pipe.geoparser.source if pipe and pipe.geoparser else None)
        # (a pipeline run without a gazetteer has workers without one, not with the default)
        gz = str(gz) if gz else (False if pipe and pipe.geoparser and not pipe.geoparser.available else None)
        url = str(store.engine.url)
        db = store.engine.url.database if url.startswith("sqlite") and cluster.local else (
            None if url.startswith("sqlite") else store.engine.url.render_as_string(hide_password=False))
        # on PostgreSQL the workers write their documents themselves (the client only reads their entries)
        job = Job(gazetteer=gz, code_events=code_events, limits=lim, published=published, outlet=outlet, db=db,
                  write=url.startswith("postgresql"), run_id=run_id, coder=coder)
        entries = dask_entries(cluster, parts, job)
    else:
        job = Job(code_events=code_events, limits=lim, published=published, outlet=outlet, coder=coder)
        coding = pipe if code_events else None
        entries = (e for part in parts for e in code(part, job, coding, raw_hashes.__contains__,
                                                      lambda doc: _known(doc, by_id, hashes, stale)))

    def commit():
        nonlocal tx, pending, last
        tx.commit()
        tx = conn.begin()
        pending, last = 0, time.perf_counter()

    try:
        for entry in entries:
            if entry[0] == "error":
                err = entry[1]
                if on_progress:
                    on_progress(err.path)
                summ.failed += 1
                summ.errors.append(err.record())
                store.add_error(conn, run_id, err.path, err.reason, err.line)
                pending += 1
                continue
            source = entry[1]
            if on_progress:
                on_progress(source)
            summ.read += 1
            if entry[0] == "raw_known":
                summ.skipped += 1
                continue
            if entry[0] == "written":  # a worker wrote it (PostgreSQL)
                _, source, rh, w = entry
                if rh in raw_hashes:  # (the same article met earlier in this run: written once, counted once)
                    summ.skipped += 1
                    continue
                _count_written(summ, w)
                if w.note:
                    summ.notes.append(w.note)
                path, line = _where(source)
                if path in error_paths:
                    store.clear_error(conn, path, line)
                    pending += 1
                by_id[w.doc_id] = w.content_hash
                hashes.add(w.content_hash)
                raw_hashes.add(rh)
                stale.discard(w.doc_id)
                continue
            _, source, rh, result = entry
            if rh in raw_hashes:  # (a copy met earlier in this run)
                summ.skipped += 1
                continue
            if result[0] in ("not_arabic", "error"):
                summ.failed += 1
                path, line = _where(source)
                summ.errors.append({"path": path, "reason": result[1], **({"line": line} if line else {})})
                store.add_error(conn, run_id, path, result[1], line)
                pending += 1
                continue
            if result[0] == "known" or _known(result[1], by_id, hashes, stale):  # (a copy met earlier in this run)
                summ.skipped += 1
                continue
            _, doc, places, note = result
            if note:
                summ.notes.append(note)
            path, line = _where(source)
            try:
                with conn.begin_nested():  # a savepoint: this document and its events, or nothing
                    carried = store.write(conn, doc, run_id, raw_hash=rh, places=places, fresh=doc.doc_id not in by_id,
                                          coded_by=coder or (None, None))
                    if path in error_paths:
                        store.clear_error(conn, path, line)
            except Exception as e:
                summ.failed += 1
                reason = f"could not store: {type(e).__name__}: {str(e).splitlines()[0][:120]}"
                summ.errors.append({"path": path, "reason": reason, **({"line": line} if line else {})})
                store.add_error(conn, run_id, path, reason, line)
                continue
            summ.carried.update(c["field"] for c in carried)
            summ.replaced += doc.doc_id in by_id
            summ.recoded += by_id.get(doc.doc_id) == doc.content_hash  # (the same text: stale, coded again)
            stale.discard(doc.doc_id)
            by_id[doc.doc_id] = doc.content_hash
            hashes.add(doc.content_hash)
            raw_hashes.add(rh)
            summ.stored += 1
            summ.events += len(doc.events)
            for e in doc.events:
                summ.by_type[e.event_type] += 1
                summ.by_outlet[e.outlet or "(unknown)"] += 1
            pending += 1
            if pending >= BATCH_DOCS or time.perf_counter() - last > BATCH_SECONDS:
                commit()
        tx.commit()
        if summ.carried:
            check = sum(n for k, n in summ.carried.items() if k != "same")
            summ.notes.append(f"reviewers' decisions on {sum(summ.carried.values())} events of edited articles carried to "
                              f"their new versions; {check} to look at again ({summ.carried.get('lost', 0)} with no "
                              "matching event): /api/reviews/flags, or the 'carry' rows of reviews.jsonl")
        if owned is not None:  # the workers' memory back before the end-of-run work
            owned.close()
            owned = None
        if code_events:
            from .reconcile import reconcile

            if on_step:
                on_step("reconciling")
            try:  # incremental: only new report events are placed
                summ.reconciled = reconcile(store).as_dict()
            except Exception as e:  # the report events are stored; `rasid reconcile` can redo this step
                summ.notes.append(f"reconciling failed ({type(e).__name__}: {e}); run `rasid reconcile`")
    except BaseException:
        tx.rollback()  # the open batch is redone by the next run: nothing half-written stays
        raise
    finally:
        if owned is not None:
            owned.close()
        conn.close()
        summ.seconds = time.perf_counter() - t0
        store.finish_run(run_id, summ.as_dict())
    return summ


def _count_written(summ: Summary, w) -> None:
    """A document a worker wrote (:class:`rasid.parallel.Written`) in the run's summary."""
    summ.carried.update(w.carried)
    summ.replaced += w.replaced
    summ.recoded += w.recoded
    summ.stored += 1
    summ.events += len(w.events)
    for event_type, outlet in w.events:
        summ.by_type[event_type] += 1
        summ.by_outlet[outlet or "(unknown)"] += 1


def _where(source: str) -> tuple[str, int | None]:
    path, _, line = source.rpartition(":")
    if path and line.isdigit():
        return path, int(line)
    return source, None
