"""Date expressions in Arabic news, resolved against the publication date.

Handles "اليوم"، "أمس"، "أمس الأول"، "الليلة الماضية"، weekdays ("اليوم الخميس"،
"أمس الأربعاء"، "يوم الثلاثاء")، "منذ نحو 10 أيام"، "الأسبوع الماضي"، absolute
dates in both month systems (كانون الثاني / يناير) and numeric forms. Output
precision follows ACLED: 1 day, 2 up to a week, 3 month or vaguer.
"""
from __future__ import annotations

import bisect
import datetime as dt
import re as stdre
from dataclasses import dataclass

import regex as re

from .arabic import NormText

MONTHS = {
    "كانون الثاني": 1, "يناير": 1, "شباط": 2, "فبراير": 2, "اذار": 3, "مارس": 3,
    "نيسان": 4, "ابريل": 4, "افريل": 4, "ايار": 5, "مايو": 5, "ماي": 5, "حزيران": 6, "يونيو": 6, "يونيه": 6,
    "تموز": 7, "يوليو": 7, "يوليه": 7, "اب": 8, "اغسطس": 8, "غشت": 8, "ايلول": 9, "سبتمبر": 9,
    "تشرين الاول": 10, "اكتوبر": 10, "تشرين الثاني": 11, "نوفمبر": 11, "نونبر": 11,
    "كانون الاول": 12, "ديسمبر": 12, "دجنبر": 12,
    # the Maghreb's names (Tunisia, Algeria: "5 جانفي", "في جويلية"; Morocco: "يوليوز", "شتنبر")
    "جانفي": 1, "فيفري": 2, "جوان": 6, "جويليه": 7, "يوليوز": 7, "اوت": 8, "شتنبر": 9,
}
# Python weekday(): Monday=0
WEEKDAYS = {"الاثنين": 0, "الإثنين": 0, "الثلاثاء": 1, "الاربعاء": 2, "الخميس": 3, "الجمعه": 4, "السبت": 5, "الاحد": 6}
NUM_WORDS = {"يومين": 2, "ثلاثه": 3, "اربعه": 4, "خمسه": 5, "سته": 6, "سبعه": 7, "ثمانيه": 8, "تسعه": 9, "عشره": 10}

_M = "|".join(sorted(MONTHS, key=len, reverse=True))
# The days of a month as ordinals ("في الخامس من الشهر الجاري", "الحادي والعشرين من آذار"), normalised
_ORD_UNITS = {"الاول": 1, "الثاني": 2, "الثالث": 3, "الرابع": 4, "الخامس": 5, "السادس": 6, "السابع": 7, "الثامن": 8,
              "التاسع": 9}
ORDINAL_DAYS = {**_ORD_UNITS, "العاشر": 10, "الحادي عشر": 11, "العشرين": 20, "العشرون": 20, "الثلاثين": 30,
                "الثلاثون": 30, "الحادي والثلاثين": 31, "الحادي والثلاثون": 31}
for _w, _n in _ORD_UNITS.items():
    if _n > 1:
        ORDINAL_DAYS[f"{_w} عشر"] = 10 + _n
    ORDINAL_DAYS[f"{'الحادي' if _n == 1 else _w} والعشرين"] = 20 + _n
    ORDINAL_DAYS[f"{'الحادي' if _n == 1 else _w} والعشرون"] = 20 + _n
_O = "|".join(sorted(ORDINAL_DAYS, key=len, reverse=True))
_W = "|".join(WEEKDAYS)
_PRE = r"(?<![\p{L}])(?:[وفب]|ل)?"
# verbs whose object follows with "على" or "من" ("سيطر على", "استولى على", "تمكن من", "انسحب من"): "قبل أيام"
# told between such a verb and its object is the verb's day, not "days before" the object (rule few_days_before_object)
_PREP_VERB = (r"(?<![\p{L}])[وف]?(?:قد\s+)?(?:سيطر|استول|استحوذ|هجم|عثر|قبض|اعتد|اقدم|تمكن|انطلق|انسحب|خرج|فر|هرب)"
              r"(?:ت|وا|ا|تا|ي)?")

