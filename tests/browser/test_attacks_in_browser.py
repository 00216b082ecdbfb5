"""Attacks on the running app, made as an outsider would make them on loopback; each must fail."""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request

import pytest
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from .attacker import own_cookies, run_page, run_page_with_cookie
from .browser_steps import open_view, sign_in, wait_idle
from .conftest import ADMIN, ADMIN_PASSWORD, server_log


@pytest.fixture(scope="module")
def app_url(shared_app_url):
    """The test process's shared server (conftest.py, shared_app_url) rather than one of this module's own: each
    attack must fail, and a refused one stores nothing (an upload, a cache clearing, a session taken over); the
    sign-ins go to the audit log, which no test on that server reads."""
    return shared_app_url


def watch_messages(page, handle) -> None:
    """Call `handle(ForwardMsg)` for every message the app sends this page over its websocket."""

    def frames(socket):
        def received(payload):
            if isinstance(payload, bytes):
                msg = ForwardMsg()
                try:
                    msg.ParseFromString(payload)
                except Exception:
                    return
                handle(msg)

        socket.on("framereceived", received)

    page.on("websocket", frames)


def victim_session_id(page, url: str) -> str:
    """The administrator's Streamlit session id, as it would be read from an upload URL in a proxy log."""
    ids: list[str] = []
    watch_messages(
        page,
        lambda msg: (
            ids.append(msg.new_session.initialize.session_id) if msg.WhichOneof("type") == "new_session" else None
        ),
    )
    open_view(page, url)
    assert ids, "no session id seen"
    return ids[-1]


def test_a_resumed_session_id_does_not_carry_the_administrator_role(page, app_url):
    session_id = victim_session_id(page, app_url)
    sign_in(page, ADMIN, ADMIN_PASSWORD)
    nav = page.locator("[data-testid=stSidebarNav]")
    nav.get_by_text("数据管理").wait_for()  # the administrator has the Data page

    seen = run_page(app_url, "data", session_id=session_id)
    assert seen.finished
    assert seen.session_id == session_id  # Streamlit did hand over the session …
    assert "data" not in seen.page_paths  # … but not the administrator's pages: the session is ended
    assert any("会话已结束" in text for text in seen.texts)
    again = run_page(app_url, "data", session_id=session_id)  # another client: ended again, never a role
    assert again.finished and "data" not in again.page_paths


def test_the_session_cookie_is_http_only_and_rotated_at_sign_in(page, app_url):
    """Security item 1: the cookie a role is held by cannot be read by script in the page, and a token planted
    before sign-in (session fixation) is not the one that holds the role."""
    open_view(page, app_url)
    before = {c["name"]: c for c in page.context.cookies()}["incentive_session"]
    assert before["httpOnly"] and before["sameSite"] == "Lax"
    assert "incentive_session" not in page.evaluate("document.cookie")
    sign_in(page, ADMIN, ADMIN_PASSWORD)
    after = {c["name"]: c for c in page.context.cookies()}["incentive_session"]
    assert after["value"] != before["value"] and after["httpOnly"]

    planted = run_page_with_cookie(app_url, before["value"], "data")  # the old token holds nothing
    assert planted.finished and "data" not in planted.page_paths
    held = run_page_with_cookie(app_url, after["value"], "data")  # the new one does (as the browser itself)
    assert "data" in held.page_paths


def test_uploads_are_refused_without_the_administrator_role(page, app_url):
    """Security item 5: Streamlit's upload endpoint would take up to 50 MB per file for any session id."""
    session_id = victim_session_id(page, app_url)
    cookies = own_cookies(app_url)
    request = urllib.request.Request(
        f"{app_url}/_stcore/upload_file/{session_id}/f1",
        method="PUT",
        data=b"x" * 1000,
        headers={
            "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()),
            "X-Xsrftoken": cookies["_streamlit_xsrf"],
            "Content-Type": "application/octet-stream",
        },
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request)
    assert refused.value.code == 403


