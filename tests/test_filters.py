"""The shared filters: row selection, their URL form, and hostile links."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.filters import (
    FILTER_PARAMS,
    LIST_FILTERS,
    MAX_VALUE_LENGTH,
    Filters,
    codebook_tables,
    filter_choices,
    from_query_params,
    page_address,
    query_string,
    search_quotes,
)
from tracker.synthetic import generate


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    return generate(3_000, n_actors=40, n_issues=12, seed=7).positions


@pytest.fixture(scope="module")
def choices(frame):
    return filter_choices(frame)


def reference_mask(frame: pd.DataFrame, f: Filters) -> np.ndarray:
    """The same selection written naively, row by row, to check the vectorised one."""
    keep = []
    for row in frame.itertuples(index=False):
        ok = True
        for name, (_, column) in LIST_FILTERS.items():
            values = getattr(f, name)
            if values and str(getattr(row, column)) not in values:
                ok = False
        day = row.statement_date.date()
        if f.date_from and day < f.date_from:
            ok = False
        if f.date_to and day > f.date_to:
            ok = False
        if f.min_confidence and float(row.confidence) < float(np.float32(f.min_confidence)):
            ok = False
        keep.append(ok)
    return np.array(keep, dtype=bool)


def test_default_filters_keep_every_row_without_copying(frame):
    assert Filters().is_default
    assert Filters().apply(frame) is frame


def test_each_filter_selects_what_it_names(frame):
    actors = tuple(frame["actor_id"].astype(str).unique()[:3])
    f = Filters(
        actors=actors,
        stances=("support", "neutral"),
        date_from=dt.date(2021, 6, 1),
        date_to=dt.date(2022, 6, 30),
        min_confidence=0.7,
    )
    out = f.apply(frame)
    assert len(out) > 0
    assert set(out["actor_id"].astype(str)) <= set(actors)
    assert set(out["stance"].astype(str)) <= {"support", "neutral"}
    assert out["statement_date"].min() >= pd.Timestamp("2021-06-01")
    assert out["statement_date"].max() <= pd.Timestamp("2022-06-30")
    assert (out["confidence"] >= np.float32(0.7)).all()
    assert np.array_equal(f.mask(frame), reference_mask(frame, f))


def test_filters_work_on_plain_string_columns(frame):
    plain = frame.astype({c: "str" for c in ("actor_id", "stance", "organization")})
    f = Filters(stances=("oppose",), organizations=(str(frame["organization"].iloc[0]),))
    assert np.array_equal(f.mask(plain), f.mask(frame))


def test_confidence_threshold_keeps_rows_coded_exactly_at_it():
    rows = pd.DataFrame({"confidence": np.array([0.7, 0.69, 0.9], dtype=np.float32)})
    assert Filters(min_confidence=0.7).mask(rows).tolist() == [True, False, True]


def test_date_bounds_are_inclusive():
    rows = pd.DataFrame(
        {"statement_date": pd.to_datetime(["2023-01-31", "2023-02-01", "2023-07-11", "2023-07-12"])}
    )
    f = Filters(date_from=dt.date(2023, 2, 1), date_to=dt.date(2023, 7, 11))
    assert f.mask(rows).tolist() == [False, True, True, False]


def test_url_form_leaves_out_defaults_and_round_trips(choices):
    assert Filters().to_query_params() == {}
    f = Filters(
        actors=tuple(choices.options("actor")[:2]),
        topics=tuple(choices.options("topic")[:1]),
        attributions=("reported",),
        date_from=dt.date(2021, 2, 3),
        min_confidence=0.85,
    )
    params = f.to_query_params()
    assert params["from"] == ["2021-02-03"] and "to" not in params
    assert params["min_conf"] == ["0.85"]
    back, notes = from_query_params(params, choices)
    assert back == f and notes == []


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_any_filters_survive_the_round_trip_through_a_link(data, choices):
    values = {}
    for name, (param, _) in LIST_FILTERS.items():
        options = choices.options(param)
        values[name] = tuple(data.draw(st.lists(st.sampled_from(options), unique=True, max_size=4)))
    day = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 12, 31))
    start, end = sorted([data.draw(day), data.draw(day)])
    f = Filters(
        **values,
        date_from=data.draw(st.none() | st.just(start)),
        date_to=data.draw(st.none() | st.just(end)),
        min_confidence=data.draw(st.sampled_from([0.0, 0.05, 0.5, 0.95, 1.0])),
    )
    back, notes = from_query_params(f.to_query_params(), choices)
    assert back == f
    assert notes == []


def test_unknown_and_malformed_values_are_dropped_with_a_note_each(choices):
    actor = choices.options("actor")[0]
    params = {
        "actor": [actor, "nobody", "<script>alert(1)</script>"],
        "stance": ["support", "maybe"],
        "from": ["2023-02-30"],
        "to": ["yesterday"],
        "min_conf": ["1.5"],
        "utm_source": ["mail"],
    }
    f, notes = from_query_params(params, choices)
    assert f == Filters(actors=(actor,), stances=("support",))
    text = "\n".join(notes)
    for fragment in (
        "'nobody'",
        "<script>alert(1)</script>",
        "'maybe'",
        "2023-02-30",
        "yesterday",
        "1.5",
        "utm_source",
    ):
        assert fragment in text
    assert len(notes) == 6


def test_reversed_dates_are_swapped_with_a_note():
    f, notes = from_query_params({"from": "2023-07-01", "to": "2023-01-01"})
    assert (f.date_from, f.date_to) == (dt.date(2023, 1, 1), dt.date(2023, 7, 1))
    assert any("swapped" in n for n in notes)


def test_implausible_dates_and_non_finite_numbers_are_refused():
    f, notes = from_query_params({"from": "0203-01-01", "min_conf": ["nan", "inf", "-0.1"]})
    assert f.is_default
    assert len(notes) == 2


def test_huge_and_repeated_values_give_short_notes(choices):
    actor = choices.options("actor")[0]
    huge = "x" * 400_000
    f, notes = from_query_params({"actor": [actor] * 5_000 + [huge], "issue": [huge]}, choices)
    assert f.actors == (actor,)
    assert all(len(n) < 300 for n in notes)
    assert any(str(MAX_VALUE_LENGTH) in n for n in notes)
    assert any("more than once" in n for n in notes)


def test_many_unknown_parameters_give_one_note():
    params = {f"p{i}": ["1"] for i in range(5_000)}
    f, notes = from_query_params(params)
    assert f.is_default
    assert len(notes) == 1 and "4997 more" in notes[0]


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    params=st.dictionaries(
        st.sampled_from([*FILTER_PARAMS, "a", "zz", "", "embed"]) | st.text(max_size=20),
        st.text(max_size=30) | st.lists(st.text(max_size=30), max_size=6),
        max_size=12,
    )
)
def test_no_link_makes_parsing_raise(params, choices):
    f, notes = from_query_params(params, choices)
    assert isinstance(f, Filters)
    assert all(isinstance(n, str) for n in notes)
    # Whatever came in, the result is a clean link: parsing it again changes nothing.
    again, more = from_query_params(f.to_query_params(), choices)
    assert again == f and more == []


def test_digest_is_short_stable_and_order_independent():
    a = Filters(actors=("macron", "france"), stances=("oppose",))
    b = Filters(stances=("oppose",), actors=("france", "macron"))
    assert a.digest() == b.digest()
    assert len(a.digest()) == 8 and a.digest() != Filters(actors=("macron",)).digest()
    assert Filters().digest() == "all"


def test_query_string_repeats_parameters():
    assert query_string({"actor": ["a b", "c&d"], "from": ["2023-01-01"]}) == (
        "actor=a+b&actor=c%26d&from=2023-01-01"
    )


def test_choices_label_ids_with_display_names(frame, choices):
    actor_ids = set(frame["actor_id"].astype(str))
    assert set(choices.options("actor")) == actor_ids
    first = choices.options("actor")[0]
    name = frame.loc[frame["actor_id"] == first, "actor"].iloc[0]
    assert choices.labels["actor"][first] == name
    assert choices.options("stance") == [
        s for s in ("oppose", "neutral", "support") if s in set(frame["stance"])
    ]
    assert choices.date_min == frame["statement_date"].min().date()


def test_search_finds_quotes_case_insensitively_and_literally():
    rows = pd.DataFrame({"quote": ["NATO is a (regional) alliance", "the Tokyo office", "a.b"]})
    assert search_quotes(rows, "(REGIONAL)")["quote"].tolist() == ["NATO is a (regional) alliance"]
    assert search_quotes(rows, "a.b")["quote"].tolist() == ["a.b"]
    assert search_quotes(rows, "  ") is rows


def test_codebook_tables_count_filtered_and_all_statements(frame):
    some = Filters(stances=("support",)).apply(frame)
    actors, issues, stances = codebook_tables(None, frame, some)
    assert actors["All"].sum() == len(frame)
    assert actors["Statements"].sum() == len(some)
    assert issues["All"].sum() == len(frame)
    assert dict(zip(stances["Stance"], stances["Statements"], strict=True))["support"] == len(some)


@pytest.mark.parametrize(
    ("browser_url", "page", "expected"),
    [
        ("http://host:8501/", "overview", "http://host:8501/"),
        ("http://host:8501/overview", "overview", "http://host:8501/"),  # not routable there
        ("http://host:8501/overview", "agreement", "http://host:8501/agreement"),
        ("http://host:8501/head-to-head/", "timeline", "http://host:8501/timeline"),
        ("https://example.org/tracker/evidence", "sources", "https://example.org/tracker/sources"),
        ("https://example.org/tracker", "overview", "https://example.org/tracker/"),
        ("https://example.org/tracker/", "codebook", "https://example.org/tracker/codebook"),
        (None, "overview", "/"),
        (None, "head-to-head", "/head-to-head"),
    ],
)
def test_page_address_keeps_the_server_and_base_path_and_names_the_page(
    browser_url, page, expected
):
    assert page_address(browser_url, page) == expected
