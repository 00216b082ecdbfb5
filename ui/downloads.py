"""Every table a page shows can be taken away: CSV and Excel side by side, formula-like cells escaped, and the
Excel file titled and marked with the classification line (docs/decisions.md#classification-line). A table whose
figures are published or live (the ranking, the care statuses) says which in both files, in columns at the end of
every row (docs/decisions.md#downloads-say-published-or-live). A missing value is an empty cell in both.

Every CSV a page offers is made here (`csv_button`), with the UTF-8 byte order mark that Excel in a Chinese Windows
needs to read it as UTF-8 (docs/decisions.md#csv-byte-order-mark); tests/test_downloads.py checks that no page or
other glue writes CSV itself."""

from __future__ import annotations

import functools
from collections.abc import Sequence

import pandas as pd
import streamlit as st

from incentive.config import classification
from incentive.i18n import capital, t
from incentive.intake.templates import template_xlsx
from incentive.publication import official
from incentive.publication.official import Publication
from incentive.sharing.export import to_csv_bytes, to_xlsx_bytes

from . import meeting
from .shared_charts import content_key

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# A table with more columns than this runs past a phone's width (and past a desktop's from about ten): say that it
# scrolls sideways, since the browser shows no scroll bar until it is touched.
WIDE_TABLE_COLUMNS = 5


def table_downloads(
    table, name: str, key: str, lang: str, container=st, notes: Sequence[str] = (), left_out: str = ""
) -> None:
    """CSV and Excel buttons for `table` as the page shows it; `notes`, lines under the Excel title (the warning
    list's: listing.sheet_notes, as the delivered sheet has them). `left_out`: what the figures leave out and why
    (the training page's unsent files, bulletin.absent_training; a part-year of decisions), a line under the Excel
    title too and, since a CSV has no title, a last column 说明 on every row of the CSV, so that neither file
    passes for more than it holds (docs/decisions.md#unsent-training-files)."""
    notes = [*notes, left_out] if left_out else list(notes)
    in_csv = table.assign(**{t("download_note_col", lang): left_out}) if left_out else table
    _buttons(table, table, name, key, lang, container, notes, in_csv)


def figures_downloads(table, name: str, key: str, lang: str, publication: Publication | None, container=st) -> None:
    """CSV and Excel buttons for a table of figures that are published or live: `publication` is the version the
    page shows (None: live data, also a trial with custom settings). Every row of both files ends with the basis
    columns `incentive export` writes (official.with_basis: 数据依据, 发布版本, 发布时间, 文号), and the Excel
    title has the basis line under it, as the page marks it."""
    files = official.with_basis(table, publication, lang)
    _buttons(table, files, name, key, lang, container, [official.basis_line(publication, lang)])


def _buttons(shown, table, name: str, key: str, lang: str, container, notes: list[str], in_csv=None) -> None:
    if len(shown.columns) > WIDE_TABLE_COLUMNS and not meeting.is_on():  # a meeting's plain table shows them all
        container.caption(t("table_scrolls", lang, n=len(shown.columns)))
    # a row of buttons at their own widths, wrapping when they do not fit: in columns of a sixth of the page each,
    # "下载 Excel" ended in "Ex…" at 1024 px and both English labels in "Downlo…"
    row = container.container(horizontal=True)
    csv_button(row, t("download_csv", lang), table if in_csv is None else in_csv, f"{name}.csv", f"{key}_csv")
    row.download_button(
        t("download_xlsx", lang),
        lambda: to_xlsx_bytes(table, name, heading=[name, *notes, classification()], shown=True),
        file_name=f"{name}.xlsx",
        mime=XLSX,
        key=f"{key}_xlsx",
        on_click="ignore",
    )


def csv_button(container, label: str, table, file_name: str, key: str) -> None:
    """A download button for `table` as CSV for people: UTF-8 with the byte order mark, formula-like text
    escaped (incentive.sharing.export.to_csv_bytes)."""
    container.download_button(
        label,
        _csv_of(table) if len(table) <= SHARED_CSV_ROWS else to_csv_bytes(table, bom=True, shown=True),
        file_name=file_name,
        mime="text/csv",
        key=key,
        on_click="ignore",
    )


# Tables up to this many rows (a ranking or a per-county table at province scale) have their CSV kept and shared
# (_csv_of); a longer one (a named list, the audit log) is written on each run, as before, rather than kept in
# memory per version, and hashed on every run to find it.
SHARED_CSV_ROWS = 2_000


@st.cache_resource(show_spinner=False, max_entries=32, hash_funcs={pd.DataFrame: content_key})
def _csv_of(table: pd.DataFrame) -> bytes:
    """The CSV of `table`, made once per process for the same table and shared by every session (bytes cannot be
    changed): writing it was a twentieth of a cached rankings rerun at province scale, on every run. (Made on
    every run rather than when pressed, as the Excel file is, so that the button downloads at once.)"""
    return to_csv_bytes(table, bom=True, shown=True)


def template_buttons(kinds, lang: str, key: str, container=st, per_row: int = 4) -> None:
    """One button per kind of file: its blank Excel template (Chinese headers, as the importer reads them) with an
    instructions sheet, 填表说明, that lists every column, whether it is required, what it takes and an example
    (incentive/intake/templates.py). The Data page and a clerk's 报送数据 page offer them: the in-app description
    of the file format."""
    columns = container.columns(per_row)
    for i, kind in enumerate(kinds):
        columns[i % per_row].download_button(
            capital(t(f"kind_{kind}", lang)),
            functools.partial(template_xlsx, kind, lang),
            file_name=f"{t(f'kind_{kind}', 'zh')}模板.xlsx",
            on_click="ignore",
            key=f"{key}_template_{kind}",
            mime=XLSX,
        )
