"""The importer against every row of the data contract: exact parsed values or the exact located message."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pytest
from conftest import data_file, import_ok, race_csv, xls_bytes, xlsx_bytes

from incentive import periods
from incentive.intake.ingest import Reference, parse_file
from incentive.intake.preview import imported_skipped_text, skipped_text
from incentive.store import batches
from incentive.store.database import Database
from incentive.store.reference import current_reference


def values(preview) -> list[tuple]:
    """(period, county, township, indicator, value) with NaN shown as None, in file order."""
    return [
        (r.period, r.county, r.township, r.indicator, None if r.value is None or math.isnan(r.value) else r.value)
        for r in preview.rows.itertuples()
    ]


def messages(preview, lang="zh") -> list[str]:
    return preview.problem_texts(lang)


# ------------------------------------------------------------------ kinds


def test_regions_csv_with_county_rows_and_townships(db):
    preview = parse_file("regions.csv", data_file("regions.csv"), current_reference(db))
    assert preview.kind == "regions"
    assert preview.rows[["county", "township", "county_code"]].values.tolist() == [
        ["云岫县", "安坝镇", "990001"],
        ["云岫县", "碧岗街道", "990001"],
        ["云峤县", "丹埠镇", "990002"],
        ["澄溪县", "", "990003"],
        ["枫岚区", "", "990004"],
    ]


def test_indicator_catalog_codes_directions_weights_targets(db):
    preview = parse_file("indicators.csv", data_file("indicators.csv"), current_reference(db))
    assert preview.kind == "indicators"
    rows = preview.rows.set_index("code")
    assert rows.loc["R02", ["domain", "track", "direction", "weight", "target"]].tolist() == [
        "race",
        "基层治理",
        "lower",
        5.0,
        0.0,
    ]
    assert rows.loc["W01", ["domain", "unit", "target"]].tolist() == ["welfare", "%", 95.0]
    assert math.isnan(rows.loc["R01", "target"])
    assert set(rows["effective_from"]) == {""}


def test_race_track_required(db):
    data = "指标代码,指标名称,类别,赛道,单位,方向,权重\nR9,新指标,赛马,,个,正向,3\n".encode()
    preview = parse_file("ind.csv", data, current_reference(db))
    assert messages(preview) == ["文件「ind.csv」，第 2 行，「赛道」列，值「」：赛马指标必须填写赛道。"]


def test_race_scores_long_with_number_forms_and_missing(catalog_db):
    preview = parse_file("race_long.csv", data_file("race_long.csv"), current_reference(catalog_db))
    assert preview.kind == "race_scores" and not preview.problems
    assert values(preview) == [
        ("2025-Q2", "云岫县", "", "R01", 1234.0),  # thousands separator
        ("2025-Q2", "云岫县", "安坝镇", "R01", 56.0),  # full-width digits
        ("2025-Q2", "云峤县", "", "R02", None),  # "-" is missing, never zero
        ("2025-Q2", "澄溪县", "", "R03", 85.0),  # "85%" stored as 85; 澄溪 -> 澄溪县
        ("2025-Q2", "枫岚区", "", "R01", -3.2),  # a negative number is a value (an amount: no bound)
    ]
    assert [n.text("zh") for n in preview.notes] == [
        "「澄溪」按「澄溪县」导入（1 行）。",
        "「数值」列 1 个数值单元格含全角字符（如全角数字），按半角读入，如第 3 行「５６」→「56」。",  # said, not silent
        "1 个单元格写作「-」，按缺失（无数值）读入，不按 0 计（如第 4 行「数值」列「-」）；排名按规则处理缺失值。"
        "如本意是 0，请填写 0 后重新导入。",
    ]


def test_welfare_long_is_told_apart_by_indicator_domain(catalog_db):
    data = "考核期,县区,指标名称,完成值\n2025年上半年,云岫县,年度体检完成率,96.5%\n2025年上半年,云峤县,W02,\n"
    preview = parse_file("w.csv", data.encode(), current_reference(catalog_db))
    assert preview.kind == "welfare"
    assert values(preview) == [("2025-H1", "云岫县", "", "W01", 96.5), ("2025-H1", "云峤县", "", "W02", None)]


def test_a_long_values_file_without_its_value_column_is_refused_not_read_as_blanks(catalog_db):
    """A value column headed with no name of it (完成情况) was read as no column: every value blank, and importing
    blanked the stored values of those indicators and periods (review of 2026-12-05)."""
    data = "考核期,县区,指标名称,完成情况\n2025年上半年,云岫县,年度体检完成率,96.5%\n".encode()
    preview = parse_file("w.csv", data, current_reference(catalog_db))
    assert not preview.importable and preview.fatal
    assert messages(preview) == [
        "文件「w.csv」，第 1 行：表头中没有数值列：每行一个指标的文件须有一列数值，列名为「数值」、「得分」、「指标值」、"
        "「完成值」、「分值」之一。未识别的列：「完成情况」；若其中一列是数值，请把列名改为上述之一。"
    ]
    bare = parse_file(
        "w.csv", "考核期,县区,指标名称\n2025年上半年,云岫县,W01\n".encode(), current_reference(catalog_db)
    )
    assert messages(bare, "en") == [
        "File “w.csv”, row 1: The header has no column of values: a file with one indicator a row needs one, headed"
        " “数值”, “得分”, “指标值”, “完成值”, “分值”."
    ]


def test_roster_with_as_of_in_title(catalog_db):
    preview = parse_file("roster.csv", data_file("roster_title.csv"), current_reference(catalog_db))
    assert preview.kind == "roster" and not preview.problems
    first, second = preview.rows.to_dict("records")
    assert first["as_of"] == dt.date(2025, 6, 30) and second["as_of"] == dt.date(2025, 6, 30)
    assert (second["county"], second["gender"], second["birth_year"]) == ("云峤县", "F", 1979)
    assert [n.text("en") for n in preview.notes] == [
        "As-of date: 2025-06-30 (from the title).",
        "“云峤” read as “云峤县” (1 row).",
    ]


def test_roster_without_as_of_is_refused_unless_given(catalog_db):
    data = "干部编号,县区,单位,职级,性别,出生年份\nA1,云岫县,安坝镇,一级科员,男,1990\n".encode()
    refused = parse_file("r.csv", data, current_reference(catalog_db))
    assert not refused.importable
    assert messages(refused, "en") == [
        "File “r.csv”: The roster has no as-of date (no column, none in the title); enter it."
    ]
    given = parse_file("r.csv", data, current_reference(catalog_db), as_of="2025/12/31")
    assert given.importable and given.rows["as_of"].tolist() == [dt.date(2025, 12, 31)]


def test_training_tsv_with_date_forms_and_enums(db):
    preview = parse_file("training.tsv", data_file("training.tsv"), current_reference(db))
    assert preview.kind == "training" and not preview.problems
    assert preview.rows[["category", "mode", "organized", "hours", "date"]].values.tolist() == [
        ["professional", "offline", "collective", 16.0, dt.date(2025, 6, 3)],
        ["political", "online", "individual", 2.5, dt.date(2025, 6, 30)],
        ["innovation", "offline", "collective", 8.0, dt.date(2025, 6, 30)],  # Excel serial 45838
    ]


def test_movements_actions_and_dotted_dates(db):
    preview = parse_file("movements.csv", data_file("movements.csv"), current_reference(db))
    assert preview.kind == "movements"
    assert preview.rows[["cadre_id", "date", "action"]].values.tolist() == [
        ["A0001", dt.date(2025, 6, 30), "promotion"],
        ["A0002", dt.date(2025, 7, 1), "fault_tolerance"],
    ]


def test_enum_error_lists_allowed_values(db):
    data = "干部编号,调整日期,调整类型\nA1,2025-01-02,升官\n".encode()
    preview = parse_file("m.csv", data, current_reference(db))
    assert messages(preview) == [
        "文件「m.csv」，第 2 行，「调整类型」列，值「升官」：不是允许的值，应为："
        "提拔、晋升职级、平职调整、转任、降职、免职、问责、容错免责。"
    ]


# ------------------------------------------------------------------ wide layouts


def test_wide_with_period_in_title_unit_note_and_total_row(catalog_db):
    preview = parse_file("wide.csv", data_file("race_wide_title.csv"), current_reference(catalog_db))
    assert preview.kind == "race_scores" and not preview.problems
    assert preview.header_row == 4
    assert values(preview) == [
        ("2025-Q2", "云岫县", "", "R01", 120.5),
        ("2025-Q2", "云岫县", "", "R02", 2.0),
        ("2025-Q2", "云岫县", "", "R03", 96.0),
        ("2025-Q2", "云峤县", "", "R01", 98.0),
        ("2025-Q2", "云峤县", "", "R02", 0.0),
        ("2025-Q2", "云峤县", "", "R03", 91.5),
        ("2025-Q2", "澄溪县", "", "R01", None),
        ("2025-Q2", "澄溪县", "", "R02", 1.0),
        ("2025-Q2", "澄溪县", "", "R03", None),
    ]
    assert [n.text("zh") for n in preview.notes] == [
        "已忽略合计/平均行（共 1 行）：第 8 行。",
        "考核期取自标题：2025-Q2。",
        "已忽略非指标列：序号、总分、排名。",
        "2 个单元格写作「—」、「无」，按缺失（无数值）读入，不按 0 计（如第 7 行「招商引资额」列「—」）；排名按规则处理缺失值。"
        "如本意是 0，请填写 0 后重新导入。",
    ]


def test_wide_with_period_column(catalog_db):
    data = "考核期,县区,招商引资额,企业诉求办结率\n2025-06,云岫县,10,0.9\n2025年6月,澄溪县,20,0.95\n".encode()
    preview = parse_file("w.csv", data, current_reference(catalog_db))
    # Values of a % indicator that look like fractions are kept as written without a percent format (real growth
    # rates of 0.9 % exist): a note says so (docs/decisions.md#percent-cells).
    assert values(preview) == [
        ("2025-06", "云岫县", "", "R01", 10.0),
        ("2025-06", "云岫县", "", "R03", 0.9),
        ("2025-06", "澄溪县", "", "R01", 20.0),
        ("2025-06", "澄溪县", "", "R03", 0.95),
    ]
    assert (
        "指标「企业诉求办结率」中未设百分比格式、单元格中未写 % 的 2 个数值都不超过 1.5（如第 2 行「0.9」），像是小数形式的百分比，"
        "已按原值导入。"
        "若本意是百分数，请把单元格设为百分比格式或写成「85%」后重新导入。"
    ) in [n.text("zh") for n in preview.notes]


def test_a_fraction_among_percents_is_pointed_out(catalog_db):
    """docs/decisions.md#percent-cells: a value that looks like a fraction is kept as written and the preview
    warns. One 0.9 among 96 and 95 (a clerk who typed the fraction in one row) said nothing: only when every value
    of the indicator was at most 1.5 was there a note, so a first import stored 0.9 % for 90 % silently."""
    data = (
        "考核期,县区,指标,数值\n2025H1,云岫县,W01,96\n2025H1,云峤县,W01,0.9\n2025H1,澄溪县,W01,95\n"
        "2025H1,枫岚区,W01,92%\n2025H1,云岫县,W02,100\n2025H1,云峤县,W02,99\n"
    ).encode()
    preview = parse_file("关爱.csv", data, current_reference(catalog_db))
    assert preview.importable and ("2025-H1", "云峤县", "", "W01", 0.9) in values(preview)
    zh = [n.text("zh") for n in preview.notes]
    en = [n.text("en") for n in preview.notes]
    assert [n for n in zh if "年度体检完成率" in n and "第 3 行「0.9」" in n and "小数形式的百分比" in n]
    assert [n for n in en if "年度体检完成率" in n and "row 3" in n and "fraction" in n]
    assert not [n for n in zh if "谈心谈话覆盖率" in n]


def test_value_cells_written_in_full_width_digits_are_read_and_said(catalog_db):
    """「９３.８%」 and 「８６」 were read as 93.8 and 86 with no note, where a name's cleanup is noted (a tester's
    finding of 2026-12-07): one note per column, with the count, the first row and the cell as read."""
    data = (
        "考核期,县区,指标,数值\n2025H1,云岫县,W01,９３.８%\n2025H1,云峤县,W01,95\n2025H1,澄溪县,W01,８６\n"
    ).encode()
    preview = parse_file("关爱.csv", data, current_reference(catalog_db))
    assert preview.importable
    assert [v[-1] for v in values(preview)] == [93.8, 95, 86]
    assert [n.text("zh") for n in preview.notes if n.key == "note_number_full_width"] == [
        "「数值」列 2 个数值单元格含全角字符（如全角数字），按半角读入，如第 2 行「９３.８%」→「93.8%」。"
    ]
    assert [n.text("en") for n in preview.notes if n.key == "note_number_full_width"] == [
        "Column “数值”: 2 number cells written with full-width characters (such as full-width digits) read as "
        "half-width, e.g. row 2: “９３.８%” → “93.8%”."
    ]


def test_small_values_of_a_percent_that_is_usually_small_are_not_pointed_out(catalog_db):
    """Growth rates of 0.8 % beside 3.2 % are real: only a value far below the indicator's usual size (its median
    above 10) is pointed out."""
    data = "考核期,县区,指标,数值\n2025Q2,云岫县,R03,3.2\n2025Q2,云峤县,R03,0.8\n2025Q2,澄溪县,R03,5.1\n".encode()
    preview = parse_file("得分.csv", data, current_reference(catalog_db))
    assert preview.importable and not [n for n in preview.notes if "fraction" in n.text("en")]


# The same fractions under a % heading, as a tester's files wrote them: the header's brackets, a unit row under the
# header, a long file's indicator name or value header; CSV and workbook alike.
PERCENT_HEADED = {
    "header": [["考核期", "县区", "企业诉求办结率（%）", "招商引资额"], ["2025Q2", "云岫县", 0.95, 10]],
    "unit row": [
        ["考核期", "县区", "企业诉求办结率", "招商引资额"],
        [None, None, "%", "万元"],
        ["2025Q2", "云岫县", 0.95, 10],
    ],
    "long name": [["考核期", "县区", "指标", "数值"], ["2025Q2", "云岫县", "企业诉求办结率（%）", 0.95]],
    "long value header": [["考核期", "县区", "指标", "数值（%）"], ["2025Q2", "云岫县", "R03", 0.95]],
}


@pytest.mark.parametrize("layout", PERCENT_HEADED)
@pytest.mark.parametrize("workbook", [False, True], ids=["csv", "xlsx"])
@pytest.mark.slow
def test_fractions_under_a_percent_heading_are_pointed_out(catalog_db, layout, workbook):
    """docs/decisions.md#percent-cells: a column declared in % says nothing about a 0.95 in it: an office that
    writes fractions writes them under a % heading just as well. Only a % in the cell or a percent format marks a
    value as a percent. The header's （%） or a % unit row kept the note away, and 0.95 % was stored in silence."""
    rows = PERCENT_HEADED[layout]
    more = [["2025Q2", "澄溪县", *rows[-1][2:-1], 0.9] if "long" in layout else ["2025Q2", "澄溪县", 0.9, 20]]
    if workbook:
        data, name = xlsx_bytes(rows + more), "得分.xlsx"
    else:
        text = "".join(",".join("" if v is None else str(v) for v in row) + "\n" for row in rows + more)
        data, name = text.encode(), "得分.csv"
    preview = parse_file(name, data, current_reference(catalog_db))
    assert preview.importable, preview.problem_texts("en")
    assert [v[4] for v in values(preview) if v[3] == "R03"] == [0.95, 0.9]  # kept as written, never guessed
    first = len(rows)  # the first value's row: the header's (and unit row's) after
    assert (
        "指标「企业诉求办结率」中未设百分比格式、单元格中未写 % 的 2 个数值都不超过 1.5"
        f"（如第 {first} 行「0.95」），像是小数形式的百分比，已按原值导入。"
        "若本意是百分数，请把单元格设为百分比格式或写成「85%」后重新导入。"
    ) in notes(preview)
    assert [n for n in notes(preview, "en") if n.startswith("The 2 values of indicator “企业诉求办结率”")]


def test_a_fraction_among_percents_under_a_percent_header_is_pointed_out(catalog_db):
    """One 0.9 among 96 and 95 under 企业诉求办结率（%）: pointed out as it is without the brackets."""
    data = "考核期,县区,企业诉求办结率（%）\n2025Q2,云岫县,96\n2025Q2,云峤县,0.9\n2025Q2,澄溪县,95\n".encode()
    preview = parse_file("得分.csv", data, current_reference(catalog_db))
    assert preview.importable and [v[4] for v in values(preview)] == [96.0, 0.9, 95.0]
    assert [n for n in notes(preview) if "第 3 行「0.9」" in n and "中位数为 95.5" in n]


@pytest.mark.slow
def test_percents_written_with_a_sign_are_not_pointed_out_under_a_percent_header(catalog_db):
    """A % in the cell, or a percent format, is what says "percent" per cell: 0.9% there is a real 0.9 %."""
    data = "考核期,县区,企业诉求办结率（%）\n2025Q2,云岫县,0.9%\n2025Q2,云峤县,1.2%\n".encode()
    preview = parse_file("得分.csv", data, current_reference(catalog_db))
    assert preview.importable and [v[4] for v in values(preview)] == [0.9, 1.2]
    assert not [n for n in preview.notes if "fraction" in n.text("en")]
    rows = [["考核期", "县区", "企业诉求办结率（%）"], ["2025Q2", "云岫县", 0.009], ["2025Q2", "云峤县", 0.012]]
    formatted = parse_file(
        "得分.xlsx", xlsx_bytes(rows, formats={"C2": "0.0%", "C3": "0.0%"}), current_reference(catalog_db)
    )
    assert [v[4] for v in values(formatted)] == [0.9, 1.2]
    assert [n.key for n in formatted.notes] == ["note_percent_format"]


def test_the_usual_size_of_a_fraction_note_counts_the_values_written_with_percent(catalog_db):
    """The median of "the others" in the note is of every other value in percent, those written 95% and 100%
    too: it said 93.75 (of 95.5 and 92 alone) where 95.25 is right."""
    data = (
        "考核期,县区,企业诉求办结率\n2025Q2,云岫县,0.95\n2025Q2,云峤县,95%\n2025Q2,澄溪县,95.5\n"
        "2025Q2,枫岚区,92\n2025Q2,云峤县,100%\n"
    ).encode()
    preview = parse_file("得分.csv", data, current_reference(catalog_db), skip_invalid=True)
    assert [n for n in notes(preview) if "有 1 个" in n and "第 2 行「0.95」" in n and "中位数为 95.25" in n]
    assert [n for n in notes(preview, "en") if "row 2, “0.95”" in n and "a median of 95.25" in n]


def test_fractions_among_percents_written_with_a_sign_are_pointed_out(catalog_db):
    """Every value without a % is a fraction, the others are written 96% and 95%: the note gives their median."""
    data = "考核期,县区,企业诉求办结率\n2025Q2,云岫县,96%\n2025Q2,云峤县,0.9\n2025Q2,澄溪县,95%\n".encode()
    preview = parse_file("得分.csv", data, current_reference(catalog_db))
    assert [n for n in notes(preview, "en") if "1 value" in n and "row 3, “0.9”" in n and "a median of 95.5" in n]


def test_unit_notes_name_the_first_row_in_english():
    data = "考核期,县区,指标,数值\n2025Q2,云岫县,招商引资额,880\n2025Q2,云峤县,重点项目投资完成额,32000万元\n".encode()
    preview = parse_file("u.csv", data, MONEY_CATALOG)
    assert notes(preview, "en") == [
        "Column “数值”: 1 cell in ten thousand yuan converted to hundred million yuan (×0.0001), e.g. row 3: "
        "“32000万元” → 3.2."
    ]


def test_wide_without_period_needs_one(catalog_db):
    data = "县区,招商引资额\n云岫县,10\n".encode()
    refused = parse_file("w.csv", data, current_reference(catalog_db))
    assert messages(refused) == ["文件「w.csv」：文件中没有考核期（既无「考核期」列，标题中也没有），请填写考核期。"]
    given = parse_file("w.csv", data, current_reference(catalog_db), period="2025年第三季度")
    assert values(given) == [("2025-Q3", "云岫县", "", "R01", 10.0)]


def test_wide_title_period_conflicting_with_column_is_refused(catalog_db):
    data = "2025年第二季度得分表\n考核期,县区,招商引资额\n2025Q3,云岫县,10\n".encode()
    preview = parse_file("w.csv", data, current_reference(catalog_db))
    assert not preview.importable
    assert messages(preview) == [
        "文件「w.csv」，第 3 行，「考核期」列，值「2025-Q3」：标题中的考核期 2025-Q2 与「考核期」列 2025-Q3 不一致。"
    ]


def test_wide_before_catalog_is_refused_clearly(db):
    data = "2025年第二季度得分表\n县区,招商引资额,安全生产事故起数\n云岫县,10,1\n".encode()
    preview = parse_file("w.csv", data, current_reference(db))
    assert messages(preview) == ["文件「w.csv」：请先导入指标目录，再导入考评或关爱数据。"]


def test_wide_mixing_race_and_welfare_is_refused(catalog_db):
    data = "县区,招商引资额,年度体检完成率\n云岫县,10,90\n".encode()
    preview = parse_file("w.csv", data, current_reference(catalog_db), period="2025")
    assert messages(preview, "en") == [
        "File “w.csv”: The file mixes race and welfare indicators (招商引资额; "
        "年度体检完成率); split it into two files."
    ]


# ------------------------------------------------------------------ encodings and formats


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_encodings(catalog_db, encoding):
    text = data_file("race_long.csv").decode("utf-8").replace("５６", "56")  # ５ has no GBK code? keep it simple
    preview = parse_file("race.csv", text.encode(encoding), current_reference(catalog_db))
    assert preview.kind == "race_scores" and not preview.problems
    assert values(preview)[0] == ("2025-Q2", "云岫县", "", "R01", 1234.0)


def test_excel_unicode_text_is_utf16_with_tabs(catalog_db):
    text = "考核期\t县区\t指标\t数值\r\n2025Q2\t云岫县\tR01\t7\r\n"
    preview = parse_file("unicode.txt", text.encode("utf-16"), current_reference(catalog_db))
    assert values(preview) == [("2025-Q2", "云岫县", "", "R01", 7.0)]


