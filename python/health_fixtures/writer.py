"""Writes raw tables in the layout of the raw contract: <out>/<system>/<table>.<parquet|csv>."""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

FORMATS = ("parquet", "csv")


class RawWriter:
    def __init__(self, out: Path, fmt: str = "parquet") -> None:
        if fmt not in FORMATS:
            raise ValueError(f"format must be one of {FORMATS}, got {fmt!r}")
        self.out, self.fmt = Path(out), fmt
        self.row_counts: dict[str, int] = {}

    def path(self, name: str) -> Path:
        p = self.out / f"{name}.{self.fmt}"
        p.parent.mkdir(parents=True, exist_ok=True)
        return p

    def write(self, name: str, table: pa.Table) -> None:
        self.write_stream(name, [table])

    def write_stream(self, name: str, tables: Iterable[pa.Table]) -> None:
        path, writer, rows = self.path(name), None, 0
        try:
            for t in tables:
                if writer is None:
                    schema = t.schema
                    writer = (pq.ParquetWriter(path, schema, compression="zstd") if self.fmt == "parquet"
                              else pacsv.CSVWriter(path, schema))
                writer.write_table(t.cast(schema))
                rows += t.num_rows
        finally:
            if writer is not None:
                writer.close()
        self.row_counts[name] = rows


def write_truth(out: Path, name: str, table: pa.Table) -> None:
    p = Path(out) / "_truth" / f"{name}.parquet"
    p.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, p, compression="zstd")
