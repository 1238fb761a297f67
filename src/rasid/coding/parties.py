"""Parties: which words name which party in this document, before any clause is coded.

The lexicon's matches of actors.tsv are read once more in the light of the whole text: a local alias in
the country the text is set in, a noun of arms with a nationality, a generic name or a head noun standing
for the party named most, civilians said unharmed, "القاعدة" as a base, a party's name as a place's name.
Each reading is a rule; with a trace, what each one changed is recorded.
"""
from __future__ import annotations

import bisect
import itertools
import re

from ..arabic import NormText, normalize
from ..lexicon import Lexicon, Match, read_tsv
from ..model import Document
from .rules import describe, note, rule
from .words import (BODY_NOUNS, RELATIVE, POPULATION, ARMED_PERSONS, MEMBERS, DUAL_HEADS, ABSENT_FROM, ACCUSED, ACCUSED_TIES, UNIT_WORDS, ALLEGIANCE, SOURCE_NOUNS, MEDIA_OWNED, BELONGS, UNKNOWN_DOER, BACKED, PROXIES, BORDER, ANAPHORS, BASE_ADJECTIVES, FORCE_NOUNS, FORCE_RE, GENERIC, GENERIC_DEFINITE, HEDGED, NAME_RE,
                    NO_HARM, PLACE_NAME_CUES, _ANAPHOR_MATCHER, nationality_of)


class Covers:
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


def read(ctx, found: dict) -> list[Match]:
    """The document's parties: the lexicon's matches, then each reading below in turn."""
    doc, nt, lex = ctx.doc, ctx.nt, ctx.lex
    actors = found["actors"] if "actors" in found else lex.actor_matcher.find(nt)
    theatres = found["theatres"] if "theatres" in found else lex.theatre_matcher.find(nt)
    theatres = ha_is_no_ta(ctx, nt, lex, theatres)
    actors = _traced(ctx, "dual_shared", actors, dual_shared(nt, lex, actors))
    ctx.named = actors  # every name of a party, before the readings drop some (a headline's doer: rule headline_present)
    actors = _traced(ctx, "local_alias_theatre", actors, local_alias_theatre(doc, nt, lex, actors, theatres))
    read_as = {id(a): _force_member(nt, lex, a) for a in actors}
    ctx.force_members = [a for a in actors if read_as[id(a)] == "member"]
    if any(read_as.values()):
        actors = _traced(ctx, "force_member_no_party", actors, [a for a in actors if not read_as[id(a)]])
    actors = _traced(ctx, "force_nationality", actors, force_nationality(nt, lex, actors))
    actors = _traced(ctx, "force_in_country", actors, force_in_country(nt, lex, actors, theatres))
    actors = _traced(ctx, "arms_owner", actors, arms_owner(nt, lex, actors))
    actors = _traced(ctx, "civilians_unharmed", actors, civilians_unharmed(nt, actors))
    place_cues = found["place_cues"] if "place_cues" in found else lex.place_cues.find(nt)
    actors = _traced(ctx, "name_of_place", actors, name_of_place(nt, actors, place_cues))
    actors = _traced(ctx, "border_reference", actors, border_reference(nt, actors))
    actors = _traced(ctx, "accused_tie", actors, accused_tie(nt, actors))
    actors = _traced(ctx, "absent_from", actors, absent_from(nt, actors))
    actors = _traced(ctx, "backed_proxy", actors, backed_proxy(nt, actors, theatres))
    actors = _traced(ctx, "gunmen_of_a_party", actors, gunmen_of_a_party(nt, actors))
    actors = _traced(ctx, "qaeda_base", actors, qaeda_base(nt, actors))
    actors = _traced(ctx, "another_body", actors, another_body(nt, actors))
    actors = _traced(ctx, "anaphor_party", actors, anaphor_party(nt, actors, lex))
    return _traced(ctx, "generic_party", actors, generic_party(actors))


describe(__name__, "force_member_own_sentence", """A word for one soldier or policeman ("جنود", "شرطيين", a local alias of
a state's forces) is read by its own sentence, not by the article: by the one country whose places the sentence names,
when no adjective or force of another country is told there too. "قتل جنديان بانفجار لغم في ولاية ماردين" is Turkey's
dead; "قال الجيش التركي إن جنديين قتلا في غارات على شمال العراق" tells no Iraqi soldier, and a sentence naming no
place tells no country, unless it is called the government's ("جنديا نظاميا", "جنود حكوميين": the article's country's);
"جنود منشقين" (defectors) are none of the state's.""",
         reads="theatres.tsv place and adjective rows, actors.tsv")


