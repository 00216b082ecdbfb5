"""Password hashes: salted argon2id (argon2-cffi's defaults), never the password itself (docs/security.md)."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

HASHER = PasswordHasher()


def hash_password(password: str) -> str:
    return HASHER.hash(password)


def matches(hashed: str, password: str) -> bool:
    """Whether `password` is the one `hashed` was made from; False for a malformed hash."""
    try:
        return HASHER.verify(hashed, password)
    except (VerificationError, InvalidHashError):
        return False
