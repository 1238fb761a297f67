"""Clauses: each clause of each sentence read as at most one mention of an event.

A clause's reading runs the components in order: the event word and its type (:mod:`.triggers`), the
counts told in it (:mod:`.tolls`), the parties' roles (:mod:`.roles`) and the victims (:mod:`.victims`),
ground changing hands (:mod:`.territory`), its places, date (:mod:`.when`), voice (:mod:`.voice`), and last
the filters that drop what tells no event (:mod:`.filters`).
"""
from __future__ import annotations

import re

from ..arabic import Sentence, clauses
from ..tolls import ALSO, combine
from . import filters, roles, territory, tolls, triggers, victims, voice, when
from .mention import Mention
from .rules import describe, note, rule
from .words import ARMS, EXCHANGE, RELATIVE, TOLL_STAGE


def mentions(ctx) -> list[Mention]:
    """Every mention of the document, in the order told."""
    out: list[Mention] = []
    prev_start = -1
    for s in ctx.doc.spans_of("sentence"):
        sent = Sentence(s.start, s.end, s.text)
        last_before = out[-1] if out and out[-1].sentence == prev_start else None  # told by the sentence just before
        prev_start = sent.start
        before = None  # a clause with a toll and no event word, before any event of its sentence
        told = len(out)
        for whole in clauses(sent):
            parts = second_event(ctx, sent, whole)
            coded = [code_clause(ctx, sent, p, own=k > 0) for k, p in enumerate(parts)] if len(parts) > 1 else []
            if None in coded:  # both parts must tell an event, else the clause is read whole
                parts, coded = [whole], []
            elif coded and not ctx.places_in(ctx.nt.orig_end(coded[0].trigger.end), parts[0].end) and not (
                    ctx.n(parts[1].start) < coded[1].trigger.start - 2):  # (not when the second is a clause of its own,
                # a verb before its event word: rule one_kind_two_places)
                # no place told after the first event word: the place at the end is the whole list's
                coded[0].locations = ctx.places_in(whole.start, whole.end) or coded[0].locations
            if coded:
                same_striker(ctx, coded[0], coded[1])
            for k, cl in enumerate(parts):
                m = coded[k] if coded else code_clause(ctx, sent, cl)
                if m is None and out and out[-1].sentence == sent.start:
                    tolls.toll_of_previous(ctx, cl, out[-1])
                elif m is None and k == 0 and whole.start == sent.start and out and out[-1] is last_before \
                        and tolls.toll_also(ctx, cl, out[-1]):
                    pass
                elif m is None and before is None and ctx.has_cue(ctx.n(cl.start), ctx.n_end(cl.end), "kill"):
                    before = cl
                if m is not None and before is not None:
                    had = m.fatalities
                    if not tolls.toll_of_cause(ctx, before, m):
                        tolls.toll_of_next(ctx, before, m)
                    if m.fatalities is not had and m.fatalities.get("of"):
                        # the side of the dead told before is whom the event hit ("قتل عناصر من قوات النظام،
                        # بعد استهداف مقاتلي الفصيل مواقعهم"): rule dead_side on the toll brought in
                        victims.dead_side(ctx, m, m.fatalities["of"])
                    before = None
                if m is not None and out and m.fatalities is not None:
                    tolls.toll_of_both_sides(ctx, m, out[-1])
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
        if len(out) == told and last_before is not None:
            if not tolls.toll_count_retold(ctx, sent, last_before) and not tolls.other_side_dead(ctx, sent, last_before):
                tolls.toll_told_next(ctx, sent, last_before)
        summed_lead(ctx, out, told)
    return out


def _dead(m: Mention) -> int | None:
    f = m.fatalities
    return f.get("value") if f and f.get("qualifier") in ("exact", "at_least", "about") else None


