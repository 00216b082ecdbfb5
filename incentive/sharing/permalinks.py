"""Short links (`?v=k3f9q2`) for a view: the page and its query parameters stored under a random key.

Keys are six characters from an alphabet without look-alikes, drawn with `secrets`; a key read from a URL is
checked against that shape before it reaches SQL (and then only as a bound parameter).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import secrets
from dataclasses import dataclass

from incentive.store.database import Database

ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no i, l, o, 0, 1
KEY_LENGTH = 6
KEY_SHAPE = re.compile(f"^[{ALPHABET}]{{{KEY_LENGTH}}}$")


@dataclass(frozen=True)
class Permalink:
    key: str
    path: str  # the page's url path, "" for the overview
    params: dict[str, str]
    created_at: dt.datetime
    pinned_at: dt.datetime | None


def new_key() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(KEY_LENGTH))


def save(db: Database, path: str, params: dict[str, str], created_by: str, pinned_at: dt.datetime | None = None) -> str:
    with db.transaction() as cur:
        while True:
            key = new_key()
            if not cur.execute("SELECT 1 FROM permalinks WHERE key = $key", {"key": key}).fetchone():
                break
        cur.execute(
            "INSERT INTO permalinks VALUES ($key, $path, $params, $at, $by, $pinned)",
            {
                "key": key,
                "path": path,
                "params": json.dumps(params, ensure_ascii=False, sort_keys=True),
                "at": dt.datetime.now(),
                "by": created_by,
                "pinned": pinned_at,
            },
        )
    return key


def load(db: Database, key: str) -> Permalink | None:
    if not KEY_SHAPE.match(key or ""):
        return None
    row = db.fetch_all("SELECT key, path, params, created_at, pinned_at FROM permalinks WHERE key = $key", {"key": key})
    if not row:
        return None
    key, path, params, created_at, pinned_at = row[0]
    return Permalink(key, path, json.loads(params), created_at, pinned_at)


def address(base: str, path: str, key: str) -> str:
    """The link people copy: the public base address, the page, the key."""
    return f"{base.rstrip('/')}/{path}?v={key}"
