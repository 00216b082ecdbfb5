"""The accounts a prefecture administrator manages on the Data page (docs/security.md, "Adding users").

Users are rows of the append-only `users` table (schema 008): every change is a new row, the newest per name is
the account as it stands, and nobody is deleted; an account is deactivated, and the audit log keeps the name.
Each change writes its audit row in the same transaction. Passwords are stored only as argon2id hashes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

import duckdb
import pandas as pd

from incentive import safe_text
from incentive.accounts.passwords import hash_password
from incentive.accounts.roles import COUNTY_ROLES, PREFECTURE_ADMIN, ROLES, Principal
from incentive.i18n import TranslatedError
from incentive.store import audit
from incentive.store.database import Database

MIN_PASSWORD = 12  # characters; argon2 makes guessing slow, length makes it hopeless


class AccountError(TranslatedError):
    """A change to an account that is not allowed; the sentence says why."""


@dataclass(frozen=True)
class User:
    name: str
    role: str
    county: str | None
    password_hash: str | None
    active: bool
    identity: str | None

    def principal(self) -> Principal:
        return Principal(self.name, self.role, self.county, "database")


_COLUMNS = "name, role, county, password_hash, active, identity"


def find(db: Database, name: str) -> User | None:
    """The account called `name` as it stands (active or not), or None."""
    rows = db.fetch_all(f"SELECT {_COLUMNS} FROM current_users WHERE name = $name", {"name": name.strip()})
    return User(*rows[0]) if rows else None


def find_by_identity(db: Database, identity: str) -> User | None:
    """The active account a single sign-on identity (e-mail or subject, compared without case) belongs to."""
    rows = db.fetch_all(
        f"SELECT {_COLUMNS} FROM current_users WHERE active AND lower(identity) = lower($identity)",
        {"identity": identity.strip()},
    )
    return User(*rows[0]) if len(rows) == 1 else None


def listing(db: Database) -> pd.DataFrame:
    """Every account, without its password hash: name, role, county, active, identity, changed_at, changed_by;
    ordered by name."""
    return db.fetch_df(
        "SELECT name, role, county, active, identity, changed_at, changed_by FROM current_users ORDER BY name"
    )


def add(
    db: Database,
    name: str,
    role: str,
    county: str | None,
    password: str | None,
    by: str,
    *,
    identity: str | None = None,
    reserved: frozenset[str] = frozenset(),
) -> User:
    """A new active account. AccountError for a name already taken (here or in `reserved`, the administrators
    of secrets.toml), an unknown role, a county role without a known county, a password shorter than
    MIN_PASSWORD, or an account with neither password nor single sign-on identity."""
    name = name.strip()
    if not name or safe_text.forbidden_in_name(name) or len(name) > safe_text.NAME_MAX_CHARS:
        raise AccountError("account_bad_name", limit=safe_text.NAME_MAX_CHARS)
    if name.casefold() in {taken.casefold() for taken in reserved}:
        raise AccountError("account_name_taken", name=name)
    if not password and not (identity or "").strip():
        raise AccountError("account_needs_password")

    def write(cur: duckdb.DuckDBPyConnection) -> User:
        # Names differ by more than letter case: 'Zhang' and 'zhang' would read as one person in the audit log.
        same = cur.execute("SELECT 1 FROM current_users WHERE lower(name) = lower($name)", {"name": name}).fetchall()
        if same:
            raise AccountError("account_name_taken", name=name)
        user = User(name, role, _county(cur, role, county), _hash(password), True, (identity or "").strip() or None)
        _insert(cur, user, by)
        audit.write(cur, by, "user_add", target=name, detail=_describe(user))
        return user

    _check_role(role)
    with db.transaction() as cur:
        return write(cur)


def change(
    db: Database, name: str, by: str, *, role: str | None = None, county: str | None = None, identity: str | None = None
) -> User:
    """A new role, county or single sign-on identity for an existing account (None leaves a field as it is;
    a county role keeps its county unless given one). AccountError as for `add`, or when there is no such
    account."""
    with db.transaction() as cur:
        user = _existing(cur, name)
        new_role = role or user.role
        _check_role(new_role)
        if by == user.name and user.role == PREFECTURE_ADMIN and new_role != PREFECTURE_ADMIN:
            raise AccountError("account_not_self_role")  # he would lock himself out mid-change
        wanted = county if county is not None else user.county
        changed = replace(
            user,
            role=new_role,
            county=_county(cur, new_role, wanted),
            identity=user.identity if identity is None else (identity.strip() or None),
        )
        _insert(cur, changed, by)
        audit.write(cur, by, "user_change", target=user.name, detail=_describe(changed))
        return changed


def reset_password(db: Database, name: str, password: str, by: str) -> None:
    """A new password for an account (AccountError when shorter than MIN_PASSWORD or no such account)."""
    hashed = _hash(password)
    with db.transaction() as cur:
        user = _existing(cur, name)
        _insert(cur, replace(user, password_hash=hashed), by)
        audit.write(cur, by, "user_password", target=user.name)


def set_active(db: Database, name: str, active: bool, by: str) -> None:
    """Deactivate (the account can no longer sign in, and a signed-in session ends at its next run) or
    reactivate an account. Nobody is deleted."""
    with db.transaction() as cur:
        user = _existing(cur, name)
        if by == user.name and not active:
            raise AccountError("account_not_self")
        _insert(cur, replace(user, active=active), by)
        audit.write(cur, by, "user_activate" if active else "user_deactivate", target=user.name)


def _hash(password: str | None) -> str | None:
    if password is None or password == "":
        return None
    if len(password) < MIN_PASSWORD:
        raise AccountError("account_password_short", n=MIN_PASSWORD)
    return hash_password(password)


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise AccountError("account_bad_role", role=role)


def _county(cur: duckdb.DuckDBPyConnection, role: str, county: str | None) -> str | None:
    if role == PREFECTURE_ADMIN:
        return None
    county = (county or "").strip()
    if role in COUNTY_ROLES and not county:
        raise AccountError("account_needs_county")
    known = {row[0] for row in cur.execute("SELECT DISTINCT county FROM current_regions").fetchall()}
    if role in COUNTY_ROLES and county not in known:
        raise AccountError("account_bad_county", county=county or "—")
    return county


def _current(cur: duckdb.DuckDBPyConnection, name: str) -> User | None:
    rows = cur.execute(f"SELECT {_COLUMNS} FROM current_users WHERE name = $name", {"name": name.strip()}).fetchall()
    return User(*rows[0]) if rows else None


def _existing(cur: duckdb.DuckDBPyConnection, name: str) -> User:
    user = _current(cur, name)
    if user is None:
        raise AccountError("account_unknown", name=name.strip())
    return user


def _insert(cur: duckdb.DuckDBPyConnection, user: User, by: str) -> None:
    # Strictly after the account's previous row, so "newest row per name" never ties.
    last = cur.execute("SELECT max(changed_at) FROM users WHERE name = $name", {"name": user.name}).fetchone()[0]
    now = dt.datetime.now()
    if last is not None and now <= last:
        now = last + dt.timedelta(microseconds=1)
    cur.execute(
        "INSERT INTO users VALUES ($name, $role, $county, $hash, $active, $identity, $at, $by)",
        {
            "name": user.name,
            "role": user.role,
            "county": user.county,
            "hash": user.password_hash,
            "active": user.active,
            "identity": user.identity,
            "at": now,
            "by": by,
        },
    )


def _describe(user: User) -> str:
    return (
        f"{user.role}" + (f" {user.county}" if user.county else "") + (f" sso:{user.identity}" if user.identity else "")
    )
