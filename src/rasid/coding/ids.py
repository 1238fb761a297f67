"""Event ids: from the article's id and the event's own words, so an edit elsewhere in the article keeps them.

The key is the article's id, the event's type and sub-type and the words of its first clause (normalised as
matching reads them: spelling variants, runs of spaces and punctuation do not count), with a count for the
same words told again as another event. Changed in December 2026 (issue 21): the key held where the first
clause started and the lexicon's fingerprint, so a line added above an event, or any change of the data
files, gave it a new id and reviewers' decisions no longer applied. Stores made before keep their ids until
an article is stored again; its decisions are then carried to the new ids (rasid.review.carry).
"""
from __future__ import annotations

import hashlib
import re

from ..arabic import normalize

_WORD = re.compile(r"\w+")


def clause_words(text: str) -> str:
    """The words of a clause as the id reads them."""
    return " ".join(_WORD.findall(normalize(text)))


def event_id(doc_id: str, event_type: str, sub: str, first_clause: str) -> str:
    """sha1 of the article id, the head's type and sub-type and the words of the event's first clause, 16 hex digits."""
    key = f"{doc_id}|{event_type}|{sub}|{clause_words(first_clause)}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def number_repeats(events: list) -> None:
    """Events of one article with the same key (the same words told twice, as two events) are told apart by
    their count, in text order: the second is sha1(id|1), the third sha1(id|2) ..."""
    seen: dict[str, int] = {}
    taken = {e.event_id for e in events}
    for e in events:
        n = seen.get(e.event_id, 0)
        seen[e.event_id] = n + 1
        if n:
            new = e.event_id
            while new in taken:
                new = hashlib.sha1(f"{e.event_id}|{n}".encode("utf-8")).hexdigest()[:16]
                n += 1
            taken.add(new)
            e.event_id = new
