"""Time the agreement analytics on synthetic tables of 10k, 100k and 1M statements.

    python benchmarks/bench_analytics.py [--sizes 10000,100000,1000000] [--repeats 5]

Each size is generated (tracker.synthetic), written to Parquet and read back through the
app's loader, so the functions see the frame the dashboard sees. Prints one table of
median times, the agreement matrix's ratio against a straightforward pandas implementation
(a loop over actor pairs; past a time budget it is extrapolated from the pairs done, and
says so) and against a DuckDB SQL query computing the same matrix, then the memory of the
loaded table and the targets at the largest size.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tracker.agreement import (  # noqa: E402
    MEASURES,
    agreement_matrix,
    head_to_head,
    sharpest_disagreements,
)
from tracker.blocs import bloc_order, polarization, polarization_over_time  # noqa: E402
from tracker.filters import Filters  # noqa: E402
from tracker.load import locate, read_table, to_frame  # noqa: E402
from tracker.matrices import stance_matrix  # noqa: E402
from tracker.synthetic import generate, positions_table  # noqa: E402
from tracker.timeline import (  # noqa: E402
    agreement_over_time,
    stance_changes,
    statement_counts,
    statements_over_time,
)

TOP = 200
TARGETS_MS = {"agreement matrix": 100.0, "stance matrix": 200.0, "page": 500.0}
TARGET_TABLE_MB = 200.0


def shape_for(n: int) -> tuple[int, int]:
    """Actors and issues for a table of n statements (1M: 2,000 actors, 500 issues)."""
    return min(2000, max(200, n // 100)), min(500, max(50, n // 500))


def timed(fn: Callable[[], object], repeats: int) -> tuple[float, float, float, object]:
    """Median and best wall time and median CPU time of this process, in ms, over `repeats`
    runs after one warm-up; and the last result. CPU time hardly moves with other work on
    the machine, wall time does."""
    result = fn()
    wall, cpu = [], []
    for _ in range(repeats):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = fn()
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return statistics.median(wall), min(wall), statistics.median(cpu), result


# --- baselines for the agreement matrix ---------------------------------------------------


def top_actors(frame: pd.DataFrame, top: int) -> list[str]:
    counts = frame.groupby("actor_id", observed=True).size().rename("n").reset_index()
    counts["actor_id"] = counts["actor_id"].astype(str)
    counts = counts.sort_values(["n", "actor_id"], ascending=[False, True])
    return counts["actor_id"].head(top).tolist()


def pair_measures_pandas(x: pd.Series, y: pd.Series) -> dict[str, float]:
    """The four measures for one pair, written the obvious way with pandas."""
    both = x.notna() & y.notna()
    x, y = x[both], y[both]
    n = int(both.sum())
    if n == 0:
        return {"n_shared": 0, **{m: math.nan for m in MEASURES}}
    agreement = 1 - (x - y).abs().sum() / (2 * n)
    pooled = pd.concat([x, y]).value_counts(normalize=True)
    p_e = float((pooled**2).sum())
    p_o = float((x == y).mean())
    pi = math.nan if math.isclose(p_e, 1.0) else (p_o - p_e) / (1 - p_e)
    weight = ((x - y).abs() / 2) ** 2
    rows = x.value_counts(normalize=True)
    cols = y.value_counts(normalize=True)
    expected = sum(
        ((abs(a - b) / 2) ** 2) * rows.get(a, 0.0) * cols.get(b, 0.0)
        for a in (-1, 0, 1)
        for b in (-1, 0, 1)
    )
    kappa = math.nan if expected == 0 else 1 - weight.mean() / expected
    return {
        "n_shared": n,
        "agreement": agreement,
        "signorino_ritter": 2 * agreement - 1,
        "scott_pi": pi,
        "cohen_kappa": kappa,
    }


def agreement_pandas_loop(frame: pd.DataFrame, top: int, budget_s: float) -> dict:
    """Pivot the aggregated stances, then loop over actor pairs; stop after `budget_s`."""
    start = time.perf_counter()
    keys = top_actors(frame, top)
    sub = frame[frame["actor_id"].isin(keys)].astype({"actor_id": str, "issue_id": str})
    stance = np.sign(sub.groupby(["actor_id", "issue_id"])["score"].mean()).unstack()
    stance = stance.reindex(keys)
    pairs = [(a, b) for i, a in enumerate(keys) for b in keys[i + 1 :]]
    results = {}
    setup = time.perf_counter() - start
    for done, (a, b) in enumerate(pairs, start=1):
        results[(a, b)] = pair_measures_pandas(stance.loc[a], stance.loc[b])
        if time.perf_counter() - start > budget_s and done < len(pairs):
            loop = time.perf_counter() - start - setup
            estimate = setup + loop * len(pairs) / done
            return {
                "ms": estimate * 1000,
                "results": results,
                "note": f"extrapolated from {done:,} of {len(pairs):,} pairs",
            }
    return {"ms": (time.perf_counter() - start) * 1000, "results": results, "note": ""}


DUCKDB_SQL = """
WITH top AS (
    SELECT actor_id FROM positions GROUP BY actor_id
    ORDER BY count(*) DESC, CAST(actor_id AS VARCHAR) LIMIT {top}
), cell AS (
    SELECT CAST(p.actor_id AS VARCHAR) AS actor, CAST(p.issue_id AS VARCHAR) AS issue,
           sign(sum(p.score)) AS s
    FROM positions p SEMI JOIN top t ON p.actor_id = t.actor_id
    GROUP BY 1, 2
), ct AS (
    SELECT a.actor AS a, b.actor AS b, count(*) AS n,
           sum(abs(a.s - b.s)) AS d,
           sum(CASE WHEN a.s = b.s THEN 1 ELSE 0 END) AS same,
           sum(power(abs(a.s - b.s) / 2.0, 2)) AS wo,
           count_if(a.s = -1) AS xm, count_if(a.s = 0) AS x0, count_if(a.s = 1) AS xp,
           count_if(b.s = -1) AS ym, count_if(b.s = 0) AS y0, count_if(b.s = 1) AS yp
    FROM cell a JOIN cell b ON a.issue = b.issue AND a.actor < b.actor
    GROUP BY 1, 2
)
SELECT a, b, n,
       1 - d / (2.0 * n) AS agreement,
       1 - d / (1.0 * n) AS signorino_ritter,
       CASE WHEN greatest(xm + ym, x0 + y0, xp + yp) = 2 * n THEN NULL ELSE
         (same / n - (power((xm + ym) / (2.0 * n), 2) + power((x0 + y0) / (2.0 * n), 2)
                      + power((xp + yp) / (2.0 * n), 2)))
         / (1 - (power((xm + ym) / (2.0 * n), 2) + power((x0 + y0) / (2.0 * n), 2)
                 + power((xp + yp) / (2.0 * n), 2))) END AS scott_pi,
       CASE WHEN (0.25 * (xm * y0 + x0 * ym + x0 * yp + xp * y0) + (xm * yp + xp * ym)) = 0
         THEN NULL ELSE
         1 - (wo / n) / ((0.25 * (xm * y0 + x0 * ym + x0 * yp + xp * y0) + (xm * yp + xp * ym))
                         / (1.0 * n * n)) END AS cohen_kappa
