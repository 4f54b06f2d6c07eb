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


# -- rules of the 2026-11-28 attribution pass (synthetic sentences) ------------------------------------------

def test_appositive_name_after_a_description_is_the_speaker():
    speakers, entities = resolve(
        "Tarvania's ambassador to Norland, Ilse Marren, said the expulsions were unlawful. "
        "The agency's regional director for Asia, Dr. Omar Haddad, said the clinics would stay open.")
    assert speakers == ["Ilse Marren", "Omar Haddad"]
    assert entities["Ilse Marren"].type == "person"


def test_a_titled_name_before_an_appositive_keeps_its_own_name():
    speakers, _ = resolve("Secretary Ana Ruiz, Chairman Omar Haddad, and their aides said the review was complete.")
    assert "Omar Haddad" not in speakers


def test_pronoun_right_after_a_reporting_verb_is_its_subject():
    speakers, _ = resolve(
        "Ana Ruiz criticised the budget on Monday. "
        "The Norland Health Ministry said it opposed the cuts and urged parliament to reconsider. "
        "Omar Haddad, the agency's director, said he regretted the decision.")
    assert speakers[1] == "Norland Health Ministry"
    assert speakers[-1] == "Omar Haddad"


def test_pronoun_after_a_relative_clause_is_the_antecedent():
    speakers, _ = resolve("Ana Ruiz spoke first. "
                          "Tarvania, which borders both countries, said it opposed any use of force.")
    assert speakers[-1] == "Tarvania"


def test_he_is_the_person_named_as_subject_since_the_last_speaker():
    speakers, _ = resolve(
        "Omar Haddad said the talks had failed. "
        "Its spokesman, Ilse Marren, said the dam had released enough water. "
        "He called on the neighbours to modernise their canals.")
    assert speakers == ["Omar Haddad", "Ilse Marren", "Ilse Marren"]


def test_he_after_a_meeting_sentence_is_its_subject_not_the_object():
    speakers, _ = resolve(
        "President Ana Ruiz spoke today with Prime Minister Omar Haddad. He condemned the attacks on the convoy.",
        genre="readout", publisher="The Palace")
    assert speakers[-1] == "Ana Ruiz"


def test_unnamed_official_of_a_named_organisation_speaks_for_it():
    speakers, entities = resolve(
        "Interior Minister Ana Ruiz said the border would stay shut. "
        "A NATO spokesperson called on both sides to show restraint. The spokesperson said the alliance was watching.")
    assert speakers == ["Ana Ruiz", "NATO", "NATO"]
    assert entities["NATO"].type == "organization"


def test_nationality_and_officials_is_the_state():
    speakers, entities = resolve("Kenyan diplomats said the vote had been postponed.")
    assert speakers == ["Kenya"]
    assert entities["Kenya"].type == "government"


def test_we_inside_a_news_quotation_is_the_speaker_quoted_last():
    # a quotation that runs on into the next paragraph is open at its paragraph's end, so its "We reject" is a cue
    speakers, _ = resolve(
        'The Norland Trade Council rejected the tariffs on Monday.\n\n'
        '"The tariffs are unfair," Trade Minister Ana Ruiz said. "We reject them outright.\n\n'
        '"Farmers cannot pay more," she added.')
    assert speakers == ["Norland Trade Council", "Ana Ruiz", "Ana Ruiz", "Ana Ruiz"]


def test_joint_subject_with_a_determiner_in_the_second_member():
    speakers, entities = resolve("Tarvania and the Republic of Norland rejected a proposal to cut their quotas.")
    assert speakers == ["Tarvania and Republic of Norland"]
    assert entities[speakers[0]].type == "group"


def test_the_spokesman_was_blunt_colon_quote():
    speakers, _ = resolve('Government spokesman Omar Haddad defended the ban. Asked about talks, the spokesman was '
                          'blunt: "No."')
    assert speakers[-1] == "Omar Haddad"


