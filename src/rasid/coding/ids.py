"""Event ids: stable across runs for the same article, coding and lexicon."""
from __future__ import annotations

import hashlib


def event_id(doc_id: str, event_type: str, sub: str, first_start: int, fingerprint: str) -> str:
    """sha1 of the article id, the head's type and sub-type, where the event's first mention starts and the
    lexicon's fingerprint (a change of the data files gives new ids), 16 hex digits."""
    key = f"{doc_id}|{event_type}|{sub}|{first_start}|{fingerprint}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]
