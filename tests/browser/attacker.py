"""An outsider's websocket client for the running app: it speaks Streamlit's protocol directly (no browser), with
its own cookies, and may present someone else's session id, as anyone who read a proxy log could."""

from __future__ import annotations

import http.cookies
import time
import urllib.request
from dataclasses import dataclass, field

from google.protobuf import text_format
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.sync.client import connect


@dataclass
class Seen:
    """What one script run sent back."""

    session_id: str = ""
    page_paths: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    finished: bool = False


def own_cookies(base_url: str) -> dict[str, str]:
    """The cookies a client of its own is given: Streamlit's XSRF cookie and the app's session cookie."""
    with urllib.request.urlopen(f"{base_url}/_stcore/health") as response:  # where Streamlit sets the XSRF one
        jar = http.cookies.SimpleCookie()
        for header in response.headers.get_all("Set-Cookie") or []:
            jar.load(header)
    return {name: morsel.value for name, morsel in jar.items()}


def _run(
    base_url: str, messages: list[BackMsg], session_id: str | None, timeout: float, session_cookie: str | None = None
) -> Seen:
    cookies = own_cookies(base_url)
    if session_cookie is not None:
        cookies["incentive_session"] = session_cookie
    protocols = ["streamlit", cookies["_streamlit_xsrf"]] + ([session_id] if session_id else [])
    url = base_url.replace("http://", "ws://") + "/_stcore/stream"
    seen = Seen()
    deadline = time.monotonic() + timeout
    with connect(
        url,
        subprotocols=protocols,
        max_size=None,
        additional_headers={"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()), "Origin": base_url},
    ) as socket:
        for message in messages:
            socket.send(message.SerializeToString())
        while (left := deadline - time.monotonic()) > 0:
            try:
                raw = socket.recv(timeout=left)
            except TimeoutError:
                break
            msg = ForwardMsg()
            msg.ParseFromString(raw)
            kind = msg.WhichOneof("type")
            if kind == "new_session":
                seen.session_id = seen.session_id or msg.new_session.initialize.session_id
            elif kind == "navigation":
                seen.page_paths = [page.url_pathname for page in msg.navigation.app_pages]
            elif kind == "delta":
                seen.texts.append(text_format.MessageToString(msg.delta.new_element, as_utf8=True))
            elif kind == "script_finished" and seen.session_id:
                # the end of our own run, which starts with new_session; a resumed session may still be finishing
                # the run it had (a page of its browser's, after a reload under load): that end is not ours
                seen.finished = True
                break
    return seen


def run_page(base_url: str, page_name: str = "", session_id: str | None = None, timeout: float = 30) -> Seen:
    """Connect (resuming `session_id` when given) and ask for one run of a page; what came back."""
    back = BackMsg()
    back.rerun_script.query_string = ""
    back.rerun_script.page_name = page_name
    return _run(base_url, [back], session_id, timeout)


def send_only(base_url: str, message: BackMsg, session_id: str | None = None, wait: float = 1.0) -> None:
    """Connect and send one message, without ever running a page."""
    _run(base_url, [message], session_id, wait)


def run_page_with_cookie(base_url: str, session_cookie: str, page_name: str = "", timeout: float = 30) -> Seen:
    """A new session presenting a given session cookie (one seen in a browser), for one run of a page."""
    back = BackMsg()
    back.rerun_script.query_string = ""
    back.rerun_script.page_name = page_name
    return _run(base_url, [back], None, timeout, session_cookie)
