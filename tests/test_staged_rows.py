"""A large file's rows staged on disk: what its readers see, and that the file goes with the object."""

from __future__ import annotations

import gc

import duckdb
import pytest

from incentive.intake.staged_rows import StagedRows

# Lines 3..12 (line 7 holds two rows, as a wide row would), written in an order other than the file's.
QUERY = """
    SELECT * FROM (VALUES (12, 'A10', 1.5, 0), (3, 'A1', 2.0, 1), (7, 'A5', NULL, 2), (7, 'A5b', 4.0, 3),
                          (5, 'A3', 8.0, 4), (4, 'A2', 16.0, 5))
    AS t(source_row, cadre_id, hours, raw_row)"""


@pytest.fixture
def staged():
    with duckdb.connect() as con:
        return StagedRows(con, QUERY, hidden=("raw_row",))


def test_counts_columns_and_rows_in_the_files_order(staged):
    assert (staged.count, staged.data_rows) == (6, 5)
    assert staged.columns == ["source_row", "cadre_id", "hours"]
    frame = staged.frame()
    assert list(frame.columns) == staged.columns
    assert frame["source_row"].tolist() == [3, 4, 5, 7, 7, 12]
    assert frame["hours"].isna().tolist() == [False, False, False, True, False, False]
    assert staged.frame(["hours"], limit=2)["hours"].tolist() == [2.0, 16.0]


def test_one_row_per_line_is_not_counted_again():
    with duckdb.connect() as con:
        staged = StagedRows(con, "SELECT range + 2 AS source_row FROM range(5)", one_per_line=True)
    assert (staged.count, staged.data_rows) == (5, 5)


def test_a_connection_queries_it_as_a_table_without_the_hidden_columns(staged):
    with duckdb.connect() as con:
        con.register("incoming", staged.relation(con))
        assert con.execute("SELECT count(*), sum(hours) FROM incoming").fetchone() == (6, 31.5)
        with pytest.raises(duckdb.BinderException):
            con.execute("SELECT raw_row FROM incoming")


def test_without_leaves_out_whole_lines_and_keeps_the_original(staged):
    kept = staged.without({7, 12})
    assert kept.frame()["source_row"].tolist() == [3, 4, 5]
    assert (kept.count, kept.data_rows, kept.columns) == (3, 3, staged.columns)
    assert staged.count == 6


def test_the_file_goes_with_the_object_or_on_close(staged):
    folder = staged.path.parent
    assert staged.path.exists()
    staged.close()
    assert not folder.exists()
    with duckdb.connect() as con:
        other = StagedRows(con, QUERY)
    folder = other.path.parent
    del other
    gc.collect()
    assert not folder.exists()


def test_a_pickled_copy_owns_its_own_file(staged):
    """Streamlit's st.cache_data keeps a preview pickled and hands out copies: each must outlive the original."""
    import pickle

    data = pickle.dumps(staged)
    staged.close()
    first, second = pickle.loads(data), pickle.loads(data)
    assert first.path != second.path
    assert first.frame().equals(second.frame())
    assert (first.count, first.data_rows, first.columns) == (6, 5, ["source_row", "cadre_id", "hours"])
    folder = first.path.parent
    del first
    gc.collect()
    assert not folder.exists() and second.path.exists()
