"""Roles: actor 1, actor 2 and their associates, from where the parties stand around the event word.

A verb's subject follows it (VSO), a definite verbal noun's doer was named before it; role words mark an
agent ("على يد", `agent`), a target ("على", "ضد", `target`), an associate ("بدعم من", "التابعة ل",
`assoc`), a gainer ("لصالح"); a party joined to another by "و" shares its role; "تعرضت X لـ" makes X the
target. Every word class is a kind of data/role_words.tsv. With a trace, the rule that placed each
party is recorded with its words.
"""
from __future__ import annotations

import re

from ..arabic import is_word_char
from ..lexicon import Match
from .mention import Mention
from .nationality import country_launched, nationality_after, nationality_before, target_nationality
from .rules import describe, note, rule
from .triggers import forced_at
from .words import ORDER_DEEDS, ORDER_VERBS, ORDER_WORDS, REFUGE, HELD_AREA, TOWARD, any_in, lose_verb_before, SIEGE, DEED_NOUNS, GUNFIRE, ORIGIN, ORIGIN_SITES, CONTROL, MEMBERS, FIND_VERBS, EXPEL, MASDAR_OPENERS, EVENT_SITES, UNKNOWN_SOURCE, ASSAULT, REPEL, AGENT_WORDS, ATTRIBUTED, DEED_VERBS, HANDOVER, FELL_TO, ASSOC_WORDS, BELONGING, OWN_UNITS, OWNED, PASSIVE, PURPOSE, MISSION, SPEAKER_PRONOUN, SPEECH, OWN_SITES, \
    SUCCESS, TARGET_WORDS, CHECKPOINT, AIMED, \
    UNIT_WORDS, VIOLENT, RELATIVE, STRIKE_VERBS


def pair(ctx, a: Match | None) -> tuple[str, str] | None:
    """A party as (id, the words that name it)."""
    if a is None:
        return None
    s, e = ctx.nt.span(a.start, a.end)
    return (a.value, ctx.nt.text[s:e])


describe(__name__, "speaker_own_forces", """A strike by "our" planes or forces with nobody named: the speaker acts,
"قالت وزارة الدفاع الروسية إن طائراتها قصفت مواقع التنظيم".""", reads="role_words.tsv own_unit")


def assign_actors(ctx, m: Mention, lo: int, hi: int, slo: int | None = None, shi: int | None = None) -> None:
    """Set the mention's actors and associates from the clause [lo, hi) of the sentence [slo, shi)."""
    if at_event_site(ctx, m, lo):
        return
    _assign(ctx, m, lo, hi, slo)
    both_sides(ctx, m, lo, hi)
    striker_named_by_the_strike(ctx, m, lo, hi)
    finder_not_party(ctx, m, lo)
    if m.actor1 is not None and source_unknown(ctx, m, hi):
        m.actor1, m.assoc1 = None, []
    if m.actor1 is None and m.event_type in VIOLENT:
        norm, t = ctx.nt.norm, m.trigger
        near = norm[max(lo, t.start - 60):min(hi, t.end + 25)].split()
        if any(w.lstrip("و") in OWN_UNITS for w in near):
            speakers = [a for a in ctx.within(ctx.actors, slo if slo is not None else lo, t.start) if ctx.is_source(a)]
            if speakers and (m.actor2 is None or speakers[-1].value != m.actor2[0]):
                m.actor1 = pair(ctx, speakers[-1])
                note(ctx, "speaker_own_forces", f"«{m.actor1[1]}»")


_BOTH_SIDES = re.compile(r"(?<!\S)(?:بين|صفوف|من) (?:الطرفين|الجانبين|الفريقين)(?!\S)")
BOTH_SIDES_REACH = 400  # characters back to the parties "الطرفين" stands for
_SENTENCE_END = re.compile(r"[.؟!](?=\s)")


@rule("both_sides_told_before")
def both_sides(ctx, m: Mention, lo: int, hi: int) -> None:
    """A fight whose clause names nobody but "الطرفين" / "الجانبين" ("اندلعت اشتباكات بين الطرفين") is fought by the
    two sides of the last sentence before it that names two (up to 400 characters back, the clauses of its own
    sentence first): its first party and the first one after it that is not its ally, in the order told: "هاجمت
    قوات النظام مواقع الفصائل في البلدة. واندلعت اشتباكات عنيفة بين الطرفين" (the article's most frequent parties
    are no antecedent)."""
    if m.event_type != "Battles" or m.actor1 is not None or m.actor2 is not None:
        return
    norm = ctx.nt.norm
    if "الطرفين" not in norm[lo:hi] and "الجانبين" not in norm[lo:hi] and "الفريقين" not in norm[lo:hi]:
        return
    if _BOTH_SIDES.search(norm, lo, hi) is None:
        return
    start = max(0, lo - BOTH_SIDES_REACH)
    # (not a gloss in brackets: "مقاتلي جبهة النصرة (ذراع تنظيم القاعدة في سوريا)")
    before = [a for a in ctx.within(ctx.actors, start, lo) if a.value != "Civilians" and not ctx.is_source(a)
              and norm.rfind("(", max(0, a.start - 30), a.start) <= norm.rfind(")", max(0, a.start - 30), a.start)]
    if len(before) < 2:
        return
    # sentence by sentence back from the clause: the first that names two sides, its first party and the first one
    # after that is not its ally
    ends = [start] + [x.end() for x in _SENTENCE_END.finditer(norm, start, lo)] + [lo]
    sides = None
    for a_lo, a_hi in reversed(list(zip(ends, ends[1:]))):
        told = [a for a in before if a_lo <= a.start < a_hi]
        for k, first in enumerate(told):
            other = next((a for a in told[k + 1:] if a.value != first.value and
                          not ctx.lex.allied(first.value, a.value)), None)
            if other is not None:
                sides = (first, other)
                break
        if sides:
            break
    if sides is None:
        return
    other, near = sides
    m.actor1, m.actor2 = pair(ctx, other), pair(ctx, near)
    note(ctx, "both_sides_told_before", f"«{m.actor1[1]}» and «{m.actor2[1]}»")


@rule("striker_named_by_the_strike", reads="actors.tsv")
def striker_named_by_the_strike(ctx, m: Mention, lo: int, hi: int) -> None:
    """A party whose name the event word opens ("غارة إسرائيلية", "غارات روسية") struck: it is actor 1, never the
    side hit, whatever the word order says: "قتل 3 في غارة إسرائيلية على بلدة" (rule strike_named_by_its_striker)."""
    t = m.trigger
    if t.value.event_type != "Explosions/Remote violence":
        return
    own = next((a for a in ctx.within(ctx.actors, lo, hi) if a.start == t.start and a.value != "Civilians"), None)
    if own is None:
        return
    p = pair(ctx, own)
    if m.actor1 == p:
        return
    if m.actor2 == p:
        m.actor2 = None
    m.assoc1 = [x for x in m.assoc1 if x != p]
    m.assoc2 = [x for x in m.assoc2 if x != p]
    if m.actor1 is not None and m.actor2 is None:
        m.actor2 = m.actor1  # "قتل مسلحون من التنظيم في غارة روسية": the subject was hit
    m.actor1 = p
    note(ctx, "striker_named_by_the_strike", f"«{p[1]}»")


@rule("event_site", reads="role_words.tsv event_site")
def at_event_site(ctx, m: Mention, lo: int) -> bool:
    """The site of an event named by its word ("مكان الانفجار", "موقع الهجوم", role_words.tsv ``event_site``)
    tells what was done there afterwards: whoever the clause names responded, neither struck nor was hit:
    "وطوقت قوات من الشرطة مكان الانفجار ونقلت المصابين إلى المستشفى"."""
    pre = ctx.nt.norm[max(lo, m.trigger.start - 30):m.trigger.start]
    if not pre.endswith("ال") or m.event_type not in VIOLENT or m.sub == "TERRITORY":
        return False  # a definite word tells an event already told ("مسرح تفجير سيارة التنظيم" tells it anew)
    words = pre[:-2].split()  # the word's article is not in its match
    if words and words[-1].lstrip("و") in EVENT_SITES and not (len(words) > 1 and words[-2] in ("في", "فى")):
        # (not where something else happened: "قتل في مكان الاشتباكات")
        note(ctx, "event_site", f"«{ctx.said(m.trigger.start, m.trigger.end)}» after «{words[-1]}»")
        return True
    return False


def _finding(m: Mention) -> bool:
    """The event word is a verb of finding ("عثرت الشرطة على جثث"): bodies found."""
    return m.event_type in VIOLENT and bool(m.trigger.phrase) and m.trigger.phrase.split()[0].lstrip("وف") in FIND_VERBS


