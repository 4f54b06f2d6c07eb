"""The team's gold corpus: four parts, fixed splits by document, read as Hugging Face datasets.

Parts (see data/README.md, the data card):

- ``examples``: team-written articles with their text (``data/examples``);
- ``wh_gold``: full-document gold on White House readouts, statements, joint
  statements and transcripts; the project keeps offsets, labels and a SHA-256
  of each text, and reads the text from the wh_briefings corpus;
- ``polnear``: labels of PolNeAR attributions (train and dev documents only),
  keyed by PolNeAR doc_id and attribution id; text read from the PolNeAR corpus;
- ``training_articles``: more team-written articles with their text
  (``data/training_articles``), written to train on (real texts hold few
  rejections).  Every document of this part is in the ``train`` split,
  whatever the hash rule `split_of` says of its id (`TRAIN_ONLY_PARTS`), so
  the dev and test splits stay exactly what they were.  The folder may be
  absent or empty: the part then has no documents.

Statement rows carry the classifier's fields (``content``, ``cue``,
``context``, ``speaker``, ``quote_type``) and ``label`` as a `ClassLabel` of
the four-label scheme; a PolNeAR attribution the team judged not to be a
speech act has ``speech=False`` and ``label=-1`` (missing).
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

from ..document import Document
from ..errors import ChecksumError, CorpusNotFoundError, InputError
from ..records import statement_context
from .gold import GoldDocument, gold_from_dict, read_gold
from .paths import corpus_dir, project_data_dir
from .splits import SPLITS, split_of
from .wh import WH_PUBLISHER, wh_texts

__all__ = ["PARTS", "TRAIN_ONLY_PARTS", "read_examples", "read_wh_gold", "read_polnear_labels", "read_polnear",
           "read_training_articles", "split_in_part", "team_statements", "team_documents", "load_team_corpus",
           "recorded_splits_or_rule", "load_team_documents", "recorded_splits", "statement_features"]

PARTS = ("examples", "wh_gold", "polnear", "training_articles")
TRAIN_ONLY_PARTS = frozenset({"training_articles"})  # parts whose documents are all in train, never dev or test


def read_examples(data_dir=None) -> list[GoldDocument]:
    """The team-written examples (text included)."""
    return read_gold(Path(data_dir or project_data_dir()) / "examples")


def read_training_articles(data_dir=None) -> list[GoldDocument]:
    """The team-written training articles (text included); none when the folder is absent or empty."""
    folder = Path(data_dir or project_data_dir()) / "training_articles"
    if not folder.is_dir() or not any(folder.glob("*.gold.json")):
        return []
    return read_gold(folder)


def split_in_part(part: str, doc_id: str, recorded: dict | None = None) -> str:
    """The split of a document of ``part``: ``train`` in a train-only part, else the recorded split or the rule."""
    if part in TRAIN_ONLY_PARTS:
        return "train"
    return (recorded or {}).get(doc_id) or split_of(doc_id)


def read_wh_gold(corpora_dir=None, data_dir=None) -> list[GoldDocument]:
    """White House gold documents, texts read from the corpus and checked against their SHA-256."""
    folder = Path(data_dir or project_data_dir()) / "wh_gold"
    files = sorted(folder.glob("*.gold.json"))
    if not files:
        raise InputError(f"{folder}: no *.gold.json files")
    annotations = [json.loads(f.read_text(encoding="utf-8")) for f in files]
    wh = corpus_dir("wh_briefings", Path(corpora_dir) / "wh_briefings" if corpora_dir else None)
    texts = wh_texts([a["doc_id"] for a in annotations], wh)
    out = []
    for f, ann in zip(files, annotations):
        rec = texts.get(ann["doc_id"])
        if rec is None:
            raise CorpusNotFoundError(f"{f.name}: document {ann['doc_id']!r} is not in {wh} ({ann.get('file')})")
        digest = hashlib.sha256(rec["text"].encode("utf-8")).hexdigest()
        if digest != ann["text_sha256"]:
            raise ChecksumError(f"{f.name}: the text of {ann['doc_id']!r} in {wh} has changed since it was "
                                f"annotated (sha256 {digest[:12]}…, expected {ann['text_sha256'][:12]}…)")
        g = gold_from_dict(ann, text=rec["text"], where=str(f))
        meta = dict(g.document.metadata, title=rec.get("title", ""), date=rec.get("date", ""), publisher=WH_PUBLISHER)
        out.append(GoldDocument(Document(g.doc_id, g.document.text, meta), g.statements, g.entities))
    return out


def read_polnear_labels(data_dir=None) -> list[dict]:
    """The team's PolNeAR labels: ``{doc_id, attribution_id, polnear_split, label, annotator}`` rows."""
    folder = Path(data_dir or project_data_dir()) / "polnear_labels"
    rows = []
    for f in sorted(folder.glob("batch_*.jsonl")):
        for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError as e:
                    raise InputError(f"{f}:{n}: malformed JSON ({e.msg})") from None
    return rows


