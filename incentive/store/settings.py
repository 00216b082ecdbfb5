"""App settings an organization department changes rarely: the coverage target, the suppression threshold, the
most hours one training record may carry, the assessment cycle (when counties owe their files), the warning list's
thresholds, and the two texts of the 通报's head (issuing body, 文号); the training targets by rank are a table of
their own (incentive/training/targets.py). Stored in the database (append-only, newest row per key wins), so every
app process and the CLI agree and every change is on record.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass

import duckdb
import pandas as pd

from incentive.i18n import DEFAULT_LANGUAGE, TranslatedError, t
from incentive.store import audit, queries
from incentive.store.database import Database


@dataclass(frozen=True)
class Setting:
    default: float | str
    minimum: float
    maximum: float  # for a text setting: the most characters
    integer: bool = False
    choices: tuple[float, ...] = ()  # when set, only these values (e.g. a cycle of 1 or 3 months)
    # "general"; "schedule": when counties' files are due (incentive/cycle/schedule.py); "bulletin": the 通报's head
    group: str = "general"
    text: bool = False  # a line of text (one line, 1 to `maximum` characters), not a number


SETTINGS = {
    "coverage_target": Setting(90.0, 0.0, 100.0),  # % of cadres trained in a period: the line on coverage charts
    # % of a period's race indicators a unit needs present to be ranked (JRC/OECD: 65; scoring.MIN_COVERAGE)
    "rank_min_coverage": Setting(65.0, 50.0, 100.0),
    "suppression_threshold": Setting(5, 1, 100, integer=True),  # groups smaller than this show `<5`
    # 学时 one training record may carry; more is refused as implausible (docs/data-format.md)
    "max_hours_per_record": Setting(200.0, 1.0, 10000.0),
    "hours_per_day": Setting(0.0, 0.0, 24.0),  # 学时 per day of training, to read `3天` in the hours column; 0 = off
    "idle_minutes": Setting(30, 1, 1440, integer=True),  # a sign-in ends after this long without a page run
    # The most 优秀 a unit's annual appraisal should give, as % of those appraised (公务员考核规定: 优秀 一般掌握在
    # 20% 以内); a county or 单位 above it is flagged (incentive/care/appraisals.py).
    "excellent_quota": Setting(20.0, 0.0, 100.0),
    # The assessment cycle (docs/decisions.md#assessment-cycle): days after a period's end by which counties owe
    # each kind of file, and whether training is owed monthly or quarterly.
    "due_days_race_scores": Setting(15, 0, 366, integer=True, group="schedule"),  # quarterly
    "due_days_welfare": Setting(15, 0, 366, integer=True, group="schedule"),  # half-yearly
    "due_days_training": Setting(15, 0, 366, integer=True, group="schedule"),
    "training_cycle_months": Setting(3, 1, 3, integer=True, choices=(1, 3), group="schedule"),
    "due_days_roster": Setting(31, 0, 366, integer=True, group="schedule"),  # yearly, as of 12-31
    # The 通报's head (incentive/sharing/bulletin.py): placeholders until the department types its own; a 文号 is
    # usually filled in by hand when the document is registered, so the default is a blank to fill.
    "bulletin_issuer": Setting("（发文机关）", 1, 60, group="bulletin", text=True),
    "bulletin_document_no": Setting("（文号）", 1, 50, group="bulletin", text=True),
    # The warning list (docs/decisions.md#alerts): a county in the third tier this many race periods running is a
    # red alert (约谈 candidate); a care indicator below target this many periods running is yellow, one more red.
    "alert_third_tier_periods": Setting(2, 2, 12, integer=True, group="alerts"),
    "alert_care_periods": Setting(2, 2, 12, integer=True, group="alerts"),
}
GROUPS = ("general", "schedule", "alerts", "bulletin")
TEXT_CONTROLS = re.compile(r"[\x00-\x1f\x7f]")  # a setting's text is one line: no tabs, breaks or other controls


def shown(value: object) -> str:
    """A setting's value as a sentence shows it: a whole number without a decimal point (2500, not the 2500.0 a
    form's number input gives), other numbers as written (0.5), text as typed."""
    if isinstance(value, float) and math.isfinite(value):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    return str(value)


