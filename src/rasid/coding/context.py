"""What the coder finds once per document: parties, triggers, cues, toll nouns, places and dates,
with the offset maps between the text and its normalised form, and the lookups the components share
(which matches fall in a span, whether a party is a report's source, the places of a clause)."""
from __future__ import annotations

import bisect
import re

from ..arabic import NormText, normalize
from ..lexicon import Lexicon, Match
from ..tolls import AFTER_QUALIFIERS
from ..model import Document, Span
from . import parties, when
from .parties import Covers
from .rules import describe, note

# how near (characters) a word of the dead or hurt lies to a strike word that opens its striker's name
STRIKE_TOLL_REACH = 60
describe(__name__, "strike_named_by_its_striker", """A strike word that opens its striker's name ("غارات روسية", "غارة
    إسرائيلية", actors.tsv) is also the event word where people were killed or hurt by it (a toll noun or a verb of
    killing or wounding within 60 characters): "قتل 3 مدنيين في غارات روسية على البلدة" is an air strike, not an attack on civilians. Elsewhere it
    only names the party (a trigger inside a party's name is none: "تحرير" in "هيئة تحرير الشام").""",
         reads="actors.tsv, toll_nouns.tsv, cues.tsv kill/injure")

describe(__name__, "noun_opens_party", """A counted noun that opens a party's name is that party's dead or wounded: "قتل أحد
رجال الشرطة", "وأصيب اثنان من رجال المقاومة" ("رجال" starts the name "رجال المقاومة", so no name follows it).""",
         reads="actors.tsv")
describe(__name__, "counted_force_member", """A counted word for a state's soldier or policeman read by the country the
text is set in (rule force_member_no_party: "جنود", "جنديين", "مجندين", "شرطيين") is that state's dead or wounded:
"قتل ثلاثة جنود في هجوم على حاجز قرب الرمادي" is the Iraqi army's dead, the side attacked, as "ثلاثة من الجنود
العراقيين" would be.""", reads="actors.tsv column 6 (local aliases)")
describe(__name__, "trigger_in_place_name", """A definite event word right after a word for a quarter, square or street
(role_words.tsv ``name_head``) is the place's name, no event: "قصفت الميليشيات أحياء التحرير الأسفل والمسبح",
"تظاهروا في ميدان التحرير".""", reads="role_words.tsv name_head")
from .words import any_in, STATEMENT_NOUNS, REPORTED, VICTIM_LINK, AFFILIATION, CORRESPONDENTS, HARM, NAME_RE, PLACE_POINTERS, POINTER_CHARS, SOURCE_WORDS, DEED_OPENERS, PERSON_NOUNS, NAME_HEADS, nationality_of


_ADJECTIVES: set = set()


def _nisba(word: str) -> bool:
    """A country's adjective in any number or case ("سوريين", "عراقيا", "الأمريكيين"; nationality.tsv, theatres.tsv
    adjective rows)."""
    if not _ADJECTIVES:
        from ..lexicon import read_tsv
        from .words import NATIONALITY
        _ADJECTIVES.update(NATIONALITY)
        for r in read_tsv("theatres.tsv"):
            if len(r) > 2 and r[1] == "adjective":
                _ADJECTIVES.update(normalize(x.strip()) for x in r[2].split("|") if x.strip())
    w = word[2:] if word.startswith("ال") else word
    for cut in (w, w[:-2] if w.endswith(("يين", "يون", "يان")) else "", w[:-1] if w.endswith(("يا", "يه")) else ""):
        if cut and (cut in _ADJECTIVES or "ال" + cut in _ADJECTIVES):
            return True
    return False


