"""Speaker attribution: resolve each statement's mention to an entity with a canonical name.

- **names** ("Nakagome", "The Russian Foreign Ministry") resolve to the fullest
  name chain in the document that ends with the mention's name (a surname
  finds the full name; "Russian Foreign Ministry" does not become its
  department);
- **descriptions** ("the ministry", "the Russian ministry", "the foreign
  minister") resolve to the most recent entity whose name or title holds the
  description's head word and modifiers;
- **pronouns** resolve to the most recent speaker of a fitting type
  (he/she: a person; it: an organisation or government; they: a group or
  organisation; we/I: the speaker of the surrounding turn or the document's
  source);
- **joint subjects** ("Russia and North Korea") become a group entity;
- transcript labels ("MS. PSAKI") resolve like names, honorifics dropped.

Entity type, affiliation and country come from the text: titles, org words,
the gazetteer and the appositive after the first full mention.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..document import Document, Entity, Span, Statement
from ..segment.lexicon import Lexicon, load_lexicon
from ..segment.mentions import FUNCTION_WORDS, SPEAKER_NOUNS
from ..segment.segmenter import SOURCE_VOICE_GENRES, Mention
from ..text import layout
from .issuer import issuer_from_metadata
from .names import ORG_WORDS, Gazetteer, NameChain, load_gazetteer, name_chains, strip_possessive

__all__ = ["EntityResolver"]

_HONORIFICS = frozenset("mr mrs ms miss dr sir madam the".split())
_PERSON_PRONOUNS = {"he": "person", "she": "person", "him": "person", "her": "person"}
_GROUP_WORDS = frozenset("leaders sides countries governments ministers parties nations members allies".split())
_DETERMINERS = frozenset("the a an this that these those".split())


@functools.lru_cache(maxsize=8192)
def _fold(name: str) -> str:
    """Lower case, punctuation to spaces; cached, since every mention compares against every chain's name."""
    return re.sub(r"[\W_]+", " ", name.lower()).strip()


@functools.lru_cache(maxsize=8192)
def _unsuffixed(folded: str) -> str:
    """"joseph r biden jr" -> "joseph r biden": a generational suffix does not change who is named."""
    words = folded.split()
    while len(words) > 1 and words[-1] in ("jr", "sr", "ii", "iii", "iv"):
        words.pop()
    return " ".join(words)


@dataclass
class _Known:
    entity_name: str
    type: str
    title: str = ""
    affiliation: str | None = None
    country: str | None = None
    aliases: set = field(default_factory=set)


class EntityResolver:
    """Resolve speaker mentions to entities (see the module docstring for the rules).

    Parameters
    ----------
    lexicon : str or Lexicon, default "en"
        Gives the titles ("foreign minister") that descriptions and name chains use.
    """

    def __init__(self, *, lexicon="en"):
        self.lexicon = lexicon

    def resolve(self, doc: Document, segmented: list[tuple[Statement, Mention | None]]):
        """Statements with ``speaker`` filled in, and the entities they name."""
        lex = self.lexicon if isinstance(self.lexicon, Lexicon) else load_lexicon(self.lexicon)
        gaz = load_gazetteer("en")
        text = doc.text
        body = [(b.start, b.end) for b in layout(text) if b.kind == "body"]
        chains = name_chains(text, body, lex.titles, gaz)
        title = str(doc.metadata.get("title") or "")
        title_chains = name_chains(title, [(0, len(title))], lex.titles, gaz) if title else []
        state = _Resolution(doc, chains, lex.titles, gaz, title_chains)
        out = []
        for st, mention in segmented:
            name = state.resolve(mention, st)
            if name is None:
                continue  # rule 8: no explicit speaker
            out.append(Statement(doc_id=st.doc_id, content_span=st.content_span, speaker=name,
                                 speaker_span=st.speaker_span, cue_span=st.cue_span, quote_type=st.quote_type,
                                 label=st.label, score=st.score))
        return out, state.entities()


