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
