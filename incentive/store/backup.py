"""Backups: a consistent copy of the whole database into a new DuckDB file, taken while the app serves; and
restoring one in place of a database file (the app stopped).

Both record themselves in the audit log as part of the operation: a backup's row is written once the copy is
complete and the copy is deleted when the row cannot be; a restore's row is written into the restored file before
it takes the database's place. So neither leaves a change without its row, nor a row without the change.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path

import duckdb

from incentive.i18n import TranslatedError
from incentive.store import audit, lake, migrations
from incentive.store.database import Database, DatabaseLocked
from incentive.store.queries import identifier, string_literal
from incentive.store.storage_faults import fault_of

COPY_ALIAS = "backup_copy"  # the target file's name in the statements that fill it


class BackupError(TranslatedError):
    """A backup or restore refused before anything was written (the backup's target exists; the file to restore
    is not a database of this app)."""


def backup_to(db: Database, target: str | Path, who: str = "system") -> Path:
    """A consistent copy of the whole database (one transaction's snapshot) in the new DuckDB file `target`, safe
    while the app serves; a lake's copy gets the macros the lake does not keep. Returns `target`. BackupError
    ("backup_exists") when `target` exists. The audit row ("backup", the target) is written after the copy; when
    that fails the copy is deleted, so there is no backup the log does not show."""
    target = Path(target)
    if target.exists():
        raise BackupError("backup_exists", path=str(target))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _copy(db, target)
    except (duckdb.Error, OSError) as error:  # a full disk, a read-only folder: no half copy is left behind
        target.unlink(missing_ok=True)
        fault = fault_of(error, writing=True)
        if fault is None:
            raise
        raise fault from error
    # DuckDB lets one transaction write one database only: the copy and the row cannot commit together.
    try:
        audit.record(db, who, "backup", target=str(target))
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return target


def _copy(db: Database, target: Path) -> None:
    copy = identifier(COPY_ALIAS)
    with db.exclusive() as cur:
        # A file database is named after its file (`my"db.duckdb` is the database my"db): quoted, never spliced.
        name = cur.execute("SELECT current_database()").fetchone()[0]
        cur.execute(f"ATTACH {string_literal(str(target.resolve()))} AS {copy}")
        try:
            cur.execute(f"COPY FROM DATABASE {identifier(name)} TO {copy}")
            if db.lake is not None:  # the lake keeps no macros: the file gets them, as a file database has
                cur.execute(f"USE {copy}")
                cur.execute(f"SET search_path = {string_literal(copy + '.main')}")
                migrations.recreate_lake_macros(cur, [sql for _, sql in migrations.ordered()], into=f"{copy}.main")
        finally:
            if db.lake is not None:
                lake.prepare(cur)
            cur.execute(f"DETACH {copy}")


def restore(backup: str | Path, target: str | Path, who: str = "system") -> Path:
    """Put a copy of the backup file `backup` in place of the database file `target` (nothing may hold it: stop
    the app); the file that was there is kept beside it as `<name>.before-restore` (with its `.wal`). Returns the
    kept path. The restored file carries its own history plus the audit row "restore" (the backup's path, the
    kept file's name), written into the copy before it replaces `target`.

    BackupError("cli_restore_not_backup") when `backup` is not a database of this app; DatabaseLocked when another
    process holds `target`. In both cases, and when anything fails before the copy takes its place, `target` is
    left as it was."""
    backup, target = Path(backup), Path(target)
    if not is_incentive_database(backup):
        raise BackupError("cli_restore_not_backup", path=str(backup))
    if target.exists():
        try:
            duckdb.connect(str(target)).close()
        except duckdb.IOException as e:
            text = str(e).lower()
            if "could not set lock" in text or "conflicting lock" in text:
                raise DatabaseLocked(str(target)) from e
            raise fault_of(e, writing=True) or e from e  # a read-only folder, a damaged file: said as such
    try:
        return _replace(backup, target, who)
    except (duckdb.Error, OSError) as error:  # a full disk, a read-only folder: the database is as it was
        fault = fault_of(error, writing=True)
        if fault is None:
            raise
        raise fault from error


def _replace(backup: Path, target: Path, who: str) -> Path:
    kept = target.with_name(target.name + ".before-restore")
    incoming = target.with_name(target.name + ".restoring")
    try:
        shutil.copyfile(backup, incoming)
        with contextlib.closing(Database(incoming)) as restored:  # migrated here if the backup is older
            audit.record(restored, who, "restore", target=str(backup), detail=f"previous file kept as {kept.name}")
        if target.exists():
            _move_with_wal(target, kept)
        _move_with_wal(incoming, target)
    finally:
        _remove_with_wal(incoming)
    return kept


def _move_with_wal(source: Path, destination: Path) -> None:
    """A DuckDB file and its write-ahead log (`<name>.wal`, present after an unclean stop) belong together."""
    os.replace(source, destination)
    wal = source.with_name(source.name + ".wal")
    if wal.exists():
        os.replace(wal, destination.with_name(destination.name + ".wal"))


def _remove_with_wal(path: Path) -> None:
    path.unlink(missing_ok=True)
    path.with_name(path.name + ".wal").unlink(missing_ok=True)


def is_incentive_database(path: str | Path) -> bool:
    """A DuckDB file with this app's schema (for restore: never put a foreign file in place of the data)."""
    try:
        with contextlib.closing(duckdb.connect(str(path), read_only=True)) as con:
            return con.execute("SELECT count(*) FROM schema_version").fetchone()[0] > 0
    except duckdb.Error:
        return False