def test_readout_issuer_from_the_issuer_line_and_meeting_with_a_group():
    text = ("Press release \u2013 Federal Trade Office, Lindau, 3 June 2025\n\n"
            "Minister Ana Ruiz held a call today with transatlantic leaders. "
            "They expressed concern about the new tariffs.")
    speakers, _ = resolve(text, genre="readout")
    assert speakers[-1] == "Ana Ruiz and transatlantic leaders"


def test_joint_statement_sides_are_its_parties():
    speakers, _ = resolve("The sides discussed options to reduce demand for gas.", genre="joint_statement",
                          title="Joint Statement between Tarvania and the Republic of Norland on Energy")
    assert len(speakers) == 1 and "Tarvania" in speakers[0] and "Norland" in speakers[0]


def test_the_two_are_the_meeting_participants():
    speakers, _ = resolve("President Ana Ruiz met with President Omar Haddad in Lindau. "
                          "The two discussed grain exports.", genre="readout", publisher="The Palace")
    assert speakers[-1] == "Ana Ruiz and Omar Haddad"


def test_group_member_named_by_a_title_is_the_titled_person_before():
    speakers, _ = resolve("President Ana Ruiz spoke with Prime Minister Omar Haddad of Norland. "
                          "The President and the Prime Minister agreed to meet again.",
                          genre="readout", title="Readout of President Ana Ruiz's Call", publisher="The Palace")
    assert speakers[-1] == "Ana Ruiz and Omar Haddad"


def test_entity_country_from_the_text_around_its_first_mention():
    _, entities = resolve("Tarvania's health minister, Ana Ruiz, said the vaccines would arrive late. "
                          "President Omar Haddad of Kenya said the border would reopen. "
                          "Ilse Marren, director of the Norland Water Agency, said supplies were short.")
    assert entities["Ana Ruiz"].country is None  # no state: Tarvania is not in the gazetteer
    assert entities["Omar Haddad"].country == "Kenya"
    assert entities["Ilse Marren"].affiliation == "Norland Water Agency"


def test_a_persons_name_that_holds_a_capital_gives_no_country():
    _, entities = resolve("Ana Lima said the plan would fail.")
    assert entities["Ana Lima"].country is None


def test_group_of_offices_named_by_their_states_keeps_each_member_whole():
    title = ("Joint Statement by President of Tarvania Ana Ruiz, Prime Minister of the United Kingdom and Northern "
             "Ireland Omar Haddad, and President of the United States Joseph R. Biden, Jr.")
    speakers, _ = resolve("We welcome the talks. We call on all sides to refrain from violence.",
                          genre="joint_statement", title=title)
    assert speakers == ["Ana Ruiz, Omar Haddad and Joseph R. Biden, Jr."] * 2


# -- source-voice narration: who performs the act (ANNOTATION.md 6.2, 6.3, 6.5) ---------------------------------

def _readout(text, **meta):
    meta = {"genre": "readout", "title": "Readout of President Ana Lima's Call with Prime Minister Bo Chan of Fiji",
            "publisher": "The Palace", **meta}
    doc = Document("t", text, meta)
    statements, _ = EntityResolver().resolve(doc, RuleSegmenter().segment(doc))
    return [(s.speaker, s.content_span.text(text)) for s in statements]


def test_a_readouts_uncued_narration_belongs_to_the_participant_it_names():
    text = ("President Ana Lima spoke today with Prime Minister Bo Chan of Fiji. "
            "She conveyed her condolences for the victims of the storm. "
            "To this end, President Lima announced a relief fund for the islands. "
            "The two leaders also consulted on fisheries patrols. "
            "Chan updated the President on the reconstruction of the port.")
    speakers = [s for s, _ in _readout(text)]
    assert speakers == ["The Palace", "Ana Lima", "Ana Lima", "Ana Lima and Bo Chan", "Bo Chan"]


