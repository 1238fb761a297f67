"""When: the dates of the document (what "today" means, the page's own dateline, the dates a source
spoke on) and the date of each event: the clause's date phrase, else its sentence's, else an earlier
sentence of its paragraph, else the lead's day when it tells of today, else the day before publication to that day."""
from __future__ import annotations

import bisect
import datetime as dt
import re

from ..dates import NUM_WORDS, YEAR_KINDS, DateMention, find_dates, parse_published
from .rules import describe, note, rule
from .same import bound, toll_retold
from .words import SPEECH, STATEMENT

FULL = ("abs_dmy", "abs_num", "abs_iso")
EXACT = FULL + ("abs_ord", "abs_same", "abs_cur")  # a day written out: beats a relative word next to it
YEAR = re.compile(r"\d{4}")


def read_dates(ctx) -> tuple[str | None, str | None]:
    """Find the document's dates against the right reference day; set ``ctx.dates``, ``ctx.dateline``,
    ``ctx.page_dates``. Returns the reference day and the page's own day."""
    doc, nt = ctx.doc, ctx.nt
    ctx.dates = find_dates(nt, doc.published)
    ref = doc.published
    full = [d for d in ctx.dates if d.kind in FULL and d.precision == 1 and d.start_date]
    page_ref = ref
    if not ref and full:
        ref = page_ref = full[0].start_date
        ctx.dates = find_dates(nt, ref)
        note(ctx, "first_full_date", f"«{full[0].text}» read as the publication day {ref}")
    if ref and (doc.published_from == "text" or not doc.published):
        today = next((x for d in ctx.dates if d.kind == "rel_0" for x in ctx.dates
                      if x.kind in FULL and x.precision == 1 and x.start_date
                      and 0 <= x.start - d.end <= 20), None)
        if today is not None and today.start_date != ref:
            ref = today.start_date
            ctx.dates = find_dates(nt, ref)
            note(ctx, "today_written", f"«{today.text}» says which day today is: {ref}")
    # the dateline itself (a page header's date) dates the page, not an event told beside it; a day and month
    # with no year ("هاجموا، الأحد 10 شباط، سيارة") is a date the story tells, never the page's stamp
    head = [d for d in ctx.dates if d.start < 400 and d.start_date == page_ref and d.kind in FULL
            and YEAR.search(d.text)]
    ctx.dateline = head[0].start if head else None
    # the dateline and the weekday written before it ("الأحد 21 كانون الثاني 2018") date the page
    ctx.page_dates = {d.start for d in ctx.dates if ctx.dateline is not None
                      and (d.start == ctx.dateline or 0 <= ctx.dateline - d.end <= 4)}
    return ref, page_ref


describe(__name__, "first_full_date", """No publication date: the article's first full date (its dateline, most often) is what "today",
    "yesterday Wednesday" and "15 September" are read against ("حلب - 12 آذار 2017: قصفت الطائرات أمس ...").""")


describe(__name__, "today_written", """A publication day taken from the page, but the text says which day today is ("اليوم، الجمعة 15 أيلول"):
    a page republished later keeps its new date in the header, the article its own in the text.""")


describe(__name__, "dateline", """The page's dateline (and the weekday before it, "الأحد 21 كانون الثاني 2018") dates the page, not an
    event told beside it; a day and month with no year ("هاجم مسلحون، الأحد 10 شباط، حاجزا") is the story's own date,
    never the page's.""", reads="dates found in the first 400 characters")


def read_report_dates(ctx, ref: str | None) -> None:
    """``ctx.pub`` (the reference day) and ``ctx.report_dates`` (dates a few words after a speech verb)."""
    ctx.pub = parse_published(ref)
    ctx.report_dates = {id(d) for d in ctx.dates if _reports(ctx, d)}


def _reports(ctx, d: DateMention) -> bool:
    """A date a few words after a speech verb ("قال المرصد اليوم", "أفادت مصادر الجمعة") dates the report."""
    i = ctx.n(d.start)
    words = ctx.nt.norm[max(0, i - 60):i].replace("،", " ").replace(",", " ").split()[-7:]
    # (a stance taken on an event: "استنكرت فرنسا، اليوم الاثنين، الهجوم الذي ... السبت الماضي", rule stance_day)
    return any(w in SPEECH or w in STATEMENT or (w[:1] == "و" and (w[1:] in SPEECH or w[1:] in STATEMENT))
               for w in words)


