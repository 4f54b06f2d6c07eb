"""Name chains: the runs of capitalised words that name people, organisations and places in a text.

The resolver needs, for every mention, the fullest name form of its entity in
the document (ANNOTATION.md: the canonical name).  A chain is collected once
per document in one pass over its tokens; titles ("Russian President",
"Foreign Minister") are split off the front so that "Russian President
Vladimir Putin" yields the person "Vladimir Putin" with the title and the
nationality kept as evidence of type and country.
"""

from __future__ import annotations

import functools
import csv
from dataclasses import dataclass
from importlib import resources
from itertools import compress, count, repeat
from operator import itemgetter, or_
from pathlib import Path

from ..segment.cues import TIME_WORDS, is_possessive
from ..segment.mentions import FUNCTION_WORDS, ORG_WORDS
from ..text.tokens import Token, tokenize

__all__ = ["NameChain", "name_chains", "ORG_WORDS", "MODIFIER_SUFFIXES", "NAME_LINKS", "Gazetteer", "load_gazetteer",
           "strip_possessive", "spells"]

_JOINERS = frozenset("of for in on without and & de du la le al el bin van von der da".split())
_SUFFIXES = frozenset("jr sr ii iii iv".split())
_STATE_WORDS = frozenset("republic kingdom federation emirate sultanate principality commonwealth".split())
_PARTICLES = frozenset("da das de do dos du di von van der den ter bin ibn ben".split())
# a hyphenated word ending so modifies the name after it ("Piraeus-based Thalassa Maritime")
MODIFIER_SUFFIXES = ("-based", "-born", "-led", "-backed", "-owned", "-run", "-funded", "-linked", "-allied")

# party and role words written before a person's name in political news
_PARTY_WORDS = frozenset(
    "republican democrat democratic gop rival independent libertarian conservative labour tory".split())

# lower-case nouns that introduce an organisation's name in apposition ("the coalition X", "X, a rights group")
_ORG_DESCRIPTORS = frozenset("""
coalition group campaign organisation organization ngo charity watchdog movement network alliance association
initiative collective lobby nonprofit non-profit foundation federation consortium platform society trust
""".split())
# link words inside organisations' names whose head is no organisation word ("Friends of …", "Doctors Without …")
NAME_LINKS = frozenset("of for on without".split())
_NAME_REACH = 12  # tokens after a link word in which the rest of a linked name ends
_UNSPELT = NAME_LINKS | {"the", "and", "&", "in"}  # words that initials may leave out ("IPCC", "ECOWAS" keeps "of")

HONORIFICS = frozenset("honourable honorable hon excellency his her majesty highness hh sheikh dr mr mrs ms".split())


def strip_possessive(word: str) -> str:
    return word[:-2] if word.endswith(("\u2019s", "'s")) else word


@dataclass(frozen=True, slots=True)
class NameChain:
    """A name in the text: ``start``/``end`` offsets of the name proper, ``title`` words before it."""

    start: int
    end: int
    name: str
    title: str = ""
    possessive: bool = False


@dataclass(frozen=True)
class Gazetteer:
    """Countries with their demonyms and capitals, to tell governments and nationalities."""

    country_of: dict  # lower-cased country name, demonym or capital -> country name
    demonyms: frozenset = frozenset()  # lower-cased demonyms ("russian", "u.s.")

    def country(self, word: str) -> str | None:
        """The country a capitalised name, demonym or capital refers to ("us" the pronoun is not "US")."""
        if not word[:1].isupper():
            return None
        return self.country_of.get(strip_possessive(word).lower())

    def is_demonym(self, word: str) -> bool:
        return word[:1].isupper() and strip_possessive(word).lower() in self.demonyms


