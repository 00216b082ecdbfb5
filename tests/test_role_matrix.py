"""Every role against every page and every write, through AppTest on a small database of two counties; then the
address tampered with by hand (county, drill-down, short and pinned links) as each role: nothing outside the
user's scope appears, in page text, tables, chart data or downloads (docs/decisions.md#named-lists).

甲县 and 乙县 have ten cadres each, five of them trained in 2025, so no training figure is small and each county's
list of untrained cadres (甲员6-10, 乙员6-10) may be shown to its own accounts.
"""

from __future__ import annotations

import datetime as dt
import gc
import re
import shutil

import pytest
from conftest import as_admin, as_user, import_ok, open_tab
from page_text import visible_texts

from incentive import access
from incentive.accounts import users
from incentive.accounts.roles import COUNTY_CLERK, COUNTY_LEADER, PREFECTURE_ADMIN, Principal
from incentive.i18n import t
from incentive.sharing import permalinks
from incentive.store.database import Database
from ui import sign_in

ADMIN_PASSWORD = "the first admin 1"
ADMIN_HASH = access.hash_password(ADMIN_PASSWORD)
PASSWORD = "a clerk password"
CLERK_A = Principal("甲填报", COUNTY_CLERK, "甲县", "database")
LEADER_A = Principal("甲领导", COUNTY_LEADER, "甲县", "database")
CLERK_B = Principal("乙填报", COUNTY_CLERK, "乙县", "database")
DB_ADMIN = Principal("李处长", PREFECTURE_ADMIN, None, "database")
NAMES = {county: [f"{county[0]}员{i}" for i in range(1, 11)] for county in ("甲县", "乙县")}
UNTRAINED = {county: names[5:] for county, names in NAMES.items()}

VIEW_PAGES = {
    "views/overview.py": "干部激励看板",
    "views/rankings.py": "赛马排名",
    "views/training.py": "培训覆盖",
    "views/welfare.py": "关心关爱",
    "views/movements.py": "能上能下",
    "views/appraisals.py": "年度考核",
    "views/county.py": "一县一档",
}
ADMIN_PAGES = {
    "views/data.py": ("data", "数据管理"),
    "views/review.py": ("review", "审核"),
    "views/users.py": ("users", "用户管理"),
}
ACCOUNT_PAGES = {"views/progress.py": ("progress", "报送进度")}  # every signed-in role, each in its scope
CLERK_PAGES = {"views/submit.py": ("submit", "报送数据")}
RESTRICTED = {**ADMIN_PAGES, **ACCOUNT_PAGES, **CLERK_PAGES}


@pytest.fixture(scope="module")
def small_db_file(tmp_path_factory):
    """Built once per module (four password hashes and three imports, 0.7 s, were paid by every test); each test
    gets its own copy (`small_db`)."""
    path = tmp_path_factory.mktemp("roles") / "two_counties.duckdb"
    db = Database(path)
    import_ok(db, "regions.csv", "县区,乡镇,县区代码\n甲县,东镇,1\n乙县,南镇,2\n".encode())
    roster = ["干部编号,姓名,县区,单位,职级,性别,出生年份,统计日期"]
    for county, names in NAMES.items():
        code = "A" if county == "甲县" else "B"
        unit = "东镇" if county == "甲县" else "南镇"
        roster += [
            f"{code}{i:02d},{name},{county},{unit},一级科员,男,1990,2025-12-31" for i, name in enumerate(names, 1)
        ]
    import_ok(db, "roster.csv", ("\n".join(roster) + "\n").encode())
    training = ["干部编号,培训项目,培训类别,培训领域,培训方式,组织形式,学时,培训日期"]
    training += [f"{c}{i:02d},班一,政治能力,党的理论,线下,集体,120,2025-03-01" for c in "AB" for i in range(1, 6)]
    import_ok(db, "training.csv", ("\n".join(training) + "\n").encode())
    for who in (CLERK_A, LEADER_A, CLERK_B, DB_ADMIN):
        users.add(db, who.name, who.role, who.county, PASSWORD, "王主任")
    db.close()
    assert not path.with_suffix(".duckdb.wal").exists()  # all of it in the one file that is copied
    return path


