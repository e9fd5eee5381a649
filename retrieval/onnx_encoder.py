"""Queries encoded with ONNX Runtime: the model without torch.

Importing sentence-transformers and torch costs about six seconds and
500 MB; ONNX Runtime and `tokenizers` load the same model in a fraction of
that. Each model is exported once (`export_onnx`, at index time, with
sentence-transformers at hand) into a folder beside the index named by the
model's fingerprint; `OnnxEncoder` then loads only that folder. The export is
checked against sentence-transformers' own vectors before it is used.
"""

from __future__ import annotations

import ctypes
import json
import os
import shutil
import threading
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

import numpy as np

from .errors import ModelUnavailable

if TYPE_CHECKING:
    from .embeddings import SentenceTransformerEncoder

CONFIG = "encoder.json"
# Lowest cosine similarity an export's vectors may have to sentence-transformers'.
MIN_AGREEMENT = 0.9999
_PROBES = (
    "School leaders' union calls for an urgent injection of funding.",
    "How many members voted in the ballot?",
    "A longer sentence, with punctuation; numbers such as 4.5 per cent, £28m and 2024-25; and a name: Llandudno.",
)


def export_folder(index_dir: Path, fingerprint: str) -> Path:
    """Where the ONNX export of the model with `fingerprint` lives beside the index."""
    return index_dir / f"onnx-{fingerprint}"


def export_onnx(encoder: "SentenceTransformerEncoder", folder: Path, fingerprint: str) -> Path:
    """Export `encoder`'s model (transformer, pooling, normalisation) to `folder`.

    Written to a temporary folder and renamed, so `folder` is whole or absent.

    Args:
        encoder: The loaded sentence-transformers model.
        folder: Where the export goes.
        fingerprint: The model's fingerprint (recorded in its config).

    Returns:
        `folder`.

    Raises:
        ModelUnavailable: The model cannot be exported faithfully (its tokenizer has
            no fast version, or the export's vectors disagree with the model's).
    """
    import torch

    model = encoder.model
    tmp = folder.with_name(folder.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    try:
        prepare = getattr(model, "preprocess", None) or model.tokenize
        features = prepare([_PROBES[0]])
        names = [n for n, v in features.items() if isinstance(v, torch.Tensor)]
        extra = {n: v for n, v in features.items() if n not in names}

        class Graph(torch.nn.Module):
            def __init__(self) -> None:
                super().__init__()
                self.model = model

            def forward(self, *tensors: torch.Tensor) -> torch.Tensor:
                return self.model({**dict(zip(names, tensors)), **extra})["sentence_embedding"]

        axes = {n: {0: "batch", 1: "tokens"} for n in names}
        axes["embedding"] = {0: "batch"}
        graph = Graph().eval().to("cpu")
        with torch.no_grad(), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            torch.onnx.export(graph, tuple(features[n].to("cpu") for n in names), str(tmp / "model.onnx"),
                              input_names=names, output_names=["embedding"], dynamic_axes=axes, opset_version=17,
                              dynamo=False)
        model.to(encoder.device)
        tokenizer = model.tokenizer
        tokenizer.save_pretrained(str(tmp))
        if not (tmp / "tokenizer.json").exists():
            raise ModelUnavailable(f"model {encoder.name} has no fast tokenizer to run without torch")
        config = {
            "model": encoder.name,
            "fingerprint": fingerprint,
            "dim": encoder.dim,
            "inputs": names,
            "max_seq_length": int(model.max_seq_length or 512),
            "pad_id": int(tokenizer.pad_token_id or 0),
            "pad_token": str(tokenizer.pad_token or "[PAD]"),
        }
        (tmp / CONFIG).write_text(json.dumps(config, indent=1), encoding="utf-8")
        check = OnnxEncoder(tmp)
        agreement = float(np.min(np.sum(check.encode(_PROBES) * encoder.encode(_PROBES), axis=1)))
        if agreement < MIN_AGREEMENT:
            raise ModelUnavailable(f"the ONNX export of {encoder.name} disagrees with the model "
                                   f"(cosine {agreement:.4f})")
        shutil.rmtree(folder, ignore_errors=True)
        tmp.rename(folder)
        return folder
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


class OnnxEncoder:
    """A model exported by `export_onnx`, run with ONNX Runtime and `tokenizers`.

    Args:
        folder: The export folder.
        batch_size: Texts per run; texts are sorted by length first, so a
            batch pads little.
        threads: ONNX Runtime's threads per run (0: its default, the cores).

    Raises:
        ModelUnavailable: The folder is not a complete export, or onnxruntime is missing.
    """

    def __init__(self, folder: Path, batch_size: int = 32, threads: int = 0, model_file: str = "model.onnx") -> None:
        try:
            import onnxruntime as ort
            from tokenizers import Tokenizer
        except ImportError as e:
            raise ModelUnavailable(f"cannot encode without torch: {e.name} is not installed") from None
        try:
            config = json.loads((folder / CONFIG).read_text(encoding="utf-8"))
            tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
            self._session = _session(ort, folder, model_file, threads)
            self._run_options = ort.RunOptions()
            # Each run's working memory goes back to the arena's first block when the run ends:
            # questions and sentences come in many shapes, and an arena that kept the largest
            # of them grew a bot by 100 MB over 1,000 answers (bench/latency.py).
            self._run_options.add_run_config_entry("memory.enable_memory_arena_shrinkage", "cpu:0")
        except Exception as e:  # a missing file, bad JSON, or one of onnxruntime's own errors
            raise ModelUnavailable(f"the ONNX export in {folder} cannot be loaded ({type(e).__name__})") from None
        from .embeddings import query_prefix

        tokenizer.enable_truncation(max_length=int(config["max_seq_length"]))
        tokenizer.no_padding()
        self._tokenizer = tokenizer
        self._pad = int(config["pad_id"])
        self._inputs = list(config["inputs"])
        self.folder = folder
        self.name = str(config["model"])
        self.fingerprint = str(config["fingerprint"])
        self.dim = int(config["dim"])
        self.batch_size = batch_size
        self._prefix = query_prefix(self.name)
        self._lock = threading.Lock()  # tokenizers' Tokenizer is not documented as thread-safe

    def encode(self, texts: Sequence[str], *, query: bool = False) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        if query and self._prefix:
            texts = [self._prefix + t for t in texts]
        with self._lock:
            encodings = self._tokenizer.encode_batch(list(texts))
        order = np.argsort([len(e.ids) for e in encodings], kind="stable")
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for start in range(0, len(order), self.batch_size):
            rows = order[start:start + self.batch_size]
            out[rows] = self._run([encodings[i] for i in rows])
        _return_free_memory()
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms > 0, norms, 1.0)

    def _run(self, encodings: list) -> np.ndarray:  # noqa: ANN001 - tokenizers.Encoding
        width = max(len(e.ids) for e in encodings)
        ids = np.full((len(encodings), width), self._pad, dtype=np.int64)
        mask = np.zeros_like(ids)
        types = np.zeros_like(ids)
        for i, e in enumerate(encodings):
            n = len(e.ids)
            ids[i, :n] = e.ids
            mask[i, :n] = 1
            types[i, :n] = e.type_ids
        feed = {"input_ids": ids, "attention_mask": mask, "token_type_ids": types}
        run = self._session.run(None, {n: feed[n] for n in self._inputs}, self._run_options)
        return np.asarray(run[0], dtype=np.float32)


