"""A whole column judged on the catalog unit's scale: after the catalog changes an indicator's unit (万元 to 亿元 from
a 生效起始期), a file still written in the old unit is warned of, naming the change, and a right one is not; a unit
with no stored value of its own is compared with the prefecture's typical value
(docs/decisions.md#a-whole-column-in-another-unit). Race scores and care figures take the per-cell path only."""

from __future__ import annotations

import pandas as pd
from conftest import import_ok, incentive_command

from incentive.accounts.roles import Scope
from incentive.intake import bulk_csv, checks, plausibility
from incentive.store import batches
from incentive.store.reference import current_reference

Q1_R01 = {"云岫县": 120.5, "云峤县": 98.0, "澄溪县": 75.3, "枫岚区": 60.0}  # 招商引资额 (万元), as stored for 2025-Q1
TO_YI_YUAN = (
    "指标代码,指标名称,类别,赛道,单位,方向,权重,生效起始期\nR01,招商引资额,赛马,项目建设,亿元,正向,10,2025-Q2\n"
)


def _race(period: str, values: dict[str, float]) -> bytes:
    return ("考核期,县区,指标,数值\n" + "".join(f"{period},{c},R01,{v:g}\n" for c, v in values.items())).encode()


def _warnings(db, name: str, data: bytes, tmp_path) -> tuple:
    path = tmp_path / name
    path.write_bytes(data)
    assert bulk_csv.parse_large_csv(path, current_reference(db)) is None  # scores take the per-cell path only
    preview = bulk_csv.parse_path(path, current_reference(db))
    checks.add_warnings(db, preview)
    assert preview.importable, preview.problem_texts("en")
    return preview, preview.warnings


def test_a_file_still_in_the_unit_before_a_catalog_change_is_warned_of_and_a_right_one_is_not(catalog_db, tmp_path):
    """招商引资额 changes from 万元 to 亿元 from 2025-Q2. A file that keeps writing 万元 (126.525 for 1.26525 亿元) sat
    at a ratio of 1 from the stored 2025-Q1 values and passed without a word, while the right file (0.0126525) was
    warned of as a column in a wrong unit. Now the first is warned of, naming file, column, indicator, the period
    compared, both typical values and the change with its date; the second is not."""
    import_ok(catalog_db, "q1.csv", _race("2025Q1", Q1_R01))
    import_ok(catalog_db, "catalog.csv", TO_YI_YUAN.encode())
    old_scale = {c: v * 1.05 for c, v in Q1_R01.items()}
    preview, warnings = _warnings(catalog_db, "赛马.csv", _race("2025Q2", old_scale), tmp_path)
    assert [w.text("zh") for w in warnings] == [
        "文件「赛马.csv」「数值」列，「招商引资额」2025-Q2：4 个单位数值的中位数 90.9825，约为其库中 2025-Q1 数值中位数"
        "（86.65 万元，合 0.008665 亿元）的 10000 倍。指标目录自 2025-Q2（2025-04-01）起将单位由「万元」改为「亿元」，"
        "文件可能仍按「万元」填写：请核对，按「亿元」填写数值或在表头注明单位后重新导入。"
    ]
    assert warnings[0].text("en") == (
        "File “赛马.csv”, column “数值”, “招商引资额” 2025-Q2: the median of 4 units' values, 90.9825, is about 10000 "
        "times the median of their stored values of 2025-Q1 (86.65 ten thousand yuan, i.e. 0.008665 hundred million "
        "yuan). The catalog changed the unit from ten thousand yuan to hundred million yuan from 2025-Q2 "
        "(2025-04-01), so the file may still be in ten thousand yuan: please check, and enter the values in hundred "
        "million yuan or state the unit in the header, and import again."
    )
    right = {c: v / 10000 for c, v in old_scale.items()}
    assert _warnings(catalog_db, "赛马.csv", _race("2025Q2", right), tmp_path)[1] == []
    # imported in spite of the warning, the loaded data's check names it too; the right values would not be
    batches.import_preview(catalog_db, preview, source="cli", created_by="test")
    shifts = [f for f in checks.findings(catalog_db, Scope.ALL) if f.check == "shift"]
    assert [(f.period, f.indicator, f.previous, f.note.key) for f in shifts] == [
        ("2025-Q2", "R01", "2025-Q1", "check_scale_unit_changed")
    ]
    assert (
        shifts[0]
        .note.text("zh")
        .endswith(
            "指标目录自 2025-Q2（2025-04-01）起将单位由「万元」改为「亿元」，这些数值可能仍按「万元」填写：请核对。"
        )
    )
    import_ok(catalog_db, "right.csv", _race("2025Q2", right))
    assert [f for f in checks.findings(catalog_db, Scope.ALL) if f.check == "shift"] == []


