"""Merge: mentions of the same event in headline, lead and body become one report event.

Mentions join by type, place, day and parties (:mod:`.same`); besides that, a clause that tells what led
to the event or what it brought about, the shelling amid the fighting just told, and a definite noun
referring back to an event already told join the event they belong to. Each joining is a rule. The groups
become report events (:mod:`.report`), whose missing sides and places are filled in afterwards.
"""
from __future__ import annotations

import bisect
import datetime as dt
import re

from . import ids, report, sides, territory
from ..geo import place_key
from .mention import Mention
from .rules import note, rule
from .same import actors_ok, one_name, specific_keys, dates_ok, day_before, day_conflict, loc_keys, same_event, within_region
from .tolls import toll_conflict
from .words import REACTION, AIMED, AMID, ANOTHER, DUAL_EVENT, ANY_ATTACK, NEW_ITEM, BACK_WORDS, CONSEQUENCE, DEMONSTRATIVES, GENERIC_ATTACK, RETOLD, \
    RELATIVE, SPEECH, STATEMENT, TERRITORY_SUBS, TOLL_OF_FIGHTING, UNKNOWN_DOER, VIOLENT


# an event's mentions lie within this many characters of its first: a mention further on starts an event of
# its own (the longest corpus article has 20,000 characters, so no article's events change; a 10 MB "article"
# is coded in linear time, each mention compared with the groups of the last 50,000 characters only)
MERGE_WINDOW = 50_000


def _open(groups: list[list[Mention]], m: Mention) -> list[list[Mention]]:
    """The groups a mention may join, in the order made: those whose first mention is within MERGE_WINDOW."""
    k = bisect.bisect_left(groups, m.clause.start - MERGE_WINDOW, key=lambda g: g[0].clause.start)
    return groups[k:] if k else groups


def merge(doc, ctx, mentions: list[Mention]) -> list:
    """The report events of the document's mentions."""
    groups: list[list[Mention]] = []
    prev: Mention | None = None
    pending: list[Mention] = []
    owed: list[Mention] = []
    for m in mentions:
        last, prev = prev, m
        if (ours(ctx, groups, last, m) or circumstance(ctx, groups, last, m) or amid(ctx, groups, last, m)
                or consequence(ctx, groups, last, m) or withdrawal(ctx, groups, last, m) or dual(ctx, groups, m)
                or anaphor(ctx, groups, pending, m, owed)):
            continue
        like(ctx, groups, m)
    for m in owed:  # an attack named with its doer, told in full after it, or an event of its own
        g = next((g for g in groups if g[0].clause.start > m.clause.start and g[0].event_type in VIOLENT
                  and g[0].status == m.status and dates_ok(g[0], m) and _doer_fits(ctx, g, m)), None)
        if g is not None:
            g.append(m)
        else:
            groups.insert(bisect.bisect(groups, m.clause.start, key=lambda g: g[0].clause.start), [m])
    for m in pending:  # a pointer to an event never told is no event of its own
        g = next((g for g in _open(groups, m) if g[0].event_type == m.event_type
                  and (g[0].status == "denied") == (m.status == "denied")), None)
        if g is not None:
            g.append(m)
    events = []
    for g in groups:
        e = report.event(doc, ctx, g)
        if e is not None:
            events.append(e)
    ids.number_repeats(events)
    for e in events:
        sides.attack_on_people(ctx, e)
        sides.aircraft_struck(ctx, e)
        sides.air_strike_by_state(ctx, e)
        sides.suicide_bomb_by_group(ctx, e)
    sides.fill_sides(ctx, events)
    sides.coalition_foe(ctx, events)
    sides.strike_on_front(ctx, events)
    sides.strike_refers_back(ctx, events)
    sides.strike_on_held(ctx, events)
    sides.announcer_killed(ctx, events)
    report.context_places(ctx, events)
    territory.resub(ctx, events)
    for e in events:
        sides.retype_by_parties(ctx, e)
        sides.crowd_not_arrester(ctx, e)
        sides.force_on_protesters(ctx, e)
        sides.protest_no_opponent(ctx, e)
    sides.similar_kind(ctx, events)
    return events


def _join(ctx, groups: list[list[Mention]], last: Mention, m: Mention, name: str) -> bool:
    next(g for g in reversed(groups) if any(x is last for x in reversed(g))).append(m)  # (the latest first)
    if ctx.trace is not None:
        ctx.trace.note_mention(m, name, f"joins «{last.clause.text[:60]}»")
    return True


def _opens(text: str, words: tuple[str, ...]) -> bool:
    """The text opens with one of ``words``, maybe after the conjunction و ("ووسط", "وفي ظل")."""
    t = text.strip()
    return t.startswith(words) or (t[:1] == "و" and t[1:].startswith(words))


