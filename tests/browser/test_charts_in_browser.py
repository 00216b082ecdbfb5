"""The care traffic lights (incentive/charts.py, status_grid) drawn by Chromium as a phone shows them on the care
page and as the PDF briefing prints them: the indicator names clear the title and the legend. Above the grid they
ran into the title, which Plotly does not move out of their way."""

from __future__ import annotations

import pandas as pd
import plotly
import plotly.graph_objects as go
import pytest

from incentive import charts
from incentive.sharing import briefing

pytestmark = pytest.mark.browser

COUNTIES = ["云岫县", "澄溪县", "枫岚县", "青禾县", "柏川县", "鹤汀县", "苇塘县", "杉浦县", "棠梨县", "岚桥区"]
NAMES = ["带薪休假落实率", "年度体检完成率", "谈心谈话覆盖率", "家访慰问完成率", "两地分居问题解决率", "容错纠错案例数"]
STATUSES = ["met", "near", "below", ""]
LABELS = {"met": "达标", "near": "接近", "below": "未达标", "": "无目标值"}
PHONE_COLUMN = 358  # the main column of a 390 px wide phone


def grid_figure(names: list[str]) -> go.Figure:
    grid = pd_frame([[STATUSES[(i + j) % 4] for j in range(len(names))] for i in range(len(COUNTIES))], names)
    values = pd_frame([[80.5 + i + j for j in range(len(names))] for i in range(len(COUNTIES))], names)
    return charts.status_grid(grid, values, LABELS, "2026-H1 各县区关爱指标达标情况（红绿灯）")


def pd_frame(rows, names) -> pd.DataFrame:
    return pd.DataFrame(rows, index=COUNTIES, columns=names)


def on_phone(figure: go.Figure) -> str:
    figure = go.Figure(figure).update_layout(width=PHONE_COLUMN)
    return (
        "<html><head><meta charset='utf-8'><script>"
        + plotly.offline.get_plotlyjs()
        + "</script></head><body style='margin:0'>"
        + figure.to_html(full_html=False, include_plotlyjs=False, config={"staticPlot": True})
        + "</body></html>"
    )


def in_briefing(figure: go.Figure) -> str:
    section = briefing.Section("关心关爱", ["2026-H1 共 72 项目标值指标。"], [figure])
    return briefing.to_html(briefing.Briefing("干部激励简报", "干部激励看板", [], [section]))


def boxes(page, selector: str) -> list[tuple[float, float, float, float]]:
    return [
        tuple(box)
        for box in page.eval_on_selector_all(
            selector,
            "els => els.map(e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom] })",
        )
    ]


def overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize("where", [on_phone, in_briefing], ids=["phone", "briefing"])
@pytest.mark.parametrize("names", [NAMES, [*NAMES, "困难干部帮扶及慰问走访覆盖率（含离退休干部）", "Leave days taken"]])
def test_the_indicator_names_clear_the_title_and_the_legend(chromium, where, names):
    page = chromium.new_page(viewport={"width": 800, "height": 1200})
    try:
        page.set_content(where(grid_figure(names)))
        page.wait_for_selector(".xtick text")
        title, ticks, legend = boxes(page, ".gtitle"), boxes(page, ".xtick text"), boxes(page, ".legend")
        cells = boxes(page, ".heatmaplayer image")
    finally:
        page.close()
    assert len(title) == 1 and len(ticks) == len(names) and len(legend) == 1
    assert not [t for t in ticks if overlap(t, title[0]) or overlap(t, legend[0])]
    assert all(t[1] >= cells[0][3] for t in ticks)  # under the grid
    assert (cells[0][3] - cells[0][1]) / len(COUNTIES) >= 24  # the cells keep their height


DOMAINS = [
    "乡村振兴",
    "党的理论",
    "基层治理",
    "安全生产",
    "应急管理",
    "招商引资",
    "数字政府",
    "法治建设",
    "生态环保",
    "财政金融",
]


