"""Speaker attribution: resolve each statement's mention to an entity with a canonical name.

- **names** ("Nakagome", "The Russian Foreign Ministry") resolve to the fullest
  name chain in the document that ends with the mention's name (a surname
  finds the full name; "Russian Foreign Ministry" does not become its
  department);
- **descriptions** ("the ministry", "the Russian ministry", "the foreign
  minister") resolve to the most recent entity whose name or title holds the
  description's head word and modifiers;
- **pronouns** right after a reporting verb ("the ministry said it …") are the
  verb's subject; else he/she is the person last named as a clause's subject
  since the last speaker, or the most recent speaker of a fitting type (it: an
  organisation or government; they: a group or organisation; we/I: the
  document's source in its own voice, the speaker quoted last in news);
- **appositives** give the name: "Malawi's health minister, Ana Ruiz, said" is
  Ana Ruiz; an **unnamed official** of a named organisation or state speaks for
  it ("a NATO official", "senior U.S. officials": ANNOTATION.md 6.2, 6.5);
- **joint subjects** ("Russia and North Korea") become a group entity, and so do
  a meeting's participants ("the two leaders", "the two", "They") and, in a
  joint statement, its parties ("the sides");
- transcript labels ("MS. PSAKI") resolve like names, honorifics dropped.

Entity type, affiliation and country come from the text: titles, org words,
the gazetteer, a description before the first full mention, "of X" and an
appositive after it; an office holder without a foreign attachment in an
official text is of the issuing state.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
import functools
import re
from dataclasses import dataclass, field

from ..document import Document, Entity, Span, Statement
from ..segment.lexicon import Lexicon, load_lexicon
from ..segment.mentions import FUNCTION_WORDS, PRONOUNS, SPEAKER_NOUNS, np_left, pronoun_of
from ..segment.segmenter import SOURCE_VOICE_GENRES, Mention
from ..text import find_quotes, layout, paragraph_spans, split_sentences
from ..text.tokens import tokenize
from .issuer import (group_in_opening, is_group_phrase, issuer_from_metadata, parties_in_opening,
                     principals_in_opening, signature_lines)
from .names import (MODIFIER_SUFFIXES, NAME_LINKS, ORG_WORDS, Gazetteer, NameChain, load_gazetteer, name_chains, spells,
                    strip_possessive)

__all__ = ["EntityResolver"]

_HONORIFICS = frozenset("mr mrs ms miss dr sir madam the".split())
_POSSESSIVE_PRONOUNS = {"its": "it", "his": "he", "her": "she", "their": "they", "our": "we", "my": "i"}
_GROUP_WORDS = frozenset("leaders sides countries governments ministers parties nations members allies".split())
# heads of descriptions that denote the people taking part in a meeting or call ("the two leaders", "the officials")
_PARTICIPANT_WORDS = frozenset("leaders ministers officials sides presidents counterparts".split())
_ACRONYM_PLURAL = re.compile(r"[A-Z]{2,}s")  # "NSAs", "FMs": officials named by an office's initials
_NUMBERS = {"two": 2, "both": 2, "three": 3, "four": 4}
# a group a meeting's host meets: "with transatlantic leaders", "with the leaders of the three Andean countries"
_MEETING_GROUP = re.compile(r"\b((?:the\s+)?(?:(?!with\b)[A-Za-z][\w-]*\s+){0,2}(?:leaders|heads of state|ministers|"
                            r"counterparts|presidents)(?:\s+of\s+the(?:\s+[A-Za-z][\w-]*){1,4}?\s+(?:countries|states|"
                            r"nations|allies))?)\b")
# what a joint statement calls its own parties ("the sides", "both countries")
_PARTIES = frozenset("sides parties countries governments nations partners".split())
_LOOKBACK = 40  # sentences searched back for the meeting a group description refers to
_MEETING = re.compile(r"\b(?:met|meet|meets|meeting|spoke|speak|speaks|call|hosted|hosts|welcomed|talked|talks|"
                      r"visit|visited|conversation|telephone|phone)\b", re.I)
# heads of descriptions that denote an organisation whatever its name ("the company" for "Hanil Biologics")
_ORG_HEADS = frozenset("""company firm group bloc organisation organization mission coalition campaign alliance body
agency charity union operator consortium network movement association manufacturer producer insurer bank""".split())
_NAME_PARTICLES = frozenset("de du da das dos di del della la le al el bin ibn van von der den ter ben".split())
_DETERMINERS = frozenset("the a an this that these those".split())
_POST_MODIFIER = frozenset("of for at to in with from on by".split())
# heads of descriptions of unnamed people who speak for an organisation or a state (6.2)
_UNNAMED_HEADS = frozenset("""official officials spokesperson spokesman spokeswoman spokespeople spokespersons diplomat
diplomats source sources representative representatives""".split())
_DEFINITE = frozenset("the this that these those its his her their our my".split())
# words between a subject and its reporting verb: "the ministry has also said"
_SUBJECT_GAP = frozenset("also has have had will would did does again further later then not never still".split())


# "the Foreign Minister of Fiji, " before a name: an office in apposition
_OFFICE_APPOSITION = re.compile(r"(?:^|\s)((?:[A-Z][\w.-]*\s+){1,4}?)"
                                r"(?:of\s+(?:the\s+)?[A-Z][\w.\u2019'-]*(?:\s+[A-Z][\w.\u2019'-]*)*)?,\s*$")
_STATE_FORM = re.compile(r"\b(?:Republic|Kingdom|Federation|State)\b")  # a state's own long name, "Republic of A"
# "of 11 March", "of March 11, 2026" at the end of a mention: the date of a statement, not a name
_OF_DATE = re.compile(r"\s+of\s+(?:\d{1,2}\s+[A-Z][a-z]+|[A-Z][a-z]+\s+\d{1,2})(?:,?\s+\d{4})?$")
_LOWER_IN_NAMES = frozenset("of for and the on to in".split())  # "Ministry of Foreign Affairs of …"
# "the chair of the conference, …": the office's own complement before its holder's name
_OFFICE_OF = re.compile(r"\s+(?:of|for|in|to)\s+(?:the\s+)?[\w\u2019'-]+(?:\s+[\w\u2019'-]+){0,3}(?=,)")
# what closes an appositive name: a comma, or the sentence after "of <Place>" ("…, Prime Minister Ana Ruiz of B.")
_APPOSITIVE_END = re.compile(r",|(?:\s+of\s+(?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,2})?[.;]")
_NOT_MODIFIERS = frozenset("said says told added when while where who which that".split())  # not an office's modifier
_INITIALS = re.compile(r"[A-Z]{2,5}")  # an office's initials as a name ("EAM", "PM", "FM")
_DESCRIPTION_REACH = 20_000  # characters: how far from a description ("the ministry") its entity is looked for


@functools.lru_cache(maxsize=8192)
def _fold(name: str) -> str:
    """Lower case, punctuation to spaces; cached, since mentions are compared with many names."""
    return re.sub(r"[\W_]+", " ", name.lower()).strip()


@functools.lru_cache(maxsize=8192)
def _unsuffixed(folded: str) -> str:
    """"joseph r biden jr" -> "joseph r biden": a generational suffix does not change who is named."""
    words = folded.split()
    while len(words) > 1 and words[-1] in ("jr", "sr", "ii", "iii", "iv"):
        words.pop()
    return " ".join(words)


def _members(group: str) -> list[str]:
    """The members of a group name ("A, B and C" -> A, B, C; "Joseph R. Biden, Jr. and B" keeps the suffix)."""
    return [p for p in re.split(r",\s*(?:and\s+)?(?!\s*(?:Jr|Sr)\b)|\s+and\s+|\s*&\s*", group) if p.strip()]


# an office named by its place alone: "Prime Minister of the United Kingdom"
_OFFICE_OF_PLACE = re.compile(r"(?:the\s+)?(?:[A-Z][\w.-]*\s+){1,3}of\s+(?:the\s+)?[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*$")


def _trailing_person(name: str) -> str:
    """The person's name at the end of a run of capitalised words that begins with places ("Northern Ireland Omar
    Haddad" -> "Omar Haddad"): the surname, its initials and one given name."""
    words = name.split()
    k = len(words) - 1
    while k > 0 and (len(words[k - 1].rstrip(".")) == 1 or words[k - 1].lower() in _NAME_PARTICLES):
        k -= 1  # "Joseph R. Biden", "Ursula von der Leyen"
    return " ".join(words[max(0, k - 1):])


def _fullest(chain: NameChain) -> tuple[int, bool]:
    """Sort key of the fullest name form: the longest, running text before capitalised headings."""
    return len(chain.name), not chain.name.isupper()


_BRACKETED = re.compile(r"\s*\(([A-Z]{2,8})\)")


def _bracketed_initials(text: str, chain: NameChain) -> str | None:
    """The initials written in brackets right after a name, when they spell it ("Economic Community of West
    African States (ECOWAS)", "Intergovernmental Panel on Climate Change (IPCC)")."""
    m = _BRACKETED.match(text, chain.end)
    return m.group(1) if m and spells(m.group(1), chain.name.split()) else None


