"""Filters: the reasons a word of violence tells no event.

Two kinds. A *trigger filter* sets one event word aside (negated, still to come, an aim, blasts heard,
"تقدم" with no direction). A *clause filter* drops the clause's reading once it is made (talk about
events, a question, a running situation, nothing specific enough to anchor an event). Each filter is a
rule; with a trace, the one that fired is recorded with the words that made it fire.
"""
from __future__ import annotations

import datetime as dt
import re

from ..arabic import normalize
from ..dates import YEAR_KINDS
from ..lexicon import Match
from .mention import Mention
from .rules import describe, note, rule
from .tolls import is_tally, read_counts
from ..tolls import combine
from .words import (RESULT, FREEING, HELD_AREAS, CAMPAIGN_COUNT, STAGE, SURVIVED, CONTEXT_CHARS, DEMONSTRATIVES, DIRECTIONS, GUNFIRE, HABITUAL, HEARD, HELD, LONG_SINCE, OFFERS, RELATIVE, RESUMPTIVE,
                    SPAN_OVER, SUCCESS, TERRITORY_SUBS, TIME_HEADS, TOOK_PART, PREVENT, MOOD, SITUATION, SEIZED_ARMS,
                    HELD_UNDER, VIOLENT, GOODS, SINCE_HOLDING, SINCE_COMPARISON, PERSON_NOUNS, AIRCRAFT,
                    ENTRY_NOT_GROUND, ARMS_HELD, LOST_NOT_GROUND)

