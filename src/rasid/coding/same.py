"""Sameness: whether two mentions can tell one event (type, day, denial, told as the past, places at one
scale or two, the parties, the gainer of ground). :mod:`.merge` groups mentions with these."""
from __future__ import annotations

import datetime as dt

from ..arabic import normalize
from ..geo import CITIES_NAMED_LIKE_GOVERNORATE, fold, place_key
from .mention import Mention
from .rules import describe, rule
from .words import TERRITORY_SUBS


def loc_keys(m: Mention) -> set[str]:
    """Place keys for merging; a country named without coordinates ("في سوريا") holds any place, so none.
    A place the gazetteer lacks is known by its name without its kind word ('مخيم "ليبرتي"', 'معسكر ليبرتي')."""
    # (made once per list of places: merging asks it of every pair of mentions; no caller changes the set)
    got = m.__dict__.get("_loc_keys")
    if got is None or got[0] is not m.locations:
        got = m._loc_keys = (m.locations, {place_key(l) for l in m.locations
                                           if not (l.get("lat") is None and (l.get("geo_precision") or 1) >= 3)})
    return got[1]


def _wide(loc: dict) -> bool:
    """A region (precision 3), or a governorate's capital named like it ("في إدلب" may mean the governorate)."""
    p = loc.get("geo_precision") or 1
    if loc.get("between"):
        return True  # an area told between two places (rule town_between_the_ends) is no town
    return p >= 3 or (loc.get("name") is not None and loc.get("name") == loc.get("admin1")) or (
        loc.get("gazetteer_id") in CITIES_NAMED_LIKE_GOVERNORATE)  # "في صنعاء" (rule city_not_its_governorate)


def specific_keys(m: Mention) -> set[str]:
    """Place keys of the mention's towns, villages and quarters (not its regions, governorates or countries)."""
    return {place_key(l) for l in m.locations if not _wide(l)}


def day_before(cause: Mention, event: Mention) -> bool:
    """"فرضت سيطرة كاملة على المدينة (اليوم)، بعد اشتباكات استمرت لساعات مساء أمس": what led to the event
    may have begun the day before it."""
    a, b = cause.date.start_date if cause.date else None, event.date.start_date if event.date else None
    return bool(a and b) and dt.date.fromisoformat(a) == dt.date.fromisoformat(b) - dt.timedelta(days=1)


def other_day(x, y) -> bool:
    """Two dates that cannot be one event's: different days; a span of a few days told with "حتى" ("الليلة الماضية
    وحتى صباح اليوم", rule until_day) holds each of its days."""
    if not (x and y and x.start_date and y.start_date) or x.start_date == y.start_date:
        return False
    if "until" in (x.kind, y.kind) and x.end_date and y.end_date:
        return not (x.start_date <= y.end_date and y.start_date <= x.end_date)
    return True


# how many days before the day a lead borrowed (or the day its source spoke) a retelling's own day may lie
LEAD_DAYS = 7


def bound(weak: Mention, told: Mention, back: bool = False) -> bool:
    """``weak``'s relative day is only an upper bound of its event's (rule lead_day_bound), and ``told``'s own day lies
    within the week up to it: the same kind of event, between the same parties, at a town or village ``weak`` names too
    (or ``weak`` naming no place at all: rule placeless_lead_bound)."""
    if not ((weak.weak_day or toll_retold(weak, told)) and told.date is not None and weak.date is not None) or told.weak_day or not (
            weak.date.start_date and told.date.start_date):
        return False
    # a relative day ("أمس", "اليوم", "الاثنين") against a day told, the same kind of event between the same parties
    if not (weak.date.relative and weak.date.precision == 1 and (told.date.precision or 1) <= 2 and weak.sub == told.sub
            and actors_ok([weak], told)):
        return False
    days = (dt.date.fromisoformat(weak.date.start_date) - dt.date.fromisoformat(told.date.start_date)).days
    if not 0 < days <= LEAD_DAYS:
        return False
    # (rule placeless_lead_bound: a lead naming no place, its day only a bound, is the retelling's event)
    return bool(specific_keys(weak) & specific_keys(told)) or ((back or (weak.weak_day and _parties_within(weak, told)))
                                                              and not loc_keys(weak)) or toll_retold(weak, told)


# parties too vague to tell two events apart ("فصائل المعارضة", "مسلحون", the civilians hit)
_VAGUE_PARTIES = frozenset({"Opposition factions", "Civilians", "Unidentified armed group"})


