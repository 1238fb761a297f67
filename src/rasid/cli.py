"""The `rasid` command: run, export, reconcile, control, check, serve, users, gazetteer fetch.

Exit status of `rasid run`: 0 all inputs fine, 1 some inputs failed (the rest
were processed), 2 usage error, 3 the store is in use by another writer.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.table import Table

app = typer.Typer(add_completion=False, no_args_is_help=True, help="rasid (راصد): Arabic conflict reports to a sourced, geolocated event dataset.")
err = Console(stderr=True)


def _plain_help_types() -> None:
    """Help names a value's kind as TEXT, PATH, INTEGER and a flag's as nothing: typer 0.2x prints Python
    type names (``<bool>``, ``<list[str]>``). A no-op on a typer without ``display_type_rich``."""
    from typer import core

    kinds = {"bool": None, "str": "TEXT", "int": "INTEGER", "float": "FLOAT", "path": "PATH", "Path": "PATH"}
    for cls in (getattr(core, "TyperOption", None), getattr(core, "TyperArgument", None)):
        orig = getattr(cls, "display_type_rich", None)
        if orig is None:
            continue

        def display(self, ctx, _orig=orig):
            t = _orig(self, ctx)
            if not t or not (t.startswith("<") and t.endswith(">")):
                return t
            inner = t[1:-1]
            many = inner.startswith("list[") and inner.endswith("]")
            inner = inner[5:-1] if many else inner
            kind = kinds.get(inner, inner if "|" in inner else inner.upper())
            return None if kind is None else kind + ("..." if many else "")

        cls.display_type_rich = display


_plain_help_types()


def _version(value: bool) -> None:
    if not value:
        return
    from . import __version__
    from .geo import EMBEDDED_MANIFEST

    m = json.loads(EMBEDDED_MANIFEST.read_text(encoding="utf-8"))
    print(f"rasid {__version__}")
    print(f"embedded gazetteer: {m['name']}, {m['rows']:,} places ({m['license']}). {m['credit']}")
    raise typer.Exit()


@app.callback()
def _options(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                          help="Print the version and the embedded gazetteer's credit.")) -> None:
    pass


def _fail(msg: str, code: int = 2):
    """A one-line error on stderr and the exit status (2: usage)."""
    from rich.markup import escape

    err.print(f"[red]error:[/red] {escape(msg)}", soft_wrap=True, highlight=False)
    raise typer.Exit(code)


def _pipeline(gazetteer: str | None, none: bool = False):
    """The pipeline over the gazetteer asked for (``none``: without one); a wrong path is a usage error."""
    from . import get_pipeline
    from .geo import GazetteerError

    if none and gazetteer:
        _fail("--gazetteer and --no-gazetteer exclude each other")
    try:
        return get_pipeline(False if none else gazetteer)
    except GazetteerError as e:
        _fail(str(e))


def _date_ok(s: str | None) -> str | None:
    if s is None:
        return None
    import datetime as dt

    try:
        return dt.date.fromisoformat(s).isoformat()
    except ValueError:
        raise typer.BadParameter(f"not a YYYY-MM-DD date: {s}")


@app.command()
def run(
    inputs: List[str] = typer.Argument(..., help="Files, folders (recursive) or - for JSONL on stdin. Formats: .txt .html .jsonl .warc(.gz)"),
    out: Path = typer.Option(..., "--out", "-o", help="Folder for the exports (created)."),
    db: Optional[str] = typer.Option(None, "--db", help="Store: a SQLite path or SQLAlchemy URL. Default OUT/rasid.db."),
    gazetteer: Optional[str] = typer.Option(None, "--gazetteer", help="Gazetteer TSV or folder (else $RASID_GAZETTEER, else the fetched cache, else the embedded Syria/Iraq one)."),
    no_gazetteer: bool = typer.Option(False, "--no-gazetteer", help="Use no gazetteer: places keep their names, without coordinates."),
    published: Optional[str] = typer.Option(None, "--published", help="Publication date (YYYY-MM-DD) for inputs that do not state one."),
    outlet: Optional[str] = typer.Option(None, "--outlet", help="Outlet name for inputs that do not state one."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar or summary table."),
    as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON on stdout."),
    workers: int = typer.Option(1, "--workers", "-j", min=1, help="Processes that clean and code in parallel, on a local Dask cluster (same output as 1)."),
    dask: Optional[str] = typer.Option(None, "--dask", help="Clean and code on an existing Dask cluster: its scheduler's address (tcp://HOST:8786)."),
    max_bytes: int = typer.Option(10 * 1024 * 1024, "--max-bytes", min=1, help="Bytes of one article: a .txt/.html file, a JSONL line, a WARC record once inflated."),
    max_chars: int = typer.Option(200_000, "--max-chars", min=1, help="Characters of one document's text."),
    max_line: int = typer.Option(64 * 1024, "--max-line", min=80, help="Bytes of one WARC or HTTP header line."),
    max_depth: int = typer.Option(200, "--max-depth", min=1, help="HTML nesting read by trafilatura; deeper pages by a plain text extractor."),
    max_seconds: float = typer.Option(60.0, "--max-seconds", min=0, help="Seconds to clean and code one document (0: no limit)."),
    max_archive_bytes: int = typer.Option(8 * 1024 ** 3, "--max-archive-bytes", min=1, help="Bytes inflated from one archive file, all records together."),
    wait: float = typer.Option(0.0, "--wait", min=0, help="Seconds to wait for another writer holding the store (default: refuse at once)."),
    exports: str = typer.Option("auto", "--exports", help="auto: append the run's new documents to the per-document exports where the folder holds the previous run's (reconciled.jsonl, control.jsonl then left to `rasid export`), else write all; full: write all; none: write none."),
):
    """Read articles, code their events, store them and write the exports.

    An input over a limit (--max-...) is one error in errors.jsonl naming the limit; the run goes on."""
    from .export import export_run
    from .ingest import Limits
    from .runner import run as do_run
    from .store import Store, StoreBusy

    if exports not in ("auto", "full", "none"):
        raise typer.BadParameter("--exports must be one of auto, full, none")
    published = _date_ok(published)
    for i in inputs:
        if i != "-" and not Path(i).exists():
            err.print(f"[red]error:[/red] no such file or folder: {i}")
            raise typer.Exit(2)
    _out_ok(out)
    pipe = _pipeline(gazetteer, no_gazetteer)
    out.mkdir(parents=True, exist_ok=True)
    store = _open_store(str(db or out / "rasid.db"))
    show = not quiet and not as_json and err.is_terminal
    progress_cb = step_cb = None
    if show:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        prog = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err, transient=True)
        prog.start()
        from .ingest import count_articles

        task = prog.add_task("reading", total=count_articles(inputs))  # (None for stdin or WARC: no total)

        def progress_cb(src: str) -> None:
            prog.update(task, advance=1, description=f"reading {Path(src.split(':')[0]).name[:40]}")

        def step_cb(step: str) -> None:  # the end-of-run work, after the last article
            prog.update(task, total=prog.tasks[0].completed, description=step)
    try:
        summ = do_run(inputs, store, pipe, published=published, outlet=outlet, on_progress=progress_cb, on_step=step_cb,
                      args={"inputs": inputs, "published": published, "outlet": outlet}, workers=workers, dask=dask,
                      limits=Limits(max_bytes=max_bytes, max_line=max_line, max_chars=max_chars, max_depth=max_depth,
                                    max_seconds=max_seconds, max_archive_bytes=max_archive_bytes),
                      wait=wait, on_wait=lambda m: err.print(f"[yellow]note:[/yellow] {m}", highlight=False, soft_wrap=True))
    except StoreBusy as e:
        _fail(str(e), 3)
    finally:
        if show:
            prog.stop()
    written: dict = {}

    def write_exports() -> None:
        if exports == "none":
            return
        done, how = export_run(store, out, summ.run_id, summ.stored, summ.replaced, mode=exports)
        written.update(done)
        kept = sorted(n for n, what in done.items() if what == "kept")
        if kept:
            summ.notes.append(f"exports: the run's documents appended; {', '.join(kept)} change in place and are as "
                              f"of an earlier run: `rasid export --db ... --out {out}` writes them (the web app reads them live)")
    if show:
        with err.status("writing the exports"):
            write_exports()
    else:
        write_exports()
    if pipe.geoparser is not None and not pipe.geoparser.available:
        summ.notes.append("no gazetteer (--no-gazetteer): places keep their names without coordinates")
    d = summ.as_dict()
    d["out"] = str(out)
    d["exports"] = written
    if as_json:
        print(json.dumps(d, ensure_ascii=False, indent=2))
    elif not quiet:
        _print_summary(d)
    else:  # --quiet: no progress or summary, but the failures still
        _print_failures(err, d)
    raise typer.Exit(1 if summ.failed else 0)


def _counts_table(title: str, label: str, counts: dict) -> Table:
    t = Table(title=title)
    t.add_column(label)
    t.add_column("n", justify="right")
    for k, v in counts.items():
        t.add_row(k, str(v))
    return t


def _print_failures(con: Console, d: dict) -> None:
    from rich.markup import escape

    for e in d["errors"][:20]:
        con.print(f"[yellow]failed[/yellow] {escape(e['path'])}{':' + str(e['line']) if 'line' in e else ''}: "
                  f"{escape(e['reason'])}", soft_wrap=True, highlight=False)
    if len(d["errors"]) > 20:
        con.print(f"... and {len(d['errors']) - 20} more in {d['out']}/errors.jsonl", soft_wrap=True, highlight=False)


def _print_summary(d: dict) -> None:
    con = Console()
    t = Table(title="rasid run", show_header=False)
    t.add_row("documents read", str(d["documents_read"]))
    t.add_row("stored", str(d["documents_stored"]))
    t.add_row("skipped (already stored)", str(d["skipped_already_stored"]))
    if d.get("recoded"):
        t.add_row("re-coded (stored by another lexicon or rasid version)", str(d["recoded"]))
    t.add_row("failed inputs", str(d["failed"]))
    t.add_row("report events", str(d["events"]))
    t.add_row("seconds", f"{d['seconds']:.2f}")
    con.print(t)
    if d["events_by_type"]:
        con.print(_counts_table("events by type", "event type", d["events_by_type"]))
        con.print(_counts_table("events by outlet", "outlet", d["events_by_outlet"]))
    _print_failures(con, d)
    for n in d["notes"]:
        con.print(f"[cyan]note[/cyan] {n}")
    r = d.get("reconciled") or {}
    if r:
        grades = ", ".join(f"{k} {v}" for k, v in r.get("by_grade", {}).items())
        con.print(f"reconciled events: {r['reconciled_events']} ({grades}); near-duplicate articles found: {r['duplicates_found']}")
    ex = d.get("exports") or {}
    if ex:
        con.print(f"exports in {d['out']}: " + " ".join(n if what == "written" else f"{n} ({what})"
                                                      for n, what in ex.items()))


def _store(db: str):
    if "://" not in db and not Path(db).exists():
        err.print(f"[red]error:[/red] no such database: {db}")
        raise typer.Exit(2)
    return _open_store(db)


def _open_store(db: str, **kw):
    """The store at ``db``; a folder, or a file that is no database, is a one-line usage error."""
    from sqlalchemy.exc import SQLAlchemyError

    from .store import Store

    from .schema import SchemaError

    if "://" not in db and Path(db).is_dir():
        _fail(f"--db {db}: a folder, not a database file")
    try:
        return Store(db, **kw)
    except SQLAlchemyError as e:
        why = str(getattr(e, "orig", None) or e).splitlines()[0]
        _fail(f"--db {db}: cannot open the store ({why})")
    except SchemaError as e:
        _fail(f"--db {db}: {e}")


def _out_ok(out: Path) -> None:
    if out.exists() and not out.is_dir():
        _fail(f"--out {out}: a file, not a folder")


@app.command()
def export(
    db: str = typer.Option(..., "--db", help="The store to export."),
    out: Path = typer.Option(..., "--out", "-o", help="Folder for the exports."),
    layer: str = typer.Option("report", "--layer", help="ACLED CSV of: report (events.csv), reconciled (reconciled.csv), or both."),
):
    """Write the exports again from a store."""
    from .export import LAYERS, export_all

    if layer not in LAYERS:
        raise typer.BadParameter(f"--layer must be one of {', '.join(LAYERS)}")
    _out_ok(out)
    paths = export_all(_store(db), out, layer=layer)
    for p in paths.values():
        print(p)


@app.command()
def reconcile(
    db: str = typer.Option(..., "--db", help="The store."),
    full: bool = typer.Option(False, "--full", help="Rebuild every reconciled event, not only place new report events."),
    as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON."),
    wait: float = typer.Option(0.0, "--wait", min=0, help="Seconds to wait for another writer holding the store (default: refuse at once)."),
):
    """Group report events into reconciled events (and find near-duplicate articles)."""
    from .reconcile import reconcile as do
    from .store import StoreBusy

    store = _store(db)
    try:
        with store.writer("rasid reconcile", wait=wait, on_wait=lambda m: err.print(f"[yellow]note:[/yellow] {m}", highlight=False, soft_wrap=True)):
            d = do(store, full=full).as_dict()
    except StoreBusy as e:
        _fail(str(e), 3)
    if as_json:
        print(json.dumps(d, ensure_ascii=False, indent=2))
        return
    t = Table(title="rasid reconcile", show_header=False)
    for k in ("new_reports", "removed_reports", "groups_touched", "reconciled_events", "duplicates_found"):
        t.add_row(k.replace("_", " "), str(d[k]))
    Console().print(t)
    Console().print(_counts_table("reconciled events by grade", "grade", d["by_grade"]))


@app.command("control")
def control_cmd(
    place: str = typer.Argument(..., help="A place name, Arabic or English (e.g. الباغوز, Baghuz)."),
    db: str = typer.Option(..., "--db", help="The store."),
    as_json: bool = typer.Option(False, "--json", help="Print the timelines as JSON."),
):
    """Print who held PLACE over time, claim by claim, with each outlet's quote."""
    from .control import control, find_place

    found = find_place(control(_store(db)), place)
    if as_json:
        print(json.dumps(found, ensure_ascii=False, indent=2))
    if not found:
        err.print(f"no control claims about {place!r} in this store")
        raise typer.Exit(1)
    if as_json:
        return
    con = Console()
    for t in found:
        p = t["place"]
        t_ = Table(title=f"{p.get('name')} ({p.get('name_ar')}) {p.get('gazetteer_id') or ''}", show_lines=True)
        for col in ("date", "actor", "claim", "outlet", "status", "quote"):
            t_.add_column(col, overflow="fold")
        for c in t["claims"]:
            t_.add_row(c["date"] or "?", c["actor"] or "-", c["action"], c["outlet"] or "", c["status"], c["quote"][:160])
        con.print(t_)
        for iv in t["intervals"]:
            con.print(f"  {iv['actor']} holds from {iv['start']} to {iv['end'] or 'the latest report'}")
        for cf in t["conflicts"]:
            a, b = cf["a"], cf["b"]
            con.print(f"  [yellow]conflict[/yellow] {a['outlet']}: {a['actor']} {a['action']}  <->  {b['outlet']}: {b['actor']} {b['action']}")


