"""Report events: one group of mentions becomes one event. The head mention gives the type; the other
fields are taken from the head first, then from the other mentions; an event whose sentences name no place
is placed where the text last placed things."""
from __future__ import annotations

import re

from ..arabic import normalize
from ..geo import NATIONALITY_WORDS, haversine, is_country_part
from ..lexicon import read_tsv
from ..model import Document, Event
from . import sides, territory, when
from .ids import event_id
from .mention import Mention
from .rules import describe, note, rule
from .tolls import event_toll, with_text
from .words import BY_MISTAKE, STATE_KINDS, CONTEXT_CHARS, GENERIC_ATTACK, TERRITORY_SUBS, UNKNOWN_DOER, names_armed_site

describe(__name__, "territory_head", """Ground changed hands in one of the event's clauses: the battle is coded as that
(ACLED's rule), with the gainer as actor 1: "اندلعت اشتباكات عنيفة، وتمكنت قوات النظام من السيطرة على
القرية".""")
describe(__name__, "own_voice_asserts", """The outlet telling the event in its own voice in any clause asserts it,
whoever else it cites ("نفت الوزارة قصف البلدة" then "وقصفت الطائرات البلدة"); it is denied only when no clause
asserts it.""")
describe(__name__, "claimant_is_doer", """The party that claims an attack is its doer when the account names none or
only "gunmen": "فتح مسلحون النار على الحاجز ... وأعلنت الجماعة مسؤوليتها عن الهجوم".""")
describe(__name__, "allies_do_not_fight", """Allies do not fight each other: another clause of the event names the
enemy ("قتل عنصر من الحشد و 7 من عناصر التنظيم ... القوات تمكنت من السيطرة").""", reads="alliances.tsv")


def _strongest(g: list[Mention]) -> Mention:
    return max([m for m in g if not m.aside] or g,
               key=lambda m: (m.weight + (3 if m.fatalities else 0) + (2 if m.locations else 0), -m.clause.start))


@rule("place_of_the_telling_clause")
def place_head(ctx, head: Mention, g: list[Mention]) -> Mention:
    """An event whose head clause names no place, nor its sentence, is placed by the first of its clauses of the head's
    kind that names a place itself (finer than a country), not by every place its clauses name: "قتل ثلاثة أشخاص في
    الاشتباكات. وقالت الشرطة إن الاشتباكات دارت في حي الكرادة ... وذكرت مصادر أمنية في بغداد أن قوات الأمن سيطرت على
    الاشتباكات" is at Karrada, not also in Baghdad, where the source spoke. (The head still gives the type, day and
    toll; with no such clause, the places of all its clauses.)"""
    if head.locations:
        return head
    told = [m for m in g if m is not head and not m.aside and m.event_type == head.event_type and m.own_place
            and not all(_country(loc) for loc in m.locations)]
    if not told:
        return head
    m = min(told, key=lambda m: m.clause.start)
    note(ctx, "place_of_the_telling_clause", f"«{m.clause.text[:40]}»")
    return m


def head_of(g: list[Mention]) -> Mention:
    """The mention that gives the event's type: the strongest (with a toll, with a place), not an aside; of a
    battle, the clause where ground changed hands (rule territory_head)."""
    head = _strongest(g)
    head = _means_told(g, head)
    if head.event_type == "Battles" and head.sub not in TERRITORY_SUBS:
        taken = [m for m in g if m.sub in TERRITORY_SUBS and m.territory and m.territory.get("gained_by")]
        if taken:
            head = max(taken, key=lambda m: (m.weight + (2 if m.locations else 0), -m.clause.start))
    return head


