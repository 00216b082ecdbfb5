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