PATTERNS: list[tuple[str, re.Pattern]] = [
    # "في الثاني من شهر آذار الجاري", "الخامس من الشهر الجاري", "العشرين من الشهر الماضي": a day of the month
    # written as an ordinal (not "كانون الثاني من عام 2016", a month's name)
    ("abs_ord", re.compile(rf"{_PRE}(?:يوم\s+)?(?<!(?:كانون|تشرين)\s+)(?P<day>{_O})\s+من\s+(?:(?:شهر\s+)?(?P<mon>{_M})(?:\s*[/(\-]\s*(?:{_M})\s*\)?)?(?:\s+(?P<this>الجاري|الحالي|الماضي))?(?:\s*[,،]?\s*(?:عام|سنه|لعام)?\s*(?P<year>\d{{4}})|\s+من\s+(?:العام|السنه)\s+(?P<yrel>الماضي|الماضيه|الجاري|الحالي|الحاليه))?|(?:هذا\s+)?(?P<cur>الشهر)(?:\s+(?P<curx>الجاري|الحالي|الماضي))?(?!\s+(?:نفسه|ذاته|ذلك)(?![\p{{L}}])))(?![\p{{L}}\d])")),
    # "في 25 من الشهر الجاري", "يوم 7 من الشهر الماضي", "في 3 الجاري": a day of this month or the one before
    # written in digits (the press's short form "3 الجاري" is this month's)
    ("abs_cur", re.compile(rf"{_PRE}(?:يوم\s+)?(?:ال\s*)?(?<!\d)(?P<day>\d{{1,2}})\s+(?:من\s+)?(?:(?:هذا\s+)?الشهر\s+(?P<curx>الجاري|الحالي|الماضي|المنصرم|الفايت)|(?P<bare>الجاري|الحالي))(?![\p{{L}}\d])")),
    # "بين 17 و20 شباط", "من 15 إلى 22 آذار 2016", "بين يومي 23 و25 مارس", "من 26 - 27 شباط": the days from the
    # first to the second of that month, a range (rule day_range), not the second day alone
    ("abs_range", re.compile(rf"{_PRE}(?:بين|من)\s+(?:(?:يوم|يومي|الفتره\s+من)\s+)?(?<!\d)(?P<d1>\d{{1,2}})\s*(?:و|الي|حتي|لغايه|[-–])\s*(?:(?:يوم|ال)\s*)?(?P<d2>\d{{1,2}})\s*(?:من\s+)?(?:شهر\s+)?(?P<mon>{_M})(?:\s*[/(\-]\s*(?:{_M})\s*\)?)?(?:\s*[,،]?\s*(?:عام|سنه|لعام)?\s*(?P<year>\d{{4}}))?(?![\p{{L}}\d])")),
    # 6 كانون الأول 2018 / 6 ديسمبر (كانون الأول) 2018 / 6 من ديسمبر
    ("abs_dmy", re.compile(rf"(?<!\d)(\d{{1,2}})\s*(?:من\s+)?(?:شهر\s+)?({_M})(?:\s*[/(\-]\s*(?:{_M})\s*\)?)?(?:\s*[,،]?\s*(?:عام|سنه|لعام)?\s*(\d{{4}}))?(?![\p{{L}}])")),
    # ديسمبر 2018 (month and year only)
    ("abs_my", re.compile(rf"{_PRE}(?:شهر\s+)?({_M})(?:\s*[/(\-]\s*(?:{_M})\s*\)?)?\s+(?:من\s+)?(?:عام\s+|العام\s+)?(\d{{4}})(?!\d)")),
    # في يوليو (تموز) / خلال شهر آب / مطلع أيلول: a month with no year, the latest one up to publication
    ("abs_m", re.compile(rf"{_PRE}(?:في|خلال|منذ|مطلع|اوائل|اواخر|اواسط|منتصف|شهر)\s+(?:شهر\s+)?({_M})(?:\s*[/(\-]\s*(?:{_M})\s*\)?)?(?![\p{{L}}\d])(?!\s*[,،]?\s*(?:عام\s+|سنه\s+)?\d)(\s+الماضي)?")),
    # 15 / 4 / 2017, 2017-04-15
    ("abs_num", re.compile(r"(?<![\d/.\-])(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})(?![\d/])")),
    ("abs_iso", re.compile(r"(?<![\d/.\-])(\d{4})-(\d{2})-(\d{2})(?![\d])")),
    # "الليلة قبل الماضية", "ليلة أول من أمس": the night before last
    ("night_before_last", re.compile(rf"{_PRE}(?:الليله\s+(?:ما\s+)?قبل\s+الماضيه|ليله\s+اول\s+(?:من\s+)?امس)")),
    # "بعد منتصف ليل أمس": the small hours of today
    ("rel_0m", re.compile(rf"{_PRE}(?:بعد|بعيد)\s+منتصف\s+(?:ليل|ليله)\s+(?:امس|البارحه)(?![\p{{L}}])()")),
    # أمس الأول / أول أمس / أول من أمس; a time of that day before it ("مساء أمس الأول", "منتصف ليل أمس (الأول)",
    # the ordinal set off in brackets)
    ("rel_-2", re.compile(rf"{_PRE}(?:(?:(?:يوم|ليله|ليل|مساء|صباح|ظهر|فجر|عصر|منتصف\s+(?:ليل|ليله))\s+)?(?:امس|البارحه)\s*(?:\(\s*الاولي?\s*\)|\s+الاولي?)|اول\s+(?:من\s+)?امس)(?:\s+({_W}))?")),
    ("rel_-1", re.compile(rf"{_PRE}(?:(?:يوم|ليله|ليل|مساء|صباح|ظهر|فجر|عصر)\s+)?(?:امس|البارحه)(?:\s+({_W}))?(?![\p{{L}}])")),
    ("rel_-1n", re.compile(rf"{_PRE}(?:الليله\s+الماضيه|ليله\s+امس)")),
    # (not "في اليوم التالي", "في اليوم نفسه", "في اليوم ذاته": a day counted from another day, not today)
    ("rel_0", re.compile(rf"{_PRE}(?:(?:صباح|مساء|ظهر|فجر|عصر|ليل|ظهيره)\s+)?اليوم(?!\s+(?:التالي|الموالي|السابق|نفسه|ذاته)(?![\p{{L}}]))(?:\s+({_W}))?(?![\p{{L}}])")),
    # "هذا الصباح", "الليلة"; "تدور حاليا اشتباكات": today (not "حتى الآن", up to now; "الآن" is more often a
    # turn of argument, "وها هو الآن يخسر نفوذه", than a time)
    ("rel_0b", re.compile(rf"{_PRE}(?:هذا\s+الصباح|صباح\s+هذا\s+اليوم|الليله|(?<!(?:حتي|لحد|لغايه|منذ)\s+)حاليا)(?![\p{{L}}])")),
    # منذ (نحو) 10 أيام / منذ يومين / قبل ثلاثة أيام
    # "قبل ساعات", "منذ 3 ساعات": today
    ("ago_hours", re.compile(rf"{_PRE}(?:(?:منذ|قبل)\s+(?:نحو|حوالي|قرابه)?\s*(?:(?:\d+|{'|'.join(NUM_WORDS)})\s*)?(?:ساعات|ساعه|ساعتين)(?![\p{{L}}])|(?:منذ|قبل)\s+قليل(?![\p{{L}}])(?!\s+من(?![\p{{L}}])))")),
    # (the unit is required: "قبل 3 ساعات" is today, "قبل 3 سنوات" no day at all)
    ("ago_days", re.compile(rf"{_PRE}(?:منذ|قبل)\s+(?:نحو|حوالي|قرابه)?\s*(?:(\d+|{'|'.join(NUM_WORDS)})\s*(?:ايام|يوما|يوم)(?![\p{{L}}])|(يومين))")),
    # "منذ أيام", "قبل بضعة أيام", "منذ عدة أيام": a few days back, how many not said (a range, not a day).
    # Not "قبل أيام من/على الانتخابات" (days before another thing); but "منذ أيام" always (rule
    # few_days_before_object), "قبل أيام على حد قولهم" (as they say), and "قبل أيام" after a verb whose object
    # follows with that preposition ("سيطرت الفصائل قبل أيام على التلة", "تمكنت قبل أيام من فك الحصار")
    ("ago_few", re.compile(rf"{_PRE}(?:منذ\s+(?:(?:بضعه|عده)\s+)?ايام(?![\p{{L}}])|(?P<verb>(?<={_PREP_VERB}\s+(?:\S+\s+){{0,2}}))?قبل\s+(?:(?:بضعه|عده)\s+)?ايام(?![\p{{L}}])(?(verb)|(?!\s+(?:قليله\s+)?(?:من|علي)(?![\p{{L}}])(?!\s+حد(?![\p{{L}}])))))")),
    # "مطلع هذا الشهر", "الشهر الماضي", "خلال الشهر الجاري": this month or the one before, up to publication
    ("this_month", re.compile(rf"{_PRE}(?:(?:في|خلال|مطلع|اوائل|بدايه|منتصف|اواسط|اواخر|نهايه)\s+)?(?:هذا\s+الشهر|الشهر\s+(?:الجاري|الحالي))(?![\p{{L}}])")),
    ("last_month", re.compile(rf"{_PRE}(?:(?:في|خلال|مطلع|اوائل|بدايه|منتصف|اواسط|اواخر|نهايه)\s+)?الشهر\s+(?:الماضي|المنصرم|الفايت)(?![\p{{L}}])")),
    ("last_week", re.compile(rf"{_PRE}(?:خلال\s+)?الاسبوع\s+(?:الماضي|المنصرم|الفايت)(?![\p{{L}}])")),
    # ("منذ قليل", "قبل قليل": a moment ago, today; not "قبل قليل من التنفيذ", a moment before another thing)
    # "خلال الـ36 ساعة الماضية", "الساعات الـ24 الماضية": a day or two back from publication
    ("past_hours", re.compile(rf"{_PRE}(?:خلال\s+)?(?:الساعات\s+)?ال\s*(\d+)\s+(?:ساعه\s+)?الماضيه")),
    ("past_hours_few", re.compile(rf"{_PRE}(?:خلال\s+)?الساعات\s+(?:القليله\s+)?الماضيه")),
    # "خلال الأيام الماضية", "في الأيام الأخيرة" (not "في الأيام الأخيرة من حكمه", "الأيام الأخيرة لوجوده")
    ("past_days", re.compile(rf"{_PRE}(?:(?:خلال|في)\s+)?الايام\s+(?:(?:القليله\s+)?الماضيه|الاخيره(?!\s+(?:من|ل)))")),
    # "مؤخرا", "في الآونة الأخيرة": recently, the week up to publication
    ("recent", re.compile(rf"{_PRE}(?:موخرا|في\s+الاونه\s+الاخيره)(?![\p{{L}}])")),
    # "يومي الاثنين والثلاثاء", "ليل الثلاثاء الأربعاء", "ليل الأحد - الاثنين" (the spec's): two days
    ("weekday_pair", re.compile(rf"{_PRE}(?<!بع(?:ي)?د\s+منتصف\s+)(?:يومي|ليل|ليله)\s+(?:ال)?({_W})(?:\s*[-/–]\s*|\s+(?:و\s*|(?:علي|الي)\s+)?)(?:ال)?({_W})(?:\s+الماضيين)?(?![\p{{L}}])")),
    # "بعد منتصف ليل الاثنين": the small hours of Tuesday
    # ("ليل الأحد - الاثنين": the second day of the night)
    ("after_midnight", re.compile(rf"{_PRE}(?:بعد|بعيد)\s+منتصف\s+(?:ليل|ليله)\s+(?:يوم\s+)?(?:ال)?({_W})(?:\s*[-/]\s*(?:ال)?({_W}))?(?![\p{{L}}])")),
    # (not the name "عبد الأحد": a man, not Sunday)
    # ("الخميس الماضي" / "الفائت" / "المنصرم" on a Thursday: a week back; "الخميس قبل الماضي": the one before that)
    ("weekday", re.compile(rf"{_PRE}(?<!عبد\s+)(?:(?:يوم|ليله|ليل|صباح|مساء|فجر|ظهر|بعد\s+ظهر|عصر|ظهيره|منتصف\s+ليل)\s+)?(?:ال)?({_W})(?:\s+(?P<past>(?:ما\s+)?قبل\s+الماضي|الماضيه?|المنصرمه?|الفايته?))?(?![\p{{L}}])")),
    # "بين عامي 2011 و2013", "في عامي 2008 و2009", "من عام 2011 حتى عام 2013": a span of years, the first to the
    # last (before "year": not the first year alone)
    ("year_span", re.compile(r"(?<![\p{L}\d])(?:(?:بين|في|خلال)\s+)?(?:(?:عامي|سنتي|العامين|السنتين)\s+(?P<y1>\d{4})\s*(?:و|[-–/])\s*(?:عام\s+)?|(?:من|بين)\s+(?:عام|العام|سنه)\s+(?P<y1b>\d{4})\s*(?:و|الي|حتي|لغايه|[-–])\s*(?:عام\s+|العام\s+|سنه\s+)?)(?P<y2>\d{4})(?!\d)")),
    ("year", re.compile(r"(?<![\p{L}\d])(?:عام|العام|سنه|لعام|في)\s+(\d{4})(?!\d)")),
    # Years before 1900, history: "عام 1262", "سنة 636 م", "عام 1250 هـ" (a year of the Hijra, told as its
    # Gregorian year; one of the Hijra that is not old, "عام 1437 هـ", is no date), "217 قبل الميلاد"; a year from
    # 1350 to 1500 with no era told may be one of the Hijra of today: no date
    ("old_year", re.compile(r"(?:(?<![\p{L}\d])(?:عام|العام|سنه|لعام)\s+(?P<y>\d{3,4})|(?:(?<![\p{L}\d])(?:(?:عام|العام|سنه)\s+)?|(?<=(?<![\p{L}])و))(?P<bc>\d{1,4})\s*قبل\s+الميلاد)(?!\d)(?:\s*(?P<era>للهجره|هجريه?|هـ|ه(?![\p{L}])|للميلاد|ميلاديه?|م(?![\p{L}]))(?!\s*الميلاد))?")),
    # "في القرن التاسع عشر", "القرن الـ19", "مطلع القرن الماضي", "القرن الثالث قبل الميلاد": a century before this
    # one, history (not this century, "القرن الحادي والعشرين", "القرن الحالي"; not "صفقة القرن")
    ("century", re.compile(rf"(?<![\p{{L}}])(?:[وفب]|ل)?القرن\s+(?:(?P<ord>{_O})|ال\s*(?P<num>\d{{1,2}})|(?P<num2>\d{{1,2}})|(?P<last>الماضي|المنصرم|الفايت))(?![\p{{L}}\d])(?:\s+(?:الميلادي\s+)?(?P<bc>قبل\s+الميلاد))?")),
    # "وفي السابع من الشهر نفسه", "في 17 من نفس الشهر": a day of the month a date told before names
    # (last: every date it may refer to is read before it)
    ("abs_same", re.compile(rf"{_PRE}(?:يوم\s+)?(?:(?P<day>{_O})|(?<!\d)(?P<num>\d{{1,2}}))\s+من\s+(?:الشهر\s+(?:نفسه|ذاته)|نفس\s+الشهر)(?![\p{{L}}])")),
]