def read_polnear(splits=("train", "dev"), corpora_dir=None) -> Iterator[dict]:
    """PolNeAR documents (the corpus's derived JSONL records), streamed."""
    folder = corpus_dir("polnear", Path(corpora_dir) / "polnear" if corpora_dir else None)
    for split in splits:
        path = folder / "jsonl" / f"polnear_{split}.jsonl.gz"
        if not path.exists():
            raise CorpusNotFoundError(f"PolNeAR split {split!r} is missing: {path}")
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for line in f:
                yield json.loads(line)


def recorded_splits(data_dir=None) -> dict:
    """``{part: {doc_id: split}}`` from ``data/splits.json``."""
    path = Path(data_dir or project_data_dir()) / "splits.json"
    if not path.exists():
        raise InputError(f"{path} is missing; run python data/scripts/make_splits.py")
    return json.loads(path.read_text(encoding="utf-8"))["documents"]


def recorded_splits_or_rule(data_dir=None):
    """A function ``(part, doc_id) -> split``: `split_in_part` with the recorded splits."""
    recorded = recorded_splits(data_dir)
    return lambda part, doc_id: split_in_part(part, doc_id, recorded.get(part))


def _gold_rows(part: str, docs: list[GoldDocument], splits: dict) -> Iterator[dict]:
    for g in docs:
        text = g.document.text
        for i, st in enumerate(g.statements):
            yield {
                "part": part, "doc_id": g.doc_id, "statement_id": f"{g.doc_id}#{i}",
                "genre": g.document.metadata.get("genre", ""), "split": split_in_part(part, g.doc_id, splits),
                "speaker": st.speaker or "", "speaker_text": st.speaker_span.text(text) if st.speaker_span else "",
                "cue": st.cue_span.text(text) if st.cue_span else "", "content": st.content_span.text(text),
                "context": statement_context(text, st), "quote_type": st.quote_type,
                "content_span": [st.content_span.start, st.content_span.end], "label": st.label, "speech": True,
            }


def _polnear_rows(labels: list[dict], splits: dict, corpora_dir) -> Iterator[dict]:
    by_doc: dict[str, dict[str, dict]] = {}
    for row in labels:
        by_doc.setdefault(row["doc_id"], {})[row["attribution_id"]] = row
    wanted_splits = sorted({row["polnear_split"] for row in labels})
    found = set()
    for doc in read_polnear(wanted_splits, corpora_dir):
        rows = by_doc.get(doc["doc_id"])
        if not rows:
            continue
        text = doc["text"]
        for att in doc["attributions"]:
            row = rows.get(att["id"])
            if row is None:
                continue
            found.add((doc["doc_id"], att["id"]))
            spans = att["source"] + att["cue"] + att["content"]
            lo, hi = min(s for s, _ in spans), max(e for _, e in spans)
            c_lo, c_hi = min(s for s, _ in att["content"]), max(e for _, e in att["content"])
            yield {
                "part": "polnear", "doc_id": doc["doc_id"], "statement_id": f"{doc['doc_id']}#{att['id']}",
                "genre": "news", "split": split_in_part("polnear", doc["doc_id"], splits),
                "speaker": "", "speaker_text": " ".join(text[s:e] for s, e in att["source"]),
                "cue": " ".join(text[s:e] for s, e in att["cue"]),
                "content": " ".join(text[s:e] for s, e in att["content"]), "context": text[lo:hi],
                "quote_type": att.get("quote_type_heuristic") or "indirect", "content_span": [c_lo, c_hi],
                "label": None if row["label"] == "not_speech" else row["label"], "speech": row["label"] != "not_speech",
            }
    missing = sorted(set((r["doc_id"], r["attribution_id"]) for r in labels) - found)
    if missing:
        raise CorpusNotFoundError(f"{len(missing)} labelled PolNeAR attributions are not in the corpus, e.g. "
                                  f"{missing[0]}: is the PolNeAR folder the right version?")


