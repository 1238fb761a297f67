"""`rasid explain`: why a text was coded as it was.

For each event: the trigger chosen, each role with the words that decided it, the toll and the counts it
came from, the date phrase, the status cue, the places, and every rule that fired ("rule NAME: ..." one per
line, the names of docs/coding.md). Clauses that told no event are listed with the rules that set them
aside, and rules that read the whole document (which words name which party, what "today" is) come first.
"""
from __future__ import annotations

import sys
from typing import Optional

import typer


def explain(text: str, published: str | None = None, gazetteer: str | bool | None = None,
            outlet: str | None = None) -> str:
    """The explanation of one text's coding, as printed by ``rasid explain``."""
    from .coding.coder import EventCoder
    from .pipeline import Pipeline

    pipe = Pipeline(gazetteer=gazetteer)
    coder = EventCoder(trace=True)
    pipe.stages = [(name, coder if name == "code" else stage) for name, stage in pipe.stages]
    doc = pipe.text(text, published=published, outlet=outlet)
    return render(doc, coder.trace)


def _words(doc, start: int, end: int) -> str:
    """The original words of a normalised span."""
    if doc.norm is None:
        return doc.text[start:end]
    s, e = doc.norm.span(start, end)
    return doc.norm.text[s:e]


def _actor(label: str, a: dict | None, assoc: list[dict]) -> list[str]:
    if not a:
        return [f"  {label}: none"]
    words = f"«{a['text']}»" if a.get("text") else "(no words: filled in, see the rules below)"
    out = [f"  {label}: {a['id']} {words}"]
    out += [f"    associate: {x['id']} «{x.get('text') or ''}»" for x in assoc]
    return out


def _toll(doc, label: str, t: dict | None, counts: list) -> list[str]:
    if not t:
        return []
    of = f", of {t['of']}" if t.get("of") else ""
    out = [f"  {label}: {t.get('value')} ({t.get('qualifier')}, {t.get('group')}{of})"]
    measure = {"fatalities": "killed", "injured": "injured", "missing": "missing"}[label]
    for c in counts:
        if c.measure == measure:
            out.append(f"    count: {c.value} {c.measure} ({c.qualifier}, {c.group}"
                       f"{', of ' + c.of if c.of else ''}) «{_words(doc, c.start, c.end)}»")
    return out


def _rules(notes) -> list[str]:
    return [f"  rule {name}: {detail}" if detail else f"  rule {name}" for name, detail in notes]


def render(doc, trace) -> str:
    lines: list[str] = []
    if trace.loose:
        lines.append("document:")
        lines += _rules(trace.loose)
    if not trace.events:
        lines.append("no event")
    status_rules = ("denied", "hedged", "reported_by_others")
    for k, (e, head, g) in enumerate(trace.events, 1):
        ct = trace.by_mention.get(id(head))
        lines.append(f"event {k}: {e.event_type} / {e.sub_event_type}  (id {e.event_id})")
        t = head.trigger
        tv = t.value
        lines.append(f"  trigger: «{_words(doc, t.start, t.end)}» ({tv.event_type} / {tv.sub_event_type}, "
                     f"role {tv.role}, weight {tv.weight}) in «{head.clause.text}»")
        lines += _actor("actor1", e.actor1, e.assoc_actor1)
        lines += _actor("actor2", e.actor2, e.assoc_actor2)
        counts = [c for m in g for c in (trace.by_mention[id(m)].counts if id(m) in trace.by_mention else [])]
        for label in ("fatalities", "injured", "missing"):
            lines += _toll(doc, label, getattr(e, label), counts)
        d = e.date or {}
        said = f"«{d['text']}»" if d.get("text") else "no date phrase"
        lines.append(f"  date: {d.get('start')}..{d.get('end')} (precision {d.get('precision')}) from {said}")
        notes = [n for m in sorted(g, key=lambda m: m.clause.start)
                 for n in (trace.by_mention[id(m)].notes if id(m) in trace.by_mention else [])]
        cues = [detail for name, detail in (ct.notes if ct else []) if name in status_rules]
        lines.append(f"  status: {e.status}" + (f" (cue {cues[0]})" if cues else " (no cue)"))
        for loc in e.locations:
            where = f"{loc.get('name')} ({loc.get('lat')}, {loc.get('lon')})" if loc.get("lat") is not None \
                else "no coordinates"
            lines.append(f"  place: «{loc.get('text')}» {where}")
        if e.territory:
            lines.append(f"  territory: gained by {e.territory.get('gained_by')}, lost by "
                         f"{e.territory.get('lost_by')}, {e.territory.get('extent')}")
        if len(g) > 1:
            lines.append(f"  mentions: {len(g)} clauses")
        lines += _rules(notes + trace.event_notes.get(id(e), []))
    told = {id(m) for _, _, g in trace.events for m in g}
    dropped = [c for c in trace.clauses if c.notes and (c.mention is None or id(c.mention) not in told)]
    for c in dropped:
        lines.append(f"no event: «{c.text}»")
        lines += _rules(c.notes)
    return "\n".join(lines)


def command(
    text: str = typer.Argument(..., help="The Arabic text to explain, or - to read it from stdin."),
    published: Optional[str] = typer.Option(None, "--published", help="Publication date (YYYY-MM-DD) the text's relative dates are read against."),
    gazetteer: Optional[str] = typer.Option(None, "--gazetteer", help="Gazetteer TSV or folder (else as `rasid run` finds it)."),
    outlet: Optional[str] = typer.Option(None, "--outlet", help="Outlet name (its home country breaks a tie of theatres)."),
):
    """Print, for each event of TEXT, the trigger, the roles with their words, the toll and its counts, the
    date phrase, the status cue and every rule that fired (rule NAME: ...)."""
    import datetime as dt

    from .geo import GazetteerError

    if published is not None:
        try:
            published = dt.date.fromisoformat(published).isoformat()
        except ValueError:
            raise typer.BadParameter(f"not a YYYY-MM-DD date: {published}")
    if text == "-":
        text = sys.stdin.read()
    try:
        print(explain(text, published=published, gazetteer=gazetteer, outlet=outlet))
    except GazetteerError as e:
        print(f"error: {e}", file=sys.stderr)
        raise typer.Exit(2)
