"""Administrators only: sign-in with argon2 hashes, the lock after failures, the Data page out of reach without
it, and every change on record in the audit log."""

import typing

import pytest
from conftest import DATA, import_ok, incentive_command

from incentive import access
from incentive.store import audit, batches

PASSWORD = "correct horse 9"
HASHED = access.hash_password(PASSWORD)


def test_hashes_are_salted_and_verified():
    assert HASHED.startswith("$argon2id$") and access.hash_password(PASSWORD) != HASHED
    creds = access.Credentials({"王主任": HASHED})
    assert access.matches(HASHED, PASSWORD) and not access.matches(HASHED, "wrong")
    assert not access.matches("not a hash", PASSWORD)
    assert access.viewer_allowed(creds, "anything")  # no viewer password: open to viewers


def test_credentials_from_secrets_and_environment():
    secrets = {"auth": {"admins": {"王主任": HASHED}, "viewer": "vhash"}}
    creds = access.load_credentials(secrets, {"INCENTIVE_ADMINS": f"李科长:{HASHED}; 坏条目"})
    assert set(creds.admins) == {"王主任", "李科长"} and creds.viewer == "vhash"
    assert access.load_credentials(None, {}).admins == {}


@pytest.mark.slow
def test_sign_in_is_audited_and_locks_after_five_failures(db):
    creds = access.Credentials({"王主任": HASHED})
    assert access.sign_in(db, creds, " 王主任 ", PASSWORD).name == "王主任"
    for _ in range(access.MAX_FAILURES):
        with pytest.raises(access.SignInRefused) as refused:
            access.sign_in(db, creds, "王主任", "guess")
        assert refused.value.text("zh") == "用户名或密码不正确。"
    with pytest.raises(access.SignInRefused) as locked:
        access.sign_in(db, creds, "王主任", PASSWORD)  # even the right password waits out the lock
    assert "15 分钟" in locked.value.text("zh")
    with pytest.raises(access.SignInRefused):
        access.sign_in(db, creds, "不存在", PASSWORD)
    log = audit.log(db)
    assert log["outcome"].tolist()[::-1] == ["ok"] + ["failed"] * 5 + ["locked", "failed"]
    assert (log["action"] == "sign_in").all()


def test_data_writes_are_on_record(catalog_db):
    batch = import_ok(catalog_db, "race_long.csv", (DATA / "race_long.csv").read_bytes())
    batches.rollback(catalog_db, batch, "王主任")
    log = audit.log(catalog_db).iloc[::-1]
    imports = log[log["action"] == "import"]
    assert imports["file_name"].tolist() == ["regions.csv", "indicators.csv", "race_long.csv"]
    assert imports["sha256"].str.len().eq(64).all() and imports["row_count"].iloc[-1] == 5
    assert log.iloc[-1][["who", "action", "target"]].tolist() == ["王主任", "rollback", f"batch {batch}"]


@pytest.mark.slow
def test_the_cli_records_its_actions(tmp_path):
    path = tmp_path / "audit.duckdb"

    def cli(*args):
        return incentive_command("--db", path, "--lang", "en", *args)

    cli("import", DATA / "regions.csv", DATA / "indicators.csv")
    cli("import", DATA / "race_wide_title.csv", "--kind", "race_scores", "--period", "nonsense")
    cli("settings", "coverage_target", "100")
    out = cli("export", "audit").stdout.splitlines()
    assert out[0] == "happened_at,who,action,target,file_name,sha256,row_count,outcome,detail"
    actions = [line.split(",")[2] + ":" + line.split(",")[7] for line in out[1:]][::-1]
    assert actions[:2] == ["import:ok", "import:ok"] and "import:refused" in actions and actions[-1] == "setting:ok"
    hashed = incentive_command("hash-password", input="long enough 1\n").stdout.strip()
    assert access.matches(hashed, "long enough 1")


@pytest.fixture
def app(app_factory):
    return app_factory(env={"INCENTIVE_ADMINS": f"王主任:{HASHED}"})


