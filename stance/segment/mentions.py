"""Find the noun phrase that names a speaker next to a cue, from token shapes alone.

No parser: a speaker mention is a pronoun, a run of capitalised words (with
joiners such as "of", "for", "in" between them: "Ministry of Foreign
Affairs", "Embassy in Moscow"), or a determiner + modifiers + a speaker noun
("the Russian ministry", "a senior official", "Japan's foreign minister").
Bounded look-around keeps it linear.
"""

from __future__ import annotations

from ..text.tokens import Token
from .cues import DETERMINERS, TIME_WORDS, is_possessive

# quantifiers that start a speaker phrase like a determiner: "several friends", "two officials"
QUANTIFIERS = frozenset("several many some two three four five six one other another most few both numerous "
                        "multiple various".split())

__all__ = ["PRONOUNS", "SPEAKER_NOUNS", "FUNCTION_WORDS", "ORG_WORDS", "np_left", "np_right", "is_speaker_phrase",
           "pronoun_of", "before_predicate", "participant_subject", "first_person_subject", "stance_subject"]

_BARE_PRONOUNS = ("he", "she", "it", "they", "we", "i", "you")
# with a contracted auxiliary, one token in the text: "We’ll", "I’ve", "they're"
PRONOUNS = frozenset(_BARE_PRONOUNS) | frozenset(
    p + apostrophe + aux
    for p in _BARE_PRONOUNS for apostrophe in ("'", "\u2019") for aux in ("ll", "ve", "m", "re", "d"))


def pronoun_of(word: str) -> str:
    """"we’ll" -> "we": the pronoun of a contracted form (other words are returned as they are)."""
    return word.replace("\u2019", "'").split("'")[0] if word.lower() in PRONOUNS else word


_JOINERS = frozenset("of for in on at and & de du la le al el bin van von der da".split())
_COPULAS = frozenset("is was are were".split())
_MAX_NP = 14
# words that make a name an organisation's ("Ministry of …", "Embassy in …"): only they take joiners
ORG_WORDS = frozenset("""
ministry ministries embassy consulate department office council committee commission agency authority
government administration party union organization organisation association federation bank court tribunal
parliament congress senate assembly house cabinet bureau secretariat institute foundation fund forum alliance
coalition company corporation group police army navy force forces command mission delegation board network
campaign movement front league university school center centre kremlin palace nations bloc summit court's
holdings corp inc ltd plc llc co companies industries airlines s.a. s.a sa ag gmbh n.v. b.v.
maritime shipping logistics energy mining technologies systems motors pharmaceuticals pharma biologics airways
telecom enterprises ventures
""".split())

# heads of descriptions that can speak
SPEAKER_NOUNS = frozenset("""
official officials spokesperson spokespersons spokesman spokeswoman spokesmen minister ministers ministry ministries
government governments administration department office embassy embassies ambassador ambassadors president
presidents leader leaders diplomat diplomats source sources analyst analysts expert experts lawmaker lawmakers
senator senators legislator legislators representative representatives secretary chancellor premier king queen
prince council committee commission agency agencies authority authorities party parties group groups campaign
organization organisation organizations organisations union unions bank court judge prosecutor prosecutors police
army military military's navy officer officers commander commanders general director chief head envoy envoys
negotiator negotiators mayor governor governors adviser advisers advisor advisors aide aides staff statement
company firm firms company's executive executives chairman chairwoman chair board activist activists protesters
residents voters people observers critics supporters opponents officials' team members member bureau mission
friend friends ally allies colleague colleagues associate associates neighbor neighbors neighbour neighbours
witness witnesses investigator investigators researcher researchers economist economists strategist strategists
operative operatives donor donors adviser consultant consultants lawyer lawyers attorney attorneys insider insiders
coordinator coordinators
candidate candidates nominee rival rivals opponent spokespeople representative staffer staffers aide
scientist scientists historian historians pollster pollsters doctor doctors teacher teachers student students
official's campaigners organizers organisers author authors writer writers editor editors reporter reporters
delegation delegations council's cabinet parliament congress assembly senate house white palace kremlin
""".split())


