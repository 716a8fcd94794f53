"""Concurrent browser sessions against a running app: time per step of a fixed walk.

Starts the app with ``streamlit run`` on a free port, then drives N Chromium sessions at the
same time through the same walk — the Overview, an actor filter changed through the link,
Agreement, Head-to-head for a pair, Timeline, Evidence with a search, a CSV download —
timing each step until the app is idle (no script run, no spinner, the page's title drawn).
A single session walks first, alone: its times are the baseline the concurrent figures are
compared with. Prints p50 / p95 / max per step, the ratio to the baseline, and the errors.

    python benchmarks/load_sessions.py --sessions 20
    python benchmarks/load_sessions.py --sessions 5 --positions /tmp/synthetic-1m/positions.parquet
    python benchmarks/load_sessions.py --sessions 20 --ramp 20 --think 2 --url http://app:8501

The browsers are heavy: on a small machine they take most of the CPU and the figures say more
about them than about the app (the script prints the CPU time of each). ``--url`` drives a
server running elsewhere.

Make a million-row data set with::

    python -c "from tracker.synthetic import generate, write_dataset; \
write_dataset(generate(1_000_000), '/tmp/synthetic-1m')"
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT = {"width": 1280, "height": 800}
IDLE = """([title, shows]) => {
    const app = document.querySelector("[data-testid='stApp']");
    if (!app || app.getAttribute("data-test-script-state") !== "notRunning") return false;
    if (shows) {
        const main = document.querySelector("[data-testid='stMain']");
        if (!main || !main.innerText.includes(shows)) return false;
    }
    if (document.querySelector("[data-testid='stSpinner'], [data-testid='stSkeleton']")) {
        return false;
    }
    return [...document.querySelectorAll("h1")].some((h) => h.innerText.trim().startsWith(title));
}"""


@dataclass(frozen=True)
class Step:
    """One step of the walk and the page title to wait for.

    kind ``link`` opens `path` (a new session, as a shared link does); ``nav`` clicks the page
    in the top navigation; ``search`` types `path` into the page's search box; ``download``
    clicks the first download button and waits for the file.
    """

    name: str
    kind: str
    path: str
    title: str


@dataclass
class Results:
    times: dict[str, list[float]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    def add(self, step: str, seconds: float) -> None:
        self.times.setdefault(step, []).append(seconds)


def walk(actors: list[str], search: str) -> list[Step]:
    """The fixed walk, with the two most active actors of the data set."""
    a, b = actors[0], actors[1]
    return [
        Step("open overview", "link", "/", "Overview"),
        Step(
            "actor filter (link)",
            "link",
            "/?" + urlencode([("actor", a), ("actor", b)]),
            "Overview",
        ),
        Step("agreement", "nav", "Agreement", "Agreement"),
        Step(
            "head-to-head a/b (link)",
            "link",
            "/head-to-head?" + urlencode({"a": a, "b": b}),
            "Head-to-head",
        ),
        Step("timeline", "nav", "Timeline", "Timeline"),
        Step("evidence", "nav", "Evidence", "Evidence"),
        Step("evidence search", "search", search, "Evidence"),
        Step("download CSV", "download", "", "Evidence"),
    ]


def walk_inputs(positions: str | None) -> tuple[list[str], str]:
    """The two most active actor ids, and a search that finds the first one's first quote."""
    import pyarrow.compute as pc
    import pyarrow.dataset as ds

    from tracker.load import locate, read_table

    location = locate(positions)
    ids = read_table(location).column("actor_id").combine_chunks()
    if hasattr(ids, "dictionary_decode"):
        ids = ids.dictionary_decode()
    counts = pc.value_counts(ids)
    ranked = sorted(
        ((c["counts"].as_py(), c["values"].as_py()) for c in counts), key=lambda x: (-x[0], x[1])
    )
    actors = [actor for _, actor in ranked[:2]]
    rows = read_table(location, filter=ds.field("actor_id") == actors[0])
    search = " ".join(str(rows.column("quote")[0]).split())[:40].strip()
    return actors, search


