import math
import re

import pandas as pd

from incentive import charts, palette
from incentive.demo import synth


def test_composite_bars_best_on_top_with_cjk_font():
    frame = pd.DataFrame({"county": ["甲县", "乙县", "丙县"], "composite": [0.8, -0.1, 0.3]})
    fig = charts.composite_bars(frame, "综合得分", "得分")
    bar = fig.data[0]
    assert list(bar.y) == ["乙县", "丙县", "甲县"]  # plotly draws the last category at the top
    assert bar.marker.color[-1] == palette.DIVERGING["above"] and bar.marker.color[0] == palette.DIVERGING["below"]
    assert "Noto Sans CJK SC" in fig.layout.font.family
    assert fig.layout.title.text == "综合得分"


def test_composite_bars_with_tiers_are_coloured_and_named_as_on_the_rankings_page():
    frame = pd.DataFrame({"county": ["甲县", "乙县", "丙县"], "composite": [0.8, -0.1, 0.3], "tier": [1, 3, 2]})
    fig = charts.composite_bars(frame, "综合得分", "得分", {1: "第一方阵", 2: "第二方阵", 3: "第三方阵"})
    assert list(fig.data[0].marker.color) == [palette.TIERS[3], palette.TIERS[2], palette.TIERS[1]]
    assert [(t.name, t.marker.color) for t in fig.data[1:]] == [
        ("第一方阵", palette.TIERS[1]),
        ("第二方阵", palette.TIERS[2]),
        ("第三方阵", palette.TIERS[3]),
    ]


def test_coverage_bars_mark_the_lowest_and_use_percent_axis():
    frame = pd.DataFrame({"county": ["甲县", "乙县"], "coverage": [0.9, 0.55]})
    fig = charts.coverage_bars(frame, "覆盖率", "覆盖率")
    assert list(fig.data[0].text) == ["90%", "55%"]
    assert fig.data[0].marker.color[1] == palette.DIVERGING["below"]
    assert fig.layout.xaxis.tickformat == ".0%"


def test_status_bars_stack_three_statuses_in_their_colours():
    counts = pd.DataFrame({"county": ["甲县", "乙县"], "met": [3, 1], "near": [1, 0], "below": [0, 4]})
    fig = charts.status_bars(counts, "达标", {"met": "达标", "near": "接近", "below": "未达标"}, "指标数")
    assert [t.name for t in fig.data] == ["达标", "接近", "未达标"]
    assert [t.marker.color for t in fig.data] == [palette.STATUS[s] for s in ("met", "near", "below")]
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
    assert len(fig.data) == 12 and fig.data[-1].name == "县003" and fig.data[-1].line.color == palette.EMPHASIS["focus"]
    assert fig.layout.height == 120 + 26 * 12 and fig.layout.yaxis.dtick == 1


def test_rank_bump_keeps_a_screen_height_for_a_province():
    fig = charts.rank_bump(_history(100), "县042", "名次", "名次")
    assert len(fig.data) == 2  # every other county in one quiet trace, the focus on top
    assert fig.data[-1].name == "县042" and list(fig.data[-1].y) == [43, 44]
    assert sum(x is None for x in fig.data[0].x) == 99  # one gap after each of the 99 others
    assert fig.layout.height == 600 and list(fig.layout.yaxis.tickvals) == [1, *range(10, 101, 10)]
    assert [a.text for a in fig.layout.annotations] == ["县042"]


def test_rank_bump_breaks_its_lines_before_a_period_ranking_other_units():
    history = _history(12, periods=("2026-Q1", "2026-Q2", "2026-Q3"))
    history = history[(history["period"] != "2026-Q3") | (history["unit"] < "县003")]  # three units sent Q3
    fig = charts.rank_bump(history, "县001", "名次", "名次", breaks=["2026-Q3"])
    assert list(fig.data[-1].x) == ["2026-Q1", "2026-Q2", None, "2026-Q3"] and fig.data[-1].y[2] is None
    assert list(charts.rank_bump(history, "县001", "名次", "名次").data[-1].x) == ["2026-Q1", "2026-Q2", "2026-Q3"]
    many = charts.rank_bump(_history(100, ("2026-Q1", "2026-Q2")), "县042", "名次", "名次", breaks=["2026-Q2"])
    assert sum(x is None for x in many.data[0].x) == 2 * 99  # a break and a gap after each of the 99 others
    assert list(many.data[-1].x) == ["2026-Q1", None, "2026-Q2"]


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


def test_status_grid_puts_the_indicator_names_under_the_grid_with_room_for_them():
    """Above the grid the names ran into the title on a phone and in the PDF (tests/browser/test_charts_in_browser.py
    draws both): they are under it, Plotly makes room for them, and the figure grows by the longest name."""

    def grid(names):
        frame = pd.DataFrame([["met"] * len(names), ["below"] * len(names)], index=["甲县", "乙县"], columns=names)
        return charts.status_grid(
            frame, frame.replace({"met": 1.0, "below": 2.0}), {"met": "达标", "near": "接近", "below": "未达标"}, "t"
        )

    short, long = grid(["甲率", "乙率"]), grid(["甲率", "困难干部帮扶及慰问走访覆盖率"])
    assert short.layout.xaxis.side == "bottom" and short.layout.xaxis.automargin
    assert short.layout.legend.yref == "container" and short.layout.legend.y == 0  # below the names
    assert long.layout.height - short.layout.height == 13 * (14 - 2)  # 14 and 2 CJK characters at 13 px


# ---- the shared look on a phone and in meeting mode (issue 24)


def _figures(**options):
    """One figure of each kind the pages draw (bars across and upright, stacked, a grid, a heatmap, a waterfall)."""
    counties = ["云岫县", "澄溪县", "枫岚县"]
    statuses = pd.DataFrame([["met", "below"], ["near", ""], ["below", "met"]], index=counties, columns=["甲", "乙"])
    status_labels = {"met": "达标", "near": "接近", "below": "未达标", "": "无目标值"}
    return {
        "composite": charts.composite_bars(
            pd.DataFrame({"county": counties, "composite": [0.8, -0.1, 0.3]}), "综合得分", "得分", **options
        ),
        "status": charts.status_bars(
            pd.DataFrame({"county": counties, "met": [3, 1, 2], "near": [1, 0, 1], "below": [0, 4, 1]}),
            "达标",
            status_labels,
            "指标数",
            **options,
        ),
        "tolerance": charts.tolerance_vs_accountability(
            pd.DataFrame({"county": counties, "accountability": [6, 7, 8], "fault_tolerance": [5, 6, 9]}),
            {"accountability": "问责", "fault_tolerance": "容错免责"},
            "问责与容错",
            **options,
        ),
        "grid": charts.status_grid(statuses, statuses.map(lambda s: 90.5), status_labels, "红绿灯", **options),
        "tracks": charts.track_heatmap(
            pd.DataFrame({"unit": counties, "rank": [1, 2, 3], "track_a": [1.0, 0.0, -1.0]}),
            ["a"],
            "赛道",
            ["项目建设"],
            centre=0.0,
            **options,
        ),
        "waterfall": charts.contribution_waterfall(
            pd.DataFrame({"label": ["甲", "乙"], "contribution": [0.2, -0.1]}),
            "变化",
            "之前",
            "之后",
            0.5,
            0.6,
            **options,
        ),
    }


