"""The bulk path for large record files must give exactly the preview of the per-cell path, or step aside."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pandas as pd
import pytest
from conftest import DATA, ROOT

from incentive.demo import synth
from incentive.intake import bulk_csv, csv_records
from incentive.intake.ingest import parse_file
from incentive.store import batches
from incentive.store.effects import import_effects
from incentive.store.reference import current_reference

TRAINING_HEADER = "干部编号,培训项目,培训类别,培训领域,培训方式,组织形式,学时,培训日期"
TRAINING_ROWS = [
    f"A{i:04d},2025年乡村振兴专题班（第{i % 3 + 1}期）,专业能力,乡村振兴,线下,集体,16,2025/6/{i % 28 + 1}"
    for i in range(1, 41)
]


def _rows(frame: pd.DataFrame) -> list[tuple]:
    plain = frame.astype(object).where(frame.notna(), None)
    return [tuple(row) for row in plain.itertuples(index=False)]


def assert_same_preview(path: Path, reference, **options) -> None:
    bulk = bulk_csv.parse_large_csv(path, reference, **options)
    assert bulk is not None, "the bulk path stepped aside"
    assert_alike(bulk, parse_file(path.name, path.read_bytes(), reference, **options))


def assert_alike(bulk, cell) -> None:
    """The same problems, notes, rows and verdict (`bulk` may also be what parse_path gave for a large file)."""
    for lang in ("zh", "en"):
        assert bulk.problem_texts(lang) == cell.problem_texts(lang)
        assert bulk.problem_lines(lang) == cell.problem_lines(lang)
        assert [n.text(lang) for n in bulk.notes] == [n.text(lang) for n in cell.notes]
    assert (bulk.kind, bulk.encoding, bulk.header_row, bulk.sha256, bulk.fatal, bulk.importable) == (
        cell.kind,
        cell.encoding,
        cell.header_row,
        cell.sha256,
        cell.fatal,
        cell.importable,
    )
    assert bulk.rejected_rows == cell.rejected_rows
    if cell.rows is None:
        assert bulk.rows is None
    else:
        assert list(bulk.rows.columns) == list(cell.rows.columns)
        assert _rows(bulk.rows) == _rows(cell.rows)


def _write(tmp_path: Path, text: str, name: str = "training.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


@pytest.fixture
def reference(catalog_db):
    return current_reference(catalog_db)


@pytest.mark.slow
def test_sample_training_in_gbk_reads_the_same(reference):
    assert_same_preview(ROOT / "data" / "sample" / "07_培训记录_2026.csv", reference)


@pytest.mark.parametrize("name", ["roster_title.csv", "movements.csv"])
def test_small_contract_files_read_the_same(name, reference):
    assert_same_preview(DATA / name, reference)


@pytest.mark.slow
def test_a_synthetic_province_reads_the_same(tmp_path):
    from incentive.store.database import Database

    files = synth.generate(tmp_path / "p", synth.province(3, 12, 300, 4000, 200))
    db = Database(tmp_path / "p.duckdb")
    for path in files[:2]:
        batches.import_preview(
            db, parse_file(path.name, path.read_bytes(), current_reference(db)), source="cli", created_by="t"
        )
    for path in files:
        if path.suffix == ".csv" and path.name[:2] in ("06", "07"):
            assert_same_preview(path, current_reference(db))
    db.close()


def test_problems_and_non_data_rows_are_reported_alike(tmp_path, reference):
    rows = list(TRAINING_ROWS)
    rows[3] = "A0004,班,政治,党的理论,线上,集体,两小时,2025-13-01"  # bad category, hours, date
    rows[7] = rows[6]  # duplicate key
    rows[9] = ",班,政治能力,党的理论,线上,集体,2,2025/6/1"  # missing cadre id
    rows[12] = "A0013,班,政治能力,党的理论,线 上,集体,８学时,2025年6月3日"  # width, unit, Chinese date
    text = (
        "\n".join(
            [
                "2025年培训记录（虚构）",
                "",
                TRAINING_HEADER,
                ",,,,,,学时,",
                *rows,
                "合计,,,,,,999,",
                "注：数据截至6月底。",
            ]
        )
        + "\n"
    )
    path = _write(tmp_path, text)
    assert_same_preview(path, reference)
    assert_same_preview(path, reference, skip_invalid=True)
    preview = bulk_csv.parse_large_csv(path, reference)
    assert preview.problems and not preview.importable


def test_notes_of_texts_normalized_name_their_first_row_alike(tmp_path, reference):
    """An id written full-width (`Ａ0005`) is stored normalized and said, with the count and the row of the first
    one, by both paths (lines above the header counted)."""
    rows = list(TRAINING_ROWS)
    rows[4] = "Ａ" + rows[4][1:]  # line 8
    rows[9] = "Ａ" + rows[9][1:]
    path = _write(tmp_path, "2025年培训记录（虚构）\n\n" + TRAINING_HEADER + "\n" + "\n".join(rows) + "\n")
    assert_same_preview(path, reference)
    notes = bulk_csv.parse_large_csv(path, reference).notes
    note = next(n for n in notes if n.key == "note_text_normalized" and n.params["column"] == "干部编号")
    assert (note.params["n"], note.params["row"]) == (2, 8)
    assert "如第 8 行「Ａ0005」→「A0005」" in note.text("zh")
    assert "e.g. row 8: “Ａ0005” → “A0005”" in note.text("en")


def test_hours_at_and_beyond_their_bounds_are_judged_alike(tmp_path, reference):
    """The bulk path finds the candidates in SQL (NaN above every bound there, a blank nowhere) and judges them as
    the per-cell path does: the same rows flagged, the ones written with a unit quoted as written."""
    hours = ["0", "-1", "0.01", "200", "200.5", "5000", "5000学时", "nan", "inf", "-inf", "1e400", "", "三", "16学时"]
    rows = [row.split(",") for row in TRAINING_ROWS]
    for i, written in enumerate(hours):
        rows[2 * i + 1][6] = written
    text = TRAINING_HEADER + "\n" + "\n".join(",".join(r) for r in rows) + "\n"
    path = _write(tmp_path, text)
    assert_same_preview(path, reference)
    assert_same_preview(path, reference, skip_invalid=True)
    assert any(p.key == "implausible_hours" for p in bulk_csv.parse_large_csv(path, reference).problems)


def test_hours_out_of_bounds_are_quoted_as_written_alike(tmp_path, reference):
    """A refusal quotes the cell as written: `1,234` (grouped) and `+500` were quoted as the stored 1234 and 500 (a
    fresh tester's finding), while `５０００` was quoted as written; both paths alike."""
    rows = [row.split(",") for row in TRAINING_ROWS]
    rows[2][6], rows[4][6], rows[6][6], rows[8][6] = '"1,234"', "５０００", "+500", "300"
    path = _write(tmp_path, TRAINING_HEADER + "\n" + "\n".join(",".join(r) for r in rows) + "\n")
    assert_same_preview(path, reference)
    problems = bulk_csv.parse_large_csv(path, reference).problems
    assert [(p.row, p.value) for p in problems] == [(4, "1,234"), (6, "５０００"), (8, "+500"), (10, "300")]
    assert (
        problems[0]
        .text("zh", "training.csv")
        .startswith("文件「training.csv」，第 4 行，「学时」列，值「1,234」：超出合理范围")
    )


def test_hours_written_in_e_notation_are_refused_alike(tmp_path, reference):
    """`1.6E+01` is what Excel writes to a CSV for a number it shows so: refused on both paths
    (docs/decisions.md#numbers-written-in-e-notation), never read as 16."""
    rows = [row.split(",") for row in TRAINING_ROWS]
    rows[2][6], rows[4][6] = "1.6E+01", "2.5e1"
    path = _write(tmp_path, TRAINING_HEADER + "\n" + "\n".join(",".join(r) for r in rows) + "\n")
    assert_same_preview(path, reference)
    assert_same_preview(path, reference, skip_invalid=True)
    problems = bulk_csv.parse_large_csv(path, reference).problems
    assert [(p.row, p.value, p.key) for p in problems] == [
        (4, "1.6E+01", "number_e_notation"),
        (6, "2.5e1", "number_e_notation"),
    ]


def test_a_row_with_a_bad_cell_and_hours_beyond_bounds_is_judged_alike(tmp_path, reference):
    """The bounds' candidates come from every parsed row, also those a bad cell already rejects when skipping: the
    same problems as the per-cell path, which judges bounds only on the rows it keeps."""
    rows = [row.split(",") for row in TRAINING_ROWS]
    rows[3][6], rows[3][7] = "5000", "2025/13/40"  # a bad date
    rows[5][6], rows[5][0] = "nan", ""  # no cadre
    rows[7][6], rows[7][4] = "5000学时", "飞行"  # a mode no one knows
    path = _write(tmp_path, TRAINING_HEADER + "\n" + "\n".join(",".join(r) for r in rows) + "\n")
    assert_same_preview(path, reference)
    assert_same_preview(path, reference, skip_invalid=True)


@pytest.mark.slow
def test_rows_of_one_key_are_judged_alike_and_conflicting_ones_all_rejected(tmp_path, reference):
    """One record written twice keeps its first row; one record given twice with other hours keeps neither."""
    rows = list(TRAINING_ROWS)
    rows[5] = rows[4]  # lines 6 and 7: the same record twice
    rows[9] = rows[8].replace(",16,", ",8,")  # lines 10 and 11: one key, 16 and 8 hours
    rows[20] = rows[19].replace(",16,", ",12,")  # lines 21, 22 and 23: one key, 16, 12 and 16 hours
    rows[21] = rows[19]
    path = _write(tmp_path, TRAINING_HEADER + "\n" + "\n".join(rows) + "\n")
    assert_same_preview(path, reference)
    assert_same_preview(path, reference, skip_invalid=True)
    preview = bulk_csv.parse_large_csv(path, reference, skip_invalid=True)
    assert preview.rejected_rows == {7, 10, 11, 21, 22, 23}
    assert len(preview.rows) == len(rows) - 6
    assert preview.problem_texts("en")[1] == (
        "File “training.csv”, row 10: duplicates row 11 (A0009 / 2025年乡村振兴专题班(第1期) / 2025-06-10), but "
        "“学时” differs: “8” in row 11, “16” here. Check which is right and delete the other row."
    )


def test_a_roster_with_short_and_unknown_county_names(tmp_path, reference):
    text = (
        "干部编号,姓名,县区,单位,职级,性别,出生年份\n"
        + "\n".join(
            f"B{i:03d},名{i},{['云岫', '云峤县', '无此县', '澄溪县'][i % 4]},安坝镇,一级科员,男,1980" for i in range(20)
        )
        + "\n"
    )
    path = _write(tmp_path, text, "roster.csv")
    assert_same_preview(path, reference, as_of="2025-06-30")
    assert_same_preview(path, reference)  # no date anywhere: refused the same way


@pytest.mark.slow
def test_random_damage_is_judged_the_same(tmp_path, reference):
    """Cells replaced by the awkward values real files carry; both paths must agree on every file."""
    awkward = [
        "",
        " ",
        "-",
        "无",
        "N/A",
        "８",
        "16学时",
        "1,200",
        "2025年6月30日",
        "2025.6.30",
        "45838",
        "20250630",
        "线 上",
        "集体 ",
        "政治",
        "合计",
        "注：见说明",
        "=1+1",
        "2025-02-30",
        "A0001",
        "%",
        "學時",
    ]
    rng = random.Random(20261126)
    for n in range(25):
        rows = [row.split(",") for row in TRAINING_ROWS]
        for _ in range(rng.randint(1, 8)):
            rows[rng.randrange(len(rows))][rng.randrange(8)] = rng.choice(awkward)
        text = TRAINING_HEADER + "\n" + "\n".join(",".join(r) for r in rows) + "\n"
        path = _write(tmp_path, text, f"damaged_{n}.csv", rng.choice(["utf-8", "gb18030"]))
        assert_same_preview(path, reference)
        assert_same_preview(path, reference, skip_invalid=True)


def test_a_problem_on_many_rows_is_one_line_on_both_paths(tmp_path, reference):
    """The same refusal on 38 of 40 rows (a 培训方式 no list allows) is one line naming the first three rows and the
    count, the other problem its own line, alike on the bulk and the per-cell path (the CLI printed one line a row:
    a tester's review of 2026-12-07)."""
    rows = [row.replace(",线下,", ",飞行,") for row in TRAINING_ROWS]
    rows[5] = rows[5].replace(",飞行,", ",线下,").replace(",16,", ",-3,")
    rows[9] = rows[9].replace(",飞行,", ",线上,")
    path = _write(tmp_path, TRAINING_HEADER + "\n" + "\n".join(rows) + "\n")
    assert_same_preview(path, reference)
    lines = bulk_csv.parse_large_csv(path, reference).problem_lines("zh")
    assert len(lines) == 2
    assert lines[0].startswith("文件「training.csv」，第 2、3、4…行等共 38 行，「培训方式」列，值「飞行」：")
    assert lines[1].startswith("文件「training.csv」，第 7 行，「学时」列，值「-3」：")


def test_numbers_written_in_full_width_digits_are_said_alike_by_both_paths(tmp_path, reference):
    """「１６」 and 「８」 read as 16 and 8 with no note, where a name's cleanup is noted (a tester's finding of
    2026-12-07): one note, with the column, the count and the first row, on both paths."""
    rows = [row.split(",") for row in TRAINING_ROWS]
    rows[2][6] = "１６"  # line 4
    rows[7][6] = "８"
    path = _write(tmp_path, TRAINING_HEADER + "\n" + "\n".join(",".join(r) for r in rows) + "\n")
    assert_same_preview(path, reference)
    preview = bulk_csv.parse_large_csv(path, reference)
    assert [n.text("zh") for n in preview.notes if n.key == "note_number_full_width"] == [
        "「学时」列 2 个数值单元格含全角字符（如全角数字），按半角读入，如第 4 行「１６」→「16」。"
    ]
    assert "Column “学时”: 2 number cells written with full-width characters" in preview.notes[-1].text("en")
    assert preview.rows["hours"].tolist()[2] == 16 and preview.rows["hours"].tolist()[7] == 8


def test_dates_written_in_full_width_digits_are_said_alike_by_both_paths(tmp_path, reference):
    """A 培训日期 「２０２５/６/４」 was read as 2025-06-04 with no note while the same row's 学时 「１６」 had one (a
    tester's finding of 2026-12-07, docs/decisions.md#full-width-dates): one note per column on both paths."""
    rows = [row.split(",") for row in TRAINING_ROWS]
    rows[2][6], rows[2][7] = "１６", "２０２５/６/４"  # line 4
    rows[9][7] = "２０２５/６/１１"
    path = _write(tmp_path, TRAINING_HEADER + "\n" + "\n".join(",".join(r) for r in rows) + "\n")
    assert_same_preview(path, reference)
    preview = bulk_csv.parse_large_csv(path, reference)
    assert [n.text("zh") for n in preview.notes if n.key == "note_cell_full_width"] == [
        "「培训日期」列 2 个单元格含全角字符（如全角数字），按半角读入，如第 4 行「２０２５/６/４」→「2025/6/4」。"
    ]
    assert [n.text("en") for n in preview.notes if n.key == "note_cell_full_width"] == [
        "Column “培训日期”: 2 cells written with full-width characters (such as full-width digits) read as half-width, "
        "e.g. row 4: “２０２５/６/４” → “2025/6/4”."
    ]
    assert [n.key for n in preview.notes].count("note_number_full_width") == 1
    assert preview.rows["date"].tolist()[2] == dt.date(2025, 6, 4)


def test_birth_years_written_in_full_width_digits_are_said_alike_by_both_paths(tmp_path, reference):
    """A roster's 出生年份 「１９８８」 or 「１９８８年」 was read as 1988 with no note (a tester's roster of 2026-12-07,
    docs/decisions.md#full-width-dates): one note for the column, counting both, on both paths."""
    years = {4: "１９８８", 11: "１９８８年"}
    text = (
        "干部编号,姓名,县区,单位,职级,性别,出生年份,统计日期\n"
        + "\n".join(f"B{i:03d},名{i},云岫县,安坝镇,一级科员,男,{years.get(i, 1980)},2025/12/31" for i in range(30))
        + "\n"
    )
    path = _write(tmp_path, text, "roster.csv")
    assert_same_preview(path, reference)
    preview = bulk_csv.parse_large_csv(path, reference)
    assert [n.text("zh") for n in preview.notes] == [
        "「出生年份」列 2 个单元格含全角字符（如全角数字），按半角读入，如第 6 行「１９８８」→「1988」。"
    ]
    assert preview.rows["birth_year"].tolist()[4] == preview.rows["birth_year"].tolist()[11] == 1988


def test_a_text_normalized_in_its_spaces_shows_them_and_says_what_changed(tmp_path, reference):
    """Two spaces folded to one: 「**班**  [链]」→「**班** [链]」 read the same on a page, which collapses white
    space (a tester's review of 2026-12-07). The example shows each space as ␣ and says what changed; on both
    paths alike."""
    rows = [row.split(",") for row in TRAINING_ROWS]
    for row in rows:
        row[1] = "**班**  [链](x)"
    rows[4][1] = " **班** [链](x)"  # another change, counted in the same note
    path = _write(tmp_path, TRAINING_HEADER + "\n" + "\n".join(",".join(r) for r in rows) + "\n")
    assert_same_preview(path, reference)
    said = [n.text(lang) for n in bulk_csv.parse_large_csv(path, reference).notes for lang in ("zh", "en")]
    assert said[:2] == [
        "「培训项目」列 40 个单元格的文字已规范化（全角转半角，去除换行、多余空格和不可见字符），"
        "如第 2 行「**班**␣␣[链](x)」→「**班**␣[链](x)」（连续空格合为一个；␣ 表示空格）。",
        "Column “培训项目”: 40 cells normalized (full-width to half-width, line breaks, extra spaces and invisible "
        "characters removed), e.g. row 2: “**班**␣␣[链](x)” → “**班**␣[链](x)” (runs of spaces made one space; ␣ marks a "
        "space).",
    ]


def test_notes_of_several_columns_are_counted_column_by_column(tmp_path, reference):
    """Texts normalized and serial dates in three columns of one file: each note counts its own column's rows (the
    bulk path counts every column in one scan; the grades' words are counted word by word in
    test_appraisal_grades_under_other_names_read_the_same)."""
    rows = [row.split(",") for row in TRAINING_ROWS]
    rows[3][0], rows[8][0] = "Ａ0004", "Ａ0009"  # a full-width letter
    rows[6][7] = "45838"
    rows[11][7] = "45839"
    path = _write(tmp_path, TRAINING_HEADER + "\n" + "\n".join(",".join(r) for r in rows) + "\n")
    assert_same_preview(path, reference)
    notes = bulk_csv.parse_large_csv(path, reference).notes
    assert [(n.key, n.params["column"], n.params["n"], n.params["example"]) for n in notes] == [
        ("note_text_normalized", "培训项目", 40, "2025年乡村振兴专题班（第2期）"),  # full-width brackets, every row
        ("note_text_normalized", "干部编号", 2, "Ａ0004"),
        ("note_date_serial", "培训日期", 2, "45838"),
    ]


@pytest.mark.parametrize(
    "text, encoding",
    [
        (TRAINING_HEADER + "\n" + TRAINING_ROWS[0] + "\n\n" + TRAINING_ROWS[1] + "\n", "utf-8"),  # a blank line
        (
            TRAINING_HEADER + "\n" + TRAINING_ROWS[0] + '\nA9,"两行\n的班",专业能力,乡村振兴,线下,集体,16,2025/6/3\n',
            "utf-8",
        ),
        (
            TRAINING_HEADER + "\n" + TRAINING_ROWS[0] + ",多余\n",
            "utf-8",
        ),  # a ragged row is read as the cell path reads it
        (TRAINING_HEADER + "\n" + TRAINING_ROWS[0] + "\n", "utf-16"),
    ],
)
def test_files_it_cannot_read_line_for_line_go_to_the_cell_path(tmp_path, reference, text, encoding):
    path = _write(tmp_path, text, encoding=encoding)
    bulk = bulk_csv.parse_large_csv(path, reference)
    if bulk is not None:  # DuckDB read it: then it must agree
        assert_same_preview(path, reference)
    preview = bulk_csv.parse_path(path, reference)
    expected = parse_file(path.name, path.read_bytes(), reference)
    assert preview.problem_texts("zh") == expected.problem_texts("zh") and len(preview.rows) == len(expected.rows)


def _mixed_training(rows: int, utf8_row: int) -> bytes:
    """A GBK training file whose line `utf8_row` has a course name pasted in UTF-8 (`专业能力提升`, which GB18030
    decodes without an error as 涓撲笟鑳藉姏鎻愬崌)."""
    lines = [TRAINING_HEADER.encode("gb18030")]
    for i in range(1, rows + 1):
        line = TRAINING_ROWS[i % len(TRAINING_ROWS)].replace("A", f"B{i:06d}", 1)
        if i + 1 == utf8_row:
            course = line.split(",")[1]
            line_bytes = line.encode("gb18030").replace(course.encode("gb18030"), "专业能力提升".encode())
        else:
            line_bytes = line.encode("gb18030")
        lines.append(line_bytes)
    return b"\n".join(lines) + b"\n"


MIXED_MESSAGE = (
    "文件「training.csv」：文件混用了两种文字编码：第 {row} 行的「专业能力提升」是 UTF-8 编码，而第 1 行不是（如 GBK），"
    "按哪一种读取都会有乱码，不予导入；请把整个文件用同一种编码（UTF-8 或 GBK）重新保存后再导入。"
)


def test_a_utf8_line_in_a_gbk_file_is_refused_on_both_paths(tmp_path, reference, monkeypatch):
    """Beyond the head the bulk path judges the encoding on, the UTF-8 line makes it step aside, and the cell path
    refuses the file naming the line (docs/decisions.md#text-files-in-two-encodings): never stored as mojibake."""
    rows = 24_000  # more than csv_records.HEAD_BYTES of text before the UTF-8 line
    path = tmp_path / "training.csv"
    path.write_bytes(_mixed_training(rows, utf8_row=rows))
    assert path.stat().st_size > csv_records.HEAD_BYTES
    assert bulk_csv.parse_large_csv(path, reference) is None
    monkeypatch.setenv("INCENTIVE_BULK_MIN_MB", "0")
    preview = bulk_csv.parse_path(path, reference)
    assert preview.problem_texts("zh") == [MIXED_MESSAGE.format(row=rows)]
    assert not preview.importable
    small = _write(tmp_path, "")
    small.write_bytes(_mixed_training(8, utf8_row=3))
    assert parse_file(small.name, small.read_bytes(), reference).problem_texts("zh") == [MIXED_MESSAGE.format(row=3)]


def test_other_kinds_and_small_files_take_the_cell_path(tmp_path, reference, monkeypatch):
    assert bulk_csv.parse_large_csv(DATA / "race_long.csv", reference) is None
    path = _write(tmp_path, TRAINING_HEADER + "\n" + "\n".join(TRAINING_ROWS) + "\n")
    monkeypatch.setenv("INCENTIVE_BULK_MIN_MB", "0")
    taken = []
    monkeypatch.setattr(bulk_csv, "parse_large_csv", lambda *a, **k: taken.append(a) or None)
    bulk_csv.parse_path(path, reference)
    assert taken
    monkeypatch.setenv("INCENTIVE_BULK_MIN_MB", "8")
    taken.clear()
    bulk_csv.parse_path(path, reference)
    assert not taken


def test_a_bulk_import_stores_its_rows_as_parsed(tmp_path, catalog_db):
    """A first load is current whole, read from the stored records (several records of a cadre in one month,
    both modes): the monthly sums equal the parsed rows'."""
    kinds = ["政治能力,党的理论,线上,集体", "专业能力,乡村振兴,线下,个人", "政治能力,党的理论,线上,集体"]
    rows = [f"B{i % 7:03d},班{i},{kinds[i % 3]},{i % 5 + 0.5},2025/{i % 4 + 1}/{i % 28 + 1}" for i in range(1, 90)]
    path = _write(tmp_path, TRAINING_HEADER + "\n" + "\n".join(rows) + "\n")
    preview = bulk_csv.parse_large_csv(path, current_reference(catalog_db))
    assert preview.staged is not None
    batches.import_preview(catalog_db, preview, source="cli", created_by="test")
    monthly = catalog_db.fetch_df(
        "SELECT cadre_id, date_trunc('month', date) AS month, sum(hours) AS hours, count(*) AS records "
        "FROM current_training GROUP BY ALL ORDER BY ALL"
    )
    parsed = preview.rows.assign(month=lambda f: pd.to_datetime(f["date"]).dt.to_period("M").dt.to_timestamp())
    expected = parsed.groupby(["cadre_id", "month"], as_index=False).agg(
        hours=("hours", "sum"), records=("hours", "size")
    )
    assert len(monthly) < len(rows) and monthly["records"].sum() == len(rows)
    assert monthly["hours"].tolist() == pytest.approx(expected["hours"].tolist())
    assert monthly["records"].tolist() == expected["records"].tolist()
    assert catalog_db.fetch_all("SELECT count(*) FROM training_partial") == [(0,)]


def test_a_bulk_preview_imports_like_any_other(tmp_path, catalog_db):
    path = _write(tmp_path, TRAINING_HEADER + "\n" + "\n".join(TRAINING_ROWS) + "\n")
    preview = bulk_csv.parse_large_csv(path, current_reference(catalog_db))
    effects = import_effects(catalog_db, preview)
    assert effects.new == len(TRAINING_ROWS)
    batch = batches.import_preview(catalog_db, preview, source="cli", created_by="test")
    assert catalog_db.fetch_all("SELECT count(*), sum(hours) FROM current_training") == [(40, 640.0)]
    batches.rollback(catalog_db, batch)
    assert catalog_db.fetch_all("SELECT count(*) FROM current_training") == [(0,)]
    assert preview.frame is None and preview.staged is not None, "the rows were read into memory after all"


def test_skipped_rows_leave_the_staged_rows_and_the_rest_import(tmp_path, catalog_db):
    """A bad date (a cell problem, judged in DuckDB) and hours beyond the bound (a whole-row check, judged after
    staging): with skip-invalid both lines leave the rows, and the import reads the rest from disk."""
    rows = list(TRAINING_ROWS)
    rows[4] = rows[4].replace("2025/6/", "2025/13/")  # line 6
    rows[9] = rows[9].replace(",16,", ",5000,")  # line 11
    path = _write(tmp_path, TRAINING_HEADER + "\n" + "\n".join(rows) + "\n")
    reference = current_reference(catalog_db)
    assert_same_preview(path, reference, skip_invalid=True)
    preview = bulk_csv.parse_large_csv(path, reference, skip_invalid=True)
    assert preview.rejected_rows == {6, 11} and preview.importable
    assert (preview.row_count, preview.data_rows) == (38, 38)
    assert preview.head(3)["source_row"].tolist() == [2, 3, 4]
    batches.import_preview(catalog_db, preview, source="cli", created_by="test")
    assert catalog_db.fetch_all("SELECT count(*), sum(hours) FROM current_training") == [(38, 608.0)]
    assert preview.frame is None


def test_the_row_cap_applies(tmp_path, reference, monkeypatch):
    monkeypatch.setattr(bulk_csv.sheets, "MAX_ROWS", 10)
    path = _write(tmp_path, TRAINING_HEADER + "\n" + "\n".join(TRAINING_ROWS) + "\n")
    preview = bulk_csv.parse_large_csv(path, reference)
    assert preview.fatal and "行" in preview.problem_texts("zh")[0]


def test_a_large_upload_takes_the_bulk_path_with_its_own_name(tmp_path, reference, monkeypatch):
    data = (TRAINING_HEADER + "\n" + "\n".join(TRAINING_ROWS) + "\n").encode("gb18030")
    monkeypatch.setenv("INCENTIVE_BULK_MIN_MB", "0")
    taken = []
    real = bulk_csv.parse_large_csv
    monkeypatch.setattr(bulk_csv, "parse_large_csv", lambda *a, **k: taken.append(a[0].name) or real(*a, **k))
    preview = bulk_csv.parse_upload("培训记录.csv", data, reference)
    expected = parse_file("培训记录.csv", data, reference)
    assert taken == ["培训记录.csv"] and preview.file_name == "培训记录.csv" and preview.encoding == "gb18030"
    assert _rows(preview.rows) == _rows(expected.rows) and preview.sha256 == expected.sha256


def test_appraisal_grades_under_other_names_read_the_same(tmp_path, reference):
    """Grades written on the 事业单位 scale (合格), shortened (优) or with 等次 are read alike and said alike; a
    bad year and an unknown grade are refused alike; both skipping modes."""
    words = ["优秀", "称职", "合格", "基本合格", " 称职 ", "不定等次", "优", "不合格等次", "称职等次"]
    lines = ["序号,干部编号,姓名,单位,年度,考核等次"]
    lines += [f"{i},A{i % 900:04d},某某,示例镇,{2021 + i // 900}年度,{words[i % len(words)]}" for i in range(1, 2701)]
    lines[40] = "40,A0040,某某,示例镇,2090,良好"
    path = _write(tmp_path, "\r\n".join(lines) + "\r\n", "appraisals.csv", "gbk")
    assert_same_preview(path, reference)
    assert_same_preview(path, reference, skip_invalid=True)
    preview = parse_file(path.name, path.read_bytes(), reference, skip_invalid=True)
    assert preview.kind == "appraisals" and len(preview.rows) == 2699
    said = [n.text("zh") for n in preview.notes]
    assert "列「考核等次」的「合格」按「称职」读入（第 3 行起，共 300 个）。" in said
    assert (
        "列「考核等次」的「 称职 」按「称职」读入（第 5 行起，共 299 个）。" in said
    )  # spaces: no other note says them
    assert not [s for s in said if "的「称职」" in s or "的「称职等次」" in s or "的「优秀」" in s]


def _with(row: str, hours: str | None = None, date: str | None = None) -> str:
    """A training row with its 学时 and / or 培训日期 (the last two cells) written otherwise."""
    *head, old_hours, old_date = row.split(",")
    return ",".join([*head, hours or old_hours, date or old_date])


def test_dates_from_serials_and_hours_in_minutes_are_said_alike(tmp_path, reference):
    """Serial dates (46206 → 2026-07-03) are noted with their count and first row by both paths; a compact date
    (20250630) is not; hours in minutes or `3 h` are refused with the same sentence
    (docs/decisions.md#excel-serial-dates, docs/decisions.md#training-time-in-minutes)."""
    rows = list(TRAINING_ROWS)
    rows[1] = _with(rows[1], date="20250630")
    rows[4] = _with(rows[4], date="46206")  # line 6: the first serial
    rows[9] = _with(rows[9], date=" 46207.0")
    rows[15] = _with(rows[15], date="46206")
    rows[20] = _with(rows[20], hours="480分钟")
    rows[21] = _with(rows[21], hours="3 h")
    rows[22] = _with(rows[22], hours="90 min", date="46210")  # a serial in a refused row is still read and said
    path = _write(tmp_path, TRAINING_HEADER + "\n" + "\n".join(rows) + "\n")
    assert_same_preview(path, reference)
    assert_same_preview(path, reference, skip_invalid=True)
    preview = bulk_csv.parse_large_csv(path, reference, skip_invalid=True)
    assert [n.text("zh") for n in preview.notes][1:] == [
        "「培训日期」列 4 个单元格为 Excel 日期序号，已按日期读取，如第 6 行「46206」→ 2026-07-03。",
        "跳过无效行：拒绝 3 行。",
    ]
    assert [(p.row, p.key) for p in preview.problems] == [
        (22, "hours_in_minutes"),
        (23, "hours_unit_not_read"),
        (24, "hours_in_minutes"),
    ]
    dates = dict(zip(preview.rows["source_row"], preview.rows["date"], strict=True))
    assert [dates[line] for line in (3, 6, 11, 17)] == [
        dt.date(2025, 6, 30),
        dt.date(2026, 7, 3),
        dt.date(2026, 7, 4),
        dt.date(2026, 7, 3),
    ]


def test_a_roster_with_serials_in_its_dates_and_birth_years_reads_the_same(tmp_path, reference):
    text = (
        "干部编号,姓名,县区,单位,职级,性别,出生年份,统计日期\n"
        + "\n".join(
            f"B{i:03d},名{i},云岫县,安坝镇,一级科员,男,{32000 if i % 7 == 3 else 1980},{46022 if i % 5 == 2 else '2025/12/31'}"
            for i in range(30)
        )
        + "\n"
    )
    path = _write(tmp_path, text, "roster.csv")
    assert_same_preview(path, reference)
    said = [n.text("en") for n in bulk_csv.parse_large_csv(path, reference).notes]
    assert said == [  # in the order of their first rows, as the per-cell path meets them
        "Column “统计日期”: 6 cells holding Excel serial numbers read as dates, e.g. row 4: “46022” → 2025-12-31.",
        "Column “出生年份”: 4 cells holding Excel serial numbers read as dates, e.g. row 5: “32000” → 1987-08-11.",
    ]


def test_dates_after_today_and_beyond_2099_are_refused_alike(tmp_path, reference):
    """A 培训日期 after the day of import (2099-03-01, tomorrow, a serial for 2099) is refused by both paths with the
    same sentence at the same line; a serial beyond 2099-12-31 is no date, as 2100-01-01 typed is not
    (docs/decisions.md#future-and-1904-dates)."""
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    rows = list(TRAINING_ROWS)
    rows[2] = _with(rows[2], date="2099-03-01")  # line 4
    rows[5] = _with(rows[5], date=f"{tomorrow:%Y/%m/%d}")  # line 7
    rows[8] = _with(rows[8], date="73000")  # line 10: 2099-11-11 as a serial
    rows[11] = _with(rows[11], date="73051")  # line 13: 2100-01-01 as a serial
    rows[12] = _with(rows[12], date="2100-01-01")  # line 14
    rows[13] = _with(rows[13], date=dt.date.today().isoformat())  # line 15: today is accepted
    path = _write(tmp_path, TRAINING_HEADER + "\n" + "\n".join(rows) + "\n")
    assert_same_preview(path, reference)
    assert_same_preview(path, reference, skip_invalid=True)
    preview = bulk_csv.parse_large_csv(path, reference)
    assert [(p.row, p.key) for p in preview.problems] == [
        (4, "date_after_today"),
        (7, "date_after_today"),
        (10, "date_after_today"),
        (13, "not_a_date"),
        (14, "not_a_date"),
    ]
    assert f"日期 2099-11-11 晚于今天（{dt.date.today().isoformat()}）" in preview.problem_texts("zh")[2]


@pytest.mark.parametrize("title", ["单位：分钟", "单位：min", "单位：天", "单位：小时"])
def test_a_title_unit_for_the_hours_is_left_to_the_per_cell_path(title, reference, tmp_path, monkeypatch):
    """A title's unit note speaks for 学时 (minutes refused, days by rule, hours noted): the bulk path steps aside
    and the preview is the per-cell one, never 90 学时 read past the title."""
    path = _write(tmp_path, f"{title}\n{TRAINING_HEADER}\n" + "\n".join(TRAINING_ROWS) + "\n")
    assert bulk_csv.parse_large_csv(path, reference) is None
    monkeypatch.setenv("INCENTIVE_BULK_MIN_MB", "0")
    via_path = bulk_csv.parse_path(path, reference)
    cell = parse_file(path.name, path.read_bytes(), reference)
    assert via_path.problem_texts("zh") == cell.problem_texts("zh")
    assert [n.text("zh") for n in via_path.notes] == [n.text("zh") for n in cell.notes]
    if "小时" in title:
        assert not cell.problems and any(n.key == "note_unit_counted" for n in cell.notes)
    else:
        assert len(cell.problems) == len(TRAINING_ROWS)


@pytest.mark.parametrize("title", ["单位：学时", "单位：万元"])
def test_a_title_unit_that_changes_no_hours_reads_the_same(title, reference, tmp_path):
    path = _write(tmp_path, f"{title}\n{TRAINING_HEADER}\n" + "\n".join(TRAINING_ROWS) + "\n")
    assert_same_preview(path, reference)


@pytest.mark.parametrize("unit", ["分钟", "min"])
def test_a_unit_row_in_minutes_is_left_to_the_per_cell_path(unit, reference, tmp_path):
    path = _write(tmp_path, f"{TRAINING_HEADER}\n,,,,,,{unit},\n" + "\n".join(TRAINING_ROWS) + "\n")
    assert bulk_csv.parse_large_csv(path, reference) is None
    cell = parse_file(path.name, path.read_bytes(), reference)
    assert {p.key for p in cell.problems} == {"hours_in_minutes"} and len(cell.problems) == len(TRAINING_ROWS)


def test_two_columns_for_one_field_are_left_to_the_per_cell_path(reference, tmp_path, monkeypatch):
    """学时 twice (学时, 学时（小时）): the cell path compares them row by row; the bulk path steps aside, so a large
    file is judged the same way, never read from the first column alone."""
    rows = [row + "," + ("16" if i else "61") for i, row in enumerate(TRAINING_ROWS)]
    path = _write(tmp_path, f"{TRAINING_HEADER},学时（小时）\n" + "\n".join(rows) + "\n")
    assert bulk_csv.parse_large_csv(path, reference) is None
    monkeypatch.setenv("INCENTIVE_BULK_MIN_MB", "0")
    via_path = bulk_csv.parse_path(path, reference)
    assert [(p.key, p.row) for p in via_path.problems] == [("twin_columns_differ", 2)]


def test_indicator_code_and_name_columns_are_checked_alike_in_a_large_file(catalog_db, tmp_path, monkeypatch):
    """A large long file of scores with 指标代码 and 指标名称: the bulk path steps aside (it reads record files only),
    so a large file is judged as a small one, its code and name checked on every row (decisions: Indicator code
    and name columns); a row naming two indicators is refused, never read from the code alone."""
    reference = current_reference(catalog_db)
    monkeypatch.setenv("INCENTIVE_BULK_MIN_MB", "0")
    counties = ["云岫县", "云峤县", "澄溪县", "枫岚区"]
    named = [("R01", "招商引资额"), ("R02", "安全生产事故起数"), ("R03", "企业诉求办结率")]
    rows = [
        f"{year}Q{q},{county},{code},{name},{n % 9 + 1}"
        for n, (year, q, county, (code, name)) in enumerate(
            (year, q, county, pair)
            for year in (2023, 2024, 2025)
            for q in (1, 2, 3, 4)
            for county in counties
            for pair in named
        )
    ]
    for disagree, expected in ((False, []), (True, [("indicator_columns_differ", 7)])):
        lines = list(rows)
        if disagree:
            lines[5] = lines[5].replace("企业诉求办结率", "招商引资额")
        path = _write(tmp_path, "考核期,县区,指标代码,指标名称,数值\n" + "\n".join(lines) + "\n", "race.csv")
        assert bulk_csv.parse_large_csv(path, reference) is None
        via_path = bulk_csv.parse_path(path, reference)
        cell = parse_file(path.name, path.read_bytes(), reference)
        assert [(p.key, p.row) for p in via_path.problems] == expected
        for lang in ("zh", "en"):
            assert via_path.problem_texts(lang) == cell.problem_texts(lang)
            assert [n.text(lang) for n in via_path.notes] == [n.text(lang) for n in cell.notes]
        assert (via_path.kind, via_path.importable) == (cell.kind, cell.importable) == ("race_scores", not disagree)
        assert _rows(via_path.rows) == _rows(cell.rows)
        assert any(n.key == "note_indicator_columns_same" for n in cell.notes) is not disagree


@pytest.mark.slow
def test_hours_grouped_by_dots_in_a_semicolon_file_are_refused_alike(tmp_path, reference):
    """A semicolon CSV (Excel set to a European locale) groups thousands with dots and writes a decimal comma:
    `1.480` and `1,480` there may be 1480 or 1.48, and the bulk path refuses them as the per-cell path does, at the
    same line, with the same sentence; `1.5`, `95.25` and `1.4801` read (docs/decisions.md#semicolon-csv-numbers).
    A comma file reads them as before."""
    rows = list(TRAINING_ROWS)
    rows[2] = _with(rows[2], hours="1.480")  # line 4
    rows[5] = _with(rows[5], hours="1.5")
    rows[6] = _with(rows[6], hours="95.25")
    rows[8] = _with(rows[8], hours="1.4801")
    rows[10] = _with(rows[10], hours="12.000学时")  # line 12
    rows[12] = _with(rows[12], hours="1.480.000")  # line 14
    rows[14] = _with(rows[14], hours="{comma}")  # line 16: 1,480, a decimal comma there or comma thousands
    rows[16] = _with(rows[16], hours="{decimal}")  # line 18: 1,5, a decimal comma
    text = TRAINING_HEADER + "\n" + "\n".join(rows) + "\n"
    path = _write(tmp_path, text.replace(",", ";").replace("{comma}", "1,480").replace("{decimal}", "1,5"))
    assert_same_preview(path, reference)
    assert_same_preview(path, reference, skip_invalid=True)
    preview = bulk_csv.parse_large_csv(path, reference, skip_invalid=True)
    assert [(p.row, p.key, p.value) for p in preview.problems] == [
        (4, "dot_thousands_ambiguous", "1.480"),
        (12, "dot_thousands_ambiguous", "12.000学时"),
        (14, "dot_thousands", "1.480.000"),
        (16, "comma_decimal_ambiguous", "1,480"),
        (18, "comma_decimal", "1,5"),
    ]
    hours = dict(zip(preview.rows["source_row"], preview.rows["hours"], strict=True))
    assert [hours[line] for line in (7, 8, 10)] == [1.5, 95.25, 1.4801]
    comma = _write(tmp_path, text.replace("{comma}", '"1,480"').replace("{decimal}", "2"), "comma.csv")
    assert_same_preview(comma, reference)
    preview = bulk_csv.parse_large_csv(comma, reference)
    assert [(p.row, p.key) for p in preview.problems] == [(14, "not_a_number"), (16, "implausible_hours")]
    hours = dict(zip(preview.rows["source_row"], preview.rows["hours"], strict=True))
    assert [hours[line] for line in (4, 12, 16)] == [1.48, 12.0, 1480.0]


def test_cells_written_as_excel_text_formulas_read_the_same(tmp_path, reference):
    """`="LZ000001"` (Excel's idiom to keep a text) is read as its text by both paths, with the same note per
    column; any other formula stays refused alike (decisions: Text kept by a formula in a CSV)."""
    rows = [row.split(",") for row in TRAINING_ROWS]
    for i in range(0, 40, 3):
        rows[i][0] = f'="{rows[i][0]}"'
    rows[4][6] = '="16"'
    rows[5][7] = '="2025-06-06"'
    rows[6][4] = '="线下"'
    rows[7][0] = "=A1+1"
    rows[8][0] = '="A"&"0009"'
    rows[9][6] = '=""'
    text = "\n".join(
        ["2025年培训记录", TRAINING_HEADER, ',,,,,,="学时",', *(",".join(r) for r in rows), '="合计",,,,,,99,']
    )
    path = _write(tmp_path, text + "\n")
    assert_same_preview(path, reference)
    assert_same_preview(path, reference, skip_invalid=True)
    preview = bulk_csv.parse_large_csv(path, reference)
    assert preview.rows["cadre_id"].tolist()[:4] == ["A0001", "A0002", "A0003", "A0004"]
    assert [
        (n.params["column"], n.params["n"], n.params["row"]) for n in preview.notes if n.key == "note_text_formula"
    ] == [
        ("干部编号", 14, 4),
        ("培训方式", 1, 10),
        ("学时", 2, 8),
        ("培训日期", 1, 9),
    ]
    assert [(p.key, p.row) for p in preview.problems] == [
        ("formula_without_value", 11),
        ("formula_without_value", 12),
        ("required", 13),  # `=""`: a blank
    ]


def test_a_large_scores_file_refuses_a_fractional_count_on_the_path_the_cli_takes(tmp_path, reference, monkeypatch):
    """Scores and welfare files always take the per-cell path, large or not: a count's 3.5 is refused there too."""
    monkeypatch.setenv("INCENTIVE_BULK_MIN_MB", "0")
    rows = [f"2025Q2,{county},,R02,{n}" for county, n in (("云岫县", "3.5"), ("云峤县", "3"))]
    path = _write(tmp_path, "考核期,县区,乡镇,指标,数值\n" + "\n".join(rows) + "\n", "race.csv")
    assert bulk_csv.parse_large_csv(path, reference) is None
    preview = bulk_csv.parse_path(path, reference)
    assert [(p.key, p.row, p.value) for p in preview.problems] == [("count_not_whole", 2, "3.5")]


@pytest.mark.slow
def test_random_text_formulas_are_judged_the_same(tmp_path, reference):
    """Cells written `="…"` anywhere, among other awkward values: both paths read and report them alike."""
    awkward = ['="A0001"', '="16"', '=""', '="2025/6/1"', '="A"&"1"', "=1+1", '="线 上"', '="８"', '="合计"', "无", ""]
    rng = random.Random(20261207)
    noted = 0
    for n in range(15):
        rows = [row.split(",") for row in TRAINING_ROWS]
        for _ in range(rng.randint(1, 10)):
            rows[rng.randrange(len(rows))][rng.randrange(8)] = rng.choice(awkward)
        text = TRAINING_HEADER + "\n" + "\n".join(",".join(r) for r in rows) + "\n"
        path = _write(tmp_path, text, f"formulas_{n}.csv", rng.choice(["utf-8", "gb18030"]))
        assert_same_preview(path, reference)
        assert_same_preview(path, reference, skip_invalid=True)
        noted += any(note.key == "note_text_formula" for note in bulk_csv.parse_large_csv(path, reference).notes)
    assert noted > 10


def test_footnote_marks_are_refused_alike(tmp_path, reference):
    """`4①` 学时 (41 before), an id `A000①` and a date `2025/6/1②` are refused by both paths, quoted as written
    (docs/decisions.md#footnote-marks-in-cells); full-width digits read as before."""
    rows = list(TRAINING_ROWS)
    rows[1] = _with(rows[1], hours="4①")  # line 3
    rows[3] = "A000④" + rows[3][5:]  # line 5
    rows[5] = _with(rows[5], date="2025/6/1②")  # line 7
    rows[7] = _with(rows[7], hours="１６")
    path = _write(tmp_path, TRAINING_HEADER + "\n" + "\n".join(rows) + "\n")
    assert_same_preview(path, reference)
    assert_same_preview(path, reference, skip_invalid=True)
    preview = bulk_csv.parse_large_csv(path, reference)
    assert [(p.row, p.key, p.value) for p in preview.problems] == [
        (3, "footnote_mark", "4①"),
        (5, "footnote_mark", "A000④"),
        (7, "footnote_mark", "2025/6/1②"),
    ]


def test_refused_cells_are_quoted_as_written_alike(tmp_path, reference):
    """Full-width cells refused (学时 `８ｘ`, a date `２０２５／１３／１`) are quoted as typed by both paths, not as
    the half-width text they normalize to."""
    rows = list(TRAINING_ROWS)
    rows[1] = _with(rows[1], hours="８ｘ")  # line 3
    rows[3] = _with(rows[3], date="２０２５／１３／１")  # line 5
    path = _write(tmp_path, TRAINING_HEADER + "\n" + "\n".join(rows) + "\n")
    assert_same_preview(path, reference)
    assert_same_preview(path, reference, skip_invalid=True)
    preview = bulk_csv.parse_large_csv(path, reference)
    assert [(p.row, p.key, p.value) for p in preview.problems] == [
        (3, "not_a_number", "８ｘ"),
        (5, "not_a_date", "２０２５／１３／１"),
    ]


def test_an_unknown_county_is_quoted_as_written_alike(tmp_path, reference):
    """A county no region bears is quoted as the clerk typed it (`枫 岚 区Ｘ`), not as the `枫岚区X` it was matched
    as, by both paths."""
    text = (
        "干部编号,姓名,县区,单位,职级,性别,出生年份,统计日期\n"
        "LZ1,张,云岫县,安坝镇,一级科员,男,1990,2025-12-31\n"
        "LZ2,李,枫 岚 区Ｘ,安坝镇,一级科员,男,1991,2025-12-31\n"
    )
    path = _write(tmp_path, text, "roster.csv")
    assert_same_preview(path, reference)
    assert_same_preview(path, reference, skip_invalid=True)
    preview = bulk_csv.parse_large_csv(path, reference)
    assert [(p.row, p.key, p.value) for p in preview.problems] == [(3, "unknown_county", "枫 岚 区Ｘ")]


def test_a_blank_birth_year_of_a_repeated_cadre_is_named_alike(tmp_path, reference):
    """A repeated cadre whose 出生年份 is blank once crashed both paths (NA compared with 1991): both name the rows
    and the year that differs."""
    text = (
        "干部编号,姓名,县区,单位,职级,性别,出生年份,统计日期\n"
        "LZ900007,张七,云岫县,安坝镇,一级科员,男,,2026-11-30\n"
        "LZ900007,张七,云岫县,安坝镇,一级科员,男,1991,2026-11-30\n"
    )
    path = _write(tmp_path, text, "roster.csv")
    assert_same_preview(path, reference)
    preview = bulk_csv.parse_large_csv(path, reference)
    assert [(p.row, p.key) for p in preview.problems] == [
        (2, "required"),
        (2, "duplicate_key_differs"),
        (3, "duplicate_key_differs"),
    ]


@pytest.mark.slow
def test_refused_ids_make_up_no_duplicate_on_either_path(tmp_path, reference):
    """Two training rows whose id is a formula are refused for it alone by both paths: no duplicate made up of a
    key that is not there (the per-cell path named one with `nan`, the bulk one without the id)."""
    rows = [row.split(",") for row in TRAINING_ROWS]
    rows[3][0] = rows[4][0] = "=A1+1"
    rows[4][1:] = rows[3][1:]
    path = _write(tmp_path, TRAINING_HEADER + "\n" + "\n".join(",".join(r) for r in rows) + "\n")
    assert_same_preview(path, reference)
    assert_same_preview(path, reference, skip_invalid=True)
    preview = bulk_csv.parse_large_csv(path, reference)
    assert [(p.row, p.key) for p in preview.problems] == [(5, "formula_without_value"), (6, "formula_without_value")]


def test_a_differing_duplicate_is_named_by_the_files_header_and_as_written_alike(tmp_path, reference):
    """Both paths name the column that differs by the file's header (培训学时, not 学时 / Hours) and quote a refused
    cell as written (`十六`), not as the blank it was stored as."""
    rows = list(TRAINING_ROWS)
    rows[4] = _with(rows[3], hours="十六")  # line 6 repeats line 5's key
    path = _write(tmp_path, TRAINING_HEADER.replace("学时", "培训学时") + "\n" + "\n".join(rows) + "\n")
    assert_same_preview(path, reference)
    preview = bulk_csv.parse_large_csv(path, reference)
    assert [(p.row, p.key) for p in preview.problems] == [
        (5, "duplicate_key_differs"),
        (6, "not_a_number"),
        (6, "duplicate_key_differs"),
    ]
    assert "但「培训学时」不同：第 5 行为「16」，本行为「十六」" in preview.problem_texts("zh")[2]
    assert "but “培训学时” differs: “十六” in row 6, “16” here" in preview.problem_texts("en")[0]


def test_a_roster_duplicate_quotes_its_cells_as_written_alike(tmp_path, reference):
    """A birth year written 1990年 and １９９１ is quoted so by both paths (as the clerk finds it in the file)."""
    text = (
        "干部编号,姓名,县区,单位,职级,性别,出生年份,统计日期\n"
        "LZ1,张,云岫县,安坝镇,一级科员,男,1990年,2025-12-31\n"
        "LZ1,张,云岫县,安坝镇,一级科员,男,１９９１,2025/12/31\n"
    )
    path = _write(tmp_path, text, "roster.csv")
    assert_same_preview(path, reference)
    texts = bulk_csv.parse_large_csv(path, reference).problem_texts("en")
    assert "“出生年份” differs: “1990年” in row 2, “１９９１” here." in texts[1]


# ------------------------------------------------------------------ a quote left open


def _noted(rows: list[str]) -> str:
    return TRAINING_HEADER + ",备注\n" + "\n".join(row + "," for row in rows) + "\n"


def _quote_files() -> dict[str, str]:
    open_to_end = list(TRAINING_ROWS)
    open_to_end[30] += ',"补录'
    closed_later = list(TRAINING_ROWS)
    closed_later[5] += ',"补录'
    closed_later[9] += ',"复核"'
    return {
        "open_to_end": _noted(open_to_end).replace(',"补录,', ',"补录'),
        "closed_later": _noted(closed_later).replace(',"补录,', ',"补录').replace(',"复核",', ',"复核"'),
    }


@pytest.mark.parametrize("name", ["open_to_end", "closed_later"])
def test_a_quote_left_open_is_refused_alike_by_both_paths(name, tmp_path, reference, monkeypatch):
    """The bulk path steps aside (DuckDB's records do not match the lines), so a large file gets the per-cell
    refusal, naming the row of the quote, never the records before it alone."""
    path = _write(tmp_path, _quote_files()[name])
    monkeypatch.setenv("INCENTIVE_BULK_MIN_MB", "0")
    if bulk_csv.parse_large_csv(path, reference) is not None:
        assert_same_preview(path, reference)
    via_path = bulk_csv.parse_path(path, reference)
    assert_alike(via_path, parse_file(path.name, path.read_bytes(), reference))
    row = 32 if name == "open_to_end" else 7
    assert [(p.key, p.params["row"], p.params["column"]) for p in via_path.problems] == [
        ("file_csv_quote_open", row, 9)
    ]
    assert via_path.rows is None and not via_path.importable


def test_a_quote_left_open_past_the_head_is_refused(tmp_path, reference, monkeypatch):
    """The head the bulk path reads first (1 MB) is sound; the quote opens after it."""
    rows = [row.replace("A00", f"B{i:05d}") for i in range(700) for row in TRAINING_ROWS[:40]]
    rows[-5] += ',"补录'
    text = _noted(rows).replace(',"补录,', ',"补录')
    assert text.encode().find('"补录'.encode()) > csv_records.HEAD_BYTES
    path = _write(tmp_path, text)
    monkeypatch.setenv("INCENTIVE_BULK_MIN_MB", "0")
    assert bulk_csv.parse_large_csv(path, reference) is None
    via_path = bulk_csv.parse_path(path, reference)
    assert [(p.key, p.params) for p in via_path.problems] == [
        ("file_csv_quote_open", {"row": len(rows) - 3, "column": 9, "lines": 4})
    ]


def test_a_note_quoted_over_two_lines_imports_alike_by_both_paths(tmp_path, reference, monkeypatch):
    rows = list(TRAINING_ROWS)
    rows[5] += ',"补录，\n见6月台账"'
    path = _write(tmp_path, _noted(rows).replace('台账",', '台账"'))
    monkeypatch.setenv("INCENTIVE_BULK_MIN_MB", "0")
    if bulk_csv.parse_large_csv(path, reference) is not None:
        assert_same_preview(path, reference)
    via_path = bulk_csv.parse_path(path, reference)
    assert_alike(via_path, parse_file(path.name, path.read_bytes(), reference))
    assert via_path.importable and not via_path.problems and len(via_path.rows) == len(TRAINING_ROWS)


def test_allowed_values_in_other_spellings_are_said_alike(tmp_path, reference):
    """网络 read as 线上, 政治 as 政治能力, 自学 as 个人: both paths say each word once per column, with its first row
    and count; the standard word and the code itself (offline) are not said."""
    rows = [row.split(",") for row in TRAINING_ROWS]
    for i in range(2, 40, 5):
        rows[i][4] = "网络"
    for i in (5, 6):
        rows[i][2], rows[i][5] = "政治", "自学"
    rows[9][4] = "offline"
    path = _write(tmp_path, TRAINING_HEADER + "\n" + "\n".join(",".join(r) for r in rows) + "\n", encoding="gbk")
    assert_same_preview(path, reference)
    preview = bulk_csv.parse_large_csv(path, reference)
    assert [n.text("zh") for n in preview.notes if n.key == "note_value_read_as"] == [
        "列「培训方式」的「网络」按「线上」读入（第 4 行起，共 8 个）。",
        "列「培训类别」的「政治」按「政治能力」读入（第 7 行起，共 2 个）。",
        "列「组织形式」的「自学」按「个人」读入（第 7 行起，共 2 个）。",
    ]
    assert preview.rows["mode"].tolist()[2:4] == ["online", "offline"]


def test_ids_written_with_excels_text_apostrophe_read_the_same(tmp_path, reference):
    """`'A0001` (Excel's apostrophe keeping a text) in the id column is read as A0001 by both paths, with one note;
    an apostrophe in a text column (a course name) is the text's own and stays."""
    rows = [row.split(",") for row in TRAINING_ROWS]
    for i in range(3, 40, 4):
        rows[i][0] = "'" + rows[i][0]
    rows[5][1] = "'新时代'专题班"
    rows[6][0] = "＇A0007"  # full-width, as an input method types it
    path = _write(tmp_path, TRAINING_HEADER + "\n" + "\n".join(",".join(r) for r in rows) + "\n")
    assert_same_preview(path, reference)
    assert_same_preview(path, reference, skip_invalid=True)
    preview = bulk_csv.parse_large_csv(path, reference)
    assert preview.rows["cadre_id"].tolist()[3:8] == ["A0004", "A0005", "A0006", "A0007", "A0008"]
    assert preview.rows["course"].tolist()[5] == "'新时代'专题班"
    said = [n.text("zh") for n in preview.notes if n.key == "note_text_apostrophe"]
    assert said == [
        "「干部编号」列 11 个单元格以撇号 ' 开头（Excel 为保留前导零等原样文字的写法），已去掉撇号读取，"
        "如第 5 行「'A0004」→「A0004」。"
    ]


def test_a_period_and_as_of_date_a_record_file_does_not_read_are_said_alike(tmp_path, reference):
    path = _write(tmp_path, TRAINING_HEADER + "\n" + "\n".join(TRAINING_ROWS) + "\n")
    assert_same_preview(path, reference, period="2025Q2", as_of="2025-06-30")
    said = [n.key for n in bulk_csv.parse_large_csv(path, reference, period="2025Q2", as_of="2025-06-30").notes]
    assert said[:2] == ["note_period_given_unused", "note_as_of_given_unused"]


@pytest.mark.parametrize("period", ["2026/3", "2026-1", "abc"])
def test_a_period_entered_that_is_refused_is_refused_alike(tmp_path, reference, monkeypatch, period):
    """`2026/3` and `2026-1` name no one period (docs/decisions.md#periods-written-with-a-dot): refused on both paths
    before the file is read. The bulk path had named the file's kind and header in a preview the cell path leaves
    without them."""
    monkeypatch.setenv("INCENTIVE_BULK_MIN_MB", "0")
    path = _write(tmp_path, TRAINING_HEADER + "\n" + "\n".join(TRAINING_ROWS) + "\n")
    assert bulk_csv.parse_large_csv(path, reference, period=period) is None
    refused = bulk_csv.parse_path(path, reference, period=period)
    assert_alike(refused, parse_file(path.name, path.read_bytes(), reference, period=period))
    assert [p.key for p in refused.problems] == [
        "period_given_invalid" if period == "abc" else "period_given_ambiguous"
    ]


def test_a_rosters_as_of_date_given_is_checked_alike_or_left_to_the_per_cell_path(tmp_path, reference):
    """Against the title: refused alike, or said alike. Beside a 统计日期 column (blanks take it, written dates
    must be it: ingest's AsOfColumn), the bulk path steps aside."""
    rows = [f"A{i:04d},某某,云岫县,安坝镇,一级科员,男,1988" for i in range(1, 41)]
    head = "干部编号,姓名,县区,单位,职级,性别,出生年份"
    titled = _write(tmp_path, "\n".join(["花名册（截至2025年6月30日）", head, *rows]) + "\n", "roster.csv")
    for as_of in ("2025-06-30", "2025-12-31"):
        assert_same_preview(titled, reference, as_of=as_of)
    assert bulk_csv.parse_large_csv(titled, reference, as_of="2025-12-31").fatal
    dated = _write(tmp_path, "\n".join([head + ",统计日期", *(r + ",2025-06-30" for r in rows)]) + "\n", "dated.csv")
    assert_same_preview(dated, reference)
    assert bulk_csv.parse_large_csv(dated, reference, as_of="2025-06-30") is None


def _blanked(lines: list[str], column: int) -> str:
    """The CSV of `lines` (header first) with every data cell of `column` left empty."""
    rows = [line.split(",") for line in lines]
    for row in rows[1:]:
        row[column] = ""
    return "\n".join(",".join(row) for row in rows) + "\n"


_ROSTER = ["干部编号,姓名,县区,单位,职级,性别,出生年份,统计日期"] + [
    f"A{i:04d},某某,云岫县,安坝镇,一级科员,男,1988,2025-06-30" for i in range(1, 41)
]
_APPRAISALS = ["序号,干部编号,姓名,单位,年度,考核等次"] + [f"{i},A{i:04d},某某,示例镇,2024,称职" for i in range(1, 41)]
_MOVEMENTS = ["干部编号,调整日期,调整类型,事由"] + [
    f"A{i:04d},2025-06-{i % 28 + 1:02d},提拔,考核优秀" for i in range(1, 41)
]


@pytest.mark.parametrize(
    ("lines", "column"),
    [
        (_ROSTER, 7),  # 统计日期: a date column, read by SQL's date readers
        (_ROSTER, 6),  # 出生年份: a year
        (_ROSTER, 4),  # 职级: text
        ([TRAINING_HEADER, *TRAINING_ROWS], 7),  # 培训日期
        ([TRAINING_HEADER, *TRAINING_ROWS], 6),  # 学时: a number
        ([TRAINING_HEADER, *TRAINING_ROWS], 2),  # 培训类别: an allowed value
        (_APPRAISALS, 4),  # 年度
        (_APPRAISALS, 5),  # 考核等次
        (_MOVEMENTS, 1),  # 调整日期
        (_MOVEMENTS, 3),  # 事由: optional text
    ],
)
@pytest.mark.parametrize("encoding", ["utf-8", "gbk"])
def test_a_wholly_blank_column_is_judged_alike(lines, column, encoding, tmp_path, reference):
    """A column whose every cell is empty (of each kind the bulk path reads) was typed INTEGER by DuckDB in the table of its texts, and the date
    readers' try_strptime refused it with a BinderException: a tester's GBK roster of 30,000 rows with an empty
    统计日期 column and no date stated elsewhere crashed the Data page and the CLI (2026-12-07)."""
    path = _write(tmp_path, _blanked(lines, column), "blank.csv", encoding)
    assert_same_preview(path, reference)
    assert_same_preview(path, reference, skip_invalid=True)


def test_white_space_at_the_ends_of_names_is_trimmed_and_inside_refused_alike(tmp_path, reference):
    """A tab or a no-break space after a county or a cadre's name is trimmed and said on both paths; one inside is
    refused alike, quoted with the tab shown (cell_parsing._check_name)."""
    counties = ["云岫县\t", "\u3000云岫县", "云岫县\xa0", "云岫县", "云\t岫县"]
    names = ["张三\t", "张三", "\t李四", "王\t五"]
    text = "干部编号,姓名,县区,单位,职级,性别,出生年份\n" + "".join(
        f"B{i:03d},{names[i % 4]},{counties[i % 5]},安坝镇,一级科员,男,1980\n" for i in range(40)
    )
    path = _write(tmp_path, text, "roster.csv")
    assert_same_preview(path, reference, as_of="2025-06-30")
    assert_same_preview(path, reference, as_of="2025-06-30", skip_invalid=True)
    preview = bulk_csv.parse_large_csv(path, reference, as_of="2025-06-30", skip_invalid=True)
    lines = preview.problem_lines("zh")
    assert (
        "共 10 行，「姓名」列，值「王⟨U+0009⟩五」" in lines[0]
        and "共 8 行，「县区」列，值「云⟨U+0009⟩岫县」" in lines[1]
    )
    assert len(preview.rows) == 40 - 8 - 10 + 2  # rows 4k+3 (王⇥五) and 5k+4 (云⇥岫县) refused, 2 rows both


def test_problems_on_many_rows_are_grouped_by_the_cell_as_written_alike(tmp_path, reference):
    """`５０００` beside `5000` and ` 三` beside `三` are lines of their own on both paths, each quoting what the file
    holds (Preview.problem_lines grouped by the normalized value: a tester's file, 2026-12-07)."""
    hours = ["5000", "５０００", "5000", "三", " 三", "三"]
    rows = [row.split(",") for row in TRAINING_ROWS]
    for i, written in enumerate(hours):
        rows[i][6] = written
    path = _write(tmp_path, TRAINING_HEADER + "\n" + "\n".join(",".join(r) for r in rows) + "\n")
    assert_same_preview(path, reference)
    assert_same_preview(path, reference, skip_invalid=True)
    lines = bulk_csv.parse_large_csv(path, reference).problem_lines("zh")
    assert [line.split("：")[0] for line in lines] == [
        "文件「training.csv」，第 2、4 行，「学时」列，值「5000」",
        "文件「training.csv」，第 3 行，「学时」列，值「５０００」",
        "文件「training.csv」，第 5、7 行，「学时」列，值「三」",
        "文件「training.csv」，第 6 行，「学时」列，值「␣三」",
    ]


def test_an_unknown_county_written_with_spaces_is_a_line_of_its_own_alike(tmp_path, reference):
    """` 无此县` is quoted 「␣无此县」 on a line of its own, not folded into the line of `无此县` (Problem.written)."""
    counties = ["无此县", "无此县", "\u3000无此县", "云岫县"]
    text = "干部编号,姓名,县区,单位,职级,性别,出生年份\n" + "".join(
        f"B{i:03d},名{i},{counties[i % 4]},安坝镇,一级科员,男,1980\n" for i in range(20)
    )
    path = _write(tmp_path, text, "roster.csv")
    assert_same_preview(path, reference, as_of="2025-06-30")
    lines = bulk_csv.parse_large_csv(path, reference, as_of="2025-06-30").problem_lines("zh")
    assert [line.split("：")[0] for line in lines] == [
        "文件「roster.csv」，第 2、3、6…行等共 10 行，「县区」列，值「无此县」",
        "文件「roster.csv」，第 4、8、12…行等共 5 行，「县区」列，值「␣无此县」",
    ]


@pytest.mark.parametrize(
    ("beyond", "steps_aside"),
    [("x", True), ('="x"', True), ("  ", False), ('=""', False), ("", False)],
)
def test_a_cell_beyond_the_header_is_judged_alike(beyond, steps_aside, tmp_path, reference):
    """`raw` keeps the column beyond the header only as whether it holds text (csv_records.stage_records): text there (also
    written `="x"`) sends the file to the per-cell path, which refuses it row by row; a cell of spaces or `=""`
    holds none, and the file reads the same on both paths."""
    rows = [*TRAINING_ROWS[:5], f"{TRAINING_ROWS[5]},{beyond}", *TRAINING_ROWS[6:]]
    path = _write(tmp_path, "\n".join([TRAINING_HEADER, *rows]) + "\n", "beyond.csv")
    if steps_aside:
        assert bulk_csv.parse_large_csv(path, reference) is None
        assert not parse_file(path.name, path.read_bytes(), reference).importable
    else:
        assert_same_preview(path, reference)


def test_降级_is_refused_as_no_action_alike(tmp_path, reference):
    """降级 is a disciplinary sanction (处分), not a demotion of post: it was read as 降职 with a note only (a fresh
    tester's finding); the contract allows no such action, so it is refused naming the allowed ones, on both paths
    (docs/decisions.md#降级-is-no-降职)."""
    lines = list(_MOVEMENTS)
    lines[3] = lines[3].replace("提拔", "降级")
    lines[5] = lines[5].replace("提拔", "降职")
    path = _write(tmp_path, "\n".join(lines) + "\n", "movements.csv")
    assert_same_preview(path, reference)
    assert_same_preview(path, reference, skip_invalid=True)
    assert bulk_csv.parse_large_csv(path, reference).problem_texts("zh") == [
        "文件「movements.csv」，第 4 行，「调整类型」列，值「降级」：不是允许的值，应为："
        "提拔、晋升职级、平职调整、转任、降职、免职、问责、容错免责。"
    ]


def test_birth_years_written_with_a_month_are_said_to_keep_the_year_only_alike(tmp_path, reference):
    """出生年月 `1977.03`, `1998年3月`, `1986-07-01` were stored as the year without a word (a fresh tester's finding):
    a note counts them, first row and example; `1988年` and `1988` are years as written (both paths alike;
    docs/decisions.md#birth-years-written-with-a-month)."""
    rows = [row.split(",") for row in _ROSTER]
    rows[2][6], rows[3][6], rows[5][6], rows[6][6] = "1977.03", "1988年", "1998年3月", "1986-07-01"
    path = _write(tmp_path, "\n".join(",".join(r) for r in rows) + "\n", "roster.csv")
    assert_same_preview(path, reference)
    notes = [n.text("zh") for n in bulk_csv.parse_large_csv(path, reference).notes]
    assert "「出生年份」列 3 个单元格写了月份或日期，只保留年份，如第 3 行「1977.03」→ 1977。" in notes


def test_note_rows_are_named_by_where_they_lie_alike(tmp_path, reference):
    """Note rows (注：…, 填表人：…) just under the header were called 表尾说明, table-foot notes (a fresh tester's
    finding): they are named as under the header, among the data rows or at the foot, on both paths alike."""
    rows = list(TRAINING_ROWS)
    lines = [TRAINING_HEADER, "注：学时按实际参训填写", "填表人：张三", *rows[:20], "说明：下为第二批", *rows[20:]]
    path = _write(tmp_path, "\n".join([*lines, "制表：某某"]) + "\n")
    assert_same_preview(path, reference)
    assert [n.text("zh") for n in bulk_csv.parse_large_csv(path, reference).notes][:3] == [
        "已忽略表头下的说明行（共 2 行）：第 2、3 行。",
        "已忽略数据行之间的说明行（共 1 行）：第 24 行。",
        "已忽略表尾说明（共 1 行）：第 45 行。",
    ]
    only_under = _write(tmp_path, "\n".join([TRAINING_HEADER, "注：学时按实际参训填写", *rows]) + "\n", "under.csv")
    assert_same_preview(only_under, reference)
    assert [n.text("en") for n in bulk_csv.parse_large_csv(only_under, reference).notes][:1] == [
        "Note row under the header ignored: row 2."
    ]


def test_note_rows_written_in_brackets_are_note_rows_alike(tmp_path, reference):
    """A note row written in brackets, 「（填报说明：…）」, 「(注：…)」 or 「【注】…」, was read as a data row and refused for
    its date, hours and the rest (a tester's finding; 「填报说明：…」 was skipped): it is a note row, on both paths."""
    rows = list(TRAINING_ROWS)
    notes = ["（填报说明：学时按实际参训填写）", "(注：线上学时单列)", "【注】", "[说明：下为第二批]"]
    path = _write(tmp_path, "\n".join([TRAINING_HEADER, *notes[:3], *rows[:20], notes[3], *rows[20:]]) + "\n")
    assert_same_preview(path, reference)
    preview = bulk_csv.parse_large_csv(path, reference)
    assert preview.problems == []
    assert [n.text("zh") for n in preview.notes][:2] == [
        "已忽略表头下的说明行（共 3 行）：第 2、3、4 行。",
        "已忽略数据行之间的说明行（共 1 行）：第 25 行。",
    ]
