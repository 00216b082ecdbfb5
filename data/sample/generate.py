"""Regenerate the bundled sample files in this folder: `python data/sample/generate.py`.

Deterministic (fixed seed in incentive/demo/synth.py): the same files, the same values, every time.
"""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from incentive import synth  # noqa: E402

if __name__ == "__main__":
    for old in HERE.glob("[0-9][0-9]_*"):
        old.unlink()
    for path in synth.generate(HERE):
        print(path.name, path.stat().st_size)
