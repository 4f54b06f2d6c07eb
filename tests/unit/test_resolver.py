from stance import Document
from stance.attribute import EntityResolver
from stance.segment import RuleSegmenter


def resolve(text, **meta):
    doc = Document("t", text, meta)
    statements, entities = EntityResolver().resolve(doc, RuleSegmenter().segment(doc))
    return [s.speaker for s in statements], {e.name: e for e in entities}


def test_surname_and_pronoun_resolve_to_the_full_name():
    speakers, entities = resolve(
        "Foreign Minister Ana Silva of Chile met her Peruvian counterpart on Monday. "
        "Silva said the border must reopen. She added that talks would continue.")
    assert speakers == ["Ana Silva", "Ana Silva"]
    assert entities["Ana Silva"].type == "person"
    assert "Silva" in entities["Ana Silva"].aliases


def test_description_resolves_to_the_organisation():
    speakers, entities = resolve(
        "The Russian Foreign Ministry announced new talks. The ministry said the proposal was unacceptable. "
        "It urged Tokyo to respond.")
    assert speakers == ["Russian Foreign Ministry"] * 3
    assert entities["Russian Foreign Ministry"].type == "organization"
    assert entities["Russian Foreign Ministry"].country == "Russia"


def test_joint_subject_is_a_group():
    speakers, entities = resolve("Kenya and Ethiopia said the dam talks would resume.")
    assert speakers == ["Kenya and Ethiopia"]
    assert entities["Kenya and Ethiopia"].type == "group"


def test_title_is_split_from_the_name():
    speakers, entities = resolve("Russian President Vladimir Putin said the sanctions were illegal.")
    assert speakers == ["Vladimir Putin"]
    assert entities["Vladimir Putin"].country == "Russia"


def test_issuer_of_a_source_voice_document_comes_from_its_title():
    speakers, _ = resolve("We condemn the attack on the convoy. The perpetrators must be held to account.",
                          genre="statement", title="Statement by NSC Spokesperson Ana Lima on the Convoy Attack")
    assert speakers == ["Ana Lima", "Ana Lima"]


def test_readout_voice_is_its_publisher_and_the_two_leaders_are_a_group():
    text = ("President Ana Lima spoke today with Prime Minister Bo Chan of Fiji. "
            "The two leaders discussed maritime security.")
    speakers, entities = resolve(text, genre="readout", title="Readout of President Lima's Call with Prime Minister "
                                 "Chan", publisher="The Palace")
    assert speakers == ["The Palace", "Ana Lima and Bo Chan"]
    assert entities["Ana Lima and Bo Chan"].type == "group"


def test_transcript_label_resolves_to_the_full_name_in_the_title():
    text = "MS. LIMA: Good afternoon, everyone.\n\nQ: Any news?\n\nMS. LIMA: Not today."
    speakers, _ = resolve(text, genre="transcript", title="Press Briefing by Press Secretary Ana Lima")
    assert speakers == ["Ana Lima", "Ana Lima"]


def test_generational_suffix_is_part_of_the_name():
    speakers, _ = resolve("President Joseph R. Biden, Jr. met the press. Biden said the talks had failed.")
    assert speakers == ["Joseph R. Biden, Jr."]
