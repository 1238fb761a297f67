"""Sides: the parties of a report event once its mentions are merged. A battle told with one side gets
the article's main opponent of that side; a crowd is Protesters or Rioters whatever its faction; who
fought says what a clash was (a riot, an attack on civilians)."""
from __future__ import annotations

import regex as re

from ..arabic import normalize
from ..model import Event
from .mention import Mention
from .rules import rule
from .words import CAUSE_WORDS, CONTROL, CROWDS, DISPERSAL, FRONT, LETHAL_FORCE, RESIDENT_WORDS, RESIDENTS_SIDE, \
    SIMILAR, STATE_KINDS, SUPPORTERS, TARGET_WORDS, UNMANNED, names_armed_site, names_clash


def _kinder(ctx):
    """A party's kind (actors.tsv), None for no party or an id the lexicon lacks."""
    actors = ctx.lex.actors
    return lambda a: actors[a["id"]].kind if a and a.get("id") in actors else None


def _doer_was_hit(e: Event) -> None:
    """The party read as the doer is the side hit, with its associates; no doer is named."""
    e.actor1, e.actor2 = None, e.actor1
    e.assoc_actor1, e.assoc_actor2 = [], e.assoc_actor1


def _swap(e: Event) -> None:
    """Actor 1 and actor 2 change places, each with its associates."""
    e.actor1, e.actor2 = e.actor2, e.actor1
    e.assoc_actor1, e.assoc_actor2 = e.assoc_actor2, e.assoc_actor1


@rule("other_side_of_front")
def fill_sides(ctx, events: list[Event]) -> None:
    """A battle told with one side named: the other side is the article's most frequent party that is not the
    named one, not civilians and not its ally ("اندلعت اشتباكات مع قوات النظام" in an article about the
    opposition's front); a battle with no side named is the article's main front. Strikes are left alone (ACLED
    leaves a strike's unnamed target blank), and a killing with no fighting told keeps its killer unknown."""
    freq = ctx.actor_frequency()
    if ctx.keepers:
        # forces told only as restoring order are no side of the article's front (rule order_keeper_not_side)
        freq = [(aid, n) for aid, n in freq if len(ctx.keepers.get(aid, ())) < n]
    lex = ctx.lex
    for e in events:
        if e.event_type != "Battles":
            continue
        named = (e.actor1 or e.actor2 or {}).get("id")
        if named is None:
            sides = [aid for aid, n in freq if aid != "Civilians" and n >= 2]
            if sides:
                rival = _rival_community(ctx, sides[0]) or next(
                    (b for b in sides[1:] if not lex.allied(sides[0], b)), None)
                if rival is not None:
                    e.actor1, e.actor2 = {"id": sides[0], "text": ""}, {"id": rival, "text": ""}
                    _note(ctx, e, f"the article's main front: {sides[0]} and {rival}")
                    continue
            last_clash_sides(ctx, e, events)
            continue
        if e.actor1 and e.actor2:
            continue
        told = [t.value.event_type for q in e.evidence for t in ctx.within(ctx.triggers, ctx.n(q["start"]), ctx.n_end(q["end"]))]
        if ((e.fatalities or {}).get("of") == named or (e.actor1 is None and "Violence against civilians" in told)) \
                and "Battles" not in told:
            continue  # "مقتل القيادي في الهيئة في خان شيخون", "اغتيال قيادي في الهيئة": a killing with no fighting
            # told (its dead the named side's, or the named side hit by a word of killing people); the killer is unknown
        rival = _rival_community(ctx, named)
        other = rival or next((aid for aid, _ in freq if aid != named and aid != "Civilians"
                               and not lex.allied(named, aid)), None)
        if other is None:
            continue
        if e.actor1 is None:
            e.actor1 = {"id": other, "text": ""}
        else:
            e.actor2 = {"id": other, "text": ""}
        if rival is not None:
            _note(ctx, e, f"{other}, the other community the article names", "community_faces_community")
        else:
            _note(ctx, e, f"{other}, the article's main opponent of {named}")
        if e.territory:
            if e.territory.get("gained_by") is None:
                e.territory["gained_by"] = e.actor1["id"]
            if e.territory.get("lost_by") is None:
                e.territory["lost_by"] = e.actor2["id"] if e.actor2 else None


CLASH_REACH = 400  # characters back to the battle whose fighting goes on


