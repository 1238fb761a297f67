"""Victims: the side that was hit, read from the toll and the words for civilians, after the roles.

The dead or wounded of a named party are the side attacked; civilians killed are the victims of a strike
or an attack; a bombing that hurts with no armed target named hits civilians; a named party's fighter
killed makes the killing a clash with that party.
"""
from __future__ import annotations

import re

from .mention import Mention
from .roles import pair
from .rules import note, rule
from ..arabic import word_alternation
from .words import AGENT_WORDS, ARMED_PERSONS, GUNFIRE, MEMBERS, OWN_MEN, UNDERTAKE, VIOLENT, names_armed_site


def read(ctx, m: Mention, counts: list, kill: dict | None, lo: int, hi: int) -> None:
    """Each victim rule in turn, then no party on both sides."""
    hurt = kill if kill and kill.get("of") else m.injured
    victims = (hurt or {}).get("of")
    if victims in m.keepers:
        victims = None  # the dead are not the side of the forces that restored order (rule order_keeper_not_side)
    clash_told_by_dead(ctx, m, counts)
    dead_side(ctx, m, victims)
    civilians_hit(ctx, m, kill, lo, hi)
    attack_hurts_people(ctx, m, kill, lo, hi)
    bombing_hits_civilians(ctx, m, kill, lo, hi)
    strike_kills_people(ctx, m, kill, lo, hi)
    if m.event_type == "Violence against civilians" and m.sub == "Attack":
        armed_victim(ctx, m, lo, hi)
    if m.event_type == "Violence against civilians" and m.sub == "Attack":
        fighters_shot(ctx, m)
    speaker_own_men(ctx, m, counts, kill, lo, hi)
    if m.actor1 and m.actor2 and m.actor1[0] == m.actor2[0]:
        m.actor2 = None


@rule("clash_told_by_dead", reads="toll_nouns.tsv")
def clash_told_by_dead(ctx, m: Mention, counts: list) -> None:
    """A clash told by one side's dead has that side as actor 2, whoever killed them (named, or filled in
    later) as actor 1: "قتل 15 مواطنا بينهم 10 من أفراد المعارضة خلال اشتباكات مع القوات النظامية"."""
    if m.event_type == "Battles" and m.role == "clash" and m.actor1 and any(
            c.of == m.actor1[0] and c.measure in ("killed", "injured") for c in counts) and not any(
            m.actor2 and c.of == m.actor2[0] for c in counts):
        m.actor1, m.actor2 = m.actor2, m.actor1
        m.assoc1, m.assoc2 = m.assoc2, m.assoc1
        note(ctx, "clash_told_by_dead", f"{m.actor2[0]}'s dead told")


@rule("dead_side")
def dead_side(ctx, m: Mention, victims: str | None) -> None:
    """The dead soldiers' side was attacked: "قتل جندي تركي في هجوم" has Turkey's forces as actor 2; the party
    named is the one hit when it is the victims' own ("أصيب عناصر من هيئة تحرير الشام إثر انفجار عبوة"); so are the dead
    told in the clause before, whose cause the event's clause tells ("قتل عناصر من قوات النظام أمس، بعد استهداف مقاتلي
    الفصيل نقاطهم بقذائف الهاون": rules toll_of_cause, toll_of_next)."""
    if m.event_type in VIOLENT and m.actor2 is None and victims and victims != "Civilians":
        if m.actor1 and m.actor1[0] == victims and _names_striker(ctx, m):
            return  # "قتل 3 في غارة إسرائيلية": the dead are not the striker's (rule striker_named_by_the_strike)
        if m.actor1 and m.actor1[0] == victims:
            m.actor1, m.actor2 = None, m.actor1
            note(ctx, "dead_side", f"{victims}, named, was hit")
        elif not (m.actor1 and ctx.lex.allied(m.actor1[0], victims)):
            m.actor2 = (victims, "")
            note(ctx, "dead_side", f"{victims}'s dead: attacked")


