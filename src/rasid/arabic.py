"""The Arabic text layer: matching normalisation that keeps offsets, sentences, clitics.

Every later stage matches on a *normalised* copy of the text (no diacritics or
tatweel, one alef, ى→ي, ة→ه, hamza seats folded, Western digits, one quote
style) but reports offsets into the *original* text. :class:`NormText` holds the
normalised string and, for each of its characters, where it came from.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# Characters dropped for matching: harakat, Quranic marks, tatweel, bidi controls.
_DROP = set(
    [chr(c) for c in range(0x0610, 0x061B)]
    + [chr(c) for c in range(0x064B, 0x0660)]
    + ["\u0670", "\u0640", "\u200c", "\u200d", "\u200e", "\u200f", "\u202a", "\u202b",
       "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\ufeff", "\u00ad"]
    + [chr(c) for c in range(0x06D6, 0x06EE)]
)
_MAP = {
    "\u0622": "\u0627", "\u0623": "\u0627", "\u0625": "\u0627", "\u0671": "\u0627",  # alef forms
    "\u0649": "\u064a",  # alef maqsura -> ya
    "\u0629": "\u0647",  # ta marbuta -> ha
    "\u0624": "\u0648",  # waw hamza -> waw
    "\u0626": "\u064a",  # ya hamza -> ya
    "\u06cc": "\u064a", "\u06a9": "\u0643",  # Persian ya, kaf
    "\u060c": ",", "\u061b": ";", "\u061f": "?",
    "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\t": " ",
}
for _q in "\"'`\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u00ab\u00bb\u2039\u203a":
    _MAP[_q] = '"'
for _i in range(10):
    _MAP[chr(0x0660 + _i)] = str(_i)  # Arabic-Indic digits
    _MAP[chr(0x06F0 + _i)] = str(_i)  # Persian digits
_MAP["\u066b"] = "."  # Arabic decimal separator
_MAP["\u066c"] = ","

ARABIC_LETTER = re.compile(r"[\u0621-\u064a]")


def norm_char(ch: str) -> str | None:
    if ch in _DROP:
        return None
    return _MAP.get(ch, ch)


def _translate(s: str) -> str:
    """``s.translate(_TRANS)``, faster: one ``str.replace`` per character the text holds (3x faster than a
    regex with a callback; no replacement is itself replaced, see _PAIRS)."""
    for k, v in _PAIRS:
        if k in s:
            s = s.replace(k, v)
    return s


def normalize(s: str) -> str:
    """Normalise a lexicon entry or query the same way :class:`NormText` does (without the offset map)."""
    t = _split_glued_quotes(s, _translate(s))
    if "\x00" in t:
        t = t.replace("\x00", "")
    if "  " in t:
        t = _SPACES.sub(" ", t)
    return t.strip()


_QUOTES = "\"'`\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u00ab\u00bb\u2039\u203a"
# For matching, quotes vanish ('لـ"قسد"' reads 'لقسد', 'تنظيم " الدولة "' reads 'تنظيم الدوله')
# (but a quote glued between two words reads as a space, see _split_glued_quotes)
# and runs of spaces become one; every kept character remembers where it came from.
_SPACES = re.compile(" {2,}")
# (runs of spaces and dropped characters with a dropped one or of two or more, whole: "[ \x00]*\x00[ \x00]*| {2,}"
# written to open with one character class, which the standard re skips to, twice as fast as trying both at every
# character)
_GAPS = re.compile("[ \x00](?:[ \x00]+|(?<=\x00))")
_TRANS = {ord(k): v for k, v in _MAP.items()}
_TRANS.update({ord(k): "\x00" for k in _DROP})
_TRANS.update({ord(q): "\x00" for q in _QUOTES})
_TRANS.update({ord(c): " " for c in "\n\r\t\u00a0\u2009\u202f"})
_PAIRS = tuple((chr(k), v) for k, v in _TRANS.items())
assert not {v for _, v in _PAIRS} & {k for k, _ in _PAIRS}, "a replacement would be replaced again"


# Web debris: a letter split from its word by a stray space where a shadda or tanween glyph was lost
# ("ق تل", "تعل ق", "رسمي ا", "شن ت"). No Arabic letter stands alone as a word but و and the
# proclitics ب ل ك ف typed apart; for matching, the stray space is dropped (the text keeps it).
# (each opens with the space or stop it hangs on: a pattern opening with a lookbehind is tried at every character)
# (the two kinds of lone letter that end the word before, matched in one pass: they never touch the same space nor a
# character the other looks at, so one pass reads as one after the other, one walk over the text instead of two)
_LONE_END = (  # a lone letter (not و ب ل ك ف) right after a word ends that word
    "[\u0621-\u0627\u0629-\u0640\u0642\u0645-\u0647\u064a](?:[^\u0621-\u064a\x00]|$)")  # (not "لكي تُثبت": a lost mark is no word end)
_LONE_END_CLITIC = (  # ب ل ك ف alone before a stop or comma closes the word before ("الشقي ف ,"); before a
    # quote or a dash it is the proclitic of the next name ("بـ "قسد"", "التابعة لـ - "الهيئة"")
    "[\u0628\u0644\u0643\u0641](?: *[.,\u060c\u061b:!?\u061f)\\]]|$)")
_LONE_ENDS = re.compile(" (?<=[\u0621-\u064a] )(?=" + _LONE_END + "|" + _LONE_END_CLITIC + ")")
_LONE_START = re.compile(  # a lone letter opening a line or a sentence, before a word, starts that word
    "(?:^|\n|[.،,؛:!?؟] )[\u0621-\u064a]( )(?=[\u0621-\u064a]{2})")
# (a lone و inside a sentence is the conjunction typed apart, which none of the three touches: skip those texts)
_LONE_HINT = re.compile(" [\u0621-\u0647\u0649-\u064a] |[.,;:!?] \u0648 ")


# A quote glued between two words ('"فيلق الرحمن"صباحاً', 'تنظيم«داعش»') stands for the space the writer left
# out: there it reads as a space, so the name and the word beside it stay two words. Not after a lone letter
# or a proclitic ('لـ"قسد"', 'بـ«الإصلاح»', 'و"جبهة', 'الـ«...'), which belongs to the quoted word.
# (the quote first, its neighbours looked at around it: a pattern opening with a letter is tried at every letter of the
# text, one opening with a quote skips to the few quotes, 4x faster; the word before it is walked back to in Python)
_GLUED_QUOTE = re.compile("[" + _QUOTES + "](?<=[\u0621-\u064a\u064b-\u065f\u0670][" + _QUOTES + "])"
                          "(?=[\u0640\u064b-\u065f\u0670]*[\u0621-\u063a\u0641-\u064a])")
_QUOTED_WORD = frozenset(map(chr, [*range(0x0621, 0x0660), 0x0670]))  # the letters and marks of the word before it
_PROCLITICS = frozenset(("وبال", "وال", "فال", "بال", "كال", "ولل", "لل", "ال", "وب", "ول", "وك", "فب", "فل", "فك"))
_MARKS = re.compile("[\u0640\u064b-\u065f\u0670]")


def _split_glued_quotes(text: str, t: str) -> str:
    """``t`` (translated, same length as ``text``) with a quote glued between two words made a space."""
    first = _GLUED_QUOTE.search(text)  # (most texts hold none: one search, no iterator)
    if first is None:
        return t
    cut = []
    for m in _GLUED_QUOTE.finditer(text, first.start()):
        q = j = m.start()
        while j and text[j - 1] in _QUOTED_WORD:
            j -= 1
        word = _MARKS.sub("", text[j:q])
        if len(word) > 1 and word not in _PROCLITICS:
            cut.append(q)
    if not cut:
        return t
    chars = list(t)
    for i in cut:
        chars[i] = " "
    return "".join(chars)


def _join_lone_letters(t: str) -> str:
    """``t`` (translated, same length as the text) with the stray spaces around lone letters dropped."""
    if not _LONE_HINT.search(t) and not _LONE_START.match(t):
        return t
    t = _LONE_ENDS.sub("\x00", t)
    return _LONE_START.sub(lambda m: m.group()[:-1] + "\x00", t)


class NormText:
    """A normalised view of ``text`` with a map back to original offsets.

    ``norm[i]`` came from ``text[pos[i]]``; ``pos`` has one extra entry equal to
    ``len(text)`` so that an exclusive end maps back too. ``pos`` is None when
    the mapping is the identity (nothing dropped).
    """

    __slots__ = ("text", "norm", "pos")

    def __init__(self, text: str):
        self.text = text
        t = _join_lone_letters(_split_glued_quotes(text, _translate(text)))
        if "\x00" not in t and "  " not in t:
            self.norm = t
            self.pos = None
            return
        # keep runs of ordinary characters whole; of a run of spaces and dropped characters keep
        # only its first space (one token at a time, not one character: this runs on every article)
        chars: list[str] = []
        pos: list[int] = []
        last = 0
        for m in _GAPS.finditer(t):  # runs of spaces with a dropped character, or of 2+ spaces
            a, b = m.span()
            chars.append(t[last:a])
            pos.extend(range(last, a))
            k = t.find(" ", a, b)
            if k >= 0:
                chars.append(" ")
                pos.append(k)
            last = b
        chars.append(t[last:])
        pos.extend(range(last, len(t)))
        pos.append(len(text))
        self.norm = "".join(chars)
        self.pos = pos

    def orig(self, i: int) -> int:
        """Original offset of normalised offset ``i`` (start of a span)."""
        return i if self.pos is None else self.pos[i]

    def orig_end(self, j: int) -> int:
        """Original exclusive end for a normalised exclusive end ``j``."""
        if self.pos is None:
            return j
        return self.pos[j - 1] + 1 if j > 0 else 0

    def span(self, i: int, j: int) -> tuple[int, int]:
        """``(orig(i), orig_end(j))``, inlined (asked for every name, trigger and date found)."""
        pos = self.pos
        if pos is None:
            return i, j
        return pos[i], (pos[j - 1] + 1 if j > 0 else 0)


# ---------------------------------------------------------------- words and clitics
WORD_CHARS = re.compile(r"[\w\u0600-\u06ff]")
CLITICS = ("وبال", "وال", "فال", "بال", "كال", "ولل", "لل", "وب", "ول", "فب", "فل", "و", "ف", "ب", "ل", "ك")
_CLITIC_SET = frozenset(CLITICS)


def word_alternation(words) -> str:
    """A regex alternation of ``words`` shaped as a trie ("قوات|قواعد" as "قوا(?:ت|عد)"): the same matches as the
    flat alternation longest first, tried letter by letter instead of word by word (a third faster over a text)."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(trie)


