"""Inputs that must never crash the pipeline, and whose reported spans must map back to the input."""

import json

import pytest

from stance import Pipeline
from stance.cli import main

PIPE = Pipeline(classifier=False)

CASES = {
    "empty": "",
    "white space": " \n\n\t \u00a0\u2003 ",
    "only quotation marks": '"' * 500 + "“”„«»「」『』‘’'" * 50,
    "unbalanced quotation marks": '"' * 100_000,
    "control characters": "\x00\x01\x02 The minister said \x07 no.\x1b[0m",
    "html source": '<html><body><p class="x">The minister said "no".</p><script>var a="said";</script></body></html>' * 50,
    "mixed scripts and right-to-left": "قال الوزير إن المحادثات فشلت. Министр сказал «нет». 部长说「不」。 The minister said no.",
    "a long line with no sentence end": "the minister said the talks failed and urged calm " * 4000,
    "combining marks and emoji": "Zoe\u0301 said 👍🏽 “we reject it” \U0001d518 and left.",
}


@pytest.mark.parametrize("name", list(CASES))
def test_no_crash_and_spans_map_back(name):
    text = CASES[name]
    for rec in PIPE(text, doc_id=name).records():
        for span_key, text_key in (("speaker_span", "speaker_text"), ("cue_span", "cue"), ("content_span", "content")):
            if rec[span_key] is not None:
                assert text[rec[span_key][0]:rec[span_key][1]] == rec[text_key]


def test_lone_surrogates_in_a_jsonl_corpus_are_reported_not_fatal(tmp_path, capsys):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"id": "a", "text": "The minister said \\ud800 no."}\n'
                      + json.dumps({"id": "b", "text": "The minister said the talks failed."}) + "\n",
                      encoding="utf-8")
    code = main(["analyze", str(corpus), "--format", "jsonl"])
    out, err = capsys.readouterr()
    assert code in (0, 1) and "Traceback" not in err
    assert any(json.loads(line)["doc_id"] == "b" for line in out.splitlines())