@rule("our_own_event")
def ours(ctx, groups: list[list[Mention]], last: Mention | None, m: Mention) -> bool:
    """An event noun a speaker owns ("هجومنا", "عمليتنا", "قصفنا": ours) tells again the speaker's event its sentence
    told just before: "سيطر الفصيل على قرية كفرنبل، وقال في بيان إن هجومنا أسفر عن مقتل عشرة جنود" is the capture,
    with its toll."""
    if last is None or last.sentence != m.sentence or last.event_type not in VIOLENT:
        return False
    norm = ctx.nt.norm
    e = norm.find(" ", m.trigger.end)
    word = norm[norm.rfind(" ", 0, m.trigger.start) + 1:len(norm) if e < 0 else e]
    lexeme = (m.trigger.phrase.split() or [""])[0]
    if not (len(lexeme) > 2 and word.endswith("نا") and word.removesuffix("نا").endswith(lexeme)):
        return False
    return _join(ctx, groups, last, m, "our_own_event")


@rule("circumstance_joins", reads="role_words.tsv back")
def circumstance(ctx, groups: list[list[Mention]], last: Mention | None, m: Mention) -> bool:
    """The fighting that led to the event the sentence tells is part of it, whoever the clause names: "سيطرت
    الهيئة على المدينة، بعد اشتباكات استمرت لساعات" (fighting only: "بعد قصف جوي استهدف المنطقة" is a strike of
    its own); its parties are the other side of that event, a capture told as the cause keeps its gainer."""
    norm = ctx.nt.norm
    if not (last is not None and last.sentence == m.sentence and not m.fatalities and m.event_type == "Battles"):
        return False
    words = norm[ctx.n(m.clause.start):m.trigger.start].split()
    if not (bool(words) and words[0] in BACK_WORDS and len(words) <= 2):
        return False
    # "عقب سيطرتها على المخيم في 29 أيلول": a written day of its own; the sentence's day lent to the clause before
    # it is still the clause's own ("وبسيطرتها على الحي، عقب سيطرتها على المخيم في 29 أيلول")
    own_day = m.date is not None and m.date.kind.startswith("abs") and (
        last.date is None or last.date.text != m.date.text or (
            _told_in(m.date, m) and not _told_in(last.date, last)))
    if own_day or not (m.date is None or last.date is None or dates_ok(last, m) or (
            m.sub not in TERRITORY_SUBS and day_before(m, last))):
        return False
    if m.sub not in TERRITORY_SUBS:
        others = [x for x in (m.actor1, m.actor2) if x and not (last.actor1 and x[0] == last.actor1[0])]
        m.actor1, m.actor2 = None, (others[0] if others else None)
    return _join(ctx, groups, last, m, "circumstance_joins")


@rule("own_written_day_apart")
def dated_apart(ctx, g: list[Mention], m: Mention) -> bool:
    """An event told after a word of sequence ("عقب", "بعد") with a full day of its own written after its word, a
    day none of the event's clauses tells, is an older event, not the one told before: "دارت اشتباكات بين
    الطرفين في محيط المخيم ... عقب سيطرة القوات على البلدة في 12 آذار الماضي" is the fighting and an older capture.
    (A day in brackets is a source's date, "(وكالة الأنباء، 3 آذار)"; the day a source spoke is no such day.)"""
    d = m.date
    if d is None or not _told_in(d, m) or not _own_day(ctx, g, m):
        return False
    at = ctx.n(d.start)
    if at < m.trigger.end or "(" in ctx.nt.norm[m.trigger.end:at]:
        return False
    note(ctx, "own_written_day_apart", f"«{d.text}»")
    return True


def _told_in(d, m: Mention) -> bool:
    """The date phrase is written in the mention's own clause (not lent to it by its sentence)."""
    return m.clause.start <= d.start < m.clause.end


def _aimed(ctx, m: Mention) -> bool:
    """The strike words up to the first comma name a target ("على", "استهدفت", "لمزارع") or a place."""
    seg = re.split(r"[,،]", ctx.nt.norm[m.trigger.end:ctx.n_end(m.clause.end)])[0]
    words = seg.split()
    if AIMED & set(words) or any(w.startswith(("لم", "لل")) for w in words):
        return True
    return bool(ctx.places_in(m.clause.start, ctx.nt.orig(m.trigger.end + len(seg))))


@rule("withdrawal_of_the_loser", reads="role_words.tsv back, demonstrative")
def withdrawal(ctx, groups: list[list[Mention]], last: Mention | None, m: Mention) -> bool:
    """A withdrawal told as what led to ground taken, or as what followed the fighting just told, is part of that
    battle, not a move of its own: "سيطرت قوات النظام على منطقة الشقيف، عقب انسحاب مقاتلي الفصائل منها"; "وأشارت
    المصادر إلى أن مسلحي التنظيم انسحبوا عقب هذه المعركة" (the withdrawing party is not the gainer)."""
    if last is None or m.event_type != "Strategic developments" or m.role != "loss" or last.event_type != "Battles":
        return False
    norm = ctx.nt.norm
    before = norm[ctx.n(m.clause.start):m.trigger.start].split()
    after = norm[m.trigger.end:ctx.n_end(m.clause.end)].split()[:4]
    led = last.sentence == m.sentence and last.sub in TERRITORY_SUBS and bool(before) and before[0] in BACK_WORDS \
        and len(before) <= 2
    # "انسحبوا عقب هذه المعركة" / "بعد المعارك": after the fighting already told
    followed = any(w in BACK_WORDS for w in after[:2]) and any(w in DEMONSTRATIVES or w.startswith("ال") for w in after[1:3])
    if not (led or followed) or not dates_ok(last, m):
        return False
    gainer = (last.territory or {}).get("gained_by")
    if gainer and m.actor1 and m.actor1[0] == gainer:
        return False
    m.aside = True
    return _join(ctx, groups, last, m, "withdrawal_of_the_loser")


