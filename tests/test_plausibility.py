"""Well-formed but implausible values: bounds refuse them (located, on both import paths), unusual changes from the
previous period warn before import, and `checks.findings` lists both for the data already loaded."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from conftest import import_ok, rolled_back_unchecked
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from incentive.accounts.roles import Scope
from incentive.intake import bulk_csv, checks, plausibility
from incentive.intake.ingest import parse_file
from incentive.intake.preview import Reference
from incentive.sharing.export import export_frame
from incentive.store import batches, settings
from incentive.store.database import Database
from incentive.store.reference import current_reference

FEW = hsettings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

COUNTIES = [
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
CATALOG = """指标代码,指标名称,类别,赛道,单位,方向,权重,目标值,合理下限,合理上限,生效起始期
W01,带薪休假落实率,关爱,,%,正向,1,90,,,
W07,容错纠错案例数,关爱,,件,正向,1,,,,
W08,住房补贴发放完成率,关爱,,%,正向,1,100,,150,
R01,重点项目投资完成额,赛马,项目建设,亿元,正向,10,,,,
R04,农村居民人均可支配收入增长率,赛马,乡村振兴,%,正向,10,7,,,
R06,高标准农田建设完成率,赛马,乡村振兴,%,正向,7,100,,,
R06,高标准农田建设完成率,赛马,乡村振兴,%,正向,7,100,,120,2026
"""
TRAINING_HEADER = "干部编号,培训项目,培训类别,培训领域,培训方式,组织形式,学时,培训日期"
TRAINING = (
    "\n".join(
        [
            TRAINING_HEADER,
            "A0001,乡村振兴专题班,专业能力,乡村振兴,线下,集体,16,2025-06-01",
            "A0002,乡村振兴专题班,专业能力,乡村振兴,线下,集体,5000,2025-06-01",
            "A0003,乡村振兴专题班,专业能力,乡村振兴,线下,集体,200,2025-06-01",
            "A0004,乡村振兴专题班,专业能力,乡村振兴,线下,集体,0,2025-06-01",
        ]
    )
    + "\n"
)


@pytest.fixture
def care_db(db):
    """Twelve counties and a catalog with rates, a count, catalog bounds and a versioned bound."""
    import_ok(db, "regions.csv", ("县区\n" + "\n".join(COUNTIES) + "\n").encode())
    import_ok(db, "indicators.csv", CATALOG.encode())
    return db


def welfare(rows: list[tuple]) -> bytes:
    return ("考核期,县区,指标,数值\n" + "".join(f"{p},{c},{i},{v}\n" for p, c, i, v in rows)).encode()


# ------------------------------------------------------------------ bounds


def test_a_rate_of_150_percent_is_refused_with_row_and_column(care_db):
    data = welfare(
        [("2025年上半年", "云岫县", "带薪休假落实率", "95%"), ("2025年上半年", "澄溪县", "带薪休假落实率", "150%")]
    )
    preview = parse_file("关爱.csv", data, current_reference(care_db))
    assert not preview.importable
    assert preview.problem_texts("zh") == [
        "文件「关爱.csv」，第 3 行，「数值」列，值「150%」：超出合理范围（0–100）：请核对是否填错；如确属实，请在指标目录中设置该指标的合理上限。"
    ]
    assert preview.problem_texts("en") == [
        "File “关爱.csv”, row 3, column “数值”, value “150%”: is outside the plausible range (0–100): check for a "
        "typo; if the value is right, set the indicator's plausible maximum (合理上限, max) in the catalog."
    ]


def test_skip_invalid_imports_the_rest(care_db):
    data = welfare(
        [("2025年上半年", "云岫县", "带薪休假落实率", "95%"), ("2025年上半年", "澄溪县", "带薪休假落实率", "150%")]
    )
    preview = parse_file("关爱.csv", data, current_reference(care_db), skip_invalid=True)
    assert preview.importable and preview.rejected_rows == {3}
    batches.import_preview(care_db, preview, source="cli", created_by="test")
    assert export_frame(care_db, "welfare").values.tolist() == [["2025-H1", "云岫县", "", "W01", 95.0]]


def test_a_wide_file_names_each_value_column(care_db):
    data = "考核期,县区,带薪休假落实率,容错纠错案例数\n2025H1,澄溪县,100%,0\n2025H1,云岫县,-5%,-1\n".encode()
    preview = parse_file("宽表.csv", data, current_reference(care_db))
    assert preview.problem_texts("zh") == [
        "文件「宽表.csv」，第 3 行，「带薪休假落实率」列，值「-5%」：超出合理范围（0–100）：请核对是否填错；如确属实，请在指标目录中设置该指标的合理下限。",
        "文件「宽表.csv」，第 3 行，「容错纠错案例数」列，值「-1」：超出合理范围（≥ 0）：请核对是否填错；如确属实，请在指标目录中设置该指标的合理下限。",
    ]


def test_rates_of_change_and_amounts_have_no_default_range(care_db):
    data = "考核期,县区,指标,数值\n2025Q2,澄溪县,R04,-3.5%\n2025Q2,云岫县,R04,150%\n2025Q2,云峤县,R01,-2\n".encode()
    preview = parse_file("增长.csv", data, current_reference(care_db))
    assert preview.importable and not preview.problems
    assert preview.rows["value"].tolist() == [-3.5, 150.0, -2.0]


def test_catalog_bounds_override_the_defaults(care_db):
    data = welfare(
        [
            ("2025年上半年", "澄溪县", "住房补贴发放完成率", "130%"),
            ("2025年上半年", "云岫县", "住房补贴发放完成率", "160%"),
            ("2025年上半年", "云峤县", "住房补贴发放完成率", "-1%"),
        ]
    )
    preview = parse_file("完成率.csv", data, current_reference(care_db))
    # 130 % is above the default 100 but within the catalog's 150; the default minimum 0 still holds
    assert preview.problem_texts("zh") == [
        "文件「完成率.csv」，第 3 行，「数值」列，值「160%」：超出指标目录设定的合理范围（0–150）：请核对是否填错；如确属实，请在指标目录中调整该指标的合理上限。",
        "文件「完成率.csv」，第 4 行，「数值」列，值「-1%」：超出合理范围（0–150）：请核对是否填错；如确属实，请在指标目录中设置该指标的合理下限。",
    ]


def test_values_beyond_a_million_million_are_refused_in_any_unit(care_db, tmp_path):
    """R01 is counted in 亿元 and has no range of its own: 1e308 and 1e23 used to import, with a hint that the
    change was +inf. Beyond 1e12 in absolute value (either side) a value is refused, as the Data page and the
    command line read the file; 1e12 itself imports."""
    path = tmp_path / "赛马.csv"
    path.write_text(
        f"考核期,县区,指标,数值\n2025Q2,澄溪县,R01,{'1' + '0' * 308}\n2025Q2,云岫县,R01,{'1' + '0' * 23}\n"
        f"2025Q2,云峤县,R01,{'1' + '0' * 999}\n"
        "2025Q2,枫岚区,R01,-2000000000000\n2025Q2,青禾县,R01,1000000000000\n2025Q2,柏川县,R01,3.2\n"
        f"2025Q2,鹤汀县,R01,{'1' + '0' * 17}万元\n2025Q2,星渚县,R01,{'1' + '0' * 13}万元\n",
        encoding="utf-8",
    )
    preview = bulk_csv.parse_path(path, current_reference(care_db))
    assert not preview.importable
    assert [(p.row, p.column, p.value, p.key) for p in preview.problems] == [
        (2, "数值", "1" + "0" * 308, "implausible_magnitude"),  # quoted as written, not as the number read
        (3, "数值", "1" + "0" * 23, "implausible_magnitude"),
        (4, "数值", "1" + "0" * 999, "implausible_magnitude"),  # no float: refused as the cell reads
        (5, "数值", "-2000000000000", "implausible_magnitude"),
        (8, "数值", "1" + "0" * 17 + "万元", "implausible_magnitude"),  # 1e13 亿元: quoted as written
    ]
    assert preview.problem_texts("zh")[0] == (
        f"文件「赛马.csv」，第 2 行，「数值」列，值「{'1' + '0' * 308}」："
        "绝对值超过 1 万亿（10^12），超出任何数据的合理范围："
        "请核对是否多打了数位或用错了单位（如以元填写了以亿元计的指标）。"
    )
    assert preview.problem_texts("en")[1] == (
        f"File “赛马.csv”, row 3, column “数值”, value “{'1' + '0' * 23}”: is beyond 10^12 (a million million) in absolute value, "
        "more than any figure can be: check for extra digits or a wrong unit (元 where the indicator is counted in "
        "亿元)."
    )
    skipped = bulk_csv.parse_path(path, current_reference(care_db), skip_invalid=True)
    assert skipped.rows["value"].tolist() == [1e12, 3.2, 1e9]  # 1e13 万元 is 1e9 亿元


def test_the_limit_holds_whatever_the_catalog_says(care_db):
    """A catalog's own range lies inside the limit: a maximum beyond it is refused, and so are a weight or a target
    beyond it, or a class's weight."""
    import_ok(care_db, "类别.csv", "县区,考核类别\n澄溪县,城区\n".encode())
    data = (
        "指标代码,指标名称,类别,赛道,单位,方向,权重,目标值,合理上限,权重（城区）\n"
        "R01,重点项目投资完成额,赛马,项目建设,亿元,正向,10,,10000000000000,\n"
        f"R09,新指标,赛马,项目建设,亿元,正向,{'1' + '0' * 300},-1000000000000000,,5000000000000\n"
        f"R10,另一指标,赛马,项目建设,亿元,正向,1,,{'1' + '0' * 999},1000000000000\n"
    ).encode()
    preview = parse_file("目录.csv", data, current_reference(care_db))
    assert [(p.row, p.column, p.value, p.key) for p in preview.problems] == [
        (2, "合理上限", "10000000000000", "implausible_magnitude"),
        (3, "权重", "1" + "0" * 300, "implausible_magnitude"),  # quoted as written
        (3, "目标值", "-1000000000000000", "implausible_magnitude"),
        (3, "权重(城区)", "5000000000000", "implausible_magnitude"),
        (4, "合理上限", "1" + "0" * 999, "implausible_magnitude"),
    ]


