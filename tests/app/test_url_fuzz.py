"""Random links thrown at every page (hypothesis + AppTest): never an error, bad parts noted.

People paste links with parameters that are unknown, repeated, malformed or huge. Every page
must draw itself, drop what it cannot use and say so in a visible note. The examples are few
per page (each is a full app run) so that the file stays around a minute.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from pathlib import Path
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, Phase, assume, given, settings
from hypothesis import strategies as st

from tests import hostile
from tracker.filters import KNOWN_PARAMS, LIST_FILTERS, PAGE_PARAMS
from tracker.load import DEFAULT_POSITIONS, ENV_VAR, load_positions
from tracker.schema import EARLIEST_DATE, LATEST_DATE

ROOT = Path(__file__).resolve().parents[2]
PAGES = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "pages").glob("*.py"))
URL_PATHS = {"head_to_head": "head-to-head", "add_article": "add-article"}
# Each example is a full run of the app: few examples, no deadline, and no shrinking (a failing
# link is reported as generated, which keeps a failure from costing minutes of reruns).
FUZZ = settings(
    max_examples=6,
    deadline=None,
    phases=(Phase.explicit, Phase.reuse, Phase.generate),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

DATA = load_positions(DEFAULT_POSITIONS)
# The values each list filter can take on the coded data: the oracle for "kept or noted".
VALID = {param: set(DATA[column].astype(str)) for param, column in LIST_FILTERS.values()}


@pytest.fixture(scope="module", autouse=True)
def coded_data():
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(ENV_VAR, str(DEFAULT_POSITIONS))
        yield


def url_path(page: str) -> str:
    stem = Path(page).stem
    return URL_PATHS.get(stem, stem)


# --- Strategies -------------------------------------------------------------------------------
text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
huge = st.builds(lambda s, n: ((s or "x") * n)[:n], text, st.integers(1_000, 20_000))
dates = st.one_of(
    st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)).map(dt.date.isoformat),
    st.sampled_from(
        ["2023-02-30", "2023-13-01", "0000-00-00", "99999-01-01", " 2023-07-11", "2023-7-1"]
        + ["20230711", "-2023-07-11", "2023-07-11T00:00", "1e9", "nan", "", "9" * 400]
    ),
)
numbers = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.sampled_from(["nan", "inf", "-0", "1e309", "0x1p-2", "1_0", "½", "0.5 ", ""]),
)
ids = st.sampled_from(sorted(set().union(*VALID.values())))
value = st.one_of(text, ids, dates, numbers)


def repeated(values: st.SearchStrategy[str]) -> st.SearchStrategy[list[str]]:
    """A parameter's values: a few, one value repeated hundreds of times, or one huge value."""
    return st.one_of(
        st.lists(values, min_size=1, max_size=4),
        st.builds(lambda v, n: [v] * n, values, st.integers(100, 900)),
        huge.map(lambda v: [v]),
    )


def within_streamlit_limits(params: dict[str, list[str]]) -> bool:
    """Streamlit discards a query string over 1000 fields or 512Ki characters (tested apart)."""
    fields = sum(len(v) for v in params.values())
    return fields < 1000 and len(urlencode(params, doseq=True)) < 500_000


def keys_for(page: str) -> st.SearchStrategy[str]:
    own = PAGE_PARAMS.get(url_path(page), ())
    return st.one_of(
        st.sampled_from(sorted(KNOWN_PARAMS)),
        st.sampled_from(own) if own else st.nothing(),
        text.filter(bool),
        st.sampled_from(["", " ", "actor ", "ACTOR", "a[]", "__proto__", "embed", "x" * 3000]),
    )


def links(page: str) -> st.SearchStrategy[dict[str, list[str]]]:
    """Parameter sets under Streamlit's own limit of 1000 fields per query string."""
    return st.dictionaries(keys_for(page), repeated(value), max_size=6).filter(
        within_streamlit_limits
    )


# --- Oracles ----------------------------------------------------------------------------------
def valid_date(value: str) -> bool:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return False
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        return False
    return EARLIEST_DATE <= day <= LATEST_DATE


def valid_confidence(value: str) -> bool:
    try:
        number = float(value)
    except ValueError:
        return False
    return math.isfinite(number) and 0 <= number <= 1


def notes(at) -> str:
    return "\n".join(w.value for w in at.warning)