def test_titles_sit_below_the_mode_bar_and_axes_make_room_for_their_labels():
    for name, fig in _figures().items():
        title = fig.layout.title
        assert (title.yref, title.y, title.yanchor) == ("container", 1, "top"), name
        assert title.pad.t >= charts.MODE_BAR  # the toolbar's band is above the title, whatever the width
        assert fig.layout.margin.t >= title.pad.t + title.font.size, name  # and the title above the plot
        assert fig.layout.xaxis.automargin and fig.layout.yaxis.automargin, name  # no county name cut off
        assert fig.layout.xaxis.tickangle is not None or list(fig.layout.xaxis.autotickangles) == [0, 90], name


def test_legends_under_a_chart_sit_below_its_axis_labels():
    figures = _figures()
    for name in ("status", "tolerance", "grid"):
        legend = figures[name].layout.legend
        assert (legend.yref, legend.y, legend.yanchor) == ("container", 0, "bottom"), name


def test_projector_figures_have_no_text_under_the_room_size():
    for name, fig in _figures(projector=True).items():
        layout = fig.layout
        sizes = [layout.font.size, layout.legend.font.size, layout.xaxis.tickfont.size, layout.yaxis.tickfont.size]
        sizes += [a.font.size for a in layout.annotations]
        sizes += [t.textfont.size for t in fig.data if t.type in ("bar", "heatmap", "waterfall")]
        if layout.xaxis.title.text:
            sizes.append(layout.xaxis.title.font.size)
        assert min(sizes) >= 18 and layout.title.font.size > charts.ROOM_TEXT, (name, sizes)
        assert all(t.constraintext == "none" for t in fig.data if t.type in ("bar", "waterfall")), name
    plain = _figures()["composite"]
    assert plain.layout.font.size == 13 and plain.layout.xaxis.tickfont.size is None  # only for the room


def test_the_care_grid_has_an_invisible_click_point_on_every_cell():
    """Plotly reports no selection on a heatmap: a transparent marker per cell carries the county (its row), so a
    click on a cell opens that county's profile (ui/county_clicks.py)."""
    frame = pd.DataFrame([["met", "near"], ["below", ""]], index=["甲县", "乙县"], columns=["甲率", "乙率"])
    labels = {"met": "达标", "near": "接近", "below": "未达标", "": "无目标值"}
    fig = charts.status_grid(frame, frame.replace({"met": 1.0, "near": 2.0, "below": 3.0, "": None}), labels, "t")
    layer = fig.data[-1]
    assert list(layer.y) == ["甲县", "甲县", "乙县", "乙县"] and list(layer.x) == ["甲率", "乙率", "甲率", "乙率"]
    assert layer.marker.opacity == 0 and layer.selected.marker.opacity == 0 and not layer.showlegend


def test_county_rank_path_draws_ranked_periods_by_tier_with_their_intervals():
    path = pd.DataFrame(
        {
            "period": ["2026-Q1", "2026-Q2", "2026-Q3"],
            "ranked": [True, False, True],
            "rank": pd.array([3, None, 1], dtype="Int64"),
            "rank_low": pd.array([2, None, 1], dtype="Int64"),
            "rank_high": pd.array([5, None, 2], dtype="Int64"),
            "interval": ["2–5", "", "1–2"],
            "tier": pd.array([2, None, 1], dtype="Int64"),
            "units": [9, 9, 9],
        }
    )
    fig = charts.county_rank_path(path, "t", "排名", {1: "第一方阵", 2: "第二方阵", 3: "第三方阵"})
    first, second = fig.data[0], fig.data[1]
    assert list(first.x) == ["2026-Q3"] and list(first.y) == [1.0] and list(first.error_y.array) == [1.0]
    assert list(second.x) == ["2026-Q1"] and list(second.error_y.arrayminus) == [1.0]  # 3 down to 2
    assert list(fig.layout.yaxis.range) == [9.5, 0.5]  # rank 1 at the top
    assert fig.layout.legend.yref == "container"  # under the tilted period labels


def test_track_bars_best_on_top_and_clickable_by_unit():
    frame = pd.DataFrame(
        {"track_rank": [1, 2, 3], "score": [1.2, 0.1, -0.7], "rank": [2, 1, 3], "tier": [1, 1, 3]},
        index=pd.Index(["乙县", "甲县", "丙县"], name="unit"),
    )
    fig = charts.track_bars(frame, "t", "赛道得分")
    assert list(fig.data[0].y) == ["丙县", "甲县", "乙县"]  # plotly draws the last category at the top
    assert list(fig.data[0].customdata) == ["丙县", "甲县", "乙县"]


def test_benchmark_bars_group_the_county_the_median_and_the_benchmark_per_track():
    frame = pd.DataFrame({"track": ["经济"], "score": [0.2], "median": [0.0], "benchmark": [0.9]})
    fig = charts.benchmark_bars(
        frame, {"score": "甲县", "median": "中位数", "benchmark": "标杆"}, "t", {"经济": "经济"}
    )
    assert [trace.name for trace in fig.data] == ["甲县", "中位数", "标杆"]
    assert [trace.y[0] for trace in fig.data] == [0.2, 0.0, 0.9]


def test_a_title_too_wide_for_a_phone_is_set_on_two_lines_with_room_for_both():
    frame = pd.DataFrame({"county": ["甲县", "乙县"], "coverage": [0.9, 0.55]})
    short = charts.coverage_bars(frame, "2026 年覆盖率", "覆盖率")
    long = charts.coverage_bars(frame, "2026 年累计人均学时与目标进度（人均年度目标 90.0 学时）", "覆盖率")
    assert long.layout.title.text == "2026 年累计人均学时与目标进度<br>（人均年度目标 90.0 学时）"
    assert long.layout.margin.t == short.layout.margin.t + charts.TITLE_LINE + charts.TITLE_RAISE
    assert long.layout.height == short.layout.height + charts.TITLE_LINE + charts.TITLE_RAISE
    unbreakable = "甲" * 40
    assert charts.coverage_bars(frame, unbreakable, "x").layout.title.text == unbreakable  # nowhere to break
    assert charts._title_lines("County <b>" + "x" * 60) == ["County", "<b>" + "x" * 60]  # escaped after breaking
    assert "&lt;b&gt;" in charts.coverage_bars(frame, "County <b>" + "x" * 60, "x").layout.title.text


def test_a_title_is_never_broken_inside_z_score():
    """A township ranking's title on a phone read "鹤汀县 · 2026-Q3 综合得分与方阵（z" over "分数）" (an earlier
    walk-through): the break goes before the bracket, at a desk and in the room alike."""
    for title in ("鹤汀县 · 2026-Q3 综合得分与方阵（z 分数）", "鹤汀县各乡镇 2026-Q3 综合得分与方阵（z 分数）"):
        for lines in (charts._title_lines(title), charts._room_title_lines(title)):
            assert len(lines) > 1 and "".join(lines).replace(" ", "") == title.replace(" ", ""), lines
            assert not any(line.endswith("z") or line.startswith("分数") for line in lines), lines
    assert charts._title_lines("鹤汀县 · 2026-Q3 综合得分与方阵（z 分数）")[-1] == "（z 分数）"


