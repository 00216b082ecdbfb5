"""Who may change data: administrators sign in with a name and password whose salted argon2 hash is configured in
`.streamlit/secrets.toml` or the environment, never in plain text. Failed attempts are counted in the audit log
and a name is locked for a while after too many. An optional viewer password closes the whole app.

No Streamlit here: the UI passes in its secrets and keeps the signed-in name in the session.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field

from incentive.accounts import users
from incentive.accounts.passwords import hash_password, matches
from incentive.accounts.roles import PREFECTURE_ADMIN, Principal
from incentive.i18n import TranslatedError
from incentive.store import audit
from incentive.store.database import Database

MAX_FAILURES = 5
LOCK_WINDOW = dt.timedelta(minutes=15)


class SignInRefused(TranslatedError):
    """A sign-in that did not succeed; the sentence says why (without telling which part was wrong)."""


@dataclass(frozen=True)
class Credentials:
    admins: dict[str, str] = field(default_factory=dict)  # name -> argon2 hash
    viewer: str | None = None  # hash of the password for viewing, when the whole app is closed


def load_credentials(secrets: Mapping | None = None, environ: Mapping[str, str] = os.environ) -> Credentials:
    """`[auth]` in secrets.toml (`admins = {name = "hash"}`, `viewer = "hash"`), then INCENTIVE_ADMINS
    (`name:hash;name:hash`) and INCENTIVE_VIEWER_HASH from the environment, which win."""
    auth = dict((secrets or {}).get("auth", {}))
    admins = {str(k): str(v) for k, v in dict(auth.get("admins", {})).items()}
    for entry in environ.get("INCENTIVE_ADMINS", "").split(";"):
        name, sep, hashed = entry.strip().partition(":")
        if sep and name and hashed:
            admins[name.strip()] = hashed.strip()
    viewer = environ.get("INCENTIVE_VIEWER_HASH") or auth.get("viewer") or None
    return Credentials(admins, viewer)


@functools.cache
def _dummy_hash() -> str:
    return hash_password("no administrator has this name")


MAX_CLIENT_FAILURES = 20  # per client address and window, whatever names it tries
MAX_PARALLEL_CHECKS = 2  # argon2 checks at once in this process (each takes 1-2 s of a core and 64 MB)
AUDIT_FAILURES_PER_WINDOW = 200  # failed and locked sign-in rows written per window; beyond, they are counted only
UNKNOWN_NAME = "(unknown name)"  # what the audit log says for a name that is no administrator (it may be a password)


class _Attempts:
    """Attempts counted atomically BEFORE the password is checked: a check takes a slot under the lock, so twenty
    guesses sent at once find the slots taken after the fifth, instead of all being checked and counted afterwards.
    Keyed by name (`name:…`), by client address (`client:…`) and for the viewing password (`viewer:…`). A success
    gives its slot back. The counts of names start from the audit log (a restart does not reset a lock) and an
    unlock (`incentive unlock NAME`, an audit row) clears everything before it."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.slots: dict[str, list[dt.datetime]] = {}
        self.audit_rows: list[dt.datetime] = []
        self.checks = threading.BoundedSemaphore(MAX_PARALLEL_CHECKS)

    def take(self, keys: dict[str, int], since_for: dict[str, dt.datetime | None], now: dt.datetime) -> bool:
        """One slot in every key, or none when any key is at its limit."""
        with self.lock:
            for key in keys:
                floor = max(now - LOCK_WINDOW, since_for.get(key) or now - LOCK_WINDOW)
                self.slots[key] = [at for at in self.slots.get(key, []) if at >= floor]
            if any(len(self.slots[key]) >= limit for key, limit in keys.items()):
                return False
            for key in keys:
                self.slots[key].append(now)
            return True

    def give_back(self, keys, at: dt.datetime) -> None:
        with self.lock:
            for key in keys:
                if at in self.slots.get(key, []):
                    self.slots[key].remove(at)

    def seed(self, key: str, times: list[dt.datetime]) -> None:
        with self.lock:
            if key not in self.slots:
                self.slots[key] = sorted(times)

    def may_audit(self, now: dt.datetime) -> bool:
        with self.lock:
            self.audit_rows = [at for at in self.audit_rows if at >= now - LOCK_WINDOW]
            if len(self.audit_rows) >= AUDIT_FAILURES_PER_WINDOW:
                return False
            self.audit_rows.append(now)
            return True

    def reset(self) -> None:
        with self.lock:
            self.slots.clear()
            self.audit_rows.clear()


ATTEMPTS = _Attempts()


