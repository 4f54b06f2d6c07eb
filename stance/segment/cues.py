"""Find reporting cues in a sentence's tokens: verbs with their particles, light verb + reporting noun, phrases.

Each match is a `CueMatch` over token indices.  Matching is a single pass over
the tokens with dictionary look-ups, so it costs time linear in the sentence.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import compress, count
from operator import attrgetter

from ..text.tokens import Token
from .cue_model import CueModel, cue_features, load_cue_model
from .lexicon import CueEntry, Lexicon

__all__ = ["CueMatch", "find_cues", "verb_refusal", "FINAL_REFUSALS", "DETERMINERS", "is_possessive"]

DETERMINERS = frozenset("the a an this that these those its his her their our my your any some no every each".split())
# words after which a verb form is a noun or an adjective ("the demand", "a so-called")
_NOT_VERB_BEFORE = DETERMINERS | frozenset("so-called of to".split())
_PASSIVE = frozenset("was were been being is are be".split())
# "more concerned", "deeply troubled", "became alarmed": a participle after these is an adjective (a feeling)
_ADJECTIVAL_BEFORE = frozenset("more most very deeply increasingly so too become became becoming get got grew grown "
                               "feel felt seem seemed remain remained".split())
# modifiers of a reporting noun: "her opening remarks", "a strong statement", "the repeated calls"
_NOUN_MODIFIERS = frozenset("opening closing public strong new first final recent repeated earlier latest formal "
                            "official joint brief written prepared private initial further fresh".split())
_NOUN_GAP = 5
_LOWER = attrgetter("lower")
# "agreed upon with", "met with": an interaction, not a report of speech
_NOT_CONTENT_AFTER = frozenset({"upon", "with"})  # at most this many tokens between a light verb and its reporting noun


@dataclass(frozen=True, slots=True)
class CueMatch:
    """A cue over tokens ``[first, last)``; ``possessor`` is the token range of "Russia's" in "Russia's call for"."""

    first: int
    last: int
    entry: CueEntry
    passive: bool = False
    possessor: tuple[int, int] | None = None


def is_possessive(token: Token) -> bool:
    return token.lower.endswith(("\u2019s", "'s")) or token.lower in ("its", "his", "her", "their", "our")


_BASE_FORM_BEFORE = frozenset("i we they you will would shall should can could may might must do does did to not "
                              "n't and who that which also often still".split())


def _base_form_subject(prev: Token) -> bool:
    """Whether a bare verb form ("say", "urge") after ``prev`` can be a finite verb or an infinitive."""
    low = prev.lower
    return (low in _BASE_FORM_BEFORE or low.endswith("ly") or prev.text[:1].isupper()
            or (low.endswith("s") and not low.endswith("ss") and prev.text.isalpha()))


TIME_WORDS = frozenset("""monday tuesday wednesday thursday friday saturday sunday today tonight yesterday tomorrow
january february march april may june july august september october november december jan feb mar apr jun jul aug
sep sept oct nov dec morning afternoon evening night week weekend month year""".split())


def _particle_end(tokens: list[Token], j: int, entry: CueEntry) -> int | None:
    """Index after the particle that follows at ``j`` (``None`` when none does, or when a time follows it:
    "spoke on Monday" is no "spoke on")."""
    if j < len(tokens) and tokens[j].lower in entry.particles:
        if j + 1 < len(tokens) and tokens[j + 1].lower in TIME_WORDS:
            return None
        return j + 1
    return None


_PHRASE_INDEX: dict[int, tuple[Lexicon, dict]] = {}


def _phrases_by_second_word(lexicon) -> dict:
    """First word -> second word -> the phrases that can match there, in the lexicon's order (longest
    first); under ``None``, those of one word.  "in" begins dozens of phrases, so `_phrase_at` compares
    only the few that share the next word."""
    held = _PHRASE_INDEX.get(id(lexicon))
    if held is None or held[0] is not lexicon:
        index = {}
        for first, phrases in lexicon.phrases.items():
            seconds = {toks[1] for toks, _ in phrases if len(toks) > 1}
            by_second = {w: [p for p in phrases if len(p[0]) == 1 or p[0][1] == w] for w in seconds}
            by_second[None] = [p for p in phrases if len(p[0]) == 1]
            index[first] = by_second
        if len(_PHRASE_INDEX) >= 16:  # a few lexicons at a time: never grows without end
            _PHRASE_INDEX.clear()
        held = _PHRASE_INDEX[id(lexicon)] = (lexicon, index)
    return held[1]


def _phrase_at(tokens, i, lexicon):
    by_second = _phrases_by_second_word(lexicon).get(tokens[i].lower)
    phrases = None
    if by_second:
        phrases = by_second.get(tokens[i + 1].lower if i + 1 < len(tokens) else None) or by_second[None]
    if phrases:  # longest first: the words here, as many as the longest phrase has, compared with each
        here = tuple(map(_LOWER, tokens[i:i + len(phrases[0][0])]))
        for toks, entry in phrases:
            if here[:len(toks)] == toks:
                return CueMatch(i, i + len(toks), entry)
    return None


def _noun_after_light_verb(tokens, i, lexicon):
    for j in range(i + 1, min(len(tokens), i + 1 + _NOUN_GAP)):
        w = tokens[j]
        entry = lexicon.nouns.get(w.lower)
        if entry is not None:
            end = _particle_end(tokens, j + 1, entry) or j + 1
            return CueMatch(i, end, entry)
        if not (w.text[:1].isalpha() and w.lower not in lexicon.verbs) and w.text != "-":
            return None
    return None


# tokens after which a capitalised word can still open its clause ('"Press on," he said')
_CLAUSE_OPENERS = frozenset("\"'\u201c\u2018\u00ab\u201e:;(\u2014\u2013-")


def _in_name(tokens, i, title_case: bool) -> bool:
    """"The Washington Post", "the Free Press", "2012 attacks": a capitalised word inside a sentence, or a form
    after a number, is part of a name or a noun, not a reporting verb (unless the line is in title case)."""
    if i == 0:
        return False
    prev = tokens[i - 1]
    return ((tokens[i].text[:1].isupper() and prev.text not in _CLAUSE_OPENERS and not title_case)
            or (prev.text.isdigit() and tokens[i].lower.endswith("s") and tokens[i].lower != "says"))


# after a plural noun, never after a verb's -s form: "the attacks on …", "two contests and …", "the calls were …"
# (punctuation is no sign: '"…," Conway notes.')
_AFTER_PLURAL_NOUN = frozenset("of on in at and or were are have had".split())


def _plural_noun(tokens, i, entry) -> bool:
    """Whether an -s form ("attacks", "contests") is a plural noun: followed by what no verb is followed by."""
    form = tokens[i].lower
    if not form.endswith("s") or form == entry.lemma or form == "says" or i + 1 >= len(tokens):
        return False
    nxt = tokens[i + 1].lower
    return nxt in _AFTER_PLURAL_NOUN and nxt not in entry.particles


def _is_title_case(tokens) -> bool:
    """"Hollande Says Trump Makes You Want To Retch": most words capitalised."""
    words = [t for t in tokens if len(t.text) > 3 and t.text.isalpha()]
    return len(words) >= 2 and sum(t.text[:1].isupper() for t in words) >= 0.7 * len(words)


def _noun_like(form: str, lemma: str) -> bool:
    """Whether a verb form can also be a noun: the base form, an -s form or an -ing form ("remarks", "request",
    "briefing"), never a past form ("said", "told")."""
    return form == lemma or form.endswith("ing") or (form.endswith("s") and not form.endswith("ss"))


def verb_refusal(tokens, i, entries, title_case=False) -> str | None:
    """The name of the first rule that refuses the verb form at ``i`` as a cue, or None when none does.

    The rules are the lexicon's reading of the context ("the demand", "The Washington Post", "rebel attacks
    on"); the learned cue model (`stance.segment.cue_model`) takes their verdict as one feature among others.
    """
    if _in_name(tokens, i, title_case):
        return "in_name"
    prev = tokens[i - 1].lower if i > 0 else ""
    if prev in _NOT_VERB_BEFORE:
        return "determiner_before"
    if i > 0 and is_possessive(tokens[i - 1]) and prev not in ("her",):
        return "possessive_before"
    if i + 1 < len(tokens) and tokens[i + 1].lower in _NOT_CONTENT_AFTER:
        return "interaction_after"
    if tokens[i].lower == entries[0].lemma and i > 0 and not _base_form_subject(tokens[i - 1]):
        return "base_form"  # "held separate talks": a base form after a non-subject is an adjective or a noun
    if prev in _ADJECTIVAL_BEFORE:
        return "adjectival"
    if (i >= 2 and prev in _NOUN_MODIFIERS and _noun_like(tokens[i].lower, entries[0].lemma)
            and (tokens[i - 2].lower in DETERMINERS or is_possessive(tokens[i - 2]))):
        return "noun_modifier"  # "her opening remarks", "a formal request"; but "the official said" is a verb
    if _plural_noun(tokens, i, entries[0]):
        return "plural_noun"
    if all(e.requires_particle and _particle_end(tokens, i + 1, e) is None for e in entries):
        return "no_particle"  # "called it a hoax" is no "called on"
    return None


# refusals the model cannot overrule: a name ("The Washington Post") or a plural noun ("rebel attacks on") is
# never a verb, and "agreed upon with", "met with" report an interaction, not words (on PolNeAR train's
# speech verbs these rules are right 97 %, 91 % and 78 % of the time)
FINAL_REFUSALS = frozenset({"in_name", "plural_noun", "interaction_after"})


def _verb_match(tokens, i, entries, strict: bool = True) -> CueMatch | None:
    """The verb cue at ``i`` with its particle; ``strict`` skips senses that need a particle and have none."""
    prev = tokens[i - 1].lower if i > 0 else ""
    passive = prev in _PASSIVE and not tokens[i].lower.endswith("ing")
    for entry in entries:
        end = _particle_end(tokens, i + 1, entry)
        if end is None and entry.requires_particle and strict:
            continue
        return CueMatch(i, end or i + 1, entry, passive=passive)
    return None


def _verb_at(tokens, i, lexicon, title_case=False, model: CueModel | None = None):
    """The verb cue at ``i``: the rules decide, or, given a learned ``model``, the model decides for speech
    verbs with the rules' verdict as one of its features."""
    entries = lexicon.verbs.get(tokens[i].lower)
    if not entries:
        return None
    refusal = verb_refusal(tokens, i, entries, title_case)
    if model is None or refusal in FINAL_REFUSALS or not any(e.speech for e in entries):
        return None if refusal is not None else _verb_match(tokens, i, entries)
    if not model.passes(cue_features(tokens, i, entries[0].lemma, refusal, title_case)):
        return None
    return _verb_match(tokens, i, entries, strict=refusal != "no_particle")


