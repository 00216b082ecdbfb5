"""History: supersede, rollback, effects, snapshots, migrations; on both backends: a real DuckDB file, and
DuckLake on a real PostgreSQL catalog (tests/postgres_server.py)."""

from __future__ import annotations

import datetime as dt
import hashlib

import duckdb
import pandas as pd
import pytest
from conftest import NEWEST_TRAINING_PER_KEY, current_training, data_file, import_ok, partly_superseded_training

from incentive import config
from incentive.accounts.roles import Scope
from incentive.intake import checks
from incentive.intake.ingest import parse_file
from incentive.intake.preview import blanked_text, effects_text, same_file_text
from incentive.sharing.export import export_frame
from incentive.store import audit, backup, batches, migrations, queries
from incentive.store.batches import BatchError
from incentive.store.database import Database
from incentive.store.effects import import_effects, reimport_changes, value_changes
from incentive.store.queries import identifier
from incentive.store.reference import current_reference


@pytest.fixture(params=["file", pytest.param("ducklake", marks=pytest.mark.lake)])
def location(request, tmp_path):
    """Where a test's database lives: every test of this module runs on both backends."""
    if request.param == "file":
        return tmp_path / "test.duckdb"
    return request.getfixturevalue("lake_location")


@pytest.fixture
def db(location):
    database = Database(location)
    yield database
    database.close()


def race_export(db):
    return export_frame(db, "race_scores").to_csv(index=False)


@pytest.fixture(params=["file", pytest.param("ducklake", marks=pytest.mark.lake)])
def new_location(request, tmp_path):
    """Where a database nothing has opened yet lives, on both backends."""
    if request.param == "file":
        return tmp_path / "test.duckdb"
    return request.getfixturevalue("empty_lake_location")


def test_new_database_gets_schema_once(new_location):
    first = Database(new_location)
    assert first.created
    first.close()
    again = Database(new_location)
    assert not again.created
    versions = again.fetch_all("SELECT version FROM schema_version ORDER BY version")
    assert [v for (v,) in versions] == [v for v, _ in migrations.ordered()]
    again.close()


def test_duckdb_memory_is_the_configured_limit(tmp_path, monkeypatch):
    """DuckDB's own default (80 % of the machine) let a province's import take 6 GB: the database holds 1 GB or
    INCENTIVE_MEMORY_LIMIT, and works on disk beyond it."""

    def limit() -> str:
        db = Database(tmp_path / "limit.duckdb")
        try:
            return db.fetch_all("SELECT current_setting('memory_limit')")[0][0]
        finally:
            db.close()

    assert limit() == "953.6 MiB"  # 1 GB, as DuckDB shows it
    monkeypatch.setenv("INCENTIVE_MEMORY_LIMIT", "512MB")
    assert limit() == "488.2 MiB"
    for wrong in ("lots", "80%", "10MB"):  # 10 MB: DuckDB could not even open the database
        monkeypatch.setenv("INCENTIVE_MEMORY_LIMIT", wrong)
        with pytest.raises(SystemExit, match="INCENTIVE_MEMORY_LIMIT"):
            limit()


def test_duckdb_threads_are_the_configured_number(tmp_path, monkeypatch):
    """INCENTIVE_DUCKDB_THREADS gives the database a share of the cores (the test workers take one each:
    tests/conftest.py); unset, DuckDB's own default, one per core."""

    def threads() -> int:
        db = Database(tmp_path / "threads.duckdb")
        try:
            return db.fetch_all("SELECT current_setting('threads')")[0][0]
        finally:
            db.close()

    monkeypatch.delenv("INCENTIVE_DUCKDB_THREADS", raising=False)
    with duckdb.connect() as plain:
        assert threads() == plain.execute("SELECT current_setting('threads')").fetchone()[0]
    for value, expected in (("1", 1), (" 3 ", 3)):
        monkeypatch.setenv("INCENTIVE_DUCKDB_THREADS", value)
        assert threads() == expected
    for wrong in ("0", "-1", "1.5", "two"):
        monkeypatch.setenv("INCENTIVE_DUCKDB_THREADS", wrong)
        with pytest.raises(SystemExit, match="INCENTIVE_DUCKDB_THREADS"):
            threads()