@rule("finder_not_party", reads="role_words.tsv find_verb")
def finder_not_party(ctx, m: Mention, lo: int) -> None:
    """Who found the bodies neither killed nor died: the subject of a verb of finding, told between the verb and
    "على" (rule found_with_subject) or right before the verb, is no party of the killing: "عثرت قوات الأمن أمس على
    جثتي شرطيين", "وكانت الشرطة عثرت على جثث ثلاثة أشخاص". The subject of a verb of killing before them in the clause
    killed them: "قتل الجيش مواطنا ... وعثرت قوات الأمن على جثته" has the army as actor 1."""
    t = m.trigger
    if not _finding(m):
        return
    finders = {pair(ctx, a) for a in ctx.within(ctx.actors, lo, t.end) if a.start >= t.start or a.end >= t.start - 2}
    if not finders:
        return
    for side in ("actor1", "actor2"):
        if getattr(m, side) in finders:
            note(ctx, "finder_not_party", f"«{getattr(m, side)[1]}» found it")
            setattr(m, side, None)
    m.assoc1 = [p for p in m.assoc1 if p not in finders]
    m.assoc2 = [p for p in m.assoc2 if p not in finders]
    if m.actor1 is None:  # the subject of a verb of killing told before in the clause killed them
        kills = [c.end for c in ctx.within(ctx.cues, lo, t.start) if c.value == "kill"]
        killers = [a for a in ctx.within(ctx.actors, lo, t.start) if kills and kills[0] <= a.start and
                   a.value != "Civilians" and not ctx.is_source(a) and pair(ctx, a) not in finders]
        if killers and (m.actor2 is None or killers[0].value != m.actor2[0]):
            m.actor1 = pair(ctx, killers[0])
            note(ctx, "finder_not_party", f"«{m.actor1[1]}» killed")


@rule("source_unknown", reads="role_words.tsv unknown_source")
def source_unknown(ctx, m: Mention, hi: int) -> bool:
    """A weapon said to be of unknown source right after the event word has no known doer, whoever the sentence
    named before: "قصفت قوات النظام البلدة، وسقطت قذيفة هاون مجهولة المصدر على حي المزة" (role_words.tsv
    ``unknown_source``, within four words after the event word)."""
    after = " ".join(ctx.nt.norm[m.trigger.end:min(hi, m.trigger.end + 60)].replace("،", " ").replace(",", " ").split()[:6])
    got = next((w for w in UNKNOWN_SOURCE if w in after and len(after[:after.find(w)].split()) <= 4), None)
    if got:
        note(ctx, "source_unknown", f"«{got}»: {m.actor1[0]} is not the doer")
    return got is not None


def speaker_deed(ctx, m: Mention, lo: int, hi: int, slo: int) -> None:
    """Rule speaker_says_it_did, once the victims are read (their party is not the doer)."""
    if m.actor1 is not None or m.event_type not in VIOLENT or _finding(m):
        return
    said = _speaker_did_it(ctx, lo, hi)
    if said is None:
        return
    speakers = [a for a in ctx.within(ctx.actors, slo, said) if ctx.is_source(a)]
    # the speaker, not the body it belongs to: "قالت حركة نور الدين زنكي التابعة لغرفة عمليات فتح حلب إنها قتلت"
    heads = [a for a in speakers if not any(
        b.split()[0] in ctx.nt.norm[max(0, a.start - 40):a.start].split()[-3:] for b in BELONGING)]
    speakers = heads or speakers
    own = speakers[-1].value if speakers else None
    # "إنه قتل" may be the passive ("it is that ... were killed"): only with another party hit
    masculine = not ctx.nt.norm[said:said + 8].split()[0].endswith(("ها", "هم"))
    hit = m.actor2[0] if m.actor2 else (m.fatalities or {}).get("of")
    if own and own != "Civilians" and own != hit and (hit is not None or not masculine):
        m.actor1 = pair(ctx, speakers[-1])
        note(ctx, "speaker_says_it_did", f"«{m.actor1[1]}»")


_OWN_SITE_HINT = any_in(OWN_SITES)


@rule("speaker_hit", reads="role_words.tsv own_site")
def speaker_hit(ctx, m: Mention, lo: int, hi: int, slo: int) -> None:
    """A site or unit with a pronoun of the speaker in the first person after the event word ("مواقعنا", "نقاطنا",
    "قواتنا", role_words.tsv ``own_site``) is the speaker's: with no target read, the speaker named before in the
    sentence is actor 2: "وقالت قيادة الجيش في بيان: شنت طائرات معادية غارة على أحد مواقعنا العسكرية قرب
    الحدود"."""
    if m.actor2 is not None or m.event_type not in VIOLENT:
        return
    t, norm = m.trigger, ctx.nt.norm
    got = _OWN_SITE_HINT.search(norm, t.end, min(hi, t.end + 80))
    if got is None or got.group() not in OWN_SITES:
        return
    speakers = [a for a in ctx.within(ctx.actors, slo, t.start) if ctx.is_source(a) and a.value != "Civilians"]
    if not speakers:
        # "وأضافت أن صواريخ سقطت في أحد مواقعنا": the speaker named in a sentence before
        speakers = [a for a in ctx.within(ctx.actors, max(0, slo - 400), slo) if ctx.is_source(a) and a.value != "Civilians"]
    if not speakers or (m.actor1 is not None and speakers[-1].value == m.actor1[0]):
        return
    m.actor2 = pair(ctx, speakers[-1])
    note(ctx, "speaker_hit", f"«{m.actor2[1]}» by «{got.group()}»")


# a word of the list stands in a clause only where the search finds one (a cheap test before its words are listed)
_SPEAKER_HINT = any_in(SPEAKER_PRONOUN)


def _speaker_did_it(ctx, lo: int, hi: int) -> int | None:
    """Where "إنها قتلت", "أنه قصف", "أنهم استهدفوا" stands in the clause: a pronoun of the speaker right before
    a verb of violence (a trigger or a killing cue) that agrees with it."""
    norm = ctx.nt.norm
    if not _SPEAKER_HINT.search(norm, lo, hi):
        return None  # (no pronoun of the speaker anywhere in the clause: its words are not listed)
    for w in re.finditer(r"\S+", norm[lo:hi]):
        p = w.group().lstrip("و")
        if p not in SPEAKER_PRONOUN:
            continue
        nxt = re.match(r"\s+(\S+)", norm[lo + w.end():hi])
        if nxt is None:
            return None
        at, verb = lo + w.end() + nxt.start(1), nxt.group(1)
        if not (ctx.within(ctx.triggers, at, at + 1) or
                any(c.value in ("kill", "injure") for c in ctx.within(ctx.cues, at, at + 1))):
            continue
        if p.endswith("ها"):
            ok = verb.endswith("ت")
        elif p.endswith("هم"):
            ok = verb.endswith(("وا", "ون"))
        else:
            ok = not verb.endswith(("ت", "وا")) and not verb.startswith(("ال", "م"))
        if ok:
            return lo + w.start()
    return None


describe(__name__, "speaker_says_it_did", """A speaker says it did the deed, with nobody else named as its doer: "قالت
الحركة إنها قتلت عشرين عنصرا لقوات النظام", "أكدت مصادر في المقاومة أنها قتلت 17 من عناصر الميليشيا" (the
verb agrees with the pronoun: not "إنه قتل خمسة مدنيين" said of the speaker's own dead).""", reads="role_words.tsv speaker_pronoun")
describe(__name__, "target_in_the_event_word", """An event word that ends with its target's preposition ("القبض على"),
or an arrest with "على" right after it ("ألقي القبض على"), has the target after it, never the doer: "ألقي القبض على
خمسة عناصر من التنظيم".""")
describe(__name__, "blast_hits_whom_it_names", """A blast names no doer: a party told after "انفجرت" or "انفجار" is what it
hit, not who set it off: "انفجرت سيارة مفخخة أمام مقر قيادة الشرطة" (but "عبوة زرعها التنظيم", and "عبوة قامت عناصر
مسلحة بزرعها": the verbal noun of the deed after "ب" right after the party, role_words.tsv ``deed_noun``).""",
         reads="role_words.tsv deed_verb, deed_noun")
describe(__name__, "subject_before_comma", """A clause that names nobody takes the parties of the sentence before
it (a subject before a comma): "قصفت قوات النظام، وقتلت خمسة مدنيين"; not a new statement ("وقالت إن تفجيرا
..."), nor a bomb, whose maker must be named to be known; the civilians hurt before are that clause's victims, not
this one's: "أدت الغارات إلى مقتل عشر نساء، كما طال القصف الجوي قرية مجاورة"; nor a fight told as another item after
"فيما" ("قصفت طائرات التحالف المعسكر، فيما تدور معارك عنيفة في المنطقة": the strikers are not its sides).""",
         reads="role_words.tsv speech")
describe(__name__, "nationality_agent", """A nationality qualifying a strike, or a country right before it, names who
struck: "قصف جوي روسي", "فرنسا تقصف مواقع التنظيم", "لعدوان إسرائيلي بالصواريخ".""", reads="nationality.tsv")


