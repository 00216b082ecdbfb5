"""分享链接: store the current view under a short key, show the link with a copy button that also works on plain
http (where the browser's clipboard API is missing), and open such a link again; and the two documents of a view,
the briefing (PDF) and the 通报 (Word), of the periods the page shows."""

from __future__ import annotations

import functools
import html
from dataclasses import dataclass
from urllib.parse import urlsplit

import streamlit as st
import streamlit.components.v1 as components

from incentive import palette
from incentive.care import welfare
from incentive.config import public_url
from incentive.i18n import join, t
from incentive.race import rankings, scoring
from incentive.safe_text import markdown
from incentive.sharing import briefing, bulletin, permalinks
from incentive.store.database import DataAsOf
from incentive.store.storage_faults import StorageFault

from . import link_state, storage_notice
from .frame import LANGUAGE_LABELS
from .frame import current as frame_state
from .runtime import PINNED, database, figures_key, pinned_at

LANGUAGE_CODES = {"中文": "zh", "English": "en", "zh": "zh", "en": "en"}
SHARED_KEYS = ("lang", "year", "county")  # bound in the sidebar: restored through session state


PIN = "pin"  # in the address after a pinned link was opened: the link whose moment the data are shown as of
_OPENED_PIN = "_opened_pin"


def open_permalink() -> None:
    """`?v=key` in the address: put the stored view in place (once per key and session) and write the whole view
    into the address, the sidebar's language, year and county included, so that a reload or a forwarded address
    shows the same view (docs/decisions.md#short-links-keep-the-view-in-the-address). `v` leaves the address; a
    pinned link leaves `pin=key` instead, which restores only its moment: the other parameters are the address's,
    so a later change of a control survives a reload too. Parameters the address has beside `v` (added by hand)
    stand, and the link fills in the rest: Streamlit seeds the sidebar's bound controls from the address first
    opened whatever the session says, so a link's year over the address's showed one year under another's
    address."""
    key = st.query_params.get("v")
    if key is None:
        _keep_pinned()
        return
    if st.session_state.get("_opened_permalink") == key:
        return
    st.session_state["_opened_permalink"] = key
    link = permalinks.load(database(), key)
    del st.query_params["v"]
    if link is None:
        link_state.note_invalid("v", key)
        _keep_pinned()  # a `pin` beside it is checked in this run too, not left in the address unsaid until the next
        return
    if link.pinned_at is not None:
        st.session_state[PINNED] = link.pinned_at
        st.query_params[PIN] = key
        st.session_state[_OPENED_PIN] = key
    else:
        st.session_state.pop(PINNED, None)
        st.query_params.pop(PIN, None)
    given = set(st.query_params)  # the address's own, which stand
    params = dict(link.params)
    if "year" not in params and (year := permalinks.year_of_periods(params)) is not None:
        params["year"] = year  # a link stored before view_params kept the default year: that of its period
    for name, value in params.items():
        if name in ("v", PIN) or name in given:
            continue
        if name == "lang":  # the switch is bound by its label: `lang=English` in the address
            st.session_state["lang"] = LANGUAGE_CODES.get(value, "zh")
            value = LANGUAGE_LABELS[st.session_state["lang"]]
        elif name == "year":
            st.session_state["year"] = int(value) if value.isdigit() else None
        elif name == "county":
            st.session_state["county"] = value
        st.query_params[name] = value  # the bound widgets write their own only when changed by the user
    st.session_state.pop("_link_published", None)  # the page takes its controls from the restored address


def _keep_pinned() -> None:
    """`pin=key` in the address (a pinned link opened, then reloaded or forwarded): the data as of that link's
    moment, once per key and session; an unknown key or one of a link that is not pinned says so and shows current
    data. No `pin` in the address while the session shows a pinned link's data: another page was opened, and
    Streamlit drops every parameter but the bound controls' on a change of page, so the address said current data
    while the page showed the pinned ones, and a reload or the address forwarded showed current data (a fresh
    tester's finding); `pin` is written back, as README promises (the address holds the whole view)."""
    key = st.query_params.get(PIN)
    opened = st.session_state.get(_OPENED_PIN)
    if key is None:
        if opened is not None and pinned_at() is not None:
            st.query_params[PIN] = opened
        return
    if opened == key:
        return
    st.session_state[_OPENED_PIN] = key
    link = permalinks.load(database(), key)
    if link is None or link.pinned_at is None:
        link_state.note_invalid(PIN, key)
        del st.query_params[PIN]
        st.session_state.pop(PINNED, None)
        return
    st.session_state[PINNED] = link.pinned_at


