"""Text stage: paragraphs, page furniture, quotation marks and sentences, all as offsets into the original."""

from .clean import Block, layout
from .quotes import Quote, find_quotes, paragraph_spans
from .sentences import split_inside, split_sentences

__all__ = ["Block", "Quote", "layout", "find_quotes", "paragraph_spans", "split_sentences", "split_inside"]
