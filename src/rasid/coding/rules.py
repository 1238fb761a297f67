"""The rule registry and the rule trace.

A *rule* is one override or filter of the coder with a name. Each is registered with
:func:`rule`: its name, the component (module) that holds it, the data file and kind it
reads, and its docstring, whose first line says what it does and which holds one invented
Arabic example. ``docs/coding.md`` lists them from this registry (``tools/coding_docs.py``).

The *trace* records which rules fired for a text, when asked (``rasid explain``): a coder made
with ``trace=True`` keeps a :class:`Trace` per document; without it ``ctx.trace`` is ``None`` and a
rule costs one test of that.
"""
from __future__ import annotations

import inspect
from dataclasses import dataclass, field
from typing import Callable


@dataclass(frozen=True)
class Rule:
    name: str
    component: str  # the module of rasid.coding that holds it
    reads: str  # the data file and kind it reads ("role_words.tsv downing"), or "" for none
    doc: str  # its docstring: what it does, with one invented example

    @property
    def summary(self) -> str:
        return " ".join(self.doc.strip().split("\n\n")[0].split())


RULES: dict[str, Rule] = {}


def rule(name: str, reads: str = "") -> Callable:
    """Register the function as the rule ``name`` (the function itself is returned unchanged)."""

    def register(fn: Callable) -> Callable:
        if name in RULES:
            raise ValueError(f"rule {name!r} registered twice")
        doc = inspect.getdoc(fn) or ""
        if not doc:
            raise ValueError(f"rule {name!r} has no docstring")
        RULES[name] = Rule(name, fn.__module__.rsplit(".", 1)[-1], reads, doc)
        return fn

    return register


def note(ctx, name: str, detail: str = "") -> None:
    """Record that rule ``name`` fired, with what decided it (only when tracing)."""
    if ctx.trace is not None:
        ctx.trace.note(name, detail)


@dataclass
class ClauseTrace:
    text: str
    start: int
    notes: list[tuple[str, str]] = field(default_factory=list)
    mention: object | None = None  # the Mention it gave, None when it told no event
    counts: list = field(default_factory=list)  # the counts its toll was read from


@dataclass
class Trace:
    """What the coder decided for one document, and why."""

    clauses: list[ClauseTrace] = field(default_factory=list)
    open: list[ClauseTrace] = field(default_factory=list)  # clauses being coded (one is coded inside another)
    by_mention: dict[int, ClauseTrace] = field(default_factory=dict)
    events: list[tuple[object, object, list]] = field(default_factory=list)  # (event, head mention, mentions)
    event_notes: dict[int, list[tuple[str, str]]] = field(default_factory=dict)
    loose: list[tuple[str, str]] = field(default_factory=list)  # fired outside any clause or event
    current_event: object | None = None

    def begin(self, cl) -> None:
        self.open.append(ClauseTrace(cl.text, cl.start))

    def end(self, m) -> None:
        ct = self.open.pop()
        ct.mention = m
        self.clauses.append(ct)
        if m is not None:
            self.by_mention[id(m)] = ct

    def counts(self, counts: list) -> None:
        if self.open:
            self.open[-1].counts = list(counts)

    def note(self, name: str, detail: str = "") -> None:
        if name not in RULES:
            raise KeyError(f"unregistered rule {name!r}")
        if self.open:
            self.open[-1].notes.append((name, detail))
        elif self.current_event is not None:
            self.event_notes.setdefault(id(self.current_event), []).append((name, detail))
        else:
            self.loose.append((name, detail))

    def note_mention(self, m, name: str, detail: str = "") -> None:
        """A rule that fired on a mention after its clause was coded (merging)."""
        if name not in RULES:
            raise KeyError(f"unregistered rule {name!r}")
        ct = self.by_mention.get(id(m))
        (ct.notes if ct is not None else self.loose).append((name, detail))

    def note_event(self, e, name: str, detail: str = "") -> None:
        if name not in RULES:
            raise KeyError(f"unregistered rule {name!r}")
        self.event_notes.setdefault(id(e), []).append((name, detail))


def describe(module: str, name: str, doc: str, reads: str = "") -> None:
    """Register a rule whose code is a branch of a larger reading (a table row of the registry)."""
    if name in RULES:
        raise ValueError(f"rule {name!r} registered twice")
    RULES[name] = Rule(name, module.rsplit(".", 1)[-1], reads, inspect.cleandoc(doc))