@rule("attack_kind_by_means")
def _means_told(g: list[Mention], head: Mention) -> Mention:
    """A noun of attack in general ("هجوم", "الهجوم", "هجمات") says no kind of violence: an event told by one
    and, in another of its clauses, by a means (mortars, a bomb, an air strike) is of the means' kind: "أدان
    الوزير هجوما دمويا على المعسكر ... وندد بالهجوم بقذائف الهاون" is shelling, not an armed clash."""
    if head.event_type != "Battles" or head.sub in TERRITORY_SUBS:
        return head
    word = normalize(head.trigger.phrase).split()[0].removeprefix("و").removeprefix("ب").removeprefix("ال")
    if not any(word.startswith(w) for w in GENERIC_ATTACK):
        return head
    means = [m for m in g if m.event_type == "Explosions/Remote violence"]
    return max(means, key=lambda m: (m.weight, -m.clause.start)) if means else head


def event(doc: Document, ctx, g: list[Mention]) -> Event | None:
    """The report event of a group of mentions (with a trace: which rules fired for it)."""
    if ctx.trace is None:
        return _event(doc, ctx, g)
    ctx.trace.current_event = g
    try:
        e = _event(doc, ctx, g)
    finally:
        ctx.trace.current_event = None
    notes = ctx.trace.event_notes.pop(id(g), [])
    if e is not None:
        ctx.trace.event_notes[id(e)] = notes
        ctx.trace.events.append((e, head_of(g), g))
    return e


def _pick(head: Mention, g: list[Mention], attr: str):
    for m in [head] + g:
        v = getattr(m, attr)
        if v:
            return v
    return None


ONE_SIDED = ("Explosions/Remote violence", "Violence against civilians")  # a doer and whom it hit, no two sides


@rule("head_keeps_its_target")
def _sides(ctx, head: Mention, g: list[Mention]) -> tuple:
    """A strike, a blast or an attack on people whose head names nobody as its doer and counts a party's men among
    its dead or wounded keeps that party as actor 2: another mention that read the party as a subject does not make it
    the doer ("قتل خمسة أشخاص وأصيب عشرون بجروح من أعضاء المنظمة في هجوم بالهاون استهدف معسكرها ... ومعالجة جرحى من
    عناصر المنظمة أصيبوا في الهجوم" has no doer named); a doer another mention names stands."""
    a1, a2 = _pick(head, g, "actor1"), _pick(head, g, "actor2")
    hit = head.actor2[0] if head.actor2 and head.actor1 is None and head.event_type in ONE_SIDED else None
    if hit and hit not in ((head.fatalities or {}).get("of"), (head.injured or {}).get("of")):
        hit = None  # only the party whose men the head counts among the dead or wounded
    if a1 and a1[0] == hit:
        note(ctx, "head_keeps_its_target", f"«{a1[1]}» is whom the head tells as hit")
        a1 = next((m.actor1 for m in g if m.actor1 and m.actor1[0] != hit), None)
    return a1, a2


@rule("allies_do_not_strike", reads="alliances.tsv, role_words.tsv by_mistake")
def allies_do_not_strike(ctx, head: Mention, g: list[Mention], a1: tuple, a2: tuple) -> tuple:
    """A strike, a bombing or an attack on people does not hit the doer's ally: an ally read as actor 2 (one clause
    names the strikers, another their partner) gives way to the first party the event's clauses read that is not
    allied to the doer, else to nobody: "وقصفت الطائرات الروسية مواقع في ريف حلب، بالتزامن مع تقدم قوات النظام"
    is no strike on the government's forces. Not a strike told as a mistake (role_words.tsv ``by_mistake``: "قصفت
    طائرات التحالف عن طريق الخطأ مواقع لقوات حليفة"). Of a group and a state allied in an air strike, the state
    flew it (rule air_strike_by_a_state)."""
    said = " ".join(normalize(m.clause.text) for m in g)
    if any(normalize(w) in said for w in BY_MISTAKE):
        return a1, a2
    kind = lambda a: ctx.lex.actors[a[0]].kind if a[0] in ctx.lex.actors else None
    if head.sub == "Air/drone strike" and kind(a1) in sides.NO_AIR_FORCE and kind(a2) in STATE_KINDS:
        a1, a2 = a2, a1  # of two allies, the state flew the strike (rule air_strike_by_a_state)
    other = next((x for x in [m.actor2 for m in [head] + g] + [m.actor1 for m in [head] + g]
                  if x and x[0] != a1[0] and not ctx.lex.allied(a1[0], x[0])), None)
    note(ctx, "allies_do_not_strike", f"{a2[0]} is an ally of {a1[0]}: actor 2 {other[0] if other else None}")
    return a1, other


