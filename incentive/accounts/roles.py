"""Roles and county scopes (docs/security.md, "Roles").

A signed-in person is a `Principal`: a name, one role and, below the prefecture, one county. What they may see of
named cadres and county detail is their `Scope`. Anonymous visitors and viewing-password visitors have no
principal: they see aggregates only (`Scope.NONE`).

| role               | writes                                  | named lists and county detail |
| ------------------ | --------------------------------------- | ----------------------------- |
| 市级管理员 prefecture_admin | imports go live, reviews, users, settings | every county            |
| 县区填报员 county_clerk    | submissions of his county (reviewed)     | his county                    |
| 县区领导 county_leader     | none                                     | his county                    |

The scope is enforced by the library functions that return named cadres or county detail (they take a `Scope`),
never by a page alone: a page that forgot would still get a refusal, not another county's names.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from incentive.i18n import TranslatedError

PREFECTURE_ADMIN = "prefecture_admin"
COUNTY_CLERK = "county_clerk"
COUNTY_LEADER = "county_leader"
ROLES = (PREFECTURE_ADMIN, COUNTY_CLERK, COUNTY_LEADER)
COUNTY_ROLES = (COUNTY_CLERK, COUNTY_LEADER)


class OutOfScope(TranslatedError):
    """A request for named cadres, county detail or a write outside the user's county; the sentence names the
    county asked for and the user's own."""


@dataclass(frozen=True)
class Scope:
    """The counties whose named lists and detail a user may see: `counties` None means every county (the
    prefecture), an empty set none (aggregates only)."""

    counties: frozenset[str] | None

    @property
    def everything(self) -> bool:
        return self.counties is None

    def covers(self, county: str) -> bool:
        return self.counties is None or county in self.counties

    def check(self, county: str) -> None:
        """OutOfScope unless `county` is inside this scope. An empty `county` (all counties) is inside only the
        prefecture's scope."""
        if self.counties is None:
            return
        own = "、".join(sorted(self.counties)) or "—"
        if not county:
            raise OutOfScope("scope_refused_all", own=own)
        if county not in self.counties:
            raise OutOfScope("scope_refused", county=county, own=own)

    def outside(self, counties: Iterable[str]) -> list[str]:
        """The distinct counties of `counties` this scope does not cover, in first-seen order."""
        seen: dict[str, None] = {}
        for county in counties:
            if not self.covers(county):
                seen.setdefault(county, None)
        return list(seen)


Scope.ALL = Scope(None)  # type: ignore[attr-defined]
Scope.NONE = Scope(frozenset())  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Principal:
    """A signed-in person: `name` as in the audit log, `role` one of ROLES, `county` set for the county roles
    (None for the prefecture), `source` where the account is kept: "secrets" (the first administrator, from
    `.streamlit/secrets.toml` or the environment), "database" (users managed on the Data page) or "cli"."""

    name: str
    role: str
    county: str | None = None
    source: str = "database"

    @property
    def is_admin(self) -> bool:
        return self.role == PREFECTURE_ADMIN

    @property
    def may_submit(self) -> bool:
        """May upload files: the administrator imports them, a clerk submits them for review."""
        return self.role in (PREFECTURE_ADMIN, COUNTY_CLERK)

    @property
    def scope(self) -> Scope:
        if self.role == PREFECTURE_ADMIN:
            return Scope.ALL
        return Scope(frozenset({self.county})) if self.county else Scope.NONE


def scope_of(principal: Principal | None) -> Scope:
    """An anonymous visitor's scope is NONE: aggregates only."""
    return principal.scope if principal is not None else Scope.NONE


def command_line(user: str) -> Principal:
    """The CLI runs on the server, with the rights of whoever can reach the database file: the prefecture's."""
    return Principal(f"cli:{user}", PREFECTURE_ADMIN, None, "cli")
