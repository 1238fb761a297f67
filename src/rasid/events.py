"""Event coding: clauses with triggers become report events with evidence.

For each clause: the strongest trigger that is not negated ("دون تنفيذ أي غارة")
sets the type; actors take roles from their position around the trigger and from
role words (على يد، لصالح، ضد، مدعومة من); the clause's places, date, tolls,
status cues, attribution and framing are attached. Mentions of the same event
(same type, place, day and actors) in headline, lead and body merge into one
report event with several evidence quotes.
"""
from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import itertools
import re
from dataclasses import dataclass, field

from .arabic import NormText, Sentence, clauses, is_word_char, normalize
from .dates import DateMention, find_dates, parse_published
from .lexicon import Lexicon, Match, Matcher, Trigger, default_lexicon, read_tsv
from .model import Document, Event, Span
from .tolls import combine, find_counts

STATE_KINDS = {"state", "external"}
CONTEXT_CHARS = 400  # how far back an event with no place of its own looks for one
TOLL_OF_FIGHTING = "toll of fighting"  # the phrase of a toll read as the toll of the fighting told before it
FOILABLE = {"Remote explosive/landmine/IED", "Suicide bomb"}  # bombings a "foil" cue (cues.tsv) undoes
VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians"}


def _role_words() -> dict[str, tuple[str, ...]]:
    """data/role_words.tsv by kind, normalised like the text they are matched in (ئ -> ي, ة -> ه ...)."""
    out: dict[str, list[str]] = {}
    for kind, word in read_tsv("role_words.tsv"):
        w = normalize(word)
        if w not in out.setdefault(kind, []):
            out[kind].append(w)
    return {k: tuple(v) for k, v in out.items()}


_RW = _role_words()


def _words(kind: str) -> frozenset[str]:
    """The words of one kind of data/role_words.tsv, as a set for membership tests."""
    return frozenset(_RW.get(kind, ()))


BACK_WORDS = _RW.get("back", ())
DEMONSTRATIVES = _RW.get("demonstrative", ())
AMID = _RW.get("amid", ())
AIMED = _words("aimed")
CORRESPONDENTS = _words("correspondent")
PLACE_POINTERS = _words("place_pointer")
CONSEQUENCE = _words("consequence")
FORCED = _words("forced")
HEARD = _words("heard")
SUCCESS = _words("success")
PURPOSE = _words("purpose")
OWN_UNITS = _words("own_unit")
BASE_ADJECTIVES = _words("base_adjective")
# a speaker's place in a party ("قائد ميداني في", "التابعة لـ"): the party is the speaker's, a source too
AFFILIATION = _RW.get("affiliation", ())
# words before a name that make it the source of a report rather than a party ("قالت وزارة الدفاع")
SOURCE_WORDS = _RW.get("source", ())
BELONGING = {w for w in _RW.get("assoc", ()) if w.startswith("التابع")}  # "التابعة ل", "التابع ل"
OWNED = {"تابعه", "التابعه", "تابع", "التابع", "تابعين", "التابعين"}  # "مواقع تابعة ل": belonging to a party
POINTER_CHARS = 1500  # how far back "المدينة" looks for the town it means
SPEECH = _words("speech")
MEMBERS = _words("member")
PASSIVE = _words("passive")
DIRECTIONS = _words("direction")
MANNED = _words("manned")
UNMANNED = _RW.get("unmanned", ())
DOWNING = _words("downing")
AIR_DEFENCE = _RW.get("air_defence", ())
GENERIC = {g.split("|")[0]: tuple(g.split("|")[1:]) for g in _RW.get("generic", ())}
GENERIC_DEFINITE = {g.split("|")[0]: tuple(g.split("|")[1:]) for g in _RW.get("generic_definite", ())}
NAME_RE = re.compile(r"[\u0621-\u064a]+")
# "منذ آذار 2011", "منذ 30 / أيلول / 2015", "منذ عام 2014": a count since a year is a running tally, no event's toll
SINCE_YEAR = re.compile(r"منذ\s+(?:[^\s,،.]+\s+){0,4}?(?:19|20)\d\d(?!\d)")
# "منذ ما يقرب من عامين", "منذ بداية الشهر", "منذ 2014": a span of months or years (role_words.tsv long_span)
LONG_SINCE = re.compile(r"منذ\s+(?:[^\s,،.]+\s+){0,4}?(?:(?:ال)?(?:%s)(?![\u0621-\u064a])|(?:19|20)\d\d(?!\d))"
                        % "|".join(sorted({re.escape(normalize(w)) for w in _RW.get("long_span", ())}, key=len, reverse=True)))
NATIONALITY = {normalize(r[0]): r[1] for r in read_tsv("nationality.tsv")}
ANAPHORS = _RW.get("anaphor", ())
_ANAPHOR_MATCHER = Matcher([(a, a) for a in ANAPHORS], allow_article=True)
HEDGED = frozenset(normalize(w) for w in ("يعتقد", "يرجح", "يشتبه", "أنها", "انها", "أنه", "بأنها", "بدون", "طيار"))
FORCE_NOUNS = _words("force")  # "مقاتلات", "مدفعية", "قوات": with a nationality after them, that state's forces
# a noun of arms or troops as a whole word (a run of Arabic letters, as NAME_RE reads words), bare or definite
FORCE_RE = re.compile(r"(?<![\u0621-\u064a])(?:ال)?(?:%s)(?![\u0621-\u064a])"
                      % "|".join(re.escape(w) for w in sorted(FORCE_NOUNS, key=len, reverse=True)))
NO_HARM = _RW.get("no_harm", ())  # "دون وقوع إصابات بين المدنيين": civilians said unharmed are no party
SUPPORTERS = _RW.get("supporters", ())  # "أنصار الحراك": a crowd of a movement's supporters
HARM = _words("harm")  # "أعلنت الوزارة عن مقتل ...": who announces a death is its source
AIR_WORDS, TARGET_WORDS, AGENT_WORDS = _RW["air"], _RW["target"], _RW["agent"]
UNIT_WORDS, ASSOC_WORDS, PARTIAL_WORDS = _RW["unit"], _RW["assoc"], _RW["partial"]


@dataclass
class Mention:
    """One clause's reading of an event, before merging."""

    event_type: str
    sub: str
    role: str
    weight: int
    clause: Sentence
    trigger: Match
    actor1: tuple[str, str] | None = None
    actor2: tuple[str, str] | None = None
    assoc1: list[tuple[str, str]] = field(default_factory=list)
    assoc2: list[tuple[str, str]] = field(default_factory=list)
    locations: list[dict] = field(default_factory=list)
    date: DateMention | None = None
    fatalities: dict | None = None
    injured: dict | None = None
    missing: dict | None = None
    territory: dict | None = None
    status: str = "asserted"
    attribution: dict | None = None
    framing: list[dict] = field(default_factory=list)
    background: bool = False
    sentence: int = -1  # start of the sentence the clause belongs to
    own_place: bool = False  # the clause itself names a place (not only its sentence)
    aside: bool = False  # tells what went on around the event ("وسط قصف جوي"): never the event's head


