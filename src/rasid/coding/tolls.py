"""Tolls: which counts belong to which mention, and the toll of an event told in several clauses.

The counts themselves are read by :mod:`rasid.tolls` (numbers, toll nouns, the counted party); here they
are attached: a clause's counts are its mention's toll unless they are a running tally; a clause with a
toll and no event word gives its toll to the event its sentence told just before; the clauses of one
event add up their sides' tolls.
"""
from __future__ import annotations

import re

from ..arabic import normalize
from ..tolls import ALSO, combine, find_counts, sum_qualifier
from .mention import Mention
from .rules import describe, note, rule
from .words import CAUSE_WORDS, DURING_SPAN, FIGHT_WORDS, MONTH_SPAN, SINCE_YEAR, SPEECH


def read_counts(ctx, lo: int, hi: int) -> list:
    """The counts told in the normalised span [lo, hi), read once per span (a clause is asked again when it is
    coded anew or gives its toll to a neighbour); the counts are never changed by those who ask."""
    got = ctx.counts_memo.get((lo, hi))
    if got is None:
        got = ctx.counts_memo[(lo, hi)] = find_counts(ctx.nt, lo, hi, ctx.lex, actor_at=lambda p: ctx.actor_right_after(p, hi),
                                                      found=ctx.found)
    return got


def counts_in(ctx, lo: int, hi: int) -> list:
    """The counts told in the normalised span [lo, hi) (recorded for the trace)."""
    found = read_counts(ctx, lo, hi)
    if ctx.trace is not None:
        ctx.trace.counts(found)
    return found


@rule("running_tally", reads="cues.tsv tally, spread, role_words.tsv tally_span")
def tally(ctx, lo: int, hi: int) -> bool:
    """A tally, a count since a year or over weeks, is a running total, no one event's toll: "حصيلة أعمال العنف
    في أنحاء سوريا بلغت 112 قتيلا", "قتل 300 شخص منذ آذار 2011", "قتل نحو 300 مقاتل خلال أسبوعين من الغارات", "خلال الـ11 عاما الماضية"."""
    if is_tally(ctx, lo, hi):
        note(ctx, "running_tally", "")
        return True
    return False


def is_tally(ctx, lo: int, hi: int) -> bool:
    return (ctx.has_cue(lo, hi, "tally", "spread") or SINCE_YEAR.search(ctx.nt.norm, lo, hi) is not None
            or DURING_SPAN.search(ctx.nt.norm, lo, hi) is not None or month_span(ctx, lo, hi))


@rule("toll_over_months", reads="dates.MONTHS")
def month_span(ctx, lo: int, hi: int) -> bool:
    """A toll told over a span from one month to another is a campaign's tally, no one event's: "دارت في المدينة
    منذ أواخر مارس الماضي وحتى منتصف يوليو أعنف الاشتباكات التي سقط خلالها نحو 90 قتيلا" gives the fighting no
    toll."""
    mt = MONTH_SPAN.search(ctx.nt.norm, lo, hi)
    if mt is None:
        return False
    note(ctx, "toll_over_months", f"«{ctx.said(mt.start(), mt.end())}»")
    return True


@rule("toll_of_previous", reads="cues.tsv kill, injure")
def toll_of_previous(ctx, cl, prev: Mention) -> None:
    """A clause with a toll and no event word tells the toll of the event its sentence told just before:
    "اندلعت اشتباكات في القرية، وقتل فيها عنصر من الحشد"."""
    lo, hi = ctx.n(cl.start), ctx.n_end(cl.end)
    if not ctx.has_cue(lo, hi, "kill", "injure") or is_tally(ctx, lo, hi) or earlier_event(ctx, lo, hi):
        return
    counts = read_counts(ctx, lo, hi)
    for attr, measure in (("fatalities", "killed"), ("injured", "injured"), ("missing", "missing")):
        if getattr(prev, attr) is None:
            setattr(prev, attr, combine(counts, measure))
            if ctx.trace is not None and getattr(prev, attr) is not None:
                ctx.trace.note_mention(prev, "toll_of_previous", f"{attr} from «{cl.text}»")


# "عدد قتلى الانفجار بلغ", "عدد ضحايا هذا الحادث وصل إلى": the toll of an event named before, told again
TOLL_REACHED = re.compile(r"عدد\s+(?:ال)?(?:%s)(?![\u0621-\u064a])[^.!?؟]{0,80}?(?<![\u0621-\u064a])[وف]?(?:%s)" % (
    "|".join(normalize(w) for w in ("قتلى", "ضحايا", "شهداء", "الوفيات")),
    "|".join(normalize(w) for w in ("بلغ", "وصل", "ارتفع"))))


