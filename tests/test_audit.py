"""Every operation writes its own audit row, in its own transaction: after it the row is there, and when the
operation fails after writing the row (a write made to fail here) neither the change nor the row is left
(docs/security.md, "What is logged")."""

from __future__ import annotations

import shutil

import pytest
from conftest import data_file, import_ok

from incentive.demo.sample import SAMPLE_DIR, load_sample, sample_files
from incentive.intake.ingest import parse_file
from incentive.store import audit, backup, batches, settings
from incentive.store.batches import BatchError
from incentive.store.database import Database
from incentive.store.reference import current_reference


class Injected(RuntimeError):
    pass


def make_writes_after_audit_fail(monkeypatch) -> None:
    """From now on every audit row is still inserted, then the operation fails: what it wrote must be undone
    with the row."""
    real = audit.write

    def write_then_fail(cur, *args, **kwargs):
        real(cur, *args, **kwargs)
        raise Injected("a write after the audit row failed")

    monkeypatch.setattr(audit, "write", write_then_fail)


@pytest.fixture
def fail_after_audit(monkeypatch):
    make_writes_after_audit_fail(monkeypatch)


def rows(db: Database) -> list[tuple]:
    """The audit log as (who, action, target, outcome), oldest first."""
    return [tuple(r) for r in audit.log(db)[["who", "action", "target", "outcome"]].values.tolist()][::-1]


def race_file(value: int) -> bytes:
    return f"考核期,县区,指标,数值\n2025Q2,云岫县,R01,{value}\n".encode()


# ---- settings


def test_a_setting_is_saved_with_its_audit_row(db):
    assert settings.save(db, "coverage_target", "96", "admin") == 96.0
    assert rows(db) == [("admin", "setting", "coverage_target", "ok")]
    assert audit.log(db)["detail"].tolist() == ["96.0"]


def test_a_failed_setting_leaves_neither_value_nor_row(db, fail_after_audit):
    with pytest.raises(Injected):
        settings.save(db, "coverage_target", 96, "admin")
    assert settings.current(db)["coverage_target"] == settings.SETTINGS["coverage_target"].default
    assert rows(db) == []


def test_a_refused_setting_writes_nothing(db):
    with pytest.raises(settings.SettingError):
        settings.save(db, "coverage_target", -1, "admin")
    assert rows(db) == [] and db.fetch_all("SELECT count(*) FROM settings") == [(0,)]


# ---- imports, refusals, rollbacks


def test_a_failed_import_leaves_neither_batch_nor_row(catalog_db, fail_after_audit):
    before = rows(catalog_db)
    preview = parse_file("a.csv", race_file(1), current_reference(catalog_db))
    with pytest.raises(Injected):
        batches.import_preview(catalog_db, preview, source="cli", created_by="admin")
    assert len(batches.history(catalog_db)) == 2 and rows(catalog_db) == before
    assert catalog_db.fetch_all("SELECT count(*) FROM indicator_values") == [(0,)]


def test_a_refused_file_is_recorded_by_the_importer(catalog_db):
    preview = parse_file(
        "bad.csv", "考核期,县区,指标,数值\n2025Q2,无此县,R01,1\n".encode(), current_reference(catalog_db)
    )
    with pytest.raises(BatchError):
        batches.import_preview(catalog_db, preview, source="upload", created_by="admin")
    assert rows(catalog_db)[-1] == ("admin", "import", "", "refused")
    latest = audit.log(catalog_db).iloc[0]
    assert (latest["file_name"], latest["sha256"], latest["row_count"], latest["detail"]) == (
        "bad.csv",
        preview.sha256,
        1,
        "1 problems",
    )
    assert len(batches.history(catalog_db)) == 2


@pytest.mark.parametrize("undo", ["rollback", "rollback_source"])
def test_a_failed_rollback_leaves_the_batch_active_and_no_row(catalog_db, monkeypatch, undo):
    preview = parse_file("a.csv", race_file(1), current_reference(catalog_db))
    batch = batches.import_preview(catalog_db, preview, source="upload", created_by="admin")
    before = rows(catalog_db)
    make_writes_after_audit_fail(monkeypatch)
    with pytest.raises(Injected):
        if undo == "rollback":
            batches.rollback(catalog_db, batch, "admin")
        else:
            batches.rollback_source(catalog_db, "upload", "admin")
    assert batches.history(catalog_db)["status"].tolist() == ["active"] * 3
    assert rows(catalog_db) == before
    monkeypatch.undo()
    batches.rollback(catalog_db, batch, "admin")
    assert rows(catalog_db)[-1] == ("admin", "rollback", f"batch {batch}", "ok")


