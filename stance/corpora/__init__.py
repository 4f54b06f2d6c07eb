"""Corpus loaders: the team's gold data and the public corpora the project uses.

Heavy dependencies (``datasets``) are imported inside the loaders that need
them, so ``import stance`` stays fast.
"""

from .gold import GoldDocument, gold_from_dict, read_gold
from .splits import SPLITS, split_of

__all__ = ["GoldDocument", "read_gold", "gold_from_dict", "split_of", "SPLITS"]
