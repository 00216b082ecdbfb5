"""The briefing PDF: printed by headless Chromium, valid, four pages, and saying the view's own figures."""

import io
import re
import unicodedata

import pypdf
import pytest

from incentive.race import rankings
from incentive.sharing import briefing

pytestmark = pytest.mark.browser  # needs Chromium, like the browser tests


@pytest.fixture(scope="module")
def sample(sample_db_file):
    from incentive.store.database import Database

    db = Database(sample_db_file)
    yield db
    db.close()


def pdf_text(data: bytes) -> tuple[int, str]:
    reader = pypdf.PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return len(reader.pages), unicodedata.normalize("NFKC", text)  # Chromium maps some glyphs to Kangxi radicals


def test_a_county_briefing_has_its_figures_pages_and_link(sample):
    if briefing.chromium_path() is None:
        pytest.skip("no Chromium: bash scripts/install-chromium.sh")
    content = briefing.gather(sample, 2026, "棠梨县", "zh", "http://dashboard.local/rankings?v=abc234")
    data = briefing.to_pdf(briefing.to_html(content))
    assert data.startswith(b"%PDF")
    pages, text = pdf_text(data)
    assert pages == 4  # headlines, race, training, care
    rank = rankings.rank_period(sample.connection, "2026-Q3").table.loc["棠梨县"]
    assert f"棠梨县 第 {rank['rank']} 名" in text
    interval = rankings.interval_text(rank["rank_low"], rank["rank_high"])  # as the page prints it
    assert re.search("排名区间 " + interval.replace("–", "[–‒-]"), text)  # the dash prints as ‒
    assert "棠梨县培训覆盖率" in text and "内部资料 注意保存" in text
    assert "http://dashboard.local/rankings?v=abc234" in text and "个有效批次" in text
    assert "住房困难解决率" in text  # the care summary sentences


def test_the_prefecture_briefing_in_english(sample):
    if briefing.chromium_path() is None:
        pytest.skip("no Chromium: bash scripts/install-chromium.sh")
    data = briefing.to_pdf(briefing.to_html(briefing.gather(sample, 2025, "", "en", "http://x.local/")))
    pages, text = pdf_text(data)
    assert pages == 4 and "All counties: cadre incentive briefing, 2025" in text
    leader = rankings.rank_period(sample.connection, "2025-Q4").ranked.index[0]
    assert f"Race 2025-Q4: {leader} leads 12 counties." in text


def test_without_chromium_the_briefing_is_refused_with_a_sentence(monkeypatch):
    monkeypatch.setenv("CHROMIUM", "/nonexistent/chromium")
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(briefing.BriefingUnavailable) as error:
        briefing.to_pdf("<html></html>")
    assert "scripts/install-chromium.sh" in error.value.text("zh")


def test_a_briefing_from_a_pinned_view_uses_the_pinned_data(sample):
    import datetime as dt

    content = briefing.gather(sample, 2026, "", "zh", "http://x.local/", as_of=dt.datetime(2000, 1, 1))
    assert "数据：截至 2000-01-01 00:00（固定版本）" in content.footer
    assert all(section.paragraphs == ["2026 暂无数据。"] for section in content.sections[1:])


def test_the_briefing_says_which_counties_have_not_reported_everything(sample):
    """The line the rankings and care pages show above the ranking and the grid (tracker.gaps_line)."""
    content = briefing.gather(sample, 2025, "", "zh", "http://x.local/")
    race, care = content.sections[1], content.sections[3]
    assert (
        "本期 4 个县区数据未报齐：枫岚县（缺 1 项）、杉浦县（缺 1 项）、棠梨县（缺 2 项）、岚桥区（缺 1 项）。"
        in race.paragraphs
    )
    assert not [p for p in care.paragraphs if "未报齐" in p]  # 2025-H2: every care figure in
