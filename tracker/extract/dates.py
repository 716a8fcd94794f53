"""Date expressions in a sentence, resolved against the document's publication date."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?P<weekday>" + "|".join(WEEKDAYS) + r")"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"

# Each pattern names the groups it fills; the resolver below reads them.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")),
    ("day_month", re.compile(rf"\b{_DAY}\s+{_MONTH}(?:,?\s+{_YEAR})?\b", re.I)),
    ("month_day", re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?:,?\s+{_YEAR})?", re.I)),
    ("month_year", re.compile(rf"\b{_MONTH}\s+{_YEAR}\b", re.I)),
    (
        "month",
        re.compile(
            rf"\b(?:in|since|during|until|by|from|of|early|late|mid-?)\s+(?:early\s+|late\s+|mid-?)?{_MONTH}\b",
            re.I,
        ),
    ),
    ("year", re.compile(rf"\b(?:in|since|during|of|until|by)\s+{_YEAR}\b", re.I)),
    ("weekday", re.compile(rf"\b(?:(?P<rel>last|this|next|on)\s+)?{_WEEKDAY}\b", re.I)),
    (
        "relative",
        re.compile(
            r"\b(?P<rel>yesterday|today|tomorrow|"
            r"(?:earlier|later)\s+this\s+(?:week|month|year)|"
            r"(?:last|this|next|past)\s+(?:week|month|year)|"
            r"(?:a|one|two|three|\d+)\s+(?:days?|weeks?|months?|years?)\s+ago)\b",
            re.I,
        ),
    ),
]

_NUMBERS = {"a": 1, "one": 1, "two": 2, "three": 3}


@dataclass(frozen=True)
class DateMention:
    """A resolved date expression: where it is, the date, its precision, and whether it is ahead."""

    start: int
    end: int
    date: dt.date
    precision: str  # day, month or year (schema.DATE_PRECISIONS)
    future: bool


def _month_back(published: dt.date, months: int) -> dt.date:
    """First day of the month `months` months before the published month."""
    index = published.year * 12 + published.month - 1 - months
    return dt.date(index // 12, index % 12 + 1, 1)


def _latest_month(published: dt.date, month: int) -> dt.date:
    """The named month at or before publication (a later month name means last year)."""
    year = published.year if month <= published.month else published.year - 1
    return dt.date(year, month, 1)


def _safe_day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _resolve(kind: str, m: re.Match[str], published: dt.date) -> tuple[dt.date, str, bool] | None:
    """(date, precision, future) of one match, or None when it is not a usable date."""
    groups = m.groupdict()
    if kind == "iso":
        day = _safe_day(int(groups["year"]), int(groups["m"]), int(groups["d"]))
        return (day, "day", day > published) if day else None
    if kind in ("day_month", "month_day"):
        month = MONTHS[groups["month"].lower().rstrip(".")]
        year = int(groups["year"]) if groups.get("year") else _latest_month(published, month).year
        day = _safe_day(year, month, int(groups["day"]))
        return (day, "day", day > published) if day else None
    if kind in ("month_year", "month"):
        month = MONTHS[groups["month"].lower().rstrip(".")]
        if groups.get("year"):
            first = dt.date(int(groups["year"]), month, 1)
        else:
            first = _latest_month(published, month)
        return first, "month", first > published
    if kind == "year":
        year = int(groups["year"])
        return dt.date(year, 1, 1), "year", year > published.year
    if kind == "weekday":
        rel = (groups.get("rel") or "").lower()
        target = WEEKDAYS[groups["weekday"].lower()]
        back = (published.weekday() - target) % 7
        if rel == "next":
            ahead = (target - published.weekday()) % 7 or 7
            return published + dt.timedelta(days=ahead), "day", True
        if rel == "last" and back == 0:
            back = 7
        return published - dt.timedelta(days=back), "day", False
    rel = " ".join(groups["rel"].lower().split())
    if rel == "yesterday":
        return published - dt.timedelta(days=1), "day", False
    if rel == "today":
        return published, "day", False
    if rel == "tomorrow":
        return published + dt.timedelta(days=1), "day", True
    if rel.endswith("ago"):
        count_word, unit, _ = rel.split()
        count = _NUMBERS.get(count_word) or int(count_word)
        unit = unit.rstrip("s")
        if unit == "day":
            return published - dt.timedelta(days=count), "day", False
        if unit == "week":
            return _month_back(published - dt.timedelta(weeks=count), 0), "month", False
        if unit == "month":
            return _month_back(published, count), "month", False
        return dt.date(published.year - count, 1, 1), "year", False
    which, unit = rel.rsplit(" ", 1)
    if unit == "week":
        # no week precision in the contract: the month of that week is the honest granularity
        shift = {"last": -7, "past": -7, "next": 7}.get(which.split()[0], 0)
        day = published + dt.timedelta(days=shift)
        return dt.date(day.year, day.month, 1), "month", shift > 0
    if unit == "month":
        shift = {"last": 1, "past": 1, "next": -1}.get(which.split()[0], 0)
        if shift < 0:
            return _month_back(published, -1), "month", True
        return _month_back(published, shift), "month", False
    shift = {"last": -1, "past": -1, "next": 1}.get(which.split()[0], 0)
    return dt.date(published.year + shift, 1, 1), "year", shift > 0


def find_dates(text: str, published: dt.date, offset: int = 0) -> list[DateMention]:
    """Date expressions in `text`, earliest first; overlapping matches keep the more specific."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:  # ordered from most to least specific
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            month = m.groupdict().get("month")
            if month and not month[0].isupper():
                continue  # "may" the verb, not May the month
            resolved = _resolve(kind, m, published)
            if resolved is None:
                continue
            taken.append((m.start(), m.end()))
            date, precision, future = resolved
            found.append(DateMention(m.start() + offset, m.end() + offset, date, precision, future))
    return sorted(found, key=lambda d: d.start)
