"""Streamlit's own floor in the browser: the reference bench/browser.py measures beside the app's pages.

Three pages, each what every page of the app holds at least once and nothing of the app: a title and a line of
text (Streamlit's page itself), the same with one Plotly bar chart of a hundred bars (Plotly's script, loaded
with a page's first chart, and one chart drawn), and with one table of a hundred rows (the table's grid). Served
by `streamlit run bench/reference_app.py` with the app's own settings (.streamlit/config.toml), opened as the
app's pages are, so that a page's time in the browser reads against what Streamlit and Plotly take alone on the
same machine in the same run.
"""

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

ROWS = 100  # a province's counties


def _bare() -> None:
    st.title("Reference")
    st.write("A title and a line of text.")


def _chart() -> None:
    st.title("Reference")
    st.plotly_chart(go.Figure(go.Bar(x=[f"county {i}" for i in range(ROWS)], y=list(range(ROWS)))))


def _table() -> None:
    st.title("Reference")
    st.dataframe(pd.DataFrame({"county": [f"county {i}" for i in range(ROWS)], "value": range(ROWS)}))


st.navigation(
    [
        st.Page(_bare, title="bare", url_path="bare", default=True),
        st.Page(_chart, title="chart", url_path="chart"),
        st.Page(_table, title="table", url_path="table"),
    ]
).run()
