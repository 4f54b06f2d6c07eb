"""The committed fuzz corpus (``corpus.jsonl``, written by ``make_corpus.py``) through the whole pipeline.

Every document must be analysed without an error, and every span the library reports must be exactly
its text in the original (issue 7: "a committed fuzz corpus in tests/").
"""

import json
from pathlib import Path

import pytest

from stance import Document, Pipeline

CORPUS = [json.loads(line) for line in Path(__file__).with_name("corpus.jsonl").read_text(encoding="utf-8").splitlines()]
PIPE = Pipeline()


def test_the_corpus_is_the_one_its_script_writes(tmp_path, monkeypatch):
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_corpus", Path(__file__).with_name("make_corpus.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "__file__", str(tmp_path / "make_corpus.py"))
    module.main()
    assert (tmp_path / "corpus.jsonl").read_text(encoding="utf-8").splitlines() == [
        json.dumps(d) for d in CORPUS]


@pytest.mark.parametrize("doc", CORPUS, ids=[d["id"] for d in CORPUS])
def test_every_span_maps_back(doc):
    text = doc["text"]
    analysis = PIPE(Document(id=doc["id"], text=text))
    for st in analysis.statements:
        for span in (st.content_span, st.speaker_span, st.cue_span):
            if span is not None:
                assert 0 <= span.start <= span.end <= len(text)
        record = analysis.records()[analysis.statements.index(st)]
        assert text[st.content_span.start:st.content_span.end] == record["content"]
        if st.speaker_span is not None:
            assert text[st.speaker_span.start:st.speaker_span.end] == record["speaker_text"]
        if st.cue_span is not None:
            assert text[st.cue_span.start:st.cue_span.end] == record["cue"]
    json.dumps(analysis.to_dict())  # the output serialises whatever the input held
