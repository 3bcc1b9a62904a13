"""The one loading and validation path: files in, typed frames and a report out.

``load_dataset(data_dir)`` reads every table in :data:`imc_data.schema.TABLES` and
both GeoJSON layers, checks each rule once, and returns a :class:`Dataset`. It never
raises: bad data become :class:`~imc_data.findings.Finding` s, and so does any
exception while loading (a damaged or hostile file, a bug in a check) — reported with
the file and the best location known — so the app can keep serving the last valid data.

When a table cannot be read at all (a stray quote, a missing key column), the rows of
other files that refer to it would all fail too; those follow-on errors are not listed,
and the root cause says how many were left out.
"""

from __future__ import annotations

import contextlib
import difflib
import hashlib
import os
from dataclasses import dataclass, field, replace
from pathlib import Path

import geopandas as gpd
import pandas as pd

from . import consistency, schema
from .cells import RUSSIAN_DIALECT, CellError, parse_cell
from .csvio import read_table
from .findings import Report
from .geo import read_features
from .geometry_checks import check_plot_layer

DEFAULT_DATA_DIR = Path(__file__).resolve().parent / "tables"
SITE_COLUMNS = ["feature_id", "kind", "name_en", "name_ru", "provenance", "source_ids", "as_of"]


def data_dir_from_env() -> Path:
    """The data folder: ``IMC_DATA_DIR`` if set, else the shipped tables."""
    value = os.environ.get("IMC_DATA_DIR", "").strip()
    return Path(value) if value else DEFAULT_DATA_DIR


@dataclass
class Dataset:
    """Typed tables, geometry layers and the findings of loading them."""

    tables: dict[str, pd.DataFrame]
    plots_geo: gpd.GeoDataFrame
    site_geo: gpd.GeoDataFrame
    report: Report
    data_dir: Path
    content_key: str = ""  # hash of the files' bytes: equal keys mean equal data (a cache key)

    def __getitem__(self, name: str) -> pd.DataFrame:
        # One Dataset is shared by every session (the app caches it as a resource). A shallow
        # copy costs microseconds and, with pandas' copy-on-write, a caller that adds or sets a
        # column changes its own frame, never the shared one.
        return self.tables[name].copy(deep=False)

    @property
    def ok(self) -> bool:
        """True when the data validated without errors."""
        return self.report.ok


def data_files() -> list[str]:
    """File names of every table and layer of the data folder."""
    return [t.filename for t in schema.TABLES.values()] + [g["filename"] for g in schema.GEO_LAYERS.values()]


def data_fingerprint(data_dir: Path) -> tuple:
    """Names, sizes and modification times of the data files: a cache key that changes on edit."""
    out = []
    for name in data_files():
        try:
            st = (data_dir / name).stat()
            out.append((name, st.st_size, st.st_mtime_ns))
        except OSError:
            out.append((name, None, None))
    return tuple(out)


def content_key(data_dir: Path) -> str:
    """SHA-256 over the names and bytes of every data file (missing files count as absent)."""
    digest = hashlib.sha256()
    for name in data_files():
        digest.update(name.encode())
        try:
            digest.update((data_dir / name).read_bytes())
        except OSError:
            digest.update(b"\x00missing")
    return digest.hexdigest()


def crash_text(exc: BaseException) -> tuple[str, str]:
    """The finding for an unexpected exception while checking a file (English, Russian)."""
    detail = f"{type(exc).__name__}: {str(exc)[:160]}".rstrip(": ")
    return (
        f"this file could not be checked ({detail}); nothing of it is shown to visitors until it is fixed — "
        "correct this place or restore a backup, and tell the developers",
        f"этот файл не удалось проверить ({detail}); посетители не увидят его, пока он не исправлен — исправьте "
        "это место или восстановите резервную копию и сообщите разработчикам",
    )


@contextlib.contextmanager
def guarded(report: Report, file: str, row: int | None = None, column: str | None = None):
    """Turn any exception inside the block into an error at ``file``/``row``/``column`` (the block is left)."""
    try:
        yield
    except Exception as exc:  # the promise: loading never raises, whatever the file holds
        report.error(file, row, column, *crash_text(exc))


@dataclass
class _Loading:
    """What the checks of one load share: the report and which tables could not be read."""

    report: Report
    unreadable: dict[str, str] = field(default_factory=dict)  # table name -> file name
    suppressed: dict[str, int] = field(default_factory=dict)  # file name -> follow-on errors left out

    def skip_follow_on(self, table_name: str, count: int = 1) -> bool:
        """Whether checks against ``table_name`` are follow-ons of its own error (and count them)."""
        if table_name not in self.unreadable:
            return False
        file = self.unreadable[table_name]
        self.suppressed[file] = self.suppressed.get(file, 0) + count
        return True


