"""The kinds of file an office sends (data contract, "File kinds"): columns, aliases, keys, allowed values.

This table is the single source for header recognition, validation, templates and exports. Aliases are compared
with `cell_values.name_key` (width-, case- and whitespace-insensitive); more aliases are welcome.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from incentive.i18n import t
from incentive.intake.cell_values import clean_text, name_key


@dataclass(frozen=True)
class Column:
    name: str
    aliases: tuple[str, ...]
    parse: str  # text | name | code | period | number | date | year (of birth) | appraisal_year | enum
    required: bool = True
    personal: bool = False  # never shown in aggregate views
    choices: str = ""  # enum name in ENUMS, for parse == "enum"
    # A date column of an event that has happened (a training attended, a decision taken): a date after the day of
    # import is refused (docs/decisions.md#future-and-1904-dates). A roster's 统计日期 is not one.
    not_after_today: bool = False
    # A period column of figures reported for a period (race scores, welfare): a period that begins after the day of
    # import has no figures yet and is refused (docs/decisions.md#periods-not-yet-begun). A catalog's 生效起始期 is
    # not one: a version may be entered ahead of the year it takes effect.
    begun_by_today: bool = False


@dataclass(frozen=True)
class FileKind:
    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.required)


# Allowed values: canonical code -> accepted spellings. Stored values are the codes; i18n shows labels.
ENUMS: dict[str, dict[str, tuple[str, ...]]] = {
    "domain": {
        "race": ("赛马", "赛马比拼", "赛马考评", "赛马指标", "考评", "race"),
        "welfare": ("关爱", "关心关爱", "关爱指标", "welfare", "care"),
    },
    "direction": {
        "higher": ("正向", "正向指标", "越高越好", "越大越好", "高优", "higher", "positive", "+"),
        "lower": ("逆向", "逆向指标", "负向", "负向指标", "越低越好", "越小越好", "低优", "lower", "negative", "-"),
    },
    "category": {
        "political": ("政治能力", "政治", "政治理论", "政治能力培训", "political"),
        "professional": ("专业能力", "专业", "专业能力培训", "业务能力", "professional"),
        "innovation": ("创新能力", "创新", "创新能力培训", "innovation"),
        "practice": ("实践锻炼", "实践", "实践锻炼培训", "practice"),
    },
    "mode": {
        "online": ("线上", "网络", "在线", "网络培训", "online"),
        "offline": ("线下", "面授", "现场", "集中面授", "offline"),
    },
    "organized": {
        "collective": ("集体", "集中", "组织调训", "集体培训", "collective"),
        "individual": ("个人", "自学", "个人自学", "individual"),
    },
    "action": {
        "promotion": ("提拔", "提拔任用", "promotion"),
        "rank_promotion": ("晋升职级", "职级晋升", "rank_promotion"),
        "lateral": ("平职调整", "平级调整", "平级交流", "lateral"),
        "transfer": ("转任", "transfer"),
        "demotion": ("降职", "demotion"),  # not 降级, a disciplinary sanction (docs/decisions.md#降级-is-no-降职)
        "dismissal": ("免职", "dismissal"),
        "accountability": ("问责", "accountability"),
        "fault_tolerance": ("容错免责", "容错", "容错纠错", "fault_tolerance"),
    },
    "gender": {"M": ("男", "男性", "M", "male"), "F": ("女", "女性", "F", "female")},
    # 年度考核等次 of the 公务员考核规定; the 事业单位 scale's 合格 / 基本合格 / 不合格 are read as their equals, and
    # the preview says so (a grade read under another name is a value changed: docs/decisions.md#appraisals).
    "grade": {
        "excellent": ("优秀", "优秀等次", "优", "excellent"),
        "competent": ("称职", "称职等次", "合格", "合格等次", "competent"),
        "basic": ("基本称职", "基本称职等次", "基本合格", "基本合格等次", "basic"),
        "incompetent": ("不称职", "不称职等次", "不合格", "不合格等次", "incompetent"),
        "ungraded": ("不定等次", "不确定等次", "未定等次", "不定等", "ungraded"),
    },
}

_ENUM_LOOKUP = {
    enum: {name_key(alias): code for code, aliases in values.items() for alias in (*aliases, code)}
    for enum, values in ENUMS.items()
}


def enum_code(enum: str, value: str) -> str | None:
    return _ENUM_LOOKUP[enum].get(name_key(value))


def labelled(kind: str, frame, lang: str, indicator_names: dict[tuple[str, str | None], str] | None = None):
    """A copy of stored rows for people: headers and allowed values in the user's language (in Chinese each
    column's first spelling, as the templates write it; in English the `field_` and value labels of i18n).

    `indicator_names` ((code, period) -> name, a preview's `indicator_names`): a value row's indicator is shown by
    its name with its code, `重点项目投资完成额（R01）` (English `重点项目投资完成额 (R01)`: names are data and stay as
    the catalog writes them); a code without a name stays the code."""
    spec = KINDS[kind]
    out = frame.drop(
        columns=[
            c for c in ("source_row", "domain") if c in frame.columns and (c == "source_row" or kind in VALUE_KINDS)
        ]
    )
    if indicator_names and kind in VALUE_KINDS and {"indicator", "period"} <= set(out.columns):
        out["indicator"] = [
            _named(code, indicator_names.get((code, period)), lang)
            for code, period in zip(out["indicator"], out["period"], strict=True)
        ]
    names = {}
    for col in spec.columns:
        if col.name in out.columns:
            names[col.name] = column_label(col, lang)
            if col.choices:
                spelling = choice_labels(col, lang)
                out[col.name] = out[col.name].map(lambda v, spelling=spelling: spelling.get(v, v))
    for column in out.columns:  # a catalog's class weights (分类考核): 权重（城区） / Weight (城区)
        if isinstance(column, str) and column.startswith("weight:"):
            peer_class = column.removeprefix("weight:")
            names[column] = f"权重（{peer_class}）" if lang == "zh" else f"Weight ({peer_class})"
    return out.rename(columns=names)


def column_label(column: Column, lang: str) -> str:
    """A column's header for people: in Chinese its first spelling, as the templates write it (职级); in English
    its `field_` label (Rank level)."""
    return column.aliases[0] if lang == "zh" else t(f"field_{column.name}", lang)


def choice_labels(column: Column, lang: str) -> dict[str, str]:
    """An enum column's stored codes -> their labels for people (M -> 男 / Male); {} for a column without choices."""
    if not column.choices:
        return {}
    return {
        code: (aliases[0] if lang == "zh" else t(f"{VALUE_LABELS[column.choices]}{code}", lang))
        for code, aliases in ENUMS[column.choices].items()
    }


def _named(code: str, name: str | None, lang: str) -> str:
    return t("indicator_named", lang, name=name, code=code) if name and name != code else code


# The i18n key prefix of each allowed value's label (a value's key is the prefix and its code).
VALUE_LABELS = {
    "domain": "domain_",
    "direction": "direction_",
    "category": "category_",
    "mode": "mode_",
    "organized": "organized_",
    "action": "action_",
    "gender": "gender_",
    "grade": "grade_",
}


def enum_spellings(enum: str) -> list[str]:
    """The first (Chinese) spelling of each allowed value, for messages and templates."""
    return [aliases[0] for aliases in ENUMS[enum].values()]


_PERIOD = Column(
    "period", ("考核期", "期间", "考核期间", "统计期", "年度", "季度", "period"), "period", begun_by_today=True
)
_COUNTY = Column(
    "county",
    (
        "县区",
        "县(市、区)",
        "县（市、区）",
        "区县",
        "县市区",
        "县(市,区)",
        "县(市、区)名称",
        "县区名称",
        "所在县区",
        "地区",
        "county",
    ),
    "name",
)
_TOWNSHIP = Column(
    "township",
    ("乡镇", "乡镇(街道)", "乡镇（街道）", "街道", "乡镇街道", "乡镇名称", "乡镇(街道)名称", "township"),
    "name",
    required=False,
)
_CADRE = Column("cadre_id", ("干部编号", "人员编号", "干部id", "人员id", "工号", "编号", "cadre_id"), "code")
_VALUES = (
    _PERIOD,
    _COUNTY,
    _TOWNSHIP,
    Column("indicator", ("指标", "指标代码", "指标名称", "考核指标", "indicator"), "text"),
    Column("value", ("数值", "得分", "指标值", "完成值", "分值", "value"), "number", required=False),
)
# A long file's column of units (`计量单位`: 万元 on one row, % on the next), spelled as the catalog's unit column and
# a title's unit note are: each row's unit applies to that row's value as a unit written after the number would
# (docs/decisions.md#a-unit-column-in-a-long-file). Value files only: in a roster or appraisals, 单位 is the cadre's
# workplace.
VALUE_UNIT_COLUMN = ("单位", "计量单位", "unit")

KINDS: dict[str, FileKind] = {
    k.name: k
    for k in (
        FileKind(
            "regions",
            (
                _COUNTY,
                _TOWNSHIP,
                Column("county_code", ("区划代码", "行政区划代码", "县区代码", "county_code"), "code", required=False),
                # 分类考核: the peer class a county (its own row) or a township is compared within (issue 21)
                Column(
                    "peer_class",
                    ("考核类别", "类别", "分类", "县域类别", "分类考核类别", "考核分类", "peer_class"),
                    "text",
                    required=False,
                ),
            ),
            key=("county", "township"),
        ),
        FileKind(
            "indicators",
            (
                Column("code", ("指标代码", "代码", "编码", "code"), "code"),
                Column("name", ("指标名称", "名称", "指标", "name"), "text"),
                Column("domain", ("类别", "指标类别", "领域", "domain"), "enum", choices="domain"),
                Column("track", ("赛道", "track"), "text", required=False),
                Column("unit", ("单位", "计量单位", "unit"), "text", required=False),
                Column("direction", ("方向", "指标方向", "极性", "direction"), "enum", choices="direction"),
                Column("weight", ("权重", "weight"), "number"),
                Column("target", ("目标值", "目标", "target"), "number", required=False),
                # Plausible bounds of a value (docs/data-format.md): a value outside is refused at import.
                Column("min", ("合理下限", "下限", "最小值", "合理最小值", "下限值", "min"), "number", required=False),
                Column("max", ("合理上限", "上限", "最大值", "合理最大值", "上限值", "max"), "number", required=False),
                Column(
                    "effective_from", ("生效起始期", "生效期", "起始期", "effective_from"), "period", required=False
                ),
            ),
            key=("code", "effective_from"),
        ),
        FileKind("race_scores", _VALUES, key=("period", "county", "township", "indicator")),
        FileKind("welfare", _VALUES, key=("period", "county", "township", "indicator")),
        FileKind(
            "roster",
            (
                _CADRE,
                Column("name", ("姓名", "name"), "text", required=False, personal=True),
                _COUNTY,
                Column("unit", ("单位", "乡镇", "工作单位", "所在单位", "unit"), "text"),
                Column("rank", ("职级", "现职级", "职务职级", "职务层次", "rank"), "text"),
                Column("gender", ("性别", "gender"), "enum", choices="gender"),
                Column("birth_year", ("出生年份", "出生年", "出生年月", "出生日期", "birth_year"), "year"),
                Column("as_of", ("统计日期", "截至日期", "as_of"), "date", required=False),
                Column("ethnicity", ("民族", "ethnicity"), "text", required=False, personal=True),
                Column("party", ("政治面貌", "party"), "text", required=False, personal=True),
                Column("education", ("学历", "education"), "text", required=False, personal=True),
            ),
            key=("cadre_id", "as_of"),
        ),
        FileKind(
            "training",
            (
                _CADRE,
                Column(
                    "course",
                    ("培训项目", "班次名称", "培训班次", "培训项目名称", "培训名称", "课程名称", "course"),
                    "text",
                ),
                Column("category", ("培训类别", "类别", "category"), "enum", choices="category"),
                Column("domain", ("培训领域", "领域", "行业领域", "domain"), "text"),
                Column("mode", ("培训方式", "方式", "培训形式", "mode"), "enum", choices="mode"),
                Column("organized", ("组织形式", "组织方式", "organized"), "enum", choices="organized"),
                Column("hours", ("学时", "培训学时", "学时数", "培训时长", "hours"), "number"),
                Column("date", ("培训日期", "日期", "参训日期", "培训时间", "date"), "date", not_after_today=True),
            ),
            key=("cadre_id", "course", "date"),
        ),
        FileKind(
            "movements",
            (
                _CADRE,
                Column("date", ("调整日期", "日期", "调整时间", "任免日期", "date"), "date", not_after_today=True),
                Column("action", ("调整类型", "调整方式", "调整事项", "action"), "enum", choices="action"),
                Column("reason", ("事由", "原因", "reason"), "text", required=False),
            ),
            key=("cadre_id", "date", "action"),
        ),
        FileKind(
            "appraisals",
            (
                _CADRE,
                Column("year", ("年度", "考核年度", "年份", "year"), "appraisal_year"),
                Column("grade", ("考核等次", "年度考核等次", "等次", "考核结果", "grade"), "enum", choices="grade"),
                Column("unit", ("单位", "工作单位", "所在单位", "unit"), "text", required=False),
            ),
            key=("cadre_id", "year"),
        ),
    )
}

# Columns stored per kind, in order; `source_row` is kept for the preview and dropped on insert.
STORED_COLUMNS: dict[str, tuple[str, ...]] = {
    "regions": ("county", "township", "county_code", "peer_class"),
    "indicators": (
        "code",
        "name",
        "domain",
        "track",
        "unit",
        "direction",
        "weight",
        "target",
        "min",
        "max",
        "effective_from",
    ),
    "race_scores": ("domain", "period", "county", "township", "indicator", "value"),
    "welfare": ("domain", "period", "county", "township", "indicator", "value"),
    "roster": (
        "as_of",
        "cadre_id",
        "name",
        "county",
        "unit",
        "rank",
        "gender",
        "birth_year",
        "ethnicity",
        "party",
        "education",
    ),
    "training": ("cadre_id", "course", "category", "domain", "mode", "organized", "hours", "date"),
    "movements": ("cadre_id", "date", "action", "reason"),
    "appraisals": ("cadre_id", "year", "grade", "unit"),
}

VALUE_KINDS = ("race_scores", "welfare")  # both stored in indicator_values, told apart by indicator domain
DOMAIN_OF_KIND = {"race_scores": "race", "welfare": "welfare"}

# Columns a wide file may carry that are not indicators (docs/decisions.md#wide-files); listed in the preview.
WIDE_IGNORED = frozenset(
    name_key(w)
    for w in (
        "序号",
        "编号",
        "总分",
        "合计",
        "总计",
        "综合得分",
        "得分合计",
        "排名",
        "名次",
        "综合排名",
        "备注",
        "说明",
        "区划代码",
        "行政区划代码",
        "县区代码",
        "填报单位",
        "填报人",
    )
)

TOTAL_ROW_WORDS = ("合计", "总计", "平均", "平均值", "均值", "小计")
FOOTNOTE_PREFIXES = ("注", "备注", "说明", "填表", "制表", "审核", "数据来源", "联系人", "填报")
# Brackets a note row may open with: `（填报说明：…）`, `(注：…)`, `【注】…`, full- or half-width.
_NOTE_OPENING_BRACKETS = "(（【[〔"


def is_note_text(text: str) -> bool:
    """Whether a row's one filled cell (`text`, clean_text's) is a note (注：…, 填报说明：…), also written inside
    brackets (`（填报说明：比率请填百分数）`, `【注】`: a tester's finding, the bracketed row was read as data and refused
    for its period, county and indicator). sheet_layout.row_role and bulk_csv judge note rows by it."""
    return text.lstrip(_NOTE_OPENING_BRACKETS + " ").startswith(FOOTNOTE_PREFIXES)


# A catalog column giving an indicator's weight in one peer class (分类考核): `权重（城区）`, `权重(工业强县)`,
# `weight:城区`. Matched before strip_unit, which would read `权重（城区）` as the common 权重; a unit in the brackets
# (`权重（%）`) has no letter and stays the common weight. `城区权重` is not read so: `考核权重` would be a class.
CLASS_WEIGHT = re.compile(r"^(?:权重\s*[(（](?P<a>[^()（）]+)[)）]|weight\s*[:：_]\s*(?P<c>.+))$", re.IGNORECASE)


def class_weight_class(header: str) -> str | None:
    """The peer class a catalog header gives weights for (`权重（城区）` -> 城区), or None for any other header."""
    found = CLASS_WEIGHT.match(clean_text(header))
    name = ((found.group("a") or found.group("c")) if found else "").strip()
    return name if any(ch.isalpha() for ch in name) else None


def match_header(kind: FileKind, header: list[str]) -> dict[int, str]:
    """Cell index -> canonical column; the first cell wins when two cells name the same column (`twin_columns`
    says which others do, and the importer compares them with it)."""
    found: dict[int, str] = {}
    for i, name in _named_columns(kind, header):
        if name not in found.values():
            found[i] = name
    return found


def twin_columns(kind: FileKind, header: list[str]) -> dict[int, int]:
    """Cell index -> the index of the earlier cell naming the same column (学时 and 学时（小时）, 日期 and 培训日期):
    the cells `match_header` leaves out because another took their column first. {} when no two cells share one."""
    first: dict[str, int] = {}
    twins: dict[int, int] = {}
    for i, name in _named_columns(kind, header):
        if name in first:
            twins[i] = first[name]
        else:
            first[name] = i
    return twins


def _named_columns(kind: FileKind, header: list[str]) -> list[tuple[int, str]]:
    """(cell index, canonical column) of every header cell that names one of the kind's columns, in order."""
    lookup: dict[str, str] = {}
    for col in kind.columns:
        for alias in col.aliases:
            lookup.setdefault(name_key(alias), col.name)
    named = []
    for i, text in enumerate(header):
        if kind.name == "indicators" and class_weight_class(text):
            continue  # a class's weight column (class_weight_class), never the common 权重
        name = lookup.get(name_key(text)) or lookup.get(name_key(strip_unit(text)))
        if name:
            named.append((i, name))
    return named


def strip_unit(text: str) -> str:
    """`学时（小时）` -> `学时`: headers often carry their unit in brackets."""
    return re.sub(r"[(\[【].*?[)\]】]$", "", clean_text(text)).strip()