def test_a_readouts_meeting_and_third_parties_conduct_stay_with_the_issuer():
    text = ("President Ana Lima spoke today with Prime Minister Bo Chan of Fiji. "
            "The Harbour Authority will reopen the port next week. "
            "Secretary Tom Hale will visit Suva in May.")
    assert [s for s, _ in _readout(text)] == ["The Palace"] * 3


def test_a_statement_on_a_call_narrates_like_a_readout_unless_it_speaks_in_the_first_person():
    title = "Statement by Spokesperson Ana Lima on Minister Tom Hale's Call with Minister Bo Chan"
    text = ("Minister Tom Hale spoke today with Minister Bo Chan of Fiji. "
            "Mr. Hale conveyed strong support for the reconstruction of the port. "
            "Minister Chan showed me the new harbour of Suva.")
    speakers = [s for s, _ in _readout(text, genre="statement", title=title)]
    assert speakers == ["Ana Lima", "Tom Hale", "Ana Lima"]


def test_a_first_person_group_in_a_statement_speaks_as_the_group():
    text = "Jon and I are relieved that the crew is safe. We are grateful to the rescue teams."
    speakers, entities = resolve(text, genre="statement", title="Statement by Governor Ana Lima")
    assert speakers == ["Jon and Ana Lima", "Jon and Ana Lima"]
    assert entities["Jon and Ana Lima"].type == "group"


def test_the_issuers_own_state_with_partners_or_after_a_conjunction_speaks():
    meta = {"genre": "statement", "title": "Statement by Spokesperson Ana Lima on Fiji", "publisher": "The White House"}
    speakers, entities = resolve("The United States and our allies and partners stand ready to help Fiji.", **meta)
    assert speakers == ["The United States and our allies and partners"]
    assert entities[speakers[0]].type == "group"
    speakers, _ = resolve("Relief convoys reached the coast. And the United States will continue to help.", **meta)
    assert speakers == ["Ana Lima", "United States"]
    speakers, _ = resolve("The United States, working with our partners, will send engineers to Suva.", **meta)
    assert speakers == ["United States"]


def test_each_coordinated_clause_of_an_uncued_sentence_is_a_statement():
    meta = {"genre": "statement", "title": "Statement by Spokesperson Ana Lima on Fiji", "publisher": "The White House"}
    text = "The storm destroyed the harbour of the capital, and we will send engineers next week."
    doc = Document("t", text, meta)
    statements, _ = EntityResolver().resolve(doc, RuleSegmenter().segment(doc))
    assert [s.content_span.text(text) for s in statements] == [
        "The storm destroyed the harbour of the capital", "we will send engineers next week."]
    assert all(text[s.content_span.start:s.content_span.end] == s.content_span.text(text) for s in statements)
    text = "Chile, Peru, and Fiji will send engineers to the harbour."  # a list of names is one subject
    doc = Document("t", text, meta)
    assert len(RuleSegmenter().segment(doc)) == 1


def test_we_with_an_appositive_is_the_issuing_group_not_a_name_inside_it():
    text = ("We, the President of Chile and the Prime Minister of Fiji, met in Suva today to discuss "
            "the protection of fisheries.")
    speakers, _ = resolve(text, genre="joint_statement", title="Joint Statement by Chile and Fiji")
    assert speakers == ["Chile and Fiji"]


def test_the_principals_stance_in_a_briefers_turn_is_the_principals():
    title = "Press Briefing by Press Secretary Ana Lima"
    text = ("MS. LIMA: Good afternoon. President Tom Hale spoke with the governors today. "
            "The President believes that the levees must be rebuilt. The President will visit the coast on Friday. "
            "He wants the funds released.")
    speakers, _ = resolve(text, genre="transcript", title=title)
    assert speakers == ["Ana Lima", "Ana Lima", "Tom Hale", "Ana Lima", "Ana Lima"]