def test_xlsx_with_instruction_sheet_blank_rows_merged_title_and_header(catalog_db):
    rows = [
        [],
        ["2025年第二季度赛马考评得分表"],
        [],
        ["县区", "项目建设", None],
        [None, "招商引资额", "安全生产事故起数"],
        ["云岫县", 12.5, 1],
        ["平均", 12.5, 1],
    ]
    data = xlsx_bytes(
        rows, before=[("填表说明", [["请按模板填写"], ["县区", "说明"]])], merges=["A2:C2", "A4:A5", "B4:C4"]
    )
    preview = parse_file("score.xlsx", data, current_reference(catalog_db))
    assert preview.sheet == "数据" and preview.header_row == 5
    assert values(preview) == [("2025-Q2", "云岫县", "", "R01", 12.5), ("2025-Q2", "云岫县", "", "R02", 1.0)]
    assert "已跳过工作表：填表说明。" in [n.text("zh") for n in preview.notes]


@pytest.mark.slow
def test_xlsx_problem_names_excel_row_and_column_letter(catalog_db):
    rows = [[], [], ["考核期", "县区", "指标", "数值"], ["2025Q2", "黑山县", "招商引资额", "abc"]]
    preview = parse_file("s.xlsx", xlsx_bytes(rows), current_reference(catalog_db))
    assert messages(preview) == [
        "文件「s.xlsx」，工作表「数据」，第 4 行，「县区 (B)」列，值「黑山县」：县区不存在于行政区划中。",
        "文件「s.xlsx」，工作表「数据」，第 4 行，「数值 (D)」列，值「abc」：不是数字。",
    ]


def test_xlsx_percent_formatted_cells_arrive_as_fractions(catalog_db):
    rows = [["考核期", "县区", "指标", "数值"], ["2025Q2", "云岫县", "R03", 0.85], ["2025Q2", "云峤县", "R03", 0.9]]
    preview = parse_file("p.xlsx", xlsx_bytes(rows, percent_cells=["D2", "D3"]), current_reference(catalog_db))
    assert [v[4] for v in values(preview)] == [85.0, 90.0]


@pytest.mark.slow
def test_xlsx_hidden_sheet_is_used_only_when_nothing_visible_matches(catalog_db):
    good = [["考核期", "县区", "指标", "数值"], ["2025Q2", "云岫县", "R01", 5]]
    data = xlsx_bytes(good, sheet="隐藏", before=[("说明", [["说明文字"]])], hidden=["隐藏"])
    preview = parse_file("h.xlsx", data, current_reference(catalog_db))
    assert preview.sheet == "隐藏" and values(preview) == [("2025-Q2", "云岫县", "", "R01", 5.0)]
    # the sheet the clerk does not see is said, in the preview and so on the CLI, which names no sheet otherwise
    assert "数据取自隐藏的工作表「隐藏」；如不应导入，请检查该工作簿。" in [n.text("zh") for n in preview.notes]
    assert "The data come from the hidden sheet “隐藏”; if they should not, check the workbook." in [
        n.text("en") for n in preview.notes
    ]


@pytest.mark.slow
def test_legacy_xls(catalog_db):
    rows = [["考核期", "县区", "指标", "数值"], ["2025年二季度", "云岫县", "招商引资额", 7.5]]
    preview = parse_file("old.xls", xls_bytes(rows), current_reference(catalog_db))
    assert values(preview) == [("2025-Q2", "云岫县", "", "R01", 7.5)]


def test_xlsx_dates_and_serials(db):
    rows = [
        ["干部编号", "调整日期", "调整类型"],
        ["A1", dt.datetime(2025, 3, 4), "提拔"],
        ["A2", 45838, "问责"],
        ["A3", "2025年6月30日", "降职"],
    ]
    preview = parse_file("m.xlsx", xlsx_bytes(rows), current_reference(db))
    assert preview.rows["date"].tolist() == [dt.date(2025, 3, 4), dt.date(2025, 6, 30), dt.date(2025, 6, 30)]


# ------------------------------------------------------------------ unreadable files


@pytest.mark.parametrize(
    "name,data,expected",
    [
        ("empty.csv", b"", "文件「empty.csv」：文件是空的。"),
        ("blank.csv", b"\r\n \r\n", "文件「blank.csv」：文件是空的。"),
        (
            "bin.csv",
            b"\x00\x01\x02\x03" * 100,
            "文件「bin.csv」：这不是文本表格文件（含二进制内容），请上传 CSV 或 Excel 文件。",
        ),
        (
            "broken.xlsx",
            b"PK\x03\x04 not really a zip",
            "文件「broken.xlsx」：文件是 zip 压缩格式（.xlsx 本身就是 zip 格式），但已损坏或不完整，常见于下载或拷贝中断。"
            "请重新导出或重新拷贝原文件后再上传。",
        ),
        (
            "web.xls",
            b"<html><body><p>no table here</p></body></html>",
            "文件「web.xls」：这是网页（HTML）文件，其中没有表格。请上传 Excel 或 CSV 文件；如是从网页系统导出的，请用 Excel 或 WPS "
            "打开后另存为 .xlsx 再上传。",
        ),
        (
            "x.pdf",
            b"%PDF-1.4",
            "文件「x.pdf」：这是 PDF 文件，无法从中读取表格数据。请上传原始的 Excel（.xlsx/.xls）或 CSV 文件。",
        ),
        (
            "noheader.csv",
            b"a,b\n1,2\n",
            "文件「noheader.csv」：未找到可识别的表头。需要的列，例如：县区、考核期、指标、干部编号、培训项目、指标代码。",
        ),
    ],
)
def test_unreadable_files_get_one_sentence(db, name, data, expected):
    preview = parse_file(name, data, current_reference(db))
    assert not preview.importable and messages(preview) == [expected]


def test_a_header_lacking_a_required_column_is_told_which(catalog_db):
    """A training file without 学时 under a title row: the header row that comes nearest, and what it lacks, not
    "no recognisable header" (a fresh user's review); the kind chosen by hand is told the same."""
    rows = "\n".join(f"A{i:04d},专题班,专业能力,乡村振兴,线下,集体,2025-06-0{i}" for i in range(1, 4))
    data = f"2025年培训台账\n干部编号,培训项目,培训类别,培训领域,培训方式,组织形式,培训日期\n{rows}\n".encode("gbk")
    expected = (
        "文件「t.csv」，第 2 行：表头像「培训记录」，但缺少必填列：学时。请补上这些列（列名见「下载填报模板」），"
        "或检查列名是否写错。"
    )
    for kind in (None, "training"):
        preview = parse_file("t.csv", data, current_reference(catalog_db), kind=kind)
        assert not preview.importable and messages(preview) == [expected]
    # one required column of a kind is too little to say what the file is meant to be
    preview = parse_file("c.csv", "干部编号,备注\nA0001,无\n".encode(), current_reference(catalog_db))
    assert [p.key for p in preview.problems] == ["no_header"]


def test_a_file_of_another_kind_than_the_one_chosen_is_told_the_kind_its_header_matches(catalog_db):
    """A roster uploaded with the kind forced to 培训记录 was told its header looked like training records and
    lacked seven columns (a fresh tester's finding): the header is named as the kind it matches, and the choice as
    differing. A training file chosen as training but lacking a column is still told which."""
    roster = (
        "干部编号,姓名,县区,单位,职级,性别,出生年份,统计日期\nA0001,某某,云岫县,安坝镇,一级科员,男,1988,2025-06-30\n"
    )
    preview = parse_file("r.csv", roster.encode("gbk"), current_reference(catalog_db), kind="training")
    assert messages(preview) == [
        "文件「r.csv」，第 1 行：所选文件类型为「培训记录」，但表头是「干部花名册」的表头。请改选「干部花名册」后重新导入，"
        "或检查是否上传错了文件。"
    ]
    race = xlsx_bytes(
        [["考核期", "县区", "指标", "数值"], ["2025Q2", "云岫县", "R01", 5]], before=[("封面", [["说明"]])]
    )
    preview = parse_file("s.xlsx", race, current_reference(catalog_db), kind="roster")
    assert messages(preview, "en") == [
        "File “s.xlsx”, sheet “数据”, row 1: The kind chosen is “cadre roster”, but the header is that of “race scores "
        "or welfare indicators”. Choose “race scores or welfare indicators” and import again, or check that this is "
        "the file meant."
    ]
    assert parse_file("w.csv", race_csv("2025Q2", ["云岫县"]), current_reference(catalog_db), kind="welfare").fatal


def test_a_header_lacking_a_column_is_placed_by_sheet_and_row_as_seen(catalog_db):
    """In a workbook, the refusal names the sheet holding the nearest header (the first sheet is a cover) and its
    row as Excel numbers it, blank rows above counted; in a CSV, the line as the editor numbers it."""
    header = ["干部编号", "培训项目", "培训类别", "培训领域", "培训方式", "组织形式", "培训日期"]
    body = [[f"A000{i}", "专题班", "专业能力", "乡村振兴", "线下", "集体", f"2025-06-0{i}"] for i in range(1, 4)]
    data = xlsx_bytes(
        [[], ["2025年培训台账"], [], header, *body], sheet="台账", before=[("封面", [["说明"], ["见下表"]])]
    )
    preview = parse_file("t.xlsx", data, current_reference(catalog_db))
    assert messages(preview) == [
        "文件「t.xlsx」，工作表「台账」，第 4 行：表头像「培训记录」，但缺少必填列：学时。请补上这些列（列名见「下载填报模板」），"
        "或检查列名是否写错。"
    ]
    text = "\n\n" + ",".join(header) + "\n" + "\n".join(",".join(row) for row in body) + "\n"
    preview = parse_file("t.csv", text.encode(), current_reference(catalog_db))
    assert [(p.key, p.row) for p in preview.problems] == [("no_header_near", 3)]


def test_header_only_file(catalog_db):
    preview = parse_file("h.csv", "考核期,县区,指标,数值\n".encode(), current_reference(catalog_db))
    assert messages(preview) == ["文件「h.csv」：表头下没有数据行。"]


# ------------------------------------------------------------------ names, keys, rules


def test_unknown_county_suggests_the_close_one(catalog_db):
    data = "考核期,县区,指标,数值\n2025Q2,澄西县,R01,1\n".encode()
    preview = parse_file("s.csv", data, current_reference(catalog_db))
    assert messages(preview) == [
        "文件「s.csv」，第 2 行，「县区」列，值「澄西县」：县区不存在于行政区划中。 是否为「澄溪县」？"
    ]


def test_ambiguous_county_lists_candidates(db):
    import_ok(db, "r.csv", "县区\n云岫县\n云岫区\n".encode())
    import_ok(db, "i.csv", data_file("indicators.csv"))
    preview = parse_file("s.csv", "考核期,县区,指标,数值\n2025Q2,云岫,R01,1\n".encode(), current_reference(db))
    assert messages(preview) == ["文件「s.csv」，第 2 行，「县区」列，值「云岫」：名称不唯一，可能是：云岫区、云岫县。"]


def test_a_township_left_blank_below_its_countys_townships_is_refused_not_read_as_the_county(catalog_db):
    """A wide file of one county's townships with one 乡镇 cell left blank read that row as the county's own and
    overwrote all the county's values (a fresh tester's finding): the row is refused, naming file, row and column,
    and skipping invalid rows drops it alone (docs/decisions.md#township-left-blank)."""
    wide = "县区,乡镇,招商引资额,安全生产事故起数\n云岫县,安坝镇,10,1\n云岫县,,20,0\n云岫县,碧岗街道,30,2\n"
    sheet = [["云岫县2025年第二季度乡镇赛马考评得分表"], *[line.split(",") for line in wide.splitlines()]]
    expected = "第 3 行，「乡镇」列：乡镇为空"
    for name, data, where in (
        ("w.csv", ("2025年第二季度乡镇赛马考评得分表\n" + wide).encode(), "文件「w.csv」，第 4 行，「乡镇」列"),
        ("w.xlsx", xlsx_bytes(sheet), "文件「w.xlsx」，工作表「数据」，第 4 行，「乡镇 (B)」列"),
        ("l.csv", "考核期,县区,乡镇,指标,数值\n2025Q2,云岫县,安坝镇,R01,10\n2025Q2,云岫县,,R01,20\n".encode(), ""),
        ("c.csv", "考核期,县区,乡镇,指标,数值\n2025Q2,云岫县,安坝镇,W01,90\n2025Q2,云岫县,,W01,95\n".encode(), ""),
    ):
        preview = parse_file(name, data, current_reference(catalog_db))
        assert not preview.importable
        [message] = messages(preview)
        assert (where or f"文件「{name}」，" + expected[:4]) in message
        assert (
            "乡镇为空（或只写了「—」「无」等空白记号），而上面的行填写了该县区的乡镇：此行不按县区本级数据导入（否则会覆盖该县区的数值）"
            in message
        )
        skipped = parse_file(name, data, current_reference(catalog_db), skip_invalid=True)
        assert skipped.importable and "" not in set(skipped.rows["township"])
    assert messages(preview, "en") == [
        "File “c.csv”, row 3, column “乡镇”: is blank (or only a marker such as — or 无) below rows naming townships "
        "of its county: the row is not read "
        "as the county's own figures (that would overwrite the county's values). Fill in the township; put a "
        "county's own figures above its townships' rows, or import them in a file of their own."
    ]
    assert preview.kind == "welfare"


@pytest.mark.parametrize("marker", ["—", "无", "/", "-", "N/A"])
def test_a_township_written_with_a_missing_marker_is_as_blank(catalog_db, marker):
    """A 乡镇 cell written 「—」 (or 无, /) reads as no township, as a blank one: below the county's townships it
    overwrote the county's own value all the same (a second tester's finding). Refused alike, quoted as written."""
    data = f"考核期,县区,乡镇,指标,数值\n2025Q2,云岫县,安坝镇,W01,90\n2025Q2,云岫县,{marker},W01,55\n".encode()
    preview = parse_file("c.csv", data, current_reference(catalog_db))
    assert [(p.key, p.row, p.column, p.value) for p in preview.problems] == [
        ("township_blank_among_townships", 3, "乡镇", marker)
    ]
    assert f"值「{marker}」：乡镇为空（或只写了「—」「无」等空白记号）" in messages(preview)[0]


def test_a_countys_own_values_above_its_townships_and_a_county_file_still_import(catalog_db):
    """The county's own row before its townships' (the templates' order) is the county's, as is a blank 乡镇 of a
    county whose townships the file does not name; a file whose 乡镇 column is blank throughout is county-level."""
    data = (
        "考核期,县区,乡镇,指标,数值\n2025Q2,云岫县,,R01,5\n2025Q2,云岫县,安坝镇,R01,10\n2025Q2,云岫县,,R02,0\n"
        "2025Q2,云岫县,安坝镇,R02,1\n2025Q2,澄溪县,,R01,7\n"
    ).encode()
    preview = parse_file("l.csv", data, current_reference(catalog_db))
    assert not preview.problems
    assert [(r[1], r[2], r[3]) for r in values(preview)] == [
        ("云岫县", "", "R01"),
        ("云岫县", "安坝镇", "R01"),
        ("云岫县", "", "R02"),  # below a township's R01, but no township's R02 is above it
        ("云岫县", "安坝镇", "R02"),
        ("澄溪县", "", "R01"),
    ]
    wide = "考核期,县区,乡镇,招商引资额\n2025Q2,云岫县,,5\n2025Q2,云岫县,安坝镇,10\n2025Q2,云峤县,,7\n".encode()
    assert not parse_file("w.csv", wide, current_reference(catalog_db)).problems
    county_level = parse_file("r.csv", race_csv("2025Q2", ["云岫县", "云峤县"]), current_reference(catalog_db))
    assert county_level.importable and set(county_level.rows["township"]) == {""}


def test_a_value_out_of_bounds_is_quoted_as_written(catalog_db):
    """`1,234` out of a percent's bounds was quoted as the stored 「1234」 (a fresh tester's finding)."""
    data = '考核期,县区,指标,数值\n2025Q2,澄溪县,企业诉求办结率,"1,234"\n2025Q2,云岫县,企业诉求办结率,+150\n'.encode()
    preview = parse_file("u.csv", data, current_reference(catalog_db))
    assert [(p.row, p.value, p.key) for p in preview.problems] == [
        (2, "1,234", "implausible_default"),
        (3, "+150", "implausible_default"),
    ]


def test_a_workbooks_birth_dates_and_months_are_said_to_keep_the_year_only(catalog_db):
    """A workbook's date cell, a 1977.03 number and `1998年3月` in 出生年月 keep their year only, said; a 1988 number
    cell is a year (docs/decisions.md#birth-years-written-with-a-month)."""
    head = ["干部编号", "姓名", "县区", "单位", "职级", "性别", "出生年月", "统计日期"]
    born = [dt.datetime(1986, 7, 1), 1977.03, "1998年3月", 1988]
    rows = [[f"A{i}", "某某", "云岫县", "安坝镇", "一级科员", "男", b, "2026-06-30"] for i, b in enumerate(born)]
    preview = parse_file("r.xlsx", xlsx_bytes([head, *rows]), current_reference(catalog_db))
    assert preview.importable and list(preview.rows["birth_year"]) == [1986, 1977, 1998, 1988]
    assert [n.text("en") for n in preview.notes if n.key == "note_year_only"] == [
        "Column “出生年月 (G)”: 3 cells written with a month or a day keep the year only, e.g. row 2: "
        "“1986-07-01” → 1986."
    ]


def test_unknown_township_and_unknown_indicator(catalog_db):
    data = "考核期,县区,乡镇,指标,数值\n2025Q2,云岫县,丹埠镇,R01,1\n2025Q2,云岫县,,招商引资,1\n".encode()
    preview = parse_file("s.csv", data, current_reference(catalog_db))
    assert messages(preview, "en") == [
        "File “s.csv”, row 2, column “乡镇”, value “丹埠镇”: is not a township of that county.",
        "File “s.csv”, row 3, column “指标”, value “招商引资”: is not in the indicator catalog. "
        "Did you mean “招商引资额”?",
    ]


def test_names_accepted_as_is_when_no_regions_are_loaded(db):
    import_ok(db, "i.csv", data_file("indicators.csv"))
    preview = parse_file("s.csv", "考核期,县区,指标,数值\n2025Q2, 新 县 ,R01,1\n".encode(), current_reference(db))
    assert values(preview) == [("2025-Q2", "新县", "", "R01", 1.0)]


def test_duplicate_key_names_both_rows(catalog_db):
    data = "考核期,县区,指标,数值\n2025Q2,云岫县,R01,1\n2025Q2,云峤县,R01,2\n2025二季度,云岫县,招商引资额,3\n"
    preview = parse_file("d.csv", data.encode(), current_reference(catalog_db))
    assert messages(preview) == [
        "文件「d.csv」，第 2 行：与第 4 行重复（2025-Q2 / 云岫县 / R01），但「数值」不同：第 4 行为「3」，本行为「1」。"
        "请核对后删去错误的一行。",
        "文件「d.csv」，第 4 行：与第 2 行重复（2025-Q2 / 云岫县 / R01），但「数值」不同：第 2 行为「1」，本行为「3」。"
        "请核对后删去错误的一行。",
    ]


RACE_HEAD = "考核期,县区,指标,数值\n"