# capitalised at the start of a sentence, but never a name
FUNCTION_WORDS = frozenset("""
in on at for after before when while as but and or if since concerning regarding during despite although though
because with without from to by of about under over this that these those there here it its we they he she i you
what which who whom how why where yes no not so then also meanwhile however moreover earlier later today yesterday
speaking asked according following amid among between within upon into onto against toward towards
every each all some many most both either neither another any does do did is are was were will would can could
should shall may might must has have had let please thank thanks good
""".split())


def _is_name_word(tok: Token) -> bool:
    t = tok.text
    if "-" in t and t.split("-")[0].lower() in ("al", "el", "bin", "ibn", "abu"):
        return t.split("-", 1)[1][:1].isupper()  # "al-Haddad", "el-Sisi"
    return (t[:1].isupper() and tok.lower not in FUNCTION_WORDS) or (t[:1].isdigit() and len(t) < 5)


def _org_before(tokens: list[Token], lo: int, k: int) -> bool:
    """Whether the joiner at ``k`` is inside an organisation's name: an organisation word shortly before it
    ("Embassy in Moscow", "Ministry of Defence"), not after a person ("Sesay in Blantyre")."""
    return any(tokens[m].lower.removesuffix("\u2019s").removesuffix("'s") in ORG_WORDS
               for m in range(max(lo, k - 4), k))


def is_speaker_phrase(tokens: list[Token], first: int, last: int, titles=frozenset()) -> bool:
    """Whether tokens ``[first, last)`` look like a mention that can speak."""
    if last <= first:
        return False
    head = tokens[last - 1]
    if last - first == 1 and head.lower in PRONOUNS:
        return True
    if _is_name_word(head):
        return True
    word = head.lower.removesuffix("\u2019s").removesuffix("'s")
    if word in SPEAKER_NOUNS or word in titles:
        return True
    # "the leadership", "this initiative", "the university": a determined noun phrase can speak too
    start = tokens[first].lower  # not "that": "said that talks would continue" has no speaker "that talks"
    return (last - first >= 2 and start != "that"
            and (start in DETERMINERS or start in QUANTIFIERS or is_possessive(tokens[first]))
            and head.text.isalpha() and word not in FUNCTION_WORDS and word not in PRONOUNS)


def np_left(tokens: list[Token], j: int, lo: int = 0, titles=frozenset()) -> tuple[int, int] | None:
    """The speaker phrase that ends at token ``j`` (inclusive), as ``(first, last)`` token indices."""
    if lo < j and tokens[j].text == "." and _is_abbreviation(tokens[j - 1]):
        found = _np_left(tokens, j - 1, lo, titles)  # "Ana Ruiz Jr. said", "Lima Holdings Inc. said"
        # (the abbreviation alone, as after a comma in "Biden, Jr.", names no one)
        return None if found is None or found[0] == j - 1 else (found[0], j + 1)
    return _np_left(tokens, j, lo, titles)


def _is_abbreviation(tok: Token) -> bool:
    """"Jr", "Sr", "Inc", "Co": a short capitalised word whose period ends a name, not a sentence."""
    return tok.text.isalpha() and len(tok.text) <= 4 and _is_name_word(tok) and not tok.text.isupper()