class EventCoder:
    """Pipeline stage: ``doc.events`` from the cleaned text and its spans."""

    def __init__(self, lexicon: Lexicon | None = None):
        self.lex = lexicon or default_lexicon()

    def __call__(self, doc: Document) -> Document:
        nt = doc.norm if doc.norm is not None else NormText(doc.text)
        ctx = _DocContext(doc, nt, self.lex)
        mentions: list[Mention] = []
        for s in doc.spans_of("sentence"):
            sent = Sentence(s.start, s.end, s.text)
            for cl in clauses(sent):
                m = self.code_clause(ctx, sent, cl)
                if m is None and mentions and mentions[-1].sentence == sent.start:
                    self.toll_of_previous(ctx, cl, mentions[-1])
                if m is not None:
                    denied = self.denied_before(ctx, sent, cl, m)
                    if denied is not None:
                        mentions.append(denied)
                        # the rest of the clause tells the other event: its places and parties are its own
                        cut = denied.clause.end
                        rest = ctx.doc.text[cut:cl.end]
                        skip = len(rest) - len(rest.lstrip())
                        m = self.code_clause(ctx, sent, Sentence(cut + skip, cl.end, rest.lstrip())) or m
                    mentions.append(m)
        doc.events = self.merge(doc, ctx, mentions)
        return doc

    def toll_of_previous(self, ctx: "_DocContext", cl: Sentence, prev: Mention) -> None:
        """"اندلعت اشتباكات في القرية، وقتل فيها عنصر من الحشد": a clause with a toll and no event word
        tells the toll of the event its sentence told just before."""
        lo, hi = ctx.n(cl.start), ctx.n_end(cl.end)
        if not ctx.has_cue(lo, hi, "kill", "injure") or ctx.has_cue(lo, hi, "tally"):
            return
        counts = find_counts(ctx.nt, lo, hi, self.lex, actor_at=lambda p: ctx.actor_right_after(p, hi), found=ctx.found)
        for attr, measure in (("fatalities", "killed"), ("injured", "injured"), ("missing", "missing")):
            if getattr(prev, attr) is None:
                setattr(prev, attr, combine(counts, measure))

    def denied_before(self, ctx: "_DocContext", sent: Sentence, cl: Sentence, m: Mention) -> Mention | None:
        """"نافية المعلومات عن نقل التحالف مجموعات ... للمشاركة في المعركة التي خسرت فيها قسد": the clause
        tells two events, the denied transfer and the battle told in passing. The denied one is coded from
        the clause cut before the next event word after it."""
        lo, hi = ctx.n(cl.start), ctx.n_end(cl.end)
        deny = [c for c in ctx.within(ctx.cues, lo, m.trigger.start) if c.value == "deny"]
        if not deny:
            return None
        after = [t for t in ctx.within(ctx.triggers, deny[0].end, hi) if t.value.event_type != "-"]
        if len(after) < 2 or after[0].start >= m.trigger.start:
            return None
        cut = ctx.nt.orig(after[1].start)
        text = ctx.doc.text[cl.start:cut].rstrip()
        if not text:
            return None
        sub = self.code_clause(ctx, sent, Sentence(cl.start, cl.start + len(text), text))
        return sub if sub is not None and sub.status == "denied" else None

    # ------------------------------------------------------------------ one clause
    def code_clause(self, ctx: "_DocContext", sent: Sentence, cl: Sentence) -> Mention | None:
        nt, lex = ctx.nt, self.lex
        lo, hi = ctx.n(cl.start), ctx.n_end(cl.end)
        trigs = [t for t in ctx.within(ctx.triggers, lo, hi) if t.value.event_type != "-" and not ctx.negated(t, lo)
                 and (t.value.role != "advance" or self._directed(ctx, t, hi)) and not self._heard(nt.norm, lo, t)]
        # a bombing foiled is the foiling: ACLED's Disrupted weapons use, by whoever foiled it
        trigs = [Match(t.start, t.end, Trigger("Strategic developments", "Disrupted weapons use", "agent", t.value.weight),
                       t.phrase) if ctx.foiled(t, lo) else t for t in trigs]
        counts = None
        if not trigs:
            if not ctx.has_cue(lo, hi, "kill") and not any(
                    n.value[0] == "killed" for n in ctx.within(ctx.toll_nouns, lo, hi)):
                return None  # no trigger, no killing verb, no "قتيلا": nothing to code
            counts = find_counts(nt, lo, hi, lex, actor_at=lambda p: ctx.actor_right_after(p, hi), found=ctx.found)
            told = self.toll_trigger(ctx, cl, counts)
            if told is None:
                return None
            trigs = [told]
        if counts is None:
            counts = find_counts(nt, lo, hi, lex, actor_at=lambda p: ctx.actor_right_after(p, hi), found=ctx.found)
        if ctx.has_cue(lo, hi, "tally") or SINCE_YEAR.search(nt.norm, lo, hi):
            counts = []  # "حصيلة أعمال العنف في أنحاء سوريا بلغت 112 قتيلا": a tally, no one event's toll
        kill = combine(counts, "killed")
        best = max(trigs, key=lambda t: (t.value.weight, -t.start))
        if best.value.event_type == "Battles" and best.value.sub_event_type == "Armed clash":
            # "تقدمت القوات إلى البلدة بعد معارك": ground changed hands in the battle, so the clause tells
            # the change of territory (ACLED's rule, as for events told in several clauses)
            best = next((t for t in trigs if t.value.sub_event_type == "TERRITORY"), best)
        if best.value.event_type == "Battles" and nt.norm[best.end:best.end + 3].lstrip().startswith("ب"):
            # "هجوم بقاذفة صواريخ", "هجوم بسيارة مفخخة": an attack by a stand-off weapon or a bomb is that
            weapon = next((t for t in trigs if t.value.event_type == "Explosions/Remote violence"
                           and 0 <= t.start - best.end <= 20), None)
            best = weapon or best
        if best.value.event_type == "Battles" and any(w in nt.norm[lo:hi] for w in AIR_DEFENCE):
            # "تصدت دفاعاتنا الجوية لعدوان إسرائيلي بالصواريخ": air defences meeting a strike tell the strike
            best = next((t for t in trigs if t.value.event_type == "Explosions/Remote violence"), best)
        downing = next((t for t in trigs if t.phrase.split()[0] in DOWNING and t.start < best.start), None)
        if downing is not None:
            best = downing  # "أسقطت الفصائل طائرة مسيرة": the aircraft was downed, it struck nothing
        tv = best.value
        if tv.role == "loss" and tv.event_type == "Strategic developments" and self._forced_at(nt.norm, lo, best.start) is not None:
            # "أجبر التنظيم النظام على الانسحاب": a withdrawal forced by an enemy is ground lost in fighting
            tv = Trigger("Battles", "TERRITORY", "loss", tv.weight)
        if tv.sub_event_type == "Disrupted weapons use" and best.phrase.split()[0] in DOWNING and any(
                w in MANNED for w in nt.norm[best.end:hi].split()[:6]) and not any(
                w in nt.norm[best.end:hi] for w in UNMANNED):
            # "أسقط التنظيم طائرة مروحية لقوات النظام": a crewed aircraft downed is a clash with its owner
            tv = Trigger("Battles", "Armed clash", "clash", tv.weight)
        m = Mention(tv.event_type, tv.sub_event_type, tv.role, tv.weight, cl, best, sentence=sent.start)
        clause_norm = nt.norm[lo:hi]
        # sub-type from context
        if m.sub == "STRIKE":
            m.sub = "Air/drone strike" if any(w in clause_norm for w in AIR_WORDS) else "Shelling/artillery/missile attack"
        if m.event_type == "Explosions/Remote violence" and m.sub == "Shelling/artillery/missile attack" and any(
            t.value.sub_event_type == "Air/drone strike" for t in trigs
        ):
            m.sub = "Air/drone strike"
        self.assign_actors(ctx, m, lo, hi, ctx.n(sent.start), ctx.n_end(sent.end))
        if m.sub == "TERRITORY":
            gainer = m.actor1[0] if m.actor1 else None
            m.sub = "Government regains territory" if _for_government(lex, gainer) else "Non-state actor overtakes territory"
            m.territory = {"gained_by": gainer, "lost_by": m.actor2[0] if m.actor2 else None,
                           "extent": "partial" if any(w in clause_norm for w in PARTIAL_WORDS) else "full"}
        m.fatalities = kill
        m.injured = combine(counts, "injured")
        m.missing = combine(counts, "missing")
        hurt = kill if kill and kill.get("of") else m.injured
        victims = (hurt or {}).get("of")
        if m.event_type == "Battles" and m.role == "clash" and m.actor1 and any(
                c.of == m.actor1[0] and c.measure in ("killed", "injured") for c in counts) and not any(
                m.actor2 and c.of == m.actor2[0] for c in counts):
            # "قتل 15 مواطنا بينهم 10 من أفراد المعارضة خلال اشتباكات مع القوات النظامية": a clash told by one
            # side's dead has that side as actor 2, whoever killed them (named, or filled in later) as actor 1
            m.actor1, m.actor2 = m.actor2, m.actor1
            m.assoc1, m.assoc2 = m.assoc2, m.assoc1
        if m.event_type in VIOLENT and m.actor2 is None and victims and victims != "Civilians":
            if m.actor1 and m.actor1[0] == victims and m.event_type != "Battles":
                # "أصيب عناصر من هيئة تحرير الشام إثر انفجار عبوة": the party named is the one hit
                m.actor1, m.actor2 = None, m.actor1
            elif not (m.actor1 and self.lex.allied(m.actor1[0], victims)):
                m.actor2 = (victims, "")  # "قتل جندي تركي في هجوم": the dead soldiers' side was attacked
        # victims: civilians killed or hit are the second actor of a strike or attack
        if m.event_type in ("Explosions/Remote violence", "Violence against civilians"):
            if kill and kill.get("group") == "civilians":
                m.actor2 = ("Civilians", "")
            elif m.actor2 is None and ctx.has_actor(lo, hi, "Civilians"):
                m.actor2 = ("Civilians", "")
        # a bombing that kills or wounds, with no armed target named, hits civilians (ACLED's coding)
        if m.event_type == "Explosions/Remote violence" and m.sub in ("Remote explosive/landmine/IED", "Suicide bomb") \
                and (kill or m.injured) and m.actor2 is None:
            m.actor2 = ("Civilians", "")
        if m.event_type == "Violence against civilians" and m.sub == "Attack":
            self._armed_victim(ctx, m, lo, hi)
        if m.actor1 and m.actor2 and m.actor1[0] == m.actor2[0]:
            m.actor2 = None
        m.locations = ctx.places_in(cl.start, cl.end)
        m.own_place = bool(m.locations)
        m.locations = m.locations or ctx.places_in(sent.start, sent.end)
        m.date = ctx.date_for(cl, sent)
        m.status = ctx.status(lo, hi, ctx.n(sent.start), best.start)
        m.attribution = ctx.attribution(ctx.n(sent.start), ctx.n_end(sent.end))
        m.framing = ctx.framing(lo, hi)
        m.background = ctx.background(lo, hi, m.date, best.start)
        if m.event_type == "Strategic developments" and not m.actor1:
            # a move of nobody named is talk ("انسحب ... من المحادثات", "تم توقيفها"); ACLED codes no
            # strategic development without the party that makes it
            return None
        told_toll = any((t or {}).get("value") not in (None, 1) for t in (m.fatalities, m.injured))
        if ctx.has_cue(lo, best.start, "opinion") and not (told_toll or any(
                (p.get("geo_precision") or 1) < 3 for p in ctx.places_in(cl.start, cl.end))):
            # "اعتبر الرئيس أن ...", "أعرب عن قلقه إزاء تكرار عمليات القصف": talk about events, not a report of
            # one; a condemnation that names the place (not only the country) or the toll ("أدان الهجوم الذي
            # استهدف معبر ...") still tells it
            return None
        if sent.text.rstrip(" \"'»)").endswith(("؟", "?")):
            # "هل قصفت الطائرات الروسية المستشفى؟", "من يقف وراء تفجير الكنيسة؟": a question asks, it tells nothing
            return None
        if ctx.has_cue(lo, best.start, "ongoing") and LONG_SINCE.search(nt.norm, lo, hi):
            # "وتشهد سوريا منذ ما يقرب من عامين حركة احتجاجات", "تشهد المدينة مواجهات منذ أربعة أشهر":
            # a running situation, not one event (ACLED codes the events, not the state)
            return None
        if not self.specific(m) and not (m.event_type == "Battles" and m.sub == "Armed clash" and m.weight >= 5
                                         and ctx.places_in(max(0, cl.start - CONTEXT_CHARS), cl.start)):
            return None
        return m

    @staticmethod
    def _directed(ctx: "_DocContext", t: Match, hi: int) -> bool:
        """"تقدمت قوات النظام نحو البلدة" is an advance; "تقدم المحكمة إغراءات" is an offer."""
        words = [w[1:] if w[:1] in "بف" and w[1:] in DIRECTIONS else w for w in ctx.nt.norm[t.end:hi].split()[:4]]
        return not words or any(w in DIRECTIONS or any(w == d + p for d in DIRECTIONS for p in ("ها", "ه", "هم", "هما"))
                                for w in words)  # "تقدمت إليها"

    @staticmethod
    def toll_trigger(ctx: "_DocContext", cl: Sentence, counts: list) -> Match | None:
        """"وفي محافظة حلب قتل تسعة رجال بينهم ثلاثة من أفراد المعارضة": a toll at a place is an event
        though no word names the fighting. Battles when fighters are among the dead, else an attack on civilians.
        """
        killed = [c for c in counts if c.measure == "killed" and c.value]
        if ctx.has_cue(ctx.n(cl.start), ctx.n_end(cl.end), "tally") or \
                SINCE_YEAR.search(ctx.nt.norm, ctx.n(cl.start), ctx.n_end(cl.end)):
            return None  # a running tally tells no event
        if not killed:
            return None
        fighters = any(c.group in ("combatants", "mixed") for c in killed)
        if not ctx.places_in(cl.start, cl.end):
            # "... إلى أن عنصرا قتل من وحدات شنكال، كما قتل ستة عناصر من البيشمركة": the dead of a named armed
            # party told right after fighting are that fighting's toll
            lo = ctx.n(cl.start)
            named = [c for c in killed if c.of and c.of != "Civilians"]
            if not named or not any(t.value.event_type == "Battles" for t in ctx.within(
                    ctx.triggers, max(0, lo - CONTEXT_CHARS), lo)):
                return None
            return Match(named[0].start, named[0].end, Trigger("Battles", "Armed clash", "clash", 3), TOLL_OF_FIGHTING)
        if not fighters and not any(c.group == "civilians" for c in killed):
            return None  # "سقط خمسة قتلى": who died, and so what happened, is not told
        trig = Trigger("Battles", "Armed clash", "clash", 3) if fighters else \
            Trigger("Violence against civilians", "Attack", "agent", 3)
        c = killed[0]
        return Match(c.start, c.end, trig, "toll")

    @staticmethod
    def specific(m: Mention) -> bool:
        """Keep a clause only when it anchors an event: a place, a toll, or a named party plus a date.

        Generic talk ("the battles will continue", "the attacks came at 11") names none of these.
        """
        if any(loc.get("lat") is not None or (loc.get("geo_precision") or 1) < 3 for loc in m.locations) \
                or m.fatalities or m.injured or m.missing:
            return True  # (a country alone, "في ليبيا", anchors nothing)
        if (m.actor1 or m.actor2) and (m.date is not None or m.weight >= 6):
            return True
        return False

    def assign_actors(self, ctx: "_DocContext", m: Mention, lo: int, hi: int, slo: int | None = None, shi: int | None = None) -> None:
        self._assign_actors(ctx, m, lo, hi, slo, shi)
        if m.actor1 is None and m.event_type in VIOLENT:
            # "قالت وزارة الدفاع الروسية إن طائراتها قصفت ...": the speaker's own planes or forces act
            norm, t = ctx.nt.norm, m.trigger
            near = norm[max(lo, t.start - 60):min(hi, t.end + 25)].split()
            if any(w.lstrip("و") in OWN_UNITS for w in near):
                speakers = [a for a in ctx.within(ctx.actors, slo if slo is not None else lo, t.start) if ctx.is_source(a)]
                if speakers and (m.actor2 is None or speakers[-1].value != m.actor2[0]):
                    m.actor1 = _a(ctx, speakers[-1])

    def _assign_actors(self, ctx: "_DocContext", m: Mention, lo: int, hi: int, slo: int | None = None, shi: int | None = None) -> None:
        acts = [a for a in ctx.within(ctx.actors, lo, hi) if not ctx.is_source(a)]
        first = ctx.nt.norm[lo:lo + 12].split()[:1]
        opens_statement = bool(first) and (first[0] in SPEECH or first[0][1:] in SPEECH)
        if not acts and slo is not None and not opens_statement and \
                m.sub not in ("Remote explosive/landmine/IED", "Suicide bomb"):
            # the clause names nobody: the sentence before it may (a subject before a comma); not for a
            # new statement ("وقالت إن تفجيرا ..."), nor a bomb, whose maker must be named to be known
            acts = [a for a in ctx.within(ctx.actors, slo, lo) if not ctx.is_source(a)]
            lo, hi = slo, hi
        if not acts:
            if m.event_type == "Explosions/Remote violence":
                m.actor1 = _a(ctx, self._nationality(ctx, m.trigger, hi) or self._nationality_before(ctx, m.trigger, lo))
            return
        t = m.trigger
        norm = ctx.nt.norm

        def word_before(a: Match) -> str:
            i = a.start
            while i > lo and i > a.start - 4 and is_word_char(norm[i - 1]):
                i -= 1  # back over a proclitic glued to the name ("مواقع لتنظيم الدولة")
            w = norm[max(lo, i - 14):i].split()
            return w[-1] if w else ""

        def is_target(a: Match) -> bool:
            if m.role in ("gain", "advance") and 0 <= a.start - t.end <= 1:
                return False  # "سيطرة النظام على القرية": the noun's own party is who took it
            wb = word_before(a)
            if wb == "من" and m.event_type == "Explosions/Remote violence" and 0 <= a.start - t.end <= 25:
                return False  # "قصف مدفعي من القواعد التركية": the shells came from there
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
            if wb in OWNED:
                # "غارات على مواقع تابعة لتنظيم داعش": what belongs to a party after a target word is hit
                w2 = norm[max(lo, a.start - 40):a.start].split()
                return len(w2) >= 2 and (w2[-2] in TARGET_WORDS or w2[-2].startswith(("لمواقع", "بمواقع")))
            return wb in TARGET_WORDS or wb.startswith(("لمواقع", "بمواقع", "علي"))

        def is_agent_marked(a: Match) -> bool:
            wb = word_before(a)
            return wb in AGENT_WORDS

        assoc = []
        for a in acts:
            pre = norm[max(lo, a.start - 22):a.start]
            w = next((w for w in ASSOC_WORDS if pre.rstrip(' "').endswith(w)), None)
            if w is None:
                continue
            if w in BELONGING and not any(x.end <= a.start and a.start - x.end <= len(w) + 6 for x in acts if x is not a):
                continue  # "المدفعية التابعة لـ قسد": belonging to no named party, it is the party's own
            assoc.append(a)
        # "مقاتلو حوار كلس و الجبهة الشامية": a party joined to the one before by "و" shares its role
        # (but "بين X و Y" sets them against each other)
        coord: dict[int, Match] = {}
        for x, y in zip(acts, acts[1:]):
            if x.value != y.value and norm[x.end:y.start].strip(' "\'-') in ("و",) and y.value != "Civilians" \
                    and "بين" not in norm[max(lo, x.start - 15):x.start]:
                coord[id(y)] = coord.get(id(x), x)
        main = [a for a in acts if a not in assoc and a.value != "Civilians" and id(a) not in coord]
        civ = [a for a in acts if a.value == "Civilians"]
        agent = next((a for a in main if is_agent_marked(a)), None)
        if agent is None:
            # an actor inside the trigger phrase ("شنت طائرات حربية روسية") counts as right after it
            after = [a for a in main if a.start >= t.start and a.start - t.end <= 40 and not is_target(a)]
            if m.role == "gain" and "ال" in (norm[t.start:t.start + 2], norm[max(0, t.start - 2):t.start]):
                # "تمكنت (الهيئة) من السيطرة على القرى، وتكبيد قوات النظام خسائر": a definite verbal noun of
                # taking ground has its doer before it (or in the verb's pronoun), never the party after it
                after = [a for a in after if a.start < t.end]
            before = [a for a in main if a.start < t.start and a.end <= t.end and not is_target(a)]
            if m.role == "clash":
                ordered = [a for a in main]
                if ordered:
                    agent = ordered[0]
            elif after and (not before or max(0, after[0].start - t.end) < t.start - before[-1].end or t.start - lo < 3) \
                    and not (before and "ال" in (norm[t.start:t.start + 2], norm[max(0, t.start - 2):t.start])):
                # a verb's subject follows it (VSO); a definite verbal noun's doer was named before it
                # ("تمكنت الهيئة ... من السيطرة على القرية وتكبيد قوات النظام خسائر")
                agent = after[0]
            elif before:
                agent = before[-1]
                if m.event_type == "Explosions/Remote violence":
                    # "قياديا في «القاعدة» قتل في غارة أميركية": a nationality qualifying the strike itself
                    # names who struck; the party named before it is whom it hit
                    agent = self._nationality(ctx, t, hi) or agent
            elif after:
                agent = after[0]
        # "تعرضت بلدة X لقصف": a verb of undergoing up to five words back, the event word taking ل
        undergo = [w.lstrip("و") for w in norm[max(lo, t.start - 45):t.start].split()[-6:]]
        if norm[t.start - 1:t.start] == "ل" and any(w in PASSIVE or w[:-1] in PASSIVE for w in undergo):
            # "تعرضت (مواقع قسد) لقصف جوي روسي": who is named before suffered it; the agent follows, if named
            after_t = [a for a in main if a.start >= t.end]
            before_t = [a for a in main if a.end <= t.start]
            agent = after_t[0] if after_t else (self._nationality(ctx, t, hi) if m.event_type != "Battles" else None)
            if before_t:
                main = [a for a in main if a is not before_t[-1]] + [before_t[-1]]
                target_first = before_t[-1]
            else:
                target_first = None
        else:
            target_first = None
        if agent is None and m.event_type == "Explosions/Remote violence":
            # "قصف جوي روسي"; "فرنسا تقصف مواقع التنظيم": a country right before the strike is its subject
            agent = self._nationality(ctx, t, hi) or self._nationality_before(ctx, t, max(lo, t.start - 16))
        others = [a for a in main if agent is None or a.value != agent.value]
        if target_first is not None and (agent is None or target_first.value != agent.value):
            others = [target_first] + [a for a in others if a is not target_first]
        target = next((a for a in others if is_target(a)), None) or (others[0] if others else None)
        if target is not None and not is_target(target) and m.event_type == "Explosions/Remote violence" and \
                any(w in PURPOSE for w in norm[max(lo, target.start - 40):target.start].split()[-4:]):
            target = None  # "غارات ... لفسح المجال أمام قوات النظام": whom the strike serves is not its target
        if m.role == "loss":
            # the named actor lost ground: the other side (لصالح X) gained it; the loser is the verb's
            # subject (right after it, else before it), not whoever the clause names first
            gainer = next((a for a in main if word_before(a) in ("لصالح", "امام", "يد")), None)
            forced = self._forced_at(norm, lo, t.start)
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
            loser = (subj_after[0] if subj_after else subj_before[-1] if subj_before else
                     next((a for a in main if a is not gainer), None))
            if m.event_type == "Battles":
                m.actor1 = _a(ctx, gainer)
                m.actor2 = _a(ctx, loser)
            else:
                m.actor1 = _a(ctx, loser)
                m.actor2 = _a(ctx, gainer)
        else:
            m.actor1 = _a(ctx, agent)
            m.actor2 = _a(ctx, target)
        if m.actor2 is None and civ and m.event_type != "Battles":
            m.actor2 = _a(ctx, civ[0])
        if m.actor2 is None and m.event_type == "Explosions/Remote violence":
            hit = self._target_nationality(ctx, t, hi)
            if hit is not None and (m.actor1 is None or hit.value != m.actor1[0]):
                m.actor2 = _a(ctx, hit)
        for a in assoc:
            pair = _a(ctx, a)
            if m.actor1 and pair[0] != m.actor1[0] and pair not in m.assoc1:
                m.assoc1.append(pair)
        for a in acts:
            head = coord.get(id(a))
            if head is None:
                continue
            pair = _a(ctx, a)
            if m.actor1 and head.value == m.actor1[0] and pair[0] != m.actor1[0] and pair not in m.assoc1:
                m.assoc1.append(pair)
            elif m.actor2 and head.value == m.actor2[0] and pair[0] != m.actor2[0] and pair not in m.assoc2:
                m.assoc2.append(pair)

    def _armed_victim(self, ctx: "_DocContext", m: Mention, lo: int, hi: int) -> None:
        """"اغتيال قيادي في تحرير الشام": the victim is a fighter of a named party, so the killing is an armed
        clash with that party (ACLED), not violence against civilians."""
        for a in ctx.within(ctx.actors, lo, hi):
            kind = self.lex.actors[a.value].kind if a.value in self.lex.actors else ""
            if kind not in ("state", "rebel", "militia", "external"):
                continue
            before = ctx.nt.norm[max(lo, a.start - 30):a.start].split()
            if any(w in MEMBERS or w.lstrip("وبل") in MEMBERS for w in before[-3:]):
                m.event_type, m.sub = "Battles", "Armed clash"
                attacker = m.actor1 if m.actor1 and m.actor1[0] != a.value else None
                m.actor1, m.actor2 = attacker, _a(ctx, a)
                return

    @staticmethod
    def _target_nationality(ctx: "_DocContext", t: Match, hi: int) -> Match | None:
        """"قصف الطيران موقعا عسكريا إيرانيا": a target word with a nationality within two words after it."""
        words = list(NAME_RE.finditer(ctx.nt.norm, t.end, hi))
        for k, w in enumerate(words):
            if w.group() in TARGET_WORDS and w.group() not in ("من", "مع"):
                # ("من القواعد التركية" is where fire came from; "الحدود مع تركيا" a border)
                for x in words[k + 1:k + 3]:
                    aid = _nationality_of(x.group())
                    if aid:
                        return Match(x.start(), x.end(), aid, x.group())
        return None

    @staticmethod
    def _heard(norm: str, lo: int, t: Match) -> bool:
        """"دوي ثلاثة انفجارات سمع": blasts heard are no event of their own (role_words.tsv "heard")."""
        return t.value.event_type == "Explosions/Remote violence" and any(
            w in HEARD for w in norm[max(lo, t.start - 25):t.start].split()[-3:])

    @staticmethod
    def _forced_at(norm: str, lo: int, trig: int) -> int | None:
        """Where a verb of forcing ("أجبر", "أرغم") stands within eight words before the trigger, if one does."""
        for w in reversed(list(NAME_RE.finditer(norm, max(lo, trig - 90), trig))[-8:]):
            if w.group() in FORCED or w.group()[1:] in FORCED:
                return w.start()
        return None

    @staticmethod
    def _nationality_before(ctx: "_DocContext", t: Match, lo: int) -> Match | None:
        """"لعدوان إسرائيلي بالصواريخ", "طائرات روسية قصفت", "فرنسا تقصف": a nationality or country within three
        words before the strike, in what is told ("ذكرت وكالات روسية أن الانفجار": not in who told it)."""
        words = list(NAME_RE.finditer(ctx.nt.norm, max(lo, t.start - 40), t.start))[-3:]
        for w in reversed(words):
            if w.group() in ("ان", "بان", "وان"):
                return None
            aid = _nationality_of(w.group())
            if aid:
                return Match(w.start(), w.end(), aid, w.group())
        return None

    @staticmethod
    def _nationality(ctx: "_DocContext", t: Match, hi: int) -> Match | None:
        """"قصف جوي روسي": a nationality adjective within two words after the strike names who struck."""
        words = list(NAME_RE.finditer(ctx.nt.norm, t.end, min(hi, t.end + 60)))
        for w in words[:2]:
            aid = _nationality_of(w.group())
            if aid:
                return Match(w.start(), w.end(), aid, w.group())
        # "قصف مدفعي من القواعد التركية", "من الجانب التركي": fire from a nationality's side is its own
        for k, w in enumerate(words[:3]):
            if w.group() == "من":
                for x in words[k + 1:k + 3]:
                    aid = _nationality_of(x.group())
                    if aid:
                        return Match(x.start(), x.end(), aid, x.group())
        return None

    # ------------------------------------------------------------------ merging
    def merge(self, doc: Document, ctx: "_DocContext", mentions: list[Mention]) -> list[Event]:
        groups: list[list[Mention]] = []
        norm = ctx.nt.norm
        prev: Mention | None = None
        pending: list[Mention] = []
        for m in mentions:
            last, prev = prev, m
            if last is not None and last.sentence == m.sentence and not m.fatalities and m.event_type == "Battles" and \
                    _circumstance(norm, ctx.n(m.clause.start), m.trigger.start, BACK_WORDS):
                # (fighting only: "بعد قصف جوي استهدف المنطقة" is a strike of its own, ACLED codes it apart)
                # "سيطرت الهيئة على المدينة، بعد اشتباكات استمرت لساعات": the fighting that led to
                # the event the sentence tells is part of it, whoever the clause names
                own_day = m.date is not None and m.date.kind.startswith("abs") and (
                    last.date is None or last.date.text != m.date.text)  # "عقب سيطرتها على المخيم في 29 أيلول"
                if not own_day and (m.date is None or last.date is None or _dates_ok(last, m) or (
                        m.sub not in TERRITORY_SUBS and _day_before(m, last))):
                    # the fighting's parties are the other side of that event ("... مع حركة أحرار الشام"); a
                    # capture told as the cause ("بعد سيطرة النظام عليها") keeps its own gainer
                    if m.sub not in TERRITORY_SUBS:
                        others = [x for x in (m.actor1, m.actor2) if x and not (last.actor1 and x[0] == last.actor1[0])]
                        m.actor1, m.actor2 = None, (others[0] if others else None)
                    next(g for g in groups if any(x is last for x in g)).append(m)
                    continue
            if last is not None and last.sentence == m.sentence and last.event_type == "Battles" and \
                    m.event_type == "Explosions/Remote violence" and \
                    _opens(norm[ctx.n(m.clause.start):m.trigger.start], AMID) and \
                    len(norm[ctx.n(m.clause.start):m.trigger.start].split()) <= 2 and not _toll_conflict([last], m) and \
                    not self._aimed(ctx, m):
                # "تمكنت قسد من التقدم في الباغوز، وسط قصف جوي مكثف أدى إلى خسائر كبيرة": the shelling amid
                # the fighting just told is part of it; a strike with a target or place of its own ("وسط قصف على
                # المنطقتين", "وسط قصف لمزارع المدينة") is an event of its own
                m.aside = True
                next(g for g in groups if any(x is last for x in g)).append(m)
                continue
            if groups and last is not None and any(w in CONSEQUENCE for w in norm[max(0, m.trigger.start - 30):m.trigger.start].split()[-3:]):
                # "وتتمكن بذلك من الدخول إلى ...": what the event just told brought about is part of it
                next(g for g in groups if any(x is last for x in g)).append(m)
                continue
            # "التفجير", "الغارة", "بالهجوم": a definite noun refers back to an event already told
            before = norm[max(0, m.trigger.start - 2):m.trigger.start]
            prev_word = (norm[max(0, m.trigger.start - 12):m.trigger.start].split() or [""])[-1]
            # "بعد مواجهات استمرت لساعات": the fighting that led to what the sentence tells, told already
            anaphoric = norm[m.trigger.start:m.trigger.start + 2] == "ال" or before in ("ال", "لل") or \
                prev_word in BACK_WORDS
            # "هذه الغارة" (a determiner), not "ترافق ذلك قصف" (a pronoun subject)
            pointed = prev_word in DEMONSTRATIVES and norm[m.trigger.start:m.trigger.start + 2] == "ال"
            if anaphoric and (not m.own_place or prev_word in BACK_WORDS) or pointed:
                # same type, day and denial; the actors too, unless the clause names no place (then the
                # noun can only mean the event told last: "ولم تحدد أسباب المواجهات بين الفصائل")
                fits = [g for g in reversed(groups) if g[0].event_type == m.event_type and (pointed or _dates_ok(g[0], m))
                        and g[0].background == m.background
                        and (not m.own_place or pointed or _actors_ok(g, m)) and not _toll_conflict(g, m)
                        and (g[0].status == "denied") == (m.status == "denied")]
                # "هذه الاشتباكات" points at the fighting told, not at the capture told after it
                back = next((g for g in fits if pointed and g[0].sub == m.sub), fits[0] if fits else None)
                if back is not None:
                    back.append(m)
                    continue
                if pointed:
                    pending.append(m)  # "هذه الغارة" before the strike is told: it joins it below
                    continue
            for g in groups:
                # like one of the group, and named at none of the group's places but its own
                # (a placeless clause must not chain a battle in one village to one in the next)
                if any(_same_event(x, m) for x in g) and not _toll_conflict(g, m) and not _day_conflict(g, m) and not (
                        _loc_keys(m) and any(_loc_keys(x) and not (_loc_keys(x) & _loc_keys(m)) and not
                                             (_within_region(x, m) or _within_region(m, x)) for x in g)):
                    g.append(m)
                    break
            else:
                # "... إلى أن عنصرا قتل من وحدات شنكال": a placeless toll told after fighting is its toll, whoever died
                fight = next((g for g in reversed(groups) if g[0].event_type == "Battles" and not _day_conflict(g, m)
                              and (g[0].status == "denied") == (m.status == "denied")), None) \
                    if m.trigger.phrase == TOLL_OF_FIGHTING else None
                if fight is not None:
                    fight.append(m)
                else:
                    groups.append([m])
        for m in pending:  # a pointer to an event never told is no event of its own
            g = next((g for g in groups if g[0].event_type == m.event_type
                      and (g[0].status == "denied") == (m.status == "denied")), None)
            if g is not None:
                g.append(m)
        events = []
        for g in groups:
            e = self._event(doc, ctx, g)
            if e is not None:
                events.append(e)
        self._fill_sides(ctx, events)
        self._context_places(ctx, events)
        for e in events:  # the gainer may be known only now (a pronoun's party, the other side filled in)
            gainer = (e.territory or {}).get("gained_by")
            if e.sub_event_type in TERRITORY_SUBS - {"Non-violent transfer of territory"} and gainer in self.lex.actors:
                state = _for_government(self.lex, gainer)
                e.sub_event_type = "Government regains territory" if state else "Non-state actor overtakes territory"
            _retype_by_parties(e)
        return events

    @staticmethod
    def _aimed(ctx: "_DocContext", m: Mention) -> bool:
        """The strike words up to the first comma name a target ("على", "استهدفت", "لمزارع") or a place."""
        seg = re.split(r"[,،]", ctx.nt.norm[m.trigger.end:ctx.n_end(m.clause.end)])[0]
        words = seg.split()
        if AIMED & set(words) or any(w.startswith(("لم", "لل")) for w in words):
            return True
        return bool(ctx.places_in(m.clause.start, ctx.nt.orig(m.trigger.end + len(seg))))

    def _territory(self, t: dict | None, head: "Mention", a1, a2) -> dict | None:
        """Ground changing hands: only on a territory event, never 'taken by X from X' or from an ally;
        a gainer told only as "القوات" is the event's actor 1."""
        if not t or head.sub not in TERRITORY_SUBS:
            return None
        t = dict(t)
        if t.get("gained_by") is None and a1:
            t["gained_by"] = a1[0]
        gained, lost = t.get("gained_by"), t.get("lost_by")
        if lost is None or (gained and self.lex.allied(gained, lost)):
            # the loser is the other side of the fighting ("سيطر داعش على القرية بعد معارك مع تحرير الشام")
            t["lost_by"] = a2[0] if a2 and not (gained and self.lex.allied(gained, a2[0])) else None
        return t

    @staticmethod
    def _context_places(ctx: "_DocContext", events: list[Event]) -> None:
        """An event whose sentences name no place happened where the text last placed things, a few
        sentences (400 characters) back: "قصفت الطائرات بلدة X. وأدى القصف إلى مقتل ثلاثة مدنيين"; when it
        says "المدينة" / "البلدة", the last town named before."""
        doc_sentences = ctx.doc.spans_of("sentence")
        for e in events:
            if e.locations or not e.evidence:
                continue
            start = min(q["start"] for q in e.evidence)
            pointed = [loc for q in e.evidence for loc in ctx.place_pointed(ctx.n(q["start"]), ctx.n_end(q["end"]), q["start"])]
            if pointed:
                e.locations = pointed[:1]
                continue
            para = max(0, start - CONTEXT_CHARS)
            before = [s for s in ctx.places if para <= s.start < start and isinstance(s.value, dict)]
            if before:  # the nearest: in "كفرنبل بريف إدلب" the region, the safer claim for a place inferred
                last = max(s.start for s in before)
                e.locations = [dict(s.value) for s in before if s.start == last]
                continue
            # nothing placed before (a lead: "وأكدت وقوع اشتباكات ..."): the next sentence that names places
            # says where ("... في مواقع المتهومة، وعين الشعرة، والجوسية")
            end = max(q["end"] for q in e.evidence)
            after = [s for s in ctx.places if end <= s.start < end + CONTEXT_CHARS and isinstance(s.value, dict)
                     and s.value.get("lat") is not None]
            if after:
                sent = next((x for x in doc_sentences if x.start <= after[0].start < x.end), None)
                e.locations = [dict(s.value) for s in after if sent is None or sent.start <= s.start < sent.end]

    def _fill_sides(self, ctx: "_DocContext", events: list[Event]) -> None:
        """A battle told with one side named: the other side is the article's main opponent of that side.

        Articles about a front name both belligerents early and then only one; the
        most frequent actor other than the named one (and not civilians) is the other side.
        Strikes are left alone: a strike on a place with no target named has no actor 2 (ACLED
        leaves it blank rather than guess who was there).
        """
        freq = ctx.actor_frequency()
        for e in events:
            if e.event_type != "Battles":
                continue
            named = (e.actor1 or e.actor2 or {}).get("id")
            if named is None:
                # "the battles reached X": a battle with no side named is the article's main front
                sides = [aid for aid, n in freq if aid != "Civilians" and n >= 2]
                if sides:
                    rival = next((b for b in sides[1:] if not self.lex.allied(sides[0], b)), None)
                    if rival is not None:
                        e.actor1, e.actor2 = {"id": sides[0], "text": ""}, {"id": rival, "text": ""}
                continue
            if e.actor1 and e.actor2:
                continue
            if (e.fatalities or {}).get("of") == named and not any(
                    t.value.event_type == "Battles" and t.value.role in ("clash", "gain", "loss", "advance")
                    for q in e.evidence for t in ctx.within(ctx.triggers, ctx.n(q["start"]), ctx.n_end(q["end"]))):
                continue  # "مقتل القيادي في الهيئة في خان شيخون": a killing with no fighting told; the killer is unknown
            other = next((aid for aid, _ in freq if aid != named and aid != "Civilians"
                          and not self.lex.allied(named, aid)), None)
            if other is None:
                continue
            if e.actor1 is None:
                e.actor1 = {"id": other, "text": ""}
            else:
                e.actor2 = {"id": other, "text": ""}
            if e.territory:
                if e.territory.get("gained_by") is None:
                    e.territory["gained_by"] = e.actor1["id"]
                if e.territory.get("lost_by") is None:
                    e.territory["lost_by"] = e.actor2["id"] if e.actor2 else None

    def _crowds(self, head: Mention, g: list[Mention], a1, a2, as1: list, as2: list):
        """A riot's or a protest's crowd is `Rioters` / `Protesters` whatever its faith or faction (the spec); the
        party, movement or family it belongs to (one of kind other or identity, or told as its supporters, "أنصار
        الحراك", role_words.tsv ``supporters``) is its associate. States and armed groups stay;
        the crowd of a riot is actor 1, the force that fires on protesters actor 1 of that."""
        crowd = "Rioters" if head.event_type == "Riots" else "Protesters"
        said = normalize(" ".join(m.clause.text for m in g))

        def recode(a, assoc):
            if a is None or a[0] in ("Rioters", "Protesters"):
                return ((crowd, a[1]) if a else None), assoc
            kind = self.lex.actors[a[0]].kind if a[0] in self.lex.actors else ""
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
            return a is not None and a[0] in self.lex.actors and self.lex.actors[a[0]].kind in STATE_KINDS

        if head.sub == "Excessive force against protesters":
            swap = a1 is not None and a1[0] == crowd and state(a2)  # the force that fires on protesters first
        else:
            swap = a2 is not None and a2[0] == crowd and (a1 is None or state(a1))  # the crowd of a riot first
        return (a2, a1, as2, as1) if swap else (a1, a2, as1, as2)

    def _event(self, doc: Document, ctx: "_DocContext", g: list[Mention]) -> Event | None:
        head = max([m for m in g if not m.aside] or g,
                   key=lambda m: (m.weight + (3 if m.fatalities else 0) + (2 if m.locations else 0), -m.clause.start))
        if head.event_type == "Battles" and head.sub not in TERRITORY_SUBS:
            # ground changed hands in one of the clauses: the battle is coded as that (ACLED's rule),
            # with the gainer as actor1
            taken = [m for m in g if m.sub in TERRITORY_SUBS and m.territory and m.territory.get("gained_by")]
            if taken:
                head = max(taken, key=lambda m: (m.weight + (2 if m.locations else 0), -m.clause.start))
        first = g[0]

        def pick(attr):
            for m in [head] + g:
                v = getattr(m, attr)
                if v:
                    return v
            return None

        def toll(attr):
            """A number beats "heavy losses" told in another clause of the same event; the numbers of
            different sides told in different clauses ("قتل عنصر من X ... وقتل ستة من Y") add up (the spec)."""
            found = [getattr(m, attr) for m in [head] + g if getattr(m, attr)]
            numbered = list({id(t): t for t in found if t.get("value") is not None}.values())
            sides = [t.get("of") for t in numbered]
            if len(numbered) > 1 and all(sides) and len(set(sides)) == len(sides):
                quals = {t.get("qualifier") for t in numbered}
                return {"value": sum(t["value"] for t in numbered),
                        "qualifier": "exact" if quals == {"exact"} else "at_least",
                        "group": "combatants" if {t.get("group") for t in numbered} == {"combatants"} else "mixed",
                        "of": None}
            first = next((t for t in found if t.get("value") is not None), found[0] if found else None)
            if first and first.get("value") is not None:
                # "كبدت قوات النظام 12 قتيلا" then "مقتل 12 عنصرا نظاميا واستشهاد 9 من الفصائل": the sum over
                # the sides that holds the figure told elsewhere is the fuller toll of the same event
                first = next((t for t in numbered if first["value"] > 1 and first["value"] in t.get("parts", ())
                              and t["value"] > first["value"]), first)
            if first and first.get("qualifier") != "exact":
                # "أوقع أكثر من 53 قتيلا" then "أسفر عن وقوع 53 قتيلا": the same number told exactly is the toll
                first = next((t for t in numbered if t["value"] == first.get("value") and t.get("qualifier") == "exact"), first)
            return first

        date = pick("date")
        date_field = date.as_field() if date else ctx.default_date(first.sentence)
        key = f"{doc.doc_id}|{head.event_type}|{head.sub}|{first.clause.start}|{self.lex.fingerprint}"
        eid = hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]
        locs, seen = [], set()
        for m in [head] + g:
            for loc in m.locations:
                k = loc.get("gazetteer_id") or loc.get("text")
                if k not in seen:
                    seen.add(k)
                    locs.append(loc)
            if locs and m is head:
                locs.extend(_governorate_towns(locs, g, seen))
                break
        framing, fseen = [], set()
        for m in g:
            for f in m.framing:
                if (f["marker"], f["text"]) not in fseen:
                    fseen.add((f["marker"], f["text"]))
                    framing.append(f)
        statuses = [m.status for m in g]
        # the outlet telling the event in its own voice in any clause asserts it, whoever else it cites
        status = "denied" if "denied" in statuses and all(s != "asserted" for s in statuses) else \
            "asserted" if "asserted" in statuses else head.status
        evidence = []
        for m in sorted(g, key=lambda m: m.clause.start):
            c = m.clause
            assert doc.text[c.start:c.end] == c.text
            evidence.append({"quote": c.text, "start": c.start, "end": c.end})
        a1, a2 = pick("actor1"), pick("actor2")
        if a1 and a2 and head.event_type == "Battles" and self.lex.allied(a1[0], a2[0]):
            # allies do not fight each other: another clause of the event names the enemy
            # ("قتل عنصر من الحشد و 7 من عناصر التنظيم ... القوات تمكنت من السيطرة")
            a2 = next((x for x in [m.actor2 for m in [head] + g] + [m.actor1 for m in [head] + g]
                       if x and not self.lex.allied(a1[0], x[0])), None)
        if a1 and a2 and a1[0] == a2[0]:
            a2 = None
        as1, as2 = list(pick("assoc1") or []), list(pick("assoc2") or [])
        if head.event_type in ("Riots", "Protests"):
            a1, a2, as1, as2 = self._crowds(head, g, a1, a2, as1, as2)
        return Event(
            event_id=eid, doc_id=doc.doc_id, outlet=doc.outlet, event_type=head.event_type, sub_event_type=head.sub,
            date=date_field,
            actor1=_actor_field(a1), assoc_actor1=[_actor_field(x) for x in as1],
            actor2=_actor_field(a2), assoc_actor2=[_actor_field(x) for x in as2],
            locations=locs, fatalities=_with_text(toll("fatalities")), injured=_with_text(toll("injured")),
            missing=_with_text(toll("missing")), territory=self._territory(pick("territory"), head, a1, a2),
            status=status, attribution=pick("attribution") or {"kind": "outlet", "text": doc.outlet or ""},
            framing=framing, evidence=evidence, background=all(m.background for m in g),
        )