def _parties(ctx, m: Mention, lo: int, hi: int, slo: int | None) -> tuple[list[Match], int]:
    acts = [a for a in ctx.within(ctx.actors, lo, hi) if not ctx.is_source(a)]
    first = ctx.nt.norm[lo:lo + 12].split()[:1]
    opens_statement = bool(first) and (first[0] in SPEECH or first[0][1:] in SPEECH)
    if first[:1] == ["فيما"] and m.event_type == "Battles":
        opens_statement = True  # "قصفت طائرات التحالف المعسكر، فيما تدور معارك عنيفة في المنطقة": another item's fight
    if not acts and slo is not None and not opens_statement and \
            m.sub not in ("Remote explosive/landmine/IED", "Suicide bomb"):
        acts = [a for a in ctx.within(ctx.actors, slo, lo) if not ctx.is_source(a) and a.value != "Civilians"]
        if acts:
            note(ctx, "subject_before_comma", ", ".join(f"«{ctx.said(a.start, a.end)}»" for a in acts))
        lo = slo
    return acts, lo


_OPENERS = "([{«“\"'‘"


describe(__name__, "owner_of_the_aimed_object", """After an event noun and its verb of aiming ("غارات استهدفت",
role_words.tsv ``aimed``), a party glued to "ل" after the object noun owns what was hit, and is no doer: "قتل عشرة
بغارات استهدفت رتلا عسكريا للتنظيم" (not a party right after the verb, nor one after a word of agency).""",
         reads="role_words.tsv aimed")


class _Around:
    """Where the parties of one clause stand around its event word."""

    def __init__(self, ctx, m: Mention, lo: int):
        self.ctx, self.m, self.lo, self.norm, self.t = ctx, m, lo, ctx.nt.norm, m.trigger

    def word_before(self, a: Match) -> str:
        norm, lo, i = self.norm, self.lo, a.start
        while i > lo and i > a.start - 4 and is_word_char(norm[i - 1]):
            i -= 1  # back over a proclitic glued to the name ("مواقع لتنظيم الدولة")
        # an opening bracket or quote around the name is no word: "قصف مواقع (جبهة النصرة)" has "مواقع" before it
        w = [x for x in (y.rstrip(_OPENERS) for y in norm[max(lo, i - 16):i].split()) if x]
        return w[-1] if w else ""

    def is_target(self, a: Match) -> bool:
        norm, lo, t, m = self.norm, self.lo, self.t, self.m
        if m.role in ("gain", "advance") and 0 <= a.start - t.end <= 3 and not norm[t.end:a.start].strip(" " + _OPENERS):
            return False  # "سيطرة النظام على القرية": the noun's own party is who took it
        wb = self.word_before(a)
        if self.expelled(a, wb):
            return True
        if wb.lstrip("و") in ON_PRONOUN and norm[max(lo, a.start - 30):a.start].split()[-2:-1] and \
                norm[max(lo, a.start - 30):a.start].split()[-2].startswith(LAUNCHED):
            note(self.ctx, "on_pronoun", f"«{self.ctx.said(a.start, a.end)}» after «{wb}»")
            return False  # "هجوم شنه عليه مسلحون": "على" has its object, the party after it is the verb's subject
        if wb == "من" and m.event_type == "Explosions/Remote violence" and (0 <= a.start - t.end <= 25 or any(
                x.value.event_type == "Explosions/Remote violence" and 0 <= a.start - x.end <= 6
                for x in self.ctx.within(self.ctx.triggers, max(lo, a.start - 40), a.start))):
            return False  # "قصف مدفعي من القواعد التركية", "غارة من طائرات حربية": the shells came from there
        if 0 <= a.start - t.end <= 40 and self.fire_from(a):
            note(self.ctx, "fire_from", f"«{self.ctx.said(a.start, a.end)}»")
            return False  # "أصيب عنصران بإطلاق نار من الفصيل": the fire came from it
        if wb == "من":
            w2 = norm[max(lo, a.start - 30):a.start].split()
            if len(w2) >= 2 and w2[-2] in UNIT_WORDS:
                return False  # partitive: "وحدات من الجيش" is the army
        if wb in TARGET_WORDS and wb in UNIT_WORDS:
            # "استهدف عناصر داعش" (a target) vs "ألقى عناصر الجيش الحر القبض على" (the unit acts): the
            # unit word is a target only after a word that marks one or a verb of striking
            i = a.start
            while i > lo and is_word_char(norm[i - 1]):
                i -= 1
            w2 = norm[max(lo, i - 30):i].split()
            prior = w2[-2] if len(w2) >= 2 else ""
            return prior in TARGET_WORDS or prior.startswith(("استهدف", "قصف", "قتل", "اسر", "استهداف"))
        if (wb.lstrip("و") in MEMBERS or wb.lstrip("و") == "قاده") and wb not in UNIT_WORDS and self.struck_member(a):
            note(self.ctx, "struck_members", f"«{self.ctx.said(a.start, a.end)}» after «{wb}»")
            return True
        if wb in CHECKPOINT:
            # rule checkpoint_of: "هجوم على كمين شرطة", "استهدف انتحاري كمين الجيش": the party in construct after
            # "كمين" (in Egyptian usage a standing checkpoint) owns it and is hit; not one glued to ل, who lay in
            # wait: "وقعت دورية في كمين للمسلحين"
            i = a.start
            while i > lo and i > a.start - 4 and is_word_char(norm[i - 1]):
                i -= 1
            if "ل" not in norm[i:a.start] and norm[a.start:a.start + 1] != "ل":
                note(self.ctx, "checkpoint_of", f"«{self.ctx.said(a.start, a.end)}» after «{wb}»")
                return True
        if self.aimed_object(a):
            note(self.ctx, "owner_of_the_aimed_object", f"«{self.ctx.said(a.start, a.end)}»")
            return True
        if wb in OWNED:
            # "غارات على مواقع تابعة لتنظيم داعش": what belongs to a party after a target word is hit
            i = a.start
            while i > lo and i > a.start - 4 and is_word_char(norm[i - 1]):
                i -= 1  # back over "ل" glued to the name: "مواقع تابعة لتنظيم داعش"
            w2 = norm[max(lo, i - 40):i].split()
            return len(w2) >= 2 and (w2[-2] in TARGET_WORDS or w2[-2].startswith(("لمواقع", "بمواقع")))
        return wb in TARGET_WORDS or wb.startswith(("لمواقع", "بمواقع", "علي"))

    def aimed_object(self, a: Match) -> bool:
        """Rule owner_of_the_aimed_object (described above)."""
        norm, t = self.norm, self.t
        if a.start <= t.end or a.start - t.end > 60 or norm[a.start - 1:a.start] != "ل":
            return False
        between = norm[t.end:a.start - 1].split()
        return len(between) >= 2 and between[0] in AIMED and between[0] != "علي" and not any(
            x.lstrip("و") in AGENT_WORDS for x in between)

    def struck_member(self, a: Match) -> bool:
        """Rule struck_members: a verb of striking or killing right before the member word."""
        norm, lo, i = self.norm, self.lo, a.start
        while i > lo and is_word_char(norm[i - 1]):
            i -= 1
        w2 = norm[max(lo, i - 30):i].split()
        prior = w2[-2].lstrip("و") if len(w2) >= 2 else ""
        return prior.startswith(STRUCK)

    def fire_from(self, a: Match) -> bool:
        """Rule fire_from: "من" right after a word of gunfire, then the party (unit or site words between)."""
        t = self.t
        if not any(x.lstrip("وب") in GUNFIRE for x in t.phrase.split()[-1:]):
            return False
        i = a.start
        while i > t.end and i > a.start - 4 and is_word_char(self.norm[i - 1]):
            i -= 1  # a proclitic glued to the name ("حاجز لقوات النظام")
        between = self.norm[t.end:i].split()
        return bool(between) and between[0] == "من" and all(
            x in UNIT_WORDS or x in ORIGIN_SITES or x in ("حاجز", "دوريه") for x in between[1:3]) and len(between) <= 3

    def expelled(self, a: Match, wb: str) -> bool:
        """Rule expelled_party."""
        bare = wb[1:] if wb[:1] in ("ل", "ب") and wb[1:] in EXPEL else wb
        if bare not in EXPEL and not (wb[:1] == "و" and wb[1:] in EXPEL):
            return False
        prior = self.norm[max(self.lo, a.start - len(wb) - 40):a.start].split()[:-1]
        prev = prior[-1] if prior else ""
        noun = bare != wb and wb[:1] in ("ل", "ب") or prev.lstrip("و") in MASDAR_OPENERS or (
            wb[:1] == "و" and any(w.lstrip("و") in ("تحرير", "استعادة", "السيطرة") for w in prior[-4:]))
        if noun:
            note(self.ctx, "expelled_party", f"«{self.ctx.said(a.start, a.end)}» after «{wb}»")
        return noun

    def definite(self) -> bool:
        """A verbal noun whose doer was named before it: definite ("تمكنت الهيئة من السيطرة على القرية"), or after
        a verb of success and "من" or "في" ("تمكنت الفصائل من طرد عناصر التنظيم", "نجحت المقاومة في طرد الحوثيين":
        rule success_names_doer)."""
        norm, t = self.norm, self.t
        if "ال" in (norm[t.start:t.start + 2], norm[max(0, t.start - 2):t.start]):
            return True
        before = norm[max(self.lo, t.start - 60):t.start].split()
        if before[-1:] in (["من"], ["في"]) and any(x.lstrip("و") in SUCCESS for x in before[-5:-1]):
            note(self.ctx, "success_names_doer", f"«{self.ctx.said(t.start, t.end)}» after a verb of success")
            return True
        return False


