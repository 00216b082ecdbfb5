"""Units of measure written in cells, headers and titles, and the exact conversions between them.

A unit typed into a cell (`32000万元`, `3天`, `85%`) is part of the value's meaning: the importer never drops one.
It converts to the unit the catalog (or the column) expects when the conversion is exact, and refuses the cell
otherwise (intake-integrity rule, docs/data-format.md "单位"). Conversions use decimal arithmetic, so `32000万元`
becomes exactly 3.2 亿元, not 3.2000000000000006.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from decimal import Decimal

from incentive.i18n import TranslatedError

# Units a cell may carry after its number, longest first so `万元` wins over `元` and `人次` over `人`.
CELL_UNITS = (
    "千万元",
    "百万元",
    "亿元",
    "万元",
    "千元",
    "元",
    "千万",
    "百万",
    "亿",
    "万",
    "千",
    "学时",
    "课时",
    "小时",
    "人次",
    "万人",
    "天",
    "日",
    "个",
    "件",
    "起",
    "分",
    "人",
    "次",
    "项",
    "户",
    "家",
    "名",
    "场",
    "篇",
    "所",
    "座",
    "批",
    "亩",
    "公顷",
    "公里",
    "吨",
    "%",
    "‰",
)
TRAILING_UNIT = re.compile("(" + "|".join(re.escape(u) for u in CELL_UNITS) + r")$")

# Families whose members convert exactly: unit -> size in the family's base unit.
_FAMILIES: tuple[dict[str, Decimal], ...] = (
    {
        "元": Decimal(1),
        "千元": Decimal(10) ** 3,
        "万元": Decimal(10) ** 4,
        "百万元": Decimal(10) ** 6,
        "千万元": Decimal(10) ** 7,
        "亿元": Decimal(10) ** 8,
    },
    {"%": Decimal("0.01"), "‰": Decimal("0.001")},
    # Training time: 课时 and 小时 are counted as 学时 one for one (docs/decisions.md#units-and-conversions).
    {"学时": Decimal(1), "课时": Decimal(1), "小时": Decimal(1)},
)
# Money units written without 元 (`单位：亿`, `投资额（万）`, `3.5亿`) -> the unit with it. Where the catalog's unit is
# that money unit, they are the same amount and read as it with a note (no number changes); against any other
# unit they are refused, never converted: `亿` alone does not say 元, and a guessed factor of 10,000 is the silently
# wrong number this product must not store (docs/decisions.md#money-units-without-yuan).
BARE_MONEY = {"千": "千元", "万": "万元", "百万": "百万元", "千万": "千万元", "亿": "亿元"}
DAYS = ("天", "日")
HOURS = "学时"
# Training time in minutes (`480分钟`, `90 min`, `480分` after a number of 学时, a `学时（分钟）` header): refused, never
# converted, since one 学时 is 45, 50 or 60 minutes by local rule and the data contract settles none
# (docs/decisions.md#training-time-in-minutes).
MINUTES = ("分钟", "分", "min", "mins", "minute", "minutes")
# Latin signs of an hour (`3 h`): no unit the importer reads (小时 is, one for one with 学时).
LATIN_HOURS = ("h", "hr", "hrs", "hour", "hours")

# Units that count whole things (people, visits, projects, cases): a value of an indicator counted in one of them is
# a whole number, and 3.5 is refused (docs/decisions.md#counts-are-whole-numbers). 万人 is none: 1.5万人 is 15000.
COUNT_UNITS = frozenset(
    [
        "人",
        "人次",
        "次",
        "个",
        "件",
        "起",
        "项",
        "户",
        "家",
        "名",
        "场",
        "篇",
        "所",
        "座",
        "批",
        "例",
        "宗",
        "条",
        "台",
        "辆",
        "套",
        "栋",
        "间",
        "处",
        "位",
    ]
)
# Words in an indicator's name that make it an average or a rate per something (平均, 人均, 户均, 村均, 每万人):
# such a figure in a count unit (人均培训次数 3.5 次) may well be a fraction.
AVERAGE_WORDS = ("均", "每")


def counts_whole(unit: str | None, name: str | None) -> bool:
    """Whether a value of an indicator in `unit` named `name` must be a whole number: the unit counts things
    (COUNT_UNITS) and the name says no average (AVERAGE_WORDS)."""
    return normalize_unit(unit) in COUNT_UNITS and not any(word in (name or "") for word in AVERAGE_WORDS)


class UnitError(TranslatedError):
    """A unit that cannot be converted to the one expected."""


@dataclass(frozen=True)
class Conversion:
    """How a value was changed: from one unit to another by an exact factor (for the preview's notes)."""

    source: str
    target: str
    factor: Decimal

    @property
    def factor_text(self) -> str:
        return format_decimal(self.factor)


@functools.lru_cache(maxsize=4096)  # called for every value of a file, on a few distinct texts
def normalize_unit(text: str | None) -> str:
    """`（万元）`, `单位：万元`, `％` -> `万元` / `%`; "" when nothing is left."""
    if not text:
        return ""
    text = re.sub(r"\s+", "", text).replace("％", "%")
    text = re.sub(r"^[(\[（【]|[)\]）】]$", "", text)
    text = re.sub(r"^(计量)?单位[:：]?", "", text)
    return text.strip()


def is_minutes(unit: str) -> bool:
    """`分钟`, `（min）`, `Minutes`: a unit of minutes (MINUTES), as a header's brackets or a cell write it."""
    return normalize_unit(unit).casefold() in MINUTES


def family_of(unit: str) -> dict[str, Decimal] | None:
    for family in _FAMILIES:
        if unit in family:
            return family
    return None


def money_meant(unit: str) -> str:
    """The money unit a unit without 元 stands for (`亿` -> `亿元`: BARE_MONEY); any other unit as it is."""
    return BARE_MONEY.get(unit, unit)


def same_family(a: str, b: str) -> bool:
    """Whether two units are of one family; a money unit written without 元 is of money's (so that a title's
    `单位：亿` speaks for a 万元 indicator, and is refused there, rather than saying nothing of it)."""
    a, b = money_meant(a), money_meant(b)
    family = family_of(a)
    return family is not None and b in family


def same_size(a: str, b: str) -> bool:
    """Whether two units are one and the same size: equal, one for one in a family (学时, 课时 and 小时), or a money
    unit with and without 元 (亿元 and 亿)."""
    a, b = money_meant(normalize_unit(a)), money_meant(normalize_unit(b))
    family = family_of(a)
    return a == b or (family is not None and b in family and family[a] == family[b])


def reads_as(change: Conversion | None) -> bool:
    """Whether a conversion reads a money unit written without 元 as the catalog's unit with it (亿 as 亿元): the
    same amount, said in a note of its own (`note_unit_read_as`)."""
    return change is not None and change.source in BARE_MONEY


def conversion(source: str, target: str, hours_per_day: float = 0) -> Conversion | None:
    """The exact conversion from `source` to `target`; None when they are the same unit (or no unit is given).

    Raises UnitError when they differ and no exact conversion exists: other families, counts of different things
    (人 and 人次), a money unit without 元 for any unit but the one with it (亿 for 万元: BARE_MONEY), or days for 学时 while no 学时-per-day rule is set (the `hours_per_day` setting, 0 = off)."""
    source, target = normalize_unit(source), normalize_unit(target)
    if not source or not target or source == target:
        return None
    if BARE_MONEY.get(source) == target:  # `亿` for a catalog's 亿元: the same amount (BARE_MONEY)
        return Conversion(source, target, Decimal(1))
    family = family_of(source)
    if family is not None and target in family:
        return Conversion(source, target, family[source] / family[target])
    if source in DAYS and same_family(target, HOURS):
        if not hours_per_day:
            raise UnitError("unit_days_need_rule", unit=("unit", source), target=("unit", target))
        return Conversion(source, target, Decimal(str(hours_per_day)) / family_of(HOURS)[target])
    raise UnitError("unit_mismatch", unit=("unit", source), target=("unit", target))


def apply(value: float, change: Conversion | None) -> float:
    """The value in the target unit, rounded where binary floats would add noise (15 significant digits)."""
    if change is None:
        return value
    converted = Decimal(repr(value)) * change.factor
    return float(f"{converted:.15g}")


def format_decimal(number: Decimal) -> str:
    text = f"{number:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