def test_the_three_officials_named_by_initials_are_the_participants():
    text = ("National Security Advisor Ana Lima met National Security Advisor Bo Chan of Fiji and National "
            "Security Advisor Ivo Duran of Peru in Suva. The three NSAs reaffirmed their decision to meet again.")
    speakers = [s for s, _ in _readout(text)]
    assert speakers[-1] == "Ana Lima, Bo Chan and Ivo Duran"


def test_a_second_act_of_the_same_subject_is_a_statement_with_that_subject():
    text = ("President Ana Lima spoke today with Prime Minister Bo Chan of Fiji. "
            "The two leaders reviewed the patrols in the strait and welcomed the opening of the new port.")
    statements = _readout(text)
    assert statements[1:] == [("Ana Lima and Bo Chan", "The two leaders reviewed the patrols in the strait"),
                              ("Ana Lima and Bo Chan", "welcomed the opening of the new port.")]
    # a participle after "and" that is no act of the subject ("and related issues") does not cut
    assert len(_readout("President Ana Lima spoke today with Prime Minister Bo Chan of Fiji. "
                        "The leaders discussed fisheries and related questions.")) == 2


# -- who issues a joint statement, a signed text or a statement of several principals (ANNOTATION.md 6.2, 6.3) -----

def test_title_principals_with_their_states_and_name_particles_are_the_issuing_group():
    title = "Joint Statement by President Ana Ruiz of Norland and President Omar von Haddad of Tarvania on Fisheries"
    speakers, _ = resolve("We condemn illegal fishing. We call for a new patrol.", genre="joint_statement", title=title)
    assert speakers == ["Ana Ruiz and Omar von Haddad"] * 2
    speakers, _ = resolve("We condemn illegal fishing.", genre="joint_statement",
                          title="President Ana Ruiz and Prime Minister Omar Haddad Joint Statement")
    assert speakers == ["Ana Ruiz and Omar Haddad"]


def test_principals_the_opening_names_as_we_are_the_issuing_group():
    text = ("We, President of Chile Ana Ruiz and Prime Minister of the Republic of Fiji Omar Haddad, met President "
            "Ilse Marren of Vestria in Suva today. We condemn illegal fishing.")
    speakers, _ = resolve(text, genre="joint_statement", title="Joint Statement on Fisheries")
    assert set(speakers) == {"Ana Ruiz and Omar Haddad"}
    text = ("Today, we \u2014 President Ana Ruiz of Norland, Prime Minister Omar Haddad of Tarvania, and President "
            "Ilse Marren of Vestria \u2014 hosted Minister Eva Lind of Chile in Suva. We condemn illegal fishing.")
    speakers, _ = resolve(text, genre="joint_statement", title="Joint Statement on Fisheries")
    assert set(speakers) == {"Ana Ruiz, Omar Haddad and Ilse Marren"}


def test_group_in_the_opening_is_the_subject_not_an_object():
    from stance.attribute.issuer import group_in_opening
    assert group_in_opening("Today, the leaders of Chile, Peru and Fiji met in Suva.", 60) == \
        "leaders of Chile, Peru and Fiji"
    assert group_in_opening("As leaders of Chile, Peru and Fiji, we resolve to act.", 60) == \
        "leaders of Chile, Peru and Fiji"
    text = "We, the leaders of Chile, the Republic of Korea (ROK), and Fiji, met in Suva."
    assert group_in_opening(text, len(text)) == "leaders of Chile, the Republic of Korea (ROK), and Fiji"
    assert group_in_opening("Ana Ruiz met with the leaders of Chile, Peru and Fiji in Suva.", 60) is None


