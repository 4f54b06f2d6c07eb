"""The plain-data model form: same terms as scikit-learn's analysers, same probabilities as the estimator."""

import functools
import json
import pickle

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.calibration import CalibratedClassifierCV
from sklearn.ensemble import VotingClassifier
from sklearn.feature_extraction import DictVectorizer
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import LinearSVC

from stance.classify import (DEFAULT_SCHEME, CueLexiconClassifier, PlainModel, document_groups, load_model,
                             make_linear_model, save_model)
from stance.classify.export import export_plain, max_difference
from stance.classify.linear import TOKEN_PATTERN
from stance.classify.plain import make_analyzer
from stance.errors import ModelFileError, PlainExportError, StanceWarning

from test_linear import X, Y

# letters with and without accents, combining marks, case pairs that change length, apostrophes, all kinds of space
_TRICKY = ("\ud83daAbzZéÉñßİIıǅﬁŉ\u0301\u0327ΣσςДд中文ا٣1_ -'’.,!?"
           "\t\n\r\x0b\x0c\u00a0\u2003\u3000\x1c\x85")
TEXTS = st.one_of(st.text(alphabet=_TRICKY, max_size=60), st.text(max_size=40))


@pytest.mark.filterwarnings("ignore:Your stop_words may be inconsistent")
@settings(max_examples=300, deadline=None)
@given(text=TEXTS, analyzer=st.sampled_from(["word", "char", "char_wb"]), lowercase=st.booleans(),
       strip_accents=st.sampled_from([None, "ascii", "unicode"]),
       ngrams=st.sampled_from([(1, 1), (1, 2), (2, 2), (1, 3), (2, 5), (3, 4)]),
       token_pattern=st.sampled_from([r"(?u)\b\w\w+\b", TOKEN_PATTERN, r"(\w+)'?", r"\S"]),
       stop_words=st.sampled_from([None, ["the", "a", "é"], "english"]))
def test_analyzers_give_sklearns_terms(text, analyzer, lowercase, strip_accents, ngrams, token_pattern, stop_words):
    vectorizer = CountVectorizer(analyzer=analyzer, lowercase=lowercase, strip_accents=strip_accents,
                                 ngram_range=ngrams, token_pattern=token_pattern, stop_words=stop_words)
    stop = vectorizer.get_stop_words() if analyzer == "word" else None
    ours = make_analyzer(analyzer, lowercase=lowercase, strip_accents=strip_accents, ngram_range=ngrams,
                         token_pattern=token_pattern, stop_words=stop)
    assert ours(text) == vectorizer.build_analyzer()(text)


def test_analyzer_refuses_what_sklearn_refuses():
    with pytest.raises(ValueError, match="capturing group"):
        make_analyzer(token_pattern=r"(\w)(\w)")
    with pytest.raises(ValueError, match="analyzer"):
        make_analyzer("sentence")


def _fit(**params):
    return make_linear_model(cv=3, **params).fit(X, Y, classifier__groups=document_groups(X))


_NEW = [{"content": "Seoul to stop the drills now", "cue": "urged", "context": "Tokyo urged Seoul to stop"},
        {"content": "the proposal, calling it a violation", "cue": "rejected"},
        "We cannot accept this and we will not sign.", {"content": "", "cue": ""},
        {"content": "Zoë’s café can't say «non»", "cue": "did not call for", "quote_type": "direct"}]


@pytest.mark.parametrize("params", [
    {"estimator": "logreg"}, {"estimator": "svm"}, {"estimator": "both"}, {"estimator": "both", "char_ngrams": (2, 5)},
    {"calibration": "isotonic"}, {"calibration": "isotonic", "estimator": "both"}, {"calibration": "sigmoid"},
    {"calibration": "temperature", "estimator": "both"}, {"calibration": None},
    {"calibration": None, "estimator": "svm"},
    {"estimator": "both", "cue": False, "context": False, "lexicon": False, "word_ngrams": (1, 3)},
    {"estimator": "both", "calibration": "temperature", "objects": True},
], ids=str)
def test_plain_form_gives_the_estimators_probabilities(params):
    model = _fit(**params)
    plain = export_plain(model)
    assert list(plain.classes_) == list(model.classes_)
    assert max_difference(model, plain, X + _NEW) <= 1e-9
    assert list(plain.predict(_NEW)) == list(model.predict(_NEW))


