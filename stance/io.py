"""Read the command line's inputs: text files, folders of ``*.txt``, JSONL / JSONL.gz corpora, standard input.

Bad input never becomes a traceback: unreadable files raise `InputError` with
the file and, for undecodable bytes, the byte offset; in a corpus, one bad
record is reported through ``on_error`` and skipped, and the others go on.
"""

from __future__ import annotations

import gzip
import io
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from .document import Document
from .errors import InputError

__all__ = ["iter_documents", "read_text", "iter_jsonl"]


def _decode(data: bytes, name: str, errors: str) -> str:
    try:
        return data.decode("utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8", errors=errors)
    except UnicodeDecodeError as e:
        raise InputError(f"{name}: not valid UTF-8 at byte {e.start} ({data[e.start:e.start + 4]!r}); "
                         "re-encode the file, or pass --errors replace") from None


def read_text(path: Path, errors: str = "strict") -> str:
    """A text file's exact characters (line endings kept, so offsets index the file as it is)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except OSError as e:
        raise InputError(f"{path}: cannot be read ({e.strerror})") from None
    return _decode(data, str(path), errors)


def iter_jsonl(stream, name: str, on_error: Callable[[str], None], errors: str = "strict") -> Iterator[tuple[int, dict]]:
    """``(line number, object)`` of each good line of a binary JSONL stream; bad lines go to ``on_error``."""
    for n, raw in enumerate(stream, 1):
        if not raw.strip():
            continue
        try:
            line = _decode(raw, f"{name}:{n}", errors)
            obj = json.loads(line)
        except InputError as e:
            on_error(str(e))
            continue
        except json.JSONDecodeError as e:
            on_error(f"{name}:{n}: malformed JSON ({e.msg} at column {e.colno})")
            continue
        if not isinstance(obj, dict):
            on_error(f"{name}:{n}: expected a JSON object, got {type(obj).__name__}")
            continue
        yield n, obj


def _is_jsonl(path: Path) -> bool:
    name = path.name.lower()
    return name.endswith((".jsonl", ".jsonl.gz", ".ndjson", ".json.gz", ".ndjson.gz"))


def _corpus_documents(stream, name, text_field, id_field, on_error, errors) -> Iterator[Document]:
    for n, obj in iter_jsonl(stream, name, on_error, errors):
        text = obj.get(text_field)
        if not isinstance(text, str):
            on_error(f"{name}:{n}: no string field {text_field!r} (use --text-field to name the text field)")
            continue
        doc_id = obj.get(id_field)
        doc_id = str(doc_id) if doc_id is not None else f"{Path(name).name.split('.')[0]}:{n}"
        meta = {k: v for k, v in obj.items() if k not in (text_field, id_field) and isinstance(v, (str, int, float))}
        yield Document(doc_id, text, meta)


def iter_documents(paths: list[str], *, text_field: str = "text", id_field: str = "id", errors: str = "strict",
                   on_error: Callable[[str], None] | None = None, stdin=None) -> Iterator[Document]:
    """Documents from every path, in order.

    A path is a text file (``doc_id`` = its stem), a folder (its ``*.txt``,
    sorted), a JSONL or JSONL.gz corpus, or ``-`` for standard input (text, or
    JSONL when it starts with ``{``).  Missing paths and empty folders raise
    `InputError` at the call, before anything is read or written.
    """
    on_error = on_error or (lambda msg: print(f"stance: {msg}", file=sys.stderr))
    resolved = []
    for p in paths:
        if p == "-":
            resolved.append(("stdin", None))
            continue
        path = Path(p)
        if path.is_dir():
            files = sorted(path.glob("*.txt"))
            if not files:
                raise InputError(f"{path}: folder holds no *.txt files")
            resolved.extend(("text", f) for f in files)
        elif path.exists():
            resolved.append(("jsonl" if _is_jsonl(path) else "text", path))
        else:
            raise InputError(f"{path}: no such file or folder")
    return _read_documents(resolved, text_field, id_field, errors, on_error, stdin)


def _read_documents(resolved, text_field, id_field, errors, on_error, stdin) -> Iterator[Document]:
    for kind, path in resolved:
        if kind == "text":
            try:
                yield Document(path.stem, read_text(path, errors))
            except InputError as e:
                if len(resolved) == 1:
                    raise
                on_error(str(e))
        elif kind == "jsonl":
            opener = gzip.open if path.name.lower().endswith(".gz") else open
            try:
                with opener(path, "rb") as f:
                    yield from _corpus_documents(f, str(path), text_field, id_field, on_error, errors)
            except (OSError, EOFError) as e:
                on_error(f"{path}: cannot be read to the end ({e})")
        else:
            stream = stdin if stdin is not None else sys.stdin.buffer
            data = stream.read()
            if data.lstrip()[:1] == b"{":
                yield from _corpus_documents(io.BytesIO(data), "<stdin>", text_field, id_field, on_error, errors)
            else:
                yield Document("stdin", _decode(data, "<stdin>", errors))
