"""A mention: one clause's reading of an event, before mentions of the same event merge."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..arabic import Sentence
from ..dates import DateMention
from ..lexicon import Match


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
    toll_stage: bool = False  # its toll is told as a stage of a running count ("حصيلة أولية", "ارتفع ... إلى")
    weak_day: bool = False  # its day is another clause's or the day a source spoke ("قال مسؤولون أمس إن ...")
    keepers: frozenset = frozenset()  # parties told as restoring order, no side (rule order_keeper_not_side)
    claim: bool = False  # a party claims the attack the clause names ("وتبنى تنظيم داعش التفجير")
