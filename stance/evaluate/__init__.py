"""Evaluate stage: matching against gold and the scores of ANNOTATION.md section 5."""

from .matching import match_spans, same_speaker, trim
from .metrics import DocCounts, count_document, score, score_counts, score_labels

__all__ = ["score", "score_labels", "score_counts", "count_document", "DocCounts", "match_spans", "same_speaker",
           "trim"]
