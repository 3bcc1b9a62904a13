"""A data folder whose every free-text cell is an injection attempt (issue 8, injection safety).

``python -m tests.injection_data OUT_DIR`` writes it; the browser suite builds it in a temporary
folder. Every ``text`` column of every table (see :data:`imc_data.schema.TABLES`) gets one of
:data:`PAYLOADS` in turn; ids, numbers, dates, choices and URLs stay valid, so the folder still
validates and every page renders it — as literal text, never as HTML, links or formulas.
"""

from __future__ import annotations

import csv
import io
import shutil
import sys
from pathlib import Path

from imc_data.schema import TABLES

TABLES_DIR = Path(__file__).resolve().parents[1] / "imc_data" / "tables"

PAYLOADS = (
    "<img src=x onerror=alert(1)>",
    "<script>alert(2)</script>",
    "[click me](javascript:alert(3))",
    '=HYPERLINK("http://evil.example/","x")',
    '<a href="javascript:alert(4)">link</a> **bold** $x^2$',
)


# Text columns that steer the app rather than being shown: presenter scenes point at pages, and a
# conflict row points at the table, records and columns it documents (the cross-table rules read them).
STRUCTURAL = {
    ("scenes", "page"),
    ("scenes", "params"),
    ("conflicts", "table"),
    ("conflicts", "record_ids"),
    ("conflicts", "columns"),
}


def text_columns(table_name: str) -> list[str]:
    """The free-text columns of a table (the ones staff type prose into)."""
    table = TABLES[table_name]
    return [
        c.name
        for c in table.columns
        if c.kind == "text" and c.name != table.key and (table_name, c.name) not in STRUCTURAL
    ]


def make_injection_dataset(target: Path) -> Path:
    """Copy the shipped tables to ``target`` with every free-text cell replaced by a payload.

    Returns
    -------
    pathlib.Path
        ``target``.
    """
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(TABLES_DIR, target)
    turn = 0
    for name, table in TABLES.items():
        path = target / table.filename
        columns = text_columns(name)
        if not columns or not path.exists():
            continue
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            fields = reader.fieldnames or []
            rows = list(reader)
        for row in rows:
            for column in columns:
                if column in row and (row[column] or "").strip():
                    row[column] = PAYLOADS[turn % len(PAYLOADS)]
                    turn += 1
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        path.write_text(out.getvalue(), encoding="utf-8")
    return target


if __name__ == "__main__":
    print(make_injection_dataset(Path(sys.argv[1])))
