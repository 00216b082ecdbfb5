"""Units a file states for a value outside its cell: a number column's header in brackets (`招商引资额（万元）`),
a unit row under the header, a title's note (`单位：万元`), a long file's unit column (单位, 计量单位), an
indicator's name.

Each statement is a `StatedUnit` with where it is written, so a message can name both places when two
contradict each other (`unit_conflict`): a column stating two units is refused as a whole
(`refuse_column_unit_conflicts`), as is a header's bracket that is no unit the importer knows
(`refuse_unknown_bracket`); docs/decisions.md#units-stated-twice.
"""

from __future__ import annotations

from dataclasses import dataclass

from incentive.i18n import t
from incentive.intake import units
from incentive.intake.cell_values import name_key
from incentive.intake.file_kinds import VALUE_UNIT_COLUMN
from incentive.intake.preview import Preview, Problem, refuse_file
from incentive.intake.sheet_layout import Located, Table, unknown_bracket


@dataclass(frozen=True)
class StatedUnit:
    """A unit a file states for a value outside its cell (a header's brackets, a unit row, a title's note, a long
    file's unit column, an indicator's name), and where it is written, for a conflict's message."""

    unit: str  # normalized (units.normalize_unit)
    place: tuple  # ("by_lang", {...}): where it is written
    whole_file: bool = False  # a title's note or a long file's value header: speaks only for units of its family
    column: str = ""  # a long file's unit column (its label): the row's own unit, as one written in the cell is
    written: str = ""  # the unit column's cell as written


def unit_place(key: str, **params: object) -> tuple:
    """Where a unit is written, in each language."""
    return ("by_lang", {lang: t(key, lang, **params) for lang in ("zh", "en")})


def header_units(
    table: Table, index: int, whole_file: bool = False, title: bool = True, hours: bool = False
) -> list[StatedUnit]:
    """The units a number column declares for all its cells: its header's brackets, a unit row under it, a title's
    unit note (which speaks only for units of its own family; `title=False` in a record file, where a title speaks
    only for 学时, as `column_unit` reads it: `hours`, the training file's 学时 column, takes a title's time unit
    as the column's own)."""
    found = []
    if table.header_unit(index):
        place = unit_place("unit_place_header", column=table.column_label(index))
        found.append(StatedUnit(table.header_unit(index), place, whole_file))
    if table.units.get(index):
        place = unit_place("unit_place_unit_row", row="、".join(map(str, table.unit_rows)) or "?")
        found.append(StatedUnit(table.units[index], place, whole_file))
    if title and table.title_units:
        for unit, note in table.title_units:  # `单位：万元、%`: each speaks for its own family only
            found.append(StatedUnit(unit, unit_place("unit_place_title", note=note), True))
    elif hours and hours_title_unit(table):
        unit, note = table.title_time_unit
        found.append(StatedUnit(units.normalize_unit(unit), unit_place("unit_place_title", note=note)))
    return found


def unit_conflict(stated: list[StatedUnit]) -> tuple[StatedUnit, StatedUnit] | None:
    """The first two statements of a unit for one value that contradict each other: units of different sizes,
    unless one speaks for the whole file and the other is of another family (a title's `单位：万元` says nothing of
    a %)."""
    for i, a in enumerate(stated):
        for b in stated[i + 1 :]:
            if units.same_size(a.unit, b.unit):  # 学时（小时） over `3学时`: one for one, as the contract reads them
                continue
            if (a.whole_file or b.whole_file) and not units.same_family(a.unit, b.unit):
                continue
            return a, b
    return None


def conflict_params(clash: tuple[StatedUnit, StatedUnit]) -> dict:
    a, b = clash
    return {"first": ("unit", a.unit), "first_place": a.place, "second": ("unit", b.unit), "second_place": b.place}


def value_unit_columns(table: Table, located: Located) -> list[int]:
    """A long value file's unit columns (VALUE_UNIT_COLUMN: 单位, 计量单位), not a column the kind reads."""
    names = {name_key(alias) for alias in VALUE_UNIT_COLUMN}
    found = [i for i, text in enumerate(table.header) if i not in located.columns and name_key(text) in names]
    # beside a 计量单位 column, a 单位 column names an office (云岫县发改局): left out as a column not imported
    measure = [i for i in found if name_key(table.header[i]) != name_key("单位")]
    return measure or found


def refuse_column_unit_conflicts(
    preview: Preview, table: Table, columns: list[int], title: bool = True, hours: bool = False
) -> None:
    """A number column whose header's brackets, unit row and title's unit note give it different units (the title
    only within its own family) is refused as a whole: which unit its numbers are in cannot be known."""
    for i in columns:
        stated = header_units(table, i, title=title, hours=hours)
        clash = unit_conflict(stated)
        if clash is not None:
            params = conflict_params(clash)
            refuse_file(
                preview, Problem("unit_conflict_column", preview.header_row, table.column_label(i), None, params)
            )


def refuse_unknown_bracket(preview: Preview, table: Table, index: int, hours: bool = False) -> None:
    """A number column whose header has something in brackets that is no unit we know (`学时（计划）`); in the
    `hours` column, minutes (`学时（分钟）`) are refused as such (docs/decisions.md#training-time-in-minutes)."""
    inner = unknown_bracket(table.header[index])
    if hours and not inner and units.is_minutes(table.header_unit(index)):
        inner = table.header_unit(index)  # `学时（分）`: 分 is a unit (points) elsewhere, minutes here
    if inner:
        key = "unit_minutes_header" if hours and units.is_minutes(inner) else "unit_unknown_header"
        refuse_file(preview, Problem(key, preview.header_row, table.column_label(index), None, {"inner": inner}))


def column_unit(table: Table, index: int, hours: bool = False) -> str:
    """The unit a number column declares for every cell of it: its header's brackets, else a unit row under the
    header, else, for training hours, a title's unit note when it speaks of time (`单位：小时`, `单位：天`,
    `单位：分钟`); a title's unit of another family (`单位：万元`) says nothing about 学时."""
    declared = table.header_unit(index) or table.units.get(index, "")
    if declared or not hours:
        return declared
    return hours_title_unit(table)


def hours_title_unit(table: Table) -> str:
    """The unit a title's note (`单位：分钟`) declares for a training file's 学时 column, or ""."""
    return table.title_time_unit[0]
