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
           "pronoun_of"]

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