class DocContext:
    """Everything found once per document, with offset maps."""

    def __init__(self, doc: Document, nt: NormText, lex: Lexicon, trace=None):
        self.doc, self.nt, self.lex, self.trace = doc, nt, lex, trace
        self._by_start: dict[int, tuple] = {}  # id(list) -> (list, sorted starts, their indices, length)
        self._sources: dict[tuple[int, int], bool] = {}
        self.keepers: dict[str, set[int]] = {}  # party -> where it is named parties told only as restoring order (rule order_keeper_not_side)
        self.counts_memo: dict[tuple[int, int], list] = {}  # the counts of a span (rasid.coding.tolls.read_counts)
        self.candidates_memo: dict[tuple[int, int], list] = {}  # the event words of a span (rasid.coding.triggers.candidates)
        found = doc.matches or {}  # the pipeline's match stage found these once; else find them here
        self.force_members: list = []  # soldiers and policemen read by the country the text is set in (parties.read)
        self.actors = parties.read(self, found)
        # a trigger word inside an actor's name is no trigger ("تحرير" in "هيئة تحرير الشام")
        within_actor = Covers((a.start, a.end) for a in self.actors)
        # (rule strike_named_by_its_striker: but a strike word opening its striker's name, "غارات روسية", is the event
        # word where people were killed or hurt by it: "قتل 3 مدنيين في غارات روسية على البلدة" is an air strike)
        self.cues = sorted(found["cues"] if "cues" in found else lex.cue_matcher.find(nt), key=lambda m: m.start)
        self.toll_nouns = sorted(found["toll_nouns"] if "toll_nouns" in found else lex.toll_nouns.find(nt),
                                 key=lambda m: m.start)
        opens = {a.start for a in self.actors}
        tolls: list[int] = []  # where the dead or hurt are told (made only when a strike word opens a party's name)

        def struck(t) -> bool:
            if t.start not in opens or t.value.event_type != "Explosions/Remote violence":
                return False
            if not tolls:
                tolls.extend(sorted([n.start for n in self.toll_nouns]
                                    + [c.start for c in self.cues if c.value in ("kill", "injure")]) or [-1 << 30])
            k = bisect.bisect_left(tolls, t.start - STRIKE_TOLL_REACH)
            return k < len(tolls) and tolls[k] <= t.start + STRIKE_TOLL_REACH
        self.triggers = [t for t in (found["triggers"] if "triggers" in found else lex.trigger_matcher.find(nt))
                         if (within_actor.reach(t.start) < t.end or struck(t)) and not self.place_name(t)]
        self.actors.sort(key=lambda m: m.start)
        self.triggers.sort(key=lambda m: m.start)
        self._starts = {id(x): [m.start for m in x] for x in (self.actors, self.triggers, self.cues, self.toll_nouns, self.force_members)}
        self.frames = found["framing"] if "framing" in found else lex.framing.find(nt)
        self.found = {"cues": self.cues, "toll_nouns": found.get("toll_nouns"), "qualifiers": found.get("qualifiers")}
        if self.found["toll_nouns"] is None or self.found["qualifiers"] is None:
            self.found = None
        ref, page_ref = when.read_dates(self)
        # a party's name is not its place ("ضد الأحرار", "مجلس دير الزور العسكري")
        named = Covers(nt.span(a.start, a.end) for a in self.actors)
        self.places = [s for s in doc.spans if s.label == "place" and named.reach(s.start) <= s.start
                       and not correspondent_base(self, s)]
        when.read_report_dates(self, ref)

    def place_name(self, t: Match) -> bool:
        """Rule trigger_in_place_name."""
        norm = self.nt.norm
        if norm[max(0, t.start - 2):t.start] != "ال":
            return False
        before = norm[max(0, t.start - 14):t.start - 2].split()
        if before and before[-1].lstrip("وب") in NAME_HEADS:
            note(self, "trigger_in_place_name", f"«{before[-1]} ال{self.said(t.start, t.end)}»")
            return True
        return False

    def has_cue(self, lo: int, hi: int, *kinds: str) -> bool:
        """A cue of one of ``kinds`` starts in [lo, hi)."""
        return any(c.value in kinds for c in self.within(self.cues, lo, hi))

    def starting(self, items: list, lo: int, hi: int) -> list:
        """The items of ``items`` (anything with a ``start``) that start in [lo, hi), in the list's own order:
        a bisect over their sorted starts, made once per list, not a scan of the list per question (which
        made a long document quadratic)."""
        got = self._by_start.get(id(items))
        if got is None or got[0] is not items or got[3] != len(items):
            order = sorted(range(len(items)), key=lambda i: items[i].start)
            got = self._by_start[id(items)] = (items, [items[i].start for i in order], order, len(items))
        _, starts, order, _ = got
        a, b = bisect.bisect_left(starts, lo), bisect.bisect_left(starts, hi)
        if a >= b:
            return []
        return [items[i] for i in (order[a:b] if b - a == 1 else sorted(order[a:b]))]

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

    def said(self, lo: int, hi: int) -> str:
        """The original words of the normalised span [lo, hi) (for the trace)."""
        s, e = self.nt.span(lo, hi)
        return self.nt.text[s:e]

    def is_source(self, a: Match) -> bool:
        """An actor named as the source of a report ('قالت وزارة الدفاع الروسية') is not a party (once per name:
        every clause asks it of every actor)."""
        key = (a.start, a.end)
        got = self._sources.get(key)
        if got is None:
            got = is_source(self, a)
            if not got and parties.source_allegiance(self.nt, a):
                got = True
                note(self, "source_allegiance", f"«{self.said(a.start, a.end)}» is the source's leaning")
            if not got and parties.loyal_population(self.nt, a):
                got = True
                note(self, "loyal_population", f"«{self.said(a.start, a.end)}» is the loyalty of people or places")
            self._sources[key] = got
        return got

    def actor_right_after(self, p: int, hi: int) -> str | None:
        """The party of the counted people: a name just after ("عناصر من داعش") or a nationality ("جنديا تركيا"),
        or one the counted noun opens ("أحد رجال الشرطة": rule noun_opens_party). A qualifier that follows the
        counted noun stands between ("قتل ستة أشخاص على الأقل من أعضاء الحركة": rule count_qualifier_skipped)."""
        q = _AFTER_QUALIFIER.match(self.nt.norm, p, min(hi, p + 16))
        if q is not None:
            note(self, "count_qualifier_skipped", f"«{self.said(q.start(1), q.end(1))}»")
            p = q.end()
        for a in self.within(self.actors, p, min(hi, p + 12)):
            t = self.within(self.triggers, p, a.start)
            if t:  # rule count_party_past_event_word
                note(self, "count_party_past_event_word",
                     f"«{self.said(t[0].start, t[0].end)}» parts the counted from «{self.said(a.start, a.end)}»")
                return None
            return a.value
        for a in self.within(self.actors, max(0, p - 12), p):
            if a.end > p and self.nt.norm[a.start:p].count(" ") == 0:
                note(self, "noun_opens_party", f"«{self.said(a.start, a.end)}»")
                return a.value
        # "أصيب أربعون آخرون بجروح من أعضاء المنظمة", "وأحد العناصر في «فيلق الشام»": across words that link
        # the counted people to their party (role_words.tsv victim_link)
        norm, q = self.nt.norm, p
        for _ in range(3):
            w = re.match(r"[\s\"'«»]+(\S+)", norm[q:min(hi, q + 20)])
            if w is None or w.group(1) not in VICTIM_LINK:
                break
            q += w.end()
            for a in self.within(self.actors, q, min(hi, q + 4)):
                return a.value
        w = NAME_RE.match(self.nt.norm, p + 1) if p < min(hi, len(self.nt.norm)) and self.nt.norm[p] == " " else None
        if w is not None and w.end() <= hi:
            noun = self.nt.norm[max(0, p - 20):p].split()[-1:]
            if noun and noun[0].lstrip("و") in PERSON_NOUNS and nationality_of(w.group(), people=True):
                note(self, "person_nationality", f"«{noun[0]} {w.group()}» is where they are from")
                return None  # "مقاتل سعودي", "مواطن أردني": where a person is from, not a state's troops
            aid = nationality_of(w.group(), people=True)
            if aid is not None:
                return aid
        if w is not None and w.end() <= hi and _nisba(w.group()):
            return None  # "جنود سوريين" in a story from Iraq: soldiers of the country told, not of the text's
        for a in self.within(self.force_members, max(0, p - 12), p):
            if a.end == p:
                note(self, "counted_force_member", f"«{self.said(a.start, a.end)}» ({a.value})")
                return a.value
        return None

    def actor_frequency(self) -> list[tuple[str, int]]:
        from collections import Counter

        c = Counter(a.value for a in self.actors if not self.is_source(a))
        return sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))

    def has_actor(self, lo: int, hi: int, aid: str) -> bool:
        return any(a.value == aid for a in self.within(self.actors, lo, hi))

    def places_in(self, start: int, end: int) -> list[dict]:
        locs = [s.value for s in self.starting(self.places, start, end)]
        # drop a region when a place inside it is named in the same clause, and a country ("في سوريا",
        # no coordinates) when anything else is
        precise = [l for l in locs if (l.get("geo_precision") or 1) < 3]
        if precise and not any(l.get("lat") is not None for l in precise):
            # a place the gazetteer lacks ("معسكر المجد بمديرية مكيراس") keeps the region that locates it
            return [l for l in locs if (l.get("geo_precision") or 1) < 3 or l.get("lat") is not None]
        if precise:
            # a place the gazetteer lacks placed at the region that holds it ("بلدة X في ريف Y") keeps that region
            held = {(l["lat"], l["lon"]) for l in precise if l.get("lat") is not None and not l.get("gazetteer_id")}
            return [l for l in locs if (l.get("geo_precision") or 1) < 3 or (l.get("lat"), l.get("lon")) in held]
        placed = [l for l in locs if l.get("lat") is not None]
        return placed or locs

    def place_pointed(self, lo: int, hi: int, start: int) -> list[dict]:
        return place_pointed(self, lo, hi, start)

    # the components' readings, kept as methods for callers of the old _DocContext
    def date_for(self, cl, sent):
        return when.date_for(self, cl, sent)

    def default_date(self, sent_start: int | None = None) -> dict:
        return when.default_date(self, sent_start)