@dataclass(slots=True)
class DateMention:
    start: int  # offsets into the original text
    end: int
    text: str
    kind: str
    start_date: str | None
    end_date: str | None
    precision: int | None
    relative: bool

    def as_field(self) -> dict:
        return {"start": self.start_date, "end": self.end_date, "precision": self.precision, "text": self.text}


def _day_range(m: re.Match, pub: dt.date | None):
    """"بين 17 و20 شباط": the 17th to the 20th, precision 2 up to a week, else 3; the year as for one day."""
    d1, d2, mon = int(m["d1"]), int(m["d2"]), MONTHS[m["mon"]]
    given = int(m["year"]) if m["year"] and _plausible_year(int(m["year"])) else None
    year = given or (pub.year if pub else None)
    if year is None or not 1 <= d1 < d2 <= 31:
        return None
    try:
        if not given and pub and dt.date(year, mon, d1) > pub + dt.timedelta(days=2):
            year -= 1
        a, b = dt.date(year, mon, d1), dt.date(year, mon, d2)
    except ValueError:
        return None
    return _iso(a), _iso(b), 2 if (b - a).days < 7 else 3, False


def _iso(d: dt.date) -> str:
    return d.isoformat()


_PUBLISHED = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")  # (compiled once: asked for every document and date)


