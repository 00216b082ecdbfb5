"""The briefing prints the view the rankings page shows (docs/decisions.md#the-briefing-prints-the-view): its
period, method, weights and tiers, published or live, saying how it ranked when not the official way, and its
在线查看 link opens exactly that view, pinned at the PDF's moment (a tester's finding: the PDF printed the catalog
default while its link opened 功效系数 or trial weights)."""

import io
import re
import unicodedata

import pypdf
import pytest

from incentive.publication import freeze
from incentive.race import rankings
from incentive.sharing import briefing, permalinks
from incentive.store.database import Database

TRIAL = "项目建设=70,乡村振兴=10,为企服务=10,基层治理=10"
TRIAL_WEIGHTS = (("项目建设", 70.0), ("乡村振兴", 10.0), ("为企服务", 10.0), ("基层治理", 10.0))


def pdf_text(data: bytes) -> str:
    text = "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)
    return unicodedata.normalize("NFKC", text)  # Chromium maps some glyphs to Kangxi radicals


def printed_ranks(text: str, counties) -> dict[str, int]:
    """Each county's rank as the race page's table prints it: a row `rank interval robust county composite …`. A
    character of a name may come out as its CJK radical (青 as ⻘, U+2EC4), which NFKC leaves alone."""
    found = {}
    for county in counties:
        name = "".join(f"[{char}\u2e80-\u2eff]" for char in county)
        row = re.search(rf"^(\d+) \S+ \S+ {name} -?\d", text, re.MULTILINE)
        assert row, (county, text)
        found[county] = int(row.group(1))
    return found


def briefing_of_page(app_factory, db_path, query: dict[str, str]):
    """The rankings page opened on `query`, its 生成简报 pressed: (the PDF's text, the link it prints, loaded)."""
    if briefing.chromium_path() is None:
        pytest.skip("no Chromium: bash scripts/install-chromium.sh")
    at = app_factory(db_path, page="views/rankings.py", query=query)
    at.button(key="briefing_page").click().run()
    assert not at.exception and not at.error
    _, _, pdf = at.session_state["_briefing"]
    text = pdf_text(pdf)
    printed = re.search(rf"/rankings\?v=([{permalinks.ALPHABET}]{{{permalinks.KEY_LENGTH}}})", text)
    assert printed, text
    db = Database(db_path)
    link = permalinks.load(db, printed.group(1))
    db.close()
    return text, link


@pytest.mark.browser  # prints with Chromium, like tests/test_briefing.py
@pytest.mark.slow  # AppTest and Chromium
def test_a_briefing_of_another_method_ranks_by_it_and_its_link_opens_it(app_factory, sample_db_path):
    view = {"year": "2026", "rank.period": "2026-Q2", "rank.method": "minmax"}
    text, link = briefing_of_page(app_factory, sample_db_path, view)
    db = Database(sample_db_path)
    page = rankings.rank_period(db.connection, "2026-Q2", method="minmax").table["rank"]
    official = rankings.rank_period(db.connection, "2026-Q2").table["rank"]
    db.close()
    assert page.to_dict() != official.to_dict()  # the sample's 2026-Q2 tells the two apart (蒲陌县 and 青禾县)
    assert printed_ranks(text, page.index) == page.to_dict()
    assert "标准化方法:功效系数(0-100);权重:指标目录权重" in text  # NFKC makes the full-width marks ASCII
    assert "实时数据(试算)" in text and "综合得分与方阵(功效系数" in text  # the key chart's title names its method too
    # the link opens that very view, at the PDF's moment
    assert link.pinned_at is not None
    assert link.params["rank.method"] == "minmax" and link.params["rank.period"] == "2026-Q2"


@pytest.mark.browser
@pytest.mark.slow
def test_a_briefing_of_trial_weights_on_a_published_period_prints_the_trial_and_says_so(app_factory, sample_db_path):
    db = Database(sample_db_path)
    freeze.publish(db, "2026-Q3", "管理员", document_no="澜组〔2026〕9号", allow_incomplete=True)
    trial = rankings.rank_period(db.connection, "2026-Q3", weights=dict(TRIAL_WEIGHTS)).table["rank"]
    official = rankings.rank_period(db.connection, "2026-Q3").table["rank"]
    db.close()
    assert trial.to_dict() != official.to_dict()
    view = {"year": "2026", "rank.period": "2026-Q3", "rank.weights": TRIAL}
    text, link = briefing_of_page(app_factory, sample_db_path, view)
    assert printed_ranks(text, trial.index) == trial.to_dict()
    assert "权重:试算(项目建设 70%、乡村振兴 10%、为企服务 10%、基层治理 10%)" in text
    assert "实时数据(试算)" in text
    assert "正式发布" not in text  # 2026-H1's care figures, not published, are live too: nothing says official
    assert link.pinned_at is not None and link.params["rank.weights"] == TRIAL


