"""event_index: one flat row per report event, as reviewed, with indexes (the web app's filters on
a big store query it in the database instead of a copy in memory); on PostgreSQL trigram indexes
(pg_trgm) for the text search over quotes and place names.

Revision ID: 0002
Revises: 0001
"""
import json

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

FILTERED = ("date_start", "event_type", "outlet", "actor1", "actor2", "status", "doc_id")


def upgrade() -> None:
    from rasid.store import event_row, trigram_indexes

    op.create_table(
        "event_index",
        sa.Column("event_id", sa.String, primary_key=True), sa.Column("doc_id", sa.String, nullable=False),
        sa.Column("seq", sa.Integer), sa.Column("outlet", sa.String), sa.Column("event_type", sa.String),
        sa.Column("sub_event_type", sa.String), sa.Column("date_start", sa.String), sa.Column("date_end", sa.String),
        sa.Column("actor1", sa.String), sa.Column("actor2", sa.String), sa.Column("status", sa.String),
        sa.Column("lat", sa.Float), sa.Column("lon", sa.Float), sa.Column("location", sa.Text),
        sa.Column("fatalities", sa.Integer), sa.Column("quote", sa.Text), sa.Column("review", sa.String),
        sa.Column("background", sa.Integer, nullable=False, server_default="0"),
    )
    for col in FILTERED:
        op.create_index(f"ix_event_index_{col}", "event_index", [col])
    conn = op.get_bind()
    # the rows of the events stored so far, as reviewed (the same rows rasid.store writes from now on)
    from rasid.review import event_reviews

    revs = event_reviews(conn)  # (with decisions carried from an edited article's earlier events)
    table = sa.table("event_index", *[sa.column(c) for c in (
        "event_id", "doc_id", "seq", "outlet", "event_type", "sub_event_type", "date_start", "date_end", "actor1",
        "actor2", "status", "lat", "lon", "location", "fatalities", "quote", "review", "background")])
    batch = []
    for rec_json, seq in conn.execute(sa.text("SELECT record, seq FROM events ORDER BY doc_id, seq")).all():
        rec = json.loads(rec_json)
        row = event_row(rec, seq, revs.get(rec["event_id"]))
        batch.append({c.name: row.get(c.name) for c in table.columns})  # (the columns of this version)
        if len(batch) >= 2000:
            conn.execute(table.insert(), batch)
            batch = []
    if batch:
        conn.execute(table.insert(), batch)
    trigram_indexes(conn)


def downgrade() -> None:
    op.drop_table("event_index")
