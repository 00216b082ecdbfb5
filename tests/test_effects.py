"""What an import would change, said before it is confirmed (incentive/store/effects.py): here, which stored
periods a catalog file re-scores (docs/decisions.md#catalog-versions), on the bundled sample, with real files."""

from __future__ import annotations

import math

import pytest
from conftest import ROOT, xlsx_bytes
from test_bulk_csv import assert_alike

from incentive.intake import bulk_csv
from incentive.intake.bulk_csv import parse_path
from incentive.intake.ingest import parse_file
from incentive.intake.preview import lone_months_text, rescoring_example, rescoring_lines, unknown_cadres_text
from incentive.store import batches
from incentive.store.database import Database
from incentive.store.effects import THIN_SHARE, TYPICAL_RECORDS, LoneMonth, UnknownCadre, import_effects
from incentive.store.reference import current_reference

SAMPLE_CATALOG = ROOT / "data" / "sample" / "02_指标目录.csv"
RACE_QUARTERS = [f"{year}-Q{q}" for year in (2023, 2024, 2025) for q in (1, 2, 3, 4)] + [
    "2026-Q1",
    "2026-Q2",
    "2026-Q3",
]
CARE_HALF_YEARS = [f"{year}-H{h}" for year in (2023, 2024, 2025) for h in (1, 2)] + ["2026-H1"]


@pytest.fixture
def sample(sample_db_path):
    database = Database(sample_db_path)
    yield database
    database.close()


def corrected_catalog(tmp_path, **cells: str):
    """The sample's catalog file with some rows' cells replaced ({"R01": "weight=30"}), as a clerk corrects it."""
    lines = SAMPLE_CATALOG.read_text(encoding="utf-8-sig").splitlines()
    header = lines[0].split(",")
    out = [lines[0]]
    for line in lines[1:]:
        row = line.split(",")
        for change in cells.get(row[0], "").split(";"):
            if change:
                column, value = change.split("=")
                row[header.index(column)] = value
        out.append(",".join(row))
    path = tmp_path / "02_指标目录_更正.csv"
    path.write_text("\n".join(out) + "\n", encoding="utf-8-sig")
    return path


def effects_of(db, path):
    preview = parse_path(path, current_reference(db))
    assert preview.importable, preview.problem_texts("en")
    return preview, import_effects(db, preview)


def in_force(db, domain: str, code: str, column: str, periods: list[str]) -> dict[str, float]:
    """What scoring reads: the catalog in force for each period (schema 001's catalog_in_force)."""
    return {
        p: db.fetch_all(
            f"SELECT {column} FROM catalog_in_force($d, $p) WHERE code = $c", {"d": domain, "p": p, "c": code}
        )[0][0]
        for p in periods
    }


def test_a_corrected_catalog_without_effective_from_names_every_stored_period_it_rescores(sample, tmp_path):
    path = corrected_catalog(tmp_path, R01="权重=30", W01="目标值=80")
    preview, effects = effects_of(sample, path)
    assert (effects.new, effects.changed) == (0, 2)
    assert [(r.code, r.field, r.before, r.after, r.periods, r.undated) for r in effects.rescored] == [
        ("R01", "weight", 12.0, 30.0, tuple(RACE_QUARTERS), True),
        ("W01", "target", 90.0, 80.0, tuple(CARE_HALF_YEARS), True),
    ]
    assert rescoring_lines(effects.rescored, "zh") == [
        "R01 重点项目投资完成额：权重 12 → 30；重算赛马考核期 " + "、".join(RACE_QUARTERS) + "（共 15 期）",
        "W01 带薪休假落实率：目标值 90 → 80；重算关爱考核期 " + "、".join(CARE_HALF_YEARS) + "（共 7 期）",
    ]
    assert rescoring_lines(effects.rescored, "en") == [
        "R01 重点项目投资完成额: weight 12 → 30; re-scores the race periods "
        + ", ".join(RACE_QUARTERS)
        + " (15 in all)",
        "W01 带薪休假落实率: target 90 → 80; re-scores the care periods " + ", ".join(CARE_HALF_YEARS) + " (7 in all)",
    ]
    assert rescoring_example(effects.rescored) == "2026-Q3"  # the hint: date the change instead

    # what the preview names is what the import does to the catalog in force
    before = in_force(sample, "race", "R01", "weight", RACE_QUARTERS)
    batches.import_preview(sample, preview, source="cli", created_by="test")
    after = in_force(sample, "race", "R01", "weight", RACE_QUARTERS)
    assert [p for p in RACE_QUARTERS if before[p] != after[p]] == RACE_QUARTERS