@rule("fight_goes_on_between_sides_told", reads="role_words.tsv clash_noun")
def last_clash_sides(ctx, e: Event, events: list[Event]) -> None:
    """A battle told by a noun of fighting (role_words.tsv clash_noun) with no side named, in an article whose parties
    are too seldom named for a main front (rule other_side_of_front), goes on between the two sides of the battle
    told just before it (up to 400 characters back): "اندلعت اشتباكات بين قوات الجيش ومقاتلي المعارضة في حي برزة.
    وفي حمص تجددت المعارك في حي الخالدية" (the army and the opposition). Not "معركة" (a campaign: "معركة تحرير
    المدينة مستمرة") nor an attack (one side's act, its target told or not)."""
    if not e.evidence or not any(names_clash(normalize(q["quote"])) for q in e.evidence):
        return
    at = min(q["start"] for q in e.evidence)
    best, sides_ = None, None
    for b in events:
        if b is e or b.event_type != "Battles" or not b.actor1 or not b.actor2 or not b.evidence:
            continue
        ids = (b.actor1.get("id"), b.actor2.get("id"))
        if "Civilians" in ids or CROWDS & set(ids):
            continue
        starts = [q["start"] for q in b.evidence if q["start"] < at]
        if starts and (best is None or max(starts) > best):
            best, sides_ = max(starts), (dict(b.actor1, text=""), dict(b.actor2, text=""))
    if sides_ is None or at - best > CLASH_REACH:
        return
    e.actor1, e.actor2 = sides_
    _note(ctx, e, f"the sides of the battle told before: {sides_[0]['id']} and {sides_[1]['id']}",
          "fight_goes_on_between_sides_told")


@rule("community_faces_community", reads="actors.tsv kind")
def _rival_community(ctx, named: str) -> str | None:
    """A clash told with one tribe or community named (actors.tsv kind identity) was fought with the other tribe
    the article names, even only as whose elders speak, before any state force it names more often: "قال أحد
    زعماء قبيلة المعاليا إن الاشتباكات تجددت أمس بعد أن هاجمت قوات الرزيقات المنطقة" in a report that also tells
    of the army elsewhere has the Maaliya and the Rizeigat as its sides."""
    kinds = ctx.lex.actors
    if named not in kinds or kinds[named].kind != "identity":
        return None
    rival = next((a.value for a in ctx.actors if a.value != named and a.value in kinds
                  and kinds[a.value].kind == "identity" and not ctx.lex.allied(named, a.value)), None)
    return rival


STRIKES = ("Air/drone strike", "Shelling/artillery/missile attack")


NO_AIR_FORCE = {"rebel", "militia"}  # actors.tsv kinds of parties that fly no warplanes
# words of aircraft in a party's name ("طيران التحالف", "سلاح الجو التركي", "الطائرات الروسية"), normalised
AIRCRAFT = tuple(normalize(w) for w in ("طيران", "طائرات", "طائرة", "مقاتلات", "قاذفات", "مروحيات", "مروحية", "سلاح الجو"))


@rule("aircraft_flew_the_strike", reads="role_words.tsv target")
def aircraft_struck(ctx, e: Event) -> None:
    """A party named by its aircraft ("طيران التحالف", "سلاح الجو التركي", "الطائرات الإسرائيلية") flew the air strike
    it is told with: read as actor 2 (its clause read another party as the doer, or merged clauses put it there), it
    is actor 1, and a party read as actor 1 that is not its ally is what it struck: "شن سلاح الجو أولى غاراته على
    مواقع للتنظيم بعد أيام على هجوم نسبته الحكومة إلى التنظيم". Not aircraft told as a target ("أطلقت الصواريخ على
    الطائرات", a word of role_words.tsv ``target`` or of striking right before their name)."""
    if e.sub_event_type != "Air/drone strike" or not e.actor2:
        return
    said = normalize(e.actor2.get("text") or "")
    if not said or not any(w in said for w in AIRCRAFT):
        return
    for q in e.evidence:
        quote = normalize(q["quote"])
        at = quote.find(said)
        prev = quote[max(0, at - 20):at].split()[-1:] if at >= 0 else []
        if prev and (prev[0].lstrip("و") in TARGET_WORDS or prev[0].lstrip("و").startswith(("استهدف", "لاستهداف", "اسقاط", "اسقط"))):
            return
    if e.actor1 and ctx.lex.allied(e.actor1["id"], e.actor2["id"]):
        return
    _swap(e)
    _note(ctx, e, f"«{e.actor1.get('text')}» flew it", "aircraft_flew_the_strike")


@rule("air_strike_by_a_state", reads="actors.tsv kind, role_words.tsv unmanned")
def air_strike_by_state(ctx, e: Event) -> None:
    """Warplanes are a state's: a rebel group or a militia (actors.tsv kind ``rebel``, ``militia``) read as the doer
    of an air strike is what it hit, told with the strike ("غارات جوية ضد مقاتلي التنظيم", "ضربات على معسكرات
    الحزب"): it becomes actor 2, and a state's force read as actor 2 struck; not a strike told by a drone's word
    (role_words.tsv ``unmanned``: "طائرة مسيرة", "دون طيار"), which groups fly, nor a party told as the subject of a
    verb of striking next to its name ("الجيش الحر استهدف مقر المخابرات الجوية": the event word misread).
    "بدأت الحكومة حملة ضربات جوية على مواقع الجماعة في الجبال" has no doer named and the group hit."""
    if e.sub_event_type != "Air/drone strike" or not e.actor1:
        return
    kind = _kinder(ctx)
    if kind(e.actor1) not in NO_AIR_FORCE:
        return
    said = " ".join(normalize(q["quote"]) for q in e.evidence)
    if any(w in said for w in UNMANNED) or _subject_of_a_strike(said, e.actor1.get("text")):
        return
    if e.actor2 is None:
        _doer_was_hit(e)
    elif kind(e.actor2) in STATE_KINDS:
        _swap(e)
    else:
        return
    _note(ctx, e, f"{e.actor2['id']} flies no warplanes: it was hit", "air_strike_by_a_state")


