"""Roles and county scopes (incentive/accounts/roles.py), and the library's refusals of named cadres outside a
scope (incentive/store/queries.py, incentive/training/named_lists.py)."""

import datetime as dt

import pytest

from incentive import disclosure
from incentive.accounts.roles import (
    COUNTY_CLERK,
    COUNTY_LEADER,
    PREFECTURE_ADMIN,
    OutOfScope,
    Principal,
    Scope,
    command_line,
    scope_of,
)
from incentive.sharing.export import export_frame
from incentive.store import queries
from incentive.training import named_lists
from incentive.training.coverage import Window

CLERK = Principal("张填报", COUNTY_CLERK, "云岫县")
LEADER = Principal("钱领导", COUNTY_LEADER, "云峤县")
ADMIN = Principal("王主任", PREFECTURE_ADMIN, None, "secrets")
YEAR = Window(dt.date(2025, 1, 1), dt.date(2025, 12, 31), "2025")


def test_what_each_role_may_do_and_see():
    assert [(p.is_admin, p.may_submit) for p in (ADMIN, CLERK, LEADER)] == [(True, True), (False, True), (False, False)]
    assert ADMIN.scope == Scope.ALL and ADMIN.scope.everything
    assert CLERK.scope == Scope(frozenset({"云岫县"})) and LEADER.scope == Scope(frozenset({"云峤县"}))
    assert scope_of(None) == Scope.NONE  # a visitor: aggregates only
    assert Principal("无县", COUNTY_LEADER, None).scope == Scope.NONE
    assert command_line("root") == Principal("cli:root", PREFECTURE_ADMIN, None, "cli")
    assert command_line("root").scope == Scope.ALL


def test_a_scope_covers_its_counties_and_refuses_others_with_a_sentence():
    scope = CLERK.scope
    assert scope.covers("云岫县") and not scope.covers("云峤县")
    scope.check("云岫县")
    with pytest.raises(OutOfScope) as refused:
        scope.check("云峤县")
    assert refused.value.text("zh") == "无权查看或操作「云峤县」的数据：您的账号只限于「云岫县」。"
    assert refused.value.text("en") == "Not allowed for 云峤县: your account is limited to 云岫县."
    with pytest.raises(OutOfScope) as whole:
        scope.check("")  # every county is the prefecture's
    assert whole.value.text("zh") == "无权查看或操作全市的数据：您的账号只限于「云岫县」。"
    with pytest.raises(OutOfScope):
        Scope.NONE.check("云岫县")
    Scope.ALL.check("")
    assert scope.outside(["云峤县", "云岫县", "澄溪县", "云峤县"]) == ["云峤县", "澄溪县"]


def test_queries_of_named_cadres_are_marked_and_no_other():
    named = [name for name in queries.names() if queries.named_cadres(name)]
    assert named == [
        "cadre_decisions",
        "cadre_grades",
        "cadre_roster",
        "cadre_training",
        "export_appraisals",
        "export_movements",
        "export_roster",
        "export_training",
        "roster_changes",
        "roster_other_counties",
        "roster_two_counties",
        "training_hours_outside",
        "training_untrained",
    ]


@pytest.fixture
def sample(sample_db_file):
    from incentive.store.database import Database

    db = Database(sample_db_file)
    yield db
    db.close()


def untrained(conn, scope, county):
    return queries.run(
        conn, "training_untrained", scope=scope, start=YEAR.start, end=YEAR.end, records_end=YEAR.end, county=county
    )


def test_named_queries_run_only_within_the_scope_given(sample):
    conn = sample.connection
    mine = untrained(conn, CLERK.scope, "云岫县")
    assert len(mine) > 0 and set(mine["county"]) == {"云岫县"}
    assert len(untrained(conn, Scope.ALL, "")) > len(mine)
    for scope, county in [(CLERK.scope, "云峤县"), (CLERK.scope, ""), (Scope.NONE, "云岫县"), (None, "云岫县")]:
        with pytest.raises(OutOfScope):
            untrained(conn, scope, county)
    with pytest.raises(OutOfScope):  # no county parameter: the prefecture's scope only
        queries.run(conn, "export_roster", scope=LEADER.scope)
    with pytest.raises(OutOfScope):
        queries.run(conn, "export_roster")
    with pytest.raises(OutOfScope):  # nor as Arrow
        queries.arrow(conn, "export_roster")
    for kind in ("roster", "training", "movements"):
        with pytest.raises(OutOfScope):
            export_frame(sample, kind)  # the default scope is none
    assert len(export_frame(sample, "regions")) > 0  # not named: any scope


def test_a_county_list_is_withheld_while_it_would_give_away_a_hidden_cell():
    county_cell, rank_cell = ("county", "云岫县", "云岫县"), ("rank", "云岫县", "科员")
    unit_cell, other_county = ("unit", "云岫县", "东镇"), ("county", "云峤县", "云峤县")
    pattern = disclosure.Pattern(small=frozenset({unit_cell}), withheld=frozenset({other_county}))
    assert named_lists.give_away(pattern, "云岫县") == []  # a unit adds up to its own county alone
    assert named_lists.give_away(pattern, "云峤县") == [other_county]
    assert named_lists.give_away(disclosure.Pattern(withheld=frozenset({rank_cell})), "云岫县") == [rank_cell]
    assert named_lists.give_away(disclosure.Pattern(small=frozenset({county_cell})), "云岫县") == [county_cell]


def test_the_list_library_checks_scope_then_the_pattern(sample):
    conn = sample.connection
    shown = disclosure.Pattern()
    assert len(named_lists.untrained(conn, CLERK.scope, YEAR, "云岫县", shown)) > 0
    with pytest.raises(OutOfScope):
        named_lists.untrained(conn, CLERK.scope, YEAR, "云峤县", shown)
    hiding = disclosure.Pattern(withheld=frozenset({("county", "云岫县", "云岫县")}))
    with pytest.raises(named_lists.NamesWithheld) as withheld:
        named_lists.untrained(conn, CLERK.scope, YEAR, "云岫县", hiding)
    assert withheld.value.text("zh").startswith("不显示「云岫县」的名单")
    with pytest.raises(named_lists.NamesWithheld):
        named_lists.untrained(conn, CLERK.scope, YEAR, "云岫县")  # no pattern: nothing to check against
    assert len(named_lists.untrained(conn, Scope.ALL, YEAR, "云岫县", hiding)) > 0  # the prefecture sees it
