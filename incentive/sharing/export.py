"""Current rows of a kind in canonical columns, as CSV or Excel, with formula-like text escaped.

Used by the CLI (`export`) and the Data page. Periods are canonical; missing values stay empty.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
from collections.abc import Callable

import numpy as np
import pandas as pd

from incentive import periods
from incentive.accounts.roles import Scope
from incentive.care import appraisals, movements, welfare
from incentive.intake.cell_values import escape_formula, plain_number_text
from incentive.publication import official
from incentive.store import queries, settings
from incentive.store.database import Database
from incentive.training import coverage, named_lists, targets

EXPORT_KINDS = ("regions", "indicators", "race_scores", "welfare", "roster", "training", "movements", "appraisals")


def export_frame(db: Database, kind: str, period: str | None = None, *, scope: Scope = Scope.NONE) -> pd.DataFrame:
    """The current rows of `kind`. Rosters, training records and personnel decisions name or identify cadres:
    they need the prefecture's `scope` (the CLI's), OutOfScope otherwise."""
    con = db.connection
    if kind in ("race_scores", "welfare"):
        domain = "race" if kind == "race_scores" else "welfare"
        return queries.run(con, "export_values", domain=domain, period=period)
    if kind == "training":
        start, end = periods.bounds(period) if period else (None, None)
        return queries.run(con, "export_training", scope=scope, start=start, end=end)
    if kind == "indicators":
        return with_class_weights(queries.run(con, "export_indicators"), queries.run(con, "export_class_weights"))
    return queries.run(con, f"export_{kind}", scope=scope)


def with_class_weights(catalog: pd.DataFrame, class_weights: pd.DataFrame) -> pd.DataFrame:
    """The catalog with a `weight:<class>` column per peer class (分类考核) that has weights, blank where the class
    takes the common weight: the form the importer reads back (file_kinds.class_weight_class)."""
    if class_weights.empty:
        return catalog
    wide = class_weights.pivot(index=["code", "effective_from"], columns="peer_class", values="weight")
    wide.columns = [f"weight:{peer_class}" for peer_class in wide.columns]
    return catalog.merge(wide.reset_index(), on=["code", "effective_from"], how="left")


COVERAGE_COLUMNS = [
    "cadres",
    "trained",
    "coverage",
    "hours_per_cadre",
    "measured",
    "meeting_target",
    "share_meeting_target",
    "on_pace",
    "share_on_pace",
    "hours_short",
    "online_met",
    "share_online_met",
    "online_hours_per_cadre",
    "unmapped",
    "coverage_political",
    "coverage_professional",
    "coverage_innovation",
    "coverage_practice",
]


def coverage_frame(db: Database, period: str, by: str = "county", *, suppress: bool = False) -> pd.DataFrame:
    """`export coverage`: one row per county (or unit within its county, rank level or rank group) for a period of
    any form. Attainment is against each cadre's own training target by rank, with the pace at the period's last
    recorded training day (docs/decisions.md#training-targets-by-rank).

    Figures are exact (docs/decisions.md#cli-exports-are-exact); `suppressed` marks the groups a viewer of the
    app does not see (smaller than the threshold, or withheld with one so that it cannot be worked out from the
    totals: the window's one pattern, coverage.disclosure_pattern), and `suppress=True` empties their figures.
    """
    config = settings.current(db)
    window = coverage.reported(db.connection, coverage.period_window(period), config, dt.date.today())
    years = coverage.pace_years(db.connection, window, dt.date.today())
    cadres = coverage.cadres_in(db.connection, window)
    frame = coverage.window_query(db.connection, "training_coverage", window, cadres, by=by, county="", to_come=years)
    pattern = coverage.disclosure_pattern(db.connection, window, cadres, int(config["suppression_threshold"]), years)
    statuses = coverage.group_statuses(frame, by, pattern)
    frame = coverage.with_suppression(frame, statuses) if suppress else frame.assign(suppressed=statuses != "")
    frame = frame.drop(columns="group") if by == "county" else frame.rename(columns={"group": by})
    out = frame[["county", *([by] if by != "county" else []), *COVERAGE_COLUMNS, "suppressed"]].copy()
    for column in ("cadres", "trained", *coverage.COUNT_COLUMNS):
        out[column] = out[column].astype("Int64").mask(out["suppressed"] & suppress)
    out.insert(0, "period", period)
    return out


def untrained_frame(db: Database, period: str, county: str, scope: Scope) -> pd.DataFrame:
    """`export untrained`: the cadres on the roster with no training in the period, with names, for a county
    ('' = all) inside `scope` (the CLI's is the prefecture's: named_lists.untrained)."""
    start, end = periods.bounds(period)
    frame = named_lists.untrained(db.connection, scope, coverage.Window(start, end, period), county)
    frame.insert(0, "period", period)
    return frame


def welfare_status_frame(db: Database, period: str, published: int | None = None, county: str = "") -> pd.DataFrame:
    """`export welfare_status`: one row per county and indicator; status met/near/below, empty without a target
    or a value. `published`: the statuses frozen by that version of the period's publication, not current data.
    `county`: that county's rows only ('' = every county)."""
    view = official.welfare_view(db.connection, period, published) if published else None
    frame = (view or welfare.period_view(db.connection, period)).table.copy()  # the page's statuses
    if county:
        frame = frame[frame["county"] == county]
    frame["status"] = frame["status"].fillna("")
    frame.insert(0, "period", period)
    return frame[["period", "county", "indicator", "value", "target", "status"]].reset_index(drop=True)


def movements_summary_frame(db: Database, year: int, *, suppress: bool = False) -> pd.DataFrame:
    """`export movements_summary`: one row per county with a count column per action, exact
    (docs/decisions.md#cli-exports-are-exact); `suppress=True` gives the page's view for sharing: small counts `<5`
    and the counts withheld with them (the same complementary pattern as the page, tiers included) `withheld`."""
    threshold = int(settings.current(db)["suppression_threshold"])
    view = movements.year_view(db.connection, year, threshold)
    out = movements.summary_frame(view.summary, view.pattern if suppress else None, threshold)
    out.insert(0, "year", year)
    return out


def appraisal_summary_frame(db: Database, year: int, *, suppress: bool = False) -> pd.DataFrame:
    """`export appraisal_summary`: the 年度考核 page's grade table of `year`, one row per county (county '' = cadres
    on no roster) and a last row for the prefecture (county `all`): appraised, a count per grade, excellent_share
    (a fraction) and above_quota. Exact (docs/decisions.md#cli-exports-are-exact); `suppress=True` gives the page's
    view: `<5`, `withheld`, and shares as the page prints them. ValueError when `year` has no grades."""
    config = settings.current(db)
    threshold, quota = int(config["suppression_threshold"]), float(config["excellent_quota"]) / 100
    view = appraisals.year_view(db.connection, year, threshold)
    out = appraisals.grade_table(view, threshold, quota, "en", exact=not suppress)
    out["county"] = out["county"].where(~out["prefecture"], "all")
    out = out.drop(columns="prefecture").rename(columns={appraisals.ALL: "appraised"})
    out.insert(0, "year", year)
    return out


def promotion_training_frame(db: Database, period: str, *, suppress: bool = False) -> pd.DataFrame:
    """`export promotion_training`: 提任前 training of the promotions (提拔) dated in `period` (any form), one row
    per county (county '' = cadres on no roster) and a last row for the prefecture (county `all`): promoted, met
    (trained to target in the year before), met_after (only in the year after), share_met, share_by_after (both)
    (docs/decisions.md#pre-promotion-training). Exact; `suppressed`
    marks what a viewer of the training page does not see, and `suppress=True` empties those figures."""
    threshold = int(settings.current(db)["suppression_threshold"])
    counts, hidden = targets.promotion_counts(db.connection, period, threshold)
    # a row is suppressed when a viewer does not see one of its counts; --suppress empties each hidden count and
    # the share with either of its counts
    shown = ["promoted", "met", "met_after"]
    out = counts.drop(columns="unmet").assign(
        county=counts["county"].fillna("all"), suppressed=(hidden[shown] != "").any(axis=1)
    )
    if suppress:
        for column in shown:
            out[column] = out[column].astype("Int64").mask(hidden[column] != "")
        out["share_met"] = out["share_met"].where((hidden[["promoted", "met"]] == "").all(axis=1))
        out["share_by_after"] = out["share_by_after"].where(~out["suppressed"])
    out.insert(0, "period", period)
    return out


def escaped(frame: pd.DataFrame) -> pd.DataFrame:
    """Text cells a spreadsheet would run as formulas get a leading apostrophe; numbers are never touched, nor is
    text that is a plain number (`-43.3`, `+2`; `−3` is written `-3`): a spreadsheet reads it as the number."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(lambda v: escape_formula(v) if isinstance(v, str) else v)
    return out


def to_csv_bytes(frame: pd.DataFrame, *, bom: bool = False, shown: bool = False) -> bytes:
    """`frame` as CSV bytes: a header row, no index, formula-like text escaped (`escaped`), UTF-8.

    `bom`: start with the UTF-8 byte order mark (`utf-8-sig`), as the pages' downloads do: Excel in a Chinese
    Windows opens a CSV without it as GBK and garbles every Chinese character. The CLI writes none, to standard
    output and to files alike, so its output stays plain for scripts (docs/decisions.md#csv-byte-order-mark).

    `shown`: `frame` is a table as a page shows it: its counts are written without thousands separators
    (`_ungrouped`). The command line's tables hold numbers as numbers, and a province's are millions of rows: their
    text is not looked at cell by cell for numbers."""
    out = escaped(frame)
    return (_ungrouped(out) if shown else out).to_csv(index=False).encode("utf-8-sig" if bom else "utf-8")


def _ungrouped(frame: pd.DataFrame) -> pd.DataFrame:
    """In the columns of figures (`_figure_columns`), a number with thousands separators (`6,984`, a page table's
    count) without them: a number in a CSV reads as one in any program, `"6,984"` only where the comma groups
    thousands. Percentages stay as shown (`74.0%`): a spreadsheet reads them as the number they show."""
    for col in _figure_columns(frame):
        name = frame.columns[col]
        frame[name] = frame[name].map(_without_grouping)
    return frame


def _without_grouping(value: object) -> object:
    if isinstance(value, str) and "," in value and not value.endswith("%") and plain_number_text(value) is not None:
        return plain_number_text(value).replace(",", "")
    return value


def to_xlsx_bytes(
    frame: pd.DataFrame,
    sheet_name: str = "data",
    heading: list[str] = (),
    progress: Callable[[int, int], None] | None = None,
    *,
    shown: bool = False,
) -> bytes:
    """One sheet; `heading` lines (a title, the classification line) sit above the header, as offices' sheets do.

    Written with XlsxWriter, cell by cell, so numbers stay numbers (never text), dates are dates, and text that a
    spreadsheet would run as a formula is escaped. `progress(rows written, rows in all)` is called every
    PROGRESS_ROWS rows and at the end: a province's training history is a few minutes of writing.

    `shown`: `frame` is a table as a page shows it, its figures text beside the marks of hidden cells: in its
    columns of figures (`_figure_columns`) every number held as text is written as a number in the format it is
    shown in (`_as_number`). Otherwise (the command line's exports, whose text columns are text: codes, names), and
    in a page's other columns, only a signed or decimal number held as text is (`-43.3`); digits alone (`990001`,
    a code) stay text. An empty text is an empty cell; a time of day other than midnight is shown."""
    import xlsxwriter  # here, not at the top: a tenth of a second of every start, for the workbooks alone

    buffer = io.BytesIO()
    sheet_name = "".join(c for c in sheet_name if c not in "[]:*?/\\")[:31] or "data"
    options = {
        "in_memory": True,
        "strings_to_numbers": False,
        "strings_to_formulas": False,
        "strings_to_urls": False,
        "nan_inf_to_errors": False,
    }
    with xlsxwriter.Workbook(buffer, options) as book:
        sheet = book.add_worksheet(sheet_name)
        formats = _Formats(book)
        for row, line in enumerate(heading):
            sheet.write_string(row, 0, escape_formula(line))
        top = len(heading) + 1 if heading else 0
        for col, name in enumerate(frame.columns):
            sheet.write_string(top, col, escape_formula(str(name)))
        total = len(frame)
        figures = _figure_columns(frame) if shown else set()
        for i, values in enumerate(frame.itertuples(index=False, name=None), start=1):
            for col, value in enumerate(values):
                _write_cell(sheet, top + i, col, value, formats, col in figures)
            if progress and (i % PROGRESS_ROWS == 0):
                progress(i, total)
        if progress:
            progress(total, total)
    return buffer.getvalue()


PROGRESS_ROWS = 20_000


def _figure_columns(frame: pd.DataFrame) -> set[int]:
    """The text columns whose numbers are quantities: every one but those where some cell reads as a code, not a
    quantity: a number written with a leading zero (`00123`, an id: Excel would drop the zero), or a text that
    begins as a number and is not one (a range `8–9`, a period `2026-Q1`, a date). There the bare numbers (`1`,
    `2026`) belong with the rest, as text. Marks of hidden cells (`<5`, 不公开（人数少于5）) and words mark nothing."""
    return {
        col
        for col, name in enumerate(frame.columns)
        if (frame[name].dtype == object or pd.api.types.is_string_dtype(frame[name]))
        and not frame[name].map(_reads_as_code).any()
    }


def _reads_as_code(value: object) -> bool:
    if not isinstance(value, str) or not _NUMBER_START.match(value):
        return False
    return _LEADING_ZERO.match(value) is not None or plain_number_text(value) is None


_NUMBER_START = re.compile(r"[+\-\u2212]?\d")
_LEADING_ZERO = re.compile(r"[+\-\u2212]?0\d")


def _write_cell(sheet, row: int, col: int, value: object, formats: _Formats, figures: bool) -> None:
    if value is None or value is pd.NA or value is pd.NaT:
        return
    if isinstance(value, (bool, np.bool_)):
        sheet.write_boolean(row, col, bool(value))
    elif isinstance(value, (int, float, np.integer, np.floating)):
        if math.isfinite(value):
            sheet.write_number(row, col, float(value))
    elif isinstance(value, (dt.date, dt.datetime, pd.Timestamp)):
        moment = pd.Timestamp(value).to_pydatetime()
        timed = isinstance(value, dt.datetime) and moment.time() != dt.time(0)
        sheet.write_datetime(row, col, moment, formats.get("yyyy-mm-dd hh:mm:ss" if timed else "yyyy-mm-dd"))
    elif text := str(value):  # an empty text is an empty cell
        number = _as_number(text, figures)
        if number is None:
            sheet.write_string(row, col, escape_formula(text))
        elif number[1] == "General":
            sheet.write_number(row, col, number[0])
        else:
            sheet.write_number(row, col, number[0], formats.get(number[1]))


class _Formats:
    """The workbook's cell formats by number format, each added once (XlsxWriter keeps every format it is given)."""

    def __init__(self, book) -> None:
        self._book = book
        self._made: dict[str, object] = {}

    def get(self, num_format: str):
        if num_format not in self._made:
            self._made[num_format] = self._book.add_format({"num_format": num_format})
        return self._made[num_format]


def _as_number(text: str, figures: bool) -> tuple[float, str] | None:
    """A number held as text, as the number and the Excel number format that shows it as the page does. Any
    column: a signed or decimal number (`-43.3`, `+1.2`, `−3`: General). A column of `figures`: every number, in
    the page's form: `812` (`0`), `56.0` (`0.0`), `6,984` (`#,##0`), `74.0%` (0.74 in `0.0%`), `+1.2` (`+0.0`).
    A number of more digits than a double holds exactly stays the text shown."""
    number = plain_number_text(text)
    if number is None:
        return None
    percent = number.endswith("%")
    digits = number.rstrip("%").replace(",", "")
    if len(digits.strip("+-").replace(".", "")) > 15:
        return None
    if not figures:
        return (float(digits), "General") if not percent and any(c in number for c in "+-.") else None
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    shape = ("#,##0" if "," in number else "0") + ("." + "0" * decimals if decimals else "")
    value = float(digits)
    if percent:  # rounded to the digits shown: 92.8 / 100 is 0.9279999999999999 in binary, the page said 0.928
        value, shape = round(value / 100, decimals + 2), shape + "%"
    if number.startswith("+"):
        shape = f"+{shape};-{shape};{shape}"
    return value, shape
