"""The web app on a big store (issue 18): each report's group and the group's grade in its flat row
(``event_index.recon_id``, ``grade``, filled here from recon_members/reconciled; the reconciler keeps them
up to date), so a grade filter or a report's group needs no join; ``ix_event_index_recon_id``,
``ix_event_index_grade`` (the grades to choose from, read by a skip scan); on
PostgreSQL the web app's partial composite indexes (:func:`rasid.store.web_indexes`: each filter column in
date order, the toll order, the timeline's days and types, the rejected events).

Revision ID: 0006
Revises: 0005
"""
import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from rasid.store import web_indexes

    op.add_column("event_index", sa.Column("recon_id", sa.String))
    op.add_column("event_index", sa.Column("grade", sa.String))
    conn = op.get_bind()
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text("UPDATE event_index e SET recon_id = m.recon_id, grade = r.grade FROM recon_members m "
                             "LEFT JOIN reconciled r ON r.recon_id = m.recon_id WHERE m.event_id = e.event_id"))
    else:
        conn.execute(sa.text(
            "UPDATE event_index SET recon_id = (SELECT m.recon_id FROM recon_members m WHERE m.event_id = event_index.event_id), "
            "grade = (SELECT r.grade FROM recon_members m JOIN reconciled r ON r.recon_id = m.recon_id "
            "WHERE m.event_id = event_index.event_id) WHERE event_id IN (SELECT event_id FROM recon_members)"))
    op.create_index("ix_event_index_recon_id", "event_index", ["recon_id"])
    op.create_index("ix_event_index_grade", "event_index", ["grade"])
    web_indexes(conn)
    if conn.dialect.name == "postgresql":  # the planner's statistics of the new columns and indexes, now
        conn.execute(sa.text("ANALYZE event_index"))


def downgrade() -> None:
    op.drop_index("ix_event_index_grade", "event_index")
    op.drop_index("ix_event_index_recon_id", "event_index")
    op.drop_column("event_index", "grade")
    op.drop_column("event_index", "recon_id")
