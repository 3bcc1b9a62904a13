"""The Timeline page as an investor uses it: filters, deep links, language, click → plot."""

from __future__ import annotations

from dashboard.figures import gantt

from .apptest_helpers import hidden_keys, run_app, visible_text
from .gantt_html import read_chart

PAGE = "pages/2_timeline.py"
DRAWN = 21  # facilities with a date or a stage (Villa Stuart has neither)


def charts(at) -> list[str]:
    """The Gantt charts on the page (HTML in a Markdown element)."""
    return [el.value for el in at.markdown if 'class="imc-gantt"' in el.value]


def chart(at):
    """The chart as a visitor sees it: the page's filter style sheet applied."""
    (markup,) = charts(at)
    return read_chart(markup, "".join(h.proto.body for h in at.get("html") if ".imc-gantt" in h.proto.body))


def bars(at) -> set[str]:
    """Facility ids of the status bars in the chart."""
    return chart(at).facilities()


def param(at, key: str) -> list[str]:
    """A query parameter of the page's address as a list (AppTest keeps a single value as a string)."""
    value = at.query_params.get(key, [])
    return [value] if isinstance(value, str) else list(value)


def roles(at) -> set[str]:
    return {m.role for m in chart(at).marks}


def test_default_view_shows_every_facility():
    at = run_app(page=PAGE)
    assert at.title[0].value == "Timeline: what is built and what comes next"
    assert len(bars(at)) == DRAWN
    assert "22 of 22 facilities shown" in visible_text(at)
    assert "click it to open its plot on the site map" in visible_text(at)
    # Two lists of sources with different counts: each says what it covers.
    assert "Sources of the counts above, for all facilities" in visible_text(at)
    assert "Sources of every facility and milestone on the timeline" in visible_text(at)


def test_filters_change_the_bar_count_and_the_address():
    at = run_app(page=PAGE)
    at.multiselect(key="url_status_en").set_value(["operating"]).run()
    assert bars(at) == {"F01", "F02"}
    assert param(at, "status") == ["operating"]
    assert "2 of 22 facilities shown" in visible_text(at)
    at.multiselect(key="url_status_en").set_value([]).run()
    at.multiselect(key="url_stage_en").set_value(["S2"]).run()
    assert bars(at) == {"F05", "F18", "F19", "F20", "F21", "F22"}
    assert param(at, "status") == [] and param(at, "stage") == ["S2"]
    at.multiselect(key="url_kind_en").set_value(["hospital"]).run()
    assert bars(at) == {"F05"}
    at.multiselect(key="url_operator_en").set_value(["OP18"]).run()
    assert "No facility matches these filters" in at.info[0].value
    assert "imc-timeline-chart" in hidden_keys(at)


def test_a_deep_link_restores_the_filters_and_ignores_unknown_values():
    at = run_app(page=PAGE, stage=["S1", "bogus"], status="planned")
    assert at.multiselect(key="url_stage_en").value == ["S1"]
    assert bars(at) == {"F14", "F15", "F16", "F17"}


def test_filters_survive_a_language_switch():
    at = run_app(page=PAGE, stage="S2")
    at.segmented_control(key="lang_switch").set_value("ru").run()
    assert param(at, "lang") == ["ru"] and param(at, "stage") == ["S2"]
    assert at.multiselect(key="url_stage_ru").value == ["S2"]
    assert "Этап 2" in at.multiselect(key="url_stage_ru").options  # the chip is drawn in Russian too
    assert len(bars(at)) == 6
    assert at.title[0].value == "Хронология: что построено и что впереди"


def test_milestones_can_be_hidden_and_the_choice_is_in_the_address():
    at = run_app(page=PAGE)
    assert gantt.ROLE_MILESTONE in roles(at)
    at.toggle(key="url_milestones").set_value(False).run()
    assert gantt.ROLE_MILESTONE not in roles(at)
    assert len(bars(at)) == DRAWN
    at = run_app(page=PAGE, milestones="false")
    assert at.toggle(key="url_milestones").value is False
    assert gantt.ROLE_MILESTONE not in roles(at)


def test_russian_labels():
    at = run_app(page=PAGE, lang="ru")
    assert at.title[0].value == "Хронология: что построено и что впереди"
    assert [m.label for m in at.multiselect] == ["Этап", "Тип объекта", "Статус", "Оператор"]
    assert at.toggle(key="url_milestones").label == "События"
    text = visible_text(at)
    assert "Показано объектов: 22 из 22" in text and "Как читать диаграмму" in text
    assert "Источники чисел выше — по всем объектам" in text and "Источники всех объектов и событий хронологии" in text
    drawn = chart(at)
    for legend in ("Первый план (контур)", "Работает", "Объявлено, не подтверждено", "Событие"):
        assert legend in drawn.text
    for english in ("Timeline", "Stage", "facilities shown", "How to read", "click a bar"):
        assert english not in text
    tooltips = " ".join(m.title for m in drawn.marks)
    for english in ("First plan", "Programme milestones", "Status:", "Sources:"):
        assert english not in drawn.text and english not in tooltips


def test_a_bar_links_to_its_plot_in_the_same_language():
    drawn = chart(run_app(page=PAGE, lang="ru", status="operating"))
    links = {m.attrs["data-facility"]: m for m in drawn.role(gantt.ROLE_STATUS)}
    assert links["F02"].tag == "a" and links["F02"].attrs["href"] == "site_map?plot=P02&lang=ru"
    assert links["F02"].attrs["target"] == "_self"
    assert links["F02"].attrs["aria-label"].startswith("Открыть участок 2 на карте")
    assert "Статус: Работает" in links["F02"].title  # the details are in the tooltip, in Russian
    english = chart(run_app(page=PAGE, status="operating")).role(gantt.ROLE_STATUS)
    assert {m.attrs["href"] for m in english} == {"site_map?plot=P01", "site_map?plot=P02"}


def test_a_facility_without_dates_or_plot_is_named_and_links_nowhere():
    drawn = chart(run_app(page=PAGE))
    assert "F13" not in drawn.facilities()
    assert not [m for m in drawn.marks if m.tag == "a" and m.attrs.get("data-facility") == "F13"]
    labels = [m.text for m in drawn.role(gantt.ROLE_LABEL)]
    assert "Announced, status unconfirmed: no dates, stage or plot published" in labels


def test_a_first_load_writes_nothing_into_the_address():
    """Defaults stay out of the URL: a first load never rewrites the address (which would cost a second run)."""
    at = run_app(page=PAGE)
    assert not any(param(at, key) for key in ("stage", "kind", "status", "operator", "milestones"))
    at = run_app(page=PAGE, milestones="true", status="Operating")  # a label and a default, as typed by hand
    assert param(at, "milestones") == [] and param(at, "status") == ["operating"]
