"""What importing a preview would do to current data, compared by key: shown before the user confirms."""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass

import pandas as pd

from incentive.intake.file_kinds import KINDS, STORED_COLUMNS, VALUE_KINDS
from incentive.intake.preview import Preview
from incentive.store import queries
from incentive.store.database import Database
from incentive.store.queries import identifier

CURRENT_VIEW_OF_KIND = {
    "regions": "current_regions",
    "indicators": "current_indicators",
    "race_scores": "current_values",
    "welfare": "current_values",
    "roster": "current_roster",
    "training": "current_training",
    "movements": "current_movements",
    "appraisals": "current_appraisals",
}


@dataclass(frozen=True)
class ImportEffects:
    """What a preview would do to current data, in rows (values), shown before the user confirms."""

    new: int
    changed: int
    same: int
    blanked: int  # existing values that a blank cell would empty
    snapshot_replaced: int  # roster: cadres in snapshots this file replaces
    unknown_cadres: int = (
        0  # training/movements/appraisals: records whose cadre id is on no roster snapshot (imported, but worth a look)
    )
    unknown_ids: int = 0  # the distinct cadre ids of those records
    # the first UNKNOWN_IDS_LISTED of those ids, in the order of their first row: what a user looks them up by
    unknown_listed: tuple[UnknownCadre, ...] = ()
    # 分类考核: regions whose 考核类别 the file would clear, or catalog rows whose class weights it would drop (the
    # file has no such column or cell): said before import, as emptied values are
    classes_cleared: int = 0
    # A catalog: what it changes in the catalog in force for stored periods, i.e. which stored figures it re-scores
    # (docs/decisions.md#catalog-versions); empty for other kinds
    rescored: tuple[Rescoring, ...] = ()
    # Training records and personnel decisions: months a county would count as sent on a few records alone
    lone_months: tuple[LoneMonth, ...] = ()
    # Of `blanked`, those whose cell the file wrote as a missing marker (无, —: Preview.missing_written), and the
    # markers as written in file order: said as written 「无」, not as a blank cell
    blanked_marked: int = 0
    blanked_written: tuple[str, ...] = ()
    # Personnel decisions dated before the earliest roster snapshot of their cadre: how many, and the first
    # BEFORE_ROSTER_LISTED of them (counted in the county of that snapshot: said, not silent)
    before_roster: int = 0
    before_roster_listed: tuple[BeforeRoster, ...] = ()


# A month of a county with at most LONE_RECORDS records in a file, while the county's other months in it have a
# median of at least TYPICAL_RECORDS, is worth a warning (docs/decisions.md#a-month-sent-on-a-few-records)
LONE_RECORDS = 3
TYPICAL_RECORDS = 30
# A county's month of training records in a file holding at most THIN_SHARE of the county's usual volume (the median
# records per month of its stored months with records in the 12 months before, at least USUAL_MONTHS of them) is
# worth a warning too: four records sent for a quarter of a county that trains 120 cadres a month flipped it from
# 未报 to half its cadres trained (a fresh tester's finding). On the sample every county's month lies between 0.81 and
# 1.24 times that median: a tenth is no real quiet month, and a stray record or a file sent half-done is far below it
# (docs/decisions.md#a-month-sent-on-a-few-records).
THIN_SHARE = 0.1
USUAL_MONTHS = 3


UNKNOWN_IDS_LISTED = 20  # the cadre ids on no roster a preview names; the count says how many there are in all
ROWS_PER_UNKNOWN_ID = 3  # the file rows named for each of them; the count says how many hold it


@dataclass(frozen=True)
class UnknownCadre:
    """A cadre id of a file (training records, personnel decisions, appraisals) that no roster snapshot lists: the
    id as imported, the file rows that hold it (the first ROWS_PER_UNKNOWN_ID, in order; row numbers as problems
    give them) and `row_count`, how many rows hold it. Named so that the office can find the rows in its own file:
    the count alone left it to search a file of thousands of records (a tester's report of 2026-12-07)."""

    cadre_id: str
    rows: tuple[int, ...]
    row_count: int


BEFORE_ROSTER_LISTED = 5  # the decisions before their cadre's first roster a preview names; the count says the rest


