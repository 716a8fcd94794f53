"""Candidates: the cues of a sentence, the slot of their subject and the words they govern.

A candidate is a statement in the making: an attribution verb, a report marker or a deed found in
a sentence (`_cue_matches`), the words before it that can hold its subject (`_left_slot`), and
the words it governs (`_clause_end`, `_that_clauses`). Cues inside another cue's reported words,
deeds still to come and deeds named as a topic are left out. `CandidateRules` adds the
statements read from a stance noun ("its opposition to"), a reaction ("drew a protest from")
and a stance said to be unchanged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tracker.extract import cues
from tracker.extract.actors import Mention, trailing_name
from tracker.extract.patterns import _JUDGING, _REPORT, _SPEECH, _UNCHANGED, _spans_overlap
from tracker.extract.polarity import phrase_pattern
from tracker.extract.segment import Sentence

# "is supported by", "was welcomed in": a passive judging verb says nothing of its subject
_BEFORE_PASSIVE = re.compile(r"\b(?:is|are|was|were|be|been|being|get|got)\s+(?:\w+ly\s+)?$", re.I)

_ACCORDING = phrase_pattern(cues.REPORT_PREFIXES)
_HEARSAY = phrase_pattern(cues.HEARSAY_CUES)
_ACTION = phrase_pattern(cues.ACTION_CUES)

_STANCE_NOUN = re.compile(
    r"(?<![\w-])(its|his|her|their|[A-Z][\w-]*[’']s)\s+(?:\w+\s+)?("
    + "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in cues.STANCE_NOUNS)
    + r")(?![\w-])",
    re.I,
)
# "drew a sharp protest from": a reaction to what comes before, by the source after "from"
_REACTION = re.compile(
    r"(?<![\w-])(?:"
    + "|".join(cues.REACTION_VERBS)
    + r")\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}?("
    + "|".join(cues.REACTION_NOUNS)
    + r")\s+(?:from|by|in)\s",
    re.I,
)

# "a passage Beijing denounced": a noun phrase, then the speaker and its verb
_REDUCED_RELATIVE = re.compile(
    r"\s*((?:a|an|the|which|that)\s+(?:[a-z][\w-]*\s+){0,3}?[a-z][\w-]*)\s+"
    r"(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*\s+(?:(?:had|has|have|was|were|also|then)\s+)*$"
)
# "... after France objected": a subordinate clause whose subject is the speaker
_SUBORDINATE_SUBJECT = re.compile(
    r"(?<![\w-])(?:after|when|because|once|since|until|before|as)\s+(?:the\s+)?[A-Z][^,;]*$"
)

# "told her counterparts that": the listener before the reported clause
_TOLD_THAT = re.compile(
    r"\s*(?:(?:the|a|an|his|her|its|their)\s+)?(?:[\w’'-]+\s+){0,3}?[\w’'-]+\s+(?=that\b)"
)

# Participles that continue the previous speaker ("..., he said, adding that ...").
_CONTINUATIONS = re.compile(r"^\w+ing\b", re.I)
# Characters that end the speaker slot on its left.
_SLOT_BREAKS = ',;:“”"—–()'


@dataclass
class Candidate:
    """A statement in the making: a cue, its speaker, the words it governs."""

    cue_start: int
    cue_end: int
    kind: str  # speech, report, hearsay, action, noun, held
    speakers: list[Mention] = field(default_factory=list)
    content: tuple[int, int] = (0, 0)
    reported_by: str | None = None
    resolved_by: str = "named"  # named, pronoun, role, continuation, group, subject, possessive
    noun_polarity: int = 0  # for "its opposition to X": the stance the noun carries
    outlet: Mention | None = None  # the outlet whose "said" was read as a report


# "declined to comment": a refusal to speak, not a refusal to take part
_NO_COMMENT = re.compile(
    r"\s+(?:comment|say|discuss|elaborate|answer|speculate|confirm|respond|give)\b", re.I
)


# A quotation within one sentence, from its opening to its closing mark
_QUOTATION = re.compile(r'"[^"]+"|“[^”]+”')
# A possessive or article just before a cue word ending in -s makes it a plural noun
_NOUN_BEFORE = re.compile(
    r"(?:[’']s|(?<![\w-])(?:the|its|their|his|her|these|those|such))\s+$", re.I
)


def _cue_matches(text: str) -> list[tuple[int, int, str]]:
    """(start, end, kind) of every attribution or deed cue in a sentence, no overlaps."""
    found: list[tuple[int, int, str]] = []
    # '"NATO has repeatedly said it is a regional alliance," Wang said': a verb inside a
    # quotation is the speaker's words, not an attribution
    quoted = [(q.start(), q.end()) for q in _QUOTATION.finditer(text)]
    for kind, pattern in (
        ("hearsay", _HEARSAY),
        ("report", _REPORT),
        ("speech", _SPEECH),
        ("judging", _JUDGING),
        ("action", _ACTION),
    ):
        for m in pattern.finditer(text):
            span = (m.start(), m.end())
            if kind == "judging" and _BEFORE_PASSIVE.search(text[: m.start()]):
                continue
            if m.group().lower().endswith(" to") and _NO_COMMENT.match(text, m.end()):
                continue
            if any(_spans_overlap(span, (s, e)) for s, e, _ in found):
                continue
            if kind != "action" and any(s < span[0] and span[1] < e for s, e in quoted):
                continue
            if (
                kind != "action"
                and m.group().lower().endswith("s")
                and _NOUN_BEFORE.search(text, 0, m.start())
            ):
                continue  # "Beijing's claims over the island", "the calls for restraint": nouns
            found.append((m.start(), m.end(), "speech" if kind == "judging" else kind))
    return sorted(found)


_AUXILIARY_WORDS = (
    r"had|has|have|was|were|is|are|would|will|also|later|previously|earlier|"
    r"repeatedly|already|again|then|once|himself|herself|itself"
)
_AUXILIARIES = re.compile(rf"\s*(?:(?:{_AUXILIARY_WORDS})\s*)+", re.I)
# "The statement also", "the party later": the subject without the words after it
_TRAILING_AUXILIARIES = re.compile(rf"(?:\s+(?:{_AUXILIARY_WORDS}|further|separately))+\s*$", re.I)


def _titled_name(words: str) -> bool:
    """Whether `words` are a name, with nothing before it but capitalised titles ("Senator")."""
    name = trailing_name(words)
    return (
        name is not None
        and name[1] == len(words)
        and all(word[:1].isupper() for word in words[: name[0]].split())
    )


def _left_slot(text: str, cue_start: int) -> tuple[int, int]:
    """The words before a cue that can hold its subject, skipping an appositive.

    "Kim Sun-hye, senior secretary to the President, said" → "Kim Sun-hye".
    """
    end = cue_start
    while end > 0 and text[end - 1] in " \t":
        end -= 1
    start = end
    while start > 0 and text[start - 1] not in _SLOT_BREAKS:
        start -= 1
    if start < end and _AUXILIARIES.fullmatch(text[start:end]):
        # ", had said": only auxiliaries between the appositive and the verb
        end = start
        while end > 0 and text[end - 1] in " \t":
            end -= 1
        start = end
    if start == end and end > 0 and text[end - 1] == ",":
        # ", said": the subject is before an appositive that starts with a lower-case word
        comma = end - 1
        before = text.rfind(",", 0, comma)
        appositive = text[before + 1 : comma].strip() if before >= 0 else ""
        if appositive and (appositive[0].islower() or appositive.split()[0] in ("the", "a", "an")):
            end = before
            start = end
            while start > 0 and text[start - 1] not in _SLOT_BREAKS:
                start -= 1
        elif appositive and _titled_name(appositive):
            # "A Labour lawmaker, Diane Abbott, said" or "The party's spokesman, Senator David
            # Shoebridge, said": the name in the appositive speaks
            start = (
                before
                + 1
                + (len(text[before + 1 : comma]) - len(text[before + 1 : comma].lstrip()))
            )
            end = comma
    return start, end


_CLAUSE_BREAK = re.compile(
    r";|,\s+(?:even\s+as|while|whereas|although|though|as|when|but)\b|\s+(?:even\s+as|whereas)\s",
    re.I,
)


def _clause_end(text: str, start: int, stops: list[int]) -> int:
    """Where the words governed from `start` end: the next cue's slot, a clause break, or the end."""
    later = [s for s in stops if s > start]
    brk = _CLAUSE_BREAK.search(text, start)
    if brk:
        later.append(brk.start())
    return min(later) if later else len(text)


