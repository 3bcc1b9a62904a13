"""The Site map page as a presenter and an investor see it: the deck, the card, the shared link."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from urllib.parse import parse_qs

import pytest

from dashboard import formatting, labels
from dashboard.figures import site_deck as deck
from dashboard.safe import md
from imc_data import load_dataset
from imc_data.plot_state import plot_states

from .apptest_helpers import run_app, visible_text
from .conftest import DATA

PAGE = "pages/1_site_map.py"


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


def deck_spec(at) -> dict:
    # The page also has the locator map (issue 21): the site deck is the one with the plots layer.
    specs = [json.loads(chart.proto.json) for chart in at.get("deck_gl_json_chart")]
    site = [spec for spec in specs if any(layer.get("id") == deck.PLOTS_LAYER for layer in spec["layers"])]
    assert len(site) == 1
    return site[0]


def legend_html(at) -> str:
    """The legend's markup with character references decoded, as the browser reads them."""
    return html.unescape("\n".join(el.proto.body for el in at.get("html") if "imc-legend" in el.proto.body))


def plots_layer(spec: dict) -> dict:
    return next(layer for layer in spec["layers"] if layer["id"] == deck.PLOTS_LAYER)


def empty_values(value, path="") -> list[str]:
    """Paths of ``{}`` values: what a pandas Timestamp silently becomes in the deck JSON."""
    if isinstance(value, dict):
        if not value:
            return [path or "<root>"]
        return [p for k, v in value.items() for p in empty_values(v, f"{path}.{k}")]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in empty_values(v, f"{path}[{i}]")]
    return []


def test_deck_json_has_every_plot_and_no_basemap(ds):
    at = run_app(page=PAGE)
    spec = deck_spec(at)
    layers = {layer["id"]: layer for layer in spec["layers"]}
    assert tuple(layers) == deck.LAYER_IDS
    plots = layers["plots"]["data"]
    assert sorted(p["plot_id"] for p in plots) == sorted(ds["plots"]["plot_id"])  # one polygon per plot
    assert all(len(p["coordinates"]) >= 4 for p in plots)
    assert spec["mapStyle"] == "__MAP_STYLE__" and "mapProvider" not in spec  # no tiles, no basemap
    assert empty_values(spec) == []
    tooltip = json.loads(at.get("deck_gl_json_chart")[0].proto.tooltip)
    assert "text" in tooltip and "html" not in tooltip  # plain text (and a style that wraps it)


def test_default_year_is_this_year_and_plots_follow_it(ds):
    at = run_app(page=PAGE)
    this_year = min(max(dt.date.today().year, 2016), 2035)
    assert at.slider(key="year").value == this_year
    states = plot_states(ds, this_year).set_index("plot_id")["state"]
    shown = {p["plot_id"]: p["state"] for p in plots_layer(deck_spec(at))["data"]}
    assert shown == states.to_dict()
    assert f"State in {this_year}" in visible_text(at)


def test_year_in_the_link_recolours_the_plots():
    at = run_app(page=PAGE, year="2016", lang="ru")
    assert at.slider(key="year").value == 2016
    plots = {p["plot_id"]: p for p in plots_layer(deck_spec(at))["data"]}
    states = plot_states(load_dataset(), 2016).set_index("plot_id")["state"]
    assert {pid: p["state"] for pid, p in plots.items()} == states.to_dict()
    # States in words (never "Building"), with the number of plots in each in the legend.
    assert plots["P01"]["state_label"] == "Строится"
    text = visible_text(at)
    assert "Состояние в 2016 году" in text
    building = int((states == "under_construction").sum())
    assert f"<b>Строится</b> · участков: {building}" in legend_html(at)


def test_moving_the_slider_grows_the_cluster():
    at = run_app(page=PAGE, year="2016")
    built_2016 = sum(p["state"] == "operating" for p in plots_layer(deck_spec(at))["data"])
    at.slider(key="year").set_value(2035).run()
    assert not at.exception
    built_2035 = sum(p["state"] == "operating" for p in plots_layer(deck_spec(at))["data"])
    assert built_2016 == 0 and built_2035 > built_2016


