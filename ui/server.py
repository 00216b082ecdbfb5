"""What the app's HTTP server adds to Streamlit's: the browser-session cookie, the sign-in ticket route, and the
upload guard (ui/browser_session.py holds the rules; this is their starlette wiring). `serve.py` mounts it with
`st.App`; `streamlit run app.py` would run without it, and then nobody can sign in (ui/sign_in.py says so)."""

from __future__ import annotations

import secrets

from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse
from starlette.routing import Route
from streamlit import config

from . import browser_session as bs

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
        refusal = _upload_refusal(scope, token)
        if refusal is not None:
            await refusal(scope, receive, send)
            return
        if token is not None:
            await self.app(scope, receive, send)
            return
        header = bs.cookie_header(secrets.token_urlsafe(32), scope.get("scheme") == "https")

        async def send_with_cookie(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                sets_own = any(key.lower() == b"set-cookie" and value.startswith(f"{bs.COOKIE}=".encode())
                               for key, value in headers)
                if not sets_own:
                    headers.append((b"set-cookie", header))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_cookie)


def _upload_refusal(scope, token: str | None) -> PlainTextResponse | None:
    """A PUT to Streamlit's upload endpoint from a browser without the administrator role, or beyond what one
    session may hold, is refused before any of the body is read."""
    prefix = f"{_base_path()}/_stcore/upload_file/"
    path = scope.get("path", "")
    if scope.get("method") != "PUT" or not path.startswith(prefix):
        return None
    if bs.granted(bs.binding_of(token), "admin") is None:
        return PlainTextResponse("Uploads are for signed-in administrators.", status_code=403)
    session_id = path[len(prefix):].split("/", 1)[0]
    declared = next((value for key, value in scope.get("headers", []) if key.lower() == b"content-length"), b"0")
    try:
        incoming = int(declared)
    except ValueError:
        incoming = 0
    if _held_by(session_id) + incoming > bs.upload_session_limit():
        return PlainTextResponse("This session holds too many uploaded bytes; import or remove files first.",
                                 status_code=413)
    return None


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


def routes() -> list[Route]:
    return [Route(f"{_base_path()}{bs.SIGNED_IN_ROUTE}", _signed_in, methods=["GET"])]


def middleware() -> list[Middleware]:
    global INSTALLED
    INSTALLED = True
    return [Middleware(SessionCookie)]
