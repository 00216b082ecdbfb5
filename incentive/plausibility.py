"""Plausible values: bounds a stored value must lie in, and unusual changes from the previous period.

Pure: works on a preview's parsed rows and the `Reference` (catalog bounds, settings). See docs/data-format.md.
"""

from __future__ import annotations

import pandas as pd

from .preview import Problem, Reference


def out_of_bounds(rows: pd.DataFrame, kind: str | None, reference: Reference,
                  labels: dict[str, str]) -> list[Problem]:
    """One located problem per value outside its plausible bounds."""
    return []