# kinds of place_cues.tsv whose next word is a place's own name (not "ريف", "محيط", "منطقة": "مناطق النظام")
PLACE_NAME_CUES = {"settlement", "district", "camp", "feature"}
TERRITORY_SUBS = {"Government regains territory", "Non-state actor overtakes territory", "Non-violent transfer of territory"}




def _governorate_towns(locs: list[dict], g: list["Mention"], seen: set) -> list[dict]:
    """When the head names only a governorate ("ريف دمشق", "محافظة دير الزور"), the towns in it that the
    event's other clauses name say where (not its capital again: "الرقة" in "محافظة الرقة")."""
    if any((loc.get("geo_precision") or 1) < 3 or not loc.get("admin1") or loc.get("name") != loc.get("admin1")
           for loc in locs):
        return []
    regions = {loc.get("admin1") for loc in locs}
    written = normalize(" ".join(loc.get("text") or "" for loc in locs))
    out = []
    for x in g:
        for loc in x.locations:
            k, t = loc.get("gazetteer_id") or loc.get("text"), normalize(loc.get("text") or "")
            if k in seen or (loc.get("geo_precision") or 1) >= 3 or loc.get("admin1") not in regions \
                    or loc.get("lat") is None or loc.get("name") in regions \
                    or not t or t.split()[-1].removeprefix("ال") in written:
                continue
            seen.add(k)
            out.append(loc)
    return out


