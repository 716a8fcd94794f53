"""How much actors agree: pairwise measures over the issues both took a position on.

Each actor's stance on an issue is aggregated first (the sign of the mean score of its
statements in the filter; see :mod:`tracker.matrices`), so stances are x, y ∈ {-1, 0, +1}.
For a pair, only the N issues on which **both** have a stance count (neutral is a stance,
no statement is not). With o the 3 × 3 cross-table of their stances (as shares of N):

- ``agreement`` — share with half credit: A = 1 − Σ|x − y| / (2N), in [0, 1];
  identical stances 1, neutral against a position 0.5, opposite positions 0.
- ``signorino_ritter`` — Signorino & Ritter's S = 1 − 2 Σ|x − y| / (N · d_max) with
  d_max = 2, in [−1, 1]; computed as S = 2A − 1, so A = (1 + S) / 2.
- ``scott_pi`` — Scott's π = (p_o − p_e) / (1 − p_e): p_o the share of identical stances,
  p_e = Σ_c m_c² with m the stance distribution of both actors pooled. Undefined when
  p_e = 1 (both took the same single stance on every shared issue).
- ``cohen_kappa`` — weighted Cohen's κ = 1 − Σ w·o / Σ w·e with w = (|a − b| / 2)² and
  e the product of each actor's own marginal distribution. Undefined when Σ w·e = 0
  (each actor took one single stance throughout, the same one).

A measure is NaN — never 0 — where it is undefined, where N = 0, and where N is below the
chosen minimum overlap (N itself is always reported). All pairs are computed at once from
three one-hot indicator matrices I_c (actor × issue, one per stance value): the cross-table
of every pair is C_ab = I_a I_bᵀ — six products in all (C_ba = C_abᵀ), counted with bit
operations on packed rows for the matrix sizes the dashboard shows, with BLAS beyond.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
import pandas as pd
import pyarrow as pa

from tracker.matrices import (
    ScoreMatrix,
    categorical,
    level_columns,
    score_matrix,
    stance_matrix,
)

MEASURES: dict[str, str] = {
    "agreement": "Agreement share (half credit)",
    "signorino_ritter": "Signorino–Ritter S",
    "scott_pi": "Scott's π",
    "cohen_kappa": "Cohen's weighted κ",
}
"""Measure column → display name."""

MEASURE_RANGES: dict[str, tuple[float, float]] = {
    "agreement": (0.0, 1.0),
    "signorino_ritter": (-1.0, 1.0),
    "scott_pi": (-1.0, 1.0),
    "cohen_kappa": (-1.0, 1.0),
}
"""Measure column → the range of its values (for colour scales)."""

OUTCOMES: tuple[str, ...] = ("disagree", "differ", "agree", "only a", "only b")
"""Head-to-head outcomes: opposite positions, neutral against a position, the same stance,
and issues only one of the two spoke on."""

_DIST = np.abs(np.subtract.outer(np.arange(3), np.arange(3)))  # |a − b| between stance codes


def indicators(stance: np.ndarray, present: np.ndarray) -> np.ndarray:
    """One-hot stance indicators, shape (3, ..., n), boolean: [oppose, neutral, support]."""
    return np.stack([present & (stance == v) for v in (-1, 0, 1)])


# Up to this many (pair × 64-issue word) cells per product, cross-tables are counted with
# bit operations; beyond it, with BLAS matrix products. Counting bits is single-threaded
# and steady; a multi-threaded BLAS call on small matrices is faster when the machine is
# idle but can stall for tens of milliseconds when other work competes for the two cores.
_BITS_LIMIT = 4_000_000


def _pack(ind: np.ndarray) -> np.ndarray:
    """Boolean (..., n) → (..., ceil(n / 64)) uint64 words, issue j at bit j."""
    packed = np.packbits(ind, axis=-1, bitorder="little")
    pad = (-packed.shape[-1]) % 8
    if pad:
        zeros = np.zeros((*packed.shape[:-1], pad), dtype=np.uint8)
        packed = np.concatenate([packed, zeros], axis=-1)
    return np.ascontiguousarray(packed).view(np.uint64)


def _count_common(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """For packed rows x (..., k, w) and y (..., k, w): set bits in common, shape (..., k, k)."""
    both = x[..., :, None, :] & y[..., None, :, :]
    return np.bitwise_count(both).sum(axis=-1, dtype=np.int64)


def crosstabs(ind: np.ndarray) -> np.ndarray:
    """Cross-tables of stance counts for every pair, shape (3, 3, ..., k, k), from indicators.

    ``ind`` has shape (3, ..., k, n); extra leading axes (e.g. time) are batched. Entry
    [a, b, ..., i, j] counts the issues where actor i has stance a and actor j stance b.
    """
    k, n = ind.shape[-2], ind.shape[-1]
    batch = int(np.prod(ind.shape[1:-2], dtype=np.int64))
    words = max(1, -(-n // 64))
    use_bits = hasattr(np, "bitwise_count") and batch * k * k * words <= _BITS_LIMIT
    source = _pack(ind.astype(bool, copy=False)) if use_bits else ind.astype(np.float32)
    out = np.empty((3, 3, *ind.shape[1:-2], k, k), dtype=np.float64)
    for a in range(3):
        for b in range(a, 3):
            if use_bits:
                product = _count_common(source[a], source[b])
            else:
                product = source[a] @ np.swapaxes(source[b], -1, -2)
            out[a, b] = product
            if b != a:
                out[b, a] = np.swapaxes(product, -1, -2)  # C_ba = C_abᵀ
    return out


def measures_from_crosstabs(table: np.ndarray, min_overlap: int = 1) -> dict[str, np.ndarray]:
    """N and the four measures from cross-tables of shape (3, 3, ...); NaN where undefined."""
    table = np.asarray(table, dtype=np.float64)
    n = table.sum(axis=(0, 1))
    dist = _DIST.reshape(3, 3, *([1] * (table.ndim - 2)))
    disagreement = (table * dist).sum(axis=(0, 1))
    rows = table.sum(axis=1)  # stance counts of the first actor over shared issues
    cols = table.sum(axis=0)  # and of the second
    same = table[0, 0] + table[1, 1] + table[2, 2]
    defined = n >= max(1, int(min_overlap))
    safe_n = np.where(n > 0, n, 1.0)

    agreement = 1.0 - disagreement / (2.0 * safe_n)
    signorino_ritter = 2.0 * agreement - 1.0

    pooled = (rows + cols) / (2.0 * safe_n)
    p_e = (pooled**2).sum(axis=0)
    # p_e = 1 exactly when one stance takes all 2N places; tested on the integer counts.
    single = ((rows + cols) == 2.0 * n).any(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        pi = (same / safe_n - p_e) / np.where(single, 1.0, 1.0 - p_e)

    weight = (dist / 2.0) ** 2
    observed = (table * weight).sum(axis=(0, 1))  # Σ w·o, times N
    # Σ w·e times N²: w_ab · rows_a · cols_b over a ≠ b, on integer counts so "= 0" is exact.
    expected = (weight * rows[:, None] * cols[None, :]).sum(axis=(0, 1))
    no_expected = expected == 0
    with np.errstate(invalid="ignore", divide="ignore"):
        kappa = 1.0 - (observed / safe_n) / np.where(no_expected, 1.0, expected / safe_n**2)

    nan = np.nan
    return {
        "n_shared": n.astype(np.int64),
        "agreement": np.where(defined, agreement, nan),
        "signorino_ritter": np.where(defined, signorino_ritter, nan),
        "scott_pi": np.where(defined & ~single, pi, nan),
        "cohen_kappa": np.where(defined & ~no_expected, kappa, nan),
    }


def measures_from_stances(
    x: Sequence[float], y: Sequence[float], min_overlap: int = 1
) -> dict[str, float]:
    """The measures for two aligned stance vectors in {-1, 0, +1}; NaN marks no stance."""
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    both = ~np.isnan(x) & ~np.isnan(y)
    cells = (x[both].astype(np.int64) + 1) * 3 + (y[both].astype(np.int64) + 1)
    table = np.bincount(cells, minlength=9).reshape(3, 3)
    result = measures_from_crosstabs(table, min_overlap)
    return {name: (int(v) if name == "n_shared" else float(v)) for name, v in result.items()}


@dataclass(frozen=True)
class AgreementMatrix:
    """Square actor × actor matrices of N and the four measures, in `keys` order."""

    level: str
    keys: list[str]
    labels: list[str]
    n_shared: np.ndarray
    values: dict[str, np.ndarray]
    min_overlap: int

    def square(self, measure: str = "agreement") -> pd.DataFrame:
        """One measure (or ``n_shared``) as a key × key frame."""
        data = self.n_shared if measure == "n_shared" else self.values[check_measure(measure)]
        index = pd.Index(self.keys, name="key")
        return pd.DataFrame(data, index=index, columns=index.rename("key_b"))

    def long(self) -> pd.DataFrame:
        """One row per ordered pair (diagonal included): keys, labels, N, the four measures,
        and ``below_min`` (N under the minimum overlap: the measures there are NaN)."""
        k = len(self.keys)
        a = np.repeat(np.arange(k), k)
        b = np.tile(np.arange(k), k)
        keys = np.asarray(self.keys, dtype=object)
        labels = np.asarray(self.labels, dtype=object)
        out = pd.DataFrame(
            {
                "key_a": categorical(keys, a),
                "label_a": categorical(labels, a),
                "key_b": categorical(keys, b),
                "label_b": categorical(labels, b),
                "n_shared": self.n_shared.ravel(),
                **{name: v.ravel() for name, v in self.values.items()},
            }
        )
        out["below_min"] = out["n_shared"] < self.min_overlap
        out.attrs["level"] = self.level
        return out

    def reorder(self, keys: Sequence[str]) -> AgreementMatrix:
        """The same matrix with rows and columns in the order of `keys` (e.g. a bloc order)."""
        position = {k: i for i, k in enumerate(self.keys)}
        idx = np.array([position[k] for k in keys], dtype=np.int64)
        grid = np.ix_(idx, idx)
        return AgreementMatrix(
            self.level,
            [self.keys[i] for i in idx],
            [self.labels[i] for i in idx],
            self.n_shared[grid],
            {name: v[grid] for name, v in self.values.items()},
            self.min_overlap,
        )


def check_measure(measure: str) -> str:
    if measure not in MEASURES:
        raise ValueError(f"unknown measure {measure!r}: choose one of {', '.join(MEASURES)}")
    return measure


def agreement_from_scores(scores: ScoreMatrix, min_overlap: int = 1) -> AgreementMatrix:
    """The agreement matrix of the actors of a score matrix."""
    ind = indicators(scores.stance, scores.present)
    result = measures_from_crosstabs(crosstabs(ind), min_overlap)
    n_shared = result.pop("n_shared")
    return AgreementMatrix(
        scores.level, scores.keys, scores.labels, n_shared, result, max(1, int(min_overlap))
    )


def agreement_matrix(
    frame: pd.DataFrame,
    level: str = "actor",
    actors: Sequence[str] | None = None,
    top: int | None = 200,
    min_overlap: int = 1,
) -> AgreementMatrix:
    """Agreement between every pair of the chosen actors (the `top` most active by default).

    Pass `actors` to choose keys explicitly; pairs with fewer than `min_overlap` shared
    issues keep their N but get NaN measures.
    """
    return agreement_from_scores(score_matrix(frame, level, actors, top), min_overlap)


def pair_measures(
    frame: pd.DataFrame, a: str, b: str, level: str = "actor", min_overlap: int = 1
) -> pd.Series:
    """N and the four measures for one pair of actors."""
    scores = score_matrix(frame, level, actors=[a, b])
    stance = np.full((2, len(scores.issue_ids)), np.nan)
    for i, key in enumerate((a, b)):
        if key in scores.keys:
            row = scores.keys.index(key)
            stance[i] = np.where(scores.present[row], scores.stance[row], np.nan)
    return pd.Series(measures_from_stances(stance[0], stance[1], min_overlap), dtype=object)


class HeadToHead(NamedTuple):
    """Per-issue comparison of two actors, and the pair's measures."""

    issues: pd.DataFrame
    measures: pd.Series


