"""Triggers: the event word of a clause and the type it gives.

The strongest trigger of the clause (triggers.tsv, by weight; the first of equal weight) that no filter
sets aside gives the type, then the overrides below may put another word or type in its place: ground
changing hands in a battle, the weapon of an attack, air defences meeting a strike, a downing, a forced
withdrawal, a crewed aircraft downed, a foiled bombing. A clause with no trigger may still tell an event
by its toll. A strike's kind (air or ground) is read from the clause's words.
"""
from __future__ import annotations

import re

from ..arabic import normalize
from .words import HEADLINE_VERBS  # (rule headline_present)
from ..lexicon import Match, Trigger
from .filters import directed, habitual, heard, held, negated
from .rules import describe, note, rule
from .tolls import is_tally
from .words import ACCIDENT, GROUND_FIRE, any_in, lose_verb_before, FIND_VERBS, FOUND_OBJECTS, DIRECTIONS, SNIPER_WORDS, TOWARD, AIR_DEFENCE, AIR_WORDS, CONTEXT_CHARS, DOWNING, FOILABLE, FORCED, MANNED, NAME_RE, \
    EXCHANGE, GUNFIRE, HANDOVER, MASSACRE, OPERATION_DONE, OPERATIONS, OUTSKIRTS, COMPASS, RELATIVE, RESUMPTIVE, TOLL_OF_FIGHTING, UNMANNED, VIOLENT


def candidates(ctx, lo: int, hi: int) -> list[Match]:
    """The clause's event words that no trigger filter sets aside, a foiled bombing read as the foiling."""
    if ctx.trace is not None:
        return _candidates(ctx, lo, hi)  # (the trace notes the filters each time a clause is read)
    # read once per span: rule second_event_joined reads a clause's event words before the clause is coded
    got = ctx.candidates_memo.get((lo, hi))
    if got is None:
        got = ctx.candidates_memo[(lo, hi)] = _candidates(ctx, lo, hi)
    return list(got)


def _candidates(ctx, lo: int, hi: int) -> list[Match]:
    found = ctx.within(ctx.triggers, lo, hi)
    if FIND_VERBS:
        found = found + found_with_subject(ctx, found, lo, hi)
    # a "-" row names words that tell no event; it holds against a reading of the same words as a proclitic plus
    # an event word ("للسيطرة على": to take, an aim; not ل + "السيطرة على")
    nothing = {(t.start, t.end) for t in found if t.value.event_type == "-"}
    trigs = [t for t in found if t.value.event_type != "-" and (t.start, t.end) not in nothing and not negated(ctx, t, lo)
             and (t.value.role != "advance" or directed(ctx, t, hi)) and not heard(ctx, lo, t) and not held(ctx, lo, t)
             and not habitual(ctx, t, lo, hi) and not lasting_state(ctx, t)]
    if len(trigs) > 1:
        trigs = [t for t in trigs if not bomber_among_dead(ctx, t, lo, hi)] or trigs
    # a bombing foiled is the foiling: ACLED's Disrupted weapons use, by whoever foiled it
    trigs = [Match(t.start, t.end, Trigger("Strategic developments", "Disrupted weapons use", "agent", t.value.weight),
                   t.phrase) if foiled(ctx, t, lo) or defused(ctx, t, lo, hi) or safe_detonation(ctx, t, lo, hi) else t for t in trigs]
    # an operation named by its aim is fighting: "معركة تحرير المدينة"
    return [Match(t.start, t.end, Trigger("Battles", "Armed clash", "agent", min(t.value.weight, 4)), t.phrase)
            if operation_aim(ctx, t, lo) else t for t in trigs]


# "إلى جانب الانتحاري", "فضلا عن الانتحاري", "بمن فيهم الانتحاري" (normalised): the bomber listed with the dead
_BOMBER_AMONG = re.compile(r"(?:الي جانب|فضلا عن|اضافه الي|بالاضافه الي|بمن فيهم|بينهم|منهم|عدا|باستثناء)\s*[,،]?\s*$")


@rule("bomber_among_dead", reads="cues.tsv kill")
def bomber_among_dead(ctx, t: Match, lo: int, hi: int) -> bool:
    """The bomber listed with the dead of a clause that tells a killing and another event word is a person
    counted, not the clause's event: "وقتل ثلاثة مسلحين في الاشتباكات، إلى جانب الانتحاري" tells the clash, not a
    suicide bombing ("فضلا عن الانتحاري", "بمن فيهم الانتحاري"; alone, "الانتحاري" still tells the bombing)."""
    norm = ctx.nt.norm
    if not norm[t.start:t.end].lstrip("و").startswith(("انتحاري", "الانتحاري")) or not ctx.has_cue(lo, hi, "kill"):
        return False
    if _BOMBER_AMONG.search(norm[max(lo, t.start - 20):t.start]) is None:
        return False
    note(ctx, "bomber_among_dead", f"«{ctx.said(t.start, t.end)}»")
    return True


_FIND_VERB = re.compile(r"(?<!\S)[وف]?(%s)\s+(?:(?!علي\s)\S+\s+){0,5}?علي\s"
                        % "|".join(sorted(FIND_VERBS, key=len, reverse=True)))


