"""The ranking tables and sentences in the user's language (incentive/race/ranking_tables.py), from real DuckDB
files: what an unranked unit's row holds, how a rank move reads on the page and in a download, and when moves are
withheld (four counties of tests/data/regions.csv, each quarter ranked in a given order)."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest
from conftest import import_ok, race_csv

from incentive.race import ranking_tables, rankings
from incentive.sharing.export import to_csv_bytes, to_xlsx_bytes


@pytest.fixture
def moved(catalog_db):
    """2025-Q1: 云岫县 1, 云峤县 2, 澄溪县 3, 枫岚区 4. 2025-Q2: 云岫县 sends nothing; 云峤县, 澄溪县 and 枫岚区 keep their
    order, so each would read one place up against a field that had 云岫县 first. 2025-Q3: the same three again."""
    import_ok(catalog_db, "q1.csv", race_csv("2025Q1", ["云岫县", "云峤县", "澄溪县", "枫岚区"]))
    import_ok(catalog_db, "q2.csv", race_csv("2025Q2", ["云峤县", "澄溪县", "枫岚区"]))
    import_ok(catalog_db, "q3.csv", race_csv("2025Q3", ["澄溪县", "云峤县", "枫岚区"]))
    return catalog_db


def ranked(db, period: str):
    return rankings.rank_period(db.connection, period, draws=0)


def test_no_arrows_riser_or_faller_between_rankings_of_different_counties(moved):
    now, before = ranked(moved, "2025-Q2"), ranked(moved, "2025-Q1")
    table = ranking_tables.ranking_table(now, before, "county", "zh")
    assert table["名次变化"].isna().all() and len(table) == 4  # the page shows "—", a download an empty cell
    assert ranking_tables.movers(now, before) == (None, None)
    assert ranking_tables.biggest_movers(now, before) == ([], [])
    assert ranking_tables.moves_withheld_text(now, before, "county", "zh") == (
        "2025-Q2与2025-Q1参与排名的县区不同（云岫县2025-Q2未参与排名），名次不可比，不列名次升降。"
    )
    assert ranking_tables.moves_withheld_text(before, now, "county", "en") == (
        "No rank changes against 2025-Q2: 2025-Q1 and 2025-Q2 rank different counties (云岫县 not ranked in 2025-Q2), "
        "so their ranks are not comparable."
    )


def test_units_the_reader_has_just_seen_listed_are_counted_not_named_again(moved):
    """The page names the unranked counties in the line above the sentence: the sentence counts them. A unit not
    in that line (ranked before only, but not listed) keeps every name."""
    now, before = ranked(moved, "2025-Q2"), ranked(moved, "2025-Q1")
    assert ranking_tables.moves_withheld_text(now, before, "county", "zh", listed=["云岫县", "新设县"]) == (
        "2025-Q2与2025-Q1参与排名的县区不同（上列 1 个县区2025-Q2未参与排名），名次不可比，不列名次升降。"
    )
    assert ranking_tables.moves_withheld_text(now, before, "county", "en", listed=["云岫县"]) == (
        "No rank changes against 2025-Q1: 2025-Q2 and 2025-Q1 rank different counties (the 1 listed above as not "
        "ranked in 2025-Q2), so their ranks are not comparable."
    )
    assert "云岫县" in ranking_tables.moves_withheld_text(now, before, "county", "zh", listed=["澄溪县"])


def test_between_rankings_of_the_same_counties_the_moves_are_shown(moved):
    now, before = ranked(moved, "2025-Q3"), ranked(moved, "2025-Q2")
    assert ranking_tables.moves_withheld_text(now, before, "county", "zh") == ""
    assert ranking_tables.moves_withheld_text(now, None, "county", "zh") == ""
    table = ranking_tables.ranking_table(now, before, "county", "zh").set_index("县区")
    moves = table["名次变化"].to_dict()
    assert pd.isna(moves.pop("云岫县")) and moves == {"澄溪县": "↑1", "云峤县": "↓1", "枫岚区": "持平"}
    assert ranking_tables.movers(now, before) == (("澄溪县", 1), ("云峤县", -1))


def test_the_sentence_names_the_units_on_each_side_and_the_periods_as_given(moved):
    import_ok(moved, "q4.csv", race_csv("2025Q4", ["云岫县", "云峤县", "澄溪县"]))  # 云岫县 back, 枫岚区 missing
    now, before = ranked(moved, "2025-Q4"), ranked(moved, "2025-Q3")
    text = ranking_tables.moves_withheld_text(
        now, before, "county", "zh", period="2025年第四季度", previous="2025年第三季度", quote=lambda u: f"[{u}]"
    )
    assert text == (
        "2025年第四季度与2025年第三季度参与排名的县区不同（[枫岚区]2025年第四季度未参与排名；[云岫县]2025年第三季度未参与排名），"
        "名次不可比，不列名次升降。"
    )


CATALOG = (
    "指标代码,指标名称,类别,赛道,单位,方向,权重\n"
    "A,甲,赛马,项目建设,个,正向,1\nB,乙,赛马,基层治理,起,逆向,1\nC,丙,赛马,基层治理,起,逆向,1\n"
)
VALUES = (
    "考核期,县区,乡镇,指标,数值\n"
    # 2025-Q1: 三县 sent A only (2 of 3 missing): not ranked
    "2025Q1,一县,,A,10\n2025Q1,二县,,A,20\n2025Q1,三县,,A,30\n"
    "2025Q1,一县,,B,5\n2025Q1,二县,,B,6\n2025Q1,一县,,C,5\n2025Q1,二县,,C,6\n"
    # 2025-Q2: everyone ranked; 一县 stays first, 二县 falls from 2nd to 3rd
    "2025Q2,一县,,A,20\n2025Q2,二县,,A,10\n2025Q2,三县,,A,30\n2025Q2,一县,,B,5\n2025Q2,二县,,B,6\n"
    "2025Q2,三县,,B,6\n2025Q2,一县,,C,5\n2025Q2,二县,,C,6\n2025Q2,三县,,C,6\n"
)


@pytest.fixture
def two_quarters(db):
    import_ok(db, "regions.csv", "县区,乡镇,县区代码\n一县,,1\n二县,,2\n三县,,3\n".encode())
    import_ok(db, "i.csv", CATALOG.encode())
    import_ok(db, "v.csv", VALUES.encode())
    return rankings.rank_period(db.connection, "2025-Q1"), rankings.rank_period(db.connection, "2025-Q2")


def test_an_unranked_units_figures_are_missing_not_blank_text(two_quarters):
    """The page shows "—" for a missing cell (its placeholder) and a download an empty cell: the table must hold
    missing values, not "" in some columns and NA in others."""
    q1, _ = two_quarters
    table = ranking_tables.ranking_table(q1, None, "county", "zh").set_index("县区")
    unranked = table.loc["三县"]
    for column in (
        "排名",
        "排名区间",
        "名次变化",
        "综合得分",
        "项目建设",
        "方阵",
        "中位名次",
        "稳健区间",
        "z 分数名次",
    ):
        assert pd.isna(unranked[column]), column
    assert unranked["提示"] == "数据不全（缺 2 项）"
    assert pd.isna(table.loc["一县", "名次变化"])  # no compare period: no move, not "="
    line = next(x for x in to_csv_bytes(table.reset_index()).decode().splitlines() if x.startswith("三县"))
    # its share of indicators present is shown; z and min-max rank columns empty (原始分值: units differ)
    assert line == "三县,,,,,,,,,,33%,数据不全（缺 2 项）,,"


@pytest.mark.parametrize("lang, same", [("zh", "持平"), ("en", "same")])
def test_a_unit_that_kept_its_rank_reads_as_a_word_the_same_on_the_page_and_in_the_download(moved, lang, same):
    """`=` for an unchanged rank started a formula in a spreadsheet, so the export escaped it to `'=`: the page and
    the download now both say 持平 / same; moves stay arrows, a real formula-like text is still escaped."""
    now, before = ranked(moved, "2025-Q3"), ranked(moved, "2025-Q2")
    table = ranking_tables.ranking_table(now, before, "county", lang)
    change = table.columns[2]
    moves = dict(zip(table.iloc[:, 3], table[change], strict=True))
    assert (moves["澄溪县"], moves["云峤县"], moves["枫岚区"]) == ("↑1", "↓1", same) and pd.isna(moves["云岫县"])
    text = to_csv_bytes(table).decode()
    assert f",{same}," in text and "'=" not in text and ",=," not in text
    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(table))).active
    assert [sheet.cell(row=r, column=3).value for r in (2, 3, 4, 5)] == ["↑1", "↓1", same, None]
    hostile = table.assign(**{table.columns[3]: ["=cmd|x", "云峤县", "枫岚区", "云岫县"]})
    assert "'=cmd|x" in to_csv_bytes(hostile).decode()  # formula escaping is intact for real text


def test_a_figure_is_never_a_negative_zero():
    """The best unit's own distance from the best read "-0" (review of 2026-12-05)."""
    assert [ranking_tables.number_text(v) for v in (-0.0, -0.001, -0.01, 2499.31)] == ["0", "0", "-0.01", "2,499.31"]