def test_grade_rates_lie_down_first_county_on_top_and_hidden_rates_carry_their_mark():
    frame = pd.DataFrame(
        {
            "county": ["甲县", "甲县", "乙县", "乙县"],
            "grade": ["excellent", "competent", "excellent", "competent"],
            "per_100": [10.0, 1.0, float("nan"), 2.0],
            "status": ["", "", "small", ""],
        }
    )
    fig = charts.grade_rates(frame, {"excellent": "优秀", "competent": "称职"}, "提拔", "每百人", {"small": "<5"})
    assert [trace.name for trace in fig.data] == ["称职", "优秀"] and fig.layout.legend.traceorder == "reversed"
    excellent = fig.data[1]
    assert excellent.orientation == "h" and list(excellent.text) == [
        "10.0",
        "&lt;5",
    ]  # escaped: drawn as <5 and list(excellent.x) == [10.0, 0]
    assert list(fig.layout.yaxis.categoryarray) == ["乙县", "甲县"]  # drawn bottom-up: 甲县 on top


def test_grade_rates_of_a_province_show_the_ends_of_the_first_grade_chosen_by_shown_rates():
    """Past SCREEN_UNITS counties (a province's hundred drew 200 bars, 4,634 px tall) the chart shows the ENDS
    counties with the highest and the ENDS with the lowest rate of its first grade, highest at the top, a '⋯' row
    between; a county whose rate a viewer does not see is not chosen, whatever its hidden rate."""
    counties = [f"县{i:03d}" for i in range(100)]
    rows = []
    for i, county in enumerate(counties):
        hidden = i % 4 == 1  # hidden rates, the highest of all: a choice by them would give them away
        rows.append({"county": county, "grade": "excellent", "per_100": 99.0 if hidden else float(i), "status": ""})
        rows[-1].update({"per_100": float("nan"), "status": "small"} if hidden else {})
        rows.append({"county": county, "grade": "competent", "per_100": 1.0, "status": ""})
    frame = pd.DataFrame(rows)
    fig = charts.grade_rates(frame, {"excellent": "优秀", "competent": "称职"}, "提拔", "每百人", {"small": "<5"})
    shown = [c for c in counties if int(c[1:]) % 4 != 1]
    expected = [*shown[::-1][: charts.ENDS], "⋯", *shown[::-1][-charts.ENDS :]]
    assert list(fig.layout.yaxis.categoryarray) == expected[::-1]  # drawn bottom-up: the highest on top
    excellent, competent = fig.data[1], fig.data[0]
    assert list(excellent.y) == expected and list(competent.y) == [c for c in expected if c != "⋯"]
    assert list(excellent.x)[: charts.ENDS] == [float(int(c[1:])) for c in expected[: charts.ENDS]]
    assert excellent.text[charts.ENDS] == ""  # the gap row: no bar, no figure
    assert fig.layout.height < 1100  # a screen and a bit, not five
    few = frame[frame["county"].isin(counties[:12])]
    small = charts.grade_rates(few, {"excellent": "优秀", "competent": "称职"}, "提拔", "每百人", {"small": "<5"})
    assert list(small.layout.yaxis.categoryarray) == counties[:12][::-1]  # a prefecture's, in its own order


def test_quota_bars_colour_counties_above_the_ceiling_red_and_draw_it():
    frame = pd.DataFrame({"county": ["甲县", "乙县", "丙县"], "share": [0.26, 0.2, 0.1]})
    marks = pd.Series(["", "", "<5"])
    fig = charts.quota_bars(frame, "优秀比例", "占参加考核人数", 0.2, "上限 20%", marks)
    bar = fig.data[0]
    assert list(bar.y) == ["丙县", "乙县", "甲县"] and list(bar.text) == ["&lt;5", "20.0%", "26.0%"]
    assert bar.marker.color[-1] == palette.STATUS["below"] and bar.marker.color[1] == palette.EMPHASIS["reference"]
    assert [shape.x0 for shape in fig.layout.shapes] == [0.2] and fig.layout.annotations[0].text == "上限 20%"


def test_coverage_bars_draw_the_target_that_explains_the_lowest_bar():
    frame = pd.DataFrame({"county": ["甲县", "乙县"], "coverage": [0.95, 0.55]})
    fig = charts.coverage_bars(frame, "覆盖率", "覆盖率", target=(0.9, "目标 90%"))
    assert [shape.x0 for shape in fig.layout.shapes] == [0.9] and fig.layout.shapes[0].line.dash == "dash"
    assert [a.text for a in fig.layout.annotations] == ["目标 90%"]
    assert not charts.coverage_bars(frame, "覆盖率", "覆盖率").layout.shapes  # no target given, none drawn


def _ranked(units: int) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "unit": [f"县{u:03d}" for u in range(units)],
            "rank": range(1, units + 1),
            "rank_low": [max(1, r - 2) for r in range(1, units + 1)],
            "rank_high": [min(units, r + 2) for r in range(1, units + 1)],
        }
    )


def test_rank_intervals_label_every_rank_of_a_prefecture_and_every_tenth_of_a_province():
    prefecture = charts.rank_intervals(_ranked(12), "排名及其区间", "名次")
    assert prefecture.layout.xaxis.dtick == 1 and prefecture.layout.xaxis.tickvals is None
    assert list(prefecture.layout.xaxis.range) == [0.5, 12.5]
    province = charts.rank_intervals(_ranked(100), "排名及其区间", "名次")
    assert list(province.layout.xaxis.tickvals) == [1, *range(10, 101, 10)] and province.layout.xaxis.dtick is None
    assert list(province.data[0].y)[-1] == "县000"  # rank 1 at the top, every unit still drawn
    assert len(province.data[0].y) == 100
    assert list(province.layout.yaxis.range) == [-0.5, 99.5]  # no empty rows above or below the units


def test_the_rank_intervals_legend_shows_what_is_drawn():
    """The weights' interval is drawn as a thick grey bar, the rank as a dot on it: the legend had a dot for
    权重区间 (a new user's report), and now has the dot for the rank, a grey bar for 权重区间 and a thin line for
    稳健区间, first to last in that order."""
    frame = _ranked(12)
    frame = frame.assign(robust_low=frame["rank_low"], robust_high=frame["rank_high"], rank_median=frame["rank"])
    fig = charts.rank_intervals(frame, "排名及其区间", "排名", ("权重区间", "稳健区间"))
    entries = sorted((d for d in fig.data if d.showlegend is not False), key=lambda d: d.legendrank or 0)
    assert [d.name for d in entries] == ["排名", "权重区间", "稳健区间"]
    rank, weights, robust = entries
    drawn = [d for d in fig.data if d.x[0] is not None]
    bar = next(d for d in drawn if d.error_x.thickness == 6)  # the weights' interval drawn as a bar
    line = next(d for d in drawn if d.error_x.thickness == 1.5)  # the robust interval drawn as a line
    dot = next(d for d in drawn if d.marker.size == 10)  # the rank drawn as a dot
    assert rank.marker.color == dot.marker.color and rank.marker.symbol in (None, "circle")
    assert weights.marker.symbol == "line-ew" and weights.marker.line.color == bar.error_x.color
    assert weights.marker.line.width >= 5 > robust.marker.line.width  # a bar, thicker than the line
    assert robust.marker.symbol == "line-ew" and robust.marker.line.color == line.error_x.color
    # the line over the bar, the dot over both; nothing else drawn at a rank (the line's trace drew a dash at each,
    # an interval where there was none), and one hover, the dot's, naming both intervals
    assert drawn.index(bar) < drawn.index(line) < drawn.index(dot)
    for interval in (bar, line):
        assert interval.marker.opacity == 0 and interval.hoverinfo == "skip"
        assert interval.showlegend is False
    assert "权重区间 %{customdata[0]}–%{customdata[1]}" in dot.hovertemplate
    assert "稳健区间 %{customdata[2]}–%{customdata[3]}" in dot.hovertemplate