_FIND_HINT, _AIR_DEFENCE_IN = any_in(FIND_VERBS), any_in(AIR_DEFENCE)


@rule("found_with_subject", reads="role_words.tsv find_verb, triggers.tsv 'عثر على' rows")
def found_with_subject(ctx, found: list[Match], lo: int, hi: int) -> list[Match]:
    """A verb of finding tells the bodies it found, as "العثور على جثث" does, with its subject between the verb and
    "على": "عثرت الشرطة على جثث ثلاثة أشخاص" is bodies found, an attack whose finder is neither its doer nor its
    victim (rule finder_not_party; the bodies are the objects of triggers.tsv's violent "عثر على ..." rows)."""
    norm, out = ctx.nt.norm, []
    if not _FIND_HINT.search(norm, lo, hi):  # (one search, not a slice and a test per verb, for every clause)
        return out
    for m in _FIND_VERB.finditer(norm, lo, hi):
        if any(t.start <= m.start(1) < t.end for t in found):
            continue
        obj = next(iter(FOUND_OBJECTS.find(norm, m.end(), min(hi, m.end() + 30))), None)
        if obj is None or obj.start != m.end():
            continue
        r = obj.value
        if r[1] not in VIOLENT:
            continue  # (a mass grave found is the finder's act, but "... قتلوا على يد" names the killers as doers)
        a = m.start(1)
        out.append(Match(a, obj.end, Trigger(r[1], r[2], r[3], int(r[4])), norm[a:obj.end]))
        note(ctx, "found_with_subject", f"«{ctx.said(m.start(1), obj.end)}»")
    return out


@rule("operation_aim", reads="role_words.tsv operation, operation_done")
def operation_aim(ctx, t: Match, lo: int) -> bool:
    """A word of capture right after a noun of a military operation names the operation by its aim: "بدأت القوات
    المرحلة الثانية من عملية تحرير مدينة الرمادي", "انطلقت معركة استعادة القاعدة" are fighting (Armed clash), no
    ground taken yet; unless the operation is told over ("أعلن انتهاء عملية تحرير المدينة")."""
    if t.value.sub_event_type != "TERRITORY":
        return False
    words = ctx.nt.norm[max(lo, t.start - 40):t.start].split()
    if not words or words[-1].lstrip("وفبل") not in OPERATIONS and words[-1] not in OPERATIONS:
        return False
    if len(words) > 1 and words[-2].lstrip("وفب") in OPERATION_DONE:
        return False
    note(ctx, "operation_aim", f"«{words[-1]} {ctx.said(t.start, t.end)}»")
    return True


@rule("foiled_bombing", reads="cues.tsv foil")
def foiled(ctx, t: Match, lo: int) -> bool:
    """A bombing foiled did not happen: "أحبطت وحدات الحماية تفجيرين انتحاريين" is the foiling (Disrupted weapons
    use); a foiled attack was still fought off ("أحبطت القوات هجوما" stays a clash)."""
    if t.value.sub_event_type not in FOILABLE:
        return False
    out = any(c.value == "foil" and len(ctx.nt.norm[c.end:t.start].split()) <= 6
              and "," not in ctx.nt.norm[c.end:t.start] for c in ctx.within(ctx.cues, lo, t.start))
    if out:
        note(ctx, "foiled_bombing", f"«{ctx.said(t.start, t.end)}» foiled")
    return out


# a word of a blast in the clause (not "قبل انفجارها", before it could go off): the bomb went off
_BLAST = re.compile(r"(?<!قبل )(?<!\S)[وفبل]?(?:ال)?(?:انفجار|انفجر|انفجرت|تفجير|تفجر|تفجرت)(?!\S)")


# a bomb blown up on purpose where it lay, made safe: a word of blowing up and a word of safety in the clause
_DETONATE = re.compile(r"(?<!\S)[وفب]?(?:ال)?(?:تفجير|فجر)")
_SAFELY = re.compile(r"(?<!\S)(?:بشكل|بطريقه|بصوره) (?:امن|امنه|محكوم|محكومه)(?!\S)|(?<!\S)(?:تفجيرا|تفجير|التفجير|بتفجير)[ها]* "
                     r"(?:محكوما|محكوم|المحكوم|تحت السيطره|بشكل امن)(?!\S)")
_WENT_OFF = re.compile(r"(?<!قبل )(?<!\S)[وفبل]?(?:ال)?(?:انفجار|انفجر|انفجرت)(?!\S)")


@rule("safe_detonation")
def safe_detonation(ctx, t: Match, lo: int, hi: int) -> bool:
    """A bomb the state's sappers blew up where it lay, safely, did not go off as an attack: "عثرت الشرطة على عبوة
    ناسفة قرب السوق وفجرتها فرق الهندسة بشكل آمن", "وتم تفجير القذيفة تفجيرا محكوما" are the defusing (Disrupted
    weapons use); a grenade or a shell found and blown up so too. A blast told in the clause ("انفجرت عبوة ...")
    keeps the bombing."""
    if t.value.event_type != "Explosions/Remote violence" or t.value.sub_event_type == "Air/drone strike":
        return False
    norm = ctx.nt.norm
    m = _SAFELY.search(norm, lo, hi)
    if m is None or not _DETONATE.search(norm, lo, hi) or _WENT_OFF.search(norm, lo, hi):
        return False
    note(ctx, "safe_detonation", f"«{ctx.said(m.start(), m.end())}» «{ctx.said(t.start, t.end)}»")
    return True


