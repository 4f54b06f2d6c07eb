"""The statement segmenter: cues, speaker mentions and content spans, sentence by sentence.

For each body sentence (page furniture is skipped, see `stance.text.clean`):

1. find the reporting cues (`find_cues`: lexicon rules, and the learned cue model for speech verbs);
2. for each cue, the speaker mention: left of the cue (``Nakagome also
   said``), across an appositive (``X, director of Y, said``), right of it
   (``said Nakagome``, ``according to X``), or the possessor of a reporting
   noun (``Russia's call for``);
3. the content: what follows the cue up to the next cue's clause, or the
   quotation or clause before it (``"…," he said``; ``P, the ministry said``);
   a quotation split by its cue is one content; a quotation of several
   sentences is one statement per sentence (ANNOTATION.md rule 2);
4. quotations with no cue that continue a quoting paragraph keep its speaker.

In news, the learned statement filter (`stance.segment.statement_filter`) then drops
cued statements whose cue reports an action rather than speech.  Transcripts (speaker
labels such as ``MS. PSAKI:``) and documents in a source's own voice
(``metadata["genre"]`` in ``statement``, ``readout``, ``joint_statement``) follow rules
9 and 10 of ANNOTATION.md.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ..document import Document, Span, Statement
from ..text import find_quotes, layout, paragraph_spans, split_inside, split_sentences
from ..text.quotes import Quote
from ..text.tokens import Token, tokenize
from .cues import DETERMINERS, TIME_WORDS, CueMatch, find_cues
from .lexicon import Lexicon, load_lexicon
from .mentions import (FUNCTION_WORDS, ORG_WORDS, PRONOUNS, SPEAKER_NOUNS, before_predicate, first_person_subject,
                       np_left, np_right, participant_subject, pronoun_of, stance_subject)
from .statement_filter import load_statement_filter

__all__ = ["RuleSegmenter", "Mention", "SOURCE_VOICE_GENRES", "REFUSALS"]

SOURCE_VOICE_GENRES = frozenset({"statement", "readout", "joint_statement", "press_release"})
# why a speech cue made no statement (`RuleSegmenter.segment(doc, refused=…)`, for diagnosis)
REFUSALS = ("inside a quotation", "reporting noun after a cue", "no speaker", "no speaker (passive)",
            "framing phrase beside a cue", "nested in the previous cue's content", "content refused",
            "dropped by the statement filter", "subject cannot speak", "a noun in an official text")
# words between a subject and its cue: "Nakagome also said", "the ministry has repeatedly urged"
_SKIP_LEFT = frozenset("""also has have had will would could did does do again further later then repeatedly
reportedly previously once publicly strongly firmly sharply swiftly quickly immediately already officially
recently separately earlier on friday monday tuesday wednesday thursday saturday sunday yesterday today
not never just is are was were be been being often seldom rarely sometimes always still even now since long
himself herself itself themselves""".split())
# a determiner before a singular name, a plural quantifier before a name: what follows the name is a noun
_SINGULAR_DETERMINERS = frozenset("the a an this that".split())
_PLURAL_QUANTIFIERS = frozenset("multiple several many numerous various repeated".split())
# "attacks in the strait", "the meeting of the council": a phrase after these modifies the noun before it
_PHRASE_PREPOSITIONS = frozenset("in on at of against from across over".split())
# "spoke with B to discuss", "met in Geneva to review": the object of these does not perform the infinitive
_PURPOSE_PREPOSITIONS = frozenset({"with", "in", "at"})
# collective performers of official texts besides the speaker nouns: "both countries agreed", "the partners welcomed"
_AGENT_NOUNS = frozenset("""countries nations states sides partners participants signatories members peoples people
citizens families communities community world everyone all both each two three them us""".split())
_TELL_LIKE = frozenset("tell remind inform assure reassure brief notify advise caution warn".split())
_ADJUNCT_START = frozenset("in on at during after before late early earlier later last this yesterday today".split())
_CONJ = frozenset({"and", "but", "while", "as", "yet", ",", ";"})
# "MS. PSAKI: …", "Q: …", and "Q    …" (a question marked by spacing alone, as official transcripts do)
_TRANSCRIPT_LABEL = re.compile(
    r"^(?:((?:[A-Z][A-Z.'\u2019\-]*\s){0,5}[A-Z][A-Z.'\u2019\-]*|Q)\s*:\s+|(Q)[ \t\u00a0]{2,}(?=\S))", re.M)
# turns that are no statements (rule 10): questions, and moderators named by no name (6.3)
_QUESTION_LABELS = frozenset({"Q", "QUESTION", "REPORTER", "AUDIENCE MEMBER", "PARTICIPANT", "MODERATOR",
                              "OPERATOR"})
_INVERSION_BEFORE = frozenset(",\u201d\"'\u2019\u00bb\u300d")
_OPENERS = frozenset("\"'\u201c\u201e\u00ab\u00bb\u2039\u203a\u2018\u300c\u300e")
# a statement that narrates a call or a meeting reads like a readout ("Statement by X on Y's Call with Z")
_READOUT_TITLE = re.compile(r"\b(?:call|calls|meeting|meetings|met|meets|spoke|conversation)\s+with\b", re.I)
_FIRST_PERSON = frozenset("i me my we us our".split())
_TRIM = " \t\r\n\u00a0,;:.\u2014\u2013-"
_DASHES = frozenset({"\u2014", "\u2013", "-"})
_CLAUSE_PUNCT = frozenset({",", ";", ":", "(", ")", "\u2014", "\u2013", "-"}) | _OPENERS | frozenset("\u201d\u2019\"")
# words that open a clause: a phrase across them is no speaker ("the plan that officials said")
_CLAUSE_WORDS = frozenset("that which who whom whose when where while because if as and but or than".split())
# conjunctions and adverbs before a sentence's subject
_OPENING_WORDS = frozenset("but and so still yet then now meanwhile however instead also".split())
# quantifiers that can be a subject alone or open one: "others argue", "some say", "most delegates said"
_SUBJECT_QUANTIFIERS = frozenset("some many most others several both few none another one each".split())
# "on Thursday evening", "late Monday": a time adjunct between a subject and its cue
_TIME_ADJUNCT = frozenset("on late early last this next".split())
_MAX_SUBJECT = 8  # tokens of a subject phrase after "that"
_MAX_AS_FRAME = 16  # tokens of an "As X said on Monday," frame before its comma
_AS_FRAME_SKIP = _SKIP_LEFT | frozenset({"recently", "just", "already", "'ve", "'s"})  # "As X has just said"


def _skip_left(tokens: list[Token], j: int, lo: int) -> int:
    """Index of the last token before ``j`` (inclusive) that is no adverb, auxiliary, negation or time adjunct.

    Adverbs are lowercase "-ly" words ("Schlafly" is a name, not an adverb); "hasn't" is one token.
    """
    while j >= lo:
        tok = tokens[j]
        low = tok.lower
        if low in _SKIP_LEFT or (low.endswith("ly") and tok.text[:1].islower()) or low.endswith(("n't", "n\u2019t")):
            j -= 1
        elif low in TIME_WORDS and j - 1 >= lo:
            j -= 1  # "Sanders late Monday said", "Spicer on Thursday evening said"
            while j >= lo and (tokens[j].lower in TIME_WORDS or tokens[j].lower in _TIME_ADJUNCT):
                j -= 1
        else:
            break
    return j


@dataclass(frozen=True, slots=True)
class Mention:
    """A speaker mention found by the segmenter, before attribution resolves it to an entity."""

    span: Span
    kind: str  # "name", "pronoun", "description", "label" (transcript), "source" (document's voice)


def _trim_span(text: str, lo: int, hi: int, chars: str = _TRIM) -> tuple[int, int]:
    while lo < hi and text[lo] in chars:
        lo += 1
    while hi > lo and text[hi - 1] in chars:
        hi -= 1
    return lo, hi


def _is_name_quote(text: str, q: Quote) -> bool:
    """A quotation after "the"/"a"/"its" names something ("the “partnership treaty”"); it is no quoted speech."""
    before = text[max(0, q.open - 6):q.open].lower().split()
    return bool(before) and before[-1] in ("the", "a", "an", "its", "their", "his", "her", "our")


def _quote_type(text: str, lo: int, hi: int, quotes_inside: list[Quote]) -> str:
    quotes_inside = [q for q in quotes_inside if not (q.open > lo and _is_name_quote(text, q))]
    if not quotes_inside:
        return "indirect"
    first, last = quotes_inside[0], quotes_inside[-1]
    if first.open <= lo and last.close >= hi - 1:
        return "direct"  # the content is the inside of a quotation (or of a quotation split by its cue)
    return "mixed"


class RuleSegmenter:
    """Split a document into statements (content, cue, speaker mention, quote type).

    Parameters
    ----------
    lexicon : str or Lexicon, default "en"
        The cue lexicon: a language code or a loaded `Lexicon`.
    genre : {"auto", "news", "transcript", "statement", "readout", "joint_statement"}, default "auto"
        "auto" reads ``Document.metadata["genre"]`` and recognises transcripts
        by their speaker labels; otherwise news.
    statement_filter : "learned", None or object, default "learned"
        What drops cued statements of news that report no speech: "learned" the
        bundled filter of `stance.segment.statement_filter`, None keeps all; any
        object with ``keep(text, statements, lexicon)``.
    """

    def __init__(self, *, lexicon="en", genre="auto", statement_filter="learned"):
        self.lexicon = lexicon
        self.genre = genre
        self.statement_filter = statement_filter

    def _lexicon(self) -> Lexicon:
        return self.lexicon if isinstance(self.lexicon, Lexicon) else load_lexicon(self.lexicon)

    # -- public -------------------------------------------------------------------------------
    def segment(self, doc: Document, refused: dict[int, str] | None = None) -> list[tuple[Statement, Mention | None]]:
        """The statements of ``doc`` with their speaker mentions (speaker names are left to attribution).

        ``refused``, when given, receives for each speech cue that yields no statement its start offset and
        the reason (`REFUSALS`), for diagnosis.
        """
        lex = self._lexicon()
        text = doc.text
        paragraphs = paragraph_spans(text)
        quotes = find_quotes(text, paragraphs)
        blocks = [b for b in layout(text) if b.kind == "body"]
        genre = self.genre if self.genre != "auto" else doc.metadata.get("genre", "auto")
        if genre == "auto":
            genre = "transcript" if _looks_like_transcript(text, blocks) else "news"
        state = _State(doc, lex, quotes, news=genre == "news")
        state.refused = refused
        for block in blocks:
            if genre == "transcript" and state.start_turn(block):
                pass
            for s, e in split_sentences(text, [(block.start, block.end)], state.quotes_between(block.start, block.end)):
                if s < state.turn_body_start:
                    s = state.turn_body_start
                    if s >= e:
                        continue
                found = state.sentence(s, e, block)
                if not found:
                    if genre == "transcript":
                        state.turn_sentence(s, e)
                    elif genre in SOURCE_VOICE_GENRES:
                        state.source_sentence(s, e, genre)
                    else:
                        state.continuation(s, e, block)
        keep = load_statement_filter() if self.statement_filter == "learned" else self.statement_filter
        # the filter is trained on news; source-voice documents and transcripts follow rules 9 and 10
        if keep is not None and genre == "news":
            kept = keep.keep(text, state.out, lex)
            if refused is not None:
                held = {id(pair) for pair in kept}
                for pair in state.out:
                    if id(pair) not in held:
                        refused.setdefault(pair[0].cue_span.start, "dropped by the statement filter")
            return kept
        return state.out


_CLAUSE_BREAK = re.compile(
    r"\s+[\u2014\u2013]\s+|\s*;\s+|,\s+(?:and|but|while|whereas)\s+(?=(?:he|she|they|it|we|I|[A-Z]\w+)\s)"
    r"|,[\u201d\"\u2019']*\s+(?=(?:choosing|drawing|citing|noting|adding|according|prompting|leaving|sending|making|"
    r"giving|saying|calling|arguing|insisting|warning|urging)\b)"
    r"|:\s+(?=[\"\u201c\u2018'])")
# ", telling reporters …", ", describing it as …": a reporting participle after a comma is the writer's frame
_PARTICIPLE_BREAK = re.compile(r",[\u201d\"\u2019']*\s+(?=(\w+ing)\b)")
_ADJUNCT_WORDS = frozenset("on in at this last next early late earlier later the a of".split()) | TIME_WORDS


def _after_first_person(tokens: list[Token], k: int) -> bool:
    """Whether "we"/"I" stands among the four tokens before token ``k``'s predecessor ("We also reject the
    group's …"): the possessor of a reporting noun that a first-person act takes as its object."""
    return any(tokens[m].lower in ("we", "i") for m in range(max(0, k - 5), k - 1))