_SOURCE_IN, _AFFILIATION_IN = any_in(SOURCE_WORDS), any_in(AFFILIATION)
# a qualifier that may follow a counted noun (qualifiers.tsv "after": "على الأقل", "تقريبا")
_AFTER_QUALIFIER = re.compile(r"[\s,،]*(" + "|".join(sorted(map(re.escape, AFTER_QUALIFIERS), key=len, reverse=True))
                              + r")(?=[\s,،]|$)")
describe(__name__, "statement_owner_source", """The party whose statement a text quotes, named right after the word for it
("بيان وزارة الدفاع", role_words.tsv ``statement_noun``), is the source of what follows, as after "قالت" or "بيان ل": "وجاء في
بيان قيادة الشرطة: قتل شرطيان بهجوم مسلحين" tells the police's dead, not an attack by the police (unless it announces
its own deed: "بيان الجيش عن قصف مواقع").""", reads="role_words.tsv statement_noun")
describe(__name__, "count_party_past_event_word", """A party named just after the counted people, behind an event word
("هجوم", "قصف", "غارة", "تفجير"), is who did it, not whose they were: in "لقي أربعة حراس مصرعهم في هجوم مسلحين" the
guards are no gunmen.""", reads="triggers.tsv")
describe(__name__, "count_qualifier_skipped", """A qualifier after a count ("على الأقل", "تقريبا") does not part the
counted people from the party they belong to: "قتل ستة أشخاص على الأقل من أعضاء حركة حماس في قصف بالهاون" counts
Hamas men, the party hit, not the doer.""", reads="qualifiers.tsv after")