@pytest.mark.slow
def test_a_correction_with_effective_from_names_only_the_periods_from_then_on(sample, tmp_path):
    header = ["指标代码", "指标名称", "类别", "赛道", "单位", "方向", "权重", "目标值", "生效起始期"]
    path = tmp_path / "指标目录_2026.xlsx"
    path.write_bytes(
        xlsx_bytes(
            [
                ["2026年指标目录调整"],
                header,
                ["R01", "重点项目投资完成额", "赛马", "项目建设", "亿元", "正向", 30, None, "2026年第二季度"],
                ["W01", "带薪休假落实率", "关爱", None, "%", "正向", 1, 80, "2025H2"],
            ]
        )
    )
    preview, effects = effects_of(sample, path)
    assert (effects.new, effects.changed) == (2, 0)  # new versions; the versions from the beginning stay
    assert [(r.code, r.field, r.periods, r.undated) for r in effects.rescored] == [
        ("R01", "weight", ("2026-Q2", "2026-Q3"), False),
        ("W01", "target", ("2025-H2", "2026-H1"), False),
    ]
    assert rescoring_lines(effects.rescored, "zh") == [
        "R01 重点项目投资完成额：权重 12 → 30；重算赛马考核期 2026-Q2、2026-Q3（共 2 期）",
        "W01 带薪休假落实率：目标值 90 → 80；重算关爱考核期 2025-H2、2026-H1（共 2 期）",
    ]
    assert rescoring_lines(effects.rescored, "en")[1] == (
        "W01 带薪休假落实率: target 90 → 80; re-scores the care periods 2025-H2, 2026-H1 (2 in all)"
    )
    assert rescoring_example(effects.rescored) is None  # dated already: nothing to suggest

    before = in_force(sample, "welfare", "W01", "target", CARE_HALF_YEARS)
    batches.import_preview(sample, preview, source="cli", created_by="test")
    after = in_force(sample, "welfare", "W01", "target", CARE_HALF_YEARS)
    assert [p for p in CARE_HALF_YEARS if before[p] != after[p]] == ["2025-H2", "2026-H1"]


def test_only_what_scores_is_named_and_a_direction_reads_as_words(sample, tmp_path):
    # a race target and a name are shown, never scored; a direction is (a unit over stored values is refused:
    # docs/decisions.md#catalog-changes-that-relabel-stored-values)
    path = corrected_catalog(tmp_path, R03="目标值=15;方向=正向", R05="指标名称=村集体经济收入（万元）")
    _, effects = effects_of(sample, path)
    assert effects.changed == 2
    assert [(r.code, r.field) for r in effects.rescored] == [("R03", "direction")]
    assert rescoring_lines(effects.rescored, "zh")[0].startswith(
        "R03 项目审批平均用时：方向 逆向 → 正向；重算赛马考核期 2023-Q1、"
    )
    assert (
        "direction lower is better → higher is better; re-scores the race periods"
        in (rescoring_lines(effects.rescored, "en")[0])
    )


def test_the_unchanged_catalog_and_a_catalog_before_any_data_name_no_period(sample, tmp_path, db):
    _, effects = effects_of(sample, SAMPLE_CATALOG)
    assert (effects.changed, effects.rescored) == (0, ())
    _, effects = effects_of(db, corrected_catalog(tmp_path, R01="权重=30"))  # nothing stored to re-score
    assert (effects.new, effects.rescored) == (19, ())


