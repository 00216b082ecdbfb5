"""A cadre id written in another letter case (or full-width) than the store's is the stored cadre
(incentive/intake/cadre_ids.py, docs/decisions.md#cadre-ids-in-another-letter-case): read in the stored spelling
and said, on both paths of a CSV; several stored spellings, or two spellings within one file, warned of."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import data_file, import_ok, incentive_command
from test_bulk_csv import assert_alike
from test_roster_changes import roster_text, stored_snapshot

from incentive.accounts.roles import Scope
from incentive.intake import bulk_csv, checks
from incentive.intake.ingest import parse_file
from incentive.review.submissions import Options, check
from incentive.store import batches
from incentive.store.database import Database
from incentive.store.effects import import_effects
from incentive.store.other_county_cadres import other_county_cadres
from incentive.store.reference import current_reference
from incentive.store.roster_changes import roster_changes

TRAINING_HEAD = "干部编号,培训项目,培训类别,培训领域,培训方式,组织形式,学时,培训日期\n"
ROSTER_HEAD = "干部编号,姓名,县区,单位,职级,性别,出生年份,统计日期\n"


def training_text(ids: list[str]) -> str:
    return TRAINING_HEAD + "".join(
        f"{cadre},2025年乡村振兴专题班（第{i}期）,专业能力,乡村振兴,线下,集体,16,2025/6/{i}\n"
        for i, cadre in enumerate(ids, start=1)
    )


def roster_rows(rows: list[tuple[str, str]]) -> str:
    """A roster of 云岫县 / 安坝镇 from (cadre id, as-of date) pairs."""
    return ROSTER_HEAD + "".join(f"{cadre},某,云岫县,安坝镇,一级科员,男,1990,{day}\n" for cadre, day in rows)


def read_both(db: Database, tmp_path: Path, text: str, name: str = "file.csv", skip_invalid: bool = False):
    """The preview of `text` as a CSV by the per-cell path, checked to be the bulk path's too: the same problems,
    notes, rows and warnings (test_bulk_csv.assert_alike, and the warnings)."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    reference = current_reference(db)
    bulk = bulk_csv.parse_large_csv(path, reference, skip_invalid=skip_invalid)
    assert bulk is not None and bulk.staged is not None, "the bulk path stepped aside"
    cell = parse_file(path.name, path.read_bytes(), reference, skip_invalid=skip_invalid)
    assert_alike(bulk, cell)
    for lang in ("zh", "en"):
        assert [w.text(lang) for w in bulk.warnings] == [w.text(lang) for w in cell.warnings]
    return cell


def texts(notes, lang: str = "zh", prefix: str = "") -> list[str]:
    return [n.text(lang) for n in notes if n.key.startswith(prefix)]


@pytest.fixture
def sample(sample_db_path):
    db = Database(sample_db_path)
    yield db
    db.close()


def test_a_resent_roster_in_lower_case_and_full_width_is_no_correction(sample, tmp_path):
    """The 2026-06-30 snapshot re-sent with three ids in another case (one full-width too): the same cadres, no
    add and no drop, and the note says which were read as stored."""
    rows = stored_snapshot(sample)
    rows[0][0], rows[1][0], rows[2][0] = "lz000001", "ｌｚ０００００２", "Lz000003"
    preview = read_both(sample, tmp_path, roster_text(rows))
    assert preview.rows["cadre_id"].head(3).tolist() == ["LZ000001", "LZ000002", "LZ000003"]
    assert texts(preview.notes, prefix="note_cadre_id") == [
        "「干部编号」列 3 个干部编号与已有名册中的编号只差字母大小写，已按已有写法读取（视为同一人），"
        "如第 2 行干部编号 lz000001 按已有名册写作 LZ000001。"
    ]
    assert texts(preview.notes, "en", "note_cadre_id") == [
        "Column “干部编号”: 3 cadre ids differing only in letter case from a stored one read as stored (the same "
        "cadre), e.g. row 2: cadre id lz000001 written LZ000001 as in the stored roster."
    ]
    assert not preview.warnings
    assert import_effects(sample, preview).snapshot_replaced == 7000
    assert not roster_changes(sample, preview, Scope.ALL).any


