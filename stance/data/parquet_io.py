"""Deterministic Parquet writing and dtype-faithful reading.

Writing: the DataFrame is converted to an explicit Arrow schema (strings,
int64, date32, dictionary-encoded categoricals that keep their full category
list and order), pandas' own metadata is dropped (it embeds the pandas
version), and the file is written with fixed options, so the same table gives
the same bytes with the same pyarrow version.

Reading: Arrow strings become ``string``, int64 becomes ``Int64``, date32
becomes ``datetime64[ns]`` and dictionaries become categoricals with the
stored categories and order.

Examples
--------
>>> import pandas as pd, tempfile, pathlib
>>> from stance.data.parquet_io import write_parquet, read_parquet
>>> df = pd.DataFrame({"a": pd.array(["x", None], dtype="string"),
...                    "n": pd.array([1, None], dtype="Int64")})
>>> path = pathlib.Path(tempfile.mkdtemp()) / "t.parquet"
>>> write_parquet(df, path)
>>> read_parquet(path).dtypes.astype(str).to_dict()
{'a': 'string', 'n': 'Int64'}
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

WRITE_OPTIONS = {
    "compression": "zstd",
    "compression_level": 9,
    "use_dictionary": True,
    "write_statistics": True,
    "version": "2.6",
    "data_page_version": "1.0",
    "row_group_size": 1_048_576,
}


def _arrow_column(series: pd.Series) -> pa.Array:
    dtype = series.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        n = len(dtype.categories)
        index_type = pa.int8() if n < 127 else pa.int16() if n < 32_000 else pa.int32()
        codes = pa.array(series.cat.codes.to_numpy(), mask=(series.cat.codes.to_numpy() < 0)).cast(index_type)
        dictionary = pa.array([str(c) for c in dtype.categories], type=pa.string())
        return pa.DictionaryArray.from_arrays(codes, dictionary, ordered=bool(dtype.ordered))
    if str(dtype).startswith("datetime64"):
        return pa.array(series.dt.date.where(series.notna(), None), type=pa.date32())
    if str(dtype) in {"Int64", "int64", "Int32", "int32"}:
        return pa.array(series.astype("Int64"), type=pa.int64())
    if str(dtype) in {"Float64", "float64"}:
        return pa.array(series.astype("float64"), type=pa.float64(), from_pandas=True)
    if str(dtype) in {"boolean", "bool"}:
        return pa.array(series.astype("boolean"), type=pa.bool_())
    return pa.array(series.astype("string"), type=pa.string())


def to_arrow(df: pd.DataFrame) -> pa.Table:
    """Arrow table with an explicit, metadata-free schema (see module docstring)."""
    arrays = [_arrow_column(df[c]) for c in df.columns]
    return pa.Table.from_arrays(arrays, names=[str(c) for c in df.columns])


def write_parquet(df: pd.DataFrame, path: Path) -> None:
    """Write ``df`` to ``path`` deterministically (no pandas metadata, fixed options)."""
    table = to_arrow(df.reset_index(drop=True))
    pq.write_table(table, str(path), **WRITE_OPTIONS)


def _types_mapper(arrow_type: pa.DataType) -> object:
    if pa.types.is_string(arrow_type) or pa.types.is_large_string(arrow_type):
        return pd.StringDtype()
    if pa.types.is_int64(arrow_type):
        return pd.Int64Dtype()
    if pa.types.is_boolean(arrow_type):
        return pd.BooleanDtype()
    return None


def read_parquet(path: Path, columns: list[str] | None = None) -> pd.DataFrame:
    """Read a file written by :func:`write_parquet` back with the package's dtypes."""
    table = pq.read_table(str(path), columns=columns)
    df = table.to_pandas(types_mapper=_types_mapper, date_as_object=False)
    for name, field in zip(table.column_names, table.schema):
        if pa.types.is_date32(field.type):
            df[name] = df[name].astype("datetime64[ns]")
    return df
