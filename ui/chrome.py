"""Streamlit's own words, which no API translates (Streamlit 1.67): the upload box, the text inputs' hint, and
the "Page not found" dialog. See docs/design-notes.md, "Streamlit's own words".

- The upload box and the input hint are drawn by Streamlit's frontend in English. In the Chinese interface a
  stylesheet hides those words and writes ours in their place (CSS `::after` content keyed on the language),
  selected by Streamlit's `data-testid` attributes; the browser test checks the result on screen.
- The dialog appears when an address names no page of the navigation. Before the navigation is built, an unknown
  address gets a hidden page of its own that says so in the user's language (`views/not_found.py`), so
  Streamlit never has a page to miss.
"""

from __future__ import annotations

import json
import re
from urllib.parse import unquote, urlsplit

import streamlit as st

from incentive.i18n import t

UNKNOWN_PATH = "unknown_path"  # session state: the address views/not_found.py explains
# What st.Page accepts as a url_path (one segment, no slash); anything else keeps Streamlit's dialog.
_PAGE_PATH = re.compile(r"[\w.~-]{1,80}")


def _css_text(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a CSS string literal: quotes and backslashes escaped


def translate_widgets(lang: str) -> None:
    """In Chinese, the upload box's button, limit line, drop hint and refusal, and the "Press Enter to apply"
    under text inputs, in Chinese. English keeps Streamlit's own words."""
    if lang == "en":
        return
    mb = st.get_option("server.maxUploadSize")
    button = (
        "[data-testid=stFileUploaderDropzone] [data-testid=stBaseButton-secondary] [data-testid=stMarkdownContainer]"
    )
    st.html(f"""<style>
{button} > p {{display: none;}}
{button}::after {{content: {_css_text(t("uploader_button", lang))};}}
[data-testid=stFileUploaderDropzoneInstructions] span {{font-size: 0;}}
[data-testid=stFileUploaderDropzoneInstructions] span::after {{
  content: {_css_text(t("uploader_limit", lang, mb=mb))}; font-size: 14px;}}
[data-testid=stFileUploaderDropzone] > div > span:only-child {{font-size: 0;}}
[data-testid=stFileUploaderDropzone] > div > span:only-child::after {{
  content: {_css_text(t("uploader_drop", lang))}; font-size: 1rem;}}
[data-testid=stTooltipErrorContent] {{font-size: 0 !important;}}
[data-testid=stTooltipErrorContent]::after {{content: {_css_text(t("uploader_refused", lang, mb=mb))};
  font-size: 14px;}}
[data-testid=InputInstructions] span {{font-size: 0;}}
[data-testid=InputInstructions] span::after {{content: {_css_text(t("input_enter", lang))}; font-size: 12px;}}
</style>""")


def requested_path() -> str:
    """The page part of the address the browser shows ("" for the overview), without the server's base path."""
    url = st.context.url
    if not url:
        return ""
    path = unquote(urlsplit(url).path).strip("/")
    base = (st.get_option("server.baseUrlPath") or "").strip("/")
    if base and (path == base or path.startswith(base + "/")):
        path = path[len(base) :].strip("/")
    return path


def unknown_address_page(known: set[str], lang: str) -> st.Page | None:
    """A hidden page at the address the browser asked for, when no page of the navigation has it: it tells the
    user in their language (the Data page's address, before sign-in, says to sign in) instead of Streamlit's
    English "Page not found" dialog. None when the address is a page, or not one segment."""
    path = requested_path()
    if path in known or not _PAGE_PATH.fullmatch(path):
        st.session_state.pop(UNKNOWN_PATH, None)
        return None
    st.session_state[UNKNOWN_PATH] = path
    return st.Page(
        "views/not_found.py",
        title=t("page_not_found", lang),
        icon=":material/help:",
        url_path=path,
        visibility="hidden",
    )