def _names_striker(ctx, m: Mention) -> bool:
    """The event word opens actor 1's name ("غارة إسرائيلية")."""
    return any(a.start == m.trigger.start and a.value == m.actor1[0] for a in ctx.within(ctx.actors, m.trigger.start, m.trigger.end + 1))


@rule("civilians_victims")
def civilians_hit(ctx, m: Mention, kill: dict | None, lo: int, hi: int) -> None:
    """Civilians killed or named in a strike or an attack are its actor 2: "قتل ثلاثة مدنيين في قصف جوي"; so are
    people of a civilian trade wounded, no fighters among the dead ("أصيب أربعة مسعفين بقصف مدفعي") or abducted
    ("خطف مسلحون ثلاثة عمال أتراك", toll_nouns.tsv group civilians)."""
    if m.event_type in ("Explosions/Remote violence", "Violence against civilians"):
        if kill and kill.get("group") == "civilians":
            m.actor2 = ("Civilians", "")
            note(ctx, "civilians_victims", "civilians among the dead")
        elif m.actor2 is None and ctx.has_actor(lo, hi, "Civilians"):
            m.actor2 = ("Civilians", "")
            note(ctx, "civilians_victims", "civilians named in the clause")
        elif m.actor2 is None and (m.injured or {}).get("group") == "civilians" and (m.injured or {}).get("of") \
                in (None, "Civilians") and not (kill and kill.get("group") == "combatants"):
            # "أصيب ثلاثة صحفيين جراء قصف قوات النظام": wounded of a civilian trade (toll_nouns.tsv group civilians)
            m.actor2 = ("Civilians", "")
            note(ctx, "civilians_victims", "civilians among the wounded")
        elif m.actor2 is None and m.sub == "Abduction/forced disappearance":
            # "خطف مسلحون ثلاثة عمال أتراك": people of a civilian trade taken (toll_nouns.tsv group civilians)
            taken = next((n for n in ctx.within(ctx.toll_nouns, m.trigger.end, hi) if n.value[1] == "civilians"), None)
            if taken is not None:
                m.actor2 = ("Civilians", "")
                note(ctx, "civilians_victims", f"«{ctx.said(taken.start, taken.end)}» taken")


@rule("attack_hurts_people", reads="role_words.tsv member, armed_person, armed_site")
def attack_hurts_people(ctx, m: Mention, kill: dict | None, lo: int, hi: int) -> None:
    """People of no armed side killed or wounded in an attack on people (violence against civilians, ACLED's
    Attack) are its actor 2, civilians: "عثرت الشرطة على جثتي رجلين قضيا رميا بالرصاص" (a number of people, no
    party's men: nobody's fighters, no "of", no word for a fighter or a post in the clause: not "جثتي عنصرين في
    الصحوة", "جثتي شرطيين", role_words.tsv ``member``, ``armed_person``, ``armed_site``)."""
    if m.event_type != "Violence against civilians" or m.sub != "Attack" or m.actor2 is not None:
        return
    said = ctx.nt.norm[lo:hi]
    # (the doer's own name is no victim: "برصاص جنود الاحتلال" names who fired, not whom)
    doer = []
    for a in ctx.within(ctx.actors, lo, hi):
        if m.actor1 is not None and a.value == m.actor1[0]:
            start = a.start - lo
            before = said[:start].split()[-1:]  # the doer's men named before it: "جنود الاحتلال"
            if before and (before[0].lstrip("وبل") in ARMED_PERSONS or before[0].lstrip("وبل") in MEMBERS) \
                    and said[:start].endswith(before[0] + " "):
                start -= len(before[0]) + 1
            doer.append((start, a.end - lo))
    if doer:
        chars = list(said)
        for a, b in doer:
            a, b = max(0, a), min(b, len(chars))
            chars[a:b] = " " * (b - a)
        said = "".join(chars)
    if names_armed_site(said) or any(w.lstrip("وبل") in MEMBERS or w.lstrip("وبل") in ARMED_PERSONS for w in said.split()):
        return
    hurt = [t for t in (kill, m.injured) if t]
    if hurt and all(t.get("group") in ("unknown", "civilians") and (t.get("of") or "Civilians") == "Civilians"
                    for t in hurt):
        m.actor2 = ("Civilians", "")
        note(ctx, "attack_hurts_people", "")


