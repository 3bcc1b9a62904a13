"""Reading the Timeline chart (HTML) back, as a browser would: its marks by role and the text a reader sees."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {"br", "img", "hr", "input", "meta", "link"}


@dataclass
class Mark:
    """An element of the chart with a ``data-role``: its tag, attributes and visible text."""

    tag: str
    attrs: dict[str, str]
    text: str = ""

    @property
    def role(self) -> str:
        return self.attrs.get("data-role", "")

    @property
    def title(self) -> str:
        """The tooltip, as the browser shows it (entities decoded, one line per line)."""
        return self.attrs.get("title", "")


@dataclass
class Chart:
    marks: list[Mark] = field(default_factory=list)
    text: str = ""  # every visible text of the chart, in order, tooltips excluded

    def role(self, role: str) -> list[Mark]:
        return [m for m in self.marks if m.role == role]

    def facilities(self, role: str = "status") -> set[str]:
        return {m.attrs["data-facility"] for m in self.role(role)}


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chart = Chart()
        self.open: list[Mark | None] = []
        self.texts: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = {k: v or "" for k, v in attrs}
        if tag == "br":
            self.handle_data(" ")
            return
        if tag in VOID:
            return
        mark = Mark(tag, values) if "data-role" in values else None
        if mark:
            self.chart.marks.append(mark)
        self.open.append(mark)

    def handle_endtag(self, tag):
        if tag not in VOID and self.open:
            self.open.pop()

    def handle_data(self, data):
        self.texts.append(data)
        for mark in self.open:
            if mark is not None:
                mark.text += data


def read_chart(markup: str) -> Chart:
    """The chart in ``markup`` (the HTML :func:`dashboard.figures.gantt.build_gantt` returns)."""
    reader = _Reader()
    reader.feed(markup)
    reader.close()
    reader.chart.text = html.unescape("".join(reader.texts))
    return reader.chart