def _only_adjuncts(content: str) -> bool:
    """"on Monday", "in Jakarta", "last week": a place or a time is no content."""
    words = [w.strip(".,;:").lower() for w in content.split()]
    rest = [w for w in words if w and w not in _ADJUNCT_WORDS and not w.isdigit()]
    return len(words) <= 4 and (not rest or (words[0] in ("in", "at") and len(rest) <= 2
                                             and all(w[:1].isupper() for w in content.split()[1:])))


# the content of a reporting verb is a clause, an object or a quotation; a phrase that starts with these is an adjunct
_NOT_CONTENT_START = frozenset("by with at in during from into through via among across".split())
_FRAME_START = frozenset("in on at during via through from speaking".split())


def _is_frame(cue: CueMatch) -> bool:
    """"in a statement", "in an interview with": a phrase that says where something was said, not that it was."""
    return cue.entry.kind == "phrase" and cue.entry.lemma.split()[0].lower() in _FRAME_START


_PARTICIPLE_BEFORE = frozenset({",", "by", "after", "before", "while", "when", "and", "in", "without", "also"})
# "After meeting the envoy, she said …": a participle clause that opens the sentence
# ("In speaking about X, she said …" is a frame of the "said" statement, not a statement of its own)
_PARTICIPLE_OPENERS = frozenset({"after", "before", "while", "by", "when", "since"})
_PARTICIPLE_ADVERBS = frozenset("instead also again then not never even still thereby later".split())


def _is_participle_cue(tokens: list[Token], cue: CueMatch) -> bool:
    """"…, adding that …", "by calling for …", "after saying …": a participle whose subject is the
    sentence's."""
    if not tokens[cue.first].lower.endswith("ing"):
        return False
    k = cue.first - 1
    while k >= 0 and (tokens[k].lower in _PARTICIPLE_ADVERBS
                      or (tokens[k].lower.endswith("ly") and tokens[k].text.isalpha() and tokens[k].text.islower())):
        k -= 1  # "…, instead calling for …", "after accidentally posting …"
    if k >= 1 and tokens[k].text in _QUOTE_CLOSERS and tokens[k - 1].text == ",":
        k -= 1  # 'said on the program “Morning Hour,” adding, “…”'
    return k < 0 or tokens[k].lower in _PARTICIPLE_BEFORE


def _is_setting(content: str) -> bool:
    """"in an interview later", "at a rally in Ohio", "during the debate": a phrase that says where or when
    words were said, with no clause of its own."""
    words = content.split()
    return (len(words) <= 8 and words[0].lower() in _NOT_CONTENT_START and not _has_clause(content)
            and not any(w.lower() in ("that", "to", "whether", "if") for w in words))


def _has_clause(content: str) -> bool:
    """Whether a phrase holds reported words after all: a quotation or a "that"-clause."""
    return " that " in content or any(c in _OPENERS for c in content)


def _new_clause(text: str, span: tuple[int, int]) -> bool:
    """Whether ``span`` opens with a conjunction and a clause of its own ("and talks could fail"), not a
    coordinated phrase ("but also drugs", "and not only in May")."""
    words = text[span[0]:min(span[1], span[0] + 40)].lower().split()[:2]
    return len(words) == 2 and words[0] in ("and", "but", "while", "although", "though", "whereas") \
        and words[1] not in ("also", "not", "only", "even", "then", "still")


def _has_words(text: str, span: tuple[int, int], n: int) -> bool:
    """Whether ``span`` holds at least ``n`` words besides a leading "that" (an empty outer clause does not)."""
    words = text[span[0]:span[1]].split()
    if words and words[0].lower() == "that":
        words = words[1:]
    return sum(any(c.isalnum() for c in w) for w in words) >= n


def _looks_like_transcript(text, blocks) -> bool:
    labels = set()
    for b in blocks:
        m = _TRANSCRIPT_LABEL.match(text, b.start, b.end)
        if m:
            labels.add(m.group(1) or m.group(2))
    return len(labels) >= 2