def _with_text(t: dict | None) -> dict | None:
    return {k: v for k, v in t.items() if k != "parts"} if t else None


def _a(ctx: "_DocContext", a: Match | None) -> tuple[str, str] | None:
    if a is None:
        return None
    s, e = ctx.nt.span(a.start, a.end)
    return (a.value, ctx.nt.text[s:e])


def _actor_field(a: tuple[str, str] | None) -> dict | None:
    return {"id": a[0], "text": a[1]} if a else None


def _loc_keys(m: Mention) -> set[str]:
    """Place keys for merging; a country named without coordinates ("في سوريا") holds any place, so none."""
    return {(l.get("gazetteer_id") or l.get("text") or "") for l in m.locations
            if not (l.get("lat") is None and (l.get("geo_precision") or 1) >= 3)}


def _day_before(cause: Mention, event: Mention) -> bool:
    """"فرضت سيطرة كاملة على المدينة (اليوم)، بعد اشتباكات استمرت لساعات مساء أمس": what led to the event
    may have begun the day before it."""
    a, b = cause.date.start_date if cause.date else None, event.date.start_date if event.date else None
    return bool(a and b) and dt.date.fromisoformat(a) == dt.date.fromisoformat(b) - dt.timedelta(days=1)


CROWDS = {"Protesters", "Rioters"}


