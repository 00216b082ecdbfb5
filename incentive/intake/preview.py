"""What the importer hands back: the rows it read, and every problem and note, located and translatable.

The Data page and the CLI show a `Preview`; `store.batches` imports it. What the file is checked against (regions,
the catalog) arrives as a `Reference`, read from the database by the caller (`store.reference`), so parsing itself
needs no database.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import duckdb
import pandas as pd

from incentive.i18n import join, localize, t
from incentive.intake.normalized_text import as_held
from incentive.intake.staged_rows import StagedRows
from incentive.periods import bounds
from incentive.store.settings import defaults as default_settings


@dataclass
class Problem:
    key: str
    row: int | None = None
    column: str | None = None  # header text, plus the Excel letter for workbooks
    value: str | None = None
    params: dict = field(default_factory=dict)
    # The cell exactly as the file holds it (cell_values.cell_written), where `value` quotes it folded and trimmed
    # (as_written: ` abc` as `abc`): the quote shows it as held (`quoted`), and problems alike are grouped by that.
    written: str | None = field(default=None, compare=False)

    def text(self, lang: str, file_name: str = "", sheet: str = "", rows: list[int] | None = None) -> str:
        """One sentence that names file, row, column and value, as the data contract asks. `rows`: every row
        the same problem is on (`Preview.problem_lines`), named in place of `row`: the first few and how many."""
        where = []
        if file_name:
            where.append(t("at_file", lang, file=file_name))
        if sheet:
            where.append(t("at_sheet", lang, sheet=sheet))
        if rows and len(rows) > 1:
            where.append(rows_text(rows, lang))
        elif self.row is not None:
            where.append(t("at_row", lang, row=self.row))
        if self.column:
            where.append(t("at_column", lang, column=self.column))
        if self.value is not None:
            where.append(t("at_value", lang, value=self.quoted()))
        return t("sep", lang).join(where) + (t("colon", lang) if where else "") + self.message(lang)

    def quoted(self) -> str | None:
        """The value a message quotes: `value`, or the cell as written shown visibly (`␣abc`, `5⏎`) where that
        differs from it (normalized_text.as_held)."""
        if self.written is None or self.value is None:
            return self.value
        return as_held(self.written, self.value)

    def message(self, lang: str) -> str:
        """The sentence without its location, for tables that show row and column separately."""
        message = t(self.key, lang, **_localized(self.params, lang))
        if "suggestion" in self.params:
            message += " " + t("did_you_mean", lang, suggestion=self.params["suggestion"])
        return message


LISTED_ROWS = 3  # rows named in a line of a problem on many rows; the count says how many there are


def rows_text(rows: list[int], lang: str) -> str:
    """The rows of one problem found on several (in file order): 第 3、4 行, or 第 3、4、5…行等共 17,000 行."""
    if len(rows) <= LISTED_ROWS:
        return t("at_rows", lang, rows=join([str(row) for row in rows], lang))
    return t("at_rows_more", lang, rows=join([str(row) for row in rows[:LISTED_ROWS]], lang), n=len(rows))


def _localized(params: dict, lang: str) -> dict:
    return localize(params, lang)


@dataclass
class Note:
    key: str
    params: dict = field(default_factory=dict)

    def text(self, lang: str) -> str:
        return t(self.key, lang, **_localized(self.params, lang))


@dataclass
class Reference:
    """The catalog and regions the file is checked against (empty lists: nothing loaded yet)."""

    regions: list[tuple[str, str]] = field(default_factory=list)  # (county, township); township "" for a county
    # code, name, domain, track, unit, direction, weight, target, min, max, effective_from: every catalog version
    # (plausibility picks the version in force for a value's period)
    indicators: list[dict] = field(default_factory=list)
    settings: dict = field(default_factory=default_settings)  # settings.SETTINGS values (max_hours_per_record, …)
    classes: list[str] = field(default_factory=list)  # the peer classes (类别) of the region list, for 分类考核
    # indicator code -> the stored periods holding a value of it, in no order: a catalog row that would make them
    # read in another unit is refused (catalog_changes; docs/decisions.md#catalog-changes-that-relabel-stored-values)
    value_periods: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # (kind, a file's distinct cadre ids) -> (file id, stored id, on the roster) for every stored id equal to one of
    # them ignoring case (store/reference.py reads them on demand, a join in SQL; None: nothing stored, a first
    # import). intake/cadre_ids.py decides which spelling a file's id is read as.
    cadre_spellings: Callable[[str, list[str]], list[tuple[str, str, bool]]] | None = field(default=None, repr=False)


@dataclass
class Preview:
    file_name: str
    sha256: str
    kind: str | None = None
    sheet: str = ""
    encoding: str = ""
    header_row: int | None = None
    # STORED_COLUMNS[kind] + source_row; a catalog's class weights (分类考核) as `weight:<class>` columns. Read
    # `rows` (below): a large file's rows are `staged` on disk instead, and `rows` reads them all only when asked.
    frame: pd.DataFrame | None = field(default=None, repr=False)
    staged: StagedRows | None = field(default=None, repr=False)
    problems: list[Problem] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    # Not refusals: values worth a second look before import (unusual changes from the previous period); filled by
    # checks.add_warnings, which reads the stored data.
    warnings: list[Note] = field(default_factory=list)
    # The warnings the file alone gives, made while it is parsed (cadre ids differing only in case: cadre_ids.py);
    # in `warnings` too, where checks.add_warnings keeps them ahead of its own.
    file_warnings: list[Note] = field(default_factory=list)
    rejected_rows: set[int] = field(default_factory=set)
    # The data version (store.batches.data_version) the preview was checked against, read before anything else of
    # the store (review.submissions.check); None where only parsed. A preview of an older version is stale: an
    # earlier file of one import-all changes what this one reads (submissions.import_upload checks it again).
    data_version: str | None = None
    fatal: bool = False  # the file as a whole is unusable; skipping rows cannot help
    skip_invalid: bool = False
    # Where each stored column came from, as problems name it ("学时 (G)"): stored column name -> label; for
    # a wide file of race scores or welfare also "indicator:<code>@<period>" -> the label of the column that holds
    # that indicator's values at that period.
    column_labels: dict[str, str] = field(default_factory=dict)
    # Number cells written with a unit or a percent format: (row, column label) -> the text as written, so a later
    # problem about the stored value quotes what the clerk typed (`150%`, `32000万元`), not the stored number.
    as_written: dict[tuple[int, str], str] = field(default_factory=dict)
    # Cadre ids stored otherwise than the file writes them (`lz000717` stored as the roster's LZ000717:
    # intake/cadre_ids.py): id as stored -> the cell as written, where the file writes that id one way only; the
    # rows of an id written several ways are in `as_written` (the per-cell path puts every such row there). Read
    # through `id_as_written`: a refusal quotes the cell as written (docs/data-format.md).
    ids_as_written: dict[str, str] = field(default_factory=dict)
    # Race scores and welfare: (source row, indicator code) -> a value cell written as a missing marker (`无`, `—`:
    # cell_values.MISSING_MARKERS) and read as no value, as written, so that emptying a stored value says so
    # (store.effects.ImportEffects.blanked_written) rather than calling the cell blank.
    missing_written: dict[tuple[int, str], str] = field(default_factory=dict)
    # Race scores and welfare: (indicator code, period) -> the indicator's name in the catalog version in force for
    # that period, so that a preview names what the stored code is (file_kinds.labelled).
    indicator_names: dict[tuple[str, str | None], str] = field(default_factory=dict)

    @property
    def rows(self) -> pd.DataFrame | None:
        """Every row, as pandas: a staged file's rows are read into memory, all of them, on each call (gigabytes
        for a province's training file): `row_count`, `head`, `columns_of` and `rows_for` read only what they
        need."""
        return self.staged.frame() if self.staged is not None else self.frame

    @rows.setter
    def rows(self, rows: pd.DataFrame | None) -> None:
        self.frame, self.staged = rows, None

    @property
    def has_rows(self) -> bool:
        """The file was read into rows (perhaps none): False when it could not be read at all."""
        return self.frame is not None or self.staged is not None

    @property
    def row_count(self) -> int:
        """Rows to import (a wide row of the file gives several)."""
        if self.staged is not None:
            return self.staged.count
        return 0 if self.frame is None else len(self.frame)

    @property
    def data_rows(self) -> int:
        """Rows of the file that hold data (a wide row holds several values)."""
        if self.staged is not None:
            return self.staged.data_rows
        return 0 if self.frame is None else int(self.frame["source_row"].nunique())

    @property
    def columns(self) -> list[str]:
        """The rows' column names."""
        if self.staged is not None:
            return self.staged.columns
        return [] if self.frame is None else list(self.frame.columns)

    def head(self, n: int) -> pd.DataFrame:
        """The first `n` rows."""
        return self.staged.frame(limit=n) if self.staged is not None else self.frame.head(n)

    def columns_of(self, columns: list[str]) -> pd.DataFrame:
        """Every row, only these columns (a staged file reads no others)."""
        return self.staged.frame(columns) if self.staged is not None else self.frame[columns]

    def as_of_text(self, lang: str) -> str:
        """A roster's as-of dates, sorted and joined as the language lists things (2026-06-30、2026-12-31)."""
        dates = sorted({f"{d:%Y-%m-%d}" for d in self.columns_of(["as_of"])["as_of"]})
        return join(dates, lang)

    def id_as_written(self, row: int, cadre_id: str) -> str:
        """The 干部编号 cell of data row `row` as the file writes it, the row's id being stored as `cadre_id`."""
        written = self.as_written.get((row, self.column_labels.get("cadre_id", "")))
        return written if written is not None else self.ids_as_written.get(cadre_id, cadre_id)

    def rows_for(self, con: duckdb.DuckDBPyConnection):
        """The rows as `con.register` takes them, to query as a table: the frame, or a relation over the staged
        file (DuckDB reads it in bounded memory)."""
        return self.staged.relation(con) if self.staged is not None else self.frame

    @property
    def encoding_label(self) -> str:
        return "GBK" if self.encoding == "gb18030" else self.encoding.upper().replace("-SIG", " (BOM)")

    @property
    def importable(self) -> bool:
        if self.fatal or not self.has_rows:
            return False
        return not self.problems or (self.skip_invalid and self.row_count > 0)

    def problem_texts(self, lang: str) -> list[str]:
        """One sentence a problem, as `Problem.text`."""
        return [p.text(lang, self.file_name, self.sheet) for p in self.problems]

    def problem_lines(self, lang: str) -> list[str]:
        """The problems as the CLI prints them and the preview lists them: problems alike but for their row (the
        same key, column, value as quoted, `Problem.quoted`, and parameters) as one line naming the first rows and how many, in the order each
        first comes; every distinct problem keeps its line. One cause on every row (a title's 单位：天 without a
        day's hours) printed 17,000 identical lines but for the row (a tester's review of 2026-12-07); the table
        (`rejects_table`) keeps a row per problem. Grouped by the cell as the file holds it, not as normalized
        (docs/decisions.md#problems-on-many-rows-quote-what-the-file-holds)."""
        return [group[0].text(lang, self.file_name, self.sheet, rows=[p.row for p in group]) for group in self._alike()]

    def _alike(self) -> list[list[Problem]]:
        """The problems, those alike but for their row in one group (`problem_lines`), in the order each first
        comes."""
        alike: dict[tuple, list[Problem]] = {}
        for i, problem in enumerate(self.problems):
            # by the value as quoted, the cell as written: `－5` and `-5`, ` abc` and `abc` are lines of their own
            same = (problem.key, problem.column, problem.quoted(), repr(problem.params))
            alike.setdefault(same if problem.row is not None else (i,), []).append(problem)
        return list(alike.values())

    @property
    def problem_count(self) -> int:
        """The problems a user must fix, counted as the preview and the CLI list them (`problem_lines`): one cause
        on three rows is one problem, not three (the Data page counted "3 problems" for one line naming three)."""
        return len(self._alike())

    @property
    def problem_rows(self) -> int:
        """How many of the file's rows the problems are on (a row with two problems once; a problem of the whole
        file, such as a header's, on none)."""
        return len({p.row for p in self.problems if p.row is not None})

    def rejects_table(self, lang: str) -> pd.DataFrame:
        """Every problem with its row, column and value, for the page and for download."""
        return pd.DataFrame(
            [
                {
                    t("col_row", lang): p.row,
                    t("col_column", lang): p.column,
                    t("col_value", lang): p.value,
                    t("col_problem", lang): p.message(lang),
                }
                for p in self.problems
            ],
            columns=[t(k, lang) for k in ("col_row", "col_column", "col_value", "col_problem")],
        )


