"""关心关爱: each welfare indicator per county against its target and the prefecture, and what a meeting should hear.

Built from `welfare_values_by_county` (one row per county and indicator of the catalog in force). Statuses follow
targets.py (docs/decisions.md#target-status); a missing value has no status and is never counted as zero.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from incentive import disclosure, periods
from incentive.care.targets import STATUSES, with_status
from incentive.i18n import join, t
from incentive.labels import quantity, status_label
from incentive.store import queries


def status_table(values: pd.DataFrame, previous: pd.DataFrame | None = None) -> pd.DataFrame:
    """values + status, the prefecture median of the indicator, and the change since the previous period."""
    table = with_status(values)
    table["median"] = table.groupby("indicator")["value"].transform("median")
    if previous is not None and len(previous):
        before = previous.set_index(["county", "indicator"])["value"]
        table["previous"] = [before.get((c, i)) for c, i in zip(table["county"], table["indicator"], strict=False)]
        table["change"] = table["value"] - table["previous"].astype(float)
    else:
        table["previous"] = float("nan")
        table["change"] = float("nan")
    return table


@dataclass(frozen=True)
class PeriodView:
    """One half-year of care figures as every view shows them: `table` is status_table of the period against
    `previous` (periods.previous_stored: the previous stored period of the same form, None without one)."""

    period: str
    previous: str | None
    table: pd.DataFrame


def stored_periods(conn: duckdb.DuckDBPyConnection) -> list[str]:
    """Welfare periods with county values, oldest first (queries/welfare_periods)."""
    return queries.run(conn, "welfare_periods")["period"].tolist()


def default_period(conn: duckdb.DuckDBPyConnection, year: int | None) -> str | None:
    """The half-year a year's care views open on (periods.default_of_year): the newest that every county taking
    part has sent (docs/decisions.md#which-counties-take-part), else the newest of those with the most counties;
    None for a year without care figures."""
    return periods.default_of(queries.run(conn, "welfare_periods"), year)


def reported_half_year(conn: duckdb.DuckDBPyConnection, period: str) -> str:
    """The care half-year every document of `period` reports (the 通报, the briefing, from any page and from
    `deliver`; docs/decisions.md#care-half-year-of-a-document): a half-year itself; otherwise the newest half-year
    with care figures that ended on or before the period's last day (2026-Q3 -> 2026-H1 until 2026-H2 is over);
    with none, the newest half-year that ended by then, whose missing figures the document then states. A
    half-year not yet over by the period's end is never reported, even when some of its figures are in."""
    if periods.form(period) == "H":
        return period
    end = periods.bounds(period)[1]
    ended = [p for p in stored_periods(conn) if periods.form(p) == "H" and periods.bounds(p)[1] <= end]
    if ended:
        return max(ended, key=lambda p: periods.bounds(p)[1])
    if end.month == 12:
        return f"{end.year}-H2"
    return f"{end.year}-H1" if end.month >= 6 else f"{end.year - 1}-H2"


def period_view(conn: duckdb.DuckDBPyConnection, period: str) -> PeriodView:
    """The page's, the briefing's and `export welfare_status`'s figures for `period`."""
    previous = periods.previous_stored(period, stored_periods(conn))
    values = queries.run(conn, "welfare_values_by_county", period=period)
    before = queries.run(conn, "welfare_values_by_county", period=previous) if previous else None
    return PeriodView(period, previous, status_table(values, before))


def history(conn: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every stored period's county values (welfare_values_by_county with a `period` column), oldest first: the
    trend of an indicator with its target line."""
    frames = [queries.run(conn, "welfare_values_by_county", period=p).assign(period=p) for p in stored_periods(conn)]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def status_grid(table: pd.DataFrame) -> pd.DataFrame:
    """County x indicator name: met / near / below, '' without a target, None without a value."""
    cells = table.assign(
        cell=[
            s if isinstance(s, str) else ("" if pd.isna(tg) and pd.notna(v) else None)
            for s, tg, v in zip(table["status"], table["target"], table["value"], strict=False)
        ]
    )
    grid = cells.pivot_table(index="county", columns="name", values="cell", aggfunc="first", sort=False, dropna=False)
    order = list(dict.fromkeys(table["county"]))
    names = list(dict.fromkeys(table["name"]))
    return grid.reindex(index=order, columns=names)


def value_grid(table: pd.DataFrame, small: int | None = None) -> pd.DataFrame:
    """The values behind status_grid, cell for cell (the traffic lights print them); with `small` (the suppression
    threshold), a count of people from 1 to small − 1 is the text `<5` (disclosure.is_small_count)."""
    grid = status_grid(table)
    if small is not None:
        table = table.assign(
            value=[
                f"<{small}" if disclosure.is_small_count(v, u, small) else v
                for v, u in zip(table["value"], table["unit"], strict=True)
            ]
        )
    values = table.pivot_table(
        index="county", columns="name", values="value", aggfunc="first", sort=False, dropna=False
    )
    return values.reindex(index=grid.index, columns=grid.columns)


def county_counts(table: pd.DataFrame, county: str) -> tuple[int, int, list[str]]:
    """One county's indicators met, indicators judged (with a value and a target), and the names below target."""
    own = table[table["county"] == county]
    below = own.loc[own["status"] == "below", "name"].tolist()
    return int((own["status"] == "met").sum()), int(own["status"].notna().sum()), below


def furthest_below(table: pd.DataFrame, per_indicator: int = 3) -> pd.DataFrame:
    """Per indicator, the counties below target with the largest relative shortfall first."""
    below = table[table["status"] == "below"].copy()
    if below.empty:
        return below.assign(shortfall=pd.Series(dtype=float))
    lower = below["direction"] == "lower"
    below["shortfall"] = (below["target"] - below["value"]).where(~lower, below["value"] - below["target"])
    below["relative"] = below["shortfall"] / below["target"].abs().where(below["target"] != 0, 1)
    below = below.sort_values(["indicator", "relative"], ascending=[True, False])
    return below.groupby("indicator", sort=False).head(per_indicator).reset_index(drop=True)


def value_text(value: float, unit: str, lang: str, small: int | None = None) -> str:
    """A care figure with its unit as the summary sentences print it: 85%, 12 天 / 12 days (no decimals from 100);
    with `small` (the suppression threshold), a count of people from 1 to small − 1 as `<5`
    (disclosure.is_small_count, as the warning list: docs/decisions.md#small-numbers-in-warnings)."""
    if disclosure.is_small_count(value, unit, small):
        return f"<{small}"
    number = f"{value:.0f}" if float(value).is_integer() or abs(value) >= 100 else f"{value:.1f}"
    return quantity(number, value, unit, lang)


def summary_sentences(
    table: pd.DataFrame, period: str, lang: str, quote=str, small: int | None = None, counties: int | None = None
) -> list[str]:
    """Plain sentences for the meeting, from the figures: the overall picture, then each indicator with counties
    below target (worst first), then the indicators every county met. `quote` makes the names from files inert
    where the sentences go (safe_text.markdown for a page; the briefing escapes its HTML as a whole); `small`, the
    suppression threshold of a document sent out: counts of people under it read `<5` (value_text); `counties`,
    how many counties owe the period: while fewer have reported, "met in every county" says of how many (a half-year
    three counties had sent read as met everywhere, issue 24's review)."""
    judged = table.dropna(subset=["status"])
    if judged.empty:
        return [t("welfare_summary_none", lang, period=period)]
    met = int((judged["status"] == "met").sum())
    sentences = [t("welfare_summary_overall", lang, period=period, met=met, total=len(judged), share=met / len(judged))]
    worst = furthest_below(table, per_indicator=1).set_index("indicator")
    counts = judged[judged["status"] == "below"].groupby("indicator").size().sort_values(ascending=False, kind="stable")
    for indicator, n in counts.items():
        row = worst.loc[indicator]
        sentences.append(
            t(
                "welfare_summary_below",
                lang,
                n=n,
                name=quote(row["name"]),
                county=quote(row["county"]),
                value=value_text(row["value"], row["unit"] or "", lang, small),
                target=value_text(row["target"], row["unit"] or "", lang),
            )
        )
    all_met = [name for name, part in judged.groupby("name", sort=False) if (part["status"] == "met").all()]
    reporting = judged["county"].nunique()
    if all_met and counties is not None and reporting < counties:
        names = join([quote(name) for name in all_met], lang)
        sentences.append(t("welfare_summary_all_met_of", lang, names=names, n=reporting, of=counties))
    elif all_met:
        sentences.append(t("welfare_summary_all_met", lang, names=join([quote(name) for name in all_met], lang)))
    missing = table[table["value"].isna()]
    if len(missing):
        sentences.append(t("welfare_summary_missing", lang, n=len(missing)))
    return sentences


def radar_frame(table: pd.DataFrame, county: str) -> pd.DataFrame:
    """For the radar: the county's value and the prefecture median per %-indicator (one scale for all axes)."""
    percent = table[(table["unit"] == "%") & (table["county"] == county)]
    return percent[["name", "value", "median", "target"]].reset_index(drop=True)


def status_counts(table: pd.DataFrame) -> dict[str, int]:
    return {status: int((table["status"] == status).sum()) for status in STATUSES}


def display_table(table: pd.DataFrame, lang: str, small: int | None = None) -> pd.DataFrame:
    """Every county and indicator as a leader reads it: value, target, status, prefecture median, change; a
    missing figure (no value, no target, hence no status) is None: "—" on a page, an empty cell in a download.
    With `small` (the suppression threshold), a count of people from 1 to small − 1 (value or median) is `<5`, and
    the change is left out where the value or the one before it is such a count: value − change would give it
    (disclosure.is_small_count; docs/decisions.md#small-counts-of-people-on-the-care-page)."""

    def number(v, unit):
        return None if pd.isna(v) else shown_figure(v, unit, small)

    def change(value, delta, unit):
        if pd.isna(delta):
            return None
        if disclosure.is_small_count(value, unit, small) or disclosure.is_small_count(value - delta, unit, small):
            return None
        return f"{delta:+.1f}"

    units = table["unit"] if "unit" in table else pd.Series([None] * len(table), index=table.index)
    return pd.DataFrame(
        {
            t("col_unit_county", lang): table["county"],
            t("col_indicator", lang): table["name"],
            t("col_indicator_value", lang): [number(v, u) for v, u in zip(table["value"], units, strict=True)],
            t("col_target", lang): [number(v, None) for v in table["target"]],
            t("col_status", lang): [status_label(s, lang) or None for s in table["status"]],
            t("col_median", lang): [number(v, u) for v, u in zip(table["median"], units, strict=True)],
            t("col_change", lang): [
                change(v, d, u) for v, d, u in zip(table["value"], table["change"], units, strict=True)
            ],
        }
    ).reset_index(drop=True)


def shown_figure(value: float, unit: str | None, small: int | None) -> str:
    """One figure as a viewer may read it: `<5` for a count of people from 1 to small − 1, else as `{:g}` prints it."""
    return f"<{small}" if disclosure.is_small_count(value, unit, small) else f"{value:g}"


def first_reporting(table: pd.DataFrame) -> str | None:
    """The first county of a period's table (county order) with any value: what the page opens its radar on, since
    a county that sent nothing would draw an empty radar; None when nobody has sent anything."""
    sent = table.loc[table["value"].notna(), "county"]
    return sent.iloc[0] if len(sent) else None


@dataclass(frozen=True)
class Trend:
    """One indicator's trend as the chart may draw it (trend_shown)."""

    shown: pd.DataFrame  # welfare.history rows, small counts of people NaN (a gap in the line)
    median: pd.Series  # by period; NaN where not drawn
    hidden: int  # values left out as small counts
    partial: tuple[str, ...]  # periods not every county has sent: no median drawn (3 counties are not the prefecture)


def trend_shown(history: pd.DataFrame, small: int | None) -> Trend:
    """One indicator's history (welfare.history rows: every county taking part, NaN where it sent nothing) as the
    trend chart may draw it: the counties' values with every count of people from 1 to small − 1 left out, the
    median of all counties per period (computed before anything is left out, so it does not move), itself left
    out when it is such a count or when the period is not complete (its median would be that of the counties that
    sent it, drawn as the prefecture's: docs/decisions.md#reported-counts), and what was left out, which the page
    says under the chart."""
    median = history.groupby("period", sort=False)["value"].median()
    sent = history.groupby("period", sort=False)["value"].agg(["count", "size"])
    partial = tuple(sent.index[sent["count"] < sent["size"]])
    unit = history["unit"].iloc[0] if len(history) else None
    hidden = [disclosure.is_small_count(v, unit, small) for v in history["value"]]
    shown = history.assign(value=history["value"].mask(pd.Series(hidden, index=history.index)))
    median = median.mask([disclosure.is_small_count(v, unit, small) for v in median]).mask(median.index.isin(partial))
    return Trend(shown, median, sum(hidden), partial)
