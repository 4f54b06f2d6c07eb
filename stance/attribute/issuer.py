"""Who speaks in a document's own voice (ANNOTATION.md rule 9), from the document's title, opening and signatures.

Official documents name their issuer in the title ("Statement by NSC
Spokesperson Ana Ruiz on …", "Joint Statement from the Leaders of …",
"President A and Prime Minister B Joint Statement"); a readout is issued by its
publisher (the office whose website carries it).  A joint statement often
names its issuing group at its opening ("We, the leaders of A, B and C, …",
"Today, we — President A of X and Prime Minister B of Y — met …") and a signed
text at its end (one line per signatory).  `issuer_from_metadata` reads, in
order: ``metadata["issuer"]``, the title, and for readouts
``metadata["publisher"]``; the other functions read the text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

__all__ = ["issuer_from_metadata", "group_in_opening", "parties_in_opening", "principals_in_opening",
           "signature_lines", "is_group_phrase"]

# where a title's topic begins after its issuer: "Statement by X on …", "… from X Calling for …"
_TOPIC = (r"(?:\s+(?:on|regarding|about|after|following|in support of|in honor of|marking|commemorating|to|at|for|"
          r"celebrating|announcing|welcoming|condemning|urging|calling|reaffirming|endorsing|launching|supporting|"
          r"strengthening|affirming|establishing|expanding|advancing|deepening|elevating|renewing|mourning|thanking|"
          r"honoring|honouring|congratulating|commending|recognizing|recognising)\s+.*|:\s+.*)?$")
_STATEMENT = re.compile(
    r"^(?:joint\s+)?(?:statement|declaration|communiqu[eé]|remarks|press release|message)s?\s+(?:by|from|of)\s+"
    r"(?:the\s+)?(?P<who>.+?)" + _TOPIC,
    re.I,
)
_JOINT_DOCUMENT = (r"joint\s+(?:press\s+|leaders[\u2019']?\s+|vision\s+)?(?:statement|declaration|communiqu[eé]|"
                   r"readout)")
# "Joint Statement on F-16s for Ukraine from U.S. President …", "Joint Statement between the United States and …",
# "Joint Statement Following the Meeting Between President A and President B"
_JOINT = re.compile(
    r"^(?:a\s+|the\s+)?" + _JOINT_DOCUMENT + r"\s+(?:.*?\s+)?(?:from|by|between)\s+(?:the\s+)?"
    r"(?P<who>.+?)" + _TOPIC, re.I)
# "President A and Prime Minister B Joint Statement", "Leaders' Joint Statement of …": the principals before it
_JOINT_AFTER = re.compile(r"^(?:the\s+)?(?P<who>.+?)\s+" + _JOINT_DOCUMENT + r"\b", re.I)
# a place at the end of a title's issuer: "… Between President A and President B in Jeddah"
_PLACE_AT_END = re.compile(r"\s+in\s+[A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*)*$")

# the nouns that head a group named by its members' states: "the leaders of A, B and C", "the Governments of …"
_GROUP_HEAD = (r"(?i:leaders|governments|heads\s+of\s+(?:state|government)(?:\s+and\s+(?:state|government))?|"
               r"(?:foreign\s+|prime\s+|trade\s+|defen[cs]e\s+)?ministers(?:\s+and\s+representatives)?|presidents|"
               r"partners|principals|members|member\s+states|representatives|national\s+security\s+advis[oe]rs|"
               r"secretaries|delegations)")
_WORD = r"[A-Z][\w.'\u2019-]*"
# one party of a list: "the Republic of Korea (ROK)", "Côte d'Ivoire", "the United Kingdom of Great Britain and …"
_PARTY = (r"(?:the\s+)?" + _WORD + r"(?:\s+(?:(?:of|and)\s+(?:the\s+)?)?" + _WORD + r"|\s*d[\u2019']" + _WORD + r")*"
          r"(?:\s+\([A-Z][\w.\s-]{0,24}\))?")
_PARTIES = _PARTY + r"(?:,?\s+(?:and\s+)?" + _PARTY + r")*"
# words that may modify the head ("Quad partners", "G7 Foreign Ministers"), not a clause's opening word ("As leaders")
_MODIFIER = r"(?!(?i:as|we|today|our|in|on|at|with|and|by|from|of|the)\b)" + _WORD
_GROUP_NP = re.compile(r"\b(?i:the\s+)?((?:" + _MODIFIER + r"\s+){0,2}?" + _GROUP_HEAD + r"\s+of\s+" + _PARTIES + r")")
# what may stand before an issuing group in its sentence: nothing, "Today,", "We,", "On 3 May, we", "As", "signed by"
_SUBJECT_BEFORE = re.compile(r"(?i)(?:^|[.!?]\s+)[\W_]*(?:(?:today|\d+\.)\W*)?(?:we\W*)?(?:as\s+)?$"
                             r"|\bwe[,\s\u2014\u2013-]*$|\b(?:signed|issued|released|adopted|made)\s+by\s+$")
_IS_GROUP = re.compile(r"^(?i:the\s+)?(?:" + _WORD + r"\s+){0,2}?" + _GROUP_HEAD + r"\s+(?i:of)\s")
# a text that opens with its parties: "The Republic of A, the Kingdom of B, and C reaffirm …", "1. We, A, B and C, …"
_LIST_OPENING = re.compile(r"[*_\s]*(?:\d+\.\s+)?(?:[A-Z]\w+,\s+|[Ww]e\s+)?(?:[Tt]he\s+)?(" + _PARTY
                           + r"(?:,\s+(?:and\s+)?(?:the\s+)?" + _PARTY + r")+)")
# "We, President A and Prime Minister B, note …"; "Today, we — A of X, B of Y, and C of Z — met …"
_WE_APPOSITIVE = re.compile(r"\b[Ww]e,\s+(?P<who>(?:the\s+)?[A-Z][^;:!?\n]*?),\s+(?=[a-z])(?!and\b|or\b)")
_DASH = r"\s*(?:\u2014|\u2013|--?)"
_WE_DASHES = re.compile(r"\b[Ww]e" + _DASH + r"\s*(?P<who>[A-Z][^\u2014\u2013\n]*?)" + _DASH + r"\s")
_READOUT_BY = re.compile(r"^readout\s+(?:by|from)\s+(?:the\s+)?(?P<who>.+?)(?:\s+(?:of|on)\s+.*)?$", re.I)
_READOUT = re.compile(r"^readout\b", re.I)
# signature lines: "Signed," before them; each a name and an office, often in emphasis marks
_SIGNED = re.compile(r"^\W*signed\W*$", re.I)
_FURNITURE_LINE = re.compile(r"^[\W_]*(?:ends?)?[\W_]*$", re.I)  # "###", "-Ends-", "* * *"
_NAME_LINE_WORDS = frozenset("of the and for to on bin ibn al el de da van von der du la le".split())


def is_group_phrase(name: str) -> bool:
    """Whether ``name`` is a group noun phrase over its members' states ("the Leaders of A, B and C", "Presidents of
    A and B", "Foreign Ministers of …"), which names the group as a whole (ANNOTATION.md 6.2)."""
    return _IS_GROUP.match(name) is not None