def _retype_by_parties(e: Event) -> None:
    """A clash is told by its word; who fought says what it was (ACLED).

    - A crowd on one side ("اشتباكات بين المتظاهرين وقوات الأمن"): Riots / Violent demonstration, the crowd
      as Rioters.
    - Only civilians on the receiving side and no armed party there ("قتل مدنيان في هجوم شنه مسلحون"):
      Violence against civilians / Attack.
    """
    if e.event_type != "Battles" or e.sub_event_type != "Armed clash":
        return
    ids = [(x or {}).get("id") for x in (e.actor1, e.actor2)]
    if CROWDS & set(ids):
        crowd = 0 if ids[0] in CROWDS else 1
        other = (e.actor1, e.actor2)[1 - crowd]
        e.event_type, e.sub_event_type = "Riots", "Violent demonstration"
        e.actor1 = {**(e.actor1, e.actor2)[crowd], "id": "Rioters"}
        e.actor2 = other
        return
    f = e.fatalities or {}
    if ids[0] != "Civilians" and (ids[1] == "Civilians" or (ids[1] is None and f.get("group") == "civilians")):
        e.event_type, e.sub_event_type = "Violence against civilians", "Attack"


def _for_government(lex: Lexicon, gainer: str | None) -> bool:
    """Ground taken by a state's forces or an affiliate in its government's bloc (alliances.tsv) is regained."""
    return gainer in lex.actors and (lex.actors[gainer].kind in STATE_KINDS or gainer in lex.government_side)


