"""Which issue a statement is about, from the words the codebook uses to describe each issue.

Cue terms match exact phrases; a new article words the same topic differently ("a presence in
Tokyo", "security is global"). Each issue therefore also has a profile: the stems of the
ordinary (lower-case) words of its label, proposition, description and cue terms. A word that
describes many issues ("security") says little, so each stem is weighted by how few issues
share it (inverse document frequency). A statement goes to the best-scoring issue when the
score clears a threshold and beats the runner-up clearly; otherwise it stays unassigned.
"""

from __future__ import annotations

import math
import re
from collections import Counter

import pandas as pd

# Function words: they describe no topic.
_FUNCTION_WORDS = """
a about above after again against all also an and any are as at be because been before being
between both but by can cannot could did do does doing done each either for from further had
has have having here how if in into is it its itself just may might more most much must no nor
not of off on once only or other others our out over own same shall should so some such than
that the their them then there these they this those through to too under until up very was we
were what when where whether which while who whom whose why will with within without would yet
"""
# words of a codebook's descriptions that describe the coding, not the topic
_CODING_WORDS = """
statement statements stance stances side sides coded code common ground means mean take takes
taken call calls called support supports oppose opposes argument first need needs bring sets
set fail happen happens include includes included including
"""
STOPWORDS = frozenset(re.findall(r"[a-z]+", _FUNCTION_WORDS + _CODING_WORDS))

_WORD = re.compile(r"[A-Za-z][A-Za-z’'-]*")
_SUFFIXES = ("ations", "ation", "ments", "ment", "ings", "ing", "ions", "ion", "ies", "ied")
_SHORT_SUFFIXES = ("es", "ed", "al", "s", "e", "y")

# A statement needs one and a half distinctive words of an issue's profile (a word used by
# one issue only weighs ln(number of issues)), and a lead of half a word over the next issue,
# to be assigned by its words alone.
MIN_WORDS = 1.5
MIN_LEAD_WORDS = 0.5


def stem(word: str) -> str:
    """A crude stem shared by a word's inflections and derivations ("deployment" → "deploy")."""
    word = word.lower().replace("’", "'").removesuffix("'s")
    for suffix in _SUFFIXES + _SHORT_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def content_stems(text: str) -> set[str]:
    """The stems of the ordinary words of a text: lower-case, not function words."""
    return {
        stem(w)
        for w in _WORD.findall(text)
        if w.islower() and len(w) > 2 and w not in STOPWORDS and stem(w) not in STOPWORDS
    }


# "officer" is not an "office", nor a "supporter" "support": an agent noun names a person
_AGENT = re.compile(r"r|rs|er|ers|or|ors")


def _shares_stem(profile_stem: str, used: set[str]) -> bool:
    """Whether a text uses a profile stem, or a longer or shorter form of it ("militar" and
    "militaris" from "militarising"); stems under five letters must match whole."""
    if profile_stem in used:
        return True
    if len(profile_stem) < 5:
        return False
    return any(
        len(u) >= 5
        and (u.startswith(profile_stem) or profile_stem.startswith(u))
        and not _AGENT.fullmatch(u[len(profile_stem) :] or profile_stem[len(u) :])
        for u in used
    )


class TopicProfiles:
    """Per-issue weighted word profiles built from a codebook's issues table."""

    def __init__(self, issues: pd.DataFrame):
        profiles: dict[str, set[str]] = {}
        for row in issues.itertuples(index=False):
            cue_text = " ".join(c.lstrip("-") for c in getattr(row, "cues", []) or [])
            description = getattr(row, "description", "") or ""
            words = f"{row.label} {row.proposition} {description} {cue_text}"
            profiles[row.issue_id] = content_stems(words)
        shared = Counter(s for stems in profiles.values() for s in stems)
        count = max(len(profiles), 1)
        self.unit = math.log(count) if count > 1 else 1.0
        self.weights = {
            issue_id: {s: math.log(count / shared[s]) for s in stems}
            for issue_id, stems in profiles.items()
        }

    def scores(self, text: str) -> dict[str, float]:
        """Issue id → the summed weight of its profile stems that the text uses."""
        used = {stem(w) for w in _WORD.findall(text) if w.lower() not in STOPWORDS}
        return {
            issue_id: sum(weight for s, weight in weights.items() if _shares_stem(s, used))
            for issue_id, weights in self.weights.items()
        }

    def best(self, text: str) -> str | None:
        """The issue a text's wording points to, or None when no issue stands out."""
        ranked = sorted(self.scores(text).items(), key=lambda kv: kv[1], reverse=True)
        if not ranked or ranked[0][1] < MIN_WORDS * self.unit:
            return None
        if len(ranked) > 1 and ranked[0][1] - ranked[1][1] < MIN_LEAD_WORDS * self.unit:
            return None
        return ranked[0][0]
