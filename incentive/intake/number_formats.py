"""Excel number format codes: what a numeric cell looked like to the person who typed it.

Excel stores typed text as a number and shows it through the cell's number format: `2026.10` typed in a `0.00`
cell is stored as 2026.1; `85%` is stored as 0.85 with `0%`; a long id shows as `4.30102E+17`. The importer reads
what the user saw where the value alone is ambiguous (data contract, "Values seen in real files"). Only the first
section of a format (the one for positive numbers) matters here.
"""

from __future__ import annotations

import functools
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


def decimal_places(code: str | None) -> int | None:
    """How many decimals the format rounds the number to: one per placeholder after the decimal point, shown or
    not (`0.00` -> 2, `0.0#` -> 2, `#.##` -> 2, `#,##0` -> 0); None for General or an unknown format, where Excel
    shows as many as the value needs. How many of them show is `displayed_number`'s business: `#` shows a digit only
    when it is not a trailing zero."""
    section = _first_section(code)
    if not section or section.lower() == "general" or not re.search(r"[0#?]", section):
        return None
    _, _, fraction = section.partition(".")
    fraction = re.split(r"[eE][+-]", fraction)[0]  # `0.00E+00`: the exponent's digits are no decimals
    return len(re.sub(r"[^0#?]", "", fraction))


def zero_padded_width(code: str | None) -> int | None:
    """`000000` shows 123 as `000123`: the width, for ids kept with their leading zeros; else None."""
    section = _first_section(code)
    return len(section) if section and set(section) == {"0"} and len(section) > 1 else None


def displayed_number(value: float, code: str | None) -> str | None:
    """The text Excel shows for `value` through a format of digit placeholders (`2026.1` with `0.00` -> `2026.10`,
    with `#.##` or `0.0#` -> `2026.1`, with `0.??` -> `2026.1 `, `1234.5` with `#,##0.00` -> `1,234.50`,
    `15655400` with `0.00,,` -> `15.66`), literal text left out; None for General (the digits typed cannot be known
    from it), percent, scientific and fraction formats, and a negative number in a format with a section for it.

    Excel's placeholders (the number rounded to `decimal_places` first): after the decimal point `0` always shows
    its digit, `#` shows nothing and `?` a space where the digit is a trailing zero; before it `0` pads with zeros,
    and a zero integer part shows nothing when no `0` stands there (`#.##` shows 0.5 as `.5`). The point shows
    whenever the format has one (`#.##` shows 5 as `5.`)."""
    places = decimal_places(code)
    section = _first_section(code)
    if places is None or is_percent_format(code) or is_scientific_format(code) or "/" in section:
        return None
    if value < 0 and ";" in (code or ""):
        return None  # the negative section decides the sign's look
    value = value / 1000 ** thousands_scale(code)
    whole_code, point, fraction_code = section.partition(".")
    whole_marks = re.sub(r"[^0#?]", "", whole_code)
    fraction_marks = re.sub(r"[^0#?]", "", fraction_code)
    whole, _, decimals = f"{abs(value):.{places}f}".partition(".")
    shown = list(decimals)
    for at in reversed(range(len(shown))):  # trailing zeros under `#` and `?`
        if shown[at] != "0" or fraction_marks[at] == "0":
            break
        shown[at] = " " if fraction_marks[at] == "?" else ""
    if whole == "0" and "0" not in whole_marks:
        whole = " " if "?" in whole_marks else ""
    elif re.search(r"[0#?],+[0#?]", whole_code):  # a comma between placeholders groups thousands
        whole = f"{int(whole):,}"
    else:
        whole = whole.rjust(whole_marks.count("0"), "0")
    sign = "-" if value < 0 and float(f"{value:.{places}f}") != 0 else ""
    return sign + whole + point + "".join(shown)


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


# ------------------------------------------------------------------ literal text and scaling
#
# A format may show text beside the digits (`"LZ"000000` shows 15 as LZ000015, `0"年第三季度"` shows 2025 as
# 2025年第三季度) and may scale the number (`0.00,,` shows 15655400 as 15.66, `#,##0,` shows 24993100 as 24,993).
# What the person saw is then not the stored number (docs/decisions.md#literal-text-and-scaling-in-number-formats).