@rule("defused_bomb", reads="cues.tsv defuse")
def defused(ctx, t: Match, lo: int, hi: int) -> bool:
    """A bomb made safe did not go off: "فككت وحدة الهندسة عبوة ناسفة زرعت على طريق القرية",
    "عثرت الشرطة على عبوة ناسفة قرب المدرسة وأبطلت مفعولها" are the defusing (ACLED: Disrupted weapons use, by
    whoever defused it); the word may come before or after the bomb, six words at most away. A blast told in the
    clause keeps the bombing ("انفجرت عبوة ناسفة بدورية قبل أن يعثر عليها")."""
    if t.value.sub_event_type not in FOILABLE:
        return False
    norm = ctx.nt.norm
    for c in ctx.within(ctx.cues, lo, hi):
        if c.value != "defuse":
            continue
        gap = norm[c.end:t.start] if c.end <= t.start else norm[t.end:c.start] if c.start >= t.end else None
        if gap is None or len(gap.split()) > 6 or "," in gap or "." in gap:
            continue
        if _BLAST.search(norm, lo, hi):
            return False
        note(ctx, "defused_bomb", f"«{ctx.said(c.start, c.end)}» «{ctx.said(t.start, t.end)}»")
        return True
    return False


def choose(ctx, trigs: list[Match], lo: int, hi: int) -> tuple[Match, Trigger]:
    """The event word and its type: the strongest trigger (of equal weight, any before a truce: rule
    violence_over_truce), then each override in turn."""
    best = max(trigs, key=lambda t: (t.value.weight, t.value.sub_event_type != "Agreement", -t.start))
    if best.value.event_type in VIOLENT and any(
            t.value.sub_event_type == "Agreement" and t.value.weight == best.value.weight and t.start < best.start
            for t in trigs):
        note(ctx, "violence_over_truce", f"«{ctx.said(best.start, best.end)}»")
    best = territory_in_battle(ctx, trigs, best)
    best = place_described(ctx, trigs, best, lo)
    best = freed_from_control(ctx, trigs, best)
    best = weapon_of_attack(ctx, trigs, best)
    best = massacre_by_means(ctx, trigs, best)
    best = air_defence(ctx, trigs, best, lo, hi)
    best = downing(ctx, trigs, best)
    tv = forced_withdrawal(ctx, best, best.value, lo)
    tv = lost_control(ctx, best, tv, lo)
    tv = withdrawal_handover(ctx, best, tv, hi)
    tv = crewed_aircraft_downed(ctx, best, tv, hi)
    tv = sniper_fire(ctx, tv, lo, hi)
    tv = massacre_from_the_air(ctx, best, tv, lo, hi)
    tv = attack_from_the_air(ctx, best, tv, lo)
    tv = exchange_of_fire(ctx, best, tv, lo)
    tv = move_toward(ctx, trigs, best, tv, hi)
    return best, tv


@rule("move_toward", reads="role_words.tsv toward, direction, outskirts, compass")
def move_toward(ctx, trigs: list[Match], best: Match, tv: Trigger, hi: int) -> Trigger:
    """An advance "toward" a place ("باتجاه", "نحو") or to its edge ("إلى أطراف", "إلى مشارف") is a move, not ground
    taken (the spec): fighting, an armed clash. "تقدمت قوات النظام باتجاه التلة" and "تقدمت القوات إلى أطراف البلدة"
    are clashes; "تقدمت القوات في البلدة" / "إلى البلدة" takes ground, and so does a clause with a word of capture
    besides ("احتلت القوات البلدة ... وتقدمت نحو الشرق")."""
    if tv.role != "advance" or tv.sub_event_type != "TERRITORY" or any(
            t.value.sub_event_type == "TERRITORY" and t.value.role != "advance" for t in trigs):
        return tv
    words = ctx.nt.norm[best.end:hi].split()[:5]
    at = next((i for i, w in enumerate(words[:4]) if w in DIRECTIONS or (w[:1] in "بف" and w[1:] in DIRECTIONS)), None)
    if at is None:
        return tv
    first = words[at][1:] if words[at] not in DIRECTIONS else words[at]
    edge = first in ("الي", "علي") and at + 1 < len(words) and words[at + 1] in OUTSKIRTS
    if first not in TOWARD and not edge:
        # an advance told where it goes on, then whither: "تتقدم قوات النظام جنوب غرب تدمر، باتجاه نقاط التنظيم"
        # (a compass word first; the toward word within eight words, a comma between or not)
        if first not in COMPASS:
            return tv
        later = ctx.nt.norm[best.end:hi].split()[:8]
        first = next((w if w in TOWARD else w[1:] for w in later if w in TOWARD or (w[:1] in "بف" and w[1:] in TOWARD)), None)
        if first is None:
            return tv
    first = f"{first} {words[at + 1]}" if edge else first
    note(ctx, "move_toward", f"«{ctx.said(best.start, best.end)}» «{first}»")
    return Trigger("Battles", "Armed clash", tv.role, tv.weight)


