"""The cadres of a county's roster whom another county's roster of the same date still lists: shown before import.

A county's roster replaces only that county's cadres of its date (docs/decisions.md#county-roster-snapshots), so a
cadre id it lists that another county's roster in force on that date also lists stays on both: every figure counted
county by county from the roster counts him in both counties, and the prefecture's total once more, until the other
county sends a roster of that date without him. A real move is legitimate (the old county re-sends later); a
mistyped id is not. Either way it is said, never silent (docs/decisions.md#a-cadre-on-two-county-rosters). The
clerk's 报送数据 page and the 审核 page (ui/preview_panel.py) show the same `OtherCountyCadres`. A prefecture-wide file
replaces every county's cadres of its dates, so it has none: one id in two counties within a file is a duplicate
key, refused (docs/decisions.md#duplicate-keys).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass

import pandas as pd

from incentive.accounts.roles import Scope
from incentive.i18n import join, t
from incentive.intake.preview import Preview
from incentive.store import queries
from incentive.store.database import Database
from incentive.store.effects import CHANGES_LISTED


@dataclass(frozen=True)
class OtherCountyCadre:
    """A cadre of the file on another county's roster: his id, his first file row and his name as the file writes
    them, the earliest file date on which another county lists him, and `elsewhere`, (county, stored name) of each
    such county the viewer's scope covers: empty for a clerk, who sees nothing of another county
    (docs/decisions.md#named-lists)."""

    cadre_id: str
    row: int
    name: str
    as_of: dt.date
    elsewhere: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class OtherCountyCadres:
    """`cadres`: how many cadres of the file another county's roster of its date lists; `listed`: the first
    CHANGES_LISTED of them by id."""

    cadres: int
    listed: tuple[OtherCountyCadre, ...]

    def text(self, lang: str) -> str:
        """The warning, '' when there are none: how many, the ids listed (with the other county and its stored name
        where the viewer may see them) and how many more, what happens and what to do."""
        if not self.cadres:
            return ""
        items = []
        for cadre in self.listed:
            where = join([t("other_county_place", lang, county=c, name=n) for c, n in cadre.elsewhere], lang)
            key = "other_county_item_named" if where else "other_county_item"
            items.append(t(key, lang, cadre=cadre.cadre_id, row=cadre.row, where=where))
        more = self.cadres - len(items)
        dates = join(sorted({f"{c.as_of:%Y-%m-%d}" for c in self.listed}), lang)
        return t(
            "other_county_cadres",
            lang,
            n=self.cadres,
            as_of=dates,
            items=("; " if lang == "en" else "；").join(items),
            more=t("other_county_more", lang, n=more) if more > 0 else "",
        )


NONE = OtherCountyCadres(0, ())


def other_county_cadres(
    db: Database, preview: Preview, scope: Scope, county: str | None, limit: int = CHANGES_LISTED
) -> OtherCountyCadres:
    """The OtherCountyCadres of an importable roster preview that would be `county`'s batch (a submission), against
    the other counties' rosters in force on its dates (queries/roster_other_counties.sql). None for a
    prefecture-wide file, and for another kind: nothing (see the module's docstring).

    `scope` is the viewer's and must cover `county` (OutOfScope otherwise): the ids are the file's; the other
    county and its stored name are given only where the scope covers that county (docs/decisions.md#named-lists)."""
    if county is None or preview.kind != "roster" or not preview.row_count:
        return NONE
    covered = None if scope.everything else sorted(scope.counties)
    with contextlib.closing(db.cursor()) as cur:
        found = queries.run_within(
            cur,
            "roster_other_counties",
            {"incoming": preview.rows_for(cur)},
            scope=scope,
            county=county,
            covered=covered,
            listed=limit,
        )
    if not len(found):
        return NONE
    listed = []
    for cadre_id, rows in found.groupby("cadre_id", sort=True):
        first = rows.iloc[0]
        elsewhere = tuple(
            (str(c), "" if pd.isna(n) else str(n))
            for c, n in zip(rows["county"], rows["stored_name"], strict=True)
            if not pd.isna(c)
        )
        listed.append(
            OtherCountyCadre(
                str(cadre_id),
                int(rows["row"].min()),
                "" if pd.isna(first["name"]) else str(first["name"]),
                pd.Timestamp(rows["as_of"].min()).date(),
                elsewhere,
            )
        )
    return OtherCountyCadres(int(found["cadres"].iloc[0]), tuple(listed))
