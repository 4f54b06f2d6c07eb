"""Cue forms, one row each: (text, expected [(speaker mention, cue, content, quote type)])."""

import pytest

from stance import Document
from stance.segment import RuleSegmenter


def segment(text, **meta):
    out = []
    for st, mention in RuleSegmenter().segment(Document("t", text, meta)):
        out.append((mention.span.text(text) if mention else None,
                    st.cue_span.text(text) if st.cue_span else None,
                    st.content_span.text(text), st.quote_type))
    return out


@pytest.mark.parametrize("text,expected", [
    ("The ministry urged Tokyo to withdraw the plan.",
     [("The ministry", "urged", "Tokyo to withdraw the plan", "indirect")]),
    ("“We will not accept this,” said Foreign Minister Ana Silva.",
     [("Foreign Minister Ana Silva", "said", "We will not accept this,", "direct")]),
    ("“We will not accept this,” she said.", [("she", "said", "We will not accept this,", "direct")]),
    ("Silva said: “The plan is unacceptable.”", [("Silva", "said", "The plan is unacceptable.", "direct")]),
    ("“The plan,” she said, “is unacceptable.”",
     [("she", "said", "The plan,” she said, “is unacceptable.", "direct")]),
    ("Ana Silva, the foreign minister of Chile, said the talks had failed.",
     [("Ana Silva", "said", "the talks had failed", "indirect")]),
    ("The talks had failed, according to the Chilean embassy.",
     [("the Chilean embassy", "according to", "The talks had failed", "indirect")]),
    ("According to the embassy, the talks had failed.",
     [("the embassy", "According to", "the talks had failed", "indirect")]),
    ("Lima expressed concern about the tests and called on Quito to stop them.",
     [("Lima", "expressed concern about", "the tests", "indirect"),
      ("Lima", "called on", "Quito to stop them", "indirect")]),
    ("The spokesperson told reporters that the claims were groundless.",
     [("The spokesperson", "told reporters", "that the claims were groundless", "indirect")]),
    ("The minister said in a statement on Friday that talks would resume.",
     [("The minister", "said", "that talks would resume", "indirect")]),
    # nested attribution: the inner speaker's act stands, the outer source is not a statement (rule 4)
    ("Russia rejected the demand, the ministry said.", [("Russia", "rejected", "the demand", "indirect")]),
    ("The demand was unfair, the ministry said.", [("the ministry", "said", "The demand was unfair", "indirect")]),
    ("The treaty was signed in 2019 and the “safe operations” clause remains.", []),
    ("He said it is “a clear violation of international law”.",
     [("He", "said", "it is “a clear violation of international law”", "mixed")]),
])
def test_cue_forms(text, expected):
    assert segment(text) == expected


def test_multi_sentence_quote_is_one_statement_per_sentence_and_continuation_keeps_speaker():
    text = ("“We reject the ruling. It has no basis,” the ministry said.\n\n"
            "“We will appeal.”\n\nThe court did not comment.")
    got = segment(text)
    assert [(m, c, content) for m, c, content, _ in got] == [
        ("the ministry", "said", "We reject the ruling."),
        ("the ministry", "said", "It has no basis,"),
        ("the ministry", None, "We will appeal."),
    ]


def test_transcript_turns_and_questions():
    text = ("MS. OKAFOR: Good afternoon. We condemn the attack.\n\n"
            "Q: Will you impose sanctions?\n\n"
            "MS. OKAFOR: We are not ruling anything out.\n\n"
            "MR. LEE: Thank you.")
    got = segment(text)
    assert [(m, c, content) for m, c, content, _ in got] == [
        ("MS. OKAFOR", "MS. OKAFOR:", "Good afternoon."),
        ("MS. OKAFOR", None, "We condemn the attack."),
        ("MS. OKAFOR", "MS. OKAFOR:", "We are not ruling anything out."),
        ("MR. LEE", "MR. LEE:", "Thank you."),
    ]


def test_source_voice_sentences_belong_to_the_source():
    text = "The two sides held talks in Jakarta. Indonesia urged restraint."
    got = segment(text, genre="readout")
    assert got == [(None, None, "The two sides held talks in Jakarta.", "indirect"),
                   ("Indonesia", "urged", "restraint", "indirect")]


