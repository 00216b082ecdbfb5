"""Who may change data: administrators sign in with a name and password whose salted argon2 hash is configured in
`.streamlit/secrets.toml` or the environment, never in plain text. Failed attempts are counted in the audit log
and a name is locked for a while after too many. An optional viewer password closes the whole app.

No Streamlit here: the UI passes in its secrets and keeps the signed-in name in the session.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass, field

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from .i18n import TranslatedError
from .storage import Database

HASHER = PasswordHasher()
MAX_FAILURES = 5
LOCK_WINDOW = dt.timedelta(minutes=15)


class SignInRefused(TranslatedError):
    """A sign-in that did not succeed; the sentence says why (without telling which part was wrong)."""


@dataclass(frozen=True)
class Credentials:
    admins: dict[str, str] = field(default_factory=dict)  # name -> argon2 hash
    viewer: str | None = None  # hash of the password for viewing, when the whole app is closed


def hash_password(password: str) -> str:
    return HASHER.hash(password)


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


def _matches(hashed: str, password: str) -> bool:
    try:
        return HASHER.verify(hashed, password)
    except (VerificationError, InvalidHashError):
        return False


def failures_since(db: Database, who: str, since: dt.datetime) -> int:
    return db.fetch_all("SELECT count(*) FROM audit WHERE action = 'sign_in' AND outcome = 'failed' "
                        "AND who = $who AND happened_at >= $since", {"who": who, "since": since})[0][0]


def sign_in(db: Database, credentials: Credentials, name: str, password: str) -> str:
    """The administrator's name when the password is right; SignInRefused otherwise. Every attempt is audited."""
    name = name.strip()
    if failures_since(db, name, dt.datetime.now() - LOCK_WINDOW) >= MAX_FAILURES:
        db.record(name, "sign_in", outcome="locked")
        raise SignInRefused("signin_locked", minutes=int(LOCK_WINDOW.total_seconds() // 60))
    hashed = credentials.admins.get(name)
    if hashed is None or not _matches(hashed, password):
        db.record(name, "sign_in", outcome="failed")
        raise SignInRefused("signin_failed")
    db.record(name, "sign_in")
    return name


def viewer_allowed(credentials: Credentials, password: str) -> bool:
    return credentials.viewer is None or _matches(credentials.viewer, password)
