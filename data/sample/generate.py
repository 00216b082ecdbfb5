"""Regenerate the bundled sample files in this folder: `python data/sample/generate.py`.

Deterministic (the prefecture scale's fixed seed in incentive/demo/synth.py): the same files, the same values,
every time. CSV files come out byte for byte the same. A workbook's bytes also carry the time it was saved and the
XML serializer's style, so a regenerated workbook whose sheets, cells and merged ranges equal the bundled one's
leaves the bundled file as it is: running this script changes nothing in git unless the data changed.
"""

import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

import openpyxl  # noqa: E402

from incentive.demo import synth  # noqa: E402


def same_workbook(a: Path, b: Path) -> bool:
    """Sheets (names, order), cell values and merged ranges equal."""
    def content(path: Path) -> list:
        book = openpyxl.load_workbook(path)
        return [(sheet.title, [list(row) for row in sheet.iter_rows(values_only=True)],
                 sorted(str(r) for r in sheet.merged_cells.ranges)) for sheet in book.worksheets]
    return content(a) == content(b)


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        new = synth.generate(Path(scratch), synth.PREFECTURE)
        names = {path.name for path in new}
        for old in HERE.glob("[0-9][0-9]_*"):
            if old.name not in names:
                old.unlink()
        for path in new:
            bundled = HERE / path.name
            kept = bundled.exists() and (bundled.read_bytes() == path.read_bytes() or
                                         (path.suffix == ".xlsx" and same_workbook(bundled, path)))
            if not kept:
                shutil.copyfile(path, bundled)
            print(path.name, bundled.stat().st_size, "unchanged" if kept else "written")


if __name__ == "__main__":
    main()
