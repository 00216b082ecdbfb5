"""Named queries: one `.sql` file per query in queries/, run with bound `$params` only.

The loader reads the `$names` a file uses and refuses a call whose parameters differ, so a typo fails loudly
instead of silently binding nothing (style.md, after Evidence and Datasette).

A query that returns named cadres says so on a line of its header comment (`-- Named cadres: …`), and then
takes the caller's `scope` (incentive/accounts/roles.Scope): one with a `$county` parameter runs only for a
county inside the scope ('' = every county: the prefecture's scope only), one without it only for the
prefecture's scope. A caller that forgot the scope gets OutOfScope, never the names (docs/decisions.md#named-lists).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

from incentive.accounts.roles import OutOfScope, Scope

QUERY_DIR = Path(__file__).resolve().parents[2] / "queries"  # the project's queries/ folder


_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_COMMENT_OR_STRING = re.compile(r"--[^\n]*|'(?:[^']|'')*'")
_NAMED = re.compile(r"^-- Named cadres:", re.M)


class QueryParameterError(ValueError):
    pass


@functools.cache
def load(name: str) -> tuple[str, frozenset[str]]:
    """The SQL text of queries/<name>.sql and the parameter names it uses."""
    sql = (QUERY_DIR / f"{name}.sql").read_text(encoding="utf-8")
    names = frozenset(_PARAM.findall(_COMMENT_OR_STRING.sub("", sql)))
    return sql, names


def named_cadres(name: str) -> bool:
    """Whether queries/<name>.sql returns named cadres (its header says `-- Named cadres:`)."""
    return bool(_NAMED.search(load(name)[0]))


def run(
    con: duckdb.DuckDBPyConnection,
    name: str,
    tables: Mapping[str, object] | None = None,
    *,
    scope: Scope | None = None,
    **params: object,
) -> pd.DataFrame:
    """`tables`: frames the query reads by name (registered on its own cursor, so concurrent runs never clash).
    `scope`: whose named cadres the caller may see, required by a query of named cadres (OutOfScope otherwise)."""
    if named_cadres(name):
        _check_scope(name, scope, params)
    return _execute(con, name, tables, params, lambda result: result.df())


def run_within(
    cur: duckdb.DuckDBPyConnection,
    name: str,
    tables: Mapping[str, object] | None = None,
    *,
    scope: Scope | None = None,
    **params: object,
) -> pd.DataFrame:
    """`run` on the caller's own cursor, inside its transaction: for a write that must read what it has written so
    far (loading the sample reads its own batches' periods to record their receipt times). A new cursor would see
    only what is committed. `tables` as for `run`, registered on that cursor for this query alone: also a relation
    made on that cursor (a large file's staged rows), which another cursor cannot read. `scope` as for `run`."""
    if named_cadres(name):
        _check_scope(name, scope, params)
    sql, expected = load(name)
    if set(params) != expected:
        raise QueryParameterError(f"query {name!r} takes {sorted(expected)}, got {sorted(params)}")
    for table, frame in (tables or {}).items():
        cur.register(table, frame)
    try:
        return cur.execute(sql, params).df()
    finally:
        for table in tables or {}:
            cur.unregister(table)


def relation_within(cur: duckdb.DuckDBPyConnection, name: str, **params: object) -> duckdb.DuckDBPyRelation:
    """queries/<name>.sql as a relation of `cur`, for another named query to read as one of its `tables` (the
    versions after a catalog change, which queries/catalog_rescoring.sql compares): DuckDB reads it with its own
    column types, where a frame would pass them through pandas. It reads the data as `cur` sees them, inside the
    caller's transaction (with parameters, DuckDB runs it when it is made). Not for named cadres."""
    if named_cadres(name):
        _check_scope(name, None, params)
    sql, expected = load(name)
    if set(params) != expected:
        raise QueryParameterError(f"query {name!r} takes {sorted(expected)}, got {sorted(params)}")
    return cur.sql(sql, params=params or None)


def _check_scope(name: str, scope: Scope | None, params: Mapping[str, object]) -> None:
    scope = scope or Scope.NONE
    if "county" in load(name)[1]:
        scope.check(str(params.get("county") or ""))
    elif not scope.everything:
        raise OutOfScope("scope_refused_all", own="、".join(sorted(scope.counties)) or "—")


def arrow(con: duckdb.DuckDBPyConnection, name: str, **params: object) -> pa.Table:
    """The result as an Arrow table: for results that other queries read again (DuckDB scans Arrow without
    converting it, a pandas frame of text columns it converts on every scan). Not for named cadres."""
    if named_cadres(name):
        _check_scope(name, None, params)
    return _execute(con, name, None, params, lambda result: result.to_arrow_table())


def _execute(con, name: str, tables: Mapping[str, object] | None, params: dict, fetch):
    sql, expected = load(name)
    given = set(params)
    if given != expected:
        raise QueryParameterError(f"query {name!r} takes {sorted(expected)}, got {sorted(given)}")
    cur = con.cursor()
    try:
        for table, frame in (tables or {}).items():
            cur.register(table, frame)
        return fetch(cur.execute(sql, params))
    finally:
        cur.close()


def string_literal(text: str) -> str:
    """`text` inside a SQL string literal, for the few statements that take no parameters (ATTACH, LOAD, COPY TO
    a file): our own paths and settings only, never a user's value."""
    return "'" + text.replace("'", "''") + "'"


def identifier(name: str) -> str:
    """`name` as a quoted SQL identifier (`my"db` → `"my""db"`), for the names a statement cannot take as a
    parameter: a database alias, a database named after its file (`COPY FROM DATABASE`), a table or a column.
    Quoting keeps the name as written, case included, whatever characters it holds."""
    return '"' + name.replace('"', '""') + '"'


def names() -> list[str]:
    return sorted(p.stem for p in QUERY_DIR.glob("*.sql"))