def test_full_width_digits_and_capitals_were_read_half_width_already(sample, tmp_path):
    """ＬＺ０００００１ is LZ000001 by clean_text's NFKC alone: said as normalized, not as another spelling."""
    rows = stored_snapshot(sample)
    rows[0][0] = "ＬＺ０００００１"
    preview = read_both(sample, tmp_path, roster_text(rows))
    assert preview.rows["cadre_id"].iloc[0] == "LZ000001"
    assert not texts(preview.notes, prefix="note_cadre_id")
    assert not roster_changes(sample, preview, Scope.ALL).any


def test_training_in_lower_case_counts_for_the_roster_cadre(sample, tmp_path):
    """lz000001's records are LZ000001's: not records of a cadre on no roster, stored under his id, and a county's
    clerk may send them (his cadre is on the county's roster)."""
    preview = read_both(sample, tmp_path, training_text(["lz000001", "LZ000002", "lz000002"]))
    assert preview.rows["cadre_id"].tolist() == ["LZ000001", "LZ000002", "LZ000002"]
    assert texts(preview.notes, prefix="note_cadre_id") == [
        "「干部编号」列 2 个干部编号与已有名册中的编号只差字母大小写，已按已有写法读取（视为同一人），"
        "如第 2 行干部编号 lz000001 按已有名册写作 LZ000001。"
    ]
    assert not preview.warnings  # LZ000002 and lz000002 are one stored cadre: no twins left
    assert import_effects(sample, preview).unknown_cadres == 0
    clerk, effects = check(sample, "培训.csv", training_text(["lz000001"]).encode(), Options(), "云岫县")
    assert clerk.importable and effects.unknown_cadres == 0, clerk.problem_texts("en")
    assert texts(clerk.notes, prefix="note_cadre_id")  # the 报送数据 page's preview says it
    # the Data page's preview (submissions.check, as the page calls it): the note, and the warning of a case twin
    data_page, _ = check(sample, "培训.csv", training_text(["lz000001", "XY9", "xy9"]).encode(), Options(), None)
    assert texts(data_page.notes, prefix="note_cadre_id") and texts(data_page.warnings) == [
        "「干部编号」列有 1 组干部编号只差字母大小写，很可能是同一人，导入后却是不同的人：第 3 行 XY9 / 第 4 行 xy9。"
        "请统一写法后重新导入。"
    ]
    batch = batches.import_preview(sample, preview, source="cli", created_by="test")
    stored = sample.fetch_all("SELECT DISTINCT cadre_id FROM training WHERE batch_id = $b ORDER BY 1", {"b": batch})
    assert stored == [("LZ000001",), ("LZ000002",)]


def test_an_id_card_number_ending_in_a_small_x_is_the_rosters(catalog_db, tmp_path):
    import_ok(catalog_db, "roster.csv", roster_rows([("53010219900101123X", "2025-12-31")]).encode())
    preview = read_both(catalog_db, tmp_path, training_text(["53010219900101123x"]))
    assert preview.rows["cadre_id"].tolist() == ["53010219900101123X"]
    assert texts(preview.notes, prefix="note_cadre_id") == [
        "「干部编号」列 1 个干部编号与已有名册中的编号只差字母大小写，已按已有写法读取（视为同一人），"
        "如第 2 行干部编号 53010219900101123x 按已有名册写作 53010219900101123X。"
    ]


def test_an_id_on_no_roster_takes_its_kinds_stored_spelling(catalog_db, tmp_path):
    """Training of Q7, a cadre on no roster, stored: a later file's q7 is he, said as the training records'."""
    import_ok(catalog_db, "roster.csv", roster_rows([("A001", "2025-12-31")]).encode())
    import_ok(catalog_db, "training.csv", training_text(["Q7"]).encode())
    preview = read_both(catalog_db, tmp_path, training_text(["q7", "a001"]))
    assert preview.rows["cadre_id"].tolist() == ["Q7", "A001"]
    assert texts(preview.notes, "en", "note_cadre_id") == [  # one note per source, each counting its own
        "Column “干部编号”: 1 cadre id differing only in letter case from a stored one read as stored (the same "
        "cadre), e.g. row 3: cadre id a001 written A001 as in the stored roster.",
        "Column “干部编号”: 1 cadre id differing only in letter case from a stored one read as stored (the same "
        "cadre), e.g. row 2: cadre id q7 written Q7 as in the stored training records.",
    ]


