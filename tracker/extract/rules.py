"""The extraction rules: who speaks, on which issue, with which stance, and when.

A document is read sentence by sentence. In each sentence the rules look for cues (attribution
verbs, report markers, deeds), find the speaker in the slot before the cue (or just after it),
take the words the cue governs as the statement's content, match the content against each
issue's cue terms, read the stance from support and opposition words (with negation), and date
the statement from the date expressions outside its content.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import pandas as pd

from tracker.extract import cues
from tracker.extract.actors import (
    Gazetteer,
    Mention,
    organization_from_context,
    slug,
    trailing_name,
    trailing_organization,
)
from tracker.extract.dates import DateMention, find_dates
from tracker.extract.polarity import (
    AGAINST_DEED,
    HARM,
    NEGATION,
    NEUTRAL,
    OPPOSE,
    SUPPORT,
    UNDECIDED,
    addressed,
    directly_negated,
    longest_cues,
    negated,
    phrase_pattern,
    verb_forms,
    withheld,
)
from tracker.extract.segment import Sentence, split_sentences
from tracker.extract.topics import TopicProfiles

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
# "is supported by", "was welcomed in": a passive judging verb says nothing of its subject
_BEFORE_PASSIVE = re.compile(r"\b(?:is|are|was|were|be|been|being|get|got)\s+(?:\w+ly\s+)?$", re.I)
_REPORT = phrase_pattern(cues.REPORT_CUES)
_ACCORDING = phrase_pattern(cues.REPORT_PREFIXES)
_HEARSAY = phrase_pattern(cues.HEARSAY_CUES)
_ACTION = phrase_pattern(cues.ACTION_CUES)
_PRONOUN = phrase_pattern(cues.PERSON_PRONOUNS)
_PLURAL = phrase_pattern(cues.PLURAL_REFERENCES)
_FIRST_PERSON = phrase_pattern(cues.FIRST_PERSON)
# "such a plan", "the programme": a definite noun phrase that points back to an issue
_ANAPHOR = re.compile(
    r"(?<![\w-])(?:the|this|that|these|its|their|such\s+an?|an?\s+similar)\s+"
    r"(?:new\s+|proposed\s+|planned\s+|latest\s+)?("
    + "|".join(cues.ISSUE_ANAPHOR_NOUNS)
    + r")(?![\w-])",
    re.I,
)
# "it", "this" standing for a thing named before (not "it is said", not "this week")
_BARE_REFERENCE = re.compile(
    r"(?<![\w’'-])(?:it|this)(?![\w’'-])(?!\s+(?:is\s+)?(?:said|reported|understood|expected|"
    r"week|month|year|morning|afternoon|evening|time|summer|spring|autumn|winter)\b)",
    re.I,
)
# "rather than X", "instead of X": X is what the speaker sets aside
_CONTRASTED = re.compile(r"(?:rather\s+than|instead\s+of)\s+(?:[\w’'-]+\s+){0,2}$", re.I)
# "provoking China", "a front against Beijing": the state named next is the target
_TARGETING = re.compile(
    r"(?<![\w-])(?:provok\w*|antagonis\w*|antagoniz\w*|against|contain\w*|encircl\w*|"
    r"isolat\w*|anger\w*|confront\w*|deter\w*|pressur\w*)\s+(?:the\s+)?$",
    re.I,
)


def _as_target(text: str, start: int) -> bool:
    """Whether the name at `start` is the target of the words before it, not an agent."""
    return _TARGETING.search(text[max(0, start - 40) : start]) is not None


_ROLE_REFERENCE = re.compile(
    r"(?<![\w-])the\s+(" + "|".join(re.escape(r) for r in cues.ROLE_NOUNS) + r")(?![\w-])", re.I
)
_GROUP_REFERENCE = re.compile(
    r"(?<![\w-])(?:all|the|these|those)\s+(two|three|four|five|six)\s+(?:[A-Z][\w-]*\s+)*"
    r"(?:nations|countries|states|governments|leaders|partners)(?![\w-])",
    re.I,
)
_NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_MEDIA = phrase_pattern(cues.MEDIA_NOUNS)
# A proposition that itself warns: "X challenges the security of ...", "X is a threat to ..."
_HARM_FRAMED = re.compile(
    r"\b(?:challenges|threatens|undermines|endangers|destabili[sz]es|jeopardi[sz]es|menaces|"
    r"coerces|harms|damages)\s+(?:the|a|an|its|their|[A-Z])"
    r"|\b(?:is|are|poses?|presents?)\s+(?:a\s+)?(?:\w+\s+)?(?:threat|challenge|danger|risk|menace)\b"
)
_INSTITUTION = re.compile(
    r"(?<![\w-])the\s+(?:\w+\s+)?(?:office|ministry|government|officials|spokesman|spokeswoman|"
    r"spokesperson|embassy|cabinet)(?![\w-])",
    re.I,
)
# Role words of a state's office: a speaker with one and no state named ("Defence Minister
# Richard Marles", after "In Canberra") holds the office of the state the story last named
_STATE_OFFICE = re.compile(
    r"(?<![\w-])(?:foreign\s+ministry|defen[cs]e\s+ministry|ministry|government|embassy|"
    r"cabinet|presidential\s+office|minister|chancellor|premier|president|ambassador)(?![\w-])",
    re.I,
)
_GATHERING = phrase_pattern(cues.GATHERING_NOUNS)
_INSTITUTION_WORD = phrase_pattern([h.lower() for h in cues.ORGANIZATION_HEADS])
_INTENT = re.compile(r"\s*(?:" + "|".join(re.escape(v) for v in cues.INTENT_VERBS) + r")\b")
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
# "was criticised by", "has been welcomed by": a passive verb, its agent after "by"
_PASSIVE_AUXILIARY = re.compile(
    r"\b(?:was|were|is|are|has\s+been|have\s+been|had\s+been|been|being)\s+"
    r"(?:\w+ly\s+)?$",
    re.I,
)
# The English names of states ("Italy"), not as part of a longer name ("Taiwan Strait")
_STATE_NAME = re.compile(
    r"(?<![\w-])(?:"
    + "|".join(re.escape(n) for n in sorted(set(cues.DEMONYMS.values()), key=len, reverse=True))
    + r")(?![\w-])(?!\s+[A-Z])(?![’']s)"
)
# "back" as an adverb of direction ("back to", "back home"), not the verb of support
_ADVERB_BACK = re.compile(r"back\s+(?:to|into|in|from|home|down|off|out|away)\b", re.I)
# "Asked whether ..., X said": the question before the answer
_ASKED = re.compile(r"\s*(?:When\s+)?asked\b[^,;]*,", re.I)
# A title and a full name: "Defence Minister Richard Marles", "spokeswoman Mao Ning"
_TITLED_NAME = re.compile(
    r"(?<![\w-])(?i:minister|president|secretary|chancellor|premier|ambassador|envoy|chief|"
    r"spokes(?:man|woman|person)|admiral|general|senator|governor|adviser|advisor|analyst)\s+"
    r"([A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)+)"
)
# After a verb of saying, a capitalised name: the speaker follows its verb ("said Ian Chong")
_INVERTED_SPEAKER = re.compile(r"\s+[A-Z][\w’'-]+\s+[A-Z]")
# Participles that continue the previous speaker ("..., he said, adding that ...").
_CONTINUATIONS = re.compile(r"^\w+ing\b", re.I)
# Characters that end the speaker slot on its left.
_SLOT_BREAKS = ',;:“”"—–()'


# The confidence of a stance read from no stance word at all (the statement affirms its issue).
NO_CUE_CONFIDENCE = 0.55


@dataclass
class Candidate:
    """A statement in the making: a cue, its speaker, the words it governs."""

    cue_start: int
    cue_end: int
    kind: str  # speech, report, hearsay, action
    speakers: list[Mention] = field(default_factory=list)
    content: tuple[int, int] = (0, 0)
    reported_by: str | None = None
    resolved_by: str = "named"  # named, pronoun, role, continuation, group, subject, possessive
    noun_polarity: int = 0  # for "its opposition to X": the stance the noun carries


@dataclass
class Context:
    """What the rules remember while reading a document in order."""

    gazetteer: Gazetteer
    published: dt.date
    persons: list[Mention] = field(default_factory=list)  # persons named so far, in order
    states: list[Mention] = field(default_factory=list)  # governments named so far
    last_reporter: tuple[str, int] | None = None  # (name, sentence index)
    last_dates: dict[tuple[str, ...], tuple[dt.date, str]] = field(default_factory=dict)
    previous: list[Candidate] = field(default_factory=list)  # the last sentence's statements


def _spans_overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _cue_matches(text: str) -> list[tuple[int, int, str]]:
    """(start, end, kind) of every attribution or deed cue in a sentence, no overlaps."""
    found: list[tuple[int, int, str]] = []
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
            if any(_spans_overlap(span, (s, e)) for s, e, _ in found):
                continue
            found.append((m.start(), m.end(), "speech" if kind == "judging" else kind))
    return sorted(found)


_AUXILIARIES = re.compile(
    r"\s*(?:(?:had|has|have|was|were|is|are|would|will|also|later|previously|earlier|"
    r"repeatedly|already|again|then|once|himself|herself|itself)\s*)+",
    re.I,
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
            and not re.search(r"[,;]", text[earlier.cue_end : cand.cue_start])
            for earlier in kept
        )
        if not embedded:
            kept.append(cand)
    return kept


_PLANNED = re.compile(
    r"(?<![\w-])(?:will|would|could|may|might|shall|to|going\s+to)\s+(?:also\s+|soon\s+)?$", re.I
)


def _coordinated(text: str, mentions: list[Mention], offset: int) -> list[Mention]:
    """The first mention and those joined to it: "Japan and Australia", "A, B and C"."""
    together = [mentions[0]]
    for later in mentions[1:]:
        between = text[together[-1].end - offset : later.start - offset]
        if not re.fullmatch(r"\s*(?:,|and|,\s*and)\s*", between):
            break
        together.append(later)
    return list({m.actor_id: m for m in together}.values())


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


class _Reader:
    """Applies the rules to one document; see the module docstring."""

    def __init__(self, ctx: Context, issues: pd.DataFrame):
        self.ctx = ctx
        # +1 for a proposition that warns of harm itself: harm words then agree with it
        self.harm_framed = {
            issue_id: -1 if _HARM_FRAMED.search(proposition) else 1
            for issue_id, proposition in issues[["issue_id", "proposition"]].itertuples(index=False)
        }
        # the actor a proposition is about ("NATO should engage ..."): who acts in it
        self.actor_of: dict[str, str] = {}
        for issue_id, proposition in issues[["issue_id", "proposition"]].itertuples(index=False):
            named = ctx.gazetteer.find(proposition)
            if named and named[0].start == 0 and not named[0].is_new:
                self.actor_of[issue_id] = named[0].actor_id
        # an issue that warns of one state's conduct ("China's conduct challenges ...") needs
        # that state named: its harm words ("threat") are said of many others too
        self.subject_of: dict[str, str] = {}
        for issue_id, proposition in issues[["issue_id", "proposition"]].itertuples(index=False):
            named = ctx.gazetteer.find(proposition)
            if (
                self.harm_framed[issue_id] == -1
                and named
                and named[0].start == 0
                and not named[0].is_new
                and named[0].actor_type == "government"
            ):
                self.subject_of[issue_id] = named[0].actor_id
        self._history: list[tuple[str, dict]] = []  # (sentence, its issues), in text order
        self.topics = TopicProfiles(issues)
        self.issue_patterns = [
            (issue_id, [(_cue_pattern(c.lstrip("-")), c.startswith("-")) for c in issue_cues])
            for issue_id, issue_cues in issues[["issue_id", "cues"]].itertuples(index=False)
        ]

    # --- who ---------------------------------------------------------------------------

    def _remember(self, mentions: list[Mention]) -> None:
        for mention in mentions:
            if mention.actor_type in ("person", "expert"):
                self.ctx.persons.append(mention)
            elif mention.actor_type == "government":
                self.ctx.states.append(mention)

    def _resolve_pronoun(self, before: int, sentence_mentions: list[Mention]) -> Mention | None:
        local = [
            m for m in sentence_mentions if m.end <= before and m.actor_type in ("person", "expert")
        ]
        if local:
            return local[-1]
        return self.ctx.persons[-1] if self.ctx.persons else None

    def _resolve_role(
        self, role: str, before: int, sentence_mentions: list[Mention]
    ) -> Mention | None:
        people = [
            m for m in sentence_mentions if m.end <= before and m.actor_type in ("person", "expert")
        ]
        people = self.ctx.persons + people
        for mention in reversed(people):
            if role.lower() in (mention.role or "").lower():
                return mention
        return people[-1] if people else None

    def _group(self, count: int) -> list[Mention]:
        """The last `count` distinct states named (a person stands for their state)."""
        chosen: list[Mention] = []
        seen: set[str] = set()
        history = [*self.ctx.states, *self.ctx.persons]
        history.sort(key=lambda m: m.start)
        for mention in reversed(history):
            state = mention if mention.actor_type == "government" else None
            if state is None:
                state = self.ctx.gazetteer.state_actor(
                    mention.organization, mention.start, mention.end
                )
                if state.is_new:
                    continue
            if state.actor_id not in seen:
                seen.add(state.actor_id)
                chosen.append(state)
            if len(chosen) == count:
                break
        return chosen if len(chosen) == count else []

    def _new_speaker(
        self, sentence: Sentence, slot: tuple[int, int], name: tuple[int, int]
    ) -> Mention:
        """A speaker the codebook lacks, with the organization its role words or appositive give."""
        text = sentence.text
        start, end = slot
        words = text[start:end]
        name_text = words[name[0] : name[1]]
        abs_start = sentence.start + start + name[0]
        appositive = ""
        if text[end:].startswith(","):
            close = text.find(",", end + 1)
            appositive = text[end + 1 : close] if close > 0 else ""
        organization, role_words = organization_from_context(
            words[: name[0]], f"{words[name[1] :]} {appositive}", self.ctx.gazetteer
        )
        if not organization and _STATE_OFFICE.search(role_words or words[: name[0]]):
            # "Foreign ministry spokeswoman Mao Ning", after "Beijing reacted": that state's
            organization = self._state_in_view(sentence, abs_start)
        is_media = bool(_MEDIA.search(words[: name[0]]))
        mention = Mention(
            abs_start,
            abs_start + len(name_text),
            slug(name_text),
            name_text,
            "media" if is_media else "person",
            organization or name_text,
            True,
            role_words,
        )
        return mention

    def _new_organization(
        self, sentence: Sentence, slot: tuple[int, int], found: tuple[int, int, str]
    ) -> Mention:
        """An organization the codebook lacks, speaking for the state named just before it."""
        start, end, kind = found
        words = sentence.text[slot[0] : slot[1]]
        name = words[start:end]
        before = words[:start]
        organization, _ = organization_from_context(before, "", self.ctx.gazetteer)
        abs_start = sentence.start + slot[0] + start
        return Mention(
            abs_start, abs_start + len(name), slug(name), name, kind, organization or name, True, ""
        )

    def _passive_agent(
        self,
        text: str,
        slot: tuple[int, int],
        cand: Candidate,
        mentions: list[Mention],
        sentence: Sentence,
    ) -> Mention | None:
        """The actor after "by" when a cue is passive ("was criticised by China"), else None."""
        if cand.kind != "speech" or not _PASSIVE_AUXILIARY.search(text[slot[0] : cand.cue_start]):
            return None
        by = re.match(r"\s+by\s+(?:the\s+)?", text[cand.cue_end :])
        if not by:
            return None
        at = cand.cue_end + by.end()
        agents = [m for m in mentions if m.start - sentence.start == at]
        return agents[0] if agents else None

    def _titled_people(self, sentence: Sentence, mentions: list[Mention]) -> list[Mention]:
        """People the codebook lacks, named with a title ("Defence Minister Richard Marles")."""
        text = sentence.text
        people = []
        for m in _TITLED_NAME.finditer(text):
            name = (m.start(1), m.end(1))
            if any(
                x.start - sentence.start < name[1] and name[0] < x.end - sentence.start
                for x in mentions
            ):
                continue
            slot_start = _left_slot(text, m.end(1))[0]
            slot_start = min(slot_start, m.start())
            people.append(
                self._new_speaker(
                    sentence, (slot_start, name[1]), (name[0] - slot_start, name[1] - slot_start)
                )
            )
        return people

    def _state_in_view(self, sentence: Sentence, before: int) -> str:
        """The state named last before `before`: in the sentence, else earlier in the text."""
        local = [
            m
            for m in self.ctx.gazetteer.find(sentence.text, sentence.start)
            if m.actor_type == "government" and m.end <= before
        ]
        states = local or self.ctx.states
        return states[-1].organization if states else ""

    def _speaker_in(
        self, sentence: Sentence, slot: tuple[int, int], mentions: list[Mention]
    ) -> tuple[list[Mention], str]:
        """The actor(s) a slot names, and how they were found."""
        text = sentence.text
        start, end = slot
        words = text[start:end]
        inside = [
            m
            for m in mentions
            if start <= m.start - sentence.start and m.end - sentence.start <= end
        ]
        # "the Chinese embassy in Tokyo": a place after the head is not the speaker
        heads = [
            m
            for m in inside
            if not re.search(
                r"\b(?:in|at|from|to|visiting|near|over)\s+(?:the\s+)?$",
                text[start : m.start - sentence.start],
                re.I,
            )
        ]
        if heads and len(heads) < len(inside):
            inside = heads
        group = list(_GROUP_REFERENCE.finditer(words))
        if group:
            members = self._group(_NUMBER_WORDS[group[-1].group(1).lower()])
            if members:
                return members, "group"
        # "Bonnie Lin of the Center for ...": the name heads the slot, the institution follows
        pp = re.search(r"\s+(?:of|at|from|with)\s+(?:the\s+)?[A-Z]", words)
        head_end = pp.start() if pp else len(words)
        name = trailing_name(words[:head_end])
        organization = trailing_organization(words)
        new = self._new_speaker(sentence, slot, name) if name else None
        if organization and (new is None or start + organization[1] >= new.end - sentence.start):
            new = self._new_organization(sentence, slot, organization)
        if new is not None and inside and inside[-1].end > new.start:
            new = None  # the codebook names the head of the subject
        if inside and new is None:
            # "Japan and NATO agreed", "Japan, Australia and New Zealand joined": together
            together = [inside[-1]]
            # the list may run back past the slot's commas ("A, B, C and D joined")
            earlier_mentions = [m for m in mentions if m.end <= inside[-1].start]
            joined_by_and = False
            for earlier in reversed(earlier_mentions):
                between = text[earlier.end - sentence.start : together[0].start - sentence.start]
                if not re.fullmatch(r"\s*(?:,|and|,\s*and)\s*", between):
                    break
                if not joined_by_and and "and" not in between:
                    break  # "..., in Tokyo, Albanese said": a list ends with "and"
                joined_by_and = True
                together.insert(0, earlier)
            distinct = list({m.actor_id: m for m in together}.values())
            return distinct, "named"
        if new is not None:
            return [new], "named"
        acronym = re.search(r"(?<![\w-])([A-Z]{2,6})\s*$", words)
        if acronym and (_MEDIA.search(words) or _INSTITUTION_WORD.search(words)):
            # "North Korea's state news agency KCNA": an outlet or body known by its acronym
            at = (acronym.start(1), acronym.end(1))
            mention = self._new_speaker(sentence, slot, at)
            return [mention], "named"
        if _PLURAL.search(words):
            people = [
                m for m in mentions if m.end - sentence.start <= end and m.actor_type == "person"
            ]
            distinct = list({m.actor_id: m for m in reversed(people)}.values())[:2]
            if len(distinct) == 2:
                return distinct, "group"
        pronoun = list(_PRONOUN.finditer(words))
        if pronoun:
            found = self._resolve_pronoun(sentence.start + start + pronoun[-1].start(), mentions)
            if found:
                return [found], "pronoun"
        role = list(_ROLE_REFERENCE.finditer(words))
        if role:
            found = self._resolve_role(role[-1].group(1), sentence.start + start, mentions)
            if found:
                return [found], "role"
        single = re.findall(r"[A-Z][\w’'\-]+", words)
        for word in reversed(single):
            # a surname alone: a person named in full earlier in the document
            for person in reversed(self.ctx.persons):
                # family names come first in some languages ("Li Shangfu" → "Li")
                if person.is_new and word in (person.name.split()[0], person.name.split()[-1]):
                    return [person], "surname"
            actor_id = self.ctx.gazetteer.fuzzy_surname(word)
            if actor_id:
                return [
                    self.ctx.gazetteer.mention(
                        actor_id, sentence.start + start, sentence.start + end
                    )
                ], "named"
        state = list(_STATE_NAME.finditer(words))
        if state and not inside:
            # "while Italy has yet to decide": a state the codebook lacks, as subject
            at = sentence.start + start + state[-1].start()
            return [
                self.ctx.gazetteer.state_actor(state[-1].group(), at, at + len(state[-1].group()))
            ], "named"
        if _INSTITUTION.search(words):
            # "the presidential office announced": the state the sentence or story is about
            states = [m for m in mentions if m.actor_type == "government"]
            if states:
                return [states[0]], "institution"
            if self.ctx.states:
                return [self.ctx.states[-1]], "institution"
        return [], ""

    # --- what ---------------------------------------------------------------------------

    def _issues(self, text: str, span: tuple[int, int]) -> dict[str, list[tuple[int, int, int]]]:
        """Issue id → cue matches (start, end, polarity) inside `span` of the sentence.

        A term's polarity is -1 when it stands for the opposite of the proposition: the
        analyst marked it with a leading "-", or it carries its own negation ("no role").
        Issues found only through names ("China", "Asia-Pacific") give way to issues found
        through other terms: naming a country or region is weak evidence of the topic.
        """
        found: dict[str, list[tuple[int, int, int]]] = {}
        weak: set[str] = set()
        words = text[span[0] : span[1]]
        for issue_id, patterns in self.issue_patterns:
            strong = False
            for pattern, marked in patterns:
                for m in pattern.finditer(words):
                    if _in_place_name(words, m.start(), m.end()):
                        continue  # "China" in "the South China Sea" names a sea
                    rejected = HARM.fullmatch(m.group()) and self.harm_framed.get(issue_id) == 1
                    negative = marked or NEGATION.search(m.group()) or rejected
                    polarity = -1 if negative else 1
                    found.setdefault(issue_id, []).append(
                        (m.start() + span[0], m.end() + span[0], polarity)
                    )
                    if not _weak_term(m.group(), self.ctx.gazetteer):
                        strong = True
            if issue_id in found and not strong:
                weak.add(issue_id)
        if len(weak) < len(found):
            for issue_id in weak:
                del found[issue_id]
        return found

    def _shared_terms_resolved(
        self, words: str, issues: dict[str, list[tuple[int, int, int]]]
    ) -> dict[str, list[tuple[int, int, int]]]:
        """Issues left when a term that cues several issues counts for the best-described one.

        "joint drills" cues both cooperation and military presence; the statement's other
        words ("carrier", "forces") say which it is about. An issue whose every term is
        claimed that way by a better-described issue is dropped.
        """
        if len(issues) < 2:
            return issues
        scores = self.topics.scores(words)
        kept = {}
        for issue_id, matches in issues.items():
            own = [
                (s, e, p)
                for s, e, p in matches
                if not any(
                    scores.get(other, 0) > scores.get(issue_id, 0)
                    and any(_spans_overlap((s, e), (s2, e2)) for s2, e2, _ in theirs)
                    for other, theirs in issues.items()
                    if other != issue_id
                )
            ]
            if own:
                kept[issue_id] = matches
        return kept or issues

    def _pejorative_for_actor(
        self, text: str, span: tuple[int, int], term: tuple[int, int, int], issue_id: str
    ) -> bool:
        """Whether a harm word names what the proposition's own actor does ("NATO's meddling").

        "urged NATO to stop meddling" opposes NATO's engagement, whatever verb governs the
        word; "not allow anyone to interfere" is said of others and flips as usual.
        """
        actor = self.actor_of.get(issue_id)
        if actor is None or term[2] > 0 or self.harm_framed.get(issue_id) != 1:
            return False
        if not HARM.fullmatch(text[term[0] : term[1]]):
            return False
        before = text[span[0] : term[0]]
        return any(m.actor_id == actor for m in self.ctx.gazetteer.find(before))

    def _term_spans(self, text: str) -> list[tuple[int, int]]:
        """Where any issue's cue terms stand in a sentence."""
        return [
            (m.start(), m.end())
            for _, patterns in self.issue_patterns
            for pattern, _ in patterns
            for m in pattern.finditer(text)
        ]

    def _names_side_of(self, term: str, speakers: list[Mention]) -> bool:
        """Whether a name-only term ("China", "Beijing") names a speaker or the speaker's state."""
        term = " ".join(term.split())
        state = cues.CAPITALS.get(term) or cues.DEMONYMS.get(term)
        named = self.ctx.gazetteer.find(term)
        sides = {m.actor_id for m in speakers} | {m.organization.lower() for m in speakers}
        if state and state.lower() in sides:
            return True
        return any(m.actor_id in sides or m.organization.lower() in sides for m in named)

    def _without_own_side(
        self, text: str, issues: dict[str, list[tuple[int, int, int]]], speakers: list[Mention]
    ) -> dict[str, list[tuple[int, int, int]]]:
        """Issues left when terms that only name the speaker's own side are set aside.

        "China's foreign ministry criticised the deal" or "Li said China would ..." is not, by
        the name alone, about China as a challenge: the speaker names itself.
        """
        kept: dict[str, list[tuple[int, int, int]]] = {}
        for issue_id, matches in issues.items():
            left = [
                (s, e, p)
                for s, e, p in matches
                if not (
                    _weak_term(text[s:e], self.ctx.gazetteer)
                    and self._names_side_of(text[s:e], speakers)
                )
            ]
            if left:
                kept[issue_id] = left
        return kept

    def _about_subject(
        self,
        issue_id: str,
        text: str,
        mentions: list[Mention],
        speakers: list[Mention],
        base: int = 0,
    ) -> bool:
        """Whether a sentence names the state whose conduct an issue warns of (or it speaks).

        "cooperation on cyber threats" is not about China's conduct unless China is named;
        "warned against provoking China" names China as the target of others' conduct.
        """
        subject = self.subject_of.get(issue_id)
        if subject is None:
            return True
        organization = self.ctx.gazetteer.info(subject)[2]
        if any(m.actor_id == subject for m in mentions if not _as_target(text, m.start - base)):
            return True
        if any(m.actor_id == subject or m.organization == organization for m in speakers):
            return True
        names = [p for p, _ in dict(self.issue_patterns)[issue_id]]
        return any(
            _weak_term(m.group(), self.ctx.gazetteer) and not _as_target(text, m.start())
            for pattern in names
            for m in pattern.finditer(text)
        )

    def _stance(
        self,
        text: str,
        span: tuple[int, int],
        issue_matches: list[tuple[int, int, int]],
        issue_id: str = "",
        other_terms: list[tuple[int, int]] | None = None,
        found_elsewhere: list[tuple[int, int]] = (),
    ) -> tuple[str, float]:
        """Stance toward the proposition in `span`, and how sure the cue evidence is.

        The stance word nearest the issue's terms decides (negated within a few words, it
        flips); with none, the statement affirms what it says about the issue. An issue term
        that stands for the opposite of the proposition, or is directly negated ("not a
        global alliance"), flips the result.
        """
        issue_spans = [(s, e) for s, e, _ in issue_matches]
        described = [*issue_spans, *(other_terms or [])]
        found = self._stance_cues(text, span, described, issue_id)
        hits = [(start, polarity) for start, end, polarity in longest_cues(found)]
        if not hits and found_elsewhere:
            # "said the patrols were routine and accused Paris of stirring up trouble": the
            # verdict of the statement's other clause, which names nothing else, is on this
            found = [
                c
                for part in found_elsewhere
                for c in self._stance_cues(text, part, described, issue_id)
            ]
            hits = [(span[0], polarity) for start, end, polarity in longest_cues(found)]
        if any(polarity == 0 for _, polarity in hits):
            return "neutral", 0.6
        term_polarity = 1
        if issue_matches:
            first = min(issue_matches)
            # a negation that belongs to a stance cue ("should not patrol") is counted there
            negation_in_cue = any(s < first[0] and first[0] - e <= 2 and p < 0 for s, e, p in found)
            term_polarity = first[2] * (1 if negation_in_cue else directly_negated(text, first[0]))
            if NEGATION.search(text[first[0] : first[1]]):
                # a term that carries its own negation ("no role") says the stance itself
                return ("support" if term_polarity > 0 else "oppose"), 0.7
            if self._pejorative_for_actor(text, span, first, issue_id):
                return "oppose", 0.7
        if not hits:
            return ("support" if term_polarity > 0 else "oppose"), NO_CUE_CONFIDENCE
        anchor = min(issue_spans)[0] if issue_spans else span[0]
        hits.sort(key=lambda h: abs(h[0] - anchor))
        polarity = hits[0][1] * term_polarity
        return ("support", 0.75) if polarity > 0 else ("oppose", 0.75)

    def _stance_cues(
        self, text: str, span: tuple[int, int], described: list[tuple[int, int]], issue_id: str
    ) -> list[tuple[int, int, int]]:
        """The stance cues in `span` as (start, end, polarity), negation applied."""
        words = text[span[0] : span[1]]
        harm = -self.harm_framed.get(issue_id, 1)
        found: list[tuple[int, int, int]] = []
        stance_patterns = (
            (SUPPORT, 1),
            (OPPOSE, -1),
            (AGAINST_DEED, -1),
            (NEUTRAL, 0),
            (UNDECIDED, 0),
            (HARM, harm),
        )
        for pattern, polarity in stance_patterns:
            for m in pattern.finditer(words):
                where = (m.start() + span[0], m.end() + span[0])
                # a cue word that is part of an issue's terms describes a proposition
                if any(_spans_overlap(where, s) for s in described):
                    continue
                if pattern is HARM and addressed(words, m.start()):
                    continue  # "cooperation on cyber threats": the harm is what is tackled
                if pattern is SUPPORT and _ADVERB_BACK.match(words, m.start()):
                    continue  # "send a frigate back to Asia": a direction, not support
                # negation may stand before the content: "does not want", "is not opposed"
                polarity *= negated(text, where[0])
                if _CONTRASTED.search(text[max(0, where[0] - 40) : where[0]]):
                    polarity = -polarity  # "talks rather than sanctions": what is set aside
                found.append((*where, polarity))
        return found

    def _principal(
        self, cand: Candidate, text: str, mentions: list[Mention], sentence: Sentence
    ) -> None:
        """ "Kim, secretary to the President, said Yoon will chair ...": Yoon's plan, reported.

        When a speaker announces what another person of the same organization will do, the
        position is that person's, and the speaker reports it.
        """
        if cand.kind != "speech" or len(cand.speakers) != 1 or cand.content[0] != cand.cue_start:
            return
        speaker = cand.speakers[0]
        rest = text[cand.cue_end :]
        skip = len(rest) - len(re.sub(r"^\s*(?:that\s+)?", "", rest))
        at = cand.cue_end + skip
        for m in mentions:
            if (
                m.start - sentence.start == at
                and m.actor_type == "person"
                and m.actor_id != speaker.actor_id
                and m.organization == speaker.organization
                and _INTENT.match(text, m.end - sentence.start)
            ):
                cand.speakers = [m]
                cand.kind = "report"
                cand.reported_by = speaker.name
                cand.resolved_by = "principal"
                return

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

    # --- the document ------------------------------------------------------------------

    def read_sentence(self, index: int, sentence: Sentence) -> list[dict]:
        """The statements of one sentence as row dicts (one per actor × issue)."""
        text = sentence.text
        gazetteer = self.ctx.gazetteer
        mentions = gazetteer.find(text, sentence.start)
        reporter: str | None = None
        according = _ACCORDING.search(text)
        according_span = None
        if according:
            rest_start = according.end()
            rest_end = min(
                [i for i in (text.find(c, rest_start) for c in ",;") if i > 0] or [len(text)]
            )
            source = text[rest_start:rest_end].strip(" .")
            source_mentions = [
                m for m in mentions if rest_start <= m.start - sentence.start < rest_end
            ]
            if source_mentions and source_mentions[-1].actor_type == "media":
                reporter = source_mentions[-1].name
            elif _MEDIA.search(source):
                name = trailing_name(source) or None
                # "a source quoted by the Asahi newspaper": the name before the media noun
                named = re.findall(
                    r"([A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)\s+" + _MEDIA.pattern, source
                )
                if name:
                    reporter = source[name[0] : name[1]]
                elif named:
                    reporter = named[-1]
                else:
                    reporter = source.split()[-1]
            according_span = (according.start(), rest_end)

        candidates: list[Candidate] = []
        for start, end, kind in _cue_matches(text):
            if according_span and _spans_overlap((start, end), according_span):
                continue
            candidates.append(Candidate(start, end, kind))
        candidates = _drop_planned_deeds(text, _drop_embedded(text, candidates))
        candidates = _drop_deeds_named_as_topics(text, candidates)
        candidates += self._stance_noun_candidates(text, mentions, sentence)
        if according and not reporter:
            # "according to the minister": the named source speaks
            candidates.append(Candidate(according.start(), according.end(), "according"))

        # speakers
        for n, cand in enumerate(candidates):
            if cand.kind == "according":
                slot = (cand.cue_end, according_span[1])
            else:
                slot = _left_slot(text, cand.cue_start)
            if (
                n > 0
                and _CONTINUATIONS.match(text[cand.cue_start :])
                and text[: cand.cue_start].rstrip().endswith(",")
            ):
                cand.speakers, cand.resolved_by = candidates[n - 1].speakers, "continuation"
                continue
            if text[cand.cue_start : cand.cue_end].lower() in cues.ROSTER_CUES:
                # "The contingent includes A, B and C": each person named attends
                if _GATHERING.search(text[slot[0] : slot[1]]):
                    end = _clause_end(text, cand.cue_end, [])
                    cand.speakers = [
                        m
                        for m in mentions
                        if cand.cue_end <= m.start - sentence.start < end
                        and m.actor_type in ("person", "expert")
                    ]
                    cand.speakers = list({m.actor_id: m for m in cand.speakers}.values())
                    cand.resolved_by = "roster"
                    cand.content = (0, len(text))
                continue
            coordinated = re.search(r"(?:^|\s)(?:and|but|then)\s*$", text[slot[0] : slot[1]])
            if coordinated:
                if n > 0 and candidates[n - 1].speakers:
                    cand.speakers, cand.resolved_by = candidates[n - 1].speakers, "continuation"
                    continue
                # "X visited Seoul and pledged": the subject is the clause's first noun phrase
                verb = re.search(r"\s[a-z][a-z’']+(?=\s)", text[slot[0] : slot[1]])
                if verb:
                    slot = (slot[0], slot[0] + verb.start())
            agent = self._passive_agent(text, slot, cand, mentions, sentence)
            if agent is not None:
                # "The plan was criticised by China": the agent speaks about the subject
                cand.speakers, cand.resolved_by = [agent], "passive"
                continue
            speakers, how = self._speaker_in(sentence, slot, mentions)
            if cand.kind != "according" and not speakers:
                after = text[cand.cue_end :]
                lead = len(after) - len(after.lstrip())
                right = [m for m in mentions if m.start - sentence.start == cand.cue_end + lead]
                # '"...," said Stoltenberg': the name after the verb speaks only when nothing
                # before the verb could ("the Chinese mission said NATO should ...": NATO is
                # what the mission spoke of)
                if re.search(r"[A-Za-z]{2}", text[slot[0] : slot[1]]):
                    right = []
                if right:
                    speakers, how = [right[0]], "named"
                elif _INVERTED_SPEAKER.match(text, cand.cue_end) and cand.kind == "speech":
                    # '"...," said Ian Chong of the National University': a new name after
                    start = cand.cue_end + lead
                    stop = re.search(r"[,;:“”\"(—–]|\.(?:\s|$)", text[start:])
                    end = start + stop.start() if stop else len(text)
                    words = text[start:end]
                    pp = re.search(r"\s+(?:of|at|from|with)\s", words)
                    name = trailing_name(words[: pp.start() if pp else len(words)])
                    if name and name[0] == 0:
                        speakers = [self._new_speaker(sentence, (start, end), name)]
                        how = "named"
            if not speakers and n > 0 and _CONTINUATIONS.match(text[cand.cue_start :]):
                speakers, how = candidates[n - 1].speakers, "continuation"
            # "Spain is sceptical about X, diplomats said": the unnamed sources speak of the
            # statement already found, not of an actor of their own
            earlier_named = any(c.speakers for c in candidates[:n])
            if not speakers and cand.kind in ("action", "speech", "hearsay") and not earlier_named:
                subject = [m for m in mentions if m.start - sentence.start < cand.cue_start]
                if subject:
                    speakers, how = [subject[0]], "subject"
            cand.speakers, cand.resolved_by = speakers, how
        candidates = [c for c in candidates if c.speakers]

        candidates += self._reaction_candidates(text, mentions, sentence)

        # reports: the media speaker reports; the statement's actor is the content's subject
        for cand in candidates:
            media = [m for m in cand.speakers if m.actor_type == "media"]
            cue = text[cand.cue_start : cand.cue_end]
            if (
                media
                and cand.kind == "speech"
                and (SUPPORT.fullmatch(cue) or OPPOSE.fullmatch(cue))
            ):
                # "the agency KCNA condemned the move": the outlet takes a stance of its own
                media = []
            elif cand.kind == "report" or media:
                cand.reported_by = media[0].name if media else cand.speakers[0].name
                cand.kind = "report"
                cand.speakers = []
            elif cand.kind == "hearsay":
                if self.ctx.last_reporter and index - self.ctx.last_reporter[1] <= 2:
                    cand.reported_by = self.ctx.last_reporter[0]
            elif reporter:
                cand.reported_by = reporter

        # content: the words each cue governs
        slot_starts = sorted(
            _left_slot(text, c.cue_start)[0] for c in candidates if c.kind != "noun"
        )
        for n, cand in enumerate(candidates):
            if cand.kind == "noun" or cand.resolved_by == "roster":
                continue
            if cand.resolved_by == "passive":
                start = _left_slot(text, cand.cue_start)[0]
                cand.content = (start, _clause_end(text, cand.cue_end, []))
                continue
            after_end = _clause_end(text, cand.cue_end, slot_starts)
            if cand.kind == "action":
                # a deed ends where a new clause starts: "..., and the alliance declared ..."
                new_clause = re.search(r",\s+and\s", text[cand.cue_end : after_end])
                if new_clause:
                    after_end = cand.cue_end + new_clause.start()
                cand.content = (_left_slot(text, cand.cue_start)[0], after_end)
                continue
            if according_span and according_span[0] > cand.cue_end:
                after_end = min(after_end, according_span[0])
            after_words = text[cand.cue_end : after_end]
            slot_start = _left_slot(text, cand.cue_start)[0]
            cue_word = text[cand.cue_start : cand.cue_end].lower()
            before_start = candidates[n - 1].cue_end if n > 0 else 0
            if according_span and according_span[1] <= slot_start:
                before_start = max(before_start, according_span[1])
            before_words = text[before_start:slot_start]
            # "<words>, X said at a briefing": the words before the comma are what X said
            quote_first = (
                slot_start > 0
                and text[:slot_start].rstrip()[-1:] in ',”"'
                and len(re.findall(r"\w+", before_words)) >= 4
                and (
                    re.match(_ADJUNCT_START, _without_listener(cue_word, after_words)) is not None
                    # '"...," said Ian Chong of ...': the speaker follows the verb
                    or any(m.start - sentence.start >= cand.cue_end for m in cand.speakers)
                )
            )
            if (
                cand.kind in ("speech", "hearsay", "action", "according", "report")
                # an outlet's participle ("KCNA condemned it, calling NATO ...") reports
                # nobody else's words: it is not read as "X reported that ..."
                and not (cand.kind == "report" and cand.resolved_by == "continuation")
                and _governs_after(after_words, before_words)
                and not quote_first
            ):
                cand.content = (cand.cue_start, after_end)
            else:
                previous_end = candidates[n - 1].cue_end if n > 0 else 0
                slot_start = _left_slot(text, cand.cue_start)[0]
                cand.content = (previous_end, max(slot_start, previous_end))
                if cand.kind == "report" and cand.content[1] - cand.content[0] < 10:
                    cand.content = (previous_end, cand.cue_start)
                if cand.kind == "report" and n > 0 and candidates[n - 1].speakers:
                    # "France opposes the plan, Kyodo reported": the outlet reports the
                    # statement before it, which already has its speaker
                    for earlier in candidates[:n]:
                        earlier.reported_by = earlier.reported_by or cand.reported_by
                    cand.speakers = []
                    continue
            if cand.kind == "report":
                inside = [
                    m
                    for m in mentions
                    if cand.content[0] <= m.start - sentence.start < cand.content[1]
                    and m.actor_type != "media"
                ]
                if inside:
                    cand.speakers = [inside[0]]
                    cand.resolved_by = "subject"
        for cand in candidates:
            self._principal(cand, text, mentions, sentence)
        candidates = [c for c in candidates if c.speakers]

        # no cue: a first-person sentence goes on with the previous speaker's words
        if not candidates and self.ctx.previous and _FIRST_PERSON.search(text):
            last = self.ctx.previous[-1]
            cont = Candidate(
                0,
                0,
                last.kind,
                list(last.speakers),
                (0, len(text)),
                last.reported_by,
                "continuation",
            )
            candidates = [cont]
        # no cue, no speaker, but a known actor opens the sentence and takes a stance
        if not candidates and reporter:
            subject = [m for m in mentions if m.actor_type != "media"]
            if according_span:
                subject = [
                    m
                    for m in subject
                    if not according_span[0] <= m.start - sentence.start < according_span[1]
                ]
            if subject:
                together = _coordinated(text, subject, sentence.start)
                candidates = [
                    Candidate(0, 0, "report", together, (0, len(text)), reporter, "subject")
                ]

        rows = self._rows(index, sentence, candidates, mentions)
        self._remember([m for m in mentions if not m.is_new])
        if not candidates:
            # "Defence Minister Richard Marles was more guarded.": a later "he" is this person
            self._remember(self._titled_people(sentence, mentions))
        for cand in candidates:
            self._remember([m for m in cand.speakers if m.is_new])
            if cand.reported_by:
                self.ctx.last_reporter = (cand.reported_by, index)
        if reporter:
            self.ctx.last_reporter = (reporter, index)
        self.ctx.previous = candidates
        return rows

    def _rows(
        self, index: int, sentence: Sentence, candidates: list[Candidate], mentions: list[Mention]
    ) -> list[dict]:
        text = sentence.text
        rows: list[dict] = []
        sentence_issues = self._issues(text, (0, len(text)))
        term_spans = self._term_spans(text)
        assigned: dict[str, list] = {}
        dates = find_dates(text, self.ctx.published)
        for n, cand in enumerate(candidates):
            # "said that A and that B": each reported clause names its own issues
            issues, stance_span = {}, {}
            unnamed = []  # the statement's clauses that name no issue of their own
            for part in _that_clauses(text, cand.content):
                part_issues = self._issues(text, part)
                if not part_issues:
                    unnamed.append(part)
                for issue_id, matches in part_issues.items():
                    issues.setdefault(issue_id, []).extend(matches)
                    stance_span.setdefault(issue_id, part)
            issues = self._without_own_side(text, issues, cand.speakers)
            issues = self._shared_terms_resolved(text[cand.content[0] : cand.content[1]], issues)
            issues = {
                k: v
                for k, v in issues.items()
                if self._about_subject(k, text, mentions, cand.speakers, sentence.start)
            }
            asked = _ASKED.match(text)
            if not issues and asked and cand.content[0] >= asked.end():
                # "Asked whether Paris would back the office, a diplomat said no decision ...":
                # the question names the issue, the answer gives the stance
                issues = {k: [] for k in self._issues(text, (0, asked.end()))}
            if not issues:
                # no cue term: the issue whose descriptive words the statement uses, if any
                by_words = self.topics.best(text[cand.content[0] : cand.content[1]])
                if by_words:
                    issues = {by_words: []}
            anaphor = _ANAPHOR.search(text[cand.content[0] : cand.content[1]])
            if not issues and anaphor:
                issues = (
                    _previous_issues(
                        self._without_own_side(text, sentence_issues, cand.speakers), cand.content
                    )
                    or self._antecedent_issues(anaphor.group(1))
                    or self._previous_issues()
                )
            if not issues and _BARE_REFERENCE.search(text[cand.content[0] : cand.content[1]]):
                # "It is global", "we make a mistake if we push it": the statement goes on
                # about what the sentence before it was about
                issues = self._previous_issues()
            frame_start = candidates[n - 1].cue_end if n > 0 else 0
            dated = _statement_date(text, dates, cand, frame_start)
            if dated is None:
                # a run of statements by one speaker is dated once ("On Monday, X said ... X wrote")
                carried = self.ctx.last_dates.get(tuple(m.actor_id for m in cand.speakers))
                dated = carried or (self.ctx.published, "published")
            else:
                self.ctx.last_dates = {tuple(m.actor_id for m in cand.speakers): dated}
            if not carried_ok(self.ctx.last_dates, cand):
                self.ctx.last_dates = {}
            date, precision = dated
            attribution = {
                "action": "action",
                "report": "reported",
                "hearsay": "reported",
                "noun": "reported",
            }.get(cand.kind, "stated")
            if cand.reported_by and attribution == "stated":
                attribution = "reported"
            base = 0.8 if cand.resolved_by == "named" else 0.65
            for speaker in cand.speakers:
                targets = issues.items() if issues else [("", [])]
                for issue_id, matches in targets:
                    stance, stance_conf = (
                        self._stance(
                            text,
                            stance_span.get(issue_id, cand.content),
                            matches,
                            issue_id,
                            term_spans,
                            unnamed if issue_id in stance_span else (),
                        )
                        if issue_id
                        else ("neutral", 0.3)
                    )
                    if cand.kind == "action" and issue_id:
                        # a deed takes its stance from the deed, not from others' words about it
                        deed = negated(text, cand.cue_start) * (matches[0][2] if matches else 1)
                        stance, stance_conf = ("support" if deed > 0 else "oppose"), 0.7
                    if issue_id and (
                        withheld(text, cand.cue_start, cand.cue_end)
                        or NEUTRAL.search(text[cand.cue_start : cand.cue_end])
                    ):
                        # "has not said whether", "did not comment on": no side taken
                        stance, stance_conf = "neutral", 0.6
                    if cand.noun_polarity and issue_id:
                        stance = "support" if cand.noun_polarity > 0 else "oppose"
                        stance_conf = 0.8
                    rows.append(
                        {
                            "sentence": index,
                            "actor_id": speaker.actor_id,
                            "actor": speaker.name,
                            "actor_type": speaker.actor_type,
                            "organization": speaker.organization,
                            "actor_is_new": speaker.is_new,
                            "actor_role": speaker.role,
                            "issue_id": issue_id,
                            "stance": stance,
                            "statement_date": date,
                            "date_precision": precision,
                            "attribution": attribution,
                            "reported_by": cand.reported_by,
                            "quote": text,
                            "char_start": sentence.start,
                            "char_end": sentence.end,
                            "confidence": round(
                                base * (0.5 + stance_conf / 2) + (0.1 if issue_id else 0), 2
                            ),
                            "note": f"cue: {text[cand.cue_start : cand.cue_end] or 'continued quote'}; speaker {cand.resolved_by}",
                        }
                    )
            self._last_issues = issues or getattr(self, "_last_issues", {})
            assigned.update(issues)
        if not candidates:
            self._last_issues = sentence_issues or {}
        # what a later "the agreement" points back to: the issues this sentence's statements
        # were given, or, with none, the issues its words name
        if assigned or sentence_issues:
            chosen = assigned or sentence_issues
            self._history.append((text, {k: sentence_issues.get(k, []) for k in chosen}))
        return rows

    def _antecedent_issues(self, noun: str) -> dict[str, list[tuple[int, int, int]]]:
        """ "the programme": the issues of the latest earlier sentence that names a programme.

        A noun of the same kind counts too ("the pact" after "the deal"); "the move" with no
        antecedent is the news event itself, which the story's lead reports.
        """
        nouns = {noun.lower()}
        for group in cues.ANAPHOR_SYNONYMS:
            if noun.lower() in group:
                nouns.update(group)
        stems = "|".join(sorted(re.escape(n[: max(4, len(n) - 3)]) for n in nouns))
        pattern = re.compile(rf"\b(?:{stems})\w*", re.I)
        for earlier, issues in reversed(self._history):
            found = pattern.search(earlier)
            if found:
                return _issues_near(earlier, issues, found.start())
        if noun.lower() in cues.EVENT_NOUNS and self._history:
            return {k: [] for k in self._history[0][1]}
        return {}

    def _previous_issues(self) -> dict[str, list[tuple[int, int, bool]]]:
        """The issues of the previous statement, for an anaphor ("such a plan") with no cue term."""
        return {k: [] for k in getattr(self, "_last_issues", {})}