# ---- the sample


@pytest.fixture
def small_sample(tmp_path):
    """The sample's regions, catalog and one race file: enough to load, quick to parse."""
    folder = tmp_path / "sample"
    folder.mkdir()
    for path in sample_files(SAMPLE_DIR)[:3]:
        shutil.copy(path, folder)
    return folder


@pytest.mark.slow
def test_loading_the_sample_is_recorded_with_its_batches(db, small_sample):
    ids = load_sample(db, "admin", small_sample)
    assert ids == [1, 2, 3]
    assert rows(db)[-1] == ("admin", "load_sample", "sample", "ok")
    assert audit.log(db)["row_count"].iloc[0] == 3
    assert [r[1] for r in rows(db)] == ["import"] * 3 + ["load_sample"]


def test_a_failed_sample_load_leaves_no_batch_and_no_row(db, small_sample, fail_after_audit):
    with pytest.raises(Injected):
        load_sample(db, "admin", small_sample)
    assert batches.history(db).empty and rows(db) == []
    assert db.fetch_all("SELECT count(*) FROM regions") == [(0,)]


def test_a_sample_file_failing_half_way_leaves_nothing(db, small_sample, monkeypatch):
    real = batches.store
    stored = []

    def store_then_fail(cur, preview, **kwargs):
        if stored:
            raise Injected("the second file could not be written")
        stored.append(real(cur, preview, **kwargs))
        return stored[-1]

    monkeypatch.setattr(batches, "store", store_then_fail)
    with pytest.raises(Injected):
        load_sample(db, "admin", small_sample)
    assert stored == [1] and batches.history(db).empty and rows(db) == []


# ---- backup and restore


def test_a_backup_whose_row_cannot_be_written_is_deleted(db, tmp_path, monkeypatch):
    import_ok(db, "regions.csv", data_file("regions.csv"))
    make_writes_after_audit_fail(monkeypatch)
    target = tmp_path / "backups" / "copy.duckdb"
    with pytest.raises(Injected):
        backup.backup_to(db, target, "admin")
    assert not target.exists() and [r[1] for r in rows(db)] == ["import"]


def test_a_restore_is_recorded_in_the_restored_file(tmp_path):
    live = tmp_path / "live.duckdb"
    db = Database(live)
    import_ok(db, "regions.csv", data_file("regions.csv"))
    copy = backup.backup_to(db, tmp_path / "copy.duckdb", "admin")
    batches.rollback(db, 1, "admin")  # a change after the backup
    db.close()
    kept = backup.restore(copy, live, "admin")
    assert kept == tmp_path / "live.duckdb.before-restore" and kept.exists()
    restored = Database(live)
    assert batches.history(restored)["status"].tolist() == ["active"]
    assert rows(restored)[-1] == ("admin", "restore", str(copy), "ok")
    assert audit.log(restored)["detail"].iloc[0] == "previous file kept as live.duckdb.before-restore"
    restored.close()
    assert not (tmp_path / "live.duckdb.restoring").exists()


def test_a_restore_whose_row_cannot_be_written_changes_nothing(tmp_path, monkeypatch):
    live = tmp_path / "live.duckdb"
    db = Database(live)
    import_ok(db, "regions.csv", data_file("regions.csv"))
    copy = backup.backup_to(db, tmp_path / "copy.duckdb", "admin")
    batches.rollback(db, 1, "admin")
    db.close()
    before = live.read_bytes()
    make_writes_after_audit_fail(monkeypatch)
    with pytest.raises(Injected):
        backup.restore(copy, live, "admin")
    assert live.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copy.duckdb", "live.duckdb"]


def test_restore_refuses_a_file_that_is_no_backup(tmp_path):
    live = tmp_path / "live.duckdb"
    Database(live).close()
    junk = tmp_path / "junk.duckdb"
    junk.write_bytes(b"not a database")
    with pytest.raises(backup.BackupError):
        backup.restore(junk, live, "admin")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["junk.duckdb", "live.duckdb"]
