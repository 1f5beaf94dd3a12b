"""Reusable Streamlit pieces: data access, language, formatting, tables, maps."""