def assert_drawn(at, page: str) -> None:
    assert not at.exception, [e.message for e in at.exception]
    assert [t.value for t in at.title], f"{page} drew no title"


# --- Tests ------------------------------------------------------------------------------------
@pytest.mark.parametrize("page", PAGES)
def test_random_links_never_raise(page: str) -> None:
    @FUZZ
    @given(params=links(page))
    def check(params: dict[str, list[str]]) -> None:
        at = hostile.open_page(page, params)
        assert_drawn(at, page)
        # The address bar keeps nothing the app does not know.
        assert set(at.query_params) <= KNOWN_PARAMS, set(at.query_params) - KNOWN_PARAMS

    check()


FILTER_KEYS = st.sampled_from(
    [param for param, _ in LIST_FILTERS.values()] + ["from", "to", "min_conf"]
)


@pytest.mark.parametrize("page", PAGES)
def test_bad_filter_values_and_unknown_parameters_are_noted(page: str) -> None:
    @FUZZ
    @given(
        params=st.dictionaries(FILTER_KEYS, repeated(value), min_size=1, max_size=4),
        unknown=st.dictionaries(
            text.filter(lambda k: k.strip() and k not in KNOWN_PARAMS), repeated(text), max_size=2
        ),
    )
    def check(params: dict[str, list[str]], unknown: dict[str, list[str]]) -> None:
        assume(within_streamlit_limits({**params, **unknown}))
        at = hostile.open_page(page, {**params, **unknown})
        assert_drawn(at, page)
        shown = notes(at)
        if unknown:
            assert "unknown link parameter" in shown, shown
        for param, values in params.items():
            given_values = [v for v in values if v != ""]  # an empty value means "no filter"
            if param in ("from", "to"):
                bad = [v for v in given_values if not valid_date(v.strip())]
            elif param == "min_conf":
                bad = [v for v in given_values if not valid_confidence(v)]
            else:
                bad = [v for v in given_values if v not in VALID[param]]
            if bad:
                assert f"'{param}'" in shown, (param, bad[:3], shown)
            elif param in VALID:
                # Every value the data holds is kept: it is selected in the sidebar.
                box = at.multiselect(key=f"flt_{param}")
                assert list(box.value) == list(dict.fromkeys(given_values)), param

    check()


def test_hundreds_of_repeated_values_are_read_once() -> None:
    at = hostile.open_page("pages/overview.py", {"actor": ["france"] * 950, "issue": ["x"] * 40})
    assert_drawn(at, "overview")
    assert list(at.multiselect(key="flt_actor").value) == ["france"]
    assert "'issue'" in notes(at)


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize(
    "params",
    [{"actor": ["france"] * 5000, "zz": "1"}, {"q": "x" * 600_000, "zz": "1"}],
    ids=["5000 fields", "600k characters"],
)
def test_a_link_over_streamlits_limits_still_draws_the_page(page: str, params: dict) -> None:
    # Streamlit discards such a query string before the app sees it: the default view.
    at = hostile.open_page(page, params)
    assert_drawn(at, page)


# Garbage for every page control bound to the URL (search boxes take any text).
FREE_TEXT = {"q", "codebook_q"}
PAGE_CONTROLS = sorted(
    {(page, param) for page in PAGES for param in PAGE_PARAMS.get(url_path(page), ())}
    - {(page, param) for page in PAGES for param in FREE_TEXT}
)


@pytest.mark.parametrize(("page", "param"), PAGE_CONTROLS)
def test_a_bad_page_control_value_is_dropped_with_a_note(page: str, param: str) -> None:
    garbage = "~no-such-value~"
    at = hostile.open_page(page, {param: garbage})
    assert_drawn(at, page)
    assert garbage not in at.query_params.get(param, ""), "the bad value stays in the link"
    assert f"'{param}'" in notes(at), f"no note for {param}={garbage} on {page}"


@pytest.mark.parametrize("page", PAGES)
def test_huge_values_for_page_controls_never_raise(page: str) -> None:
    params = {p: "9" * 100_000 for p in PAGE_PARAMS.get(url_path(page), ())}
    params.update({"from": "9" * 50_000, "min_conf": "1" * 50_000})
    at = hostile.open_page(page, params)
    assert_drawn(at, page)