def test_team_written_joint_statement_names_its_issuers_in_its_opening_lines():
    text = ("JOINT STATEMENT ON DEEP-SEA MINING\nKoror, 3 March 2026\n\n"
            "The foreign ministers of Palau and Fiji, meeting in Koror on 3 March, issued the following statement.\n\n"
            "We are alarmed by plans to license mining of the seabed. Our countries call on all states to support "
            "a moratorium. The three of us reject the claim that mining is safe.")
    speakers, _ = resolve(text, genre="joint_statement")
    assert set(speakers) == {"foreign ministers of Palau and Fiji"}
    text = ("JOINT STATEMENT\nKoror, 3 March 2026\n\n"
            "The Foreign Minister of Palau, Ana Ruiz, and the Foreign Minister of Fiji, Omar Haddad, met in Koror "
            "today.\n\nThe two ministers expressed concern about plans to mine the seabed.")
    speakers, _ = resolve(text, genre="joint_statement")
    assert speakers[-1] == "Ana Ruiz and Omar Haddad"


def test_a_signed_text_speaks_for_its_signatories():
    text = ("Our ports face rising seas. We will build stronger sea walls.\n\nSigned,\n\n"
            "**Ana Ruiz** **Adviser to the President for Coastal Policy**\n\n**Omar Haddad** **Minister of Trade**")
    doc = Document("t", text, {"genre": "statement", "title": "A Framework for Coastal Resilience"})
    statements, _ = EntityResolver().resolve(doc, RuleSegmenter().segment(doc))
    assert [s.speaker for s in statements] == ["Ana Ruiz and Omar Haddad"] * 2
    assert "Signed" not in " ".join(s.content_span.text(text) for s in statements)  # a sign-off (6.1)
    text = ("We call on both sides to return to talks.\n\n*President of Norland Ana Ruiz*\n\n"
            "*Prime Minister of the Republic of Fiji Omar Haddad*\n\n###")
    speakers, _ = resolve(text, genre="joint_statement", title="Joint Statement on the Talks")
    assert speakers == ["Ana Ruiz and Omar Haddad"]


def test_states_paired_in_the_title_are_the_parties():
    speakers, _ = resolve("Chile and Peru condemn the attack. The two countries urge restraint.",
                          genre="joint_statement", title="Chile-Peru Joint Statement")
    assert speakers == ["Chile and Peru"] * 2


def test_an_office_of_a_state_ends_before_the_name():
    text = ("The President of the Arab Republic of Egypt Ana Ruiz spoke with the Secretary of the Russian Security "
            "Council Omar Haddad.")
    names = [c.name for c in _chains(text)]
    assert "Ana Ruiz" in names and "Omar Haddad" in names
    assert [c.name for c in _chains("President von der Lind said")] == ["von der Lind"]


def test_one_person_with_two_offices_is_not_a_group():
    speakers, _ = resolve("The Vice President will travel to Lima.", genre="statement",
                          title="Statement by Senior Advisor and Chief Spokesperson Ana Ruiz on the Trip")
    assert speakers == ["Ana Ruiz"]
    speakers, _ = resolve("We mourn a great leader.", genre="statement",
                          title="Statement by President Ana Ruiz and First Lady Eva Ruiz Mourning a Great Leader")
    assert speakers == ["Ana Ruiz and Eva Ruiz"]


def _chains(text):
    from stance.attribute.names import load_gazetteer, name_chains
    from stance.segment import load_lexicon
    return name_chains(text, [(0, len(text))], load_lexicon().titles, load_gazetteer())


# -- session 5: issuers named in letterheads and headlines, offices, own states, groups -----------------------------

def test_an_issuer_in_a_capital_letterhead_is_the_office_named_last_in_title_case():
    text = ("REPUBLIC OF NORLAND\nMINISTRY OF FOREIGN AFFAIRS AND TRADE\n\nPRESS RELEASE\n\n"
            "Talks on the river border\n\nEastport, 3 May\n\n"
            "The Ministry regrets that the talks were cancelled. We call on Tarvania to return to the table.\n")
    speakers, entities = resolve(text, genre="statement")
    assert speakers == ["Ministry of Foreign Affairs and Trade"] * 2
    text = ("MINISTRY OF FOREIGN AFFAIRS OF NORLAND\nPRESS RELEASE\n\nEastport, 3 May\n\n"
            "The Ministry of Foreign Affairs regrets that the talks were cancelled.\n")
    assert resolve(text, genre="statement")[0] == ["Ministry of Foreign Affairs of Norland"]