def test_an_id_equal_to_two_stored_ids_stays_as_written_and_is_warned_of(catalog_db, tmp_path):
    """A store holding AB1 and ab1 (a first roster of two dates: warned of, not refused) cannot tell whose Ab1 is."""
    first = read_both(catalog_db, tmp_path, roster_rows([("AB1", "2024-12-31"), ("ab1", "2025-12-31")]), "r.csv")
    assert first.importable and first.rows["cadre_id"].tolist() == ["AB1", "ab1"]  # a first import: as typed
    assert texts(first.warnings) == [
        "「干部编号」列有 1 组干部编号只差字母大小写，很可能是同一人，导入后却是不同的人：第 2 行 AB1 / 第 3 行 ab1。"
        "请统一写法后重新导入。"
    ]
    batches.import_preview(catalog_db, first, source="cli", created_by="test")
    preview = read_both(catalog_db, tmp_path, training_text(["A0", "Ab1", "ab1"]))
    assert preview.rows["cadre_id"].tolist() == ["A0", "Ab1", "ab1"]
    assert not texts(preview.notes, prefix="note_cadre_id")
    assert texts(preview.warnings, prefix="warn_cadre_id_ambiguous") == [
        "「干部编号」列 1 个干部编号与库中几个编号都只差字母大小写，无法判断是哪一位，已按原样读取：第 3 行 Ab1（库中有 "
        "AB1、ab1）。导入后他们的记录不计入任何一位名下；请与名册核对，改为正确的写法后重新导入。"
    ]
    assert texts(preview.warnings, "en", "warn_cadre_id_ambiguous")[0].startswith(
        "Column “干部编号”: 1 cadre id differs only in letter case from several stored ids, so which cadre is meant "
        "cannot be told; read as written: row 3: Ab1 (stored: AB1, ab1)."
    )
    # the file's Ab1 and ab1 differ in case too, and no stored spelling joins them
    assert texts(preview.warnings, "en", "warn_cadre_id_case") == [
        "Column “干部编号”: 1 group of cadre ids that differ only in letter case, each likely one person, imported "
        "as different cadres: row 3: Ab1 / row 4: ab1. Write each the same way and import again."
    ]
    warned = texts(preview.warnings)
    checks.add_warnings(catalog_db, preview, county="云岫县")  # the stored data's warnings come after them
    assert texts(preview.warnings) == warned


def test_a_first_training_file_with_two_spellings_is_imported_as_typed_and_warned_of(catalog_db, tmp_path):
    preview = read_both(catalog_db, tmp_path, training_text(["AB1", "X2", "ab1", "aB1"]))
    assert preview.importable and preview.rows["cadre_id"].tolist() == ["AB1", "X2", "ab1", "aB1"]
    assert texts(preview.warnings) == [
        "「干部编号」列有 1 组干部编号只差字母大小写，很可能是同一人，导入后却是不同的人：第 2 行 AB1 / 第 4 行 ab1 / "
        "第 5 行 aB1。请统一写法后重新导入。"
    ]


def test_a_roster_listing_one_id_twice_in_two_cases_is_a_duplicate_key(catalog_db, tmp_path):
    """AB1 and ab1 of one date in one roster: one cadre listed twice (every headcount would count him twice, and
    every later file could not tell them apart), refused as rows of one key that differ, both rows named
    (docs/decisions.md#cadre-ids-in-another-letter-case)."""
    preview = read_both(
        catalog_db, tmp_path, roster_rows([("AB1", "2025-12-31"), ("A2", "2025-12-31"), ("ab1", "2025-12-31")])
    )
    assert not preview.importable
    assert preview.problem_texts("zh") == [
        "文件「file.csv」，第 2 行：与第 4 行重复（AB1 / 2025-12-31），但「干部编号」不同：第 4 行为「ab1」，本行为「AB1」。"
        "请核对后删去错误的一行。",
        "文件「file.csv」，第 4 行：与第 2 行重复（AB1 / 2025-12-31），但「干部编号」不同：第 2 行为「AB1」，本行为「ab1」。"
        "请核对后删去错误的一行。",
    ]
    assert not texts(preview.warnings, prefix="warn_cadre_id_case")  # refused already: not warned of as well


def test_a_roster_resent_with_both_spellings_of_a_stored_id_lists_him_twice(sample, tmp_path):
    """LZ000001 and lz000001 in one re-sent roster are both the stored LZ000001: a row written twice."""
    rows = stored_snapshot(sample)
    rows.append(["lz000001", *rows[0][1:]])
    path = tmp_path / "roster.csv"
    path.write_text(roster_text(rows), encoding="utf-8")
    preview = parse_file(path.name, path.read_bytes(), current_reference(sample))
    assert preview.problem_lines("en") == ["File “roster.csv”, row 7002: duplicates row 2 (LZ000001 / 2026-06-30)."]


