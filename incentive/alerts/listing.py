"""The warning list (预警清单) of a year or a period: every rule's alerts within a user's scope, ranked for a meeting,
filtered by county and rule, with what a viewer may not see left out; its tables for the page, the download and
the command line (docs/decisions.md#alerts).

A year's list is judged as of the periods a year's views open on: the race period and the care half-year of
`periods.default_of` (the newest every county taking part has sent, docs/decisions.md#which-counties-take-part),
the newest quarter whose training records are due, and the tracker's rows of the whole year on `today` (a file
missing since the first quarter is still missing). A period's list judges each rule whose periods have that form
at that period; a race period's list judges care on the half-year its 通报 reports (welfare.reported_half_year).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from incentive import palette, periods
from incentive.accounts.roles import OutOfScope, Scope
from incentive.alerts import rules
from incentive.alerts.rules import CARE_BELOW, DATA, RED, THIRD_TIER, TRAINING_PACE, VALUE_DROP, YELLOW, Alert
from incentive.care import welfare
from incentive.cycle import tracker
from incentive.i18n import TranslatedError, capital, t
from incentive.race import rankings
from incentive.store import queries

# A meeting's order: red before yellow, and within a level the rules from the most to the least severe (then the
# larger magnitude first: the longer run, the wider gap, the larger fall).
SEVERITY = (
    (THIRD_TIER, RED),  # 约谈 candidates
    (DATA, RED),  # a file not sent: the county cannot be assessed
    (CARE_BELOW, RED),
    (CARE_BELOW, YELLOW),
    (TRAINING_PACE, YELLOW),
    (VALUE_DROP, YELLOW),
    (DATA, YELLOW),  # sent late or incomplete
)
OVERVIEW_ITEMS = 10  # the overview shows at most the ten most severe (issue 19: sized for a meeting)


class NothingToJudge(TranslatedError):
    """A year or period with no data of any kind (no race scores, care figures or training records in it, and no
    file owed for it): its list would read as an all-clear. The sentence lists the periods that have data."""


@dataclass(frozen=True)
class Judged:
    """What the list was judged on: the race period, the care period and the training quarter (None: that rule had
    nothing to judge), the tracker's year and day."""

    year: int
    race: str | None
    welfare: str | None
    training: str | None
    today: dt.date


@dataclass(frozen=True)
class AlertList:
    """Every alert within the scope, exact and ranked (`ranked`), and what it was judged on."""

    alerts: tuple[Alert, ...]
    judged: Judged


def build(
    conn,
    today: dt.date,
    config: Mapping[str, float],
    scope: Scope,
    *,
    year: int | None = None,
    period: str | None = None,
    moment: dt.datetime | None = None,
    refuse_empty: bool = False,
    receipts: tracker.Receipts | None = None,
) -> AlertList:
    """The list of `year` or of `period` (canonical; exactly one of them), for the counties of `scope`: the
    prefecture's every county, a county role's own; OutOfScope for nobody (visitors see no warning list:
    docs/decisions.md#who-sees-the-warning-list). `config`: settings.current (thresholds, targets, schedule);
    `today`: the day the tracker judges deadlines on; `moment`: a pinned view's (published versions by then).
    A year given as `period` ('2026') is the year's list. With `refuse_empty`, NothingToJudge for a year or period
    with no data of any kind and no file owed (the command line's: an empty list would read as an all-clear).
    `receipts`: what was read of this data version before (tracker.Receipts; else one for this list, which the
    training and delivery rules share)."""
    if not open_to(scope):
        raise OutOfScope("alerts_refused")
    if (year is None) == (period is None):
        raise ValueError("give a year or a period")
    if period is not None and periods.form(period) == "Y":
        year, period = int(period), None
    if period is not None:
        year = int(period[:4])
        race = period if period in rankings.available_periods(conn) else None
        # a race period's care: the half-year its 通报 reports, so one delivery gives one count of warnings
        # (docs/decisions.md#what-a-list-is-judged-on)
        half = welfare.reported_half_year(conn, period) if race else period
        care = half if half in welfare.stored_periods(conn) else None
        quarter = period if periods.form(period) == "Q" and rules.training_due(conn, period, today, config) else None
    else:
        race = periods.default_of(queries.run(conn, "race_periods", county=""), year)
        care = periods.default_of(queries.run(conn, "welfare_periods"), year)
        quarter = rules.judged_quarter(conn, year, today, config)
    receipts = receipts or tracker.Receipts(conn)
    found: list[Alert] = []
    if race:
        found += rules.third_tier(conn, race, int(config["alert_third_tier_periods"]), moment)
    if care:
        found += rules.care_below(conn, care, int(config["alert_care_periods"]), moment)
    if quarter:
        found += rules.training_pace(conn, quarter, config, receipts)
    found += rules.data_delivery(conn, year, today, config, scope, period, receipts)
    found += rules.value_drops(conn, {"race": race, "welfare": care})
    if refuse_empty and not found and not (race or care) and not _has_training(conn, period or str(year)):
        raise NothingToJudge("alerts_nothing_to_judge", when=period or str(year), **data_held(conn))
    counties = queries.run(conn, "race_units", county="")["unit"].tolist()
    mine = [alert for alert in found if scope.covers(alert.county)]
    return AlertList(tuple(ranked(mine, counties)), Judged(year, race, care, quarter, today))


