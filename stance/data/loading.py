"""Load the shipped tables, list them, and verify them against their checksums.

Examples
--------
>>> import stance
>>> actors = stance.load("actors")
>>> actors.set_index("actor_id").loc["KAZ", "name"]
'Kazakhstan'
>>> "codings" in set(stance.datasets()["name"])
True
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from stance.data._paths import data_dir
from stance.errors import DataIntegrityError, StanceError, UnknownDatasetError


@lru_cache(maxsize=4)
def _package(root: Path) -> dict[str, Any]:
    path = root / "datapackage.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise StanceError(f"{path} not found.", remedy="Reinstall stance-coding, or run `stance build` in a checkout.") from None


def datapackage() -> dict[str, Any]:
    """The parsed ``datapackage.json`` of the shipped data (versions, resources, licences)."""
    return _package(data_dir())


def data_version() -> str:
    """Version of the shipped data (distinct from the package version)."""
    return str(datapackage()["version"])


def _resource(name: str) -> dict[str, Any]:
    resources = {r["name"]: r for r in datapackage()["resources"]}
    if name not in resources:
        raise UnknownDatasetError(f"Unknown dataset {name!r}.", remedy=f"Use one of: {', '.join(resources)} (`stance info` lists them).")
    return resources[name]


def path(name: str) -> Path:
    """Path of the Parquet file of dataset ``name``."""
    return data_dir() / _resource(name)["path"]


def load(name: str, columns: list[str] | None = None) -> pd.DataFrame:
    """Load a shipped table as a pandas DataFrame with the schema's dtypes.

    Parameters
    ----------
    name : str
        Dataset name (``stance.datasets()`` lists them), e.g. ``"stances"``.
    columns : list of str, optional
        Read only these columns.

    Returns
    -------
    DataFrame
        Strings as ``string``, integers as ``Int64``, dates as
        ``datetime64[ns]``, categories (stance, confidence, ...) as
        categoricals in codebook order.

    Examples
    --------
    >>> import stance
    >>> stance.load("events")["event_id"].is_unique
    True
    """
    from stance.data.parquet_io import read_parquet

    return read_parquet(path(name), columns=columns)


def datasets() -> pd.DataFrame:
    """Table of the shipped datasets: name, description, rows, data version, licence.

    Examples
    --------
    >>> import stance
    >>> list(stance.datasets().columns)
    ['name', 'description', 'rows', 'data_version', 'license']
    """
    pkg = datapackage()
    return pd.DataFrame(
        [{"name": r["name"], "description": r["description"], "rows": r["rows"], "data_version": pkg["version"], "license": ", ".join(r["licenses"])} for r in pkg["resources"]]
    )


def verify(raise_on_error: bool = True) -> pd.DataFrame:
    """Check every shipped file against its recorded sha256 and row count.

    Returns
    -------
    DataFrame
        One row per dataset: ``name, path, ok, problem``.

    Raises
    ------
    DataIntegrityError
        When ``raise_on_error`` and a file is missing or differs; the
        message names the file.
    """
    import pyarrow.parquet as pq

    root = data_dir()
    rows = []
    for res in datapackage()["resources"]:
        file = root / res["path"]
        problem = ""
        if not file.is_file():
            problem = "file is missing"
        else:
            digest = hashlib.sha256(file.read_bytes()).hexdigest()
            if f"sha256:{digest}" != res["hash"]:
                problem = f"sha256 {digest[:12]}... differs from the recorded {res['hash'][7:19]}..."
            else:
                n = pq.ParquetFile(str(file)).metadata.num_rows
                if n != res["rows"]:
                    problem = f"{n} rows, {res['rows']} recorded"
        rows.append({"name": res["name"], "path": str(file), "ok": not problem, "problem": problem})
    report = pd.DataFrame(rows)
    bad = report[~report["ok"]]
    if raise_on_error and len(bad):
        first = bad.iloc[0]
        others = f" (and {len(bad) - 1} more)" if len(bad) > 1 else ""
        raise DataIntegrityError(f"{first['path']}: {first['problem']}{others}.",
                                 remedy="Reinstall stance-coding (pip install --force-reinstall stance-coding), or rebuild with `stance build` in a checkout.")
    return report