@rule("allies_fall_out", reads="alliances.tsv")
def allies_fall_out(ctx, g: list[Mention], a1: tuple, a2: tuple) -> bool:
    """Allies a clause of the event names as its two sides, joined by "بين ... و", fought each other (allies fall
    out: "وفي تفجر جديد للخلافات بين الميليشيا وقوات الحليف، قتل ثلاثة في اشتباك مسلح"); the rule allies_do_not_fight
    then keeps both. Read on the clause's words: one party right after "بين" (its name or a word before it), the
    other after the "و" that follows it, a word between at most ("بين الحوثيين وقوات صالح")."""
    t1, t2 = normalize(a1[1] or ""), normalize(a2[1] or "")
    if not t1 or not t2:
        return False
    for m in g:
        c = normalize(m.clause.text)
        for at in _BETWEEN.finditer(c):
            w = c[at.end():at.end() + 120]
            for x, y in ((t1, t2), (t2, t1)):
                i = w.find(x)
                if i < 0 or i > 12:
                    continue
                j = w.find(y, i + len(x))
                gap = w[i + len(x):j].strip() if j >= 0 else ""
                if gap.startswith("و") and len(gap) <= 12 and " " not in gap.replace("وبين ", "و"):
                    note(ctx, "allies_fall_out", f"«{a1[1]}» and «{a2[1]}»")
                    return True
    return False


_BETWEEN = re.compile(r"(?<![\u0621-\u064a])بين ")


def _event(doc: Document, ctx, g: list[Mention]) -> Event | None:
    head = head_of(g)
    if ctx.trace is not None and head is not _strongest(g):
        note(ctx, "territory_head", f"«{head.trigger.phrase}»")
    first = g[0]
    date = when.event_day(ctx, head, g)
    date_field = date.as_field() if date else ctx.default_date(first.sentence)
    eid = event_id(doc.doc_id, head.event_type, head.sub, first.clause.text)
    locs = (not head.locations and head_pointed_town(ctx, head)) or _locations(place_head(ctx, head, g), g)
    framing, fseen = [], set()
    for m in g:
        for f in m.framing:
            if (f["marker"], f["text"]) not in fseen:
                fseen.add((f["marker"], f["text"]))
                framing.append(f)
    statuses = [m.status for m in g]
    status = "denied" if "denied" in statuses and all(s != "asserted" for s in statuses) else \
        "asserted" if "asserted" in statuses else head.status
    if head.status != status:
        note(ctx, "own_voice_asserts", f"{status}, not {head.status}")
    evidence = []
    for m in sorted(g, key=lambda m: m.clause.start):
        c = m.clause
        assert doc.text[c.start:c.end] == c.text
        evidence.append({"quote": c.text, "start": c.start, "end": c.end})
    a1, a2 = _sides(ctx, head, g)
    claim = next((m.actor1 for m in g if m.claim and m.actor1), None)
    if claim and (a1 is None or a1[0] == UNKNOWN_DOER) and (a2 is None or a2[0] != claim[0]):
        note(ctx, "claimant_is_doer", f"«{claim[1]}» over {a1[0] if a1 else 'nobody named'}")
        a1 = claim
    if a1 and a2 and head.event_type == "Battles" and ctx.lex.allied(a1[0], a2[0]) and not allies_fall_out(ctx, g, a1, a2):
        a2 = next((x for x in [m.actor2 for m in [head] + g] + [m.actor1 for m in [head] + g]
                   if x and not ctx.lex.allied(a1[0], x[0])), None)
        note(ctx, "allies_do_not_fight", f"actor 2 {a2[0] if a2 else None}")
    if a1 and a2 and a1[0] != a2[0] and head.event_type in ONE_SIDED and ctx.lex.allied(a1[0], a2[0]):
        a1, a2 = allies_do_not_strike(ctx, head, g, a1, a2)
    if a1 and a2 and a1[0] == a2[0]:
        a2 = None
    as1, as2 = list(_pick(head, g, "assoc1") or []), list(_pick(head, g, "assoc2") or [])
    if head.event_type in ("Riots", "Protests"):
        a1, a2, as1, as2 = sides.crowds(ctx, head, g, a1, a2, as1, as2)
    e = Event(
        event_id=eid, doc_id=doc.doc_id, outlet=doc.outlet, event_type=head.event_type, sub_event_type=means_told(ctx, head, g),
        date=date_field,
        actor1=_actor_field(a1), assoc_actor1=[_actor_field(x) for x in as1],
        actor2=_actor_field(a2), assoc_actor2=[_actor_field(x) for x in as2],
        locations=locs, fatalities=with_text(event_toll(ctx, g, head, "fatalities")),
        injured=with_text(event_toll(ctx, g, head, "injured")),
        missing=with_text(event_toll(ctx, g, head, "missing")),
        territory=territory.of_event(ctx.lex, _pick(head, g, "territory"), head, a1, a2),
        status=status, attribution=_pick(head, g, "attribution") or {"kind": "outlet", "text": doc.outlet or ""},
        framing=framing, evidence=evidence, background=all(m.background for m in g),
    )
    bombing_toll_told_apart(ctx, e, g)
    return e


