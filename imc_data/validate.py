"""Command line: ``python -m imc_data.validate [--lang ru] [DATA_DIR]``.

Runs every check publishing runs (:func:`imc_data.publish.validate_folder`: the loader,
formula-looking text and markup) and prints one line per finding
(``FILE:ROW:COLUMN: error|warning: message``, in Russian with ``--lang ru``) and a summary
line. Exit status: 0 without errors, 1 with errors, 2 when the folder is missing or
unreadable. Never prints a traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

TEXT = {
    "missing": ("data folder not found (or not a folder)", "папка данных не найдена (или это не папка)"),
    "unreadable": ("cannot read the data folder", "не удаётся прочитать папку данных"),
    "crashed": ("validation could not run", "проверку не удалось выполнить"),
    "error": ("error", "ошибка"),
    "ok": ("OK", "ГОТОВО"),
    "failed": ("FAILED", "ЕСТЬ ОШИБКИ"),
    "in": ("in", "в папке"),
}


def _t(key: str, lang: str) -> str:
    return TEXT[key][1 if lang == "ru" else 0]


def main(argv: list[str] | None = None) -> int:
    """Validate a data folder and print the findings; return the exit status."""
    parser = argparse.ArgumentParser(prog="python -m imc_data.validate", description=__doc__.split("\n\n")[0])
    parser.add_argument("data_dir", nargs="?", help="data folder (default: IMC_DATA_DIR or the shipped tables)")
    parser.add_argument("--lang", choices=("en", "ru"), default="en", help="language of the messages")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    lang = args.lang
    try:
        from .load import data_dir_from_env
        from .publish import validate_folder

        data_dir = Path(args.data_dir) if args.data_dir else data_dir_from_env()
        if not data_dir.is_dir():
            print(f"{data_dir}: {_t('error', lang)}: {_t('missing', lang)}", file=sys.stderr)
            return 2
        try:
            next(data_dir.iterdir(), None)
        except OSError as exc:
            print(f"{data_dir}: {_t('error', lang)}: {_t('unreadable', lang)} ({exc.strerror})", file=sys.stderr)
            return 2
        report = validate_folder(data_dir)
    except Exception as exc:  # the contract: never a traceback
        print(f"{_t('error', lang)}: {_t('crashed', lang)} ({type(exc).__name__}: {exc})", file=sys.stderr)
        return 2
    for finding in report.findings:
        print(finding.format(lang))
    status = _t("failed", lang) if report.errors else _t("ok", lang)
    print(f"{status}: {report.summary(lang)} {_t('in', lang)} {data_dir}")
    return 1 if report.errors else 0


if __name__ == "__main__":
    sys.exit(main())