@pytest.mark.parametrize("make", [
    lambda: Pipeline([("v", TfidfVectorizer(stop_words="english", strip_accents="unicode", norm="l1", binary=True)),
                      ("c", CalibratedClassifierCV(LinearSVC(), method="isotonic", cv=2, ensemble=True))]),
    lambda: Pipeline([("v", TfidfVectorizer(analyzer="char", ngram_range=(1, 3), use_idf=False, lowercase=False)),
                      ("c", CalibratedClassifierCV(LogisticRegression(), method="temperature", cv=2))]),
    lambda: Pipeline([("v", CountVectorizer(strip_accents="ascii")), ("c", VotingClassifier(
        [("a", LogisticRegression()), ("b", CalibratedClassifierCV(LinearSVC(), cv=2))], voting="soft",
        weights=[2, 1]))]),
], ids=["tfidf-l1-isotonic-ensemble", "char-no-idf-temperature", "counts-weighted-vote"])
@pytest.mark.parametrize("n_classes", [2, 4])
def test_other_settings_of_the_same_components(make, n_classes):
    """Two classes and four, calibration folds averaged, other vectoriser settings: still exact."""
    texts = [f"{x['cue']} {x['content']}" for x in X]
    labels = [y if n_classes == 4 else ("demand" if y == "demand" else "no") for y in Y]
    model = make().fit(texts, labels)
    assert max_difference(model, export_plain(model), texts + ["Zoë urged Tokyo", ""]) <= 1e-9


def test_dict_features_of_every_value_type():
    rows = [{"cue": "urged", "n": 2, "tags": ["a", "b"], "on": True}, {"cue": "said", "n": 0.5, "tags": ("b",)},
            {"cue": "rejected", "tags": []}, {"cue": "urged", "n": 3.0}] * 3
    model = Pipeline([("v", DictVectorizer()), ("c", LogisticRegression())]).fit(rows, [0, 1, 2, 0] * 3)
    new = rows + [{"cue": "unseen", "n": 1, "tags": ["c", "a"]}, {}]
    assert max_difference(model, export_plain(model), new) <= 1e-12


def test_cue_lexicon_classifier_has_a_plain_form():
    clf = CueLexiconClassifier().fit(X, Y)
    plain = export_plain(clf)
    assert max_difference(clf, plain, X + _NEW) == 0.0 and list(plain.predict(X)) == list(clf.predict(X))


def test_unknown_components_are_refused_by_name():
    texts = [x["content"] for x in X]
    model = Pipeline([("v", CountVectorizer()), ("s", StandardScaler(with_mean=False)),
                      ("c", LogisticRegression())]).fit(texts, Y)
    with pytest.raises(PlainExportError, match="model/s: sklearn.preprocessing._data.StandardScaler"):
        export_plain(model)
    hard = Pipeline([("v", CountVectorizer()), ("c", VotingClassifier([("a", LogisticRegression())]))]).fit(texts, Y)
    with pytest.raises(PlainExportError, match="voting='hard'"):
        export_plain(hard)
    custom = Pipeline([("v", CountVectorizer(tokenizer=str.split, token_pattern=None)),
                       ("c", LogisticRegression())]).fit(texts, Y)
    with pytest.raises(PlainExportError, match="custom tokenizer"):
        export_plain(custom)


def test_a_model_without_a_plain_form_is_saved_with_a_warning_and_loads_as_the_estimator(tmp_path):
    texts = [x["content"] for x in X]
    model = Pipeline([("v", CountVectorizer()), ("s", StandardScaler(with_mean=False)),
                      ("c", LogisticRegression())]).fit(texts, Y)
    with pytest.warns(StanceWarning, match="without the plain-data form.*StandardScaler"):
        folder = save_model(model, tmp_path / "m", scheme=DEFAULT_SCHEME)
    assert not (folder / "inference.json").exists() and "StandardScaler" in load_model(folder)[1]["plain_form"]["error"]
    loaded, _ = load_model(folder)
    assert type(loaded).__name__ == "Pipeline" and list(loaded.predict(texts)) == list(model.predict(texts))


def test_save_model_refuses_a_plain_form_that_does_not_agree(tmp_path, monkeypatch):
    """The check on statements catches an exporter that got a model wrong: no plain form, a warning."""
    import stance.classify.export as export

    model, other = _fit(), _fit(calibration=None)
    monkeypatch.setattr(export, "export_plain", lambda estimator: PlainModel(*_spec(other)))
    with pytest.warns(StanceWarning, match="differ from the estimator's"):
        folder = save_model(model, tmp_path / "m", scheme=DEFAULT_SCHEME, check_on=X)
    assert not (folder / "inference.npz").exists()


def _spec(model):
    plain = export_plain(model)
    return plain.spec, plain.arrays


