"""ui/browser_session.py: the rules of the session cookie and sign-in tickets (the browser tests perform the
attacks end to end: tests/browser/test_attacks_in_browser.py)."""

from __future__ import annotations

import secrets
import time

import pytest

from ui import browser_session as bs


@pytest.fixture
def browser():
    token = secrets.token_urlsafe(32)
    return token, bs.binding_of(token)


def test_a_ticket_is_redeemed_once_by_the_browser_that_earned_it(browser):
    token, binding = browser
    ticket = bs.issue_ticket(binding, "admin", "王主任")
    assert bs.redeem(ticket, secrets.token_urlsafe(32)) is None  # another browser (a log reader) gets nothing …
    assert bs.redeem(ticket, token) is None  # … and the attempt used the ticket up
    ticket = bs.issue_ticket(binding, "admin", "王主任")
    new_token = bs.redeem(ticket, token)
    assert new_token and new_token != token  # rotated
    assert bs.granted(bs.binding_of(new_token), "admin") == "王主任"
    assert bs.granted(binding, "admin") is None  # the token from before sign-in holds nothing
    assert bs.granted(bs.binding_of(new_token), "viewer") is None  # one role only
    assert bs.redeem(ticket, token) is None  # once


def test_an_expired_ticket_or_grant_holds_nothing(browser, monkeypatch):
    token, binding = browser
    ticket = bs.issue_ticket(binding, "viewer", True)
    later = time.time() + bs.TICKET_SECONDS + 1
    monkeypatch.setattr(bs.time, "time", lambda: later)
    assert bs.redeem(ticket, token) is None
    monkeypatch.undo()
    bs.grant_directly(binding, "admin", "李科长")
    assert bs.granted(binding, "admin") == "李科长"
    much_later = time.time() + bs.GRANT_HOURS * 3600 + 1
    monkeypatch.setattr(bs.time, "time", lambda: much_later)
    assert bs.granted(binding, "admin") is None


def test_revoke_ends_a_grant(browser):
    _, binding = browser
    bs.grant_directly(binding, "admin", "王主任")
    bs.revoke(binding)
    assert bs.granted(binding, "admin") is None


@pytest.mark.parametrize("token", [None, "", "short", "x" * 43 + ";", "a b" * 15])
def test_malformed_tokens_name_no_browser(token):
    assert bs.binding_of(token) is None


def test_the_cookie_is_read_only_when_well_formed():
    good = secrets.token_urlsafe(32)
    assert bs.token_in([(b"cookie", f"a=1; incentive_session={good}".encode())]) == good
    assert bs.token_in([(b"cookie", b"incentive_session=../../etc")]) is None
    assert bs.token_in([(b"cookie", b'\xff\xfe="')]) is None
    assert bs.token_in([]) is None
    assert b"HttpOnly" in bs.cookie_header(good, secure=False)
    assert b"Secure" in bs.cookie_header(good, secure=True)


@pytest.mark.parametrize(
    "next_path, base, expected",
    [
        ("/rankings?period=2026-Q2", "", "/rankings?period=2026-Q2"),
        ("//evil.example/x", "", "/"),
        ("/\\evil.example", "", "/"),
        ("https://evil.example/", "", "/"),
        ("", "", "/"),
        ("/other/app", "dash", "/dash"),
        ("/dash/data", "dash", "/dash/data"),
    ],
)
def test_after_sign_in_the_browser_goes_only_to_this_site(next_path, base, expected):
    assert bs.safe_next(next_path, base) == expected


def test_an_idle_grant_ends_and_says_so_once(browser, monkeypatch):
    _, binding = browser
    bs.grant_directly(binding, bs.ACCOUNT, "甲填报")
    assert bs.granted(binding, bs.ACCOUNT, idle_seconds=60) == "甲填报"  # a page run: used now
    later = time.time() + 61
    monkeypatch.setattr(time, "time", lambda: later)
    assert bs.granted(binding, bs.ACCOUNT) == "甲填报"  # an upload or cache request reads, without the idle rule
    assert bs.granted(binding, bs.ACCOUNT, idle_seconds=60) is None  # the next page run: ended
    assert bs.ended_idle(binding) == "甲填报" and bs.ended_idle(binding) is None  # told once
    assert bs.granted(binding, bs.ACCOUNT, idle_seconds=3600) is None  # gone, whatever the setting now


@pytest.mark.parametrize(
    ("role", "county", "allowed"),
    [("prefecture_admin", None, True), ("county_clerk", "甲县", True), ("county_leader", "甲县", False)],
)
def test_uploads_are_for_the_roles_that_upload(browser, role, county, allowed):
    """ui/server.py's guard on Streamlit's upload endpoint, before any of the body is read: the prefecture
    administrator imports and a county clerk submits; a county leader (and anyone without a role) may not."""
    from incentive.accounts.roles import Principal
    from ui import server

    token, binding = browser
    scope = {
        "type": "http",
        "method": "PUT",
        "path": "/_stcore/upload_file/session-1/file-1",
        "headers": [(b"content-length", b"10")],
    }
    assert server._upload_refusal(scope, token).status_code == 403  # no role yet
    bs.grant_directly(binding, bs.ACCOUNT, Principal("某人", role, county))
    refusal = server._upload_refusal(scope, token)
    assert (refusal is None) == allowed, refusal and refusal.body
    bs.revoke(binding)
