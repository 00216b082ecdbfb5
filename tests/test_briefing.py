"""The briefing PDF: printed by headless Chromium, valid, four pages, and saying the view's own figures."""

import datetime as dt
import io
import re
import unicodedata

import numpy as np
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
    assert pages == 5  # headlines, race, training, care, and the county page's tracks and personnel decisions
    rank = rankings.rank_period(sample.connection, "2026-Q3").table.loc["棠梨县"]
    assert f"棠梨县 第 {rank['rank']} 名" in text
    interval = rankings.interval_text(rank["rank_low"], rank["rank_high"])  # as the page prints it
    assert re.search("排名区间 " + interval.replace("–", "[–‒-]"), text)  # the dash prints as ‒
    # 棠梨县 has not sent 2026-Q3's training: no coverage of its own, and why (as on 培训覆盖 and 一县一档)
    assert content.sections[2].paragraphs[0].startswith("棠梨县2026年1—9月培训数据未报齐")
    assert "培训覆盖率\n未报" in text and "内部资料 注意保存" in text  # 齐 extracts as a radical (⻬)
    assert "http://dashboard.local/rankings?v=abc234" in text and "个有效批次" in text
    assert "住房困难解决率" in text  # the care summary sentences
    # as 一县一档 shows them: tracks against the median and the 标杆, decisions suppressed as on 能上能下
    last = content.sections[-1]
    assert last.title == "赛道对标与干部选任" and [list(table.columns)[:3] for table in last.tables] == [
        ["赛道", "棠梨县", "全市中位数"],
        ["事项", "本年", "上年"],
    ]
    assert "赛道对标与干部选任" in text and "标杆" in text


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
    assert "数据：0 个有效批次（最新为批次 #0），更新于 —（固定版本：截至 2000-01-01 00:00）" in content.footer
    assert all(section.paragraphs == ["2026 暂无数据。"] for section in content.sections[1:])


def test_the_briefing_says_which_counties_have_not_reported_everything(sample):
    """The line the rankings and care pages show above the ranking and the grid (tracker.gaps_line)."""
    content = briefing.gather(sample, 2025, "", "zh", "http://x.local/")
    race, care = content.sections[1], content.sections[3]
    assert (
        "本期 4 个县区数据未报齐：枫岚县（乡镇缺 1 项）、杉浦县（乡镇缺 1 项）、棠梨县（乡镇缺 2 项）、岚桥区（乡镇缺 1 项）。"
        in race.paragraphs
    )
    assert not [p for p in care.paragraphs if "未报齐" in p]  # 2025-H2: every care figure in


def test_headline_figures_of_a_partly_reported_period_say_how_many_counties_have_sent(sample_new_county_path):
    """As on the overview (docs/decisions.md#reported-counts): 2026-Q4 and 2026-H2, which 云岫县 alone has sent, lead
    the first page with （1/12 个县区已报） after their labels; a complete period's labels carry nothing."""
    from incentive.store.database import Database

    db = Database(sample_new_county_path)
    try:
        partial = briefing.gather(db, 2026, "", "zh", "http://x.local/", race_period="2026-Q4", care_period="2026-H2")
        complete = briefing.gather(db, 2026, "", "zh", "http://x.local/", race_period="2026-Q3", care_period="2026-H1")
    finally:
        db.close()
    labels = [h.label for h in partial.headlines]
    assert "综合第一（1/12 个县区已报）" in labels and "指标达标率（1/12 个县区已报）" in labels, labels
    assert not [h.label for h in complete.headlines if "已报" in h.label]


def test_a_small_count_of_people_reads_less_than_five_in_the_briefing(catalog_db):
    """Sentences and the traffic lights' printed figures: a count of people from 1 to 4 is `<5`, as in the warning
    list and the 通报 (docs/decisions.md#small-numbers-in-warnings)."""
    from conftest import HALF_YEAR_CARE, import_ok
    from test_bulletin import COUNTIES, people_counted

    import_ok(catalog_db, "care.csv", HALF_YEAR_CARE.encode())
    people_counted(catalog_db)
    content = briefing.gather(catalog_db, 2025, "", "zh", "http://x.local/", care_period="2025-H1")
    care = content.sections[3]
    assert "1 个县区困难干部帮扶人数未达标，最低为澄溪县 <5（目标 10 人）。" in care.paragraphs
    assert not [p for p in care.paragraphs if "3 人" in p]
    (grid,) = care.figures
    heatmap = grid.data[0]
    column = list(heatmap.x).index("困难干部帮扶人数")
    cells = dict(zip(heatmap.y, [row[column] for row in heatmap.text], strict=True))
    assert cells == {c: "&lt;5" if c == "澄溪县" else "12" for c in COUNTIES}  # plotly text is HTML: escaped