# ------------------------------------------------------------------ a month sent on a few records


def _training_file(rows: list[tuple[str, str]]) -> bytes:
    """A training file of (干部编号, 培训日期) rows, every other cell the same."""
    lines = ["干部编号,培训项目,培训类别,培训领域,培训形式,组织方式,学时,培训日期"]
    lines += [f"{cadre},专题班{i},政治能力,党的理论,线下,集体,4,{day}" for i, (cadre, day) in enumerate(rows)]
    return ("\n".join(lines) + "\n").encode()


def _county_cadres(db: Database, county: str, n: int) -> list[str]:
    return [
        row[0]
        for row in db.connection.execute(
            "SELECT cadre_id FROM current_roster WHERE county = ? GROUP BY cadre_id ORDER BY cadre_id LIMIT ?",
            [county, n],
        ).fetchall()
    ]


def test_a_month_a_county_would_count_as_sent_on_one_record_is_warned_of(sample):
    """棠梨县 has sent no training of 2026-Q3 (the sample's county that is late). A file of its June with one record
    mistyped into July would make July count as sent and its July read as nobody trained: the preview says so, with
    the county, the month, the record and the median of its other months. A county with no other month in the
    file to compare with (云岫县) is not named."""
    tangli = _county_cadres(sample, "棠梨县", 40)
    yunxiu = _county_cadres(sample, "云岫县", 1)
    rows = [(cadre, "2026-06-10") for cadre in tangli] + [(tangli[0], "2026-07-06")]
    rows += [(yunxiu[0], "2026-08-01")]
    preview = parse_file("t.csv", _training_file(rows), current_reference(sample))
    assert preview.importable, preview.problem_texts("zh")
    effects = import_effects(sample, preview)
    assert effects.lone_months == (LoneMonth("棠梨县", "2026-07", 1, 40),)
    assert lone_months_text(effects, "training", "zh") == (
        "以下 1 个月份本文件只有很少几条记录，而库中该县区该月尚无数据：棠梨县 2026年7月 1 条（该县区本文件其余月份每月中位数 "
        "40 条）。一条记录也会使该月算作该县区已报送，其培训覆盖等数字将按此计算。若是日期有误或记录未报全，请更正、补全后再导入。"
    )
    english = lone_months_text(effects, "training", "en")
    assert "棠梨县 2026-07: 1 record (median of the county's other months in the file: 40)" in english
    assert english.endswith(
        "(training coverage and the like) are computed as such. If a date is mistyped or records are missing, correct or "
        "complete the file and import again."
    )
    # the CLI warns before importing and says what to do after, with the batch to roll back first
    assert lone_months_text(effects, "training", "en", fix=False).endswith("are computed as such.")
    # a personnel-decisions file's month decides the submission tracker, not training figures
    assert "报送进度将按此判断。" in lone_months_text(effects, "movements", "zh")
    assert "培训" not in lone_months_text(effects, "movements", "zh")


def test_a_few_records_beside_few_in_other_months_or_in_a_stored_month_are_not_warned_of(sample):
    """The warning needs a stark contrast: a county whose other months hold fewer than TYPICAL_RECORDS each, or a
    month the county has stored already (a late record of a month it sent), is normal. (棠梨县's July is still
    named, against its stored months: the other comparison, tested above.)"""
    tangli = _county_cadres(sample, "棠梨县", TYPICAL_RECORDS - 1)
    few = [(cadre, "2026-06-10") for cadre in tangli] + [(tangli[0], "2026-07-06")]
    found = import_effects(sample, parse_file("t.csv", _training_file(few), current_reference(sample))).lone_months
    assert [m.basis for m in found] == ["stored"]
    many = _county_cadres(sample, "棠梨县", TYPICAL_RECORDS)
    late = [(cadre, "2026-06-10") for cadre in many] + [(many[0], "2026-04-02")]
    effects = import_effects(sample, parse_file("t.csv", _training_file(late), current_reference(sample)))
    assert effects.lone_months == () and lone_months_text(effects, "training", "zh") == ""


