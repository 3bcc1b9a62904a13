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
from dashboard.exports.spreadsheet import neutralise_frame, to_csv_bytes
from dashboard.figures import site_deck
from dashboard.figures.thumbnail import site_thumbnail
from dashboard.views.opportunity_table import format_totals, opportunity_table
from imc_data import load_dataset
from imc_data import opportunities as opps

from .conftest import edited_dataset

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
def test_exports_prefix_formula_like_text(cell, safe):
    assert neutralise_frame(pd.DataFrame({"cell": [cell]}))["cell"].iloc[0] == safe


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


def test_whole_numbers_are_written_without_a_decimal_part():
    """A floor area of 27000 with an empty cell beside it (a float column in pandas) reads 27000, not 27000.0."""
    frame = pd.DataFrame({"area": [27000.0, None], "share": [0.5, 2.0], "name": ["a", "b"]})
    rows = read_csv(to_csv_bytes(frame))
    assert [r["area"] for r in rows] == ["27000", ""]
    assert [r["share"] for r in rows] == ["0.5", "2.0"]  # a column with a fraction keeps its decimals


def test_opportunity_csv_is_translated_and_keeps_numbers(ds):
    frame = opps.opportunity_frame(ds)
    for lang, id_col, area_col in (("en", "ID", "Plot area, ha"), ("ru", "Код", "Площадь участка, га")):
        rows = read_csv(to_csv_bytes(opportunity_table(ds, frame["opportunity_id"], lang)))
        assert [r[id_col] for r in rows] == list(frame["opportunity_id"])
        assert float(rows[0][area_col]) == frame["area_ha"].iloc[0]
    ru = read_csv(to_csv_bytes(opportunity_table(ds, frame["opportunity_id"], "ru")))
    assert ru[0]["Статус"] == "Открыто" and ru[0]["Происхождение года, площади и модели"] == "иллюстративно"
    assert ru[0]["Название"] == "Междисциплинарный корпус · Этап 1"  # a name beside the code
    assert "Международный медицинский кластер: паспорт инвестиционного проекта" in ru[0]["Источники"]


def test_a_malicious_cell_in_the_data_comes_out_neutralised(data_dir):
    first = next(csv.DictReader((data_dir / "opportunities.csv").open(encoding="utf-8")))
    ds = edited_dataset(data_dir, "opportunities.csv", f",{first['specialty_en']},", ",\"=cmd|' /C calc'!A0\",")
    rows = read_csv(to_csv_bytes(opportunity_table(ds, [first["opportunity_id"]], "en")))
    assert rows[0]["Specialty"] == "'=cmd|' /C calc'!A0"


def pdf_text(data: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(data))
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.slow
def test_pdf_for_every_opportunity_is_one_page_with_id_facts_and_date(ds, lang):
    frame = opps.opportunity_frame(ds)
    for _, row in frame.iterrows():
        oid = row["opportunity_id"]
        pages, text = pdf_text(opportunity_pdf(ds, oid, lang, generated=dt.date(2026, 11, 24)))
        assert pages == 1, oid
        plot = row["plot_id"].lstrip("P").lstrip("0")
        assert oid in text and (f"Plot {plot}" if lang == "en" else f"Участок {plot}") in text
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
def test_shortlist_pdf_is_one_page_with_every_open_id_and_no_taken_one(ds, lang):
    pages, text = pdf_text(shortlist_pdf(ds, ["O05", "O07", "O11"], lang))
    assert pages == 1
    assert "O05" in text and "O07" in text
    assert "O11" not in text  # taken (ORPEA): never printed as shortlisted
    if lang == "en":
        assert "Shortlist of investment opportunities" in text
    else:
        assert "Избранные инвестиционные возможности" in text and CYRILLIC.search(text)


INTERNAL_WORDING = ("research seed", "team's reading", "unknown publisher", ".csv", "source_id", "as_of")
RAW_ENUMS = ("build_to_lease", "own_construction", "in_negotiation", "announced_not_realised", "illustrative_")


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_pdfs_hold_no_internal_wording_or_raw_codes(ds, lang):
    for data in (opportunity_pdf(ds, "O10", lang), shortlist_pdf(ds, ["O01", "O05", "O06"], lang)):
        text = pdf_text(data)[1]
        for word in (*INTERNAL_WORDING, *RAW_ENUMS):
            assert word not in text, word


def test_russian_pdfs_use_russian_number_formats_and_russian_source_titles(ds):
    one = pdf_text(opportunity_pdf(ds, "O05", "ru"))[1].replace("\u00a0", " ")
    short = pdf_text(shortlist_pdf(ds, ["O05", "O09"], "ru"))[1].replace("\u00a0", " ")
    # O05 is plot P16 (2.0 ha in plots.csv), 15000 m² in opportunities.csv; O09 is P20, 3.0 ha, 21000 m².
    assert "2,0 га" in one and "15 000 м²" in one
    assert "2,0 га" in short and "3,0 га" in short and "21 000 м²" in short
    assert not re.search(r"\d\.\d", one.split("Источники")[0])  # no decimal point before the sources
    # The Invest Moscow passport is cited under its Russian title, not the English one.
    assert "паспорт инвестиционного проекта" in one.replace("\n", " ")
    assert "investment project passport" not in one


def test_english_pdfs_group_thousands():
    ds = load_dataset()
    text = pdf_text(opportunity_pdf(ds, "O10", "en"))[1]
    assert "50,000 m²" in text.replace("\u00a0", " ")  # O10: max_floor_area_m2 = 50000
    assert not re.search(r"(?<![\d,.])\d{5,}(?![\d,])", text.split("Sources")[0])


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_shortlist_table_headers_are_never_broken_inside_a_word(ds, lang):
    from dashboard.exports.shortlist_pdf import COLUMNS
    from dashboard.views.opportunity_table import column_label

    text = pdf_text(shortlist_pdf(ds, ["O01", "O05", "O09"], lang))[1]
    words = set(text.split())
    for column in COLUMNS:
        for word in column_label(column, lang).split():
            assert word in words, (column, word)  # a header cut mid-word would leave only its halves


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_pdf_contact_is_the_table_row_and_invents_no_address(ds, lang):
    contact = ds["contacts"].iloc[0]
    for data in (opportunity_pdf(ds, "O05", lang), shortlist_pdf(ds, ["O05"], lang)):
        text = pdf_text(data)[1].replace("\n", " ")
        assert contact["website"].rstrip("/") in text
        assert "@" not in text  # contacts.csv gives no e-mail, so none is printed
        assert ("“I'm interested” form" if lang == "en" else "форму «Мне интересно»") in text


def test_pdf_shows_an_e_mail_and_phone_once_staff_enter_them(data_dir):
    ds = edited_dataset(
        data_dir,
        "contacts.csv",
        "https://mimc.global.tilda.ws/,,,",
        "https://mimc.global.tilda.ws/,fund@example.org,+7 495 000-00-00,",
    )
    for lang in ("en", "ru"):
        for data in (opportunity_pdf(ds, "O05", lang), shortlist_pdf(ds, ["O05"], lang)):
            text = pdf_text(data)[1]
            assert "fund@example.org" in text and "+7 495 000-00-00" in text


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
    assert format_totals(totals, "en", "ha", 1) == "7.0\u00a0ha (illustrative)"
    assert format_totals(totals, "ru", "ha", 1) == "7,0\u00a0га (иллюстративно)"
    assert format_totals((), "en", "ha") == "—"