def test_the_bars_and_the_intervals_beside_them_start_as_low_when_one_title_takes_two_lines():
    frame = _ranked(40).assign(composite=[1.0 - i / 40 for i in range(40)], tier=[1] * 10 + [2] * 20 + [3] * 10)
    frame = frame.assign(robust_low=frame["rank_low"], robust_high=frame["rank_high"], rank_median=frame["rank"])
    tiers = {1: "第一方阵", 2: "第二方阵", 3: "第三方阵"}
    long, short = "Composite and tiers of the counties, 2026-Q3 (min-max, 0-100)", "Rank and its intervals"
    legend = ("weights", "every choice")
    bars = charts.tier_bars(frame, long, "composite", tiers, beside=short)
    intervals = charts.rank_intervals(frame, short, "rank", legend, beside=long)
    assert bars.layout.title.text.count("<br>") == intervals.layout.title.text.count("<br>") == 1
    assert (bars.layout.height, bars.layout.margin.t) == (intervals.layout.height, intervals.layout.margin.t)
    alone = charts.rank_intervals(frame, short, "rank", legend)  # nothing beside it: one line, a lower chart
    assert "<br>" not in alone.layout.title.text and alone.layout.margin.t < intervals.layout.margin.t
    room = [charts.tier_bars(frame, long, "c", tiers, beside=short, projector=True)]
    room.append(charts.rank_intervals(frame, short, "r", legend, beside=long, projector=True))
    assert room[0].layout.margin.t == room[1].layout.margin.t and room[0].layout.height == room[1].layout.height
    assert room[0].layout.title.text.count("<br>") == room[1].layout.title.text.count("<br>") >= 2


def test_a_room_title_is_broken_to_the_width_of_half_a_1024_projector():
    """At ROOM_TITLE (28 px) a title the phone's break left on one or two lines ran off a chart half a 1024 x 768
    projector's page wide (a fresh helper's finding, 2026-12-05): in the room each line fits ROOM_TITLE_WIDTH,
    broken before a bracket, after a comma, at a space, else between words, else between Chinese characters, and
    never leaving a first line of a few characters."""
    frame = _ranked(12).assign(composite=[1.0 - i / 12 for i in range(12)], tier=[1] * 4 + [2] * 4 + [3] * 4)
    tiers = {1: "第一方阵", 2: "第二方阵", 3: "第三方阵"}
    for title, first in (
        ("2026 年累计人均学时与目标进度（人均年度目标 90.0 学时）", "2026 年累计人均学时与目标"),  # not 目标进|度
        ("2026-Q3 综合得分与方阵（z 分数）", "2026-Q3 综合得分与方阵"),
        ("Composite and tiers, 2026-Q3 (z-score)", "Composite and tiers,"),
    ):
        room = charts.tier_bars(frame, title, "c", tiers, projector=True)
        lines = room.layout.title.text.split("<br>")
        assert lines[0] == first and "".join(lines).replace(" ", "") == title.replace(" ", ""), lines
        assert not any(line.startswith("学时") for line in lines), lines  # "90.0" over "学时）" (a helper's finding)
        assert all(charts._text_width(line, charts.ROOM_TITLE) <= charts.ROOM_TITLE_WIDTH for line in lines), lines
        desk = charts.tier_bars(frame, title, "c", tiers)
        added = len(lines) - (desk.layout.title.text.count("<br>") + 1)  # each line more makes its own room
        grown = room.layout.margin.t - desk.layout.margin.t
        assert (
            grown
            == round(1.3 * (charts.ROOM_TITLE - charts.TITLE_SIZE) * len(lines))
            + (charts.TITLE_LINE + charts.TITLE_RAISE) * added
        ), grown
    short = charts.tier_bars(frame, "排名及其区间", "c", tiers, projector=True)
    assert "<br>" not in short.layout.title.text


def test_long_track_names_stand_on_two_lines_under_the_heatmap_at_their_columns():
    frame = pd.DataFrame({"unit": ["甲县", "乙县"], "rank": [1, 2], "track_a": [1.0, -1.0], "track_b": [0.5, 0.2]})
    names = ["Grassroots governance", "<b>项目</b> & 建设"]
    fig = charts.track_heatmap(frame, ["a", "b"], "Track scores", names, centre=0.0)
    axis = fig.layout.xaxis
    assert list(axis.tickvals) == list(fig.data[0].x)  # a tick under every column, names escaped alike
    assert axis.ticktext[0] == "Grassroots<br>governance"
    assert "<b>" not in axis.ticktext[1] and "&lt;b&gt;" in axis.ticktext[1]


def test_a_coverage_axis_shows_the_decimals_its_ticks_need():
    def ticks(coverages):
        frame = pd.DataFrame({"county": list("甲乙丙"), "coverage": coverages, "composite": [0.1, 0.2, 0.3]})
        return charts.coverage_vs_composite(frame, "覆盖与赛马", "覆盖率", "综合得分").layout.xaxis.tickformat

    assert ticks([0.5, 0.7, 0.95]) == ".0%"
    assert ticks([0.921, 0.93, 0.941]) == ".1%"  # whole percents read 92% 93% 93% 94% 94%
    assert ticks([0.9301, 0.9312, 0.9318]) == ".2%"


def test_the_labels_of_the_dots_point_inward_at_the_ends_and_away_from_their_neighbours():
    # drawn in order of composite: 甲 (lowest coverage) first, where alternating sides put its label on the left,
    # out of the plot, and 戊 (highest) second, on the right; 乙 and 丙 are neighbours in composite with 丙 to the
    # right of 乙, where alternating sides put their labels into each other
    frame = pd.DataFrame(
        {
            "county": list("甲戊乙丙丁"),
            "coverage": [0.60, 0.95, 0.78, 0.80, 0.75],
            "composite": [0.1, 0.2, 0.30, 0.31, 0.5],
        }
    )
    dots = charts.coverage_vs_composite(frame, "覆盖与赛马", "覆盖率", "综合得分").data[0]
    side = dict(zip(dots.text, dots.textposition, strict=True))
    assert side["甲"] == "middle right" and side["戊"] == "middle left"
    assert side["乙"] == "middle left" and side["丙"] == "middle right"  # away from each other
    assert side["丁"] == "middle left"  # away from 丙, the dot below it


def test_long_indicator_names_stand_on_two_lines_under_the_traffic_lights():
    names = ["两地分居问题解决率", "年度体检完成率", "<b>率</b>", "体检率"]
    statuses = pd.DataFrame([["met", "near", "below", ""]], index=["甲县"], columns=names)
    fig = charts.status_grid(
        statuses, statuses.map(lambda s: 90.5), {"met": "达标", "near": "接近", "below": "未达标", "": "无目标值"}, "t"
    )
    axis = fig.layout.xaxis
    assert list(axis.tickvals) == list(fig.data[0].x)  # a tick under every column, names escaped alike
    # broken between words, the longer line as short as they allow; a short name on one line
    assert list(axis.ticktext[:2]) == ["两地分居<br>问题解决率", "年度体检<br>完成率"] and axis.ticktext[3] == "体检率"
    assert "<b>" not in axis.ticktext[2] and "&lt;b&gt;" in axis.ticktext[2]