def cpu_seconds(root: int) -> float:
    """CPU time used so far by process `root` and its descendants (Linux /proc), in seconds.

    Children that have exited and were waited for count through their parent's cutime/cstime.
    """
    parents: dict[int, int] = {}
    times: dict[int, float] = {}
    tick = os.sysconf("SC_CLK_TCK")
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid = int(entry.name)
        parents[pid] = int(fields[1])
        times[pid] = sum(int(fields[i]) for i in (11, 12, 13, 14)) / tick
    total, stack = 0.0, [root]
    while stack:
        pid = stack.pop()
        total += times.get(pid, 0.0)
        stack.extend(child for child, parent in parents.items() if parent == pid)
    return total


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(positions: str | None, log: Path) -> tuple[subprocess.Popen, str]:
    """`streamlit run app.py` on a free port; returns the process and its base URL."""
    port = free_port()
    env = dict(os.environ)
    if positions:
        env["TRACKER_POSITIONS"] = positions
    command = [
        sys.executable, "-m", "streamlit", "run", "app.py",
        "--server.headless", "true",
        "--server.port", str(port),
        "--server.address", "127.0.0.1",
        "--browser.gatherUsageStats", "false",
        "--server.fileWatcherType", "none",
    ]  # fmt: skip
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the app exited with {process.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return process, base
        except OSError:
            time.sleep(0.25)
    process.terminate()
    raise SystemExit(f"the app did not answer within 120 s:\n{log.read_text()}")


async def run_step(page, base: str, step: Step, timeout_ms: int) -> None:
    """Do the step and wait until the app is idle with the step's page drawn."""
    if step.kind == "download":
        async with page.expect_download(timeout=timeout_ms) as info:
            await page.locator("[data-testid='stDownloadButton'] button").first.click()
        download = await info.value
        path = await download.path()
        if path is None or Path(path).stat().st_size == 0:
            raise RuntimeError("empty download")
        return
    # A link or a page change is done when the new page's title is drawn and the app is idle;
    # a search keeps the title, so it is done when the table's heading names the search (a
    # fast run can start and end between two frames, so "a run was seen" is not enough).
    shows = f"containing “{step.path}”" if step.kind == "search" else ""
    if step.kind == "link":
        await page.goto(base + step.path, wait_until="commit", timeout=timeout_ms)
    elif step.kind == "nav":
        link = page.locator("[data-testid='stTopNavLink']").filter(has_text=step.path).first
        await link.click(timeout=timeout_ms)
    else:  # search: type the text, Enter commits it
        box = page.locator("[data-testid='stMain'] input[type='search']").first
        await box.fill(step.path, timeout=timeout_ms)
        await box.press("Enter")
    await page.wait_for_function(IDLE, arg=[step.title, shows], timeout=timeout_ms, polling=50)
    errors = page.locator("[data-testid='stException']")
    if await errors.count():
        raise RuntimeError("exception on the page: " + (await errors.first.inner_text())[:200])


@dataclass(frozen=True)
class Pace:
    """When sessions start and how long a user pauses between steps."""

    delay: float = 0.0  # seconds before this session starts
    think: float = 0.0  # mean pause after each step (uniform in [0.5, 1.5] × think)
    seed: int = 0


async def session(
    context,
    base: str,
    steps: list[Step],
    results: Results,
    rounds: int,
    timeout_ms: int,
    pace: Pace = Pace(),
) -> None:
    """One user: a tab of its own (a Streamlit session of its own) walking the steps."""
    rng = random.Random(pace.seed)
    await asyncio.sleep(pace.delay)
    page = await context.new_page()
    try:
        for _ in range(rounds):
            for step in steps:
                start = time.perf_counter()
                try:
                    await run_step(page, base, step, timeout_ms)
                except Exception as error:  # every failure counts, the walk goes on
                    results.errors.append(f"{step.name}: {type(error).__name__}: {error}"[:300])
                    continue
                results.add(step.name, time.perf_counter() - start)
                # A run may follow right after (URL corrections): let it end, untimed.
                await page.wait_for_timeout(300)
                await page.wait_for_function(IDLE, arg=["", ""], timeout=timeout_ms, polling=100)
                if pace.think:
                    await asyncio.sleep(pace.think * rng.uniform(0.5, 1.5))
    finally:
        await page.close()


async def drive(
    base: str,
    steps: list[Step],
    sessions: int,
    rounds: int,
    timeout_ms: int,
    ramp: float,
    think: float,
    isolated: bool,
    server_pid: int | None,
):
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        # Tabs of one browser profile share its HTTP cache, as a returning visitor's browser
        # has the app's scripts cached; each tab is still a Streamlit session of its own.
        shared = await browser.new_context(viewport=VIEWPORT, accept_downloads=True)

        async def context_for_session():
            if not isolated:
                return shared
            return await browser.new_context(viewport=VIEWPORT, accept_downloads=True)

        try:
            # Cold start (data load, caches, the browser's first fetch of the app's scripts).
            cold = Results()
            start = time.perf_counter()
            # The first run loads and validates the data: allow it minutes on large data sets.
            await session(shared, base, steps, cold, 1, max(timeout_ms, 900_000))
            cold_seconds = time.perf_counter() - start
            baseline = Results()
            await session(await context_for_session(), base, steps, baseline, 1, timeout_ms)
            loaded = Results()
            contexts = [await context_for_session() for _ in range(sessions)]
            server_cpu = cpu_seconds(server_pid) if server_pid else 0.0
            all_cpu = cpu_seconds(os.getpid())
            start = time.perf_counter()
            await asyncio.gather(
                *(
                    session(
                        contexts[i], base, steps, loaded, rounds, timeout_ms,
                        Pace(delay=ramp * i / sessions, think=think, seed=i),
                    )
                    for i in range(sessions)
                )
            )  # fmt: skip
            wall = time.perf_counter() - start
            server_cpu = (cpu_seconds(server_pid) - server_cpu) if server_pid else float("nan")
            # Everything this script started except the server: the browser and its driver.
            browser_cpu = cpu_seconds(os.getpid()) - all_cpu - server_cpu
        finally:
            await browser.close()
    return cold, cold_seconds, baseline, loaded, wall, (server_cpu, browser_cpu)


def percentile(values: list[float], q: float) -> float:
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def report(
    steps: list[Step],
    baseline: Results,
    loaded: Results,
    sessions: int,
    target: float | None,
) -> bool:
    """Print the table; True when every step's p95 meets the target and nothing failed."""
    print(
        f"{'step':<24} {'n':>4} {'alone s':>8} {'p50 s':>7} {'p95 s':>7} {'max s':>7} "
        f"{'p95/alone':>9}"
    )
    ok = not loaded.errors
    everything: list[float] = []
    for step in steps:
        times = loaded.times.get(step.name, [])
        alone = baseline.times.get(step.name, [float("nan")])[0]
        if not times:
            print(f"{step.name:<24} {0:>4}  (every attempt failed)")
            ok = False
            continue
        everything += times
        p50, p95 = statistics.median(times), percentile(times, 95)
        print(
            f"{step.name:<24} {len(times):>4} {alone:>8.2f} {p50:>7.2f} {p95:>7.2f} "
            f"{max(times):>7.2f} {p95 / alone:>9.1f}"
        )
        if target is not None and p95 > target:
            ok = False
    if everything:
        print(
            f"{'all steps':<24} {len(everything):>4} {'':>8} {statistics.median(everything):>7.2f} "
            f"{percentile(everything, 95):>7.2f} {max(everything):>7.2f}"
        )
    print(f"errors: {len(loaded.errors)} (of {sessions} sessions × {len(steps)} steps)")
    for error in loaded.errors[:10]:
        print(f"  {error}")
    if target is not None:
        print(f"target p95 < {target:.1f} s per step, no errors: {'met' if ok else 'NOT met'}")
    return ok


def print_run(
    client: str,
    run: tuple[Results, float, Results, Results, float, tuple[float, float]],
    steps: list[Step],
    sessions: int,
    target: float | None,
) -> bool:
    """After the header: the cold walk, who used the CPU, and the table (see :func:`report`).

    `run` is what the drivers return: cold walk and its seconds, baseline, loaded, wall seconds,
    and (server, `client`) CPU seconds.
    """
    cold, cold_seconds, baseline, loaded, wall, cpu = run
    print(f"cold first walk: {cold_seconds:.1f} s ({len(cold.errors)} errors); "
          f"concurrent walks: {wall:.1f} s wall")  # fmt: skip
    print(
        f"CPU during the concurrent walks: server {cpu[0]:.1f} s, {client} {cpu[1]:.1f} s "
        f"(of {wall * (os.cpu_count() or 1):.0f} CPU-seconds the machine had)"
    )
    if baseline.errors:
        print("baseline errors:", *baseline.errors[:5], sep="\n  ")
    return report(steps, baseline, loaded, sessions, target)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=20, help="concurrent browser sessions")
    parser.add_argument("--rounds", type=int, default=1, help="walks per session")
    parser.add_argument("--positions", help="TRACKER_POSITIONS for the app (default: bundled)")
    parser.add_argument(
        "--url",
        help="drive an app already running there (e.g. from another machine, so the browsers "
        "do not share the server's CPUs); --positions then names the same data, to pick the walk",
    )
    parser.add_argument(
        "--search", help="the Evidence step's search (default: the most active actor's first quote)"
    )
    parser.add_argument("--target", type=float, help="p95 target in seconds (exit 1 if missed)")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds allowed per step")
    parser.add_argument(
        "--ramp", type=float, default=0.0, help="start the sessions evenly over this many seconds"
    )
    parser.add_argument(
        "--think", type=float, default=0.0, help="mean pause in seconds after each step (a user)"
    )
    parser.add_argument(
        "--isolated",
        action="store_true",
        help="a browser profile per session (each fetches the app's scripts cold)",
    )
    args = parser.parse_args(argv)

    positions = (
        str(Path(args.positions).resolve())
        if args.positions and "://" not in (args.positions)
        else args.positions
    )
    actors, search = walk_inputs(positions)
    steps = walk(actors, args.search or search)
    load = os.getloadavg()  # other work on the machine skews every figure: say how much
    log = Path(tempfile.mkdtemp(prefix="load-sessions-")) / "streamlit.log"
    process, base = (None, args.url.rstrip("/")) if args.url else start_server(positions, log)
    try:
        cold, cold_seconds, baseline, loaded, wall, cpu = asyncio.run(
            drive(
                base,
                steps,
                args.sessions,
                args.rounds,
                int(args.timeout * 1000),
                args.ramp,
                args.think,
                args.isolated,
                process.pid if process else None,
            )
        )
    finally:
        if process is not None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
    print(
        f"data: {positions or 'bundled data/positions.parquet'}; pair {actors[0]} / {actors[1]}; "
        f"{args.sessions} concurrent sessions × {args.rounds} walk(s) of {len(steps)} steps "
        f"(start spread {args.ramp:g} s, think {args.think:g} s"
        f"{', a profile each' if args.isolated else ', one browser profile'}); "
        f"{os.cpu_count()} CPUs; load average before the run {load[0]:.1f}"
    )
    ok = print_run(
        "browser", (cold, cold_seconds, baseline, loaded, wall, cpu), steps, args.sessions,
        args.target,
    )  # fmt: skip
    if process is not None:
        print(f"server log: {log}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