def _noun_with_possessor(tokens, i, lexicon):
    """"Russia's call for talks", "its concerns that …": a reporting noun whose possessor is the speaker."""
    entry = lexicon.nouns.get(tokens[i].lower)
    if entry is None or i == 0 or not is_possessive(tokens[i - 1]):
        return None
    j = i + 1
    while j < len(tokens) and tokens[j].lower in TIME_WORDS:
        j += 1  # "Trump's assertion Monday that …"
    end = _particle_end(tokens, j, entry)
    that = j < len(tokens) and tokens[j].lower == "that"
    if (end is None and not that) or (entry.label == "neutral" and not that):
        return None  # a neutral noun ("his statement") reports speech only with its content ("… that …")
    first = i - 1
    while first > 0 and tokens[first - 1].is_capitalized and not is_possessive(tokens[first - 1]):
        first -= 1
    return CueMatch(i, end or i + 1, entry, possessor=(first, i))


def _noun_with_agent(tokens, i, lexicon):
    """"dire warnings from medical experts about Zika": a reporting noun whose speaker follows "from"/"by"."""
    entry = lexicon.nouns.get(tokens[i].lower)
    if entry is None or entry.label == "neutral" or i + 2 >= len(tokens) or tokens[i + 1].lower not in ("from", "by"):
        return None
    from .mentions import np_right  # mentions imports this module
    rng = np_right(tokens, i + 2, len(tokens), lexicon.titles)
    if rng is None or not (tokens[rng[1] - 1].text[:1].isupper() or tokens[rng[1] - 1].lower in lexicon.titles
                           or rng[1] - rng[0] >= 2):
        return None
    return CueMatch(i, i + 1, entry, possessor=rng)