@rule("force_member_no_party", reads="actors.tsv column 6 (local aliases), role_words.tsv armed_person")
def _force_member(nt: NormText, lex: Lexicon, a: Match) -> str:
    """A word for one soldier or policeman read by the country the text is set in (a one-word local alias that is a
    role_words.tsv ``armed_person``: "جنود", "جنديين", "مجندين", "شرطيين") names no party that acts: "قتل ثلاثة جنود"
    tells whose dead they are (rule counted_force_member), never who attacked ("member"). With a country's adjective
    after it, it is no reading of the text's country ("other"): the adjective tells whose ("جنود أتراك", rule
    force_nationality; "الجنود السوريين" in a story from Iraq)."""
    if " " in a.phrase or a.phrase not in ARMED_PERSONS or (a.phrase, a.value) not in lex.local_aliases or \
            lex.actors[a.value].kind not in ("state", "external"):
        return ""
    from .context import _nisba
    nxt = NAME_RE.match(nt.norm, a.end + 1) if nt.norm[a.end:a.end + 1] == " " else None
    return "member" if nxt is None or not _nisba(nxt.group()) else "other"


def _traced(ctx, name: str, before: list[Match], after: list[Match]) -> list[Match]:
    """Record what a reading changed (only when tracing): the parties it dropped, added or read otherwise."""
    if ctx.trace is None or after is before:
        return after
    old = {(a.start, a.end, a.value) for a in before}
    new = {(a.start, a.end, a.value) for a in after}
    for s, e, v in sorted(new - old):
        note(ctx, name, f"«{ctx.said(s, e)}» is {v}")
    for s, e, v in sorted(old - new):
        if not any(x[0] == s and x[1] == e for x in new):
            note(ctx, name, f"«{ctx.said(s, e)}» names no party ({v} dropped)")
    return after


# a dual noun (role_words.tsv dual_head) and the two adjectives it shares: "الجيشين النظامي والحر"
_DUAL = re.compile(r"(?<!\S)[وبل]?(" + "|".join(map(re.escape, DUAL_HEADS)) + r")\s+([^\s،,.]+)\s+و([^\s،,.]+)") \
    if DUAL_HEADS else None


@rule("dual_shared", reads="role_words.tsv dual_head, actors.tsv")
def dual_shared(nt: NormText, lex: Lexicon, actors: list[Match]) -> list[Match]:
    """A dual noun shared by two adjectives names two parties, each the noun's singular with one adjective:
    "اشتباكات بين الجيشين النظامي والحر" is between "الجيش النظامي" and "الجيش الحر" (in that order),
    "الجيشين السوري والروسي" the Syrian and the Russian armies."""
    norm = nt.norm
    if _DUAL is None or not any(h in norm for h in DUAL_HEADS):
        return actors  # (most texts have no dual of the kind: no search)
    extra = []
    for d in _DUAL.finditer(norm):
        one = d.group(1)[:-2]  # "الجيشين" -> "الجيش"
        for k in (2, 3):
            name = f"{one} {d.group(k)}"
            got = [m for m in lex.actor_matcher.find(name) if m.start == 0 and m.end == len(name)]
            if got:
                extra.append(Match(d.start(k), d.end(k), got[0].value, got[0].phrase))
    if not extra:
        return actors
    taken = {(a.start, a.end) for a in extra}
    return sorted([a for a in actors if (a.start, a.end) not in taken] + extra, key=lambda a: (a.start, a.end))


@rule("ha_is_no_ta", reads="theatres.tsv")
def ha_is_no_ta(ctx, nt: NormText, lex: Lexicon, words: list[Match]) -> list[Match]:
    """A place of theatres.tsv spelt with a final "ة" is not read from a word the text ends with "ه" (the two are one
    letter once normalised): "وأضاف في حديثه للموقع أن قوات النظام قصفت البلدة" is "in his talk", not Haditha in
    Iraq, and sets the sentence in no country."""
    keep = []
    for w in words:
        if w.phrase in lex.theatre_ta:
            s, e = nt.span(w.start, w.end)
            if nt.text[s:e].rstrip().endswith("ه"):
                note(ctx, "ha_is_no_ta", f"«{nt.text[s:e]}» is no place of {w.value[0]}")
                continue
        keep.append(w)
    return keep


# (rule force_member_own_sentence) "نظاميا", "حكوميين": a soldier word with one of these is the government's forces
GOVERNMENT_ADJECTIVES = frozenset(normalize(w) for w in "نظامي نظاميا نظاميين نظاميون نظاميان حكومي حكوميا حكوميين حكوميون حكوميان".split())


