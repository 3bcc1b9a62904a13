"""Downloads: formula-safe CSV, one-page PDFs in both languages, the static map thumbnail."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

import pandas as pd
import pytest
from PIL import Image
from pypdf import PdfReader

from dashboard.exports.opportunity_pdf import opportunity_pdf
from dashboard.exports.shortlist_pdf import shortlist_pdf
from dashboard.exports.spreadsheet import neutralise_cell, to_csv_bytes
from dashboard.figures import site_deck
from dashboard.figures.thumbnail import site_thumbnail
from dashboard.views.opportunity_table import format_totals, opportunity_table
from imc_data import load_dataset
from imc_data import opportunities as opps

from .conftest import replace_in

CYRILLIC = re.compile(r"[А-Яа-яЁё]{4,}")


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


def read_csv(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "UTF-8 BOM so Excel reads Cyrillic"
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("+7 495", "'+7 495"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=cmd", "'\t=cmd"),
        ("\r=cmd", "'\r=cmd"),
        ("Cardiology", "Cardiology"),
        ("a=b", "a=b"),
    ],
)
def test_neutralise_cell(cell, safe):
    assert neutralise_cell(cell) == safe


def test_csv_neutralises_text_cells_and_leaves_negative_numbers_alone():
    frame = pd.DataFrame(
        {
            "text": ['=HYPERLINK("http://x","y")', "+1", "-1", "@A1", "\tx", "\rx", "plain"],
            "number": [-5.5, -1.0, 0.0, 2.0, 3.0, 4.0, 5.0],
            "count": pd.Series([-3, 1, 2, 3, 4, 5, 6], dtype="Int64"),
        }
    )
    rows = read_csv(to_csv_bytes(frame))
    assert [r["text"] for r in rows] == ['\'=HYPERLINK("http://x","y")', "'+1", "'-1", "'@A1", "'\tx", "'\rx", "plain"]
    assert rows[0]["number"] == "-5.5"
    assert rows[0]["count"] == "-3"


def test_opportunity_csv_is_translated_and_keeps_numbers(ds):
    frame = opps.opportunity_frame(ds)
    for lang, id_col, area_col in (("en", "ID", "Plot area, ha"), ("ru", "ID", "Площадь участка, га")):
        rows = read_csv(to_csv_bytes(opportunity_table(ds, frame["opportunity_id"], lang)))
        assert [r[id_col] for r in rows] == list(frame["opportunity_id"])
        assert float(rows[0][area_col]) == frame["area_ha"].iloc[0]
    ru = read_csv(to_csv_bytes(opportunity_table(ds, frame["opportunity_id"], "ru")))
    assert ru[0]["Статус"] == "Открыто" and ru[0]["Происхождение"] == "иллюстративно"


def test_a_malicious_cell_in_the_data_comes_out_neutralised(data_dir):
    first = next(csv.DictReader((data_dir / "opportunities.csv").open(encoding="utf-8")))
    replace_in(data_dir / "opportunities.csv", f",{first['specialty_en']},", ",\"=cmd|' /C calc'!A0\",")
    ds = load_dataset(data_dir)
    assert ds.ok, ds.report.summary()
    rows = read_csv(to_csv_bytes(opportunity_table(ds, [first["opportunity_id"]], "en")))
    assert rows[0]["Specialty"] == "'=cmd|' /C calc'!A0"


def pdf_text(data: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(data))
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_pdf_for_every_opportunity_is_one_page_with_id_facts_and_date(ds, lang):
    frame = opps.opportunity_frame(ds)
    for _, row in frame.iterrows():
        oid = row["opportunity_id"]
        pages, text = pdf_text(opportunity_pdf(ds, oid, lang, generated=dt.date(2026, 11, 24)))
        assert pages == 1, oid
        assert oid in text and row["plot_id"] in text
        assert "IMC Fund" in text if lang == "en" else "Фонд международного медицинского кластера" in text
        assert ("24 Nov 2026" if lang == "en" else "24 нояб. 2026") in text
        first_words = row[f"specialty_{lang}"].split()[0]
        assert first_words in text
        if lang == "ru":
            assert CYRILLIC.search(text), oid
            assert "Инвестиционная возможность" in text and "иллюстративно" in text
        else:
            assert "Investment opportunity" in text and "illustrative" in text


def test_pdf_lists_benefits_and_sources(ds):
    _, text = pdf_text(opportunity_pdf(ds, "O10", "en"))
    provisions = ds["legal_provisions"].set_index("provision_id")
    for pid in opps.opportunity_frame(ds).set_index("opportunity_id").loc["O10", "benefit_ids"]:
        assert provisions.loc[pid, "title_en"].split(";")[0] in text.replace("\n", " ")
    assert "RIAMO" in text and "Korea Herald" in text


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_shortlist_pdf_is_one_page_with_every_id(ds, lang):
    pages, text = pdf_text(shortlist_pdf(ds, ["O05", "O07", "O10"], lang))
    assert pages == 1
    for oid in ("O05", "O07", "O10"):
        assert oid in text
    assert ("Shortlist" in text) if lang == "en" else ("Список" in text and CYRILLIC.search(text))


def test_unknown_opportunity_is_an_error(ds):
    with pytest.raises(KeyError):
        opportunity_pdf(ds, "O99", "en")


def test_thumbnail_highlights_the_chosen_plot(ds):
    plain = Image.open(io.BytesIO(site_thumbnail(ds, [], width=320, height=220))).convert("RGB")
    marked = Image.open(io.BytesIO(site_thumbnail(ds, ["P16"], width=320, height=220))).convert("RGB")
    assert plain.size == marked.size == (320, 220)
    # The Opportunities map's highlight colour, so the PDF's picture matches the screen.
    highlight = tuple(site_deck.HIGHLIGHT_OUTLINE[:3])
    assert highlight not in {c for _, c in plain.getcolors(1 << 16)}
    assert any(count > 30 and colour == highlight for count, colour in marked.getcolors(1 << 16))


def test_totals_are_labelled_with_their_provenance():
    totals = (opps.Total(7.0, "illustrative", 3),)
    assert format_totals(totals, "en", "ha") == "7 ha (illustrative)"
    assert format_totals(totals, "ru", "га") == "7 га (иллюстративно)"
    assert format_totals((), "en", "ha") == "—"