@pytest.fixture
def small_db(small_db_file, tmp_path):
    path = tmp_path / "two_counties.duckdb"
    shutil.copy(small_db_file, path)
    return path


@pytest.fixture
def make(app_factory, small_db):
    """A session of the app on the small database, signed in as `role` (None: anonymous; "viewer": through the
    viewing password), opened with `query` as a pasted address would."""

    def session(role, query: dict[str, str] | None = None, page: str | None = None, db=None):
        env = {"INCENTIVE_ADMINS": f"王主任:{ADMIN_HASH}"}
        if role == "viewer":
            env["INCENTIVE_VIEWER_HASH"] = ADMIN_HASH
        at = app_factory(db or small_db, env=env, query=query, page=page, run=False)
        if role == "viewer":
            at.session_state[sign_in.VIEWER] = True
            at.session_state[sign_in.BINDING] = sign_in.NO_BROWSER
        elif role == "admin":
            as_admin(at, "王主任")
        elif role is not None:
            as_user(at, role)
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return session


def downloads(at) -> list[str]:
    """The contents of the CSV downloads the run put in Streamlit's media store (Excel ones are made on click,
    from the same tables)."""
    ids = {b.proto.url.rsplit("/", 1)[-1].split(".")[0] for b in at.get("download_button") if b.proto.url}
    found = {}
    for store in gc.get_objects():
        if type(store).__name__ == "MemoryMediaFileStorage":
            found.update({i: f.content for i, f in store._files_by_id.items() if i in ids})
    return [content.decode("utf-8", "replace") for content in found.values()]


def everything_shown(at) -> str:
    """Every text of the page (elements, table cells, chart data and hover text) and of its downloads."""
    return "\n".join([text for _, text in visible_texts(at)] + downloads(at))


def names_in(at) -> dict[str, list[str]]:
    shown = everything_shown(at)
    return {
        county: [name for name in names if re.search(f"{name}(?!\\d)", shown)]  # 甲员1 is not in 甲员10
        for county, names in NAMES.items()
    }


# ---- the matrix: every page, every write, every role

ROLES = {
    "anonymous": None,
    "viewer": "viewer",
    "prefecture admin": "admin",
    "clerk of 甲县": CLERK_A,
    "leader of 甲县": LEADER_A,
}
OPEN_TO = {  # who has each restricted page, and for 报送进度 the counties whose rows he sees
    **{page: {"prefecture admin": None} for page in ADMIN_PAGES},
    "views/progress.py": {"prefecture admin": ["甲县", "乙县"], "clerk of 甲县": ["甲县"], "leader of 甲县": ["甲县"]},
    "views/submit.py": {"clerk of 甲县": None},
}
# Named lists each role sees on the training page in its tab 县区细分 (the drill-down starts at a county role's
# own county, at the first county for the others).
DRILL = {"train.tab": "drill"}  # the training page's tab of one county's figures, where the named lists are
EXPECTED_NAMES = {
    "anonymous": {"甲县": [], "乙县": []},
    "viewer": {"甲县": [], "乙县": []},
    "prefecture admin": {"甲县": UNTRAINED["甲县"], "乙县": []},
    "clerk of 甲县": {"甲县": UNTRAINED["甲县"], "乙县": []},
    "leader of 甲县": {"甲县": UNTRAINED["甲县"], "乙县": []},
}


