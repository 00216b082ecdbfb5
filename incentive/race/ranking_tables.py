"""The ranking tables in the user's language: what a leader reads on the page and in the briefing, built from a
Ranking (the figures from rankings.ranking_rows, which `export rankings` writes too).

Pure functions, so the page only draws them and the tests can read every cell.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping

import pandas as pd

from incentive.i18n import join, t
from incentive.labels import tier_label, track_label
from incentive.race import benchmarks, rankings, scoring
from incentive.race.scoring import Ranking


def change_arrow(change, lang: str) -> str | None:
    """Places gained or lost against the compare period: `↑3`, `↓2`, `持平` / `same` (a word: `=` would start a
    formula in a spreadsheet and be exported as `'=`); None without a comparison (a unit not ranked in one of
    the periods, or no compare period), which a page shows as "—" and a download leaves empty. Also the county
    profile's change against the year before (county_profile.rank_path_table). Places are whole: a count read
    into a float column (3.0) is written `↑3`."""
    if change is None or change is pd.NA or pd.isna(change):
        return None
    if change > 0:
        return f"↑{int(change)}"
    if change < 0:
        return f"↓{-int(change)}"
    return t("rank_change_same", lang)


def flags_text(row: Mapping, ranking: Ranking, lang: str) -> str:
    """`数据不全（缺 7 项）`, `插补：项目审批平均用时` or `缩尾：…` (winsorized before min-max) in words, for the table a
    leader reads: of a row of `ranking.table` (or a mapping of its ranked, missing, imputed and winsorized)."""
    if not row["ranked"]:
        return t("flag_unranked", lang, n=int(row["missing"]))
    said = []
    for column, key in (("imputed", "flag_imputed"), ("winsorized", "flag_winsorized")):
        names = [ranking.catalog.at[code, "name"] for code in row.get(column, ())]
        if names:
            said.append(t(key, lang, names=join(names, lang)))
    return ("; " if lang == "en" else "；").join(said)


def ranking_table(
    now: Ranking, before: Ranking | None, level: str, lang: str, classes: Mapping[str, str] | None = None
) -> pd.DataFrame:
    """rankings.ranking_rows as a leader reads it: rank, interval, change, unit (with its 考核类别 when `classes`,
    unit -> peer class, gives any: the view across classes), composite (3 decimals), tracks,
    tier, median rank and robust interval (every modelling choice drawn), coverage, flags, ranks by other methods; the briefing prints a few of these columns. An unranked unit's rank,
    interval, scores and tier are missing (None or NA: "—" on a page, an empty cell in a download)."""
    rows = rankings.ranking_rows(now, before)
    out = {
        t("col_rank", lang): rows["rank"],
        t("col_rank_interval", lang): [interval or None for interval in rows["interval"]],
        t("col_rank_change", lang): [change_arrow(c, lang) for c in rows["rank_change"]],
        t(f"col_unit_{level}", lang): rows.index,
    }
    if classes and any(classes.values()):
        out[t("col_peer_class", lang)] = [classes.get(unit) or None for unit in rows.index]
    out[t("col_composite", lang)] = rows["composite"].round(3)
    for track in now.catalog["track"].drop_duplicates():
        out[track_label(track, lang)] = rows[f"track_{track}"].round(3)
    out[t("col_tier", lang)] = [tier_label(tier, lang) or None for tier in rows["tier"]]
    # every modelling choice drawn at once (robustness.py), beside the weights-only 排名区间
    out[t("col_rank_median", lang)] = rows["rank_median"]
    out[t("col_robust_interval", lang)] = [interval or None for interval in rows["robust_interval"]]
    # the share of the period's indicators present: a unit under the setting's share is not ranked
    out[t("col_indicator_coverage", lang)] = [None if pd.isna(c) else f"{c:.0%}" for c in rows["coverage"]]
    marks = now.table[[c for c in ("ranked", "missing", "imputed", "winsorized") if c in now.table]]
    marks = marks.to_dict("records")
    out[t("col_flags", lang)] = [flags_text(row, now, lang) for row in marks]
    for method in scoring.methods_for(now.catalog):  # 原始分值 is no rank on mixed units: no column
        out[t("col_rank_by", lang, method=t(f"method_short_{method}", lang))] = rows[f"rank_{method}"]
    return pd.DataFrame(out, index=rows.index).reset_index(drop=True)  # one frame: see rankings.ranking_rows


NAMES_SHOWN = 3  # indicators named in a robustness sentence before "等 N 项"


def robustness_lines(ranking: Ranking, unit: str, lang: str, quote=str) -> list[str]:
    """Two sentences on how far `unit`'s rank rests on the modelling choices (robustness.py): the joint draws'
    median and 5th-95th percentile, and the single choices that move it most with the rank each gives (or that
    none moves it); [] for a unit not ranked or a ranking without draws. `quote` makes names inert
    (safe_text.markdown on a page)."""
    if unit not in ranking.ranked.index:
        return []
    row = ranking.table.loc[unit]
    if pd.isna(row["rank_median"]):
        return []
    low, high = row["robust_low"], row["robust_high"]
    joint = t(
        "rank_robust_joint" if low != high else "rank_robust_joint_fixed",
        lang,
        unit=quote(unit),
        draws=scoring.DRAWS,
        median=int(row["rank_median"]),
        interval=rankings.interval_text(row["robust_low"], row["robust_high"]),
    )
    if not row["moves"]:
        return [joint, t("rank_robust_none", lang, unit=quote(unit))]
    said = []
    for (choice, rank), moves in _grouped_moves(row["moves"]).items():
        if choice == "leave_out":
            opening, closing = ("“", "”") if lang == "en" else ("「", "」")
            names = [f"{opening}{quote(ranking.catalog.at[code, 'name'])}{closing}" for code in moves]
            key = ("robust_move_leave_out", "robust_move_leave_out_any", "robust_move_leave_out_many")[
                (len(names) > 1) + (len(names) > NAMES_SHOWN)
            ]
            said.append(t(key, lang, names=join(names[:NAMES_SHOWN], lang), n=len(names), rank=rank))
        elif choice == "normalization":
            method = join([t(f"method_short_{m}", lang) for m in moves], lang)
            said.append(t("robust_move_normalization", lang, method=method, rank=rank))
        else:
            said.append(t(f"robust_move_{choice}", lang, rank=rank))
    separator = "; " if lang == "en" else "；"
    most = t(
        "rank_robust_most",
        lang,
        unit=quote(unit),
        n=int(row["moved_places"]),
        rank=int(row["rank"]),
        moves=separator.join(said),
    )
    return [joint, most]


def _grouped_moves(moves) -> dict[tuple[str, int], list[str]]:
    """The moves of one unit by (choice, rank they give), details in order: 去掉「A」「B」等 5 项之一 (第 7 名)."""
    grouped: dict[tuple[str, int], list[str]] = {}
    for choice, detail, rank in moves:
        grouped.setdefault((choice, rank), []).append(detail)
    return grouped


def movers(now: Ranking, before: Ranking | None) -> tuple[tuple[str, int] | None, tuple[str, int] | None]:
    """The unit that gained most places and the one that lost most (None when nobody moved that way)."""
    up, down = biggest_movers(now, before, limit=1)
    return (up[0] if up else None), (down[0] if down else None)


def biggest_movers(
    now: Ranking, before: Ranking | None, limit: int = 3
) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    """The units that gained most places and those that lost most, at most `limit` of each as (unit, places), the
    largest move first and, among equal moves, in the ranking's order; empty lists when nobody moved that way or
    there is nothing to compare with (rankings.rank_changes: units ranked in both periods only)."""
    changes = rankings.rank_changes(now, before).dropna()
    ups = changes[changes > 0].sort_values(ascending=False, kind="stable")
    downs = changes[changes < 0].sort_values(kind="stable")
    return (
        [(unit, int(k)) for unit, k in ups.head(limit).items()],
        [(unit, int(k)) for unit, k in downs.head(limit).items()],
    )


def moves_withheld_text(
    now: Ranking,
    before: Ranking | None,
    level: str,
    lang: str,
    *,
    period: str | None = None,
    previous: str | None = None,
    quote=str,
    listed: Collection[str] = (),
) -> str:
    """Why `now` shows no rank moves against `before` (rankings.field_change,
    docs/decisions.md#rank-moves-compare-the-same-units): `2026-Q3与2026-Q2参与排名的县区不同（甲县2026-Q3未参与排名），
    名次不可比，不列名次升降。`, or '' when there is no `before` or both rank the same units. `period` and `previous`
    name the two periods as the sink does (the 通报's 2026年第三季度; default the canonical form); `quote` makes unit
    names inert (safe_text.markdown on a page). `listed`: the units the reader has just seen named as unranked in
    `now` (the page's and the 通报's unranked line); when they include all those ranked before only, those are
    counted (`上列 9 个县区2026-Q4未参与排名`) instead of named a second time."""
    change = rankings.field_change(now, before)
    if change is None:
        return ""
    period = period or change.period
    previous = previous or change.compare_period
    details = [
        t("moves_not_ranked", lang, units=join([quote(u) for u in units], lang), period=named)
        for units, named in ((change.ranked_before_only, period), (change.ranked_now_only, previous))
        if units
    ]
    if change.ranked_before_only and set(change.ranked_before_only) <= set(listed):
        details[0] = t(f"moves_not_ranked_listed_{level}", lang, n=len(change.ranked_before_only), period=period)
    separator = "; " if lang == "en" else "；"
    return t(f"moves_withheld_{level}", lang, period=period, previous=previous, details=separator.join(details))


def number_text(value, decimals: int = 2) -> str:
    """A figure as a leader reads it: thousands separated, trailing zeros dropped, a dash when missing; no negative
    zero (-0.001 and -0.0 read 0, as county_profile._two_places prints them)."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return "—"
    text = f"{value:,.{decimals}f}"
    text = text.rstrip("0").rstrip(".") if "." in text else text
    return "0" if text == "-0" else text


def indicator_detail(ranking: Ranking, unit: str, lang: str) -> pd.DataFrame:
    """Each indicator of `unit`: value against the peer median, the 标杆 (90th percentile of the peers in the better
    direction) and the best unit (benchmarks.indicator_benchmarks), how far it is from each (negative: behind), and
    the target; its score and its weighted part."""
    catalog = ranking.catalog
    raw = ranking.raw
    marks = benchmarks.indicator_benchmarks(ranking, unit).set_index("indicator")

    def mark(code, column):
        return marks.at[code, column] if code in marks.index else math.nan

    peers = raw.loc[ranking.ranked.index]
    ranked = unit in ranking.scores.index
    rows = []
    for code in catalog.index:
        value = raw.at[unit, code] if code in raw.columns else math.nan
        imputed = ranked and code in ranking.table.at[unit, "imputed"]
        winsorized = ranked and code in ranking.table.at[unit, "winsorized"]
        target = catalog.at[code, "target"]
        rows.append(
            {
                t("col_indicator", lang): catalog.at[code, "name"],
                t("col_track", lang): track_label(catalog.at[code, "track"], lang),
                t("col_direction", lang): t(f"direction_{catalog.at[code, 'direction']}", lang),
                t("col_indicator_value", lang): number_text(value),
                t("col_peer_median", lang): number_text(peers[code].median() if code in peers else math.nan),
                t("profile_col_benchmark", lang): number_text(mark(code, "benchmark")),
                t("brief_col_gap", lang): number_text(mark(code, "from_benchmark")),
                t("col_best_unit", lang): mark(code, "best_unit") if code in marks.index else None,
                t("profile_col_best", lang): number_text(mark(code, "best")),
                t("col_target", lang): number_text(target),
                t("col_score", lang): number_text(
                    ranking.scores.at[unit, code] if ranked and code in ranking.scores else math.nan, 3
                ),
                t("col_weighted", lang): number_text(
                    ranking.contributions.at[unit, code] if ranked and code in ranking.contributions else math.nan, 3
                ),
                t("col_note", lang): t("flag_imputed_cell", lang)
                if imputed
                else t("flag_winsorized_cell", lang)
                if winsorized
                else "",
            }
        )
    return pd.DataFrame(rows)


def attribution_table(parts: pd.DataFrame, lang: str, limit: int = 8) -> pd.DataFrame:
    """The largest pushes first; the rest folded into one `其他 N 项` row so the waterfall stays readable."""
    ordered = parts.assign(size=parts["contribution"].abs()).sort_values("size", ascending=False)
    shown = ordered.head(limit)
    rest = ordered.iloc[limit:]
    labels = shown["name"].tolist()
    values = shown["contribution"].tolist()
    if len(rest):
        labels.append(t("other_indicators", lang, n=len(rest)))
        values.append(rest["contribution"].sum())
    return pd.DataFrame({"label": labels, "contribution": values})


def track_table(by_track: pd.DataFrame, track: str, level: str, lang: str) -> pd.DataFrame:
    """benchmarks.track_ranking as a leader reads it: track rank, unit, the track's score (3 decimals), and the
    official composite's rank and tier beside it, so the view is never read as the official ranking."""
    return pd.DataFrame(
        {
            t("col_track_rank", lang): by_track["track_rank"],
            t(f"col_unit_{level}", lang): by_track.index,
            track_label(track, lang): by_track["score"].round(3),
            t("col_official_rank", lang): by_track["rank"],
            t("col_tier", lang): [tier_label(tier, lang) or None for tier in by_track["tier"]],
        }
    ).reset_index(drop=True)