class _State:
    """What one pass over a document keeps: output, the last speaker, the current transcript turn."""

    def __init__(self, doc: Document, lex: Lexicon, quotes: list[Quote], news: bool = True):
        self.doc, self.text, self.lex = doc, doc.text, lex
        self.news = news  # in a source's own voice, a sentence with no cue of its own is the source's
        self.quotes = quotes
        self.quote_starts = [q.open for q in quotes]
        self.out: list[tuple[Statement, Mention | None]] = []
        # the last statement, its mention and the start of its sentence: cue-less quotations continue it
        self.last_direct: tuple[Statement, Mention | None, int] | None = None
        self.sentence_start = 0
        self.turn: tuple[Span, Span] | None = None  # (speaker name span, label span)
        self.turn_first = True
        self.turn_body_start = 0
        # "Ruiz said:" ending a sentence: (cue, mention, end of that sentence) for the sentence after it
        self.announced: tuple[Span, Mention, int] | None = None
        self.refused: dict[int, str] | None = None  # cue start -> why it made no statement (diagnosis only)

    # -- helpers ------------------------------------------------------------------------------
    def quotes_between(self, lo: int, hi: int) -> list[Quote]:
        k = bisect.bisect_left(self.quote_starts, lo)
        out = []
        while k < len(self.quotes) and self.quotes[k].open < hi:
            out.append(self.quotes[k])
            k += 1
        return out

    def emit(self, content: tuple[int, int], cue: Span | None, mention: Mention | None, quote_type: str | None = None,
             split: bool = True):
        lo, hi = content
        if hi <= lo:
            return
        inside = self.quotes_between(lo, hi)
        qt = quote_type or _quote_type(self.text, lo, hi, inside)
        pieces = [(lo, hi)]
        if split and qt == "direct":
            pieces = split_inside(self.text, lo, hi) or pieces
        for a, b in pieces:
            a, b = _trim_span(self.text, a, b, " \t\r\n\u00a0")
            if b > a:
                st = Statement(doc_id=self.doc.id, content_span=Span(a, b),
                               speaker_span=mention.span if mention else None, cue_span=cue, quote_type=qt)
                self.out.append((st, mention))

    def mention(self, tokens: list[Token], rng: tuple[int, int] | None) -> Mention | None:
        if rng is None:
            return None
        first, last = rng
        span = Span(tokens[first].start, tokens[last - 1].end)
        if last - first == 1 and tokens[first].lower in PRONOUNS:
            kind = "pronoun"
        elif tokens[last - 1].text[:1].isupper():
            kind = "name"
        else:
            kind = "description"
        return Mention(span, kind)

    def quote_at(self, pos: int) -> Quote | None:
        """The quotation whose marks enclose ``pos`` (the outer character of a doubled mark '' included)."""
        k = bisect.bisect_right(self.quote_starts, pos + 1) - 1
        if k < 0:
            return None
        q = self.quotes[k]
        lo = q.open - 1 if q.mark == "''" else q.open
        hi = q.close + 1 if q.mark == "''" else q.close
        return q if lo <= pos <= hi else None

    # -- one sentence -------------------------------------------------------------------------
    def _refuse(self, tokens: list[Token], cues, reason: str) -> None:
        if self.refused is not None:
            if reason not in REFUSALS:
                raise ValueError(f"refusal reason {reason!r} is not one of REFUSALS")
            for c in cues:
                self.refused.setdefault(tokens[c.first].start, reason)

    def sentence(self, s: int, e: int, block) -> bool:
        """Statements from the cues of sentence ``[s, e)``; False when it has none."""
        text, lex = self.text, self.lex
        self.sentence_start = s
        tokens = tokenize(text, s, e)
        cues = [c for c in find_cues(tokens, lex) if c.entry.speech]
        if self.announced is None and self._as_reported(tokens, cues, e):
            return True
        self._refuse(tokens, [c for c in cues if self._inside_quote(tokens, c)], "inside a quotation")
        cues = [c for c in cues if not self._inside_quote(tokens, c)]
        cues += self._colon_cues(tokens, cues)
        if cues and cues[0].possessor is None:
            # "cannot approve of the envoy's protest about …": a reporting noun inside another statement is its topic
            self._refuse(tokens, [c for c in cues[1:] if c.possessor is not None], "reporting noun after a cue")
            cues = [cues[0]] + [c for c in cues[1:] if c.possessor is None]
        if not self.news:
            # "We reject the group's demand that …": in an issuer's own voice, a reporting noun that its own act
            # takes as object is that act's topic (ANNOTATION.md 3.1), and the sentence is the issuer's (rule 9)
            topics = [c for c in cues if c.possessor is not None and _after_first_person(tokens, c.possessor[0])]
            self._refuse(tokens, topics, "reporting noun after a cue")
            cues = [c for c in cues if c not in topics]
        cues.sort(key=lambda c: c.first)
        viable: list[CueMatch] = []
        for cue in cues:  # a cue with no speaker anywhere ("talks would continue") must not cut its neighbours
            if not self.news and self._noun_reading(tokens, cue):
                self._refuse(tokens, [cue], "a noun in an official text")
            elif not self.news and self._mute_subject(tokens, cue, viable[-1] if viable else None):
                self._refuse(tokens, [cue], "subject cannot speak")
            elif self._viable(tokens, cue, viable[-1] if viable else None):
                viable.append(cue)
            else:
                self._refuse(tokens, [cue], "no speaker (passive)" if cue.passive else "no speaker")
        if len(viable) > 1:  # "said in a statement": a framing phrase only frames the verb's statement
            self._refuse(tokens, [c for c in viable if _is_frame(c)] if any(not _is_frame(c) for c in viable)
                         else [], "framing phrase beside a cue")
            viable = [c for c in viable if not _is_frame(c)] or viable
        nested = [c for n, c in enumerate(viable) if n and self._nested(tokens, viable[n - 1], c)]
        self._refuse(tokens, nested, "nested in the previous cue's content")
        cues = [c for c in viable if c not in nested]
        announced, self.announced = self.announced, None
        found = False
        for n, cue in enumerate(cues):
            nxt = cues[n + 1] if n + 1 < len(cues) else None
            prev = cues[n - 1] if n else None
            if self._statement(tokens, s, e, cue, prev, nxt, block):
                found = True
            elif self.announced is None or self.announced[0].start != tokens[cue.first].start:
                self._refuse(tokens, [cue], "content refused")
        if announced is not None:
            if not found and self._announced_content(s, e, announced):
                return True
            if self.refused is not None:  # this sentence has statements of its own
                self.refused.setdefault(announced[0].start, "content refused")
        return found

    def _as_reported(self, tokens: list[Token], cues: list[CueMatch], e: int) -> bool:
        """"As X said, P", "As you heard (from) X (say), P": P is X's statement alone (ANNOTATION.md 3.1, 6.1,
        6.3), also inside a quotation or a briefer's turn, and even when P reports an act of its own."""
        i = 0
        while i < len(tokens) and tokens[i].text in _OPENERS:
            i += 1
        if i >= len(tokens) or tokens[i].lower != "as":
            return False
        comma = next((k for k in range(i + 1, min(len(tokens), i + _MAX_AS_FRAME)) if tokens[k].text == ","), None)
        if comma is None:
            return False
        j = i + 1
        heard = tokens[j].lower == "you" and j + 2 < comma and tokens[j + 1].lower in ("heard", "have", "'ve")
        if heard:  # "As you (have) heard (from) the President (say)"
            j += 2 if tokens[j + 1].lower == "heard" else 3
            if j < comma and tokens[j].lower == "from":
                j += 1
        cue = next((c for c in cues if j < c.first < comma and c.last <= comma and c.possessor is None), None)
        end = cue.first if cue is not None else (comma if heard else None)
        if end is None:
            return False
        while end > j and tokens[end - 1].lower in _AS_FRAME_SKIP:
            end -= 1
        if not j < end <= j + _MAX_SUBJECT or any(t.text in _CLAUSE_PUNCT or t.lower in _CLAUSE_WORDS
                                                  for t in tokens[j:end]):
            return False
        if not heard and (tokens[j].lower in ("it", "you") or tokens[j].lower in _FIRST_PERSON
                          or not self._can_speak(_head(tokens, (j, end)))):
            return False  # "As it said", "As the plan calls for": no speaker named; "As we said": one's own framing
        lo = tokens[comma].end
        q = self.quote_at(tokens[i].start) if i else self.quote_at(lo)
        direct = q is not None and q.open < lo and (not q.closed or q.close > lo)
        hi = min(e, q.close) if direct and q.closed else e
        cue_span = Span(tokens[cue.first].start, tokens[cue.last - 1].end) if cue is not None else None
        content = _trim_span(self.text, lo, hi, " \t\r\n\u00a0" if direct else _TRIM)
        if content[1] - content[0] < 2:
            return False
        pieces = split_inside(self.text, *content) if direct else []
        if len(pieces) > 1:  # '"As X said, P. Q."': Q is the quotation's own speaker's again (rule 2)
            content = (content[0], pieces[0][1])
        self.emit(content, cue_span, self.mention(tokens, (j, end)), "direct" if direct else "indirect",
                  split=False)
        if len(pieces) > 1:
            # the quotation's speaker: the last quoting statement's, or the last named one's when that is an
            # inner "we" ('"… We will not accept it. As X said, P. Q."')
            named = self.last_direct[1] if self.last_direct is not None else None
            if named is not None and named.kind == "pronoun":
                named = next((m for st, m in reversed(self.out[:-1])
                              if st.quote_type == "direct" and m is not None and m.kind != "pronoun"), named)
            if named is not None:
                self.emit((pieces[1][0], pieces[-1][1]), None, named, "direct")
        return True

    def _announced_content(self, s: int, e: int, announced: tuple[Span, Mention, int]) -> bool:
        """The sentence after "Ruiz said:" (or "Ruiz argued that:") is its content: the quotation that opens
        it, else the whole sentence (rule 3, a cue before its content).  Only when it makes no statement of
        its own and starts within 400 characters of the cue's sentence (a paragraph break, not a page)."""
        cue_span, mention, end = announced
        if s - end > 400:
            return False
        q = self.quote_at(s)
        if q is not None and q.closed and q.open in (s, s + 1) and q.close <= e:
            return self._emit_content((q.open + 1, q.close), cue_span, mention, direct=True)
        return self._emit_content(_trim_span(self.text, s, e, " \t\r\n\u00a0"), cue_span, mention)

    def _viable(self, tokens: list[Token], cue: CueMatch, prev: CueMatch | None) -> bool:
        """Whether the cue has a speaker to attach to (the checks of `_statement`, without emitting)."""
        titles, n = self.lex.titles, len(tokens)
        if cue.possessor is not None:
            return True
        if cue.entry.speaker == "after":
            return self._source_after(tokens, cue.last) is not None
        if cue.passive:
            return (cue.last < n and tokens[cue.last].lower == "by"
                    and np_right(tokens, cue.last + 1, n, titles) is not None)
        if self._subject(tokens, cue, prev.last if prev else 0) is not None:
            return True
        if prev is not None and _shares_subject(tokens, prev, cue):
            return True
        if _is_participle_cue(tokens, cue) or (self.news and _after_conjunction(tokens, cue)):
            return prev is not None or self._sentence_subject(tokens, cue) is not None
        if cue.first == 0 or tokens[cue.first - 1].text in _INVERSION_BEFORE:
            return (np_right(tokens, cue.last, n, titles) or _plain_phrase_right(tokens, cue.last)) is not None
        return False

    @staticmethod
    def _noun_reading(tokens: list[Token], cue: CueMatch) -> bool:
        """Whether, in an official text, a verb form reads as a noun after a name that modifies it: "Freedonian
        attacks against ships", "the U.S. demand for …", "several UN calls for …".  Nouns of conduct, and
        reporting nouns without a possessor, are no statements (ANNOTATION.md 6.1, reporting nouns)."""
        i, form, entry = cue.first, tokens[cue.first].lower, cue.entry
        if cue.possessor is not None or cue.passive or entry.speaker == "after" or i == 0 \
                or not tokens[i - 1].text[:1].isupper() or tokens[i - 1].lower in FUNCTION_WORDS:
            return False
        plural = form.endswith("s") and form != entry.lemma and form != "says"
        if plural and cue.last < len(tokens) and tokens[cue.last].lower == "against" \
                and "against" not in entry.particles:
            return True  # no reporting verb takes "against" without listing it as its particle
        k = i - 1
        while k > 0 and (tokens[k - 1].text[:1].isupper() or tokens[k - 1].text in (".", "-")):
            k -= 1  # to the start of the name: "the U.S.", "several UN"
        opener = tokens[k - 1].lower if k > 0 else ""
        if k >= 2 and tokens[k - 2].lower in ("and", "or", "nor", "&"):
            return False  # "A and the European Commission condemn": a coordinated subject
        singular_name = not tokens[i - 1].lower.endswith("s")
        if form == entry.lemma and singular_name and (k == 0 or opener in _SINGULAR_DETERMINERS):
            return True  # "the U.S. demand", "U.S. support for …": a singular name takes the -s form as its verb
        return plural and opener in _PLURAL_QUANTIFIERS  # "several UN calls": no subject for an -s verb

    def _mute_subject(self, tokens: list[Token], cue: CueMatch, prev: CueMatch | None) -> bool:
        """Whether, in an official text, the verb's subject is a thing that cannot speak ("The meeting
        underscored …", "rising seas threaten …", "The reported sentence"): the sentence is the issuer's
        narration (ANNOTATION.md rule 9, 6.2: only a named performer takes a sentence from its issuer)."""
        if cue.possessor is not None or cue.entry.speaker == "after" or cue.passive:
            return False
        rng = self._subject(tokens, cue, prev.last if prev else 0)
        if rng is None or any(t.lower not in _SKIP_LEFT for t in tokens[rng[1]:cue.first]) \
                or (rng[0] > 0 and tokens[rng[0] - 1].lower in ("and", "or")):
            return False  # only the verb's own subject, not a coordinated one ("A and their teams agreed")
        head = _head(tokens, rng)
        if rng[1] - rng[0] == 1 and head.lower in DETERMINERS:
            return True  # "The reported verdict": a participle after an article
        if rng[0] >= 2 and tokens[rng[0] - 1].lower in _PHRASE_PREPOSITIONS and tokens[rng[0] - 2].text.isalpha():
            head = tokens[rng[0] - 2]  # "attacks in the strait have continued": the noun the place modifies
        # the head of each coordinated part: "The two leaders and their teams agreed" has a speaking part
        heads = [head] + [tokens[k - 1] for k in range(rng[0] + 1, rng[1]) if tokens[k].lower in ("and", "or")]
        return not any(self._can_speak(h) for h in heads)

    def _can_speak(self, head: Token) -> bool:
        """Whether the head of a subject can perform a speech act: a name, a pronoun, a speaker, organisation
        or collective noun, a title."""
        word = head.lower.removesuffix("\u2019s").removesuffix("'s")
        return (head.text[:1].isupper() or word in PRONOUNS or word in SPEAKER_NOUNS or word in ORG_WORDS
                or word in _AGENT_NOUNS or word in self.lex.titles or word in ("who", "which", "that"))

    def _nested(self, tokens: list[Token], outer: CueMatch, cue: CueMatch) -> bool:
        """Whether ``cue`` is reported inside the content of ``outer`` rather than a statement of its own:
        "said states like California and Colorado will clarify it" is one statement.  Its subject starts
        within the outer content, after at least one of its words, with no clause break in between.  (When
        the subject opens the outer content, "said Russia demanded …", the inner speaker's statement stands
        and the outer one has no content: rule 4, the innermost speaker.)"""
        if outer.entry.speaker == "after" or outer.possessor is not None or cue.possessor is not None \
                or cue.entry.speaker == "after" or _is_frame(outer) or _is_frame(cue):
            return False
        k = outer.last + (1 if outer.last < len(tokens) and tokens[outer.last].lower == "that" else 0)
        if cue.first > k and (cue.passive or _bare_participle(tokens, cue)):
            # "said the Iranians released by the United States were …", "said voters passing by were …"
            return not any(t.lower in _CONJ or t.lower in _CLAUSE_WORDS or t.text in _CLAUSE_PUNCT
                           for t in tokens[k:cue.first])
        rng = self._subject(tokens, cue, outer.last)
        if rng is None:
            return False
        between = tokens[k:rng[0]]
        if not between:  # "said the budget would pass": a thing that cannot speak leaves the content whole
            head = tokens[rng[1] - 1]
            if rng[1] - rng[0] == 1 and head.lower in PRONOUNS:
                return True  # "said it would not attend": the pronoun is mostly the speaker itself; one statement
            return not (head.text[:1].isupper() or head.lower in SPEAKER_NOUNS or head.lower in self.lex.titles)
        return (all(t.text.isalnum() or t.text in ("'", "\u2019", "-") for t in between)
                and not any(t.lower in _CONJ or t.lower in _CLAUSE_WORDS for t in between))

    def _source_after(self, tokens: list[Token], i: int) -> tuple[int, int] | None:
        """The source after "according to": a speaker phrase, else any noun phrase ("exit polls", "the
        report"), whose words end at punctuation or a clause word (rule 5: X sources the report)."""
        rng = np_right(tokens, i, len(tokens), self.lex.titles)
        if rng is not None:
            return rng
        k = i
        while k < len(tokens) and k - i < 6 and tokens[k].text.isalpha() and tokens[k].lower not in _CLAUSE_WORDS \
                and tokens[k].lower not in _NOT_CONTENT_START and tokens[k].lower not in ("for", "of", "to", "on"):
            k += 1
        while k > i and tokens[k - 1].lower in DETERMINERS:
            k -= 1
        return (i, k) if k > i and tokens[k - 1].lower not in DETERMINERS else None

    def _sentence_subject(self, tokens: list[Token], cue: CueMatch) -> tuple[int, int] | None:
        """The speaker phrase that opens the sentence (after a fronted adverbial clause ending in a comma);
        for a participle that opens the sentence ("Insisting …, Ruiz told …", "After meeting …, she said …"),
        the one after its clause."""
        f = 0
        while f < cue.first and (tokens[f].lower in _OPENING_WORDS or tokens[f].text == ","):
            f += 1  # "Yet by calling for …, Silva …", "And after meeting …, she …"
        if tokens[cue.first].lower.endswith("ing") and (cue.first == f or cue.first == f + 1
                                                         and tokens[f].lower in _PARTICIPLE_OPENERS):
            comma = next((k for k in range(cue.last, min(len(tokens), cue.last + 30)) if tokens[k].text == ","), None)
            rng = np_right(tokens, comma + 1, len(tokens), self.lex.titles) if comma is not None else None
            rng = before_predicate(tokens, rng) if rng else None  # "By calling for …, Ruiz angered the party"
            return rng if rng and (tokens[rng[1] - 1].text[:1].isupper() or tokens[rng[0]].lower in PRONOUNS
                                   or tokens[rng[1] - 1].lower in SPEAKER_NOUNS) else None
        first = 0
        while first < cue.first and (tokens[first].lower in _OPENING_WORDS or tokens[first].text == ","):
            first += 1  # "But Mr. Sanders showed …", "Still, Cruz …"
        starts = [first] + [i + 1 for i in range(first, min(cue.first, 25)) if tokens[i].text == ","][:2]
        for k in starts:
            if k >= cue.first:
                break
            rng = np_right(tokens, k, cue.first, self.lex.titles)
            if rng is not None and rng[1] < cue.first and (tokens[rng[1] - 1].text[:1].isupper()
                                                          or tokens[rng[0]].lower in PRONOUNS
                                                          or tokens[rng[1] - 1].lower in SPEAKER_NOUNS):
                return rng
        return None

    def _inside_quote(self, tokens: list[Token], cue: CueMatch) -> bool:
        """Whether the cue is quoted speech itself (an unclosed quotation is not trusted to tell)."""
        q = self.quote_at(tokens[cue.first].start)
        return q is not None and q.closed and q.open < tokens[cue.first].start < q.close

    def _colon_cues(self, tokens, cues) -> list[CueMatch]:
        """``Nakagome: "…"`` — a colon between a speaker and a quotation is a cue."""
        from .lexicon import CueEntry

        out = []
        if not tokens or self.text.find(":", tokens[0].start, tokens[-1].end) < 0:
            return out  # no colon in the sentence (most sentences)
        taken = {i for c in cues for i in range(c.first, c.last)}
        for i, tok in enumerate(tokens):
            if tok.text == ":" and i not in taken and i + 1 < len(tokens) and tokens[i + 1].text in _OPENERS:
                if np_left(tokens, i - 1, 0, self.lex.titles):
                    out.append(CueMatch(i, i + 1, CueEntry(":", "phrase", "neutral")))
        return out

    def _subject(self, tokens: list[Token], cue: CueMatch, lo: int) -> tuple[int, int] | None:
        """The speaker phrase left of the cue, skipping adverbs, auxiliaries and an appositive."""
        titles = self.lex.titles
        j = _skip_left(tokens, cue.first - 1, lo)
        if j < lo:
            return None
        if tokens[j].text == ")":
            j = _skip_parenthesis(tokens, j, lo, own=True)  # "Rep. Ana Ruiz (D-Md.) said"
        if tokens[j].text in _DASHES:
            j = _skip_dashes(tokens, j, lo)  # "Gingrich — a former speaker — told"
        if tokens[j].lower in ("who", "which", "that") and j - 1 >= lo:
            # "Sanders, who accused …": the relative pronoun's antecedent speaks
            k = j - 1 if tokens[j - 1].text != "," else j - 2
            rng = np_left(tokens, _skip_parenthesis(tokens, k, lo, own=True), lo, titles) if k >= lo else None
            if rng and (tokens[rng[1] - 1].text[:1].isupper() or tokens[rng[1] - 1].lower in SPEAKER_NOUNS):
                return rng
            if tokens[j].lower == "who" and self._has_subject_verb_form(tokens, j, cue):
                return (j, j + 1)  # "… the crowds who had warned": "who" speaks, whoever the text names
            return None
        if tokens[j].text == ",":
            # appositives: "X, director of Y, said", "X, meanwhile, who leads Y, said" — the phrase before
            # one of the previous commas (at most three segments back)
            named = _appositive_name(tokens, j, lo, titles)
            if named is not None:
                return named  # "Malawi's health minister, Ana Ruiz, said": the name, not the description
            k = j
            for _ in range(3):
                k -= 1
                while k >= lo and tokens[k].text != "," and j - k < 40:
                    k -= 1
                if k < lo or tokens[k].text != ",":
                    return None
                rng = np_left(tokens, _skip_parenthesis(tokens, k - 1, lo, own=True), lo, titles)
                head = _head(tokens, rng) if rng else None
                if rng and (head.text[:1].isupper() or tokens[rng[0]].lower in PRONOUNS
                            or head.lower in SPEAKER_NOUNS or head.lower in titles):
                    return rng  # "Ana Ruiz, …, said", "A campaign adviser, who …, said"
                name = np_left(tokens, j - 1, k + 1, titles)
                if name and name[0] == k + 1 and all(t.text[:1].isupper() or t.text == "." for t in tokens[k + 1:j]):
                    return name  # "the union's president, Ana Ruiz, said": the name between the commas
            return None
        rng = np_left(tokens, j, lo, titles)
        if rng is None and lo == 0:
            rng = self._after_complementizer(tokens, j)
        share = self._share_subject(tokens, j, lo)
        if share is not None and (rng is None or share[0] < rng[0]):
            return share  # "58 percent of rural voters said": the share, not "voters"
        if rng is not None and rng[0] > lo and tokens[rng[0] - 1].lower in ("to", "with"):
            # "a source close to the mayor said", "officials familiar with the talks said": not the mayor
            return self._modified_subject(tokens, j, lo) or rng
        if rng is None and tokens[j].lower == "to":
            return self._infinitive_subject(tokens, j, lo)
        if rng is None and j == cue.first - 1 and tokens[cue.first].lower.endswith("ing") \
                and tokens[j].text.isalpha() and tokens[j].text.islower() and tokens[j].lower not in FUNCTION_WORDS:
            return self._governing_subject(tokens, cue.first, lo)  # "Ruiz kept asking", "she began telling"
        return (rng or self._modified_subject(tokens, j, lo) or self._clause_subject(tokens, j, lo)
                or _phrase_after_quote(tokens, j, lo))

    def _after_complementizer(self, tokens: list[Token], j: int) -> tuple[int, int] | None:
        """The subject of a clause opened by "that" with no reporting cue before it: "Now that Ana Ruiz has
        claimed …", "the plan that Ruiz has backed for years".  (After a cue, "said that Lima demanded …" is
        nested attribution, which `_nested` decides.)"""
        k = j
        while k > 0 and j - k < _MAX_SUBJECT and tokens[k - 1].lower != "that":
            k -= 1
        if k == 0 or tokens[k - 1].lower != "that":
            return None
        rng = np_left(tokens, j, k, self.lex.titles)
        return rng if rng is not None and rng[0] == k and (
            tokens[rng[1] - 1].text[:1].isupper() or tokens[rng[0]].lower in PRONOUNS) else None

    def _share_subject(self, tokens: list[Token], j: int, lo: int) -> tuple[int, int] | None:
        """A share of a poll's respondents that opens its clause: "42 percent said", "about one in five say",
        "58 percent of rural voters overall said", "30% describe themselves as …".  The respondents speak."""
        k = j
        while k > lo and j - k < 10 and (tokens[k - 1].text.isalnum() or tokens[k - 1].text == "%") \
                and tokens[k - 1].lower not in _CLAUSE_WORDS and tokens[k - 1].lower not in self.lex.verbs:
            k -= 1
        for m in range(k, j + 1):  # the share: a number and "percent", or "one in five"
            word = tokens[m].lower
            if m > k and _is_number(tokens[m - 1]) and (word in ("percent", "%") or (
                    word == "in" and m + 1 <= j and _is_number(tokens[m + 1]))):
                break
        else:
            return None
        first = m - 1
        end = m + 1 if word != "in" else m + 2
        if end <= j and not (tokens[end].lower == "of" and all(
                t.text[:1].isalpha() and t.lower not in FUNCTION_WORDS for t in tokens[end + 1:j + 1])):
            return None  # "42 percent of the vote went …" is no speaker; "58 percent of rural voters" is
        q = first
        while q > lo and first - q < 3 and tokens[q - 1].lower in _SHARE_QUALIFIERS:
            q -= 1  # "about", "nearly", "more than"
        opens = q == lo or tokens[q - 1].text in _CLAUSE_PUNCT or tokens[q - 1].lower in _CLAUSE_WORDS \
            or tokens[q - 1].lower in _OPENING_WORDS
        return (first, j + 1) if opens else None

    def _infinitive_subject(self, tokens: list[Token], to: int, lo: int) -> tuple[int, int] | None:
        """The speaker of a reporting verb in the infinitive: the noun phrase right before "to" ("asked the
        mayor to explain", "the first governor to endorse"), else the subject of the verb that governs it
        ("Ruiz tried to explain", "Ana Silva was quick to point out")."""
        titles = self.lex.titles
        rng = np_left(tokens, to - 1, lo, titles) if to - 1 >= lo else None
        # the preposition before the phrase, or inside it after a verb ("spoke today with B"), not inside a name
        # ("the Embassy in Moscow")
        p = None if rng is None else next((m for m in range(max(lo, rng[0] - 1), rng[1])
                                           if tokens[m].lower in _PURPOSE_PREPOSITIONS
                                           and (m < rng[0] or tokens[m - 1].text.islower())), None)
        if p is not None:
            # "A spoke with B to discuss …", "met in Washington to review …": a partner or a place does not act;
            # the infinitive states the purpose of the subject that opens the clause (ANNOTATION.md 3.1)
            f = lo
            while f < p and (tokens[f].lower in _OPENING_WORDS or tokens[f].text == ","):
                f += 1
            subject = np_right(tokens, f, p, titles)
            subject = before_predicate(tokens, subject) if subject else None
            return subject if subject and subject[1] < p and tokens[subject[1] - 1].lower not in DETERMINERS \
                else None
        if rng is not None:
            return rng
        return self._governing_subject(tokens, to, lo)

    def _governing_subject(self, tokens: list[Token], at: int, lo: int) -> tuple[int, int] | None:
        """The subject of the verb that governs the word at ``at`` (an infinitive's "to", or a reporting verb's
        -ing form: "Ruiz kept asking", "Silva began telling")."""
        titles = self.lex.titles
        k = at - 1
        while k >= lo and at - k <= 3 and tokens[k].text.isalpha() and tokens[k].text.islower() \
                and tokens[k].lower not in FUNCTION_WORDS - _SKIP_LEFT and tokens[k].lower not in _CLAUSE_WORDS:
            k -= 1  # the governing verb ("tried", "was quick", "needs")
        if k == at - 1 or k < lo:
            return None
        j = _skip_left(tokens, k, lo)
        rng = np_left(tokens, j, lo, titles) if j >= lo else None
        return rng if rng and (tokens[rng[1] - 1].text[:1].isupper() or tokens[rng[0]].lower in PRONOUNS
                               or tokens[rng[1] - 1].lower in SPEAKER_NOUNS) else None

    @staticmethod
    def _has_subject_verb_form(tokens: list[Token], who: int, cue: CueMatch) -> bool:
        """Whether only adverbs and auxiliaries stand between "who" and the cue ("who has repeatedly said")."""
        return all(t.lower in _SKIP_LEFT or t.lower.endswith("ly") for t in tokens[who + 1:cue.first])

    def _clause_subject(self, tokens: list[Token], j: int, lo: int) -> tuple[int, int] | None:
        """A plain noun phrase that opens its clause right before the cue: "election monitors say",
        "others argue", "some delegates have warned".  Only nouns and modifiers, at most five words, after
        the sentence start, a comma or a clause word; the cue has already been judged a reporting verb."""
        if j < lo or not tokens[j].text.isalpha() or tokens[j].lower in FUNCTION_WORDS - _SUBJECT_QUANTIFIERS \
                or tokens[j].lower in self.lex.verbs or tokens[j].lower not in _SUBJECT_QUANTIFIERS and (
                    not tokens[j].lower.endswith("s") or tokens[j].lower.endswith(("ss", "ics", "ous", "news"))):
            return None  # a quantifier or a plural head: people, not "the economy", "politics"
        k = j
        while k > lo and j - k < 5 and tokens[k - 1].text.isalpha() and tokens[k - 1].lower not in _CLAUSE_WORDS \
                and tokens[k - 1].lower not in _OPENING_WORDS \
                and tokens[k - 1].lower not in self.lex.verbs and (tokens[k - 1].lower not in FUNCTION_WORDS
                                                                    or tokens[k - 1].lower in _SUBJECT_QUANTIFIERS):
            k -= 1
        opens = k == lo or tokens[k - 1].text in _CLAUSE_PUNCT or tokens[k - 1].lower in _CLAUSE_WORDS \
            or tokens[k - 1].lower in _OPENING_WORDS
        return (k, j + 1) if opens and j - k < 5 else None

    def _modified_subject(self, tokens: list[Token], j: int, lo: int) -> tuple[int, int] | None:
        """A speaker phrase with a post-modifier or a possessor that `np_left` does not take whole:
        "a source close to him said", "Donald Trump's campaign manager says".

        It must open its clause (the sentence start or a comma) at most eight tokens before the cue.
        """
        k = j
        while k > lo and j - k < 8 and tokens[k - 1].text not in _CLAUSE_PUNCT:
            k -= 1
        if j - k >= 8 or (k > lo and tokens[k - 1].text not in _CLAUSE_PUNCT):
            return None
        rng = np_right(tokens, k, j + 1, self.lex.titles)
        if rng is None or rng[1] > j + 1 or any(t.lower in self.lex.verbs or t.lower in _CLAUSE_WORDS
                                                for t in tokens[rng[1]:j + 1]):
            return None
        rest = tokens[rng[1]:j + 1]
        if len(rest) <= 2 and all(t.text.isalpha() and t.text.islower() and t.lower not in FUNCTION_WORDS
                                  and t.lower not in PRONOUNS for t in rest):
            return (rng[0], j + 1)  # "Donald Trump's campaign manager", "the party's finance chief"
        head = tokens[rng[1] - 1].lower
        return rng if head in SPEAKER_NOUNS or head in self.lex.titles else None

    def _statement(self, tokens, s, e, cue: CueMatch, prev, nxt, block) -> bool:
        text, titles = self.text, self.lex.titles
        lo_tok = prev.last if prev else 0
        cue_span = Span(tokens[cue.first].start, tokens[cue.last - 1].end)
        entry = cue.entry
        after_lo = tokens[cue.last].start if cue.last < len(tokens) else e
        # where this cue's content may run to: the next cue's clause
        hi = e
        if nxt is not None:
            hi = self._clause_end(tokens, cue, nxt, s)
        mention = None
        content = None
        if cue.possessor is not None:
            mention = self.mention(tokens, cue.possessor)
            if cue.possessor[0] > cue.first:  # "warnings from experts about Zika": the content follows the agent
                k = cue.possessor[1]
                if k < len(tokens) and tokens[k].lower in cue.entry.particles:
                    k += 1
                if k >= len(tokens):
                    return False
                after_lo = tokens[k].start
        elif entry.speaker == "after":  # "according to X"
            rng = self._source_after(tokens, cue.last)
            if rng is None:
                return False
            mention = self.mention(tokens, rng)
            x_end = tokens[rng[1] - 1].end
            before = _trim_span(text, tokens[lo_tok].start if prev else s, cue_span.start)
            if before[1] - before[0] > 3:
                content = before
            else:
                content = _trim_span(text, x_end, hi)
            return self._emit_content(content, cue_span, mention)
        elif cue.passive:
            # "was criticised by X": the agent speaks; otherwise the subject is the addressee, skip
            if cue.last < len(tokens) and tokens[cue.last].lower == "by":
                rng = np_right(tokens, cue.last + 1, len(tokens), titles)
                if rng:
                    mention = self.mention(tokens, rng)
                    content = _trim_span(text, s, tokens[cue.first - 1].start)
                    return self._emit_content(content, cue_span, mention)
            return False
        else:
            rng = self._subject(tokens, cue, lo_tok)
            if rng is None and prev is not None and self.out and self.out[-1][0].cue_span is not None \
                    and _shares_subject(tokens, prev, cue):
                mention = self.out[-1][1]  # "X said … and reiterated …": the same speaker
            elif rng is None and _is_participle_cue(tokens, cue) and self.out \
                    and self.out[-1][0].content_span.start >= s and self.out[-1][1] is not None:
                mention = self.out[-1][1]  # "…, adding that …": the speaker of this sentence's statement
            elif rng is None and (_is_participle_cue(tokens, cue) or (self.news and _after_conjunction(tokens, cue))) \
                    and self._sentence_subject(tokens, cue):
                # "Trump joined the debate, announcing that …": the subject of the sentence speaks
                mention = self.mention(tokens, self._sentence_subject(tokens, cue))
            elif rng is not None:
                mention = self.mention(tokens, rng)
                if (self.turn is not None and mention.kind == "pronoun"
                        and pronoun_of(tokens[rng[0]].lower) in ("i", "we")):
                    return False  # "We condemn …" in a transcript turn: the turn's speaker, rule 10
            if mention is None:
                # inverted: "…," said Nakagome / "…," said the ministry
                if cue.first > 0 and tokens[cue.first - 1].text not in _INVERSION_BEFORE:
                    return False
                rng = np_right(tokens, cue.last, len(tokens), titles) or _plain_phrase_right(tokens, cue.last)
                if rng is None:
                    return False
                mention = self.mention(tokens, rng)
                # '"…," said X, a former governor': what follows X describes X; the content is before
                after_lo = e
                if all(t.lower in _OPENING_WORDS or t.text == "," for t in tokens[:cue.first]):
                    # 'Said X, “…”', 'But, said X, “…”': a sentence that opens with the inverted cue has its
                    # quotation after it
                    q = next((q for q in self.quotes_between(mention.span.end, e) if q.closed), None)
                    if q is not None and q.open - mention.span.end <= 120:
                        return self._emit_content((q.open + 1, q.close), cue_span, mention, direct=True)
        if (self._place_content(tokens, s, e, cue_span, mention, after_lo, hi, lo_tok, entry.lemma)
                or self._quote_before_sentence(tokens, s, cue_span, mention)):
            return True
        if mention is not None and nxt is None and self.text[max(cue_span.end, mention.span.end):e].strip(
                " \t\r\n\u00a0") in (":", "that:"):
            self.announced = (cue_span, mention, e)  # "Ruiz said:" ends the sentence; its content follows
        return False

    def _quote_before_sentence(self, tokens, s, cue_span, mention) -> bool:
        """'“…” <new sentence> Ruiz said.': a sentence of only a speaker and a cue reports the quotation
        that ends the sentence before it, when no statement holds that quotation yet."""
        if mention is None or s == 0:
            return False
        rest = [t for t in tokens if not (mention.span.start <= t.start < mention.span.end
                                         or cue_span.start <= t.start < cue_span.end)]
        if any(t.text.isalnum() for t in rest):
            return False
        k = s - 1
        while k > 0 and self.text[k] in " \t\u00a0":
            k -= 1
        q = self.quote_at(k)
        if q is None or not q.closed or k != q.close + (q.mark == "''"):
            return False
        continuation = None
        if self.out and self.out[-1][0].content_span.end > q.open:
            if self.out[-1][0].cue_span is not None or self.out[-1][0].content_span.start <= q.open:
                return False  # the quotation already has its statement
            continuation = len(self.out) - 1  # a cue-less continuation: the quotation is this speaker's after all
        if not self._emit_content((q.open + 1, q.close), cue_span, mention, direct=True):
            return False
        if continuation is not None:
            del self.out[continuation]
        return True

    def _clause_end(self, tokens, cue, nxt, s) -> int:
        """The offset where the clause of ``cue`` gives way to the next cue's clause.

        A next cue in a relative clause ("insisted that Republicans who refused …") is part of this
        content: it does not end it.
        """
        k = max(_skip_left(tokens, nxt.first - 1, cue.last + 1), cue.last)
        if k > cue.last and tokens[k].lower in ("who", "which", "whom"):
            return tokens[-1].end
        rng = np_left(tokens, k, cue.last, self.lex.titles) if k >= cue.last else None
        start = rng[0] if rng else k + 1
        while (start - 1 > cue.last and tokens[start - 1].lower in _PARTICIPLE_ADVERBS
               and _is_participle_cue(tokens, nxt)):
            start -= 1  # "…, instead calling for …": the adverb opens the participle's clause
        while start - 1 > cue.last and tokens[start - 1].lower in _CONJ:
            start -= 1
        return tokens[start].start if start < len(tokens) else tokens[-1].end

    def _content_start(self, tokens, k: int, hi: int, lemma: str) -> int | None:
        """Token index where the content after a cue starts, past an addressee or adjunct.

        "told reporters that …" and "said in a statement on Friday that …"
        start at "that"; "said on Friday, …" after the comma.
        """
        if k >= len(tokens) or tokens[k].start >= hi:
            return None
        tok = tokens[k]
        if lemma in _TELL_LIKE or tok.lower in _ADJUNCT_START or tok.lower in TIME_WORDS:
            for j in range(k, min(len(tokens), k + 14)):
                if tokens[j].start >= hi:
                    break
                if tokens[j].lower == "that":
                    return j
                if tokens[j].text in (",", ":") and tok.lower in _ADJUNCT_START:
                    return j + 1
                if tokens[j].text in _OPENERS or tokens[j].lower == "to" and lemma in _TELL_LIKE:
                    break
        return k

    def _place_content(self, tokens, s, e, cue_span, mention, after_lo, hi, lo_tok, lemma="") -> bool:
        """Content after the cue, or before it (``"…," he said.`` / ``P, the ministry said.``)."""
        text = self.text
        if mention is not None and after_lo <= mention.span.start < hi:
            hi = mention.span.start  # "By calling for a recount, Ruiz angered …": content stops at its speaker
        k = bisect.bisect_left(tokens, after_lo, key=lambda t: t.start)
        k2 = self._content_start(tokens, k, hi, lemma)
        if k2 is not None and k2 < len(tokens):
            after_lo = tokens[k2].start
        after = _trim_span(text, after_lo, hi)
        before_lo = tokens[lo_tok].start if lo_tok else s
        before_hi = min(mention.span.start if mention else cue_span.start, cue_span.start)
        before = _trim_span(text, before_lo, before_hi)
        q_before = self.quote_at(before[1] - 1) if before[1] > before[0] else None
        q_after = self.quote_at(after[0]) if after[1] > after[0] else None
        if q_before is not None and q_before.open >= before_lo:
            # "…," he said [, "…"]: a quotation before the cue (split quote when one follows)
            lo = q_before.open + 1
            hi_q = q_before.close
            # (up to the next cue: in '"…," X said, adding, "…"' the second part is the next cue's)
            later = [q for q in self.quotes_between(cue_span.end, hi) if q.open > cue_span.end]
            if later:  # '"…," said X, a senator, "…"': one statement over both parts (rule 3)
                hi_q = later[-1].close
            return self._emit_content(_trim_span(text, lo, hi_q, " \t\r\n\u00a0"), cue_span, mention, direct=True)
        if (mention is not None and mention.span.end <= cue_span.start and _has_words(text, before, 3)
                and text[before[1]:mention.span.start].strip().lower() in (",", ", as")
                and text[cue_span.end:after[0]].strip() == "," and _has_words(text, after, 2) and not lo_tok):
            # "A wall would stop criminals, she said, but also drugs", "The plan, as X noted, failed": the cue
            # interrupts one content; but after ", she said, and" a new clause of the writer's follows
            if _new_clause(text, after):
                return self._emit_content(before, cue_span, mention)
            return self._emit_content((before[0], self._clause_of(after)[1]), cue_span, mention)
        # "P, the ministry said on Monday.", "…, she said in an interview.": only a time, a place or a setting
        # after the cue, so the content is the clause before it
        setting_only = _has_words(text, after, 1) and q_after is None and (
            _only_adjuncts(text[after[0]:after[1]]) or _is_setting(text[after[0]:after[1]]))
        if _has_words(text, after, 1) and not setting_only:
            if q_after is not None and text[after[0]] in _OPENERS and q_after.close >= after[1] - 2:
                return self._emit_content((q_after.open + 1, q_after.close), cue_span, mention, direct=True)
            first_words = [w.lower() for w in text[after[0]:after[1]].split()[:3]]
            first_words = [w for w in first_words if w not in TIME_WORDS] or first_words
            if first_words and first_words[0] in _NOT_CONTENT_START and not _has_clause(text[after[0]:after[1]]):
                # "responded by blocking the data", "spoke today with X", "spoke at the memorial":
                # an action or a place, not what was said
                return False
            return self._emit_content(self._clause_of(after), cue_span, mention)
        if before[1] - before[0] >= 2 and (mention is None or mention.span.start >= before[1]):
            if lo_tok:
                return False  # "X rejected the demand, the ministry said": the inner speaker's statement stands alone
            return self._emit_content(before, cue_span, mention)
        return False

    def _clause_of(self, span: tuple[int, int]) -> tuple[int, int]:
        """Reported content up to where a new clause takes over.

        It ends before a dash, a semicolon, ", and/but/while" followed by a new subject,
        or ", <participle>" ("…, choosing to step back"): those are the writer's, not the speaker's.
        Quotation marks are never cut through.
        """
        lo, hi = span
        breaks = list(_CLAUSE_BREAK.finditer(self.text, lo, hi))
        breaks += [m for m in _PARTICIPLE_BREAK.finditer(self.text, lo, hi)
                   if any(entry.speech for entry in self.lex.verbs.get(m.group(1).lower(), ()))]
        for m in sorted(breaks, key=lambda m: m.start()):
            q = self.quote_at(m.start())
            if m.start() - lo < 12 or (q is not None and q.close >= m.end() - 1):
                continue  # a break inside a quotation is the speaker's own ("…, adding" after ',”' is not)
            end = m.start() + len(m.group().rstrip()) if m.group().startswith(",") else m.start()
            return _trim_span(self.text, lo, end, " \t\r\n\u00a0,;:")
        return lo, hi

    def _emit_content(self, content, cue_span, mention, direct=False) -> bool:
        if content is None or content[1] - content[0] < 2 or _only_adjuncts(self.text[content[0]:content[1]]):
            return False
        words = self.text[content[0]:content[1]].lower().split()
        if not direct and all(w in FUNCTION_WORDS for w in words) and not (
                len(words) >= 2 and pronoun_of(words[0]) in PRONOUNS and words[0] != "it"):
            return False  # "backing the plan and …": a conjunction is no content; "he would" is a clause
        lo, hi = content
        if direct:
            self.emit((lo, hi), cue_span, mention, "direct")
        else:
            self.emit((lo, hi), cue_span, mention)
        st = self.out[-1] if self.out else None
        last = self.last_direct
        if st is not None and (direct or last is None or last[2] != self.sentence_start
                               or last[0].quote_type != "direct"):
            # '"…," said X, who wrote about it in a book. "…"': a statement reported in the sentence of a
            # quotation does not take the quotation's continuation
            self.last_direct = (st[0], st[1], self.sentence_start)
        return True

    # -- sentences with no cue ----------------------------------------------------------------
    def continuation(self, s: int, e: int, block) -> None:
        """A quotation with no cue right after a quoting statement keeps its speaker (rule 2)."""
        if self.last_direct is None:
            return
        prev, mention, _ = self.last_direct
        if prev.quote_type != "direct":
            return
        q = self.quote_at(s)
        if q is None or s not in (q.open, q.open - 1) or block.start - prev.content_span.end > 400:
            self.last_direct = None
            return
        self.emit((q.open + 1, q.close if q.close <= e else e), None, mention, "direct")

    def start_turn(self, block) -> bool:
        m = _TRANSCRIPT_LABEL.match(self.text, block.start, block.end)
        if not m:
            return False
        name = (m.group(1) or m.group(2)).strip()
        self.turn_body_start = m.end()
        if name.upper() in _QUESTION_LABELS:
            self.turn = None
        else:
            self.turn = (Span(m.start(1), m.start(1) + len(name)), Span(m.start(), m.end()))
        self.turn_first = True
        return True

    def turn_sentence(self, s: int, e: int) -> None:
        if self.turn is None:
            return
        name_span, label_span = self.turn
        cue = Span(label_span.start, _trim_span(self.text, label_span.start, label_span.end, " \t")[1])
        tokens = tokenize(self.text, s, e)
        rng = stance_subject(tokens, self.lex.titles)
        if rng and not any(t.lower in _FIRST_PERSON for t in tokens[rng[1]:rng[1] + 6]):
            # "The President believes …" in a briefer's turn: the principal's (ANNOTATION.md 6.2, 6.3)
            self.emit((s, e), None, self.mention(tokens, rng), "indirect", split=False)
        elif self.turn_first:
            self.emit((s, e), cue, Mention(name_span, "label"), "indirect", split=False)
        else:
            self.emit((s, e), None, Mention(name_span, "label"), "indirect", split=False)
        self.turn_first = False

    def source_sentence(self, s: int, e: int, genre: str = "statement") -> None:
        """A sentence in the document's own voice belongs to its source (rule 9), unless it is a readout's
        narration of what a participant of the meeting did ("The two leaders consulted on …": 6.2, 3.1).
        Each clause of its own ("A, and we urge B") is a statement (6.1, clauses outside every cue)."""
        if _SIGN_OFF.fullmatch(self.text, s, e) or not re.search(r"[^\W\d_]{2}", self.text[s:e]):
            return  # "Signed,", "Sincerely,": a sign-off; "1.", "(b)": a list marker; no statement (ANNOTATION.md 6.1)
        mention = None
        for lo, hi, shared in _own_clauses(self.text, s, e):
            mention = self._source_clause(lo, hi, genre, mention if shared else None)

    def _source_clause(self, s: int, e: int, genre: str, shared: Mention | None = None) -> Mention | None:
        if shared is not None:  # "The leaders reviewed A and welcomed B": the second act has the first's subject
            self.emit((s, e), None, shared, "indirect", split=False)
            return shared
        tokens = tokenize(self.text, s, e)
        rng = first_person_subject(tokens, self.lex.titles)
        narrated = genre == "readout" or _READOUT_TITLE.search(str(self.doc.metadata.get("title") or ""))
        if rng is None and narrated:
            rng = participant_subject(tokens, self.lex.titles)
            if rng and any(t.lower in _FIRST_PERSON for t in tokens[rng[1]:rng[1] + 6]):
                rng = None  # "B called me": the issuer's own narration
        mention = self.mention(tokens, rng)
        self.emit((s, e), None, mention, "indirect", split=False)
        return mention


