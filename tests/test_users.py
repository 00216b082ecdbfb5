"""Accounts kept in the database (incentive/accounts/users.py): add, change, reset, deactivate, every change audited,
nobody deleted; sign-in from them (incentive/access.py), and grants read again at every run."""

import pytest

from incentive import access
from incentive.accounts import users
from incentive.accounts.roles import COUNTY_CLERK, COUNTY_LEADER, PREFECTURE_ADMIN, Principal
from incentive.store import audit

PASSWORD = "twelve chars"  # exactly users.MIN_PASSWORD
NO_ADMINS = access.Credentials({})


def actions(db) -> list[list]:
    log = audit.log(db).iloc[::-1]
    return log[log["action"].str.startswith("user_")][["who", "action", "target", "detail"]].values.tolist()


def test_an_account_is_added_with_its_role_and_county_and_audited(catalog_db):
    added = users.add(catalog_db, " 张填报 ", COUNTY_CLERK, "云岫县", PASSWORD, "王主任")
    assert (added.name, added.role, added.county, added.active) == ("张填报", COUNTY_CLERK, "云岫县", True)
    assert added.password_hash.startswith("$argon2id$") and PASSWORD not in added.password_hash
    assert added.principal() == Principal("张填报", COUNTY_CLERK, "云岫县", "database")
    admin = users.add(catalog_db, "李处长", PREFECTURE_ADMIN, "云岫县", PASSWORD, "王主任")
    assert admin.county is None  # the prefecture's administrators belong to no county
    listing = users.listing(catalog_db)
    assert listing.columns.tolist() == ["name", "role", "county", "active", "identity", "changed_at", "changed_by"]
    assert listing["name"].tolist() == ["张填报", "李处长"] and "password_hash" not in listing
    assert actions(catalog_db) == [
        ["王主任", "user_add", "张填报", "county_clerk 云岫县"],
        ["王主任", "user_add", "李处长", "prefecture_admin"],
    ]


@pytest.mark.parametrize(
    ("name", "role", "county", "password", "expected"),
    [
        ("赵", COUNTY_CLERK, "云岫县", "eleven char", "密码至少 12 个字符。"),
        ("赵", COUNTY_LEADER, "不存在县", PASSWORD, "县区账号必须属于一个已有的县区（「不存在县」不在区划名录中）。"),
        ("赵", COUNTY_LEADER, None, PASSWORD, "请为县区账号选择县区。"),
        ("赵", "superuser", None, PASSWORD, "未知的角色：superuser。"),
        ("赵", COUNTY_CLERK, "云岫县", None, "新账号需要设置密码（或填写单点登录标识）。"),
        ("王主任", COUNTY_CLERK, "云岫县", PASSWORD, "用户名「王主任」已存在。"),  # a first administrator's name
        (
            "赵\u200b",
            COUNTY_CLERK,
            "云岫县",
            PASSWORD,
            "用户名不能为空，不能含控制字符或不可见字符，且不超过 50 个字。",
        ),
        ("  ", COUNTY_CLERK, "云岫县", PASSWORD, "用户名不能为空，不能含控制字符或不可见字符，且不超过 50 个字。"),
    ],
)
def test_a_refused_account_says_why_and_writes_nothing(catalog_db, name, role, county, password, expected):
    with pytest.raises(users.AccountError) as refused:
        users.add(catalog_db, name, role, county, password, "王主任", reserved=frozenset({"王主任"}))
    assert refused.value.text("zh") == expected
    assert users.listing(catalog_db).empty and actions(catalog_db) == []


def test_a_name_is_taken_once_even_after_deactivation(catalog_db):
    users.add(catalog_db, "张填报", COUNTY_CLERK, "云岫县", PASSWORD, "王主任")
    users.set_active(catalog_db, "张填报", False, "王主任")
    with pytest.raises(users.AccountError, match="account_name_taken"):
        users.add(catalog_db, "张填报", COUNTY_LEADER, "云峤县", PASSWORD, "王主任")


def test_an_account_with_only_a_single_sign_on_identity_has_no_password(catalog_db):
    added = users.add(catalog_db, "钱领导", COUNTY_LEADER, "澄溪县", None, "王主任", identity=" Qian@Example.org ")
    assert added.password_hash is None and added.identity == "Qian@Example.org"
    assert users.find_by_identity(catalog_db, "qian@example.org").name == "钱领导"
    assert access.account_of(catalog_db, NO_ADMINS, "钱领导") is None  # no password: no password sign-in


def test_role_county_and_password_changes_keep_every_row(catalog_db):
    users.add(catalog_db, "张填报", COUNTY_CLERK, "云岫县", PASSWORD, "王主任")
    first_hash = users.find(catalog_db, "张填报").password_hash
    changed = users.change(catalog_db, "张填报", "王主任", role=COUNTY_LEADER)
    assert (changed.role, changed.county) == (COUNTY_LEADER, "云岫县")  # the county stays unless given
    moved = users.change(catalog_db, "张填报", "王主任", county="枫岚区")
    assert (moved.role, moved.county) == (COUNTY_LEADER, "枫岚区")
    with pytest.raises(users.AccountError, match="account_bad_county"):
        users.change(catalog_db, "张填报", "王主任", county="外县")
    promoted = users.change(catalog_db, "张填报", "王主任", role=PREFECTURE_ADMIN)
    assert (promoted.role, promoted.county) == (PREFECTURE_ADMIN, None)
    users.reset_password(catalog_db, "张填报", "another twelve", "王主任")
    assert users.find(catalog_db, "张填报").password_hash != first_hash
    with pytest.raises(users.AccountError, match="account_password_short"):
        users.reset_password(catalog_db, "张填报", "short", "王主任")
    with pytest.raises(users.AccountError, match="account_unknown"):
        users.reset_password(catalog_db, "无此人", "another twelve", "王主任")
    rows = catalog_db.fetch_all("SELECT role, county FROM users WHERE name = '张填报' ORDER BY changed_at")
    assert rows == [
        ("county_clerk", "云岫县"),
        ("county_leader", "云岫县"),
        ("county_leader", "枫岚区"),
        ("prefecture_admin", None),
        ("prefecture_admin", None),  # the password reset
    ]
    assert [a[1] for a in actions(catalog_db)] == [
        "user_add",
        "user_change",
        "user_change",
        "user_change",
        "user_password",
    ]