@rule("toll_count_retold", reads="cues.tsv tally, spread")
def toll_count_retold(ctx, sent, prev: Mention) -> bool:
    """A sentence that tells no event of its own and says how many its dead came to ("عدد قتلى ... بلغ",
    "عدد ضحايا هذا الحادث وصل إلى") gives its figure to the event the sentence before told, when that event's toll
    had no figure: "انهار مبنى على سكانه في القصف مما أدى إلى سقوط عشرات القتلى. وأفاد مسعفون أن عدد قتلى انهيار
    المبنى بلغ حتى المساء 23 قتيلا" is 23 (no tally, no place of its own: a country's count is no one event's)."""
    told = prev.fatalities
    if told is not None and told.get("value") is not None:
        return False
    lo, hi = ctx.n(sent.start), ctx.n_end(sent.end)
    mt = TOLL_REACHED.search(ctx.nt.norm, lo, hi)
    if mt is None or is_tally(ctx, lo, hi) or earlier_event(ctx, lo, hi) or ctx.places_in(sent.start, sent.end):
        return False
    counts = read_counts(ctx, mt.start(), hi)
    t = combine(counts, "killed")
    if t is None or t.get("value") is None:
        return False
    prev.fatalities = t
    if prev.injured is None:
        prev.injured = combine(counts, "injured")
    if ctx.trace is not None:
        ctx.trace.note_mention(prev, "toll_count_retold", f"fatalities from «{sent.text[:80]}»")
    return True


# another incident told apart ("وفي حادث منفصل", "في هجوم آخر"), or a sentence in the pluperfect ("وكان ... قد"):
# not the toll of the event told just before (normalised)
_APART = re.compile(r"(?<![\u0621-\u064a])(?:منفصل|منفصله|اخر|اخري|مماثل|مماثله)(?![\u0621-\u064a])")
_PLUPERFECT_OPEN = re.compile(r"\s*و?(?:كان|كانت|كانوا)\s+(?:\S+\s+){0,6}?قد\s")
# a year ("في صيف 2006"), a report's or a count's figures ("رصد تقرير", "إحصائية"), a part of the dead or wounded
# ("32 من الجرحى ما زالوا في المستشفيات"): no toll of the event told just before (normalised)
_NOT_ITS_TOLL = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)|(?<![\u0621-\u064a])(?:تقرير|تقريرا|تقريره|تقريرها|احصائيه|احصاييه|العام|السنه)(?![\u0621-\u064a])"
                          r"|(?<!\S)\S+\s+من\s+(?:القتلي|الجرحي|المصابين|الضحايا|الشهداء)(?![\u0621-\u064a])")


def _bare_word(w: str) -> str:
    return w[1:] if w[:1] == "و" and len(w) > 3 else w


# "وأدى ذلك إلى", "وأسفر هذا عن", "وتسببت هذه في": what the event just told brought about (normalised)
_LED_TO = re.compile(r"\s*[وف]?(?:ادي|ادت|اسفر|اسفرت|تسبب|تسببت|خلف|خلفت|اوقع|اوقعت)\s+(?:ذلك|هذا|هذه)(?![\u0621-\u064a])")


@rule("led_to_toll")
def led_to(ctx, lo: int) -> bool:
    """A sentence that opens with a verb of bringing about and a pronoun pointing back ("وأدى ذلك إلى", "وأسفر هذا
    عن", "وتسببت هذه في") goes on with the event the sentence before told: "أطلقت القوات قذائف على مواقع المسلحين
    قرب البلدة. وأدى ذلك إلى مقتل أربعة منهم وإصابة سبعة" gives that event its toll (rule toll_told_next)."""
    mt = _LED_TO.match(ctx.nt.norm, lo)
    if mt is None:
        return False
    note(ctx, "led_to_toll", f"«{ctx.said(mt.start(), mt.end()).strip()}»")
    return True


