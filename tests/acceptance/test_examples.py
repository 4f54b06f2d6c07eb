"""Acceptance: the real example article in ../shared, and the team's bundled examples, scored by ANNOTATION.md §5."""

import pytest

from stance import Pipeline
from stance.corpora import read_gold
from stance.evaluate import score

PIPE = Pipeline()


@pytest.mark.corpora
def test_japan_russia_example_all_statements_speakers_and_labels(shared_dir):
    [gold] = read_gold(shared_dir / "examples" / "japan-russia-meeting.gold.json")
    result = PIPE(gold.document)
    s = score([gold], result.records())
    assert (s["n_gold"], s["n_pred"], s["n_matched"]) == (8, 8, 8)
    assert s["attribution_acc"] == 1.0
    assert s["e2e_f1"] == 1.0


def test_bundled_examples_regression_floor(examples_dir):
    """Guards against regressions on the team-written examples (figures are reported by experiments/)."""
    gold = read_gold(examples_dir)
    preds = [r for g in gold for r in PIPE(g.document).records()]
    s = score(gold, preds)
    assert s["statement_f1"] >= 0.70, s
    assert s["attribution_acc"] >= 0.55, s
    assert s["matched_label_macro_f1"] >= 0.60, s
