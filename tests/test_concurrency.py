"""Two writers at once: two processes (the CLI waits for the file's lock), two sessions of one app process (the
write lock), and readers during an import that see the data before or after it, never half of it."""

import subprocess
import sys
import threading

import pytest
from conftest import ROOT

from incentive.demo.sample import sample_files
from incentive.intake.ingest import parse_file
from incentive.store import batches
from incentive.store.database import Database
from incentive.store.reference import current_reference

pytestmark = pytest.mark.slow  # two child processes, or two threads, each importing 44,000 training records

TRAINING = [p for p in sample_files() if p.name.startswith("07_培训记录")]


def test_two_processes_importing_at_once_both_land(sample_db_path):
    children = [
        subprocess.Popen(
            [sys.executable, "-m", "incentive", "--db", str(sample_db_path), "--wait", "120", "import", path],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for path in TRAINING[:2]
    ]
    codes = [child.wait(timeout=300) for child in children]
    assert codes == [0, 0], [child.stderr.read().decode() for child in children]
    db = Database(sample_db_path)
    landed = db.fetch_all("SELECT id, file_name FROM batches WHERE source = 'cli' ORDER BY id")
    assert sorted(name for _, name in landed) == sorted(p.name for p in TRAINING[:2])
    assert [i for i, _ in landed] == [16, 17]  # after the sample's 15: ids given in turn, none lost
    db.close()


def test_two_sessions_of_one_app_process_write_in_turn_and_readers_see_whole_batches(sample_db_path):
    db = Database(sample_db_path)
    previews = [parse_file(p.name, p.read_bytes(), current_reference(db)) for p in TRAINING[2:4]]
    before = db.fetch_all("SELECT count(*) FROM current_training")[0][0]
    totals = {
        before + len(previews[0].rows) - _overlap(db, previews[0]),
        before + len(previews[1].rows) - _overlap(db, previews[1]),
    }
    seen, errors, done = set(), [], threading.Event()

    def read():
        while not done.is_set():
            seen.add(db.fetch_all("SELECT count(*) FROM current_training")[0][0])

    def write(preview):
        try:
            batches.import_preview(db, preview, source="upload", created_by="session")
        except Exception as error:
            errors.append(error)

    reader = threading.Thread(target=read)
    reader.start()
    writers = [threading.Thread(target=write, args=(p,)) for p in previews]
    for thread in writers:
        thread.start()
    for thread in writers:
        thread.join()
    done.set()
    reader.join()
    assert not errors
    after = db.fetch_all("SELECT count(*) FROM current_training")[0][0]
    assert seen <= {before, after} | totals  # only whole states: before, after one import, after both
    assert db.fetch_all("SELECT count(*) FROM batches WHERE created_by = 'session'")[0][0] == 2
    db.close()


def _overlap(db, preview) -> int:
    """Rows of the file that replace rows already there (same key), so the count does not grow by them."""
    db.connection.register("incoming", preview.rows[["cadre_id", "course", "date"]])
    try:
        return db.connection.execute(
            "SELECT count(*) FROM incoming i JOIN current_training c USING (cadre_id, course, date)"
        ).fetchone()[0]
    finally:
        db.connection.unregister("incoming")