def _headline_name(title: str, chain: NameChain) -> NameChain:
    """A name in a title-case headline ends at its generational suffix: "Joseph R. Biden, Jr. Call" ->
    "Joseph R. Biden, Jr." (every headline word is capitalised, so the chain runs on)."""
    m = re.search(r"\b(?:Jr|Sr)\b\.?", chain.name)
    if not m or not chain.name[m.end():].strip():
        return chain
    end = chain.start + m.end()
    return NameChain(chain.start, end, title[chain.start:end], chain.title, chain.possessive)


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
        title_chains = [_headline_name(title, c) for c in name_chains(title, [(0, len(title))], lex.titles, gaz)] \
            if title else []
        # the issuer line and other page furniture hold full names too ("Ministry of Foreign Affairs of …")
        furniture = [(b.start, b.end) for b in layout(text) if b.kind != "body"]
        title_chains += [c for c in name_chains(text, furniture, lex.titles, gaz) if not c.name.isupper()]
        state = _Resolution(doc, chains, lex.titles, gaz, title_chains, body, lex.verbs)
        out = []
        for st, mention in segmented:
            name = state.resolve(mention, st)
            if name is None:
                continue  # rule 8: no explicit speaker
            out.append(Statement(doc_id=st.doc_id, content_span=st.content_span, speaker=name,
                                 speaker_span=st.speaker_span, cue_span=st.cue_span, quote_type=st.quote_type,
                                 label=st.label, score=st.score))
        return out, state.entities()