def _race_file(tmp_path, name: str, lines: list[str]) -> Path:
    path = tmp_path / name
    path.write_text(RACE_HEAD + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_skipping_rejects_every_row_of_a_key_whose_rows_differ(catalog_db, tmp_path):
    """Rows 5 and 6 give one county, period and indicator 33 and 34: nobody knows which is right, so skipping
    invalid rows imports neither (it used to keep row 5 as if it were checked), each naming the other."""
    lines = ["2025Q2,云峤县,R01,2", "2025Q2,澄溪县,R01,3", "2025Q2,枫岚区,R01,4", "2025Q2,云岫县,R01,33"]
    path = _race_file(tmp_path, "scores.csv", [*lines, "2025Q2,云岫县,R01,34"])
    preview = parse_file(path.name, path.read_bytes(), current_reference(catalog_db), skip_invalid=True)
    assert preview.importable and preview.rejected_rows == {5, 6}
    assert values(preview) == [
        ("2025-Q2", "云峤县", "", "R01", 2.0),
        ("2025-Q2", "澄溪县", "", "R01", 3.0),
        ("2025-Q2", "枫岚区", "", "R01", 4.0),
    ]
    assert messages(preview, "en") == [
        "File “scores.csv”, row 5: duplicates row 6 (2025-Q2 / 云岫县 / R01), but “数值” differs: “34” in row 6, "
        "“33” here. Check which is right and delete the other row.",
        "File “scores.csv”, row 6: duplicates row 5 (2025-Q2 / 云岫县 / R01), but “数值” differs: “33” in row 5, "
        "“34” here. Check which is right and delete the other row.",
    ]
    assert preview.rejects_table("en")["Row"].tolist() == [5, 6]
    # the preview's "数据 N 行" counts the file's 5 rows, then says how many were skipped and how many import
    assert preview.data_rows + len(preview.rejected_rows) == 5
    assert skipped_text(preview, "zh") == "，其中 2 行无效、已跳过，可导入 3 行。"
    assert skipped_text(parse_file(path.name, path.read_bytes(), current_reference(catalog_db)), "zh") == ""
    # the import's summary, after the 3 rows it imported, says the 2 it left out
    assert imported_skipped_text(preview, "zh") == "，跳过无效行 2 行"
    assert imported_skipped_text(preview, "en") == ", 2 invalid rows skipped"
    kept = parse_file(
        "kept.csv", "考核期,县区,指标,数值\n2025Q2,云峤县,R01,2\n".encode(), current_reference(catalog_db)
    )
    assert imported_skipped_text(kept, "en") == ""


def test_skipping_keeps_the_first_of_rows_written_twice_alike(catalog_db, tmp_path):
    """The same row twice is one value written twice: the first imports, the repeat is rejected and named."""
    path = _race_file(tmp_path, "scores.csv", ["2025Q2,云峤县,R01,2", "2025Q2,云岫县,R01,33", "2025Q2,云岫县,R01,33"])
    preview = parse_file(path.name, path.read_bytes(), current_reference(catalog_db), skip_invalid=True)
    assert preview.rejected_rows == {4}
    assert values(preview) == [("2025-Q2", "云峤县", "", "R01", 2.0), ("2025-Q2", "云岫县", "", "R01", 33.0)]
    assert messages(preview) == ["文件「scores.csv」，第 4 行：与第 3 行重复（2025-Q2 / 云岫县 / R01）。"]


def test_three_rows_of_a_key_of_which_one_differs_are_all_rejected(catalog_db, tmp_path):
    """Two rows alike and a third that differs: which is right is unknown, and two alike prove nothing."""
    lines = ["2025Q2,云岫县,R01,33", "2025Q2,云峤县,R01,2", "2025Q2,云岫县,R01,33", "2025二季度,云岫县,招商引资额,34"]
    path = _race_file(tmp_path, "scores.csv", lines)
    strict = parse_file(path.name, path.read_bytes(), current_reference(catalog_db))
    assert not strict.importable
    assert messages(strict, "en") == [
        "File “scores.csv”, row 2: duplicates rows 4, 5 (2025-Q2 / 云岫县 / R01), and the rows differ: “数值” is "
        "“34” in row 5, “33” here. Check which is right and keep only that row.",
        "File “scores.csv”, row 4: duplicates rows 2, 5 (2025-Q2 / 云岫县 / R01), and the rows differ: “数值” is "
        "“34” in row 5, “33” here. Check which is right and keep only that row.",
        "File “scores.csv”, row 5: duplicates rows 2, 4 (2025-Q2 / 云岫县 / R01), and the rows differ: “数值” is "
        "“33” in row 2, “34” here. Check which is right and keep only that row.",
    ]
    assert messages(strict)[0] == (
        "文件「scores.csv」，第 2 行：与第 4、5 行重复（2025-Q2 / 云岫县 / R01），且各行不尽相同：「数值」第 5 行为「34」，"
        "本行为「33」。请核对后只保留正确的一行。"
    )
    lenient = parse_file(path.name, path.read_bytes(), current_reference(catalog_db), skip_invalid=True)
    assert lenient.rejected_rows == {2, 4, 5} and values(lenient) == [("2025-Q2", "云峤县", "", "R01", 2.0)]


def test_a_wide_file_with_a_county_twice_rejects_both_rows_when_a_value_differs(catalog_db, tmp_path):
    path = tmp_path / "wide.csv"
    path.write_text("县区,R01,R02\n云岫县,33,1\n云峤县,5,0\n云岫县,34,1\n", encoding="utf-8")
    preview = parse_file(
        path.name, path.read_bytes(), current_reference(catalog_db), period="2025Q2", skip_invalid=True
    )
    assert preview.rejected_rows == {2, 4}
    assert values(preview) == [("2025-Q2", "云峤县", "", "R01", 5.0), ("2025-Q2", "云峤县", "", "R02", 0.0)]
    # R01 differs: both rows go, with their R02 (a row is what skipping rejects); R02 alike is not also a repeat
    assert messages(preview) == [
        "文件「wide.csv」，第 2 行：与第 4 行重复（2025-Q2 / 云岫县 / R01），但「R01」不同：第 4 行为「34」，本行为「33」。"
        "请核对后删去错误的一行。",
        "文件「wide.csv」，第 4 行：与第 2 行重复（2025-Q2 / 云岫县 / R01），但「R01」不同：第 2 行为「33」，本行为「34」。"
        "请核对后删去错误的一行。",
    ]


def test_a_wide_row_written_twice_alike_is_one_problem(catalog_db, tmp_path):
    """A county's wide row repeated alike was one problem per indicator (7 for one row, a tester's finding): it is
    one, naming both rows and the unit (period / county), in the file refused as before; skipping imports the first."""
    path = tmp_path / "wide.csv"
    path.write_text("县区,R01,R02,R03\n云岫县,33,1,90\n云峤县,5,0,80\n云岫县,33,1,90\n", encoding="utf-8")
    strict = parse_file(path.name, path.read_bytes(), current_reference(catalog_db), period="2025Q2")
    assert not strict.importable
    assert messages(strict) == ["文件「wide.csv」，第 4 行：与第 2 行重复（2025-Q2 / 云岫县）。"]
    assert messages(strict, "en") == ["File “wide.csv”, row 4: duplicates row 2 (2025-Q2 / 云岫县)."]
    lenient = parse_file(
        path.name, path.read_bytes(), current_reference(catalog_db), period="2025Q2", skip_invalid=True
    )
    assert lenient.rejected_rows == {4} and len(values(lenient)) == 6


def test_skip_invalid_imports_the_rest_and_reports_rejects(catalog_db):
    data = "考核期,县区,指标,数值\n2025Q2,云岫县,R01,1\n2025Q2,无此县,R01,2\n2025Q2,云峤县,R01,x\n"
    strict = parse_file("s.csv", data.encode(), current_reference(catalog_db))
    assert not strict.importable
    lenient = parse_file("s.csv", data.encode(), current_reference(catalog_db), skip_invalid=True)
    assert lenient.importable
    assert values(lenient) == [("2025-Q2", "云岫县", "", "R01", 1.0)]
    assert lenient.rejects_table("en")["Row"].tolist() == [3, 4]


def test_english_messages(catalog_db):
    preview = parse_file(
        "s.csv", "考核期,县区,指标,数值\n2025Q9,云岫县,R01,1\n".encode(), current_reference(catalog_db)
    )
    assert messages(preview, "en") == [
        "File “s.csv”, row 2, column “考核期”, value “2025Q9”: is not a period; e.g. 2025, 2025Q2, 2025H1, 2025-06."
    ]


def test_kind_given_by_user_is_enforced(catalog_db):
    data = "考核期,县区,指标,数值\n2025Q2,云岫县,W01,90\n".encode()
    preview = parse_file("s.csv", data, current_reference(catalog_db), kind="race_scores")
    assert messages(preview, "en") == [
        "File “s.csv”: Indicator “年度体检完成率” belongs to “welfare indicators”, "
        "not to the chosen kind “race scores”."
    ]


def test_footnote_rows_below_the_data_are_ignored(catalog_db):
    data = "考核期,县区,指标,数值\n2025Q2,云岫县,R01,1\n注：数据来源于统计局\n填表人：某某\n".encode()
    preview = parse_file("s.csv", data, current_reference(catalog_db))
    assert preview.importable and len(preview.rows) == 1


def test_reference_is_all_the_importer_needs():
    reference = Reference(
        regions=[("甲县", "")], indicators=[{"code": "X1", "name": "指标一", "domain": "race", "unit": "个"}]
    )
    preview = parse_file("s.csv", "考核期,县区,指标,数值\n2025,甲,指标一,3\n".encode(), reference)
    assert values(preview) == [("2025", "甲县", "", "X1", 3.0)]


def test_a_value_before_every_version_of_its_indicator_is_refused():
    """Scoring reads the catalog in force for a period; a period before every version of an indicator has none,
    and its value would be left out of the composite without a word (docs/decisions.md#catalog-versions)."""
    indicators = [
        {"code": "X1", "name": "指标一", "domain": "race", "unit": "个", "effective_from": "2025"},
        {"code": "X1", "name": "指标一", "domain": "race", "unit": "个", "effective_from": "2026"},
        {"code": "X2", "name": "指标二", "domain": "race", "unit": "个", "effective_from": ""},
    ]
    reference = Reference(regions=[("甲县", "")], indicators=indicators)
    data = "考核期,县区,指标一,指标二\n2024-Q4,甲,3,4\n2025-Q1,甲,5,6\n".encode()
    preview = parse_file("s.csv", data, reference)
    assert not preview.importable
    assert messages(preview) == [
        "文件「s.csv」，第 2 行，「指标一」列，值「3」：指标「指标一」自 2025 起生效，2024-Q4 没有其生效的目录版本，"
        "该值不会计分。如该指标此前已在考核，请在指标目录中补一个更早的版本（或不填生效起始期）后再导入。"
    ]
    later = parse_file("s.csv", "考核期,县区,指标一,指标二\n2025-Q1,甲,5,6\n".encode(), reference)
    assert later.importable
    # an office's wide sheet that has the new indicator's column already, blank (or —) in the back periods
    blank = "考核期,县区,指标一,指标二\n2024-Q3,甲,,4\n2024-Q4,甲,—,4\n2025-Q1,甲,5,6\n".encode()
    assert parse_file("s.csv", blank, reference).importable


def test_unit_row_under_a_wide_header_is_not_data(catalog_db):
    data = "县区,招商引资额,企业诉求办结率\n,万元,%\n云岫县,10,96\n".encode()
    preview = parse_file("w.csv", data, current_reference(catalog_db), period="2025Q1")
    assert values(preview) == [("2025-Q1", "云岫县", "", "R01", 10.0), ("2025-Q1", "云岫县", "", "R03", 96.0)]


@pytest.mark.parametrize(
    "birth,year", [("1985.03", 1985), ("198503", 1985), ("1985-03-02", 1985), (1985, 1985), ("1985年3月", 1985)]
)
@pytest.mark.slow
def test_birth_year_forms(db, birth, year):
    rows = [
        ["人员编号", "县区", "工作单位", "现职级", "性别", "出生日期", "统计日期"],
        ["A1", "甲县", "甲镇", "一级科员", "女性", birth, "2025-06-30"],
    ]
    preview = parse_file("r.xlsx", xlsx_bytes(rows), current_reference(db))
    assert preview.kind == "roster" and not preview.problems
    assert preview.rows["birth_year"].tolist() == [year]


def test_other_common_headers_for_training(db):
    data = (
        "人员编号,培训名称,培训类别,行业领域,培训形式,组织方式,培训时长,参训日期\n"
        "A1,专题班,政治能力,党的理论,线下,集中,16学时,2025-03-01\n"
    ).encode("gbk")
    preview = parse_file("t.csv", data, current_reference(db))
    assert preview.kind == "training" and not preview.problems
    assert preview.rows[["hours", "organized"]].values.tolist() == [[16.0, "collective"]]


def test_a_workbook_that_aborts_the_reader_is_refused_and_the_process_lives(catalog_db):
    # Seed 155 mutates eight bytes of a small .xls so that calamine asks for hundreds of GB and aborts its process
    # (found by fuzzing). Read in a child process, it becomes one sentence; this test process survives.
    import random

    data = bytearray(xls_bytes([["县区", "招商引资额"], ["云岫县", 3]]))
    rng = random.Random(155)
    for _ in range(8):
        position = rng.randrange(len(data))
        data[position] = rng.randrange(256)
    preview = parse_file("damaged.xls", bytes(data), current_reference(catalog_db))
    assert messages(preview) == [
        "文件「damaged.xls」：这是 Excel 工作簿，但已损坏，无法读取。请用 Excel 或 WPS 打开：能打开的，"
        "另存为新的 .xlsx 后再上传；打不开的，请向报送单位重新索取。"
    ]


@pytest.mark.parametrize("label", ["合计", "总计", "平均", "全市合计", "全县平均", "小计", "平均值"])
def test_total_rows_in_any_wording_are_not_data(catalog_db, label):
    data = f"考核期,县区,指标,数值\n2025Q2,云岫县,R01,1\n2025Q2,{label},R01,1\n".encode()
    preview = parse_file("s.csv", data, current_reference(catalog_db))
    assert preview.importable and len(preview.rows) == 1
    assert [n.text("zh") for n in preview.notes] == ["已忽略合计/平均行（共 1 行）：第 3 行。"]


# ---- caps and hostile workbooks


def test_a_file_over_the_size_cap_is_refused_before_parsing(db, monkeypatch):
    from incentive.intake import sheets

    monkeypatch.setattr(sheets, "MAX_FILE_MB", 0.001)  # a setting, lowered so the test file stays small
    preview = parse_file("big.csv", ("县区,乡镇\n" + "云岫县,安坝镇\n" * 200).encode(), current_reference(db))
    assert not preview.importable
    assert "文件太大" in preview.problem_texts("zh")[0] and "big.csv" in preview.problem_texts("zh")[0]


def test_a_file_over_the_row_cap_is_refused(db, monkeypatch):
    from incentive.intake import sheets

    monkeypatch.setattr(sheets, "MAX_ROWS", 100)
    preview = parse_file("many.csv", ("县区,乡镇\n" + "云岫县,安坝镇\n" * 150).encode(), current_reference(db))
    assert "超过单个文件 100 行的上限" in preview.problem_texts("zh")[0]


def test_a_decompression_bomb_is_refused_without_unpacking(db):
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (60 * 1024 * 1024))  # 60 MB of zeros, ~60 KB packed
    data = buffer.getvalue()
    assert len(data) < 200_000
    preview = parse_file("炸弹.xlsx", data, current_reference(db))
    assert not preview.importable and "可能是恶意构造的文件" in preview.problem_texts("zh")[0]


# ------------------------------------------------------------------ intake integrity: no wrong value enters silently

TRAINING_HEAD = ["干部编号", "培训项目", "培训类别", "培训领域", "培训方式", "组织形式", "学时", "培训日期"]
MONEY_CATALOG = Reference(
    indicators=[
        {"code": "R01", "name": "招商引资额", "domain": "race", "unit": "万元"},
        {"code": "R05", "name": "重点项目投资完成额", "domain": "race", "unit": "亿元"},
        {"code": "R06", "name": "GDP增速", "domain": "race", "unit": "%"},
        {"code": "R07", "name": "新开工项目数", "domain": "race", "unit": "个"},
    ]
)


def notes(preview, lang="zh") -> list[str]:
    """The preview's notes but the one on periods not over yet, which depends on the day the test runs."""
    return [n.text(lang) for n in preview.notes if n.key != "note_period_not_over"]


def training_csv(*rows: str, head: str = ",".join(TRAINING_HEAD)) -> bytes:
    return (head + "\n" + "\n".join(rows) + "\n").encode()


def test_a_date_cell_read_as_its_month_is_said_with_its_first_row(catalog_db):
    """`2026-06` typed in a period cell is stored by Excel as the date 2026-06-01: read as the month 2026-06, and
    said (docs/decisions.md#date-cells-as-periods), with the count and the first row."""
    rows = [
        ["考核期", "县区", "指标", "数值"],
        ["2026-06", "云岫县", "R01", 5],
        [dt.datetime(2026, 6, 1), "云峤县", "R01", 6],
        [dt.datetime(2026, 6, 1), "澄溪县", "R01", 7],
    ]
    preview = parse_file(
        "p.xlsx", xlsx_bytes(rows, formats={"A3": "yyyy-mm", "A4": "yyyy-mm"}), current_reference(catalog_db)
    )
    assert not preview.problems
    assert [v[0] for v in values(preview)] == ["2026-06"] * 3
    assert notes(preview) == [
        "「考核期 (A)」列 2 个考核期是 Excel 日期（输入的年月被 Excel 存为当月 1 日），按月份读取，如第 3 行 "
        "2026-06-01 → 2026-06。"
    ]
    assert notes(preview, "en") == [
        "2 periods of column “考核期 (A)”: Excel dates (a month typed is stored as its first day), read as the month: "
        "e.g. row 3: 2026-06-01 → 2026-06."
    ]


@pytest.mark.slow
def test_a_period_typed_as_a_number_is_read_as_displayed(catalog_db):
    rows = [["考核期", "县区", "指标", "数值"], [2026.1, "云岫县", "R01", 5], [2026.12, "云峤县", "R01", 6]]
    shown = parse_file(
        "p.xlsx", xlsx_bytes(rows, formats={"A2": "0.00", "A3": "#,##0.00"}), current_reference(catalog_db)
    )
    assert not shown.problems
    assert [v[0] for v in values(shown)] == ["2026-10", "2026-12"]  # 2026.10 and 2026.12 as shown
    assert notes(shown) == [
        "「考核期 (A)」列 2 个考核期是带小数的数字，按 Excel 显示的文字读取，如第 2 行 2026.1 显示为「2026.10」，"
        "读作 2026-10。"
    ]
    one_decimal = parse_file("p.xlsx", xlsx_bytes(rows[:2], formats={"A2": "0.0"}), current_reference(catalog_db))
    # "2026.1" shows October as January, and may be a quarter or half-year too (test_written_periods)
    assert [p.key for p in one_decimal.problems] == ["period_ambiguous"]


@pytest.mark.parametrize("code", ["#.##", "0.0#", "0.##", "0.??"])
def test_a_period_number_through_optional_decimals_is_read_as_excel_shows_it(catalog_db, code):
    """`#` and `?` show no trailing zero: 2026.1 formatted `#.##` shows "2026.1" (January or October …), refused as
    ambiguous, never read as 2026-10; 2026.12 shows "2026.12", December."""
    rows = [["考核期", "县区", "指标", "数值"], [2026.1, "云岫县", "R01", 5], [2026.12, "云峤县", "R01", 6]]
    preview = parse_file("p.xlsx", xlsx_bytes(rows, formats={"A2": code, "A3": code}), current_reference(catalog_db))
    assert [(p.row, p.key, p.params["written"]) for p in preview.problems] == [(2, "period_ambiguous", "2026.1")]
    assert "2026-10" not in [v[0] for v in values(preview)]


def test_a_period_number_in_a_general_cell_is_read_as_it_shows(catalog_db):
    """2026.11 in a General cell shows 2026.11 and can only be November (docs/decisions.md#periods-typed-as-numbers):
    read so, and said."""
    rows = [["考核期", "县区", "指标", "数值"], [2026.11, "云岫县", "R01", 5], [2026.5, "云峤县", "R01", 6]]
    preview = parse_file("p.xlsx", xlsx_bytes(rows), current_reference(catalog_db))
    assert not preview.problems
    assert [v[0] for v in values(preview)] == ["2026-11", "2026-05"]
    assert notes(preview) == [
        "「考核期 (A)」列 2 个考核期是带小数的数字，按 Excel 显示的文字读取，如第 2 行 2026.11 显示为「2026.11」，"
        "读作 2026-11。"
    ]


def test_a_period_number_its_format_rounds_is_refused_naming_what_the_cell_holds(catalog_db):
    rows = [["考核期", "县区", "指标", "数值"], [2026.11, "云岫县", "R01", 5], [2026.3, "云峤县", "R01", 6]]
    preview = parse_file("p.xlsx", xlsx_bytes(rows, formats={"A2": "0.0", "A3": "0"}), current_reference(catalog_db))
    assert messages(preview) == [
        "文件「p.xlsx」，工作表「数据」，第 2 行，「考核期 (A)」列，值「2026.11」：考核期显示为「2026.1」（单元格存的是"
        "数字 2026.11，数字格式只显示到「2026.1」），可能是「2026Q1」（2026年第1季度）、「2026H1」（2026年上半年）、"
        "「2026-01」（2026年1月）或「2026-10」（2026年10月），无法确定是哪一个，不作猜测；请把该列设为文本格式，按所指"
        "写成其中一种。",
        "文件「p.xlsx」，工作表「数据」，第 3 行，「考核期 (A)」列，值「2026.3」：考核期单元格存的是数字 2026.3，按其"
        "数字格式显示为「2026」，看不出原本写的是哪个考核期；请把该列设为文本格式，写成「2026-10」或「2026年10月」。",
    ]


def test_values_written_in_e_notation_are_refused_as_digits_maybe_lost(catalog_db):
    """A CSV's `1.23457E+11` is what Excel wrote for 123456789012: stored, it was 123457000000 with only an
    unusual-change hint, and `2.5E+01` was 25 without a word (docs/decisions.md#numbers-written-in-e-notation)."""
    data = "考核期,县区,指标,数值\n2026Q3,云岫县,R01,1.23457E+11\n2026Q3,云峤县,R01,2.5E+01\n2026Q3,澄溪县,R01,3\n"
    preview = parse_file("e.csv", data.encode(), current_reference(catalog_db))
    assert [(p.row, p.column, p.value, p.key) for p in preview.problems] == [
        (2, "数值", "1.23457E+11", "number_e_notation"),
        (3, "数值", "2.5E+01", "number_e_notation"),
    ]
    assert messages(preview)[0] == (
        "文件「e.csv」，第 2 行，「数值」列，值「1.23457E+11」：数字以科学计数法写成，位数可能已丢失（Excel 另存 CSV 时"
        "把长数字写成这样，只留 6 位有效数字），不予读取；请写出完整的数字（在 Excel 中把该列设为「数值」格式，核对后"
        "重新另存）后再导入。"
    )
    assert not preview.importable


@pytest.mark.slow
def test_a_workbook_number_in_a_scientific_format_keeps_its_digits_and_text_in_e_notation_is_refused(catalog_db):
    rows = [
        ["考核期", "县区", "指标", "数值"],
        ["2026Q3", "云岫县", "R01", 123456789012],  # a number cell holds every digit, whatever it shows
        ["2026Q3", "云峤县", "R01", "1.23457E+11"],  # text, as pasted from a CSV
    ]
    preview = parse_file("e.xlsx", xlsx_bytes(rows, formats={"D2": "0.00E+00"}), current_reference(catalog_db))
    assert [(p.row, p.key) for p in preview.problems] == [(3, "number_e_notation")]
    one = parse_file("e.xlsx", xlsx_bytes(rows[:2], formats={"D2": "0.00E+00"}), current_reference(catalog_db))
    assert not one.problems and one.rows["value"].tolist() == [123456789012.0]


def test_ids_in_e_notation_refuse_the_column(db):
    data = training_csv(
        "4.30102E+17,班A,政治能力,党的理论,线上,集体,2,2025/6/1",
        "4.30102E+17,班B,政治能力,党的理论,线上,集体,2,2025/6/2",
    )
    preview = parse_file("t.csv", data, current_reference(db), skip_invalid=True)
    assert preview.fatal and not preview.importable  # skipping rows cannot help: which person is which is lost
    assert messages(preview) == [
        "文件「t.csv」，第 2 行，「干部编号」列，值「4.30102E+17」：编号按数字保存，已丢失位数（科学计数法或超过"
        " 15 位，共 2 行，如第 2、3 行），不同的人可能变成同一编号。请在 Excel 中把该列设为「文本」格式，"
        "重新录入编号后再导入。"
    ]


def test_an_eighteen_digit_id_stored_as_a_number_is_refused(db):
    rows = [TRAINING_HEAD, [430102198001011234, "班A", "政治能力", "党的理论", "线上", "集体", 2, "2025/6/1"]]
    preview = parse_file("t.xlsx", xlsx_bytes(rows), current_reference(db))
    assert preview.fatal and [p.key for p in preview.problems] == ["id_digits_lost"]
    assert preview.problems[0].column == "干部编号 (A)"


def test_ids_with_leading_zeros_keep_them_when_the_format_shows_them(db):
    rows = [TRAINING_HEAD, [123, "班A", "政治能力", "党的理论", "线上", "集体", 2, "2025/6/1"]]
    preview = parse_file("t.xlsx", xlsx_bytes(rows, formats={"A2": "000000"}), current_reference(db))
    assert preview.rows["cadre_id"].tolist() == ["000123"]


def test_dates_typed_as_eight_digit_numbers_in_a_workbook(db):
    rows = [TRAINING_HEAD, ["A1", "班A", "政治能力", "党的理论", "线上", "集体", 2, 20261012]]
    preview = parse_file("t.xlsx", xlsx_bytes(rows), current_reference(db))
    assert not preview.problems and preview.rows["date"].tolist() == [dt.date(2026, 10, 12)]


