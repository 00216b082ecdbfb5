"""Reads a workbook in a child process: `python -m incentive.workbook_reader < book.xlsx > sheets.pickle`.

python-calamine's Rust core can abort the whole process on a damaged file (a failed 280 GB allocation was seen in a
mutated .xls), which inside the app would take the server and every session down. In a child process, with its
address space capped, the worst case is a refusal with one clear sentence. Standard library and calamine only, so
the child starts quickly.
"""

from __future__ import annotations

import io
import pickle
import sys

MEMORY_LIMIT_BYTES = 4 * 1024**3
EXIT_PASSWORD = 10
EXIT_UNREADABLE = 11


def _cap_memory() -> None:
    try:
        import resource
    except ImportError:  # not on this platform: run uncapped
        return
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT_BYTES, MEMORY_LIMIT_BYTES))


def read(data: bytes) -> list[dict]:
    import python_calamine

    book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    sheets = []
    for meta in book.sheets_metadata:
        sheet = book.get_sheet_by_name(meta.name)
        sheets.append({
            "name": meta.name,
            "hidden": meta.visible != python_calamine.SheetVisibleEnum.Visible,
            "rows": sheet.to_python(skip_empty_area=False),
            "merged": list(sheet.merged_cell_ranges or []),
        })
    return sheets


def main() -> int:
    _cap_memory()
    import python_calamine

    try:
        sheets = read(sys.stdin.buffer.read())
    except python_calamine.PasswordError:
        return EXIT_PASSWORD
    except BaseException:  # noqa: BLE001 - calamine raises many types, and pyo3 panics derive from BaseException
        return EXIT_UNREADABLE
    sys.stdout.buffer.write(pickle.dumps(sheets, protocol=pickle.HIGHEST_PROTOCOL))
    return 0


if __name__ == "__main__":
    sys.exit(main())
