"""The extraction rules: who speaks, on which issue, with which stance, and when.

A document is read sentence by sentence. In each sentence the rules look for cues (attribution
verbs, report markers, deeds), find the speaker in the slot before the cue (or just after it),
take the words the cue governs as the statement's content, match the content against each
issue's cue terms, read the stance from support and opposition words (with negation), and date
the statement from the date expressions outside its content.

Beyond single sentences the reader keeps what a later sentence may point back to: persons and
states named (pronouns, "their leaders", "the four partners"), the issue under discussion and
each actor's stances ("maintains its stance"), and whose forces the text speaks of (an issue about
what the alliance's members do is not about another state's drills).
"""

from __future__ import annotations

import dataclasses
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
    REFRAIN,
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
from tracker.extract.topics import STOPWORDS, TopicProfiles

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
# A sentence that is all quotation, with no speaker of its own: the quote goes on from the
# previous paragraph's speaker ('"This is not about NATO moving into the Pacific."')
_WHOLLY_QUOTED = re.compile(r'^\s*["“][^"“”]*(?:["”]\s*)?$|^[^"“”]*["”]\s*$')
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
    r"(?<![\w’'-])(?:it|this|them)(?![\w’'-])(?!\s+(?:is\s+)?(?:said|reported|understood|expected|"
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


# "A spokesperson for the German Foreign Office", "an official at the ministry": a person
# described by role alone, speaking for a body
_UNNAMED_SPEAKER = re.compile(
    r"(?<![\w-])(?:an?|one)\s+(?:[\w-]+\s+){0,2}?(?:spokes(?:man|woman|person)|official|"
    r"diplomat|aide|officer|source)\s+(?:for|at|of|in|from|with)\s+(?:the\s+)?[A-Z]",
    re.I,
)
# A navy's ship prefix right before a name: "HMCS Ville de Québec", "USS Ronald Reagan"
_SHIP_NAMED = re.compile(
    r"(?<![\w-])(" + "|".join(cues.SHIP_PREFIXES) + r")\s+[A-Z][\w’'-]*"
    r"(?:\s+(?:de|du|la|le|di|del|[A-Z][\w’'-]*))*\s*$"
)


_ROLE_REFERENCE = re.compile(
    r"(?<![\w-])the\s+(" + "|".join(re.escape(r) for r in cues.ROLE_NOUNS) + r")(?![\w-])", re.I
)
_GROUP_REFERENCE = re.compile(
    r"(?<![\w-])(?:(?:all|the|these|those)\s+(two|three|four|five|six)|(both))\s+"
    r"(?:[A-Z][\w-]*\s+)*(?:nations|countries|states|governments|leaders|partners)(?![\w-])",
    re.I,
)
_NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_MEDIA = phrase_pattern(cues.MEDIA_NOUNS)
_COMMENTATOR_ROLE = phrase_pattern(cues.COMMENTATOR_ROLES)
_COMMENTATOR_BODY = re.compile(
    r"\b[A-Z][\w’'-]*\s+(?:" + "|".join(cues.COMMENTATOR_BODIES) + r")\b"
)


def commentator(described: str) -> bool:
    """Whether a speaker's role words or body make them a commentator (analyst, university)."""
    return bool(_COMMENTATOR_ROLE.search(described) or _COMMENTATOR_BODY.search(described))


# A proposition that itself warns: "X challenges the security of ...", "X is a threat to ..."
_HARM_FRAMED = re.compile(
    r"\b(?:challenges|threatens|undermines|endangers|destabili[sz]es|jeopardi[sz]es|menaces|"
    r"coerces|harms|damages)\s+(?:the|a|an|its|their|[A-Z])"
    r"|\b(?:is|are|poses?|presents?)\s+(?:a\s+)?(?:\w+\s+)?(?:threat|challenge|danger|risk|menace)\b"
)
# Bodies every state has, named without their state ("the Foreign Ministry")
_GENERIC_BODY = re.compile(
    r"(?:(?:Foreign|Defen[cs]e|Interior|Unification|Trade|Finance)\s+(?:Ministry|Department)"
    r"|Ministry\s+of\s+(?:Foreign\s+Affairs|National\s+Defen[cs]e|Defen[cs]e|Unification)"
    r"|(?:Presidential|Prime\s+Minister's|Cabinet)\s+Office|Armed\s+Forces|Cabinet)",
    re.I,
)
# "The party said": a body met again by the noun its name ends in ("the Democratic Party"),
# or an outlet by what it is ("the newspaper")
_BODY_REFERENCE = re.compile(
    r"the\s+("
    + "|".join(re.escape(n.lower()) for n in (*cues.ORGANIZATION_HEADS, *cues.MEDIA_NOUNS))
    + ")",
    re.I,
)
# "The statement said": a text whose author spoke in the sentence before
_TEXT_REFERENCE = re.compile(
    r"(?:the|that|this)\s+(?:statement|commentary|editorial|article|communique|communiqué|"
    r"declaration|readout|post|letter|report)",
    re.I,
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
# "Japan, alongside Australia and New Zealand, attended": companions of the subject
_COMPANION = re.compile(
    r"\s*,?\s*(?:"
    + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in cues.COMPANION_WORDS)
    + r")\s+",
    re.I,
)
_ATTENDANCE = phrase_pattern(cues.ATTENDANCE_CUES)
# "the frigate Bayern", "the patrol ship HMS Spey": the capitalised words name a ship
_VESSEL_BEFORE = re.compile(
    r"(?<![\w-])(?:" + "|".join(cues.VESSEL_NOUNS) + r")\s+(?:[A-Z]{2,4}\s+)?$", re.I
)
_EDITORIAL = phrase_pattern(cues.EDITORIAL_NOUNS)
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
# The English names of the codebook's states ("Italy"), as one alternation, longest first
_STATE_NAMES = "|".join(
    re.escape(n) for n in sorted(set(cues.DEMONYMS.values()), key=len, reverse=True)
)
# The last member of a list of states, after the codebook names the ones before it
_LIST_TAIL_STATE = re.compile(
    r",?\s+and\s+(?:the\s+)?("
    + _STATE_NAMES
    + r")(?![\w-])(?![’']s)(?:\s+(?:each|both|all|together))?\s*$"
)
# "warships from the Netherlands": the state named after the forces' noun
_FORCES_FROM = re.compile(r"[\w-]+\s+from\s+(?:the\s+)?(" + _STATE_NAMES + r")(?![\w-])")
# "the Netherlands and Canada sailed": a state the codebook lacks opens the list
_LIST_HEAD_STATE = re.compile(r"(?<![\w-])(" + _STATE_NAMES + r")\s*,?\s+and\s+(?:the\s+)?$")
# The English names of states ("Italy"), not as part of a longer name ("Taiwan Strait")
_STATE_NAME = re.compile(r"(?<![\w-])(?:" + _STATE_NAMES + r")(?![\w-])(?!\s+[A-Z])(?![’']s)")
# "a passage Beijing denounced": a noun phrase, then the speaker and its verb
_REDUCED_RELATIVE = re.compile(
    r"\s*((?:a|an|the|which|that)\s+(?:[a-z][\w-]*\s+){0,3}?[a-z][\w-]*)\s+"
    r"(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*\s+(?:(?:had|has|have|was|were|also|then)\s+)*$"
)
# "... after France objected": a subordinate clause whose subject is the speaker
_SUBORDINATE_SUBJECT = re.compile(
    r"(?<![\w-])(?:after|when|because|once|since|until|before|as)\s+(?:the\s+)?[A-Z][^,;]*$"
)
# "the presence of the four Pacific leaders", "their leaders' presence": a term said of people
# taking part, not of forces
_PEOPLE = r"(?:leaders|ministers|partners|delegations|delegates|heads\s+of\s+state|counterparts)"
_OF_PEOPLE = re.compile(
    r"\s+of\s+(?:the\s+|their\s+|its\s+)?(?:[\w-]+\s+){0,3}?" + _PEOPLE + r"\b", re.I
)
_PEOPLE_BEFORE = re.compile(_PEOPLE + r"['’]\s*$", re.I)


def _modifies(between: str) -> bool:
    """Whether the words between a name and a term leave the name a modifier of the term:
    at most two words and none of them a function word ("Australian forces in a large")."""
    words = re.findall(r"[\w-]+", re.sub(r"^['’]s\b", "", between))
    return len(words) <= 2 and not any(w.lower() in STOPWORDS for w in words)


# "..., who said": a relative clause about the person named before it
_RELATIVE_WHO = re.compile(r"\s*who\s*(?:(?:also|later|then|had|has|have)\s*)*", re.I)


def _possessor_of_other(text: str, end: int) -> bool:
    """Whether a name ending at `end` owns a head that names other actors ("NATO's partners",
    "Japan's neighbours"), not one that stands for the name ("China's navy")."""
    m = re.match(r"['’]s((?:\s+[\w-]+){1,4})", text[end:])
    if not m:
        return False
    head = f" {' '.join(m.group(1).lower().split())} "
    nouns = (*cues.STATE_NOUNS, *cues.ROLE_NOUNS)  # "China's navy", "Korea's new president"
    if any(f" {noun} " in head for noun in nouns):
        return False
    return _OTHER_ACTORS.search(head) is not None


# A state's forces: "China's military", "Chinese warships"
_FORCES_AFTER = re.compile(
    r"(?:['’]s)?\s+(?:[\w-]+\s+)?(?:military|navy|forces|army|air\s+force|warships|fleet|"
    r"coast\s+guard|troops)\b",
    re.I,
)
# Heads that name other actors than their possessor
_OTHER_ACTORS = re.compile(
    r"\b(?:partners|allies|neighbours|neighbors|counterparts|rivals|critics|adversaries|"
    r"members|friends|leaders\s+of)\b"
)