def test_a_headline_names_the_issuer_of_a_statement_without_a_title():
    text = ("Statement of the Ministry of Foreign Affairs of Norland on the vote in the border region\n\n"
            "Eastport, 3 May 2026\n\nThe vote was organised by the Border Electoral Commission. "
            "We reject its outcome. The Ministry thanks its partners.\n")
    speakers, _ = resolve(text, genre="statement")
    assert speakers == ["Ministry of Foreign Affairs of Norland"] * 3


def test_a_named_line_of_the_letterhead_is_the_issuer():
    text = ("MEDIA RELEASE\n\nCoastal Fisheries Partnership\n\nPort Lomas, 2 October 2026\n\n"
            "The Coastal Fisheries Partnership will keep the licence fee. We urge all fleets to report their catch.\n")
    speakers, _ = resolve(text, genre="statement")
    assert speakers == ["Coastal Fisheries Partnership"] * 2


def test_the_own_state_named_in_the_letterhead_performs_its_own_acts():
    text = ("REPUBLIC OF CHILE\nMINISTRY OF FOREIGN AFFAIRS\n\nSantiago, 3 May\n\n"
            "Chile will not cooperate with the panel. The Government of Chile remains committed to dialogue. "
            "The allegations are baseless.\n")
    speakers, _ = resolve(text, genre="statement")
    assert speakers == ["Chile", "Government of Chile", "Ministry of Foreign Affairs"]


def test_a_joint_statement_group_ends_before_the_members_named_in_apposition():
    text = ("JOINT STATEMENT\n\nEastport, 9 May\n\nThe Ministers of Defence of Norland and Tarvania, Ana Ruiz and "
            "Omar Haddad, met in Eastport to review joint patrols. The Ministers condemn the attack on the ferry.\n")
    speakers, _ = resolve(text, genre="joint_statement")
    assert set(speakers) == {"Ministers of Defence of Norland and Tarvania"}


def test_an_office_of_several_words_joined_by_and_is_no_person():
    text = ("Minister Ana Ruiz of Norland met Tarvania's Minister of Foreign Affairs and International Cooperation, "
            "Omar Haddad, in Eastport. The two ministers discussed the border. Both ministers agreed to meet again.")
    speakers, _ = resolve(text, genre="readout")
    assert speakers[-2:] == ["Ana Ruiz and Omar Haddad"] * 2


def test_a_name_with_and_written_as_one_chain_is_one_organisation():
    text = ("Statement\n\nThe Ministry of Foreign Affairs and Regional Integration regrets the vote. Chile and "
            "Peru said the treaty would be signed.\n")
    speakers, _ = resolve(text, genre="statement")
    assert speakers == ["Ministry of Foreign Affairs and Regional Integration", "Chile and Peru"]


def test_a_date_after_a_mention_is_no_part_of_the_name():
    text = ("Statement of the Ministry of Foreign Affairs of Norland\n\nWe categorically reject the statement of the "
            "Ministry of Foreign Affairs of the Republic of Chile of 11 March, which described the vote as free.\n")
    speakers = resolve(text, genre="statement")[0]
    assert speakers[-1] == "Ministry of Foreign Affairs of the Republic of Chile"


def test_a_middle_surname_and_a_titled_surname_find_the_full_name():
    text = ("Minister Ana Ruiz spoke with the Secretary of Foreign Affairs, Lucía Ferrer Ibáñez. "
            "Secretary Ferrer said the permits were delayed. He declined the invitation.")
    assert resolve(text, genre="readout")[0][-2:] == ["Lucía Ferrer Ibáñez"] * 2