def test_units_in_cells_are_converted_exactly_and_reported():
    data = (
        '考核期,县区,指标,数值\n2025Q2,云岫县,重点项目投资完成额,32000万元\n2025Q2,云岫县,招商引资额,"1,230,000元"\n'
        "2025Q2,云峤县,重点项目投资完成额,3.5亿元\n2025Q2,云峤县,招商引资额,880\n"
    ).encode()
    preview = parse_file("u.csv", data, MONEY_CATALOG)
    assert not preview.problems
    assert [v[4] for v in values(preview)] == [3.2, 123.0, 3.5, 880.0]
    assert notes(preview) == [
        "「数值」列 1 个单元格的单位「万元」已换算为「亿元」（×0.0001），如第 2 行「32000万元」→ 3.2。",
        "「数值」列 1 个单元格的单位「元」已换算为「万元」（×0.0001），如第 3 行「1,230,000元」→ 123。",
    ]


def test_a_unit_that_cannot_be_converted_is_refused():
    data = "考核期,县区,指标,数值\n2025Q2,云岫县,新开工项目数,12万元\n2025Q2,云岫县,GDP增速,5天\n".encode()
    preview = parse_file("u.csv", data, MONEY_CATALOG)
    assert messages(preview) == [
        "文件「u.csv」，第 2 行，「数值」列，值「12万元」：单位「万元」与应有的单位「个」不同，无法换算；请按「个」填写数值。",
        "文件「u.csv」，第 3 行，「数值」列，值「5天」：单位「天」与应有的单位「%」不同，无法换算；请按「%」填写数值。",
    ]


def test_a_unit_in_a_wide_header_or_a_unit_row_is_converted():
    data = "2025年第二季度\n县区,重点项目投资完成额（万元）,招商引资额\n,,亿元\n云岫县,32000,1.5\n".encode()
    preview = parse_file("w.csv", data, MONEY_CATALOG)
    assert not preview.problems and [v[4] for v in values(preview)] == [3.2, 15000.0]


@pytest.mark.parametrize(
    "head, unit_row, row",
    [
        ("县区,重点项目投资完成额,新开工项目数,GDP增速", "单位,万元,个,%", "云岫县,335600,12,95"),
        ("县区,重点项目投资完成额,新开工项目数,GDP增速", "（单位）,（万元）,（个）,（%）", "云岫县,335600,12,95"),
        ("县区,重点项目投资完成额,新开工项目数,GDP增速", "计量单位：,万元,个,%", "云岫县,335600,12,95"),
        ("序号,县区,重点项目投资完成额,新开工项目数,GDP增速", "计量单位,,万元,个,%", "1,云岫县,335600,12,95"),
        ("序号,县区,重点项目投资完成额,新开工项目数,GDP增速", ",单位,万元,个,%", "1,云岫县,335600,12,95"),
    ],
)
def test_a_unit_row_labelled_in_a_first_cell_is_read_as_the_unit_row(head, unit_row, row):
    """A tester's file: `单位,万元,个,%` under the header was read as data (单位 no county, 万元 no number), while the
    same row with a blank first cell converted 335600 万元 to 33.56 亿元."""
    data = f"2025年第二季度\n{head}\n{unit_row}\n{row}\n".encode()
    preview = parse_file("w.csv", data, MONEY_CATALOG)
    assert not preview.problems and [v[4] for v in values(preview)] == [33.56, 12.0, 95.0]


def test_beside_a_计量单位_column_a_单位_column_is_an_office_not_imported(sample_db_path):
    """A tester's long file with both: every row was refused (云岫县发改局 is no unit). 计量单位 is the unit."""
    reference = current_reference(Database(sample_db_path))
    data = "考核期,县区,单位,指标,数值,计量单位\n2022Q4,云岫县,云岫县发改局,重点项目投资完成额,335600,万元\n".encode()
    preview = parse_file("u.csv", data, reference)
    assert not preview.problems and values(preview) == [("2022-Q4", "云岫县", "", "R01", 33.56)]
    assert notes(preview) == [
        "未识别的列（不导入）：单位。",
        "「数值」列 1 个单元格的单位「万元」已换算为「亿元」（×0.0001），如第 2 行「335600万元」→ 33.56。",
    ]


def test_a_title_unit_speaks_only_for_its_own_family():
    data = "2025年第二季度得分表\n单位：万元\n县区,重点项目投资完成额,新开工项目数\n云岫县,32000,12\n".encode()
    preview = parse_file("w.csv", data, MONEY_CATALOG)
    assert not preview.problems and [v[4] for v in values(preview)] == [3.2, 12.0]  # 个 untouched


@pytest.mark.parametrize(
    "note",
    [
        "填报单位：市发改委,,单位：万元",
        "填报单位：市发改委 单位：万元",
        "单位：万元 填报日期：2026年12月1日",
        "单位：万元   填报人：张三",
        "单位：万元。",
        "单位：万元、%",
        "单位：万元/个",
        "单位：万元（截至2026年12月31日）",
        "单位：人民币万元",
    ],
)
def test_a_title_unit_note_beside_other_text_is_read(note):
    """A tester's titles: the first `单位：` (of 填报单位) or the text glued after the unit hid `单位：万元`, and
    345668 万元 was stored as 345668 亿元."""
    data = f"2025年第二季度得分表\n{note}\n县区,重点项目投资完成额,新开工项目数,GDP增速\n云岫县,345668,12,85\n"
    preview = parse_file("w.csv", data.encode(), MONEY_CATALOG)
    assert not preview.problems and [v[4] for v in values(preview)] == [34.5668, 12.0, 85.0]


@pytest.mark.parametrize("note", ["单位：美元", "单位：万元、美元", "填报单位：市发改委,单位：千美元"])
def test_a_title_unit_note_it_cannot_read_is_refused_naming_its_row(note):
    data = f"2025年第二季度得分表\n{note}\n县区,重点项目投资完成额\n云岫县,345668\n"
    preview = parse_file("w.csv", data.encode(), MONEY_CATALOG)
    assert preview.fatal and [(p.key, p.row) for p in preview.problems] == [("title_unit_unknown", 2)]
    assert "美元" in messages(preview, "en")[0]


@pytest.mark.parametrize(
    "note", ["填报单位：          单位：", "说明：各单位：请于12月5日前报送", "被考核单位：云岫县"]
)
def test_an_office_or_a_blank_unit_note_in_the_title_is_no_unit(note):
    data = f"2025年第二季度得分表\n{note}\n县区,重点项目投资完成额\n云岫县,3.5\n"
    preview = parse_file("w.csv", data.encode(), MONEY_CATALOG)
    assert not preview.problems and [v[4] for v in values(preview)] == [3.5]


def test_two_title_units_of_one_family_are_refused():
    data = "2025年第二季度得分表\n单位：万元、元\n县区,重点项目投资完成额\n云岫县,345668\n".encode()
    preview = parse_file("w.csv", data, MONEY_CATALOG)
    assert preview.fatal and [p.key for p in preview.problems] == ["unit_conflict_column"]


def test_a_long_files_unit_column_converts_each_rows_value(sample_db_path):
    """A tester's file on the sample database, whose 重点项目投资完成额 is counted in 亿元: its 计量单位 column was
    listed as not imported and 335600 (万元) stored as 335600 亿元. The row's unit converts its value as a unit
    written after the number would, and is reported. A roster's 单位 is the cadre's workplace, never a unit."""
    database = Database(sample_db_path)
    reference = current_reference(database)
    data = "考核期,县区,乡镇,指标,计量单位,数值\n2022Q4,云岫县,,重点项目投资完成额,万元,335600\n".encode()
    preview = parse_file("u.csv", data, reference)
    assert preview.importable and values(preview) == [("2022-Q4", "云岫县", "", "R01", 33.56)]
    assert notes(preview) == [
        "「数值」列 1 个单元格的单位「万元」已换算为「亿元」（×0.0001），如第 2 行「335600万元」→ 33.56。"
    ]
    batches.import_preview(database, preview, source="cli", created_by="test")
    with database.cursor() as cur:
        stored = cur.execute(
            "SELECT value FROM indicator_values WHERE indicator = 'R01' AND period = '2022-Q4' AND county = '云岫县' "
            "AND township = ''"
        ).fetchall()
    assert stored == [(33.56,)]
    roster = "干部编号,姓名,县区,单位,职级,性别,出生年份,统计日期\nLZ900001,张三,云岫县,安山镇,四级主任科员,男,1990,2023-12-31\n"
    preview = parse_file("r.csv", roster.encode(), reference)
    assert preview.kind == "roster" and not preview.problems and preview.rows["unit"].tolist() == ["安山镇"]


def test_a_unit_column_speaks_for_its_row_as_a_unit_in_the_cell():
    data = (
        "考核期,县区,指标,单位,数值\n"
        "2025Q2,云岫县,重点项目投资完成额,（万元）,32000\n"  # brackets and 单位： are read as in a header or title
        "2025Q2,云岫县,招商引资额,单位：元,1230000\n"
        "2025Q2,云岫县,GDP增速,%,5.5\n"
        "2025Q2,云岫县,新开工项目数,,12\n"  # blank: the catalog's unit
        "2025Q2,云峤县,重点项目投资完成额,亿元,3.5亿元\n"  # the same unit twice: as one
    ).encode()
    preview = parse_file("u.csv", data, MONEY_CATALOG)
    assert not preview.problems
    assert [v[4] for v in values(preview)] == [3.2, 123.0, 5.5, 12.0, 3.5]
    assert notes(preview) == [
        "「数值」列 1 个单元格的单位「万元」已换算为「亿元」（×0.0001），如第 2 行「32000万元」→ 3.2。",
        "「数值」列 1 个单元格的单位「元」已换算为「万元」（×0.0001），如第 3 行「1230000元」→ 123。",
    ]
    refused = (
        "考核期,县区,指标,计量单位,数值\n"
        "2025Q2,云岫县,重点项目投资完成额,云岫县发改局,3\n"  # a workplace, no unit: the row has no known unit
        "2025Q2,云岫县,招商引资额,亿元,5万元\n"  # contradicts the cell's own
        "2025Q2,云岫县,新开工项目数,万元,12\n"  # no conversion
        "2025Q2,云岫县,GDP增速（%）,‰,5\n"  # contradicts the indicator's name
    ).encode()
    preview = parse_file("u.csv", refused, MONEY_CATALOG)
    assert messages(preview) == [
        "文件「u.csv」，第 2 行，「计量单位」列，值「云岫县发改局」：「云岫县发改局」不是可识别的单位，无法确定本行数值的"
        "单位；请填写「万元」「亿元」「%」「个」等单位，或留空（按指标目录的单位）。",
        "文件「u.csv」，第 3 行，「数值」列，值「5万元」：数值的单位有两处写法不一致：单元格中写的是「万元」，「计量单位」"
        "列写的是「亿元」，无法确定按哪个单位导入；请删去错误的一处后重新导入。",
        "文件「u.csv」，第 4 行，「数值」列，值「12」：「计量单位」列写的单位「万元」与应有的单位「个」不同，无法换算；请按"
        "「个」填写数值和单位。",
        "文件「u.csv」，第 5 行，「数值」列，值「5」：数值的单位有两处写法不一致：指标名称「GDP增速(%)」的括号中写的是"
        "「%」，「计量单位」列写的是「‰」，无法确定按哪个单位导入；请删去错误的一处后重新导入。",
    ]
    assert messages(preview, "en")[1].endswith(
        "two places give the value different units: ten thousand yuan in the cell, hundred million yuan in column "
        "“计量单位”, so which one it is in cannot be known; remove the wrong one and import again."
    )


def test_units_stated_twice_differently_are_refused():
    """A header's brackets, a unit row, a title's note, a long file's value header and the cell's own unit: two of
    them that differ for one value refuse it (a title or a long file's value header only within its own family),
    naming both and where each is written; the header's unit no longer wins without a word."""
    unit_row = "考核期,县区,重点项目投资完成额（万元）\n,,亿元\n2025Q2,云岫县,33.56\n".encode()
    assert messages(parse_file("w.csv", unit_row, MONEY_CATALOG)) == [
        "文件「w.csv」，第 1 行，「重点项目投资完成额(万元)」列：该列的单位有两处写法不一致：表头「重点项目投资完成额(万元)」"
        "的括号中写的是「万元」，第 2 行（单位行）写的是「亿元」，无法确定整列数值的单位；请删去错误的一处后重新导入。"
    ]
    title = "单位：亿元\n考核期,县区,重点项目投资完成额（万元）\n2025Q2,云岫县,33.56\n".encode()
    preview = parse_file("w.csv", title, MONEY_CATALOG)
    assert preview.fatal and messages(preview, "en") == [
        "File “w.csv”, row 2, column “重点项目投资完成额(万元)”: two places give the column different units: ten "
        "thousand yuan in the brackets of header “重点项目投资完成额(万元)”, hundred million yuan in the title's "
        "“单位:亿元”, so the unit of its values cannot be known; remove the wrong one and import again."
    ]
    cell = "考核期,县区,重点项目投资完成额（万元）\n2025Q2,云岫县,33.56亿元\n2025Q2,云峤县,335600\n".encode()
    preview = parse_file("w.csv", cell, MONEY_CATALOG)
    assert messages(preview) == [
        "文件「w.csv」，第 2 行，「重点项目投资完成额(万元)」列，值「33.56亿元」：数值的单位有两处写法不一致：单元格中写的是"
        "「亿元」，表头「重点项目投资完成额(万元)」的括号中写的是「万元」，无法确定按哪个单位导入；请删去错误的一处后重新导入。"
    ]
    assert values(preview)[1][4] == 33.56  # the row that states one unit
    long_header = "考核期,县区,指标,数值（万元）\n2025Q2,云岫县,重点项目投资完成额,33.56亿元\n".encode()
    assert [p.key for p in parse_file("l.csv", long_header, MONEY_CATALOG).problems] == ["unit_conflict"]
    formatted = [["考核期", "县区", "重点项目投资完成额（万元）"], ["2025Q2", "云岫县", 33.56]]
    preview = parse_file("w.xlsx", xlsx_bytes(formatted, formats={"C2": '0.00"亿元"'}), MONEY_CATALOG)
    assert [(p.key, p.row) for p in preview.problems] == [("unit_conflict", 2)]  # a number format's unit is the cell's


def test_units_stated_twice_alike_or_for_other_families_are_read():
    same = "单位：万元\n考核期,县区,重点项目投资完成额（万元）,招商引资额\n,,万元,\n2025Q2,云岫县,32000亿元,5\n"
    preview = parse_file("w.csv", same.encode(), MONEY_CATALOG)
    assert [p.key for p in preview.problems] == ["unit_conflict"]  # the cell's 亿元 against the three 万元
    same = same.replace("32000亿元", "32000万元")
    preview = parse_file("w.csv", same.encode(), MONEY_CATALOG)
    assert not preview.problems and [v[4] for v in values(preview)] == [3.2, 5.0]
    # a title's 万元 says nothing of a % column or a count; a long file's 数值（万元） nothing of a % row
    other = "单位：万元\n考核期,县区,GDP增速（%）,新开工项目数\n2025Q2,云岫县,85%,12个\n".encode()
    preview = parse_file("w.csv", other, MONEY_CATALOG)
    assert not preview.problems and [v[4] for v in values(preview)] == [85.0, 12.0]
    long_file = "考核期,县区,指标,计量单位,数值（万元）\n2025Q2,云岫县,GDP增速,%,5.5\n2025Q2,云岫县,招商引资额,万元,3\n"
    preview = parse_file("l.csv", long_file.encode(), MONEY_CATALOG)
    assert not preview.problems and [v[4] for v in values(preview)] == [5.5, 3.0]


def test_a_record_files_units_stated_twice_differently_are_refused(db):
    """学时（小时） over a cell `3天` read the cell's days (by the hours-per-day rule) and over a unit row `天` the
    header's hours, without a word: both refused now. 学时 and 小时 count one for one, so `3学时` there agrees."""
    head = ",".join([*TRAINING_HEAD[:6], "学时（小时）", "培训日期"])
    data = training_csv(
        "A1,班A,政治能力,党的理论,线上,集体,3天,2025/6/1",
        "A1,班B,政治能力,党的理论,线上,集体,3学时,2025/6/2",
        head=head,
    )
    preview = parse_file("t.csv", data, current_reference(db))
    assert messages(preview) == [
        "文件「t.csv」，第 2 行，「学时(小时)」列，值「3天」：数值的单位有两处写法不一致：单元格中写的是「天」，表头"
        "「学时(小时)」的括号中写的是「小时」，无法确定按哪个单位导入；请删去错误的一处后重新导入。"
    ]
    assert preview.rows["hours"].tolist()[1] == 3.0
    unit_row = training_csv(",,,,,,天,", "A1,班A,政治能力,党的理论,线上,集体,3,2025/6/1", head=head)
    preview = parse_file("t.csv", unit_row, current_reference(db))
    assert preview.fatal and [(p.key, p.row) for p in preview.problems] == [("unit_conflict_column", 1)]
    minutes = "单位：分钟\n".encode() + training_csv("A1,班A,政治能力,党的理论,线上,集体,3,2025/6/1", head=head)
    preview = parse_file("t.csv", minutes, current_reference(db))  # 3 was read as 3 学时 by the header's hours
    assert preview.fatal and [(p.key, p.row) for p in preview.problems] == [("unit_conflict_column", 2)]


def test_training_hours_in_days_are_refused_unless_a_rule_is_set(db):
    data = training_csv(
        "A1,班A,政治能力,党的理论,线上,集体,3天,2025/6/1", "A1,班B,政治能力,党的理论,线上,集体,5小时,2025/6/2"
    )
    refused = parse_file("t.csv", data, current_reference(db))
    assert messages(refused) == [
        "文件「t.csv」，第 2 行，「学时」列，值「3天」：以「天」填写的培训时长需换算为「学时」，但未设置每天折算学时"
        "（设置 hours_per_day）；请按学时填写。"
    ]
    ruled = parse_file("t.csv", data, Reference(settings={"hours_per_day": 8}))
    assert not ruled.problems and ruled.rows["hours"].tolist() == [24.0, 5.0]
    assert notes(ruled) == [
        "「学时」列 1 个单元格的单位「天」已换算为「学时」（×8），如第 2 行「3天」→ 24。",
        "「学时」列 1 个单元格的单位「小时」按 1:1 计为「学时」，如第 3 行「5小时」→ 5。",
    ]


def test_a_header_unit_in_days_converts_the_whole_column(db):
    data = training_csv(
        "A1,班A,政治能力,党的理论,线上,集体,0.5,2025/6/1", head=",".join(TRAINING_HEAD).replace("学时", "学时（天）")
    )
    assert parse_file("t.csv", data, current_reference(db)).problems[0].key == "unit_days_need_rule"
    ruled = parse_file("t.csv", data, Reference(settings={"hours_per_day": 8}))
    assert ruled.rows["hours"].tolist() == [4.0]


def test_dates_read_from_excel_serial_numbers_are_reported(db):
    """46206 in 培训日期 is 2026-07-03 by the contract, and said: count, first row, the cell and the date
    (docs/decisions.md#excel-serial-dates). 20250630 is a date written out: no note."""
    data = training_csv(
        "A1,班A,政治能力,党的理论,线上,集体,8,2025/6/1",
        "A2,班A,政治能力,党的理论,线上,集体,8,20250630",
        "A3,班A,政治能力,党的理论,线上,集体,8,46206",
        "A4,班A,政治能力,党的理论,线上,集体,8,46207.0",
    )
    preview = parse_file("t.csv", data, current_reference(db))
    assert not preview.problems
    assert preview.rows["date"].tolist() == [
        dt.date(2025, 6, 1),
        dt.date(2025, 6, 30),
        dt.date(2026, 7, 3),
        dt.date(2026, 7, 4),
    ]
    assert notes(preview) == [
        "「培训日期」列 2 个单元格为 Excel 日期序号，已按日期读取，如第 4 行「46206」→ 2026-07-03。"
    ]
    assert notes(preview, "en") == [
        "Column “培训日期”: 2 cells holding Excel serial numbers read as dates, e.g. row 4: “46206” → 2026-07-03."
    ]


def test_a_workbook_number_in_a_date_column_is_reported_and_a_date_cell_is_not(db):
    rows = [
        ["干部编号", "调整日期", "调整类型"],
        ["A1", dt.datetime(2025, 3, 4), "提拔"],  # a date-formatted cell: a date already
        ["A2", 20250630, "问责"],  # a compact date typed as a number
        ["A3", 46206, "降职"],  # a number, General format: a serial
    ]
    preview = parse_file("m.xlsx", xlsx_bytes(rows), current_reference(db))
    assert preview.rows["date"].tolist() == [dt.date(2025, 3, 4), dt.date(2025, 6, 30), dt.date(2026, 7, 3)]
    assert notes(preview) == [
        "「调整日期 (B)」列 1 个单元格为 Excel 日期序号，已按日期读取，如第 4 行「46206」→ 2026-07-03。"
    ]


def test_a_birth_year_read_from_a_serial_as_text_is_reported(catalog_db):
    """`32000` as text in 出生年份 is read as the year of the serial's date (1987-08-11): said, like a date."""
    data = (
        "干部编号,县区,单位,职级,性别,出生年份,统计日期\n"
        "A1,云岫县,安坝镇,一级科员,男,1988,2025/12/31\n"
        "A2,云岫县,安坝镇,一级科员,女,32000,46022\n"
    ).encode()
    preview = parse_file("r.csv", data, current_reference(catalog_db))
    assert not preview.problems
    assert preview.rows[["birth_year", "as_of"]].values.tolist() == [
        [1988, dt.date(2025, 12, 31)],
        [1987, dt.date(2025, 12, 31)],
    ]
    assert notes(preview) == [
        "「出生年份」列 1 个单元格为 Excel 日期序号，已按日期读取，如第 3 行「32000」→ 1987-08-11。",
        "「统计日期」列 1 个单元格为 Excel 日期序号，已按日期读取，如第 3 行「46022」→ 2025-12-31。",
    ]


@pytest.mark.parametrize(
    "hours,zh,en",
    [
        (
            "480分钟",
            "学时不能按分钟（「分钟」）填写",
            "is in minutes (“分钟”), which are not converted to 学时 (one 学时 is 45, 50 or 60 minutes by local "
            "rule); have the training office convert it to 学时 and enter that.",
        ),
        ("480分", "学时不能按分钟（「分」）填写", "is in minutes (“分”)"),
        ("90 min", "学时不能按分钟（「min」）填写", "is in minutes (“min”)"),
        (
            "3 h",
            "「h」不是可识别的单位；学时请只填数字，或以「学时」「小时」为单位（如「3学时」；1 小时按 1 学时计）。",
            "“h” is not a unit that can be read; enter the 学时 as a number, or in 学时 or 小时 (e.g. 3学时; one hour "
            "counts as one 学时).",
        ),
    ],
)
def test_hours_in_minutes_are_refused_naming_the_unit(db, hours, zh, en):
    """Minutes are never converted to 学时 (docs/decisions.md#training-time-in-minutes): the message says why and
    who converts, naming file, row, column and value, not "is not a number"."""
    data = training_csv(
        "A1,班A,政治能力,党的理论,线上,集体,8,2025/6/1", f"A2,班A,政治能力,党的理论,线上,集体,{hours},2025/6/2"
    )
    preview = parse_file("t.csv", data, current_reference(db), skip_invalid=True)
    assert [(p.row, p.column, p.value) for p in preview.problems] == [(3, "学时", hours)]
    assert messages(preview)[0].startswith(f"文件「t.csv」，第 3 行，「学时」列，值「{hours}」：{zh}")
    assert messages(preview, "en")[0].startswith(f"File “t.csv”, row 3, column “学时”, value “{hours}”: {en}")
    assert preview.rows["hours"].tolist() == [8.0]  # the other row imports