def head_to_head(
    frame: pd.DataFrame, a: str, b: str, level: str = "actor", min_overlap: int = 1
) -> HeadToHead:
    """Compare two actors issue by issue: one row per issue either took a position on.

    Columns: ``issue_id``, ``issue``, ``proposition``, ``topic``, ``outcome`` (one of
    :data:`OUTCOMES`: ``agree`` same stance, ``disagree`` support against oppose,
    ``differ`` neutral against a position, ``only a`` / ``only b`` one side spoke), and
    for each side (suffix ``_a``, ``_b``): ``stance``, ``mean_score``, ``n_statements``,
    ``latest_date``, ``latest_quote``, ``statement_ids``. Sorted by outcome (disagreements
    first), then issue. ``measures`` holds N and the four measures over the shared issues.
    """
    if a == b:
        raise ValueError("choose two different actors to compare")
    level_columns(level)
    cells = stance_matrix(frame, level, actors=[a, b])
    cells = cells.astype({"key": "str"})
    keep = ["mean_score", "stance", "n_statements", "latest_date", "latest_quote"]
    keep.append("statement_ids")
    issue_cols = ["issue_id", "issue", "proposition", "topic"]
    sides = []
    for key, suffix in ((a, "_a"), (b, "_b")):
        side = cells[cells["key"] == key]
        side = side[issue_cols + keep].astype({c: "str" for c in issue_cols})
        sides.append(side.rename(columns={c: c + suffix for c in keep}))
    merged = sides[0].merge(sides[1], on=issue_cols, how="outer")

    sign_a = np.sign(merged["mean_score_a"].to_numpy(dtype=np.float64))
    sign_b = np.sign(merged["mean_score_b"].to_numpy(dtype=np.float64))
    has_a, has_b = ~np.isnan(sign_a), ~np.isnan(sign_b)
    outcome = np.select(
        [
            has_a & ~has_b,
            ~has_a & has_b,
            sign_a == sign_b,
            sign_a * sign_b == -1,
        ],
        [3, 4, 2, 0],
        default=1,
    )
    merged.insert(4, "outcome", pd.Categorical.from_codes(outcome, categories=list(OUTCOMES)))
    merged = merged.sort_values(["outcome", "issue"], kind="stable").reset_index(drop=True)

    measures = measures_from_stances(
        np.where(has_a, sign_a, np.nan), np.where(has_b, sign_b, np.nan), min_overlap
    )
    merged.attrs["level"] = level
    return HeadToHead(merged, pd.Series(measures, dtype=object))