@rule("bombing_toll_told_apart", reads="role_words.tsv armed_site")
def bombing_toll_told_apart(ctx, e: Event, g: list[Mention]) -> None:
    """A bombing whose dead or wounded another sentence tells ("تبنى التنظيم الهجوم الانتحاري في المدينة. وقال
    مسؤولون إن الهجوم أوقع 32 قتيلا"), no armed target named in any of its sentences, hit civilians (as rule
    bombing_hits_civilians says of one clause): the toll joined it only when its mentions were merged."""
    if e.event_type != "Explosions/Remote violence" or e.sub_event_type not in ("Remote explosive/landmine/IED", "Suicide bomb") \
            or e.actor2 is not None:
        return
    hurt = [t for t in (e.fatalities, e.injured) if t and t.get("value")]
    if not hurt or any(t.get("group") == "combatants" or (t.get("of") and t.get("of") != "Civilians") for t in hurt):
        return
    if any(names_armed_site(ctx.nt.norm[ctx.n(q["start"]):ctx.n_end(q["end"])]) for q in e.evidence):
        return
    e.actor2 = {"id": "Civilians", "text": ""}
    if ctx.trace is not None:
        ctx.trace.note_event(e, "bombing_toll_told_apart", "")


BARE_EXPLOSION_WEIGHT = 5  # triggers.tsv: the weight of a bare explosion word ("انفجار*", "تفجير*")


@rule("means_told_anywhere")
def means_told(ctx, head: Mention, g: list[Mention]) -> str:
    """An explosion the head tells by a bare word ("انفجار", "تفجير": no means stated, read as a remote explosive)
    takes the means another of its clauses states: "قتل 12 شخصا في انفجار هز سوقا في مدينة الرمادي ... وقالت
    الشرطة إن انتحاريا فجر نفسه وسط المتسوقين في الرمادي" is a suicide bomb. A means the head states ("صاروخ", "غارة", "عبوة ناسفة") stays."""
    if head.event_type != "Explosions/Remote violence" or head.sub != "Remote explosive/landmine/IED" \
            or head.weight > BARE_EXPLOSION_WEIGHT:
        return head.sub
    best = max((m for m in g if m.event_type == head.event_type and not m.aside and m.sub != "STRIKE"),
               key=lambda m: m.weight, default=head)
    if best.weight > head.weight and best.sub != head.sub:
        note(ctx, "means_told_anywhere", f"«{best.trigger.phrase}»: {best.sub}")
        return best.sub
    return head.sub


