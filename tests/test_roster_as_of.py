"""A roster's as-of date (统计日期) from its title against its 统计日期 column, blank cells of that column, and
which date of a title is the as-of date (title_as_of; docs/decisions.md#a-rosters-as-of-date-in-its-title).
Each file is read by both paths a CSV may take: cell by cell (`parse_file`) and `bulk_csv.parse_path` with the
bulk threshold at 0, which must agree (test_bulk_csv.assert_alike).

The database is conftest.catalog_db: counties 云岫县 (township 安坝镇), 云峤县 (丹埠镇), 澄溪县, 枫岚区.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from test_bulk_csv import assert_alike

from incentive import cli
from incentive.accounts.roles import Scope
from incentive.intake import bulk_csv
from incentive.intake.ingest import parse_file
from incentive.intake.preview import Preview, same_file_text
from incentive.sharing.export import export_frame
from incentive.store import batches
from incentive.store.effects import import_effects
from incentive.store.reference import current_reference

HEAD = "干部编号,姓名,县区,单位,职级,性别,出生年份"
ROWS = [
    f"A{i:04d},甲{i},{county},{unit},一级科员,男,1990"
    for i, (county, unit) in enumerate([("云岫县", "安坝镇"), ("云峤县", "丹埠镇"), ("澄溪县", "澄溪县直")] * 4, 1)
]


def _column(title: str, dates: list[str]) -> str:
    """A roster with a 统计日期 column (`dates`, one a row; "" blank) under `title` ("": none)."""
    lines = [f"{HEAD},统计日期", *(f"{row},{date}" for row, date in zip(ROWS, dates, strict=False))]
    return "\n".join([title, *lines] if title else lines) + "\n"


def _plain(title: str) -> str:
    """A roster without a 统计日期 column under `title`."""
    return "\n".join([title, HEAD, *ROWS]) + "\n"


def read(tmp_path: Path, reference, text: str, monkeypatch, as_of: str | None = None) -> Preview:
    """The preview of `text` as roster.csv, the same by the per-cell and the bulk path (asserted)."""
    path = tmp_path / "roster.csv"
    path.write_bytes(text.encode("gbk"))
    cell = parse_file(path.name, path.read_bytes(), reference, as_of=as_of)
    monkeypatch.setenv("INCENTIVE_BULK_MIN_MB", "0")
    assert_alike(bulk_csv.parse_path(path, reference, as_of=as_of), cell)
    return cell


@pytest.fixture
def reference(catalog_db):
    return current_reference(catalog_db)


def test_a_title_date_against_the_column_is_refused(tmp_path, reference, monkeypatch):
    """The column won in silence (2026-12-07): 截至2025年6月30日 over rows of 2025-12-31 went in as 2025-12-31."""
    text = _column("干部花名册（截至2025年6月30日）", ["2025-06-30", "2025/12/31", *["2025-12-31"] * 10])
    preview = read(tmp_path, reference, text, monkeypatch)
    assert preview.fatal and not preview.importable
    assert preview.problem_texts("zh") == [
        "文件「roster.csv」，第 4 行，「统计日期」列，值「2025/12/31」：与第 1 行标题「干部花名册（截至2025年6月30日）」中的统计日期 "
        "2025-06-30 不一致（本列共 11 行如此）：一个花名册文件只能是一个统计日期的快照，请改正标题或本列后重新导入。"
    ]
    assert preview.problem_texts("en") == [
        "File “roster.csv”, row 4, column “统计日期”, value “2025/12/31”: not the as-of date 2025-06-30 of the title in row 1, "
        "“干部花名册（截至2025年6月30日）” (11 rows of this column differ): a roster file is the snapshot of one as-of "
        "date; correct the title or this column and import again."
    ]


def test_a_blank_as_of_cell_never_dates_a_snapshot_no_written_cell_names(catalog_db, tmp_path, monkeypatch):
    """A blank cell took the title's 2025-06-30 while every other row said 2025-12-31: that one row replaced the
    whole 2025-06-30 snapshot (the tester's bigroster.csv: 7,000 cadres). Now the file is refused and the
    snapshot stays; a blank takes the title's or the typed date only where the column states that date too, and
    with no date stated elsewhere it is required."""
    reference = current_reference(catalog_db)
    title = "干部花名册（截至2025年6月30日）"
    before = read(tmp_path, reference, _plain(title), monkeypatch)
    batches.import_preview(catalog_db, before, source="cli", created_by="t")
    dates = ["2025-12-31"] * 12
    dates[7] = ""
    refused = read(tmp_path, reference, _column(title, dates), monkeypatch)
    assert [(p.key, p.row, p.params["n"]) for p in refused.problems] == [("as_of_title_conflict_column", 3, 11)]
    assert not refused.importable
    assert len(export_frame(catalog_db, "roster", scope=Scope.ALL)) == 12

    same = read(tmp_path, reference, _column("干部花名册（截至2025年12月31日）", dates), monkeypatch)
    assert same.importable and set(same.rows["as_of"]) == {dt.date(2025, 12, 31)}
    assert [n.text("zh") for n in same.notes if n.key == "note_as_of_blank"] == [
        "「统计日期」列 1 个空白单元格按统计日期 2025-12-31（取自标题）读入，如第 10 行。"
    ]
    for title in ("干部花名册", ""):  # no date but the column's: the blank is required, on both paths
        required = read(tmp_path, reference, _column(title, dates), monkeypatch)
        assert [(p.key, p.row) for p in required.problems] == [("required", 10 if title else 9)]
    typed = read(tmp_path, reference, _column("干部花名册", dates), monkeypatch, as_of="2025-12-31")
    assert typed.importable and set(typed.rows["as_of"]) == {dt.date(2025, 12, 31)}


@pytest.mark.slow
def test_the_filled_in_date_of_a_title_is_never_its_as_of_date(tmp_path, reference, monkeypatch):
    """`填报日期：2026年7月5日（截至2026年6月30日）` was read as of 2026-07-05, a new snapshot (2026-12-07)."""
    for title in (
        "干部花名册 填报日期：2025年7月5日（截至2025年6月30日）",
        "干部花名册（截至2025年6月30日） 制表日期：2025-07-05",
        "干部花名册 2025年7月5日填报 统计日期：2025年6月30日",
        "干部花名册（截至2025年6月底） 报送日期 2025.7.5",
    ):
        preview = read(tmp_path, reference, _plain(title), monkeypatch)
        assert preview.importable, title
        assert set(preview.rows["as_of"]) == {dt.date(2025, 6, 30)}, title
        assert "统计日期：2025-06-30（取自标题）。" in [n.text("zh") for n in preview.notes], title
    filed_only = read(tmp_path, reference, _plain("干部花名册 填报日期：2025年7月5日"), monkeypatch)
    assert filed_only.problem_texts("zh") == [
        "文件「roster.csv」：花名册缺少统计日期：无「统计日期」列，标题中的 2025-07-05 是填报（制表、报送）日期，不作统计日期；"
        "请填写统计日期，或在标题中写明（如「截至2025年6月30日」）。"
    ]
    assert read(tmp_path, reference, _plain("干部花名册 填报日期：2025年7月5日"), monkeypatch, "2025-6-30").importable


@pytest.mark.parametrize(
    "title",
    ["干部花名册（截至2025年6月30日）（截至2025年12月31日）", "干部花名册 2025年6月30日 2025年12月31日"],
)
def test_two_as_of_dates_in_a_title_are_refused_naming_both(title, tmp_path, reference, monkeypatch):
    for text in (_plain(title), _column(title, ["2025-06-30"] * 12)):
        preview = read(tmp_path, reference, text, monkeypatch)
        assert preview.fatal
        assert preview.problem_texts("zh") == [
            f"文件「roster.csv」，第 1 行，值「{title}」：标题中有 2 个统计日期：2025-06-30、2025-12-31，无法确定文件是哪一日的花名册，"
            "不作猜测；请在标题中只写一个统计日期。"
        ]
    assert read(tmp_path, reference, _plain("花名册（截至2025年6月30日，2025年6月30日更新）"), monkeypatch).importable


def test_a_title_date_against_the_column_is_refused_on_the_command_line(catalog_db, capsys, tmp_path):
    path = tmp_path / "r4.csv"
    path.write_text(_column("干部花名册（截至2025年6月30日）", ["2025-12-31"] * 12), encoding="utf-8")
    assert cli.main(["--db", str(catalog_db.path), "import", str(path)]) == 1
    said = capsys.readouterr().err
    assert (
        "文件「r4.csv」，第 3 行，「统计日期」列，值「2025-12-31」：与第 1 行标题「干部花名册（截至2025年6月30日）」"
        in said
    )
    assert "已导入" not in said


def test_a_rosters_dates_are_listed_as_the_language_lists_things(catalog_db, tmp_path):
    """The summary joined them with an ASCII comma in Chinese: 统计日期为 2025-06-30, 2025-12-31."""
    text = _column("", ["2025-06-30"] * 6 + ["2025-12-31"] * 6).encode()
    preview = parse_file("r.csv", text, current_reference(catalog_db))
    assert (preview.as_of_text("zh"), preview.as_of_text("en")) == (
        "2025-06-30、2025-12-31",
        "2025-06-30, 2025-12-31",
    )
    first = batches.import_preview(catalog_db, preview, source="cli", created_by="t")
    replaced = parse_file("r2.csv", _column("", ["2025-12-31"] * 12).encode(), current_reference(catalog_db))
    batches.import_preview(catalog_db, replaced, source="cli", created_by="t")
    effects = import_effects(catalog_db, preview)
    assert "统计日期为 2025-06-30、2025-12-31 的快照" in same_file_text(preview, effects, [first], True, "zh")
