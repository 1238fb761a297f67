"""Runs that cost what they add (issue 18): a control timeline kept in pieces, so a run naming a place rewrites
only the days its claims fall on, not the whole timeline (the biggest places' records were 15 MB at 100,000
documents, decoded, patched and written again by every run naming them):

- ``control_timelines.record``: the timeline's head (the place, its claims' outlets counted, how many claims say
  more than fighting; the intervals are made from the claims when the timeline is read);
- ``control_days``: per timeline and day (the undated claims by action and actor), its claims and conflicts.

The timelines kept are split here (:func:`rasid.control.split`); rasid.control.control puts them together.

Revision ID: 0007
Revises: 0006
"""
import json

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from rasid.control import split

    op.create_table("control_days", sa.Column("root", sa.String, primary_key=True),
                    sa.Column("day", sa.String, primary_key=True), sa.Column("record", sa.Text, nullable=False))
    conn = op.get_bind()
    table = sa.table("control_timelines", sa.column("root"), sa.column("record"))
    days = sa.table("control_days", sa.column("root"), sa.column("day"), sa.column("record"))
    for (root,) in conn.execute(sa.text("SELECT root FROM control_timelines ORDER BY root")).all():
        rec = conn.execute(sa.text("SELECT record FROM control_timelines WHERE root = :r"), {"r": root}).scalar()
        head, by_day = split(json.loads(rec))
        conn.execute(table.update().where(table.c.root == root).values(record=json.dumps(head, ensure_ascii=False)))
        rows = [{"root": root, "day": d, "record": json.dumps(r, ensure_ascii=False)} for d, r in by_day.items()]
        for i in range(0, len(rows), 500):
            conn.execute(days.insert(), rows[i:i + 500])


def downgrade() -> None:
    from rasid.control import assemble
    from rasid.lexicon import default_lexicon

    conn = op.get_bind()
    lex = default_lexicon()
    table = sa.table("control_timelines", sa.column("root"), sa.column("record"))
    for (root,) in conn.execute(sa.text("SELECT root FROM control_timelines ORDER BY root")).all():
        head = json.loads(conn.execute(sa.text("SELECT record FROM control_timelines WHERE root = :r"), {"r": root}).scalar())
        by_day = {d: json.loads(r) for d, r in conn.execute(sa.text("SELECT day, record FROM control_days WHERE root = :r"),
                                                            {"r": root})}
        conn.execute(table.update().where(table.c.root == root).values(
            record=json.dumps(assemble(head, by_day, lex), ensure_ascii=False)))
    op.drop_table("control_days")