# ---- the layout: the first page, every page's render, no overlapping words


def render_pages(data: bytes, folder) -> list:
    """Each page of the PDF as a PNG at 100 % (96 px per inch, as a PDF viewer shows it), written to `folder`
    (pytest's temporary folder: look at them there), read back as RGB arrays."""
    import subprocess

    from PIL import Image

    source = folder / "briefing.pdf"
    source.write_bytes(data)
    subprocess.run(["pdftoppm", "-r", "96", "-png", str(source), str(folder / "page")], check=True)
    return [np.asarray(Image.open(path).convert("RGB")) for path in sorted(folder.glob("page-*.png"))]


def word_boxes(data: bytes, folder) -> list[list[tuple[str, float, float, float, float]]]:
    """Per page, every word pdftotext finds with its box (x0, y0, x1, y1 in points), the charts' labels too
    (Chromium prints the SVG text as text)."""
    import subprocess
    from xml.etree import ElementTree

    source = folder / "words.pdf"
    source.write_bytes(data)
    xhtml = subprocess.run(["pdftotext", "-bbox", str(source), "-"], capture_output=True, text=True, check=True).stdout
    root = ElementTree.fromstring(xhtml.replace('xmlns="http://www.w3.org/1999/xhtml"', ""))
    return [
        [(w.text or "", *(float(w.get(k)) for k in ("xMin", "yMin", "xMax", "yMax"))) for w in page.iter("word")]
        for page in root.iter("page")
    ]


def overlapping(words) -> list[tuple[str, str]]:
    """Pairs of words whose cores overlap by more than 2 pt both ways. A word's box is its font's full height
    (CJK fonts reach far above and below the glyphs, so boxes of lines set closely touch): the core is its middle
    half in height and 80 % in width, where two legible words never meet."""

    def core(word):
        text, x0, y0, x1, y1 = word
        dx, dy = 0.1 * (x1 - x0), 0.25 * (y1 - y0)
        return text, x0 + dx, y0 + dy, x1 - dx, y1 - dy

    cores = [core(w) for w in words]
    return [
        (a[0], b[0])
        for i, a in enumerate(cores)
        for b in cores[i + 1 :]
        if min(a[3], b[3]) - max(a[1], b[1]) > 2 and min(a[4], b[4]) - max(a[2], b[2]) > 2
    ]


def test_the_overlap_check_sees_words_drawn_over_each_other():
    assert overlapping([("甲县", 10, 10, 40, 25), ("乙县", 20, 12, 50, 27)]) == [("甲县", "乙县")]
    assert overlapping([("甲县", 10, 10, 40, 25), ("乙县", 10, 22, 40, 37)]) == []  # lines set closely
    assert overlapping([("89%", 10, 10, 40, 25), ("。", 39.5, 10, 50, 25)]) == []  # neighbours on a line


def printed(text: str) -> str:
    """A pattern for `text` as extracted from the PDF, spaces dropped: NFKC, and any CJK character may come out as
    a radical of the supplement block (⻢ for 马, ⻘ for 青), which NFKC does not map back."""
    text = re.sub(r"\s", "", unicodedata.normalize("NFKC", text))
    return "".join(f"(?:{re.escape(c)}|[\u2e80-\u2fdf])" if ord(c) > 0x2E80 else re.escape(c) for c in text)


def needs_poppler():
    import shutil

    if briefing.chromium_path() is None or shutil.which("pdftoppm") is None or shutil.which("pdftotext") is None:
        pytest.skip("no Chromium or poppler-utils: bash scripts/install-chromium.sh")


def share_of(image, colour: str, tolerance: int = 12) -> float:
    """The share of an image's pixels within `tolerance` (per channel) of `colour`."""
    from incentive import palette

    return float((np.abs(image.astype(int) - np.array(palette.rgb(colour))).max(axis=2) <= tolerance).mean())


