"""Runs that cost what they add (issue 18): what the end-of-run work needs to touch only what a run changed.

- ``reconciled.block_start`` / ``block_end``: the days under which the reconciler indexes a group (its match
  range, at most MAX_INDEX_DAYS long), indexed: a run loads only the groups its new reports can join;
- ``ix_documents_known``: (doc_id, content_hash, raw_hash), so what is stored is read from the index alone;
  ``ix_documents_run_id``: a run's documents (its exports append them);
- ``control_docs``, ``control_claims``, ``control_places``, ``control_timelines``: the control claims of each
  document, the places they name with the timeline each belongs to, and every place's timeline, kept up to
  date document by document (rasid.control.update). Left empty here: the first run or ``rasid export`` after
  the upgrade builds them once.

Revision ID: 0004
Revises: 0003
"""
import json

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from rasid.reconcile import block_range

    op.add_column("reconciled", sa.Column("block_start", sa.Integer))
    op.add_column("reconciled", sa.Column("block_end", sa.Integer))
    op.create_index("ix_reconciled_block_start", "reconciled", ["block_start"])
    op.create_index("ix_documents_known", "documents", ["doc_id", "content_hash", "raw_hash"])
    op.create_index("ix_documents_run_id", "documents", ["run_id"])
    op.create_table("control_docs", sa.Column("doc_id", sa.String, primary_key=True),
                    sa.Column("content_hash", sa.String, nullable=False))
    op.create_table("control_claims", sa.Column("doc_id", sa.String, primary_key=True),
                    sa.Column("ord", sa.Integer, primary_key=True), sa.Column("place_key", sa.String, nullable=False),
                    sa.Column("record", sa.Text, nullable=False))
    op.create_index("ix_control_claims_place_key", "control_claims", ["place_key"])
    op.create_table("control_places", sa.Column("place_key", sa.String, primary_key=True),
                    sa.Column("root", sa.String, nullable=False), sa.Column("place", sa.Text, nullable=False))
    op.create_index("ix_control_places_root", "control_places", ["root"])
    op.create_table("control_timelines", sa.Column("root", sa.String, primary_key=True),
                    sa.Column("record", sa.Text, nullable=False))
    conn = op.get_bind()
    table = sa.table("reconciled", sa.column("recon_id"), sa.column("block_start"), sa.column("block_end"))
    batch = []
    for rid, match in conn.execute(sa.text("SELECT recon_id, \"match\" FROM reconciled")).all():
        m = json.loads(match)
        lo, hi = block_range(m.get("start"), m.get("end"), m.get("places"))
        batch.append({"b_id": rid, "lo": lo, "hi": hi})
        if len(batch) >= 2000:
            conn.execute(table.update().where(table.c.recon_id == sa.bindparam("b_id")).values(
                block_start=sa.bindparam("lo"), block_end=sa.bindparam("hi")), batch)
            batch = []
    if batch:
        conn.execute(table.update().where(table.c.recon_id == sa.bindparam("b_id")).values(
            block_start=sa.bindparam("lo"), block_end=sa.bindparam("hi")), batch)


def downgrade() -> None:
    for t in ("control_timelines", "control_places", "control_claims", "control_docs"):
        op.drop_table(t)
    op.drop_index("ix_documents_run_id", "documents")
    op.drop_index("ix_documents_known", "documents")
    op.drop_index("ix_reconciled_block_start", "reconciled")
    op.drop_column("reconciled", "block_end")
    op.drop_column("reconciled", "block_start")
