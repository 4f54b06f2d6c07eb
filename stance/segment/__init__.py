"""Segment stage: cue lexicon, cue matching (with the learned cue model), speaker mentions and statement spans."""

from .cue_model import CueModel, load_cue_model
from .cues import CueMatch, find_cues
from .lexicon import CueEntry, Lexicon, load_lexicon
from .segmenter import Mention, RuleSegmenter

__all__ = ["RuleSegmenter", "Mention", "Lexicon", "CueEntry", "CueMatch", "load_lexicon", "find_cues", "CueModel",
           "load_cue_model"]