@pytest.mark.slow  # a publication and two briefings gathered: 5 s on two cores
def test_the_live_trial_of_a_published_period_prints_live_figures(sample_db_path):
    """The page switched from a published period's ranking to the live one (`rank.view=live`, official settings):
    the briefing says 实时数据（试算）, not 正式发布, and carries no settings line (the settings are the catalog's)."""
    db = Database(sample_db_path)
    freeze.publish(db, "2026-Q3", "管理员", allow_incomplete=True)
    official = briefing.gather(db, 2026, "", "zh", "链接", race_period="2026-Q3")
    live = briefing.gather(db, 2026, "", "zh", "链接", race_period="2026-Q3", race_live=True)
    db.close()
    assert official.sections[1].paragraphs[1].startswith("正式发布")
    assert live.sections[1].paragraphs[1] == "实时数据（试算）" and not live.sections[1].data_note
    assert not any(line.startswith("标准化方法") for line in official.footer + live.footer)


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("zh", "页面所示澄溪县乡镇排名未收入本简报，本简报为县区综合排名"),
        (
            "en",
            "Not printed in this briefing: the page's ranking of 澄溪县's townships; it gives the counties' composite",
        ),
    ],
)
def test_a_briefing_from_the_township_view_says_the_townships_are_not_in_it(sample_db_path, lang, line):
    """From the township ranking the briefing prints the counties' composite: its data line and its race page say
    the page's townships were not printed (a tester's finding: nothing said so)."""
    db = Database(sample_db_path)
    made = briefing.gather(db, 2026, "", lang, "link", race_unprinted=briefing.UnprintedView(townships_of="澄溪县"))
    plain = briefing.gather(db, 2026, "", lang, "link")
    db.close()
    assert any(entry.startswith(line) for entry in made.footer)
    assert any(p.startswith(line) for p in made.sections[1].paragraphs)
    assert not any(line[:8] in entry for entry in plain.footer + plain.sections[1].paragraphs)


def briefing_captions(app_factory, db_path, query: dict[str, str]) -> list[str]:
    at = app_factory(db_path, page="views/rankings.py", query=query)
    return [caption.value for caption in at.sidebar.caption if caption.value.startswith("简报打印")]


@pytest.mark.slow  # AppTest of the rankings page, three times
def test_the_briefing_button_says_what_it_prints_on_the_township_and_track_views_only(app_factory, sample_db_path):
    """The tester's township view (the sidebar's county, 功效系数) and a one-track view say under 生成简报 what the
    PDF prints; the default view says nothing."""
    township = {"county": "澄溪县", "rank.level": "township", "rank.method": "minmax"}
    assert briefing_captions(app_factory, sample_db_path, township) == [
        "简报打印本期县区综合排名（按页面的标准化方法与权重），不含页面所示澄溪县乡镇排名。"
    ]
    assert briefing_captions(app_factory, sample_db_path, {"rank.track": "项目建设"}) == [
        "简报打印本期县区综合排名（按页面的标准化方法与权重），不含页面所示项目建设单项排名。"
    ]
    assert briefing_captions(app_factory, sample_db_path, {}) == []


@pytest.mark.browser
@pytest.mark.slow
def test_the_township_views_pdf_says_the_townships_are_not_printed(app_factory, sample_db_path):
    """The tester's view: the PDF prints the counties' composite by 功效系数 and says the townships are not in it;
    its link opens that composite view (no level)."""
    view = {"year": "2026", "county": "澄溪县", "rank.level": "township", "rank.method": "minmax"}
    text, link = briefing_of_page(app_factory, sample_db_path, view)
    said = re.findall(r"^[页\u2e80-\u2eff]面所示澄溪县乡镇排名未收入本简报,本简报为县区综合排名$", text, re.MULTILINE)
    assert len(said) == 2, text  # the first page's data line and the race page (页 may come out as its radical)
    assert "rank.level" not in link.params and link.params["rank.method"] == "minmax"