@rule("toll_told_next", reads="cues.tsv kill, injure, no_toll, background")
def toll_told_next(ctx, sent, prev: Mention) -> bool:
    """A sentence that tells no event of its own, no place and no day of another, and counts dead or wounded gives
    them to the event the sentence before told, when that event had no figure of them: "انفجرت سيارة مفخخة في سوق
    البلدة. وأفاد مسعفون بمقتل ستة أشخاص وإصابة 11 آخرين" is six dead, 11 wounded; so is "وأودى الانفجار بحياة ستة".
    Not a tally, a recalled event ("بعد يومين من", in it or in the event before), another incident ("في حادث
    منفصل"), a line in the pluperfect ("وكان ستة قد قتلوا"), a year ("في صيف 2006"), a report's figures ("رصد تقرير"),
    a part ("32 من الجرحى ما زالوا في المستشفى"), two sources' figures, nor "no one was hurt"."""
    lo, hi = ctx.n(sent.start), ctx.n_end(sent.end)
    norm = ctx.nt.norm
    if not ctx.has_cue(lo, hi, "kill", "injure") or ctx.has_cue(lo, hi, "no_toll", "background") \
            or is_tally(ctx, lo, hi) or earlier_event(ctx, lo, hi) or ctx.places_in(sent.start, sent.end) \
            or _APART.search(norm, lo, hi) or _PLUPERFECT_OPEN.match(norm, lo) or _NOT_ITS_TOLL.search(norm, lo, hi) \
            or earlier_event(ctx, ctx.n(prev.clause.start), ctx.n_end(prev.clause.end)):
        return False  # (nor when the event before is itself one recalled: "بعد يوم من سقوط قذائف مماثلة")
    day = prev.date.start_date if prev.date else None
    if any(d.start_date != day for d in ctx.starting(ctx.dates, sent.start, sent.end)):
        return False  # (a day of its own: another day's toll)
    if len(prev.locations or ()) > 1 or norm[lo:lo + 4] in ("اما ", "واما"):
        return False  # (a roundup of places; "أما في ...": another scene)
    # it goes on with the event: it opens with the toll verb ("وأصيب ثمانية جنود", "كما قتل"), with a source's words
    # ("وأفاد مسعفون بمقتل", "وأكد الجيش أن جنديين قتلا"), or names the event again ("وأودى الانفجار بحياة")
    head = norm[lo:lo + 40].split()[:3]
    opens = bool(head) and (ctx.has_cue(lo, lo + len(" ".join(head[:2])), "kill", "injure")
                            or _bare_word(head[0]) in SPEECH or head[0] in ("كما", "وكما"))
    again = any(norm[t.start:t.end].lstrip("وفبل").startswith("ال") for t in ctx.within(ctx.triggers, lo, hi))
    if not (opens or again or led_to(ctx, lo)):
        return False
    counts = read_counts(ctx, lo, hi)
    done = False
    for attr, measure in (("fatalities", "killed"), ("injured", "injured")):
        told = getattr(prev, attr)
        if told is not None:
            continue  # (a vague toll told stays: "مقتل العديد" then one named dead is no exact toll of one)
        figures = [c for c in counts if c.measure == measure and not c.sub and c.value is not None]
        if len(figures) > 1 and len({c.of for c in figures if c.of}) < len(figures):
            continue  # ("قالت مصادر إن عشرة قتلوا، بينما قال المرصد إن 15 قتلوا": two sources' figures, no sum)
        t = combine(counts, measure)
        if t is None or t.get("value") is None:
            continue
        setattr(prev, attr, t)
        done = True
        if ctx.trace is not None:
            ctx.trace.note_mention(prev, "toll_told_next", f"{attr} from «{sent.text[:80]}»")
    return done


# "من جانبها", "من جهته", "بدورهم", "في المقابل": the other party's turn to tell (normalised)
OTHER_TURN = re.compile(r"[\s,،]*و?(?:من (?:جانب|جهت)|بدور)(?:ه|ها|هم|هما)(?![\u0621-\u064a])|[\s,،]*و?في المقابل(?![\u0621-\u064a])")
# "من القبيله", "من افرادها", "من جنوده": the counted people's party pointed back to
PARTY_BACK = re.compile(r"(?<![\u0621-\u064a])من (?:[\u0621-\u064a]+ )?(?:ال[\u0621-\u064a]{3,}|[\u0621-\u064a]{2,}(?:ها|هم|ه))(?![\u0621-\u064a])")


@rule("other_side_dead", reads="cues.tsv kill, tally, spread")
def other_side_dead(ctx, sent, prev: Mention) -> bool:
    """A sentence that tells no event of its own, opens with the other party's turn ("من جانبها", "من جهته",
    "بدورهم", "في المقابل") and tells the dead of a side the fight told just before had not counted, adds them to
    that fight's toll: "قتل 12 من مسلحي العشيرة في اشتباكات مع قبيلة الزيود. من جانبها، قالت القبيلة إن خمسة من
    أفرادها قتلوا" is 17 (the fight's toll one named side's; the new figure another named side's, or of people
    pointed back to by "من" ("من القبيلة", "من أفرادها", "من أفراد القبيلة"), not civilians, not the same figure; no tally)."""
    told = prev.fatalities
    if prev.event_type != "Battles" or not told or told.get("value") is None or not told.get("of") or told.get("parts"):
        return False
    lo, hi = ctx.n(sent.start), ctx.n_end(sent.end)
    norm = ctx.nt.norm
    if OTHER_TURN.match(norm, lo) is None or not ctx.has_cue(lo, hi, "kill") or ctx.has_cue(lo, hi, "no_toll") \
            or is_tally(ctx, lo, hi):
        return False
    counts = [c for c in read_counts(ctx, lo, hi) if c.measure == "killed" and c.value and not c.sub]
    if len(counts) != 1:
        return False
    c = counts[0]
    if c.of == told["of"] or c.of == "Civilians" or c.group == "civilians" or c.value == told["value"] or (
            c.of is None and PARTY_BACK.search(norm, c.start, min(hi, c.end + 20)) is None):
        return False
    both = sum_qualifier((told.get("qualifier"), c.qualifier))
    prev.fatalities = {"value": told["value"] + c.value, "qualifier": both,
                       "group": "combatants" if told.get("group") == c.group == "combatants" else "mixed",
                       "of": None, "parts": (told["value"], c.value)}
    note(ctx, "other_side_dead", f"{told['value']} + {c.value}")
    if ctx.trace is not None:
        ctx.trace.note_mention(prev, "other_side_dead", f"fatalities from «{sent.text[:80]}»")
    return True