describe(__name__, "expelled_party", """A verbal noun of driving out (role_words.tsv ``expel``), told as a noun (glued to ل
or ب, after a preposition or a word of operation, ``masdar_opener``, or joined by و to "تحرير X"), has whom it
drove out right after it: "معركة تحرير تعز لإخراج الحوثيين منها", "تحرير المدينة ودحر الميليشيات منها" (not the
verb: "طرد الجيش الحر عناصر التنظيم").""", reads="role_words.tsv expel, masdar_opener")
STRUCK = ("استهدف", "استهداف", "قصف", "قتل", "اغتال", "اغتيال", "اسر", "اعتقل", "اعتقال", "خطف", "اختطف", "اختطاف")
describe(__name__, "struck_members", """Leaders or members of a party right after a verb of striking or killing are whom it
hit, never its subject: "نفذ مقاتلو العشائر عمليات استهدفت قادة التنظيم في المدينة", "اغتال مجهولون قياديا في
الفصيل" (a word of role_words.tsv ``member``, or "قادة"; unit words such as "قوات", "عناصر" keep their own reading: "استهدفت
قوات النظام البلدة").""", reads="role_words.tsv member")
ON_PRONOUN = frozenset({"عليه", "عليها", "عليهم", "عليهما", "عليهن"})
LAUNCHED = ("شن", "نفذ")  # "شنه", "شنته", "نفذها": a verb of launching with the attack as its object
describe(__name__, "on_pronoun", """An attack "launched on him by" a party: after "شنه عليه", "نفذته عليهم", "على" with a
pronoun has its object, and the party after it launched the attack, not a target: "قتل شخص في هجوم شنه عليه
مسلحون مجهولون".""")
describe(__name__, "associate", """A party after a word of association is an associate of actor 1, not a side:
"هاجمت قوات النظام بدعم من الميليشيات الإيرانية"; "التابعة لـ" only when a party stands just before it
("المدفعية التابعة لـ قسد" is the party's own).""", reads="role_words.tsv assoc")
describe(__name__, "associate_glued", """A word of association ending in "ل" ("التابعة ل") joined to the party's name
is one too: "سيطر لواء الفرقان التابع للجبهة الإسلامية على التلة" (the front is the brigade's, no side of the
fight).""", reads="role_words.tsv assoc")
describe(__name__, "coordinated", """A party joined to the one before by "و" shares its role: "مقاتلو حوار كلس
والجبهة الشامية" (but "بين X و Y" sets them against each other).""")


_ASSOC_ENDS = tuple(ASSOC_WORDS)
# "مدعومة بضربات جوية من", "مدعومين بقوات من", "مسنودة بغطاء جوي من": backed by a means, one or two words, of the party
_BACKED_BY = re.compile(r"(?:^|\s)(?:مدعوم|مسنود|بدعم|بمسانده|باسناد|بغطاء|بتغطيه)\S*\s+(?:[^\s،,.]+\s+){1,2}من\s*[\"«]?\s*\Z")
describe(__name__, "backed_by_means_from", """A party after "backed by (a means) from" is an associate, no side: "استعادت
القوات مدعومة بضربات جوية من التحالف مواقع كان المتمردون يستخدمونها", "هاجمت الميليشيا مدعومة بعناصر من الحزب
البلدة" (a word of backing, a means in one or two words, "من", then the party).""")


def _associates(ctx, acts: list[Match], lo: int) -> list[Match]:
    norm, assoc = ctx.nt.norm, []
    for a in acts:
        pre = norm[max(lo, a.start - 22):a.start].rstrip(' "')
        glued = False
        if not pre.endswith(_ASSOC_ENDS):
            if _BACKED_BY.search(norm, max(lo, a.start - 45), a.start):
                note(ctx, "backed_by_means_from", f"«{ctx.said(a.start, a.end)}»")
                assoc.append(a)
                continue
            if norm[a.start:a.start + 1] != "ل" or norm[a.start:a.start + 2] == "ال" or a.start == 0 \
                    or norm[a.start - 1] != " " or not (pre := pre + " ل").endswith(_ASSOC_ENDS):
                continue
            glued = True  # "جيش الفتح التابع للمعارضة": "ل" glued to the name (rule associate_glued)
        w = next(w for w in ASSOC_WORDS if pre.endswith(w))
        if w in BELONGING and not any(x.end <= a.start and a.start - x.end <= len(w) + 6 for x in acts if x is not a):
            continue  # "المدفعية التابعة لـ قسد": belonging to no named party, it is the party's own
        if glued:
            note(ctx, "associate_glued", f"«{ctx.said(a.start, a.end)}»")
        assoc.append(a)
    return assoc


def _coordinated(ctx, acts: list[Match], lo: int) -> dict[int, Match]:
    norm, coord = ctx.nt.norm, {}
    for k, (x, y) in enumerate(zip(acts, acts[1:])):
        if x.value != y.value and norm[x.end:y.start].strip(' "\'-') in ("و",) and y.value != "Civilians" \
                and ("بين" not in norm[max(lo, x.start - 15):x.start] or _one_side(norm, y, acts[k + 2:])):
            coord[id(y)] = coord.get(id(x), x)
    return state_leads(ctx, acts, coord)


@rule("state_leads_its_auxiliary", reads="auxiliaries.tsv")
def state_leads(ctx, acts: list[Match], coord: dict[int, Match]) -> dict[int, Match]:
    """Of parties joined by "و" as one side, the state's forces lead the party that fights as their auxiliary
    (auxiliaries.tsv), whichever is named first: "اندلعت اشتباكات بين حزب الله وقوات النظام من جهة، والفصائل من جهة
    أخرى" has the government's forces as actor 1 and Hezbollah as their associate."""
    aux = ctx.lex.auxiliaries
    for head in {id(h): h for h in coord.values()}.values():
        state = aux.get(head.value)
        members = [a for a in acts if coord.get(id(a)) is head]
        lead = next((a for a in members if a.value == state), None)
        if lead is None:
            continue
        del coord[id(lead)]
        for a in [head] + [a for a in members if a is not lead]:
            coord[id(a)] = lead
        note(ctx, "state_leads_its_auxiliary", f"«{ctx.said(lead.start, lead.end)}» before «{ctx.said(head.start, head.end)}»")
    return coord


def _one_side(norm: str, y: Match, rest: list[Match]) -> bool:
    """"بين جبهة النصرة وجبهة أنصار الدين من جهة، وقوات النظام من جهة أخرى": "من جهة" after the second name, before
    any other, closes the first side of the "بين"."""
    end = rest[0].start if rest else y.end + 40
    return bool(re.match(r"[\s\"'»]*(?:\S+\s+){0,8}?من\s+جهه?\b", norm[y.end:end]))