def _np_left(tokens: list[Token], j: int, lo: int = 0, titles=frozenset()) -> tuple[int, int] | None:
    if j < lo or j < 0:
        return None
    if tokens[j].lower in PRONOUNS:
        if tokens[j].lower in ("i", "we") and j - 2 >= lo and tokens[j - 1].lower == "and":
            other = np_left(tokens, j - 2, lo, titles)  # "the President and I", "Doug and I": a joint subject
            if other is not None and tokens[other[1] - 1].lower not in PRONOUNS:
                return (other[0], j + 1)
        return (j, j + 1)
    k = j
    lower_run = 0
    before_colon = j + 1 < len(tokens) and tokens[j + 1].text == ":"
    while k >= lo and j - k < _MAX_NP:
        tok = tokens[k]
        if _is_name_word(tok) or is_possessive(tok):
            lower_run = 0
        elif tok.lower in DETERMINERS or tok.lower in QUANTIFIERS:
            k -= 1
            break
        elif (tok.lower in _JOINERS and k > lo and _is_name_word(tokens[k - 1]) and k < j
              and _org_before(tokens, lo, k)):
            pass
        elif tok.lower in _COPULAS and k < j and lower_run == j - k and before_colon:
            j, lower_run = k - 1, 0  # "the spokesman was blunt: …": the phrase ends before its predicate
        elif tok.text[:1].islower() and tok.text[:1].isalpha() and lower_run < 3 and tok.lower not in PRONOUNS:
            lower_run += 1
        elif tok.text in ("-", "\u2019", "'", "."):
            pass
        else:
            break
        k -= 1
    if j < lo:
        return None
    first = k + 1
    # a phrase starts at a determiner, a name or a possessive, never at a joiner or a bare lowercase word
    while first <= j and not (tokens[first].lower in DETERMINERS or tokens[first].lower in QUANTIFIERS
                              or _is_name_word(tokens[first]) or is_possessive(tokens[first])):
        if tokens[first].lower in SPEAKER_NOUNS and first == j:
            break
        first += 1
    if first > j:
        return None
    if tokens[first].lower == "that" and first < j and _is_name_word(tokens[first + 1]):
        return None  # "demanded that Tokyo release …": a complement clause's subject, no speaker
    if not is_speaker_phrase(tokens, first, j + 1, titles):
        return None
    if (first - 2 >= lo and tokens[first].lower in DETERMINERS and tokens[first - 1].lower == "and"
            and _is_name_word(tokens[first - 2]) and tokens[j].text[:1].isupper()):
        # a joint subject: "Nigeria and the Republic of Congo rejected …" (both names)
        left = np_left(tokens, first - 2, lo, titles)
        if (left is not None and tokens[left[1] - 1].text[:1].isupper()
                and (left[0] == lo or not tokens[left[0] - 1].text[:1].isalnum())):
            return (left[0], j + 1)
    return (first, j + 1)


def np_right(tokens: list[Token], i: int, hi: int, titles=frozenset()) -> tuple[int, int] | None:
    """The speaker phrase that starts at token ``i``, as ``(first, last)`` token indices."""
    if i >= hi:
        return None
    if tokens[i].lower in PRONOUNS:
        return (i, i + 1)
    k = i
    if tokens[k].lower == "that" and k + 1 < hi and _is_name_word(tokens[k + 1]):
        return None  # "demanded that Tokyo release …": a complement clause's subject, no speaker
    if tokens[k].lower in DETERMINERS:
        k += 1
    lower_run = 0
    while k < hi and k - i < _MAX_NP:
        tok = tokens[k]
        if _is_name_word(tok) or is_possessive(tok):
            lower_run = 0
        elif (tok.lower in _JOINERS and k + 1 < hi and _is_name_word(tokens[k + 1]) and _org_before(tokens, i, k)
              and tokens[k + 1].lower not in TIME_WORDS):  # not "the Ministry of Mining on Monday"
            pass
        elif (tok.text[:1].islower() and tok.text[:1].isalpha() and lower_run < 3 and tok.lower not in _JOINERS
              and tok.lower not in FUNCTION_WORDS):
            lower_run += 1
        elif tok.text in ("-", "\u2019", "'", "."):
            pass
        else:
            break
        k += 1
    last = k
    # end at the last name word or speaker noun
    while last > i and not (_is_name_word(tokens[last - 1]) or tokens[last - 1].lower in SPEAKER_NOUNS
                            or tokens[last - 1].lower in titles):
        last -= 1
    if last <= i or not is_speaker_phrase(tokens, i, last, titles):
        return None
    return (i, last)


# a readout's participants as its narration names them: "the two leaders", "both ministers", "the President"
_PARTICIPANT_HEADS = frozenset("leader leaders minister ministers president presidents counterparts sides "
                               "delegations secretary chancellor premier officials".split())