_AMID_OF = frozenset({"Battles", "Explosions/Remote violence"})


@rule("amid_aside", reads="role_words.tsv amid, aimed")
def amid(ctx, groups: list[list[Mention]], last: Mention | None, m: Mention) -> bool:
    """The shelling amid the fighting just told is part of it: "تمكنت قسد من التقدم في الباغوز، وسط قصف جوي
    مكثف"; so is the shelling amid a strike just told, which keeps its own kind: "شن الطيران ثلاث غارات على
    البلدة، وسط قصف مدفعي من الحواجز المحيطة" is an air strike. A strike with a target or place of its own ("وسط
    قصف على المنطقتين") is an event of its own."""
    norm = ctx.nt.norm
    if last is not None and last.sentence == m.sentence and last.event_type in _AMID_OF and \
            m.event_type == "Explosions/Remote violence" and \
            _opens(norm[ctx.n(m.clause.start):m.trigger.start], AMID) and \
            len(norm[ctx.n(m.clause.start):m.trigger.start].split()) <= 2 and not toll_conflict([last], m) and \
            not _aimed(ctx, m):
        m.aside = True
        return _join(ctx, groups, last, m, "amid_aside")
    return False


@rule("consequence_joins", reads="role_words.tsv consequence")
def consequence(ctx, groups: list[list[Mention]], last: Mention | None, m: Mention) -> bool:
    """What the event just told brought about is part of it: "وتتمكن بذلك من الدخول إلى البلدة"."""
    norm = ctx.nt.norm
    if groups and last is not None and any(
            w in CONSEQUENCE for w in norm[max(0, m.trigger.start - 30):m.trigger.start].split()[-3:]):
        return _join(ctx, groups, last, m, "consequence_joins")
    return False


@rule("dual_refers_back", reads="role_words.tsv dual_event")
def dual(ctx, groups: list[list[Mention]], m: Mention) -> bool:
    """A definite event noun in the dual ("الهجومين اللذين", "والتفجيران", "بالغارتين") points back at two events
    already told, not at one event of its own: "انفجرت عبوة ناسفة في سوق البلدة ... وبعد ساعة انفجرت سيارة مفخخة
    قرب المستشفى ... وأكد مصدر طبي حصيلة التفجيرين" tells two bombings, and the toll of both is neither's. With no
    violent event told before it, it is read as usual."""
    norm, ts = ctx.nt.norm, m.trigger.start
    a = norm.rfind(" ", 0, ts) + 1
    e = norm.find(" ", m.trigger.end)
    word = norm[a:len(norm) if e < 0 else e]
    bare = _DEFINITE.sub("", word, count=1) if _DEFINITE.match(word) else ""
    if not bare or bare not in DUAL_EVENT:
        return False
    if not any(g[0].event_type in VIOLENT for g in _open(groups, m)):
        return False
    if ctx.trace is not None:
        ctx.trace.note_mention(m, "dual_refers_back", f"«{word}»")
    return True


# verbs of announcing or telling news: "أعلنت الفصائل عن السيطرة على التلة" is news of its own
_ANNOUNCE = frozenset(("اعلن", "اعلنت", "افاد", "افادت", "ذكر", "ذكرت", "نقل", "نقلت", "بث", "بثت", "نشر", "نشرت"))
_DEFINITE = re.compile(r"[وف]?(?:[بكل]?ال|لل)")