def _word_index(pairs) -> dict[str, list[tuple[NameChain, str]]]:
    """Folded word -> the ``(chain, value)`` pairs whose chain's folded name has that word, keeping only the
    first chain of each distinct (name, title), in order."""
    index: dict[str, list[tuple[NameChain, str]]] = {}
    seen = set()
    for chain, value in pairs:
        if (chain.name, chain.title) not in seen:
            seen.add((chain.name, chain.title))
            for w in dict.fromkeys(_fold(chain.name).split()):
                index.setdefault(w, []).append((chain, value))
    return index


class _Resolution:
    def __init__(self, doc, chains: list[NameChain], titles, gaz: Gazetteer, title_chains=()):
        self.doc, self.text, self.titles, self.gaz = doc, doc.text, titles, gaz
        self.chains = chains
        self.folded = [_unsuffixed(_fold(c.name)) for c in chains]  # compared with every mention: fold once
        self.title_chains = list(title_chains)  # names in the document's title: evidence for full names only
        self.known: dict[str, _Known] = {}
        self.recent: list[str] = []  # entity names in order of last mention as speaker
        # chains are in text order and never overlap (starts and ends increase): bisect instead of scanning
        self.ends = [c.end for c in chains]
        self._by_word: dict[str, list[tuple[NameChain, str]]] | None = None
        self._by_word_with_title: dict[str, list[tuple[NameChain, str]]] | None = None
        self._by_hay_word: dict[str, list[int]] | None = None
        self._first_by_name: dict[str, NameChain] | None = None

    # -- indexes: a long document has thousands of chains; scanning them all for every mention would make
    #    attribution quadratic in the document's length -----------------------------------------------------
    def _distinct_chains_with(self, word: str) -> list[tuple[NameChain, str]]:
        """``(chain, folded name)`` of the chains whose folded name has the word ``word``: the first chain of
        each distinct (name, title), in text order.

        The name matching below only ever picks such a chain, and its choice depends on the chain's name and
        title alone (the first of equals wins), so looking at these gives what scanning every chain gives.
        """
        if self._by_word is None:
            self._by_word = _word_index(zip(self.chains, self.folded))
        return self._by_word.get(word, [])

    def _distinct_chains_and_title_chains_with(self, word: str) -> list[tuple[NameChain, str]]:
        """As `_distinct_chains_with`, over the text's chains then the title's."""
        if self._by_word_with_title is None:
            self._by_word_with_title = _word_index((c, None) for c in self.chains + self.title_chains)
        return self._by_word_with_title.get(word, [])

    def _chain_ids_described_by(self, word: str) -> list[int]:
        """Indices (in text order) of the chains whose folded name or title has the word ``word``."""
        if self._by_hay_word is None:
            self._by_hay_word = {}
            for i, chain in enumerate(self.chains):
                for w in dict.fromkeys((_fold(chain.name) + " " + _fold(chain.title)).split()):
                    self._by_hay_word.setdefault(w, []).append(i)
        return self._by_hay_word.get(word, [])

    def _first_chain_named(self, name: str) -> NameChain | None:
        """The first chain whose name is ``name``."""
        if self._first_by_name is None:
            self._first_by_name = {}
            for chain in self.chains:
                self._first_by_name.setdefault(chain.name, chain)
        return self._first_by_name.get(name)

    # -- entities ---------------------------------------------------------------------------
    def entities(self) -> list[Entity]:
        return [Entity(name=k.entity_name, type=k.type, aliases=tuple(sorted(k.aliases - {k.entity_name})),
                       affiliation=k.affiliation, country=k.country) for k in self.known.values()]

    def _register(self, name: str, etype: str, alias: str | None = None, title: str = "") -> str:
        k = self.known.get(name)
        if k is None:
            k = self.known[name] = _Known(name, etype, title)
            self._describe(k)
        if alias and alias.lower() not in ("he", "she", "it", "they", "we", "i", "you"):
            k.aliases.add(alias)
        if name in self.recent:
            self.recent.remove(name)
        self.recent.append(name)
        return name

    def _describe(self, k: _Known) -> None:
        """Country and affiliation from the entity's title and from the appositive after its first full mention."""
        words = k.entity_name.split()
        chain = self._first_chain_named(k.entity_name)
        if chain is not None:
            if chain.title and not k.title:
                k.title = chain.title
            after = self.text[chain.end:chain.end + 200]
            m = re.match(r",\s+(?:the\s+)?([^,.;]{3,120}?)(?:,|\s+(?:said|told|who)\b)", after)
            if m and k.type == "person" and k.affiliation is None:
                org = re.search(r"((?:[A-Z][\w\u2019'\-]*\s+)*(?:" + "|".join(w.capitalize() for w in ORG_WORDS)
                                + r")\b(?:\s+of(?:\s+[A-Z][\w\-]*)+)?)", m.group(1))
                if org:
                    k.affiliation = strip_possessive(org.group(1).strip())
        for w in (k.title + " " + (k.affiliation or "") + " " + k.entity_name).split():
            c = self.gaz.country(w)
            if c:
                k.country = c
                break
        _ = words

    # -- mentions ---------------------------------------------------------------------------
    def resolve(self, mention: Mention | None, st: Statement) -> str | None:
        if mention is None:
            issuer = self._issuer()
            return self._register(issuer, self._type_of(issuer, "")) if issuer else None
        surface = mention.span.text(self.text)
        if mention.kind == "pronoun":
            return self._pronoun(surface.lower(), mention)
        if mention.kind == "label":
            return self._label(surface)
        cleaned = self._strip_determiner(surface)
        if re.search(r"\band\b|&", cleaned) and mention.kind == "name":
            return self._register(self._group_name(cleaned, mention.span.start), "group", surface)
        if mention.kind == "description":
            found = self._description(surface, mention.span.start)
            if found:
                return self._register(found, self.known[found].type, cleaned)
            return self._register(cleaned, self._type_of(cleaned, ""), surface)
        return self._name(cleaned, surface, mention)

    def _issuer(self) -> str | None:
        """Who speaks in a document's own voice: ``metadata["issuer"]``, else "We, the X", else its first organisation."""
        if "issuer_cache" in self.__dict__:
            return self.__dict__["issuer_cache"]
        issuer = issuer_from_metadata(self.doc.metadata, self._strip_title)
        if not issuer:
            m = re.search(r"\bWe,\s+(?:the\s+)?([A-Z][^,;:.]{2,120}?),", self.text)
            if m:
                issuer = m.group(1).strip()
        if not issuer:
            typed = [(c, self._type_of(c.name, c.title)) for c in self.chains
                     if not self.gaz.is_demonym(c.name) and not c.name.isupper()]
            issuer = next((c.name for c, t in typed if t in ("organization", "group")), None) or next(
                (c.name for c, t in typed if t == "government"), None)
        self.__dict__["issuer_cache"] = issuer
        return issuer

    def _strip_title(self, name: str) -> str:
        """"President Joe Biden" -> "Joe Biden" (a name without a title stays as it is)."""
        own = name_chains(name, [(0, len(name))], self.titles, self.gaz)
        return own[0].name if len(own) == 1 and own[0].title else name

    def _strip_determiner(self, surface: str) -> str:
        words = surface.split()
        while words and words[0].lower() in _DETERMINERS:
            words = words[1:]
        return strip_possessive(" ".join(words)) if words else surface

    def _type_of(self, name: str, title: str) -> str:
        words = [strip_possessive(w).lower() for w in name.split()]
        if any(w in ORG_WORDS for w in words):
            if words[-1] in ("government", "administration", "cabinet", "kremlin") or words[0] == "government":
                return "government"
            return "organization"
        if len(words) == 1 and self.gaz.country(name):
            return "government"
        if any(w in _GROUP_WORDS for w in words):
            return "group"
        if title or (1 <= len(words) <= 4 and all(w[:1].isalpha() for w in words)):
            return "person"
        return "unknown"

    def _name(self, cleaned: str, surface: str, mention: Mention) -> str:
        own = name_chains(cleaned, [(0, len(cleaned))], self.titles, self.gaz)
        if own and own[-1].title and own[-1].name:
            cleaned = own[-1].name  # "Interior Minister Paolo Santangelo" -> "Paolo Santangelo"
        elif own and own[-1].end == len(cleaned) and own[-1].start > 0 and cleaned[:own[-1].start].strip() \
                and cleaned[0].islower() or (own and len(own) > 1 and own[-1].end == len(cleaned)):
            cleaned = own[-1].name  # "Bangkok-based coalition Rivers for Life" -> "Rivers for Life"
        words = cleaned.lower().split()
        if len(words) == 1 and (words[0] in ORG_WORDS or words[0] in self.titles or words[0] in SPEAKER_NOUNS):
            found = self._description(cleaned, mention.span.start)  # "the Ministry", "the Commission"
            if found:
                return self._register(found, self.known[found].type, surface)
        best = None
        target = _unsuffixed(_fold(cleaned))
        last = target.split()[-1] if target else ""
        for chain, folded in (self._distinct_chains_with(last) if target else zip(self.chains, self.folded)):
            if folded == target or (folded.endswith(" " + target)) or (
                    len(target.split()) == 1 and last in folded.split()[::len(folded.split()) - 1 or 1]
                    and self._personish(chain)):
                if best is None or (len(chain.name), not chain.name.isupper()) > (len(best.name),
                                                                                   not best.name.isupper()):
                    best = chain
        if best is not None and best.name.isupper():
            # "KIVU COPPER HOLDINGS" in a heading: the same name in running text reads better
            mixed = [c for c, _ in self._distinct_chains_with(_fold(best.name).split()[-1])
                     if _fold(c.name) == _fold(best.name) and not c.name.isupper()]
            best = mixed[0] if mixed else best
        if best is None:
            k = bisect.bisect_left(self.ends, mention.span.start)  # the first chain ending at or after the mention
            for chain in self.chains[k:k + 1]:
                if chain.start <= mention.span.start < chain.end + 1 or chain.start == mention.span.start:
                    best = chain
                    break
        name = best.name if best else cleaned
        title = best.title if best else ""
        # a title-only mention ("the Foreign Minister") is a description
        if name.lower() in self.titles:
            found = self._description(name, mention.span.start)
            if found:
                return self._register(found, self.known[found].type, cleaned)
        return self._register(name, self._type_of(name, title), cleaned if cleaned != name else None, title)

    def _surname(self, word: str) -> str | None:
        """The fullest person-like name (text, then title) beginning or ending with ``word`` ("Wang" -> "Wang Lirong")."""
        w = _fold(word)
        best = None
        for chain, _ in self._distinct_chains_and_title_chains_with(w.split()[0] if w else ""):
            f = _fold(chain.name)
            if w and (f == w or f.startswith(w + " ") or f.endswith(" " + w)) and self._personish(chain) \
                    and not chain.name.isupper():
                if best is None or len(chain.name) > len(best):
                    best = chain.name
        return best

    def _name_around(self, surname: str) -> str | None:
        """"Karine Jean-Pierre" for "JEAN-PIERRE": the surname with the given names before it, in the title
        or the text (title words such as "Secretary" stop the name)."""
        pattern = re.compile(r"((?:[A-Z][\w.\u2019'-]*\s+){1,2})((?i:" + re.escape(surname) + r"))\b")
        for source in (str(self.doc.metadata.get("title") or ""), self.text):
            for m in pattern.finditer(source):
                if m.group(2).isupper() and len(m.group(2)) > 1:
                    continue  # the label itself
                given = [w for w in m.group(1).split()]
                while given and (given[0].lower().rstrip(".") in self.titles or given[0].lower() in _HONORIFICS
                                 or given[0].lower() in SPEAKER_NOUNS):
                    given = given[1:]
                if given and not any(g.lower().rstrip(".") in self.titles for g in given):
                    return " ".join(given + [m.group(2)])
        # surname first ("Wang Lirong" for "SPOKESPERSON WANG")
        after = re.compile(r"\b((?i:" + re.escape(surname) + r"))\s+([A-Z][a-z][\w\u2019'-]*)")
        for source in (str(self.doc.metadata.get("title") or ""), self.text):
            for m in after.finditer(source):
                given = m.group(2).removesuffix("\u2019s").removesuffix("'s")
                if not m.group(1).isupper() and given.lower() not in self.titles \
                        and given.lower() not in FUNCTION_WORDS and given.lower() not in SPEAKER_NOUNS:
                    return f"{m.group(1)} {given}"
        return None

    def _personish(self, chain: NameChain) -> bool:
        words = chain.name.split()
        return bool(chain.title) or (2 <= len(words) <= 4 and not any(
            strip_possessive(w).lower() in ORG_WORDS for w in words))

    def _description(self, description: str, position: int | None = None) -> str | None:
        """The most recent known entity that the description fits ("the ministry" -> "Russian Foreign Ministry")."""
        position = len(self.text) if position is None else position
        group = self._group(description, position)
        if group:
            return group
        words = [strip_possessive(w).lower() for w in description.split() if w.lower() not in _DETERMINERS]
        if not words:
            return None
        head, mods = words[-1], words[:-1]
        for name in reversed(self.recent):
            k = self.known[name]
            hay = (_fold(name) + " " + _fold(k.title) + " " + _fold(k.affiliation or "")).split()
            if head in hay or (head in ("official", "spokesperson", "spokesman", "spokeswoman") and k.type == "person"):
                if all(m in hay or self.gaz.country(m) == k.country for m in mods):
                    return name
        # not yet a speaker: the closest name chain that fits, before the mention first
        for chain in self._closest_chains(position, self._chain_ids_described_by(head)):
            if chain.name.lower() in self.titles:
                continue  # "the Vice President" names nobody by itself
            hay = (_fold(chain.name) + " " + _fold(chain.title)).split()
            if head in hay and all(m in hay or self.gaz.country(m) for m in mods):
                return self._register(chain.name, self._type_of(chain.name, chain.title), title=chain.title)
        return None

    def _closest_chains(self, position: int, ids: list[int] | None = None) -> Iterator[NameChain]:
        """Name chains (all, or those at the sorted indices ``ids``) ordered by closeness to ``position``: those
        ending before it (nearest first), then those after.  Lazy: callers stop at the first that fits."""
        ids = range(len(self.chains)) if ids is None else ids
        k = bisect.bisect_right(ids, bisect.bisect_right(self.ends, position) - 1)  # ids[:k] end before it
        for n in range(k - 1, -1, -1):
            yield self.chains[ids[n]]
        for n in range(k, len(ids)):
            yield self.chains[ids[n]]

    def _group(self, description: str, position: int) -> str | None:
        """"the two leaders", "both sides": the two closest distinct people (or parties) named before."""
        words = description.lower().split()
        if not words or words[-1] not in _GROUP_WORDS or (len(words) == 1 and words[0] != "leaders"):
            return None
        members: list[str] = []
        for chain in self._closest_chains(position):
            if chain.end > position:
                break
            etype = self._type_of(chain.name, chain.title)
            name = self._canonical(chain)
            wanted = ("person",) if words[-1] in ("leaders", "ministers") else ("person", "government")
            if etype in wanted and name not in members:
                members.append(name)
            if len(members) == 2:
                return self._register(" and ".join(reversed(members)), "group", description)
        return None

    def _group_name(self, surface: str, position: int) -> str:
        """"Mr. Sullivan and Dr. Juma" -> "Jake Sullivan and Monica Juma": each member by its canonical name."""
        parts = [p.strip() for p in re.split(r",\s*(?:and\s+)?|\s+and\s+|\s*&\s*", surface) if p.strip()]
        names = []
        for part in parts:
            own = name_chains(part, [(0, len(part))], self.titles, self.gaz)
            name = own[0].name if own and own[0].title else part
            words = [w for w in name.split() if w.lower().rstrip(".") not in _HONORIFICS]
            name = " ".join(words) or name
            if len(name.split()) == 1:
                name = self._surname(name) or name
            else:
                target = _unsuffixed(_fold(name))
                chain = next((c for c, folded in zip(self.chains, self.folded) if folded.endswith(target)
                              and len(c.name) > len(name) and not c.name.isupper()), None)
                name = chain.name if chain else name
            names.append(name)
        if len(names) < 2:
            return surface
        return ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 2 else " and ".join(names)

    def _canonical(self, chain: NameChain) -> str:
        """The fullest chain of the document that ends like ``chain`` (its canonical name)."""
        folded = _fold(chain.name)
        best = chain.name
        for c, _ in (self._distinct_chains_with(folded.split()[-1]) if folded else [(c, None) for c in self.chains]):
            f = _fold(c.name)
            if (f == folded or f.endswith(" " + folded)) and len(c.name) > len(best) and not c.name.isupper():
                best = c.name
        return best

    def _pronoun(self, pronoun: str, mention: Mention) -> str | None:
        if pronoun in ("we", "i") and self.doc.metadata.get("genre") in SOURCE_VOICE_GENRES:
            issuer = self._issuer()  # "We condemn …" in a statement: its issuer (rule 9)
            if issuer:
                return self._register(issuer, self._type_of(issuer, ""))
        wanted = {"he": ("person",), "she": ("person",), "it": ("organization", "government"),
                  "they": ("group", "organization", "government"), "we": ("organization", "government", "group"),
                  "i": ("person",)}.get(pronoun, ())
        for name in reversed(self.recent):
            if self.known[name].type in wanted:
                return self._register(name, self.known[name].type)
        # no earlier speaker: the closest fitting name chain before the mention
        for k in range(bisect.bisect_right(self.ends, mention.span.start) - 1, -1, -1):
            chain = self.chains[k]
            if chain.end <= mention.span.start:
                etype = self._type_of(chain.name, chain.title)
                if etype in wanted:
                    return self._register(chain.name, etype, title=chain.title)
        return None

    def _label(self, label: str) -> str:
        words = [w for w in label.replace(".", " ").split() if w.lower() not in _HONORIFICS]
        names = [w for w in words if w.lower() not in self.titles and w.lower() not in SPEAKER_NOUNS]
        if not names and words:
            # "THE PRESIDENT:": the person the title names in the document's title or text
            role = " ".join(words).lower()
            for chain in self.title_chains + self.chains:
                if chain.title and chain.title.lower().rstrip(".").endswith(role) and not chain.name.isupper():
                    return self._register(chain.name, "person", label)
        if names:
            found = self._surname(names[-1]) or self._name_around(names[-1])
            if found:
                return self._register(found, "person", label)
        key = " ".join(words)
        folded = _fold(key)
        for chain in self.chains:
            if _fold(chain.name).endswith(folded) and folded and not chain.name.isupper():
                return self._register(chain.name, "person", label)
        name = " ".join(w.capitalize() for w in key.split()) or label
        titleish = any(w.lower() in self.titles or w.lower() in ("official", "spokesperson") for w in words)
        return self._register(name, "person" if titleish or len(words) <= 3 else "unknown", label)


def _unused(_: Span) -> None:  # pragma: no cover - keeps Span imported for type readers
    return None
