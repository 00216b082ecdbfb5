"""A large file's parsed rows kept on disk between its preview and its import.

Ten million training records held by pandas take gigabytes, and the preview holds them while the administrator
reads it. The bulk path (`bulk_csv`) writes them instead to a Parquet file in a private temporary directory; the
preview shows its first rows and counts, the checks read only the columns they need, and the import inserts from
the file, so DuckDB streams it in bounded memory (docs/design-notes.md, "Province scale"). The directory is
deleted with the object (or by `close`).
"""

from __future__ import annotations

import shutil
import tempfile
import weakref
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow.parquet

ROW_GROUP = 122_880  # DuckDB's own row group: a reader of the file gets its parallelism from these
# zstd: of the province's ten million records, written in 2.5 s against snappy's 2.6 s (DuckDB's default), read as
# fast, and half the bytes (77 MB against 163 MB), which every copy the preview's cache makes carries too
COMPRESSION = "zstd"


class StagedRows:
    """Rows written by `query` on `con` (any columns, one of them `source_row`, the line of the file).

    `hidden`: columns the file keeps for its writer's own checks, left out of every reader here. `count`: rows;
    `data_rows`: distinct lines (`one_per_line`: the query gives at most one row per line, so
    they need no counting); `columns`: the column names in order. The file is written in whatever order DuckDB's
    threads finish; readers that show rows order them by `source_row`."""

    def __init__(
        self,
        con: duckdb.DuckDBPyConnection,
        query: str,
        params: dict | None = None,
        *,
        one_per_line: bool = False,
        hidden: tuple[str, ...] = (),
    ) -> None:
        self._own_folder()
        con.execute(
            f"COPY ({query}) TO $path (FORMAT parquet, COMPRESSION {COMPRESSION}, ROW_GROUP_SIZE {ROW_GROUP})",
            {**(params or {}), "path": str(self.path)},
        )
        metadata = pyarrow.parquet.ParquetFile(self.path)
        self.columns = [name for name in metadata.schema_arrow.names if name not in hidden]
        self.count = metadata.metadata.num_rows
        self._one_per_line, self._hidden = one_per_line, hidden
        self.data_rows = self.count if one_per_line else self._distinct_lines()

    def _own_folder(self) -> None:
        """A private temporary folder for the file, deleted when this object goes."""
        self._dir = Path(tempfile.mkdtemp(prefix="incentive-staged-"))
        self._finalizer = weakref.finalize(self, shutil.rmtree, self._dir, True)
        self.path = self._dir / "rows.parquet"

    def _distinct_lines(self) -> int:
        with duckdb.connect() as con:
            return con.execute(
                "SELECT count(DISTINCT source_row) FROM read_parquet($path)", {"path": str(self.path)}
            ).fetchone()[0]

    def __reduce__(self):
        """A copy (Streamlit's st.cache_data keeps the preview pickled) carries the file's bytes and owns a file of
        its own: the first object's file goes with it, while the cache may hand out copies for a long time yet."""
        state = (self.path.read_bytes(), self.count, self.data_rows, self.columns, self._one_per_line, self._hidden)
        return _restored, state

    def relation(self, con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyRelation:
        """The rows as a relation of `con`: what `con.register` takes to query them as a table (DuckDB reads only
        the columns and row groups a query needs)."""
        return con.read_parquet(str(self.path)).select(*self.columns)

    def frame(self, columns: list[str] | None = None, limit: int | None = None) -> pd.DataFrame:
        """The rows (all or the first `limit`; all columns or these) in the file's order, as pandas with Arrow
        types, as the bulk path has always handed them."""
        listed = ", ".join(f'"{c}"' for c in columns or self.columns)
        with duckdb.connect() as con:
            table = con.execute(
                f"SELECT {listed} FROM read_parquet($path) ORDER BY source_row LIMIT $limit",
                {"path": str(self.path), "limit": limit if limit is not None else self.count},
            ).to_arrow_table()
        return table.to_pandas(types_mapper=pd.ArrowDtype)

    def without(self, lines: set[int]) -> StagedRows:
        """A copy without the rows of these lines (skip-invalid)."""
        with duckdb.connect() as con:
            return StagedRows(
                con,
                "SELECT * FROM read_parquet($source) WHERE source_row NOT IN (SELECT unnest($lines))",
                {"source": str(self.path), "lines": sorted(lines)},
                one_per_line=self._one_per_line,
                hidden=self._hidden,
            )

    def close(self) -> None:
        """Delete the file now (it is deleted anyway when the object goes)."""
        self._finalizer()


def _restored(
    data: bytes, count: int, data_rows: int, columns: list[str], one_per_line: bool, hidden: tuple[str, ...]
) -> StagedRows:
    staged = StagedRows.__new__(StagedRows)
    staged._own_folder()
    staged.path.write_bytes(data)
    staged.count, staged.data_rows, staged.columns = count, data_rows, columns
    staged._one_per_line, staged._hidden = one_per_line, hidden
    return staged
