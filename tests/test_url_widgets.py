"""Filters kept in the address: which codes a URL names, in either language."""

from __future__ import annotations

from dashboard.url_widgets import codes_from_url

STAGES = {"S1": ("Stage 1", "Этап 1"), "S2": ("Stage 2", "Этап 2")}


def test_codes_and_labels_of_either_language_name_the_same_choices():
    assert codes_from_url(["Этап 2", "stage 1", "S2", "nonsense"], STAGES) == ["S1", "S2"]
    assert codes_from_url(["S2"], STAGES) == ["S2"]
    assert codes_from_url([" stage 2 "], STAGES) == ["S2"]


def test_nothing_known_names_nothing():
    assert codes_from_url([], STAGES) == []
    assert codes_from_url(["=cmd|x", "S3"], STAGES) == []


def _toggle_app():
    import streamlit as st

    from dashboard.url_widgets import url_toggle

    url_toggle(st, "view3d", "3D", False, help="Heights of the buildings")


def test_a_url_toggle_reads_the_address_and_takes_streamlit_options():
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_function(_toggle_app)
    at.query_params["view3d"] = "true"
    at.run()
    (toggle,) = at.toggle
    assert toggle.value is True and toggle.help == "Heights of the buildings"
    toggle.set_value(False).run()
    assert "view3d" not in at.query_params  # the default is left out of the address
