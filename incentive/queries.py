"""Named queries: one `.sql` file per query in queries/, run with bound `$params` only.

The loader reads the `$names` a file uses and refuses a call whose parameters differ, so a typo fails loudly
instead of silently binding nothing (style.md, after Evidence and Datasette).
"""

from __future__ import annotations

import functools
import re

import duckdb
import pandas as pd

from .config import QUERY_DIR

_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_COMMENT_OR_STRING = re.compile(r"--[^\n]*|'(?:[^']|'')*'")


class QueryParameterError(ValueError):
    pass


@functools.lru_cache(maxsize=None)
def load(name: str) -> tuple[str, frozenset[str]]:
    """The SQL text of queries/<name>.sql and the parameter names it uses."""
    sql = (QUERY_DIR / f"{name}.sql").read_text(encoding="utf-8")
    names = frozenset(_PARAM.findall(_COMMENT_OR_STRING.sub("", sql)))
    return sql, names


def run(con: duckdb.DuckDBPyConnection, name: str, **params: object) -> pd.DataFrame:
    sql, expected = load(name)
    given = set(params)
    if given != expected:
        raise QueryParameterError(
            f"query {name!r} takes {sorted(expected)}, got {sorted(given)}")
    cur = con.cursor()
    try:
        return cur.execute(sql, params).df()
    finally:
        cur.close()


def names() -> list[str]:
    return sorted(p.stem for p in QUERY_DIR.glob("*.sql"))
