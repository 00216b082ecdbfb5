"""What the app's HTTP server adds to Streamlit's: the browser-session cookie, the sign-in ticket route, the overview's
own address sent to the root, the upload guard (ui/browser_session.py holds the rules; this is their starlette wiring),
and what it does as it starts and stops (`lifespan`). `serve.py` mounts it with `st.App`; `streamlit run app.py` would
run without it, and then nobody can sign in (ui/sign_in.py says so)."""

from __future__ import annotations

import asyncio
import contextlib
import secrets
import threading

from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse
from starlette.routing import Route
from streamlit import config

from incentive.store import lake_copy

from . import browser_session as bs
from . import warm_up

INSTALLED = False  # set when the middleware is built, so a sign-in can tell a missing cookie from a missing server


def _base_path() -> str:
    base = (config.get_option("server.baseUrlPath") or "").strip("/")
    return f"/{base}" if base else ""


class SessionCookie:
    """Pure ASGI middleware: gives a browser without a valid token one, and guards the upload endpoint."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        token = bs.token_in(scope.get("headers", []))
        refusal = _upload_refusal(scope, token) or _media_refusal(scope, token)
        if refusal is not None:
            await refusal(scope, receive, send)
            return
        reserved = _reserve_upload(scope)
        try:
            if token is not None:
                await self.app(scope, receive, send)
                return
            await self._with_new_cookie(scope, receive, send)
        finally:
            _release_upload(reserved)

    async def _with_new_cookie(self, scope, receive, send):
        header = bs.cookie_header(secrets.token_urlsafe(32), scope.get("scheme") == "https")

        async def send_with_cookie(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                sets_own = any(
                    key.lower() == b"set-cookie" and value.startswith(f"{bs.COOKIE}=".encode())
                    for key, value in headers
                )
                if not sets_own:
                    headers.append((b"set-cookie", header))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_cookie)


_IN_FLIGHT: dict[str, int] = {}  # session id -> bytes of uploads accepted but not yet stored (event loop only)


def _upload_target(scope) -> str | None:
    """The session id of a PUT or DELETE on Streamlit's upload endpoint, else None."""
    prefix = f"{_base_path()}/_stcore/upload_file/"
    path = scope.get("path", "")
    if scope.get("method") not in ("PUT", "DELETE") or not path.startswith(prefix):
        return None
    return path[len(prefix) :].split("/", 1)[0]


def _declared_length(scope) -> int | None:
    declared = next((value for key, value in scope.get("headers", []) if key.lower() == b"content-length"), None)
    try:
        return int(declared) if declared is not None else None
    except ValueError:
        return None


def _upload_refusal(scope, token: str | None) -> PlainTextResponse | None:
    """A PUT or DELETE on Streamlit's upload endpoint from a browser whose account may not upload (only the
    prefecture administrator imports and a county clerk submits) is refused;
    so is a PUT without a length, or one that would take the session (stored plus still arriving) past its limit.
    All before any of the body is read."""
    session_id = _upload_target(scope)
    if session_id is None:
        return None
    account = bs.granted(bs.binding_of(token), bs.ACCOUNT)
    if not getattr(account, "may_submit", False):
        return PlainTextResponse("Uploads are for signed-in administrators and county clerks.", status_code=403)
    if scope["method"] == "DELETE":
        return None
    incoming = _declared_length(scope)
    if incoming is None:
        return PlainTextResponse("An upload must declare its length.", status_code=411)
    if _held_by(session_id) + _IN_FLIGHT.get(session_id, 0) + incoming > bs.upload_session_limit():
        return PlainTextResponse(
            "This session holds too many uploaded bytes; import or remove files first.", status_code=413
        )
    return None


def _reserve_upload(scope) -> tuple[str, int] | None:
    """Count an accepted PUT's bytes against its session until it has been stored (concurrent uploads)."""
    session_id = _upload_target(scope)
    if session_id is None or scope["method"] != "PUT":
        return None
    size = _declared_length(scope) or 0
    _IN_FLIGHT[session_id] = _IN_FLIGHT.get(session_id, 0) + size
    return session_id, size


def _release_upload(reserved: tuple[str, int] | None) -> None:
    if reserved is None:
        return
    session_id, size = reserved
    left = _IN_FLIGHT.get(session_id, 0) - size
    if left > 0:
        _IN_FLIGHT[session_id] = left
    else:
        _IN_FLIGHT.pop(session_id, None)


def _media_refusal(scope, token: str | None) -> PlainTextResponse | None:
    """A file Streamlit serves under /media/ (downloads such as a county's list of untrained cadres, whose
    address reaches proxy logs) goes only to a browser that holds a session showing it; others get 404."""
    prefix = f"{_base_path()}/media/"
    path = scope.get("path", "")
    if scope.get("method") not in ("GET", "HEAD") or not path.startswith(prefix):
        return None
    file_id = path[len(prefix) :].split(".", 1)[0]
    binding = bs.binding_of(token)
    if binding is not None and any(_browser_of(session) == binding for session in _sessions_showing(file_id)):
        return None
    return PlainTextResponse("File not found.", status_code=404)


