"""Combining the ranked lists of the lexical and dense legs into one."""

from __future__ import annotations

from functools import partial
from statistics import fmean, pstdev
from typing import Callable, Mapping, Sequence

Ranked = Sequence[tuple[int, float]]
Fuse = Callable[[Mapping[str, Ranked]], dict[int, float]]


def rrf(legs: Mapping[str, Ranked], k: int = 60) -> dict[int, float]:
    """Reciprocal rank fusion: score(id) = sum over legs of 1 / (k + rank).

    Args:
        legs: For each leg, (id, score) pairs best first.
        k: Damping constant; larger flattens the head of each list.

    Returns:
        {id: fused score}.
    """
    fused: dict[int, float] = {}
    for ranked in legs.values():
        for rank, (pid, _score) in enumerate(ranked, start=1):
            fused[pid] = fused.get(pid, 0.0) + 1.0 / (k + rank)
    return fused


def blend(legs: Mapping[str, Ranked], dense_weight: float = 0.5) -> dict[int, float]:
    """Weighted sum of each leg's standardised scores (z-scores over its list).

    A z-score keeps how far a passage stands out of its leg's list, where a
    min-max scale lets one outlier squash the rest (SciFact train nDCG@10,
    bench/RESULTS.md). Each leg's are shifted so its lowest is 0 (fused
    scores are never negative: the ranker scales them down), and an id a leg
    does not list gets that 0.

    Args:
        legs: {"bm25": [...], "dense": [...]}, each (id, score) best first.
        dense_weight: Weight of the dense leg; the lexical leg gets the rest.

    Returns:
        {id: fused score}.
    """
    weights = {"dense": dense_weight, "bm25": 1.0 - dense_weight}
    present = [name for name, ranked in legs.items() if ranked and name in weights]
    if len(present) == 1:
        weights = {present[0]: 1.0}
    standard: dict[str, dict[int, float]] = {}
    for name in present:
        scores = [s for _, s in legs[name]]
        mean = fmean(scores)
        spread = pstdev(scores, mean) or 1.0
        standard[name] = {pid: (s - mean) / spread for pid, s in legs[name]}
    ids = {pid for z in standard.values() for pid in z}
    fused = dict.fromkeys(ids, 0.0)
    for name, z in standard.items():
        floor = min(z.values())
        for pid, value in z.items():
            fused[pid] += weights[name] * (value - floor)
    return fused


def fusion_for(method: str, *, rrf_k: int = 60, blend_weight: float = 0.5) -> Fuse:
    """The fusion named by a setting, as one callable chosen once ("rrf" or "blend").

    Raises:
        ValueError: An unknown method (Settings.validate refuses it first).
    """
    if method == "rrf":
        return partial(rrf, k=rrf_k)
    if method == "blend":
        return partial(blend, dense_weight=blend_weight)
    raise ValueError(f"unknown fusion {method!r}")