def test_official_text_verbs_of_things_that_cannot_speak_are_narration():
    # in a source's own voice, "underscored" / "threaten" with a thing as subject, or a participle after an
    # article, are the issuer's narration (rule 9, 6.2); a coordinated subject with a speaker keeps its cue
    text = ("The meeting underscored the value of our partnership. Rising seas threaten coastal towns across the "
            "region. The reported verdict comes at a difficult time for the families. The two ministers and their "
            "teams agreed to meet again in May. Freedonia urged restraint.")
    assert segment(text, genre="statement") == [
        (None, None, "The meeting underscored the value of our partnership.", "indirect"),
        (None, None, "Rising seas threaten coastal towns across the region.", "indirect"),
        (None, None, "The reported verdict comes at a difficult time for the families.", "indirect"),
        ("two ministers and their teams", "agreed to", "meet again in May", "indirect"),
        ("Freedonia", "urged", "restraint", "indirect")]
    # news keeps its own rules: the check is for documents in a source's voice
    assert segment("The meeting underscored the value of our partnership, the ministry said.", genre="news")[0][:2] \
        == ("The meeting", "underscored")


def test_official_text_verb_forms_read_as_nouns_after_a_name():
    # "Freedonian attacks against", "the U.S. demand for", "several UN calls for", "U.S. support for …" are
    # nouns: the sentence stays the issuer's, or the noun phrase is the content of the issuer's own cue
    text = ("Unprovoked Freedonian attacks against the port are acts of terror. We support the U.S. demand for the "
            "release of the crew. We endorse several UN calls for restraint. U.S. support for the accord remains "
            "firm. Freedonia attacks the plan. The Ministry calls for restraint.")
    assert segment(text, genre="statement") == [
        (None, None, "Unprovoked Freedonian attacks against the port are acts of terror.", "indirect"),
        ("We", "support", "the U.S. demand for the release of the crew", "indirect"),
        ("We", "endorse", "several UN calls for restraint", "indirect"),
        (None, None, "U.S. support for the accord remains firm.", "indirect"),
        ("Freedonia", "attacks", "the plan", "indirect"),
        ("The Ministry", "calls for", "restraint", "indirect")]
    # a coordinated subject keeps its verb
    assert [c for _, c, _, _ in segment("The United States and the European Commission condemn the attack.",
                                        genre="joint_statement")] == ["condemn"]


@pytest.mark.parametrize("genre", ["readout", "news"])
def test_purpose_infinitive_after_a_partner_or_place_belongs_to_the_subject(genre):
    # "A spoke with B to express …": B is the partner, A acts (ANNOTATION.md 3.1); "asked B to explain" is B's
    text = ("President Ana Ruiz spoke today with Prime Minister Omar Haddad of Freedonia to express support for the "
            "talks. The minister asked the mayor to explain the delay. The minister asked the Embassy in Moscow to "
            "explain the delay.")
    got = [(m, c) for m, c, _, _ in segment(text, genre=genre)]
    assert ("President Ana Ruiz", "express") in got
    assert ("the mayor", "explain") in got
    assert ("the Embassy in Moscow", "explain") in got  # "in" inside a name is no place of a meeting


def test_headlines_captions_and_boilerplate_yield_nothing():
    text = ("Minister Says Talks Failed\nThe harbour at dawn\n"
            "The minister said the talks failed.\nRelated Articles\n-\nPresident Says Economy Grows\n")
    assert [c for _, _, c, _ in segment(text)] == ["the talks failed"]