describe(__name__, "agent_marked", """A party after a word that marks the doer is actor 1: "قتل مدنيان على يد قوات
النظام".""", reads="role_words.tsv agent")
describe(__name__, "clash_first_named", """In a clash the first party named is actor 1, the next one actor 2:
"اشتباكات بين قوات النظام وتنظيم الدولة".""")
describe(__name__, "subject_after_verb", """A verb's subject follows it (VSO): "قصفت طائرات حربية روسية بلدة
كفرنبل"; not for a definite verbal noun whose doer was named before it ("تمكنت الهيئة من السيطرة على القرية
وتكبيد قوات النظام خسائر").""")
describe(__name__, "success_names_doer", """A verbal noun after a verb of success and "من" or "في" has its doer before
it, the party after it is its object: "تمكنت الفصائل من طرد عناصر التنظيم من القرية", "نجحت المقاومة في طرد
الحوثيين من الحي".""", reads="role_words.tsv success")
describe(__name__, "doer_before", """With no party after the event word, the one named last before it acts:
"قوات النظام تقصف البلدة"; of a strike, a nationality qualifying it names who struck and the party before is
whom it hit ("قياديا في القاعدة قتل في غارة أميركية").""")
describe(__name__, "undergo", """A verb of undergoing up to five words back, the event word taking ل: who is named
before suffered it, the agent follows if named: "تعرضت مواقع قسد لقصف جوي روسي".""", reads="role_words.tsv passive")
describe(__name__, "checkpoint_of", """A party in construct right after "كمين" (in Egyptian news a standing police or army
checkpoint) owns it and is the target: "استهدف مسلحون بسيارة مفخخة كمين شرطة على الطريق الدولي"; not a party
glued to ل, who lay in wait ("وقعت الدورية في كمين للمسلحين").""", reads="role_words.tsv checkpoint")
describe(__name__, "target_marked", """A party after a word that marks a target is actor 2: "غارات على مواقع تابعة
لتنظيم داعش", "هجوم ضد قوات النظام".""", reads="role_words.tsv target, unit")
describe(__name__, "mission_not_target", """A party after "ضد" in a clause of taking part in a campaign ("للمشاركة في عملية ضد
داعش", "المشاركة في الحرب ضد التنظيم") names the campaign the people of the story belonged to, not whom this event hit:
"قتل خمسة جنود كانوا متوجهين للمشاركة في عملية عسكرية ضد داعش".""", reads="role_words.tsv mission")
describe(__name__, "purpose_not_target", """Whom a strike serves is not its target: "غارات جوية لفسح المجال أمام
قوات النظام".""", reads="role_words.tsv purpose")
describe(__name__, "loss_sides", """Ground lost: the party after "لصالح / أمام / يد" (or who forced the withdrawal,
"أجبر التنظيم النظام على الانسحاب") gained it; the verb's subject lost it: "انسحبت قوات النظام من القرية
لصالح تنظيم الدولة".""", reads="role_words.tsv forced")
describe(__name__, "civilians_hit", """Civilians named in a clause of violence with no other target are its actor 2:
"قصفت الطائرات منازل المدنيين في البلدة".""")
describe(__name__, "target_nationality", """A target word with a nationality within two words after it names whom a
strike hit: "قصف الطيران موقعا عسكريا إيرانيا".""", reads="role_words.tsv target, nationality.tsv")


@rule("member_hit", reads="role_words.tsv member")
def _member_of(w, a: Match, lo: int) -> bool:
    """A party named before a strike or a blast as the unit of a person it killed ("عنصر في", "قيادي في",
    "ضابط من", "القيادي العسكري في": a word of role_words.tsv ``member``, its adjective perhaps, and "في" / "من" right
    before the party) is whom it hit, not who struck (not "عناصر داعش أطلقوا"):
    "قتل عنصر في الشرطة بانفجار عبوة ناسفة", "قيادي في التنظيم قتل بغارة جوية"."""
    words = w.norm[max(lo, a.start - 40):a.start].split()[-3:]
    if len(words) < 2 or words[-1] not in ("في", "من"):
        return False
    # the member word right before "في" / "من", or one word (its adjective: "القيادي العسكري في") before that
    return any(x in MEMBERS or x[1:] in MEMBERS or x.removeprefix("ال") in MEMBERS for x in words[-3:-1])


@rule("holder_not_bombed", reads="role_words.tsv control")
def _holder(w, a: Match, lo: int) -> bool:
    """A party told as who holds the place a bomb went off in ("الذي يسيطر عليه", "الخاضعة لسيطرة", role_words.tsv
    ``control`` up to three words before the party) is no target of the bomb; the people there were hit:
    "انفجرت سيارة مفخخة في حي يسيطر عليه النظام ما أدى إلى مقتل خمسة أشخاص" (a strike on a town "التي تسيطر
    عليها الفصائل" keeps its holder as its target)."""
    return any(x in CONTROL or x[1:] in CONTROL for x in w.norm[max(lo, a.start - 30):a.start].split()[-3:])


# verbs of holding a place, told in a relative clause on the place ("التي يسيطر عليها", "التي يؤمنها"), or
# occupying it ("الأراضي التي تحتلها إسرائيل", "الجزر التي يحتلها الجيش")
_HOLD_STEMS = ("يسيطر", "تسيطر", "يومن", "تومن", "يتحصن", "تتحصن", "يتمركز", "تتمركز", "ينتشر", "تنتشر", "يتواجد",
               "تتواجد", "يحكم", "تحكم", "يحتل", "تحتل")
_HOLD_PREP = {"عليها", "عليه", "عليهما", "فيها", "فيه", "فيهما", "بها", "به", "حاليا", "الان"}


@rule("place_holder_not_side", reads="role_words.tsv relative, unit")
def _place_holder(w, a: Match, lo: int) -> bool:
    """A party named as the subject of a relative clause that only tells who holds a place ("المدينة التي يسيطر
    عليها التنظيم", "بلدة الطيبة التي يؤمنها مقاتلون محليون": a relative pronoun, role_words.tsv ``relative``, a verb
    of holding with the place as its object, perhaps a unit word, then the name) is not who did what the main clause
    tells (it may still be whom it hit, as a strike on a held town hits its holder): "وحاصرت القوات الحكومية
    القرى المتناثرة، التي يحكمها المسلحون، بعد أن تقدمت على أطرافها" has the government forces advance, not the
    gunmen; nor does "الأراضي التي تحتلها إسرائيل" make Israel a side of the fighting told near them. (Dropping the
    holder as a side altogether was measured and lost: gold keeps it as the target when no other party is named; see
    rule holder_behind_named_sides.)"""
    verb = _holding_verb(w, a, lo)
    return verb is not None and verb.startswith(_HOLD_STEMS)


def _holding_verb(w, a: Match, lo: int) -> str | None:
    """The verb of the relative clause whose subject the party is ("التي يسيطر عليها [مقاتلو] X"), else None."""
    words = w.norm[max(lo, a.start - 50):a.start].split()[-5:]
    if words and words[-1] in UNIT_WORDS:
        words.pop()
    if words and words[-1] in _HOLD_PREP:
        words.pop()
    if len(words) < 2 or words[-2].lstrip("و") not in RELATIVE or words[-1].endswith("ون"):
        return None
    return words[-1]


@rule("occupier_no_side", reads="role_words.tsv relative, unit")
def _occupier(w, a: Match, lo: int) -> bool:
    """A party told as the occupier of a place ("الأراضي التي تحتلها إسرائيل", "الجزر التي يحتلها الجيش": a relative
    pronoun and a verb of occupying right before the name) names the place, not a side of the fighting or the strike
    told beside it: "اندلع قتال عنيف بين الفصائل والجيش قرب الهضبة التي تحتلها إسرائيل", "سقطت قذائف على بلدة قريبة
    من الجزيرة التي تحتلها الدولة المجاورة" (nor when the sides go unnamed; the occupier named otherwise in the
    clause stays a side)."""
    verb = _holding_verb(w, a, lo)
    return verb is not None and verb.startswith(("يحتل", "تحتل"))


def _joined_to(w, h: Match, a: Match) -> bool:
    """A party joined by "و" right after the holder shares its clause: "التي تسيطر عليها الوحدات الكردية والشرطة
    المحلية" (at most four words between, no comma nor stop)."""
    between = w.norm[h.end:a.start]
    if not 0 <= len(between) <= 40 or any(c in between for c in ",،.؛:"):
        return False
    words = re.sub(r"[^\w\s]", " ", between).split()
    if not words:
        return a.start > h.end and w.norm[a.start - 1] == "و"  # "و" glued to the name
    # adjectives of the holder and "و" only: "قوات الوحدات العسكرية والشرطة"; not "بينما يحاصرها الجيش"
    return len(words) <= 4 and any(x.startswith("و") for x in words[-2:]) and all(
        x == "و" or x.startswith(("ال", "وال")) for x in words)


_TO = frozenset({"الي", "نحو", "باتجاه", "صوب"}) | TOWARD


@rule("refuge_not_side", reads="role_words.tsv refuge, held_area, toward")
def _refuge(w, a: Match, lo: int) -> bool:
    """A party named as the holder of the area people left, fled or were moved to is where they went, no side of
    the event: "انفجرت سيارة مفخخة قرب حافلات تقل الأهالي للخروج إلى مناطق النظام", "اشتبكت الكتيبة مع المجموعة
    ما دفعها للفرار نحو مناطق سيطرة التنظيم" (a word of leaving, role_words.tsv ``refuge``, up to two words before
    "إلى"/"نحو", then words for the held area, ``held_area``, right before the name; an advance "نحو مناطق سيطرة
    التنظيم" keeps the holder as the side it fights)."""
    words = w.norm[max(lo, a.start - 60):a.start].replace('"', " ").split()
    k = len(words)
    while k and words[k - 1] in HELD_AREA:
        k -= 1
    if k == len(words) or k < 2 or words[k - 1] not in _TO:
        return False
    return any(x.removeprefix("و") in REFUGE for x in words[max(0, k - 3):k - 1])


