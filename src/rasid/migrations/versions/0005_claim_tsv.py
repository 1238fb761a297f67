"""The claim check's full-text index on PostgreSQL (issue 22): ``claim_tsv`` (doc_id, content_hash, tsv), one
row per stored document, ``tsv`` the document's search terms (:func:`rasid.claims.index.body`: normalised,
light-stemmed, stop words out) under the 'simple' configuration, with a GIN index. Left empty here: the
first check fills it (only documents added or changed since are indexed at each check). Nothing on SQLite,
where the check keeps its FTS5 tables (claim_fts) beside the documents.

Revision ID: 0005
Revises: 0004
"""
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from rasid.claims.index import postgres_tables

    postgres_tables(op.get_bind())


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.drop_table("claim_tsv")