@pytest.mark.parametrize("text,expected", [
    # a name ending in -ly is no adverb; adverbs, reflexives, negations and time adjuncts sit between subject and cue
    ("Mrs. Kelly said the vote was close.", [("Mrs. Kelly", "said", "the vote was close", "indirect")]),
    ("He often says the plan works.", [("He", "says", "the plan works", "indirect")]),
    ("Cruz himself said the plan works.", [("Cruz", "said", "the plan works", "indirect")]),
    ("The senator hasn't endorsed the bill.", [("The senator", "endorsed", "the bill", "indirect")]),
    ("Party spokesman Tom Reed on Thursday evening said the party was united.",
     [("Party spokesman Tom Reed", "said", "the party was united", "indirect")]),
    # a parenthetical between dashes, a possessor and a post-modifier in the subject
    ("Gingrich — a former speaker — told reporters that the plan works.",
     [("Gingrich", "told reporters", "that the plan works", "indirect")]),
    ("Ana Silva's campaign manager says the polls are wrong.",
     [("Ana Silva's campaign manager", "says", "the polls are wrong", "indirect")]),
    ("A source close to the mayor said the budget would pass.",
     [("A source", "said", "the budget would pass", "indirect")]),
    # "according to" sources a report with any noun phrase (rule 5)
    ("Turnout fell sharply, according to exit polls.",
     [("exit polls", "according to", "Turnout fell sharply", "indirect")]),
    # a capitalised verb form inside a sentence belongs to a name; a place is no content
    ("The plan was costly, The Free Press said.", [("The Free Press", "said", "The plan was costly", "indirect")]),
    ("The governor spoke at the memorial service.", []),
    # an -s form followed by what follows no verb is a plural noun; before punctuation it may be a cue
    ("Rebel attacks on the convoy drew crowds.", []),
    ("“It was a mistake,” Ruiz notes.", [("Ruiz", "notes", "It was a mistake,", "direct")]),
    # a cue inside the content of another: one statement; at the content's start, the innermost speaker (rule 4)
    ("The governor said states like Utah and Idaho will clarify the rules first.",
     [("The governor", "said", "states like Utah and Idaho will clarify the rules first", "indirect")]),
    ("The minister said the prisoners released by the rebels were ill.",
     [("The minister", "said", "the prisoners released by the rebels were ill", "indirect")]),
    ("The ministry said Lima demanded that the tests stop.",
     [("Lima", "demanded", "that the tests stop", "indirect")]),
    # a reporting participle after a comma opens its own statement
    ("The senator said the plan was dead, telling reporters it would never pass.",
     [("The senator", "said", "the plan was dead", "indirect"),
      ("The senator", "telling", "reporters it would never pass", "indirect")]),
    # a name ending in an abbreviation; an inverted cue after an opening word
    ("Ana Ruiz Jr. warned that the plan had failed.",
     [("Ana Ruiz Jr.", "warned", "that the plan had failed", "indirect")]),
    ("Lima Holdings Inc. said it would close the plant.",
     [("Lima Holdings Inc.", "said", "it would close the plant", "indirect")]),
    ("But, said Silva, “I do not want a conflict.”", [("Silva", "said", "I do not want a conflict.", "direct")]),
    # a poll share speaks; a pronoun and an auxiliary are a clause
    ("About 12 percent said they were undecided.", [("12 percent", "said", "they were undecided", "indirect")]),
    ("But 58 percent of rural voters said the plan was fair.",
     [("58 percent of rural voters", "said", "the plan was fair", "indirect")]),
    ("About one in four say they will stay home.", [("one in four", "say", "they will stay home", "indirect")]),
    ("Ana Ruiz said she would.", [("Ana Ruiz", "said", "she would", "indirect")]),
    # a participle clause that opens the sentence after a conjunction: its content stops at its speaker
    ("Yet by calling for a recount, Silva took a familiar role.", [("Silva", "calling for", "a recount", "indirect")]),
])
def test_speaker_and_content_forms(text, expected):
    assert segment(text) == expected


def test_a_cue_after_and_takes_the_sentence_subject_in_news_only():
    news = "The senator walked back her remarks and said the plan was fair."
    assert segment(news, genre="news") == [("The senator", "said", "the plan was fair", "indirect")]
    # in a source's own voice the whole sentence is the source's (rule 9)
    release = "We have deep concerns about the report and raised them with the agency."
    assert [c for _, c, _, _ in segment(release, genre="statement")] == [None]

def _contents(text, genre="news", **options):
    found = RuleSegmenter(**options).segment(Document("t", text, {"genre": genre}))
    return [st.content_span.text(text) for st, _ in found]


# -- content interrupted by its cue, quotations continued --------------------------------------------------------


@pytest.mark.parametrize("text,expected", [
    ("The average monthly payment, the ministry says, would be 300 pesos.",
     "The average monthly payment, the ministry says, would be 300 pesos"),
    ("If the talks fail, Ana Ruiz argues, there are other options.",
     "If the talks fail, Ana Ruiz argues, there are other options"),
    ("A wall would stop smugglers, she said, but also drugs.", "A wall would stop smugglers, she said, but also drugs"),
    # a conjunction and a new clause after the cue: the writer goes on, the content is before the cue
    ("It would take two weeks to convene the council, he said, and long talks could paralyse it.",
     "It would take two weeks to convene the council"),
])
def test_a_cue_that_interrupts_its_content(text, expected):
    assert _contents(text, statement_filter=None) == [expected]


