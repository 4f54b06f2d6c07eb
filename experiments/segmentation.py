"""Statement finding and speaker attribution: the figures of issue 3 from one command.

Usage:
    python experiments/segmentation.py experiments/configs/segmentation.toml [--overwrite]

Steps: 1. the example article in ../shared (every statement, speaker and label);
2. PolNeAR (document level, ANNOTATION.md section 5 matching on its content
spans), all attributions and the speech-cue subset; 3. the team gold corpus by
genre; every figure with a 95% bootstrap interval over documents.  Writes
experiments/results/<name>/metrics.json and predictions.jsonl (offsets and
names, not the documents' words: `_common.text_free`).
"""

from __future__ import annotations

import gzip
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ROOT, experiment_parser, start_experiment, summarize_counts, text_free, write_json  # noqa: E402

from stance import Pipeline  # noqa: E402
from stance.corpora import read_gold, recorded_splits_or_rule  # noqa: E402
from stance.corpora.paths import corpus_dir  # noqa: E402
from stance.corpora.team import read_polnear, team_documents  # noqa: E402
from stance.evaluate import count_document  # noqa: E402
from stance.evaluate.polnear import count_polnear_document, polnear_document  # noqa: E402
from stance.provenance import git_commit, versions  # noqa: E402
from stance.segment import load_lexicon  # noqa: E402


KEYS = ("n_gold", "n_pred", "n_matched", "statement_p", "statement_r", "statement_f1", "statement_exact_f1",
        "attribution_acc", "attribution_f1", "e2e_f1", "matched_label_macro_f1")


def silver_chains(split: str) -> dict:
    path = corpus_dir("polnear") / "jsonl" / f"polnear_{split}.coref_silver.jsonl.gz"
    if not path.exists():
        return {}
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return {d["doc_id"]: d["chains"] for d in map(json.loads, f)}


def main(argv=None):
    ap = experiment_parser(__doc__)
    a = ap.parse_args(argv)
    config, out = start_experiment(a)
    nlp = Pipeline()
    lexicon = load_lexicon()
    metrics = {"config": config, "versions": versions(), "git_commit": git_commit(ROOT)}
    predictions = []
    t0 = time.perf_counter()

    # 1. the example article
    [gold] = read_gold(ROOT / config["example"])
    recs = nlp(gold.document).records()
    predictions += recs
    metrics["example"] = summarize_counts([count_document(gold, recs)], config, KEYS)

    # 2. PolNeAR
    plain = Pipeline(classifier=False)
    for split in config["polnear_splits"]:
        chains = silver_chains(split)
        per_all, per_speech = [], []
        t = time.perf_counter()
        for doc in read_polnear((split,)):
            recs = plain(polnear_document(doc)).records()
            per_all.append(count_polnear_document(doc, recs, chains=chains.get(doc["doc_id"])))
            per_speech.append(count_polnear_document(doc, recs, speech_only=True, lexicon=lexicon,
                                                     chains=chains.get(doc["doc_id"])))
        seconds = time.perf_counter() - t
        metrics[f"polnear_{split}"] = {"documents": len(per_all), "docs_per_second": round(len(per_all) / seconds, 1),
                                       "all": summarize_counts(per_all, config, KEYS),
                                       "speech_cue": summarize_counts(per_speech, config, KEYS)}

    # 3. the team gold corpus, by genre
    splits = recorded_splits_or_rule()
    for part in config["team_parts"]:
        docs = team_documents(part)
        for split in config["team_splits"]:
            by_genre: dict[str, list] = {}
            for g in docs:
                if splits(part, g.doc_id) != split:
                    continue
                analysis = nlp(g.document)
                recs = analysis.records()
                predictions += recs
                c = count_document(g, recs, analysis.entities)
                by_genre.setdefault(g.document.metadata.get("genre", ""), []).append(c)
                by_genre.setdefault("all", []).append(c)
            metrics[f"team_{part}_{split}"] = {k: summarize_counts(v, config, KEYS)
                                               for k, v in sorted(by_genre.items())}
    metrics["seconds"] = round(time.perf_counter() - t0, 1)
    write_json(out / "metrics.json", metrics)
    with open(out / "predictions.jsonl", "w", encoding="utf-8") as f:
        for r in predictions:
            f.write(json.dumps(text_free(r), ensure_ascii=False) + "\n")
    print(json.dumps({k: v for k, v in metrics.items() if k not in ("config", "versions")}, indent=1))


if __name__ == "__main__":
    main()