# Forces, as opposed to a state or its people: "Japanese aircraft", "an Australian destroyer"
_FORCES_NOUN = phrase_pattern(
    [n for n in cues.STATE_NOUNS if n not in ("government", "side", "position", "leadership")]
)
# "South Korea's national security adviser": a state's possessive before a role
_ROLE_AFTER = re.compile(
    r"['’]s\s+(?:[\w-]+\s+){0,3}?(?:"
    + "|".join(re.escape(r) for r in cues.ROLE_NOUNS)
    + r"|adviser|advisor|deputy)\b",
    re.I,
)
# "their leaders", "both countries' leaders": the heads of the states named together before
_THEIR_LEADERS = re.compile(
    r"(?:their|both\s+countries['’]|the\s+two\s+countries['’])\s+leaders"
    r"(?:\s+(?:were|are|was|is|had|have|been|\w+ly))*\s*$",
    re.I,
)
# "It urged ...", "They also said ...": a pronoun subject for the actor that spoke before
_IT_SUBJECT = re.compile(r"\s*(?:It|They)\s*(?:(?:also|later|then|further|has|have|had)\s*)*")
# "told her counterparts that": the listener before the reported clause
_TOLD_THAT = re.compile(
    r"\s*(?:(?:the|a|an|his|her|its|their)\s+)?(?:[\w’'-]+\s+){0,3}?[\w’'-]+\s+(?=that\b)"
)
# "Its defence minister", "their foreign ministry": the office of a state named before
_ITS_OFFICE = re.compile(
    r"\s*(?:its|their)\s+(?:[\w-]+\s+){0,2}?(?:minister|ministry|government|spokes\w+|"
    r"president|prime\s+minister|leader|ambassador|officials?|embassy|envoy)\s*",
    re.I,
)
# "interference in China's ...": a harm word, a preposition, a possessor
_HARM_TO = re.compile(r"\s+(?:in|into|with|on)\s+(?:the\s+|its\s+|their\s+|[A-Z][\w-]*['’]s\s+)?")
_PREPOSITION_BEFORE = re.compile(
    r"\b(?:to|with|from|toward|towards|at|in|by|for)\s+(?:the\s+)?$", re.I
)
# Words that pass a verdict of their own (not "should", "want", "need", which need an object)
_VERDICT = phrase_pattern(
    [*cues.OPPOSE_EVALUATIONS, *cues.SUPPORT_EVALUATIONS, *cues.RESTRICTION_CUES]
)
# Modals that bid: their side is that of the verb they govern
_MODAL = re.compile(r"(?:should|must|need\s+to|needs\s+to|ought\s+to|have\s+to|has\s+to)", re.I)
# "should ... not stir up trouble", "urged them not to meddle": a negation that bids
_DEONTIC = re.compile(
    r"\b(?:should|must|ought\s+to|need\s+to|needs\s+to|urged?\b[^.;]*?\bto)\b[^.;]*?"
    r"(?:\bnot|\bnever)\s+[\"“‘']?\s*(?:[\w-]+\s+)?$",
    re.I,
)
_HIS_OFFICE = re.compile(
    r"\s*(?:his|her)\s+(?:[\w-]+\s+){0,2}?(?:minister|ministry|government|spokes\w+|"
    r"ambassador|envoy)\s*",
    re.I,
)
# The object of an opposing verb that is itself an objection ("dismissed the criticism")
_OBJECTION_NOUN = re.compile(
    r"\s+(?:the|its|their|his|her|such|these|those|[A-Z][\w-]*['’]s)?\s*(?:[\w-]+\s+)?"
    r"(?:criticisms?|objections?|concerns|protests?|complaints|accusations|warnings?"
    # "reconsider its refusal", "dropped its opposition": undoing a refusal leans toward it
    r"|refusal|opposition|veto|reservations|reluctance|resistance)\b",
)


# A proposition about what the alliance's members do
_ACTS_ALONE = re.compile(r"\s+(?:should|must|may|might|could|would|will|shall)\b")
_MEMBERS_ACT = re.compile(r"(?:NATO|the\s+alliance['’]s)\s+members\b", re.I)
# "exercises with Japanese forces", "drills near China": the state named is not the owner
_NOT_OWNER = re.compile(
    r"(?<![\w-])(?:with|alongside|against|to|near|around|off|toward|towards|into|from|"
    r"at|in|on)\s+(?:the\s+)?$",
    re.I,
)
# A capital city alone as a clause's subject ("Rome made the trip")
_CAPITAL_SUBJECT = re.compile(
    r"\s*(?:(?:But|And|Then|Meanwhile|Later)\s+)?("
    + "|".join(re.escape(c).replace(r"\ ", r"\s+") for c in cues.CAPITALS)
    + r")\s*(?:(?:also|too|again|itself|later|then|already|has|had|have|will|would)\s*)*"
)
# "back" as an adverb of direction ("back to", "back home"), not the verb of support
_ADVERB_BACK = re.compile(r"back\s+(?:to|into|in|from|home|down|off|out|away)\b", re.I)
# "Asked whether ..., X said": the question before the answer
_ASKED = re.compile(r"\s*(?:When\s+)?asked\b[^,;]*,", re.I)
# A title and a full name: "Defence Minister Richard Marles", "spokeswoman Mao Ning"
_TITLED_NAME = re.compile(
    r"(?<![\w-])(?:(?i:minister|president|secretary|chancellor|premier|ambassador|envoy|chief|"
    r"spokes(?:man|woman|person)|admiral|general|senator|governor|adviser|advisor|analyst|"
    r"colonel|captain|commander|commodore|brigadier|lieutenant|marshal|professor)\s+)+"
    r"([A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)+)"
)
# After a verb of saying, a capitalised name: the speaker follows its verb ("said Ian Chong")
# '"...," said its spokesman, Senior Colonel Shi Yi': the role before the speaker's name
_INVERTED_ROLE = re.compile(r"(?:an?|its|the|their|his|her)\s+[a-z][\w\s-]{2,40}?,\s+")
_INVERTED_SPEAKER = re.compile(rf"\s+(?:{_INVERTED_ROLE.pattern})?[A-Z][\w’'-]+\s+[A-Z]")
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
    kind: str  # speech, report, hearsay, action, noun, held
    speakers: list[Mention] = field(default_factory=list)
    content: tuple[int, int] = (0, 0)
    reported_by: str | None = None
    resolved_by: str = "named"  # named, pronoun, role, continuation, group, subject, possessive
    noun_polarity: int = 0  # for "its opposition to X": the stance the noun carries
    outlet: Mention | None = None  # the outlet whose "said" was read as a report


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
    lists: list[list[Mention]] = field(default_factory=list)  # states named together, in order
    bodies: list[Mention] = field(default_factory=list)  # other actors named so far, in order


def _spans_overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


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


