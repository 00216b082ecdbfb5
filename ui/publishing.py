"""审定发布 on the pages (docs/decisions.md#publication): whether a page shows a period's published or live figures,
the mark and the banner saying which and what current data would change, the versions published, and the
prefecture administrator's form to publish. The figures themselves come from incentive/publication."""

from __future__ import annotations

import hashlib
import time

import pandas as pd
import streamlit as st

from incentive.i18n import join, t
from incentive.labels import status_label, tier_label
from incentive.publication import freeze, official
from incentive.safe_text import markdown, tm
from incentive.store.storage_faults import StorageFault
from ui import sign_in, storage_notice
from ui.frame import MISSING_CELL
from ui.runtime import database, publication_history, publication_of

VIEWS = ("official", "live")
_LAST = "_publication_last"  # what the last publication of this session was made from, and when
_DOUBLE_CLICK_S = 10  # the same form sent again this soon is a double click, not a new version
_CLEAR = "_publication_form_clear"  # set after a publication: empty the form on the next run
_FLASH = "pub_flash"


def shows_published(link, container, prefix: str, publication, trial: bool, lang: str) -> bool:
    """True when the page is to draw the published figures: the period is published, the settings are the official
    ones (`trial` False: custom methods, weights and tiers are always a trial) and the reader has not switched to
    the live trial (the page's `view` field, in its address)."""
    if publication is None or trial:
        return False
    view = link.segmented(
        container,
        t("pub_view", lang),
        VIEWS,
        key=f"{prefix}_view",
        field="view",
        format_func=lambda v: t(f"pub_view_{v}", lang),
    )
    return view == "official"


def mark(publication, published: bool, trial: bool, period: str, lang: str, issued=None, part: str = "") -> None:
    """Which figures these are: 正式发布（date, version, 文号）, or live with the reason why. `issued`: the version in
    force when it lacks what the page shows (`part`, in words: the period was published without it, having no such
    data then), which is said instead of "not published"."""
    if published:
        st.success(markdown(publication.label(lang)))  # the 文号 is typed by a person: shown as typed, never a link
        if publication.incomplete:  # published with data not all in, confirmed
            counties = official.shortfall_text(publication.incomplete, lang, quote=markdown)
            n = len(official.shortfall_counties(publication.incomplete))
            st.caption(t("pub_incomplete_mark", lang, n=n, counties=counties))
    elif publication is None and issued is not None:
        st.caption(tm("pub_issued_without", lang, period=period, version=issued.version, part=part))
    elif publication is None:
        st.caption(t("pub_unpublished", lang, period=period))
    elif trial:
        st.info(t("pub_trial_settings", lang))
    else:
        st.info(t("pub_live_note", lang, period=period))


def drift_banner(drift: official.Drift, lang: str) -> None:
    """Current data differ from the published ones: the sentence every view of the published figures says
    (official.Drift.sentence, docs/decisions.md#data-changed-after-publication), then each rank, tier, value or
    status they would change and the switch to see them. Nothing when they do not differ."""
    if not drift.changed:
        return
    items = [
        f"{markdown(r.unit)} {_rank(r.rank_before)}→{_rank(r.rank_after)}"
        + (
            ""
            if _tier(r.tier_before, lang) == _tier(r.tier_after, lang)
            else t("pub_drift_tier", lang, before=_tier(r.tier_before, lang), after=_tier(r.tier_after, lang))
        )
        for r in drift.ranks.itertuples()
    ]
    items += [
        f"{markdown(r.county)} {markdown(r.name)} {_status(r.status_before, lang)}→{_status(r.status_after, lang)}"
        if _code(r.status_before) != _code(r.status_after)
        else f"{markdown(r.county)} {markdown(r.name)} {_value(r.value_before)}→{_value(r.value_after)}"
        for r in drift.statuses.itertuples()
    ]
    text = drift.sentence(lang, quote=markdown)
    if items:
        text += t("pub_drift_items", lang, items=join(items, lang))
    st.warning(text + t("pub_drift_switch", lang))


def _code(status) -> str:
    return status if isinstance(status, str) else ""  # no status: None or NaN, as the frames hold it


def _tier(value, lang: str) -> str:
    return "—" if pd.isna(value) else tier_label(int(value), lang)


def _value(value) -> str:
    return "—" if pd.isna(value) else f"{value:g}"


def _rank(value) -> str:
    return "—" if pd.isna(value) else str(int(value))


def _status(value, lang: str) -> str:
    return status_label(value, lang) if isinstance(value, str) and value else "—"


def versions(period: str, lang: str) -> None:
    """The versions of a published period: when, by whom, 文号, note, the reason and what each changed."""
    found = publication_history(period)
    if not found:
        return
    with st.expander(t("pub_history", lang, n=len(found))):
        st.dataframe(_version_table(found, lang), hide_index=True, placeholder=MISSING_CELL, width="stretch")


def _in_peer(row, lang: str) -> str:
    """`安坝镇（云岫县）`, `甲县（城区）`: a unit with its county and its peer class where it has them."""
    peer = " · ".join(part for part in (row.peer, row.peer_class) if part)
    return t("pub_unit_in_peer", lang, unit=row.unit, peer=peer) if peer else row.unit