_PLACE_NOUN = re.compile(
    r"\s+(?:Sea|Strait|Straits|Ocean|Island|Islands|Peninsula|Gulf|Bay|Channel|Coast|Shoal)\b"
)


def _in_place_name(text: str, start: int, end: int) -> bool:
    """Whether a capitalised word is part of a place's name ("South China Sea", "Taiwan Strait")."""
    word = text[start:end]
    return " " not in word.strip() and word[:1].isupper() and bool(_PLACE_NOUN.match(text, end))


def _issues_near(text: str, issues: dict, position: int) -> dict:
    """The issues whose terms share the clause around `position`, or all when none does.

    "Leaders joined the summit, and the declaration called China an enabler": "the
    declaration" points back to what the declaration did, not to the summit.
    """
    bounds = [0, len(text)]
    for brk in re.finditer(r";|,\s+(?:and|but|while|as)\s", text):
        bounds.append(brk.start())
    start = max(b for b in bounds if b <= position)
    end = min(b for b in bounds if b > position)
    near = {k: v for k, v in issues.items() if any(start <= s and e <= end for s, e, _ in v)}
    return {k: [] for k in (near or issues)}


def _previous_issues(sentence_issues: dict, content: tuple[int, int]) -> dict:
    """The issue named first earlier in the same sentence: what "such a plan" points back to."""
    earlier = {
        issue_id: min(s for s, e, _ in matches if e <= content[0])
        for issue_id, matches in sentence_issues.items()
        if any(e <= content[0] for _, e, _ in matches)
    }
    if not earlier:
        return {}
    first = min(earlier, key=earlier.get)
    return {first: []}


