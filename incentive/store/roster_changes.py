"""What a roster file would change in the stored snapshots it replaces, cadre by cadre: shown before import.

A roster replaces the whole snapshot of its date (docs/decisions.md#roster-snapshots), so `ImportEffects` counts only
the cadres it replaces. A county office re-sending its roster for a stored date is a correction, and the
organization department checks it by what changed: each field of a cadre whose value differs (职级 一级主任科员 →
四级调研员), the cadres added and those no longer listed (docs/decisions.md#a-roster-correction-cadre-by-cadre).
The Data page's preview (ui/preview_panel.py) and `incentive import` show the same `RosterChanges`.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

import pandas as pd

from incentive.accounts.roles import Scope
from incentive.intake.file_kinds import STORED_COLUMNS
from incentive.intake.preview import Preview
from incentive.store import queries
from incentive.store.database import Database
from incentive.store.effects import CHANGES_LISTED

FIELD_COLUMNS = ["as_of", "cadre_id", "name", "field", "before", "after"]
CADRE_COLUMNS = ["as_of", "cadre_id", "name", "county", "unit", "rank"]


@dataclass(frozen=True)
class RosterChanges:
    """What a roster file changes in the stored snapshots of its dates (queries/roster_changes.sql).

    `fields`: the first CHANGES_LISTED changed fields (as_of, cadre_id, name, field — a roster column such as
    'rank' — before, after: stored codes and text, None for blank), by date, cadre id and column; `field_changes`
    how many there are in all, of `changed_cadres` cadres; `by_field` the cadres whose column changes, per column in
    the roster's column order. `added` / `dropped`: the first CHANGES_LISTED cadres the file adds to a stored
    snapshot or leaves out of it (as_of, cadre_id, name, county, unit, rank: the file's for an added one, the stored
    ones for a dropped one), by date and cadre id; `added_cadres` / `dropped_cadres` how many in all."""

    fields: pd.DataFrame
    field_changes: int
    changed_cadres: int
    by_field: dict[str, int]
    added: pd.DataFrame
    added_cadres: int
    dropped: pd.DataFrame
    dropped_cadres: int

    @property
    def any(self) -> bool:
        return bool(self.field_changes or self.added_cadres or self.dropped_cadres)


def roster_changes(
    db: Database, preview: Preview, scope: Scope, county: str | None = None, limit: int = CHANGES_LISTED
) -> RosterChanges:
    """The RosterChanges of an importable roster preview against the stored snapshots of its dates: of `county`'s
    cadres for that county's batch (a submission), of everybody's for a prefecture-wide file (None), as the import
    replaces them (docs/decisions.md#county-roster-snapshots). A date of the file with nothing stored is no
    correction and adds nothing to it; callers ask only when the file replaces cadres
    (`ImportEffects.snapshot_replaced`), as they ask for value changes only when values change. Empty for another
    kind.

    The lists name cadres: `scope` is the viewer's and must cover `county` (every county for a prefecture-wide
    file), else OutOfScope (docs/decisions.md#named-lists). They are for the file's own audience, the preview of the
    office that sends it, never for an aggregate view."""
    if preview.kind != "roster" or not preview.row_count:
        return _changes(pd.DataFrame(columns=["change", "listed", "changes", "cadres", "field_cadres", "field"]))
    with contextlib.closing(db.cursor()) as cur:
        return _changes(
            queries.run_within(
                cur,
                "roster_changes",
                {"incoming": preview.rows_for(cur)},
                scope=scope,
                county=county or "",
                listed=limit,
            )
        )


def _changes(found: pd.DataFrame) -> RosterChanges:
    """RosterChanges from the rows of queries/roster_changes.sql."""

    def of(change: str) -> pd.DataFrame:
        return found[found["change"] == change]

    def total(rows: pd.DataFrame, column: str) -> int:
        return int(rows[column].iloc[0]) if len(rows) else 0

    def listed(rows: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
        shown = rows[rows["listed"].astype(bool)].reindex(columns=columns).reset_index(drop=True)
        shown = shown.astype(object).where(shown.notna(), None)  # a blank as None, in every column alike
        shown["as_of"] = [pd.Timestamp(day).date() if day is not None else None for day in shown["as_of"]]
        return shown

    fields, added, dropped = of("field"), of("added"), of("dropped")
    order = list(STORED_COLUMNS["roster"])
    by_field = {
        field: int(n)
        for field, n in sorted(
            fields.groupby("field")["field_cadres"].first().items(), key=lambda item: order.index(item[0])
        )
    }
    return RosterChanges(
        fields=listed(fields, FIELD_COLUMNS),
        field_changes=total(fields, "changes"),
        changed_cadres=total(fields, "cadres"),
        by_field=by_field,
        added=listed(added, CADRE_COLUMNS),
        added_cadres=total(added, "cadres"),
        dropped=listed(dropped, CADRE_COLUMNS),
        dropped_cadres=total(dropped, "cadres"),
    )
