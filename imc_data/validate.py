"""Command line: ``python -m imc_data.validate [DATA_DIR]``.

Prints one line per finding (``FILE:ROW:COLUMN: error|warning: message``) and a
summary line. Exit status: 0 without errors, 1 with errors, 2 when the folder is
missing or unreadable. Never prints a traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    """Validate a data folder and print the findings; return the exit status."""
    args = sys.argv[1:] if argv is None else argv
    try:
        from .load import data_dir_from_env, load_dataset

        data_dir = Path(args[0]) if args else data_dir_from_env()
        if not data_dir.is_dir():
            print(f"{data_dir}: error: data folder not found (or not a folder)", file=sys.stderr)
            return 2
        try:
            next(data_dir.iterdir(), None)
        except OSError as exc:
            print(f"{data_dir}: error: cannot read the data folder ({exc.strerror})", file=sys.stderr)
            return 2
        dataset = load_dataset(data_dir)
    except Exception as exc:  # the contract: never a traceback
        print(f"error: validation could not run ({type(exc).__name__}: {exc})", file=sys.stderr)
        return 2
    for finding in dataset.report.findings:
        print(finding.format())
    status = "FAILED" if dataset.report.errors else "OK"
    print(f"{status}: {dataset.report.summary()} in {data_dir}")
    return 1 if dataset.report.errors else 0


if __name__ == "__main__":
    sys.exit(main())