def refuse_file(preview: Preview, problem: Problem) -> Preview:
    """The file refused as a whole by `problem` (`fatal`: skipping invalid rows cannot help); the preview back."""
    preview.problems.append(problem)
    preview.fatal = True
    return preview


def values_text(preview: Preview, lang: str) -> str:
    """After "N rows" of a file, the values they hold when a row holds several (a wide file: 119 rows of 12
    indicators are 1,428 values), '' when each row is one: the preview and the import's summary count alike."""
    if preview.row_count == preview.data_rows:
        return ""
    return t("data_values_count", lang, values=preview.row_count)


def problems_text(preview: Preview, lang: str) -> str:
    """The problems counted as listed (`Preview.problem_count`), and the rows they are on where that is another
    number: "2 个问题（涉及 8 行）" / "2 problems on 8 rows", "1 个问题" / "1 problem"."""
    n, rows = preview.problem_count, preview.problem_rows
    if rows and rows != n:
        return t("problems_count_rows", lang, n=n, rows=rows)
    return t("problems_count", lang, n=n)


def skipped_text(preview: Preview, lang: str) -> str:
    """After "N data rows" of a file, the rows skip-invalid rejected and those left to import; '' when none was
    rejected. N counts the file's rows, the rejected ones too: the kept count alone read as the file's size."""
    if not preview.rejected_rows:
        return ""
    return t("data_rows_skipped", lang, n=len(preview.rejected_rows), kept=preview.data_rows)