@rule("lead_sums_items")
def summed_lead(ctx, out: list[Mention], told: int) -> None:
    """A clause whose dead are the sum of the dead of two or more events its sentence then tells one by one is
    their sum, no event of its own: in "ارتفعت حصيلة المواجهات في المحافظة إلى خمسة قتلى؛ حيث قتل ثلاثة في
    اشتباكات بحي السلام، بينما قتل اثنان في قصف على سوق البلدة" the five dead are the three and the two."""
    for i in range(told, len(out) - 2):
        n = _dead(out[i])
        if not n or n < 2:
            continue
        rest = [_dead(m) for m in out[i + 1:]]
        total = 0
        for k, v in enumerate(rest):
            if v is None:
                continue
            total += v
            if total == n and sum(1 for x in rest[:k + 1] if x) >= 2:
                note(ctx, "lead_sums_items", f"{n} = {' + '.join(str(x) for x in rest[:k + 1] if x)}")
                del out[i]
                return
            if total > n:
                break


def code_clause(ctx, sent: Sentence, cl: Sentence, own: bool = False) -> Mention | None:
    """One clause's mention of an event, or None when it tells none (``own``: its parties are named in it, not
    taken from the rest of the sentence)."""
    if ctx.trace is None:
        return _code(ctx, sent, cl, own)
    ctx.trace.begin(cl)
    m = None
    try:
        m = _code(ctx, sent, cl, own)
    finally:
        ctx.trace.end(m)
    return m


def _code(ctx, sent: Sentence, cl: Sentence, own: bool = False) -> Mention | None:
    lo, hi = ctx.n(cl.start), ctx.n_end(cl.end)
    trigs = triggers.candidates(ctx, lo, hi)
    cut = state_described(ctx, trigs, lo, hi)
    if cut is not None:
        trigs = [t for t in trigs if t.start < cut]
    counts = None
    if not trigs:
        if not ctx.has_cue(lo, hi, "kill") and not any(
                n.value[0] == "killed" for n in ctx.within(ctx.toll_nouns, lo, hi)):
            return None  # no trigger, no killing verb, no "قتيلا": nothing to code
        if ctx.has_cue(lo, hi, "memory"):
            note(ctx, "remembered_toll", "an anniversary's or a memory's toll")
            return None  # the toll of an event remembered ("في الذكرى ... لمجزرة ... التي راح ضحيتها 100")
        counts = tolls.counts_in(ctx, lo, hi)
        told = triggers.toll_trigger(ctx, cl, counts, ctx.n(sent.start))
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
    roles.assign_actors(ctx, m, lo, hi, lo if own else ctx.n(sent.start), ctx.n_end(sent.end))
    if m.sub == "TERRITORY":
        territory.of_mention(ctx, m, clause_norm)
    m.fatalities = kill
    m.toll_stage = kill is not None and not TOLL_STAGE.isdisjoint(clause_norm.split())
    m.injured = combine(counts, "injured")
    m.missing = combine(counts, "missing")
    victims.read(ctx, m, counts, kill, lo, hi)
    roles.speaker_deed(ctx, m, lo, hi, ctx.n(sent.start))
    roles.speaker_hit(ctx, m, lo, hi, ctx.n(sent.start))
    roles.repelled(ctx, m, lo, hi)
    roles.finder_not_party(ctx, m, lo)  # (again: the victims read may name the finder)
    m.locations = ctx.places_in(cl.start, cl.end)
    m.own_place = bool(m.locations)
    m.locations = m.locations or borrowed_places(ctx, sent, cl)
    m.date = when.date_for(ctx, cl, sent, best)
    m.weak_day = m.date is not None and (not cl.start <= m.date.start < cl.end or when.said_day(ctx, m.date)
                                         or grievance_day(ctx, m.date, best))
    m.status = voice.status(ctx, lo, hi, ctx.n(sent.start), best.start)
    m.attribution = voice.attribution(ctx, ctx.n(sent.start), ctx.n_end(sent.end))
    m.framing = voice.framing(ctx, lo, hi)
    m.background = voice.background(ctx, lo, hi, m.date, best.start)
    m.claim = filters.claimed(ctx, m, lo)
    if filters.drops(ctx, m, sent, cl, lo, hi, best):
        return None
    return m