def _sessions_showing(file_id: str) -> list[str]:
    from streamlit import runtime

    try:
        manager = runtime.get_instance().media_file_mgr
        with manager._lock:  # Streamlit 1.67's MediaFileManager: session id -> {element: file id}
            showing = [
                session for session, files in manager._files_by_session_and_coord.items() if file_id in files.values()
            ]
    except Exception:
        return []
    with _MADE_ON_CLICK_LOCK:
        made_for = list(_MADE_ON_CLICK.get(file_id, ()))
    return [*showing, *made_for]


# A download made on click (st.download_button with a callable: every Excel download, ui/downloads.py) is stored
# under a new id that Streamlit 1.67 maps to no session (MediaFileManager.execute_deferred leaves it unmapped so that
# a second click runs the callable again), so _media_refusal refused every one of them with 404. The session whose
# button made the file is remembered here, for the last files made; its browser alone may fetch the file (two
# sessions making the same bytes under the same name get the same id: both are kept).
_MADE_ON_CLICK: dict[str, set[str]] = {}  # file id -> the sessions whose deferred download buttons made it
_MADE_ON_CLICK_KEPT = 512
_MADE_ON_CLICK_LOCK = threading.Lock()  # files are made in worker threads, the middleware reads in the event loop


def _remember_files_made_on_click() -> None:
    """Wrap Streamlit 1.67's MediaFileManager.execute_deferred (once) to note which session a made file is for."""
    from streamlit.runtime.media_file_manager import MediaFileManager

    made = MediaFileManager.execute_deferred
    if getattr(made, "remembers_session", False):
        return

    def execute_deferred(self, file_id: str) -> str:
        with self._lock:
            entry = self._deferred_callables.get(file_id)
        url = made(self, file_id)
        if entry is not None:
            made_id = url.rsplit("/", 1)[-1].split(".", 1)[0]
            with _MADE_ON_CLICK_LOCK:
                _MADE_ON_CLICK.setdefault(made_id, set()).add(entry["session_id"])
                while len(_MADE_ON_CLICK) > _MADE_ON_CLICK_KEPT:
                    _MADE_ON_CLICK.pop(next(iter(_MADE_ON_CLICK)))
        return url

    execute_deferred.remembers_session = True
    MediaFileManager.execute_deferred = execute_deferred


def _browser_of(session_id: str) -> str | None:
    from streamlit import runtime

    try:
        client = runtime.get_instance().get_client(session_id)
        cookies = client.client_context.cookies if client and client.client_context else {}
    except Exception:
        return None
    return bs.binding_of(cookies.get(bs.COOKIE))


def _held_by(session_id: str) -> int:
    from streamlit import runtime

    try:
        storage = runtime.get_instance().uploaded_file_mgr.file_storage  # MemoryUploadedFileManager, Streamlit 1.67
    except Exception:
        return 0
    return sum(len(record.data) for record in list(storage.get(session_id, {}).values()))


async def _signed_in(request: Request):
    new_token = bs.redeem(request.query_params.get("ticket", ""), request.cookies.get(bs.COOKIE))
    response = RedirectResponse(bs.safe_next(request.query_params.get("next", ""), _base_path()), status_code=303)
    if new_token is not None:
        response.raw_headers.append((b"set-cookie", bs.cookie_header(new_token, request.url.scheme == "https")))
    return response


async def _overview(request: Request):
    """The overview by its file's name (/overview): Streamlit serves its default page at the root only, and its
    client opened "Page not found" in English over any other address of it, though the overview then showed. Sent
    to the root with the same query, so a link copied with that name opens the same view without the pop-up."""
    query = request.url.query
    return RedirectResponse(f"{_base_path()}/" + (f"?{query}" if query else ""), status_code=307)


def routes() -> list[Route]:
    return [
        Route(f"{_base_path()}{bs.SIGNED_IN_ROUTE}", _signed_in, methods=["GET"]),
        *(Route(f"{_base_path()}{path}", _overview, methods=["GET"]) for path in ("/overview", "/overview/")),
    ]


def middleware() -> list[Middleware]:
    global INSTALLED
    INSTALLED = True
    _remember_files_made_on_click()
    return [Middleware(SessionCookie)]


@contextlib.asynccontextmanager
async def lifespan(app):
    """st.App's lifespan hook: the warm-up starts with the server (ui/warm_up.py); as the server stops, on Ctrl+C
    or SIGTERM (`systemctl stop`) alike, the lake copies of this process are closed, a second instance's private
    one removed (lake_copy.close_all says why the exit handlers would not do it on SIGTERM)."""
    try:
        async with warm_up.lifespan(app):
            yield
    finally:
        await asyncio.to_thread(lake_copy.close_all)  # may wait for a refresh under way: not in the event loop