describe(__name__, "deed_opener_not_source", """A party right after a verbal noun of doing ("قيام", "إقدام") does
what is told next, even after a word of reporting: "أكد ناشطون قيام القوات العراقية بقصف البلدة" (the Iraqi forces
shelled; the activists speak).""", reads="role_words.tsv deed_opener")


def is_source(ctx: DocContext, a: Match) -> bool:
    """The reading behind :meth:`DocContext.is_source` (role_words.tsv ``source``, ``affiliation``, ``harm``)."""
    pre = ctx.nt.norm[max(0, a.start - 16):a.start]
    last = pre.replace("،", " ").replace(",", " ").split()[-1:]
    if last and (last[0].lstrip("و") in DEED_OPENERS or last[0].lstrip("و")[1:] in DEED_OPENERS and last[0].lstrip("و")[:1] == "ب"):
        note(ctx, "deed_opener_not_source", f"«{ctx.said(a.start, a.end)}» after «{last[0]}»")
        return False  # "أكد ناشطون قيام القوات العراقية بقصف البلدة": the doer of what is told, not a speaker
    if last in (["ان"], ["بان"], ["فان"]):
        # (a comma glued to "إن" is no part of it: "وقالت المصادر ،إن مسلحين مجهولين هاجموا")
        return False  # "أفادت تقارير أن إسرائيل نفذت غارة": after "أن" comes what was said, not who said it
    if last and (last[0] in STATEMENT_NOUNS or last[0][:1] in "وب" and last[0][1:] in STATEMENT_NOUNS) \
            and ctx.nt.norm[a.start:a.start + 1] != "ل":  # ("بيان للجيش": role_words.tsv source "بيان ل" reads it)
        # rule statement_owner_source: "وجاء في بيان وزارة الدفاع: قتل جنديان" (the owner of a statement speaks)
        note(ctx, "statement_owner_source", f"«{last[0]} {ctx.said(a.start, a.end)}»")
    elif not _SOURCE_IN.search(pre):
        # the speaker's own party, told with the speaker ("أكد قائد ميداني في جيش الإسلام", "بحسب الفرقة
        # الوسطى التابعة لغرفة عمليات فتح حلب"): a source too, when a word of reporting stands just before
        before = ctx.nt.norm[max(0, a.start - 60):a.start].replace('"', " ").split()
        tail = " ".join(before[-3:])
        return _AFFILIATION_IN.search(tail) is not None and \
            any(w in SOURCE_WORDS or w.lstrip("و") in SOURCE_WORDS or w.lstrip("و") in REPORTED
                for w in before[-8:-1])
    # "أعلنت الوزارة أن ...": what follows "أن" is what a source said; "أعلن جيش الفتح و... عن بدء معركة",
    # "أعلنت قوات النظام سيطرتها على": a party announcing what it does or did is that party
    after = ctx.nt.norm[a.end:a.end + 90].replace(",", " ").replace("،", " ").split()
    for k, w in enumerate(after):
        if w in ("ان", "بان"):
            return True
        if w == "عن" and k + 1 < len(after) and after[k + 1] in HARM:
            return True  # "أعلنت وزارة الداخلية عن مقتل ضابط": a death announced, not the speaker's own act
        if w == "عن" or w.startswith(("سيطر", "قصف", "تقدم", "السيطر", "القصف", "التقدم")) or "مسووليت" in w:
            return False
    return True


def correspondent_base(ctx: DocContext, place: Span) -> bool:
    """"أفاد مراسل عنب بلدي في إدلب": where a correspondent works is not where the event happened."""
    i = ctx.n(place.start)
    words = ctx.nt.norm[max(0, i - 50):i].split()[-5:]
    if not words or words[-1] not in ("في", "ب"):
        return False
    return any(w in CORRESPONDENTS or w[1:] in CORRESPONDENTS for w in words[:-1])


def place_pointed(ctx: DocContext, lo: int, hi: int, start: int) -> list[dict]:
    """"فرضت الهيئة سيطرتها على المدينة": a definite word for a settlement is the last settlement named before
    (role_words.tsv "place_pointer"), not a region."""
    words = ctx.nt.norm[lo:hi].split()
    if not any(w in PLACE_POINTERS or w[1:] in PLACE_POINTERS for w in words):
        return []
    before = [s for s in ctx.starting(ctx.places, start - POINTER_CHARS, start) if isinstance(s.value, dict)
              and (s.value.get("geo_precision") or 1) == 1 and s.value.get("lat") is not None]
    return [dict(before[-1].value)] if before else []