@dataclass(frozen=True)
class BeforeRoster:
    """A personnel decision (file row `row`, dated `date`) before the earliest roster snapshot listing its cadre
    (`as_of`): no snapshot was in force on its date, so it counts for the county of that earliest one, `county`
    (queries/movements_by_county.sql; docs/decisions.md#personnel-decisions-before-a-cadres-first-roster)."""

    row: int
    date: dt.date
    as_of: dt.date
    county: str


@dataclass(frozen=True)
class LoneMonth:
    """A month in which a file holds only a few of a county's dated records (training, personnel decisions) while
    its other months hold many and nothing of that county's month is stored yet: one record makes the month count
    as sent (docs/decisions.md#what-counts-as-received), so a mistyped date would leave the county's month in the
    figures as if it had trained nobody. `month`: 'YYYY-MM'; `records`: the file's records of that county and
    month; `typical`: the median records per month it is compared with, of the county's other months in the file
    (`basis` 'file') or of its stored months of the 12 months before (`basis` 'stored', training only)."""

    county: str
    month: str
    records: int
    typical: int
    basis: str = "file"


@dataclass(frozen=True)
class Rescoring:
    """One change a catalog file makes to the catalog in force for stored periods of one domain: the indicator,
    what changes (`field` "weight", "direction", "track" or "class_weights" for race, "target" or "direction" for
    care; "added" when the indicator enters the catalog in force, "removed" when it leaves it), its value before
    and after, and the stored periods whose figures it re-scores (race periods for race indicators, care periods
    for care ones). `undated`: the file's row has no 生效起始期, so it changes the version in force from the
    beginning."""

    code: str
    name: str
    domain: str
    field: str
    before: object
    after: object
    periods: tuple[str, ...]
    undated: bool


def import_effects(db: Database, preview: Preview, county: str | None = None) -> ImportEffects:
    """Compare an importable preview's rows with current data by the key of its kind (file_kinds.KINDS). A roster
    replaces whole snapshots: only `new` and `snapshot_replaced` are counted for it. `county`: the county whose
    batch it would be (a submission); a county's roster replaces only that county's cadres of its dates, a
    prefecture-wide one (None) everybody of its dates (docs/decisions.md#county-roster-snapshots)."""
    kind = preview.kind
    view = identifier(CURRENT_VIEW_OF_KIND[kind])
    with contextlib.closing(db.cursor()) as cur:
        cur.register("incoming", preview.rows_for(cur))
        if kind == "roster":
            return ImportEffects(preview.row_count, 0, 0, 0, _snapshot_rows(cur, county))
        unknown_cadres, unknown_ids, unknown_listed = (
            unknown_cadres_of(cur) if "cadre_id" in preview.columns else (0, 0, ())
        )
        key = [identifier(c) for c in KINDS[kind].key]
        # a value's domain (race or welfare) is its file's kind, not a cell: a training record's 培训领域 is one
        derived = {"domain"} if kind in VALUE_KINDS else set()
        others = [identifier(c) for c in STORED_COLUMNS[kind] if c not in KINDS[kind].key and c not in derived]
        on = " AND ".join(f"i.{k} IS NOT DISTINCT FROM c.{k}" for k in key)
        differs = " OR ".join(f"i.{c} IS DISTINCT FROM c.{c}" for c in others) or "false"
        if kind == "indicators":  # a catalog row whose class weights (分类考核) change is a change too
            rows = preview.rows
            cur.register("incoming", rows.drop(columns=["source_row"]).assign(class_weights=_class_weights_text(rows)))
            # the stored rows' class weights written as the view class_weights_texts writes them (schema 023)
            view = (
                "(SELECT ci.*, coalesce(w.class_weights, '') AS class_weights FROM current_indicators ci "
                "LEFT JOIN class_weights_texts w USING (batch_id, code, effective_from))"
            )
            differs += " OR i.class_weights IS DISTINCT FROM c.class_weights"
        blank = "i.value IS NULL AND c.value IS NOT NULL" if kind in VALUE_KINDS else "false"
        cleared = {
            "regions": "coalesce(i.peer_class, '') = '' AND coalesce(c.peer_class, '') <> ''",
            "indicators": "i.class_weights = '' AND c.class_weights <> ''",
        }.get(kind, "false")
        new, changed, same, blanked, classes_cleared = cur.execute(f"""
            SELECT count(*) FILTER (WHERE c.{key[0]} IS NULL),
                   count(*) FILTER (WHERE c.{key[0]} IS NOT NULL AND ({differs})),
                   count(*) FILTER (WHERE c.{key[0]} IS NOT NULL AND NOT ({differs})),
                   count(*) FILTER (WHERE {blank}),
                   count(*) FILTER (WHERE c.{key[0]} IS NOT NULL AND {cleared})
            FROM incoming i LEFT JOIN {view} c ON {on}""").fetchone()
        rescored = catalog_rescoring(cur) if kind == "indicators" else ()
        lone = lone_months(cur, kind) if kind in ("training", "movements") else ()
        before, before_listed = before_roster(cur) if kind == "movements" else (0, ())
        marked = []
        if blanked and preview.missing_written:
            emptied = cur.execute(
                f"SELECT i.source_row, i.indicator FROM incoming i JOIN {view} c ON {on} WHERE {blank} ORDER BY 1"
            ).fetchall()
            marked = [preview.missing_written[key] for key in emptied if key in preview.missing_written]
        return ImportEffects(
            new,
            changed,
            same,
            blanked,
            0,
            unknown_cadres=unknown_cadres,
            unknown_ids=unknown_ids,
            unknown_listed=unknown_listed,
            classes_cleared=classes_cleared,
            rescored=rescored,
            lone_months=lone,
            blanked_marked=len(marked),
            blanked_written=tuple(dict.fromkeys(marked)),
            before_roster=before,
            before_roster_listed=before_listed,
        )


