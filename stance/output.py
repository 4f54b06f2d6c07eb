"""Write statement records as they come: JSONL, CSV, a terminal table, or Parquet.

A *sink* takes the records of a batch of documents (`write`), and `commit`
makes everything written so far durable and returns what a progress file
needs to find that point again (``{"bytes": N}`` for the text formats,
``{"parts": K}`` for Parquet), or ``None`` when it holds records back.  A
text file resumed at ``bytes`` is cut back to that length first, so a run
killed in the middle of a line (or of a batch written after its checkpoint)
leaves nothing behind.  Parquet cannot be appended to, and a file whose
writer was killed has no footer and cannot be read; so a Parquet run writes
its row groups as complete part files in ``OUTPUT.parts/`` and, at the end,
copies them one row group at a time into ``OUTPUT`` with
`pyarrow.parquet.ParquetWriter` and removes the parts.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
from pathlib import Path

from .errors import StanceError
from .records import RECORD_FIELDS

__all__ = ["CSV_FIELDS", "json_line", "printable", "record_schema", "TextWriter", "StreamSink", "TextFileSink",
           "ParquetSink", "open_sink", "parts_dir"]

CSV_FIELDS = ("doc_id", "speaker", "speaker_text", "cue", "label", "score", "quote_type", "content",
              "speaker_span", "cue_span", "content_span")
ROW_GROUP_ROWS = 10_000


def json_line(record: dict) -> str:
    """One JSON line; a text with lone surrogates (valid in JSON input, not in UTF-8) is written escaped."""
    line = json.dumps(record, ensure_ascii=False)
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        line = json.dumps(record)
    return line + "\n"


def printable(value):
    """A value for CSV, Parquet or the table: lone surrogates become U+FFFD (these formats cannot escape them)."""
    if isinstance(value, str):
        return value.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return value


def record_schema():
    """The Arrow schema of a statement record (spans are two int32, like ``datasets``' ``List(length=2)``)."""
    import pyarrow as pa

    span = pa.list_(pa.int32(), 2)
    types = {"speaker_span": span, "cue_span": span, "content_span": span, "score": pa.float64()}
    return pa.schema([pa.field(name, types.get(name, pa.string())) for name in RECORD_FIELDS])


class TextWriter:
    """Writes records to a text stream as JSONL, CSV or a terminal table."""

    def __init__(self, stream, fmt: str, *, header: bool = True):
        if fmt not in ("jsonl", "csv", "table"):
            raise ValueError(f"format {fmt!r} is not one of jsonl, csv, table")
        self.stream, self.fmt = stream, fmt
        self.csv = None
        self.header = header
        self.width = shutil.get_terminal_size((100, 20)).columns

    def write(self, records: list[dict]) -> None:
        if self.fmt == "jsonl":
            for r in records:
                self.stream.write(json_line(r))
        elif self.fmt == "csv":
            if self.csv is None:
                self.csv = csv.DictWriter(self.stream, fieldnames=CSV_FIELDS, extrasaction="ignore")
                if self.header:
                    self.csv.writeheader()
            for r in records:
                self.csv.writerow({k: (json.dumps(v) if isinstance(v, list) else printable(v)) for k, v in r.items()})
        else:
            self._table(records)

    def _table(self, records: list[dict]) -> None:
        if not records:
            return
        self.stream.write(f"== {records[0]['doc_id']} ({len(records)} statements)\n")
        sw = min(28, max(len(str(r.get("speaker") or "-")) for r in records))
        rest = max(20, self.width - sw - 22)
        for r in records:
            content = printable(" ".join((r.get("content") or "").split()))
            if len(content) > rest:
                content = content[: rest - 1] + "\u2026"
            speaker = printable(str(r.get("speaker") or "-"))[:sw]
            score = f"{r['score']:.2f}" if isinstance(r.get("score"), (int, float)) else "  - "
            self.stream.write(f"  {speaker:<{sw}}  {str(r.get('label') or '-'):<9} {score}  {content}\n")


class StreamSink:
    """Standard output (or any text stream): written as it comes, never resumed."""

    resumable = False

    def __init__(self, stream, fmt: str):
        if fmt == "parquet":
            raise StanceError("--format parquet needs a file: add -o FILE.parquet")
        self.stream = stream
        self.writer = TextWriter(stream, fmt)

    def write(self, records: list[dict]) -> None:
        self.writer.write(records)
        self.stream.flush()

    def commit(self, final: bool = False) -> None:
        return None

    def close(self, complete: bool = True) -> None:
        self.stream.flush()

    def cleanup(self) -> None:
        pass


class TextFileSink:
    """A JSONL, CSV or table file, resumable at a byte offset recorded by `commit`."""

    resumable = True

    def __init__(self, path: Path, fmt: str, *, resume_bytes: int | None = None):
        self.path = Path(path)
        try:
            if resume_bytes is None:
                self.raw = open(self.path, "wb")
            else:
                self.raw = open(self.path, "r+b")
                size = self.raw.seek(0, os.SEEK_END)
                if size < resume_bytes:
                    self.raw.close()
                    raise StanceError(f"{self.path}: {size} bytes, shorter than the {resume_bytes} bytes its progress "
                                      "file records; it was changed since: run again without --resume")
                self.raw.truncate(resume_bytes)
                self.raw.seek(resume_bytes)
        except OSError as e:
            raise StanceError(f"{self.path}: cannot be written ({e.strerror})") from None
        self.stream = io.TextIOWrapper(self.raw, encoding="utf-8", newline="")
        self.writer = TextWriter(self.stream, fmt, header=not resume_bytes)

    def write(self, records: list[dict]) -> None:
        self.writer.write(records)

    def commit(self, final: bool = False) -> dict:
        """Flush to disk and return the byte offset up to which the file is complete."""
        self.stream.flush()
        os.fsync(self.raw.fileno())
        return {"bytes": self.raw.tell()}

    def close(self, complete: bool = True) -> None:
        self.stream.close()

    def cleanup(self) -> None:
        pass


def parts_dir(path: Path) -> Path:
    """Where a Parquet run keeps its finished row groups until the end."""
    return path.with_name(path.name + ".parts")


class ParquetSink:
    """A Parquet file of a fixed schema, written as part files of about ``row_group_size`` rows, merged at the end."""

    resumable = True

    def __init__(self, path: Path, *, resume_parts: int | None = None, row_group_size: int = ROW_GROUP_ROWS):
        import pyarrow as pa
        import pyarrow.parquet as pq

        self.pa, self.pq = pa, pq
        self.path, self.parts = Path(path), parts_dir(Path(path))
        self.schema = record_schema()
        self.row_group_size = row_group_size
        self.rows: list[dict] = []
        if resume_parts is None:
            shutil.rmtree(self.parts, ignore_errors=True)
        elif resume_parts and not self.parts.is_dir():
            raise StanceError(f"{self.parts}: missing, but the progress file counts {resume_parts} parts in it; "
                              "run again without --resume")
        try:
            self.parts.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise StanceError(f"{self.parts}: cannot be written ({e.strerror})") from None
        self.n_parts = resume_parts or 0
        kept = {self._part(k).name for k in range(self.n_parts)}
        for stale in self.parts.iterdir():  # written after the last checkpoint: not counted, not kept
            if stale.name not in kept:
                stale.unlink()

    def _part(self, k: int) -> Path:
        return self.parts / f"part-{k:06d}.parquet"

    def write(self, records: list[dict]) -> None:
        self.rows.extend({k: printable(r.get(k)) for k in RECORD_FIELDS} for r in records)

    def commit(self, final: bool = False) -> dict | None:
        """Write the buffered rows as a part once there are enough (or at the end); ``None`` while holding rows."""
        if self.rows and (final or len(self.rows) >= self.row_group_size):
            table = self.pa.Table.from_pylist(self.rows, schema=self.schema)
            tmp = self.parts / f"part-{self.n_parts:06d}.tmp"
            with open(tmp, "wb") as f:
                self.pq.write_table(table, f)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, self._part(self.n_parts))
            self.n_parts += 1
            self.rows = []
        return None if self.rows else {"parts": self.n_parts}

    def close(self, complete: bool = True) -> None:
        """Copy the parts, one row group at a time, into the output file (replaced at once); not if interrupted."""
        if not complete:
            return
        tmp = self.path.with_name(self.path.name + ".tmp")
        with self.pq.ParquetWriter(tmp, self.schema) as writer:
            for k in range(self.n_parts):
                part = self.pq.ParquetFile(self._part(k))
                for g in range(part.num_row_groups):
                    writer.write_table(part.read_row_group(g))
                part.close()
        os.replace(tmp, self.path)

    def cleanup(self) -> None:
        """Remove the parts once the progress file is gone (the output is complete)."""
        shutil.rmtree(self.parts, ignore_errors=True)


def open_sink(output, fmt: str, *, stream=None, resume: dict | None = None, row_group_size: int = ROW_GROUP_ROWS):
    """The sink for ``output`` (a path, or ``None``/``-`` for ``stream``), resumed at ``resume`` when given."""
    if output in (None, "-"):
        return StreamSink(stream, fmt)
    resume = resume or {}
    if fmt == "parquet":
        return ParquetSink(Path(output), resume_parts=resume.get("parts"), row_group_size=row_group_size)
    return TextFileSink(Path(output), fmt, resume_bytes=resume.get("bytes"))