@pytest.mark.parametrize(("county", "lang"), [("", "zh"), ("棠梨县", "en")])
def test_page_one_holds_the_headline_figures_the_sentences_and_the_key_chart(sample, tmp_path, county, lang):
    from incentive import palette
    from incentive.care import welfare
    from incentive.i18n import t
    from incentive.publication import official
    from incentive.store import settings
    from incentive.training import coverage

    needs_poppler()
    content = briefing.gather(sample, 2026, county, lang, "http://x.local/")
    data = briefing.to_pdf(briefing.to_html(content))
    first = unicodedata.normalize("NFKC", pypdf.PdfReader(io.BytesIO(data)).pages[0].extract_text())

    ranked = rankings.rank_period(sample.connection, "2026-Q3")
    config = settings.current(sample)
    # the window 培训覆盖 measures: 2026 without the counties that have not sent all of it (the sample's 棠梨县)
    window = coverage.reported(sample.connection, coverage.year_window(2026), config, dt.date.today())
    figures = coverage.county_figures(sample.connection, window, int(config["suppression_threshold"]), dt.date.today())
    care = official.welfare_in_force(sample.connection, welfare.default_period(sample.connection, 2026))[1].table
    if county:
        race = t("brief_kpi_rank_value", lang, rank=ranked.table.at[county, "rank"], n=len(ranked.ranked))
        assert county in window.without
        trained = t("training_not_in_short", lang)
        met, judged, _ = welfare.county_counts(care, county)
    else:
        race = ranked.ranked.index[0]
        trained = figures.whole["coverage"]
        met, judged = int((care["status"] == "met").sum()), int(care["status"].notna().sum())
    headlines = [race, trained if county else f"{trained:.1%}", f"{met / judged:.0%}"]
    assert [h.value for h in content.headlines] == headlines
    for value in headlines:
        assert value in first
    bare = re.sub(r"\s", "", first)
    for sentence in content.sections[0].paragraphs:  # the 要点, on the first page
        assert re.search(printed(sentence[:16]), bare), sentence
    assert t("axis_composite", lang) in first and t("tier_1", lang) in first  # the key chart's axis and legend

    pages = render_pages(data, tmp_path)
    assert len(pages) == (5 if county else 4)
    page = pages[0]
    assert share_of(page, palette.TIERS[1]) > 0.01  # the chart drew its bars (first-tier blue)
    inked = (page.min(axis=2) < 200).any(axis=1)  # rows with anything on them
    rows = np.flatnonzero(inked)
    assert (rows[-1] - rows[0]) / page.shape[0] > 0.75  # the page is used, top to bottom, not a quarter of it
    if county:
        assert share_of(page, palette.EMPHASIS["focus"], tolerance=20) > 0  # the county's bar outlined


@pytest.mark.parametrize(("county", "lang"), [("", "zh"), ("", "en"), ("棠梨县", "zh"), ("棠梨县", "en")])
def test_no_words_overlap_on_any_page(sample, tmp_path, county, lang):
    needs_poppler()
    data = briefing.to_pdf(briefing.to_html(briefing.gather(sample, 2026, county, lang, "http://x.local/")))
    pages = word_boxes(data, tmp_path)
    assert len(pages) == (5 if county else 4) and all(len(words) > 20 for words in pages)
    assert [overlapping(words) for words in pages] == [[]] * len(pages)


def test_the_training_chart_draws_the_coverage_target(sample):
    from incentive.store import settings

    target = settings.current(sample)["coverage_target"] / 100
    training = briefing.gather(sample, 2026, "", "zh", "http://x.local/").sections[2]
    chart = training.figures[0]
    lines = [shape for shape in chart.layout.shapes if shape.y0 == shape.y1]
    assert [line.y0 for line in lines] == [target] and lines[0].line.dash == "dash"
    assert [a.text for a in chart.layout.annotations] == [f"目标 {target:.0%}"]


def test_a_county_briefing_of_the_first_year_sets_its_decisions_against_nothing(sample):
    """The sample's decisions begin in 2023: the briefing's county page, as 一县一档, shows no 上年 of 0 and no
    change against 2022, and says why (it read +10 against the empty year, as the page did)."""
    content = briefing.gather(sample, 2023, "澄溪县", "zh", "http://dashboard.local/county")
    last = content.sections[-1]
    decisions = next(table for table in last.tables if "上年" in table.columns)
    assert set(decisions["上年"]) == {"—"} and set(decisions["同比变化"]) == {"—"}
    assert any(p.endswith("没有2022的数据，不列同比。") for p in last.paragraphs)
    later = briefing.gather(sample, 2024, "澄溪县", "zh", "http://dashboard.local/county").sections[-1]
    assert "—" not in set(next(table for table in later.tables if "上年" in table.columns)["上年"])
