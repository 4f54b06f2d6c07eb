"""Train the segmenter's learned parts on PolNeAR train, chosen on dev: content ends and the statement filter.

Usage:
    python experiments/train_boundary_model.py experiments/configs/boundary_model.toml [--output DIR] [--check]

1. Content ends (`stance.segment.boundary`): segment PolNeAR train with the
   rules, recording every content after a cue with its candidate ends (the
   boundaries where it may end, and its longest end) and their features; for
   a statement whose cue is a PolNeAR cue, the candidate at the gold end (or
   the nearest) is positive, the others negative.
2. Statement filter (`stance.segment.statement_filter`): segment PolNeAR train
   as the pipeline does (content ends by the rules); a cued statement is
   positive when its cue is a PolNeAR cue or its content matches a PolNeAR
   content (ANNOTATION.md section 5), negative otherwise (cues with a stance
   of their own, which the filter never drops, are left out).
3. Each is a logistic regression (DictVectorizer + LogisticRegression, fixed
   seed) over the features seen at least ``min_count`` times; its
   regularisation strength (and the filter's threshold) are chosen by the
   statement-detection F1 of the speech-cue subset on PolNeAR dev, among the
   settings that keep the team gold's dev detection F1 (examples, White House)
   at least at the rules' figure.  Test is never read.
4. Both are written as plain data (``stance/resources/models/content_end.json``,
   ``statement_filter.json``: weights, intercept, threshold, versions,
   training-data fingerprint, seed, the dev scores of the grid).  ``--check``
   trains again and verifies that both files are reproduced bit for bit.
"""

from __future__ import annotations

import filecmp
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ROOT, experiment_parser, load_config  # noqa: E402

from stance import Pipeline  # noqa: E402
from stance.corpora import recorded_splits_or_rule  # noqa: E402
from stance.corpora.team import read_polnear, team_documents  # noqa: E402
from stance.evaluate import count_document, score_counts  # noqa: E402
from stance.evaluate.metrics import DocCounts  # noqa: E402
from stance.evaluate.polnear import count_polnear_document, polnear_document  # noqa: E402
from stance.provenance import data_fingerprint, versions  # noqa: E402
from stance.segment import load_lexicon  # noqa: E402
from stance.evaluate.matching import match_spans  # noqa: E402
from stance.segment import boundary, statement_filter  # noqa: E402
from stance.segment.boundary import ContentEndModel  # noqa: E402
from stance.segment.segmenter import RuleSegmenter  # noqa: E402
from stance.segment.statement_filter import StatementFilter, stance_cue, statement_features  # noqa: E402

DEFAULT_OUTPUT = ROOT / "stance" / "resources" / "models"
FILES = (boundary.MODEL_FILE, statement_filter.MODEL_FILE)
_TRIM = " \t\r\n\u00a0,;:.\u2014\u2013-\"'\u201c\u201d\u2018\u2019\u00ab\u00bb"


class Recorder:
    """A content-end chooser that keeps the rule's choice and records every candidate it was offered."""

    def __init__(self):
        self.records = []

    def choose(self, span, candidates):
        candidates = list(candidates)
        self.records.append((span, candidates))
        return next((end for end, features in candidates if "rule" in features), None)


def _trimmed_end(text: str, lo: int, hi: int) -> int:
    while hi > lo and text[hi - 1] in _TRIM:
        hi -= 1
    return hi


def _overlap(a, b) -> int:
    return min(a[1], b[1]) - max(a[0], b[0])


def end_rows(docs) -> tuple[list[list[str]], list[int]]:
    """Features and labels of the candidate ends of PolNeAR contents (see the module docstring, step 1)."""
    X, y = [], []
    for doc in docs:
        text = doc["text"]
        recorder = Recorder()
        statements = RuleSegmenter(content_ends=recorder, statement_filter=None).segment(polnear_document(doc))
        cue_of = {st.content_span.start: st.cue_span for st, _ in statements if st.cue_span is not None}
        for (lo, hi), candidates in recorder.records:
            cue = cue_of.get(lo)
            if cue is None:
                continue  # the content was refused after all
            gold = [(min(s for s, _ in a["content"]), max(e for _, e in a["content"]))
                    for a in doc["attributions"] if a["content"] and a["cue"]
                    and any(_overlap((s, e), (cue.start, cue.end)) > 0 for s, e in a["cue"])]
            gold = [g for g in gold if _overlap(g, (lo, hi)) > 0]
            if not gold:
                continue  # a statement PolNeAR does not have: nothing to learn about its end
            g_end = _trimmed_end(text, lo, max(gold, key=lambda g: _overlap(g, (lo, hi)))[1])
            ends = [_trimmed_end(text, lo, end) for end, _ in candidates]
            best = min(range(len(ends)), key=lambda i: abs(ends[i] - g_end))  # the gold end, or the nearest
            for i, (_, features) in enumerate(candidates):
                X.append(features)
                y.append(int(i == best))
    return X, y