_SIGN_OFF = re.compile(r"[\W_]*(?:signed|sincerely|yours sincerely|respectfully|regards)[\W_]*", re.I)
# ", and we will …", ", but the United States will …", "; we …": a coordinated clause with a subject of its own
_OWN_CLAUSE = re.compile(r"(?:,\s+(?:and|but|while|whereas|yet)|;)\s+(?=(?:he|she|they|we|I|[Tt]he\s+[A-Z][\w.]*"
                         r"|[A-Z][\w.]*)(?:\s+[A-Z][\w.]*)*\s+(?:\w+\s+)?[a-z])")


# "… and welcomed the visit", ", and called on both sides to …": a second act of the same subject (a past verb
# with its object), which is a statement of its own (rule 2.1, one statement per act)
_SHARED_SUBJECT = re.compile(r",?\s+and\s+(?:also\s+)?(?=[a-z]{2,}ed\s+(?:on\s+|for\s+)?(?:the|a|an|to|that|their|his|"
                             r"her|its|our|all|both)\b)")


def _own_clauses(text: str, s: int, e: int) -> list[tuple[int, int, bool]]:
    """``[s, e)`` cut before each coordinated clause with a subject of its own, without the comma and the
    conjunction, and before each second act of the same subject (``shared`` True); a part whose words are mostly
    names ("Japan, Korea, and the UK agree") is a list, not a clause."""
    parts, lo, shared = [], s, False
    cuts = sorted([(m, False) for m in _OWN_CLAUSE.finditer(text, s, e)]
                  + [(m, True) for m in _SHARED_SUBJECT.finditer(text, s, e)], key=lambda c: c[0].start())
    for m, same in cuts:
        if m.start() < lo:
            continue
        words = text[lo:m.start()].split()
        item = text[lo:m.start()].rsplit(",", 1)[-1].split()  # "…, Spain, and the UK agree": the last list item
        listed = "," in text[lo:m.start()] and (len(item) <= 2 or all(
            w[:1].isupper() or w in ("of", "and", "the", "for") for w in item))
        if not listed and sum(w.islower() and w.isalpha() and w not in FUNCTION_WORDS for w in words) >= 3:
            parts.append((lo, m.start(), shared))
            lo, shared = m.end(), same
    return parts + [(lo, e, shared)]


