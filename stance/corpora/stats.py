"""The numbers of the data card, from one call: documents and statements per part, split, genre and label."""

from __future__ import annotations

from collections import Counter

from .team import PARTS, team_statements

__all__ = ["corpus_stats"]


def corpus_stats(corpora_dir=None, data_dir=None) -> dict:
    """``{"parts": {part: {documents, statements, labels, splits, genres}}, "labels": {...}, "documents", "statements"}``.

    ``labels`` counts per label; ``not_speech`` counts PolNeAR attributions the
    team judged not to be speech acts (they are not statements).
    """
    parts = {}
    overall = Counter()
    for part in PARTS:
        rows = list(team_statements(part, corpora_dir, data_dir))
        labels = Counter(r["label"] or "not_speech" for r in rows)
        splits = {}
        for split in ("train", "dev", "test"):
            in_split = [r for r in rows if r["split"] == split]
            splits[split] = {"documents": len({r["doc_id"] for r in in_split}), "statements": len(in_split),
                             "labels": dict(Counter(r["label"] or "not_speech" for r in in_split))}
        genres = {}
        for r in rows:
            g = genres.setdefault(r["genre"], {"documents": set(), "statements": 0})
            g["documents"].add(r["doc_id"])
            g["statements"] += 1
        parts[part] = {"documents": len({r["doc_id"] for r in rows}), "statements": len(rows),
                       "labels": dict(labels), "splits": splits,
                       "genres": {k: {"documents": len(v["documents"]), "statements": v["statements"]}
                                  for k, v in sorted(genres.items())}}
        overall.update(labels)
    return {"parts": parts, "labels": dict(overall),
            "documents": sum(p["documents"] for p in parts.values()),
            "statements": sum(p["statements"] for p in parts.values())}