describe(__name__, "stance_day", """A day right after a verb of condemning or welcoming is the day the stance was taken, not
    the event's: "ندد الوزير اليوم الأحد بالغارة التي استهدفت المستشفى فجر الجمعة" is Friday's strike.""",
         reads="role_words.tsv statement")


@rule("report_day", reads="role_words.tsv speech")
def report_day(told: DateMention, said: DateMention, pub: dt.date | None) -> DateMention:
    """A relative day told after the day a source spoke is read against that day, not the publication day:
    "أعلنت القيادة مساء الأربعاء أن طائرات قصفت فجر اليوم" is Wednesday's dawn."""
    if not (pub and told.start_date and said.start_date and said.precision == 1):
        return told
    off = dt.date.fromisoformat(told.start_date) - pub
    day = (dt.date.fromisoformat(said.start_date) + off).isoformat()
    return DateMention(told.start, told.end, told.text, told.kind, day, day, told.precision, told.relative)


describe(__name__, "ordinal_day", """A day of the month written as an ordinal (dates.py abs_ord) is a day, not the month:
    "في الخامس من الشهر الجاري" is the 5th of the publication month, "الحادي والعشرين من الشهر الماضي" of the month
    before, "الثالث من آب من العام الماضي" of the year before; "كانون الثاني من عام 2016" stays a month's name. It beats a relative word beside it like any
    written date; it does not date the page.""")


describe(__name__, "current_month_day", """A day of the month written in digits with "الشهر الجاري/الحالي" (dates.py abs_cur) is that
    day of the publication month, with "الشهر الماضي/المنصرم/الفائت" of the month before, and the press's short "في 3
    الجاري" this month's: "قصفت الطائرات البلدة في 12 من الشهر الجاري" told on the 20th is the 12th, not the month (a
    day after publication is a day to come, no day). It beats a relative word beside it like any written date.""")


describe(__name__, "night_joined", """A night named by two days joined by "على" or "إلى" is the two days, like one joined by a dash
    (dates.py weekday_pair): "قصفت الطائرات البلدة ليلة السبت على الأحد" is Saturday to Sunday, precision 2.""")


describe(__name__, "moment_ago", """"منذ قليل", "قبل قليل" (a moment ago, breaking news) is today, like "قبل ساعات" (dates.py
    ago_hours): "اندلعت اشتباكات منذ قليل في الحي" is the publication day; not "قبل قليل من الهجوم", a moment before
    another thing.""")


describe(__name__, "few_days_before_object", """"قبل أيام" before "على" or "من" is "days before" another thing and no date
    ("التقى الوزيران قبل أيام من الانتخابات"), except after a verb whose object follows with that preposition (dates.py
    ago_few, _PREP_VERB): "سيطرت الفصائل قبل أيام على التلة" is a few days back; so are "قبل أيام على حد قولهم" (as they
    say) and "منذ أيام" always ("القصف المستمر منذ أيام على القرى").""")


describe(__name__, "day_range", """Two days of one month joined by "و", "إلى", "حتى" or a dash after "بين" or "من" are a range from
    the first to the second (dates.py abs_range), not the second day alone: "دارت المعارك بين 17 و20 شباط" is 17 to 20
    February, precision 2 (3 over a week: "من 4 حتى 21 كانون الأول"); "قتل بين 3 و6 أشخاص" is no date.""")


describe(__name__, "weekday_week_back", """A weekday named with "الماضي", "الفائت" or "المنصرم" on that same weekday of
    publication is a week back, not today (dates.py weekday): "قصفت الطائرات البلدة يوم الخميس الماضي" told on a
    Thursday is the Thursday before; "الجمعة قبل الماضي" is a week before last Friday. "الشهر المنصرم/الفائت" and
    "الأسبوع الفائت/المنصرم" are last month and last week, like "الماضي".""")


describe(__name__, "same_month_day", """A day of "the same month" (dates.py abs_same: "وفي السابع من الشهر نفسه", "في 17 من الشهر ذاته") is that
    day of the month of the nearest date told before it with a month: "قصفت الطائرات البلدة في الثالث من آب، وفي السابع
    من الشهر نفسه سقطت قذائف على السوق" is 7 August; with no month told before, no date.""")


