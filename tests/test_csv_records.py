"""csv_records: a large CSV's records read as text into DuckDB (the bulk path's own behaviour is tested in
test_bulk_csv.py, against the per-cell path)."""

import pytest

from incentive.intake import csv_records


@pytest.mark.parametrize(
    "at", [0, csv_records.SEARCH_CHUNK - 1, csv_records.SEARCH_CHUNK, 2 * csv_records.SEARCH_CHUNK - 5]
)
def test_a_cell_written_as_a_text_formula_is_found_wherever_it_lies(tmp_path, at):
    """The staging reads `="…"` cells only in a file where the bytes `="` occur (csv_records.has_text_formula), searched a
    chunk at a time: a pair split across two chunks is found too, and a file without it is not staged so."""
    path = tmp_path / "f.csv"
    filler = b"a,b\n" * (2 * csv_records.SEARCH_CHUNK // 4)
    path.write_bytes(filler)
    assert not csv_records.has_text_formula(path)
    path.write_bytes(filler[:at] + b'="' + filler[at + 2 :])
    assert csv_records.has_text_formula(path)