def test_a_month_far_below_the_countys_stored_volume_is_warned_of_on_both_paths(sample, tmp_path, monkeypatch):
    """棠梨县 has sent no training of 2026-Q3 and trains about 120 records a month before it. Four records of July
    and August, alone in a file, would make both months count as sent and its coverage read as that of a county
    that trained almost nobody: the months are compared with the county's stored volume of the 12 months before
    (a fresh tester's finding; docs/decisions.md#a-month-sent-on-a-few-records). A large file (the bulk path) gives
    the same preview and the same warning. A month at a tenth or more of its usual volume is not named."""
    tangli = _county_cadres(sample, "棠梨县", 20)
    rows = [(tangli[i], "2026-07-06") for i in range(3)] + [(tangli[3], "2026-08-03")]
    usual = _usual_monthly(sample, "棠梨县", "2026-07")
    september = math.ceil(_usual_monthly(sample, "棠梨县", "2026-09") * THIN_SHARE)  # a tenth: a real month
    rows += [(tangli[i % 20], "2026-09-10") for i in range(september)]
    path = tmp_path / "t.csv"
    path.write_bytes(_training_file(rows))
    monkeypatch.setenv("INCENTIVE_BULK_MIN_MB", "0")
    bulk = bulk_csv.parse_path(path, current_reference(sample))
    cell = parse_file(path.name, path.read_bytes(), current_reference(sample))
    assert bulk.staged is not None and cell.staged is None  # the two paths indeed
    assert_alike(bulk, cell)
    for preview in (bulk, cell):
        effects = import_effects(sample, preview)
        assert effects.lone_months == (
            LoneMonth("棠梨县", "2026-07", 3, usual, "stored"),
            LoneMonth("棠梨县", "2026-08", 1, usual, "stored"),
        )
        assert lone_months_text(effects, "training", "zh").startswith(
            f"以下 2 个月份本文件只有很少几条记录，而库中该县区该月尚无数据：棠梨县 2026年7月 3 条（该县区此前 12 个月已导入的"
            f"每月中位数 {usual} 条）；棠梨县 2026年8月 1 条"
        )
        assert f"棠梨县 2026-08: 1 record (median of the county's stored months in the 12 months before: {usual})" in (
            lone_months_text(effects, "training", "en")
        )


def _usual_monthly(db: Database, county: str, month: str) -> int:
    """The median of a county's stored training records per month in the 12 months before `month` ('YYYY-MM')."""
    return db.connection.execute(
        """
        WITH homes AS (SELECT cadre_id, arg_max(county, (as_of, batch_id)) AS county FROM current_roster GROUP BY 1),
        counts AS (
            SELECT date_trunc('month', t.date) AS m, count(*) AS n
            FROM current_training t JOIN homes h USING (cadre_id)
            WHERE h.county = ? AND t.date < CAST(? AS DATE) AND t.date >= CAST(? AS DATE) - INTERVAL 12 MONTH
            GROUP BY 1
        )
        SELECT CAST(round(median(n)) AS BIGINT) FROM counts
        """,
        [county, f"{month}-01", f"{month}-01"],
    ).fetchone()[0]