@pytest.mark.parametrize("role", ROLES)
def test_every_page_is_shown_or_refused_with_a_sentence(make, role, monkeypatch):
    at = make(ROLES[role])
    for page, title in VIEW_PAGES.items():
        at.switch_page(page)
        at.run()
        assert not at.exception and at.title[0].value == title, (role, page)
        if page == "views/training.py":
            assert names_in(at) == {"甲县": [], "乙县": []}  # the lists are in the tab of one county's figures
            open_tab(at, "drill")
            assert names_in(at) == EXPECTED_NAMES[role]
    for page, (path, title) in RESTRICTED.items():
        if role in OPEN_TO[page]:
            at.switch_page(page)
            at.run()
            assert not at.exception and at.title[0].value.startswith(title) and not at.error
            assert bool(at.get("file_uploader")) == (page in ("views/data.py", "views/submit.py"))
            if page in ACCOUNT_PAGES:  # read-only, and his county's rows only
                assert not at.main.button and not at.get("file_uploader")
                rows = next(d.value for d in at.dataframe if "状态" in d.value.columns)
                assert rows["县区"].unique().tolist() == OPEN_TO[page][role]  # in county order
            continue
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            at.switch_page(page)  # not in the navigation: no link, and no page at its address
        import ui.chrome

        monkeypatch.setattr(ui.chrome, "requested_path", lambda path=path: path)  # the address typed by hand
        at.run()
        at.switch_page("views/not_found.py")
        at.run()
        assert at.title[0].value == title
        signed_in_as = {"clerk of 甲县": "县区填报员", "leader of 甲县": "县区领导", "prefecture admin": "市级管理员"}
        if role in signed_in_as:  # signing in again would not help: it says so
            only = f"「{title}」页不对{signed_in_as[role]}开放；如需使用，请联系市级管理员。"
        elif page in ADMIN_PAGES:
            only = f"「{title}」页仅限管理员（市级管理员）：请在左侧栏「登录」以市级管理员账号登录，本页即显示。"
        elif page in ACCOUNT_PAGES:
            only = f"「{title}」页需要登录：请在左侧栏「登录」，市级管理员可查看全部县区，县区账号可查看本县区。"
        else:
            only = t("page_clerk_only", "zh", page=title)
        assert [i.value for i in at.info] == [only]
        assert not at.get("file_uploader")
        monkeypatch.undo()
        at.switch_page("views/overview.py")
        at.run()


@pytest.mark.parametrize("role", ROLES)
def test_the_warning_list_is_for_signed_in_accounts_each_for_his_county(make, role, monkeypatch):
    """预警清单 (docs/decisions.md#who-sees-the-warning-list): the prefecture every county, a county account his own
    (in the table and the download, whatever county the address names), visitors a sentence saying to sign in."""
    at = make(ROLES[role])
    if ROLES[role] in (None, "viewer"):
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            at.switch_page("views/alerts.py")
        import ui.chrome

        monkeypatch.setattr(ui.chrome, "requested_path", lambda: "alerts")  # the address typed by hand
        at.run()
        at.switch_page("views/not_found.py").run()
        assert at.title[0].value == "预警清单"
        assert [i.value for i in at.info] == [
            "「预警清单」页需要登录：请在左侧栏「登录」，市级管理员可查看全部县区，县区账号可查看本县区。"
        ]
        return
    at.switch_page("views/alerts.py").run()
    assert not at.exception and at.title[0].value == "预警清单"
    listed = next(d.value for d in at.table if "预警内容" in d.value.columns)
    expected = {"甲县", "乙县"} if role == "prefecture admin" else {"甲县"}
    assert set(listed["县区"]) == expected
    assert [text for text in downloads(at) if "乙县" in text] == ([] if "乙县" not in expected else downloads(at))
    if role != "prefecture admin":
        for query in ({"county": "乙县"}, {"alerts.focus": "乙县"}):
            tampered = make(ROLES[role], query=query, page="views/alerts.py")
            shown = [d.value for d in tampered.table if "预警内容" in d.value.columns]
            assert not [t for t in shown if "乙县" in t["预警内容"].str.cat()]
            assert not [text for text in downloads(tampered) if "乙县" in text]


