"""The dashboard's shared filters, their URL form, and their application to a positions frame.

A :class:`Filters` value is what the sidebar produces and what every page reads. Its URL form
(``to_query_params`` / ``from_query_params``) makes the address bar a link to the view: ids,
not display names, so a link survives a renamed actor. Parsing a link never raises: unknown
parameters and unusable values are dropped, each with a note the app shows to the user.

URL parameters of the filters (``FILTER_PARAMS``)::

    actor, org, actor_type, issue, topic, stance, attribution, doc   repeated, one value each
    from, to                                                         ISO dates (YYYY-MM-DD)
    min_conf                                                         number in [0, 1]

Page-specific controls use the names in ``PAGE_PARAMS`` (bound to the URL by the pages);
any other parameter in a link is reported as unknown and dropped.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

import numpy as np
import pandas as pd

from tracker.schema import (
    ACTOR_TYPES,
    ATTRIBUTIONS,
    EARLIEST_DATE,
    LATEST_DATE,
    STANCE_ORDER,
)

# Filter field → (URL parameter, positions column). Order = sidebar order.
LIST_FILTERS: dict[str, tuple[str, str]] = {
    "actors": ("actor", "actor_id"),
    "organizations": ("org", "organization"),
    "actor_types": ("actor_type", "actor_type"),
    "issues": ("issue", "issue_id"),
    "topics": ("topic", "topic"),
    "stances": ("stance", "stance"),
    "attributions": ("attribution", "attribution"),
    "documents": ("doc", "doc_id"),
}
DATE_FROM_PARAM = "from"
DATE_TO_PARAM = "to"
MIN_CONFIDENCE_PARAM = "min_conf"

FILTER_PARAMS: tuple[str, ...] = (
    *(param for param, _ in LIST_FILTERS.values()),
    DATE_FROM_PARAM,
    DATE_TO_PARAM,
    MIN_CONFIDENCE_PARAM,
)

# URL parameters owned by page controls (bound with ``bind="query-params"``, key = name).
# A page control must use one of these names; any other name in a link is dropped as unknown.
PAGE_PARAMS: dict[str, tuple[str, ...]] = {
    "overview": ("level", "overview_issue", "overview_actor"),
    "agreement": ("measure", "level", "min_overlap", "order"),
    "head-to-head": ("a", "b", "level"),
    "timeline": (
        "level",
        "timeline_issue",
        "pair",
        "a",
        "b",
        "measure",
        "window",
        "window_days",
    ),
    "evidence": ("q",),
    "sources": ("source", "statement"),
    "codebook": (),
    "add-article": (),
}
# The page Streamlit serves at the root. It answers only there: its own path (/overview) opens
# a "Page not found" dialog before falling back to it.
DEFAULT_PAGE = "overview"


def page_address(browser_url: str | None, page: str) -> str:
    """The address of `page` on the server the browser reached, without a query.

    `browser_url` is where the session started (``st.context.url``), which may be another page
    or the default page's own path; its scheme, host and any base path are kept, a trailing page
    name is replaced by `page`'s, and the default page is the root.
    """
    base = ""
    if browser_url:
        parts = urlsplit(browser_url)
        path = parts.path.rstrip("/")
        last = path.rsplit("/", 1)[-1]
        if last in PAGE_PARAMS:
            path = path[: -len(last)].rstrip("/")
        base = urlunsplit((parts.scheme, parts.netloc, path, "", ""))
    return f"{base}/" if page == DEFAULT_PAGE else f"{base}/{page}"


# Parameters Streamlit itself reads (embedding and theme options).
STREAMLIT_PARAMS: tuple[str, ...] = ("embed", "embed_options")

KNOWN_PARAMS: frozenset[str] = frozenset(
    [*FILTER_PARAMS, *STREAMLIT_PARAMS, *(p for names in PAGE_PARAMS.values() for p in names)]
)

# Limits that keep a hostile link cheap to read.
MAX_VALUE_LENGTH = 300  # characters in one value (ids and labels are far shorter)
MAX_VALUES_PER_PARAM = 1000  # distinct values read for one parameter
MAX_NOTE_EXAMPLES = 3  # dropped values named in one note
_NOTE_VALUE_LENGTH = 40
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class Filters:
    """The sidebar filters. Empty tuples, ``None`` dates and confidence 0 mean "no restriction".

    Id-valued fields hold codebook ids (``actor_id``, ``issue_id``, ``doc_id``); the others hold
    the column values themselves. Dates are inclusive bounds on ``statement_date``.
    """

    actors: tuple[str, ...] = ()
    organizations: tuple[str, ...] = ()
    actor_types: tuple[str, ...] = ()
    issues: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    stances: tuple[str, ...] = ()
    attributions: tuple[str, ...] = ()
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    documents: tuple[str, ...] = ()
    min_confidence: float = 0.0

    def __post_init__(self) -> None:
        # Lists from widgets become tuples, so a Filters value is hashable and comparable.
        for name in LIST_FILTERS:
            value = getattr(self, name)
            if not isinstance(value, tuple):
                object.__setattr__(self, name, tuple(value))

    @property
    def is_default(self) -> bool:
        """True when no filter restricts the rows."""
        return self == Filters()

    def active(self) -> dict[str, object]:
        """The fields that restrict rows, by field name."""
        default = Filters()
        return {
            f.name: getattr(self, f.name)
            for f in dataclasses.fields(self)
            if getattr(self, f.name) != getattr(default, f.name)
        }

    def mask(self, frame: pd.DataFrame) -> np.ndarray:
        """Boolean array: which rows of a positions frame pass every filter (vectorised)."""
        keep = np.ones(len(frame), dtype=bool)
        for name, (_, column) in LIST_FILTERS.items():
            values = getattr(self, name)
            if values:
                keep &= frame[column].isin(values).to_numpy(dtype=bool, na_value=False)
        if self.date_from is not None or self.date_to is not None:
            dates = frame["statement_date"]
            if self.date_from is not None:
                keep &= (dates >= pd.Timestamp(self.date_from)).to_numpy(dtype=bool)
            if self.date_to is not None:
                keep &= (dates <= pd.Timestamp(self.date_to)).to_numpy(dtype=bool)
        if self.min_confidence > 0:
            # Compare in the column's float32, so a row coded 0.7 passes a 0.7 threshold.
            threshold = np.float32(self.min_confidence)
            keep &= frame["confidence"].to_numpy(dtype=np.float32) >= threshold
        return keep

    def apply(self, frame: pd.DataFrame) -> pd.DataFrame:
        """The rows of `frame` that pass every filter (the frame itself when nothing filters)."""
        if self.is_default:
            return frame
        return frame[self.mask(frame)]

    def to_query_params(self) -> dict[str, list[str]]:
        """URL form: parameter → values, leaving out filters at their default."""
        params: dict[str, list[str]] = {}
        for name, (param, _) in LIST_FILTERS.items():
            values = getattr(self, name)
            if values:
                params[param] = [str(v) for v in values]
        if self.date_from is not None:
            params[DATE_FROM_PARAM] = [self.date_from.isoformat()]
        if self.date_to is not None:
            params[DATE_TO_PARAM] = [self.date_to.isoformat()]
        if self.min_confidence > 0:
            params[MIN_CONFIDENCE_PARAM] = [format_confidence(self.min_confidence)]
        return params

    def canonical(self) -> str:
        """Order-independent JSON of the URL form: equal filters give equal strings."""
        params = {k: sorted(set(v)) for k, v in self.to_query_params().items()}
        return json.dumps(params, sort_keys=True, ensure_ascii=True, separators=(",", ":"))

    def digest(self) -> str:
        """Short stable name for file names: ``all`` when nothing filters, else 8 hex digits."""
        if self.is_default:
            return "all"
        return hashlib.sha256(self.canonical().encode("ascii")).hexdigest()[:8]

    def describe(self, choices: FilterChoices | None = None) -> list[str]:
        """One readable line per active filter, with display names when `choices` has them."""
        lines = []
        for name, (param, _) in LIST_FILTERS.items():
            values = getattr(self, name)
            if values:
                labels = choices.labels.get(param, {}) if choices is not None else {}
                lines.append(
                    f"{_FIELD_LABELS[name]}: " + ", ".join(labels.get(v, v) for v in values)
                )
        if self.date_from is not None or self.date_to is not None:
            start = self.date_from.isoformat() if self.date_from else "…"
            end = self.date_to.isoformat() if self.date_to else "…"
            lines.append(f"Dates: {start} to {end}")
        if self.min_confidence > 0:
            lines.append(f"Minimum confidence: {format_confidence(self.min_confidence)}")
        return lines


_FIELD_LABELS = {
    "actors": "Actors",
    "organizations": "Organizations",
    "actor_types": "Actor types",
    "issues": "Issues",
    "topics": "Topics",
    "stances": "Stances",
    "attributions": "Attribution",
    "documents": "Documents",
}


def format_confidence(value: float) -> str:
    """Confidence as it appears in a URL: at most 3 decimals, no trailing zeros."""
    return f"{value:.3f}".rstrip("0").rstrip(".")


@dataclass(frozen=True)
class FilterChoices:
    """What the data offers for each list filter: parameter → {value: display label}.

    Built from a positions frame by :func:`filter_choices`; used to validate link values and
    to label the sidebar's options. ``date_min``/``date_max`` span the statements.
    """

    labels: dict[str, dict[str, str]] = field(default_factory=dict)
    date_min: dt.date | None = None
    date_max: dt.date | None = None

    def options(self, param: str) -> list[str]:
        """The values a list filter can take, in display order."""
        return list(self.labels.get(param, {}))


def _distinct(frame: pd.DataFrame, column: str) -> list[str]:
    """Distinct non-null values of a column, as strings (only observed categories)."""
    series = frame[column]
    if isinstance(series.dtype, pd.CategoricalDtype):
        codes = series.cat.codes.to_numpy()
        present = np.unique(codes[codes >= 0])
        return [str(v) for v in series.cat.categories[present]]
    return [str(v) for v in pd.unique(series.dropna())]


def _id_labels(frame: pd.DataFrame, id_column: str, label_column: str) -> dict[str, str]:
    """id → label, ordered by label (case-insensitive), for the ids present in `frame`."""
    if frame.empty:
        return {}
    pairs = frame[[id_column, label_column]].drop_duplicates(subset=[id_column])
    ids = pairs[id_column].astype(str).tolist()
    labels = pairs[label_column].astype(str).tolist()
    order = sorted(range(len(ids)), key=lambda i: (labels[i].casefold(), ids[i]))
    return {ids[i]: labels[i] for i in order}


def filter_choices(frame: pd.DataFrame, documents: pd.DataFrame | None = None) -> FilterChoices:
    """The options each filter offers for a positions frame (documents titled when given)."""
    labels: dict[str, dict[str, str]] = {
        "actor": _id_labels(frame, "actor_id", "actor"),
        "issue": _id_labels(frame, "issue_id", "issue"),
    }
    enum_orders = {
        "actor_type": ACTOR_TYPES,
        "stance": STANCE_ORDER,
        "attribution": ATTRIBUTIONS,
    }
    for param, column in (
        ("org", "organization"),
        ("actor_type", "actor_type"),
        ("topic", "topic"),
        ("stance", "stance"),
        ("attribution", "attribution"),
    ):
        values = _distinct(frame, column) if not frame.empty else []
        order = enum_orders.get(param)
        if order is not None:
            rank = {v: i for i, v in enumerate(order)}
            values.sort(key=lambda v: (rank.get(v, len(rank)), v))
        else:
            values.sort(key=str.casefold)
        labels[param] = {v: v for v in values}
    doc_ids = sorted(_distinct(frame, "doc_id")) if not frame.empty else []
    titles: dict[str, str] = {}
    if documents is not None and not documents.empty and "title" in documents:
        titles = dict(
            zip(documents["doc_id"].astype(str), documents["title"].astype(str), strict=True)
        )
    labels["doc"] = {d: titles.get(d, d) for d in doc_ids}
    date_min = date_max = None
    if not frame.empty:
        dates = frame["statement_date"]
        date_min, date_max = dates.min().date(), dates.max().date()
    return FilterChoices(labels=labels, date_min=date_min, date_max=date_max)


def _short(value: str) -> str:
    """A value quoted for a note, shortened so a huge value gives a short note."""
    if len(value) > _NOTE_VALUE_LENGTH:
        value = value[: _NOTE_VALUE_LENGTH - 1] + "…"
    return repr(value)


def _examples(values: Sequence[str]) -> str:
    shown = ", ".join(_short(v) for v in values[:MAX_NOTE_EXAMPLES])
    if len(values) > MAX_NOTE_EXAMPLES:
        shown += f" and {len(values) - MAX_NOTE_EXAMPLES} more"
    return shown


def _as_list(raw: object) -> list[str]:
    """A parameter's values as a list of strings (a single string is one value)."""
    if raw is None:
        return []
    if isinstance(raw, str):
        return [raw]
    if isinstance(raw, Iterable):
        return [v if isinstance(v, str) else str(v) for v in raw]
    return [str(raw)]


