"""What each page keeps in the address: one dataclass per page, its fields the page's own controls.

Every field is the control's text as it stands in the URL; None (left out of the URL, so links stay short) is the
page's default, which often depends on the data: the latest period of the year, the sidebar's county, the leader
of the ranking. The page decides whether a text can be used (an option of the control) and says so when not.

In the URL a field is named `<prefix>.<field>` (`rank.period`, `care.period`): two pages may both have a period
without one page's choice being read by the other (issue 16). The shared controls of the sidebar (`SHARED`) are
bare names and follow the user from page to page.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

SHARED = ("lang", "year", "county", "present", "v", "pin")  # the frame's: the same meaning on every page


@dataclass(frozen=True)
class OverviewState:
    race: str | None = None  # a race period of the sidebar's year; None = the newest complete one
    care: str | None = None  # a care half-year of the sidebar's year; None = the newest complete one
    section: str | None = None  # meeting mode's screen


@dataclass(frozen=True)
class RankingsState:
    level: str | None = None  # county | township; None = county
    peer: str | None = None  # whose townships, when the sidebar names no county; None = the first county
    # 分类考核 class compared within; None = the sidebar county's class, else the first; empty = all (common weights)
    peer_class: str | None = None
    period: str | None = None  # a race period of the sidebar's year; None = its latest
    compare: str | None = (
        None  # an earlier race period; left out = the previous stored one of the same form, empty = none
    )
    method: str | None = None  # z | minmax | points; None = z
    weights: str | None = None  # 项目建设=40,乡村振兴=20,… in percent; None = the catalog's
    tiers: str | None = None  # first,third tier in percent (30,30); None = a third each
    focus: str | None = None  # the unit looked at; None = the sidebar's county, else the leader
    track: str | None = None  # rank by one track (赛道), a view never official; None = the composite
    view: str | None = None  # official | live; None = the published results where the period is published
    section: str | None = None
    tab: str | None = None  # tracks | focus (ui/section_tabs.py); None = ranking, the first


@dataclass(frozen=True)
class TrainingState:
    window: str | None = None  # year | quarter | months; None = year
    quarter: str | None = None  # 1-4; None = 4
    months: str | None = None  # 2026-03~2026-05 within the sidebar's year; None = the whole year
    measure: str | None = None  # reach | hours_per_cadre; None = reach
    drill: str | None = None  # the county drilled into when the sidebar names none; None = the first county
    slice: str | None = None  # unit | rank | rank_group | age | gender; None = unit
    section: str | None = None
    tab: str | None = None  # domains | trend | gaps | drill (ui/section_tabs.py); None = coverage, the first


@dataclass(frozen=True)
class WelfareState:
    period: str | None = None  # a welfare half-year of the sidebar's year; None = its latest
    focus: str | None = None  # the county of the radar when the sidebar names none; None = the first county
    indicator: str | None = None  # the indicator of the trend; None = the first
    view: str | None = None  # official | live; None = the published statuses where the period is published
    section: str | None = None
    tab: str | None = None  # furthest | county (ui/section_tabs.py); None = lights, the first


@dataclass(frozen=True)
class MovementsState:
    section: str | None = None


@dataclass(frozen=True)
class AppraisalsState:
    section: str | None = None


@dataclass(frozen=True)
class CadreState:
    id: str | None = None  # the cadre id typed or clicked; None = nobody yet


@dataclass(frozen=True)
class AlertsState:
    focus: str | None = None  # the county whose warnings are listed when the sidebar names none; None = every one
    rule: str | None = None  # one rule (incentive/alerts/rules.py RULES); None = every rule
    section: str | None = None  # meeting mode's screen


@dataclass(frozen=True)
class ProgressState:
    """报送进度: its own year, since a year may be owed before any of its data are in (the sidebar offers only the
    years the data have)."""

    due_year: str | None = None  # the year tracked; None = the sidebar's year (or this year, when it has none)
    section: str | None = None  # meeting mode's screen


# Pages the sidebar's county does not filter: the control is shown there disabled, with the line (an i18n key)
# saying why, never as a filter that changes nothing (docs/decisions.md#the-sidebar-county-per-page).
COUNTY_NOT_USED = {
    "": "county_not_on_page",  # the prefecture's figures
    "movements": "county_not_on_page",
    "appraisals": "county_not_on_page",
    "cadre": "county_not_on_cadre_page",  # one cadre, in his own county
}
# Pages the sidebar's county filters in part: the line says what it changes there and what stays the
# prefecture's (comparisons of every county), so no reader takes an all-county chart for the county's.
COUNTY_IN_PART = {
    "rankings": "county_on_rankings",
    "training": "county_on_training",
    "welfare": "county_on_welfare",
}


@dataclass(frozen=True)
class CountyState:
    """一县一档: the county itself is the sidebar's (`county`), shared with every page."""

    period: str | None = None  # a race period of the sidebar's year; None = the year's default
    compare: str | None = None  # previous | year: why the rank moved since the previous period or a year ago
    section: str | None = None


# url path of the page -> (prefix in the URL, its state)
PAGES: dict[str, tuple[str, type]] = {
    "": ("home", OverviewState),
    "rankings": ("rank", RankingsState),
    "training": ("train", TrainingState),
    "welfare": ("care", WelfareState),
    "movements": ("moves", MovementsState),
    "appraisals": ("grades", AppraisalsState),
    "cadre": ("cadre", CadreState),
    "alerts": ("alerts", AlertsState),
    "county": ("profile", CountyState),
    "progress": ("cycle", ProgressState),
}

# Names that were bare in links made before issue 16: on the page a link opens, such a name is that page's field.
OLD_NAMES = frozenset(field.name for _, state in PAGES.values() for field in fields(state))
assert not OLD_NAMES & set(SHARED), "a page field may not reuse a shared name"