def test_every_write_of_the_data_and_users_pages_for_the_prefecture_administrator(make, small_db):
    at = make("admin", page="views/data.py")
    assert at.number_input(key="data_setting_idle_minutes").label == "无操作自动退出（分钟）"
    assert at.number_input(key="data_setting_idle_minutes").value == 30  # a whole number, as the setting is
    at.number_input(key="data_setting_idle_minutes").set_value(45)
    at.button(key="data_settings_save").click().run()
    assert [s.value for s in at.success] == ["已保存 1 项设置。"]
    assert at.number_input(key="data_setting_idle_minutes").value == 45
    at.switch_page("views/users.py")
    at.run()
    shown = at.dataframe[0].value
    assert shown.columns.tolist() == ["用户名", "角色", "县区", "状态", "单点登录标识", "来源", "修改时间", "修改人"]
    assert shown["用户名"].tolist() == ["王主任", "乙填报", "李处长", "甲填报", "甲领导"]
    assert shown["来源"].tolist()[:2] == ["配置文件（只读）", "数据库"]
    assert not any("argon2" in str(v) for v in shown.to_numpy().ravel())

    def add(name, role, county, password, again=None):
        at.text_input(key="users_add_name").input(name)
        at.selectbox(key="users_add_role").set_value(role)
        at.selectbox(key="users_add_county").set_value(county)
        at.text_input(key="users_add_password").input(password)
        at.text_input(key="users_add_again").input(password if again is None else again)
        next(b for b in at.button if b.proto.form_id == "users_add_form").click()
        at.run()
        assert not at.exception

    add("丙领导", COUNTY_LEADER, "乙县", "twelve chars")
    assert [s.value for s in at.success] == ["已添加账号「丙领导」。"]
    add("王主任", COUNTY_CLERK, "甲县", "twelve chars")  # a first administrator's name is reserved
    assert [e.value for e in at.error] == ["用户名「王主任」已存在。"]
    add("丁", COUNTY_CLERK, "甲县", "short")
    assert [e.value for e in at.error] == ["密码至少 12 个字符。"]
    add("丁", COUNTY_CLERK, "", "twelve chars")
    assert [e.value for e in at.error] == ["请为县区账号选择县区。"]
    add("丁", COUNTY_CLERK, "甲县", "twelve chars", again="twelve charz")
    assert [e.value for e in at.error] == ["两次输入的密码不一致。"]

    at.selectbox(key="users_pick").set_value("甲填报").run()
    at.selectbox(key="users_role_甲填报").set_value(COUNTY_LEADER)
    at.selectbox(key="users_county_甲填报").set_value("乙县")
    next(b for b in at.button if b.proto.form_id == "users_change_form").click()
    at.run()
    assert [s.value for s in at.success] == ["已修改账号「甲填报」。"]
    at.text_input(key="users_reset_password").input("a new password")
    at.text_input(key="users_reset_again").input("a new password")
    next(b for b in at.button if b.proto.form_id == "users_reset_form").click()
    at.run()
    assert [s.value for s in at.success] == ["已重置「甲填报」的密码。"]
    at.button(key="users_unlock").click().run()
    assert [s.value for s in at.success] == ["已解除「甲填报」的登录锁定：此前的失败次数不再计算。"]
    at.button(key="users_deactivate").click().run()
    assert at.success[0].value.startswith("已停用账号「甲填报」")
    at.button(key="users_reactivate").click().run()
    assert [s.value for s in at.success] == ["已重新启用账号「甲填报」。"]

    from ui.runtime import database  # the app's connection (the app holds the file)

    log = database().fetch_all("SELECT who, action, target FROM audit WHERE action LIKE 'user_%' ORDER BY happened_at")
    assert log[-5:] == [
        ("王主任", "user_add", "丙领导"),
        ("王主任", "user_change", "甲填报"),
        ("王主任", "user_password", "甲填报"),
        ("王主任", "user_deactivate", "甲填报"),
        ("王主任", "user_activate", "甲填报"),
    ]