@rule("local_alias_theatre", reads="actors.tsv column 6 (local aliases), theatres.tsv, outlets.tsv")
def local_alias_theatre(doc: Document, nt: NormText, lex: Lexicon, actors: list[Match], words: list[Match]) -> list[Match]:
    """Local aliases (actors.tsv column 6) read in the country the text is set in: "الجيش" is the Syrian
    army in Syria, the Egyptian one in Egypt; "التحالف" the US-led coalition in Iraq, the Saudi-led one in
    Yemen. A sentence naming places of one country only (theatres.tsv) is set there (a name of that list the
    gazetteer read in context as an admin unit or seat of the article's own country counts for the article's:
    "مديرية المنصورة" in a story from Aden is Aden's district, not the Egyptian city); else the article is
    set in the country its place names and adjectives and its parties of one country ("الحوثيين") point
    to most, its outlet's home (outlets.tsv) breaking a tie; one that names no country is set in its
    outlet's home, else in the default theatre (theatres.tsv: Syria, "قرية مراط" alone). A local alias of no country the text is set
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
    # no place, adjective or party of one country: the outlet's home, else the default theatre
    article = max(votes, key=lambda c: (votes[c], -first[c])) if votes else (home or lex.default_theatre)
    places = [w for w in words if w.value[1] == "place"]
    bounds = sorted((bisect.bisect_left(nt.pos, s.start) if nt.pos is not None else s.start)
                    for s in doc.spans_of("sentence"))

    places.sort(key=lambda w: w.start)
    place_starts = [w.start for w in places]

    # the countries the gazetteer resolved the text's places in (by norm offset)
    resolved = sorted(((bisect.bisect_left(nt.pos, s.start) if nt.pos is not None else s.start), s.value)
                      for s in doc.spans_of("place_country"))
    resolved_starts = [r[0] for r in resolved]

    def namesake(w: Match) -> str:
        """The country of a theatre's place name, unless the gazetteer read it in context as a namesake in
        the article's own country ("حي المنصورة" in an article set in Aden is the quarter of Aden, not the
        Egyptian city)."""
        k = bisect.bisect_left(resolved_starts, w.start)
        return article if k < len(resolved) and resolved[k][0] < w.end and resolved[k][1] == article else w.value[0]

    # the one-country words of each kind a soldier or policeman word reads its sentence by (rule
    # force_member_own_sentence): places, adjectives, and state forces named in full ("الجيش التركي")
    tells = sorted([(w.start, w.value[0]) for w in words]
                   + [(b.start, lex.actors[b.value].theatres[0]) for b in actors
                      if (b.phrase, b.value) not in local and b.value in lex.actors
                      and lex.actors[b.value].kind in ("state", "external") and len(lex.actors[b.value].theatres) == 1])
    tell_starts = [t[0] for t in tells]
    # the parties of one country that are no state's (rule force_member_party_country): "الحوثيين", "الصحوات"
    kin = sorted((b.start, lex.actors[b.value].theatres[0]) for b in actors
                 if (b.phrase, b.value) not in local and b.value in lex.actors
                 and lex.actors[b.value].kind not in ("state", "external") and len(lex.actors[b.value].theatres) == 1)
    kin_starts = [t[0] for t in kin]

    def theatre(a: Match) -> str | None:
        k = bisect.bisect_right(bounds, a.start)
        lo = bounds[k - 1] if k else 0
        hi = bounds[k] if k < len(bounds) else len(nt.norm)
        if " " not in a.phrase and a.phrase in ARMED_PERSONS and a.value in lex.actors and \
                lex.actors[a.value].kind in ("state", "external"):
            # rule force_member_own_sentence: "جنود", "شرطيين" read their own sentence's one country, else none
            nxt = NAME_RE.match(nt.norm, a.end + 1) if nt.norm[a.end:a.end + 1] == " " else None
            if nxt is not None and nxt.group() in GOVERNMENT_ADJECTIVES:
                return article  # "جنديا نظاميا", "جنود حكوميين": the government's of the country the article is set in
            if nxt is not None and nxt.group().startswith(("منشق", "المنشق")):
                return None  # "جنود منشقين": soldiers who left the state's forces are none of its
            # (a place of that country told there, and no adjective or force of another one: "جنديين" in "قال الجيش
            # التركي إن جنديين قتلا ... في شمال العراق" is no Iraqi soldier)
            here = {namesake(w) for w in places[bisect.bisect_left(place_starts, lo):bisect.bisect_left(place_starts, hi)]}
            told = {c for _, c in tells[bisect.bisect_left(tell_starts, lo):bisect.bisect_left(tell_starts, hi)]}
            if not here and not told:
                # rule force_member_party_country: no place nor force of a country in the sentence, but a party
                # of one country: "قتل جنديان في هجوم للحوثيين" are Yemen's soldiers
                foes = {c for _, c in kin[bisect.bisect_left(kin_starts, lo):bisect.bisect_left(kin_starts, hi)]}
                if foes == {article}:  # (and the article's: "قتل جنديان في هجوم للوحدات" in a story from Turkey)
                    return article
            return next(iter(here)) if len(here) == 1 and told <= here else None
        # (the sentence's places by bisect, not a scan of the document's per party)
        here = {namesake(w) for w in places[bisect.bisect_left(place_starts, lo):bisect.bisect_left(place_starts, hi)]}
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


@rule("force_nationality", reads="role_words.tsv force, nationality.tsv")
def force_nationality(nt: NormText, lex: Lexicon, actors: list[Match]) -> list[Match]:
    """"مقاتلات تركية", "مدفعية إيرانية", "طائرات حربية فرنسية", "سلاح الجو الإسرائيلي": a noun for a state's arms
    or troops (role_words.tsv ``force``) with a nationality (nationality.tsv) up to two words after it (not
    counting "يرجح أنها"), in the same phrase, is that state's forces, over a shorter name of another
    country's inside it ("طائرات حربية", Syria's local alias; not "قوات الأمن" of "قوات الأمن التركية",
    Turkey's police); a definite noun takes a definite adjective ("المدفعية التركية"), and "طائرات روسية
    الصنع" is no one's."""
    norm = nt.norm
    extra, inside = [], set()
    named = Covers((a.start, a.end) for a in actors)  # (a bisect per word, not a scan of every party)
    by_start = sorted(actors, key=lambda a: a.start)
    starts = [a.start for a in by_start]
    longest = max((a.end - a.start for a in actors), default=0)

    def covering(x: int) -> list[Match]:
        """The parties whose name holds offset x (those starting at most the longest name before it)."""
        return [a for a in by_start[bisect.bisect_left(starts, x - longest):bisect.bisect_right(starts, x)] if x < a.end]

    for w in FORCE_RE.finditer(norm):  # the nouns of arms or troops, as whole words; then the seven words after
        words = [w, *itertools.islice(NAME_RE.finditer(norm, w.end()), 7)]
        k = 0
        g = w.group()
        if not _nationality_ahead(words):
            continue  # (most nouns of arms have none among their next three words: the rest is not read)
        if named.reach(w.start() - 1) > w.start():
            continue  # inside another party's name ("قوات سوريا الديمقراطية" is no Syrian force)
        own = [a for a in covering(w.start()) if a.start == w.start()]  # a name starting with the noun ("طائرات حربية")
        between = 0
        for j in range(k + 1, min(k + 7, len(words))):
            x = words[j]
            if x.group() in HEDGED:
                continue  # "طائرات حربية يرجح أنها روسية"
            between += 1
            if between > 3:
                break
            if norm[words[j - 1].end():x.start()].strip() != "" or (named.reach(x.start()) > x.start() and any(
                    a not in own for a in covering(x.start()))):
                break  # a comma or stop between, or another party's name
            xg = x.group()
            if xg in ("في", "على", "من", "ضد", "مع", "الي", "عن", "بين", "منذ", "قرب", "او") or xg.startswith("و") \
                    or (xg.startswith("ب") and xg != "بدون"):
                break  # another phrase ("قوات النظام بدعم روسي", "الطيران السوري أو الروسي")
            aid = nationality_of(xg) or (nationality_of(xg[2:]) if xg.startswith("ال") else None)
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