def _dates_ok(a: Mention, b: Mention) -> bool:
    da = a.date.start_date if a.date else None
    db = b.date.start_date if b.date else None
    return not (da and db and da != db)


def _shift(d: DateMention, said: DateMention, pub: dt.date | None) -> DateMention:
    """``d`` ("اليوم", "أمس") read against the day ``said`` was said instead of the publication day."""
    if not (pub and d.start_date and said.start_date and said.precision == 1):
        return d
    off = dt.date.fromisoformat(d.start_date) - pub
    day = (dt.date.fromisoformat(said.start_date) + off).isoformat()
    return DateMention(d.start, d.end, d.text, d.kind, day, day, d.precision, d.relative)


def _nationality_of(word: str) -> str | None:
    """The party a nationality adjective names, also in the accusative ("إيرانيا")."""
    return NATIONALITY.get(word) or (NATIONALITY.get(word[:-1]) if word.endswith("ا") else None)


def _day_conflict(g: list[Mention], m: Mention) -> bool:
    """One event has one day: a mention dated otherwise than any of the group is another event."""
    d = m.date.start_date if m.date else None
    return d is not None and any(x.date and x.date.start_date and x.date.start_date != d for x in g)


def _toll_conflict(g: list[Mention], m: Mention) -> bool:
    """Two different exact death tolls ("24 killed", "15 killed") are two events, whatever else they share."""
    return any(_tolls_differ(x.fatalities, m.fatalities) for x in g)


def _tolls_differ(a: dict | None, b: dict | None) -> bool:
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


def _opens(text: str, words: tuple[str, ...]) -> bool:
    """The text opens with one of ``words``, maybe after the conjunction و ("ووسط", "وفي ظل")."""
    t = text.strip()
    return t.startswith(words) or (t[:1] == "و" and t[1:].startswith(words))


def _circumstance(norm: str, clause_lo: int, trig: int, back_words) -> bool:
    """The clause opens with "بعد / عقب / إثر" and the trigger is its first or second word after it."""
    words = norm[clause_lo:trig].split()
    return bool(words) and words[0] in back_words and len(words) <= 2


def _actors_ok(g: list[Mention], m: Mention) -> bool:
    """No two different sets of armed parties (civilians are victims, not a party to tell events apart)."""
    mine = {x[0] for x in (m.actor1, m.actor2) if x} - {"Civilians"}
    theirs = {x[0] for y in g for x in (y.actor1, y.actor2) if x} - {"Civilians"}
    return not (mine and theirs) or bool(mine & theirs)


def _within_region(region: Mention, place: Mention) -> bool:
    """True when every place of ``region`` is only a region (precision 3) holding the other's places."""
    def wide(loc: dict) -> bool:
        # a region, or a governorate's capital named like it ("في إدلب" may mean the governorate)
        p = loc.get("geo_precision") or 1
        return p >= 3 or (loc.get("name") is not None and loc.get("name") == loc.get("admin1"))
    if not region.locations or not all(wide(loc) for loc in region.locations):
        return False
    admins = {loc.get("admin1") for loc in region.locations} - {None}
    # a place the gazetteer lacks (text only, no governorate) may lie in the region: it does not tell otherwise
    return bool(admins) and all(loc.get("admin1") in admins or (loc.get("admin1") is None and loc.get("lat") is None)
                                for loc in place.locations)


def _same_event(a: Mention, b: Mention) -> bool:
    if a.event_type != b.event_type:
        return False
    if a.background != b.background:
        return False
    if (a.status == "denied") != (b.status == "denied"):
        return False  # a claim the article denies is not the event it asserts
    da = a.date.start_date if a.date else None
    db = b.date.start_date if b.date else None
    if da and db and da != db:
        return False
    ga, gb = (a.territory or {}).get("gained_by"), (b.territory or {}).get("gained_by")
    if ga and gb and ga != gb:
        return False  # a capture and the counter-attack that took it back are two changes of hands
    la, lb = _loc_keys(a), _loc_keys(b)
    scales = la and lb and not (la & lb) and (_within_region(a, b) or _within_region(b, a))
    if scales:
        la = lb  # "the battles in Idlib governorate" and "Armanaz": one event told at two scales
    actors_a = {x[0] for x in (a.actor1, a.actor2) if x}
    actors_b = {x[0] for x in (b.actor1, b.actor2) if x}
    actors_ok = not (actors_a and actors_b) or bool(actors_a & actors_b)
    if scales and ((gb and not ga and actors_a and gb not in actors_a) or (ga and not gb and actors_b and ga not in actors_b)):
        # fighting told over a region and ground taken in a village there by a party not in that fighting
        # ("معارك بين داعش وتحرير الشام في ريفي حماة وحلب" / "تمكن النظام من السيطرة على قريتي ..."): two events
        actors_ok = False
    if la and lb:
        return bool(la & lb) and actors_ok
    # one side has no place: the same kind of event between the same parties on the same day
    return a.sub == b.sub and actors_ok and bool(actors_a or actors_b)


class _Covers:
    """Spans, asked how far the spans starting at or before a point reach (a bisect, not a scan)."""

    def __init__(self, spans):
        spans = sorted(spans)
        self.starts = [a for a, _ in spans]
        self.reaches, far = [], -1
        for _, b in spans:
            far = max(far, b)
            self.reaches.append(far)

    def reach(self, x: int) -> int:
        """The furthest end of a span starting at or before ``x`` (-1 when none): x is inside one when it is > x."""
        k = bisect.bisect_right(self.starts, x)
        return self.reaches[k - 1] if k else -1


