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


def test_participants_of_the_meeting_are_the_leaders_and_they():
    text = ("President Ana Lima met Prime Minister Bo Chan of Fiji in Suva on Monday. "
            "President Lima thanked Secretary Tom Hale for his work. "
            "The two leaders discussed maritime security. They agreed to meet again in May.")
    speakers, entities = resolve(text, genre="readout", title="Readout of President Lima's Meeting with "
                                 "Prime Minister Chan", publisher="The Palace")
    assert speakers[-2:] == ["Ana Lima and Bo Chan", "Ana Lima and Bo Chan"]
    assert entities["Ana Lima and Bo Chan"].type == "group"


def test_the_president_in_an_official_document_is_its_own_principal():
    text = ("President Ana Lima spoke today with President Ivo Duran of Peru. "
            "The President expressed concern about the fires in the Amazon.")
    speakers, _ = resolve(text, genre="readout", title="Readout of President Ana Lima's Call with President "
                          "Ivo Duran of Peru", publisher="The Palace")
    assert speakers[-1] == "Ana Lima"


def test_joint_statement_issuer_is_the_group_its_opening_names():
    text = ("We, the leaders of Chile, Peru and Fiji, met today. "
            "We condemn the attack on the convoy. Attacks on aid workers must stop.")
    speakers, entities = resolve(text, genre="joint_statement", title="Joint Statement on the Convoy Attack")
    assert set(speakers) == {"leaders of Chile, Peru and Fiji"}
    speakers, _ = resolve("We condemn the attack on the convoy.", genre="joint_statement",
                          title="Joint Statement between Chile and Peru on the Convoy Attack")
    assert speakers == ["Chile and Peru"]


def test_the_issuers_own_state_as_subject_speaks():
    text = "We condemn the attack. The United States stands with the people of Fiji."
    speakers, _ = resolve(text, genre="statement", title="Statement by Spokesperson Ana Lima on Fiji",
                          publisher="The White House")
    assert speakers == ["Ana Lima", "United States"]


def test_the_company_is_the_organisation_introduced_as_one():
    text = ("Regulators fined Norte Litio, a lithium company based in Salta, on Monday. "
            "The company said the fine was unfair.")
    speakers, entities = resolve(text)
    assert speakers == ["Norte Litio"]
    assert entities["Norte Litio"].type == "organization"


def test_name_particles_and_modifiers():
    speakers, _ = resolve("President Luiz Carlos da Rocha met the press. Da Rocha said the talks had failed. "
                          "Omar al-Haddad said the border was closed.")
    assert speakers == ["Luiz Carlos da Rocha", "Omar al-Haddad"]
    speakers, _ = resolve("Lisbon-based Mar Azul Shipping said the tanker was in international waters.")
    assert speakers == ["Mar Azul Shipping"]


def test_a_single_unknown_word_is_not_a_person_for_he():
    speakers, _ = resolve("The Orinoco is drying up. Luis Pena, a farmer, said the river was dying. "
                          "He added that the dam must open.")
    assert speakers == ["Luis Pena", "Luis Pena"]
