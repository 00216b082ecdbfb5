"""Backups: a consistent copy of the whole database into a new DuckDB file, taken while the app serves, and the
check that a file is such a copy (before `incentive restore` puts it in place of the data)."""

from __future__ import annotations

import contextlib
from pathlib import Path

import duckdb

from incentive.i18n import TranslatedError
from incentive.store import audit, lake, migrations
from incentive.store.database import Database
from incentive.store.queries import string_literal


class BackupError(TranslatedError):
    """A backup refused before anything was written (the target exists)."""


def backup_to(db: Database, target: str | Path, who: str = "system") -> Path:
    """A consistent copy of the whole database (one transaction's snapshot) in the new DuckDB file `target`, safe
    while the app serves; a lake's copy gets the macros the lake does not keep. Returns `target`. BackupError
    ("backup_exists") when `target` exists."""
    target = Path(target)
    if target.exists():
        raise BackupError("backup_exists", path=str(target))
    target.parent.mkdir(parents=True, exist_ok=True)
    with db.exclusive() as cur:
        name = cur.execute("SELECT current_database()").fetchone()[0]
        cur.execute(f"ATTACH {string_literal(str(target.resolve()))} AS backup_copy")
        try:
            cur.execute(f'COPY FROM DATABASE "{name}" TO backup_copy')
            if db.lake is not None:  # the lake keeps no macros: the file gets them, as a file database has
                cur.execute("USE backup_copy")
                cur.execute("SET search_path = 'backup_copy.main'")
                migrations.recreate_lake_macros(cur, [sql for _, sql in migrations.ordered()],
                                                into="backup_copy.main")
        finally:
            if db.lake is not None:
                lake.prepare(cur)
            cur.execute("DETACH backup_copy")
    audit.record(db, who, "backup", target=str(target))
    return target


def is_incentive_database(path: str | Path) -> bool:
    """A DuckDB file with this app's schema (for restore: never put a foreign file in place of the data)."""
    try:
        with contextlib.closing(duckdb.connect(str(path), read_only=True)) as con:
            return con.execute("SELECT count(*) FROM schema_version").fetchone()[0] > 0
    except duckdb.Error:
        return False
