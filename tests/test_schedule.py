"""The assessment cycle's schedule (incentive/cycle/schedule.py): periods owed, deadlines, where received data
fall; its settings (docs/decisions.md#assessment-cycle)."""

from __future__ import annotations

import datetime as dt

import pytest

from incentive.cycle import schedule
from incentive.store import settings


def test_default_schedule():
    rules = schedule.rules(settings.defaults())
    assert {kind: (rule.form, rule.due_days) for kind, rule in rules.items()} == {
        "race_scores": ("Q", 15),
        "welfare": ("H", 15),
        "training": ("Q", 15),
        "roster": ("Y", 31),
        "movements": ("Y", None),
    }
    assert rules["race_scores"].periods(2025) == ["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4"]
    assert rules["race_scores"].deadline("2025-Q1") == dt.date(2025, 4, 15)
    assert rules["welfare"].deadline("2025-H2") == dt.date(2026, 1, 15)
    assert rules["roster"].deadline("2025") == dt.date(2026, 1, 31)
    assert rules["movements"].deadline("2025") is None


def test_training_monthly_and_other_due_days():
    config = {**settings.defaults(), "training_cycle_months": 1, "due_days_training": 10, "due_days_race_scores": 0}
    rules = schedule.rules(config)
    assert rules["training"].periods(2025)[:2] == ["2025-01", "2025-02"] and len(rules["training"].periods(2025)) == 12
    assert rules["training"].deadline("2025-02") == dt.date(2025, 3, 10)
    assert rules["race_scores"].deadline("2025-Q4") == dt.date(2025, 12, 31)  # due on the last day


def test_where_received_data_fall():
    rules = schedule.rules(settings.defaults())
    assert schedule.slot_period(rules["race_scores"], "2025-Q3") == "2025-Q3"
    assert schedule.slot_period(rules["race_scores"], "2025-H1") is None  # not a quarter: not what is owed
    assert schedule.slot_period(rules["training"], "2025-08") == "2025-Q3"
    assert schedule.slot_period(rules["roster"], "2025-12") == "2025"
    assert schedule.slot_period(rules["welfare"], "2025-H2") == "2025-H2"


def test_schedule_settings_are_checked(db):
    assert settings.save(db, "due_days_race_scores", "20", "test") == 20
    assert settings.save(db, "training_cycle_months", "1", "test") == 1
    for key, value in [("training_cycle_months", 2), ("due_days_roster", -1), ("due_days_welfare", 400)]:
        with pytest.raises(settings.SettingError):
            settings.save(db, key, value, "test")
    assert schedule.rules(settings.current(db))["training"].form == "M"


# ---- a change of schedule is not retroactive (docs/decisions.md#a-change-of-schedule-is-not-retroactive)

DEFAULTS = settings.defaults()
CHANGED = dt.datetime(2026, 5, 10, 9, 30)  # in the middle of 2026-Q2
MONTHLY = {**DEFAULTS, "training_cycle_months": 1, "due_days_training": 5}


def monthly_from(when: dt.datetime) -> schedule.Schedule:
    """Training quarterly and due 15 days after until `when`, then monthly and due 5 days after."""
    changes = [(when, "training_cycle_months", 1), (when, "due_days_training", 5)]
    return schedule.history(DEFAULTS, changes, MONTHLY)


def test_no_change_is_the_schedule_of_the_settings_for_every_period():
    plan = schedule.history(DEFAULTS, [], DEFAULTS)
    assert plan == schedule.constant(DEFAULTS) and len(plan.versions) == 1
    assert plan.periods("training", 2025) == ["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4"]
    assert plan.deadline("race_scores", "2025-Q1") == dt.date(2025, 4, 15)
    assert plan.deadline("roster", "2025") == dt.date(2026, 1, 31)
    assert plan.deadline("movements", "2025") is None
    monthly = schedule.constant(MONTHLY)  # a caller's settings, never stored: in force throughout
    assert monthly.periods("training", 2025)[:2] == ["2025-01", "2025-02"]
    assert monthly.deadline("training", "2025-02") == dt.date(2025, 3, 5)


