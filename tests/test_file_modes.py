"""The files the app and the command line make are the service account's alone (incentive/file_modes.py): a
database file and a lake's data folder made by `python -m incentive init` and an import under a login shell's umask
(0022) have no permission bit for the group or others, and a delivery, made for others, keeps the umask's mode."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

LOGIN_UMASK = 0o022  # a login shell's: files -rw-r--r--, folders drwxr-xr-x


def _init_sample(folder: Path, *args: str, **environment: str) -> None:
    """`python -m incentive … init`, then an import of a region list of 600 townships (rows enough for a lake to
    write them as Parquet files, not inline in its catalog), as an administrator runs them from a login shell. Not
    `init --sample`: its 15 files cost 8-12 s a test and make no file of another kind."""
    regions = folder / "区划.csv"
    rows = [f"县{c:02d}县,镇{c:02d}{t:02d}镇,99{c:04d}" for c in range(20) for t in range(30)]
    regions.write_text("县区,乡镇,区划代码\n" + "\n".join(rows) + "\n", encoding="utf-8")
    env = {**os.environ, **environment, "PYTHONPATH": str(ROOT)}
    for command in (["init"], ["import", str(regions)]):
        done = subprocess.run(
            [sys.executable, "-m", "incentive", *args, *command],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
            umask=LOGIN_UMASK,
        )
        assert done.returncode == 0, done.stderr


def _open_to_others(top: Path) -> dict[str, str]:
    """Every file and folder under `top` (itself too) with a permission bit for the group or others: path, mode."""
    found = [top, *top.rglob("*")]
    return {str(p): stat.filemode(p.stat().st_mode) for p in found if p.stat().st_mode & 0o077}


def test_a_database_made_by_the_command_line_is_its_user_s_alone(tmp_path):
    database = tmp_path / "new" / "incentive.duckdb"
    env = {"INCENTIVE_STORAGE": ""}
    _init_sample(tmp_path, "--db", str(database), **env)
    assert database.exists()
    assert _open_to_others(database.parent) == {}  # the file, its folder, anything beside it (a WAL)


@pytest.mark.slow  # a private PostgreSQL catalog: 5 s
def test_a_lake_made_by_the_command_line_is_its_user_s_alone(empty_lake_location, tmp_path):
    data = Path(empty_lake_location.data_path)
    _init_sample(tmp_path, INCENTIVE_STORAGE=empty_lake_location.setting, INCENTIVE_DATA_PATH=str(data))
    parquet = list(data.rglob("*.parquet"))
    assert parquet  # the imported rows (a roster's would hold cadres' names)
    assert _open_to_others(data) == {}