def issuer_from_metadata(metadata: Mapping, strip_title=None, title: str | None = None,
                         titles=frozenset()) -> str | None:
    """The issuer's name, or None.  ``strip_title`` maps "President Joe Biden" to "Joe Biden"; ``title`` stands in
    for a missing ``metadata["title"]`` (a headline above the text); with ``titles`` (the lexicon's office words),
    principals written before "Joint Statement" count too ("President A and Prime Minister B Joint Statement")."""
    if metadata.get("issuer"):
        return str(metadata["issuer"])
    title = " ".join(str(metadata.get("title") or title or "").split())
    joint = metadata.get("genre") == "joint_statement"
    patterns = (_JOINT, _STATEMENT, _READOUT_BY) if joint else (_STATEMENT, _READOUT_BY)
    for pattern in patterns:
        m = pattern.match(title)
        if m:
            who = _PLACE_AT_END.sub("", m.group("who").strip(" ,:")) if joint else m.group("who").strip(" ,")
            return strip_title(who) if strip_title else who
    m = _JOINT_AFTER.match(title) if joint and titles else None
    if m and _all_titled(m.group("who"), titles):
        return m.group("who").strip(" ,")
    if _READOUT.match(title) and metadata.get("publisher"):
        return str(metadata["publisher"])
    return None


def _all_titled(who: str, titles) -> bool:
    """Whether every part of "President A and Prime Minister B" opens with an office (so the words before "Joint
    Statement" are its principals, not a programme's name such as "Trade and Technology Council")."""
    parts = [p.split() for p in re.split(r",\s*(?:and\s+)?|\s+and\s+", who) if p.strip()]
    if len(parts) < 2:
        return False
    for words in parts:
        words = [w.lower().rstrip(".") for w in words if w.lower() != "the"]
        if not any(" ".join(words[i:i + n]) in titles for i in range(min(2, len(words))) for n in (1, 2, 3)):
            return False
    return True