def test_a_countys_roster_in_lower_case_of_another_countys_cadre_says_so(sample, tmp_path):
    """鹤汀县's LZ002840 written lz002840 on 云岫县's own roster is on both counties' rosters all the same."""
    moved = ["lz002840", "胡海", "云岫县", "安山镇", "一级科员", "M", 1984, "汉族", "中共党员", "大学本科"]
    rows = [*stored_snapshot(sample, "云岫县"), moved]
    preview = read_both(sample, tmp_path, roster_text(rows))
    found = other_county_cadres(sample, preview, Scope.ALL, "云岫县")
    assert [(c.cadre_id, c.elsewhere) for c in found.listed] == [("LZ002840", (("鹤汀县", "胡浩"),))]


def test_the_cli_says_which_ids_it_read_as_stored(sample_db_path, tmp_path):
    path = tmp_path / "培训.csv"
    path.write_text(training_text(["lz000001", "XY9", "xy9"]), encoding="utf-8")
    done = incentive_command("--db", sample_db_path, "import", path)
    assert done.returncode == 0, done.stderr
    assert "如第 2 行干部编号 lz000001 按已有名册写作 LZ000001。" in done.stderr
    assert "很可能是同一人，导入后却是不同的人：第 3 行 XY9 / 第 4 行 xy9。" in done.stderr
    db = Database(sample_db_path)
    try:
        last = db.fetch_all(
            "SELECT cadre_id FROM training WHERE batch_id = (SELECT max(id) FROM batches) ORDER BY date"
        )
        assert last == [("LZ000001",), ("XY9",), ("xy9",)]
    finally:
        db.close()


def test_a_roster_of_a_date_before_any_other_is_read_as_stored_too(sample, tmp_path):
    """The roster of any snapshot decides, whatever the date: a roster of 2022 with lz000001."""
    preview = read_both(sample, tmp_path, roster_rows([("lz000001", "2022-12-31")]))
    assert preview.rows["cadre_id"].tolist() == ["LZ000001"]
    assert preview.rows["as_of"].tolist() == [dt.date(2022, 12, 31)]


def test_a_lake_reads_the_stored_spellings_too(lake_location, tmp_path):
    """On DuckLake the stored spellings come through the store as on a file (queries/cadre_id_spellings.sql),
    both paths, and the import stores the roster's spelling."""
    db = Database(lake_location)
    try:
        import_ok(db, "regions.csv", data_file("regions.csv"))
        import_ok(db, "roster.csv", roster_rows([("AB1", "2025-12-31")]).encode())
        preview = read_both(db, tmp_path, training_text(["ab1"]))
        assert preview.rows["cadre_id"].tolist() == ["AB1"]
        assert texts(preview.notes, "en", "note_cadre_id")[0].endswith(
            "cadre id ab1 written AB1 as in the stored roster."
        )
        batch = batches.import_preview(db, preview, source="cli", created_by="test")
        assert db.fetch_all("SELECT cadre_id FROM training WHERE batch_id = $b", {"b": batch}) == [("AB1",)]
    finally:
        db.close()


def test_decisions_and_grades_in_lower_case_attach_to_the_roster_cadre(sample, tmp_path):
    movements = read_both(
        sample, tmp_path, "干部编号,调整日期,调整类型,事由\nlz000742,2025-06-30,提拔,考核优秀\n", "调整.csv"
    )
    grades = read_both(sample, tmp_path, "干部编号,年度,考核等次,单位\nlz000742,2025,优秀,澄溪应急管理局\n", "考核.csv")
    for preview in (movements, grades):
        assert preview.rows["cadre_id"].tolist() == ["LZ000742"]
        assert texts(preview.notes, "en", "note_cadre_id")[0].endswith(
            "cadre id lz000742 written LZ000742 as in the stored roster."
        )
        assert import_effects(sample, preview).unknown_cadres == 0