def test_model_folder_loads_the_plain_form_by_default_and_checks_every_file(tmp_path):
    model = _fit(estimator="both")
    folder = save_model(model, tmp_path / "m", scheme=DEFAULT_SCHEME, check_on=X)
    meta = json.loads((folder / "meta.json").read_text())
    assert set(meta["plain_form"]["sha256"]) == {"inference.json", "inference.npz"}
    assert meta["plain_form"]["checked_on"] == len(X) and meta["plain_form"]["max_difference"] <= 1e-9
    plain, _ = load_model(folder)
    estimator, _ = load_model(folder, estimator=True)
    assert isinstance(plain, PlainModel) and type(estimator).__name__ == "Pipeline"
    assert np.abs(plain.predict_proba(X) - estimator.predict_proba(X)).max() <= 1e-9
    with np.load(folder / "inference.npz", allow_pickle=False) as npz:  # plain numeric arrays only
        assert all(npz[name].dtype.kind in "fiu" for name in npz.files)
    for name in ("inference.json", "inference.npz", "model.skops"):
        original = (folder / name).read_bytes()
        (folder / name).write_bytes(original[: len(original) // 2])  # truncated
        with pytest.raises(ModelFileError, match=f"{name}: checksum mismatch"):
            load_model(folder)
        tampered = bytearray(original)
        tampered[len(tampered) // 3] ^= 0x01
        (folder / name).write_bytes(bytes(tampered))
        with pytest.raises(ModelFileError, match="checksum mismatch"):
            load_model(folder, estimator=True)
        (folder / name).unlink()
        with pytest.raises(ModelFileError, match=f"{name} is missing"):
            load_model(folder)
        (folder / name).write_bytes(original)
    assert list(load_model(folder)[0].predict(X)) == list(model.predict(X))


def test_plain_files_refuse_what_they_do_not_know(tmp_path):
    spec, arrays = _spec(_fit())
    with pytest.raises(ModelFileError, match="format"):
        PlainModel({**spec, "format": 99}, arrays)
    bad = json.loads(json.dumps(spec))
    bad["model"]["steps"][0]["steps"][0]["function"] = "os.system"
    with pytest.raises(ModelFileError, match="'os.system' is not one a plain model may call"):
        PlainModel(bad, arrays)
    bad = json.loads(json.dumps(spec))
    bad["model"]["steps"][1]["kind"] = "pickle"
    with pytest.raises(ModelFileError, match="unknown node 'pickle'"):
        PlainModel(bad, arrays)
    with pytest.raises(ModelFileError, match="is not in inference.npz"):
        PlainModel(spec, {})
    short = {k: (v[:-1] if v.ndim == 1 and "idf" in k else v) for k, v in arrays.items()}
    with pytest.raises(ModelFileError, match="idf and vocabulary differ"):
        PlainModel(spec, short)


def test_plain_model_input_handling():
    plain = export_plain(_fit())
    again = pickle.loads(pickle.dumps(plain))  # for worker processes
    assert np.array_equal(again.predict_proba(X), plain.predict_proba(X))
    assert plain.predict_proba([]).shape == (0, 4) and plain.predict([]).shape == (0,)
    assert plain.predict(iter(["Japan to stop the tests"])).shape == (1,)
    with pytest.raises(ValueError, match="single"):
        plain.predict({"content": "a lone record"})


@functools.lru_cache(maxsize=1)
def _team_rows(corpora_dir):
    from stance.classify.training import split_rows
    from stance.corpora import load_team_corpus

    corpus = load_team_corpus(corpora_dir=corpora_dir)
    return split_rows(corpus, ["train"]), split_rows(corpus, ["dev"])[0]


@pytest.mark.corpora
def test_bundled_model_plain_form_agrees_with_its_estimator_on_the_team_corpus(shared_dir):
    (train, _), dev = _team_rows(shared_dir / "corpora")
    plain, meta = load_model()
    estimator, _ = load_model(estimator=True)
    assert isinstance(plain, PlainModel) and meta["plain_form"]["checked_on"] > 0
    for rows in (train, dev):
        assert np.abs(plain.predict_proba(rows) - estimator.predict_proba(rows)).max() <= 1e-9


@pytest.mark.corpora
@pytest.mark.slow
@pytest.mark.parametrize("params", [
    {"estimator": "logreg"}, {"estimator": "svm"}, {"estimator": "both", "calibration": "temperature"},
    {"estimator": "both", "char_ngrams": (2, 5)}, {"calibration": "isotonic"},
    {"calibration": "sigmoid", "word_min_df": 2}, {"estimator": "both", "calibration": "temperature", "objects": True},
], ids=str)
def test_configs_trained_on_team_rows_agree_on_dev_rows(shared_dir, params):
    (train, labels), dev = _team_rows(shared_dir / "corpora")
    train, labels = train[:300], labels[:300]  # a few documents: enough for a vocabulary, quick to fit
    model = make_linear_model(cv=3, **params).fit(train, labels, classifier__groups=document_groups(train))
    assert max_difference(model, export_plain(model), dev) <= 1e-9
