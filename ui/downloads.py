"""Every table a page shows can be taken away: CSV and Excel side by side, formula-like cells escaped, and the
Excel file titled and marked with the classification line (docs/decisions.md#classification-line)."""

from __future__ import annotations

import streamlit as st

from incentive.config import classification
from incentive.i18n import t
from incentive.sharing.export import to_csv_bytes, to_xlsx_bytes

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# A table with more columns than this runs past a phone's width (and past a desktop's from about ten): say that it
# scrolls sideways, since the browser shows no scroll bar until it is touched.
WIDE_TABLE_COLUMNS = 5


def table_downloads(table, name: str, key: str, lang: str, container=st, note: str = "") -> None:
    """CSV and Excel buttons; `note`, a line under the Excel title (such as whether the figures are published)."""
    if len(table.columns) > WIDE_TABLE_COLUMNS:
        container.caption(t("table_scrolls", lang, n=len(table.columns)))
    csv_col, xlsx_col, _ = container.columns([1, 1, 4])
    csv_col.download_button(
        t("download_csv", lang),
        to_csv_bytes(table),
        file_name=f"{name}.csv",
        mime="text/csv",
        key=f"{key}_csv",
        on_click="ignore",
    )
    xlsx_col.download_button(
        t("download_xlsx", lang),
        lambda: to_xlsx_bytes(table, name, heading=[name, *([note] if note else []), classification()]),
        file_name=f"{name}.xlsx",
        mime=XLSX,
        key=f"{key}_xlsx",
        on_click="ignore",
    )