_STRUCK_STEMS = ("استهدف", "شن", "قصف", "نفذ", "اغار", "قام", "اسقط")


def _subject_of_a_strike(said: str, name: str | None) -> bool:
    """The party is the subject of a verb of striking told with it ("الجيش الحر استهدف مقر المخابرات الجوية",
    "شنت داعش غارة على ثلاثة محاور" a raid, "طائرة استهدفها مقاتلو المعارضة" fire at a plane): its own deed, and no
    air strike was flown at it."""
    key = normalize(name or "")
    at = said.find(key) if key else -1
    if at < 0:
        return False
    before = [w.lstrip("و") for w in said[max(0, at - 30):at].split()[-1:]]
    after = [w.lstrip("و") for w in said[at + len(key):at + len(key) + 30].split()[:2]]
    if any(w.startswith(_STRUCK_STEMS) for w in after):
        return True  # "الجيش الحر استهدف", "داعش الذين شنوا غارة"
    # a verb with its object's pronoun before the name ("استهدفها مقاتلو المعارضة"), or the raid right after it
    # ("شنت داعش غارة": the name between the verb and its object)
    return any(w.startswith(_STRUCK_STEMS) and (w.endswith(("ها", "هم", "ه")) or after[:1] and after[0].startswith(("غار", "هجوم")))
               for w in before)


@rule("suicide_bomb_not_by_a_state", reads="actors.tsv kind")
def suicide_bomb_by_group(ctx, e: Event) -> None:
    """No state's forces send suicide bombers: a state's force or police (actors.tsv kind ``state``, ``external``)
    read as the doer of a suicide bombing is what it hit, or a party told beside it (a speaker, a reference): with
    nobody read as hit it becomes actor 2, a group read as hit changes places with it, and beside civilians hit it
    is dropped: "قتل انتحاري ضابطا كبيرا في المخابرات العسكرية وحارسين له في بلدة شمال البلاد" has the
    intelligence service hit, no doer named."""
    if e.sub_event_type != "Suicide bomb" or not e.actor1:
        return
    kind = _kinder(ctx)
    if kind(e.actor1) not in STATE_KINDS:
        return
    if e.actor2 is None:
        _doer_was_hit(e)
    elif kind(e.actor2) in NO_AIR_FORCE:
        _swap(e)
    elif e.actor2.get("id") == "Civilians":
        e.actor1, e.assoc_actor1 = None, []
    else:
        return
    _note(ctx, e, "a state's force sends no suicide bombers", "suicide_bomb_not_by_a_state")


@rule("coalition_strikes_its_foe", reads="campaign_foes.tsv")
def coalition_foe(ctx, events: list[Event]) -> None:
    """A strike by a coalition formed to fight one party, its target not named and no civilians among its dead, hits
    that party when the article tells of it ("التحالف الدولي ضد داعش": "شنت طائرات التحالف خمس غارات قرب بلدة
    الهول" in a report on the war with داعش is a strike on داعش)."""
    told = {aid for aid, _ in ctx.actor_frequency()}
    for e in events:
        if e.event_type != "Explosions/Remote violence" or e.sub_event_type not in STRIKES or e.actor2 is not None \
                or e.actor1 is None:
            continue
        foe = ctx.lex.campaign_foes.get(e.actor1.get("id"))
        if foe is None or foe not in told or (e.fatalities or {}).get("group") == "civilians":
            continue
        e.actor2 = {"id": foe, "text": ""}
        _note(ctx, e, f"{foe}, the foe {e.actor1['id']} was formed to fight", "coalition_strikes_its_foe")


