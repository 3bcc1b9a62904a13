"""The one loading and validation path: files in, typed frames and a report out.

``load_dataset(data_dir)`` reads every table in :data:`imc_data.schema.TABLES` and
both GeoJSON layers, checks each rule once, and returns a :class:`Dataset`. It never
raises for bad data: every problem becomes a :class:`~imc_data.findings.Finding`.
"""

from __future__ import annotations

import difflib
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd
from shapely.strtree import STRtree

from . import consistency, schema
from .cells import CellError, parse_cell
from .csvio import read_rows
from .findings import Report
from .geo import read_features, swapped

DEFAULT_DATA_DIR = Path(__file__).resolve().parent / "tables"


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


def data_fingerprint(data_dir: Path) -> tuple:
    """Names, sizes and modification times of the data files: a cache key that changes on edit."""
    files = [t.filename for t in schema.TABLES.values()] + [g["filename"] for g in schema.GEO_LAYERS.values()]
    out = []
    for name in files:
        try:
            st = (data_dir / name).stat()
            out.append((name, st.st_size, st.st_mtime_ns))
        except OSError:
            out.append((name, None, None))
    return tuple(out)


def content_key(data_dir: Path) -> str:
    """SHA-256 over the names and bytes of every data file (missing files count as absent)."""
    digest = hashlib.sha256()
    files = [t.filename for t in schema.TABLES.values()] + [g["filename"] for g in schema.GEO_LAYERS.values()]
    for name in files:
        digest.update(name.encode())
        try:
            digest.update((data_dir / name).read_bytes())
        except OSError:
            digest.update(b"\x00missing")
    return digest.hexdigest()


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
    """
    data_dir = Path(data_dir) if data_dir is not None else data_dir_from_env()
    report = Report()
    tables: dict[str, pd.DataFrame] = {}
    rows_of: dict[str, list[int]] = {}
    for table in schema.TABLES.values():
        frame, lines = _load_table(data_dir, table, report)
        tables[table.name] = frame
        rows_of[table.name] = lines
    for table in schema.TABLES.values():
        _check_references(table, tables, rows_of[table.name], report)
        _check_order(table, tables[table.name], rows_of[table.name], report)
    site_geo = _load_site(data_dir, report)
    plots_geo = _load_plots(data_dir, tables["plots"], site_geo, report)
    _check_totals(tables, report)
    consistency.check(tables, rows_of, report)  # cross-table rules: dates, floor areas, links (imc_data.consistency)
    return Dataset(tables, plots_geo, site_geo, report, data_dir, content_key(data_dir))


def _load_table(data_dir: Path, table: schema.Table, report: Report) -> tuple[pd.DataFrame, list[int]]:
    file = table.filename
    empty = _empty_frame(table)
    parsed = read_rows(data_dir / file, file, report)
    if parsed is None:
        return empty, []
    header, rows = parsed
    positions: dict[str, int] = {}
    for i, name in enumerate(header):
        if name in positions:
            report.error(file, 1, name, f"column '{name}' appears twice; delete or rename one of them")
        elif name in table.names:
            positions[name] = i
        elif name:
            report.warning(file, 1, name, f"unknown column '{name}' is ignored")
    for col in table.columns:
        if col.name not in positions:
            extra = [h for h in header if h not in table.names]
            close = difflib.get_close_matches(col.name, extra, n=1, cutoff=0.6)
            hint = f" (found '{close[0]}': rename it to '{col.name}')" if close else f"; add a column '{col.name}'"
            report.error(file, None, col.name, f"required column '{col.name}' is missing{hint}")

    values: dict[str, list] = {c.name: [] for c in table.columns}
    lines: list[int] = []
    seen: dict[str, int] = {}
    for line, cells in rows:
        lines.append(line)
        for col in table.columns:
            pos = positions.get(col.name)
            raw = cells[pos] if pos is not None else ""
            values[col.name].append(_cell(raw, col, file, line, report, pos is not None))
        key = values[table.key][-1]
        if key is not None:
            if key in seen:
                report.error(
                    file,
                    line,
                    table.key,
                    f"duplicate {table.key} '{key}' (first on row {seen[key]}); ids must be unique",
                )
            else:
                seen[key] = line
    frame = pd.DataFrame({name: _typed(vals, table.column(name)) for name, vals in values.items()})
    return frame, lines


def _cell(raw: str, col: schema.Column, file: str, line: int, report: Report, present: bool):
    text = raw.strip()
    if text != raw and text:
        report.warning(file, line, col.name, "leading or trailing spaces removed")
    if not text:
        if col.required and present:
            report.error(file, line, col.name, f"'{col.name}' is empty; fill it in ({col.meaning_en or col.kind})")
        return None
    try:
        value, warning = parse_cell(text, col)
    except CellError as exc:
        report.error(file, line, col.name, str(exc))
        return None
    if warning:
        report.warning(file, line, col.name, warning)
    if col.minimum is not None and value < col.minimum:
        report.error(file, line, col.name, f"{value:g} is negative; enter a value of at least {col.minimum:g}")
        return None
    if col.years is not None and col.kind in ("date", "int"):
        year = value.year if col.kind == "date" else value
        lo, hi = col.years
        if not lo <= year <= hi:
            report.error(file, line, col.name, f"year {year} is outside {lo}-{hi}; check the date")
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


def _check_references(table: schema.Table, tables: dict[str, pd.DataFrame], lines: list[int], report: Report) -> None:
    frame = tables[table.name]
    for col in table.columns:
        if not col.ref or col.name not in frame:
            continue
        ref_table, ref_col = col.ref.split(".")
        known = set(tables[ref_table][ref_col].dropna())
        target = schema.TABLES[ref_table].filename
        for line, value in zip(lines, frame[col.name], strict=False):
            for item in value if isinstance(value, tuple) else ([value] if value is not None else []):
                if item not in known:
                    report.error(
                        table.filename,
                        line,
                        col.name,
                        f"'{item}' is not a {ref_col} in {target}; use an existing id or add that row first",
                    )


def _check_order(table: schema.Table, frame: pd.DataFrame, lines: list[int], report: Report) -> None:
    for start, end in table.order_pairs:
        for line, a, b in zip(lines, frame[start], frame[end], strict=False):
            if pd.notna(a) and pd.notna(b) and b < a:
                fmt = (lambda v: v.date().isoformat()) if isinstance(a, pd.Timestamp) else str
                report.error(
                    table.filename, line, end, f"{end} {fmt(b)} is before {start} {fmt(a)}; swap or correct them"
                )


def _load_site(data_dir: Path, report: Report) -> gpd.GeoDataFrame:
    file = schema.GEO_LAYERS["site_geo"]["filename"]
    features = read_features(data_dir / file, file, report) or []
    records, geoms = [], []
    for number, props, geom in features:
        kind = props.get("kind")
        if kind not in schema.SITE_KINDS:
            report.error(file, number, "kind", f"unknown kind '{kind}'; allowed: {', '.join(schema.SITE_KINDS)}")
            continue
        for name in ("feature_id", "name_en", "name_ru"):
            if not str(props.get(name) or "").strip():
                report.error(file, number, name, f"'{name}' is empty; fill it in")
        if props.get("provenance") not in schema.PROVENANCE:
            report.error(file, number, "provenance", f"provenance must be one of {', '.join(schema.PROVENANCE)}")
        records.append(
            {k: props.get(k) for k in ("feature_id", "kind", "name_en", "name_ru", "provenance", "source_ids", "as_of")}
        )
        geoms.append(geom)
    gdf = (
        gpd.GeoDataFrame(records, geometry=geoms, crs="EPSG:4326")
        if records
        else _empty_geo(["feature_id", "kind", "name_en", "name_ru", "provenance", "source_ids", "as_of"])
    )
    if features is not None and not (gdf["kind"] == "site_outline").any() and (data_dir / file).exists():
        report.error(
            file, None, "kind", "no feature of kind 'site_outline'; the site boundary is needed to check plots"
        )
    return gdf


def _load_plots(data_dir: Path, plots: pd.DataFrame, site: gpd.GeoDataFrame, report: Report) -> gpd.GeoDataFrame:
    file = schema.GEO_LAYERS["plots_geo"]["filename"]
    features = read_features(data_dir / file, file, report) or []
    outline = site.loc[site["kind"] == "site_outline", "geometry"]
    boundary = outline.iloc[0] if len(outline) else None
    stated = dict(zip(plots["plot_id"], plots["area_ha"], strict=False))
    records, geoms, numbers = [], [], []
    seen: dict[str, int] = {}
    for number, props, geom in features:
        pid = str(props.get("plot_id") or "").strip()
        if not pid:
            report.error(file, number, "plot_id", "feature has no plot_id; add the id of its row in plots.csv")
            continue
        if pid in seen:
            report.error(file, number, "plot_id", f"duplicate plot_id '{pid}' (first in feature {seen[pid]})")
            continue
        seen[pid] = number
        if pid not in stated:
            report.error(file, number, "plot_id", f"'{pid}' is not a plot_id in plots.csv; add the row or fix the id")
            continue
        if geom.geom_type != "Polygon":
            report.error(file, number, "geometry", f"plot geometry must be a Polygon, not {geom.geom_type}")
            continue
        if boundary is not None and not geom.within(boundary.buffer(1e-6)):
            if swapped(geom).within(boundary.buffer(1e-6)):
                msg = "longitude and latitude look swapped; GeoJSON order is [longitude, latitude]"
            else:
                msg = "plot lies (partly) outside the site outline in site.geojson; move or redraw it"
            report.error(file, number, "geometry", msg)
            continue
        records.append({"plot_id": pid})
        geoms.append(geom)
        numbers.append(number)
    gdf = gpd.GeoDataFrame(records, geometry=geoms, crs="EPSG:4326") if records else _empty_geo(["plot_id"])
    if not len(gdf):
        return gdf
    metric = gdf.to_crs(schema.METRIC_CRS)
    tree = STRtree(list(metric.geometry))
    for i, j in zip(*tree.query(list(metric.geometry), predicate="intersects"), strict=False):
        if i < j and metric.geometry.iloc[i].intersection(metric.geometry.iloc[j]).area > 1.0:
            report.error(
                file,
                numbers[j],
                "geometry",
                f"plot {gdf.plot_id.iloc[j]} overlaps plot {gdf.plot_id.iloc[i]} (feature {numbers[i]}); plots must not overlap",
            )
    for k, (pid, area_m2) in enumerate(zip(gdf["plot_id"], metric.area, strict=False)):
        want = stated.get(pid)
        if want is not None and pd.notna(want) and want > 0:
            got = area_m2 / 10_000
            if abs(got - want) / want > schema.AREA_TOLERANCE:
                report.error(
                    file,
                    numbers[k],
                    "geometry",
                    f"polygon area {got:.2f} ha differs from area_ha {want:g} in plots.csv by more than "
                    f"{schema.AREA_TOLERANCE:.0%}; redraw the polygon or correct area_ha",
                )
    missing = sorted(set(plots["plot_id"].dropna()) - set(gdf["plot_id"]) - set(seen))
    for pid in missing:
        report.error(file, None, "plot_id", f"plot '{pid}' of plots.csv has no polygon; add a feature for it")
    return gdf


def _empty_geo(columns: list[str]) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({c: pd.Series(dtype=object) for c in columns}, geometry=gpd.GeoSeries([], crs="EPSG:4326"))


def _check_totals(tables: dict[str, pd.DataFrame], report: Report) -> None:
    facts = tables["facts"].set_index("fact_id")["value"] if len(tables["facts"]) else pd.Series(dtype=float)
    if schema.SITE_AREA_FACT not in facts.index:
        report.error("facts.csv", None, "fact_id", f"fact '{schema.SITE_AREA_FACT}' (canonical site area) is missing")
        return
    site = facts[schema.SITE_AREA_FACT]
    total = tables["plots"]["area_ha"].sum()
    if site and abs(total - site) / site > schema.TOTAL_TOLERANCE:
        report.error(
            "plots.csv",
            None,
            "area_ha",
            f"plot areas add up to {total:g} ha but the site area is {site:g} ha (allowed difference "
            f"{schema.TOTAL_TOLERANCE:.0%}); correct the plot areas",
        )