def parse_published(s: str | None) -> dt.date | None:
    if not s:
        return None
    m = _PUBLISHED.match(s.strip())
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def _weekday_back(pub: dt.date, wd: int, max_back: int = 6) -> dt.date:
    delta = (pub.weekday() - wd) % 7
    return pub - dt.timedelta(days=min(delta, max_back))


# Every pattern needs one of its key words or a digit: each runs only in windows around its own keys
# (sixteen patterns scanning the whole text cost 1.7 ms an article; the windows are a few % of it).
_DIGIT_KINDS = ("abs_cur", "abs_range", "abs_dmy", "abs_my", "abs_num", "abs_iso", "ago_days", "past_hours", "year_span", "year",
                "old_year", "century", "abs_same")
_MONTH_KINDS = ("abs_ord", "abs_range", "abs_dmy", "abs_my", "abs_m")
_KEYS: dict[str, tuple[str, ...]] = {
    "امس": ("rel_-2", "rel_-1", "rel_-1n", "rel_0m"), "البارحه": ("rel_-1", "rel_-2", "rel_0m"), "الاخيره": ("past_days",), "ليله": ("rel_-1n", "rel_0b"),
    "اليوم": ("rel_0", "rel_0b"), "الصباح": ("rel_0b",), "حاليا": ("rel_0b",), "منذ": ("ago_days", "ago_hours", "ago_few"), "قبل": ("ago_days", "ago_hours", "ago_few"),
    "الاسبوع": ("last_week",), "عام": ("year",), "الشهر": ("abs_same", "abs_ord", "this_month", "last_month"),
    "سنه": ("year",), "القرن": ("century",), "يومين": ("ago_days",), "شهر": _MONTH_KINDS, "موخرا": ("recent",), "الاونه": ("recent",),
    **{(w[2:] if w.startswith("ال") else w): ("weekday", "rel_-1", "rel_-2", "weekday_pair", "after_midnight")
       for w in WEEKDAYS},
    "الماضيه": ("past_hours", "past_hours_few", "past_days", "night_before_last"), "اول": ("night_before_last",),
    **{m: _MONTH_KINDS for m in MONTHS if len(m) > 3},
    **{w: ("ago_days",) for w in NUM_WORDS},
    # the ordinal words of a day ("الثالث من آب": a month too short to be a key of its own)
    **{w: ("abs_ord", "abs_same") for o in ORDINAL_DAYS for w in o.split() if w not in ("عشر",)},
}
_DIGITS = re.compile(r"\d+")


