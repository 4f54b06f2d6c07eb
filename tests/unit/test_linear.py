"""The trained classifiers: estimator contract, text pipelines, determinism, model files, weak labels."""

import hashlib
import operator
import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.model_selection import GridSearchCV, GroupKFold
from sklearn.utils.estimator_checks import parametrize_with_checks

from stance.classify import (DEFAULT_SCHEME, CalibratedLinearClassifier, CueLexiconClassifier, LabelScheme,
                             document_groups, load_model, make_linear_model, save_model, sentence_views,
                             statement_table)
from stance.classify.features import (content_frame, cue_frame_signals, cue_is_negated, cue_label, denial_signals,
                                     lexicon_group, lexicon_signals, modality_signals, object_kind)
from stance.classify.persistence import TRUSTED_TYPES
from stance.classify.training import fit_self_trained, fit_statement_model, weigh_parts
from stance.classify.weak import narration_labels, self_label, weak_label
from stance.errors import ModelFileError, StanceWarning
from stance.evaluate import score_labels
from stance.segment.lexicon import load_lexicon
from stance.text.tokens import tokenize

# a small invented training set: three documents per label, each act worded a few ways
_ACTS = {
    "demand": [("urged", "{p} to withdraw its troops"), ("called on", "{p} to release the crew"),
               ("said", "{p} must stop the tests immediately"), ("demanded", "that {p} resume the talks")],
    "concern": [("expressed concern about", "the tests by {p}"), ("condemned", "the strikes on {p}"),
                ("said", "it is a clear violation of international law by {p}"), ("criticised", "{p} for the raid")],
    "rejection": [("rejected", "the demand by {p}"), ("said", "it cannot approve of the protest by {p}"),
                  ("dismissed", "the claims of {p} as groundless"), ("refused", "the request from {p}")],
    "other": [("announced", "it held talks with {p}"), ("said", "the meeting with {p} took place on Friday"),
              ("noted", "that {p} had sent a delegation"), ("welcomed", "the visit by {p}")],
}
_PARTIES = ["Russia", "Japan", "the ministry", "Tokyo", "Seoul", "the council"]


def _data():
    X, y = [], []
    for label, forms in _ACTS.items():
        for k, party in enumerate(_PARTIES):
            for cue, content in forms:
                content = content.format(p=party)
                X.append({"doc_id": f"{label}-{k % 3}", "cue": cue, "content": content,
                          "context": f"The spokesperson {cue} {content}", "quote_type": "indirect"})
                y.append(label)
    return X, y


X, Y = _data()


def _expected_failures(estimator):
    failures = {}
    if estimator.estimator != "svm":
        reason = ("calibration folds: repeating a row can put its copies in different folds, which weighting it "
                  "cannot, so weights and repetitions give (slightly) different calibrated probabilities")
        failures.update({"check_sample_weight_equivalence_on_dense_data": reason,
                         "check_sample_weight_equivalence_on_sparse_data": reason})
    if estimator.calibration is not None:
        failures["check_class_weight_classifiers"] = (
            "calibration maps the scores back to the observed class frequencies, which undoes extreme class "
            "weights (as with sklearn's CalibratedClassifierCV)")
    return failures


@parametrize_with_checks([CalibratedLinearClassifier(cv=3), CalibratedLinearClassifier(estimator="svm", cv=3),
                          CalibratedLinearClassifier(estimator="both", calibration=None, cv=3)],
                         expected_failed_checks=_expected_failures)
def test_sklearn_estimator_checks(estimator, check):
    """scikit-learn's own checks, on numeric X (the custom classifier behind the text pipelines)."""
    check(estimator)


