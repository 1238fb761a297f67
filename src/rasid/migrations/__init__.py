"""Alembic migrations of the store's schema (see :mod:`rasid.schema`; `rasid db upgrade`).

A new schema change is a new file under ``versions/`` (``down_revision`` the latest one) and the
same change in :mod:`rasid.store`'s table definitions, which a new database is made from.
"""