def test_a_large_file_is_parsed_in_half_the_databases_memory(monkeypatch):
    """The DuckDB that parses a large file runs while the database holds its own memory: half the limit each time
    keeps a province's import within 1.5 GB (docs/performance.md), never below 128 MB."""
    monkeypatch.delenv("INCENTIVE_MEMORY_LIMIT", raising=False)
    assert config.parse_memory_limit() == "500MB"
    monkeypatch.setenv("INCENTIVE_MEMORY_LIMIT", "3GiB")
    assert config.parse_memory_limit() == "1611MB"
    monkeypatch.setenv("INCENTIVE_MEMORY_LIMIT", "256MB")
    assert config.parse_memory_limit() == "128MB"
    with duckdb.connect(config={"memory_limit": config.parse_memory_limit()}) as con:  # a size DuckDB takes
        assert con.execute("SELECT current_setting('memory_limit')").fetchone()[0] == "122.0 MiB"


def test_batch_records_file_hash_kind_rows_who_when(catalog_db):
    history = batches.history(catalog_db)
    assert history[["id", "kind", "file", "rows", "status", "source"]].values.tolist() == [
        [1, "regions", "regions.csv", 5, "active", "cli"],
        [2, "indicators", "indicators.csv", 5, "active", "cli"],
    ]
    assert history["sha256"].iloc[0] == hashlib.sha256(data_file("regions.csv")).hexdigest()
    assert history["created_by"].tolist() == ["test", "test"]
    assert all(isinstance(x, dt.datetime) for x in history["created_at"])


def test_supersede_then_rollback_restores_exact_previous_export(catalog_db):
    first = "考核期,县区,指标,数值\n2025Q2,云岫县,R01,1\n2025Q2,云峤县,R01,2\n"
    import_ok(catalog_db, "a.csv", first.encode())
    before = race_export(catalog_db)
    second = "考核期,县区,指标,数值\n2025Q2,云岫县,R01,10\n2025Q2,澄溪县,R01,3\n"
    batch = import_ok(catalog_db, "b.csv", second.encode())
    after = race_export(catalog_db)
    assert after == (
        "period,county,township,indicator,value\n2025-Q2,云岫县,,R01,10.0\n"
        "2025-Q2,云峤县,,R01,2.0\n2025-Q2,澄溪县,,R01,3.0\n"
    )
    batches.rollback(catalog_db, batch)
    assert race_export(catalog_db) == before
    assert batches.history(catalog_db).set_index("id").at[batch, "status"] == "rolled_back"


def test_rolling_back_an_earlier_batch_keeps_later_ones(catalog_db):
    a = import_ok(catalog_db, "a.csv", "考核期,县区,指标,数值\n2025Q1,云岫县,R01,1\n".encode())
    import_ok(catalog_db, "b.csv", "考核期,县区,指标,数值\n2025Q1,云岫县,R01,5\n2025Q1,云峤县,R01,6\n".encode())
    batches.rollback(catalog_db, a)
    assert race_export(catalog_db).splitlines()[1:] == ["2025-Q1,云岫县,,R01,5.0", "2025-Q1,云峤县,,R01,6.0"]