def _failure_times(db: Database, who: str, since: dt.datetime) -> list[dt.datetime]:
    unlocked = _last_unlock(db, who)
    floor = max(since, unlocked) if unlocked else since
    rows = db.fetch_all(
        "SELECT happened_at FROM audit WHERE action = 'sign_in' AND outcome = 'failed' "
        "AND who = $who AND happened_at >= $since",
        {"who": who, "since": floor},
    )
    return [row[0] for row in rows]


def _last_unlock(db: Database, name: str) -> dt.datetime | None:
    return db.fetch_all(
        "SELECT max(happened_at) FROM audit WHERE action = 'sign_in_unlock' AND target = $name", {"name": name}
    )[0][0]


def unlock(db: Database, name: str, who: str) -> None:
    """`incentive unlock NAME`: the name's failures so far no longer count (in every app process: it is read
    from the audit log at the next attempt)."""
    audit.record(db, who, "sign_in_unlock", target=name.strip())


def _audit_refusal(db: Database, who: str, outcome: str, action: str = "sign_in") -> None:
    if ATTEMPTS.may_audit(dt.datetime.now()):
        audit.record(db, who, action, outcome=outcome)


def _check(hashed: str | None, password: str) -> bool:
    """The argon2 check, at most MAX_PARALLEL_CHECKS at once, holding no lock any other session needs. An
    unknown name is checked against a dummy hash so that it takes as long as a known one."""
    with ATTEMPTS.checks:
        return matches(hashed or _dummy_hash(), password) and hashed is not None


def account_of(db: Database, credentials: Credentials, name: str) -> tuple[Principal, str | None] | None:
    """Who `name` is and the hash to check: an administrator of secrets.toml or the environment (the first
    administrator, who wins over a database account of the same name), else an active database account with a
    password. None for anyone else."""
    if name in credentials.admins:
        return Principal(name, PREFECTURE_ADMIN, None, "secrets"), credentials.admins[name]
    user = users.find(db, name)
    if user is None or not user.active or not user.password_hash:
        return None
    return user.principal(), user.password_hash


def current_principal(db: Database, credentials: Credentials, held: Principal) -> Principal | None:
    """The principal a browser's grant names, as it stands now: a database account's role and county are read
    again (a change takes effect at the next page run) and a deactivated one holds nothing any more."""
    if held.source != "database":
        return held
    user = users.find(db, held.name)
    return user.principal() if user is not None and user.active else None


def sign_in(db: Database, credentials: Credentials, name: str, password: str, client: str = "") -> Principal:
    """The account (name, role, county) when the password is right; SignInRefused otherwise. Every attempt is
    audited (capped per window), an unknown name as UNKNOWN_NAME: what was typed in the name box may be a password.

    Attempts are counted before the password is checked, per name and per client address."""
    name = name.strip()
    account = account_of(db, credentials, name) if name else None
    known = account is not None
    who = name if known else UNKNOWN_NAME
    now = dt.datetime.now()
    keys = {f"name:{name}": MAX_FAILURES, f"client:{client}": MAX_CLIENT_FAILURES}
    if known:
        ATTEMPTS.seed(f"name:{name}", _failure_times(db, name, now - LOCK_WINDOW))
    since = {f"name:{name}": _last_unlock(db, name) if known else None}
    if not ATTEMPTS.take(keys, since, now):
        _audit_refusal(db, who, "locked")
        raise SignInRefused("signin_locked", minutes=int(LOCK_WINDOW.total_seconds() // 60))
    if not _check(account[1] if account else None, password):
        _audit_refusal(db, who, "failed")
        raise SignInRefused("signin_failed")
    ATTEMPTS.give_back(keys, now)
    audit.record(db, name, "sign_in")
    return account[0]


def viewer_sign_in(db: Database, credentials: Credentials, password: str, client: str = "") -> bool:
    """The viewing password, limited like an administrator's per client address (MAX_FAILURES a window)."""
    if credentials.viewer is None:
        return True
    now = dt.datetime.now()
    keys = {f"viewer:{client}": MAX_FAILURES}
    if not ATTEMPTS.take(keys, {}, now):
        _audit_refusal(db, "viewer", "locked", "view_sign_in")
        raise SignInRefused("signin_locked", minutes=int(LOCK_WINDOW.total_seconds() // 60))
    if not _check(credentials.viewer, password):
        _audit_refusal(db, "viewer", "failed", "view_sign_in")
        return False
    ATTEMPTS.give_back(keys, now)
    return True


def viewer_allowed(credentials: Credentials, password: str) -> bool:
    return credentials.viewer is None or matches(credentials.viewer, password)
