"""The caches of ui/runtime.py against what a process with nothing cached shows: after a change of settings, on a
pinned link shared after a change that writes no batch, on the progress page opened from a pinned link, and the
document the sidebar offers for a view after a change of its data.

Sessions made in one test share Streamlit's caches, as the sessions of one server do (conftest.app_factory);
`nothing_cached` clears them, as a new process would have them."""

from __future__ import annotations

import ast
import dataclasses
from pathlib import Path

from conftest import as_admin, import_ok

from incentive.store import settings
from incentive.store.database import Database
from incentive.training import targets

ROOT = Path(__file__).resolve().parent.parent


def nothing_cached() -> None:
    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()  # shared_results' too


def shown(at) -> list[str]:
    """Every figure and sentence of a page, in order."""
    return (
        [f"{m.label}={m.value}" for m in at.metric]
        + [e.value for kind in ("warning", "info", "caption", "markdown") for e in at.get(kind)]
        + [str(frame.value.to_dict()) for frame in at.dataframe]
    )


def _cached_functions(tree: ast.Module) -> list[ast.FunctionDef]:
    def cached(decorator: ast.expr) -> bool:
        text = ast.unparse(decorator)
        return "shared_result" in text or "cache_data" in text or "cache_resource" in text

    return [f for f in tree.body if isinstance(f, ast.FunctionDef) and any(cached(d) for d in f.decorator_list)]


def test_no_cached_function_reads_the_settings_outside_its_key():
    """A cached result that depends on a setting takes the settings as an argument of its key (runtime.settings_key):
    read in its body, a change of settings (which writes no batch) left the figures of the settings before."""
    tree = ast.parse((ROOT / "ui" / "runtime.py").read_text(encoding="utf-8"))
    functions = _cached_functions(tree)
    assert len(functions) >= 20, [f.name for f in functions]  # the check found them
    reading = sorted(
        f.name
        for f in functions
        for node in ast.walk(f)
        if isinstance(node, ast.Call)
        and ast.unparse(node.func) in ("app_settings", "settings.current", "settings.read")
    )
    assert not reading, reading


def test_a_changed_schedule_changes_the_training_figures_of_the_next_session(app_factory, sample_db_path):
    """棠梨县 never sent its training records of 2026-Q3 (the sample's story): with a monthly schedule in force when
    that quarter began the pages name the months instead of the quarter, in the sessions that follow the change, as
    in a new process. The changes are dated back (one made now judges no quarter already over again:
    tests/test_schedule_history.py): monthly from 2026-06-20, quarterly again from 2026-10-05. The settings are
    then what they were at first, but 2026-Q3 is owed by months: what was cached under the same values before is
    not shown (runtime.settings_key holds the version of the schedule's history)."""
    pages = ("views/overview.py", "views/training.py")
    before = {page: shown(app_factory(sample_db_path, page=page, query={"year": "2026"})) for page in pages}
    db = Database(sample_db_path)
    for months, day in ((1, "2026-06-20"), (3, "2026-10-05")):
        settings.save(db, "training_cycle_months", months, "测试管理员")
        db.connection.execute(
            "UPDATE settings SET changed_at = CAST($day AS TIMESTAMP) WHERE key = 'training_cycle_months' "
            "AND value = $value",
            {"day": day, "value": str(months)},
        )
    assert settings.current(db)["training_cycle_months"] == 3  # as at first
    db.close()
    after = {page: shown(app_factory(sample_db_path, page=page, query={"year": "2026"})) for page in pages}
    nothing_cached()
    fresh = {page: shown(app_factory(sample_db_path, page=page, query={"year": "2026"})) for page in pages}
    assert after == fresh
    assert before["views/training.py"] != fresh["views/training.py"]  # the change does show on the page
    assert any("2026年7月" in line for line in fresh["views/overview.py"]), fresh["views/overview.py"]


def _last_pinned_link(database: Database) -> str:
    return database.connection.execute(
        "SELECT key FROM permalinks WHERE pinned_at IS NOT NULL ORDER BY created_at DESC LIMIT 1"
    ).fetchone()[0]


def test_a_pinned_link_shared_after_a_target_change_shows_what_its_sharer_saw(app_factory, sample_db_path):
    """Training targets are kept by the moment (a pinned link measures against the targets then): a link shared
    after a change of target, with no import since, holds the new target, as its sharer's page did."""
    db = Database(sample_db_path)
    section = targets.in_force(db.connection)["section"]
    targets.save(db, {"section": dataclasses.replace(section, hours=section.hours / 2)}, "测试管理员")
    db.close()
    sharer = app_factory(sample_db_path, page="views/training.py", run=False)
    as_admin(sharer, "测试管理员")
    sharer.run()
    sharer.button(key="share_link").click().run()
    seen = {m.label: m.value for m in sharer.metric}
    db = Database(sample_db_path)
    key = _last_pinned_link(db)
    db.close()
    opened = app_factory(sample_db_path, page="views/training.py", query={"v": key})
    assert {m.label: m.value for m in opened.metric} == seen
    assert any(m.label.startswith("达到本人学时目标") for m in opened.metric)


def test_the_progress_page_of_a_pinned_session_follows_an_import(app_factory, sample_db_path):
    """The progress page reads the current data, pinned link or not: its cache is keyed on the current data, not
    on the link's moment, so an import shows in the next session as in a new process; its banner says it is
    current, not the link's moment."""
    db = Database(sample_db_path)
    key = _pinned_link(db)
    db.close()

    def progress():
        at = app_factory(sample_db_path, page="views/progress.py", query={"v": key}, run=False)
        as_admin(at, "测试管理员")
        at.run()
        assert not at.exception
        # and says so, where other pages name the link's moment (a reader took that for the figures shown)
        assert [i.value for i in at.info if "始终显示最新报送情况" in i.value]
        assert not [w.value for w in at.warning if w.value.startswith("本链接显示")]
        return at.dataframe[0].value.to_dict()

    before = progress()
    db = Database(sample_db_path)
    import_ok(db, "四季度.csv", "考核期,县区,指标,数值\n2026Q4,云岫县,R01,30\n".encode())
    db.close()
    after = progress()
    nothing_cached()
    assert after == progress() != before


def _pinned_link(database: Database) -> str:
    """A pinned link to the progress page, at the last change of the data."""
    from incentive.sharing import permalinks
    from incentive.store import batches

    moment = batches.version_info(database).last_change
    return permalinks.save(database, "progress", {}, created_by="test", pinned_at=moment)


def test_a_document_made_before_a_change_of_the_data_is_no_longer_offered(app_factory, sample_db_path):
    """The sidebar offers the 通报 made for the view while the figures it was made from hold (runtime.figures_key):
    an import by another session, which changes the ranking, takes the download away until it is made again."""
    at = app_factory(sample_db_path, page="views/rankings.py")
    at.button(key="bulletin_page").click().run()
    assert [b.key for b in at.get("download_button") if b.key == "bulletin_download_page"]
    db = Database(sample_db_path)
    rows = "".join(f"2026Q3,苇塘县,,R{i:02d},100\n" for i in range(1, 13))
    import_ok(db, "补报.csv", ("考核期,县区,乡镇,指标,数值\n" + rows).encode())
    db.close()
    at.run()
    assert not [b.key for b in at.get("download_button") if b.key == "bulletin_download_page"]
    at.button(key="bulletin_page").click().run()  # made again, from the figures now
    assert [b.key for b in at.get("download_button") if b.key == "bulletin_download_page"]
