"""Clauses: each clause of each sentence read as at most one mention of an event.

A clause's reading runs the components in order: the event word and its type (:mod:`.triggers`), the
counts told in it (:mod:`.tolls`), the parties' roles (:mod:`.roles`) and the victims (:mod:`.victims`),
ground changing hands (:mod:`.territory`), its places, date (:mod:`.when`), voice (:mod:`.voice`), and last
the filters that drop what tells no event (:mod:`.filters`).
"""
from __future__ import annotations

from ..arabic import Sentence, clauses
from ..tolls import combine
from . import filters, roles, territory, tolls, triggers, victims, voice, when
from .mention import Mention
from .rules import describe


def mentions(ctx) -> list[Mention]:
    """Every mention of the document, in the order told."""
    out: list[Mention] = []
    for s in ctx.doc.spans_of("sentence"):
        sent = Sentence(s.start, s.end, s.text)
        before = None  # a clause with a toll and no event word, before any event of its sentence
        for cl in clauses(sent):
            m = code_clause(ctx, sent, cl)
            if m is None and out and out[-1].sentence == sent.start:
                tolls.toll_of_previous(ctx, cl, out[-1])
            elif m is None and before is None and ctx.has_cue(ctx.n(cl.start), ctx.n_end(cl.end), "kill"):
                before = cl
            if m is not None and before is not None:
                tolls.toll_of_next(ctx, before, m)
                before = None
            if m is not None:
                denied = denied_before(ctx, sent, cl, m)
                if denied is not None:
                    out.append(denied)
                    # the rest of the clause tells the other event: its places and parties are its own
                    cut = denied.clause.end
                    rest = ctx.doc.text[cut:cl.end]
                    skip = len(rest) - len(rest.lstrip())
                    m = code_clause(ctx, sent, Sentence(cut + skip, cl.end, rest.lstrip())) or m
                out.append(m)
    return out


def code_clause(ctx, sent: Sentence, cl: Sentence) -> Mention | None:
    """One clause's mention of an event, or None when it tells none."""
    if ctx.trace is None:
        return _code(ctx, sent, cl)
    ctx.trace.begin(cl)
    m = None
    try:
        m = _code(ctx, sent, cl)
    finally:
        ctx.trace.end(m)
    return m


def _code(ctx, sent: Sentence, cl: Sentence) -> Mention | None:
    lo, hi = ctx.n(cl.start), ctx.n_end(cl.end)
    trigs = triggers.candidates(ctx, lo, hi)
    counts = None
    if not trigs:
        if not ctx.has_cue(lo, hi, "kill") and not any(
                n.value[0] == "killed" for n in ctx.within(ctx.toll_nouns, lo, hi)):
            return None  # no trigger, no killing verb, no "قتيلا": nothing to code
        counts = tolls.counts_in(ctx, lo, hi)
        told = triggers.toll_trigger(ctx, cl, counts)
        if told is None:
            return None
        trigs = [told]
    if counts is None:
        counts = tolls.counts_in(ctx, lo, hi)
    if tolls.tally(ctx, lo, hi):
        counts = []
    kill = combine(counts, "killed")
    best, tv = triggers.choose(ctx, trigs, lo, hi)
    m = Mention(tv.event_type, tv.sub_event_type, tv.role, tv.weight, cl, best, sentence=sent.start)
    clause_norm = ctx.nt.norm[lo:hi]
    m.sub = triggers.strike_kind(ctx, m.sub, m.event_type, trigs, clause_norm)
    roles.assign_actors(ctx, m, lo, hi, ctx.n(sent.start), ctx.n_end(sent.end))
    if m.sub == "TERRITORY":
        territory.of_mention(ctx, m, clause_norm)
    m.fatalities = kill
    m.injured = combine(counts, "injured")
    m.missing = combine(counts, "missing")
    victims.read(ctx, m, counts, kill, lo, hi)
    roles.speaker_deed(ctx, m, lo, hi, ctx.n(sent.start))
    roles.repelled(ctx, m, lo, hi)
    roles.finder_not_party(ctx, m, lo)  # (again: the victims read may name the finder)
    m.locations = ctx.places_in(cl.start, cl.end)
    m.own_place = bool(m.locations)
    m.locations = m.locations or ctx.places_in(sent.start, sent.end)
    m.date = when.date_for(ctx, cl, sent, best)
    m.status = voice.status(ctx, lo, hi, ctx.n(sent.start), best.start)
    m.attribution = voice.attribution(ctx, ctx.n(sent.start), ctx.n_end(sent.end))
    m.framing = voice.framing(ctx, lo, hi)
    m.background = voice.background(ctx, lo, hi, m.date, best.start)
    m.claim = filters.claimed(ctx, m, lo)
    if filters.drops(ctx, m, sent, cl, lo, hi, best):
        return None
    return m


describe(__name__, "digest_items", """A sentence is cut into clauses before a connective that starts another item (arabic._JOIN): besides
"، فيما", "، كما", "، وفي", also "، كذلك", "، في وقت" / "في الوقت الذي" (not "في وقت سابق") and a source's next
point ("، مشيرا إلى", "، لافتة إلى", "، وأشار", "، وأوضحت"), and before "مع" of what went along with it ("وترافقت
الاشتباكات العنيفة | مع قصف مكثف على القرية"): "قصفت قوات النظام حي الوعر، كذلك شنت طائرات روسية غارات على
كفرزيتا" is two events, each with its own parties and places.""")


describe(__name__, "denied_and_told", """A clause that denies one event and tells another in passing gives both: the
denied one is coded from the clause cut before the next event word after the denial, "نافية المعلومات عن نقل
التحالف مجموعات ... للمشاركة في المعركة التي خسرت فيها قسد".""", reads="cues.tsv deny")


def denied_before(ctx, sent: Sentence, cl: Sentence, m: Mention) -> Mention | None:
    """The denied event a clause tells before the one it asserts (rule denied_and_told), if it does."""
    lo, hi = ctx.n(cl.start), ctx.n_end(cl.end)
    deny = [c for c in ctx.within(ctx.cues, lo, m.trigger.start) if c.value == "deny"]
    if not deny:
        return None
    after = [t for t in ctx.within(ctx.triggers, deny[0].end, hi) if t.value.event_type != "-"]
    if len(after) < 2 or after[0].start >= m.trigger.start:
        return None
    cut = ctx.nt.orig(after[1].start)
    text = ctx.doc.text[cl.start:cut].rstrip()
    if not text:
        return None
    sub = code_clause(ctx, sent, Sentence(cl.start, cl.start + len(text), text))
    if sub is not None and sub.status == "denied":
        if ctx.trace is not None:
            ctx.trace.note_mention(sub, "denied_and_told", f"cut before «{ctx.said(after[1].start, after[1].end)}»")
        return sub
    return None