def test_hours_written_as_before_are_read_as_before(db):
    data = training_csv(
        "A1,班A,政治能力,党的理论,线上,集体,3,2025/6/1",
        "A1,班B,政治能力,党的理论,线上,集体,3学时,2025/6/1",
        "A1,班C,政治能力,党的理论,线上,集体,3小时,2025/6/1",
        "A1,班D,政治能力,党的理论,线上,集体,两小时,2025/6/1",
    )
    preview = parse_file("t.csv", data, current_reference(db), skip_invalid=True)
    assert preview.rows["hours"].tolist() == [3.0, 3.0, 3.0]
    assert notes(preview)[0] == "「学时」列 1 个单元格的单位「小时」按 1:1 计为「学时」，如第 4 行「3小时」→ 3。"
    assert [(p.row, p.key) for p in preview.problems] == [(5, "not_a_number")]


def test_a_course_with_an_in_cell_line_break_is_the_same_course(db):
    first = training_csv('A1,"2026年乡村振兴专题\n培训班",专业能力,乡村振兴,线下,集体,16,2026/3/2')
    second = training_csv("A1,2026年乡村振兴专题培训班,专业能力,乡村振兴,线下,集体,16,2026/3/2")
    preview = parse_file("a.csv", first, current_reference(db))
    assert preview.rows["course"].tolist() == ["2026年乡村振兴专题培训班"]
    assert notes(preview) == [
        "「培训项目」列 1 个单元格的文字已规范化（全角转半角，去除换行、多余空格和不可见字符），如第 2 行"
        "「2026年乡村振兴专题⏎培训班」→「2026年乡村振兴专题培训班」（去除换行 ⏎）。"
    ]
    import_ok(db, "a.csv", first)
    import_ok(db, "b.csv", second)
    assert db.fetch_all("SELECT count(*), sum(hours) FROM current_training") == [(1, 16.0)]  # not 2 and 32


def test_growth_rates_below_one_and_a_half_percent_are_kept():
    data = "考核期,县区,指标,数值\n2025Q2,云岫县,R06,0.8\n2025Q2,云峤县,R06,1.2\n2025Q2,澄溪县,R06,-0.5\n".encode()
    preview = parse_file("g.csv", data, MONEY_CATALOG)
    assert [v[4] for v in values(preview)] == [0.8, 1.2, -0.5]
    assert notes(preview)[0].startswith(
        "指标「GDP增速」中未设百分比格式、单元格中未写 % 的 3 个数值都不超过 1.5（如第 2 行「0.8」）"
    )


@pytest.mark.slow
def test_percent_formatted_cells_are_converted_and_reported():
    rows = [["考核期", "县区", "指标", "数值"], ["2025Q2", "云岫县", "R06", 0.008], ["2025Q2", "云峤县", "R06", 0.012]]
    preview = parse_file("g.xlsx", xlsx_bytes(rows, formats={"D2": "0.0%", "D3": "0.0%"}), MONEY_CATALOG)
    assert [v[4] for v in values(preview)] == [0.8, 1.2]
    assert notes(preview) == [
        "「数值 (D)」列 2 个单元格为 Excel 百分比格式（存为小数），按显示的百分数导入，如第 2 行「0.008」→ 0.8。"
    ]


@pytest.mark.parametrize("actual", ["实际", "完成值"])
@pytest.mark.slow
def test_a_two_row_header_takes_the_actual_sub_column(db, actual):
    head = [*TRAINING_HEAD[:6], "学时", None, "培训日期"]
    sub = [None] * 6 + ["计划", actual, None]
    rows = [
        head,
        sub,
        ["A1", "班A", "政治能力", "党的理论", "线上", "集体", 8, 6, "2025/6/1"],
        ["A2", "班A", "政治能力", "党的理论", "线上", "集体", 8, 7.5, "2025/6/1"],
    ]
    preview = parse_file(
        "t.xlsx", xlsx_bytes(rows, merges=["G1:H1", "A1:A2", "I1:I2"]), current_reference(db), skip_invalid=True
    )
    assert not preview.problems and preview.rows["hours"].tolist() == [6.0, 7.5]
    assert preview.rows["source_row"].tolist() == [3, 4]
    assert notes(preview) == [f"「学时」下有子列 计划 (G)、{actual} (H)，按规则取「{actual}」列导入，其余子列不导入。"]


def test_a_two_row_header_in_a_csv_without_merges(db):
    data = training_csv(
        ",,,,,,计划,实际,",
        "A1,班A,政治能力,党的理论,线上,集体,8,6,2025/6/1",
        head=",".join([*TRAINING_HEAD[:7], "", "培训日期"]),
    )
    preview = parse_file("t.csv", data, current_reference(db))
    assert not preview.problems and preview.rows["hours"].tolist() == [6.0]


def test_a_two_row_header_without_an_actual_sub_column_is_refused(db):
    data = training_csv(
        ",,,,,,计划,目标,",
        "A1,班A,政治能力,党的理论,线上,集体,8,6,2025/6/1",
        head=",".join([*TRAINING_HEAD[:7], "", "培训日期"]),
    )
    preview = parse_file("t.csv", data, current_reference(db), skip_invalid=True)
    assert preview.fatal and messages(preview) == [
        "文件「t.csv」，第 2 行：「学时」下有子列 计划 (G)、目标 (H)，无法确定导入哪一列（应有一列为「实际」或「完成值」）；请只保留一列后再导入。"
    ]


def test_two_actual_sub_columns_are_refused_as_such(db):
    data = training_csv(
        ",,,,,,实际,完成值,",
        "A1,班A,政治能力,党的理论,线上,集体,8,6,2025/6/1",
        head=",".join([*TRAINING_HEAD[:7], "", "培训日期"]),
    )
    assert [p.key for p in parse_file("t.csv", data, current_reference(db)).problems] == ["subcolumns_two_actual"]


@pytest.mark.parametrize(
    "header,key",
    [
        ("学时（分钟）", "unit_minutes_header"),  # minutes, never converted: docs/decisions.md#training-time-in-minutes
        ("学时(min)", "unit_minutes_header"),
        ("学时(分)", "unit_minutes_header"),  # 分 is a unit (points) elsewhere: minutes for 学时
        ("学时(周)", "unit_unknown_header"),
        ("学时（h）", "unit_unknown_header"),
        ("学时（计划）", "unit_unknown_header"),
    ],
)
def test_a_number_column_with_something_unknown_in_brackets_is_refused(db, header, key, tmp_path, monkeypatch):
    from incentive.intake import bulk_csv

    data = training_csv(
        "A1,班A,政治能力,党的理论,线上,集体,90,2025/6/1", head=",".join(TRAINING_HEAD).replace("学时", header)
    )
    preview = parse_file("t.csv", data, current_reference(db))
    label = header.replace("（", "(").replace("）", ")")  # headers are read after NFKC
    assert preview.fatal and [(p.key, p.column) for p in preview.problems] == [(key, label)]
    path = tmp_path / "t.csv"
    path.write_bytes(data)
    assert bulk_csv.parse_large_csv(path, current_reference(db)) is None  # the bulk path leaves it to the per-cell path
    monkeypatch.setenv("INCENTIVE_BULK_MIN_MB", "0")
    assert bulk_csv.parse_path(path, current_reference(db)).problem_texts("zh") == preview.problem_texts("zh")


def test_a_header_in_minutes_says_minutes_are_not_converted(db):
    data = training_csv(
        "A1,班A,政治能力,党的理论,线上,集体,90,2025/6/1", head=",".join(TRAINING_HEAD).replace("学时", "学时（分钟）")
    )
    preview = parse_file("t.csv", data, current_reference(db))
    assert messages(preview) == [
        "文件「t.csv」，第 1 行，「学时(分钟)」列：表头括号中的「分钟」表示该列按分钟填写。分钟不换算为学时（各地每学时"
        "折合 45、50 或 60 分钟不等，系统不作假定）；请由培训主管部门按本地规定折算为学时，删去括号中的内容后再导入。"
    ]


def test_wide_and_long_value_columns_with_unknown_units_are_refused():
    wide = "考核期,县区,重点项目投资完成额（美元）\n2026Q4,云岫县,32000\n".encode()
    assert [p.key for p in parse_file("w.csv", wide, MONEY_CATALOG).problems] == ["unit_unknown_header"]
    long = (
        "考核期,县区,指标,数值\n2026Q4,云岫县,招商引资额（美元）,32000\n2026Q4,云峤县,招商引资额（万元）,5\n".encode()
    )
    preview = parse_file("l.csv", long, MONEY_CATALOG)
    assert [(p.row, p.key) for p in preview.problems] == [(2, "unit_unknown_indicator")]


def test_numbers_with_a_space_inside_are_refused_and_the_minus_sign_is_read():
    data = "考核期,县区,指标,数值\n2025Q2,云岫县,R01,8 8\n2025Q2,云峤县,R01,\u22123\n".encode()
    preview = parse_file("n.csv", data, MONEY_CATALOG, skip_invalid=True)
    assert [(p.row, p.key) for p in preview.problems] == [(2, "not_a_number")]
    assert [v[4] for v in values(preview)] == [-3.0]


def test_normalized_names_in_score_files_are_reported():
    data = '考核期,县区,指标,数值\n2025Q2,云岫县 ,R01,1\n2025Q2,"云峤 县",R01,2\n'.encode()
    preview = parse_file("n.csv", data, MONEY_CATALOG)
    assert [v[1] for v in values(preview)] == ["云岫县", "云峤县"]
    assert notes(preview)[0].startswith("「县区」列 2 个单元格的文字已规范化")


@pytest.mark.parametrize(
    "path",
    [
        pytest.param(p, marks=pytest.mark.slow) if p.name[:3] in ("06_", "07_") else p  # 7,000 cadres, 44,000 records
        for p in sorted((Path(__file__).resolve().parent.parent / "data" / "sample").glob("0*"))
    ],
    ids=lambda p: p.name,
)
@pytest.mark.slow
def test_every_sample_file_into_an_empty_database_is_its_kind_or_asks_for_the_catalog(path):
    """A file whose columns fit several kinds is never taken as the kind that ignores most of them."""
    expected = {
        "01": "regions",
        "02": "indicators",
        "06": "roster",
        "07": "training",
        "08": "movements",
        "09": "appraisals",
    }
    preview = parse_file(path.name, path.read_bytes(), Reference())
    if path.name[:2] in expected:
        assert preview.kind == expected[path.name[:2]] and preview.importable
    else:  # race scores and welfare, long or wide: the catalog first (data contract)
        assert [p.key for p in preview.problems] == ["catalog_first"] and not preview.importable


def test_a_period_not_over_is_imported_and_said():
    """Race scores of a quarter still running (2026-Q4 sent on 6 December) import as sent, with a note saying the
    figures are so far and rank like final ones; a finished quarter's say nothing of it."""
    from incentive.intake.preview import Preview
    from incentive.intake.value_cells import note_periods_not_over

    preview = Preview("q.csv", "")
    note_periods_not_over(preview, {"2026-Q3", "2026-Q4", "2027-H1"}, dt.date(2026, 12, 6))
    assert [n.text("zh") for n in preview.notes] == [
        "2026-Q4、2027-H1 尚未结束（今天 2026-12-06）：这些是期中数字，导入后与结束的考核期一样参与排名和达标判断。"
    ]
    assert preview.notes[0].text("en").startswith("Not over yet (today is 2026-12-06): 2026-Q4、2027-H1.")
    done = Preview("q.csv", "")
    note_periods_not_over(done, {"2026-Q3"}, dt.date(2026, 12, 6))
    assert done.notes == []