@functools.lru_cache(maxsize=4)
def load_gazetteer(lang: str = "en") -> Gazetteer:
    path = Path(str(resources.files("stance") / "resources" / "gazetteer" / lang / "countries.tsv"))
    country_of, demonyms = {}, set()
    if path.exists():
        with open(path, encoding="utf-8", newline="") as f:
            lines = [line for line in f if line.strip() and not line.startswith("#")]
        for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
            country = row["country"].strip()
            for key in ("country", "demonyms", "capital", "aliases"):
                for value in (row.get(key) or "").split("|"):
                    if value.strip():
                        country_of.setdefault(value.strip().lower(), country)
                        if key == "demonyms":
                            demonyms.add(value.strip().lower())
    return Gazetteer(country_of=country_of, demonyms=frozenset(demonyms))


def _is_cap(tok: Token) -> bool:
    low = tok.lower
    if "-" in low:  # (both tests below need a hyphen: most words skip them)
        if low.endswith(MODIFIER_SUFFIXES):
            return False  # "Piraeus-based", "Iran-backed": a modifier before the name, no part of it
        if low.split("-")[0] in ("al", "el", "bin", "ibn", "abu"):
            return tok.text.split("-", 1)[1][:1].isupper()  # "al-Jaberi", "el-Sisi": a particle joined to a name
    return tok.text[:1].isupper() and low not in FUNCTION_WORDS and low not in ("the", "a", "an")


_NAME_PARTICLE_PREFIXES = ("al-", "el-", "bin-", "ibn-", "abu-")


def _may_be_cap(tokens: list[Token]):
    """For each token, whether `_is_cap` can hold: it starts with a capital letter or is "al-…"-like.

    Computed in C (no Python call per token), so that a chain is looked for only at those tokens.
    """
    capital = map(str.isupper, map(itemgetter(0), map(itemgetter(2), tokens)))
    particle = map(str.startswith, map(itemgetter(3), tokens), repeat(_NAME_PARTICLE_PREFIXES))
    return map(or_, capital, particle)


def name_chains(text: str, spans, titles: frozenset, gazetteer: Gazetteer) -> list[NameChain]:
    """The name chains of ``text`` inside ``spans`` (body blocks), in order."""
    out = []
    for lo, hi in spans:
        tokens = tokenize(text, lo, hi)
        n = len(tokens)
        j = 0
        for i in compress(count(), _may_be_cap(tokens)):
            if i < j or not _is_cap(tokens[i]):
                continue  # inside the chain just found, or no name word after all
            j = i + 1
            while j < n:
                if tokens[j].lower in _SUFFIXES:
                    j += 1 + int(j + 1 < n and tokens[j + 1].text == ".")  # "Joseph R. Biden Jr."
                elif _is_cap(tokens[j]) and not is_sentence_break(tokens, j, titles):
                    j += 1
                elif (tokens[j].lower in _JOINERS and j + 1 < n and _is_cap(tokens[j + 1])
                      and _joins(tokens, i, j, titles, gazetteer)):
                    j += 2  # "Ministry of Defence", "Embassy in Moscow"; not "Ana Silva of Chile"
                elif (tokens[j].lower in _PARTICLES and j + 2 < n and tokens[j + 1].lower in _PARTICLES
                      and _is_cap(tokens[j + 2]) and _joins(tokens, i, j, titles, gazetteer)):
                    j += 3  # "Ursula von der Leyen"
                elif (tokens[j].lower in ("of", "for") and j + 2 < n and tokens[j + 1].lower == "the"
                      and _is_cap(tokens[j + 2]) and _joins(tokens, i, j, titles, gazetteer)):
                    j += 3  # "Ministry of Foreign Affairs of the Arab Republic of Egypt"
                elif tokens[j].text == "." and j + 1 < n and _is_cap(tokens[j + 1]) and (
                        len(tokens[j - 1].text) <= 2 or tokens[j - 1].lower in titles):
                    j += 1  # "J. R. Jones", "Gen. Mark Milley"
                elif tokens[j].text == "," and j + 1 < n and tokens[j + 1].lower in _SUFFIXES:
                    j += 2 + int(j + 2 < n and tokens[j + 2].text == ".")  # "Joseph R. Biden, Jr."
                else:
                    break
                if tokens[j - 1].lower.endswith(("\u2019s", "'s")):
                    break  # a possessive ends the name
            out.extend(_split_title(text, tokens[i:j], titles, gazetteer))
    return out