@app.command()
def check(
    claim: str = typer.Argument(..., help="The claim, in Arabic (e.g. \"قصف التحالف بلدة السوسة أمس\")."),
    db: str = typer.Option(..., "--db", help="The store."),
    date: Optional[str] = typer.Option(None, "--date", help="The claim's date of reference (YYYY-MM-DD) for اليوم/أمس."),
    gazetteer: Optional[str] = typer.Option(None, "--gazetteer", help="Gazetteer TSV or folder."),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
):
    """Read CLAIM, find the stored reports that tell it (full-text search) and list those that support,
    contradict or discuss it, with a verdict."""
    from .check import check as do
    from .clean import NotArabicError

    try:
        res = do(_store(db), claim, published=_date_ok(date), pipeline=_pipeline(gazetteer))
    except NotArabicError as e:
        _fail(f"the claim must be Arabic text ({e})" if claim.strip() else "the claim is empty")
    if as_json:
        print(json.dumps(res.as_dict(), ensure_ascii=False, indent=2))
        return
    con = Console()
    for e in res.coded:
        locs = ", ".join(loc.get("name") or loc.get("text") or "" for loc in e.get("locations") or [])
        con.print(f"claim read as: {e['event_type']} / {e['sub_event_type']}; actor1 {(e.get('actor1') or {}).get('id')}; "
                  f"actor2 {(e.get('actor2') or {}).get('id')}; at {locs or '?'}; date {(e.get('date') or {}).get('start') or '?'}")
    con.print(f"searched for: {' '.join(res.read.get('terms') or [])}"
              + (f"; the claim is a denial ({res.read['denial']})" if res.read.get("denial") else ""))
    for title, items in (("supports", res.supports), ("contradicts", res.contradicts), ("discusses", res.discusses)):
        if items:
            t = Table(title=title, show_lines=True)
            for col in ("outlet", "date", "why", "quote"):
                t.add_column(col, overflow="fold")
            for i in items:
                outlet = (i["outlet"] or i["doc_id"]) + (f" ({i['alignment']})" if i.get("alignment") else "")
                t.add_row(outlet, i.get("published") or "?", i["why"], (i["quote"] or "")[:200])
            con.print(t)
    con.print(res.line())
    for r in res.reasons:
        con.print(f"  {r}")