def group_in_opening(text: str, end: int, start: int = 0) -> str | None:
    """The issuing group as a group noun phrase with its members' states in a joint statement's opening
    ``text[start:end]`` ("Today, the Leaders of A, B, and C met … and released the following statement", "We, the
    leaders of A, B and C, …", "As leaders of A, B and C, we …"), the longest, or None.

    ANNOTATION.md 6.2: a group's name is the fullest group noun phrase in the text.
    """
    best = None
    for m in _GROUP_NP.finditer(text, start, end):
        name = m.group(1).rstrip(" ,.")
        line = max(text.rfind("\n", start, m.start()) + 1, start)
        before = text[line:m.start()]
        after = text[m.start(1) + len(name):m.start(1) + len(name) + 40]
        subject = _SUBJECT_BEFORE.search(before) or (
            before.rstrip().endswith(",") and re.match(r"\s+(?!to\b|and\b|or\b)[a-z]+\b", after))
        if subject and ("," in name or " and " in name) and (best is None or len(name) > len(best)):
            best = name  # the subject of its sentence or the "we" it explains, not an object ("met with leaders of")
    return best


def parties_in_opening(text: str, end: int, titles=frozenset(), start: int = 0) -> str | None:
    """The list of three or more parties that opens a joint statement's ``text[start:end]`` ("A, B, C and D reaffirm
    …", "We, A, B and C, recognise …"), or None; a list of offices ("We, the President of A, Chancellor of B, …") is
    no list of parties."""
    m = _LIST_OPENING.match(text, start, end)
    items = re.split(r",\s+(?:and\s+)?(?:the\s+)?", m.group(1)) if m else []
    offices = [item for item in items if item and any(
        " ".join(item.lower().split()[:n]) in titles for n in (1, 2, 3))]
    if len(items) >= 3 and not offices:
        return m.group(1).rstrip(" ,")  # parties, not offices ("the Foreign Minister of A, Ana Lima, and …")
    return None


def principals_in_opening(text: str, end: int, start: int = 0) -> str | None:
    """The principals a joint statement's opening ``text[start:end]`` lists as "we" ("We, President A and Prime
    Minister B, note …", "Today, we — A of X, B of Y, and C of Z — met …"), as written, or None.  The caller keeps
    them only where they name people (not "We, the President of A and the Chancellor of B", offices alone)."""
    found = [m.group("who") for p in (_WE_DASHES, _WE_APPOSITIVE) for m in [p.search(text, start, end)] if m]
    return found[0].strip(" ,") if found else None


def signature_lines(text: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans of the signature lines that close a signed text: the short name lines after a "Signed," line, or a
    run of two or more of them at the end of the text (each a name with its office, words capitalised:
    "*President of A Ana Ruiz*", "**Omar Haddad** **Minister of Trade**"); trailing furniture ("###") is skipped."""
    spans = [(s, e) for s, e in paragraphs if text[s:e].strip()]
    for k, (s, e) in enumerate(spans):
        if _SIGNED.match(text[s:e]):
            lines = []
            for s2, e2 in spans[k + 1:]:
                if not _is_name_line(text[s2:e2]):
                    break
                lines.append((s2, e2))
            if lines:
                return lines
    k = len(spans)
    while k > 0 and _FURNITURE_LINE.match(text[spans[k - 1][0]:spans[k - 1][1]]):
        k -= 1
    lines = []
    while k > 0 and _is_name_line(text[spans[k - 1][0]:spans[k - 1][1]]):
        k -= 1
        lines.insert(0, spans[k])
    return lines if len(lines) >= 2 else []


def _is_name_line(line: str) -> bool:
    """A short line of capitalised words (a name and an office), without a sentence's final period."""
    words = re.sub(r"[*_]+", " ", line).split()
    end = line.rstrip(" *_\u00a0")
    if not 2 <= len(words) <= 20 or (end.endswith((".", "!", "?", ":", ";"))
                                     and not re.search(r"\b(?:Jr|Sr|[A-Z])\.$", end)):
        return False  # a sentence, not a name line ("Joseph R. Biden, Jr." may end with a period)
    return all(w[:1].isupper() or w.lower() in _NAME_LINE_WORDS or not w[:1].isalpha()
               or w.split("-")[-1][:1].isupper() for w in words)  # "el-Sisi"
