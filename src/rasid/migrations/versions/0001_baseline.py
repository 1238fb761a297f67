"""Baseline: the store as rasid made it before schema versions (main of 2026-12-03).

A database without an ``alembic_version`` table is taken to be this one and stamped so.

Revision ID: 0001
Revises:
"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("doc_id", sa.String, primary_key=True),
        sa.Column("content_hash", sa.String, nullable=False, index=True),
        sa.Column("raw_hash", sa.String, index=True),
        sa.Column("outlet", sa.String), sa.Column("url", sa.String), sa.Column("title", sa.Text),
        sa.Column("published", sa.String), sa.Column("language", sa.String), sa.Column("text", sa.Text, nullable=False),
        sa.Column("raw", sa.Text), sa.Column("removed", sa.Text), sa.Column("duplicate_of", sa.String),
        sa.Column("source", sa.Text), sa.Column("places", sa.Text), sa.Column("n_events", sa.Integer),
        sa.Column("run_id", sa.Integer),
    )
    op.create_table(
        "events",
        sa.Column("event_id", sa.String, primary_key=True),
        sa.Column("doc_id", sa.String, nullable=False, index=True),
        sa.Column("seq", sa.Integer, nullable=False), sa.Column("outlet", sa.String),
        sa.Column("event_type", sa.String, index=True), sa.Column("sub_event_type", sa.String),
        sa.Column("date_start", sa.String, index=True), sa.Column("record", sa.Text, nullable=False),
    )
    op.create_table(
        "runs",
        sa.Column("run_id", sa.Integer, primary_key=True, autoincrement=True), sa.Column("started", sa.String),
        sa.Column("finished", sa.String), sa.Column("args", sa.Text), sa.Column("lexicon", sa.String),
        sa.Column("summary", sa.Text),
    )
    op.create_table(
        "input_errors",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True), sa.Column("run_id", sa.Integer),
        sa.Column("path", sa.Text, nullable=False), sa.Column("line", sa.Integer), sa.Column("reason", sa.Text, nullable=False),
    )
    op.create_table("signatures", sa.Column("doc_id", sa.String, primary_key=True), sa.Column("sig", sa.LargeBinary))
    op.create_table("lsh_bands", sa.Column("key", sa.BigInteger, nullable=False, index=True),
                    sa.Column("doc_id", sa.String, nullable=False))
    op.create_table(
        "reconciled",
        sa.Column("recon_id", sa.String, primary_key=True), sa.Column("event_type", sa.String, index=True),
        sa.Column("grade", sa.String, index=True), sa.Column("day_start", sa.Integer, index=True),
        sa.Column("day_end", sa.Integer), sa.Column("match", sa.Text, nullable=False), sa.Column("record", sa.Text, nullable=False),
    )
    op.create_table("recon_members", sa.Column("event_id", sa.String, primary_key=True),
                    sa.Column("recon_id", sa.String, nullable=False, index=True))
    op.create_table(
        "reviews",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True), sa.Column("target", sa.String, nullable=False),
        sa.Column("target_id", sa.String, nullable=False, index=True), sa.Column("action", sa.String, nullable=False),
        sa.Column("field", sa.String), sa.Column("old", sa.Text), sa.Column("new", sa.Text),
        sa.Column("who", sa.String, nullable=False), sa.Column("at", sa.String, nullable=False), sa.Column("note", sa.Text),
    )
    op.create_table(
        "users",
        sa.Column("name", sa.String, primary_key=True), sa.Column("role", sa.String, nullable=False),
        sa.Column("password_hash", sa.String, nullable=False), sa.Column("created", sa.String, nullable=False),
    )


def downgrade() -> None:
    for t in ("users", "reviews", "recon_members", "reconciled", "lsh_bands", "signatures", "input_errors", "runs",
              "events", "documents"):
        op.drop_table(t)
