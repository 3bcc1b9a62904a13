"""Reference page for every ratio: an empty Streamlit page with one selectbox and a small table.

Run with the app's config (``.streamlit/config.toml``) from the repository root:
``streamlit run bench/empty_app.py``.
"""

import pandas as pd
import streamlit as st

st.set_page_config(page_title="Reference", layout="wide")
choice = st.selectbox("Letter", ["a", "b", "c", "d"], key="letter")
st.dataframe(pd.DataFrame({"letter": [choice] * 5, "n": range(5)}))