def test_training_domains_of_four_characters_stand_on_two_lines_under_their_heatmap():
    frame = pd.DataFrame(
        {
            "county": ["甲县", "甲县", "甲县"],
            "domain": ["乡村振兴", "法治", "<i>党的理论</i>"],
            "reach": [0.4, 0.3, 0.2],
        }
    )
    axis = charts.domain_heatmap(frame, "reach", "各领域覆盖", percent=True).layout.xaxis
    assert list(axis.tickvals) == list(charts.domain_heatmap(frame, "reach", "t", percent=True).data[0].x)
    assert list(axis.ticktext[:2]) == ["乡村<br>振兴", "法治"]
    assert "<i>" not in axis.ticktext[2] and "&lt;i&gt;" in axis.ticktext[2]


def test_the_rank_history_writes_its_periods_on_two_lines_every_other_one_past_four():
    history = pd.DataFrame(
        {"period": ["2025-Q4", "2025-Q4", "2026-Q1", "2026-Q1"], "unit": ["甲县", "乙县"] * 2, "rank": [1, 2, 2, 1]}
    )
    axis = charts.rank_bump(history, "甲县", "历次排名", "排名").layout.xaxis
    assert list(axis.tickvals) == ["2025-Q4", "2026-Q1"] and list(axis.ticktext) == ["2025<br>Q4", "2026<br>Q1"]
    yearly = history.assign(period=history["period"].str[:4].replace({"2025": "2024"}))
    assert list(charts.rank_bump(yearly, None, "t", "r").layout.xaxis.ticktext) == ["2024", "2026"]
    # past four periods every other one is labelled, the last always (a phone gives a period 22 px)
    quarters = [f"{y}-Q{q}" for y in (2024, 2025) for q in (1, 2, 3, 4)] + ["2026-Q1"]
    long = pd.DataFrame({"period": quarters, "unit": "甲县", "rank": 1})
    axis = charts.rank_bump(long, "甲县", "t", "r").layout.xaxis
    assert list(axis.tickvals) == quarters[::2] and axis.ticktext[-1] == "2026<br>Q1"


def test_the_contribution_waterfall_lies_down_with_room_for_its_figures():
    """Standing, a long indicator name was cut at a phone's edge and the figures shrank to 6 px (review)."""
    parts = pd.DataFrame({"label": ["农村居民人均可支配收入增速", "新开工项目数"], "contribution": [0.3, -0.1]})
    fig = charts.contribution_waterfall(parts, "变化", "之前", "之后", 0.5, 0.7)
    bars = fig.data[0]
    assert bars.orientation == "h" and bars.constraintext == "none" and fig.layout.yaxis.autorange == "reversed"
    assert list(fig.layout.yaxis.ticktext) == ["之前", "农村居民人均<br>可支配收入增速", "新开工项目数", "之后"]
    low, high = fig.layout.xaxis.range
    assert low < 0 and high >= 0.8 + 0.3 * 0.8  # the running total peaks at 0.8: room for "+0.300" beyond it
    below = charts.contribution_waterfall(parts, "变化", "之前", "之后", -0.9, -0.7).layout.xaxis.range
    assert below[0] <= -0.9 - 0.3 * 0.9 and below[1] > 0  # a composite under 0 prints its figures on the left


def test_in_the_room_the_waterfalls_rows_are_as_tall_as_their_two_line_names():
    """At the room's 20 px the two-line indicator names ran into each other (a fresh helper's finding at 1024 and
    1920 px, 2026-12-05): each row is as tall as its name at that size."""
    names = [
        "营商环境评价得分",
        "农村居民人均可支配收入增速",
        "高标准农田建设完成率",
        "重点项目投资完成额",
        "其他 4 项",
    ]
    parts = pd.DataFrame({"label": names, "contribution": [0.05, -0.044, 0.042, 0.039, -0.05]})
    desk = charts.contribution_waterfall(parts, "变化", "之前", "之后", 0.87, 1.5)
    room = charts.contribution_waterfall(parts, "变化", "之前", "之后", 0.87, 1.5, projector=True)
    lines = [name.count("<br>") + 1 for name in room.layout.yaxis.ticktext]
    assert sum(lines) > len(names) + 2  # some names take two lines
    # every row as tall as the tallest name (the axis gives each row the same height: sized by the sum of the
    # names' lines, two-line names stood against each other at 1024 px)
    rows = room.layout.height - room.layout.margin.t - charts.ROOM_AXIS
    assert rows / len(lines) >= 1.4 * charts.ROOM_TEXT * max(lines) + 8, (rows, lines)
    assert room.layout.height > 1.25 * desk.layout.height  # more than the room's general growth


def test_update_outside_plotly_batch_gives_the_figure_its_update_methods_give():
    # charts._update sets properties as Plotly's update_layout / update_xaxes do, without their batch of edits:
    # nested dicts onto existing values, a title given as text, a colour list, magic underscores, two x axes
    from plotly.subplots import make_subplots

    def figure():
        fig = make_subplots(rows=1, cols=2)
        fig.add_bar(x=["甲县", "乙县"], y=[1, 2], row=1, col=1)
        fig.add_scatter(x=[1, 2], y=[3, 4], row=1, col=2)
        fig.update_layout(title={"text": "旧", "font": {"size": 9}}, margin={"l": 3})
        return fig

    layout = {
        "title": {"text": "新<br>两行", "pad": {"t": 4}},
        "margin": {"r": 10, "b": 2},
        "colorway": ["#112233", "#445566"],
        "legend_orientation": "h",
        "height": 321,
    }
    axes = {"title": "轴", "gridcolor": "#eeeeee", "tickfont": {"color": "#333333"}, "autotickangles": [0, 90]}
    ours, plotly = figure(), figure()
    charts._update(ours.layout, **layout)
    charts._update(*ours.select_xaxes(), **axes)
    charts._update(*ours.select_yaxes(), range=[0, 5])
    plotly.update_layout(**layout)
    plotly.update_xaxes(**axes)
    plotly.update_yaxes(range=[0, 5])
    assert ours.to_plotly_json() == plotly.to_plotly_json()
    assert ours.layout.title.font.size == 9 and ours.layout.xaxis2.title.text == "轴"


def test_in_the_room_a_rank_axis_labels_rank_1_and_a_few_round_ranks():
    """At the room's 20 px, twelve ranks under half a 1024 px screen stood on end and ran into each other."""
    prefecture = charts.rank_intervals(_ranked(12), "排名及其区间", "名次", projector=True)
    assert list(prefecture.layout.xaxis.tickvals) == [1, 5, 10] and prefecture.layout.xaxis.dtick is None
    province = charts.rank_intervals(_ranked(100), "排名及其区间", "名次", projector=True)
    assert list(province.layout.xaxis.tickvals) == [1, 20, 40, 60, 80, 100]
    townships = charts.rank_intervals(_ranked(1200), "排名及其区间", "名次", projector=True)
    assert list(townships.layout.xaxis.tickvals) == [1, *range(200, 1201, 200)]
    few = charts.rank_intervals(_ranked(5), "排名及其区间", "名次", projector=True)
    assert few.layout.xaxis.dtick == 1  # five ranks fit one by one
    assert charts.rank_intervals(_ranked(12), "排名及其区间", "名次").layout.xaxis.dtick == 1  # the desk's as before