def test_values_written_as_missing_markers_are_noted_and_said_so_when_they_empty_stored_ones(catalog_db):
    """无 and — are read as missing, never 0, and said: a note counts them with the first row and column, and the
    stored values they empty are said to be written so, not blank (docs/decisions.md#missing-markers-are-no-value)."""
    import_ok(catalog_db, "a.csv", "考核期,县区,指标,数值\n2025Q2,云岫县,R01,1\n2025Q2,云峤县,R02,2\n".encode())
    long = "考核期,县区,指标,数值\n2025Q2,澄溪县,R01,3\n2025Q2,云岫县,R01,无\n2025Q2,云峤县,R02,—\n".encode()
    wide = "考核期,县区,招商引资额,安全生产事故起数\n2025Q2,澄溪县,3,\n2025Q2,云岫县,无,0\n2025Q2,云峤县,5,—\n".encode()
    for name, data, column in (("l.csv", long, "数值"), ("w.csv", wide, "招商引资额")):
        later = parse_file(name, data, current_reference(catalog_db))
        assert later.importable and later.rows["value"].isna().sum() == 2 + (name == "w.csv")  # 无 is not 0
        assert [n.text("zh") for n in later.notes if "写作" in n.text("zh")] == [
            f"2 个单元格写作「无」、「—」，按缺失（无数值）读入，不按 0 计（如第 3 行「{column}」列「无」）；排名按规则处理缺失值。"
            "如本意是 0，请填写 0 后重新导入。"
        ]
        effects = import_effects(catalog_db, later)
        assert (effects.blanked, effects.blanked_marked, effects.blanked_written) == (2, 2, ("无", "—"))
        assert blanked_text(effects, "zh", "data_effects_blank") == (
            "注意：有 2 个已有数值将变为空（文件中写作「无」、「—」，按缺失读入，不按 0 计）。"
        )
        assert effects_text(later.kind, effects, "en").endswith(
            "; note: 2 existing values emptied (written “无”, “—” in the file)"
        )
    some = parse_file(
        "s.csv",
        "考核期,县区,指标,数值\n2025Q2,云岫县,R01,\n2025Q2,云峤县,R02,无\n".encode(),
        current_reference(catalog_db),
    )
    effects = import_effects(catalog_db, some)
    assert blanked_text(effects, "en", "data_effects_blank") == (
        "Note: 2 existing values become empty (1 written “无” in this file, read as missing, not as 0; the others blank)."
    )
    blank = parse_file("b.csv", "考核期,县区,指标,数值\n2025Q2,云岫县,R01,\n".encode(), current_reference(catalog_db))
    assert blanked_text(import_effects(catalog_db, blank), "zh", "data_effects_blank") == (
        "注意：有 1 个已有数值将变为空（文件中为空白）。"
    )
    assert not [n for n in blank.notes if n.key == "note_missing_markers"]


def test_rollback_twice_or_unknown_is_refused(catalog_db):
    batches.rollback(catalog_db, 1)
    with pytest.raises(BatchError):
        batches.rollback(catalog_db, 1)
    with pytest.raises(BatchError):
        batches.rollback(catalog_db, 99)


def test_blank_in_later_batch_stores_missing_and_preview_counts_it(catalog_db):
    import_ok(catalog_db, "a.csv", "考核期,县区,指标,数值\n2025Q2,云岫县,R01,1\n2025Q2,云峤县,R01,2\n".encode())
    later = parse_file(
        "b.csv",
        "考核期,县区,指标,数值\n2025Q2,云岫县,R01,\n2025Q2,云峤县,R01,2\n2025Q2,澄溪县,R01,4\n".encode(),
        current_reference(catalog_db),
    )
    effects = import_effects(catalog_db, later)
    assert (effects.new, effects.changed, effects.same, effects.blanked) == (1, 1, 1, 1)
    changes = value_changes(catalog_db, later)  # which ones, before and after: a blank among them
    assert changes[["county", "indicator", "before", "after"]].values.tolist()[0][:3] == ["云岫县", "R01", 1.0]
    assert len(changes) == 1 and pd.isna(changes.iloc[0]["after"])
    corrected = parse_file(
        "c.csv", "考核期,县区,指标,数值\n2025Q2,云峤县,R01,2.5\n".encode(), current_reference(catalog_db)
    )
    assert value_changes(catalog_db, corrected)[["county", "before", "after"]].values.tolist() == [["云峤县", 2.0, 2.5]]
    batches.import_preview(catalog_db, later, source="cli", created_by="t")
    assert race_export(catalog_db).splitlines()[1] == "2025-Q2,云岫县,,R01,"


def test_roster_snapshot_with_same_as_of_is_replaced_whole(catalog_db):
    header = "干部编号,县区,单位,职级,性别,出生年份,统计日期\n"
    import_ok(
        catalog_db,
        "r1.csv",
        (
            header + "A1,云岫县,安坝镇,一级科员,男,1990,2025-06-30\nA2,云岫县,安坝镇,一级科员,女,1991,2025-06-30\n"
        ).encode(),
    )
    second = parse_file(
        "r2.csv", (header + "A3,云峤县,丹埠镇,一级科员,男,1992,2025-06-30\n").encode(), current_reference(catalog_db)
    )
    assert import_effects(catalog_db, second).snapshot_replaced == 2
    batches.import_preview(catalog_db, second, source="cli", created_by="t")
    assert export_frame(catalog_db, "roster", scope=Scope.ALL)["cadre_id"].tolist() == ["A3"]