# What may follow a reporting verb that ends its clause: "..., X said at a briefing in May."
_ADJUNCT_START = re.compile(
    r"\s*(?:$|[,.;]|(?:at|in|on|during|from|last|this|earlier|later|after|before|while|"
    r"when|with|through|via|according)\b)",
    re.I,
)


_LISTENER = re.compile(r"\s*(?:(?:the|a|an)\s+)?(?:[\w’'-]+\s+){0,3}?[\w’'-]+(?=\s*(?:$|[,.;]))")
_LISTENER_HEADED = re.compile(
    r"\s*(?:(?:the|a|an)\s+)?(?:[\w’'-]+\s+){0,3}?[\w’'-]+(?=\s+(?:at|in|on|during|last|this|"
    r"earlier|later|after|before|when|via)\b)",
    re.I,
)


def _without_listener(cue: str, after_words: str) -> str:
    """The words after "told" without its listener: "told a briefing on Monday" → " on Monday"."""
    if cue not in ("told", "tells", "telling", "briefed"):
        return after_words
    for pattern in (_LISTENER_HEADED, _LISTENER):
        m = pattern.match(after_words)
        if m and not re.search(r"\bthat\b", m.group()):
            return after_words[m.end() :]
    return after_words


def _governs_after(after_words: str, before_words: str) -> bool:
    """Whether a cue governs the words after it: a clause, or a short object with nothing before."""
    after = len(re.findall(r"\w+", after_words))
    before = len(re.findall(r"\w+", before_words))
    return after >= 4 or (after >= 2 and before < 4)