def load_dataset(data_dir: Path | str | None = None) -> Dataset:
    """Load and validate the data folder.

    Parameters
    ----------
    data_dir : path, optional
        Folder with the CSV and GeoJSON files; default :func:`data_dir_from_env`.

    Returns
    -------
    Dataset
        Typed frames (dates parsed, enumerations checked, geometries in EPSG:4326)
        and the report of findings. Check ``dataset.ok`` before showing the data.
        Never raises.
    """
    data_dir = Path(data_dir) if data_dir is not None else data_dir_from_env()
    try:
        return _load(data_dir)
    except Exception as exc:  # outside every per-file guard: still a finding, never an exception
        report = Report()
        report.error(data_dir.name, None, None, *crash_text(exc))
        tables = {t.name: _empty_frame(t) for t in schema.TABLES.values()}
        return Dataset(tables, _empty_geo(["plot_id"]), _empty_geo(SITE_COLUMNS), report, data_dir, "")


def _load(data_dir: Path) -> Dataset:
    loading = _Loading(Report())
    tables = {t.name: _empty_frame(t) for t in schema.TABLES.values()}
    rows_of: dict[str, list[int]] = {name: [] for name in schema.TABLES}
    site_geo, plots_geo = _empty_geo(SITE_COLUMNS), _empty_geo(["plot_id"])
    for table in schema.TABLES.values():
        with guarded(loading.report, table.filename):
            tables[table.name], rows_of[table.name] = _load_table(data_dir, table, loading)
    for table in schema.TABLES.values():
        with guarded(loading.report, table.filename):
            _check_references(table, tables, rows_of[table.name], loading)
            _check_order(table, tables[table.name], rows_of[table.name], loading.report)
    site_file, plots_file = (schema.GEO_LAYERS[k]["filename"] for k in ("site_geo", "plots_geo"))
    with guarded(loading.report, site_file):
        site_geo = _load_site(data_dir, loading.report)
    with guarded(loading.report, plots_file):
        plots_geo = _load_plots(data_dir, tables["plots"], site_geo, loading)
    with guarded(loading.report, "facts.csv"):
        _check_totals(tables, loading)
    with guarded(loading.report, data_dir.name):
        # Cross-table rules (dates, floor areas, links: imc_data.consistency), on what could be read.
        consistency.check(tables, rows_of, loading.report)
    _note_suppressed(loading)
    try:
        key = content_key(data_dir)
    except Exception as exc:  # e.g. a folder that vanished meanwhile
        loading.report.error(data_dir.name, None, None, *crash_text(exc))
        key = ""
    return Dataset(tables, plots_geo, site_geo, loading.report, data_dir, key)


def _load_table(data_dir: Path, table: schema.Table, loading: _Loading) -> tuple[pd.DataFrame, list[int]]:
    file, report = table.filename, loading.report
    parsed = read_table(data_dir / file, file, report)
    if parsed is None:
        loading.unreadable[table.name] = file
        return _empty_frame(table), []
    positions = _column_positions(parsed.header, table, report)
    if table.key not in positions:
        loading.unreadable[table.name] = file
    values: dict[str, list] = {c.name: [] for c in table.columns}
    lines: list[int] = []
    seen: dict[str, int] = {}
    decimal_comma = parsed.delimiter == ";"
    for line, cells in parsed.rows:
        row = {c.name: None for c in table.columns}
        with guarded(report, file, line):
            for col in table.columns:
                pos = positions.get(col.name)
                raw = cells[pos] if pos is not None else ""
                row[col.name] = _cell(raw, col, file, line, report, pos is not None, decimal_comma)
            _check_unique(row[table.key], table, line, seen, report)
        lines.append(line)
        for name, value in row.items():
            values[name].append(value)
    frame = pd.DataFrame({name: _typed(vals, table.column(name)) for name, vals in values.items()})
    return frame, lines


def _column_positions(header: list[str], table: schema.Table, report: Report) -> dict[str, int]:
    file = table.filename
    positions: dict[str, int] = {}
    for i, name in enumerate(header):
        if name in positions:
            report.error(
                file,
                1,
                name,
                f"column '{name}' appears twice; delete or rename one of them",
                f"столбец «{name}» встречается дважды; удалите или переименуйте один из них",
            )
        elif name in table.names:
            positions[name] = i
        elif name:
            report.warning(
                file, 1, name, f"unknown column '{name}' is ignored", f"неизвестный столбец «{name}» пропущен"
            )
    for col in table.columns:
        if col.name not in positions:
            extra = [h for h in header if h not in table.names]
            close = difflib.get_close_matches(col.name, extra, n=1, cutoff=0.6)
            if close:
                hint = f" (found '{close[0]}': rename it to '{col.name}')"
                hint_ru = f" (найден «{close[0]}»: переименуйте его в «{col.name}»)"
            else:
                hint, hint_ru = f"; add a column '{col.name}'", f"; добавьте столбец «{col.name}»"
            report.error(
                file,
                None,
                col.name,
                f"required column '{col.name}' is missing{hint}",
                f"нет обязательного столбца «{col.name}»{hint_ru}",
            )
    return positions


