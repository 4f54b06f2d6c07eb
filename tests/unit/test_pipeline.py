"""Pipeline.pipe labels many documents with one classifier call per batch: the results of one call each."""

import pytest

from stance import Document, Pipeline

TEXTS = [
    "The ministry urged Japan to stop the tests. Officials said talks would continue next week.",
    "\u201cWe reject these claims,\u201d the spokesperson said on Friday.",
    "Nothing here is a statement.",
    "Ana Ruiz, the director of the agency, expressed concern about the flooding. She called for calm.",
    "",
]


@pytest.fixture(scope="module")
def nlp():
    return Pipeline()


def _view(analysis):
    return analysis.document.id, analysis.to_dict()


@pytest.mark.parametrize("batch_size", [1, 2, 64])
def test_pipe_in_batches_gives_what_one_call_per_document_gives(nlp, batch_size):
    docs = [Document(f"d{i}", t, {"title": "Statement"}) for i, t in enumerate(TEXTS * 3)]
    one_by_one = [_view(nlp(d)) for d in docs]
    batched = [_view(a) for a in nlp.pipe(docs, batch_size=batch_size)]
    assert batched == one_by_one
    assert any(s["label"] and 0 < s["score"] <= 1 for _, d in batched for s in d["statements"])


def test_pipe_names_plain_texts_in_order_and_refuses_an_empty_batch(nlp):
    assert [a.document.id for a in nlp.pipe(TEXTS[:3], batch_size=2)] == ["doc0", "doc1", "doc2"]
    with pytest.raises(ValueError, match="batch_size"):
        list(nlp.pipe(TEXTS, batch_size=0))


def test_without_a_classifier_statements_stay_unlabelled():
    found = list(Pipeline(classifier=False).pipe(TEXTS[:2]))
    assert found[0].statements and all(s.label is None and s.score is None for a in found for s in a.statements)
