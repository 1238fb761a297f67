"""Language knowledge as data: loading the TSV lexicons and matching them in text.

Every lexicon lives in ``rasid/data/*.tsv`` (one entry a line, ``#`` comments),
so users can read and extend it. Entries are normalised with
:func:`rasid.arabic.normalize` and matched with Aho-Corasick on the normalised
text, with Arabic word boundaries and proclitics (و ف ب ل ك، ال) checked here.

Pattern syntax in a lexicon phrase: a trailing ``*`` lets the last word take any
ending ("قصف*" matches قصفت، قصفها، القصف); otherwise only the word itself
(with proclitics) matches.
"""
from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from operator import attrgetter
from pathlib import Path
from typing import Any

import ahocorasick

from .arabic import NormText, left_boundary, normalize

DATA = resources.files("rasid") / "data"


def data_path(name: str) -> Path:
    override = os.environ.get("RASID_LEXICON_DIR")
    if override and (Path(override) / name).exists():
        return Path(override) / name
    return Path(str(DATA / name))


def read_tsv(name: str) -> list[list[str]]:
    rows = []
    with open(data_path(name), encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            rows.append([c.strip() for c in line.split("\t")])
    return rows


def lexicon_fingerprint() -> str:
    """A hash of every lexicon file: part of event ids, so ids change when rules do."""
    h = hashlib.sha1()
    for p in sorted(Path(str(DATA)).glob("*.tsv")):
        h.update(p.name.encode())
        h.update(data_path(p.name).read_bytes())
    return h.hexdigest()[:8]


def coded_by() -> tuple[str, str]:
    """What codes a document in this process: (the lexicon's fingerprint, rasid's version). Each stored document
    records it (schema 0009); ``rasid run`` codes a stored document again when it differs (rasid.runner)."""
    from . import __version__

    return default_lexicon().fingerprint, __version__


@dataclass(slots=True)
class Match:
    start: int  # normalised offsets
    end: int
    value: Any
    phrase: str


_WORD_REST = re.compile(r"(?:[^\W_]|[\u0600-\u06ff])*")  # the rest of a word (is_word_char; ، ؛ ؟ are gone from norm)


class Matcher:
    """Aho-Corasick over normalised phrases, with Arabic word-boundary checks."""

    def __init__(self, entries: list[tuple[str, Any]], allow_clitics: bool = True, allow_article: bool = True):
        self.allow_clitics = allow_clitics
        self.allow_article = allow_article
        self.auto = ahocorasick.Automaton()
        table: dict[str, list] = {}
        for phrase, value in entries:
            stem = phrase.endswith("*")
            key = normalize(phrase.rstrip("*"))
            if not key:
                continue
            table.setdefault(key, []).append((stem, value))
            if allow_clitics and key.startswith("ال") and len(key) > 3:
                # ل + ال is written لل: "للحوثيين", "للتحالف"
                table.setdefault("لل" + key[2:], []).append((stem, value))
        for key, vals in table.items():
            # the value MatcherSet uses too: the key, (name, values, has_stem, clitics, article) per matcher, and
            # whether any of them has a stem (see _scan)
            has_stem = any(stem for stem, _ in vals)
            self.auto.add_word(key, (key, [(None, vals, has_stem, allow_clitics, allow_article)], has_stem))
        self.empty = not table
        if not self.empty:
            self.auto.make_automaton()

    def find(self, nt: NormText | str, lo: int = 0, hi: int | None = None) -> list[Match]:
        norm = nt.norm if isinstance(nt, NormText) else nt
        if self.empty:
            return []
        found: dict = {None: []}
        _scan(self.auto, norm, lo, len(norm) if hi is None else hi, found)
        return _longest(found[None])


class MatcherSet:
    """Several matchers in one automaton: one pass over a text finds what each would find alone.

    The match stage looks for actors, triggers, cues, framing, toll nouns, qualifiers, place cues
    and outlet names in every text; a pass per lexicon would walk the same text eight times.
    """

    def __init__(self, matchers: dict[str, Matcher]):
        self.names = list(matchers)
        table: dict[str, list] = {}
        for name, m in matchers.items():
            if m.empty:
                continue
            for key, (_, entries, _) in m.auto.items():
                table.setdefault(key, []).extend((name,) + e[1:] for e in entries)
        self.auto = ahocorasick.Automaton()
        for key, entries in table.items():
            self.auto.add_word(key, (key, entries, any(e[2] for e in entries)))
        self.empty = not table
        if not self.empty:
            self.auto.make_automaton()

    def find(self, nt: NormText | str) -> dict[str, list[Match]]:
        """Each matcher's matches (as its own ``find`` gives them), by the matcher's name."""
        norm = nt.norm if isinstance(nt, NormText) else nt
        found: dict[str, list[Match]] = {name: [] for name in self.names}
        if not self.empty:
            _scan(self.auto, norm, 0, len(norm), found)
        return {name: _longest(ms) for name, ms in found.items()}


def _scan(auto, norm: str, lo: int, hi: int, found: dict) -> None:
    """The automaton's whole-word matches in ``norm[lo:hi]``, appended to ``found`` by matcher name.

    A match must end at a word's end (or take the rest of its word, for a stem) and start at a
    word's start or after proclitics (و ف ب ل ك, with ال where the matcher allows the article).
    """
    n = len(norm)
    for end_idx, (key, entries, any_stem) in auto.iter(norm, lo, hi):
        end = end_idx + 1
        c = norm[end] if end < n else " "  # is_word_char inlined: the automaton yields many in-word hits
        ends_in_word = c.isalnum() or ("\u0600" <= c <= "\u06ff" and c not in "،؛؟")
        if ends_in_word and not any_stem:
            continue  # the match ends inside a word and no entry may take an ending (tested first: the most common miss)
        start = end_idx - len(key) + 1
        c = norm[start - 1] if start else " "
        lb = start
        if c.isalnum() or ("\u0600" <= c <= "\u06ff" and c not in "،؛؟"):
            if c not in "وفبلك":
                continue  # inside a word: every proclitic ends in و ف ب ل ك
            lb = left_boundary(norm, start)  # a proclitic glued before the match
            if lb is None:
                continue
        stem_end = -1
        for name, vals, has_stem, allow_clitics, allow_article in entries:
            if ends_in_word and not has_stem:
                continue  # the match ends inside a word and may take no ending
            if lb < start and (not allow_clitics or (not allow_article and "ال" in norm[lb:start])):
                continue
            if stem_end < 0:
                stem_end = _WORD_REST.match(norm, end).end() if ends_in_word else end
            out = found[name]
            for stem, value in vals:
                if stem_end == end:
                    out.append(Match(start, end, value, key))
                elif stem:
                    out.append(Match(start, stem_end, value, key))  # a stem takes the rest of its word


_START, _END = attrgetter("start"), attrgetter("end")


def _longest(ms: list[Match]) -> list[Match]:
    """Keep the longest of overlapping matches (ties: the earliest)."""
    # (by start, the longer first: two stable sorts on C-level keys, not a Python key per match)
    ms.sort(key=_END, reverse=True)
    ms.sort(key=_START)
    out: list[Match] = []
    for m in ms:
        if out and m.start < out[-1].end:
            last = out[-1]
            if (m.end - m.start) > (last.end - last.start):
                out[-1] = m
            elif m.start == last.start and m.end == last.end and m.value != last.value:
                out.append(m)  # same words, several meanings: keep both
            continue
        out.append(m)
    return out


# ---------------------------------------------------------------- lexicons
@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    kind: str
    name_en: str
    theatres: tuple[str, ...] = ()  # ISO codes of the countries the party fights in (actors.tsv column 5)


@dataclass(frozen=True, slots=True)
class Trigger:
    event_type: str
    sub_event_type: str
    role: str  # how the trigger relates actors: see data/triggers.tsv header
    weight: int


def case_forms(alias: str) -> list[str]:
    """An actor alias with its sound plurals in the other case, as news writes either: the nominative "ون" for
    the listed "ين" and back ("مقاتلين محليين" -> "مقاتلون محليون", "المحتجون" -> "المحتجين"), and a first word
    of a construct in "ي" with its nominative "و" and back ("مقاتلي التنظيم" -> "مقاتلو التنظيم"). A word of
    under five letters is left as it is ("أبي", "بني"); forms already listed are not repeated by the caller."""
    words = alias.split()
    opts = []
    for i, w in enumerate(words):
        o = [w]
        if len(w) >= 5 and w[-2:] in ("ين", "ون"):
            o.append(w[:-2] + ("ون" if w.endswith("ين") else "ين"))
        elif i == 0 and len(words) > 1 and len(w) >= 5 and w[-1] in "يو":
            o.append(w[:-1] + ("و" if w.endswith("ي") else "ي"))
        opts.append(o)
    forms = [""]
    for o in opts:
        forms = [f"{f} {x}".strip() for f in forms for x in o]
    return [f for f in forms if f != alias]


# a state's army and its police named by its nationality adjective (data/states.tsv): masculine after a masculine noun
STATE_FORCES = ("الجيش {m}", "قوات الجيش {m}", "القوات {f}", "القوات المسلحة {f}", "القوات الحكومية {f}", "سلاح الجو {m}")
STATE_POLICE = ("الشرطة {f}", "قوات الشرطة {f}", "قوات الأمن {f}", "أجهزة الأمن {f}")
# and, where theatres.tsv has the country, the words that name them in a story set there (actors.tsv column 6)
STATE_FORCES_LOCAL = "الجيش|قوات الجيش|القوات الحكومية|جنود|جندي|جنديا|جنديين|جنديان"
STATE_POLICE_LOCAL = "الشرطة|قوات الشرطة|رجال الشرطة|قوات الأمن|رجال الأمن|شرطي|شرطيا|شرطيين|شرطيان"


def state_rows(rows: list[list[str]]) -> list[list[str]]:
    """actors.tsv rows for the states of data/states.tsv that actors.tsv does not list, by the spec's pattern
    ("<Adjective> forces", "<Adjective> police"): "الجيش الكيني" is Kenyan forces, "الشرطة الكينية" Kenyan
    police. An id or alias some row of actors.tsv lists is left to that row. In a country theatres.tsv has and for
    which no row of actors.tsv gives local words, "الجيش" and "الشرطة" of a story set there are its army and police
    ("قتل جنديان في هجوم على قاعدة للجيش في شمال كينيا": the Kenyan army)."""
    ids = {r[0] for r in rows}
    known = {r[0] for r in read_tsv("theatres.tsv")}  # (a theatre of its own only where theatres.tsv has the country)
    # a country some row of actors.tsv names local words for ("قوات الأمن" of Jordan is its army's row) keeps them
    worded = {c for r in rows if len(r) > 5 and r[5].strip() for c in r[4].split("|")}
    listed = {normalize(a) for r in rows for col in r[3:4] + r[5:6] for a in col.split("|") if a.strip()}
    out = []
    for iso, adj, nisbas in (r[:3] for r in read_tsv("states.tsv") if len(r) >= 3):
        for aid, what, forms, local in ((f"{adj} forces", f"{adj} armed forces", STATE_FORCES, STATE_FORCES_LOCAL),
                                        (f"{adj} police", f"{adj} police and security forces", STATE_POLICE,
                                         STATE_POLICE_LOCAL)):
            if aid in ids:
                continue
            aliases = [f.format(m="ال" + n, f="ال" + n + "ة") for n in nisbas.split("|") if n.strip() for f in forms]
            aliases = [a for a in aliases if normalize(a) not in listed]
            if aliases:
                out.append([aid, "state", what, "|".join(aliases), iso if iso in known else "", local if iso in known and iso not in worded else ""])
    return out


class Lexicon:
    """All of rasid's language data, loaded once."""

    def __init__(self) -> None:
        self.actors: dict[str, Actor] = {}
        actor_entries = []
        # aliases that name a party only in the countries of its column 5 ("الجيش", "التحالف", "الجيش الوطني"):
        # (normalised alias, actor id) -> those countries; the event coder keeps such a match only where
        # the sentence or article is set there (theatres.tsv)
        self.local_aliases: dict[tuple[str, str], frozenset[str]] = {}
        everywhere = set()
        rows = read_tsv("actors.tsv")
        for row in rows + state_rows(rows):
            aid, kind, name_en, aliases, theatres, local = (row + [""] * 6)[:6]
            where = tuple(c for c in theatres.split("|") if c.strip())
            self.actors[aid] = Actor(aid, kind, name_en, where)
            for a in aliases.split("|"):
                if a.strip():
                    actor_entries.append((a.strip(), aid))
                    everywhere.add((normalize(a.strip()), aid))
            for a in local.split("|"):
                if a.strip():
                    actor_entries.append((a.strip(), aid))
                    key = normalize(a.strip())
                    for k in (key, "لل" + key[2:]) if key.startswith("ال") and len(key) > 3 else (key,):
                        self.local_aliases[(k, aid)] = frozenset(where)
        # each alias's other case ("مقاتلون محليون" for "مقاتلين محليين"), with its row's reach, unless some row lists it
        listed = {normalize(p) for p, _ in actor_entries}
        for phrase, aid in list(actor_entries):
            key = normalize(phrase)
            for form in case_forms(key):
                if form in listed:  # listed already, for this party or another
                    continue
                listed.add(form)
                actor_entries.append((form, aid))
                if (key, aid) in everywhere:
                    everywhere.add((form, aid))
                else:
                    for k in (form, "لل" + form[2:]) if form.startswith("ال") and len(form) > 3 else (form,):
                        self.local_aliases[(k, aid)] = self.local_aliases[(key, aid)]
        for key, aid in everywhere:  # an alias listed for everywhere too is no local one
            self.local_aliases.pop((key, aid), None)
            if key.startswith("ال") and len(key) > 3:
                self.local_aliases.pop(("لل" + key[2:], aid), None)
        self.actor_matcher = Matcher(actor_entries)
        # words that set a text in a country (theatres.tsv): country -> kind ("place" or "adjective")
        theatres = read_tsv("theatres.tsv")
        self.theatre_matcher = Matcher([(w, (r[0], r[1])) for r in theatres if r[1] != "default"
                                        for w in r[2].split("|") if w.strip()])
        # the theatre words written with a final ة whose letters but the last make an everyday word (everyday_words.tsv):
        # written with ه in the text, they are that word and a pronoun ("في حديثه", "in his talk", not Haditha)
        everyday = {normalize(r[0]) for r in read_tsv("everyday_words.tsv")}
        self.theatre_ta = frozenset(normalize(w) for r in theatres if r[1] == "place" for w in r[2].split("|")
                                    if w.strip().endswith("ة") and normalize(w)[:-1] in everyday)
        # where a text that names no country is set (the project's home theatre)
        self.default_theatre = next((r[0] for r in theatres if r[1] == "default"), None)
        # outlets' home countries (outlets.tsv), a weak hint of where an article is set
        self.outlet_country = {normalize(n.strip()).lower(): r[4] for r in read_tsv("outlets.tsv") if len(r) > 4 and r[4]
                               for n in r[1].split("|") if n.strip()}

        trig = []
        for row in read_tsv("triggers.tsv"):
            phrase, et, sub, role, weight = (row + ["", "", "", "", "1"])[:5]
            trig.append((phrase, Trigger(et, sub, role or "-", int(weight or 1))))
        self.trigger_matcher = Matcher(trig)

        self.cues: dict[str, Matcher] = {}
        by_kind: dict[str, list] = {}
        for row in read_tsv("cues.tsv"):
            kind, phrase = row[0], row[1]
            by_kind.setdefault(kind, []).append((phrase, kind))
        for kind, entries in by_kind.items():
            self.cues[kind] = Matcher(entries)
        self.cue_matcher = Matcher([e for es in by_kind.values() for e in es])

        self.framing = Matcher([(r[1], r[0]) for r in read_tsv("framing.tsv")])
        self.numbers = {normalize(r[0]): (int(r[1]), r[2]) for r in read_tsv("numbers.tsv")}
        self.qualifiers = Matcher([(r[0], r[1]) for r in read_tsv("qualifiers.tsv")], allow_clitics=True)
        # value: (measure, group, actor hint, how many the noun alone counts: 1 for a singular noun, starred
        # ("جندي*") or marked "singular"; 2 for a dual marked "dual" ("جنديين"); 0 for a plural)
        self.toll_nouns = Matcher([(r[0], (r[1], r[2], r[3] if len(r) > 3 else "",
                                           2 if r[4:5] == ["dual"] else int(r[0].endswith("*") or r[4:5] == ["singular"])))
                                   for r in read_tsv("toll_nouns.tsv")])
        # cue nouns govern the name ("بلدة X"); "البلدة X" is not a cue
        self.place_cues = Matcher([(r[0], (r[1], int(r[2]))) for r in read_tsv("place_cues.tsv")], allow_article=False)
        self.alliances = [set(r[1].split("|")) for r in read_tsv("alliances.tsv")]
        # a coalition formed to fight one party: its foe (rule coalition_strikes_its_foe)
        self.campaign_foes = {r[0]: r[1] for r in read_tsv("campaign_foes.tsv")}
        self.auxiliaries = {r[0]: r[1] for r in read_tsv("auxiliaries.tsv")}
        # the blocs of a state's government ("syrian_government", "yemen_government"): its affiliates (the Popular
        # Resistance in Yemen, the Peshmerga and the PMF in Iraq) regain ground for it (ACLED)
        self.government_side = {a for r in read_tsv("alliances.tsv") if r[0].endswith("_government") for a in r[1].split("|")}
        # outlet names of two words or more ("فرات بوست", "عنب بلدي") are no places
        self.outlet_names = Matcher([(n, "outlet") for r in read_tsv("outlets.tsv") for n in r[1].split("|")
                                     if len(n.split()) >= 2 and any("\u0621" <= c <= "\u064a" for c in n)])
        # what the match stage finds in every text, in one pass
        self.text_matchers = MatcherSet({
            "actors": self.actor_matcher, "triggers": self.trigger_matcher, "cues": self.cue_matcher,
            "framing": self.framing, "toll_nouns": self.toll_nouns, "qualifiers": self.qualifiers,
            "place_cues": self.place_cues, "outlet_names": self.outlet_names, "theatres": self.theatre_matcher})
        self.fingerprint = lexicon_fingerprint()

    def allied(self, a: str, b: str) -> bool:
        """The same party, or two parties of one bloc in data/alliances.tsv."""
        return a == b or any(a in g and b in g for g in self.alliances)


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    return Lexicon()
