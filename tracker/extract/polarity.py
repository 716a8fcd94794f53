"""The polarity of words: stance cues, negation and its scope, and harm words.

Plain functions over a sentence's text, used by the rules (`rules.py`) to read which side a
statement takes; the word lists are in `cues.py`.
"""

from __future__ import annotations

import re

from tracker.extract import cues


def phrase_pattern(phrases: tuple[str, ...] | list[str]) -> re.Pattern[str]:
    """One case-insensitive whole-word pattern for a list of phrases, longest first."""
    body = "|".join(
        re.escape(p).replace(r"\ ", r"\s+") for p in sorted(set(phrases), key=len, reverse=True)
    )
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE)


SUPPORT = phrase_pattern(cues.SUPPORT_CUES)
OPPOSE = phrase_pattern(cues.OPPOSE_CUES)
NEUTRAL = phrase_pattern(cues.NEUTRAL_CUES)
HARM = phrase_pattern(cues.HARM_WORDS)
# "warned NATO against expanding": "against" before a deed opposes it
AGAINST_DEED = re.compile(r"(?<![\w-])against\s+(?:\w+ing|any|further)\b", re.I)
NEGATION = re.compile(
    r"(?<![\w-])(?:not|no|never|cannot|nor|without|neither|hardly)(?![\w-])|n[’']t\b", re.I
)


def negated(text: str, position: int) -> int:
    """-1 when a negation stands within a few words before `position`, else +1."""
    before = text[max(0, position - 60) : position]
    words = re.findall(r"[\w’']+", before)[-cues.NEGATION_WINDOW :]
    window = " ".join(words)
    return -1 if NEGATION.search(window) else 1


_ADDRESSED_BY = re.compile(
    r"(?<![\w-])(?:"
    + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in cues.ADDRESSED_BY)
    + r")\s+(?:[\w-]+\s+){0,2}$",
    re.I,
)


def addressed(text: str, position: int) -> bool:
    """Whether the harm word at `position` is what a measure addresses ("on cyber threats")."""
    return _ADDRESSED_BY.search(text[max(0, position - 50) : position]) is not None


def longest_cues(found: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Stance cues without those inside a longer one ("should" in "should not")."""
    return [
        (s, e, p)
        for s, e, p in found
        if not any((s2 <= s and e <= e2) and (e2 - s2) > (e - s) for s2, e2, _ in found)
    ]


def withheld(text: str, cue_start: int, cue_end: int) -> bool:
    """Whether a verb of saying is negated ("has not said", "did not comment"): no stance."""
    cue = text[cue_start:cue_end].lower()
    return cue_end > cue_start and cue in cues.WITHHOLDING_VERBS and negated(text, cue_start) < 0


def directly_negated(text: str, position: int) -> int:
    """-1 when "not", "no" or "never" (with at most an article) stands right before `position`."""
    before = text[max(0, position - 20) : position].lower()
    pattern = r"(?:\bnot|\bno|\bnever|\bnor)\s+(?:a\s+|an\s+|the\s+)?$"
    return -1 if re.search(pattern, before) else 1