def _coordinated(text: str, mentions: list[Mention], offset: int) -> list[Mention]:
    """The first mention and those joined to it: "Japan and Australia", "A, B and C"."""
    together = [mentions[0]]
    for later in mentions[1:]:
        between = text[together[-1].end - offset : later.start - offset]
        if not re.fullmatch(r"\s*(?:,|and|,\s*and|nor)\s*(?:the\s+)?", between):
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
        # whose security or interests such a warning is about ("... challenges the security of
        # NATO's members"): a statement on it needs that body or one of its members in view
        self.object_of: dict[str, str] = {}
        for issue_id, subject in self.subject_of.items():
            proposition = issues.loc[issues["issue_id"] == issue_id, "proposition"].iloc[0]
            others = [
                m
                for m in ctx.gazetteer.find(proposition)
                if m.actor_id != subject and m.actor_type == "organization"
            ]
            if others:
                self.object_of[issue_id] = others[0].organization
        self._history: list[tuple[str, dict]] = []  # (sentence, its issues), in text order
        self._stances: dict[str, list[tuple[str, str]]] = {}  # actor → (issue, stance), in order
        # issues about what the alliance's members do ("NATO members should step up ..."), and
        # the state whose forces the text spoke of last
        self.member_issues = {
            issue_id
            for issue_id, proposition in issues[["issue_id", "proposition"]].itertuples(index=False)
            if _MEMBERS_ACT.match(proposition)
        }
        self._force_owner: str | None = None
        self._owner_sentence: str | None = None  # the sentence that named that owner
        # propositions that state a status ("Taiwan is China's internal affair"), not a deed
        # to be done: harm done to their terms ("interference in its internal affairs")
        # agrees with them
        self.status_issues = {
            issue_id
            for issue_id, proposition in issues[["issue_id", "proposition"]].itertuples(index=False)
            if not re.search(r"\b(?:should|must|may|might|could|would|will|shall)\b", proposition)
        }
        # an issue about what a state does to a place ("China may bring Taiwan under its
        # control by force") needs that place in view: "by force" alone is said of many wars
        self.place_of: dict[str, set[str]] = {}
        for issue_id, proposition in issues[["issue_id", "proposition"]].itertuples(index=False):
            named = ctx.gazetteer.find(proposition)
            if not (named and named[0].start == 0 and named[0].actor_type == "government"):
                continue
            states = set(cues.DEMONYMS.values())
            places = {
                w
                for w in re.findall(r"\b[A-Z][\w-]+\b", proposition[named[0].end :])
                if w in states and not ctx.gazetteer.find(w)
            }
            if places:
                self.place_of[issue_id] = {
                    *places,
                    *(
                        f
                        for f, state in {**cues.DEMONYMS, **cues.CAPITALS}.items()
                        if state in places
                    ),
                }
        self.regions_of = {
            issue_id: regions(proposition)
            for issue_id, proposition in issues[["issue_id", "proposition"]].itertuples(index=False)
        }
        # an issue about what one body should do in a region ("NATO should engage with ... in
        # the Asia-Pacific"): a region or a bloc word said with no mention of that body, by
        # someone outside it, is about some other actor's conduct there
        self.body_in_view: dict[str, str] = {}
        for issue_id, proposition in issues[["issue_id", "proposition"]].itertuples(index=False):
            named = ctx.gazetteer.find(proposition)
            if (
                issue_id in self.actor_of
                and self.regions_of.get(issue_id)
                and named[0].actor_type == "organization"
                and _ACTS_ALONE.match(proposition, named[0].end)
            ):
                self.body_in_view[issue_id] = named[0].organization or named[0].actor_id
        self._recent: list[str] = []  # the last sentences read, for what is in view
        self.topics = TopicProfiles(issues)
        self.issue_terms = {
            issue_id: [c.lstrip("-") for c in issue_cues]
            for issue_id, issue_cues in issues[["issue_id", "cues"]].itertuples(index=False)
        }
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
            else:
                self.ctx.bodies.append(mention)

    def _remember_lists(self, text: str, mentions: list[Mention], offset: int) -> None:
        """Keep each list of states named together ("Australia, Japan and New Zealand")."""
        states = [m for m in mentions if m.actor_type == "government" and not m.is_new]
        run: list[Mention] = []
        for mention in states:
            if run and re.fullmatch(
                r"\s*(?:,|and|,\s*and|nor)\s*(?:the\s+)?",
                text[run[-1].end - offset : mention.start - offset],
            ):
                run.append(mention)
                continue
            if len({m.actor_id for m in run}) >= 2:
                self.ctx.lists.append(list({m.actor_id: m for m in run}.values()))
            run = [mention]
        if len({m.actor_id for m in run}) >= 2:
            self.ctx.lists.append(list({m.actor_id: m for m in run}.values()))

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
        """The last `count` distinct states named (a person stands for their state).

        "The four partners" after "ministers from Australia, Japan, New Zealand and South
        Korea": the latest list of exactly that many states named together comes first.
        """
        for together in reversed(self.ctx.lists):
            if len(together) == count:
                return list(together)
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
        if not organization and (
            _STATE_OFFICE.search(role_words or words[: name[0]])
            or re.match(r"(?:its|their)\s", role_words or words[: name[0]], re.I)
        ):
            # "Foreign ministry spokeswoman Mao Ning" after "Beijing reacted", or "its spokesman
            # Jiang Bin" after "the defence ministry": the state in view
            organization = self._state_in_view(sentence, abs_start)
        is_media = bool(_MEDIA.search(words[: name[0]]))
        described = f"{words[: name[0]]} {role_words} {organization}"
        kind = "media" if is_media else "expert" if commentator(described) else "person"
        mention = Mention(
            abs_start,
            abs_start + len(name_text),
            slug(name_text),
            name_text,
            kind,
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
        if _GENERIC_BODY.fullmatch(name):
            # "the Defence Ministry in Pyongyang said": a ministry that no name but its state's
            # tells apart speaks for that state
            after = sentence.text[slot[0] + end : slot[0] + end + 40]
            capital = re.match(r"\s+in\s+([A-Z][\w ]+?)(?=[,.;]|\s+(?:said|says|called))", after)
            state = (
                organization
                or (capital and cues.CAPITALS.get(capital.group(1)))
                or self._state_in_view(sentence, abs_start)
            )
            if state:
                return self.ctx.gazetteer.state_actor(state, abs_start, abs_start + len(name))
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

    def _reported_subject(self, text: str, cand: Candidate, sentence: Sentence) -> Mention | None:
        """A titled person the codebook lacks who opens a report's content, if any."""
        start = cand.content[0]
        if start == cand.cue_start:
            start = cand.cue_end
        lead = re.match(r"\s*(?:that\s+)?", text[start:])
        start += lead.end()
        people = [
            m
            for m in self._titled_people(sentence, [])
            if start <= m.start - sentence.start <= start + 60
            and not re.search(r"[,;]", text[start : m.start - sentence.start])
        ]
        if people:
            return people[0]
        # "Xinhua quoted Zhu Fenglian, spokeswoman for ..., as saying": a full name opening the
        # report's content, unknown to the codebook, is whom the outlet reports
        role = _INVERTED_ROLE.match(text, start)
        if role:
            start = role.end()  # "quoted a defence ministry spokesman, Wu Qian, as saying"
        head = re.match(r"[^,;:“”\"(]{0,60}", text[start:]).group()
        name = trailing_name(head)
        if (
            name
            and name[0] == 0
            and re.match(
                r"\s*(?:,|as\s+saying|said|says|told|warned|added)", head[name[1] :] or ","
            )
            and not self.ctx.gazetteer.is_actor_name(head[: name[1]])
        ):
            return self._new_speaker(sentence, (start, start + name[1]), (0, name[1]))
        return None

    def _titled_people(self, sentence: Sentence, mentions: list[Mention]) -> list[Mention]:
        """People the codebook lacks, named with a title ("Defence Minister Richard Marles")."""
        text = sentence.text
        people = []
        for m in _TITLED_NAME.finditer(text):
            name = (m.start(1), m.end(1))
            inner = trailing_name(m.group(1))
            if inner and inner[1] == len(m.group(1)):
                # "Chief Cabinet Secretary Hirokazu Matsuno": title words the pattern left in
                name = (m.start(1) + inner[0], m.end(1))
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
        inside = [self._latest_bearer(text, m, sentence.start) for m in inside]
        # "Three of NATO's four partners sent": NATO owns the subject's head, it is not it
        owners = [m for m in inside if _possessor_of_other(text, m.end - sentence.start)]
        if owners and len(owners) == len(inside):
            inside = []
        group = list(_GROUP_REFERENCE.finditer(words))
        if group:
            members = self._group(_NUMBER_WORDS[(group[-1].group(1) or "two").lower()])
            if members:
                return members, "group"
        # "Bonnie Lin of the Center for ...": the name heads the slot, the institution follows
        pp = re.search(r"\s+(?:of|at|from|with)\s+(?:the\s+)?[A-Z]", words)
        head_end = pp.start() if pp else len(words)
        name = trailing_name(words[:head_end])
        organization = trailing_organization(words)
        new = self._new_speaker(sentence, slot, name) if name else None
        # a body after the name's "of"/"at" is where the named person works, not the speaker
        works_at = bool(name and pp and organization and organization[0] >= pp.end() - 1)
        if (
            organization
            and not works_at
            and (new is None or start + organization[1] >= new.end - sentence.start)
        ):
            new = self._new_organization(sentence, slot, organization)
        if new is not None and inside and inside[-1].end > new.start:
            # the codebook names the head of the subject, unless it is only a word of a named
            # command's name ("the US Pacific Fleet")
            within = (
                new.start <= inside[-1].start
                and inside[-1].end < new.end
                and new.actor_type == "military"
            )
            if not within:
                new = None
        if new is not None and name and _VESSEL_BEFORE.search(words[: name[0]]):
            new = None  # "the Spanish frigate Méndez Núñez": a ship's name, not a speaker
        prefix = _SHIP_NAMED.search(words)
        if prefix:
            # "Canada's HMCS Ville de Québec joined": the ship's state does the deed
            if owners:
                return [owners[-1]], "named"
            at = sentence.start + start + prefix.start(1)
            state = cues.SHIP_PREFIXES[prefix.group(1)]
            return [self.ctx.gazetteer.state_actor(state, at, at + len(prefix.group(1)))], "named"
        national = _NATIONAL_ROLE.fullmatch(words.strip())
        if national and new is None:
            # "the Ukrainian leader said": the person of that state named last, not the state
            state = cues.DEMONYMS.get(national.group(1))
            named = [m for m in self.ctx.persons if state and m.organization == state]
            if named:
                return [named[-1]], "role"
        if inside and new is None:
            # "Japan and NATO agreed", "Japan, Australia and New Zealand joined": together
            together = [inside[-1]]
            # the list may run back past the slot's commas ("A, B, C and D joined")
            earlier_mentions = [m for m in mentions if m.end <= inside[-1].start]
            joined_by_and = False
            for earlier in reversed(earlier_mentions):
                between = text[earlier.end - sentence.start : together[0].start - sentence.start]
                if not re.fullmatch(r"\s*(?:,|and|,\s*and|nor)\s*(?:the\s+)?", between):
                    break
                if not joined_by_and and "and" not in between and "nor" not in between:
                    break  # "..., in Tokyo, Albanese said": a list ends with "and"
                joined_by_and = True
                together.insert(0, earlier)
            head = _LIST_HEAD_STATE.search(text, start, together[0].start - sentence.start)
            if head:
                at = sentence.start + head.start(1)
                together.insert(
                    0, self.ctx.gazetteer.state_actor(head.group(1), at, at + len(head.group(1)))
                )
            # "Britain and the Netherlands each contributed": a state the codebook lacks
            # closes the list
            tail = _LIST_TAIL_STATE.match(text, inside[-1].end - sentence.start, start + len(words))
            if tail:
                at = sentence.start + tail.start(1)
                together.append(
                    self.ctx.gazetteer.state_actor(tail.group(1), at, at + len(tail.group(1)))
                )
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
        if _THEIR_LEADERS.search(words):
            # "When I visited Japan and South Korea, their leaders were concerned": the heads
            # of the states just named together
            states = [
                m
                for m in mentions
                if m.actor_type == "government" and m.end <= sentence.start + start
            ]
            together = (
                states if len(states) >= 2 else (self.ctx.lists[-1] if self.ctx.lists else [])
            )
            leaders = []
            for state in together:
                head = self.ctx.gazetteer.leader_of(state.organization)
                at = sentence.start + start
                leaders.append(self.ctx.gazetteer.mention(head, at, at) if head else state)
            if leaders:
                return list({m.actor_id: m for m in leaders}.values()), "group"
        if _ITS_OFFICE.fullmatch(words) and self.ctx.states:
            # "Japan welcomed it. Its defence minister said ...": the state named last speaks
            return [self.ctx.states[-1]], "possessive"
        if _HIS_OFFICE.fullmatch(words) and self.ctx.persons:
            # "Orban stayed away. His foreign minister said ...": the state of that person
            person = self.ctx.persons[-1]
            at = sentence.start + start
            state = self.ctx.gazetteer.state_actor(person.organization, at, at + len(words))
            if state.organization in cues.DEMONYMS.values() or not state.is_new:
                return [state], "possessive"
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
        capital = _CAPITAL_SUBJECT.fullmatch(words)
        if capital and not inside:
            # "Rome made the trip": a capital alone as subject stands for its state
            at = sentence.start + start + capital.start(1)
            state_name = cues.CAPITALS[" ".join(capital.group(1).split())]
            return [self.ctx.gazetteer.state_actor(state_name, at, at + len(capital.group(1)))], (
                "named"
            )
        state = list(_STATE_NAME.finditer(words))
        if state and not inside:
            # "while Italy has yet to decide": a state the codebook lacks, as subject
            at = sentence.start + start + state[-1].start()
            return [
                self.ctx.gazetteer.state_actor(state[-1].group(), at, at + len(state[-1].group()))
            ], "named"
        bare = _TRAILING_AUXILIARIES.sub("", words.strip())
        body = _BODY_REFERENCE.fullmatch(bare)
        if body:
            noun = body.group(1).lower()
            for mention in reversed(self.ctx.bodies):
                if mention.name.lower().split()[-1] == noun or (
                    noun in cues.MEDIA_NOUNS and mention.actor_type == "media"
                ):
                    return [mention], "role"
        if _TEXT_REFERENCE.fullmatch(bare) and self.ctx.previous:
            # "The statement also accused Seoul ...": the words of whoever spoke just before
            return list(self.ctx.previous[-1].speakers), "continuation"
        if _INSTITUTION.search(words):
            # "the presidential office announced": the state the sentence or story is about
            states = [m for m in mentions if m.actor_type == "government"]
            if states:
                return [states[0]], "institution"
            if self.ctx.states:
                return [self.ctx.states[-1]], "institution"
        return [], ""

    def _with_companions(
        self,
        text: str,
        cand: Candidate,
        speakers: list[Mention],
        mentions: list[Mention],
        sentence: Sentence,
    ) -> list[Mention]:
        """The speakers and the actors a companion word joins to them.

        "Japan, alongside Australia and New Zealand, attended": all three attended; so in
        "Japan attended the summit together with Australia" (a deed's companions follow it).
        """
        if not speakers or any(m.actor_type == "media" for m in speakers):
            return speakers
        joined: list[Mention] = []
        last = max(m.end for m in speakers) - sentence.start
        between = text[last : cand.cue_start] if last <= cand.cue_start else ""
        companion = _COMPANION.match(between)
        if companion:
            joined = [
                m
                for m in mentions
                if last + companion.end() <= m.start - sentence.start < cand.cue_start
            ]
            joined = [m for m in joined if not m.is_new]
        elif cand.kind == "action":
            semicolon = text.find(";", cand.cue_end)
            after = _COMPANION.search(text, cand.cue_end, semicolon if semicolon > 0 else len(text))
            if after:
                joined = self._companions_after(text, after.end(), mentions, sentence)
        joined = [m for m in joined if m.actor_type != "media"]
        return list({m.actor_id: m for m in [*speakers, *joined]}.values())

    def _companions_after(
        self, text: str, start: int, mentions: list[Mention], sentence: Sentence
    ) -> list[Mention]:
        """The actors a companion word after a deed lists, up to the sentence's end.

        "went to The Hague, alongside South Korea's national security adviser, Wi Sung-lac,
        and Australia's Richard Marles": each person named (speaking for the state before
        the role); a state named alone goes too. Forces ("alongside Japanese aircraft") are
        partners of the deed, not its doers.
        """
        stop = re.search(r"[;]|\.(?:\s|$)|$", text[start:]).start() + start
        joined: list[Mention] = []
        pending = ""  # the state whose role words come before a name
        for chunk in re.finditer(r"[^,]+", text[start:stop]):
            joiner = re.match(r"\s*(?:and\s+)?", chunk.group())
            words = chunk.group()[joiner.end() :].rstrip()
            lead = start + chunk.start() + joiner.end()
            inside = [m for m in mentions if lead <= m.start - sentence.start < chunk.end() + start]
            name = trailing_name(words)
            if name and name == (0, len(words)) and not inside:
                # "Wi Sung-lac": a person the codebook lacks, for the state named before
                at = sentence.start + lead
                joined.append(
                    Mention(
                        at,
                        at + len(words),
                        slug(words),
                        words,
                        "person",
                        pending or words,
                        True,
                        "",
                    )
                )
                pending = ""
                continue
            people = [m for m in inside if m.actor_type in ("person", "expert")]
            if people:
                joined.extend(people)
                pending = ""
                continue
            states = [m for m in inside if m.actor_type == "government"]
            if not states:
                break  # "in the western Pacific": the list has ended
            if _FORCES_NOUN.search(words):
                continue  # "alongside Japanese aircraft": partner forces
            if _ROLE_AFTER.search(words):
                pending = states[-1].organization  # "South Korea's national security adviser"
                continue
            if (
                re.sub(r"^the\s+", "", words)
                != text[states[0].start - sentence.start : states[-1].end - sentence.start]
            ):
                break  # "a passage Beijing denounced": no longer a list of companions
            joined.extend(states)
        return joined

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
                    if _OF_PEOPLE.match(words, m.end()) or _PEOPLE_BEFORE.search(
                        words[: m.start()]
                    ):
                        continue  # "the presence of the four leaders": people attending
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
        # only a term whose issue can stand counts against the names: "Russia's invasion of
        # Ukraine" is no invasion of the place another issue is about
        viable = [
            k
            for k in found
            if k not in weak
            and self._place_in_view(k, text, found[k])
            and self._subject_named(k, text)
        ]
        if viable:
            for issue_id in weak:
                del found[issue_id]
        named = regions(words)
        standing = {k for k in found if k in weak or k in viable}
        if len(named) > 1 and weak and standing <= weak:
            # names of two regions in one statement link them: the issue whose proposition
            # links the same regions is what it is about, not one that names one region
            linking = [k for k in weak if named <= self.regions_of.get(k, set())]
            if linking:
                found = {k: v for k, v in found.items() if k in linking or k not in weak}
        return found

    def _deed_at_place(self, text: str, cand: Candidate) -> dict[str, list]:
        """Issues whose proposition names the doer of a deed and the place it is done at."""
        words = text[cand.content[0] : cand.content[1]]
        doers = {m.actor_id for m in cand.speakers}
        found = {}
        for issue_id, places in self.place_of.items():
            if self.actor_of.get(issue_id) not in doers:
                continue
            if re.search(r"\b(?:" + "|".join(map(re.escape, sorted(places))) + r")\b", words):
                found[issue_id] = []
        return found

    def _subject_named(self, issue_id: str, text: str) -> bool:
        """Whether the state whose conduct an issue warns of is named in a sentence: "threats"
        with no China in view is no statement about China."""
        subject = self.subject_of.get(issue_id)
        if subject is None:
            return True
        organization = self.ctx.gazetteer.info(subject)[2]
        return any(
            m.actor_id == subject or m.organization == organization
            for m in self.ctx.gazetteer.find(text)
        )

    def _body_in_view(self, issue_id: str, text: str, speaker: Mention, terms: list[str]) -> bool:
        """Whether the body an issue is about is named in the sentence or is the speaker's own."""
        body = self.body_in_view.get(issue_id)
        if body is None or body in (speaker.organization, speaker.actor_id):
            return True
        # a new actor whose title names the body ("NATO Secretary General"), or the body
        # named in what the statement goes on from
        return any(
            body in (m.organization, m.actor_id)
            for t in (speaker.role, *self._recent[-2:], text)
            for m in self.ctx.gazetteer.find(t)
        ) or any(body in term for term in terms)

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

    def _owner(self, text: str, start: int) -> str | None:
        """The state whose forces a term names: "Chinese warships", "China's drills"; for "the
        drills" alone, the owner named last; None when the words say nothing of an owner."""
        source = _FORCES_FROM.match(text, start)
        if source:
            # "warships from the Netherlands and Canada": the state they come from owns them
            return source.group(1)
        window = text[max(0, start - 60) : start]
        window = re.split(r"[;(]", window)[-1]
        said = [m.end() for p in (_SPEECH, _JUDGING, _REPORT) for m in p.finditer(window)]
        if said:
            window = window[max(said) :]  # "Beijing said the drills": the speaker owns nothing
        # the term itself follows the window: a demonym is a name only before such a noun
        with_term = window + text[start : start + 30]
        owners = [
            m
            for m in self.ctx.gazetteer.find(with_term)
            if m.start < len(window)
            and m.actor_type in ("government", "organization", "military")
            and not _NOT_OWNER.search(window[: m.start])
            # an owner modifies the term: "Chinese warships", "China's large-scale drills"
            and (
                window[m.start : m.end] in cues.DEMONYMS
                or re.match(r"['’]s\b", window[m.end :])
                or window[m.start : m.end] in cues.STATE_BODIES
            )
            and _modifies(window[m.end :])
        ]
        # "China's military staged exercises": the forces that open the clause own its deeds
        clause = re.split(r"[;(]", text[max(0, start - 120) : start])[-1]
        subjects = [
            m
            for m in self.ctx.gazetteer.find(clause)
            if m.actor_type == "government"
            and not _NOT_OWNER.search(clause[: m.start])
            and _FORCES_AFTER.match(clause, m.end)
        ]
        if owners:
            self._force_owner = owners[-1].organization
            self._owner_sentence = text
        elif subjects and len({m.organization for m in subjects}) == 1:
            self._force_owner = subjects[0].organization
            self._owner_sentence = text
        elif self._owner_sentence == text:
            pass  # "China's military staged exercises, sending warships": same sentence
        elif not re.search(
            r"(?<![\w-])(?:the|this|these|those|in|of|during|after|from)\s+$", window, re.I
        ):
            return None  # "in drills that drew protests": the drills spoken of last
        return self._force_owner

    def _judged(self, issue_id: str, text: str, matches: list, span: tuple[int, int]) -> bool:
        """Whether a statement about a state's conduct that names the state only after a
        preposition ("conveyed its concerns to Beijing") passes a verdict on it."""
        if issue_id not in self.subject_of or not matches:
            return True
        if not all(_weak_term(text[s:e], self.ctx.gazetteer) for s, e, _ in matches):
            return True
        if any(not _PREPOSITION_BEFORE.search(text[max(0, s - 12) : s]) for s, _, _ in matches):
            return True  # "China is the biggest backer of ...": the state itself
        words = text[span[0] : span[1]]
        return any(p.search(words) for p in (HARM, OPPOSE, SUPPORT))

    def _object_in_view(self, issue_id: str, text: str, speakers: list[Mention]) -> bool:
        """Whether the body a warning is about (or a member speaking) is in view: named in this
        sentence or the two before, or speaking."""
        body = self.object_of.get(issue_id)
        if body is None:
            return True
        members = cues.NATO_MEMBERS if body == "NATO" else set()
        if body == "NATO" and re.search(r"(?<![\w-])Europe(?:an)?(?![\w-])", text):
            return True  # "a war that threatens every country in Europe": the members' region
        if any(m.organization == body or m.organization in members for m in speakers):
            return True
        return any(
            m.organization == body or m.organization in members
            for t in [*self._recent[-2:], text]
            for m in self.ctx.gazetteer.find(t)
        )

    def _place_in_view(self, issue_id: str, text: str, matches: list) -> bool:
        """Whether the place an issue is about is named in this sentence or the two before."""
        places = self.place_of.get(issue_id)
        if not places:
            return True
        pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(places))) + r")\b")
        return any(pattern.search(t) for t in [*self._recent[-2:], text])

    def _members_only(
        self, text: str, issues: dict[str, list[tuple[int, int, int]]]
    ) -> dict[str, list[tuple[int, int, int]]]:
        """Issues left when terms for another state's forces are set aside from an issue about
        what the alliance's members do ("Chinese warships encircled Taiwan")."""
        kept: dict[str, list[tuple[int, int, int]]] = {}
        for issue_id, matches in issues.items():
            if issue_id not in self.member_issues or not matches:
                kept[issue_id] = matches
                continue
            left = []
            for match in matches:
                owner = self._owner(text, match[0])
                if owner is None or owner in cues.NATO_MEMBERS or owner == "NATO":
                    left.append(match)
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
            return "neutral", 0.75
        term_polarity, said_not = 1, False
        if issue_matches:
            first = min(issue_matches)
            # a term that stands for the opposite of the proposition ("its 23 million people")
            # says more than a name that only places it ("Taiwan")
            marked = [
                p for p, is_marked in dict(self.issue_patterns).get(issue_id, []) if is_marked
            ]
            contrary = [
                m for m in issue_matches if any(p.fullmatch(text[m[0] : m[1]]) for p in marked)
            ]
            if contrary and _weak_term(text[first[0] : first[1]], self.ctx.gazetteer):
                first = min(contrary)
            # a term that is itself a pejorative ("flex their muscles") names the deed with
            # disapproval, set aside or not: it says more than the words that name the deed
            pejorative = [m for m in issue_matches if OPPOSE.fullmatch(text[m[0] : m[1]])]
            if pejorative:
                first = (*min(pejorative)[:2], -1)
            # a negation that belongs to a stance cue ("should not patrol") is counted there
            negation_in_cue = any(s < first[0] and first[0] - e <= 2 and p < 0 for s, e, p in found)
            said_not = not negation_in_cue and directly_negated(text, first[0]) < 0
            term_polarity = first[2] * (-1 if said_not else 1)
            if not pejorative and any(self._set_aside(text, s, found) for s, _, _ in issue_matches):
                # "hoped they would promote peace rather than flex their muscles": the issue
                # is what the speaker sets aside
                term_polarity = -term_polarity
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
        if said_not and hits[0][1] < 0:
            # "resolve differences peacefully, not by force": both reject the issue's deed
            polarity = -1
        return ("support", 0.75) if polarity > 0 else ("oppose", 0.75)

    @staticmethod
    def _harms_the_proposition(text: str, end: int, described: list[tuple[int, int]]) -> bool:
        """Whether a harm word is done to a lower-case issue term right after it."""
        m = _HARM_TO.match(text, end)
        return m is not None and any(s == m.end() and text[s:e][:1].islower() for s, e in described)

    @staticmethod
    def _set_aside(text: str, start: int, found: list[tuple[int, int, int]]) -> bool:
        """Whether "rather than" or "instead of" sets aside the term at `start` itself, not a
        stance word before it ("instead of expanding patrols": the word carries the contrast)."""
        window = max(0, start - 40)
        contrast = _CONTRASTED.search(text[window:start])
        if contrast is None:
            return False
        marker = window + contrast.start()
        return not any(marker <= s < start for s, _, _ in found)

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
            (REFRAIN, -1),
            (NEUTRAL, 0),
            (UNDECIDED, 0),
            (HARM, harm),
        )
        # "dismissed the criticism", "rejected Beijing's objections": opposing an objection
        # supports what was objected to; the objection noun is not a verdict of its own
        rejected = [
            (m.start(), objection.end())
            for m in OPPOSE.finditer(words)
            if (objection := _OBJECTION_NOUN.match(words, m.end()))
        ]
        for pattern, base in stance_patterns:
            for m in pattern.finditer(words):
                where = (m.start() + span[0], m.end() + span[0])
                # a cue word that is part of an issue's terms describes a proposition
                if any(_spans_overlap(where, s) for s in described):
                    continue
                if pattern is HARM and addressed(words, m.start()):
                    continue  # "cooperation on cyber threats": the harm is what is tackled
                if pattern is SUPPORT and _ADVERB_BACK.match(words, m.start()):
                    continue  # "send a frigate back to Asia": a direction, not support
                polarity = base
                if (
                    pattern is HARM
                    and issue_id in self.status_issues
                    and self._harms_the_proposition(text, where[1], described)
                ):
                    polarity = 1  # "interference in China's internal affairs": protects it
                inside = [r for r in rejected if r[0] <= m.start() < r[1]]
                if inside and m.start() != inside[0][0]:
                    continue  # the objection noun itself
                if inside:
                    polarity = 1
                # negation may stand before the content: "does not want", "is not opposed";
                # a bidding one ("should ... not stir up trouble") keeps a pejorative opposed
                if not (polarity < 0 and _DEONTIC.search(text[max(0, where[0] - 80) : where[0]])):
                    polarity *= negated(text, where[0])
                if _CONTRASTED.search(text[max(0, where[0] - 40) : where[0]]) and polarity > 0:
                    # "talks rather than expanding sanctions": what is set aside is opposed;
                    # a pejorative set aside ("rather than flex their muscles") stays opposed
                    polarity = -polarity
                found.append((*where, polarity))
        # "should refrain from", "must stop": the modal takes the side of its verb
        return [
            (a, b, p)
            for a, b, p in found
            if not (
                p > 0
                and _MODAL.fullmatch(text[a:b])
                and any(q < 0 and b <= c <= b + 30 for c, _, q in found)
            )
        ]

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

    def _held(self, text: str, cand: Candidate) -> int | None:
        """The side a held stance names (+1, -1), 0 for "its stance", None when none is held."""
        words = text[cand.content[0] : cand.content[1]]
        m = _HELD.search(words) or _UNCHANGED.search(words)
        if m is None:
            return None
        noun = (m.group(2) if m.re is _UNCHANGED else m.group(1)).lower()
        # "stood by its criticism": the side of a noun that judges
        judged = -1 if OPPOSE.fullmatch(noun) or HARM.fullmatch(noun) else 0
        return cues.HELD_NOUNS.get(noun, judged)

    def _held_stance(self, actor_id: str, organization: str, side: int) -> tuple[str, str] | None:
        """The (issue, stance) a held stance repeats: on the issue under discussion when the
        actor took a stance on it, else the actor's last stance in this text."""
        mine = self._stances.get(actor_id, []) or self._stances.get(organization, [])
        named = {1: "support", -1: "oppose"}.get(side)
        for issue_id in self._previous_issues():
            earlier = [stance for i, stance in mine if i == issue_id]
            if earlier:
                return issue_id, named or earlier[-1]
        if mine:
            return mine[-1][0], named or mine[-1][1]
        previous = list(self._previous_issues())
        if named and len(previous) == 1:
            return previous[0], named
        return None

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
            if not speakers and _RELATIVE_WHO.fullmatch(text[slot[0] : slot[1]]):
                # "represented by Richard Marles, who said ...": the person the clause is about
                before = [
                    m
                    for m in mentions
                    if m.end - sentence.start <= slot[0] and m.actor_type in ("person", "expert")
                ]
                before = before or self._titled_people(
                    Sentence(sentence.start, sentence.start + slot[0], text[: slot[0]]), mentions
                )
                appositive = re.search(r",\s*([^,]+?)\s*,\s*$", text[: slot[0]])
                name = trailing_name(appositive.group(1)) if appositive else None
                if appositive and name == (0, len(appositive.group(1))):
                    # "China's ambassador in Berlin, Deng Hongbo, who described ...": the name
                    # in the appositive, for the state its role words give
                    role_start = text.rfind(",", 0, appositive.start()) + 1
                    role_words = text[role_start : appositive.start()]
                    organization, role = organization_from_context(
                        role_words, "", self.ctx.gazetteer
                    )
                    at = sentence.start + appositive.start(1)
                    words = appositive.group(1)
                    before = [
                        Mention(
                            at,
                            at + len(words),
                            slug(words),
                            words,
                            "person",
                            organization or words,
                            True,
                            role,
                        )
                    ]
                if before:
                    speakers, how = [before[-1]], "relative"
            if cand.kind == "action":
                # "action against US forces stationed in Japan": a target does no deed
                speakers = [m for m in speakers if not _as_target(text, m.start - sentence.start)]
            if cand.kind != "according" and not speakers:
                after = text[cand.cue_end :]
                lead = len(after) - len(after.lstrip())
                right = [m for m in mentions if m.start - sentence.start == cand.cue_end + lead]
                # '"...," said Stoltenberg': the name after the verb speaks only when nothing
                # before the verb could ("the Chinese mission said NATO should ...": NATO is
                # what the mission spoke of)
                if re.search(r"[A-Za-z]{2}", text[slot[0] : slot[1]]) or _CONTINUATIONS.match(
                    text[cand.cue_start :]
                ):
                    right = []  # ", saying Canberra wanted": Canberra is what was said
                if right:
                    speakers, how = [right[0]], "named"
                elif _INVERTED_SPEAKER.match(text, cand.cue_end) and cand.kind == "speech":
                    # '"...," said Ian Chong of the National University', '"...," said its
                    # spokesman, Senior Colonel Shi Yi': a new name after the verb
                    start = cand.cue_end + lead
                    role = _INVERTED_ROLE.match(text, start)
                    if role:
                        start = role.end()
                    stop = re.search(r"[,;:“”\"(—–]|\.(?:\s|$)", text[start:])
                    end = start + stop.start() if stop else len(text)
                    words = text[start:end]
                    pp = re.search(r"\s+(?:of|at|from|with)\s", words)
                    head = words[: pp.start() if pp else len(words)]
                    name = trailing_name(head)
                    if name and _titled_name(head[: name[1]]):
                        speakers = [self._new_speaker(sentence, (start, end), name)]
                        how = "named"
            if not speakers and n > 0 and _CONTINUATIONS.match(text[cand.cue_start :]):
                speakers, how = candidates[n - 1].speakers, "continuation"
            if (
                not speakers
                and _CONTINUATIONS.match(text[cand.cue_start :])
                and text[: cand.cue_start].rstrip().endswith(",")
            ):
                # "Cho went further, calling for ...": the subject of the clause before
                clause_start = _left_slot(text, text[: cand.cue_start].rstrip().rfind(","))[0]
                verb = re.search(r"\s[a-z][a-z’']+\b", text[clause_start : cand.cue_start])
                if verb:
                    subject = (clause_start, clause_start + verb.start())
                    speakers, how = self._speaker_in(sentence, subject, mentions)
            if not speakers and _IT_SUBJECT.fullmatch(text[slot[0] : slot[1]]):
                # "It urged Japan ...": the organisation or state that spoke before
                last = self.ctx.previous[-1].speakers if self.ctx.previous else []
                if last and all(m.actor_type not in ("person", "expert") for m in last):
                    speakers, how = list(last), "pronoun"
            # "Spain is sceptical about X, diplomats said": the unnamed sources speak of the
            # statement already found, not of an actor of their own
            earlier_named = any(c.speakers for c in candidates[:n])
            plural = re.search(r"\b(?:their|they)\b", text[slot[0] : slot[1]], re.I)
            if (
                not speakers
                and cand.kind in ("action", "speech", "hearsay")
                and not earlier_named
                and not plural  # "since their leaders first attended": not the first name
            ):
                subject = [m for m in mentions if m.start - sentence.start < cand.cue_start]
                if cand.kind == "action":
                    subject = [m for m in subject if not _as_target(text, m.start - sentence.start)]
                # "Leaders of NATO's partners were absent": a possessor is not the subject,
                # unless what it owns stands for it ("China's navy")
                subject = [
                    m for m in subject if not _possessor_of_other(text, m.end - sentence.start)
                ]
                titled = [
                    p
                    for p in self._titled_people(sentence, mentions)
                    if p.start - sentence.start < cand.cue_start
                ]
                if (
                    subject
                    and titled
                    and subject[0].actor_type == "government"
                    and 0 <= titled[0].start - subject[0].end <= 40
                    and ","
                    not in text[subject[0].end - sentence.start : titled[0].start - sentence.start]
                ):
                    # "US Defense Secretary Lloyd Austin, who spoke on Saturday, ... telling":
                    # the state names the office of the person who speaks
                    subject = [titled[0]]
                if subject:
                    speakers, how = [subject[0]], "subject"
            cand.speakers, cand.resolved_by = speakers, how
            cand.speakers = self._with_companions(text, cand, cand.speakers, mentions, sentence)
            if how == "named":
                # "Zelensky said ..., and he urged ...": a person the codebook lacks, named as
                # this sentence's speaker, is whom its later "he" means
                self._remember([m for m in speakers if m.is_new])
        attributed = any(c.kind in ("speech", "report") for c in candidates)
        candidates = [c for c in candidates if c.speakers]

        candidates += self._reaction_candidates(text, mentions, sentence)
        if not candidates:
            candidates = self._unchanged_candidates(text, mentions, sentence)
        if not candidates:
            # "China stood by its objection": the subject holds its stance
            for m in _HELD.finditer(text):
                end = _clause_end(text, m.end(), [])
                cand = Candidate(m.start(), m.end(), "held", content=(m.start(), end))
                slot = _left_slot(text, m.start())
                cand.speakers, cand.resolved_by = self._speaker_in(sentence, slot, mentions)
                if cand.speakers:
                    candidates.append(cand)

        # reports: the media speaker reports; the statement's actor is the content's subject
        for cand in candidates:
            media = [m for m in cand.speakers if m.actor_type == "media"]
            cue = text[cand.cue_start : cand.cue_end]
            if (
                media
                and cand.kind == "speech"
                and (
                    SUPPORT.fullmatch(cue)
                    or OPPOSE.fullmatch(cue)
                    # "..., calling NATO a bloc": its participle goes on with its own stance
                    or cand.resolved_by == "continuation"
                    # "the Global Times argued in an editorial that ...": its own opinion
                    or cue.lower() in cues.OPINION_VERBS
                    or _EDITORIAL.search(text) is not None
                )
            ):
                # "the agency KCNA condemned the move": the outlet takes a stance of its own
                media = []
            elif cand.kind == "report" or media:
                if media and cand.kind == "speech":
                    cand.outlet = media[0]
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
            _left_slot(text, c.cue_start)[0] for c in candidates if c.kind not in ("noun", "held")
        )
        for c in candidates:
            # "declined to comment on X but argued that Y": the words of the first verb end
            # where the second verb's clause begins
            joined = re.search(r"\s(?:and|but)\s+$", text[: c.cue_start])
            if joined and c.resolved_by == "continuation":
                slot_starts.append(joined.start())
        slot_starts.sort()
        for n, cand in enumerate(candidates):
            if cand.kind in ("noun", "held") or cand.resolved_by == "roster":
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
                # "..., Kishida, who warned in 2022 that ...": the words before a relative
                # clause are about its antecedent, not what the antecedent said
                and cand.resolved_by != "relative"
                # "The US ambassador, George Glass, wrote ...": a name set off by commas is
                # an appositive to the role before it, which is no quotation
                and not text[: cand.cue_start].rstrip().endswith(",")
                and text[:slot_start].rstrip()[-1:] in ',”"'
                and len(re.findall(r"\w+", before_words)) >= 4
                and (
                    re.match(_ADJUNCT_START, _without_listener(cue_word, after_words)) is not None
                    # '"...," said Ian Chong of ...': the speaker follows the verb
                    or any(m.start - sentence.start >= cand.cue_end for m in cand.speakers)
                )
            )
            verb = 1 if SUPPORT.fullmatch(cue_word) else -1 if OPPOSE.fullmatch(cue_word) else 0
            subordinate = _SUBORDINATE_SUBJECT.search(text[slot_start : cand.cue_start])
            if (
                cand.kind == "speech"
                and verb
                and subordinate
                and subordinate.start() > 0
                and re.match(
                    _ADJUNCT_START, re.sub(r"^\s*(?:it|them|this|that)\b", "", after_words)
                )
            ):
                # "the plan was shelved after France objected": the main clause is what the
                # verb judges, and the verb alone says the side ("shelved" describes the plan)
                main_start = candidates[n - 1].cue_end if n > 0 else 0
                cand.content = (main_start, slot_start + subordinate.start())
                cand.noun_polarity = verb * negated(text, cand.cue_start)
                continue
            aside = re.match(
                r"\s*,(?!\s*(?:and|but|while|adding|saying)\b)\s*", text[cand.cue_end :]
            )
            if (
                cand.kind == "speech"
                and aside
                and text[:slot_start].rstrip().endswith(",")
                and len(re.findall(r"\w+", before_words)) >= 2
                and len(re.findall(r"\w+", text[slot_start : cand.cue_start])) <= 4
            ):
                # "China's supplies, he added, were prolonging the war": the speaker is set off
                # in the middle of the words; what was said is on both sides of the aside
                resume = cand.cue_end + aside.end()
                opening = max(before_start, *(text.rfind(c, 0, slot_start) + 1 for c in ":;"))
                cand.content = (opening, _clause_end(text, resume, slot_starts))
                continue
            relative = _REDUCED_RELATIVE.match(text, slot_start, cand.cue_start)
            if (
                cand.kind == "speech"
                and verb
                and relative
                and text[:slot_start].rstrip().endswith(",")
                and any(m.start - sentence.start >= relative.end(1) for m in cand.speakers)
            ):
                # "..., a passage Beijing denounced as a provocation": the noun before the
                # speaker is what the verb judges
                cand.content = (relative.start(1), relative.end(1))
                cand.noun_polarity = verb * negated(text, cand.cue_start)
                continue
            if (
                cand.kind in ("speech", "hearsay", "action", "according", "report")
                # an outlet's participle ("KCNA condemned it, calling NATO ...") reports
                # nobody else's words: it is not read as "X reported that ..."
                and not (cand.kind == "report" and cand.resolved_by == "continuation")
                and (
                    _governs_after(after_words, before_words)
                    # ", calling for more patrols": a participle governs what follows it
                    or (
                        _CONTINUATIONS.match(cue_word) is not None
                        and text[: cand.cue_start].rstrip().endswith(",")
                        and len(re.findall(r"\w+", after_words)) >= 2
                    )
                )
                and not quote_first
            ):
                cand.content = (cand.cue_start, after_end)
                listener = _TOLD_THAT.match(text, cand.cue_end)
                if cue_word in ("told", "tells", "telling") and listener:
                    # "told her counterparts that ...": the listener is not what was said
                    cand.content = (listener.end(), after_end)
            else:
                previous_end = candidates[n - 1].cue_end if n > 0 else 0
                slot_start = _left_slot(text, cand.cue_start)[0]
                earlier = candidates[n - 1] if n > 0 else None
                if (
                    earlier is not None
                    and cand.kind == "speech"
                    and earlier.kind == "speech"
                    and earlier.speakers
                    and all(m.actor_type == "government" for m in earlier.speakers)
                    and any(
                        m.actor_type == "person"
                        and m.organization in {e.organization for e in earlier.speakers}
                        for m in cand.speakers
                    )
                ):
                    # "Japan opposes any attempt ..., he told a news conference": the words of
                    # the state's own official, verb included, are the official's statement
                    previous_end = _left_slot(text, earlier.cue_start)[0]
                    earlier.speakers = []
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
                titled = self._reported_subject(text, cand, sentence)
                if titled is not None and (not inside or titled.start < inside[0].start):
                    # "CCTV reported that Defence Ministry spokesman Zhang Xiaogang had ...":
                    # the person the report names first is its subject
                    inside = [titled]
                if inside:
                    cand.speakers = [inside[0]]
                    cand.resolved_by = "subject"
                elif cand.outlet is not None and any(
                    p.search(text, cand.content[0], cand.content[1])
                    for p in (SUPPORT, OPPOSE, HARM)
                ):
                    # "the Global Times said that the patrols were a provocation": an outlet
                    # that names no one else's position states its own
                    cand.speakers, cand.kind, cand.reported_by = [cand.outlet], "speech", None
        for n, cand in enumerate(candidates):
            if n > 0 and cand.resolved_by == "continuation" and candidates[n - 1].kind == "report":
                # "CCTV reported that Zhang had accused NATO ..., saying ...": the participle
                # goes on with the reported speaker, as the outlet reports it
                earlier = candidates[n - 1]
                cand.speakers, cand.kind = list(earlier.speakers), "report"
                cand.reported_by = earlier.reported_by
        for cand in candidates:
            self._principal(cand, text, mentions, sentence)
        candidates = [c for c in candidates if c.speakers]

        # no cue: a first-person sentence goes on with the previous speaker's words
        # ('"We will be back," the admiral said': a speaker of its own, even if unknown)
        if (
            not candidates
            and not attributed
            and self.ctx.previous
            and (_FIRST_PERSON.search(text) or _WHOLLY_QUOTED.match(text))
        ):
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

        for cand in candidates:
            # "allies other than France sent frigates": the excepted name is not the doer
            kept = [m for m in cand.speakers if not _excepted(text, m.start - sentence.start)]
            if kept or cand.kind == "action":
                cand.speakers = kept
        rows = self._rows(index, sentence, candidates, mentions)
        self._recent.append(text)
        self._remember([m for m in mentions if not m.is_new or m.actor_type == "media"])
        self._remember_lists(text, mentions, sentence.start)
        # "Defence Minister Richard Marles was more guarded.": a later "he" is this person; a
        # titled person named beside a speaker ("met Secretary General Mark Rutte") is known by
        # surname later, but the speaker stays the last person named
        spoken = {m.actor_id for cand in candidates for m in cand.speakers}
        self._remember(
            [m for m in self._titled_people(sentence, mentions) if m.actor_id not in spoken]
        )
        if not candidates:
            # "Rutte did not spare Beijing either.": a person named earlier, met again by
            # surname, is the person a later "he" means
            self._remember(self._surnames_met(text))
        for cand in candidates:
            self._remember([m for m in cand.speakers if m.is_new])
            if _UNNAMED_SPEAKER.search(text[: cand.cue_start]) and all(
                m.actor_type not in ("person", "expert") for m in cand.speakers
            ):
                # "A spokesperson for the Foreign Office said ...": a later "she" is that
                # unnamed person, who speaks for the body
                self.ctx.persons.extend(cand.speakers)
            if cand.reported_by:
                self.ctx.last_reporter = (cand.reported_by, index)
        if reporter:
            self.ctx.last_reporter = (reporter, index)
        self.ctx.previous = candidates
        return rows

    def _latest_bearer(self, text: str, mention: Mention, offset: int) -> Mention:
        """The person a one-word name means: the last one named in full who bears it.

        "Wang said" after "Foreign Minister Wang Yi" is Wang Yi, though the codebook knows
        another Wang by that name alone.
        """
        word = text[mention.start - offset : mention.end - offset]
        if mention.actor_type not in ("person", "expert") or not re.fullmatch(r"[\w’'-]+", word):
            return mention
        for person in reversed(self.ctx.persons):
            if person.actor_id == mention.actor_id:
                return mention
            # family names come first in some languages ("Wang Yi" → "Wang")
            if (
                person.is_new
                and " " in person.name
                and word
                in (
                    person.name.split()[0],
                    person.name.split()[-1],
                )
            ):
                return dataclasses.replace(person, start=mention.start, end=mention.end)
        return mention

    def _surnames_met(self, text: str) -> list[Mention]:
        """Persons named in full earlier whose surname alone appears in `text`, in text order."""
        # family names come first in some languages ("Lai Ching-te" → "Lai")
        new_people = {
            part: p
            for p in self.ctx.persons
            if p.is_new and " " in p.name
            for part in (p.name.split()[0], p.name.split()[-1])
        }
        return [
            new_people[m.group()]
            for m in re.finditer(r"(?<![\w-])[A-Z][\w’'-]+", text)
            if m.group() in new_people
        ]

    def _rows(
        self, index: int, sentence: Sentence, candidates: list[Candidate], mentions: list[Mention]
    ) -> list[dict]:
        text = sentence.text
        rows: list[dict] = []
        sentence_issues = self._issues(text, (0, len(text)))
        for issue_id in self.member_issues & set(sentence_issues):
            for start, _, _ in sentence_issues[issue_id]:
                self._owner(text, start)  # whose forces the sentence speaks of, for later
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
            before_owners = set(issues)
            issues = self._members_only(text, issues)
            if (
                cand.kind == "action"
                and cand.speakers
                and not any(
                    m.organization in cues.NATO_MEMBERS or m.organization == "NATO"
                    for m in cand.speakers
                )
            ):
                # "China's military staged drills, sending warships": the doer owns the forces,
                # unless they are a member's ("Australia will join the British carrier group")
                issues = {
                    k: v
                    for k, v in issues.items()
                    if k not in self.member_issues
                    or any(self._owner(text, m[0]) in cues.NATO_MEMBERS for m in v)
                }
                if cand.speakers[0].actor_type == "government" or not cand.speakers[0].is_new:
                    self._force_owner = cand.speakers[0].organization
            issues = {
                k: v
                for k, v in issues.items()
                if self._place_in_view(k, text, v) and self._object_in_view(k, text, cand.speakers)
            }
            # an issue set aside for whose forces its terms name is not found again by its words
            excluded = before_owners - set(issues)
            issues = self._shared_terms_resolved(text[cand.content[0] : cand.content[1]], issues)
            issues = {
                k: v
                for k, v in issues.items()
                if self._about_subject(k, text, mentions, cand.speakers, sentence.start)
                and self._judged(k, text, v, cand.content)
            }
            # how the issue was found, for the analyst: the words of the text that name it
            named_by = sorted(
                {" ".join(text[a:b].split()) for v in issues.values() for a, b, _ in v}
            )
            source = f"term {', '.join(named_by)}" if issues else ""
            asked = _ASKED.match(text)
            if not issues and asked and cand.content[0] >= asked.end():
                # "Asked whether Paris would back the office, a diplomat said no decision ...":
                # the question names the issue, the answer gives the stance
                issues = {k: [] for k in self._issues(text, (0, asked.end()))}
                question = _ANAPHOR.search(text, 0, asked.end())
                if not issues and question:
                    # "Asked whether he would revive the plan": the plan named before
                    issues = self._antecedent_issues(question.group(1))
                source = source or (issues and "question")
            held = self._held(text, cand) if not issues else None
            held_stances: dict[str, tuple[str, str]] = {}
            if held is not None:
                # "maintains its stance": the speaker's earlier stance, repeated
                for speaker in cand.speakers:
                    found = self._held_stance(speaker.actor_id, speaker.organization, held)
                    if found:
                        held_stances[speaker.actor_id] = found
                issues = {issue_id: [] for issue_id, _ in held_stances.values()}
                source = source or (issues and "held")
            cue_text = text[cand.cue_start : cand.cue_end]
            if not issues and (NEUTRAL.search(cue_text) or UNDECIDED.search(cue_text)):
                # "Germany, which sent a frigate, has not yet decided whether to return": the
                # undecided speaker is undecided about what its sentence is about
                own = self._without_own_side(text, sentence_issues, cand.speakers)
                if len(own) == 1:
                    issues = {k: [] for k in own}
                    source = "undecided"
            if (
                not issues
                and cand.kind == "action"
                and _ATTENDANCE.fullmatch(text[cand.cue_start : cand.cue_end])
            ):
                issues = self._attendance_issues(
                    text[cand.content[0] : cand.content[1]],
                    self._without_own_side(text, sentence_issues, cand.speakers),
                )
                source = source or (issues and "attendance")
            if not issues:
                # no cue term: the issue whose descriptive words the statement uses, if any
                by_words = self.topics.best(text[cand.content[0] : cand.content[1]])
                if by_words:
                    issues = {by_words: []}
                    source = "words"
            anaphor = _ANAPHOR.search(text[cand.content[0] : cand.content[1]])
            if not issues and anaphor:
                in_sentence = _previous_issues(
                    self._without_own_side(text, sentence_issues, cand.speakers), cand.content
                )
                if in_sentence and not self._noun_names(anaphor.group(1), in_sentence):
                    # "warned that X ..., and urged Tokyo not to host the office": an earlier
                    # issue whose own terms name an office is what "the office" means
                    earlier = self._antecedent_issues(anaphor.group(1))
                    if self._noun_names(anaphor.group(1), earlier):
                        in_sentence = earlier
                issues = (
                    in_sentence
                    or self._antecedent_issues(anaphor.group(1))
                    or self._previous_issues()
                )
                # the stance word nearest the anaphor ("think twice before hosting the
                # office") is the one said of it
                where = (cand.content[0] + anaphor.start(), cand.content[0] + anaphor.end(), 1)
                issues = {issue_id: [where] for issue_id in issues}
                source = source or (issues and "anaphor")
            if not issues and _BARE_REFERENCE.search(text[cand.content[0] : cand.content[1]]):
                # "It is global", "we make a mistake if we push it": the statement goes on
                # about what the sentence before it was about
                issues = self._previous_issues()
                source = source or (issues and "bare")
            words = text[cand.content[0] : cand.content[1]]
            if not issues and cand.kind in ("speech", "report") and _VERDICT.search(words):
                # "Europe should concentrate on its own neighbourhood": a verdict that names
                # no issue is on the one issue the story was just discussing
                previous = self._previous_issues()
                issues = previous if len(previous) == 1 else {}
                source = source or (issues and "verdict")
            issues = {k: v for k, v in issues.items() if k not in excluded}
            if not issues and cand.kind == "action" and cand.speakers:
                # "China's military sent warships around Taiwan": the deed of the actor a
                # proposition names, done at the place it names, acts on that proposition
                issues = self._deed_at_place(text, cand)
                source = "deed at place" if issues else source
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
            base = 0.8 if cand.resolved_by in ("named", "continuation") else 0.65
            for speaker in cand.speakers:
                targets = [
                    (issue_id, matches)
                    for issue_id, matches in issues.items()
                    if self._body_in_view(
                        issue_id, text, speaker, [text[a:b] for a, b, _ in matches]
                    )
                ] or [("", [])]
                if held is not None:
                    own = held_stances.get(speaker.actor_id)
                    targets = [(own[0], [])] if own else [("", [])]
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
                        stance, stance_conf = "neutral", 0.75
                    if (
                        issue_id
                        and speaker.actor_type == "expert"
                        and cand.kind != "action"
                        and stance_conf == NO_CUE_CONFIDENCE
                        and not _states_proposition(text, matches)
                    ):
                        # a commentator who describes events without a stance word assesses
                        # them; that is no side taken on the proposition, unless the words
                        # are a phrase of the proposition itself ("the challenges China presents")
                        stance, stance_conf = "neutral", 0.6
                    if cand.noun_polarity and issue_id:
                        stance = "support" if cand.noun_polarity > 0 else "oppose"
                        stance_conf = 0.8
                    if held is not None and issue_id:
                        stance, stance_conf = held_stances[speaker.actor_id][1], 0.6
                    if issue_id:
                        self._stances.setdefault(speaker.actor_id, []).append((issue_id, stance))
                        # a government holds the stances its people state for it
                        if speaker.organization and speaker.organization != speaker.actor_id:
                            self._stances.setdefault(speaker.organization, []).append(
                                (issue_id, stance)
                            )
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
                            "evidence": stance_conf,
                            "note": f"cue: {text[cand.cue_start : cand.cue_end] or 'continued quote'}; speaker {cand.resolved_by}; issue {source or 'none'}",
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
            # an issue given through a reference ("the proposal") is located at the reference
            located = {k: sentence_issues.get(k) or assigned.get(k) or [] for k in chosen}
            self._history.append((text, located))
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
        first: dict | None = None
        for earlier, issues in reversed(self._history):
            found = pattern.search(earlier)
            if found:
                near = _issues_near(earlier, issues, found.start())
                # "the office" means the issue whose own terms name an office, when the
                # latest sentence that mentions one was given only other issues
                if self._noun_names(noun, near):
                    return near
                first = first or near
        if first:
            return first
        if noun.lower() in cues.EVENT_NOUNS and self._history:
            return {k: [] for k in self._history[0][1]}
        return {}

    def _noun_names(self, noun: str, issues: dict) -> bool:
        """Whether a noun ("office") is a word of one of these issues' cue terms."""
        word = re.compile(rf"(?<![\w-]){re.escape(noun[: max(4, len(noun) - 2)])}", re.I)
        return any(
            word.search(term) for issue_id in issues for term in self.issue_terms.get(issue_id, ())
        )

    def _attendance_issues(
        self, words: str, sentence_issues: dict[str, list[tuple[int, int, int]]]
    ) -> dict[str, list[tuple[int, int, int]]]:
        """The issue a deed of being there serves: "took part in the meeting", "made the trip".

        The rest of its sentence comes first ("visited Seoul and pledged closer ties"); then
        the words of the deed, with a lower bar than a statement's (the deed's verb is itself
        evidence: one distinctive word and a clear lead suffice); then the issue the story was
        just discussing; last the issue the codebook describes by attendance itself.
        """
        if len(sentence_issues) == 1:
            return {k: [] for k in sentence_issues}
        by_words = self._clear_lead(self.topics.scores(words))
        if by_words:
            return {by_words: []}
        previous = self._previous_issues()
        if len(previous) == 1:
            return previous
        by_deed = self._clear_lead(self.topics.scores(f"{words} attendance"))
        return {by_deed: []} if by_deed else {}

    def _clear_lead(self, scores: dict[str, float]) -> str | None:
        """The issue with one distinctive word and half a word's lead over the next, if any."""
        ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
        if not ranked or ranked[0][1] < self.topics.unit:
            return None
        if len(ranked) > 1 and ranked[0][1] - ranked[1][1] < 0.5 * self.topics.unit:
            return None
        return ranked[0][0]

    def _previous_issues(self) -> dict[str, list[tuple[int, int, bool]]]:
        """The issues of the previous statement, for an anaphor ("such a plan") with no cue term."""
        return {k: [] for k in getattr(self, "_last_issues", {})}


