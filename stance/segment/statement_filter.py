"""Which cued statements of news text to keep: a learned filter for reporting verbs that report no speech.

The cue lexicon finds verbs that report speech in one sentence and an action
in another (``released the video``, ``rejected the bill``, ``supporting Trump``),
and cues reported inside someone else's content (``said that X would add …``,
``in saying …``).  Whether such a statement is one depends on the cue word, on
whether it sits inside another statement's content, on its speaker mention and
on how its content opens, so the decision is learned: a logistic regression
trained on PolNeAR's training split by ``experiments/train_statement_filter.py``
(a statement is right when its cue is a PolNeAR cue or its content matches a
PolNeAR content), with the threshold chosen on PolNeAR dev.  It applies to
news only (source-voice documents and transcripts follow ANNOTATION.md rules
9 and 10), and never to a cue that carries a stance by itself (`stance_cue`).
Plain data, scored without scikit-learn (`stance.segment.plain_model`).
"""

from __future__ import annotations

from collections.abc import Sequence

from ..document import Statement
from ..text.tokens import tokenize
from .plain_model import LinearModel, bundled_model

__all__ = ["StatementFilter", "statement_features", "stance_cue", "load_statement_filter", "MODEL_FILE"]

MODEL_FILE = "statement_filter.json"
_REACH = 4  # statements either side that may hold this one's cue in their content
_STANCES = frozenset({"demand", "concern", "rejection"})


def stance_cue(text: str, statement: Statement, lexicon) -> bool:
    """Whether a word of the cue is a lexicon verb or noun that carries a demand, a concern or a rejection by
    itself ("opposed", "demand for", "expressed concerns about"): the statements ANNOTATION.md is about, which
    PolNeAR's election news often leaves unannotated, are never filtered."""
    for tok in tokenize(text, statement.cue_span.start, statement.cue_span.end):
        noun = lexicon.nouns.get(tok.lower)
        for entry in (*lexicon.verbs.get(tok.lower, ()), *((noun,) if noun else ())):
            if entry.label in _STANCES:
                return True
    return False


def _length(n: int) -> str:
    return "s" if n < 20 else "m" if n < 60 else "l" if n < 150 else "xl"


def statement_features(text: str, statements: Sequence[tuple[Statement, object]], i: int) -> list[str]:
    """The features of the ``i``-th of a document's ``(Statement, Mention)`` pairs (it must have a cue)."""
    st, mention = statements[i]
    cue, content = st.cue_span, st.content_span
    cue_words = " ".join(t.lower for t in tokenize(text, cue.start, cue.end))
    near = statements[max(0, i - _REACH):i + _REACH + 1]
    nested = any(o is not st and o.cue_span is not None and o.content_span.start <= cue.start < o.content_span.end
                 for o, _ in near)
    holds = any(o is not st and o.cue_span is not None and content.start <= o.cue_span.start < content.end
                for o, _ in near)
    if mention is None:
        kind, side, before = "none", "none", "<none>"
    else:
        kind = mention.kind
        side = "left" if mention.span.end <= cue.start else "right"
        left = tokenize(text, max(0, mention.span.start - 30), mention.span.start)
        before = left[-1].lower if left else "<start>"
    prev = tokenize(text, max(0, cue.start - 30), cue.start)
    prev_word = prev[-1].lower if prev else "<start>"
    first = tokenize(text, content.start, min(content.end, content.start + 30))
    first_word = first[0].lower if first else ""
    return [f"cue={cue_words}", f"qt={st.quote_type}", f"nested={nested}", f"holds={holds}",
            f"len={_length(content.end - content.start)}", f"kind={kind}", f"side={side}", f"before={before}",
            f"first={first_word}", f"prev={prev_word}", f"nested={nested}|kind={kind}",
            f"nested={nested}|before={before}", f"qt={st.quote_type}|kind={kind}", f"cue={cue_words}|kind={kind}",
            f"cue={cue_words}|first={first_word}", f"cue={cue_words}|nested={nested}"]


class StatementFilter(LinearModel):
    """Keeps a cued statement when the probability that it is one reaches the threshold."""

    kind = "statement_filter"

    def keep(self, text: str, statements: Sequence[tuple[Statement, object]], lexicon=None
             ) -> list[tuple[Statement, object]]:
        """The statements that pass.  Kept whatever their score: statements without a cue (they continue a
        quotation) and, with the ``lexicon``, those whose cue carries a stance of its own."""
        return [pair for i, pair in enumerate(statements)
                if pair[0].cue_span is None or (lexicon is not None and stance_cue(text, pair[0], lexicon))
                or self.passes(statement_features(text, statements, i))]


def load_statement_filter() -> StatementFilter | None:
    """The bundled filter (``stance/resources/models/statement_filter.json``), or None when it is not there."""
    return bundled_model(StatementFilter, MODEL_FILE)