def test_the_cli_warns_of_a_county_still_in_wan_yuan_after_the_catalog_changed_to_yi_yuan(sample_db_path, tmp_path):
    """On the sample: the prefecture moves 村集体经济收入 (R05) from 万元 to 亿元 from 2026-Q4, and 澄溪县 sends its
    2026-Q4 figure as before, 2499.31 for 0.249931 亿元. `import` warns before storing, naming the file, the column and
    the change; `check` names it afterwards."""
    catalog = tmp_path / "目录.csv"
    catalog.write_text(
        "指标代码,指标名称,类别,赛道,单位,方向,权重,生效起始期\nR05,村集体经济收入,赛马,乡村振兴,亿元,正向,8,2026-Q4\n",
        encoding="utf-8",
    )
    assert incentive_command("--db", sample_db_path, "import", catalog).returncode == 0
    county = tmp_path / "澄溪县.csv"
    county.write_text("考核期,县区,指标,数值\n2026-Q4,澄溪县,村集体经济收入,2512.4\n", encoding="utf-8")
    result = incentive_command("--db", sample_db_path, "import", county)
    assert result.returncode == 0, result.stderr
    assert (
        "提示：文件「澄溪县.csv」「数值」列，「村集体经济收入」2026-Q4：1 个单位数值的中位数 2512.4，约为其库中 2026-Q3 "
        "数值中位数（2499.31 万元，合 0.249931 亿元）的 10000 倍。指标目录自 2026-Q4（2026-10-01）起将单位由「万元」改为"
        "「亿元」，文件可能仍按「万元」填写" in result.stderr
    )
    check = incentive_command("--db", sample_db_path, "--lang", "en", "check")
    assert check.returncode == 0
    assert (
        "“村集体经济收入”, 2026-Q4: the median of 1 unit's values, 2512.4, is about 10000 times the median of their "
        "stored values of 2026-Q3 (2499.31 ten thousand yuan, i.e. 0.249931 hundred million yuan). The catalog changed "
        "the unit from ten thousand yuan to hundred million yuan from 2026-Q4 (2026-10-01)" in check.stdout
    )


def test_a_unit_with_no_stored_value_of_its_own_is_compared_with_the_prefectures(catalog_db, tmp_path):
    """枫岚区 has sent nothing before: its 2025-Q2 招商引资额 of 8650 (万元 meant as 元, or a digit slip) sits 100-fold
    from the median of the other counties' 2025-Q1 values, where before there was nothing to compare it with. After
    the catalog's change to 亿元, its 86 (still 万元) is compared with the prefecture's too."""
    others = {c: v for c, v in Q1_R01.items() if c != "枫岚区"}
    import_ok(catalog_db, "q1.csv", _race("2025Q1", others))
    _, warnings = _warnings(catalog_db, "枫岚区.csv", _race("2025Q2", {"枫岚区": 8650}), tmp_path)
    assert [w.text("zh") for w in warnings] == [
        "「招商引资额」2025-Q2：文件中 1 个在库中没有该指标往期数值的单位，其数值约为全市同级单位 2025-Q1 数值中位数 98 的 "
        "88 倍（中位数；如枫岚区 8650）。可能整列用错了单位，请核对。"
    ]
    assert warnings[0].text("en") == (
        "“招商引资额”, 2025-Q2: the file's values of 1 unit with no stored value of it before are about 88 times the "
        "median of the prefecture's values at their level in 2025-Q1, 98 (the median; e.g. 枫岚区: 8650). The column "
        "may be in a wrong unit, please check."
    )
    assert _warnings(catalog_db, "枫岚区.csv", _race("2025Q2", {"枫岚区": 86.5}), tmp_path)[1] == []
    import_ok(catalog_db, "catalog.csv", TO_YI_YUAN.encode())
    _, warnings = _warnings(catalog_db, "枫岚区.csv", _race("2025Q2", {"枫岚区": 86.5}), tmp_path)
    assert [w.key for w in warnings] == ["warn_scale_unit_changed"]
    assert "约为全市同级单位库中 2025-Q1 数值中位数（98 万元，合 0.0098 亿元）的 8800 倍" in warnings[0].text("zh")
    assert "the median of the prefecture's stored values at their level of 2025-Q1 (98 ten thousand" in (
        warnings[0].text("en")
    )


def _pairs(old: list[float], new: list[float]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "period": "2025-Q2",
            "previous": "2025-Q1",
            "county": [f"县{i}" for i in range(len(old))],
            "township": "",
            "indicator": "R01",
            "old": old,
            "new": new,
            "prefecture": False,
        }
    )


def _version(unit: str, since: str = "") -> dict:
    return {"code": "R01", "name": "投资额", "unit": unit, "effective_from": since}


def test_a_tenfold_unit_change_is_judged_from_halfway_and_units_that_do_not_convert_are_left_out():
    """千万元 to 亿元 is a change of 10, below SHIFT_FACTOR: a column still in 千万元 (ratio 10 on the new scale) is
    warned of from about 3.2-fold (halfway, geometrically), a right one (ratio 1) is not. A change between units of
    different families (个 to 万元) says nothing of the stored values' size now: no judgement."""
    versions = [_version("千万元"), _version("亿元", "2025-Q2")]
    still = plausibility.on_catalog_scale(_pairs([20.0, 30.0, 40.0], [21.0, 33.0, 41.0]), versions)
    assert still[["unit_then", "unit_now", "since", "factor"]].drop_duplicates().values.tolist() == [
        ["千万元", "亿元", "2025-Q2", 0.1]
    ]
    shifts = plausibility.level_shifts(still)
    assert shifts[["ratio", "old_scale", "typical_old", "typical_new"]].round(6).values.tolist() == [
        [10.5, True, 30.0, 33.0]
    ]
    right = plausibility.on_catalog_scale(_pairs([20.0, 30.0, 40.0], [2.1, 3.3, 4.1]), versions)
    assert plausibility.level_shifts(right).empty
    assert not plausibility.on_old_scale(3.0, 10.0) and plausibility.on_old_scale(3.2, 10.0)
    assert not plausibility.on_old_scale(0.2, 10.0)  # the other way from the change: the rule of SHIFT_FACTOR's
    other_family = [_version("个"), _version("万元", "2025-Q2")]
    assert plausibility.on_catalog_scale(_pairs([1.0], [10000.0]), other_family).empty
