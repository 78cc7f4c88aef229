"""A throwaway PostgreSQL database for a measurement run (``make bench``, ``make load``).

``postgres_database(url, prefix)`` connects to the server that ``url`` names only to run
``CREATE DATABASE <prefix>_<pid>``, points ``DATABASE_URL`` at it, and drops it at the end,
whatever happens in between.
"""

import contextlib
import os
import sys
import time
from collections.abc import Callable
from urllib.parse import urlsplit, urlunsplit

POSTGRES_SCHEMES = ("postgres", "postgresql", "pgsql", "postgis")


def server_url(url: str) -> str:
    """A libpq URI for the server of ``url``; its database is only used to connect."""
    parts = urlsplit(url)
    return urlunsplit(
        parts._replace(scheme="postgresql", path=parts.path if parts.path not in ("", "/") else "/postgres")
    )


def _connect_patiently(psycopg2, server: str, seconds: float = 60):
    """Connect, waiting while the server restarts (so the database is still dropped after a
    failure that was the server's)."""
    end = time.monotonic() + seconds
    while True:
        try:
            return psycopg2.connect(server)
        except psycopg2.OperationalError:
            if time.monotonic() > end:
                raise
            time.sleep(1)


@contextlib.contextmanager
def postgres_database(url: str, prefix: str, log: Callable[[str], None] = print):
    import psycopg2
    from psycopg2 import sql

    server = server_url(url)
    name = f"{prefix}_{os.getpid()}"
    admin = psycopg2.connect(server)
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]
    admin.close()
    os.environ["DATABASE_URL"] = urlunsplit(urlsplit(url)._replace(path=f"/{name}"))
    log(f"created PostgreSQL database {name}")
    try:
        yield {"engine": "postgresql", "version": version, "database": name}
    finally:
        if "django.db" in sys.modules:
            from django.db import connections

            connections.close_all()
        admin = _connect_patiently(psycopg2, server)
        admin.autocommit = True
        with admin.cursor() as cursor:
            try:
                cursor.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
                )
            except psycopg2.Error:  # PostgreSQL before 13 has no FORCE
                cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        admin.close()
        log(f"dropped PostgreSQL database {name}")
