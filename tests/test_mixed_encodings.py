"""Text files in two encodings are refused naming a line of each, never stored as mojibake; GBK files are not."""

from __future__ import annotations

from conftest import ROOT

from incentive.intake import mixed_encodings
from incentive.intake.ingest import parse_file
from incentive.store.reference import current_reference

HEAD = "干部编号,培训项目,培训类别,培训领域,培训方式,组织形式,学时,培训日期\n"
ROW = "LZ00000{n},{course},专业能力,基层治理,线下,集体,4,2026/07/23\n"


def test_a_gbk_line_in_a_utf8_file_is_refused_naming_both_lines(catalog_db):
    data = (HEAD + ROW.format(n=1, course="基层治理专题班")).encode() + ROW.format(n=2, course="乡村振兴专题班").encode(
        "gb18030"
    )
    preview = parse_file("t.csv", data, current_reference(catalog_db))
    assert preview.problem_texts("en") == [
        "File “t.csv”: The file mixes two text encodings: “干部编号” in line 1 is UTF-8 but line 3 is not (GBK, say); "
        "read either way, part of it would be garbled, so it is not imported. Save the whole file again in one "
        "encoding (UTF-8 or GBK), then import."
    ]


def test_gbk_files_hold_no_utf8_text():
    """Names with GBK's rarer characters (喆, 堃, 珺, 昇, 玥, 赟, 堉) and the sample files read as GBK, not as UTF-8."""
    names = "张喆,李堃,王珺,赵昇,刘玥,陈赟,周堉,孙喆堃,吴珺玥,郑赟昇"
    assert mixed_encodings.utf8_text((HEAD + names + "\n").encode("gb18030")) is None
    for path in sorted((ROOT / "data" / "sample").glob("*.csv")):
        data = path.read_bytes()
        assert mixed_encodings.utf8_text(data) is None or data.isascii() or _is_utf8(data), path.name


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