def test_in_the_room_names_of_four_characters_stand_on_two_lines_under_the_track_heatmap_and_the_tiers():
    frame = pd.DataFrame({"unit": ["甲县", "乙县"], "rank": [1, 2], "track_a": [1.0, -1.0], "track_b": [0.5, 0.2]})
    names = ["项目建设", "乡村振兴"]
    room = charts.track_heatmap(frame, ["a", "b"], "赛道得分", names, centre=0.0, projector=True)
    assert list(room.layout.xaxis.ticktext) == ["项目<br>建设", "乡村<br>振兴"]
    assert list(charts.track_heatmap(frame, ["a", "b"], "赛道得分", names, centre=0.0).layout.xaxis.ticktext) == names
    rates = pd.DataFrame({"tier": [1, 2, 3], "promotion_per_100": [2.2, 2.0, 1.4], "accountability_per_100": [0.4] * 3})
    labels = {"promotion_per_100": "每百人提拔", "accountability_per_100": "每百人问责"}
    tiers = {1: "第一方阵", 2: "第二方阵", 3: "第三方阵"}
    fig = charts.tier_rates(rates, labels, tiers, "t", "每百名干部", projector=True)
    assert list(fig.layout.xaxis.ticktext) == ["第一<br>方阵", "第二<br>方阵", "第三<br>方阵"]
    assert list(fig.layout.xaxis.tickvals) == list(fig.data[0].x)  # each name under its bars
    assert charts.tier_rates(rates, labels, tiers, "t", "每百名干部").layout.xaxis.ticktext is None


def test_in_the_room_the_radar_leaves_its_names_room_beside_the_circle():
    frame = pd.DataFrame(
        {"name": ["家访慰问完成率", "带薪休假落实率", "体检率"], "value": [90.0, 80.0, 95.0], "median": [85.0] * 3}
    )
    frame["target"] = None
    labels = {"median": "中位数", "target": "目标"}
    room = charts.welfare_radar(frame, "澄溪县", labels, "雷达", projector=True)
    widest = 4 * charts.ROOM_TEXT  # 家访慰问, the longest line, at the room's size
    assert room.layout.margin.l >= widest + 20 and room.layout.margin.r >= widest + 20
    assert charts.welfare_radar(frame, "澄溪县", labels, "雷达").layout.margin.l == 80


def test_the_pace_chart_gives_each_month_its_year_over_its_number():
    months = pd.date_range("2026-01-01", periods=9, freq="MS")
    cumulative = pd.DataFrame({"county": "", "month": months, "hours_per_cadre": range(9)})
    pace = pd.DataFrame({"month": months, "expected": range(9)})
    fig = charts.pace_lines(cumulative, pace, "", {"all": "全市", "pace": "目标进度"}, "t", "学时/人")
    assert fig.layout.xaxis.tickformat == "%Y<br>%m"  # "2026-03" on one line stood on end in half a screen


def test_in_the_room_the_rank_trend_labels_every_fourth_period_back_from_the_last():
    quarters = tuple(f"{y}-Q{q}" for y in (2025, 2026) for q in range(1, 5))
    room = charts.rank_bump(_history(12, quarters), "县003", "名次", "名次", projector=True)
    assert list(room.layout.xaxis.ticktext) == ["2025<br>Q4", "2026<br>Q4"]  # four ran together at 20 px
    desk = charts.rank_bump(_history(12, quarters), "县003", "名次", "名次")
    assert len(desk.layout.xaxis.ticktext) == 4


def test_in_the_room_the_radars_margins_reach_as_far_as_its_names_and_its_radius_has_three_ticks():
    names = [
        "带薪休假落实率",
        "年度体检完成率",
        "谈心谈话覆盖率",
        "家访慰问完成率",
        "住房困难解决率",
        "两地分居问题解决率",
    ]
    frame = pd.DataFrame({"name": names, "value": [90.0] * 6, "median": [85.0] * 6, "target": [None] * 6})
    room = charts.welfare_radar(frame, "澄溪县", {"median": "中位数", "target": "目标"}, "雷达", projector=True)
    # 带薪休假 at 0° and 家访慰问 at 180° reach out their whole width; 两地分居问题 (six characters) at 300° half of it
    assert room.layout.margin.l == room.layout.margin.r == 4 * charts.ROOM_TEXT + 24
    # at most three percents, none at the rim (100% touched the name beside the top at 1024 px)
    assert list(room.layout.polar.radialaxis.tickvals) == [80, 90]  # the centre is at 75 %
    assert charts._radar_ticks(0) == [25, 50, 75] and charts._radar_ticks(42) == [60, 80]
    # the legend under the names below the circle (it covered 问题解决率 at 240° at 1920 px), the chart as much taller
    desk = charts.welfare_radar(frame, "澄溪县", {"median": "中位数", "target": "目标"}, "雷达")
    two_lines_down = 2 * 1.3 * charts.ROOM_TEXT * math.sin(math.radians(60))  # 两地分居 / 问题解决率 at 300°
    assert room.layout.margin.b >= two_lines_down + 1.6 * charts.ROOM_TEXT
    assert room.layout.legend.yref == "container" and room.layout.legend.y == 0
    assert room.layout.height - desk.layout.height * 1.25 >= room.layout.margin.b - desk.layout.margin.b - 1


def test_the_care_trend_gives_each_half_year_two_lines_and_the_room_every_other_one():
    halves = [f"{y}-H{h}" for y in (2023, 2024, 2025, 2026) for h in (1, 2)][:7]
    history = pd.DataFrame(
        [(p, c, 80.0 + i) for i, p in enumerate(halves) for c in ("甲县", "乙县")],
        columns=["period", "county", "value"],
    )
    labels = {"median": "全市中位数", "target": "目标值"}
    desk = charts.indicator_trend(history, "甲县", 90.0, labels, "t", "%")
    assert list(desk.layout.xaxis.ticktext) == [f"{p[:4]}<br>{p[5:]}" for p in halves]
    room = charts.indicator_trend(history, "甲县", 90.0, labels, "t", "%", projector=True)
    assert list(room.layout.xaxis.tickvals) == halves[::-2][::-1]  # the last one always labelled


LONG_CARE_NAME = (
    "因公负伤干部及家属心理疏导与帮扶困难问题解决率"  # a county's own indicator (a fresh helper's, 2026-12-05)
)


def test_a_name_too_long_for_two_lines_leaves_the_radar_its_circle_and_the_legend_under_it():
    names = ["带薪休假落实率", "年度体检完成率", LONG_CARE_NAME, "谈心谈话覆盖率", "家访慰问完成率", "住房困难解决率"]
    names += ["两地分居问题解决率", "容错纠错申请办结率"]
    frame = pd.DataFrame({"name": names, "value": [90.0] * 8, "median": [85.0] * 8, "target": [None] * 8})
    labels = {"median": "中位数", "target": "目标"}
    room = charts.welfare_radar(frame, "澄溪县", labels, "雷达", projector=True)
    long = room.data[0].theta[2]
    assert long.replace("<br>", "") == LONG_CARE_NAME and long.count("<br>") == 3  # four lines, not two of twelve
    # its lines at most seven characters at 90°: beside the circle, at most a name of 带薪休假 at 0°; two lines of
    # twelve took 264 px each side, the circle 20 px in half a 1024 px screen
    assert room.layout.margin.l == room.layout.margin.r == 4 * charts.ROOM_TEXT + 24
    # at the desk too the legend is under the names below the circle (at 1440 px it covered 问题解决率 at 270°)
    desk = charts.welfare_radar(frame, "澄溪县", labels, "雷达")
    down = 2 * 1.3 * desk.layout.font.size  # 住房困难 / 解决率 straight down
    assert desk.layout.legend.yref == "container" and desk.layout.legend.y == 0
    assert desk.layout.margin.b >= down + 1.6 * desk.layout.font.size