describe(__name__, "written_beats_relative", """"اليوم، الاثنين 9 تشرين الأول": the written date (up to 20 characters after the relative word) says
    which day; it beats the relative word.""")


describe(__name__, "old_date_own_clause", """A year before 1900 or a century (dates.py old_year, century) dates only the
    clause it is told in, not the sentence's other clauses, and not the event when told in a relative clause that
    does not hold the event word: it tells when a thing was built or founded, "دمرت الطائرات الجسر الذي شيده
    الفرنسيون في القرن التاسع عشر" is today's strike, not history.""")

# (kinds of dates that date their own clause only)
OLD_KINDS = frozenset({"old_year", "century"})


def _thing_dated(ctx, d: DateMention, trigger) -> bool:
    """An old date told in a relative clause ("الذي شيد عام 1850") that the event word is not in: the event word
    before the relative word, or after the date past a comma (rule old_date_own_clause)."""
    norm = ctx.nt.norm
    i = ctx.n(d.start)
    rel = None
    for rel in _RELATIVE.finditer(norm, max(0, i - 60), i):
        pass
    if rel is None or any(p in norm[rel.end():i] for p in ",،.:؛"):
        return False
    j = ctx.n_end(d.end)
    if not (trigger.start < rel.start() or (trigger.start >= j and any(p in norm[j:trigger.start] for p in ",،.:؛"))):
        return False  # (the event word in the relative clause itself: "التي بلغت ذروتها عام 1791 حين قتل")
    note(ctx, "old_date_own_clause", f"«{d.text}» dates a thing told in a relative clause")
    return True


def date_for(ctx, cl, sent, trigger=None) -> DateMention | None:
    """The date phrase of a clause: its own, else its sentence's; not the page's dateline, not a year when a
    day is told, not the day a source spoke when the event's own day is told, not a relative clause's."""
    ds = [d for d in ctx.starting(ctx.dates, cl.start, cl.end) if d.start not in ctx.page_dates] or \
        [d for d in ctx.starting(ctx.dates, sent.start, sent.end) if d.start not in ctx.page_dates
         and d.kind not in OLD_KINDS]
    if trigger is not None and any(d.kind in OLD_KINDS for d in ds):
        ds = [d for d in ds if d.kind not in OLD_KINDS or not _thing_dated(ctx, d, trigger)]
    if trigger is not None and len(ds) > 1:
        ds = _not_relative(ctx, ds, trigger)
    if trigger is not None and len(ds) > 1:
        ds = _after_then(ctx, ds, trigger)
    if trigger is not None:
        recalled = _days_after(ctx, cl, sent, ds, trigger)
        if recalled is not None:
            return recalled
    if ctx.trace is not None and any(d.start in ctx.page_dates for d in ctx.starting(ctx.dates, sent.start, sent.end)):
        note(ctx, "dateline", "the page's date is not the event's")
    ds = [d for d in ds if d.kind not in YEAR_KINDS or not any(x.kind not in YEAR_KINDS for x in ds)]
    told = [d for d in ds if id(d) not in ctx.report_dates]
    if told and len(told) < len(ds):
        said = next(d for d in ds if id(d) in ctx.report_dates)
        if told[0].kind.startswith("rel_") and said.start < told[0].start:
            # "أعلنت القيادة مساء الأربعاء أن طائرات قصفت فجر اليوم": today is the day it was said
            note(ctx, "report_day", f"«{told[0].text}» read against «{said.text}»")
            return report_day(told[0], said, ctx.pub)
    ds = told or ds
    if len(ds) > 1 and ds[0].kind == "ago_few":
        # "وقبل أيام، قصفت الطائرات السبت موقعا": the day told beats "a few days ago"
        ds = sorted(ds, key=lambda d: d.kind == "ago_few")
    until = _until(ctx, ds)
    if until is not None:
        return until
    exact = [d for d in ds if d.kind in EXACT and d.precision == 1 and d.start_date]
    if exact and ds and ds[0].relative and exact[0].start - ds[0].end <= 20:
        note(ctx, "written_beats_relative", f"«{exact[0].text}» over «{ds[0].text}»")
        return exact[0]
    return ds[0] if ds else None


