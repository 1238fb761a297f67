"""A run's inputs in partitions, coded in this process or on a Dask cluster (dask.distributed).

The client (the ``rasid run`` process) reads the inputs into partitions: up to ``PART_ARTICLES``
JSONL lines or text/HTML files (their bytes, so a worker needs no access to the client's disk), or
one WARC file (read by the worker, so its path must be readable there). A worker turns a partition
into *entries*, in input order:

- ``("error", InputError)``: an input that could not be read;
- ``("raw_known", source)``: the same raw article is stored already (nothing cleaned or coded);
- ``("done", source, raw_hash, result)``: ``result`` as :func:`rasid.runner._prepare` gives it.

- ``("written", source, raw_hash, Written)``: on PostgreSQL, the worker wrote the document itself
  (:func:`write_task`); only what the run's summary needs comes back.

The client takes the partitions' entries in input order and writes each document in its own
savepoint, so the store, the ids and the exports are the same whatever the number of workers. On
PostgreSQL the workers write their documents themselves, each in its own transaction, so the client
is no bottleneck; the client still reads the entries in input order for the summary and the errors.
A partition is a pure function of its inputs and the store: when a worker dies, Dask runs the
partition again on another; the client has written nothing of it, so nothing is lost or doubled.
Each worker process loads the pipeline (the gazetteer index) once and keeps it for every partition.
"""
from __future__ import annotations

import sys
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Callable, Iterable, Iterator

from .ingest import (
    HTML_EXT, JSONL_EXT, TEXT_EXT, WARC_EXT, InputError, Limits, _bounded_lines, _ext, article_of_bytes, jsonl_article,
    read_warc,
)

PART_ARTICLES = 64  # JSONL lines or files in one partition
PART_BYTES = 8 << 20  # ... or this many bytes of them, whichever comes first


@dataclass(slots=True)
class Partition:
    """A slice of the inputs coded as one task. ``entries``: ``("file", path, bytes, is_html)``,
    ``("line", path, n, bytes | None, size)`` or an :class:`InputError`; ``warc``: an archive's path."""

    index: int
    entries: list = field(default_factory=list)
    warc: str | None = None

    def sources(self) -> list[tuple[str, int | None]]:
        """(path, line) of each input it holds (a WARC: the archive), for errors when it cannot be coded."""
        if self.warc:
            return [(self.warc, None)]
        out = []
        for e in self.entries:
            if isinstance(e, InputError):
                continue
            out.append((e[1], e[2]) if e[0] == "line" else (e[1], None))
        return out


def partitions(paths: Iterable[str], stdin: BinaryIO | None = None, limits: Limits | None = None,
               size: int = PART_ARTICLES, max_bytes: int = PART_BYTES) -> Iterator[Partition]:
    """The inputs (files from :func:`rasid.ingest.discover`, ``-`` for stdin) as partitions, lazily, in order."""
    lim = limits or Limits()
    state = {"buf": [], "bytes": 0, "index": 0}

    def flush() -> Partition | None:
        if not state["buf"]:
            return None
        part = Partition(state["index"], state["buf"])
        state.update(buf=[], bytes=0, index=state["index"] + 1)
        return part

    def add(entry, nbytes: int = 0) -> Partition | None:
        state["buf"].append(entry)
        state["bytes"] += nbytes
        if len(state["buf"]) >= size or state["bytes"] >= max_bytes:
            return flush()
        return None

    def lines(f: BinaryIO, name: str) -> Iterator[Partition]:
        for n, line, nb in _bounded_lines(f, lim.max_bytes):
            if line is not None and not line.strip():
                continue
            part = add(("line", name, n, line, nb), nb if line is not None else 0)
            if part:
                yield part

    for path in paths:
        if path == "-":
            yield from lines(stdin or sys.stdin.buffer, "<stdin>")
            continue
        p = Path(path)
        try:
            if not p.exists():
                part = add(InputError(path, "no such file"))
            else:
                ext = _ext(p)
                part = None
                if ext in JSONL_EXT:
                    with open(p, "rb") as f:
                        yield from lines(f, path)
                elif ext in WARC_EXT:
                    first = flush()
                    if first:
                        yield first
                    part = Partition(state["index"], [], warc=path)
                    state["index"] += 1
                elif ext in HTML_EXT or ext in TEXT_EXT:
                    nb = p.stat().st_size
                    if nb > lim.max_bytes:
                        part = add(InputError(path, lim.over("max_bytes", f"file too large for one article ({nb:,} bytes)")))
                    else:
                        part = add(("file", path, p.read_bytes(), ext in HTML_EXT), nb)
                else:
                    part = add(InputError(path, f"unsupported file type '{ext or p.name}' (txt, html, jsonl, warc)"))
        except OSError as e:
            part = add(InputError(path, f"cannot read: {e.strerror or e}"))
        if part:
            yield part
    last = flush()
    if last:
        yield last