def unknown_cadres_of(cur) -> tuple[int, int, tuple[UnknownCadre, ...]]:
    """Of the rows registered on `cur` as `incoming` (cadre_id, source_row), those whose cadre id no roster
    snapshot lists: (how many rows, how many distinct ids, the first UNKNOWN_IDS_LISTED ids as UnknownCadres in
    the order of their first row). One pass over the file's rows: a province's training file has millions."""
    found = cur.execute(
        """
        SELECT cadre_id, list(source_row ORDER BY source_row)[1:$rows_per_id] AS rows, count(*) AS row_count,
               count(*) OVER () AS ids, sum(count(*)) OVER () AS all_rows
        FROM incoming
        WHERE cadre_id NOT IN (SELECT cadre_id FROM current_roster)
        GROUP BY cadre_id
        ORDER BY min(source_row), cadre_id
        LIMIT $listed
        """,
        {"rows_per_id": ROWS_PER_UNKNOWN_ID, "listed": UNKNOWN_IDS_LISTED},
    ).fetchall()
    if not found:
        return 0, 0, ()
    listed = tuple(UnknownCadre(str(cadre), tuple(int(r) for r in rows), int(n)) for cadre, rows, n, _, _ in found)
    return int(found[0][4]), int(found[0][3]), listed


def before_roster(cur) -> tuple[int, tuple[BeforeRoster, ...]]:
    """Of the personnel decisions registered on `cur` as `incoming` (cadre_id, date, source_row), those dated before
    the earliest roster snapshot of their cadre: (how many, the first BEFORE_ROSTER_LISTED by file row). The county
    is the earliest snapshot's, the later batch's of two snapshots of one day, as movements_by_county places them.
    A cadre on no roster is not one of them (unknown_cadres_of names those)."""
    found = cur.execute(
        """
        WITH first_seen AS (
            SELECT cadre_id, min(as_of) AS as_of, arg_min(county, (as_of, -batch_id)) AS county
            FROM current_roster WHERE cadre_id IN (SELECT cadre_id FROM incoming) GROUP BY cadre_id
        )
        SELECT i.source_row, CAST(i.date AS DATE), f.as_of, f.county, count(*) OVER () AS n
        FROM incoming i JOIN first_seen f USING (cadre_id)
        WHERE CAST(i.date AS DATE) < f.as_of
        ORDER BY i.source_row
        LIMIT $listed
        """,
        {"listed": BEFORE_ROSTER_LISTED},
    ).fetchall()
    if not found:
        return 0, ()
    return int(found[0][4]), tuple(BeforeRoster(int(r), d, a, str(c)) for r, d, a, c, _ in found)


