import numpy as np
import pytest
from sklearn.base import clone

from stance.classify import DEFAULT_SCHEME, CueLexiconClassifier, LabelScheme, load_model, save_model
from stance.errors import ModelFileError

X = [
    {"content": "Russia to withdraw its troops", "cue": "urged"},
    {"content": "the tests", "cue": "expressed concern about"},
    {"content": "the accusation", "cue": "rejected"},
    {"content": "it held talks", "cue": "announced"},
    {"content": "that it cannot accept the proposal", "cue": "said"},
    {"content": "Tokyo must stop the tests", "cue": "said"},
    {"content": "it is a clear violation of international law", "cue": "said"},
    {"content": "the weather was fine", "cue": "said"},
]
Y = ["demand", "concern", "rejection", "other", "rejection", "demand", "concern", "other"]


def test_cue_decides_and_neutral_cue_leaves_it_to_content():
    clf = CueLexiconClassifier().fit(X, Y)
    assert list(clf.classes_) == list(DEFAULT_SCHEME.labels)
    assert list(clf.predict(X)) == Y
    proba = clf.predict_proba(X)
    assert proba.shape == (8, 4) and np.allclose(proba.sum(axis=1), 1)
    assert clf.explain(X[5]).startswith("demand (rule content:demand")


def test_estimator_contract():
    clf = CueLexiconClassifier(smoothing=2.0)
    assert clone(clf).get_params() == clf.get_params()
    with pytest.raises(ValueError, match="single"):
        clf.fit("urged", ["demand"])
    with pytest.raises(ValueError, match="not in scheme"):
        clf.fit(X[:2], ["demand", "accusation"])
    with pytest.raises(ValueError, match="2 labels"):
        clf.fit(X[:3], Y[:2])
    with pytest.raises(Exception, match="not fitted"):
        CueLexiconClassifier().predict(X)
    assert CueLexiconClassifier().fit(X, Y).predict([]).shape == (0,)


def test_user_scheme_without_library_changes():
    scheme = LabelScheme(name="three", labels=("demand", "concern", "neutral"), priority=("demand", "concern"),
                         fallback="neutral")
    y = ["demand", "concern", "neutral", "neutral", "neutral", "demand", "concern", "neutral"]
    clf = CueLexiconClassifier(scheme=scheme).fit(X, y)
    assert list(clf.classes_) == ["demand", "concern", "neutral"]
    assert set(clf.predict(X)) <= {"demand", "concern", "neutral"}


def test_model_folder_round_trip_and_tampering(tmp_path):
    clf = CueLexiconClassifier().fit(X, Y)
    folder = save_model(clf, tmp_path / "m", scheme=DEFAULT_SCHEME, metadata={"metrics": {"f1": 1.0}})
    loaded, meta = load_model(folder)
    assert list(loaded.predict(X)) == Y and meta["metrics"] == {"f1": 1.0}
    data = (folder / "model.skops").read_bytes()
    (folder / "model.skops").write_bytes(data[: len(data) // 2])
    with pytest.raises(ModelFileError, match="checksum"):
        load_model(folder)
    with pytest.raises(ModelFileError, match="does not exist"):
        load_model(tmp_path / "nowhere")


def test_bundled_model_loads():
    clf, meta = load_model()
    assert meta["label_scheme"]["labels"] == list(DEFAULT_SCHEME.labels)
    assert clf.predict([{"content": "Japan to stop", "cue": "urged"}])[0] == "demand"
