"""Rerun time of the analysis pages (Overview, Agreement, Head-to-head, Timeline).

    python benchmarks/bench_pages.py [--rows 1000000] [--repeats 5] [--small-only]

Runs the app in-process with Streamlit's AppTest, on the bundled coded data and on a
synthetic table of ``--rows`` statements (2,000 actors, 500 issues, 3 years) served through
``TRACKER_POSITIONS`` exactly as a deployment would. For every page it times

- the first visit (new filters, the page's caches are empty; the data is already loaded),
- a rerun with the same filters (what a click on a chart or a page control costs when the
  heavy work is cached), and
- a rerun after a filter change (a new filter state: filtering and the page's analytics are
  recomputed; each repeat uses a different minimum confidence, so every one is a cache miss).

The baseline, measured in the same run and the same way right after each page, is an
AppTest run of a one-line script: the framework's own cost of a rerun. Ratios are page time / baseline; the last
column compares the large table with the coded data. A filter change is made as a user
makes it: the sidebar's minimum-confidence slider gets a new value (app.py and the page
then rerun, as in the browser).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from streamlit.testing.v1 import AppTest  # noqa: E402

from tracker.filters import MIN_CONFIDENCE_PARAM  # noqa: E402
from tracker.load import ENV_VAR  # noqa: E402
from tracker.synthetic import generate, write_dataset  # noqa: E402
from tracker.ui.sidebar import widget_key  # noqa: E402

APP = str(ROOT / "app.py")
PAGES = ("overview", "agreement", "head_to_head", "timeline")
TARGET_MS = 1000.0  # a page rerun on a million rows
SLIDER = widget_key(MIN_CONFIDENCE_PARAM)  # the sidebar's minimum-confidence slider
BASELINE_SCRIPT = "import streamlit as st\nst.write('baseline')\n"


CPU_SECONDS: list[float] = []  # CPU time of each run, next to its wall time


def _run(at: AppTest) -> float:
    """Wall seconds of one AppTest run (its CPU seconds go to CPU_SECONDS); fails loudly if
    the page raised."""
    start, cpu = time.perf_counter(), time.process_time()
    at.run()
    elapsed = time.perf_counter() - start
    CPU_SECONDS.append(time.process_time() - cpu)
    if at.exception:
        raise RuntimeError("; ".join(e.value for e in at.exception))
    return elapsed


class Baseline:
    """An AppTest of a one-line script, timed next to every page so that both see the same
    machine load (other processes on a shared machine move the absolute figures)."""

    def __init__(self) -> None:
        self.at = AppTest.from_string(BASELINE_SCRIPT, default_timeout=60)
        _run(self.at)

    def time(self, repeats: int) -> float:
        """Median seconds of `repeats` runs."""
        return statistics.median(_run(self.at) for _ in range(repeats))


def bench_data(
    label: str, positions: str | None, repeats: int, baseline: Baseline
) -> tuple[float, dict]:
    """(seconds of the first app run, page → timings) for one data set."""
    if positions is None:
        os.environ.pop(ENV_VAR, None)
    else:
        os.environ[ENV_VAR] = positions
    at = AppTest.from_file(APP, default_timeout=1800)
    load = _run(at)  # loads and validates the data, draws the default page
    results: dict[str, dict[str, float]] = {}
    # Each measured run gets a filter state no earlier run used (a minimum confidence in
    # steps of 0.01, the URL's precision), so filtering and the page's analytics are
    # recomputed; the thresholds stay below the data's confidences, so the rows are the same.
    thresholds = (round(0.30 + 0.01 * k, 2) for k in range(1000))
    for page in PAGES:
        at.switch_page(f"pages/{page}.py")
        at.session_state[SLIDER] = next(thresholds)
        first = _run(at)
        same = statistics.median(_run(at) for _ in range(repeats))
        changed, changed_cpu = [], []
        for _ in range(repeats):
            at.session_state[SLIDER] = next(thresholds)
            changed.append(_run(at))
            changed_cpu.append(CPU_SECONDS[-1])
        base = baseline.time(repeats)
        results[page] = {
            "first": first,
            "same": same,
            "changed": statistics.median(changed),
            "changed_cpu": statistics.median(changed_cpu),
            "base": base,
        }
        print(f"  {label}: {page} done", file=sys.stderr)
    return load, results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--small-only", action="store_true", help="only the coded data")
    args = parser.parse_args()

    baseline = Baseline()
    sets: list[tuple[str, float, dict]] = []
    load, coded = bench_data("coded data", None, args.repeats, baseline)
    sets.append(("coded data", load, coded))
    if not args.small_only:
        with tempfile.TemporaryDirectory() as folder:
            print(f"  generating {args.rows:,} synthetic statements…", file=sys.stderr)
            data = generate(
                args.rows,
                n_actors=2000,
                n_issues=500,
                years=3.0,
                seed=1,
                statements_per_document=1000,
            )
            path = write_dataset(data, folder)
            del data
            load, large = bench_data(f"{args.rows:,} rows", str(path), args.repeats, baseline)
            sets.append((f"{args.rows:,} synthetic rows", load, large))

    print("\nBaseline: an AppTest run of a one-line script, timed right after each page.")
    print(
        "Times are medians in ms; ×base = page time / baseline; ×coded = large / coded data; "
        "CPU = the process's CPU time of a rerun after a filter change (wall time minus waiting "
        "for a core: the figure that other load on the machine does not inflate).\n"
    )
    header = (
        f"{'data':<24} {'page':<13} {'base':>5} {'first visit':>12} {'rerun':>7} {'×base':>6} "
        f"{'new filters':>12} {'×base':>6} {'×coded':>7} {'CPU':>6}"
    )
    print(header)
    print("-" * len(header))
    for label, _, results in sets:
        for page, t in results.items():
            ratio = t["changed"] / coded[page]["changed"] if label != "coded data" else 1.0
            print(
                f"{label:<24} {page:<13} {t['base'] * 1000:>5.0f} {t['first'] * 1000:>12.0f} "
                f"{t['same'] * 1000:>7.0f} {t['same'] / t['base']:>6.1f} "
                f"{t['changed'] * 1000:>12.0f} {t['changed'] / t['base']:>6.1f} {ratio:>7.1f} "
                f"{t['changed_cpu'] * 1000:>6.0f}"
            )
    print()
    for label, load, _ in sets:
        print(f"First run of the app on the {label} (load + validate + default page): {load:.1f} s")
    if len(sets) > 1:
        worst = max(t["changed"] for t in sets[-1][2].values()) * 1000
        worst_cpu = max(t["changed_cpu"] for t in sets[-1][2].values()) * 1000
        verdict = "meets" if worst <= TARGET_MS else "misses"
        print(
            f"Slowest rerun after a filter change on {sets[-1][0]}: {worst:.0f} ms wall, "
            f"{worst_cpu:.0f} ms CPU ({verdict} the {TARGET_MS:.0f} ms target on wall time)"
        )
    print(f"Load average when done: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