def test_classes_follow_the_scheme_and_calibration_keeps_documents_apart():
    M = np.random.default_rng(0).normal(size=(60, 4))
    y = np.array(["concern", "demand"] * 30)
    clf = CalibratedLinearClassifier(scheme="stance4").fit(M, y, groups=[f"d{i % 6}" for i in range(60)])
    assert list(clf.classes_) == list(DEFAULT_SCHEME.labels)
    proba = clf.predict_proba(M)
    assert proba.shape == (60, 4) and np.allclose(proba.sum(axis=1), 1)
    assert np.all(proba[:, [2, 3]] == 0)  # never seen in training: probability 0
    folds = clf.estimator_.cv.test_fold
    for doc in range(6):  # a document's rows all fall in one calibration fold
        assert len(set(folds[[i for i in range(60) if i % 6 == doc]])) == 1
    with pytest.raises(ValueError, match="not in scheme"):
        CalibratedLinearClassifier(scheme="stance4").fit(M, ["accusation"] * 30 + ["demand"] * 30)
    with pytest.raises(ValueError, match="estimator"):
        CalibratedLinearClassifier(estimator="forest").fit(M, y)


def test_text_pipeline_learns_clones_and_grid_searches():
    model = make_linear_model(calibration=None)
    assert clone(model).get_params()["classifier__logreg_C"] == 10.0
    model.set_params(classifier__logreg_C=5.0, features__columns__context_words__min_df=1)
    assert model.get_params()["classifier__logreg_C"] == 5.0
    model.fit(X, Y, classifier__groups=document_groups(X))
    assert list(model.classes_) == list(DEFAULT_SCHEME.labels)
    assert score_labels(Y, model.predict(X))["label_macro_f1"] == 1.0
    new = [{"content": "Seoul to stop the drills", "cue": "urged"}, {"content": "the proposal", "cue": "rejected"}]
    assert list(model.predict(new)) == ["demand", "rejection"]
    search = GridSearchCV(make_linear_model(calibration=None, char_ngrams=None), {"classifier__logreg_C": [1.0, 10.0]},
                          cv=GroupKFold(n_splits=3), scoring="f1_macro")
    search.fit(X, Y, groups=[x["doc_id"] for x in X])
    assert search.best_params_["classifier__logreg_C"] in (1.0, 10.0) and search.best_score_ > 0.5
    with pytest.raises(ValueError, match="single"):
        model.predict({"content": "a lone record"})


def test_probabilities_are_calibrated_scores_and_decision_function_agrees():
    model = make_linear_model(estimator="both", cv=3).fit(X, Y, classifier__groups=document_groups(X))
    proba = model.predict_proba(X)
    assert proba.shape == (len(X), 4) and np.allclose(proba.sum(axis=1), 1)
    assert np.array_equal(model.classes_[proba.argmax(axis=1)], model.predict(X))
    assert np.array_equal(model.decision_function(X).argmax(axis=1), proba.argmax(axis=1))


def test_lexicon_features_read_negation_and_modality():
    lex = load_lexicon("en")
    f = lexicon_signals({"content": "that it simply cannot approve of the envoy's protest", "cue": "said"}, lex)
    assert f["cue_label=neutral"] == 1 and f["mod:neg_ability"] == 1 and f["content_rejection"] == 1
    f = lexicon_signals({"content": "Yemen has rejected a U.S. request", "cue": ""}, lex)
    assert f["cue_label=none"] == 1 and f["first_content_cue=rejection"] == 1
    f = lexicon_signals({"content": "a deal", "cue": "did not call for"}, lex)
    assert f["cue_negated"] == 1 and f["cue_label=demand&negated"] == 1
    m = modality_signals("We will not sign, and they must act. Won't you?")
    assert (m["neg_volition"], m["obligation"], m["question"], m["first_person"]) == (2, 1, 1, 1)


