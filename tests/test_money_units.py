"""Money units written without 元 (亿, 万, 千…): read as the catalog's unit with 元 where they name it, with a note,
refused against any other (docs/decisions.md#money-units-without-yuan). On the sample, 重点项目投资完成额 (R01) is
in 亿元 and 村集体经济收入 (R05) in 万元; race scores and care figures take the per-cell path only."""

from __future__ import annotations

import pytest
from conftest import incentive_command, xlsx_bytes

from incentive.intake import bulk_csv
from incentive.intake.ingest import parse_file
from incentive.store.database import Database
from incentive.store.reference import current_reference

# One 2026-Q3 value of 澄溪县 (stored 35.63 亿元 in the sample) stated as 亿 in each place a unit is written.
STATED_YI = {
    "cell": "考核期,县区,指标,数值\n2026-Q3,澄溪县,R01,35.7亿\n",
    "header": "考核期,县区,重点项目投资完成额（亿）\n2026-Q3,澄溪县,35.7\n",
    "unit row": "考核期,县区,重点项目投资完成额\n单位,,亿\n2026-Q3,澄溪县,35.7\n",
    "title": "2026年第三季度赛马考评得分\n单位：亿\n县区,重点项目投资完成额\n澄溪县,35.7\n",
    "unit column": "考核期,县区,指标,计量单位,数值\n2026-Q3,澄溪县,R01,亿,35.7\n",
}


def _cli(db_path, *args, lang="zh"):
    return incentive_command("--db", db_path, "--lang", lang, *args)


def _stored(db_path, period: str, county: str, code: str) -> list[str]:
    exported = _cli(db_path, "export", "race_scores", "--period", period).stdout.splitlines()
    return [line for line in exported if line.startswith(f"{period},{county},,{code},")]


@pytest.mark.parametrize("place", list(STATED_YI))
def test_yi_for_a_catalog_unit_of_yi_yuan_is_read_as_it_with_a_note(sample_db_path, tmp_path, place):
    """`亿` stated for 重点项目投资完成额 (亿元), in a cell, a header's brackets, a unit row, a title's note or a long
    file's unit column: the same amount, imported unchanged with a note saying 亿 was read as 亿元 (before, each was
    refused as no unit the importer reads, or as no number)."""
    path = tmp_path / "赛马.csv"
    path.write_text(STATED_YI[place], encoding="utf-8")
    database = Database(sample_db_path)
    try:
        reference = current_reference(database)
        assert bulk_csv.parse_large_csv(path, reference) is None  # scores take the per-cell path only
        preview = parse_file(path.name, path.read_bytes(), reference)
    finally:
        database.close()
    assert preview.importable, preview.problem_texts("zh")
    notes = [n for n in preview.notes if n.key == "note_unit_read_as"]
    assert len(notes) == 1
    assert "1 个单元格的单位「亿」按「亿元」读取（同一金额单位，数值不变）" in notes[0].text("zh")
    assert "→ 35.7。" in notes[0].text("zh")
    assert "in hundred million (亿) read as hundred million yuan (the same money unit; the numbers are unchanged)" in (
        notes[0].text("en")
    )
    result = _cli(sample_db_path, "import", path)
    assert result.returncode == 0, result.stderr
    assert "按「亿元」读取（同一金额单位，数值不变）" in result.stderr
    assert _stored(sample_db_path, "2026-Q3", "澄溪县", "R01") == ["2026-Q3,澄溪县,,R01,35.7"]


def test_yi_in_a_number_format_and_wan_in_a_cell_read_alike(sample_db_path, tmp_path):
    """A workbook cell formatted `0.0"亿"` (Excel shows 35.7亿) for 亿元, and `1600万` for 村集体经济收入 (万元)."""
    rows = [["考核期", "县区", "重点项目投资完成额", "村集体经济收入"], ["2026-Q3", "澄溪县", 35.7, "1600万"]]
    path = tmp_path / "赛马.xlsx"
    path.write_bytes(xlsx_bytes(rows, formats={"C2": '0.0"亿"'}))
    result = _cli(sample_db_path, "import", path)
    assert result.returncode == 0, result.stderr
    assert (
        "「重点项目投资完成额 (C)」列 1 个单元格的单位「亿」按「亿元」读取（同一金额单位，数值不变），如第 2 行「35.7亿」→ 35.7。"
        in (result.stderr)
    )
    assert (
        "「村集体经济收入 (D)」列 1 个单元格的单位「万」按「万元」读取（同一金额单位，数值不变），如第 2 行「1600万」→ 1600。"
        in (result.stderr)
    )
    assert _stored(sample_db_path, "2026-Q3", "澄溪县", "R01") == ["2026-Q3,澄溪县,,R01,35.7"]
    assert _stored(sample_db_path, "2026-Q3", "澄溪县", "R05") == ["2026-Q3,澄溪县,,R05,1600.0"]


@pytest.mark.parametrize(
    "data,key",
    [
        # 亿 for a 万元 indicator: no guessed ×10000
        ("考核期,县区,指标,数值\n2026-Q3,澄溪县,R05,0.16亿\n", "unit_mismatch"),
        ("考核期,县区,村集体经济收入（亿）\n2026-Q3,澄溪县,0.16\n", "unit_mismatch"),
        # a title's 单位：亿 speaks for money indicators: over 村集体经济收入 (万元) it is refused, never passed over
        ("2026年第三季度赛马考评得分\n单位：亿\n县区,村集体经济收入\n澄溪县,0.16\n", "unit_mismatch"),
        # 万 is no unit of people: 万人 is one of its own
        ("考核期,县区,指标,数值\n2026-Q3,澄溪县,R02,3万\n", "unit_mismatch"),
    ],
    ids=["cell yi for wan yuan", "header yi for wan yuan", "title yi for wan yuan", "cell wan for a count"],
)
def test_a_money_unit_without_yuan_for_another_unit_is_refused(sample_db_path, tmp_path, data, key):
    """A unit without 元 is read only as the catalog's own unit with 元: against any other it is refused, naming it
    and the unit expected, and nothing is stored."""
    path = tmp_path / "赛马.csv"
    path.write_text(data, encoding="utf-8")
    database = Database(sample_db_path)
    try:
        preview = parse_file(path.name, path.read_bytes(), current_reference(database))
    finally:
        database.close()
    assert [p.key for p in preview.problems] == [key]
    assert "与应有的单位" in preview.problem_texts("zh")[0]
    result = _cli(sample_db_path, "import", path, lang="en")
    assert result.returncode == 1 and "cannot be converted to" in result.stderr