_RELATIVE = re.compile(r"(?<![\u0621-\u064a])و?(?:الذي|التي|الذين|اللذين|اللتين|اللذان|اللتان|اللاتي|اللواتي)(?![\u0621-\u064a])")


@rule("relative_clause_day")
def _not_relative(ctx, ds: list[DateMention], trigger) -> list[DateMention]:
    """A day told in a relative clause before the event word dates what that clause tells, not the event, when the
    clause tells another day: "موقع الجبل، والذي يحاصره الثوار منذ يومين، تعرض أمس لغارات" is yesterday's strikes."""
    norm = ctx.nt.norm
    theirs = []
    before = [d for d in ds if ctx.n(d.start) < trigger.start]
    for d in before[:-1]:  # (the day nearest before the event word is the event's)
        i = ctx.n(d.start)
        rel = None
        for rel in _RELATIVE.finditer(norm, max(0, i - 60), i):
            pass
        if rel is not None and not any(p in norm[rel.end():i] for p in ",،.:؛") and rel.end() < i:
            theirs.append(d)
    if theirs and len(theirs) < len(ds):
        note(ctx, "relative_clause_day", f"«{theirs[0].text}» is the relative clause's")
        return [d for d in ds if d not in theirs]
    return ds


# "بعد", "عقب", "إثر", "قبل", "غداة" right before the event word, maybe across "أن"/"ساعات من"/"يوم من": the event told
# is another time than the clause before it (normalised)
_THEN = re.compile(r"(?<![\u0621-\u064a])(?:بعد|بعيد|عقب|اثر|قبل|قبيل|غداه)(?:\s+(?:ان|ما|ساعات\s+من|ساعه\s+من|يوم\s+من|ايام\s+من))?\s+$")


@rule("then_clause_day")
def _after_then(ctx, ds: list[DateMention], trigger) -> list[DateMention]:
    """An event word right after "بعد", "عقب", "إثر", "قبل" tells another time than the clause before it: a day told
    after the event word is its own, the days before "بعد" the other event's: "وجاءت التفجيرات يوم الأحد بعد اغتيال
    ضابط أمس السبت" is Saturday's killing."""
    norm = ctx.nt.norm
    m = _THEN.search(norm, max(0, trigger.start - 30), trigger.start)
    if m is None:
        return ds
    own = [d for d in ds if ctx.n(d.start) > trigger.start]
    other = [d for d in ds if ctx.n(d.end) <= m.start()]
    if not own or not other:
        return ds
    note(ctx, "then_clause_day", f"«{own[0].text}» over «{other[0].text}»")
    return [d for d in ds if d not in other]


# "بعد ثلاثة أيام من", "بعد يومين على", "بعد أسبوع من" right before the event word (normalised)
_DAYS_AFTER = re.compile(r"(?<![\u0621-\u064a])بعد\s+(?:(?P<n>\d{1,2}|%s)\s+(?:ايام|يوما)|(?P<unit>يوم|يومين|اسبوع|اسبوعين))"
                         r"\s+(?:من|علي)\s+" % "|".join(NUM_WORDS))


# fighting that goes on over the days counted ("بعد يومين من الاشتباكات", "بعد أسبوع من المعارك"): a duration
_ONGOING = re.compile(r"(?:ال)?(?:اشتباكات|معارك|مواجهات|قتال|قصف\s+متواصل|حصار|المعارك|الاشتباكات)(?![\u0621-\u064a])")


