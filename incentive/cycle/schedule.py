"""When counties owe their files (docs/decisions.md#assessment-cycle). Pure: the rules come from the settings
(incentive/store/settings.py, group "schedule"), the periods and deadlines from the calendar.

| kind        | owed for each               | due                                   |
| ----------- | --------------------------- | ------------------------------------- |
| race_scores | quarter                     | `due_days_race_scores` after its end  |
| welfare     | half-year                   | `due_days_welfare` after its end      |
| training    | quarter or month (setting)  | `due_days_training` after its end     |
| roster      | year (the snapshot of 12-31)| `due_days_roster` after its end       |
| movements   | as they happen: no deadline | —                                     |
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from incentive import periods

KINDS = ("race_scores", "welfare", "training", "roster", "movements")  # what counties send; regions and the
# catalog are the prefecture's own


@dataclass(frozen=True)
class Rule:
    """One kind of file: the form of the periods it is owed for ('Q', 'H', 'M', 'Y') and the days after a period's
    end by which it is due (None: no deadline, sent as things happen)."""

    kind: str
    form: str
    due_days: int | None

    def periods(self, year: int) -> list[str]:
        """The periods of `year` this kind is owed for, in calendar order."""
        if self.form == "Y":
            return [str(year)]
        if self.form == "H":
            return [f"{year}-H1", f"{year}-H2"]
        if self.form == "Q":
            return [f"{year}-Q{q}" for q in range(1, 5)]
        return [f"{year}-{m:02d}" for m in range(1, 13)]

    def deadline(self, period: str) -> dt.date | None:
        """The last day on which a file for `period` is on time: the period's last day plus the due days."""
        if self.due_days is None:
            return None
        return periods.bounds(period)[1] + dt.timedelta(days=self.due_days)


def rules(config: Mapping[str, float]) -> dict[str, Rule]:
    """The schedule in force, by kind, from the settings (settings.current)."""
    return {
        "race_scores": Rule("race_scores", "Q", int(config["due_days_race_scores"])),
        "welfare": Rule("welfare", "H", int(config["due_days_welfare"])),
        "training": Rule(
            "training", "M" if int(config["training_cycle_months"]) == 1 else "Q", int(config["due_days_training"])
        ),
        "roster": Rule("roster", "Y", int(config["due_days_roster"])),
        "movements": Rule("movements", "Y", None),
    }


def slot_period(rule: Rule, slot: str) -> str | None:
    """The period of `rule` that a piece of received data falls in: a stored period (race scores, welfare) is its
    own period when it has the rule's form, else in none; a month ('2026-08', of a dated record or a roster's
    as-of date) falls in the quarter, month or year containing it."""
    if rule.kind in ("race_scores", "welfare"):
        return slot if periods.form(slot) == rule.form else None
    year, month = int(slot[:4]), int(slot[5:7])
    if rule.form == "Y":
        return str(year)
    if rule.form == "H":
        return f"{year}-H{1 if month <= 6 else 2}"
    if rule.form == "Q":
        return f"{year}-Q{(month - 1) // 3 + 1}"
    return f"{year}-{month:02d}"
