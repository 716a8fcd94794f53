"""Which stance: the side a statement takes on its issue, and how sure the cues make it.

The stance word nearest the issue's terms decides, with negation, harm words (which agree with a
proposition that itself warns of harm), contrasts ("rather than") and opposed objections
("dismissed the criticism"); with no stance word the statement affirms what it says. A stance
held ("maintains its stance") repeats the actor's earlier one. `StanceRules` holds these rules.
"""

from __future__ import annotations

import re

from tracker.extract import cues
from tracker.extract.candidates import Candidate
from tracker.extract.patterns import _HELD, _UNCHANGED, _spans_overlap, _weak_term
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
)

# "rather than X", "instead of X": X is what the speaker sets aside
_CONTRASTED = re.compile(r"(?:rather\s+than|instead\s+of)\s+(?:[\w’'-]+\s+){0,2}$", re.I)


# A proposition that itself warns: "X challenges the security of ...", "X is a threat to ..."
_HARM_FRAMED = re.compile(
    r"\b(?:challenges|threatens|undermines|endangers|destabili[sz]es|jeopardi[sz]es|menaces|"
    r"coerces|harms|damages)\s+(?:the|a|an|its|their|[A-Z])"
    r"|\b(?:is|are|poses?|presents?)\s+(?:a\s+)?(?:\w+\s+)?(?:threat|challenge|danger|risk|menace)\b"
)

# "interference in China's ...": a harm word, a preposition, a possessor
_HARM_TO = re.compile(r"\s+(?:in|into|with|on)\s+(?:the\s+|its\s+|their\s+|[A-Z][\w-]*['’]s\s+)?")

# Modals that bid: their side is that of the verb they govern
_MODAL = re.compile(r"(?:should|must|need\s+to|needs\s+to|ought\s+to|have\s+to|has\s+to)", re.I)
# "should ... not stir up trouble", "urged them not to meddle": a negation that bids
_DEONTIC = re.compile(
    r"\b(?:should|must|ought\s+to|need\s+to|needs\s+to|urged?\b[^.;]*?\bto)\b[^.;]*?"
    r"(?:\bnot|\bnever)\s+[\"“‘']?\s*(?:[\w-]+\s+)?$",
    re.I,
)

# The object of an opposing verb that is itself an objection ("dismissed the criticism")
_OBJECTION_NOUN = re.compile(
    r"\s+(?:the|its|their|his|her|such|these|those|[A-Z][\w-]*['’]s)?\s*(?:[\w-]+\s+)?"
    r"(?:criticisms?|objections?|concerns|protests?|complaints|accusations|warnings?"
    # "reconsider its refusal", "dropped its opposition": undoing a refusal leans toward it
    r"|refusal|opposition|veto|reservations|reluctance|resistance)\b",
)

# "back" as an adverb of direction ("back to", "back home"), not the verb of support
_ADVERB_BACK = re.compile(r"back\s+(?:to|into|in|from|home|down|off|out|away)\b", re.I)


# The confidence of a stance read from no stance word at all (the statement affirms its issue).
NO_CUE_CONFIDENCE = 0.55


def _states_proposition(text: str, matches: list[tuple[int, int, int]]) -> bool:
    """Whether an issue term of several words ("the challenges China presents", "Asian NATO")
    is used as the proposition states it: such a phrase asserts the issue, a single topic word
    ("navies", "partners") only names it."""
    return any(p > 0 and len(text[s:e].split()) > 1 for s, e, p in matches)


class StanceRules:
    """The reader's rules for which stance a statement takes.

    Mixed into `rules._Reader`, which holds the issues' framing (`harm_framed`,
    `status_issues`) and the stances each actor took so far.
    """

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