@rule("days_after_recalled")
def _days_after(ctx, cl, sent, ds: list[DateMention], trigger) -> DateMention | None:
    """An event word after "بعد ثلاثة أيام من" (يومين على, أسبوع من) is that many days before the day of the
    clause it follows: "ويأتي اغتيال القيادي أمس بعد ثلاثة أيام من مقتل شرعي في المدينة" is the killing four days
    ago. The day it follows: the one told before "بعد" in its sentence, else its paragraph's or its lead's, else the
    day before publication to that day (a range, shifted back)."""
    norm = ctx.nt.norm
    m = None
    for m in _DAYS_AFTER.finditer(norm, max(0, trigger.start - 80), trigger.start + 1):
        pass
    if m is None or any(p in norm[m.end():trigger.start] for p in ",،.:؛"):
        return None  # (the event word after it, in the same stretch of words: "بعد ثلاثة أيام من مقتل شرعي برصاص مجهولين")
    if _ONGOING.match(norm, m.end()) or any(ctx.n(d.start) >= m.end() for d in ds) or any(
            t.value.event_type != "-" for t in ctx.within(ctx.triggers, ctx.n(cl.start), m.start())):
        # "بعد يومين من الاشتباكات المتواصلة": two days of fighting, not two days after it; a day of its own told
        # after it ("بعد ثلاثة أيام على الهجوم الذي وقع ظهر الاثنين"); an event word of the clause before "بعد"
        # (the clause tells that event: "شن الطيران الجمعة غاراته بعد أربعة أيام على هجوم انتحاري")
        return None
    unit = m["unit"]
    n = m["n"]
    days = {"يوم": 1, "يومين": 2, "اسبوع": 7, "اسبوعين": 14}[unit] if unit else (
        int(n) if n.isdigit() else NUM_WORDS[n])
    base = next((d for d in reversed(ds) if ctx.n_end(d.end) <= m.start() and d.start_date and (d.precision or 1) <= 2),
                None)
    if base is None:
        base = paragraph_date(ctx, sent.start) or lead_day(ctx, sent.start)
    if base is not None and base.start_date:
        start, end, prec = base.start_date, base.end_date or base.start_date, base.precision or 1
    elif ctx.pub is not None:
        start, end, prec = (ctx.pub - dt.timedelta(days=1)).isoformat(), ctx.pub.isoformat(), 2
    else:
        return None
    back = dt.timedelta(days=days)
    start = (dt.date.fromisoformat(start) - back).isoformat()
    end = (dt.date.fromisoformat(end) - back).isoformat()
    a, b = ctx.nt.orig(m.start()), ctx.nt.orig_end(m.end())
    note(ctx, "days_after_recalled", f"{days} days before {base.text if base is not None else 'publication'}")
    return DateMention(a, b, ctx.doc.text[a:b].strip(), "days_after", start, end, prec, True)


_UNTIL = re.compile(r"(?:^|\s)[و]?(?:حتي|لغايه)(?:\s+(?:الساعات|ساعات|الساعه)\s+(?:الاولي|الاولى|المتاخره|الاخيره)\s+من)?\s+$")


@rule("until_day")
def _until(ctx, ds: list[DateMention]) -> DateMention | None:
    """A day told after "حتى" ends a span: "الليلة الماضية وحتى الساعات الأولى من صباح اليوم" is yesterday to today,
    "استمرت الاشتباكات حتى يوم الأحد" the day before Sunday to Sunday; precision 2 (a range of days)."""
    norm = ctx.nt.norm
    for k, d in enumerate(ds):
        if not (d.precision == 1 and d.start_date):
            continue
        i = ctx.n(d.start)
        if not _UNTIL.search(norm, max(0, i - 40), i):
            continue
        end = dt.date.fromisoformat(d.start_date)
        if re.match(r"\s+(?:المقبل|القادم)", norm[ctx.n_end(d.end):ctx.n_end(d.end) + 10]):
            return None  # "أمهله حتى الأحد المقبل": a deadline to come
        before = [x for x in ds[:k] if x.start < d.start]
        if any(not (x.start_date and x.precision == 1) for x in before):
            return None  # "منذ أيلول 2014 وحتى فجر أمس": a period longer than days
        since = before[-1] if before else None
        start = dt.date.fromisoformat(since.start_date) if since else end - dt.timedelta(days=1)
        if not 0 < (end - start).days <= 7:
            return None
        first = since or d
        note(ctx, "until_day", f"«{ctx.doc.text[first.start:d.end]}»: {start.isoformat()} to {end.isoformat()}")
        return DateMention(first.start, d.end, ctx.doc.text[first.start:d.end], "until", start.isoformat(),
                           end.isoformat(), 2, True)
    return None


# how far back (characters) an undated event looks for its paragraph's day: the longest paragraph of the corpus
# has 13,600 characters, so no article's dates change; a paragraph of megabytes costs linear work, not quadratic
PARAGRAPH_WINDOW = 20_000