def test_the_bounds_in_force_are_those_of_the_version_of_the_period(care_db):
    data = "考核期,县区,指标,数值\n2025Q4,澄溪县,R06,110\n2026Q1,澄溪县,R06,110\n2026Q1,云岫县,R06,121\n".encode()
    preview = parse_file("农田.csv", data, current_reference(care_db))
    assert [(p.row, p.key, p.value, p.params["range"]) for p in preview.problems] == [
        (2, "implausible_default", "110", "0–100"),  # 2025: the first version, default 0–100; quoted as written
        (4, "implausible_catalog", "121", "0–120"),
    ]  # from 2026 the catalog allows up to 120


def test_a_catalog_row_with_min_above_max_is_refused(db):
    data = "指标代码,指标名称,类别,单位,方向,权重,下限,上限\nW01,带薪休假落实率,关爱,%,正向,1,100,50\n".encode()
    preview = parse_file("目录.csv", data, current_reference(db))
    assert preview.problem_texts("zh") == [
        "文件「目录.csv」，第 2 行，「下限」列，值「100」：合理下限 100 大于合理上限 50，请核对。"
    ]


def test_catalog_bounds_are_stored_exported_and_referenced(care_db):
    exported = export_frame(care_db, "indicators")
    assert list(exported.columns) == [
        "code",
        "name",
        "domain",
        "track",
        "unit",
        "direction",
        "weight",
        "target",
        "min",
        "max",
        "effective_from",
    ]
    r06 = [i for i in current_reference(care_db).indicators if i["code"] == "R06"]
    assert [(i["direction"], i["min"], i["max"], i["effective_from"]) for i in r06] == [
        ("higher", None, 120.0, "2026"),
        ("higher", None, None, ""),
    ]
    assert current_reference(care_db).settings["max_hours_per_record"] == 200.0