def _drop_embedded(text: str, candidates: list[Candidate]) -> list[Candidate]:
    """Leave out cues inside the reported words of an earlier cue in the same clause.

    "Pistorius announced ... that Berlin will send ships": the sending is what he announced.
    """
    kept: list[Candidate] = []
    for cand in candidates:
        embedded = any(
            earlier.kind in ("speech", "report")
            and earlier.cue_end <= cand.cue_start
            and not re.search(r"[,;]|\sbut\s", text[earlier.cue_end : cand.cue_start])
            for earlier in kept
        )
        if not embedded:
            kept.append(cand)
    return kept


_PLANNED = re.compile(
    r"(?<![\w-])(?:will|would|could|may|might|shall|to|going\s+to)\s+(?:also\s+|soon\s+)?$", re.I
)


# "undecided about sending", "warned against deploying": a deed named, not done
_DEED_AS_TOPIC = re.compile(
    r"(?<![\w-])(?:about|of|against|on|for|from|without|whether\s+to|considering|consider)\s+$",
    re.I,
)


def _drop_deeds_named_as_topics(text: str, candidates: list[Candidate]) -> list[Candidate]:
    """Leave out deed verbs that a preposition turns into a topic ("undecided about sending")."""
    return [
        c
        for c in candidates
        if not (
            c.kind == "action"
            and _DEED_AS_TOPIC.search(text[max(0, c.cue_start - 25) : c.cue_start])
        )
    ]


def _drop_planned_deeds(text: str, candidates: list[Candidate]) -> list[Candidate]:
    """Leave out deeds still to come when the sentence reports who announced them.

    "Britain will send a carrier group, the minister announced": the minister's words are the
    statement; nothing has been sent yet.
    """
    if not any(c.kind in ("speech", "report") for c in candidates):
        return candidates
    return [
        c
        for c in candidates
        if not (
            c.kind == "action" and _PLANNED.search(text[max(0, c.cue_start - 30) : c.cue_start])
        )
    ]