# generic names of a state's forces, read as one country's when "في" and the country's name follow; a name
# no country lists as a local alias (actors.tsv column 6) is the army's ("الجيش")
_GENERIC_FORCES = tuple(normalize(x) for x in (
    "القوات الخاصة", "قوات الأمن", "قوى الأمن", "قوات الشرطة", "الشرطة", "الجيش", "قوات الجيش", "القوات المسلحة",
    "القوات الحكومية", "الأجهزة الأمنية", "أجهزة الأمن", "رجال الأمن", "رجال الشرطة"))
_GENERIC_IN = re.compile(r"(?<!\S)[وفبل]?(" + "|".join(sorted(map(re.escape, _GENERIC_FORCES), key=len, reverse=True))
                         + r")\s+في\s+")
_FORCE_OF: dict = {}
_COUNTRY_NAMES: set = set()
_ARMY_ONLY = frozenset(normalize(x) for x in ("القوات الخاصة", "القوات المسلحة", "القوات الحكومية", "قوات الجيش"))


def _force_of(lex: Lexicon, country: str, name: str) -> str | None:
    """The state party of ``country`` that the generic ``name`` stands for there (its local alias), else its army."""
    if not _FORCE_OF:
        seen: dict = {}
        for (k, aid), where in lex.local_aliases.items():
            a = lex.actors.get(aid)
            if a is not None and a.kind == "state" and len(where) == 1:
                seen.setdefault((next(iter(where)), k), set()).add(aid)
        _FORCE_OF.update({key: next(iter(v)) for key, v in seen.items() if len(v) == 1})
        _FORCE_OF[None] = None
    if (country, name) in _FORCE_OF:
        return _FORCE_OF[(country, name)]
    return _FORCE_OF.get((country, normalize("الجيش"))) if name in _ARMY_ONLY else None


def _country_names(lex: Lexicon) -> frozenset:
    """The countries' own names: the first name of each place row of theatres.tsv and its other spellings
    ("سوريا", "سورية"), not its cities."""
    if not _COUNTRY_NAMES:
        for r in read_tsv("theatres.tsv"):
            if len(r) > 2 and r[1] == "place":
                names = [normalize(x.strip()) for x in r[2].split("|") if x.strip()]
                _COUNTRY_NAMES.update(x for x in names if x[:-1] == names[0][:-1] or x[1:] == names[0][1:])
    return frozenset(_COUNTRY_NAMES)


