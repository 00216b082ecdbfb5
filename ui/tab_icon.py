"""The browser tab's icon, as the page configuration takes it.

It ships with the app (`assets/icon.png`, drawn by scripts/make_icon.py): a `:material/…:` page icon makes every
browser fetch it from Google's font service, which a closed intranet cannot reach. It is given as a data URL (1.4 KB
of PNG, about 1.9 KB more in each run's page configuration), made once per process: a file path made Streamlit open
and check the image with Pillow on every run of every session (9 ms a run, 13 % of the server's time with twenty
viewers at province scale).
"""

from __future__ import annotations

import base64
from pathlib import Path

ICON_FILE = Path(__file__).resolve().parent.parent / "assets" / "icon.png"
DATA_URL = "data:image/png;base64," + base64.b64encode(ICON_FILE.read_bytes()).decode("ascii")