def view_params() -> dict[str, str]:
    """The address's parameters as a short link stores them: the view, without the link it was opened from (the
    new link carries its own pinned moment), and the sidebar's year and the page's periods even when they are the
    defaults the address leaves out: a default is the newest with data, which a later import changes, and a link
    stored without it opened that year, its period refused, or the later quarter (fresh testers' findings)."""
    params = {name: st.query_params[name] for name in st.query_params if name not in ("v", PIN)}
    year = frame_state().year
    if year is not None:
        params.setdefault("year", str(year))
    # the page's periods shown at their default (the newest with data, which the next quarter's import moves)
    page = link_state.page()
    if page.prefix:
        params.update(link_state.shown_defaults(page.prefix, permalinks.PERIOD_FIELDS))
    return params


def base_address() -> str:
    configured = public_url()
    if configured:
        return configured
    parts = urlsplit(st.context.url or "http://localhost:8501/")
    return f"{parts.scheme}://{parts.netloc}"


def _show_link(link: str, pinned: str, lang: str) -> None:
    """The two links in a dialog titled in the user's language (a decorator's title would be fixed at import)."""
    st.dialog(t("share_button", lang))(_link_dialog)(link, pinned, lang)


def _link_dialog(link: str, pinned: str, lang: str) -> None:
    """Each link once: the live one in the field with its copy button (st.code's own button needs the clipboard
    API, missing on plain http), the pinned one as code below it."""
    st.caption(t("share_help", lang))
    _copy_field(link, lang)
    st.caption(t("share_pinned_help", lang))
    st.code(pinned, language=None)


def _copy_field(link: str, lang: str) -> None:
    """The link selected in a text field, and a copy button: the clipboard API where the page is secure, the
    selection and execCommand where it is not (plain http on an intranet address)."""
    value = html.escape(link, quote=True)
    components.html(
        f"""
<div style="display:flex;gap:8px;font-family:sans-serif">
  <input id="link" value="{value}" readonly style="flex:1;padding:6px;font-size:14px" onfocus="this.select()">
  <button id="copy" style="padding:6px 12px">{html.escape(t("share_copy", lang))}</button>
</div>
<div id="done" style="font:12px sans-serif;color:{palette.INK["muted"]};height:16px"></div>
<script>
const field = document.getElementById("link");
field.focus(); field.select();
document.getElementById("copy").onclick = async () => {{
  field.focus(); field.select();
  let ok = false;
  try {{ if (navigator.clipboard && window.isSecureContext) {{ await navigator.clipboard.writeText(field.value); ok = true; }} }}
  catch (e) {{ ok = false; }}
  if (!ok) {{ try {{ ok = document.execCommand("copy"); }} catch (e) {{ ok = false; }} }}
  document.getElementById("done").textContent = ok ? "{html.escape(t("share_copied", lang))}"
                                                   : "{html.escape(t("share_select", lang))}";
}};
</script>""",
        height=64,
    )


def share_button(lang: str, page_path: str) -> None:
    if st.sidebar.button(t("share_button", lang), icon=":material/link:", key="share_link", width="stretch"):
        params = view_params()
        try:  # a short link is a row of the database: the storage may refuse it, the page goes on
            live = permalinks.save(database(), page_path, params, created_by="web", pinned_at=pinned_at())
            pinned = (
                permalinks.save(database(), page_path, params, created_by="web", pinned_at=pinned_at())
                if pinned_at() is not None
                else permalinks.pin(database(), page_path, params, created_by="web")
            )
        except StorageFault as fault:
            storage_notice.say_refused(fault, lang, st.sidebar)
            return
        _show_link(
            permalinks.address(base_address(), page_path, live),
            permalinks.address(base_address(), page_path, pinned),
            lang,
        )


# Pages that read live data on a pinned link too (ui/runtime.py keys their results on the live version): the
# submission progress, which a meeting reads to chase what is missing now. Their banner says so, rather than the
# pinned moment, which a reader took for the figures shown (review of 2026-12-06).
LIVE_ON_PINNED_LINKS = frozenset({"progress"})