def test_in_the_room_a_name_too_long_for_two_lines_stands_upright_on_more_under_the_traffic_lights():
    names = [
        "干部体检率",
        "带薪休假落实率",
        "谈心谈话覆盖率",
        LONG_CARE_NAME,
        "家访慰问率",
        "两地分居问题解决率",
        "住房困难解决率",
    ]
    frame = pd.DataFrame([["met"] * 7, ["below"] * 7], index=["甲县", "乙县"], columns=names)
    labels = {"met": "达标", "near": "接近", "below": "未达标"}
    room = charts.status_grid(frame, frame.replace({"met": 1.0, "below": 2.0}), labels, "t", projector=True)
    column = charts.ROOM_PLOT_WIDTH / 7
    lines = [line for name in room.layout.xaxis.ticktext for line in name.split("<br>")]
    # every line narrower than its column, so none stands on end (two lines of twelve did at 1024 px)
    assert max(charts._text_width(line, charts.ROOM_TEXT) for line in lines) < column
    most = max(name.count("<br>") + 1 for name in room.layout.xaxis.ticktext)
    assert most >= 5
    below_rows = room.layout.height - room.layout.margin.t - charts.ROOM_ROW * 2
    assert below_rows >= 1.4 * charts.ROOM_TEXT * most + charts.LEGEND_ROW


def test_in_the_room_each_grade_bar_is_as_thick_as_its_figure_and_a_title_leaves_no_character_alone():
    rows = [
        (f"县{i:02d}", g, 3.0 + i, "small" if i % 3 == 0 else "") for i in range(12) for g in ("excellent", "competent")
    ]
    frame = pd.DataFrame(rows, columns=["county", "grade", "per_100", "status"])
    args = (
        frame,
        {"excellent": "优秀", "competent": "称职"},
        "2026 各县区按等次的次年提拔率",
        "每百人",
        {"small": "人数<5"},
    )
    room = charts.grade_rates(*args, projector=True)
    plot = room.layout.height - room.layout.margin.t - room.layout.margin.b - charts.ROOM_AXIS
    bar = plot / 12 * (1 - room.layout.bargap) / 2  # a county's band, less its gap, shared by its two grades
    assert bar >= 1.3 * charts.ROOM_TEXT  # "人数<5" beside each of a county's two bars touched at a quarter band
    assert charts.grade_rates(*args).layout.bargap is None  # the desk keeps Plotly's own
    assert room.layout.title.text.split("<br>")[-1] == "提拔率"  # not "…次年提拔" over "率"


def test_eleven_long_names_stand_on_end_on_two_lines_in_the_room_and_at_the_desk_never_more():
    names = [
        LONG_CARE_NAME,
        "基层一线干部因公负伤及家属心理疏导与帮扶困难问题及时解决率",
        "Cadre Wellbeing Follow up Visit Completion Rate",
    ]
    names += [
        "干部体检率",
        "带薪休假落实率",
        "谈心谈话覆盖率",
        "家访慰问率",
        "两地分居问题解决率",
        "住房困难解决率",
        "容错纠错案例数",
        "人均90.0学时达标率",
    ]
    frame = pd.DataFrame([["met"] * 11, ["below"] * 11], index=["甲县", "乙县"], columns=names)
    labels = {"met": "达标", "near": "接近", "below": "未达标"}
    values = frame.replace({"met": 1.0, "below": 2.0})
    for fig in (
        charts.status_grid(frame, values, labels, "t", projector=True),
        charts.status_grid(frame, values, labels, "t"),
    ):
        shown = list(fig.layout.xaxis.ticktext)
        # two characters a line in the room broke every word (及家 / 属心 / 理疏 …); four lines a name, standing in a
        # narrow column at the desk, ran into the next
        assert max(name.count("<br>") + 1 for name in shown) == 2, shown
        assert all("90.0" in name.replace("<br>", "") and "90.<br>" not in name for name in shown[-1:])
    room = charts.status_grid(frame, values, labels, "t", projector=True)
    standing = charts._text_width(room.layout.xaxis.ticktext[1].split("<br>")[1], charts.ROOM_TEXT)
    assert room.layout.height >= room.layout.margin.t + charts.ROOM_ROW * 2 + standing + charts.LEGEND_ROW


def test_the_care_trend_draws_the_quiet_counties_in_one_trace_broken_between_counties():
    # one trace, not one per county (the browser's drawing of a hundred traces); a county's line never joins the next
    history = pd.DataFrame(
        [
            *[("2025-H1", "甲县", 80.0), ("2025-H2", "甲县", 82.0)],
            *[("2025-H1", "乙<b>县", 70.0), ("2025-H2", "乙<b>县", None)],
            *[("2025-H1", "丙县", 60.0), ("2025-H2", "丙县", 61.0)],
        ],
        columns=["period", "county", "value"],
    )
    fig = charts.indicator_trend(history, "甲县", None, {"median": "中位数", "target": "目标"}, "t", "%")
    quiet = [trace for trace in fig.data if trace.line.color == charts.QUIET]
    assert len(quiet) == 1 and quiet[0].connectgaps is False
    assert list(quiet[0].x) == ["2025-H1", "2025-H2", None, "2025-H1", "2025-H2", None]
    assert [None if v is None or v != v else v for v in quiet[0].y] == [70.0, None, None, 60.0, 61.0, None]
    assert list(quiet[0].text) == [
        "乙&lt;b&gt;县",
        "乙&lt;b&gt;县",
        None,
        "丙县",
        "丙县",
        None,
    ]  # escaped: docs/security.md


def _written(fig) -> list[str]:
    """Every text a figure writes itself: its traces' texts and hover texts, flattened."""

    def strings(values):
        for value in values if isinstance(values, (list, tuple)) else [values]:
            if isinstance(value, (list, tuple)):
                yield from strings(value)
            elif isinstance(value, str):
                yield value

    return [
        text for trace in fig.data for attr in ("text", "hovertext") if attr in trace for text in strings(trace[attr])
    ]