describe(__name__, "force_member_party_country", """A soldier or policeman word ("جنود", "شرطيين") in a sentence
that names no place and no force of any country, but a party found in one country only (actors.tsv column 5: no
state's), that of the country the article is set in, is that country's: "قتل جنديان في هجوم شنه الحوثيون" are
Yemen's soldiers in a story from Yemen.""",
         reads="actors.tsv column 5 (theatres)")


@rule("force_in_country", reads="actors.tsv column 6 (local aliases), theatres.tsv place rows")
def force_in_country(nt: NormText, lex: Lexicon, actors: list[Match], theatres: list[Match]) -> list[Match]:
    """A generic name of a state's forces followed by "في" and a country's name (theatres.tsv, a place row) is that
    country's force, wherever the text is set: "قالت وزارة الداخلية إن قوات الأمن في الأردن اعتقلت خلية" is the
    Jordanian forces, "القوات الخاصة في تونس" the Tunisian army, "الشرطة في العراق" the Iraqi police (a force named
    with its nationality, "القوات الأمريكية في العراق", is no generic name and keeps its own)."""
    norm = nt.norm
    if not theatres or " في " not in norm:
        return actors
    countries = _country_names(lex)
    places = {t.start: t.value[0] for t in theatres if t.value[1] == "place" and t.phrase in countries}
    extra = []
    for g in _GENERIC_IN.finditer(norm):
        c = places.get(g.end())
        if c is None:
            continue
        aid = _force_of(lex, c, g.group(1))
        if aid is not None:
            extra.append(Match(g.start(1), g.end(1), aid, g.group(1)))
    if not extra:
        return actors
    spans = [(a.start, a.end) for a in extra]
    return sorted([a for a in actors if not any(s <= a.start < e or a.start <= s < a.end for s, e in spans)] + extra,
                  key=lambda a: (a.start, a.end))


def _nationality_ahead(words: list) -> bool:
    """Whether a nationality is among the three words after the noun ``words[0]`` (hedges not counted), the
    only ones force_nationality reads."""
    counted = 0
    for x in words[1:]:
        xg = x.group()
        if xg in HEDGED:
            continue
        if nationality_of(xg) or (xg.startswith("ال") and nationality_of(xg[2:])):
            return True
        counted += 1
        if counted >= 3:
            return False
    return False


@rule("arms_owner", reads="role_words.tsv force, actors.tsv local aliases")
def arms_owner(nt: NormText, lex: Lexicon, actors: list[Match]) -> list[Match]:
    """Unqualified arms read as a local alias ("الطيران الحربي", "الطائرات الحربية": the Syrian air force in Syria)
    name their owner when it is said: after "طائرات حربية إسرائيلية" in the same sentence, "الطائرات الحربية"
    is Israel's (the same noun, definite); followed by "التابع(ة) ل" (or "يعتقد أنها تابعة ل") they are the
    owner's, named next or unknown."""
    norm = nt.norm

    def arms(a: Match) -> bool:
        first = a.phrase.split()[0]
        if first not in norm[a.start:a.end]:
            return False  # the noun not written there: one of two parties a dual names (rule dual_shared)
        return (a.phrase, a.value) in lex.local_aliases and \
            (first[2:] if first.startswith(("ال", "لل")) else first).lstrip("ل") in FORCE_NOUNS

    if not any(arms(a) for a in actors):
        return actors
    out: list[Match] = []
    by_noun: dict[str, list[tuple[int, Match]]] = {}  # first word -> (place in out, party) of the parties kept so far
    for a in actors:
        if arms(a):
            after = [w.lstrip("ل") for w in norm[a.end:a.end + 50].split()[:4]]
            if any(w.startswith(("تابع", "التابع")) for w in after):
                continue  # "الطيران الحربي التابع للتحالف الدولي": the coalition's, named next
            noun = a.phrase.split()[0]
            noun = noun[2:] if noun.startswith("ال") else noun
            stop = max(norm.rfind(".", 0, a.start), norm.rfind("\n", 0, a.start))
            prior = [b for _, b in sorted(x for key in {noun, "ال" + noun} for x in by_noun.get(key, ()) if x[1].start > stop)]
            # (its qualifiers told with the earlier party too: "القوات النظامية" after "قوات المعارضة" is no
            # opposition force, its adjective names its own owner)
            quals = {w.removeprefix("ال") for w in a.phrase.split()[1:]}
            if a.phrase.startswith("ال") and prior and quals <= {w.removeprefix("ال") for w in prior[-1].phrase.split()}:
                a = Match(a.start, a.end, prior[-1].value, a.phrase)  # "طائرات حربية إسرائيلية ... الطائرات الحربية"
        if not arms(a):
            by_noun.setdefault(a.phrase.split()[0], []).append((len(out), a))
        out.append(a)
    return out

