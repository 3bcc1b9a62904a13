"""What an investor and a presenter do, end to end in a real browser, with nothing leaving the machine.

A click on the map opens a plot's card and its link reopens it; a click on a Gantt bar leads to
the plot; the chart downloads as PNG; a link restores filters and the shortlist, PDFs and CSVs
download and open, an enquiry lands where staff find it; a filter change goes into the address
and a reload restores it; the presenter's buttons and the filters work by
keyboard alone (the walk through every slide by the Next key: test_presenter_slides.py).
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from urllib.parse import parse_qs, urlparse

from PIL import Image
from playwright.sync_api import expect
from pypdf import PdfReader

from dashboard import labels
from dashboard.figures import site_deck
from dashboard.i18n import translate
from dashboard.safe import md
from imc_data import db, load_dataset
from imc_data import enquiries as enq
from imc_data import opportunities as opps

from .conftest import act, deck_pixel, open_page

REFERENCE = re.compile(r"IMC-\d{8}-[A-Z0-9]{6}")


def query(page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def test_a_click_on_the_map_opens_the_card_in_russian_and_its_link_reopens_it(app_url, visitor):
    ds, page = load_dataset(), visitor.page
    open_page(page, app_url + "/site_map?lang=ru")
    canvas = page.locator('[data-testid="stDeckGlJsonChart"] canvas').first
    box = canvas.bounding_box()
    # The polygons are drawn: the map holds the state colours, not a blank canvas (WebGL may take a
    # moment after the page is idle on a loaded machine).
    ground = site_deck.CONTEXT_STYLE["site_outline"][0][:3]  # plots lie on the site outline's fill
    alpha = site_deck.FILL_ALPHA / 255
    wanted = {
        state: [alpha * c + (1 - alpha) * g for c, g in zip(site_deck.STATE_COLOURS[state], ground, strict=True)]
        for state in ("operating", "under_construction", "planned")
    }
    missing = set(wanted)
    for _ in range(60):
        shot = Image.open(io.BytesIO(canvas.screenshot())).convert("RGB")
        colours = [c for _, c in shot.getcolors(maxcolors=1 << 20)]
        missing = {
            s for s, want in wanted.items()
            if not any(all(abs(a - b) < 12 for a, b in zip(c, want, strict=True)) for c in colours)
        }  # fmt: skip
        if not missing:
            break
        page.wait_for_timeout(500)  # poll: WebGL draws in its own frames, which the page's state does not show
    assert not missing, missing

    view = site_deck.view_state(ds).__dict__
    centre = ds.plots_geo.set_index("plot_id").loc["P09", "geometry"].representative_point()
    x, y = deck_pixel(centre.x, centre.y, view, box)
    page.mouse.move(x, y)
    act(page, lambda: page.mouse.click(x, y))
    assert query(page).get("plot") == ["P09"]
    card_heading = labels.plot_name(ds, "P09", "ru")  # "Участок 9 · …": named, not "P09"
    page.get_by_role("heading", name=card_heading).wait_for()
    name = ds["facilities"].set_index("facility_id").loc["F10", "name_ru"]
    assert md(name).replace("\\", "") in page.inner_text("body")

    shared = page.url
    assert "lang=ru" in shared
    open_page(page, shared)
    page.get_by_role("heading", name=card_heading).wait_for()
    assert visitor.external == []


def test_a_gantt_bar_tells_its_dates_and_leads_to_its_plot(app_url, visitor):
    page = visitor.page
    open_page(page, app_url + "/timeline?status=operating")
    bar = page.locator('.imc-gantt a[data-role="status"][data-facility="F01"]')
    expect(bar).to_be_visible()
    # Pointing at the bar shows its details (the browser's tooltip); a click opens its plot.
    assert "Diagnostic & Outpatient Center" in bar.get_attribute("title")
    assert "Sources:" in bar.get_attribute("title")
    assert bar.get_attribute("href").endswith("site_map?plot=P01")
    bar.click()
    page.wait_for_url("**/site_map?plot=P01")
    assert urlparse(page.url).path.endswith("/site_map") and query(page).get("plot") == ["P01"]
    page.get_by_role("heading", name=labels.plot_name(load_dataset(), "P01", "en")).wait_for()
    assert visitor.external == []


def test_a_filter_goes_into_the_address_and_a_reload_restores_it(app_url, visitor):
    page = visitor.page
    open_page(page, app_url + "/timeline?lang=ru")
    label = translate("timeline.filter.milestones", "ru")

    def switch():  # Streamlit's toggle: a checkbox input inside its labelled widget
        return page.locator('[data-testid="stCheckbox"]', has_text=label).locator("input")

    assert switch().is_checked()
    act(page, page.get_by_text(label, exact=True).click)
    assert query(page).get("milestones") == ["false"] and query(page).get("lang") == ["ru"], page.url
    open_page(page, page.url)
    assert not switch().is_checked()
    assert query(page).get("milestones") == ["false"]


def test_investor_follows_a_link_shortlists_two_downloads_pdfs_and_enquires(app_url, app_database, visitor):
    page = visitor.page
    open_page(page, app_url + "/opportunities?lang=ru&stage=S2&model=build_to_lease")
    frame = opps.opportunity_frame(load_dataset())
    expected = opps.filter_opportunities(
        frame, opps.Filters(stages=("S2",), models=("build_to_lease",), statuses=opps.DEFAULT_STATUSES)
    )["opportunity_id"].tolist()
    # One card per matching opportunity, named by what it is.
    cards = page.locator('[class*="st-key-imc-opp-card-results-"]:visible')  # the others are hidden by the filters
    expect(cards).to_have_count(len(expected))
    expect(cards.first).to_contain_text("Офтальмологическая клиника · Этап 2")

    # The CSV of the matching opportunities is built when clicked, from this view's rows.
    with page.expect_download() as info:
        page.get_by_role("button", name=translate("opportunities.download_csv_filtered", "ru")).click()
    rows = list(csv.DictReader(io.StringIO(Path(info.value.path()).read_text(encoding="utf-8-sig"))))
    assert [row[translate("opportunities.col.id", "ru")] for row in rows] == expected

    for oid in ("O05", "O07"):  # each card's own "add to shortlist" button
        card = page.locator(f".st-key-imc-opp-card-results-{oid}")
        act(page, card.get_by_role("button", name=translate("opportunities.card.add", "ru")).click)
    assert query(page)["shortlist"] == ["O05,O07"]

    for oid in ("O05", "O07"):
        card = page.locator(f".st-key-imc-opp-card-shortlist-{oid}")
        with page.expect_download() as info:
            card.get_by_role("button", name=translate("opportunities.card.pdf", "ru")).click()
        reader = PdfReader(io.BytesIO(Path(info.value.path()).read_bytes()))
        text = reader.pages[0].extract_text()
        assert len(reader.pages) == 1 and oid in text and "Инвестиционная возможность" in text
        # Named for what it is, in the page's language (a downloads folder shows the name, not the card).
        name = info.value.suggested_filename
        assert name.endswith(".pdf") and oid not in name, name
        if oid == "O05":
            assert "офтальмологическая" in name, name
    with page.expect_download() as info:
        page.get_by_role("button", name=translate("opportunities.download_csv_shortlist", "ru")).click()
    rows = list(csv.reader(io.StringIO(Path(info.value.path()).read_text(encoding="utf-8-sig"))))
    assert [r[0] for r in rows[1:]] == ["O05", "O07"]

    for field, value in (
        ("name", "Анна Пример"),
        ("organisation", "Example Health GmbH"),
        ("email", "anna@example-health.de"),
        ("country", "Германия"),
    ):
        page.get_by_label(translate(f"opportunities.enquiry.{field}", "ru")).fill(value)
    act(page, page.get_by_role("button", name=translate("opportunities.enquiry.submit", "ru")).click)
    confirmation = page.locator('[data-testid="stAlertContentSuccess"]').inner_text()
    reference = REFERENCE.search(confirmation).group(0)

    # Staff find it with the query the Data page uses, in the database of this suite's server.
    try:
        stored = enq.list_enquiries(db.get_engine(f"sqlite:///{app_database}"))
    finally:
        db.dispose_all()
    found = stored[stored["reference"] == reference]
    assert len(found) == 1
    assert found.iloc[0]["opportunity_ids"] == "O05,O07" and found.iloc[0]["lang"] == "ru"
    assert found.iloc[0]["name"] == "Анна Пример"
    assert visitor.external == []


def _scene(page) -> str:
    return page.locator(".imc-slide-counter").first.inner_text()


def _tab_to(page, name: str, tag: str = "BUTTON", max_presses: int = 80) -> None:
    """Press Tab until a ``tag`` element whose label or text starts with ``name`` has the focus."""
    for _ in range(max_presses):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => { const e = document.activeElement;"
            " return e ? [e.tagName, (e.getAttribute('aria-label') || e.innerText || '').trim()] : ['', ''] }"
        )
        if focused[0] == tag and focused[1].startswith(name):
            return
    raise AssertionError(f"Tab never reached the {tag} {name!r}")


def test_presenter_buttons_work_with_the_keyboard_alone(app_url, visitor):
    page, total = visitor.page, len(load_dataset()["scenes"])
    open_page(page, app_url + "/?present=1")
    assert _scene(page) == f"1 / {total}"
    seen = []
    for label in ("presenter.next", "presenter.next", "presenter.back"):
        _tab_to(page, translate(label, "en"))
        act(page, lambda: page.keyboard.press("Enter"))
        seen.append(_scene(page))
    assert seen == [f"2 / {total}", f"3 / {total}", f"2 / {total}"]


def test_opportunity_filters_work_with_the_keyboard_alone(app_url, visitor):
    page = visitor.page
    open_page(page, app_url + "/opportunities")
    _tab_to(page, translate("opportunities.f.stage", "en"), tag="INPUT")
    page.keyboard.press("ArrowDown")  # opens the list
    expect(page.locator('[data-testid="stMultiSelectDropdown"] [role="option"]').first).to_be_visible()

    def pick_and_close() -> None:
        page.keyboard.press("Enter")  # picks the first stage (Streamlit 1.67 commits a pick at once)
        page.keyboard.press("Escape")  # closes the list

    # One wait for both keys: on the CI machine the pick's rerun had finished before a wait armed after Enter
    # began, and Escape sends nothing, so that wait never ended.
    act(page, pick_and_close)
    assert "stage" in query(page)


# Each option of an open filter list that is cut short (its text wider than the room it is given).
CUT_OPTIONS_JS = """() => Array.from(document.querySelectorAll('[data-testid="stMultiSelectDropdown"] [role="option"] div'))
  .filter((el) => el.scrollWidth > el.clientWidth + 1).map((el) => el.innerText)"""


def test_every_specialty_reads_in_full_in_the_filter_list(app_url, visitor):
    page = visitor.page
    open_page(page, app_url + "/opportunities?lang=ru")
    specialty = page.locator('[data-testid="stMultiSelect"]').filter(
        has_text=translate("opportunities.f.specialty", "ru")
    )
    specialty.locator("input").click()
    options = page.locator('[data-testid="stMultiSelectDropdown"] [role="option"]')
    expect(options.first).to_be_visible()
    assert page.evaluate(CUT_OPTIONS_JS) == []
    box = page.locator('[data-testid="stMultiSelectDropdown"]').bounding_box()
    assert box["x"] + box["width"] <= page.viewport_size["width"]
