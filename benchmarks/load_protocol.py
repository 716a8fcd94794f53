"""Concurrent sessions against the app's server alone: the same walk, spoken over the websocket.

``load_sessions.py`` drives real Chromium tabs; on a 2-core machine those tabs take about ten
times the server's CPU, so its figures mostly measure the browsers. This script plays the part
of the browser in Streamlit's own protocol instead (the messages its frontend sends over
``/_stcore/stream``): each session opens a websocket, asks for script runs with the walk's
pages, links and widget values, and a step is done when the server reports the run finished
with the step's page title drawn. A download fetches the file the download button points to.
What it measures is what a server replica must do per user, with the client costing almost
nothing, so the figures say how many users one server process can take.

    python benchmarks/load_protocol.py --sessions 20
    python benchmarks/load_protocol.py --sessions 20 --rounds 5 --target 2
    python benchmarks/load_protocol.py --sessions 5 --positions /tmp/synthetic-1m/positions.parquet

A single session walks first, alone: its times are the baseline the concurrent figures are
compared with (the table's last column).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import sys
import tempfile
import time
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

sys.path.insert(0, str(Path(__file__).resolve().parent))
from load_sessions import (  # the walk and the report are shared
    Results,
    Step,
    cpu_seconds,
    print_run,
    start_server,
    walk,
    walk_inputs,
)


@dataclass
class Session:
    """One user's connection and what the last run showed it."""

    base: str
    ws: websockets.ClientConnection | None = None
    query: str = ""
    headings: list[str] = field(default_factory=list)
    session_id: str = ""
    inputs: dict[str, str] = field(default_factory=dict)  # text input label → widget id
    downloads: list[tuple[str, str]] = field(default_factory=list)  # (url, deferred file id)
    exceptions: list[str] = field(default_factory=list)

    async def connect(self) -> None:
        """A new websocket: a new Streamlit session, as a browser opening a link starts."""
        await self.close()
        url = "ws" + self.base.removeprefix("http") + "/_stcore/stream"
        self.ws = await websockets.connect(
            url, subprotocols=["streamlit"], origin=self.base, max_size=None
        )

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()
            self.ws = None

    async def run(self, page: str, widgets: list[WidgetState] = ()) -> None:
        """Ask for a script run of `page` and read messages until it finishes successfully."""
        msg = BackMsg()
        msg.rerun_script.query_string = self.query
        msg.rerun_script.page_name = page
        msg.rerun_script.widget_states.widgets.extend(widgets)
        self.headings, self.inputs, self.downloads, self.exceptions = [], {}, [], []
        await self.ws.send(msg.SerializeToString())
        while True:
            forward = ForwardMsg()
            forward.ParseFromString(await self.ws.recv())
            kind = forward.WhichOneof("type")
            if kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
                self._note(forward.delta.new_element)
            elif kind == "new_session" and forward.new_session.initialize.session_id:
                self.session_id = forward.new_session.initialize.session_id
            elif kind == "page_info_changed":
                self.query = forward.page_info_changed.query_string
            elif kind == "script_finished":
                # A run that ends early for a rerun (st.rerun, a URL correction) is followed
                # by another; the step is done when a run completes.
                if forward.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY:
                    return
                if forward.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    raise RuntimeError("the script did not compile")

    def _note(self, element) -> None:
        kind = element.WhichOneof("type")
        if kind == "heading":
            self.headings.append(element.heading.body)
        elif kind == "text_input":
            self.inputs[element.text_input.label] = element.text_input.id
        elif kind == "download_button":
            button = element.download_button
            self.downloads.append((button.url, button.deferred_file_id))
        elif kind == "exception":
            self.exceptions.append(element.exception.message)

    async def file_url(self, file_id: str) -> str:
        """Ask the server to produce a download's file, as a click does; returns its URL."""
        request_id = uuid.uuid4().hex
        msg = BackMsg()
        msg.backend_operation_request.request_id = request_id
        msg.backend_operation_request.session_id = self.session_id
        msg.backend_operation_request.deferred_file.file_id = file_id
        await self.ws.send(msg.SerializeToString())
        while True:
            forward = ForwardMsg()
            forward.ParseFromString(await self.ws.recv())
            if forward.WhichOneof("type") != "backend_operation_response":
                continue
            response = forward.backend_operation_response
            if response.request_id != request_id:
                continue
            if response.error_msg or not response.deferred_file.url:
                raise RuntimeError(f"the file was not produced: {response.error_msg!r}")
            return response.deferred_file.url


def page_name(path_or_label: str) -> str:
    """The page a link path or a navigation label names ("/head-to-head?a=x" → "head-to-head")."""
    return urlsplit(path_or_label).path.strip("/").lower().replace(" ", "-")


def fetch(url: str, timeout: float) -> bytes:
    """The file at `url` (a download)."""
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.read()


