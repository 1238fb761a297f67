"""The `rasid` command: run, export.

Exit status of `rasid run`: 0 all inputs fine, 1 some inputs failed (the rest
were processed), 2 usage error.
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
    gazetteer: Optional[str] = typer.Option(None, "--gazetteer", help="Gazetteer TSV or folder (else $RASID_GAZETTEER, else the cache)."),
    published: Optional[str] = typer.Option(None, "--published", help="Publication date (YYYY-MM-DD) for inputs that do not state one."),
    outlet: Optional[str] = typer.Option(None, "--outlet", help="Outlet name for inputs that do not state one."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar or summary table."),
    as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON on stdout."),
):
    """Read articles, code their events, store them and write the exports."""
    from .export import export_all
    from .pipeline import Pipeline
    from .runner import run as do_run
    from .store import Store

    published = _date_ok(published)
    for i in inputs:
        if i != "-" and not Path(i).exists():
            err.print(f"[red]error:[/red] no such file or folder: {i}")
            raise typer.Exit(2)
    out.mkdir(parents=True, exist_ok=True)
    store = Store(db or out / "rasid.db")
    pipe = Pipeline(gazetteer=gazetteer)
    show = not quiet and not as_json and err.is_terminal
    progress_cb = None
    if show:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        prog = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err, transient=True)
        prog.start()
        task = prog.add_task("reading", total=None)

        def progress_cb(src: str) -> None:
            prog.update(task, advance=1, description=f"reading {Path(src.split(':')[0]).name[:40]}")
    try:
        summ = do_run(inputs, store, pipe, published=published, outlet=outlet, on_progress=progress_cb,
                      args={"inputs": inputs, "published": published, "outlet": outlet})
    finally:
        if show:
            prog.stop()
    export_all(store, out)
    if pipe.geoparser is not None and not pipe.geoparser.available:
        summ.notes.append("no gazetteer: places keep their names without coordinates; pass --gazetteer PATH "
                          "(a GeoNames-style TSV) or run `rasid gazetteer fetch`")
    d = summ.as_dict()
    d["out"] = str(out)
    if as_json:
        print(json.dumps(d, ensure_ascii=False, indent=2))
    elif not quiet:
        _print_summary(d)
    raise typer.Exit(1 if summ.failed else 0)


def _counts_table(title: str, label: str, counts: dict) -> Table:
    t = Table(title=title)
    t.add_column(label)
    t.add_column("n", justify="right")
    for k, v in counts.items():
        t.add_row(k, str(v))
    return t


def _print_summary(d: dict) -> None:
    con = Console()
    t = Table(title="rasid run", show_header=False)
    t.add_row("documents read", str(d["documents_read"]))
    t.add_row("stored", str(d["documents_stored"]))
    t.add_row("skipped (already stored)", str(d["skipped_already_stored"]))
    t.add_row("failed inputs", str(d["failed"]))
    t.add_row("report events", str(d["events"]))
    t.add_row("seconds", f"{d['seconds']:.2f}")
    con.print(t)
    if d["events_by_type"]:
        con.print(_counts_table("events by type", "event type", d["events_by_type"]))
        con.print(_counts_table("events by outlet", "outlet", d["events_by_outlet"]))
    for e in d["errors"][:20]:
        con.print(f"[yellow]failed[/yellow] {e['path']}{':' + str(e['line']) if 'line' in e else ''}: {e['reason']}")
    if len(d["errors"]) > 20:
        con.print(f"... and {len(d['errors']) - 20} more in errors.jsonl")
    for n in d["notes"]:
        con.print(f"[cyan]note[/cyan] {n}")
    con.print(f"exports in {d['out']}: documents.jsonl events.jsonl events.csv events.geojson errors.jsonl places.jsonl")


@app.command()
def export(
    db: str = typer.Option(..., "--db", help="The store to export."),
    out: Path = typer.Option(..., "--out", "-o", help="Folder for the exports."),
):
    """Write the exports again from a store."""
    from .export import export_all
    from .store import Store

    if "://" not in db and not Path(db).exists():
        err.print(f"[red]error:[/red] no such database: {db}")
        raise typer.Exit(2)
    paths = export_all(Store(db), out)
    for p in paths.values():
        print(p)


def main() -> None:  # pragma: no cover
    app()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())