def _version_table(found: list[official.VersionChange], lang: str) -> pd.DataFrame:
    rows = []
    for i, change in enumerate(found):
        p = change.publication
        ranks = [f"{_in_peer(r, lang)} {_rank(r.rank_before)}→{_rank(r.rank_after)}" for r in change.ranks.itertuples()]
        statuses = [
            f"{r.county} {r.name} {_status(r.status_before, lang)}→{_status(r.status_after, lang)}"
            for r in change.statuses.itertuples()
        ]
        nothing = t("pub_first_version", lang) if i == 0 else t("pub_no_changes", lang)
        rows.append(
            {
                t("pub_col_version", lang): p.version,
                t("pub_col_published_at", lang): f"{p.published_at:%Y-%m-%d %H:%M}",
                t("pub_col_by", lang): p.published_by,
                t("pub_col_number", lang): p.document_no,
                t("pub_col_note", lang): p.note,
                t("pub_col_reason", lang): p.reason,
                t("pub_col_override", lang): p.override_reason,
                t("pub_col_incomplete", lang): _incomplete_cell(p, lang),
                t("pub_col_rank_changes", lang): join(ranks, lang) if ranks else nothing,
                t("pub_col_status_changes", lang): join(statuses, lang) if statuses else nothing,
            }
        )
    return pd.DataFrame(rows[::-1])  # newest first


def _incomplete_cell(publication: official.Publication, lang: str) -> str:
    if publication.incomplete is None:  # published before the check (schema 013)
        return t("pub_incomplete_not_recorded", lang)
    return official.shortfall_text(publication.incomplete, lang)


def publish_form(period: str, prefix: str, lang: str) -> None:
    """The prefecture administrator's form: what publishing `period` freezes (its ranking, its care statuses or
    both: freeze.contents), 文号, note, the reason for a republication, with submissions pending the reason to
    publish anyway, and with data not all in (freeze.shortfalls) which counties lack what and a checkbox naming
    them that must be ticked to publish. A period with neither says so instead of offering the form. Nobody else
    sees it."""
    flash = st.session_state.pop(_FLASH, None)
    if flash:
        st.success(flash)
    if sign_in.admin() is None:
        return
    if st.session_state.pop(_CLEAR, None) == prefix:  # published: the next form starts empty (before its widgets)
        for field in ("number", "note", "reason", "override"):
            st.session_state.pop(f"{prefix}_pub_{field}", None)
        for key in [k for k in st.session_state if str(k).startswith(f"{prefix}_pub_incomplete_")]:
            st.session_state.pop(key, None)
    parts = freeze.contents(database().connection, period)
    if parts.empty:
        with st.expander(t("pub_panel", lang)):
            st.info(t("pub_nothing", lang, period=period))
        return
    pending = freeze.pending_submissions(database(), period)
    asked = freeze.pending_rollbacks(database(), period)  # requests to roll back data of the period, in review
    short = freeze.shortfalls(database().connection, period)
    counties = official.shortfall_counties(short)
    with st.expander(t("pub_panel", lang)), st.form(f"{prefix}_pub_form"):  # a refusal keeps what was typed
        st.caption(tm(f"pub_panel_help_{parts.key}", lang, period=period))
        if pending:
            st.warning(t("pub_pending_count", lang, period=period, n=pending))
        if asked:
            st.warning(t("pub_rollbacks_pending_count", lang, period=period, n=asked))
        number = st.text_input(t("pub_document_no", lang), key=f"{prefix}_pub_number")
        note = st.text_input(t("pub_note", lang), key=f"{prefix}_pub_note")
        published = publication_of(period) is not None
        reason = st.text_input(t("pub_reason", lang), key=f"{prefix}_pub_reason") if published else ""
        override = st.text_input(t("pub_override", lang), key=f"{prefix}_pub_override") if pending or asked else ""
        confirmed = False
        if short:  # docs/decisions.md#incomplete-periods-need-confirmation
            listed = official.shortfall_text(short, lang, quote=markdown)
            st.warning(t("pub_incomplete_form", lang, period=period, n=len(counties), counties=listed))
            confirmed = st.checkbox(
                t("pub_incomplete_confirm", lang, counties=join([markdown(c) for c in counties], lang)),
                # another list of counties is another question: a tick given to the old one does not carry over
                key=f"{prefix}_pub_incomplete_{hashlib.sha256(repr(short).encode()).hexdigest()[:12]}",
            )
        submitted = st.form_submit_button(t("pub_button", lang, period=period), key=f"{prefix}_pub_submit")
    if not submitted:
        return
    who = sign_in.require_admin(lang)
    typed = (prefix, period, number, note, reason, override, confirmed)
    last = st.session_state.get(_LAST)
    if last is not None and last[0] == typed and time.monotonic() - last[1] < _DOUBLE_CLICK_S:
        return  # the second click of a double click: that publication is done, not to be made twice
    try:
        with st.spinner(t("pub_working", lang, period=period)):
            done = freeze.publish(
                database(),
                period,
                who,
                document_no=number,
                note=note,
                reason=reason,
                pending=pending,
                override_reason=override,
                allow_incomplete=frozenset(counties) if confirmed else False,
            )
            # at once, with no Streamlit call in between where a second click's rerun could stop this run
            st.session_state[_LAST] = (typed, time.monotonic())
            st.session_state[_FLASH] = t("pub_done", lang, period=period, version=done.version)
            st.session_state[_CLEAR] = prefix
    except freeze.PublicationError as error:
        st.error(markdown(error.text(lang)))  # it names the counties whose data are not all in, as the files wrote them
        return
    except StorageFault as fault:  # nothing published; said beside the form, the page goes on
        storage_notice.say_refused(fault, lang, st)
        return
    st.rerun()
