"""The 干部画像 page through AppTest on the sample: an administrator opens a cadre by the address and the opening is
in the audit log; a cadre outside a county account's scope is refused in one sentence; the training page's list of
untrained cadres says a row opens the profile."""

from __future__ import annotations

from conftest import as_admin, as_user, open_tab

from incentive.accounts.roles import Principal
from incentive.store import audit
from incentive.store.database import Database

CADRE = "LZ000007"  # 云岫县 in the sample


def _opened(path) -> list[tuple]:
    db = Database(path)
    try:
        return [(r.who, r.target) for r in audit.log(db).itertuples() if r.action == "open_cadre"]
    finally:
        db.close()


def _opened_by_an_administrator(app_factory, path, cadre: str, query: dict | None = None):
    """The cadre page of `cadre` as 测试管理员 opens it by its address (with `query`, e.g. the year)."""
    at = app_factory(path, run=False, query=query)
    as_admin(at, "测试管理员")
    at.run()
    at.switch_page("views/cadre.py")
    at.query_params["cadre.id"] = cadre
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_an_administrator_opens_a_cadre_by_the_address_and_it_is_logged(app_factory, sample_db_path):
    at = _opened_by_an_administrator(app_factory, sample_db_path, CADRE)
    assert at.text_input(key="cadre_id").value == CADRE
    assert any("云岫县" in s.value and "花名册截至" in s.value for s in at.subheader)
    assert any("本次查看已记入审计日志（测试管理员，LZ000007）" in c.value for c in at.caption)
    grades = next(d.value for d in at.dataframe if "考核等次" in d.value.columns)
    assert grades["年度"].tolist() == [2025, 2024, 2023]
    assert _opened(sample_db_path) == [("测试管理员", CADRE)]


def test_an_id_typed_in_lower_case_or_full_width_shows_the_roster_cadre_and_says_which(app_factory, sample_db_path):
    """`lz000007` or `ＬＺ００００07` was "no roster lists it" (a tester's finding): the roster's LZ000007 is shown,
    the page saying which stored id it shows (cadre_profile.roster_spelling)."""
    for typed in ("lz000007", "ＬＺ００００07"):
        at = _opened_by_an_administrator(app_factory, sample_db_path, typed)
        assert not at.warning, [w.value for w in at.warning]
        assert [i.value for i in at.info if "名册上的干部编号" in i.value] == [
            f"显示的是名册上的干部编号 LZ000007（输入为「{typed}」，只差全角或字母大小写）。"
        ]
        assert any("本次查看已记入审计日志（测试管理员，LZ000007）" in c.value for c in at.caption)


def test_a_cadre_whose_county_has_not_sent_a_quarter_is_told_his_hours_may_read_low(app_factory, sample_db_path):
    """棠梨县 (LZ004543's county) has not sent 2026-Q3: his 2026 hours count the records sent, and the page says so;
    in 2025 (every file in), and for 云岫县's cadre, nothing is said."""
    said = "本县区培训数据未报齐：棠梨县（2026年第三季度未报）。以下学时只计已报送的记录，可能偏低。"
    for cadre, year, expected in (("LZ004543", "2026", [said]), ("LZ004543", "2025", []), (CADRE, "2026", [])):
        at = _opened_by_an_administrator(app_factory, sample_db_path, cadre, {"year": year})
        assert [w.value for w in at.warning if "培训数据未报齐" in w.value] == expected, (cadre, year)


def test_a_county_account_is_refused_a_cadre_of_another_county(app_factory, sample_db_path):
    from incentive.accounts import users

    db = Database(sample_db_path)
    users.add(db, "澄溪领导", "county_leader", "澄溪县", "a-long-password-1", "test")
    db.close()
    at = app_factory(sample_db_path, run=False)
    as_user(at, Principal("澄溪领导", "county_leader", "澄溪县", "database"))
    at.run()
    at.switch_page("views/cadre.py")
    at.query_params["cadre.id"] = CADRE
    at.run()
    assert not at.exception
    assert [w.value for w in at.warning] == ["您的账号范围内没有干部编号为「LZ000007」的干部。"]
    assert not at.dataframe and _opened(sample_db_path) == []


def test_the_untrained_list_says_a_row_opens_the_profile(app_factory, sample_db_path):
    at = app_factory(sample_db_path, run=False)
    as_admin(at, "测试管理员")
    at.run()
    at.switch_page("views/training.py")
    at.run()
    open_tab(at, "drill")  # the names are in the tab of one county's figures
    assert any("点选一行查看该干部的画像" in c.value for c in at.caption)