def _training_file(tmp_path, text: str = TRAINING):
    path = tmp_path / "培训.csv"
    path.write_text(text, encoding="utf-8")
    return path


EXPECTED_HOURS = [
    "文件「培训.csv」，第 3 行，「学时」列，值「5000」：超出合理范围：一条培训记录的学时应大于 0、不超过 200；请核对是否填错；"
    "如确属实，请在「数据管理」页的设置中调高「每条培训记录学时上限」（max_hours_per_record）。",
    "文件「培训.csv」，第 5 行，「学时」列，值「0」：超出合理范围：一条培训记录的学时应大于 0、不超过 200；请核对是否填错；"
    "如确属实，请在「数据管理」页的设置中调高「每条培训记录学时上限」（max_hours_per_record）。",
]


@pytest.mark.parametrize("path_kind", ["per-cell", "bulk"])
def test_5000_hours_in_one_record_is_refused_on_both_paths(db, tmp_path, path_kind):
    path = _training_file(tmp_path)

    def parse(**options):
        if path_kind == "bulk":
            preview = bulk_csv.parse_large_csv(path, current_reference(db), **options)
            assert preview is not None, "the bulk path stepped aside"
            return preview
        return parse_file(path.name, path.read_bytes(), current_reference(db), **options)

    refused = parse()
    assert not refused.importable and refused.problem_texts("zh") == EXPECTED_HOURS
    skipped = parse(skip_invalid=True)
    assert skipped.rejected_rows == {3, 5}
    batches.import_preview(db, skipped, source="cli", created_by="test")
    assert export_frame(db, "training", scope=Scope.ALL)[["cadre_id", "hours"]].values.tolist() == [
        ["A0001", 16.0],
        ["A0003", 200.0],
    ]


def test_the_hours_setting_moves_the_bound(db, tmp_path):
    settings.save(db, "max_hours_per_record", 6000, "test")
    text = "\n".join([TRAINING_HEADER, "A0002,乡村振兴专题班,专业能力,乡村振兴,线下,集体,5000,2025-06-01"]) + "\n"
    preview = parse_file("培训.csv", text.encode(), current_reference(db))
    assert preview.importable and preview.rows["hours"].tolist() == [5000.0]


def test_hours_per_day_is_a_setting_off_by_default(db):
    assert settings.current(db)["hours_per_day"] == 0.0
    settings.save(db, "hours_per_day", 8, "test")
    assert current_reference(db).settings["hours_per_day"] == 8.0


finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)


@FEW
@given(a=finite, b=finite, share=st.floats(min_value=0, max_value=1))
def test_catalog_bounds_never_refuse_a_value_inside_them(a, b, share):
    low, high = min(a, b), max(a, b)
    value = min(max(low + share * (high - low), low), high)
    reference = Reference(
        indicators=[
            {
                "code": "X1",
                "name": "某完成率",
                "domain": "race",
                "unit": "%",
                "direction": "higher",
                "min": low,
                "max": high,
                "effective_from": "",
            }
        ]
    )
    rows = pd.DataFrame(
        {
            "domain": ["race"] * 3,
            "period": ["2025-Q1"] * 3,
            "county": ["甲县"] * 3,
            "township": [""] * 3,
            "indicator": ["X1"] * 3,
            "value": [value, low, high],
            "source_row": [2, 3, 4],
        }
    )
    assert plausibility.out_of_bounds(rows, "race_scores", reference, {}) == []
    outside = rows.assign(value=[low - 1 - abs(low) * 1e-3, high + 1 + abs(high) * 1e-3, value])
    assert [p.row for p in plausibility.out_of_bounds(outside, "race_scores", reference, {})] == [2, 3]