def sharpest_disagreements(
    frame: pd.DataFrame,
    level: str = "actor",
    actors: Sequence[str] | None = None,
    top: int | None = 200,
    limit: int = 20,
    min_overlap: int = 1,
) -> pd.DataFrame:
    """The pairs of actors that take opposite positions (support vs. oppose) on the most issues.

    One row per pair (``key_a``, ``label_a``, ``key_b``, ``label_b``), at most `limit`,
    ranked by ``n_opposed`` then by lowest ``agreement``: ``n_shared``, ``n_opposed``,
    ``agreement``, and list columns ``issue_ids`` / ``issues`` naming the issues they oppose
    each other on. Pairs that never oppose each other are left out.
    """
    scores = score_matrix(frame, level, actors, top)
    k = len(scores.keys)
    columns = ["key_a", "label_a", "key_b", "label_b", "n_shared", "n_opposed", "agreement"]
    if k < 2:
        return pd.DataFrame({c: [] for c in [*columns, "issue_ids", "issues"]})
    tables = crosstabs(indicators(scores.stance, scores.present))
    measures = measures_from_crosstabs(tables, min_overlap)
    opposed = tables[0, 2] + tables[2, 0]
    ia, ib = np.triu_indices(k, 1)
    n_opposed = opposed[ia, ib]
    agreement = measures["agreement"][ia, ib]
    keep = n_opposed > 0
    ia, ib, n_opposed, agreement = ia[keep], ib[keep], n_opposed[keep], agreement[keep]
    # Most opposed first, then least agreement (NaN last), then matrix order.
    order = np.lexsort((np.nan_to_num(agreement, nan=2.0), -n_opposed))[: max(0, limit)]
    ia, ib, n_opposed, agreement = ia[order], ib[order], n_opposed[order], agreement[order]

    both = scores.present[ia] & scores.present[ib]
    clash = both & (scores.stance[ia] * scores.stance[ib] == -1)
    pair_idx, issue_idx = np.nonzero(clash)
    offsets = np.concatenate([[0], np.cumsum(np.bincount(pair_idx, minlength=len(ia)))])

    def lists(values: Sequence[str]) -> pd.Series:
        flat = pa.array(np.asarray(values, dtype=object)[issue_idx], pa.large_string())
        arr = pa.LargeListArray.from_arrays(pa.array(offsets, pa.int64()), flat)
        return pd.Series(pd.arrays.ArrowExtensionArray(arr))

    keys = np.asarray(scores.keys, dtype=object)
    labels = np.asarray(scores.labels, dtype=object)
    out = pd.DataFrame(
        {
            "key_a": pd.Series(keys[ia], dtype="str"),
            "label_a": pd.Series(labels[ia], dtype="str"),
            "key_b": pd.Series(keys[ib], dtype="str"),
            "label_b": pd.Series(labels[ib], dtype="str"),
            "n_shared": measures["n_shared"][ia, ib],
            "n_opposed": n_opposed.astype(np.int64),
            "agreement": agreement,
            "issue_ids": lists(scores.issue_ids),
            "issues": lists(scores.issues),
        }
    )
    out.attrs["level"] = level
    return out