@rule("strike_on_the_front", reads="role_words.tsv front")
def strike_on_front(ctx, events: list[Event]) -> None:
    """A strike aimed at the front line or the clash areas, its target not named, hits the enemy fighting there: the
    other side of the nearest battle told before it that the striker or its ally fought ("اشتباكات بين قوات النظام
    وتنظيم داعش في ريف حمص ... وترافق ذلك مع قصف مدفعي على مناطق الاشتباك": داعش), or else the article's main
    opponent of the striker."""
    lex = ctx.lex
    for e in events:
        if e.event_type != "Explosions/Remote violence" or e.sub_event_type not in STRIKES or e.actor2 is not None \
                or e.actor1 is None or (e.fatalities or {}).get("group") == "civilians" or not e.evidence:
            continue
        if not FRONT.search(" ".join(normalize(q["quote"]) for q in e.evidence)):
            continue
        named, at = e.actor1.get("id"), min(q["start"] for q in e.evidence)
        other, best = None, None
        for b in events:
            if b.event_type != "Battles" or not b.actor1 or not b.actor2 or not b.evidence:
                continue
            ids = (b.actor1.get("id"), b.actor2.get("id"))
            starts = [q["start"] for q in b.evidence if q["start"] <= at]
            if not starts:
                continue
            sides = [x for x in ids if not lex.allied(named, x)]
            if len(sides) != 1 or sides[0] == "Civilians":
                continue
            if best is None or max(starts) > best:
                other, best = sides[0], max(starts)
        if other is None:  # no battle of the striker's told before: the article's main opponent of the striker
            other = next((aid for aid, _ in ctx.actor_frequency() if aid != named and aid != "Civilians"
                          and not lex.allied(named, aid)), None)
        if other is None:
            continue
        e.actor2 = {"id": other, "text": ""}
        _note(ctx, e, f"{other}, the other side of the battle told before it, fights on the front it hit", "strike_on_the_front")


STRIKE_BACK_REACH = 300  # characters from the strike told before to the definite noun that tells it again
_DEFINITE = re.compile(r"[وف]?(?:[بكل]?ال|لل)")


@rule("strike_noun_refers_back")
def strike_refers_back(ctx, events: list[Event]) -> None:
    """A strike told by a definite noun ("الغارات", "الضربات", "القصف") with no striker named, at a target or place of
    its own, is the strike told just before it (up to 300 characters back, no other event between) reaching further:
    its striker is that strike's, a state's or foreign force: "شنت مقاتلات التحالف غارات على مواقع المسلحين في مدينة
    زنجبار. كما استهدفت الضربات مخازن أسلحة في وادي دقلان" (the coalition's strikes). Not the noun after a word of
    cause ("قضى اثنان جراء القصف على البلدة": any strike's dead, as digests list them), nor a group's strike (told by
    its own name)."""
    told = sorted((e for e in events if e.evidence), key=lambda e: min(q["start"] for q in e.evidence))
    norm = ctx.nt.norm
    for k, e in enumerate(told):
        if k == 0 or e.event_type != "Explosions/Remote violence" or e.sub_event_type not in STRIKES or e.actor1 is not None:
            continue
        q = min(e.evidence, key=lambda q: q["start"])
        lo, hi = ctx.n(q["start"]), ctx.n_end(q["end"])
        # (the definite noun may follow the clause's verb: "كما استهدفت الضربات مخازن")
        t = next((t for t in ctx.within(ctx.triggers, lo, hi) if t.value.event_type == "Explosions/Remote violence"
                  and (_DEFINITE.match(norm, t.start) is not None or norm[max(0, t.start - 2):t.start] in ("ال", "لل"))),
                 None)
        if t is None:
            continue
        before = norm[max(lo, t.start - 12):t.start].split()[-1:]
        if before and before[0].lstrip("و") in CAUSE_WORDS:
            continue  # "قضى اثنان جراء القصف على البلدة": the dead's cause, told of any strike
        prev = told[k - 1]
        ends = [p["end"] for p in prev.evidence if p["start"] < q["start"]]
        if prev.event_type != e.event_type or prev.actor1 is None or not ends or q["start"] - max(ends) > STRIKE_BACK_REACH:
            continue
        a1 = ctx.lex.actors.get(prev.actor1.get("id"))
        if a1 is None or a1.kind not in STATE_KINDS:
            continue  # (a state's air force or artillery; a group's shelling is told by its own name)
        if e.actor2 is not None and e.actor2.get("id") == prev.actor1.get("id"):
            continue
        e.actor1 = {"id": prev.actor1["id"], "text": ""}
        _note(ctx, e, f"«{ctx.said(t.start, t.end)}» tells again the strike of {prev.actor1['id']}", "strike_noun_refers_back")


def _held_places(ctx) -> dict:
    """Places the article tells as held by a party ("بلدة كفرنبل التي تسيطر عليها الفصائل"): gazetteer id or name to
    the party."""
    norm, out = ctx.nt.norm, {}
    for s in ctx.places:
        lo = ctx.n_end(s.end)
        words = norm[lo:lo + 60].split()[:4]
        k = next((i for i, w in enumerate(words) if w in CONTROL or w[1:] in CONTROL), None)
        if k is None:
            continue
        a = next((a for a in ctx.within(ctx.actors, lo, lo + 70) if a.value != "Civilians" and not ctx.is_source(a)), None)
        if a is None or len(norm[lo:a.start].split()) > k + 3:
            continue
        key = s.value.get("gazetteer_id") or s.value.get("name_ar")
        if key:
            out.setdefault(key, a.value)
    return out


