"""Match predicted statements to gold statements (ANNOTATION.md section 5).

Two content spans match when, after trimming quotation marks and white space
at both ends, they overlap by at least half of the longer one.  Each gold
statement matches at most one prediction, best overlap first.  Candidate
pairs are found by binary search over predictions sorted by start, not by
comparing all pairs.
"""

from __future__ import annotations

import bisect
import re

from ..text.quotes import QUOTE_CHARS

__all__ = ["trim", "match_spans", "same_speaker", "fold_name"]

# between the words of a folded name in the text: a space with a period or comma, or an apostrophe ("A's")
_GAP = r"(?:[.,]?\s+|['\u2019])"
_TRIM_CHARS = "".join(sorted(QUOTE_CHARS)) + " \t\r\n\u00a0\u200b\ufeff"


def trim(text: str, span) -> tuple[int, int]:
    """``span`` without quotation marks and white space at either end."""
    lo, hi = span
    while lo < hi and text[lo] in _TRIM_CHARS:
        lo += 1
    while hi > lo and text[hi - 1] in _TRIM_CHARS:
        hi -= 1
    return lo, hi


def match_spans(text: str, gold: list, pred: list, *, exact: bool = False) -> list[tuple[int, int]]:
    """Pairs ``(gold index, pred index)`` of matching content spans.

    ``exact=True`` matches only identical trimmed spans.
    """
    g = sorted(((trim(text, s), i) for i, s in enumerate(gold)), key=lambda x: x[0])
    p = sorted(((trim(text, s), i) for i, s in enumerate(pred)), key=lambda x: x[0])
    candidates = []
    starts = [s for (s, _), _ in p]
    longest = max((e - s for (s, e), _ in p), default=0)
    for (gs, ge), gi in g:
        # predictions that can overlap [gs, ge) start in (gs - longest, ge)
        j = bisect.bisect_right(starts, gs - longest)
        while j < len(p) and p[j][0][0] < ge:
            (ps, pe), pi = p[j]
            overlap = min(ge, pe) - max(gs, ps)
            longer = max(ge - gs, pe - ps)
            if exact:
                if (ps, pe) == (gs, ge):
                    candidates.append((longer, gi, pi))
            elif overlap > 0 and 2 * overlap >= longer:
                candidates.append((overlap, gi, pi))
            j += 1
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_g, used_p, pairs = set(), set(), []
    for _, gi, pi in candidates:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gi, pi))
    return sorted(pairs)


def fold_name(name: str | None) -> str:
    """Case-insensitive, punctuation-folded form of a name."""
    return re.sub(r"[\W_]+", " ", (name or "").lower()).strip()


def same_speaker(pred: str | None, gold: str | None, gold_forms: frozenset = frozenset(), document: str = "",
                 *, gold_members=(), pred_members=()) -> bool:
    """Whether a predicted speaker names the gold entity.

    ``gold_forms`` are other folded mentions of the gold entity in the
    document (aliases, the mention texts of its statements).  A predicted
    surname of a gold full name ("Nakagome" for "Masashi Nakagome") counts; so
    does a fuller name of a gold surname when the ``document`` (its text and
    title) names it so ("Joe Biden" for gold "Biden" where the title says
    "President Joe Biden"): both are mentions of the same entity.  And
    so does a group named by the same members ("Biden and Lula" for "Joseph R.
    Biden Jr. of the United States and Luiz Inácio Lula da Silva of Brazil").
    ``gold_members`` / ``pred_members`` are a group entity's listed members (ANNOTATION.md 6.2, 6.7): a group
    named by its fullest noun phrase ("the two ministers") and the same group named by its members joined
    ("Ana Ruiz and Omar Haddad") are one entity, whichever side uses which name.
    """
    p, g = fold_name(pred), fold_name(gold)
    if not p or not g:
        return not p and not g
    if p == g or p in gold_forms or _unarticled(p) == _unarticled(g):
        return True  # a leading article does not change the name ("The Ministers of A and B")
    gw, pw = _unsuffixed(g).split(), _unsuffixed(p).split()
    if pw == gw:
        return True  # "Joseph R. Biden" for "Joseph R. Biden Jr."
    if len(pw) < len(gw) and gw[-len(pw):] == pw and not _is_group(gold):
        return True  # a surname ("Biden" for "Joseph R. Biden, Jr."), not a member of a group
    if (document and len(gw) < len(pw) and pw[-len(gw):] == gw and not _is_group(gold) and not _is_group(pred)
            and re.search(r"(?<!\w)" + _GAP.join(map(re.escape, p.split())) + r"(?!\w)", document, re.I)):
        return True  # the document names the gold entity with this fuller form too
    # a group named by its members: "Jake Sullivan and Monica Juma" names the gold group
    # "Jake Sullivan and Monica Juma of Kenya" when every member is named (each by full name or surname)
    p_members = [fold_name(m) for m in pred_members] or _members(pred)
    g_members = [fold_name(m) for m in gold_members] or _members(gold)
    return _same_members(p_members, g_members)


def _same_members(p_members: list[str], g_members: list[str]) -> bool:
    """Whether two lists of folded member names name the same two or more members, one for one (each by its
    canonical name or a surname): one member alone, or a group with a member more or less, is another entity."""
    if len(p_members) < 2 or len(p_members) != len(g_members):
        return False
    free = list(g_members)
    for pm in sorted(p_members, key=lambda m: -len(m.split())):  # fuller names claim their member first
        found = next((gm for gm in free if pm == gm or _names_person(pm, gm)), None)
        if found is None:
            return False
        free.remove(found)
    return True


def _unarticled(folded: str) -> str:
    """"the white house" -> "white house"."""
    return folded[4:] if folded.startswith("the ") else folded


def _unsuffixed(folded: str) -> str:
    """"joseph r biden jr" -> "joseph r biden": a generational suffix does not change who is named."""
    words = folded.split()
    while len(words) > 1 and words[-1] in ("jr", "sr", "ii", "iii", "iv"):
        words.pop()
    return " ".join(words)


def _is_group(name: str) -> bool:
    """A name of several parties ("Kenya and Ethiopia", "leaders of A, B and C"): its last words name one
    member, not the group."""
    return len(_members(name)) >= 2


def _members(name: str | None) -> list[str]:
    parts = re.split(r",\s*(?:and\s+)?|\s+and\s+|\s*&\s*", name or "")
    return [fold_name(x) for x in parts if fold_name(x) and fold_name(x) not in ("jr", "sr")]


def _names_person(pred: str, gold: str) -> bool:
    """Whether folded ``pred`` names the person of folded ``gold`` ("sullivan", "jake sullivan" for
    "jake sullivan of the united states")."""
    gw = gold.split(" of ")[0].split()
    pw = pred.split(" of ")[0].split()
    if len(pw) == 1:
        return pw[0] in gw  # a surname, wherever the naming custom puts it ("Lula" in "Luiz Inácio Lula da Silva")
    return bool(pw) and (pw == gw[-len(pw):] or pw == gw[:len(pw)] or pw[-1:] == gw[-1:])