def _key_automaton():
    import ahocorasick

    a = ahocorasick.Automaton()
    for k, kinds in _KEYS.items():
        a.add_word(k, (len(k), kinds))
    a.make_automaton()
    return a


_AUTO = _key_automaton()


def _windows(norm: str, lo: int, hi: int) -> dict[str, list[tuple[int, int]]]:
    """For each pattern kind, merged stretches of ``norm[lo:hi]`` around its key words, cut at spaces."""
    hits: dict[str, list[tuple[int, int]]] = {}
    for end, (n, kinds) in _AUTO.iter(norm, lo, hi):
        for k in kinds:
            hits.setdefault(k, []).append((end - n + 1, end + 1))
    digits = [(m.start(), m.end()) for m in _DIGITS.finditer(norm, lo, hi)]
    if digits:
        for k in _DIGIT_KINDS:
            hits.setdefault(k, []).extend(digits)
    merged: dict[tuple, list[tuple[int, int]]] = {}  # the digit kinds often share one list of hits: merged once
    out = {}
    spaces = _Spaces(norm, lo, hi)  # where the words end, found once for every kind
    for k, v in hits.items():
        v.sort()
        key = tuple(v)
        out[k] = merged[key] if key in merged else merged.setdefault(key, _merge(norm, lo, hi, v, spaces))
    return out


_SPACE = stdre.compile(r"\s")  # (the characters str.isspace() holds: the standard re, not regex)
_LAST_SPACE = stdre.compile(r"\s(?=\S*\Z)")  # the last one before the end of the searched stretch
_NEAR = 64  # characters searched either side of a window before all the spaces of the text are listed


class _Spaces:
    """The whitespace nearest a window's edges, searched near the edge first: most words are short, so the
    spaces of the whole text are listed (once, for a bisect) only when a long run of letters needs it."""

    __slots__ = ("norm", "lo", "hi", "all", "starts", "ends")

    def __init__(self, norm: str, lo: int, hi: int):
        self.norm, self.lo, self.hi, self.all = norm, lo, hi, None
        # each edge found once: the kinds of date share key words, so half the edges asked are asked again
        self.starts: dict[int, int] = {}
        self.ends: dict[int, int] = {}

    def _list(self) -> list[int]:
        if self.all is None:
            self.all = [m.start() for m in _SPACE.finditer(self.norm, self.lo, self.hi)]
        return self.all

    def word_start(self, a: int) -> int:
        """Just after the last space before offset ``a`` (else ``lo``)."""
        got = self.starts.get(a)
        if got is None:
            got = self.starts[a] = self._word_start(a)
        return got

    def word_end(self, b: int) -> int:
        """The first space at or after offset ``b`` (else ``hi``)."""
        got = self.ends.get(b)
        if got is None:
            got = self.ends[b] = self._word_end(b)
        return got

    def _word_start(self, a: int) -> int:
        lo = max(self.lo, a - _NEAR)
        # the last " " when no other whitespace follows it (two calls in C; the regex tries every character)
        k = self.norm.rfind(" ", lo, a)
        if k >= 0 and _SPACE.search(self.norm, k + 1, a) is None:
            return k + 1
        m = _LAST_SPACE.search(self.norm, lo, a)
        if m is not None:
            return m.start() + 1
        if a - _NEAR <= self.lo:
            return self.lo
        spaces = self._list()
        k = bisect.bisect_left(spaces, a)
        return spaces[k - 1] + 1 if k else self.lo

    def _word_end(self, b: int) -> int:
        m = _SPACE.search(self.norm, b, min(self.hi, b + _NEAR))
        if m is not None:
            return m.start()
        if b + _NEAR >= self.hi:
            return self.hi
        spaces = self._list()
        k = bisect.bisect_left(spaces, b)
        return spaces[k] if k < len(spaces) else self.hi