@pytest.mark.slow
def test_a_deactivated_account_cannot_sign_in_and_loses_its_grant(catalog_db):
    users.add(catalog_db, "张填报", COUNTY_CLERK, "云岫县", PASSWORD, "王主任")
    held = access.sign_in(catalog_db, NO_ADMINS, "张填报", PASSWORD)
    assert held == Principal("张填报", COUNTY_CLERK, "云岫县", "database")
    users.set_active(catalog_db, "张填报", False, "王主任")
    assert access.current_principal(catalog_db, NO_ADMINS, held) is None  # the session ends at its next run
    with pytest.raises(access.SignInRefused):
        access.sign_in(catalog_db, NO_ADMINS, "张填报", PASSWORD)
    users.set_active(catalog_db, "张填报", True, "王主任")
    assert access.sign_in(catalog_db, NO_ADMINS, "张填报", PASSWORD).name == "张填报"
    assert [a[1] for a in actions(catalog_db)] == ["user_add", "user_deactivate", "user_activate"]
    assert not users.listing(catalog_db).empty  # nobody is deleted


def test_an_administrator_cannot_deactivate_himself(catalog_db):
    users.add(catalog_db, "李处长", PREFECTURE_ADMIN, None, PASSWORD, "王主任")
    with pytest.raises(users.AccountError) as refused:
        users.set_active(catalog_db, "李处长", False, "李处长")
    assert refused.value.text("en") == "You cannot deactivate the account you are signed in with."


def test_a_role_change_applies_at_the_next_run(catalog_db):
    users.add(catalog_db, "张填报", COUNTY_CLERK, "云岫县", PASSWORD, "王主任")
    held = access.sign_in(catalog_db, NO_ADMINS, "张填报", PASSWORD)
    users.change(catalog_db, "张填报", "王主任", role=COUNTY_LEADER, county="云峤县")
    now = access.current_principal(catalog_db, NO_ADMINS, held)
    assert now == Principal("张填报", COUNTY_LEADER, "云峤县", "database")
    assert not now.may_submit and now.scope.covers("云峤县") and not now.scope.covers("云岫县")


@pytest.mark.slow
def test_a_first_administrator_wins_over_a_database_account_of_the_same_name(catalog_db):
    users.add(catalog_db, "王主任", COUNTY_LEADER, "云岫县", PASSWORD, "cli:root")  # made before he was configured
    creds = access.Credentials({"王主任": access.hash_password("the admin password")})
    who = access.sign_in(catalog_db, creds, "王主任", "the admin password")
    assert who == Principal("王主任", PREFECTURE_ADMIN, None, "secrets")
    with pytest.raises(access.SignInRefused):
        access.sign_in(catalog_db, creds, "王主任", PASSWORD)


def test_the_command_line_manages_accounts_too(catalog_db, tmp_path, monkeypatch, capsys):
    import io

    from incentive import cli

    path = catalog_db.path
    catalog_db.close()

    def run(*args, password: str = ""):
        monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
        code = cli.main(["--db", str(path), "--lang", "en", "user", *args])
        out, err = capsys.readouterr()
        return code, out, err.strip()

    assert run("add", "张填报", "--role", COUNTY_CLERK, "--county", "云岫县", password=PASSWORD) == (
        0,
        "",
        "Account 张填报 added.",
    )
    assert run("add", "赵", "--role", COUNTY_CLERK, "--county", "云岫县", password="short")[::2] == (
        1,
        "A password needs at least 12 characters.",
    )
    assert run("add", "赵")[0] == 2  # no role
    assert run("change", "张填报", "--role", COUNTY_LEADER)[::2] == (0, "Account 张填报 changed.")
    assert run("deactivate", "张填报")[0] == 0
    code, out, _ = run("list")
    assert code == 0 and out.splitlines()[0] == "name,role,county,active,identity,changed_at,changed_by"
    assert out.splitlines()[1].startswith("张填报,county_leader,云岫县,False,,")
    assert out.splitlines()[1].endswith("," + cli._who())


def test_an_administrator_keeps_his_own_role_and_names_differ_by_more_than_case(catalog_db):
    db = catalog_db
    users.add(db, "Zhang", PREFECTURE_ADMIN, None, "twelve chars!", "王主任")
    with pytest.raises(users.AccountError) as refused:
        users.change(db, "Zhang", "Zhang", role=COUNTY_LEADER, county="云岫县")
    assert refused.value.key == "account_not_self_role"
    users.change(db, "Zhang", "王主任", role=COUNTY_LEADER, county="云岫县")  # another administrator may
    with pytest.raises(users.AccountError) as refused:
        users.add(db, "zhang", COUNTY_CLERK, "云岫县", "twelve chars!", "王主任")
    assert refused.value.key == "account_name_taken"
    with pytest.raises(users.AccountError) as refused:
        users.add(db, "李", COUNTY_CLERK, "", "twelve chars!", "王主任")
    assert refused.value.text("zh") == "请为县区账号选择县区。"
