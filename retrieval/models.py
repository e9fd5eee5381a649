"""The models an Engine uses, each found and loaded once: the index encoder
(sentence-transformers, for builds), the query encoder (the model's ONNX
export, so answering never imports torch) and the optional cross-encoder.

A model that cannot be had is said once, as a note worded for what the
caller is doing ("answering lexical-only", "indexing lexical-only"), and
the engine carries on without it.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Sequence

from .errors import ModelUnavailable
from .model_files import ModelSource, fingerprint, resolve_model, weights_file

if TYPE_CHECKING:
    import numpy as np

    from .embeddings import Encoder, SentenceTransformerEncoder
    from .generation import Generation
    from .ranker import Reranker
    from .settings import Settings

log = logging.getLogger("citebot")

AUTO: Any = object()  # "find the model from settings and the index"


class IndexEncoder:
    """The model an index build embeds with: found now (cheap), loaded with
    sentence-transformers only when there is something to embed.

    Attributes:
        name: The model's name as configured.
        source: Where its files are.
    """

    def __init__(self, source: ModelSource, settings: "Settings") -> None:
        self.name = source.name
        self.source = source
        self._settings = settings
        self._model: "SentenceTransformerEncoder | None" = None
        self._lock = threading.Lock()

    @property
    def stamp(self) -> str:
        """Changes whenever the weights file does (a cheap stand-in for `fingerprint`)."""
        weights = weights_file(self.source.folder)
        if weights is None:
            return str(self.source.folder)
        st = weights.stat()
        return f"{weights}:{st.st_size}:{st.st_mtime_ns}"

    @cached_property
    def fingerprint(self) -> str:
        """The hash of the weights and configuration (packaged weights are verified here)."""
        return fingerprint(self.source)

    @property
    def model(self) -> "SentenceTransformerEncoder":
        """The loaded model (loaded on first use).

        Raises:
            ModelDamaged: A packaged model's weights do not match their hash.
            ModelUnavailable: It cannot be loaded.
        """
        with self._lock:
            if self._model is None:
                self.fingerprint  # noqa: B018 - verify the weights before their first use
                from .embeddings import load_encoder

                self._model = load_encoder(self.source, batch_size=self._settings.batch_size,
                                           device=self._settings.device)
            return self._model

    @property
    def dim(self) -> int:
        return self.model.dim

    def encode(self, texts: Sequence[str], *, query: bool = False) -> "np.ndarray":
        return self.model.encode(texts, query=query)


class CachedEncoder:
    """An encoder that remembers the vectors of the texts it encoded last.

    A bot is asked the same questions, about the same passages, again and
    again: each text is encoded once while it stays among the `size` most
    recent. Thread-safe; the encoding itself runs outside the lock.
    """

    def __init__(self, encoder: "Encoder", size: int = 8192) -> None:
        self.inner = encoder
        self.name = encoder.name
        self.dim = encoder.dim
        self.size = size
        self._cache: OrderedDict[tuple[bool, str], "np.ndarray"] = OrderedDict()
        self._lock = threading.Lock()

    def clear(self) -> None:
        """Forget every remembered vector."""
        with self._lock:
            self._cache.clear()

    def encode(self, texts: Sequence[str], *, query: bool = False) -> "np.ndarray":
        import numpy as np

        with self._lock:
            known = {t: self._cache.get((query, t)) for t in texts}
            for t in texts:
                if known[t] is not None:
                    self._cache.move_to_end((query, t))
        missing = list(dict.fromkeys(t for t in texts if known[t] is None))
        if missing:
            fresh = self.inner.encode(missing, query=query)
            with self._lock:
                for t, v in zip(missing, fresh):
                    known[t] = v
                    self._cache[(query, t)] = v
                while len(self._cache) > self.size:
                    self._cache.popitem(last=False)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.vstack([known[t] for t in texts]).astype(np.float32, copy=False)


class Models:
    """Finds and keeps the models of one Engine.

    Args:
        settings: Model names, timeouts, device.
        encoder: An encoder to use for everything (tests); AUTO finds the
            configured one; None means lexical-only.
        reranker: A cross-encoder; AUTO loads settings.rerank_model when
            settings.rerank is on.
        note: Says something to the user once (the engine's note).
    """

    def __init__(self, settings: "Settings", *, encoder: "Encoder | None" = AUTO,
                 reranker: "Reranker | None" = AUTO, note: Callable[[str], None]) -> None:
        self.settings = settings
        self._supplied = encoder
        self._reranker = reranker
        self._note = note
        self._lock = threading.Lock()
        self._index: dict[str, IndexEncoder | None] = {}
        self._onnx: dict[Path, "Encoder"] = {}

    def _resolve(self, name: str) -> ModelSource:
        return resolve_model(name, timeout=self.settings.model_timeout, offline=self.settings.offline,
                             endpoint=self.settings.hub_endpoint)

    def index_encoder(self, name: str, *, fallback: str = "answering lexical-only (BM25)") -> "Encoder | None":
        """The encoder an index build with model `name` uses; None (said once) when it cannot be had.

        Args:
            name: The model's name.
            fallback: What the caller does without it, ending the note ("indexing lexical-only ...").
        """
        if self._supplied is not AUTO:
            return self._supplied
        if name.strip().lower() in ("", "none"):
            return None
        with self._lock:
            if name not in self._index:
                try:
                    self._index[name] = IndexEncoder(self._resolve(name), self.settings)
                except ModelUnavailable as e:
                    self._note(f"{e}; {fallback}")
                    self._index[name] = None
            return self._index[name]

    def query_encoder(self, gen: "Generation") -> "Encoder | None":
        """The encoder for questions against `gen`: its ONNX export when it has
        one, else the model itself; None when `gen` has no vectors or the model
        cannot be had (said once)."""
        if gen.vectors is None:
            return None
        if self._supplied is not AUTO:
            if self._supplied is not None and self._supplied.name != gen.model:
                log.info("using the supplied encoder %s for an index built with %s", self._supplied.name, gen.model)
            return self._supplied
        folder = gen.onnx_folder
        if self.settings.onnx_queries and folder is not None:
            with self._lock:
                if folder not in self._onnx:
                    from .onnx_encoder import OnnxEncoder

                    try:
                        self._onnx[folder] = CachedEncoder(OnnxEncoder(folder, batch_size=self.settings.batch_size))
                    except ModelUnavailable as e:
                        self._note(f"{e}; encoding questions with sentence-transformers")
                        self._onnx[folder] = None  # type: ignore[assignment]
                encoder = self._onnx[folder]
            if encoder is not None:
                return encoder
        index = self.index_encoder(gen.model)
        if index is None:
            return None
        try:
            index.model  # noqa: B018 - load now, so a failure is said here
        except ModelUnavailable as e:
            self._note(f"{e}; answering lexical-only (BM25)")
            with self._lock:
                self._index[gen.model] = None
            return None
        return index

    def describe_queries(self, gen: "Generation") -> str:
        """How questions against `gen` are (or would be) encoded, for `citebot status` ("" without vectors)."""
        if gen.vectors is None:
            return ""
        if self._supplied is not AUTO:
            return f"supplied encoder {getattr(self._supplied, 'name', '')}"
        if self.settings.onnx_queries and gen.onnx_folder is not None:
            return f"ONNX Runtime, {gen.onnx_folder}"
        return "sentence-transformers (no ONNX export; `citebot index` makes one)"

    def reranker(self) -> "Reranker | None":
        """The cross-encoder, loaded once when settings.rerank is on; None otherwise or when unavailable."""
        with self._lock:
            if self._reranker is AUTO:
                self._reranker = None
                if self.settings.rerank:
                    from .embeddings import CrossEncoderReranker

                    try:
                        self._reranker = CrossEncoderReranker(self._resolve(self.settings.rerank_model))
                    except ModelUnavailable as e:
                        self._note(f"{e}; answering without re-ranking")
            return self._reranker
