"""Train the segmenter's statement filter for news on PolNeAR train, chosen on dev, and save it as plain data.

Usage:
    python experiments/train_statement_filter.py experiments/configs/statement_filter.toml [--output FILE] [--check]

1. Rows: segment PolNeAR train as the pipeline does (the cue model active,
   no filter); a cued statement is positive when its cue is a PolNeAR cue or
   its content matches a PolNeAR content (ANNOTATION.md section 5), negative
   otherwise; cues with a stance of their own, which the filter never drops,
   are left out.  Features: `stance.segment.statement_filter.statement_features`.
2. For each C of the config a logistic regression (`_common.fit_logistic`)
   over the features seen at least ``min_count`` times; C and the threshold
   are chosen by the statement-detection F1 of the speech-cue subset on
   PolNeAR dev, among the settings that keep the team gold's dev detection F1
   (examples, White House) at least at its figure without the filter.  Test
   is never read.
3. The file (`stance.segment.plain_model`): weights, intercept, threshold,
   versions, training-data fingerprint, seed, the dev scores of the grid.
   ``--check`` trains again and verifies the file is reproduced bit for bit.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import fit_logistic, load_config, model_parser, save_or_check  # noqa: E402

from stance import Pipeline  # noqa: E402
from stance.corpora import recorded_splits_or_rule  # noqa: E402
from stance.corpora.team import read_polnear, team_documents  # noqa: E402
from stance.evaluate import count_document, score_counts  # noqa: E402
from stance.evaluate.matching import match_spans  # noqa: E402
from stance.evaluate.metrics import DocCounts  # noqa: E402
from stance.evaluate.polnear import count_polnear_document, polnear_document  # noqa: E402
from stance.provenance import data_fingerprint, versions  # noqa: E402
from stance.segment import load_lexicon  # noqa: E402
from stance.segment.segmenter import RuleSegmenter  # noqa: E402
from stance.segment.statement_filter import StatementFilter, stance_cue, statement_features  # noqa: E402


def _overlap(a, b) -> int:
    return min(a[1], b[1]) - max(a[0], b[0])


def filter_rows(docs) -> tuple[list[list[str]], list[int]]:
    """Features and labels of the cued statements found in PolNeAR (see the module docstring, step 1)."""
    X, y, lexicon = [], [], load_lexicon()
    segmenter = RuleSegmenter(statement_filter=None)
    for doc in docs:
        text = doc["text"]
        statements = segmenter.segment(polnear_document(doc))
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


def polnear_scores(split: str, keep) -> dict:
    """Statement detection on a PolNeAR split with the filter ``keep`` (None: no filter)."""
    lexicon = load_lexicon()
    nlp = Pipeline(segmenter=RuleSegmenter(statement_filter=keep), classifier=False)
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


def team_scores(split: str, keep) -> dict:
    """Statement detection F1 on the team gold's ``split`` (examples and White House), as the pipeline runs."""
    splits = recorded_splits_or_rule()
    nlp = Pipeline(segmenter=RuleSegmenter(statement_filter=keep), classifier=False)
    out = {}
    for part in ("examples", "wh_gold"):
        total = DocCounts("*")
        for g in team_documents(part):
            if splits(part, g.doc_id) == split:
                total = total + count_document(g, nlp(g.document).records())
        out[part] = round(score_counts(total)["statement_f1"], 4)
    return out


def train(config: dict) -> StatementFilter:
    if "test" in (config["train_split"], config["choose_split"]):
        sys.exit("train on train and choose on dev; never on test")
    docs = list(read_polnear((config["train_split"],)))
    dev = config["choose_split"]
    without = {**polnear_scores(dev, None), "team": team_scores(dev, None)}
    print("without the filter:", without, flush=True)
    X, y = filter_rows(docs)
    print(f"{len(X)} cued statements, {sum(y)} right", flush=True)
    grid, best = [], None
    for C in config["C"]:
        weights, intercept, _ = fit_logistic(X, y, C, min_count=config["min_count"], seed=config["seed"])
        for threshold in config["thresholds"]:
            model = StatementFilter(weights, intercept, threshold, metadata={"C": C})
            scores = {**polnear_scores(dev, model), "team": team_scores(dev, model)}
            grid.append({"C": C, "threshold": threshold, **scores})
            print(grid[-1], flush=True)
            # the project's own annotation must not pay for PolNeAR's
            if all(scores["team"][k] >= without["team"][k] for k in without["team"]) and (
                    best is None or scores["speech_cue"]["statement_f1"] > best[0]):
                best = (scores["speech_cue"]["statement_f1"], model)
    if best is None:
        sys.exit("no setting of the grid keeps the team gold's dev figures")
    model = best[1]
    model.metadata = {
        "trained_on": f"PolNeAR {config['train_split']}", "chosen_on": f"PolNeAR {dev}",
        "data_fingerprint": data_fingerprint((d["doc_id"], d["text"], d["attributions"]) for d in docs),
        "seed": config["seed"], "min_count": config["min_count"], "C": model.metadata["C"],
        "versions": {k: v for k, v in versions().items() if k in ("python", "stance", "scikit-learn", "numpy")},
        "statements": len(X), "right": sum(y), "without_filter": without, "grid": grid}
    return model


def main(argv=None):
    args = model_parser(__doc__).parse_args(argv)
    config = load_config(args.config)
    save_or_check(train(config), args, config)


if __name__ == "__main__":
    main()