def test_cue_frames_join_the_cue_with_the_shape_of_its_content():
    lex = load_lexicon("en")
    assert [content_frame([t.lower for t in tokenize(c)]) for c in (
        "that the talks failed", "to sign the deal", "not to strike", "the firm to pay", "Ana, Omar and Li to leave",
        "the navy against further drills", "whether it would sign", "of a wider war", '"We will not sign"',
        "the new budget")] == ["that", "to", "not_to", "obj_to", "obj_to", "obj_against", "wh", "prep_of", "quote",
                               "np"]
    f = cue_frame_signals("asked", [t.lower for t in tokenize("the firm to pay")], lex)
    assert f["cue_lemma=ask&frame=obj_to"] == 1 and f["cue_label=neutral&frame=obj_to"] == 1
    f = cue_frame_signals("insisted", [t.lower for t in tokenize("that it was not true")], lex)
    assert f["cue_lemma=insist&content_negated"] == 1 and "cue_lemma=insist&negated" not in f
    assert "cue_lemma=ask&frame=obj_to" not in lexicon_signals({"content": "the firm to pay", "cue": "asked"}, lex,
                                                               cue_frames=False)
    f = lexicon_signals({"content": "The ministry asked the firm to pay", "cue": ""}, lex)  # no cue: the one inside
    assert f["inner_lemma=ask&frame=obj_to"] == 1 and f["cue_lemma=none"] == 1
    assert not any(k.startswith("inner_") for k in lexicon_signals({"content": "the firm to pay", "cue": "asked"}, lex))


def test_cue_act_comes_from_its_act_carrying_word_and_phrase_negation_is_the_act():
    lex = load_lexicon("en")
    assert cue_label("shut down the questions by rejecting", lex) == "rejection"  # not the neutral "questions"
    assert cue_label("told reporters", lex) == "neutral"
    assert cue_is_negated("did not call for", lex) and cue_is_negated("never accused", lex)
    assert not cue_is_negated("cannot accept", lex) and cue_is_negated("cannot accept")  # the phrase is a refusal
    f = lexicon_signals({"content": "the proposal", "cue": "will not accept"}, lex)
    assert f["cue_label=rejection"] == 1 and "cue_negated" not in f
    baseline = CueLexiconClassifier().fit(X, Y)
    assert baseline.explain({"content": "the proposal", "cue": "will not accept"}) == "rejection (rule cue:rejection)"
    assert baseline.explain({"content": "sanctions", "cue": "did not call for"}) == "other (rule cue_negated)"


def test_objects_and_denials_say_what_the_act_answers():
    lex = load_lexicon("en")
    toks = lambda text: [t.lower for t in tokenize(text)]  # noqa: E731
    assert [object_kind(toks(c)) for c in (
        "the allegations as baseless", "Tokyo's latest proposal", "the new tariffs", "violence",
        "that the claim was false", "the draft quota")] == ["claim", "proposal", None, None, None, "proposal"]
    assert denial_signals(toks("“I never said that.”")) == {"denial:self_negation": 1.0,
                                                            "denial:self_negation&speech": 1.0}
    assert denial_signals(toks("that it was not true")) == {"denial:not_true": 1.0}
    assert denial_signals(toks("they did not sign it")) == {}
    f = lexicon_signals({"content": "the claims of Seoul", "cue": "dismissed"}, lex, objects=True)
    assert f["object=claim"] == 1 and f["cue_label=rejection&object=claim"] == 1
    assert {lexicon_group(k) for k in f if "object" in k} == {"objects"}
    assert not any("object" in k for k in lexicon_signals({"content": "the claims", "cue": "dismissed"}, lex))
    f = lexicon_signals({"content": "Yemen rejected the request for talks", "cue": ""}, lex, objects=True)
    assert f["inner_label=rejection&object=proposal"] == 1  # no cue: the verb inside the content


