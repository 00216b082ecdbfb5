"""Attacks on the running app, made as an outsider would make them on loopback; each must fail."""

from __future__ import annotations

from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from .attacker import run_page
from .browser_steps import open_view, sign_in
from .conftest import ADMIN, ADMIN_PASSWORD


def victim_session_id(page, url: str) -> str:
    """The administrator's Streamlit session id, as it would be read from an upload URL in a proxy log."""
    ids: list[str] = []

    def frames(socket):
        def received(payload):
            if isinstance(payload, bytes):
                msg = ForwardMsg()
                try:
                    msg.ParseFromString(payload)
                except Exception:
                    return
                if msg.WhichOneof("type") == "new_session":
                    ids.append(msg.new_session.initialize.session_id)
        socket.on("framereceived", received)

    page.on("websocket", frames)
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
    again = run_page(app_url, "data", session_id=session_id)  # and stays without a role
    assert again.page_paths and "data" not in again.page_paths


def test_clear_cache_from_a_client_that_never_opened_a_page_is_refused(page, app_url):
    """Security item 5: Streamlit would clear every user's caches for any client. Observable: the key binding a
    role to its browser is a cached resource; cleared, the administrator's next run would end the session."""
    from streamlit.proto.BackMsg_pb2 import BackMsg

    from .attacker import send_only
    open_view(page, app_url)
    sign_in(page, ADMIN, ADMIN_PASSWORD)
    nav = page.locator("[data-testid=stSidebarNav]")
    nav.get_by_text("数据管理").wait_for()
    attack = BackMsg()
    attack.clear_cache = True
    send_only(app_url, attack)
    nav.get_by_text("赛马排名").click()
    page.get_by_text("赛马排名").first.wait_for()
    page.wait_for_timeout(2000)
    assert page.get_by_text("会话已结束").count() == 0
    nav.get_by_text("数据管理").wait_for(timeout=5000)  # still the administrator
