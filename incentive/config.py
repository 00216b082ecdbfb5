"""Where things live, and the few settings read from the environment."""

from __future__ import annotations

import os
import re
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SAMPLE_DIR = PROJECT_ROOT / "data" / "sample"
DEFAULT_DB = PROJECT_ROOT / "data" / "incentive.duckdb"


def database_path(explicit: str | os.PathLike | None = None) -> Path:
    """`--db` wins, then the INCENTIVE_DB environment variable, then data/incentive.duckdb."""
    if explicit:
        return Path(explicit)
    env = os.environ.get("INCENTIVE_DB")
    return Path(env) if env else DEFAULT_DB


def database_location(explicit: str | os.PathLike | None = None):
    """The storage backend: INCENTIVE_STORAGE=ducklake:<catalog> (e.g. `ducklake:postgres:dbname=incentive
    host=db.intranet`) with INCENTIVE_DATA_PATH for the Parquet files, else the DuckDB file of database_path."""
    from incentive.store.lake import LakeLocation

    storage = os.environ.get("INCENTIVE_STORAGE", "").strip()
    if not explicit and storage.startswith("ducklake:"):
        data_path = os.environ.get("INCENTIVE_DATA_PATH", "").strip()
        if not data_path:
            raise SystemExit("INCENTIVE_STORAGE names a DuckLake: set INCENTIVE_DATA_PATH to its data folder too")
        return LakeLocation(storage[len("ducklake:") :], data_path)
    if storage not in ("", "duckdb"):
        raise SystemExit(f"INCENTIVE_STORAGE={storage!r}: use duckdb (the default) or ducklake:<catalog>")
    return database_path(explicit)


DEFAULT_MEMORY_LIMIT = "1GB"
_MEMORY = re.compile(r"(\d+(?:\.\d+)?)\s*(KB|MB|GB|TB|KIB|MIB|GIB|TIB)", re.IGNORECASE)
_UNIT_BYTES = {"KB": 1e3, "MB": 1e6, "GB": 1e9, "TB": 1e12, "KIB": 2**10, "MIB": 2**20, "GIB": 2**30, "TIB": 2**40}
MIN_MEMORY_MB = 256  # below it DuckDB runs out of memory opening a database or checking a day's records


def memory_limit() -> str:
    """The memory DuckDB may hold for the database before it works on disk (its temporary files):
    INCENTIVE_MEMORY_LIMIT (`2GB`, `512MB`), else 1 GB. A large file being parsed gets half of it again
    (`parse_memory_limit`), which keeps the import of a province's ten million training records within 1.5 GB of
    resident memory (docs/performance.md). DuckDB's own default, 80 % of the machine, let that import take 6 GB.
    SystemExit for a value that is not a size of at least 256 MB (the server checks it as it starts: serve.py)."""
    value = os.environ.get("INCENTIVE_MEMORY_LIMIT", "").strip() or DEFAULT_MEMORY_LIMIT
    size = _MEMORY.fullmatch(value)
    if not size or _bytes(size) < MIN_MEMORY_MB * 1e6:
        raise SystemExit(
            f"INCENTIVE_MEMORY_LIMIT={value!r}: give a size of at least {MIN_MEMORY_MB}MB, such as 1GB or 512MB "
            f"(内存上限应不小于 {MIN_MEMORY_MB}MB，如 1GB、512MB)"
        )
    return value


def parse_memory_limit() -> str:
    """What the DuckDB that parses one large file may hold (incentive/intake/bulk_csv.py): half of memory_limit,
    at least 128 MB. Parsing runs while the database keeps its own memory, so the two together stay near 1.5 ×
    memory_limit; at province scale parsing took as long with 512 MB as with 1 GB (2026-12-03: 14.1 s, 13.9 s)."""
    return f"{max(_bytes(_MEMORY.fullmatch(memory_limit())) / 2, 128e6) / 1e6:.0f}MB"


def duckdb_threads() -> int | None:
    """The threads DuckDB may use for the database and for parsing a large file: INCENTIVE_DUCKDB_THREADS (a whole
    number of at least 1), else None, DuckDB's own default of one per core. A machine that runs other work beside
    the app, or several of its processes at once, gives each its share: two test workers on two cores with two
    threads each spent 11 % more time on the page tests than with one each (2026-12-04), the threads waiting for
    each other's core. SystemExit for any other value (the server checks it as it starts: serve.py)."""
    value = os.environ.get("INCENTIVE_DUCKDB_THREADS", "").strip()
    if not value:
        return None
    if not value.isdecimal() or int(value) < 1:
        raise SystemExit(
            f"INCENTIVE_DUCKDB_THREADS={value!r}: give a whole number of at least 1, such as 2 "
            "(DuckDB 线程数应为不小于 1 的整数，如 2)"
        )
    return int(value)


def duckdb_thread_setting() -> dict:
    """DuckDB's `threads` setting as a config entry ({"threads": n}) when INCENTIVE_DUCKDB_THREADS sets it, else
    nothing, leaving DuckDB's default; for every connection that holds or parses the data (duckdb_threads)."""
    threads = duckdb_threads()
    return {"threads": threads} if threads else {}


def _bytes(size: re.Match) -> float:
    return float(size[1]) * _UNIT_BYTES[size[2].upper()]


DEFAULT_CLASSIFICATION = "内部资料 注意保存"


def classification() -> str:
    """The line every Excel download and PDF carries (docs/decisions.md#classification-line);
    INCENTIVE_CLASSIFICATION overrides it."""
    return os.environ.get("INCENTIVE_CLASSIFICATION", DEFAULT_CLASSIFICATION)


def public_url() -> str | None:
    """The address links should start with (an intranet hostname or proxy); INCENTIVE_PUBLIC_URL, else the address
    the browser used."""
    return os.environ.get("INCENTIVE_PUBLIC_URL") or None


def backup_folder() -> Path:
    """Where the Data page writes backups: INCENTIVE_BACKUP_DIR, else backups/ beside the database file."""
    configured = os.environ.get("INCENTIVE_BACKUP_DIR")
    return Path(configured) if configured else database_path().resolve().parent / "backups"


WEBHOOK_FORMATS = ("text", "json")  # of `incentive deliver --webhook-format` (incentive/sharing/delivery.py)


def delivery_webhook() -> str | None:
    """Where `incentive deliver` posts its summary when `--webhook` is not given: INCENTIVE_WEBHOOK. A robot's
    address holds its key; from an environment file readable only by the service's user it stays out of the
    process list and the crontab (docs/deployment.md#delivery-on-a-schedule)."""
    return os.environ.get("INCENTIVE_WEBHOOK", "").strip() or None
