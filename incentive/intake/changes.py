"""The record of the values the importer changed while reading one file, for the preview's notes and the CLI.

A unit converted, a percent cell read as the percent it showed, a text normalized, a number read as the text its
format showed, an allowed value written in another spelling (`choice_synonyms`), an Excel serial read as a date: each
is counted per column with a first example (`Changes`), so nothing changes silently (issue "intake integrity").
`Changes.to_unit` is where a number reaches its column's unit, or is refused when no exact conversion exists.
"""

from __future__ import annotations

import datetime as dt

from incentive.intake import units
from incentive.intake.blank_markers import read_as_blank_note, written_marker
from incentive.intake.cell_parsing import serial_example, year_only
from incentive.intake.cell_values import CellError, Number, as_written, clean_text, one_line
from incentive.intake.choice_synonyms import read_as, read_as_params
from incentive.intake.normalized_text import has_full_width, normalized_example
from incentive.intake.number_formats import displayed_text, fifteen_digits, shows_text
from incentive.intake.preview import Note, Reference, number_text
from incentive.intake.stated_units import StatedUnit, conflict_params, unit_conflict, unit_place
from incentive.intake.text_apostrophe import apostrophe_removed
from incentive.intake.written_periods import period_number_text

# Columns read through clean_text whose full-width cells no other note names (a text's is note_text_normalized, a
# number's note_number_full_width): each says note_cell_full_width (docs/decisions.md#full-width-dates)
FULL_WIDTH_SAID = ("date", "year", "appraisal_year", "period")


def hours_per_day(reference: Reference) -> float:
    """学时 per day of training for hours written in days; 0 (the default) refuses days."""
    return float((getattr(reference, "settings", None) or {}).get("hours_per_day", 0) or 0)