def _parse_date(values: list[str], param: str, notes: list[str]) -> dt.date | None:
    """The first usable ISO date among `values`; notes for the rest."""
    chosen: dt.date | None = None
    bad: list[str] = []
    for value in values:
        text = value.strip()
        parsed: dt.date | None = None
        if len(text) == 10 and _ISO_DATE.fullmatch(text):
            try:
                parsed = dt.date.fromisoformat(text)
            except ValueError:
                parsed = None
        if parsed is None or not (EARLIEST_DATE <= parsed <= LATEST_DATE):
            bad.append(value)
        elif chosen is None:
            chosen = parsed
    if bad:
        notes.append(
            f"Link parameter '{param}': ignored {_examples(bad)} — expected a date "
            f"YYYY-MM-DD between {EARLIEST_DATE.isoformat()} and {LATEST_DATE.isoformat()}."
        )
    if chosen is not None and len(values) - len(bad) > 1:
        notes.append(
            f"Link parameter '{param}' was given more than once; used {chosen.isoformat()}."
        )
    return chosen


def _parse_confidence(values: list[str], notes: list[str]) -> float:
    """The first usable confidence in [0, 1] among `values`; notes for the rest."""
    chosen: float | None = None
    bad: list[str] = []
    for value in values:
        try:
            number = float(value) if len(value) <= 32 else math.nan
        except ValueError:
            number = math.nan
        if not math.isfinite(number) or not 0.0 <= number <= 1.0:
            bad.append(value)
        elif chosen is None:
            chosen = round(number, 3)
    if bad:
        notes.append(
            f"Link parameter '{MIN_CONFIDENCE_PARAM}': ignored {_examples(bad)} — expected a "
            "number between 0 and 1."
        )
    return chosen if chosen is not None else 0.0


