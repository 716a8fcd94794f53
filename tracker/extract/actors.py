"""Finding actors in text: codebook names and aliases, demonyms, and names the codebook lacks."""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field

import pandas as pd

from tracker.extract import cues


@dataclass(frozen=True)
class Mention:
    """An actor named in the text (absolute offsets); `actor_id` is a slug when the actor is new."""

    start: int
    end: int
    actor_id: str
    name: str
    actor_type: str
    organization: str
    is_new: bool = False
    role: str = ""


def slug(name: str) -> str:
    """The id the extractor proposes for an actor not in the codebook: ASCII, lower case, `_`."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", ascii_name.lower()).strip("_")


def new_actor(start: int, name: str, kind: str, organization: str = "", role: str = "") -> Mention:
    """An actor the codebook lacks, named `name` at `start`: its id is the name's slug, and it
    speaks for itself unless the text gives its organization."""
    return Mention(
        start, start + len(name), slug(name), name, kind, organization or name, True, role
    )


def _form_pattern(form: str) -> re.Pattern[str]:
    """A whole-word pattern for one alias; acronyms match case-sensitively ("US" is not "us")."""
    flags = 0 if form.isupper() or any(c == "." for c in form) else re.IGNORECASE
    body = re.escape(form.replace("’", "'")).replace(r"\ ", r"\s+").replace("'", "['’]")
    return re.compile(rf"(?<![\w-]){body}(?![\w-])", flags)


@dataclass
class Gazetteer:
    """Every surface form of every codebook actor, longest first, plus state lookups."""

    actors: pd.DataFrame
    forms: list[tuple[re.Pattern[str], str]] = field(default_factory=list)
    surnames: dict[str, str] = field(default_factory=dict)
    by_state: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_actors(cls, actors: pd.DataFrame) -> Gazetteer:
        gazetteer = cls(actors.set_index("actor_id", drop=False))
        pairs: dict[str, str] = {}
        for actor_id, name, actor_type, aliases in actors[
            ["actor_id", "name", "actor_type", "aliases"]
        ].itertuples(index=False):
            for form in [name, *aliases]:
                pairs.setdefault(form.strip(), actor_id)
            if actor_type in ("person", "expert") and " " in name:
                gazetteer.surnames[name.split()[-1]] = actor_id
            if actor_type == "government":
                gazetteer.by_state[name.lower()] = actor_id
        ordered = sorted(pairs, key=len, reverse=True)
        gazetteer.forms = [(_form_pattern(form), pairs[form]) for form in ordered if form]
        return gazetteer

    def info(self, actor_id: str) -> tuple[str, str, str, str]:
        """(name, actor_type, organization, role) of a codebook actor."""
        row = self.actors.loc[actor_id]
        return row["name"], row["actor_type"], row["organization"], row.get("role", "") or ""

    def leader_of(self, state: str) -> str | None:
        """The codebook person who heads a state ("President of South Korea"), if any."""
        heads = re.compile(
            rf"^(?:President|Prime Minister|Chancellor|Premier) of (?:the )?{re.escape(state)}$",
            re.I,
        )
        people = self.actors[self.actors["actor_type"] == "person"]
        roles = people.get("role", pd.Series("", index=people.index)).fillna("").astype(str)
        found = people.loc[roles.str.match(heads), "actor_id"]
        return str(found.iloc[0]) if len(found) else None

    def mention(self, actor_id: str, start: int, end: int) -> Mention:
        name, actor_type, organization, role = self.info(actor_id)
        return Mention(start, end, actor_id, name, actor_type, organization, False, role)

    def state_actor(self, state: str, start: int, end: int) -> Mention:
        """The codebook actor for a state, or a proposed new government actor for it."""
        actor_id = self.by_state.get(state.lower())
        if actor_id:
            return self.mention(actor_id, start, end)
        return Mention(start, end, slug(state), state, "government", state, True, "State")

    def find(self, text: str, offset: int = 0) -> list[Mention]:
        """Codebook actors named in `text` (longest form wins where forms overlap)."""
        found: list[Mention] = []
        taken = [False] * len(text)
        for pattern, actor_id in self.forms:
            for m in pattern.finditer(text):
                if any(taken[m.start() : m.end()]):
                    continue
                if _part_of_longer_name(text, m.start(), m.end()):
                    continue  # "Kim" in "Kim Tae-hyo" is someone else
                taken[m.start() : m.end()] = [True] * (m.end() - m.start())
                found.append(self.mention(actor_id, m.start() + offset, m.end() + offset))
        # Capital cities of states the codebook holds, and demonyms before a state noun
        # ("the Italian navy"): a state the codebook lacks is proposed as a new actor
        for form, state in [*cues.CAPITALS.items(), *cues.DEMONYMS.items()]:
            is_demonym = form in cues.DEMONYMS
            if state.lower() not in self.by_state and not is_demonym:
                continue
            for m in _form_pattern(form).finditer(text):
                if any(taken[m.start() : m.end()]):
                    continue
                if is_demonym and not _before_state_noun(text, m.end()):
                    continue
                taken[m.start() : m.end()] = [True] * (m.end() - m.start())
                found.append(self.state_actor(state, m.start() + offset, m.end() + offset))
        # "the Royal Navy", "the Kremlin": a body whose name stands for its state
        for form, state in cues.STATE_BODIES.items():
            for m in _form_pattern(form).finditer(text):
                if any(taken[m.start() : m.end()]):
                    continue
                taken[m.start() : m.end()] = [True] * (m.end() - m.start())
                found.append(self.state_actor(state, m.start() + offset, m.end() + offset))
        # "Xinhua reported", "the Global Times said": outlets the codebook lacks, by name
        for form, (name, state) in cues.OUTLETS.items():
            for m in _form_pattern(form).finditer(text):
                if any(taken[m.start() : m.end()]):
                    continue
                taken[m.start() : m.end()] = [True] * (m.end() - m.start())
                found.append(
                    Mention(
                        m.start() + offset,
                        m.end() + offset,
                        slug(name),
                        name,
                        "media",
                        state or name,
                        True,
                        "News outlet",
                    )
                )
        # "Taiwan's foreign ministry": a state named by its possessive before a state noun
        for state in sorted(set(cues.DEMONYMS.values())):
            for m in re.finditer(rf"(?<![\w-]){re.escape(state)}(?=['’]s\b)", text):
                if any(taken[m.start() : m.end()]) or not _before_state_noun(text, m.end() + 2):
                    continue
                taken[m.start() : m.end()] = [True] * (m.end() - m.start())
                found.append(self.state_actor(state, m.start() + offset, m.end() + offset))
        return sorted(found, key=lambda mention: mention.start)

    def is_actor_name(self, words: str) -> bool:
        """Whether `words` name an actor (a codebook form, a capital or a demonym)."""
        if words in cues.DEMONYMS or words in cues.CAPITALS:
            return True
        return any(pattern.fullmatch(words) for pattern, _ in self.forms)

    def fuzzy_surname(self, word: str) -> str | None:
        """A codebook person whose surname `word` misspells by about one letter."""
        close = difflib.get_close_matches(word, list(self.surnames), n=1, cutoff=0.88)
        return self.surnames[close[0]] if close else None


def _part_of_longer_name(text: str, start: int, end: int) -> bool:
    """Whether a one-word match is glued to other capitalised name words ("Kim Tae-hyo")."""
    if " " in text[start:end].strip() or not text[start:end][:1].isupper():
        return False
    after = re.match(r"\s+([A-Z][a-z][\w’'\-]*)", text[end:])
    before = re.search(r"([A-Z][a-z][\w’'\-]*)\s+$", text[:start])
    after_name = after is not None and after.group(1) not in cues.NOT_NAMES
    before_name = before is not None and before.group(1) not in cues.NOT_NAMES
    if text[start:end].isupper():
        return False  # an acronym (NATO, US) is its own name
    return after_name or (before_name and before.group(1) not in cues.DEMONYMS)


_NEXT_DEMONYM = re.compile(
    r"\s*(?:,\s*and|,|and|or|nor)\s+(?:"
    + "|".join(re.escape(d) for d in sorted(cues.DEMONYMS, key=len, reverse=True))
    + r")(?![\w-])"
)


def _before_state_noun(text: str, end: int) -> bool:
    """Whether a state noun ("government", "warship", ...) follows a demonym ending at `end`.

    A list of demonyms shares its noun: "French, German and Spanish fighter jets".
    """
    while m := _NEXT_DEMONYM.match(text, end):
        end = m.end()
    words = text[end : end + 60].lower().split()
    # up to two modifiers before the noun: "public broadcaster", "fighter jets"
    for skip in range(3):
        rest = " ".join(words[skip:]) + " "
        if any(
            rest.startswith(noun + " ") or rest.startswith(noun + ",") for noun in cues.STATE_NOUNS
        ):
            return True
    return False


_NAME_TOKEN = r"[A-Z][\w’'\-]*\w"
_NAME_RUN = re.compile(rf"{_NAME_TOKEN}(?:\s+(?:{_NAME_TOKEN}|(?:de|van|von|bin)\b|al-\w+))*")


def trailing_name(slot: str) -> tuple[int, int] | None:
    """The last run of two to four capitalised name words in `slot` (offsets in `slot`).

    Title words, demonyms and acronyms split a run: "NATO Deputy Secretary General Mircea
    Geoana" ends in the name "Mircea Geoana".
    """
    best = None
    for m in _NAME_RUN.finditer(slot):
        tokens = [
            (t.start() + m.start(), t.end() + m.start(), t.group())
            for t in re.finditer(r"\S+", m.group())
        ]
        segment: list[tuple[int, int, str]] = []
        segments = []
        for token in tokens:
            word = token[2]
            if (
                word in cues.NOT_NAMES
                or word in cues.DEMONYMS
                or (word.isupper() and len(word) > 1)
            ):
                segments.append(segment)
                segment = []
            elif word.endswith(("'s", "’s")):
                # "Australia's Penny Wong": the possessor is not part of the name
                segments.append(segment)
                segment = []
            else:
                segment.append(token)
        segments.append(segment)
        for seg in segments:
            if 2 <= len(seg) <= 4:
                best = (seg[0][0], seg[-1][1])
    return best


def organization_from_context(before: str, after: str, gazetteer: Gazetteer) -> tuple[str, str]:
    """(organization, role) of a new speaker from its role words and appositive."""
    text = f"{before} {after}"
    for form, state in cues.DEMONYMS.items():
        if re.search(rf"(?<![\w-]){re.escape(form)}(?![\w-])", before):
            return state, _role(before)
    for state in sorted(set(cues.DEMONYMS.values()), key=len, reverse=True):
        if re.search(rf"(?<![\w-]){re.escape(state)}['’]s\b", before):
            return state, _role(before)  # "North Korea's state news agency"
    # "senior analyst at the US Institute of Peace" → that institution
    m = re.search(
        r"\b(?:at|of|for|from|with)\s+(?:the\s+)?"
        r"([A-Z][\w’'\-]*(?:\s+(?:(?:for|of|and|on|&)\s+)?[A-Z][\w’'\-]*)*)",
        after,
    )
    if m:
        body = m.group(1).strip()
        # "a spokesman for the Taiwan Affairs Office": a state's body speaks for the state
        state = cues.STATE_BODIES.get(body) or cues.STATE_OFFICES.get(body)
        return state or body, after.strip(" ,")
    for mention in gazetteer.find(text):
        if mention.actor_type in ("government", "organization"):
            return mention.organization, _role(before)
    for mention in gazetteer.find(before):
        # a title the codebook knows as another holder's ("NATO Secretary General Mark Rutte"):
        # the office, and so the organization, is the same; only a title right before the name
        # that names the organization ("the secretary-general" alone may be anyone's)
        title = before[mention.start : mention.end]
        if (
            mention.actor_type == "person"
            and mention.organization
            and not before[mention.end :].strip(" ,")
            and mention.organization.lower() in title.lower()
        ):
            return mention.organization, _role(before) or before.strip(" ,")
    return "", _role(before) or after.strip(" ,")


def _role(words: str) -> str:
    """The role words in a title run ("foreign ministry spokeswoman")."""
    lowered = words.lower()
    for noun in cues.ROLE_NOUNS:
        if noun in lowered:
            return words.strip(" ,")
    return ""


_ORGANIZATION = re.compile(
    r"((?:[A-Z][\w’'\-]*\s+){0,4}(?:"
    + "|".join(cues.ORGANIZATION_HEADS + cues.MEDIA_HEADS)
    + r"))(?![\w-])"
)


def trailing_organization(slot: str) -> tuple[int, int, str] | None:
    """The last capitalised organization name in `slot`: (start, end, actor type)."""
    found = None
    for m in _ORGANIZATION.finditer(slot):
        start = m.start()
        words = m.group().split()
        # a leading article or state word is not part of the name ("The", "China's")
        while len(words) > 1 and (
            words[0] in ("The", "A", "An") or words[0].endswith(("'s", "’s"))
        ):
            start = slot.index(words[1], start + len(words[0]))
            words = words[1:]
        if len(words) < 2:
            continue
        kind = "military" if words[-1] in cues.MILITARY_HEADS else "organization"
        if words[-1] in cues.MEDIA_HEADS:
            kind = "media"  # "the Global Times": a newspaper
        found = (start, m.end(), kind)
    return found
