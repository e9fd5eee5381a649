"""Test doubles with the real interfaces: a deterministic encoder that counts its calls."""

from __future__ import annotations

import hashlib
from typing import Sequence

import numpy as np

from retrieval.analysis import analyse


class FakeEncoder:
    """Hashes each stem to a random unit direction and sums: texts sharing words are similar.

    Attributes:
        calls: Number of encode() calls.
        encoded: Number of texts encoded (queries included).
        passages_encoded: Passages encoded (texts of several words, not questions).
        words_encoded: Single words encoded (the corpus vocabulary, question words).
    """

    def __init__(self, dim: int = 64, name: str = "fake-encoder") -> None:
        self.name = name
        self.dim = dim
        self.calls = 0
        self.encoded = 0
        self.passages_encoded = 0
        self.words_encoded = 0

    def _direction(self, term: str) -> np.ndarray:
        seed = int.from_bytes(hashlib.sha256(term.encode()).digest()[:8], "little")
        v = np.random.default_rng(seed).standard_normal(self.dim)
        return v / np.linalg.norm(v)

    def encode(self, texts: Sequence[str], *, query: bool = False) -> np.ndarray:
        self.calls += 1
        self.encoded += len(texts)
        if not query:
            words = sum(1 for t in texts if len(t.split()) == 1)
            self.words_encoded += words
            self.passages_encoded += len(texts) - words
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            v = np.zeros(self.dim)
            for term in analyse(text):
                v += self._direction(term)
            norm = np.linalg.norm(v)
            out[i] = v / norm if norm else self._direction("<empty>")
        return out
