"""Every piece of text a page shows, read from an AppTest run: what the language test checks.

`visible_texts(at)` walks the element tree and returns (where, text) pairs: headings, markdown, captions, alerts,
metric labels, values and deltas, widget labels, help, placeholders and options, button labels, expander and
dialog titles, table column names and cells, and from each Plotly figure its title, axis titles, tick labels,
legend names, annotations, cell texts and the literal parts of its hover templates.

An element type it does not know fails the walk, so a new kind of element cannot slip past the test unread.
"""

from __future__ import annotations

import functools
import html
import json
import re

import pandas as pd

# Elements that carry no text a user reads.
SILENT = {"empty", "space", "divider"}
# The meeting-mode stylesheet and similar: CSS, not words.
CSS_ONLY = {"html"}


def visible_texts(at) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    _walk(at._tree, out)
    return [(where, text) for where, text in out if isinstance(text, str) and text.strip()]


def _walk(node, out: list) -> None:
    children = getattr(node, "children", None)
    if children is not None:  # a block
        _block(node, out)
        for child in children.values():
            _walk(child, out)
        return
    _element(node, out)


def _block(block, out: list) -> None:
    """Expander, tab, popover and dialog titles; other blocks (columns, containers, forms) carry no text."""
    proto = getattr(block, "proto", None)
    if proto is None:
        return
    for kind in ("expandable", "tab", "popover"):
        if block.type == kind or block.type == {"expandable": "expander"}.get(kind):
            out.append((kind, proto.label if hasattr(proto, "label") else getattr(proto, kind).label))
            return
    if block.type == "dialog":
        out.append(("dialog", proto.dialog.title))


def _element(element, out: list) -> None:
    kind = element.type
    proto = element.proto
    if kind in SILENT:
        return
    if kind in ("title", "header", "subheader", "markdown", "caption", "latex", "text", "code"):
        out.append((kind, str(element.value)))
        return
    if kind in ("error", "warning", "info", "success", "toast"):
        out.append((kind, proto.body))
        return
    if kind == "html":
        body = proto.body
        if not re.fullmatch(r"\s*<style>.*</style>\s*", body, flags=re.S):
            out.append(("html", re.sub(r"<[^>]+>", " ", body)))
        return
    if kind == "metric":
        out += [
            ("metric label", proto.label),
            ("metric", proto.body),
            ("metric delta", proto.delta),
            ("metric help", proto.help),
        ]
        return
    if kind == "exception":
        out.append(("exception", proto.message))
        return
    if kind in ("button", "download_button", "link_button", "page_link"):
        out += [(kind, proto.label), (f"{kind} help", proto.help)]
        return
    if kind in ("selectbox", "multiselect", "radio"):
        out += [
            (f"{kind} label", proto.label),
            (f"{kind} help", proto.help),
            (f"{kind} placeholder", getattr(proto, "placeholder", "")),
            *((f"{kind} option", option) for option in proto.options),
        ]
        return
    if kind == "button_group":
        out += [
            ("segmented label", proto.label),
            ("segmented help", proto.help),
            *(("segmented option", option.content) for option in proto.options),
        ]
        return
    if kind in ("number_input", "text_input", "text_area", "date_input", "time_input", "color_picker"):
        out += [
            (f"{kind} label", proto.label),
            (f"{kind} help", proto.help),
            (f"{kind} placeholder", getattr(proto, "placeholder", "")),
        ]
        return
    if kind in ("checkbox", "toggle", "slider", "select_slider", "file_uploader"):
        out += [
            (f"{kind} label", proto.label),
            (f"{kind} help", proto.help),
            *((f"{kind} option", option) for option in getattr(proto, "options", [])),
        ]
        return
    if kind == "arrow_data_frame" or kind == "dataframe" or kind == "table":
        out += list(_table_texts(element.value))
        return
    if kind == "plotly_chart":
        out += list(_figure_texts(json.loads(proto.spec)))
        return
    if kind in ("iframe", "component_instance"):
        return  # the share dialog's copy field: its strings are checked where they are made (t() keys)
    raise AssertionError(f"page_text does not know how to read a {kind!r} element")


def _table_texts(frame: pd.DataFrame):
    for column in frame.columns:
        yield "column", str(column)
    for column in frame.columns:
        for value in frame[column].dropna().unique():
            if isinstance(value, str):
                yield f"cell of {column}", value


def _literal(template: str) -> str:
    """What a Plotly template prints besides its values: placeholders and tags removed."""
    return re.sub(r"<[^>]+>", " ", re.sub(r"%\{[^}]*\}", " ", template or ""))


def _strings(values) -> list[str]:
    if isinstance(values, dict):  # a typed array (numbers), never text
        return []
    flat = []
    for value in values or []:
        if isinstance(value, list):
            flat += _strings(value)
        elif isinstance(value, str):
            flat.append(value)
    return flat


