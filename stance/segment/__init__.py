"""Segment stage: cue lexicon, cue matching, speaker mentions and statement spans."""

from .cues import CueMatch, find_cues
from .lexicon import CueEntry, Lexicon, load_lexicon
from .segmenter import Mention, RuleSegmenter

__all__ = ["RuleSegmenter", "Mention", "Lexicon", "CueEntry", "CueMatch", "load_lexicon", "find_cues"]