def _head(tokens: list[Token], rng: tuple[int, int]) -> Token:
    """The last word of a phrase, before the period of a final abbreviation ("Ana Ruiz Jr." -> "Jr")."""
    last = rng[1] - 1
    return tokens[last - 1] if last > rng[0] and tokens[last].text == "." else tokens[last]


def _appositive_name(tokens: list[Token], j: int, lo: int, titles) -> tuple[int, int] | None:
    """The name between two commas before a cue when a description of an office comes before it ("The agency's
    regional director, Dr. Ana Ruiz, said"), as ``(first, last)`` token indices, or None."""
    name = np_left(tokens, j - 1, lo, titles) if j - 1 >= lo else None
    if name is None or name[0] - 2 < lo or tokens[name[0] - 1].text != ",":
        return None
    if not all(t.text[:1].isupper() or t.text == "." for t in tokens[name[0]:name[1]]) or any(
            t.lower.rstrip(".") in titles or t.lower in SPEAKER_NOUNS for t in tokens[name[0] + 1:name[1]]):
        return None
    k = name[0] - 2
    while k >= lo and tokens[k].text != ",":
        low = tokens[k].lower.removesuffix("\u2019s").removesuffix("'s")
        if low in SPEAKER_NOUNS or low in titles:
            return name
        k -= 1
    return None


