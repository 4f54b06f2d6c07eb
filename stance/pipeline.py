"""The end-to-end object: segment → attribute → classify, with swappable stages.

A stage is any object with the method the pipeline calls:

- segmenter: ``segment(doc) -> [(Statement, Mention | None), ...]``
- attributor: ``resolve(doc, segmented) -> (statements, entities)``
- classifier: a fitted scikit-learn classifier whose ``predict_proba`` takes
  statement records (`stance.records`) and whose ``classes_`` are labels.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace

from .document import Document, Entity, Statement
from .records import statement_context, to_record

__all__ = ["Pipeline", "Analysis", "analyze", "default_pipeline"]


@dataclass(frozen=True)
class Analysis:
    """What the pipeline found in one document."""

    document: Document
    statements: list[Statement] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)

    def records(self) -> list[dict]:
        """The statements as JSON records (the exchange format)."""
        return [to_record(s, self.document.text) for s in self.statements]

    def to_dict(self) -> dict:
        """The whole analysis in the gold-file shape of ANNOTATION.md section 4 (plus labels and scores)."""
        return {"doc_id": self.document.id,
                "entities": {e.name: e.to_dict() for e in self.entities},
                "statements": self.records()}


def _as_document(item, doc_id: str | None, metadata: Mapping | None) -> Document:
    if isinstance(item, Document):
        return item
    if isinstance(item, str):
        return Document(id=doc_id or "doc", text=item, metadata=metadata or {})
    if isinstance(item, Mapping) and isinstance(item.get("text"), str):
        meta = {k: v for k, v in item.items() if k not in ("text", "id", "doc_id")}
        return Document(id=str(item.get("id") or item.get("doc_id") or doc_id or "doc"), text=item["text"],
                        metadata=meta)
    raise TypeError(f"expected a str, a Document or a mapping with 'text', got {type(item).__name__}")


class Pipeline:
    """Find, attribute and label the statements of documents.

    Parameters
    ----------
    segmenter, attributor : objects, optional
        Default: `RuleSegmenter` and `EntityResolver` with ``lexicon``.
    classifier : fitted classifier, optional
        Default: the model at ``model`` (the bundled model when ``model`` is None).
        Pass ``classifier=False`` to skip labelling.
    model : str or Path, optional
        A model folder to load the classifier from.
    lexicon : str, default "en"
        The cue lexicon of the default stages.

    Examples
    --------
    >>> import stance
    >>> nlp = stance.Pipeline()
    >>> result = nlp("The ministry urged Japan to stop the tests, officials said.", doc_id="ex")
    >>> [(s.speaker, s.label) for s in result.statements]  # doctest: +SKIP
    """

    def __init__(self, segmenter=None, attributor=None, classifier=None, *, model=None, lexicon="en"):
        from .attribute.resolver import EntityResolver
        from .segment.segmenter import RuleSegmenter

        self.segmenter = segmenter if segmenter is not None else RuleSegmenter(lexicon=lexicon)
        self.attributor = attributor if attributor is not None else EntityResolver(lexicon=lexicon)
        self._classifier = classifier
        self.model = model
        self.model_meta: dict | None = None

    @property
    def classifier(self):
        """The classifier stage, loaded from the model folder on first use."""
        if self._classifier is None:
            from .classify.persistence import load_model

            self._classifier, self.model_meta = load_model(self.model)
        return self._classifier or None

    @classifier.setter
    def classifier(self, value):
        self._classifier = value

    def __call__(self, item, doc_id: str | None = None, metadata: Mapping | None = None) -> Analysis:
        """Analyse one text (``str``), `Document`, or mapping with ``text`` (and ``id``)."""
        return self._classify_batch([self._attribute(_as_document(item, doc_id, metadata))])[0]

    def _attribute(self, doc: Document) -> Analysis:
        """Segment and attribute one document (statements not labelled yet)."""
        segmented = self.segmenter.segment(doc)
        statements, entities = self.attributor.resolve(doc, segmented)
        return Analysis(document=doc, statements=statements, entities=entities)

    def _classify_batch(self, analyses: list[Analysis]) -> list[Analysis]:
        """Label the statements of several documents with one classifier call.

        Why one call: scikit-learn's cost per ``predict_proba`` call (validation, the column transformer,
        the calibrated ensemble) is far larger than its cost per statement, and each row's scores do not
        depend on the other rows of the call.
        """
        clf = self.classifier
        if clf is None or not any(a.statements for a in analyses):
            return analyses
        records = [_classifier_record(a.document.text, s) for a in analyses for s in a.statements]
        proba = _predict_proba(clf, records)
        best = proba.argmax(axis=1)
        labels = [str(c) for c in clf.classes_]
        out, row = [], 0
        for a in analyses:
            labelled = []
            for s in a.statements:
                k = best[row]
                labelled.append(replace(s, label=labels[k], score=round(float(proba[row, k]), 4)))
                row += 1
            out.append(replace(a, statements=labelled))
        return out

    def classify(self, doc: Document, statements: list[Statement]) -> list[Statement]:
        """Fill in ``label`` and ``score`` (the classifier's probability of that label)."""
        return self._classify_batch([Analysis(document=doc, statements=statements)])[0].statements

    def pipe(self, items: Iterable, *, doc_ids: Iterable[str] | None = None,
             batch_size: int = 64) -> Iterator[Analysis]:
        """Analyse many documents lazily, in order.

        Documents are segmented and attributed one at a time and labelled ``batch_size`` documents at a
        time (one classifier call per batch), so up to ``batch_size`` items are read ahead of the first
        result.  The results are those of calling the pipeline on each item.
        """
        if batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, got {batch_size}")
        ids = iter(doc_ids) if doc_ids is not None else None
        batch: list[Analysis] = []
        for n, item in enumerate(items):
            doc_id = next(ids) if ids is not None else None
            doc_id = doc_id if doc_id is not None else (None if not isinstance(item, str) else f"doc{n}")
            batch.append(self._attribute(_as_document(item, doc_id, None)))
            if len(batch) == batch_size:
                yield from self._classify_batch(batch)
                batch = []
        if batch:
            yield from self._classify_batch(batch)


def _classifier_record(text: str, statement: Statement) -> dict:
    """The classifier's input for one statement: its JSON record plus the ``context`` field."""
    return dict(to_record(statement, text), context=statement_context(text, statement))


def _predict_proba(clf, records: list[dict]):
    """``clf.predict_proba(records)`` without scikit-learn's parameter and finiteness checks.

    The checks cost a pass over every call's input and the input here is the pipeline's own records, so
    they can never fail; the probabilities are the same.  A classifier that is not a scikit-learn
    estimator (the plain-data model of `stance.classify.plain`) is called as it is, so that labelling
    never imports scikit-learn by itself.
    """
    if "sklearn" not in sys.modules:  # then ``clf`` cannot be a scikit-learn estimator
        return clf.predict_proba(records)
    from sklearn import config_context

    with config_context(assume_finite=True, skip_parameter_validation=True):
        return clf.predict_proba(records)


def default_pipeline() -> Pipeline:
    """The pipeline `analyze` uses (default stages, bundled model), built once per process.

    The same per-process pipeline as corpus runs' workers (`stance.runner.worker_pipeline`): loading the
    model is the costly part, so it happens once whichever way the library is called.
    """
    from .runner import worker_pipeline

    return worker_pipeline()


def analyze(text: str | Document, *, doc_id: str = "doc", metadata: Mapping | None = None) -> Analysis:
    """Find, attribute and label every statement of one text with the default pipeline.

    Examples
    --------
    >>> import stance
    >>> result = stance.analyze('"We reject these claims," the ministry said.')
    >>> [(s.speaker, s.label) for s in result.statements]  # doctest: +SKIP
    """
    return default_pipeline()(text, doc_id=doc_id, metadata=metadata)
