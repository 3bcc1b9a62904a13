"""The README and docs/ pages: links resolve, section references in the code exist, quick starts name real buttons."""

from __future__ import annotations

import re
import subprocess

import pytest

from dashboard.i18n import catalog

from .conftest import ROOT

PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
LINK = re.compile(r"\]\(([^)\s]+)\)")
HEADING = re.compile(r"(?m)^#{1,6} (.+)$")
FENCE = re.compile(r"```.*?```", re.S)


def _prose(path) -> str:
    """The page without its code blocks (a ``#`` in a shell block is no heading, a ``](`` no link)."""
    return FENCE.sub("", path.read_text(encoding="utf-8"))


def _anchor(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading.strip().lower())
    return re.sub(r"[^\w\- ]", "", text.replace("`", "")).replace(" ", "-")


def _headings(path) -> list[str]:
    return [h.strip() for h in HEADING.findall(_prose(path))]


def _section(path, title: str) -> str:
    """The text of one ``## title`` section."""
    return _prose(path).split(f"## {title}\n", 1)[1].split("\n## ", 1)[0]


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_every_link_between_the_pages_resolves(page):
    broken = []
    for target in LINK.findall(_prose(page)):
        if re.match(r"[a-z]+:", target):  # http(s), mailto: not checked here (the pages work offline)
            continue
        path, _, fragment = target.partition("#")
        destination = (page.parent / path).resolve() if path else page
        if not destination.exists():
            broken.append(f"{target}: no such file")
        elif fragment and destination.suffix == ".md" and fragment not in map(_anchor, _headings(destination)):
            broken.append(f"{target}: no such heading")
    assert broken == []


def test_references_to_a_docs_section_name_an_existing_heading():
    # Comments, docstrings and staff notices send operators to 'docs/operations.md "Enquiry limits"'.
    files = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    reference = re.compile(r"(docs/[\w-]+\.md),? [\"“«]([^\"”»]+)[\"”»]")
    missing = []
    for name in files:
        path = ROOT / name
        if path.suffix not in {".py", ".toml", ".yaml", ".conf", ".example", ".md", ""} or not path.is_file():
            continue
        for page, title in reference.findall(path.read_text(encoding="utf-8", errors="ignore")):
            target = ROOT / page
            if not target.exists() or not any(h == title or h.startswith(title) for h in _headings(target)):
                missing.append(f"{name}: {page} “{title}”")
    assert missing == []


@pytest.mark.parametrize("section", ["Presenter quick start", "Staff: change one number"])
def test_the_quick_starts_name_buttons_the_app_shows(section):
    # The README's recipes are followed by people looking for these words on screen, in English or Russian.
    shown = {text for pair in catalog().values() for text in pair}
    named = re.findall(r"\*\*([^*]+)\*\*", _section(ROOT / "README.md", section))
    keys = {"→", "←"}
    assert named, section
    assert [n for n in named if n not in shown and n not in keys] == []


def test_the_readme_tells_where_the_app_is_and_how_to_present():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "http://localhost:8501" in readme and "opens on" not in readme  # headless: nothing opens by itself
    assert "?present=1" in _section(ROOT / "README.md", "Presenter quick start")