@rule("state_in_relative_clause", reads="cues.tsv ongoing, role_words.tsv relative")
def state_described(ctx, trigs, lo: int, hi: int) -> int | None:
    """A relative clause that gives a place's lasting state ("الذي يشهد", "التي تتعرض") describes the place, it
    tells no event of the clause: the clause's event is the one told before it (its event words are set aside;
    its parties, counts and weapons are still read with the clause). In "قتل رجل بقذيفة هاون سقطت على
    حي الميدان الذي يشهد اشتباكات متقطعة منذ أشهر" the event is the shell, not the months of clashes. Returns where
    the relative clause starts, or None (no event word before it: the clause is read whole). A killing told before it
    with no event word ("قتل ثلاثة مدنيين في حي الميدان الذي يشهد اشتباكات منذ أشهر") is read from its toll."""
    if not trigs:
        return None
    norm = ctx.nt.norm
    for c in ctx.within(ctx.cues, lo, hi):
        if c.value != "ongoing":
            continue
        before = norm[max(lo, c.start - 8):c.start].split()
        if not before or before[-1] not in RELATIVE:
            continue
        at = norm.rfind(before[-1], lo, c.start)
        if (any(t.start < at for t in trigs) or ctx.has_cue(lo, at, "kill")) and any(t.start > at for t in trigs):
            note(ctx, "state_in_relative_clause", f"«{ctx.said(at, c.end)}»")
            return at
        return None
    return None


@rule("place_told_before")
def borrowed_places(ctx, sent, cl) -> list[dict]:
    """A clause that names no place of its own is at the places its sentence names before it (the fighting it
    goes with); only when none stands before it, at those named after it, which may be another event's: in
    "تدور اشتباكات في محيط بلدة مورك، مع قصف جوي على مناطق الاشتباك، فيما قصفت قوات النظام بلدة كفرزيتا" the
    air strike is at Morek, not at Kafr Zita (which would make it one event with the shelling told there)."""
    before = ctx.places_in(sent.start, cl.start)
    if before:
        if ctx.places_in(cl.end, sent.end):
            note(ctx, "place_told_before", ", ".join(l.get("text") or "" for l in before))
        return before
    return ctx.places_in(sent.start, sent.end) or places_named_back(ctx, sent, cl)


# a definite noun of a town, village or city, or of two of them ("البلدتين", "المدينة"): the place named just before
_PLACE_BACK = re.compile(r"(?:^|\s)[وبف]?(?:ال|لل)(?:بلدتين|قريتين|مدينتين)(?=[\s،,.]|$)")


@rule("place_named_back")
def places_named_back(ctx, sent, cl) -> list[dict]:
    """A clause whose sentence names no place, and that speaks of "the town", "the two towns" or "the city" (a definite
    noun of a place), is at the places the sentence before named: "تخوض الفصائل معارك مع قوات النظام في بلدتي الفوعة
    وكفريا. وأوضحت المصادر أن قوات النظام استهدفت البلدتين بمئات القذائف" is shelling at those two towns."""
    lo, hi = ctx.n(cl.start), ctx.n_end(cl.end)
    if not _PLACE_BACK.search(ctx.nt.norm, lo, hi) or tolls.is_tally(ctx, lo, hi):
        return []  # (a tally over years "in the two towns" is none of their events)
    prev = None
    for s in ctx.doc.spans_of("sentence"):
        if s.end > sent.start:
            break
        prev = s
    got = ctx.places_in(prev.start, prev.end) if prev is not None and sent.start - prev.end <= 5 else []
    if got:
        note(ctx, "place_named_back", ", ".join(l.get("text") or "" for l in got))
    return got


# how far before its event word a grievance cue ("احتجاجا على مقتل ... خلال اشتباكات") may stand
GRIEVANCE_REACH = 120


@rule("grievance_no_day", reads="cues.tsv grievance")
def grievance_day(ctx, d, best) -> bool:
    """A killing or fighting told as what a protest or an attack answers, after that event's day ("أغلق أفراد الشرطة
    صباح اليوم أبواب المركز اعتراضا على مقتل زميل لهم خلال اشتباكات بين عائلتين في قرية المنشية"), has no day of its
    own: the protest's day is only a day by which it had happened (rule lead_day_bound), so a retelling with a day of
    its own ("وكانت القرية قد شهدت أمس اشتباكات بين العائلتين") is the same event, of that day."""
    lo = ctx.n_end(d.end)
    if lo >= best.start:
        return False
    hit = any(c.value == "grievance" and c.end <= best.start and best.start - c.end <= GRIEVANCE_REACH
              for c in ctx.within(ctx.cues, lo, best.start))
    if hit:
        note(ctx, "grievance_no_day", "")
    return hit


