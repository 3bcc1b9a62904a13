"""The leave-behind deck: one 16:9 page per scene, in the chosen language, with the contact, read back with pypdf."""

from __future__ import annotations

import datetime as dt
import io
import re

import pandas as pd
import pytest
from pypdf import PdfReader

from dashboard.exports.deck_pdf import deck_pdf
from imc_data import load_dataset

from .conftest import DATA

GENERATED = dt.date(2026, 12, 2)
INTERNAL = ("research seed", "team's reading", "unknown publisher", ".csv", "source_id", "as_of", "build_to_lease")


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


@pytest.fixture(scope="module")
def scenes() -> pd.DataFrame:
    return pd.read_csv(DATA / "scenes.csv", dtype=str, keep_default_na=False)


def pages_text(pdf: bytes) -> tuple[PdfReader, list[str]]:
    reader = PdfReader(io.BytesIO(pdf))
    return reader, [" ".join(page.extract_text().split()) for page in reader.pages]


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.slow
def test_one_16_9_page_per_scene_with_its_title_and_the_contact(ds, scenes, lang):
    reader, texts = pages_text(deck_pdf(ds, lang, GENERATED))
    assert len(reader.pages) == len(scenes)
    for page in reader.pages:
        box = page.mediabox
        assert float(box.width) / float(box.height) == pytest.approx(16 / 9, rel=0.01)
    contact = pd.read_csv(DATA / "contacts.csv", dtype=str).loc[0]
    for i, (text, title) in enumerate(zip(texts, scenes[f"title_{lang}"], strict=True), 1):
        assert " ".join(title.split()) in text, i
        assert f"{i} / {len(scenes)}" in text
        assert contact["website"] in text
    assert " ".join(contact[f"organisation_{lang}"].split())[:40] in texts[-1]


@pytest.mark.slow
def test_russian_deck_speaks_russian_with_russian_formats(ds):
    _, texts = pages_text(deck_pdf(ds, "ru", GENERATED))
    everything = " ".join(texts)
    assert "Создано 2 дек. 2026" in everything
    assert "57,6 га" in everything and "57.6" not in everything
    assert "Sources" not in everything and "Источники:" in everything
    for word in INTERNAL:
        assert word not in everything.lower()
    # Source titles in Russian where the table gives one (the 160-FZ law has a Russian title).
    sources = pd.read_csv(DATA / "sources.csv", dtype=str, keep_default_na=False).set_index("source_id")
    ru_titles = [t for t in sources["title_ru"] if t]
    assert any(" ".join(t.split())[:30] in everything for t in ru_titles)


def test_english_deck_has_separators_and_no_internal_wording(ds):
    _, texts = pages_text(deck_pdf(ds, "en", GENERATED))
    everything = " ".join(texts)
    assert "Generated 2 Dec 2026" in everything
    assert "450,000" in everything
    assert not re.search(r"(?<![\d,./:-])\d{5,}(?![\d,])", everything.replace("mimc", ""))
    for word in INTERNAL:
        assert word not in everything.lower()


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_slide_says_its_provenance_only_when_a_value_is_not_plainly_sourced(ds, lang):
    from dashboard.labels import label

    _, pages = pages_text(deck_pdf(ds, lang))
    sourced = label("provenance", "sourced", lang)
    assert not [i for i, text in enumerate(pages, 1) if sourced in text.splitlines()]
    assert any(label("provenance", "illustrative", lang) in text for text in pages)  # the plot layout is
    # The dashboard's own notes are not cited to the audience as sources.
    own = ds["sources"].loc[ds["sources"]["confidence"] == "not_applicable"]
    for title in own["title" if lang == "en" else "title_ru"]:
        assert not [i for i, text in enumerate(pages, 1) if title[:40] in text.replace("\n", " ")]


def test_a_plot_close_up_is_not_called_an_opportunity(ds, scenes):
    """Scene "A plot up close" outlines a built plot: its legend says "in focus", not "this opportunity's plot"."""
    number = scenes.index[(scenes["kind"] == "site_map") & (scenes["plot_id"] != "")][0] + 1
    _, pages = pages_text(deck_pdf(ds, "en"))
    assert "The plot in focus" in pages[number - 1]
    assert "This opportunity's plot" not in pages[number - 1]
