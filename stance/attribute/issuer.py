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

__all__ = ["issuer_from_metadata"]

_STATEMENT = re.compile(
    r"^(?:joint\s+)?(?:statement|declaration|communiqu[eé]|remarks|press release|message)s?\s+(?:by|from|of)\s+"
    r"(?:the\s+)?(?P<who>.+?)(?:\s+(?:on|regarding|about|after|following|in support of|in honor of|marking|"
    r"commemorating|to|at|for|celebrating|announcing|welcoming|condemning|urging)\s+.*)?$",
    re.I,
)
_READOUT_BY = re.compile(r"^readout\s+(?:by|from)\s+(?:the\s+)?(?P<who>.+?)(?:\s+(?:of|on)\s+.*)?$", re.I)
_READOUT = re.compile(r"^readout\b", re.I)


def issuer_from_metadata(metadata: Mapping, strip_title=None) -> str | None:
    """The issuer's name, or None.  ``strip_title`` maps "President Joe Biden" to "Joe Biden"."""
    if metadata.get("issuer"):
        return str(metadata["issuer"])
    title = " ".join(str(metadata.get("title") or "").split())
    for pattern in (_STATEMENT, _READOUT_BY):
        m = pattern.match(title)
        if m:
            who = m.group("who").strip(" ,")
            return strip_title(who) if strip_title else who
    if _READOUT.match(title) and metadata.get("publisher"):
        return str(metadata["publisher"])
    return None