def test_a_write_is_refused_when_the_account_changed_meanwhile(make):
    """李处长, an administrator kept in the database, has the users page open when another administrator makes
    him a county leader: his next click adds nobody, the page is gone from his navigation, and the sidebar
    says what he is now (the role is read again at every run, before the page and before each write)."""
    at = make(DB_ADMIN, page="views/users.py")
    assert at.title[0].value == "用户管理"
    from ui.runtime import database

    users.change(database(), "李处长", "王主任", role=COUNTY_LEADER, county="甲县")
    at.text_input(key="users_add_name").input("戊")
    at.text_input(key="users_add_password").input("twelve chars")
    at.text_input(key="users_add_again").input("twelve chars")
    next(b for b in at.button if b.proto.form_id == "users_add_form").click()
    at.run()
    assert users.find(database(), "戊") is None
    assert at.title[0].value != "用户管理"
    assert "已登录：李处长（甲县县区领导）" in [c.value for c in at.caption]
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("views/users.py")


def test_a_deactivated_account_is_signed_out_at_its_next_run(make):
    at = make(CLERK_A, query=DRILL, page="views/training.py")
    assert names_in(at)["甲县"] == UNTRAINED["甲县"]
    from ui.runtime import database

    users.set_active(database(), "甲填报", False, "王主任")
    at.run()
    assert names_in(at) == {"甲县": [], "乙县": []}
    assert not [c.value for c in at.caption if "甲填报" in c.value]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_deactivated_account_falling_back_to_the_viewing_password_is_told_why(app_factory, small_db, lang):
    """With a viewing password set, the deactivated account's session fell back to the password gate with no
    sentence (a tester's finding: the sidebar that says it is not drawn there): the gate says why."""
    env = {"INCENTIVE_ADMINS": f"王主任:{ADMIN_HASH}", "INCENTIVE_VIEWER_HASH": ADMIN_HASH}
    query = {"lang": "English"} if lang == "en" else {}
    at = app_factory(small_db, env=env, query=query, page="views/training.py", run=False)
    as_user(at, CLERK_A)
    at.run()
    assert not at.exception and at.title[0].value == t("page_training", lang)
    from ui.runtime import database

    users.set_active(database(), "甲填报", False, "王主任")
    at.run()
    assert not at.exception and at.title[0].value == t("app_title", lang)  # the gate
    assert [w.value for w in at.warning] == [t("signed_out_deactivated_gate", lang)]


def test_a_session_ends_after_the_idle_time(make):
    at = make(CLERK_A, query=DRILL, page="views/training.py")
    at.session_state[sign_in._SEEN] = at.session_state[sign_in._SEEN] - 31 * 60  # 31 minutes ago
    at.run()
    assert "已超过 30 分钟未操作，已自动退出登录。" in [i.value for i in at.info]
    assert names_in(at) == {"甲县": [], "乙县": []}
    from ui.runtime import database

    log = database().fetch_all("SELECT who, action, outcome FROM audit WHERE action = 'sign_out'")
    assert log == [("甲填报", "sign_out", "idle")]


# ---- the address tampered with by hand


@pytest.mark.parametrize("role", ["clerk of 甲县", "leader of 甲县", "anonymous", "viewer"])
@pytest.mark.parametrize(
    "query", [{"county": "乙县"}, {"train.drill": "乙县"}, {"train.drill": "乙县", "lang": "English"}]
)
def test_another_county_in_the_address_shows_none_of_its_names(make, role, query):
    at = make(ROLES[role], query={**DRILL, **query}, page="views/training.py")
    assert names_in(at)["乙县"] == []
    assert not [e for e in at.expander if "乙县" in e.label and ("未参训人员名单" in e.label or "Untrained" in e.label)]


@pytest.mark.parametrize("role", ["clerk of 甲县", "leader of 甲县"])
def test_another_county_in_the_address_shows_a_county_account_its_own_progress(make, role):
    at = make(ROLES[role], query={"county": "乙县"}, page="views/progress.py")
    assert not at.exception and not at.error
    assert "本页只显示您所在县区（甲县）的报送进度，只读。" in [i.value for i in at.info]
    rows = next(d.value for d in at.dataframe if "状态" in d.value.columns)
    assert rows["县区"].unique().tolist() == ["甲县"]
    tables = [d.value for d in at.dataframe]
    assert all("乙县" not in table.to_string() for table in tables)  # nor in the counts or the reminder list
    assert downloads(at) and all("乙县" not in content for content in downloads(at))


