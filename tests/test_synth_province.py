"""The synthetic province: every file kind at the sizes asked for, the same bytes every time, importable whole."""

from __future__ import annotations

import csv
import subprocess
import sys

import openpyxl
import pytest
from conftest import ROOT

from incentive.demo import synth
from incentive.intake.bulk_csv import parse_path
from incentive.store import batches
from incentive.store.database import Database
from incentive.store.reference import current_reference

TINY = synth.province(counties=4, townships=20, cadres=600, training_records=9_000, movements=300)


@pytest.fixture(scope="module")
def province(tmp_path_factory):
    out = tmp_path_factory.mktemp("province")
    return synth.generate(out, TINY)


def _csv_rows(path, encoding="utf-8"):
    with path.open(encoding=encoding, newline="") as f:
        return list(csv.reader(f))


def test_sizes_are_those_asked_for(province):
    names = [p.name for p in province]
    assert names[:2] == ["01_行政区划.csv", "02_指标目录.csv"] and names[-2:] == ["08_干部调整.xlsx", "09_年度考核.csv"]
    regions = _csv_rows(province[0], "utf-8-sig")[2:]
    assert len({r[0] for r in regions}) == 4 and sum(1 for r in regions if r[1]) == 20
    assert all(r[2].startswith("99") for r in regions)  # unassigned code prefix: no real place
    training = next(p for p in province if p.name.startswith("07_"))
    assert len(_csv_rows(training)) == 1 + TINY.training_records
    keys = {(r[0], r[1], r[7]) for r in _csv_rows(training)[1:]}
    assert len(keys) == TINY.training_records  # no key twice
    sheet = openpyxl.load_workbook(province[-2], read_only=True).worksheets[0]
    assert sum(1 for _ in sheet.iter_rows()) == 2 + TINY.movements
    grades = _csv_rows(province[-1], "gbk")
    assert grades[1] == ["干部编号", "姓名", "单位", "年度", "考核等次"]  # under the title
    assert {row[3] for row in grades[2:]} == {f"{y}年度" for y in synth.appraisal_years(TINY)}
    rosters = [p for p in province if p.name.startswith("06_")]
    assert len(rosters) == len(synth.roster_dates(TINY))
    assert all("虚构" in _csv_rows(p)[0][0] for p in rosters)


def test_the_same_seed_gives_the_same_files(province, tmp_path):
    again = synth.generate(tmp_path, TINY)
    for first, second in zip(province, again, strict=False):
        if first.suffix == ".csv":
            assert first.read_bytes() == second.read_bytes(), first.name
        else:  # a workbook's bytes carry its save time; its cells do not change
            cells = [
                [list(r) for r in openpyxl.load_workbook(p, read_only=True).worksheets[0].iter_rows(values_only=True)]
                for p in (first, second)
            ]
            assert cells[0] == cells[1], first.name


@pytest.mark.slow
def test_every_file_imports_whole(province, tmp_path):
    db = Database(tmp_path / "province.duckdb")
    for path in province:
        preview = parse_path(path, current_reference(db))
        assert preview.importable, (path.name, preview.problem_texts("en")[:3])
        batches.import_preview(db, preview, source="cli", created_by="test")
    assert db.fetch_all("SELECT count(*) FROM current_training") == [(TINY.training_records,)]
    assert db.fetch_all("SELECT count(*) FROM training_partial") == [(0,)]  # a first load: current whole
    assert db.fetch_all("SELECT count(DISTINCT county) FROM current_roster") == [(4,)]
    db.close()


@pytest.mark.slow
def test_the_prefecture_scale_is_the_bundled_sample(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "incentive", "synth", "--scale", "prefecture", "--out", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    for path in sorted((ROOT / "data" / "sample").glob("0*.csv")):  # and so the generator is deterministic
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), f"{path.name} is stale: regenerate"
