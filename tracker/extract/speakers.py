"""Who speaks: the actor a cue's slot names, and what the reader remembers of actors.

A slot may name its speaker outright, or point back to one: a pronoun or a role ("the
minister"), a group ("the four partners", "their leaders"), a surname met before, an office of
the state in view ("its defence minister"). Speakers and organizations the codebook lacks are
made from their names and role words; companions ("alongside Australia") join a speaker; a
report's subject, a passive verb's agent and a spokesperson's principal speak for the cue.
`SpeakerRules` holds these rules and the memory of persons, states, lists and bodies named.
"""

from __future__ import annotations

import dataclasses
import re

from tracker.extract import cues
from tracker.extract.actors import (
    Mention,
    new_actor,
    organization_from_context,
    trailing_name,
    trailing_organization,
)
from tracker.extract.candidates import _TRAILING_AUXILIARIES, Candidate, _left_slot
from tracker.extract.patterns import _STATE_NAMES
from tracker.extract.polarity import phrase_pattern
from tracker.extract.segment import Sentence

_PRONOUN = phrase_pattern(cues.PERSON_PRONOUNS)
_PLURAL = phrase_pattern(cues.PLURAL_REFERENCES)
_FIRST_PERSON = phrase_pattern(cues.FIRST_PERSON)
# A sentence that is all quotation, with no speaker of its own: the quote goes on from the
# previous paragraph's speaker ('"This is not about NATO moving into the Pacific."')
_WHOLLY_QUOTED = re.compile(r'^\s*["“][^"“”]*(?:["”]\s*)?$|^[^"“”]*["”]\s*$')


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

# "the frigate Bayern", "the patrol ship HMS Spey": the capitalised words name a ship
_VESSEL_BEFORE = re.compile(
    r"(?<![\w-])(?:" + "|".join(cues.VESSEL_NOUNS) + r")\s+(?:[A-Z]{2,4}\s+)?$", re.I
)
_EDITORIAL = phrase_pattern(cues.EDITORIAL_NOUNS)

_INSTITUTION_WORD = phrase_pattern([h.lower() for h in cues.ORGANIZATION_HEADS])
_INTENT = re.compile(r"\s*(?:" + "|".join(re.escape(v) for v in cues.INTENT_VERBS) + r")\b")

# "was criticised by", "has been welcomed by": a passive verb, its agent after "by"
_PASSIVE_AUXILIARY = re.compile(
    r"\b(?:was|were|is|are|has\s+been|have\s+been|had\s+been|been|being)\s+"
    r"(?:\w+ly\s+)?$",
    re.I,
)

# The last member of a list of states, after the codebook names the ones before it
_LIST_TAIL_STATE = re.compile(
    r",?\s+and\s+(?:the\s+)?("
    + _STATE_NAMES
    + r")(?![\w-])(?![’']s)(?:\s+(?:each|both|all|together))?\s*$"
)

# "the Netherlands and Canada sailed": a state the codebook lacks opens the list
_LIST_HEAD_STATE = re.compile(r"(?<![\w-])(" + _STATE_NAMES + r")\s*,?\s+and\s+(?:the\s+)?$")
# The English names of states ("Italy"), not as part of a longer name ("Taiwan Strait")
_STATE_NAME = re.compile(r"(?<![\w-])(?:" + _STATE_NAMES + r")(?![\w-])(?!\s+[A-Z])(?![’']s)")


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

# "Its defence minister", "their foreign ministry": the office of a state named before
_ITS_OFFICE = re.compile(
    r"\s*(?:its|their)\s+(?:[\w-]+\s+){0,2}?(?:minister|ministry|government|spokes\w+|"
    r"president|prime\s+minister|leader|ambassador|officials?|embassy|envoy)\s*",
    re.I,
)

_HIS_OFFICE = re.compile(
    r"\s*(?:his|her)\s+(?:[\w-]+\s+){0,2}?(?:minister|ministry|government|spokes\w+|"
    r"ambassador|envoy)\s*",
    re.I,
)

# A capital city alone as a clause's subject ("Rome made the trip")
_CAPITAL_SUBJECT = re.compile(
    r"\s*(?:(?:But|And|Then|Meanwhile|Later)\s+)?("
    + "|".join(re.escape(c).replace(r"\ ", r"\s+") for c in cues.CAPITALS)
    + r")\s*(?:(?:also|too|again|itself|later|then|already|has|had|have|will|would)\s*)*"
)

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


def _coordinated(text: str, mentions: list[Mention], offset: int) -> list[Mention]:
    """The first mention and those joined to it: "Japan and Australia", "A, B and C"."""
    together = [mentions[0]]
    for later in mentions[1:]:
        between = text[together[-1].end - offset : later.start - offset]
        if not re.fullmatch(r"\s*(?:,|and|,\s*and|nor)\s*(?:the\s+)?", between):
            break
        together.append(later)
    return list({m.actor_id: m for m in together}.values())


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


class SpeakerRules:
    """The reader's rules for who speaks, and its memory of the actors named.

    Mixed into `rules._Reader`, which holds the document's memory (`ctx`).
    """

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
        return new_actor(abs_start, name_text, kind, organization, role_words)

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
        return new_actor(abs_start, name, kind, organization)

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
                joined.append(new_actor(at, words, "person", pending))
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
