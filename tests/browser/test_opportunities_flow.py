"""Issue 5 "done when", in a real browser: link → three matches → shortlist two → Russian PDFs → enquiry staff can find."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from urllib.parse import parse_qs, urlparse

from pypdf import PdfReader

from dashboard.i18n import translate
from imc_data import db, load_dataset
from imc_data import enquiries as enq
from imc_data import opportunities as opps

from .conftest import open_page, wait_for_script

ROW_HEIGHT = 35  # st.dataframe (glide grid) default row and header height, px


def test_investor_follows_a_link_shortlists_two_downloads_pdfs_and_enquires(
    app_url, app_database, browser_page, external_requests
):
    page = browser_page
    open_page(page, app_url + "/opportunities?lang=ru&stage=S2&model=build_to_lease", settle_ms=1500)
    values = page.locator('[data-testid="stMetricValue"]').all_inner_texts()
    assert values[0] == "3", values

    # The CSV of the matching opportunities is built when clicked, from this view's rows.
    with page.expect_download() as info:
        page.get_by_role("button", name=translate("opportunities.download_csv_filtered", "ru")).click()
    rows = list(csv.DictReader(io.StringIO(Path(info.value.path()).read_text(encoding="utf-8-sig"))))
    frame = opps.opportunity_frame(load_dataset())
    expected = opps.filter_opportunities(frame, opps.Filters(stages=("S2",), models=("build_to_lease",)))
    assert [row[translate("opportunities.col.id", "ru")] for row in rows] == expected["opportunity_id"].tolist()
    assert len(rows) == 3

    # Tick the first two rows of the result table (a canvas grid: click its row-marker column).
    grid = page.locator('[data-testid="stDataFrame"]').first
    # The grid keeps re-measuring itself, so Playwright's "stable" wait may never end: scroll by script.
    grid.evaluate("el => el.scrollIntoView({block: 'center'})")
    page.wait_for_timeout(500)
    box = grid.bounding_box()
    for row in (0, 1):
        page.mouse.click(box["x"] + 20, box["y"] + ROW_HEIGHT * (row + 1) + ROW_HEIGHT / 2)
        wait_for_script(page)
    page.get_by_role("button", name="Добавить выбранные в список").click()
    wait_for_script(page, settle_ms=1000)
    assert parse_qs(urlparse(page.url).query)["shortlist"] == ["O05,O07"]

    for oid in ("O05", "O07"):
        with page.expect_download() as info:
            page.get_by_role("button", name=f"PDF на одну страницу {oid}").click()
        data = Path(info.value.path()).read_bytes()
        reader = PdfReader(io.BytesIO(data))
        text = reader.pages[0].extract_text()
        assert len(reader.pages) == 1 and oid in text and "Инвестиционная возможность" in text

    page.get_by_label("Имя *").fill("Анна Пример")
    page.get_by_label("Организация *").fill("Example Health GmbH")
    page.get_by_label("Эл. почта *").fill("anna@example-health.de")
    page.get_by_label("Страна *").fill("Германия")
    page.get_by_role("button", name="Отправить запрос").click()
    wait_for_script(page, settle_ms=1000)
    confirmation = page.locator('[data-testid="stAlertContentSuccess"]').inner_text()
    reference = re.search(r"IMC-\d{8}-[A-Z2-9]{6}", confirmation).group(0)

    # Staff find it with the query the Data page uses, in the database of this module's server.
    try:
        stored = enq.list_enquiries(db.get_engine(f"sqlite:///{app_database}"))
    finally:
        db.dispose_all()
    found = stored[stored["reference"] == reference]
    assert len(found) == 1
    assert found.iloc[0]["opportunity_ids"] == "O05,O07" and found.iloc[0]["lang"] == "ru"
    assert external_requests == []
