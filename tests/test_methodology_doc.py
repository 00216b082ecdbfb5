"""docs/methodology.md's worked example, recomputed: the page users read and the code cannot drift apart."""

import math

import pandas as pd
import pytest
from conftest import ROOT

from incentive.race import rankings, robustness, scoring

DOC = (ROOT / "docs" / "methodology.md").read_text(encoding="utf-8")


def table_after(marker: str) -> list[list[str]]:
    """Rows of the markdown table that follows `<!-- example:marker -->` (header and rule skipped)."""
    lines = DOC.split(f"<!-- example:{marker} -->", 1)[1].strip().splitlines()
    rows = []
    for line in lines[2:]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
    return rows


def number(text: str) -> float:
    return math.nan if text == "—" else float(text.replace("−", "-"))


def example_inputs():
    catalog = pd.DataFrame(
        [
            {
                "code": code,
                "name": name,
                "track": track,
                "weight": float(weight),
                "target": None,
                "direction": "lower" if "lower" in direction else "higher",
            }
            for code, name, track, direction, weight in table_after("catalog")
        ]
    )
    rows = table_after("values")
    values = pd.DataFrame(
        [
            {"unit": row[0], "indicator": code, "value": number(cell)}
            for row in rows
            for code, cell in zip(["X1", "X2", "X3"], row[1:], strict=False)
        ]
    )
    return values, catalog, [row[0] for row in rows]


def test_the_worked_example_matches_the_code():
    values, catalog, units = example_inputs()
    ranking = scoring.rank_units(values, catalog, units=units)
    expected = table_after("results")
    assert [row[0] for row in expected] == ranking.table.index.tolist()
    for county, build, serve, composite, rank, interval, tier, flags in expected:
        row = ranking.table.loc[county]
        assert row["track_项目建设"] == pytest.approx(number(build), abs=5e-4), county
        assert row["track_为企服务"] == pytest.approx(number(serve), abs=5e-4), county
        assert row["composite"] == pytest.approx(number(composite), abs=5e-4), county
        assert row["rank"] == int(rank)
        assert f"{row['rank_low']}–{row['rank_high']}" == interval, county
        assert {1: "第一方阵", 2: "第二方阵", 3: "第三方阵"}[row["tier"]] == tier
        assert scoring.flags(row) == flags


def test_the_prose_claims_about_other_methods_hold():
    values, catalog, units = example_inputs()
    minmax = scoring.rank_units(values, catalog, units=units, method="minmax").table
    assert minmax.loc["甲县", "composite"] == pytest.approx(58.333, abs=5e-4) == minmax.loc["丙县", "composite"]
    assert minmax.loc["甲县", "rank"] == minmax.loc["丙县", "rank"] == 2
    with pytest.raises(scoring.ScoringError):  # X1..X3 are not all in 分: adding them as given means nothing
        scoring.rank_units(values, catalog.assign(unit=["亿元", "天", "%"]), units=units, method="points")


def test_the_robustness_example_matches_the_code():
    values, catalog, units = example_inputs()
    ranking = scoring.rank_units(values, catalog.assign(unit=["亿元", "天", "%"]), units=units)
    columns = [ranking.choices.units.get_loc(county) for county in ("乙县", "丙县", "甲县", "丁县")]  # the doc's
    found = {
        f"{choice}:{detail}": [int(ranks[c]) for c in columns]
        for choice, detail, ranks in robustness.one_at_a_time(ranking.choices, scoring.RANK_DECIMALS)
    }
    assert {row[0]: [int(r) for r in row[1:]] for row in table_after("one-choice")} == found
    for county, rank, median, interval, most in table_after("robust"):
        row = ranking.table.loc[county]
        low, high = (int(end) for end in interval.split("–"))
        assert (row["rank"], row["rank_median"], row["robust_low"], row["robust_high"], row["moved_places"]) == (
            int(rank),
            int(median),
            low,
            high,
            int(most),
        ), county


def test_the_peer_class_example_matches_the_code():
    classes = dict(table_after("classes-regions"))
    header = DOC.split("<!-- example:classes-catalog -->", 1)[1].strip().splitlines()[0]
    class_names = [cell.strip()[3:-1] for cell in header.strip("|").split("|")[4:]]  # 权重（城区） -> 城区
    rows = table_after("classes-catalog")
    catalog = pd.DataFrame(
        [
            {
                "code": code,
                "name": code,
                "track": track,
                "unit": "",
                "weight": float(weight),
                "target": None,
                "direction": "lower" if "lower" in direction else "higher",
            }
            for code, track, direction, weight, *_ in rows
        ]
    )
    class_weights = pd.DataFrame(
        [
            {"code": row[0], "peer_class": name, "weight": float(cell)}
            for row in rows
            for name, cell in zip(class_names, row[4:], strict=True)
            if cell
        ]
    )
    values = pd.DataFrame(
        [
            {"unit": row[0], "indicator": code, "value": number(cell)}
            for row in table_after("classes-values")
            for code, cell in zip(["A", "B", "C"], row[1:], strict=True)
        ]
    )
    for county, peer_class, composite, rank in table_after("classes-results"):
        assert classes[county] == peer_class
        units = [unit for unit, c in classes.items() if c == peer_class]
        ranking = scoring.rank_units(
            values[values["unit"].isin(units)],
            rankings.class_catalog(catalog, class_weights, peer_class),
            units=units,
            draws=0,
        )
        row = ranking.table.loc[county]
        assert round(row["composite"], 3) == number(composite) and row["rank"] == int(rank), county