def _static_allowed(param: str) -> Iterable[str] | None:
    """Values a parameter can take whatever the data (the contract's enums), else None."""
    return {
        "stance": STANCE_ORDER,
        "attribution": ATTRIBUTIONS,
        "actor_type": ACTOR_TYPES,
    }.get(param)


def from_query_params(
    params: Mapping[str, object], choices: FilterChoices | None = None
) -> tuple[Filters, list[str]]:
    """Parse a link's parameters into filters, never raising; returns (filters, notes).

    `params` maps a parameter to its value or list of values (``{k: st.query_params.get_all(k)}``
    or ``urllib.parse.parse_qs`` output). Values not offered by `choices` (or, without
    choices, outside the contract's enums), malformed or out-of-range dates and
    confidences, overlong values and unknown parameters are dropped; each drop adds one
    readable note. Repeated values count once; only the first ``MAX_VALUES_PER_PARAM``
    distinct values of a parameter are read.
    """
    notes: list[str] = []
    unknown = [str(k) for k in params if str(k) not in KNOWN_PARAMS]
    if unknown:
        noun = "parameter" if len(unknown) == 1 else "parameters"
        notes.append(f"Ignored unknown link {noun} {_examples(unknown)}.")

    values: dict[str, object] = {}
    for name, (param, _) in LIST_FILTERS.items():
        raw = _as_list(params.get(param))
        if not raw:
            continue
        distinct = list(dict.fromkeys(raw))
        if len(distinct) < len(raw):
            notes.append(
                f"Link parameter '{param}' gave the same value more than once "
                f"({len(raw)} values, {len(distinct)} different); each counts once."
            )
        if len(distinct) > MAX_VALUES_PER_PARAM:
            notes.append(
                f"Link parameter '{param}' has {len(distinct)} different values; "
                f"read the first {MAX_VALUES_PER_PARAM}."
            )
            distinct = distinct[:MAX_VALUES_PER_PARAM]
        too_long = [v for v in distinct if len(v) > MAX_VALUE_LENGTH]
        if too_long:
            notes.append(
                f"Link parameter '{param}': ignored {len(too_long)} value(s) longer than "
                f"{MAX_VALUE_LENGTH} characters."
            )
            distinct = [v for v in distinct if len(v) <= MAX_VALUE_LENGTH]
        distinct = [v for v in distinct if v != ""]  # ``?actor=`` means "no filter"
        if choices is not None and param in choices.labels:
            allowed: Iterable[str] | None = choices.labels[param]
        else:
            allowed = _static_allowed(param)
        if allowed is not None:
            allowed_set = set(allowed)
            unknown_values = [v for v in distinct if v not in allowed_set]
            if unknown_values:
                notes.append(
                    f"Link parameter '{param}': ignored {_examples(unknown_values)} — "
                    "not in the data."
                )
            distinct = [v for v in distinct if v in allowed_set]
        if distinct:
            values[name] = tuple(distinct)

    date_from = _parse_date(_as_list(params.get(DATE_FROM_PARAM)), DATE_FROM_PARAM, notes)
    date_to = _parse_date(_as_list(params.get(DATE_TO_PARAM)), DATE_TO_PARAM, notes)
    if date_from is not None and date_to is not None and date_from > date_to:
        notes.append(
            f"Link dates were reversed ({date_from.isoformat()} after {date_to.isoformat()}); "
            "swapped them."
        )
        date_from, date_to = date_to, date_from
    min_confidence = _parse_confidence(_as_list(params.get(MIN_CONFIDENCE_PARAM)), notes)
    filters = Filters(
        **values,  # type: ignore[arg-type]
        date_from=date_from,
        date_to=date_to,
        min_confidence=min_confidence,
    )
    return filters, notes