@rule("strike_on_held_place", reads="role_words.tsv control")
def strike_on_held(ctx, events: list[Event]) -> None:
    """A strike with no target named, on a place the article tells as held by a party not allied to the striker
    ("مدينة أريحا التي تسيطر عليها الفصائل"), hit that party, when no civilians are among its dead: "قصفت قوات النظام
    بلدة اللطامنة" in a report that told "اللطامنة التي تسيطر عليها فصائل المعارضة"."""
    held = None
    for e in events:
        if e.event_type != "Explosions/Remote violence" or e.sub_event_type not in STRIKES or e.actor2 is not None \
                or e.actor1 is None or (e.fatalities or {}).get("group") in ("civilians", "unknown", "mixed"):
            continue
        if held is None:
            held = _held_places(ctx)
        if not held:
            return
        striker = e.actor1.get("id")
        who = {held.get(l.get("gazetteer_id") or l.get("name_ar")) for l in e.locations} - {None, striker}
        who = {x for x in who if not ctx.lex.allied(striker, x)}
        if len(who) != 1:
            continue
        e.actor2 = {"id": who.pop(), "text": ""}
        _note(ctx, e, f"{e.actor2['id']} holds the place hit", "strike_on_held_place")


@rule("announcer_killed_foes")
def announcer_killed(ctx, events: list[Event]) -> None:
    """A state's force or command that announces the death of its foes' men, no killer named, killed them: "أعلنت
    قيادة عمليات نينوى مقتل 20 عنصرا من داعش في قضاء تلعفر" is the army's deed (ACLED codes the announcer's own
    operations with it as actor 1). The announcer is told in the event's sentence before the dead's party, is
    not allied to it, and the dead are that party's; a group's own statement ("أعلنت الهيئة مقتل قيادي فيها") or
    a death of the announcer's own men stays without a killer."""
    lex = ctx.lex
    for e in events:
        if e.actor1 is not None or e.actor2 is None or e.event_type not in ("Battles", "Explosions/Remote violence"):
            continue
        hit = e.actor2.get("id")
        if hit == "Civilians" or hit not in lex.actors or lex.actors[hit].kind in STATE_KINDS \
                or (e.fatalities or {}).get("of") != hit:
            continue
        speaker = None
        for q in e.evidence:
            lo, hi = ctx.n(q["start"]), ctx.n_end(q["end"])
            before = ctx.nt.norm[max(0, lo - 300):lo]
            cut = max(before.rfind(c) for c in ".\n!؟")  # the sentence's start: "أعلنت القيادة ...، مشيرة إلى مقتل"
            named = ctx.within(ctx.actors, lo - len(before) + cut + 1 if cut >= 0 else lo - len(before), hi)
            last_hit = max((a.start for a in named if a.value == hit), default=None)
            if last_hit is None:
                continue
            speaker = next((a for a in named if a.start < last_hit and a.value in lex.actors
                            and lex.actors[a.value].kind in STATE_KINDS and not lex.allied(a.value, hit)
                            and ctx.is_source(a)), None)
            if speaker is not None:
                break
        if speaker is None:
            continue
        e.actor1 = {"id": speaker.value, "text": ctx.said(speaker.start, speaker.end)}
        _note(ctx, e, f"«{e.actor1['text']}» announced its foes' dead", "announcer_killed_foes")


@rule("attack_on_people", reads="role_words.tsv armed_site")
def attack_on_people(ctx, e: Event) -> None:
    """An attack told by a word of attacking ("هجوم", "هاجم"), no word of fighting, that hurt only people of no
    armed side, with nobody armed on the receiving side and no post or unit of armed men hit (role_words.tsv
    ``armed_site``), is violence against civilians, the people its actor 2 (ACLED): "قتل رجلان في هجوم شنه مسلحون
    مجهولون على سيارة في المدينة" (but "هاجم مسلحون حاجزا للشرطة", "قتل جنديان في هجوم" are fights)."""
    if e.event_type != "Battles" or e.sub_event_type != "Armed clash" or e.actor2 is not None or e.territory:
        return
    if e.actor1 is not None and e.actor1.get("id") in CROWDS | {"Civilians"}:
        return
    hurt = [t for t in (e.fatalities, e.injured) if t]
    if not hurt or any(t.get("group") not in ("unknown", "civilians") or (t.get("of") and t.get("of") != "Civilians") for t in hurt):
        return
    lex_roles = set()
    for q in e.evidence:
        lo, hi = ctx.n(q["start"]), ctx.n_end(q["end"])
        lex_roles.update(t.value.role for t in ctx.within(ctx.triggers, lo, hi) if t.value.event_type == "Battles")
        if names_armed_site(ctx.nt.norm[lo:hi]):
            return
    if lex_roles != {"agent"}:
        return
    e.event_type, e.sub_event_type = "Violence against civilians", "Attack"
    e.actor2 = {"id": "Civilians", "text": ""}
    _note(ctx, e, "an attack that hurt only people of no armed side", "attack_on_people")


