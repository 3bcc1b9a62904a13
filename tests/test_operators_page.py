"""Operators & partners page and its offline world map, in English and Russian."""

from __future__ import annotations

import json
import re

import pytest

from dashboard import formatting
from dashboard.figures import worldmap
from dashboard.views.operators import operator_table
from imc_data import load_dataset

from .apptest_helpers import run_app, visible_text


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


def frames(at):
    return [el.value for el in at.table] + [el.value for el in at.dataframe]


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_operator_table_shows_every_operator_with_country_oecd_year_and_status(ds, lang):
    at = run_app(page="pages/4_operators.py", lang=lang)
    ops = ds["operators"].set_index("operator_id")
    countries = ds["countries"].set_index("iso3")
    table = next(f for f in frames(at) if len(f) == len(ops))
    # What a visitor reads: st.table draws its cells as Markdown, whose escapes ("\\(") are never seen.
    table = table.map(lambda v: re.sub(r"\\(.)", r"\1", v) if isinstance(v, str) else v)
    name_col, country_col, since_col, status_col, agree_col, fac_col = table.columns[[0, 2, 3, 6, 4, 5]]
    shown = table.set_index(name_col)
    for oid, op in ops.iterrows():
        row = shown.loc[op[f"name_{lang}"]]
        country = countries.loc[op["country_iso3"]]
        assert row[country_col] == country[f"name_{lang}"]
        expected_since = str(int(country["oecd_accession_year"])) if country["oecd_member"] else None
        if expected_since:
            assert row[since_col] == expected_since
        else:
            assert row[since_col] == ("not a member" if lang == "en" else "не член")
        assert row[agree_col] == formatting.date(op["agreement_date"], lang, op["agreement_date_precision"])
        fac = ds["facilities"]
        facilities = fac.loc[(fac["operator_id"] == oid) | (fac["partner_id"] == oid), f"name_{lang}"]
        for name in facilities:
            assert name in row[fac_col]
    hadassah = shown.loc[ops.loc["OP01", f"name_{lang}"]]
    # It signed the participation agreement; the clinic is run by its Medscan-owned operating company.
    assert hadassah[status_col] == ("Agreement signed" if lang == "en" else "Соглашение подписано")
    assert ds["facilities"].set_index("facility_id").loc["F01", f"name_{lang}"] in hadassah[fac_col]
    assert hadassah[agree_col] == ("14 Sep 2017" if lang == "en" else "14 сент. 2017")
    assert hadassah[since_col] == "2010"


def test_status_counts_equal_the_table(ds):
    at = run_app(page="pages/4_operators.py")
    shown = {m.label: m.value for m in at.metric}
    counts = ds["operators"]["status"].value_counts()
    assert shown["Operating"] == str(counts["operating"])
    assert shown["Agreement signed"] == str(counts["agreement_signed"])
    assert shown["Interest only"] == str(counts["interest_only"])
    text = visible_text(at)
    assert "Operators and partners" in text and "Natural Earth" in text


def test_russian_page_has_no_english_interface_text():
    at = run_app(page="pages/4_operators.py", lang="ru")
    text = visible_text(at)
    assert "Операторы и партнёры" in text
    for english in ("By status", "All operators", "Operating", "Hatched"):
        assert english not in text
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    legend = [t["name"] for t in spec["data"] if t.get("showlegend")]
    assert "Член ОЭСР" in legend