def test_self_training_adds_the_confident_predictions_with_their_own_weight():
    groups = document_groups(X)
    unlabelled = [{"doc_id": "u1", "content": "the request by Seoul", "cue": "rejected"},
                  {"doc_id": "u1", "content": "Seoul to stop the drills", "cue": "urged"},
                  {"doc_id": "u2", "content": "a blue sky", "cue": "mused"}]
    model = make_linear_model(estimator="logreg", calibration=None).fit(X, Y, classifier__groups=groups)
    labels = self_label(unlabelled, model, threshold=0.5, source="test")
    assert labels.labels[:2] == ["rejection", "demand"] and labels.rules[0] == "confidence>=0.5"
    proba = model.predict_proba(unlabelled).max(axis=1)
    assert labels.summary()["n_seen"] == 3 and len(labels) == int((proba >= 0.5).sum())
    assert len(self_label(unlabelled, model, threshold=1.01)) == 0
    fitted, kept = fit_self_trained(make_linear_model(estimator="logreg", calibration=None), X, Y, unlabelled,
                                    threshold=0.5, weight=0.3)
    assert kept.labels == labels.labels
    # nothing confident enough: the self-trained model is the gold-only model
    same, none = fit_self_trained(make_linear_model(estimator="logreg", calibration=None), X, Y, unlabelled,
                                  threshold=1.01)
    gold_only = fit_statement_model(make_linear_model(estimator="logreg", calibration=None), X, Y)
    assert len(none) == 0 and np.allclose(same.predict_proba(unlabelled), gold_only.predict_proba(unlabelled))
    assert not np.allclose(fitted.predict_proba(unlabelled), gold_only.predict_proba(unlabelled))


def test_statement_table_and_sentence_views():
    table = statement_table([{"content": "a", "cue": "said"}, "b"])
    assert table.shape == (2, 5) and table[1, 0] == "b" and table[1, 1] == ""
    Xs, ys, w = sentence_views(X[:3], Y[:3], weight=0.2)
    assert len(Xs) == 3 and Xs[0]["cue"] == "" and Xs[0]["content"] == X[0]["context"] and list(w) == [0.2] * 3
    _, _, w = sentence_views(X[:3], Y[:3], weight=0.2 * np.array([1.0, 0.5, 0.0]))  # a row's own weight carries over
    assert list(w) == [0.2, 0.1, 0.0]


