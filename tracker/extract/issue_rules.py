"""Which issue: the issues a statement's words name, and whether each can stand.

Issue cue terms match as whole words with their inflections (`_cue_pattern`); names of
countries and regions are weak evidence beside other terms. An issue stands only when what its
proposition is about is in view: the state whose conduct it warns of, the body or place it
names, the alliance members' own forces. Without a term, an issue is found from a reference
back ("the programme", "it"), the question a statement answers, a deed of attendance, or the
issue's descriptive words. `IssueRules` holds these rules.
"""

from __future__ import annotations

import re

from tracker.extract import cues
from tracker.extract.actors import Mention
from tracker.extract.candidates import Candidate
from tracker.extract.patterns import (
    _JUDGING,
    _REPORT,
    _SPEECH,
    _STATE_NAMES,
    _as_target,
    _spans_overlap,
    _weak_term,
)
from tracker.extract.polarity import HARM, NEGATION, OPPOSE, SUPPORT, phrase_pattern
from tracker.extract.topics import STOPWORDS

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

_ATTENDANCE = phrase_pattern(cues.ATTENDANCE_CUES)

# "warships from the Netherlands": the state named after the forces' noun
_FORCES_FROM = re.compile(r"[\w-]+\s+from\s+(?:the\s+)?(" + _STATE_NAMES + r")(?![\w-])")

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


# A state's forces: "China's military", "Chinese warships"
_FORCES_AFTER = re.compile(
    r"(?:['’]s)?\s+(?:[\w-]+\s+)?(?:military|navy|forces|army|air\s+force|warships|fleet|"
    r"coast\s+guard|troops)\b",
    re.I,
)

_PREPOSITION_BEFORE = re.compile(
    r"\b(?:to|with|from|toward|towards|at|in|by|for)\s+(?:the\s+)?$", re.I
)
# Words that pass a verdict of their own (not "should", "want", "need", which need an object)
_VERDICT = phrase_pattern(
    [*cues.OPPOSE_EVALUATIONS, *cues.SUPPORT_EVALUATIONS, *cues.RESTRICTION_CUES]
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

# "Asked whether ..., X said": the question before the answer
_ASKED = re.compile(r"\s*(?:When\s+)?asked\b[^,;]*,", re.I)


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


_REGION_NAMES = {
    group: re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, names)) + r")(?![\w-])")
    for group, names in cues.REGION_GROUPS.items()
}


def regions(text: str) -> set[str]:
    """The groups of world regions a text names ("Ukraine" → europe, "Indo-Pacific" → asia)."""
    return {group for group, pattern in _REGION_NAMES.items() if pattern.search(text)}


class IssueRules:
    """The reader's rules for which issue a statement is on.

    Mixed into `rules._Reader`, which holds what each issue's proposition is about
    (`subject_of`, `place_of`, ...), the issues' cue patterns and the sentences read so far.
    """

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
