"""Sentence embeddings: finding, loading and running the model.

`resolve_model` finds out quickly whether a model can be had: a local folder,
the local Hugging Face cache, or (only when neither has it) a download that
must answer within `timeout` seconds. Offline, it fails in about a second
instead of the stock loader's minute of retries; the caller then carries on
lexical-only. sentence-transformers (and torch) are imported only here, and
only when a model is actually loaded.
"""

from __future__ import annotations

import logging
import os
import threading
import urllib.error
import urllib.request
from pathlib import Path
from typing import Protocol, Sequence

import numpy as np

from .errors import ModelUnavailable

log = logging.getLogger(__name__)

# Files whose presence in a folder or cache snapshot means the model is there.
_MARKERS = ("modules.json", "config.json")

# Instruction prefixes some model families expect on queries (not passages).
_QUERY_PREFIXES = {
    "bge-": "Represent this sentence for searching relevant passages: ",
}


class Encoder(Protocol):
    """Turns texts into unit vectors. Tests use fakes with this interface."""

    name: str
    dim: int

    def encode(self, texts: Sequence[str], *, query: bool = False) -> np.ndarray:
        """float32 array of shape (len(texts), dim), rows L2-normalised."""
        ...


def _hub_endpoint() -> str:
    return os.environ.get("HF_ENDPOINT", "https://huggingface.co").rstrip("/")


def _offline() -> bool:
    return any(os.environ.get(v, "").strip().lower() in ("1", "true", "yes", "on")
               for v in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE"))


def cached_model_dir(name: str) -> Path | None:
    """The local folder holding `name`: itself when it is a folder, else its cache snapshot."""
    path = Path(name).expanduser()
    if path.is_dir():
        if any((path / m).exists() for m in _MARKERS):
            return path
        raise ModelUnavailable(f"model folder {path} holds no model (no modules.json or config.json)")
    if name.count("/") > 1 or name.startswith((".", "/", "~")):
        raise ModelUnavailable(f"model folder {name} does not exist")
    try:
        from huggingface_hub import try_to_load_from_cache
    except ImportError:  # pragma: no cover - comes with sentence-transformers
        return None
    for marker in _MARKERS:
        hit = try_to_load_from_cache(name, marker)
        if isinstance(hit, str):
            return Path(hit).parent
    return None


def resolve_model(name: str, timeout: float = 2.0) -> Path:
    """A local folder holding model `name`, downloading it only if it is absent.

    Args:
        name: Hub name ("BAAI/bge-small-en-v1.5") or a local folder.
        timeout: Seconds the hub has to answer before we give up.

    Returns:
        The folder to load from.

    Raises:
        ModelUnavailable: Not local, and the hub is off-limits or unreachable.
    """
    local = cached_model_dir(name)
    if local is not None:
        return local
    if _offline():
        raise ModelUnavailable(f"model {name} is not in the local cache and HF_HUB_OFFLINE is set")
    url = f"{_hub_endpoint()}/api/models/{name}"
    try:
        with urllib.request.urlopen(urllib.request.Request(url, method="HEAD"), timeout=timeout):
            pass
    except urllib.error.HTTPError as e:
        raise ModelUnavailable(f"model {name} is not on the hub ({e.code})") from None
    except (urllib.error.URLError, OSError, ValueError) as e:
        reason = getattr(e, "reason", e)
        raise ModelUnavailable(f"model {name} is not cached and the hub is unreachable ({reason})") from None
    return download_model(name, timeout=max(timeout, 10.0))


def download_model(name: str, timeout: float = 30.0) -> Path:
    """Fetch `name` from the hub into the local cache (for `citebot model download`).

    Raises:
        ModelUnavailable: The download failed.
    """
    os.environ.setdefault("HF_HUB_ETAG_TIMEOUT", str(int(timeout)))
    os.environ.setdefault("HF_HUB_DOWNLOAD_TIMEOUT", str(int(timeout)))
    try:
        from huggingface_hub import snapshot_download

        return Path(snapshot_download(name, allow_patterns=None))
    except Exception as e:  # the hub client raises many kinds
        raise ModelUnavailable(f"could not download model {name}: {type(e).__name__}: {e}".splitlines()[0]) from None


class SentenceTransformerEncoder:
    """A sentence-transformers model, loaded on first use and then kept."""

    def __init__(self, name: str, folder: Path, batch_size: int = 32) -> None:
        self.name = name
        self.folder = folder
        self.batch_size = batch_size
        self._model = None
        self._lock = threading.Lock()
        self._prefix = next((p for key, p in _QUERY_PREFIXES.items() if key in name.lower()), "")
        model = self._load()
        get_dim = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
        self.dim = int(get_dim())

    def _load(self):  # noqa: ANN202 - SentenceTransformer, imported lazily
        with self._lock:
            if self._model is None:
                os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
                from sentence_transformers import SentenceTransformer

                try:
                    self._model = SentenceTransformer(str(self.folder), device="cpu", local_files_only=True)
                except Exception as e:
                    raise ModelUnavailable(f"model {self.name} could not be loaded: {type(e).__name__}: {e}") from None
            return self._model

    def encode(self, texts: Sequence[str], *, query: bool = False) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        if query and self._prefix:
            texts = [self._prefix + t for t in texts]
        vectors = self._load().encode(
            list(texts), batch_size=self.batch_size, normalize_embeddings=True, convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)


def load_encoder(name: str, *, timeout: float = 2.0, batch_size: int = 32) -> SentenceTransformerEncoder:
    """Find and load the embedding model `name`.

    Raises:
        ModelUnavailable: It cannot be had; the message says why in one line.
    """
    return SentenceTransformerEncoder(name, resolve_model(name, timeout), batch_size)


class CrossEncoderReranker:
    """A sentence-transformers CrossEncoder scoring (question, passage) pairs."""

    def __init__(self, name: str, folder: Path) -> None:
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        from sentence_transformers import CrossEncoder

        self.name = name
        try:
            self._model = CrossEncoder(str(folder), device="cpu", local_files_only=True)
        except Exception as e:
            raise ModelUnavailable(f"reranker {name} could not be loaded: {type(e).__name__}: {e}") from None

    def scores(self, question: str, texts: Sequence[str]) -> list[float]:
        if not texts:
            return []
        return [float(s) for s in self._model.predict([(question, t) for t in texts], show_progress_bar=False)]


def load_reranker(name: str, *, timeout: float = 2.0) -> CrossEncoderReranker:
    """Find and load the cross-encoder `name`.

    Raises:
        ModelUnavailable: It cannot be had.
    """
    return CrossEncoderReranker(name, resolve_model(name, timeout))