def test_a_file_imported_again_changes_data_only_once_something_replaced_it(catalog_db):
    """Same bytes as an active batch: importing them again changes nothing until a later batch changed their
    values (or, for a roster, replaced their snapshot); then it would set them back."""

    def again(name: str, data: bytes) -> tuple[bool, str]:
        preview = parse_file(name, data, current_reference(catalog_db))
        earlier = batches.active_of_file(catalog_db, preview.sha256)
        effects = import_effects(catalog_db, preview)
        changes = reimport_changes(catalog_db, preview, effects, earlier)
        return changes, same_file_text(preview, effects, earlier, changes, "en")

    scores = data_file("race_long.csv")
    first = import_ok(catalog_db, "race_long.csv", scores)
    assert again("race_long.csv", scores) == (
        False,
        f"This exact file was imported before (batch #{first}); importing it again adds an identical batch.",
    )
    fix = "考核期,县区,乡镇,指标,数值\n2025Q2,云岫县,安坝镇,R01,57\n2025Q2,枫岚区,,R01,-3\n2025Q2,云峤县,,R02,2\n"
    import_ok(catalog_db, "fix.csv", fix.encode())  # two values corrected, one given where the file has none
    assert again("race_long.csv", scores) == (
        True,
        f"This exact file was imported before (batch #{first}), but the data have changed since; importing it "
        "again sets them back to this file's values: 3 changed, 1 existing value emptied.",
    )

    header = "干部编号,县区,单位,职级,性别,出生年份,统计日期\n"
    roster = (
        header + "A1,云岫县,安坝镇,一级科员,男,1990,2025-06-30\nA2,云岫县,安坝镇,一级科员,女,1991,2025-06-30\n"
    ).encode()
    first = import_ok(catalog_db, "r1.csv", roster)
    assert again("r1.csv", roster)[0] is False
    import_ok(catalog_db, "r2.csv", (header + "A3,云峤县,丹埠镇,一级科员,男,1992,2025-06-30\n").encode())
    assert again("r1.csv", roster) == (
        True,
        f"This exact file was imported before (batch #{first}), but the snapshot as of 2025-06-30 has been replaced "
        "since; importing it again sets it back to this file's 2 cadres (currently 1).",
    )


def test_remove_sample_rolls_back_only_sample_batches(catalog_db):
    preview = parse_file(
        "s.csv", "考核期,县区,指标,数值\n2025Q2,云岫县,R01,1\n".encode(), current_reference(catalog_db)
    )
    batches.import_preview(catalog_db, preview, source="sample", created_by="sample")
    assert batches.rollback_source(catalog_db, "sample") == 1
    assert batches.active_count(catalog_db) == 2
    assert export_frame(catalog_db, "race_scores").empty


def test_data_version_changes_on_import_and_rollback(catalog_db):
    v1 = batches.data_version(catalog_db)
    batch = import_ok(catalog_db, "a.csv", "考核期,县区,指标,数值\n2025Q2,云岫县,R01,1\n".encode())
    v2 = batches.data_version(catalog_db)
    batches.rollback(catalog_db, batch)
    assert len({v1, v2, batches.data_version(catalog_db)}) == 3


def test_the_latest_batch_named_is_the_newest_whose_data_count(catalog_db):
    """The sidebar's "最新为批次 #N" and a publication's data: after the newest batch is rolled back, the one before
    it (a walk-through saw the sidebar name a rolled-back batch as the latest); as of a moment before the rollback,
    the rolled-back one."""
    before = batches.version_info(catalog_db).latest_batch
    batch = import_ok(catalog_db, "a.csv", "考核期,县区,指标,数值\n2025Q2,云岫县,R01,1\n".encode())
    assert batches.version_info(catalog_db).latest_batch == batch
    moment = batches.version_info(catalog_db).last_change
    batches.rollback(catalog_db, batch)
    assert batches.version_info(catalog_db).latest_batch == before
    assert batches.version_as_of(catalog_db, moment).latest_batch == batch


def test_refused_import_writes_nothing(catalog_db):
    before = batches.history(catalog_db)
    preview = parse_file(
        "bad.csv", "考核期,县区,指标,数值\n2025Q2,无此县,R01,1\n".encode(), current_reference(catalog_db)
    )
    with pytest.raises(BatchError):
        batches.import_preview(catalog_db, preview, source="cli", created_by="t")
    assert batches.history(catalog_db).equals(before)