FROM ct
"""


def agreement_duckdb(con, top: int) -> pd.DataFrame:
    return con.execute(DUCKDB_SQL.format(top=int(top))).df()


def max_difference(matrix, pairs: dict[tuple[str, str], dict[str, float]]) -> float:
    """Largest difference between the matrix and another implementation's pairs (NaN = NaN)."""
    index = {k: i for i, k in enumerate(matrix.keys)}
    worst = 0.0
    for (a, b), values in pairs.items():
        i, j = index[a], index[b]
        if values["n_shared"] != matrix.n_shared[i, j]:
            return math.inf
        for name in MEASURES:
            mine, theirs = matrix.values[name][i, j], values[name]
            theirs = math.nan if theirs is None or pd.isna(theirs) else float(theirs)
            if math.isnan(mine) != math.isnan(theirs):
                return math.inf
            if not math.isnan(mine):
                worst = max(worst, abs(mine - theirs))
    return worst


# --- loading and memory -----------------------------------------------------------------


def current_rss_kib() -> int:
    """Resident memory of this process now (Linux), in KiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def measure_load(path: str) -> None:
    """Run in a child process: load the file like the app and print time and memory as JSON."""
    before = current_rss_kib()
    start = time.perf_counter()
    frame = to_frame(read_table(locate(path)))
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "ms": seconds * 1000,
                "table_mb": frame.memory_usage(deep=True).sum() / 1e6,
                "peak_rss_increase_mb": (peak - before) * 1024 / 1e6,  # both in KiB on Linux
            }
        )
    )


def load_in_child(path: Path) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--measure-load", str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


# --- the run ------------------------------------------------------------------------------


def run_size(n: int, repeats: int, budget_s: float, workdir: Path) -> tuple[list[dict], dict]:
    import duckdb

    load_avg = os.getloadavg()[0]
    n_actors, n_issues = shape_for(n)
    data = generate(n, n_actors=n_actors, n_issues=n_issues, years=3, seed=42)
    path = workdir / f"positions_{n}.parquet"
    pq.write_table(positions_table(data.positions), path)
    del data
    memory = load_in_child(path)
    frame = to_frame(read_table(locate(path)))

    rows: list[dict] = []

    def add(name: str, fn: Callable[[], object], note: str = "") -> object:
        ms, best, cpu, result = timed(fn, repeats)
        rows.append({"function": name, "rows": n, "ms": ms, "best": best, "cpu": cpu, "note": note})
        return result

    dates = frame["statement_date"]
    topics = sorted(frame["topic"].astype(str).unique())
    page_filter = Filters(
        date_from=(dates.min() + pd.Timedelta(days=365)).date(),
        topics=tuple(topics[: max(1, len(topics) // 2 + 1)]),
    )
    filtered = add("filter (date range + topics)", lambda: page_filter.apply(frame))
    add("stance matrix, all actors", lambda: stance_matrix(frame))
    add(f"stance matrix, top {TOP}", lambda: stance_matrix(frame, top=TOP))
    matrix = add(
        f"agreement matrix, top {TOP}, 4 measures", lambda: agreement_matrix(frame, top=TOP)
    )
    add(
        f"agreement matrix, organizations, top {TOP}",
        lambda: agreement_matrix(frame, level="organization", top=TOP),
    )
    add("bloc order (clustering)", lambda: bloc_order(matrix))
    a, b = matrix.keys[0], matrix.keys[1]
    add("head-to-head", lambda: head_to_head(frame, a, b))
    add("sharpest disagreements", lambda: sharpest_disagreements(frame, top=TOP))
    add("statements over time, one actor", lambda: statements_over_time(frame, actors=[a]))
    add("statement counts per month", lambda: statement_counts(frame, "M"))
    add("agreement over time, pair, cumulative", lambda: agreement_over_time(frame, [a, b]))
    add(
        "agreement over time, pair, rolling 180 d",
        lambda: agreement_over_time(frame, [a, b], window="rolling", width_days=180),
    )
    add(
        "agreement over time, top 10 pairs, weekly",
        lambda: agreement_over_time(frame, top=10, freq="W"),
    )
    add("stance changes", lambda: stance_changes(frame))
    add("polarization", lambda: polarization(frame))
    add("polarization over time, monthly", lambda: polarization_over_time(frame, freq="M"))

    def page() -> None:
        view = page_filter.apply(frame)
        stance_matrix(view, top=TOP)
        m = agreement_matrix(view, top=TOP)
        bloc_order(m)
        agreement_over_time(view, m.keys[:2])

    add(
        "page: filter + stance + agreement + blocs + timeline",
        page,
        f"filter keeps {len(filtered):,} rows",
    )

    # Baselines for the agreement matrix, checked against it.
    fast_ms = next(r["ms"] for r in rows if r["function"].startswith("agreement matrix, top"))
    baseline = agreement_pandas_loop(frame, TOP, budget_s)
    pandas_diff = max_difference(matrix, baseline["results"])
    con = duckdb.connect()
    con.execute("SET threads TO 2")
    con.register("positions", frame[["actor_id", "issue_id", "score"]])
    duck_ms, duck_best, duck_cpu, duck = timed(
        lambda: agreement_duckdb(con, TOP), max(1, repeats // 2)
    )
    duck_pairs = {
        (r.a, r.b) if r.a in matrix.keys else (r.a, r.b): {
            "n_shared": int(r.n),
            **{m: getattr(r, m) for m in MEASURES},
        }
        for r in duck.itertuples()
    }
    duck_diff = max_difference(matrix, duck_pairs)
    for row in rows:
        if row["function"].startswith("agreement matrix, top"):
            row["vs pandas"] = baseline["ms"] / fast_ms
            row["vs DuckDB"] = duck_ms / fast_ms
    rows.append(
        {
            "function": f"  baseline: pandas loop over pairs, top {TOP}",
            "rows": n,
            "ms": baseline["ms"],
            "note": (baseline["note"] + "; " if baseline["note"] else "")
            + f"max |diff| {pandas_diff:.1e}",
        }
    )
    rows.append(
        {
            "function": f"  baseline: DuckDB SQL, top {TOP}",
            "rows": n,
            "ms": duck_ms,
            "best": duck_best,
            "cpu": duck_cpu,
            "note": f"max |diff| {duck_diff:.1e}",
        }
    )
    memory.update(rows_total=n, actors=n_actors, issues=n_issues, load_avg=load_avg)
    return rows, memory


def print_tables(rows: list[dict], memories: list[dict]) -> None:
    table = pd.DataFrame(rows)
    for col in ("vs pandas", "vs DuckDB"):
        if col not in table:
            table[col] = np.nan
    table["median ms"] = table["ms"].map(lambda v: f"{v:,.1f}")
    table["best ms"] = table["best"].map(lambda v: "" if pd.isna(v) else f"{v:,.1f}")
    table["CPU ms"] = table["cpu"].map(lambda v: "" if pd.isna(v) else f"{v:,.1f}")
    for col in ("vs pandas", "vs DuckDB"):
        table[col] = table[col].map(lambda v: "" if pd.isna(v) else f"{v:,.0f}× faster")
    table["rows"] = table["rows"].map(lambda v: f"{v:,}")
    with pd.option_context("display.max_colwidth", 80, "display.width", 250):
        print(
            table[
                [
                    "function",
                    "rows",
                    "median ms",
                    "best ms",
                    "CPU ms",
                    "vs pandas",
                    "vs DuckDB",
                    "note",
                ]
            ].to_string(index=False)
        )
    print()
    mem = pd.DataFrame(memories)
    mem = mem.rename(
        columns={
            "rows_total": "rows",
            "ms": "load ms",
            "table_mb": "loaded table MB",
            "peak_rss_increase_mb": "peak RSS increase while loading MB",
            "load_avg": "machine load average",
        }
    )
    print(
        mem[
            [
                "rows",
                "actors",
                "issues",
                "load ms",
                "loaded table MB",
                "peak RSS increase while loading MB",
                "machine load average",
            ]
        ].to_string(index=False, float_format=lambda v: f"{v:,.1f}")
    )


def print_targets(rows: list[dict], memories: list[dict]) -> None:
    largest = max(r["rows"] for r in rows)
    at = {r["function"]: r for r in rows if r["rows"] == largest}
    checks = [
        (f"agreement matrix, top {TOP}, 4 measures", TARGETS_MS["agreement matrix"]),
        (f"stance matrix, top {TOP}", TARGETS_MS["stance matrix"]),
        ("stance matrix, all actors", TARGETS_MS["stance matrix"]),
        ("page: filter + stance + agreement + blocs + timeline", TARGETS_MS["page"]),
    ]
    print(f"\nTargets at {largest:,} rows (judged on the median wall time):")
    for name, target in checks:
        row = at[name]
        verdict = "met" if row["ms"] <= target else "MISSED"
        if row["ms"] > target and row["cpu"] <= target:
            verdict += " (CPU time meets it: the machine was busy)"
        print(
            f"  {name}: median {row['ms']:,.1f} ms, best {row['best']:,.1f} ms, "
            f"CPU {row['cpu']:,.1f} ms (target ≤ {target:,.0f} ms) — {verdict}"
        )
    mb = next(m["table_mb"] for m in memories if m["rows_total"] == largest)
    verdict = "met" if mb <= TARGET_TABLE_MB else "MISSED"
    print(f"  loaded table: {mb:,.1f} MB (target ≤ {TARGET_TABLE_MB:,.0f} MB) — {verdict}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument(
        "--baseline-seconds",
        type=float,
        default=30.0,
        help="time budget of the pandas pair loop per size before it is extrapolated",
    )
    parser.add_argument("--measure-load", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure_load:
        measure_load(args.measure_load)
        return 0
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    load_before = os.getloadavg()[0]
    rows, memories = [], []
    with tempfile.TemporaryDirectory(prefix="bench-analytics-") as tmp:
        for n in sizes:
            print(f"… {n:,} statements", file=sys.stderr, flush=True)
            size_rows, memory = run_size(n, args.repeats, args.baseline_seconds, Path(tmp))
            rows += size_rows
            memories.append(memory)
    print_tables(rows, memories)
    print_targets(rows, memories)
    # Timings on a shared machine swing with other work: say how busy it was.
    print(
        f"\nLoad average (1 min) at start / end: {load_before:.2f} / {os.getloadavg()[0]:.2f}"
        f" on {os.cpu_count()} CPUs; numpy {np.__version__}, pandas {pd.__version__}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
