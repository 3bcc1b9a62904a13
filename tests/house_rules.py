"""What an investor must never read on a public page or in a PDF (issue 16's house rules): one home.

The browser walks, the page tests and the PDF tests all judge text with :func:`text_problems`.
"""

from __future__ import annotations

import re

# File and column names, enum values, internal notes and staff-only wording.
INTERNAL = re.compile(
    r"\.csv\b|\.geojson\b|\bsource_id\b|\bas_of\b|\bfact_id\b|\bprovenance\b|build_to_lease|in_negotiation|"
    r"under_construction|partly_completed|not_realised|research seed|team's reading|unknown publisher|"
    r"article not given|not configured|не настроен|\bvalidation\b|\bdictionary\b|\bсловарь\b",
    re.IGNORECASE,
)
# Record codes: P04 (plot), O05 (opportunity), F12 (facility), OP02 (operator), SC07. A code may stand
# as a small reference ("ref. O05", to quote in an enquiry) but never as a heading or a label.
CODE = re.compile(r"\b(?:P|O|F|OP|SC|CT)\d{2}\b")
# A number of five or more digits written without a thousands separator (27000, not 27,000 / 27 000).
BARE_NUMBER = re.compile(r"(?<![\d.,/:#])\d{5,}(?![\d/])")
# A decimal written with a point: on a Russian page it must be a comma (3,6 га).
POINT_DECIMAL = re.compile(r"(?<![\d.])\d+\.\d+(?![\d.])")
# Four or more Latin words in a row and no Cyrillic in the line: English prose on a Russian page.
LATIN_RUN = re.compile(r"(?:\b[A-Za-z][A-Za-z'’-]*[,:;]?\s+){3}[A-Za-z][A-Za-z'’-]*")
CYRILLIC = re.compile(r"[А-Яа-яЁё]")


def text_problems(text: str, lang: str) -> list[str]:
    """The house-rule breaches in ``text`` (what a visitor reads) in ``lang``, one line each."""
    problems = [f"internal wording {m!r}" for m in sorted(set(INTERNAL.findall(text)))]
    problems += [f"an unformatted number {m!r}" for m in sorted(set(BARE_NUMBER.findall(text)))]
    if lang == "ru":
        problems += [f"a decimal point on a Russian page {m!r}" for m in sorted(set(POINT_DECIMAL.findall(text)))]
        for line in text.splitlines():
            if not CYRILLIC.search(line) and LATIN_RUN.search(line):
                problems.append(f"English on a Russian page {line.strip()[:80]!r}")
    return problems


def heading_problems(headings: list[str]) -> list[str]:
    """Record codes in what a visitor reads first: headings, card titles, labels."""
    return [f"a record code in a heading {h.strip()[:60]!r}" for h in headings if CODE.search(h)]