def is_word_char(ch: str) -> bool:
    return ch.isalnum() or "\u0600" <= ch <= "\u06ff" and ch not in "،؛؟"


def left_boundary(norm: str, i: int, allow_clitic: bool = True) -> int | None:
    """Return where the word containing a match at ``i`` starts if the material
    before the match is nothing or a proclitic (و ف ب ل ك, possibly with ال), else None.
    """
    # (is_word_char inlined: asked of every automaton hit of the gazetteer and the lexicon glued after a letter)
    c = norm[i - 1] if i else " "
    if not (c.isalnum() or ("\u0600" <= c <= "\u06ff" and c not in "،؛؟")):
        return i  # the common case: the match starts a word
    if not allow_clitic:
        return None
    j, lo = i - 1, max(0, i - 6)
    while j > lo:  # back to the word's start, six letters at most
        c = norm[j - 1]
        if not (c.isalnum() or ("\u0600" <= c <= "\u06ff" and c not in "،؛؟")):
            break
        j -= 1
    if i - j >= 6:
        return None  # more than five letters before the match: inside a word, no clitic
    prefix = norm[j:i]
    # "لـ" written with tatweel was dropped; "بـ "X"" leaves a quote between.
    if prefix in _CLITIC_SET or prefix == "ال" or (len(prefix) <= 4 and prefix.endswith("ال") and prefix[:-2] in _CLITIC_SET):
        return j
    return None


