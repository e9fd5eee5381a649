"""Sentence embeddings with sentence-transformers: the encoder index builds use.

sentence-transformers (and torch) are imported only here, and only when a
model is actually loaded; queries are encoded with the model's ONNX export
instead (onnx_encoder.py), so no answer path imports torch. The libraries'
loading chatter (progress bars, warnings) is silenced: the user sees at most
citebot's own one-line note.
"""

from __future__ import annotations

import logging
import threading
import warnings
from typing import Protocol, Sequence

import numpy as np

from .errors import ModelUnavailable
from .model_files import ModelSource

log = logging.getLogger(__name__)

# Instruction prefixes some model families expect on queries (not passages).
_QUERY_PREFIXES = {
    "bge-": "Represent this sentence for searching relevant passages: ",
}


def query_prefix(name: str) -> str:
    """The instruction a model family wants before queries ("" for most)."""
    return next((p for key, p in _QUERY_PREFIXES.items() if key in name.lower()), "")


class Encoder(Protocol):
    """Turns texts into unit vectors. Tests use fakes with this interface."""

    name: str
    dim: int

    def encode(self, texts: Sequence[str], *, query: bool = False) -> np.ndarray:
        """float32 array of shape (len(texts), dim), rows L2-normalised."""
        ...


def quiet_model_libraries() -> None:
    """Silence transformers' and the hub client's progress bars and warnings."""
    warnings.filterwarnings("ignore", module=r"(transformers|sentence_transformers|torch)\b.*")
    try:
        import transformers

        transformers.utils.logging.set_verbosity_error()
        transformers.utils.logging.disable_progress_bar()
    except (ImportError, AttributeError):
        pass
    try:
        from huggingface_hub.utils import disable_progress_bars

        disable_progress_bars()
    except ImportError:
        pass


def pick_device(device: str) -> str:
    """"cuda" when asked for ("auto") and torch sees a CUDA GPU, else what was asked ("cpu")."""
    if device != "auto":
        return device
    import torch

    return "cuda" if torch.cuda.is_available() else "cpu"


class SentenceTransformerEncoder:
    """A sentence-transformers model, loaded once.

    Args:
        source: Where the model's files are.
        batch_size: Encoding batch size.
        device: "auto" (a CUDA GPU when there is one), "cpu" or "cuda".
    """

    def __init__(self, source: ModelSource, batch_size: int = 32, device: str = "auto") -> None:
        self.name = source.name
        self.source = source
        self.batch_size = batch_size
        self._lock = threading.Lock()
        self._prefix = query_prefix(source.name)
        quiet_model_libraries()
        from sentence_transformers import SentenceTransformer

        try:
            self.device = pick_device(device)
            self.model = SentenceTransformer(str(source.folder), device=self.device, local_files_only=True)
        except Exception as e:
            raise ModelUnavailable(f"model {self.name} could not be loaded: {type(e).__name__}: {e}"
                                   .splitlines()[0]) from None
        get_dim = getattr(self.model, "get_embedding_dimension", None) or \
            self.model.get_sentence_embedding_dimension
        self.dim = int(get_dim())

    def encode(self, texts: Sequence[str], *, query: bool = False) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        if query and self._prefix:
            texts = [self._prefix + t for t in texts]
        with self._lock:  # one model, one batch at a time (torch uses every core already)
            vectors = self.model.encode(list(texts), batch_size=self.batch_size, normalize_embeddings=True,
                                        convert_to_numpy=True, show_progress_bar=False)
        return np.asarray(vectors, dtype=np.float32)


def load_encoder(source: ModelSource, *, batch_size: int = 32, device: str = "auto") -> SentenceTransformerEncoder:
    """Load the embedding model found at `source`.

    Raises:
        ModelUnavailable: It cannot be loaded; the message says why in one line.
    """
    return SentenceTransformerEncoder(source, batch_size, device)


class CrossEncoderReranker:
    """A sentence-transformers CrossEncoder scoring (question, passage) pairs."""

    def __init__(self, source: ModelSource) -> None:
        quiet_model_libraries()
        from sentence_transformers import CrossEncoder

        self.name = source.name
        try:
            self._model = CrossEncoder(str(source.folder), device="cpu", local_files_only=True)
        except Exception as e:
            raise ModelUnavailable(f"reranker {source.name} could not be loaded: {type(e).__name__}: {e}"
                                   .splitlines()[0]) from None

    def scores(self, question: str, texts: Sequence[str]) -> list[float]:
        if not texts:
            return []
        return [float(s) for s in self._model.predict([(question, t) for t in texts], show_progress_bar=False)]
