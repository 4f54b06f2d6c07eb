"""Who speaks in a document's own voice (ANNOTATION.md rule 9), from the document's title and metadata.

Official documents name their issuer in the title ("Statement by NSC
Spokesperson Adrienne Watson on …", "Joint Statement from the Leaders of …");
a readout is issued by its publisher (the office whose website carries it).
`issuer_from_metadata` reads, in order: ``metadata["issuer"]``, the title,
and for readouts ``metadata["publisher"]``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

__all__ = ["issuer_from_metadata", "group_in_opening"]

# where a title's topic begins after its issuer: "Statement by X on …", "… from X Calling for …"
_TOPIC = (r"(?:\s+(?:on|regarding|about|after|following|in support of|in honor of|marking|commemorating|to|at|for|"
          r"celebrating|announcing|welcoming|condemning|urging|calling)\s+.*)?$")
_STATEMENT = re.compile(
    r"^(?:joint\s+)?(?:statement|declaration|communiqu[eé]|remarks|press release|message)s?\s+(?:by|from|of)\s+"
    r"(?:the\s+)?(?P<who>.+?)" + _TOPIC,
    re.I,
)
# "Joint Statement on F-16s for Ukraine from U.S. President …", "Joint Statement between the United States and …",
# "Joint Statement Following the Meeting Between President A and President B"
_JOINT = re.compile(
    r"^(?:a\s+)?joint\s+(?:statement|declaration|communiqu[eé])\s+(?:.*?\s+)?(?:from|by|between)\s+(?:the\s+)?"
    r"(?P<who>.+?)" + _TOPIC, re.I)
# the issuing group as the text names it: "We, the leaders of A, B and C", "Today, the Governments of A and B …"
_GROUP_NP = re.compile(
    r"\b(?:[Tt]he\s+)?((?:[Ll]eaders|[Gg]overnments|[Hh]eads of [Ss]tate(?: and [Gg]overnment)?|"
    r"(?:[Ff]oreign\s+)?[Mm]inisters)\s+of\s+(?:the\s+)?[A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*)*"
    r"(?:,?\s+(?:and\s+)?(?:the\s+)?[A-Z][\w.'\u2019-]*(?:\s+(?:of\s+)?[A-Z][\w.'\u2019-]*)*)*)")
_NAME = r"[A-Z][\w.'\u2019-]*(?:\s+(?:(?:of|and)\s+(?:the\s+)?)?[A-Z][\w.'\u2019-]*)*"
# a text that opens with its parties: "The Republic of A, the Kingdom of B, and C reaffirm …"
_LIST_OPENING = re.compile(r"[*_\s]*(?:[A-Z]\w+,\s+)?(?:[Tt]he\s+)?(" + _NAME + r"(?:,\s+(?:and\s+)?(?:the\s+)?"
                           + _NAME + r")+)")
_READOUT_BY = re.compile(r"^readout\s+(?:by|from)\s+(?:the\s+)?(?P<who>.+?)(?:\s+(?:of|on)\s+.*)?$", re.I)
_READOUT = re.compile(r"^readout\b", re.I)


def issuer_from_metadata(metadata: Mapping, strip_title=None) -> str | None:
    """The issuer's name, or None.  ``strip_title`` maps "President Joe Biden" to "Joe Biden"."""
    if metadata.get("issuer"):
        return str(metadata["issuer"])
    title = " ".join(str(metadata.get("title") or "").split())
    patterns = (_JOINT, _STATEMENT, _READOUT_BY) if metadata.get("genre") == "joint_statement" else (
        _STATEMENT, _READOUT_BY)
    for pattern in patterns:
        m = pattern.match(title)
        if m:
            who = m.group("who").strip(" ,")
            return strip_title(who) if strip_title else who
    if _READOUT.match(title) and metadata.get("publisher"):
        return str(metadata["publisher"])
    return None


def group_in_opening(text: str, end: int, titles=frozenset()) -> str | None:
    """The issuing group as a joint statement's opening sentence ``text[:end]`` names it, with its members
    ("Today, the Leaders of A, B, and C met … and released the following statement", "We, the leaders of
    A, B and C, …", "A, B, C and D reaffirm …"), or None.

    ANNOTATION.md 6.2: a group's name is the fullest group noun phrase in the text.
    """
    best = None
    for m in _GROUP_NP.finditer(text, 0, end):
        name = m.group(1).rstrip(" ,.")
        if ("," in name or " and " in name) and (best is None or len(name) > len(best)):
            best = name
    if best is None:
        m = _LIST_OPENING.match(text, 0, end)
        items = re.split(r",\s+(?:and\s+)?(?:the\s+)?", m.group(1)) if m else []
        if len(items) >= 3 and not any(item.split()[0].lower() in titles for item in items if item):
            best = m.group(1).rstrip(" ,")  # parties, not offices ("President of France, Chancellor of …")
    return best