def imported_skipped_text(preview: Preview, lang: str) -> str:
    """After an import's "N rows", the rows skip-invalid left out of it; '' when none was: the count of what went
    in alone hid that part of the file did not."""
    if not preview.rejected_rows:
        return ""
    return t("data_imported_skipped", lang, n=len(preview.rejected_rows))


def effects_text(kind: str, effects, lang: str) -> str:
    """What an import did to the data that was there (a `store.effects.ImportEffects`), for the CLI's and the Data
    page's summary: values added, existing values superseded, unchanged and emptied; for a roster, the cadres replaced."""
    if kind == "roster":
        return t("cli_effects_roster", lang, n=effects.snapshot_replaced)
    text = t("cli_effects", lang, new=effects.new, changed=effects.changed, same=effects.same)
    if effects.blanked:
        text += blanked_text(effects, lang, "cli_effects_blanked")
    if effects.classes_cleared:
        text += t(f"cli_effects_classes_cleared_{kind}", lang, n=effects.classes_cleared)
    return text


def blanked_text(effects, lang: str, key: str) -> str:
    """The stored values a file would empty (`effects.blanked`), said by `key` (`data_effects_blank` on the Data
    page, `cli_effects_blanked` after the CLI's counts): as blank cells, or, for those the file wrote as a missing
    marker (`effects.blanked_written`: 无, —), as written so: the clerk typed 无, not nothing
    (docs/decisions.md#missing-markers-are-no-value)."""
    if not effects.blanked_marked:
        return t(key, lang, n=effects.blanked)
    quote = "“{}”" if lang == "en" else "「{}」"
    markers = (", " if lang == "en" else "、").join(quote.format(m) for m in effects.blanked_written)
    suffix = "_written" if effects.blanked_marked == effects.blanked else "_some_written"
    return t(key + suffix, lang, n=effects.blanked, m=effects.blanked_marked, markers=markers)