def _quarter_of(day: dt.date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def test_a_file_of_a_quarter_not_over_says_so_in_its_preview(catalog_db):
    running = _quarter_of(dt.date.today())  # begun (today is in it), not over
    preview = parse_file("q.csv", race_csv(running, ["澄溪县", "云岫县"]), current_reference(catalog_db))
    assert preview.importable, preview.problem_texts("zh")
    assert any(n.key == "note_period_not_over" and n.params["periods"] == running for n in preview.notes)


def test_a_period_not_begun_is_refused_with_its_place(catalog_db):
    """Race scores of the next quarter and care figures of next year's first half have no figures yet (a tester
    imported 2027-H1 on 2026-12-07 and every page moved to an empty 2027): each row is refused, naming the file,
    row, column and the period, with the day it begins and today (docs/decisions.md#periods-not-yet-begun)."""
    today = dt.date.today()
    _, quarter_end = periods.bounds(_quarter_of(today))
    upcoming = _quarter_of(quarter_end + dt.timedelta(days=1))
    begins = periods.bounds(upcoming)[0].isoformat()
    data = race_csv(_quarter_of(today), ["澄溪县"]).decode().splitlines()
    data[2] = data[2].replace(_quarter_of(today), upcoming.replace("-", ""))  # line 3: R02 of the next quarter
    preview = parse_file("q.csv", ("\n".join(data) + "\n").encode(), current_reference(catalog_db))
    assert [(p.key, p.row, p.column) for p in preview.problems] == [("period_not_begun", 3, "考核期")]
    assert preview.problem_texts("zh") == [
        f"文件「q.csv」，第 3 行，「考核期」列，值「{upcoming.replace('-', '')}」：考核期 {upcoming} 尚未开始（始于 "
        f"{begins}，今天 {today.isoformat()}），还不会有这一期的数字，请核对考核期（常见为年份输错）。"
    ]
    assert f"the period {upcoming} has not begun (it starts on {begins}; today is" in preview.problem_texts("en")[0]
    assert not preview.importable
    next_half = f"{today.year + 1}年上半年"
    care = f"考核期,县区,指标,数值\n{next_half},澄溪县,W01,90\n".encode()
    refused = parse_file("w.csv", care, current_reference(catalog_db))
    assert [(p.key, p.row, p.params["period"]) for p in refused.problems] == [
        ("period_not_begun", 2, f"{today.year + 1}-H1")
    ]


def test_a_title_or_entered_period_not_begun_refuses_the_file_once(catalog_db):
    """A period for every row, from the title or entered with the file, that has not begun refuses the file once
    (the title's row, or no row for the one entered), not each row."""
    year = dt.date.today().year + 1
    rows = "县区,指标,数值\n澄溪县,R01,300\n云岫县,R01,200\n"
    titled = parse_file("t.csv", f"{year}年第一季度赛马得分\n{rows}".encode(), current_reference(catalog_db))
    assert [(p.key, p.row, p.value) for p in titled.problems] == [("period_not_begun", 1, f"{year}年第一季度赛马得分")]
    assert titled.fatal
    given = parse_file("g.csv", rows.encode(), current_reference(catalog_db), period=f"{year}-Q1")
    assert [(p.key, p.row, p.value) for p in given.problems] == [("period_given_not_begun", None, None)]
    assert given.fatal
    # said as the period entered, not as a value of the file (a tester's finding: 文件「…」，值「2027-Q1」)
    assert given.problem_lines("zh") == [
        f"文件「g.csv」：填写的考核期「{year}-Q1」（命令行 --period 或数据页所填）尚未开始（始于 {year}-01-01，"
        f"今天 {dt.date.today().isoformat()}），还不会有这一期的数字，请核对考核期（常见为年份输错）。"
    ]
    assert (
        "The period entered, “" + f"{year}-Q1” (the CLI's --period or the Data page's field)"
        in (given.problem_lines("en")[0])
    )


# ------------------------------------------------------------------ dates after today, 1904 workbooks


def _far_and_near_future() -> tuple[dt.date, dt.date]:
    """2099-03-01 and tomorrow: both after the day the test runs (docs/decisions.md#future-and-1904-dates)."""
    return dt.date(2099, 3, 1), dt.date.today() + dt.timedelta(days=1)


def test_a_training_date_after_today_is_refused_with_its_place(db):
    """A 培训日期 in the future would move the dashboard's default year to an empty one: refused, naming the file,
    row, column, the date and today."""
    far, near = _far_and_near_future()
    today = dt.date.today()
    far_serial = (far - dt.date(1899, 12, 30)).days
    data = training_csv(
        f"A1,班A,政治能力,党的理论,线上,集体,8,{today.isoformat()}",
        f"A2,班A,政治能力,党的理论,线上,集体,8,{far.isoformat()}",
        f"A3,班A,政治能力,党的理论,线上,集体,8,{near:%Y/%m/%d}",
        f"A4,班A,政治能力,党的理论,线上,集体,8,{far_serial}",
    )
    preview = parse_file("t.csv", data, current_reference(db))
    assert [(p.key, p.row, p.column) for p in preview.problems] == [
        ("date_after_today", 3, "培训日期"),
        ("date_after_today", 4, "培训日期"),
        ("date_after_today", 5, "培训日期"),
    ]
    texts = messages(preview)
    assert "t.csv" in texts[0] and "第 3 行" in texts[0] and "培训日期" in texts[0]
    assert f"2099-03-01 晚于今天（{today.isoformat()}）" in texts[0]
    assert f"{near.isoformat()} 晚于今天（{today.isoformat()}）" in texts[1]
    assert f"2099-03-01 is after today ({today.isoformat()})" in messages(preview, "en")[2]
    assert notes(preview) == []  # a refused serial is not also reported as read
    assert preview.rows["date"].tolist()[0] == today  # today itself is accepted


def test_a_personnel_decision_dated_after_today_is_refused(db):
    far, near = _far_and_near_future()
    rows = [
        ["干部编号", "调整日期", "调整类型"],
        ["A1", dt.datetime(2025, 3, 4), "提拔"],
        ["A2", dt.datetime(far.year, far.month, far.day), "问责"],
        ["A3", near.isoformat(), "降职"],
    ]
    preview = parse_file("m.xlsx", xlsx_bytes(rows), current_reference(db))
    assert [(p.key, p.row, p.column) for p in preview.problems] == [
        ("date_after_today", 3, "调整日期 (B)"),
        ("date_after_today", 4, "调整日期 (B)"),
    ]


def test_a_roster_dated_after_today_is_accepted(catalog_db):
    """A year-end roster may be prepared before the year ends: its 统计日期 is a snapshot date, not an event."""
    day = dt.date.today() + dt.timedelta(days=20)
    data = (f"干部编号,县区,单位,职级,性别,出生年份,统计日期\nA1,云岫县,安坝镇,一级科员,男,1988,{day}\n").encode()
    preview = parse_file("r.csv", data, current_reference(catalog_db))
    assert not preview.problems and preview.rows["as_of"].tolist() == [day]


@pytest.mark.slow
def test_a_number_in_a_date_column_of_a_1904_workbook_counts_from_1904(db):
    """In a workbook saved in the 1904 date system, 44744 is 2026-07-03 (46206 in the 1900 system): read so, and
    said with the date it was read as; a date-formatted cell is a date either way."""
    rows = [
        ["干部编号", "调整日期", "调整类型"],
        ["A1", dt.datetime(2025, 3, 4), "提拔"],
        ["A2", 44744, "问责"],
        ["A3", "44745", "降职"],
    ]
    preview = parse_file("m.xlsx", xlsx_bytes(rows, date1904=True), current_reference(db))
    assert not preview.problems
    assert preview.rows["date"].tolist() == [dt.date(2025, 3, 4), dt.date(2026, 7, 3), dt.date(2026, 7, 4)]
    assert notes(preview) == [
        "「调整日期 (B)」列 2 个单元格为 Excel 日期序号，已按日期读取，如第 3 行「44744」→ 2026-07-03。"
    ]
    same = parse_file("m.xlsx", xlsx_bytes(rows), current_reference(db))  # the 1900 system: 4 years and a day
    assert same.rows["date"].tolist()[1] == dt.date(2022, 7, 2)


@pytest.mark.slow
def test_a_number_in_a_date_column_of_a_1904_xls_counts_from_1904(db):
    rows = [["干部编号", "调整日期", "调整类型"], ["A1", 44744, "问责"]]
    preview = parse_file("m.xls", xls_bytes(rows, date1904=True), current_reference(db))
    assert not preview.problems and preview.rows["date"].tolist() == [dt.date(2026, 7, 3)]
    assert parse_file("m.xls", xls_bytes(rows), current_reference(db)).rows["date"].tolist() == [dt.date(2022, 7, 2)]


# ------------------------------------------------------------------ units in number formats, titles and unit rows


def training_xlsx(hours: list, formats: dict[str, str] | None = None, before: list[list] = ()) -> bytes:
    rows = [*before, TRAINING_HEAD]
    rows += [[f"A{i}", "班A", "政治能力", "党的理论", "线上", "集体", h, f"2025/6/{i}"] for i, h in enumerate(hours, 1)]
    return xlsx_bytes(rows, formats=formats)


@pytest.mark.parametrize("code,unit", [('0"分钟"', "分钟"), ('0"min"', "min"), ('#,##0"分"', "分")])
@pytest.mark.slow
def test_hours_in_minutes_by_their_number_format_are_refused(db, code, unit):
    """90 shown as "90分钟" is minutes, as if the cell said so: never 90 学时."""
    preview = parse_file("t.xlsx", training_xlsx([8, 90], {"G3": code}), current_reference(db), skip_invalid=True)
    assert [(p.key, p.row, p.value, p.params) for p in preview.problems] == [
        ("hours_in_minutes", 3, f"90{unit}", {"unit": unit})
    ]
    assert preview.rows["hours"].tolist() == [8.0]


def test_hours_in_hours_by_their_number_format_are_read_and_said(db):
    preview = parse_file("t.xlsx", training_xlsx([3, 5], {"G2": '0"学时"', "G3": '0"小时"'}), current_reference(db))
    assert not preview.problems and preview.rows["hours"].tolist() == [3.0, 5.0]
    assert notes(preview) == ["「学时 (G)」列 1 个单元格的单位「小时」按 1:1 计为「学时」，如第 3 行「5小时」→ 5。"]


def test_hours_with_an_unknown_unit_in_their_format_are_refused(db):
    preview = parse_file("t.xlsx", training_xlsx([3], {"G2": '0"周"'}), current_reference(db))
    assert [(p.key, p.value) for p in preview.problems] == [("not_a_number", "3周")]  # as "3周" typed would be


def test_money_in_its_number_format_is_converted_and_said():
    rows = [["考核期", "县区", "重点项目投资完成额", "招商引资额"], ["2026Q4", "云岫县", 32000, 5]]
    preview = parse_file("w.xlsx", xlsx_bytes(rows, formats={"C2": '0"万元"', "D2": '#,##0"万元"'}), MONEY_CATALOG)
    assert not preview.problems and [v[4] for v in values(preview)] == [3.2, 5.0]
    assert notes(preview) == [
        "「重点项目投资完成额 (C)」列 1 个单元格的单位「万元」已换算为「亿元」（×0.0001），如第 2 行「32000万元」→ 3.2。"
    ]


def test_a_count_with_money_in_its_number_format_is_refused():
    rows = [["考核期", "县区", "新开工项目数"], ["2026Q4", "云岫县", 12]]
    preview = parse_file("w.xlsx", xlsx_bytes(rows, formats={"C2": '0"万元"'}), MONEY_CATALOG)
    assert [(p.key, p.value) for p in preview.problems] == [("unit_mismatch", "12万元")]


def test_an_id_with_text_in_its_number_format_is_read_as_excel_shows_it_and_said(db):
    """15 formatted "LZ"000000 shows LZ000015: stored as 000015 it matched no one on the roster."""
    rows = [TRAINING_HEAD, [15, "班A", "政治能力", "党的理论", "线上", "集体", 2, "2025/6/1"]]
    preview = parse_file("t.xlsx", xlsx_bytes(rows, formats={"A2": '"LZ"000000'}), current_reference(db))
    assert preview.rows["cadre_id"].tolist() == ["LZ000015"]
    assert (
        "「干部编号 (A)」列 1 个数字单元格的数字格式在数字旁显示文字，已按 Excel 显示的内容读取，如第 2 行「15」"
        in (" ".join(notes(preview)))
    )
    assert any("→ “LZ000015”" in n for n in notes(preview, "en"))


def test_an_id_whose_shown_text_cannot_be_derived_is_refused(db):
    rows = [TRAINING_HEAD, [15.5, "班A", "政治能力", "党的理论", "线上", "集体", 2, "2025/6/1"]]
    preview = parse_file("t.xlsx", xlsx_bytes(rows, formats={"A2": '"LZ"0'}), current_reference(db))
    assert [(p.key, p.row, p.column, p.params) for p in preview.problems] == [
        ("format_text_unknown", 2, "干部编号 (A)", {"format": '"LZ"0'})
    ]


def test_a_period_with_text_in_its_number_format_is_read_as_excel_shows_it():
    """2025 formatted 0"年第三季度" shows 2025年第三季度: a quarter, never the year 2025."""
    rows = [["考核期", "县区", "指标", "数值"], [2025, "云岫县", "招商引资额", 880]]
    preview = parse_file("w.xlsx", xlsx_bytes(rows, formats={"A2": '0"年第三季度"'}), MONEY_CATALOG)
    assert not preview.problems and values(preview) == [("2025-Q3", "云岫县", "", "R01", 880.0)]
    assert (
        "「考核期 (A)」列 1 个数字单元格的数字格式在数字旁显示文字，已按 Excel 显示的内容读取，如第 2 行「2025」"
        in (" ".join(notes(preview)))
    )


@pytest.mark.parametrize(
    "value,code,shown,factor",
    [(15655400, "0.00,,", "15.66", "1,000,000"), (24993100, "#,##0,", "24,993", "1,000")],
)
@pytest.mark.slow
def test_money_scaled_by_its_number_format_is_refused_naming_the_format(value, code, shown, factor):
    rows = [["考核期", "县区", "招商引资额"], ["2026Q4", "云岫县", value]]
    preview = parse_file("w.xlsx", xlsx_bytes(rows, formats={"C2": code}), MONEY_CATALOG, skip_invalid=True)
    assert [(p.key, p.row, p.column, p.value, p.params) for p in preview.problems] == [
        (
            "number_format_scaled",
            2,
            "招商引资额 (C)",
            str(value),
            {"format": code, "shown": shown, "factor": factor, "value": str(value)},
        )
    ]
    assert values(preview) == []


def test_a_long_file_value_scaled_by_its_number_format_is_refused():
    rows = [["考核期", "县区", "指标", "数值"], ["2026Q4", "云岫县", "招商引资额", 24993100]]
    preview = parse_file("w.xlsx", xlsx_bytes(rows, formats={"D2": "#,##0,"}), MONEY_CATALOG)
    assert [(p.key, p.row) for p in preview.problems] == [("number_format_scaled", 2)]


@pytest.mark.parametrize("code", ['"¥"#,##0', "[$¥-804]#,##0.00", "¥#,##0", '"¥"#,##0;[Red]"¥"\\-#,##0'])
@pytest.mark.slow
def test_text_before_a_number_in_its_format_is_refused(code):
    """¥32,000 in a 万元 column: 32000 元, or 32000 万元 shown as money? Refused, naming the format."""
    rows = [["考核期", "县区", "招商引资额"], ["2026Q4", "云岫县", 32000]]
    preview = parse_file("w.xlsx", xlsx_bytes(rows, formats={"C2": code}), MONEY_CATALOG)
    assert [(p.key, p.params) for p in preview.problems] == [("number_format_text", {"format": code, "text": "¥"})]


@pytest.mark.parametrize("code", ["#,##0_);[Red](#,##0)", "0_ ", "+0", "[$-804]#,##0", "#,##0.00"])
@pytest.mark.slow
def test_formats_that_show_the_number_as_stored_are_read_as_before(code):
    rows = [["考核期", "县区", "招商引资额"], ["2026Q4", "云岫县", 32000]]
    preview = parse_file("w.xlsx", xlsx_bytes(rows, formats={"C2": code}), MONEY_CATALOG)
    assert not preview.problems and [v[4] for v in values(preview)] == [32000.0]


@pytest.mark.parametrize("title", ["单位：分钟", "单位：min", "（单位:分）"])
def test_a_title_in_minutes_refuses_the_hours(db, title):
    data = (title + "\n").encode() + training_csv("A1,班A,政治能力,党的理论,线上,集体,90,2025/6/1")
    preview = parse_file("t.csv", data, current_reference(db))
    assert [p.key for p in preview.problems] == ["hours_in_minutes"] and preview.rows["hours"].isna().all()


def test_a_title_in_days_or_hours_is_applied_to_the_hours(db):
    data = "单位：天\n".encode() + training_csv("A1,班A,政治能力,党的理论,线上,集体,3,2025/6/1")
    assert [p.key for p in parse_file("t.csv", data, current_reference(db)).problems] == ["unit_days_need_rule"]
    ruled = parse_file("t.csv", data, Reference(settings={"hours_per_day": 8}))
    assert not ruled.problems and ruled.rows["hours"].tolist() == [24.0]
    hours = "单位：小时\n".encode() + training_csv("A1,班A,政治能力,党的理论,线上,集体,3,2025/6/1")
    preview = parse_file("t.csv", hours, current_reference(db))
    assert not preview.problems and preview.rows["hours"].tolist() == [3.0]
    assert notes(preview) == ["「学时」列 1 个单元格的单位「小时」按 1:1 计为「学时」，如第 3 行「3」→ 3。"]


def test_a_title_of_another_family_says_nothing_of_the_hours(db):
    data = "单位：万元\n".encode() + training_csv("A1,班A,政治能力,党的理论,线上,集体,3,2025/6/1")
    preview = parse_file("t.csv", data, current_reference(db))
    assert not preview.problems and preview.rows["hours"].tolist() == [3.0]


def test_a_title_in_minutes_beside_a_date_refuses_the_hours(db):
    """`单位：分钟    填表日期：…` (spaces beside Chinese were removed, gluing the date to the unit): 90 minutes must
    not be stored as 90 学时."""
    data = "单位：分钟    填表日期：2025年6月30日\n".encode() + training_csv(
        "A1,班A,政治能力,党的理论,线上,集体,90,2025/6/1"
    )
    preview = parse_file("t.csv", data, current_reference(db))
    assert [(p.key, p.row) for p in preview.problems] == [("hours_in_minutes", 3)]


@pytest.mark.parametrize("unit", ["分钟", "min", "分"])
def test_a_unit_row_in_minutes_refuses_the_hours(db, unit):
    data = training_csv(f",,,,,,{unit},", *[f"A{i},班A,政治能力,党的理论,线上,集体,90,2025/6/{i}" for i in (1, 2)])
    preview = parse_file("t.csv", data, current_reference(db))
    assert [(p.key, p.row) for p in preview.problems] == [("hours_in_minutes", 3), ("hours_in_minutes", 4)]


def test_a_header_in_minutes_as_分_says_minutes_are_not_converted(db):
    data = training_csv(
        "A1,班A,政治能力,党的理论,线上,集体,90,2025/6/1", head=",".join(TRAINING_HEAD).replace("学时", "学时(分)")
    )
    preview = parse_file("t.csv", data, current_reference(db))
    assert preview.fatal and [(p.key, p.params) for p in preview.problems] == [("unit_minutes_header", {"inner": "分"})]


def test_a_row_longer_than_the_header_is_refused_not_cut(catalog_db):
    """An unquoted thousands separator in a CSV (`1,480.2` for 1480.2) splits the number over two fields; the row
    was cut to the header's width and 1 imported where 1480.2 was meant, silently. Text beyond the header is refused,
    naming row and column and saying why."""
    data = '考核期,县区,指标,数值\n2025Q2,云岫县,R01,"1,565.5"\n2025Q2,云峤县,R01,1,480.2\n'.encode()
    preview = parse_file("得分.csv", data, current_reference(catalog_db))
    assert not preview.importable
    zh, en = messages(preview), messages(preview, "en")
    assert len(zh) == 1 and "第 3 行" in zh[0] and "第 5 列" in zh[0] and "「480.2」" in zh[0] and "千位分隔符" in zh[0]
    assert "row 3" in en[0] and "column 5" in en[0] and "thousands" in en[0]
    # blank fields beyond the header (a trailing comma) are nothing; a field under a blank header is refused too
    data = "考核期,县区,指标,数值\n2025Q2,云岫县,R01,12,\n2025Q2,云峤县,R01,13, ,\n".encode()
    assert parse_file("得分.csv", data, current_reference(catalog_db)).importable
    data = "考核期,县区,指标,数值,\n2025Q2,云岫县,R01,1,480.2\n".encode()
    assert ["第 5 列" in m for m in messages(parse_file("得分.csv", data, current_reference(catalog_db)))] == [True]


def test_a_workbook_column_without_a_header_is_said_not_imported(catalog_db):
    """A workbook's header row spans the sheet: a blank header cell splits no number, so its column is not imported,
    and the preview says so rather than leave its values out in silence."""
    rows = [
        ["考核期", "县区", "指标", "数值", None],
        ["2025Q2", "云岫县", "R01", 12.5, 7],
        ["2025Q2", "云峤县", "R02", 3],
    ]
    preview = parse_file("得分.xlsx", xlsx_bytes(rows), current_reference(catalog_db))
    assert preview.importable
    assert "第 E 列没有表头，其中 1 个单元格有内容，未导入（如第 2 行「7」）：如是数据，请补上表头后重新导入。" in [
        n.text("zh") for n in preview.notes
    ]


def test_a_long_file_names_the_columns_it_does_not_import(catalog_db):
    """A long scores file's other columns (备注, a second 县区) were left out without a word, as the other kinds
    name them: a second 县区 column that differs from the first is worth a look."""
    data = "考核期,县区,县区,指标,数值,备注\n2025Q2,云岫县,云峤县,R01,3,代填\n".encode()
    preview = parse_file("得分.csv", data, current_reference(catalog_db))
    assert preview.importable
    assert "未识别的列（不导入）：县区、备注。" in [n.text("zh") for n in preview.notes]


def test_a_web_page_table_with_a_column_of_links_is_not_refused(catalog_db):
    """A web system's export (HTML named .xls) often ends each row with a headerless 操作 cell: no comma split
    there, so it is named in a note, as in a workbook, not refused as in a CSV."""
    page = (
        "<html><body><table><tr><td>考核期</td><td>县区</td><td>指标</td><td>数值</td><td></td></tr>"
        "<tr><td>2025Q2</td><td>云岫县</td><td>R01</td><td>12</td><td>查看</td></tr>"
        "<tr><td>2025Q2</td><td>云峤县</td><td>R02</td><td>3</td><td>查看</td><td>删除</td></tr></table></body></html>"
    )
    preview = parse_file("系统导出.xls", page.encode(), current_reference(catalog_db))
    assert preview.importable, messages(preview)
    notes = [n.text("zh") for n in preview.notes]
    assert (
        "第 E 列没有表头，其中 2 个单元格有内容，未导入（如第 2 行「查看」）：如是数据，请补上表头后重新导入。" in notes
    )
    assert [n for n in notes if n.startswith("第 F 列没有表头")]


TWIN_HEADER = "干部编号,培训项目,培训类别,培训领域,培训方式,组织形式,学时,培训日期,学时（小时）"


def test_a_second_column_for_the_same_field_that_agrees_is_noted(db):
    """学时 and 学时（小时） both name the hours: where they agree on every row (3 and 3.0 read the same), the
    first is imported and a note names both, instead of the second being listed as unrecognised."""
    data = (
        f"{TWIN_HEADER}\n"
        "A0001,党史专题班,政治理论,党史,线下,集体,3,2025/6/3,3.0\n"
        "A0002,党史专题班,政治理论,党史,线下,集体,16,2025/6/3,16\n"
    )
    preview = parse_file("t.csv", data.encode(), current_reference(db))
    assert preview.importable and not preview.problems
    assert preview.rows["hours"].tolist() == [3.0, 16.0]
    notes = [n.text("zh") for n in preview.notes]
    assert "「学时(小时)」列与「学时」列表示同一项，各行内容相同，按「学时」列导入。" in notes
    assert not any(n.key == "note_extra_columns" for n in preview.notes)


def test_a_second_column_for_the_same_field_that_disagrees_refuses_its_rows(db):
    """Where the two columns for one field differ, which holds the figure cannot be known: each such row is a
    problem naming both columns and both values; the first column no longer wins in silence."""
    data = (
        f"{TWIN_HEADER}\n"
        "A0001,党史专题班,政治理论,党史,线下,集体,3,2025/6/3,3\n"
        "A0002,党史专题班,政治理论,党史,线下,集体,16,2025/6/3,160\n"
        "A0003,党史专题班,政治理论,党史,线下,集体,8,2025/6/3,\n"
    )
    preview = parse_file("t.csv", data.encode(), current_reference(db))
    assert not preview.importable
    assert [(p.key, p.row, p.column, p.value) for p in preview.problems] == [
        ("twin_columns_differ", 3, "学时", "16"),
        ("twin_columns_differ", 4, "学时", "8"),
    ]
    assert "与同样表示该项的「学时(小时)」列在本行不一致（「160」）" in preview.problem_texts("zh")[0]
    assert "disagrees on this row with column “学时(小时)”" in preview.problem_texts("en")[1]
    assert "(“—”)" in preview.problem_texts("en")[1]


def test_a_long_file_with_two_value_columns_compares_them(catalog_db):
    """得分 and 数值 both name a long file's value: the first (a county's own 得分) was imported as the indicator's
    value and the second listed as unrecognised, so 8.5 stood for 1480.2 with a note that misnamed the column.
    Two value columns are compared row by row, as two 学时 columns are (decisions: Two columns for one field)."""
    data = "考核期,县区,指标,得分,数值\n2025Q2,云岫县,R01,8.5,1480.2\n2025Q2,云岫县,R02,6,6\n".encode()
    preview = parse_file("得分.csv", data, current_reference(catalog_db))
    assert not preview.importable
    assert [(p.key, p.row, p.column, p.value) for p in preview.problems] == [("twin_columns_differ", 2, "得分", "8.5")]
    assert preview.problems[0].params["other"] == "数值"
    assert not any("数值" in n.text("zh") for n in preview.notes)
    same = "考核期,县区,指标,数值,完成值,备注\n2025Q2,云岫县,R01,3,3.0,x\n".encode()
    preview = parse_file("得分.csv", same, current_reference(catalog_db))
    assert preview.importable
    assert list(preview.rows["value"]) == [3.0]
    assert [n.key for n in preview.notes if "column" in n.key] == ["note_extra_columns", "note_twin_columns_same"]


def test_a_long_file_with_indicator_code_and_name_columns_that_agree_is_noted(catalog_db):
    """指标代码 and 指标名称 both name a long file's indicator: the name column was listed as not imported and never
    read. Where every row's code and name name the same indicator, the file imports as before, and a note says the
    two columns were checked against each other (decisions: Indicator code and name columns)."""
    data = (
        "考核期,县区,指标代码,指标名称,数值\n"
        "2025Q2,云岫县,R01,招商引资额,1480.2\n"
        "2025Q2,云岫县,R02,安全生产事故起数,1\n"
        "2025Q2,云峤县,r03,企业诉求办结率,96\n"
    ).encode()
    preview = parse_file("s.csv", data, current_reference(catalog_db))
    assert preview.importable and not preview.problems
    assert values(preview) == [
        ("2025-Q2", "云岫县", "", "R01", 1480.2),
        ("2025-Q2", "云岫县", "", "R02", 1.0),
        ("2025-Q2", "云峤县", "", "R03", 96.0),
    ]
    assert [n.text("zh") for n in preview.notes if "column" in n.key] == [
        "「指标名称」列与「指标代码」列都表示指标，已逐行核对，每行两列所指的指标相同，按「指标代码」列导入。"
    ]
    assert [n.text("en") for n in preview.notes if "column" in n.key] == [
        "Column “指标名称” names the indicator as column “指标代码” does, and was checked against it row by row: "
        "both name the same indicator on every row; imported from “指标代码”."
    ]


def test_a_row_whose_indicator_code_and_name_name_two_indicators_is_refused(catalog_db):
    """R01 is 招商引资额; a row with R01 and 安全生产事故起数 imported 3 as 招商引资额 in silence. Which indicator the
    figure belongs to cannot be known: the row is refused, naming both columns, both texts and both indicators,
    whichever column comes first."""
    data = (
        "考核期,县区,指标代码,指标名称,数值\n"
        "2025Q2,云岫县,R01,招商引资额,1480.2\n"
        "2025Q2,云峤县,R01,安全生产事故起数,3\n"
    ).encode()
    preview = parse_file("s.csv", data, current_reference(catalog_db))
    assert not preview.importable
    assert [(p.key, p.row, p.column, p.value) for p in preview.problems] == [
        ("indicator_columns_differ", 3, "指标代码", "R01")
    ]
    assert messages(preview) == [
        "文件「s.csv」，第 3 行，「指标代码」列，值「R01」：是指标「招商引资额（R01）」，而本行「指标名称」列的"
        "「安全生产事故起数」是另一个指标「安全生产事故起数（R02）」，无法判断数值属于哪个指标：请核对这两列后重新导入。"
    ]
    assert messages(preview, "en") == [
        "File “s.csv”, row 3, column “指标代码”, value “R01”: is the indicator “招商引资额 (R01)”, but “安全生产事故起数” "
        "in column “指标名称” on this row is another indicator, “安全生产事故起数 (R02)”: which one the figure belongs "
        "to cannot be known. Check the two columns and import again."
    ]
    assert not any(n.key in ("note_indicator_columns_same", "note_extra_columns") for n in preview.notes)
    # the name first: the row is named at the name column, against the code
    named_first = "考核期,县区,指标名称,指标代码,数值\n2025Q2,云峤县,安全生产事故起数,R01,3\n".encode()
    preview = parse_file("s.csv", named_first, current_reference(catalog_db))
    assert [(p.key, p.row, p.column, p.value, p.params["other_value"]) for p in preview.problems] == [
        ("indicator_columns_differ", 2, "指标名称", "安全生产事故起数", "R01")
    ]
    # with skip-invalid, the row that agrees imports and the other is rejected
    preview = parse_file("s.csv", data, current_reference(catalog_db), skip_invalid=True)
    assert preview.importable and values(preview) == [("2025-Q2", "云岫县", "", "R01", 1480.2)]
    assert preview.rejected_rows == {3}


def test_an_indicator_name_beside_a_code_that_names_no_indicator_is_refused(catalog_db):
    """A name the catalog lacks, or a blank name, beside a code cannot be checked against it: refused too. A code
    the catalog lacks beside a known name is refused by the existing rule of the first column (unknown_indicator)."""
    data = (
        "考核期,县区,指标代码,指标名称,数值\n"
        "2025Q2,云岫县,R01,招商引资额,1480.2\n"
        "2025Q2,云岫县,R02,安全事故起数,1\n"
        "2025Q2,云岫县,R03,,96\n"
        "2025Q2,云岫县,R09,企业诉求办结率,96\n"
    ).encode()
    preview = parse_file("s.csv", data, current_reference(catalog_db))
    assert not preview.importable
    assert [(p.key, p.row, p.column, p.value) for p in preview.problems] == [
        ("indicator_column_unknown", 3, "指标名称", "安全事故起数"),
        ("indicator_column_blank", 4, "指标名称", ""),
        ("unknown_indicator", 5, "指标代码", "R09"),
    ]
    assert messages(preview)[0] == (
        "文件「s.csv」，第 3 行，「指标名称」列，值「安全事故起数」：不是指标目录中的指标，无法与本行「指标代码」列的"
        "「R02」（指标「安全生产事故起数（R02）」）核对，无法判断数值属于哪个指标：请核对这两列后重新导入。"
        " 是否为「安全生产事故起数」？"
    )
    assert "is blank, so it cannot be checked against “R03” in column “指标代码”" in messages(preview, "en")[1]


def test_a_unit_after_the_name_beside_a_code_is_read(catalog_db):
    """招商引资额 is counted in 万元; 招商引资额（亿元） beside R01 says the figure is in 亿元. The name column was
    never read, so 0.15 (亿元) was stored as 0.15 万元: its unit converts the value as it does in a file of names."""
    data = "考核期,县区,指标代码,指标名称,数值\n2025Q2,云岫县,R01,招商引资额（亿元）,0.15\n".encode()
    preview = parse_file("s.csv", data, current_reference(catalog_db))
    assert preview.importable and values(preview) == [("2025-Q2", "云岫县", "", "R01", 1500.0)]
    assert any(n.key == "note_unit_converted" for n in preview.notes)
    clash = "考核期,县区,指标名称,指标,数值\n2025Q2,云岫县,招商引资额（亿元）,招商引资额（万元）,0.15\n".encode()
    preview = parse_file("s.csv", clash, current_reference(catalog_db))
    assert [(p.key, p.row, p.column) for p in preview.problems] == [("twin_columns_differ", 2, "指标名称")]
    unknown = "考核期,县区,指标代码,指标名称,数值\n2025Q2,云岫县,R01,招商引资额（计划）,0.15\n".encode()
    preview = parse_file("s.csv", unknown, current_reference(catalog_db))
    assert [(p.key, p.row, p.column) for p in preview.problems] == [("unit_unknown_indicator", 2, "指标名称")]


def test_an_indicator_name_is_checked_against_the_catalog_of_its_period():
    """A catalog versioned by 生效起始期: X1 was 指标一 and is 指标甲 from 2026, when 指标一 became X2's name. In 2026
    指标一 beside X1 names another indicator (refused); 指标甲 beside X1 in 2025 is a later name of the same one."""
    indicators = [
        {"code": "X1", "name": "指标一", "domain": "race", "unit": "个", "effective_from": ""},
        {"code": "X1", "name": "指标甲", "domain": "race", "unit": "个", "effective_from": "2026"},
        {"code": "X2", "name": "指标一", "domain": "race", "unit": "个", "effective_from": "2026"},
    ]
    reference = Reference(regions=[("甲县", ""), ("乙县", "")], indicators=indicators)
    data = (
        "考核期,县区,指标代码,指标名称,数值\n"
        "2025-Q4,甲县,X1,指标一,1\n"
        "2025-Q4,乙县,X1,指标甲,2\n"
        "2026-Q1,甲县,X1,指标甲,3\n"
        "2026-Q1,乙县,X1,指标一,4\n"
        "2026-Q1,甲县,X2,指标一,5\n"
    ).encode()
    preview = parse_file("s.csv", data, reference)
    assert [(p.key, p.row, p.params.get("other_indicator")) for p in preview.problems] == [
        ("indicator_columns_differ", 5, ("by_lang", {"zh": "指标一（X2）", "en": "指标一 (X2)"}))
    ]
    assert "是指标「指标甲（X1）」" in messages(preview)[0]


def test_two_columns_of_one_header_text_are_told_apart_by_position(db):
    """Two columns both headed 学时 in a CSV: the message names each with its position, not 学时 against 学时."""
    data = (
        "干部编号,培训项目,培训类别,培训领域,培训方式,组织形式,学时,培训日期,学时\n"
        "A0001,党史专题班,政治理论,党史,线下,集体,3,2025/6/3,4\n"
    )
    preview = parse_file("t.csv", data.encode(), current_reference(db))
    assert [(p.key, p.column, p.params["other"]) for p in preview.problems] == [
        ("twin_columns_differ", "学时 [7]", "学时 [9]")
    ]


# ------------------------------------------------------------------ dots grouping thousands (semicolon CSV)

SEMICOLON_RACE = "考核期;县区;指标;数值\n2025Q2;云岫县;R01;1.480\n2025Q2;云峤县;R01;1.5\n2025Q2;澄溪县;R03;95.25\n"


def test_dots_grouping_thousands_in_a_semicolon_csv_are_refused(catalog_db):
    """A semicolon CSV is what Excel set to a European locale saves, `.` grouping thousands: `1.480` was read as
    1.48, a thousandth of the 1480 meant (docs/decisions.md#semicolon-csv-numbers). Refused naming row, column and
    text; `1.5` and `95.25` read."""
    preview = parse_file("得分.csv", SEMICOLON_RACE.encode(), current_reference(catalog_db))
    assert not preview.importable
    assert [(p.key, p.row, p.column, p.value) for p in preview.problems] == [
        ("dot_thousands_ambiguous", 2, "数值", "1.480")
    ]
    [zh], [en] = messages(preview), messages(preview, "en")
    assert (
        zh.startswith("文件「得分.csv」，第 2 行，「数值」列，值「1.480」：")
        and "可能是 1480" in zh
        and "也可能是 1.48" in zh
    )
    assert "以逗号分隔的 CSV" in zh
    assert (
        en.startswith("File “得分.csv”, row 2, column “数值”, value “1.480”: ")
        and "may be 1480" in en
        and "or 1.48" in en
    )
    assert "separated by commas" in en
    rest = parse_file("得分.csv", SEMICOLON_RACE.encode(), current_reference(catalog_db), skip_invalid=True)
    assert values(rest) == [("2025-Q2", "云峤县", "", "R01", 1.5), ("2025-Q2", "澄溪县", "", "R03", 95.25)]


def test_a_decimal_comma_or_comma_thousands_in_a_semicolon_csv_is_refused(catalog_db):
    """The same Excel writes its decimal comma there: `1,480` may be 1.48 as well as 1480, and was read as 1480.
    `1,480,000` and `1,480.5` have one reading and are read."""
    data = "考核期;县区;指标;数值\n2025Q2;云岫县;R01;1,480\n2025Q2;云峤县;R01;1,480,000\n2025Q2;澄溪县;R01;1,480.5\n"
    preview = parse_file("得分.csv", data.encode(), current_reference(catalog_db), skip_invalid=True)
    assert [(p.key, p.row, p.column, p.value) for p in preview.problems] == [
        ("comma_decimal_ambiguous", 2, "数值", "1,480")
    ]
    assert (
        "可能是 1.48（逗号作小数点" in messages(preview)[0]
        and "or 1480 (a comma grouping" in messages(preview, "en")[0]
    )
    assert values(preview) == [("2025-Q2", "云峤县", "", "R01", 1480000.0), ("2025-Q2", "澄溪县", "", "R01", 1480.5)]
    tab = parse_file("得分.csv", data.replace(";", "\t").encode(), current_reference(catalog_db))
    assert tab.importable and [v[-1] for v in values(tab)] == [1480.0, 1480000.0, 1480.5]


def test_dots_grouping_thousands_in_a_comma_or_tab_csv_read_as_before(catalog_db):
    expected = [
        ("2025-Q2", "云岫县", "", "R01", 1.48),
        ("2025-Q2", "云峤县", "", "R01", 1.5),
        ("2025-Q2", "澄溪县", "", "R03", 95.25),
    ]
    for delimiter in (",", "\t"):
        data = SEMICOLON_RACE.replace(";", delimiter).encode()
        preview = parse_file("得分.csv", data, current_reference(catalog_db))
        assert preview.importable and values(preview) == expected


def test_dots_grouping_thousands_in_a_wide_semicolon_csv_are_refused(catalog_db):
    """The wide file's cells (one indicator a column) are read by their own path: refused there too, each cell
    named; several groups (`1.480.000`) and a unit (`1.480万元`) alike."""
    data = "考核期;县区;招商引资额;企业诉求办结率\n2025Q2;云岫县;1.480.000;95.25\n2025Q2;澄溪县;1.480万元;96\n".encode()
    preview = parse_file("w.csv", data, current_reference(catalog_db))
    assert [(p.key, p.row, p.column, p.value) for p in preview.problems] == [
        ("dot_thousands", 2, "招商引资额", "1.480.000"),
        ("dot_thousands_ambiguous", 3, "招商引资额", "1.480万元"),
    ]
    assert "1480000" in messages(preview, "en")[0] and "可能是 1480万元" in messages(preview)[1]
    comma = parse_file("w.csv", data.decode().replace(";", ",").encode(), current_reference(catalog_db))
    assert [p.key for p in comma.problems] == ["not_a_number"]  # 1.480.000, as before; 1.480万元 read as 1.48


def test_training_hours_grouped_by_dots_in_a_semicolon_csv_are_refused(db):
    data = (
        "干部编号;培训项目;培训类别;培训领域;培训方式;组织形式;学时;培训日期\n"
        "A0001;党史专题班;政治能力;党的理论;线下;集体;1.480;2025/6/3\n"
        "A0002;党史专题班;政治能力;党的理论;线下;集体;2.5;2025/6/3\n"
    )
    preview = parse_file("t.csv", data.encode(), current_reference(db), skip_invalid=True)
    assert [(p.key, p.row, p.column, p.value) for p in preview.problems] == [
        ("dot_thousands_ambiguous", 2, "学时", "1.480")
    ]
    assert list(preview.rows["hours"]) == [2.5]
    comma = parse_file("t.csv", data.replace(";", ",").encode(), current_reference(db))
    assert comma.importable and list(comma.rows["hours"]) == [1.48, 2.5]


def test_class_weights_grouped_by_dots_in_a_semicolon_catalog_are_refused(db):
    """A catalog's weights are read by the record loop and a class's weights by their own: both refuse."""
    data = "指标代码;指标名称;类别;赛道;单位;方向;权重;目标值\nR01;招商引资额;赛马;项目建设;万元;正向;1.000;2.500\n"
    preview = parse_file("i.csv", data.encode(), current_reference(db))
    assert [(p.key, p.column, p.value) for p in preview.problems] == [
        ("dot_thousands_ambiguous", "权重", "1.000"),
        ("dot_thousands_ambiguous", "目标值", "2.500"),
    ]


# ------------------------------------------------------------------ text kept by a formula in a CSV: ="LZ000001"

TEXT_FORMULA_ROSTER = (
    "干部编号,姓名,县区,单位,职级,性别,出生年份,统计日期\n"
    '="LZ000001",甲一,云岫县,安坝镇,一级科员,男,1988,2025-06-30\n'
    '="0012",甲二,云峤县,丹埠镇,一级科员,女,="1979",2025-06-30\n'
)
TEXT_FORMULA_TRAINING = training_csv(
    '="LZ000001",专题班,专业能力,乡村振兴,线下,集体,="16",="2025-06-03"',
    '="LZ000001",党史班,政治能力,党的理论,线上,个人,4,2025-06-10',
    '="0012",党史班,政治能力,党的理论,线上,个人,4,2025-06-10',
)


def test_ids_written_as_excel_text_formulas_in_a_csv_are_read_as_their_text_and_match(catalog_db):
    """`="LZ000001"` keeps leading zeros when Excel opens a CSV again; stored as written, the roster's and the
    training file's cadre no longer matched (decisions: Text kept by a formula in a CSV)."""
    roster = parse_file("roster.csv", TEXT_FORMULA_ROSTER.encode(), current_reference(catalog_db))
    assert roster.importable, roster.problem_texts("en")
    assert roster.rows["cadre_id"].tolist() == ["LZ000001", "0012"]
    assert roster.rows["birth_year"].tolist() == [1988, 1979]
    assert notes(roster) == [
        '「干部编号」列 2 个单元格写作 ="…"（Excel 为保留前导零等原样文字的写法），已按引号内的文字读取，'
        '如第 2 行「="LZ000001"」→「LZ000001」。',
        '「出生年份」列 1 个单元格写作 ="…"（Excel 为保留前导零等原样文字的写法），已按引号内的文字读取，'
        '如第 3 行「="1979"」→「1979」。',
    ]
    assert notes(roster, "en")[0] == (
        'Column “干部编号”: 2 cells written ="…" (Excel\'s way to keep a text such as leading zeros as written) '
        'read as the text inside the quotes, e.g. row 2: “="LZ000001"” → “LZ000001”.'
    )
    batches.import_preview(catalog_db, roster, source="cli", created_by="test")
    training = parse_file("training.csv", TEXT_FORMULA_TRAINING, current_reference(catalog_db))
    assert training.importable, training.problem_texts("en")
    assert training.rows["cadre_id"].tolist() == ["LZ000001", "LZ000001", "0012"]
    assert training.rows["hours"].tolist() == [16.0, 4.0, 4.0]
    assert training.rows["date"].tolist()[0] == dt.date(2025, 6, 3)
    assert [(n.params["column"], n.params["n"], n.params["row"]) for n in training.notes] == [
        ("干部编号", 3, 2),
        ("学时", 1, 2),
        ("培训日期", 1, 2),
    ]
    batches.import_preview(catalog_db, training, source="cli", created_by="test")
    matched = catalog_db.fetch_df(
        "SELECT count(*) AS n, count(DISTINCT cadre_id) AS cadres FROM current_training "
        "JOIN current_roster USING (cadre_id)"
    )
    assert matched[["n", "cadres"]].values.tolist() == [[3, 2]]


def test_a_text_formula_in_a_values_file_reads_as_its_text_in_every_column(catalog_db):
    data = ('考核期,县区,乡镇,指标,数值\n="2025Q2",="云岫县",,="R01",="120.5"\n2025Q2,云峤县,,R03,="96%"\n').encode()
    preview = parse_file("race.csv", data, current_reference(catalog_db))
    assert preview.importable, preview.problem_texts("en")
    assert values(preview) == [("2025-Q2", "云岫县", "", "R01", 120.5), ("2025-Q2", "云峤县", "", "R03", 96.0)]
    assert [
        (n.params["column"], n.params["n"], n.params["value"]) for n in preview.notes if n.key == "note_text_formula"
    ] == [
        ("考核期", 1, "2025Q2"),
        ("县区", 1, "云岫县"),
        ("指标", 1, "R01"),
        ("数值", 2, "120.5"),
    ]


def test_any_other_formula_stays_refused_in_ids_and_numbers(db):
    """Only `="…"` with nothing more is a text; `=A1+1` or a concatenation is a formula whose value the CSV does not
    hold: refused in a number column as before, and in an id column, which kept it as an id before."""
    data = training_csv(
        "=A1+1,班A,政治能力,党的理论,线上,集体,2,2025/6/1",
        '="LZ"&"0001",班B,政治能力,党的理论,线上,集体,2,2025/6/1',
        "A0003,班C,政治能力,党的理论,线上,集体,=A1+1,2025/6/1",
        'A0004,班D,政治能力,党的理论,线上,集体,"=""2""+1",2025/6/1',
    )
    preview = parse_file("t.csv", data, current_reference(db))
    assert [(p.key, p.row, p.column, p.value) for p in preview.problems] == [
        ("formula_without_value", 2, "干部编号", "=A1+1"),
        ("formula_without_value", 3, "干部编号", '="LZ"&"0001"'),
        ("formula_without_value", 4, "学时", "=A1+1"),
        ("formula_without_value", 5, "学时", '="2"+1'),
    ]
    assert not [n for n in preview.notes if n.key == "note_text_formula"]


# ------------------------------------------------------------------ counts are whole numbers


def test_a_count_indicator_refuses_a_fraction_and_a_percent_does_not(catalog_db):
    """R02 安全生产事故起数 counts 起: 3.5 accidents is a typo, imported as a figure before (decisions: Counts are
    whole numbers); R03 is a percent, where 3.5 is a value like any other."""
    data = (
        "考核期,县区,乡镇,指标,数值\n"
        "2025Q2,云岫县,,R02,3.5\n"
        "2025Q2,云峤县,,R02,3\n"
        "2025Q2,澄溪县,,R02,4.0\n"
        "2025Q2,云岫县,,R03,3.5\n"
    ).encode()
    preview = parse_file("race.csv", data, current_reference(catalog_db), skip_invalid=True)
    assert messages(preview) == [
        "文件「race.csv」，第 2 行，「数值」列，值「3.5」：指标「安全生产事故起数」以「起」计数，数值应为整数，3.5 不是整数；"
        "请核对后填写整数。"
    ]
    assert messages(preview, "en") == [
        "File “race.csv”, row 2, column “数值”, value “3.5”: indicator “安全生产事故起数” is a count (unit 起): its "
        "value is a whole number, and 3.5 is not; check it and enter a whole number."
    ]
    assert values(preview) == [
        ("2025-Q2", "云峤县", "", "R02", 3.0),
        ("2025-Q2", "澄溪县", "", "R02", 4.0),
        ("2025-Q2", "云岫县", "", "R03", 3.5),
    ]


@pytest.mark.slow
def test_a_count_is_whole_in_a_wide_file_and_a_workbook_too(catalog_db):
    wide = "2025年第二季度\n县区,安全生产事故起数,企业诉求办结率\n云岫县,2.5,3.5\n云峤县,3,96\n".encode()
    preview = parse_file("wide.csv", wide, current_reference(catalog_db))
    assert [(p.key, p.row, p.column, p.value) for p in preview.problems] == [
        ("count_not_whole", 3, "安全生产事故起数", "2.5")
    ]
    rows = [["考核期", "县区", "指标", "数值"], ["2025Q2", "云岫县", "R02", 1.5], ["2025Q2", "云峤县", "R02", 3]]
    preview = parse_file("race.xlsx", xlsx_bytes(rows), current_reference(catalog_db))
    assert [(p.key, p.row, p.column) for p in preview.problems] == [("count_not_whole", 2, "数值 (D)")]
    # a formula's binary noise, as a program writes it out: Excel shows the 15 significant digits, 3
    noisy = "考核期,县区,指标,数值\n2025Q2,云岫县,R02,3.0000000000000004\n".encode()
    assert not parse_file("race.csv", noisy, current_reference(catalog_db)).problems


def test_an_average_counted_in_a_count_unit_may_be_a_fraction():
    reference = Reference(
        indicators=[
            {"code": "R07", "name": "新开工项目数", "domain": "race", "unit": "个"},
            {"code": "R08", "name": "村均新开工项目数", "domain": "race", "unit": "个"},
            {"code": "R09", "name": "每万人信访件数", "domain": "race", "unit": "件"},
            {"code": "R10", "name": "培训人数", "domain": "race", "unit": "万人"},
        ]
    )
    data = "考核期,县区,指标,数值\n2025Q2,云岫县,R08,2.5\n2025Q2,云岫县,R09,0.8\n2025Q2,云岫县,R10,1.5\n"
    preview = parse_file("race.csv", data.encode(), reference)
    assert not preview.problems
    assert [v[4] for v in values(preview)] == [2.5, 0.8, 1.5]
    preview = parse_file("race.csv", "考核期,县区,指标,数值\n2025Q2,云岫县,R07,2.5个\n".encode(), reference)
    assert [(p.key, p.value) for p in preview.problems] == [("count_not_whole", "2.5个")]


# ------------------------------------------------------------------ indicator names by period


def test_a_long_file_of_names_reads_each_name_by_the_catalog_of_its_row_period(renamed_catalog_db):
    """招商引资额 is R01 until 2025 and R02 from 2026-Q1 (R01 is then 重点项目投资额). A long file naming indicators
    by name alone looked the name up without its period and took the first catalog entry bearing it: the 2026-Q1
    招商引资额 was stored under R01, silently (decisions: Indicator names by period)."""
    data = (
        "考核期,县区,指标,数值\n"
        "2025-Q4,云岫县,招商引资额,100\n"
        "2026-Q1,云岫县,招商引资额,200\n"
        "2026-Q1,云岫县,重点项目投资额,300\n"
    ).encode()
    preview = parse_file("s.csv", data, current_reference(renamed_catalog_db))
    assert preview.importable and not preview.problems
    assert values(preview) == [
        ("2025-Q4", "云岫县", "", "R01", 100.0),
        ("2026-Q1", "云岫县", "", "R02", 200.0),
        ("2026-Q1", "云岫县", "", "R01", 300.0),
    ]
    assert not any(n.key == "note_indicator_old_name" for n in preview.notes)


def test_a_wide_file_reads_each_header_name_by_the_catalog_of_its_row_period(renamed_catalog_db):
    """A wide file headed by names, a period per row: the column 招商引资额 is R01 on the 2025-Q4 rows and R02 on
    the 2026-Q1 rows; with the period in the title, every row by that period."""
    data = "考核期,县区,招商引资额,企业诉求办结率\n2025-Q4,云岫县,100,90\n2026-Q1,云岫县,200,\n".encode()
    preview = parse_file("w.csv", data, current_reference(renamed_catalog_db))
    assert preview.importable and not preview.problems, preview.problem_texts("en")
    assert values(preview) == [
        ("2025-Q4", "云岫县", "", "R01", 100.0),
        ("2025-Q4", "云岫县", "", "R03", 90.0),
        ("2026-Q1", "云岫县", "", "R02", 200.0),
        ("2026-Q1", "云岫县", "", "R03", None),
    ]
    titled = "2026年第一季度赛马考评得分表\n县区,招商引资额,重点项目投资额\n云岫县,200,300\n".encode()
    preview = parse_file("w.csv", titled, current_reference(renamed_catalog_db))
    assert preview.importable and not preview.problems, preview.problem_texts("en")
    assert values(preview) == [("2026-Q1", "云岫县", "", "R02", 200.0), ("2026-Q1", "云岫县", "", "R01", 300.0)]


def test_an_old_name_of_one_indicator_is_read_as_it_with_a_note(renamed_catalog_db):
    """企业诉求办结率 is R03's name until 2025 and no indicator's from 2026-Q1 (R03 is then 企业诉求按期办结率): a
    2026-Q1 value under the old name is R03's, and the preview says the name was read as R03 under its name of
    the period, in a long file, a wide one, and beside a code (the same resolver)."""
    reference = current_reference(renamed_catalog_db)
    long = (
        "考核期,县区,指标,数值\n"
        "2025-Q4,云岫县,企业诉求办结率,90\n"
        "2026-Q1,云岫县,企业诉求办结率,91\n"
        "2026-Q2,云岫县,企业诉求办结率,92\n"
    ).encode()
    wide = "考核期,县区,企业诉求办结率\n2025-Q4,云岫县,90\n2026-Q1,云岫县,91\n2026-Q2,云岫县,92\n".encode()
    coded = (
        "考核期,县区,指标代码,指标名称,数值\n"
        "2025-Q4,云岫县,R03,企业诉求办结率,90\n"
        "2026-Q1,云岫县,R03,企业诉求办结率,91\n"
        "2026-Q2,云岫县,R03,企业诉求办结率,92\n"
    ).encode()
    for data in (long, wide, coded):
        preview = parse_file("s.csv", data, reference)
        assert preview.importable and not preview.problems, preview.problem_texts("en")
        assert values(preview) == [
            ("2025-Q4", "云岫县", "", "R03", 90.0),
            ("2026-Q1", "云岫县", "", "R03", 91.0),
            ("2026-Q2", "云岫县", "", "R03", 92.0),
        ]
        old = [n for n in preview.notes if n.key == "note_indicator_old_name"]
        assert [n.text("zh") for n in old] == [
            "指标名称「企业诉求办结率」不是 2026-Q1、2026-Q2 的指标目录中任何指标的名称，而是指标 R03 在其他时期的名称，"
            "已按「企业诉求按期办结率（R03）」导入（2 个数值），请核对。"
        ]
        assert [n.text("en") for n in old] == [
            "The indicator name “企业诉求办结率” is no indicator's name in the catalog of 2026-Q1, 2026-Q2, but "
            "indicator R03's name at other times: imported as “企业诉求按期办结率 (R03)” (2 values); check it."
        ]
    # the old name of R02 (安全生产事故起数 until 2025) beside R02 in 2026-Q1: the same indicator, said
    preview = parse_file(
        "s.csv", "考核期,县区,指标代码,指标名称,数值\n2026-Q1,云岫县,R02,安全生产事故起数,3\n".encode(), reference
    )
    assert preview.importable and values(preview) == [("2026-Q1", "云岫县", "", "R02", 3.0)]
    assert [n.params["indicator"][1]["zh"] for n in preview.notes if n.key == "note_indicator_old_name"] == [
        "招商引资额（R02）"
    ]


def test_a_name_several_indicators_bore_and_none_bears_at_the_period_is_refused(renamed_catalog_db):
    """招商引资额 was R01's name until 2025 and R02's in 2026-Q1 and Q2; from 2026-Q3 no indicator bears it (R02 is
    招商引资到位额). A 2026-Q3 value under it was stored as R01, silently; which indicator is meant cannot be known:
    the row is refused, naming the name, the period and each candidate with the periods it bore the name. The
    2026-Q1 row beside it is R02's."""
    reference = current_reference(renamed_catalog_db)
    data = "考核期,县区,指标,数值\n2026-Q3,云岫县,招商引资额,90\n2026-Q1,云岫县,招商引资额,80\n".encode()
    preview = parse_file("s.csv", data, reference)
    assert not preview.importable
    assert [(p.key, p.row, p.column, p.value) for p in preview.problems] == [
        ("indicator_name_ambiguous", 2, "指标", "招商引资额")
    ]
    assert messages(preview) == [
        "文件「s.csv」，第 2 行，「指标」列，值「招商引资额」：指标名称「招商引资额」在 2026-Q3 的指标目录中不是任何指标的"
        "名称，而在其他时期先后是多个指标的名称：R01（2026-Q1 以前）、R02（2026-Q1 起，2026-Q3 以前），无法判断数值"
        "属于哪个指标：请改用指标代码，或写 2026-Q3 的指标名称后重新导入。"
    ]
    assert messages(preview, "en") == [
        "File “s.csv”, row 2, column “指标”, value “招商引资额”: the indicator name “招商引资额” is no indicator's name "
        "in the catalog of 2026-Q3, and at other times it was the name of more than one indicator: R01 (before "
        "2026-Q1); R02 (from 2026-Q1, before 2026-Q3); which one the figure belongs to cannot be known. Use the "
        "indicator's code, or its name in 2026-Q3, and import again."
    ]
    preview = parse_file("s.csv", data, reference, skip_invalid=True)
    assert preview.importable and values(preview) == [("2026-Q1", "云岫县", "", "R02", 80.0)]
    # a row without its period is refused for that alone: no period to read the name by
    blank = "考核期,县区,指标,数值\n,云岫县,招商引资额,90\n".encode()
    assert [(p.key, p.row) for p in parse_file("s.csv", blank, reference).problems] == [("required", 2)]
    # a wide file: by row with a period column; with the period of the title, the column refuses the file
    wide = "考核期,县区,招商引资额\n2026-Q1,云岫县,80\n2026-Q3,云岫县,90\n".encode()
    preview = parse_file("w.csv", wide, reference)
    assert [(p.key, p.row, p.column) for p in preview.problems] == [("indicator_name_ambiguous", 3, "招商引资额")]
    assert "R01 (before 2026-Q1); R02 (from 2026-Q1, before 2026-Q3)" in messages(preview, "en")[0]
    titled = "2026年第三季度赛马考评得分表\n县区,招商引资额,企业诉求按期办结率\n云岫县,90,95\n云峤县,91,96\n".encode()
    preview = parse_file("w.csv", titled, reference, skip_invalid=True)
    assert preview.fatal and not preview.importable
    assert [(p.key, p.row, p.column) for p in preview.problems] == [("indicator_name_ambiguous", 2, "招商引资额")]
    # beside a code, the code says which of them: R01 with the name it bore until 2025 is R01, said; R03 is neither
    coded = (
        "考核期,县区,指标代码,指标名称,数值\n2026-Q3,云岫县,R01,招商引资额,90\n2026-Q3,云峤县,R03,招商引资额,91\n"
    ).encode()
    preview = parse_file("s.csv", coded, reference)
    assert [(p.key, p.row) for p in preview.problems] == [("indicator_columns_differ", 3)]
    assert [n.params["code"] for n in preview.notes if n.key == "note_indicator_old_name"] == ["R01"]


def test_a_name_two_indicators_bear_at_one_period_is_refused():
    """Nothing stops a catalog from giving two indicators one name at one period: the first entry bearing it was
    taken, silently. Refused, naming both."""
    indicators = [
        {"code": "X1", "name": "指标一", "domain": "race", "unit": "个", "effective_from": ""},
        {"code": "X2", "name": "指标一", "domain": "race", "unit": "个", "effective_from": "2026"},
    ]
    reference = Reference(regions=[("甲县", "")], indicators=indicators)
    data = "考核期,县区,指标,数值\n2025-Q4,甲县,指标一,1\n2026-Q1,甲县,指标一,2\n".encode()
    preview = parse_file("s.csv", data, reference)
    assert [(p.key, p.row) for p in preview.problems] == [("indicator_name_shared", 3)]
    assert messages(preview)[0].endswith(
        "指标名称「指标一」在 2026-Q1 的指标目录中是多个指标的名称：X1（各期）、X2（2026 起），无法判断数值属于哪个指标："
        "请改用指标代码后重新导入。"
    )
    assert (
        "more than one indicator in the catalog of 2026-Q1: X1 (every period); X2 (from 2026)"
        in (messages(preview, "en")[0])
    )


def test_a_name_several_indicators_bore_before_a_code_is_read_by_the_code(renamed_catalog_db):
    """指标名称 before 指标代码: the code beside a name several indicators bore says which, as it does after it (one
    rule for both orders); beside a code that is none of them, the name is still ambiguous: refused."""
    data = (
        "考核期,县区,指标名称,指标代码,数值\n2026-Q3,云岫县,招商引资额,R01,90\n2026-Q3,云峤县,招商引资额,R03,91\n"
    ).encode()
    preview = parse_file("s.csv", data, current_reference(renamed_catalog_db))
    assert [(p.key, p.row) for p in preview.problems] == [("indicator_name_ambiguous", 3)]
    preview = parse_file("s.csv", data, current_reference(renamed_catalog_db), skip_invalid=True)
    assert values(preview) == [("2026-Q3", "云岫县", "", "R01", 90.0)]
    assert [n.params["code"] for n in preview.notes if n.key == "note_indicator_old_name"] == ["R01"]


# ------------------------------------------------------------------ footnote marks


def test_footnote_marks_after_race_values_are_refused_as_written(catalog_db):
    """`9⑤`, `1²`, `3⁵`, `²⁵`, `⒈5`, `28①` were stored as 95, 12, 35, 25, 1.5, 281 (NFKC makes the marks digits):
    each is refused, quoted as written, naming the mark (docs/decisions.md#footnote-marks-in-cells)."""
    cells = ["9⑤", "1²", "3⁵", "²⁵", "⒈5", "28①", "33.56*", "９５"]
    rows = [
        f"2025Q2,{county},,R03,{cell}"
        for county, cell in zip(["云岫县", "云峤县", "澄溪县", "枫岚区"] * 2, cells, strict=True)
    ]
    data = ("考核期,县区,乡镇,指标,数值\n" + "\n".join(rows[:4]) + "\n").encode()
    data += ("\n".join(r.replace("2025Q2", "2025Q3") for r in rows[4:]) + "\n").encode()
    preview = parse_file("race.csv", data, current_reference(catalog_db), skip_invalid=True)
    assert [(p.row, p.key, p.value, p.params.get("mark")) for p in preview.problems] == [
        (2, "footnote_mark", "9⑤", "⑤"),
        (3, "footnote_mark", "1²", "²"),
        (4, "footnote_mark", "3⁵", "⁵"),
        (5, "footnote_mark", "²⁵", "²"),
        (6, "footnote_mark", "⒈5", "⒈"),
        (7, "footnote_mark", "28①", "①"),
        (8, "not_a_number", "33.56*", None),
    ]
    assert values(preview) == [("2025-Q3", "枫岚区", "", "R03", 95.0)]  # full-width digits read as before
    assert messages(preview)[0] == (
        "文件「race.csv」，第 2 行，「数值」列，值「9⑤」：含「⑤」，像是脚注标记（带圈、上标、下标或带点的数字），未读取："
        "若把它当作数字，会读成「95」。请删去该标记（说明可写在表尾或备注列）后重新导入。"
    )
    assert messages(preview, "en")[5] == (
        "File “race.csv”, row 7, column “数值”, value “28①”: holds “①”, which looks like a footnote mark (a circled, "
        "superscript, subscript or full-stop digit), and was not read: taken as digits it would read “281”. Delete "
        "the mark (put the note below the table or in a remarks column) and import again."
    )


def test_refused_cells_are_quoted_as_written_not_normalized(catalog_db):
    """A full-width cell refused (`１２．５分`, `９ｘ`, an unknown indicator `招商引资额（Ａ）`) is quoted as the clerk
    typed it, not as the half-width text clean_text made of it: the clerk looks for what he wrote (data contract:
    the cell as written)."""
    data = (
        "考核期,县区,乡镇,指标,数值\n"
        "2025Q2,云岫县,,R02,１２．５分\n"
        "2025Q2,云峤县,,R03,９ｘ\n"
        "2025Q2,澄溪县,,招商引资额（Ａ）,5\n"
        "2025Q2,枫 岚 区Ｘ,,R01,5\n"
    ).encode()
    preview = parse_file("race.csv", data, current_reference(catalog_db), skip_invalid=True)
    assert [(p.row, p.key, p.value) for p in preview.problems] == [
        (2, "unit_mismatch", "１２．５分"),
        (3, "not_a_number", "９ｘ"),
        (4, "unit_unknown_indicator", "招商引资额（Ａ）"),
        (5, "unknown_county", "枫 岚 区Ｘ"),
    ]
    assert messages(preview)[1] == "文件「race.csv」，第 3 行，「数值」列，值「９ｘ」：不是数字。"
    data = "考核期,县区,乡镇,指标代码,指标名称,数值\n2025Q2,云岫县,,R01,招商引资额Ａ,5\n2025Q2,云峤县,,Ｒ01,安全生产事故起数,5\n"
    preview = parse_file("race.csv", data.encode(), current_reference(catalog_db), skip_invalid=True)
    assert [(p.row, p.key, p.value, p.params.get("other_value")) for p in preview.problems] == [
        (2, "indicator_column_unknown", "招商引资额Ａ", "R01"),
        (3, "indicator_columns_differ", "Ｒ01", "安全生产事故起数"),
    ]


def test_footnote_marks_in_hours_ids_dates_periods_and_years_are_refused(catalog_db):
    """Every cell read for its digits: 学时 `4①` (41 学时), an id `LZ00000①` (another cadre's LZ000001), a date, a
    period, a birth year and an appraisal year. A course name keeps its mark, as text normalized and said."""
    reference = current_reference(catalog_db)
    training = training_csv(
        "LZ000001,班A,政治能力,党的理论,线上,集体,4①,2025/6/1",
        "LZ00000①,班B,政治能力,党的理论,线上,集体,4,2025/6/1",
        "LZ000002,班C,政治能力,党的理论,线上,集体,4,2025/6/1②",
        "LZ000003,第①期班,政治能力,党的理论,线上,集体,4,2025/6/1",
    )
    preview = parse_file("t.csv", training, reference, skip_invalid=True)
    assert [(p.row, p.column, p.key, p.value) for p in preview.problems] == [
        (2, "学时", "footnote_mark", "4①"),
        (3, "干部编号", "footnote_mark", "LZ00000①"),
        (4, "培训日期", "footnote_mark", "2025/6/1②"),
    ]
    assert preview.rows["course"].tolist() == ["第1期班"]
    race = parse_file("r.csv", "考核期,县区,指标,数值\n2025Q②,云岫县,R01,5\n".encode(), reference)
    assert [(p.column, p.key, p.value) for p in race.problems] == [("考核期", "footnote_mark", "2025Q②")]
    roster = parse_file(
        "roster.csv",
        "干部编号,姓名,县区,单位,职级,性别,出生年份,统计日期\nLZ1,张,云岫县,安坝镇,一级科员,男,199①,2025-12-31\n".encode(),
        reference,
    )
    assert [(p.column, p.key, p.value) for p in roster.problems] == [("出生年份", "footnote_mark", "199①")]
    grades = parse_file("g.csv", "干部编号,年度,考核等次\nLZ1,202④,优秀\n".encode(), reference)
    assert [(p.column, p.key, p.value) for p in grades.problems] == [("年度", "footnote_mark", "202④")]


# ------------------------------------------------------------------ duplicates with refused or blank cells

ROSTER_BLANK_YEAR = (
    "干部编号,姓名,县区,单位,职级,性别,出生年份,统计日期\n"
    "LZ900007,张七,云岫县,安坝镇,一级科员,男,,2026-11-30\n"
    "LZ900007,张七,云岫县,安坝镇,一级科员,男,1991,2026-11-30\n"
)


def test_a_repeated_cadre_whose_birth_year_is_blank_once_is_a_differing_duplicate(catalog_db):
    """A blank 出生年份 is a gap (NA) in a whole-number column: comparing it with 1991 raised `boolean value of NA is
    ambiguous` in the CLI and on the page. It is a difference, named as one."""
    preview = parse_file("roster.csv", ROSTER_BLANK_YEAR.encode(), current_reference(catalog_db))
    assert [(p.row, p.key) for p in preview.problems] == [
        (2, "required"),
        (2, "duplicate_key_differs"),
        (3, "duplicate_key_differs"),
    ]
    assert messages(preview)[1] == (
        "文件「roster.csv」，第 2 行：与第 3 行重复（LZ900007 / 2026-11-30），但「出生年份」不同：第 3 行为「1991」，"
        "本行为「」。请核对后删去错误的一行。"
    )


def test_rows_whose_key_cell_is_refused_make_up_no_duplicate(catalog_db):
    """Two training rows whose id is a formula (`=A1+1`) were also reported as duplicates of each other, `（nan /
    2026年测试专题班B / 2026-11-02）`; two grades without a year crashed on the NA in their key. A refused or blank key
    cell is no key: each row has its own problem, and no other."""
    reference = current_reference(catalog_db)
    training = training_csv(
        "LZ000001,2026年测试专题班A,政治能力,党的理论,线上,集体,4,2026-11-01",
        "=A1+1,2026年测试专题班B,政治能力,党的理论,线上,集体,4,2026-11-02",
        "=A1+1,2026年测试专题班B,政治能力,党的理论,线上,集体,4,2026-11-02",
    )
    preview = parse_file("t.csv", training, reference)
    assert [(p.row, p.key) for p in preview.problems] == [(3, "formula_without_value"), (4, "formula_without_value")]
    assert not any("nan" in text for text in messages(preview) + messages(preview, "en"))
    grades = parse_file("g.csv", "干部编号,年度,考核等次\nLZ1,,优秀\nLZ1,2099,称职\n".encode(), reference)
    assert [(p.row, p.key) for p in grades.problems] == [(2, "required"), (3, "not_an_appraisal_year")]


def test_one_total_row_or_footnote_is_one_row_in_english(catalog_db):
    """ "Total/average rows ignored: rows 7." read wrong for one row: the English agrees with the count."""
    reference = current_reference(catalog_db)
    one = "考核期,县区,乡镇,指标,数值\n2025Q2,云岫县,,R01,5\n合计,,,,5\n注：数据来源于统计局\n"
    two = "考核期,县区,乡镇,指标,数值\n2025Q2,云岫县,,R01,5\n合计,,,,5\n平均,,,,5\n注：一\n注：二\n"
    assert notes(parse_file("one.csv", one.encode(), reference), "en")[:2] == [
        "Total/average row ignored: row 3.",
        "Footnote ignored: row 4.",
    ]
    assert notes(parse_file("two.csv", two.encode(), reference), "en")[:2] == [
        "Total/average rows ignored: rows 3, 4.",
        "Footnotes ignored: rows 5, 6.",
    ]
    assert notes(parse_file("one.csv", one.encode(), reference))[:2] == [
        "已忽略合计/平均行（共 1 行）：第 3 行。",
        "已忽略表尾说明（共 1 行）：第 4 行。",
    ]


def test_a_differing_duplicate_names_the_files_header_and_quotes_refused_cells_as_written(catalog_db):
    """The column that differs is named by the file's header (得分, not 数值 / Value), and a refused cell as the clerk
    wrote it (`≥95`, a count's `3.5`), not as the blank it was stored as (docs/decisions.md#duplicate-keys)."""
    data = (
        "考核期,县区,乡镇,指标,得分\n"
        "2025Q2,云岫县,,R03,≥95\n2025Q2,云岫县,,R03,93\n2025Q2,云岫县,,R02,3.5\n2025Q2,云岫县,,R02,3\n"
    ).encode()
    preview = parse_file("race.csv", data, current_reference(catalog_db))
    assert [(p.row, p.key) for p in preview.problems] == [
        (2, "not_a_number"),
        (2, "duplicate_key_differs"),
        (3, "duplicate_key_differs"),
        (4, "count_not_whole"),
        (4, "duplicate_key_differs"),
        (5, "duplicate_key_differs"),
    ]
    assert messages(preview)[1] == (
        "文件「race.csv」，第 2 行：与第 3 行重复（2025-Q2 / 云岫县 / R03），但「得分」不同：第 3 行为「93」，本行为「≥95」。"
        "请核对后删去错误的一行。"
    )
    assert messages(preview, "en")[5] == (
        "File “race.csv”, row 5: duplicates row 4 (2025-Q2 / 云岫县 / R02), but “得分” differs: “3.5” in row 4, “3” "
        "here. Check which is right and delete the other row."
    )


def test_a_differing_duplicate_quotes_every_cell_as_written(catalog_db):
    """A grade written 合格 (read as 称职) and a date written 2025/6/1 are quoted so, as the clerk finds them in the
    file, in both languages."""
    reference = current_reference(catalog_db)
    grades = parse_file("g.csv", "干部编号,年度,考核等次\nA1,2024,优秀\nA1,2024年度,合格\n".encode(), reference)
    assert "but “考核等次” differs: “优秀” in row 2, “合格” here." in messages(grades, "en")[1]
    assert "但「考核等次」不同：第 3 行为「合格」，本行为「优秀」" in messages(grades)[0]
    roster = parse_file(
        "roster.csv",
        (
            "干部编号,姓名,县区,单位,职级,性别,出生年份,统计日期\n"
            "LZ1,张,云岫县,安坝镇,一级科员,男,1990年,2025-12-31\nLZ1,张,云岫县,安坝镇,一级科员,男,１９９１,2025/12/31\n"
        ).encode(),
        reference,
    )
    assert "“出生年份” differs: “1990年” in row 2, “１９９１” here." in messages(roster, "en")[1]


def test_a_footnote_mark_in_a_long_files_indicator_cell_is_refused(catalog_db):
    """`R0①` named R01 after NFKC, in silence; `招商引资额①` named nothing and was refused as no indicator. Both are
    refused as footnote marks; a name matched with the mark still in it would be that name."""
    data = "考核期,县区,乡镇,指标,数值\n2025Q2,云岫县,,R0①,5\n2025Q2,云峤县,,招商引资额①,6\n2025Q2,澄溪县,,R01,7\n"
    preview = parse_file("race.csv", data.encode(), current_reference(catalog_db), skip_invalid=True)
    assert [(p.row, p.column, p.key, p.value, p.params["read"]) for p in preview.problems] == [
        (2, "指标", "footnote_mark", "R0①", "R01"),
        (3, "指标", "footnote_mark", "招商引资额①", "招商引资额1"),
    ]
    assert values(preview) == [("2025-Q2", "澄溪县", "", "R01", 7.0)]


# ------------------------------------------------------------------ a quote left open in a CSV

TRAINING_NOTED = "干部编号,培训项目,培训类别,培训领域,培训方式,组织形式,学时,培训日期,备注\n"


def test_a_training_note_with_an_open_quote_refuses_the_file_not_two_records(db):
    """`"补录` opened a quote no one closed: read leniently, the two records after it were that one 备注 cell (an
    ignored column) and 1 record of 3 imported in silence. Refused, naming the row and column of the quote."""
    data = (
        TRAINING_NOTED
        + 'A0001,乡村振兴专题班,专业能力,乡村振兴,线下,集体,16,2025/6/3,"补录\n'
        + "A0002,党的理论学习,政治能力,党的理论,线上,个人,2.5,2025/6/30,\n"
        + "A0003,创新案例研讨,创新,数字政府,线下,集体,8,2025/6/30,\n"
    ).encode()
    preview = parse_file("培训.csv", data, current_reference(db))
    assert preview.rows is None and not preview.importable
    assert [(p.key, p.params) for p in preview.problems] == [
        ("file_csv_quote_open", {"row": 2, "column": 9, "lines": 2})
    ]
    assert "第 2 行第 9 列的引号" in messages(preview)[0]


def test_a_roster_quote_closed_rows_later_refuses_the_file_not_the_cadres_between(db):
    """The quote is closed, but by the next note's opening quote three lines on: the cadres between were one cell."""
    rows = [
        'A0001,甲一,云岫县,安坝镇,一级科员,男,1988,汉族,中共党员,大学本科,"借调\n',
        "A0002,乙二,云岫县,安坝镇,一级科员,女,1990,汉族,中共党员,大学本科,\n",
        "A0003,丙三,云峤县,安坝镇,一级科员,男,1991,汉族,群众,大学本科,\n",
        'A0004,丁四,云峤县,安坝镇,一级科员,男,1992,汉族,群众,大学本科,"病休"\n',
        "A0005,戊五,澄溪县,安坝镇,一级科员,女,1993,汉族,群众,大学本科,\n",
    ]
    data = ("干部编号,姓名,县区,单位,职级,性别,出生年份,民族,政治面貌,学历,备注\n" + "".join(rows)).encode()
    preview = parse_file("花名册.csv", data, current_reference(db), as_of="2025/6/30")
    assert [(p.key, p.params) for p in preview.problems] == [
        ("file_csv_quote_open", {"row": 2, "column": 11, "lines": 3})
    ]
    assert "row 2, column 11" in messages(preview, "en")[0]


def test_a_training_note_quoted_over_two_lines_imports_every_record(db):
    """The legitimate case: a 备注 with a line break, quoted and closed, whose second line is no record."""
    data = (
        TRAINING_NOTED
        + 'A0001,乡村振兴专题班,专业能力,乡村振兴,线下,集体,16,2025/6/3,"补录，\n见6月台账"\n'
        + "A0002,党的理论学习,政治能力,党的理论,线上,个人,2.5,2025/6/30,\n"
        + "A0003,创新案例研讨,创新,数字政府,线下,集体,8,2025/6/30,\n"
    ).encode()
    preview = parse_file("培训.csv", data, current_reference(db))
    assert preview.importable and not preview.problems
    assert preview.rows["cadre_id"].tolist() == ["A0001", "A0002", "A0003"]