def _unknown_ids_file(tmp_path, sample: Database):
    """A training file headed 人员编号 (the id column under another header the importer reads) of a cadre on the
    roster (row 2), 23 ids on no roster (ZZ000 … ZZ022, one row each, from row 3) and one more on no roster, ZZ900,
    in rows 4, 6, 8, 10 and 12 (between the first of them): 28 records on no roster, 24 ids."""
    known = _county_cadres(sample, "棠梨县", 1)[0]
    unknown = [f"ZZ{i:03d}" for i in range(23)]
    cadres = [known]
    for cadre in unknown:
        cadres += [cadre, "ZZ900"] if len(cadres) < 10 else [cadre]
    lines = ["人员编号,培训项目,培训类别,培训领域,培训形式,组织方式,学时,培训日期"]
    lines += [f"{cadre},专题班{i},政治能力,党的理论,线下,集体,4,2026-06-10" for i, cadre in enumerate(cadres)]
    path = tmp_path / "培训_未在册.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_cadre_ids_on_no_roster_are_named_with_their_rows_and_column(sample, tmp_path):
    """A count alone ("28 records have a cadre id on no roster") left the office to search its file: the preview
    names the first ids in the order of their rows, each with its first rows, under the file's own header, and how
    many more there are (a tester's report of 2026-12-07)."""
    preview, effects = effects_of(sample, _unknown_ids_file(tmp_path, sample))
    assert (effects.unknown_cadres, effects.unknown_ids, len(effects.unknown_listed)) == (28, 24, 20)
    assert [c.cadre_id for c in effects.unknown_listed[:3]] == ["ZZ000", "ZZ900", "ZZ001"]
    assert effects.unknown_listed[1] == UnknownCadre("ZZ900", (4, 6, 8), 5)
    assert unknown_cadres_text(preview, effects, "zh") == (
        "有 28 条记录的干部编号不在任何花名册中（仍可导入，但不属于任何县区）。「人员编号」列中共有 24 个这样的"
        "编号：ZZ000（第 3 行）；ZZ900（第 4、6、8 行，另有 2 行）；"
        "ZZ001（第 5 行）；ZZ002（第 7 行）；ZZ003（第 9 行）；"
        "ZZ004（第 11 行）；ZZ005（第 13 行）；ZZ006（第 14 行）；"
        "ZZ007（第 15 行）；ZZ008（第 16 行）；ZZ009（第 17 行）；"
        "ZZ010（第 18 行）；ZZ011（第 19 行）；ZZ012（第 20 行）；"
        "ZZ013（第 21 行）；ZZ014（第 22 行）；ZZ015（第 23 行）；"
        "ZZ016（第 24 行）；ZZ017（第 25 行）；ZZ018（第 26 行）；"
        "另有 4 个编号。"
    )
    english = unknown_cadres_text(preview, effects, "en")
    assert english.startswith(
        "28 records have a cadre id on no roster (they import, but belong to no county). Column "
        "“人员编号” holds 24 such ids: ZZ000 (row 3); ZZ900 (rows 4, 6, 8 and 2 more); ZZ001 (row 5); "
    )
    assert english.endswith("; ZZ018 (row 26); and 4 more.")


@pytest.mark.slow
def test_a_workbook_names_the_id_column_with_its_letter_and_all_ids_when_few(sample):
    """Ids in a workbook's column C are named under its header and letter, as problems name a column; with every
    id listed, no "more" is said; a file without such ids says nothing."""
    known = _county_cadres(sample, "棠梨县", 1)[0]
    header = ["培训项目", "学时", "干部编号", "培训类别", "培训领域", "培训形式", "组织方式", "培训日期"]
    rows = [header] + [
        ["专题班", 4, cadre, "政治能力", "党的理论", "线下", "集体", f"2026-06-{day:02d}"]
        for day, cadre in enumerate([known, "ZZ1", known, "ZZ1"], start=1)
    ]
    preview = parse_file("培训.xlsx", xlsx_bytes(rows), current_reference(sample))
    effects = import_effects(sample, preview)
    assert unknown_cadres_text(preview, effects, "zh") == (
        "有 2 条记录的干部编号不在任何花名册中（仍可导入，但不属于任何县区）。"
        "「干部编号 (C)」列中共有 1 个这样的编号：ZZ1（第 3、5 行）。"
    )
    assert unknown_cadres_text(preview, effects, "en").endswith(
        "Column “干部编号 (C)” holds 1 such id: ZZ1 (rows 3, 5)."
    )
    on_roster = parse_file("培训.xlsx", xlsx_bytes(rows[:2]), current_reference(sample))
    nobody = import_effects(sample, on_roster)
    assert (nobody.unknown_cadres, nobody.unknown_listed, unknown_cadres_text(on_roster, nobody, "zh")) == (0, (), "")
