"""Reading the Timeline chart (HTML) back, as a browser would: its marks by role and the text a reader sees."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from .style_sheets import rules

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


HIDDEN = object()  # an open element a style sheet hides


def hidden_attributes(style: str) -> set[tuple[str, str]]:
    """The ``(attribute, value)`` pairs whose elements ``style`` hides: rules ``.imc-gantt [a="v"]{display:none}``."""
    hidden = set()
    for selectors, body in rules(style):
        if body == "display:none":
            for selector in selectors:
                match = re.fullmatch(r'\.imc-gantt \[([\w-]+)="([^"]*)"\]', selector)
                assert match, f"a rule the reader does not understand: {selector!r}"
                value = re.sub(r"\\([0-9a-fA-F]{1,6}) ?", lambda m: chr(int(m[1], 16)), match[2])  # CSS escapes
                hidden.add((match[1], value))
    return hidden


class _Reader(HTMLParser):
    def __init__(self, hidden: set[tuple[str, str]]) -> None:
        super().__init__(convert_charrefs=True)
        self.chart = Chart()
        self.open: list[object] = []
        self.texts: list[str] = []
        self.hidden = hidden

    def handle_starttag(self, tag, attrs):
        values = {k: v or "" for k, v in attrs}
        if tag == "br":
            self.handle_data(" ")
            return
        if tag in VOID:
            return
        if HIDDEN in self.open or any(values.get(name) == value for name, value in self.hidden):
            self.open.append(HIDDEN)
            return
        mark = Mark(tag, values) if "data-role" in values else None
        if mark:
            self.chart.marks.append(mark)
        self.open.append(mark)

    def handle_endtag(self, tag):
        if tag not in VOID and self.open:
            self.open.pop()

    def handle_data(self, data):
        if HIDDEN in self.open:
            return
        self.texts.append(data)
        for mark in self.open:
            if isinstance(mark, Mark):
                mark.text += data


def read_chart(markup: str, style: str = "") -> Chart:
    """The chart in ``markup`` (the HTML :func:`dashboard.figures.gantt.build_gantt` returns) as a reader sees
    it under the style sheet ``style`` (e.g. :func:`dashboard.figures.gantt.filter_style`'s): hidden elements and
    their text left out."""
    reader = _Reader(hidden_attributes(style))
    reader.feed(markup)
    reader.close()
    reader.chart.text = html.unescape("".join(reader.texts))
    return reader.chart
