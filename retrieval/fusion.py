"""Combining the ranked lists of the lexical and dense legs into one."""

from __future__ import annotations

from functools import partial
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
    """Convex combination of min-max normalised scores; a leg missing an id gives it 0.

    Args:
        legs: {"bm25": [...], "dense": [...]}, each (id, score) best first.
        dense_weight: Weight of the dense leg; the lexical leg gets the rest.

    Returns:
        {id: fused score in [0, 1]}.
    """
    weights = {"dense": dense_weight, "bm25": 1.0 - dense_weight}
    present = [name for name, ranked in legs.items() if ranked]
    if len(present) == 1:
        weights = {present[0]: 1.0}
    fused: dict[int, float] = {}
    for name, ranked in legs.items():
        if not ranked or name not in weights:
            continue
        scores = [s for _, s in ranked]
        lo, hi = min(scores), max(scores)
        span = (hi - lo) or 1.0
        for pid, s in ranked:
            fused[pid] = fused.get(pid, 0.0) + weights[name] * ((s - lo) / span if hi > lo else 1.0)
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