@FEW
@given(hours=st.floats(min_value=0, max_value=400, allow_nan=False), limit=st.floats(min_value=1, max_value=400))
def test_hours_inside_the_setting_are_never_refused(hours, limit):
    reference = Reference(settings={**settings.defaults(), "max_hours_per_record": limit})
    rows = pd.DataFrame({"hours": [hours], "source_row": [2]})
    problems = plausibility.out_of_bounds(rows, "training", reference, {"hours": "学时"})
    assert (problems == []) == (0 < hours <= limit)


# ------------------------------------------------------------------ unusual changes

# 2025-H1 and 2025-H2 values of 带薪休假落实率: changes between -1.0 and +2.0, but 澄溪县 types 8.5 for 85.0
H1 = [85.0, 80.0, 82.0, 83.0, 84.0, 85.0, 85.0, 86.0, 87.0, 88.0, 90.0, 91.0]
CHANGES = [None, -1.0, 0.2, 0.2, 0.5, 0.6, 0.8, 1.0, 1.4, 1.4, 1.8, 2.0]


def h2_file(first: float = 8.5, counties: list[str] = COUNTIES) -> bytes:
    values = [first] + [round(old + change, 1) for old, change in zip(H1[1:], CHANGES[1:], strict=False)]
    return welfare(
        [("2025年下半年", c, "带薪休假落实率", v) for c, v in zip(COUNTIES, values, strict=False) if c in counties]
    )


def load_h1(db, counties: list[str] = COUNTIES) -> None:
    import_ok(
        db,
        "h1.csv",
        welfare([("2025年上半年", c, "W01", v) for c, v in zip(COUNTIES, H1, strict=False) if c in counties]),
    )


def test_an_unusual_change_is_listed_with_old_and_new_value_and_imports_anyway(care_db):
    load_h1(care_db)
    preview = parse_file("h2.csv", h2_file(), current_reference(care_db))
    checks.add_warnings(care_db, preview)
    assert preview.importable and not preview.problems
    assert [w.text("zh") for w in preview.warnings] == [
        "澄溪县「带薪休假落实率」2025-H2 为 8.5，上期 2025-H1 为 85，变动 -76.5，远超同级单位同期变动的正常范围（-12.55 至 +14.15）：可能填错，请核对。"
    ]
    assert [w.text("en") for w in preview.warnings] == [
        "澄溪县, “带薪休假落实率”, 2025-H2: 8.5, was 85 in 2025-H1 (change -76.5), far outside the changes of its "
        "peers (-12.55 to +14.15): probably a typo, please check."
    ]
    batches.import_preview(care_db, preview, source="cli", created_by="test")
    stored = export_frame(care_db, "welfare", "2025-H2")
    assert stored.loc[stored["county"] == "澄溪县", "value"].tolist() == [8.5]


def test_an_ordinary_file_gets_no_warning(care_db):
    load_h1(care_db)
    preview = parse_file("h2.csv", h2_file(first=86.0), current_reference(care_db))
    checks.add_warnings(care_db, preview)
    assert preview.warnings == []


def test_fewer_than_five_peers_give_no_warning(care_db):
    load_h1(care_db, COUNTIES[:4])
    preview = parse_file("h2.csv", h2_file(counties=COUNTIES[:4]), current_reference(care_db))
    checks.add_warnings(care_db, preview)
    assert preview.importable and preview.warnings == []


def test_fractions_under_a_percent_header_are_said_when_no_previous_period_can_show_them(care_db):
    """A first period gives the unusual-change check nothing to compare with: a wide file headed 带薪休假落实率（%）
    whose office wrote 0.85 for 85 % is said by the fraction note alone, which the header's （%） kept away; the
    values import as written (never guessed), so the office can still see and fix them."""
    data = (
        "考核期,县区,带薪休假落实率（%）\n"
        + "".join(f"2025年上半年,{c},{v / 100:g}\n" for c, v in zip(COUNTIES, H1, strict=True))
    ).encode()
    preview = parse_file("关爱.csv", data, current_reference(care_db))
    checks.add_warnings(care_db, preview)
    assert preview.importable and preview.warnings == []
    assert [(n.key, n.params["n"], n.params["row"], n.params["example"]) for n in preview.notes] == [
        ("note_percent_fraction_kept", 12, 2, "0.85")
    ]
    assert "e.g. row 2, “0.85”" in preview.notes[0].text("en")
    batches.import_preview(care_db, preview, source="cli", created_by="test")
    stored = export_frame(care_db, "welfare", "2025-H1")
    assert stored.loc[stored["county"] == "澄溪县", "value"].tolist() == [0.85]


def test_the_file_is_compared_with_peers_as_stored_after_import(care_db):
    """A file with one county: its peers are the stored values of the others."""
    load_h1(care_db)
    import_ok(care_db, "h2.csv", h2_file(first=86.0))
    preview = parse_file(
        "fix.csv", welfare([("2025年下半年", "云岫县", "带薪休假落实率", 8)]), current_reference(care_db)
    )
    checks.add_warnings(care_db, preview)
    assert [(w.params["unit"], w.params["old"], w.params["new"]) for w in preview.warnings] == [("云岫县", "80", "8")]


