"""Killed mid-write: an import or a rollback in a child process gets SIGKILL at a named point of the write
(incentive/store/faults.py, switched on by INCENTIVE_FAULT in the child's environment only); the test checks the
kill landed there, then that the database opens, earlier data is intact, and the write is all or nothing."""

import os
import signal
import subprocess
import sys

import pytest
from conftest import ROOT

from incentive.demo.sample import sample_files
from incentive.store import faults
from incentive.store.database import Database

pytestmark = pytest.mark.slow  # a child process per kill, each loading 44,000 rows or rolling back the sample

TRAINING = next(p for p in sample_files() if p.name == "07_培训记录_2025.csv")


# current_training's rule written out (the window a pinned link applies): what the view must give.
NEWEST_PER_KEY = """
    SELECT count(*), sum(hours) FROM (
        SELECT hours FROM training
        WHERE batch_id IN (SELECT id FROM active_batch_ids)
        QUALIFY row_number() OVER (PARTITION BY cadre_id, course, date ORDER BY batch_id DESC) = 1
    )"""


def snapshot(path):
    db = Database(path)
    try:
        return {
            "batches": db.fetch_all("SELECT id, status FROM batches ORDER BY id"),
            "training": db.fetch_all("SELECT count(*), sum(hours) FROM current_training")[0],
            "orphans": db.fetch_all("SELECT count(*) FROM training WHERE batch_id NOT IN (SELECT id FROM batches)")[0][
                0
            ],
            # the rows of batches superseded in part (store/superseded_training.py), which the import and the
            # rollback keep with the rest
            "kept": db.fetch_all("SELECT count(*), sum(hours) FROM training_kept")[0],
            "partial": db.fetch_all("SELECT batch_id FROM training_partial ORDER BY 1"),
            "newest_per_key": db.fetch_all(NEWEST_PER_KEY)[0],
        }
    finally:
        db.close()


def killed_at(point, path, *args):
    """Run the CLI with the fault point set; assert it died by SIGKILL at that point and nowhere else."""
    child = subprocess.run(
        [sys.executable, "-m", "incentive", "--db", str(path), *map(str, args)],
        cwd=ROOT,
        env={**os.environ, faults.VARIABLE: point},
        capture_output=True,
        timeout=600,
    )
    stderr = child.stderr.decode(errors="replace")
    assert child.returncode == -signal.SIGKILL, (child.returncode, stderr[-2000:])
    assert stderr.splitlines()[-1] == f"{faults.VARIABLE} reached: {point}", stderr[-2000:]


def test_the_points_are_the_documented_ones():
    assert faults.POINTS == ("after_staging", "mid_write", "before_commit", "after_commit")
    assert all(point in faults.__doc__ for point in faults.POINTS)


@pytest.mark.parametrize("point", faults.POINTS)
def test_a_killed_import_leaves_no_partial_batch(sample_db_path, point):
    before = snapshot(sample_db_path)
    killed_at(point, sample_db_path, "import", TRAINING)  # 44,000 rows in one transaction
    after = snapshot(sample_db_path)
    assert after["orphans"] == 0
    assert after["newest_per_key"] == after["training"]  # current training is exactly the newest rows
    if point != "after_commit":  # killed before the commit: nothing of it is visible
        assert after == before
    else:  # committed: the whole batch is there, and what it supersedes marked
        assert after["batches"][:-1] == before["batches"] and after["batches"][-1][1] == "active"
        db = Database(sample_db_path)
        try:
            stored = db.fetch_all("SELECT count(*) FROM training WHERE batch_id = $id", {"id": after["batches"][-1][0]})
            declared = db.fetch_all("SELECT row_count FROM batches WHERE id = $id", {"id": after["batches"][-1][0]})
        finally:
            db.close()
        assert stored == declared and stored[0][0] > 40_000


@pytest.mark.parametrize("point", ["mid_write", "before_commit", "after_commit"])
def test_a_killed_rollback_is_all_or_nothing(sample_db_path, point):
    before = snapshot(sample_db_path)
    killed_at(point, sample_db_path, "remove-sample", "--yes")  # every sample batch, in one transaction
    after = snapshot(sample_db_path)
    statuses = {status for _, status in after["batches"]}
    if point != "after_commit":
        assert statuses == {"active"} and after == before
    else:  # every batch rolled back, none left half-way, and no row kept for them
        assert statuses == {"rolled_back"} and after["training"][0] == 0 and after["kept"][0] == 0
        assert after["partial"] == []
    assert after["orphans"] == 0
