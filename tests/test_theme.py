"""The visual identity: one theme in both profiles, fonts served from this machine, one palette."""

from __future__ import annotations

import re
import tomllib

import pytest

from dashboard import palette

from .conftest import ROOT

PROFILES = (ROOT / ".streamlit" / "config.toml", ROOT / "deploy" / "streamlit" / "config.toml")
STATIC = ROOT / "static"
# What static serving may publish: web fonts and their licence, nothing else.
STATIC_ALLOWED = re.compile(r"^fonts/[A-Za-z0-9-]+\.(woff2?|txt)$")


@pytest.fixture(params=PROFILES, ids=("laptop", "hosted"))
def theme(request) -> dict:
    return tomllib.loads(request.param.read_text(encoding="utf-8"))["theme"]


def test_brand_colours_are_the_palette(theme):
    assert theme["primaryColor"] == palette.PRIMARY
    assert theme["textColor"] == palette.INK
    assert theme["linkColor"] == palette.LINK
    assert theme["secondaryBackgroundColor"] == palette.SURFACE
    assert theme["borderColor"] == palette.BORDER


def test_fonts_are_served_by_this_server(theme):
    faces = theme["fontFaces"]
    assert {face["family"] for face in faces} == {"Inter"}
    assert {int(face["weight"]) for face in faces} >= {400, 600, 700}
    for face in faces:
        url = face["url"]
        assert url.startswith("app/static/"), url  # Streamlit's static route, never another host
        assert (STATIC / url.removeprefix("app/static/")).is_file(), url
    for option in ("font", "headingFont"):
        assert "://" not in theme[option] and theme[option].split(",")[0].strip() == "Inter"


def test_static_folder_publishes_only_fonts_and_their_licence():
    published = sorted(str(p.relative_to(STATIC)) for p in STATIC.rglob("*") if p.is_file())
    assert published, "static/ is empty: the theme fonts would not load"
    assert [name for name in published if not STATIC_ALLOWED.match(name)] == []
    assert "fonts/LICENSE-Inter.txt" in published


def test_status_colours_are_distinct_within_a_kind_and_paired_with_badges():
    for kind, swatches in palette.STATUS.items():
        colours = [s.hex for s in swatches.values()]
        # Each distinct meaning gets its own colour, except where the kind deliberately merges none.
        assert len(set(colours)) == len(colours), kind
        assert all(
            s.badge in {"red", "orange", "yellow", "blue", "green", "violet", "gray", "primary"}
            for s in swatches.values()
        )


def test_unknown_status_is_grey_not_an_error():
    assert palette.colour("facility_status", "demolished") == palette.UNKNOWN.hex
    assert palette.rgb("plot_state", "operating", 200) == [0, 158, 115, 200]
    assert palette.badge_colour("provenance", "illustrative") == "orange"
