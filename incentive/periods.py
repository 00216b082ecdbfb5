"""Assessment periods in the four canonical forms: `2025`, `2025-H1`, `2025-Q2`, `2025-06`.

Offices write periods in a dozen ways (see the data contract); everything downstream only ever sees the
canonical form, so comparisons, sorting and "previous period" are defined once, here.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_CN_MONTHS = {
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
    "十一": 11,
    "十二": 12,
}

_YEAR = r"(?P<y>(19|20)\d{2})"
# Ordered from most to least specific: a title such as "2025年第二季度赛马考评得分表" must not stop at "2025年", nor
# "2026年度第三季度赛马考评得分" at "2026年度" (a quarter or half-year may follow 年度: docs/decisions.md#periods-in-titles).
# Statistical reports write cumulative ranges: 2025年1-6月 is the first half-year.
_MONTH_RANGES = {(1, 3): "Q1", (4, 6): "Q2", (7, 9): "Q3", (10, 12): "Q4", (1, 6): "H1", (7, 12): "H2", (1, 12): ""}
_RANGE = re.compile(_YEAR + r"\s*年\s*(?P<a>1[0-2]|0?[1-9])\s*[-—~至到]\s*(?P<b>1[0-2]|0?[1-9])\s*月")
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("R", _RANGE),
    ("Q", re.compile(_YEAR + r"\s*(?:年度?)?\s*[-_/.]?\s*[Qq]\s*(?P<n>[1-4])(?!\d)")),
    ("Q", re.compile(_YEAR + r"\s*(?:年度?)?\s*(?:第\s*)?(?P<n>[一二三四1-4])\s*季度?")),
    ("H", re.compile(_YEAR + r"\s*[-_/.]?\s*[Hh]\s*(?P<n>[12])(?!\d)")),
    ("H", re.compile(_YEAR + r"\s*(?:年度?)?\s*(?P<n>上|下)\s*半\s*年")),
    ("M", re.compile(_YEAR + r"\s*年\s*(?P<n>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])\s*月")),
    ("M", re.compile(_YEAR + r"\s*[-/.]\s*(?P<n>1[0-2]|0?[1-9])(?![\d.])")),
    ("Y", re.compile(_YEAR + r"\s*(?:年度?)?")),
]


def _clean(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


def _match_to_period(kind: str, m: re.Match[str]) -> str | None:
    year = m.group("y")
    if kind == "Y":
        return year
    if kind == "R":
        part = _MONTH_RANGES.get((int(m.group("a")), int(m.group("b"))))
        if part is None:
            return None
        return f"{year}-{part}" if part else year
    n = m.group("n")
    if kind == "Q":
        return f"{year}-Q{_CN_DIGITS[n]}"
    if kind == "H":
        return f"{year}-H{1 if n in ('上', '1') else 2}"
    month = int(n) if n.isdigit() else _CN_MONTHS[n]
    return f"{year}-{month:02d}"


def parse_period(value: object) -> str | None:
    """The canonical form of a period cell, or None when the cell is not a period.

    The whole cell must be the period (trailing 年/年度 allowed); use `title_periods` for titles.
    """
    if value is None:
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        # Excel turns "2025-06" into a date on the 1st of the month; any other date (2025-12-31 typed for Q4) is
        # no month typed, and is refused as the same date written as text is.
        if value.day != 1 or (isinstance(value, dt.datetime) and value.time() != dt.time()):
            return None
        return f"{value.year}-{value.month:02d}"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = _clean(str(value))
    if re.fullmatch(r"(19|20)\d{2}(0[1-9]|1[0-2])", text):
        return f"{text[:4]}-{text[4:]}"
    for kind, pattern in _PATTERNS:
        m = pattern.fullmatch(text)
        if m:
            return _match_to_period(kind, m)
    return None


# Dates in a title that are no period: a full date (`截至2026年9月30日`, `2026-09-30`, `2026.3.15制表`, `10月8日`),
# whatever date follows the label of the day the form was filled (`填报日期：2026年10月`, `制表：2026年10月`) or an
# as-of (`截至2026年6月`), and a date followed by such a label (`2026年10月制表`, `2026年10月填报`). Each names a day,
# not the period the values are of (docs/decisions.md#periods-in-titles); they are blanked before a title is read.
_DAY_NUMBER = r"(?:[12]\d|3[01]|0?[1-9]|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])"
_MONTH_NUMBER = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_FULL_DATE = re.compile(
    _YEAR
    + r"\s*(?:年\s*"
    + _MONTH_NUMBER
    + r"\s*月\s*"
    + _DAY_NUMBER
    + r"\s*[日号]|(?P<sep>[-/.])\s*(?:1[0-2]|0?[1-9])\s*(?P=sep)\s*(?:[12]\d|3[01]|0?[1-9])(?!\d))"
)
_DAY_OF_MONTH = re.compile(r"(?<![\d.])" + _MONTH_NUMBER + r"\s*月\s*" + _DAY_NUMBER + r"\s*[日号]")
_FILLED = r"(?:填报|填表|制表|报送|上报|报表|编制|打印)"
_DAY_LABELLED = re.compile(
    r"(?:"
    + _FILLED
    + r"\s*(?:(?:日期|时间)\s*[:：]?|[:：])|(?:截至|截止)\s*(?:到|至)?\s*[:：]?)\s*(?:"
    + _YEAR
    + r"\s*(?:年\s*(?:"
    + _MONTH_NUMBER
    + r"\s*月(?:\s*"
    + _DAY_NUMBER
    + r"\s*[日号])?)?|[-/.]\s*\d{1,2}(?:\s*[-/.]\s*\d{1,2})?)?"
    # without a year: `（数据截至9月底）`, `制表：10月`
    + r"|"
    + _MONTH_NUMBER
    + r"\s*月(?:\s*"
    + _DAY_NUMBER
    + r"\s*[日号])?)"
)
# `2026年10月制表`, `2026年10月填报`, `2026.10报送`, `10月填报`; not `10月报` (a monthly report: 月报) nor 制度
_DATE_THEN_LABEL = re.compile(
    r"(?:"
    + _YEAR
    + r"\s*(?:年\s*"
    + _MONTH_NUMBER
    + r"\s*月|[-/.]\s*\d{1,2})|(?<![\d.])"
    + _MONTH_NUMBER
    + r"\s*月)\s*份?\s*(?:制表|制作|制(?!度)|填报|填表|报送|上报|编制|打印|印发)"
)


def _without_dates(text: str) -> tuple[str, list[str]]:
    """`text` with each date that names no period blanked (spaces of the same length, so positions stay), and those
    dates as written."""
    found: list[str] = []

    def blank(m: re.Match[str]) -> str:
        found.append(m.group(0).strip())
        return " " * len(m.group(0))

    for pattern in (_DAY_LABELLED, _DATE_THEN_LABEL, _FULL_DATE, _DAY_OF_MONTH):
        text = pattern.sub(blank, text)
    return text, found


# A year, a separator and a number: `2026.3`, `2026/03`, `2026-3`, `2026.11`.
_SEPARATED = re.compile(_YEAR + r"\s*(?P<sep>[./-])\s*(?P<n>\d{1,2})")


def separated_readings(text: str) -> tuple[str, ...]:
    """The canonical periods a period written as a year, a dot, slash or hyphen, and a number may stand for, quarters
    first, then half-years, then months; () when the whole text is no such period.

    A single digit 1 to 4 after any of the three, or 01 to 04 after a dot or slash, names a quarter as well as a
    month, and 1 or 2 a half-year too: `2026.3`, `2026/3`, `2026-3` are `2026-Q3` or `2026-03`; `2026.1` is also
    October (Excel shows 2026.10 typed into a General cell as 2026.1: docs/decisions.md#periods-typed-as-numbers).
    `2026-03` (ISO: a hyphen and two digits) is only March, and 5 to 12 (`2026/6`, `2026-11`) only the month.

    Race scores are reported by quarter and care figures by half-year (docs/decisions.md#schedule), so such a period
    names no one period: more than one reading is ambiguous, and every reader of a period refuses it rather than
    guess (docs/decisions.md#periods-written-with-a-dot)."""
    m = _SEPARATED.fullmatch(_clean(str(text)))
    if not m:
        return ()
    year, separator, digits = m.group("y"), m.group("sep"), m.group("n")
    n = int(digits)
    if not 1 <= n <= 12:
        return ()
    if separator == "-" and len(digits) == 2:
        return (f"{year}-{n:02d}",)  # ISO 8601's year-month
    found = [f"{year}-Q{n}"] if n <= 4 else []
    found += [f"{year}-H{n}"] if n <= 2 else []
    found += [f"{year}-{n:02d}"]
    found += [f"{year}-10"] if separator == "." and digits == "1" else []
    return tuple(found)


# A title's period-like expressions, in the order they are looked for; a span found is masked, so that
# `2026年7月至9月` is one range, not the month 2026-07, and `2026年度第三季度` one quarter, not the year 2026 too.
_JOIN = r"\s*[-—–~至到]\s*"  # NFKC has made ～ and － these
_JOINING = re.compile(r"\s*(?:[-—–~至到、,和及与]|以及)\s*")  # between two expressions: they are a range or list
_Q = r"(?:第\s*)?[一二三四1-4]"
_M = r"(?:1[0-2]|0?[1-9])"
_OF_YEAR = r"(?:" + _YEAR + r"\s*年度?\s*)?"
_EXPRESSIONS: list[tuple[str, re.Pattern[str]]] = [
    # months a to b: `2026年7-9月`, `2026年7月至9月`, `2026年7月—2026年9月`; `2026.7-2026.9`, `2026.07-09`
    (
        "range",
        re.compile(
            _YEAR
            + r"\s*年\s*(?P<a>"
            + _M
            + r")\s*月?"
            + _JOIN
            + r"(?:(?P<y2>(?:19|20)\d{2})\s*年\s*)?(?P<b>"
            + _M
            + r")\s*月"
        ),
    ),
    (
        "range",
        re.compile(
            _YEAR
            + r"\s*(?P<sep>[./])\s*(?P<a>\d{1,2})"
            + _JOIN
            + r"(?:(?P<y2>(?:19|20)\d{2})\s*(?P=sep)\s*)?(?P<b>\d{1,2})(?![\d.])"
        ),
    ),
    ("joined", re.compile(_YEAR + r"\s*(?:年度?)?" + _JOIN + r"(?:19|20)\d{2}\s*年度?")),  # `2025-2026年度`
    ("joined", re.compile(_OF_YEAR + _Q + r"\s*(?:季度?)?" + _JOIN + _Q + r"\s*季度?")),  # `1-3季度`
    ("joined", re.compile(_OF_YEAR + _Q + r"(?:\s*[、,和及与]\s*" + _Q + r")+\s*季度?")),  # `第一、二季度`
    ("joined", re.compile(_OF_YEAR + r"前\s*[一二三四两1-4]\s*个?\s*季度?")),  # `前三季度`: cumulative
    *_PATTERNS[1:-1],
    ("Y", re.compile(_YEAR + r"\s*年度?")),
    # without a year, which the title's gives: `2026年第二季度和第三季度`, `2026年9月…（第三季度）`, `（7-9月）`
    ("range", re.compile(r"(?<![\d.])(?P<a>" + _M + r")\s*月?" + _JOIN + r"(?P<b>" + _M + r")\s*月")),
    ("Q", re.compile(r"(?<!\d)(?:第\s*)?(?P<n>[一二三四1-4])\s*季度?")),
    ("H", re.compile(r"(?P<n>上|下)\s*半\s*年")),
    ("M", re.compile(r"(?<![\d.])(?P<n>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])\s*月")),
]


@dataclass(frozen=True)
class TitleExpression:
    """One period-like expression of a title: the title row it is in (index into the rows read), as written, the
    canonical periods it may name (several for `2026.3`; none for a range, list or cumulative expression that is
    no one period), and whether it joins periods (such an expression, or one a joining word ties to another:
    `2025年第四季度至2026年第三季度`)."""

    row: int
    written: str
    readings: tuple[str, ...]
    joined: bool = False


@dataclass(frozen=True)
class TitlePeriods:
    """Every period-like expression of a title's rows, in order, and the dates blanked as naming no period, as
    written (`title_periods`)."""

    expressions: tuple[TitleExpression, ...] = ()
    dates: tuple[str, ...] = ()

    @property
    def readings(self) -> tuple[str, ...]:
        """The periods the expressions may name, each once, in order."""
        return tuple(dict.fromkeys(p for e in self.expressions for p in e.readings))

    @property
    def several(self) -> bool:
        """Whether the title names no one period for a reason other than one expression's notation (`2026.3`):
        two distinct periods, or a range, list or cumulative expression."""
        if any(e.joined for e in self.expressions):
            return True
        return len(self.expressions) > 1 and (
            len(self.readings) != 1 or any(len(e.readings) != 1 for e in self.expressions)
        )

    @property
    def period(self) -> str | None:
        """The one period the title names, or None."""
        return self.readings[0] if self.expressions and not self.several and len(self.readings) == 1 else None


def _expression_readings(kind: str, m: re.Match[str], year: str) -> tuple[tuple[str, ...], bool]:
    """(readings, joined) of an expression of `kind` found as `m`, of `year` (its own or the title's)."""
    group = m.re.groupindex
    if kind == "joined":
        return (), True
    if kind == "range":
        a, b = m.group("a"), m.group("b")
        other_year = m.group("y2") if "y2" in group else None
        # `2026.1-2026.3` may be months or quarters: no one period
        clear = "sep" not in group or all(len(separated_readings(f"{year}{m.group('sep')}{n}")) == 1 for n in (a, b))
        part = _MONTH_RANGES.get((int(a), int(b))) if clear and other_year in (None, year) else None
        if part is None:
            return (), True
        return (f"{year}-{part}" if part else year,), False
    if kind == "Y":
        return (year,), False
    if kind == "M" and "y" in group and (dotted := separated_readings(m.group(0).strip())):
        return dotted, False
    n = m.group("n")
    if kind == "Q":
        return (f"{year}-Q{_CN_DIGITS[n]}",), False
    if kind == "H":
        return (f"{year}-H{1 if n in ('上', '1') else 2}",), False
    month = int(n) if n.isdigit() else _CN_MONTHS[n]
    return (f"{year}-{month:02d}",), False


def title_periods(rows: Sequence[str]) -> TitlePeriods:
    """Every period-like expression in a title's rows, after blanking the dates that name no period (a full date,
    an as-of, the day the form was filled: docs/decisions.md#periods-in-titles). A month range that is exactly a
    quarter, half-year or year is that period (`2026年7月至9月`, `2026.07-09` are 2026-Q3); any other range, a list
    or a cumulative expression joins periods (`2026年1-9月`, `2026年第一、二季度`, `2026年前三季度`, `2025-2026年度`),
    and so does a joining word between two expressions of a row (至, -, 、, 和, 及: `2026年上半年及第三季度`). An
    expression without a year (`（第三季度）`, `（7-9月）`) is of the year written before it, else after it; with none
    it names no period. A year with a more specific expression of that year is no second period (`2026年度赛马考评
    得分（第三季度）` is 2026-Q3)."""
    found: list[tuple[int, int, int, str, re.Match[str]]] = []  # row, start, end, kind, match
    dates: list[str] = []
    texts: list[str] = []
    for r, row in enumerate(rows):
        text, blanked = _without_dates(_clean(row))
        dates += blanked
        texts.append(text)
        for kind, pattern in _EXPRESSIONS:
            matches = [m for m in pattern.finditer(text) if m.group(0).strip()]
            found += [(r, m.start(), m.end(), kind, m) for m in matches]
            for m in matches:  # masked: no later pattern reads part of it
                text = text[: m.start()] + "\0" * (m.end() - m.start()) + text[m.end() :]
    found.sort(key=lambda f: (f[0], f[1]))
    own_year = [m.group("y") if "y" in m.re.groupindex else None for *_, m in found]
    read: list[tuple[str, str, TitleExpression, tuple[int, int]]] = []  # (kind, year, expression, (start, end))
    for i, (r, start, end, kind, m) in enumerate(found):
        year = own_year[i] or next((y for y in reversed(own_year[:i]) if y), None)
        year = year or next((y for y in own_year[i + 1 :] if y), None)
        if year is None and kind != "joined":
            continue  # no year in the title: names no period
        readings, joined = _expression_readings(kind, m, year) if year else ((), True)
        read.append((kind, year, TitleExpression(r, m.group(0).strip(), readings, joined), (start, end)))
    specific = {year for kind, year, _, _ in read if kind != "Y"}
    read = [x for x in read if not (x[0] == "Y" and x[1] in specific)]
    expressions = [e for _, _, e, _ in read]
    for k in range(1, len(read)):  # a joining word between two expressions of a row
        (_, _, left, (_, left_end)), (_, _, right, (right_start, _)) = read[k - 1], read[k]
        between = _clean(rows[left.row])[left_end:right_start] if left.row == right.row else None
        if between is not None and _JOINING.fullmatch(between):
            expressions[k - 1] = TitleExpression(left.row, left.written, left.readings, True)
            expressions[k] = TitleExpression(right.row, right.written, right.readings, True)
    return TitlePeriods(tuple(expressions), tuple(dates))


def form(period: str) -> str:
    """'Y', 'H', 'Q' or 'M'."""
    if len(period) == 4:
        return "Y"
    tag = period[5]
    return tag if tag in "HQ" else "M"


def bounds(period: str) -> tuple[dt.date, dt.date]:
    """First and last day of the period, both inclusive."""
    year = int(period[:4])
    kind = form(period)
    if kind == "Y":
        first_month, months = 1, 12
    elif kind == "H":
        first_month, months = (1 if period.endswith("1") else 7), 6
    elif kind == "Q":
        first_month, months = 3 * int(period[-1]) - 2, 3
    else:
        first_month, months = int(period[5:]), 1
    last_month = first_month + months - 1
    return dt.date(year, first_month, 1), dt.date(year, last_month, calendar.monthrange(year, last_month)[1])


def previous(period: str) -> str:
    """The period of the same form just before (2025-Q1 -> 2024-Q4)."""
    year = int(period[:4])
    kind = form(period)
    if kind == "Y":
        return str(year - 1)
    n = int(period[-1]) if kind in "HQ" else int(period[5:])
    if n > 1:
        return f"{year}-{kind}{n - 1}" if kind in "HQ" else f"{year}-{n - 1:02d}"
    last = {"H": 2, "Q": 4, "M": 12}[kind]
    return f"{year - 1}-{kind}{last}" if kind in "HQ" else f"{year - 1}-12"


def following(period: str) -> str:
    """The period of the same form just after (2024-Q4 -> 2025-Q1), as `previous` goes back."""
    year = int(period[:4])
    kind = form(period)
    if kind == "Y":
        return str(year + 1)
    n = int(period[-1]) if kind in "HQ" else int(period[5:])
    last = {"H": 2, "Q": 4, "M": 12}[kind]
    if n < last:
        return f"{year}-{kind}{n + 1}" if kind in "HQ" else f"{year}-{n + 1:02d}"
    return f"{year + 1}-{kind}1" if kind in "HQ" else f"{year + 1}-01"


def previous_stored(period: str, available: list[str]) -> str | None:
    """The period to compare with: the previous one of the same form (2025-Q1 -> 2024-Q4) when stored, else the
    latest stored earlier period of that form, else None."""
    wanted = previous(period)
    if wanted in available:
        return wanted
    earlier = [p for p in available if form(p) == form(period) and bounds(p)[0] < bounds(period)[0]]
    return max(earlier, key=lambda p: bounds(p)[0]) if earlier else None


def year_before(period: str) -> str:
    """The same period a year earlier (同比): 2025-Q2 -> 2024-Q2, 2025-H1 -> 2024-H1, 2025-06 -> 2024-06, 2025 ->
    2024."""
    return f"{int(period[:4]) - 1}{period[4:]}"


def newest_first(stored: Iterable[str]) -> list[str]:
    """Periods by their first day, latest first; of two starting the same day, the longer first (2026-H2 before
    2026-Q3), as the periods' SQL ordering does (queries/race_periods.sql read backwards would not)."""
    return sorted(dict.fromkeys(stored), key=bounds, reverse=True)


def of_year(stored: Iterable[str], year: int | None) -> list[str]:
    """The stored periods of the sidebar's `year` (a canonical period lies in one calendar year), newest first;
    [] for a year with none or no year. The one rule for which periods a page, the briefing and the Overview show
    for a year: a year without data of a kind says so rather than showing another year's."""
    if year is None:
        return []
    return [p for p in newest_first(stored) if int(p[:4]) == int(year)]


def latest_of_year(stored: Iterable[str], year: int | None) -> str | None:
    """The period a year's view shows by default: the newest of `of_year`, None when the year has none."""
    return next(iter(of_year(stored, year)), None)


def default_of_year(units: Mapping[str, int], complete: Iterable[str], year: int | None) -> str | None:
    """The period a year's view opens on, of the stored periods `units` (period -> how many units have values in
    it): the newest of `of_year` that is complete (every county that takes part has sent it,
    queries/race_periods.sql, docs/decisions.md#which-counties-take-part), else the newest of those with the most
    units, never a newer one with fewer. A quarter only one county has sent would otherwise head the overview with a one-county race
    (docs/decisions.md#the-default-period-is-a-complete-one); it stays one choice away, with its incomplete-data
    line. None when the year has no period."""
    in_year = of_year(units, year)
    done = set(complete)
    finished = next((p for p in in_year if p in done), None)
    if finished is not None or not in_year:
        return finished
    most = max(units[p] for p in in_year)
    return next(p for p in in_year if units[p] == most)


def default_of(found, year: int | None) -> str | None:
    """default_of_year of a queries/race_periods or welfare_periods result (columns `period`, `units`,
    `complete`)."""
    return default_of_year(
        dict(zip(found["period"], found["units"].astype(int), strict=True)),
        found.loc[found["complete"], "period"],
        year,
    )


@dataclass(frozen=True)
class Reported:
    """How many units (counties, or a county's townships) have sent a period, of the `expected` that take part
    (docs/decisions.md#which-counties-take-part): the `N/M 个县区已报` beside a period's figures
    (docs/decisions.md#reported-counts)."""

    units: int
    expected: int

    @property
    def complete(self) -> bool:
        return self.units >= self.expected


def reported(found, period: str | None) -> Reported | None:
    """The Reported of `period` in a queries/race_periods or welfare_periods result (columns `period`, `units`,
    `expected`); None for no period or one not stored."""
    row = found[found["period"] == period] if period is not None else found.iloc[0:0]
    if row.empty:
        return None
    return Reported(int(row["units"].iloc[0]), int(row["expected"].iloc[0]))


def earlier(stored: Iterable[str], period: str) -> list[str]:
    """The stored periods that start before `period` does, newest first: what it can be compared with."""
    return [p for p in newest_first(stored) if bounds(p)[0] < bounds(period)[0]]


def contains(period: str, day: dt.date) -> bool:
    start, end = bounds(period)
    return start <= day <= end


def within(period: str, outer: str) -> bool:
    """Whether `period` lies wholly within `outer` (2026-Q3 within 2026-H2 and 2026; a period within itself)."""
    start, end = bounds(outer)
    first, last = bounds(period)
    return start <= first and last <= end


def months(period: str) -> int:
    """Length in months, used to prorate annual targets."""
    return {"Y": 12, "H": 6, "Q": 3, "M": 1}[form(period)]