def query_string(params: Mapping[str, Sequence[str]]) -> str:
    """``a=1&a=2&b=x`` for parameter → values, percent-encoded (no leading ``?``)."""
    from urllib.parse import urlencode

    return urlencode([(k, v) for k, vs in params.items() for v in vs])


SEARCH_PARAM = "q"  # the Evidence page's text search over quotes
MAX_SEARCH_LENGTH = 200


def search_quotes(frame: pd.DataFrame, text: str) -> pd.DataFrame:
    """Rows whose quote contains `text` (case-insensitive, literal; blank text keeps all)."""
    needle = (text or "").strip()[:MAX_SEARCH_LENGTH]
    if not needle or frame.empty:
        return frame
    hits = frame["quote"].str.contains(needle, case=False, regex=False, na=False)
    return frame[hits.to_numpy(dtype=bool)]


def _counts(frame: pd.DataFrame, column: str) -> pd.Series:
    """Statements per value of `column` (string index; counted on the codes, not the strings)."""
    counts = frame[column].value_counts(sort=False)
    counts.index = counts.index.astype(str)
    return counts


def codebook_tables(
    codebook: object | None, data: pd.DataFrame, filtered: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Display tables of actors, issues and stances with statement counts (filtered and all).

    `codebook` is a :class:`tracker.codebook.Codebook` or None; entries that only the data
    knows (or, without a codebook, all entries) are described from the positions rows.
    """
    from tracker.schema import STANCES

    def join(values: object) -> str:
        return (
            ", ".join(values)
            if isinstance(values, list)
            else ("" if values is None else str(values))
        )

    # Deduplicate first (cheap on categorical codes), then turn the few rows left into text.
    from_data_actors = (
        data[["actor_id", "actor", "actor_type", "organization"]]
        .drop_duplicates("actor_id")
        .astype(str)
        .rename(columns={"actor": "name"})
    )
    from_data_issues = (
        data[["issue_id", "issue", "proposition", "topic"]]
        .drop_duplicates("issue_id")
        .astype(str)
        .rename(columns={"issue": "label"})
    )
    if codebook is not None:
        actors = codebook.actors.astype({"actor_id": str})
        actors = pd.concat(
            [actors, from_data_actors[~from_data_actors["actor_id"].isin(actors["actor_id"])]],
            ignore_index=True,
        )
        issues = codebook.issues.astype({"issue_id": str})
        issues = pd.concat(
            [issues, from_data_issues[~from_data_issues["issue_id"].isin(issues["issue_id"])]],
            ignore_index=True,
        )
        stances = codebook.stances.copy()
    else:
        actors, issues = from_data_actors, from_data_issues
        stances = pd.DataFrame(
            {"stance": list(STANCES), "score": list(STANCES.values()), "label": list(STANCES)}
        )
    for frame, columns in (
        (actors, ("country", "role", "aliases", "description")),
        (issues, ("description", "cues")),
        (stances, ("description",)),
    ):
        for column in columns:
            if column not in frame:
                frame[column] = ""
    actor_table = pd.DataFrame(
        {
            "Name": actors["name"].astype(str),
            "Id": actors["actor_id"],
            "Type": actors["actor_type"].astype(str),
            "Organization": actors["organization"].astype(str),
            "Country": actors["country"].fillna("").astype(str),
            "Role": actors["role"].fillna("").astype(str),
            "Aliases": actors["aliases"].map(join),
            "Description": actors["description"].fillna("").astype(str),
            "Statements": actors["actor_id"]
            .map(_counts(filtered, "actor_id"))
            .fillna(0)
            .astype(int),
            "All": actors["actor_id"].map(_counts(data, "actor_id")).fillna(0).astype(int),
        }
    ).sort_values(["All", "Name"], ascending=[False, True], kind="stable")
    issue_table = pd.DataFrame(
        {
            "Issue": issues["label"].astype(str),
            "Id": issues["issue_id"],
            "Proposition": issues["proposition"].astype(str),
            "Topic": issues["topic"].astype(str),
            "Description": issues["description"].fillna("").astype(str),
            "Cues": issues["cues"].map(join),
            "Statements": issues["issue_id"]
            .map(_counts(filtered, "issue_id"))
            .fillna(0)
            .astype(int),
            "All": issues["issue_id"].map(_counts(data, "issue_id")).fillna(0).astype(int),
        }
    ).sort_values(["Topic", "Issue"], kind="stable")
    stance_key = stances["stance"].astype(str)
    stance_table = pd.DataFrame(
        {
            "Stance": stance_key,
            "Score": stances["score"].astype(int),
            "Label": stances["label"].astype(str),
            "Description": stances["description"].fillna("").astype(str),
            "Statements": stance_key.map(_counts(filtered, "stance")).fillna(0).astype(int),
            "All": stance_key.map(_counts(data, "stance")).fillna(0).astype(int),
        }
    ).sort_values("Score", kind="stable")
    return (
        actor_table.reset_index(drop=True),
        issue_table.reset_index(drop=True),
        stance_table.reset_index(drop=True),
    )