@rule("refers_back", reads="role_words.tsv back, demonstrative, retold")
def anaphor(ctx, groups: list[list[Mention]], pending: list[Mention], m: Mention, owed: list[Mention]) -> bool:
    """A definite noun refers back to an event already told ("التفجير", "الغارة", "بالهجوم", "بعد مواجهات"): it
    joins the last event of its type, day and denial (and parties, when the clause names a place of its
    own); "هذه الغارة" before the strike is told joins it once told. Told again as the subject of a verb of how
    it happened, it refers back though its clause names a place of its own, to the last event of its sub-type
    if one is: "قصفت الطائرات مواقع قرب الرقة" then "إن الغارات استهدفت مقرا في قرية حزيمة", "الانفجار وقع عند"."""
    norm, ts = ctx.nt.norm, m.trigger.start
    subject = retold_subject(ctx, m)
    if subject is not None:
        ts = subject.start
    before = norm[max(0, ts - 2):ts]
    outside = article_outside(ctx, ts)
    prev_word = (norm[max(0, ts - 14):ts - 2 if outside else ts].split() or [""])[-1]
    # (the event word's match may hold its proclitics: "للتفجير", "بالهجوم", "والغارة" are definite too)
    definite = norm[ts:ts + 2] == "ال" or before in ("ال", "لل") or _DEFINITE.match(norm, ts) is not None
    anaphoric = definite or prev_word in BACK_WORDS
    # "هذه الغارة" (a determiner), not "ترافق ذلك قصف" (a pronoun subject)
    pointed = prev_word in DEMONSTRATIVES and (norm[ts:ts + 2] == "ال" or outside)
    # "الانفجار وقع عند مدخل الحي": the definite noun as the subject of a verb telling how it happened
    after = norm[m.trigger.end if subject is None else subject.end:][:24].split()[:2]
    retold = definite and after[:1] != [] and after[0] in RETOLD
    # "الهجوم الذي استهدف معسكر الحامدية": told again in a relative clause, at a place the event was told at
    relative = definite and len(after) == 2 and after[0] in RELATIVE and after[1] in RETOLD and m.own_place
    # "وقال الرئيس في بيان عن التفجير": a stance or a word said about the event names it again
    # (or a reaction to it: "احتجاج رسمي على الغارة", "تنديد موسكو بالغارة")
    spoken = definite and (prev_word in ABOUT or prev_word in ("علي", "من") or norm[ts:ts + 1] == "ب") and \
        spoken_of(ctx, m, prev_word in ABOUT)
    if m.claim:
        # a claim of an attack named by an indefinite noun ("مسؤوليته عن تفجير سيارة مفخخة في الكرادة") joins it
        # when it can; else it tells the attack itself
        joined = claim_joins(ctx, groups, m, named_anew=not anaphoric)
        if joined or anaphoric:
            return joined
        # an attack the claim names anew and no account of it told before: the claim tells it, when it anchors it
        from .filters import specific
        m.claim = False
        if not specific(m):
            return True
    if not (anaphoric and (not m.own_place or prev_word in BACK_WORDS or retold or relative or spoken) or pointed):
        return False
    # (a day in a clause of speech or reaction is the day it was said: rule lead_day_bound)
    fits = [g for g in reversed(_open(groups, m)) if _type_fits(ctx, g, m) and (pointed or spoken or dates_ok(g[0], m, back=True))
            and (not relative or retold or prev_word in BACK_WORDS or _told_at(g, m))
            and (g[0].background == m.background or recalled_toll(ctx, g, m))
            and (not m.own_place or pointed or spoken or actors_ok(g, m)) and not toll_conflict(g, m)
            and not other_doer(ctx, g, m) and not (prev_word in BACK_WORDS and dated_apart(ctx, g, m))
            and (g[0].status == "denied") == (m.status == "denied")]
    # "هذه الاشتباكات" points at the fighting told, not at the capture told after it
    sub = m.sub if subject is None else subject.value.sub_event_type  # (the subject told again is the event's kind)
    back = next((g for g in fits if (pointed or retold) and g[0].sub == sub), fits[0] if fits else None)
    if back is not None:
        if subject is not None and subject.value.sub_event_type != m.sub and m.sub not in TERRITORY_SUBS:
            # (rule retold_subject: the clause tells the subject's event again; its stronger word, a means, is a
            # detail of it; ground taken as what the event brought about stays news)
            m.aside = True
        back.append(m)
        if ctx.trace is not None:
            ctx.trace.note_mention(m, "refers_back", f"«{m.trigger.phrase}» joins «{back[0].clause.text[:60]}»")
        return True
    if not pointed and any_attack(ctx, groups, m):
        return True
    if not pointed and definite and m.event_type in VIOLENT and _relative_doer(ctx, m) and any(
            other_doer(ctx, g, m) for g in _open(groups, m)):
        owed.append(m)  # (rule other_doer_other_attack: the doer's attack told after it)
        return True
    if pointed:
        pending.append(m)
        return True
    return False


def _relative_doer(ctx, m: Mention) -> bool:
    """The clause names the event's doer in a relative clause right after the event word: "الهجوم الذي نفذته الفصائل"."""
    if m.actor1 is None or m.actor1[0] in (UNKNOWN_DOER, "Civilians") or not m.actor1[1]:
        return False
    if ctx.nt.norm[m.trigger.end:m.trigger.end + 12].split()[:1] not in ([w] for w in RELATIVE):
        return False
    at = ctx.nt.orig(m.trigger.end) - m.clause.start
    return m.actor1[1] in m.clause.text[at:at + 50]


def _doer_fits(ctx, g: list[Mention], m: Mention) -> bool:
    """One of the group's doers is the mention's, an ally, or a party of the kind the mention names vaguely
    ("الفصائل": any faction not of a government)."""
    mine = m.actor1[0]
    return any(x.actor1 and (ctx.lex.allied(mine, x.actor1[0]) or (
        mine in ("Opposition factions", "Unidentified armed group") and x.actor1[0] not in ctx.lex.government_side))
        for x in g)