@rule("order_keeper_not_side", reads="role_words.tsv order_verb, order")
def _order_keeper(w, a: Match, lo: int) -> bool:
    """Security forces told as stepping in to restore order ("وفرضت الشرطة خدمات أمنية على منازل العائلتين",
    "تدخلت قوات الأمن لفض الاشتباكات": a verb of arriving or stepping in, role_words.tsv ``order_verb``, one of the
    two words before the party, and a word of order restored, ``order``, within 50 characters after it; or a verb of ending the clash right after
    it, ``order_deed``: "قوات الأمن سيطرت على الاشتباكات") are no side
    of the clash they ended: "اندلعت اشتباكات بين عائلتين في القرية أسفرت عن مقتل شخص، وتدخلت الشرطة لفض
    الاشتباك" has no party named."""
    if w.norm[a.end:a.end + 40].lstrip().startswith(ORDER_DEEDS):
        return True  # "قوات الأمن سيطرت على الاشتباكات" (role_words.tsv order_deed)
    if not any(x.lstrip("و") in ORDER_VERBS for x in w.norm[max(lo, a.start - 30):a.start].split()[-2:]):
        return False
    after = w.norm[a.end:a.end + 50]
    return any(x in after for x in ORDER_WORDS)


@rule("origin_named", reads="role_words.tsv origin, origin_site, unit")
def _origin(w, a: Match, lo: int) -> bool:
    """Where the shells came from fired them: "سقطت قذائف هاون على حي الميدان مصدرها مواقع الفصائل" has the factions
    as actor 1, not as the target (a word of origin, role_words.tsv ``origin``, right before the party or before
    words for its sites or units, ``origin_site``, ``unit``)."""
    words = re.sub(r"[^\w\s]", " ", w.norm[max(lo, a.start - 40):a.start]).split()
    if words and a.start > lo and is_word_char(w.norm[a.start - 1]):
        words = words[:-1]  # a proclitic glued to the name
    for x in reversed(words[-4:]):
        x = x.lstrip("و")
        if x in ORIGIN:
            return True
        if x not in ORIGIN_SITES and x not in UNIT_WORDS:
            return False
    return False


describe(__name__, "fire_from", """Gunfire "من" a party came from it: the party is who fired, not whom it hit: "أصيب
عنصران بإطلاق نار من الفصيل في المدينة" (words for its units or sites may stand between: "بإطلاق نار من عناصر حاجز لقوات النظام").""")


@rule("besieger_not_hit", reads="role_words.tsv siege")
def _besieger(ctx, w, a: Match, lo: int) -> bool:
    """A party told as besieging the place ("الموقع الذي يحاصره الثوار منذ يومين تعرض أمس لغارات") is not what a
    strike on the place hit (a verb of besieging, role_words.tsv ``siege``, right before the party)."""
    prev = w.norm[max(lo, a.start - 16):a.start].split()[-1:]
    if prev and prev[0].lstrip("و").startswith(SIEGE):
        note(ctx, "besieger_not_hit", f"«{ctx.said(a.start, a.end)}»")
        return True
    return False


def _why(ctx, name: str, a: Match | None) -> None:
    if a is not None and ctx.trace is not None:
        note(ctx, name, f"«{ctx.said(a.start, a.end)}» ({a.value})")


describe(__name__, "attributed_to", """A party after a verb of attribution ("نسب", "نسبت", "ينسب") and "إلى", "الى" or
"ل" (a unit word may stand between: "نسب لمتمردي الحزب") is the doer of the attack the clause names, never what it
hit: "قتل ثلاثة شرطيين في انفجار عبوة نسب إلى الحركة", "تفجير انتحاري نسبت الى التنظيم".""",
         reads="role_words.tsv attributed, unit")


def _attributed(w: _Around, a: Match) -> bool:
    """Rule attributed_to."""
    words = w.norm[max(w.lo, a.start - 40):a.start].split()
    if words and words[-1] in UNIT_WORDS or words and words[-1][:1] == "ل" and words[-1][1:] in UNIT_WORDS:
        # "نسب لمتمردي حزب العمال": a unit word between the preposition and the name
        last = words.pop()
        if last[:1] == "ل":
            words.append("ل")
    if not words:
        return False
    if words[-1] in ("الي", "ل", "لـ"):
        return len(words) >= 2 and words[-2] in ATTRIBUTED
    # "نسب للتنظيم": "ل" glued to the name
    return words[-1] in ATTRIBUTED and w.norm[a.start:a.start + 1] == "ل"


def _agent_of_members(w: _Around, a: Match) -> bool:
    """The doer's word before members of the party ("على يد عناصر من جبهة النصرة", "برصاص قناص من قوات النظام",
    "على يد أحد القادة الميدانيين في التنظيم"): members, "أحد" and their adjectives, then "من" or "في"."""
    words = w.norm[max(w.lo, a.start - 60):a.start].split()
    if len(words) < 3 or words[-1] not in ("من", "في"):
        return False
    k = len(words) - 2
    while k >= 0 and len(words) - 1 - k <= 4 and (words[k] in MEMBERS or words[k] in UNIT_WORDS or words[k] == "احد"
                                                   or words[k].startswith("ال")):
        k -= 1
    return k >= 0 and k < len(words) - 2 and words[k] in AGENT_WORDS


_WAS = frozenset({"كان", "كانت", "كانوا"})
# "بينما كانت المعارضة تشن هجوما", "حيث كان الجيش يرد": "كان" opening a clause of time or place, not one on the object
_WHILE = frozenset({"حيث", "بينما", "عندما", "حين", "حينما", "اذ", "فيما", "لما", "بعدما", "قبل", "بعد", "وقت", "ان",
                    "اين", "قد", "لقد", "التي", "الذي", "الذين", "ما", "كما", "لانه", "لانها", "فقد"})


@rule("object_clause_not_subject")
def _in_object_clause(w: _Around, a: Match) -> bool:
    """A party right after "كان" / "كانت", with the verb's object between the event word and it, is the subject of
    an unmarked relative clause on that object ("مواقع كان الحوثيون يستخدمونها": sites the Houthis used), not the
    event's doer: "أعلنت المقاومة الشعبية أنها استعادت أمس مواقع كان الحوثيون يستخدمونها" has the Popular
    Resistance take them (the party before the verb stays its subject); not "كان" opening a clause of time or place
    ("بينما كانت المعارضة تشن هجوما", "حيث كان الجيش يرد")."""
    words = w.norm[max(w.lo, w.t.end):a.start].split()
    return len(words) >= 2 and words[-1] in _WAS and words[-2].lstrip("و") not in _WHILE and not words[-2].endswith(",")


def _agent(ctx, w: _Around, main: list[Match], hi: int) -> Match | None:
    m, t, lo = w.m, w.t, w.lo
    if m.event_type != "Battles":
        agent = next((a for a in main if a.start > t.start and _attributed(w, a)), None)
        if agent is not None:
            _why(ctx, "attributed_to", agent)
            return agent
    agent = next((a for a in main if w.word_before(a) in AGENT_WORDS or _agent_of_members(w, a)), None)
    if agent is not None:
        _why(ctx, "agent_marked", agent)
        return agent
    if m.event_type == "Explosions/Remote violence":
        agent = next((a for a in main if _origin(w, a, lo)), None)
        if agent is not None:
            _why(ctx, "origin_named", agent)
            return agent
    after = [a for a in main if a.start >= t.start and a.start - t.end <= 40 and not w.is_target(a)]
    inner = [a for a in after if _in_object_clause(w, a)]
    if inner:
        _why(ctx, "object_clause_not_subject", inner[0])
        after = [a for a in after if a not in inner]
    if after and (t.phrase.split()[-1] in TARGET_WORDS or (
            m.sub == "Arrests" and w.norm[t.end:t.end + 6].split()[:1] == ["علي"])):
        # "ألقت قوات الأمن القبض على خمسة عناصر من التنظيم": after the word's own "على" stands whom it hit
        _why(ctx, "target_in_the_event_word", after[0])
        after = []
    if m.role == "-" and m.event_type == "Explosions/Remote violence" and after:
        # "انفجرت سيارة مفخخة أمام مقر قيادة الشرطة": a blast has no doer after it, what it hit stands there;
        # but "عبوة زرعها التنظيم" names who set it
        set_by = [a for a in after if any(x in DEED_VERBS for x in w.norm[max(lo, a.start - 25):a.start].split()[-2:])
                  or any(x.lstrip("و") in DEED_NOUNS for x in w.norm[a.end:a.end + 16].split()[:1])]
        if not set_by:
            _why(ctx, "blast_hits_whom_it_names", after[0])
        after = set_by
    if m.role == "gain" and w.definite():
        after = [a for a in after if a.start < t.end]
    before = [a for a in main if a.start < t.start and a.end <= t.end and not w.is_target(a)]
    if m.role == "clash":
        if main:
            _why(ctx, "clash_first_named", main[0])
            return main[0]
        return None
    if after and (not before or max(0, after[0].start - t.end) < t.start - before[-1].end or t.start - lo < 3) \
            and not (before and w.definite()):
        _why(ctx, "subject_after_verb", after[0])
        return after[0]
    if before and m.event_type == "Explosions/Remote violence" and _member_of(w, before[-1], lo):
        _why(ctx, "member_hit", before[-1])  # "عنصرا في الشرطة قتل بانفجار عبوة": the police were hit
        before = before[:-1]
        if not before:
            return nationality_after(ctx, t, hi)
    if before:
        agent = before[-1]
        if m.event_type == "Explosions/Remote violence":
            agent = nationality_after(ctx, t, hi) or agent
        _why(ctx, "doer_before", agent)
        return agent
    if after:
        _why(ctx, "subject_after_verb", after[0])
        return after[0]
    return None


