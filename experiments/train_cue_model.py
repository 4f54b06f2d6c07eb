"""Train the learned verb-cue model on PolNeAR train and save it as plain data (issue 3).

Usage:
    python experiments/train_cue_model.py experiments/configs/cue_model.toml [--output FILE] [--check]

Steps: 1. candidates: every speech verb form of the lexicon in the body sentences the segmenter reads
(except those the rules refuse for good: a name, a plural noun, an interaction), labelled 1 when it lies
inside a PolNeAR cue span (of any attribution), with the features of
`stance.segment.cue_model.cue_features`; 2. keep the features seen at least ``min_count`` times in train;
3. for each C of the config, fit a logistic regression (`_common.fit_logistic`: DictVectorizer +
LogisticRegression, fixed seed) on train and measure the log loss on dev; keep the best C; 4. the
threshold is the config's (chosen on dev end to end, see the config), else the one with the best F1 on
dev candidates; 5. check that the plain model scores the dev candidates as scikit-learn does, and save
``feature -> weight``, the intercept, the threshold and metadata (versions, data fingerprints, seed,
figures) as JSON (`stance.segment.plain_model`).
``--check`` trains again and compares the bytes with the saved file (training is deterministic: a
bit-for-bit reproduction).

PolNeAR test is never read.  The JSON holds feature names and weights: single words (lexicon forms and
neighbouring words seen at least ``min_count`` times, a vocabulary), never a sentence of the corpus.
"""

from __future__ import annotations

import bisect
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import body_sentences, fit_logistic, load_config, model_parser, save_or_check  # noqa: E402

from stance.corpora.team import read_polnear  # noqa: E402
from stance.provenance import data_fingerprint, versions  # noqa: E402
from stance.segment import load_lexicon  # noqa: E402
from stance.segment.cue_model import CueModel, cue_features  # noqa: E402
from stance.segment.cues import FINAL_REFUSALS, _is_title_case, verb_refusal  # noqa: E402
from stance.text.tokens import tokenize  # noqa: E402


def candidates(split: str, lexicon) -> tuple[list[list[str]], list[int], str]:
    """Features and labels of every speech-verb candidate of a PolNeAR split, and the split's fingerprint."""
    X, y, items = [], [], []
    for doc in read_polnear((split,)):
        text = doc["text"]
        cues = sorted((s, e) for a in doc["attributions"] for s, e in a["cue"])
        items.append((doc["doc_id"], text, cues))
        starts = [s for s, _ in cues]
        for s, e in body_sentences(text):
            tokens = tokenize(text, s, e)
            title_case = _is_title_case(tokens)
            for i, tok in enumerate(tokens):
                entries = lexicon.verbs.get(tok.lower)
                if not entries or not any(x.speech for x in entries):
                    continue
                refusal = verb_refusal(tokens, i, entries, title_case)
                if refusal in FINAL_REFUSALS:
                    continue  # the model never decides these (a name, a plural noun)
                k = bisect.bisect_right(starts, tok.start)  # cues starting at or before the token, then one more
                inside = any(cues[j][0] < tok.end and tok.start < cues[j][1] for j in range(max(0, k - 3), k + 1)
                             if j < len(cues))
                X.append(cue_features(tokens, i, entries[0].lemma, refusal, title_case))
                y.append(int(inside))
    return X, y, data_fingerprint(items)


def _f1(y, scores, threshold) -> tuple[float, float, float]:
    tp = sum(1 for t, p in zip(y, scores) if t and p >= threshold)
    pred = sum(1 for p in scores if p >= threshold)
    gold = sum(y)
    p = tp / pred if pred else 0.0
    r = tp / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def train(config: dict) -> CueModel:
    from sklearn.metrics import log_loss

    lexicon = load_lexicon()
    X_train, y_train, fp_train = candidates("train", lexicon)
    X_dev, y_dev, fp_dev = candidates("dev", lexicon)
    fits = []
    for C in config["C"]:
        weights, intercept, proba = fit_logistic(X_train, y_train, C, min_count=config["min_count"],
                                                 seed=config["seed"], max_iter=config["max_iter"],
                                                 digits=config["digits"])
        dev_scores = proba(X_dev)
        fits.append((log_loss(y_dev, dev_scores), C, weights, intercept, dev_scores))
        print(f"C={C}: dev log loss {fits[-1][0]:.4f}", file=sys.stderr)
    loss, C, weights, intercept, dev_scores = min(fits, key=lambda f: (f[0], f[1]))
    grid = [round(0.05 * k, 2) for k in range(2, 19)]
    best_on_candidates = max(grid, key=lambda t: (_f1(y_dev, dev_scores, t)[2], -t))
    threshold = config.get("threshold") or best_on_candidates
    p, r, f = _f1(y_dev, dev_scores, threshold)
    # the hand rules alone on the same dev candidates, for comparison
    rule_scores = [0.0 if any(x.startswith("rule=") and x != "rule=none" for x in feats) else 1.0 for feats in X_dev]
    rp, rr, rf = _f1(y_dev, rule_scores, 0.5)
    meta = {
        "trained_on": "PolNeAR train: speech verbs of the lexicon in body sentences; label: inside a PolNeAR cue",
        "config": config, "C": C, "versions": versions(),
        "data": {"train_fingerprint": fp_train, "dev_fingerprint": fp_dev,
                 "train_candidates": len(y_train), "train_positive": sum(y_train),
                 "dev_candidates": len(y_dev), "dev_positive": sum(y_dev)},
        "dev": {"log_loss": round(loss, 4), "precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
                "threshold_best_on_candidates": best_on_candidates,
                "rules_precision": round(rp, 4), "rules_recall": round(rr, 4), "rules_f1": round(rf, 4)},
    }
    model = CueModel(weights, intercept, threshold, metadata=meta)
    # the plain-data model must score as scikit-learn does (up to the rounding of the weights)
    plain = [model.probability(feats) for feats in X_dev]
    meta["dev"]["max_difference_to_sklearn"] = float(f"{max(abs(a - b) for a, b in zip(plain, dev_scores)):.1e}")
    if meta["dev"]["max_difference_to_sklearn"] > 1e-3:
        sys.exit(f"the plain model differs from scikit-learn by {meta['dev']['max_difference_to_sklearn']}")
    return model


def main(argv=None):
    args = model_parser(__doc__).parse_args(argv)
    config = load_config(args.config)
    model = train(config)
    print(json.dumps(model.metadata["dev"]), file=sys.stderr)
    save_or_check(model, args, config)


if __name__ == "__main__":
    main()