def pinned_banner(lang: str, page_path: str) -> None:
    """On a pinned link: which moment's data this is, whether there is newer, and one click to current data; on a
    page of LIVE_ON_PINNED_LINKS, that it shows current data whatever the link's moment."""
    moment = pinned_at()
    if moment is None:
        return
    if page_path in LIVE_ON_PINNED_LINKS:
        st.info(t("pinned_banner_live_page", lang, when=f"{moment:%Y-%m-%d %H:%M}"))
        return
    newer = permalinks.newer_than(database(), moment)  # an import, a rollback or a publication since
    text, button = st.columns([5, 1], vertical_alignment="center")
    text.warning(t("pinned_banner_newer" if newer else "pinned_banner", lang, when=f"{moment:%Y-%m-%d %H:%M}"))
    if button.button(t("pinned_to_current", lang), key="pinned_to_current"):
        st.session_state.pop(PINNED, None)
        st.query_params.pop(PIN, None)
        st.rerun()


@dataclass(frozen=True)
class DocumentView:
    """The view a page shows, which its documents print: the periods (None is the year's default of that kind),
    and for the briefing how the rankings page ranks (its method, weights and tiers; its switch to the live trial
    of a published period). The 通报 always ranks officially (docs/decisions.md#the-bulletin-ranks-officially)."""

    race: str | None = None  # the rankings page's period
    care: str | None = None  # the care page's half-year
    race_settings: rankings.RankingSettings = rankings.RankingSettings()
    race_live: bool = False  # the rankings page switched from a published period's ranking to the live one
    # address parameters of a view the briefing does not print, left out of its link so that the link opens what
    # the PDF shows (the rankings page's one track and townships: the PDF ranks the counties' composite)
    unprinted: tuple[str, ...] = ()
    # what of those the page shows now: said under 生成简报 and in the PDF's data line
    race_unprinted: briefing.UnprintedView = briefing.UnprintedView()
    # address parameters set in the briefing's link to what the PDF prints, whatever the page shows: (name, value)
    # (the rankings page's class: the PDF ranks the sidebar county's class, else all counties)
    printed: tuple[tuple[str, str], ...] = ()


DOCUMENTS_SLOT = "_documents_slot"  # this run's place in the sidebar for the two document buttons
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def document_buttons(lang: str, page_path: str) -> None:
    """生成简报（PDF） and 下载通报（Word） in the sidebar, drawn before the page runs with the year's default periods.
    A page that shows periods of its own draws them again in the same place with its periods (`shows_periods`),
    so the frame never reads another page's parameters and a page that stops early still has both buttons."""
    slot = st.sidebar.empty()
    st.session_state[DOCUMENTS_SLOT] = (slot, page_path)
    _draw_documents(slot, lang, page_path, DocumentView(), "frame")


def shows_periods(
    race: str | None = None,
    care: str | None = None,
    *,
    race_settings: rankings.RankingSettings = rankings.RankingSettings(),
    race_live: bool = False,
    unprinted: tuple[str, ...] = (),
    race_unprinted: briefing.UnprintedView = briefing.UnprintedView(),
    printed: tuple[tuple[str, str], ...] = (),
    origin: str = "page",
) -> None:
    """Called by a page once it knows the periods it shows (and the rankings page how it ranks): the briefing and
    the 通报 print those periods, the briefing ranked as the page is. A page that calls it twice in a run (the
    rankings page: its period first, so that a page stopping early still has it; then its settings) gives each
    call its own `origin` (the buttons' keys)."""
    slot, page_path = st.session_state.get(DOCUMENTS_SLOT, (None, ""))
    if slot is not None:
        view = DocumentView(race, care, race_settings, race_live, unprinted, race_unprinted, printed)
        _draw_documents(slot, frame_state().lang, page_path, view, origin)


