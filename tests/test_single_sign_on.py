"""Single sign-on (incentive/accounts/single_sign_on.py, docs/security.md "Single sign-on"): which secrets configure a
provider, which claim is the identity, and that role and county always come from the users table. The sidebar's
part is run through AppTest with `st.user` set as Streamlit would after the provider's login; the whole round trip
through a real provider is tests/browser/test_single_sign_on_in_browser.py."""

from __future__ import annotations

import time

import pytest

from incentive import access
from incentive.accounts import single_sign_on as sso
from incentive.accounts import users
from incentive.accounts.roles import COUNTY_CLERK, COUNTY_LEADER, Principal
from incentive.safe_text import code_span
from incentive.store import audit
from incentive.store.database import Database

PROVIDER = {
    "client_id": "dashboard",
    "client_secret": "s3cret",
    "server_metadata_url": "https://sso.example.test/.well-known/openid-configuration",
}
SHARED = {"redirect_uri": "https://dashboard.example.test/oauth2callback", "cookie_secret": "x" * 32}
CLERK_CLAIMS = {"sub": "u-1001", "email": "Clerk@Example.test", "email_verified": True, "name": "Zhou"}


def test_a_provider_is_configured_by_streamlits_keys_in_auth():
    assert sso.settings_from(None) is None
    assert sso.settings_from({"auth": {"admins": {"王主任": "$argon2id$…"}, "viewer": "$argon2id$…"}}) is None
    assert sso.settings_from({"auth": PROVIDER}) is None  # st.login also needs redirect_uri and cookie_secret
    default = sso.settings_from({"auth": {**SHARED, **PROVIDER, "admins": {"王主任": "$argon2id$…"}}})
    assert default == sso.Settings(provider=None, identity_claim="email")
    named = {"auth": {**SHARED, "keycloak": PROVIDER}}
    assert sso.settings_from(named).provider == "keycloak"
    two = {"auth": {**SHARED, "keycloak": PROVIDER, "adfs": PROVIDER}}
    assert sso.settings_from(two) is None  # which one? [incentive_auth] sso_provider says
    chosen = sso.settings_from({**two, "incentive_auth": {"sso_provider": "adfs"}})
    assert chosen.provider == "adfs"
    assert sso.settings_from({**two, "incentive_auth": {"sso_provider": "okta"}}) is None
    ours = sso.settings_from(
        {
            **named,
            "incentive_auth": {
                "sso_identity_claim": "preferred_username",
                "sso_trust_unverified_email": True,
                "password_sign_in": False,
            },
        }
    )
    assert ours == sso.Settings("keycloak", "preferred_username", True, False)


def test_the_identity_is_a_verified_email_else_the_subject():
    settings = sso.Settings()
    assert sso.identity_of(CLERK_CLAIMS, settings) == "Clerk@Example.test"
    unverified = {**CLERK_CLAIMS, "email_verified": False}
    assert sso.identity_of(unverified, settings) == "u-1001"
    assert sso.identity_of({**CLERK_CLAIMS, "email_verified": "true"}, settings) == "u-1001"  # only JSON true
    assert sso.identity_of(unverified, sso.Settings(trust_unverified_email=True)) == "Clerk@Example.test"
    assert sso.identity_of(CLERK_CLAIMS, sso.Settings(identity_claim="sub")) == "u-1001"
    upn = {"sub": "u-1001", "preferred_username": " zhou.wenshu "}
    assert sso.identity_of(upn, sso.Settings(identity_claim="preferred_username")) == "zhou.wenshu"
    assert sso.identity_of({"sub": "u-1001"}, sso.Settings(identity_claim="preferred_username")) == "u-1001"
    assert sso.identity_of({"email": "a@b.c", "email_verified": True, "sub": 42}, settings) == "a@b.c"
    assert sso.identity_of({"email": "x" * 255 + "@b.c", "email_verified": True}, settings) is None
    assert sso.identity_of({}, settings) is None


def test_an_identity_is_shown_as_a_code_span_that_nothing_inside_can_close():
    assert code_span("clerk@example.test") == "` clerk@example.test `"
    assert code_span("a`b``c") == "``` a`b``c ```"
    assert code_span("`[x](https://evil.example)`\nline") == "`` `[x](https://evil.example)` line ``"