_BODY_NOUN = re.compile(
    r"\s+(?:Council|Treaty|Organi[sz]ation|Command|Committee|Assembly|Fleet|Forum|Institute|"
    r"Centre|Center|University|Foundation|Parliament)\b"
)
_PLACE_NOUN = re.compile(
    r"\s+(?:Sea|Strait|Straits|Ocean|Island|Islands|Peninsula|Gulf|Bay|Channel|Coast|Shoal)\b"
)


def _in_place_name(text: str, start: int, end: int) -> bool:
    """Whether a capitalised word is part of a place's name ("South China Sea", "Taiwan Strait"),
    or a capitalised term part of a body's name ("the North Atlantic Council")."""
    word = text[start:end]
    if all(w[:1].isupper() for w in word.split()) and _BODY_NOUN.match(text, end):
        return True
    return " " not in word.strip() and word[:1].isupper() and bool(_PLACE_NOUN.match(text, end))


def _issues_near(text: str, issues: dict, position: int) -> dict:
    """The issues whose terms share the clause around `position`, or all when none does.

    "Leaders joined the summit, and the declaration called China an enabler": "the
    declaration" points back to what the declaration did, not to the summit.
    """
    bounds = [0, len(text)]
    for brk in re.finditer(r";|,\s+(?:and|but|while|as|\w+ing)\s", text):
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
            root = re.escape(word[: -len(suffix)]).replace("'", "['’]")
            if suffix == "e":
                # "office" → offices, not "officer"; "presence" → presences
                return root + r"(?:e|es|ed|ing|ement|ements)"
            return root + r"\w*"
    return escaped + r"\w*"


