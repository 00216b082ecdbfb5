"""用户管理 (views/users.py) through AppTest on a copy of the sample, as the prefecture administrator: a refused new
account keeps what was typed but the password, and says why; an added one leaves an empty form."""

from __future__ import annotations

from conftest import as_admin

from incentive.accounts import users
from incentive.accounts.roles import COUNTY_CLERK, PREFECTURE_ADMIN
from incentive.store.database import Database

GOOD_PASSWORD = "twelve chars"  # exactly users.MIN_PASSWORD


def users_page(app_factory, db_path):
    at = app_factory(db_path, page="views/users.py", run=False)
    as_admin(at, "测试管理员")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == "用户管理"
    return at


def fill_and_add(at, name, role, county, password, again=None, identity=""):
    at.text_input(key="users_add_name").input(name)
    at.selectbox(key="users_add_role").set_value(role)
    at.selectbox(key="users_add_county").set_value(county)
    at.text_input(key="users_add_identity").input(identity)
    at.text_input(key="users_add_password").input(password)
    at.text_input(key="users_add_again").input(password if again is None else again)
    next(b for b in at.button if b.proto.form_id == "users_add_form").click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]


def add_form(at) -> dict:
    return {
        "name": at.text_input(key="users_add_name").value,
        "role": at.selectbox(key="users_add_role").value,
        "county": at.selectbox(key="users_add_county").value,
        "identity": at.text_input(key="users_add_identity").value,
        "password": at.text_input(key="users_add_password").value,
        "again": at.text_input(key="users_add_again").value,
    }


def retype_passwords_and_add(at, password):
    """What a user does after a refusal: the rest of the form is as it was, only the passwords are typed again."""
    at.text_input(key="users_add_password").input(password)
    at.text_input(key="users_add_again").input(password)
    next(b for b in at.button if b.proto.form_id == "users_add_form").click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]


def test_a_refused_account_keeps_what_was_typed_but_the_password(app_factory, sample_db_path):
    database = Database(sample_db_path)
    users.add(database, "云岫填报员", COUNTY_CLERK, "云岫县", GOOD_PASSWORD, "测试管理员")
    database.close()
    at = users_page(app_factory, sample_db_path)
    typed = {"name": "澄溪填报员", "role": COUNTY_CLERK, "county": "澄溪县", "identity": "chengxi@example.org"}

    fill_and_add(at, "云岫填报员", COUNTY_CLERK, "澄溪县", GOOD_PASSWORD, identity=typed["identity"])  # taken
    assert [e.value for e in at.error] == ["用户名「云岫填报员」已存在。"]
    assert add_form(at) == {**typed, "name": "云岫填报员", "password": "", "again": ""}

    fill_and_add(at, typed["name"], COUNTY_CLERK, "澄溪县", GOOD_PASSWORD, again="twelve charz", identity="")
    assert [e.value for e in at.error] == ["两次输入的密码不一致。"]
    assert add_form(at) == {**typed, "identity": "", "password": "", "again": ""}

    fill_and_add(at, typed["name"], COUNTY_CLERK, "澄溪县", "short", identity=typed["identity"])
    assert [e.value for e in at.error] == ["密码至少 12 个字符。"]
    assert add_form(at) == {**typed, "password": "", "again": ""}
    at.run()  # the reason is said once, not again on the next run; the form stays as typed
    assert not at.error and add_form(at) == {**typed, "password": "", "again": ""}

    retype_passwords_and_add(at, GOOD_PASSWORD)
    assert [s.value for s in at.success] == ["已添加账号「澄溪填报员」。"] and not at.error
    from ui.runtime import database  # the app's connection (the app holds the file)

    added = users.find(database(), typed["name"])
    assert (added.role, added.county, added.identity) == (COUNTY_CLERK, "澄溪县", typed["identity"])
    assert add_form(at) == {
        "name": "",
        "role": PREFECTURE_ADMIN,
        "county": "",
        "identity": "",
        "password": "",
        "again": "",
    }
