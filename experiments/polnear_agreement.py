"""How well PolNeAR's own annotators agree under the library's scorer: the human ceiling of issue 3's PolNeAR figures.

Usage:
    python experiments/polnear_agreement.py experiments/configs/polnear_agreement.toml [--overwrite]

Why: issue 3 asks for statement detection F1 >= 0.80 on PolNeAR's speech-cue
subset.  Some PolNeAR articles were annotated by five or six annotators
(corpus README, "Multiple annotators"); scoring each non-primary annotation
against the primary one with exactly the scorer the library is measured by
(ANNOTATION.md section 5, `count_polnear_document`) shows what a trained human
reaches on the same task, and the library is scored on the same articles
beside it.

Steps: 1. for every article of the configured splits (never test) that has
other annotations, score each other annotator against the primary annotation
(all attributions and the speech-cue subset); 2. run the pipeline on the same
articles and score it against the primary annotation, and against each other
annotator's version; 3. pool the counts per split and over all splits, with
95% bootstrap intervals over (article, annotator) pairs.  Writes
experiments/results/<name>/metrics.json.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ROOT, experiment_parser, start_experiment, summarize_counts, write_json  # noqa: E402

from stance import Pipeline  # noqa: E402
from stance.corpora.paths import corpus_dir  # noqa: E402
from stance.corpora.team import read_polnear  # noqa: E402
from stance.evaluate.polnear import count_polnear_document, polnear_document  # noqa: E402
from stance.provenance import file_fingerprint, git_commit, versions  # noqa: E402
from stance.segment import load_lexicon  # noqa: E402

KEYS = ("n_gold", "n_pred", "n_matched", "statement_p", "statement_r", "statement_f1", "statement_exact_f1",
        "attribution_acc")
SUBSETS = ("all", "speech_cue")


def as_predictions(attributions: list[dict]) -> list[dict]:
    """One annotator's attributions in the shape of the library's records (content span, speaker and its span)."""
    return [{"content_span": (min(s for s, _ in a["content"]), max(e for _, e in a["content"])),
             "speaker": a["source_text"] or None,
             "speaker_span": tuple(a["source"][0]) if a["source"] else None}
            for a in attributions if a["content"] and a["cue"]]


def with_reference(doc: dict, attributions: list[dict]) -> dict:
    """The document with another annotator's attributions as its reference annotation."""
    return {**doc, "attributions": attributions}


def main(argv=None):
    ap = experiment_parser(__doc__)
    a = ap.parse_args(argv)
    config, out = start_experiment(a)
    if "test" in config["splits"]:
        sys.exit("polnear_agreement: PolNeAR test is for final figures only; leave it out of 'splits'")
    lexicon = load_lexicon()
    nlp = Pipeline(classifier=False)
    folder = corpus_dir("polnear") / "jsonl"
    metrics = {"config": config, "versions": versions(), "git_commit": git_commit(ROOT),
               "data_fingerprints": {s: file_fingerprint(folder / f"polnear_{s}.jsonl.gz") for s in config["splits"]}}
    # counts[who][subset][split] -> list of DocCounts, one per (article, reference annotator)
    counts: dict = {who: {sub: {} for sub in SUBSETS} for who in ("human_vs_primary", "system_vs_primary",
                                                                   "system_vs_others")}
    articles = {}
    for split in config["splits"]:
        articles[split] = 0
        for doc in read_polnear((split,)):
            others = doc.get("other_annotations") or {}
            if not others:
                continue
            articles[split] += 1
            system = nlp(polnear_document(doc)).records()
            for sub in SUBSETS:
                kw = {"speech_only": sub == "speech_cue", "lexicon": lexicon}
                scored = [("system_vs_primary", count_polnear_document(doc, system, **kw))]
                for _, atts in sorted(others.items()):
                    scored += [("human_vs_primary", count_polnear_document(doc, as_predictions(atts), **kw)),
                               ("system_vs_others", count_polnear_document(with_reference(doc, atts), system, **kw))]
                for who, c in scored:
                    counts[who][sub].setdefault(split, []).append(c)
    metrics["articles"] = articles
    for who, by_sub in counts.items():
        metrics[who] = {}
        for sub, by_split in by_sub.items():
            block = {split: summarize_counts(v, config, KEYS, unit="pairs") for split, v in sorted(by_split.items())}
            block["pooled"] = summarize_counts([c for v in by_split.values() for c in v], config, KEYS, unit="pairs")
            metrics[who][sub] = block
    write_json(out / "metrics.json", metrics)
    for sub in SUBSETS:
        for who in counts:
            p = metrics[who][sub]["pooled"]
            print(f"{sub:10} {who:18} pairs {p['pairs']:4}  P {p['statement_p']:.3f}  R {p['statement_r']:.3f}  "
                  f"F1 {p['statement_f1']:.3f} {p['ci95'].get('statement_f1')}  speaker {p['attribution_acc']:.3f}")


if __name__ == "__main__":
    main()