_PHRASE_OPENERS = DETERMINERS | frozenset("one another some many several two three four".split())
_QUOTE_CLOSERS = frozenset("\u201d\u2019\"'\u00bb")


_NUMBER_WORDS = frozenset("one two three four five six seven eight nine ten".split())
_SHARE_QUALIFIERS = frozenset("about nearly almost roughly some only just over under more fewer less than "
                              "around barely".split())


def _is_number(tok: Token) -> bool:
    """"42", "9.5", "three": the count of a share."""
    return tok.lower in _NUMBER_WORDS or tok.text.replace(".", "", 1).isdigit()


def _plain_phrase_right(tokens: list[Token], i: int) -> tuple[int, int] | None:
    """'"…," said one person close to the talks': after an inverted cue, a determined noun phrase speaks even
    when its head is no speaker noun; it ends at punctuation, a preposition or a clause word."""
    if i >= len(tokens) or tokens[i].lower not in _PHRASE_OPENERS:
        return None
    k = i + 1
    while k < len(tokens) and k - i < 5 and tokens[k].text[:1].isalnum() and tokens[k].lower not in FUNCTION_WORDS:
        k += 1
    return (i, k) if k > i + 1 else None


def _phrase_after_quote(tokens: list[Token], j: int, lo: int) -> tuple[int, int] | None:
    """'"…," the 52-year-old farmer said': the words between a quotation's end and its cue are the speaker."""
    k = j
    while k > lo and j - k < 5 and tokens[k].text[:1].isalnum():
        k -= 1
    if k == j or tokens[k].text not in _QUOTE_CLOSERS or tokens[k + 1].lower not in _PHRASE_OPENERS:
        return None
    return (k + 1, j + 1)