# ------------------------------------------------------------------ trigger filters
PROCLITICS = frozenset(("و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "ال", "بال", "وال", "لل"))
describe(__name__, "negated", """A trigger right after a negation (`لم`, `دون`, `أي`: one word between at most), after a plan,
attempt or wish up to three words before it (`يستعد`, `يعتزم`, `حاول`), or an event named as a point in time
(`reference`: "منذ سيطرة التنظيم على المدينة") did not happen: "دون تنفيذ أي غارة".""", reads="cues.tsv negation, modal, reference")
describe(__name__, "still_to_come", """A modal cue right after the trigger tells an operation still to come:
"الهجوم المرتقب على المدينة", "العملية المقبلة"; a word of words, money or minds right after it makes it a
metaphor ("الحرب الإعلامية", "هجوما لاذعا"), but before it is no aim ("الناطق الإعلامي").""", reads="cues.tsv modal, metaphor")
describe(__name__, "aim_not_deed", """A definite verbal noun up to twelve words after a word of aim, with no verb of success
between, is an aim, not a deed: "تحاول قوات النظام منذ أيام السيطرة على التلة" (not "حاولت ... وتمكنت من
السيطرة").""", reads="cues.tsv modal, role_words.tsv success")
describe(__name__, "aim_in_construct", """A verbal noun in construct up to eight words after a word of aim, in the
same phrase, is an aim: "تسعى القوات الموالية للنظام استعادة الأماكن"; so is one joined to the aim by "و" after a comma:
"خلال محاولتهم اقتحام الحي، واستعادة السيطرة على المنطقة".""", reads="cues.tsv modal")
describe(__name__, "front_named", """A word of fighting or control right after a word for where it goes on is a place,
not an event: "وترافق ذلك مع قصف الطيران الحربي على مناطق الاشتباك" is the strike, "أرسل تعزيزات إلى جبهات
القتال" tells no battle, "مناطق سيطرة التنظيم" no capture.""", reads="cues.tsv front")
describe(__name__, "unsure_either", """"إذا ... أم" makes every event of the question unsure: "لم يتضح إذا تمكن
المسلحون من السيطرة على الحاجز أم أن القوات استعادته".""", reads="cues.tsv modal")


NEGATION_REACH = 300


@rule("survived_attempt", reads="role_words.tsv survived")
def survived_attempt(ctx, c: Match, lo: int) -> bool:
    """An attempt someone survived was made: "نجا محافظ المدينة من محاولة اغتيال بعبوة ناسفة استهدفت موكبه" tells
    the bombing (a verb of surviving, role_words.tsv ``survived``, up to four words before "محاولة")."""
    norm = ctx.nt.norm
    if not norm[c.start:c.end].startswith("محاول"):
        return False
    before = norm[max(lo, c.start - 50):c.start].split()[-5:]
    if not any(w in SURVIVED for w in before):
        return False
    note(ctx, "survived_attempt", f"«{ctx.said(c.start, c.end)}»")
    return True


@rule("may_come")
def may_come(ctx, t: Match) -> bool:
    """"قد" with an imperfect verb right after the trigger (one word between at most) tells what may come, not what
    was: "تحصن المسلحون تحسبا لهجمات قد تشنها القوات", "العملية قد تبدأ خلال أيام". The verb opens with ي; or with ت
    after a feminine or plural trigger, not ending in ت ("الاشتباكات قد تصاعدت", "القصف قد تسبب" are past; ن is
    left: "قد نفذ", "و قد نجا طاقمها" are past too)."""
    norm = ctx.nt.norm
    after = norm[t.end:t.end + 40].split()[:3]
    if after and after[0] in ("ال",):
        after = after[1:]
    i = 0 if after[:1] == ["قد"] else 1 if after[1:2] == ["قد"] and after[0] != "و" else -1
    if i < 0 or len(after) <= i + 1:
        return False
    verb = after[i + 1]
    word = norm[t.start:t.end].split()[-1] if norm[t.start:t.end].split() else ""
    feminine = word.endswith(("ة", "ات", "ه"))
    if not (verb[:1] == "ي" or verb[:1] == "ت" and feminine and not verb.endswith("ت") and not verb.startswith("تم")):
        return False
    note(ctx, "may_come", f"«{ctx.said(t.start, t.end)} ... قد {verb}»")
    return True


# triggers in the imperfect whose ت opens no past form: after "قد" they tell what may come ("القوات قد تقصف")
_T_PAST = ("تصد", "تبادل", "تقدم", "تظاهر", "تعرض")


def _imperfect(word: str) -> bool:
    """A verb in the imperfect after "قد": يـ always; تـ when no past form reads the same (تتـ، تستـ, or three
    letters: "تشن"; not "تعرض"، "تمكن"، "تسبب"، "تقدم", past forms that open with ت)."""
    if word.startswith("ي"):
        return True
    return word.startswith("ت") and not word.endswith("ت") and (word.startswith(("تت", "تست")) or len(word) == 3)


@rule("may_come_before")
def may_come_before(ctx, t: Match, lo: int) -> bool:
    """"قد" with a verb in the imperfect up to three words before the trigger, or the trigger itself an imperfect
    right after "قد", tells what may come, not what was: "حذر المسؤول من أن الطيران قد يشن غارات على البلدة",
    "قال المحافظ إن القوات قد تقصف مواقع المسلحين" (not "قد قصفت", "قد تعرضت", past)."""
    norm = ctx.nt.norm
    before = norm[max(lo, t.start - 40):t.start].split()[-4:]
    word = (norm[t.start:t.end].split() or [""])[0]
    if before[-1:] == ["قد"] and word.lstrip("و").startswith(("ي", "ت")) and not word.startswith(_T_PAST) \
            and (word.startswith("ي") or not word.endswith("ت")):
        note(ctx, "may_come_before", f"«قد {ctx.said(t.start, t.end)}»")
        return True
    for i, w in enumerate(before[:-1]):
        if w.lstrip("و") == "قد" and _imperfect(before[i + 1]):
            note(ctx, "may_come_before", f"«قد {before[i + 1]}» ... «{ctx.said(t.start, t.end)}»")
            return True
    return False


EARLIER = frozenset(("سابق", "سابقه", "السابق", "السابقه"))


@rule("earlier_ones")
def earlier_ones(ctx, t: Match) -> bool:
    """A word of violence with "سابق" right after it names earlier deeds recalled, not one that happened now: "كما
    في معارك سابقة في المدينة", "توفي متأثرا بجراحه جراء قصف سابق على البلدة", "هجمات سابقة بالكلور"."""
    after = ctx.nt.norm[t.end:t.end + 12].split()[:1]
    if not after or after[0] not in EARLIER:
        return False
    note(ctx, "earlier_ones", f"«{ctx.said(t.start, t.end)} {after[0]}»")
    return True


BATTLE_NOUNS = frozenset(("معارك", "المعارك", "معركه", "المعركه", "القتال", "قتال", "الحرب", "حرب"))  # (normalised: ة is ه)


@rule("took_part", reads="role_words.tsv took_part")
def took_part(ctx, t: Match, lo: int) -> bool:
    """A word of battle after a word of taking part and "في" tells a role or a career, not a battle that happened:
    "وكان القائد الراحل قد شارك في معارك عديدة ضد التنظيم", "تمثل الكتيبة ركنا في القوات المشاركة في المعركة"
    (not "قتل عنصران في المعارك": no word of taking part)."""
    norm = ctx.nt.norm
    word = (norm[t.start:t.end].split() or [""])[0]
    if word.lstrip("وب") not in BATTLE_NOUNS and not word.startswith(("معارك", "المعارك")):
        return False
    before = norm[max(lo, t.start - 40):t.start].split()[-2:]
    if len(before) < 2 or before[-1] != "في" or before[0].lstrip("و") not in TOOK_PART:
        return False
    note(ctx, "took_part", f"«{ctx.said(t.start, t.end)}» after «{before[0]} في»")
    return True


@rule("prevented_from", reads="role_words.tsv prevent")
def prevented_from(ctx, t: Match, lo: int) -> bool:
    """An event word right after "من" with a verb of preventing before it in its clause (eight words at most) is what
    was prevented, not done: "منع المحامون قوات الأمن من دخول مجمع المحاكم", "يمنع الحصار المدنيين من الخروج"
    (not "منعت القوات المتظاهرين، ثم اقتحمت الساحة": no "من" before the event word)."""
    norm = ctx.nt.norm
    before = norm[max(lo, t.start - 80):t.start].split()
    if not before or before[-1] != "من":
        return False
    word = next((w for w in reversed(before[-9:-1]) if w in PREVENT), None)
    if word is None or any("،" in w or "," in w for w in before[-9:]):
        return False
    note(ctx, "prevented_from", f"«{word}» ... «من {ctx.said(t.start, t.end)}»")
    return True


@rule("pluperfect_relative", reads="role_words.tsv relative")
def pluperfect_relative(ctx, t: Match) -> bool:
    """A deed told in a relative clause in the pluperfect ("الذي كان استولى عليها", "التي كانت قد قصفتها") recalls what
    was done before the story's events, background to them: "تحاول القوات استعادة المدينة من التنظيم الذي كان استولى
    عليها منتصف مايو"; so is a capture with its subject between "كان" and "قد" (one to four words, no comma):
    "قصفت الطائرات البلدة التي كانت الفصائل قد سيطرت عليها قبل شهر" tells the strike, not the capture (other deeds
    told so, "الذي كانت الشرطة قد اعتقلته قبل أيام", are often the story's only telling of them)."""
    before = ctx.nt.norm[max(0, t.start - 60):t.start].split()[-7:]
    qad = before[-1:] == ["قد"]
    if qad:
        before = before[:-1]
    if qad and t.value.sub_event_type == "TERRITORY":
        # the subject between "كان" and "قد": "التي كانت الفصائل المعارضة قد سيطرت عليها"
        k = next((i for i in range(len(before) - 2, len(before) - 6, -1)
                  if i >= 1 and before[i] in ("كان", "كانت", "كانوا")), None)
        if k is not None and before[k - 1] in RELATIVE and not any("،" in w or "," in w for w in before[k:]):
            note(ctx, "pluperfect_relative", f"«{before[k - 1]} {before[k]}» ... «قد {ctx.said(t.start, t.end)}»")
            return True
    if len(before) < 2 or before[-1] not in ("كان", "كانت", "كانوا") or before[-2] not in RELATIVE:
        return False
    note(ctx, "pluperfect_relative", f"«{before[-2]} {before[-1]}» «{ctx.said(t.start, t.end)}»")
    return True


_LED_AWAY = ("اقتاد", "اقتيد", "اقتياد")


@rule("led_away_unknown")
def led_away_unknown(ctx, t: Match) -> bool:
    """A word of leading away ("اقتاد", "اقتيد", "اقتياد", triggers.tsv) is an abduction only when the clause says the
    place is unknown ("مجهول", "مجهولة" within twelve words after it, before a stop): "اقتاد مسلحون ملثمون المدرس من
    منزله إلى جهة مجهولة" is one; "اقتادته دورية الشرطة إلى المخفر للتحقيق" is not."""
    word = (ctx.nt.norm[t.start:t.end].split() or [""])[0]
    if not word.lstrip("وف").startswith(_LED_AWAY):
        return False
    after = re.sub(r"[^\w\s]", " ", re.split(r"[.!?؟;]", ctx.nt.norm[t.end:t.end + 150])[0]).split()[:12]
    if any(w.startswith("مجهول") for w in after):
        return False
    note(ctx, "led_away_unknown", f"«{ctx.said(t.start, t.end)}» with no unknown place")
    return True


# what a word of taking may take without taking ground (rule goods_seized): arms or goods
_ARMS_OR_GOODS = SEIZED_ARMS | GOODS


# words that may stand between "سقطت" and what fell: a time of day, a day ("سقطت أمس طائرة", "سقطت صباح اليوم مروحية")
_FELL_WHEN = frozenset(normalize(w) for w in (
    "أمس", "امس", "اليوم", "صباح", "مساء", "فجر", "ظهر", "عصر", "ليل", "ليلة", "الليلة", "الماضية", "الأول", "السبت",
    "الأحد", "الاثنين", "الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "يوم", "أيضا", "ايضا"))


# words that end the aircraft's phrase before "سقطت": the verb's subject is then another ("الطائرة على البلدة التي سقطت")
_NOT_ADJECTIVE = frozenset(normalize(w) for w in ("على", "في", "من", "إلى", "عن", "بعد", "قبل", "وقت", "حين", "حيث", "ثم"))


@rule("aircraft_fell", reads="role_words.tsv aircraft")
def aircraft_fell(ctx, t: Match) -> bool:
    """A word of falling ("سقطت", "سقط") whose subject is an aircraft tells a crash or a downing, no ground changing
    hands: "سقطت أمس طائرة حربية في سوق المدينة", "وسقطت مروحية عسكرية قرب المطار", "أن مروحية عسكرية سقطت قرب القرية"
    (not "سقطت البلدة بيد التنظيم")."""
    if t.value.sub_event_type != "TERRITORY":
        return False
    norm = ctx.nt.norm
    if not norm[t.start:t.end].lstrip("وف").startswith("سقط"):
        return False
    # the aircraft before it, its adjectives between: "أن الطائرة سقطت", "أن مروحية عسكرية روسية سقطت"
    before = norm[max(0, t.start - 50):t.start].split()[-4:]
    craft = next((w for w in reversed(before) if _bare(w) & AIRCRAFT), None)
    between = before[len(before) - before[::-1].index(craft):] if craft is not None else []
    if craft is not None and not any(p in w for w in [craft] + between for p in ",،.:؛") \
            and not any(w in RELATIVE or w in _NOT_ADJECTIVE for w in between):
        note(ctx, "aircraft_fell", f"«{craft}» «{ctx.said(t.start, t.end)}»")
        return True
    for w in norm[t.end:t.end + 50].split()[:5]:
        if w in _FELL_WHEN or _bare(w) & _FELL_WHEN:
            continue
        if _bare(w) & AIRCRAFT:
            note(ctx, "aircraft_fell", f"«{ctx.said(t.start, t.end)}» «{w}»")
            return True
        return False
    return False


def _words_to_stop(norm: str, at: int, chars: int, most: int) -> list[str]:
    """The words right after ``at`` (within ``chars`` characters, ``most`` of them) up to a stop or a comma."""
    out = []
    for w in norm[at:at + chars].split()[:most]:
        if any(p in w for p in ",،.:؛"):
            break
        out.append(w)
    return out


@rule("entry_no_ground", reads="role_words.tsv entry_not_ground")
def entry_no_ground(ctx, t: Match) -> bool:
    """An entry ("دخل", "دخول") into a war, a battle, a stage or a body, or one made by lorries or envoys, takes no
    ground: "أعلنت أنقرة دخول تركيا الحرب على التنظيم", "نجح الحزب في دخول البرلمان", "ودخلت أمس قافلة مساعدات إلى
    البلدة", "الدخول في مفاوضات" (role_words.tsv ``entry_not_ground`` up to three words after the word of entering,
    or "في" right after "دخول"; not "دخلت القوات المدينة", nor "دخلت في مطلع الشهر قوات إلى المدينة")."""
    if t.value.sub_event_type != "TERRITORY":
        return False
    norm = ctx.nt.norm
    word = norm[t.start:t.end].split()[0] if norm[t.start:t.end].split() else ""
    if not any(f.startswith("دخ") for f in _bare(word) | {word.lstrip("وف")}):
        return False
    after = _words_to_stop(norm, t.end, 60, 3)
    # ("في" right after the verbal noun only: the verb's "في" may open a time, "دخلت في مطلع أيار قوات إلى المدينة")
    hit = "في" if after[:1] == ["في"] and "دخول" in word else next((w for w in after if _bare(w) & ENTRY_NOT_GROUND), None)
    if hit is None:
        return False
    note(ctx, "entry_no_ground", f"«{ctx.said(t.start, t.end)}» «{hit}»")
    return True


@rule("loss_no_ground", reads="role_words.tsv lost_not_ground")
def loss_no_ground(ctx, t: Match) -> bool:
    """A word of losing ("خسر", "يخسر", "خسارة") whose object is a vote, sway, money, backing or a match loses no
    ground: "خسر الحزب الحاكم الأغلبية في البرلمان", "وها هو يخسر نفوذه في اليمن", "خسرت البورصة 12 مليار جنيه",
    "بعد خسارة الفريق المباراة" (role_words.tsv ``lost_not_ground`` up to five words after it, a subject or a
    number between; not "خسر التنظيم مدينة الرقة أمام هجوم القوات", nor men lost, a fight's toll: "خسرت القوات 15 عنصرا")."""
    if t.value.sub_event_type != "TERRITORY":
        return False
    norm = ctx.nt.norm
    words = norm[t.start:t.end].split()
    if len(words) != 1 or not any(f.startswith(("خسر", "يخسر", "تخسر", "خساره")) for f in _bare(words[0])):
        return False
    after = _words_to_stop(norm, t.end, 80, 5)
    hit = next((w for w in after if _bare(w) & LOST_NOT_GROUND), None)
    if hit is None:
        return False
    note(ctx, "loss_no_ground", f"«{ctx.said(t.start, t.end)}» «{hit}»")
    return True


# verbs of beginning right after "منذ أن" ("منذ أن بدأ", "باشر", "شرع", "اندلعت"): a long clause, the start of a span
_SINCE_START = ("بدا", "بدات", "بدوا", "بداوا", "باشر", "شرع", "اندلع")


@rule("since_clause")
def since_clause(ctx, t: Match, lo: int) -> bool:
    """An event word in a clause of "منذ أن" (since ...), up to four words after it, names the point a tally or a
    state runs from, no event of its own: "نزح آلاف السكان منذ أن بدأت القوات هجومها على المدينة", "قتل 17
    جنديا منذ أن بدأ المسلحون شن هجماتهم في تموز" (rule negated takes "منذ أن" one word before it; not past a comma).
    Up to eight words after it when a verb of beginning opens the clause: "قتل 12 شرطيا منذ أن باشر مقاتلو الجبهة
    الشعبية المسلحة شن هجمات يومية"."""
    norm = ctx.nt.norm
    before = norm[max(lo, t.start - 100):t.start].split()[-10:]
    k = next((i for i in range(len(before) - 1) if before[i].lstrip("و") in ("منذ", "مند") and before[i + 1] == "ان"),
             None)
    most = 8 if k is not None and k + 2 < len(before) and before[k + 2].startswith(_SINCE_START) else 4
    if k is None or len(before) - k - 2 > most or any(p in w for w in before[k:] for p in ",،.:؛"):
        return False
    note(ctx, "since_clause", f"«{' '.join(before[k:k + 2])}» ... «{ctx.said(t.start, t.end)}»")
    return True


# the words of a missile or a shell as an event word (triggers.tsv "صاروخ*", "صواريخ*", "قذيفة", "قذائف")
_WEAPON_NOUNS = ("صاروخ", "صاروخا", "صاروخين", "صاروخان", "صواريخ", "قذيفه", "قذيفتين", "قذيفتان", "قذايف", "الصاروخ",
                 "الصواريخ", "القذيفه", "القذايف")
# a verb or noun of firing, hitting or destroying before the weapon in its clause: the weapon was used, or its store hit
_FIRED = ("اطلق", "يطلق", "تطلق", "قصف", "استهدف", "يستهدف", "تستهدف", "سقط", "سقوط", "ضرب", "اصاب", "دمر", "تدمير",
          "يدمر", "تدمر")


@rule("arms_held", reads="role_words.tsv arms_held")
def arms_held(ctx, t: Match, lo: int) -> bool:
    """A missile or a shell named as a weapon held, made, moved or deployed is no strike: "تمتلك الميليشيات ترسانة
    من الصواريخ والمضادات", "تجري الدولة تطوير صاروخ باليستي جديد", "نشر صاروخ عابر للقارات", "معمل لتصنيع الصواريخ"
    (role_words.tsv ``arms_held`` up to five words before the weapon's word in its clause, no word of firing,
    hitting or destroying before it in the sentence: not "قال بيان نشر الجيش إن المسلحين أطلقوا صواريخ على البلدة", nor
    "دمرت المقاتلات مخازن ومعملا لتصنيع الصواريخ", a strike)."""
    if t.value.event_type != "Explosions/Remote violence":
        return False
    norm = ctx.nt.norm
    word = (norm[t.start:t.end].split() or [""])[0]
    if len(norm[t.start:t.end].split()) != 1 or not (_bare(word) & set(_WEAPON_NOUNS)):
        return False
    before = norm[max(lo, t.start - 70):t.start].split()[-5:]
    k = next((i for i in range(len(before) - 1, -1, -1) if _bare(before[i]) & ARMS_HELD), None)
    if k is None or any(p in w for w in before[k:] for p in ",،.:؛"):
        return False
    # (the sentence, not the clause: "دمرت المقاتلات مخازن للذخيرة، ومعملا لتصنيع الصواريخ" is cut before "ومعملا")
    back = norm[max(0, t.start - 160):t.start]
    back = back[max(back.rfind("."), back.rfind("\n"), back.rfind("؟")) + 1:]
    if any(any(f.startswith(_FIRED) for f in _bare(w)) for w in back.split()):
        return False
    note(ctx, "arms_held", f"«{before[k]}» ... «{ctx.said(t.start, t.end)}»")
    return True


@rule("goods_seized", reads="role_words.tsv seized_arms, goods")
def goods_seized(ctx, t: Match) -> bool:
    """A word of taking whose object is arms or goods takes no ground: "تمكنت الحركة من الاستيلاء على الأسلحة التي
    تركتها القوات", "استولى المسلحون على سيارات وأموال", "الأسلحة التي استولت عليها القوات" (not "استولى المسلحون
    على البلدة")."""
    if t.value.sub_event_type != "TERRITORY":
        return False
    norm = ctx.nt.norm
    before = norm[max(0, t.start - 30):t.start].split()[-2:]
    if len(before) == 2 and before[1] in RELATIVE and _bare(before[0]) & _ARMS_OR_GOODS:
        note(ctx, "goods_seized", f"«{before[0]}» «{ctx.said(t.start, t.end)}»")
        return True  # "الأسلحة التي استولت عليها القوات"
    phrase = norm[t.start:t.end].split()
    after = norm[t.end:t.end + 60].split()[:6]
    if phrase[-1:] != ["علي"]:
        # the object after "على", a subject and a day between at most: "استولى المسلحون أمس على سيارات"
        k = next((i for i, w in enumerate(after) if w == "علي"), None)
        # (a comma right after the verb is the writer's pause: "استولوا، على إحدى المدرعات")
        if k is None or any(w not in ("،", ",") and ("،" in w or "," in w) for w in after[:k]):
            return False
        after = after[k + 1:]
    # (the object or the noun after its quantifier: "على جميع مقرات الحركة", "على قطعتي سلاح", "على إحدى المدرعات")
    word = next((w for w in after[:2] if _bare(w) & _ARMS_OR_GOODS), None)
    if word is None:
        return False
    note(ctx, "goods_seized", f"«{ctx.said(t.start, t.end)}» «{word}»")
    return True


@rule("held_under", reads="role_words.tsv held_under")
def held_under(ctx, t: Match, lo: int) -> bool:
    """"لسيطرة" a few words after a present-tense verb of being under control tells a place held, not taken: "تخضع
    البلدة القديمة لسيطرة الفصائل منذ عامين", "لا تزال الأحياء الشرقية لسيطرة التنظيم" (not the past "خضعت
    البلدة لسيطرة الفصائل أمس", which may tell the taking). Six words at most between, no comma."""
    norm = ctx.nt.norm
    if t.value.sub_event_type != "TERRITORY" or not (norm[t.start:t.start + 2] == "لس" or norm[t.start - 1:t.start] == "ل"):
        return False
    before = norm[max(lo, t.start - 70):t.start].split()
    if before[-1:] == ["ل"]:
        before.pop()  # the "ل" of "لسيطرة" when the trigger starts after it: no word between
    before = before[-7:]
    k = next((i for i in range(len(before) - 1, -1, -1) if before[i] in HELD_UNDER), None)
    if k is None or any("،" in w or "," in w for w in before[k:]):
        return False
    note(ctx, "held_under", f"«{before[k]}» ... «{ctx.said(t.start, t.end)}»")
    return True


@rule("freed_control_no_capture", reads="role_words.tsv freeing")
def freed_control(ctx, t: Match, lo: int) -> bool:
    """"من سيطرة X" (the control of X, no article) after a word of freeing, up to five words back, is what a place is
    freed from, a holding, no capture of X's, where the freeing itself told no event (an aim, a plan: rule
    freed_from_control takes the freeing word when it does): "انطلاق العمليات لتحرير الأنبار من سيطرة التنظيم" (not "بعد ساعات من
    سيطرة المقاتلين عليه", the capture told)."""
    norm = ctx.nt.norm
    if t.value.sub_event_type != "TERRITORY" or not norm[t.start:t.end].startswith("سيطر"):
        return False
    before = norm[max(lo, t.start - 60):t.start].split()
    if before[-1:] != ["من"]:
        return False
    k = next((w for w in before[-6:-1] if w.lstrip("وبل").removeprefix("ال").startswith(FREEING)), None)
    if k is None:
        return False
    note(ctx, "freed_control_no_capture", f"«{k}» ... «من {ctx.said(t.start, t.end)}»")
    return True


@rule("areas_described", reads="role_words.tsv relative, resumptive, held_areas")
def areas_described(ctx, t: Match, lo: int) -> bool:
    """A capture told in an undated relative clause on areas in general, the pronoun pointing back ("المناطق التي
    سيطر عليها مسلحو المعارضة", "القرى التي استولى عليها التنظيم"), describes the ground a party holds, no event:
    "حكومة مؤقتة تتولى شؤون المناطق التي سيطر عليها مسلحو المعارضة" (not "القرية التي سيطرت عليها القوات اليوم",
    dated, nor a place named: "بلدة مورك التي سيطرت عليها الفصائل")."""
    if t.value.sub_event_type != "TERRITORY":
        return False
    norm = ctx.nt.norm
    before = norm[max(lo, t.start - 40):t.start].split()
    if len(before) < 2 or before[-1] not in RELATIVE or before[-2].lstrip("وبلف") not in HELD_AREAS:
        return False
    word = norm[t.start:t.end].split()[-1]
    after = norm[t.end:t.end + 16].split()[:2]
    if not (word.endswith(("ها", "هم", "هما")) or any(w in RESUMPTIVE for w in after)):
        return False
    if any(t.start - 40 <= ctx.n(d.start) < t.end + 40 for d in ctx.dates):
        return False
    note(ctx, "areas_described", f"«{before[-2]} {before[-1]} {ctx.said(t.start, t.end)}»")
    return True


@rule("seizure_of_arms", reads="role_words.tsv seized_arms")
def seizure_of_arms(ctx, t: Match) -> bool:
    """A seizure ("ضبطت", "ضبط") is a disrupted use of weapons only when weapons are what was seized, in the dozen
    words after it: "ضبطت القوات مخزنا للأسلحة والذخائر"; "ضبطت أجهزة الأمن 16 ألف لتر سولار قبل بيعها" (fuel, drugs,
    wanted men) tells no event."""
    word = (ctx.nt.norm[t.start:t.end].split() or [""])[0]
    if not word.lstrip("و").startswith(("ضبط", "يضبط", "تضبط")) or t.value.sub_event_type != "Disrupted weapons use":
        return False
    after = ctx.nt.norm[t.end:t.end + 120].split()[:12]
    if any(_bare(w) & SEIZED_ARMS for w in after):
        return False
    note(ctx, "seizure_of_arms", f"«{word}»: no weapons seized")
    return True


def _bare(w: str) -> set[str]:
    """The word, without one proclitic (و، ب، ل، وب، ول، بال، وال، لل) and without its article: "وبالأسلحة" holds
    "الاسلحه" and "اسلحه"."""
    forms = {w}
    for p in ("وبال", "وال", "بال", "لل", "وب", "ول", "و", "ب", "ل"):
        if w.startswith(p) and len(w) > len(p) + 2:
            forms.add(w[len(p):] if not p.endswith("ال") and p != "لل" else "ال" + w[len(p):])
    return forms | {f[2:] for f in forms if f.startswith("ال")}


_ON = ("على", "علي")  # (normalised text writes ى as ي)
# a preposition before the mood phrase: the mood is the scene, the party after the verb its subject ("وسط حالة من الذعر
# سيطرت القوات على البلدة")
_SCENE = frozenset(("وسط", "ووسط", "ظل", "بسبب", "رغم", "مع", "بعد", "عند", "وعند", "لدى", "اثر"))


@rule("mood_takes_hold", reads="role_words.tsv mood, situation")
def mood_takes_hold(ctx, t: Match, lo: int) -> bool:
    """A verb of control whose subject is a mood or a state of things, right after it or just before it, tells a
    calm or a fear that "took hold", and one whose object is a situation, a fire or a brawl tells it brought under
    control; no ground taken: "سيطر الهدوء الحذر على المدينة", "قالت المصادر إن حالة من الغضب سيطرت على الضباط",
    "سيطرت قوات الأمن على الاشتباكات" (not "وسط حالة من الذعر سيطرت القوات على البلدة", nor "وعند هدوء القصف عادوا وسيطروا
    على المدينة": a verb joined by و has a subject of its own)."""
    norm = ctx.nt.norm
    phrase = norm[t.start:t.end].split()
    word = phrase[:1]
    if not word or "سيطر" not in word[0][:6]:
        return False
    after = norm[t.end:t.end + 40].split()[:1]
    before = norm[max(lo, t.start - 60):t.start].split()[-4:]
    subject = next((w for w in after if w in MOOD or w.lstrip("و") in MOOD), None)
    joined = word[0].startswith("و") or norm[max(0, t.start - 1):t.start] == "و"  # (the clitic may lie before the match)
    if subject is None and not joined and not _SCENE.intersection(before):
        subject = next((w for w in before if w in MOOD or w.lstrip("و") in MOOD), None)
    if subject is None:
        # what is brought under control: "سيطرت قوات الأمن على الاشتباكات", "تمت السيطرة على الحريق"
        ahead = (["علي"] if phrase[-1] in _ON else []) + norm[t.end:t.end + 60].split()[:4]
        k = next((i for i, w in enumerate(ahead) if w in _ON), None)
        subject = ahead[k + 1] if k is not None and k + 1 < len(ahead) and ahead[k + 1] in SITUATION else None
    if subject is None:
        return False
    note(ctx, "mood_takes_hold", f"«{subject}» «{ctx.said(t.start, t.end)}»")
    return True


def negated(ctx, t: Match, lo: int) -> bool:
    """A trigger right after a negation (لم، دون، أي) or shortly after a modal (بهدف، يستعد، حاول) did not happen
    (rules negated, still_to_come, aim_not_deed, aim_in_construct, unsure_either)."""
    norm = ctx.nt.norm
    if may_come(ctx, t) or may_come_before(ctx, t, lo) or took_part(ctx, t, lo) or earlier_ones(ctx, t) \
            or prevented_from(ctx, t, lo) or mood_takes_hold(ctx, t, lo) or seizure_of_arms(ctx, t) \
            or held_under(ctx, t, lo) or goods_seized(ctx, t) or aircraft_fell(ctx, t) or entry_no_ground(ctx, t) \
            or loss_no_ground(ctx, t) or arms_held(ctx, t, lo) or since_clause(ctx, t, lo) or pluperfect_relative(ctx, t) \
            or led_away_unknown(ctx, t) or freed_control(ctx, t, lo) \
            or areas_described(ctx, t, lo):
        return True
    # (cues up to NEGATION_REACH characters back: an aim reaches a dozen words, no more; not the whole of a sentence
    # again for each of its triggers, which made one long sentence quadratic)
    for c in ctx.within(ctx.cues, max(lo, t.start - NEGATION_REACH), t.end + 2):
        if c.value in ("modal", "metaphor") and t.end <= c.start and len(norm[t.end:c.start].split()) == 0:
            note(ctx, "still_to_come", f"«{ctx.said(t.start, c.end)}»")
            return True  # "العملية المقبلة", "الهجوم المرتقب": an operation still to come
        if c.value == "front" and c.end <= t.start and not [w for w in norm[c.end:t.start].split() if w != "ال"]:
            note(ctx, "front_named", f"«{ctx.said(c.start, t.end)}»")
            return True  # "قصف على مناطق الاشتباك", "تعزيزات إلى جبهات القتال": a place, no fighting told
        if c.value not in ("negation", "modal", "reference", "memory", "court") or c.start < lo or c.start >= t.start:
            continue
        if c.value == "modal" and survived_attempt(ctx, c, lo):
            continue
        if c.end > t.start:  # the cue's open ending swallowed the trigger: "يستعد لهجومه"
            note(ctx, "negated", f"«{ctx.said(c.start, t.end)}» ({c.value})")
            return True
        # (a proclitic the trigger's match left behind, "ب" of "بقصف", is no word between)
        between = [w for w in norm[c.end:t.start].split() if w not in PROCLITICS]
        if len(between) <= (3 if c.value in ("modal", "memory", "court") else 1):
            note(ctx, "negated", f"«{ctx.said(c.start, t.end)}» ({c.value})")
            return True  # (a reference in time, cues.tsv "reference": "منذ سيطرة التنظيم على المدينة")
        if c.value == "modal" and subjunctive(ctx, c, t, between):
            return True
        if c.value == "modal" and not any(w.lstrip("و") in SUCCESS for w in between):
            # (not "حاولت ... وتمكنت من السيطرة": it succeeded)
            definite = "ال" in (norm[t.start:t.start + 2], norm[max(0, t.start - 2):t.start])
            if len(between) <= 12 and definite:
                note(ctx, "aim_not_deed", f"«{ctx.said(c.start, c.end)}» ... «{ctx.said(t.start, t.end)}»")
                return True  # an aim, not a deed: "تحاول قوات النظام ... السيطرة على", "تسعى ... إلى السيطرة"
            gap = norm[c.end:t.start]
            # (a comma ends the aim's phrase, unless the verbal noun is joined to it by "و" right after the comma:
            # "خلال محاولتهم اقتحام الحي، واستعادة السيطرة على المنطقة")
            joined = ("،" in gap or "," in gap) and gap.replace(",", "،").split("،")[-1].strip() == "و"
            if len(between) <= 8 and not definite and norm[t.end:t.end + 3].strip()[:2] == "ال" \
                    and ("،" not in gap and "," not in gap or joined) \
                    and norm[t.start:t.start + 1] not in "تيسن":
                note(ctx, "aim_in_construct", f"«{ctx.said(c.start, c.end)}» ... «{ctx.said(t.start, t.end)}»")
                return True  # a verbal noun in construct: "تسعى القوات الموالية للنظام استعادة الأماكن"
        if c.value == "modal" and c.phrase == "اذا" and "ام" in between:
            note(ctx, "unsure_either", f"«{ctx.said(c.start, t.end)}»")
            return True  # "لم يتضح إذا تمكن المسلحون من السيطرة ... أم أن القوات استعادتها": both unsure
    return False


@rule("subjunctive_reach")
def subjunctive(ctx, c, t: Match, between: list[str]) -> bool:
    """A verb in the subjunctive ("أن" and an imperfect) right after a modal cue carries the cue's doubt to its
    object however long its subject: "نتوقع أن تشن الطائرات الحربية الروسية غارات على المدينة", "هددت الفصائل بأن
    تقصف قواتها مواقع النظام" tell what may come. Not past a comma, a relative ("أن يرتفع عدد ضحايا الغارات التي
    شنتها"), or a word of success (it happened)."""
    if len(between) > 10 or len(between) < 3:
        return False
    gap = ctx.nt.norm[c.end:t.start]
    if "،" in gap or "," in gap or "." in gap:
        return False
    k = next((i for i, w in enumerate(between[:3]) if w in ("ان", "بان", "وان")), None)
    if k is None or k + 1 >= len(between):
        return False
    verb = between[k + 1]
    if len(verb) < 3 or verb[0] not in "تين" or verb in ("تم", "تمت") \
            or any(w in RELATIVE or w.lstrip("و") in SUCCESS for w in between):
        return False
    note(ctx, "subjunctive_reach", f"«{ctx.said(c.start, c.end)}» ... «أن {verb}» ... «{ctx.said(t.start, t.end)}»")
    return True


@rule("advance_direction", reads="role_words.tsv direction")
def directed(ctx, t: Match, hi: int) -> bool:
    """"تقدم" is an advance only with a word of direction within four words after it and no word of an offer
    ("بشكوى", "بطلب"): "تقدمت قوات النظام نحو البلدة" is an advance; "تقدم المحكمة إغراءات" and "تقدمت الحكومة
    بشكوى إلى مجلس الأمن" are offers."""
    raw = ctx.nt.norm[t.end:hi].split()[:4]
    words = [w[1:] if w[:1] in "بف" and w[1:] in DIRECTIONS else w for w in raw]
    ok = not any(w in OFFERS for w in raw) and (not words or any(
        w in DIRECTIONS or any(w == d + p for d in DIRECTIONS for p in ("ها", "ه", "هم", "هما"))
        for w in words))  # "تقدمت إليها"
    if not ok:
        note(ctx, "advance_direction", f"«{ctx.said(t.start, t.end)}» with no direction after it")
    return ok


@rule("blast_heard", reads="role_words.tsv heard")
def heard(ctx, lo: int, t: Match) -> bool:
    """Blasts or gunfire heard are no event of their own: "دوي ثلاثة انفجارات سمع في المدينة", "سماع أصوات
    الانفجارات وإطلاق النار الكثيف", "إطلاق نار سمع ليلا قرب السفارة"."""
    norm = ctx.nt.norm
    fire = any(w.lstrip("وبل") in GUNFIRE for w in norm[t.start:t.end].split())
    out = (t.value.event_type == "Explosions/Remote violence" or fire) and (any(
        w in HEARD for w in norm[max(lo, t.start - 25):t.start].split()[-3:]) or (
        fire and norm[t.end:t.end + 12].split()[:1] in (["سمع"], ["سمعت"], ["يسمع"], ["تسمع"])))
    if out:
        note(ctx, "blast_heard", f"«{ctx.said(t.start, t.end)}» heard")
    return out


# the words a weapon and its holder may have between them: "شحنة من الصواريخ", "منصة لإطلاق الصواريخ"
_HELD_LINKS = frozenset(("من", "لاطلاق", "اطلاق"))


@rule("weapon_held", reads="role_words.tsv held")
def held(ctx, lo: int, t: Match) -> bool:
    """A weapon right after a word of supply, holding or a unit is traded, held or names the unit, not fired:
    "تخشى إسرائيل نقل صواريخ متطورة إلى الحزب", "تسلمت القوات شحنة من الصواريخ", "هاجم المسلحون كتيبة
    الصواريخ" (the attack is the event, no shelling). A weapon after "ب" is the means of what is told ("قصفت
    القوات البلدة بالصواريخ"), never held."""
    if t.value.event_type != "Explosions/Remote violence":
        return False
    norm = ctx.nt.norm
    before = norm[max(lo, t.start - 40):t.start]
    if before[-1:] == "ب" or before.endswith("بال"):
        return False
    words = before.split()[-2:]
    if words and words[-1] in _HELD_LINKS:
        words = words[:-1]
    out = bool(words) and (words[-1] in HELD or words[-1][:1] == "و" and words[-1][1:] in HELD)
    if out:
        note(ctx, "weapon_held", f"«{ctx.said(t.start, t.end)}» after «{words[-1]}»")
    return out


@rule("habitual_relative", reads="role_words.tsv habitual, relative, resumptive, time_head")
def habitual(ctx, t: Match, lo: int, hi: int) -> bool:
    """An event word right after a verb of carrying out in the present tense that follows a relative pronoun
    ("ولم يصدر تعليق عن حركة طالبان التي تشن هجمات انتحارية في الولاية") or comes before "منها" ("كانت القرية
    قاعدة يشن منها المسلحون هجماتهم") says what a party does as a habit, or what a place serves for: no event is
    told. Not after a noun of time ("في الوقت الذي يشن الطيران غارات على المدينة" tells one), nor in a clause
    with a date ("التي تشن هجوما على المدينة منذ صباح اليوم")."""
    norm = ctx.nt.norm
    words = norm[max(lo, t.start - 60):t.start].split()
    for i in range(max(0, len(words) - 4), len(words)):
        w = words[i]
        if w.lstrip("و") not in HABITUAL:
            continue
        after_relative = i > 0 and words[i - 1] in RELATIVE and not (i > 1 and words[i - 2].lstrip("وفب") in TIME_HEADS)
        from_place = i + 1 < len(words) and words[i + 1] in RESUMPTIVE and words[i + 1].startswith("من")
        if not (after_relative or from_place):
            continue
        if ctx.starting(ctx.dates, ctx.nt.orig(lo), ctx.nt.orig(hi)):
            return False
        note(ctx, "habitual_relative", f"«{w}» ... «{ctx.said(t.start, t.end)}»")
        return True
    return repeated(ctx, t, lo, hi)


@rule("habitual_repeated", reads="cues.tsv repeated, kill")
def repeated(ctx, t: Match, lo: int, hi: int) -> bool:
    """An adverb of repetition after the event word ("بشكل متكرر", "باستمرار", "مرارا") tells what a party does again
    and again, no one event, in a clause that tells no day and no killing: "يتهم النظام الفصائل بقصف الأحياء
    السكنية بشكل متكرر" ("قصفت الطائرات البلدة أمس بشكل متكرر ما أدى إلى مقتل ثلاثة" is one)."""
    if not ctx.has_cue(t.end, hi, "repeated") or ctx.has_cue(lo, hi, "kill"):
        return False
    vague = [(ctx.nt.orig(c.start), ctx.nt.orig_end(c.end)) for c in ctx.within(ctx.cues, lo, hi) if c.value == "repeated"]
    if any(not any(a <= d.start < b for a, b in vague) for d in ctx.starting(ctx.dates, ctx.nt.orig(lo), ctx.nt.orig(hi))):
        return False  # a day told ("أمس"); "في الآونة الأخيرة" (lately) is itself a repetition's, no day
    note(ctx, "habitual_repeated", f"«{ctx.said(t.start, t.end)}»")
    return True


# ------------------------------------------------------------------ clause filters
@rule("strategic_needs_actor")
def strategic_without_actor(ctx, m: Mention) -> bool:
    """A strategic development of nobody named is talk ("انسحب من المحادثات", "تم توقيفها"): ACLED codes
    none without the party that makes it."""
    if m.event_type == "Strategic developments" and not m.actor1:
        note(ctx, "strategic_needs_actor", f"«{m.trigger.phrase}» with no actor 1")
        return True
    return False


@rule("opinion", reads="cues.tsv opinion")
def opinion(ctx, m: Mention, cl, lo: int, best: Match) -> bool:
    """Talk about events, not a report of one: "اعتبر الرئيس أن القصف جريمة", "أعرب عن قلقه إزاء تكرار
    عمليات القصف"; a condemnation that names the place (not only the country) or the toll ("أدان الهجوم
    الذي استهدف معبر باب الهوى وخلف 12 قتيلا") still tells it."""
    told_toll = any((t or {}).get("value") not in (None, 1) for t in (m.fatalities, m.injured))
    cue = next((c for c in ctx.within(ctx.cues, lo, best.start) if c.value == "opinion" and not _the_victim(ctx, c)), None)
    if cue is not None and not (told_toll or pointed(ctx, best) or occurrence_told(ctx, cl, best)):
        note(ctx, "opinion", "a word of opinion before the trigger, no place with its day, or toll, told")
        return True
    return False


# verbs and nouns of being killed, hurt or taken: a word of opinion right after one is whom it befell
_BEFELL = ("قتل", "مقتل", "استشهد", "اصيب", "اصابه", "جرح", "اعتقل", "اعتقال", "خطف", "اختطف", "لقي")


@rule("opinion_word_a_victim", reads="role_words.tsv person_noun")
def _the_victim(ctx, c: Match) -> bool:
    """A word of opinion that is also a noun of a person ("طالب": he demanded, and a student), right after a verb of
    being killed or hurt, is the victim, no opinion: "وقتل طالب جامعي في قصف على البلدة"."""
    norm = ctx.nt.norm
    w = norm[c.start:c.end]
    if " " in w or w not in PERSON_NOUNS:
        return False
    before = norm[max(0, c.start - 16):c.start].split()[-1:]
    if before and before[0].lstrip("و").startswith(_BEFELL):
        note(ctx, "opinion_word_a_victim", f"«{ctx.said(c.start, c.end)}» after «{before[0]}»")
        return True
    return False


def _words_back(norm: str, at: int, n: int, lo: int) -> int:
    """Where the n-th word before `at` starts (not before lo)."""
    i = at
    for _ in range(n):
        i = norm.rfind(" ", lo, max(lo, i - 1))
        if i < lo:
            return lo
    return i + 1


def pointed(ctx, t: Match) -> bool:
    """"هذه الغارة": a demonstrative points at the event told in the story; the clause joins it (merge's
    refers_back) and makes no event of its own."""
    before = ctx.nt.norm[max(0, t.start - 8):t.start].split()
    return bool(before) and before[-1].lstrip("وب") in DEMONSTRATIVES


@rule("commented_needs_day")
def occurrence_told(ctx, cl, t: Match) -> bool:
    """Under a word of opinion, an event is told (not only named) when its clause gives both its place and its
    day after the event word, or its day within a few words before it (a day further before is the speaker's:
    "طالبت العائلات اليوم في مدينة تعز بمحاكمة المتورطين في قصف"): "أدان الوزير الهجوم على حاجز في مدينة رفح أمس" tells it; "دعت المنظمة إلى محاسبة المسؤولين عن قصف
    المستشفى في مدينة دوما" and "طالب البرلمان بالتحقيق في عمليات الاغتيال في بنغازي" only name one told
    elsewhere, or none in particular. (A demonstrative, "ودان الأمين العام هذه الغارة", points at the event told
    in the story: the clause joins it.)"""
    at = ctx.nt.orig(t.start)
    if not any((p.get("geo_precision") or 1) < 3 for p in ctx.places_in(at, cl.end)):
        return False
    # the event's day: after its word, or right before it ("تعرضوا أول من أمس لكمين")
    near = ctx.nt.orig(_words_back(ctx.nt.norm, t.start, 4, ctx.n(cl.start)))
    if any(d.start not in ctx.page_dates for d in ctx.starting(ctx.dates, near, cl.end)):
        return True
    note(ctx, "commented_needs_day", "a place, but no day of its own after the event word")
    return False


@rule("question")
def question(ctx, sent) -> bool:
    """A question asks, it tells nothing: "هل قصفت الطائرات الروسية المستشفى؟", "من يقف وراء تفجير الكنيسة؟"."""
    if sent.text.rstrip(" \"'»)").endswith(("؟", "?")):
        note(ctx, "question", "the sentence ends with a question mark")
        return True
    return False


@rule("ongoing_situation", reads="cues.tsv ongoing, role_words.tsv long_span")
def ongoing(ctx, lo: int, hi: int, best: Match) -> bool:
    """A running situation, not one event (ACLED codes the events, not the state): "وتشهد سوريا منذ ما يقرب
    من عامين حركة احتجاجات", "تشهد المدينة مواجهات منذ أربعة أشهر"."""
    if ctx.has_cue(lo, best.start, "ongoing"):
        since = LONG_SINCE.search(ctx.nt.norm, lo, hi)
        if since:
            note(ctx, "ongoing_situation", f"«{ctx.said(since.start(), since.end())}»")
            return True
        return ongoing_over_span(ctx, lo, best)
    return False


# how far before a counted campaign word its verb of a lasting state may stand
CAMPAIGN_REACH = 60


@rule("campaigns_summed", reads="cues.tsv ongoing, role_words.tsv campaign_count, stage")
def campaigns(ctx, m: Mention, cl, lo: int, hi: int, best: Match) -> bool:
    """Two campaigns counted ("هجومين منفصلين", "لعمليتين عسكريتين") after a verb of a lasting state ("تشهد",
    "يتعرض", "يخوض") or as what a place is the stage of ("تشكل المحافظة مسرحا لـ"), with no day of their own,
    summarise the operations told after them, no event of their own: "وتشهد المحافظة في الوقت الراهن هجومين
    منفصلين ضد التنظيم، حيث تحاول القوات التقدم نحو المدينة" (each operation is told as its own event later)."""
    if m.date is not None and cl.start <= m.date.start < cl.end:
        return False  # "تشهد المدينة اليوم هجومين": a day's events
    norm = ctx.nt.norm
    pos = lo
    for w in norm[lo:min(hi, best.end + 40)].split():
        at = norm.find(w, pos)
        pos = at + len(w)
        bare = w[1:] if w[:1] in "لبو" and w[1:] in CAMPAIGN_COUNT else w
        if bare not in CAMPAIGN_COUNT:
            continue
        if at > best.end:
            return False
        if ctx.has_cue(max(lo, at - CAMPAIGN_REACH), at, "ongoing") \
                or not STAGE.isdisjoint(norm[max(lo, at - CAMPAIGN_REACH):at].split()):
            note(ctx, "campaigns_summed", f"«{ctx.said(at, at + len(w))}»")
            return True
        return False
    return False


@rule("ongoing_over_span", reads="cues.tsv ongoing, role_words.tsv tally_span")
def ongoing_over_span(ctx, lo: int, best: Match) -> bool:
    """A verb of a running state before the event word with a span of weeks or months before it ("خلال",
    "طوال", "على مدى" and the span) tells the state over that span, not one event: "ظلت البلدة طوال ثلاثة أسابيع
    من بدء الهجوم تشهد قصفا متواصلا", "وتعيش المدينة خلال الأسابيع الماضية على وقع معارك"."""
    span = SPAN_OVER.search(ctx.nt.norm, lo, best.start)
    if span is None:
        return False
    note(ctx, "ongoing_over_span", f"«{ctx.said(span.start(), span.end())}»")
    return True


@rule("over_a_span", reads="role_words.tsv tally_span")
def over_a_span(ctx, m: Mention, lo: int, hi: int, best: Match) -> bool:
    """Fighting told over weeks, months or years right after its word ("على مدى", "طوال", "خلال" and a span) is many
    events summed, none of them: "فالمعارك والقصف والغارات الجوية على مدى ستة أشهر حطمت المباني", "شنت الطائرات
    خلال الأسابيع الماضية عشرات الغارات على المدينة". A toll over the span is a tally (rule running_tally)."""
    if m.claim:
        return False
    norm = ctx.nt.norm
    span = SPAN_OVER.search(norm, best.end, min(hi, best.end + 80))
    if span is None or len(norm[best.end:span.start()].split()) > 3:
        # or right before it, in the same phrase (no comma between): "شنت الطائرات خلال الأسابيع الماضية عشرات الغارات"
        span = next((s for s in SPAN_OVER.finditer(norm, max(lo, best.start - 80), best.start)
                     if len(norm[s.end():best.start].split()) <= 3 and not any(c in norm[s.end():best.start] for c in "،,.")),
                    None)
        if span is None:
            return False
    note(ctx, "over_a_span", f"«{ctx.said(min(best.start, span.start()), max(best.end, span.end()))}»")
    return True


@rule("campaign_since", reads="role_words.tsv long_span, since_holding, since_comparison")
def campaign_since(ctx, m: Mention, hi: int, best: Match) -> bool:
    """Strikes or battles in the plural told since a year, a month or a war's start, a few words after their word,
    are a campaign summed, no one event: "قتل 800 مدني في غارات نفذها التحالف في العراق وسوريا منذ بدء العملية عام
    2014", "نقطة رئيسية للمعارك المندلعة منذ عامين". Not across a relative of holding ("على المدينة الخاضعة للتنظيم
    منذ 2014": the strike is today's), another relative clause, a comma, or a comparison ("اشتباكات هي الأعنف منذ
    أشهر", "تفجيرات هي الأكثر دموية منذ بدء النزاع", "للمرة الأولى منذ": today's)."""
    if m.claim or best.value.event_type not in VIOLENT:
        return False
    norm = ctx.nt.norm
    w = (norm[best.start:best.end].split()[-1:] or [""])[0]
    if not (w.endswith("ات") or w.lstrip("وبلف").removeprefix("ال") == "معارك"):  # a plural: "غارات", "المعارك"
        return False
    since = LONG_SINCE.search(norm, best.end, min(hi, best.end + 90))
    if since is None:
        return False
    gap = norm[best.end:since.start()]
    # (role_words.tsv since_holding, since_comparison: the time is the holding's, or today's event is compared with it)
    if any(c in gap for c in "،,.") or any(x in gap for x in SINCE_HOLDING) or any(x in gap for x in SINCE_COMPARISON):
        return False
    if any(w in RELATIVE for w in gap.split()):
        return False  # the time belongs to a relative clause: "الزبداني التي تتعرض منذ شهر لهجوم"
    note(ctx, "campaign_since", f"«{ctx.said(best.start, since.end())}»")
    return True


@rule("claim_of_responsibility", reads="cues.tsv claim, deny, negation")
def claimed(ctx, m: Mention, lo: int) -> bool:
    """A party claims an attack named by a definite noun after the claim: "وتبنى تنظيم داعش التفجير",
    "أعلنت الجبهة مسؤوليتها عن الهجوم على القنصلية", by any noun right after it ("أعلن التنظيم مسؤوليته عن تفجير
    سيارة مفخخة في الكرادة"), or in a relative clause after it ("هذا التفجير الذي تبناه التنظيم"). The clause anchors no event of its own: it names the
    attack's doer, and joins the attack it names (:func:`.merge.anaphor`). A claim denied ("نفت الحركة
    مسؤوليتها عن التفجير") or that nobody made ("لم تعلن أي جهة مسؤوليتها عن الهجوم") names no doer; it joins
    the attack all the same (no event of its own)."""
    t = m.trigger
    norm = ctx.nt.norm
    cues = [c for c in ctx.within(ctx.cues, max(lo, t.start - 60), t.start) if c.value == "claim"]
    if not (norm[t.start:t.start + 2] == "ال" or norm[max(0, t.start - 2):t.start] == "ال"):
        # "أعلن التنظيم مسؤوليته عن تفجير سيارة مفخخة في الكرادة": the claim right before the attack it names
        if not cues or len(norm[cues[-1].end:t.start].split()) > 1:
            return False
    elif not cues:
        # "هذا التفجير الذي تبناه التنظيم": the claim told in a relative clause after the attack
        after = norm[t.end:t.end + 40].split()
        claim = [c for c in ctx.within(ctx.cues, t.end, t.end + 30) if c.value == "claim"]
        if not (after[:1] and after[0] in ("الذي", "التي") and claim and len(norm[t.end:claim[0].start].split()) <= 1) \
                or ctx.has_cue(lo, t.start, "deny", "negation"):
            return False  # (not after a denial: "نفت إيران ضلوعها في إطلاق الصاروخ الذي تبناه الحوثيون")
        doer = next((a for a in ctx.within(ctx.actors, claim[0].end, claim[0].end + 20) if not ctx.is_source(a)), None)
        if doer is None:
            return False
        s, e = ctx.nt.span(doer.start, doer.end)
        m.actor1 = (doer.value, ctx.nt.text[s:e])
        note(ctx, "claim_of_responsibility", f"«{m.actor1[1]}» claims «{ctx.said(t.start, t.end)}»")
        return True
    if ctx.has_cue(lo, cues[0].start, "deny", "negation"):
        # "ولم تعلن أية جهة مسؤوليتها عن الهجوم على مقر الشرطة": the attack told before, its doer unknown
        m.actor1 = None
        note(ctx, "claim_of_responsibility", f"nobody claims «{ctx.said(t.start, t.end)}»")
        return True
    if m.actor1 is None:
        return False
    note(ctx, "claim_of_responsibility", f"«{m.actor1[1]}» claims «{ctx.said(t.start, t.end)}»")
    return True


@rule("not_specific")
def specific(m: Mention) -> bool:
    """Keep a clause only when it anchors an event: a place, a toll, or a named party plus a date (or a strong
    trigger). Generic talk ("ستستمر المعارك", "جاءت الهجمات في الساعة 11") names none of these; a country alone
    ("في ليبيا") anchors nothing."""
    if any(loc.get("lat") is not None or (loc.get("geo_precision") or 1) < 3 for loc in m.locations) \
            or m.fatalities or m.injured or m.missing:
        return True  # (a country alone, "في ليبيا", anchors nothing)
    if (m.actor1 or m.actor2) and (m.date is not None or m.weight >= 6):
        return True
    return False


describe(__name__, "battle_near_place", """A strong word of fighting (weight 5 or more) with no anchor of its own is
kept when a place was named in the 400 characters before it: "قصفت الطائرات بلدة كفرنبل. واندلعت معارك
عنيفة".""")


@rule("spread_over_a_country", reads="cues.tsv spread")
def spread(ctx, m: Mention, cl) -> bool:
    """Fighting or a toll told over a whole country or "various areas", with no place but a country, is a summary
    of many events, none of them: "سقط 213 قتيلا في المواجهات في مختلف أنحاء البلاد الجمعة" (cues.tsv spread). A
    town or a region named keeps it ("في مناطق متفرقة من الغوطة الشرقية", "في أنحاء متفرقة من مدينة حلب")."""
    if m.claim or any(loc.get("lat") is not None or (loc.get("geo_precision") or 1) < 3 for loc in m.locations):
        return False
    if not ctx.has_cue(ctx.n(cl.start), ctx.n_end(cl.end), "spread"):
        return False
    note(ctx, "spread_over_a_country", "told over a country or various areas, no town")
    return True


@rule("country_won")
def country_won(ctx, m: Mention, cl) -> bool:
    """The whole of a land taken, with no place but a country, is a campaign's end declared, not a change of hands:
    "أعلن رئيس الوزراء تحرير كامل الأراضي العراقية من سيطرة التنظيم", "بعد إعلان موسكو التحرير الكامل لسوريا"
    (the towns taken are told as events of their own); so is a share of a land with no place but a country ("فقد
    النظام السيطرة على 78% من الأراضي السورية", "سيطر التنظيم على مساحات واسعة من سورية والعراق")."""
    if not (m.sub == "TERRITORY" or m.sub in TERRITORY_SUBS) or m.claim:
        return False
    if any(loc.get("lat") is not None or (loc.get("geo_precision") or 1) < 3 for loc in m.locations):
        return False
    words = ctx.nt.norm[ctx.n(cl.start):ctx.n_end(cl.end)].split()
    whole = next((f"{a} {b}" for a, b in zip(words, words[1:]) if (a.lstrip("و") in _WHOLE or a == "من"
                                                                    or a.endswith(("%", "٪"))) and b in _LAND
                  or a.endswith("تحرير") and b == "الكامل"), None)
    if whole is None:  # "سيطر التنظيم على مساحات واسعة من سورية والعراق": expanses of a land with no place but countries
        whole = next((f"{a} {b}" for a, b, c in zip(words, words[1:], words[2:] + [""])
                      if a.lstrip("و") in _EXPANSE and (b in ("من", "في") or (c in ("من", "في") and b in _WIDE))), None)
    if whole is None:
        return False
    note(ctx, "country_won", f"«{whole}»: ground taken with no place but a country")
    return True


_WHOLE = frozenset(("كامل", "كل", "جميع", "بكامل", "لكامل"))
_LAND = frozenset(("الاراضي", "اراضي", "الحدود", "البلاد", "التراب"))
_EXPANSE = frozenset(("مساحات", "مساحه", "اجزاء", "جزء"))
_WIDE = frozenset(("واسعه", "كبيره", "شاسعه", "كبري", "واسعا", "كبيرا"))
# (a share of a land: "فقد السيطرة على 78% من الأراضي السورية", "مساحات واسعة من الأراضي")


@rule("toll_to_follow", reads="role_words.tsv result")
def toll_to_follow(ctx, cl, sent) -> bool:
    """A clause whose toll the next clause of its sentence tells, opening with a verb of result (role_words.tsv
    ``result``), is anchored by that toll: "ووقع الانفجار في سوق شعبي، وأسفر عن مقتل خمسة أشخاص", "اندلع حريق في
    المبنى إثر القصف، مما أدى إلى مقتل ثلاثة" (rule toll_of_previous then gives it the toll). Not a tally."""
    if sent is None:
        return False
    norm = ctx.nt.norm
    lo, hi = ctx.n_end(cl.end), ctx.n_end(sent.end)
    words = norm[lo:min(hi, lo + 40)].replace("،", " ").replace(",", " ").split()
    if words and words[0].lstrip("و") in ("ما", "مما", "بما"):
        words = words[1:]
    if not words or words[0].lstrip("و") not in RESULT:
        return False
    end = min(hi, lo + 120)
    if is_tally(ctx, lo, end):
        return False
    counts = read_counts(ctx, lo, end)
    if combine(counts, "killed") is None and combine(counts, "injured") is None:
        return False
    note(ctx, "toll_to_follow", f"«{words[0]}» tells its toll")
    return True


_STATE_WORD = r"(?<!\S)[وفب]?(?:ال)?(?:ولايه|ولايتي)\s*[\"'«“]?\s*"


@rule("state_named")
def state_named(ctx, m: Mention, cl) -> bool:
    """A state or province the gazetteer lacks, named by its word ("ولاية", place_cues.tsv), anchors an event as a
    governorate the gazetteer holds does: "تصدت قوات الجيش لهجوم مسلحين على ثكنة في ولاية تمنراست" (Algeria, Sudan,
    Tunisia, the US), with a party named (alone, it may be a doer's home: "منفذ الهجوم من ولاية القيروان"). A country
    alone ("في ليبيا") still anchors nothing."""
    if not (m.actor1 or m.actor2):
        return False
    norm = ctx.nt.norm[ctx.n(cl.start):ctx.n_end(cl.end)]
    for loc in m.locations:
        if loc.get("lat") is not None or not loc.get("text"):
            continue
        if re.search(_STATE_WORD + re.escape(normalize(loc["text"])), norm):
            note(ctx, "state_named", f"«{loc['text']}» named as a state")
            return True
    return False


def not_specific(ctx, m: Mention, cl, sent=None) -> bool:
    """Drop a clause that anchors no event (rule not_specific), unless a strong battle word follows a place."""
    if spread(ctx, m, cl) or country_won(ctx, m, cl):
        return True
    if specific(m) or m.claim:
        return False
    if m.event_type == "Battles" and m.sub == "Armed clash" and m.weight >= 5 \
            and ctx.places_in(max(0, cl.start - CONTEXT_CHARS), cl.start):
        note(ctx, "battle_near_place", "a place named just before")
        return False
    if state_named(ctx, m, cl) or toll_to_follow(ctx, cl, sent):
        return False
    note(ctx, "not_specific", "no place, toll, or named party with a date")
    return True


@rule("future_clause", reads="cues.tsv future, plan")
def future(ctx, m: Mention, lo: int, hi: int) -> bool:
    """A verb in the future tense in the clause tells what will be, not what was: "وقال المتحدث إن قواته ستواصل
    عملياتها حتى تحرير كامل الأراضي", "أكد المحافظ أن الهجوم على المدينة سيبدأ قريبا"; so does a word of plan
    before the event word: "من المقرر أن تبدأ القوات اقتحام المدينة" (cues.tsv ``plan``). A toll told keeps it,
    and so does a past day beside "غدا" in the clause (the morrow is another deed's: "تصاعدت الاحتجاجات أمس وتقرر عقد
    اجتماع غدا"); not a past day lent by the sentence to a clause of its own: "عقد البرلمان أمس جلسة، فيما حدد ناشطون
    موعد تظاهرة مساء غد" tells no protest."""
    if m.fatalities or m.injured or m.missing:
        return False
    c = next((c for c in ctx.within(ctx.cues, lo, hi) if c.value == "future"
              or (c.value == "plan" and c.end <= m.trigger.start)), None)
    if c is None:
        return False
    if ctx.nt.norm[c.start:c.end].lstrip("وب") in ("غدا", "غد") and m.date is not None and m.date.end_date \
            and m.clause.start <= m.date.start < m.clause.end \
            and ctx.pub is not None and dt.date.fromisoformat(m.date.end_date) < ctx.pub \
            and not 0 <= ctx.n(m.date.start) - c.end <= 2:  # ("غدا الجمعة" is the coming Friday)
        return False  # "تصاعدت الاحتجاجات أمس ... وقرروا عقد اجتماع غدا": the day to come is another deed's
    note(ctx, "future_clause", f"«{ctx.said(c.start, c.end)}»")
    return True


CONDITIONALS = frozenset(("اذا", "لو", "لولا", "ان", "حال"))


@rule("conditional_clause", reads="cues.tsv modal")
def conditional(ctx, m: Mention, lo: int) -> bool:
    """A clause that opens with a condition ("إذا", "لو", "في حال") tells what would be, every event word in it:
    "وإذا سيطرت الفصائل على المدينة فإن ذلك سيعجل بتقدمها صوب العاصمة". A toll told keeps it."""
    if m.fatalities or m.injured or m.missing:
        return False
    c = next((c for c in ctx.within(ctx.cues, lo, lo + 12) if c.value == "modal"), None)
    if c is None or ctx.nt.norm[c.start:c.end].split()[-1].lstrip("وف") not in CONDITIONALS:
        return False
    if ctx.nt.norm[lo:c.start].strip(" \"'«(-").lstrip("وف") not in ("", "في"):
        return False
    note(ctx, "conditional_clause", f"«{ctx.said(c.start, c.end)}» opens the clause")
    return True


# an event dated this many days or more before publication is history recalled, not news
LONG_PAST_DAYS = 150


@rule("long_past")
def long_past(ctx, m: Mention) -> bool:
    """An event its sentence dates months or years before publication is history recalled as background, not
    news: "وكانت مدينة الفلوجة قد شهدت معارك عنيفة عام 2004", "سيطر التنظيم على الموصل في حزيران 2014". (Not
    a date after "منذ": "قصفت الطائرات الرقة الخاضعة للتنظيم منذ عام 2014" is today's strike.)"""
    d = m.date
    if d is None or not d.end_date or ctx.pub is None:
        return False
    try:
        days = (ctx.pub - dt.date.fromisoformat(d.end_date)).days
    except ValueError:
        return False
    if days < LONG_PAST_DAYS:
        return False
    before = ctx.nt.norm[max(0, ctx.n(d.start) - 12):ctx.n(d.start)].split()
    if any(w.lstrip("و") in ("منذ", "مند") for w in before[-2:]):
        return False
    note(ctx, "long_past", f"«{d.text}» {days} days before publication")
    return True


@rule("bare_year_past")
def bare_year_past(ctx, m: Mention, sent) -> bool:
    """An event dated by a bare year ("عام 1990", "في 2005", "منتصف العام 2012") is history told in passing:
    news tells today's deeds by their day. With no publication day known, or a year before the publication
    year, it is dropped as rule long_past drops a dated one: "احتل الجيش المدينة عام 1990 وقصفها بالصواريخ".
    A span of years counts by its last year ("بين عامي 2011 و2013"), and so do a year before 1900 and a century
    ("عام 1187", "في القرن التاسع عشر", "217 قبل الميلاد": dates.py YEAR_KINDS).
    The year is told in the event's own sentence. (Not a year a few words after "منذ", a running state or the
    point it runs from: "القرية الخاضعة للتنظيم منذ عام 2014", "للمرة الأولى منذ إعلانه الخلافة عام 2014";
    nor a year that opens a written day, "في 2017/3/15".)"""
    d = m.date
    if d is None or d.kind not in YEAR_KINDS or not d.start_date or not sent.start <= d.start < sent.end:
        return False
    year = int(d.end_date[:4])
    if ctx.pub is not None and year >= ctx.pub.year:
        return False
    after = ctx.nt.norm[ctx.n_end(d.end):ctx.n_end(d.end) + 4]
    if re.match(r"\s*[/\-.]\s*\d", after):
        return False
    before = ctx.nt.norm[max(ctx.n(sent.start), ctx.n(d.start) - 60):ctx.n(d.start)].split()
    if any(w.lstrip("و") in ("منذ", "مند") for w in before[-6:]):
        return False
    note(ctx, "bare_year_past", f"«{d.text}», a bare year" + ("" if ctx.pub else ", no publication day"))
    return True


def drops(ctx, m: Mention, sent, cl, lo: int, hi: int, best: Match) -> bool:
    """The clause filters in order: the first that fires drops the clause."""
    return strategic_without_actor(ctx, m) or opinion(ctx, m, cl, lo, best) or question(ctx, sent) \
        or ongoing(ctx, lo, hi, best) or campaigns(ctx, m, cl, lo, hi, best) or over_a_span(ctx, m, lo, hi, best) \
        or campaign_since(ctx, m, hi, best) or future(ctx, m, lo, hi) or conditional(ctx, m, lo) or bare_year_past(ctx, m, sent) \
        or long_past(ctx, m) \
        or not_specific(ctx, m, cl, sent)