def _parties_within(a: Mention, b: Mention) -> bool:
    """The named parties of one mention are all among the other's (rule placeless_lead_bound): Turkish strikes on the
    PKK are not Turkish strikes on ISIS."""
    pa = {x[0] for x in (a.actor1, a.actor2) if x} - _VAGUE_PARTIES
    pb = {x[0] for x in (b.actor1, b.actor2) if x} - _VAGUE_PARTIES
    return pa <= pb or pb <= pa


describe(__name__, "placeless_lead_bound", """A lead that names no place, dated only by the day its source spoke or a day
borrowed from another clause ("خطف تنظيم داعش خمسة عناصر من الفصيل، بحسب ما ذكر المرصد، الجمعة"), and a retelling of
the same kind of event between the same parties with a day of its own up to a week before, at a place ("وقال المرصد إن
عناصر من التنظيم خطفوا مساء الخميس خمسة مقاتلين قرب بلدة دوما"), are one event, on the retelling's day (rule
lead_day_bound), though the retelling does not refer back by a definite noun.""")


# a figure told plainly and the same figure told as a floor ("32 قتيلا على الأقل") may be one count
_FLOOR_OR_EXACT = frozenset({"exact", "at_least"})


@rule("same_figure_hedged")
def hedges_agree(qa: str | None, qb: str | None) -> bool:
    """The same death toll told plainly in one clause and as a floor in another ("مقتل 32 شخصا" and "أوقع 32 قتيلا على
    الأقل") is one count, told again (rule toll_retold): "انفجرت سيارة مفخخة أمس في السوق وقتلت 14 شخصا على الأقل" and
    "وكانت المدينة قد شهدت تفجيرا أمس الأول أسفر عن مقتل 14 شخصا" tell one bombing. (Not a figure told as more than or
    about another: "أكثر من 14" is not 14.)"""
    return qa in _FLOOR_OR_EXACT and qb in _FLOOR_OR_EXACT and "exact" in (qa, qb)


def toll_retold(a: Mention, b: Mention) -> bool:
    """The same exact toll of two or more at no two towns (rule toll_retold)."""
    fa, fb = a.fatalities or {}, b.fatalities or {}
    if not hedges_agree(fa.get("qualifier"), fb.get("qualifier")):
        return False
    va, vb = fa.get("value") or 0, fb.get("value") or 0
    same = va == vb or va in fb.get("parts", ()) or vb in fa.get("parts", ())
    if not (same and min(va, vb) >= 2):
        return False
    ka, kb = specific_keys(a), specific_keys(b)
    if ka and kb and not ka & kb:
        return False
    return True


describe(__name__, "toll_retold", """The same exact death toll of two or more (or one mention's toll a part of the other's
sum), the one naming no town or village or both the same, tells the same event again, and lets a lead's borrowed day
(rule lead_day_bound) take the retelling's: "بعدما أدت غارة أمريكية إلى مقتل عشرة مدنيين هذا الأسبوع" and "وليل
الثلاثاء الأربعاء أسفرت غارة جوية للجيش الأمريكي عن مقتل عشرة مدنيين في شرق البلاد" are one strike.""")


def days_apart(a: Mention, b: Mention, back: bool = False) -> bool:
    """The two mentions' days cannot be one event's (rule lead_day_bound; ``back``: ``b`` refers back to ``a``)."""
    return other_day(a.date, b.date) and not (bound(a, b, back) or bound(b, a))


describe(__name__, "lead_day_bound", """A relative day a clause borrows from another clause of its sentence ("قصفت الطائرات
اليوم بلدة كفرنبل، كما قتل ثلاثة في اشتباكات في قرية حزارين") or the day a source spoke ("قال مسؤولون أمس إن العشرات
قتلوا في اشتباكات بين قبيلتين") is no day of the event that clause tells, only a day by which it had happened: a
retelling of the same kind of event between the same parties, with a day of its own up to a week before it, at the
same town or village ("واندلعت اشتباكات أمس في قرية حزارين"), or told by a definite noun referring back to a lead
that names no place ("وقال رئيس البلدية إن الاشتباكات اندلعت قبل ثلاثة أيام في المدينة"), is the same event, and
gives the event its day. (A day of its own in the lead's clause stands: fighting at a village today and yesterday is
two events; so do a strike told today and shelling told yesterday at the village.)""")




def dates_ok(a: Mention, b: Mention, back: bool = False) -> bool:
    return not days_apart(a, b, back)


def day_conflict(g: list[Mention], m: Mention) -> bool:
    """One event has one day: a mention dated otherwise than any of the group is another event; not one whose day is
    only a bound of a day the group tells (rule bound_day_is_the_groups)."""
    return m.date is not None and any(x.date is not None and days_apart(x, m) for x in g) and not bound_to_group(g, m)