def test_a_value_is_judged_among_its_period_as_it_would_be_after_import_itself_included(care_db):
    """The peers of a file's value are its indicator, level and period as the data would be after import, the
    unit itself included (docs/data-format.md, 异常变动 · Unusual changes; checks.add_warnings): by design, not a
    leak. A file brings a whole period as a rule, so every value of that period is in it: judged against stored
    values only, the five counties' H2 here would have no peer at all and 澄溪县's 8.5 for 85 no warning (as the
    stored data alone give none). The unit's own change cannot hide it: the fences stand on the quartiles, which
    one value among five does not move (Q3 is the fourth change). A stored value of a key the file sends again
    is replaced, not counted beside it: a correction that is still wrong (45) has five peers, the stored typo none
    of them."""
    five = COUNTIES[:5]
    load_h1(care_db, five)
    preview = parse_file("h2.csv", h2_file(counties=five), current_reference(care_db))
    checks.add_warnings(care_db, preview)
    assert [(w.params["unit"], w.params["new"], w.params["low"]) for w in preview.warnings] == [
        ("澄溪县", "8.5", "-13.45")  # Q1 = -1 (云岫县's change), w = 5 % of the median H1 value 83
    ]
    incoming = preview.rows[["period", "county", "township", "indicator", "value"]]
    flagged = checks.unusual_changes(care_db, "welfare", incoming)
    assert flagged[["county", "peers"]].values.tolist() == [["澄溪县", 5]]
    assert checks.unusual_changes(care_db, "welfare").empty  # the stored data alone: H1 has no previous period
    batches.import_preview(care_db, preview, source="cli", created_by="test")  # imports anyway: a warning
    fix = parse_file("fix.csv", welfare([("2025年下半年", "澄溪县", "带薪休假落实率", 45)]), current_reference(care_db))
    checks.add_warnings(care_db, fix)
    fixed = checks.unusual_changes(care_db, "welfare", fix.rows[["period", "county", "township", "indicator", "value"]])
    assert fixed[["county", "new", "peers"]].values.tolist() == [["澄溪县", 45.0, 5]]  # 8.5 is gone
    assert [(w.params["new"], w.params["low"]) for w in fix.warnings] == [("45", "-13.45")]


def _pairs(old: list[float], new: list[float]) -> pd.DataFrame:
    n = len(old)
    return pd.DataFrame(
        {
            "period": ["2025-Q2"] * n,
            "previous": ["2025-Q1"] * n,
            "county": [f"县{i}" for i in range(n)],
            "township": [""] * n,
            "indicator": ["X"] * n,
            "old": old,
            "new": new,
        }
    )


def test_whole_number_counts_may_move_by_one():
    # most units report 0 accidents in both quarters: the IQR is 0, but a count moving by 1 is no typo
    quiet = _pairs([0, 0, 0, 0, 0, 0, 1], [0, 0, 0, 0, 0, 1, 0])
    assert plausibility.unusual_changes(quiet).empty
    loud = _pairs([0, 0, 0, 0, 0, 0, 1], [0, 0, 0, 0, 0, 40, 0])
    assert plausibility.unusual_changes(loud)[["county", "old", "new"]].values.tolist() == [["县5", 0.0, 40.0]]


def test_values_beyond_the_limit_are_never_peers_and_no_fence_is_infinite():
    """Loaded before the limit (or infinite), 1e308 among the peers made the fence +inf, which the hint printed;
    such values are findings of their own (a bound), left out of the changes."""
    pairs = _pairs([10, 11, 12, 13, 14, 15, 1e308], [10, 12, 11, 14, 13, 95, 2e12])
    found = plausibility.unusual_changes(pairs)
    assert found["county"].tolist() == ["县5"]
    assert all(math.isfinite(v) for v in found[["change", "low", "high"]].to_numpy().ravel())
    note = plausibility.change_note(found.iloc[0].to_dict(), "指标")
    assert "inf" not in note.text("zh") and "inf" not in note.text("en")


def test_no_warning_says_inf_when_skipping_values_beyond_the_limit(care_db):
    import_ok(
        care_db,
        "q1.csv",
        "".join(["考核期,县区,指标,数值\n", *(f"2025Q1,{c},R01,{i}\n" for i, c in enumerate(COUNTIES))]).encode(),
    )
    data = "考核期,县区,指标,数值\n" + "".join(f"2025Q2,{c},R01,{i + 1}\n" for i, c in enumerate(COUNTIES[2:], 2))
    data += "2025Q2,澄溪县,R01,1e308\n2025Q2,云岫县,R01,1e23\n"
    preview = parse_file("q2.csv", data.encode(), current_reference(care_db), skip_invalid=True)
    checks.add_warnings(care_db, preview)
    assert preview.rejected_rows == {12, 13} and len(preview.rows) == 10
    assert preview.warnings == []


@FEW
@given(
    old=st.lists(st.floats(min_value=0, max_value=1000, allow_nan=False), min_size=5, max_size=30),
    shift=st.floats(min_value=-500, max_value=500, allow_nan=False),
)
def test_the_same_change_for_every_unit_is_never_unusual(old, shift):
    assert plausibility.unusual_changes(_pairs(old, [v + shift for v in old])).empty


# ------------------------------------------------------------------ loaded data