def defaults() -> dict[str, float | str]:
    """Every setting at its default (what a Reference carries when no database is involved)."""
    return {key: spec.default for key, spec in SETTINGS.items()}


class SettingError(TranslatedError):
    """A setting value that is not allowed; the sentence names the setting (its label on the Data page and its
    key), the value given and what is allowed, and, when the value it keeps is known (`current`), that nothing
    was saved and which value stays (a text setting's in quotes), number and text settings alike."""

    def text(self, lang: str = DEFAULT_LANGUAGE) -> str:
        said = super().text(lang)
        if "current" in self.params:
            spec = SETTINGS.get(self.params.get("name"))
            kept = "setting_kept_text" if spec is not None and spec.text else "setting_kept"  # text in quotes
            said += t(kept, lang, current=self.params["current"])
        return said


class SettingsRefused(Exception):
    """Values of several settings refused together (the Data page's form): every error, nothing saved."""

    def __init__(self, errors: list[SettingError]) -> None:
        super().__init__("; ".join(error.key for error in errors))
        self.errors = errors


def current(db: Database) -> dict[str, float | str]:
    """Every setting, stored value or default."""
    with contextlib.closing(db.cursor()) as cur:
        return read(cur)


def read(cur: duckdb.DuckDBPyConnection) -> dict[str, float | str]:
    """Every setting as `cur` sees it (inside a transaction, with what it has written)."""
    stored = dict(cur.execute("SELECT key, arg_max(value, changed_at) FROM settings GROUP BY key").fetchall())
    return {key: _parse(key, stored[key]) if key in stored else spec.default for key, spec in SETTINGS.items()}


def group_keys(group: str) -> list[str]:
    """The keys of the settings of `group` (GROUPS), in their order."""
    return [key for key, spec in SETTINGS.items() if spec.group == group]


def changes(con, group: str) -> list[tuple[dt.datetime, str, float | str]]:
    """Every stored change of the settings of `group`, oldest first: (when, key, value) (queries/settings_changes.sql).
    `con`: a connection, a cursor or a pinned view (the whole history either way)."""
    found = queries.run(con, "settings_changes", keys=group_keys(group))
    return [
        (pd.Timestamp(row.changed_at).to_pydatetime(), row.key, _parse(row.key, row.value))
        for row in found.itertuples(index=False)
    ]


def version_in(cur: duckdb.DuckDBPyConnection, group: str) -> str:
    """Changes with every change of a setting of `group`: with the values in force, the cache key of what its
    history decides (the schedule each period is judged by: values changed and changed back read as before, but
    the periods over in between are judged by the version then in force)."""
    count, latest = cur.execute(
        "SELECT count(*), max(changed_at) FROM settings WHERE list_contains($keys, key)", {"keys": group_keys(group)}
    ).fetchone()
    return f"{count}.{latest}"


def allowed(key: str) -> str:
    """What setting `key` accepts, for a form's help: its range `0–366` (the form says "whole number" for a
    whole-number setting), or its choices `1 / 3`."""
    spec = SETTINGS[key]
    if spec.choices:
        return " / ".join(f"{c:g}" for c in spec.choices)
    return f"{spec.minimum:g}–{spec.maximum:g}"


def explained(key: str, value: float | str, lang: str) -> str:
    """Setting `key` in one sentence: its label (what it means, as the Data page names it), its key, `value` (the
    one in force), its default and what it accepts: `incentive settings KEY`. SettingError for an unknown key."""
    if key not in SETTINGS:
        raise SettingError("setting_unknown", name=key, names=", ".join(SETTINGS))
    spec = SETTINGS[key]
    if spec.text:
        accepts = t("setting_accepts_text", lang, low=int(spec.minimum), high=int(spec.maximum))
    elif spec.integer and not spec.choices:
        accepts = t("setting_accepts_whole", lang, range=allowed(key))
    else:
        accepts = allowed(key)

    def shown(v: float | str) -> str:
        return v if isinstance(v, str) else f"{v:g}"

    return t(
        "setting_explained",
        lang,
        label=t(f"setting_{key}", lang),
        name=key,
        value=shown(value),
        default=shown(spec.default),
        accepts=accepts,
    )