def test_only_claims_issued_after_the_sign_on_started_answer_it():
    started = 1_800_000_000.0
    assert sso.issued_since({"iat": 1_800_000_030}, started)
    assert sso.issued_since({"iat": started - 299}, started)  # the provider's clock a little behind
    assert not sso.issued_since({"iat": started - 3600}, started)  # an identity cookie from an earlier login
    assert not sso.issued_since({}, started) and not sso.issued_since({"iat": "1800000030"}, started)


@pytest.fixture
def accounts(catalog_db) -> Database:
    users.add(catalog_db, "周文书", COUNTY_CLERK, "澄溪县", None, "王主任", identity="clerk@example.test")
    users.add(catalog_db, "赵领导", COUNTY_LEADER, "云岫县", "long enough pass", "王主任", identity="u-2002")
    return catalog_db


def test_role_and_county_come_from_the_users_table_never_from_the_claims(accounts):
    claims = {**CLERK_CLAIMS, "role": "prefecture_admin", "county": "云岫县", "groups": ["admins"]}
    assert sso.principal_for(accounts, claims, sso.Settings()) == Principal(
        "周文书", COUNTY_CLERK, "澄溪县", "database"
    )
    by_subject = sso.principal_for(accounts, {"sub": "U-2002"}, sso.Settings())  # compared without case
    assert by_subject == Principal("赵领导", COUNTY_LEADER, "云岫县", "database")
    users.change(accounts, "周文书", "王主任", role=COUNTY_LEADER, county="云峤县")
    assert sso.principal_for(accounts, claims, sso.Settings()).county == "云峤县"


def test_an_identity_without_an_active_account_is_refused(accounts):
    with pytest.raises(sso.SingleSignOnRefused) as refused:
        sso.principal_for(accounts, {"sub": "u-9", "email": "stranger@example.test"}, sso.Settings())
    assert refused.value.text("zh").startswith("u-9 尚未登记为本系统账号")  # unverified e-mail: the subject
    assert "is not registered" in refused.value.text("en")
    users.set_active(accounts, "周文书", False, "王主任")
    with pytest.raises(sso.SingleSignOnRefused):
        sso.principal_for(accounts, CLERK_CLAIMS, sso.Settings())
    with pytest.raises(sso.SingleSignOnRefused) as nobody:
        sso.principal_for(accounts, {"email": "x@y.z"}, sso.Settings())
    assert nobody.value.key == "sso_no_identity"


def test_sign_ins_and_refusals_are_audited_and_never_lock_a_password(accounts):
    assert sso.sign_in(accounts, CLERK_CLAIMS, sso.Settings()).name == "周文书"
    for _ in range(access.MAX_FAILURES + 1):
        with pytest.raises(sso.SingleSignOnRefused):
            sso.sign_in(accounts, {"sub": "赵领导"}, sso.Settings())  # a subject that is another account's name
    rows = audit.log(accounts).iloc[::-1]
    rows = rows[rows["action"] == "sign_in"][["who", "outcome", "detail"]].values.tolist()
    assert rows[0] == ["周文书", "ok", "sso"]
    assert rows[1:] == [["赵领导", "refused", "sso not registered"]] * (access.MAX_FAILURES + 1)
    assert access.sign_in(accounts, access.Credentials(), "赵领导", "long enough pass").name == "赵领导"


# --- the sidebar, through AppTest (st.user as Streamlit sets it after the provider's login)

SSO_SECRETS = {"auth": {**SHARED, **PROVIDER}}


@pytest.fixture
def logins(monkeypatch) -> list:
    """st.login's calls (the provider each asked for): AppTest's `at.secrets` do not reach the secrets st.login
    validates, and there is no browser to send to the provider."""
    import streamlit

    calls: list = []
    monkeypatch.setattr(streamlit, "login", calls.append)
    return calls