def test_check_finds_bounds_and_unusual_changes_on_loaded_data(care_db, tmp_path):
    load_h1(care_db)
    import_ok(care_db, "h2.csv", h2_file())  # 澄溪县 85 -> 8.5
    import_ok(
        care_db,
        "培训.csv",
        "\n".join([TRAINING_HEADER, "A0001,专题班,专业能力,乡村振兴,线下,集体,150,2025-06-01"]).encode(),
    )
    # the catalog and the settings tighten after the data came in
    import_ok(
        care_db,
        "目录.csv",
        "指标代码,指标名称,类别,单位,方向,权重,合理上限\nW01,带薪休假落实率,关爱,%,正向,1,90\n".encode(),
    )
    settings.save(care_db, "max_hours_per_record", 100, "test")
    found = checks.findings(care_db, Scope.ALL)
    assert [(f.check, f.kind, f.period, f.county, f.indicator, f.old, f.value) for f in found] == [
        ("bounds", "welfare", "2025-H1", "松涧县", "W01", None, 91.0),
        ("bounds", "welfare", "2025-H2", "松涧县", "W01", None, 93.0),
        ("bounds", "welfare", "2025-H2", "棠梨县", "W01", None, 91.8),
        ("bounds", "training", "2025-06-01", "", "hours", None, 150.0),
        ("change", "welfare", "2025-H2", "澄溪县", "W01", 85.0, 8.5),
    ]
    # the catalog's new maximum replaces the default's 100; its minimum stays the default 0
    assert found[0].line("zh") == (
        "关爱指标 2025-H1 · 松涧县 · 带薪休假落实率，值「91」：超出指标目录设定的合理范围（0–90）：请核对是否填错；"
        "如确属实，请在指标目录中调整该指标的合理上限。"
    )
    assert found[3].line("en") == (
        "training records 2025-06-01 · A0001 / 专题班 · hours, value “150”: is outside the plausible range: one "
        "training record has more than 0 and at most 100 hours; check for a typo; if the value is right, raise the "
        "setting “most hours per training record” (max_hours_per_record) on the Data page."
    )
    assert found[4].line("zh") == (
        "关爱指标：澄溪县「带薪休假落实率」2025-H2 为 8.5，上期 2025-H1 为 85，变动 -76.5，远超同级单位同期变动的"
        "正常范围（-12.55 至 +14.15）：可能填错，请核对。"
    )
    frame = checks.findings_frame(found, "en")
    assert frame.columns.tolist() == checks.FINDING_COLUMNS and len(frame) == 5


def test_warnings_and_check_run_on_ducklake(lake_location):
    db = Database(lake_location)
    try:
        import_ok(db, "regions.csv", ("县区\n" + "\n".join(COUNTIES) + "\n").encode())
        import_ok(db, "indicators.csv", CATALOG.encode())
        load_h1(db)
        preview = parse_file("h2.csv", h2_file(), current_reference(db))
        checks.add_warnings(db, preview)
        assert [w.params["new"] for w in preview.warnings] == ["8.5"]
        batches.import_preview(db, preview, source="cli", created_by="test")
        assert [(f.check, f.county, f.old, f.value) for f in checks.findings(db, Scope.ALL)] == [
            ("change", "澄溪县", 85.0, 8.5)
        ]
    finally:
        db.close()


def test_the_sample_has_no_implausible_value_and_few_unusual_changes(sample_db_path):
    db = Database(sample_db_path)
    found = checks.findings(db, Scope.ALL)
    db.close()
    assert sum(f.check == "bounds" for f in found) == 0
    # 13 of the sample's 20,344 period-on-period pairs (its values are drawn afresh each period, so noisier than
    # real data): about one warning per quarterly file
    assert sum(f.check == "change" for f in found) == 13


def test_number_text_reads_like_the_cell():
    assert [plausibility.number_text(v) for v in (150.0, 8.5, 0.1 + 0.2, -3.2, 5000)] == [
        "150",
        "8.5",
        "0.3",
        "-3.2",
        "5000",
    ]
    assert math.isnan(plausibility._floats(pd.Series([None], dtype=object))[0])


ONE_COUNTY_ROSTER = (
    "澜州市干部花名册（截至2026年9月30日）\n\n干部编号,姓名,县区,单位,职级,性别,出生年份\n"
    "LZ000001,某,云岫县,安山镇,四级主任科员,男,2000\nLZ000002,某,云岫县,万岭乡,三级主任科员,女,1993\n"
)


def test_a_prefecture_roster_that_leaves_counties_out_says_which_before_import(sample_db_path):
    """One county's two cadres imported as the prefecture's roster of 2026-09-30 replaced every county's snapshot
    with nothing said (the preview read 现有 0 人): the warning names the eleven counties it leaves without cadres
    and how many are on the roster now, in the Data page's and the CLI's preview; a county's own batch (a
    submission) replaces its own cadres only, and says nothing of the others."""
    db = Database(sample_db_path)
    try:
        preview = parse_file("花名册.csv", ONE_COUNTY_ROSTER.encode("gbk"), current_reference(db))
        checks.add_warnings(db, preview)
        in_force = db.connection.execute("SELECT DISTINCT county FROM roster_in_force(DATE '2026-09-30')").fetchall()
        counties = {county for (county,) in in_force}
        assert len(preview.warnings) == 1
        text = preview.warnings[0].text("zh")
        assert "2026-09-30" in text and f"{len(counties) - 1} 个县区" in text
        assert all(c in text for c in counties - {"云岫县"}) and "云岫县" not in text
        assert "counties" in preview.warnings[0].text("en")
        checks.add_warnings(db, preview, county="云岫县")
        assert preview.warnings == []
    finally:
        db.close()