@rule("toll_of_earlier_event", reads="cues.tsv background, role_words.tsv fight_word")
def earlier_event(ctx, lo: int, hi: int) -> bool:
    """A clause that recalls an earlier event by its distance in days ("بعد يومين من", "بعد أسبوع على") tells that
    event's toll, not the toll of the event told before it: "تصاعدت الاشتباكات في البلدة، بعد ثلاثة أيام من هجوم
    للمسلحين على حاجز أسفر عن مقتل 7 جنود" gives the clash no toll (not days of the fighting itself: "جاءت السيطرة
    بعد أيام من القتال قتل فيها 40 جنديا", a definite word of fighting next)."""
    norm = ctx.nt.norm
    for c in ctx.within(ctx.cues, lo, hi):
        nxt = norm[c.end:c.end + 16].split()[:1]
        if c.value == "background" and norm.startswith("بعد ", c.start) and not (
                nxt and nxt[0].startswith("ال") and nxt[0][2:] in FIGHT_WORDS):
            note(ctx, "toll_of_earlier_event", f"«{ctx.said(c.start, c.end)}»")
            return True
    return False


@rule("toll_also", reads="role_words.tsv also, cues.tsv kill, injure")
def toll_also(ctx, cl, prev: Mention) -> bool:
    """A sentence that opens with a toll verb and "أيضا" or "كذلك", with no event word and no place of its own,
    tells more dead or wounded of the event told just before: "أسفرت الغارة عن مقتل عشرة مدنيين. وقتل أيضا
    ثلاثة من المسلحين كانوا في المنزل" is 13 (the sides add up; a figure of no named side, or of the side
    already counted, is not added)."""
    lo, hi = ctx.n(cl.start), ctx.n_end(cl.end)
    head = ctx.nt.norm[lo:lo + 30].split()[:3]
    if len(head) < 2 or not any(w in ALSO for w in head[1:3]) or not ctx.has_cue(lo, lo + len(head[0]) + 1, "kill", "injure") \
            or ctx.has_cue(lo, hi, "no_toll") or is_tally(ctx, lo, hi) or ctx.places_in(cl.start, cl.end):
        return False
    counts = read_counts(ctx, lo, hi)
    done = False
    for attr, measure in (("fatalities", "killed"), ("injured", "injured")):
        t, told = combine(counts, measure), getattr(prev, attr)
        if t is None or t.get("value") is None:
            continue
        if told is None:
            setattr(prev, attr, t)
        elif told.get("value") is not None and told.get("of") and t.get("of") and told["of"] != t["of"]:
            both = sum_qualifier((told.get("qualifier"), t.get("qualifier")))
            setattr(prev, attr, {"value": told["value"] + t["value"], "qualifier": both,
                                 "group": "combatants" if told.get("group") == t.get("group") == "combatants" else "mixed",
                                 "of": None, "parts": (told["value"], t["value"])})
        else:
            continue
        done = True
        if ctx.trace is not None:
            ctx.trace.note_mention(prev, "toll_also", f"{attr} from «{cl.text}»")
    return done


describe(__name__, "captives_killed", """Captives killed are dead, not taken (rasid.tolls._killed_captives): a verb of
killing right before the figure ("قتل ثلاثة أسرى"), or with only its doer between ("أعدمت الميليشيا ثلاثة أسرى"); a
figure joined by "و" to bodies ("3 جثث وأربعة أسرى") stays captured.""", reads="cues.tsv kill, toll_nouns.tsv")
describe(__name__, "dead_before_their_verb", """The wounded told after a killing verb that agrees with the dead told
before it are the wounded alone, not a figure of the dead and the wounded together (rasid.tolls._joint_casualties):
"قال المصدر إن ثمانية قتلوا وأصيب 18 آخرون" is 8 dead and 18 wounded ("قتل وأصيب 18 شخصا", the verb before its
subject, stays one figure for both).""", reads="cues.tsv kill, injure")
describe(__name__, "plural_no_number", """People told by a plural noun right after the toll verb, or by a vague number
and "من", are killed in a number not said: "قتل عناصر من قوات النظام", "قتل وأصيب عدد من مرافقيه" (unknown); a
dual before its verb is two: "أكد المصدر أن شخصين قتلا".""", reads="toll_nouns.tsv, cues.tsv kill")
describe(__name__, "figure_told_twice", """One figure told twice in a clause, once with a noun of no side ("قتيلا",
"شخصا"), is one toll: "13 قتيلا في انفجار سيارة مفخخة قال مسؤولون إن 13 شخصا قتلوا" is 13, not 26 ("13 جنديا
و13 مسلحا" stays 26).""")
describe(__name__, "new_total_bare", """A new total told with no counted noun after it is the toll its rising word
names: "ارتفاع قتلى اشتباكات المدينة إلى 7.." is seven killed (not a total since a day: "... إلى 60 منذ 20
تموز").""", reads="role_words.tsv new_total")
describe(__name__, "other_side_joined", """Another side's figure joined by "و" to the count just made, its party named
after "من", counts the same toll: "مقتل سبعة من الحوثيين واثنين من السلفيين" is nine (the sides add up; not
"... وأسر 3 من الجيش", whose verb is its own, nor a breakdown after "بينهم").""")
describe(__name__, "qualifier_after_party", """A qualifier that follows the counted noun's party or
adjectives qualifies the count (rasid.tolls._qualifier_after_party): "مقتل 14 من مقاتلي الجماعة على الأقل" is at
least 14 (up to three words between, no sign, no number, no toll word: "قتل 9 عناصر وإصابة 20 على الأقل" keeps 9
exact).""", reads="qualifiers.tsv after")
describe(__name__, "joined_dual", """A person then a dual joined by "و" after the toll verb are three: "مقتل ضابط
وجنديين" (a dual by form), "استشهاد ضابط ومجندين" (the "ين" form of a singular noun: a list of people counted one by
one goes on with a dual, not with a plural of no number; alone, "مقتل مجندين" stays a plural).""", reads="toll_nouns.tsv")
describe(__name__, "hundreds_and_tens", """A hundred joined by "و" to a smaller number word is their sum
(rasid.tolls.parse_number): "مائة وخمسون قتيلا" is 150, "مئتان وخمسة وعشرون" 225 (not "قتل مائة شخص وأصيب خمسون": a
counted noun between).""", reads="numbers.tsv")
describe(__name__, "lost_as_missing", """"فقد" with its count right after it is the passive "فُقد", people gone missing
(rasid.tolls._lost_as_missing): "قتل ثلاثة جنود وفقد 12 آخرون" is 3 dead and 12 missing, not 15 dead; "فقد" is still
a death with its subject before the count ("فقد الجيش 20 جنديا"), with the subject's own men ("فقدت 4 من عناصرها") or
with lives lost ("فقد 30 شخصا حياتهم"), and "فقدان 6 عناصر لحياتهم" is six dead, not six missing.""",
         reads="cues.tsv kill, missing")