@rule("paragraph_date")
def paragraph_date(ctx, sent_start: int) -> DateMention | None:
    """An event whose sentences date nothing has the event date of the nearest earlier sentence of the same
    paragraph (no line break between, or a line that goes on with the one before: "وأضاف المصدر أن ..."):
    "قصفت الطائرات البلدة أمس. وقتل في القصف ثلاثة" is yesterday. A day or a few days only: a month or a
    year told before ("تسيطر الفصائل على المدينة منذ عام 2014") dates a recalled past, not the next event."""
    text = ctx.doc.text
    index = getattr(ctx, "_sentence_index", None)
    if index is None:  # the document's sentences by start, once
        sents = sorted(ctx.doc.spans_of("sentence"), key=lambda s: s.start)
        index = ctx._sentence_index = (sents, [s.start for s in sents])
    sents, starts = index
    nxt = sent_start
    aside = None  # a day long before publication, told in a paragraph of recent news
    for s in (sents[i] for i in range(bisect.bisect_left(starts, sent_start) - 1, -1, -1)):
        if s.end < sent_start - PARAGRAPH_WINDOW:
            return aside
        # a line opening with "وأضاف", "وأشارت" goes on with the account of the line before: same paragraph
        first = (ctx.nt.norm[ctx.n(nxt):ctx.n(nxt) + 12].split() or [""])[0]
        if "\n" in text[s.end:nxt] and not (first[:1] == "و" and first[1:] in SPEECH):
            return aside  # (crossing other paragraphs, or taking the day a source spoke, measured worse)
        ds = [d for d in ctx.starting(ctx.dates, s.start, s.end) if d.start not in ctx.page_dates
              and id(d) not in ctx.report_dates and d.start_date and (d.precision or 1) <= 2]
        if ds:
            if aside is None and not _days_before(ctx, ds[0], 14):
                return ds[0]
            if aside is None:
                aside = ds[0]
            elif not _days_before(ctx, ds[0], 7):
                return aside_day(ctx, aside, ds[0])
        nxt = s.start
    return aside


def _days_before(ctx, d: DateMention, days: int) -> bool:
    """``d`` is more than ``days`` days before publication (or no publication day is known)."""
    return ctx.pub is None or (ctx.pub - dt.date.fromisoformat(d.start_date)).days > days


@rule("aside_day")
def aside_day(ctx, aside: DateMention, news: DateMention) -> DateMention:
    """A day told long before publication (over two weeks) in a paragraph of recent news is an aside about
    someone's past, not the day of the next event: the undated event takes the paragraph's recent day
    before it (up to a week before publication). "وقصفت الطائرات البلدة أمس. وكان القيادي قد أفرج عنه في
    العاشر من أيار. وقتل في القصف ثلاثة مدنيين" is yesterday's toll, not May's; a chronology whose days
    are all long past still carries each day to the next line."""
    note(ctx, "aside_day", f"«{aside.text}» is an aside: the paragraph's news day «{news.text}»")
    return news


# "منذ" right before a day: the day something has gone on since, up to today ("تدور الاشتباكات منذ عصر الخميس")
_SINCE_BEFORE = re.compile(r"منذ\s*$")
# a day that dates no event told: a paper's issue ("الصحف الصادرة اليوم"), a day to come ("يعقد غدا السبت")
_NO_EVENT_DAY = re.compile(r"(?:الصادره?|صادره?|غدا|غدا\s+يوم|بحلول)\s*$")
# a press review or an editorial ("تناولت الصحف العربية الأربعاء", "نوهت صحيفة في افتتاحيتها اليوم"): the
# day of the papers, not of the events they tell
_PRESS = re.compile(r"(?<![\u0621-\u064a])(?:ال)?(?:صحف|صحيفه|افتتاحيتها|افتتاحيه)(?![\u0621-\u064a])")
_LINE_END = re.compile(r"[.\n]")
# a line told in the pluperfect ("وكان جزء من المسجد قد تعرض"): an older event, not the lead's day
_PLUPERFECT = re.compile(r"\s*و?(?:كان|كانت|كانوا)\s+(?:\S+\s+){0,6}?قد\s")
# how many sentences open the story (a dateline line, the lead) when looking for the day it tells
LEAD_SENTENCES = 2