def _note(ctx, e: Event, detail: str, name: str = "other_side_of_front") -> None:
    if ctx.trace is not None:
        ctx.trace.note_event(e, name, detail)


@rule("crowd", reads="actors.tsv kind, role_words.tsv supporters")
def crowds(ctx, head: Mention, g: list[Mention], a1, a2, as1: list, as2: list):
    """A riot's or a protest's crowd is `Rioters` / `Protesters` whatever its faith or faction (the spec); the
    party, movement or family it belongs to (one of kind other or identity, or told as its supporters, "أنصار
    الحراك") is its associate: "تظاهر أنصار الحراك في عدن". States and armed groups stay; the crowd of a riot is
    actor 1 (named or not), the force that fires on protesters actor 1 of that."""
    lex = ctx.lex
    crowd = "Rioters" if head.event_type == "Riots" else "Protesters"
    said = normalize(" ".join(m.clause.text for m in g))

    def recode(a, assoc):
        if a is None or a[0] in ("Rioters", "Protesters"):
            return ((crowd, a[1]) if a else None), assoc
        kind = lex.actors[a[0]].kind if a[0] in lex.actors else ""
        supporters = any(f"{w} {normalize(a[1])}" in said for w in SUPPORTERS)
        if kind not in ("other", "political", "identity") and not supporters:
            return a, assoc  # a state, an armed group ("أطلق مسلحو الفيلق النار لتفريق تظاهرة"), civilians
        return (crowd, a[1]), ([a] + [x for x in assoc if x != a])

    a1, as1 = recode(a1, as1)
    a2, as2 = recode(a2, as2)
    if a1 and a2 and a1[0] == a2[0] == crowd and head.sub != "Mob violence":
        a2, as1 = None, as1 + [x for x in as2 if x not in as1]  # one crowd of two named factions
        as2 = []

    def state(a):
        return a is not None and a[0] in lex.actors and lex.actors[a[0]].kind in STATE_KINDS

    if head.sub == "Excessive force against protesters":
        swap = a1 is not None and a1[0] == crowd and state(a2)  # the force that fires on protesters first
    else:
        swap = a2 is not None and a2[0] == crowd and (a1 is None or state(a1))  # the crowd of a riot first
    a1, a2, as1, as2 = (a2, a1, as2, as1) if swap else (a1, a2, as1, as2)
    if a1 is None and (a2 is None or a2[0] != crowd):
        a1 = (crowd, "")  # "تظاهر الآلاف في البصرة": a protest's crowd is its actor 1 even unnamed (ACLED)
    return a1, a2, as1, as2


@rule("clash_by_parties")
def retype_by_parties(ctx, e: Event) -> None:
    """A clash is told by its word; who fought says what it was (ACLED). A crowd on one side ("اشتباكات بين
    المتظاهرين وقوات الأمن"): Riots / Violent demonstration, the crowd as Rioters. Only civilians on the
    receiving side and no armed party there ("قتل مدنيان في هجوم شنه مسلحون"): Violence against civilians. A
    movement's supporters or activists ("أنصار الحراك", "الناشطين من الحراك", role_words.tsv supporters) against
    a state's force are a crowd, their movement its associate: "مواجهات بين قوات الجيش وأنصار الحراك"; so are the
    residents of a place (role_words.tsv residents) facing a state's force with no party named for them:
    "اشتباكات بين الشرطة والأهالي"."""
    if e.event_type != "Battles" or e.sub_event_type != "Armed clash":
        return
    _supporters_crowd(ctx, e)
    _residents_crowd(ctx, e)
    ids = [(x or {}).get("id") for x in (e.actor1, e.actor2)]
    if CROWDS & set(ids):
        crowd = 0 if ids[0] in CROWDS else 1
        other = (e.actor1, e.actor2)[1 - crowd]
        e.event_type, e.sub_event_type = "Riots", "Violent demonstration"
        e.actor1 = {**(e.actor1, e.actor2)[crowd], "id": "Rioters"}
        e.actor2 = other
        if crowd == 1:  # the associates go with their side
            e.assoc_actor1, e.assoc_actor2 = e.assoc_actor2, e.assoc_actor1
        _note(ctx, e, "a crowd on one side: a violent demonstration", "clash_by_parties")
        return
    f = e.fatalities or {}
    if ids[0] != "Civilians" and (ids[1] == "Civilians" or (ids[1] is None and f.get("group") == "civilians")):
        e.event_type, e.sub_event_type = "Violence against civilians", "Attack"
        _note(ctx, e, "only civilians hit: an attack on civilians", "clash_by_parties")


