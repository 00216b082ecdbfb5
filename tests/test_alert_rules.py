"""The warning list (incentive/alerts): each rule on a hand-made history (it fires; it does not at the boundary: N − 1
periods, exactly at pace, exactly at the fence, on the deadline day), suppression (a small count of people shows
`<5` and nothing it could be worked out from; a hidden training group is left out and counted), scope, and the
ranking of a meeting. Real DuckDB files, files imported as users import them."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest
from conftest import NEW_COUNTY, import_ok, race_csv

from incentive.accounts.roles import COUNTY_CLERK, OutOfScope, Principal, Scope
from incentive.alerts import listing, rules
from incentive.alerts.rules import RED, YELLOW, Alert
from incentive.intake import checks
from incentive.publication import freeze
from incentive.review import submissions
from incentive.store import queries, settings
from incentive.store.database import Database
from incentive.training import targets

CONFIG = settings.defaults()  # alert_third_tier_periods 2, alert_care_periods 2, due days 15


BEST_FIRST = ["云岫县", "云峤县", "澄溪县", "枫岚区"]  # tests/data/regions.csv: four counties; the fourth is 第三方阵


@pytest.fixture
def race_db(catalog_db):
    """2025-Q1 澄溪县 last; 2025-Q2 and 2025-Q3 枫岚区 last (the third tier of four is rank 4 alone)."""
    import_ok(catalog_db, "q1.csv", race_csv("2025Q1", ["云岫县", "云峤县", "枫岚区", "澄溪县"]))
    import_ok(catalog_db, "q2.csv", race_csv("2025Q2", BEST_FIRST))
    import_ok(catalog_db, "q3.csv", race_csv("2025Q3", BEST_FIRST))
    return catalog_db


# ---- rule 1: the third tier N periods running


def test_third_tier_two_periods_running_is_red_with_the_periods_and_the_rank(race_db):
    found = rules.third_tier(race_db.connection, "2025-Q3", 2)
    assert [(a.rule, a.level, a.county, a.period) for a in found] == [("third_tier", RED, "枫岚区", "2025-Q3")]
    data = found[0].data
    assert data["periods"] == ["2025-Q2", "2025-Q3"] and data["running"] == 2
    assert (data["rank"], data["ranked"], data["published"]) == (4, 4, [])
    assert found[0].sentence("zh") == (
        "枫岚区连续 2 个考评期（2025-Q2 至 2025-Q3）处于第三方阵，2025-Q3 排名第 4 名（共 4 个）；均为实时数据（试算）。"
        "列为约谈候选。"
    )
    assert found[0].sentence("en").startswith("枫岚区 has been in the third tier for 2 race periods running")


def test_third_tier_does_not_fire_one_period_short(race_db):
    assert rules.third_tier(race_db.connection, "2025-Q3", 3) == []  # two running, three asked
    assert rules.third_tier(race_db.connection, "2025-Q2", 2) == []  # 枫岚区 was not third in 2025-Q1
    assert rules.third_tier(race_db.connection, "2025-Q4", 2) == []  # no such period stored


def test_third_tier_uses_the_published_ranking_where_the_period_is_published(race_db):
    freeze.publish(race_db, "2025-Q2", "市管理员", document_no="澜组〔2025〕7号")
    before = dt.datetime.now()
    # a later correction of 2025-Q2 puts 枫岚区 first in the live data; the published ranks keep it last
    import_ok(race_db, "q2_fix.csv", race_csv("2025Q2", ["枫岚区", "云岫县", "云峤县", "澄溪县"]))
    found = rules.third_tier(race_db.connection, "2025-Q3", 2)
    assert [a.county for a in found] == ["枫岚区"]
    assert found[0].data["published"] == ["2025-Q2"] and found[0].data["versions"] == {"2025-Q2": 1}
    assert "其中 2025-Q2 为正式发布结果，其余为实时数据（试算）" in found[0].sentence("zh")
    assert "2025-Q2 as published, the rest live data (trial)" in found[0].sentence("en")
    # seen from before the publication (a pinned view), 2025-Q2 is live: 枫岚区 was first there, no run
    assert rules.third_tier(race_db.connection, "2025-Q3", 2, moment=before - dt.timedelta(hours=1)) == []


# ---- rule 2: a care indicator below target N periods running

CARE = "考核期,县区,乡镇,指标,数值\n"


@pytest.fixture
def care_db(catalog_db):
    """W01 (target 95, higher is better; below under 85.5): 云峤县 below in 2024-H1, 2024-H2, 2025-H1; 澄溪县 below
    in 2024-H2 and 2025-H1 only; 枫岚区 exactly at 90 % of the target (接近, not below) in all three."""
    for period, chengxi in (("2024H1", 96), ("2024H2", 80), ("2025H1", 70)):
        rows = [
            f"{period},云岫县,,W01,96",
            f"{period},云峤县,,W01,60",
            f"{period},澄溪县,,W01,{chengxi}",
            f"{period},枫岚区,,W01,85.5",
        ]
        rows += [f"{period},{c},,W02,100" for c in BEST_FIRST]
        import_ok(catalog_db, f"care_{period}.csv", (CARE + "\n".join(rows) + "\n").encode())
    return catalog_db


def test_care_below_two_half_years_is_yellow_three_red(care_db):
    found = rules.care_below(care_db.connection, "2025-H1", 2)
    assert [(a.county, a.level, a.data["running"]) for a in found] == [("云峤县", RED, 3), ("澄溪县", YELLOW, 2)]
    chengxi = found[1]
    assert chengxi.data["periods"] == ["2024-H2", "2025-H1"] and (chengxi.data["value"], chengxi.data["target"]) == (
        70.0,
        95.0,
    )
    assert chengxi.sentence("zh") == (
        "澄溪县「年度体检完成率」连续 2 期未达标（2024-H2 至 2025-H1），2025-H1 为 70%，目标 95%；均为实时数据（试算）。"
    )
    assert chengxi.sentence("en") == (
        "澄溪县: “年度体检完成率” below target for 2 periods running (2024-H2 to 2025-H1), 70% in 2025-H1 against a "
        "target of 95%; all live data (trial)."
    )


def test_care_below_boundaries(care_db):
    # three running asked: 澄溪县's two are one short; 云峤县's three are yellow (red only from four)
    found = rules.care_below(care_db.connection, "2025-H1", 3)
    assert [(a.county, a.level) for a in found] == [("云峤县", YELLOW)]
    # 枫岚区 at exactly 90 % of its target is 接近 (near), never below: no alert in any period
    assert not [a for a in rules.care_below(care_db.connection, "2025-H1", 2) if a.county == "枫岚区"]
    assert rules.care_below(care_db.connection, "2024-H1", 2) == []  # the first half-year: nothing before it


def test_care_below_uses_published_statuses(care_db):
    freeze.publish(care_db, "2024-H2", "市管理员")
    import_ok(care_db, "fix.csv", (CARE + "2024H2,澄溪县,,W01,96\n").encode())  # met in the live data now
    found = {a.county: a for a in rules.care_below(care_db.connection, "2025-H1", 2)}
    assert found["澄溪县"].data["published"] == ["2024-H2"]  # below as published, so still two running
    assert "其中 2024-H2 为正式发布结果" in found["澄溪县"].sentence("zh")


PEOPLE_CATALOG = "指标代码,指标名称,类别,赛道,单位,方向,权重,目标值\nW03,困难干部帮扶人数,关爱,,人,正向,1,10\n"


def test_a_small_count_of_people_shows_as_less_than_five(catalog_db):
    """A care indicator counted in people: 3 people helped against a target of 10 is stated as `<5`, with the
    exact figure only where exact figures are stated (the command line)."""
    import_ok(catalog_db, "w03.csv", PEOPLE_CATALOG.encode())
    for period in ("2024H2", "2025H1"):
        rows = [f"{period},{c},,W03,{3 if c == '澄溪县' else 12}" for c in BEST_FIRST]
        import_ok(catalog_db, f"w03_{period}.csv", (CARE + "\n".join(rows) + "\n").encode())
    (alert,) = [a for a in rules.care_below(catalog_db.connection, "2025-H1", 2) if a.data["indicator"] == "W03"]
    assert alert.county == "澄溪县" and alert.data["value"] == 3.0
    shown = alert.sentence("zh", small=5)
    assert "2025-H1 为 <5，目标 10 人" in shown and "3 人" not in shown
    assert "2025-H1 为 3 人" in alert.sentence("zh")  # exact: the command line's
    assert "<5 in 2025-H1" in alert.sentence("en", small=5)


# ---- rule 3: training behind the pace at a quarter's end

REGIONS = "县区,乡镇,县区代码\n甲县,东镇,1\n乙县,南镇,2\n丙县,西镇,3\n丁县,北镇,4\n"
SIZES = {"甲县": 10, "乙县": 10, "丙县": 3, "丁县": 6}


@pytest.fixture
def training_db(db):
    """Four counties (甲县 10 cadres, 乙县 10, 丙县 3: too small to show, 丁县 6), all 一级科员 (乡科级), targets
    120 学时 (the section group's target, set here) and 80 % a year, so the pace at the end of 2025-Q2 is 60 学时 and 40 % coverage. 甲县: 4 trained × 150 学时 (exactly 40 %
    and 60 per cadre); 乙县: 3 × 100 (30 %, 30); 丙县: 1 × 10; 丁县: all six × 100. Every record is of 2025-Q2, so
    no county has sent 2025-Q1 (a quarter unsent by all leaves nobody out: tracker.window_gaps)."""
    import_ok(db, "regions.csv", REGIONS.encode())
    roster = ["干部编号,姓名,县区,单位,职级,性别,出生年份,统计日期"]
    training = ["干部编号,培训项目,培训类别,培训领域,培训方式,组织形式,学时,培训日期"]
    trained = {"甲县": (4, 150), "乙县": (3, 100), "丙县": (1, 10), "丁县": (6, 100)}
    for n, (county, size) in enumerate(SIZES.items()):
        unit = REGIONS.splitlines()[n + 1].split(",")[1]
        for i in range(1, size + 1):
            roster.append(f"{county}{i:02d},{county[0]}员{i},{county},{unit},一级科员,男,1990,2025-06-30")
        count, hours = trained[county]
        training += [
            f"{county}{i:02d},班一,政治能力,党的理论,线下,集体,{hours},2025-05-10" for i in range(1, count + 1)
        ]
    import_ok(db, "roster.csv", ("\n".join(roster) + "\n").encode())
    import_ok(db, "training.csv", ("\n".join(training) + "\n").encode())
    targets.save(db, {"section": targets.Target(120.0, 1, 50.0)}, "test")
    return db


TRAINING_CONFIG = {**CONFIG, "coverage_target": 80.0}


def test_training_behind_pace_at_a_quarters_end(training_db):
    found = {a.county: a for a in rules.training_pace(training_db.connection, "2025-Q2", TRAINING_CONFIG)}
    assert "甲县" not in found  # exactly at pace on both measures: not behind
    assert "丁县" not in found  # ahead
    yi = found["乙县"]
    assert (yi.level, yi.period, yi.disclosure) == (YELLOW, "2025-Q2", "")
    assert yi.data["behind"] == ["coverage", "hours"]
    assert (yi.data["coverage"], yi.data["coverage_pace"], yi.data["hours"], yi.data["hours_pace"]) == (
        0.3,
        0.4,
        30.0,
        60.0,
    )
    assert yi.sentence("zh") == (
        "乙县截至 2025-Q2 末培训进度落后（2025-01~2025-06）：覆盖率 30.0%，进度要求 40.0%；人均 30.0 学时，进度要求 60.0 学时。"
    )
    # three cadres: hidden as on the training page (a county is the total of its units, so a small one reads
    # 不公开 rather than <5: docs/decisions.md#small-subtotals-are-withheld)
    assert found["丙县"].disclosure == "withheld"


@pytest.mark.slow
def test_the_pace_is_the_training_pages_on_the_quarters_last_day(training_db):
    from incentive.training import coverage

    for quarter, day in (("2025-Q2", dt.date(2025, 6, 30)), ("2025-Q3", dt.date(2025, 9, 30))):
        (any_alert, *_) = rules.training_pace(training_db.connection, quarter, TRAINING_CONFIG)
        year = coverage.year_window(2025)
        assert any_alert.data["hours_pace"] == coverage.expected_by(120.0, year, day)  # one function
        assert any_alert.data["coverage_pace"] == coverage.expected_by(80.0, year, day) / 100
    assert any_alert.data["hours_pace"] == 90.0  # nine twelfths of 120 at the end of September


def test_a_hidden_training_group_is_left_out_of_the_list_and_counted(training_db):
    found = rules.training_pace(training_db.connection, "2025-Q2", TRAINING_CONFIG)
    kept, withheld = listing.shown(found)
    assert [a.county for a in kept] == ["乙县"] and withheld == 1
    table = listing.table(kept, "zh", 5)
    assert not table.to_string().count("丙县")
    # no count of cadres in any sentence: rates only, so nothing hidden can be had by subtraction
    assert all("名" not in a.sentence("zh", small=5) and " 人" not in a.sentence("zh", small=5) for a in found)


def test_the_quarter_judged_is_the_newest_whose_training_was_due(training_db):
    conn = training_db.connection
    assert rules.judged_quarter(conn, 2025, dt.date(2025, 7, 15), CONFIG) == "2025-Q1"  # Q2 due 07-15: on time
    assert rules.judged_quarter(conn, 2025, dt.date(2025, 7, 16), CONFIG) == "2025-Q2"
    assert rules.judged_quarter(conn, 2025, dt.date(2025, 4, 15), CONFIG) is None
    assert rules.year_to_date("2025-Q4").label == "2025"


# ---- rule 4: data missing or late (the tracker)


def received_at(db, batch: int, when: str) -> None:
    db.connection.execute(
        "UPDATE batches SET created_at = $at WHERE id = $id", {"at": dt.datetime.fromisoformat(when), "id": batch}
    )


RACE_Q1 = "考核期,县区,乡镇,指标,数值\n" + "".join(
    f"2025Q1,{county},,{code},{value}\n"
    for county in ("云岫县", "云峤县")
    for code, value in (("R01", 1), ("R02", 2), ("R03", 90))
)


@pytest.fixture
def cycle_db(catalog_db):
    """2025-Q1 race scores: 云岫县 and 云峤县 on the deadline day (04-15), 澄溪县 five days late without R03,
    枫岚区 submitted and pending review."""
    db = catalog_db
    received_at(db, import_ok(db, "q1.csv", RACE_Q1.encode()), "2025-04-15 23:00")
    late = "考核期,县区,乡镇,指标,数值\n2025Q1,澄溪县,,R01,5\n2025Q1,澄溪县,,R02,1\n2025Q1,澄溪县,,R03,\n"
    received_at(db, import_ok(db, "late.csv", late.encode()), "2025-04-20 09:00")
    clerk = Principal("枫岚填报员", COUNTY_CLERK, "枫岚区")
    submissions.submit(
        db, clerk, "q1.csv", "考核期,县区,指标,数值\n2025Q1,枫岚区,R01,7\n".encode(), submissions.Options()
    )
    return db


def race_items(found: list[Alert]) -> dict[tuple[str, str], list[tuple]]:
    return {
        (a.county, a.level): [
            (i["period"], i["status"], i["days"], i["values_missing"])
            for i in a.data["items"]
            if i["kind"] == "race_scores"
        ]
        for a in found
    }


def test_data_late_or_incomplete_is_yellow_missing_is_red(cycle_db):
    found = rules.data_delivery(cycle_db.connection, 2025, dt.date(2025, 7, 16), CONFIG)
    items = race_items(found)
    assert items[("澄溪县", YELLOW)] == [("2025-Q1", "late", 5, 1)]
    assert ("云岫县", YELLOW) not in items  # received on the deadline day: on time
    assert not [
        i for (county, _), found_items in items.items() if county == "枫岚区" for i in found_items if i[0] == "2025-Q1"
    ]  # pending review: not its delay
    for county in BEST_FIRST:  # 2025-Q2 race scores due 07-15, sent by nobody: a day overdue on 07-16
        assert ("2025-Q2", "missing", 1, None) in items[(county, RED)]
    (yellow,) = [a for a in found if a.county == "澄溪县" and a.level == YELLOW]
    assert "2025-Q1 赛马考评得分（晚 5 天报送、缺 1 项）" in yellow.sentence("zh")
    assert "race scores 2025-Q1 (sent 5 days late, 1 value missing)" in yellow.sentence("en")


def test_data_not_yet_missing_on_the_deadline_day(cycle_db):
    found = rules.data_delivery(cycle_db.connection, 2025, dt.date(2025, 7, 15), CONFIG, period="2025-Q2")
    assert found == []  # due 07-15: not missing until the day after


def test_data_rule_keeps_to_the_scope(cycle_db):
    mine = Scope(frozenset({"澄溪县"}))
    found = rules.data_delivery(cycle_db.connection, 2025, dt.date(2025, 7, 16), CONFIG, mine)
    assert {a.county for a in found} == {"澄溪县"}


def test_no_file_is_owed_before_the_tracker_starts(cycle_db):
    # the first data are of 2025: 2024 owed nothing, and its files are not 未报送 (docs/decisions.md#years-tracked)
    assert rules.data_delivery(cycle_db.connection, 2024, dt.date(2026, 3, 1), CONFIG) == []
    assert rules.data_delivery(cycle_db.connection, 2025, dt.date(2026, 3, 1), CONFIG)  # from 2025 on, it does


def test_a_year_without_training_records_is_not_behind_pace(training_db):
    # no record in 2024 at all: not measured, rather than every county at 0 % (it read as 24 warnings of 1999)
    assert rules.training_pace(training_db.connection, "2024-Q2", TRAINING_CONFIG) == []


def test_a_long_list_of_files_names_five_and_counts_the_rest(cycle_db):
    found = rules.data_delivery(cycle_db.connection, 2025, dt.date(2026, 3, 1), CONFIG)
    (red,) = [a for a in found if a.county == "云岫县" and a.level == RED]
    n = len(red.data["items"])
    assert n > rules.ITEMS_IN_SENTENCE
    assert red.sentence("zh").endswith(f"，另有 {n - rules.ITEMS_IN_SENTENCE} 项。")
    assert red.sentence("zh").startswith(f"云岫县有 {n} 项数据逾期未报送：")


# ---- rule 5: a sharp fall against the peers

SIX = "县区,乡镇,县区代码\n" + "".join(f"{c},,{i}\n" for i, c in enumerate("甲乙丙丁戊己", 1)).replace(",,", "县,,")
DROP_CATALOG = (
    "指标代码,指标名称,类别,赛道,单位,方向,权重,目标值\n"
    "R01,招商引资额,赛马,项目建设,万元,正向,10,\n"
    "R02,安全生产事故起数,赛马,基层治理,起,逆向,5,0\n"
    "R04,帮扶干部人数,赛马,基层治理,人,正向,5,\n"
)


def drop_db(db, q2: dict[str, tuple[float, float, float]]) -> None:
    """Six counties; 2025-Q1 R01 100, R02 10, R04 12 everywhere; 2025-Q2 as given (others unchanged)."""
    import_ok(db, "regions.csv", SIX.encode())
    import_ok(db, "catalog.csv", DROP_CATALOG.encode())
    counties = [f"{c}县" for c in "甲乙丙丁戊己"]
    for period, values in (("2025Q1", {}), ("2025Q2", q2)):
        rows = ["考核期,县区,乡镇,指标,数值"]
        for county in counties:
            r01, r02, r04 = values.get(county, (100, 10, 12))
            rows += [f"{period},{county},,R01,{r01}", f"{period},{county},,R02,{r02}", f"{period},{county},,R04,{r04}"]
        import_ok(db, f"{period}.csv", ("\n".join(rows) + "\n").encode())


def test_a_sharp_fall_fires_a_rise_of_a_good_value_does_not(db):
    """Peers unchanged: the fences are 0 ∓ 3 × 5 (5 % of the typical level 100; whole numbers: at least 1)."""
    drop_db(db, {"甲县": (84, 10, 12), "乙县": (160, 10, 12), "丙县": (100, 40, 12), "丁县": (100, 0, 12)})
    found = rules.value_drops(db.connection, {"race": "2025-Q2", "welfare": None})
    assert [(a.county, a.data["indicator"]) for a in found] == [("甲县", "R01"), ("丙县", "R02")]
    jia = found[0]
    assert (jia.data["old"], jia.data["new"], jia.data["change"], jia.data["low"]) == (100.0, 84.0, -16.0, -15.0)
    assert jia.sentence("zh") == (
        "甲县「招商引资额」2025-Q2 为 84 万元，较 2025-Q1 的 100 万元 变化 -16 万元，明显差于其他县区的变化"
        "（通常在 -15 万元 至 +15 万元 之间）。"
    )


def test_a_change_exactly_at_the_fence_is_not_a_fall(db):
    drop_db(db, {"甲县": (85, 10, 12)})  # -15: on the fence
    assert rules.value_drops(db.connection, {"race": "2025-Q2"}) == []


def test_a_fall_to_a_small_count_of_people_hides_the_count_and_the_change(db):
    drop_db(db, {"甲县": (100, 10, 3)})  # 12 → 3 helped: the fence is 0 − 3 × 1
    (alert,) = rules.value_drops(db.connection, {"race": "2025-Q2"})
    shown = alert.sentence("zh", small=5)
    assert "2025-Q2 为 <5，较 2025-Q1 的 12 人 变化 不公开" in shown
    assert "为 3 人" not in shown and "-9" not in shown  # neither the count nor what gives it back (12 − 9)
    assert "为 3 人" in alert.sentence("zh") and "-9 人" in alert.sentence("zh")  # exact: the command line's


@pytest.mark.slow
def test_the_changes_into_one_period_are_those_of_every_period_read_at_once(sample_db_path):
    """The rule reads only the period judged and the one before it (checks.changes_in's `only`): the same rows,
    fences and peers as when every stored period is read, in every stored period of the sample's five years (its
    care figures have no unusual change: each period's is empty both ways)."""
    db = Database(sample_db_path)
    try:
        for domain in ("race", "welfare"):
            every = checks.changes_in(db.connection, domain)
            for period in queries.run(db.connection, "value_periods", domain=domain)["period"]:
                own = checks.changes_in(db.connection, domain, only=[period]).reset_index(drop=True)
                expected = every[every["period"] == period].reset_index(drop=True)
                if expected.empty:
                    assert own.empty, (domain, period)
                else:
                    pd.testing.assert_frame_equal(own, expected, check_dtype=False)
            if domain == "race":
                assert every["period"].nunique() >= 5  # unusual changes in many periods to compare
    finally:
        db.close()


# ---- the list: scope, ranking, what a meeting sees


@pytest.mark.slow  # a whole year's list, every rule: about three seconds
def test_the_list_keeps_a_county_account_to_its_county_and_refuses_visitors(race_db):
    today = dt.date(2025, 11, 1)
    everything = listing.build(race_db.connection, today, CONFIG, Scope.ALL, year=2025)
    assert {a.county for a in everything.alerts} == set(BEST_FIRST)
    assert everything.judged.race == "2025-Q3" and everything.judged.training == "2025-Q3"
    mine = listing.build(race_db.connection, today, CONFIG, Scope(frozenset({"澄溪县"})), year=2025)
    assert {a.county for a in mine.alerts} == {"澄溪县"}
    with pytest.raises(OutOfScope):
        listing.build(race_db.connection, today, CONFIG, Scope.NONE, year=2025)


@pytest.mark.slow  # a whole year's list, every rule: about three seconds
def test_the_setting_n_decides_the_third_tier_rule_in_the_list(race_db):
    today = dt.date(2025, 11, 1)
    with_two = listing.build(race_db.connection, today, CONFIG, Scope.ALL, year=2025)
    assert [a.county for a in with_two.alerts if a.rule == "third_tier"] == ["枫岚区"]
    settings.save(race_db, "alert_third_tier_periods", 3, "test")
    with_three = listing.build(race_db.connection, today, settings.current(race_db), Scope.ALL, year=2025)
    assert not [a for a in with_three.alerts if a.rule == "third_tier"]


@pytest.mark.slow  # the sample's whole year, every rule: about seven seconds
def test_a_county_that_never_sent_data_does_not_cost_the_list_its_third_tier(sample_new_county_path):
    """The reviewer's case on the sample: a regions file adds 新设县, which sends nothing, and 云岫县 alone has sent
    2026-Q4 and 2026-H2. The year's list was judged on 2026-Q4, a race of one county, and lost every third-tier
    alert; it is judged on 2026-Q3 and 2026-H1, which every county that takes part has sent
    (docs/decisions.md#which-counties-take-part), and 新设县 is still named for the files it never sent."""
    db = Database(sample_new_county_path)
    try:
        found = listing.build(db.connection, dt.date(2026, 11, 1), settings.current(db), Scope.ALL, year=2026)
        assert (found.judged.race, found.judged.welfare) == ("2026-Q3", "2026-H1")
        third = [a.county for a in found.alerts if a.rule == "third_tier"]
        expected = rules.third_tier(db.connection, "2026-Q3", int(settings.current(db)["alert_third_tier_periods"]))
        assert third and sorted(third) == sorted(a.county for a in expected)
        assert [a.level for a in found.alerts if a.rule == "data" and a.county == NEW_COUNTY] == [RED]
    finally:
        db.close()


def test_a_period_list_judges_only_the_rules_of_that_form(race_db):
    found = listing.build(race_db.connection, dt.date(2025, 11, 1), CONFIG, Scope.ALL, period="2025-Q2")
    assert (found.judged.race, found.judged.welfare, found.judged.training) == ("2025-Q2", None, "2025-Q2")
    assert not [a for a in found.alerts if a.rule == "third_tier"]  # 枫岚区 first third in 2025-Q2
    assert {a.period for a in found.alerts if a.rule == "data"} == {"2025-Q2"}


@pytest.mark.slow
def test_a_period_without_data_is_refused_with_what_there_is(race_db):
    today = dt.date(2025, 11, 1)
    for period in ("2030-Q1", "2019-Q1"):  # after the data, and before the tracker starts
        with pytest.raises(listing.NothingToJudge) as refused:
            listing.build(race_db.connection, today, CONFIG, Scope.ALL, period=period, refuse_empty=True)
        assert refused.value.text("zh").startswith(f"{period} 没有任何数据")
        assert "赛马 2025-Q1, 2025-Q2, 2025-Q3；关爱 —；培训记录截至 —" in refused.value.text("zh")
    with pytest.raises(listing.NothingToJudge):
        listing.build(race_db.connection, today, CONFIG, Scope.ALL, year=1999, refuse_empty=True)
    # without refuse_empty (the page, whose years have data) an empty list; a period with data is judged
    assert listing.build(race_db.connection, today, CONFIG, Scope.ALL, period="2030-Q1").alerts == ()
    assert listing.build(race_db.connection, today, CONFIG, Scope.ALL, period="2025-Q2", refuse_empty=True).alerts


@pytest.mark.slow  # two whole years' lists: a few seconds
def test_a_year_given_as_a_period_is_the_years_list(race_db):
    today = dt.date(2025, 11, 1)
    as_period = listing.build(race_db.connection, today, CONFIG, Scope.ALL, period="2025")
    as_year = listing.build(race_db.connection, today, CONFIG, Scope.ALL, year=2025)
    assert as_period == as_year and as_period.judged.race == "2025-Q3"


def alert(rule: str, level: str, county: str, magnitude: float, period: str = "2025-Q2") -> Alert:
    return Alert(rule, level, county, period, {}, magnitude)


def test_a_meeting_sees_red_first_then_the_most_severe_rule_and_the_largest_magnitude():
    mixed = [
        alert("data", YELLOW, "甲县", 9),
        alert("value_drop", YELLOW, "乙县", 0.5),
        alert("care_below", RED, "乙县", 3.1),
        alert("third_tier", RED, "乙县", 2.5),
        alert("third_tier", RED, "甲县", 4.9),
        alert("training_pace", YELLOW, "甲县", 0.2),
        alert("data", RED, "甲县", 30),
        alert("care_below", YELLOW, "甲县", 2.4),
        alert("training_pace", YELLOW, "乙县", 0.2),
    ]
    order = listing.ranked(mixed, ["甲县", "乙县"])
    assert [(a.rule, a.level, a.county) for a in order] == [
        ("third_tier", RED, "甲县"),  # five periods running before 2.5
        ("third_tier", RED, "乙县"),
        ("data", RED, "甲县"),
        ("care_below", RED, "乙县"),
        ("care_below", YELLOW, "甲县"),
        ("training_pace", YELLOW, "甲县"),  # equal gaps: by county code
        ("training_pace", YELLOW, "乙县"),
        ("value_drop", YELLOW, "乙县"),
        ("data", YELLOW, "甲县"),
    ]
    assert listing.level_counts(order) == {"red": 4, "yellow": 5}
    many = [alert("value_drop", YELLOW, "甲县", m) for m in range(15)]
    assert [a.magnitude for a in listing.top(listing.ranked(many))] == list(range(14, 4, -1))  # ten, the largest
    assert listing.filtered(order, "乙县", "training_pace") == [order[6]]


def test_the_tables_say_the_same_as_the_sentences(race_db):
    found = listing.build(race_db.connection, dt.date(2025, 11, 1), CONFIG, Scope.ALL, year=2025)
    table = listing.table(found.alerts, "zh", 5)
    assert table.columns.tolist() == ["序号", "级别", "预警规则", "县区", "期别", "预警内容"]
    assert table.iloc[0].tolist()[:5] == [1, "红色", "连续处于第三方阵", "枫岚区", "2025-Q3"]
    exported = listing.export_table(found.alerts, "en")
    assert exported.columns.tolist() == listing.EXPORT_COLUMNS
    first = exported.iloc[0]
    assert (first["level"], first["rule"], first["county"]) == ("red", "third_tier", "枫岚区")
    assert json.loads(first["data"])["periods"] == ["2025-Q2", "2025-Q3"]