def _merge(norm: str, lo: int, hi: int, hits: list[tuple[int, int]], spaces: _Spaces | None = None) -> list[tuple[int, int]]:
    """Windows 25 characters either side of the (sorted) hits, overlapping ones joined."""
    out: list[list[int]] = []
    for a, b in hits:
        a, b = max(lo, a - 25), min(hi, b + 25)
        if out and a <= out[-1][1]:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    if spaces is not None:
        # Whole words at both ends, so no lookaround is fooled by a cut: the nearest space either side
        # (a long run of letters was walked once per kind of date)
        for w in out:
            w[0] = spaces.word_start(w[0])
            w[1] = spaces.word_end(w[1])
        return [(a, b) for i, (a, b) in enumerate(out) if i == 0 or (a, b) != tuple(out[i - 1])]
    # Whole words at both ends, so no lookaround is fooled by a cut. Linear time: a scan that
    # walks past the neighbouring window's own edge takes that window's answer (the same word
    # boundary), so one long run of letters is walked once, not once per window.
    prev = None  # (original start, extended start) of the window before
    for w in out:
        a0, a = w[0], w[0]
        while a > lo and not norm[a - 1].isspace():
            if prev is not None and a <= prev[0]:
                a = prev[1]
                break
            a -= 1
        prev, w[0] = (a0, a), a
    nxt = None  # (original end, extended end) of the window after
    for w in reversed(out):
        b0, b = w[1], w[1]
        while b < hi and not norm[b].isspace():
            if nxt is not None and b >= nxt[0]:
                b = nxt[1]
                break
            b += 1
        nxt, w[1] = (b0, b), b
    # windows inside one long word all become that word: scanned once (a repeat finds only the same matches)
    return [(a, b) for i, (a, b) in enumerate(out) if i == 0 or (a, b) != tuple(out[i - 1])]


_SCANNED: list = [None, None]  # (text, lo, hi) and the candidates found there: a text read against two days is scanned once


def _scan(norm: str, lo: int, hi: int) -> list[tuple[str, re.Match, int, int]]:
    """Every pattern's candidate matches, in pattern order: (kind, match, start, end)."""
    last = _SCANNED[0]
    if last is not None and last[0] is norm and last[1] == lo and last[2] == hi:
        return _SCANNED[1]
    wins = _windows(norm, lo, hi)
    out = []
    for kind, pat in PATTERNS:
        for m in (m for a, b in wins.get(kind, ()) for m in pat.finditer(norm, a, b)):
            a, b = m.start(), m.end()
            while a < b and not norm[a].isalnum():
                a += 1
            out.append((kind, m, a, b))
    _SCANNED[:] = [(norm, lo, hi), out]
    return out


def find_dates(nt: NormText, published: str | None, lo: int = 0, hi: int | None = None) -> list[DateMention]:
    """All date mentions in ``nt.norm[lo:hi]``, resolved when ``published`` is known."""
    pub = parse_published(published)
    norm = nt.norm
    hi = len(norm) if hi is None else hi
    taken = bytearray(hi - lo + 1)  # 1 where a date was already read: a later pattern may not overlap it
    out: list[DateMention] = []
    for kind, m, a, b in _scan(norm, lo, hi):
        if taken.find(1, a - lo, b - lo) >= 0:
            continue
        res = _same_month(m, out, nt.span(a, b)[0]) if kind == "abs_same" else _resolve(kind, m, pub)
        if res is None:
            continue
        sd, ed, prec, rel = res
        if kind in SINCE_KINDS and pub and sd and _since(norm, lo, a, b):
            sd, ed, prec = _since_period(sd, ed, prec, pub)
        oa, ob = nt.span(a, b)
        taken[a - lo:b - lo] = b"\x01" * (b - a)
        out.append(DateMention(oa, ob, nt.text[oa:ob], kind, sd, ed, prec, rel))
    out.sort(key=lambda d: d.start)
    return out


_MONTHS_TOLD = frozenset({"abs_cur", "abs_range", "abs_dmy", "abs_ord", "abs_my", "abs_m", "abs_num", "abs_iso"})


def _same_month(m: re.Match, found: list[DateMention], at: int):
    """"السابع من الشهر نفسه": that day of the month of the nearest date told before it with a month (the dates
    read so far; the patterns of whole dates run first), none when no month was told."""
    told = [d for d in found if d.kind in _MONTHS_TOLD and d.start_date and d.end <= at]
    if not told:
        return None
    last = dt.date.fromisoformat(max(told, key=lambda d: d.start).start_date)
    day = ORDINAL_DAYS[m["day"]] if m["day"] else int(m["num"])
    try:
        d = last.replace(day=day)
    except ValueError:
        return None
    return _iso(d), _iso(d), 1, False


# "منذ 26 آذار", "منذ مطلع أيار": a period from that day or month up to publication, not the day itself
SINCE_KINDS = frozenset({"abs_cur", "abs_dmy", "abs_ord", "abs_m", "abs_my", "abs_num"})
_SINCE = re.compile(r"(?:^|\s)[وف]?منذ(?:\s+(?:مطلع|اوائل|اواخر|اواسط|منتصف|بدايه|نهايه|شهر))?\s*$")


def _since(norm: str, lo: int, a: int, b: int) -> bool:
    """A date right after "منذ" (maybe with "مطلع", "أواخر"...), or a match that starts with it."""
    return bool(_SINCE.search(norm, max(lo, a - 16), a)) or norm[a:b].lstrip("وفب").startswith("منذ")


def _since_period(sd: str, ed: str, prec: int, pub: dt.date) -> tuple[str, str, int]:
    """From the date named to publication; a week or less stays as named ("منذ الخميس" is handled as a weekday)."""
    if (pub - dt.date.fromisoformat(sd)).days <= 7:
        return sd, ed, prec
    return sd, _iso(pub), 3


def _plausible_year(y: int) -> bool:
    """A year a news report may name (1900-2099): "2300 شخص" after a month is a count."""
    return 1900 < y < 2100