# ---------------------------------------------------------------- sentences
# a stop before a space, a quote or the end; a stop glued to the next sentence's first letter ("المحافظ.ولاحقا",
# common in scraped text) after a word of two letters or more (not "د.محمد"); a stop typed after the space, glued to
# the next sentence ("في مدينة تعز .أما في مأرب"), when a word follows (not a name's initial: "حسن .ا من")
# (the alternatives after a stop share its one match: factored, the pattern is tried three times faster)
# (one character class first, the branch told by a lookbehind at it: the standard re skips to the stops and line breaks
# instead of trying three branches at every character, 2x faster)
_SENT_END = re.compile(r"[.!?؟\n](?:(?<=[.!?؟])[.!?؟]*(?=\s|$|[\"”»’])|(?<=[.!?؟])(?:(?<=[\u0621-\u064a]{2}.)(?=[\u0621-\u064a0-9\u0660-\u0669])"
                       r"|(?<=[\u0621-\u064a] .)(?=[\u0621-\u064a]{2})|(?<=[\u0621-\u064a].)(?=[:\-–—]\s))|(?<=\n))")
# A page's publication stamp ("تم النشر بتاريخ : 3 آذار , 2017 11 : 58 : 09") glued to the headline is a sentence
# of its own: the headline must not take the photo caption after the stamp as its own sentence. Searched apart
# (and only in pages that have one): as an alternative of _SENT_END it was tried at every character.
_STAMP = re.compile(r"(?:تم النشر|تاريخ النشر|(?<!ال)نشر بتاريخ|آخر تحديث|اخر تحديث)(?: بتاريخ)?\s*:"
                    r"(?P<time>[^\n.]{0,40}?\d{1,2}\s*:\s*\d{2}(?:\s*:\s*\d{2})?)?")


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    text: str