def _joins(tokens: list[Token], i: int, j: int, titles, gazetteer) -> bool:
    """Whether the joiner at ``j`` continues the name begun at ``i``.

    Only names of organisations and titles take a joiner ("Ministry of Trade and Industry", "Secretary of
    State", "Embassy in Moscow"); after a person's name it starts an affiliation ("Ana Silva of Chile").
    """
    so_far = [strip_possessive(t.lower).rstrip(".") for t in tokens[i:j]]
    if tokens[j + 1].lower in TIME_WORDS:
        return False  # "Chile's Ministry of Mining on Monday": a date, not a name
    if tokens[j].lower == "without":
        return _named_as_organisation(tokens, i, j)  # "Doctors Without Borders"
    if tokens[j].lower in _PARTICLES and not any(w in ORG_WORDS for w in so_far) and so_far[-1] not in titles:
        return True  # a person's name particle: "Lula da Silva", "von der Leyen", "bin Zayed"
    if tokens[j].lower == "of" and _state_length(tokens, j + 1, gazetteer, before=so_far[-3:]):
        return True  # "United States of America", "President of the United States of America Ana Ruiz"
    so_far = so_far[:-1] + [so_far[-1], so_far[-1].removesuffix("s")]  # "Foreign Ministers of …": a plural title
    if tokens[j].lower in ("and", "&"):  # "Trade and Industry", not "Embassy in Moscow and Ana Silva"
        return ((any(w in ORG_WORDS for w in so_far) or _office_runs_on(tokens, j, so_far, titles))
                and so_far[-1] not in ORG_WORDS and not gazetteer.country(tokens[j - 1].text))
    if so_far[-1] in _STATE_WORDS:
        return True  # "Arab Republic of Egypt", "Kingdom of Saudi Arabia"
    if gazetteer.country(tokens[j + 1].text) and so_far[-1] not in ORG_WORDS and so_far[-1] not in titles:
        return False
    return (so_far[-1] in titles or any(w in ORG_WORDS for w in so_far)
            or (tokens[j].lower in NAME_LINKS and _named_as_organisation(tokens, i, j)))


def _named_as_organisation(tokens: list[Token], i: int, j: int) -> bool:
    """Whether the chain begun at ``i`` and linked at ``j`` ("Rivers for Life", "Friends of the Earth") is one
    organisation's name although its head is no organisation word: the text introduces it as one, with a
    descriptive noun before it ("the coalition X", "the Lima-based group X"), an appositive description after
    it ("X, an environmental group based in …"), or its initials in brackets after it ("X (ABC)"); or the link
    word itself is capitalised in running text ("Doctors Without Borders said")."""
    if i > 0 and tokens[i - 1].text.islower() and tokens[i - 1].lower in _ORG_DESCRIPTORS:
        return True
    k, n = j, min(len(tokens), j + _NAME_REACH)  # bounded: a run of names and links stays linear
    while k < n and (_is_cap(tokens[k]) or (k + 1 < n and tokens[k].lower in NAME_LINKS | {"the"}
                                            and (_is_cap(tokens[k + 1]) or tokens[k + 1].lower == "the"))):
        k += 1  # the end of the chain if it runs on
    n = len(tokens)
    if (tokens[j].text[:1].isupper() and k < n and tokens[k].text.isalpha() and tokens[k].text.islower()
            and tokens[k].lower not in FUNCTION_WORDS and tokens[k].lower not in _JOINERS):
        return True  # "Doctors Without Borders said": a link word in capitals inside running text
    if k + 2 < n and tokens[k].text == "," and tokens[k + 1].lower in ("a", "an"):
        for t in tokens[k + 2:k + 6]:
            if not t.text[:1].isalpha():
                break
            if t.lower in _ORG_DESCRIPTORS:
                return True
    if k + 2 < n and tokens[k].text == "(" and tokens[k + 2].text == ")":
        return spells(tokens[k + 1].text, [t.text for t in tokens[i:k]])  # "(IPCC)", "(ECOWAS)"
    return False