def test_a_state_is_not_read_as_the_first_name_of_a_longer_name():
    text = ("The Chile Coast Guard said its ships had left. On the patrols, Chile said it rejected the claim.")
    assert resolve(text)[0][-1] == "Chile"


def test_an_unnamed_official_of_a_named_office_speaks_for_the_office():
    speakers, _ = resolve("A Peruvian energy ministry official said the cut was final.")
    assert speakers == ["Peruvian energy ministry"]
    assert resolve("Peruvian officials said the cut was final.")[0] == ["Peru"]  # a state's officials


def test_an_office_named_by_its_title_voices_its_alarm_in_a_briefers_turn():
    text = ("SPOKESPERSON ANA RUIZ: Good afternoon. The Secretary-General is alarmed by the fighting around the "
            "port.\n\nQUESTION: Thank you.\n")
    speakers, _ = resolve(text, genre="transcript")
    assert speakers[-1] == "Secretary-General"


def test_an_office_written_as_its_initials_is_the_person_holding_it():
    text = ("Trade Minister Ana Ruiz spoke today with the Trade Minister of Norland, Omar Haddad.\n\n"
            "TM rejected the claim that the tariffs were illegal. She urged Norland to lift the ban.\n")
    speakers, entities = resolve(text, genre="readout")
    assert speakers[-2:] == ["Ana Ruiz", "Ana Ruiz"]
    assert entities["Ana Ruiz"].type == "person"
    # initials that spell no office of the text stay a name of their own
    assert resolve("Trade Minister Ana Ruiz arrived. NATO said the drills would go ahead.")[0] == ["NATO"]


def test_a_person_after_a_lower_case_office_opens_the_clause_for_a_later_pronoun():
    text = ("Interior Minister Paul Mbeki said the fire had destroyed two depots.\n\n"
            "In Lisbon, government spokesperson Rita Uwase was firm. \u201cNone of this is true,\u201d she said.\n")
    assert resolve(text)[0] == ["Paul Mbeki", "Rita Uwase"]


def test_a_lower_case_office_description_finds_the_office_named_with_of():
    text = ("The Ministry of Health and Family Welfare opened an inquiry into the price. Novacor said it would "
            "appeal. A health ministry official said the company was putting profits first.")
    assert resolve(text)[0][-1] == "Ministry of Health and Family Welfare"


def test_an_indefinite_official_is_no_person_named_before():
    text = ("Its director, Dr Ana Iyer, said she was worried. A health ministry official said the company was "
            "putting profits first. The official rejected the plan.")
    assert resolve(text)[0] == ["Ana Iyer", "health ministry", "health ministry"]


def test_a_name_in_a_quotation_is_no_antecedent_of_the_pronoun_reporting_it():
    text = ("Kestrel Lifesciences said it would not lower the price. Its chief, Omar Haddad, said he would not rule "
            "anything out.\n\nThe Patients' Alliance welcomed the move. Its director, Dr Ana Iyer, said she was "
            "worried. \"Kestrel is holding patients to ransom,\" she said.")
    assert resolve(text)[0][-2:] == ["Ana Iyer", "Ana Iyer"]


def test_the_holder_named_after_an_office_with_its_complement_speaks():
    text = "\u201cOur banks are punished,\u201d said the chair of the summit, Prime Minister Omar Haddad of Norland."
    assert resolve(text)[0] == ["Omar Haddad"]
    text = ("Aid groups say roads are cut. The United Nations humanitarian coordinator for Norland, Ana Berg, "
            "said she was worried.")
    assert resolve(text)[0][-1] == "Ana Berg"


def test_an_indefinite_spokesperson_speaks_for_the_body_that_opens_the_sentence_before():
    text = ("Ana Ruiz said the plan was dead. The European Commission declined to comment on the funds. "
            "A spokesperson said only that talks would continue.")
    assert resolve(text)[0][-1] == "European Commission"