@rule("bound_day_is_the_groups")
def bound_to_group(g: list[Mention], m: Mention) -> bool:
    """A mention whose day is only a bound of a day one of the group's clauses tells (rule lead_day_bound: the same toll
    told again, rule toll_retold) takes that day, and is at odds with none of the group's other clauses on that day:
    "انفجرت سيارة مفخخة الاثنين في السوق وقتلت 14 شخصا ... وقال شهود إن الانفجار وقع ظهر الاثنين ... وكانت المدينة
    قد شهدت تفجيرا أمس الأول أسفر عن مقتل 14 شخصا" is one bombing, on Monday."""
    return any(x.date is not None and bound(m, x) for x in g)


def actors_ok(g: list[Mention], m: Mention) -> bool:
    """No two different sets of armed parties (civilians are victims, not a party to tell events apart)."""
    mine = {x[0] for x in (m.actor1, m.actor2) if x} - {"Civilians"}
    theirs = {x[0] for y in g for x in (y.actor1, y.actor2) if x} - {"Civilians"}
    return not (mine and theirs) or bool(mine & theirs)


def within_region(region: Mention, place: Mention) -> bool:
    """True when every place of ``region`` is only a region (precision 3) holding the other's places, or an area told
    between two places holding them (rule town_between_the_ends)."""
    if region.locations and all(loc.get("between") for loc in region.locations):
        return all(any(_between(loc, p) for loc in region.locations) for p in place.locations)
    if not region.locations or not all(_wide(loc) for loc in region.locations):
        return False
    admins = {loc.get("admin1") for loc in region.locations} - {None}
    # a place the gazetteer lacks (text only, no governorate) may lie in the region: it does not tell otherwise
    return bool(admins) and all(loc.get("admin1") in admins or (loc.get("admin1") is None and loc.get("lat") is None)
                                for loc in place.locations)


# rule town_between_the_ends: how much longer than the straight way between the two ends the way through a town
# between them may be, and how far from its one known end a town may lie when the other is no place of the gazetteer
BETWEEN_DETOUR = 1.25
BETWEEN_NEAR_KM = 25


def _between(area: dict, loc: dict) -> bool:
    """A town or village lying in an area told between two places (rule town_between_the_ends)."""
    if loc.get("lat") is None or (loc.get("geo_precision") or 1) >= 3 or loc.get("between"):
        return False
    from ..geo import haversine
    (a, b), p = ((e["lat"], e["lon"]) for e in area["between"]), (loc["lat"], loc["lon"])
    if a[0] is None:
        return False
    if b[0] is None:
        return haversine(a, p) <= BETWEEN_NEAR_KM
    return haversine(a, p) + haversine(p, b) <= BETWEEN_DETOUR * haversine(a, b)


describe(__name__, "town_between_the_ends", """An area told between two places ("في المنطقة الواقعة بين حمص وتدمر",
rule area_between_places) holds the towns and villages lying between them (the way from one end to the other through
the town at most a quarter longer than the straight way), or, when its other end is no place of the gazetteer ("في
منطقة بين دمشق ومرتفعات الجولان"), those near its known end (25 km, as "near" is elsewhere): "اندلعت اشتباكات عنيفة في
المنطقة الواقعة بين حمص وتدمر. وقال ناشطون إن الفصائل هاجمت حاجزا لقوات النظام في بلدة الفرقلس" is one clash, as
a region told and a town in it are.""")


describe(__name__, "victims_no_party", """Civilians are the victims of an event, not a party that tells two events apart: "قتل خمسة
مدنيين في قصف جوي على بلدة كفرنبل" and "شنت طائرات حربية روسية غارات على بلدة كفرنبل" the same day are one
strike (the Russian forces against civilians), as the armed parties are compared when a clause refers back.""")


describe(__name__, "strike_kinds_apart", """Strikes of two kinds, one told over a region and one at a town in it, are two
events, not one told at two scales: "قصفت قوات النظام بالمدفعية الثقيلة بلدات عدة في محافظة درعا" and "وشنت الطائرات
الحربية غارات على بلدة المسيفرة" (shelling and an air strike); the same kind told at both scales is one event.""")


def _held(m: Mention) -> set:
    """The points of the mention's towns, villages and quarters that the gazetteer holds."""
    return {(l["lat"], l["lon"]) for l in m.locations if l.get("gazetteer_id") and l.get("lat") is not None and not _wide(l)}