@rule("civilians_unharmed", reads="role_words.tsv no_harm")
def civilians_unharmed(nt: NormText, actors: list[Match]) -> list[Match]:
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

_BARE_QAEDA = frozenset({"القاعده", "للقاعده", "بالقاعده", "والقاعده", "فالقاعده", "وللقاعده", "وبالقاعده"})


@rule("qaeda_base", reads="role_words.tsv base_adjective")
def qaeda_base(nt: NormText, actors: list[Match]) -> list[Match]:
    """"القاعدة" alone (glued to a preposition too: "للقاعدة", "بالقاعدة") is a military base ("القاعدة العسكرية",
    or in a story about "قاعدة العند") unless the story names the group in full ("تنظيم القاعدة"). A number right after it names a base, whatever else the
    story says: "أطلقت الصواريخ من القاعدة 47 قرب المدينة" (a group's name takes no number)."""
    norm = nt.norm
    # (with a preposition or conjunction glued to it: "على البوابة الغربية للقاعدة", "داخل القاعدة وبالقاعدة")
    bare = [a for a in actors if norm[a.start:a.end] in _BARE_QAEDA]
    if not bare:
        return actors
    full = any(a.value == bare[0].value and norm[a.start:a.end] not in _BARE_QAEDA for a in actors)
    bases = " قاعده " in norm or norm.startswith("قاعده ")
    drop = set()
    for a in bare:
        nxt = norm[a.end:a.end + 12].split()[:1]
        numbered = nxt and nxt[0].lstrip('"«')[:1].isdigit()
        if (nxt and nxt[0] in BASE_ADJECTIVES) or numbered or (bases and not full):
            drop.add(id(a))
    return [a for a in actors if id(a) not in drop] if drop else actors

@rule("another_body", reads="role_words.tsv body_noun, relative")
def another_body(nt: NormText, actors: list[Match]) -> list[Match]:
    """A party's bare name that is a common noun for a body ("الهيئة", "المقاومة"; role_words.tsv ``body_noun``) with a
    definite adjective right after it names another body, no party: "نقلت القناة عن الهيئة العامة للثورة قولها",
    "الهيئة العليا للمفاوضات", "المقاومة الإسلامية في لبنان" (a nisba or "العامة", "العليا"; not a participle that
    describes the party, "المقاومة المدعومة من التحالف", a relative pronoun, "الهيئة التي تسيطر على المدينة", nor the
    object of a verb the party is subject of, "ألقت المقاومة القبض على ثلاثة")."""
    norm = nt.norm
    drop = set()
    for a in actors:
        core = norm[a.start:a.end]
        if " " in core or not any(core.endswith(b[2:]) for b in BODY_NOUNS):
            continue
        nxt = norm[a.end:a.end + 20].split()[:1]
        if not nxt or norm[a.end:a.end + 1] != " ":
            continue
        w = nxt[0].strip('"«»\'،,.:')
        # an adjective that agrees with the feminine noun: a nisba ("السياسية", "الإسلامية") or "العامة", "العليا";
        # not the object of a verb the party is the subject of ("ألقت المقاومة القبض", "استعادت الهيئة السيطرة")
        if w.startswith("ال") and not w.startswith("الم") and w not in RELATIVE and (
                w.endswith("يه") or w in ("العامه", "العليا")):
            drop.add(id(a))
    return [a for a in actors if id(a) not in drop] if drop else actors


@rule("name_of_place", reads="place_cues.tsv settlement/district/camp/feature")
def name_of_place(nt: NormText, actors: list[Match], place_cues: list[Match]) -> list[Match]:
    """"ضاحية الأسد", "حي الحشد": an actor's name right after a word for a place is that place's name; not one
    glued to ل, whose the place is: "قاعدة للجيش الصومالي"."""
    ends = {c.end for c in place_cues if c.value[0] in PLACE_NAME_CUES}
    if not ends:
        return actors
    norm = nt.norm
    out = []
    for a in actors:
        i = a.start
        while i > 0 and norm[i - 1] in ' "':
            i -= 1
        if i == a.start or i not in ends or norm[a.start] == "ل":
            out.append(a)
    return out


_BORDER_ENDS = tuple(BORDER)
_BORDER_GLUED = tuple(w[:-2] for w in BORDER if w.endswith(" ل"))  # "المحاذية لإيران": ل glued to the name


@rule("border_reference", reads="role_words.tsv border")
def border_reference(nt: NormText, actors: list[Match]) -> list[Match]:
    """A country named as the other side of a border is a place, not a party: "انفجرت سيارة مفخخة في بلدة مندلي
    القريبة من الحدود مع إيران"."""
    norm, out = nt.norm, []
    for a in actors:
        pre = norm[max(0, a.start - 24):a.start].rstrip(' "')
        if pre.endswith(_BORDER_ENDS) or (norm[a.start] == "ل" and pre.endswith(_BORDER_GLUED)):
            continue
        out.append(a)
    return out