def _section_tokens(code: str | None) -> list[tuple[str, str]]:
    """The first section's tokens as (kind, text): `lit` (text shown as is), `digit` (0 # ?), `point`, `comma`,
    `percent`, `exp` (E+ / E-), `general`, `at` (@), `other` (the slash of a fraction). Any other character shows as
    itself, as Excel shows `$ - + ( ) :` and the space unquoted and as some tools write `0元` or `¥0`; a currency
    `[$¥-804]` shows its symbol; `_x` padding, `*x` fill and bracketed colours or conditions show no text."""
    if not code:
        return []
    out: list[tuple[str, str]] = []
    section = code.split(";")[0]
    for m in re.finditer(r'"([^"]*)"|\\(.)|\[[^\]]*\]|_.|\*.|(?i:general)|G/通用格式|[eE][+-]|(.)', section, re.S):
        quoted, escaped, plain = m.groups()
        token = m.group(0)
        if quoted is not None:
            out.append(("lit", quoted))
        elif escaped is not None:
            out.append(("lit", escaped))
        elif token.casefold() in ("general", "g/通用格式"):
            out.append(("general", token))
        elif token[0] in "eE" and len(token) == 2:
            out.append(("exp", token))
        elif token.startswith("[$"):  # a currency or locale: `[$¥-804]` shows ¥, `[$-804]` nothing
            symbol = token[2:-1].split("-", 1)[0]
            if symbol:
                out.append(("lit", symbol))
        elif plain is None:
            continue  # [Red], _), *-: no text shown
        elif plain in "0#?":
            out.append(("digit", plain))
        elif plain == ".":
            out.append(("point", plain))
        elif plain == ",":
            out.append(("comma", plain))
        elif plain == "%":
            out.append(("percent", plain))
        elif plain == "@":
            out.append(("at", plain))
        else:  # 0元, 0" "…, ¥0, LZ written bare by some tools: shown as they are
            out.append(("lit", plain))
    # a slash before a digit placeholder is a fraction (`# ?/?`), not text
    return [
        ("other", text) if text == "/" and any(k == "digit" for k, _ in out[i + 1 :]) else (kind, text)
        for i, (kind, text) in enumerate(out)
    ]


def _has_number(tokens: list[tuple[str, str]]) -> bool:
    return any(kind in ("digit", "general") for kind, _ in tokens)


def thousands_scale(code: str | None) -> int:
    """How many times the format divides the number by 1,000 before showing it: a comma after the last digit
    placeholder or right before the decimal point scales (`#,##0,` -> 1, `0.00,,` -> 2, `0,.0` -> 1); a comma
    between digit placeholders groups thousands (`#,##0` -> 0)."""
    tokens = [t for t in _section_tokens(code) if t[0] in ("digit", "point", "comma")]
    scale = 0
    for at, (kind, _) in enumerate(tokens):
        if kind != "comma":
            continue
        after = next((k for k, _ in tokens[at + 1 :] if k != "comma"), None)
        if after is None or after == "point":
            scale += 1
    return scale


def literal_text(code: str | None) -> tuple[str, str, str]:
    """The text a format shows beside the number of a numeric cell, as (before, between, after) the digits
    (`"LZ"000000` -> ("LZ", "", ""), `000"-"000` -> ("", "-", ""), `0"年第三季度"` -> ("", "", "年第三季度")); all
    "" when it shows none or shows no number at all. Spaces count: `" "0` shows " 15"."""
    tokens = _section_tokens(code)
    if not _has_number(tokens):
        return "", "", ""
    numeric = [i for i, (kind, _) in enumerate(tokens) if kind in ("digit", "general", "point")]
    first, last = numeric[0], numeric[-1]
    before = "".join(text for kind, text in tokens[:first] if kind == "lit")
    between = "".join(text for kind, text in tokens[first:last] if kind == "lit")
    after = "".join(text for kind, text in tokens[last + 1 :] if kind == "lit")
    return before, between, after


@functools.lru_cache(maxsize=1024)  # asked for every cell of a column, of a few distinct formats
def shows_text(code: str | None) -> bool:
    """Whether the format shows literal text other than spaces beside a number (`"LZ"000000`, `0"年第三季度"`, `0\\号`, `0元`)."""
    return any(text.strip() for text in literal_text(code))  # spaces alone show no text


