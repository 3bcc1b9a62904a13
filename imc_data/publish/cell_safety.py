"""Text that must not be published: formula-looking cells and markup.

Text is always shown as text, so markup would not run on a page; it is refused anyway
because nobody types ``<script>`` into a facility name on purpose (it is a paste accident
or an attack), and a formula-looking cell would run when the table is opened in a
spreadsheet. The rule of what is refused is :func:`imc_data.formulas.refused_on_upload`.
"""

from __future__ import annotations

import re
from pathlib import Path

from .. import csvio, schema
from ..csvio import parse_text
from ..findings import Report
from ..formulas import refused_on_upload
from ..load import load_dataset

_HTML = re.compile(r"<\s*/?\s*[A-Za-z!][^>]*>|javascript:", re.IGNORECASE)


def check_text_cells(raw: bytes, table: schema.Table, file: str, report: Report) -> None:
    """Report (as errors) formula-looking text and markup in the text cells of a CSV table."""
    parsed = parse_text(raw, file, Report())
    if parsed is None:
        return
    header, rows = parsed
    text_columns = {c.name for c in table.columns if c.kind in ("text", "url")}
    positions = {name: i for i, name in enumerate(header) if name in text_columns}
    for line, cells in rows:
        for name, pos in positions.items():
            text = cells[pos].strip()
            if not text:
                continue
            if refused_on_upload(text, name):
                start = text.lstrip("'")[:1] or "'"
                report.error(
                    file,
                    line,
                    name,
                    f"'{text[:40]}' starts with '{start}', so a spreadsheet would treat it as a formula; "
                    "reword it so it starts with a letter or digit",
                    f"«{text[:40]}» начинается с «{start}», поэтому таблица примет это за формулу; "
                    "переформулируйте так, чтобы текст начинался с буквы или цифры",
                )
            elif _HTML.search(text):
                report.error(
                    file,
                    line,
                    name,
                    f"'{text[:40]}' contains HTML or a script link; write plain text (no <tags>, no javascript:)",
                    f"«{text[:40]}» содержит HTML или ссылку-скрипт; пишите простой текст (без <тегов> и javascript:)",
                )


def validate_folder(data_dir: Path) -> Report:
    """Every check publishing runs, on a whole data folder: the loader's findings plus :func:`check_text_cells`.

    The command-line validator uses this, so a folder it passes is one the app would publish.
    """
    data_dir = Path(data_dir)
    report = load_dataset(data_dir).report
    for table in schema.TABLES.values():
        path = data_dir / table.filename
        try:
            if path.stat().st_size > csvio.MAX_BYTES:
                continue  # the loader has reported it
            raw = path.read_bytes()
        except OSError:
            continue  # the loader has reported it
        check_text_cells(raw, table, table.filename, report)
        _check_encoding_on_disk(raw, table.filename, report)
    return report


def _check_encoding_on_disk(raw: bytes, file: str, report: Report) -> None:
    """A table on disk saved as Windows-1251 is refused: there is no earlier version here to find what it lost.

    The app writes every table as UTF-8. Russian Excel's plain "CSV" is Windows-1251, which cannot hold '²' or
    '€': a file saved so has those turned into '?'. An upload finds each such cell by comparing with the version
    it was made from (candidate._check_lost_characters); a file edited on disk has nothing to compare with.
    """
    decoded = csvio.decode_text(raw, file, Report())
    if decoded is not None and decoded.encoding == "cp1251":
        report.error(
            file,
            None,
            None,
            "saved as Windows-1251 (Excel's plain 'CSV' in a Russian locale), which turns characters such as '²' "
            "or '€' into '?'. Save the table as 'CSV UTF-8', or upload it on the Data page, which names every "
            "changed cell",
            "сохранён в кодировке Windows-1251 (обычный «CSV» русского Excel), где символы вроде «²» или «€» "
            "превращаются в «?». Сохраните таблицу как «CSV UTF-8» или загрузите её на странице «О данных» — там "
            "будет видна каждая изменённая ячейка",
        )