_TIE_ENDS = tuple(ACCUSED_TIES)
_TIE_GLUED = tuple(w[:-2] for w in ACCUSED_TIES if w.endswith(" ل"))  # "العمالة للنظام": ل glued to the name


@rule("accused_tie", reads="role_words.tsv accused, accused_tie")
def accused_tie(nt: NormText, actors: list[Match]) -> list[Match]:
    """A party the victims were accused of serving is no party of the deed: "أعدم التنظيم شابين بتهمة التعامل مع
    قوات النظام", "قتلوه بعد أن اتهموه بالتخابر مع التحالف" (a tie, role_words.tsv ``accused_tie``, right before
    the name, glued ل too, and a word of accusation, ``accused``, up to six words before the tie)."""
    norm, out = nt.norm, []
    for a in actors:
        pre = norm[max(0, a.start - 80):a.start].rstrip(' "')
        # (str.endswith of the tuple first: the search for which tie runs for the few names after one)
        tie = next((t for t in _TIE_ENDS if pre.endswith(t)), None) if pre.endswith(_TIE_ENDS) else None
        if tie is None and norm[a.start] == "ل" and pre.endswith(_TIE_GLUED):
            tie = next((t for t in _TIE_GLUED if pre.endswith(t)), None)
        if tie is not None:
            words = re.split(r"[.,،؛:!?\n]", pre[:len(pre) - len(tie)])[-1].split()[-6:]
            if any(w.lstrip("وف").startswith(ACCUSED) for w in words):
                continue
        out.append(a)
    return out


@rule("absent_from", reads="role_words.tsv absent_from, unit")
def absent_from(nt: NormText, actors: list[Match]) -> list[Match]:
    """A party the place was said empty of had gone; it is no side of what happened there: "دخلت القوات المدينة
    التي كانت خالية من عناصر التنظيم" (role_words.tsv ``absent_from`` right before the name, or before a unit word,
    ``unit``, before it)."""
    norm, out = nt.norm, []
    for a in actors:
        words = norm[max(0, a.start - 40):a.start].replace('"', " ").split()
        if words and words[-1] in UNIT_WORDS:
            words = words[:-1]
        tail = " ".join(words[-4:])
        if tail and tail.endswith(ABSENT_FROM):  # (a tuple: one call tries every word)
            continue
        out.append(a)
    return out


@rule("source_allegiance", reads="role_words.tsv allegiance, source_noun, media_owned")
def source_allegiance(nt: NormText, a: Match) -> bool:
    """A party named as the leaning of a source is no party of the event (it stays the story's party for
    "الحزب" told after it): "ذكرت وسائل إعلام موالية للحكومة أن انتحاريا فجر نفسه قرب الحافلات", "قالت مصادر
    مقربة من الحزب إن ..." (a word of allegiance right before the name, role_words.tsv ``allegiance``, after a
    noun of people or media that report, ``source_noun``, up to three words before it); the owner of the media
    named right after it ("وسائل إعلام النظام", "صفحات التنظيم", ``media_owned``)."""
    norm = nt.norm
    before = norm[max(0, a.start - 60):a.start].replace('"', " ").split()
    pair_ = " ".join(before[-2:])
    if before and (before[-1].lstrip("و") in MEDIA_OWNED or pair_ in MEDIA_OWNED or pair_[1:] in MEDIA_OWNED) \
            and norm[a.start:a.start + 1] != "ل":
        return True  # the owner of the media that report: "وذكرت وسائل إعلام النظام أن ..."
    if before[-1:] in (["ل"], ["من"]):
        before = before[:-1]  # "مقربة من النظام", "موالية لـ النظام"
    elif norm[a.start:a.start + 1] != "ل" or norm[a.start:a.start + 2] == "ال":
        return False  # not glued "ل" either ("موالية للنظام")
    return bool(before) and before[-1].lstrip("و") in ALLEGIANCE and any(
        w.lstrip("و") in SOURCE_NOUNS or w.lstrip("و")[1:] in SOURCE_NOUNS for w in before[-4:-1])


_NEAR = ("قريبه", "القريبه")  # (of place, not of loyalty: "قرى قريبة من مواقع التنظيم")