def _ran(at):
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.fixture
def sso_app(app_factory, sample_db_path, logins):
    def make(secrets: dict, user: dict | None = None):
        db = Database(sample_db_path)
        if users.find(db, "周文书") is None:
            users.add(db, "周文书", COUNTY_CLERK, "澄溪县", None, "test", identity="clerk@example.test")
        db.close()
        at = app_factory(sample_db_path, run=False)
        for key, value in secrets.items():
            at.secrets[key] = value
        at.user = dict(user or {"is_logged_in": False})
        return _ran(at.run())

    return make


def _sidebar_text(at) -> str:
    return " ".join(str(element.value) for element in [*at.sidebar.caption, *at.sidebar.error])


def _just_logged_in(**claims) -> dict:
    """st.user as Streamlit sets it right after the provider's login: the ID token's claims, issued now."""
    return {
        "is_logged_in": True,
        "sub": "u-1001",
        "email": "clerk@example.test",
        "email_verified": True,
        "iat": int(time.time()),
        **claims,
    }


def test_the_sidebar_maps_only_a_sign_on_it_started(sso_app, logins):
    earlier = _just_logged_in(iat=int(time.time()) - 3600)
    at = sso_app(SSO_SECRETS, earlier)  # an identity cookie left from an hour ago: nobody is signed in by it
    assert "已登录" not in _sidebar_text(at)
    assert at.sidebar.button(key="sso_sign_in").label == "单点登录"
    assert at.sidebar.expander  # the password form is still offered

    _ran(at.sidebar.button(key="sso_sign_in").click().run())  # st.login: the browser goes to the provider
    assert logins == [None]  # the provider configured directly in [auth]
    _ran(at.run())  # ... which sends it back without a new login (denied): the old identity is no answer
    assert "已登录" not in _sidebar_text(at)

    _ran(at.sidebar.button(key="sso_sign_in").click().run())
    at.user = _just_logged_in()
    _ran(at.run())  # ... and now back with a new login
    assert "已登录：周文书（澄溪县县区填报员）" in _sidebar_text(at)

    _ran(at.sidebar.button(key="sign_out").click().run())  # st.logout ends st.user too; the browser reloads
    _ran(at.run())
    assert "已登录" not in _sidebar_text(at)
    assert at.user == {"is_logged_in": False}


def test_an_unregistered_identity_reads_a_sentence_and_the_password_form_can_be_withdrawn(sso_app):
    stranger = _just_logged_in(sub="u-9", email="stranger@example.test")
    at = sso_app({**SSO_SECRETS, "incentive_auth": {"password_sign_in": False}}, {"is_logged_in": False})
    assert not at.sidebar.expander  # single sign-on only
    _ran(at.sidebar.button(key="sso_sign_in").click().run())
    at.user = stranger
    _ran(at.run())
    # The provider's text in a code span (safe_text.code_span): shown as typed, never a link.
    assert "` stranger@example.test ` 尚未登记为本系统账号" in _sidebar_text(at)
    assert "已登录" not in _sidebar_text(at)


def test_single_sign_on_passes_the_viewing_password_page(sso_app, monkeypatch, logins):
    """With a viewing password, nothing shows until it is given, or until a registered identity signs in."""
    monkeypatch.setenv("INCENTIVE_VIEWER_HASH", access.hash_password("viewers only 1"))
    at = sso_app(SSO_SECRETS, {"is_logged_in": False})
    assert at.title[0].value == "干部激励看板" and not at.sidebar.button  # the gate: no page, no sidebar
    _ran(at.button(key="sso_sign_in").click().run())
    assert logins == [None]
    at.user = _just_logged_in()
    _ran(at.run())
    assert "已登录：周文书（澄溪县县区填报员）" in _sidebar_text(at)


def test_the_idle_timeout_ends_the_identity_cookie_too(sso_app):
    at = sso_app(SSO_SECRETS, {"is_logged_in": False})
    _ran(at.sidebar.button(key="sso_sign_in").click().run())
    at.user = _just_logged_in()
    _ran(at.run())
    assert "已登录：周文书" in _sidebar_text(at)
    at.session_state["role_seen_at"] = time.time() - 31 * 60  # ui/sign_in.py: the role unused past the default
    _ran(at.run())
    assert "已登录" not in _sidebar_text(at)
    assert at.user == {"is_logged_in": False}  # st.logout: the next run finds nobody logged in with the provider