def test_world_map_has_no_geo_subplot_and_highlights_every_country(ds):
    at = run_app(page="pages/4_operators.py")
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    # Geo subplots download their base map from a CDN: the map must not use them.
    assert not any(key.startswith("geo") for key in spec["layout"])
    assert {t["type"] for t in spec["data"]} == {"scatter"}
    drawn = {t["meta"]["iso3"]: t["meta"]["category"] for t in spec["data"] if "iso3" in (t.get("meta") or {})}
    countries = ds["countries"]
    members = set(countries.loc[countries["oecd_member"].astype(bool), "iso3"])
    operator_countries = set(ds["operators"]["country_iso3"])
    assert set(drawn) == members | operator_countries
    assert drawn["FRA"] == worldmap.OECD_WITH_OPERATORS
    assert drawn["RUS"] == worldmap.OPERATORS_NOT_OECD
    assert drawn["USA"] == worldmap.OECD
    labels = {a["text"] for a in spec["layout"]["annotations"]}
    # The labels are the OECD partners' countries; Russia (the host, not OECD) stays quiet, with no label.
    assert "France · 3" in labels and not any(label.startswith("Russia") for label in labels)
    assert len(labels) == len(operator_countries & members)
    assert all(a["font"]["size"] >= 14 for a in spec["layout"]["annotations"])


def test_operator_countries_differ_by_pattern_and_hover_not_only_colour(ds):
    roles = worldmap.country_roles(ds["operators"], ds["countries"], "en")
    fig = worldmap.world_map_figure(worldmap.load_world_shapes(), roles, "en")
    by_iso = {t.meta["iso3"]: t for t in fig.data if t.meta and "iso3" in t.meta}
    assert by_iso["FRA"].fillpattern.shape == "/" and by_iso["USA"].fillpattern.shape is None
    assert by_iso["RUS"].fillpattern.shape == "."
    # The strong colour belongs to the OECD partners' countries, not to the largest shape on the map.
    assert by_iso["FRA"].fillcolor == "#0b5394" and by_iso["RUS"].fillcolor != by_iso["FRA"].fillcolor
    assert "OECD member since 1961" in by_iso["FRA"].name
    assert "Not an OECD member" in by_iso["RUS"].name
    assert "Hadassah Medical Center (Jerusalem) — Agreement signed" in by_iso["ISR"].name


def test_data_text_in_hover_is_not_markup(ds):
    ops = ds["operators"].copy()
    ops.loc[0, "name_en"] = "<a href='x'>Evil</a>"
    roles = worldmap.country_roles(ops, ds["countries"], "en")
    text = worldmap.hover_text(roles.set_index("iso3").loc["ISR"], "en")
    assert "<a" not in text and "&lt;a href" in text


def test_labels_do_not_overlap():
    anchors = [
        ("France · 3", 2.5, 46.5),
        ("Germany · 1", 10.0, 51.0),
        ("Austria · 1", 14.0, 47.5),
        ("Italy · 1", 12.5, 42.5),
        ("Israel · 3", 35.0, 31.5),
        ("Korea (Republic of) · 1", 127.8, 36.5),
    ]
    spots = worldmap.place_labels(anchors)
    deg = worldmap.PX_PER_DEGREE
    boxes = []
    for text, _, _ in anchors:
        x, y, anchor = spots[text]
        w, h = (len(text) * worldmap.LABEL_CHAR_PX + 12) / deg, worldmap.LABEL_HEIGHT_PX / deg
        west = x - w if anchor == "right" else x - w / 2
        boxes.append((west, y - h / 2, west + w, y + h / 2))
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3])
        # and no label covers a partner's point
        assert not any(a[0] < lon < a[2] and a[1] < lat < a[3] for _, lon, lat in anchors)
    for box in boxes:  # inside the drawn frame
        assert worldmap.LON_RANGE[0] <= box[0] and box[2] <= worldmap.LON_RANGE[1]
        assert worldmap.LAT_RANGE[0] <= box[1] and box[3] <= worldmap.LAT_RANGE[1]


def test_shipped_shapes_cover_every_country_of_the_tables(ds):
    shapes = worldmap.load_world_shapes()
    isos = {f["properties"]["iso3"] for f in shapes["features"]}
    assert set(ds["countries"]["iso3"]) <= isos
    assert worldmap.WORLD_SHAPES.stat().st_size < 200_000


def test_operator_table_sorts_by_status(ds):
    table = operator_table(ds, "en")
    order = list(table["status"])
    assert order == sorted(order, key=["operating", "agreement_signed", "announced", "interest_only", "managing"].index)
