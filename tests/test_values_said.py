"""Values the importer assumes or changes are said, through the command line as an office runs it (`cli.main`,
real files): the period and as-of date given with `--period` / `--as-of` against the file's title and columns
(given.values), allowed values written in another spelling (choice_synonyms), ids kept as text by Excel's
apostrophe (text_apostrophe).

The database is conftest.catalog_db: four counties (云岫县 with townships 安坝镇 and 碧岗街道; 云峤县, 澄溪县, 枫岚区)
and the indicators R01 招商引资额, R02 安全生产事故起数, R03 企业诉求办结率 ….
"""

from __future__ import annotations

from pathlib import Path

import pytest

from incentive import cli
from incentive.store.database import Database

LONG = "考核期,县区,乡镇,指标,数值\n2025Q2,云岫县,,R01,12\n2025Q2,云峤县,,R01,10\n2025年第二季度,澄溪县,,R01,9\n"
WIDE_TITLE = "2025年第二季度赛马得分\n县区,招商引资额\n云岫县,35.2\n云峤县,30\n"
WIDE = "县区,招商引资额\n云岫县,35.2\n云峤县,30\n"
ROSTER_HEAD = "干部编号,姓名,县区,单位,职级,性别,出生年份"
ROSTER_ROWS = ["A0001,甲一,云岫县,安坝镇,一级科员,男,1988", "A0002,甲二,云峤县,丹埠镇,乡科级副职,女,1979"]
ROSTER_TITLE = "\n".join(["干部花名册（截至2025年6月30日）", ROSTER_HEAD, *ROSTER_ROWS]) + "\n"
ROSTER_COLUMN = f"{ROSTER_HEAD},统计日期\n{ROSTER_ROWS[0]},2025/6/30\n{ROSTER_ROWS[1]},\nA0003,甲三,澄溪县,澄溪县直,一级科员,男,1990,\n"
TRAINING = (
    "干部编号,培训项目,培训类别,培训领域,培训方式,组织形式,学时,培训日期\n"
    "A0001,专题班,专业能力,乡村振兴,线下,集体,16,2025/6/1\n"
    "'A0002,专题班,政治,乡村振兴,网络,集体,8,2025/6/2\n"
    "A0003,专题班,政治,乡村振兴,网络,自学,8,2025/6/3\n"
)