def articles(part: Partition, limits: Limits):
    """The raw articles and input errors of a partition, in order (a worker reads a WARC itself)."""
    if part.warc:
        try:
            yield from read_warc(Path(part.warc), limits)
        except OSError as e:
            yield InputError(part.warc, f"cannot read: {e.strerror or e}")
        return
    for e in part.entries:
        if isinstance(e, InputError):
            yield e
        elif e[0] == "file":
            yield article_of_bytes(Path(e[1]), e[2], e[3])
        else:
            item = jsonl_article(e[1], e[2], e[3], e[4], limits)
            if item is not None:
                yield item


@dataclass(frozen=True)
class Job:
    """What coding any partition of a run needs (small: sent with every task)."""

    gazetteer: str | bool | None = None
    code_events: bool = True
    limits: Limits = field(default_factory=Limits)
    published: str | None = None
    outlet: str | None = None
    db: str | None = None  # a store the worker may read to skip what is stored (None: the client checks alone)
    write: bool = False  # PostgreSQL: the worker writes each document to ``db`` itself, in its own transaction
    run_id: int | None = None  # the run the documents a worker writes belong to
    # (lexicon fingerprint, rasid version) coding the run's documents: a stored one coded by another is not
    # skipped but coded again (rasid.runner); None (a run that codes nothing): none is
    coder: tuple[str, str] | None = None


def code(part: Partition, job: Job, pipe, known_raw: Callable[[str], bool], known_doc: Callable) -> Iterator[tuple]:
    """A partition's entries, in input order (see the module's docstring)."""
    from .runner import _prepare, _raw_hash

    for item in articles(part, job.limits):
        if isinstance(item, InputError):
            yield ("error", item)
            continue
        if job.published and not item.published:
            item.published = job.published
        if job.outlet and not item.outlet:
            item.outlet = job.outlet
        rh = _raw_hash(item)
        if known_raw(rh):
            yield ("raw_known", item.source)
            continue
        item.raw_hash = rh
        yield ("done", item.source, rh, _prepare(item, pipe, known_doc, job.limits))


# ------------------------------------------------------------------ on a worker
_PROC: dict = {}  # per worker process: pipelines by (gazetteer, code_events), store readers by URL


def _pipeline(job: Job):
    if not job.code_events:
        return None
    key = ("pipe", job.gazetteer)
    if key not in _PROC:
        from .pipeline import Pipeline

        _PROC[key] = Pipeline(gazetteer=job.gazetteer)  # the gazetteer index, once per process
    return _PROC[key]