_HONORIFICS = frozenset("mr mrs ms dr".split())
# "A met B", "A spoke with B": the meeting itself is the issuer's report (ANNOTATION.md 6.3, readout openings)
_MEETING_VERBS = frozenset("""met meet meets meeting spoke speak speaks speaking call called hosted host hosts held
hold holds welcomed welcome welcomes received receive receives visit visited visits travel traveled travelled travels
join joined joins attend attended attends participated convened""".split())
_AUXILIARIES = frozenset("has have had will would did does do can could should shall may might must".split())
_COPULAS_AND_AUXILIARIES = _AUXILIARIES | _COPULAS
_SENTENCE_OPENERS = frozenset("and but then also separately additionally finally later during today earlier".split())
_FRONTED_REACH = 16  # tokens: "To this end, …", "Following the meeting in Dubai on Monday, she …"


def before_predicate(tokens: list[Token], rng: tuple[int, int]) -> tuple[int, int]:
    """A clause's subject phrase (from `np_right`) cut before its predicate: in "Chan updated the President" the
    subject is "Chan", not the phrase up to the next name; "Kenyan officials" stays whole (a lowercase speaker
    noun after a name belongs to the phrase)."""
    cut = next((m + 1 for m in range(rng[0], rng[1] - 1)
                if _is_name_word(tokens[m]) and tokens[m].lower not in DETERMINERS
                and tokens[m + 1].text.isalpha() and tokens[m + 1].text.islower()
                and tokens[m + 1].lower not in _JOINERS and tokens[m + 1].lower not in SPEAKER_NOUNS), None)
    return (rng[0], cut) if cut else rng


def _opening_subject(tokens: list[Token], titles=frozenset()) -> tuple[int, int] | None:
    """The noun phrase that opens a sentence as the subject of a verb that is not a meeting verb ("A met B"),
    past opening words and a short fronted adjunct ("To this end, …"), as ``(first, last)``, or None."""
    i = 0
    while i < len(tokens) and (tokens[i].lower in _SENTENCE_OPENERS or tokens[i].text == ","):
        i += 1
    starts = [i] + [k + 1 for k in range(i, min(len(tokens), i + _FRONTED_REACH)) if tokens[k].text == ","][:1]
    for start in starts:
        rng = np_right(tokens, start, len(tokens), titles)
        if rng is None and start + 1 < len(tokens) and tokens[start].lower == "both" and \
                tokens[start + 1].lower in _PARTICIPANT_HEADS:
            rng = (start, start + 2)  # "Both leaders grieved …"
        if rng is None:
            continue
        rng = before_predicate(tokens, rng)
        k = rng[1]
        while k < len(tokens) and tokens[k].text.islower() and (
                tokens[k].lower in ("also", "further", "again", "both", "not", "then") or tokens[k].lower.endswith("ly")
                or tokens[k].lower in _AUXILIARIES):
            k += 1  # "also", "will", "has"
        if k >= len(tokens) or not tokens[k].text.isalpha() or not tokens[k].text.islower():
            continue
        verb = tokens[k].lower
        if verb in _MEETING_VERBS or (verb in FUNCTION_WORDS and verb not in _COPULAS_AND_AUXILIARIES):
            return None  # "A met B", "A in …": no act of A
        return rng
    return None


def first_person_subject(tokens: list[Token], titles=frozenset()) -> tuple[int, int] | None:
    """The first-person subject that opens a sentence in a source's own voice ("We remain …", "Jill and I are
    …"), as ``(first, last)`` token indices, or None: the mention of an uncued sentence (ANNOTATION.md 6.3)."""
    rng = _opening_subject(tokens, titles)
    if rng is None:
        i = next((k for k, t in enumerate(tokens[:6]) if t.lower in ("i", "we") and k >= 2
                  and tokens[k - 1].lower == "and"), None)  # "The Second Gentleman and I …"
        if i is None or not all(t.text[:1].isupper() or t.lower in DETERMINERS or is_possessive(t)
                                for t in tokens[:i - 1]):
            return None
        rng = (0, i + 1)
        if i + 1 >= len(tokens) or not tokens[i + 1].text.islower():
            return None
    return rng if pronoun_of(tokens[rng[1] - 1].lower) in ("i", "we") else None