def test_a_roster_listing_in_another_case_the_id_of_stored_training_warns_that_it_counts_for_nobody(
    catalog_db_path, tmp_path
):
    """Training of lz009001 stored (on no roster then), then a roster listing LZ009001: the stored rows are not
    rewritten (no change to stored data the user did not ask for), and they count for nobody. The roster's preview
    says so on the Data page and in the CLI, naming the kinds; `incentive check` lists the stored ids."""
    db = Database(catalog_db_path)
    try:
        import_ok(db, "roster.csv", roster_rows([("A001", "2025-12-31")]).encode())
        import_ok(db, "training.csv", training_text(["lz009001", "lz009001", "A001"]).encode())
        roster = roster_rows([("A001", "2025-12-31"), ("LZ009001", "2025-12-31")]).encode()
        preview, _ = check(db, "roster.csv", roster, Options(), None)
        assert texts(preview.warnings, prefix="warn_cadre_id_stored") == [
            "「干部编号」列 1 个干部编号在已存的培训记录中写法不同（只差字母大小写）：lz009001 → LZ009001。"
            "这些记录不会计入名册上的干部，请按名册写法重新导入。"
        ]
        assert texts(preview.warnings, "en", "warn_cadre_id_stored") == [
            "Column “干部编号”: 1 cadre id is stored in another letter case in the training records: lz009001 → "
            "LZ009001. Those records count for no cadre of the roster: import them again as the roster writes the id."
        ]
        clerk, _ = check(db, "roster.csv", roster, Options(), "云岫县")  # a county's own roster says it too
        assert texts(clerk.warnings, prefix="warn_cadre_id_stored")
    finally:
        db.close()
    path = tmp_path / "roster.csv"
    path.write_bytes(roster)
    done = incentive_command("--db", catalog_db_path, "import", path)
    assert done.returncode == 0, done.stderr
    assert "在已存的培训记录中写法不同（只差字母大小写）：lz009001 → LZ009001。" in done.stderr
    checked = incentive_command("--db", catalog_db_path, "check", "--lang", "en")
    assert "Training records: cadre id lz009001 differs only in letter case from the roster's LZ009001 (2 records)" in (
        checked.stderr
    )
    db = Database(catalog_db_path)
    try:  # stored as they were
        assert db.fetch_all("SELECT count(*) FROM training WHERE cadre_id = 'lz009001'") == [(2,)]
    finally:
        db.close()


def test_a_roster_warning_of_stored_records_lists_ten_and_counts_the_rest(catalog_db):
    """Kinds named together (training and grades), eleven ids: ten listed, the rest counted."""
    ids = [f"q{i:02d}" for i in range(11)]
    import_ok(catalog_db, "training.csv", training_text(ids).encode())
    grades = "干部编号,年度,考核等次,单位\n" + "".join(f"{i},2025,优秀,安坝镇\n" for i in ids[:1])
    import_ok(catalog_db, "grades.csv", grades.encode())
    roster = roster_rows([(i.upper(), "2025-12-31") for i in ids]).encode()
    preview, _ = check(catalog_db, "roster.csv", roster, Options(), None)
    (warning,) = texts(preview.warnings, prefix="warn_cadre_id_stored")
    assert warning.startswith(
        "「干部编号」列 11 个干部编号在已存的培训记录、年度考核记录中写法不同（只差字母大小写）：q00 → Q00；"
    )
    assert "q09 → Q09；另有 1 个未列出。" in warning


def id_notes(preview, lang: str = "zh") -> list[str]:
    """The notes of the 干部编号 column's texts normalized."""
    return [n for n in texts(preview.notes, lang, "note_text_normalized") if "干部编号" in n[:12]]


def test_compatibility_characters_are_not_called_full_width(sample, tmp_path):
    """ℒZ000108 and Ⓛⓩ000146 are read as LZ000108 and LZ000146 by NFKC, as ＬＺ is: their note says what they
    are, "full-width" only of true full-width forms (normalized_text.changes_made; a tester's finding)."""
    preview = read_both(sample, tmp_path, training_text(["ℒZ000108", "Ⓛⓩ000146", "ＬＺ000001"]))
    assert preview.rows["cadre_id"].tolist() == ["LZ000108", "LZ000146", "LZ000001"]
    assert id_notes(preview) == [
        "「干部编号」列 3 个单元格的文字已规范化（全角转半角，去除换行、多余空格和不可见字符），"
        "如第 2 行「ℒZ000108」→「LZ000108」（特殊字形字符转为普通字符）。"
    ]
    only = read_both(sample, tmp_path, training_text(["ＬＺ000001", "Ⓛⓩ000146"]))
    assert id_notes(only, "en")[0].endswith(
        "e.g. row 2: “ＬＺ000001” → “LZ000001” (full-width characters made half-width)."
    )
    mixed = read_both(sample, tmp_path, training_text(["ℒＺ000108"]))
    assert id_notes(mixed)[0].endswith("（全角字符转为半角、特殊字形字符转为普通字符）。")