def lone_months_text(effects, kind: str, lang: str, quote=str, fix: bool = True) -> str:
    """The warning on months a county would count as sent on a few records alone (`store.effects.LoneMonth`) of a
    file of `kind` (training or movements: what the month's being sent decides), for the Data page's preview and
    the CLI; "" when there are none. `fix` False leaves out what to do: the CLI warns before importing and says it
    after, with the batch to roll back first (`data_lone_fix_imported`). `quote` makes the county names inert
    where the sentence goes (safe_text.markdown on a page)."""
    if not effects.lone_months:
        return ""
    months = [
        t(
            "data_lone_month" if m.basis == "file" else "data_lone_month_stored",
            lang,
            county=quote(m.county),
            year=int(m.month[:4]),
            month=int(m.month[5:]),
            records=m.records,
            typical=m.typical,
        )
        for m in effects.lone_months
    ]
    return t(
        "data_lone_months",
        lang,
        n=len(months),
        # each item has its own commas and brackets: set apart by semicolons
        months=("; " if lang == "en" else "；").join(months),
        effect=t(f"data_lone_effect_{kind}", lang),
        fix=t("data_lone_fix", lang) if fix else "",
    ).rstrip()


def same_file_text(preview: Preview, effects, earlier: list[int], changes: bool, lang: str) -> str:
    """The notice on a file whose exact bytes active batches `earlier` imported before. `changes`: whether importing
    it again would change current data (`store.effects.reimport_changes`): then it says what it would set back, in
    the preview's own counts (`effects`, a `store.effects.ImportEffects`); only when nothing would change does it
    say that importing again adds an identical batch."""
    batches = ", #".join(map(str, earlier))
    if not changes:
        return t("data_same_file", lang, batches=batches)
    if preview.kind == "roster":
        return t(
            "data_same_file_roster_changes",
            lang,
            batches=batches,
            as_of=preview.as_of_text(lang),
            rows=preview.row_count,
            n=effects.snapshot_replaced,
        )
    counts = [
        t(key, lang, n=n)
        for key, n in (
            ("data_same_file_new", effects.new),
            ("data_same_file_changed", effects.changed),
            ("data_same_file_blanked", effects.blanked),
        )
        if n
    ]
    return t("data_same_file_changes", lang, batches=batches, counts=t("sep", lang).join(counts))