def participant_subject(tokens: list[Token], titles=frozenset()) -> tuple[int, int] | None:
    """The subject that opens a sentence of a readout's narration when it names a participant of the meeting,
    as ``(first, last)`` token indices, or None.

    ANNOTATION.md 6.2 (the named performer is the speaker) and 3.1 (a readout's "discussed" + topic is the
    parties'): "He conveyed …", "The two leaders consulted on …", "The President reinforced …", "Mr. Ruiz
    noted …" belong to the participant, while "A met B" and the conduct of third parties stay with the issuer.
    Participants are "he", "she", "they", a determined participant noun ("the two leaders", "both ministers",
    "the Vice President"), a name with a title or an honorific ("President Ruiz", "Ms. Lee") and a bare name.
    """
    rng = _opening_subject(tokens, titles)
    if rng is None:
        return None
    first, last = rng
    words = [t.lower.rstrip(".") for t in tokens[first:last]]
    if last - first == 1 and tokens[first].lower in PRONOUNS:
        return rng if words[0] in ("he", "she", "they") else None
    if words[-1] in _PARTICIPANT_HEADS and (words[0] in ("the", "both") or words[0] in titles):
        return rng  # "the two leaders", "both ministers", "the Vice President"
    if words[0] == "the" and " ".join(words[1:]) in titles and tokens[first + 1].text[:1].isupper():
        return rng  # "The Secretary-General", "The High Commissioner": an office named by its title
    named = all(t.text[:1].isupper() for t in tokens[first:last] if t.text.isalpha() and t.lower not in _JOINERS)
    if named and (words[0] in titles or words[0] in _HONORIFICS or words[0] in _PARTICIPANT_HEADS):
        return rng  # "President Ana Ruiz", "Mr. Haddad"
    if named and last - first <= 3 and words[0] not in DETERMINERS and not any(map(is_possessive, tokens[first:last])):
        return rng  # "Ruiz", "Ana Ruiz": a bare name; attribution keeps it only for a person or a group
    return None


# a stance or a feeling, not conduct: "believes", "grieves", "stands with", "has been clear", "is proud"
_STANCE_VERBS = frozenset("""believe believes believed think thinks thought feel feels felt want wants wanted hope hopes
hoped grieve grieves grieved stand stands stood support supports supported welcome welcomes welcomed condemn condemns
condemned oppose opposes opposed reject rejects rejected understand understands understood agree agrees agreed
share shares insist insists mourn mourns""".split())
_STANCE_ADJECTIVES = frozenset("clear proud grateful committed determined concerned confident pleased encouraged "
                               "heartbroken outraged saddened disappointed alarmed worried troubled".split())
_BE = frozenset("is was are were been be has have had will would".split())


def stance_subject(tokens: list[Token], titles=frozenset()) -> tuple[int, int] | None:
    """The named participant subject (`participant_subject`, not a pronoun) of a sentence that states its
    stance or feeling ("The President believes …", "The President was clear that …"), or None.

    ANNOTATION.md 6.2 and 6.5: in a briefer's turn the principal's stance is the principal's, while the briefer's
    account of the principal's conduct and plans ("The President will visit …") stays the briefer's.
    """
    rng = participant_subject(tokens, titles)
    if rng is None or (rng[1] - rng[0] == 1 and tokens[rng[0]].lower in PRONOUNS):
        return None  # "He wants …" may be anyone's stance as the speaker sees it: named subjects only
    k = rng[1]
    be = False
    while k < len(tokens) and tokens[k].text.islower() and (tokens[k].lower in _BE or tokens[k].lower in (
            "also", "always", "still", "deeply", "very", "firmly", "strongly") or tokens[k].lower.endswith("ly")):
        be = be or tokens[k].lower in _BE
        k += 1
    if k >= len(tokens):
        return None
    word = tokens[k].lower
    return rng if word in _STANCE_VERBS or (be and word in _STANCE_ADJECTIVES) else None