def run(db: Database, capsys, tmp_path: Path, name: str, text: str, *options: str, lang: str = "zh"):
    """Exit code and standard error of `incentive --db DB --lang LANG import FILE OPTIONS`, the file written."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    code = cli.main(["--db", str(db.path), "--lang", lang, "import", str(path), *options])
    return code, capsys.readouterr().err


def test_a_period_given_against_the_files_period_column_is_refused(catalog_db, capsys, tmp_path):
    """It was silently overruled by the column (2026-12-07): the rows went in under their own period."""
    code, said = run(catalog_db, capsys, tmp_path, "race.csv", LONG, "--period", "2025Q3")
    assert code == 1
    assert (
        "文件「race.csv」，第 2 行，「考核期」列，值「2025Q2」：与填写的考核期 2025-Q3 不一致（本列共 3 行如此）："
        "文件写明了考核期时请不要另外填写，或核对是否选错了文件。" in said
    )
    assert "已导入" not in said


def test_a_period_given_as_the_column_states_it_is_said(catalog_db, capsys, tmp_path):
    code, said = run(catalog_db, capsys, tmp_path, "race.csv", LONG, "--period", "2025Q2", lang="en")
    assert code == 0, said
    assert "  note: Period as entered: 2025-Q2, as every row of column “考核期” states.\n" in said


def test_a_blank_period_cell_is_refused_and_no_note_says_every_row_agrees(catalog_db, capsys, tmp_path):
    """A blank 考核期 cell with a period given is refused as empty, not filled with the given period
    (docs/decisions.md#periods-and-as-of-dates-given-with-a-file); the note that every row of the column agrees
    stood beside that refusal (a tester's review of 2026-12-07). Skipping invalid rows, the note says the other rows
    agree and which are left out."""
    text = "考核期,县区,指标,数值\n2025Q2,云岫县,R01,30\n,云峤县,R01,31\n"
    code, said = run(catalog_db, capsys, tmp_path, "race.csv", text, "--period", "2025Q2")
    assert code == 1
    assert "文件「race.csv」，第 3 行，「考核期」列，值「」：必填，不能为空。" in said
    assert "考核期为填写值" not in said and "各行一致" not in said
    code, said = run(catalog_db, capsys, tmp_path, "race.csv", text, "--period", "2025Q2", "--skip-invalid", lang="en")
    assert code == 0, said
    assert (
        "  note: Period as entered: 2025-Q2, as the other rows of column “考核期” state; 1 row from row 3 with the "
        "period blank or unreadable is not imported.\n" in said
    )
    assert "every row" not in said and "race scores, 1 row," in said


@pytest.mark.parametrize(
    ("text", "options", "note"),
    [
        (WIDE_TITLE, ["--period", "2025Q2"], "考核期为填写值：2025-Q2，与标题一致。"),
        (WIDE_TITLE, [], "考核期取自标题：2025-Q2。"),
        (WIDE, ["--period", "2025Q2"], "考核期为填写值：2025-Q2。"),
    ],
)
def test_the_period_applied_to_a_file_without_a_period_column_is_said_with_its_source(
    catalog_db, capsys, tmp_path, text, options, note
):
    code, said = run(catalog_db, capsys, tmp_path, "wide.csv", text, *options)
    assert code == 0, said
    assert f"  说明：{note}\n" in said


def test_a_period_given_against_the_title_stays_refused(catalog_db, capsys, tmp_path):
    code, said = run(catalog_db, capsys, tmp_path, "wide.csv", WIDE_TITLE, "--period", "2025Q3")
    assert code == 1
    # the title's row named, as a refused title period is (before: the file alone)
    assert (
        "文件「wide.csv」，第 1 行，值「2025年第二季度赛马得分」：标题中的考核期 2025-Q2 与填写的考核期 2025-Q3 不一致。"
        in said
    )


def test_an_as_of_date_given_against_the_rosters_title_is_refused(catalog_db, capsys, tmp_path):
    """The title's date won in silence (the note said 取自标题; the date typed was dropped)."""
    code, said = run(catalog_db, capsys, tmp_path, "roster.csv", ROSTER_TITLE, "--as-of", "2025-12-31")
    assert code == 1
    assert "文件「roster.csv」：标题中的统计日期 2025-06-30 与填写的统计日期 2025-12-31 不一致。" in said
    code, said = run(catalog_db, capsys, tmp_path, "roster.csv", ROSTER_TITLE, "--as-of", "2025-06-30")
    assert code == 0, said
    assert "  说明：统计日期：2025-06-30（填写值，与标题一致）。\n" in said


def test_an_as_of_date_given_against_the_rosters_column_is_refused(catalog_db, capsys, tmp_path):
    code, said = run(catalog_db, capsys, tmp_path, "roster.csv", ROSTER_COLUMN, "--as-of", "2025-12-31")
    assert code == 1
    assert (
        "文件「roster.csv」，第 2 行，「统计日期」列，值「2025/6/30」：与填写的统计日期 2025-12-31 不一致（本列共 1 行如此）"
        in said
    )


def test_blank_as_of_cells_given_the_date_typed_are_said(catalog_db, capsys, tmp_path):
    """A blank 统计日期 took the date typed in silence; without one it is refused as before."""
    code, said = run(catalog_db, capsys, tmp_path, "roster.csv", ROSTER_COLUMN, "--as-of", "2025-06-30")
    assert code == 0, said
    assert "  说明：「统计日期」列 2 个空白单元格按统计日期 2025-06-30（填写值）读入，如第 3 行。\n" in said
    code, said = run(catalog_db, capsys, tmp_path, "roster.csv", ROSTER_COLUMN)
    assert code == 1
    assert "文件「roster.csv」，第 3、4 行，「统计日期」列，值「」：必填，不能为空。" in said


def test_values_given_that_the_files_kind_does_not_read_are_said_unused(catalog_db, capsys, tmp_path):
    """--period with a training file was dropped in silence: an office may think it dated the records."""
    code, said = run(
        catalog_db, capsys, tmp_path, "training.csv", TRAINING, "--period", "2025Q2", "--as-of", "2025-6-30"
    )
    assert code == 0, said
    assert "  说明：填写的考核期 2025-Q2 未使用：只有赛马考评得分和关心关爱指标文件按填写的考核期读入。\n" in said
    assert "  说明：填写的统计日期 2025-06-30 未使用：只有干部花名册按统计日期读入。\n" in said


def test_other_spellings_and_apostrophes_are_said_on_the_command_line(catalog_db, capsys, tmp_path):
    """网络 was stored as 线上 and 政治 as 政治能力 without a word; `'A0002` was stored with its apostrophe and
    matched no cadre of the roster."""
    code, said = run(catalog_db, capsys, tmp_path, "roster.csv", ROSTER_TITLE)
    assert code == 0, said
    code, said = run(catalog_db, capsys, tmp_path, "training.csv", TRAINING)
    assert code == 0, said
    lines = [line.removeprefix("  说明：") for line in said.splitlines() if line.startswith("  说明：")]
    assert lines == [
        "「干部编号」列 1 个单元格以撇号 ' 开头（Excel 为保留前导零等原样文字的写法），已去掉撇号读取，"
        "如第 3 行「'A0002」→「A0002」。",
        "列「培训类别」的「政治」按「政治能力」读入（第 3 行起，共 2 个）。",
        "列「培训方式」的「网络」按「线上」读入（第 3 行起，共 2 个）。",
        "列「组织形式」的「自学」按「个人」读入（第 4 行起，共 1 个）。",
    ]
    ids = catalog_db.connection.execute("SELECT cadre_id FROM training ORDER BY cadre_id").fetchall()
    assert ids == [("A0001",), ("A0002",), ("A0003",)]
    assert "不在任何花名册中" in said  # A0003 only: A0002 is the roster's
    assert "有 1 条记录" in said