def filter_rows(docs, content_ends) -> tuple[list[list[str]], list[int]]:
    """Features and labels of the cued statements found in PolNeAR (see the module docstring, step 2)."""
    X, y, lexicon = [], [], load_lexicon()
    for doc in docs:
        text = doc["text"]
        statements = RuleSegmenter(content_ends=content_ends, statement_filter=None).segment(polnear_document(doc))
        gold = [a for a in doc["attributions"] if a["content"] and a["cue"]]
        gold_contents = [(min(s for s, _ in a["content"]), max(e for _, e in a["content"])) for a in gold]
        for i, (st, _) in enumerate(statements):
            if st.cue_span is None or stance_cue(text, st, lexicon):
                continue  # never filtered (a quotation's continuation, a cue with a stance of its own)
            cue = (st.cue_span.start, st.cue_span.end)
            right = (any(_overlap(c, cue) > 0 for a in gold for c in a["cue"])
                     or bool(match_spans(text, gold_contents, [(st.content_span.start, st.content_span.end)])))
            X.append(statement_features(text, statements, i))
            y.append(int(right))
    return X, y


def fit(X, y, C: float, min_count: int, seed: int) -> tuple[dict, float]:
    """Weights and intercept of a logistic regression over the features seen at least ``min_count`` times."""
    from collections import Counter

    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    counts = Counter(f for row in X for f in row)
    rows = [{f: 1.0 for f in row if counts[f] >= min_count} for row in X]
    vec = DictVectorizer(sort=True)
    M = vec.fit_transform(rows)
    lr = LogisticRegression(C=C, max_iter=2000, random_state=seed, solver="lbfgs")
    lr.fit(M, y)
    weights = {f: round(float(w), 6) for f, w in zip(vec.get_feature_names_out(), lr.coef_[0]) if round(float(w), 6)}
    return weights, round(float(lr.intercept_[0]), 6)


def dev_scores(split: str, content_ends, keep) -> dict:
    """Statement detection on a PolNeAR split with the given content-end model and filter (None: the rules)."""
    lexicon = load_lexicon()
    nlp = Pipeline(segmenter=RuleSegmenter(content_ends=content_ends, statement_filter=keep), classifier=False)
    total_all, total_speech = DocCounts("*"), DocCounts("*")
    for doc in read_polnear((split,)):
        recs = nlp(polnear_document(doc)).records()
        total_all = total_all + count_polnear_document(doc, recs)
        total_speech = total_speech + count_polnear_document(doc, recs, speech_only=True, lexicon=lexicon)
    out = {}
    for name, c in (("speech_cue", total_speech), ("all", total_all)):
        s = score_counts(c)
        out[name] = {k: round(s[k], 4) for k in ("statement_p", "statement_r", "statement_f1")}
    return out


def team_scores(split: str, content_ends, keep) -> dict:
    """Statement detection F1 on the team gold's ``split`` (examples and White House), as the pipeline runs."""
    splits = recorded_splits_or_rule()
    nlp = Pipeline(segmenter=RuleSegmenter(content_ends=content_ends, statement_filter=keep), classifier=False)
    out = {}
    for part in ("examples", "wh_gold"):
        total = DocCounts("*")
        for g in team_documents(part):
            if splits(part, g.doc_id) == split:
                total = total + count_document(g, nlp(g.document).records())
        out[part] = round(score_counts(total)["statement_f1"], 4)
    return out


