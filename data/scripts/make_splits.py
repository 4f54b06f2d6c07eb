"""Record the fixed train / dev / test split of every document of the team corpus in data/splits.json.

The split of a document is `stance.corpora.split_of(doc_id)` (a SHA-256 bucket of
its id: about 70 / 15 / 15 per cent), so it never changes when documents are
added; this file records it for readers and other tools, and the tests check
that it agrees and that no document is in two splits.  The documents of a
train-only part (`stance.corpora.team.TRAIN_ONLY_PARTS`: ``training_articles``)
are all ``train``, whatever the rule says, so adding them leaves dev and test
as they were.

Usage: python data/scripts/make_splits.py
"""
import json
from collections import Counter
from pathlib import Path

from stance.corpora.team import TRAIN_ONLY_PARTS, read_polnear_labels, split_in_part

DATA = Path(__file__).resolve().parent.parent


def main():
    docs = {
        "examples": sorted(p.name[: -len(".gold.json")] for p in (DATA / "examples").glob("*.gold.json")),
        "wh_gold": sorted(json.loads(p.read_text(encoding="utf-8"))["doc_id"]
                          for p in (DATA / "wh_gold").glob("*.gold.json")),
        "polnear": sorted({r["doc_id"] for r in read_polnear_labels(DATA)}),
        "training_articles": sorted(p.name[: -len(".gold.json")]
                                    for p in (DATA / "training_articles").glob("*.gold.json")),
    }
    out = {"version": 1, "rule": "stance.corpora.split_of(doc_id): sha256('stance-splits-v1:' + doc_id) % 100: "
                                 "< 70 train, < 85 dev, else test; every document of a train-only part "
                                 f"({', '.join(sorted(TRAIN_ONLY_PARTS))}) is train",
           "documents": {part: {d: split_in_part(part, d) for d in ids} for part, ids in docs.items()}}
    (DATA / "splits.json").write_text(json.dumps(out, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    for part, m in out["documents"].items():
        print(part, dict(Counter(m.values())))


if __name__ == "__main__":
    main()
