"""Unlabelled real statements for weak supervision: PolNeAR attributions the team did not label.

Rows have the classifier's fields (``content``, ``cue``, ``context``,
``quote_type``) plus ``doc_id`` and ``attribution_id``, and **no label**.  Only
documents whose team split (``data/splits.json``, else the rule
`stance.corpora.split_of`) is the one asked for are read -- ``train`` by
default -- so nothing of the dev or test documents leaks into training.
Attributions the team labelled are left out (they are gold, in
`load_team_corpus`).  The texts are read from ``../shared/corpora/polnear``
and never written anywhere by the library.
"""

from __future__ import annotations

from .team import read_polnear, read_polnear_labels, recorded_splits_or_rule

__all__ = ["polnear_unlabelled_statements"]


def polnear_unlabelled_statements(*, team_split: str = "train", polnear_splits=("train",), corpora_dir=None,
                                  data_dir=None) -> list[dict]:
    """PolNeAR attributions of the documents of ``team_split`` that the team did not label, in corpus order."""
    split = recorded_splits_or_rule(data_dir)
    labelled = {(r["doc_id"], r["attribution_id"]) for r in read_polnear_labels(data_dir)}
    rows = []
    for doc in read_polnear(tuple(polnear_splits), corpora_dir):
        if split("polnear", doc["doc_id"]) != team_split:
            continue
        text = doc["text"]
        for att in doc["attributions"]:
            if not att["content"] or (doc["doc_id"], att["id"]) in labelled:
                continue
            spans = att["source"] + att["cue"] + att["content"]
            lo, hi = min(s for s, _ in spans), max(e for _, e in spans)
            rows.append({"doc_id": doc["doc_id"], "attribution_id": att["id"],
                         "cue": " ".join(text[s:e] for s, e in att["cue"]),
                         "content": " ".join(text[s:e] for s, e in att["content"]), "context": text[lo:hi],
                         "quote_type": att.get("quote_type_heuristic") or "indirect"})
    return rows
