"""Casualty counts: numbers (digits and words), their qualifiers and counted nouns.

"ما يزيد عن 100 من مقاتليها" -> 100 more_than combatants; "مقتل 12 جنديا و9 مسلحين"
-> 21 exact mixed; "عشرات القتلى" -> value None, qualifier unknown. Sub-counts after
"بينهم / منهم" are part of a total, never added to it.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

import regex as re

from .arabic import NormText, normalize
from .lexicon import Lexicon, Match, read_tsv

TOKEN = re.compile(r"\d+(?:[.,]\d+)?|[\p{Arabic}]+")
_ANY_DIGIT = re.compile(r"\d")  # (a word of TOKEN that opens with a digit, str.isdigit, holds one)
BACK_POINTERS = {"فيها", "فيه", "خلالها", "خلاله", "جراءها", "جراءه", "بها", "به"}
# a figure above this is a tally over months or years (the war's dead, a year's strikes), never the toll of
# one report event: the largest single events in Syria and Iraq, chemical attacks and massacres, stay below it
MAX_EVENT_TOLL = 2000
SUBCOUNT = {"بينهم", "منهم", "بينهن", "منهن", "بينها", "غالبيتهم", "معظمهم"}
# "31 قتيلا هم 10 عسكريين و21 مدنيا": "هم" right after a count opens its breakdown ("والقتلى هم 72 مقاتلا و49 ..."
# with no count before it is the list itself)
THEY_ARE = {"هم", "وهم"}
# "وقتل أيضا ثلاثة من المسلحين": a word for "also" between the toll verb and its figure (role_words.tsv also)
ALSO = frozenset(normalize(r[1]) for r in read_tsv("role_words.tsv") if r[:1] == ["also"] and len(r) > 1)


# between the toll verb and its figure, the event named by one definite word: "وقتل في الاشتباكات 3 من الجيش"
AT_THE_EVENT = re.compile(r"(?:في|خلال|جراء|اثر)\s+ال[\u0621-\u064a]{3,}")


def _verb_right_before(norm: str, verb_end: int, at: int) -> bool:
    """The toll verb ending at ``verb_end`` is right before offset ``at`` (across "أيضا", or a pronoun pointing back at
    the event: "اشتباكات قتل فيها 30 من الحوثيين", rule count_after_back_pointer)."""
    return 0 <= at - verb_end <= 3 or (gap := norm[verb_end:at].strip()) in ALSO or gap in BACK_POINTERS or (
        AT_THE_EVENT.fullmatch(gap) is not None)
# qualifiers that may follow the counted noun ("قتل 29 شخصا على الأقل"): data/qualifiers.tsv, third column "after"
AFTER_QUALIFIERS = frozenset(normalize(r[0]) for r in read_tsv("qualifiers.tsv") if r[2:3] == ["after"])
# a toll rising to a new total ("ارتفعت حصيلة القتلى إلى 29 بعد وفاة 13 متأثرين بجروحهم", role_words new_total):
# the figure after "إلى" is the whole toll; the clause's other figures of that measure are part of it
NEW_TOTAL = frozenset(normalize(r[1]) for r in read_tsv("role_words.tsv") if r[0] == "new_total")
OTHERS_OF = re.compile(r"\b(?:اخرين|اخرون) من ")
# after a figure told with no counted noun ("مقتل 28 وإصابة 40", "سقوط العشرات بين صفوف المسلحين"): the words
# that may follow it (role_words.tsv kind bare_count_next); any other word is what is counted ("إصابة 3 منازل")
BARE_NEXT = frozenset(normalize(r[1]) for r in read_tsv("role_words.tsv") if r[0] == "bare_count_next")
PUNCT_GAP = re.compile(r"[\s,،:؛.]*[,،:؛.][\s,،:؛.]*")
# between two singular nouns of one toll: up to two qualifying words, then "و" (or "وأحد"/"وأحد ال" before the second)
# "أن عنصرا في الأمن الوطني قتل", "أن جنديين من الجيش قتلا": the party of one told before his verb, "من" or "في"
# and at most four words, no sign (rule party_before_verb)
PARTY_BEFORE_VERB = re.compile(r"\s+(?:من|في)(?:\s+[^\s\d,،.:؛()\"«»]+){1,4}\s+")
JOINED = re.compile(r"(?:\s+[^\s\d,،.]+){0,2}\s+و(?:(?:احد|واحد)\s+(?:ال)?)?")
ONE_OF_END = re.compile(r"احد\s+(?:ال)?$")  # what JOINED took ends in "one of": "وأحد العناصر"
TOLD_CAUSE = re.compile(r"(?<!\S)(?:جراء|اثر|نتيجه|بسبب)(?!\S)")  # what killed them, told after the dead
_SIGN = re.compile(r"[,،.؛:]")
# the article glued to a figure after its qualifier: "قرابة الـ25 قتيلا", "أكثر من الـ 30" (rule qualifier_across_article)
ARTICLE_GAP = re.compile(r"\s*ال\s*")


def _q_before(norm: str, q_end: int, n_start: int) -> bool:
    """A qualifier ending at ``q_end`` is the one of the figure at ``n_start``: right before it, or across the
    article glued to the figure ("نحو الـ40", rule qualifier_across_article)."""
    return 0 <= n_start - q_end <= 2 or (n_start - q_end <= 6 and ARTICLE_GAP.fullmatch(norm, q_end, n_start) is not None)


# between the two figures of a range: "ما بين 20 و30 قتيلا", "20 إلى 30 قتيلا", "20 - 30 قتيلا" (rule toll_range)
RANGE_DASH = re.compile(r"\s*[-–]\s*")
# vague amounts that take the counted noun with its article in the construct: "عشرات الأشخاص", "مئات المدنيين"
VAGUE_CONSTRUCT = frozenset(normalize(w) for w in ("عشرات", "مئات", "آلاف"))


def _range_high(norm: str, toks: list[Tok], i: int, used: int, lex: Lexicon) -> tuple[int, int] | None:
    """The upper figure of a range whose lower figure is the number at token ``i`` (``used`` tokens): (its value,
    the tokens it and its joining word take), or None. "ما بين 20 و30" ("و" only after "بين"), "20 إلى 30" (not
    "من 20 إلى 30": a toll rising from one figure to another), "20 - 30"; the upper figure the larger."""
    j = i + used
    if j >= len(toks) or not toks[i].w[0].isdigit() and toks[i].w not in lex.numbers:
        return None
    prev = toks[i - 1].w if i > 0 else ""
    w = toks[j].w
    if w in ("و", "الي") and j + 1 < len(toks):
        if (w == "و") != (prev == "بين") or prev == "من":
            return None
        hi = parse_number(toks, j + 1, lex)
        skip = 1
    elif w.startswith("و") and len(w) > 1 and not w[1].isdigit() and prev == "بين":
        hi = parse_number(toks, j, lex)  # "بين عشرة وخمسة عشر"
        skip = 0
    elif w[0].isdigit() and RANGE_DASH.fullmatch(norm, toks[j - 1].end, toks[j].start) and prev != "من":
        hi = parse_number(toks, j, lex)
        skip = 0
    else:
        return None
    if hi is None or hi[1] != "exact":
        return None
    low = parse_number(toks, i, lex)
    if low is None or not low[0] < hi[0]:
        return None
    return hi[0], skip + hi[2]


def _answers(norm: str, g: int, kind: str, c: tuple) -> bool:
    """The toll verb ``c`` is the killing a grievance or a charge ending at ``g`` names: right after it, or (a
    charge) after the accused, "ب" glued to the verb: "اتهام أحمد نجل جمال بقتل", "اتهام «أحمد»، نجل «جمال»، بقتل"."""
    if c[2] != "killed" or c[0] < g:
        return False
    if c[0] - g <= 4:
        return True
    if kind != "charge" or c[0] - g > 50 or norm[c[0] - 1:c[0]] != "ب":
        return False
    signs = _SIGN.findall(norm, g, c[0])
    # the accused with an apposition set off by two commas: "اتهام «أحمد»، نجل «جمال»، بقتل" (rule
    # charged_across_apposition; no other sign, and not one comma alone: "بتهمة الإرهاب، وقتل 3")
    return not signs or (len(signs) == 2 and set(signs) <= {",", "،"} and c[0] - g <= 50
                         and norm[c[0] - 1 - 2:c[0] - 1].strip() in ("،", ","))


def _clause_end(norm: str, at: int, hi: int) -> int:
    """Where the clause going on at ``at`` ends: its next sign, else ``hi``."""
    m = _SIGN.search(norm, at, hi)
    return m.start() if m else hi


MEASURES = {"kill": "killed", "injure": "injured", "missing": "missing", "capture": "captured"}


@dataclass(slots=True)
class Count:
    value: int | None
    qualifier: str
    measure: str  # killed | injured | missing | captured
    group: str
    of: str | None
    start: int  # normalised offsets
    end: int
    sub: bool = False
    total: bool = False
    vague: bool = False  # a vague number ("العشرات", "عدد من") or none ("قتل عناصر"): a known part of it is its toll
    others: bool = False  # counted as others ("وقتل 5 آخرون"): never the same figure told again  # a new total ("ارتفع عدد القتلى إلى 53"): it replaces the figures told before it
    joint: int | None = None  # the figure of the dead and the wounded together ("أكثر من 50 قتيلا وجريحا"): 50
    nested: bool = False  # a part of a part ("من بين القتلى 5 مدنيين، منهم ثلاث نساء"): never added to it


@dataclass(slots=True)
class Tok:
    w: str
    start: int
    end: int


def _bare(w: str) -> str:
    """The word without a joined "و" ("وبينهم" is "بينهم")."""
    return w[1:] if w.startswith("و") and len(w) > 3 else w


def tokens(norm: str, lo: int, hi: int) -> list[Tok]:
    # (TOKEN has no lookaround nor anchor: matched over [lo, hi) of the text, as over its slice, without the copy)
    return [Tok(m.group(), m.start(), m.end()) for m in TOKEN.finditer(norm, lo, hi)]


def _strip_clitic(w: str) -> str:
    if len(w) > 2 and w[0] in "وفب" and not w.startswith("ال"):
        return w[1:]
    return w


def parse_number(toks: list[Tok], i: int, lex: Lexicon) -> tuple[int, str, int] | None:
    """Parse a number starting at token ``i``: (value, 'exact'|'vague', tokens used)."""
    w = toks[i].w
    nums = lex.numbers
    if w.isdigit():
        v = int(w)
        if i + 1 < len(toks) and toks[i + 1].w in ("الف", "الاف"):
            return v * 1000, "exact", 2
        return v, "exact", 1
    for cand in (w, _strip_clitic(w)):
        # two-word numbers first: "احد عشر", "ثلاثه عشر"
        if i + 1 < len(toks):
            two = f"{cand} {toks[i + 1].w}"
            if two in nums:
                return nums[two][0], nums[two][1], 2
        if cand in nums:
            v, kind = nums[cand]
            used = 1
            # "خمسه وعشرون" = 25
            if i + 1 < len(toks) and toks[i + 1].w.startswith("و") and toks[i + 1].w[1:] in nums:
                v2, _ = nums[toks[i + 1].w[1:]]
                if v < 10 and 20 <= v2 <= 90:
                    v, used = v + v2, 2
            if kind == "exact" and 100 <= v < 1000 and v % 100 == 0 and i + used < len(toks) \
                    and toks[i + used].w.startswith("و") and not toks[i + used].w[1:2].isdigit():
                # "مائة وخمسون" = 150, "مئتان وخمسة وعشرون" = 225 (rule hundreds_and_tens)
                rest = parse_number(toks, i + used, lex)
                if rest is not None and rest[1] == "exact" and rest[0] < 100:
                    v, used = v + rest[0], used + rest[2]
            if i + used < len(toks) and toks[i + used].w in ("الف", "الاف") and kind == "exact":
                v, used = v * 1000, used + 1
            return v, kind, used
    return None


_STARTS: dict[int, frozenset] = {}


def _number_starts(lex: Lexicon) -> frozenset:
    """The words a number word can start with ("احد" of "احد عشر"), per lexicon."""
    got = _STARTS.get(id(lex.numbers))
    if got is None:
        got = _STARTS[id(lex.numbers)] = frozenset(k.split()[0] for k in lex.numbers)
    return got


_STARTS_CLITIC: dict[int, frozenset] = {}


def _number_starts_clitic(lex: Lexicon) -> frozenset:
    """The words a number may start with, also after a clitic: ``w in starts or _strip_clitic(w) in starts``
    read as one set lookup."""
    got = _STARTS_CLITIC.get(id(lex.numbers))
    if got is None:
        starts = _number_starts(lex)
        got = _STARTS_CLITIC[id(lex.numbers)] = starts | frozenset(
            c + w for c in "وفب" for w in starts if len(w) > 1 and _strip_clitic(c + w) == w)
    return got


_COUNTED_PARTY: dict[int, "re.Pattern"] = {}


def _counted_party(lex: Lexicon) -> "re.Pattern":
    """A number right before "من" ("23 من الحوثيين", "سبعة من قادة"): where a party may be the counted noun."""
    got = _COUNTED_PARTY.get(id(lex.numbers))
    if got is None:
        words = "|".join(re.escape(w) for w in sorted(_number_starts(lex), key=len, reverse=True))
        got = _COUNTED_PARTY[id(lex.numbers)] = re.compile(rf"(?:\d|(?<!\S)[وب]?(?:{words})(?:\s+\S+)?)\s+من\s")
    return got


def _killed_captives(norm: str, at: int, measure_cues: list, actor_at) -> bool:
    """A verb of killing right before the figure of captives ("قتل ثلاثة أسرى"), or with only its doer between
    ("أعدمت الميليشيا ثلاثة أسرى": four words at most, a party's name right after the verb); not a figure joined
    by "و" to another ("وجود 3 جثث وأربعة أسرى": bodies and prisoners held)."""
    if norm[at:at + 1] == "و":
        return False
    for a, b, measure in measure_cues:
        if measure != "killed" or b > at:
            continue
        if _verb_right_before(norm, b, at):
            return True
        if at - b <= 40 and len(norm[b:at].split()) <= 4 and actor_at is not None and actor_at(b) is not None:
            return True
    return False


def _range(found: list[Match], lo: int, hi: int) -> list[Match]:
    """The matches of a document-wide list (sorted by start) that start in [lo, hi)."""
    return found[bisect_left(found, lo, key=_start):bisect_left(found, hi, key=_start)]


def _start(m: Match) -> int:
    return m.start


# "وفقد 15 آخرون", "فقد أربعة جنود": the passive "فُقد" with its count right after is went missing; the active "فقدت
# الكتيبة 20 من جنودها" (losing fighters) and "فقد 30 شخصا حياتهم" (lost their lives) are dead (rule lost_as_missing)
LOSE_WORDS = frozenset({"فقد", "وفقد", "ففقد", "فقدت", "وفقدت"})
LOSS_WORDS = frozenset({"فقدان", "وفقدان", "بفقدان", "لفقدان"})
LOST_LIVES = re.compile(r"(?<![\p{L}])(?:ل|ب)?(?:حيا[تهة]|ارواح|روح)")
OWN_MEN = re.compile(r"\s+من\s+\S+(?:ها|هم|ه)(?![\p{L}])")


def _lost_as_missing(norm: str, cue: tuple, hi: int, quals: list, starts: frozenset) -> bool:
    """"فقد" right before its count (maybe across a qualifier) tells people gone missing, not killed: no subject
    stands between ("فقد الجيش 20 جنديا" is dead), no life is lost ("حياتهم", "أرواحهم") and the count is not the
    subject's own men ("فقدت 4 من عناصرها")."""
    a, b, measure = cue
    if measure != "killed" or norm[a:b] not in LOSE_WORDS:
        return False
    at = b
    while at < hi and norm[at] == " ":
        at += 1
    q = next((q for q in quals if q.start == at), None)
    if q is not None:
        at = q.end
        while at < hi and norm[at] == " ":
            at += 1
    word = norm[at:hi].split(maxsplit=1)[:1]
    if not word or not (word[0][0].isdigit() or word[0] in starts):
        return False
    end = _clause_end(norm, at, min(hi, at + 80))
    if LOST_LIVES.search(norm, at, end):
        return False
    num_end = at + len(word[0])
    return OWN_MEN.match(norm, num_end) is None


def find_counts(nt: NormText, lo: int, hi: int, lex: Lexicon, actor_at=None, found: dict | None = None) -> list[Count]:
    """Counts of killed / injured / missing / captured people in ``nt.norm[lo:hi]``.

    ``found``: the document's matches by lexicon ("toll_nouns", "cues", "qualifiers", sorted by start),
    so a clause reuses them instead of matching again.
    """
    norm = nt.norm
    if found is not None and all(k in found for k in ("toll_nouns", "cues", "qualifiers")):
        noun_ms, cue_ms, quals = (_range(found[k], lo, hi) for k in ("toll_nouns", "cues", "qualifiers"))
    else:
        noun_ms, cue_ms, quals = lex.toll_nouns.find(nt, lo, hi), lex.cue_matcher.find(nt, lo, hi), lex.qualifiers.find(nt, lo, hi)
    measure_cues = [(m.start, m.end, MEASURES[m.value]) for m in cue_ms if m.value in MEASURES]
    if any(norm[c[0]:c[1]] in LOSE_WORDS for c in measure_cues):
        starts0 = _number_starts(lex)
        measure_cues = [(c[0], c[1], "missing") if _lost_as_missing(norm, c, hi, quals, starts0) else c
                        for c in measure_cues]
    if any(c[2] == "missing" and norm[c[0]:c[1]] in LOSS_WORDS for c in measure_cues):
        # "أدى إلى فقدان 6 عناصر لحياتهم": the loss of their lives is their death (rule lost_as_missing)
        measure_cues = [(c[0], c[1], "killed") if c[2] == "missing" and norm[c[0]:c[1]] in LOSS_WORDS and
                        LOST_LIVES.search(norm, c[1], _clause_end(norm, c[1], min(hi, c[1] + 80))) else c
                        for c in measure_cues]
    grievances = [(m.end, m.value) for m in cue_ms if m.value in ("grievance", "charge")]
    if grievances:
        # "احتجاجا على مقتل شاب", "انتقاما لمقتل ثلاثة", "بتهمة قتل مزارع": the killing the event answers, or
        # someone is charged with, is an earlier event's (rule killing_as_grievance): its toll words count nobody
        # here (not when the clause goes on to tell what killed them, the event it codes: "تأتي تصريحاته على
        # خلفية مقتل 32 شخصا جراء تفجير انتحاري")
        measure_cues = [c for c in measure_cues if not any(_answers(norm, g, kind, c) for g, kind in grievances)
                        or TOLD_CAUSE.search(norm, c[1], _clause_end(norm, c[1], min(hi, c[1] + 100)))]
    if not noun_ms and not measure_cues and (
            actor_at is None or " من " not in norm[lo:hi] or not _counted_party(lex).search(norm, lo, hi)):
        return []  # every count needs its counted noun (a toll noun, "من" + a party) or a toll verb beside it
    if not noun_ms and not any(_number_near(norm, lo, hi, c, lex) for c in measure_cues) and (
            actor_at is None or " من " not in norm[lo:hi] or not _counted_party(lex).search(norm, lo, hi)):
        return []  # a toll verb with no figure beside it, nor any counted noun: nothing to count
    starts = _number_starts_clitic(lex)
    # every count below opens with a number: a clause with no digit and no number word (two in five) is not cut
    # into tokens at all (a word list made in C, tested against the set in C)
    if _ANY_DIGIT.search(norm, lo, hi) is None and starts.isdisjoint(TOKEN.findall(norm, lo, hi)):
        toks: list[Tok] = []
    else:
        toks = tokens(norm, lo, hi)
    nouns = {m.start: m for m in noun_ms}
    noun_spans = [(m.start, m.end) for m in noun_ms] + [(c[0], c[1]) for c in measure_cues]
    out: list[Count] = []
    totals: list[tuple[int, str]] = []  # (index in out, measure) of new totals
    i = 0
    while i < len(toks):
        w = toks[i].w
        if not (w[0].isdigit() or w in starts):
            i += 1  # most words start no number: skip them before parsing
            continue
        num = parse_number(toks, i, lex)
        if num is None:
            i += 1
            continue
        value, kind, used = num
        ranged = _range_high(norm, toks, i, used, lex) if kind == "exact" else None
        if ranged is not None:
            used += ranged[1]  # "ما بين 20 و30 قتيلا": the lower figure, at least (rule toll_range)
        j = i + used
        # the counted noun: right after, maybe after "من"
        k = j
        if k < len(toks) and toks[k].w in ("من",):
            k += 1
        noun = (nouns.get(toks[k].start) if k < len(toks) else None) or (nouns.get(toks[j].start) if j < len(toks) else None)
        by_party = False
        if noun is None and value != 1 and k < len(toks) and toks[k].w.startswith("ال") and (m := nouns.get(toks[k].start + 2)) \
                and m.end == toks[k].end and (m.value[0] != "-" or (
                    kind == "vague" and k == j and _strip_clitic(toks[i].w) in VAGUE_CONSTRUCT)):
            noun = m  # "العشرات من الجرحى": the noun matched after its article
        if noun is None and k < len(toks) and len(toks[k].w) > 2 and toks[k].w[0] in "وبل":
            noun = None
        if noun is None and actor_at is not None and j < len(toks) and toks[j].w == "من" and k < len(toks):
            # "قتل 23 من الحوثيين", "مقتل 15 من قوات النظام": a party's name is the counted noun
            party = actor_at(toks[j].end)
            q_start = next((q.start for q in quals if _q_before(norm, q.end, toks[i].start)), toks[i].start)
            # only with the verb right before the number ("مقتل سبعة من قادة التنظيم") or right after the party
            # ("23 من الحوثيين قتلوا"): "اعتقال 30 من الضباط" after a toll, "ستين منهم عادوا ... وقتل 30" are not
            close = any(_verb_right_before(norm, c[1], q_start) for c in measure_cues) or any(
                0 <= c[0] - toks[k].end <= 25 for c in measure_cues)
            # or a breakdown of the toll just told: "مقتل 52 عنصرا من بينهم اثنان من قياديي داعش"
            close = close or (bool(out) and i > 0 and toks[i - 1].w in SUBCOUNT and n_start_gap(out[-1], toks[i]))
            # or the other side's figure joined to the one just counted: "مقتل سبعة من الحوثيين واثنين من السلفيين"
            close = close or _joined_to(norm, out, toks[i])
            # or joined by "و" to one person told right after the verb: "مقتل جندي تركي وسبعة من أعضاء الفصائل"
            close = close or _joined_to_one(norm, toks, i, nouns, measure_cues) is not None
            if party and close:
                noun = Match(toks[k].start, toks[k].end,
                             ("-", "civilians" if party == "Civilians" else "combatants", party, 0), toks[k].w)
                by_party = True
        n_start = toks[i].start
        # the words before the number, across its qualifier: "بينهم أكثر من 20 مدنيا" is a part (rule
        # part_across_qualifier); toks[pi] is the number's first word or its qualifier's
        pi = i
        q_before = next((q for q in quals if _q_before(norm, q.end, n_start)), None)
        while q_before is not None and pi > 0 and toks[pi - 1].start >= q_before.start:
            pi -= 1
        if noun is None and i > 0 and not toks[i].w[0].isdigit():
            noun = _noun_before(toks, i, nouns, measure_cues)
        bare = None
        if noun is None:
            bare = _bare_count(norm, toks, i, j, measure_cues, quals, hi)
            if bare is None and (j >= len(toks) or PUNCT_GAP.match(norm, toks[j - 1].end, toks[j].start)
                                 or toks[j].w in BARE_NEXT or toks[j].w[:1] == "و"):
                # "ارتفاع قتلى الاشتباكات إلى 5..", "ارتفع عدد القتلى إلى 12 والجرحى إلى 40": a new total told
                # with no counted noun after it, its measure named after the rising word
                if " منذ " not in norm[toks[j - 1].end:toks[j - 1].end + 40]:  # (not "... إلى 60 منذ 20 تموز")
                    bare = _new_total_measure(nt, lex, lo, n_start)
            if bare is None:
                i += used
                continue
            noun = Match(n_start, toks[j - 1].end, (bare, "unknown", "", 0), norm[n_start:toks[j - 1].end])
        measure, group, hint, _ = noun.value
        end = max(noun.end, toks[j - 1].end)
        if measure == "captured" and _killed_captives(norm, n_start, measure_cues, actor_at):
            measure = "killed"  # "أعدم التنظيم خمسة أسرى", "قتل ثلاثة أسرى": prisoners killed are dead, not taken
        # a measure from the noun, else from a verb before ("مقتل 11 مدنيا") or after ("في عداد المفقودين")
        if measure == "-":
            measure = None
            before = [c for c in measure_cues if c[1] <= n_start and n_start - c[1] <= 40]
            after = [c for c in measure_cues if c[0] >= end and c[0] - end <= 45]
            # the verb right before the number, maybe across its qualifier: "مقتل ما لا يقل عن 12 عنصرا"
            q_start = next((q.start for q in quals if _q_before(norm, q.end, n_start)), n_start)
            if out and pi > 0 and _bare(toks[pi - 1].w) in SUBCOUNT and (n_start_gap(out[-1], toks[pi]) or pi < i):
                measure = out[-1].measure  # a breakdown counts what its total counts: "مقتل 52 عنصرا من بينهم اثنان"
            elif (one_before := _joined_to_one(norm, toks, i, nouns, measure_cues)) is not None:
                measure = one_before  # "مقتل ضابط وسبعة من عناصر التنظيم وإصابة ثلاثة": the verb of the one before
            elif noun.start < n_start and before and 0 <= noun.start - before[-1][1] <= 1:
                measure = before[-1][2]  # the verb right before the noun before the number: "مقتل شرطيين اثنين وجرح أربعة"
            elif before and (q_start - before[-1][1] <= 3 or norm[before[-1][1]:q_start].strip() in ALSO):
                measure = before[-1][2]  # the verb right before the number: "استشهاد 17 مواطنا وإصابة 35"
            elif by_party and _joined_to(norm, out, toks[i]):
                measure = out[-1].measure  # "مقتل سبعة من الحوثيين واثنين من السلفيين": the toll goes on
            elif (total := _new_total_measure(nt, lex, lo, n_start)) is not None:
                measure = total  # "ارتفع عدد القتلى ... إلى 53 شخصا، بالإضافة إلى عشرات الجرحى"
            elif after and after[0][2] in ("missing", "captured", "injured") and not any(
                    p in norm[end:after[0][0]] for p in ",،؛"):
                measure = after[0][2]  # "3 عناصر في عداد المفقودين" (not "قتلت الهيئة 88 طفلا، واعتقلت 25": the next toll)
            elif before:
                measure = before[-1][2]
            elif after:
                measure = after[0][2]
        if measure is None:
            i += used
            continue
        qualifier = "exact" if kind == "exact" else "unknown"
        is_total = False
        for q in quals:
            if _q_before(norm, q.end, n_start) and kind == "exact":
                qualifier = q.value
        if qualifier == "exact":
            for q in quals:
                if 0 <= q.start - end <= 3 and q.phrase in AFTER_QUALIFIERS and not norm[end:q.start].strip(" ,،") \
                        and not norm[q.end:q.end + 3].strip()[:1].isdigit():
                    qualifier = q.value  # "29 شخصا على الأقل" (not "..., على الأقل 5 منهم": the next count's)
        if qualifier == "exact" and kind == "exact":
            qualifier = _qualifier_after_party(norm, end, quals, noun_spans, starts) or qualifier
        if ranged is not None and qualifier == "exact":
            qualifier = "at_least"
        if qualifier == "up_to" and norm[max(lo, n_start - 6):n_start].strip().endswith("الي"):
            qualifier = "exact"  # "ارتفع عدد القتلى إلى 20": a new total, not an upper bound
            if NEW_TOTAL.intersection(norm[max(0, n_start - 100):n_start].split()):  # (its sentence may put a comma between)
                if " منذ " in norm[max(lo, n_start - 100):n_start]:
                    i = k + 1
                    continue  # "ارتفع عدد قتلى الشرطة منذ مطلع الشهر إلى 31": a tally over a period, no one event's
                is_total = True
        prev = toks[pi - 1].w if pi > 0 else ""
        prev2 = toks[pi - 2].w if pi > 1 else ""
        # (across a qualifier only after a total: "فراح بينهم حوالي أربعين قتيلا" is the toll itself)
        sub = (_bare(prev) in SUBCOUNT and (pi == i or bool(out))) or (_bare(prev2) in SUBCOUNT and prev in ("من",)) or (
            prev in THEY_ARE and bool(out) and n_start_gap(out[-1], toks[pi])) or (
            # "وبين القتلى 12 طفلا", "ومن بين الضحايا خمسة من الشرطة": a part of the dead told in a clause of its own
            _bare(prev2) == "بين" and prev.startswith("ال") and any(
                toks[i - 1].start <= a < toks[i - 1].end for a, _ in noun_spans))
        if not sub and prev == "و" and out and out[-1].sub and n_start - out[-1].end <= 12:
            sub = True  # "بينهم ثلاثة أطفال و10 من أفراد المعارضة": the second part of the same breakdown
        nested = sub and prev != "و" and bool(out) and out[-1].sub and out[-1].measure == measure and \
            n_start - out[-1].end <= 20
        of = hint or None
        if actor_at is not None and of is None:
            of = actor_at(end)
        if group in ("-", "unknown") and of and of != "Civilians":
            group = "combatants"  # "ستة من أفراد المعارضة": members of an armed party are fighters
        if kind == "exact" and value > MAX_EVENT_TOLL:
            i = k + 1
            continue  # "حرب أودت بحياة أكثر من 70 الف شخص": a tally over months or years, no report event's toll
        if is_total:
            totals.append((len(out), measure))
        out.append(Count(value if kind == "exact" else None, qualifier, measure, group, of, n_start, end, sub, is_total,
                         vague=kind != "exact", others=norm[noun.start:noun.end].startswith("اخر"), nested=nested))
        i = k + 1
    _joint_casualties(norm, out, measure_cues, noun_ms)
    for t, measure in totals:
        for k, c in enumerate(out):
            if k != t and c.measure == measure and not out[t].sub:
                c.sub = True
    # one person, counted by the noun alone: "قتل جندي", "مقتل مدني", "إصابة طفلا" (singular right after the verb);
    # two by a dual ("مقتل جنديين"), or by two singulars joined ("مقتل ضابط ومجند")
    joined: set[int] = set()
    for m in noun_ms:
        measure, group, hint, singular = m.value
        word = norm[m.start:m.end]
        if singular == 2 and measure != "-" and not any(c.start <= m.start < c.end + 2 for c in out):
            out.append(Count(2, "exact", measure, group, hint or None, m.start, m.end))  # "تسلم شهيدين"
            continue
        # (a starred singular with the nominative dual ending is two: "قتل مجندان"; "ين" may be a plural)
        dual = singular == 1 and word == m.phrase + "ان" and not m.phrase.endswith("ا")
        if measure != "-" or not singular or m.start in joined or (word not in (m.phrase, m.phrase + "ا") and not dual) \
                or any(c.start <= m.start < c.end + 2 for c in out):
            continue
        # right after the verb, or after a pronoun pointing back at the event ("وقتل فيها عنصر")
        cue = next((c for c in measure_cues if 0 <= m.start - c[1] <= 1 or
                    (0 <= m.start - c[1] <= 9 and norm[c[1]:m.start].strip() in BACK_POINTERS)), None)
        if cue is None and actor_at is not None and word.endswith("ا"):
            # "اغتال مسلحون مجهولون ضابطا": the doer between the verb and the one it killed (VSO)
            cue = next((c for c in measure_cues if 0 < m.start - c[1] <= 40 and len(norm[c[1]:m.start].split()) <= 4
                        and actor_at(c[1]) is not None), None)
        if cue is None and (word.endswith("ا") or singular == 2):
            # "أن عنصرا قتل وجرح ثلاثة آخرين": the one person told before the verb (accusative after أن); a dual
            # likewise ("أكد المصدر أن شخصين قتلا"): two
            cue = next((c for c in measure_cues if 0 <= c[0] - m.end <= 1), None)
            if cue is None and m.start >= 3 and norm[m.start - 3:m.start] == "ان " and (
                    m.start == 3 or norm[m.start - 4] in " وفب"):
                # "وأكد أن عنصرا في الأمن الوطني قتل": his party told between him and the verb (rule party_before_verb)
                cue = next((c for c in measure_cues if 0 < c[0] - m.end <= 40
                            and PARTY_BEFORE_VERB.fullmatch(norm, m.end, c[0])
                            and not any(0 <= x.start - c[1] <= 1 or x.start <= c[0] < x.end for x in noun_ms)), None)
        if cue is not None:
            if word.startswith("ال") and norm[max(0, cue[0] - 2):cue[0]] == "ال" and norm.startswith("شهيد", cue[0]):
                continue  # "الشهيد الجندي": an epithet of one already dead, retold (no toll verb before it)
            if word.startswith("ال") and any(c.value == 1 and c.measure == cue[2]
                                             and norm[c.start:c.end] in (word, word[2:], word[2:] + "ا") for c in out):
                # "اغتيال الشرعي ... اغتيل الشرعي": a definite noun told again is the same person; so is one told
                # first without the article ("اغتيال صحفي سوري ... اغتيل الصحفي السوري")
                continue
            tail = norm[m.start:m.end + 15]
            if len(tail) - (m.end - m.start) == 15 and any(
                    c.value == 1 and c.measure == cue[2] and c.start < m.start and norm.startswith(tail, c.start)
                    and norm[c.start - min(12, c.start):c.start] == norm[m.start - min(12, c.start):m.start] for c in out):
                # "اغتيال قيادي في تحرير الشام في إدلب - اغتيال قيادي في تحرير الشام في إدلب": the same words told
                # again (a title the page repeats) are the same person (rule phrase_told_again)
                continue
            of = hint or (actor_at(m.end) if actor_at else None)
            if of is None and actor_at is not None:
                # "أن عنصرا قتل وجرح ثلاثة آخرين من وحدات شنكال": the party named after "others" is his too
                o = OTHERS_OF.search(norm, m.end, min(len(norm), m.end + 60))
                of = actor_at(o.end() - 1) if o else None
            n, end = (2 if dual else singular), m.end
            nxt = next((x for x in noun_ms if m.end < x.start <= m.end + 30 and x.value[0] == "-"
                        and (j := JOINED.fullmatch(norm[m.end:x.start]))
                        and ((x.value[3] == 1 and norm[x.start:x.end] in (x.phrase, x.phrase + "ا", x.phrase + "ان", x.phrase + "ين"))
                             or (x.value[3] == 2 and norm[x.start:x.end] == x.phrase)
                             or ONE_OF_END.search(j.group()))), None)  # "وأحد العناصر": one of them
            if nxt is None and n == 1 and word.startswith("ال"):
                # "استشهاد النقيب محمد أمين والمجند رضا أحمد": two definite ranks or trades, each with a name, joined
                # by "و" (no sign, no toll word between): two people (rule named_pair)
                nxt2 = next((x for x in noun_ms if m.end < x.start <= m.end + 60 and x.value[3] == 1
                             and x.value[0] == "-" and x.phrase.startswith("ال") and norm[x.start:x.end] == x.phrase
                             and norm[x.start - 2:x.start] == " و"
                             and not any(p in norm[m.end:x.start] for p in ",،.:؛()")
                             and not any(m.end <= c[0] < x.start for c in measure_cues)
                             and not any(m.end <= y.start < x.start for y in noun_ms)), None)
                if nxt2 is not None:
                    n, end = 2, nxt2.end
                    joined.add(nxt2.start)
            kin = KIN_AFTER.match(norm, end) if nxt is None and n == 1 else None
            if kin is not None and kin.group(1) in KIN:
                n, end = 2, kin.end()  # "ولقي مدرس وزوجته مصرعهما": a person and his kin are two
            elif kin is not None and kin.group(1) in KIN_TWO:
                n, end = 3, kin.end()  # "مقتل امرأة وطفليها": a person and two kin are three
            if nxt is not None and n == 1:
                # "مقتل ضابط ومجند", "مقتل ضابط شرطة مصري ومجند", "قائد عسكري وأحد العناصر": two people, each
                # named by a singular noun (its qualifiers between); "ضابط ومجندان": three
                # a dual after the first ("ضابط وجنديين"), or a singular's "ين" form there ("ضابط ومجندين": a
                # list of people counted one by one goes on with a dual, not a plural of no number): three
                # (rule joined_dual)
                n, end = (3 if nxt.value[3] == 2 or norm[nxt.start:nxt.end] in (nxt.phrase + "ان", nxt.phrase + "ين")
                          else 2), nxt.end
                joined.add(nxt.start)
                if of is None and actor_at is not None:
                    of = actor_at(end)  # "قائد عسكري وأحد العناصر في فيلق الشام": the party after the second
            # "ومن بين القتلى القيادي أبو علي", "وبين الضحايا الطفل سامر": a person named among dead already told is a
            # part of their toll, not a toll of one of its own (rule named_among_dead)
            w0 = cue[0] - 2 if norm[max(0, cue[0] - 2):cue[0]] == "ال" else cue[0]
            among = w0 < cue[0] and norm[max(0, w0 - 6):w0].split()[-1:] in (["بين"], ["وبين"])
            out.append(Count(n, "exact", cue[2], group, of, m.start, end, among))
    _one_of_them(norm, out, measure_cues, noun_ms, actor_at)
    _one_and_others(norm, lo, out, noun_ms, actor_at)
    # counts with no number: "عشرات القتلى" is handled above; "سقوط قتلى" / "خسائر بشرية" here; people told by
    # a plural noun right after the toll verb, how many not said: "قتل عناصر من قوات النظام" (rule plural_no_number)
    for m in noun_ms:
        measure, group, hint, singular = m.value
        if measure == "-" and not singular and norm[m.start:m.end] == m.phrase:
            cue = next((c for c in measure_cues if 0 <= m.start - c[1] <= 1 and c[2] in ("killed", "injured")), None)
            if cue is not None and not any(0 <= c.start - m.end <= 2 for c in out):
                measure = cue[2]  # (not "قتل أطفال أربعة": the number after the noun counts them)
        if measure in ("killed", "injured") and not any(c.start <= m.start < c.end + 2 for c in out):
            if not any(abs(c.end - m.end) < 3 for c in out):
                of = hint or (actor_at(m.end) if actor_at is not None and m.value[0] == "-" else None)
                out.append(Count(None, "unknown", measure, group if group != "-" else "unknown", of, m.start, m.end,
                                 vague=m.value[0] == "-"))
    out.sort(key=lambda c: c.start)
    return out


PARTY_TAIL = re.compile(r"(?:\s+[^\s\d,،.:؛()]+){1,3}\s*")


def _qualifier_after_party(norm: str, end: int, quals: list, noun_spans: list, starts: frozenset) -> str | None:
    """A qualifier that follows the counted noun's party or adjectives qualifies the count: "مقتل 14 من مقاتلي
    الجماعة على الأقل" is at least 14 (up to three words between, no sign, no number, no toll word)."""
    for q in quals:
        if q.phrase not in AFTER_QUALIFIERS or not 0 < q.start - end <= 40:
            continue
        gap = PARTY_TAIL.fullmatch(norm, end, q.start)
        if gap is None or any(w in starts for w in gap.group().split()) \
                or any(end <= a < q.start for a, _ in noun_spans) or norm[q.end:q.end + 3].strip()[:1].isdigit():
            continue
        return q.value
    return None


def _number_near(norm: str, lo: int, hi: int, cue: tuple, lex: Lexicon) -> bool:
    """A digit or a number word within a few words after a toll verb, or right before it ("أن تسعة قتلوا")."""
    after, before = norm[cue[1]:min(hi, cue[1] + 30)], norm[max(lo, cue[0] - 20):cue[0]]
    if any(ch.isdigit() for ch in after) or any(ch.isdigit() for ch in before):
        return True
    starts = _number_starts_clitic(lex)
    return any(w in starts for w in after.split()[:4] + before.split()[-2:])


def _bare_count(norm: str, toks: list[Tok], i: int, j: int, measure_cues: list, quals: list, hi: int) -> str | None:
    """The measure of a figure told with no counted noun, else None.

    Right after a toll verb, with nothing counted after it: "أسفر عن مقتل 28 وإصابة 40", "قتل 2 وأصيب 19 من
    المقاومة", "مقتل وإصابة العشرات" (vague: an unknown toll). Right before a plural toll verb, as its subject:
    "أكد المصدر أن تسعة قتلوا". Not "إصابة 3 منازل" (a word after the figure is what is counted).
    """
    n_start, n_end = toks[i].start, toks[j - 1].end
    q_start = next((q.start for q in quals if _q_before(norm, q.end, n_start)), n_start)
    verb = next((c for c in reversed(measure_cues) if 0 <= q_start - c[1] <= 3), None)
    nxt = toks[j] if j < len(toks) else None
    gap = norm[n_end:nxt.start] if nxt is not None else norm[n_end:hi]
    if gap.strip(" ,،:؛.()") and not gap.lstrip().startswith((".", "،", ",")):
        return None  # "خسر 90 % من المدينة": a sign after the figure says what it is
    if verb is not None:
        if nxt is None or PUNCT_GAP.fullmatch(gap) or nxt.w in BARE_NEXT or toks[j - 1].w == "من" \
                or any(nxt.start <= c[0] <= nxt.start + 1 for c in measure_cues) \
                or any(q.start == nxt.start for q in quals):
            return verb[2]
        return None
    if nxt is not None and not norm[n_end:nxt.start].strip():
        after = next((c for c in measure_cues if c[0] == nxt.start and norm[c[0]:c[1]].endswith("وا")), None)
        before = toks[i - 1].w if i > 0 else ""
        if after is not None and (i == 0 or before in ("ان", "بان", "لان") or norm[toks[i - 1].end:n_start].strip()):
            return after[2]
    return None


def _joined_to(norm: str, out: list[Count], tok: Tok) -> bool:
    """A figure joined by "و" to the count just made, its party's name at most between ("سبعة من الحوثيين واثنين",
    "5 من عناصر التنظيم و3 من"): the same toll goes on, another side's part of it."""
    if not out or out[-1].value is None:
        return False
    gap = norm[out[-1].end:tok.start]
    if len(gap) > 40 or any(p in gap for p in ",،.:؛") or SUBCOUNT.intersection(gap.split()):
        return False
    return tok.w.startswith("و") or gap.rstrip().endswith(" و")


def n_start_gap(total: Count, tok: Tok) -> bool:
    """A breakdown ("بينهم اثنان") right after its total: a few words between at most."""
    return 0 <= tok.start - total.end <= 12


def _joined_to_one(norm: str, toks: list, i: int, nouns: dict, measure_cues: list) -> str | None:
    """A figure joined by "و" to one person told by a singular noun right after a toll verb, a word or two of his
    between at most: "مقتل جندي تركي وسبعة من أعضاء الفصائل" (rule other_side_joined_to_one); the verb's measure."""
    at = toks[i].start if toks[i].w.startswith("و") else (toks[i - 1].start if i > 0 and toks[i - 1].w == "و" else -1)
    if at < 0:
        return None
    first = i if toks[i].w.startswith("و") else i - 1
    for b in range(1, 4):
        if first - b < 0:
            return None
        m = nouns.get(toks[first - b].start)
        if m is not None:
            if m.value[0] != "-" or m.value[3] != 1 or norm[toks[first - b].start:toks[first - b].end] not in (m.phrase, m.phrase + "ا") \
                    or _SIGN.search(norm, m.end, at):
                return None
            cue = next((c for c in measure_cues if 0 <= m.start - c[1] <= 1), None)
            return cue[2] if cue else None
    return None


def norm_gap_is_space(a: Tok, b: Tok) -> bool:
    return b.start - a.end == 1


def _noun_before(toks: list[Tok], i: int, nouns: dict, measure_cues: list) -> Match | None:
    """A plural noun right before a number word, right after a toll verb: "قتل أطفال أربعة"; an adjective that agrees
    with it may stand between: "لقي عسكريين روسيين اثنين حتفهم" is two (rule adjective_before_number)."""
    k = i - 1
    adj = nouns.get(toks[k].start)
    if i > 1 and toks[k].w[-2:] in ("ين", "ون") and toks[k - 1].w[-2:] == toks[k].w[-2:] and len(toks[k].w) > 4 \
            and (adj is None or adj.value[1] == "unknown") and toks[k - 1].start in nouns \
            and norm_gap_is_space(toks[k - 1], toks[k]) and toks[k - 1].start not in (adj.start if adj else -1,):
        k -= 1  # (the adjective, a nationality, may be a noun of people of its own: "مصريين")
    m = nouns.get(toks[k].start)
    if m is None or m.end != toks[k].end or m.value[3] and not (
            m.value[3] == 1 and toks[k].w in (m.phrase + "ين", m.phrase + "ون")):  # "قتل شرطيين اثنين"
        if k == i - 1:
            return None
        k, m = i - 1, adj
        if m is None or m.end != toks[k].end or m.value[3] and not (
                m.value[3] == 1 and toks[k].w in (m.phrase + "ين", m.phrase + "ون")):
            return None
    if any(0 <= m.start - c[1] <= 1 for c in measure_cues):
        return m
    return None


def _new_total_measure(nt: NormText, lex: Lexicon, lo: int, n_start: int) -> str | None:
    """"وارتفع عدد القتلى في الانفجار الذي وقع قرب المقر إلى 53 شخصا": the measure named after the rising verb."""
    norm = nt.norm
    if not norm[max(lo, n_start - 6):n_start].strip().endswith("الي"):
        return None
    # (the sentence may set the place of the event off by commas, so the clause's start is no bound: back to
    # the sentence's start, at most 160 characters)
    w0 = max(norm.rfind(".", 0, n_start) + 1, n_start - 160, 0)
    window = norm[w0:n_start]
    rise = max((window.rfind(w) for w in NEW_TOTAL), default=-1)
    if rise < 0:
        return None
    rise += w0
    if " منذ " in norm[rise:n_start]:
        return None  # "يرتفع عدد القتلى ... منذ 20 تموز إلى 18": a tally over a period
    verbs = [MEASURES[m.value] for m in lex.cue_matcher.find(nt, rise, n_start) if m.value in MEASURES]
    return verbs[0] if verbs else None


KIN = frozenset(normalize(r[1]) for r in read_tsv("role_words.tsv") if r[0] == "kin")
KIN_TWO = frozenset(normalize(r[1]) for r in read_tsv("role_words.tsv") if r[0] == "kin_two")
KIN_AFTER = re.compile(r"\s+و(\S+)")
ONE_OF = frozenset(normalize(r[1]) for r in read_tsv("role_words.tsv") if r[0] == "one_of")


_NEXT_WORD = re.compile(r"\s+(\S+)")  # (compiled once: regex's own cache costs a microsecond a call)


def _one_of_them(norm: str, out: list[Count], measure_cues: list, noun_ms: list[Match], actor_at) -> None:
    """"مقتل أحد الناشطين", "أسفر عن مقتل أحدهم": one of a group of people, right after the toll verb, is one
    person (not "سقوط أحد الصواريخ": one of the people, or of a party, must be named)."""
    for c in measure_cues:
        w = _NEXT_WORD.match(norm[c[1]:c[1] + 16])
        if w is None or w.group(1) not in ONE_OF:
            continue
        a, b = c[1] + w.start(1), c[1] + w.end(1)
        if any(x.start <= a < x.end + 2 for x in out):
            continue
        if w.group(1) in ("احد", "احدي") and not (
                any(b < x.start <= b + 4 for x in noun_ms) or (actor_at is not None and actor_at(b))):
            continue
        out.append(Count(1, "exact", c[2], "unknown", None, a, b))


OTHERS = re.compile(r"\b(?:اخرين|اخرون|اخري)\b")


def _one_and_others(norm: str, lo: int, out: list[Count], noun_ms: list[Match], actor_at=None) -> None:
    """One person and N others told together are N + 1: "إن قياديا في التنظيم وخمسة مسلحين آخرين قتلوا" is six.

    The one is a singular noun of a person not counted on its own, up to 30 characters before "و" + the
    figure, no comma between; "others" follows the figure's noun.
    """
    for k, c in enumerate(out):
        if c.value is None or c.sub or not OTHERS.search(norm, c.end, min(len(norm), c.end + 25)):
            continue
        if not (norm[c.start:c.start + 1] == "و" or norm[max(lo, c.start - 2):c.start] == "و "):
            continue
        one = next((m for m in reversed(noun_ms) if m.value[3] == 1 and m.value[0] == "-" and m.end <= c.start
                    and c.start - m.end <= 30 and not any(p in norm[m.end:c.start] for p in ",،.")
                    and not any(o.start <= m.start < o.end for o in out)), None)
        if one is not None:
            # "قياديا في تنظيم داعش وخمسة متطرفين آخرين": the one's party is theirs too
            of = c.of or (actor_at(one.end) if actor_at is not None else None)
            out[k] = Count(c.value + 1, c.qualifier, c.measure, c.group, of, one.start, c.end, c.sub)


BETWEEN_DEAD_AND_HURT = re.compile(r"\s*(?:ما\s+)?بين\s+(?:قتيل|قتلي|شهيد|شهداء)\s+و\s*(?:جريح|جرحي|مصاب|مصابين)")


def _joint_casualties(norm: str, out: list[Count], measure_cues: list, noun_ms: list[Match]) -> None:
    """One figure for the killed and the wounded together says nothing of the dead alone.

    "مقتل وإصابة نحو 25 قرويا", "قتل وأصيب عدد من العناصر", "أكثر من 50 قتيلا وجريحا": the dead are an
    unknown part of the figure (value None, qualifier unknown), the wounded too.
    """
    for k, c in enumerate(out):
        joint = False
        if c.measure == "injured":
            verb = next((v for v in reversed(measure_cues) if v[1] <= c.start and c.start - v[1] <= 25), None)
            # (not a verb agreeing with a subject told before it: "إن ثمانية قتلوا وأصيب 18 آخرون" counted the dead
            # already, and the 18 are the wounded alone (rule dead_before_their_verb))
            joint = verb is not None and any(
                v[2] == "killed" and norm[v[1]:verb[0]].strip() in ("و", "") and v[1] <= verb[0]
                and not norm[v[0]:v[1]].endswith(("قتلوا", "قتلا")) for v in measure_cues if v is not verb)
        if not joint and BETWEEN_DEAD_AND_HURT.match(norm, c.end):
            joint = True  # "سقط نحو خمسين شخصا بين قتيل وجريح": the dead are some of the fifty
        elif c.measure == "killed":
            after = norm[c.end:c.end + 12].split()
            # the next word is "و" + a noun of the wounded: "50 قتيلا وجريحا" (not "20 قتيلا و35 جريحا")
            joint = bool(after) and after[0].startswith("و") and not after[0][1:2].isdigit() and any(
                x.value[0] == "injured" and c.end <= x.start <= c.end + 3 for x in noun_ms)
        if joint and not c.sub:
            out[k] = Count(None, "unknown", c.measure, c.group, c.of, c.start, c.end, c.sub, joint=c.value)
            if c.measure == "injured" and not any(o.measure == "killed" and abs(o.start - c.start) < 30 for o in out):
                out.append(Count(None, "unknown", "killed", c.group, c.of, c.start, c.end, c.sub, joint=c.value))


def sum_qualifier(quals) -> str:
    """The qualifier of a sum of figures (spec): exact when all are, at least when any is a lower bound ("أكثر من
    9"), else about ("نحو 29" and "8": about 37)."""
    quals = set(quals)
    return "exact" if quals == {"exact"} else "at_least" if quals & {"more_than", "at_least"} else "about"


def combine(counts: list[Count], measure: str) -> dict | None:
    """One toll for an event from the counts of one measure (spec: sums, at_least for lower bounds)."""
    cs = [c for c in counts if c.measure == measure and not c.sub]
    if not cs:
        return None
    numbered = [c for c in cs if c.value is not None]
    if not numbered:
        c = cs[0]
        parts = [x for x in counts if x.measure == measure and x.sub and x.value is not None and x.start > c.start
                 and not x.nested and (c.vague or x.start - c.end <= 10)]  # (a bare "القتلى" right before its part)
        if parts:
            # "قتل العشرات بينهم ثلاثة أطفال", "وبين القتلى سبعة أطفال": a vague or unnumbered total with a known
            # part is that part, at least (the spec)
            groups = {x.group for x in parts}
            return {"value": sum(x.value for x in parts), "qualifier": "at_least", "part": True,
                    "group": groups.pop() if len(groups) == 1 and c.group in ("unknown", "-") else "mixed",
                    "of": parts[0].of if len(parts) == 1 and c.group in ("unknown", "-") else None}
        out = {"value": None, "qualifier": "unknown", "group": c.group if c.group != "-" else "unknown", "of": c.of}
        if c.joint:
            out["joint"] = c.joint  # (so a later stage can tell "50 قتيلا" told elsewhere is this figure)
        return out
    # one figure told twice ("13 قتيلا في انفجار ... إن 13 شخصا قتلوا"): the same number, one of them of no side
    # named (a generic noun: قتيلا، شخصا), not joined to the other by "و", is one toll; "13 جنديا و13 مسلحا" are two
    # sides, 26, and "خمسة أشخاص و5 آخرين" ten
    # (the figures told before, by number and qualifier: the side each was told of and where its first telling
    # ends; one pass, not every earlier figure again for each, which made one event told a thousand times quadratic)
    told: dict[tuple, dict[tuple, int]] = {}
    kept = []
    for c in numbered:
        sides = told.setdefault((c.value, c.qualifier), {})
        generic = c.group == "unknown" and not c.of
        if c.others or not (c.value > 1 and any(
                end < c.start - 4 and (side == (c.group, c.of) and generic
                                       or side != (c.group, c.of) and (generic or side == ("unknown", None) or (
                                           side[0] == "unknown" and not side[1])))
                for side, end in sides.items())):
            kept.append(c)
        side = (c.group, c.of)
        sides[side] = min(sides.get(side, c.end), c.end)
    numbered = kept
    totals = [c for c in numbered if c.total]
    if totals and len(numbered) > 1:
        numbered = totals[-1:]  # "ارتفعت الحصيلة إلى 5": the update replaces the figures before it (the spec)
    if len(numbered) == 1:
        c = numbered[0]
        group, of = (c.group if c.group != "-" else "unknown"), c.of
        # "24 مواطنا بينهم ستة من أفراد المعارضة": a breakdown naming fighters among civilians makes it mixed
        parts = {x.group for x in counts if x.measure == measure and x.sub} - {"-", "unknown", group}
        if parts and group in ("civilians", "combatants", "unknown"):
            group, of = "mixed", None
        elif of is None:
            # "مقتل 52 عنصرا من بينهم اثنان من قياديي داعش": a breakdown of one party names the total's
            owners = {x.of for x in counts if x.measure == measure and x.sub and x.of}
            if len(owners) == 1:
                of = owners.pop()
        out = {"value": c.value, "qualifier": c.qualifier, "group": group, "of": of}
        if c.total:
            out["total"] = True
        return out
    groups = {c.group for c in numbered}
    total = sum(c.value for c in numbered)
    quals = {c.qualifier for c in numbered}
    q = sum_qualifier(quals)
    group = "combatants" if groups == {"combatants"} else "civilians" if groups == {"civilians"} else "mixed"
    # the figures summed, so a later stage can tell this toll holds one told elsewhere
    return {"value": total, "qualifier": q, "group": group, "of": None, "parts": tuple(c.value for c in numbered)}