def unknown_cadres_text(preview: Preview, effects, lang: str) -> str:
    """The warning when records name cadres on no roster ('' when none do), for the Data page's preview and the
    import's summary, and the CLI: they are imported, but figures by county cannot place them. It names the ids
    (`effects.unknown_listed`, store.effects.UnknownCadre: the first ones, each with its first file rows) under
    the header of the file's id column, and how many more there are, so that the office can find them in its
    file; cadres' names are not shown (the roster that would give them lists none of these ids anyway)."""
    if not effects.unknown_cadres:
        return ""
    ids = []
    for cadre in effects.unknown_listed:
        rows = join([str(row) for row in cadre.rows], lang)
        if more_rows := cadre.row_count - len(cadre.rows):
            ids.append(t("data_unknown_cadre_more_rows", lang, cadre=cadre.cadre_id, rows=rows, more=more_rows))
        elif len(cadre.rows) == 1:
            ids.append(t("data_unknown_cadre_row", lang, cadre=cadre.cadre_id, row=cadre.rows[0]))
        else:
            ids.append(t("data_unknown_cadre_rows", lang, cadre=cadre.cadre_id, rows=rows))
    more = effects.unknown_ids - len(ids)
    listed = t(
        "data_unknown_cadres_ids",
        lang,
        column=preview.column_labels.get("cadre_id") or t("col_cadre_id", lang),
        n=effects.unknown_ids,
        # each item has its own commas and brackets: set apart by semicolons
        ids=("; " if lang == "en" else "；").join(ids),
        more=t("data_unknown_cadres_more", lang, n=more) if more > 0 else "",
    )
    return t("data_unknown_cadres", lang, n=effects.unknown_cadres) + (" " if lang == "en" else "") + listed