describe(__name__, "toll_range", """A toll told as a range is its lower figure, at least (ACLED codes the lowest figure;
rasid.tolls._range_high): "قتل ما بين 12 و18 شخصا في الغارة" is at least 12, and so are "12 إلى 18 قتيلا" and "12 - 18
قتيلا" (not their sum); "و" joins a range only after "بين", and "من 12 إلى 18" is a toll rising from one figure to
another (an update), not a range.""")
describe(__name__, "qualifier_across_article", """A qualifier before a figure with the article glued to it qualifies the
figure (rasid.tolls._q_before): "قتل قرابة الـ40 عنصرا" is about 40, "أكثر من الـ 30 قتيلا" more than 30.""", reads="qualifiers.tsv")
describe(__name__, "vague_construct", """A vague amount in the construct with a definite noun of people counts them as a
toll of no number: "قتل عشرات الأشخاص في القصف", "قتل مئات الأشخاص في المجزرة" (the noun's measure from the verb, as
after a figure; "عدد الأشخاص", the number of them, is no amount).""", reads="numbers.tsv vague, toll_nouns.tsv")
describe(__name__, "part_across_qualifier", """A breakdown word before a qualified number makes it a part of the toll told
before: "مقتل أكثر من 250 مدنيا بينهم نحو 50 طفلا" is 250 (more_than), not 300; with no total before ("فراح بينهم
حوالي أربعين قتيلا") the figure is the toll.""")
describe(__name__, "count_after_back_pointer", """A party's figure told after the toll verb and a pronoun pointing back
at the event is counted as one told right after the verb (rasid.tolls._verb_right_before): "دارت اشتباكات في المدينة
قتل فيها 30 من الحوثيين" is 30 of the Houthis, "أصيب خلالها 3 من الجنود" three wounded; so is one after the event
named by one definite word ("وقتل في الاشتباكات 3 من الجيش و4 من المسلحين" is seven).""", reads="cues.tsv kill, injure")
describe(__name__, "named_pair", """Two definite ranks or trades, each with its name, joined by "و" after the toll verb
are two people (rasid.tolls.find_counts): "استشهاد النقيب محمد أمين معاون المباحث والمجند رضا أحمد" is 2 (no sign,
no toll word, no other counted noun between; within 60 characters).""", reads="toll_nouns.tsv")
describe(__name__, "killing_as_grievance", """A killing told as what the event answers is an earlier event, its dead
not this event's toll (rasid.tolls.find_counts; cues.tsv grievance): "تظاهر المئات احتجاجا على مقتل شاب", "قصفت
المدفعية مواقع الوحدات ردا على مقتل جنديين", "اشتباكات على خلفية مقتل شاب" give no toll; not when the clause goes on
to tell what killed them, the event it codes ("على خلفية مقتل 32 شخصا جراء تفجير انتحاري"). So is a killing someone
is charged with (cues.tsv charge): "القبض على شاب بتهمة قتل مزارع", "بعد اتهام شاب بقتل أحد أبناء العائلة".""",
         reads="cues.tsv grievance, charge")
describe(__name__, "charged_across_apposition", """A charge of killing whose accused has an apposition set off by
two commas is still a charge (rasid.tolls._answers): "بعد اتهام «سامر»، شقيق «وليد»، بقتل أحد أبناء العائلة" gives
the clash no toll (the second comma right before "ب" glued to the verb, no other sign, within 50 characters; one
comma alone ends the charge: "اعتقل بتهمة الإرهاب، وقتل 3 في الاشتباك").""", reads="cues.tsv charge, kill")
describe(__name__, "phrase_told_again", """One person told again in the same words is one person (rasid.tolls.find_counts):
"اغتيال قيادي في الفصيل في إدلب - اغتيال قيادي في الفصيل في إدلب" (a title the page repeats) is 1; the noun and
the 12 characters before it and the 15 after it the same ("قتل جندي في القصف وقتل جندي آخر برصاص قناص" stays 2).""",
         reads="toll_nouns.tsv, cues.tsv kill")
