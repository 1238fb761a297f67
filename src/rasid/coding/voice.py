"""Voice: how the article tells the event. Its status (asserted, denied, hedged, reported by others), who
it is attributed to, the framing words around it, and whether it is told as the past (background)."""
from __future__ import annotations

import datetime as dt

from ..dates import DateMention
from .rules import describe, note, rule

ATTRIBUTION_ORDER = ("correspondent", "field_source", "monitor", "official", "other_media", "local_residents")

describe(__name__, "denied", """A denial covers the first event told after it: "نافية نقل مجموعات ... للمشاركة في
المعركة التي خسرت فيها قسد" denies the transfer, not the battle told in passing.""", reads="cues.tsv deny")
describe(__name__, "hedged", """A hedge in the sentence before the event word makes it hedged: "يرجح أن طائرات
روسية قصفت البلدة".""", reads="cues.tsv hedge")
describe(__name__, "reported_by_others", """A report by others in the sentence before the event word: "ذكرت وسائل
إعلام أن الطائرات قصفت البلدة".""", reads="cues.tsv others")


def status(ctx, lo: int, hi: int, sent_lo: int, trig: int) -> str:
    """The status cue from the sentence's start to the event word (rules denied, hedged, reported_by_others)."""
    cues = ctx.within(ctx.cues, sent_lo, min(hi, trig + 1))
    kinds = [c.value for c in cues]
    denials = [c for c in cues if c.value == "deny"]
    if denials and not any(t.start < trig and t.value.event_type != "-"
                           for t in ctx.within(ctx.triggers, denials[-1].end, trig)):
        _cue(ctx, "denied", denials[-1])
        return "denied"
    if "hedge" in kinds:
        _cue(ctx, "hedged", next(c for c in cues if c.value == "hedge"))
        return "hedged"
    if "others" in kinds:
        _cue(ctx, "reported_by_others", next(c for c in cues if c.value == "others"))
        return "reported_by_others"
    return "asserted"


def _cue(ctx, name: str, c) -> None:
    if ctx.trace is not None:
        note(ctx, name, f"«{ctx.said(c.start, c.end)}»")


@rule("attribution", reads="cues.tsv correspondent, field_source, monitor, official, other_media, local_residents")
def attribution(ctx, lo: int, hi: int) -> dict | None:
    """The sentence's source, the closest to the event first (a correspondent, a field source, a monitor, an
    official, other media, residents): "أفاد مراسلنا في إدلب بأن الطائرات قصفت البلدة"."""
    found = [c for c in ctx.within(ctx.cues, lo, hi) if c.value in ATTRIBUTION_ORDER]
    if not found:
        return None
    c = min(found, key=lambda c: (ATTRIBUTION_ORDER.index(c.value), c.start))
    s, e = ctx.nt.span(c.start, c.end)
    return {"kind": c.value, "text": ctx.nt.text[s:e]}


def framing(ctx, lo: int, hi: int) -> list[dict]:
    """The framing markers (framing.tsv) in the clause, with their words."""
    out = []
    for f in ctx.starting(ctx.frames, lo, hi):
        s, e = ctx.nt.span(f.start, f.end)
        out.append({"marker": f.value, "text": ctx.nt.text[s:e]})
    return out


@rule("told_as_past", reads="cues.tsv background")
def background(ctx, lo: int, hi: int, date: DateMention | None, trigger: int | None = None) -> bool:
    """An event told as past, not today's news: dated a month or more before publication, or a pluperfect
    before it ("منشأة كانت قد تعرضت لهجوم", "في الماضي"); "وكان" / "وكانت" count only at the clause's start."""
    if date and date.start_date and ctx.pub:
        d = dt.date.fromisoformat(date.start_date)
        if (ctx.pub - d).days > 31:
            note(ctx, "told_as_past", f"«{date.text}» over a month before publication")
            return True
    if ctx.has_cue(lo, min(hi, lo + 25), "background"):
        note(ctx, "told_as_past", "a cue of the past at the clause's start")
        return True
    out = trigger is not None and any(c.value == "background" and c.phrase not in ("وكان", "وكانت")
                                      for c in ctx.within(ctx.cues, lo, trigger))
    if out:
        note(ctx, "told_as_past", "a cue of the past before the event word")
    return out
