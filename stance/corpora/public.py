"""Loaders of the public corpora the project uses, as Hugging Face datasets with explicit features.

- `load_polnear`: PolNeAR attribution relations (source, cue, content spans),
  with the team's labels where present;
- `load_plover`: the PLOVER/CAMEO gold-standard sentences mapped to the four labels
  (an external test set, never trained on);
- `load_ibm_claim_stance`: IBM Debater claim stance (PRO / CON toward a topic),
  a generic stance benchmark;
- `load_gold_dataset`: any folder of ``NAME.txt`` + ``NAME.gold.json`` or JSONL of
  gold documents, as statement rows.
"""

from __future__ import annotations

import csv
from pathlib import Path

from ..errors import CorpusNotFoundError
from .gold import read_gold
from .paths import corpus_dir
from .team import read_polnear, read_polnear_labels

__all__ = ["load_polnear", "load_plover", "load_ibm_claim_stance", "load_gold_dataset"]


def load_polnear(split: str = "dev", *, path=None, data_dir=None):
    """PolNeAR attributions of one split (``train``, ``dev``, ``test``), one row per attribution.

    Spans are lists of ``[start, end]`` fragments into the document text
    (the texts themselves are not repeated: `stance.corpora.team.read_polnear`
    streams the documents).  ``team_label`` is the team's label where the team read
    the attribution (a `ClassLabel` with ``not_speech``; -1 where unlabelled).
    """
    from datasets import ClassLabel, Dataset, Features, List, Value

    from ..classify.schemes import DEFAULT_SCHEME

    labels = {(r["doc_id"], r["attribution_id"]): r["label"] for r in read_polnear_labels(data_dir)}
    names = list(DEFAULT_SCHEME.labels) + ["not_speech"]
    team = ClassLabel(names=names)
    spans = List(List(Value("int32"), length=2))
    features = Features({
        "doc_id": Value("string"), "attribution_id": Value("string"), "split": Value("string"),
        "publisher": Value("string"), "source": spans, "cue": spans, "content": spans,
        "source_text": Value("string"), "cue_text": Value("string"), "content_text": Value("string"),
        "quote_type": Value("string"), "team_label": team,
    })
    parent = Path(path).parent if path else None

    def rows():
        for doc in read_polnear((split,), parent):
            for a in doc["attributions"]:
                label = labels.get((doc["doc_id"], a["id"]))
                yield {"doc_id": doc["doc_id"], "attribution_id": a["id"], "split": split,
                       "publisher": doc.get("publisher", ""), "source": a["source"], "cue": a["cue"],
                       "content": a["content"], "source_text": a["source_text"], "cue_text": a["cue_text"],
                       "content_text": a["content_text"], "quote_type": a.get("quote_type_heuristic", ""),
                       "team_label": -1 if label is None else names.index(label)}

    return Dataset.from_list(list(rows()), features=features)


def _read_rows(corpus: str, path, filename: str, **csv_options) -> list[dict]:
    """The rows of a corpus's CSV/TSV file, or `CorpusNotFoundError` naming the missing file."""
    file = corpus_dir(corpus, path) / filename
    if not file.exists():
        raise CorpusNotFoundError(f"{file} is missing")
    with open(file, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, **csv_options))


def load_plover(*, path=None):
    """The 322 PLOVER gold-standard sentences with their four-label mapping (``label``) and PLOVER event."""
    from datasets import ClassLabel, Dataset, Features, Value

    from ..classify.schemes import DEFAULT_SCHEME

    rows = _read_rows("plover_gsr", path, "plover_gsr_sentences.tsv", delimiter="\t", quoting=csv.QUOTE_NONE)
    features = Features({"id": Value("string"), "plover_event": Value("string"), "context": Value("string"),
                         "content": Value("string"), "label": ClassLabel(names=list(DEFAULT_SCHEME.labels))})
    return Dataset.from_list([{"id": r["id"], "plover_event": r["plover_event"], "context": r.get("context", ""),
                               "content": r["text"], "label": DEFAULT_SCHEME.index(r["label4"])} for r in rows],
                             features=features)


def load_ibm_claim_stance(*, path=None):
    """IBM Debater claim stance as a `DatasetDict` (train / test by topic): topic, claim, stance (PRO / CON)."""
    from datasets import ClassLabel, Dataset, DatasetDict, Features, Value

    rows = _read_rows("ibm_claim_stance", path, "claim_stance_dataset_v1.csv")
    features = Features({"topic_id": Value("string"), "topic": Value("string"), "claim_id": Value("string"),
                         "claim": Value("string"), "stance": ClassLabel(names=["CON", "PRO"])})
    by_split: dict[str, list] = {}
    for r in rows:
        by_split.setdefault(r["split"], []).append({
            "topic_id": r["topicId"], "topic": r["topicText"], "claim_id": r["claims.claimId"],
            "claim": r["claims.claimCorrectedText"], "stance": ["CON", "PRO"].index(r["claims.stance"])})
    return DatasetDict({s: Dataset.from_list(v, features=features) for s, v in sorted(by_split.items())})


def load_gold_dataset(path):
    """Statement rows of any gold folder or JSONL (ANNOTATION.md section 4), one `Dataset`."""
    from datasets import Dataset

    from .team import _encode, _gold_rows, statement_features

    features = statement_features()
    rows = list(_encode(_gold_rows("gold", read_gold(path), {}), features))
    return Dataset.from_list(rows, features=features)