def test_a_quotation_continues_past_a_statement_in_a_relative_clause_of_its_sentence():
    text = "“They tried to stop me,” said Ana Ruiz, who wrote about the visit in her book. “It did not work.”"
    found = [(c, m and m.span.text(text)) for c, m in
             ((st.content_span.text(text), m) for st, m in
              RuleSegmenter(statement_filter=None).segment(Document("t", text, {"genre": "news"})))]
    assert found[0] == ("They tried to stop me,", "Ana Ruiz")
    assert found[-1] == ("It did not work.", "Ana Ruiz")


@pytest.mark.parametrize("text,expected", [
    ("The plan failed, the ministry said on Monday.", "The plan failed"),
    ("Twelve people were hurt, the agency reported Friday.", "Twelve people were hurt"),
    ("The border will close, she said in an interview.", "The border will close"),
])
def test_a_time_or_a_setting_after_a_final_cue_leaves_the_content_before_it(text, expected):
    assert _contents(text, statement_filter=None) == [expected]


def test_a_verb_followed_only_by_a_place_still_reports_nothing():
    assert _contents("Ana Ruiz spoke at the memorial on Friday.", statement_filter=None) == []


def test_a_share_of_a_vote_is_no_speaker():
    assert [m for m, *_ in segment("The party won 42 percent of the vote, officials said.", genre="news")] == [
        "officials"]


@pytest.mark.parametrize("text,speaker", [
    ("By calling for a recount, Ana Ruiz angered the party.", "Ana Ruiz"),  # the subject, not "… angered the party"
    ("After meeting the envoy, Kenyan officials said the talks had stalled.", "Kenyan officials"),
])
def test_the_speaker_of_an_opening_participle_is_the_subject_after_its_clause(text, speaker):
    found = RuleSegmenter().segment(Document("t", text, {"genre": "news"}))
    assert found and found[0][1].span.text(text) == speaker


# -- speakers and contents of cues that used to make no statement (PolNeAR diagnosis, 2026-11-28) --------------


def _speakers(text, genre="news"):
    found = RuleSegmenter(statement_filter=None).segment(Document("t", text, {"genre": genre}))
    return [(m.span.text(text) if m else None, st.cue_span.text(text) if st.cue_span else None)
            for st, m in found]


@pytest.mark.parametrize("text,expected", [
    ("Now that Ana Ruiz has claimed victory, her rivals are quiet.", ("Ana Ruiz", "claimed")),  # after "that"
    ("The union rejected the offer, instead calling on the board to resume talks.", ("The union", "calling on")),
    ("Senator Ana Ruiz kept asking why the office had not answered.", ("Senator Ana Ruiz", "asking")),
    ("Omar Haddad Jr., the director of the agency, said the data were wrong.", ("Omar Haddad Jr.", "said")),
    ("Yet another said the plan was a mistake.", ("another", "said")),
])
def test_a_speaker_behind_clause_openers_participles_and_appositives_is_found(text, expected):
    assert expected in _speakers(text)


def test_a_reported_cue_after_that_stays_inside_the_outer_content():
    assert _speakers("He said that Tokyo demanded the islands back.") == [("He", "said")]


def test_a_participle_after_a_quoted_name_keeps_the_speaker():
    text = "Ana Ruiz said on the program “Morning Hour,” adding, “We will appeal.”"
    assert _speakers(text) == [("Ana Ruiz", "said"), ("Ana Ruiz", "adding")]


def test_a_sentence_of_a_speaker_and_a_cue_reports_the_quotation_in_doubled_marks_before_it():
    assert _contents("''Can we still win?'' Ana Ruiz asked.", statement_filter=None) == ["Can we still win?"]


@pytest.mark.parametrize("text,speaker", [
    ("Ana Ruiz said:\n\n“We will not sign the deal. We never agreed to it.”\n\nThe talks ended.", "Ana Ruiz"),
    ("Stated Ana Ruiz:\n\n“We will not sign the deal. We never agreed to it.”", "Ana Ruiz"),
])
def test_the_sentence_after_a_cue_and_a_colon_is_its_content(text, speaker):
    found = RuleSegmenter(statement_filter=None).segment(Document("t", text, {"genre": "news"}))
    assert [(m.span.text(text), st.content_span.text(text)) for st, m in found] == [
        (speaker, "We will not sign the deal."), (speaker, "We never agreed to it.")]