def save(db: Database, key: str, value: object, changed_by: str) -> float | str:
    """Store a new value of setting `key` (a number or its text) with its audit row ("setting", the key, the value
    stored) in one transaction; returns the value stored (an int for integer settings, the text stripped for text
    settings). SettingError, and nothing written, for an unknown key, a value outside the setting's range (its
    sentence says the value kept), or a text that is empty, too long or more than one line."""
    number = _parse(key, value, current(db).get(key))
    db.serial_write(lambda cur: _write(cur, key, number, changed_by))
    return number


def save_changes(db: Database, entered: Mapping[str, object], changed_by: str) -> list[str]:
    """The Data page's form: every value of `entered` (key -> number or text) is checked first; when any is not
    allowed, SettingsRefused with every error and nothing is saved (one wrong field must not half-save a form the
    user reads as one). Otherwise the values that differ from the stored ones are saved in one transaction, each
    with its audit row; returns their keys, in the order given (none: nothing changed, nothing written)."""
    stored = current(db)
    numbers, errors = {}, []
    for key, value in entered.items():
        try:
            numbers[key] = _parse(key, value, stored.get(key))
        except SettingError as error:
            errors.append(error)
    if errors:
        raise SettingsRefused(errors)
    changed = [key for key, number in numbers.items() if number != stored[key]]

    def write(cur) -> None:
        at = dt.datetime.now()  # one moment for the form: one new version of the schedule, not one per field
        for key in changed:
            _write(cur, key, numbers[key], changed_by, at)

    if changed:
        db.serial_write(write)
    return changed


def _write(
    cur: duckdb.DuckDBPyConnection, key: str, number: float | str, changed_by: str, at: dt.datetime | None = None
) -> None:
    """One setting's row, dated inside a serial write (Database.serial_write), as a pinned link's moment is taken
    (permalinks.pin): the coverage setting a ranking reads is read at a pinned link's moment, and the schedule's
    history dates each version by it. `at`: the moment of the whole write (default now)."""
    cur.execute(
        "INSERT INTO settings VALUES ($key, $value, $at, $by)",
        {"key": key, "value": str(number), "at": at or dt.datetime.now(), "by": changed_by},
    )
    audit.write(cur, changed_by, "setting", target=key, detail=str(number))


def _parse(key: str, value: object, kept: float | str | None = None) -> float | str:
    """`value` as setting `key` stores it; SettingError naming what is allowed (and, with `kept`, the value that
    stays)."""
    if key not in SETTINGS:
        raise SettingError("setting_unknown", name=key, names=", ".join(SETTINGS))
    spec = SETTINGS[key]
    if spec.text:
        text = str(value).strip()
        if not int(spec.minimum) <= len(text) <= int(spec.maximum) or TEXT_CONTROLS.search(text):
            raise SettingError(
                "setting_bad_text",
                name=key,
                label=("i18n", f"setting_{key}"),
                low=int(spec.minimum),
                high=int(spec.maximum),
                **({"current": kept} if kept is not None else {}),
            )
        return text
    said = {"label": ("i18n", f"setting_{key}"), "name": key, "value": shown(value)}
    if kept is not None:
        said["current"] = shown(float(kept))
    try:
        number = float(str(value).strip())
    except ValueError:
        number = math.nan
    if spec.choices and number not in spec.choices:
        raise SettingError("setting_not_a_choice", **said, choices=" / ".join(f"{c:g}" for c in spec.choices))
    if not math.isfinite(number):
        raise SettingError("setting_not_number", **said, low=spec.minimum, high=spec.maximum)
    if spec.integer and number != int(number):
        raise SettingError("setting_not_whole", **said, low=spec.minimum, high=spec.maximum)
    if not spec.minimum <= number <= spec.maximum:
        code = "setting_out_of_range_whole" if spec.integer else "setting_out_of_range"
        raise SettingError(code, **said, low=spec.minimum, high=spec.maximum)
    return int(number) if spec.integer else number
