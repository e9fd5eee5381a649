"""The engine's parts on their own: the models it keeps (models.py) and the
generations of the index it answers from (generation.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from retrieval import Engine, IndexMissing, Settings
from retrieval.generation import GenerationHolder
from retrieval.models import Models

from .fakes import FakeEncoder


def test_models_without_a_model_and_with_one_that_cannot_be_had() -> None:
    said: list[str] = []
    models = Models(Settings(model="none", offline=True), note=said.append)
    assert models.index_encoder("none") is None
    assert models.index_encoder("example/missing-model", fallback="indexing lexical-only") is None
    assert models.index_encoder("example/missing-model", fallback="indexing lexical-only") is None  # asked once
    assert said == ["model example/missing-model is not in the local cache and HF_HUB_OFFLINE is set; "
                    "indexing lexical-only"]
    assert models.reranker() is None  # re-ranking is off


def test_a_supplied_encoder_serves_index_and_questions(seed_corpus: Path, tmp_path: Path) -> None:
    encoder = FakeEncoder()
    engine = Engine(Settings(corpus=(seed_corpus,), index_dir=tmp_path / "idx", model=encoder.name), encoder=encoder)
    engine.index()
    gen = engine.current()
    assert engine.models.index_encoder("anything") is encoder
    assert engine.models.query_encoder(gen) is encoder
    assert engine.models.describe_queries(gen) == "supplied encoder fake-encoder"
    lexical = Engine(Settings(corpus=(seed_corpus,), index_dir=tmp_path / "lex", model="none"), encoder=None)
    lexical.index()
    assert lexical.models.query_encoder(lexical.current()) is None
    assert lexical.models.describe_queries(lexical.current()) == ""


def test_the_holder_loads_looks_at_the_disk_and_swaps(seed_corpus: Path, tmp_path: Path) -> None:
    settings = Settings(corpus=(seed_corpus,), index_dir=tmp_path / "idx", model="none")
    said: list[str] = []
    holder = GenerationHolder(settings, note=said.append, refresh_interval=3600)
    with pytest.raises(IndexMissing):
        holder.current()
    writer = Engine(settings, encoder=None)
    writer.index()
    first = holder.current()
    assert first.number == 1 and holder.current() is first
    writer.index(full=True)
    assert holder.current() is first  # within the refresh interval: the disk is not looked at
    fresh = holder.current(force=True)
    assert fresh.number == 2 and fresh is not first
    assert said == []
    holder.close()


def test_an_unreadable_index_keeps_the_last_good_generation_served(seed_corpus: Path, tmp_path: Path) -> None:
    settings = Settings(corpus=(seed_corpus,), index_dir=tmp_path / "idx", model="none", memory_snapshot=True)
    said: list[str] = []
    holder = GenerationHolder(settings, note=said.append, refresh_interval=0)
    Engine(settings, encoder=None).index()
    good = holder.current()
    for path in (tmp_path / "idx").glob("citebot.sqlite*"):
        path.write_bytes(b"not a database" * 100)
    assert holder.current() is good and holder.current() is good
    # at each look (the engine's note says it only once)
    assert said == [f"the index at {settings.index_dir} cannot be read; serving the last good generation (1); "
                    "fix it with: citebot index --full"] * 2


def test_the_encoding_cache_encodes_each_recent_text_once() -> None:
    import numpy as np

    from retrieval.models import CachedEncoder

    inner = FakeEncoder()
    cached = CachedEncoder(inner, size=3)
    first = cached.encode(["pay award", "draft budget", "pay award"])
    assert inner.encoded == 2 and np.allclose(first[0], first[2])
    assert np.allclose(cached.encode(["draft budget"]), inner.encode(["draft budget"]))
    inner.encoded = 0
    cached.encode(["pay award"], query=True)  # a question is encoded apart from a passage
    cached.encode(["a", "b"])  # five entries for three places: the two oldest (both passages) go
    cached.encode(["draft budget", "pay award"])  # so both are encoded again
    assert inner.encoded == 5 and len(cached._cache) == 3
    assert cached.encode([]).shape == (0, inner.dim)