# kinds of a date told by its year or years only (rules bare_year_past, long_past): a year, a span of years, a year
# before 1900, a century
YEAR_KINDS = frozenset({"year", "year_span", "old_year", "century"})


def _years(y1: int, y2: int):
    """Years y1 to y2 as a date span (a year before the era, or before year 1, reads as year 1: history all the same)."""
    y1, y2 = max(1, y1), max(1, y2)
    return f"{y1:04d}-01-01", f"{y2:04d}-12-31", 3, False


def _old_year(m: re.Match):
    """"عام 1262", "سنة 636 م", "217 قبل الميلاد", "عام 1250 هـ": a year before 1900 (one of the Hijra told as
    its Gregorian year). None for a year of today's Hijra, three digits that open a year of today ("عام 201", cut
    short), a year of 1350-1500 told with no era (the Hijra's maybe),
    or one of 1900 on (pattern year)."""
    if m["bc"]:
        return _years(1, 1)
    y, era = int(m["y"]), m["era"] or ""
    if era in ("للهجره", "هجري", "هجريه", "هـ", "ه"):
        y = int(y * 0.97 + 622)
    elif not era and 1350 <= y <= 1500:
        return None
    if y > 1900 or y < 100 or (y < 1000 and str(y)[:2] in ("19", "20")):
        return None  # ("عام 201": a year of today cut short by the page)
    return _years(y, y)


