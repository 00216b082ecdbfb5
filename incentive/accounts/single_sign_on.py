"""Single sign-on through an OpenID Connect provider (docs/security.md, "Single sign-on").

Streamlit's `st.login` does the protocol; this module decides who the person it vouches for is here. The provider
says *who* someone is (an e-mail address or a subject); the database says what they may do: the identity is
looked up in the users table (`users.identity`), and role and county come from that row, never from the
provider's claims (docs/decisions.md#single-sign-on). An identity without an active row is refused and audited.

No Streamlit here: the UI passes in the secrets and the claims of `st.user`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from incentive.accounts import users
from incentive.accounts.roles import Principal
from incentive.i18n import TranslatedError
from incentive.store import audit
from incentive.store.database import Database

PROVIDER_KEYS = ("client_id", "client_secret", "server_metadata_url")  # what st.login requires of a provider
SHARED_KEYS = ("redirect_uri", "cookie_secret")  # what st.login requires in [auth] itself
OURS = "incentive_auth"  # our settings' section of secrets.toml, beside Streamlit's [auth]
IDENTITY_MAX_CHARS = 254  # the longest e-mail address; a longer claim is no identity of ours
CLOCK_SKEW_SECONDS = 300  # how far the provider's clock may be behind ours


class SingleSignOnRefused(TranslatedError):
    """The provider vouched for someone who has no active account here (or for nobody usable)."""


@dataclass(frozen=True)
class Settings:
    """How sign-in through the provider works here.

    `provider`: the name st.login takes (None: the provider configured directly in [auth]); `identity_claim`:
    the claim matched against `users.identity` ("email" by default; "sub" for the subject, or any other claim
    the provider sends); `trust_unverified_email`: accept an e-mail the provider does not mark as verified;
    `password_sign_in`: whether the password form is still offered beside the single sign-on button."""

    provider: str | None = None
    identity_claim: str = "email"
    trust_unverified_email: bool = False
    password_sign_in: bool = True


def settings_from(secrets: Mapping | None) -> Settings | None:
    """The single sign-on settings when `[auth]` configures an OpenID Connect provider for st.login, else None.

    A provider is configured when `[auth]` has `redirect_uri` and `cookie_secret`, and either `client_id`,
    `client_secret`, `server_metadata_url` itself (st.login's default provider) or a section `[auth.NAME]` with
    them. With several named sections, `[incentive_auth] sso_provider = "NAME"` chooses one. The administrators'
    password hashes (`admins`, `viewer`) may stay in `[auth]`: st.login ignores keys that are no provider."""
    secrets = secrets or {}
    auth = secrets.get("auth") or {}
    ours = secrets.get(OURS) or {}
    if not isinstance(auth, Mapping) or not all(auth.get(key) for key in SHARED_KEYS):
        return None
    named = [
        name
        for name, section in auth.items()
        if isinstance(section, Mapping) and all(section.get(key) for key in PROVIDER_KEYS)
    ]
    chosen = ours.get("sso_provider")
    if chosen:
        if chosen not in named:
            return None
        provider = str(chosen)
    elif all(auth.get(key) for key in PROVIDER_KEYS):
        provider = None
    elif len(named) == 1:
        provider = named[0]
    else:
        return None
    return Settings(
        provider=provider,
        identity_claim=str(ours.get("sso_identity_claim") or "email"),
        trust_unverified_email=bool(ours.get("sso_trust_unverified_email", False)),
        password_sign_in=bool(ours.get("password_sign_in", True)),
    )


def identity_of(claims: Mapping, settings: Settings) -> str | None:
    """The identity the provider vouches for: the configured claim (an e-mail only when the provider marks it
    verified, or the settings trust it), else the subject `sub`, which every OpenID Connect provider sends and
    never reassigns. None when there is neither."""
    claim = settings.identity_claim
    value = _text(claims.get(claim))
    if value and claim == "email" and not (claims.get("email_verified") is True or settings.trust_unverified_email):
        value = None
    return value or _text(claims.get("sub"))


def issued_since(claims: Mapping, started: float) -> bool:
    """Whether the provider issued these claims (their `iat`, a Unix time every ID token carries) after a sign-on
    that started at `started`, give or take CLOCK_SKEW_SECONDS between the provider's clock and ours. An identity
    Streamlit kept from an earlier login (its cookie lives 30 days) is not the answer to this sign-on."""
    issued = claims.get("iat")
    if isinstance(issued, bool) or not isinstance(issued, int | float):
        return False
    return issued >= started - CLOCK_SKEW_SECONDS


def principal_for(db: Database, claims: Mapping, settings: Settings) -> Principal:
    """The account the provider's claims belong to, with its role and county from the database (source
    "database", so a deactivation or a role change applies at the next page run). SingleSignOnRefused when the
    identity has no active account, or the claims carry no identity."""
    identity = identity_of(claims, settings)
    if identity is None:
        raise SingleSignOnRefused("sso_no_identity")
    user = users.find_by_identity(db, identity)
    if user is None:
        raise SingleSignOnRefused("sso_not_registered", identity=identity)
    return user.principal()


def sign_in(db: Database, claims: Mapping, settings: Settings) -> Principal:
    """`principal_for`, audited: `sign_in` by the account's name with detail `sso`, or a refused `sign_in` by
    the identity (detail `sso not registered`; outcome `refused`, which never counts towards a password lock).
    Refusals are capped per window like failed passwords (access.AUDIT_FAILURES_PER_WINDOW)."""
    from incentive import access  # the refusal cap lives with the password sign-in's

    try:
        principal = principal_for(db, claims, settings)
    except SingleSignOnRefused as refused:
        who = str(refused.params.get("identity") or "(no identity)")
        if access.ATTEMPTS.may_audit(dt.datetime.now()):
            audit.record(db, who, "sign_in", outcome="refused", detail="sso not registered")
        raise
    audit.record(db, principal.name, "sign_in", detail="sso")
    return principal


def _text(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = value.strip()
    return value if 0 < len(value) <= IDENTITY_MAX_CHARS else None