@rule("other_doer_other_attack")
def other_doer(ctx, g: list[Mention], m: Mention) -> bool:
    """A definite event noun whose clause names its doer in a relative clause ("الهجوم الذي نفذته الفصائل على مواقع
    الجيش") refers back to an event of that doer, not to the last one told: "شنت الطائرات الحربية غارات على البلدة
    ... وقال المرصد إن التصعيد بدأ مع الهجوم الذي نفذته الفصائل على مواقع الجيش" is the factions' attack, not the
    air strike; with none told before, it is that doer's attack told after it ("وكان جيش العزة شن هجمات ... أسفرت
    عن السيطرة على القرية"), else an event of its own. (A doer unknown, allied, or named vaguely, "الفصائل" for a
    faction, is no other doer.)"""
    if not _relative_doer(ctx, m):
        return False
    if not any(x.actor1 and x.actor1[0] not in (UNKNOWN_DOER, "Civilians") for x in g) or _doer_fits(ctx, g, m):
        return False
    note(ctx, "other_doer_other_attack", f"«{m.actor1[1]}» not «{g[0].actor1[1] if g[0].actor1 else ''}»")
    return True


@rule("article_outside_match", reads="role_words.tsv demonstrative, back")
def article_outside(ctx, ts: int) -> bool:
    """The event word's match leaves its article out ("هذا ال|تقدم", "بعد ال|معارك"): the article is no word of its
    own, the word before it is the one that points ("هذا", "هذه") or refers back ("بعد"): "سيطرت الفصائل على
    البلدة ... هذا التقدم الميداني للفصائل يرى فيه القيادي أهمية كبرى" tells the capture again."""
    norm = ctx.nt.norm
    return norm[max(0, ts - 2):ts] in ("ال", "لل") and norm[max(0, ts - 3):ts - 2] in ("", " ")


@rule("retold_subject", reads="role_words.tsv retold")
def retold_subject(ctx, m: Mention):
    """A definite event noun of the clause's type before its event word, told as the subject of a verb of how it
    happened ("سلسلة التفجيرات أسفرت عن", "الهجوم وقع"), is the event the clause tells again, though a stronger
    word named after it is chosen (the means, "نجمت عن سيارات مفخخة"): "انفجرت سيارتان مفخختان في سوق المدينة ...
    وأشارت المصادر إلى أن الانفجارين أسفرا عن ..., وأن الانفجارات نجمت عن عبوات ناسفة" refers back. Its match,
    or None."""
    norm = ctx.nt.norm
    definite = lambda at: _DEFINITE.match(norm, at) is not None or norm[max(0, at - 2):at] in ("ال", "لل")
    if definite(m.trigger.start):
        return None
    for t in ctx.within(ctx.triggers, ctx.n(m.clause.start), m.trigger.start):
        if t.value.event_type != m.event_type or not definite(t.start):
            continue
        nxt = norm[t.end:t.end + 24].split()[:1]
        if nxt and nxt[0] in RETOLD:
            note(ctx, "retold_subject", f"«{ctx.said(t.start, t.end)} {nxt[0]}»")
            return t
    return None


ABOUT = frozenset({"عن", "بشان", "حول"})  # what a word of speech is about


@rule("spoken_of_refers_back", reads="role_words.tsv speech, statement, reaction")
def spoken_of(ctx, m: Mention, about: bool = True) -> bool:
    """A definite event noun after "عن" (or "على", "من", "بشأن", "حول", a glued ب) in a clause that opens with a
    word of speech, of a stance or of a reaction is the event spoken of, told before ("وأبدت موسكو قلقها من الغارة
    الإسرائيلية"): "انفجرت عبوة ناسفة في سوق البلدة ... وقال المحافظ في تصريح عن الانفجار إن
    الأهالي الأبرياء هم الضحايا" joins the bombing though the clause names places of its own. (A verb of
    announcing takes "عن" for news of its own, "أعلنت الفصائل عن السيطرة على التلة": not one of these.)"""
    words = ctx.nt.norm[ctx.n(m.clause.start):m.trigger.start].replace("،", " ").replace(",", " ").split()
    if not about:  # after "على", "من" or a glued ب, only a word of stance or reaction a few words before
        words = [w for w in words[-8:] if w.removeprefix("و") in STATEMENT or w.removeprefix("و").removeprefix("ب") in REACTION]
    said = [w for w in words if (w.removeprefix("و") in SPEECH or w.removeprefix("و") in STATEMENT
                                 or w.removeprefix("و").removeprefix("ب") in REACTION)
            and w.removeprefix("و") not in _ANNOUNCE]
    if not said:
        return False
    note(ctx, "spoken_of_refers_back", f"«{said[0]}» … «{m.trigger.phrase}»")
    return True


def _attack_word(ctx, m: Mention) -> bool:
    """The event word is an attack that names no kind of violence ("الهجوم", "بالهجمات")."""
    w = (ctx.nt.norm[m.trigger.start:m.trigger.end].split() or [""])[0]
    w = re.sub(r"^(?:[وف]?(?:[بلك]?ال|لل)|[وف]?[بلك]?)", "", w)
    return w.startswith(ANY_ATTACK)


