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

The rules are in parts, one per concern, each a mixin of the reader with the patterns
and helpers it uses: `candidates.py` (the cues of a sentence, the slot of their subject and
the words they govern), `speakers.py` (who speaks), `issue_rules.py` (which issue),
`stance_rules.py` (which stance); patterns several of them use are in `patterns.py`. This
module holds the reader itself: it reads each sentence's candidates, finds their speakers
and content, and builds the rows with their dates.
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
    new_actor,
    organization_from_context,
    trailing_name,
)
from tracker.extract.candidates import (
    _ACCORDING,
    _ADJUNCT_START,
    _CONTINUATIONS,
    _REDUCED_RELATIVE,
    _SUBORDINATE_SUBJECT,
    _TOLD_THAT,
    Candidate,
    CandidateRules,
    _clause_end,
    _cue_matches,
    _drop_deeds_named_as_topics,
    _drop_embedded,
    _drop_planned_deeds,
    _governs_after,
    _left_slot,
    _that_clauses,
    _titled_name,
    _without_listener,
)
from tracker.extract.dates import DateMention, find_dates
from tracker.extract.issue_rules import (
    _ACTS_ALONE,
    _ANAPHOR,
    _ASKED,
    _ATTENDANCE,
    _BARE_REFERENCE,
    _MEMBERS_ACT,
    _VERDICT,
    IssueRules,
    _cue_pattern,
    _previous_issues,
    regions,
)
from tracker.extract.patterns import _HELD, _as_target, _spans_overlap
from tracker.extract.polarity import HARM, NEUTRAL, OPPOSE, SUPPORT, UNDECIDED, negated, withheld
from tracker.extract.segment import Sentence, split_sentences
from tracker.extract.speakers import (
    _EDITORIAL,
    _FIRST_PERSON,
    _GATHERING,
    _INVERTED_ROLE,
    _INVERTED_SPEAKER,
    _IT_SUBJECT,
    _MEDIA,
    _RELATIVE_WHO,
    _UNNAMED_SPEAKER,
    _WHOLLY_QUOTED,
    SpeakerRules,
    _coordinated,
    _excepted,
    _possessor_of_other,
    commentator,
)
from tracker.extract.stance_rules import (
    _HARM_FRAMED,
    NO_CUE_CONFIDENCE,
    StanceRules,
    _states_proposition,
)
from tracker.extract.topics import TopicProfiles

# What the rest of the project imports from here
__all__ = [
    "NO_CUE_CONFIDENCE",
    "Candidate",
    "Context",
    "carried_ok",
    "commentator",
    "read_document",
    "regions",
]


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


class _Reader(SpeakerRules, IssueRules, StanceRules, CandidateRules):
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
                    before = [new_actor(at, words, "person", organization, role)]
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