describe(__name__, "known_part", """A vague total with a known part is that part, at least (the spec): "قتل العشرات
بينهم ثلاثة أطفال" is 3, at_least.""")
# "في صفوف الطرفين", "من الجانبين", "بين الطرفين": the dead or wounded of the two sides of a fight
BOTH_SIDES = re.compile(r"(?<![\u0621-\u064a])(?:صفوف|من|بين|لدي) (?:ال)?(?:طرفين|جانبين)(?![\u0621-\u064a])")


@rule("toll_of_both_sides")
def toll_of_both_sides(ctx, m: Mention, prev: Mention) -> bool:
    """A toll told as the two sides' ("في صفوف الطرفين", "من الجانبين") in a clause that codes no fight, right after a
    fight told in the same sentence, is the fight's toll, not the toll of the shelling that went with it: "دارت
    اشتباكات بين قوات الجيش والمسلحين في محيط القرية، ترافقت مع قصف مدفعي، أدت إلى خسائر بشرية في صفوف الطرفين"
    gives the fight the unknown toll (the shelling keeps it too: taken from it, its mention merged elsewhere)."""
    if m.event_type == "Battles" or prev.event_type != "Battles" or prev.sentence != m.sentence \
            or prev.fatalities is not None or m.fatalities is None:
        return False
    lo, hi = ctx.n(m.clause.start), ctx.n_end(m.clause.end)
    if BOTH_SIDES.search(ctx.nt.norm, lo, hi) is None:
        return False
    note(ctx, "toll_of_both_sides", f"«{ctx.said(lo, hi)[:60]}»")
    for attr in ("fatalities", "injured", "missing"):
        if getattr(prev, attr) is None and getattr(m, attr) is not None:
            setattr(prev, attr, getattr(m, attr))
    return True


@rule("toll_of_next", reads="cues.tsv kill, injure")
def toll_of_next(ctx, cl, nxt: Mention) -> None:
    """The dead told in a clause with no event word and no place, then the wounded of the event the next clause
    tells, are that event's dead: "وأفاد مصدر أمني أن شخصين قتلا، بينما أصيب سبعة آخرون في انفجار عبوة ناسفة في
    السوق" (a figure, no tally, no "no casualties")."""
    lo, hi = ctx.n(cl.start), ctx.n_end(cl.end)
    if not ctx.has_cue(lo, hi, "kill") or ctx.has_cue(lo, hi, "no_toll") or is_tally(ctx, lo, hi) or ctx.places_in(cl.start, cl.end):
        return
    nlo, nhi = ctx.n(nxt.clause.start), ctx.n_end(nxt.clause.end)
    if not ctx.has_cue(nlo, nhi, "injure") or nxt.injured is None:
        return
    counts = read_counts(ctx, lo, hi)
    t = combine(counts, "killed")
    if t is not None and t.get("value") is not None and nxt.fatalities is None:
        nxt.fatalities = t
        if ctx.trace is not None:
            ctx.trace.note_mention(nxt, "toll_of_next", f"fatalities from «{cl.text}»")


@rule("toll_of_cause", reads="role_words.tsv cause, cues.tsv kill")
def toll_of_cause(ctx, cl, nxt: Mention) -> bool:
    """The dead told in a clause with no event word and no place, when the next clause opens by saying what
    caused them ("إثر", "بعد", "جراء", "في"), are the toll of the event that clause tells: "قتل ثلاثة جنود أمس،
    إثر استهداف مسلحين حاجزهم بقذائف الهاون" (a number or not: "قتل عناصر من الشرطة، بعد هجوم على الحاجز")."""
    lo, hi = ctx.n(cl.start), ctx.n_end(cl.end)
    if nxt.fatalities is not None or not ctx.has_cue(lo, hi, "kill") or ctx.has_cue(lo, hi, "no_toll") \
            or is_tally(ctx, lo, hi) or ctx.places_in(cl.start, cl.end):
        return False
    nlo = ctx.n(nxt.clause.start)
    head = ctx.nt.norm[nlo:nlo + 12].lstrip(" ،,؛").split()
    if not head or not (head[0] in CAUSE_WORDS or (head[0][:1] == "و" and head[0][1:] in CAUSE_WORDS)
                        or " ".join(head[:2]) in CAUSE_WORDS):
        return False
    t = combine(read_counts(ctx, lo, hi), "killed")
    if t is None:
        return False
    nxt.fatalities = t
    if ctx.trace is not None:
        ctx.trace.note_mention(nxt, "toll_of_cause", f"fatalities from «{cl.text}»")
    return True


