"""Shared fixtures: paths to the bundled examples and to the corpora in ../shared.

Tests that need ../shared skip with a reason when it is absent (a user's
clone) and fail instead when STANCE_REQUIRE_CORPORA=1 (CI), so CI always runs
them.
"""

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "data" / "examples"


def shared_path() -> Path:
    return Path(os.environ.get("STANCE_SHARED_DIR", ROOT.parent / "shared"))


@pytest.fixture
def shared_dir() -> Path:
    path = shared_path()
    if not (path / "corpora").is_dir():
        message = f"the shared corpora are not at {path} (set STANCE_SHARED_DIR)"
        if os.environ.get("STANCE_REQUIRE_CORPORA") == "1":
            pytest.fail(message + "; STANCE_REQUIRE_CORPORA=1 makes this a failure")
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return EXAMPLES


# -- a synthetic corpus for corpus runs (the team's own sentences, no corpus text) ----------------
_PEOPLE = ["Ana Silva", "Tomas Berg", "Mei Lin", "Omar Haddad", "Ines Duarte"]
_COUNTRIES = ["Peru", "Norway", "Chile", "Kenya", "Laos"]
_SENTENCES = [
    "{person}, the foreign minister of {country}, urged {other} to reopen the border.",
    "\u201cWe reject these accusations,\u201d {person} said on Tuesday.",
    "{country} expressed concern about the new dam, a spokesperson said.",
    "The delegation from {country} arrived in the capital on Monday.",
    "{person} said talks with {other} would resume next month.",
    "Officials in {country} demanded that {other} release the detained sailors.",
    "The weather was calm and the harbour stayed open.",
]


def synthetic_documents(n: int, seed: int = 0) -> list[dict]:
    """``n`` short JSONL-style documents; about one in six has no statement at all."""
    import random

    rng = random.Random(seed)
    docs = []
    for i in range(n):
        if i % 6 == 5:
            text = "The weather was calm and the harbour stayed open. Ships left at dawn."
        else:
            text = " ".join(rng.choice(_SENTENCES).format(person=rng.choice(_PEOPLE), country=rng.choice(_COUNTRIES),
                                                          other=rng.choice(_COUNTRIES))
                            for _ in range(rng.randint(1, 4)))
        docs.append({"id": f"d{i:04d}", "text": text})
    return docs


@pytest.fixture
def make_documents():
    """``make_documents(n)``: the synthetic documents as dicts with ``id`` and ``text``."""
    return synthetic_documents


@pytest.fixture
def write_corpus():
    """``write_corpus(path, n, bad_lines=())``: a JSONL corpus of synthetic documents, malformed lines where asked."""
    import json

    def write(path: Path, n: int, bad_lines=()) -> Path:
        lines = [json.dumps(d) for d in synthetic_documents(n)]
        for at in sorted(bad_lines):
            lines.insert(at - 1, "{not json")
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path

    return write


# the words of the tiny encoder's vocabulary: those of tests/unit/test_encoder.py's statements, and a few more
ENCODER_WORDS = ("urged insisted called halt worried alarmed troubled fear rejected denied dismissed refused "
                 "visited met discussed toured the minister plan - said ministry officials a on monday")


@pytest.fixture(scope="session")
def tiny_encoder(tmp_path_factory):
    """A one-layer, randomly initialised BERT and its word-piece tokenizer, saved as a pretrained folder: it
    stands in for a pretrained encoder in the tests of `stance.classify.encoder` (skipped without the extra)."""
    torch = pytest.importorskip("torch")
    transformers = pytest.importorskip("transformers")
    folder = tmp_path_factory.mktemp("tiny_bert")
    words = sorted(set(ENCODER_WORDS.split()) | {str(i) for i in range(10)})
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *words]
    tokenizers = pytest.importorskip("tokenizers")
    tokenizer = transformers.PreTrainedTokenizerFast(
        tokenizer_object=tokenizers.BertWordPieceTokenizer({w: i for i, w in enumerate(vocab)}),
        unk_token="[UNK]", pad_token="[PAD]", cls_token="[CLS]", sep_token="[SEP]", mask_token="[MASK]")
    tokenizer.save_pretrained(folder)
    config = transformers.BertConfig(vocab_size=len(vocab), hidden_size=64, num_hidden_layers=1,
                                     num_attention_heads=2, intermediate_size=128, max_position_embeddings=64,
                                     hidden_dropout_prob=0.0, attention_probs_dropout_prob=0.0)
    torch.manual_seed(0)  # the same random weights in every run
    transformers.BertModel(config).save_pretrained(folder, safe_serialization=True)
    return str(folder)