def test_the_data_page_is_not_reachable_until_an_administrator_signs_in(app):
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        app.switch_page("views/data.py")
    form = app.get("form")[0]
    form.text_input[0].input("王主任")
    form.text_input[1].input(PASSWORD)
    form.button[0].click()
    app.run()
    assert not app.exception
    assert "已登录：王主任（市级管理员）" in [c.value for c in app.caption]
    app.switch_page("views/data.py")
    app.run()
    assert app.title[0].value == "数据管理" and not app.exception
    log = next(d.value for d in app.dataframe if "操作" in d.value.columns)
    assert log.iloc[0][["操作人", "操作", "结果"]].tolist() == ["王主任", "登录", "成功"]  # codes in words


def test_a_wrong_password_is_refused_in_the_sidebar(app):
    form = app.get("form")[0]
    form.text_input[0].input("王主任")
    form.text_input[1].input("guess")
    form.button[0].click()
    app.run()
    assert "用户名或密码不正确。" in [e.value for e in app.error]
    with pytest.raises(ValueError):
        app.switch_page("views/data.py")


def test_a_viewer_password_closes_the_whole_app(app_factory):
    at = app_factory(env={"INCENTIVE_VIEWER_HASH": access.hash_password("viewers only 1")})
    assert not at.get("plotly_chart") and at.text_input[0].label == "访问口令"
    at.get("form")[0].text_input[0].input("viewers only 2")
    at.get("form")[0].button[0].click()
    at.run()
    assert [e.value for e in at.error] == ["访问口令不正确。"] and not at.get("plotly_chart")
    at.get("form")[0].text_input[0].input("viewers only 1")
    at.get("form")[0].button[0].click()
    at.run()
    assert len(at.get("plotly_chart")) == 3


# ---- security item 4: attempts counted before the check, per name and per address; unlock; no password kept


def _counting_checks(monkeypatch, seconds: float = 0.05):
    import threading
    import time

    calls, lock = [], threading.Lock()
    real = access.matches

    def counted(hashed, password):
        with lock:
            calls.append(password)
        time.sleep(seconds)  # a slow check, so the parallel guesses really overlap
        return real(hashed, password)

    monkeypatch.setattr(access, "matches", counted)
    return calls


def _parallel(n: int, attempt) -> list:
    from concurrent.futures import ThreadPoolExecutor

    def one(i):
        try:
            return attempt(i)
        except access.SignInRefused as refused:
            return refused.key

    with ThreadPoolExecutor(n) as pool:
        return list(pool.map(one, range(n)))


@pytest.mark.slow
def test_twenty_parallel_guesses_get_at_most_five_checks(db, monkeypatch):
    creds = access.Credentials({"王主任": HASHED})
    calls = _counting_checks(monkeypatch)
    outcomes = _parallel(20, lambda i: access.sign_in(db, creds, "王主任", f"guess{i}", client=f"10.0.0.{i}"))
    assert len(calls) == access.MAX_FAILURES
    assert outcomes.count("signin_failed") == 5 and outcomes.count("signin_locked") == 15


@pytest.mark.slow
def test_one_address_trying_many_names_is_limited_too(db, monkeypatch):
    creds = access.Credentials({"王主任": HASHED})
    calls = _counting_checks(monkeypatch, 0.01)
    outcomes = _parallel(40, lambda i: access.sign_in(db, creds, f"名字{i}", "guess", client="10.0.0.9"))
    assert len(calls) == access.MAX_CLIENT_FAILURES and outcomes.count("signin_locked") == 20
    assert access.sign_in(db, creds, "王主任", PASSWORD, client="10.0.0.8").name == "王主任"  # another address


