"""干部激励看板, the Cadre Incentive Dashboard: the library every page, the CLI and the briefing call."""

import pandas as pd

# pandas 3 keeps text columns in Arrow by default, where every row selection, sort and reindex of a small frame
# is a call into Arrow's compute kernels (their overhead, not the rows, dominates a hundred counties' frames):
# with NumPy-backed text the rankings and overview pages rerun 15-20 % faster at the prefecture's scale
# (docs/design-notes.md, "Text columns in NumPy"; docs/performance.md). The values and the `str` dtype are the
# same; large tables stay Arrow tables.
pd.set_option("mode.string_storage", "python")
