"""干部画像: a named cadre's page opens only within the user's scope, every opening is in the audit log before
anything is shown, and its figures are those the training page reads for him."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import import_ok

from incentive import cadre_profile
from incentive.accounts.roles import COUNTY_LEADER, PREFECTURE_ADMIN, Principal
from incentive.store import audit

ADMIN = Principal("李处长", PREFECTURE_ADMIN, None, "database")
LEADER_A = Principal("云岫领导", COUNTY_LEADER, "云岫县", "database")
LEADER_B = Principal("云峤领导", COUNTY_LEADER, "云峤县", "database")


@pytest.fixture
def trained_db(graded_db):
    import_ok(
        graded_db,
        "training.csv",
        (
            "干部编号,培训项目,培训类别,培训领域,培训方式,组织形式,学时,培训日期\n"
            "A001,2024年乡村振兴专题班,专业能力,乡村振兴,线下,集体,40,2024-03-02\n"
            "A001,2024年党的理论专题班,政治能力,党的理论,线下,集体,56,2024-05-10\n"
            "A001,2024年网络自学,政治能力,党的理论,线上,个人,30,2024-06-01\n"
            "A001,2023年旧班,创新能力,数字政府,线下,集体,8,2023-06-01\n"
        ).encode(),
    )
    return graded_db


def opened(db) -> list[tuple]:
    rows = audit.log(db)
    return [(r.who, r.target, r.detail) for r in rows.itertuples() if r.action == "open_cadre"]


def test_an_administrator_opens_any_cadre_and_the_opening_is_logged(trained_db):
    profile = cadre_profile.open_profile(trained_db, ADMIN, " A001 ", 2024)
    assert opened(trained_db) == [("李处长", "A001", "2024")]
    assert profile.person["county"] == "云岫县" and profile.person["unit"] == "安坝镇"
    categories = profile.by_category.set_index("category")
    assert categories.loc["political", ["hours", "records", "online_hours"]].tolist() == [86.0, 2, 30.0]
    assert categories.loc["professional", "hours"] == 40.0 and categories.loc["innovation", "records"] == 0
    mine = profile.attainment
    assert mine["has_target"] and mine["counted_hours"] == 96.0 and mine["target"] == 90.0 and mine["met_target"]
    assert mine["online_hours"] == 30.0 and mine["online_per_year"] == 50.0 and not mine["online_met"]
    assert profile.grades[["year", "grade"]].values.tolist() == [[2024, "excellent"]]
    assert profile.decisions["action"].tolist() == ["promotion"]  # A001's 提拔 of 2025-03-01
    assert profile.decisions["date"].tolist() == [dt.date(2025, 3, 1)]  # a day, not 2025-03-01 00:00:00
    cadre_profile.open_profile(trained_db, ADMIN, "A001", 2024)
    assert len(opened(trained_db)) == 2  # every opening


def test_a_county_user_opens_his_own_cadres_only_and_a_refusal_names_nobody(trained_db):
    assert cadre_profile.open_profile(trained_db, LEADER_A, "A001", 2024).cadre_id == "A001"
    with pytest.raises(cadre_profile.ProfileRefused) as refused:
        cadre_profile.open_profile(trained_db, LEADER_B, "A001", 2024)
    assert refused.value.text("zh") == "您的账号范围内没有干部编号为「A001」的干部。"  # not: it is 云岫县's
    with pytest.raises(cadre_profile.ProfileRefused) as unknown:
        cadre_profile.open_profile(trained_db, LEADER_B, "NOBODY", 2024)
    assert unknown.value.text("zh") == refused.value.text("zh").replace("A001", "NOBODY")  # the same sentence
    with pytest.raises(cadre_profile.ProfileRefused, match="cadre_sign_in"):
        cadre_profile.open_profile(trained_db, None, "A001", 2024)
    with pytest.raises(cadre_profile.ProfileRefused, match="cadre_id_invalid"):
        cadre_profile.open_profile(trained_db, ADMIN, "A001\nX", 2024)
    assert opened(trained_db) == [("云岫领导", "A001", "2024")]  # refusals open nothing and log no opening


def test_a_year_before_any_snapshot_reads_the_earliest_and_a_rank_no_group_knows_has_no_target(trained_db):
    earlier = cadre_profile.open_profile(trained_db, ADMIN, "A001", 2023)
    assert earlier.attainment["counted_hours"] == 8.0  # the earliest snapshot stands for a year before it
    assert earlier.by_category.set_index("category").at["innovation", "hours"] == 8.0
    import_ok(  # a snapshot of 2025-12-31 with A001 at a rank neither group knows
        trained_db,
        "roster2025.csv",
        "干部编号,姓名,县区,单位,职级,性别,出生年份,统计日期\nA001,某,云岫县,安坝镇,工勤技能岗,男,1990,2025-12-31\n".encode(),
    )
    later = cadre_profile.open_profile(trained_db, ADMIN, "A001", 2025)
    assert later.attainment is not None and not later.attainment["has_target"]
    assert later.person["rank"] == "工勤技能岗" and len(later.roster) == 2


def test_the_named_queries_refuse_without_the_scope(trained_db):
    from incentive.accounts.roles import OutOfScope, Scope
    from incentive.store import queries

    for name in ("cadre_roster", "cadre_grades", "cadre_decisions"):
        assert queries.named_cadres(name)
        with pytest.raises(OutOfScope):
            queries.run(trained_db.connection, name, cadre_id="A001", county="云岫县")
        with pytest.raises(OutOfScope):
            queries.run(
                trained_db.connection, name, scope=Scope(frozenset({"云峤县"})), cadre_id="A001", county="云岫县"
            )
    assert not queries.named_cadres("cadre_county")  # a county and a yes/no: no name


def test_an_id_typed_in_another_case_or_full_width_opens_the_roster_cadre_and_says_which(trained_db):
    """`a001` or `Ａ００１` is the roster's A001, as the importer reads a file's id
    (docs/decisions.md#cadre-ids-in-another-letter-case): opened as A001, recorded as A001, the id typed kept for
    the page to say which stored id it shows; an id two roster spellings match is refused, naming them."""
    for typed in ("a001", "Ａ００１", "ａ001"):
        profile = cadre_profile.open_profile(trained_db, ADMIN, typed, 2024)
        assert (profile.cadre_id, profile.typed) == ("A001", typed)
        assert profile.person["unit"] == "安坝镇" and profile.attainment["counted_hours"] == 96.0
    assert cadre_profile.open_profile(trained_db, ADMIN, "A001", 2024).typed is None
    assert [target for _, target, _ in opened(trained_db)] == ["A001"] * 4
    with pytest.raises(cadre_profile.ProfileRefused) as refused:  # another county's cadre: the same sentence
        cadre_profile.open_profile(trained_db, LEADER_B, "a001", 2024)
    assert refused.value.text("zh") == "您的账号范围内没有干部编号为「a001」的干部。"
    import_ok(
        trained_db,
        "roster2025.csv",
        "干部编号,姓名,县区,单位,职级,性别,出生年份,统计日期\nAB1,甲,云岫县,安坝镇,一级科员,男,1990,2025-12-31\n"
        "ab1,乙,云岫县,安坝镇,一级科员,男,1991,2024-12-31\n".encode(),
    )
    with pytest.raises(cadre_profile.ProfileRefused) as ambiguous:
        cadre_profile.open_profile(trained_db, ADMIN, "Ab1", 2025)
    assert ambiguous.value.text("zh") == (
        "干部编号「Ab1」与名册上几个编号都只差字母大小写（AB1、ab1），无法判断是哪一位：请按名册写法输入。"
    )
    assert cadre_profile.open_profile(trained_db, ADMIN, "ab1", 2025).person["name"] == "乙"