_SUFFIXES = ("ments", "ment", "ings", "ing", "ions", "ion", "es", "ed", "s", "e")


def _stem_word(word: str) -> str:
    """A cue word's stem and the inflections it admits ("deploy" also finds "deployment")."""
    escaped = re.escape(word).replace("'", "['’]")
    if len(word) < 5 or not word.islower():
        return escaped + r"(?:s|es|['’]s)?"
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return re.escape(word[: -len(suffix)]).replace("'", "['’]") + r"\w*"
    return escaped + r"\w*"


def _cue_pattern(cue: str) -> re.Pattern[str]:
    """An issue cue term: whole words, case-insensitive unless an acronym; inflections allowed."""
    words = cue.strip().replace("’", "'").split()
    body = r"\s+".join(_stem_word(w) for w in words)
    flags = 0 if cue.strip().isupper() else re.IGNORECASE
    return re.compile(rf"(?<![\w-]){body}(?![\w-])", flags)


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


def _weak_term(term: str, gazetteer: Gazetteer) -> bool:
    """A term that only names an actor or a place: one capitalised word, or a codebook name."""
    words = term.split()
    return (len(words) == 1 and term[:1].isupper()) or gazetteer.is_actor_name(term)


def carried_ok(last_dates: dict, cand: Candidate) -> bool:
    """Whether the dated run goes on: the statement is by the speaker the date was given for."""
    return tuple(m.actor_id for m in cand.speakers) in last_dates


