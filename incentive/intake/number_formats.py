"""Excel number format codes: what a numeric cell looked like to the person who typed it.

Excel stores typed text as a number and shows it through the cell's number format: `2026.10` typed in a `0.00`
cell is stored as 2026.1; `85%` is stored as 0.85 with `0%`; a long id shows as `4.30102E+17`. The importer reads
what the user saw where the value alone is ambiguous (data contract, "Values seen in real files"). Only the first
section of a format (the one for positive numbers) matters here.
"""

from __future__ import annotations

import re

from incentive.intake.units import normalize_unit

_QUOTED = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.')


def _first_section(code: str | None) -> str:
    if not code:
        return ""
    return _QUOTED.sub("", code.split(";")[0])


def is_percent_format(code: str | None) -> bool:
    """`0%`, `0.00%`: the cell shows its value times 100 with a percent sign."""
    return "%" in _first_section(code)


def is_scientific_format(code: str | None) -> bool:
    """`0.00E+00`: the cell shows a mantissa and an exponent."""
    return bool(re.search(r"[eE][+-]", _first_section(code)))


def is_text_format(code: str | None) -> bool:
    """`@`: the cell was formatted as text (a number in it was stored as a number all the same)."""
    return _first_section(code).strip() == "@"


def displayed_decimals(code: str | None) -> int | None:
    """How many digits after the decimal point the format shows (`0.00` -> 2, `#,##0` -> 0); None for General
    or an unknown format, where Excel shows as many as the value needs."""
    section = _first_section(code)
    if not section or section.lower() == "general" or not re.search(r"[0#?]", section):
        return None
    m = re.search(r"\.([0#?]+)", section)
    return len(m.group(1)) if m else 0


def zero_padded_width(code: str | None) -> int | None:
    """`000000` shows 123 as `000123`: the width, for ids kept with their leading zeros; else None."""
    section = _first_section(code)
    return len(section) if section and set(section) == {"0"} and len(section) > 1 else None


def displayed_number(value: float, code: str | None) -> str | None:
    """The text a fixed-decimal format shows for `value` (`2026.1` with `0.00` -> `2026.10`); None when the format
    does not fix the decimals (General), so the digits typed cannot be known."""
    decimals = displayed_decimals(code)
    if decimals is None or is_percent_format(code) or is_scientific_format(code):
        return None
    return f"{value:.{decimals}f}"


# A format's tokens: a quoted literal, an escaped character, a colour or condition, padding, fill, General (as
# Chinese Excel and WPS write it too), or one character.
_TOKEN = re.compile(r'"([^"]*)"|\\(.)|\[[^\]]*\]|_.|\*.|(?i:general)|G/通用格式|(.)', re.S)


def format_unit(code: str | None) -> str:
    """The unit a format shows after the number as literal text (`0"分钟"`, `#,##0"万元"`, `0.0\\元`,
    `G/通用格式"分"` -> `分钟`, `万元`, `元`, `分`), or "". The cell reads "90分钟" to the person who typed 90: the
    unit is part of the value as if written in the cell (docs/decisions.md#units-in-number-formats)."""
    if not code or is_percent_format(code) or is_scientific_format(code):
        return ""
    seen_number, literal = False, []
    for m in _TOKEN.finditer(code.split(";")[0]):
        quoted, escaped, plain = m.groups()
        token = m.group(0)
        if token.casefold() in ("general", "g/通用格式") or (plain is not None and plain in "0#?"):
            seen_number, literal = True, []  # only what follows the last digit is a suffix
        elif quoted is not None:
            literal.append(quoted)
        elif escaped is not None:
            literal.append(escaped)
        elif plain is not None and plain.isalpha():  # a letter Excel would have quoted (`0元` as some tools save it)
            literal.append(plain)
    if not seen_number:
        return ""
    return normalize_unit("".join(literal))