# A video player's marker scraped into the text (a video id, one or two UUIDs, then "video": "5190023700001 d9df72d2
# - a39d - 424d - bc10 - f9849d5949e4 video وقال مصدر ...") is a sentence of its own: the sentence after it must
# not quote it as its evidence. (These three are looked for only where "video", " : " or "{" is in the text.)
# A date and time stamp inside a run of text ("... العاصمة اللبنانية , 2018 - 01 - 19 13 : 08 : 07 أفادت مصادر")
# parts the teasers of a news ticker scraped into one paragraph: each teaser is a sentence of its own.
_TICKER_STAMP = re.compile(r"(?<!- )\b\d{4} - \d{1,2} - \d{1,2} \d{1,2} : \d{2}(?: : \d{2})?\b")
# A web template's unfilled placeholders scraped into the text ("تبدأ معركة منبج المستعرض لا يدعم تشغيل الفيديو
# { { # permalink } } { { title } } عاجل ...") stand between two pieces of the page: a run of them ends a sentence.
_PLACEHOLDERS = re.compile(r"(?:\{ ?\{[^{}\n]{0,40}\} ?\}\s*)+")
_EMBED = re.compile(r"\d{9,16}(?:\s+[0-9a-f]{8}(?:\s*-\s*[0-9a-f]{4}){3}\s*-\s*[0-9a-f]{12})+\s+video\b")


def sentences(text: str) -> list[Sentence]:
    """Split web text into sentences: line breaks, . ! ? ؟, keeping offsets.

    Arabic news often runs one paragraph as one sentence; very long ones are
    further cut at ' ، و' style clause joins by :func:`clauses` when needed.
    """
    out: list[Sentence] = []
    start = 0
    cuts = [(m.end(), m.group() == "\n") for m in _SENT_END.finditer(text)]
    if "النشر" in text or "تحديث" in text or "نشر بتاريخ" in text:
        for m in _STAMP.finditer(text):  # before the stamp, and after its time when it gives one
            cuts += [(m.start(), False)] + ([(m.end(), False)] if m["time"] else [])
        cuts.sort()
    if "video" in text or " : " in text or "{" in text:
        for m in (*_EMBED.finditer(text), *_TICKER_STAMP.finditer(text), *_PLACEHOLDERS.finditer(text)):
            cuts += [(m.start(), False), (m.end(), False)]
        cuts.sort()
    wrapped = _wrapped_breaks(text) if text.count("\n") >= 4 else ()
    for end, newline in cuts:
        if end <= start:
            continue
        if newline and end - 1 in wrapped:
            continue  # a text wrapped at a fixed width: the break is the line's width, not the sentence's end
        if newline and text.count('"', start, end) % 2 and 0 <= text.find('"', end, end + 120):
            continue  # a line break inside a quote (scraped 'ما أسمته "\nتفجير إرهابي\n" في شارع'): the sentence goes on
        if newline and _closing_quote_line(text, start, end):
            continue  # 'مطار "النيرب\n"\nالعسكري، ...': the line of a lone closing quote ends no sentence
        _add(text, start, end, out)
        start = end
    _add(text, start, len(text), out)
    return out


_STOPS = ".!?؟:\"”»)"


