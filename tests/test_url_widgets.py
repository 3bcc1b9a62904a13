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
