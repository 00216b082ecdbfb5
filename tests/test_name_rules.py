"""Security item 7: names with control or invisible characters, or too long, are refused at import, located."""

import pytest

from incentive.intake.cell_parsing import parse_cell
from incentive.intake.cell_values import CellError
from incentive.intake.file_kinds import KINDS
from incentive.intake.ingest import parse_file
from incentive.intake.preview import Reference
from incentive.safe_text import NAME_MAX_CHARS, markdown

SPOOFS = {
    "\u202e": "U+202E",
    "\u200b": "U+200B",
    "\u200f": "U+200F",
    "\u2066": "U+2066",
    "\ufeff": "U+FEFF",
    "\u0085": "U+0085",
    "\x07": "U+0007",
    "\n": "U+000A",
}


@pytest.mark.parametrize("char, shown", SPOOFS.items())
def test_a_county_with_an_invisible_character_is_refused_with_its_location(char, shown):
    preview = parse_file("regions.csv", f'县区,乡镇,区划代码\n云岫县,,1\n"云{char}峤县",,2\n'.encode(), Reference())
    assert not preview.importable
    text = preview.problem_texts("en")[0]
    assert "row 3" in text and "“县区”" in text and shown in text


def test_a_township_and_an_indicator_name_are_checked_on_the_raw_cell():
    towns = parse_file("regions.csv", "县区,乡镇,区划代码\n云岫县,安\u200b坝镇,1\n".encode(), Reference())
    assert not towns.importable and "U+200B" in towns.problem_texts("en")[0]
    catalog = parse_file(
        "i.csv",
        "指标代码,指标名称,类别,赛道,单位,方向,权重\nA,甲\u202e乙,赛马,项目建设,个,正向,3\n".encode(),
        Reference(),
    )
    assert not catalog.importable and "“指标名称”" in catalog.problem_texts("en")[0]


def test_a_name_of_only_zero_width_characters_is_not_taken_for_a_blank():
    preview = parse_file("regions.csv", "县区,乡镇,区划代码\n\u200b\u200b,,1\n".encode(), Reference())
    assert "U+200B" in preview.problem_texts("en")[0]


def test_a_long_name_is_refused_and_the_limit_holds_exactly():
    long = "长" * (NAME_MAX_CHARS + 1)
    preview = parse_file("regions.csv", f"县区,乡镇,区划代码\n{long},,1\n".encode(), Reference())
    assert not preview.importable and f"{NAME_MAX_CHARS + 1} characters" in preview.problem_texts("en")[0]
    fits = parse_file("regions.csv", f"县区,乡镇,区划代码\n{'长' * NAME_MAX_CHARS},,1\n".encode(), Reference())
    assert fits.importable
    crafted = parse_file(
        "i.csv",
        ("指标代码,指标名称,类别,赛道,单位,方向,权重\nA," + "x" * 3000 + ",赛马,项目建设,个,正向,3\n").encode(),
        Reference(),
    )
    assert not crafted.importable  # the 3,000-character name that made the briefing 9 pages


def test_a_cadre_name_is_checked_too():
    column = KINDS["roster"].column("name")
    with pytest.raises(CellError) as refused:
        parse_cell(column, "张\u200d三")
    assert refused.value.key == "name_invisible_char"
    assert parse_cell(column, " 张三 ") == "张三"


def test_other_text_still_has_zero_width_characters_removed_silently():
    preview = parse_file(
        "i.csv",
        "指标代码,指标名称,类别,赛道,单位,方向,权重\nA,甲,赛马,项目\u200b建设,个,正向,3\n".encode(),
        Reference(),
    )
    assert preview.importable and preview.rows["track"].tolist() == ["项目建设"]


def test_markdown_escape_keeps_text_and_kills_links():
    # U+2060 where Streamlit would find a URL or an address in the rendered text (it links them, escaped or not)
    assert markdown("[点此](https://evil.example)") == "\\[点此\\]\\(https\\:\u2060//evil.example\\)"
    assert markdown("www.evil.example") == "www\u2060.evil.example"
    assert markdown("a@b.example") == "a\u2060\\@b.example"
    assert markdown("WWW.x.cn http://x") == "WWW\u2060.x.cn http\\:\u2060//x"
    assert markdown("2025-Q1") == "2025-Q1" and markdown("-3") == "\\-3"


@pytest.mark.parametrize("edge", ["\n", "\r\n", "\t", "\u3000", "\xa0", " \t\n"])
def test_white_space_at_either_end_of_a_name_is_trimmed_and_said(edge):
    """A line break or tab after 云岫县 was refused as U+000A / U+0009, quoting 「云岫县」 (a tester's file,
    2026-12-07): it is trimmed as spaces are, and the note of texts normalized names the change."""
    preview = parse_file(
        "regions.csv", f'县区,乡镇,区划代码\n"云岫县{edge}",,1\n"{edge}云峤县",,2\n'.encode(), Reference()
    )
    assert preview.importable, preview.problem_texts("zh")
    assert preview.rows["county"].tolist() == ["云岫县", "云峤县"]
    said = [n.text("zh") for n in preview.notes]
    assert any("「县区」列 2 个单元格的文字已规范化" in s and "去除首尾空格" in s for s in said), said


@pytest.mark.parametrize(
    ("written", "quoted", "char"),
    [
        ("杉浦\n县", "杉浦⏎县", "U+000A"),
        ("杉浦\t县", "杉浦⟨U+0009⟩县", "U+0009"),
        ("\t杉\u200b浦县\n", "杉⟨U+200B⟩浦县", "U+200B"),
    ],
)
def test_a_control_character_inside_a_name_stays_refused_and_is_quoted_visibly(written, quoted, char):
    """Quoted as as_written would quote it (a space, or nothing for a zero-width one), the refused name looked fine."""
    preview = parse_file("regions.csv", f'县区,乡镇,区划代码\n"{written}",,1\n'.encode(), Reference())
    assert not preview.importable
    assert preview.problem_texts("zh") == [
        f"文件「regions.csv」，第 2 行，「县区」列，值「{quoted}」：名称含不可见字符或控制字符 {char}"
        "（如零宽字符、文字方向控制符），请删除后重新导入。"
    ]