def lone_months(cur, kind: str) -> tuple[LoneMonth, ...]:
    """The LoneMonths of the rows registered on `cur` as `incoming` (kind 'training' or 'movements': cadre_id,
    date), ordered by county and month (queries/import_lone_months.sql)."""
    found = queries.run_within(
        cur,
        "import_lone_months",
        kind=kind,
        most_records=LONE_RECORDS,
        typical_records=TYPICAL_RECORDS,
        thin_share=THIN_SHARE,
        usual_months=USUAL_MONTHS,
    )
    return tuple(
        LoneMonth(r.county, r.month, int(r.records), int(r.typical), r.basis) for r in found.itertuples(index=False)
    )


def reimport_changes(
    db: Database, preview: Preview, effects: ImportEffects, earlier: list[int], county: str | None = None
) -> bool:
    """Whether importing again a file whose exact bytes `earlier` (active batches) imported would change current
    data: a later batch changed its values since, which the import would set back. For keyed kinds that is what
    `effects` counts (new, changed or emptied rows); a roster is a whole snapshot, changed since when a row of its
    dates (of `county`'s cadres, for a county's batch) comes from another batch."""
    if preview.kind != "roster":
        return bool(effects.new or effects.changed or effects.blanked or effects.classes_cleared)
    with contextlib.closing(db.cursor()) as cur:
        cur.register("incoming", preview.rows_for(cur))
        return _snapshot_rows(cur, county, besides=earlier) > 0


def _snapshot_rows(cur, county: str | None, besides: list[int] = ()) -> int:
    """Current roster rows of the dates of the roster file registered as `incoming` on `cur` (of `county`'s cadres,
    or everybody's for a prefecture-wide file, None): what importing it replaces; with `besides`, only those from
    other batches than these."""
    return cur.execute(
        "SELECT count(*) FROM current_roster WHERE as_of IN (SELECT DISTINCT CAST(as_of AS DATE) FROM incoming) "
        "AND ($county IS NULL OR county = $county) AND NOT list_contains($besides, batch_id)",
        {"county": county, "besides": list(besides)},
    ).fetchone()[0]


def _class_weights_text(rows: pd.DataFrame) -> list[str]:
    """Each preview row's class weights (its `weight:<class>` columns) as one text, `城区=0;农业大县=6` (classes in
    order), '' for none: as the view class_weights_texts (schema 023) writes the stored rows', which they are
    compared with."""
    columns = sorted(c for c in rows.columns if isinstance(c, str) and c.startswith("weight:"))
    return [
        ";".join(
            f"{column.removeprefix('weight:')}={float(row[column])!r}" for column in columns if pd.notna(row[column])
        )
        for _, row in rows.iterrows()
    ]


# What each domain's figures are computed from in a catalog version: a race ranking from weights, directions and
# tracks (track weights are the sums of the indicators' weights) and the class weights of 分类考核; a care status
# from the target and the direction. A race target, a name or a unit is shown, never scored.
SCORED_FIELDS = {"race": ("weight", "direction", "track", "class_weights"), "welfare": ("target", "direction")}


def catalog_rescoring(cur) -> tuple[Rescoring, ...]:
    """What a catalog file's rows (`incoming` on `cur`, with `class_weights`, as import_effects registers them)
    change in the catalog in force for each stored period (of current_values), grouped by indicator, field and
    change, in code order: a weight corrected 12 → 30 in a row without 生效起始期 re-scores
    every stored race period, a version from 2026-Q3 on only the periods from then on. Said before import, since
    a catalog is an upsert and history must not be re-scored silently (docs/decisions.md#catalog-versions).
    Indicators are named as the file names them."""
    tables = {
        "stored_periods": cur.sql("SELECT DISTINCT domain, period FROM current_values"),
        "versions_after": queries.relation_within(cur, "catalog_after_import"),
    }
    return rescorings(queries.run_within(cur, "catalog_rescoring", tables, name_after=True))