def _check_unique(key, table: schema.Table, line: int, seen: dict[str, int], report: Report) -> None:
    if key is None:
        return
    if key in seen:
        report.error(
            table.filename,
            line,
            table.key,
            f"duplicate {table.key} '{key}' (first on row {seen[key]}); ids must be unique",
            f"повторяющийся {table.key} «{key}» (впервые в строке {seen[key]}); идентификаторы должны быть уникальными",
        )
    else:
        seen[key] = line


def _cell(raw: str, col: schema.Column, file: str, line: int, report: Report, present: bool, decimal_comma: bool):
    text = raw.strip()
    if text != raw and text:
        report.warning(file, line, col.name, "leading or trailing spaces removed", "пробелы по краям удалены")
    if not text:
        if col.required and present:
            report.error(
                file,
                line,
                col.name,
                f"'{col.name}' is empty; fill it in ({col.meaning_en or col.kind})",
                f"«{col.name}» не заполнен; заполните ({col.meaning_ru or col.kind})",
            )
        return None
    try:
        value, warning = parse_cell(text, col, decimal_comma)
    except CellError as exc:
        report.error(file, line, col.name, exc.en, exc.ru)
        return None
    if warning and not (decimal_comma and warning in RUSSIAN_DIALECT):
        report.warning(file, line, col.name, *warning)
    return _in_range(value, col, file, line, report)


def _in_range(value, col: schema.Column, file: str, line: int, report: Report):
    if col.minimum is not None and value < col.minimum:
        report.error(
            file,
            line,
            col.name,
            f"{value:g} is negative; enter a value of at least {col.minimum:g}",
            f"{value:g} — отрицательное значение; введите не меньше {col.minimum:g}",
        )
        return None
    if col.years is not None and col.kind in ("date", "int"):
        year = value.year if col.kind == "date" else value
        lo, hi = col.years
        if not lo <= year <= hi:
            report.error(
                file,
                line,
                col.name,
                f"year {year} is outside {lo}-{hi}; check the date",
                f"год {year} вне диапазона {lo}–{hi}; проверьте дату",
            )
            return None
    return value


def _typed(values: list, col: schema.Column) -> pd.Series:
    if col.kind == "date":
        return pd.Series(pd.to_datetime(pd.Series(values, dtype=object)), dtype="datetime64[ns]")
    if col.kind == "int":
        return pd.Series(values, dtype="Int64")
    if col.kind == "float":
        return pd.Series([v if v is not None else float("nan") for v in values], dtype="float64")
    if col.kind == "bool":
        return pd.Series(values, dtype="boolean")
    if col.kind == "ids":
        return pd.Series([v if v is not None else () for v in values], dtype=object)
    return pd.Series(values, dtype=object)


def _empty_frame(table: schema.Table) -> pd.DataFrame:
    return pd.DataFrame({c.name: _typed([], c) for c in table.columns})


def _check_references(
    table: schema.Table, tables: dict[str, pd.DataFrame], lines: list[int], loading: _Loading
) -> None:
    frame = tables[table.name]
    for col in table.columns:
        if not col.ref or col.name not in frame:
            continue
        ref_table, ref_col = col.ref.split(".")
        known = set(tables[ref_table][ref_col].dropna())
        target = schema.TABLES[ref_table].filename
        for line, value in zip(lines, frame[col.name], strict=False):
            for item in value if isinstance(value, tuple) else ([value] if value is not None else []):
                if item in known or loading.skip_follow_on(ref_table):
                    continue
                loading.report.error(
                    table.filename,
                    line,
                    col.name,
                    f"'{item}' is not a {ref_col} in {target}; use an existing id or add that row first",
                    f"«{item}» нет среди {ref_col} в {target}; укажите существующий идентификатор или сначала "
                    "добавьте эту строку",
                )


def _check_order(table: schema.Table, frame: pd.DataFrame, lines: list[int], report: Report) -> None:
    for start, end in table.order_pairs:
        for line, a, b in zip(lines, frame[start], frame[end], strict=False):
            if pd.notna(a) and pd.notna(b) and b < a:
                fmt = (lambda v: v.date().isoformat()) if isinstance(a, pd.Timestamp) else str
                report.error(
                    table.filename,
                    line,
                    end,
                    f"{end} {fmt(b)} is before {start} {fmt(a)}; swap or correct them",
                    f"{end} {fmt(b)} раньше, чем {start} {fmt(a)}; поменяйте их местами или исправьте",
                )


