"""Run by tests/test_storage_faults.py inside a confined child (tests/confined.py), not by pytest itself: the Data
page through AppTest on the database INCENTIVE_DB, whose disk this script fills once the page is open; then a
settings change, an import and a rollback of batch 3 are tried. Prints one JSON object: for each step the page's
errors and exceptions, and whether the page still drew its title afterwards.

Usage: python tests/storage_fault_page.py FOLDER_TO_FILL
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from streamlit.testing.v1 import AppTest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from conftest import DATA, ROOT, as_admin  # noqa: E402


def fill(folder: Path) -> None:
    """Write a filler file until the file system says it is full, down to the last byte."""
    with open(folder / "filler", "wb", buffering=0) as out:
        for size in (1 << 16, 1 << 12, 1):
            try:
                while True:
                    out.write(b"\0" * size)
            except OSError:
                continue


def seen(at: AppTest) -> dict:
    return {
        "errors": [e.value for e in at.error],
        "exceptions": [e.value for e in at.exception],
        "title": [t.value for t in at.title],
    }


def main(folder: Path) -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
    as_admin(at, "测试管理员")
    at.run()
    at.switch_page("views/data.py")
    at.run()
    fill(folder)
    steps = {}

    at.number_input(key="data_setting_coverage_target").set_value(80.0)
    at.button(key="data_settings_save").click().run()
    steps["settings"] = seen(at)

    at.get("file_uploader")[0].set_value(("赛马得分.csv", (DATA / "race_wide_title.csv").read_bytes(), "text/csv"))
    at.run()
    importing = [b for b in at.button if b.key and b.key.startswith("data_import_")]
    steps["preview"] = seen(at) | {"import_button": bool(importing)}
    if importing:
        importing[0].click().run()
        steps["import"] = seen(at)

    at.run()  # the refused import stopped the page where it was; the next rerun draws all of it
    next(b for b in at.selectbox if b.key and b.key.startswith("data_rollback_pick_")).set_value(3)
    at.checkbox(key="data_rollback_confirm").check().run()
    at.button(key="data_rollback").click().run()
    steps["rollback"] = seen(at)

    at.button(key="share_link").click().run()  # a short link is a row too: refused in the sidebar
    steps["share"] = seen(at)

    at.run()  # the next rerun: the page reads as before
    steps["after"] = seen(at)
    print(json.dumps(steps, ensure_ascii=False))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
