"""Evaluate stage: matching against gold, the scores of ANNOTATION.md section 5, intervals and reports.

- `score`, `score_labels`, `score_counts`, `count_document`: the scores (flat dicts with stable keys);
- `confidence_intervals`, `paired_bootstrap` (`stance.evaluate.bootstrap`): bootstrap intervals and
  paired tests, resampling documents;
- `evaluation_report` (`stance.evaluate.report`): everything above written as report.md, report.html
  and metrics.json.
"""

from .bootstrap import bootstrap_samples, confidence_intervals, count_documents, label_counts, paired_bootstrap
from .matching import match_spans, same_speaker, trim
from .metrics import DocCounts, count_document, score, score_counts, score_labels
from .report import evaluation_report

__all__ = ["score", "score_labels", "score_counts", "count_document", "DocCounts", "match_spans", "same_speaker",
           "trim", "count_documents", "label_counts", "bootstrap_samples", "confidence_intervals",
           "paired_bootstrap", "evaluation_report"]