def before_roster_text(preview: Preview, effects, lang: str) -> str:
    """The note on personnel decisions dated before their cadre's earliest roster snapshot ('' when there are none),
    for the Data page's preview and the CLI: each listed by its row, its date and the snapshot date and county it
    counts for (`effects.before_roster_listed`, store.effects.BeforeRoster), and how many more there are
    (docs/decisions.md#personnel-decisions-before-a-cadres-first-roster)."""
    if not effects.before_roster:
        return ""
    items = [
        t(
            "data_before_roster_item",
            lang,
            row=m.row,
            date=m.date.isoformat(),
            as_of=m.as_of.isoformat(),
            county=m.county,
        )
        for m in effects.before_roster_listed
    ]
    more = effects.before_roster - len(items)
    return t(
        "data_before_roster",
        lang,
        file=preview.file_name,
        n=effects.before_roster,
        # each item has its own brackets: set apart by semicolons
        items=("; " if lang == "en" else "；").join(items),
        more=t("data_before_roster_more", lang, n=more) if more > 0 else "",
    )


def rescoring_lines(rescored, lang: str) -> list[str]:
    """Each catalog change that re-scores stored periods (`store.effects.Rescoring`s, an import's `rescored`) as one
    sentence: the indicator, what changes (weight 12 → 30, target, direction …) and the stored periods it re-scores
    (docs/decisions.md#catalog-versions). The Data page lists them under `data_rescore`, the CLI under
    `cli_rescore`."""
    lines = []
    for change in rescored:
        domain = t(f"rescore_domain_{change.domain}", lang)
        values = {"before": catalog_value_text(change.field, change.before, lang)}
        values["after"] = catalog_value_text(change.field, change.after, lang)
        lines.append(
            t(
                "rescore_item",
                lang,
                code=change.code,
                name=change.name,
                change=t(f"rescore_change_{change.field}", lang, domain=domain, **values),
                domain=domain,
                periods=join(list(change.periods), lang),
                n=len(change.periods),
            )
        )
    return lines


def rescoring_example(rescored) -> str | None:
    """The period a 生效起始期 (effective_from) could name, as an example in the hint under the changes: the newest
    period a change without one re-scores; None when every change already has one (nothing to suggest)."""
    undated = [change.periods[-1] for change in rescored if change.undated and change.periods]
    return max(undated, key=lambda p: (bounds(p)[0], p)) if undated else None


def catalog_value_text(field_name: str, value, lang: str) -> str:
    """A catalog cell as a change sentence shows it (re-scoring, catalog_changes): 12 (no float noise), 正向 / higher
    is better, 赛马 / race, class weights as 城区 0、农业大县 6; none as 无 / none."""
    if value is None or value == "":
        return t("rescore_none", lang)
    if field_name == "direction":
        return t(f"direction_{value}", lang)
    if field_name == "domain":
        return t(f"rescore_domain_{value}", lang)
    if field_name == "class_weights":  # effects' text of class weights: 城区=0.0;农业大县=6.0
        pairs = [part.split("=", 1) for part in str(value).split(";")]
        return join([f"{name} {number_text(float(weight))}" for name, weight in pairs], lang)
    if isinstance(value, float):
        return number_text(value)
    return str(value)


def number_text(value: float) -> str:
    """A stored number as a person reads it: 150, 8.5, 0.85 (no float noise, no exponent for ordinary sizes). Here,
    where every message is worded; plausibility, which quotes bounds, takes it from here."""
    value = float(value)
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.10g}"
