"""Administrators only: sign-in with argon2 hashes, the lock after failures, the Data page out of reach without
it, and every change on record in the audit log."""

import pytest
import streamlit as st
from conftest import DATA, ROOT, import_ok
from streamlit.testing.v1 import AppTest

from incentive import access

PASSWORD = "correct horse 9"
HASHED = access.hash_password(PASSWORD)


def test_hashes_are_salted_and_verified():
    assert HASHED.startswith("$argon2id$") and access.hash_password(PASSWORD) != HASHED
    creds = access.Credentials({"王主任": HASHED})
    assert access._matches(HASHED, PASSWORD) and not access._matches(HASHED, "wrong")
    assert not access._matches("not a hash", PASSWORD)
    assert access.viewer_allowed(creds, "anything")  # no viewer password: open to viewers


def test_credentials_from_secrets_and_environment():
    secrets = {"auth": {"admins": {"王主任": HASHED}, "viewer": "vhash"}}
    creds = access.load_credentials(secrets, {"INCENTIVE_ADMINS": f"李科长:{HASHED}; 坏条目"})
    assert set(creds.admins) == {"王主任", "李科长"} and creds.viewer == "vhash"
    assert access.load_credentials(None, {}).admins == {}


def test_sign_in_is_audited_and_locks_after_five_failures(db):
    creds = access.Credentials({"王主任": HASHED})
    assert access.sign_in(db, creds, " 王主任 ", PASSWORD) == "王主任"
    for _ in range(access.MAX_FAILURES):
        with pytest.raises(access.SignInRefused) as refused:
            access.sign_in(db, creds, "王主任", "guess")
        assert refused.value.text("zh") == "用户名或密码不正确。"
    with pytest.raises(access.SignInRefused) as locked:
        access.sign_in(db, creds, "王主任", PASSWORD)  # even the right password waits out the lock
    assert "15 分钟" in locked.value.text("zh")
    with pytest.raises(access.SignInRefused):
        access.sign_in(db, creds, "不存在", PASSWORD)
    log = db.audit_log()
    assert log["outcome"].tolist()[::-1] == ["ok"] + ["failed"] * 5 + ["locked", "failed"]
    assert (log["action"] == "sign_in").all()


def test_data_writes_are_on_record(catalog_db):
    batch = import_ok(catalog_db, "race_long.csv", (DATA / "race_long.csv").read_bytes())
    catalog_db.rollback(batch, "王主任")
    log = catalog_db.audit_log().iloc[::-1]
    imports = log[log["action"] == "import"]
    assert imports["file_name"].tolist() == ["regions.csv", "indicators.csv", "race_long.csv"]
    assert imports["sha256"].str.len().eq(64).all() and imports["row_count"].iloc[-1] == 5
    assert log.iloc[-1][["who", "action", "target"]].tolist() == ["王主任", "rollback", f"batch {batch}"]


def test_the_cli_records_its_actions(tmp_path):
    import subprocess
    import sys
    path = tmp_path / "audit.duckdb"

    def cli(*args):
        return subprocess.run([sys.executable, "-m", "incentive", "--db", str(path), "--lang", "en", *map(str, args)],
                              cwd=ROOT, capture_output=True, text=True, timeout=120)
    cli("import", DATA / "regions.csv", DATA / "indicators.csv")
    cli("import", DATA / "race_wide_title.csv", "--kind", "race_scores", "--period", "nonsense")
    cli("settings", "hours_target", "100")
    out = cli("export", "audit").stdout.splitlines()
    assert out[0] == "happened_at,who,action,target,file_name,sha256,row_count,outcome,detail"
    actions = [line.split(",")[2] + ":" + line.split(",")[7] for line in out[1:]][::-1]
    assert actions[:2] == ["import:ok", "import:ok"] and "import:refused" in actions and actions[-1] == "setting:ok"
    hashed = subprocess.run([sys.executable, "-m", "incentive", "hash-password"], input="long enough 1\n",
                            cwd=ROOT, capture_output=True, text=True, timeout=60).stdout.strip()
    assert access._matches(hashed, "long enough 1")


@pytest.fixture
def app(sample_db_path, monkeypatch):
    monkeypatch.setenv("INCENTIVE_DB", str(sample_db_path))
    monkeypatch.setenv("INCENTIVE_ADMINS", f"王主任:{HASHED}")
    st.cache_resource.clear()
    st.cache_data.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.run()
    yield at
    st.cache_resource.clear()
    st.cache_data.clear()


def test_the_data_page_is_not_reachable_until_an_administrator_signs_in(app):
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        app.switch_page("views/data.py")
    form = app.get("form")[0]
    form.text_input[0].input("王主任")
    form.text_input[1].input(PASSWORD)
    form.button[0].click()
    app.run()
    assert not app.exception
    assert "已登录管理员：王主任" in [c.value for c in app.caption]
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


def test_a_viewer_password_closes_the_whole_app(sample_db_path, monkeypatch):
    monkeypatch.setenv("INCENTIVE_DB", str(sample_db_path))
    monkeypatch.setenv("INCENTIVE_VIEWER_HASH", access.hash_password("viewers only 1"))
    st.cache_resource.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.run()
    assert not at.get("plotly_chart") and at.text_input[0].label == "访问口令"
    at.get("form")[0].text_input[0].input("viewers only 1")
    at.get("form")[0].button[0].click()
    at.run()
    assert len(at.get("plotly_chart")) == 3
    st.cache_resource.clear()