@pytest.mark.parametrize("role", ["clerk of 甲县", "leader of 甲县"])
def test_a_county_account_sees_only_its_own_county_profile(make, role):
    """一县一档 (docs/decisions.md#county-profile): another county in the address gives a county account his own
    county's profile, with a sentence; no cadre is named."""
    at = make(ROLES[role], query={"county": "乙县"}, page="views/county.py")
    assert not at.exception and not at.error
    assert at.header[0].value == "甲县"
    assert "县区账号只能查看本县区的档案，以下为甲县。" in [i.value for i in at.info]
    assert names_in(at) == {"甲县": [], "乙县": []}  # aggregates only, for every role


@pytest.mark.parametrize("role", ["prefecture admin", "anonymous"])
def test_others_see_the_county_profile_the_address_names(make, role):
    at = make(ROLES[role], query={"county": "乙县"}, page="views/county.py")
    assert not at.exception and at.header[0].value == "乙县"
    assert names_in(at) == {"甲县": [], "乙县": []}


def test_the_prefecture_administrator_sees_the_county_in_the_address(make):
    at = make("admin", query={**DRILL, "train.drill": "乙县"}, page="views/training.py")
    assert names_in(at) == {"甲县": [], "乙县": UNTRAINED["乙县"]}


def share_link(page: str, params: dict[str, str], pinned: bool = False) -> str:
    from ui.runtime import database

    moment = dt.datetime.now() if pinned else None
    return permalinks.save(database(), page, params, created_by="web", pinned_at=moment)


@pytest.mark.parametrize("pinned", [False, True], ids=["share link", "pinned link"])
def test_a_clerks_link_opened_by_another_countys_clerk_shows_the_openers_scope(make, pinned):
    mine = make(CLERK_A, query={**DRILL, "train.drill": "甲县"}, page="views/training.py")
    assert names_in(mine)["甲县"] == UNTRAINED["甲县"]  # what clerk A saw when he made the link
    key = share_link("training", {**DRILL, "train.drill": "甲县"}, pinned)
    theirs = make(CLERK_B, query={"v": key}, page="views/training.py")
    assert names_in(theirs) == {"甲县": [], "乙县": []}  # 甲县's aggregates, as any viewer sees them; no names
    assert theirs.selectbox(key="training_drill_county").value == "甲县"  # the view did open
    default = share_link("training", DRILL, pinned)  # a link with the drill-down left at its default
    theirs = make(CLERK_B, query={"v": default}, page="views/training.py")
    assert names_in(theirs) == {"甲县": [], "乙县": UNTRAINED["乙县"]}  # his own county's list: his scope


@pytest.mark.parametrize("opener", ["anonymous", "viewer", "leader of 甲县"])
def test_an_administrators_link_shows_the_opener_no_names_outside_his_scope(make, opener):
    key = share_link("training", {**DRILL, "train.drill": "乙县"}, pinned=True)
    at = make(ROLES[opener], query={"v": key}, page="views/training.py")
    assert names_in(at)["乙县"] == []


# ---- a county's list that would give away another county's hidden figure


@pytest.fixture
def small_county_db(tmp_path):
    """甲县 10 cadres (5 trained), 乙县 6 (3 trained), 丙县 3 (1 trained): 丙县 is too small to show, and 乙县 is
    withheld with it so that the prefecture's total does not give 丙县 back. 乙县's untrained count (3), which its
    list would tell, and the prefecture's (10) and 甲县's (5), which everyone sees, would give 丙县's (2)."""
    path = tmp_path / "three_counties.duckdb"
    db = Database(path)
    import_ok(db, "regions.csv", "县区,乡镇,县区代码\n甲县,东镇,1\n乙县,南镇,2\n丙县,北镇,3\n".encode())
    sizes, trained = {"A": 10, "B": 6, "C": 3}, {"A": 5, "B": 3, "C": 1}
    places = {"A": ("甲县", "东镇"), "B": ("乙县", "南镇"), "C": ("丙县", "北镇")}
    roster = ["干部编号,姓名,县区,单位,职级,性别,出生年份,统计日期"]
    for code, (county, unit) in places.items():
        roster += [
            f"{code}{i:02d},{county[0]}员{i},{county},{unit},一级科员,男,1990,2025-12-31"
            for i in range(1, sizes[code] + 1)
        ]
    import_ok(db, "roster.csv", ("\n".join(roster) + "\n").encode())
    training = ["干部编号,培训项目,培训类别,培训领域,培训方式,组织形式,学时,培训日期"]
    training += [
        f"{code}{i:02d},班一,政治能力,党的理论,线下,集体,120,2025-03-01"
        for code in places
        for i in range(1, trained[code] + 1)
    ]
    import_ok(db, "training.csv", ("\n".join(training) + "\n").encode())
    for who in (CLERK_A, CLERK_B):
        users.add(db, who.name, who.role, who.county, PASSWORD, "王主任")
    db.close()
    return path


