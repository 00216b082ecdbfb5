"""Every table a page shows can be taken away: CSV and Excel side by side, formula-like cells escaped, and the
Excel file titled and marked with the classification line (docs/decisions.md#classification-line).

Every CSV a page offers is made here (`csv_button`), with the UTF-8 byte order mark that Excel in a Chinese Windows
needs to read it as UTF-8 (docs/decisions.md#csv-byte-order-mark); tests/test_downloads.py checks that no page or
other glue writes CSV itself."""

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
    csv_button(csv_col, t("download_csv", lang), table, f"{name}.csv", f"{key}_csv")
    xlsx_col.download_button(
        t("download_xlsx", lang),
        lambda: to_xlsx_bytes(table, name, heading=[name, *([note] if note else []), classification()]),
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
        to_csv_bytes(table, bom=True),
        file_name=file_name,
        mime="text/csv",
        key=key,
        on_click="ignore",
    )