def _figure_texts(spec: dict):
    """Every text of a chart as a reader sees it: HTML entities (charts escape names) shown as characters, and a
    label broken over lines (`家访慰问<br>完成率`) read as one."""
    for where, text in _figure_raw_texts(spec):
        yield where, html.unescape(re.sub(r"<br\s*/?>", "", text or ""))


def _figure_raw_texts(spec: dict):
    layout = spec.get("layout", {})
    title = layout.get("title")
    if isinstance(title, dict):
        yield "chart title", title.get("text", "")
    elif isinstance(title, str):
        yield "chart title", title
    for name, axis in layout.items():
        if re.fullmatch(r"[xy]axis\d*", name) and isinstance(axis, dict):
            axis_title = axis.get("title")
            yield "axis title", axis_title.get("text", "") if isinstance(axis_title, dict) else (axis_title or "")
            yield from (("tick", text) for text in _strings(axis.get("ticktext")))
            yield from (("category", text) for text in _strings(axis.get("categoryarray")))
    legend = layout.get("legend", {})
    if isinstance(legend.get("title"), dict):
        yield "legend title", legend["title"].get("text", "")
    for annotation in layout.get("annotations", []):
        yield "annotation", annotation.get("text", "")
    for trace in spec.get("data", []):
        yield "trace name", trace.get("name", "")
        for field in ("x", "y", "theta", "labels", "text", "customdata"):
            yield from ((f"trace {field}", text) for text in _strings(trace.get(field)))
        for field in ("hovertemplate", "texttemplate"):
            yield f"trace {field}", _literal(trace.get(field, ""))
        colorbar = trace.get("colorbar", {})
        if isinstance(colorbar.get("title"), dict):
            yield "colorbar title", colorbar["title"].get("text", "")


# ---- what is data, and may keep its own language in either interface

DATA_QUERIES = (
    "SELECT county FROM regions",
    "SELECT township FROM regions",
    "SELECT name FROM indicators",
    "SELECT code FROM indicators",
    "SELECT unit FROM roster",
    "SELECT rank FROM roster",
    "SELECT name FROM roster",
    "SELECT cadre_id FROM roster",
    "SELECT course FROM training",
    "SELECT file_name FROM batches",
    "SELECT file_name FROM audit",
)
# Training domains are free text of the training records, shown as written on the training page. Two of the
# sample's domains are spelt like standard tracks (乡村振兴, 基层治理), which must be translated where they are
# tracks: so domains count as data only on the page that shows domains.
PAGE_QUERIES = {
    "views/training.py": ("SELECT domain FROM training",),
    "views/county.py": ("SELECT domain FROM training",),  # the county's weakest training domain
    "views/cadre.py": ("SELECT domain FROM training", "SELECT reason FROM movements"),  # his records, as written
}
# Tracks other than the standard four are data too (labels.STANDARD_TRACKS are translated).
TRACKS = "SELECT track FROM indicators WHERE track IS NOT NULL"


def data_values(connection, page: str = "", extra: tuple[str, ...] = ()) -> list[str]:
    """Names that come from imported files (counties, townships, indicators and their codes, work units, rank
    levels, people and their ids, courses, file names): shown as written in both languages. Longest first, so a
    township that contains its county's name is removed whole."""
    from incentive.labels import STANDARD_TRACKS

    values = set(extra)
    for sql in (*DATA_QUERIES, *PAGE_QUERIES.get(page, ())):
        values |= {row[0] for row in connection.execute(sql).fetchall() if isinstance(row[0], str) and row[0]}
    values |= {row[0] for row in connection.execute(TRACKS).fetchall()} - set(STANDARD_TRACKS)
    return sorted(values, key=len, reverse=True)


def without(text: str, values: list[str]) -> str:
    """`text` with each of `values` (longest first, as data_values orders them) replaced by a space."""
    # Only values whose first character is in the text (or is the space a replacement leaves) can be in it: looking
    # up those few, in the same order, rather than searching the text for each of some 10,000 names took this from
    # 5.7 s to a fraction of a second over the language tests.
    by_first = _by_first_character(tuple(values))
    candidates = sorted(i for character in {*text, " "} for i in by_first.get(character, ()))
    for i in candidates:
        if values[i] in text:
            text = text.replace(values[i], " ")
    return text


@functools.lru_cache(maxsize=8)
def _by_first_character(values: tuple[str, ...]) -> dict[str, list[int]]:
    """The positions in `values` of each non-empty value, by its first character (an empty value would put a space
    between every two characters, so it is left out)."""
    index: dict[str, list[int]] = {}
    for i, value in enumerate(values):
        if value:
            index.setdefault(value[0], []).append(i)
    return index