@rule("lead_day")
def lead_day(ctx, sent_start: int) -> DateMention | None:
    """A story whose lead tells of today ("قتل خمسة أشخاص اليوم في هجمات متفرقة في المدينة") tells today's
    news in its later paragraphs too: an event undated in its own paragraph ("وعثرت الشرطة على جثة قرب
    السوق.") is today, not the day before publication to publication. Only when the lead's own days
    (not the day a source spoke, not a day something has gone on "since") are all today: a lead telling
    two days ("زار الوزير الاثنين جنديا أصيب الأحد") leaves later events the range, and so does a press review
    ("تناولت الصحف الصادرة اليوم") or a deadline ("بحلول الخميس"); a later line in the pluperfect or with a cue
    of the past ("وكانت القوات قد قصفت", "بعد يوم من مقتل") tells an older event."""
    if ctx.pub is None or ctx.doc.published_from not in ("input", "metadata"):
        return None  # (a day read from the page's text: a crawl date or a header's, measured wrong)
    lead = getattr(ctx, "_lead_day", False)
    if lead is False:  # the story's lead day, once per document
        lead = None
        k = 0
        sents = sorted(ctx.doc.spans_of("sentence"), key=lambda s: s.start)
        ctx._lead_sents = (sents, [s.start for s in sents])
        for s in sents:
            ds = [d for d in ctx.starting(ctx.dates, s.start, s.end) if d.start not in ctx.page_dates]
            if not ds and not ctx.doc.text[s.start:s.end].strip():
                continue
            k += 1
            ds = [d for d in ds if d.precision == 1 and d.start_date and id(d) not in ctx.report_dates
                  and not _said_then_told(ctx, d)]
            if any(_NO_EVENT_DAY.search(ctx.nt.norm, max(0, ctx.n(d.start) - 12), ctx.n(d.start))
                   or _PRESS.search(ctx.nt.norm, ctx.n(s.start), ctx.n(d.start)) for d in ds):
                break
            if ds:
                today = ctx.pub.isoformat()
                if all(d.start_date == today or _SINCE_BEFORE.search(ctx.nt.norm, max(0, ctx.n(d.start) - 8),
                                                                     ctx.n(d.start)) for d in ds):
                    told = next((d for d in ds if d.start_date == today), None)
                    lead = (s.start, told) if told is not None else None
                break
            if k >= LEAD_SENTENCES:
                break
        ctx._lead_day = lead
    if lead is None or sent_start <= lead[0]:
        return None
    sents, starts = ctx._lead_sents
    k = bisect.bisect_right(starts, sent_start) - 1
    end = sents[k].end if k >= 0 and sents[k].end > sent_start else sent_start + 25
    stop = _LINE_END.search(ctx.doc.text, sent_start, end)  # (a span running on past its line)
    end = stop.start() if stop else end
    i = ctx.n(sent_start)
    # (a line that tells an older event: "وكان جزء من المسجد قد تعرض", "بعد يوم من مقتل 16 شخصا")
    if _PLUPERFECT.match(ctx.nt.norm, i, i + 80) or ctx.has_cue(i, ctx.n_end(end), "background"):
        return None
    return lead[1]


@rule("day_before_publication")
def default_date(ctx, sent_start: int | None = None) -> dict:
    """No date in the event's sentences nor earlier in its paragraph nor a lead telling of today (rule lead_day):
    the day before publication to that day,
    precision 2 (a range), not a guessed single day ("قصفت طائرات حربية بلدة كفرنبل" in an undated line)."""
    told = paragraph_date(ctx, sent_start) if sent_start is not None else None
    if told is not None:
        note(ctx, "paragraph_date", f"«{told.text}»")
        return told.as_field()
    told = lead_day(ctx, sent_start) if sent_start is not None else None
    if told is not None:
        note(ctx, "lead_day", f"«{told.text}»")
        return told.as_field()
    if ctx.pub:
        start = ctx.pub - dt.timedelta(days=1)
        note(ctx, "day_before_publication", f"{start.isoformat()} to {ctx.pub.isoformat()}")
        return {"start": start.isoformat(), "end": ctx.pub.isoformat(), "precision": 2, "text": ""}
    return {"start": None, "end": None, "precision": None, "text": ""}