def team_documents(part: str, corpora_dir=None, data_dir=None) -> list[GoldDocument]:
    """The full-document gold of a part (``examples``, ``wh_gold`` or ``training_articles``)."""
    if part == "examples":
        return read_examples(data_dir)
    if part == "wh_gold":
        return read_wh_gold(corpora_dir, data_dir)
    if part == "training_articles":
        return read_training_articles(data_dir)
    raise ValueError(f"part {part!r} has no full documents; choose 'examples', 'wh_gold' or 'training_articles'")


def _parts(part) -> tuple[str, ...]:
    """``all``, one part's name or a sequence of names, as a tuple of part names."""
    parts = PARTS if part == "all" else (part,) if isinstance(part, str) else tuple(part)
    unknown = set(parts) - set(PARTS)
    if unknown:
        raise ValueError(f"unknown part {sorted(unknown)}; choose from {PARTS} or 'all'")
    return parts


def team_statements(part="all", corpora_dir=None, data_dir=None) -> Iterator[dict]:
    """Statement rows of one part, several (a list) or ``all``, in a fixed order."""
    parts = _parts(part)
    splits = recorded_splits(data_dir)
    for p in parts:
        if p == "polnear":
            yield from _polnear_rows(read_polnear_labels(data_dir), splits.get("polnear", {}), corpora_dir)
        else:
            yield from _gold_rows(p, team_documents(p, corpora_dir, data_dir), splits.get(p, {}))


def statement_features(scheme=None):
    """The typed `datasets.Features` of statement rows."""
    from datasets import ClassLabel, Features, List, Value

    from ..classify.schemes import get_scheme

    scheme = get_scheme(scheme or "stance4")
    string = Value("string")
    return Features({
        "part": string, "doc_id": string, "statement_id": string, "genre": string, "split": string,
        "speaker": string, "speaker_text": string, "cue": string, "content": string, "context": string,
        "quote_type": string, "content_span": List(Value("int32"), length=2),
        "label": ClassLabel(names=list(scheme.labels)), "speech": Value("bool"),
    })


def _encode(rows, features):
    label = features["label"]
    for r in rows:
        r = dict(r)
        r["label"] = -1 if r["label"] is None else label.str2int(r["label"])
        yield r


def _dataset(rows: list[dict], features):
    """A `datasets.Dataset` of ``rows``; an empty one keeps its features (a train-only part has no dev rows)."""
    from datasets import Dataset

    if not rows:
        return Dataset.from_dict({name: [] for name in features}, features=features)
    return Dataset.from_list(rows, features=features)


def load_team_corpus(part="all", *, corpora_dir=None, data_dir=None):
    """The team corpus as a `datasets.DatasetDict` of statement rows by split (train / dev / test).

    ``part``: ``all``, one part's name or a list of them.  The rows of
    ``training_articles`` are all in ``train``.
    """
    from datasets import DatasetDict

    features = statement_features()
    rows = list(_encode(team_statements(part, corpora_dir, data_dir), features))
    return DatasetDict({s: _dataset([r for r in rows if r["split"] == s], features) for s in SPLITS})


def load_team_documents(part: str, *, corpora_dir=None, data_dir=None):
    """Full documents of a part with their gold statements, by split (``training_articles``: all train)."""
    from datasets import ClassLabel, DatasetDict, Features, List, Value

    from ..classify.schemes import DEFAULT_SCHEME

    span = List(Value("int32"), length=2)
    features = Features({
        "doc_id": Value("string"), "genre": Value("string"), "split": Value("string"), "text": Value("string"),
        "statements": List({"speaker": Value("string"), "speaker_span": span, "cue_span": span,
                            "content_span": span, "quote_type": Value("string"),
                            "label": ClassLabel(names=list(DEFAULT_SCHEME.labels))}),
    })
    splits = recorded_splits(data_dir).get(part, {})
    rows = []
    for g in team_documents(part, corpora_dir, data_dir):
        rows.append({"doc_id": g.doc_id, "genre": g.document.metadata.get("genre", ""),
                     "split": split_in_part(part, g.doc_id, splits), "text": g.document.text,
                     "statements": [{"speaker": s.speaker or "",
                                     "speaker_span": s.speaker_span.to_list() if s.speaker_span else None,
                                     "cue_span": s.cue_span.to_list() if s.cue_span else None,
                                     "content_span": s.content_span.to_list(), "quote_type": s.quote_type,
                                     "label": DEFAULT_SCHEME.index(s.label)} for s in g.statements]})
    return DatasetDict({s: _dataset([r for r in rows if r["split"] == s], features) for s in SPLITS})