async def run_step(session: Session, step: Step, timeout: float) -> None:
    """Do the step over the protocol and check the page the run drew."""
    if step.kind == "download":
        if not session.downloads:
            raise RuntimeError("no download button on the page")
        url, deferred = session.downloads[0]
        if not url:  # the file is made on the click
            url = await asyncio.wait_for(session.file_url(deferred), timeout)
        content = await asyncio.to_thread(fetch, urljoin(session.base + "/", url), timeout)
        if not content or content.lstrip().startswith(b"<"):
            raise RuntimeError("the download is empty or an HTML page, not the file")
        return
    if step.kind == "link":
        await session.connect()
        session.query = urlsplit(step.path).query
        await asyncio.wait_for(session.run(page_name(step.path)), timeout)
    elif step.kind == "nav":
        await asyncio.wait_for(session.run(page_name(step.path)), timeout)
    else:  # search: the page's search box gets the text, as when the user presses Enter
        box = next((i for label, i in session.inputs.items() if "Search" in label), None)
        if box is None:
            raise RuntimeError("no search box on the page")
        state = WidgetState(id=box, string_value=step.path)
        await asyncio.wait_for(session.run(page_name(step.title), [state]), timeout)
    if session.exceptions:
        raise RuntimeError("exception on the page: " + session.exceptions[0][:200])
    if not any(h.startswith(step.title) for h in session.headings):
        raise RuntimeError(f"page title {step.title!r} not drawn (headings: {session.headings})")


async def walk_session(
    base: str,
    steps: list[Step],
    results: Results,
    rounds: int,
    timeout: float,
    delay: float = 0.0,
    think: float = 0.0,
    seed: int = 0,
) -> None:
    """One user walking the steps `rounds` times."""
    rng = random.Random(seed)
    await asyncio.sleep(delay)
    session = Session(base)
    try:
        for _ in range(rounds):
            for step in steps:
                start = time.perf_counter()
                try:
                    await run_step(session, step, timeout)
                except Exception as error:  # every failure counts, the walk goes on
                    results.errors.append(f"{step.name}: {type(error).__name__}: {error}"[:300])
                    continue
                results.add(step.name, time.perf_counter() - start)
                if think:
                    await asyncio.sleep(think * rng.uniform(0.5, 1.5))
    finally:
        await session.close()


async def drive(
    base: str,
    steps: list[Step],
    sessions: int,
    rounds: int,
    timeout: float,
    ramp: float,
    think: float,
    server_pid: int | None,
):
    cold = Results()
    start = time.perf_counter()
    await walk_session(base, steps, cold, 1, max(timeout, 900.0))  # loads the data
    cold_seconds = time.perf_counter() - start
    baseline = Results()
    await walk_session(base, steps, baseline, 1, timeout)
    loaded = Results()
    server_cpu = cpu_seconds(server_pid) if server_pid else 0.0
    client_cpu = time.process_time()
    start = time.perf_counter()
    await asyncio.gather(
        *(
            walk_session(base, steps, loaded, rounds, timeout, ramp * i / sessions, think, i)
            for i in range(sessions)
        )
    )
    wall = time.perf_counter() - start
    server_cpu = (cpu_seconds(server_pid) - server_cpu) if server_pid else float("nan")
    client_cpu = time.process_time() - client_cpu
    return cold, cold_seconds, baseline, loaded, wall, (server_cpu, client_cpu)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=20, help="concurrent sessions")
    parser.add_argument("--rounds", type=int, default=1, help="walks per session")
    parser.add_argument("--positions", help="TRACKER_POSITIONS for the app (default: bundled)")
    parser.add_argument("--url", help="drive an app already running there")
    parser.add_argument("--search", help="the Evidence step's search (default: a quote's words)")
    parser.add_argument("--target", type=float, help="p95 target in seconds (exit 1 if missed)")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds allowed per step")
    parser.add_argument("--ramp", type=float, default=0.0, help="start sessions over this many s")
    parser.add_argument("--think", type=float, default=0.0, help="mean pause after each step, s")
    args = parser.parse_args(argv)

    positions = (
        str(Path(args.positions).resolve())
        if args.positions and "://" not in args.positions
        else args.positions
    )
    actors, search = walk_inputs(positions)
    steps = walk(actors, args.search or search)
    load = os.getloadavg()
    log = Path(tempfile.mkdtemp(prefix="load-protocol-")) / "streamlit.log"
    process, base = (None, args.url.rstrip("/")) if args.url else start_server(positions, log)
    try:
        cold, cold_seconds, baseline, loaded, wall, cpu = asyncio.run(
            drive(
                base, steps, args.sessions, args.rounds, args.timeout, args.ramp, args.think,
                process.pid if process else None,
            )
        )  # fmt: skip
    finally:
        if process is not None:
            process.terminate()
            process.wait(timeout=10)
    print(
        f"data: {positions or 'bundled data/positions.parquet'}; pair {actors[0]} / {actors[1]}; "
        f"{args.sessions} concurrent protocol sessions × {args.rounds} walk(s) of {len(steps)} "
        f"steps (start spread {args.ramp:g} s, think {args.think:g} s); {os.cpu_count()} CPUs; "
        f"load average before the run {load[0]:.1f}"
    )
    ok = print_run(
        "this client", (cold, cold_seconds, baseline, loaded, wall, cpu), steps, args.sessions,
        args.target,
    )  # fmt: skip
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