def rescorings(found: pd.DataFrame) -> tuple[Rescoring, ...]:
    """The Rescorings of the rows of queries/catalog_rescoring.sql (an import's, or a rollback's:
    store/rollback_effects.py), grouped by indicator, field and change, in code order."""
    periods: dict[tuple, list[str]] = {}  # (code, domain, field, before, after) -> the stored periods it changes
    about: dict[tuple, tuple[str, bool]] = {}  # the same key -> the indicator's name, whether a file row is undated
    for row in found.to_dict("records"):
        if row["in_before"] and row["in_after"]:
            fields = [
                (f, _plain(row[f"b_{f}"]), _plain(row[f"a_{f}"]))
                for f in SCORED_FIELDS.get(row["domain"], ())
                if _plain(row[f"b_{f}"]) != _plain(row[f"a_{f}"])
            ]
        else:
            fields = [("added", None, None) if row["in_after"] else ("removed", None, None)]
        for field, before, after in fields:
            key = (row["code"], row["domain"], field, before, after)
            periods.setdefault(key, []).append(row["period"])
            about[key] = (row["name"], about.get(key, ("", False))[1] or bool(row["undated"]))
    order = ("added", "removed", "weight", "target", "direction", "track", "class_weights")
    return tuple(
        Rescoring(code, about[key][0], domain, field, before, after, tuple(periods[key]), about[key][1])
        for key in sorted(periods, key=lambda k: (k[0], k[1], order.index(k[2])))
        for code, domain, field, before, after in [key]
    )


def _plain(value):
    """A stored cell as compared and shown: NaN and None are None, '' class weights (none) stay ''."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    return value.item() if hasattr(value, "item") else value


CHANGES_LISTED = 200  # the value changes a preview lists; the count says how many there are in all


def _grade_changes(db: Database, preview: Preview, limit: int) -> pd.DataFrame:
    """For appraisals: each stored grade or 单位 the file would change (cadre_id, year, field 'grade' / 'unit',
    before, after; grades as their codes, e.g. competent → excellent), at most `limit`, in key order: a grade
    corrected from 称职 to 优秀 is what a reviewer looks for (issue 20's review)."""
    with contextlib.closing(db.cursor()) as cur:
        cur.register("incoming", preview.rows_for(cur))
        return cur.execute(
            """
            SELECT * FROM (
                SELECT i.cadre_id, i.year, 'grade' AS field, c.grade AS before, i.grade AS after
                FROM incoming i JOIN current_appraisals c ON i.cadre_id = c.cadre_id AND i.year = c.year
                WHERE i.grade IS DISTINCT FROM c.grade
                UNION ALL
                SELECT i.cadre_id, i.year, 'unit', c.unit, i.unit
                FROM incoming i JOIN current_appraisals c ON i.cadre_id = c.cadre_id AND i.year = c.year
                WHERE i.unit IS DISTINCT FROM c.unit
            )
            ORDER BY cadre_id, year, field
            LIMIT $limit
            """,
            {"limit": limit},
        ).df()


def value_changes(db: Database, preview: Preview, limit: int = CHANGES_LISTED) -> pd.DataFrame:
    """For race scores and care figures: the stored values this file would change or empty, each with its key and
    the value before and after (period, county, township, indicator, before, after), at most `limit`, in key
    order; empty for other kinds. What a reviewer checks a correction by: `changed` alone says how many, not
    which (issue 18 review)."""
    columns = ["period", "county", "township", "indicator", "before", "after"]
    if preview.kind == "appraisals" and preview.row_count:
        return _grade_changes(db, preview, limit)
    if preview.kind not in VALUE_KINDS or not preview.row_count:
        return pd.DataFrame(columns=columns)
    with contextlib.closing(db.cursor()) as cur:
        cur.register("incoming", preview.rows_for(cur))
        return cur.execute(
            """
            SELECT i.period, i.county, i.township, i.indicator, c.value AS before, i.value AS after
            FROM incoming i JOIN current_values c
              ON i.period IS NOT DISTINCT FROM c.period AND i.county IS NOT DISTINCT FROM c.county
             AND i.township IS NOT DISTINCT FROM c.township AND i.indicator IS NOT DISTINCT FROM c.indicator
            WHERE i.value IS DISTINCT FROM c.value AND NOT (i.value IS NULL AND c.value IS NULL)
            ORDER BY 1, 2, 3, 4
            LIMIT $limit
            """,
            {"limit": limit},
        ).df()