def test_link_with_plot_opens_its_card_in_english(ds, monkeypatch):
    monkeypatch.setenv("IMC_TODAY", "2026-12-02")
    at = run_app(page=PAGE, plot="P04")
    text = visible_text(at)
    heading = at.subheader[0].value
    # Named by what stands there and the number the map shows; no internal code anywhere on the card.
    assert heading.startswith("Plot 4 · ") and "P04" not in heading and "P04" not in text
    assert md(ds["facilities"].set_index("facility_id").loc["F05", "name_en"]).split("\\:")[0] in heading
    # The oncology hospital belongs to Stage 2 on a Stage 1 plot: the card says so beside the plot's stage.
    assert "Part of Stage 2 \\(2025–2035\\)" in text
    # The plot's figures are illustrative (plots.csv): marked so, as on the opportunity cards.
    assert f"**Plot area:** {md(formatting.area_ha(4.6, 'en'))} :orange-badge[illustrative]" in text
    assert f"**{md('Max. floor area')}:** {md(formatting.floor_area(65000, 'en'))} :orange-badge[illustrative]" in text
    assert "Stage 1 \\(2016–2025\\)" in text
    fac = ds["facilities"].set_index("facility_id")
    for fid in ("F04", "F05"):
        assert md(fac.loc[fid, "name_en"]) in text
    assert md(ds["operators"].set_index("operator_id").loc["OP10", "name_en"]) in text
    # Spring 2026, seen in December 2026 with no completion reported: never shown as upcoming.
    spring = md(formatting.date(dt.date(2026, 3, 1), "en", "season"))
    assert f"Latest announced completion\\: {spring} \\(overdue, unconfirmed\\)" in text
    assert "Illustrative layout" in text  # badge
    # The hospital's floor area as its sources state it: more than 60,000 m², not an exact figure.
    assert f"Floor area\\: more than {formatting.floor_area(60000, 'en')} ·" in text
    plots = {p["plot_id"]: p for p in plots_layer(deck_spec(at))["data"]}
    assert plots["P04"]["selected"] and not plots["P01"]["selected"]
    assert not at.warning


def test_link_with_plot_opens_its_card_in_russian(ds, monkeypatch):
    monkeypatch.setenv("IMC_TODAY", "2026-12-02")
    at = run_app(page=PAGE, plot="P04", lang="ru")
    text = visible_text(at)
    heading = at.subheader[0].value
    assert heading.startswith("Участок 4 · ") and "P04" not in heading
    assert f"**Площадь участка:** {md(formatting.area_ha(4.6, 'ru'))}" in text and "4,6" in text
    assert md(ds["facilities"].set_index("facility_id").loc["F05", "name_ru"]) in text
    spring = md(formatting.date(dt.date(2026, 3, 1), "ru", "season"))
    assert f"Последний объявленный срок\\: {spring} \\(срок прошёл, завершение не подтверждено\\)" in text
    assert "Иллюстративная схема" in text
    assert f"Поэтажная площадь\\: более {formatting.floor_area(60000, 'ru')} ·" in text
    for english in ("Plot area", "Permitted use", "Facilities on this plot", "Illustrative layout", "State in"):
        assert english not in text


def test_card_links_to_the_opportunity_on_the_plot(ds):
    opps = ds.tables.get("opportunities")
    if opps is None or not len(opps):
        pytest.skip("no opportunities table in this checkout")
    row = opps.iloc[0]
    at = run_app(page=PAGE, plot=row["plot_id"], lang="ru")
    card_links = [
        p.proto for p in at.get("page_link") if p.proto.page == "opportunities" and "opp=" in p.proto.query_string
    ]
    assert len(card_links) == (opps["plot_id"] == row["plot_id"]).sum()
    # The link names the opportunity in words; its id travels only in the link.
    assert row["opportunity_id"] not in card_links[0].label
    status = labels.label("opportunity_status", row["status"], "ru")
    assert md(f"{labels.opportunity_name(ds, row['opportunity_id'], 'ru')} · {status}") == card_links[0].label
    query = parse_qs(card_links[0].query_string)
    assert query == {"opp": [row["opportunity_id"]], "lang": ["ru"]}


def test_the_card_says_when_an_opportunity_on_the_plot_is_no_longer_open(ds):
    opps = ds["opportunities"]
    closed = opps[opps["status"] != "open"].iloc[0]
    at = run_app(page=PAGE, plot=closed["plot_id"])
    (link,) = [p.proto for p in at.get("page_link") if f"opp={closed['opportunity_id']}" in p.proto.query_string]
    assert link.label.endswith(md(labels.label("opportunity_status", closed["status"], "en")))
    assert "Investment opportunities on this plot" in visible_text(at)
    assert "Open to investors" not in visible_text(at)


def test_unknown_plot_shows_a_notice_not_an_error():
    at = run_app(page=PAGE, plot="P99")
    assert not at.exception and not at.error
    assert "P99" in at.warning[0].value
    assert not at.subheader  # no card
    assert not any(p["selected"] for p in plots_layer(deck_spec(at))["data"])