def _choose(config: dict, X, y, make, scores_of, floor: dict) -> tuple[object, list]:
    """The model of the grid (C, threshold) with the best PolNeAR speech-cue F1 among those that keep the
    team gold's dev F1 at ``floor`` or above (the project's own annotation must not pay for PolNeAR's),
    and the grid's scores."""
    grid, best = [], None
    for C in config["C"]:
        weights, intercept = fit(X, y, C, config["min_count"], config["seed"])
        for threshold in config.get("thresholds", [0.5]):
            model = make(weights, intercept, threshold, {"C": C})
            scores = scores_of(model)
            grid.append({"C": C, "threshold": threshold, **scores})
            print(grid[-1], flush=True)
            if all(scores["team"][k] >= floor[k] for k in floor) and (
                    best is None or scores["speech_cue"]["statement_f1"] > best[0]):
                best = (scores["speech_cue"]["statement_f1"], model)
    if best is None:
        sys.exit("no setting of the grid keeps the team gold's dev figures")
    return best[1], grid


def train(config: dict) -> tuple[ContentEndModel, StatementFilter]:
    if "test" in (config["train_split"], config["choose_split"]):
        sys.exit("train on train and choose on dev; never on test")
    docs = list(read_polnear((config["train_split"],)))
    dev = config["choose_split"]
    common = {"trained_on": f"PolNeAR {config['train_split']}", "chosen_on": f"PolNeAR {dev}",
              "data_fingerprint": data_fingerprint((d["doc_id"], d["text"], d["attributions"]) for d in docs),
              "seed": config["seed"],
              "versions": {k: v for k, v in versions().items() if k in ("python", "stance", "scikit-learn", "numpy")}}
    rules = {**dev_scores(dev, None, None), "team": team_scores(dev, None, None)}
    print("rules only:", rules, flush=True)

    X, y = end_rows(docs)
    print(f"content ends: {len(docs)} documents, {len(X)} candidates, {sum(y)} gold ends", flush=True)
    settings = {**config["content_end"], "seed": config["seed"]}
    ends, grid = _choose(settings, X, y, lambda w, b, t, meta: ContentEndModel(w, b, t, metadata=meta),
                         lambda m: {**dev_scores(dev, m, None), "team": team_scores(dev, m, None)}, rules["team"])
    ends.metadata = {**common, **ends.metadata, "min_count": settings["min_count"], "candidates": len(X),
                     "gold_ends": sum(y), "rules_only": rules, "grid": grid}

    # the pipeline's default content ends are the rules (the learned ones gain nothing on dev: docs/segmentation.md)
    X, y = filter_rows(docs, None)
    print(f"statement filter: {len(X)} cued statements, {sum(y)} right", flush=True)
    settings = {**config["statement_filter"], "seed": config["seed"]}
    keep, grid = _choose(settings, X, y, lambda w, b, t, meta: StatementFilter(w, b, t, metadata=meta),
                         lambda m: {**dev_scores(dev, None, m), "team": team_scores(dev, None, m)}, rules["team"])
    keep.metadata = {**common, **keep.metadata, "min_count": settings["min_count"], "statements": len(X),
                     "right": sum(y), "without_filter": rules, "grid": grid}
    return ends, keep


def main(argv=None):
    ap = experiment_parser(__doc__)
    ap.add_argument("--output", default=str(DEFAULT_OUTPUT), help="the folder to write the model files to")
    ap.add_argument("--check", action="store_true", help="train again and verify the files are reproduced bit for bit")
    a = ap.parse_args(argv)
    config = load_config(a.config)
    output = Path(a.output)
    if a.check:
        with tempfile.TemporaryDirectory() as tmp:
            for model, name in zip(train(config), FILES):
                model.save(Path(tmp) / name)
            same = [filecmp.cmp(Path(tmp) / name, output / name, shallow=False) for name in FILES]
        for name, ok in zip(FILES, same):
            print(f"{output / name}: {'reproduced bit for bit' if ok else 'DIFFERS from a new training run'}")
        sys.exit(0 if all(same) else 1)
    output.mkdir(parents=True, exist_ok=True)
    for model, name in zip(train(config), FILES):
        model.save(output / name)
        print(f"wrote {output / name}: C={model.metadata['C']}, threshold={model.threshold}, "
              f"{len(model.weights)} weights")


if __name__ == "__main__":
    main()