def test_a_chart_writes_a_negative_number_with_the_minus_sign_of_its_ticks():
    """Plotly's tick labels read −0.5 (U+2212), the bars' texts and hovers beside them -0.53 (a new user's report):
    every number the charts write themselves has Plotly's minus, and no hover leaves a number to a d3 format
    (%{x:.3f}), which writes the hyphen-minus."""
    ranked = pd.DataFrame(
        {"unit": ["甲县", "乙县", "丙县"], "rank": [1, 2, 3], "tier": [1, 2, 3], "composite": [0.81, -0.35, -1.27]}
    )
    ranked = ranked.assign(track_a=[0.5, -0.25, -1.5], track_b=[1.0, 0.0, -0.75], coverage=[0.9, 0.8, 0.7])
    tiers = {1: "第一方阵", 2: "第二方阵", 3: "第三方阵"}
    parts = pd.DataFrame({"label": ["指标甲", "指标乙"], "contribution": [0.125, -0.4]})
    bench = pd.DataFrame({"track": ["a", "b"], "score": [-0.42, 0.3], "median": [0.0, -0.1], "benchmark": [0.9, 0.8]})
    names = {"score": "本县", "median": "中位数", "benchmark": "标杆"}
    figures = {
        "composite_bars": charts.composite_bars(ranked.rename(columns={"unit": "county"}), "综合得分", "得分"),
        "tier_bars": charts.tier_bars(ranked, "综合得分", "得分", tiers),
        "track_heatmap": charts.track_heatmap(ranked, ["a", "b"], "赛道得分", ["甲", "乙"], centre=0.0),
        "contribution_waterfall": charts.contribution_waterfall(parts, "变化", "上期", "本期", -0.1, -0.375),
        "coverage_vs_composite": charts.coverage_vs_composite(ranked.rename(columns={"unit": "county"}), "t", "x", "y"),
        "benchmark_bars": charts.benchmark_bars(bench, names, "标杆", {"a": "甲", "b": "乙"}),
        "track_bars": charts.track_bars(
            ranked.set_index("unit").rename(columns={"track_a": "score", "rank": "track_rank"}), "赛道", "得分"
        ),
    }
    for name, fig in figures.items():
        written = _written(fig)
        assert any("\u2212" in text for text in written), (name, written)
        assert not [text for text in written if re.search(r"-\d", text)], (name, written)
        templates = [trace.hovertemplate for trace in fig.data if trace.hovertemplate]
        assert not [h for h in templates if re.search(r"%\{[^}]*:[^}]*\}", h)], (name, templates)


# ---- 能上能下's county chart and the care radar on a phone (tests/browser/test_charts_in_browser.py draws both)

TWELVE = synth.COUNTIES[:12]  # the sample prefecture's twelve counties, in its order
TOLERANCE_LABELS = {"accountability": "问责", "fault_tolerance": "容错免责"}


def tolerance_frame(units: list[str]) -> tuple[pd.DataFrame, dict[str, pd.Series]]:
    frame = pd.DataFrame(
        {
            "county": units,
            "accountability": [(3 * i) % 7 for i in range(len(units))],
            "fault_tolerance": [i % 3 for i in range(len(units))],
        }
    )
    marks = {
        "accountability": pd.Series(["不公开" if i % 4 == 1 else "" for i in range(len(units))]),
        "fault_tolerance": pd.Series(["<5" if i % 5 == 2 else "" for i in range(len(units))]),
    }
    return frame, marks


def test_the_county_tolerance_chart_lies_down_with_the_counties_named_down_the_side():
    """Upright, twelve counties' names stood on end under their bars at 390 px and the counts read sideways: the
    bars lie down, the names down the y axis (the first county at the top, 问责 the upper bar of each pair), and
    no text is turned."""
    frame, marks = tolerance_frame(TWELVE)
    fig = charts.tolerance_vs_accountability(frame, TOLERANCE_LABELS, "2026 年各县区问责与容错免责", marks)
    assert [t.orientation for t in fig.data] == ["h", "h"]
    assert [t.name for t in fig.data] == ["容错免责", "问责"]  # stacked upwards: 问责 on top of each pair
    assert fig.layout.legend.traceorder == "reversed"  # the legend reads 问责, 容错免责 as before
    for trace in fig.data:
        assert list(trace.y) == TWELVE and trace.textangle is None
    assert list(fig.layout.yaxis.categoryarray) == TWELVE[::-1]  # Plotly draws the last category at the top
    accountability = fig.data[1]
    assert list(accountability.x) == [
        0 if m else v for v, m in zip(frame["accountability"], marks["accountability"], strict=True)
    ]
    # a hidden count: an empty bar carrying its mark (escaped for Plotly)
    assert accountability.text[1] == "不公开" and fig.data[0].text[2] == "&lt;5"
    assert fig.layout.xaxis.range[1] >= 1.2 * frame["accountability"].max()  # room for the longest bar's count
    assert fig.layout.xaxis.dtick is None  # counts to 6: Plotly's own ticks
    few = charts.tolerance_vs_accountability(frame.assign(accountability=1, fault_tolerance=0), TOLERANCE_LABELS, "t")
    assert few.layout.xaxis.dtick == 1  # whole counts: no tick at 0.5
    legend = fig.layout.legend
    assert (legend.yref, legend.y, legend.yanchor) == ("container", 0, "bottom")
    # in the room (a projector's wide slide, never a phone) the pairs stay upright: lying at 20 px they ran past
    # the foot of a 1440 x 900 screen
    room = charts.tolerance_vs_accountability(frame, TOLERANCE_LABELS, "t", marks, projector=True)
    assert [t.orientation for t in room.data] == [None, None] and list(room.data[0].x) == TWELVE
    assert room.layout.height <= 900 - 200
    # the yearly chart beside it keeps its years along the bottom
    years = frame.head(4).assign(year=[2023, 2024, 2025, 2026]).drop(columns="county")
    yearly = charts.tolerance_by_year(years, TOLERANCE_LABELS, "全市历年问责与容错免责")
    assert [t.orientation for t in yearly.data] == [None, None] and list(yearly.data[0].x) == [
        "2023",
        "2024",
        "2025",
        "2026",
    ]


CARE_NAMES = [
    "带薪休假落实率",
    "年度体检完成率",
    "谈心谈话覆盖率",
    "家访慰问完成率",
    "住房困难解决率",
    "两地分居问题解决率",
]


def radar_frame(count: int, low: float) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "name": CARE_NAMES[:count],
            "value": [low, *[93.0 - 2 * i for i in range(count - 1)]],
            "median": [low + 5, *[90.0 - 2 * i for i in range(count - 1)]],
            "target": [None] * count,
        }
    )


def test_the_radars_percents_are_at_most_three_inside_the_rim_on_a_radius_between_two_spokes():
    """Five percents ran into each other near the rim in a phone's circle and 100% touched the name beside the top;
    with four names the radius lay along the top name's spoke, under its lines and markers."""
    for count in (3, 4, 5, 6):
        for low in (0.0, 42.0, 62.0, 88.0):
            fig = charts.welfare_radar(
                radar_frame(count, low), "澄溪县", {"median": "中位数", "target": "目标"}, "雷达"
            )
            axis = fig.layout.polar.radialaxis
            centre = axis.range[0]
            assert list(axis.tickvals) == charts._radar_ticks(centre), (count, low)
            assert 1 <= len(axis.tickvals) <= 3 and all(centre < v < 100 for v in axis.tickvals), (count, low)
            assert list(axis.ticktext) == [f"{v}%" for v in axis.tickvals]
            spokes = [360 * i / count for i in range(count)]
            gap = min(abs((axis.angle - s + 180) % 360 - 180) for s in spokes)
            assert gap == 180 / count, (count, axis.angle)  # midway between two names' spokes
            assert axis.tickangle == axis.angle  # the figures read across
    assert [charts._between_spokes(n) for n in (3, 4, 5, 6, 8)] == [60, 45, 108, 90, 67.5]
