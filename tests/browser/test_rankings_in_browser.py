"""The rankings page in Chromium: every chart drawn, and a click on a bar opens that county's details."""

import pytest
from playwright.sync_api import expect

from .browser_steps import expect_no_exception, main, open_view, wait_idle

pytestmark = pytest.mark.browser


def focus_value(page) -> str:
    return main(page).get_by_role("combobox", name="选择县区").input_value()


def test_clicking_a_bar_opens_that_county(page, app_url):
    open_view(page, f"{app_url}/rankings")
    charts = main(page).locator(".js-plotly-plot")
    expect(charts).to_have_count(5)  # tiers, intervals, heatmap, rank over time, waterfall
    for i in range(5):
        expect(charts.nth(i).locator("svg.main-svg").first).to_be_visible()
    leader = focus_value(page)

    third_tier = charts.first.locator("g.trace.bars").nth(2).locator("path")
    expect(third_tier.first).to_be_visible()
    bar = third_tier.first.bounding_box()  # Plotly's drag layer sits on top: click where the user sees the bar
    page.mouse.click(bar["x"] + bar["width"] / 2, bar["y"] + bar["height"] / 2)
    wait_idle(page, after_action=True)
    expect(main(page).get_by_role("combobox", name="选择县区")).not_to_have_value(leader)
    chosen = focus_value(page)
    table_row = main(page).locator("[data-testid=stDataFrame]").first
    expect(table_row).to_contain_text(chosen)
    expect(main(page)).to_contain_text(f"{chosen} 2026-Q3 各项指标")
    expect(main(page)).to_contain_text(f"{chosen}为何排名变化")
    expect_no_exception(page)