def test_failed_insert_rolls_back_the_whole_batch(catalog_db, monkeypatch):
    preview = parse_file(
        "a.csv", "考核期,县区,指标,数值\n2025Q2,云岫县,R01,1\n".encode(), current_reference(catalog_db)
    )
    preview.rows["value"] = ["not a number"]  # corrupt after validation: the INSERT itself fails
    with pytest.raises(Exception):  # noqa: B017 - whichever error DuckDB raises for the bad value
        batches.import_preview(catalog_db, preview, source="cli", created_by="t")
    assert len(batches.history(catalog_db)) == 2
    assert catalog_db.fetch_all("SELECT count(*) FROM indicator_values")[0][0] == 0


def test_indicator_versions_by_effective_from(db):
    import_ok(
        db,
        "i.csv",
        (
            "指标代码,指标名称,类别,赛道,单位,方向,权重,生效起始期\n"
            "R1,甲,赛马,项目建设,个,正向,10,\nR1,甲,赛马,项目建设,个,正向,20,2025年\n"
        ).encode(),
    )
    rows = export_frame(db, "indicators")[["code", "weight", "effective_from"]].values.tolist()
    assert rows == [["R1", 10.0, ""], ["R1", 20.0, "2025"]]


def test_catalog_in_force_picks_the_latest_version_not_after_the_period(db):
    import_ok(
        db,
        "i.csv",
        (
            "指标代码,指标名称,类别,赛道,单位,方向,权重,生效起始期\n"
            "R1,甲,赛马,项目建设,个,正向,10,\nR1,甲,赛马,项目建设,个,正向,20,2025年\n"
            "R1,甲,赛马,项目建设,个,正向,30,2025H2\n"
        ).encode(),
    )

    def weight(period):
        return db.fetch_all("SELECT weight FROM catalog_in_force('race', $p)", {"p": period})

    assert [weight(p) for p in ("2024-Q4", "2025-Q1", "2025-06", "2025-Q3", "2026")] == [
        [(10.0,)],
        [(20.0,)],
        [(20.0,)],
        [(30.0,)],
        [(30.0,)],
    ]


# ---- current training: batches superseded in part (store/superseded_training.py)


def _training_file(rows: list[str]) -> bytes:
    return ("干部编号,培训项目,培训类别,培训领域,培训方式,组织形式,学时,培训日期\n" + "\n".join(rows) + "\n").encode()


def test_current_training_follows_import_supersede_and_rollback(db):
    first = import_ok(
        db,
        "t1.csv",
        _training_file(
            [
                "A1,班一,政治能力,党的理论,线上,集体,4,2025-01-05",
                "A1,班二,政治能力,党的理论,线上,集体,6,2025-01-20",
                "A2,班一,专业能力,乡村振兴,线下,个人,8,2025-02-01",
            ]
        ),
    )
    assert current_training(db).equals(db.fetch_df(NEWEST_TRAINING_PER_KEY))
    assert partly_superseded_training(db) == []
    second = import_ok(
        db,
        "t2.csv",
        _training_file(
            [  # supersedes one of A1's rows, adds A3
                "A1,班二,政治能力,党的理论,线上,集体,2,2025-01-20",
                "A3,班三,创新能力,数字政府,线上,集体,3,2025-03-01",
            ]
        ),
    )
    assert current_training(db).equals(db.fetch_df(NEWEST_TRAINING_PER_KEY))
    assert partly_superseded_training(db) == [first]
    assert db.fetch_all("SELECT sum(hours) FROM current_training WHERE cadre_id = 'A1'") == [(6.0,)]
    third = import_ok(
        db,
        "t3.csv",
        _training_file(
            [  # supersedes A1's other row of the first batch and A3's of the second, adds A4
                "A1,班一,政治能力,党的理论,线上,集体,5,2025-01-05",
                "A3,班三,创新能力,数字政府,线上,集体,7,2025-03-01",
                "A4,班二,政治能力,党的理论,线上,集体,1,2025-04-30",
            ]
        ),
    )
    assert current_training(db).equals(db.fetch_df(NEWEST_TRAINING_PER_KEY))
    assert partly_superseded_training(db) == [first, second]
    assert db.fetch_all("SELECT sum(hours) FROM current_training WHERE cadre_id IN ('A1', 'A3')") == [(14.0,)]
    batches.rollback(db, second)  # A1's 班二 back to the first batch's 6 学时; A3 stays the third's
    assert current_training(db).equals(db.fetch_df(NEWEST_TRAINING_PER_KEY))
    assert partly_superseded_training(db) == [first]
    assert db.fetch_all("SELECT sum(hours) FROM current_training WHERE cadre_id = 'A1'") == [(11.0,)]
    batches.rollback(db, third)  # the first batch current whole again
    assert current_training(db).equals(db.fetch_df(NEWEST_TRAINING_PER_KEY))
    assert partly_superseded_training(db) == []
    assert db.fetch_all("SELECT count(*) FROM training_kept") == [(0,)]
    batches.rollback(db, first)
    assert current_training(db).empty


