"""A run: inputs -> pipeline -> store, with per-input errors, resume and a summary.

Each document is committed with its events in one transaction (several
documents share a transaction for speed, never half a document). Already
stored texts are skipped by content hash, so a killed run started again
finishes the job with nothing lost or doubled and the same event ids.
"""
from __future__ import annotations

import hashlib
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import BinaryIO, Callable, Iterable

from .clean import NotArabicError, clean
from .ingest import InputError, discover, read_inputs
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

    def as_dict(self) -> dict:
        return {
            "documents_read": self.read, "documents_stored": self.stored, "skipped_already_stored": self.skipped,
            "failed": self.failed, "events": self.events, "events_by_type": dict(sorted(self.by_type.items())),
            "events_by_outlet": dict(sorted(self.by_outlet.items(), key=lambda kv: (kv[0] is None, kv[0] or ""))),
            "errors": self.errors, "seconds": round(self.seconds, 3), "notes": self.notes,
            "reconciled": self.reconciled,
        }


def _raw_hash(a: RawArticle) -> str:
    h = hashlib.sha1()
    for part in (a.doc_id, a.raw, a.outlet or "", a.published or "", str(a.is_html)):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()


def run(
    inputs: Iterable[str], store: Store, pipeline: Pipeline | None = None, *, published: str | None = None,
    outlet: str | None = None, stdin: BinaryIO | None = None, on_progress: Callable[[str], None] | None = None,
    code_events: bool = True, args: dict | None = None,
) -> Summary:
    pipe = pipeline
    summ = Summary()
    t0 = time.perf_counter()
    from .lexicon import default_lexicon

    run_id = store.start_run(args or {}, default_lexicon().fingerprint)
    by_id, hashes, raw_hashes = store.known()
    error_paths = store.error_paths()
    paths = discover(inputs)
    conn = store.engine.connect()
    tx = conn.begin()
    pending, last = 0, time.perf_counter()

    def commit():
        nonlocal tx, pending, last
        tx.commit()
        tx = conn.begin()
        pending, last = 0, time.perf_counter()

    try:
        for item in read_inputs(paths, stdin=stdin):
            if on_progress:
                on_progress(item.source if isinstance(item, RawArticle) else item.path)
            if isinstance(item, InputError):
                summ.failed += 1
                summ.errors.append(item.record())
                store.add_error(conn, run_id, item.path, item.reason, item.line)
                pending += 1
                continue
            summ.read += 1
            if published and not item.published:
                item.published = published
            if outlet and not item.outlet:
                item.outlet = outlet
            rh = _raw_hash(item)
            if rh in raw_hashes:
                summ.skipped += 1
                continue
            try:
                doc = clean(item)
            except NotArabicError as e:
                summ.failed += 1
                path, line = _where(item.source)
                summ.errors.append({"path": path, "reason": str(e), **({"line": line} if line else {})})
                store.add_error(conn, run_id, path, str(e), line)
                pending += 1
                continue
            except Exception as e:  # a bug on one input must not stop the run
                summ.failed += 1
                path, line = _where(item.source)
                reason = f"internal error while cleaning: {type(e).__name__}: {e}"
                summ.errors.append({"path": path, "reason": reason, **({"line": line} if line else {})})
                store.add_error(conn, run_id, path, reason, line)
                continue
            if by_id.get(doc.doc_id) == doc.content_hash or (doc.content_hash in hashes and doc.doc_id not in by_id):
                summ.skipped += 1
                continue
            places = []
            if pipe is not None and code_events:
                try:
                    doc = pipe.process(doc)
                except Exception as e:  # keep the document, report the failure
                    doc.events = []
                    summ.notes.append(f"{doc.doc_id}: coding failed ({type(e).__name__}: {e})")
                audit = doc.spans_of("place_audit")
                places = audit[0].value if audit else []
            path, line = _where(item.source)
            try:
                with conn.begin_nested():  # a savepoint: this document and its events, or nothing
                    store.write(conn, doc, run_id, raw_hash=rh, places=places, fresh=doc.doc_id not in by_id)
                    if path in error_paths:
                        store.clear_error(conn, path, line)
            except Exception as e:
                summ.failed += 1
                reason = f"could not store: {type(e).__name__}: {str(e).splitlines()[0][:120]}"
                summ.errors.append({"path": path, "reason": reason, **({"line": line} if line else {})})
                store.add_error(conn, run_id, path, reason, line)
                continue
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
        if code_events:
            from .reconcile import reconcile

            try:  # incremental: only new report events are placed
                summ.reconciled = reconcile(store).as_dict()
            except Exception as e:  # the report events are stored; `rasid reconcile` can redo this step
                summ.notes.append(f"reconciling failed ({type(e).__name__}: {e}); run `rasid reconcile`")
    except BaseException:
        tx.rollback()  # the open batch is redone by the next run: nothing half-written stays
        raise
    finally:
        conn.close()
        summ.seconds = time.perf_counter() - t0
        store.finish_run(run_id, summ.as_dict())
    return summ


def _where(source: str) -> tuple[str, int | None]:
    path, _, line = source.rpartition(":")
    if path and line.isdigit():
        return path, int(line)
    return source, None