@rule("attack_refers_back", reads="role_words.tsv any_attack")
def any_attack(ctx, groups: list[list[Mention]], m: Mention) -> bool:
    """A definite attack that names no kind of violence, no doer, place or day of its own refers back to the last
    violent event told, a bombing or a strike as well, when none of its own kind was told: "انفجرت سيارة مفخخة
    قرب تجمع للنازحين ... وبين القتلى 12 طفلا من ضحايا الهجوم الذي استهدف التجمع" (an aside there)."""
    own_day = m.date is not None and bool(m.date.text) and m.date.text in m.clause.text
    if m.event_type != "Battles" or m.own_place or m.actor1 is not None or own_day or not _attack_word(ctx, m):
        return False
    back = next((g for g in reversed(_open(groups, m)) if g[0].event_type in VIOLENT and g[0].background == m.background
                 and dates_ok(g[0], m)
                 and not toll_conflict(g, m) and (g[0].status == "denied") == (m.status == "denied")), None)
    if back is None:
        return False
    m.aside = back[0].event_type != m.event_type
    back.append(m)
    if ctx.trace is not None:
        ctx.trace.note_mention(m, "attack_refers_back", f"«{m.trigger.phrase}» joins «{back[0].clause.text[:60]}»")
    return True


@rule("pluperfect_refers_back")
def recalled_toll(ctx, g: list[Mention], m: Mention) -> bool:
    """A definite noun told in the pluperfect with no day of its own ("وكانت الاشتباكات أسفرت عن مقتل 3
    أشخاص", "وكانت حصيلة أولية للتفجير أفادت بمقتل 17") recalls the event just told, not an older one: it joins
    that event though the event is today's news; so does one whose day is that event's ("وكانت حصيلة غير نهائية
    للتفجير أفادت مساء الثلاثاء بمقتل 17", of a bombing on Tuesday). (With another day of its own, "وكان التفجير الذي
    وقع في آذار", it is history.)"""
    if not m.background or g[0].background or (m.date is not None and not _news_day(ctx, g[0], m)
                                                and not _undated_news(ctx, g, m)):
        return False
    note(ctx, "pluperfect_refers_back", "")
    return True


@rule("undated_news_recalled")
def _undated_news(ctx, g: list[Mention], m: Mention) -> bool:
    """An event told with no day of its own is today's news only by default (rule day_before_publication): a definite
    noun recalling it in the pluperfect at its place, with a day within the week before publication ("وكان الوزير ندد
    أمس بالهجوم الذي أوقع 20 قتيلا الاثنين في بلدة كفرنبل", after "تبنى التنظيم الهجوم الانتحاري في بلدة كفرنبل"),
    is that event, and gives it its day (a day further back is another, older event)."""
    from .same import LEAD_DAYS
    if any(x.date is not None for x in g) or not (ctx.pub and m.date.start_date and _told_at(g, m)):
        return False
    if not 0 <= (ctx.pub - dt.date.fromisoformat(m.date.start_date)).days <= LEAD_DAYS:
        return False
    note(ctx, "undated_news_recalled", f"«{m.date.text}»")
    return True


def _news_day(ctx, g0: Mention, m: Mention) -> bool:
    """The day ``m`` tells is the day of ``g0``; or, ``g0`` undated (today's news) and ``m`` a stage of its toll
    ("حصيلة غير نهائية ... أفادت مساء الثلاثاء"), within two days of publication (a pluperfect with a day of its own
    otherwise recalls another event: "وكانت الفصائل سيطرت أمس على المطار")."""
    if g0.date is not None:
        return dates_ok(g0, m)
    if not (m.toll_stage and ctx.pub and m.date.start_date):
        return False
    return 0 <= (ctx.pub - dt.date.fromisoformat(m.date.start_date)).days <= 2


@rule("attack_noun_any_kind", reads="role_words.tsv generic_attack")
def _type_fits(ctx, g: list[Mention], m: Mention) -> bool:
    """A definite noun of attack in general ("الهجوم", "الهجمات") refers back to the last violent event told,
    whatever its kind: "قتل 30 شخصا في تفجير انتحاري استهدف تجمعا في المدينة ... وندد الكاتب بالهجوم الذي أوقع 30
    قتيلا" joins the bombing; not an indefinite "هجوم" ("إثر هجوم نفذه مقاتلون"), nor one with a place or a target of its
    own ("الهجوم على فندق في كابل"): those tell an attack of their own. Other words join an event of their type."""
    if g[0].event_type == m.event_type:
        return True
    norm, ts = ctx.nt.norm, m.trigger.start
    word = norm[ts:m.trigger.end]
    definite = word.startswith("ال") or norm[max(0, ts - 2):ts] in ("ال", "لل")
    target = norm[m.trigger.end:m.trigger.end + 5].split()[:1] == ["علي"]  # "الهجوم على فندق ...": its own target
    return definite and (not m.own_place or _told_at(g, m)) and not target and g[0].event_type in VIOLENT and m.event_type in VIOLENT and any(
        word.removeprefix("ال").startswith(w) for w in GENERIC_ATTACK)