@app.command()
def serve(
    db: str = typer.Option(..., "--db", help="The store to show."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to bind (default: this machine only)."),
    port: int = typer.Option(8000, "--port"),
    review: bool = typer.Option(False, "--review", help="Allow review (confirm, correct, reject, merge, split) to logged-in reviewers (`rasid users add`)."),
    private: bool = typer.Option(False, "--private", help="Reading needs a login too (any role)."),
    allow_host: List[str] = typer.Option([], "--allow-host", help="A Host name clients use besides the bound address and localhost (a proxy's name); repeatable."),
    tiles: Optional[str] = typer.Option(None, "--tiles", help="A tile URL template (https://.../{z}/{x}/{y}.png) for users with internet."),
    gazetteer: Optional[str] = typer.Option(None, "--gazetteer", help="Gazetteer for the map's governorate labels (else as `rasid run` finds it)."),
):
    """A local web app: map, timeline, events, articles with highlighted evidence, reconciled events, review."""
    import uvicorn

    from .geo import GazetteerError, locate_gazetteer
    from .web.app import create_app

    try:
        locate_gazetteer(gazetteer)  # a wrong --gazetteer is a usage error here too
    except GazetteerError as e:
        _fail(str(e))
    from .web.auth import is_loopback, list_users

    accounts = list_users(_store(db))
    if (review or private) and not accounts:
        if not is_loopback(host):
            err.print(f"[red]error:[/red] --host {host} with --review or --private needs at least one account: "
                      f"rasid users add NAME --role reviewer --db {db}")
            raise typer.Exit(2)
        err.print(f"[yellow]note:[/yellow] no accounts in this store, so nobody can log in; add one with "
                  f"`rasid users add NAME --role reviewer --db {db}`")
    if not is_loopback(host):
        err.print(f"[yellow]note:[/yellow] serving on {host}: anyone who can reach it can read the store"
                  + (" (logins needed to change it)" if review else "") + ("" if private else "; --private asks a login to read")
                  + ". Put TLS in front (docs/deploy.md) and pass --allow-host with the name clients use.")
    from .geo import GazetteerError

    try:
        app_ = create_app(db, review=review, tiles=tiles, gazetteer=gazetteer, private=private, host=host, allow_hosts=allow_host)
    except GazetteerError as e:
        err.print(f"[red]error:[/red] {e}")
        raise typer.Exit(2)
    import threading

    threading.Thread(target=app_.state.warm, daemon=True).start()  # the places' timelines, the map: before the first click
    shown = f"[{host}]" if ":" in host else host
    err.print(f"rasid serving {db} on http://{shown}:{port}/" + (" (review: log in at /login)" if review else "")
              + " — Ctrl+C to stop")
    uvicorn.run(app_, host=host, port=port, log_level="warning")


users_app = typer.Typer(add_completion=False, no_args_is_help=True, help="Accounts of the web app (`rasid serve --review`).")
app.add_typer(users_app, name="users")


@users_app.command("add")
def users_add(
    name: str = typer.Argument(..., help="The account name (letters, digits and . _ - @)."),
    db: str = typer.Option(..., "--db", help="The store."),
    role: str = typer.Option("reviewer", "--role", help="reviewer or admin (may review), or viewer (reads a --private app)."),
    password_stdin: bool = typer.Option(False, "--password-stdin", help="Read the password from the first line of stdin (else a prompt)."),
):
    """Add an account (or set its role and password); the password is stored as an argon2id hash."""
    from .web.auth import AccountError, add_user

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = typer.prompt("password", hide_input=True, confirmation_prompt=True)
    try:
        add_user(_store(db), name, role, password)
    except AccountError as e:
        err.print(f"[red]error:[/red] {e}")
        raise typer.Exit(2)
    print(f"{name}: {role}")


@users_app.command("list")
def users_list(db: str = typer.Option(..., "--db", help="The store.")):
    """The accounts: name, role, when added."""
    from .web.auth import list_users

    for u in list_users(_store(db)):
        print(f"{u['name']}\t{u['role']}\t{u['created']}")


@users_app.command("remove")
def users_remove(name: str = typer.Argument(...), db: str = typer.Option(..., "--db", help="The store.")):
    """Remove an account (its sessions end at once; its past reviews stay in the trail)."""
    from .web.auth import remove_user

    if not remove_user(_store(db), name):
        err.print(f"[red]error:[/red] no account {name!r}")
        raise typer.Exit(1)
    print(f"removed {name}")


db_app = typer.Typer(add_completion=False, no_args_is_help=True, help="The store's schema version (SQLite or PostgreSQL).")
app.add_typer(db_app, name="db")


@db_app.command("version")
def db_version(db: str = typer.Option(..., "--db", help="The store: a SQLite path or SQLAlchemy URL.")):
    """The store's schema version and the latest this rasid knows (the store is not changed)."""
    from .schema import HEAD

    if "://" not in db and not Path(db).exists():
        _fail(f"no such database: {db}")
    v = _open_store(db, upgrade=False).schema_version
    print(f"{v}\t(latest: {HEAD}{', up to date' if v == HEAD else ', rasid db upgrade brings it there'})")


@db_app.command("upgrade")
def db_upgrade(db: str = typer.Option(..., "--db", help="The store: a SQLite path or SQLAlchemy URL (made if new).")):
    """Bring the store's schema up to date (opening an older store with any command does it too, saying so)."""
    from .schema import HEAD

    before = _open_store(db, upgrade=False).schema_version
    store = _open_store(db, on_message=lambda m: err.print(m, highlight=False))
    print(f"schema {before} -> {store.schema_version}" if before != store.schema_version else f"schema {HEAD}: up to date")


gazetteer_app = typer.Typer(add_completion=False, no_args_is_help=True, help="Get and inspect the gazetteer.")
app.add_typer(gazetteer_app, name="gazetteer")


@gazetteer_app.command("fetch")
def gazetteer_fetch(
    countries: List[str] = typer.Argument(None, help="ISO country codes (default: SY IQ)."),
    base_url: str = typer.Option("https://download.geonames.org/export/dump", "--base-url", help="Where the GeoNames dumps are (a mirror, or a local copy)."),
    refresh: bool = typer.Option(False, "--refresh", help="Download again even when a copy is cached."),
):
    """Download GeoNames places and their Arabic names into the cache, where `rasid run` finds them."""
    from .geonames import FetchError, fetch

    if "://" not in base_url:  # a local copy of the dumps: a folder
        if not Path(base_url).is_dir():
            _fail(f"--base-url {base_url}: neither a URL (https://...) nor a folder")
        base_url = Path(base_url).resolve().as_uri()
    try:
        with err.status("fetching") as st:
            path, counts = fetch(countries or ["SY", "IQ"], base_url=base_url.rstrip("/"), refresh=refresh,
                                 on_step=lambda s: st.update(f"fetching {s}"))
    except FetchError as e:
        _fail(str(e), 1)
    for cc, n in counts.items():
        print(f"{cc}: {n} places")
    print(path)


@gazetteer_app.command("info")
def gazetteer_info(
    gazetteer: Optional[str] = typer.Option(None, "--gazetteer", help="A gazetteer TSV or folder to describe (else the one `rasid run` uses)."),
    as_json: bool = typer.Option(False, "--json", help="Print it as JSON."),
):
    """Which gazetteer `rasid run` uses (--gazetteer, $RASID_GAZETTEER, the fetched cache, else the embedded one): path, places, sources, licence."""
    from collections import Counter

    from .geo import EMBEDDED, EMBEDDED_MANIFEST, Gazetteer, GazetteerError, gazetteer_files, locate_gazetteer

    try:
        how, path = locate_gazetteer(gazetteer)
    except GazetteerError as e:
        _fail(str(e))
    files = gazetteer_files(path)
    by_source: Counter = Counter()
    for row in Gazetteer._rows(files):
        by_source[(row.get("source") or "?", row.get("license") or "?")] += 1
    why = {"argument": "--gazetteer", "RASID_GAZETTEER": "$RASID_GAZETTEER",
           "cache": "the GeoNames cache (`rasid gazetteer fetch`)",
           "embedded": "the embedded default (no --gazetteer, $RASID_GAZETTEER or fetched cache)"}[how]
    d = {"used": how, "why": why, "path": str(path), "files": [str(f) for f in files], "places": sum(by_source.values()),
         "bytes": sum(f.stat().st_size for f in files),
         "sources": [{"source": s, "license": lic, "rows": n} for (s, lic), n in by_source.most_common()],
         "licenses": sorted({lic for _, lic in by_source})}
    if files == [EMBEDDED]:
        d["credit"] = json.loads(EMBEDDED_MANIFEST.read_text(encoding="utf-8"))["credit"]
    if as_json:
        print(json.dumps(d, ensure_ascii=False, indent=2))
        return
    print(f"gazetteer: {why}")
    print(f"path: {path}" + (f" ({len(files)} files)" if len(files) > 1 else ""))
    print(f"places: {d['places']:,} ({d['bytes']:,} bytes)")
    print("sources:")
    for s in d["sources"]:
        print(f"  {s['rows']:>7,}  {s['source']}  [{s['license']}]")
    print(f"licence: {'; '.join(d['licenses'])}")
    if "credit" in d:
        print(f"credit: {d['credit']}")

# ------------------------------------------------------------------ rasid watch (issue 19)
@app.command()
def watch(
    config: Path = typer.Argument(..., help="The watch configuration (TOML; examples/watch.toml)."),
    once: bool = typer.Option(False, "--once", help="Poll every source once and exit (for cron and tests)."),
    db: Optional[str] = typer.Option(None, "--db", help="The store (default: [watch] db, else OUT/rasid.db)."),
    out: Optional[Path] = typer.Option(None, "--out", help="WARC files and the log (default: [watch] out)."),
):
    """Follow the sources of CONFIG: fetch new articles, keep them in WARC files, code them into the store."""
    import logging

    from rich.live import Live

    from .watch import ConfigError, load_config
    from .watch.loop import Watcher

    try:
        cfg = load_config(config)
    except ConfigError as e:
        _fail(str(e))
    out_dir = Path(out or cfg.out)
    out_dir.mkdir(parents=True, exist_ok=True)
    logging.basicConfig(filename=str(out_dir / "watch.log"), level=logging.INFO,
                        format="%(asctime)s %(levelname)s %(message)s")
    store = _open_store(db or cfg.db or str(out_dir / "rasid.db"))
    watcher = Watcher(cfg, store, out_dir, _pipeline(cfg.gazetteer if isinstance(cfg.gazetteer, str) else None,
                                                     cfg.gazetteer is False))
    with Live("watching ...", console=err, transient=False, refresh_per_second=4) as live:
        def status(res, totals):
            live.update(f"watch: {len(cfg.sources)} sources · {totals['polls']} polls · {totals['new']} new articles · "
                        f"{totals['faults']} faults · last: {res.source} ({res.status})")

        totals = watcher.run(once=once, on_status=status)
    print(json.dumps(totals))


sources_app = typer.Typer(add_completion=False, no_args_is_help=True, help="The sources of a watch configuration.")
app.add_typer(sources_app, name="sources")


@sources_app.command("add")
def sources_add(
    config: Path = typer.Argument(...), name: str = typer.Option(..., "--name"), url: str = typer.Option(..., "--url"),
    kind: str = typer.Option("feed", "--kind", help="feed | sitemap | listing"),
    outlet: Optional[str] = typer.Option(None, "--outlet"), interval: float = typer.Option(300.0, "--interval"),
    link_pattern: Optional[str] = typer.Option(None, "--link-pattern", help="listing pages: the article URLs' regex"),
):
    """Append a source to CONFIG (checked first; the file's comments stay)."""
    from .watch.config import ConfigError, add_source

    try:
        add_source(config, {"name": name, "url": url, "kind": kind, "outlet": outlet, "interval": interval,
                            "link_pattern": link_pattern})
    except ConfigError as e:
        _fail(str(e))


@sources_app.command("remove")
def sources_remove(config: Path = typer.Argument(...), name: str = typer.Argument(...)):
    """Take source NAME out of CONFIG."""
    from .watch.config import remove_source

    if not remove_source(config, name):
        _fail(f"{config}: no source named {name!r}")


@sources_app.command("list")
def sources_list(config: Path = typer.Argument(...), db: Optional[str] = typer.Option(None, "--db", help="Show each source's last poll.")):
    """The sources of CONFIG, with their last poll, new articles and errors when --db is given."""
    from sqlalchemy import select

    from .watch import ConfigError, load_config
    from .watch import tables as T

    try:
        cfg = load_config(config)
    except ConfigError as e:
        _fail(str(e))
    seen = {}
    if db:
        store = _store(db)
        if T.present(store.engine):
            with store.engine.connect() as c:
                seen = {r.name: r for r in c.execute(select(T.sources))}
    t = Table(title="sources")
    for col in ("name", "kind", "url", "outlet", "last poll", "status", "new", "errors"):
        t.add_column(col)
    for s in cfg.sources:
        r = seen.get(s.name)
        t.add_row(s.name, s.kind, s.url, s.outlet or "", *(map(str, (r.last_poll, r.last_status, r.new_articles, r.errors))
                                                          if r else ("", "", "", "")))
    Console().print(t)


def main() -> None:  # pragma: no cover
    app()


from .explain import command as _explain  # noqa: E402  (`rasid explain`: which rules coded a text, and why)

app.command("explain")(_explain)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())
