"""The 通报 (incentive/sharing/bulletin.py) on a hand-made half-year: four counties, two quarters of race scores
with known ranks, a roster of twenty cadres with their training, and care figures; read back from the .docx.

The race: three indicators, R01 (项目建设, half the weight) and R02, R03 (a quarter each). In 2025-Q1 every
indicator orders the counties 枫岚区 > 澄溪县 > 云峤县 > 云岫县, so their z-scores are ±1.342 and ±0.447 and the
ranks 1-4. In 2025-Q2 only R01 changes, to 100 / 300 / 400 / 0 (云岫县 云峤县 澄溪县 枫岚区): z = -0.632, 0.632,
1.265, -1.265, so the composites are 0.5 z(R01) + 0.5 z(Q1) = -0.987, 0.093, 0.856, 0.038: 澄溪县 1 (up 1),
云峤县 2 (up 1), 枫岚区 3 (down 2), 云岫县 4 (the third tier, as in Q1). R01 alone moved anyone: 澄溪县's part of
the composite changed by 0.5 × (1.265 - 0.447) = +0.41, 云峤县's by 0.5 × (0.632 + 0.447) = +0.54, 枫岚区's by
0.5 × (-1.265 - 1.342) = -1.30.

Training, January to June 2025 (the Q2 bulletin's window; every cadre is a 一级科员, 乡科级, whose target of 90 a
year asks 90 × 6 / 12 = 45 hours by the period's end): 云岫县 5 of 5
cadres trained, 60 hours each (political); 云峤县 4 of 5, 50 hours (political): 40 per cadre; 澄溪县 5 of 5, 60
hours (professional); 枫岚区 2 of 5, 20 hours (political): 8 per cadre. The prefecture: 16 of 20 trained (80.0 %),
840 / 20 = 42.0 hours; political coverage 11 / 20 = 55 %, professional 5 / 20 = 25 %. With the hours due: 云岫县 and
澄溪县 all five, 云峤县 four, 枫岚区 none: 14 / 20 = 70 %, short 45 (云峤县) + 2 × 25 + 3 × 45 (枫岚区) = 230 hours.

Care, 2025-H1 (tests/conftest.py HALF_YEAR_CARE): 年度体检完成率 (target 95) 澄溪县 80 below; 谈心谈话覆盖率 (target 100)
澄溪县 85 and 枫岚区 70 below; 云岫县 meets both.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import unicodedata

import docx
import pytest
from conftest import HALF_YEAR_CARE, import_ok, incentive_command
from docx.oxml.ns import qn
from docx.shared import Pt
from lxml import etree

from incentive import cli
from incentive.publication import freeze
from incentive.sharing import bulletin
from incentive.store import settings

COUNTIES = ("云岫县", "云峤县", "澄溪县", "枫岚区")
Q1 = {"R01": (100, 200, 300, 400), "R02": (3, 2, 1, 0), "R03": (90, 92, 94, 96)}
Q2 = {**Q1, "R01": (100, 300, 400, 0)}
TODAY = dt.date(2025, 7, 20)


def race_csv(period: str, values: dict) -> bytes:
    rows = [
        f"{period},{county},,{code},{value}"
        for code, figures in values.items()
        for county, value in zip(COUNTIES, figures, strict=True)
    ]
    return ("考核期,县区,乡镇,指标,数值\n" + "\n".join(rows) + "\n").encode()


ROSTER = "干部编号,姓名,县区,单位,职级,性别,出生年份,统计日期\n" + "".join(
    f"{prefix}{i},{prefix}{i}号,{county},县直机关,一级科员,男,1985,2025-06-30\n"
    for prefix, county in zip("YQCF", COUNTIES, strict=True)
    for i in range(1, 6)
)
# (cadre prefix, how many of the county's five, hours each, category, domain)
TRAINED = [
    ("Y", 5, 60, "政治能力", "党的理论"),
    ("Q", 4, 50, "政治能力", "党的理论"),
    ("C", 5, 60, "专业能力", "乡村振兴"),
]
TRAINED.append(("F", 2, 20, "政治能力", "党的理论"))
TRAINING = "干部编号,培训项目,培训类别,培训领域,培训方式,组织形式,学时,培训日期\n" + "".join(
    f"{prefix}{i},专题班,{category},{domain},线下,集体,{hours},2025-05-10\n"
    for prefix, n, hours, category, domain in TRAINED
    for i in range(1, n + 1)
)


@pytest.fixture
def made(catalog_db):
    """catalog_db (tests/conftest.py) with the two quarters, the roster, the training and the care figures."""
    import_ok(catalog_db, "q1.csv", race_csv("2025Q1", Q1))
    import_ok(catalog_db, "q2.csv", race_csv("2025Q2", Q2))
    import_ok(catalog_db, "roster.csv", ROSTER.encode())
    import_ok(catalog_db, "training.csv", TRAINING.encode())
    import_ok(catalog_db, "care.csv", HALF_YEAR_CARE.encode())
    return catalog_db


def docx_text(data: bytes) -> tuple[docx.document.Document, str]:
    document = docx.Document(io.BytesIO(data))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        lines += ["\t".join(cell.text for cell in row.cells) for row in table.rows]
    return document, "\n".join(lines)


def part(made_bulletin: bulletin.Bulletin, heading: str) -> list[str]:
    """The paragraphs of the part under `heading` (the care part's heading may name its half-year after it)."""
    return next(p.paragraphs for p in made_bulletin.parts if p.heading.split("（")[0] == heading)


def test_the_prefecture_bulletin_says_the_figures_of_the_period(made):
    data = bulletin.to_docx(bulletin.gather(made, "2025-Q2", "", "zh", today=TODAY))
    document, text = docx_text(data)
    assert "关于2025年第二季度全市干部激励考评情况的通报" in text
    assert "实时数据（试算）：本期排名尚未审定发布，本通报仅供参考。" in text
    assert "一、赛马考评排名情况" in text and "四、关心关爱落实情况" in text
    assert "2025年第二季度全市共4个县区参加赛马考评，澄溪县以综合得分0.856位居第一。" in text
    assert "进入第一方阵的是：澄溪县、云峤县（2个）。处于第三方阵的是：云岫县（1个）。" in text
    assert (
        "与2025年第一季度相比，2个县区名次上升。"
        "澄溪县由第2名升至第1名，上升1位，主要得益于招商引资额（+0.41）。"
        "云峤县由第3名升至第2名，上升1位，主要得益于招商引资额（+0.54）。"
    ) in text
    assert (
        "与2025年第一季度相比，1个县区名次下降。枫岚区由第1名降至第3名，下降2位，主要受招商引资额（-1.30）拖累。"
        in text
    )
    assert "连续处于第三方阵的县区1个：云岫县连续2期（自2025年第一季度起）。" in text
    assert (
        "2025年1—6月，全市干部培训覆盖率80.0%（全年目标90%），人均42.0学时；按职级学时目标，70.0%的干部达到截至期末"
        "应有的学时，合计尚差230学时。"
    ) in text
    # no county sent a 2025-Q1 training file: a quarter unsent by all leaves no county out, and is said once
    assert "达到进度的干部比例低于全市的县区1个：枫岚区0.0%。" in text
    assert "培训短板较明显的有：澄溪县政治能力覆盖率0.0%，低于全市55.0个百分点；" in text
    assert "尚无县区报送2025年第一季度的培训数据，各项数字只计已报的月份。" in text
    assert "关心关爱指标按半年考核，以下为2025年上半年情况。" in text
    assert "2 个县区谈心谈话覆盖率未达标，最低为枫岚区 70%（目标 100%）。" in text
    assert "（关心关爱数据为实时数据（试算）。）" in text  # the 附注
    assert "不公开" not in text  # every group has five cadres: nothing is small
    rows = [[cell.text for cell in row.cells] for row in document.tables[0].rows]
    assert "附件：2025年第二季度赛马考评排名表" in text and "2025-Q2" not in text  # the period in words
    assert rows[0] == ["排名", "排名区间", "县区", "综合得分", "方阵"]
    assert [row[2] for row in rows[1:]] == ["澄溪县", "云峤县", "枫岚区", "云岫县"]
    assert [row[0] for row in rows[1:]] == ["1", "2", "3", "4"]
    assert rows[1][3] == "0.856" and rows[4][3] == "-0.987"
    assert [row[4] for row in rows[1:]] == ["第一方阵", "第一方阵", "第二方阵", "第三方阵"]
    assert "内部资料 注意保存" in text and "（发文机关）" in text and "（文号）" in text and "2025年7月20日" in text


def test_the_bulletin_in_english(made):
    text = bulletin.gather(made, "2025-Q2", "", "en", today=TODAY).text()
    assert "Bulletin on the cadre incentive results of all counties, Q2 2025" in text
    assert "4 counties took part in the race of Q2 2025; 澄溪县 leads with a composite of 0.856." in text
    assert (
        "Against Q1 2025, 1 county moved down. 枫岚区 fell 2 places, from 1 to 3, mainly on 招商引资额 (-1.30)." in text
    )
    assert (
        "In the third tier several race periods running, 1 county: 云岫县, 2 periods running (since Q1 2025)." in text
    )
    assert (
        "2025-01 to 2025-06: 80.0% of cadres trained (target for the year 90%), 42.0 hours per cadre; against their "
        "training targets by rank, 70.0% of cadres have the hours due by the period's end, 230 hours short in all."
    ) in text
    assert "Live data (trial)" in text and "2025-07-20" in text
    data_names = [
        *COUNTIES,
        "招商引资额",
        "年度体检完成率",
        "谈心谈话覆盖率",
    ]
    assert "(issuing body)" in text and "(document number)" in text and "Internal: keep safe" in text
    for name in data_names:  # names from the data and the settings stay as written; every word around them is English
        text = text.replace(name, "")
    assert not [ch for ch in text if "\u4e00" <= ch <= "\u9fff"]


@pytest.mark.slow
def test_a_county_bulletin_speaks_of_that_county_with_the_prefecture_around_it(made):
    paper = bulletin.gather(made, "2025-Q2", "枫岚区", "zh", today=TODAY)
    assert paper.title == "关于2025年第二季度枫岚区干部激励考评情况的通报"
    assert paper.addressee == "枫岚区委组织部："
    race = part(paper, "赛马考评排名情况")
    assert race[0].startswith("2025年第二季度，枫岚区在全市4个县区中排名第3名（排名区间")
    assert race[0].endswith("综合得分0.038，处于第二方阵。")
    assert race[1] == "全市情况：进入第一方阵的是：澄溪县、云峤县（2个）。处于第三方阵的是：云岫县（1个）。"
    assert part(paper, "排名变化情况")[0] == (
        "与2025年第一季度相比，枫岚区由第1名降至第3名，下降2位，主要受招商引资额（-1.30）拖累。"
    )
    assert part(paper, "干部教育培训情况")[0] == (
        "2025年1—6月，枫岚区干部培训覆盖率40.0%，人均8.0学时；按职级学时目标，0.0%的干部达到截至期末应有的学时"
        "（全市分别为80.0%、42.0学时、70.0%）。"
    )
    care = part(paper, "关心关爱落实情况")
    assert "枫岚区2025年上半年可判定的2项指标中达标1项，未达标1项：谈心谈话覆盖率（70%，目标100%）。" in care
    assert "澄溪县" not in " ".join(care[1:2])  # the county's own sentence names no other county

    document = docx.Document(io.BytesIO(bulletin.to_docx(paper)))
    bold = [row.cells[2].text for row in document.tables[0].rows[1:] if row.cells[2].paragraphs[0].runs[0].bold]
    assert bold == ["枫岚区"]  # its own row stands out in the prefecture's table

    tail = bulletin.gather(made, "2025-Q2", "云岫县", "zh", today=TODAY)
    changes = part(tail, "排名变化情况")
    assert changes == [
        "与2025年第一季度相比，云岫县名次不变，仍为第4名。",
        "云岫县连续2期（自2025年第一季度起）处于第三方阵。",
    ]
    assert "云岫县2025年上半年可判定的2项指标中达标2项，无未达标指标。" in part(tail, "关心关爱落实情况")


@pytest.mark.slow
def test_a_sentence_is_there_only_when_its_figures_are(made):
    """Q1: no earlier ranking, so no climbers, sliders or third-tier-twice sentence; a quarter without care figures
    of its half-year says so; without any move, one sentence says nobody moved."""
    first = bulletin.gather(made, "2025-Q1", "", "zh", today=TODAY)
    assert part(first, "排名变化情况") == ["2025年第一季度无可比的上期排名。"]
    assert "上升" not in first.text() and "连续两期" not in first.text()

    import_ok(made, "q3.csv", race_csv("2025Q3", Q2))  # the same values again: nobody moves
    third = bulletin.gather(made, "2025-Q3", "", "zh", today=TODAY)
    changes = part(third, "排名变化情况")
    assert changes[0] == "与2025年第二季度相比，各县区名次均无变化。"
    assert not any("名次上升" in p or "名次下降" in p or "括号内" in p for p in changes)
    assert third.care_period == "2025-H1"  # the half-year over by the quarter's end (2025-H2 is not)
    assert part(third, "干部教育培训情况")[0].startswith("2025年1—9月，全市干部培训覆盖率80.0%")

    half = bulletin.gather(made, "2025-H1", "", "zh", today=TODAY)  # care figures, no race scores of that form
    assert part(half, "赛马考评排名情况") == [
        "2025年上半年不单独进行赛马考评排名；期内赛马考评排名见2025年第一季度、2025年第二季度通报。"
    ]
    assert [p.heading for p in half.parts] == ["赛马考评排名情况", "干部教育培训情况", "关心关爱落实情况"]
    assert (
        part(half, "关心关爱落实情况")[0] == "2025年上半年共 8 项县区指标可判定，达标 3 项（38%）。"
    )  # no "half-yearly" line


@pytest.mark.slow
def test_no_climbers_or_sliders_when_the_two_quarters_rank_different_counties(made):
    """枫岚区 sends nothing for 2025-Q3; the others send their 2025-Q2 values again, so 澄溪县, 云峤县 and 云岫县 keep
    their order and 云岫县 would read as having risen from 4th to 3rd, a place it owes to 枫岚区's absence. The part
    names no climber or slider and says why (docs/decisions.md#rank-moves-compare-the-same-units); 云岫县, third
    tier since Q1, is still named with its whole run."""
    rows = [
        f"2025Q3,{county},,{code},{value}"
        for code, figures in Q2.items()
        for county, value in zip(COUNTIES, figures, strict=True)
        if county != "枫岚区"
    ]
    import_ok(made, "q3.csv", ("考核期,县区,乡镇,指标,数值\n" + "\n".join(rows) + "\n").encode())
    paper = bulletin.gather(made, "2025-Q3", "", "zh", today=TODAY)
    assert part(paper, "排名变化情况") == [
        "2025年第三季度与2025年第二季度参与排名的县区不同（枫岚区2025年第三季度未参与排名），名次不可比，不列名次升降。",
        "连续处于第三方阵的县区1个：云岫县连续3期（自2025年第一季度起）。",
    ]
    assert "名次上升" not in paper.text() and "括号内" not in paper.text()
    county = bulletin.gather(made, "2025-Q3", "云岫县", "zh", today=TODAY)
    assert part(county, "排名变化情况") == [
        "2025年第三季度与2025年第二季度参与排名的县区不同（枫岚区2025年第三季度未参与排名），名次不可比，不列名次升降。",
        "云岫县连续3期（自2025年第一季度起）处于第三方阵。",
    ]
    english = bulletin.gather(made, "2025-Q3", "", "en", today=TODAY)
    assert part(english, "Changes against the previous period")[0] == (
        "No rank changes against Q2 2025: Q3 2025 and Q2 2025 rank different counties (枫岚区 not ranked in "
        "Q3 2025), so their ranks are not comparable."
    )


def test_a_county_that_never_sent_scores_stops_no_move_and_breaks_nothing(made):
    """新设县, added by a regions file, has no race scores in either quarter: both rank the same four counties, so
    the moves are given as before; its missing tier used to raise TypeError (boolean value of NA) in the
    third-tier-twice sentence, so the 通报 of any period could not be made."""
    import_ok(made, "regions2.csv", "县区,乡镇,区划代码\n新设县,,990099\n".encode())
    paper = bulletin.gather(made, "2025-Q2", "", "zh", today=TODAY)
    changes = part(paper, "排名变化情况")
    assert changes[0].startswith("与2025年第一季度相比，2个县区名次上升。澄溪县由第2名升至第1名")
    assert "连续处于第三方阵的县区1个：云岫县连续2期（自2025年第一季度起）。" in changes
    assert "新设县" in " ".join(part(paper, "赛马考评排名情况"))  # named unranked and in the incomplete-data line


@pytest.mark.slow
def test_a_quarter_reports_the_care_half_year_over_by_its_end(made):
    """One rule for every document (welfare.reported_half_year): 2025-Q3 reports 2025-H1 (2025-H2 is not over),
    named in its heading; 2025-Q1 reports 2024-H2, which has no figures (2025-H1 is not over by 31 March, even with
    its figures in); the briefing of the same race period reports the same half-year."""
    from incentive.sharing import briefing

    import_ok(made, "q3.csv", race_csv("2025Q3", Q2))
    third = bulletin.gather(made, "2025-Q3", "", "zh", today=TODAY)
    assert third.care_period == "2025-H1"
    assert "关心关爱落实情况（2025年上半年）" in [p.heading for p in third.parts]
    assert "2 个县区谈心谈话覆盖率未达标，最低为枫岚区 70%（目标 100%）。" in part(third, "关心关爱落实情况")
    first = bulletin.gather(made, "2025-Q1", "云岫县", "zh", today=TODAY)
    assert part(first, "关心关爱落实情况") == ["2024年下半年暂无关心关爱指标数据。"]
    second = bulletin.gather(made, "2025-Q2", "", "zh", today=TODAY)
    assert second.care_period == "2025-H1" and "关心关爱落实情况（2025年上半年）" in [p.heading for p in second.parts]
    for period, half in (("2025-Q3", "2025-H1"), ("2025-Q1", "2024-H2")):
        content = briefing.gather(made, 2025, "", "zh", "http://x.local/", race_period=period)
        assert content.sections[3].title == f"关心关爱（{half}）"


@pytest.mark.slow
def test_the_data_version_line_names_the_batches_also_for_a_moment(made):
    """The same line however the 通报 is made (docs/decisions.md#data-version-line): a moment after the last change
    (a delivery's) gives the live line; a moment before a later import gives the batches of then, pinned."""
    live = bulletin.gather(made, "2025-Q2", "", "zh", today=TODAY).notes[0]
    assert live.startswith(
        "数据：7 个有效批次（最新为批次 #7），更新于 "
    )  # regions, catalog and the five files of `made`
    moment = dt.datetime.now()
    assert bulletin.gather(made, "2025-Q2", "", "zh", as_of=moment, today=TODAY).notes[0] == live
    import_ok(made, "q3.csv", race_csv("2025Q3", Q2))
    then = bulletin.gather(made, "2025-Q2", "", "zh", as_of=moment, today=TODAY).notes[0]
    assert then == f"{live}（固定版本：截至 {moment:%Y-%m-%d %H:%M}）"
    assert (
        bulletin.gather(made, "2025-Q2", "", "zh", today=TODAY)
        .notes[0]
        .startswith("数据：8 个有效批次（最新为批次 #8）")
    )


@pytest.mark.slow
def test_the_training_part_says_which_counties_have_not_sent_their_files(made):
    """The tracker's training files of the window (January to the period's end): `made` has none for 2025-Q1;
    three counties send theirs, 枫岚区 does not, and the part says so under its figures, as the race part does."""
    first = "干部编号,培训项目,培训类别,培训领域,培训方式,组织形式,学时,培训日期\n" + "".join(
        f"{prefix}1,专题班,政治能力,党的理论,线下,集体,4,2025-02-10\n" for prefix in "YQC"
    )
    import_ok(made, "training-q1.csv", first.encode())
    paper = bulletin.gather(made, "2025-Q2", "", "zh", today=TODAY)
    assert part(paper, "干部教育培训情况")[-1] == (
        "1 个县区培训数据未报齐：枫岚区（2025年第一季度未报）。本区间的各项数字不含上述县区（同比亦然），"
        "以免未报部分读作未参训。"
    )
    own = bulletin.gather(made, "2025-Q2", "枫岚区", "zh", today=TODAY)
    assert part(own, "干部教育培训情况") == [
        "枫岚区2025年1—6月培训数据未报齐，未计算其覆盖率和学时。",
        part(paper, "干部教育培训情况")[-1],
    ]
    english = bulletin.gather(made, "2025-Q2", "", "en", today=TODAY)
    assert "Training data are incomplete in 1 county: 枫岚区 (Q1 2025 not sent)." in english.text()


@pytest.mark.slow
def test_a_third_tier_run_is_counted_as_the_warning_list_counts_it(made):
    """云岫县 is third in 2025-Q1, Q2 and Q3: three periods running, as alerts.rules.third_tier says, not 两期."""
    from incentive.alerts import rules

    import_ok(made, "q3.csv", race_csv("2025Q3", Q2))
    (alert,) = rules.third_tier(made.connection, "2025-Q3", 2)
    assert alert.county == "云岫县" and alert.data["running"] == 3
    whole = bulletin.gather(made, "2025-Q3", "", "zh", today=TODAY)
    assert "连续处于第三方阵的县区1个：云岫县连续3期（自2025年第一季度起）。" in part(whole, "排名变化情况")
    own = bulletin.gather(made, "2025-Q3", "云岫县", "zh", today=TODAY)
    assert "云岫县连续3期（自2025年第一季度起）处于第三方阵。" in part(own, "排名变化情况")
    assert "两期" not in whole.text() + own.text()
    assert whole.common.third_tier_runs == {"云岫县": ["2025-Q1", "2025-Q2", "2025-Q3"]}  # oldest first


@pytest.mark.slow
def test_the_county_bulletins_of_a_delivery_take_the_prefecture_s_common_part(made):
    """A delivery's county 通报 take the prefecture's third-tier runs and training figures (bulletin.Common), as
    pinned at the delivery's moment, and print what they would have worked out; a common part made for another
    period, moment or settings, or given to a bulletin of live data, is refused, not printed."""
    import_ok(made, "q3.csv", race_csv("2025Q3", Q2))
    moment = dt.datetime.now()
    whole = bulletin.gather(made, "2025-Q3", "", "zh", as_of=moment)
    own = bulletin.gather(made, "2025-Q3", "云岫县", "zh", as_of=moment)
    shared = bulletin.gather(made, "2025-Q3", "云岫县", "zh", as_of=moment, common=whole.common)
    assert shared.parts == own.parts and shared.table.equals(own.table) and "连续3期" in shared.text()
    runs_of_none = dataclasses.replace(whole.common, third_tier_runs={})
    alone = bulletin.gather(made, "2025-Q3", "云岫县", "zh", as_of=moment, common=runs_of_none)
    assert "连续3期" not in alone.text()  # what is given is what is printed
    for other in (
        {"period": "2025-Q2", "as_of": moment},
        {"period": "2025-Q3", "as_of": moment + dt.timedelta(days=1)},
    ):
        with pytest.raises(ValueError, match="common part"):
            bulletin.gather(made, county="云岫县", lang="zh", common=whole.common, **other)
    live = bulletin.gather(made, "2025-Q3", "", "zh", today=TODAY).common  # same basis; the data may change
    with pytest.raises(ValueError, match="common part"):
        bulletin.gather(made, "2025-Q3", "云岫县", "zh", today=TODAY, common=live)
    settings.save(made, "due_days_training", 20, "admin")  # changed between two documents: made again
    with pytest.raises(ValueError, match="common part"):
        bulletin.gather(made, "2025-Q3", "云岫县", "zh", as_of=moment, common=whole.common)


@pytest.mark.slow
def test_a_period_that_is_not_a_race_period_ranks_nobody(made):
    """A half-year or a year when the race is quarterly: no 附表, no sentence that calls any county unranked or
    short of data, for the prefecture or a county; one sentence names the race periods within it."""
    import_ok(made, "care-h2.csv", HALF_YEAR_CARE.replace("2025H1", "2025H2").encode())  # the year's care figures
    for county in ("", "云岫县"):
        for period, within in (
            ("2025-H1", "2025年第一季度、2025年第二季度"),
            ("2025", "2025年第一季度、2025年第二季度"),
        ):
            paper = bulletin.gather(made, period, county, "zh", today=TODAY)
            assert paper.table.empty and paper.table_title == ""
            assert paper.parts[0].heading == "赛马考评排名情况"
            assert part(paper, "赛马考评排名情况") == [
                f"{bulletin.period_words(period, 'zh')}不单独进行赛马考评排名；期内赛马考评排名见{within}通报。"
            ]
            assert "排名变化情况" not in [p.heading for p in paper.parts]
            _, text = docx_text(bulletin.to_docx(paper))
            assert "数据不全" not in text and "未参与排名" not in text and "附件" not in text and not paper.table.size


def test_an_unranked_county_is_short_of_a_whole_number_of_indicators(made):
    q3 = race_csv("2025Q3", Q1).decode().splitlines()
    q3 = [line for line in q3 if not line.startswith(("2025Q3,云岫县,,R02", "2025Q3,云岫县,,R03"))]
    import_ok(made, "q3.csv", ("\n".join(q3) + "\n").encode())  # 云岫县 without R02 and R03
    paper = bulletin.gather(made, "2025-Q3", "云岫县", "zh", today=TODAY)
    assert part(paper, "赛马考评排名情况")[0] == "2025年第三季度，云岫县因数据不全（缺2项）未参与排名。"
    assert paper.table.set_index("县区").at["云岫县", "方阵"] == "数据不全（缺 2 项）"


PEOPLE_CATALOG = "指标代码,指标名称,类别,赛道,单位,方向,权重,目标值\nW03,困难干部帮扶人数,关爱,,人,正向,1,10\n"


def people_counted(db, small_county: str = "澄溪县", small: int = 3) -> None:
    """A care indicator counted in people (W03, target 10 人): `small_county` helped `small`, the others 12."""
    import_ok(db, "w03.csv", PEOPLE_CATALOG.encode())
    rows = [f"2025H1,{c},,W03,{small if c == small_county else 12}" for c in COUNTIES]
    import_ok(db, "w03_h1.csv", ("考核期,县区,乡镇,指标,数值\n" + "\n".join(rows) + "\n").encode())


@pytest.mark.slow
def test_a_small_count_of_people_reads_less_than_five_as_in_the_warning_list(made):
    """The 通报 is sent out: 3 people against a target of 10 is `<5`, for the prefecture and the county, as the
    warning list states it (docs/decisions.md#small-numbers-in-warnings); 12 people are stated."""
    people_counted(made)
    whole = bulletin.gather(made, "2025-Q2", "", "zh", today=TODAY)
    care = " ".join(part(whole, "关心关爱落实情况"))
    assert "1 个县区困难干部帮扶人数未达标，最低为澄溪县 <5（目标 10 人）。" in care
    assert "3 人" not in whole.text() and "3人" not in whole.text()
    own = bulletin.gather(made, "2025-Q2", "澄溪县", "zh", today=TODAY)
    assert "困难干部帮扶人数（<5，目标10 人）" in " ".join(part(own, "关心关爱落实情况"))
    assert "3 人" not in own.text() and "3人" not in own.text()
    settings.save(made, "suppression_threshold", 3, "test")  # 3 is no longer small
    assert "最低为澄溪县 3 人（目标 10 人）" in " ".join(
        part(bulletin.gather(made, "2025-Q2", "", "zh", today=TODAY), "关心关爱落实情况")
    )


@pytest.mark.slow
def test_small_groups_are_withheld_as_on_the_training_page(made):
    """枫岚区 down to three cadres: it is small, and whatever else the pattern withholds with it (so that it cannot
    be worked out from the total) is named as withheld and given no figure anywhere in the training part."""
    fewer = "".join(line + "\n" for line in ROSTER.splitlines() if not line.startswith(("F4", "F5")))
    import_ok(made, "roster-june.csv", fewer.encode())  # the same as_of: replaces the snapshot
    training = part(bulletin.gather(made, "2025-Q2", "", "zh", today=TODAY), "干部教育培训情况")
    withheld = next(p for p in training if p.endswith("干部人数较少，培训数据不公开。"))
    hidden = withheld.removesuffix("干部人数较少，培训数据不公开。").split("、")
    assert "枫岚区" in hidden and len(hidden) >= 2  # one hidden county alone would be the total minus the others
    figures = [p for p in training if p != withheld and "培训数据未报齐" not in p]  # that line names no figure
    assert not any(county in p for p in figures for county in hidden)
    county = bulletin.gather(made, "2025-Q2", "枫岚区", "zh", today=TODAY)
    assert part(county, "干部教育培训情况")[0] == "枫岚区干部人数较少，培训数据不公开。"  # then the files not in
    settings.save(made, "suppression_threshold", 30, "test")  # the prefecture's eighteen are small too
    everything = bulletin.gather(made, "2025-Q2", "", "zh", today=TODAY)
    assert part(everything, "干部教育培训情况")[0] == "2025年1—6月干部培训数据涉及人数较少，不予公开。"


@pytest.mark.slow
def test_a_published_period_prints_its_published_ranking_and_says_so(made, tmp_path, capsys):
    freeze.publish(made, "2025-Q2", "管理员", document_no="澜组〔2025〕3号")
    freeze.publish(made, "2025-H1", "管理员")  # the care figures of the half-year
    import_ok(made, "fix.csv", race_csv("2025Q2", {"R01": (900, 300, 400, 0)}))  # 云岫县 would now be second
    paper = bulletin.gather(made, "2025-Q2", "", "zh", today=TODAY)
    assert paper.published
    assert paper.basis.startswith("本通报所列赛马排名为正式发布（") and "澜组〔2025〕3号" in paper.basis
    assert paper.table["县区"].tolist() == ["澄溪县", "云峤县", "枫岚区", "云岫县"]  # as published
    # 云岫县 4→2 and 云峤县 2→4 on current data (composites 0.101 and −0.378), each to the other's tier
    assert paper.changed == (
        "发布后数据有变动：按现有数据，2 个县区的名次或方阵会变化（云峤县、云岫县）；如需更新请重新发布。"
    )
    assert paper.care_changed == ""  # the care figures of the half-year did not change
    _, text = docx_text(bulletin.to_docx(paper))
    lines = text.splitlines()
    assert lines[lines.index("2025年7月20日") + 1].startswith(f"（{paper.basis}")  # the 附注 after the date
    assert paper.changed not in text and paper.changed not in paper.text()  # an instruction, not the document's
    # under the annex: its frozen basis (batch #7, the newest when published) before the live data's line (#8)
    annex, live_data = paper.notes[0], paper.notes[1]
    assert annex.startswith("附件排名为第1版正式发布结果，依据发布时的数据（最新为批次 #7，"), annex
    assert "批次 #8" in live_data, live_data
    out = tmp_path / "通报.docx"
    command = ["--db", made.path, "export", "bulletin", "--period", "2025Q2", "--published", "--out", str(out)]
    assert cli.main(command) == 0
    assert paper.changed in capsys.readouterr().err.splitlines()  # the command line says it too
    assert "关心关爱数据为正式发布（" in paper.remarks
    assert paper.document_no == "澜组〔2025〕3号"  # the published period's own 文号 in the head, not the setting's
    document = docx.Document(io.BytesIO(bulletin.to_docx(paper)))
    assert document.paragraphs[2].text == "澜组〔2025〕3号"
    given = bulletin.gather(made, "2025-Q2", "云岫县", "zh", today=TODAY, document_no="澜组〔2025〕4号")
    assert given.document_no == "澜组〔2025〕4号"
    assert bulletin.gather(made, "2025-Q2", "云岫县", "zh", today=TODAY, document_no="").document_no == ""
    with pytest.raises(bulletin.BulletinError) as bad:
        bulletin.gather(made, "2025-Q2", "", "zh", document_no="两行\n文号")
    assert "文号" in bad.value.text("zh") and "50" in bad.value.text("zh")
    live = bulletin.gather(made, "2025-Q1", "", "zh", today=TODAY)
    assert not live.published and live.basis.startswith("实时数据（试算）")


def test_the_head_comes_from_the_settings(made):
    settings.save(made, "bulletin_issuer", "中共澜州市委组织部", "test")
    settings.save(made, "bulletin_document_no", "澜组通〔2025〕　号", "test")
    _, text = docx_text(bulletin.to_docx(bulletin.gather(made, "2025-Q2", "", "zh", today=TODAY)))
    assert text.count("中共澜州市委组织部") == 2 and "澜组通〔2025〕　号" in text  # the head and the signature
    for bad in ("", "两行\n文字", "长" * 61):
        with pytest.raises(settings.SettingError):
            settings.save(made, "bulletin_issuer", bad, "test")


def test_refusals_name_what_is_wrong(made):
    with pytest.raises(bulletin.BulletinError) as unknown:
        bulletin.gather(made, "2025-Q2", "云雾县", "zh")
    assert "云雾县" in unknown.value.text("zh") and "澄溪县" in unknown.value.text("zh")
    with pytest.raises(bulletin.BulletinError) as empty:
        bulletin.gather(made, "2024-Q4", "", "en")
    assert empty.value.text("en") == (
        "2024-Q4 has neither race scores nor care figures of its own: no bulletin can be made. Data held: race "
        "2025-Q1, 2025-Q2; care 2025-H1."
    )


@pytest.mark.slow
def test_a_period_without_figures_of_its_own_is_refused(made, tmp_path, capsys):
    """A 通报 of P needs figures of P itself (docs/decisions.md#a-bulletin-needs-figures-of-its-period): 2025-Q3,
    after the data, would otherwise be a 通报 of a quarter nobody reported on carrying 2025-H1's care figures;
    2031-Q3 the same; a month within a race quarter has no ranking of its own; 2025-H2 has neither a race quarter
    nor care figures within it. Race quarters or care figures within a half-year or a year are its own."""
    for period in ("2025-Q3", "2031-Q3", "2025-05", "2025-H2", "2031"):
        with pytest.raises(bulletin.BulletinError) as refused:
            bulletin.gather(made, period, "", "zh", today=TODAY)
        assert refused.value.key == "bulletin_no_data", period
    assert refused.value.text("zh") == (
        "2031 本期既无赛马得分，也无期内的关心关爱数据，无法生成通报。已有数据：赛马 2025-Q1、2025-Q2；关爱 2025-H1。"
    )
    for period in ("2025-Q2", "2025-H1", "2025"):
        assert bulletin.gather(made, period, "", "zh", today=TODAY).period == period
    import_ok(made, "q3.csv", race_csv("2025Q3", Q2))  # now 2025-Q3 and the half-year holding it have figures
    assert bulletin.gather(made, "2025-Q3", "", "zh", today=TODAY).care_period == "2025-H1"
    assert bulletin.gather(made, "2025-H2", "", "zh", today=TODAY).care_period == "2025-H2"
    out = tmp_path / "通报.docx"
    assert cli.main(["--db", made.path, "export", "bulletin", "--period", "2031Q3", "--out", str(out)]) == 2
    assert "2031-Q3 本期既无赛马得分" in capsys.readouterr().err and not out.exists()


def _east_asian(run) -> str:
    return run._element.rPr.rFonts.get(qn("w:eastAsia"))


def test_the_document_has_the_format_of_an_official_document(made):
    paper = bulletin.gather(made, "2025-Q2", "", "zh", today=TODAY)
    document = docx.Document(io.BytesIO(bulletin.to_docx(paper)))
    section = document.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [round(m.mm, 1) for m in margins] == [37.0, 35.0, 28.0, 26.0]
    paragraphs = {p.text: p for p in document.paragraphs}
    title = paragraphs[paper.title]
    assert title.alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.CENTER
    assert title.runs[0].font.size == Pt(22) and _east_asian(title.runs[0]) == "方正小标宋简体"
    heading = paragraphs["一、赛马考评排名情况"]
    assert heading.runs[0].font.size == Pt(16) and _east_asian(heading.runs[0]) == "黑体"
    body = paragraphs[part(paper, "赛马考评排名情况")[0]]
    assert body.runs[0].font.size == Pt(16) and _east_asian(body.runs[0]) == "仿宋_GB2312"
    assert body.paragraph_format.first_line_indent == Pt(32)  # two characters
    assert paragraphs[paper.warning].runs[0].font.bold  # a trial is marked in bold red under the title
    font_table = next(r.target_part for r in document.part.rels.values() if r.reltype.endswith("/fontTable"))
    fonts = etree.fromstring(font_table.blob)
    alternatives = {
        font.get(qn("w:name")): font.find(qn("w:altName")).get(qn("w:val"))
        for font in fonts.iter(qn("w:font"))
        if font.find(qn("w:altName")) is not None
    }
    assert alternatives["仿宋_GB2312"] == "仿宋" and alternatives["仿宋"] == "Noto Serif CJK SC"
    assert alternatives["黑体"] == "Noto Sans CJK SC" and alternatives["方正小标宋简体"] == "宋体"
    footer = section.footer.paragraphs[0]._p
    assert [c.get(qn("w:fldCharType")) for c in footer.iter(qn("w:fldChar"))] == ["begin", "separate", "end"]
    assert [i.text for i in footer.iter(qn("w:instrText"))] == [" PAGE "]
    assert document.core_properties.title == paper.title


@pytest.mark.slow
def test_the_annex_is_named_under_the_body_and_starts_its_own_page(made):
    """GB/T 9704-2012: 附件：<name> two characters in under the body, before the signature; the annex starts a page
    with 附件 in 黑体 at its top left, then its title centred."""
    paper = bulletin.gather(made, "2025-Q2", "", "zh", today=TODAY)
    lines = [p for p in docx.Document(io.BytesIO(bulletin.to_docx(paper))).paragraphs]
    texts = [p.text for p in lines]
    note = texts.index("附件：2025年第二季度赛马考评排名表")
    assert texts[note + 1] == paper.issuer and note > texts.index(part(paper, "赛马考评排名情况")[0])
    assert lines[note].paragraph_format.first_line_indent == Pt(32)
    label = texts.index("附件")
    assert lines[label].paragraph_format.page_break_before and _east_asian(lines[label].runs[0]) == "黑体"
    assert texts[label + 1] == "2025年第二季度赛马考评排名表"
    assert lines[label + 1].alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.CENTER
    english = bulletin.gather(made, "2025-Q2", "", "en", today=TODAY)
    assert "Annex: Race ranking, Q2 2025" in english.text()


def test_a_minus_sign_stays_on_the_line_of_its_figure(made):
    """-0.28 in a sentence: Word may break a line after a plain hyphen, so the sign is a non-breaking hyphen, which
    reads back as "-"; hyphens between digits and letters (2025-Q2, 1-9) stay as typed."""
    paragraph = docx.Document().add_paragraph()
    bulletin._run(paragraph, "同比-0.28，排名 3-5，2025-Q2 与 -3", "仿宋_GB2312", Pt(16))
    run = paragraph.runs[0]._r
    assert len(run.findall(qn("w:noBreakHyphen"))) == 2
    assert paragraph.text == "同比-0.28，排名 3-5，2025-Q2 与 -3"


@pytest.mark.slow
def test_the_command_line_writes_the_bulletin(made, tmp_path):
    path = made.path
    made.close()
    out = tmp_path / "通报.docx"
    command = ["--db", path, "export", "bulletin", "--period", "2025Q2"]
    done = incentive_command(*command, "--county", "枫岚区", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert done.stdout == "" and "已写出通报" in done.stderr and "实时数据（试算）" in done.stderr
    _, text = docx_text(out.read_bytes())
    assert "关于2025年第二季度枫岚区干部激励考评情况的通报" in text and "枫岚区由第1名降至第3名" in text
    numbered = incentive_command(*command, "--document-no", "澜组〔2025〕7号", "--out", str(out))
    assert numbered.returncode == 0, numbered.stderr
    assert docx.Document(str(out)).paragraphs[2].text == "澜组〔2025〕7号"
    refused = incentive_command(*command, "--published", "--out", str(out))
    assert refused.returncode == 2 and "2025-Q2 尚未正式发布" in refused.stderr
    pdf = incentive_command(*command, "--out", str(tmp_path / "x.pdf"))
    assert pdf.returncode == 2 and "--out 应以 .docx 结尾" in pdf.stderr and not (tmp_path / "x.pdf").exists()
    no_out = incentive_command(*command)
    assert no_out.returncode == 2 and "--out" in no_out.stderr


def test_the_rankings_page_makes_the_bulletin_of_the_period_it_shows(app_factory):
    """The sidebar's 下载通报（Word） on the rankings page with a period chosen that is not the year's default: the
    document is of that period (the frame's default would be the year's latest complete quarter)."""
    at = app_factory(page="views/rankings.py")
    assert at.selectbox(key="rank_period").value == "2026-Q3"  # the sample year's default
    at.selectbox(key="rank_period").set_value("2026-Q1").run()
    assert "正式口径" in at.button(key="bulletin_page").help  # not the view's method, weights, tiers or compare
    at.button(key="bulletin_page").click().run()
    assert not at.exception and not at.error
    _, name, data = at.session_state["_bulletin"]
    assert name == "全市2026-Q1干部激励考评通报.docx"
    _, text = docx_text(data)
    assert "关于2026年第一季度全市干部激励考评情况的通报" in text and "附件：2026年第一季度赛马考评排名表" in text

    at.switch_page("views/overview.py").run()  # a page without periods of its own: the year's default
    at.button(key="bulletin_frame").click().run()
    _, name, data = at.session_state["_bulletin"]
    assert name == "全市2026-Q3干部激励考评通报.docx"


@pytest.mark.browser  # prints with Chromium, like tests/test_briefing.py
def test_the_rankings_page_prints_the_briefing_of_the_period_it_shows(app_factory):
    """The known defect: the briefing printed the year's default period while its link opened the chosen one."""
    import pypdf

    from incentive.sharing import briefing

    if briefing.chromium_path() is None:
        pytest.skip("no Chromium: bash scripts/install-chromium.sh")
    at = app_factory(page="views/rankings.py")
    at.selectbox(key="rank_period").set_value("2026-Q1").run()
    at.button(key="briefing_page").click().run()
    assert not at.exception and not at.error
    _, _, pdf = at.session_state["_briefing"]
    text = "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    text = unicodedata.normalize("NFKC", text)  # Chromium maps some glyphs to Kangxi radicals
    assert "2026-Q1 赛" in text and "2026-Q3 赛" not in text  # 马 prints as a radical (U+2EE2) NFKC keeps


# ---- the wording of an official document (issue 19 review; docs/decisions.md#bulletin-wording)


def lines_of(data: bytes) -> list[str]:
    """The body paragraphs of a .docx in order (the 附表's cells not included)."""
    return [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]


@pytest.mark.slow
def test_the_drift_sentence_is_not_printed_in_the_document_and_the_basis_is_the_remark(made, capsys, tmp_path):
    """GB/T 9704: 标题, 主送机关, 正文, 署名, 成文日期, 附注. What a published ranking is goes to the 附注 (after the date,
    in parentheses) with the care figures' basis said once; the drift sentence, an instruction to the administrator,
    stays on the command line's stderr and out of the document."""
    freeze.publish(made, "2025-Q2", "管理员", document_no="澜组〔2025〕3号")
    import_ok(made, "fix.csv", race_csv("2025Q2", {"R01": (900, 300, 400, 0)}))  # the published ranks drift
    paper = bulletin.gather(made, "2025-Q2", "", "zh", today=TODAY)
    assert paper.changed.startswith("发布后数据有变动") and paper.official and not paper.warning
    data = bulletin.to_docx(paper)
    lines = lines_of(data)
    text = "\n".join(lines)
    assert "发布后数据有变动" not in text and "重新发布" not in text and paper.changed not in paper.text()
    assert lines[lines.index(paper.title) + 1] == "各县（市、区）委组织部："  # nothing between title and 主送机关
    remark = lines[lines.index("2025年7月20日") + 1]
    assert remark == f"（{paper.basis}关心关爱数据为实时数据（试算）。）"
    assert paper.basis.startswith("本通报所列赛马排名为正式发布（") and "澜组〔2025〕3号" in paper.basis
    assert text.count("实时数据（试算）") == 1 and "以上关心关爱数据" not in text  # once, in the 附注
    out = tmp_path / "通报.docx"
    assert cli.main(["--db", made.path, "export", "bulletin", "--period", "2025Q2", "--out", str(out)]) == 0
    assert paper.changed in capsys.readouterr().err.splitlines()  # the command line still says it

    freeze.publish(made, "2025-H1", "管理员")
    import_ok(made, "care-fix2.csv", HALF_YEAR_CARE.replace(",80\n", ",99\n", 1).encode())
    both = bulletin.gather(made, "2025-Q2", "", "zh", today=TODAY)
    assert both.care_changed and both.care_changed not in "\n".join(lines_of(bulletin.to_docx(both)))
    assert "关心关爱数据为正式发布（" in both.remarks


@pytest.mark.slow
def test_a_trial_warns_under_the_title_and_its_care_basis_is_a_remark(made):
    paper = bulletin.gather(made, "2025-Q2", "", "zh", today=TODAY)
    document = docx.Document(io.BytesIO(bulletin.to_docx(paper)))
    lines = [p.text for p in document.paragraphs]
    warning = document.paragraphs[lines.index(paper.title) + 1]
    assert warning.text == "实时数据（试算）：本期排名尚未审定发布，本通报仅供参考。" == paper.warning
    assert warning.runs[0].font.bold and warning.runs[0].font.color.rgb == bulletin.RED  # seen first
    assert lines[lines.index("2025年7月20日") + 1] == "（关心关爱数据为实时数据（试算）。）"
    remark = document.paragraphs[lines.index("2025年7月20日") + 1]
    assert remark.paragraph_format.first_line_indent == Pt(32)  # 附注: two characters in, after the date
    assert "以上关心关爱数据" not in "\n".join(lines)
    english = bulletin.gather(made, "2025-Q2", "", "en", today=TODAY)
    assert english.remarks == "(The care figures: Live data (trial).)"


@pytest.mark.slow
def test_every_period_in_the_sentences_is_in_words(made):
    for period in ("2025-Q2", "2025-H1"):
        for lang in ("zh", "en"):
            paper = bulletin.gather(made, period, "", lang, today=TODAY)
            text = "\n".join(lines_of(bulletin.to_docx(paper)))
            assert "2025-H1" not in text and "2025-Q" not in text, (period, lang)
    half = bulletin.gather(made, "2025-H1", "", "zh", today=TODAY)
    assert part(half, "关心关爱落实情况")[0] == "2025年上半年共 8 项县区指标可判定，达标 3 项（38%）。"
    english = bulletin.gather(made, "2025-H1", "", "en", today=TODAY)
    assert part(english, "Care for cadres")[0].startswith("The first half of 2025: 3 of 8 county indicators")


@pytest.mark.slow
def test_a_rank_interval_of_one_value_is_not_printed(made):
    """（排名区间10） says nothing: a sentence gives the interval only when its ends differ; the 附表 prints both."""
    paper = bulletin.gather(made, "2025-Q2", "", "zh", today=TODAY)
    intervals = dict(zip(paper.table["县区"], paper.table["排名区间"], strict=True))
    assert {"–" in v for v in intervals.values()} == {True, False}  # the hand-made case has both kinds
    for county, interval in intervals.items():
        sentence = part(bulletin.gather(made, "2025-Q2", county, "zh", today=TODAY), "赛马考评排名情况")[0]
        if "–" in interval:
            assert f"（排名区间{interval}）" in sentence
        else:
            assert "排名区间" not in sentence and f"排名第{interval}名，综合得分" in sentence


@pytest.mark.slow
def test_a_republished_bulletin_says_it_corrects_the_earlier_version(made):
    freeze.publish(made, "2025-Q2", "管理员", document_no="澜组〔2025〕12号")
    first = bulletin.gather(made, "2025-Q2", "", "zh", today=TODAY)
    assert first.correction == "" and "作废" not in first.text()
    import_ok(made, "fix.csv", race_csv("2025Q2", {"R01": (900, 300, 400, 0)}))
    freeze.publish(made, "2025-Q2", "管理员", document_no="澜组〔2025〕15号", reason="云岫县招商引资额报错。")
    paper = bulletin.gather(made, "2025-Q2", "", "zh", today=TODAY)
    sentence = (
        "本通报为2025年第二季度赛马考评结果第2版，更正原因：云岫县招商引资额报错；原第1版（澜组〔2025〕12号）同时作废。"
    )
    assert paper.correction == sentence
    lines = lines_of(bulletin.to_docx(paper))
    assert lines[lines.index(paper.opening) + 1] == sentence  # right after the opening
    english = bulletin.gather(made, "2025-Q2", "", "en", today=TODAY).correction
    assert english == (
        "This bulletin is version 2 of the race results of Q2 2025, a correction (云岫县招商引资额报错); "
        "version 1 (澜组〔2025〕12号) is withdrawn."
    )


@pytest.mark.slow
def test_a_county_whose_training_files_are_not_in_is_left_out_of_the_training_figures(made):
    """枫岚区 does not send its 2025-Q1 training file, which the three others send: its cadres are not in the
    prefecture's figures (its two trained of five would read its Q1 as untrained) and no sentence ranks it; the
    line after the figures names it. By hand: 15 cadres of 澄溪县, 云峤县 and 云岫县, 14 trained (Q has 4 of 5), hours
    5×60 + 4 + 4×50 + 4 + 5×60 + 4 = 812, 54.1 per cadre."""
    first = "干部编号,培训项目,培训类别,培训领域,培训方式,组织形式,学时,培训日期\n" + "".join(
        f"{prefix}1,专题班,政治能力,党的理论,线下,集体,4,2025-02-10\n" for prefix in "YQC"
    )
    import_ok(made, "training-q1.csv", first.encode())
    training = part(bulletin.gather(made, "2025-Q2", "", "zh", today=TODAY), "干部教育培训情况")
    assert training[0].startswith("2025年1—6月，全市干部培训覆盖率93.3%（全年目标90%），人均54.1学时；")
    assert not any("枫岚区" in p for p in training[:-1]) and "枫岚区" in training[-1]
    english = part(bulletin.gather(made, "2025-Q2", "", "en", today=TODAY), "Cadre training")
    assert "枫岚区" in english[-1] and not any("枫岚区" in p for p in english[:-1])


@pytest.mark.slow
def test_the_prefecture_briefing_compares_nothing_with_itself_and_names_the_bulletin_window(made):
    from incentive.sharing import briefing

    whole = briefing.gather(made, 2025, "", "zh", "http://x.local/", race_period="2025-Q2").sections[2]
    assert whole.paragraphs[0] == "2025年1—6月全市培训覆盖率 80.0%，人均 42.0 学时。"
    own = briefing.gather(made, 2025, "枫岚区", "zh", "http://x.local/", race_period="2025-Q2").sections[2]
    assert own.paragraphs[0] == "2025年1—6月枫岚区培训覆盖率 40.0%，人均 8.0 学时（全市覆盖率 80.0%）。"
    paper = bulletin.gather(made, "2025-Q2", "", "zh", today=TODAY)
    assert part(paper, "干部教育培训情况")[0].startswith("2025年1—6月，")  # the same window, the same words


def test_a_refusal_names_every_period_held_or_their_span():
    assert bulletin._held(["2025-Q1", "2025-Q2"], "zh") == "2025-Q1、2025-Q2"
    quarters = [f"{y}-Q{q}" for y in (2023, 2024, 2025) for q in (1, 2, 3, 4)]
    assert bulletin._held(quarters, "zh") == "2023-Q1 至 2025-Q4，共 12 期"  # not the newest eight, silently
    assert bulletin._held([], "en") == "—"


@pytest.mark.slow
def test_a_county_whose_training_quarter_is_not_in_is_named_wherever_training_figures_are_shown(sample_db_path):
    """The sample's 棠梨县 never sent its 2026-Q3 training records: the line the training page, the overview, the
    county page and the briefing show says so (its quarter is not a measured zero); a quarter still running is owed
    nothing, and another county's view names nobody."""
    from incentive.sharing import briefing
    from incentive.store import settings
    from incentive.store.database import Database
    from incentive.training import coverage

    db = Database(sample_db_path)
    try:
        config = settings.current(db)
        year = coverage.year_window(2026)
        line = bulletin.absent_training(db.connection, year, config, "zh", until=dt.date(2026, 12, 1))
        assert line == (
            "1 个县区培训数据未报齐：棠梨县（2026年第三季度未报）。本区间的各项数字不含上述县区（同比亦然），"
            "以免未报部分读作未参训。"
        )
        assert bulletin.absent_training(db.connection, year, config, "zh", until=dt.date(2026, 9, 29)) == ""
        assert (
            bulletin.absent_training(db.connection, year, config, "zh", until=dt.date(2026, 12, 1), county="云岫县")
            == ""
        )
        english = bulletin.absent_training(db.connection, year, config, "en", until=dt.date(2026, 12, 1))
        assert english.startswith("Training data are incomplete in 1 county: 棠梨县 (")
        paragraphs = briefing.gather(db, 2026, "棠梨县", "zh", "http://x.local/").sections
        training = next(s for s in paragraphs if s.title == "培训覆盖")
        assert any(p.startswith("1 个县区培训数据未报齐：棠梨县") for p in training.paragraphs)
        assert "棠梨县2026年1—9月培训数据未报齐，未计算其覆盖率和学时。" in training.paragraphs[0]
        assert training.headline.value == "未报齐"  # no coverage of its own: the unsent quarter would read as untrained
    finally:
        db.close()
