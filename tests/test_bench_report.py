"""bench/run.py's report (docs/performance.md) renders from the results the repository keeps, and says the
machine's pace (bench/pace.py) beside a run's figures when the run measured it. The timings themselves are the
benchmark's to print, never asserted here."""

import copy
import json
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"


@pytest.fixture(scope="module")
def bench():
    sys.path.insert(0, str(BENCH))
    import run

    yield run
    sys.path.remove(str(BENCH))


def test_the_report_renders_from_the_kept_results(bench):
    report = bench.render_report()
    assert report.startswith("# Performance") and "### Province scale" in report and "### Prefecture scale" in report


def test_a_run_with_the_machines_pace_says_it_before_its_figures(bench):
    result = json.loads((BENCH / "results" / "prefecture.json").read_text(encoding="utf-8"))
    without = copy.deepcopy(result)
    without.pop("pace", None)
    assert "Machine pace" not in bench.render_scale(without)  # runs before 2026-12-05 did not measure it
    result["pace"] = {
        "before": {"python": 0.31, "pandas": 0.274, "duckdb": 0.35},
        "after": {"python": 0.329, "pandas": 0.281, "duckdb": 0.4},
    }
    text = bench.render_scale(result)
    line = next(line for line in text.splitlines() if line.startswith("Machine pace"))
    assert line.endswith("python 0.31 / 0.33 s, pandas 0.27 / 0.28 s, duckdb 0.35 / 0.40 s.")
    assert text.index("Machine pace") < text.index("| import |")


def test_the_browser_table_reads_against_streamlit_alone_when_the_run_measured_it(bench):
    result = json.loads((BENCH / "results" / "province.json").read_text(encoding="utf-8"))
    browser = copy.deepcopy(result["browser"])
    browser.pop("reference", None)
    assert "Streamlit alone" not in "\n".join(bench.render_browser(browser))  # runs before 2026-12-06
    page = next(iter(browser["pages"].values()))
    browser["reference"] = {name: page for name in bench.REFERENCE_ROWS}
    rows = [line for line in bench.render_browser(browser) if line.startswith("| the same with one Plotly chart")]
    first = page["opened_first"]
    assert rows == [
        f"| the same with one Plotly chart of 100 bars | {first['drawn']:.2f} s ({first['drawn'] - first['finished']:.2f}"
        f" s) | {bench._waited(page['opened'])} | {bench._waited(page['linked'])} | {bench._kb(page['opened'])} |"
    ]


def test_the_browser_table_gives_the_servers_own_time_beside_the_tabs_when_the_run_measured_it(bench):
    result = json.loads((BENCH / "results" / "province.json").read_text(encoding="utf-8"))
    browser = copy.deepcopy(result["browser"])
    browser.pop("server_alone", None)
    header = next(line for line in bench.render_browser(browser) if line.startswith("| page | first visit"))
    assert "server alone" not in header  # runs before 2026-12-06T10:00
    browser["server_alone"] = {page: {"median": 0.25 + i / 100, "p95": 1.0} for i, page in enumerate(browser["pages"])}
    lines = bench.render_browser(browser)
    header = lines.index(next(line for line in lines if line.startswith("| page | first visit | opened | server")))
    for i, page in enumerate(browser["pages"]):
        row = lines[header + 2 + i].split(" | ")
        assert row[0] == f"| {Path(page).stem}" and row[3] == f"{0.25 + i / 100:.2f} s"
        assert row[2] == bench._waited(browser["pages"][page]["opened"])


def test_the_reference_app_runs():
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(BENCH / "reference_app.py"))
    at.run()
    assert not at.exception and at.title[0].value == "Reference"  # its chart and table pages: the benchmark's run


def test_the_backends_are_side_by_side_only_when_both_runs_measured_the_same_code(bench, tmp_path, monkeypatch):
    """Two runs of one day measured different apps (the DuckLake run of the morning, the file run of the evening):
    a table of both columns would read as the backends' difference."""
    result = json.loads((BENCH / "results" / "province.json").read_text(encoding="utf-8"))
    monkeypatch.setattr(bench, "RESULTS", tmp_path)
    for code, side_by_side in [(result["code"], True), (None, False)]:  # the file run's own code, or none
        lake = {**copy.deepcopy(result), "backend": "ducklake", "code": code}
        for name, run in [("province", result), ("province-ducklake", lake)]:
            (tmp_path / f"{name}.json").write_text(json.dumps({**run, "scale": "province"}), encoding="utf-8")
        report = bench.render_report()
        assert ("### Province scale: DuckDB file and DuckLake side by side" in report) == side_by_side
        assert ("Not put side by side" in report) != side_by_side


def test_the_training_imports_steps_are_said_when_the_run_timed_them(bench):
    result = json.loads((BENCH / "results" / "province.json").read_text(encoding="utf-8"))
    training = next(f for f in result["import"]["files"] if f["file"] == result["import"]["training_file"])
    training.pop("read_s", None)
    assert "reading it as text" not in bench.render_scale(result)  # runs before 2026-12-07 did not time it
    training.update(read_s=5.0, parse_s=13.5, store_s=5.0, total_s=18.5)
    line = next(line for line in bench.render_scale(result).splitlines() if "reading it as text" in line)
    assert line.startswith("The training CSV's 18.5 s: reading it as text into DuckDB 5.0 s, the checks and the staged")
    assert " 8.5 s, writing the rows into the database 5.0 s;" in line