def towns_apart(a: Mention, b: Mention) -> bool:
    """Each mention names a town, village or quarter, none the other names, and one of them a place the gazetteer
    holds at a point none of the other's places lies at (rule towns_apart)."""
    sa, sb = specific_keys(a), specific_keys(b)
    if not (sa and sb) or sa & sb or one_name(a, b):
        return False
    pa = {(l.get("lat"), l.get("lon")) for l in a.locations}
    pb = {(l.get("lat"), l.get("lon")) for l in b.locations}
    ha, hb = _held(a), _held(b)
    return bool(ha and not ha & pb) or bool(hb and not hb & pa)


# the ordinal that names a police district after its city ("قسم ثالث العريش", "ثان المنصورة"), normalised
_DISTRICT_ORDINALS = ("اول ", "ثان ", "ثاني ", "ثالث ", "رابع ", "خامس ")


def _town_names(m: Mention) -> set[str]:
    """The name keys of the mention's towns, villages and quarters, and of the city a police district is named after
    (rule one_name_one_place)."""
    from ..geo import _name_key
    got = {_name_key(l.get("name_ar") or l.get("text") or "") for l in m.locations if not _wide(l)}
    for l in m.locations:
        name = fold(normalize(l.get("name_ar") or l.get("text") or ""))
        if _wide(l) and name.startswith(_DISTRICT_ORDINALS):
            got.add(_name_key(name.split(" ", 1)[1]))
    return got - {"", "~"}


@rule("one_name_one_place")
def one_name(a: Mention, b: Mention) -> bool:
    """Two clauses of one article naming a town by the same name name one town, though the gazetteer holds two of
    that name and each clause was read as another, or one spelling was found and the other not: "قتل عشرة مدنيين في
    قصف جوي على قرية كفر عويد" and "وقال ناشطون إن الطيران استهدف تجمعا للنازحين في قرية كفرعويد" are one strike. A
    police district named after its city by an ordinal ("دائرة قسم ثاني الزقازيق") names that city: "انفجرت عبوة
    ناسفة بمدرعة في الزقازيق" and "انفجرت عبوة بمدرعة في شارع الجلاء دائرة قسم ثاني الزقازيق" are one bombing."""
    return bool(_town_names(a) & _town_names(b))


describe(__name__, "towns_apart", """Two clauses at two different towns, villages or quarters are two events though they
share the city or governorate that holds both: "دارت اشتباكات بين الفصائل وقوات النظام في حي الأنصاري بمدينة حلب" and
"وفي السياق، دارت اشتباكات صباح أمس بين الفصائل وقوات النظام في حي الميدان بمدينة حلب" are two clashes. A place the
gazetteer lacks is no such sign when the other names one it holds at the same point, or none ("جسر الرئيس" and
"منطقة البرامكة" may be one spot; "جبل قنديل" and "قنديل" one mountain).""")


_FIRED = frozenset({"Shelling/artillery/missile attack", "Air/drone strike"})
_PLANTED = frozenset({"Remote explosive/landmine/IED", "Suicide bomb"})
_FIRED_OR_PLANTED = _FIRED | _PLANTED


@rule("fired_and_planted")
def fired_and_planted(a: Mention, b: Mention) -> bool:
    """A strike fired from afar and a bomb planted or driven in, each told with its place, are two events though
    they share a city: "قصفت الفصائل مواقع النظام في حي الشيخ طه بمدينة حلب" and "وقتل ثلاثة عناصر بتفجير
    عبوة ناسفة في حي المشارقة بحلب" are a shelling and a bombing (a weapon is no word of the other's); not an
    explosion ("انفجار", "انفجرت"), the sound of either."""
    subs = {a.sub, b.sub}
    if not (subs <= _FIRED_OR_PLANTED and subs & _FIRED and subs & _PLANTED):
        return False
    # (an explosion is the sound of either: "سمع السكان عشرات الانفجارات" after the shelling is the shelling)
    return not any(x.sub in _PLANTED and ("انفجر" in x.trigger.phrase or "انفجا" in x.trigger.phrase) for x in (a, b))


# words of aircraft and guns that name no owner ("الطيران الحربي", "طائرات حربية"): a doer guessed, not told
_ARMS_ONLY = frozenset("طائرات الطائرات طائرة الطائرة طيران الطيران حربية الحربية حربي الحربي مقاتلات المقاتلات مروحيات "
                       "المروحيات مروحية المروحية الحربيه حربيه المدفعية مدفعية".split())


def _no_named_doer(m: Mention) -> bool:
    """The mention names no doer, or only by a word of aircraft or guns with no owner ("شنت طائرات حربية غارات")."""
    return m.actor1 is None or set(m.actor1[1].split()) <= _ARMS_ONLY