def spells(initials: str, words: list[str]) -> bool:
    """Whether ``initials`` in capitals are those of ``words``, with or without their link words."""
    words = [w for w in words if w[:1].isalpha()]
    return len(words) >= 2 and initials.isupper() and initials.isalpha() and initials in (
        "".join(w[0] for w in words).upper(), "".join(w[0] for w in words if w.lower() not in _UNSPELT).upper())


def _office_runs_on(tokens: list[Token], j: int, so_far: list[str], titles) -> bool:
    """Whether "and" at ``j`` continues an office "Title of X" ("Minister of Foreign Affairs and International
    Cooperation, Ana Ruiz", "Minister of Trade and Industry Omar Haddad"): the words after it are followed by the
    holder's name in apposition, or run on to a name of their own; two words and a verb are a second person
    ("the Secretary of State and Ana Ruiz met")."""
    if not (any(w in titles for w in so_far[:-1]) and {"of", "for"} & set(so_far)):
        return False
    k = j + 1
    while k < len(tokens) and _is_cap(tokens[k]):
        k += 1
    return k - j - 1 >= 3 or (k < len(tokens) and tokens[k].text == "," and k + 1 < len(tokens)
                              and _is_cap(tokens[k + 1]))


def _state_length(tokens: list[Token], i: int, gazetteer, before=()) -> int:
    """How many tokens from ``i`` name a state in the gazetteer ("Arab Republic of Egypt", "State of Qatar"), the
    longest first, or 0; with ``before`` (the last words of a name so far), the state that those words and "of"
    begin and the tokens from ``i`` end ("United States" + "of" + "America")."""
    heads = [list(before[-n:]) + ["of"] for n in range(len(before), 0, -1)] if before else [[]]
    for size in range(min(8, len(tokens) - i), 0, -1):
        if not tokens[i + size - 1].text[:1].isupper():
            continue
        if size == 1 and not before and gazetteer.is_demonym(tokens[i].text):
            continue  # a nationality, not a state: "Secretary of the Russian Security Council"
        words = [t.lower.replace("\u2019", "'") for t in tokens[i:i + size]]
        if any(gazetteer.country_of.get(" ".join(head + words)) for head in heads):
            return size
    return 0


def is_sentence_break(tokens: list[Token], j: int, titles=frozenset()) -> bool:
    """Whether a sentence ends before token ``j`` (not after an initial or a title such as "Gen.")."""
    if j < 2 or tokens[j - 1].text not in ".!?":
        return False
    return len(tokens[j - 2].text) > 2 and tokens[j - 2].lower not in titles