@rule("sniper_fire", reads="role_words.tsv sniper")
def sniper_fire(ctx, tv: Trigger, lo: int, hi: int) -> Trigger:
    """A strike word ("استهدف") told of a sniper is gunfire, an attack, not shelling: "استهدف قناص من قوات
    النظام مدنيا في حي جوبر" (a fighter hit makes it a clash, rule armed_victim)."""
    if tv.sub_event_type != "STRIKE":
        return tv
    word = next((w for w in ctx.nt.norm[lo:hi].split() if w in SNIPER_WORDS or w[1:] in SNIPER_WORDS and w[0] in "وف"),
                None)
    if word is None:
        return tv
    note(ctx, "sniper_fire", f"«{word}»")
    return Trigger("Violence against civilians", "Attack", tv.role, tv.weight)


MARCH = normalize("مسيرة")  # a drone, and a march


@rule("massacre_from_the_air", reads="role_words.tsv massacre, air")
def massacre_from_the_air(ctx, best: Match, tv: Trigger, lo: int, hi: int) -> Trigger:
    """A massacre committed by aircraft is an air strike (ACLED codes the means; the spec: a strike by an air force
    is an air strike): "ارتكبت الطائرات الحربية مجزرة في القرية راح ضحيتها 20 مدنيا". ("مسيرة", a drone, is also a
    march: "مجزرة بحق مسيرة سلمية" stays an attack on civilians.)"""
    norm = ctx.nt.norm
    if tv.event_type != "Violence against civilians" or not any(
            w.lstrip("وبلل").removeprefix("ال") in MASSACRE for w in norm[best.start:best.end].split()):
        return tv
    clause = norm[lo:hi]
    air = next((w for w in AIR_WORDS if w != MARCH and w in clause), None)
    if air is None:
        return tv
    note(ctx, "massacre_from_the_air", f"«{air}»")
    return Trigger("Explosions/Remote violence", "Air/drone strike", tv.role, tv.weight)


_ATTACK_NOUNS = frozenset(("هجوم", "هجوما", "هجمات", "هجومين", "هجومان", "الهجوم", "الهجمات"))


@rule("attack_from_the_air", reads="role_words.tsv air")
def attack_from_the_air(ctx, best: Match, tv: Trigger, lo: int) -> Trigger:
    """An attack whose doer is aircraft, named in the words before the attack word or right after it with "ب", is an
    air strike: "قامت طائرات حربية تركية بشن هجوم واسع على مقر القيادة", "هجوم بطائرات مسيرة على القاعدة" (not "هجوم
    بري بغطاء جوي": the aircraft cover a ground attack)."""
    if tv.event_type != "Battles" or tv.sub_event_type != "Armed clash":
        return tv
    norm = ctx.nt.norm
    word = (norm[best.start:best.end].split() or [""])[0].lstrip("وبل")
    if word not in _ATTACK_NOUNS:
        return tv
    before = norm[max(lo, best.start - 60):best.start].split()[-6:]
    after = norm[best.end:best.end + 30].split()[:2]
    air = next((w for w in before if any(a in w for a in _AIRCRAFT)), None)
    if air is None:
        air = next((w for w in after if w.startswith("ب") and any(a in w for a in _AIRCRAFT)), None)
    if air is None:
        return tv
    note(ctx, "attack_from_the_air", f"«{air}»")
    return Trigger("Explosions/Remote violence", "Air/drone strike", tv.role, tv.weight)


# the aircraft as doers (not "جوي", "غارة": a word of the strike itself; not "مسيرة" alone, also a march)
_AIRCRAFT = tuple(normalize(w) for w in ("طائرات", "طائرة", "مقاتلات", "الطيران", "طيران", "مروحيات", "مقاتلتين", "قاذفات"))


@rule("exchange_of_fire", reads="role_words.tsv exchange, gunfire")
def exchange_of_fire(ctx, best: Match, tv: Trigger, lo: int) -> Trigger:
    """Gunfire exchanged is a fight between two sides (Armed clash), whatever words stand between the exchanging
    and the fire: "وتبادل الطرفان إطلاق النار", "بعد تبادل كثيف لإطلاق النار"."""
    norm = ctx.nt.norm
    if tv.event_type != "Violence against civilians" or not any(
            w.lstrip("بل") in GUNFIRE for w in norm[best.start:best.end].split()):
        return tv
    before = norm[max(lo, best.start - 50):best.start].split()[-4:]
    word = next((w for w in before if w in EXCHANGE), None)
    if word is None:
        return tv
    note(ctx, "exchange_of_fire", f"«{word}» ... «{ctx.said(best.start, best.end)}»")
    return Trigger("Battles", "Armed clash", "clash", max(tv.weight, 6))


def _swap(ctx, name: str, best: Match, new: Match) -> Match:
    if new is not best:
        note(ctx, name, f"«{ctx.said(new.start, new.end)}» over «{ctx.said(best.start, best.end)}»")
    return new


describe(__name__, "violence_over_truce", """Of two event words of equal weight, one of violence and one of a truce,
the violence is the event (ACLED codes what was done): "خرقت قوات النظام الهدنة بقصف البلدة" is shelling.""")


