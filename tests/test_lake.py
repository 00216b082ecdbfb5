"""Several processes on one DuckLake (PostgreSQL catalog): each sees the others' writes, and concurrent imports
get distinct batches; a backup of a lake is a DuckDB file the app can open."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DATA, ROOT, data_file, import_ok

from incentive.store import audit, backup, batches, lake
from incentive.store.database import Database


def _cli(location: lake.LakeLocation, *args: str) -> subprocess.Popen:
    env = {
        **os.environ,
        "INCENTIVE_STORAGE": location.setting,
        "INCENTIVE_DATA_PATH": location.data_path,
        "PYTHONPATH": str(ROOT),
    }
    env.pop("INCENTIVE_DB", None)
    return subprocess.Popen(
        [sys.executable, "-m", "incentive", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _done(process: subprocess.Popen) -> str:
    out, err = process.communicate(timeout=300)
    assert process.returncode == 0, err
    return out


def test_two_instances_see_each_others_imports_and_rollbacks(empty_lake_location):
    first, second = Database(empty_lake_location), Database(empty_lake_location)
    assert first.created and not second.created
    before = batches.data_version(second)
    batch = import_ok(first, "regions.csv", data_file("regions.csv"))
    assert batches.data_version(second) != before  # what invalidates every instance's cached results
    assert second.fetch_all("SELECT count(*) FROM current_regions")[0][0] > 0
    batches.rollback(second, batch, "another instance")
    assert first.fetch_all("SELECT count(*) FROM current_regions") == [(0,)]
    assert first.fetch_all("SELECT action, who FROM audit WHERE action = 'rollback'") == [
        ("rollback", "another instance")
    ]
    first.close()
    second.close()


def test_concurrent_imports_from_two_processes_get_distinct_batches(lake_location):
    Database(lake_location).close()  # the schema exists before both start, as in a deployment
    files = [str(DATA / name) for name in ("regions.csv", "indicators.csv")]
    both = [_cli(lake_location, "import", *files), _cli(lake_location, "import", *files)]
    for process in both:
        _done(process)
    listed = json.loads(_done(_cli(lake_location, "batches", "--format", "json")))
    assert [b["id"] for b in listed] == [1, 2, 3, 4]  # none lost, none twice
    assert sorted(b["file"] for b in listed) == ["indicators.csv", "indicators.csv", "regions.csv", "regions.csv"]
    db = Database(lake_location)
    assert db.fetch_all("SELECT count(*) FROM audit WHERE action = 'import'") == [(4,)]
    newest = db.fetch_all("SELECT max(id) FROM batches WHERE kind = 'regions'")[0][0]
    regions = "SELECT county, township, county_code, batch_id FROM current_regions ORDER BY ALL"
    before = db.fetch_all(regions)
    assert {row[-1] for row in before} == {newest}
    _done(_cli(lake_location, "rollback", str(newest), "--yes"))  # another process undoes the newer region batch
    assert db.fetch_all("SELECT id FROM batches WHERE status = 'rolled_back'") == [(newest,)]
    after = db.fetch_all(regions)  # the older copy is current again, seen here at once
    assert [row[:-1] for row in after] == [row[:-1] for row in before] and {row[-1] for row in after} != {newest}
    db.close()


def _roster_and_training(cadres: int) -> tuple[bytes, bytes]:
    """A roster of `cadres` cadres (2024-12-31) spread over the four counties of tests/data/regions.csv, and a
    2025 course for every third one: rows enough for the lake to write Parquet files rather than keep them inline
    in its catalog, as the whole sample does, in a fraction of its load (15 files, 8-12 s on two cores)."""
    counties = ["云岫县", "云峤县", "澄溪县", "枫岚区"]
    roster = ["干部编号,姓名,县区,单位,职级,性别,出生年份,统计日期"]
    roster += [f"L{i:05d},某,{counties[i % 4]},某局,一级科员,男,1990,2024-12-31" for i in range(cadres)]
    training = ["干部编号,培训项目,培训类别,培训领域,培训方式,组织形式,学时,培训日期"]
    training += [f"L{i:05d},班一,政治能力,党的理论,线下,集体,{8 + i % 50},2025-03-01" for i in range(0, cadres, 3)]
    return ("\n".join(roster) + "\n").encode(), ("\n".join(training) + "\n").encode()


def test_a_lake_backup_opens_as_a_database_file(lake_location, tmp_path):
    from incentive.training import coverage

    db = Database(lake_location)
    roster, training = _roster_and_training(2000)
    import_ok(db, "regions.csv", data_file("regions.csv"))
    import_ok(db, "roster.csv", roster)
    import_ok(db, "training.csv", training)
    assert list(Path(lake_location.data_path).rglob("*.parquet"))  # not only rows inlined in the catalog
    target = backup.backup_to(db, tmp_path / "backup.duckdb", "test")
    year = coverage.year_window(2025)
    figures = coverage.window_query(db.connection, "training_coverage", year, by="county", county="", to_come=0.0)
    assert len(figures) == 4  # every county's figures, compared with the backup's below
    regions = db.fetch_all("SELECT * FROM current_regions ORDER BY ALL")
    db.close()
    copy = Database(target)  # a DuckDB file with the lake's tables, views and macros
    assert not copy.created and copy.fetch_all("SELECT * FROM current_regions ORDER BY ALL") == regions
    again = coverage.window_query(copy.connection, "training_coverage", year, by="county", county="", to_come=0.0)
    assert again.equals(figures)
    copy.close()


def test_restore_refuses_a_lake(lake_location, tmp_path):
    process = _cli(lake_location, "restore", str(tmp_path / "any.duckdb"))
    process.communicate(timeout=120)
    assert process.returncode == 2


def test_extensions_load_from_the_pinned_wheels():
    for name in ("ducklake", "postgres"):
        assert lake.extension_file(name).endswith(".duckdb_extension")
    with pytest.raises(RuntimeError, match="pip install duckdb-extension-nothing"):
        lake.extension_file("nothing")


def test_a_write_that_overlaps_another_process_write_is_run_again(lake_location):
    """Deterministic overlap: the first writer pauses inside its transaction while the second commits; the first
    then conflicts on write_serial at commit and runs its work again, with the next batch id."""
    import threading

    first, second = Database(lake_location), Database(lake_location)
    paused, resume = threading.Event(), threading.Event()
    seen_ids = []

    def slow_write(cur):
        batch_id = cur.execute("SELECT coalesce(max(id), 0) + 1 FROM batches").fetchone()[0]
        seen_ids.append(batch_id)
        cur.execute("INSERT INTO batches (id, kind, status) VALUES ($id, 'regions', 'active')", {"id": batch_id})
        if len(seen_ids) == 1:
            paused.set()
            resume.wait(60)
        return batch_id

    result = {}
    worker = threading.Thread(target=lambda: result.setdefault("id", first.serial_write(slow_write)))
    worker.start()
    assert paused.wait(60)
    other = import_ok(second, "regions.csv", data_file("regions.csv"))
    resume.set()
    worker.join(60)
    assert other == 1 and seen_ids == [1, 2] and result["id"] == 2
    assert [i for (i,) in first.fetch_all("SELECT id FROM batches ORDER BY id")] == [1, 2]
    first.close()
    second.close()


def test_every_page_runs_on_a_lake(lake_location, app_factory):
    at = app_factory(
        env={"INCENTIVE_STORAGE": lake_location.setting, "INCENTIVE_DATA_PATH": lake_location.data_path}, timeout=600
    )  # a new lake starts with the sample, like a new file (minutes on a busy machine)
    for page in ("views/rankings.py", "views/training.py", "views/welfare.py", "views/movements.py"):
        at.switch_page(page)
        at.run()
        assert not at.exception, (page, [e.value for e in at.exception])
        assert at.title[0].value


def test_messages_never_show_the_catalog_password():
    location = lake.LakeLocation("postgres:dbname=incentive host=db password=s3cret user=app", "/srv/lake")
    assert str(location) == "ducklake:postgres:dbname=incentive host=db password=*** user=app"
    assert "s3cret" in location.setting


def test_short_links_settings_and_audit_are_shared_by_instances(lake_location):
    from incentive.sharing import permalinks
    from incentive.store import settings

    first, second = Database(lake_location), Database(lake_location)
    key = permalinks.save(first, "training", {"window": "quarter", "lang": "en"}, "viewer")
    link = permalinks.load(second, key)  # a link made on one instance opens on another
    assert link is not None and link.path == "training" and link.params == {"window": "quarter", "lang": "en"}
    settings.save(second, "coverage_target", 96, "admin")
    assert settings.current(first)["coverage_target"] == 96
    audit.record(first, "admin", "sign_in")
    assert second.fetch_all("SELECT who, action FROM audit WHERE action = 'sign_in'") == [("admin", "sign_in")]
    first.close()
    second.close()