def test_clear_cache_from_a_client_that_never_opened_a_page_is_refused(page, app_url):
    """Security item 5: Streamlit would clear every user's caches for any client. Observable: the guard logs the
    refusal, and the administrator's session goes on as before."""
    from streamlit.proto.BackMsg_pb2 import BackMsg

    from .attacker import send_only

    open_view(page, app_url)
    sign_in(page, ADMIN, ADMIN_PASSWORD)
    nav = page.locator("[data-testid=stSidebarNav]")
    nav.get_by_text("数据管理").wait_for()
    logged_before = server_log(app_url).stat().st_size  # the server's log holds what earlier modules did too
    attack = BackMsg()
    attack.clear_cache = True
    send_only(app_url, attack)
    nav.get_by_text("赛马排名").click()
    wait_idle(page, after_action=True)  # the run after the attack: it would say the session had ended
    page.get_by_text("赛马排名").first.wait_for()
    assert page.get_by_text("会话已结束").count() == 0
    nav.get_by_text("数据管理").wait_for()  # still the administrator
    with server_log(app_url).open("rb") as log:
        log.seek(logged_before)
        assert b"clear_cache refused" in log.read()


def test_downloads_go_only_to_the_browser_showing_them(page, app_url):
    """A download's /media/ address reaches proxy logs; fetched without the browser that shows it, it is not there."""
    urls: list[str] = []

    def downloads(msg):
        if msg.WhichOneof("type") == "delta" and msg.delta.new_element.WhichOneof("type") == "download_button":
            urls.append(msg.delta.new_element.download_button.url)

    watch_messages(page, downloads)
    open_view(page, f"{app_url}/rankings")
    media = [url for url in urls if "/media/" in url]
    assert media, "the rankings page offers no download"
    address = app_url + media[0]
    assert page.request.get(address).status == 200  # the browser showing it
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(address)  # anyone else, e.g. a proxy-log reader
    assert refused.value.code == 404
    cookies = own_cookies(app_url)
    other = urllib.request.Request(address, headers={"Cookie": f"incentive_session={cookies['incentive_session']}"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(other)
    assert refused.value.code == 404


def test_a_delete_or_an_unsized_upload_is_refused(page, app_url):
    session_id = victim_session_id(page, app_url)
    cookies = own_cookies(app_url)
    headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()), "X-Xsrftoken": cookies["_streamlit_xsrf"]}
    delete = urllib.request.Request(f"{app_url}/_stcore/upload_file/{session_id}/f1", method="DELETE", headers=headers)
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(delete)
    assert refused.value.code == 403


def test_following_a_link_from_another_site_keeps_the_sign_in(page, app_url, tmp_path):
    """The session cookie is SameSite=Lax: a link clicked on an intranet portal (another host) still sends it."""
    open_view(page, app_url)
    sign_in(page, ADMIN, ADMIN_PASSWORD)
    signed = {c["name"]: c for c in page.context.cookies(app_url)}["incentive_session"]["value"]
    portal = app_url.replace("127.0.0.1", "localhost")  # another site to the browser
    page.goto(f"{portal}/_stcore/health")
    page.evaluate(
        f"() => {{ const a = document.createElement('a'); a.href = '{app_url}/rankings'; "
        "a.textContent = 'go'; document.body.appendChild(a); a.click(); }"
    )
    page.wait_for_url(f"{app_url}/rankings")
    page.locator("[data-testid=stSidebarNav]").get_by_text("数据管理").wait_for()
    assert {c["name"]: c for c in page.context.cookies(app_url)}["incentive_session"]["value"] == signed


def test_urls_and_addresses_in_names_and_parameters_are_never_links(page, app_url):
    """Streamlit links URLs and e-mail addresses it finds in rendered Markdown text, escaped or not; every value
    shown through safe_text.markdown must still show as typed, with no link (the notice for an unusable link
    parameter shows the parameter as given)."""
    crafted = "[点此](https://evil.example/c) www.evil.example mail@evil.example"
    open_view(page, f"{app_url}/?county={urllib.parse.quote(crafted)}")
    notice = page.get_by_text("链接中的参数无法使用", exact=False).first
    notice.wait_for()
    text = notice.inner_text().replace("\u2060", "")
    assert "[点此](https://evil.example/c)" in text and "mail@evil.example" in text and "www.evil.example" in text
    main = page.locator("[data-testid=stMain]")
    assert main.locator("a[href*='evil']").count() == 0