@rule("bombing_hits_civilians", reads="cues.tsv no_toll")
def bombing_hits_civilians(ctx, m: Mention, kill: dict | None, lo: int, hi: int) -> None:
    """A bombing that kills or wounds, with no armed target named, hits civilians (ACLED's coding): "انفجرت
    عبوة ناسفة في السوق ما أدى إلى إصابة أربعة أشخاص" (not when only fighters were hit: "مقتل خمسة جنود"; nor
    when nobody is said hurt, cues.tsv no_toll: "ولم ترد أنباء عن سقوط مصابين")."""
    if not kill and ctx.has_cue(lo, hi, "no_toll"):
        return
    hurt = [t for t in (kill, m.injured) if t]
    if m.event_type == "Explosions/Remote violence" and m.sub in ("Remote explosive/landmine/IED", "Suicide bomb") \
            and hurt and m.actor2 is None and not all(t.get("group") == "combatants" for t in hurt):
        m.actor2 = ("Civilians", "")
        note(ctx, "bombing_hits_civilians", "")


@rule("strike_kills_people", reads="role_words.tsv armed_site")
def strike_kills_people(ctx, m: Mention, kill: dict | None, lo: int, hi: int) -> None:
    """A shelling or an air strike that killed people of no armed side, with nobody armed named as its target
    no other party named in the clause and no post or unit of armed men hit (role_words.tsv ``armed_site``), hit civilians (ACLED): "قتل أربعة
    رجال جراء القصف الذي تعرضت له البلدة" (not "قتل خمسة عناصر بقصف على مواقع التنظيم")."""
    if m.event_type != "Explosions/Remote violence" or m.sub not in (
            "Shelling/artillery/missile attack", "Air/drone strike") or m.actor2 is not None:
        return
    if not kill or kill.get("group") not in ("unknown", "civilians") or (kill.get("of") or "Civilians") != "Civilians":
        return
    if names_armed_site(ctx.nt.norm[lo:hi]):
        return
    mine = m.actor1[0] if m.actor1 else None
    if any(a.value not in (mine, "Civilians") and not ctx.is_source(a) for a in ctx.within(ctx.actors, lo, hi)):
        return  # another party named in the clause may be whom it hit
    m.actor2 = ("Civilians", "")
    note(ctx, "strike_kills_people", "")


@rule("armed_victim", reads="role_words.tsv member, undertake")
def armed_victim(ctx, m: Mention, lo: int, hi: int) -> None:
    """The victim is a fighter of a named party, so the killing is an armed clash with that party (ACLED),
    not violence against civilians: "اغتيال قيادي في تحرير الشام"; not the members told as the subject of a verb of
    doing ("قام عناصر التنظيم باغتيال", role_words.tsv ``undertake``), who did it."""
    lex = ctx.lex
    for a in ctx.within(ctx.actors, lo, hi):
        kind = lex.actors[a.value].kind if a.value in lex.actors else ""
        if kind not in ("state", "rebel", "militia", "external"):
            continue
        before = ctx.nt.norm[max(lo, a.start - 40):a.start].split()
        if any(before[k] == "من" and before[k - 1].lstrip("وب") in GUNFIRE for k in range(max(1, len(before) - 4), len(before) - 1)):
            continue  # "قتل مدني بإطلاق نار من عناصر حاجز للقوات": who fired (rule fire_from), not who was hit
        if any(w in MEMBERS or w.lstrip("وبل") in MEMBERS for w in before[-3:]):
            if any(w.lstrip("وف") in UNDERTAKE for w in before[-4:]):
                continue  # "قام عناصر التنظيم باغتيال ثلاثة من رجال الأمن": the members named did it
            if any(w in AGENT_WORDS for w in before[-6:-1]):
                continue  # "قتل 20 قرويا على يد عناصر من الجبهة": the members at whose hands they died (agent_marked)
            m.event_type, m.sub = "Battles", "Armed clash"
            attacker = m.actor1 if m.actor1 and m.actor1[0] != a.value else None
            m.actor1, m.actor2 = attacker, pair(ctx, a)
            note(ctx, "armed_victim", f"«{ctx.said(a.start, a.end)}»")
            return


