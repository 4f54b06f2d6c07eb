"""Bootstrap intervals and the paired test: known cases, agreement with the scalar scores, determinism."""

import numpy as np
import pytest

from stance.evaluate import DocCounts, score_counts, score_labels
from stance.evaluate.bootstrap import (bootstrap_samples, confidence_intervals, label_counts, paired_bootstrap)

LABELS = ("demand", "concern", "rejection", "other")


def random_counts(n_docs, seed=0, quality=0.7):
    """Per-document counts of a made-up system: labels right with probability ``quality``."""
    rng = np.random.default_rng(seed)
    out = []
    for d in range(n_docs):
        gold = int(rng.integers(0, 12))
        matched = int(rng.binomial(gold, 0.8))
        c = DocCounts(f"d{d}", gold=gold, pred=matched + int(rng.integers(0, 3)), matched=matched)
        c.exact = int(rng.binomial(matched, 0.6))
        c.speaker_ok = int(rng.binomial(matched, 0.7))
        for _ in range(matched):
            g = str(rng.choice(LABELS))
            p = g if rng.random() < quality else str(rng.choice(LABELS))
            c.label_pairs.append((g, p))
        c.e2e = min(c.speaker_ok, sum(g == p for g, p in c.label_pairs))
        out.append(c)
    return out


def test_resampling_one_document_gives_the_scalar_scores_exactly():
    # one document is always drawn: every resample is that document, so every sample is the point estimate,
    # computed by the vectorised formulas; they must equal score_counts and score_labels
    docs = random_counts(25, seed=3)
    docs[0].label_pairs += [("demand", None), (None, "other"), ("demand", "accusation")]  # missing, outside
    total = sum(docs, DocCounts("*"))
    samples = bootstrap_samples([total], n_samples=5, seed=0)
    expected = score_counts(total)
    for key, value in expected.items():
        if isinstance(value, float):
            assert np.allclose(samples[key], value, atol=5e-5), key
    labels = score_labels([g for g, _ in total.label_pairs], [p for _, p in total.label_pairs])
    for key in ("label_accuracy", "label_macro_f1", "label_mean_f1_acts"):
        assert np.allclose(samples[key], labels[key]), key
    for lab in LABELS:
        assert np.allclose(samples[f"label_f1_per_type.{lab}"], labels["label_f1_per_type"][lab], atol=5e-5)


def test_vectorised_resamples_equal_a_plain_loop():
    docs = random_counts(12, seed=5)
    n, b = len(docs), 30
    samples = bootstrap_samples(docs, n_samples=b, seed=11)
    idx = np.random.default_rng(11).integers(0, n, size=(b, n))  # the draws the bootstrap makes
    for s in range(b):
        total = sum((docs[i] for i in idx[s]), DocCounts("*"))
        expected = score_counts(total)
        for key in ("statement_f1", "attribution_acc", "e2e_f1", "matched_label_macro_f1"):
            assert samples[key][s] == pytest.approx(expected[key], abs=5e-5), key


def test_interval_contains_the_point_estimate_and_is_deterministic():
    docs = random_counts(40)
    a = confidence_intervals(docs, n_samples=300, seed=7)
    b = confidence_intervals(docs, n_samples=300, seed=7)
    c = confidence_intervals(docs, n_samples=300, seed=8)
    assert a == b and a["intervals"] != c["intervals"]
    flat = [(k, a["point"][k], v) for k, v in a["intervals"].items() if isinstance(v, list)]
    flat += [(f"{k}.{lab}", a["point"][k][lab], v2) for k, v in a["intervals"].items() if isinstance(v, dict)
             for lab, v2 in v.items()]
    assert len(flat) > 20
    for key, point, (lo, hi) in flat:
        assert lo <= point <= hi, key
    assert a["n_docs"] == 40 and a["n_samples"] == 300 and a["seed"] == 7
    # the intervals mirror the score dicts: per class a dict of [low, high]
    assert set(a["intervals"]["label_f1_per_type"]) == set(LABELS)