def test_check_names_values_a_rolled_back_catalog_leaves_unscored(db):
    """R13 in force from 2024-Q1 and a 2024-Q4 score of it imported; then a version from 2025 added and the first
    catalog batch rolled back: the score stays stored, no version in force scores it, and `check` names it rather
    than the composite leaving it out without a word (a fresh user's review of 2026-12-06). Such a rollback is
    refused now (docs/decisions.md#rolling-back-a-catalog-batch); a database from before may hold its result."""
    import_ok(db, "regions.csv", "县区\n甲县\n".encode())
    first = import_ok(
        db,
        "i.csv",
        "指标代码,指标名称,类别,赛道,单位,方向,权重,生效起始期\nR13,新指标,赛马,项目建设,个,正向,1,2024-Q1\n".encode(),
    )
    import_ok(db, "s.csv", "考核期,县区,指标,数值\n2024-Q4,甲县,新指标,81\n".encode())
    assert [f.check for f in checks.findings(db, Scope.ALL)] == []
    import_ok(
        db,
        "j.csv",
        "指标代码,指标名称,类别,赛道,单位,方向,权重,生效起始期\nR13,新指标,赛马,项目建设,个,正向,2,2025\n".encode(),
    )
    rolled_back_unchecked(db, first)
    found = checks.findings(db, Scope.ALL)
    assert [(f.check, f.period, f.county, f.indicator, f.value) for f in found] == [
        ("unscored", "2024-Q4", "甲县", "R13", 81.0)
    ]
    assert found[0].line("zh") == (
        "赛马考评得分：2024-Q4 甲县「新指标」的数值 81 没有生效的指标目录版本，不计分（如其目录批次已撤销）："
        "请补回目录版本或撤销该数值的批次。"
    )
    assert checks.findings_frame(found, "en")["check"].tolist() == ["unscored"]


def test_problems_alike_but_for_how_the_cell_is_written_are_lines_of_their_own(care_db):
    """Problem lines grouped rows by the normalized value: `－5` was quoted 「-5」 with a row of `-5`, and ` abc`
    「abc」 with a row of `abc` (a tester's file, 2026-12-07). Each quote is now what the file holds."""
    rate = "带薪休假落实率"
    cells = ["-5", "－5", "-5", "abc", " abc", "abc", "ａｂｃ"]
    data = welfare([("2025年上半年", COUNTIES[i], rate, cell) for i, cell in enumerate(cells)])
    preview = parse_file("关爱.csv", data, current_reference(care_db))
    lines = preview.problem_lines("zh")
    assert [line.split("：")[0] for line in lines] == [
        "文件「关爱.csv」，第 2、4 行，「数值」列，值「-5」",
        "文件「关爱.csv」，第 3 行，「数值」列，值「－5」",
        "文件「关爱.csv」，第 5、7 行，「数值」列，值「abc」",
        "文件「关爱.csv」，第 6 行，「数值」列，值「␣abc」",
        "文件「关爱.csv」，第 8 行，「数值」列，值「ａｂｃ」",
    ]
    assert [p.quoted() for p in preview.problems] == ["-5", "－5", "-5", "abc", "␣abc", "abc", "ａｂｃ"]


# ------------------------------------------------------------------ a whole column in another unit

Q1_R01 = {"云岫县": 120.5, "云峤县": 98.0, "澄溪县": 75.3, "枫岚区": 60.0}  # 招商引资额 (万元), as stored for 2025-Q1


def _race_q1(db) -> None:
    import_ok(
        db, "q1.csv", ("考核期,县区,指标,数值\n" + "".join(f"2025Q1,{c},R01,{v}\n" for c, v in Q1_R01.items())).encode()
    )


def _race_q2_wide(unit: str, factor: float = 1.0) -> bytes:
    """2025-Q2's 招商引资额 of the four counties, each a little above its Q1 value times `factor`, under a title
    line stating `unit`."""
    rows = "".join(f"{c},{round(v * 1.05 * factor, 6):g}\n" for c, v in Q1_R01.items())
    return f"2025年第二季度赛马考评得分表\n单位：{unit}\n县区,招商引资额\n{rows}".encode()


def test_a_whole_column_converted_into_values_far_from_the_previous_periods_is_warned_of(catalog_db, tmp_path):
    """A title's 单位：亿元 over a column written in 万元 multiplies every county's value by 10,000; every county
    moved alike, so no unusual change is seen among peers. The warning names the indicator, the conversion applied
    and the factor (a fresh tester's finding; docs/decisions.md#a-whole-column-in-another-unit). The file still
    imports: a warning."""
    _race_q1(catalog_db)
    path = tmp_path / "赛马.csv"
    path.write_bytes(_race_q2_wide("亿元"))
    assert bulk_csv.parse_large_csv(path, current_reference(catalog_db)) is None  # scores take the cell path only
    preview = bulk_csv.parse_path(path, current_reference(catalog_db))
    checks.add_warnings(catalog_db, preview)
    assert preview.importable
    assert [w.text("zh") for w in preview.warnings] == [
        "「招商引资额」2025-Q2：文件中 4 个单位的数值约为其上期 2025-Q1 数值的 10000 倍（中位数；如云岫县 1265250，上期 120.5）。"
        "导入时「招商引资额」列的单位「亿元」已换算为「万元」（×10000）：若原表实际以「万元」填写，请改正标题或表头中的单位后"
        "重新导入。"
    ]
    assert "about 10000 times their values of 2025-Q1" in preview.warnings[0].text("en")
    batches.import_preview(catalog_db, preview, source="cli", created_by="test")
    # imported anyway, the loaded data's check lists it too
    shifts = [f for f in checks.findings(catalog_db, Scope.ALL) if f.check == "shift"]
    assert [(f.period, f.indicator, f.previous) for f in shifts] == [("2025-Q2", "R01", "2025-Q1")]
    assert shifts[0].note.text("zh") == (
        "「招商引资额」2025-Q2：4 个单位的数值约为其上期 2025-Q1 数值的 10000 倍（中位数；如云岫县 1265250，上期 120.5）："
        "可能整列用错了单位，请核对。"
    )


