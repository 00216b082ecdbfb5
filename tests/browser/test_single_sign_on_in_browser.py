"""Single sign-on in the running app (docs/security.md, "Single sign-on"): Streamlit's st.login against an OpenID
Connect provider that the test starts on loopback (the `oidc-provider-mock` package), the server started with
`serve.py` as in production and a secrets.toml that points at the provider.

The provider knows two people: 周文书 (subject u-1001, verified e-mail clerk@example.test), whose e-mail is the
identity of a county clerk's row in the database, and anyone typed into its login form (a subject whose e-mail
the provider does not mark as verified), who has no row. The sidebar must show the clerk with the role and county
of his row, refuse the other with the not-registered sentence, and signing out must end Streamlit's identity cookie
too, so that a reload does not sign him in again. An administrator whose password hash is in `[auth]` beside
Streamlit's keys still signs in with the password form. Requests to anything but loopback (the provider's login page
links a stylesheet from a CDN) are refused by the test.
"""

from __future__ import annotations

import secrets
import shutil
import socket
import threading
import warnings
from urllib.parse import urlsplit

import pytest
import werkzeug.serving
from playwright.sync_api import expect

from incentive.accounts import users
from incentive.accounts.passwords import hash_password
from incentive.accounts.roles import COUNTY_CLERK
from incentive.store.database import Database

from .browser_steps import APP_IDLE, PATIENCE_MS, open_sidebar, open_view, sidebar, sign_in
from .conftest import running_app

pytestmark = pytest.mark.browser

CLERK, CLERK_COUNTY, CLERK_EMAIL, CLERK_SUBJECT = "周文书", "澄溪县", "clerk@example.test", "u-1001"
STRANGER = "stranger@example.test"
SECRETS_ADMIN, SECRETS_ADMIN_PASSWORD = "林主任", "secrets-admin-password"
IDENTITY_COOKIE = "_streamlit_user"  # Streamlit 1.67's identity cookie (and _streamlit_user_tokens)
LOOPBACK = {"127.0.0.1", "localhost", "[::1]", "::1"}


