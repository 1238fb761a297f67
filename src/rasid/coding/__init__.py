"""Event coding as small components, one job each (see docs/coding.md, the map of components and rules).

:class:`EventCoder` (:mod:`.coder`) runs them: :mod:`.context` (what is found once per document, with
:mod:`.parties` and :mod:`.when`), :mod:`.clauses` (one clause, one mention: :mod:`.triggers`, :mod:`.tolls`,
:mod:`.roles`, :mod:`.nationality`, :mod:`.victims`, :mod:`.territory`, :mod:`.voice`, :mod:`.filters`),
:mod:`.merge` (mentions into report events: :mod:`.same`, :mod:`.report`, :mod:`.sides`, :mod:`.ids`).
Every override and filter is a named rule in :data:`.rules.RULES`.
"""
from .coder import EventCoder
from .context import DocContext
from .mention import Mention
from .rules import RULES, Rule, Trace

__all__ = ["EventCoder", "DocContext", "Mention", "RULES", "Rule", "Trace"]