@rule("head_pointed_town", reads="role_words.tsv place_pointer")
def head_pointed_town(ctx, head: Mention) -> list[dict]:
    """An event whose head clause names no place, nor its sentence, but points at a town ("المدينة", "البلدة") is at
    the last town named before, not at the places the event's other clauses name: in "سيطرت الهيئة على بلدة X ...
    وأفاد مراسلنا أن الهيئة فرضت سيطرتها على المدينة ... وتركز نفوذ الحركة في ريف Y" the taking is at X."""
    got = ctx.place_pointed(ctx.n(head.clause.start), ctx.n_end(head.clause.end), head.clause.start)
    if got:
        note(ctx, "head_pointed_town", ", ".join(l.get("text") or "" for l in got))
    return got


def _actor_field(a: tuple[str, str] | None) -> dict | None:
    return {"id": a[0], "text": a[1]} if a else None


def _locations(head: Mention, g: list[Mention]) -> list[dict]:
    """The head's places (the first mention with any), with the towns of a governorate named alone."""
    locs, seen = [], set()
    for m in [head] + g:
        for loc in m.locations:
            k = _loc_key(loc)
            if k not in seen:
                seen.add(k)
                locs.append(loc)
        if locs and m is head:
            locs.extend(governorate_towns(locs, g, seen))
            locs.extend(area_towns(locs, g, seen))
            locs.extend(city_quarters(locs, g, seen))
            return country_gives_way(locs, g) or locs
    return locs


def _loc_key(loc: dict):
    """One place once: by its gazetteer entry, except a named region resolved to its governorate's point ("الغوطة
    الشرقية" at Rif Dimashq's), which is a place of its own beside the governorate named as such ("ريف دمشق")."""
    k = loc.get("gazetteer_id") or loc.get("text")
    if (loc.get("geo_precision") or 1) < 3 or not loc.get("name") or loc.get("name") != loc.get("admin1"):
        return k  # not at a governorate's point: "منطقة القصير", "كوباني" are the entry they resolved to
    text = normalize(loc.get("text") or "")
    # (the governorate or its city named as such, with a cue or not; text is normalised: "محافظة" reads "محافظه")
    if text and text != normalize(loc.get("name_ar") or "") and not text.startswith(("ريف", "محافظه", "مدينه")):
        return ("region", text)
    return k


def _country(loc: dict) -> bool:
    return loc.get("lat") is None and (loc.get("geo_precision") or 1) >= 3


@rule("country_gives_way")
def country_gives_way(locs: list[dict], g: list[Mention]) -> list[dict]:
    """When the head names only a country ("غارات في العراق وسورية"), the places the event's other clauses name
    say where: "نفذ التحالف 18 غارة في العراق ... بينها أربع غارات قرب الموصل" is at Mosul."""
    if not locs or not all(_country(loc) for loc in locs):
        return []
    out, seen = [], set()
    for m in g:
        for loc in m.locations:
            k = loc.get("gazetteer_id") or loc.get("text")
            if not _country(loc) and k not in seen:
                seen.add(k)
                out.append(loc)
    return out