def test_a_list_that_would_give_away_a_hidden_figure_is_withheld_with_a_sentence(make, small_county_db):
    theirs = make(CLERK_B, query=DRILL, page="views/training.py", db=small_county_db)
    assert not [n for n in ("乙员4", "乙员5", "乙员6") if n in everything_shown(theirs)]
    assert [i.value for i in theirs.info if "名单" in i.value] == [
        "不显示「乙县」的名单：名单人数会透露本期按小数保护规则隐藏的数字，并可能借此推算出其他县区被隐藏的数字。"
        "市级管理员可查看。"
    ]
    mine = make(CLERK_A, query=DRILL, page="views/training.py", db=small_county_db)
    assert names_in(mine)["甲县"] == UNTRAINED["甲县"]  # 甲县's figures are shown: its list tells nothing hidden
    admin = make("admin", query={**DRILL, "train.drill": "乙县"}, page="views/training.py", db=small_county_db)
    assert [n for n in ("乙员4", "乙员5", "乙员6") if n in everything_shown(admin)] == ["乙员4", "乙员5", "乙员6"]


@pytest.mark.slow
def test_the_briefing_names_nobody_whoever_asks_for_it(small_db):
    """The briefing PDF is made from aggregates only (the same for every role): its HTML holds no cadre's name,
    whichever county the address names."""
    from incentive.sharing import briefing

    db = Database(small_db)
    try:
        for county in ("", "甲县", "乙县"):
            page = briefing.to_html(briefing.gather(db, 2025, county, "zh", "http://localhost/training?v=abc"))
            assert "培训" in page
            assert not [name for names in NAMES.values() for name in names if name in page]
    finally:
        db.close()


def test_a_county_accounts_own_county_is_written_into_the_address_it_shares(make):
    """The drill-down starts at a county account's own county; a link he shares must show that county to others
    too (the reviewer's case: it showed the opener's first or own county instead)."""
    mine = make(CLERK_B, query=DRILL, page="views/training.py")  # 乙县 is not the first county, others' start
    assert mine.query_params["train.drill"] in ("乙县", ["乙县"])
    theirs = make("admin", query={**DRILL, "train.drill": "乙县"}, page="views/training.py")
    assert theirs.selectbox(key="training_drill_county").value == "乙县"
    first = make("admin", query=DRILL, page="views/training.py")  # without a county: the first one, left out
    assert "train.drill" not in first.query_params


def test_a_cadre_link_opened_signed_out_says_to_sign_in(make, monkeypatch):
    """干部画像 is for signed-in accounts (docs/decisions.md#cadre-profile): a link to it opened signed out says to
    sign in, not that the page does not exist."""
    at = make(None)
    import ui.chrome

    monkeypatch.setattr(ui.chrome, "requested_path", lambda: "cadre")  # the address of a forwarded link
    at.run()
    at.switch_page("views/not_found.py").run()
    assert at.title[0].value == "干部画像"
    assert [i.value for i in at.info] == [
        "「干部画像」页需要登录：请在左侧栏「登录」，市级管理员可查看全部县区，县区账号可查看本县区。"
    ]