def test_a_period_over_before_the_change_keeps_its_due_days_and_its_cycle():
    plan = monthly_from(CHANGED)
    # 2025 and 2026-Q1 were over before the change: quarterly, due 15 days after, as when they were owed
    assert plan.periods("training", 2025) == ["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4"]
    assert plan.deadline("training", "2025-Q4") == dt.date(2026, 1, 15)
    assert plan.deadline("training", "2026-Q1") == dt.date(2026, 4, 15)
    # 2026-Q2 had begun quarterly: still one quarterly file, due by the days in force when it is over (5)
    # 2026-Q3 on: monthly, due 5 days after each month
    assert plan.periods("training", 2026) == ["2026-Q1", "2026-Q2", *(f"2026-{m:02d}" for m in range(7, 13))]
    assert plan.deadline("training", "2026-Q2") == dt.date(2026, 7, 5)
    assert plan.deadline("training", "2026-07") == dt.date(2026, 8, 5)
    assert plan.periods("training", 2027)[:3] == ["2027-01", "2027-02", "2027-03"]
    # received data fall in the periods as they are owed
    assert plan.place("training", "2026-05") == "2026-Q2"
    assert plan.place("training", "2026-08") == "2026-08"
    assert plan.place("training", "2025-08") == "2025-Q3"
    # the other kinds keep their form; their due days were not changed
    assert plan.deadline("race_scores", "2026-Q2") == dt.date(2026, 7, 15)
    assert plan.place("race_scores", "2026-Q2") == "2026-Q2" and plan.place("race_scores", "2026-H1") is None


def test_a_change_on_a_periods_last_day_applies_to_it_one_after_it_does_not():
    on_the_last_day = schedule.history(
        DEFAULTS,
        [(dt.datetime(2026, 3, 31, 23, 59), "due_days_race_scores", 30)],
        {
            **DEFAULTS,
            "due_days_race_scores": 30,
        },
    )
    assert on_the_last_day.deadline("race_scores", "2026-Q1") == dt.date(2026, 4, 30)
    the_day_after = schedule.history(
        DEFAULTS,
        [(dt.datetime(2026, 4, 1), "due_days_race_scores", 30)],
        {
            **DEFAULTS,
            "due_days_race_scores": 30,
        },
    )
    assert the_day_after.deadline("race_scores", "2026-Q1") == dt.date(2026, 4, 15)  # over: not judged again
    assert the_day_after.deadline("race_scores", "2026-Q2") == dt.date(2026, 7, 30)


def test_back_to_quarterly_in_the_middle_of_a_quarter_keeps_its_months():
    changes = [(dt.datetime(2025, 12, 20), "training_cycle_months", 1), (CHANGED, "training_cycle_months", 3)]
    plan = schedule.history(DEFAULTS, changes, DEFAULTS)
    assert plan.periods("training", 2025) == ["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4"]
    # monthly from 2026-Q1 (begun after the first change); 2026-Q2 had begun monthly, so April to June stay months
    assert plan.periods("training", 2026) == [*(f"2026-{m:02d}" for m in range(1, 7)), "2026-Q3", "2026-Q4"]
    assert plan.place("training", "2026-04") == "2026-04"
    assert plan.place("training", "2026-07") == "2026-Q3"


def test_the_values_before_the_first_change_are_the_defaults_the_newest_are_the_settings_in_force():
    changes = [
        (dt.datetime(2025, 6, 1), "due_days_welfare", 20),
        (dt.datetime(2026, 2, 1), "due_days_welfare", 25),
    ]
    plan = schedule.history(DEFAULTS, changes, {**DEFAULTS, "due_days_welfare": 25})
    assert plan.deadline("welfare", "2025-H1") == dt.date(2025, 7, 20)  # over after the first change
    assert plan.deadline("welfare", "2024-H2") == dt.date(2025, 1, 15)  # before any change: the default
    assert plan.deadline("welfare", "2026-H1") == dt.date(2026, 7, 25)
    # the settings the caller read hold from the newest change on (the same, but for a caller's own)
    own = schedule.history(DEFAULTS, changes, {**DEFAULTS, "due_days_welfare": 40})
    assert own.deadline("welfare", "2025-H2") == dt.date(2026, 1, 20)
    assert own.deadline("welfare", "2026-H1") == dt.date(2026, 8, 9)
    # changes made together (one form saved) are one version
    assert len(monthly_from(CHANGED).versions) == 2
