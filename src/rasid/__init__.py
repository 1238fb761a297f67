"""rasid (راصد): Arabic conflict reporting to a sourced, geolocated event dataset.

Python API::

    import rasid
    doc = rasid.process_text(text, published="2018-12-06", outlet="فرات بوست")
    for e in doc.events: print(e.event_type, e.evidence[0]["quote"])
    df = rasid.read_events("out/rasid.db")
"""
from __future__ import annotations

__version__ = "0.1.0"

_PIPELINES: dict = {}


def get_pipeline(gazetteer: str | bool | None = None):
    """The pipeline over ``gazetteer`` (a TSV or folder; None: the default one found; False: none), made once."""
    from .pipeline import Pipeline

    key = False if gazetteer is False else str(gazetteer or "")
    if key not in _PIPELINES:
        _PIPELINES[key] = Pipeline(gazetteer=gazetteer)
    return _PIPELINES[key]


def process_text(text: str, published: str | None = None, outlet: str | None = None, *, doc_id: str = "text",
                 gazetteer: str | bool | None = None):
    """Clean and code one article; returns the :class:`rasid.model.Document` with its events.

    ``gazetteer``: a TSV or folder (a wrong path raises :class:`rasid.geo.GazetteerError`); None: the first of
    ``$RASID_GAZETTEER``, the fetched cache and the embedded Syria/Iraq gazetteer; False: none (places keep
    their names without coordinates).
    """
    return get_pipeline(gazetteer).text(text, published=published, outlet=outlet, doc_id=doc_id)


def read_events(db):
    """The report events of a store as a pandas DataFrame (one row per event, spec fields as columns)."""
    import pandas as pd

    from .export import event_record
    from .store import Store

    rows = [event_record(e) for e in Store(db).iter_events()]
    return pd.DataFrame(rows, columns=None if rows else ["event_id", "doc_id", "outlet", "event_type", "sub_event_type"])


__all__ = ["process_text", "read_events", "get_pipeline", "__version__"]
