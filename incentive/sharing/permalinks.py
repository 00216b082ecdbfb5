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

from incentive import periods
from incentive.publication import official
from incentive.store import batches
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
    """A new link to the view (`path`, `params`), pinned at `pinned_at` when given (a moment already fixed: a
    pinned view's own, a delivery's); its key."""
    with db.transaction() as cur:
        return _insert(cur, path, params, created_by, pinned_at)


def pin(db: Database, path: str, params: dict[str, str], created_by: str) -> str:
    """A new link to the view pinned at the moment it is made: now, never before the data's last change (a writer
    whose clock runs ahead), taken inside a write no batch write overlaps (Database.serial_write). Every write
    dated before the moment has then committed, and any other begins after it, so the link's data never change
    once it is made: an import stamps its batch when it begins, and a moment taken outside the serial write could
    fall between that stamp and its commit, a batch the first reader of the link would not see and every later
    one would. Publications, training targets and settings are written the same way
    (docs/decisions.md#a-pinned-link-holds-the-moment-it-was-shared)."""

    def write(cur) -> str:
        last_change = batches.version_in(cur).last_change
        now = dt.datetime.now()
        moment = max(now, last_change) if last_change is not None else now
        return _insert(cur, path, params, created_by, moment)

    return db.serial_write(write)


def _insert(cur, path: str, params: dict[str, str], created_by: str, pinned_at: dt.datetime | None) -> str:
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


PERIOD_FIELDS = ("period", "race", "care")  # a page's fields naming a period of the sidebar's year (page_state)


def year_of_periods(params: dict[str, str]) -> str | None:
    """The year a stored view's periods are of (`rank.period=2026-Q2`: '2026'), for a link stored without its year:
    links made while the default year was shown left it out, and once a later year had data they opened that year
    and refused their period (a fresh tester's finding). None when the view names no period, or periods of two
    years (then the default year stands, and a period it lacks is said as usual)."""
    years = set()
    for name, value in params.items():
        if name.rpartition(".")[2] in PERIOD_FIELDS and (period := periods.parse_period(value)):
            years.add(period[:4])
    return years.pop() if len(years) == 1 else None


def newer_than(db: Database, moment: dt.datetime) -> bool:
    """Whether a view pinned at `moment` shows an older state than the current one: data imported or rolled back
    since (batches.version_info), or a period published since, whose version in force the link does not show
    (a republication replaces the version it prints; a first one, the live figures it shows). Counting imports
    only, a link pinned before a republication said nothing was newer (a fresh tester's finding). Publications
    are never withdrawn: a new version is the only way one is replaced."""
    changes = (batches.version_info(db).last_change, official.last_published_at(db.connection))
    return any(when is not None and when > moment for when in changes)


def address(base: str, path: str, key: str) -> str:
    """The link people copy: the public base address, the page, the key."""
    return f"{base.rstrip('/')}/{path}?v={key}"
