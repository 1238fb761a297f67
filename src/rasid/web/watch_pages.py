"""The web app's pages of `rasid watch`: sources (last poll, new articles, errors, recent faults) and
alerts (newest first). A store never watched shows empty pages saying so."""
from __future__ import annotations

import json

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse
from sqlalchemy import select

from ..watch import tables as T


def add_watch_pages(app: FastAPI, store, page) -> None:
    def sources_data() -> dict:
        if not T.present(store.engine):
            return {"watched": False, "sources": [], "faults": []}
        with store.engine.connect() as c:
            src = [dict(r) for r in c.execute(select(T.sources).order_by(T.sources.c.name)).mappings()]
            faults = [dict(r) for r in c.execute(select(T.faults).order_by(T.faults.c.id.desc()).limit(100)).mappings()]
        return {"watched": True, "sources": src, "faults": faults}

    def alerts_data() -> list[dict]:
        if not T.present(store.engine):
            return []
        with store.engine.connect() as c:
            rows = c.execute(select(T.alerts.c.record).order_by(T.alerts.c.updated.desc()).limit(500)).all()
        return [json.loads(r[0]) for r in rows]

    @app.get("/api/sources", tags=["api"])
    def api_sources():
        """`rasid watch`'s sources: last poll, status, new articles and errors each; the latest 100 faults."""
        return sources_data()

    @app.get("/api/alerts", tags=["api"])
    def api_alerts():
        """`rasid watch`'s alerts, one per reconciled event and rule (its latest revision), newest first."""
        return alerts_data()

    @app.get("/sources", response_class=HTMLResponse, include_in_schema=False)
    def sources_page(request: Request):
        return page(request, "sources.html", d=sources_data())

    @app.get("/alerts", response_class=HTMLResponse, include_in_schema=False)
    def alerts_page(request: Request):
        return page(request, "alerts.html", alerts=alerts_data())