def displayed_text(value: float, code: str | None) -> str | None:
    """The text Excel shows for the number `value` through `code` when the format shows literal text beside it
    (`15` with `"LZ"000000` -> `LZ000015`, `2025` with `0"年第三季度"` -> `2025年第三季度`, `1234567` with
    `000"-"0000` -> `123-4567`); None where this reader cannot be sure of the digits Excel shows: a negative
    number, a fraction in a format without fixed decimals, scaling, percent, exponent, fractions (`# ?/?`), text
    (`@`) or anything else it does not know."""
    tokens = _section_tokens(code)
    kinds = {kind for kind, _ in tokens}
    if value < 0 or not _has_number(tokens) or kinds & {"percent", "exp", "at", "other"}:
        return None
    if thousands_scale(code):
        return None
    if "general" in kinds:
        if "digit" in kinds or "point" in kinds or "comma" in kinds or not float(value).is_integer():
            return None
        if abs(value) >= 1e11:  # General shows 11 digits at most
            return None
        return "".join(text if kind == "lit" else str(int(value)) for kind, text in tokens)
    # digits before the decimal point, and those after it
    point = next((i for i, (kind, _) in enumerate(tokens) if kind == "point"), len(tokens))
    fraction = [text for kind, text in tokens[point + 1 :] if kind == "digit"]
    if any(kind == "lit" for kind, _ in tokens[point + 1 :]) and any(
        kind == "digit" for kind, _ in tokens[point + 1 :]
    ):
        # text among the decimals, or after them: only text after every digit is allowed there
        last_digit = max(i for i, (kind, _) in enumerate(tokens) if kind == "digit")
        if any(kind == "lit" for kind, _ in tokens[point + 1 : last_digit]):
            return None
    if fraction and set(fraction) != {"0"}:
        return None  # `0.0#`: how many decimals show depends on the value
    if not fraction and not float(value).is_integer():
        return None  # Excel rounds the fraction away: the digits typed cannot be known
    whole, _, decimals = f"{value:.{len(fraction)}f}".partition(".")
    integer_tokens = tokens[:point]
    grouped = any(kind == "comma" for kind, _ in integer_tokens)
    digit_at = [i for i, (kind, _) in enumerate(integer_tokens) if kind == "digit"]
    if grouped and digit_at and any(kind == "lit" for kind, _ in integer_tokens[digit_at[0] : digit_at[-1]]):
        return None  # thousands separators with text among the digits
    text = _grouped(whole, integer_tokens) if grouped else _filled(whole, integer_tokens)
    if fraction:
        text += "." + decimals
    after = "".join(t for kind, t in tokens[point + 1 :] if kind == "lit") if point < len(tokens) else ""
    return text + after


def _first_digit(tokens: list[tuple[str, str]]) -> int:
    return next((i for i, (kind, _) in enumerate(tokens) if kind == "digit"), len(tokens))


_BLANK = {"0": "0", "#": "", "?": " "}


def _filled(whole: str, tokens: list[tuple[str, str]]) -> str:
    """The integer part as Excel shows it through placeholders with text among them (`000"-"0000`): filled from
    the right, the leftmost placeholder taking every digit left over; where no digit is left `0` shows a zero,
    `#` nothing and `?` a space."""
    remaining = list(whole.lstrip("0"))
    count = sum(1 for kind, _ in tokens if kind == "digit")
    seen, shown = 0, []
    for kind, text in reversed(tokens):
        if kind == "digit":
            seen += 1
            if seen == count:
                shown.append("".join(remaining) if remaining else _BLANK[text])
                remaining = []
            else:
                shown.append(remaining.pop() if remaining else _BLANK[text])
        elif kind == "lit":
            shown.append(text)
    return "".join(reversed(shown))


def _grouped(whole: str, tokens: list[tuple[str, str]]) -> str:
    """The integer part through a format with thousands separators (`"¥"#,##0`), text only before or after the
    digits (`displayed_text` refuses text among them)."""
    first = _first_digit(tokens)
    last = max(i for i, (kind, _) in enumerate(tokens) if kind == "digit")
    zeros = sum(1 for kind, text in tokens if kind == "digit" and text == "0")
    digits = whole.lstrip("0").rjust(zeros, "0")
    groups = []
    while digits:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    before = "".join(text for kind, text in tokens[:first] if kind == "lit")
    after = "".join(text for kind, text in tokens[last + 1 :] if kind == "lit")
    return before + ",".join(groups) + after


def fifteen_digits(value: float) -> str:
    """A number to the 15 significant digits Excel keeps and shows: a formula's 3.0000000000000004 as 3."""
    return f"{value:.15g}"
