"""Unlabelled real text for weak supervision: PolNeAR attributions the team did not label, and narration.

`polnear_unlabelled_statements` rows have the classifier's fields (``content``, ``cue``, ``context``,
``quote_type``) plus ``doc_id`` and ``attribution_id``, and **no label**.  Only
documents whose team split (``data/splits.json``, else the rule
`stance.corpora.split_of`) is the one asked for are read -- ``train`` by
default -- so nothing of the dev or test documents leaks into training.
Attributions the team labelled are left out (they are gold, in
`load_team_corpus`).  The texts are read from ``../shared/corpora/polnear``
and never written anywhere by the library.

`polnear_narration_sentences` gives the other kind of unlabelled text: the
writer's own narration -- body sentences of the same documents that no
PolNeAR attribution touches.  An act the writer narrates is not a statement
(ANNOTATION.md rule 7, 6.4), so such a sentence, shown to a classifier, should
come out ``other``: what a classifier meets when it labels whole sentences
(event data, text a segmenter took for a statement).
"""

from __future__ import annotations

import re

from .team import read_polnear, read_polnear_labels, recorded_splits_or_rule

__all__ = ["polnear_unlabelled_statements", "polnear_narration_sentences"]


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


def polnear_narration_sentences(*, team_split: str = "train", polnear_splits=("train", "dev"), min_words: int = 8,
                                corpora_dir=None, data_dir=None) -> list[dict]:
    """Body sentences of the PolNeAR documents of ``team_split`` that overlap no attribution, in corpus order.

    A sentence is kept when no span of any attribution (source, cue or
    content, every annotator's) and no ``Discard`` span overlaps it, and it has
    at least ``min_words`` words; headlines, captions, bylines and page
    furniture are left out by the segmenter's `stance.text.layout`.  Rows:
    ``doc_id``, ``sentence_span`` (offsets into the PolNeAR text), ``content``
    and ``context`` (the sentence), empty ``cue`` and ``quote_type`` -- the
    shape of a sentence shown to a classifier without segmentation.  Only
    PolNeAR's train and dev documents are read by default (its test split is
    never read), and only those whose team split is ``team_split``.
    """
    from ..text import find_quotes, layout, paragraph_spans, split_sentences

    split = recorded_splits_or_rule(data_dir)
    rows = []
    for doc in read_polnear(tuple(polnear_splits), corpora_dir):
        if split("polnear", doc["doc_id"]) != team_split:
            continue
        text = doc["text"]
        taken = [tuple(span) for span in doc.get("discard", [])]
        attributions = list(doc["attributions"])
        for other in doc.get("other_annotations", {}).values():
            attributions += other
        for att in attributions:
            taken += [tuple(span) for role in ("source", "cue", "content") for span in att[role]]
        quotes = find_quotes(text, paragraph_spans(text))
        for block in layout(text):
            if block.kind != "body":
                continue
            inside = [q for q in quotes if block.start <= q.open < block.end]
            for s, e in split_sentences(text, [(block.start, block.end)], inside):
                if any(a < e and s < b for a, b in taken) or len(re.findall(r"\w+", text[s:e])) < min_words:
                    continue
                rows.append({"doc_id": doc["doc_id"], "sentence_span": [s, e], "content": text[s:e], "cue": "",
                             "context": text[s:e], "quote_type": ""})
    return rows
