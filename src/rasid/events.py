"""Event coding (compatibility module): the coder now lives in :mod:`rasid.coding`, a package of small
components with one job each and named rules (docs/coding.md). The names other modules and tests import
from here are re-exported."""
from __future__ import annotations

from .coding.coder import EventCoder
from .coding.context import Covers as _Covers
from .coding.context import DocContext as _DocContext
from .coding.filters import specific as _specific
from .coding.mention import Mention
from .coding.words import NATIONALITY, STATE_KINDS, TERRITORY_SUBS, VIOLENT
from .coding.words import nationality_of as _nationality_of

__all__ = ["EventCoder", "Mention", "NATIONALITY", "STATE_KINDS", "TERRITORY_SUBS", "VIOLENT", "_DocContext",
           "_Covers", "_nationality_of", "_specific"]
