"""DuckLake: the same schema and SQL on a catalog several processes share (PostgreSQL), data as Parquet files.

A DuckDB file admits one writing process; a province-wide deployment runs several app instances on one dataset.
DuckLake keeps the catalog in PostgreSQL and the rows as Parquet under a shared data path. What it does not keep
are macros: they live in each process's in-memory catalog (`memory.main`), recreated at every start from the
schema files, and every cursor searches the lake first, then those macros.

Extensions load from the PyPI wheels locked in requirements.txt (no network): `duckdb-extension-ducklake` and
`duckdb-extension-postgres` carry the binaries for DuckDB 1.5.5.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import duckdb

from incentive.store.queries import identifier, string_literal

ALIAS = "lake"
SEARCH_PATH = f"{identifier(ALIAS)}.main,memory.main"
_MACRO = re.compile(r"^\s*CREATE\s+(?:OR\s+REPLACE\s+)?MACRO\s+([A-Za-z_][A-Za-z0-9_]*)", re.IGNORECASE | re.MULTILINE)
_COMMENT = re.compile(r"--[^\n]*")


@dataclass(frozen=True)
class LakeLocation:
    """`catalog` as DuckLake takes it after `ducklake:` (e.g. `postgres:dbname=incentive host=…`, or a local
    `.ducklake` file); `data_path` the folder (or bucket) all instances write Parquet to."""

    catalog: str
    data_path: str

    @property
    def setting(self) -> str:
        """The INCENTIVE_STORAGE value that names this lake."""
        return f"ducklake:{self.catalog}"

    def __str__(self) -> str:
        """For messages and logs: the connection string without its password."""
        return re.sub(r"(password\s*=\s*)\S+", r"\1***", self.setting)


# The file name DuckDB derives an extension's entry point from, where it differs from the wheel's name.
_ENTRY_NAMES = {"postgres": "postgres_scanner"}


def extension_file(name: str) -> str:
    """The extension binary shipped in the `duckdb-extension-<name>` wheel for this DuckDB version, under the file
    name LOAD needs (`postgres` is `postgres_scanner` inside: a copy with that name, made once, is loaded)."""
    spec = importlib.util.find_spec(f"duckdb_extension_{name}")
    if spec is None or spec.origin is None:
        raise RuntimeError(f"pip install duckdb-extension-{name}=={duckdb.__version__} (see requirements.txt)")
    path = Path(spec.origin).parent / "extensions" / f"v{duckdb.__version__}" / f"{name}.duckdb_extension"
    if not path.exists():
        raise RuntimeError(f"{path} is missing: the wheel does not match DuckDB {duckdb.__version__}")
    entry = _ENTRY_NAMES.get(name)
    if entry is None:
        return str(path)
    copy = Path(tempfile.gettempdir()) / f"incentive-duckdb-{duckdb.__version__}" / f"{entry}.duckdb_extension"
    if not copy.exists() or copy.stat().st_size != path.stat().st_size:
        copy.parent.mkdir(parents=True, exist_ok=True)
        partial = copy.with_suffix(f".{os.getpid()}.part")
        shutil.copyfile(path, partial)
        os.replace(partial, copy)  # atomic: several processes may start at once
    return str(copy)


def connect(location: LakeLocation, config: dict | None = None) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB (with these DuckDB settings) with the lake attached as `lake` and made the default."""
    con = duckdb.connect(config=config or {})
    con.execute(f"LOAD {string_literal(extension_file('ducklake'))}")
    if location.catalog.startswith("postgres:"):
        con.execute(f"LOAD {string_literal(extension_file('postgres'))}")
    con.execute(
        f"ATTACH {string_literal(location.setting)} AS {identifier(ALIAS)} "
        f"(DATA_PATH {string_literal(location.data_path)})"
    )
    prepare(con)
    return con


def prepare(cursor: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """A new cursor starts in the in-memory catalog: point it at the lake, then the macros."""
    cursor.execute(f"USE {identifier(ALIAS)}")
    cursor.execute(f"SET search_path = {string_literal(SEARCH_PATH)}")
    return cursor


def split_migration(sql: str, macros_into: str = "memory.main") -> list[tuple[str, str | None]]:
    """A schema file as (statement, macro name or None), in order; macro statements rewritten to create the
    macro in `macros_into` (a catalog.schema, quoted where it needs to be: the process's in-memory catalog by default),
    replacing any earlier definition."""
    out = []
    for statement in duckdb.extract_statements(sql):
        text = statement.query
        match = _MACRO.search(_COMMENT.sub("", text))
        if match:
            name = match.group(1)
            body = _COMMENT.sub("", text).strip()
            text = _MACRO.sub(f"CREATE OR REPLACE MACRO {macros_into}.{name}", body, count=1)
            out.append((text, name))
        else:
            out.append((text, None))
    return out
