"""Plausibility findings that need the stored data, for a preview and for the data already loaded.

A preview of scores or welfare gets `warnings` (`add_warnings`): its periods of a frequency no stored period of the
domain has, its indicators whose values sit orders of magnitude from the stored ones on the catalog unit's scale, or
still on the scale of the unit before a catalog change (a whole column in another unit), and its values that changed
unusually from the previous stored period, compared with their peers as they would be after import. `findings` lists, for all loaded data,
the values outside their plausible bounds and the unusual changes, and the cadres on two counties' rosters in force:
`python -m incentive check` prints them and the Data page shows them. Both call the same rules in `plausibility`; the SQL is in queries/.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from incentive import periods
from incentive.accounts.roles import Scope
from incentive.i18n import capital, join, t
from incentive.intake import plausibility, units
from incentive.intake.cadre_ids import stored_records_warning
from incentive.intake.file_kinds import DOMAIN_OF_KIND, VALUE_KINDS
from incentive.intake.preview import Note, Preview, Reference
from incentive.store import queries
from incentive.store.cadre_id_case_records import case_records
from incentive.store.database import Database
from incentive.store.reference import current_reference

_INCOMING = ["period", "county", "township", "indicator", "value"]
PERIOD_FORMS = ["Y", "H", "Q", "M"]  # periods.form's, longest first: the order the stored forms are named in


@dataclass(frozen=True)
class Finding:
    """One value of the loaded data worth a second look."""

    # "unscored" (no catalog version in force scores it) | "bounds" (outside the plausible range) | "shift" (an
    # indicator's values of a period orders of magnitude from the previous period's) | "change" (unusual change from
    # the previous period) | "two_rosters" (a cadre on two counties' rosters in force)
    check: str
    kind: str  # race_scores | welfare | training | roster
    period: str  # the period, a training record's date, or the newest roster date on which two counties list him
    note: Note  # the sentence, translatable
    county: str = ""
    township: str = ""
    indicator: str = ""  # catalog code, or "hours"
    name: str = ""  # the indicator's name
    record: str = ""  # a training record: cadre id / course
    value: float | None = None
    old: float | None = None
    previous: str = ""

    def item(self, lang: str) -> str:
        return self.name or (t("check_hours", lang) if self.indicator == "hours" else self.indicator)

    def line(self, lang: str) -> str:
        """One line for the CLI: kind, where, and the sentence (with the value, for a bound)."""
        unit = " ".join(p for p in (self.county, self.township) if p)
        where = " · ".join(p for p in (self.period, unit, self.record, self.item(lang)) if p)
        kind = t(f"kind_{self.kind}", lang)
        if self.check == "bounds":
            return t(
                "check_line_value", lang, kind=kind, where=where, value=self._value_text(), message=self.note.text(lang)
            )
        return t("check_line", lang, kind=kind, message=self.note.text(lang))  # the sentence names the unit

    def _value_text(self) -> str:
        return "" if self.value is None else plausibility.number_text(self.value)


def stored_records_in_another_case(db: Database, preview: Preview) -> list[Note]:
    """A roster's warning of stored training, decisions or grades whose cadre id, on no roster, differs only in
    letter case from one of the file's ids (store/cadre_id_case_records.py): they will count for nobody though he
    is listed now (docs/decisions.md#cadre-ids-in-another-letter-case). [] when there are none."""
    ids = preview.columns_of(["cadre_id"])["cadre_id"].dropna().astype(str).unique().tolist()
    found = case_records(db.connection, ids)
    if not found:
        return []
    return [stored_records_warning(preview.column_labels["cadre_id"], [(f.kind, f.stored, f.roster_id) for f in found])]


def add_warnings(db: Database, preview: Preview, reference: Reference | None = None, county: str | None = None) -> None:
    """Fill `preview.warnings` with its periods of another frequency, its whole columns in another unit and the
    unusual changes among its values (scores and welfare), or for a
    prefecture-wide roster (`county` None: not a county's own batch) the counties it would leave without cadres;
    after the warnings the file gave while parsed (`preview.file_warnings`: cadre ids differing only in case)."""
    preview.warnings = list(preview.file_warnings)
    if preview.kind == "roster" and preview.importable and preview.row_count:
        preview.warnings += stored_records_in_another_case(db, preview)
    if preview.kind == "roster" and county is None and preview.importable and preview.row_count:
        preview.warnings += counties_left_out(db, preview)
        return
    if preview.kind not in VALUE_KINDS or not preview.importable or not preview.row_count:
        return
    reference = reference or current_reference(db)
    incoming = preview.rows[_INCOMING].dropna(subset=["period", "county", "indicator"])
    pairs = value_pairs(db.connection, DOMAIN_OF_KIND[preview.kind], incoming)
    flagged = plausibility.unusual_changes(pairs)
    mine = set(map(tuple, incoming[["period", "county", "township", "indicator"]].astype(str).values.tolist()))
    names = _names(reference)
    preview.warnings += (
        period_form_notes(db, preview)
        + level_shift_notes(preview, scale_pairs(db.connection, DOMAIN_OF_KIND[preview.kind], incoming), reference)
        + [
            plausibility.change_note(row, names.get(row["indicator"], row["indicator"]))
            for row in flagged.to_dict("records")
            if (row["period"], row["county"], row["township"], row["indicator"]) in mine
        ]
    )


def period_form_notes(db: Database, preview: Preview) -> list[Note]:
    """A warning per period of a scores or care file whose form (year, half-year, quarter, month: periods.form) is
    that of no stored period of its domain, naming the period, its first row and how many values it holds, and the
    forms of the stored ones; nothing when the domain has no stored period yet. Such a period imports as a period of
    its own, which the pages then offer with every other county unsent (a fresh tester's finding;
    docs/decisions.md#a-period-of-another-frequency)."""
    stored = queries.run(db.connection, "value_periods", domain=DOMAIN_OF_KIND[preview.kind])["period"].tolist()
    stored_forms = sorted({periods.form(p) for p in stored}, key=PERIOD_FORMS.index)
    if not stored_forms:
        return []
    rows = preview.rows.dropna(subset=["period"])
    notes = []
    for period, group in rows.groupby("period", sort=False):  # in the order of their first row
        form = periods.form(period)
        if form in stored_forms:
            continue
        names = {lang: join([t(f"period_form_{f}", lang) for f in stored_forms], lang) for lang in ("zh", "en")}
        notes.append(
            Note(
                "warn_period_form",
                {
                    "period": period,
                    "form": ("i18n", f"period_form_{form}"),
                    "row": int(group["source_row"].min()),
                    "n": len(group),
                    "kind": ("i18n", f"kind_{preview.kind}"),
                    "stored": ("by_lang", names),
                    "latest": max(stored, key=lambda p: periods.bounds(p)[1]),
                },
            )
        )
    return notes


def level_shift_notes(preview: Preview, pairs: pd.DataFrame, reference: Reference) -> list[Note]:
    """A warning per indicator whose values in the file sit orders of magnitude from the stored values they are
    compared with (`pairs`, of `scale_pairs`: each unit's own latest earlier value, else the prefecture's typical
    one), on the scale of the catalog unit in force for the file's period, or still on the scale of the unit before
    a catalog change (plausibility.level_shifts; rates of change left out), naming the unit conversion the importer
    applied to the indicator's column, if any: one into the indicator's catalog unit, as a long file's value column
    converts some indicators' cells and not others (docs/decisions.md#a-whole-column-in-another-unit)."""
    names, catalog_units = _names(reference), _units(reference)
    notes = []
    for shift in _level_shifts(plausibility.on_catalog_scale(pairs, reference.indicators), names).to_dict("records"):
        code = shift["indicator"]
        column = preview.column_labels.get(f"indicator:{code}@{shift['period']}") or preview.column_labels.get("value")
        conversion = next(
            (
                n.params
                for n in preview.notes
                if n.key == "note_unit_converted"
                and n.params.get("column") == column
                and units.normalize_unit(n.params["target"][1]) == units.normalize_unit(catalog_units.get(code, ""))
            ),
            None,
        )
        name = names.get(code, code)
        notes.append(plausibility.shift_note(shift, name, conversion, file=preview.file_name, column=column or ""))
    return notes


def scale_pairs(conn, domain: str, incoming: pd.DataFrame) -> pd.DataFrame:
    """Each value of `incoming` (_INCOMING columns: a file's rows, or every current value of the domain) with the
    stored value a whole column in another unit is judged against (queries/scale_references.sql): the unit's own
    value of the indicator in its latest earlier period of the same form, else the median of the same level's
    values in the latest earlier period of that form holding any (`prefecture` true). Columns: CHANGE_COLUMNS and
    `prefecture`."""
    return queries.run(conn, "scale_references", tables={"incoming": incoming[_INCOMING]}, domain=domain)


def counties_left_out(db: Database, preview: Preview) -> list[Note]:
    """One warning per snapshot date of a prefecture-wide roster that lists nobody of counties with cadres on the
    roster in force then (queries/roster_counties_left_out): a county's file imported by the prefecture replaced
    the whole prefecture's snapshot, and eleven counties dropped to no cadres with nothing said (a fresh user's
    review of 2026-12-06). A warning, not a refusal: a county merged away is left out rightly."""
    incoming = preview.columns_of(["county", "as_of"]).drop_duplicates()
    notes = []
    for as_of in sorted(incoming["as_of"].dropna().unique()):
        left = queries.run(db.connection, "roster_counties_left_out", {"incoming": incoming}, as_of=as_of)
        if len(left):
            day = pd.Timestamp(as_of).date().isoformat()
            counties = "、".join(left["county"])
            notes.append(
                Note(
                    "roster_counties_left_out",
                    {"as_of": day, "n": len(left), "counties": counties, "cadres": int(left["cadres"].sum())},
                )
            )
    return notes


def unusual_changes(db: Database, domain: str, incoming: pd.DataFrame | None = None) -> pd.DataFrame:
    """plausibility.unusual_changes over the current values of a domain, with `incoming` rows (a preview's) in
    place of the same keys; without `incoming`, over every stored period."""
    return changes_in(db.connection, domain, incoming)


def changes_in(
    conn, domain: str, incoming: pd.DataFrame | None = None, only: Sequence[str] | None = None
) -> pd.DataFrame:
    """`unusual_changes` read through any connection (anything with `cursor()`: a pinned view's DataAsOf too);
    the warning list's rule of sharp falls calls it (incentive/alerts/rules.py). Without `incoming`, the changes
    into every stored period, or into those of `only` (each period's peers are the same units either way: the
    rule compares a change with the same period's)."""
    return plausibility.unusual_changes(value_pairs(conn, domain, incoming, only))


def value_pairs(
    conn, domain: str, incoming: pd.DataFrame | None = None, only: Sequence[str] | None = None
) -> pd.DataFrame:
    """Each unit's value in a period and in its previous stored period (plausibility.CHANGE_COLUMNS), over the
    current values of a domain with `incoming` in place of the same keys (queries/value_changes.sql): the periods
    of `incoming`, else every stored period or those of `only`."""
    stored = queries.run(conn, "value_periods", domain=domain)["period"].tolist()
    if incoming is None:
        incoming = pd.DataFrame({c: pd.Series(dtype="float64" if c == "value" else "object") for c in _INCOMING})
        targets = stored if only is None else [p for p in stored if p in set(only)]
    else:
        targets = sorted(set(incoming["period"]))
    pairs = plausibility.previous_periods(targets, sorted(set(stored) | set(targets)))
    if not pairs:
        return pd.DataFrame(columns=plausibility.CHANGE_COLUMNS)
    period_pairs = pd.DataFrame({"period": list(pairs), "previous": list(pairs.values())})
    return queries.run(
        conn, "value_changes", tables={"incoming": incoming, "period_pairs": period_pairs}, domain=domain
    )


def findings(db: Database, scope: Scope) -> list[Finding]:
    """Every plausibility finding on the loaded data: values outside their bounds (scores, welfare, training
    hours), then whole columns in another unit and unusual changes; oldest period first within each. Training records are named by cadre id, so
    the findings need the prefecture's `scope` (OutOfScope otherwise: docs/decisions.md#named-lists)."""
    reference = current_reference(db)
    names = _names(reference)
    out: list[Finding] = unscored(db, names)
    changes: list[Finding] = []
    for kind in VALUE_KINDS:
        domain = DOMAIN_OF_KIND[kind]
        values = queries.run(db.connection, "export_values", domain=domain, period=None)
        rows = values.assign(domain=domain, source_row=range(len(values)))
        for problem in plausibility.out_of_bounds(rows, kind, reference, {}):
            row = values.iloc[problem.row]
            out.append(
                Finding(
                    "bounds",
                    kind,
                    row["period"],
                    Note(problem.key, problem.params),
                    row["county"],
                    row["township"] or "",
                    row["indicator"],
                    names.get(row["indicator"], ""),
                    value=float(row["value"]),
                )
            )
        pairs = value_pairs(db.connection, domain)
        scaled = plausibility.on_catalog_scale(scale_pairs(db.connection, domain, values), reference.indicators)
        for row in _level_shifts(scaled, names).to_dict("records"):
            name = names.get(row["indicator"], "")
            changes.append(  # a whole column in another unit (docs/decisions.md#a-whole-column-in-another-unit)
                Finding(
                    "shift",
                    kind,
                    row["period"],
                    plausibility.shift_note(row, name or row["indicator"], None, stored=True),
                    indicator=row["indicator"],
                    name=name,
                    previous=row["previous"],
                )
            )
        for row in plausibility.unusual_changes(pairs).to_dict("records"):
            changes.append(
                Finding(
                    "change",
                    kind,
                    row["period"],
                    plausibility.change_note(row, names.get(row["indicator"], row["indicator"])),
                    row["county"],
                    row["township"],
                    row["indicator"],
                    names.get(row["indicator"], ""),
                    value=row["new"],
                    old=row["old"],
                    previous=row["previous"],
                )
            )
    hours = plausibility.hours_bounds(reference.settings)
    records = queries.run(db.connection, "training_hours_outside", scope=scope, low=hours.low, high=hours.high)
    rows = records.assign(source_row=range(len(records)))
    for problem in plausibility.out_of_bounds(rows, "training", reference, {}):
        row = records.iloc[problem.row]
        out.append(
            Finding(
                "bounds",
                "training",
                pd.Timestamp(row["date"]).date().isoformat(),
                Note(problem.key, problem.params),
                indicator="hours",
                record=f"{row['cadre_id']} / {row['course']}",
                value=float(row["hours"]),
            )
        )
    return out + changes + two_rosters(db, scope)


def two_rosters(db: Database, scope: Scope) -> list[Finding]:
    """The cadres on two counties' rosters in force after both were accepted (queries/roster_two_counties.sql), one
    Finding per cadre and pair of counties, by id and without a name: a move whose old county did not drop him, or
    a wrong id, which the preview warned of (store/other_county_cadres.py) and nothing flagged once accepted
    (docs/decisions.md#a-cadre-on-two-county-rosters). Ids of identified cadres: the prefecture's `scope` only
    (OutOfScope otherwise)."""
    return [
        Finding(
            "two_rosters",
            "roster",
            f"{row['day']:%Y-%m-%d}",
            Note(
                "check_two_rosters_note",
                {
                    "cadre": row["cadre_id"],
                    "county": row["county"],
                    "as_of": f"{row['as_of']:%Y-%m-%d}",
                    "other": row["other_county"],
                    "other_as_of": f"{row['other_as_of']:%Y-%m-%d}",
                },
            ),
            row["county"],
            record=row["cadre_id"],
        )
        for row in queries.run(db.connection, "roster_two_counties", scope=scope).to_dict("records")
    ]


def unscored(db: Database, names: dict[str, str]) -> list[Finding]:
    """Stored values no catalog version in force scores (queries/values_not_in_force.sql): left out of every
    composite, as after a catalog batch rolled back under them (a fresh user's review of 2026-12-06)."""
    kind_of = {DOMAIN_OF_KIND[kind]: kind for kind in VALUE_KINDS}
    return [
        Finding(
            "unscored",
            kind_of[row["domain"]],
            row["period"],
            Note(
                "check_unscored_note",
                {
                    "period": row["period"],
                    "unit": " ".join(p for p in (row["county"], row["township"]) if p),
                    "indicator": names.get(row["indicator"]) or row["indicator"],
                    "value": plausibility.number_text(float(row["value"])),
                },
            ),
            row["county"],
            row["township"] or "",
            row["indicator"],
            names.get(row["indicator"], ""),
            value=float(row["value"]),
        )
        for row in queries.run(db.connection, "values_not_in_force").to_dict("records")
    ]


FINDING_COLUMNS = [
    "check",
    "kind",
    "period",
    "previous_period",
    "county",
    "township",
    "indicator",
    "indicator_name",
    "record",
    "old_value",
    "value",
    "message",
]


def findings_frame(found: list[Finding], lang: str) -> pd.DataFrame:
    """One row per finding in canonical English columns (the CSV of `check --format csv`)."""
    return pd.DataFrame(
        [
            {
                "check": f.check,
                "kind": f.kind,
                "period": f.period,
                "previous_period": f.previous,
                "county": f.county,
                "township": f.township,
                "indicator": f.indicator,
                "indicator_name": f.name,
                "record": f.record,
                "old_value": f.old,
                "value": f.value,
                "message": f.note.text(lang),
            }
            for f in found
        ],
        columns=FINDING_COLUMNS,
    )


def findings_table(found: list[Finding], lang: str) -> pd.DataFrame:
    """The findings for people (the Data page): translated headers, one row each."""
    columns = [
        t(k, lang)
        for k in (
            "check_col_check",
            "col_kind",
            "check_col_period",
            "check_col_unit",
            "check_col_item",
            "check_col_old",
            "col_value",
            "check_col_message",
        )
    ]
    return pd.DataFrame(
        [
            [
                capital(t(f"check_{f.check}", lang)),
                capital(t(f"kind_{f.kind}", lang)),
                f.period,
                " ".join(p for p in (f.county, f.township) if p) or f.record.split(" / ")[0],
                f.item(lang) if f.kind != "training" else f"{f.record.split(' / ', 1)[-1]} · {f.item(lang)}",
                "" if f.old is None else plausibility.number_text(f.old),
                "" if f.value is None else plausibility.number_text(f.value),
                f.note.text(lang),
            ]
            for f in found
        ],
        columns=columns,
    )


def _level_shifts(pairs: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """plausibility.level_shifts of `pairs` but the indicators whose name (`names`: code -> name) says a rate of
    change: near zero, their ratios mean nothing. The rule of the preview's warnings and of `findings` alike."""
    judged = [not plausibility.is_rate_of_change(names.get(code, "")) for code in pairs["indicator"]]
    return plausibility.level_shifts(pairs[pd.Series(judged, index=pairs.index, dtype=bool)])  # a list selects columns


def _units(reference: Reference) -> dict[str, str]:
    """Indicator code -> unit (of its latest version)."""
    found: dict[str, str] = {}
    for version in reference.indicators:  # ordered by code, newest effective_from first
        found.setdefault(version["code"], version.get("unit") or "")
    return found


def _names(reference: Reference) -> dict[str, str]:
    """Indicator code -> name (of its latest version)."""
    names: dict[str, str] = {}
    for version in reference.indicators:  # ordered by code, newest effective_from first
        names.setdefault(version["code"], version["name"])
    return names
