"""分享链接: store the current view under a short key, show the link with a copy button that also works on plain
http (where the browser's clipboard API is missing), and open such a link again."""

from __future__ import annotations

import datetime as dt
import html
from urllib.parse import urlsplit

import streamlit as st
import streamlit.components.v1 as components

from incentive.config import public_url
from incentive.i18n import t
from incentive.sharing import briefing, permalinks
from incentive.store import batches

from . import link_state
from .frame import current as frame_state
from .runtime import PINNED, database, pinned_at

LANGUAGE_CODES = {"中文": "zh", "English": "en", "zh": "zh", "en": "en"}
SHARED_KEYS = ("lang", "year", "county")  # bound in the sidebar: restored through session state


def open_permalink() -> None:
    """`?v=key` in the address: put the stored view in place (once per key and session), then drop `v`."""
    key = st.query_params.get("v")
    if key is None or st.session_state.get("_opened_permalink") == key:
        return
    st.session_state["_opened_permalink"] = key
    link = permalinks.load(database(), key)
    del st.query_params["v"]
    if link is None:
        link_state.note_invalid("v", key)
        return
    if link.pinned_at is not None:
        st.session_state[PINNED] = link.pinned_at
    else:
        st.session_state.pop(PINNED, None)
    for name, value in link.params.items():
        if name == "lang":
            st.session_state["lang"] = LANGUAGE_CODES.get(value, "zh")
        elif name == "year":
            st.session_state["year"] = int(value) if value.isdigit() else None
        elif name == "county":
            st.session_state["county"] = value
        else:
            st.query_params[name] = value
    st.session_state.pop("_link_published", None)  # the page takes its controls from the restored address


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
    st.caption(t("share_help", lang))
    _copy_field(link, lang)
    st.code(link, language=None)
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
<div id="done" style="font:12px sans-serif;color:#2e7d32;height:16px"></div>
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
        params = {name: st.query_params[name] for name in st.query_params}
        live = permalinks.save(database(), page_path, params, created_by="web", pinned_at=pinned_at())
        moment = pinned_at() or batches.version_info(database()).last_change or dt.datetime.now()
        pinned = permalinks.save(database(), page_path, params, created_by="web", pinned_at=moment)
        _show_link(
            permalinks.address(base_address(), page_path, live),
            permalinks.address(base_address(), page_path, pinned),
            lang,
        )


def pinned_banner(lang: str) -> None:
    """On a pinned link: which moment's data this is, whether there is newer, and one click to current data."""
    moment = pinned_at()
    if moment is None:
        return
    newer = (batches.version_info(database()).last_change or moment) > moment
    text, button = st.columns([5, 1], vertical_alignment="center")
    text.warning(t("pinned_banner_newer" if newer else "pinned_banner", lang, when=f"{moment:%Y-%m-%d %H:%M}"))
    if button.button(t("pinned_to_current", lang), key="pinned_to_current"):
        st.session_state.pop(PINNED, None)
        st.rerun()


def briefing_button(lang: str, page_path: str) -> None:
    """生成简报: the prefecture (or the sidebar's county) as a PDF, with a short link to this view printed in it."""
    state = frame_state()
    if state.year is None:
        return
    if st.sidebar.button(t("brief_button", lang), icon=":material/picture_as_pdf:", key="briefing", width="stretch"):
        with st.spinner(t("brief_working", lang)):
            key = permalinks.save(database(), page_path, {n: st.query_params[n] for n in st.query_params}, "web")
            link = permalinks.address(base_address(), page_path, key)
            try:
                content = briefing.gather(database(), state.year, state.county, lang, link, as_of=pinned_at())
                pdf = briefing.to_pdf(briefing.to_html(content))
            except briefing.BriefingUnavailable as error:
                st.session_state.pop("_briefing", None)
                st.sidebar.error(error.text(lang))
                return
        st.session_state["_briefing"] = (f"{content.title}.pdf", pdf)
    if "_briefing" in st.session_state:
        name, pdf = st.session_state["_briefing"]
        st.sidebar.download_button(
            t("brief_download", lang),
            pdf,
            file_name=name,
            mime="application/pdf",
            key="briefing_download",
            on_click="ignore",
            width="stretch",
        )