class StoredView:
    """Read-only look-ups a worker makes in the store to skip what is stored already (a resumed run
    codes only what is missing). Answers from committed rows, a subset of what the client knows,
    so the client's own check stays the rule."""

    def __init__(self, url: str):
        from sqlalchemy import create_engine

        if "://" not in url:  # a SQLite path on this machine: opened read-only, never created
            url = f"sqlite:///file:{Path(url).resolve()}?mode=ro&uri=true"
        self.engine = create_engine(url, future=True)
        self.conn = self.engine.connect()

    def raw(self, rh: str, run_id: int | None = None, coder: tuple | None = None) -> bool:
        """This raw article is stored (by a run other than ``run_id``, when given; coded by ``coder``, when given)."""
        from sqlalchemy import select

        from .store import documents

        q = select(documents.c.run_id, documents.c.lexicon, documents.c.rasid_version).where(documents.c.raw_hash == rh).limit(1)
        row = self.conn.execute(q).first()
        self.conn.rollback()
        return (row is not None and (run_id is None or row[0] != run_id)
                and (coder is None or (row[1], row[2]) == tuple(coder)))

    def doc(self, doc, run_id: int | None = None, coder: tuple | None = None) -> bool:
        """This document's text is stored (by a run other than ``run_id``, when given; under its own id, coded by
        ``coder``, when given)."""
        from sqlalchemy import select

        from .store import documents

        try:
            row = self.conn.execute(select(documents.c.content_hash, documents.c.run_id, documents.c.lexicon,
                                           documents.c.rasid_version).where(documents.c.doc_id == doc.doc_id)).first()
            if row is not None:
                return (row[0] == doc.content_hash and (run_id is None or row[1] != run_id)
                        and (coder is None or (row[2], row[3]) == tuple(coder)))
            q = select(documents.c.doc_id).where(documents.c.content_hash == doc.content_hash).limit(1)
            return self.conn.execute(q).first() is not None
        finally:
            self.conn.rollback()


def _view(db: str | None) -> StoredView | None:
    if not db:
        return None
    if db not in _PROC:
        try:
            if "://" not in db and not Path(db).exists():
                raise FileNotFoundError(db)
            _PROC[db] = StoredView(db)
        except Exception:  # no such store here (another machine): the client checks alone
            _PROC[db] = None
    return _PROC[db]


def code_task(part: Partition, job: Job) -> list[tuple]:
    """The Dask task: a partition's entries (run on a worker, in its executor thread)."""
    view = _view(job.db)
    if view is None:
        return list(code(part, job, _pipeline(job), lambda rh: False, lambda doc: False))
    writer = _writer(job.db) if job.write else None
    if writer is None:
        return list(code(part, job, _pipeline(job), lambda rh: view.raw(rh, coder=job.coder),
                         lambda doc: view.doc(doc, coder=job.coder)))
    # a document this run wrote already (a partition run again after its worker died) is coded and reported
    # again, not skipped, so the run's summary is the same as a run without the failure
    return [write_entry(writer, job.run_id, e, job.coder) for e in
            code(part, job, _pipeline(job), lambda rh: view.raw(rh, job.run_id, job.coder),
                 lambda doc: view.doc(doc, job.run_id, job.coder))]


@dataclass(frozen=True, slots=True)
class Written:
    """What the client's summary needs of a document a worker wrote."""

    doc_id: str
    content_hash: str
    events: tuple  # (event_type, outlet) of each event
    carried: tuple = ()  # the fields of the reviewers' decisions carried to the new version
    replaced: bool = False  # stored over an earlier version of itself
    note: str | None = None
    again: bool = False  # written by this run already (a partition run again): nothing written now
    recoded: bool = False  # the same text stored by another lexicon or rasid version, coded again


def _writer(db: str | None):
    """The store a worker writes to (once per process), or None where it cannot be reached: then the
    client writes (a worker on another machine than the store's server, behind no route to it)."""
    key = ("writer", db)
    if key not in _PROC:
        try:
            from .store import Store

            _PROC[key] = Store(db, upgrade=False, on_message=None)
        except Exception:
            _PROC[key] = None
    return _PROC[key]