def test_an_office_with_the_place_it_serves_is_not_the_place():
    text = "The UN Resident Coordinator in Norland says she is worried that floods have cut the roads."
    assert resolve(text)[0] == ["UN Resident Coordinator in Norland"]


def test_a_pronoun_after_an_office_that_spoke_by_its_title_is_that_office():
    text = ("SPOKESPERSON ANA RUIZ: Good afternoon. The Secretary-General is alarmed by the fighting around the "
            "port. He calls on all parties to let aid through.\n\nQUESTION: Thank you.\n")
    speakers, _ = resolve(text, genre="transcript")
    assert speakers[-2:] == ["Secretary-General", "Secretary-General"]


def test_the_bare_government_opening_a_statement_sentence_is_the_own_government_named_before():
    text = ("REPUBLIC OF CHILE\nMINISTRY OF FOREIGN AFFAIRS\n\nThe Government of the Republic of Chile rejects the "
            "resolution adopted yesterday by the Council.\n\nThe Ministry regrets that a few states keep using the "
            "Council for political ends.\n\nThe Government remains committed to working with all mechanisms that "
            "respect the sovereignty of States.\n")
    speakers, _ = resolve(text, genre="statement")
    assert speakers[-1] == "Government of the Republic of Chile"


# -- session 6: organisations' names with a link word and no organisation word ("X for Y", "X of the Y") ----------

def _names(text):
    return [c.name for c in _chains(text)]


def test_a_linked_name_introduced_by_a_descriptive_noun_is_one_organisation():
    text = ("The Lima-based coalition Voices for Clean Rivers accused the miners of poisoning wells. "
            "The coalition said the permits must be revoked.")
    assert _names(text)[0] == "Voices for Clean Rivers"
    speakers, entities = resolve(text)
    assert speakers == ["Voices for Clean Rivers"] * 2
    assert entities["Voices for Clean Rivers"].type == "organization"
    assert _names("The campaign Mothers of the Missing urged the court to act.") == ["Mothers of the Missing"]


def test_a_linked_name_with_an_appositive_description_after_it_is_one_organisation():
    text = "Keepers of the Delta, a rights group based in Quito, urged the court to act. The group said it would wait."
    assert _names(text)[:2] == ["Keepers of the Delta", "Quito"]
    assert resolve(text)[0] == ["Keepers of the Delta", "Keepers of the Delta"]


def test_a_link_word_in_capitals_inside_running_text_belongs_to_the_name():
    speakers, entities = resolve("Medics Without Frontiers said the clinic was hit. The group demanded an inquiry.")
    assert speakers == ["Medics Without Frontiers"] * 2
    assert entities["Medics Without Frontiers"].type == "organization"


def test_initials_in_brackets_join_the_name_and_name_it_afterwards():
    text = ("Farmers for Fair Trade (FFT) warned that prices were collapsing. FFT said tariffs must fall. "
            "The Southern Alliance of Coastal States (SACS) called on Norland to release the crew. The bloc said it "
            "would send envoys.")
    assert _names(text)[0] == "Farmers for Fair Trade"
    speakers, entities = resolve(text)
    assert speakers == ["Farmers for Fair Trade"] * 2 + ["Southern Alliance of Coastal States"] * 2
    assert "FFT" in entities["Farmers for Fair Trade"].aliases


def test_a_link_word_without_evidence_of_an_organisation_still_ends_a_name():
    # a person's affiliation, a state, a date, and a bare "X for Y" that nothing introduces stay apart
    assert _names("Omar Haddad of Kivu Mining said the mine would close.") == ["Omar Haddad", "Kivu Mining"]
    assert _names("Ana Ruiz of Chile said the talks failed.") == ["Ana Ruiz", "Chile"]
    assert _names("Voices for Peace said the vote was rigged.") == ["Voices", "Peace"]
    assert _names("Minister for Foreign Affairs Ana Ruiz said the talks failed.") == ["Ana Ruiz"]