@rule("loyal_population", reads="role_words.tsv population, allegiance")
def loyal_population(nt: NormText, a: Match) -> bool:
    """A party named as the loyalty of people or places is no side of the event told of them: "اشتباكات في حي
    الجبل ذات الغالبية العلوية الموالية للنظام", "انفجار قرب حافلات أهالي البلدتين المواليتين للنظام" (a word of
    allegiance right before the name, role_words.tsv ``allegiance``, and a noun of people or places, ``population``,
    the first noun before it, across adjectives; not a force, "القوات الموالية للنظام", "عناصر من السكان الموالين")."""
    norm = nt.norm
    before = re.split(r"[.,،؛:!?\n]", norm[max(0, a.start - 80):a.start])[-1].replace('"', " ").split()
    if before[-1:] in (["ل"], ["من"]):
        before = before[:-1]  # "الموالية لـ النظام", "المقربة من الحزب"
    elif norm[a.start:a.start + 1] != "ل" or norm[a.start:a.start + 2] == "ال":
        return False  # not glued "ل" either ("الموالية للنظام")
    if not before or before[-1] not in ALLEGIANCE or before[-1] in _NEAR:
        return False
    def force(w: str) -> bool:
        return w in FORCE_NOUNS or w in ARMED_PERSONS or w in MEMBERS or w in SOURCE_NOUNS

    for k in range(len(before) - 2, max(-1, len(before) - 8), -1):
        w = before[k].removeprefix("و")
        if w in POPULATION:
            # (men "من" the people are a force drawn from them: "عناصر من السكان الموالين")
            return not (k >= 2 and before[k - 1] == "من" and force(before[k - 2].removeprefix("و")))
        if force(w):
            return False
    return False


@rule("backed_proxy", reads="proxies.tsv, role_words.tsv backed")
def backed_proxy(nt: NormText, actors: list[Match], theatres: list[Match]) -> list[Match]:
    """A generic party told as backed by a state is that state's proxy in the country (proxies.tsv): "سيطرت فصائل
    معارضة سورية مدعومة من تركيا على بلدة دابق" is the SNA."""
    if not PROXIES:
        return actors
    norm, out = nt.norm, []
    countries = {t.value[0] for t in theatres}
    for a in actors:
        rows = [r for r in PROXIES if r[0] == a.value and (r[2] in countries or not countries)]
        if rows:
            said = " ".join(norm[a.end:a.end + 80].split()[:7])  # the backing within four words after the name
            k = next((said.find(b) for b in BACKED if b in said), -1)
            if k >= 0 and len(said[:k].split()) <= 4:
                r = next((r for r in rows if any(x in said[k:k + 40] for x in r[1])), None)
                if r is not None:
                    a = Match(a.start, a.end, r[3], a.phrase)
        out.append(a)
    return out


@rule("gunmen_of_a_party", reads="role_words.tsv belongs")
def gunmen_of_a_party(nt: NormText, actors: list[Match]) -> list[Match]:
    """Gunmen tied to a named party are that party: "اشتبكت قوات الأمن مع مسلحين يشتبه بانتمائهم إلى تنظيم داعش"
    (the tie within three words after them, the party right after it), or "مسلحون من تنظيم داعش" (the party right
    after "من")."""
    norm, out = nt.norm, []
    for k, a in enumerate(actors):
        if a.value == UNKNOWN_DOER:
            said = " ".join(norm[a.end:a.end + 60].split()[:5])
            at = next((said.find(b) + len(b) for b in BELONGS if b in said and len(said[:said.find(b)].split()) <= 3), -1)
            if at < 0 and said.split()[:1] == ["من"]:
                at = 3  # (" من " then the party: its name starts within a few characters)
            if at >= 0:
                party = next((x for x in actors[k + 1:k + 3] if x.value != UNKNOWN_DOER
                              and 0 <= x.start - a.end <= at + 12), None)
                if party is not None:
                    a = Match(a.start, a.end, party.value, a.phrase)
        out.append(a)
    return out


@rule("generic_party", reads="role_words.tsv generic, generic_definite")
def generic_party(actors: list[Match]) -> list[Match]:
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

@rule("anaphor_party", reads="role_words.tsv anaphor")
def anaphor_party(nt: NormText, actors: list[Match], lex: Lexicon | None = None) -> list[Match]:
    """"التنظيم" after "تنظيم الدولة": a definite head noun stands for the party named with it most (a fighting party:
    "القوات" after "قوات حفظ السلام" is no peacekeepers', who are of kind observer in actors.tsv)."""
    from collections import Counter

    if not ANAPHORS or not actors:
        return actors
    named: dict[str, Counter] = {}
    for a in actors:
        if lex is not None and a.value in lex.actors and lex.actors[a.value].kind == "observer":
            continue
        words = nt.norm[a.start:a.end].split()
        for noun in ANAPHORS:
            if noun[2:] in words or noun in words:
                named.setdefault(noun, Counter())[a.value] += 1
    if not named:
        return actors
    extra = []
    inside = Covers((a.start, a.end) for a in actors)  # (a bisect, not a scan of every party per word)
    for m in _ANAPHOR_MATCHER.find(nt):
        c = named.get(m.value)
        if c and not inside.reach(m.start) > m.start:
            extra.append(Match(m.start, m.end, c.most_common(1)[0][0], m.phrase))
    return sorted(actors + extra, key=lambda a: a.start) if extra else actors