def test_identical_documents_give_a_point_interval():
    docs = [DocCounts(f"d{i}", gold=4, pred=5, matched=3, exact=2, speaker_ok=2, e2e=1,
                      label_pairs=[("demand", "demand"), ("other", "concern"), ("concern", "concern")])
            for i in range(10)]
    ci = confidence_intervals(docs, n_samples=200, seed=0)
    assert ci["intervals"]["statement_f1"] == [ci["point"]["statement_f1"]] * 2
    assert ci["intervals"]["label_macro_f1"] == [ci["point"]["label_macro_f1"]] * 2


def test_more_documents_narrow_the_interval():
    def width(n):
        lo, hi = confidence_intervals(random_counts(n, seed=1), n_samples=500, seed=0)["intervals"]["statement_f1"]
        return hi - lo

    assert width(200) < width(10)


def test_paired_identical_systems_p_is_one():
    docs = random_counts(30)
    t = paired_bootstrap(docs, docs, metric="e2e_f1", n_samples=500, seed=0)
    assert t["p_value"] == 1.0 and t["difference"] == 0.0 and t["interval"] == [0.0, 0.0]
    assert t["a"] == t["b"] == score_counts(sum(docs, DocCounts("*")))["e2e_f1"]


def test_paired_clearly_better_system_is_significant_and_order_free():
    good, bad = random_counts(40, seed=2, quality=0.95), random_counts(40, seed=2, quality=0.3)
    t = paired_bootstrap(good, bad, metric="matched_label_macro_f1", n_samples=1000, seed=0)
    assert t["difference"] > 0.3 and t["p_value"] < 0.01 and t["interval"][0] > 0
    shuffled = list(reversed(bad))  # documents are paired by doc_id, not by position
    assert paired_bootstrap(good, shuffled, metric="matched_label_macro_f1", n_samples=1000, seed=0) == t
    back = paired_bootstrap(bad, good, metric="matched_label_macro_f1", n_samples=1000, seed=0)
    assert back["difference"] == -t["difference"] and back["p_value"] == t["p_value"]


def test_paired_small_difference_is_not_significant():
    a = random_counts(30, seed=4, quality=0.7)
    b = [DocCounts(c.doc_id, c.gold, c.pred, c.matched, c.exact, c.speaker_ok, c.e2e, list(c.label_pairs)) for c in a]
    b[0].speaker_ok = max(0, b[0].speaker_ok - 1)  # one speaker fewer in one document
    t = paired_bootstrap(a, b, metric="attribution_acc", n_samples=1000, seed=0)
    assert 0 < t["difference"] < 0.02 and t["p_value"] > 0.05


def test_paired_needs_the_same_documents_and_a_known_metric():
    docs = random_counts(5)
    with pytest.raises(ValueError, match="different documents"):
        paired_bootstrap(docs, docs[:4])
    with pytest.raises(ValueError, match="unknown metric"):
        paired_bootstrap(docs, docs, metric="f2")


def test_labels_on_gold_segmentation_resample_documents():
    gold = ["demand", "concern", "other", "other", "rejection", "demand"] * 10
    pred = ["demand", "other", "other", "other", "rejection", "concern"] * 10
    docs = [f"doc{i // 6}" for i in range(60)]
    counts = label_counts(gold, pred, docs)
    assert len(counts) == 10
    ci = confidence_intervals(counts, n_samples=200, seed=0, labels_only=True)
    expected = score_labels(gold, pred)
    assert ci["point"]["label_macro_f1"] == round(expected["label_macro_f1"], 4)
    assert "statement_f1" not in ci["point"] and "label_f1_per_type" in ci["intervals"]
    t = paired_bootstrap(counts, label_counts(gold, gold, docs), metric="label_f1_per_type.demand", n_samples=200)
    assert t["b"] == 1.0 and t["difference"] < 0
    with pytest.raises(ValueError, match="differ in length"):
        label_counts(gold, pred[:-1], docs)


def test_bad_arguments():
    docs = random_counts(3)
    with pytest.raises(ValueError, match="n_samples"):
        bootstrap_samples(docs, n_samples=0)
    with pytest.raises(ValueError, match="no documents"):
        bootstrap_samples([], n_samples=10)
    with pytest.raises(ValueError, match="confidence"):
        confidence_intervals(docs, confidence=95)


def test_a_thousand_resamples_of_a_thousand_documents_are_fast():
    import time

    docs = random_counts(1000)
    t0 = time.perf_counter()
    confidence_intervals(docs, n_samples=1000, seed=0)
    assert time.perf_counter() - t0 < 10