def _cue_pattern(cue: str) -> re.Pattern[str]:
    """An issue cue term: whole words, case-insensitive unless an acronym; inflections allowed."""
    words = cue.strip().replace("’", "'").split()
    # a quotation may open or close between the words: 'its reach" into'
    body = r"[\s\"“”‘’']+".join(_stem_word(w) for w in words)
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


# "the Ukrainian leader", "the Japanese prime minister": a person known by state and office
_NATIONAL_ROLE = re.compile(
    r"(?:the\s+)?([A-Z][\w-]+)\s+(?:leader|president|prime\s+minister|premier|chancellor"
    r"|(?:foreign|defen[cs]e)\s+minister|minister|foreign\s+secretary|defen[cs]e\s+secretary)",
    re.I,
)
# "five members besides the United States", "all allies except Hungary": set apart from the rest
_EXCEPTING = re.compile(
    r"(?<![\w-])(?:besides|except(?:\s+for)?|excluding|apart\s+from|aside\s+from|other\s+than)"
    r"\s+(?:the\s+)?$",
    re.I,
)


def _excepted(text: str, start: int) -> bool:
    """Whether the name at `start` is set apart from those who speak or act ("besides the
    United States"): the sentence is about the others."""
    return _EXCEPTING.search(text[max(0, start - 24) : start]) is not None


_REGION_NAMES = {
    group: re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, names)) + r")(?![\w-])")
    for group, names in cues.REGION_GROUPS.items()
}


def regions(text: str) -> set[str]:
    """The groups of world regions a text names ("Ukraine" → europe, "Indo-Pacific" → asia)."""
    return {group for group, pattern in _REGION_NAMES.items() if pattern.search(text)}


def _states_proposition(text: str, matches: list[tuple[int, int, int]]) -> bool:
    """Whether an issue term of several words ("the challenges China presents", "Asian NATO")
    is used as the proposition states it: such a phrase asserts the issue, a single topic word
    ("navies", "partners") only names it."""
    return any(p > 0 and len(text[s:e].split()) > 1 for s, e, p in matches)


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