def _undergo(ctx, w: _Around, main: list[Match], agent: Match | None, hi: int):
    """"تعرضت بلدة X لقصف": (agent, main, target_first) when a verb of undergoing comes before the event word."""
    norm, t, m, lo = w.norm, w.t, w.m, w.lo
    undergo = [x.lstrip("و") for x in norm[max(lo, t.start - 60):t.start].split()[-8:]]
    # the event word takes "ل", or one told just before it with its weapon ("تعرضوا لقصف بقذائف الهاون")
    takes_l = norm[t.start - 1:t.start] == "ل" or any(
        norm[x.start - 1:x.start] == "ل" and x.start > lo for x in ctx.within(ctx.triggers, max(lo, t.start - 16), t.start))
    if not (takes_l and any(x in PASSIVE or x[:-1] in PASSIVE for x in undergo)):
        return agent, main, None
    after_t = [a for a in main if a.start >= t.end]
    before_t = [a for a in main if a.end <= t.start and not _besieger(ctx, w, a, lo)]
    agent = after_t[0] if after_t else (nationality_after(ctx, t, hi) if m.event_type != "Battles" else None)
    if ctx.trace is not None:
        note(ctx, "undergo", f"«{ctx.said(before_t[-1].start, before_t[-1].end)}» suffered it" if before_t else "")
    if before_t:
        return agent, [a for a in main if a is not before_t[-1]] + [before_t[-1]], before_t[-1]
    return agent, main, None


describe(__name__, "ally_not_opponent", """In a clash the other side is the first party named that is not an ally of the
first (alliances.tsv); an ally named between them fights beside it: "اشتباكات بين قوات النظام مدعومة بقوات الدفاع
الوطني، وفصائل المعارضة".""", reads="alliances.tsv")


def _mission(norm: str, lo: int, a: Match) -> bool:
    """A word of taking part in a campaign (role_words.tsv mission) within the four words before the "ضد" of a."""
    return any(x.lstrip("و") in MISSION for x in norm[max(lo, a.start - 45):a.start].split()[-5:-1])


describe(__name__, "holder_behind_named_sides", """A party told only as who holds the place (rule
place_holder_not_side) is the target only when no other party is named beside the doer: "اندلعت اشتباكات بين
فصائل المعارضة وقوات النظام قرب القرى التي يسيطر عليها التنظيم" is the factions against the government forces, not
against the group ("عليها" before the holder reads as a mark of the target); "قصفت الطائرات البلدة التي يسيطر عليها
التنظيم" keeps the group as whom the strike hit, and a capture of the place keeps its holder as who lost it:
"سيطر النظام على القرية التي تسيطر عليها الهيئة بعد معارك مع التنظيم" is taken from the Hay'at.""",
         reads="role_words.tsv relative")


def _target(ctx, w: _Around, main: list[Match], agent: Match | None, target_first: Match | None,
            held: list[Match] = ()) -> Match | None:
    m, norm, lo = w.m, w.norm, w.lo
    others = [a for a in main if agent is None or a.value != agent.value]
    if held and "territory" not in m.sub and m.role not in ("gain", "advance", "loss") and \
            any(a not in held for a in others) and any(a in held for a in others):
        _why(ctx, "holder_behind_named_sides", next(a for a in others if a in held))
        others = [a for a in others if a not in held]
    if m.role == "clash" and agent is not None and any(not ctx.lex.allied(agent.value, a.value) for a in others):
        allies = [a for a in others if ctx.lex.allied(agent.value, a.value)]
        if allies and ctx.trace is not None:
            note(ctx, "ally_not_opponent", ", ".join(f"«{ctx.said(a.start, a.end)}»" for a in allies))
        others = [a for a in others if a not in allies]
    if m.sub in ("Remote explosive/landmine/IED", "Suicide bomb"):
        held = [a for a in others if _holder(w, a, lo)]
        if held:
            _why(ctx, "holder_not_bombed", held[0])
            others = [a for a in others if a not in held]
    if target_first is not None and (agent is None or target_first.value != agent.value):
        others = [target_first] + [a for a in others if a is not target_first]
    if m.event_type == "Explosions/Remote violence":
        others = [a for a in others if not _besieger(ctx, w, a, lo)]
    mission = [a for a in others if w.word_before(a) == "ضد" and _mission(norm, lo, a)]
    if mission:
        # "قتل جنديان عراقيان كانا في طريقهما للمشاركة في عملية ضد داعش": the campaign the victims were in
        _why(ctx, "mission_not_target", mission[0])
        others = [a for a in others if a not in mission]
    target = next((a for a in others if w.is_target(a)), None)
    if target is not None:
        _why(ctx, "target_marked", target)
        return target
    target = others[0] if others else None
    if target is not None and m.event_type == "Explosions/Remote violence" and \
            any(x in PURPOSE for x in norm[max(lo, target.start - 40):target.start].split()[-4:]):
        _why(ctx, "purpose_not_target", target)
        return None
    return target


def _loss(ctx, w: _Around, main: list[Match]) -> None:
    """The named actor lost ground: the other side (لصالح X) gained it; the loser is the verb's subject (right
    after it, else before it), not whoever the clause names first."""
    m, t = w.m, w.t
    gainer = next((a for a in main if w.word_before(a) in FELL_TO), None) or next(
        (a for a in main if a.start > t.end and "امام" in w.norm[max(w.lo, a.start - 16):a.start].split()[-2:]), None) \
        or next((a for a in main if a.start > t.end and any(
            x in HANDOVER for x in w.norm[max(w.lo, a.start - 25):a.start].split()[-3:])), None)
    forced = forced_at(w.norm, w.lo, t.start)
    if gainer is None and forced is not None:
        # "أجبر التنظيم النظام على الانسحاب" / "التنظيم أجبر النظام على ...": who forced, who withdrew
        between = [a for a in main if forced <= a.start < t.start]
        before_f = [a for a in main if a.end <= forced]
        if len(between) >= 2:
            gainer, main = between[0], [a for a in main if a is not between[0]]
        elif before_f:
            gainer = before_f[-1]
    subj_after = [a for a in main if a is not gainer and a.start >= t.end and a.start - t.end <= 40]
    subj_before = [a for a in main if a is not gainer and a.end <= t.start]
    if subj_before and lose_verb_before(w.norm, w.lo, t.start) is not None:
        subj_after = []  # "خسر التنظيم السيطرة على البلدة": the subject between the verb and "السيطرة" lost it
    loser = (subj_after[0] if subj_after else subj_before[-1] if subj_before else
             next((a for a in main if a is not gainer), None))
    if ctx.trace is not None:
        note(ctx, "loss_sides", f"gained by {_said(ctx, gainer)}, lost by {_said(ctx, loser)}")
    if m.event_type == "Battles":
        m.actor1, m.actor2 = pair(ctx, gainer), pair(ctx, loser)
    else:
        m.actor1, m.actor2 = pair(ctx, loser), pair(ctx, gainer)


def _said(ctx, a: Match | None) -> str:
    return f"«{ctx.said(a.start, a.end)}»" if a is not None else "nobody named"


