import pandas as pd

from incentive import charts


def test_composite_bars_best_on_top_with_cjk_font():
    frame = pd.DataFrame({"county": ["甲县", "乙县", "丙县"], "composite": [0.8, -0.1, 0.3]})
    fig = charts.composite_bars(frame, "综合得分", "得分")
    bar = fig.data[0]
    assert list(bar.y) == ["乙县", "丙县", "甲县"]  # plotly draws the last category at the top
    assert bar.marker.color[-1] == charts.ACCENT and bar.marker.color[0] == charts.NEGATIVE
    assert "Noto Sans CJK SC" in fig.layout.font.family
    assert fig.layout.title.text == "综合得分"


def test_coverage_bars_mark_the_lowest_and_use_percent_axis():
    frame = pd.DataFrame({"county": ["甲县", "乙县"], "coverage": [0.9, 0.55]})
    fig = charts.coverage_bars(frame, "覆盖率", "覆盖率")
    assert list(fig.data[0].text) == ["90%", "55%"]
    assert fig.data[0].marker.color[1] == charts.NEGATIVE
    assert fig.layout.xaxis.tickformat == ".0%"


def test_status_bars_stack_three_statuses_in_their_colours():
    counts = pd.DataFrame({"county": ["甲县", "乙县"], "met": [3, 1], "near": [1, 0], "below": [0, 4]})
    fig = charts.status_bars(counts, "达标", {"met": "达标", "near": "接近", "below": "未达标"}, "指标数")
    assert [t.name for t in fig.data] == ["达标", "接近", "未达标"]
    assert [t.marker.color for t in fig.data] == [charts.STATUS_COLOURS[s] for s in ("met", "near", "below")]
    assert list(fig.data[2].x) == [4, 0] and fig.layout.barmode == "stack"


def _history(units: int, periods=("2026-Q1", "2026-Q2")) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"period": p, "unit": f"县{u:03d}", "rank": (u + i) % units + 1}
            for i, p in enumerate(periods)
            for u in range(units)
        ]
    )


def test_rank_bump_draws_a_line_per_unit_for_a_prefecture():
    fig = charts.rank_bump(_history(12), "县003", "名次", "名次")
    assert len(fig.data) == 12 and fig.data[-1].name == "县003" and fig.data[-1].line.color == charts.FOCUS
    assert fig.layout.height == 120 + 26 * 12 and fig.layout.yaxis.dtick == 1


def test_rank_bump_keeps_a_screen_height_for_a_province():
    fig = charts.rank_bump(_history(100), "县042", "名次", "名次")
    assert len(fig.data) == 2  # every other county in one quiet trace, the focus on top
    assert fig.data[-1].name == "县042" and list(fig.data[-1].y) == [43, 44]
    assert sum(x is None for x in fig.data[0].x) == 99  # one gap after each of the 99 others
    assert fig.layout.height == 600 and list(fig.layout.yaxis.tickvals) == [1, *range(10, 101, 10)]
    assert [a.text for a in fig.layout.annotations] == ["县042"]


def test_a_province_of_counties_shows_the_ends_or_the_gaps():
    counties = [f"县{i:03d}" for i in range(100)]
    composite = pd.DataFrame({"county": counties, "composite": [1 - i / 50 for i in range(100)]})
    bars = charts.composite_bars(composite, "综合", "得分").data[0]
    assert len(bars.y) == 2 * charts.ENDS + 1 and list(bars.y).index("⋯") == charts.ENDS
    assert bars.y[-1] == "县000" and bars.y[0] == "县099"  # best at the top, worst at the bottom
    coverage = pd.DataFrame(
        {
            "county": counties,
            "coverage": [0.5 + i / 250 for i in range(100)],
            **{f"coverage_{c}": [0.5] * 100 for c in ("political", "professional", "innovation", "practice")},
        }
    )
    grouped = charts.category_coverage_bars(coverage, {"political": "政治能力"}, 0.9, "分类", "目标")
    assert list(grouped.data[0].x) == counties[: charts.WORST]  # the lowest coverage, where the gaps are
    few = charts.composite_bars(composite.head(12), "综合", "得分").data[0]
    assert len(few.y) == 12 and "⋯" not in list(few.y)


def test_status_bars_of_a_province_show_the_counties_most_below_target():
    counts = pd.DataFrame(
        {
            "county": [f"县{i:03d}" for i in range(100)],
            "met": [5] * 100,
            "near": [1] * 100,
            "below": [i % 7 for i in range(100)],
        }
    )
    fig = charts.status_bars(counts, "达标", {"met": "达标", "near": "接近", "below": "未达标"}, "指标数")
    shown = list(fig.data[2].y)
    assert len(shown) == charts.WORST and all(int(c[1:]) % 7 == 6 for c in shown[-charts.WORST // 2 :])


def test_radar_side_labels_are_broken_into_short_lines():
    frame = pd.DataFrame(
        {
            "name": ["家访慰问完成率", "带薪休假落实率", "体检率"],
            "value": [90.0, 80.0, 95.0],
            "median": [85.0, 82.0, 93.0],
            "target": [95.0, 90.0, None],
        }
    )
    fig = charts.welfare_radar(frame, "澄溪县", {"median": "中位数", "target": "目标"}, "雷达")
    labels = list(fig.data[0].theta)
    assert labels[:3] == ["家访慰问<br>完成率", "带薪休假<br>落实率", "体检率"]
    assert all(len(line) <= 5 for label in labels for line in label.split("<br>"))
