"""store/batches.py: what a batch keeps beside its rows. The rows skip-invalid left out are kept with the batch (the
problems the preview listed), on a DuckDB file and on DuckLake alike."""

from __future__ import annotations

import pytest
from conftest import data_file, import_ok

from incentive.intake.ingest import parse_file
from incentive.store import batches
from incentive.store.database import Database
from incentive.store.reference import current_reference

MIXED = "考核期,县区,指标,数值\n2026Q3,云岫县,R01,99.5\n2026Q3,黑山县,R01,1\n2026Q3,云岫县,R02,abc\n".encode()


@pytest.fixture(params=["file", pytest.param("lake", marks=pytest.mark.lake)])  # lake: slow (conftest)
def storage(request, tmp_path) -> Database:
    if request.param == "file":
        db = Database(tmp_path / "b.duckdb")
    else:
        db = Database(request.getfixturevalue("lake_location"))
    yield db
    db.close()


def test_the_rows_skip_invalid_left_out_stay_with_the_batch(storage):
    import_ok(storage, "regions.csv", data_file("regions.csv"))
    import_ok(storage, "indicators.csv", data_file("indicators.csv"))
    preview = parse_file("mixed.csv", MIXED, current_reference(storage), skip_invalid=True)
    assert preview.importable and len(preview.problems) == 2
    batch = batches.import_preview(storage, preview, source="upload", created_by="测试")
    clean = import_ok(storage, "clean.csv", "考核期,县区,指标,数值\n2026Q3,云岫县,R01,98\n".encode())
    assert batches.with_rejects(storage) == {batch: 2}  # a batch that left nothing out has no list
    for lang in ("zh", "en"):
        kept = batches.rejects(storage, batch, lang)
        expected = preview.rejects_table(lang)
        assert list(kept.columns) == list(expected.columns)
        assert kept.astype(str).values.tolist() == expected.astype(str).values.tolist()
    assert batches.rejects(storage, clean, "zh").empty
    batches.rollback(storage, batch, "测试")
    assert batches.with_rejects(storage) == {batch: 2}  # history: a batch rolled back keeps what it left out