describe(__name__, "party_before_verb", """One person told before his toll verb after "أن", his party told between
after "من" or "في", is one dead (rasid.tolls.find_counts): "وأوضح الضابط أن حارسا في الدفاع المدني قتل بانفجار لغم"
is 1 (at most four words, no sign between; not when the verb has an object after it: "أن مسلحا من العصابة قتل
حارسا" counts the guard).""", reads="cues.tsv kill, injure, toll_nouns.tsv")
describe(__name__, "adjective_before_number", """A number word after a plural or dual noun and an adjective that agrees
with it counts them, the toll verb right before the noun giving the measure (rasid.tolls._noun_before): "لقي عسكريين
روسيين اثنين حتفهم" is two dead, and "مقتل شرطيين اثنين وجرح أربعة آخرين" two dead and four wounded (not six
wounded: the verb after the number is the next count's).""", reads="toll_nouns.tsv, cues.tsv kill, injure")
describe(__name__, "other_side_joined_to_one", """A figure joined by "و" to one person told by a singular noun right
after the toll verb is counted with that verb (rasid.tolls._joined_to_one): "مقتل جندي تركي وسبعة من عناصر التنظيم
وإصابة ثلاثة" is eight dead and three wounded (the party after "من" counts as the noun; the verb after the figure is
the next count's; a word or two of the one person between at most, no sign).""", reads="toll_nouns.tsv, cues.tsv kill")
describe(__name__, "joint_figure_told_as_dead", """A figure told elsewhere in the event for the dead and the wounded
together is that figure wherever it is told as the dead alone (a headline shortens it): "50 قتيلا بغارات على
السوق" and "أسفرت الغارات عن وقوع أكثر من 50 قتيلا وجريحا" leave the dead unknown (the spec).""")
describe(__name__, "sides_add_up", """The numbers of different sides told in different clauses of one event add up
(the spec): "قتل عنصر من الحشد الشعبي ... وقتل ستة من عناصر التنظيم" is seven dead.""")
describe(__name__, "side_told_twice", """One side's figure told twice in an event is one figure before the sides add
up: "قتل 15 من الحوثيين في الهجوم" then "إن 15 من الحوثيين قتلوا، فيما قتل أحد رجال المقاومة" is 16 (its exact
telling kept; a side told with two different figures is left to the other rules, and so are sides never told
together in one sentence: a figure told in a sentence of its own may be another event's).""")
describe(__name__, "fuller_sum", """The sum over the sides that holds a figure told elsewhere is the fuller toll of the
same event: "كبدت قوات النظام 12 قتيلا" then "مقتل 12 عنصرا نظاميا واستشهاد 9 من الفصائل" is 21.""")
describe(__name__, "updated_total", """An updated figure replaces the earlier one (the spec): "قتل أكثر من 40
شخصا في الانفجار" then "ارتفع عدد قتلى الانفجار إلى 53" is 53.""")
describe(__name__, "named_among_dead", """A person named among dead already told is a part of their toll, not a
toll of one of his own (rasid.tolls.find_counts): "ومن بين القتلى القيادي أبو علي" is at least one, so it joins the
event told with its full figure ("قتل 12 مسلحا في مواجهات ..."), which is never an exact toll of one apart from.""",
         reads="cues.tsv kill, toll_nouns.tsv")
describe(__name__, "part_loses_to_total", """A known part of the dead loses to a figure of them all told elsewhere
in the event, one larger than the part: "قتل 17 من عناصر الميليشيا في الهجوم" and "من بين القتلى القيادي أبو علي" is
17, not at least 1 (a smaller figure cannot hold the part: "بين القتلى 120 جنديا" stays beside another clause's 6).""")
describe(__name__, "bound_kept_over_recalled_figure", """The same number told exactly only in a clause that recalls an
older account in the pluperfect does not beat the event's own telling of it as a bound (rule exact_number): "قتل 14
شخصا على الأقل في تفجير سيارة مفخخة في السوق الاثنين ... وكانت المدينة قد شهدت تفجيرا أسفر عن مقتل 14 شخصا" is at
least 14.""")
describe(__name__, "exact_number", """A number beats "heavy losses", and the same number told exactly beats it told as
a bound: "أوقع أكثر من 53 قتيلا" then "أسفر عن وقوع 53 قتيلا" is exactly 53.""")