def _wrapped_breaks(text: str) -> set[int]:
    """The line breaks of a text wrapped at a fixed width (rule wrapped_lines, rasid.coding.clauses): a line as long as the text's long
    lines (3/4 of its width, the 90th length, 50 to 120 characters), or one whose next line is indented, that
    ends with no stop and is followed by a line opening with a letter or a digit, goes on into the next line:
    "شهدت أحياء المدينة الليلة الماضية اشتباكات عنيفة بين الجيش والمعارضة\nالمسلحة سقط خلالها عشرات القتلى."
    is one sentence. Only when the text has three such breaks (a headline or a byline alone ends its line)."""
    lines, pos = [], 0
    for line in text.split("\n"):
        lines.append((pos, line))
        pos += len(line) + 1
    lens = sorted(len(ln.strip()) for _, ln in lines if ln.strip())
    if len(lens) < 4:
        return set()
    width = lens[int(len(lens) * 0.9)]
    if not 50 <= width <= 120:
        return set()
    out = set()
    for (p, ln), (_, nxt) in zip(lines, lines[1:]):
        body, follow = ln.strip(), nxt.strip()
        if not body or not follow or body[-1] in _STOPS or not (follow[0].isalnum() or follow[0] in "\"«“"):
            continue
        if len(body) >= 0.75 * width or (nxt[:1].isspace() and len(body) >= 20):
            out.add(p + len(ln))
    return out if len(out) >= 3 else set()


def _closing_quote_line(text: str, start: int, end: int) -> bool:
    """The line before the break at ``end - 1`` is a lone closing quote ('"', '”', '»') after a line that ends in
    no stop: a quoted name set on lines of its own by a scraper ('في محيط مطار "النيرب\n"\nالعسكري')."""
    line_start = text.rfind("\n", start, end - 1) + 1
    if line_start <= start or text[line_start:end - 1].strip() not in ('"', "”", "»"):
        return False
    before = text[start:line_start].rstrip()
    return bool(before) and before[-1] not in ".!?؟:"


