"""Blank Excel templates, one per kind, with the Chinese headers the importer recognises."""

from __future__ import annotations

import io

import openpyxl
from openpyxl.styles import Font

from incentive.i18n import t
from incentive.intake.file_kinds import ENUMS, KINDS

_EXAMPLES = {
    "regions": ["示例县", "示例镇", "990101"],
    "indicators": ["R01", "重点项目投资完成额", "赛马", "项目建设", "亿元", "正向", 10, "", 0, 500, ""],
    "race_scores": ["2025Q2", "示例县", "", "重点项目投资完成额", 12.5],
    "welfare": ["2025年上半年", "示例县", "", "年度体检完成率", "96%"],
    "roster": [
        "A000001",
        "（姓名）",
        "示例县",
        "示例镇",
        "一级科员",
        "男",
        1988,
        "2025-06-30",
        "汉族",
        "中共党员",
        "大学本科",
    ],
    "training": ["A000001", "2025年乡村振兴专题班", "专业能力", "乡村振兴", "线下", "集体", 16, "2025-06-30"],
    "movements": ["A000001", "2025-06-30", "提拔", "考核优秀"],
    "appraisals": ["A000001", 2025, "称职", "示例镇"],
}


def template_xlsx(kind: str, lang: str = "zh") -> bytes:
    """Just the header row (an example row would end up imported by mistake); an instructions sheet lists every
    column with whether it is required, what it accepts and an example."""
    spec = KINDS[kind]
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = t(f"kind_{kind}", lang)[:31]
    sheet.append([c.aliases[0] for c in spec.columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    notes = book.create_sheet("填表说明")
    notes.append(["列", "必填", "说明", "示例"])
    for c, example in zip(spec.columns, _EXAMPLES[kind], strict=False):
        allowed = "、".join(a[0] for a in ENUMS[c.choices].values()) if c.choices else ""
        hint = t(_COLUMN_HINTS[kind, c.name], lang) if (kind, c.name) in _COLUMN_HINTS else _HINTS.get(c.parse, "")
        notes.append([c.aliases[0], "是" if c.required else "否", allowed or hint, example])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


_COLUMN_HINTS = {("indicators", "min"): "template_hint_min", ("indicators", "max"): "template_hint_max"}

_HINTS = {
    "period": "2025、2025Q2、2025年上半年、2025-06",
    "number": "数字；可带 %；空白、-、无 表示缺失",
    "date": "2025-06-30 或 2025/6/30 或 2025年6月30日",
    "year": "四位年份，如 1988",
    "appraisal_year": "考核年度，如 2025",
}
