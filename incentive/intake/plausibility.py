"""Plausible values: bounds a stored value must lie in, and unusual changes from the previous period.

Pure: works on a preview's parsed rows (or stored rows shaped alike) and the `Reference` (catalog bounds, settings);
`checks` reads the stored data these rules compare with. The rules, with examples, are in docs/data-format.md
(合理范围与异常变动 · Plausible values and unusual changes).

- Bounds (refusals): a catalog version's `min`/`max` (合理下限/合理上限), each replacing the default of its side;
  defaults by unit: a `%` rate (名称含「率」, higher is better, not a rate of change) lies in 0–100, a count (件, 人,
  次, …) is ≥ 0; the hours of one training record lie in (0, max_hours_per_record]. Bounds are inclusive. Around
  them all, no figure (an indicator's value, a catalog's weight, target, min or max) lies beyond MAGNITUDE_LIMIT in
  absolute value, in any unit: the outermost bound, which no catalog widens (docs/decisions.md#magnitude-limit).
- A whole column in another unit (warnings): a file's values of an indicator whose median ratio to the stored values
  they are compared with (each unit's own latest earlier value, else the prefecture's typical one), on the scale of
  the catalog unit in force for the file's period, is ≥ SHIFT_FACTOR or ≤ 1 / SHIFT_FACTOR, or lies nearer the
  ratio of a catalog unit change between the two periods than 1 (still on the old scale); rates of change left out.
- Unusual changes (warnings): a unit's change from the previous stored period beyond Q1 − 3·w or Q3 + 3·w of the
  changes of its peers (same indicator, level and period), w = max(IQR, 5 % of the peers' typical level, 1 for
  whole numbers), among at least 5 peers.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from dataclasses import dataclass

import numpy as np
import pandas as pd

from incentive import periods
from incentive.i18n import LANGUAGES, localize, t
from incentive.intake import units
from incentive.intake.file_kinds import VALUE_KINDS
from incentive.intake.preview import Note, Problem, Reference, number_text
from incentive.intake.units import COUNT_UNITS  # also whole numbers (ingest: count_not_whole)

PERCENT_UNITS = frozenset(("%", "％"))
# A rate of change (增长率, 增速, 同比…) may be negative or above 100 %: no default range.
CHANGE_WORDS = ("增长", "增速", "增幅", "增减", "变化", "变动", "同比", "环比", "下降", "降幅", "提升", "提高")

# No figure of a county or township is a million million or more in any unit the catalog uses (the largest county
# economies are a few 1e11 元): beyond it a value is extra digits or a wrong unit, and beyond 1e308 it is not even
# a number (inf), which made the unusual-change hint print "+inf".
MAGNITUDE_LIMIT = 1e12
# The columns of a catalog that hold figures (a class's weights, `weight:<class>`, too).
CATALOG_FIGURES = ("weight", "target", "min", "max")

FENCE = 3.0  # how many widths beyond the quartiles a change must lie to be unusual
MIN_PEERS = 5  # units (the unit itself included) with a value in both periods; fewer: no warning
LEVEL_SHARE = 0.05  # the width is at least this share of the peers' typical (median absolute) previous value
# A file's values of an indicator whose median ratio to the same units' previous values is this or more (or its
# inverse or less) are in another unit than before: the slips are factors of 100 (a percent as a fraction), 1,000
# and 10,000 (元/千元, 万元/亿元), still 50 or more after a real change of a half; a level moving 30-fold in one
# period across the median unit is no real change (docs/decisions.md#a-whole-column-in-another-unit).
SHIFT_FACTOR = 30.0
# A catalog unit change of this ratio or more between a stored period and the file's (亿元 after 万元: 10,000; 亿元
# after 千万元: 10) makes a file still written in the old unit the likely slip: its values then sit at that ratio
# from the stored ones on the new scale, and at about 1 from them as stored, where the rule above saw nothing
# (docs/decisions.md#a-whole-column-in-another-unit). Smaller changes (学时 and 课时, 1) are no such slip.
UNIT_CHANGE_MIN = 10.0


@dataclass(frozen=True)
class Bounds:
    """Where a value may lie: low ≤ v ≤ high (low < v when `low_open`); None is no bound on that side."""

    low: float | None = None
    high: float | None = None
    low_open: bool = False
    low_from_catalog: bool = False
    high_from_catalog: bool = False

    @property
    def range_text(self) -> str:
        """`0–100`, `≥ 0`, `≤ 100`: the same in both languages."""
        if self.low is not None and self.high is not None:
            return f"{number_text(self.low)}–{number_text(self.high)}"
        if self.low is not None:
            return f"{'>' if self.low_open else '≥'} {number_text(self.low)}"
        return f"≤ {number_text(self.high)}"

    def outside(self, values: np.ndarray) -> np.ndarray:
        """True where a value lies outside (missing values never do)."""
        low = -math.inf if self.low is None else self.low
        high = math.inf if self.high is None else self.high
        with np.errstate(invalid="ignore"):
            below = values <= low if self.low_open else values < low
            return below | (values > high)


def beyond_limit(values: np.ndarray) -> np.ndarray:
    """True where a number lies beyond MAGNITUDE_LIMIT in absolute value, infinities included (missing: never)."""
    with np.errstate(invalid="ignore"):
        return np.abs(values) > MAGNITUDE_LIMIT


def hours_bounds(settings: dict) -> Bounds:
    """The hours of one training record: more than 0, at most the setting `max_hours_per_record`."""
    return Bounds(0.0, float(settings.get("max_hours_per_record", 200.0)), low_open=True)


def indicator_bounds(version: dict) -> Bounds | None:
    """The bounds of one catalog version: its own `min`/`max`, each replacing the default by unit of its side."""
    low, high = _given(version.get("min")), _given(version.get("max"))
    default_low = default_high = None
    unit = (version.get("unit") or "").strip()
    name = version.get("name") or ""
    if unit in PERCENT_UNITS and version.get("direction") == "higher" and "率" in name and not is_rate_of_change(name):
        default_low, default_high = 0.0, 100.0
    elif unit in COUNT_UNITS:
        default_low = 0.0
    bounds = Bounds(
        default_low if low is None else low,
        default_high if high is None else high,
        low_from_catalog=low is not None,
        high_from_catalog=high is not None,
    )
    return None if bounds.low is None and bounds.high is None else bounds


def is_rate_of_change(name: str) -> bool:
    """Whether an indicator's name says it is a rate of change (增长率, 增速, 同比…): it may be negative, above 100 %,
    near zero or cross it."""
    return any(word in name for word in CHANGE_WORDS)


def version_in_force(versions: list[dict], period: str | None) -> dict:
    """The catalog version in force for a period: the latest `effective_from` ≤ the period (an empty one means
    from the beginning); before every version, the earliest, for the checks of a value the importer refuses anyway
    (value_cells._refuse_before_first_version; docs/decisions.md#catalog-versions)."""

    def start(version: dict) -> dt.date:
        return periods.bounds(version["effective_from"])[0] if version.get("effective_from") else dt.date.min

    if period is None:
        return max(versions, key=start)
    begins = periods.bounds(period)[0]
    valid = [v for v in versions if start(v) <= begins]
    return max(valid, key=start) if valid else min(versions, key=start)


def columns_needed(kind: str | None, columns: list[str]) -> list[str]:
    """The columns of a preview's rows `out_of_bounds` reads for this kind (of `columns`, the rows' own; none: it
    checks nothing): a training file's ten million rows are read for their hours and lines only."""
    if kind == "training":
        return ["source_row", "hours"]
    return columns if kind in VALUE_KINDS or kind == "indicators" else []


def out_of_bounds(rows: pd.DataFrame, kind: str | None, reference: Reference, labels: dict[str, str]) -> list[Problem]:
    """One located problem per value outside its plausible bounds (row = `source_row`, column = the label the
    value came from), in the order of the rows; for a catalog, one per version whose min is above its max."""
    if rows is None or rows.empty:
        return []
    if kind in VALUE_KINDS:
        return _values_out_of_bounds(rows, reference, labels)
    if kind == "training":
        return _hours_out_of_bounds(rows, reference, labels)
    if kind == "indicators":
        found = _catalog_figures_beyond_limit(rows, labels)
        if "min" in rows.columns and "max" in rows.columns:
            found += _inverted_bounds(rows, labels)
        return sorted(found, key=lambda p: p.row or 0)
    return []


def _values_out_of_bounds(rows: pd.DataFrame, reference: Reference, labels: dict[str, str]) -> list[Problem]:
    versions: dict[str, list[dict]] = defaultdict(list)
    for version in reference.indicators:
        versions[version["code"]].append(version)
    values = _floats(rows["value"])
    keys = list(zip(rows["indicator"].tolist(), rows["period"].tolist(), strict=False))
    in_force: dict[tuple, tuple[dict, Bounds] | None] = {}
    for code, period in set(keys):
        if code in versions:
            version = version_in_force(versions[code], period if isinstance(period, str) and period else None)
            bounds = indicator_bounds(version)
            in_force[code, period] = None if bounds is None else (version, bounds)
        else:
            in_force[code, period] = None
    found = [in_force[key] for key in keys]
    low = np.array([-math.inf if f is None or f[1].low is None else f[1].low for f in found], dtype=float)
    high = np.array([math.inf if f is None or f[1].high is None else f[1].high for f in found], dtype=float)
    beyond = beyond_limit(values)
    with np.errstate(invalid="ignore"):
        outside = (values < low) | (values > high) | beyond  # catalog and unit bounds are closed (hours' low is open)
    problems = []
    source_rows = rows["source_row"].tolist()
    for i in np.flatnonzero(outside):
        code, period = keys[i]
        # a wide file's column of an indicator at a period (a header may name another indicator at another period)
        label = labels.get(f"indicator:{code}@{period}") or labels.get("value")
        if beyond[i]:  # the outermost bound, whatever the catalog says
            problems.append(_beyond_limit(source_rows[i], label, values[i]))
            continue
        version, bounds = in_force[keys[i]]
        high_side = bounds.high is not None and values[i] > bounds.high
        from_catalog = bounds.high_from_catalog if high_side else bounds.low_from_catalog
        shown = number_text(values[i])  # the stored value; ingest.check_rows puts back a converted cell's text
        problems.append(
            Problem(
                "implausible_catalog" if from_catalog else "implausible_default",
                _row(source_rows[i]),
                label,
                shown,
                {"range": bounds.range_text, "side": ("i18n", "bound_high" if high_side else "bound_low")},
            )
        )
    return problems


def _hours_out_of_bounds(rows: pd.DataFrame, reference: Reference, labels: dict[str, str]) -> list[Problem]:
    bounds = hours_bounds(reference.settings)
    values = _floats(rows["hours"])
    outside = np.flatnonzero(bounds.outside(values))  # ten million records: only the few outside leave numpy
    source_rows = rows["source_row"].iloc[outside].tolist()
    return [
        Problem("implausible_hours", _row(row), labels.get("hours"), number_text(values[i]), {"high": bounds.high})
        for i, row in zip(outside, source_rows, strict=False)
    ]


def _beyond_limit(row, label: str | None, value: float) -> Problem:
    return Problem("implausible_magnitude", _row(row), label, number_text(value))


def _catalog_figures_beyond_limit(rows: pd.DataFrame, labels: dict[str, str]) -> list[Problem]:
    """A catalog's weights, targets and bounds beyond MAGNITUDE_LIMIT, in row order: a plausible maximum of 1e300
    would let any value through, a weight of 1e300 swamp every other."""
    columns = [c for c in rows.columns if c in CATALOG_FIGURES or (isinstance(c, str) and c.startswith("weight:"))]
    source_rows = rows["source_row"].tolist()
    found = []
    for column in columns:
        values = _floats(rows[column])
        found += [(i, column, values[i]) for i in np.flatnonzero(beyond_limit(values))]
    found.sort(key=lambda item: item[0])  # stable: a row's columns as the catalog's columns are ordered
    return [_beyond_limit(source_rows[i], labels.get(column, column), value) for i, column, value in found]


def _inverted_bounds(rows: pd.DataFrame, labels: dict[str, str]) -> list[Problem]:
    low, high = _floats(rows["min"]), _floats(rows["max"])
    source_rows = rows["source_row"].tolist()
    with np.errstate(invalid="ignore"):
        inverted = low > high
    return [
        Problem(
            "bounds_inverted",
            _row(source_rows[i]),
            labels.get("min"),
            number_text(low[i]),
            {"low": number_text(low[i]), "high": number_text(high[i])},
        )
        for i in np.flatnonzero(inverted)
    ]


# ---------------------------------------------------------------- unusual changes


CHANGE_COLUMNS = ["period", "previous", "county", "township", "indicator", "old", "new"]


def unusual_changes(pairs: pd.DataFrame) -> pd.DataFrame:
    """The rows of `pairs` (CHANGE_COLUMNS: a unit's value in a period and in its previous stored period, both
    present) whose change lies far outside the changes of their peers: the same indicator, the same level (county,
    or township) and the same period. Adds `change`, the fences `low` and `high`, and `peers`.

    change = new − old (absolute, in the indicator's unit); with Q1, Q3 the quartiles of the peers' changes and
    w = max(Q3 − Q1, 5 % of the median |old| of the peers, 1 when every value of the group is a whole number),
    a change below Q1 − 3·w or above Q3 + 3·w is unusual, when at least 5 peers (the unit included) have both
    values.
    """
    frame = pairs[CHANGE_COLUMNS].copy()
    frame["old"] = frame["old"].astype(float)
    frame["new"] = frame["new"].astype(float)
    # Values beyond the limit (loaded before it, or infinite) are findings of their own, never peers: one 1e308 among
    # them made the fence infinite and the hint say "+inf".
    values = frame[["old", "new"]].to_numpy(dtype=float)
    frame = frame[frame["old"].notna() & frame["new"].notna() & ~beyond_limit(values).any(axis=1)]
    out_columns = [*CHANGE_COLUMNS, "change", "low", "high", "peers"]
    if frame.empty:
        return pd.DataFrame(columns=out_columns)
    frame["change"] = (frame["new"] - frame["old"]).round(10)
    frame["level"] = np.where(frame["township"].fillna("") == "", "county", "township")
    frame["abs_old"] = frame["old"].abs()
    frame["whole"] = (frame["old"] % 1 == 0) & (frame["new"] % 1 == 0)
    keys = ["indicator", "level", "period"]
    groups = frame.groupby(keys, sort=False)
    stats = pd.DataFrame(
        {
            "q1": groups["change"].quantile(0.25),
            "q3": groups["change"].quantile(0.75),
            "typical": groups["abs_old"].median(),
            "all_whole": groups["whole"].all(),
            "peers": groups["change"].size(),
        }
    ).reset_index()
    frame = frame.merge(stats, on=keys, how="left")
    width = np.maximum.reduce(
        [
            (frame["q3"] - frame["q1"]).to_numpy(),
            LEVEL_SHARE * frame["typical"].to_numpy(),
            np.where(frame["all_whole"], 1.0, 0.0),
        ]
    )
    frame["low"] = frame["q1"] - FENCE * width
    frame["high"] = frame["q3"] + FENCE * width
    unusual = (frame["peers"] >= MIN_PEERS) & ((frame["change"] < frame["low"]) | (frame["change"] > frame["high"]))
    out = frame.loc[unusual, out_columns]
    return out.sort_values(["period", "indicator", "county", "township"]).reset_index(drop=True)


def change_note(change: dict, indicator_name: str) -> Note:
    """The warning for one row of `unusual_changes`, with the unit, indicator, period, old and new value."""
    unit = " ".join(p for p in (change["county"], change["township"]) if p)
    return Note(
        "warn_unusual_change",
        {
            "unit": unit,
            "indicator": indicator_name,
            "period": change["period"],
            "previous": change["previous"],
            "old": number_text(change["old"]),
            "new": number_text(change["new"]),
            "change": _signed(change["change"]),
            "low": _signed(round(change["low"], 2)),
            "high": _signed(round(change["high"], 2)),
        },
    )


# ---------------------------------------------------------------- a whole column in another unit


SCALE_COLUMNS = ["prefecture", "unit_then", "unit_now", "since", "factor"]


def on_catalog_scale(pairs: pd.DataFrame, versions: list[dict]) -> pd.DataFrame:
    """`pairs` (CHANGE_COLUMNS, and `prefecture`: compared with the prefecture's typical value, not the unit's own)
    with the catalog units each is read in (SCALE_COLUMNS): `unit_then`, in force for `previous`; `unit_now`, for
    `period`; `since`, the 生效起始期 of the version in force for `period` when the two differ; and `factor`, the
    exact size of unit_then in unit_now, so that old × factor is the stored value on the file's scale (1565.54 万元 ×
    0.0001 = 0.156554 亿元). `versions`: every catalog version (Reference.indicators). Pairs whose units do not
    convert (个 became 万元) are left out: nothing says what the stored values would be now; so are those of an
    indicator no version names.

    Why: stored values keep the unit they were read in (docs/decisions.md#catalog-changes-that-relabel-stored-values),
    and a file after a catalog change of 万元 to 亿元 that kept writing 万元 sat at a ratio of 1 from them, which the
    rule of `level_shifts` took for right, while a right file sat at 0.0001 and was warned of
    (docs/decisions.md#a-whole-column-in-another-unit)."""
    frame = pairs.copy()
    if "prefecture" not in frame.columns:
        frame["prefecture"] = False
    by_code: dict[str, list[dict]] = defaultdict(list)
    for version in versions:
        by_code[version["code"]].append(version)
    scales: dict[tuple, tuple | None] = {}
    for key in set(zip(frame["indicator"], frame["previous"], frame["period"], strict=True)):
        code, previous, period = key
        if code not in by_code:
            scales[key] = None
            continue
        then = version_in_force(by_code[code], previous)
        now = version_in_force(by_code[code], period)
        unit_then, unit_now = units.normalize_unit(then.get("unit")), units.normalize_unit(now.get("unit"))
        try:
            change = units.conversion(unit_then, unit_now)
        except units.UnitError:
            scales[key] = None
            continue
        since = (now.get("effective_from") or "") if unit_then != unit_now else ""
        scales[key] = (unit_then, unit_now, since, 1.0 if change is None else float(change.factor))
    found = [scales[key] for key in zip(frame["indicator"], frame["previous"], frame["period"], strict=True)]
    kept = np.array([scale is not None for scale in found], dtype=bool)
    frame = frame[kept].copy()
    scaled = [scale for scale in found if scale is not None]
    for i, column in enumerate(SCALE_COLUMNS[1:]):
        frame[column] = pd.Series([scale[i] for scale in scaled], index=frame.index, dtype=float if i == 3 else object)
    return frame


def on_old_scale(ratio: float, unit_ratio: float) -> bool:
    """Whether a column whose median ratio to the stored values on the current scale is `ratio` is still written in
    the unit before a catalog change of `unit_ratio` (the old unit's size in the new one: 10,000 for 亿元 after
    万元; 1 without a change): the change is UNIT_CHANGE_MIN-fold or more, and the ratio lies towards it at least
    halfway (geometrically: nearer the old scale than the new) or SHIFT_FACTOR-fold, whichever is nearer 1. A
    10-fold change (千万元 to 亿元) is judged from 3.2-fold; a 10,000-fold one from 30-fold, as any shift is."""
    if not ratio > 0 or max(unit_ratio, 1 / unit_ratio) < UNIT_CHANGE_MIN:
        return False
    towards = math.log(ratio) * math.copysign(1.0, math.log(unit_ratio))
    return towards >= min(math.log(SHIFT_FACTOR), abs(math.log(unit_ratio)) / 2)


def level_shifts(pairs: pd.DataFrame) -> pd.DataFrame:
    """The indicators of `pairs` (CHANGE_COLUMNS: a file's values and the stored values they are compared with,
    optionally with SCALE_COLUMNS from `on_catalog_scale`) whose values sit SHIFT_FACTOR-fold or more, up or down,
    from the stored ones on the current catalog unit's scale (old × factor), or still on the scale of the unit
    before a catalog change (`on_old_scale`): per indicator, level (county, township), period, period compared and
    basis (the units' own values, or the prefecture's typical one), the median of |new| / |old × factor| over the
    units with both values non-zero, however few the units (one county's file too). Columns: period, previous,
    indicator, units (how many units the median is of), ratio (the median), county, township, old (as stored), new
    of the unit whose ratio is nearest the median (an example), the SCALE_COLUMNS, old_scale (on_old_scale), and
    typical_old, typical_new (the medians of the stored and the file's values), by period and indicator.

    Why: a title's `单位：万元` over a column written in 亿元 divided every county's value by 10,000, and the
    unusual-change rule compares a unit with its peers, so a column shifted together passed it (a fresh tester's
    finding; docs/decisions.md#a-whole-column-in-another-unit). Rates of change are for the caller to leave out
    (is_rate_of_change): near zero, their ratios mean nothing."""
    out_columns = [
        *["period", "previous", "indicator", "units", "ratio", "county", "township", "old", "new"],
        *SCALE_COLUMNS,
        *["old_scale", "typical_old", "typical_new"],
    ]
    frame = pairs.copy()
    defaults = {"prefecture": False, "unit_then": "", "unit_now": "", "since": "", "factor": 1.0}
    for column, default in defaults.items():
        if column not in frame.columns:
            frame[column] = default
    frame["old"] = frame["old"].astype(float)
    frame["new"] = frame["new"].astype(float)
    values = frame[["old", "new"]].to_numpy(dtype=float)
    usable = (frame["old"].abs() > 0) & (frame["new"].abs() > 0) & ~beyond_limit(values).any(axis=1)
    frame = frame[usable.to_numpy()]
    if frame.empty:
        return pd.DataFrame(columns=out_columns)
    frame = frame.assign(
        ratio=frame["new"].abs() / (frame["old"].abs() * frame["factor"].astype(float)),
        level=np.where(frame["township"].fillna("") == "", "county", "township"),
    )
    keys = ["period", "previous", "indicator", "level", "prefecture", "unit_then", "unit_now"]
    found: list[list] = []
    for _, group in frame.groupby(keys, sort=True):
        ratio = float(group["ratio"].median())
        first = group.iloc[0]
        old_scale = on_old_scale(ratio, 1 / float(first["factor"]))
        if not old_scale and SHIFT_FACTOR > ratio > 1 / SHIFT_FACTOR:
            continue
        example = group.iloc[int(np.argmin(np.abs(np.log(group["ratio"].to_numpy() / ratio))))]
        found.append(
            [
                *first[["period", "previous", "indicator"]],
                len(group),
                ratio,
                *example[["county", "township", "old", "new"]],
                *first[SCALE_COLUMNS],
                old_scale,
                float(group["old"].median()),
                float(group["new"].median()),
            ]
        )
    return pd.DataFrame(found, columns=out_columns)


def shift_note(
    shift: dict, indicator_name: str, conversion: dict | None, stored: bool = False, file: str = "", column: str = ""
) -> Note:
    """The warning for one row of `level_shifts`; `conversion`: the params of the preview's note of the unit
    conversion applied to the indicator's column (note_unit_converted), if any, which the warning names; `stored`:
    a finding of the loaded data (`incentive check`), not of a file; `file`, `column`: the file and its column of
    the indicator, which a file still on the scale of the unit before a catalog change names
    (`warn_scale_unit_changed`; `check_scale_unit_changed` for the loaded data)."""
    factor = float(shift.get("factor", 1.0) or 1.0)
    if shift.get("old_scale"):
        return _old_scale_note(shift, indicator_name, stored, file, column)
    unit = " ".join(p for p in (shift["county"], shift["township"]) if p)
    params = {
        **_shift_params(shift, indicator_name),
        "unit": unit,
        "old": number_text(_fifteen(shift["old"] * factor)),  # on the file's scale, as the ratio is
        "new": number_text(shift["new"]),
    }
    if shift.get("prefecture"):
        hint = ("i18n", "level_shift_hint")
        if conversion is not None:
            named = {k: conversion[k] for k in ("column", "source", "target", "factor")}
            hint = (
                "by_lang",
                {lang: t("level_shift_hint_converted", lang, **localize(named, lang)) for lang in LANGUAGES},
            )
        params["old"] = number_text(_fifteen(shift["typical_old"] * factor))
        return Note(
            "check_level_shift_prefecture" if stored else "warn_level_shift_prefecture", {**params, "hint": hint}
        )
    if conversion is None:
        return Note("check_level_shift" if stored else "warn_level_shift", params)
    named = {k: conversion[k] for k in ("column", "source", "target", "factor")}
    return Note("warn_level_shift_converted", {**params, **named})


def _shift_params(shift: dict, indicator_name: str) -> dict:
    """What every whole-column warning says of one row of `level_shifts`: the indicator, the period and the one
    compared, how many units, and the ratio."""
    return {
        "indicator": indicator_name,
        "period": shift["period"],
        "previous": shift["previous"],
        "n": int(shift["units"]),
        "ratio": _ratio_text(shift["ratio"]),
    }


def _old_scale_note(shift: dict, indicator_name: str, stored: bool, file: str, column: str) -> Note:
    """A column still on the scale of the unit before the catalog changed it: the file and column, the indicator,
    the period and the one compared, the two typical values (the stored one also on the new scale), the ratio, and
    the change (from which unit to which, from which 生效起始期 and its first day)."""
    since = shift["since"]
    params = {
        **_shift_params(shift, indicator_name),
        "basis": ("i18n", "scale_basis_prefecture" if shift["prefecture"] else "scale_basis_own"),
        "new": number_text(shift["typical_new"]),
        "old": number_text(shift["typical_old"]),
        "old_now": number_text(_fifteen(shift["typical_old"] * float(shift["factor"]))),
        "unit_then": ("unit", shift["unit_then"]),
        "unit_now": ("unit", shift["unit_now"]),
        "since": since,
        "date": periods.bounds(since)[0].isoformat() if since else "",
    }
    if stored:
        return Note("check_scale_unit_changed", params)
    return Note("warn_scale_unit_changed", {**params, "file": file, "column": column})


def _ratio_text(ratio: float) -> str:
    return number_text(float(f"{ratio:.2g}"))  # two significant digits: 0.0001, 10000


def _fifteen(value: float) -> float:
    """A product without binary noise (1565.54 × 0.0001 is 0.156554, not 0.15655400000000002)."""
    return float(f"{float(value):.15g}")


def previous_periods(targets: list[str], available: list[str]) -> dict[str, str]:
    """Each target period's previous stored period of the same form (2025-Q1 → 2024-Q4, else the latest earlier one
    stored), where there is one."""
    pairs = {p: periods.previous_stored(p, available) for p in targets}
    return {p: q for p, q in pairs.items() if q is not None}


def _signed(value: float) -> str:
    text = number_text(round(float(value), 10))
    return text if text.startswith("-") or text == "0" else "+" + text


def _given(value) -> float | None:
    if value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def _floats(column: pd.Series) -> np.ndarray:
    """Numbers as float64 with NaN for missing, from object, float or Arrow columns alike."""
    try:
        return column.to_numpy(dtype=float, na_value=np.nan)
    except (TypeError, ValueError):
        return pd.to_numeric(column, errors="coerce").to_numpy(dtype=float)


def _row(value) -> int | None:
    return None if value is None or pd.isna(value) else int(value)