@pytest.mark.slow
def test_the_viewing_password_is_limited_per_address(db, monkeypatch):
    creds = access.Credentials({}, viewer=HASHED)
    calls = _counting_checks(monkeypatch)
    outcomes = _parallel(12, lambda i: access.viewer_sign_in(db, creds, f"guess{i}", client="10.0.0.7"))
    assert len(calls) == access.MAX_FAILURES and outcomes.count("signin_locked") == 7
    assert access.viewer_sign_in(db, creds, PASSWORD, client="10.0.0.6")


@pytest.mark.slow
def test_a_locked_name_is_unlocked_from_the_command_line(tmp_path, monkeypatch):
    from incentive import cli
    from incentive.store.database import Database

    path = tmp_path / "u.duckdb"
    database = Database(path)
    creds = access.Credentials({"王主任": HASHED})
    for i in range(access.MAX_FAILURES + 2):
        with pytest.raises(access.SignInRefused):
            access.sign_in(database, creds, "王主任", "guess", client=f"10.0.1.{i}")
    database.close()
    assert cli.main(["unlock", "王主任", "--db", str(path)]) == 0
    database = Database(path)
    access.ATTEMPTS.reset()  # another process: the app counts from the audit log
    assert access.sign_in(database, creds, "王主任", PASSWORD, client="10.0.1.99").name == "王主任"
    database.close()


def test_a_password_typed_into_the_name_box_is_never_stored(db):
    creds = access.Credentials({"王主任": HASHED})
    with pytest.raises(access.SignInRefused):
        access.sign_in(db, creds, PASSWORD, "")
    log = audit.log(db)
    assert PASSWORD not in log.to_csv() and log["who"].tolist() == [access.UNKNOWN_NAME]


def test_failed_sign_in_rows_are_capped(db, monkeypatch):
    monkeypatch.setattr(access, "AUDIT_FAILURES_PER_WINDOW", 3)
    monkeypatch.setattr(access, "matches", lambda hashed, password: False)
    creds = access.Credentials({"王主任": HASHED})
    for i in range(10):
        with pytest.raises(access.SignInRefused):
            access.sign_in(db, creds, f"名{i}", "x", client=f"10.0.2.{i}")
    assert len(audit.log(db)) == 3


def test_clear_cache_is_refused_for_a_session_without_the_administrator_role(monkeypatch):
    """Security item 5, the patch itself (the websocket attack is in tests/browser/test_attacks_in_browser.py)."""
    from streamlit.runtime.app_session import AppSession

    from ui import cache_guard, sign_in

    cleared = []
    monkeypatch.setattr(AppSession, "_handle_clear_cache_request", lambda self: cleared.append(self))
    cache_guard.install()
    cache_guard.install()  # once only

    class Anonymous:
        id = "no-page"
        session_state: typing.ClassVar[dict] = {}

    AppSession._handle_clear_cache_request(Anonymous())
    assert cleared == []
    monkeypatch.setattr(sign_in, "session_is_admin", lambda session: True)
    AppSession._handle_clear_cache_request(Anonymous())
    assert len(cleared) == 1


@pytest.mark.slow
def test_a_lock_lifted_by_an_administrator_lets_the_account_sign_in_again(db):
    """The users page's 解除登录锁定 (access.unlock): a clerk who mistyped five times signs in at once."""
    from incentive.accounts import users
    from incentive.accounts.roles import COUNTY_CLERK

    import_ok(db, "regions.csv", "县区,乡镇,县区代码\n甲县,东镇,1\n".encode())
    users.add(db, "甲填报", COUNTY_CLERK, "甲县", "a clerk password", "王主任")
    creds = access.Credentials({})
    for _ in range(access.MAX_FAILURES):
        with pytest.raises(access.SignInRefused):
            access.sign_in(db, creds, "甲填报", "wrong", client="10.0.3.1")
    with pytest.raises(access.SignInRefused) as locked:
        access.sign_in(db, creds, "甲填报", "a clerk password", client="10.0.3.2")
    assert locked.value.key == "signin_locked"
    access.unlock(db, "甲填报", "王主任")
    assert access.sign_in(db, creds, "甲填报", "a clerk password", client="10.0.3.3").county == "甲县"