def _draw_documents(slot, lang: str, page_path: str, view: DocumentView, origin: str) -> None:
    """The two buttons (keys by `origin`, since the page's pair replaces the frame's in the same run) and the
    download of a document made for this very view (scope, periods, language, pinned moment) and these very
    figures (runtime.figures_key)."""
    state = frame_state()
    if state.year is None:
        return
    # the figures it was made from too: after an import, a rollback, a change of settings or targets, a
    # publication or a submission (here or in another instance) a document made before is no longer offered.
    # Read only when a document is made or kept: most runs of most pages have none (a query saved each run).
    made_for = functools.cache(lambda: (state.year, state.county, lang, view, pinned_at(), figures_key()))
    with slot.container():
        if st.button(
            t("brief_button", lang), icon=":material/picture_as_pdf:", key=f"briefing_{origin}", width="stretch"
        ):
            _make_briefing(lang, page_path, view, made_for())
        if parts := view.race_unprinted.parts(lang):  # the page shows a view the PDF does not print: said before
            # a track or class is the catalog's text: shown as text, never as markdown (a link, an image)
            st.caption(t("brief_unprinted_help", lang, views=join([markdown(part) for part in parts], lang)))
        if st.button(
            t("bulletin_button", lang),
            icon=":material/description:",
            key=f"bulletin_{origin}",
            width="stretch",
            help=t("bulletin_button_help", lang),  # docs/decisions.md#the-bulletin-ranks-officially
        ):
            _make_bulletin(lang, view, made_for())
        for name, label, mime in (
            ("_briefing", "brief_download", "application/pdf"),
            ("_bulletin", "bulletin_download", DOCX_MIME),
        ):
            stored = st.session_state.get(name)
            if stored is not None and stored[0] == made_for():
                st.download_button(
                    t(label, lang),
                    stored[2],
                    file_name=stored[1],
                    mime=mime,
                    key=f"{name[1:]}_download_{origin}",
                    on_click="ignore",
                    width="stretch",
                )


def _make_briefing(lang: str, page_path: str, view: DocumentView, made_for: tuple) -> None:
    """生成简报: the prefecture (or the sidebar's county) as a PDF of the view the page shows (its periods; on the
    rankings page its method, weights, tiers, published or live), with a short link to this view printed in it,
    pinned at the moment of the PDF's data (a pinned view's own, else now), so that it opens what the PDF shows
    (as `deliver`'s do), not other settings or later data (fresh testers' findings;
    docs/decisions.md#the-briefing-prints-the-view)."""
    state = frame_state()
    st.session_state.pop("_briefing", None)
    moment = pinned_at()
    params = {name: value for name, value in view_params().items() if name not in view.unprinted} | dict(view.printed)
    with st.spinner(t("brief_working", lang)):
        try:
            if moment is None:  # the data as of the link's moment: an import in between cannot part them
                key = permalinks.pin(database(), page_path, params, "web")
                moment = permalinks.load(database(), key).pinned_at
            else:
                key = permalinks.save(database(), page_path, params, "web", pinned_at=moment)
            link = permalinks.address(base_address(), page_path, key)
        except StorageFault:  # no short link can be stored: the briefing prints the page's own address instead
            link = base_address().rstrip("/") + "/" + page_path
        try:
            content = briefing.gather(
                database(),
                state.year,
                state.county,
                lang,
                link,
                as_of=moment,
                race_period=view.race,
                care_period=view.care,
                race_settings=view.race_settings,
                race_live=view.race_live,
                race_unprinted=view.race_unprinted,
            )
            pdf = briefing.to_pdf(briefing.to_html(content))
        except briefing.BriefingUnavailable as error:
            st.error(markdown(error.text(lang)))  # it may quote the browser's own error output
            return
        except scoring.ScoringError as error:  # the page's weights name a track the county's class does not weigh
            st.error(markdown(error.text(lang)))
            return
    st.session_state["_briefing"] = (made_for, f"{content.title}.pdf", pdf)


def _make_bulletin(lang: str, view: DocumentView, made_for: tuple) -> None:
    """下载通报: the 通报 of the race period the page shows (else the year's default race period; on a page with
    only care figures, its half-year), with the care figures of the page's half-year when it shows one."""
    state = frame_state()
    st.session_state.pop("_bulletin", None)
    conn = database().connection if pinned_at() is None else DataAsOf(database().connection, pinned_at())
    period = (
        view.race or rankings.default_period(conn, state.year) or view.care or welfare.default_period(conn, state.year)
    )
    if period is None:
        st.error(t("bulletin_no_period", lang, year=state.year))
        return
    with st.spinner(t("bulletin_working", lang)):
        try:
            content = bulletin.gather(database(), period, state.county, lang, as_of=pinned_at(), care_period=view.care)
            document = bulletin.to_docx(content)
        except bulletin.BulletinError as error:
            st.error(markdown(error.text(lang)))  # it may name the counties, as the region list wrote them
            return
    st.session_state["_bulletin"] = (made_for, content.file_name, document)
