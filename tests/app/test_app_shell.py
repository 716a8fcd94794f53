"""The shell: navigation, sidebar filters bound to the URL, notes on bad links, the link."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from tests.app.conftest import ROOT, no_exceptions
from tracker.filters import FILTER_PARAMS, Filters
from tracker.ui.sidebar import link_markdown

FILTERS_KEY = "tracker_filters"


def sidebar_widget(at, key):
    return next(w for w in at.sidebar if getattr(w, "key", None) == key)


def filters_of(at) -> Filters:
    return at.session_state[FILTERS_KEY]


def url(at) -> dict[str, list[str]]:
    """The address bar's parameters after the run, each as a list."""
    return {k: [v] if isinstance(v, str) else list(v) for k, v in at.query_params.items()}


def view_link(at) -> str:
    """The address the sidebar's "Link to this view" points to."""
    links = [m.value for m in at.sidebar.markdown if m.value.startswith("[") and "](<" in m.value]
    assert links, "no link to this view in the sidebar"
    return unquote(links[-1].rsplit("](<", 1)[1].removesuffix(">)"))


def test_the_view_link_is_inert_markdown_whatever_the_address():
    hostile = "http://host/p?x=a)b<c>[d]*_e_`f`$g$&y=:red[z]\n# h"
    text = link_markdown(hostile)
    target = text.rsplit("](<", 1)[1].removesuffix(">)")
    assert not set("<>()[]*`$ \n") & set(target)
    assert unquote(target) == hostile
    assert "\\*" in text and "\\[" in text  # the shown address is escaped Markdown


def test_default_view_has_every_filter_empty_and_a_clean_link(run_app, coded_positions):
    at = run_app()
    no_exceptions(at)
    assert filters_of(at) == Filters()
    labels = [m.label for m in at.multiselect]
    for label in ("Actors", "Issues", "Stances", "Organizations", "Actor types", "Topics"):
        assert label in labels
    assert at.date_input[0].label == "Statement dates"
    assert url(at) == {}
    link = urlsplit(view_link(at))
    assert link.path == "/"  # the default page answers only at the root
    assert not set(parse_qs(link.query)) & set(FILTER_PARAMS)
    assert sidebar_widget(at, "sidebar_reset").disabled
    assert f"{len(coded_positions)} of {len(coded_positions)} statements" in " ".join(
        c.value for c in at.caption
    )


def test_a_link_sets_the_filters_and_shows_names_not_ids(run_app):
    at = run_app(
        None, {"actor": ["france", "stoltenberg"], "stance": "oppose", "from": "2023-06-01"}
    )
    no_exceptions(at)
    f = filters_of(at)
    assert f.actors == ("france", "stoltenberg")
    assert f.stances == ("oppose",)
    assert f.date_from == dt.date(2023, 6, 1)
    actors = sidebar_widget(at, "flt_actor")
    assert actors.value == ["france", "stoltenberg"]
    assert "Jens Stoltenberg" in actors.options and "stoltenberg" not in actors.options
    assert not at.warning
    assert url(at)["actor"] == ["france", "stoltenberg"]
    assert "actor=france&actor=stoltenberg" in view_link(at)


def test_changing_a_filter_rewrites_the_url(run_app):
    at = run_app()
    sidebar_widget(at, "flt_stance").select("support").run()
    no_exceptions(at)
    assert url(at)["stance"] == ["support"]
    assert filters_of(at).stances == ("support",)
    sidebar_widget(at, "flt_min_conf").set_value(0.9).run()
    assert url(at)["min_conf"] == ["0.9"]
    assert "min_conf=0.9" in view_link(at)


def test_reset_clears_every_filter_and_the_url(run_app):
    at = run_app(None, {"actor": "france", "min_conf": "0.5", "to": "2023-07-01"})
    assert not filters_of(at).is_default
    sidebar_widget(at, "sidebar_reset").click().run()
    no_exceptions(at)
    assert filters_of(at).is_default
    assert not any(k in url(at) for k in ("actor", "min_conf", "to"))


def test_bad_link_values_are_dropped_with_a_visible_note(run_app):
    at = run_app(
        None,
        {
            "actor": ["france", "nobody"],
            "from": "2023-02-31",
            "min_conf": "lots",
            "utm_campaign": "mail",
        },
    )
    no_exceptions(at)
    assert filters_of(at) == Filters(actors=("france",))
    notes = " ".join(w.value for w in at.warning)
    for fragment in ("nobody", "2023-02-31", "lots", "utm_campaign"):
        assert fragment in notes
    # The address bar keeps only what the view uses.
    assert url(at) == {"actor": ["france"]}
    at.button(key="dismiss_link_notes").click().run()
    assert not at.warning


@pytest.mark.parametrize(
    "query",
    [
        {"actor": ["france"] * 900},
        {"actor": "x" * 200_000},
        {"from": ["2023-01-01", "not a date", "9999-99-99"], "to": "-1"},
        {"min_conf": ["1e309", "-0", "NaN"]},
        {f"p{i}": "1" for i in range(1_500)},
        {"actor": "<script>alert(1)</script>", "issue": "**x**", "doc": "../../etc/passwd"},
        {"a": "nobody", "b": "", "measure": "???", "source": "missing", "q": "%00"},
    ],
    ids=["repeated", "huge", "dates", "numbers", "many-params", "hostile", "page-params"],
)
def test_no_link_breaks_the_app(run_app, query):
    at = run_app(None, query)
    no_exceptions(at)
    assert isinstance(filters_of(at), Filters)


@pytest.mark.parametrize(
    "page",
    [
        "pages/overview.py",
        "pages/agreement.py",
        "pages/head_to_head.py",
        "pages/timeline.py",
        "pages/evidence.py",
        "pages/sources.py",
        "pages/codebook.py",
    ],
)
def test_every_dashboard_page_gets_the_filters_of_a_link(page):
    """Opening a link on any page applies its filters and keeps them in the address bar."""
    from streamlit.testing.v1 import AppTest

    from tests.app.conftest import APP, TIMEOUT

    if not (ROOT / page).exists():
        pytest.skip(f"{page} is not written yet")
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params = {"actor": ["france", "stoltenberg"], "issue": ["nato_tokyo_office"]}
    at.run()  # the default page first, so switch_page knows the registered pages
    at.switch_page(page).run()
    no_exceptions(at)
    assert filters_of(at).actors == ("france", "stoltenberg"), page
    assert url(at)["actor"] == ["france", "stoltenberg"]
    assert any(w.key == "flt_actor" for w in at.multiselect), "the sidebar is drawn"