def test_a_training_record_whose_domain_alone_changed_is_a_change(db):
    """培训领域 is a cell of a training file (the domain figures read it), not the file's kind as a race or welfare
    value's domain is: a fresh helper found the import's effects counting such a row as the same."""
    import_ok(db, "t1.csv", _training_file(["A1,班一,政治能力,党的理论,线上,集体,4,2025-01-05"]))
    again = parse_file(
        "t2.csv", _training_file(["A1,班一,政治能力,乡村振兴,线上,集体,4,2025-01-05"]), current_reference(db)
    )
    effects = import_effects(db, again)
    assert (effects.new, effects.changed, effects.same) == (0, 1, 0)


def migrate_before(con, schema: int) -> None:
    """Apply every migration older than `schema` to `con`, recorded as applied: a database from before it."""
    con.execute("CREATE TABLE schema_version (version INTEGER, applied_at TIMESTAMP)")
    for version, sql in migrations.ordered():
        if version < schema:
            con.execute(sql)
            con.execute("INSERT INTO schema_version VALUES ($v, now())", {"v": version})


def test_a_database_from_before_schema_21_keeps_its_current_training(tmp_path):
    """Schema 021 lists the batches an older database already had superseded in part, and keeps their current rows:
    the same rows as the window it replaces, through later imports and rollbacks too."""
    path = tmp_path / "old.duckdb"
    with duckdb.connect(str(path)) as con:
        migrate_before(con, 21)
        for batch, status in ((1, "active"), (2, "active"), (3, "rolled_back")):
            con.execute(
                "INSERT INTO batches (id, kind, status, created_at) VALUES ($id, 'training', $status, now())",
                {"id": batch, "status": status},
            )
        con.execute(
            """INSERT INTO training VALUES
               (1, 'A1', '班一', 'political', 'theory', 'online', 'collective', 4, DATE '2025-01-05'),
               (1, 'A1', '班二', 'political', 'theory', 'online', 'collective', 6, DATE '2025-01-20'),
               (2, 'A1', '班二', 'political', 'theory', 'online', 'collective', 2, DATE '2025-01-20'),
               (3, 'A1', '班一', 'political', 'theory', 'online', 'collective', 9, DATE '2025-01-05')"""
        )
    db = Database(path)
    assert partly_superseded_training(db) == [1] and current_training(db).equals(db.fetch_df(NEWEST_TRAINING_PER_KEY))
    assert db.fetch_all("SELECT sum(hours) FROM current_training") == [(6.0,)]
    batches.rollback(db, 2)
    assert partly_superseded_training(db) == [] and db.fetch_all("SELECT sum(hours) FROM current_training") == [(10.0,)]
    db.close()


# Two catalog versions of one indicator (batch 2's replaces batch 1's, each with its own class weights) and two
# counties' race values in two quarters: what schema 023's macros and view read.
SCHEMA_23_ROWS = (
    """INSERT INTO batches (id, kind, status, created_at) VALUES
       (1, 'indicators', 'active', now()), (2, 'indicators', 'active', now()), (3, 'race', 'active', now())""",
    """INSERT INTO indicators (batch_id, code, name, domain, track, direction, weight, effective_from) VALUES
       (1, 'R1', '指标一', 'race', '发展', 'higher', 10, ''), (2, 'R1', '指标一', 'race', '发展', 'higher', 12, '')""",
    """INSERT INTO indicator_class_weights VALUES
       (1, 'R1', '', '农业大县', 6), (1, 'R1', '', '城区', 0), (2, 'R1', '', '城区', 3)""",
    """INSERT INTO indicator_values VALUES
       (3, 'race', '2025-Q1', '甲县', '', 'R1', 10), (3, 'race', '2025-Q2', '甲县', '', 'R1', 11),
       (3, 'race', '2025-Q1', '乙县', '', 'R1', 20), (3, 'race', '2025-Q2', '乙县', '', 'R1', 22)""",
)


