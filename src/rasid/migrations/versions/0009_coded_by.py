"""What coded each document (issue: a run over stored inputs kept their old events whatever changed since):
``documents.lexicon`` and ``documents.rasid_version``, the lexicon's fingerprint and rasid's version that coded
it (rasid.lexicon.coded_by). ``rasid run`` codes a stored document again when they differ from its own.
Documents stored before it keep NULL (unknown), read as "coded by another lexicon": the first run over them
after the upgrade codes them again. ``ix_documents_known`` holds them too, so a run's start still reads what
is stored from the index alone.

Revision ID: 0009
Revises: 0008
"""
import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("documents", sa.Column("lexicon", sa.String))
    op.add_column("documents", sa.Column("rasid_version", sa.String))
    op.drop_index("ix_documents_known", "documents")
    op.create_index("ix_documents_known", "documents", ["doc_id", "content_hash", "raw_hash", "lexicon", "rasid_version"])


def downgrade() -> None:
    op.drop_index("ix_documents_known", "documents")
    op.create_index("ix_documents_known", "documents", ["doc_id", "content_hash", "raw_hash"])
    op.drop_column("documents", "rasid_version")
    op.drop_column("documents", "lexicon")