@rule("territory_in_battle", reads="triggers.tsv TERRITORY")
def territory_in_battle(ctx, trigs: list[Match], best: Match) -> Match:
    """Ground changed hands in the battle, so the clause tells the change of territory (ACLED's rule):
    "تقدمت القوات إلى البلدة بعد معارك"."""
    if best.value.event_type == "Battles" and best.value.sub_event_type == "Armed clash":
        return _swap(ctx, "territory_in_battle", best,
                     next((t for t in trigs if t.value.sub_event_type == "TERRITORY"), best))
    return best


@rule("place_described", reads="role_words.tsv relative, resumptive")
def place_described(ctx, trigs: list[Match], best: Match, lo: int) -> Match:
    """A capture told in a relative clause that points back at the place describes the place by its past; the
    clause tells the event before it: "احتدم القتال في حلب، حيث تسعى القوات استعادة الأماكن التي تمكنت المعارضة
    من السيطرة عليها" is fighting, and so is "صدت الفصائل محاولات القوات استعادة المواقع التي خسرتها"."""
    if best.value.sub_event_type != "TERRITORY":
        return best
    norm = ctx.nt.norm
    before = norm[max(lo, best.start - 70):best.start]
    after = norm[best.end:best.end + 16].split()[:2]
    rel = max((before.rfind(" " + r + " ") for r in RELATIVE), default=-1)
    # the pronoun back to the place after the verb ("سيطرت عليها") or glued to it ("المواقع التي خسرتها")
    glued = norm[best.start:best.end].split()[-1][-2:] in ("ها", "هم") or norm[best.start:best.end].endswith("هما")
    if rel < 0 or "," in before[rel:] or "،" in before[rel:] or not (glued or any(w in RESUMPTIVE for w in after)):
        return best
    at = max(lo, best.start - 70) + rel
    if any(at <= ctx.n(d.start) < best.end + 30 for d in ctx.dates):
        return best  # "القرية التي سيطرت عليها القوات اليوم": a capture dated in its clause is news
    other = next((t for t in sorted(trigs, key=lambda t: -t.value.weight) if t.start < at
                  and t.value.sub_event_type != "TERRITORY" and t.value.event_type in VIOLENT), None)
    return best if other is None else _swap(ctx, "place_described", best, other)


@rule("freed_from_control")
def freed_from_control(ctx, trigs: list[Match], best: Match) -> Match:
    """Ground freed "من سيطرة" a party is taken by the word of freeing before it; the control named after "من" is
    the loser's, no capture of its own: "بدأت القوات عملية تحرير مدينة الرمادي من سيطرة مسلحي التنظيم" (but
    "بعد يوم من سيطرة التنظيم على القرية" is the capture). The freeing word may be an operation named by its aim
    (rule operation_aim), or fighting ("معارك لطرد التنظيم من سيطرة"): the clause tells that."""
    norm = ctx.nt.norm
    if best.value.sub_event_type != "TERRITORY" or not norm[best.start:best.end].startswith("سيطر") \
            or norm[max(0, best.start - 4):best.start] != " من ":
        return best
    freeing = next((t for t in sorted(trigs, key=lambda t: -t.start) if t.start < best.start
                    and best.start - t.end <= 80 and t.value.sub_event_type in ("TERRITORY", "Armed clash")), None)
    return best if freeing is None else _swap(ctx, "freed_from_control", best, freeing)


@rule("weapon_of_attack", reads="triggers.tsv Explosions/Remote violence")
def weapon_of_attack(ctx, trigs: list[Match], best: Match) -> Match:
    """An attack "ب" a stand-off weapon or a bomb (within 20 characters) is that weapon's event: "هجوم بقاذفة
    صواريخ", "هجوم بسيارة مفخخة"."""
    norm = ctx.nt.norm
    if best.value.event_type == "Battles" and norm[best.end:best.end + 3].lstrip().startswith("ب"):
        weapon = next((t for t in trigs if t.value.event_type == "Explosions/Remote violence"
                       and 0 <= t.start - best.end <= 20), None)
        return _swap(ctx, "weapon_of_attack", best, weapon or best)
    return best


@rule("massacre_by_means", reads="role_words.tsv massacre")
def massacre_by_means(ctx, trigs: list[Match], best: Match) -> Match:
    """A massacre told with its means later in the clause, a strike or a bomb after "ب" ("ارتكبت الميليشيات مجزرة
    بحق المدنيين في الحي بقصف عشوائي بصواريخ الكاتيوشا", "مجزرة جديدة بغارة على السوق"), is that strike or
    bombing, the massacre its toll (ACLED codes the means)."""
    norm = ctx.nt.norm
    if best.value.event_type != "Violence against civilians" or not any(
            w.lstrip("وبلل").removeprefix("ال") in MASSACRE for w in norm[best.start:best.end].split()):
        return best
    means = next((t for t in trigs if t.value.event_type == "Explosions/Remote violence" and t.start > best.end
                  and (norm[t.start:t.start + 1] == "ب" or norm[max(0, t.start - 2):t.start].endswith("ب"))), None)
    return _swap(ctx, "massacre_by_means", best, means or best)


