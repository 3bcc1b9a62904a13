"""Why IMC (legal regime) page: provisions with articles and sources, plot-use matrix, incentives, risks."""

from __future__ import annotations

import re

import pytest

from dashboard import formatting
from dashboard.safe import md
from dashboard.views.legal_regime import context_milestones, incentive_groups, provision_sections
from imc_data import load_dataset

from .apptest_helpers import run_app, visible_text
from .conftest import replace_in


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


TABS = ("provisions", "uses", "incentives", "risks")  # in the page's order; ?section= opens one


def run_tab(section: str, lang: str = "en"):
    """The page with one tab open (only the open tab is built)."""
    return run_app(page="pages/5_legal_regime.py", lang=lang, section=section)


def test_only_the_open_tab_is_built():
    provisions, risks = run_tab("provisions"), run_tab("risks")
    assert "The law" in [h.value for h in provisions.subheader]
    assert "Context and risks" not in [h.value for h in provisions.subheader]
    assert "Context and risks" in [h.value for h in risks.subheader]
    assert "The law" not in [h.value for h in risks.subheader]


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_every_provision_is_shown_with_its_article_only_where_a_source_gives_it(ds, lang):
    # Provisions sit in the first tab, risk provisions in the last.
    text = "\n".join(visible_text(run_tab(section, lang)) for section in ("provisions", "risks"))
    prov = ds["legal_provisions"]
    for _, row in prov.iterrows():
        assert md(row[f"title_{lang}"]) in text
        assert md(row[f"text_{lang}"]) in text
    with_article = prov[prov["article"].notna()]
    prefix = "160-FZ" if lang == "en" else "160-ФЗ"
    for article in with_article["article"]:
        assert f"{prefix}, {md(formatting.article(article, lang))}" in text  # "ст." in Russian
    assert text.count(f"{prefix}, ") == len(with_article)  # no line at all where no source gives an article
    for internal in ("article not given", "статья в источниках не указана", "team's reading", "plots.csv"):
        assert internal not in text


def test_every_item_names_its_sources_one_click_away(ds):
    sections = provision_sections(ds)
    keys = [f"sources_{i}" for i in ds["legal_provisions"]["provision_id"]]
    keys += [f"sources_{i}" for i in ds["incentives"]["incentive_id"]]
    keys += [f"sources_{i}" for i in context_milestones(ds)["milestone_id"]]
    closed = run_tab("provisions")
    assert all(not p.markdown for p in closed.get("popover"))  # a list is built when its popover is opened
    # The visitor opens every "Sources (n)" marker of each tab.
    runs = [
        run_app(page="pages/5_legal_regime.py", section=section, state=dict.fromkeys(keys, True)) for section in TABS
    ]
    markers = [p for at in runs for p in at.get("popover") if p.proto.popover.label.startswith("Sources (")]
    items = [ids for name in ("law", "benefit", "condition", "unassigned") for ids in sections[name]["source_ids"]]
    uses = [sid for ids in ds["provision_uses"]["source_ids"] for sid in ids]
    items.append(uses)  # the plot-use matrix has one marker for all its rows
    items += [ids for rows in incentive_groups(ds).values() for ids in rows["source_ids"]]
    items += list(context_milestones(ds)["source_ids"]) + list(sections["risk"]["source_ids"])
    assert len(items) == len(ds["legal_provisions"]) + len(ds["incentives"]) + len(context_milestones(ds)) + 1
    assert len(markers) == len(items)
    sources = ds["sources"].set_index("source_id")
    for ids, marker in zip(items, markers, strict=True):
        assert marker.proto.popover.label == f"Sources ({len(set(ids))})"
        inside = " ".join(el.value for el in marker.markdown)
        for sid in ids:
            assert md(sources.loc[sid, "title"]) in inside
    for at in runs:
        assert not [c.value for c in at.caption if c.value.startswith("Sources:")]  # no citation footers