def _assign(ctx, m: Mention, lo: int, hi: int, slo: int | None) -> None:
    acts, lo = _parties(ctx, m, lo, hi, slo)
    t = m.trigger
    if not acts:
        if m.event_type == "Explosions/Remote violence":
            who = nationality_after(ctx, t, hi) or nationality_before(ctx, t, lo)
            _why(ctx, "nationality_agent", who)
            who = who or country_launched(ctx, t, lo)
            m.actor1 = pair(ctx, who)
        return
    w = _Around(ctx, m, lo)
    assoc = _associates(ctx, acts, lo)
    coord = _coordinated(ctx, acts, lo)
    main = [a for a in acts if a not in assoc and a.value != "Civilians" and id(a) not in coord]
    civ = [a for a in acts if a.value == "Civilians"]
    refuge = [a for a in main if _refuge(w, a, lo)]
    if refuge:
        _why(ctx, "refuge_not_side", refuge[0])
        main = [a for a in main if a not in refuge]
    keepers = [a for a in main if _order_keeper(w, a, lo)]
    if keepers:
        _why(ctx, "order_keeper_not_side", keepers[0])
        main = [a for a in main if a not in keepers]
        m.keepers = frozenset(a.value for a in keepers) - {a.value for a in main}
        for a in keepers:
            ctx.keepers.setdefault(a.value, set()).add(a.start)
    held = [a for a in main if _place_holder(w, a, lo)]
    if held:
        _why(ctx, "place_holder_not_side", held[0])
        held += [a for a in main if a not in held and any(_joined_to(w, h, a) for h in held)]
        occupiers = [a for a in held if _occupier(w, a, lo)]
        if occupiers:
            _why(ctx, "occupier_no_side", occupiers[0])
            main = [a for a in main if a not in occupiers]
            held = [a for a in held if a not in occupiers]
    agent = _agent(ctx, w, [a for a in main if a not in held], hi)
    agent, main, target_first = _undergo(ctx, w, main, agent, hi)
    if agent is None and m.event_type == "Explosions/Remote violence":
        agent = nationality_after(ctx, t, hi) or nationality_before(ctx, t, max(lo, t.start - 16))
        _why(ctx, "nationality_agent", agent)
        agent = agent or country_launched(ctx, t, lo)
    target = _target(ctx, w, main, agent, target_first, held)
    if target is not None and target is not target_first and strike_verb_subject(ctx, w, target):
        # the verb's subject struck: a doer read otherwise (not its ally, nor itself) is what it struck
        if agent is not None and agent.value != target.value and not ctx.lex.allied(agent.value, target.value):
            agent, target = target, agent
        else:
            agent = target
            target = _target(ctx, w, [a for a in main if a.value != agent.value], agent, None, held)
    if target is not None and civ and m.event_type != "Battles" and target is not target_first:
        target = civilians_object(ctx, w, civ, agent, target)
    if target is not None and m.event_type == "Explosions/Remote violence" and target is not target_first:
        target = nationality_first(ctx, w, agent, target, hi)
    if m.role == "loss":
        _loss(ctx, w, main)
    else:
        m.actor1 = pair(ctx, agent)
        m.actor2 = pair(ctx, target)
    if m.actor2 is None and civ and m.event_type != "Battles":
        m.actor2 = pair(ctx, civ[0])
        _why(ctx, "civilians_hit", civ[0])
    if m.actor2 is None and m.event_type == "Explosions/Remote violence":
        hit = target_nationality(ctx, t, hi)
        if hit is not None and (m.actor1 is None or hit.value != m.actor1[0]):
            m.actor2 = pair(ctx, hit)
            _why(ctx, "target_nationality", hit)
    _associate(ctx, m, acts, assoc, coord)


@rule("subject_of_a_strike_verb", reads="role_words.tsv strike_verb")
def strike_verb_subject(ctx, w: _Around, a: Match) -> bool:
    """A party read as a strike's target by default (no word marks it as one) that stands right after a past verb
    of striking with a feminine subject ("شنت", "قصفت", "نفذت", role_words.tsv ``strike_verb``) is that verb's
    subject: it struck, and is never what was hit. It is actor 1; a party read as the doer that is not its ally is
    what it struck (a party glued to "ل" after the object: "ونفذت مقاتلات حربية ضربات على مواقع للتنظيم" has the
    planes strike the group); with no doer read, the subject is actor 1: "سقط قتلى وجرحى في قصف جوي على سوق بلدة
    كفرنبل مساء اليوم بحسب ناشطين من البلدة، وقالوا إنه بعد الظهر شنت طائرات حربية غارات متتالية" (a far subject
    is out of the event word's reach as its doer, and fell to it as the side hit)."""
    if w.m.event_type != "Explosions/Remote violence" or w.is_target(a):
        return False
    wb = w.word_before(a)
    if wb not in STRIKE_VERBS and not (wb[:1] in ("و", "ف") and wb[1:] in STRIKE_VERBS):
        return False
    note(ctx, "subject_of_a_strike_verb", f"«{ctx.said(a.start, a.end)}» after «{wb}»")
    return True


@rule("civilians_object")
def civilians_object(ctx, w: _Around, civ: list[Match], agent: Match | None, target: Match) -> Match | None:
    """Civilians or their homes told as what a strike hit, right after the event word and before any other party,
    are its target; a party named later in the clause, not marked as a target, is no side of it: "قصفت
    الميليشيات الأحياء السكنية في المدينة بالهاون وذلك بعد تقدم الجيش على أطرافها" has the civilians hit, not the
    army (a party marked as a target still is: "غارات على منازل المدنيين ومواقع الفصائل")."""
    t = w.t
    if w.is_target(target):
        return target
    start = agent.end if agent is not None and agent.end <= target.start else t.start
    hit = next((c for c in civ if start <= c.start < target.start), None)
    if hit is None:
        return target
    note(ctx, "civilians_object", f"«{ctx.said(hit.start, hit.end)}» before «{ctx.said(target.start, target.end)}»")
    return None


@rule("nationality_first", reads="role_words.tsv target, nationality.tsv")
def nationality_first(ctx, w: _Around, agent: Match | None, target: Match, hi: int) -> Match:
    """A target word with a nationality after it, told before the party the clause names next, is what the strike
    hit first: "قصفت الطائرات موقعا عسكريا إيرانيا قرب المطار ومستودعا تابعا للنظام" has the Iranian forces as
    actor 2, not the party of the second target (rule target_nationality when no party is named)."""
    hit = target_nationality(ctx, w.t, hi)
    if hit is None or hit.start >= target.start or hit.value == target.value or \
            (agent is not None and hit.value == agent.value):
        return target
    note(ctx, "nationality_first", f"«{ctx.said(hit.start, hit.end)}» ({hit.value}) before «{ctx.said(target.start, target.end)}»")
    return hit


def _associate(ctx, m: Mention, acts: list[Match], assoc: list[Match], coord: dict[int, Match]) -> None:
    for a in assoc:
        p = pair(ctx, a)
        if m.actor1 and p[0] != m.actor1[0] and p not in m.assoc1:
            m.assoc1.append(p)
            _why(ctx, "associate", a)
    for a in acts:
        head = coord.get(id(a))
        if head is None:
            continue
        p = pair(ctx, a)
        if m.actor1 and head.value == m.actor1[0] and p[0] != m.actor1[0] and p not in m.assoc1:
            m.assoc1.append(p)
            _why(ctx, "coordinated", a)
        elif m.actor2 and head.value == m.actor2[0] and p[0] != m.actor2[0] and p not in m.assoc2:
            m.assoc2.append(p)
            _why(ctx, "coordinated", a)


_REPEL_HINT = any_in(REPEL)  # (see _SPEAKER_HINT)


@rule("repelled_attack", reads="role_words.tsv repel, assault")
def repelled(ctx, m: Mention, lo: int, hi: int) -> None:
    """An attack repelled is fought by its doer first: "تصدت قوات الجيش لهجوم شنه مسلحون على ثكنة" has the gunmen
    as actor 1 and the army as actor 2, whoever died; the one who repelled it is named before the attack word, the
    attacker after it (both named in the clause, else the sides stay as read)."""
    if m.event_type != "Battles" or m.sub != "Armed clash":
        return
    norm = ctx.nt.norm
    if not _REPEL_HINT.search(norm, lo, hi):
        return  # (no word of repelling in the clause: its words are not listed)
    words = list(re.finditer(r"\S+", norm[lo:hi]))
    r = next((k for k, w in enumerate(words) if w.group().lstrip("و") in REPEL), None)
    if r is None:
        return
    s = next((k for k in range(r + 1, min(len(words), r + 6))
              if words[k].group().lstrip("وبل").removeprefix("ل") in ASSAULT or words[k].group().lstrip("و") in ASSAULT), None)
    if s is None:
        return
    at = lo + words[s].start()
    acts = [a for a in ctx.within(ctx.actors, lo, hi) if not ctx.is_source(a) and a.value != "Civilians"]
    before = [a for a in acts if a.end <= at and a.end >= lo + words[r].start() - 50]
    after = [a for a in acts if a.start >= lo + words[s].end() and a.start - (lo + words[s].end()) <= 40
             and (not before or a.value != before[-1].value)]
    if not before:
        return
    defender = before[-1]
    attacker = after[0] if after else next((a for a in acts if a.start > defender.end and at < a.start <= at + 150
                                            and not ctx.lex.allied(defender.value, a.value)), None)
    if attacker is None or ctx.lex.allied(defender.value, attacker.value):
        return  # "تمكنت المقاومة من التصدي للهجوم": the attack told before keeps the sides read there
    m.actor1, m.actor2 = pair(ctx, attacker), pair(ctx, defender)
    m.assoc1, m.assoc2 = [], []
    note(ctx, "repelled_attack", f"«{ctx.said(defender.start, defender.end)}» repelled "
                                 f"{_said(ctx, attacker)}")
