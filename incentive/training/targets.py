"""Training targets by rank (干部教育培训工作条例 2023 and the 全国干部教育培训规划（2023－2027年）): the table of
targets, its history of changes, each cadre's attainment of his own target, and 提任前 training.

The rules and their sources are in docs/training-targets.md; the details this module settles (rank groups, the
rolling window, a promotion inside it, online hours on top) in docs/decisions.md#training-targets-by-rank.
Each cadre's target and attainment are columns of queries/training_cadres.sql, which every coverage figure reads
(incentive/training/coverage.py sums them into groups and protects small ones); this module keeps the table.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
from collections.abc import Collection, Mapping
from dataclasses import dataclass

import duckdb
import pandas as pd

from incentive import disclosure, periods
from incentive.i18n import TranslatedError
from incentive.store import audit, queries
from incentive.store.database import Database

RANK_GROUPS = ("section", "division")  # 乡科级及以下, 县处级及以上 (the macro rank_group in schema 014)
MAX_HOURS = 5000.0  # 学时 over one period: anything above is a typing error, not a target
MAX_YEARS = 10


@dataclass(frozen=True)
class Target:
    """One rank group's target: `hours` 学时 over `years` years, and `online_hours` 学时 of online self-study
    each year on top of them."""

    hours: float
    years: int
    online_hours: float

    @property
    def annual(self) -> float:
        """学时 a year: hours / years (110 for 550 over five years)."""
        return self.hours / self.years


# The defaults (docs/training-targets.md): 乡科级 and below 90 学时 a year (or 12 days), 县处级 and above 550 学时
# over five years, online self-study at least 50 学时 a year for both.
DEFAULTS = {"section": Target(90.0, 1, 50.0), "division": Target(550.0, 5, 50.0)}


def are_the_regulations(in_force: Mapping[str, Target]) -> bool:
    """Whether the targets in force are the 条例's (DEFAULTS): a page citing the regulation for targets an
    administrator changed would credit it with his numbers."""
    return dict(in_force) == DEFAULTS


class TargetError(TranslatedError):
    """A target value refused: the sentence names the rank group, the field, the value and what is allowed."""


def in_force(db: Database | duckdb.DuckDBPyConnection) -> dict[str, Target]:
    """The targets in force, rank group -> Target (the newest row of each group)."""
    with contextlib.closing(db.cursor()) as cur:
        rows = cur.execute("SELECT rank_group, hours, years, online_hours FROM training_targets_in_force").fetchall()
    return {group: Target(float(hours), int(years), float(online)) for group, hours, years, online in rows}


def version(db: Database) -> str:
    """Changes with every change of the targets: part of the cache key of every figure measured against them."""
    with contextlib.closing(db.cursor()) as cur:
        return version_in(cur)


def version_in(cur: duckdb.DuckDBPyConnection) -> str:
    """version as `cur` sees it (the app reads it with the data version, through one cursor: ui/runtime.start_run)."""
    count, latest = cur.execute("SELECT count(*), max(changed_at) FROM training_targets").fetchone()
    return f"{count}.{latest}"


def history(db: Database) -> pd.DataFrame:
    """Every row ever written, newest first: rank_group, hours, years, online_hours, changed_at, changed_by (the
    defaults of schema 014 included, by 'regulations-2023'; a value carried over from the old setting by
    'migration-014')."""
    return db.fetch_df(
        "SELECT rank_group, hours, years, online_hours, changed_at, changed_by FROM training_targets "
        "ORDER BY changed_at DESC, rank_group"
    )


def checked(group: str, hours: object, years: object, online_hours: object) -> Target:
    """The Target these typed values make, or TargetError (key `target_bad_value`) naming the first wrong field:
    hours 0-5000, years a whole number 1-10, online hours 0-5000; `group` one of RANK_GROUPS."""
    if group not in RANK_GROUPS:
        raise TargetError("target_unknown_group", group=group, groups=" / ".join(RANK_GROUPS))
    values = {}
    for field, value, high, whole in (
        ("hours", hours, MAX_HOURS, False),
        ("years", years, MAX_YEARS, True),
        ("online_hours", online_hours, MAX_HOURS, False),
    ):
        try:
            number = float(str(value).strip())
        except ValueError:
            number = math.nan
        low = 1 if field == "years" else 0
        if not math.isfinite(number) or not low <= number <= high or (whole and number != int(number)):
            raise TargetError(
                "target_bad_whole" if whole else "target_bad_value",
                group=("i18n", f"rank_group_{group}"),
                field=("i18n", f"target_field_{field}"),
                value=str(value),
                low=low,
                high=f"{high:g}",
            )
        values[field] = int(number) if whole else number
    return Target(values["hours"], values["years"], values["online_hours"])


def save(db: Database, entered: dict[str, Target], changed_by: str) -> list[str]:
    """Store the groups of `entered` whose target differs from the one in force, each as a new row with its audit
    row (action 'training_target', the group, the values) in one transaction; returns their groups (none:
    nothing written). Values are checked by `checked` first; TargetError for an unknown group."""
    for group in entered:
        if group not in RANK_GROUPS:
            raise TargetError("target_unknown_group", group=group, groups=" / ".join(RANK_GROUPS))
    now = in_force(db)
    changed = [group for group in RANK_GROUPS if group in entered and entered[group] != now.get(group)]

    def write(cur) -> None:
        for group in changed:
            target = entered[group]
            cur.execute(
                "INSERT INTO training_targets VALUES ($group, $hours, $years, $online, $at, $by)",
                {
                    "group": group,
                    "hours": target.hours,
                    "years": target.years,
                    "online": target.online_hours,
                    "at": dt.datetime.now(),
                    "by": changed_by,
                },
            )
            detail = f"{target.hours:g}/{target.years}y+{target.online_hours:g}online"
            audit.write(cur, changed_by, "training_target", target=group, detail=detail)

    if changed:  # dated inside a serial write, as a pinned link's moment is taken (permalinks.pin)
        db.serial_write(write)
    return changed


def reaching_before_records(
    first_month: dt.date | None,
    window_start: dt.date,
    window_end: dt.date,
    in_force: Mapping[str, Target],
    groups: Collection[str],
) -> list[str]:
    """What the training page measures over days before the first training record (`first_month`, the first
    month with one): 'promotions' when the year before a promotion in the window can begin earlier, 'division'
    when the 县处级 group (in `groups`, the rank groups with cadres in the window) has a multi-year target whose
    rolling window does. Hours there cannot be counted, so those figures read low and the page says so (issue
    20's review: 2023's 提任前 read 10%, since 2022 has no records). [] without records."""
    if first_month is None:
        return []
    reaching = []
    if window_start - dt.timedelta(days=365) < first_month:
        reaching.append("promotions")
    years = in_force["division"].years
    year, month = window_end.year - years, window_end.month + 1  # the rolling window's first month
    rolling_start = dt.date(year + month // 13, month % 12 or 12, 1)
    if "division" in groups and years > 1 and rolling_start < first_month:
        reaching.append("division")
    return reaching


def promoted(conn: duckdb.DuckDBPyConnection, period: str) -> pd.DataFrame:
    """The promotions (提拔) dated in `period` (canonical form), one row each (queries/training_targets_promoted):
    cadre_id, date, county, rank_group, hours (not online, in the year up to the promotion day), hours_after (in
    the year after it, as far as recorded), annual_target, `met` (hours ≥ annual_target; False without a target)
    and `met_after` (not met, but hours_after ≥ annual_target: trained within the year after, which the 条例 allows
    where the training could not come first; docs/decisions.md#pre-promotion-training)."""
    start, end = periods.bounds(period)
    frame = queries.run(conn, "training_targets_promoted", start=start, end=end)
    has_target = frame["annual_target"].notna()
    frame["met"] = has_target & (frame["hours"] >= frame["annual_target"])
    frame["met_after"] = has_target & ~frame["met"] & (frame["hours_after"] >= frame["annual_target"])
    return frame


PROMOTION_COUNTS = ("promoted", "met", "met_after", "unmet")


def promotion_counts(conn: duckdb.DuckDBPyConnection, period: str, threshold: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """提任前 training of the promotions of `period` by county, with each count's status for a viewer: the page, the
    export and the documents all call this (promoted_by_county of promoted, as 能上能下 shows the promotions)."""
    return promoted_by_county(promoted(conn, period), threshold, promotions_on_movements(conn, period, threshold))


def promotions_on_movements(conn: duckdb.DuckDBPyConnection, period: str, threshold: int) -> dict[str | None, str]:
    """How 能上能下 shows the promotions (提拔) of `period` by county, for promoted_by_county: county ('' = cadres
    on no roster, None = the prefecture's total) -> '' shown, 'small' or 'withheld' (its own pattern,
    incentive/care/movements.year_view). That page shows whole years only: {} for a shorter period."""
    from incentive.care import movements  # the care package imports the race, which the training does not need

    if periods.form(period) != "Y":
        return {}
    view = movements.year_view(conn, int(period), threshold)
    shown = dict(zip(view.summary["county"], movements.statuses(view.summary, view.pattern, "promotion"), strict=True))
    return {**shown, None: view.pattern.status(movements.total_key("promotion"))}


def promoted_by_county(
    per_promotion: pd.DataFrame, threshold: int, elsewhere: Mapping[str | None, str] | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per county (county '' = cadres on no roster; in the order of `per_promotion`) and a last total row (county
    None): promoted, met (trained to target in the year before), met_after (in the year after instead), unmet
    (neither), share_met and share_by_after (met and met_after together); and each count's status for a viewer,
    'small' / 'withheld' / '' (a frame with the columns of PROMOTION_COUNTS, index as the counts).

    Promotions are personnel decisions, and so are those made with or without the training: every one of the
    counts from 1 to threshold − 1 is `<threshold` (docs/decisions.md#small-numbers, as on 能上能下), in one
    complementary pattern (incentive/disclosure.py) where each county's promoted is its met, met_after and unmet
    together and each column adds up to the total row, so that no hidden count can be worked out from the ones
    shown (docs/decisions.md#pre-promotion-training). A share is shown only with all its counts. Admin views and
    the CLI show the figures exact.

    `elsewhere` (promotions_on_movements): how 能上能下 shows each county's promotions, the same figures. A county's
    promotions shown there are never withheld here (the audit counts them as known: withheld here while shown
    there, they let an onlooker with both pages work out hidden counts), and one withheld there is withheld here."""
    counts = per_promotion.groupby("county", sort=False).agg(
        promoted=("met", "size"), met=("met", "sum"), met_after=("met_after", "sum")
    )
    counts = counts.reset_index().astype({"promoted": int, "met": int, "met_after": int})
    counts["unmet"] = counts["promoted"] - counts["met"] - counts["met_after"]
    total = pd.DataFrame({"county": [None], **{k: [int(counts[k].sum())] for k in PROMOTION_COUNTS}})
    out = pd.concat([counts, total], ignore_index=True)
    out["share_met"] = out["met"] / out["promoted"].where(out["promoted"] > 0)
    out["share_by_after"] = (out["met"] + out["met_after"]) / out["promoted"].where(out["promoted"] > 0)
    rows = [("county", c) for c in counts["county"]] + [("all", "")]
    sizes = {(row, k): int(out.at[i, k]) for i, row in enumerate(rows) for k in PROMOTION_COUNTS}
    lines = [disclosure.Line((row, "promoted"), tuple((row, k) for k in PROMOTION_COUNTS[1:])) for row in rows]
    lines += [disclosure.Line((rows[-1], k), tuple((row, k) for row in rows[:-1])) for k in PROMOTION_COUNTS]
    # the promotions are 能上能下's figures too: shown there, they are known here; withheld there, withheld here
    shared = {(row, "promoted"): (elsewhere or {}).get(county) for row, county in zip(rows, out["county"], strict=True)}
    pattern = disclosure.protect(
        sizes,
        lines,
        threshold,
        shown_elsewhere=[cell for cell, status in shared.items() if status in ("", disclosure.SMALL)],
        withheld_elsewhere=[cell for cell, status in shared.items() if status == disclosure.WITHHELD],
    )
    statuses = pd.DataFrame(
        {k: [pattern.status((row, k)) for row in rows] for k in PROMOTION_COUNTS}, index=out.index, dtype=object
    )
    # No count of the breakdown is shown, not even as `<5` or 0 (so that a withheld mark says nothing of its size;
    # docs/security.md, "Small numbers" 4), when this table alone cannot protect it:
    # - a count no cell of this table can hide: 7 promotions shown on 能上能下 with `<5` met, `<5` met after and a
    #   withheld rest (at least 5) can only be 1, 1 and 5 (with a threshold of 2, a `<2` says 1 by itself: that is
    #   no reason);
    # - a promotion count 能上能下 does not show exactly: its tier subtotals, and the rank of a cell its own pattern
    #   withheld, then say more of it than this table's audit knows (a review found counts pinned so), and the two
    #   tables are not audited as one.
    unexact = [s for s in (elsewhere or {}).values() if s == disclosure.WITHHELD or (s and threshold > 2)]
    if unexact or any(not (threshold <= 2 and cell in pattern.small) for cell, _ in pattern.unprotected):
        statuses[list(PROMOTION_COUNTS[1:])] = disclosure.WITHHELD
    return out, statuses