PERIODS_LISTED = 8  # the newest periods of each kind a refusal names


def _has_training(conn, period: str) -> bool:
    first, last = periods.bounds(period)
    return not pd.isna(queries.run(conn, "training_last_date", start=first, end=last)["last_date"].iloc[0])


def data_held(conn) -> dict[str, str]:
    """What a refusal lists: the newest race periods and care periods with data, the newest training record's
    date ('—': none)."""
    race = rankings.available_periods(conn)[-PERIODS_LISTED:]
    care = welfare.stored_periods(conn)[-PERIODS_LISTED:]
    last = queries.run(conn, "training_last_date", start=dt.date(1900, 1, 1), end=dt.date(9999, 12, 31))
    day = last["last_date"].iloc[0]
    return {
        "race": ", ".join(race) or "—",
        "care": ", ".join(care) or "—",
        "training": "—" if pd.isna(day) else f"{pd.Timestamp(day):%Y-%m-%d}",
    }


def open_to(scope: Scope) -> bool:
    """Whether `scope` has a warning list: the prefecture's and a county account's, not a visitor's (no county)."""
    return scope.everything or bool(scope.counties)


def ranked(alerts: Sequence[Alert], counties: Sequence[str] = ()) -> list[Alert]:
    """Red before yellow, then SEVERITY, then the larger magnitude; ties by county order (`counties`, by code),
    the newer period, the indicator."""
    position = {county: i for i, county in enumerate(counties)}

    def key(alert: Alert):
        return (
            SEVERITY.index((alert.rule, alert.level)),
            -alert.magnitude,
            position.get(alert.county, len(position)),
            alert.county,
            -periods.bounds(alert.period)[0].toordinal(),
            str(alert.data.get("indicator", "")),
        )

    return sorted(alerts, key=key)


def filtered(alerts: Sequence[Alert], county: str = "", rule: str = "") -> list[Alert]:
    """The alerts of one county and/or one rule ('' = all), in their order."""
    return [a for a in alerts if (not county or a.county == county) and (not rule or a.rule == rule)]


def shown(alerts: Sequence[Alert]) -> tuple[list[Alert], int]:
    """What the pages show (every role: one view for all, docs/decisions.md#small-numbers): the alerts without
    a hidden training figure, and how many were left out (said on the page, not lost silently)."""
    kept = [a for a in alerts if not a.disclosure]
    return kept, len(alerts) - len(kept)


def level_counts(alerts: Sequence[Alert]) -> dict[str, int]:
    """{'red': n, 'yellow': m}: counts of alerts (not of people)."""
    return {level: sum(a.level == level for a in alerts) for level in rules.LEVELS}


