"""Scenario 1 and 3: every page opens in Chromium without an exception box and draws its main chart; the language
switches to English and back. Screenshots of every page at desktop and phone width go to artifacts/screenshots/."""

import pytest
from playwright.sync_api import expect

from .browser_steps import (
    PLOTLY_SVG,
    clipped_texts,
    expect_no_exception,
    main,
    open_sidebar,
    open_view,
    save_screenshots,
    sidebar,
    sign_in,
    wait_idle,
)
from .conftest import ADMIN, ADMIN_PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def app_url(shared_app_url):
    """The test process's shared server (conftest.py, shared_app_url) rather than one of this module's own: its
    tests open every page, sign in and switch the language, and store nothing but their sign-ins in the audit log,
    which no test on that server reads."""
    return shared_app_url


# path, title in Chinese and English, whether the page draws a Plotly chart
PAGES = [
    ("", "干部激励看板", "Cadre Incentive Dashboard", True),
    ("rankings", "赛马排名", "Rankings", True),
    ("training", "培训覆盖", "Training", True),
    ("welfare", "关心关爱", "Welfare", True),
    ("movements", "能上能下", "Movements", True),
    ("data", "数据管理", "Data", False),
]
VIEWPORTS = {"desktop": {"width": 1440, "height": 900}, "phone": {"width": 390, "height": 844}}


# On a phone, the pages with charts are opened by test_meeting_in_browser.py's phone test (in a phone's own
# browser profile: touch, its user agent): it checks that each opens without an exception, with its title and its
# charts drawn, and their labels and mode bar; here the Data page alone, which has no chart (one page load less
# each: the suite's time on two cores).
OPENED = [("desktop", *page) for page in PAGES] + [("phone", *page) for page in PAGES if page[0] == "data"]


@pytest.mark.parametrize(
    "viewport, path, title_zh, title_en, has_chart", OPENED, ids=[f"{v}-{p or 'overview'}" for v, p, *_ in OPENED]
)
def test_page_opens_and_draws(page, app_url, screenshots, viewport, path, title_zh, title_en, has_chart):
    page.set_viewport_size(VIEWPORTS[viewport])
    if path == "data":  # administrators only; a reload would start a new, signed-out session
        open_view(page, f"{app_url}/")
        sign_in(page, ADMIN, ADMIN_PASSWORD)
        open_sidebar(page)
        sidebar(page).get_by_role("link", name="数据管理").click()
        wait_idle(page, after_action=True)
    else:
        open_view(page, f"{app_url}/{path}")
    expect(main(page).locator("h1").first).to_contain_text(title_zh)
    expect_no_exception(page)
    if has_chart:
        expect(main(page).locator(PLOTLY_SVG).first).to_be_visible()
    save_screenshots(page, screenshots, f"{path or 'overview'}-{viewport}")


def test_language_switches_to_english_and_back(page, app_url):
    open_view(page, f"{app_url}/")
    nav = sidebar(page).locator("[data-testid=stSidebarNav]")
    expect(nav).to_contain_text("赛马排名")

    sidebar(page).get_by_role("radio", name="English").click()
    wait_idle(page, after_action=True)
    expect(main(page).locator("h1").first).to_contain_text("Cadre Incentive Dashboard")
    expect(nav).to_contain_text("Rankings")
    expect(page).to_have_url(f"{app_url}/?lang=English")
    expect_no_exception(page)

    nav.get_by_role("link", name="Rankings").click()  # the language survives a change of page
    wait_idle(page, after_action=True)
    expect(main(page).locator("h1").first).to_have_text("Rankings")
    # English words are longer: "Counties | Townships" was cut to "Counties | Town" in a column sized for 县区 | 乡镇
    groups = "[data-testid=stMain] [data-testid=stButtonGroup]"
    cut = clipped_texts(page, f"{groups}, {groups} *")
    assert not cut, cut

    sidebar(page).get_by_role("radio", name="中文").click()
    wait_idle(page, after_action=True)
    expect(main(page).locator("h1").first).to_have_text("赛马排名")
    expect(nav).to_contain_text("概览")
    expect_no_exception(page)


def test_controls_and_headline_figures_fit_a_1024_pixel_screen(page, app_url):
    """A laptop or projector at 1024 px with the sidebar open leaves the page about 640 px: a row of seven controls
    wraps rather than shrinking a period to "20", a headline figure is set smaller rather than broken over two lines
    and its label or its change wraps rather than losing its end to "…" (ui/chrome.py, NARROW_SCREEN_RULES), the download buttons show their whole labels
    (ui/downloads.py), and two charts side by side go one below the other rather than each shrinking to a third of
    the page (rank ticks on end, legends and track names cut, a radar the size of a stamp)."""
    page.set_viewport_size({"width": 1024, "height": 768})
    for path in (
        "?lang=English",
        "rankings?level=township&lang=English",
        "training",
        "training?lang=English",
        "appraisals?lang=English",
        "welfare",
        "movements",
        # a page's further tabs (ui/section_tabs.py): the heatmap beside the rank over time, the quarters beside
        # the pace, the radar beside the indicator's trend
        "rankings?rank.tab=tracks&lang=English",
        "training?train.tab=trend",
        "welfare?care.tab=county",
    ):
        open_view(page, f"{app_url}/{path}")
        expect(main(page).locator(PLOTLY_SVG).first).to_be_visible()
        groups = "[data-testid=stMain] [data-testid=stButtonGroup]"
        figures = "[data-testid=stMain] [data-testid=stMetricValue]"
        labels = (
            "[data-testid=stMain] :is([data-testid=stMetricLabel], [data-testid=stMetricDelta]) *, "
            "[data-testid=stMain] [data-testid=stMetricDeltaDescription] *"
        )
        buttons = "[data-testid=stMain] [data-testid=stDownloadButton] button *"
        cut = clipped_texts(page, f"{groups}, {groups} *, {figures}, {figures} *, {labels}, {buttons}")
        assert not cut, (path, cut)
        narrow = (
            main(page)
            .locator("[data-testid=stSelectbox]")
            .evaluate_all("els => els.filter(e => e.getBoundingClientRect().width < 120).map(e => e.textContent)")
        )
        assert not narrow, (path, narrow)
        right = page.locator("[data-testid=stMainBlockContainer]").evaluate(
            "e => e.getBoundingClientRect().right - parseFloat(getComputedStyle(e).paddingRight)"
        )
        beyond = page.locator(f"{figures} *").evaluate_all(
            f"els => els.filter(e => e.getBoundingClientRect().right > {right} + 1).map(e => e.textContent)"
        )
        assert not beyond, (path, beyond)
        # each headline figure on one line: set smaller in a narrow column, not broken ("60.7" / "学时", "2026-" / "Q3")
        broken = page.locator(figures).evaluate_all(
            "els => els.filter(e => { const r = document.createRange(); r.selectNodeContents(e);"
            " const tops = [...r.getClientRects()].map(c => c.top), size = parseFloat(getComputedStyle(e).fontSize);"
            " return Math.max(...tops) - Math.min(...tops) > size / 2; }).map(e => e.textContent)"
        )
        assert not broken, (path, broken)
        thin = (
            main(page)
            .locator("[data-testid=stPlotlyChart]")
            .evaluate_all("els => els.map(e => Math.round(e.getBoundingClientRect().width)).filter(w => w < 300)")
        )
        assert not thin, (path, thin)
