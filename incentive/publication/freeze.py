"""Publishing a period (审定发布, docs/decisions.md#publication): its official ranking and care statuses frozen as a
new version, with who, when, the data version, the 文号 and a note, and its audit row, in one transaction.

Only the prefecture administrator publishes: the pages ask ui/sign_in.require_admin, the CLI acts as one. What is
frozen is exactly what the pages show by default: rankings.rank_inputs with the official method, the catalog's
weights and the exact thirds, for the counties and for the townships of every county ranked in the period; and
welfare.period_view's statuses.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass

import duckdb
import pandas as pd

from incentive.care import welfare
from incentive.cycle import tracker
from incentive.i18n import DEFAULT_LANGUAGE, TranslatedError, localize, t
from incentive.publication.official import (
    OFFICIAL_METHOD,
    STATUS_COLUMNS,
    Publication,
    Shortfall,
    latest,
    shortfall_counties,
    shortfall_text,
    shortfalls_json,
)
from incentive.race import rankings, scoring
from incentive.race.rankings import PeerGroup, RaceInputs
from incentive.race.scoring import Ranking
from incentive.review import rollbacks, submissions
from incentive.store import audit, batches
from incentive.store.database import Database
from incentive.store.queries import identifier

ATTEMPTS = 3  # an import landing between reading the data and writing the publication: read again


class PublicationError(TranslatedError):
    """A publication refused; the sentence says why and what to do. Several things to do are said at once, the
    first by `key`, the others after it (`also`: their keys and parameters), so the administrator is not sent back
    once for each (docs/decisions.md#publication-refusals). `keys`: all of them, in that order. A parameter
    `shortfalls` (a list of official.Shortfall) is said in the language asked for, as `counties`."""

    def __init__(self, key: str, also: tuple[tuple[str, dict], ...] = (), **params: object) -> None:
        super().__init__(key, **params)
        self.also = also

    @property
    def keys(self) -> list[str]:
        return [self.key, *(key for key, _ in self.also)]

    def text(self, lang: str = DEFAULT_LANGUAGE, wording: Mapping[str, str] | None = None) -> str:
        """The sentences in `lang`; `wording` maps a key to another saying the same (the CLI's name its flags)."""
        wording = wording or {}
        sentences = [
            t(wording.get(key, key), lang, **_said(params, lang))
            for key, params in ((self.key, self.params), *self.also)
        ]
        return (" " if lang == "en" else "").join(sentences)


def _said(params: dict, lang: str) -> dict:
    out = localize({k: v for k, v in params.items() if k != "shortfalls"}, lang)
    if "shortfalls" in params:
        out["counties"] = shortfall_text(params["shortfalls"], lang)
    return out


@dataclass(frozen=True)
class Contents:
    """What publishing `period` now would freeze: its race ranking (the period has county race scores), its care
    statuses (it has care figures), both, or neither (then it is refused). A quarter usually has race scores
    only, a half-year care figures only (docs/decisions.md#what-is-frozen)."""

    period: str
    ranking: bool
    care: bool

    @property
    def empty(self) -> bool:
        return not (self.ranking or self.care)

    @property
    def key(self) -> str:
        """Which sentence says it: 'both', 'ranking', 'care' or 'nothing'."""
        if self.ranking and self.care:
            return "both"
        return "ranking" if self.ranking else "care" if self.care else "nothing"


def contents(conn, period: str) -> Contents:
    """What publishing `period` would freeze on the current data (`conn`: anything with `cursor()`); cheap, for
    the form and the CLI to say it before anything is computed."""
    return Contents(period, period in rankings.available_periods(conn), period in welfare.stored_periods(conn))


def shortfalls(conn, period: str) -> list[Shortfall]:
    """The counties whose values of what publishing `period` would freeze are not all in: for its ranking, race
    scores (the county's and, when townships are ranked, its townships'); for its care statuses, care figures
    (tracker.gaps, the rule of the line `本期 N 个县区数据未报齐` above the ranking and the care grid). Any one of
    them makes the period incomplete: publishing it then needs the administrator's explicit confirmation
    (docs/decisions.md#incomplete-periods-need-confirmation). Race scores first, counties in county order."""
    parts = contents(conn, period)
    kinds = [kind for kind, frozen in (("race_scores", parts.ranking), ("welfare", parts.care)) if frozen]
    return [
        Shortfall(kind, gap.county, gap.expected, gap.missing, gap.pending, gap.township_missing)
        for kind in kinds
        for gap in tracker.gaps(conn, kind, period)
    ]


def _unconfirmed(found: list[Shortfall], allow: bool | Collection[str]) -> bool:
    """Whether `found` is more than the administrator confirmed: True confirms any shortfall (the command line's
    --allow-incomplete, said after the fact); a collection of counties confirms those (the form's checkbox, which
    lists them), so a county found short since the form was drawn is not published unseen."""
    if not found or allow is True:
        return False
    if not allow:
        return True
    return not set(shortfall_counties(found)) <= set(allow)


@dataclass(frozen=True)
class Frozen:
    """What one publication stores: per peer group its inputs and ranking; the care figures."""

    period: str
    groups: list[tuple[PeerGroup, RaceInputs, Ranking]]
    care: welfare.PeriodView | None
    version_info: batches.VersionInfo
    shortfalls: list[Shortfall]

    @property
    def empty(self) -> bool:
        return not self.groups and self.care is None


def _freeze(db: Database, period: str) -> Frozen:
    conn = db.connection
    info = batches.version_info(db)
    parts = contents(conn, period)
    groups = []
    if parts.ranking:
        counties = [PeerGroup()] + [
            PeerGroup("township", county)
            for county in rankings.race_inputs(conn, period).units
            if period in rankings.available_periods(conn, PeerGroup("township", county))
        ]
        for group in [*counties, *_class_groups(conn, period, counties)]:
            inputs = rankings.race_inputs(conn, period, group)
            groups.append((group, inputs, rankings.rank_inputs(inputs, method=OFFICIAL_METHOD)))
    care = welfare.period_view(conn, period) if parts.care else None
    return Frozen(period, groups, care, info, shortfalls(conn, period))


def _class_groups(conn: duckdb.DuckDBPyConnection, period: str, groups: list[PeerGroup]) -> list[PeerGroup]:
    """The peer classes (分类考核) of each group with values in `period`: the official rankings where classes exist,
    frozen beside the ranking of all the group's units."""
    out = []
    for group in groups:
        ranked_units = set(rankings.race_inputs(conn, period, group).values["unit"])
        classes = rankings.unit_classes(conn, group)
        out += [
            PeerGroup(group.level, group.county, peer_class)
            for peer_class in dict.fromkeys(classes)
            if peer_class and ranked_units & set(classes.index[classes == peer_class])
        ]
    return out


def pending_submissions(db: Database, period: str) -> int:
    """County submissions with values of `period` awaiting review (incentive/review/submissions.py): while there
    are any, publishing the period needs an override reason."""
    return submissions.pending_count(db, period)


def pending_rollbacks(db: Database, period: str) -> int:
    """Requests awaiting review to roll back a county batch holding values of `period`
    (incentive/review/rollbacks.py): they hold up publishing it as pending submissions do, with the same override."""
    return rollbacks.pending_count(db, period)


DOCUMENT_NO_MAX = 50  # characters


def publish(
    db: Database,
    period: str,
    who: str,
    *,
    document_no: str = "",
    note: str = "",
    reason: str = "",
    pending: int | Callable[[str], int] = 0,
    override_reason: str = "",
    allow_incomplete: bool | Collection[str] = False,
) -> Publication:
    """Publish `period` as its next version and return it: its ranking, its care statuses or both, as `contents`
    says.

    `pending`: how many submissions of the period await review (or a function of the period giving it); while
    any do, or a request to roll back a batch of the period's values awaits review (`pending_rollbacks`),
    publishing is refused unless `override_reason` says why it goes ahead, which is stored and audited.
    A republication (version 2 on) needs `reason`: what was corrected. A period whose data are not all in
    (`shortfalls`) is published only with `allow_incomplete`: True, or the counties the administrator was shown
    and confirmed (then a county short that is not among them refuses); the shortfalls are stored with the
    version and audited (`publish_incomplete`). Refusals are audited too.
    PublicationError, checked in this order: nothing to publish (no race scores and no care figures), a 文号
    longer than DOCUMENT_NO_MAX, then, said together in this order, a republication without a reason,
    submissions pending, rollback requests pending, data incomplete (docs/decisions.md#publication-refusals)."""
    document_no, note, reason, override_reason = (s.strip() for s in (document_no, note, reason, override_reason))

    def refuse(code: str, *also: tuple[str, dict], **params) -> PublicationError:
        detail = "; ".join([code, *(more for more, _ in also)])
        audit.record(db, who, "publish", target=period, outcome="refused", detail=detail, rows=params.get("n"))
        return PublicationError(
            f"pub_{code}", tuple((f"pub_{more}", {"period": period, **p}) for more, p in also), period=period, **params
        )

    if contents(db.connection, period).empty:
        raise refuse("nothing")
    if len(document_no) > DOCUMENT_NO_MAX:  # a 文号 is a short reference (澜组〔2026〕12号); it heads every mark
        raise refuse("document_no_long", limit=DOCUMENT_NO_MAX)
    waiting = int(pending(period) if callable(pending) else pending)
    asked = pending_rollbacks(db, period)
    needs_reason = latest(db.connection, period) is not None and not reason
    held = waiting > 0 and not override_reason
    short = shortfalls(db.connection, period)
    todo = []
    if needs_reason and held:
        todo.append(("needs_reason_and_pending", {"n": waiting}))
    elif needs_reason:
        todo.append(("needs_reason", {}))
    elif held:
        todo.append(("pending", {"n": waiting}))
    if asked and not override_reason:
        todo.append(("rollbacks_pending", {"n": asked}))
    if _unconfirmed(short, allow_incomplete):
        todo.append(("incomplete", _incomplete_params(short)))
    if todo:
        (code, params), *also = todo
        raise refuse(code, *also, **params)
    for _ in range(ATTEMPTS):
        frozen = _freeze(db, period)
        if frozen.empty:
            raise refuse("nothing")
        if _unconfirmed(frozen.shortfalls, allow_incomplete):  # a county fell short since the check above
            raise refuse("incomplete", **_incomplete_params(frozen.shortfalls))
        written = db.serial_write(
            lambda cur, frozen=frozen: _write(
                cur, frozen, who, document_no, note, reason, waiting, override_reason if waiting or asked else ""
            )
        )
        if written is not None:
            return written
    raise PublicationError("pub_data_moving", period=period)


def _incomplete_params(found: list[Shortfall]) -> dict:
    return {"n": len(shortfall_counties(found)), "shortfalls": found}


def _write(
    cur: duckdb.DuckDBPyConnection,
    frozen: Frozen,
    who: str,
    document_no: str,
    note: str,
    reason: str,
    waiting: int,
    override_reason: str,
) -> Publication | None:
    """The publication's rows and audit row, in the caller's transaction; None (nothing written) when the data
    changed since they were read."""
    info = batches.version_in(cur)
    if info.version != frozen.version_info.version:
        return None
    period = frozen.period
    version = cur.execute(
        "SELECT coalesce(max(version), 0) + 1 FROM publications WHERE period = $p", {"p": period}
    ).fetchone()[0]
    county = next((ranking for group, _, ranking in frozen.groups if group.level == "county"), None)
    weights = {track: float(share) for track, share in county.track_weights.items()} if county is not None else {}
    # the setting read with the values (every group's inputs read it alike): what the ranks were computed with
    share = frozen.groups[0][1].min_coverage if frozen.groups else rankings.min_coverage(cur)
    publication = Publication(
        period=period,
        version=int(version),
        published_at=dt.datetime.now(),
        published_by=who,
        document_no=document_no,
        note=note,
        reason=reason,
        data_version=info.version,
        latest_batch=info.latest_batch,
        method=OFFICIAL_METHOD,
        track_weights=weights,
        tier_shares=scoring.TIER_SHARES,
        draws=scoring.DRAWS,
        pending_submissions=waiting,
        override_reason=override_reason,
        incomplete=tuple(frozen.shortfalls),
        min_coverage=share,
    )
    cur.execute(
        "INSERT INTO publications (period, version, published_at, published_by, document_no, note, reason, "
        "data_version, latest_batch, method, track_weights, tier_first, tier_third, draws, pending_submissions, "
        "override_reason, incomplete, min_coverage) VALUES ($period, $version, $at, $by, $number, $note, $reason, "
        "$data, $batch, $method, $weights, $first, $third, $draws, $pending, $override, $incomplete, $coverage)",
        {
            "period": period,
            "version": publication.version,
            "at": publication.published_at,
            "by": who,
            "number": document_no,
            "note": note,
            "reason": reason,
            "data": info.version,
            "batch": info.latest_batch,
            "method": OFFICIAL_METHOD,
            "weights": json.dumps(weights, ensure_ascii=False),
            "first": publication.tier_shares[0],
            "third": publication.tier_shares[1],
            "draws": publication.draws,
            "pending": waiting,
            "override": override_reason,
            "incomplete": shortfalls_json(frozen.shortfalls),
            "coverage": share,
        },
    )
    key = {"period": period, "version": publication.version}
    rows = 0
    if frozen.groups:
        ranks, values = _rank_rows(frozen.groups), _value_rows(frozen.groups)
        catalog = _catalog_rows(frozen.groups)
        rows += _insert(cur, "published_ranks", ranks, key)
        _insert(cur, "published_race_values", values, key)
        _insert(cur, "published_race_catalog", catalog, key)
    if frozen.care is not None:
        rows += _insert(cur, "published_statuses", _status_rows(frozen.care), key)
    said = "; ".join(text for text in (document_no, note, reason) if text)  # 文号, note, reason as written
    audit.write(cur, who, "publish", target=f"{period} v{publication.version}", rows=rows, detail=said)
    if override_reason:
        audit.write(
            cur,
            who,
            "publish_override",
            target=f"{period} v{publication.version}",
            rows=waiting,
            detail=override_reason,
        )
    if frozen.shortfalls:  # published incomplete, confirmed: which counties lacked what (shortfall_text reads it)
        audit.write(
            cur,
            who,
            "publish_incomplete",
            target=f"{period} v{publication.version}",
            rows=len(shortfall_counties(frozen.shortfalls)),
            detail=shortfalls_json(frozen.shortfalls),
        )
    return publication


def _insert(cur: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame, key: dict) -> int:
    """Rows of `frame` into `table`, by column name, each with the publication's period and version."""
    listed = ", ".join(identifier(column) for column in frame.columns)
    cur.register("frozen_rows", frame)
    try:
        cur.execute(
            f"INSERT INTO {identifier(table)} (period, version, {listed}) SELECT $period, $version, {listed} "
            "FROM frozen_rows",
            key,
        )
    finally:
        cur.unregister("frozen_rows")
    return len(frame)


def _rank_rows(groups: list[tuple[PeerGroup, RaceInputs, Ranking]]) -> pd.DataFrame:
    frames = []
    for group, inputs, ranking in groups:
        order = list(dict.fromkeys([*inputs.units, *inputs.values["unit"]]))  # the order rank_units was given
        table = ranking.table.reindex(order).reset_index(drop=True)
        frames.append(
            pd.DataFrame(
                {
                    "level": group.level,
                    "peer": group.county_param,
                    "peer_class": group.peer_class,
                    "position": range(len(order)),
                    "unit": order,
                    "rank": table["rank"].astype("Int64"),
                    "rank_low": table["rank_low"].astype("Int64"),
                    "rank_high": table["rank_high"].astype("Int64"),
                    "composite": table["composite"].astype(float),
                    "tier": table["tier"].astype("Int64"),
                    "ranked": table["ranked"].astype(bool),
                    "flags": table.apply(scoring.flags, axis=1),
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def _catalog_rows(groups: list[tuple[PeerGroup, RaceInputs, Ranking]]) -> pd.DataFrame:
    """The catalog each group was ranked by: the common one (peer_class '') and each class's, once per class."""
    columns = ["code", "name", "track", "unit", "direction", "weight", "target"]
    by_class = {group.peer_class: inputs.catalog for group, inputs, _ in reversed(groups)}
    frames = [catalog[columns].assign(peer_class=peer_class) for peer_class, catalog in reversed(by_class.items())]
    return pd.concat(frames, ignore_index=True)


def _value_rows(groups: list[tuple[PeerGroup, RaceInputs, Ranking]]) -> pd.DataFrame:
    frames = [
        inputs.values[["unit", "indicator", "value"]]
        .astype({"value": float})
        .assign(level=group.level, peer=group.county_param, peer_class=group.peer_class)[
            ["level", "peer", "peer_class", "unit", "indicator", "value"]
        ]
        for group, inputs, _ in groups
    ]
    return pd.concat(frames, ignore_index=True)


def _status_rows(view: welfare.PeriodView) -> pd.DataFrame:
    table = view.table
    out = pd.DataFrame({"position": range(len(table))})
    for column in STATUS_COLUMNS:
        values = table[column].to_numpy()
        out[column] = values
    for column in ("value", "target", "median", "previous", "change"):
        out[column] = out[column].astype(float)
    out["status"] = [s if isinstance(s, str) else None for s in out["status"]]
    out["previous_period"] = view.previous or ""
    return out