@rule("retold_at_its_place")
def _told_at(g: list[Mention], m: Mention) -> bool:
    """A definite event noun told again in a relative clause at a place where the event was told ("قتل ثلاثة
    جنود بقذائف هاون على معسكر الحامدية ... بعد الهجوم الذي استهدف معسكر الحامدية") refers back to that event,
    an attack in general to a violent event of any kind; at a place of its own it is another event."""
    mine = _names(m)
    return bool(mine) and any(_names(x) & mine for x in g)


def _names(m: Mention) -> set[str]:
    """The mention's place keys, and its places' names as keys (one place resolved in one clause only)."""
    return loc_keys(m) | {place_key({"name_ar": loc.get("name_ar") or loc.get("text") or ""}) for loc in m.locations
                          if not (loc.get("lat") is None and (loc.get("geo_precision") or 1) >= 3)} - {""}


@rule("retold_at_its_towns")
def _told_there(g: list[Mention], m: Mention) -> bool:
    """A clause at towns or quarters the event's clauses already named, all of them, tells that event again, though
    one of its clauses named only another of its towns: "سيطرت الفصائل على بلدتي مورك وصوران ... وقال قيادي إن
    الفصائل سيطرت على مورك ... وأضاف أن الفصائل تمكنت من السيطرة على صوران" is one capture. A governorate or region
    shared ("في حلب", "بريف إدلب") is no such sign: "المعارك في دمشق وحلب" does not hold a clash in a quarter of
    Aleppo told later."""
    mine = specific_keys(m)
    return bool(mine) and mine <= set().union(*(specific_keys(x) for x in g))


def _elsewhere(g: list[Mention], m: Mention) -> bool:
    """The mention names places none of the group's are, nor a region holding them."""
    return bool(loc_keys(m)) and any(loc_keys(x) for x in g) and not any(
        loc_keys(x) & loc_keys(m) or within_region(x, m) or within_region(m, x) for x in g if loc_keys(x))


def _own_day(ctx, g: list[Mention], m: Mention) -> bool:
    """The mention's clause writes a full date that none of the group's mentions has (a digest's next item); not
    the day a source spoke: "وذكرت القناة صباح السبت 2 فبراير أن أي جهة لم تعلن مسؤوليتها عن الانفجار" is the
    explosion told before (rule said_day_not_the_events)."""
    d = m.date
    from .when import said_day
    return d is not None and d.kind.startswith("abs") and d.precision == 1 and not any(
        x.date is not None and x.date.start_date == d.start_date for x in g) and not said_day(ctx, d)


def claim_joins(ctx, groups: list[list[Mention]], m: Mention, named_anew: bool = False) -> bool:
    """A claimed attack (rule claim_of_responsibility) is the last attack told whose doer is unknown or the
    claimant (of the last two, the one of its type if one is) ("انفجرت سيارة مفخخة ... وتبنى التنظيم الهجوم"),
    on no other day and at no other place; with none, the claim tells an event of its own. An attack the claim
    names anew ("مسؤوليته عن تفجير سيارة مفخخة في الكرادة") is one told at the same place, of the same kind."""
    fits = [g for g in reversed(_open(groups, m)) if g[0].event_type in VIOLENT and g[0].status != "denied"
            and not day_conflict(g, m) and (m.actor1 is None or all(
                x.actor1 is None or x.actor1[0] in (m.actor1[0], UNKNOWN_DOER) for x in g))
            and not (m.own_place and _elsewhere(g, m)) and not _own_day(ctx, g, m)
            and not (named_anew and not (g[0].sub == m.sub and m.own_place and any(loc_keys(x) & loc_keys(m) for x in g)))]
    back = next((g for g in fits[:2] if g[0].event_type == m.event_type), fits[0] if fits else None)
    if back is None:
        return False
    back.append(m)
    if ctx.trace is not None:
        ctx.trace.note_mention(m, "claim_of_responsibility", f"joins «{back[0].clause.text[:60]}»")
    return True


@rule("another_of_its_kind", reads="role_words.tsv another, new_item")
def _another(ctx, m: Mention) -> bool:
    """An event word told as another of its kind ("وخلال ساعات من التفجير الأول، استهدف تفجير آخر محيط الكنيسة",
    "فيما استهدفت غارة ثالثة دبابة", "اندلعت اشتباكات مماثلة في المكلا"), or the first of a sentence that opens
    another story ("على صعيد آخر، قصفت قوات النظام ..."), is an event of its own: it joins no event of its kind
    told before for sharing its place, day or parties."""
    words = ctx.nt.norm[m.trigger.end:m.trigger.end + 16].split()[:1]
    if words and words[0] in ANOTHER:
        if ctx.trace is not None:
            ctx.trace.note_mention(m, "another_of_its_kind", f"«{words[0]}»")
        return True
    # "على صعيد آخر، قصفت الطائرات ...": the first event of a sentence that opens another story
    opening = ctx.nt.norm[ctx.n(m.sentence):m.trigger.start].lstrip("و ")
    if m.clause.start == m.sentence and opening.startswith(NEW_ITEM):
        if ctx.trace is not None:
            ctx.trace.note_mention(m, "another_of_its_kind", "a sentence opening another story")
        return True
    return False