def test_plot_use_matrix_equals_the_table(ds):
    at = run_tab("uses")
    # As read: st.table shows Markdown, so the cells come escaped (dashboard.safe.md).
    matrix = at.table[0].value.map(lambda cell: re.sub(r"\\(.)", r"\1", str(cell)))
    uses = ds["provision_uses"].set_index("provision_id")
    shown = uses[uses["section"] != "law"]
    assert len(matrix) == len(shown)
    prov = ds["legal_provisions"].set_index("provision_id")
    n_health = (ds["plots"]["permitted_use"] == "healthcare").sum()
    health_col = f"Healthcare (plots: {n_health})"
    research_col = next(c for c in matrix.columns if c.startswith("Research"))
    for (_, row), pid in zip(matrix.iterrows(), shown.index, strict=True):
        assert row["Provision"] == prov.loc[pid, "title_en"]
        mark = {"benefit": "✓", "condition": "●", "risk": "⚠"}[shown.loc[pid, "section"]]
        assert row[health_col] == (mark if shown.loc[pid, "healthcare"] else "—")
        assert row[research_col] == (mark if shown.loc[pid, "research"] else "—")
    assert "Mixed use" not in " ".join(matrix.columns)  # no plot has that use
    assert "not legal advice" in visible_text(at)


def test_incentives_show_an_honest_applies_answer(ds):
    at = run_tab("incentives", "ru")
    text = visible_text(at)
    inc = ds["incentives"]
    for answer, word in (("yes", "Да"), ("not_established", "Не установлено"), ("no", "Нет")):
        assert text.count(f"Применяется к операторам ММК? {word}") == (inc["applies"] == answer).sum()
    for _, row in inc.iterrows():
        assert md(row["name_ru"]) in text and md(row["conditions_ru"]) in text


def test_context_and_risks_are_the_sourced_facts(ds):
    at = run_tab("risks")
    text = visible_text(at)
    assert "25 Feb 2022** — OECD ends Russia" in text.replace("\\", "")
    assert "US sanctions on the Skolkovo Foundation" in text
    risks = provision_sections(ds)["risk"]
    assert set(risks["provision_id"]) == {"L10", "L12"}
    assert md("The law provides no tax benefits") in text


def test_a_provision_without_a_matrix_row_is_still_shown(data_dir, monkeypatch):
    replace_in(data_dir / "provision_uses.csv", "L13,condition,", "L13X,condition,")
    monkeypatch.setenv("IMC_DATA_DIR", str(data_dir))
    ds = load_dataset(data_dir)
    assert not ds.ok  # the unknown provision id is an error named by file, row and column
    assert any(f.file == "provision_uses.csv" and f.column == "provision_id" for f in ds.report.errors)


def test_on_a_phone_each_provision_names_the_plot_uses_it_matters_for(ds, monkeypatch):
    from dashboard import frame

    monkeypatch.setattr(frame, "screen_is_narrow", lambda: True)
    at = run_tab("uses")
    assert not at.table and not at.dataframe  # a table five screens wide is not read on a phone
    uses = ds["provision_uses"].set_index("provision_id")
    shown = uses[uses["section"] != "law"]
    prov = ds["legal_provisions"].set_index("provision_id")
    text = visible_text(at)
    for pid, row in shown.iterrows():
        mark = {"benefit": "✓", "condition": "●", "risk": "⚠"}[row["section"]]
        title = f"{mark} **{md(prov.loc[pid, 'title_en'])}**"
        block = next(m.value for m in at.markdown if m.value.startswith(title))
        assert ("Healthcare" in block) == bool(row["healthcare"]), block
        assert ("Research" in block) == bool(row["research"]), block
        assert md(row["reason_en"]) in text
    assert "a risk or limit" in text  # the key to the marks, on a phone too


def test_the_phone_list_marks_a_limit_as_a_limit_not_a_benefit(ds):
    from dashboard.views.legal_regime import use_list

    uses = ds["provision_uses"].set_index("provision_id")
    shown = uses[uses["section"] != "law"]
    items = use_list(ds, "en")
    assert [item["mark"] for item in items] == [
        {"benefit": "✓", "condition": "●", "risk": "⚠"}[section] for section in shown["section"]
    ]
    no_tax = next(item for item in items if item["title"] == "No tax benefits")
    assert no_tax["mark"] == "⚠"
