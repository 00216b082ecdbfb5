"""Streamlit glue shared by the pages: the database handle, cached queries, the shared frame."""
