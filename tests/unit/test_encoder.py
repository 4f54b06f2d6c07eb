"""The fine-tuned encoder classifier and the soft vote (stance.classify.encoder, stance.classify.vote).

A tiny randomly initialised BERT, built here, stands in for a pretrained
encoder: the tests check the estimator's behaviour, not a model's quality.
"""

import json
import shutil
import sys
import types

import numpy as np
import pytest
from sklearn.base import clone

import stance
from stance.classify import load_model
from stance.classify.encoder import EncoderClassifier, require_encoder_extra, resolve_encoder
from stance.classify.persistence import default_model_path
from stance.classify.vote import SoftVote, save_vote
from stance.errors import ModelFileError, StanceError
from stance.pipeline import _classifier_record

LABELS = ["demand", "concern", "rejection", "other"]
WORDS = {"demand": "urged insisted called halt", "concern": "worried alarmed troubled fear",
         "rejection": "rejected denied dismissed refused", "other": "visited met discussed toured"}


def statements(n_per_label=8):
    X, y = [], []
    for label in LABELS:
        cue, *content = WORDS[label].split()
        for i in range(n_per_label):
            X.append({"doc_id": f"d{i % 3}", "cue": cue, "content": f"the minister {content[i % 3]} the plan {i}"})
            y.append(label)
    return X, y


# a schedule on which the tiny encoder learns the statements below
SCHEDULE = dict(epochs=30, batch_size=8, learning_rate=2e-3, max_length=24, random_state=0, threads=1)


def fitted(tiny_encoder, **kw):
    X, y = statements()
    return EncoderClassifier(encoder=tiny_encoder, **(SCHEDULE | kw)).fit(X, y), X, y


def test_fits_and_predicts_in_scheme_order(tiny_encoder):
    model, X, y = fitted(tiny_encoder)
    assert list(model.classes_) == LABELS
    proba = model.predict_proba(X)
    assert proba.shape == (len(X), 4)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0, atol=1e-6)
    # the cue words separate the labels: a fitted encoder gets its own training statements right
    assert np.mean(model.predict(X) == np.array(y)) >= 0.9
    assert len(model.loss_curve_) == 30 and model.loss_curve_[-1] < model.loss_curve_[0]


def test_same_seed_same_model(tiny_encoder):
    a, X, _ = fitted(tiny_encoder, epochs=3)
    b, _, _ = fitted(tiny_encoder, epochs=3)
    np.testing.assert_allclose(a.predict_proba(X), b.predict_proba(X), atol=1e-6)


def test_save_load_round_trip_and_tampering(tiny_encoder, tmp_path):
    model, X, _ = fitted(tiny_encoder, epochs=3)
    folder = model.save(tmp_path / "enc")
    assert (folder / "model.safetensors").exists() and not list(folder.glob("*.bin"))
    loaded = EncoderClassifier.load(folder)
    np.testing.assert_allclose(loaded.predict_proba(X), model.predict_proba(X), atol=1e-6)
    assert loaded.get_params()["max_length"] == 24
    with open(folder / "model.safetensors", "ab") as f:
        f.write(b"\0")
    with pytest.raises(ModelFileError, match="checksum"):
        EncoderClassifier.load(folder)


def test_sample_weight(tiny_encoder):
    model, X, y = fitted(tiny_encoder)
    others = np.array(y) == "other"
    # the loss is a weighted mean: scaling every weight changes nothing
    base = dict(SCHEDULE, encoder=tiny_encoder)
    doubled = EncoderClassifier(**base).fit(X, y, sample_weight=np.full(len(y), 2.0))
    np.testing.assert_allclose(doubled.predict_proba(X), model.predict_proba(X), atol=1e-5)
    # rows of weight 0 teach nothing: `other` is no longer learnt
    unseen = EncoderClassifier(**base).fit(X, y, sample_weight=np.where(others, 0.0, 1.0))
    p_other = list(model.classes_).index("other")
    assert unseen.predict_proba(X)[others, p_other].mean() < model.predict_proba(X)[others, p_other].mean() - 0.3
    with pytest.raises(ValueError, match="sample_weight"):
        EncoderClassifier(**base).fit(X, y, sample_weight=np.ones(len(y) - 1))


def test_bad_input(tiny_encoder):
    X, y = statements(2)
    with pytest.raises(ValueError, match="not in the scheme"):
        EncoderClassifier(encoder=tiny_encoder, epochs=1).fit(X, y[:-1] + ["praise"])
    with pytest.raises(ValueError, match="one length"):
        EncoderClassifier(encoder=tiny_encoder, epochs=1).fit(X, y[:-1])