def top(alerts: Sequence[Alert], n: int = OVERVIEW_ITEMS) -> list[Alert]:
    """The `n` most severe of a ranked list."""
    return list(alerts[:n])


def rules_present(alerts: Sequence[Alert]) -> list[str]:
    """The rules with at least one alert, in rules.RULES order (the page's filter offers these)."""
    present = {a.rule for a in alerts}
    return [rule for rule in rules.RULES if rule in present]


def judged_text(judged: Judged, lang: str) -> str:
    """判定依据: the periods each rule judged and the tracker's day, in one line ("—" where a rule had none)."""
    return t(
        "alerts_judged",
        lang,
        race=judged.race or "—",
        welfare=judged.welfare or "—",
        training=judged.training or "—",
        today=f"{judged.today:%Y-%m-%d}",
    )


def sheet_notes(judged: Judged, shown: int, withheld: int, small: int, lang: str) -> list[str]:
    """The lines between the title and the classification line above the warning list's table in a sheet, the
    page's Excel download and the delivered one alike: 判定依据 (judged_text), that the list is empty when `shown`
    is 0, how many training warnings were left out (`withheld`, under the threshold `small`)."""
    return [
        judged_text(judged, lang),
        *([t("delivery_alerts_none", lang)] if not shown else []),
        *([t("alerts_withheld", lang, n=withheld, threshold=small)] if withheld else []),
    ]


def level_label(level: str, lang: str) -> str:
    return t(f"alert_level_{level}", lang)


# Streamlit Markdown colours of the levels, those of the statuses they speak of (a red warning the 未达标 kind, a
# yellow the 接近 kind: palette.ALERT_LEVEL_STATUS); the word stays, for readers who do not tell red from orange
LEVEL_COLOURS = {level: palette.STREAMLIT_COLOUR[palette.ALERT_LEVEL_STATUS[level]] for level in (RED, YELLOW)}


def level_markdown(level: str, lang: str) -> str:
    """The level as Markdown for a page: the word, bold, in its colour (`:red[**红色**]`, `:orange[**黄色**]`)."""
    return f":{LEVEL_COLOURS[level]}[**{level_label(level, lang)}**]"


def rule_label(rule: str, lang: str) -> str:
    return capital(t(f"alert_rule_{rule}", lang))


def table(alerts: Sequence[Alert], lang: str, small: int, quote=str, level=level_label) -> pd.DataFrame:
    """The list as the page shows and downloads it: №, level, rule, county, period, the sentence (a count of people
    under `small` as `<small`; no data column, whose exact figures are the command line's). `quote` makes the names
    from files inert (safe_text.markdown where the cells are Markdown); `level(level, lang)` writes the level
    (level_markdown on a page: coloured)."""
    return pd.DataFrame(
        {
            t("alerts_col_number", lang): range(1, len(alerts) + 1),
            t("alerts_col_level", lang): [level(a.level, lang) for a in alerts],
            t("alerts_col_rule", lang): [rule_label(a.rule, lang) for a in alerts],
            t("col_county", lang): [quote(a.county) for a in alerts],
            t("alerts_col_period", lang): [a.period for a in alerts],
            t("alerts_col_text", lang): [a.sentence(lang, quote, small) for a in alerts],
        }
    )


EXPORT_COLUMNS = ["position", "level", "rule", "county", "period", "message", "data"]


def export_table(alerts: Sequence[Alert], lang: str) -> pd.DataFrame:
    """`incentive alerts --format csv`: canonical columns and codes, the sentence with exact figures (the CLI's,
    docs/decisions.md#cli-exports-are-exact) and `data` as JSON (the numbers the sentence states)."""
    return pd.DataFrame(
        [
            {
                "position": i,
                "level": a.level,
                "rule": a.rule,
                "county": a.county,
                "period": a.period,
                "message": a.sentence(lang),
                "data": json.dumps(dict(a.data), ensure_ascii=False, sort_keys=True),
            }
            for i, a in enumerate(alerts, 1)
        ],
        columns=EXPORT_COLUMNS,
    )