def assert_schema_23_reads(db: Database) -> None:
    """The queries over SCHEMA_23_ROWS: a rollback's catalog with its own batch's class weights, and a file's value
    compared with the stored ones (unusual changes, a whole column in another unit)."""
    kept = queries.run(db.connection, "catalog_after_rollback", batches=[2])
    assert kept[["code", "weight", "class_weights"]].values.tolist() == [["R1", 10.0, "农业大县=6.0;城区=0.0"]]
    periods = pd.DataFrame({"domain": ["race"], "period": ["2025-Q2"]})
    rescoring = queries.run(
        db.connection, "catalog_rescoring", {"stored_periods": periods, "versions_after": kept}, name_after=False
    )
    assert rescoring[["code", "b_weight", "a_weight", "b_class_weights", "a_class_weights"]].values.tolist() == [
        ["R1", 12.0, 10.0, "城区=3.0", "农业大县=6.0;城区=0.0"]
    ]
    file = pd.DataFrame(
        {"period": ["2025-Q2"], "county": ["甲县"], "township": [None], "indicator": ["R1"], "value": [1100.0]}
    )
    pairs = checks.value_pairs(db.connection, "race", file)
    assert pairs[["county", "old", "new"]].values.tolist() == [["乙县", 20.0, 22.0], ["甲县", 10.0, 1100.0]]
    references = checks.scale_pairs(db.connection, "race", file)
    assert references[["county", "previous", "old", "new", "prefecture"]].values.tolist() == [
        ["甲县", "2025-Q1", 10.0, 1100.0, False]
    ]


def test_a_database_from_before_schema_23_compares_values_and_class_weights_as_before(tmp_path):
    """Schema 023 defines once what the plausibility checks and a catalog's re-scoring wrote out each (a file's values
    merged with the stored ones; a catalog row's class weights as one text): an older database gains them on
    opening, and the queries read its stored rows as they did."""
    path = tmp_path / "old.duckdb"
    with duckdb.connect(str(path)) as con:
        migrate_before(con, 23)
        for statement in SCHEMA_23_ROWS:
            con.execute(statement)
    db = Database(path)
    try:
        assert_schema_23_reads(db)
    finally:
        db.close()


def test_schema_23_macros_and_view_on_both_backends(db):
    """On DuckLake the macros live in each process's in-memory catalog and read the lake's tables: the same rows."""
    with db.transaction() as cur:
        for statement in SCHEMA_23_ROWS:
            cur.execute(statement)
    assert_schema_23_reads(db)


# ---- names that SQL must quote

# A double quote ends a quoted identifier, a single quote a string literal; spaces and Chinese are ordinary.
AWKWARD_NAMES = ['my"db.duckdb', "it's 数据 库.duckdb", "备份 \"甲\" '乙'.duckdb"]


def test_identifier_quotes_whatever_a_name_holds():
    assert identifier('my"db') == '"my""db"' and identifier("it's 库") == '"it\'s 库"'
    db = Database(":memory:")
    for name in ['my"db', "it's 数据 库", '"', 'a""b', "select"]:
        assert db.fetch_df(f"SELECT 1 AS {identifier(name)}").columns.tolist() == [name]
    db.close()


@pytest.mark.parametrize("name", AWKWARD_NAMES)
def test_backup_of_a_file_with_quotes_spaces_and_chinese_in_its_name(tmp_path, name):
    db = Database(tmp_path / name)
    import_ok(db, "regions.csv", data_file("regions.csv"))
    regions = db.fetch_all("SELECT * FROM current_regions ORDER BY ALL")
    target = backup.backup_to(db, tmp_path / "backups" / name, "admin")
    assert audit.log(db)[["who", "action", "target"]].values.tolist()[0] == ["admin", "backup", str(target)]
    db.close()
    copy = Database(target)
    assert not copy.created and copy.fetch_all("SELECT * FROM current_regions ORDER BY ALL") == regions
    copy.close()
    assert backup.is_incentive_database(target)


def test_backup_to_an_awkward_name_on_both_backends(db, tmp_path):
    import_ok(db, "regions.csv", data_file("regions.csv"))
    target = backup.backup_to(db, tmp_path / AWKWARD_NAMES[2], "admin")
    copy = Database(target)  # from a lake too: the macros were written into the file under the quoted alias
    assert copy.fetch_all("SELECT count(*) FROM current_regions") == db.fetch_all(
        "SELECT count(*) FROM current_regions"
    )
    copy.close()