def test_ids_matched_on_the_roster_and_on_training_records_are_noted_and_counted_apart(catalog_db, tmp_path):
    """a001 the roster's, q7 only training records': two notes, each counting its own cells and saying where its
    spelling is stored (the note said 名册 for every id: a tester's 200k file)."""
    import_ok(catalog_db, "roster.csv", roster_rows([("A001", "2025-12-31"), ("A002", "2025-12-31")]).encode())
    import_ok(catalog_db, "training.csv", training_text(["Q7"]).encode())
    preview = read_both(catalog_db, tmp_path, training_text(["q7", "a001", "q7", "a002", "q7"]))
    assert preview.rows["cadre_id"].tolist() == ["Q7", "A001", "Q7", "A002", "Q7"]
    assert texts(preview.notes, prefix="note_cadre_id") == [
        "「干部编号」列 2 个干部编号与已有名册中的编号只差字母大小写，已按已有写法读取（视为同一人），"
        "如第 3 行干部编号 a001 按已有名册写作 A001。",
        "「干部编号」列 3 个干部编号与已有培训记录中的编号只差字母大小写，已按已有写法读取（视为同一人），"
        "如第 2 行干部编号 q7 按已有培训记录写作 Q7。",
    ]


def test_notes_and_warnings_count_and_name_only_the_rows_imported(catalog_db, tmp_path):
    """With skip-invalid, rows refused (here for their hours) are neither a note's count or first row nor a
    twin the warning names: a001 on row 2 refused, so the note starts at row 4; XY9 on row 3 refused, so xy9 has
    no twin left in the file."""
    import_ok(catalog_db, "roster.csv", roster_rows([("A001", "2025-12-31")]).encode())
    text = training_text(["a001", "XY9", "a001", "xy9"])
    lines = text.splitlines(keepends=True)
    for i in (1, 2):  # rows 2 and 3: 16 学时 made -16
        lines[i] = lines[i].replace(",16,", ",-16,")
    preview = read_both(catalog_db, tmp_path, "".join(lines), skip_invalid=True)
    assert preview.rejected_rows == {2, 3} and preview.rows["cadre_id"].tolist() == ["A001", "xy9"]
    assert texts(preview.notes, prefix="note_cadre_id") == [
        "「干部编号」列 1 个干部编号与已有名册中的编号只差字母大小写，已按已有写法读取（视为同一人），"
        "如第 4 行干部编号 a001 按已有名册写作 A001。"
    ]
    assert not preview.warnings
    # refused as a whole (no skip-invalid): still only the rows no problem names
    whole = read_both(catalog_db, tmp_path, "".join(lines))
    assert not whole.importable and not whole.warnings
    assert texts(whole.notes, prefix="note_cadre_id")[0].startswith("「干部编号」列 1 个干部编号")


@pytest.mark.parametrize("bulk", [False, True], ids=["per-cell", "bulk"])
def test_a_clerks_refusal_quotes_the_id_as_the_file_writes_it(sample, monkeypatch, bulk):
    """云岫县's clerk sends training of lz002840 (鹤汀县's LZ002840): refused, quoting 「lz002840」 as the file has
    it, not the stored LZ002840 (docs/data-format.md: a refusal quotes the cell as written); an id the file writes
    two ways is quoted row by row."""
    monkeypatch.setenv("INCENTIVE_BULK_MIN_MB", "0" if bulk else "1000")
    clerk, _ = check(sample, "培训.csv", training_text(["lz002840"]).encode(), Options(), "云岫县")
    assert (clerk.staged is not None) == bulk and [(p.row, p.value) for p in clerk.problems] == [(2, "lz002840")]
    assert "「lz002840」" in clerk.problem_texts("zh")[0]
    twice, _ = check(
        sample, "培训.csv", training_text(["LZ002840", "lz002840", "Lz002840"]).encode(), Options(), "云岫县"
    )
    assert [(p.row, p.value) for p in twice.problems] == [(2, "LZ002840"), (3, "lz002840"), (4, "Lz002840")]
