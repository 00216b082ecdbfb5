"""`python -m incentive` as a user runs it: real files, exit codes and streams. Most commands run in this process
(conftest.incentive_command: `incentive.cli.main` with the streams a child has); what only a process shows runs in
a real child: the imports of a start, options from another folder, the bytes a pipe receives, the database the app
holds, the default language."""

from __future__ import annotations

import json
import os
import pty
import shutil
import subprocess
import sys

import pytest
from conftest import DATA, ROOT, incentive_command, xlsx_bytes
from test_roster_changes import corrected, roster_text, stored_snapshot

from incentive.i18n import t
from incentive.intake.preview import problems_text
from incentive.review import submissions
from incentive.store import effects
from incentive.store.database import Database

TRAINING_HEADER = "干部编号,培训项目,培训类别,培训领域,培训方式,组织形式,学时,培训日期"

# Bounds on a child that hangs, not expectations of speed: on two busy cores an export of the sample has taken
# over two minutes.
TIMEOUT_S = 600


def cli(db_path, *args, lang="en"):
    return incentive_command("--db", db_path, "--lang", lang, *args)


@pytest.mark.slow
def test_a_command_starts_without_the_libraries_of_other_commands():
    """The Word, workbook and solver libraries are imported by the commands that use them (incentive/cli.py): with
    them every command's start took a fifth longer."""
    started = subprocess.run(
        [sys.executable, "-c", "import sys, incentive.cli; print(' '.join(sorted(sys.modules)))"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
    )
    assert started.returncode == 0, started.stderr
    assert not {"docx", "xlsxwriter", "highspy", "scipy"} & set(started.stdout.split())


def test_init_creates_database(tmp_path):
    result = cli(tmp_path / "new.duckdb", "init")
    assert result.returncode == 0 and (tmp_path / "new.duckdb").exists()
    assert "initialised" in result.stderr


@pytest.mark.slow
def test_init_sample_on_a_fresh_database(tmp_path):
    result = cli(tmp_path / "fresh.duckdb", "init", "--sample")
    assert result.returncode == 0 and "sample data loaded: 15 batches" in result.stderr
    log = cli(tmp_path / "fresh.duckdb", "export", "audit").stdout
    assert log.count(",load_sample,") == 1 and log.count(",import,") == 15  # the load is on record, as in the app


def test_refusal_with_the_sample_loaded_hints_at_removing_it(sample_db_path):
    result = cli(sample_db_path, "import", DATA / "race_long.csv")
    assert result.returncode == 1
    assert (
        "File “race_long.csv”, row 2, column “县区”, value “云岫县”" not in result.stderr
    )  # 云岫县 is a sample county
    assert "value “云峤县”: is not a county of the region list." in result.stderr
    assert "Run incentive remove-sample before importing real data." in result.stderr
    removed = cli(sample_db_path, "remove-sample", "--yes")
    assert removed.returncode == 0 and "Sample data removed (15 batches)." in removed.stderr
    batches = json.loads(cli(sample_db_path, "batches", "--format", "json").stdout)
    assert {b["status"] for b in batches} == {"rolled_back"}


def test_a_unit_column_is_converted_and_said_and_a_conflict_refused(sample_db_path, tmp_path):
    """The tester's files on the sample, whose 重点项目投资完成额 is in 亿元: a 计量单位 column's 万元 converts the row
    (it was dropped, storing 335600 亿元); a header's （万元） under a title's 单位：亿元 is refused, naming both."""
    path = tmp_path / "u.csv"
    path.write_text("考核期,县区,乡镇,指标,计量单位,数值\n2022Q4,云岫县,,重点项目投资完成额,万元,335600\n")
    result = cli(sample_db_path, "import", path)
    assert result.returncode == 0, result.stderr
    assert "converted to hundred million yuan (×0.0001), e.g. row 2: “335600万元” → 33.56." in result.stderr
    exported = cli(sample_db_path, "export", "race_scores", "--period", "2022Q4").stdout.splitlines()
    assert "2022-Q4,云岫县,,R01,33.56" in exported
    path.write_text("单位：亿元\n考核期,县区,乡镇,重点项目投资完成额（万元）\n2022Q4,云岫县,,33.56\n")
    refused = cli(sample_db_path, "import", path, lang="zh")
    assert refused.returncode == 1
    assert (
        "表头「重点项目投资完成额(万元)」的括号中写的是「万元」，标题中的「单位:亿元」写的是「亿元」" in refused.stderr
    )


def test_remove_sample_needs_confirmation_as_a_rollback_does(sample_db_path):
    def active() -> int:
        batches = json.loads(cli(sample_db_path, "batches", "--format", "json").stdout)
        return sum(b["status"] == "active" for b in batches)

    # no terminal to ask in, no --yes: a piped "y" is not an answer, and nothing happens
    unconfirmed = incentive_command("--db", sample_db_path, "remove-sample", input="y\n")
    assert unconfirmed.returncode == 2
    assert unconfirmed.stderr == "移除示例数据（15 个批次）需要确认：请在终端中运行并回答 y，或加上 --yes。\n"
    assert active() == 15
    english = cli(sample_db_path, "remove-sample")
    assert english.returncode == 2 and "needs confirmation: run it in a terminal and answer y, or add --yes" in (
        english.stderr
    )
    assert active() == 15
    done = cli(sample_db_path, "remove-sample", "--yes")
    assert done.returncode == 0 and done.stderr == "Sample data removed (15 batches).\n"
    assert active() == 0
    nothing_left = cli(sample_db_path, "remove-sample")  # nothing to remove: nothing to confirm
    assert nothing_left.returncode == 0 and nothing_left.stderr == "Sample data removed (0 batches).\n"


@pytest.mark.slow
def test_remove_sample_asks_in_a_terminal(sample_db_path):
    """In a terminal the command asks, as `rollback` does: anything but y keeps the sample, y removes it."""

    def answered(answer: str) -> subprocess.CompletedProcess:
        controller, terminal = pty.openpty()
        try:
            os.write(controller, answer.encode() + b"\n")
            return subprocess.run(
                [sys.executable, "-m", "incentive", "--db", str(sample_db_path), "--lang", "en", "remove-sample"],
                cwd=ROOT,
                stdin=terminal,
                capture_output=True,
                text=True,
                timeout=TIMEOUT_S,
            )
        finally:
            os.close(terminal)
            os.close(controller)

    def active() -> int:
        batches = json.loads(cli(sample_db_path, "batches", "--format", "json").stdout)
        return sum(b["status"] == "active" for b in batches)

    kept = answered("n")
    assert kept.returncode == 1, kept.stderr
    assert kept.stdout.startswith("Remove the sample data? All 15 sample batches are rolled back")
    assert kept.stderr == "Cancelled; the sample data stay.\n"
    assert active() == 15
    removed = answered("y")
    assert removed.returncode == 0, removed.stderr
    assert removed.stderr == "Sample data removed (15 batches).\n"
    assert active() == 0


def test_init_sample_loads_once(sample_db_path):
    result = cli(sample_db_path, "init", "--sample")
    assert result.returncode == 0 and "sample data is already loaded; nothing done" in result.stderr
    batches = json.loads(cli(sample_db_path, "batches", "--format", "json").stdout)
    assert len(batches) == 15 and {b["source"] for b in batches} == {"sample"}


def test_import_prints_one_summary_line_per_file(catalog_db_path):
    result = cli(catalog_db_path, "import", DATA / "race_long.csv", DATA / "race_wide_title.csv")
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""  # summaries go to stderr; stdout stays machine-readable
    # what the importer changed and why comes first, a line each, then the file's summary line
    assert result.stderr.splitlines() == [
        "reading race_long.csv …",
        "  note: “澄溪” read as “澄溪县” (1 row).",
        "  note: Column “数值”: 1 number cell written with full-width characters (such as full-width digits) read as "
        "half-width, e.g. row 3: “５６” → “56”.",
        "  note: 1 cell written “-” was read as missing (no value), not as 0 (e.g. row 4, column “数值”, “-”); "
        "rankings treat a missing value by their rule. If 0 is meant, write 0 and import again.",
        "imported race_long.csv: race scores, 5 rows, batch #3 (5 new, 0 existing superseded, 0 unchanged)",
        "reading race_wide_title.csv …",
        "  note: Total/average row ignored: row 8.",
        "  note: Period taken from the title: 2025-Q2.",
        "  note: Columns that are not indicators, ignored: 序号, 总分, 排名.",
        "  note: 2 cells written “—”, “无” were read as missing (no value), not as 0 (e.g. row 7, column “招商引资额”, "
        "“—”); rankings treat a missing value by their rule. If 0 is meant, write 0 and import again.",
        "imported race_wide_title.csv: race scores, 3 rows (9 values), batch #4 (6 new, 3 existing "
        "superseded, 0 unchanged); note: 1 existing value emptied (written “无” in the file)",
        "  values changed (Period · County · Indicator: before → after):",  # as the Data page lists them
        "    2025-Q2 · 云岫县 · R01: 1234 → 120.5",
        "    2025-Q2 · 云峤县 · R02: blank → 0",
        "    2025-Q2 · 澄溪县 · R03: 85 → blank",
    ]


def test_importing_a_catalog_correction_names_the_stored_periods_it_rescores(sample_db_path, tmp_path):
    """A catalog is an upsert: a corrected weight or target without 生效起始期 re-scores every stored period, which
    the import says, change by change, with the way to date it instead (docs/decisions.md#catalog-versions)."""
    sample = (ROOT / "data" / "sample" / "02_指标目录.csv").read_text(encoding="utf-8-sig")
    corrected = tmp_path / "02_指标目录_更正.csv"
    corrected.write_text(
        sample.replace(
            "R01,重点项目投资完成额,赛马,项目建设,亿元,正向,12,", "R01,重点项目投资完成额,赛马,项目建设,亿元,正向,30,"
        ).replace("W01,带薪休假落实率,关爱,,%,正向,1,90", "W01,带薪休假落实率,关爱,,%,正向,1,80"),
        encoding="utf-8-sig",
    )
    result = cli(sample_db_path, "import", corrected, lang="zh")
    assert result.returncode == 0, result.stderr
    quarters = "、".join(f"{y}-Q{q}" for y in (2023, 2024, 2025) for q in (1, 2, 3, 4)) + "、2026-Q1、2026-Q2、2026-Q3"
    half_years = "、".join(f"{y}-H{h}" for y in (2023, 2024, 2025) for h in (1, 2)) + "、2026-H1"
    assert result.stderr.splitlines()[1:] == [  # said before it is stored, as the Data page's preview says it
        "  说明：第 2 行更改已有指标「重点项目投资完成额（R01）」：权重 12 → 30。",  # catalog_changes
        "  说明：第 14 行更改已有指标「带薪休假落实率（W01）」：目标值 90 → 80。",
        "  导入后，下列已有考核期将按改动后的指标目录重新计算排名和达标状态（已正式发布的期次保留发布结果，页面会提示数据有变动）：",
        f"    R01 重点项目投资完成额：权重 12 → 30；重算赛马考核期 {quarters}（共 15 期）",
        f"    W01 带薪休假落实率：目标值 90 → 80；重算关爱考核期 {half_years}（共 7 期）",
        "已导入 02_指标目录_更正.csv：指标目录 19 行，批次 #16（新增 0 条，覆盖已有 2 条，与已有相同 17 条）",
        "  如改动只应从某一期起适用：回退批次 #16（incentive rollback 16），在文件中加「生效起始期」列、"
        "填写起始考核期（如 2026-Q3）后重新导入。",
    ]

    dated = tmp_path / "指标目录_2026Q3.csv"
    dated.write_text(
        "指标代码,指标名称,类别,赛道,单位,方向,权重,生效起始期\nR01,重点项目投资完成额,赛马,项目建设,亿元,正向,40,2026Q3\n"
    )
    result = cli(sample_db_path, "import", dated)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines()[1:] == [  # dated already: no hint
        "  After this import, the stored periods below are scored again with the changed catalog, ranks and care "
        "statuses alike (a published period keeps its published figures, and its pages say that the data changed):",
        "    R01 重点项目投资完成额: weight 30 → 40; re-scores the race period 2026-Q3 (1 in all)",
        "imported 指标目录_2026Q3.csv: indicator catalog, 1 row, batch #17 (1 new, 0 existing superseded, 0 unchanged)",
    ]


def test_what_an_import_would_do_to_stored_data_is_warned_of_before_it_is_stored(sample_db_path, tmp_path):
    """A month a county would count as sent on one record, and records of a cadre on no roster: the CLI said so only
    after the import line, when the file was stored (a tester's finding); now before, as the Data page's preview
    does, and the rollback that undoes it after, with its batch (docs/decisions.md#cli-warnings-before-the-import)."""
    database = Database(sample_db_path)
    try:
        tangli = [
            row[0]
            for row in database.connection.execute(
                "SELECT cadre_id FROM current_roster WHERE county = '棠梨县' GROUP BY cadre_id ORDER BY cadre_id LIMIT 40"
            ).fetchall()
        ]
    finally:
        database.close()
    rows = [(cadre, "2026-06-10") for cadre in tangli] + [(tangli[0], "2026-07-06"), ("ZZ999999", "2026-06-11")]
    lines = [TRAINING_HEADER] + [
        f"{cadre},专题班{i},政治能力,党的理论,线下,集体,4,{day}" for i, (cadre, day) in enumerate(rows)
    ]
    path = tmp_path / "棠梨县_培训.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = cli(sample_db_path, "import", path)
    assert result.returncode == 0, result.stderr
    said = result.stderr.splitlines()
    imported = next(i for i, line in enumerate(said) if line.startswith("imported 棠梨县_培训.csv"))
    unknown = next(i for i, line in enumerate(said) if "a cadre id on no roster" in line)
    lone = next(i for i, line in enumerate(said) if "棠梨县 2026-07: 1 record" in line)
    assert unknown < imported and lone < imported
    assert said[lone].endswith("are computed as such.")  # what to do comes after, with the batch
    assert said[imported + 1 :] == [
        "  If a date is mistyped or records are missing, roll back batch #16 first (incentive rollback 16), then "
        "correct or complete the file and import again."
    ]


def _sample_catalog(tmp_path, name: str, *replaced: tuple[str, str], extra: str = ""):
    """The sample's catalog with lines replaced (and lines added), written as `name`."""
    text = (ROOT / "data" / "sample" / "02_指标目录.csv").read_text(encoding="utf-8-sig")
    for old, new in replaced:
        assert old in text
        text = text.replace(old, new)
    path = tmp_path / name
    path.write_text(text + extra, encoding="utf-8-sig")
    return path


def _active_batches(path) -> int:
    database = Database(path)
    try:
        return database.connection.execute("SELECT count(*) FROM batches WHERE status = 'active'").fetchone()[0]
    finally:
        database.close()


def test_a_catalog_row_that_would_relabel_stored_values_in_another_unit_is_refused(sample_db_path, tmp_path):
    """R01's unit 亿元 → 万元 without 生效起始期 made every stored 35.63 (亿元) read as 35.63 万元, the import saying only
    "1 changed" (a tester's finding of 2026-12-07): refused, naming row, column, old and new unit, the periods and
    the two ways to do it right (docs/decisions.md#catalog-changes-that-relabel-stored-values)."""
    unit = ("R01,重点项目投资完成额,赛马,项目建设,亿元,", "R01,重点项目投资完成额,赛马,项目建设,万元,")
    result = cli(sample_db_path, "import", _sample_catalog(tmp_path, "目录_R01万元.csv", unit))
    assert result.returncode == 1
    assert result.stderr.splitlines()[1:4] == [
        "refused 目录_R01万元.csv:",
        "  File “目录_R01万元.csv”, row 2, column “单位”, value “万元”: changes the unit of indicator 重点项目投资完成额 "
        "(R01) from “亿元” to “万元” for 15 stored periods holding values (2023-Q1 to 2026-Q3): those values are "
        "stored as “亿元” and are not converted, so they would read as “万元”. If the unit changes from some period "
        "on, add a row with a 生效起始期 (effective-from) after the stored periods (e.g. 2026-Q4); if it is another "
        "indicator, give it a new indicator code.",
        "  note: Row 2 changes the stored indicator 重点项目投资完成额 (R01): unit 亿元 → 万元.",
    ]
    assert _active_batches(sample_db_path) == 15

    # a version dated within the stored periods relabels those from it on: refused too, naming them
    dated = "R01,重点项目投资完成额,赛马,项目建设,万元,正向,12,,2026-Q3\n"
    header = (
        "指标代码,指标名称,类别,赛道,单位,方向,权重,目标值",
        "指标代码,指标名称,类别,赛道,单位,方向,权重,目标值,生效起始期",
    )
    result = cli(sample_db_path, "import", _sample_catalog(tmp_path, "目录_2026Q3.csv", header, extra=dated))
    assert result.returncode == 1
    assert "row 21, column “单位”, value “万元”" in result.stderr
    assert "for 1 stored period holding values (2026-Q3 to 2026-Q3)" in result.stderr

    # dated after every stored period: the right way, imported (the stored 亿元 keep reading as 亿元)
    later = dated.replace("2026-Q3", "2026-Q4")
    result = cli(sample_db_path, "import", _sample_catalog(tmp_path, "目录_2026Q4.csv", header, extra=later))
    assert result.returncode == 0, result.stderr
    assert "changes the unit" not in result.stderr and _active_batches(sample_db_path) == 16


def test_a_catalog_row_that_moves_an_indicator_with_stored_values_to_the_other_domain_is_refused(
    sample_db_path, tmp_path
):
    """A race indicator made a care one would leave its stored race values unscored and its care periods short of
    values: refused as a unit change is."""
    domain = ("R02,新开工项目数,赛马,项目建设,个,正向,8,", "R02,新开工项目数,关爱,,个,正向,8,")
    result = cli(sample_db_path, "import", _sample_catalog(tmp_path, "目录_R02关爱.csv", domain), lang="zh")
    assert result.returncode == 1
    assert (
        "  文件「目录_R02关爱.csv」，第 3 行，「类别」列：指标「新开工项目数（R02）」的类别由「赛马」改为「关爱」，"
        "将适用于已有数据的 15 个考核期（2023-Q1 至 2026-Q3）" in result.stderr
    )


def test_every_field_a_catalog_row_changes_in_a_stored_version_is_listed_old_to_new(sample_db_path, tmp_path):
    """A target 20 → 18 and a new name went in as "1 changed" alone (a race target is not scored, so no re-scoring
    line named it): each changed field is a note, with the row and the indicator."""
    changed = ("R03,项目审批平均用时,赛马,项目建设,天,逆向,6,20", "R03,项目审批用时,赛马,项目建设,天,逆向,6,18")
    result = cli(sample_db_path, "import", _sample_catalog(tmp_path, "目录_R03.csv", changed), lang="zh")
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines()[1:3] == [
        "  说明：第 4 行更改已有指标「项目审批平均用时（R03）」：指标名称 项目审批平均用时 → 项目审批用时；目标值 20 → 18。",
        "已导入 目录_R03.csv：指标目录 19 行，批次 #16（新增 0 条，覆盖已有 1 条，与已有相同 18 条）",
    ]


def test_a_correction_lists_each_value_it_changes_old_to_new_as_the_data_page_does(sample_db_path, tmp_path):
    """The CLI said only "覆盖已有 2 条" where the Data page lists each value, 原值 → 新值 (a tester's finding of
    2026-12-07): the same list (effects.value_changes, worded by labels), with an emptied value as blank."""
    correction = tmp_path / "关爱更正.csv"
    correction.write_text(
        "考核期,县区,指标名称,完成值\n2026年上半年,澄溪县,带薪休假落实率,88%\n2026年上半年,澄溪县,年度体检完成率,—\n",
        encoding="utf-8",
    )
    database = Database(sample_db_path)
    try:
        before = dict(
            database.connection.execute(
                "SELECT indicator, value FROM current_values WHERE period = '2026-H1' AND county = '澄溪县' "
                "AND indicator IN ('W01', 'W02')"
            ).fetchall()
        )
    finally:
        database.close()
    result = cli(sample_db_path, "import", correction, lang="zh")
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines()[-3:] == [
        "  将更新的数值（考核期 · 县区 · 指标：原值 → 新值）：",
        f"    2026-H1 · 澄溪县 · W01：{before['W01']:g} → 88",
        f"    2026-H1 · 澄溪县 · W02：{before['W02']:g} → 空",
    ]


@pytest.mark.parametrize("bulk_min_mb", ["0", "8"])  # the bulk path and the per-cell path
def test_a_roster_correction_lists_what_it_changes_cadre_by_cadre_before_it_is_stored(
    sample_db_path, tmp_path, bulk_min_mb
):
    """The CLI said only "替换同一统计日期的快照中 7000 名干部" of a corrected roster: before it stores the file it
    lists, as the Data page does, each changed field old → new, the cadres added and those no longer listed
    (store/roster_changes.py; the correction of test_roster_changes); an identical re-send says that nothing
    changes."""
    database = Database(sample_db_path)
    try:
        stored = stored_snapshot(database)
    finally:
        database.close()
    env = {"INCENTIVE_BULK_MIN_MB": bulk_min_mb}
    same = tmp_path / "花名册重报.csv"
    same.write_text(roster_text(stored), encoding="utf-8")
    result = incentive_command("--db", sample_db_path, "--lang", "zh", "import", same, env=env)
    assert result.returncode == 0, result.stderr
    printed = [line for line in result.stderr.splitlines() if not line.startswith("正在")]
    assert printed == [
        "  与现有花名册逐人比对（按干部编号）：无变动，没有字段变动、新增或不再在册的干部。",
        "已导入 花名册重报.csv：干部花名册 7,000 行，批次 #16（替换同一统计日期的快照中 7000 名干部）",
    ]
    fix = tmp_path / "花名册更正.csv"
    fix.write_text(roster_text(corrected(stored)), encoding="utf-8")
    result = incentive_command("--db", sample_db_path, "--lang", "zh", "import", fix, env=env)
    assert result.returncode == 0, result.stderr
    assert ("正在检查 7,000 行 …" in result.stderr) == (bulk_min_mb == "0")  # the bulk path says it checks
    printed = [line for line in result.stderr.splitlines() if not line.startswith("正在")]
    assert printed == [
        "  与现有花名册逐人比对（按干部编号）：字段变动 2 人（单位 1 人、职级 1 人），新增 1 人，不再在册 1 人。",
        "    字段变动（干部编号 · 姓名 · 项目：原值 → 新值）：",
        "      LZ000001 · 董强凯 · 职级：四级主任科员 → 四级调研员",
        "      LZ000002 · 沈敏洋 · 单位：万岭乡 → 县委办",
        "    新增（干部编号 · 姓名 · 县区 · 单位 · 职级）：",
        "      LZ999999 · 王五 · 云岫县 · 县委办 · 一级科员",
        "    不再在册（干部编号 · 姓名 · 县区 · 单位 · 职级）：",
        "      LZ000003 · 王浩 · 云岫县 · 乐岗街道 · 一级科员",
        "已导入 花名册更正.csv：干部花名册 7,000 行，批次 #17（替换同一统计日期的快照中 7000 名干部）",
    ]


def race_correction(db_path) -> tuple[str, int]:
    """A race file correcting every stored value of 2026-Q3 by one, within its bounds, and how many it changes:
    more than the lists of changed values show (effects.CHANGES_LISTED)."""
    database = Database(db_path)
    try:
        stored = database.connection.execute(
            "SELECT county, township, indicator, value FROM current_values "
            "WHERE period = '2026-Q3' AND value IS NOT NULL ORDER BY county, township, indicator"
        ).fetchall()
    finally:
        database.close()
    lines = ["考核期,县区,乡镇,指标代码,数值"] + [
        f"2026-Q3,{c},{tw},{code},{v + 1 if v <= 50 else v - 1:.15g}" for c, tw, code, v in stored
    ]
    return "\n".join(lines) + "\n", len(stored)


def test_a_long_list_of_changed_values_stops_where_the_data_page_does_and_says_how_many_more(sample_db_path, tmp_path):
    text, changed = race_correction(sample_db_path)
    correction = tmp_path / "赛马更正.csv"
    correction.write_text(text, encoding="utf-8")
    result = cli(sample_db_path, "import", correction)
    assert result.returncode == 0, result.stderr
    printed = result.stderr.splitlines()
    heading = printed.index("  values changed (Period · County · Township · Indicator: before → after):")
    listed = [line for line in printed[heading + 1 :] if line.startswith("    2026-Q3 · ")]
    assert len(listed) == effects.CHANGES_LISTED
    assert printed[heading + 1 + len(listed)] == (
        f"    … the first {effects.CHANGES_LISTED} listed; {changed - effects.CHANGES_LISTED} more not listed"
    )


CATALOG_HEADER = "指标代码,指标名称,类别,赛道,单位,方向,权重,目标值,生效起始期\n"
VALUES_HEADER = "考核期,县区,乡镇,指标,数值\n"


def _statuses(path) -> dict[int, str]:
    return {b["id"]: b["status"] for b in json.loads(cli(path, "batches", "--format", "json").stdout)}


def test_rolling_back_a_catalog_batch_that_would_relabel_stored_values_is_refused(sample_db_path, tmp_path):
    """The catalog gives R01 万元 from 2026-Q4 (batch 16) and 2026-Q4's value is imported in 万元 (batch 17): rolling
    back batch 16 made it read under the older version's 亿元, 10,000× off, without a word. Refused, naming the
    batch, the indicator, old → new unit, the periods and the batch to roll back first; once that batch is rolled
    back, the catalog batch is too (docs/decisions.md#rolling-back-a-catalog-batch)."""
    catalog = tmp_path / "目录_2026Q4.csv"
    catalog.write_text(CATALOG_HEADER + "R01,重点项目投资完成额,赛马,项目建设,万元,正向,12,,2026-Q4\n")
    values = tmp_path / "2026Q4.csv"
    values.write_text(VALUES_HEADER + "2026Q4,云岫县,,R01,356300\n")
    assert cli(sample_db_path, "import", catalog).returncode == 0
    assert cli(sample_db_path, "import", values).returncode == 0

    refused = cli(sample_db_path, "rollback", "16", "--yes")
    assert refused.returncode == 1
    assert refused.stderr.splitlines() == [
        "Batch #16 cannot be rolled back: stored values would then read under another catalog version, and they are "
        "stored as the version in force now has them and are not converted: the unit of indicator 重点项目投资完成额 "
        "(R01) would change from “万元” to “亿元” (1 period: 2026-Q4). Roll back the batches holding those values "
        "first (#17), then batch #16; or, instead of rolling it back, import a corrected catalog (keeping the unit "
        "and domain in force for those periods)."
    ]
    unconfirmed = cli(sample_db_path, "rollback", "16", lang="zh")  # refused before it asks
    assert unconfirmed.returncode == 1 and unconfirmed.stderr.startswith(
        "不能撤销批次 #16：撤销后，已有数值将按另一个指标目录版本读取，而这些数值是按现行版本存储的，不会换算："
        "指标「重点项目投资完成额（R01）」的单位将由「万元」变为「亿元」（1 个考核期：2026-Q4）。"
        "请先撤销存有这些数值的批次（#17），再撤销批次 #16"
    )
    assert _statuses(sample_db_path)[16] == "active"
    exported = cli(sample_db_path, "export", "race_scores", "--period", "2026Q4").stdout.splitlines()
    assert "2026-Q4,云岫县,,R01,356300.0" in exported
    audit = cli(sample_db_path, "export", "audit").stdout
    assert audit.count(",rollback,batch 16,,,,refused,rollback_relabels_values") == 2  # each refusal on record

    assert cli(sample_db_path, "rollback", "17", "--yes").returncode == 0  # the values first: then it goes
    assert cli(sample_db_path, "rollback", "16", "--yes").returncode == 0
    assert _statuses(sample_db_path)[16] == "rolled_back"


def test_rolling_back_the_catalog_batch_that_first_listed_an_indicator_with_stored_values_is_refused(
    sample_db_path, tmp_path
):
    """Rolled back, the batch that first listed R99 left R99's stored values with no catalog version: scored nowhere,
    which only `check` said afterwards. Refused as a relabelling is, and so is removing the sample under values
    whose indicator only the sample's catalog lists."""
    catalog = tmp_path / "目录_R99.csv"
    catalog.write_text(CATALOG_HEADER + "R99,新指标,赛马,项目建设,个,正向,5,,\n")
    values = tmp_path / "R99.csv"
    values.write_text(VALUES_HEADER + "2026Q3,云岫县,,R99,5\n2026Q3,岚桥区,,R99,7\n2026Q2,岚桥区,,R02,9\n")
    assert cli(sample_db_path, "import", catalog).returncode == 0
    assert cli(sample_db_path, "import", values).returncode == 0

    refused = cli(sample_db_path, "rollback", "16", "--yes")
    assert refused.returncode == 1
    assert (
        "indicator 新指标 (R99) would have no catalog version in force (its unit now “个”), so its values would be "
        "scored nowhere (1 period: 2026-Q3). Roll back the batches holding those values first (#17), then batch #16"
        in refused.stderr
    )
    sample = cli(sample_db_path, "remove-sample", "--yes")  # the sample's catalog lists R02, which #17 holds
    assert sample.returncode == 1
    assert "indicator 新开工项目数 (R02) would have no catalog version in force (its unit now “个”)" in sample.stderr
    assert "(1 period: 2026-Q2)" in sample.stderr and "first (#17)" in sample.stderr
    assert set(_statuses(sample_db_path).values()) == {"active"}
    assert ",remove_sample,sample,,,,refused,rollback_relabels_values" in cli(sample_db_path, "export", "audit").stdout


def test_a_catalog_rollback_that_only_rescores_says_which_periods_before_it_is_done(sample_db_path, tmp_path):
    """A rollback of a catalog batch giving R01 weight 40 from 2026-Q3 is allowed: the weight in force goes back to
    12 and the CLI says which stored periods that re-scores before asking, and with --yes before doing it."""
    catalog = tmp_path / "目录_权重.csv"
    catalog.write_text(CATALOG_HEADER + "R01,重点项目投资完成额,赛马,项目建设,亿元,正向,40,,2026-Q3\n")
    assert cli(sample_db_path, "import", catalog).returncode == 0
    rescores = [
        "After this rollback, the stored periods below are scored again with the catalog it leaves, ranks and care "
        "statuses alike (a published period keeps its published figures, and its pages say that the data changed):",
        "  R01 重点项目投资完成额: weight 40 → 12; re-scores the race period 2026-Q3 (1 in all)",
    ]
    unconfirmed = cli(sample_db_path, "rollback", "16")
    assert unconfirmed.returncode == 2 and unconfirmed.stderr.splitlines()[:2] == rescores
    done = cli(sample_db_path, "rollback", "16", "--yes")
    assert done.returncode == 0 and done.stderr.splitlines() == [*rescores, "batch #16 rolled back"]
    values = tmp_path / "v.csv"  # a batch of values re-scores nothing by the catalog: nothing is said
    values.write_text(VALUES_HEADER + "2026Q3,云岫县,,R01,36\n")
    assert cli(sample_db_path, "import", values).returncode == 0
    assert cli(sample_db_path, "rollback", "17", "--yes").stderr.splitlines() == ["batch #17 rolled back"]


def test_a_wide_file_is_summed_up_in_rows_of_the_file_and_values(catalog_db_path):
    """A wide row holds a value per indicator: the summary counts the file's rows and their values, as the Data
    page's preview does, never the values as rows."""
    result = cli(catalog_db_path, "import", DATA / "race_wide_title.csv", lang="zh")
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines()[-1] == (
        "已导入 race_wide_title.csv：赛马考评得分 3 行（共 9 个数值），批次 #3（新增 9 条，覆盖已有 0 条，与已有相同 0 条）"
    )


def test_refused_file_exits_1_with_reasons_and_writes_nothing(catalog_db_path, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("考核期,县区,指标,数值\n2025Q2,无此县,R01,1\n", encoding="gbk")
    result = cli(catalog_db_path, "import", bad, DATA / "race_long.csv")
    assert result.returncode == 1
    assert "refused bad.csv:" in result.stderr
    assert "File “bad.csv”, row 2, column “县区”, value “无此县”: is not a county of the region list." in result.stderr
    assert "imported race_long.csv: race scores, 5 rows, batch #3 (5 new, 0 existing superseded" in result.stderr
    batches = json.loads(cli(catalog_db_path, "batches", "--format", "json").stdout)
    assert [b["file"] for b in batches] == ["regions.csv", "indicators.csv", "race_long.csv"]
    refusals = [line for line in cli(catalog_db_path, "export", "audit").stdout.splitlines() if ",refused," in line]
    assert len(refusals) == 1 and ",import,,bad.csv," in refusals[0]  # recorded once, by the importer


def test_one_cause_on_every_row_is_one_line_and_other_problems_keep_theirs(catalog_db_path, tmp_path):
    """A training file titled 单位：天 without a day's hours: the same refusal on all 300 rows is one line naming the
    first rows and how many (it was 300 lines, 17,000 for a tester's file); a problem that differs keeps its own
    line."""
    rows = [f"A{i:04d},专题班,政治能力,党的理论,线上,集体,4,2025/6/1" for i in range(300)]
    rows[7] = "A0007,专题班,政治能力,党的理论,线上,集体,五,2025/6/1"  # another value: another problem
    data = tmp_path / "days.csv"
    data.write_text("2025年培训记录 单位：天\n" + TRAINING_HEADER + "\n" + "\n".join(rows) + "\n", encoding="gbk")
    result = cli(catalog_db_path, "import", data, lang="zh")
    assert result.returncode == 1
    lines = [line.strip() for line in result.stderr.splitlines() if line.startswith("  文件")]
    assert lines[0] == (
        "文件「days.csv」，第 3、4、5…行等共 299 行，「学时」列，值「4」：以「天」填写的培训时长需换算为「学时」，"
        "但未设置每天折算学时（设置 hours_per_day）；请按学时填写。"
    )
    assert len(lines) == 2 and lines[1].startswith("文件「days.csv」，第 10 行，「学时」列，值「五」：")
    english = cli(catalog_db_path, "import", data, lang="en").stderr
    assert "File “days.csv”, rows 3, 4, 5 … (299 rows in all), column “学时”, value “4”: is in days" in english
    assert english.count("is in days") == 1


def test_skip_invalid_writes_rejects(catalog_db_path, tmp_path):
    mixed = tmp_path / "mixed.csv"
    mixed.write_text("考核期,县区,指标,数值\n2025Q2,云岫县,R01,1\n2025Q2,无此县,R01,2\n", encoding="utf-8")
    rejects = tmp_path / "rejects.csv"
    result = cli(catalog_db_path, "import", mixed, "--skip-invalid", "--rejects", rejects)
    assert result.returncode == 0, result.stderr
    assert "1 row," in result.stderr
    lines = rejects.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "File,Row,Column,Value,Problem"
    assert lines[1].startswith("mixed.csv,3,县区,无此县,")


def test_a_large_file_says_each_step_of_its_import(catalog_db_path, tmp_path):
    """A file the bulk path reads (a province's ten million records take a quarter of a minute and more) says when
    its records are read and counted, then when they are written; a small file says only that it is read."""
    rows = [f"A{i:04d},专题班,专业能力,乡村振兴,线下,集体,2,2025-06-{i % 28 + 1:02d}" for i in range(1, 1201)]
    training = tmp_path / "training.csv"
    training.write_text(
        "干部编号,培训项目,培训类别,培训领域,培训方式,组织形式,学时,培训日期\n" + "\n".join(rows) + "\n"
    )
    result = incentive_command(
        "--db", catalog_db_path, "--lang", "en", "import", training, env={"INCENTIVE_BULK_MIN_MB": "0"}
    )
    assert result.returncode == 0, result.stderr
    said = result.stderr.splitlines()
    assert said[:2] == ["reading training.csv …", "checking 1,200 records …"]
    assert said.index("storing 1,200 rows …") == len(said) - 2  # after the unknown cadres, before the summary
    assert said[-1].startswith("imported training.csv: training records, 1,200 rows, batch #3")
    # no roster is loaded: every id is on none, and the first are named with their rows under the file's header,
    # before the rows are stored (docs/decisions.md#cli-warnings-before-the-import)
    assert said[2].startswith(
        "  1,200 records have a cadre id on no roster (they import, but belong to no county). "
        "Column “干部编号” holds 1,200 such ids: A0001 (row 2); A0002 (row 3); "
    )
    assert said[2].endswith("; A0020 (row 21); and 1,180 more.")
    zh = incentive_command("--db", catalog_db_path, "import", training, env={"INCENTIVE_BULK_MIN_MB": "0"}).stderr
    assert "正在检查 1,200 行 …" in zh and "正在写入数据库：1,200 行 …" in zh


def test_import_says_which_dates_were_serials_and_why_minutes_are_refused(catalog_db_path, tmp_path):
    """A date read from an Excel serial number is a value changed: the CLI says so, as the preview does; hours in
    minutes are refused by name (docs/decisions.md#excel-serial-dates, #training-time-in-minutes)."""
    training = tmp_path / "training.csv"
    training.write_text(
        "干部编号,培训项目,培训类别,培训领域,培训方式,组织形式,学时,培训日期\n"
        "A1,班A,政治能力,党的理论,线上,集体,8,20250630\n"
        "A2,班A,政治能力,党的理论,线上,集体,8,46206\n"
        "A3,班A,政治能力,党的理论,线上,集体,480分钟,2025/6/30\n",
        encoding="utf-8",
    )
    result = cli(catalog_db_path, "import", training, "--skip-invalid", lang="zh")
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines()[1:4] == [
        "  说明：「培训日期」列 1 个单元格为 Excel 日期序号，已按日期读取，如第 3 行「46206」→ 2026-07-03。",
        "  说明：跳过无效行：拒绝 1 行。",
        "  文件「training.csv」，第 4 行，「学时」列，值「480分钟」：学时不能按分钟（「分钟」）填写，系统不换算（各地每学时"
        "折合 45、50 或 60 分钟不等）；请由培训主管部门按本地规定折算为学时后填写。",
    ]


def test_skipping_rejects_both_rows_of_a_key_that_differ_as_the_data_page_does(catalog_db_path, tmp_path):
    """Rows 5 and 6 give 云岫县's R01 of 2025-Q2 as 33 and 34: the Data page's preview (submissions.check, what
    it calls) and the command line both reject both rows and import the other 3, and say the same counts."""
    scores = tmp_path / "scores.csv"
    scores.write_text(
        "考核期,县区,指标,数值\n2025Q2,云峤县,R01,2\n2025Q2,澄溪县,R01,3\n2025Q2,枫岚区,R01,4\n"
        "2025Q2,云岫县,R01,33\n2025Q2,云岫县,R01,34\n",
        encoding="utf-8",
    )
    database = Database(catalog_db_path)
    try:
        options = submissions.Options(skip_invalid=True)
        preview, effects = submissions.check(database, scores.name, scores.read_bytes(), options, None)
    finally:
        database.close()
    found = problems_text(preview, "en")
    page = t("data_problems_skip", "en", problems=found, ok=preview.data_rows, bad=len(preview.rejected_rows))
    assert page == "Found 2 problems; skipping invalid rows: 3 rows import, 2 are rejected."
    assert effects.new == 3
    result = cli(catalog_db_path, "import", scores, "--skip-invalid")
    assert result.returncode == 0, result.stderr
    assert "Invalid rows skipped: 2 rejected." in result.stderr
    assert "imported scores.csv: race scores, 3 rows" in result.stderr
    for row, other, value in ((5, 6, "34"), (6, 5, "33")):
        assert f"row {row}: duplicates row {other} (2025-Q2 / 云岫县 / R01), but “数值” differs: “{value}” in row" in (
            result.stderr
        )
    exported = cli(catalog_db_path, "export", "race_scores", "--period", "2025Q2").stdout.splitlines()
    assert len(exported) == 4 and not any("云岫县" in line for line in exported)


def test_batches_json_and_rollback(catalog_db_path):
    cli(catalog_db_path, "import", DATA / "race_long.csv")
    batches = json.loads(cli(catalog_db_path, "batches", "--format", "json").stdout)
    assert [(b["id"], b["kind"], b["rows"], b["status"]) for b in batches] == [
        (1, "regions", 5, "active"),
        (2, "indicators", 5, "active"),
        (3, "race_scores", 5, "active"),
    ]
    assert set(batches[0]) >= {"id", "kind", "file", "rows", "status", "created_at"}
    unconfirmed = cli(catalog_db_path, "rollback", "3")  # no terminal to ask in, no --yes: nothing happens
    assert unconfirmed.returncode == 2 and "--yes" in unconfirmed.stderr
    assert json.loads(cli(catalog_db_path, "batches", "--format", "json").stdout)[2]["status"] == "active"
    assert cli(catalog_db_path, "rollback", "3", "--yes").returncode == 0
    assert json.loads(cli(catalog_db_path, "batches", "--format", "json").stdout)[2]["status"] == "rolled_back"
    again = cli(catalog_db_path, "rollback", "3", "--yes")
    assert again.returncode == 1 and "No active batch with id 3." in again.stderr


@pytest.mark.slow
def test_global_options_after_the_command_and_from_another_folder(catalog_db_path, tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "incentive",
            "import",
            str(DATA / "race_long.csv"),
            "--db",
            str(catalog_db_path),
            "--lang",
            "en",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
    )
    assert result.returncode == 0, result.stderr
    assert "imported race_long.csv: race scores, 5 rows, batch #3" in result.stderr


@pytest.mark.slow
def test_export_xlsx_reports_progress_and_keeps_numbers_numbers(sample_db_path, tmp_path):
    """On the sample's 2026 training records alone (its earlier years' batches rolled back): 32,230 rows, more than
    one step of the progress (export.PROGRESS_ROWS) and a fifth of the whole sample's 164,395 to write."""
    import openpyxl

    from incentive.store import batches
    from incentive.store.database import Database

    db = Database(sample_db_path)
    for year in (2023, 2024, 2025):
        (batch,) = db.fetch_all("SELECT id FROM batches WHERE file_name = $f", {"f": f"07_培训记录_{year}.csv"})[0]
        batches.rollback(db, batch, "test")
    db.close()
    out = tmp_path / "training.xlsx"
    result = cli(sample_db_path, "export", "training", "--format", "xlsx", "--out", out)
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("writing Excel")]
    assert lines[0] == "writing Excel: 20000/32230 rows" and lines[-1] == "writing Excel: 32230/32230 rows"
    sheet = openpyxl.load_workbook(out, read_only=True).active
    header, first = list(sheet.iter_rows(min_row=1, max_row=2, values_only=True))
    assert isinstance(first[header.index("hours")], (int, float))  # a number, not the text "8.0"


def test_batches_table(catalog_db_path):
    result = cli(catalog_db_path, "batches")
    assert result.returncode == 0 and "regions.csv" in result.stdout and "indicators" in result.stdout


def test_export_csv_to_stdout_with_period_and_escaping(catalog_db_path):
    cli(catalog_db_path, "import", DATA / "race_long.csv", DATA / "movements.csv")
    result = cli(catalog_db_path, "export", "race_scores", "--period", "2025年第二季度")
    assert result.returncode == 0
    assert result.stdout.splitlines() == [
        "period,county,township,indicator,value",
        "2025-Q2,云岫县,,R01,1234.0",
        "2025-Q2,云岫县,安坝镇,R01,56.0",
        "2025-Q2,云峤县,,R02,",
        "2025-Q2,澄溪县,,R03,85.0",
        "2025-Q2,枫岚区,,R01,-3.2",
    ]
    movements = cli(catalog_db_path, "export", "movements").stdout
    assert "'=HYPERLINK" in movements  # a formula-like text cell is escaped; -3.2 above stayed a number


@pytest.mark.slow
def test_export_csv_is_plain_utf8_on_stdout_and_in_a_file(catalog_db_path, tmp_path):
    """The CLI's CSV carries no byte order mark (the pages' downloads do): `> x.csv` and `--out x.csv` give the
    same bytes, and a script reads the first header as written (docs/decisions.md#csv-byte-order-mark)."""
    out = tmp_path / "regions.csv"
    assert cli(catalog_db_path, "export", "regions", "--out", out).returncode == 0
    piped = subprocess.run(
        [sys.executable, "-m", "incentive", "--db", str(catalog_db_path), "export", "regions"],
        cwd=ROOT,
        capture_output=True,
        timeout=TIMEOUT_S,
    ).stdout
    assert out.read_bytes() == piped
    assert piped.startswith("county,township,county_code,peer_class\n云岫县,安坝镇,990001,".encode())


def test_export_xlsx_needs_out(catalog_db_path, tmp_path):
    refused = cli(catalog_db_path, "export", "regions", "--format", "xlsx")
    assert refused.returncode == 2 and "--format xlsx needs --out PATH." in refused.stderr
    out = tmp_path / "regions.xlsx"
    assert cli(catalog_db_path, "export", "regions", "--format", "xlsx", "--out", out).returncode == 0
    import python_calamine

    rows = python_calamine.CalamineWorkbook.from_path(str(out)).get_sheet_by_index(0).to_python()
    assert rows[0] == ["county", "township", "county_code", "peer_class"]
    assert rows[1][:3] == ["云岫县", "安坝镇", "990001"] and rows[1][3] in ("", None)  # no class in this list


def test_missing_file_is_refused_and_the_others_import(catalog_db_path, tmp_path):
    result = cli(catalog_db_path, "import", tmp_path / "nope.csv", DATA / "race_long.csv")
    assert result.returncode == 1
    assert f"cannot read {tmp_path / 'nope.csv'}: No such file or directory" in result.stderr
    assert "imported race_long.csv" in result.stderr


def test_usage_errors_exit_2(catalog_db_path):
    assert cli(catalog_db_path, "export", "nonsense").returncode == 2
    assert cli(catalog_db_path, "frobnicate").returncode == 2
    assert cli(catalog_db_path, "export", "race_scores", "--period", "someday").returncode == 2


@pytest.mark.parametrize("written", ["2026.3", "2026/3", "2026-3"])
def test_a_period_option_written_with_a_dot_is_refused_naming_its_readings(catalog_db_path, written):
    """`--period 2026.3` was read as March: an export of the third quarter's scores came out empty, and publish said
    March had no data; `2026/3` and `2026-3` too, `export race_scores --period 2026/3` printing 0 rows with exit 0
    and `alerts --period 2026-3` no alerts (docs/decisions.md#periods-written-with-a-dot)."""
    for args in (
        ["export", "race_scores", "--period", written],
        ["export", "rankings", "--period", "2026Q2", "--compare", written],
        ["publish", "--period", written],
        ["alerts", "--period", written],
        ["deliver", "--period", written, "--out", str(catalog_db_path.parent / "delivered")],
    ):
        result = cli(catalog_db_path, *args)
        assert result.returncode == 2 and result.stdout == "", args
        assert (
            f"the period “{written}” may be 2026Q3 (quarter 3 of 2026) or 2026-03 (month 3 of 2026); it is not "
            "guessed: give the one meant." in result.stderr
        ), args
    assert cli(catalog_db_path, "export", "race_scores", "--period", "2026.11").returncode == 0  # November: one reading
    assert cli(catalog_db_path, "export", "race_scores", "--period", "2026-03").returncode == 0  # ISO's March


@pytest.mark.slow
def test_wide_file_period_option(catalog_db_path, tmp_path):
    wide = tmp_path / "wide.xlsx"
    wide.write_bytes(xlsx_bytes([["县区", "招商引资额"], ["云岫县", 3]]))
    refused = cli(catalog_db_path, "import", wide)
    assert refused.returncode == 1 and "enter the period" in refused.stderr
    assert cli(catalog_db_path, "import", wide, "--period", "2025Q3").returncode == 0


@pytest.mark.slow
def test_database_held_by_app_exits_3_with_a_sentence(catalog_db_path):
    holder = Database(catalog_db_path)  # this test process plays the running app
    try:
        result = subprocess.run(
            [sys.executable, "-m", "incentive", "--db", str(catalog_db_path), "--wait", "1", "batches"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=TIMEOUT_S,
        )
    finally:
        holder.close()
    assert result.returncode == 3
    assert "running dashboard app holds the database" not in result.stderr  # default language is Chinese
    assert "数据库正被运行中的看板程序占用" in result.stderr and "数据管理" in result.stderr


@pytest.mark.slow
def test_chinese_is_the_default_language(catalog_db_path):
    result = subprocess.run(
        [sys.executable, "-m", "incentive", "--db", str(catalog_db_path), "import", str(DATA / "race_long.csv")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
    )
    assert result.stderr.rstrip().splitlines() == [
        "正在读取 race_long.csv …",
        "  说明：「澄溪」按「澄溪县」导入（1 行）。",
        "  说明：「数值」列 1 个数值单元格含全角字符（如全角数字），按半角读入，如第 3 行「５６」→「56」。",
        "  说明：1 个单元格写作「-」，按缺失（无数值）读入，不按 0 计（如第 4 行「数值」列「-」）；排名按规则处理缺失值。"
        "如本意是 0，请填写 0 后重新导入。",
        "已导入 race_long.csv：赛马考评得分 5 行，批次 #3（新增 5 条，覆盖已有 0 条，与已有相同 0 条）",
    ]


@pytest.mark.slow
def test_export_rankings_matches_the_library_and_takes_every_option(sample_db_path, tmp_path):
    import io

    import pandas as pd

    from incentive.race import rankings

    result = cli(sample_db_path, "export", "rankings", "--period", "2026Q3", "--compare", "2026年第二季度")
    assert result.returncode == 0, result.stderr
    frame = pd.read_csv(io.StringIO(result.stdout))
    assert frame.columns[:9].tolist() == [
        "period",
        "county",
        "composite",
        "rank",
        "rank_low",
        "rank_high",
        "tier",
        "tier_label",
        "flags",
    ]
    database = Database(sample_db_path)
    expected = rankings.rank_period(database.connection, "2026-Q3")
    database.close()
    assert frame.set_index("county")["rank"].to_dict() == expected.table["rank"].astype(int).to_dict()
    assert frame["rank_change"].notna().all() and (frame["compare_period"] == "2026-Q2").all()

    weighted = cli(
        sample_db_path,
        "export",
        "rankings",
        "--period",
        "2026Q3",
        "--weights",
        "项目建设=1,乡村振兴=0,为企服务=0,基层治理=0",
        "--method",
        "minmax",
    )
    weighted_frame = pd.read_csv(io.StringIO(weighted.stdout))
    quarters = pd.read_csv(
        io.StringIO(cli(sample_db_path, "export", "rankings", "--period", "2026Q3", "--tiers", "25,25").stdout)
    )
    assert quarters["tier"].value_counts().to_dict() == {1: 3, 2: 6, 3: 3}
    assert weighted_frame.sort_values("track_项目建设", ascending=False)["rank"].tolist() == list(range(1, 13))

    out = tmp_path / "towns.xlsx"
    towns = cli(
        sample_db_path,
        "export",
        "rankings",
        "--period",
        "2026Q3",
        "--level",
        "township",
        "--county",
        "云岫县",
        "--format",
        "xlsx",
        "--out",
        out,
    )
    assert towns.returncode == 0, towns.stderr
    import python_calamine

    rows = python_calamine.CalamineWorkbook.from_path(str(out)).get_sheet_by_index(0).to_python()
    assert rows[0][:3] == ["period", "county", "township"] and {r[1] for r in rows[1:]} == {"云岫县"}


def test_export_rankings_gives_no_rank_change_between_quarters_ranking_different_counties(catalog_db_path, tmp_path):
    """枫岚区 sends nothing for 2025-Q2 and the three others keep their order, so each would read one place up
    against a quarter 枫岚区 led: rank_change is empty for every county, compare_rank stays, and standard error says
    why, as the page and the 通报 do (docs/decisions.md#rank-moves-compare-the-same-units)."""
    import io

    import pandas as pd

    order = {"2025Q1": ["枫岚区", "云岫县", "云峤县", "澄溪县"], "2025Q2": ["云岫县", "云峤县", "澄溪县"]}
    for period, counties in order.items():
        rows = [
            f"{period},{county},,{code},{value}"
            for i, county in enumerate(counties)
            for code, value in (("R01", 400 - 100 * i), ("R02", i), ("R03", 96 - 2 * i))
        ]
        (tmp_path / f"{period}.csv").write_text(
            "考核期,县区,乡镇,指标,数值\n" + "\n".join(rows) + "\n", encoding="utf-8"
        )
        assert cli(catalog_db_path, "import", tmp_path / f"{period}.csv").returncode == 0
    result = cli(catalog_db_path, "export", "rankings", "--period", "2025Q2", "--compare", "2025Q1", lang="zh")
    assert result.returncode == 0, result.stderr
    frame = pd.read_csv(io.StringIO(result.stdout)).set_index("county")
    assert frame["rank_change"].isna().all()
    assert frame.loc[["云岫县", "云峤县", "澄溪县"], ["rank", "compare_rank"]].values.tolist() == [
        [1, 2],
        [2, 3],
        [3, 4],
    ]
    assert "2025-Q2与2025-Q1参与排名的县区不同（枫岚区2025-Q2未参与排名），名次不可比，不列名次升降。" in result.stderr


@pytest.mark.parametrize(
    "args, message",
    [
        (["--period", "2019Q1"], "No race scores for 2019-Q1; periods with data:"),
        ([], "Exporting rankings needs --period"),
        (["--period", "2026Q3", "--weights", "不存在=1"], "No track named “不存在”"),
        (["--period", "2026Q3", "--weights", "项目建设"], "Weight “项目建设” not understood"),
        (["--period", "2026Q3", "--level", "township"], "--level township needs --county."),
        (["--period", "2026Q3", "--compare", "someday"], "period not recognised: someday"),
        (["--period", "2026Q3", "--tiers", "80,30"], "Tier shares “80,30” are not valid"),
    ],
)
def test_export_rankings_refuses_bad_options_clearly(sample_db_path, args, message):
    result = cli(sample_db_path, "export", "rankings", *args)
    assert result.returncode == 2 and message in result.stderr and result.stdout == ""


@pytest.mark.slow
def test_export_coverage_and_settings(sample_db_path, tmp_path):
    import io

    import pandas as pd

    result = cli(sample_db_path, "export", "coverage", "--period", "2025年")
    assert result.returncode == 0, result.stderr
    frame = pd.read_csv(io.StringIO(result.stdout))
    assert frame.columns.tolist() == [
        "period",
        "county",
        "cadres",
        "trained",
        "coverage",
        "hours_per_cadre",
        "measured",
        "meeting_target",
        "share_meeting_target",
        "on_pace",
        "share_on_pace",
        "hours_short",
        "online_met",
        "share_online_met",
        "online_hours_per_cadre",
        "unmapped",
        "coverage_political",
        "coverage_professional",
        "coverage_innovation",
        "coverage_practice",
        "suppressed",
    ]
    assert len(frame) == 12 and (frame["period"] == 2025).all() and frame["coverage"].between(0, 1).all()
    by_rank = pd.read_csv(
        io.StringIO(cli(sample_db_path, "export", "coverage", "--period", "2025Q2", "--by", "rank").stdout)
    )
    assert by_rank.columns[:3].tolist() == ["period", "county", "rank"]
    assert by_rank["cadres"].sum() == 6978  # the roster of 2024-12-31 is the one in force on 2025-06-30

    # by rank group: the sample's ranks are all 乡科级 and below, so one group holds every cadre and its figures
    by_group = pd.read_csv(
        io.StringIO(cli(sample_db_path, "export", "coverage", "--period", "2025", "--by", "rank_group").stdout)
    )
    assert by_group["rank_group"].tolist() == ["section"] and by_group["unmapped"].sum() == 0
    assert by_group["meeting_target"].sum() == frame["meeting_target"].sum()
    assert by_group["share_meeting_target"].iloc[0] == pytest.approx(
        frame["meeting_target"].sum() / frame["measured"].sum()
    )
    assert cli(sample_db_path, "settings", "coverage_target", "40").returncode == 0
    listed = cli(sample_db_path, "settings")
    assert "coverage_target\t40.0" in listed.stdout
    bad = cli(sample_db_path, "settings", "coverage_target", "lots")
    assert bad.returncode == 2 and "Value “lots” for “Training coverage target (%)” (coverage_target)" in bad.stderr
    missing = cli(sample_db_path, "export", "coverage")
    assert missing.returncode == 2 and "Exporting coverage needs --period" in missing.stderr
    # 2026: 棠梨县 has not sent its third quarter; the export leaves it out and says so, as the pages do
    running = cli(sample_db_path, "export", "coverage", "--period", "2026")
    assert running.returncode == 0, running.stderr
    assert "棠梨县" not in set(pd.read_csv(io.StringIO(running.stdout))["county"])
    assert "Training data are incomplete in 1 county: 棠梨县 (Q3 2026 not sent)." in running.stderr
    assert "incomplete" not in result.stderr  # 2025: every file in
    empty = cli(sample_db_path, "export", "coverage", "--period", "2026Q4")  # no record yet: not a coverage of 0
    assert empty.returncode == 2 and empty.stdout == ""
    assert "No training records are dated in 2026-Q4: there is no coverage to measure" in empty.stderr
    promotions = cli(sample_db_path, "export", "promotion_training", "--period", "2025")
    assert promotions.returncode == 0 and "棠梨县 (Q3 2026 not sent) has not sent all its" in promotions.stderr


def test_export_welfare_status_and_movements_summary(sample_db_path):
    import io

    import pandas as pd

    status = pd.read_csv(
        io.StringIO(cli(sample_db_path, "export", "welfare_status", "--period", "2026年上半年").stdout),
        keep_default_na=False,
    )
    assert status.columns.tolist() == [
        "period",
        "county",
        "indicator",
        "value",
        "target",
        "status",
        *["basis", "published_version", "published_at", "document_no"],  # live: the last three empty
    ]
    assert set(status["basis"]) == {"live"}
    assert set(status["status"]) == {"met", "near", "below", ""} and len(status) == 12 * 7
    summary = cli(sample_db_path, "export", "movements_summary", "--year", "2025", "--format", "csv")
    frame = pd.read_csv(io.StringIO(summary.stdout))
    assert frame.columns.tolist() == [
        "year",
        "county",
        "promotion",
        "rank_promotion",
        "lateral",
        "transfer",
        "demotion",
        "dismissal",
        "accountability",
        "fault_tolerance",
    ]
    assert frame["promotion"].sum() > 100 and (frame[frame.columns[2:]] >= 0).all().all()
    missing = cli(sample_db_path, "export", "movements_summary")
    assert missing.returncode == 2 and "Exporting movements_summary needs --year" in missing.stderr
    missing = cli(sample_db_path, "export", "reminders")  # it named movements_summary (reviewer's finding)
    assert missing.returncode == 2 and "Exporting reminders needs --year" in missing.stderr
    nowhere = cli(sample_db_path, "export", "reminders", "--year", "2026", "--out", "/nonexistent/folder/x.csv")
    assert nowhere.returncode == 2 and "Traceback" not in nowhere.stderr  # it was a FileNotFoundError traceback
    assert "the folder /nonexistent/folder does not exist" in nowhere.stderr


@pytest.mark.slow
def test_backup_and_restore_give_back_identical_exports(sample_db_path, tmp_path):
    copy = tmp_path / "backups" / "snapshot.duckdb"
    assert cli(sample_db_path, "backup", copy).returncode == 0 and copy.exists()
    assert ",backup," in cli(sample_db_path, "export", "audit").stdout
    before = {kind: cli(sample_db_path, "export", kind).stdout for kind in ("race_scores", "training", "regions")}
    assert cli(sample_db_path, "rollback", 3, "--yes").returncode == 0  # a change after the backup
    assert cli(sample_db_path, "export", "race_scores").stdout != before["race_scores"]
    again = cli(sample_db_path, "backup", copy)
    assert again.returncode == 2 and "never overwrites" in again.stderr
    restored = cli(sample_db_path, "restore", copy)
    assert restored.returncode == 0, restored.stderr
    assert {kind: cli(sample_db_path, "export", kind).stdout for kind in before} == before
    assert (tmp_path / "sample.duckdb.before-restore").exists()
    log = cli(sample_db_path, "export", "audit").stdout
    assert ",restore," in log  # the restored file's own history, plus its restoring
    junk = tmp_path / "junk.duckdb"
    junk.write_bytes(b"not a database")
    refused = cli(sample_db_path, "restore", junk)
    assert refused.returncode == 2 and "is not a backup" in refused.stderr


@pytest.mark.parametrize("name", ['my"db.duckdb', "it's 数据 库.duckdb"])
def test_backup_and_restore_of_files_with_quotes_spaces_and_chinese_in_their_names(catalog_db_path, tmp_path, name):
    path = tmp_path / name
    shutil.copyfile(catalog_db_path, path)
    copy = tmp_path / "备份 'b'" / name
    made = cli(path, "backup", copy)
    assert made.returncode == 0 and copy.exists(), made.stderr
    assert cli(path, "rollback", 2, "--yes").returncode == 0
    restored = cli(path, "restore", copy)
    assert restored.returncode == 0, restored.stderr
    assert [b["status"] for b in json.loads(cli(path, "batches", "--format", "json").stdout)] == ["active"] * 2
    assert (tmp_path / f"{name}.before-restore").exists()
    assert ",restore," in cli(path, "export", "audit").stdout


# ---- plausibility: warnings at import, `check` on loaded data

TWELVE = [
    "澄溪县",
    "云岫县",
    "云峤县",
    "枫岚区",
    "青禾县",
    "柏川县",
    "鹤汀县",
    "星渚县",
    "苇塘县",
    "蒲陌县",
    "棠梨县",
    "松涧县",
]


@pytest.fixture
def care(tmp_path):
    """Twelve counties, one welfare rate, its 2025-H1 values; a 2025-H2 file where 澄溪县 typed 8.5 for 85."""
    regions, catalog = tmp_path / "regions.csv", tmp_path / "catalog.csv"
    regions.write_text("县区\n" + "\n".join(TWELVE) + "\n", encoding="utf-8")
    catalog.write_text("指标代码,指标名称,类别,单位,方向,权重\nW01,带薪休假落实率,关爱,%,正向,1\n", encoding="utf-8")
    h1 = [85.0, 80.0, 82.0, 83.0, 84.0, 85.0, 85.0, 86.0, 87.0, 88.0, 90.0, 91.0]
    h2 = [8.5, 79.0, 82.2, 83.2, 84.5, 85.6, 85.8, 87.0, 88.4, 89.4, 91.8, 93.0]
    for name, period, values in (("h1.csv", "2025年上半年", h1), ("h2.csv", "2025年下半年", h2)):
        (tmp_path / name).write_text(
            "考核期,县区,指标,数值\n"
            + "".join(
                f"{period},{county},带薪休假落实率,{value}\n" for county, value in zip(TWELVE, values, strict=False)
            ),
            encoding="utf-8",
        )
    path = tmp_path / "care.duckdb"
    assert cli(path, "import", regions, catalog, tmp_path / "h1.csv").returncode == 0
    return path


WARNING = (
    "澄溪县, “带薪休假落实率”, 2025-H2: 8.5, was 85 in 2025-H1 (change -76.5), far outside the changes of its "
    "peers (-12.55 to +14.15): probably a typo, please check."
)


def test_import_warns_of_an_unusual_change_and_imports_anyway(care, tmp_path):
    result = cli(care, "import", tmp_path / "h2.csv")
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        "reading h2.csv …",
        "  warning: " + WARNING,
        "imported h2.csv: welfare indicators, 12 rows, batch #4 (12 new, 0 existing superseded, 0 unchanged)",
    ]


def test_check_lists_findings_of_loaded_data_and_exits_0(care, tmp_path):
    assert cli(care, "import", tmp_path / "h2.csv").returncode == 0
    training = tmp_path / "training.csv"
    training.write_text(
        "干部编号,培训项目,培训类别,培训领域,培训方式,组织形式,学时,培训日期\n"
        "A0001,专题班,专业能力,乡村振兴,线下,集体,150,2025-06-01\n",
        encoding="utf-8",
    )
    assert cli(care, "import", training).returncode == 0
    assert cli(care, "settings", "max_hours_per_record", "100").returncode == 0  # the 150 hours now stand out
    result = cli(care, "check")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "training records 2025-06-01 · A0001 / 专题班 · hours, value “150”: is outside the plausible range: one "
        "training record has more than 0 and at most 100 hours; check for a typo; if the value is right, raise the "
        "setting “most hours per training record” (max_hours_per_record) on the Data page.",
        "welfare indicators: " + WARNING,
    ]
    assert result.stderr.splitlines() == ["checked: 1 value outside its plausible range, 1 unusual change."]
    listed = cli(care, "check", "--format", "csv")
    assert listed.returncode == 0
    lines = listed.stdout.splitlines()
    assert lines[0] == (
        "check,kind,period,previous_period,county,township,indicator,indicator_name,record,old_value,value,message"
    )
    assert lines[2].startswith("change,welfare,2025-H2,2025-H1,澄溪县,,W01,带薪休假落实率,,85.0,8.5,")


def test_check_on_an_empty_database(tmp_path):
    result = cli(tmp_path / "empty.duckdb", "check", lang="zh")
    assert (result.returncode, result.stdout) == (0, "")
    assert result.stderr.strip() == "核查完成：0 个数值超出合理范围，0 个数值与上期相比变动异常。"


@pytest.mark.slow
def test_alerts_of_a_year_and_of_one_county_in_a_period(sample_db_path):
    """预警清单 from the command line: the list on stdout, red first (the sample's third tier: 岚桥区 for 15
    quarters, 棠梨县 6, 柏川县 4), data as JSON; the counts and what was judged on stderr."""
    import csv
    import io

    result = cli(sample_db_path, "alerts", "--year", "2026", "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == ["position", "level", "rule", "county", "period", "message", "data"]
    assert [(r["level"], r["rule"], r["county"]) for r in rows[:3]] == [
        ("red", "third_tier", "岚桥区"),
        ("red", "third_tier", "棠梨县"),
        ("red", "third_tier", "柏川县"),
    ]
    assert json.loads(rows[0]["data"])["running"] == 15
    assert rows[0]["message"].startswith("岚桥区 has been in the third tier for 15 race periods running")
    red = sum(r["level"] == "red" for r in rows)
    assert result.stderr.strip().startswith(f"{len(rows)} warnings: {red} red, {len(rows) - red} yellow (Judged on: ")
    one = cli(sample_db_path, "alerts", "--period", "2026Q3", "--county", "棠梨县", lang="zh")
    assert one.returncode == 0, one.stderr
    lines = one.stdout.splitlines()
    assert lines[0].startswith("1. [红色] 棠梨县连续 6 个考评期（2025-Q2 至 2026-Q3）处于第三方阵")
    assert all("棠梨县" in line for line in lines)
    unknown = cli(sample_db_path, "alerts", "--county", "黑山县")
    assert unknown.returncode == 2 and "No county named “黑山县”" in unknown.stderr
    assert cli(sample_db_path, "alerts", "--period", "2026Q3", "--year", "2026").returncode == 2
    assert cli(sample_db_path, "alerts", "--period", "第五季度").returncode == 2
    # a period with no data would print 预警 0 条, an all-clear: refused, naming what there is
    empty = cli(sample_db_path, "alerts", "--period", "2030Q1", lang="zh")
    assert (empty.returncode, empty.stdout) == (2, "")
    assert empty.stderr.startswith("2030-Q1 没有任何数据") and "赛马 2024-Q4, 2025-Q1," in empty.stderr
    assert "培训记录截至 2026-" in empty.stderr
    before = cli(sample_db_path, "alerts", "--year", "1999", lang="zh")  # every file of 1999 read 未报送
    assert (before.returncode, before.stdout) == (2, "") and before.stderr.startswith("1999 没有任何数据")
    year = cli(sample_db_path, "alerts", "--period", "2026", "--format", "csv")  # a year as a period: the year
    assert year.returncode == 0 and year.stdout == result.stdout


def test_export_reminders_of_a_year(sample_db_path):
    """报送进度's reminder list (tracker.reminders) as CSV: 棠梨县 owes two race values of 2025-Q4."""
    import io

    import pandas as pd

    result = cli(sample_db_path, "export", "reminders", "--year", "2025", "--county", "棠梨县")
    assert result.returncode == 0, result.stderr
    frame = pd.read_csv(io.StringIO(result.stdout), dtype=str, keep_default_na=False)
    assert frame[["period", "kind", "county", "deadline", "status", "expected", "missing"]].values.tolist() == [
        ["2025-Q4", "race_scores", "棠梨县", "2026-01-15", "received", "120", "2"]  # sent on time, incomplete
    ]
    assert cli(sample_db_path, "export", "progress").returncode == 2  # a year is needed


def test_settings_out_of_range_say_the_range_and_that_nothing_was_saved(sample_db_path):
    """A schedule setting out of range: the range, that it was not saved and the value kept, on standard error,
    exit 2 (a usage error, as for any other value the command cannot take); standard output stays empty."""
    result = cli(sample_db_path, "settings", "due_days_race_scores", "400", lang="zh")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        "设置「赛马得分：季度结束后报送天数」（due_days_race_scores）的值「400」超出允许范围，应为 0 至 366 之间的整数。"
        "未保存，仍为 15。\n"
    )
    negative = cli(sample_db_path, "settings", "due_days_roster", "-1")
    assert negative.returncode == 2 and negative.stderr.endswith(
        "use a whole number from 0 to 366. Not saved: it stays 31.\n"
    )
    listed = cli(sample_db_path, "settings")
    assert "due_days_race_scores\t15\n" in listed.stdout and "due_days_roster\t31\n" in listed.stdout


def test_points_on_indicators_in_different_units_are_refused(sample_db_path):
    """docs/decisions.md#points-need-one-scale: the sample's indicators are not all in 分."""
    refused = cli(sample_db_path, "export", "rankings", "--period", "2026Q3", "--method", "points", lang="zh")
    assert refused.returncode == 2 and refused.stdout == ""
    assert "「原始分值」只能用于全部以“分”计的指标" in refused.stderr and "亿元" in refused.stderr


def test_an_import_that_makes_a_county_month_count_as_sent_on_one_record_says_so(sample_db_path, tmp_path):
    """The preview's warning of store.effects.LoneMonth, on standard error after the import (the CLI imports at
    once): 棠梨县's June with one record dated in July, a month it has not sent."""
    import duckdb

    with duckdb.connect(str(sample_db_path), read_only=True) as con:
        cadres = [
            r[0]
            for r in con.execute(
                "SELECT DISTINCT cadre_id FROM current_roster WHERE county = '棠梨县' ORDER BY 1 LIMIT 30"
            ).fetchall()
        ]
    lines = ["干部编号,培训项目,培训类别,培训领域,培训形式,组织方式,学时,培训日期"]
    lines += [f"{c},专题班,政治能力,党的理论,线下,集体,4,2026-06-10" for c in cadres]
    lines += [f"{cadres[0]},专题班,政治能力,党的理论,线下,集体,4,2026-07-06"]
    path = tmp_path / "棠梨县培训.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = cli(sample_db_path, "import", path, lang="zh")
    assert result.returncode == 0, result.stderr
    assert "棠梨县 2026年7月 1 条（该县区本文件其余月份每月中位数 30 条）" in result.stderr
    batch = json.loads(cli(sample_db_path, "batches", "--format", "json").stdout)[-1]["id"]
    assert (
        f"请先撤销批次 #{batch}（incentive rollback {batch}），更正、补全后再导入。" in result.stderr
    )  # it is in already


def test_export_movements_summary_of_a_year_without_decisions_is_refused(sample_db_path):
    """A year with no decision recorded is one whose file was never imported: the page says so, and the export
    printed a table of zeros for every county, exit 0 (a fresh tester's finding)."""
    for args in (("--year", "2022"), ("--year", "2022", "--suppress"), ("--year", "1990")):
        out = cli(sample_db_path, "export", "movements_summary", *args, "--format", "csv")
        assert out.returncode == 2 and out.stdout == ""
        assert f"No personnel decisions recorded in {args[1]}" in out.stderr
        assert "years with decisions: 2023、2024、2025、2026" in out.stderr
    assert cli(sample_db_path, "export", "movements_summary", "--year", "2023", "--format", "csv").returncode == 0


def test_a_roster_that_leaves_counties_out_is_imported_only_with_replace_roster(catalog_db_path, tmp_path):
    """A prefecture roster listing one county's cadres replaces the whole snapshot of its date: the CLI imports at
    once, so it refuses, saying what would be replaced, until --replace-roster confirms it (a fresh tester's finding;
    docs/decisions.md#a-prefecture-roster-that-leaves-counties-out)."""
    from test_submissions import roster_csv

    whole = tmp_path / "全市花名册.csv"
    whole.write_bytes(
        roster_csv("2025-06-30", [("Y1", "云岫县"), ("Y2", "云岫县"), ("Q1", "云峤县"), ("C1", "澄溪县")])
    )
    assert cli(catalog_db_path, "import", str(whole)).returncode == 0
    one = tmp_path / "云岫县花名册.csv"
    one.write_bytes(roster_csv("2025-06-30", [("Y1", "云岫县"), ("Y3", "云岫县")]))

    refused = cli(catalog_db_path, "import", str(one))
    assert refused.returncode == 1
    assert "refused 云岫县花名册.csv" in refused.stderr and "no cadres from 2025-06-30 on" in refused.stderr
    assert "it would replace 4 cadres of the prefecture's snapshot" in refused.stderr
    assert "--replace-roster" in refused.stderr and "batch #" not in refused.stderr
    assert cli(catalog_db_path, "export", "roster").stdout.count("2025-06-30") == 4  # nothing replaced

    confirmed = cli(catalog_db_path, "import", "--replace-roster", str(one))
    assert confirmed.returncode == 0 and "batch #" in confirmed.stderr
    assert cli(catalog_db_path, "export", "roster").stdout.count("2025-06-30") == 2
    whole.write_bytes(roster_csv("2025-06-30", [("Y1", "云岫县"), ("Q1", "云峤县"), ("C1", "澄溪县")]))
    assert cli(catalog_db_path, "import", str(whole)).returncode == 0  # every county listed: no question asked
    later = tmp_path / "云岫县花名册_九月.csv"  # a date without a snapshot: nothing of its date is replaced
    later.write_bytes(roster_csv("2025-09-30", [("Y1", "云岫县")]))
    refused = cli(catalog_db_path, "import", str(later))
    assert refused.returncode == 1 and "would replace 0" not in refused.stderr
    assert "Its date has no snapshot yet: from that date on, the counties above would have no cadres" in refused.stderr


def test_a_suppressed_export_writes_its_counts_as_the_pages_download_does(sample_db_path):
    """`export appraisal_summary --suppress` is the 年度考核 page's table, whose counts read 6,982: the CSV held the
    全市 row as "6,982" (a text to a spreadsheet) where the page's CSV has 6982 (a fresh tester's finding). The
    suppressed marks stay as they are."""
    import csv
    import io

    exact = cli(sample_db_path, "export", "appraisal_summary", "--year", "2025", "--format", "csv")
    shown = cli(sample_db_path, "export", "appraisal_summary", "--year", "2025", "--suppress", "--format", "csv")
    assert exact.returncode == shown.returncode == 0, shown.stderr
    prefecture = {row["county"]: row for row in csv.DictReader(io.StringIO(exact.stdout))}["all"]
    rows = {row["county"]: row for row in csv.DictReader(io.StringIO(shown.stdout))}
    assert int(prefecture["appraised"]) >= 1000  # a count a page writes with a separator
    assert rows["all"]["appraised"] == prefecture["appraised"] and '"' not in shown.stdout
    assert any(row[grade] in ("<5", "withheld") for row in rows.values() for grade in ("basic", "incompetent"))
