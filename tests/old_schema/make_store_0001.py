"""Make a store with the schema rasid wrote before schema versions (0001, main of 2026-12-03), with a
few rows as that rasid wrote them: the fixture of the upgrade tests (a script, not a binary file).

    python tests/old_schema/make_store_0001.py DB      (a SQLite path or a SQLAlchemy URL)

The tables are written out here as they were, not imported from rasid, so later changes to
rasid's tables cannot change this fixture.
"""
import json
import sys

from sqlalchemy import BigInteger, Column, Integer, LargeBinary, MetaData, String, Table, Text, create_engine

md = MetaData()
documents = Table(
    "documents", md, Column("doc_id", String, primary_key=True), Column("content_hash", String, index=True, nullable=False),
    Column("raw_hash", String, index=True), Column("outlet", String), Column("url", String), Column("title", Text),
    Column("published", String), Column("language", String), Column("text", Text, nullable=False), Column("raw", Text),
    Column("removed", Text), Column("duplicate_of", String), Column("source", Text), Column("places", Text),
    Column("n_events", Integer, default=0), Column("run_id", Integer))
events = Table(
    "events", md, Column("event_id", String, primary_key=True), Column("doc_id", String, index=True, nullable=False),
    Column("seq", Integer, nullable=False), Column("outlet", String), Column("event_type", String, index=True),
    Column("sub_event_type", String), Column("date_start", String, index=True), Column("record", Text, nullable=False))
runs = Table(
    "runs", md, Column("run_id", Integer, primary_key=True, autoincrement=True), Column("started", String),
    Column("finished", String), Column("args", Text), Column("lexicon", String), Column("summary", Text))
input_errors = Table(
    "input_errors", md, Column("id", Integer, primary_key=True, autoincrement=True), Column("run_id", Integer),
    Column("path", Text, nullable=False), Column("line", Integer), Column("reason", Text, nullable=False))
signatures = Table("signatures", md, Column("doc_id", String, primary_key=True), Column("sig", LargeBinary))
lsh_bands = Table("lsh_bands", md, Column("key", BigInteger, index=True, nullable=False), Column("doc_id", String, nullable=False))
reconciled = Table(
    "reconciled", md, Column("recon_id", String, primary_key=True), Column("event_type", String, index=True),
    Column("grade", String, index=True), Column("day_start", Integer, index=True), Column("day_end", Integer),
    Column("match", Text, nullable=False), Column("record", Text, nullable=False))
recon_members = Table("recon_members", md, Column("event_id", String, primary_key=True),
                      Column("recon_id", String, index=True, nullable=False))
reviews = Table(
    "reviews", md, Column("id", Integer, primary_key=True, autoincrement=True), Column("target", String, nullable=False),
    Column("target_id", String, index=True, nullable=False), Column("action", String, nullable=False),
    Column("field", String), Column("old", Text), Column("new", Text), Column("who", String, nullable=False),
    Column("at", String, nullable=False), Column("note", Text))
users = Table(
    "users", md, Column("name", String, primary_key=True), Column("role", String, nullable=False),
    Column("password_hash", String, nullable=False), Column("created", String, nullable=False))

TEXT = "قصفت طائرات حربية بلدة كفرنبل بريف إدلب اليوم الأحد، ما أدى إلى مقتل ثلاثة مدنيين. وسيطرت فصائل المعارضة على قرية الهبيط."


def _event(i: int, etype: str, sub: str, quote: str, place: str, lat: float, lon: float, deaths: int | None) -> dict:
    start = TEXT.index(quote)
    return {"event_id": f"old-ev-{i}", "doc_id": "old-doc", "event_type": etype, "sub_event_type": sub,
            "date": {"start": "2019-05-12", "end": "2019-05-12", "precision": "day"}, "outlet": "مثال نيوز",
            "actor1": {"id": "opposition" if i == 2 else "unknown_air_force", "text": ""}, "actor2": None,
            "status": "reported", "locations": [{"name": place, "text": place, "lat": lat, "lon": lon}],
            "fatalities": {"value": deaths, "text": "ثلاثة"} if deaths else None,
            "evidence": [{"quote": quote, "start": start, "end": start + len(quote)}]}


def make(db: str) -> None:
    url = db if "://" in db else f"sqlite:///{db}"
    eng = create_engine(url)
    md.create_all(eng)
    evs = [_event(1, "Explosions/Remote violence", "Air/drone strike", "قصفت طائرات حربية بلدة كفرنبل", "Kafr Nabl",
                  35.61, 36.56, 3),
           _event(2, "Strategic developments", "Non-violent transfer of territory", "وسيطرت فصائل المعارضة على قرية الهبيط",
                  "Al-Habit", 35.55, 36.62, None)]
    with eng.begin() as c:
        c.execute(runs.insert().values(started="2026-12-01T10:00:00+00:00", finished="2026-12-01T10:00:01+00:00",
                                       args="{}", lexicon="old", summary="{}"))
        c.execute(documents.insert().values(
            doc_id="old-doc", content_hash="h-old", raw_hash="r-old", outlet="مثال نيوز", title="غارات", published="2019-05-12",
            language="ar", text=TEXT, raw=TEXT, removed="[]", source="old.txt", places="[]", n_events=2, run_id=1))
        c.execute(events.insert(), [
            {"event_id": e["event_id"], "doc_id": "old-doc", "seq": i, "outlet": e["outlet"], "event_type": e["event_type"],
             "sub_event_type": e["sub_event_type"], "date_start": e["date"]["start"],
             "record": json.dumps(e, ensure_ascii=False)} for i, e in enumerate(evs)])
        c.execute(reviews.insert(), [
            {"target": "event", "target_id": "old-ev-1", "action": "correct", "field": "date.start", "old": '"2019-05-12"',
             "new": '"2019-05-11"', "who": "amal", "at": "2026-12-01T11:00:00+00:00"},
            {"target": "event", "target_id": "old-ev-2", "action": "reject", "field": None, "old": None, "new": None,
             "who": "amal", "at": "2026-12-01T11:01:00+00:00"}])
        c.execute(input_errors.insert().values(run_id=1, path="bad.txt", reason="empty file"))
    eng.dispose()


if __name__ == "__main__":
    make(sys.argv[1])