@rule("fighters_shot", reads="role_words.tsv gunfire")
def fighters_shot(ctx, m: Mention) -> None:
    """Gunfire that hurt only fighters ("أصيب عنصران من الفصيل بإطلاق نار في المدينة", "قتل جنديان برصاص
    مسلحين") is a fight with armed men (ACLED's Armed clash), not violence against civilians. (Only gunfire:
    fighters executed as prisoners stay an attack.)"""
    hurt = [t for t in (m.fatalities, m.injured) if t]
    word = ctx.nt.norm[m.trigger.start:m.trigger.end].split()
    if hurt and all(t.get("group") == "combatants" for t in hurt) and any(w.lstrip("وبل") in GUNFIRE for w in word):
        m.event_type, m.sub = "Battles", "Armed clash"
        note(ctx, "fighters_shot", "only fighters hurt by gunfire")


_OWN_MEN = re.compile(r"(?<!\S)و?من " + word_alternation(sorted(OWN_MEN)) + r"(?!\S)")
_AND_FROM = re.compile(r"\s*و ?من ")


@rule("speaker_own_men", reads="role_words.tsv own_men")
def speaker_own_men(ctx, m: Mention, counts: list, kill: dict | None, lo: int, hi: int) -> None:
    """The speaker's own men counted in what it said ("اثنين من جنوده", "خمسة من أفرادها", "ثلاثة من جنودنا",
    role_words.tsv ``own_men``) make the speaker, named before in the sentence, a side: the side hit when none is
    read (or only civilians filled in for a bombing): "قال الجيش في بيان إن مسلحين قتلوا اثنين من جنوده في تفجير
    عبوة"; the doer, with the party listed after its men as an associate, when that party was read as the doer:
    "قالت مصادر في الشرطة إن أربعة من أفرادها ومن العشائر قتلوا أثناء هجومهم على مواقع التنظيم"."""
    if m.event_type not in VIOLENT or not counts:
        return
    norm = ctx.nt.norm
    got = _OWN_MEN.search(norm, lo, hi)
    if got is None or not any(c.measure in ("killed", "injured", "captured") and c.start <= got.start() <= c.end + 4
                              for c in counts):
        return
    slo = ctx.n(m.sentence)
    speakers = [a for a in ctx.within(ctx.actors, slo, got.start()) if a.value != "Civilians" and ctx.is_source(a)]
    if not speakers:
        return
    own = speakers[-1]
    if (m.actor1 and m.actor1[0] == own.value) or (m.actor2 and m.actor2[0] == own.value):
        return
    listed = _AND_FROM.match(norm, got.end())
    after = ctx.within(ctx.actors, listed.end(), listed.end() + 2) if listed else []
    if m.actor1 and after and after[0].value == m.actor1[0]:
        # "خمسة من أفرادها ومن العشائر": the party listed after the speaker's men is its associate
        m.assoc1 = [m.actor1] + [p for p in m.assoc1 if p[0] != own.value]
        m.actor1 = pair(ctx, own)
        note(ctx, "speaker_own_men", f"«{m.actor1[1]}»'s men with «{after[0].value}»: the doer")
    elif m.actor2 is None or (m.actor2[0] == "Civilians" and not ctx.has_actor(lo, hi, "Civilians")
                              and (kill or {}).get("group") != "civilians"):
        m.actor2 = pair(ctx, own)
        note(ctx, "speaker_own_men", f"«{m.actor2[1]}»'s men: hit")
