"""Questions encoded without torch: the ONNX export of the index's model, checked
against sentence-transformers, written and kept beside the index."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from retrieval import Engine
from retrieval.embeddings import load_encoder
from retrieval.model_files import local_model
from retrieval.onnx_encoder import CONFIG, OnnxEncoder, export_folder

SENTENCES = [
    "what did NAHT Cymru ask for?",
    "Children with additional learning needs (ALN) in Wales are being failed.",
    "A much longer sentence about the Cardiff Educational and Child Psychologist training course, with "
    "numbers such as 80 per cent and £28m, to make the batch pad.",
    "",
]



@pytest.mark.slow
def test_onnx_vectors_match_sentence_transformers(tiny_engine: Engine, tiny_model: Path) -> None:
    gen = tiny_engine.current()
    folder = gen.onnx_folder
    assert folder is not None and folder.parent == tiny_engine.settings.index_dir
    config = json.loads((folder / CONFIG).read_text())
    assert config["model"] == str(tiny_model) and config["dim"] == 32
    onnx = OnnxEncoder(folder)
    reference = load_encoder(local_model(str(tiny_model)), device="cpu")
    got, want = onnx.encode(SENTENCES), reference.encode(SENTENCES)
    assert got.shape == want.shape == (4, 32)
    assert np.min(np.sum(got * want, axis=1)) >= 0.9999
    assert np.allclose(np.linalg.norm(got, axis=1), 1.0, atol=1e-5)
    # The engine encodes questions with the export, not with sentence-transformers.
    encoder = tiny_engine.models.query_encoder(gen)
    assert isinstance(encoder.inner, OnnxEncoder)  # behind the cache of recent texts
    assert tiny_engine.status().queries == f"ONNX Runtime, {folder}"


@pytest.mark.slow
def test_export_is_kept_and_remade_when_missing(tiny_engine: Engine) -> None:
    folder = tiny_engine.current().onnx_folder
    assert folder is not None
    stamp = (folder / "model.onnx").stat().st_mtime_ns
    report = tiny_engine.index()
    assert not report.changed and (folder / "model.onnx").stat().st_mtime_ns == stamp
    # Deleted: the next index run (nothing else to do) makes it again.
    for f in folder.iterdir():
        f.unlink()
    folder.rmdir()
    tiny_engine.index()
    fresh = Engine(tiny_engine.settings)
    assert fresh.current().onnx_folder == folder and (folder / "model.onnx").exists()
    assert [p.name for p in tiny_engine.settings.index_dir.glob("onnx-*")] == [folder.name]


@pytest.mark.slow
def test_hybrid_ask_imports_neither_torch_nor_sentence_transformers(tiny_engine: Engine) -> None:
    settings = tiny_engine.settings
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from retrieval import Engine, Settings\n"
        f"e = Engine(Settings(corpus=(Path({str(settings.corpus[0])!r}),), index_dir=Path({str(settings.index_dir)!r}),"
        f" model={settings.model!r}))\n"
        "a = e.answer('what did NAHT Cymru say about psychologists?')\n"
        "assert a.answered and any(h.dense_score is not None for h in a.passages), a\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('torch', 'sentence_transformers', 'transformers'))\n"
        "print(','.join(heavy) or 'none')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "none"


def test_export_folder_is_named_by_fingerprint(tmp_path: Path) -> None:
    assert export_folder(tmp_path, "0123abcd") == tmp_path / "onnx-0123abcd"


@pytest.mark.slow
def test_a_damaged_export_is_said_once_and_questions_still_encode(tiny_engine: Engine, tiny_model: Path,
                                                                   caplog: pytest.LogCaptureFixture) -> None:
    folder = tiny_engine.current().onnx_folder
    assert folder is not None
    for graph in folder.glob("*.onnx"):  # the model and its optimised copy
        graph.write_bytes(b"not a model")
    fresh = Engine(tiny_engine.settings)
    first = fresh.answer("what did NAHT Cymru say about psychologists?")
    fresh.answer("who is Laura Doel?")
    assert first.answered and any(h.dense_score is not None for h in first.passages)
    notes = [r.getMessage() for r in caplog.records if "sentence-transformers" in r.getMessage()]
    assert notes == [f"the ONNX export in {folder} cannot be loaded (InvalidProtobuf); "
                     "encoding questions with sentence-transformers"]