@rule("toll_joins_fighting")
def like(ctx, groups: list[list[Mention]], m: Mention) -> None:
    """A mention joins a group it is like (same event, no toll or day conflict, named at none of the group's
    places but its own: a placeless clause must not chain a battle in one village to one in the next); a
    placeless toll told after fighting is that fighting's toll, whoever died: "... إلى أن عنصرا قتل من وحدات
    شنكال"; else it starts an event of its own."""
    groups_open = _open(groups, m)
    if _another(ctx, m):
        groups.append([m])
        return
    mk = loc_keys(m)
    for g in groups_open:
        if any(same_event(x, m, ctx.lex.allied) for x in g) and not ((clash := toll_conflict(g, m)) and not recount(g, m)) \
                and not day_conflict(g, m) and not (
                mk and not _told_there(g, m) and any((xk := loc_keys(x)) and not (xk & mk) and not
                           (within_region(x, m) or within_region(m, x) or one_name(x, m)) for x in g)):
            g.append(m)
            if clash:
                _recounted(ctx, g)
            return
    generic = next((g for g in reversed(groups_open) if _kind_told_later(ctx, g, m)), None)
    if generic is not None:
        generic.append(m)
        if ctx.trace is not None:
            ctx.trace.note_mention(m, "kind_told_later", f"joins «{generic[0].clause.text[:60]}»")
        return
    fight = next((g for g in reversed(groups_open) if g[0].event_type == "Battles" and not day_conflict(g, m)
                  and (g[0].status == "denied") == (m.status == "denied")), None) \
        if m.trigger.phrase == TOLL_OF_FIGHTING else None
    if fight is not None:
        fight.append(m)
        if ctx.trace is not None:
            ctx.trace.note_mention(m, "toll_joins_fighting", "")
    else:
        groups.append([m])


_VAGUE = frozenset({"Civilians", UNKNOWN_DOER})


@rule("recount_at_one_town")
def recount(g: list[Mention], m: Mention) -> bool:
    """Two exact counts of a force's dead (combatants) in one kind of event at the same town, with the same named party,
    on no two days, are one event counted twice (a first count and a later one, or two sources'), not two events (rule
    toll_told_in_stages keeps tolls apart elsewhere); the larger count is the event's: "قتل جنديان من قوات النظام في
    هجوم لمسلحين على حاجز في بلدة كفرنبل ... وأفاد ناشطون بمقتل ثلاثة من عناصر قوات النظام في الهجوم على الحاجز" is one
    attack, three dead. (At two towns, with other parties, or civilians counted, as a digest's counts by place are,
    they stay two events.)"""
    mk = specific_keys(m)
    if not mk or m.fatalities is None or m.fatalities.get("qualifier") != "exact":
        return False
    named = lambda x: {y[0] for y in (x.actor1, x.actor2) if y} - _VAGUE
    for x in g:
        f = x.fatalities or {}
        if f.get("qualifier") != "exact" or f.get("value") == m.fatalities.get("value"):
            continue
        if not (x.sub == m.sub and specific_keys(x) & mk and named(x) & named(m)
                and f.get("group") == m.fatalities.get("group") == "combatants"):
            return False
    return True


def _recounted(ctx, g: list[Mention]) -> None:
    """The larger of an event's exact counts at one town is its toll (rule recount_at_one_town)."""
    big = max((x for x in g if (x.fatalities or {}).get("qualifier") == "exact"), key=lambda x: x.fatalities["value"])
    big.fatalities = dict(big.fatalities, total=True)
    note(ctx, "recount_at_one_town", f"{big.fatalities['value']}")


@rule("kind_told_later", reads="role_words.tsv any_attack")
def _kind_told_later(ctx, g: list[Mention], m: Mention) -> bool:
    """An attack told first by a word of attack in general ("استنكرت الحكومة اليوم الهجوم الذي استهدف بلدة كفرنبل
    أمس") and then with its kind at the same town ("وكان خمسة مدنيين قد قتلوا في قصف بقذائف الهاون استهدف بلدة
    كفرنبل") is one event, of that kind: the general word named no kind and no doer of its own. (A governorate or
    region shared is no sign: "الهجوم على جامعة حلب" is not the shelling told across Aleppo and Damascus.)"""
    mk = specific_keys(m)
    if m.event_type not in VIOLENT or m.event_type == "Battles" or not mk or day_conflict(g, m) or toll_conflict(g, m):
        return False
    return all(x.event_type == "Battles" and _attack_word(ctx, x) and x.actor1 is None for x in g) and any(
        specific_keys(x) & mk for x in g) and (g[0].status == "denied") == (m.status == "denied")
