"""The server answers the load walk over its own websocket protocol (benchmarks/load_protocol.py)."""

from __future__ import annotations

import asyncio
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def run(coroutine):
    """Run a coroutine to the end on a thread of its own (a browser test's loop may be running)."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


@pytest.fixture(scope="module")
def protocol():
    sys.path.insert(0, str(BENCHMARKS))
    try:
        import load_protocol
        import load_sessions

        yield load_protocol, load_sessions
    finally:
        sys.path.remove(str(BENCHMARKS))


def test_one_session_walks_every_step_and_downloads_the_csv(protocol, tmp_path):
    load_protocol, load_sessions = protocol
    actors, search = load_sessions.walk_inputs(None)
    steps = load_sessions.walk(actors, search)
    process, base = load_sessions.start_server(None, tmp_path / "streamlit.log")
    try:
        results = load_sessions.Results()
        run(load_protocol.walk_session(base, steps, results, 1, 60.0))
        session = load_protocol.Session(base)

        async def evidence_csv() -> bytes:
            await session.connect()
            await session.run("evidence")
            url, deferred = session.downloads[0]
            assert url and not deferred  # a small table's CSV is made with the page
            await session.close()
            return load_protocol.fetch(base + url, 30)

        csv = run(evidence_csv())
    finally:
        process.terminate()
        process.wait(timeout=10)
    assert results.errors == []
    assert set(results.times) == {step.name for step in steps}
    assert csv.startswith(b"statement_id,doc_id,actor_id")


def test_a_step_on_a_page_without_its_title_is_an_error(protocol, tmp_path):
    load_protocol, load_sessions = protocol
    wrong = load_sessions.Step("agreement", "nav", "Agreement", "Timeline")
    process, base = load_sessions.start_server(None, tmp_path / "streamlit.log")
    try:
        results = load_sessions.Results()
        opening = load_sessions.Step("open overview", "link", "/", "Overview")
        run(load_protocol.walk_session(base, [opening, wrong], results, 1, 60.0))
    finally:
        process.terminate()
        process.wait(timeout=10)
    assert list(results.times) == ["open overview"]
    assert len(results.errors) == 1 and "not drawn" in results.errors[0]