@rule("air_defence", reads="role_words.tsv air_defence")
def air_defence(ctx, trigs: list[Match], best: Match, lo: int, hi: int) -> Match:
    """Air defences meeting a strike tell the strike, not a battle: "تصدت دفاعاتنا الجوية لعدوان إسرائيلي
    بالصواريخ"."""
    if best.value.event_type == "Battles" and _AIR_DEFENCE_IN.search(ctx.nt.norm, lo, hi):
        return _swap(ctx, "air_defence", best,
                     next((t for t in trigs if t.value.event_type == "Explosions/Remote violence"), best))
    return best


@rule("downing", reads="role_words.tsv downing")
def downing(ctx, trigs: list[Match], best: Match) -> Match:
    """An aircraft downed struck nothing: a word of downing before the strongest trigger is the event's word,
    "أسقطت الفصائل طائرة مسيرة"."""
    down = next((t for t in trigs if t.phrase.split()[0] in DOWNING and t.start < best.start), None)
    return best if down is None else _swap(ctx, "downing", best, down)


def forced_at(norm: str, lo: int, trig: int) -> int | None:
    """Where a verb of forcing ("أجبر", "أرغم") stands within eight words before the trigger, if one does."""
    for w in reversed(list(NAME_RE.finditer(norm, max(lo, trig - 90), trig))[-8:]):
        if w.group() in FORCED or w.group()[1:] in FORCED:
            return w.start()
    return None


@rule("forced_withdrawal", reads="role_words.tsv forced")
def forced_withdrawal(ctx, best: Match, tv: Trigger, lo: int) -> Trigger:
    """A withdrawal forced by an enemy is ground lost in fighting: "أجبر التنظيم النظام على الانسحاب"."""
    if tv.role == "loss" and tv.event_type == "Strategic developments":
        at = forced_at(ctx.nt.norm, lo, best.start)
        if at is not None:
            note(ctx, "forced_withdrawal", f"«{ctx.nt.norm[at:at + 20].split()[0]}» before «{best.phrase}»")
            return Trigger("Battles", "TERRITORY", "loss", tv.weight)
    return tv


@rule("crewed_aircraft_downed", reads="role_words.tsv manned, unmanned, downing")
def crewed_aircraft_downed(ctx, best: Match, tv: Trigger, hi: int) -> Trigger:
    """A crewed aircraft downed is a clash with its owner: "أسقط التنظيم طائرة مروحية لقوات النظام" (a drone
    downed, "طائرة مسيرة", stays a disrupted weapons use)."""
    norm = ctx.nt.norm
    if tv.sub_event_type == "Disrupted weapons use" and best.phrase.split()[0] in DOWNING and any(
            w in MANNED for w in norm[best.end:hi].split()[:6]) and not any(
            w in norm[best.end:hi] for w in UNMANNED):
        note(ctx, "crewed_aircraft_downed", f"«{best.phrase}» a crewed aircraft")
        return Trigger("Battles", "Armed clash", "clash", tv.weight)
    return tv


@rule("strike_kind", reads="role_words.tsv air")
def strike_kind(ctx, sub: str, event_type: str, trigs: list[Match], clause_norm: str) -> str:
    """A strike is from the air when the clause has a word of aircraft, else shelling: "قصفت الطائرات
    الحربية البلدة" is an air strike, "قصفت المدفعية البلدة" shelling; a shelling told beside an air strike's
    own word in the clause is the air strike."""
    if sub == "STRIKE":
        air = next((w for w in AIR_WORDS if w in clause_norm), None)
        sub = "Air/drone strike" if air is not None else "Shelling/artillery/missile attack"
        note(ctx, "strike_kind", f"«{air}»" if air else "no word of aircraft")
    if event_type == "Explosions/Remote violence" and sub == "Shelling/artillery/missile attack" and any(
        t.value.sub_event_type == "Air/drone strike" for t in trigs
    ):
        note(ctx, "strike_kind", "an air strike's own word in the clause")
        sub = "Air/drone strike"
    if event_type == "Explosions/Remote violence" and sub == "Shelling/artillery/missile attack":
        sub = missiles_from_aircraft(ctx, sub, trigs, clause_norm)
    return sub


_MISSILE = re.compile(r"صاروخ|صواريخ")
_GROUND_FIRE = any_in(GROUND_FIRE)


@rule("missiles_from_aircraft", reads="role_words.tsv air, ground_fire, air_defence")
def missiles_from_aircraft(ctx, sub: str, trigs: list[Match], clause_norm: str) -> str:
    """Missiles fired by aircraft named before them in the clause are an air strike: "وأطلقت طائرة مسيرة صاروخين على
    سيارة قرب البلدة", "استهدفت مقاتلات التحالف بصواريخ موجهة مقرا للتنظيم". Not when the clause names a weapon fired
    from the ground or the sea, or at aircraft ("بالصواريخ وقذائف المدفعية", "صواريخ مضادة للطائرات", "الدفاعات
    الجوية", "أطلقت الفرقاطة صواريخ")."""
    shelling = [t for t in trigs if t.value.sub_event_type == "Shelling/artillery/missile attack"]
    if not shelling or not all(_MISSILE.search(t.phrase) for t in shelling):
        return sub
    if _GROUND_FIRE.search(clause_norm) or any(w in clause_norm for w in AIR_DEFENCE):
        return sub
    # the aircraft told before the missiles, in the same stretch of words: "طائرات حربية أطلقت صواريخ", "استهداف
    # الطيران الحي بصاروخ فراغي" (not "أطلقت صاروخا باتجاه طائرات", "قصف الطائرات، وقصف صاروخي")
    missile = _MISSILE.search(clause_norm)
    before = clause_norm[max(0, missile.start() - 60):missile.start()]
    cut = max(before.rfind(p) for p in ",،.:؛")
    before = before[cut + 1:]
    air = next((w for w in AIR_WORDS if w in before), None)
    if air is None:
        return sub
    note(ctx, "missiles_from_aircraft", f"«{air}»")
    return "Air/drone strike"


