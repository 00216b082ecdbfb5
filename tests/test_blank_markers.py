"""Cells written as a missing marker (无, —, /, 暂无) in columns that read a blank as nothing given are said, on both
CSV paths; in columns that refuse a blank they are refused (docs/decisions.md#missing-markers-in-other-columns)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import import_ok
from test_bulk_csv import assert_same_preview

from incentive.intake import bulk_csv
from incentive.intake.ingest import parse_file
from incentive.store.reference import current_reference

ROSTER_HEADER = "干部编号,姓名,县区,单位,职级,性别,出生年份,统计日期,政治面貌,学历"


@pytest.fixture
def reference(catalog_db):
    return current_reference(catalog_db)


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_catalog_target_written_none_is_read_as_blank_and_said(tmp_path, reference):
    """A tester's catalog: 无 under 目标值 left the indicator without a target in silence."""
    text = (
        "指标代码,指标名称,类别,赛道,单位,方向,权重,目标值\n"
        "R01,招商引资额,赛马,项目建设,万元,正向,10,无\n"
        "R02,安全生产事故起数,赛马,基层治理,起,逆向,5,0\n"
        "R03,企业诉求办结率,赛马,为企服务,%,正向,5,—\n"
        "W01,年度体检完成率,关爱,,%,正向,1,无\n"
        "W02,谈心谈话覆盖率,关爱,,%,正向,1,\n"
    )
    path = _write(tmp_path, "indicators.csv", text)
    preview = parse_file(path.name, path.read_bytes(), reference)
    assert preview.importable, preview.problem_texts("en")
    assert list(preview.rows["target"].isna()) == [True, False, True, True, True]
    said = [n.text(lang) for n in preview.notes if n.key == "note_read_as_blank" for lang in ("zh", "en")]
    assert said == [
        "「目标值」列 3 个单元格写作「无」、「—」，读作空（未填写），如第 2 行。如本意不是空，请填写后重新导入。",
        "Column “目标值”: 3 cells written “无”, “—” were read as blank (not given), e.g. row 2. If something is meant, "
        "write it and import again.",
    ]


def test_a_required_column_written_none_is_refused_as_blank(tmp_path, reference):
    text = "指标代码,指标名称,类别,赛道,单位,方向,权重,目标值\nR01,招商引资额,赛马,项目建设,万元,正向,暂无,\n"
    path = _write(tmp_path, "indicators.csv", text)
    preview = parse_file(path.name, path.read_bytes(), reference)
    assert [(p.key, p.row, p.column, p.value) for p in preview.problems] == [("required", 2, "权重", "暂无")]
    assert not any(n.key == "note_read_as_blank" for n in preview.notes)


def test_a_class_weight_written_none_takes_the_common_weight_and_is_said(db):
    import_ok(db, "regions.csv", "县区,县区代码,考核类别\n甲县,1,城区\n乙县,2,农业大县\n".encode())
    text = "指标代码,指标名称,类别,赛道,单位,方向,权重,权重（城区）\nA,项目数,赛马,项目建设,个,正向,2,无\n"
    preview = parse_file("catalog.csv", text.encode(), current_reference(db))
    assert preview.importable, preview.problem_texts("en")
    assert [n.text("en") for n in preview.notes if n.key == "note_read_as_blank"] == [
        "Column “权重(城区)”: 1 cell written “无” was read as blank (not given), e.g. row 2. If something is meant, "
        "write it and import again."
    ]


def _roster(rows: int, party: dict[int, str], education: dict[int, str]) -> str:
    lines = [
        f"B{i:03d},名{i},云岫县,安坝镇,一级科员,男,1980,2025-12-31,{party.get(i, '中共党员')},{education.get(i, '大学')}"
        for i in range(rows)
    ]
    return ROSTER_HEADER + "\n" + "\n".join(lines) + "\n"


def test_a_roster_party_written_none_is_said_alike_on_both_paths(tmp_path, reference):
    """A roster's 政治面貌 of 无 was stored as blank in silence; the bulk path (large files) says it as the per-cell
    path does, markers in the order first met, a marker written with spaces counted as itself."""
    text = _roster(30, {4: "无", 9: "/", 12: " 无 ", 20: ""}, {7: "暂无"})
    path = _write(tmp_path, "roster.csv", text)
    assert_same_preview(path, reference)
    preview = bulk_csv.parse_large_csv(path, reference)
    assert preview.importable
    assert [n.text("zh") for n in preview.notes if n.key == "note_read_as_blank"] == [
        "「政治面貌」列 3 个单元格写作「无」、「/」，读作空（未填写），如第 6 行。如本意不是空，请填写后重新导入。",
        "「学历」列 1 个单元格写作「暂无」，读作空（未填写），如第 9 行。如本意不是空，请填写后重新导入。",
    ]
    assert preview.rows["party"].isna().sum() == 4  # the blank one too, said by no note


def test_a_roster_without_markers_says_nothing_of_them(tmp_path, reference):
    path = _write(tmp_path, "roster.csv", _roster(10, {3: ""}, {}))
    assert_same_preview(path, reference)
    assert not any(n.key == "note_read_as_blank" for n in bulk_csv.parse_large_csv(path, reference).notes)