def _add(text: str, start: int, end: int, out: list[Sentence]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        # Do not split inside a number like "3.5" or an abbreviation: merge tiny pieces.
        if out and end - start < 3 and out[-1].end >= start - 1:
            prev = out.pop()
            start = prev.start
        out.append(Sentence(start, end, text[start:end]))


# connectives that start another item of a sentence (rule digest_items of rasid.coding.clauses)
_JOIN = r"(?:مشيرا|مشيراً|مشيرة|مشيرةً|مشيرين|مضيفا|مضيفاً|مضيفة|لافتا|لافتاً|لافتة|وأشار|وأشارت|واشار|واشارت|ولفت|ولفتت|وأوضح|وأوضحت|واوضح|واوضحت|وتابع|وتابعت|كذلك|وكذلك|في الوقت الذي|في وقت(?! سابق| لاحق| متأخر| مبكر| مت)|إلى ذلك|الى ذلك|في غضون ذلك|من جهة أخرى|من ناحية أخرى|من جهة اخرى|من ناحية اخرى|في سياق متصل|في سياق آخر|في سياق منفصل|على صعيد آخر|إلا أن|الا ان|إلا ان|لكن|ولكن|فيما|في حين|على حين|بينما|وبينما|كما|وبالتالي|وأسفر|وأسفرت|وأدى|وأدت|لا صحة|ولا صحة|نافيا|نافيةً|نافية|ونفى|ونفت|وكانت|وكان|وفي|وقال|وقالت|وأكد|وأكدت|وذكر|وذكرت|وأضاف|وأضافت|ووفق|وبحسب|بعد|عقب|إثر سيطر|تزامنا|تزامناً|وسط|بالتوازي|ترافق|ترافقت|وترافق|وترافقت|بالتزامن|وتزامن|وتزامنت)"
_JOIN_WAQT = "في وقت(?! سابق| لاحق| متأخر| مبكر| مت)"  # (the connectives with a lookahead of their own)
# "، وفيما الاجتماع منعقد وقع انفجار": "while" opens a clause of its own event, not "وفيما يخص" (as for)
_JOIN_WAFIMA = "وفيما(?! يخص| يتعلق)"
# ", يأتي هذا رغم الإعلان عن هدنة ..." / ", ويأتي ذلك في ظل ...": the writer's comment on what was told opens a clause of
# its own, whatever follows (not "يأتي هذا القرار", the subject of its own sentence)
_JOIN_YATI = "و?(?:يأتي (?:هذا|ذلك)|تأتي (?:هذه|تلك))(?! ال)"
_JOIN_BARE = r"(?:و?يأتي (?:هذا|ذلك)(?= (?:فيما|في وقت|في حين|بينما|بعد|عقب|وسط|غداة|تزامنا|بالتزامن))|بعد (?:(?:يوم|يومين|أسبوع|أسبوعين|شهر|شهرين|أيام|أسابيع|أشهر)|(?:ثلاثة|أربعة|خمسة|ستة|سبعة|عشرة|بضعة|[0-9]+) (?:أيام|أسابيع|أشهر)) (?:من|على)|تزامنا مع|تزامناً مع|بالتوازي مع|بالتزامن مع|بعد أن|بعد ان|عقب سيطرة|عقب سيطرته|بعد سيطرة|بعد سيطرته|بعد سيطرتها|وسط قصف|وسط غارات|وسط اشتباكات|ترافق مع|ترافقت مع)"
# Cut at strong joins: '؛', or a comma before a connective that starts a new event, or a bare connective like "تزامنا مع".
# (one character class first, the branch told by a lookbehind at it: the standard re then skips to the few commas and
# spaces instead of trying three branches at every character; the connectives after a comma as a trie, see
# word_alternation)
_JOIN_TRIE = "(?:" + word_alternation(_JOIN[3:-1].replace(_JOIN_WAQT + "|", "").split("|")) + "|" + _JOIN_WAQT + "|" + _JOIN_WAFIMA + "|" + _JOIN_YATI + ")"
_CLAUSE = re.compile(rf"[\s،,؛;](?:(?<=[،,؛;])\s*(?={_JOIN_TRIE}(?:\s|$))|(?<=[؛;])\s+|(?<=\s)(?={_JOIN_BARE}\s))")


# "وترافقت الاشتباكات العنيفة مع قصف مكثف": what went with the event is an event of its own, cut before "مع"
_ALONG = re.compile(r"(?:^|\s)و?(?:ترافق|ترافقت|تزامن|تزامنت|تترافق|يترافق|يتزامن|تتزامن)(?:\s+[^\s،,.]+){1,3}?(\s)(?=مع\s)")


def clauses(s: Sentence) -> list[Sentence]:
    """Cut a sentence at strong clause joins (؛ and '، فيما/في حين/كما …', '… ترافقت X | مع Y')."""
    out = []
    start = s.start
    cuts = [(m.start(), m.end()) for m in _CLAUSE.finditer(s.text)]
    if "رافق" in s.text or "زامن" in s.text:  # (a cheap test first: _ALONG tries every space)
        cuts += [(m.start(1), m.end(1)) for m in _ALONG.finditer(s.text)]
    for a, b in sorted(cuts):
        if s.start + a < start:
            continue
        _add_abs(s, start, s.start + a, out)
        start = s.start + b
    _add_abs(s, start, s.end, out)
    return out or [s]


def _add_abs(s: Sentence, start: int, end: int, out: list[Sentence]) -> None:
    full = s.text
    a, b = start - s.start, end - s.start
    while a < b and full[a].isspace():
        a += 1
    while b > a and full[b - 1].isspace():
        b -= 1
    if b > a:
        out.append(Sentence(s.start + a, s.start + b, full[a:b]))


def _arabic_letters() -> str:
    """The alphabetic code points of the Arabic blocks, as the inside of a character class."""
    cps = [c for c in list(range(0x0600, 0x0700)) + list(range(0xFB50, 0xFEFD)) if chr(c).isalpha()]
    ranges, start, prev = [], cps[0], cps[0]
    for c in cps[1:] + [-1]:
        if c != prev + 1:
            ranges.append(f"{chr(start)}-{chr(prev)}" if prev > start else chr(start))
            start = c
        prev = c
    return "".join(ranges)


_AR_LETTERS = _arabic_letters()
_ARABIC_RUNS = re.compile(f"[{_AR_LETTERS}]+")


def arabic_ratio(text: str) -> float:
    """Share of the letters (str.isalpha) in the first 20,000 characters that are Arabic. Counted by
    regex, not letter by letter: Arabic letters are what deleting them removes; the rest is short."""
    head = text[:20000]
    rest = _ARABIC_RUNS.sub("", head)
    arabic = len(head) - len(rest)
    letters = arabic + sum(map(str.isalpha, rest))  # str.isalpha: the regex module's Unicode tables may differ
    return arabic / letters if letters else 0.0