@rule("governorate_towns")
def governorate_towns(locs: list[dict], g: list[Mention], seen: set) -> list[dict]:
    """When the head names only a governorate ("ريف دمشق", "محافظة دير الزور"), the towns in it that the
    event's other clauses name say where (not its capital again: "الرقة" in "محافظة الرقة"), and so do places
    the gazetteer lacks that they name ("قصف على محافظة حماة ... وطال القصف قرية الزعترانية") and its districts
    ("مواجهات في محافظة حلب ... شنوا هجوما على مواقع قسد في منطقة منبج")."""
    if any((loc.get("geo_precision") or 1) < 3 or not loc.get("admin1") or loc.get("name") != loc.get("admin1")
           for loc in locs):
        return []
    regions = {loc.get("admin1") for loc in locs}
    written = normalize(" ".join(loc.get("text") or "" for loc in locs))
    out = []
    for x in g:
        for loc in x.locations:
            k, t = loc.get("gazetteer_id") or loc.get("text"), normalize(loc.get("text") or "")
            unknown = loc.get("lat") is None and loc.get("admin1") is None  # a place the gazetteer lacks
            # a district or region inside it ("مديرية القفر") is narrower than the governorate, not another one
            if k in seen or ((loc.get("geo_precision") or 1) >= 3 and (loc.get("lat") is None or loc.get("name") == loc.get("admin1"))) \
                    or (loc.get("admin1") not in regions and not unknown) \
                    or loc.get("name") in regions \
                    or not t or t.split()[-1].removeprefix("ال") in written:
                continue
            seen.add(k)
            out.append(loc)
    return out


@rule("area_towns")
def area_towns(locs: list[dict], g: list[Mention], seen: set) -> list[dict]:
    """When the head names only an area told between two places ("في المنطقة الواقعة بين حمص وتدمر", geo rule
    area_between_places), the towns lying in it that the event's other clauses name say where (rule
    town_between_the_ends): "اندلعت اشتباكات في المنطقة الواقعة بين حمص وتدمر ... هاجمت الفصائل حاجزا في بلدة الفرقلس"
    is at al-Furqlus too."""
    from .same import _between
    if not locs or not all(loc.get("between") for loc in locs):
        return []
    out = []
    for x in g:
        for loc in x.locations:
            k = loc.get("gazetteer_id") or loc.get("text")
            if k not in seen and any(_between(a, loc) for a in locs):
                seen.add(k)
                out.append(loc)
    return out


QUARTER_KM = 15  # how far from a city's point its quarters and suburbs lie


@rule("city_quarters")
def city_quarters(locs: list[dict], g: list[Mention], seen: set) -> list[dict]:
    """When the head names only a governorate's city ("انفجار في دمشق"), the quarters of it that the event's
    other clauses name say where: "وقع الانفجار في حي الزعترانية بدمشق" (15 km or less from the city)."""
    cities = [loc for loc in locs if loc.get("lat") is not None]  # (a place the gazetteer lacks, unplaced, aside)
    if not cities or any((loc.get("geo_precision") or 1) >= 3 or not loc.get("admin1")
                         or loc.get("name") != loc.get("admin1") for loc in cities):
        return []
    locs = cities
    out = []
    for x in g:
        for loc in x.locations:
            k = loc.get("gazetteer_id") or loc.get("text")
            if k in seen or loc.get("lat") is None or (loc.get("geo_precision") or 1) >= 3 \
                    or not any(haversine((loc["lat"], loc["lon"]), (c["lat"], c["lon"])) <= QUARTER_KM for c in locs) \
                    or loc.get("name") in {c.get("name") for c in locs}:
                continue
            seen.add(k)
            out.append(loc)
    return out