@rule("allies_strike_alike", reads="alliances.tsv")
def allies_strike_alike(a: Mention, b: Mention, actors_a: set, actors_b: set, allied) -> bool:
    """A strike of one kind at the same town on the same day, told of a party by one clause and of its ally by another,
    is one strike: outlets tell allied air forces and guns apart poorly ("قصفت طائرات حربية بلدة كفرنبل" and "وذكر
    ناشطون أن طائرات روسية شنت غارات على بلدة كفرنبل", the regime's and Russia's). Not two kinds (a shelling and an
    air strike), nor at a governorate or region shared only, nor when both clauses name their doer ("قصفت قوات النظام
بلدة عندان" and "استهدف القصف الروسي مدينة عندان" are two strikes)."""
    if allied is None or a.event_type != "Explosions/Remote violence" or a.sub != b.sub:
        return False
    if not specific_keys(a) & specific_keys(b) or not (_no_named_doer(a) or _no_named_doer(b)):
        return False
    return any(all(any(allied(x, y) for y in other) for x in mine) for mine, other in ((actors_a, actors_b), (actors_b, actors_a)))


@rule("ground_and_fight_apart")
def ground_and_fight_apart(a: Mention, b: Mention) -> bool:
    """Ground taken at a town or quarter and fighting told only at the city that holds it are two events: "سيطرت
    قوات النظام على حي الشيخ مقصود في مدينة حلب" and "وتدور اشتباكات عنيفة بين الطرفين في محيط مدينة حلب" (a
    capture at a quarter, a clash around the city); the city they share does not make them one. (Fighting told over
    a governorate or region is the same event told at two scales; a clash at a town and ground taken told only at
    the city often retell one another: "اشتباكات في حي السبع بحرات" and "دخول المسلحين الجامع الأموي بحلب".)"""
    if (a.sub in TERRITORY_SUBS) == (b.sub in TERRITORY_SUBS):
        return False
    ground, wide = (a, b) if a.sub in TERRITORY_SUBS else (b, a)
    if not specific_keys(ground) or specific_keys(wide):
        return False
    # (a governorate or region is the scale the fighting is told at: rule strike_kinds_apart's "one event told at
    # two scales"; a city is a place of its own)
    return all((loc.get("geo_precision") or 1) < 3 for loc in wide.locations if place_key(loc) in loc_keys(wide))


def same_event(a: Mention, b: Mention, allied=None) -> bool:
    if a.event_type != b.event_type:
        return False
    if a.background != b.background and not (bound(a, b) or bound(b, a)):
        return False  # (rule lead_day_bound: the pluperfect retelling of a lead dated only by a bound is the lead's event)
    if (a.status == "denied") != (b.status == "denied"):
        return False  # a claim the article denies is not the event it asserts
    if days_apart(a, b):
        return False
    ga, gb = (a.territory or {}).get("gained_by"), (b.territory or {}).get("gained_by")
    if ga and gb and ga != gb:
        return False  # a capture and the counter-attack that took it back are two changes of hands
    la, lb = loc_keys(a), loc_keys(b)
    scales = la and lb and not (la & lb) and (within_region(a, b) or within_region(b, a))
    if scales and a.event_type == "Explosions/Remote violence" and a.sub != b.sub:
        return False  # rule strike_kinds_apart
    if la and lb and a.event_type == "Explosions/Remote violence" and fired_and_planted(a, b):
        return False
    if scales:
        la = lb  # "the battles in Idlib governorate" and "Armanaz": one event told at two scales
    # rule victims_no_party: civilians are victims, never the side that tells two events apart
    actors_a = {x[0] for x in (a.actor1, a.actor2) if x} - {"Civilians"}
    actors_b = {x[0] for x in (b.actor1, b.actor2) if x} - {"Civilians"}
    actors_ok = not (actors_a and actors_b) or bool(actors_a & actors_b) or allies_strike_alike(a, b, actors_a, actors_b, allied)
    if scales and ((gb and not ga and actors_a and gb not in actors_a) or (ga and not gb and actors_b and ga not in actors_b)):
        # fighting told over a region and ground taken in a village there by a party not in that fighting
        # ("معارك بين داعش وتحرير الشام في ريفي حماة وحلب" / "تمكن النظام من السيطرة على قريتي ..."): two events
        actors_ok = False
    if la and lb and ground_and_fight_apart(a, b):
        return False
    if la and lb:
        if towns_apart(a, b):
            return False  # rule towns_apart: the governorate or city they share does not make them one event
        return (bool(la & lb) or one_name(a, b)) and actors_ok
    # one side has no place: the same kind of event between the same parties on the same day
    return a.sub == b.sub and actors_ok and any((a.actor1, a.actor2, b.actor1, b.actor2))