def _that_clauses(text: str, span: tuple[int, int]) -> list[tuple[int, int]]:
    """The reported clauses of a span: "that A and that B", "A and warned B" → A, B.

    Each clause names its own issues and takes its own stance (else the span is one clause).
    """
    cuts = []
    for m in re.finditer(r",?\s+(?:and|but|while)\s+(that\s)?", text[span[0] : span[1]]):
        after = span[0] + m.end()
        if m.group(1) or _SPEECH.match(text, after):
            cuts.append(span[0] + m.start())
    bounds = [span[0], *cuts, span[1]]
    return [(a, b) for a, b in zip(bounds, bounds[1:], strict=False) if b > a]


class CandidateRules:
    """The reader's candidates read from nouns: a stance noun, a reaction, a stance unchanged.

    Mixed into `rules._Reader`, which holds the document's memory (`ctx`).
    """

    def _stance_noun_candidates(
        self, text: str, mentions: list[Mention], sentence: Sentence
    ) -> list[Candidate]:
        """ "its opposition to X", "France's support for X": the possessor's stance on X."""
        out = []
        for m in _STANCE_NOUN.finditer(text):
            possessor = m.group(1)
            before = [x for x in mentions if x.end - sentence.start <= m.start()]
            speaker: Mention | None = None
            if possessor.lower() in ("its", "their"):
                actors = [x for x in before if x.actor_type not in ("person", "expert", "media")]
                speaker = actors[0] if actors else None
            elif possessor.lower() in ("his", "her"):
                speaker = self._resolve_pronoun(sentence.start + m.start(), mentions)
            else:
                named = [x for x in before if x.end - sentence.start >= m.start(1)]
                speaker = named[-1] if named else None
            if speaker is None:
                continue
            end = _clause_end(text, m.end(), [])
            comma = text.find(",", m.end())
            if comma > 0:
                end = min(end, comma)
            cand = Candidate(m.start(), m.end(), "noun", [speaker], (m.start(2), end))
            cand.resolved_by = "possessive"
            cand.noun_polarity = cues.STANCE_NOUNS[" ".join(m.group(2).lower().split())]
            out.append(cand)
        return out

    def _reaction_candidates(
        self, text: str, mentions: list[Mention], sentence: Sentence
    ) -> list[Candidate]:
        """ "The deal drew a sharp protest from Beijing": Beijing's stance on what drew it."""
        out = []
        for m in _REACTION.finditer(text):
            end = _clause_end(text, m.end(), [])
            source = [
                x
                for x in mentions
                if m.end() <= x.start - sentence.start < end and x.actor_type != "media"
            ]
            if not source:
                continue
            breaks = [0, *(b.end() for b in re.finditer(r"[;:]|,\s+and\s", text[: m.start()]))]
            cand = Candidate(m.start(), m.end(), "noun", [source[0]], (max(breaks), m.start()))
            cand.resolved_by = "reaction"
            cand.noun_polarity = cues.REACTION_NOUNS[m.group(1).lower()]
            out.append(cand)
        return out

    def _unchanged_candidates(
        self, text: str, mentions: list[Mention], sentence: Sentence
    ) -> list[Candidate]:
        """ "Paris's position has not changed": the possessor holds its earlier stance."""
        out = []
        for m in _UNCHANGED.finditer(text):
            possessor = m.group(1)
            speaker: Mention | None = None
            if possessor.lower() in ("its", "his", "her", "their"):
                # the actor of the statement before, which the possessive points back to
                last = self.ctx.previous[-1].speakers if self.ctx.previous else []
                speaker = last[0] if len(last) == 1 else None
            else:
                named = [x for x in mentions if m.start(1) <= x.start - sentence.start < m.end(1)]
                speaker = named[-1] if named else None
            if speaker is None:
                continue
            cand = Candidate(m.start(2), m.end(), "held", [speaker], (m.start(), m.end()))
            cand.resolved_by = "possessive"
            out.append(cand)
        return out