def test_part_weights_weigh_rows_and_drop_a_part_at_zero():
    rows = [dict(x, part="real" if i % 2 else "written") for i, x in enumerate(X)]
    kept, labels, w = weigh_parts(rows, Y, {"written": 0.5})
    assert len(kept) == len(rows) and set(w[::2]) == {0.5} and set(w[1::2]) == {1.0}
    kept, labels, w = weigh_parts(rows, Y, {"written": 0})
    assert [x["part"] for x in kept] == ["real"] * (len(rows) // 2) and labels == Y[1::2] and set(w) == {1.0}
    assert len(weigh_parts(rows, Y)[0]) == len(rows)
    with pytest.raises(ValueError, match="negative"):
        weigh_parts(rows, Y, {"real": -1})
    # a lighter part moves the model less; weight 1.0 is the unweighted fit
    new = [{"doc_id": "n1", "part": "written", "cue": "said", "content": "Seoul must stop the drills",
            "context": "", "quote_type": "indirect"}] * 6
    probe = [{"content": "Seoul must stop the drills", "cue": "said", "context": ""}]

    def p_rejection(**weighting):
        model = make_linear_model(estimator="logreg", calibration=None)
        Xa, ya = rows + new, Y + ["rejection"] * 6
        if weighting:
            Xa, ya, w = weigh_parts(Xa, ya, weighting)
            model = fit_statement_model(model, Xa, ya, sample_weight=w)
        else:
            model = fit_statement_model(model, Xa, ya)
        return model.predict_proba(probe)[0, list(model.classes_).index("rejection")]

    assert np.isclose(p_rejection(), p_rejection(written=1.0)) and p_rejection(written=0.1) < p_rejection()


def _fit_and_save(folder):
    model = make_linear_model(estimator="both", cv=3, char_ngrams=(2, 4))
    model.fit(X, Y, classifier__groups=document_groups(X))
    return save_model(model, folder, scheme=DEFAULT_SCHEME, metadata={"metrics": {"n": len(Y)}})


def _sha(folder):
    files = ("model.skops", "inference.json", "inference.npz")
    assert all((folder / name).exists() for name in files)
    return [hashlib.sha256((folder / name).read_bytes()).hexdigest() for name in files]


def test_training_and_saving_are_deterministic(tmp_path):
    """Same data and seed give the same bytes, in this process and in one with another hash seed."""
    a, b = _fit_and_save(tmp_path / "a"), _fit_and_save(tmp_path / "b")
    assert _sha(a) == _sha(b)
    script = textwrap.dedent(f"""
        import sys; sys.path.insert(0, {os.path.dirname(__file__)!r})
        from pathlib import Path
        from test_linear import _fit_and_save
        _fit_and_save(Path({str(tmp_path / 'c')!r}))
    """)
    env = dict(os.environ, PYTHONHASHSEED="12345")
    subprocess.run([sys.executable, "-c", script], check=True, env=env, timeout=300)
    assert _sha(tmp_path / "c") == _sha(a)


def test_model_round_trip_and_refusals(tmp_path):
    folder = _fit_and_save(tmp_path / "m")
    loaded, meta = load_model(folder)
    original = make_linear_model(estimator="both", cv=3, char_ngrams=(2, 4)).fit(
        X, Y, classifier__groups=document_groups(X))
    assert np.allclose(loaded.predict_proba(X), original.predict_proba(X))
    assert meta["label_scheme"]["cameo"]["10"] == "demand" and meta["metrics"] == {"n": len(Y)}
    # a tampered file fails its checksum
    data = bytearray((folder / "model.skops").read_bytes())
    data[len(data) // 2] ^= 0xFF
    (folder / "model.skops").write_bytes(bytes(data))
    with pytest.raises(ModelFileError, match="checksum"):
        load_model(folder)


def test_untrusted_types_are_refused_unless_named(tmp_path):
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import FunctionTransformer

    model = Pipeline([("odd", FunctionTransformer(operator.neg)), ("clf", CalibratedLinearClassifier(cv=3))])
    model.fit(np.abs(np.random.default_rng(0).normal(size=(30, 3))), ["a", "b", "c"] * 10)
    with pytest.warns(StanceWarning, match="without the plain-data form.*_operator.neg"):
        folder = save_model(model, tmp_path / "odd", scheme=LabelScheme("abc", ("a", "b", "c")))
    with pytest.raises(ModelFileError, match="does not trust.*_operator.neg"):
        load_model(folder)
    loaded, _ = load_model(folder, trusted=["_operator.neg"])
    assert list(loaded.classes_) == ["a", "b", "c"]
    assert not any(t.startswith("builtins.") for t in TRUSTED_TYPES)


def test_weak_labels_are_a_separate_product():
    labeller = CueLexiconClassifier().fit(X, Y)
    unlabelled = [{"doc_id": "u1", "content": "the plan", "cue": "rejected"},
                  {"doc_id": "u1", "content": "it rained", "cue": "said"},
                  {"doc_id": "u2", "content": "Tokyo to act", "cue": "urged"}]
    weak = weak_label(unlabelled, labeller, source="test")
    assert weak.labels == ["rejection", "demand"] and weak.rules == ["cue:rejection", "cue:demand"]
    assert weak.summary()["n_seen"] == 3 and weak.summary()["n_kept"] == 2
    Xw, yw, w = weak.training_rows(0.3)
    assert list(w) == [0.3, 0.3] and Xw[0] is unlabelled[0]


def test_narration_rows_are_the_fallback_label_drawn_with_a_seed():
    sentences = [{"doc_id": f"n{i % 4}", "content": f"Crowds marched past the hall for the {i}th night.",
                  "cue": "", "context": ""} for i in range(20)]
    all_rows = narration_labels(sentences, source="test")
    assert all_rows.labels == ["other"] * 20 and set(all_rows.rules) == {"narration"}
    five = narration_labels(sentences, cap=5, seed=1)
    again = narration_labels(sentences, cap=5, seed=1)
    assert len(five) == 5 and five.records == again.records and five.fingerprint() == again.fingerprint()
    positions = [sentences.index(r) for r in five.records]
    assert positions == sorted(positions)  # the draw keeps the corpus order
    assert narration_labels(sentences, cap=5, seed=2).records != five.records
    assert five.fingerprint() != all_rows.fingerprint()
    assert five.summary() | {"fingerprint": None} == {
        "source": "narration", "labeller": "narration sentences", "kept_rules": ["narration"], "n_seen": 20,
        "n_kept": 5, "labels": {"other": 5}, "fingerprint": None}
    three = LabelScheme.from_dict({"name": "three", "labels": ["ask", "refuse", "none"], "fallback": "none"})
    assert set(narration_labels(sentences, scheme=three, cap=3).labels) == {"none"}


def test_narration_rows_turn_cueless_event_sentences_to_other():
    """Invented event reports without a speech act: the gold-only model calls them acts, narration rows fix it."""
    events = [{"doc_id": f"e{i % 3}", "content": f"Police clashed with protesters over the strikes on {p}.", "cue": "",
               "context": ""} for i, p in enumerate(_PARTIES)]
    gold_only = fit_statement_model(make_linear_model(estimator="logreg", calibration=None), X, Y)
    narration = narration_labels(events, source="test")
    with_narration = fit_statement_model(make_linear_model(estimator="logreg", calibration=None), X, Y,
                                         extra=[(narration, 0.5)])
    other = list(gold_only.classes_).index("other")
    assert (with_narration.predict_proba(events)[:, other] > gold_only.predict_proba(events)[:, other]).all()
    assert list(with_narration.predict(X)) == list(gold_only.predict(X))
    # self-training keeps the extra rows it is given
    fitted, _ = fit_self_trained(make_linear_model(estimator="logreg", calibration=None), X, Y, events,
                                 threshold=1.01, extra=[(narration, 0.5)])
    assert np.allclose(fitted.predict_proba(events), with_narration.predict_proba(events))


def test_user_scheme_trains_and_evaluates_without_library_changes():
    """Split ``accusation`` out of ``concern``: a scheme object, relabelled gold, the same factory."""
    five = LabelScheme.from_cameo("stance5", {**DEFAULT_SCHEME.cameo, "112": "accusation"},
                                  labels=("demand", "concern", "accusation", "rejection", "other"),
                                  priority=("demand", "rejection", "accusation", "concern", "other"))
    assert five.cameo_to_label("1122") == "accusation" and five.cameo_to_label("111") == "concern"
    extra = [{"doc_id": f"acc-{k % 3}", "cue": "accused", "content": f"{p} of spying",
              "context": f"The spokesperson accused {p} of spying"} for k, p in enumerate(_PARTIES)]
    X5, y5 = X + extra, Y + ["accusation"] * len(extra)
    model = make_linear_model(scheme=five, calibration=None).fit(X5, y5)
    assert list(model.classes_) == list(five.labels)
    assert model.predict([{"content": "Seoul of lying", "cue": "accused"}])[0] == "accusation"
    scores = score_labels(y5, model.predict(X5), five)
    assert set(scores["label_f1_per_type"]) == set(five.labels)
    lexicon = CueLexiconClassifier(scheme=five).fit(X5, y5)  # lexicon labels outside it fall back
    assert set(lexicon.predict(X5)) <= set(five.labels)


def test_feature_groups_switch_off_for_ablations():
    """content_words=False and lexicon_exclude drop exactly their features; unknown groups are refused."""
    from stance.classify.linear import lexicon_feature_dicts, lexicon_group

    names = {"content_cue=demand": "content_cues", "first_content_cue=rejection": "content_cues",
             "content_concern": "content_signals", "cue_label=neutral": "cue_label", "cue_negated": "cue_label",
             "cue_label=demand&negated": "cue_label", "mod:obligation": "modality", "quote_type=direct": "quote_type"}
    assert {n: lexicon_group(n) for n in names} == names
    table = statement_table([{"content": "we must not accept the demand", "cue": "did not say",
                              "quote_type": "direct"}])
    [every] = lexicon_feature_dicts(table)
    [kept] = lexicon_feature_dicts(table, exclude=("modality", "quote_type"))
    assert {lexicon_group(k) for k in every} >= {"modality", "quote_type", "cue_label"}
    assert kept == {k: v for k, v in every.items() if lexicon_group(k) not in ("modality", "quote_type")}

    def blocks(**kw):
        return [name for name, *_ in make_linear_model(**kw).named_steps["features"]["columns"].transformers]

    assert blocks() == ["content_words", "content_chars", "cue_words", "context_words", "lexicon"]
    assert blocks(content_words=False, char_ngrams=None) == ["cue_words", "context_words", "lexicon"]
    model = make_linear_model(lexicon_exclude=("modality",), char_ngrams=None, calibration=None).fit(X, Y)
    vocabulary = model.named_steps["features"]["columns"].named_transformers_["lexicon"]["vectorize"].vocabulary_
    assert vocabulary and not any(k.startswith("mod:") for k in vocabulary)
    # the default pipeline is unchanged: no exclude argument, so saved models stay byte-identical
    signals = make_linear_model().named_steps["features"]["columns"].transformers[-1][1]["signals"]
    assert signals.kw_args == {"lexicon": "en", "cue_frames": True}
    with pytest.raises(ValueError, match="unknown groups"):
        make_linear_model(lexicon_exclude=("modalities",))
    with pytest.raises(ValueError, match="every feature block"):
        make_linear_model(content_words=False, char_ngrams=None, cue=False, context=False, lexicon=False)


def test_build_estimator_takes_a_scheme_object_the_user_did_not_register(tmp_path):
    """A user's own LabelScheme goes through build_estimator as plain data and survives saving."""
    from stance.classify.persistence import load_model, save_model
    from stance.classify.training import build_estimator

    pro_con = LabelScheme.from_dict({"name": "pro_con_unregistered", "labels": ["pro", "con"], "fallback": "pro",
                                     "priority": ["con", "pro"]})
    rows = [{"doc_id": f"d{k % 4}", "cue": "said", "content": f"{p} {w} the plan", "context": f"{p} said so"}
            for k, (p, w) in enumerate((p, w) for p in _PARTIES for w in ("backs", "opposes"))]
    labels = ["pro" if "backs" in r["content"] else "con" for r in rows]
    for family, params in (("linear", {"calibration": None, "char_ngrams": []}), ("cue_lexicon", {})):
        model = build_estimator(family, params, scheme=pro_con).fit(rows, labels)
        assert list(model.classes_) == ["pro", "con"]
        assert isinstance(model.get_params()["scheme" if family == "cue_lexicon" else "classifier__scheme"], dict)
    save_model(model, tmp_path / "m", scheme=pro_con)
    assert list(load_model(tmp_path / "m")[0].classes_) == ["pro", "con"]


def test_a_word_block_with_no_text_in_training_says_which_parameter_to_switch_off():
    """Statements without cues (claims, say): the error names the empty field and the switch, not sklearn's words."""
    from stance.classify.training import build_estimator, fit_statement_model

    rows = [{"doc_id": f"d{k % 3}", "content": f"{p} must stop the tests", "context": f"{p} must stop the tests"}
            for k, p in enumerate(_PARTIES)]
    labels = ["demand", "other"] * 3
    with pytest.raises(ValueError, match=r"'cue' field; build the model without that block: cue=False"):
        fit_statement_model(build_estimator("linear", {"calibration": None, "char_ngrams": []}), rows, labels)
    model = fit_statement_model(build_estimator("linear", {"calibration": None, "char_ngrams": [], "cue": False}),
                                rows, labels)
    assert list(model.classes_) == ["demand", "concern", "rejection", "other"]