def _century(m: re.Match, pub: dt.date | None):
    """"القرن التاسع عشر" (1801-1900), "القرن الـ19", "القرن الماضي" (the one before publication's); none for this
    century or one to come."""
    if m["last"]:
        if pub is None:
            return None
        n = (pub.year - 1) // 100
    else:
        n = ORDINAL_DAYS[m["ord"]] if m["ord"] else int(m["num"] or m["num2"])
    if m["bc"]:
        return _years(1, 1)
    if n < 1 or (pub is not None and n >= (pub.year - 1) // 100 + 1) or n > 20:
        return None
    return _years((n - 1) * 100 + 1, n * 100)


def _ordinal_day(m: re.Match, pub: dt.date | None):
    """"الخامس من الشهر الجاري" is the 5th of the publication month; "العشرين من الشهر الماضي" of the month
    before; "الثاني من آذار" the latest 2 March up to publication (or of the year written, "من العام الماضي"
    the year before publication's)."""
    day = ORDINAL_DAYS[m["day"]]
    if m["cur"]:  # "الشهر": this month unless "الماضي"
        if pub is None:
            return None, None, 1, True
        first = pub.replace(day=1)
        if m["curx"] == "الماضي":
            first = (first - dt.timedelta(days=1)).replace(day=1)
        d = first.replace(day=day)
        if d > pub + dt.timedelta(days=2):
            return None  # "العشرين من الشهر الجاري" told on the 5th: a day to come
        return _iso(d), _iso(d), 1, True
    mon = MONTHS[m["mon"]]
    given = int(m["year"]) if m["year"] and _plausible_year(int(m["year"])) else None
    if m["yrel"] and pub:  # "من العام الماضي": the year before publication's
        given = pub.year - (m["yrel"] in ("الماضي", "الماضيه"))
    year = given or (pub.year if pub else None)
    if year is None:
        return None, None, 1, False
    if not given and pub and dt.date(year, mon, day) > pub + dt.timedelta(days=2):
        if m["this"] in ("الجاري", "الحالي"):
            return None
        year -= 1
    d = dt.date(year, mon, day)
    return _iso(d), _iso(d), 1, False


def _current_month_day(m: re.Match, pub: dt.date | None):
    """"في 25 من الشهر الجاري", "في 3 الجاري": that day of the publication month; "7 من الشهر الماضي" (المنصرم,
    الفائت) of the month before; a day after publication (two days' grace) is a day to come: no date."""
    if pub is None:
        return None, None, 1, True
    first = pub.replace(day=1)
    if m["curx"] in ("الماضي", "المنصرم", "الفايت"):
        first = (first - dt.timedelta(days=1)).replace(day=1)
    d = first.replace(day=int(m["day"]))  # (a day the month has not: ValueError, no date)
    if d > pub + dt.timedelta(days=2):
        return None
    return _iso(d), _iso(d), 1, True


def _resolve(kind: str, m: re.Match, pub: dt.date | None):
    """(start, end, precision, relative) or None when the match is not a date."""
    try:
        if kind == "abs_range":
            return _day_range(m, pub)
        if kind == "abs_dmy":
            day, mon = int(m[1]), MONTHS[m[2]]
            # "15 نيسان , 2300 شخص": a number after the month that is no plausible year is not the date's year
            given = int(m[3]) if m[3] and _plausible_year(int(m[3])) else None
            year = given or (pub.year if pub else None)
            if year is None:
                return None, None, 1, False
            if not given and pub and dt.date(year, mon, day) > pub + dt.timedelta(days=2):
                year -= 1
            d = dt.date(year, mon, day)
            return _iso(d), _iso(d), 1, False
        if kind == "abs_ord":
            return _ordinal_day(m, pub)
        if kind == "abs_cur":
            return _current_month_day(m, pub)
        if kind == "abs_my":
            mon, year = MONTHS[m[1]], int(m[2])
            if not _plausible_year(year):
                return None
            first = dt.date(year, mon, 1)
            last = (dt.date(year + (mon == 12), mon % 12 + 1, 1) - dt.timedelta(days=1))
            return _iso(first), _iso(last), 3, False
        if kind == "abs_m":
            if pub is None:
                return None, None, 3, False
            mon = MONTHS[m[1]]
            year = pub.year if mon < pub.month or (mon == pub.month and not m[2]) else pub.year - 1
            first = dt.date(year, mon, 1)
            last = min(dt.date(year + (mon == 12), mon % 12 + 1, 1) - dt.timedelta(days=1), pub)
            return _iso(first), _iso(last), 3, False
        if kind == "abs_num":
            d = dt.date(int(m[3]), int(m[2]), int(m[1]))
            return (_iso(d), _iso(d), 1, False) if _plausible_year(d.year) else None
        if kind == "abs_iso":
            d = dt.date(int(m[1]), int(m[2]), int(m[3]))
            return (_iso(d), _iso(d), 1, False) if _plausible_year(d.year) else None
    except (ValueError, KeyError):
        return None
    if kind == "year":
        y = int(m[1])
        if not _plausible_year(y):
            return None
        return f"{y}-01-01", f"{y}-12-31", 3, False
    if kind == "year_span":
        y1, y2 = int(m["y1"] or m["y1b"]), int(m["y2"])
        if not (_plausible_year(y1) and _plausible_year(y2) and y1 < y2):
            return None
        return f"{y1}-01-01", f"{y2}-12-31", 3, False
    if kind == "old_year":
        return _old_year(m)
    if kind == "century":
        return _century(m, pub)
    # relative expressions
    if pub is None:
        prec = {"ago_few": 2, "last_week": 2, "past_days": 2, "ago_days": 2, "past_hours": 2, "past_hours_few": 2, "recent": 2,
                "weekday_pair": 2, "night_before_last": 2, "this_month": 3, "last_month": 3}.get(kind, 1)
        return None, None, prec, True
    if kind.startswith("rel_"):
        off = {"rel_-2": -2, "rel_-1": -1, "rel_-1n": -1, "rel_0": 0, "rel_0b": 0, "rel_0m": 0}[kind]
        d = pub + dt.timedelta(days=off)
        if m.lastindex and m[1] in WEEKDAYS:
            # "أمس الأربعاء" in a report stamped two days later: the day named is the writer's, the stamp is not
            shift = (WEEKDAYS[m[1]] - d.weekday() + 3) % 7 - 3
            if abs(shift) <= 2:
                d += dt.timedelta(days=shift)
        return _iso(d), _iso(d), 1, True
    if kind == "weekday":
        d = _weekday_back(pub, WEEKDAYS[m[1]])
        if m["past"]:
            # "الخميس الماضي" told on a Thursday is a week back; "الخميس قبل الماضي" a week before that
            if d == pub:
                d -= dt.timedelta(days=7)
            if "قبل" in m["past"]:
                d -= dt.timedelta(days=7)
        return _iso(d), _iso(d), 1, True
    if kind == "weekday_pair":
        a, b = WEEKDAYS[m[1]], WEEKDAYS[m[2]]
        if (b - a) % 7 != 1:
            return None  # two days that do not follow each other: not one span
        d2 = _weekday_back(pub, b)
        return _iso(d2 - dt.timedelta(days=1)), _iso(d2), 2, True
    if kind == "after_midnight":
        d = _weekday_back(pub, WEEKDAYS[m[2]]) if m[2] else _weekday_back(pub, WEEKDAYS[m[1]]) + dt.timedelta(days=1)
        return _iso(d), _iso(d), 1, True
    if kind == "night_before_last":
        return _iso(pub - dt.timedelta(days=2)), _iso(pub - dt.timedelta(days=1)), 2, True
    if kind == "ago_hours":
        return _iso(pub), _iso(pub), 1, True
    if kind == "ago_days":
        n = m[1] or m[2]
        days = int(n) if n.isdigit() else NUM_WORDS.get(n, 2)
        if days > 60:
            return None
        d = pub - dt.timedelta(days=days)
        return _iso(d), _iso(d), 1 if days <= 3 else 2, True
    if kind in ("this_month", "last_month"):
        first = pub.replace(day=1)
        if kind == "last_month":
            first = (first - dt.timedelta(days=1)).replace(day=1)
        last = min(pub, (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1))
        part = m.group().split()[0].lstrip("وفب") if len(m.group().split()) > 2 else ""
        if part in ("مطلع", "اوائل", "بدايه"):
            last = min(last, first + dt.timedelta(days=9))
        elif part in ("اواخر", "نهايه"):
            first = max(first, first.replace(day=21))
        elif part in ("منتصف", "اواسط"):
            first, last = first.replace(day=11), min(last, first.replace(day=20))
        return _iso(first), _iso(last), 3, True
    if kind == "ago_few":  # "منذ أيام": since then, up to now; "قبل أيام": back then
        return _iso(pub - dt.timedelta(days=7)), _iso(pub - dt.timedelta(days=0 if "منذ" in m.group() else 1)), 2, True
    if kind == "last_week":
        return _iso(pub - dt.timedelta(days=7)), _iso(pub - dt.timedelta(days=1)), 2, True
    if kind == "past_days":
        return _iso(pub - dt.timedelta(days=6)), _iso(pub), 2, True
    if kind == "recent":
        return _iso(pub - dt.timedelta(days=7)), _iso(pub), 2, True
    if kind == "past_hours":
        hours = int(m[1])
        if not 0 < hours <= 96:
            return None
        return _iso(pub - dt.timedelta(days=-(-hours // 24))), _iso(pub), 2, True
    if kind == "past_hours_few":
        return _iso(pub - dt.timedelta(days=1)), _iso(pub), 2, True
    return None
