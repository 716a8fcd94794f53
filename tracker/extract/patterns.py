"""Patterns and small helpers the extraction rules of several concerns share.

The verbs of saying (who speaks before them, and whose forces a term names after them), the
names of states, a name said as the target of others' conduct, a stance held ("maintains its
stance"), overlapping spans, and terms that only name an actor or a place.
"""

from __future__ import annotations

import re

from tracker.extract import cues
from tracker.extract.actors import Gazetteer
from tracker.extract.polarity import phrase_pattern, verb_forms

_SPEECH = phrase_pattern(cues.SPEECH_CUES)
# finite forms only: "would back", "to support" and "criticising" attribute nothing by themselves
_JUDGING = phrase_pattern(
    [
        f
        for verb in cues.JUDGING_VERBS
        for f in verb_forms(verb)
        if f != verb and not f.endswith("ing")
    ]
)

_REPORT = phrase_pattern(cues.REPORT_CUES)

# "provoking China", "a front against Beijing": the state named next is the target
_TARGETING = re.compile(
    r"(?<![\w-])(?:provok\w*|antagonis\w*|antagoniz\w*|against|contain\w*|encircl\w*|"
    r"isolat\w*|anger\w*|confront\w*|deter\w*|pressur\w*)\s+(?:the\s+)?$",
    re.I,
)


def _as_target(text: str, start: int) -> bool:
    """Whether the name at `start` is the target of the words before it, not an agent."""
    return _TARGETING.search(text[max(0, start - 40) : start]) is not None


_HELD_NOUN = "|".join(sorted(cues.HELD_NOUNS, key=len, reverse=True))
# "maintains its stance", "stood by their objections": a stance held, its noun
_HELD = re.compile(
    r"(?<![\w-])(?:"
    + "|".join(re.escape(v).replace(r"\ ", r"\s+") for v in cues.HOLD_VERBS)
    + r")\s+(?:its|his|her|their|the\s+same)\s+(?:[\w-]+\s+)?("
    + _HELD_NOUN
    + r"|call|calls|demand|demands|pledge|commitment|warning|warnings|criticism)(?![\w-])",
    re.I,
)
# "Paris's position has not changed", "its stance on the plan remains unchanged"
_UNCHANGED = re.compile(
    r"(?<![\w-])((?i:its|his|her|their)|[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*[’']s)\s+(?:[\w-]+\s+)?"
    r"(?i:("
    + _HELD_NOUN
    + r"))(?:\s+on\s+[^,;.]*?)?[\s\"“”]+(?i:"
    + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in cues.UNCHANGED_PHRASES)
    + r")(?![\w-])"
)

# The English names of the codebook's states ("Italy"), as one alternation, longest first
_STATE_NAMES = "|".join(
    re.escape(n) for n in sorted(set(cues.DEMONYMS.values()), key=len, reverse=True)
)


def _spans_overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _weak_term(term: str, gazetteer: Gazetteer) -> bool:
    """A term that only names an actor or a place: one capitalised word, or a codebook name."""
    words = term.split()
    return (len(words) == 1 and term[:1].isupper()) or gazetteer.is_actor_name(term)
