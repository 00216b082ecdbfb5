"""When counties owe their files (docs/decisions.md#assessment-cycle). Pure: the rules come from the settings
(incentive/store/settings.py, group "schedule"), the periods and deadlines from the calendar.

| kind        | owed for each               | due                                   |
| ----------- | --------------------------- | ------------------------------------- |
| race_scores | quarter                     | `due_days_race_scores` after its end  |
| welfare     | half-year                   | `due_days_welfare` after its end      |
| training    | quarter or month (setting)  | `due_days_training` after its end     |
| roster      | year (the snapshot of 12-31)| `due_days_roster` after its end       |
| movements   | as they happen: no deadline | —                                     |

The settings change, and every change is kept: a period is judged by the version of the schedule in force for it
(`Schedule`, docs/decisions.md#a-change-of-schedule-is-not-retroactive), never by today's alone. Its due days are
those in force when it is over (at the end of its last day); the months of a quarter are owed as one quarterly
training file or as three monthly ones by the cycle in force when the quarter began.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Mapping
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


@dataclass(frozen=True)
class Version:
    """The schedule from one moment on: `since` when it came into force (None: from the beginning, before any
    stored change), `rules` one Rule per kind, in KINDS order."""

    since: dt.datetime | None
    rules: tuple[Rule, ...]

    def rule(self, kind: str) -> Rule:
        return self.rules[KINDS.index(kind)]


@dataclass(frozen=True)
class Schedule:
    """Every version of the schedule, oldest first: what each period is owed and judged by. A change applies to the
    periods not yet over when it is made, never to one already over: a period's due days are those of the version
    in force at the end of its last day, and the training of a quarter is owed quarterly or monthly by the cycle in
    force when the quarter began, so that a quarter already running keeps the files it was begun with."""

    versions: tuple[Version, ...]

    def at(self, moment: dt.datetime) -> Version:
        """The version in force at `moment` (a change made at that very moment included)."""
        return next(v for v in reversed(self.versions) if v.since is None or v.since <= moment)

    def periods(self, kind: str, year: int) -> list[str]:
        """The periods of `year` that `kind` is owed for, in calendar order: training by quarter, each quarter
        cut as its cycle says (quarter_form)."""
        if kind != "training":
            return self.at(_start(dt.date(year, 1, 1))).rule(kind).periods(year)
        out = []
        for quarter in range(1, 5):
            if self.quarter_form(year, quarter) == "Q":
                out.append(f"{year}-Q{quarter}")
            else:
                out += [f"{year}-{m:02d}" for m in range(3 * quarter - 2, 3 * quarter + 1)]
        return out

    def quarter_form(self, year: int, quarter: int) -> str:
        """'Q' or 'M': how the training of the quarter is owed, by the cycle in force when it began."""
        return self.at(_start(dt.date(year, 3 * quarter - 2, 1))).rule("training").form

    def rule(self, kind: str, period: str) -> Rule:
        """The rule `period` of `kind` is judged by: its own form, and the due days in force when it is over."""
        last = dt.datetime.combine(periods.bounds(period)[1], dt.time.max)  # a change at midnight is the next day's
        return Rule(kind, periods.form(period), self.at(last).rule(kind).due_days)

    def deadline(self, kind: str, period: str) -> dt.date | None:
        """The last day on which a file of `kind` for `period` is on time, by the rule it is judged by."""
        return self.rule(kind, period).deadline(period)

    def place(self, kind: str, slot: str) -> str | None:
        """The owed period of `kind` that a piece of received data falls in (slot_period): a month of training in
        its month or its quarter, as that quarter is owed; None when it falls in none."""
        if kind != "training" or periods.form(slot) != "M":  # the other kinds' forms never change
            return slot_period(self.at(_start(dt.date(int(slot[:4]), 1, 1))).rule(kind), slot)
        year, month = int(slot[:4]), int(slot[5:7])
        form = self.quarter_form(year, (month - 1) // 3 + 1)
        return slot_period(Rule(kind, form, None), slot)


def _start(day: dt.date) -> dt.datetime:
    """The first moment of `day`."""
    return dt.datetime.combine(day, dt.time())


def history(
    first: Mapping[str, float], changes: Iterable[tuple[dt.datetime, str, float]], now: Mapping[str, float]
) -> Schedule:
    """The schedule's versions from the settings' history: `first` the values before any stored change (the
    settings' defaults: what was read while a key had no row), `changes` (when, key, value) every stored change of
    the schedule's settings, `now` the values in force (settings.current), which hold from each key's newest
    change on, and throughout for a key never changed. Changes made at one moment make one version."""
    ordered = sorted(changes, key=lambda change: change[0])
    newest = {key: when for when, key, _ in ordered}
    values = {**first, **{key: value for key, value in now.items() if key not in newest}}
    versions = [Version(None, _in_order(values))]
    for when, together in itertools.groupby(ordered, key=lambda change: change[0]):
        for _, key, value in together:
            values[key] = now.get(key, value) if when == newest[key] else value
        versions.append(Version(when, _in_order(values)))
    return Schedule(tuple(versions))


def _in_order(values: Mapping[str, float]) -> tuple[Rule, ...]:
    found = rules(values)
    return tuple(found[kind] for kind in KINDS)


def constant(config: Mapping[str, float]) -> Schedule:
    """The schedule of `config` for every period: one version, as if never changed."""
    return history(config, [], config)