def write_entry(store, run_id: int | None, entry: tuple, coder: tuple | None = None) -> tuple:
    """Write a coded document of a ``("done", ...)`` entry to the store in its own transaction and give
    ``("written", source, raw_hash, Written)``; other entries as they are. ``coder``: the run's (lexicon
    fingerprint, rasid version), recorded with the document; its text stored by another is coded again
    (None: a run that codes nothing, none is).

    Two workers holding copies of one text, or two versions of one document, take turns (a transaction
    advisory lock on the document id and one on the content hash, taken in one order): the second finds
    the first's row and reports the copy as known, as the client's in-run check would. Which of two copies
    under different ids is kept is the one written first, not always the first in input order."""
    if entry[0] != "done" or entry[3][0] != "ok":
        return entry
    from sqlalchemy import select, text

    from .store import documents

    _, source, rh, (_, doc, places, note) = entry
    try:
        with store.engine.begin() as conn:
            for key in sorted({doc.doc_id, doc.content_hash}):
                conn.execute(text("SELECT pg_advisory_xact_lock(hashtextextended(:k, 0))"), {"k": key})
            row = conn.execute(select(documents.c.content_hash, documents.c.run_id, documents.c.lexicon,
                                      documents.c.rasid_version).where(documents.c.doc_id == doc.doc_id)).first()
            recoded = row is not None and row[0] == doc.content_hash
            if recoded:
                if run_id is not None and row[1] == run_id:  # this run wrote it (the partition runs again)
                    return ("written", source, rh, _written(doc, note, again=True))
                if coder is None or (row[2], row[3]) == tuple(coder):
                    return ("done", source, rh, ("known", None))
            if row is None and conn.execute(select(documents.c.doc_id).where(
                    documents.c.content_hash == doc.content_hash).limit(1)).first() is not None:
                return ("done", source, rh, ("known", None))  # this text under another id
            carried = store.write(conn, doc, run_id, raw_hash=rh, places=places, fresh=row is None,
                                  coded_by=coder or (None, None))
    except Exception as e:  # not stored: an error naming the input; a re-run retries it
        return ("done", source, rh, ("error", f"could not store: {type(e).__name__}: {str(e).splitlines()[0][:120]}"))
    return ("written", source, rh, _written(doc, note, tuple(c["field"] for c in carried), row is not None,
                                            recoded=recoded))


def _written(doc, note, carried: tuple = (), replaced: bool = False, again: bool = False,
             recoded: bool = False) -> Written:
    return Written(doc.doc_id, doc.content_hash, tuple((e.event_type, e.outlet) for e in doc.events), carried,
                   replaced, note, again, recoded)


def worker_memory() -> int:
    """This process's resident memory in bytes (for `make bench`)."""
    import psutil

    return psutil.Process().memory_info().rss


# ------------------------------------------------------------------ on the client
class Cluster:
    """A Dask client: on an existing scheduler (``address``, e.g. tcp://HOST:8786) or on a local
    cluster of ``workers`` processes of one thread each, started here and closed on exit."""

    def __init__(self, address: str | None = None, workers: int = 2):
        import logging

        from distributed import Client, LocalCluster

        self.cluster = None
        if address:
            self.client = Client(address, timeout="30s")
        else:
            self.cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                                        silence_logs=logging.ERROR)
            self.client = Client(self.cluster)

    @property
    def local(self) -> bool:
        return self.cluster is not None

    def threads(self) -> int:
        return sum(self.client.nthreads().values()) or 1

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def dask_entries(cluster: Cluster, parts: Iterable[Partition], job: Job, ahead: int | None = None) -> Iterator[tuple]:
    """The partitions' entries in input order, coded on the cluster; at most ``ahead`` partitions in
    flight (default: two per worker thread), so memory stays bounded whatever the input size.

    A worker that dies mid-partition: the scheduler runs the partition again on another worker. A partition
    that has killed workers again and again (``distributed.scheduler.allowed-failures``) is one error per input
    it holds, and the run goes on."""
    import uuid

    from distributed import KilledWorker

    client = cluster.client
    ahead = ahead or 2 * cluster.threads() + 1
    token = uuid.uuid4().hex[:8]
    it = iter(parts)
    pending: deque = deque()

    def feed() -> None:
        while len(pending) < ahead:
            part = next(it, None)
            if part is None:
                return
            fut = client.submit(code_task, part, job, key=f"rasid-{token}-{part.index}", pure=False, retries=1)
            pending.append((part, fut))

    feed()
    while pending:
        part, fut = pending.popleft()
        try:
            entries = fut.result()
        except KilledWorker:
            entries = [("error", InputError(path, "a worker died coding this input's partition, several times", line))
                       for path, line in part.sources()]
        fut.release()
        feed()  # the workers go on while the client writes
        yield from entries