def _bare_participle(tokens: list[Token], cue: CueMatch) -> bool:
    """"voters passing by", "the prisoners released by X": an -ing form, or a participle with its agent, right
    after a noun and with no auxiliary, modifies the noun."""
    prev = tokens[cue.first - 1] if cue.first else None
    form = tokens[cue.first].lower
    by_agent = cue.last < len(tokens) and tokens[cue.last].lower == "by" and not form.endswith(("s", "ing"))
    return ((form.endswith("ing") or by_agent) and prev is not None and prev.text.isalpha()
            and prev.lower not in _SKIP_LEFT and prev.lower not in _PARTICIPLE_BEFORE and prev.lower not in PRONOUNS)


def _after_conjunction(tokens: list[Token], cue: CueMatch) -> bool:
    """"He walked back his remarks and said …": a cue after "and"/"but" shares the sentence's subject."""
    k = _skip_left(tokens, cue.first - 1, 0)
    return k > 0 and tokens[k].lower in ("and", "but")


def _skip_dashes(tokens, j: int, lo: int) -> int:
    """Index before a parenthetical between dashes ending at ``j`` ("Gingrich — a former speaker —"), else ``j``."""
    k = j - 1
    while k >= lo and j - k < 30 and tokens[k].text not in _DASHES:
        k -= 1
    return k - 1 if k > lo and tokens[k].text in _DASHES else j


def _skip_parenthesis(tokens, j: int, lo: int, own: bool = False) -> int:
    """Index before a parenthesis that ends at ``j`` ("Rep. Ana Ruiz (D-Md.),"), else ``j``.

    With ``own``, ``j`` itself may be the closing bracket; otherwise it is the
    comma after it.
    """
    k = j if own else j - 1
    if k < lo or tokens[k].text != ")":
        return j
    while k >= lo and tokens[k].text != "(":
        k -= 1
    return k - 1 if k > lo else j


def _shares_subject(tokens, prev: CueMatch, cue: CueMatch) -> bool:
    """"said … and reiterated": a conjunction before the cue and no new subject in between.

    Not across a relative clause ("… a drop which has stranded ferries and threatens …").
    """
    if any(tokens[k].lower in ("which", "who", "whom", "whose") for k in range(prev.last, cue.first)):
        return False
    k = max(_skip_left(tokens, cue.first - 1, prev.last + 1), prev.last)
    return k >= prev.last and tokens[k].lower in _CONJ