@pytest.mark.parametrize(("percent", "value"), [(True, 0.385), (False, 12.35)])
def test_on_a_phone_the_domain_figures_stand_apart_and_a_long_title_fits(chromium, percent, value):
    """A grid of 10 domains by 10 counties, as the training page draws it at 390 px: every cell's figure is drawn
    and no two run into each other; the title, too long for one line there, stays inside the chart."""
    frame = pd.DataFrame(
        [{"county": c, "domain": d, "reach": value + i / 1000} for i, c in enumerate(COUNTIES) for d in DOMAINS]
    )
    title = "2026 年各县区各领域覆盖干部比例（按县区与培训领域，全市口径）"
    page = chromium.new_page(viewport={"width": 390, "height": 1200})
    try:
        page.set_content(on_phone(charts.domain_heatmap(frame, "reach", title, percent)))
        page.wait_for_selector(".gtitle")
        texts = boxes(page, ".heatmaplayer text")
        title_boxes = boxes(page, ".gtitle")
    finally:
        page.close()
    assert len(texts) == len(COUNTIES) * len(DOMAINS)
    rows: dict[float, list] = {}
    for box in texts:
        rows.setdefault(round(box[1]), []).append(box)
    touching = [
        (a, b) for row in rows.values() for a, b in zip(sorted(row), sorted(row)[1:], strict=False) if a[2] > b[0] - 2
    ]
    assert not touching
    assert len(title_boxes) == 1 and title_boxes[0][2] <= PHONE_COLUMN


TOLERANCE_LABELS = {"accountability": "问责", "fault_tolerance": "容错免责"}
TWELVE = [*COUNTIES, "星渚县", "蒲陌县"]


def test_on_a_phone_the_county_tolerance_chart_names_its_counties_across_and_its_counts_stand_apart(chromium):
    """能上能下's 问责 and 容错免责 of twelve counties at 390 px: upright, the county names stood on end under their
    bars and the counts and marks (不公开) read sideways. Each name is read across (wider than tall) and no two
    names, counts or marks touch."""
    frame = pd.DataFrame(
        {
            "county": TWELVE,
            "accountability": [(3 * i) % 7 for i in range(12)],
            "fault_tolerance": [i % 3 for i in range(12)],
        }
    )
    marks = {
        "accountability": pd.Series(["不公开" if i % 4 == 1 else "" for i in range(12)]),
        "fault_tolerance": pd.Series(["<5" if i % 5 == 2 else "" for i in range(12)]),
    }
    fig = charts.tolerance_vs_accountability(frame, TOLERANCE_LABELS, "2026 年各县区问责与容错免责", marks)
    page = chromium.new_page(viewport={"width": 390, "height": 1200})
    try:
        page.set_content(on_phone(fig))
        page.wait_for_selector(".gtitle")
        names = boxes(page, ".ytick text")
        texts = boxes(page, ".bartext")
        title = boxes(page, ".gtitle")
    finally:
        page.close()
    assert len(names) == 12 and len(texts) == 24
    assert all(right - left > bottom - top for left, top, right, bottom in names), names  # read across
    shown = names + texts + title
    touching = [(a, b) for i, a in enumerate(shown) for b in shown[i + 1 :] if overlap(a, b)]
    assert not touching
    assert all(box[2] <= PHONE_COLUMN for box in shown)  # nothing past the chart's right edge


@pytest.mark.parametrize("count", [4, 5, 6])
@pytest.mark.parametrize("low", [5.0, 62.0])
def test_on_a_phone_the_radars_percents_stand_apart_and_clear_the_names(chromium, count, low):
    """The care radar at 390 px: its percents ran into each other near the rim and 100% touched the name beside the
    top (and, with four names, lay along the top name's spoke). No two percents touch, none touches a name."""
    names = NAMES[:count]
    frame = pd.DataFrame(
        {
            "name": names,
            "value": [low, *[93.0 - 2 * i for i in range(count - 1)]],
            "median": [low + 5, *[90.0 - 2 * i for i in range(count - 1)]],
            "target": [None] * count,
        }
    )
    fig = charts.welfare_radar(frame, "澄溪县", {"median": "全市中位数", "target": "目标值"}, "云岫县 与全市中位数")
    page = chromium.new_page(viewport={"width": 390, "height": 1200})
    try:
        page.set_content(on_phone(fig))
        page.wait_for_selector(".gtitle")
        percents = boxes(page, ".radial-axis .xtick text")
        labels = boxes(page, ".angular-axis .angularaxistick text")
    finally:
        page.close()
    assert 1 <= len(percents) <= 3 and len(labels) == count
    assert not [(a, b) for i, a in enumerate(percents) for b in percents[i + 1 :] if overlap(a, b)]
    assert not [(a, b) for a in percents for b in labels if overlap(a, b)]
