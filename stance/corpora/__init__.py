"""Corpus loaders: the team's gold corpus and the public corpora the project uses.

Everything returns Hugging Face `datasets` objects with explicit features, or
plain `GoldDocument` lists for scoring.  ``datasets`` itself is imported inside
the loaders, so ``import stance`` stays fast.
"""

from .gold import GoldDocument, gold_from_dict, read_gold
from .paths import corpus_dir
from .public import load_gold_dataset, load_ibm_claim_stance, load_plover, load_polnear
from .splits import SPLITS, split_of
from .team import (PARTS, load_team_corpus, load_team_documents, read_examples, read_polnear_labels, read_wh_gold,
                   recorded_splits_or_rule, team_statements)

__all__ = ["GoldDocument", "read_gold", "gold_from_dict", "split_of", "SPLITS", "corpus_dir", "PARTS",
           "load_team_corpus", "load_team_documents", "read_examples", "read_wh_gold", "read_polnear_labels",
           "team_statements", "recorded_splits_or_rule", "load_polnear", "load_plover", "load_ibm_claim_stance", "load_gold_dataset"]
