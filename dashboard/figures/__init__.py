"""Charts and maps built from the tables: data in, a Plotly figure, a pydeck deck or a PNG out.

No Streamlit here: the pages show what these return, and tests check them without a browser.
Figures that depend only on the data and the view are kept by :mod:`dashboard.cache.shared`.
"""
