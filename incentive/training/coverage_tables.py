"""The training page's tables in the user's language, with the groups a viewer may not see hidden: a small group's
counts read `<5` and its rates "withheld (fewer than 5)", a group withheld to protect a small one reads "withheld"
(coverage.group_statuses, the window's one pattern)."""

from __future__ import annotations

import pandas as pd

from incentive import disclosure
from incentive.disclosure import SMALL, WITHHELD
from incentive.i18n import t
from incentive.training.coverage import CATEGORIES


def category_label(category: str, lang: str) -> str:
    return t(f"category_{category}", lang)


def slice_value(by: str, value: str, lang: str) -> str:
    if by == "gender":
        return t(f"gender_{value}", lang) if value in ("M", "F") else value
    if by == "rank_group":
        return t(f"rank_group_{value}", lang)  # '' = a rank no group knows
    return value


def _percent(value) -> str | None:
    """A rate as text; None when there is none ("—" on a page, an empty cell in a download)."""
    return None if pd.isna(value) else f"{value:.1%}"


def _hours(value) -> str | None:
    return None if pd.isna(value) else f"{value:.1f}"


def _total_hours(value) -> str | None:
    """Hours summed over a group (thousands of them): whole hours with separators, as the page's metric says it."""
    return None if pd.isna(value) else f"{value:,.0f}"


def _hidden_counts(values: pd.Series, statuses: pd.Series, threshold: int, lang: str) -> pd.Series:
    return values.mask(statuses == SMALL, f"<{threshold}").mask(statuses == WITHHELD, t("withheld", lang))


def _hidden_rates(values: pd.Series, statuses: pd.Series, threshold: int, lang: str) -> pd.Series:
    """A rate of a hidden group in words that fit a rate (never `<5`, which reads as a count)."""
    return values.mask(statuses == SMALL, t("withheld_rate_small", lang, threshold=threshold)).mask(
        statuses == WITHHELD, t("withheld", lang)
    )


def group_table(frame: pd.DataFrame, by: str, lang: str, threshold: int, statuses: pd.Series) -> pd.DataFrame:
    """One row per group; `statuses` ('small', 'withheld', '') says which groups' figures are hidden."""
    statuses = statuses.reindex(frame.index).fillna("")
    out = pd.DataFrame(index=frame.index)
    if by != "county" and frame["county"].ne("").any():
        out[t("col_unit_county", lang)] = frame["county"]
    out[t(f"slice_{by}", lang)] = [slice_value(by, v, lang) for v in frame["group"]]
    counts = {
        "col_cadres": frame["cadres"].map(disclosure.count_text),
        "col_trained": frame["trained"].map(disclosure.count_text),
    }
    rates = {
        "col_coverage": frame["coverage"].map(_percent),
        "col_hours_per_cadre": frame["hours_per_cadre"].map(_hours),
        "col_hours_median": frame["hours_median"].map(_hours),
        "col_share_target": frame["share_meeting_target"].map(_percent),
        "col_share_on_pace": frame["share_on_pace"].map(_percent),
        "col_hours_short": frame["hours_short"].map(_total_hours),
        "col_share_online_met": frame["share_online_met"].map(_percent),
    }
    for key, values in counts.items():
        out[t(key, lang)] = _hidden_counts(values, statuses, threshold, lang)
    for key, values in rates.items():
        out[t(key, lang)] = _hidden_rates(values, statuses, threshold, lang)
    for category in CATEGORIES:
        out[category_label(category, lang)] = _hidden_rates(
            frame[f"coverage_{category}"].map(_percent), statuses, threshold, lang
        )
    out[t("col_untrained", lang)] = _hidden_counts(
        frame["untrained"].map(disclosure.count_text), statuses, threshold, lang
    )
    return out.reset_index(drop=True)


