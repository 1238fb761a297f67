"""Alembic environment: migrations run on the connection :mod:`rasid.schema` hands over
(``config.attributes["connection"]``), or on ``sqlalchemy.url`` for the plain ``alembic`` tool."""
from alembic import context
from sqlalchemy import create_engine

from rasid.store import metadata

config = context.config
conn = config.attributes.get("connection")


def _run(connection) -> None:
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


if conn is not None:
    _run(conn)
else:  # pragma: no cover - the alembic command line
    with create_engine(config.get_main_option("sqlalchemy.url")).connect() as c:
        _run(c)
        c.commit()
