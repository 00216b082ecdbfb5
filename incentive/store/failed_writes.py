"""Writes the storage refused, kept until the audit log can take them (issue 25).

A write records its audit row inside its own transaction (incentive/store/audit.py), so when the storage refuses
the commit the row is lost with the change. `Database.transaction` therefore keeps, while the transaction runs, the
audit rows it wrote (`journal`); when the commit fails on a storage fault they are written, marked `failed` with the
cause, to a spool file outside the database's folder (which may be the full or read-only one), and the next opening
of the database, or the next write that succeeds, moves them into the audit log (`drain`). A write that keeps no
audit row of its own (a short link) is spooled as one `write_failed` row.

The spool folder is INCENTIVE_SPOOL_DIR, else $XDG_STATE_HOME/incentive (~/.local/state/incentive): usually another
file system than the data folder. When even that cannot be written the row goes to the server log (stderr).
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import hashlib
import json
import logging
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import duckdb

from incentive.store.storage_faults import StorageFault

_LOG = logging.getLogger("incentive.storage")
_journal: contextvars.ContextVar[list[dict] | None] = contextvars.ContextVar("incentive_audit_journal", default=None)
COLUMNS = ("happened_at", "who", "action", "target", "file_name", "sha256", "row_count", "outcome", "detail")


def spool_dir() -> Path:
    """Where refused writes wait: INCENTIVE_SPOOL_DIR, else $XDG_STATE_HOME/incentive, else ~/.local/state/incentive."""
    configured = os.environ.get("INCENTIVE_SPOOL_DIR")
    if configured:
        return Path(configured)
    state = os.environ.get("XDG_STATE_HOME")
    if not state:
        try:
            state = str(Path.home() / ".local" / "state")
        except RuntimeError:  # a service user with no home directory
            state = tempfile.gettempdir()
    return Path(state) / "incentive"


def spool_file(location: str) -> Path:
    """The spool of one database (its path or DuckLake location), named by the location's SHA-256."""
    return spool_dir() / f"failed-writes-{hashlib.sha256(location.encode()).hexdigest()[:16]}.jsonl"


@contextlib.contextmanager
def journal() -> Iterator[list[dict]]:
    """The audit rows written while the block runs (by `audit.write`, through `note`), in order."""
    rows: list[dict] = []
    token = _journal.set(rows)
    try:
        yield rows
    finally:
        _journal.reset(token)


def note(row: dict) -> None:
    """Keep an audit row written in the running transaction (a no-op outside `journal`)."""
    rows = _journal.get()
    if rows is not None:
        rows.append(row)


def spool(location: str, rows: list[dict], fault: StorageFault) -> None:
    """The audit rows of a write the storage refused, marked failed with the fault's cause, appended to the spool
    of `location`; one `write_failed` row when the write kept none. Never raises: a spool that cannot be written
    is said in the server log with the rows."""
    attempted = {"happened_at": dt.datetime.now(), "who": "", "action": "write_failed", "target": _asked_by()}
    failed = [
        {**row, "outcome": "failed", "detail": f"storage {fault.cause}: {fault.detail}"[:2000]}
        for row in rows or [attempted]
    ]
    lines = "".join(json.dumps(_plain(row), ensure_ascii=False) + "\n" for row in failed)
    try:
        path = spool_file(location)
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "a", encoding="utf-8") as out:
            out.write(lines)
            out.flush()
            os.fsync(out.fileno())
    except OSError as e:
        _LOG.error("a refused write could not be spooled (%s); its audit rows: %s", e, lines.strip())


def pending(location: str) -> list[dict]:
    """The spooled rows of `location`, oldest first (a line that is not JSON, from a spool cut short by the same
    full disk, is skipped and said in the server log)."""
    path = spool_file(location)
    if not path.exists():
        return []
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError:
            _LOG.error("spool %s line %d is not a row and is left out: %r", path, number, line[:200])
    return rows


def drain(cur: duckdb.DuckDBPyConnection, location: str) -> int:
    """Move the spooled rows of `location` into the audit log through `cur` (in the caller's transaction) and
    return how many; the spool file is removed by `forget` once that transaction has committed."""
    rows = pending(location)
    for row in rows:
        cur.execute(
            "INSERT INTO audit VALUES ($happened_at, $who, $action, $target, $file_name, $sha256, $row_count, "
            "$outcome, $detail)",
            {column: row.get(column) for column in COLUMNS}
            | {"happened_at": dt.datetime.fromisoformat(row["happened_at"])},
        )
    return len(rows)


def forget(location: str) -> None:
    """Remove the spool of `location` (its rows are in the audit log now)."""
    spool_file(location).unlink(missing_ok=True)


def _asked_by() -> str:
    """The library function that asked for the refused write (`incentive.store.settings.save_changes`): what a
    write that failed before writing its own audit row (a read-only file refuses the first statement) was."""
    frame = sys._getframe(1)
    while frame is not None:
        module = frame.f_globals.get("__name__", "")
        if module.startswith("incentive.") and module not in _PLUMBING:
            return f"{module}.{frame.f_code.co_name}"
        frame = frame.f_back
    return ""


_PLUMBING = {"incentive.store.failed_writes", "incentive.store.database"}


def _plain(row: dict) -> dict:
    out = {column: row.get(column) for column in COLUMNS}
    if isinstance(out["happened_at"], dt.datetime):
        out["happened_at"] = out["happened_at"].isoformat()
    return out