def action_list(
    category_gaps: pd.DataFrame, domain_gaps: pd.DataFrame, lang: str, margin_pp: float = 1.0
) -> pd.DataFrame:
    """缺什么补什么: per county, its weakest category and least-reached domain where clearly below the prefecture."""
    rows = []
    for _, gap in category_gaps[category_gaps["gap_pp"] < -margin_pp].iterrows():
        label = category_label(gap["category"], lang)
        rows.append(
            {
                "county": gap["county"],
                "gap": t("gap_category", lang, category=label),
                "size": gap["not_reached"],
                "gap_pp": gap["gap_pp"],
                "suggestion": t(
                    "suggest_category",
                    lang,
                    category=label,
                    coverage=gap["coverage"],
                    prefecture=gap["prefecture"],
                    n=gap["not_reached"],
                ),
            }
        )
    for _, gap in domain_gaps[domain_gaps["gap_pp"] < -margin_pp].iterrows():
        rows.append(
            {
                "county": gap["county"],
                "gap": t("gap_domain", lang, domain=gap["domain"]),
                "size": int(gap["cadres"] - gap["reached"]),
                "gap_pp": gap["gap_pp"],
                "suggestion": t(
                    "suggest_domain", lang, domain=gap["domain"], reach=gap["reach"], prefecture=gap["prefecture"]
                ),
            }
        )
    frame = pd.DataFrame(rows, columns=["county", "gap", "size", "gap_pp", "suggestion"])
    frame = frame.sort_values("gap_pp", kind="stable").reset_index(drop=True)
    frame["gap_pp"] = frame["gap_pp"].round(1)
    frame.columns = [t(k, lang) for k in ("col_unit_county", "col_gap", "col_gap_size", "col_gap_pp", "col_suggestion")]
    return frame


def below_target_table(
    units: pd.DataFrame, lang: str, threshold: int, statuses: pd.Series | None = None
) -> pd.DataFrame:
    """Units whose cadres are short of their own targets by now (coverage.units_below_target). The page passes
    shown units only (a hidden unit's place in this list would tell how far below the target it is); `statuses`
    hides the figures of any hidden unit left in."""
    statuses = (statuses if statuses is not None else pd.Series("", index=units.index)).reindex(units.index)
    statuses = statuses.fillna("")
    out = pd.DataFrame(
        {
            t("col_unit_county", lang): units["county"],
            t("slice_unit", lang): units["group"],
            t("col_cadres", lang): _hidden_counts(
                units["cadres"].map(disclosure.count_text), statuses, threshold, lang
            ),
            t("col_hours_per_cadre", lang): _hidden_rates(
                units["hours_per_cadre"].map(_hours), statuses, threshold, lang
            ),
            t("col_share_on_pace", lang): _hidden_rates(
                units["share_on_pace"].map(_percent), statuses, threshold, lang
            ),
            t("col_shortfall", lang): _hidden_rates(units["shortfall"].map(_hours), statuses, threshold, lang),
        }
    )
    return out.reset_index(drop=True)


def domain_table(domains: pd.DataFrame, lang: str, threshold: int, statuses: pd.Series) -> pd.DataFrame:
    """County x domain; `statuses` are the counties' (a hidden county's figures are hidden in every domain)."""
    statuses = statuses.reindex(domains.index).fillna("")
    return pd.DataFrame(
        {
            t("col_unit_county", lang): domains["county"],
            t("col_domain", lang): domains["domain"],
            t("col_cadres", lang): _hidden_counts(
                domains["cadres"].map(disclosure.count_text), statuses, threshold, lang
            ),
            t("col_reached", lang): _hidden_counts(
                domains["reached"].map(disclosure.count_text), statuses, threshold, lang
            ),
            t("col_reach", lang): _hidden_rates(domains["reach"].map(_percent), statuses, threshold, lang),
            t("col_hours_per_cadre", lang): _hidden_rates(
                domains["hours_per_cadre"].map(_hours), statuses, threshold, lang
            ),
        }
    ).reset_index(drop=True)


def promotion_table(counts: pd.DataFrame, statuses: pd.DataFrame, lang: str, threshold: int) -> pd.DataFrame:
    """targets.promoted_by_county in words: county (the total row 全市, cadres on no roster 未在花名册), promoted,
    trained to target in the year before, in the year after instead, the share before and the share with the year
    after; each hidden count `<5` or withheld, a share hidden with any of its counts (disclosure.strongest)."""
    names = [t("all_counties", lang) if c is None else (c or t("promotion_no_roster", lang)) for c in counts["county"]]

    def hidden_with(*columns):
        return statuses[list(columns)].apply(lambda row: disclosure.strongest(row.values), axis=1)

    def shown_count(column):
        return _hidden_counts(counts[column].map(disclosure.count_text), statuses[column], threshold, lang)

    return pd.DataFrame(
        {
            t("col_unit_county", lang): names,
            t("col_promoted", lang): shown_count("promoted"),
            t("col_promoted_met", lang): shown_count("met"),
            t("col_promoted_met_after", lang): shown_count("met_after"),
            t("col_promoted_share", lang): _hidden_rates(
                counts["share_met"].map(_percent), hidden_with("promoted", "met"), threshold, lang
            ),
            t("col_promoted_share_after", lang): _hidden_rates(
                counts["share_by_after"].map(_percent), hidden_with("promoted", "met", "met_after"), threshold, lang
            ),
        }
    ).reset_index(drop=True)