describe(__name__, "remembered_toll", """A toll told in a clause that remembers an event (cues.tsv ``memory``: "الذكرى",
"ذكرى") is that past event's, no event of its own: "تحل اليوم الذكرى الخامسة لمجزرة الحولة التي راح ضحيتها أكثر
من مئة مدني".""", reads="cues.tsv memory")
describe(__name__, "digest_items", """A sentence is cut into clauses before a connective that starts another item (arabic._JOIN): besides
"، فيما", "، كما", "، وفي", also "، كذلك", "، في وقت" / "في الوقت الذي" (not "في وقت سابق") and a source's next
point ("، مشيرا إلى", "، لافتة إلى", "، وأشار", "، وأوضحت"), the writer's comment on what was told ("، يأتي هذا
رغم الإعلان عن هدنة", "، ويأتي ذلك في ظل ...": whatever follows it, not "يأتي هذا القرار"), and before "مع" of what went along with it ("وترافقت
الاشتباكات العنيفة | مع قصف مكثف على القرية"): "قصفت قوات النظام حي الوعر، كذلك شنت طائرات روسية غارات على
كفرزيتا" is two events, each with its own parties and places. An earlier event recalled with its distance in days
("بعد ثلاثة أيام من اغتيال قيادي آخر في سراقب", "بعد يومين من سيطرته على المعبر") is cut off too: it is another
event, told as past (cues.tsv background), not the one its sentence tells.""")


describe(__name__, "wrapped_lines", """A text wrapped at a fixed width keeps its sentences whole (arabic._wrapped_breaks):
a line as long as the text's long lines (3/4 of the 90th length, 50 to 120 characters), or one whose next line is
indented, that ends with no stop and is followed by a line opening with a letter, goes on into the next line, so a
toll cut off from its event word by the width stays in its clause: "شهدت أحياء المدينة الليلة الماضية اشتباكات
عنيفة بين الجيش والمعارضة\nالمسلحة سقط خلالها عشرات القتلى" is one sentence (only with three such breaks: a
headline or a byline alone still ends its line).""")


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


_FIGHT_OR_FIRE = ("Battles", "Explosions/Remote violence")
_WITH = ("مع", "بين")  # the other side of a fight
# a word of later time right after the verb ("، وتعرضت لاحقا لتفجيرات"): what follows happened after the first event
_LATER = ("لاحقا", "بعدها", "بعدئذ")
_AND_VERB = re.compile(r"[،,]\s*(و\S+)(?:\s+(%s)\s+[لب]?|\s+)$" % "|".join(_LATER))  # ", وانفجرت " (", وتعرض لاحقا ")


def _apart(a: list[dict], b: list[dict]) -> bool:
    """Two clauses' towns, villages or quarters, none shared (by name); a region or governorate is no place of its own
    ("قصفت بلدات في ريف إدلب، واستهدفت مناطق في مدينة خان شيخون" tells where in it)."""
    from .same import _wide
    names = lambda ps: {p.get("name_ar") or p.get("text") for p in ps if not _wide(p)}
    na, nb = names(a), names(b)
    return bool(na and nb) and not na & nb


describe(__name__, "one_kind_two_places", """Two events of one kind told in one sentence, the second after a comma and "و" (its
event word, or a verb and then an indefinite event word), each at a place of its own, are two events:
"انفجرت سيارة مفخخة في حي الكرادة ما أدى إلى مقتل 7 أشخاص، وانفجرت عبوة ناسفة في حي الشعب ما أدى إلى مقتل 3"
(rule second_event_joined cuts the clause there).""")
describe(__name__, "another_target_too", """After a comma, "و" and a verb, the definite event word told again with
"أيضا" or "كذلك" after it is the same act reaching another target, an item of its own when it is at a place of its
own (rule one_kind_two_places): "قصفت المدفعية مدرسة في بلدة الكرامة ما أدى إلى مقتل خمسة، وطال القصف أيضا منزلا في
قرية العزيزية ما أدى إلى مقتل اثنين" is two events, five and two dead.""", reads="role_words.tsv also")


