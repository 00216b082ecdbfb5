"""Workbooks built to freeze the server (issue: security under attack, items 2 and 3): each is refused with a
located sentence, read in a child process (incentive/intake/sheets.py). How quickly, and how much another user's
page work slows meanwhile, is measured by bench/hostile_files.py beside its quiet reference (no timing asserts
here: they failed on a loaded CI machine)."""

from __future__ import annotations

import pytest
from hostile_files import long_shared_string, many_rows

from incentive.intake import sheets
from incentive.intake.ingest import parse_file
from incentive.store.reference import current_reference


@pytest.mark.slow
def test_a_ten_megabyte_shared_string_in_a_hundred_cells_is_refused_with_its_cell(db):
    preview = parse_file("regions.xlsx", long_shared_string(), current_reference(db))
    assert [p.key for p in preview.problems] == ["cell_too_long"]
    text = preview.problem_texts("en")[0]
    assert "Sheet1!A2" in text and "10,000,000" in text and "1,000" in text


def test_a_long_name_in_csv_is_refused_with_its_cell(db):
    data = ("县区,县区代码\n澄溪县,1\n" + "县" * 1001 + ",2\n").encode()
    preview = parse_file("regions.csv", data, current_reference(db))
    assert [p.key for p in preview.problems] == ["cell_too_long"]
    assert "A3" in preview.problem_texts("en")[0]


@pytest.mark.slow
def test_a_million_rows_are_refused_at_the_cap(db, monkeypatch):
    monkeypatch.setattr(sheets, "MAX_ROWS", 100_000)
    preview = parse_file("training.xlsx", many_rows(1_000_000), current_reference(db))
    assert [p.key for p in preview.problems] == ["file_rows_over_cap"]
    assert "100,000" in preview.problem_texts("en")[0]


def test_csv_lines_are_counted_before_decoding(db, monkeypatch):
    monkeypatch.setattr(sheets, "MAX_ROWS", 10)
    preview = parse_file("training.csv", ("a,b\n" + "1,2\n" * 20).encode(), current_reference(db))
    assert [p.key for p in preview.problems] == ["file_rows_over_cap"]
