"""The training page's tables in the user's language, with small groups suppressed (`<5`) for viewers."""

from __future__ import annotations

import pandas as pd

from .coverage import CATEGORIES, suppressed
from .i18n import t


def category_label(category: str, lang: str) -> str:
    return t(f"category_{category}", lang)


def slice_value(by: str, value: str, lang: str) -> str:
    if by == "gender":
        return t(f"gender_{value}", lang) if value in ("M", "F") else value
    return value


def _percent(value) -> str:
    return "—" if pd.isna(value) else f"{value:.1%}"


def _hours(value) -> str:
    return "—" if pd.isna(value) else f"{value:.1f}"


def group_table(frame: pd.DataFrame, by: str, lang: str, threshold: int) -> pd.DataFrame:
    """One row per group; every figure of a group smaller than `threshold` reads `<threshold`."""
    small = suppressed(frame, threshold)
    hidden = f"<{threshold}"
    out = pd.DataFrame(index=frame.index)
    if by != "county" and frame["county"].ne("").any():
        out[t("col_unit_county", lang)] = frame["county"]
    out[t(f"slice_{by}", lang)] = [slice_value(by, v, lang) for v in frame["group"]]
    columns = {
        "col_cadres": frame["cadres"].map(str), "col_trained": frame["trained"].map(str),
        "col_coverage": frame["coverage"].map(_percent), "col_hours_per_cadre": frame["hours_per_cadre"].map(_hours),
        "col_hours_median": frame["hours_median"].map(_hours),
        "col_share_target": frame["share_meeting_target"].map(_percent),
    }
    for key, values in columns.items():
        out[t(key, lang)] = values.where(~small, hidden)
    for category in CATEGORIES:
        out[category_label(category, lang)] = frame[f"coverage_{category}"].map(_percent).where(~small, hidden)
    out[t("col_untrained", lang)] = frame["untrained"].map(str).where(~small, hidden)
    return out.reset_index(drop=True)


def action_list(category_gaps: pd.DataFrame, domain_gaps: pd.DataFrame, lang: str,
                margin_pp: float = 1.0) -> pd.DataFrame:
    """缺什么补什么: per county, its weakest category and least-reached domain where clearly below the prefecture."""
    rows = []
    for _, gap in category_gaps[category_gaps["gap_pp"] < -margin_pp].iterrows():
        label = category_label(gap["category"], lang)
        rows.append({"county": gap["county"], "gap": t("gap_category", lang, category=label),
                     "size": gap["not_reached"], "gap_pp": gap["gap_pp"],
                     "suggestion": t("suggest_category", lang, category=label, coverage=gap["coverage"],
                                     prefecture=gap["prefecture"], n=gap["not_reached"])})
    for _, gap in domain_gaps[domain_gaps["gap_pp"] < -margin_pp].iterrows():
        rows.append({"county": gap["county"], "gap": t("gap_domain", lang, domain=gap["domain"]),
                     "size": int(gap["cadres"] - gap["reached"]), "gap_pp": gap["gap_pp"],
                     "suggestion": t("suggest_domain", lang, domain=gap["domain"], reach=gap["reach"],
                                     prefecture=gap["prefecture"])})
    frame = pd.DataFrame(rows, columns=["county", "gap", "size", "gap_pp", "suggestion"])
    frame = frame.sort_values("gap_pp", kind="stable").reset_index(drop=True)
    frame["gap_pp"] = frame["gap_pp"].round(1)
    frame.columns = [t(k, lang) for k in ("col_unit_county", "col_gap", "col_gap_size", "col_gap_pp",
                                          "col_suggestion")]
    return frame


def below_target_table(units: pd.DataFrame, target: float, lang: str, threshold: int) -> pd.DataFrame:
    small = suppressed(units, threshold)
    hidden = f"<{threshold}"
    out = pd.DataFrame({
        t("col_unit_county", lang): units["county"],
        t("slice_unit", lang): units["group"],
        t("col_cadres", lang): units["cadres"].map(str).where(~small, hidden),
        t("col_hours_per_cadre", lang): units["hours_per_cadre"].map(_hours).where(~small, hidden),
        t("col_target_hours", lang): f"{target:.1f}",
        t("col_shortfall", lang): units["shortfall"].map(_hours).where(~small, hidden),
    })
    return out.reset_index(drop=True)


def domain_table(domains: pd.DataFrame, lang: str, threshold: int) -> pd.DataFrame:
    small = domains["cadres"] < threshold
    hidden = f"<{threshold}"
    return pd.DataFrame({
        t("col_unit_county", lang): domains["county"],
        t("col_domain", lang): domains["domain"],
        t("col_cadres", lang): domains["cadres"].map(str).where(~small, hidden),
        t("col_reached", lang): domains["reached"].map(str).where(~small, hidden),
        t("col_reach", lang): domains["reach"].map(_percent).where(~small, hidden),
        t("col_hours_per_cadre", lang): domains["hours_per_cadre"].map(_hours).where(~small, hidden),
    }).reset_index(drop=True)