def _load_site(data_dir: Path, report: Report) -> gpd.GeoDataFrame:
    file = schema.GEO_LAYERS["site_geo"]["filename"]
    features = read_features(data_dir / file, file, report)
    records, geoms = [], []
    for number, props, geom in features or []:
        kind = props.get("kind")
        if kind not in schema.SITE_KINDS:
            allowed = ", ".join(schema.SITE_KINDS)
            report.error(
                file,
                number,
                "kind",
                f"unknown kind '{kind}'; allowed: {allowed}",
                f"неизвестный kind «{kind}»; допустимо: {allowed}",
            )
            continue
        for name in ("feature_id", "name_en", "name_ru"):
            if not str(props.get(name) or "").strip():
                report.error(file, number, name, f"'{name}' is empty; fill it in", f"«{name}» не заполнен; заполните")
        if props.get("provenance") not in schema.PROVENANCE:
            allowed = ", ".join(schema.PROVENANCE)
            report.error(
                file,
                number,
                "provenance",
                f"provenance must be one of {allowed}",
                f"provenance должен быть одним из: {allowed}",
            )
        records.append({k: props.get(k) for k in SITE_COLUMNS})
        geoms.append(geom)
    gdf = gpd.GeoDataFrame(records, geometry=geoms, crs="EPSG:4326") if records else _empty_geo(SITE_COLUMNS)
    if features is not None and not (gdf["kind"] == "site_outline").any():
        report.error(
            file,
            None,
            "kind",
            "no feature of kind 'site_outline'; the site boundary is needed to check plots",
            "нет объекта с kind «site_outline»; граница территории нужна для проверки участков",
        )
    return gdf


def _load_plots(data_dir: Path, plots: pd.DataFrame, site: gpd.GeoDataFrame, loading: _Loading) -> gpd.GeoDataFrame:
    file = schema.GEO_LAYERS["plots_geo"]["filename"]
    features = read_features(data_dir / file, file, loading.report)
    if features is None:
        return _empty_geo(["plot_id"])
    if loading.skip_follow_on("plots", len(features)):
        return _empty_geo(["plot_id"])  # every feature would be "not a plot_id in plots.csv"
    return check_plot_layer(features, plots, site, file, loading.report)


def _empty_geo(columns: list[str]) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({c: pd.Series(dtype=object) for c in columns}, geometry=gpd.GeoSeries([], crs="EPSG:4326"))


def _check_totals(tables: dict[str, pd.DataFrame], loading: _Loading) -> None:
    report = loading.report
    if loading.skip_follow_on("facts") or loading.skip_follow_on("plots"):
        return
    facts = tables["facts"].drop_duplicates("fact_id")  # a duplicated id is reported once, at its row
    values = dict(zip(facts["fact_id"], facts["value"], strict=True))
    if schema.SITE_AREA_FACT not in values:
        report.error(
            "facts.csv",
            None,
            "fact_id",
            f"fact '{schema.SITE_AREA_FACT}' (canonical site area) is missing; add its row",
            f"нет факта «{schema.SITE_AREA_FACT}» (каноническая площадь территории); добавьте его строку",
        )
        return
    site = values[schema.SITE_AREA_FACT]
    total = tables["plots"]["area_ha"].sum()
    if pd.notna(site) and site and abs(total - site) / site > schema.TOTAL_TOLERANCE:
        report.error(
            "plots.csv",
            None,
            "area_ha",
            f"plot areas add up to {total:g} ha but the site area is {site:g} ha (allowed difference "
            f"{schema.TOTAL_TOLERANCE:.0%}); correct the plot areas",
            f"сумма площадей участков {total:g} га, а площадь территории {site:g} га (допустимое расхождение "
            f"{schema.TOTAL_TOLERANCE:.0%}); исправьте площади участков",
        )


def _note_suppressed(loading: _Loading) -> None:
    # The root cause says how many follow-on errors it hides, so nobody wonders where they went.
    findings = loading.report.findings
    for file, count in loading.suppressed.items():
        root = next((i for i, f in enumerate(findings) if f.file == file and f.severity == "error"), None)
        if root is None:
            continue
        f = findings[root]
        findings[root] = replace(
            f,
            message=f"{f.message} ({count} follow-on error(s) in files that refer to this one are not listed "
            "until it is fixed)",
            message_ru=f"{f.text('ru')} (зависимые ошибки в файлах, ссылающихся на этот, не показаны, пока он не "
            f"исправлен: {count})",
        )
