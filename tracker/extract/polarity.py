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


_SIBILANT = ("s", "x", "z", "ch", "sh")
_VOWELS = "aeiou"


def verb_forms(word: str) -> set[str]:
    """A word with the regular English verb endings it may take: -s, -ed and -ing.

    "accuse" → accuses, accused, accusing; "slam" → slams, slammed, slamming. Forms that are
    no English word ("threated") cost nothing: they never occur in text.
    """
    forms = {word}
    if len(word) < 3 or not word.isalpha() or word.endswith(("ed", "ing")):
        return forms
    if word.endswith(_SIBILANT):
        forms.add(word + "es")
    elif word.endswith("y") and word[-2] not in _VOWELS:
        forms.add(word[:-1] + "ies")
    else:
        forms.add(word + "s")
    if word.endswith("e"):
        forms |= {word + "d", word[:-1] + "ing"}
    elif word.endswith("y") and word[-2] not in _VOWELS:
        forms |= {word[:-1] + "ied", word + "ing"}
    else:
        forms |= {word + "ed", word + "ing"}
        if word[-1] not in _VOWELS + "wxy" and word[-2] in _VOWELS and word[-3] not in _VOWELS:
            # "slam" → "slammed", "commit" → "committed"
            forms |= {word + word[-1] + "ed", word + word[-1] + "ing"}
    return forms


def inflected(phrases: tuple[str, ...]) -> list[str]:
    """Stance phrases with every regular inflection of their first word ("stir up" → "stirring up")."""
    out = []
    for phrase in phrases:
        first, _, rest = phrase.partition(" ")
        out.extend(f"{form} {rest}".strip() for form in verb_forms(first))
    return out


# Evaluative words ("a serious mistake", "the wrong signal", "good arguments") take a side
# wherever they stand, with any modifier between article and word.
SUPPORT = phrase_pattern(inflected(cues.SUPPORT_CUES) + list(cues.SUPPORT_EVALUATIONS))
OPPOSE = phrase_pattern(inflected(cues.OPPOSE_CUES) + list(cues.OPPOSE_EVALUATIONS))
NEUTRAL = phrase_pattern(cues.NEUTRAL_CUES)
HARM = phrase_pattern(cues.HARM_WORDS)
# "had not yet taken a final decision", "is yet to make up its mind": no side taken yet
# "it was for allies to decide", "up to each government to decide": the speaker leaves it to others
UNDECIDED = re.compile(
    r"(?<![\w-])(?:(?:not|no|yet\s+to|never)\s+(?:[\w’'-]+\s+){0,4}?"
    r"(?:decid\w*|decisions?|made\s+up|make\s+up|settled|determined)"
    r"|(?:for|up\s+to)\s+(?:[\w’'-]+\s+){1,3}?to\s+(?:decide|judge|determine))(?![\w-])",
    re.I,
)
# "urged Tokyo not to host the office", "chose not to join": the deed named next is refused
REFRAIN = re.compile(r"(?<![\w-])not\s+to(?=\s+[\"“‘']?[a-z])", re.I)
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
    before = text[max(0, position - 28) : position].lower()
    # "never by coercion or force": a preposition may stand between
    # "nobody's internal affair": the possessive denies the noun as "no" does
    pattern = (
        r"(?:\bnot|\bno|\bnever|\bnor|\bnobody['’]s|\bno\s+one['’]s)\s+"
        r"(?:by\s+|through\s+|with\s+)?(?:a\s+|an\s+|the\s+)?$"
    )
    return -1 if re.search(pattern, before) else 1
