"""Write the committed fuzz corpus (``corpus.jsonl``): seeded, adversarial, team-written texts.

Each document mixes the team's own statement fragments with what breaks text pipelines: every
quotation mark, unbalanced and nested quotes, CRLF and lone CR, NBSP, zero-width and combining
characters, astral characters, right-to-left text, control characters, HTML source, lone surrogates
(JSON escapes), transcript labels, very long lines and runs of one character.  The corpus is
regenerated only on purpose (``python tests/fuzz/make_corpus.py``); `test_fuzz_corpus.py` reads it.
"""

import json
import random
from pathlib import Path

SEED = 20261128
FRAGMENTS = [
    "The foreign ministry urged Lima to reopen the border crossing.",
    "“We reject these claims entirely,” the spokesperson said.",
    "Ana Ruiz, the trade minister, expressed concern about the new tariffs.",
    "According to officials in Quito, the talks will resume in March.",
    "He added that the council must not approve the annex.",
    "SECRETARY MOLINA: We call on both sides to show restraint.",
    "Q  Will you meet the delegation?",
    "The two leaders said they would keep in close contact.",
    "\"It is unacceptable,\" said Kofi Mensah, \"and we will respond.\"",
    "The ministry lodged a protest with the ambassador, the agency reported.",
]
NOISE = ["\"", "'", "“", "”", "„", "«", "»", "‹", "›", "「", "」", "『", "』", "‘", "’", "''", "``",
         "\r\n", "\r", "\n\n", "\u00a0", "\u200b", "\u200e", "\u200f", "\u0301", "\ufeff", "😀", "𝔘",
         "\x00", "\x07", "\x1b[31m", "\u2028", "\u2029", "مرحبا بكم", "שלום", "日本外務省は", "Ελλάδα",
         "<p>", "</p>", "<br/>", "&quot;", "&amp;", "<script>x()</script>", ":", ";", "…", "—", "U.S.",
         "Mr.", "3.5", "\ud800", "\udfff", "said", "urged", "according to", "MS. LEE:", "Q:"]


def document(rng: random.Random, kind: int) -> str:
    if kind == 0:  # fragments with noise between them
        return "".join(rng.choice(FRAGMENTS) + rng.choice(NOISE) for _ in range(rng.randint(3, 30)))
    if kind == 1:  # noise only
        return "".join(rng.choice(NOISE) for _ in range(rng.randint(0, 400)))
    if kind == 2:  # a fragment with its characters shuffled in place among quotation marks
        words = " ".join(rng.choice(FRAGMENTS) for _ in range(20)).split()
        return " ".join(w if rng.random() < 0.7 else rng.choice(NOISE) + w for w in words)
    if kind == 3:  # a long line without a sentence end
        return " ".join(rng.choice(FRAGMENTS).rstrip(".") for _ in range(rng.randint(50, 300)))
    if kind == 4:  # a run of one character
        return rng.choice(["\"", "“", "'", ".", "\n", " ", "a", ":"]) * rng.randint(1, 20000)
    return "".join(rng.choice(NOISE + FRAGMENTS) for _ in range(rng.randint(1, 200)))  # everything mixed


def main() -> None:
    rng = random.Random(SEED)
    out = Path(__file__).with_name("corpus.jsonl")
    with out.open("w", encoding="utf-8", newline="\n") as f:
        for i in range(60):
            f.write(json.dumps({"id": f"fuzz-{i:03d}", "text": document(rng, i % 6)}) + "\n")


if __name__ == "__main__":
    main()
