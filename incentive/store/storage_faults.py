"""When the storage refuses: a full disk, a file or folder made read-only, a database held or damaged, a DuckLake
catalog server that stopped. `StorageFault` names the cause class so the pages and the CLI can say one sentence
about it instead of DuckDB's traceback (`sentence`), and so tests can tell the classes apart.

A DuckDB transaction whose commit fails writes nothing (DuckDB 1.5 rolls the whole transaction back and keeps the
connection usable for reading; measured on a full tmpfs and on a read-only folder), so a fault caught here leaves
the database as it was: the caller only has to say so.
"""

from __future__ import annotations

import errno
import getpass
import os
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
# A DuckLake catalog server that answers but refuses: the login (a wrong or missing password, no such user), or the
# database named (none of that name). libpq says both after "connection to server at …", which a server that does
# not answer says too: told apart first, so a wrong password is not said to be a server that is down
# (docs/decisions.md#a-catalog-server-that-refuses-the-login).
CATALOG_LOGIN, CATALOG_MISSING = "catalog_login", "catalog_missing"
_CATALOG_REFUSALS = (
    (
        CATALOG_LOGIN,
        re.compile(
            r'password authentication failed|no password supplied|authentication failed|role "[^"]*" does not exist'
        ),
    ),
    (CATALOG_MISSING, re.compile(r'database "[^"]*" does not exist')),
)
# The causes whose sentence names the catalog server (host, port, user and database: `catalog_server`).
_SERVER_CAUSES = (UNREACHABLE, CATALOG_LOGIN, CATALOG_MISSING)

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
        self.server = catalog_server(detail) if cause in _SERVER_CAUSES else None

    def sentence(self, lang: str, key: str | None = None) -> str:
        """What happened and what to do, in one paragraph of the user's language: for a write, that nothing was
        written and the pages still read; for a read, that the figures cannot be shown now. `key`: another frame
        for the cause and the remedy (a sign-in refused: sign_in_storage). A catalog server's cause names its host,
        port, user and database where they are known (`catalog_server`), never the password."""
        name = f"storage_{self.cause}"
        if self.server is not None:
            name = name if self.cause != UNREACHABLE else "storage_unreachable_at"
            cause = t(name, lang, **self.server)
        else:
            cause = t(name, lang)
        todo = t(f"storage_{self.cause}_todo", lang)
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
    if "connection to server" in text:
        for cause, said in _CATALOG_REFUSALS:
            if said.search(text):
                return cause
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


# libpq's defaults for what a connection string leaves out (a Unix socket is said as localhost).
_LIBPQ_DEFAULTS = {"host": "localhost", "port": "5432"}
_KEY_VALUES = re.compile(r"(\w+)\s*=\s*('(?:[^'\\]|\\.)*'|\S+)")


def catalog_server(detail: str, storage: str | None = None) -> dict[str, str] | None:
    """The PostgreSQL catalog server an error is about, as {host, port, user, database}: from the connection string
    DuckLake quotes (`Unable to connect to Postgres at "dbname=… host=… user=…"`), else the one INCENTIVE_STORAGE
    names (`storage`, read from the environment when None), the parts left out as libpq fills them (port 5432,
    the account's name as user and database). None when neither names a PostgreSQL catalog (a server gone mid-session
    says only "server closed the connection"; a DuckLake on a local catalog file). The password is never kept."""
    quoted = re.search(r'postgres at "([^"]*)"', detail, re.IGNORECASE)
    if quoted is None:
        storage = os.environ.get("INCENTIVE_STORAGE", "") if storage is None else storage
        _, _, catalog = storage.strip().partition("ducklake:postgres:")
        if not catalog:
            return None
        text = catalog
    else:
        text = quoted.group(1)
    given = {key.lower(): value.strip("'") for key, value in _KEY_VALUES.findall(text)}
    user = given.get("user") or os.environ.get("PGUSER") or getpass.getuser()
    return {
        "host": given.get("host") or given.get("hostaddr") or os.environ.get("PGHOST") or _LIBPQ_DEFAULTS["host"],
        "port": given.get("port") or os.environ.get("PGPORT") or _LIBPQ_DEFAULTS["port"],
        "user": user,
        "database": given.get("dbname") or os.environ.get("PGDATABASE") or user,
    }
