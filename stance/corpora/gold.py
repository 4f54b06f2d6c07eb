"""Read gold annotations (ANNOTATION.md section 4): a folder of ``NAME.txt`` + ``NAME.gold.json``, or a JSONL.

Every span is checked against its text and every speaker against the
document's entities, so a broken gold file fails loudly, naming the file and
the statement, instead of skewing a score.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass, field
from pathlib import Path

from ..document import Document, Entity, Span, Statement
from ..errors import CorpusNotFoundError, InputError, SchemaError
from ..records import statement_context, to_record, validate_record

__all__ = ["GoldDocument", "read_gold", "gold_from_dict"]


@dataclass(frozen=True)
class GoldDocument:
    """A document with its gold statements and entities."""

    document: Document
    statements: list[Statement] = field(default_factory=list)
    entities: dict = field(default_factory=dict)  # canonical name -> Entity

    @property
    def doc_id(self) -> str:
        return self.document.id

    def records(self) -> list[dict]:
        """The gold statements as classifier input: JSON records with ``context`` and gold ``label``."""
        text = self.document.text
        return [dict(to_record(s, text), context=statement_context(text, s)) for s in self.statements]


def gold_from_dict(d: dict, text: str | None = None, where: str = "gold") -> GoldDocument:
    """A `GoldDocument` from the section-4 JSON object (``text`` overrides ``d["text"]``)."""
    text = text if text is not None else d.get("text")
    if not isinstance(text, str):
        raise InputError(f"{where}: no text (neither a 'text' field nor a .txt beside it)")
    doc_id = str(d.get("doc_id") or "")
    if not doc_id:
        raise InputError(f"{where}: 'doc_id' is missing")
    entities = {}
    for name, e in (d.get("entities") or {}).items():
        try:
            entities[name] = Entity.from_dict(name, e)
        except (ValueError, TypeError) as err:
            raise InputError(f"{where}: entity {name!r}: {err}") from None
    statements = []
    for i, s in enumerate(d.get("statements") or []):
        rec = {"doc_id": doc_id, **{k: s.get(k) for k in ("speaker", "speaker_span", "cue_span", "content_span",
                                                           "quote_type", "label")}}
        try:
            validate_record(rec, text)
        except SchemaError as err:
            raise InputError(f"{where}: statement {i}: {err}") from None
        if s.get("speaker") and entities and s["speaker"] not in entities:
            raise InputError(f"{where}: statement {i}: speaker {s['speaker']!r} is not among the entities")
        statements.append(Statement(
            doc_id=doc_id, content_span=Span.from_list(s["content_span"]), speaker=s.get("speaker"),
            speaker_span=Span.from_list(s.get("speaker_span")), cue_span=Span.from_list(s.get("cue_span")),
            quote_type=s.get("quote_type") or "indirect", label=s.get("label"),
        ))
    meta = {k: d[k] for k in ("genre", "source", "annotator") if k in d}
    return GoldDocument(Document(doc_id, text, meta), statements, entities)


def _read_jsonl(path: Path):
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                yield n, json.loads(line)
            except json.JSONDecodeError as e:
                raise InputError(f"{path}:{n}: malformed JSON ({e.msg})") from None


def read_gold(path) -> list[GoldDocument]:
    """Gold documents from a folder of ``NAME.txt`` + ``NAME.gold.json`` pairs, a ``.gold.json`` or a JSONL."""
    path = Path(path)
    if not path.exists():
        raise CorpusNotFoundError(f"gold path {path} does not exist")
    if path.is_dir():
        files = sorted(path.glob("*.gold.json"))
        if not files:
            raise InputError(f"{path}: no *.gold.json files in this folder")
        return [_read_pair(f) for f in files]
    if path.name.endswith(".gold.json"):
        return [_read_pair(path)]
    return [gold_from_dict(d, where=f"{path}:{n}") for n, d in _read_jsonl(path)]


def _read_pair(gold_path: Path) -> GoldDocument:
    try:
        d = json.loads(gold_path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as e:
        raise InputError(f"{gold_path}: malformed JSON ({e.msg} at line {e.lineno})") from None
    txt = gold_path.with_name(gold_path.name[: -len(".gold.json")] + ".txt")
    text = None
    if txt.exists():
        with open(txt, encoding="utf-8", newline="") as f:
            text = f.read()
    d.setdefault("doc_id", txt.stem)
    return gold_from_dict(d, text=text, where=str(gold_path))
