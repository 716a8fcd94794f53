"""Relative dates are resolved against the publication date, with the right precision."""

from __future__ import annotations

import datetime as dt

import pytest

from tracker.extract.dates import find_dates

TUESDAY = dt.date(2023, 7, 11)


@pytest.mark.parametrize(
    ("phrase", "date", "precision"),
    [
        ("on Monday", dt.date(2023, 7, 10), "day"),
        ("on Tuesday", dt.date(2023, 7, 11), "day"),  # the day of publication
        ("last Tuesday", dt.date(2023, 7, 4), "day"),
        ("on Friday", dt.date(2023, 7, 7), "day"),
        ("yesterday", dt.date(2023, 7, 10), "day"),
        ("last month", dt.date(2023, 6, 1), "month"),
        ("earlier this month", dt.date(2023, 7, 1), "month"),
        ("in May", dt.date(2023, 5, 1), "month"),
        ("in December", dt.date(2022, 12, 1), "month"),  # a later month is last year's
        ("in March 2021", dt.date(2021, 3, 1), "month"),
        ("on 18 May", dt.date(2023, 5, 18), "day"),
        ("May 18, 2022", dt.date(2022, 5, 18), "day"),
        ("earlier this year", dt.date(2023, 1, 1), "year"),
        ("last year", dt.date(2022, 1, 1), "year"),
        ("since 2019", dt.date(2019, 1, 1), "year"),
        ("two months ago", dt.date(2023, 5, 1), "month"),
    ],
)
def test_resolves(phrase: str, date: dt.date, precision: str) -> None:
    [found] = find_dates(f"The minister spoke {phrase} about it.", TUESDAY)
    assert (found.date, found.precision, found.future) == (date, precision, False)


@pytest.mark.parametrize("phrase", ["next year", "next month", "tomorrow", "next Friday"])
def test_future_dates_are_marked(phrase: str) -> None:
    [found] = find_dates(f"Ships will sail {phrase}.", TUESDAY)
    assert found.future


def test_may_the_verb_is_not_a_month() -> None:
    assert find_dates("The alliance may 5 times reconsider, and it may open.", TUESDAY) == []


def test_offsets_are_shifted_into_the_document() -> None:
    [found] = find_dates("He spoke on Monday.", TUESDAY, offset=100)
    assert (found.start, found.end) == (109, 118)