def _malloc_trim():  # noqa: ANN202 - a ctypes function, or None
    try:
        return ctypes.CDLL(None).malloc_trim  # glibc's; absent on macOS and musl
    except (OSError, AttributeError):
        return None


_MALLOC_TRIM = _malloc_trim()


def _return_free_memory() -> None:
    """Hand the C heap's free pages back to the system after the model ran.

    What the arena gives back lands in glibc's heap, which keeps it in pieces
    too small to return on its own: a bot answering for days would hold the
    peak of every burst. Trimming costs about 4% of encoding time here and
    halved a bot's memory after 300 concurrent encodings (bench/latency.py).
    """
    if _MALLOC_TRIM is not None:
        _MALLOC_TRIM(0)


OPTIMISED = "model.opt.onnx"


def _session(ort, folder: Path, model_file: str, threads: int):  # noqa: ANN001, ANN202 - onnxruntime's types
    """An inference session for `model_file`, from its graph-optimised copy when there is one.

    Optimising the graph takes about half of a session's start (0.2 s here), so
    the first load writes the optimised graph beside the model and later loads
    (every cold `citebot ask`) skip that work. An optimised copy that does not
    load (another onnxruntime) is made again.
    """
    def options(level, save: Path | None = None):  # noqa: ANN001, ANN202
        o = ort.SessionOptions()
        o.intra_op_num_threads = threads
        o.log_severity_level = 3
        o.graph_optimization_level = level
        if save is not None:
            o.optimized_model_filepath = str(save)
        return o

    providers = ["CPUExecutionProvider"]
    optimised = folder / (OPTIMISED if model_file == "model.onnx" else model_file + ".opt")
    if optimised.exists():
        try:
            return ort.InferenceSession(str(optimised), options(ort.GraphOptimizationLevel.ORT_DISABLE_ALL),
                                        providers=providers)
        except Exception:  # noqa: BLE001 - written by another onnxruntime: make it again below
            pass
    tmp = optimised.with_name(optimised.name + f".{os.getpid()}.tmp")
    try:
        session = ort.InferenceSession(str(folder / model_file),
                                       options(ort.GraphOptimizationLevel.ORT_ENABLE_EXTENDED, tmp),
                                       providers=providers)
        os.replace(tmp, optimised)
        return session
    except OSError:  # a read-only index folder: optimise in memory each time
        tmp.unlink(missing_ok=True)
        return ort.InferenceSession(str(folder / model_file),
                                    options(ort.GraphOptimizationLevel.ORT_ENABLE_EXTENDED), providers=providers)


def quantize_int8(folder: Path) -> str:
    """Write a dynamically quantised (int8 weights) copy of the export; return its file name."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    name = "model.int8.onnx"
    quantize_dynamic(str(folder / "model.onnx"), str(folder / name), weight_type=QuantType.QInt8)
    return name
