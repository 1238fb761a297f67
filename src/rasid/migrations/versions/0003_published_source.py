"""published_source: how each document's publication day was found (rasid.published): metadata, stamp,
dateline or none. Documents stored before it keep NULL (unknown), exported as "metadata" where a day is
stored and "none" where not: older rasid took days from the page too, but did not say so.

Revision ID: 0003
Revises: 0002
"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("documents", sa.Column("published_source", sa.String))


def downgrade() -> None:
    op.drop_column("documents", "published_source")