def test_without_plot_the_card_invites_a_click():
    at = run_app(page=PAGE, lang="ru")
    assert "Нажмите на участок на карте" in at.info[0].value
    assert not at.warning


def test_3d_switch_tilts_the_view():
    at = run_app(page=PAGE)
    assert deck_spec(at)["initialViewState"]["pitch"] == 0
    at.toggle(key="view3d").set_value(True).run()
    spec = deck_spec(at)
    assert spec["initialViewState"]["pitch"] > 0
    assert plots_layer(spec)["extruded"] is True


def test_card_shows_data_as_text_not_markdown(data_dir, monkeypatch):
    from .conftest import replace_in

    replace_in(
        data_dir / "facilities.csv", "Biotech R&D laboratory (Sistema-Biotech)", "[Biotech](http://x.test) **lab**"
    )
    monkeypatch.setenv("IMC_DATA_DIR", str(data_dir))
    at = run_app(page=PAGE, plot="P05")
    text = visible_text(at)
    assert "\\[Biotech\\]\\(http\\:" in text and "\\*\\*lab\\*\\*" in text
    assert "[Biotech](http://x.test)" not in text
    # The legend names the plot too, as escaped HTML text (st.html: no Markdown, so no link).
    assert "[Biotech](http://x.test) **lab**" in legend_html(at)
    tooltip = json.loads(at.get("deck_gl_json_chart")[0].proto.tooltip)
    assert "html" not in tooltip


def test_the_legend_marks_the_plots_an_investor_can_still_take():
    import csv

    with open(DATA / "opportunities.csv", encoding="utf-8") as handle:
        open_plots = {row["plot_id"] for row in csv.DictReader(handle) if row["status"] == "open"}
    at = run_app(PAGE, lang="ru")
    items = legend_html(at).split("<li>")[1:]
    marked = {item for item in items if "возможность для инвесторов" in item}
    assert len(marked) == len(open_plots) > 0
    for pid in open_plots:  # the legend lists a plot by its number on the map: "12 · Междисциплинарный корпус"
        assert any(item.startswith(f"{int(pid[1:])} · ") for item in marked), pid


def test_play_in_3d_ends_on_the_last_stage_year(ds, monkeypatch):
    monkeypatch.setattr(deck, "PLAY_SECONDS_PER_YEAR", 0)
    last = int(ds["stages"]["end_year"].max())
    at = run_app(page=PAGE, view3d="true", year="2020")
    at.button(key="play").click().run()
    assert not at.exception
    assert at.slider(key="year").value == last and at.query_params["year"] == str(last)
    spec = deck_spec(at)
    assert spec["initialViewState"]["pitch"] > 0
    states = plot_states(ds, last).set_index("plot_id")["state"]
    assert {p["plot_id"]: p["state"] for p in plots_layer(spec)["data"]} == states.to_dict()


def test_on_a_phone_the_plan_is_svg_and_no_deck_is_sent_for_it(monkeypatch):
    from dashboard import frame

    monkeypatch.setattr(frame, "screen_is_narrow", lambda: True)
    at = run_app(page=PAGE, lang="ru", plot="P12")
    specs = [json.loads(chart.proto.json) for chart in at.get("deck_gl_json_chart")]
    assert not any(layer.get("id") == deck.PLOTS_LAYER for spec in specs for layer in spec["layers"])
    plans = [m.value for m in at.markdown if 'class="imc-site-plan"' in m.value]
    assert len(plans) == 1 and plans[0].count('<a href="?') == len(load_dataset()["plots"])
    assert "?lang=ru&plot=P09#plot-card" in html.unescape(plans[0])  # a tap keeps the language and scrolls to the card
    assert at.subheader[0].value.startswith("Участок 12")  # the card under the plan
    assert sum("-badge[:material/draw: Иллюстративная схема]" in m.value for m in at.markdown) == 1  # one badge
    # The interactive map only when asked for.
    at.toggle(key="interactive").set_value(True).run()
    assert deck_spec(at)["initialViewState"]["pitch"] == 0


def test_a_project_never_realised_is_not_called_planned_on_its_card(ds):
    fac = ds["facilities"]
    never = fac[fac["status"] == "announced_not_realised"].iloc[0]
    text = visible_text(run_app(page=PAGE, plot=never["plot_id"]))
    assert (fac["plot_id"] == never["plot_id"]).sum() == 1  # the card's only facility
    assert re.search(r"In \d{4}\\?: Announced, not realised", text)
    assert not re.search(r"In \d{4}\\?: Planned", text)