class _Resolution:
    def __init__(self, doc, chains: list[NameChain], titles, gaz: Gazetteer, title_chains=(), body=(), verbs=()):
        self.doc, self.text, self.titles, self.gaz = doc, doc.text, titles, gaz
        self.verbs = verbs  # reporting verb forms: "said he", "said it" refer back to the verb's subject
        self.body = list(body)
        self._sentences: list[tuple[int, int]] | None = None  # split lazily: only groups and "they" need them
        self.chains = chains
        self.folded = [_unsuffixed(_fold(c.name)) for c in chains]  # compared with every mention: fold once
        self.title_chains = list(title_chains)  # names in the document's title: evidence for full names only
        self.known: dict[str, _Known] = {}
        self.recent: list[str] = []  # entity names in order of last mention as speaker
        self.last_at: dict[str, int] = {}  # entity name -> offset of its latest mention as speaker
        self._at = 0  # offset of the mention being resolved
        self.starts = [c.start for c in chains]  # chains are in text order: bisect instead of scanning
        self._ends: list[int] | None = None  # the chains' ends, for `_closest_chains` (built once)
        self._ends_sorted = True
        self._first_chain: dict[str, NameChain] | None = None  # name -> its first chain, for `_describe`
        self._surnames: dict[str, str] | None = None  # folded word -> fullest person-like name (built once)
        self._letterheads: tuple[list, list, list] | None = None  # `_letterhead` (read once)
        self._types: dict[tuple[str, str], str] = {}

    # -- entities ---------------------------------------------------------------------------
    def entities(self) -> list[Entity]:
        return [Entity(name=k.entity_name, type=k.type, aliases=tuple(sorted(k.aliases - {k.entity_name})),
                       affiliation=k.affiliation, country=k.country) for k in self.known.values()]

    def _register(self, name: str, etype: str, alias: str | None = None, title: str = "") -> str:
        if name not in self.known and etype == "organization":
            fuller = self._fuller_organisation(name) or self._issuer_form(name)
            if fuller:
                alias, name = alias or name, fuller
        k = self.known.get(name)
        if k is None:
            k = self.known[name] = _Known(name, etype, title)
            self._describe(k)
        if alias and alias.lower() not in ("he", "she", "it", "they", "we", "i", "you"):
            k.aliases.add(alias)
        if name in self.recent:
            self.recent.remove(name)
        self.recent.append(name)
        self.last_at[name] = self._at
        return name

    def _describe(self, k: _Known) -> None:
        """Title, affiliation and country from the text around the entity's first full mention: its title
        ("Russian President"), a description before it ("Malawi's health minister, Ana Ruiz"), "of X" after it
        ("President Ana Ruiz of Chile") and an appositive after it ("Ana Ruiz, director of the X Bureau, said")."""
        if self._first_chain is None:
            self._first_chain = {}
            for chain in self.chains:
                self._first_chain.setdefault(chain.name, chain)
        chain = self._first_chain.get(k.entity_name)
        evidence = [k.title]
        if chain is not None:
            if chain.title and not k.title:
                k.title = chain.title
                evidence = [k.title]
            after = self.text[chain.end:chain.end + 200]
            m = re.match(r",\s+(?:the\s+)?([^,.;]{3,120}?)(?:,|\s+(?:said|told|who)\b)", after)
            of = re.match(r"\s+of\s+(?:the\s+)?([A-Z][\w.\u2019'-]*(?:\s+(?:of\s+)?[A-Z][\w.\u2019'-]*)*)", after)
            start = chain.start - (len(chain.title) + 1 if chain.title else 0)
            pre = re.search(r"(?:^|[.;:!?\n]\s*|,\s+)([^,.;:!?\n]{3,100}),\s*$", self.text[max(0, start - 120):start])
            described = [x.group(1) for x in (pre, of, m) if x is not None]
            evidence += described
            if k.type == "person" and k.affiliation is None:
                for phrase in described:
                    org = re.search(r"((?:[A-Z][\w\u2019'\-]*\s+)*(?:" + "|".join(w.capitalize() for w in ORG_WORDS)
                                    + r")\b(?:\s+of(?:\s+(?:the\s+)?[A-Z][\w\-]*)+)?)", phrase)
                    if org:
                        k.affiliation = strip_possessive(org.group(1).strip())
                        break
        evidence.append(k.affiliation or "")
        if k.type in ("organization", "government", "group"):
            evidence.append(k.entity_name)  # "Chad's transitional government"; a person's name is no place
        k.country = next((c for c in map(self._country_in, evidence) if c), None)
        genre = self.doc.metadata.get("genre")
        official = genre in SOURCE_VOICE_GENRES or genre == "transcript"
        if k.country is None and k.type == "person" and k.title and official:
            # an office holder named without a foreign attachment in an official text is of the issuing state
            k.country = self._country_of(self.doc.metadata.get("publisher")) or self._country_of(
                issuer_from_metadata(self.doc.metadata))

    def _country_in(self, phrase: str) -> str | None:
        """The first state a phrase names by its name, demonym or capital ("South Korea's", "Russian")."""
        words = [strip_possessive(w).strip(".,()") for w in phrase.split()]
        for i, w in enumerate(words):
            if not w[:1].isupper():
                continue
            for size in (3, 2, 1):
                c = self.gaz.country_of.get(" ".join(words[i:i + size]).lower()) if i + size <= len(words) else None
                if c and (size > 1 or self.gaz.country(w)):
                    return c
        return None

    # -- mentions ---------------------------------------------------------------------------
    def resolve(self, mention: Mention | None, st: Statement) -> str | None:
        if mention is None:
            state = self._own_state_as_subject(st.content_span.start, st.content_span.end)
            if state:
                return self._register(state, "group" if " and " in state else "government")
            issuer = self._issuer()
            return self._register(issuer, self._type_of(issuer, "")) if issuer else None
        self._at = mention.span.start
        surface = mention.span.text(self.text)
        dated = _OF_DATE.search(surface)
        if dated and dated.start() > 0:  # "the Ministry of X of 11 March": the date is no part of the name
            mention = Mention(Span(mention.span.start, mention.span.start + dated.start()), mention.kind)
            surface = surface[:dated.start()]
        source_voice = self.doc.metadata.get("genre") in SOURCE_VOICE_GENRES
        if source_voice and self._inside_we_appositive(mention, st):
            return self._pronoun("we", mention)  # "We, the leaders of A, B and C, condemn …": the issuing group
        if source_voice and st.cue_span is None and mention.kind == "name" and not re.search(r"\band\b|&", surface):
            # a readout's "Ruiz also updated …": a participant's act, while the conduct of an organisation or a
            # state that is not the issuer's is the issuer's narration (6.5)
            found = self._name(self._strip_determiner(surface), surface, mention)
            if found and self.known[found].type not in ("person", "group"):
                return self.resolve(None, st)
            return found
        if surface.lower() in _POSSESSIVE_PRONOUNS:  # "its report", "their call for": the pronoun's entity
            return self._pronoun(_POSSESSIVE_PRONOUNS[surface.lower()], mention)
        if mention.kind == "pronoun":
            outer = self._reporting_subject(mention.span.start)
            if outer is not None:  # "X said it opposed …": the pronoun is X
                found = self.resolve(outer, st)
                self._at = mention.span.start
                return self._register(found, self.known[found].type) if found else None
            return self._pronoun(pronoun_of(surface.lower()), mention)
        if mention.kind == "label":
            return self._label(surface)
        organisation = self._unnamed_official(mention, st)
        if organisation is not None:  # "a NATO official said", "senior U.S. officials", "Kenyan diplomats"
            return self._register(organisation, self.known[organisation].type, surface)
        named = self._appositive_name(mention)
        if named is not None:  # "Somalia's ambassador to Kenya, Abdirahman Farah Guled, said"
            return self._register(self._canonical(named), "person", surface, title=named.title)
        cleaned = self._strip_determiner(surface)
        if cleaned.split()[-1].lower() in _PARTICIPANT_WORDS or _ACRONYM_PLURAL.fullmatch(cleaned.split()[-1]):
            found = self._group(surface, mention.span.start)  # "the U.S. and Israeli officials"
            if found:
                return found
        if re.search(r"\band\b|&", cleaned) and mention.kind == "name" and not self._one_name(cleaned):
            return self._register(self._group_name(cleaned, mention.span.start), "group", surface)
        if mention.kind == "description":
            found = self._description(surface, mention.span.start)
            if found:
                return self._register(found, self.known[found].type, cleaned)
            return self._register(cleaned, self._type_of(cleaned, ""), surface)
        return self._name(cleaned, surface, mention)

    def _one_name(self, cleaned: str) -> bool:
        """Whether a name with "and" is one organisation's name that the text writes as one name chain ("Ministry of
        Foreign Affairs and Regional Integration"), not a joint subject ("Kenya and Ethiopia")."""
        chain = self._name_index()["suffix"].get(_unsuffixed(_fold(cleaned)))
        return chain is not None and _fold(chain.name) == _fold(cleaned) and any(
            w in ORG_WORDS for w in _fold(cleaned).split(" and ")[0].split())

    def _inside_we_appositive(self, mention: Mention, st: Statement) -> bool:
        """Whether the mention lies in the appositive of an opening "We," before the cue ("We, the President of A and
        the Chancellor of B, met in C to discuss …"): the speaker is "we", not a name inside the appositive."""
        if st.cue_span is None or mention.span.end > st.cue_span.start or mention.kind == "pronoun":
            return False
        lo = max(0, mention.span.start - 400)
        cut = max(self.text.rfind(". ", lo, mention.span.start), self.text.rfind("\n", lo, mention.span.start))
        opening = self.text[cut + 1 if cut >= 0 else lo:mention.span.start]
        return re.match(r"[\s*_]*We,\s", opening) is not None

    def _unnamed_official(self, mention: Mention, st: Statement) -> str | None:
        """ANNOTATION.md 6.2 and 6.5: an unnamed official, spokesperson or source of a named organisation or
        state speaks for it ("a NATO official", "senior U.S. officials", "a spokesperson for the secretariat").
        A definite description ("the official") refers back instead; with no organisation named, the
        description itself is the speaker."""
        words = mention.span.text(self.text).split()
        head = strip_possessive(words[-1]).lower()
        if head not in _UNNAMED_HEADS or words[0].lower() in _DEFINITE:
            return None
        named = [i for i, w in enumerate(words[:-1]) if w[:1].isupper() and w.lower() not in _DETERMINERS]
        if named:
            first, last = named[0], named[-1]
            if named != list(range(first, last + 1)):
                return None
            phrase = " ".join(strip_possessive(w) for w in words[first:last + 1])
            office = [strip_possessive(w) for w in words[last + 1:-1]]
            if office and office[-1].lower() in ORG_WORDS:
                # "a Peruvian energy ministry official", "a Chilean government spokesman": the office, not the state
                body = " ".join(strip_possessive(w) for w in words[first:-1])
                known = next((n for n in self.known if _fold(n).endswith(_fold(body))), None)
                return known or self._register(body, self._type_of(body, ""))
            if self.gaz.country(phrase):
                return self._state(self.gaz.country(phrase))  # "Kenyan diplomats", "U.S. officials"
            lo = mention.span.start + len(" ".join(words[:first])) + (1 if first else 0)
            inner = Mention(Span(lo, lo + len(" ".join(words[first:last + 1]))), "name")
        else:
            office = [w for w in words[1:-1] if w.lower() not in _DETERMINERS]
            if len(office) >= 2 and office[-1].lower() in ORG_WORDS:
                named_office = self._office_named(office[-1], office[:-1], mention.span.start)
                if named_office:  # "a health ministry official" after "the Ministry of Health and Family Welfare"
                    return named_office
                if words[0].lower() in ("a", "an"):  # else the office itself, as "a Peruvian energy ministry"
                    body = " ".join(strip_possessive(w) for w in office)
                    return self._register(body, self._type_of(body, ""))
            m = re.match(r"\s+(?:for|of|at|from|with)\s+((?:the\s+)?(?:[A-Z][\w.\u2019'&-]*"
                         r"(?:\s+(?:of\s+|for\s+|and\s+)?[A-Z][\w.\u2019'&-]*)*|[a-z]+))",
                         self.text[mention.span.end:mention.span.end + 100])
            if not m and len(words) == 2 and words[0].lower() in ("a", "an"):
                # "The European Commission declined to comment. A spokesperson said …": that body's spokesperson
                return self._previous_subject_body(mention.span.start)
            if not m or not (m.group(1)[:1].isupper() or m.group(1).split()[-1] in SPEAKER_NOUNS):
                return None
            lo = mention.span.end + m.start(1)
            kind = "name" if m.group(1).split()[-1][:1].isupper() else "description"
            inner = Mention(Span(lo, lo + len(m.group(1))), kind)
        at = self._at
        found = self.resolve(inner, st)
        self._at = at
        if found is None or self.known[found].type not in ("organization", "government", "group", "unknown"):
            return None
        return found

    def _previous_subject_body(self, position: int) -> str | None:
        """The organisation or government named as the subject of the sentence before ``position``."""
        spans = self._sentence_spans()
        k = bisect.bisect_right([lo for lo, _ in spans], position) - 1
        if k < 1:
            return None
        lo, hi = spans[k - 1]
        opening = re.match(r"\s*(?:(?:In|On|At)\s+[A-Z][\w-]*,\s*)?(?:[Tt]he\s+)?", self.text[lo:hi]).end() + lo
        for chain in self._closest_chains(opening, reach=0):
            if chain.start == opening and not chain.possessive:
                etype = self._type_of(chain.name, chain.title)
                if etype in ("organization", "government"):
                    return self._register(self._canonical(chain), etype)
        return None

    def _office_named(self, head: str, modifiers: list[str], position: int) -> str | None:
        """The organisation named before ``position`` as "<Head> of <modifiers> …" that a lower-case "<modifiers>
        <head>" describes ("health ministry" -> "Ministry of Health and Family Welfare")."""
        pattern = re.compile(rf"{re.escape(head)} of (?:the )?{re.escape(' '.join(modifiers))}\b", re.IGNORECASE)
        for chain in self._closest_chains(position, reach=_DESCRIPTION_REACH):
            if chain.end > position:
                break
            if pattern.match(chain.name):
                return self._register(chain.name, self._type_of(chain.name, ""))
        return None

    def _state(self, country: str) -> str:
        """A state as the document names it ("the U.S." -> its fullest chain "United States"), else the
        gazetteer's name (the states of the document are indexed once)."""
        if "_states" not in self.__dict__:
            states: dict[str, str] = {}
            for chain in self.chains:
                c = self.gaz.country_of.get(strip_possessive(chain.name).lower())
                if c and c not in states and not self.gaz.is_demonym(chain.name):
                    states[c] = self._canonical(chain)
            self.__dict__["_states"] = states
        return self._register(self.__dict__["_states"].get(country, country), "government")

    def _appositive_name(self, mention: Mention) -> NameChain | None:
        """The person named in an appositive right after a description or title ("The agency's regional
        director, Dr. Ana Ruiz, said", "Its chief executive, Omar Haddad, demanded"): the name is the speaker."""
        raw = mention.span.text(self.text).split()
        words = [strip_possessive(w).lower().strip(".,") for w in raw]
        if not any(w in self.titles or w in SPEAKER_NOUNS for w in words):
            return None
        if len(raw) >= 2 and raw[-1][:1].isupper() and words[-2] in self.titles:
            return None  # "Secretary Lima, Chairman Ruiz, …": a titled name is a name, not a description
        end = mention.span.end
        of = _OFFICE_OF.match(self.text, end)
        if of:  # "said the chair of the conference, Prime Minister Ana Ruiz of Norland."
            end = of.end()
        k = bisect.bisect_left(self.starts, end)
        for chain in self.chains[k:k + 2]:
            between = self.text[end:chain.start]
            if not re.fullmatch(r",\s*(?:(?:[A-Z][a-z]{1,3}\.|[A-Z][a-z]+)\s+){0,3}", between):
                break
            if (_APPOSITIVE_END.match(self.text, chain.end) and not chain.possessive
                    and self._type_of(chain.name, chain.title) == "person"):
                return chain
        return None

    def _reporting_subject(self, position: int) -> Mention | None:
        """The subject of a reporting verb right before a pronoun ("the ministry said it would appeal", "Ana Ruiz,
        the envoy, said that she …"): the pronoun names the one who reports, not the last speaker."""
        lo = max(0, position - 300)
        cut = max(self.text.rfind(". ", lo, position), self.text.rfind("\n", lo, position))
        tokens = tokenize(self.text, cut + 1 if cut >= 0 else lo, position)
        k = len(tokens) - 1
        if k >= 0 and tokens[k].lower == "that":
            k -= 1
        if k < 1 or tokens[k].lower not in self.verbs:
            return None
        k -= 1
        while k >= 0 and (tokens[k].lower in _SUBJECT_GAP
                          or (tokens[k].text.islower() and tokens[k].lower.endswith("ly"))):
            k -= 1  # "also", "has", "repeatedly"
        for _ in range(3):  # across appositives: "X, director of Y, said", "Its spokesman, X, said"
            if k >= 0 and tokens[k].text == ",":
                k -= 1
                m = k
                while m >= 0 and tokens[m].text != ",":
                    m -= 1
                if 0 <= m < k and tokens[m + 1].lower in ("who", "which"):
                    k = m - 1  # "Brazil, which borders both countries, said it …": the relative clause's antecedent
            rng = np_left(tokens, k, 0, self.titles) if k >= 0 else None
            if rng is None:
                return None
            first, last = rng
            head = tokens[last - 1]
            if first > 0 and tokens[first - 1].lower in _POST_MODIFIER:
                # "director of the ministry's legal office": part of an appositive, go to its comma
                k = first - 1
                while k >= 0 and tokens[k].text != ",":
                    k -= 1
                continue
            if tokens[first].lower in ("who", "which", "that") or (last - first == 1 and head.lower in PRONOUNS):
                return None  # "he said he …": the ordinary pronoun rule gives the same answer
            if not (head.text[:1].isupper() or head.lower in SPEAKER_NOUNS or head.lower in self.titles):
                return None
            if not head.text[:1].isupper() and first > 1 and tokens[first - 1].text == ",":
                named = np_left(tokens, first - 2, 0, self.titles)  # "Ana Ruiz, the envoy, said"
                if named and tokens[named[1] - 1].text[:1].isupper():
                    first, last = named
                    head = tokens[last - 1]
            kind = "name" if head.text[:1].isupper() else "description"
            return Mention(Span(tokens[first].start, tokens[last - 1].end), kind)
        return None

    def _issuer(self) -> str | None:
        """Who speaks in a document's own voice: ``metadata["issuer"]``, the title, a joint statement's opening, the
        signatures, the issuer line, else "We, the X", else its first organisation."""
        if "issuer_cache" in self.__dict__:
            return self.__dict__["issuer_cache"]
        joint = self.doc.metadata.get("genre") == "joint_statement"
        if joint:
            issuer = self._joint_issuer()
        else:
            # the title, else the headline above the text ("Statement of the Ministry of X on …")
            issuer = issuer_from_metadata(self.doc.metadata, self._strip_title, title=self._headline())
            issuer = (self._letterhead_case(issuer) if issuer and issuer.isupper() else issuer) or self._signatories()
            issuer = self._people(issuer) or issuer  # "Statement by President A and Prime Minister B": the two
        if not issuer and not joint:
            issuer = self._issuer_line()
        if not issuer:
            m = re.search(r"\bWe,\s+(?:the\s+)?([A-Z][^,;:.]{2,120}?),", self.text)
            if m:
                issuer = m.group(1).strip()
        if not issuer:
            typed = [(c, self._type_of(c.name, c.title)) for c in self.chains
                     if not self.gaz.is_demonym(c.name) and not c.name.isupper()]
            issuer = next((c.name for c, t in typed if t == "organization" or (t == "group" and any(
                w in _GROUP_WORDS for w in c.name.lower().split()))), None) or next(
                (c.name for c, t in typed if t == "government"), None)
        self.__dict__["issuer_cache"] = issuer
        return issuer

    def _joint_issuer(self) -> str | None:
        """The issuing group of a joint statement (ANNOTATION.md 6.2: the fullest group noun phrase of the text, else
        its members' canonical names), in this order: a group noun phrase of the opening ("We, the leaders of A, B
        and C"), the principals the title names ("… by President A and Prime Minister B"), the principals the
        opening names as "we" ("We, President A and Prime Minister B, …"), the parties that open the text ("A, B
        and C reaffirm …"), any other issuer of the title ("… from the Governments of A and B", "… from A and B"),
        the participants of the first sentence ("A hosted B and C"), the signatures at the end, and the states a
        title pairs ("A-B Joint Statement")."""
        lo, hi = self._opening()
        opening = group_in_opening(self.text, hi)  # from the top: a framing line above the body counts
        if opening:
            return self._without_appositive(opening)
        title = issuer_from_metadata(self.doc.metadata, title=self._headline(), titles=self.titles)
        title = self._in_text_case(title) if title else None  # a headline in capitals: the text's form of the name
        people = self._people(title) if title and not is_group_phrase(title) else None
        if people:
            return people
        people = self._people(principals_in_opening(self.text, hi, lo))
        if people:
            return people
        parties = parties_in_opening(self.text, hi, self.titles, lo)
        if parties:
            return parties
        if title:
            return title if is_group_phrase(title) or re.search(r"(?i)\band\b|,", title) else self._strip_title(title)
        first = self._sentence_spans()[:1]
        return (self._participants(first[0][1]) if first else None) or self._signatories() or self._paired_states()

    def _without_appositive(self, group: str) -> str:
        """A group noun phrase without the people named after it ("the Ministers of Defence of A and B, Ana Ruiz and
        Omar Haddad, met …" -> "the Ministers of Defence of A and B"): the appositive names the members."""
        for m in re.finditer(r",\s*(?:and\s+)?", group):
            rest = [p.strip() for p in re.split(r",\s*(?:and\s+)?|\s+and\s+", group[m.end():]) if p.strip()]
            if rest and all(self._type_of(p, "") == "person" for p in rest):
                return group[:m.start()]
        return group

    def _paired_states(self) -> str | None:
        """The states a title pairs with hyphens ("Norland-Tarvania Joint Statement", "A-B Leaders' Joint
        Statement"), each by the document's fullest name for it, or None."""
        title = str(self.doc.metadata.get("title") or self._headline() or "")
        m = re.match(r"\s*(?:the\s+)?([A-Z][\w.\u2019' ]*?(?:\s*[-\u2013]\s*[A-Z][\w.\u2019' ]*?)+)\s+"
                     r"(?i:(?:joint|leaders[\u2019']?|presidential)\s+)+", title)
        parts = [p.strip() for p in re.split(r"\s*[-\u2013]\s*", m.group(1))] if m else []
        states = [self.gaz.country_of.get(p.lower()) for p in parts]
        if len(parts) < 2 or not all(states):
            return None
        names = []
        for state in states:  # the fullest form of the state's own name ("Republic of Korea"), not its capital
            forms = [c.name for c in self.chains if self.gaz.country_of.get(strip_possessive(c.name).lower()) == state
                     and not self.gaz.is_demonym(c.name) and not any(w in ORG_WORDS for w in _fold(c.name).split())
                     and (_fold(state) in _fold(c.name) or _STATE_FORM.search(c.name))]
            names.append(max(forms, key=len, default=state))
        return ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 2 else " and ".join(names)

    def _opening(self) -> tuple[int, int]:
        """The span of a text's opening: its first paragraph, with the next one when the first is short (a subtitle,
        a place and date)."""
        if not self.body:
            return 0, 0
        lo, hi = self.body[0]
        if len(self.text[lo:hi].split()) < 25 and len(self.body) > 1:
            hi = self.body[1][1]
        return lo, hi

    def _headline(self) -> str | None:
        """The headline above the text, which stands for the title where the metadata has none (team-written
        texts carry their title in the text)."""
        first_body = self.body[0][0] if self.body else len(self.text)
        return next((self.text[b.start:b.end] for b in layout(self.text[:first_body]) if b.kind == "headline"), None)

    def _in_text_case(self, name: str) -> str:
        """A name written in capitals ("FOREIGN MINISTERS OF A AND B") as the text writes it, where it does."""
        if not name.isupper():
            return name
        found = re.finditer(r"\s+".join(map(re.escape, name.split())), self.text, re.I)
        return next((m.group(0) for m in found if not m.group(0).isupper()), name)

    def _people(self, listed: str | None) -> str | None:
        """"President A of X and Prime Minister B" as a group of people named by their canonical names, or None where
        a part names no person (offices alone: "the President of A and the Chancellor of B"; states)."""
        if not listed or not re.search(r"\band\b|,|&", listed):
            return None
        group = self._group_name(listed, 0)
        members = _members(group)
        titled = [c for c in name_chains(listed, [(0, len(listed))], self.titles, self.gaz)
                  if c.title and not self.gaz.country(c.name) and c.name.lower() not in self.titles]
        if len(members) < 2 or any(self._office_only(m) for m in members) or not (len(titled) >= len(members) or all(
                self._type_of(m.strip(), "") == "person" for m in members)):
            return None  # "Senior Advisor and Chief Spokesperson Ana Ruiz" is one person with two offices
        return group

    def _office_only(self, name: str) -> bool:
        """"Senior Advisor", "the Vice President": an office without a name."""
        words = [w.lower().rstrip(".") for w in name.split()]
        return bool(words) and (words[-1] in self.titles or " ".join(words[-2:]) in self.titles)

    def _signatories(self) -> str | None:
        """The people who sign the text at its end ("Signed," and one line per signatory: "**Ana Ruiz** **Minister
        of Trade**", "*President of A Omar Haddad*"): a signed framework or joint letter speaks for them."""
        names = []
        for lo, hi in signature_lines(self.text, paragraph_spans(self.text)):
            parts = [p for p in re.split(r"[*_]+", self.text[lo:hi]) if p.strip()]  # "**Name** **Office**"
            chains = [c for p in parts for c in name_chains(p, [(0, len(p))], self.titles, self.gaz)]
            person = next((c for c in chains if self._type_of(c.name, c.title) == "person"), None)
            if person is None:
                return None  # a line that names no one: no signature block after all
            names.append(self._canonical(person))
        if not names:
            return None
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]

    def _issuer_line(self) -> str | None:
        """The office named in the page furniture above the text ("Press release – Federal Foreign Office, Berlin,
        3 June 2025"): a part of such a line between dashes or commas that names an organisation ("… Office",
        "Ministry of …") or, failing that, ends with a state ("Global Affairs Canada").  A letterhead in capitals
        ("REPUBLIC OF A" over "MINISTRY OF FOREIGN AFFAIRS") names the issuing office last, and a title line may
        follow the office with its topic ("Mission X on the draft law …")."""
        offices, named, states = self._letterhead()
        return (offices[-1:] or named[:1] or states[:1] or [None])[0]

    def _letterhead(self) -> tuple[list, list, list]:
        """The names in the page furniture above the text, in order: offices (a part of a line with an organisation
        word), named lines (a line that is a name the body names again, "Coastal Fisheries Partnership") and
        states ("Global Affairs Canada", "REPUBLIC OF A")."""
        if self._letterheads is not None:
            return self._letterheads
        first_body = self.body[0][0] if self.body else len(self.text)
        body_text = self.text[first_body:]
        offices, named, states = [], [], []
        for block in layout(self.text[:first_body]):
            line = self.text[block.start:block.end].strip()
            parts = re.split(r"\s+[\u2013\u2014-]\s+|,\s+|\s+\|\s+", line)
            for part in parts:
                part = re.sub(r"\s+on\s+(?:the\s+)?[a-z].*$", "", part)  # "Mission X on the draft law …"
                words = part.split()
                if not 2 <= len(words) <= 10 or any(ch.isdigit() for ch in part) or not all(
                        w[:1].isupper() or w in ("of", "for", "and", "the", "on", "to") for w in words):
                    continue
                if part.isupper():
                    part = self._letterhead_case(part)
                    words = part.split()
                if any(strip_possessive(w).lower() in ORG_WORDS for w in words):
                    offices.append(part)
                elif self.gaz.country(words[-1]) or self._country_in(part):
                    states.append(part)
                elif len(parts) == 1 and block.kind != "dateline" and not part.isupper() and part in body_text:
                    named.append(part)
        self._letterheads = offices, named, states
        return self._letterheads

    def _letterhead_case(self, name: str) -> str:
        """A name in capitals as the text writes it, else in title case with its acronyms kept ("MINISTRY OF
        FOREIGN AFFAIRS OF NEW ZEALAND" -> "Ministry of Foreign Affairs of New Zealand", "OSCE MISSION" -> "OSCE
        Mission" where the text writes "OSCE")."""
        found = self._in_text_case(name)
        if not found.isupper():
            return found
        body = self.text[self.body[0][0]:] if self.body else ""
        words = []
        for i, word in enumerate(name.split()):
            if i and word.lower() in _LOWER_IN_NAMES:
                words.append(word.lower())
            elif re.search(r"\b" + re.escape(word) + r"\b(?!\s+[A-Z]{2})", body):
                words.append(word)  # an acronym the running text writes in capitals
            else:
                words.append(word.capitalize())
        return " ".join(words)

    def _country_of(self, name: str | None) -> str | None:
        """The state a name denotes or belongs to: "The White House" -> United States, "Ministry of Foreign
        Affairs of Egypt" -> Egypt (the gazetteer's names, demonyms and seats of government)."""
        words = self._strip_determiner(name or "").split()
        whole = self.gaz.country_of.get(" ".join(words).lower()) if words else None
        if whole or not any(strip_possessive(w).lower() in ORG_WORDS for w in words):
            return whole  # a person's name says nothing of a state ("Ana Lima" is not Peru)
        return self._country_in(" ".join(words))  # "Ministry of Foreign Affairs of New Zealand" -> New Zealand

    def _own_state_as_subject(self, lo: int, hi: int) -> str | None:
        """ANNOTATION.md 6.2 and 6.5: in a source-voice document, a sentence whose subject is the issuer's own
        state ("The United States stands with …" in a White House statement) is that state's statement.  A readout
        narrates a meeting for its issuer: there the state's plans stay the issuer's ("…, and the U.S. will …")."""
        if self.doc.metadata.get("genre") not in SOURCE_VOICE_GENRES or self.doc.metadata.get("genre") == "readout":
            return None
        own = self._country_of(self._issuer()) or self._country_of(self.doc.metadata.get("publisher")) or next(
            (self._country_in(line) for line in self._letterhead()[2]), None)  # "REPUBLIC OF A" over the office
        if not own:
            return None
        if re.match(r"\s*(?:The\s+)?Government\s+(?!of\b)(?!and\b|or\b)[a-z]", self.text[lo:lo + 80]):
            # "The Government remains committed …" after "The Government of the Republic of A rejects …"
            return next((c.name for c in self.chains if c.start < lo and not c.possessive
                         and (m := re.fullmatch(r"Government\s+of\s+(?:the\s+)?(.+)", c.name))
                         and self._country_in(m.group(1)) == own), None)
        k = bisect.bisect_left(self.starts, lo)
        for chain in self.chains[k:k + 1]:
            if chain.start > lo + 80:
                break
            before = re.sub(r"^(?:and|but|so|yet)\b\s*", "", self.text[lo:chain.start].strip().lower())
            after = self.text[chain.end:chain.end + 60]
            subject = before in ("", "the") or before.endswith((", the", ","))
            # "The United States stands", "The United States, standing with …, will"
            verb = re.match(r"\s+(?!and\b|or\b)[a-z]|,\s+[a-z]+ing\b", after)
            government = re.fullmatch(r"(?:Government\s+of\s+(?:the\s+)?)(.+)", chain.name)  # "Government of A"
            if government and self._country_in(government.group(1)) == own and not chain.possessive and subject \
                    and re.match(r"\s+(?!and\b|or\b)[a-z]", after):
                return chain.name
            if not subject or chain.possessive or self.gaz.country_of.get(chain.name.lower()) != own:
                return None  # only the first name of the sentence can be its subject
            partners = re.match(r"\s+and\s+(?:our|its)\s+(?:[Aa]llies|[Pp]artners)"
                                r"(?:\s+and\s+(?:[Aa]llies|[Pp]artners))?(?=\s+[a-z])", after)
            if partners:  # "the United States and our allies and partners": a group of no named members (6.5)
                start = chain.start - 4 if self.text[chain.start - 4:chain.start].lower() == "the " else chain.start
                return self.text[start:chain.end + partners.end()]
            if verb:  # the state as the text names it where the text never uses the gazetteer's name ("Türkiye")
                return own if self.gaz.is_demonym(chain.name) or re.search(
                    r"\b" + re.escape(own) + r"\b", self.text) else chain.name
            if re.match(r"\s+[Gg]overnment\s+[a-z]", after):
                return chain.name + " Government"  # "The U.S. Government will continue …"
        return None

    def _issuer_form(self, name: str) -> str | None:
        """The issuer of a source-voice document where ``name`` is the head of its name ("Ministry of Foreign
        Affairs" in a release of the "Ministry of Foreign Affairs of Norland"): the canonical name is the fullest."""
        if self.doc.metadata.get("genre") not in SOURCE_VOICE_GENRES:
            return None
        issuer = self._issuer()
        head = _fold(name)
        return issuer if issuer and re.match(re.escape(head) + r" (?:of|for|to|in) ", _fold(issuer)) else None

    def _fuller_organisation(self, name: str) -> str | None:
        """"Ministry of Foreign Affairs" -> "Ministry of Foreign Affairs of the Arab Republic of Egypt" when the
        document (its issuer line included) gives exactly one fuller form (the canonical name is the fullest)."""
        if "_heads" not in self.__dict__:
            heads: dict[str, set] = {}  # "ministry of foreign affairs" -> {"Ministry of Foreign Affairs of Egypt"}
            for c in self.chains + self.title_chains:
                words = _fold(c.name).split()
                for i, w in enumerate(words[1:], 1):
                    if w in ("of", "for"):
                        heads.setdefault(" ".join(words[:i]), set()).add(c.name)
            self.__dict__["_heads"] = heads
        fuller = self.__dict__["_heads"].get(_fold(name), set())
        return next(iter(fuller)) if len(fuller) == 1 else None

    def _strip_title(self, name: str) -> str:
        """"President Joe Biden" -> "Joe Biden" (a name without a title stays as it is)."""
        own = name_chains(name, [(0, len(name))], self.titles, self.gaz)
        if len(own) > 1 and own[-1].title and all(self._office_only(c.name) for c in own[:-1]):
            own = own[-1:]  # "Senior Advisor and Chief Spokesperson Ana Ruiz": offices joined by "and", one name
        return own[0].name if len(own) == 1 and own[0].title else name

    def _strip_determiner(self, surface: str) -> str:
        words = surface.split()
        while words and (words[0].lower() in _DETERMINERS or words[0].lower().endswith(MODIFIER_SUFFIXES)):
            words = words[1:]  # "the", "Piraeus-based"
        return strip_possessive(" ".join(words)) if words else surface

    def _type_of(self, name: str, title: str) -> str:
        key = (name, title)
        if key not in self._types:
            self._types[key] = self._guess_type(name, title)
        return self._types[key]

    def _guess_type(self, name: str, title: str) -> str:
        words = [strip_possessive(w).lower() for w in name.split()]
        if any(w in ORG_WORDS for w in words):
            if words[-1] in ("government", "administration", "cabinet", "kremlin") or words[0] == "government":
                return "government"
            return "organization"
        if len(words) == 1 and self.gaz.country(name):
            return "government"
        if any(w in _GROUP_WORDS for w in words):
            return "group"
        if title:
            return "person"
        if (len(words) >= 3 and any(w in NAME_LINKS for w in words[1:-1]) and not self.gaz.country(name)
                and all(w[:1].isupper() for w, low in zip(name.split(), words) if low not in NAME_LINKS | {"the"})
                and not any(w in self.titles for w in words)):
            return "organization"  # "Rivers for Life", "Doctors Without Borders": a linked name is no person's
        if len(words) == 1 and name.isupper() and len(name) > 1:
            return "organization"  # an acronym: "UN", "NATO", "ICRC"
        if len(words) == 1 and name.endswith("s") and self.gaz.is_demonym(name[:-1]):
            return "group"  # "Houthis", "Russians"
        if any(w[:1].islower() and w not in _NAME_PARTICLES for w in name.split()):
            return "unknown"  # "freedom to vote": lowercase words are no part of a person's name
        if len(words) == 1:
            # a single word is a person only as the surname of a fuller name ("Nakagome"), not "Tigris"
            full = self._surname(name)
            return "person" if full and full != name else "unknown"
        if 2 <= len(words) <= 4 and all(w[:1].isalpha() for w in words) and not any(
                self.gaz.country(w) for w in name.split()):
            return "person"
        return "unknown"

    def _name(self, cleaned: str, surface: str, mention: Mention) -> str:
        holder = self._office_initials(cleaned, mention.span.start)
        if holder is not None:  # "EAM" after "External Affairs Minister Rohan Varma": that minister
            return self._register(holder, "person", surface)
        own = name_chains(cleaned, [(0, len(cleaned))], self.titles, self.gaz)
        titled = [c for c in own if c.title and c.name and c.name.lower() not in self.titles]
        if titled:
            cleaned = titled[0].name  # "Interior Minister Paolo Santangelo", "President Ana Ruiz of Kenya"
        elif (own and own[-1].end == len(cleaned) and own[-1].start > 0 and cleaned[:own[-1].start].strip()
                and cleaned[0].islower() or (own and len(own) > 1 and own[-1].end == len(cleaned))) \
                and not self._office_in_place(cleaned, own):
            cleaned = own[-1].name  # "Bangkok-based coalition Rivers for Life" -> "Rivers for Life"
        words = cleaned.lower().split()
        if len(words) == 1 and (words[0] in ORG_WORDS or words[0] in self.titles or words[0] in SPEAKER_NOUNS):
            found = self._description(cleaned, mention.span.start)  # "the Ministry", "the Commission"
            if found:
                return self._register(found, self.known[found].type, surface)
        target = _unsuffixed(_fold(cleaned))
        index = self._name_index()
        candidates = [index["suffix"].get(target), index["acronym"].get(target)]
        if len(target.split()) == 1 and not self.gaz.country(cleaned):
            candidates.append(index["word"].get(target))  # a surname or given name of a person, not a state
        elif len(target.split()) > 1 and self._surname(target):
            # given names without the surname: "Hassan Sheikh" -> "Hassan Sheikh Mohamud" (a state stays itself)
            candidates.append(index["mixed"].get(_fold(self._surname(target))))
        best = max((c for c in candidates if c is not None), key=_fullest, default=None)
        if best is not None and best.name.isupper():
            # "KIVU COPPER HOLDINGS" in a heading: the same name in running text reads better
            best = index["mixed"].get(_fold(best.name), best)
        if best is None:
            k = bisect.bisect_right(self.starts, mention.span.start) - 1
            if k >= 0 and self.chains[k].start <= mention.span.start < self.chains[k].end + 1:
                best = self.chains[k]
        name = best.name if best else cleaned
        title = best.title if best else ""
        # a title-only mention ("the Foreign Minister") is a description
        if name.lower() in self.titles:
            found = self._description(name, mention.span.start)
            if found:
                return self._register(found, self.known[found].type, cleaned)
        return self._register(name, self._type_of(name, title), cleaned if cleaned != name else None, title)

    def _office_in_place(self, cleaned: str, own: list[NameChain]) -> bool:
        """Whether ``cleaned`` is an office with the place it serves ("UN Resident Coordinator in Norland"):
        the place after the preposition is the office's complement, not the speaker."""
        if len(own) < 2:
            return False
        head = strip_possessive(own[-2].name.split()[-1]).lower()
        joint = cleaned[own[-2].end:own[-1].start].split()
        return (head in self.titles or head in SPEAKER_NOUNS) and joint[-1:] in (["in"], ["for"], ["to"], ["at"])

    def _office_initials(self, word: str, position: int) -> str | None:
        """The closest person before ``position`` whose office's capitalised words spell ``word`` ("EAM" for
        "External Affairs Minister Rohan Varma"): official texts abbreviate an office held by one person."""
        if not _INITIALS.fullmatch(word):
            return None
        for chain in self._closest_chains(position, reach=_DESCRIPTION_REACH):
            if chain.end > position:
                break
            office = [w for w in re.split(r"[\s-]+", chain.title) if w[:1].isupper()]
            if len(office) >= 2 and "".join(w[0] for w in office) == word and self._titled_person(chain):
                return self._canonical(chain)
        return None

    def _surname(self, word: str) -> str | None:
        """The fullest person-like name (text, then title) beginning or ending with ``word``
        ("Wang" -> "Wang Lirong")."""
        if self._surnames is None:
            index: dict[str, str] = {}
            seen = set()
            for chain in self.chains + self.title_chains:
                if chain.name.isupper() or (chain.name, chain.title) in seen or not self._personish(chain):
                    continue  # (a name met again changes nothing)
                seen.add((chain.name, chain.title))
                words = _unsuffixed(_fold(chain.name)).split()
                # the whole name, and every run of words it begins or ends with ("Jean-Pierre", "Wang"), and the
                # middle one of three (a paternal surname: "Ferrer" in "Lucía Ferrer Ibáñez")
                middle = set(words[1:2]) if self._three_names(chain) else set()
                for key in {" ".join(words[:i]) for i in range(1, len(words) + 1)} | {
                        " ".join(words[i:]) for i in range(len(words))} | middle:
                    if len(chain.name) > len(index.get(key, "")):
                        index[key] = chain.name
            self._surnames = index
        return self._surnames.get(_fold(word))

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

    def _three_names(self, chain: NameChain) -> bool:
        """A person's name of three words, none a place ("Lucía Ferrer Ibáñez", not "South China Sea")."""
        words = chain.name.split()
        return len(words) == 3 and not any(self.gaz.country(w) for w in words) and self._type_of(
            chain.name, chain.title) == "person"

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
        principal = self._principal(" ".join(words))
        if principal:
            return self._register(principal, "person", description)
        head, mods = words[-1], words[:-1]
        for loose in (False, True):  # an entity the description's words fit first, else any person for "the official"
            for name in reversed(self.recent):
                k = self.known[name]
                hay = (_fold(name) + " " + _fold(k.title) + " " + _fold(k.affiliation or "") + " "
                       + " ".join(_fold(a) for a in k.aliases)).split()  # "a NATO official" ... "the official"
                if head in hay or (loose and head in ("official", "spokesperson", "spokesman", "spokeswoman")
                                   and k.type == "person"):
                    if all(m in hay or self.gaz.country(m) == k.country for m in mods):
                        return name
        # not yet a speaker: the closest name chain that fits, before the mention first (within a reach, so
        # that a description no name fits does not cost a pass over every name of a long document)
        for chain in self._closest_chains(position, reach=_DESCRIPTION_REACH):
            if chain.name.lower() in self.titles:
                continue  # "the Vice President" names nobody by itself
            hay = (_fold(chain.name) + " " + _fold(chain.title)).split()
            if head in hay and all(m in hay or self.gaz.country(m) for m in mods):
                return self._register(chain.name, self._type_of(chain.name, chain.title), title=chain.title)
        if head in _ORG_HEADS and not mods:
            return self._organisation_before(head, position)
        return None

    def _organisation_before(self, head: str, position: int) -> str | None:
        """"the company", "the group", "the bloc": the closest organisation named before ``position``, by its
        type or by how the text introduces it ("the rights group Justice pour le Katanga", "Hanil Biologics,
        a vaccine manufacturer")."""
        for chain in self._closest_chains(position):
            if chain.end > position:
                break
            name = self._canonical(chain)
            etype = self.known[name].type if name in self.known else self._type_of(chain.name, chain.title)
            before = self.text[max(0, chain.start - 40):chain.start].lower().split()
            after = self.text[chain.end:chain.end + 100]
            introduced = (before and (strip_possessive(before[-1]) in _ORG_HEADS or before[-1].endswith(
                MODIFIER_SUFFIXES))) or re.match(
                r",\s+(?:an?|the)\s+[^,.;]*?\b(?:" + "|".join(sorted(_ORG_HEADS)) + r")\b", after)
            if etype == "organization" or (introduced and etype in ("person", "unknown") and not chain.title):
                return self._register(name, "organization", title=chain.title)
        return None

    def _principal(self, title: str) -> str | None:
        """In an official document (source voice or transcript), "the President" with no other word is the
        issuing office's own office holder: the first person the document's title, else its text, names
        with that title and no foreign attachment ("President Ivan Duque of Colombia" is not the principal)."""
        genre = self.doc.metadata.get("genre")
        if title not in self.titles or (genre not in SOURCE_VOICE_GENRES and genre != "transcript"):
            return None
        for source, chains in ((str(self.doc.metadata.get("title") or ""), self.title_chains),
                               (self.text, self.chains)):
            for chain in chains:
                words = [strip_possessive(w).lower().rstrip(".") for w in chain.title.split()]
                if (" ".join(words[-len(title.split()):]) != title or self.gaz.is_demonym(chain.title.split()[0])
                        or re.match(r"\s+of\s+(?:the\s+)?[A-Z]", source[chain.end:chain.end + 40])
                        or not self._titled_person(chain)):
                    continue
                if len(words) > len(title.split()) and words[-len(title.split()) - 1] in ("vice", "deputy"):
                    continue  # "Vice President Harris" is not "the President"
                if chains is self.chains:
                    return self._canonical(chain)
                # a headline's chain may run on ("Joseph R. Biden, Jr. Call"): the text's form of the surname
                for word in reversed(chain.name.split()):
                    found = self._surname(word.rstrip(".,")) if word.rstrip(".,").lower() not in (
                        "jr", "sr") and self.gaz.country(word) is None else None
                    if found and found != chain.name:
                        return found
                return chain.name
        return None

    def _chains_before(self, position: int) -> Iterator[NameChain]:
        """The chains that end by ``position``, last first (as ``reversed(self.chains)`` filtered), found by
        bisection: a pronoun late in a long document does not cost a pass over the names after it."""
        self._chain_ends()
        if not self._ends_sorted:
            return (c for c in reversed(self.chains) if c.end <= position)
        k = bisect.bisect_right(self._ends, position)
        return (self.chains[i] for i in range(k - 1, -1, -1))

    def _chain_ends(self) -> list[int]:
        if self._ends is None:
            self._ends = [c.end for c in self.chains]
            self._ends_sorted = all(a <= b for a, b in zip(self._ends, self._ends[1:]))
        return self._ends

    def _closest_chains(self, position: int, reach: int | None = None) -> Iterator[NameChain]:
        """Name chains ordered by closeness to ``position``: those before it (nearest first), then after;
        with ``reach``, only those within that many characters of it.

        Lazy, and found by bisection: callers stop at the first chain that fits, so a long document
        does not cost a pass over all its names per mention.
        """
        self._chain_ends()
        reach = len(self.text) if reach is None else reach
        if not self._ends_sorted:  # chains not ordered by their ends: the plain scan
            yield from [c for c in self.chains if position - reach <= c.end <= position][::-1]
            yield from (c for c in self.chains if c.end > position and c.start - position <= reach)
            return
        k = bisect.bisect_right(self._ends, position)
        for i in range(k - 1, -1, -1):
            if position - self.chains[i].end > reach:
                break
            yield self.chains[i]
        for chain in self.chains[k:]:
            if chain.start - position > reach:
                break
            yield chain

    def _group(self, description: str, position: int) -> str | None:
        """"the two leaders", "both sides", "the officials": the people who take part in the meeting or call
        named last (`_participants`); "the two countries": the two closest distinct parties named before."""
        raw = [strip_possessive(w) for w in description.split()]
        words = [w.lower() for w in raw]
        if words[-2:] == ["of", "us"] and len(words) <= 4:  # "the three of us", "both of us": the text's "we"
            found = self._first_person()
            return self._register(found, self.known[found].type if found in self.known else "group",
                                  description) if found else None
        if words and words[-1] in _NUMBERS and all(w in _DETERMINERS for w in words[:-1]):
            found = self._participants(position, _NUMBERS[words[-1]])  # "the two", "both"
            return self._register(found, "group", description) if found else None
        if (words and words[-1] in _PARTIES and self.doc.metadata.get("genre") == "joint_statement"
                and all(w in _DETERMINERS or w in _NUMBERS or w == "our" for w in words[:-1])):
            issuer = self._issuer()  # "the sides", "both countries", "our two countries": its issuing parties
            if issuer:
                return self._register(issuer, "group", description)
        participants = words[-1] in _PARTICIPANT_WORDS or bool(_ACRONYM_PLURAL.fullmatch(raw[-1]))  # "three NSAs"
        if not words or not (words[-1] in _GROUP_WORDS or participants) or (
                len(words) == 1 and words[0] not in ("leaders", "ministers")):
            return None
        count = next((_NUMBERS[w] for w in words if w in _NUMBERS), None)
        if participants and all(
                w in _DETERMINERS or w in _NUMBERS or w == "and" or self.gaz.country(r)
                for w, r in zip(words[:-1], raw)):  # "the two leaders", "the U.S. and Israeli officials"
            found = self._participants(position, count)
            if found:
                return self._register(found, "group", description)
            issuer = self._issuer() if self.doc.metadata.get("genre") == "joint_statement" else None
            if issuer and (count is None or count == len(_members(issuer)) or is_group_phrase(issuer)):
                return self._register(issuer, "group", description)  # "the two leaders" who issue the statement
        if words[-1] not in _GROUP_WORDS or count is None and words[-1] not in ("leaders", "ministers"):
            return None
        for name in reversed(self.recent):  # "Cambodia and Vietnam said … the two governments said"
            if self.known[name].type == "group" and count and len(_members(name)) == count:
                return self._register(name, "group", description)
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
        words = surface.split()
        if len(words) > 1 and words[0].lower().rstrip("s") in self.titles and words[0].lower().endswith("s"):
            surface = " ".join(words[1:])  # "Presidents Biden and Lula"
        chains = name_chains(surface, [(0, len(surface))], self.titles, self.gaz)
        if len(chains) >= 2 and all(c.title and self._type_of(c.name, c.title) == "person" for c in chains):
            # "U.S. President Joseph R. Biden, Dutch Prime Minister Dick Schoof, and …": titled people
            surface = ", ".join(c.name for c in chains)
        parts = [p.strip() for p in re.split(r",\s*(?:and\s+)?(?!\s*(?:Jr|Sr)\b)|\s+and\s+|\s*&\s*", surface)
                 if p.strip()]
        merged, pending = [], None
        for part in parts:  # "Prime Minister of the United Kingdom and Northern Ireland A. B." is one member
            part = f"{pending} and {part}" if pending else part
            pending = None
            if _OFFICE_OF_PLACE.match(part) and not name_chains(part, [(0, len(part))], self.titles, self.gaz):
                pending = part  # an office without a name: its place name runs on past "and"
                continue
            merged.append(part)
        parts = merged + ([pending] if pending else [])
        names = []
        for part in parts:
            bare = self._strip_determiner(part).lower()
            if bare in ("i", "we", "me"):  # "Doug and I": the document's own voice, else the speaker quoted last
                names.append(self._first_person() or part)
                continue
            if bare in self.titles:  # "The Vice President and Prime Minister Netanyahu"
                holder = self._principal(bare) or self._titled_before(bare, position)
                names.append(holder or self._strip_determiner(part))
                continue
            own = name_chains(part, [(0, len(part))], self.titles, self.gaz)
            if own and own[0].title and own[0].name.lower() not in self.titles:
                name = own[0].name  # "President Ana Ruiz of Chile": the titled name, not its state
            elif own and not own[-1].title and own[-1].start > 0 and len(own[-1].name.split()) > 2:
                name = _trailing_person(own[-1].name)  # "… of the United Kingdom and Northern Ireland A. B."
            else:
                name = part
            words = [w for w in name.split() if w.lower().rstrip(".") not in _HONORIFICS]
            name = " ".join(words) or name
            if len(name.split()) == 1 and not self.gaz.country(name):
                name = self._surname(name) or name  # a surname, not a state ("Nigeria and …")
            else:
                target = _unsuffixed(_fold(name))
                chain = next((c for c, folded in zip(self.chains, self.folded) if folded.endswith(target)
                              and len(c.name) > len(name) and not c.name.isupper()), None)
                name = chain.name if chain else name
            names.append(name)
        if len(names) < 2:
            return surface
        return ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 2 else " and ".join(names)

    def _first_person(self) -> str | None:
        """Who "I" is outside a quotation: the issuer of a source-voice document, else the speaker last quoted."""
        if self.doc.metadata.get("genre") in SOURCE_VOICE_GENRES and self._issuer():
            return self._issuer()
        return self.recent[-1] if self.recent else None

    def _titled_before(self, title: str, position: int) -> str | None:
        """The closest person before ``position`` named with ``title`` ("the Prime Minister" after "Prime Minister
        Benjamin Netanyahu of Israel")."""
        for chain in self._closest_chains(position, reach=_DESCRIPTION_REACH):
            if chain.end > position:
                break
            if chain.title and _fold(chain.title).endswith(_fold(title)) and self._titled_person(chain):
                return self._canonical(chain)
        return None

    def _sentence_spans(self) -> list[tuple[int, int]]:
        if self._sentences is None:
            self._sentences = split_sentences(self.text, self.body, self._quotes())
        return self._sentences

    def _quotes(self) -> list:
        if "_quote_list" not in self.__dict__:
            self.__dict__["_quote_list"] = find_quotes(self.text, paragraph_spans(self.text))
            self.__dict__["_quote_opens"] = [q.open for q in self.__dict__["_quote_list"]]
        return self.__dict__["_quote_list"]

    def _quoted(self, position: int) -> bool:
        """Whether ``position`` is inside a closed quotation."""
        quotes = self._quotes()
        k = bisect.bisect_right(self.__dict__["_quote_opens"], position) - 1
        return k >= 0 and quotes[k].closed and position < quotes[k].close

    def _titled_person(self, chain: NameChain) -> bool:
        """A person named with an office ("President Lula", "Foreign Minister Ana Silva"): a meeting's participant."""
        return (bool(chain.title) and chain.name[:1].isupper() and not chain.name.isupper()
                and chain.name.lower() not in self.titles
                and self._type_of(chain.name, chain.title) == "person")

    def _office_before(self, chain: NameChain) -> bool:
        """A person named in an appositive after an office ("the Foreign Minister of Fiji, Omar Haddad, …"): an
        office holder like "Foreign Minister Omar Haddad"."""
        if chain.title or self.text[chain.start - 2:chain.start] != ", ":
            return False
        m = _OFFICE_APPOSITION.search(self.text, max(0, chain.start - 100), chain.start)
        office = m.group(1).split() if m else []
        return (any(" ".join(w.lower() for w in office[i:]) in self.titles for i in range(len(office)))
                and self._type_of(chain.name, "") == "person")

    def _participants(self, position: int, count: int | None = None) -> str | None:
        """The people of the last sentence before ``position`` that names two or more office holders
        ("President A spoke with Prime Minister B of C") joined as a group name, the first ``count`` of them.

        This is what "the two leaders", "both ministers", "the officials" and "they" denote in readouts
        and joint statements, and in news reports of a meeting.
        """
        spans = self._sentence_spans()
        k = bisect.bisect_right(spans, (position, position))
        fallback = None
        for s, e in reversed(spans[max(0, k - _LOOKBACK):k]):  # a bounded look back keeps it linear
            members: list[str] = []
            ends: list[int] = []  # where each member is first named, to find the meeting word between them
            lo, hi = bisect.bisect_left(self.starts, s), bisect.bisect_left(self.starts, min(e, position))
            for chain in self.chains[lo:hi]:
                if self._titled_person(chain) or self._office_before(chain):
                    name = self._canonical(chain)
                    if name not in members:
                        members.append(name)
                        ends.append(chain.end)
            if len(members) == 1 and not count:
                # "President A held a call with transatlantic leaders": A and the group the text names
                meeting = _MEETING.search(self.text, ends[0], min(e, position))
                other = _MEETING_GROUP.search(self.text, meeting.end(), min(e, position)) if meeting else None
                between = self.text[meeting.end():other.start(1)].lower().split() if other else []
                if between and between[-1] == "with" and len(between) <= 4:  # "a call today with …"
                    return f"{members[0]} and {other.group(1).strip()}"
            if len(members) < 2 or (count and len(members) < count):
                continue
            members = members[:count] if count else members
            name = ", ".join(members[:-1]) + " and " + members[-1] if len(members) > 2 else " and ".join(members)
            if _MEETING.search(self.text, ends[0], ends[1]):
                # "A spoke with B", "A met B": the sentence that brings them together (not "A asked B to visit")
                return name
            fallback = fallback or name
        return fallback

    def _name_index(self) -> dict:
        """Lookups built once per document, so that resolving a name costs no pass over all chains:
        ``suffix``: every run of words a name ends with -> the fullest chain ending so; ``word``: a first or
        last word (any word of a titled name) -> the fullest person-like chain with it; ``mixed``: a name ->
        its first chain not in capitals; ``canonical``: the same as ``suffix`` without capitalised headings;
        ``acronym``: initials the text gives in brackets after a name -> that name ("… States (ECOWAS)")."""
        if "_index" not in self.__dict__:
            suffix, word, mixed, canonical, acronym = {}, {}, {}, {}, {}
            seen = set()
            for chain, folded in zip(self.chains, self.folded):
                if (chain.name, chain.title) in seen:
                    continue  # a name met again changes nothing: every test below compares name and title only
                seen.add((chain.name, chain.title))
                words = folded.split()
                for i in range(len(words)):
                    key = " ".join(words[i:])
                    if key not in suffix or _fullest(chain) > _fullest(suffix[key]):
                        suffix[key] = chain
                if words and self._personish(chain):
                    # a titled name's every word; else the first and last, and the middle one of three (a paternal
                    # surname: "Secretary Ferrer" for "Lucía Ferrer Ibáñez")
                    for w in set(words if chain.title or self._three_names(chain) else (words[0], words[-1])):
                        if w not in word or _fullest(chain) > _fullest(word[w]):
                            word[w] = chain
                if not chain.name.isupper():
                    mixed.setdefault(_fold(chain.name), chain)
                    initials = _bracketed_initials(self.text, chain)
                    if initials:
                        acronym.setdefault(_fold(initials), chain)
                    f = _fold(chain.name).split()
                    for i in range(len(f)):
                        key = " ".join(f[i:])
                        if len(chain.name) > len(canonical.get(key, "")):
                            canonical[key] = chain.name
            self.__dict__["_index"] = {"suffix": suffix, "word": word, "mixed": mixed, "canonical": canonical,
                                       "acronym": acronym}
        return self.__dict__["_index"]

    def _canonical(self, chain: NameChain) -> str:
        """The fullest chain of the document that ends like ``chain`` (its canonical name), or the name that its
        initials stand for ("ECOWAS" after "… West African States (ECOWAS)")."""
        spelt = self._name_index()["acronym"].get(_fold(chain.name))
        if spelt is not None and spelt is not chain:
            return self._canonical(spelt)
        fuller = self._name_index()["canonical"].get(_fold(chain.name), "")
        if len(fuller) <= len(chain.name) and chain.title and len(chain.name.split()) == 1:
            fuller = self._surname(chain.name) or ""  # "Minister Wen" -> "Wen Lihua", whichever order
        return fuller if len(fuller) > len(chain.name) else chain.name

    def _pronoun(self, pronoun: str, mention: Mention) -> str | None:
        if pronoun in ("we", "i") and self.doc.metadata.get("genre") in SOURCE_VOICE_GENRES:
            issuer = self._issuer()  # "We condemn …" in a statement: its issuer (rule 9)
            last = self.recent[-1] if self.recent else ""
            if pronoun == "we" and issuer and issuer in last and self.known[last].type == "group":
                return self._register(last, "group")  # "Doug and I are relieved … We are praying": that group
            if issuer:
                return self._register(issuer, self._type_of(issuer, ""))
        genre = self.doc.metadata.get("genre")
        if pronoun in ("we", "i") and genre not in SOURCE_VOICE_GENRES and genre != "transcript" and self.recent:
            # in news, "we" and "I" are inside someone's quotation: the speaker quoted last ("…," the minister
            # said. "We will not accept …")
            return self._register(self.recent[-1], self.known[self.recent[-1]].type)
        if pronoun == "they":
            # a group that spoke last ("Kenya and Ethiopia said … They added"), else the participants of the
            # meeting named last ("President A met Prime Minister B. They discussed …")
            if self.recent and self.known[self.recent[-1]].type == "group":
                return self._register(self.recent[-1], "group")
            found = self._participants(mention.span.start)
            if found:
                return self._register(found, "group")
        wanted = {"he": ("person",), "she": ("person",), "it": ("organization", "government"),
                  "they": ("group", "organization", "government"), "we": ("organization", "government", "group"),
                  "i": ("person",)}.get(pronoun, ())
        last = next((name for name in reversed(self.recent) if self.known[name].type in wanted), None)
        if pronoun in ("he", "she"):
            # a person named as a subject since that speaker last spoke is closer: "Biden spoke with Prime Minister
            # Netanyahu. He condemned …" is Biden, whoever spoke before
            named = self._subject_person(mention.span.start, self.last_at.get(last, -1) if last else -1)
            if named is not None:
                return self._register(named, "person")
        if last is not None:
            return self._register(last, self.known[last].type)
        # no earlier speaker: the closest fitting name chain before the mention
        for chain in self._chains_before(mention.span.start):
            etype = self._type_of(chain.name, chain.title)
            if etype in wanted:
                return self._register(chain.name, etype, title=chain.title)
        return None

    def _subject_person(self, position: int, floor: int) -> str | None:
        """The closest person named as a clause's subject between ``floor`` and ``position`` (at a sentence start,
        after a fronted adjunct's comma, or in an appositive: "Its spokesman, Ana Ruiz, said"), not as an object
        ("spoke with Prime Minister B") or a possessor."""
        for chain in self._closest_chains(position, reach=1500):
            if chain.end > position or chain.start <= floor:
                return None
            if chain.possessive or self._quoted(chain.start):
                continue  # ("“Novacor is holding us to ransom,” she said": not Novacor)
            name = (self._principal(chain.name.lower()) or self._spoken_office(chain.name)) \
                if chain.name.lower() in self.titles else (
                self._canonical(chain) if self._type_of(chain.name, chain.title) == "person" else None)
            if name is None:
                continue  # "The Vice President" is the office holder of an official document, else nobody
            before = self.text[max(0, chain.start - 120):chain.start].rstrip()
            if chain.title and before.endswith(chain.title):
                before = before[:-len(chain.title)].rstrip()
            before = re.sub(r"(?:\b(?:Mr|Mrs|Ms|Dr|Sir)\.?|\b[Tt]he)$", "", before).rstrip()
            before = self._without_lowercase_office(before)  # ", government spokesperson Ana Ruiz was …"
            after = self.text[chain.end:chain.end + 30]
            opens = not before or before[-1] in ".!?:;\n\"\u201d\u2019" or re.search(
                r"(?:^|[.!?\n]\s*)(?:But|And|Meanwhile|Later|Earlier|Separately|However)$", before)
            if opens or (before.endswith(",") and re.match(r",|\s+(?:[a-z]+ly\s+)?(?:also\s+)?[a-z]+\b", after)):
                return name
        return None

    def _spoken_office(self, title: str) -> str | None:
        """An office that has already spoken by its title alone ("The Secretary-General is alarmed … He calls
        on …"): the pronoun's person is that office."""
        return title if title in self.known and self.known[title].type in ("person", "unknown") else None

    def _without_lowercase_office(self, before: str) -> str:
        """``before`` without a lower-case office written before a name and up to two modifiers of it ("In Kigali,
        government spokesperson" -> "In Kigali,"), so the name is seen to open its clause."""
        words = before.split(" ")
        if not words or words[-1] not in self.titles:
            return before
        k = len(words) - 1
        while k > 0 and len(words) - k <= 2 and re.fullmatch(r"[a-z][a-z-]*", words[k - 1]) \
                and words[k - 1] not in FUNCTION_WORDS and words[k - 1] not in _NOT_MODIFIERS \
                and words[k - 1] not in self.titles:
            k -= 1
        return " ".join(words[:k]).rstrip()

    def _label(self, label: str) -> str:
        labels = self.__dict__.setdefault("_labels", {})  # the look-up depends on the document alone: once per label
        if label not in labels:
            labels[label] = self._label_entity(label)
        name, etype = labels[label]
        return self._register(name, etype, label)

    def _label_entity(self, label: str) -> tuple[str, str]:
        """The name and type a transcript label ("MS. PSAKI", "THE PRESIDENT") stands for."""
        words = [w for w in label.replace(".", " ").split() if w.lower() not in _HONORIFICS]
        names = [w for w in words if w.lower() not in self.titles and w.lower() not in SPEAKER_NOUNS]
        if not names and words:
            # "THE PRESIDENT:": the person the title names in the document's title or text
            role = " ".join(words).lower()
            for chain in self.title_chains + self.chains:
                if chain.title and chain.title.lower().rstrip(".").endswith(role) and not chain.name.isupper():
                    return chain.name, "person"
        if names:
            found = self._surname(names[-1]) or self._name_around(names[-1])
            if found:
                return found, "person"
        key = " ".join(words)
        folded = _fold(key)
        for chain in self.chains:
            if _fold(chain.name).endswith(folded) and folded and not chain.name.isupper():
                return chain.name, "person"
        name = " ".join(w.capitalize() for w in key.split()) or label
        titleish = any(w.lower() in self.titles or w.lower() in ("official", "spokesperson") for w in words)
        return name, "person" if titleish or len(words) <= 3 else "unknown"


def _unused(_: Span) -> None:  # pragma: no cover - keeps Span imported for type readers
    return None