@rule("same_act_same_striker", reads="role_words.tsv also")
def same_striker(ctx, first: Mention, second: Mention) -> None:
    """The same act reaching another target (rule another_target_too: the definite event word told again with "أيضا"
    after a comma and a verb) was done by the same hand: "قصفت مدفعية الجيش مدرسة في بلدة الكرامة ما أدى إلى مقتل
    خمسة، وطال القصف أيضا منزلا في قرية العزيزية" has the army shelling the house too, though only the first clause
    names it."""
    t = second.trigger
    norm = ctx.nt.norm
    if second.actor1 is not None or first.actor1 is None or first.event_type != second.event_type \
            or not norm.startswith("ال", t.start) or norm[t.end:t.end + 8].split()[:1] not in ([w] for w in ALSO):
        return
    if second.actor2 is not None and second.actor2[0] == first.actor1[0]:
        return
    second.actor1, second.assoc1 = first.actor1, list(first.assoc1)
    note(ctx, "same_act_same_striker", f"«{first.actor1[1]}»")


@rule("second_event_joined", reads="role_words.tsv arm, exchange, relative")
def second_event(ctx, sent: Sentence, cl: Sentence) -> list[Sentence]:
    """A clause that tells one event and then, joined by "و", an event of another kind with its own doer or place
    is two clauses, each its own event: "اندلعت اشتباكات بين الفصائل والقوات في الحي، وقصف تعرض له حي القابون" (a
    clash, then a shelling), "شنت الطائرات غارات على البلدة وقصفت المدفعية قرية مجاورة" (an air strike, then a
    shelling by its own arm). The first must tell a party or place after its word, the second a doer as its next
    word or a place; two of one event type need the second's own doer or a place for each. The second takes no party
    from the first; a first with no place of its own keeps the clause's (the place at the end is the list's). Both
    parts must code, else the clause is read whole. A list ("قصف وغارات على البلدة"), fire exchanged in a fight
    ("اشتباكات وقصف متبادل"), ground taken in the fight, a weapon named ("والمدفعية", role_words.tsv arm), and a
    relative clause going on ("الغارات التي شنتها ... واستهدفت المدينة") stay one event."""
    lo, hi = ctx.n(cl.start), ctx.n_end(cl.end)
    found = [t for t in ctx.within(ctx.triggers, lo, hi) if t.value.event_type in _FIGHT_OR_FIRE]
    if len(found) < 2:
        return [cl]
    trigs = triggers.candidates(ctx, lo, hi)
    norm = ctx.nt.norm
    for i, t2 in enumerate(trigs):
        if i == 0 or t2.value.event_type not in _FIGHT_OR_FIRE or t2.start - 2 < lo:
            continue
        verb_cut = None
        if norm[t2.start - 1] != "و" or norm[t2.start - 2] != " ":
            # rule one_kind_two_places: ", وانفجرت عبوة ناسفة في حي الشعب": a clause of its own opened by "و" and a verb
            # after a comma, its event word indefinite
            after_verb = _AND_VERB.search(norm, max(lo, t2.start - 24), t2.start)
            if after_verb is None:
                continue
            if norm.startswith("ال", t2.start):
                # the definite word refers back, unless "أيضا" follows it: the act reaching another target, told as
                # an item of its own ("، وشمل القصف أيضا منزلا في قرية ..."; rule another_target_too)
                if norm[t2.end:t2.end + 8].split()[:1] not in ([w] for w in ALSO):
                    continue
                note(ctx, "another_target_too", f"«{ctx.said(t2.start, t2.end)}»")
            verb_cut = after_verb.start(1)
        first = [t for t in trigs[:i] if t.end < t2.start - 1 and t.value.event_type in _FIGHT_OR_FIRE]
        if not first:
            continue
        t1 = first[-1]
        prior = [t for t in found if t.start < t2.start - 1]
        if prior[-1].start > t1.start or prior[-1].end >= t2.start - 3:
            # joined to an event word not told as done ("يحاول السيطرة على المنطقة واستعادة المطار"), or one of
            # a list of event words ("قصف وغارات")
            continue
        later = verb_cut is not None and later_event(ctx, after_verb, t1, t2)
        if ("TERRITORY" in (t1.value.sub_event_type, t2.value.sub_event_type) and not later) or _arm(ctx, t2):
            continue  # ground taken in a fight is that fight (rule territory_in_battle); a weapon is no act
        words = norm[t2.end:hi].split()
        if not words or words[0].strip("،,.") in EXCHANGE:
            continue
        cut = ctx.nt.orig(t2.start - 1 if verb_cut is None else verb_cut)
        first_place = ctx.places_in(ctx.nt.orig_end(t1.end), cut)
        if not (first_place or ctx.within(ctx.actors, t1.end, t2.start - 1)):
            continue  # the first tells no event of its own: nothing told after its word
        # the second's own doer: a party or the arm that fired as the next word ("وقصف الجيش", "وقصفت المدفعية"),
        # or the other side of a fight ("واشتباكات مع عناصر التنظيم")
        nxt = t2.end + 1
        if t2.value.event_type == "Battles" and words[0] in _WITH:
            nxt += len(words[0]) + 1
        own_doer = any(nxt <= a.start <= nxt + 2 for a in ctx.within(ctx.actors, nxt, nxt + 3)) or any(
            t.start == t2.end + 1 and _arm(ctx, t) for t in trigs[i + 1:])
        own_place = ctx.places_in(ctx.nt.orig_end(t2.end), cl.end)
        if not own_doer and any(w in RELATIVE for w in norm[t1.end:t2.start].split()):
            continue  # the relative clause goes on: "الغارات التي شنتها الطائرات على الريف، واستهدفت المدينة"
        if t1.value.event_type == t2.value.event_type:
            # two of one kind ("غارات ... وقصف مدفعي"): two events where the second has its own doer, or each its own place
            if t1.value.sub_event_type == t2.value.sub_event_type:
                # rule one_kind_two_places: after a comma, each at a place of its own
                after_comma = verb_cut is not None or norm[max(lo, t2.start - 3):t2.start - 2] in (",", "،")
                if not (after_comma and own_place and first_place and _apart(first_place, own_place)):
                    continue
            elif not (own_doer or own_place and first_place):
                continue
        elif not (own_doer or own_place or later):
            continue
        head = ctx.doc.text[cl.start:cut].rstrip(" ،,")
        if not head:
            continue
        note(ctx, "second_event_joined", f"«{ctx.said(t1.start, t1.end)}» | «{ctx.said(t2.start, t2.end)}»")
        return [Sentence(cl.start, cl.start + len(head), head), Sentence(cut, cl.end, ctx.doc.text[cut:cl.end])]
    return [cl]


@rule("later_event_apart")
def later_event(ctx, after_verb, t1, t2) -> bool:
    """After a comma, "و" and a verb, a word of later time ("لاحقا", "بعدها") before an event word of another kind
    tells a later event of its own, not the first one told again: "استعادت القوات السيطرة على مبنى المشفى الوطني،
    وتعرض لاحقا لقصف بقذائف الهاون" is a capture and then a shelling (rule second_event_joined cuts the clause
    there, though the first is ground taken)."""
    if after_verb.group(2) is None or t1.value.event_type == t2.value.event_type:
        return False
    note(ctx, "later_event_apart", f"«{after_verb.group(2)}» «{ctx.said(t2.start, t2.end)}»")
    return True


def _arm(ctx, t) -> bool:
    """The event word is a weapon or the arm that fires (role_words.tsv arm): "المدفعية", "انتحاري"."""
    w = ctx.nt.norm[t.start:t.end].split()[0]
    return w in ARMS or w.startswith("ال") and w[2:] in ARMS