@rule("said_day_not_the_events")
def event_day(ctx, head, g) -> DateMention | None:
    """The date of an event: the first of its mentions' own date phrases (the head's first). The day a source
    spoke today is no event's day: an event dated only by the publication day told between a speech verb and
    the "أن"/"إن" that opens what was said ("قالت مصادر اليوم الاثنين إن مسلحين هاجموا حاجزا") has no date
    phrase of its own, so takes its paragraph's day, else the day before publication to publication,
    precision 2 (rule day_before_publication); what a source said yesterday happened that day. A day told
    before a noun of the event is the event's ("أعلنت الشرطة اليوم انفجار قنبلة", "أفاد مصدر اليوم بمقتل
    جنديين")."""
    said = None
    # a day of the event's own telling within the week before a mention's day borrowed or the day its source spoke
    # (rule lead_day_bound) is the event's
    weak = [w for w in g if w.weak_day or any(m is not w and toll_retold(w, m) for m in g)]
    told = next((m for w in weak for m in g if bound(w, m, back=True)), None) if weak else None
    if told is not None and told is not head:
        note(ctx, "lead_day_bound", f"«{told.date.text}» over «{next(w for w in weak if bound(w, told, True)).date.text}»")
    for m in ([told] if told is not None else []) + [head] + g:
        d = m.date
        if not d:
            continue
        if not (id(d) in ctx.report_dates and d.precision == 1 and ctx.pub is not None
                and d.start_date == ctx.pub.isoformat() and _said_then_told(ctx, d)):
            return d
        said = said or d
    if said is None:
        return None
    note(ctx, "said_day_not_the_events", f"«{said.text}» is the day it was said, not the event's")
    return None


# "أن" / "إن" (normalised) opening what a source said, up to three words after the day it said it
_THAT_AFTER = re.compile(r"[\s,،\"«»]*(?:\S+[\s,،]+){0,3}?(?:ب|و)?ان(?:ه|ها|هم)?(?=[\s,،])")


def said_day(ctx, d: DateMention) -> bool:
    """``d`` is the day a source spoke, told before the "أن"/"إن" of what it said: "قال مسؤولون أمس إن"; or closing
    the sentence after "according to" (rule attribution_day)."""
    return id(d) in ctx.report_dates and (_said_then_told(ctx, d) or attribution_day(ctx, d))


# "بحسب ما ذكر", "حسبما أفاد", "وفق ما قال", "نقلا عن": a source named at the end of the sentence
_ACCORDING = re.compile(r"(?:^|\s)(?:[وف]?ب?حسب(?:ما)?|وفق(?:ا|ما)?|نقلا)(?=\s)")
_SENTENCE_END = re.compile(r"[\s\"»]*(?:[.!؟\n)\-–]|$)")  # (or the end of an aside: "- حسبما أفادت القناة اليوم -")


@rule("attribution_day")
def attribution_day(ctx, d: DateMention) -> bool:
    """A day that closes the sentence after its source is named ("..., بحسب ما ذكر المرصد، الخميس."), or closes an
    aside naming it ("وبث ناشطون - حسبما أفادت قناة محلية اليوم الثلاثاء - صورا من البلدة"), is the day the source
    spoke, no day of the event told before it: "خطف مسلحون خمسة عناصر من الفصيل قرب البلدة، بحسب ما أفاد
    ناشطون، الجمعة" may tell Thursday's abduction, and "وقال الناشطون إن الخطف وقع مساء الخميس" is the same event."""
    i, norm = ctx.n_end(d.end), ctx.nt.norm
    if not _SENTENCE_END.match(norm, i):
        return False
    j = ctx.n(d.start)
    if _ACCORDING.search(norm, max(0, j - 80), j) is None:
        return False
    note(ctx, "attribution_day", f"«{d.text}»")
    return True


def _said_then_told(ctx, d: DateMention) -> bool:
    """The report day ``d`` is followed by the "أن"/"إن" that opens the report: "قال مسؤولون أمس إن"."""
    i = ctx.n_end(d.end)
    return bool(_THAT_AFTER.match(ctx.nt.norm, i, i + 40))