def test_is_a_clonable_estimator_without_torch():
    est = EncoderClassifier(encoder="some/model", epochs=2, learning_rate=1e-4)
    twin = clone(est)
    assert twin.get_params() == est.get_params() and twin is not est
    assert twin.set_params(epochs=5).epochs == 5


def test_missing_extra_says_how_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "torch", None)
    with pytest.raises(StanceError, match=r"pip install 'stance\[encoder\]'"):
        require_encoder_extra()


def test_resolve_encoder(tmp_path, monkeypatch):
    assert resolve_encoder(str(tmp_path)) == str(tmp_path)
    carrier = types.ModuleType("carries_a_model")
    carrier.get_model_path = lambda: tmp_path / "model"
    monkeypatch.setitem(sys.modules, "carries_a_model", carrier)
    assert resolve_encoder("carries_a_model") == str(tmp_path / "model")
    assert resolve_encoder("org/hub-model") == "org/hub-model"
    with pytest.raises(ValueError, match="empty"):
        resolve_encoder("")


class _Fixed:
    """A fitted member that answers the same probabilities for every statement."""

    def __init__(self, row, classes=LABELS):
        self.classes_ = np.array(classes, dtype=object)
        self.row = np.asarray(row, dtype=float)

    def predict_proba(self, X):
        return np.tile(self.row, (len(X), 1))


def test_soft_vote_is_the_weighted_mean():
    vote = SoftVote({"a": _Fixed([0.7, 0.1, 0.1, 0.1]), "b": _Fixed([0.0, 0.0, 1.0, 0.0])}, {"a": 1.0, "b": 3.0})
    np.testing.assert_allclose(vote.predict_proba([{}, {}]), [[0.175, 0.025, 0.775, 0.025]] * 2)
    assert list(vote.predict([{}])) == ["rejection"]
    assert list(SoftVote({"a": _Fixed([0.7, 0.1, 0.1, 0.1]), "b": _Fixed([0, 0, 1, 0])},
                         {"a": 1, "b": 0}).predict([{}])) == ["demand"]


def test_soft_vote_refuses_mismatches():
    with pytest.raises(ValueError, match="classes differ"):
        SoftVote({"a": _Fixed([1, 0, 0, 0]), "b": _Fixed([1, 0, 0, 0], classes=LABELS[::-1])}, {"a": 1, "b": 1})
    with pytest.raises(ValueError, match="weights name"):
        SoftVote({"a": _Fixed([1, 0, 0, 0])}, {"b": 1})
    with pytest.raises(ValueError, match="not all 0"):
        SoftVote({"a": _Fixed([1, 0, 0, 0])}, {"a": 0})


def test_vote_folder_round_trip(tiny_encoder, tmp_path):
    encoder, X, _ = fitted(tiny_encoder, epochs=3)
    folder = save_vote(tmp_path / "vote", {"linear": ("stance", lambda to: shutil.copytree(default_model_path(), to)),
                                           "encoder": ("encoder", encoder.save)},
                       {"linear": 0.5, "encoder": 0.5}, scheme="stance4")
    vote, meta = load_model(folder)
    assert isinstance(vote, SoftVote) and meta["kind"] == "soft_vote"
    linear, _ = load_model()
    expected = 0.5 * linear.predict_proba(X) + 0.5 * encoder.predict_proba(X)
    np.testing.assert_allclose(vote.predict_proba(X), expected, atol=1e-6)
    with pytest.raises(ModelFileError, match="no single scikit-learn estimator"):
        load_model(folder, estimator=True)
    # the pipeline labels with it like with any model folder
    nlp = stance.Pipeline(model=folder)
    text = "The minister rejected the plan on Monday. Officials urged a halt, the ministry said."
    result = nlp(text, doc_id="vote")
    records = [_classifier_record(text, s) for s in result.statements]
    assert records and [s.label for s in result.statements] == list(vote.predict(records))
    # a member changed after the vote was saved is refused
    member_meta = folder / "encoder" / "encoder_meta.json"
    member_meta.write_text(json.dumps(json.loads(member_meta.read_text()) | {"loss_curve": []}))
    with pytest.raises(ModelFileError, match="member was changed"):
        load_model(folder)


def test_vote_folder_with_a_bad_member_name(tmp_path):
    (tmp_path / "meta.json").write_text(json.dumps({"format_version": 1, "kind": "soft_vote", "label_scheme": {},
                                                    "members": [{"name": "../x", "kind": "stance"}]}))
    with pytest.raises(ModelFileError, match="plain name"):
        load_model(tmp_path)
