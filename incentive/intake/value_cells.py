"""Race scores and welfare values: one value a row (long: a 指标 column and a 数值 column) or one indicator a
column (wide: each header names an indicator), each value read as a number in its indicator's catalog unit.

Each value's indicator is read by its name or code at the row's period (indicator_names), its place by the
region list (place_names), its period from its column, the title or the user; its unit from the cell, its
column, its row's unit column, the indicator's name or the title (stated_units), converted only when exact
(changes.Changes.to_unit). Values of a % indicator that look like fractions are kept and pointed out, never
guessed at (docs/decisions.md#percent-cells).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections import defaultdict
from typing import NamedTuple

import pandas as pd

from incentive import periods
from incentive.intake import units, wide_headers
from incentive.intake.cell_parsing import parse_cell, refuse_period_not_begun, with_format_unit
from incentive.intake.cell_values import (
    CellError,
    Number,
    as_written,
    cell_written,
    clean_text,
    footnote_mark,
    is_missing,
    name_key,
    one_line,
    parse_number,
    problem_value,
)
from incentive.intake.changes import Changes, hours_per_day
from incentive.intake.column_twins import compare_twins, twin_differ_problem, twin_labels
from incentive.intake.file_kinds import (
    DOMAIN_OF_KIND,
    KINDS,
    VALUE_KINDS,
    twin_columns,
)
from incentive.intake.given_values import period_note, refuse_period_against_column
from incentive.intake.indicator_names import IndicatorNames, catalog_entry, indicator_twin_problem
from incentive.intake.normalized_text import has_full_width
from incentive.intake.number_formats import fifteen_digits, is_percent_format
from incentive.intake.place_names import NameMatcher, matched_place, report_accepted_names, suggest
from incentive.intake.preview import Note, Preview, Problem, Reference, refuse_file
from incentive.intake.sheet_layout import Located, Table, bracket_unit, indicator_lookup, unknown_bracket
from incentive.intake.stated_units import (
    StatedUnit,
    header_units,
    refuse_column_unit_conflicts,
    refuse_unknown_bracket,
    unit_place,
    value_unit_columns,
)
from incentive.intake.written_periods import TitlePeriod, period_of_title, title_dates


def _quoted(texts) -> tuple[str, dict[str, str]]:
    """Header texts as a message lists them: 「数值」、「得分」 / “数值”, “得分”."""
    return ("by_lang", {"zh": "、".join(f"「{x}」" for x in texts), "en": ", ".join(f"“{x}”" for x in texts)})


def _whole(value: float) -> bool:
    """A whole number as Excel shows it, to 15 significant digits: a workbook's 3.0000000000000004 (a formula's
    binary noise) is the 3 the clerk saw."""
    return float(fifteen_digits(value)).is_integer()


class _ValueCell(NamedTuple):
    """One indicator value as read, before its number is parsed."""

    row: int
    county: str | None
    township: str | None
    period: str | None
    indicator: str  # catalog code
    raw: object
    column: int | None  # index of the value's column
    number_format: str | None = None  # Excel's, for a numeric cell
    # units stated for this value outside its cell: its column header, a unit row, the indicator's name, a long
    # file's unit column; a title and a long file's value header (`whole_file`: same-family only)
    stated: tuple[StatedUnit, ...] = ()


def parse_values(
    preview: Preview, table: Table, located: Located, reference: Reference, kind: str | None, given_period: str | None
) -> None:
    """Race scores and welfare values, long (one value a row) or wide (one indicator a column)."""
    if not reference.indicators:
        preview.fatal = True
        preview.problems.append(Problem("catalog_first"))
        return
    index_of = {name: i for i, name in located.columns.items()}
    title = period_of_title(preview, table, given_period, "period" in index_of)
    if preview.fatal:
        return
    preview.notes.extend(_title_full_width_notes(title))
    fixed_period = _fixed_period(preview, table, "period" in index_of, title, given_period)
    wide = bool(located.wide_indicators) or "indicator" not in index_of
    preview.column_labels.update({name: table.column_label(i) for name, i in index_of.items()})
    marked = wide_headers.marked_headers(located) if wide else {}
    if wide:
        wide_headers.check_wide_columns(preview, table, located, reference, marked)
    elif "value" not in index_of:
        # One indicator a row and no column of values: every value would read as blank, and importing would blank
        # the stored ones of those indicators and periods (a value column headed 完成情况, which is no name of it,
        # did just that: review of 2026-12-05). Refused, naming the headers it may have and the columns not read.
        others = [
            clean_text(text) for i, text in enumerate(table.header) if i not in located.columns and clean_text(text)
        ]
        params = {"names": _quoted(KINDS["race_scores"].column("value").aliases[:-1]), "others": _quoted(others)}
        refuse_file(
            preview,
            Problem("value_column_missing" + ("_others" if others else ""), preview.header_row, None, None, params),
        )
        return
    indicator_twins: dict[int, int] = {}
    if not wide:  # a wide file lists its columns that are not indicators (wide_headers.check_wide_columns)
        # a second value column (得分 beside 数值) is compared with the first, as two 学时 are; a second indicator
        # column (指标名称 beside 指标代码) is compared by the indicator each cell names (indicator_twin_problem);
        # a second 县区 is named with the columns not imported (decisions: Two columns for one field)
        spec = KINDS["race_scores"]
        all_twins = twin_columns(spec, table.header)
        twins = {i: first for i, first in all_twins.items() if located.columns.get(first) == "value"}
        indicator_twins = {i: first for i, first in all_twins.items() if located.columns.get(first) == "indicator"}
        unit_columns = value_unit_columns(table, located)
        extra = [
            clean_text(text)
            for i, text in enumerate(table.header)
            if i not in located.columns
            and i not in twins
            and i not in indicator_twins
            and i not in unit_columns
            and clean_text(text)
        ]
        if extra:
            preview.notes.append(Note("note_extra_columns", {"columns": extra}))
        compare_twins(preview, table, spec, located.columns, twins)
    names_and_codes = indicator_lookup(reference)
    for i in [*located.wide_indicators, index_of.get("value")]:
        # a marked header (`得分（注1）`) is refused for its mark already, not again for its brackets
        if i is not None and name_key(table.header[i]) not in names_and_codes and i not in marked:
            refuse_unknown_bracket(preview, table, i)
    number_columns = [i for i in [*sorted(located.wide_indicators), index_of.get("value")] if i is not None]
    refuse_column_unit_conflicts(preview, table, number_columns)
    if preview.fatal:
        return
    cells = _value_cells(preview, table, located, reference, index_of, fixed_period, title, wide, indicator_twins)
    by_code = {ind["code"]: ind for ind in reference.indicators}
    preview.kind = _value_kind(preview, cells, by_code, kind)
    refuse_period_against_column(preview, cells, given_period, table, index_of.get("period"))
    values = _parse_value_cells(preview, table, cells, reference)
    _refuse_before_first_version(preview, table, cells, reference)
    preview.rows = pd.DataFrame(
        {
            "domain": [by_code[c.indicator]["domain"] for c in cells],
            "period": [c.period for c in cells],
            "county": [c.county for c in cells],
            "township": [c.township or "" for c in cells],
            "indicator": [c.indicator for c in cells],
            "value": values,
            "source_row": [c.row for c in cells],
        }
    )
    preview.indicator_names = {
        (code, period): catalog_entry(reference, code, period).get("name") or code
        for code, period in {(c.indicator, c.period) for c in cells}
    }
    note_periods_not_over(preview, {c.period for c in cells if c.period}, dt.date.today())


def _refuse_before_first_version(preview: Preview, table: Table, cells: list[_ValueCell], reference: Reference) -> None:
    """A value of a period before every version of its indicator (R1 生效起始期 2025, a 2024-Q4 value) is refused:
    no catalog is in force for it, so scoring would leave it out without a word (docs/decisions.md#catalog-versions).
    A version without 生效起始期 is in force from the beginning."""
    first: dict[str, dt.date] = {}
    names: dict[str, tuple[str, str]] = {}
    for version in reference.indicators:
        begins = periods.bounds(version["effective_from"])[0] if version.get("effective_from") else dt.date.min
        if version["code"] not in first or begins < first[version["code"]]:
            first[version["code"]] = begins
            names[version["code"]] = (version["name"], version.get("effective_from") or "")
    for cell in cells:
        begins = first.get(cell.indicator)
        if cell.period is None or begins is None or begins == dt.date.min or is_missing(cell.raw):
            continue  # a blank (or 无, —) of the new indicator's column in a back period asks nothing of it
        if periods.bounds(cell.period)[0] < begins:
            name, since = names[cell.indicator]
            column = table.column_label(cell.column) if cell.column is not None else None
            preview.problems.append(
                Problem(
                    "indicator_not_yet_in_force",
                    cell.row,
                    column,
                    clean_text(cell.raw),
                    {"indicator": name, "period": cell.period, "since": since},
                )
            )


def note_periods_not_over(preview: Preview, found: set[str], today: dt.date) -> None:
    """A period not over on `today` (2026-Q4 sent on 6 December) is imported as sent, and said: its values are a
    period's figures so far, and they rank and judge like final ones once imported (a fresh user's review)."""
    running = sorted((p for p in found if periods.bounds(p)[1] >= today), key=lambda p: periods.bounds(p))
    if running:
        preview.notes.append(Note("note_period_not_over", {"periods": "、".join(running), "today": today.isoformat()}))


def _fixed_period(
    preview: Preview, table: Table, has_column: bool, title: TitlePeriod | None, given_period: str | None
) -> str | None:
    """The period for every row, from the user or the title; refuses when they disagree (naming the title's row) or
    none exists (saying so of the title's dates read as no period: written_periods.title_dates). A title that names
    no one period (`title.period` None: written_periods.period_of_title) gives none, and the note says so."""
    title_period = title.period if title else None
    if title_period and given_period and title_period != given_period:
        preview.fatal = True
        preview.problems.append(
            Problem(
                "period_conflict",
                title.row,
                None,
                title.row_text,
                {"title": title.period, "other": ("i18n", "period_conflict_given"), "given": given_period},
            )
        )
        return None
    fixed = given_period or title_period
    if fixed is not None:
        try:
            refuse_period_not_begun(fixed)
        except CellError as e:
            # the title's period, or the one entered (no row): every row's, so the file is refused once
            if title_period == fixed:
                refuse_file(preview, Problem(e.key, title.row, None, title.row_text, e.params))
            else:  # entered, not the file's: said so, not quoted as its value (decisions.md#periods-not-yet-begun)
                params = {**e.params, "written": given_period}
                refuse_file(preview, Problem("period_given_not_begun", params=params))
            return None
    several = title is not None and title.period is None
    if not has_column:
        if fixed is None:
            dates = title_dates(table)
            preview.fatal = True
            preview.problems.append(
                Problem("period_needed_title_dates", params={"dates": dates}) if dates else Problem("period_needed")
            )
        elif several:
            preview.notes.append(
                Note("note_period_given_title_several", {"period": given_period, "found": title.found})
            )
        else:
            preview.notes.append(period_note(given_period, title_period))
    elif several and not given_period:
        preview.notes.append(Note("note_period_title_several_column", {"found": title.found}))
    return fixed


def _value_cells(
    preview, table, located, reference, index_of, fixed_period, title, wide, indicator_twins=None
) -> list[_ValueCell]:
    """One `_ValueCell` a value. `indicator_twins` (a long file's later indicator columns -> the indicator column):
    each row's cell in each is checked against the indicator read (`indicator_twin_problem`)."""
    indicator_twins = indicator_twins or {}
    named_by = IndicatorNames(reference)
    differing: set[int] = set()  # the indicator twins that differ on some row
    wide_found = wide_headers.WideColumns(per_row="period" in index_of)
    cells: list[_ValueCell] = []
    changes = Changes()
    names = NameMatcher(reference.regions)
    lookup = indicator_lookup(reference)
    spellings = [ind["name"] for ind in reference.indicators] + [ind["code"] for ind in reference.indicators]
    spec = KINDS["race_scores"]
    value_column = index_of.get("value")
    file_units = tuple(header_units(table, value_column, whole_file=True)) if value_column is not None else ()
    unit_columns = [] if wide else value_unit_columns(table, located)
    township_column = index_of.get("township")
    blank_township: dict[int, str | None] = {}  # the rows whose 乡镇 cell is blank: the marker written, if any
    for position, (row, number) in enumerate(zip(table.rows, table.row_numbers, strict=False)):
        county, township, period = _row_place_and_period(
            preview, table, position, index_of, names, spec, fixed_period, title, changes
        )
        township_cell = row[township_column] if township_column is not None and township_column < len(row) else None
        if township_column is not None and (is_missing(township_cell) or not clean_text(township_cell)):
            # blank, or a missing marker (—, 无, /), which reads as no township just the same
            blank_township[number] = as_written(township_cell) if clean_text(township_cell) else None
        if wide:
            cells += _wide_row_cells(
                preview, table, located, named_by, position, (county, township, period), wide_found
            )
            continue
        i = index_of["indicator"]
        raw = clean_text(row[i])
        changes.text(table.column_label(i), row[i], raw, row=number)
        found = named_by.resolve(raw, period)
        mark = footnote_mark(row[i])
        if mark is not None and (not found.codes or any(name_key(code) == found.key for code in found.codes)):
            # `R0①` read as the code R01, `营商环境评价得分①` as no name: a footnote mark (decisions: Footnote marks in
            # cells). A name that matches with it (`PM₂.₅浓度`) is that name.
            params = {"mark": mark, "read": raw}
            preview.problems.append(Problem("footnote_mark", number, table.column_label(i), as_written(row[i]), params))
            continue
        if not found.codes:
            suggestion = suggest(raw, spellings) if raw else None
            preview.problems.append(
                Problem(
                    "unknown_indicator" if raw else "required",
                    number,
                    table.column_label(i),
                    as_written(row[i]),
                    {"suggestion": suggestion} if suggestion else {},
                )
            )
            continue
        inner = unknown_bracket(raw) if name_key(raw) not in lookup else ""
        if inner:
            preview.problems.append(
                Problem("unit_unknown_indicator", number, table.column_label(i), as_written(row[i]), {"inner": inner})
            )
            continue
        if len(found.codes) > 1:  # a name several indicators bore, before a code: the code says which, as after it
            told = {
                named_by.resolve(clean_text(row[tw] if tw < len(row) else None), period).code for tw in indicator_twins
            }
            if len(told & found.codes) == 1:
                found = found._replace(codes=frozenset(told & found.codes))
        ambiguous = named_by.refusal(raw, period, found, number, table.column_label(i), as_written(row[i]))
        if ambiguous is not None:
            if period is not None:  # without one, the row is refused for its period cell already
                preview.problems.append(ambiguous)
            continue
        code = found.code
        unit = bracket_unit(raw)
        unit_name = raw
        refused = False
        for twin in indicator_twins:
            problem, twin_unit = indicator_twin_problem(table, named_by, row, number, i, twin, code, period)
            if problem is None and twin_unit and unit and twin_unit != unit:  # 招商引资额（万元）, （亿元）
                problem = twin_differ_problem(table, row, number, i, twin)
            if problem is not None:
                preview.problems.append(problem)
                refused = True
                differing.add(twin)
            if not unit and twin_unit:  # a unit the name column's cell declares: 招商引资额（万元） beside R01
                unit, unit_name = twin_unit, clean_text(row[twin] if twin < len(row) else None)
        if refused:
            continue
        stated = [StatedUnit(unit, unit_place("unit_place_indicator", name=unit_name))] if unit else []
        for u in unit_columns:
            written = clean_text(row[u] if u < len(row) else None)
            if written:
                place = unit_place("unit_place_unit_column", column=table.column_label(u))
                label = table.column_label(u)
                stated.append(StatedUnit(units.normalize_unit(written), place, column=label, written=written))
        for text in [raw, *(clean_text(row[twin] if twin < len(row) else None) for twin in indicator_twins)]:
            if not named_by.resolve(text, period).in_force:  # a name of other times, read as `code`: said
                named_by.count_old_name(text, code, period)
        cells.append(
            _ValueCell(
                number,
                county,
                township,
                period,
                code,
                None if value_column is None else row[value_column],
                value_column,
                None if value_column is None else table.number_format(position, value_column),
                (*stated, *file_units),
            )
        )
    if township_column is not None:
        cells = _refuse_blank_townships(preview, table.column_label(township_column), cells, blank_township)
    wide_headers.refuse_wide_columns(preview, wide_found)
    for twin, first in indicator_twins.items():
        if twin not in differing:
            first_label, twin_label = twin_labels(table, first, twin)
            preview.notes.append(Note("note_indicator_columns_same", {"column": first_label, "other": twin_label}))
    preview.notes.extend(named_by.notes())
    report_accepted_names(preview, names)
    preview.notes.extend(changes.notes())
    return cells


def _refuse_blank_townships(
    preview: Preview, label: str, cells: list[_ValueCell], blank_township: dict[int, str | None]
) -> list[_ValueCell]:
    """The cells left once every row whose 乡镇 cell is blank (`blank_township`: their numbers → the marker written, if any) and that comes
    after a row naming a township of its county, for the same period and indicator, is refused. A county's own
    values come before its townships' (templates, the sample, the offices' files: one row per county, then its
    townships); one below them with its 乡镇 left blank is a township's that lost its name, and read as the
    county's it overwrote all the county's values of the period, the preview saying only how many were updated (a
    fresh tester's finding, docs/decisions.md#township-left-blank); a 乡镇 written with a missing marker (—, 无, /) is
    blank too, quoted as written (a second tester's finding). A blank 乡镇 before the county's townships, or in a file
    that names no township of the county, is the county's own value, as before.
    Problems: `township_blank_among_townships` at the row and the 乡镇 column, once a row."""
    named: set[tuple] = set()  # (county, period, indicator) a row above named a township of
    refused: set[int] = set()
    for cell in cells:  # in file order
        key = (cell.county, cell.period, cell.indicator)
        if cell.row not in blank_township:
            named.add(key)
        elif key in named and cell.row not in refused:
            refused.add(cell.row)
            preview.problems.append(
                Problem("township_blank_among_townships", cell.row, label, blank_township[cell.row])
            )
    return [c for c in cells if c.row not in refused]


def _wide_row_cells(
    preview: Preview, table: Table, located: Located, named_by: IndicatorNames, position: int, place: tuple, found
) -> list[_ValueCell]:
    """One wide row's values, each header read as the indicator it names at the row's period."""
    county, township, period = place
    row, number = table.rows[position], table.row_numbers[position]
    taken: dict[str, int] = {}
    out = []
    for i in sorted(located.wide_indicators):
        text, label = table.header[i], table.column_label(i)
        resolved = named_by.resolve(text, period)
        code = resolved.code
        if code is None:
            if period is None:  # the row is refused for its period cell already
                continue
            at = number if found.per_row else preview.header_row
            problem = named_by.refusal(text, period, resolved, at, label, None)
            if problem is None:  # no indicator at all: locate_header found the column by the same lookup
                problem = Problem("unknown_indicator_column", at, label)
            if found.per_row:
                preview.problems.append(problem)
            else:
                found.refused.setdefault(i, problem)
            continue
        if code in taken:  # two headers of one indicator at this period (R01 and 招商引资额)
            found.same.setdefault(i, (label, table.column_label(taken[code])))
            continue
        taken[code] = i
        if not resolved.in_force:
            named_by.count_old_name(text, code, period)
        preview.column_labels[f"indicator:{code}@{period}"] = label
        out.append(
            _ValueCell(
                number,
                county,
                township,
                period,
                code,
                row[i] if i < len(row) else None,
                i,
                table.number_format(position, i),
                tuple(header_units(table, i)),
            )
        )
    return out


def _value_kind(preview: Preview, cells: list[_ValueCell], by_code: dict, kind: str | None) -> str:
    """race_scores or welfare, from the indicators' domain; a file mixing both, or contradicting the kind the
    user named, is refused."""
    domains = {by_code[c.indicator]["domain"] for c in cells}
    if kind in VALUE_KINDS:
        for code in sorted({c.indicator for c in cells}):
            if by_code[code]["domain"] != DOMAIN_OF_KIND[kind]:
                actual = "welfare" if by_code[code]["domain"] == "welfare" else "race_scores"
                preview.fatal = True
                preview.problems.append(
                    Problem(
                        "kind_mismatch",
                        params={
                            "indicator": by_code[code]["name"],
                            "actual": ("i18n", f"kind_{actual}"),
                            "kind": ("i18n", f"kind_{kind}"),
                        },
                    )
                )
        return kind
    if len(domains) > 1:

        def names_in(domain: str) -> list[str]:
            return sorted({by_code[c.indicator]["name"] for c in cells if by_code[c.indicator]["domain"] == domain})

        preview.fatal = True
        preview.problems.append(
            Problem("mixed_domains", params={"race": names_in("race")[:5], "welfare": names_in("welfare")[:5]})
        )
    return "welfare" if domains == {"welfare"} else "race_scores"


def _title_full_width_notes(title: TitlePeriod | None) -> list[Note]:
    """The title's period written with full-width characters (２０２６年第２季度, ２０２６－Ｑ２) and read as the
    half-width one: said with its row, as a period cell's is (changes.Changes.full_width); [] for any other title.
    The period is read from the title row's cleaned text (periods.title_periods), so its span as written is found
    by the half-width text each character reads as (NFKC, one character for one)."""
    if title is None or title.row is None:  # a file's title rows are numbered (sheet_layout.Table.from_sheet)
        return []
    notes = []
    for expression in periods.title_periods([title.row_text]).expressions:
        read, written = expression.written, title.row_text
        for start in range(len(written) - len(read) + 1):
            span = written[start : start + len(read)]
            if span != read and unicodedata.normalize("NFKC", span) == read and has_full_width(span):
                notes.append(Note("note_title_period_full_width", {"row": title.row, "example": span, "read": read}))
                break
    return notes


def _row_place_and_period(preview, table, position, index_of, names, spec, fixed_period, title, changes):
    """(county, township, period) of a row; a period column's that the title (`TitlePeriod`) does not allow
    refuses the file."""
    row, number = table.rows[position], table.row_numbers[position]
    place = {}
    for name in ("county", "township", "period"):
        i = index_of.get(name)
        if i is None:
            place[name] = None
            continue
        number_format = table.number_format(position, i)
        try:
            place[name] = parse_cell(spec.column(name), row[i], number_format)
            if name == "period":
                changes.period(table.column_label(i), row[i], place[name], number_format, row=number)
                # ２０２６－Ｑ２ read as 2026-Q2: said, as a plain file's period or date is (changes.FULL_WIDTH_SAID)
                changes.full_width(table.column_label(i), row[i], place[name], number)
            else:
                changes.text(table.column_label(i), row[i], place[name], number_format, row=number)
        except CellError as e:
            preview.problems.append(
                Problem(
                    e.key, number, table.column_label(i), problem_value(e, row[i]), e.params, cell_written(row[i], e)
                )
            )
            place[name] = None
    period = place["period"] or fixed_period
    if place["period"] and title and not title.allows(place["period"]):
        preview.fatal = True  # the title and the column disagree about the whole file (docs/decisions.md#wide-files)
        preview.problems.append(
            Problem(
                "period_conflict",
                number,
                table.column_label(index_of["period"]),
                place["period"],
                {"title": title.shown, "other": ("i18n", "period_conflict_column"), "given": place["period"]},
            )
        )
    county = place["county"]
    if county:
        i = index_of["county"]
        county = matched_place(preview, names.county(county), number, table.column_label(i), row[i])
    township = place["township"]
    if township and county:
        i = index_of["township"]
        township = matched_place(preview, names.township(county, township), number, table.column_label(i), row[i])
    return county, township, period


def _parse_value_cells(preview: Preview, table: Table, cells: list[_ValueCell], reference: Reference) -> list:
    """Each cell's number in its indicator's catalog unit: units typed in cells, headers, unit rows or the title
    are converted when exact and refused otherwise; Excel percent cells are read as the percent they showed.
    Values of a % indicator that all look like fractions but carry no percent format are kept, with a warning
    (docs/decisions.md#percent-cells: never guess from the values)."""
    changes = Changes(hours_per_day(reference))
    values: list[float | None] = []
    plain: dict[str, list[tuple[float, int, str]]] = defaultdict(list)
    marked: dict[str, list[float]] = defaultdict(list)  # the other values, in the catalog unit (92% as 92)
    entry_of: dict[tuple, dict] = {}
    marked_missing: list[tuple[_ValueCell, str, str]] = []  # cells written 无, —, … (cell, column label, text)
    for cell in cells:
        label = table.column_label(cell.column) if cell.column is not None else ""
        key = (cell.indicator, cell.period)
        if key not in entry_of:
            entry_of[key] = catalog_entry(reference, cell.indicator, cell.period)
        entry = entry_of[key]
        target = entry.get("unit") or ""
        raw = cell.raw
        unreadable = _unreadable_row_unit(cell, target)
        if unreadable is not None:
            preview.problems.append(unreadable)
            values.append(None)
            continue
        number = None
        is_error = False
        try:
            raw = with_format_unit(raw, cell.number_format)
            number = parse_number(
                raw, percent_format=is_percent_format(cell.number_format), european_marks=table.european_marks
            )
            value = (
                None if number is None else changes.to_unit(number, target, label, raw, cell.row, stated=cell.stated)
            )
            if value is not None and not _whole(value) and units.counts_whole(target, entry.get("name")):
                # 3.5 起 of accidents: a count is whole (decisions: Counts are whole numbers)
                raise CellError(
                    "count_not_whole",
                    indicator=entry.get("name") or cell.indicator,
                    unit=units.normalize_unit(target),  # as the catalog writes it: 个 has no English word
                    value=fifteen_digits(value),
                )
        except units.UnitError as e:
            preview.problems.append(_unit_problem(e, cell, number, label, raw))
            value = number = None
            is_error = True
        except CellError as e:
            preview.problems.append(
                Problem(e.key, cell.row, label, problem_value(e, raw), e.params, cell_written(raw, e))
            )
            value = number = None
            is_error = True
        values.append(value)
        if value is None:
            if number is None and clean_text(raw) and not is_error:
                marked_missing.append((cell, label, one_line(clean_text(raw))))
            continue
        if _percent_unmarked(number, cell, target):
            plain[cell.indicator].append((value, cell.row, clean_text(raw)))
        else:
            marked[cell.indicator].append(value)
    preview.notes.extend(changes.notes())
    preview.as_written.update(changes.as_written)
    _note_missing_markers(preview, marked_missing)
    for code, found in sorted(plain.items()):
        entry = catalog_entry(reference, code, None)
        if units.normalize_unit(entry.get("unit")) == "%":
            _note_fractions(preview, entry["name"], found, marked[code])
    return values


def _note_missing_markers(preview: Preview, found: list[tuple[_ValueCell, str, str]]) -> None:
    """The value cells written as a missing marker (`无`, `—`, `/`, `N/A`…: cell_values.MISSING_MARKERS; `found`:
    cell, column label, text as written, in file order) are read as no value, never as 0: one note says how many,
    the markers written and the first one's row and column, so that an office that meant 0 by 无 can correct it
    (the ranking fills a missing value by its rule: docs/decisions.md#missing-markers-are-no-value). Each is kept in
    `preview.missing_written`, for what emptying a stored value is said to be."""
    if not found:
        return
    first, label, text = found[0]
    markers = list(dict.fromkeys(text for _, _, text in found))
    params = {"n": len(found), "markers": _quoted(markers), "row": first.row, "column": label, "example": text}
    preview.notes.append(Note("note_missing_markers", params))
    preview.missing_written.update({(cell.row, cell.indicator): text for cell, _, text in found})


def _percent_unmarked(number: Number, cell: _ValueCell, target: str | None) -> bool:
    """Whether a value says nothing per cell about being a percent: written without % and without a percent
    format, whether or not its column, a unit row or the title declares `%`. A header `办结率（%）` over 0.95 is
    just where an office writes fractions under a % heading, so such values are checked for looking like
    fractions as undeclared ones are (docs/decisions.md#percent-cells); only a `%` in the cell itself, a percent
    format or another unit converted to % (‰) marks the value."""
    if number.unit or number.percent_format:
        return False
    # its own column's unit (header, unit row, unit column, the indicator's name), else a title's or value
    # header's of its family (units stated twice differently are refused before: refuse_column_unit_conflicts)
    own = [s.unit for s in cell.stated if not s.whole_file]
    whole = [
        s.unit for s in cell.stated if s.whole_file and units.same_family(s.unit, units.normalize_unit(target or ""))
    ]
    declared = (own or whole or [""])[0]
    return units.normalize_unit(declared) in ("", "%")


def _unit_problem(error: units.UnitError, cell: _ValueCell, number: Number | None, label: str, raw: object) -> Problem:
    """A unit that does not convert, said as coming from the unit column when that is where the row's unit is."""
    row_unit = next((s for s in cell.stated if s.column), None)
    if row_unit is not None and number is not None and not number.unit:
        params = {**error.params, "column": row_unit.column, "unit": row_unit.written}  # as written: 个 has no English
        return Problem(f"{error.key}_column", cell.row, label, as_written(raw), params)
    return Problem(error.key, cell.row, label, as_written(raw), error.params)


def _unreadable_row_unit(cell: _ValueCell, target: str) -> Problem | None:
    """A long file's unit column whose cell is no unit the importer reads (nor the catalog's own): the row's value
    has no known unit, and is refused naming the row and the unit column."""
    for s in cell.stated:
        if s.column and s.unit not in units.CELL_UNITS and s.unit != units.normalize_unit(target):
            return Problem("unit_column_unknown", cell.row, s.column, s.written, {"unit": s.written})
    return None


# A value of a % indicator is pointed out as a possible fraction when it is at most this (0.85 for 85 %) and the
# other values of its indicator are usually above FRACTION_USUAL_ABOVE (a rate of 90 %, not a growth rate of 3 %).
FRACTION_MOST = 1.5


FRACTION_USUAL_ABOVE = 10


def _note_fractions(preview: Preview, indicator: str, found: list[tuple[float, int, str]], marked: list[float]) -> None:
    """The values of a % indicator written without % in the cell and without a percent format (`found`: value,
    row, cell as written) that look like fractions are kept as written, with a note naming their count and the
    first one's row (docs/decisions.md#percent-cells): those far below the indicator's usual size, the median of
    its other values (those above 1.5 of `found` and every value marked as a percent, `marked`: 92% as 92) above
    FRACTION_USUAL_ABOVE; and all of them when every one is at most 1.5 and no such median says otherwise."""
    small = [item for item in found if item[0] and abs(item[0]) <= FRACTION_MOST]
    if not small:
        return
    _, row, raw = min(small, key=lambda item: item[1])
    others = [abs(v) for v, _, _ in found if abs(v) > FRACTION_MOST] + [abs(v) for v in marked]
    usual = float(pd.Series(others, dtype=float).median()) if others else 0.0
    if usual > FRACTION_USUAL_ABOVE:
        preview.notes.append(
            Note(
                "note_percent_fraction_among_percents",
                {"indicator": indicator, "n": len(small), "row": row, "example": raw, "usual": fifteen_digits(usual)},
            )
        )
    elif len(small) == len([item for item in found if item[0]]):
        preview.notes.append(
            Note("note_percent_fraction_kept", {"indicator": indicator, "n": len(small), "row": row, "example": raw})
        )