def find_cues(tokens: list[Token], lexicon: Lexicon, cue_model: CueModel | str | None = "bundled") -> list[CueMatch]:
    """All cues in ``tokens``, left to right, not overlapping.

    ``cue_model`` decides whether a speech verb is a cue (`stance.segment.cue_model`): "bundled" (the model
    trained on PolNeAR), a loaded `CueModel`, or None for the hand rules alone.
    """
    model = load_cue_model() if cue_model == "bundled" else cue_model
    out = []
    last = 0
    title_case = None  # computed on first need: it matters only for a capitalised verb form (`_in_name`)
    # no cue starts at a word the lexicon does not know (most words): visit only the others
    for i in compress(count(), map(lexicon.cue_words.__contains__, map(_LOWER, tokens))):
        if i < last:
            continue  # inside the cue just found
        low = tokens[i].lower
        match = _phrase_at(tokens, i, lexicon) if low in lexicon.phrases else None
        if title_case is None and match is None and tokens[i].text[:1].isupper():
            title_case = _is_title_case(tokens)
        if match is None and low in lexicon.light_verbs:
            prev = tokens[i - 1].lower if i > 0 else ""
            if prev not in _NOT_VERB_BEFORE and not _in_name(tokens, i, bool(title_case)):
                match = _noun_after_light_verb(tokens, i, lexicon)  # (not "the League of Arab States calls on")
        if match is None:
            match = _verb_at(tokens, i, lexicon, bool(title_case), model)
        if match is None:
            match = _noun_with_possessor(tokens, i, lexicon)
        if match is None:
            match = _noun_with_agent(tokens, i, lexicon)
        if match is not None:
            out.append(match)
            last = match.last
    return out