@pytest.fixture(scope="module")
def provider():
    """An OpenID Connect provider on a free loopback port, in a thread of the test process; its base URL."""
    with warnings.catch_warnings():  # 0.3.4 imports Authlib's deprecated authlib.jose
        from authlib.deprecate import AuthlibDeprecationWarning  # which sets its own filter to "always" on import

        warnings.simplefilter("ignore", AuthlibDeprecationWarning)
        import oidc_provider_mock

    people = [
        oidc_provider_mock.User(
            sub=CLERK_SUBJECT, claims={"email": CLERK_EMAIL, "email_verified": True, "name": "Zhou Wenshu"}
        )
    ]
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = werkzeug.serving.make_server("127.0.0.1", port, oidc_provider_mock.app(user_claims=people), threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.shutdown()
        thread.join(5)


@pytest.fixture(scope="module")
def sso_app(chromium, sample_db_file, tmp_path_factory, provider):
    """The app over a copy of the sample with the clerk's account (identity: his e-mail), its secrets.toml naming
    the provider."""
    folder = tmp_path_factory.mktemp("sso")
    database = folder / "app.duckdb"
    shutil.copy(sample_db_file, database)
    db = Database(database)
    users.add(db, CLERK, COUNTY_CLERK, CLERK_COUNTY, None, "test", identity=CLERK_EMAIL)
    db.close()
    secrets_file = folder / "secrets.toml"
    secrets_file.write_text(
        "[auth]\n"
        'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'  # Streamlit fills in its port
        f'cookie_secret = "{secrets.token_hex(32)}"\n'
        'client_id = "cadre-incentive-dashboard"\n'
        f'client_secret = "{secrets.token_hex(16)}"\n'
        f'server_metadata_url = "{provider}/.well-known/openid-configuration"\n'
        # The app's own key beside Streamlit's (docs/decisions.md#secrets-sections): an administrator's hash.
        f'admins = {{ "{SECRETS_ADMIN}" = "{hash_password(SECRETS_ADMIN_PASSWORD)}" }}\n',
        encoding="utf-8",
    )
    with running_app(chromium, database, folder, args=("--secrets.files", str(secrets_file))) as base_url:
        yield base_url


@pytest.fixture
def tab(chromium):
    """A browser of its own whose page requests may reach loopback only."""
    context = chromium.new_context(viewport={"width": 1440, "height": 900}, locale="zh-CN")
    context.route("**/*", _loopback_only)
    page = context.new_page()
    page.set_default_timeout(PATIENCE_MS // 2)
    yield page
    context.close()


def _loopback_only(route):
    if urlsplit(route.request.url).hostname in LOOPBACK:
        route.continue_()
    else:
        route.abort()


def _start_single_sign_on(page, base_url: str, provider: str) -> None:
    open_view(page, base_url)
    open_sidebar(page)
    sidebar(page).get_by_role("button", name="单点登录").click()
    page.wait_for_url(f"{provider}/oauth2/authorize*", timeout=PATIENCE_MS)


def _screenshot(page, folder, name: str) -> None:
    """The sidebar once the page's run has ended (the sign-in shows there)."""
    page.wait_for_selector(APP_IDLE, state="attached", timeout=PATIENCE_MS)
    size = page.viewport_size
    page.set_viewport_size({"width": size["width"], "height": 1600})  # the whole sidebar, which scrolls by itself
    page.wait_for_timeout(300)
    sidebar(page).screenshot(path=folder / f"{name}.png")
    page.set_viewport_size(size)


def _identity_cookies(page) -> list[dict]:
    return [cookie for cookie in page.context.cookies() if cookie["name"].startswith(IDENTITY_COOKIE)]


def test_a_registered_identity_signs_in_with_the_role_and_county_of_its_row(
    tab, sso_app, provider, chromium, screenshots
):
    _start_single_sign_on(tab, sso_app, provider)
    tab.get_by_role("button", name=CLERK_SUBJECT).click()  # the provider's one-click login of a known person

    side = sidebar(tab)
    expect(side.get_by_text(f"已登录：{CLERK}（{CLERK_COUNTY}县区填报员）")).to_be_visible(timeout=PATIENCE_MS)
    expect(side.get_by_role("button", name="单点登录")).to_have_count(0)
    _screenshot(tab, screenshots, "single-sign-on-clerk")
    assert _identity_cookies(tab), "Streamlit's identity cookie is set after the provider's login"

    # Streamlit's identity cookie alone, in another browser that never pressed the button, signs nobody in.
    other = chromium.new_context(viewport={"width": 1440, "height": 900}, locale="zh-CN")
    other.route("**/*", _loopback_only)
    other.add_cookies(_identity_cookies(tab))
    elsewhere = other.new_page()
    elsewhere.set_default_timeout(PATIENCE_MS // 2)
    open_view(elsewhere, sso_app)
    open_sidebar(elsewhere)
    expect(sidebar(elsewhere).get_by_role("button", name="单点登录")).to_be_visible()
    expect(sidebar(elsewhere).get_by_text("已登录")).to_have_count(0)
    other.close()

    # Signing out ends the app's grant and Streamlit's identity cookie, and the provider's session.
    side.get_by_role("button", name="退出登录").click()
    tab.wait_for_url(f"{provider}/oauth2/end_session*", timeout=PATIENCE_MS)
    tab.get_by_role("button", name="End session").click()
    tab.wait_for_url(f"{sso_app}/**", timeout=PATIENCE_MS)
    expect(sidebar(tab).get_by_role("button", name="单点登录")).to_be_visible(timeout=PATIENCE_MS)
    expect(sidebar(tab).get_by_text("已登录")).to_have_count(0)
    assert _identity_cookies(tab) == []
    open_view(tab, sso_app)  # a reload does not sign him in again
    expect(sidebar(tab).get_by_role("button", name="单点登录")).to_be_visible()
    expect(sidebar(tab).get_by_text("已登录")).to_have_count(0)


def test_an_identity_without_an_account_is_refused_and_has_no_role(tab, sso_app, provider, screenshots):
    _start_single_sign_on(tab, sso_app, provider)
    tab.locator("input[name=sub]").fill(STRANGER)  # the provider's form: any subject, e-mail not verified
    tab.get_by_role("button", name="Authorize").click()

    side = sidebar(tab)
    refusal = side.locator("[data-testid=stAlertContentError]")
    expect(refusal).to_contain_text(f"{STRANGER} 尚未登记为本系统账号", timeout=PATIENCE_MS)
    expect(refusal.locator("a")).to_have_count(0)  # the provider's text as typed, not a mailto: link
    expect(side.get_by_text("已登录")).to_have_count(0)
    expect(side.get_by_role("button", name="单点登录")).to_be_visible()
    _screenshot(tab, screenshots, "single-sign-on-not-registered")


def test_the_password_form_still_signs_in_an_administrator_of_auth(tab, sso_app):
    """`admins` in [auth] beside Streamlit's keys: Streamlit's single sign-on and the app's passwords both work."""
    open_view(tab, sso_app)
    expect(sidebar(tab).get_by_role("button", name="单点登录")).to_be_visible()
    sign_in(tab, SECRETS_ADMIN, SECRETS_ADMIN_PASSWORD)
    expect(sidebar(tab).get_by_text(f"已登录：{SECRETS_ADMIN}（市级管理员）")).to_be_visible()