class Changes:
    """Every value the importer changed while reading one file (a unit converted, a percent cell, a text
    normalized), counted per column with a first example, for the preview's notes (issue "intake integrity":
    nothing changes silently)."""

    def __init__(self, days_rule: float = 0) -> None:
        self.days_rule = days_rule
        self.counts: dict[tuple, list] = {}
        self.as_written: dict[tuple[int, str], str] = {}  # (row, column label) -> a number cell's text with its unit

    def _count(self, key: tuple, example: dict) -> None:
        entry = self.counts.setdefault(key, [0, example])
        entry[0] += 1

    def text(self, label: str, raw: object, stored: object, number_format: str | None = None, *, row: int) -> None:
        """A text cell stored otherwise than written (full-width to half-width, spaces; an id's Excel text
        apostrophe dropped), or a number read as its format showed it; `row`: the cell's row in the file, the first
        one named in the note."""
        if apostrophe_removed(raw, stored):  # `'LZ900005` (text_apostrophe)
            self._count(("note_text_apostrophe", label), {"row": row, "example": one_line(raw), "value": stored})
        elif isinstance(raw, str) and isinstance(stored, str) and stored != raw:
            self._count(("note_text_normalized", label), {"row": row, **normalized_example(raw, stored)})
        self.shown(label, raw, stored, number_format, row=row)

    def shown(self, label: str, raw: object, stored: object, number_format: str | None, *, row: int) -> None:
        """A number read as the text its format showed (15 formatted `"LZ"000000` read as LZ000015)."""
        if isinstance(raw, bool) or not isinstance(raw, (int, float)) or stored is None:
            return
        if shows_text(number_format):
            example = {
                "row": row,
                "example": f"{raw:g}",
                "format": number_format,
                "shown": displayed_text(float(raw), number_format),
                "stored": stored,
            }
            self._count(("note_read_as_shown", label), example)

    def choice(self, label: str, raw: object, enum: str, code: str | None, *, row: int) -> None:
        """An allowed value written in another spelling than its standard one (网络 read as 线上, 合格 as 称职),
        first met at `row`."""
        if read_as(enum, raw, code) is not None:  # choice_synonyms: 网络 read as 线上
            self._count(("note_value_read_as", label, raw), {"row": row, **read_as_params(enum, raw, code)})

    def serial(self, label: str, raw: object, day: dt.date, row: int) -> None:
        """A date cell holding an Excel serial number, read as the date it stands for (`serial_date`)."""
        self._count(("note_date_serial", label), serial_example(raw, day, row))

    def read_as_blank(self, label: str, raw: object, row: int) -> None:
        """A cell read as blank (`value` None) that was written as a missing marker (无, —: blank_markers), first met
        at `row`; a blank or refused cell is not one."""
        marker = written_marker(raw)
        if marker is not None:
            self._count(("note_read_as_blank", label), {"row": row, "markers": []})
            markers = self.counts[("note_read_as_blank", label)][1]["markers"]
            if marker not in markers:
                markers.append(marker)

    def full_width(self, label: str, raw: object, value: object, row: int) -> None:
        """A date, year or period cell written with full-width characters (２０２６/１１/０３, １９８８年) and read as the
        half-width one (cell_values.clean_text), first met at `row`: said, as a number's is (`to_unit`)."""
        if isinstance(raw, str) and value is not None and has_full_width(raw):
            self._count(
                ("note_cell_full_width", label), {"row": row, "example": one_line(raw), "read": clean_text(raw)}
            )

    def year_only(self, label: str, raw: object, year: int, row: int) -> None:
        """A birth-year cell written with a month or a day, kept as its year only (cell_parsing.year_only)."""
        if year_only(raw, year):
            self._count(("note_year_only", label), {"row": row, "example": one_line(clean_text(raw)), "value": year})

    def period(self, label: str, raw: object, stored: object, number_format: str | None = None, *, row: int) -> None:
        """A period typed as a number and read as Excel showed it (2026.1 shown as 2026.10 by `0.00`, 2026.11 in a
        General cell; 2025 shown as 2025年第三季度): written_periods.period_number_text; or a date cell read as its
        month (2025-06 typed, which Excel stores as the date 2025-06-01: docs/decisions.md#date-cells-as-periods),
        first met at `row`."""
        if shows_text(number_format):
            self.shown(label, raw, stored, number_format, row=row)
        elif isinstance(raw, float) and not raw.is_integer() and stored:
            example = {
                "row": row,
                "example": fifteen_digits(raw),
                "shown": period_number_text(raw, number_format),
                "value": stored,
            }
            self._count(("note_period_from_format", label), example)
        elif isinstance(raw, dt.date) and stored:  # a datetime is a date too
            self._count(("note_period_from_date", label), {"row": row, "example": clean_text(raw), "value": stored})

    def to_unit(
        self,
        number: Number,
        target: str | None,
        label: str,
        raw: object,
        row: int,
        strict: str = "",
        stated: tuple[StatedUnit, ...] = (),
    ) -> float:
        """The number in the `target` unit. The unit given is the cell's own (or its row's, from a long file's unit
        column), else the column's (`strict`, or a `stated` one: a header in brackets, a unit row, an indicator's
        name), else a title's or a long file's value header (`whole_file` ones, which only speak for units of their
        own family: `单位：万元` says nothing about a count). Raises CellError `unit_conflict` when two of these
        contradict each other, units.UnitError when no exact conversion exists."""
        shown = clean_text(raw) if not isinstance(raw, (int, float)) else f"{raw:g}"
        if isinstance(raw, str) and has_full_width(raw):  # ９３.８% read as 93.8%: said, as a name's cleanup is
            self._count(("note_number_full_width", label), {"row": row, "example": one_line(raw), "read": shown})
        if number.percent_format:
            self._count(
                ("note_percent_format", label), {"row": row, "example": shown, "value": fifteen_digits(number.value)}
            )
        own = []
        if number.unit:
            key = "unit_place_percent_format" if number.percent_format else "unit_place_cell"
            own.append(StatedUnit(number.unit, unit_place(key)))
        clash = unit_conflict(own + list(stated))
        if clash is not None:
            raise CellError("unit_conflict", **conflict_params(clash))
        row_unit = next((s.unit for s in stated if s.column), "")
        if row_unit and not number.unit:  # as if written after the number: `335600` with 万元 beside it
            shown = f"{shown}{row_unit}"
        written = number.unit or row_unit
        if written:
            self.as_written[(row, label)] = f"{number.value:g}%" if number.percent_format else shown
        elif isinstance(raw, str) and as_written(raw) != number_text(number.value):
            # `－5` (full-width), `1,234` (grouped): a problem about the stored number quotes it as written, as a
            # refused cell is quoted, so it is no line of one with a `-5` (Preview.problem_lines groups by the
            # quote); `1,234` was quoted 「1234」 (a fresh tester's finding)
            self.as_written[(row, label)] = as_written(raw)
        strict = strict or next((s.unit for s in stated if not s.whole_file), "")
        source = written or strict
        expected = units.normalize_unit(target or "")
        if not source and expected:
            source = next((s.unit for s in stated if s.whole_file and units.same_family(s.unit, expected)), "")
        if source and not units.normalize_unit(target or ""):
            if written:  # a unit nothing can check it against: kept as written, and said
                self._count(("note_unit_unchecked", label, source), {"row": row, "example": shown})
            return number.value
        if units.is_minutes(source) and units.same_family(units.normalize_unit(target or ""), units.HOURS):
            # minutes declared by a header, a unit row, a title or a number format: refused as written ones are
            raise CellError("hours_in_minutes", unit=source)
        change = units.conversion(source, target or "", self.days_rule)
        value = units.apply(number.value, change)
        if change is not None:  # 小时 -> 学时 is one for one, 亿 is 亿元: said so, not as a conversion "×1"
            if units.reads_as(change):
                key = "note_unit_read_as"
            else:
                key = "note_unit_counted" if change.factor == 1 else "note_unit_converted"
            self._count(
                (key, label, change.source, change.target, change.factor_text),
                {"row": row, "example": shown, "value": fifteen_digits(value)},
            )
        return value

    def notes(self) -> list[Note]:
        out = []
        for key, (n, example) in self.counts.items():
            if key[0] == "note_read_as_blank":
                out.append(read_as_blank_note(key[1], n, example["row"], example["markers"]))
                continue
            params = {"column": key[1], "n": n, **example}
            if key[0] == "note_unit_unchecked":
                params["unit"] = ("unit", key[2])
            if key[0] in ("note_unit_converted", "note_unit_counted", "note_unit_read_as"):
                params.update({"source": ("unit", key[2]), "target": ("unit", key[3]), "factor": key[4]})
            out.append(Note(key[0], params))
        return out