def _split_title(text, toks: list[Token], titles, gazetteer) -> list[NameChain]:
    """"Russian President Vladimir Putin" -> name "Vladimir Putin", title "Russian President"."""
    if not toks:
        return []
    if len(toks) == 1:  # one word (the most common chain) has no title to split off
        tok = toks[0]
        end = tok.start + len(strip_possessive(tok.text))
        return [NameChain(tok.start, end, text[tok.start:end], "", end != tok.end)]
    norm = [strip_possessive(t.lower).rstrip(".") for t in toks]

    def title_at(k: int) -> int:
        """Length of the longest title starting at token k (titles may have several words)."""
        for size in (3, 2, 1):
            if k + size < len(toks) and " ".join(norm[k:k + size]) in titles:
                return size
        return 0

    if len(toks) >= 2 and norm[-1] in titles and any(
            is_possessive(t) or gazetteer.is_demonym(t.text) or gazetteer.country(t.text) for t in toks[:-1]):
        return []  # "Brazil's Foreign Minister", "Russian Foreign Minister": an office, no name
    k = 0
    while k < len(toks) - 1:
        # "Russian President …": a nationality counts as part of the title only before a title
        matched = title_at(k) or (1 + title_at(k + 1) if gazetteer.is_demonym(toks[k].text) and title_at(k + 1) else 0)
        if not matched and toks[k].lower.rstrip(".") in HONORIFICS:
            matched = 1
        if not matched:
            break
        k += matched
        while k < len(toks) - 1 and toks[k].text == ".":
            k += 1  # "Ms. Jean-Pierre", "Gen. Milley": the abbreviation's period belongs to the title
    if k == 0:
        # "Mining Minister Sofía Ñancupil", "ECOWAS Commission President Adama Konaté": modifiers + a title word
        for m in range(len(toks) - 2, 0, -1):
            if toks[m].lower.rstrip(".") in titles and toks[m + 1].lower not in _JOINERS:
                if all(t.lower not in _JOINERS for t in toks[:m]):
                    k = m + 1
                break
    while 0 < k < len(toks) - 1 and toks[k].text == ".":
        k += 1  # "Florida Sen. Marco Rubio": the title's period is no part of the name
    if k == 0 and norm[0] in _PARTY_WORDS and 2 <= len(toks) - 1 <= 3 and not any(w in ORG_WORDS for w in norm):
        k = 1  # "Republican Marco Rubio", "rival Hillary Clinton": a party or role word, not a first name
    name_toks = toks[k:]
    if k and len(name_toks) > 2 and name_toks[0].lower in ("of", "for"):
        # "President of the Republic of Norland Ana Ruiz": the office's state ends the title
        first = 1 + int(name_toks[1].lower == "the")
        size = _state_length(name_toks, first, gazetteer)
        rest = first + size
        while size and rest < len(name_toks) - 1 and name_toks[rest].lower.rstrip(".") in HONORIFICS:
            rest += 1  # "… of the State of Norland HH Sheikh Omar": honorifics before the name
        if size and rest < len(name_toks) and name_toks[rest].text[:1].isupper():
            k, name_toks = k + rest, name_toks[rest:]
    if k and len(name_toks) > 3 and name_toks[0].lower in _JOINERS:
        # "President for National Security Affairs Jake Sullivan": the title runs on; the name is its end
        last = len(toks) - 1
        while last > k and (toks[last].lower.rstrip(".") in _SUFFIXES or toks[last].text in (",", ".")):
            last -= 1  # "… Joseph R. Biden, Jr.": the surname is before the suffix
        m = last - 1
        while m > k and (toks[m].text == "." or len(toks[m].text.rstrip(".")) == 1):
            m -= 1  # keep initials: "Joseph R. Biden"
        if toks[m - 1].lower in ("and", "&"):
            return []  # "Minister of Foreign Affairs and International Cooperation": the office's last words
        k, name_toks = m, toks[m:]
        if gazetteer.country_of.get(" ".join(t.text for t in name_toks).lower()):
            return []  # "Prime Minister of the United Kingdom": an office and its state, no name
    if (k and name_toks and name_toks[0].lower in _JOINERS and name_toks[0].lower not in _PARTICLES
            and name_toks[-1].lower not in _PARTICLES):
        return []  # "Foreign Minister of Georgia": an office, no name ("President von der Leyen" is a name)
    if not name_toks or (len(name_toks) == 1 and name_toks[0].lower in _JOINERS):
        name_toks, k = toks, 0
    last = name_toks[-1]
    possessive = strip_possessive(last.text) != last.text
    end = last.end - (len(last.text) - len(strip_possessive(last.text)))
    start = name_toks[0].start
    title = text[toks[0].start:toks[k - 1].end] if k else ""
    return [NameChain(start, end, text[start:end], title, possessive)]
