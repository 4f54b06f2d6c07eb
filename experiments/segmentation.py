"""Statement finding and speaker attribution: the figures of issue 3 from one command.

Usage:
    python experiments/segmentation.py experiments/configs/segmentation.toml [--overwrite]

Steps: 1. the example article in ../shared (every statement, speaker and label);
2. PolNeAR (document level, ANNOTATION.md section 5 matching on its content
spans), all attributions and the speech-cue subset; 3. the team gold corpus by
genre.  Writes experiments/results/<name>/metrics.json and predictions.jsonl.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ROOT, load_config, result_dir, write_json  # noqa: E402

from stance import Pipeline  # noqa: E402
from stance.corpora import read_gold, recorded_splits_or_rule  # noqa: E402
from stance.corpora.paths import corpus_dir  # noqa: E402
from stance.corpora.team import read_polnear, team_documents  # noqa: E402
from stance.evaluate import count_document, score_counts  # noqa: E402
from stance.evaluate.metrics import DocCounts  # noqa: E402
from stance.evaluate.polnear import count_polnear_document, polnear_document  # noqa: E402
from stance.provenance import git_commit, versions  # noqa: E402
from stance.segment import load_lexicon  # noqa: E402


def summarize(counts: DocCounts) -> dict:
    s = score_counts(counts)
    keys = ("n_gold", "n_pred", "n_matched", "statement_p", "statement_r", "statement_f1", "statement_exact_f1",
            "attribution_acc", "attribution_f1", "e2e_f1", "matched_label_macro_f1")
    return {k: s[k] for k in keys if k in s}


def silver_chains(split: str) -> dict:
    path = corpus_dir("polnear") / "jsonl" / f"polnear_{split}.coref_silver.jsonl.gz"
    if not path.exists():
        return {}
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return {d["doc_id"]: d["chains"] for d in map(json.loads, f)}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("config")
    ap.add_argument("--overwrite", action="store_true")
    a = ap.parse_args(argv)
    config = load_config(a.config)
    out = result_dir(config["name"], overwrite=a.overwrite)
    nlp = Pipeline()
    lexicon = load_lexicon()
    metrics = {"config": config, "versions": versions(), "git_commit": git_commit(ROOT)}
    predictions = []
    t0 = time.perf_counter()

    # 1. the example article
    [gold] = read_gold(ROOT / config["example"])
    recs = nlp(gold.document).records()
    predictions += recs
    metrics["example"] = summarize(count_document(gold, recs))

    # 2. PolNeAR
    plain = Pipeline(classifier=False)
    for split in config["polnear_splits"]:
        chains = silver_chains(split)
        total_all, total_speech, n_docs = DocCounts("*"), DocCounts("*"), 0
        t = time.perf_counter()
        for doc in read_polnear((split,)):
            recs = plain(polnear_document(doc)).records()
            total_all = total_all + count_polnear_document(doc, recs, chains=chains.get(doc["doc_id"]))
            total_speech = total_speech + count_polnear_document(doc, recs, speech_only=True, lexicon=lexicon,
                                                                 chains=chains.get(doc["doc_id"]))
            n_docs += 1
        metrics[f"polnear_{split}"] = {"documents": n_docs, "docs_per_second": round(n_docs / (time.perf_counter() - t), 1),
                                       "all": summarize(total_all), "speech_cue": summarize(total_speech)}

    # 3. the team gold corpus, by genre
    splits = recorded_splits_or_rule()
    for part in config["team_parts"]:
        docs = team_documents(part)
        for split in config["team_splits"]:
            by_genre: dict[str, DocCounts] = {}
            for g in docs:
                if splits(part, g.doc_id) != split:
                    continue
                recs = nlp(g.document).records()
                predictions += recs
                c = count_document(g, recs)
                genre = g.document.metadata.get("genre", "")
                by_genre[genre] = by_genre.get(genre, DocCounts("*")) + c
                by_genre["all"] = by_genre.get("all", DocCounts("*")) + c
            metrics[f"team_{part}_{split}"] = {k: summarize(v) for k, v in sorted(by_genre.items())}
    metrics["seconds"] = round(time.perf_counter() - t0, 1)
    write_json(out / "metrics.json", metrics)
    with open(out / "predictions.jsonl", "w", encoding="utf-8") as f:
        for r in predictions:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(json.dumps({k: v for k, v in metrics.items() if k not in ("config", "versions")}, indent=1))


if __name__ == "__main__":
    main()
