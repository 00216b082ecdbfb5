"""App settings an organization department changes rarely: the hours target, the coverage target, the
suppression threshold, the most hours one training record may carry, the assessment cycle (when counties owe their
files), the warning list's thresholds. Stored in the database (append-only, newest row per key wins), so every app
process and the CLI agree and every change is on record.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
from dataclasses import dataclass

import duckdb

from incentive.i18n import TranslatedError
from incentive.store import audit
from incentive.store.database import Database


@dataclass(frozen=True)
class Setting:
    default: float
    minimum: float
    maximum: float
    integer: bool = False
    choices: tuple[float, ...] = ()  # when set, only these values (e.g. a cycle of 1 or 3 months)
    group: str = "general"  # "general", or "schedule": when counties' files are due (incentive/cycle/schedule.py)


SETTINGS = {
    "hours_target": Setting(110.0, 0.0, 2000.0),  # 学时 a cadre should reach in a year (prorated for shorter periods)
    "coverage_target": Setting(90.0, 0.0, 100.0),  # % of cadres trained in a period: the line on coverage charts
    "suppression_threshold": Setting(5, 1, 100, integer=True),  # groups smaller than this show `<5`
    # 学时 one training record may carry; more is refused as implausible (docs/data-format.md)
    "max_hours_per_record": Setting(200.0, 1.0, 10000.0),
    "hours_per_day": Setting(0.0, 0.0, 24.0),  # 学时 per day of training, to read `3天` in the hours column; 0 = off
    "idle_minutes": Setting(30, 1, 1440, integer=True),  # a sign-in ends after this long without a page run
    # The assessment cycle (docs/decisions.md#assessment-cycle): days after a period's end by which counties owe
    # each kind of file, and whether training is owed monthly or quarterly.
    "due_days_race_scores": Setting(15, 0, 366, integer=True, group="schedule"),  # quarterly
    "due_days_welfare": Setting(15, 0, 366, integer=True, group="schedule"),  # half-yearly
    "due_days_training": Setting(15, 0, 366, integer=True, group="schedule"),
    "training_cycle_months": Setting(3, 1, 3, integer=True, choices=(1, 3), group="schedule"),
    "due_days_roster": Setting(31, 0, 366, integer=True, group="schedule"),  # yearly, as of 12-31
    # The warning list (docs/decisions.md#alerts): a county in the third tier this many race periods running is a
    # red alert (约谈 candidate); a care indicator below target this many periods running is yellow, one more red.
    "alert_third_tier_periods": Setting(2, 2, 12, integer=True, group="alerts"),
    "alert_care_periods": Setting(2, 2, 12, integer=True, group="alerts"),
}
GROUPS = ("general", "schedule", "alerts")


def defaults() -> dict[str, float]:
    """Every setting at its default (what a Reference carries when no database is involved)."""
    return {key: spec.default for key, spec in SETTINGS.items()}


class SettingError(TranslatedError):
    """A setting value that is not allowed; the sentence says the range."""


def current(db: Database) -> dict[str, float]:
    """Every setting, stored value or default."""
    with contextlib.closing(db.cursor()) as cur:
        return read(cur)


def read(cur: duckdb.DuckDBPyConnection) -> dict[str, float]:
    """Every setting as `cur` sees it (inside a transaction, with what it has written)."""
    stored = dict(cur.execute("SELECT key, arg_max(value, changed_at) FROM settings GROUP BY key").fetchall())
    return {key: _parse(key, stored[key]) if key in stored else spec.default for key, spec in SETTINGS.items()}


def save(db: Database, key: str, value: object, changed_by: str) -> float:
    """Store a new value of setting `key` (a number or its text) with its audit row ("setting", the key, the value
    stored) in one transaction; returns the value stored (an int for integer settings). SettingError, and nothing
    written, for an unknown key or a value outside the setting's range."""
    number = _parse(key, value)
    with db.transaction() as cur:
        cur.execute(
            "INSERT INTO settings VALUES ($key, $value, $at, $by)",
            {"key": key, "value": str(number), "at": dt.datetime.now(), "by": changed_by},
        )
        audit.write(cur, changed_by, "setting", target=key, detail=str(number))
    return number


def _parse(key: str, value: object) -> float:
    if key not in SETTINGS:
        raise SettingError("setting_unknown", name=key, names=", ".join(SETTINGS))
    spec = SETTINGS[key]
    try:
        number = float(str(value).strip())
    except ValueError:
        number = math.nan
    if (
        not math.isfinite(number)
        or not spec.minimum <= number <= spec.maximum
        or (spec.integer and number != int(number))
    ):
        raise SettingError("setting_bad_value", name=key, value=value, low=spec.minimum, high=spec.maximum)
    if spec.choices and number not in spec.choices:
        raise SettingError(
            "setting_bad_choice", name=key, value=value, choices=" / ".join(f"{c:g}" for c in spec.choices)
        )
    return int(number) if spec.integer else number
