"""Operators & partners page and its offline world map, in English and Russian."""

from __future__ import annotations

import base64
import re
from xml.etree import ElementTree

import pytest

from dashboard import formatting
from dashboard.figures import worldmap
from dashboard.i18n import translate
from dashboard.safe import md
from dashboard.views.operators import operator_table
from imc_data import load_dataset

from .apptest_helpers import run_app, visible_text


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


SVG = "{http://www.w3.org/2000/svg}"


def world_map_svg(at) -> ElementTree.Element:
    """The world map the page shows (an SVG image), as the browser reads it."""
    (image,) = [el.proto.imgs[0] for el in at.main if el.type == "image"]  # the page's one image
    assert image.url.startswith("data:image/svg+xml;base64,")
    url = image.url
    return ElementTree.fromstring(base64.b64decode(url.split(",", 1)[1]))


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
    legend = next(h.proto.body for h in at.get("html") if "imc-world-map-legend" in h.proto.body)
    assert "Член ОЭСР" in "".join(ElementTree.fromstring(legend).itertext())
    # The map's labels are Russian too.
    assert "Франция · 3" in [t.text for t in world_map_svg(at).iter(f"{SVG}text")]


def test_world_map_is_drawn_on_the_page_and_highlights_every_country(ds):
    at = run_app(page="pages/4_operators.py")
    svg = world_map_svg(at)
    # What a screen reader says instead of the picture.
    assert [el.proto.imgs[0].alt for el in at.main if el.type == "image"] == [
        "Where the operators and partners come from"
    ]
    # Nothing to fetch: no image, no external reference (a Plotly geo subplot would download its base map).
    assert not [el for el in svg.iter() if any("http" in v for k, v in el.attrib.items() if k != "xmlns")]
    drawn = {p.get("data-iso3"): p.get("data-category") for p in svg.iter(f"{SVG}path") if p.get("data-iso3")}
    countries = ds["countries"]
    members = set(countries.loc[countries["oecd_member"].astype(bool), "iso3"])
    operator_countries = set(ds["operators"]["country_iso3"])
    assert set(drawn) == members | operator_countries
    assert drawn["FRA"] == worldmap.OECD_WITH_OPERATORS
    assert drawn["RUS"] == worldmap.OPERATORS_NOT_OECD
    assert drawn["USA"] == worldmap.OECD
    labels = {t.text: float(t.get("font-size")) for t in svg.iter(f"{SVG}text")}
    # The labels are the OECD partners' countries; Russia (the host, not OECD) stays quiet, with no label.
    assert "France · 3" in labels and not any(label.startswith("Russia") for label in labels)
    assert len(labels) == len(operator_countries & members)
    assert all(size >= 14 for size in labels.values())


def test_operator_countries_differ_by_pattern_not_only_colour(ds):
    roles = worldmap.country_roles(ds["operators"], ds["countries"], "en")
    svg = ElementTree.fromstring(worldmap.world_map_svg(worldmap.load_world_shapes(), roles, "en"))
    by_iso = {p.get("data-iso3"): p for p in svg.iter(f"{SVG}path") if p.get("data-iso3")}
    patterns = {p.get("id"): p for p in svg.iter(f"{SVG}pattern")}

    def colours(path) -> set[str]:
        fill = path.get("fill")
        if fill.startswith("url(#"):
            return {el.get("fill") for el in patterns[fill[5:-1]]}
        return {fill}

    # A pattern (two colours) on the partners' countries, a plain fill on the other members.
    assert len(colours(by_iso["FRA"])) == 2 and len(colours(by_iso["RUS"])) == 2 and len(colours(by_iso["USA"])) == 1
    assert by_iso["FRA"].get("fill") != by_iso["RUS"].get("fill")
    # The strong colour belongs to the OECD partners' countries, not to the largest shape on the map.
    assert "#0b5394" in colours(by_iso["FRA"]) and "#0b5394" not in colours(by_iso["RUS"])


def test_data_text_in_a_label_is_not_markup(ds):
    countries = ds["countries"].copy()
    countries.loc[countries["iso3"] == "FRA", "name_en"] = "<a href='x'>**Evil**</a>"
    roles = worldmap.country_roles(ds["operators"], countries, "en")
    text = worldmap.world_map_svg(worldmap.load_world_shapes(), roles, "en")
    svg = ElementTree.fromstring(text)  # still well-formed: the name did not become markup
    assert not list(svg.iter(f"{SVG}a")) and "<a href" not in text
    assert "<a href='x'>**Evil**</a> · 3" in [t.text for t in svg.iter(f"{SVG}text")]  # shown as typed


def test_labels_do_not_overlap():
    anchors = [
        ("France · 3", 2.5, 46.5),
        ("Germany · 1", 10.0, 51.0),
        ("Austria · 1", 14.0, 47.5),
        ("Italy · 1", 12.5, 42.5),
        ("Israel · 3", 35.0, 31.5),
        ("Korea · 1", 127.8, 36.5),
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


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_on_a_phone_the_counts_and_countries_are_text_that_does_not_grow_late(ds, lang, monkeypatch):
    from dashboard import frame

    monkeypatch.setattr(frame, "screen_is_narrow", lambda: True)
    at = run_app(page="pages/4_operators.py", lang=lang)
    assert not at.table and not at.dataframe and not at.metric  # st.table and cards grew after drawing
    ops, countries = ds["operators"], ds["countries"].set_index("iso3")
    # Counts: one line per status, "Label: n", straight from the operators table.
    for status, n in ops["status"].value_counts().items():
        assert f"- {md(translate(f'ostatus.{status}', lang))}:\u00a0**{n}**" in visible_text(at)
    # Countries: a Markdown table with each country's number of operators and partners.
    table = next(m.value for m in at.markdown if m.value.startswith("| "))
    rows = {
        re.sub(r"\\(.)", r"\1", cells[0]): cells
        for line in table.splitlines()[2:]
        for cells in [[c.strip() for c in line.strip("|").split("|")]]
    }
    for iso3, n in ops["country_iso3"].value_counts().items():
        name = countries.loc[iso3, f"name_{lang}"]
        assert rows[name][2] == str(n), name
        since = countries.loc[iso3, "oecd_accession_year"]
        assert rows[name][1] == (
            str(int(since)) if countries.loc[iso3, "oecd_member"] else ("not a member", "не член")[lang == "ru"]
        )