def _residents_crowd(ctx, e: Event) -> None:
    """Rule clash_by_parties: residents ("الأهالي", "المواطنين") as the one unnamed side facing a state's force are a
    crowd."""
    if (e.actor1 is None) == (e.actor2 is None):
        return
    side = e.actor1 or e.actor2
    lex = ctx.lex
    if side.get("id") not in lex.actors or lex.actors[side["id"]].kind not in STATE_KINDS:
        return
    said = " ".join(normalize(q["quote"]) for q in e.evidence)
    found = RESIDENTS_SIDE.search(said)
    if found is None:
        return
    word = found.group().split()[-1]
    # (the text as written: the first word of a quote that reads as the one found)
    text = next((w for q in e.evidence for w in re.findall(r"\w+", q["quote"]) if normalize(w) == word), word)
    crowd = {"id": "Rioters", "text": text[1:] if text[:1] == "و" and normalize(text[1:]) in RESIDENT_WORDS else text}
    if e.actor1 is None:
        e.actor1 = crowd
    else:
        e.actor2 = crowd


def _supporters_crowd(ctx, e: Event) -> None:
    """Rule clash_by_parties: a side told as a movement's supporters, facing a state's force, is a crowd."""
    lex = ctx.lex
    said = " ".join(normalize(q["quote"]) for q in e.evidence)

    def state(x):
        return x is not None and x.get("id") in lex.actors and lex.actors[x["id"]].kind in STATE_KINDS

    for k, (x, other) in enumerate(((e.actor1, e.actor2), (e.actor2, e.actor1))):
        if x is None or x.get("id") in CROWDS or state(x) or not x.get("text") or not state(other) or (
                x["id"] in lex.actors and lex.actors[x["id"]].kind == "rebel"):
            continue  # (a rebel army's "أنصار" fight beside it: "المعارك بين القوات والجيش الحر وأنصار المعارضة")
        head = normalize(x["text"]).split()[0]  # "أنصار الحراك" told of "الحراك الجنوبي"
        if any(f"{w} {head}" in said for w in SUPPORTERS if w not in ("نشطاء", "ناشطي")):  # (activists report)
            crowd = {**x, "id": "Rioters"}
            if k == 0:
                e.actor1, e.assoc_actor1 = crowd, [x] + [a for a in e.assoc_actor1 if a.get("id") != x["id"]]
            else:
                e.actor2, e.assoc_actor2 = crowd, [x] + [a for a in e.assoc_actor2 if a.get("id") != x["id"]]
            return


@rule("crowd_not_arrester", reads="actors.tsv kind")
def crowd_not_arrester(ctx, e: Event) -> None:
    """Police or an army arrest a crowd or civilians, not the reverse: an arrest whose actor 1 came out as protesters,
    rioters or civilians and whose actor 2 is a state's force has them the other way round. "أطلقت الشرطة الغاز
    وضربت متظاهرين وألقت القبض على عدد منهم": the verbs share their subject, the police; the protesters, object of
    the verb before, are whom they arrested."""
    if e.sub_event_type != "Arrests" or e.actor1 is None or e.actor2 is None:
        return
    if e.actor1.get("id") not in CROWDS | {"Civilians"}:
        return
    a2 = ctx.lex.actors.get(e.actor2.get("id"))
    if a2 is None or a2.kind not in STATE_KINDS:
        return
    _swap(e)
    _note(ctx, e, f"«{e.actor1.get('text')}» arrests «{e.actor2.get('text')}»", "crowd_not_arrester")


@rule("force_on_protesters", reads="role_words.tsv lethal_force, dispersal")
def force_on_protesters(ctx, e: Event) -> None:
    """A state's force against protesters is how the protest was met (ACLED): with fire or casualties, excessive
    force (the force actor 1, "أطلقت قوات الأمن النار على المتظاهرين"); dispersed with gas or water, a protest with
    intervention (the protesters actor 1, "فرقت الشرطة التظاهرة بالغاز المسيل للدموع"); a protest told by its word
    alone is a crowd all the same ("فرقت قوات الأمن تظاهرة بالرصاص الحي")."""
    lex = ctx.lex
    sides = [x for x in (e.actor1, e.actor2) if x]
    state = next((x for x in sides if x["id"] in lex.actors and lex.actors[x["id"]].kind in STATE_KINDS), None)
    crowd = next((x for x in sides if x["id"] == "Protesters"), None)
    victims = (e.fatalities or {}).get("of") == "Protesters" or (e.injured or {}).get("of") == "Protesters"
    # (a protest told by its own word is a crowd though no word names it: "فرقت قوات الأمن تظاهرة بالرصاص الحي")
    if state is None or not (crowd or victims or e.event_type == "Protests") \
            or e.event_type not in ("Protests", "Violence against civilians"):
        return
    said = " " + " ".join(re.findall(r"\w+", normalize(" ".join(q["quote"] for q in e.evidence)))) + " "
    # (and its words without a proclitic: "وفرقت الشرطة", "بالغاز المسيل")
    said += re.sub(r"(?<= )[وف](?=\S{3,})", "", said) + re.sub(r"(?<= )[وف]?[بل](?=ال)", "", said)
    crowd = crowd or {"id": "Protesters", "text": ""}
    hurt = any((t or {}).get("value") not in (None, 0) or (t and t.get("qualifier") == "unknown")
               for t in (e.fatalities, e.injured))
    if hurt or any(f" {w} " in said for w in LETHAL_FORCE):
        e.event_type, e.sub_event_type, e.actor1, e.actor2 = "Protests", "Excessive force against protesters", state, crowd
        _note(ctx, e, "a state's force fired on protesters", "force_on_protesters")
    elif any(f" {w} " in said for w in DISPERSAL):
        e.event_type, e.sub_event_type, e.actor1, e.actor2 = "Protests", "Protest with intervention", crowd, state
        _note(ctx, e, "a protest dispersed", "force_on_protesters")


