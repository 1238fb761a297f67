"""Nationality: a nationality adjective or a country near the event word names a party
(nationality.tsv): who struck ("قصف جوي روسي") or whom a strike hit ("موقعا عسكريا إيرانيا")."""
from __future__ import annotations

from ..lexicon import Match
from .rules import describe, rule
from .rules import note
from .words import FORCE_NOUNS, NAME_RE, PERSON_NOUNS, STRIKE_ADJECTIVES, TARGET_WORDS, nationality_of


def target_nationality(ctx, t: Match, hi: int) -> Match | None:
    """"قصف الطيران موقعا عسكريا إيرانيا": a target word with a nationality within two words after it."""
    words = list(NAME_RE.finditer(ctx.nt.norm, t.end, hi))
    for k, w in enumerate(words):
        if w.group() in TARGET_WORDS and w.group() not in ("من", "مع"):
            # ("من القواعد التركية" is where fire came from; "الحدود مع تركيا" a border)
            for x in words[k + 1:k + 3]:
                aid = nationality_of(x.group())
                if aid:
                    return Match(x.start(), x.end(), aid, x.group())
    return None


describe(__name__, "person_nationality", """A nationality after a noun of people who are no state's troops (role_words.tsv
``person_noun``) tells where they are from: "قتل مقاتل سعودي في حلب", "قتل مواطن أردني في قصف" name neither
Saudi forces among the dead nor a Jordanian strike.""", reads="role_words.tsv person_noun")


describe(__name__, "definite_nationality", """A definite nationality adjective right after the strike word, or after
its adjective of kind, names who struck as the indefinite one does: "الغارة الإسرائيلية على مركز البحوث",
"القصف الجوي الروسي" (not a target's: "قصف المواقع التركية" has a noun between).""", reads="role_words.tsv strike_adjective")


def in_party(ctx, start: int, end: int) -> bool:
    """The adjective is part of a party's name ("جنود أتراك", "القوات الروسية"): that party is named, it
    needs no second reading as a nationality."""
    return any(a.start <= start and end <= a.end for a in ctx.within(ctx.actors, max(0, start - 40), start + 1))


def nationality_before(ctx, t: Match, lo: int) -> Match | None:
    """"لعدوان إسرائيلي بالصواريخ", "طائرات روسية قصفت", "فرنسا تقصف": a nationality or country within three
    words before the strike, in what is told ("ذكرت وكالات روسية أن الانفجار": not in who told it)."""
    words = list(NAME_RE.finditer(ctx.nt.norm, max(lo, t.start - 40), t.start))[-3:]
    for w in reversed(words):
        if w.group() in ("ان", "بان", "وان"):
            return None
        aid = nationality_of(w.group())
        if aid and not in_party(ctx, w.start(), w.end()) and not of_person(ctx, w.start()):
            return Match(w.start(), w.end(), aid, w.group())
    return None


# verbs of launching a strike ("نفذت تركيا ضربات", "شنت إسرائيل غارات") and the auxiliaries that may stand before
# their subject ("وكانت تركيا نفذت ...")
_LAUNCH = ("نفذ", "شن", "وجه")
_AUX = {"كانت", "كان", "قد", "وكانت", "وكان", "وقد"}


@rule("country_launched", reads="nationality.tsv")
def country_launched(ctx, t: Match, lo: int) -> Match | None:
    """Rule country_launched: a country (or nationality) as the subject of a verb of launching whose object is the
    strike, with a day or a place between: "وكانت تركيا نفذت، السبت الماضي، ضربات جوية على معاقل الحزب",
    "ونفذت فرنسا أمس غارات على مواقع التنظيم" (a country right before the strike word is read already)."""
    words = list(NAME_RE.finditer(ctx.nt.norm, max(lo, t.start - 70), t.start))[-7:]
    for k, w in enumerate(words):
        v = w.group()
        v = v[1:] if v[:1] in "وف" and len(v) > 3 else v
        if not v.startswith(_LAUNCH) or len(v) > 5:
            continue
        for x in (words[k + 1:k + 2] + [y for y in words[max(0, k - 2):k] if y.group() not in _AUX][-1:]):
            aid = nationality_of(x.group())
            if aid and not in_party(ctx, x.start(), x.end()) and not of_person(ctx, x.start()):
                note(ctx, "country_launched", f"«{ctx.said(x.start(), x.end())}» «{ctx.said(w.start(), w.end())}»")
                return Match(x.start(), x.end(), aid, x.group())
    return None


def of_person(ctx, start: int) -> bool:
    """"قتل مواطن أردني في قصف": a nationality after a noun of people tells where they are from, not who struck
    (rule person_nationality)."""
    before = ctx.nt.norm[max(0, start - 20):start].split()[-1:]
    return bool(before) and (before[0].lstrip("و") in PERSON_NOUNS or before[0].lstrip("و") in FORCE_NOUNS)


def nationality_after(ctx, t: Match, hi: int) -> Match | None:
    """"قصف جوي روسي": a nationality adjective within two words after the strike names who struck."""
    words = list(NAME_RE.finditer(ctx.nt.norm, t.end, min(hi, t.end + 60)))
    for k, w in enumerate(words[:2]):
        aid = nationality_of(w.group())
        if aid is None and w.group().startswith("ال") and (k == 0 or words[0].group() in STRIKE_ADJECTIVES):
            aid = nationality_of(w.group()[2:])  # rule definite_nationality: "الغارة الإسرائيلية", "القصف الجوي الروسي"
            if aid and not in_party(ctx, w.start(), w.end()):
                note(ctx, "definite_nationality", f"«{ctx.said(w.start(), w.end())}»")
        if aid and not in_party(ctx, w.start(), w.end()):
            return Match(w.start(), w.end(), aid, w.group())
    # "قصف مدفعي من القواعد التركية", "من الجانب التركي": fire from a nationality's side is its own
    for k, w in enumerate(words[:3]):
        if w.group() == "من":
            for x in words[k + 1:k + 3]:
                aid = nationality_of(x.group())
                if aid:
                    return Match(x.start(), x.end(), aid, x.group())
    return None