class _DocContext:
    """Everything found once per document, with offset maps."""

    def __init__(self, doc: Document, nt: NormText, lex: Lexicon):
        self.doc, self.nt, self.lex = doc, nt, lex
        self._sources: dict[tuple[int, int], bool] = {}
        found = doc.matches or {}  # the pipeline's match stage found these once; else find them here
        self.actors = found["actors"] if "actors" in found else lex.actor_matcher.find(nt)
        self.actors = self._in_theatre(doc, nt, lex, self.actors,
                                       found["theatres"] if "theatres" in found else lex.theatre_matcher.find(nt))
        self.actors = self._unharmed(nt, self._arms(nt, lex, self._forces(nt, lex, self.actors)))
        self.actors = self._generic(self._anaphors(nt, self._not_bases(nt, self._not_places(
            nt, self.actors, found["place_cues"] if "place_cues" in found else lex.place_cues.find(nt)))))
        # a trigger word inside an actor's name is no trigger ("تحرير" in "هيئة تحرير الشام")
        within_actor = _Covers((a.start, a.end) for a in self.actors)
        self.triggers = [t for t in (found["triggers"] if "triggers" in found else lex.trigger_matcher.find(nt))
                         if within_actor.reach(t.start) < t.end]
        self.cues = found["cues"] if "cues" in found else lex.cue_matcher.find(nt)
        self.actors.sort(key=lambda m: m.start)
        self.triggers.sort(key=lambda m: m.start)
        self.cues = sorted(self.cues, key=lambda m: m.start)
        self.toll_nouns = sorted(found["toll_nouns"] if "toll_nouns" in found else lex.toll_nouns.find(nt),
                                 key=lambda m: m.start)
        self._starts = {id(x): [m.start for m in x] for x in (self.actors, self.triggers, self.cues, self.toll_nouns)}
        self.frames = found["framing"] if "framing" in found else lex.framing.find(nt)
        self.found = {"cues": self.cues, "toll_nouns": found.get("toll_nouns"), "qualifiers": found.get("qualifiers")}
        if self.found["toll_nouns"] is None or self.found["qualifiers"] is None:
            self.found = None
        self.dates = find_dates(nt, doc.published)
        ref = doc.published
        full = [d for d in self.dates if d.kind in ("abs_dmy", "abs_num", "abs_iso") and d.precision == 1 and d.start_date]
        page_ref = ref
        if not ref and full:
            # no publication date: the article's first full date (its dateline, most often) is what
            # "today", "yesterday Wednesday" and "15 September" are read against
            ref = page_ref = full[0].start_date
            self.dates = find_dates(nt, ref)
        if ref and (doc.published_from == "text" or not doc.published):
            # ... unless the text says which day today is ("اليوم , الجمعة 15 أيلول"): a page republished
            # later keeps its new date in the header, the article its own in the text
            today = next((x for d in self.dates if d.kind == "rel_0" for x in self.dates
                          if x.kind in ("abs_dmy", "abs_num", "abs_iso") and x.precision == 1 and x.start_date
                          and 0 <= x.start - d.end <= 20), None)
            if today is not None and today.start_date != ref:
                ref = today.start_date
                self.dates = find_dates(nt, ref)
        # the dateline itself (a page header's date) dates the page, not an event told beside it
        head = [d for d in self.dates if d.start < 400 and d.start_date == page_ref and d.kind in ("abs_dmy", "abs_num", "abs_iso")]
        self.dateline = head[0].start if head else None
        # the dateline and the weekday written before it ("الأحد 21 كانون الثاني 2018") date the page
        self.page_dates = {d.start for d in self.dates if self.dateline is not None
                           and (d.start == self.dateline or 0 <= self.dateline - d.end <= 4)}
        # a party's name is not its place ("ضد الأحرار", "مجلس دير الزور العسكري")
        named = _Covers(nt.span(a.start, a.end) for a in self.actors)
        self.places = [s for s in doc.spans if s.label == "place" and named.reach(s.start) <= s.start
                       and not self._base(s)]
        self.pub = parse_published(ref)
        self.report_dates = {id(d) for d in self.dates if self._reports(d)}

    def _reports(self, d: DateMention) -> bool:
        """A date a few words after a speech verb ("قال المرصد اليوم", "أفادت مصادر الجمعة") dates the report."""
        i = self.n(d.start)
        words = self.nt.norm[max(0, i - 60):i].replace("،", " ").replace(",", " ").split()[-7:]
        return any(w in SPEECH or (w[:1] == "و" and w[1:] in SPEECH) for w in words)

    @staticmethod
    def _in_theatre(doc: Document, nt: NormText, lex: Lexicon, actors: list[Match], words: list[Match]) -> list[Match]:
        """Local aliases (actors.tsv column 6) read in the country the text is set in: "الجيش" is the Syrian
        army in Syria, the Egyptian one in Egypt; "التحالف" the US-led coalition in Iraq, the Saudi-led one in
        Yemen. A sentence naming places of one country only (theatres.tsv) is set there; else the article is
        set in the country its place names and adjectives and its parties of one country ("الحوثيين") point
        to most, its outlet's home (outlets.tsv) breaking a tie; one that names no country is set in the
        default theatre (theatres.tsv: Syria, "قرية مراط" alone). A local alias of no country the text is set
        in names nobody; one that fits overrides a general reading of the same words ("القاعدة" in Yemen is
        AQAP)."""
        local = lex.local_aliases
        if not any((a.phrase, a.value) in local for a in actors):
            return actors
        from collections import Counter

        votes, first = Counter(), {}
        for w in words:
            votes[w.value[0]] += 1
            first.setdefault(w.value[0], w.start)
        for a in actors:
            where = lex.actors[a.value].theatres if a.value in lex.actors else ()
            if len(where) == 1 and (a.phrase, a.value) not in local:
                votes[where[0]] += 1
                first.setdefault(where[0], a.start)
        home = lex.outlet_country.get(normalize(doc.outlet or "").lower())
        if home and votes:  # (a tie-breaker: an outlet reports on other countries too)
            votes[home] += 0.5
            first.setdefault(home, len(nt.norm))
        article = max(votes, key=lambda c: (votes[c], -first[c])) if votes else lex.default_theatre
        places = [w for w in words if w.value[1] == "place"]
        bounds = sorted((bisect.bisect_left(nt.pos, s.start) if nt.pos is not None else s.start)
                        for s in doc.spans_of("sentence"))

        def theatre(a: Match) -> str | None:
            k = bisect.bisect_right(bounds, a.start)
            lo = bounds[k - 1] if k else 0
            hi = bounds[k] if k < len(bounds) else len(nt.norm)
            here = {w.value[0] for w in places if lo <= w.start < hi}
            return next(iter(here)) if len(here) == 1 else article

        fits: dict[tuple[int, int], bool] = {}
        keep = []
        for a in actors:
            where = local.get((a.phrase, a.value))
            if where is None:
                keep.append(a)
            elif theatre(a) in where:
                keep.append(a)
                fits[(a.start, a.end)] = True
        # a local reading that fits overrides the general one of the same words
        return [a for a in keep if (a.phrase, a.value) in local or not fits.get((a.start, a.end))]

    @staticmethod
    def _forces(nt: NormText, lex: Lexicon, actors: list[Match]) -> list[Match]:
        """"مقاتلات تركية", "مدفعية إيرانية", "طائرات حربية فرنسية", "سلاح الجو الإسرائيلي": a noun for a state's arms
        or troops (role_words.tsv ``force``) with a nationality (nationality.tsv) up to two words after it (not
        counting "يرجح أنها"), in the same phrase, is that state's forces, over a shorter name of another
        country's inside it ("طائرات حربية", Syria's local alias; not "قوات الأمن" of "قوات الأمن التركية",
        Turkey's police); a definite noun takes a definite adjective ("المدفعية التركية"), and "طائرات روسية
        الصنع" is no one's."""
        norm = nt.norm
        extra, inside = [], set()
        named = _Covers((a.start, a.end) for a in actors)  # (a bisect per word, not a scan of every party)
        for w in FORCE_RE.finditer(norm):  # the nouns of arms or troops, as whole words; then the seven words after
            words = [w, *itertools.islice(NAME_RE.finditer(norm, w.end()), 7)]
            k = 0
            g = w.group()
            if named.reach(w.start() - 1) > w.start():
                continue  # inside another party's name ("قوات سوريا الديمقراطية" is no Syrian force)
            own = [a for a in actors if a.start == w.start()]  # a name starting with the noun ("طائرات حربية")
            between = 0
            for j in range(k + 1, min(k + 7, len(words))):
                x = words[j]
                if x.group() in HEDGED:
                    continue  # "طائرات حربية يرجح أنها روسية"
                between += 1
                if between > 3:
                    break
                if norm[words[j - 1].end():x.start()].strip() != "" or (named.reach(x.start()) > x.start() and any(
                        a.start <= x.start() < a.end and a not in own for a in actors)):
                    break  # a comma or stop between, or another party's name
                xg = x.group()
                if xg in ("في", "على", "من", "ضد", "مع", "الي", "عن", "بين", "منذ", "قرب", "او") or xg.startswith("و") \
                        or (xg.startswith("ب") and xg != "بدون"):
                    break  # another phrase ("قوات النظام بدعم روسي", "الطيران السوري أو الروسي")
                aid = _nationality_of(xg) or (_nationality_of(xg[2:]) if xg.startswith("ال") else None)
                if aid is None:
                    continue
                if g.startswith("ال") and not xg.startswith("ال"):
                    break
                nxt = words[j + 1].group() if j + 1 < len(words) else ""
                where = set(lex.actors[aid].theatres) if aid in lex.actors else set()
                if nxt != "الصنع" and not any(a.end > x.end() or (where and where & set(
                        lex.actors[a.value].theatres if a.value in lex.actors else ())) for a in own):
                    extra.append(Match(w.start(), x.end(), aid, norm[w.start():x.end()]))
                    inside.update(id(a) for a in own)
                break
        if not extra:
            return actors
        return sorted([a for a in actors if id(a) not in inside] + extra, key=lambda a: a.start)

    @staticmethod
    def _arms(nt: NormText, lex: Lexicon, actors: list[Match]) -> list[Match]:
        """Unqualified arms read as a local alias ("الطيران الحربي", "الطائرات الحربية": the Syrian air force in Syria)
        name their owner when it is said: after "طائرات حربية إسرائيلية" in the same sentence, "الطائرات الحربية"
        is Israel's (the same noun, definite); followed by "التابع(ة) ل" (or "يعتقد أنها تابعة ل") they are the
        owner's, named next or unknown."""
        norm = nt.norm

        def arms(a: Match) -> bool:
            first = a.phrase.split()[0]
            return (a.phrase, a.value) in lex.local_aliases and \
                (first[2:] if first.startswith(("ال", "لل")) else first).lstrip("ل") in FORCE_NOUNS

        if not any(arms(a) for a in actors):
            return actors
        out: list[Match] = []
        for a in actors:
            if arms(a):
                after = [w.lstrip("ل") for w in norm[a.end:a.end + 50].split()[:4]]
                if any(w.startswith(("تابع", "التابع")) for w in after):
                    continue  # "الطيران الحربي التابع للتحالف الدولي": the coalition's, named next
                noun = a.phrase.split()[0]
                noun = noun[2:] if noun.startswith("ال") else noun
                stop = max(norm.rfind(".", 0, a.start), norm.rfind("\n", 0, a.start))
                prior = [b for b in out if b.start > stop and not arms(b) and b.phrase.split()[0] in (noun, "ال" + noun)]
                if a.phrase.startswith("ال") and prior:
                    a = Match(a.start, a.end, prior[-1].value, a.phrase)  # "طائرات حربية إسرائيلية ... الطائرات الحربية"
            out.append(a)
        return out

    @staticmethod
    def _unharmed(nt: NormText, actors: list[Match]) -> list[Match]:
        """"دون وقوع إصابات بين المدنيين", "لم يسفر عن سقوط ضحايا من المدنيين": civilians said unharmed (a negation
        up to six words before, role_words.tsv ``no_harm``) are no party to the event (the spec)."""
        norm = nt.norm
        out = []
        for a in actors:
            if a.value == "Civilians":
                before = norm[max(0, a.start - 70):a.start]
                before = re.split(r"[.,،؛:!?\n]", before)[-1].split()[-6:]
                if any(w in NO_HARM for w in before):
                    continue
            out.append(a)
        return out

    @staticmethod
    def _not_bases(nt: NormText, actors: list[Match]) -> list[Match]:
        """"القاعدة" alone is a military base ("القاعدة العسكرية", or in a story about "قاعدة العند") unless
        the story names the group in full ("تنظيم القاعدة")."""
        norm = nt.norm
        bare = [a for a in actors if norm[a.start:a.end] == "القاعده"]
        if not bare:
            return actors
        full = any(a.value == bare[0].value and a.end - a.start > len("القاعده") for a in actors)
        bases = " قاعده " in norm or norm.startswith("قاعده ")
        drop = set()
        for a in bare:
            nxt = norm[a.end:a.end + 12].split()[:1]
            if (nxt and nxt[0] in BASE_ADJECTIVES) or (bases and not full):
                drop.add(id(a))
        return [a for a in actors if id(a) not in drop] if drop else actors

    @staticmethod
    def _not_places(nt: NormText, actors: list[Match], place_cues: list[Match]) -> list[Match]:
        """"ضاحية الأسد", "حي الحشد": an actor's name right after a word for a place is that place's name."""
        ends = {c.end for c in place_cues if c.value[0] in PLACE_NAME_CUES}
        if not ends:
            return actors
        norm = nt.norm
        out = []
        for a in actors:
            i = a.start
            while i > 0 and norm[i - 1] in ' "':
                i -= 1
            if i == a.start or i not in ends:
                out.append(a)
        return out

    @staticmethod
    def _generic(actors: list[Match]) -> list[Match]:
        """"المتشددين" in an article about ISIS is ISIS: a generic party name stands for the specific party
        of its kind named most in the article (role_words.tsv "generic")."""
        from collections import Counter

        if not (GENERIC or GENERIC_DEFINITE) or not actors:
            return actors
        counts = Counter(a.value for a in actors)
        out = []
        for a in actors:
            specific = GENERIC.get(a.value)
            if specific is None and a.phrase.startswith(("ال", "لل")) and "مجهول" not in a.phrase:
                specific = GENERIC_DEFINITE.get(a.value)  # "العناصر الإرهابية" after "عناصر تنظيم القاعدة"
            if specific:
                named = [(counts[s], -k, s) for k, s in enumerate(specific) if counts[s]]
                if named:
                    a = Match(a.start, a.end, max(named)[2], a.phrase)
            out.append(a)
        return out

    @staticmethod
    def _anaphors(nt: NormText, actors: list[Match]) -> list[Match]:
        """"التنظيم" after "تنظيم الدولة": a definite head noun stands for the party named with it most."""
        from collections import Counter

        if not ANAPHORS or not actors:
            return actors
        named: dict[str, Counter] = {}
        for a in actors:
            words = nt.norm[a.start:a.end].split()
            for noun in ANAPHORS:
                if noun[2:] in words or noun in words:
                    named.setdefault(noun, Counter())[a.value] += 1
        if not named:
            return actors
        extra = []
        for m in _ANAPHOR_MATCHER.find(nt):
            c = named.get(m.value)
            if c and not any(a.start <= m.start < a.end for a in actors):
                extra.append(Match(m.start, m.end, c.most_common(1)[0][0], m.phrase))
        return sorted(actors + extra, key=lambda a: a.start) if extra else actors

    def has_cue(self, lo: int, hi: int, *kinds: str) -> bool:
        """A cue of one of ``kinds`` starts in [lo, hi)."""
        return any(c.value in kinds for c in self.within(self.cues, lo, hi))

    def within(self, found: list[Match], lo: int, hi: int) -> list[Match]:
        """The matches of one of the document's sorted lists that start in [lo, hi)."""
        starts = self._starts[id(found)]
        return found[bisect.bisect_left(starts, lo):bisect.bisect_left(starts, hi)]

    # offsets
    def n(self, orig: int) -> int:
        if self.nt.pos is None:
            return orig
        return bisect.bisect_left(self.nt.pos, orig)

    def n_end(self, orig_end: int) -> int:
        if self.nt.pos is None:
            return orig_end
        return bisect.bisect_left(self.nt.pos, orig_end)

    # lookups
    def foiled(self, t: Match, lo: int) -> bool:
        """"أحبطت وحدات الحماية تفجيرين انتحاريين": a bombing foiled did not happen (a foiled attack was
        still fought off: "أحبطت القوات هجوما" stays a clash)."""
        if t.value.sub_event_type not in FOILABLE:
            return False
        return any(c.value == "foil" and len(self.nt.norm[c.end:t.start].split()) <= 6
                   and "," not in self.nt.norm[c.end:t.start] for c in self.within(self.cues, lo, t.start))

    def negated(self, t: Match, lo: int) -> bool:
        """A trigger right after a negation (لم، دون، أي) or shortly after a modal (بهدف، يستعد، حاول) did not happen."""
        for c in self.within(self.cues, lo, t.end + 2):
            if c.value == "modal" and t.end <= c.start and len(self.nt.norm[t.end:c.start].split()) == 0:
                return True  # "العملية المقبلة", "الهجوم المرتقب": an operation still to come
            if c.value not in ("negation", "modal", "reference") or c.start < lo or c.start >= t.start:
                continue
            if c.end > t.start:  # the cue's open ending swallowed the trigger: "يستعد لهجومه"
                return True
            between = self.nt.norm[c.end:t.start].split()
            if len(between) <= (3 if c.value == "modal" else 1):
                return True  # (a reference in time, cues.tsv "reference": "منذ سيطرة التنظيم على المدينة")
            if c.value == "modal" and not any(w.lstrip("و") in SUCCESS for w in between):
                # (not "حاولت ... وتمكنت من السيطرة": it succeeded)
                definite = "ال" in (self.nt.norm[t.start:t.start + 2], self.nt.norm[max(0, t.start - 2):t.start])
                if len(between) <= 12 and definite:
                    return True  # an aim, not a deed: "تحاول قوات النظام ... السيطرة على", "تسعى ... إلى السيطرة"
                if len(between) <= 8 and not definite and self.nt.norm[t.end:t.end + 3].strip()[:2] == "ال" \
                        and "،" not in self.nt.norm[c.end:t.start] and "," not in self.nt.norm[c.end:t.start] \
                        and self.nt.norm[t.start:t.start + 1] not in "تيسن":
                    return True  # a verbal noun in construct: "تسعى القوات الموالية للنظام استعادة الأماكن"
            if c.value == "modal" and c.phrase == "اذا" and "ام" in between:
                return True  # "لم يتضح إذا تمكن المسلحون من السيطرة ... أم أن القوات استعادتها": both unsure
        return False

    def is_source(self, a: Match) -> bool:
        """An actor named as the source of a report ('قالت وزارة الدفاع الروسية') is not a party (once per name:
        every clause asks it of every actor)."""
        key = (a.start, a.end)
        got = self._sources.get(key)
        if got is None:
            got = self._sources[key] = self._is_source(a)
        return got

    def _is_source(self, a: Match) -> bool:
        pre = self.nt.norm[max(0, a.start - 16):a.start]
        if pre.split()[-1:] in (["ان"], ["بان"], ["فان"]):
            return False  # "أفادت تقارير أن إسرائيل نفذت غارة": after "أن" comes what was said, not who said it
        if not any(w in pre for w in SOURCE_WORDS):
            # the speaker's own party, told with the speaker ("أكد قائد ميداني في جيش الإسلام", "بحسب الفرقة
            # الوسطى التابعة لغرفة عمليات فتح حلب"): a source too, when a word of reporting stands just before
            before = self.nt.norm[max(0, a.start - 60):a.start].replace('"', " ").split()
            tail = " ".join(before[-3:])
            return any(w in tail for w in AFFILIATION) and \
                any(w in SOURCE_WORDS or w.lstrip("و") in SOURCE_WORDS for w in before[-8:-1])
        # "أعلنت الوزارة أن ...": what follows "أن" is what a source said; "أعلن جيش الفتح و... عن بدء معركة",
        # "أعلنت قوات النظام سيطرتها على": a party announcing what it does or did is that party
        after = self.nt.norm[a.end:a.end + 90].replace(",", " ").replace("،", " ").split()
        for k, w in enumerate(after):
            if w in ("ان", "بان"):
                return True
            if w == "عن" and k + 1 < len(after) and after[k + 1] in HARM:
                return True  # "أعلنت وزارة الداخلية عن مقتل ضابط": a death announced, not the speaker's own act
            if w == "عن" or w.startswith(("سيطر", "قصف", "تقدم", "السيطر", "القصف", "التقدم")) or "مسووليت" in w:
                return False
        return True

    def actor_right_after(self, p: int, hi: int) -> str | None:
        """The party of the counted people: a name just after ("عناصر من داعش") or a nationality ("جنديا تركيا")."""
        for a in self.within(self.actors, p, min(hi, p + 12)):
            return a.value
        w = NAME_RE.match(self.nt.norm, p + 1) if p < min(hi, len(self.nt.norm)) and self.nt.norm[p] == " " else None
        return _nationality_of(w.group()) if w and w.end() <= hi else None

    def actor_frequency(self) -> list[tuple[str, int]]:
        from collections import Counter

        c = Counter(a.value for a in self.actors if not self.is_source(a))
        return sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))

    def has_actor(self, lo: int, hi: int, aid: str) -> bool:
        return any(a.value == aid for a in self.within(self.actors, lo, hi))

    def _base(self, place: Span) -> bool:
        """"أفاد مراسل عنب بلدي في إدلب": where a correspondent works is not where the event happened."""
        i = self.n(place.start)
        words = self.nt.norm[max(0, i - 50):i].split()[-5:]
        if not words or words[-1] not in ("في", "ب"):
            return False
        return any(w in CORRESPONDENTS or w[1:] in CORRESPONDENTS for w in words[:-1])

    def place_pointed(self, lo: int, hi: int, start: int) -> list[dict]:
        """"فرضت الهيئة سيطرتها على المدينة": a definite word for a settlement is the last settlement named before
        (role_words.tsv "place_pointer"), not a region."""
        words = self.nt.norm[lo:hi].split()
        if not any(w in PLACE_POINTERS or w[1:] in PLACE_POINTERS for w in words):
            return []
        before = [s for s in self.places if start - POINTER_CHARS <= s.start < start and isinstance(s.value, dict)
                  and (s.value.get("geo_precision") or 1) == 1 and s.value.get("lat") is not None]
        return [dict(before[-1].value)] if before else []

    def places_in(self, start: int, end: int) -> list[dict]:
        locs = [s.value for s in self.places if start <= s.start < end]
        # drop a region when a place inside it is named in the same clause, and a country ("في سوريا",
        # no coordinates) when anything else is
        precise = [l for l in locs if (l.get("geo_precision") or 1) < 3]
        if precise:
            return precise
        placed = [l for l in locs if l.get("lat") is not None]
        return placed or locs

    def date_for(self, cl: Sentence, sent: Sentence) -> DateMention | None:
        ds = [d for d in self.dates if cl.start <= d.start < cl.end and d.start not in self.page_dates] or \
            [d for d in self.dates if sent.start <= d.start < sent.end and d.start not in self.page_dates]
        ds = [d for d in ds if d.kind != "year" or not any(x.kind != "year" for x in ds)]
        told = [d for d in ds if id(d) not in self.report_dates]
        if told and len(told) < len(ds):
            said = next(d for d in ds if id(d) in self.report_dates)
            if told[0].kind.startswith("rel_") and said.start < told[0].start:
                # "أعلنت القيادة مساء الأربعاء أن طائرات قصفت فجر اليوم": today is the day it was said
                return _shift(told[0], said, self.pub)
        ds = told or ds
        # "اليوم , الاثنين 9 تشرين الأول": the written date says which day; it beats the relative word
        exact = [d for d in ds if d.kind in ("abs_dmy", "abs_num", "abs_iso") and d.precision == 1 and d.start_date]
        if exact and ds and ds[0].relative and exact[0].start - ds[0].end <= 20:
            return exact[0]
        return ds[0] if ds else None

    def default_date(self, sent_start: int | None = None) -> dict:
        """No date in the event's sentences: the date of an earlier sentence of its paragraph, else the day
        before publication to that day (the spec's rule: "قصفت الطائرات البلدة أمس. وقتل في القصف ثلاثة"
        is yesterday; a lone undated line of a digest is the last day or so, not the lead's day)."""
        told = self._paragraph_date(sent_start) if sent_start is not None else None
        if told is not None:
            return told.as_field()
        if self.pub:
            # an article that dates nothing tells the news of the last day or so: the day before
            # publication to the day itself, precision 2 (a range), not a guessed single day
            start = self.pub - dt.timedelta(days=1)
            return {"start": start.isoformat(), "end": self.pub.isoformat(), "precision": 2, "text": ""}
        return {"start": None, "end": None, "precision": None, "text": ""}

    def _paragraph_date(self, sent_start: int) -> DateMention | None:
        """The event date of the nearest earlier sentence of the same paragraph (no line break between, or a
        line that goes on with the one before: "وأضاف المصدر أن ...")."""
        text = self.doc.text
        sents = [s for s in self.doc.spans_of("sentence") if s.start < sent_start]
        nxt = sent_start
        for s in reversed(sents):
            # a line opening with "وأضاف", "وأشارت" goes on with the account of the line before: same paragraph
            first = (self.nt.norm[self.n(nxt):self.n(nxt) + 12].split() or [""])[0]
            if "\n" in text[s.end:nxt] and not (first[:1] == "و" and first[1:] in SPEECH):
                return None  # (crossing other paragraphs, or taking the day a source spoke, measured worse)
            ds = [d for d in self.dates if s.start <= d.start < s.end and d.start not in self.page_dates
                  and id(d) not in self.report_dates and d.start_date]
            if ds:
                return ds[0]
            nxt = s.start
        return None

    def status(self, lo: int, hi: int, sent_lo: int, trig: int) -> str:
        cues = self.within(self.cues, sent_lo, min(hi, trig + 1))
        kinds = [c.value for c in cues]
        # a denial covers the first event told after it: "نافية نقل مجموعات ... للمشاركة في المعركة التي
        # خسرت فيها قسد" denies the transfer, not the battle told in passing
        denials = [c for c in cues if c.value == "deny"]
        if denials and not any(t.start < trig and t.value.event_type != "-"
                               for t in self.within(self.triggers, denials[-1].end, trig)):
            return "denied"
        if "hedge" in kinds:
            return "hedged"
        if "others" in kinds:
            return "reported_by_others"
        return "asserted"

    def attribution(self, lo: int, hi: int) -> dict | None:
        order = ("correspondent", "field_source", "monitor", "official", "other_media", "local_residents")
        found = [c for c in self.within(self.cues, lo, hi) if c.value in order]
        if not found:
            return None
        c = min(found, key=lambda c: (order.index(c.value), c.start))
        s, e = self.nt.span(c.start, c.end)
        return {"kind": c.value, "text": self.nt.text[s:e]}

    def framing(self, lo: int, hi: int) -> list[dict]:
        out = []
        for f in self.frames:
            if lo <= f.start < hi:
                s, e = self.nt.span(f.start, f.end)
                out.append({"marker": f.value, "text": self.nt.text[s:e]})
        return out

    def background(self, lo: int, hi: int, date: DateMention | None, trigger: int | None = None) -> bool:
        """An event told as past (a month or more before publication, "كانت قد", "في الماضي"), not today's news."""
        if date and date.start_date and self.pub:
            d = dt.date.fromisoformat(date.start_date)
            if (self.pub - d).days > 31:
                return True
        if self.has_cue(lo, min(hi, lo + 25), "background"):
            return True
        # "منشأة كانت قد تعرضت لهجوم": a pluperfect right before the trigger, wherever the clause starts
        # ("وكان" / "وكانت" alone open many a clause and count only at its start)
        return trigger is not None and any(c.value == "background" and c.phrase not in ("وكان", "وكانت")
                                           for c in self.within(self.cues, lo, trigger))