def event_toll(ctx, g: list[Mention], head: Mention, attr: str) -> dict | None:
    """The toll of an event from its mentions (rules updated_total, sides_add_up, fuller_sum, exact_number)."""
    found = [getattr(m, attr) for m in [head] + g if getattr(m, attr)]
    numbered = list({id(t): t for t in found if t.get("value") is not None}.values())
    top = max((t["value"] for t in numbered if not t.get("part")), default=None)
    if top is not None and any(t.get("part") and t["value"] < top for t in numbered):
        # "من بين القتلى القيادي ..." retold beside "قتل 17 من عناصر الميليشيا": a known part of the dead loses to a
        # figure of them all, one larger than the part (a smaller figure cannot hold it: it is another event's)
        # (rule part_loses_to_total)
        note(ctx, "part_loses_to_total", f"{attr}: {top}")
        numbered = [t for t in numbered if not (t.get("part") and t["value"] < top)]
        found = [t for t in found if not (t.get("part") and t.get("value") is not None and t["value"] < top)]
    sides = [t.get("of") for t in numbered]
    if len(numbered) > 1 and all(sides) and 1 < len(set(sides)) < len(sides) and all(
            len({t["value"] for t in numbered if t.get("of") == side}) == 1 for side in set(sides)) and any(
            {getattr(m, attr).get("of") for m in [head] + g if m.sentence == s and getattr(m, attr)} >= set(sides)
            for s in {m.sentence for m in [head] + g}):
        # "قتل 15 من الحوثيين" ... "نحو 15 من الحوثيين قتلوا، فيما قتل أحد رجال المقاومة": one side's figure told
        # twice is one figure, its exact telling kept, when one sentence tells every side's (rule side_told_twice)
        note(ctx, "side_told_twice", f"{attr}: " + ", ".join(sorted(set(sides))))
        numbered = [min((t for t in numbered if t.get("of") == side), key=lambda t: t.get("qualifier") != "exact")
                    for side in dict.fromkeys(sides)]
        sides = [t.get("of") for t in numbered]
    if len(numbered) > 1 and all(sides) and len(set(sides)) == len(sides):
        quals = {t.get("qualifier") for t in numbered}
        note(ctx, "sides_add_up", f"{attr}: " + " + ".join(f"{t['value']} of {t.get('of')}" for t in numbered))
        return {"value": sum(t["value"] for t in numbered),
                "qualifier": sum_qualifier(quals),
                "group": "combatants" if {t.get("group") for t in numbered} == {"combatants"} else "mixed",
                "of": None}
    joint = next((t for t in found if t.get("joint")), None)
    if joint is not None and numbered and all(t["value"] == joint["joint"] and not t.get("total") for t in numbered):
        # "أكثر من 50 قتيلا وجريحا" and a headline's "50 قتيلا": the figure counts the wounded too
        note(ctx, "joint_figure_told_as_dead", f"{attr}: {joint['joint']} killed and wounded")
        return joint
    totals = [t for t in numbered if t.get("total")]
    if totals:
        # "قتل أكثر من 40 شخصا" ... "ارتفع عدد القتلى إلى 53": the update replaces the earlier figure
        note(ctx, "updated_total", f"{attr}: {max(t['value'] for t in totals)}")
        return max(totals, key=lambda t: t["value"])
    first = next((t for t in found if t.get("value") is not None), found[0] if found else None)
    told = first
    if first and first.get("value") is not None:
        first = next((t for t in numbered if first["value"] > 1 and first["value"] in t.get("parts", ())
                      and t["value"] > first["value"]), first)
        if first is not told:
            note(ctx, "fuller_sum", f"{attr}: {first['value']} holds {told['value']}")
    if first and first.get("qualifier") != "exact":
        # (rule bound_kept_over_recalled_figure: not the figure of an older account recalled in the pluperfect)
        recalled = {id(getattr(m, attr)) for m in [head] + g if getattr(m, "background", False) and getattr(m, attr)} - {
            id(getattr(m, attr)) for m in [head] + g if not getattr(m, "background", False) and getattr(m, attr)}
        exact = next((t for t in numbered if t["value"] == first.get("value") and t.get("qualifier") == "exact"
                      and (id(t) not in recalled or id(first) in recalled)), first)
        if exact is not first:
            note(ctx, "exact_number", f"{attr}: {exact['value']}")
        first = exact
    return first


def with_text(t: dict | None) -> dict | None:
    return {k: v for k, v in t.items() if k not in ("parts", "total", "joint", "part")} if t else None


@rule("toll_told_in_stages", reads="role_words.tsv interim_toll, new_total")
def toll_conflict(g: list[Mention], m: Mention) -> bool:
    """Two different exact death tolls ("24 killed", "15 killed") are two events, whatever else they share; not when
    one is told as a stage of a count still running: "قتل 19 شخصا في تفجير سيارة مفخخة في السوق ... وكانت حصيلة
    أولية للتفجير في السوق أفادت بمقتل 12" and "ارتفع عدد قتلى الاشتباكات في المدينة إلى 5" after "4 قتلى في اشتباكات
    المدينة" are one event, when told at one place (a country's rising total holds many places' events)."""
    return any(tolls_differ(x.fatalities, m.fatalities) and not (
        (x.toll_stage or m.toll_stage) and not _place_keys(x).isdisjoint(_place_keys(m))) for x in g)


def _place_keys(m: Mention) -> set[str]:
    from .same import loc_keys
    return loc_keys(m)


def tolls_differ(a: dict | None, b: dict | None) -> bool:
    """Two exact tolls that cannot be one event's: different numbers of the same (or an unnamed) side.
    "قتل عنصر من الحشد" and "قتل سبعة من عناصر داعش" are the two sides of one battle."""
    a, b = a or {}, b or {}
    if not (a.get("qualifier") == b.get("qualifier") == "exact") or a.get("value") == b.get("value"):
        return False
    if any(x["value"] > 1 and x["value"] in y.get("parts", ()) for x, y in ((a, b), (b, a))):
        # "12 killed" and "12 soldiers and 9 fighters killed": one side's dead within the sum (a single death
        # is no sign: it is a part of many sums)
        return False
    return not (a.get("of") and b.get("of") and a.get("of") != b.get("of"))