describe(__name__, "toll_at_place", """A toll at a place is an event though no word names the fighting: battles when
fighters are among the dead ("وفي محافظة حلب قتل تسعة رجال بينهم ثلاثة من أفراد المعارضة"), else an attack on
civilians ("قتل خمسة مدنيين في إدلب"); "سقط خمسة قتلى" alone tells no one's death.""", reads="toll_nouns.tsv")
describe(__name__, "accident_toll", """A toll told with a cause of accident, disaster or want is no event of violence:
"مصرع سائق وإصابة عشرة في حادث تصادم", "غرق 12 مهاجرا قبالة السواحل".""", reads="role_words.tsv accident")
describe(__name__, "toll_of_fighting", """The dead of a named armed party, told with no place right after fighting,
are that fighting's toll: "... إلى أن عنصرا قتل من وحدات شنكال، كما قتل ستة عناصر من البيشمركة".""")


def toll_trigger(ctx, cl, counts: list, sent_lo: int | None = None) -> Match | None:
    """A clause with no event word but a toll: the trigger the toll gives (rules toll_at_place, toll_of_fighting)."""
    killed = [c for c in counts if c.measure == "killed" and c.value]
    if is_tally(ctx, ctx.n(cl.start), ctx.n_end(cl.end)):
        return None  # a running tally tells no event
    if not killed:
        return inflicted(ctx, cl, sent_lo)
    fighters = any(c.group in ("combatants", "mixed") for c in killed)
    if not ctx.places_in(cl.start, cl.end):
        lo = ctx.n(cl.start)
        named = [c for c in killed if c.of and c.of != "Civilians"]
        if not named or not any(t.value.event_type == "Battles" for t in ctx.within(
                ctx.triggers, max(0, lo - CONTEXT_CHARS), lo)):
            return None
        note(ctx, "toll_of_fighting", f"«{ctx.said(named[0].start, named[0].end)}»")
        return Match(named[0].start, named[0].end, Trigger("Battles", "Armed clash", "clash", 3), TOLL_OF_FIGHTING)
    if not fighters and not any(c.group == "civilians" for c in killed):
        return None  # "سقط خمسة قتلى": who died, and so what happened, is not told
    said = ctx.nt.norm[ctx.n(cl.start):ctx.n_end(cl.end)]
    cause = next((w for w in ACCIDENT if w in said), None)
    if cause is not None:
        note(ctx, "accident_toll", f"«{cause}»")
        return None  # "مصرع سائق وإصابة 10 في حادث تصادم": an accident, no violence
    trig = Trigger("Battles", "Armed clash", "clash", 3) if fighters else \
        Trigger("Violence against civilians", "Attack", "agent", 3)
    c = killed[0]
    note(ctx, "toll_at_place", f"«{ctx.said(c.start, c.end)}» ({'fighters' if fighters else 'civilians'} killed)")
    return Match(c.start, c.end, trig, "toll")


# "أوقعت ... قتلى": a verb of inflicting with its toll noun a few words after it
_INFLICT = re.compile(r"(?<!\S)[وف]?(?:%s)\s+(?:\S+\s+){0,7}?[وب]?(?:%s)(?!\S)" % (
    "|".join(normalize(w) for w in ("أوقع", "أوقعت", "أوقعوا", "أوقعا", "يوقع", "أردى", "أردت", "أردوا",
                                             "كبد", "كبدت", "كبدوا", "تكبد", "تكبدت", "تكبدوا")),
    "|".join(normalize(w) for w in ("قتلى", "قتيلا", "قتيل", "القتلى", "جرحى", "الجرحى", "مصابين", "إصابات", "خسائر",
                                    "الخسائر"))))
_CIVIL = frozenset(normalize(w) for w in ("المدنيين", "مدنيين", "الأهالي", "السكان", "المواطنين", "أطفال", "الأطفال"))


@rule("inflicted_toll")
def inflicted(ctx, cl, sent_lo: int | None = None) -> Match | None:
    """A clause with no event word that tells a side inflicting dead or wounded on another ("أوقع", "أردى", "كبد" with
    "قتلى", "جرحى", "خسائر" a few words after it), at a place it names, tells a clash (or an attack, when the hit are
    civilians), though no number is given: "وأوقعت الوحدات عددا من عناصر المجموعة قتلى وجرحى في قرية الزارة".
    ("توقع" is left out: it is mostly "expects", "توقع الخبراء خسائر".) A clause after an event word of its own
    sentence goes on telling that event ("قصفت القاذفات مواقع التنظيم في المدينة، وفي محيط المطار، وأوقعت عددا من
    القتلى في صفوفه"): no event of its own."""
    if not ctx.places_in(cl.start, cl.end):
        return None
    lo, hi = ctx.n(cl.start), ctx.n_end(cl.end)
    if sent_lo is not None and ctx.within(ctx.triggers, sent_lo, lo):
        return None
    m = _INFLICT.search(ctx.nt.norm, lo, hi)
    if m is None:
        return None
    words = ctx.nt.norm[m.start():min(hi, m.end() + 30)].split()
    civil = not _CIVIL.isdisjoint(w.lstrip("وب") for w in words)
    trig = Trigger("Violence against civilians", "Attack", "agent", 3) if civil else \
        Trigger("Battles", "Armed clash", "clash", 3)
    note(ctx, "inflicted_toll", f"«{ctx.said(m.start(), m.end())}»")
    return Match(m.start(), m.end(), trig, "toll")