def test_a_sentence_after_a_colon_with_a_cue_of_its_own_keeps_its_own_speaker():
    text = "Ana Ruiz said:\n\nOmar Haddad told reporters the plan would fail."
    assert _speakers(text) == [("Omar Haddad", "told reporters")]


@pytest.mark.parametrize("text,reasons", [
    ("The plan was criticised.", {"criticised": "no speaker (passive)"}),
    ("Ana Ruiz said states like Peru and Chile will clarify it.", {"clarify": "nested in the previous cue's content"}),
    ("Ana Ruiz said the mayor urged calm.", {"said": "content refused"}),  # the inner speaker's statement stands
])
def test_refused_cues_are_reported_with_their_reason(text, reasons):
    refused = {}
    RuleSegmenter(statement_filter=None).segment(Document("t", text, {"genre": "news"}), refused=refused)
    assert refused == {text.index(cue): reason for cue, reason in reasons.items()}


# -- "As X said, P" and reporting nouns in an issuer's own voice (issue 3, train tail, 2026-11-28) ---------------


def test_as_x_said_inside_a_quotation_is_x_alone_and_the_quotation_goes_on_with_its_speaker():
    text = ("“We will not sign,” Ana Ruiz said. “We will not accept that again.”\n\n"
            "“As Dr. Lima said on Monday, no one wins a trade war. The rich must pay.”")
    got = segment(text)
    assert ("Dr. Lima", "said", "no one wins a trade war.", "direct") in got
    assert ("Ana Ruiz", None, "The rich must pay.", "direct") in got
    assert not any("As Dr. Lima" in content for _, _, content, _ in got)


@pytest.mark.parametrize("sentence,speaker,cue,content", [
    ("As Foreign Minister Lima said in Quito last week, Peru will never accept the ruling.",
     "Foreign Minister Lima", "said", "Peru will never accept the ruling"),
    ("As you heard the President say on Tuesday, his government will reopen the port.",
     "the President", "say", "his government will reopen the port"),
    ("As you heard from the President, we are going to do everything we can.",
     "the President", None, "we are going to do everything we can"),
])
def test_as_x_said_in_a_briefers_turn_is_x_s_statement(sentence, speaker, cue, content):
    text = f"MS. RUIZ: Good morning.\n\nQ: And the port?\n\nMS. RUIZ: {sentence}"
    got = segment(text, genre="transcript")
    assert got[-1] == (speaker, cue, content, "indirect")


def test_as_we_said_in_a_turn_stays_the_speakers_own():
    text = "MS. RUIZ: Good morning.\n\nQ: And the port?\n\nMS. RUIZ: As we have said, the port will open."
    got = segment(text, genre="transcript")
    assert [m for m, _, c, _ in got if "port will open" in c] == ["MS. RUIZ"]


@pytest.mark.parametrize("sentence", [
    "We also reject the group's demand that the mine be closed during the inquiry.",
    "We welcome Peru's call for calm.",
])
def test_a_reporting_noun_the_issuer_acts_on_is_the_issuers_sentence(sentence):
    text = f"Lima Mining rejects the report of the rights group Agua Viva.\n\n{sentence}"
    mention, cue, content, _ = segment(text, genre="statement")[-1]
    assert (cue, content) == (None, sentence) and mention in ("We", None)  # both the issuer's (rule 9)
    # in news, a possessor's reporting noun still reports the possessor's statement
    assert segment(f"Officials met on Monday. {sentence}", genre="news")[-1][0] != "We"


def test_both_leaders_open_a_readout_sentence_as_its_subject():
    text = "Minister Ana Ruiz spoke with Minister Omar Haddad. Both ministers grieved the loss of life."
    assert segment(text, genre="readout")[-1][0] == "Both ministers"


def test_a_list_marker_in_a_source_voice_document_is_no_statement():
    text = "The overview is as follows.\n\n1. The two ministers exchanged views on the summit.\n\n(b)\n"
    contents = [c for _, _, c, _ in segment(text, genre="readout")]
    assert "1." not in contents and "(b)" not in contents
    assert any(c.startswith("the summit") or c.startswith("The two ministers") for c in contents)


def test_a_capitalised_light_verb_inside_a_name_is_no_cue():
    text = "The Union of Coastal States calls on all parties to resume the talks."
    assert segment(text, genre="statement") == [
        ("The Union of Coastal States", "calls on", "all parties to resume the talks", "indirect")]
