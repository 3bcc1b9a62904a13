"""What a page shows besides its charts, worked out from the tables: frames, cards and labels.

Pure functions (no Streamlit); the pages lay out what these return.
"""