def _statement_date(
    text: str, dates: list[DateMention], cand: Candidate, frame_start: int
) -> tuple[dt.date, str] | None:
    """The date of a statement, or None when its sentence gives none.

    First a past date in the statement's frame, outside the words it reports ("On Monday, X
    said ...", "X said in May"); then, for a deed or a "when" clause, one inside them.
    """
    end = max(cand.content[1], _clause_end(text, cand.cue_end, []) if cand.cue_end else 0)
    past = [d for d in dates if not d.future and frame_start <= d.start and d.end <= end]
    # the reported words start after the cue and any time phrase beside it ("said on Sunday that")
    reported_start = cand.content[0]
    if cand.content[0] == cand.cue_start:
        reported_start = cand.cue_end
        for d in dates:
            gap = text[reported_start : d.start]
            if d.start >= reported_start and len(gap) <= 25 and not re.search(r"\bthat\b", gap):
                reported_start = d.end
    outside = [d for d in past if not (reported_start <= d.start and d.end <= cand.content[1])]
    inside = [
        d
        for d in past
        if d not in outside
        and (
            cand.kind == "action"
            or re.search(r"\bwhen\b[^,;]*$", text[cand.content[0] : d.start], re.I)
        )
    ]
    usable = outside or inside
    if not usable:
        return None
    nearest = min(
        usable, key=lambda d: min(abs(d.start - cand.cue_end), abs(cand.cue_start - d.end))
    )
    return nearest.date, nearest.precision


def read_document(
    text: str, published: dt.date, actors: pd.DataFrame, issues: pd.DataFrame
) -> list[dict]:
    """Every proposed statement of a document, as row dicts in text order."""
    ctx = Context(Gazetteer.from_actors(actors), published)
    reader = _Reader(ctx, issues)
    rows: list[dict] = []
    for index, sentence in enumerate(split_sentences(text)):
        rows.extend(reader.read_sentence(index, sentence))
    return rows