@rule("context_place", reads="role_words.tsv place_pointer")
def context_places(ctx, events: list[Event]) -> None:
    """An event whose sentences name no place happened where the text last placed things, a few sentences
    (400 characters) back: "قصفت الطائرات بلدة X. وأدى القصف إلى مقتل ثلاثة مدنيين"; when it says "المدينة" /
    "البلدة", the last town named before; with nothing placed before, the next sentence that names places. A part of
    a country ("في شمال العراق", rule country_region) is not lent."""
    doc_sentences = ctx.doc.spans_of("sentence")
    the_country, theatre_words = None, []
    for e in events:
        if e.locations or not e.evidence:
            continue
        start = min(q["start"] for q in e.evidence)
        pointed = [loc for q in e.evidence for loc in ctx.place_pointed(ctx.n(q["start"]), ctx.n_end(q["end"]), q["start"])]
        if pointed:
            e.locations = pointed[:1]
            _placed(ctx, e, "a word pointing at the last town named")
            continue
        para = max(0, start - CONTEXT_CHARS)
        # (a part of a country, "في شمال العراق", is no place to lend: the story's towns in it say more)
        before = [s for s in ctx.starting(ctx.places, para, start) if isinstance(s.value, dict) and not is_country_part(s.value)]
        if before:  # the nearest: in "كفرنبل بريف إدلب" the region, the safer claim for a place inferred
            last = max(s.start for s in before)
            e.locations = [dict(s.value) for s in before if s.start == last]
            _placed(ctx, e, "the place named last before")
            continue
        end = max(q["end"] for q in e.evidence)
        after = [s for s in ctx.starting(ctx.places, end, end + CONTEXT_CHARS) if isinstance(s.value, dict)
                 and s.value.get("lat") is not None]
        if after:
            sent = next((x for x in doc_sentences if x.start <= after[0].start < x.end), None)
            e.locations = [dict(s.value) for s in after if sent is None or sent.start <= s.start < sent.end]
            _placed(ctx, e, "the next sentence that names places")
            continue
        if the_country is None:
            the_country = _one_country(ctx)
            found = ctx.doc.matches or {}
            theatre_words = found["theatres"] if "theatres" in found else ctx.lex.theatre_matcher.find(ctx.nt)
        if the_country and not any(w.value[0] != the_country[0] and ctx.n(q["start"]) <= w.start < ctx.n_end(q["end"])
                                   for q in e.evidence for w in theatre_words):
            # rule one_country: nothing placed near it, in a story that puts things in one country only, and its
            # sentences name no other country's place or adjective ("داخل الأراضي السورية" in a Turkish story)
            e.locations = [dict(the_country[1])]
            _placed(ctx, e, "the one country the story puts things in (rule one_country)")


def _country_of_name() -> dict[str, str]:
    """A country's own names (the first name of each place row of theatres.tsv and its other spellings, "سوريا",
    "سورية"; not its cities), normalised, to its code."""
    if not _COUNTRY_OF:
        for r in read_tsv("theatres.tsv"):
            if len(r) > 2 and r[1] == "place":
                names = [normalize(x.strip()) for x in r[2].split("|") if x.strip()]
                _COUNTRY_OF.update((x, r[0]) for x in names if x[:-1] == names[0][:-1] or x[1:] == names[0][1:])
    return _COUNTRY_OF


_COUNTRY_OF: dict[str, str] = {}


@rule("one_country", reads="theatres.tsv place rows (a country's own names), regions.tsv '-' rows")
def _one_country(ctx) -> tuple:
    """An event placed nowhere, nothing placed near it, is in the one country its story puts things in ("في العراق",
    "بالعراق": regions.tsv '-'), when its towns of weight are all there and no other country or area abroad is put
    in ("في نيجيريا"), and its own sentences name no other country's place or adjective: "قتل مفجر انتحاري 26 شخصا
    في جنازة" in a story of Iraq is in Iraq (ACLED's practice: the country when no finer place is known). Returns
    (the country's code, its place), or ()."""
    names, found = _country_of_name(), {}
    for s in ctx.places:
        v = s.value
        if isinstance(v, dict) and v.get("lat") is None and not v.get("gazetteer_id") and not is_country_part(v):
            text = normalize(v.get("text") or "")
            code = names.get(text)
            if code:
                found.setdefault(code, v)
            elif (v.get("geo_precision") or 1) >= 3 and not any(w in names or w in NATIONALITY_WORDS for w in text.split()):
                found.setdefault(text, None)  # a country no theatre lists ("في نيجيريا"): another one, not placed
    # (a city of weight of another country, "غزة" in a story that puts things "في سوريا", makes two)
    towns = {s.value for s in ctx.doc.spans_of("place_country")}
    return next(iter(found.items())) if len(found) == 1 and towns <= set(found) and None not in found.values() else ()


def _placed(ctx, e: Event, how: str) -> None:
    if ctx.trace is not None:
        ctx.trace.note_event(e, "context_place", f"{how}: " + ", ".join(loc.get("text") or "" for loc in e.locations))
