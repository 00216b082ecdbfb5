"""User- and file-supplied text made inert where it is shown: Markdown (Streamlit's st.markdown, st.info,
st.caption, widget labels …), Plotly's text (titles, labels, category names) and the briefing's HTML; and the
rule for names at import (no control or invisible characters, a length limit).

A county called `[点此](https://evil.example)` must show as those characters, not as a link, wherever it appears.
Only values are escaped, never the sentence templates of i18n, which may use Markdown on purpose: `tm` is `t`
with its string parameters escaped.
"""

from __future__ import annotations

import html
import re
import unicodedata

from incentive.i18n import t

# Every ASCII punctuation mark Markdown (CommonMark, GFM, Streamlit's :color[…] directives, $math$) gives a
# meaning to; a backslash before any ASCII punctuation shows it literally.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+!|~$:@&])")
_LINE_START = re.compile(r"^([-=>])")  # a list item, a heading underline, a quote: only at the start
_LIST_NUMBER = re.compile(r"^(\d+)([.)])")


# Streamlit 1.67's Markdown finds URLs and e-mail addresses in the rendered text (remark-gfm's autolink literals
# are a tree transform, after escapes are resolved), so escaping cannot stop them. An invisible WORD JOINER
# (U+2060) where the patterns need adjacent characters does: after `scheme:` before `//`, before `@`, after `www`.
# What a reader copies then holds that character; what he sees is unchanged, and nothing is a link.
_JOINER = "\u2060"
_AUTOLINK_SEAMS = re.compile(r"(?i)(?<=:)(?=//)|(?=@)|(?<=\bwww)(?=\.)")


def markdown(value: object) -> str:
    """`value` as literal text inside Markdown, never a link: Markdown's punctuation escaped, and a word joiner
    where Streamlit would otherwise turn a URL or e-mail address into a link (shown the same, copied with
    U+2060 in it). Numbers and other non-strings as str() of them, escaped too."""
    text = _AUTOLINK_SEAMS.sub(_JOINER, str(value))
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    text = _LIST_NUMBER.sub(r"\1\\\2", text)
    text = _LINE_START.sub(r"\\\1", text)
    return text.replace("\r", " ").replace("\n", " ")


def tm(key: str, lang: str, **params: object) -> str:
    """t() for a Markdown sink: string parameters (names, file names, link parameters) escaped, numbers kept so
    the template's number formats still apply."""
    return t(
        key, lang, **{name: markdown(value) if isinstance(value, str) else value for name, value in params.items()}
    )


def code_span(value: object) -> str:
    """`value` as a Markdown code span: shown exactly as typed, in the code font. Streamlit 1.67 turns e-mail
    addresses and URLs in Markdown text into links even when every character `markdown()` escapes is escaped
    (its link detection runs on the rendered text), but never inside code; so an identifier that must not become
    a link (an e-mail or a subject a single sign-on provider sent) goes here. The fence is longer than any run of
    backticks in the value, and padded with a space that CommonMark strips."""
    text = str(value).replace("\r", " ").replace("\n", " ")
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    return f"{fence} {text} {fence}"


def plotly(value: object) -> object:
    """A string as literal text in Plotly (which reads <a href>, <b>, <br> and entities in titles, labels and
    category names); anything else unchanged."""
    return html.escape(value, quote=False) if isinstance(value, str) else value


# ---- names at import

NAME_MAX_CHARS = 50  # county, township and indicator names; a cadre name has the same limit

# C0/C1 controls, zero-width and direction marks (U+200B–U+200F), embeddings and overrides (U+202A–U+202E),
# word joiner and invisible operators, isolates (U+2060–U+2069), and the byte-order mark (U+FEFF).
_FORBIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")


def forbidden_in_name(text: str) -> str | None:
    """The first control or invisible character of `text`, as U+XXXX, or None."""
    found = _FORBIDDEN.search(text)
    if found is None:
        found = next((c for c in text if unicodedata.category(c) == "Cf"), None)  # other format characters
        return None if found is None else f"U+{ord(found):04X}"
    return f"U+{ord(found.group()):04X}"
