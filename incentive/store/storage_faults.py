"""When the storage refuses: a full disk, a file or folder made read-only, a database held or damaged, a DuckLake
catalog server that stopped. `StorageFault` names the cause class so the pages and the CLI can say one sentence
about it instead of DuckDB's traceback (`sentence`), and so tests can tell the classes apart.

A DuckDB transaction whose commit fails writes nothing (DuckDB 1.5 rolls the whole transaction back and keeps the
connection usable for reading; measured on a full tmpfs and on a read-only folder), so a fault caught here leaves
the database as it was: the caller only has to say so.
"""

from __future__ import annotations

import errno
import re

import duckdb

from incentive.i18n import t

# The cause classes, in the order they are looked for in an error's text (issue 25; docs/decisions.md#storage-faults).
NO_SPACE, NOT_PERMITTED, LOCKED, DAMAGED, UNREACHABLE, OTHER = (
    "no_space",
    "not_permitted",
    "locked",
    "damaged",
    "unreachable",
    "other",
)

# Lower-case fragments of the errors each class produces: the OS's strerror texts as DuckDB quotes them, DuckDB's
# own words for a read-only or corrupt database, libpq's for a server that is gone (DuckLake's catalog).
_SIGNS = (
    (NO_SPACE, ("no space left on device", "disk quota exceeded", "file too large")),
    (
        NOT_PERMITTED,
        (
            "permission denied",
            "operation not permitted",
            "read-only file system",
            "read-only mode",
            "attached in read-only mode",
        ),
    ),
    (LOCKED, ("could not set lock on file", "conflicting lock")),
    (
        DAMAGED,
        (
            "corrupt",
            "checksum",
            "not a valid duckdb database",
            "invalidated because of a previous fatal error",
            "input/output error",
            "could not read enough bytes",  # a file cut short (truncated by a full disk or a bad copy)
        ),
    ),
    (
        UNREACHABLE,
        (
            "connection refused",
            "could not connect to server",
            "server closed the connection",
            "connection to server",
            "no connection to the server",
            "terminating connection",
            "ssl syscall error",
        ),
    ),
)
_ERRNO_CAUSES = {
    errno.ENOSPC: NO_SPACE,
    errno.EDQUOT: NO_SPACE,
    errno.EFBIG: NO_SPACE,
    errno.EACCES: NOT_PERMITTED,
    errno.EPERM: NOT_PERMITTED,
    errno.EROFS: NOT_PERMITTED,
    errno.EIO: DAMAGED,
}


class StorageFault(Exception):
    """The storage refused a write (`writing`) or a read. `cause` is one of the classes above; `detail` the
    storage's own message, kept for the server log and the audit row, never shown as the sentence."""

    def __init__(self, cause: str, detail: str, *, writing: bool) -> None:
        detail = re.sub(r"(password\s*=\s*)\S+", r"\1***", detail)  # a DuckLake catalog's connection string
        super().__init__(f"{cause}: {detail}")
        self.cause, self.detail, self.writing = cause, detail, writing

    def sentence(self, lang: str, key: str | None = None) -> str:
        """What happened and what to do, in one paragraph of the user's language: for a write, that nothing was
        written and the pages still read; for a read, that the figures cannot be shown now. `key`: another frame
        for the cause and the remedy (a sign-in refused: sign_in_storage)."""
        cause, todo = t(f"storage_{self.cause}", lang), t(f"storage_{self.cause}_todo", lang)
        key = key or ("storage_write_failed" if self.writing else "storage_read_failed")
        return t(key, lang, cause=cause, todo=todo)


def cause_of(error: BaseException) -> str | None:
    """The cause class of a storage error, or None when `error` is not one (a bug, a constraint, a bad value):
    those are not dressed up as storage faults. DuckDB's I/O, transaction, connection and fatal errors and the
    OS's own are looked at; an I/O error of no known class is OTHER."""
    if isinstance(error, StorageFault):
        return error.cause
    if isinstance(error, OSError) and error.errno in _ERRNO_CAUSES:
        return _ERRNO_CAUSES[error.errno]
    if not isinstance(
        error,
        (
            duckdb.IOException,
            duckdb.TransactionException,
            duckdb.ConnectionException,
            duckdb.FatalException,
            duckdb.InvalidInputException,
            duckdb.InternalException,
            OSError,
        ),
    ):
        return None
    text = str(error).lower()
    for cause, signs in _SIGNS:
        if any(sign in text for sign in signs):
            return cause
    if isinstance(error, (duckdb.IOException, OSError)):
        return OTHER
    return None


def fault_of(error: BaseException, *, writing: bool) -> StorageFault | None:
    """`error` as a StorageFault (itself when it is one), or None when it is not a storage error."""
    if isinstance(error, StorageFault):
        return error
    cause = cause_of(error)
    return None if cause is None else StorageFault(cause, str(error), writing=writing)
