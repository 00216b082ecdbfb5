"""Start the dashboard: `streamlit run serve.py`. Streamlit's own server, plus the browser-session cookie, the
sign-in route and the upload guard (ui/server.py). `app.py` is the page script it runs."""

import streamlit as st

from ui import server

app = st.App("app.py", routes=server.routes(), middleware=server.middleware())