def test_a_column_a_hundredth_of_the_previous_periods_is_warned_of_and_a_right_one_is_not(catalog_db):
    """Without a conversion the warning says the unit may be wrong; one county's file is judged alone too. The same
    title over figures of the previous periods' size gives no warning."""
    _race_q1(catalog_db)
    one = ("考核期,县区,指标,数值\n2025Q2,澄溪县,R01,0.79\n").encode()
    preview = parse_file("澄溪县.csv", one, current_reference(catalog_db))
    checks.add_warnings(catalog_db, preview)
    assert [w.text("zh") for w in preview.warnings] == [
        "「招商引资额」2025-Q2：文件中 1 个单位的数值约为其上期 2025-Q1 数值的 0.01 倍（中位数；如澄溪县 0.79，上期 75.3）："
        "可能整列用错了单位，请核对。"
    ]
    right = parse_file("赛马.csv", _race_q2_wide("万元"), current_reference(catalog_db))
    checks.add_warnings(catalog_db, right)
    assert right.importable and right.warnings == []


def test_level_shifts_take_the_median_ratio_and_leave_zeros_out():
    pairs = pd.DataFrame(
        {
            "period": "2025-Q2",
            "previous": "2025-Q1",
            "county": ["甲", "乙", "丙", "丁"],
            "township": "",
            "indicator": "R01",
            "old": [1.0, 2.0, 0.0, 4.0],
            "new": [30.0, 2.0, 5.0, 200.0],  # ratios 30, 1, (none), 50: the median is 30
        }
    )
    shifts = plausibility.level_shifts(pairs)
    assert shifts[["indicator", "units", "ratio", "county"]].values.tolist() == [["R01", 3, 30.0, "甲"]]
    pairs["new"] = [29.0, 2.0, 5.0, 100.0]  # median 29: below SHIFT_FACTOR
    assert plausibility.level_shifts(pairs).empty


# ------------------------------------------------------------------ a period of another frequency


def test_a_period_of_another_frequency_than_every_stored_one_is_warned_of(care_db, tmp_path):
    """Care figures are stored by half-year; a file's 2026年6月, 2026年度 and 2026年第二季度 would each import into a
    period of its own, which the care page then offers with every other county unsent (a fresh tester's finding;
    docs/decisions.md#a-period-of-another-frequency). A warning naming the period, its frequency, first row and
    count, and the stored periods' frequency; a half-year in the same file gets none, and the file imports."""
    load_h1(care_db)
    path = tmp_path / "关爱.csv"
    path.write_bytes(
        welfare(
            [
                ("2025年6月", "澄溪县", "W01", 95),
                ("2025年下半年", "云岫县", "W01", 81),
                ("2025年度", "青禾县", "W01", 95),
                ("2025年第二季度", "柏川县", "W01", 95),
                ("2025年度", "澄溪县", "W01", 90),
            ]
        )
    )
    assert bulk_csv.parse_large_csv(path, current_reference(care_db)) is None  # care figures take the cell path only
    preview = bulk_csv.parse_path(path, current_reference(care_db))
    checks.add_warnings(care_db, preview)
    assert [(w.key, w.params["period"], w.params["row"], w.params["n"]) for w in preview.warnings] == [
        ("warn_period_form", "2025-06", 2, 1),
        ("warn_period_form", "2025", 4, 2),
        ("warn_period_form", "2025-Q2", 5, 1),
    ]
    assert preview.warnings[1].text("zh") == (
        "考核期 2025（年度，第 4 行起共 2 个数值）与库中已有的关爱指标考核期频次不同：已有的为半年度（最近为 2025-H1）。"
        "导入后它将成为单独的一期，页面上可以选到，文件中没有的县区按未报齐列出。若本意是半年度考核期，请改正考核期后重新导入。"
    )
    assert (
        preview.warnings[0]
        .text("en")
        .startswith(
            "Period 2025-06 (monthly; 1 value from row 2) is of another frequency than the stored welfare indicators "
            "periods, which are half-yearly (the latest 2025-H1)."
        )
    )
    batches.import_preview(care_db, preview, source="cli", created_by="test")


def test_a_first_period_or_one_of_a_stored_frequency_is_not_warned_of(care_db):
    first = parse_file("关爱.csv", welfare([("2025年6月", "澄溪县", "W01", 95)]), current_reference(care_db))
    checks.add_warnings(care_db, first)
    assert first.importable and first.warnings == []  # nothing stored yet: nothing to differ from
    batches.import_preview(care_db, first, source="cli", created_by="test")
    load_h1(care_db)
    again = parse_file("关爱.csv", welfare([("2025年7月", "澄溪县", "W01", 95)]), current_reference(care_db))
    checks.add_warnings(care_db, again)
    assert again.warnings == []  # a month is stored already: monthly figures are this database's own