@rule("lost_control", reads="role_words.tsv lose_verb")
def lost_control(ctx, best: Match, tv: Trigger, lo: int) -> Trigger:
    """Control as the object of a verb of losing is ground lost, not taken: "فقد الحوثيون السيطرة على المدينة
    لصالح مقاتلين محليين", "خسر التنظيم السيطرة على البلدة أمام الفصائل" (the subject lost it)."""
    norm = ctx.nt.norm
    if tv.role != "gain" or not norm[best.start:best.end].lstrip("و").startswith(("السيطر", "سيطر")):
        return tv
    verb = lose_verb_before(norm, lo, best.start)
    if verb is not None:
        note(ctx, "lost_control", f"«{verb}» before «{best.phrase}»")
        return Trigger(tv.event_type, tv.sub_event_type, "loss", tv.weight)
    return tv


@rule("withdrawal_handover", reads="role_words.tsv handover")
def withdrawal_handover(ctx, best: Match, tv: Trigger, hi: int) -> Trigger:
    """A withdrawal that let another party take the place is ground changing hands: "انسحب مقاتلو التنظيم من دابق
    لتسيطر عليها فصائل المعارضة" (a non-violent transfer, rule handed_over)."""
    if tv.role == "loss" and tv.event_type == "Strategic developments" and any(
            w.lstrip("و") in HANDOVER for w in ctx.nt.norm[best.end:hi].split()[:8]):
        note(ctx, "withdrawal_handover", f"«{best.phrase}» ... a party took over")
        return Trigger("Battles", "TERRITORY", "loss", tv.weight)
    return tv


# what may stand before a headline's doer: quotes, a digest's number, an outlet's names of up to three words each
# cut off by "|", ":" or " - " ("جريدة الرياض | الجيش ...", "وكالة : الجيش ...", "Agency - وكالة الأنباء - الجيش";
# not a clause, "هناك في المدينة ثلاث قوى :")
_HEAD_CUT = re.compile(r"^(?:[\s\"'«»“”]*(?:[^\s|:]+\s+){0,2}[^\s|:]*\s*(?:\||:| - | – ))+")
_HEAD_NOISE = re.compile(r"[\s\d\"'«»“”‘’()\-–.]*")


@rule("headline_present", reads="role_words.tsv headline_verb")
def lasting_state(ctx, t: Match) -> bool:
    """A present-tense verb of a deed (role_words.tsv ``headline_verb``: taking ground, storming, assassinating,
    abducting) tells news only in the document's first sentence (a headline, a lone line), right after its doer who
    opens it: "قوات المعارضة تسيطر على بلدة الزيارة", "الجيش يحرر قرية الصالحية من المسلحين", "مسلحون يغتالون قياديا
    في درعا". Elsewhere, after another word before its doer, or with a
    share or a span ("تسيطر على 60% من", "يسيطر على المدينة منذ 2014") it is a state held: "ولا يزال التنظيم
    يسيطر على معظم الأحياء", "الفصائل التي تسيطر على البلدة" (set aside)."""
    norm = ctx.nt.norm
    verb = norm[t.start:t.end].split()[0] if norm[t.start:t.end].split() else ""
    if verb not in HEADLINE_VERBS and verb.lstrip("وفبلك") not in HEADLINE_VERBS \
            and not (verb.startswith("ال") and verb[2:] in HEADLINE_VERBS):
        return False
    first = next(iter(ctx.doc.spans_of("sentence")), None)
    ok = verb in HEADLINE_VERBS and first is not None and ctx.n(first.start) <= t.start < ctx.n_end(first.end)
    if ok:
        # (any name of a party: "مسلحون يغتالون", "قوات الأمن تقتحم" name a doer though no party of the theatre)
        doer = next((a for a in getattr(ctx, "named", ctx.actors) if ctx.n(first.start) <= a.start < t.start
                     and _HEAD_NOISE.fullmatch(norm[a.end:t.start])), None)
        ok = doer is not None and _HEAD_NOISE.fullmatch(_HEAD_CUT.sub("", norm[ctx.n(first.start):doer.start])) is not None
    if ok:
        after = norm[t.end:min(len(norm), t.end + 60)].split()[:6]
        ok = not any(w.lstrip("و") in ("منذ", "مند") or w.endswith(("%", "٪")) or w in ("بالمئه", "المئه", "بالمائه", "المائه")
                     for w in after)
    if ok:
        return False
    note(ctx, "headline_present", f"«{ctx.said(t.start, t.end)}» a state held, not news")
    return True