@rule("protest_no_opponent")
def protest_no_opponent(ctx, e: Event) -> None:
    """A peaceful protest (no force met it: rule force_on_protesters ran first) has no other side: a party its
    clause names is what the crowd protests ("تظاهر المئات تنديدا بغارات الجيش التركي", "مظاهرة مناهضة للنظام"):
    Protesters, no actor 2."""
    if e.sub_event_type != "Peaceful protest":
        return
    sides = [x for x in (e.actor1, e.actor2) if x]
    crowd = next((x for x in sides if x["id"] == "Protesters"), None)
    other = next((x for x in sides if x["id"] != "Protesters"), None)
    if other is None:
        return
    e.actor1, e.actor2 = crowd or {"id": "Protesters", "text": ""}, None
    if crowd is None:
        e.assoc_actor1 = []
    e.assoc_actor2 = []
    _note(ctx, e, f"«{other.get('text') or other['id']}» is what it protests", "protest_no_opponent")


_LIKE_KINDS = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots", "Protests"})
SIMILAR_BACK = 600  # how far back (characters) the event a "similar" one is like may end


@rule("similar_takes_kind", reads="role_words.tsv similar")
def similar_kind(ctx, events: list[Event]) -> None:
    """A clash or attack word told as like the one before ("اشتباكات مماثلة", "هجمات مشابهة", "مواجهات مماثلة") is an
    event of the kind of the event told just before it: "رشق محتجون دورية للشرطة بالحجارة في البلدة، واندلعت مواجهات
    مماثلة في القرية المجاورة" is another riot (the crowd against the police), not a battle; "هجمات مماثلة" after a
    car bombing are bombings. With no side named of its own, it has the sides of the one before (their kind); like a
    protest or a riot, it is the crowd's clash, a violent demonstration ("تظاهر المئات ... وأطلقت الشرطة النار عليهم،
    واندلعت اشتباكات مماثلة في المدينة المجاورة"). (A word that names its own kind, "قصف مماثل", "غارة مماثلة", keeps it.)"""
    nt = ctx.nt.norm
    for e in events:
        if not e.evidence or (e.event_type, e.sub_event_type) != ("Battles", "Armed clash"):
            continue
        q = e.evidence[0]
        lo, hi = ctx.n(q["start"]), ctx.n_end(q["end"])
        if not any(t.value.event_type == "Battles" and t.value.sub_event_type == "Armed clash"
                   and nt[t.end:t.end + 16].split()[:1] and nt[t.end:t.end + 16].split()[0] in SIMILAR
                   for t in ctx.within(ctx.triggers, lo, hi)):
            continue
        # the event told just before: the one with a sentence ending nearest before this one's
        told = [(max(r["end"] for r in x.evidence if r["start"] < q["start"]), x) for x in events if x is not e
                and any(r["start"] < q["start"] for r in x.evidence)]
        if not told:
            continue
        end, prev = max(told, key=lambda p: p[0])
        if q["start"] - end > SIMILAR_BACK or prev.event_type not in _LIKE_KINDS or prev.status == "denied" \
                or (prev.event_type, prev.sub_event_type) == (e.event_type, e.sub_event_type):
            continue
        named = any((a or {}).get("text") for a in (e.actor1, e.actor2))
        if prev.event_type in ("Riots", "Protests"):
            # a clash like a protest or a riot is a crowd's clash: a violent demonstration (rule clash_by_parties)
            if named:
                continue
            e.actor1 = {"id": prev.actor1["id"], "text": ""} if prev.actor1 else None
            e.actor2 = {"id": prev.actor2["id"], "text": ""} if prev.actor2 else None
            e.assoc_actor1, e.assoc_actor2 = [], []
            retype_by_parties(ctx, e)
            _note(ctx, e, f"like the {prev.sub_event_type} told before", "similar_takes_kind")
            continue
        e.event_type, e.sub_event_type = prev.event_type, prev.sub_event_type
        if not named:  # none named (or filled in): the one before's
            e.actor1 = {"id": prev.actor1["id"], "text": ""} if prev.actor1 else None
            e.actor2 = {"id": prev.actor2["id"], "text": ""} if prev.actor2 else None
            e.assoc_actor1, e.assoc_actor2 = [], []
        _note(ctx, e, f"like the {prev.sub_event_type} told before", "similar_takes_kind")
