"""Territory: ground changing hands. Who gained it says the sub-type (a state's forces or its bloc regain,
any other party overtakes); who lost it, and whether all of the place changed hands."""
from __future__ import annotations

from ..lexicon import Lexicon
from .mention import Mention
from .rules import note, rule
from .words import FIGHT_WORDS, HANDOVER, PARTIAL_WORDS, STATE_KINDS, TERRITORY_SUBS, WITHDRAWAL_BEFORE


@rule("government_regains", reads="actors.tsv kind, alliances.tsv *_government")
def for_government(lex: Lexicon, gainer: str | None) -> bool:
    """Ground taken by a state's forces or an affiliate in its government's bloc (alliances.tsv) is regained:
    "استعادت قوات الحشد الشعبي السيطرة على القرية" is Government regains territory."""
    return gainer in lex.actors and (lex.actors[gainer].kind in STATE_KINDS or gainer in lex.government_side)


def _sub(ctx, gainer: str | None) -> str:
    state = for_government(ctx.lex, gainer)
    if ctx.trace is not None:
        note(ctx, "government_regains", f"{gainer} {'is' if state else 'is not'} of a government")
    return "Government regains territory" if state else "Non-state actor overtakes territory"


@rule("handed_over", reads="role_words.tsv handover, withdrawal_before, fight_word")
def handed_over(ctx, clause_norm: str) -> bool:
    """Ground taken after the other side withdrew, with no fighting told, changed hands without violence (the
    spec): "سيطرت الفصائل على البلدة بعد انسحاب قوات النظام منها", "انسحب التنظيم من دابق لتسيطر عليها الفصائل"."""
    words = [w.lstrip("و") for w in clause_norm.split()]
    after_withdrawal = any(p in clause_norm for p in WITHDRAWAL_BEFORE)
    handover = any(w in HANDOVER for w in words) and any(w.startswith("انسحب") for w in words)
    if not (after_withdrawal or handover) or any(w in FIGHT_WORDS for w in words):
        return False
    note(ctx, "handed_over", "a withdrawal, no fighting told")
    return True


@rule("partial_extent", reads="role_words.tsv partial")
def of_mention(ctx, m: Mention, clause_norm: str) -> None:
    """A territory mention: actor 1 gained the ground, actor 2 lost it; a word of part ("أجزاء من",
    "أحياء في") makes the extent partial: "سيطرت قوات النظام على أجزاء من حي جوبر"."""
    gainer = m.actor1[0] if m.actor1 else None
    m.sub = _sub(ctx, gainer)
    if handed_over(ctx, clause_norm):
        m.event_type, m.sub = "Strategic developments", "Non-violent transfer of territory"
    partial = any(w in clause_norm for w in PARTIAL_WORDS)
    if partial:
        note(ctx, "partial_extent", "")
    m.territory = {"gained_by": gainer, "lost_by": m.actor2[0] if m.actor2 else None,
                   "extent": "partial" if partial else "full"}


@rule("loser_other_side")
def of_event(lex: Lexicon, t: dict | None, head: Mention, a1, a2) -> dict | None:
    """Ground changing hands, only on a territory event, never "taken by X from X" or from an ally; a gainer
    told only as "القوات" is the event's actor 1, and the loser is the other side of the fighting ("سيطر داعش
    على القرية بعد معارك مع تحرير الشام")."""
    if not t or head.sub not in TERRITORY_SUBS:
        return None
    t = dict(t)
    if t.get("gained_by") is None and a1:
        t["gained_by"] = a1[0]
    gained, lost = t.get("gained_by"), t.get("lost_by")
    if lost is None or (gained and lex.allied(gained, lost)):
        t["lost_by"] = a2[0] if a2 and not (gained and lex.allied(gained, a2[0])) else None
    return t


def resub(ctx, events: list) -> None:
    """The gainer may be known only after merging (a pronoun's party, the other side filled in)."""
    for e in events:
        gainer = (e.territory or {}).get("gained_by")
        if e.sub_event_type in TERRITORY_SUBS - {"Non-violent transfer of territory"} and gainer in ctx.lex.actors:
            state = for_government(ctx.lex, gainer)
            e.sub_event_type = "Government regains territory" if state else "Non-state actor overtakes territory"
