"""Label schemes: the CAMEO and PLOVER mappings of the default scheme, user schemes, the bundled model."""

import csv
import json
import re

import pytest

from stance.classify import DEFAULT_SCHEME, LabelScheme, cameo_to_label, get_scheme, load_model, plover_to_label
from stance.corpora import read_gold


def test_cameo_prefixes_and_refinements():
    assert [cameo_to_label(c) for c in ("020", "0234", "10", "1056")] == ["demand"] * 4
    assert [cameo_to_label(c) for c in ("012", "11", "111", "1123", "114")] == ["concern"] * 5
    assert [cameo_to_label(c) for c in ("016", "12", "1246", "129")] == ["rejection"] * 4
    assert [cameo_to_label(c) for c in ("113", "139")] == ["demand", "demand"]  # rally opposition, ultimatum
    assert [cameo_to_label(c) for c in ("115", "116", "010", "013", "036", "138", "190")] == ["other"] * 7
    with pytest.raises(ValueError, match="CAMEO event code"):
        cameo_to_label("1a")
    assert plover_to_label("request") == "demand" and plover_to_label("ACCUSE", "investigate") == "other"
    assert plover_to_label("ACCUSE", "allege") == "concern" and plover_to_label("THREATEN") == "other"


def test_scheme_is_data_and_round_trips(tmp_path):
    d = DEFAULT_SCHEME.to_dict()
    assert d["labels"] == ["demand", "concern", "rejection", "other"] and d["cameo"]["12"] == "rejection"
    assert LabelScheme.from_dict(d) == DEFAULT_SCHEME
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(dict(d, name="mine", cameo={**d["cameo"], "112": "accusation"},
                                    labels=["demand", "concern", "accusation", "rejection", "other"])))
    mine = get_scheme(str(path))
    assert mine.cameo_to_label("1121") == "accusation" and mine.cameo_to_label("110") == "concern"
    with pytest.raises(ValueError, match="not among its labels"):
        LabelScheme("bad", ("a", "b"), cameo={"10": "c"})


@pytest.mark.corpora
def test_cameo_mapping_reproduces_the_codebook_table(shared_dir):
    """Every CAMEO code of the shared codebook: refined column = the default scheme, brief = a user scheme."""
    path = shared_dir / "corpora" / "cameo_codebook" / "cameo_codes_label4.tsv"
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    assert len(rows) == 295
    assert all(cameo_to_label(r["code"]) == r["label_refined"] for r in rows)
    brief = LabelScheme.from_cameo("brief", {"02": "demand", "10": "demand", "11": "concern", "012": "concern",
                                             "12": "rejection", "016": "rejection"},
                                   labels=DEFAULT_SCHEME.labels)
    assert all(brief.cameo_to_label(r["code"]) == r["label_brief"] for r in rows)


@pytest.mark.corpora
def test_plover_mapping_reproduces_the_gold_standard_labels(shared_dir):
    folder = shared_dir / "corpora" / "plover_gsr"
    with open(folder / "plover_gsr_sentences.tsv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert len(rows) == 322 and all(plover_to_label(r["plover_event"]) == r["label4"] for r in rows)
    # CAMEO -> PLOVER 0.8: the two mappings agree on every code but the four refinements of ANNOTATION.md
    differ = set()
    for line in (folder / "CAMEO2PLOVER-2021.txt").read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(\d{3,4}):\s*([A-Z]+)\s*,\s*([^,#]*)", line)
        if m and cameo_to_label(m.group(1)) != plover_to_label(m.group(2), m.group(3).strip()):
            differ.add(m.group(1))
    assert differ == {"113", "115", "116", "139"}


def test_bundled_model_metadata():
    model, meta = load_model()
    assert meta["estimator"] == "Pipeline" and meta["label_scheme"] == DEFAULT_SCHEME.to_dict()
    for key in ("stance_version", "sklearn_version", "sha256", "metrics", "training_data", "config"):
        assert meta[key], key
    assert meta["training_data"]["fingerprint"] and meta["config"]["seed"] == 20261128
    assert list(model.classes_) == list(DEFAULT_SCHEME.labels)


@pytest.mark.corpora
def test_bundled_model_labels_the_example_statements(shared_dir):
    """The 8 gold statements of the shared example, gold segmentation: every label right."""
    [gold] = read_gold(shared_dir / "examples" / "japan-russia-meeting.gold.json")
    records = gold.records()
    model, _ = load_model()
    assert len(records) == 8
    assert list(model.predict(records)) == [r["label"] for r in records]
    proba = model.predict_proba(records)
    assert ((proba > 0) & (proba < 1)).all()
