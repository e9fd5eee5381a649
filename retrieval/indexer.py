"""Building and updating the index, incrementally and atomically.

Documents are identified by id (their path) and content hash: only new or
changed ones are split and embedded, deleted ones are removed. The switch to
the new generation is one SQLite transaction that also names the new vectors
file, written beforehand under a new name; a build killed at any point leaves
the previous generation whole and in use. One writer at a time (a file lock).
"""

from __future__ import annotations

import datetime as dt
import errno
import fcntl
import logging
import os
import shutil
import sqlite3
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator

from .analysis import analyse_many
from .errors import CitebotError, EmptyCorpus, IndexBusy, IndexDamaged, IndexWriteError, LoadError, ModelUnavailable
from .loaders import FileStamp, LoadResult, load_corpus
from .models import IndexEncoder
from .neighbours import embed_words, vocabulary
from .passages import split_document
from .schema import Document, Passage
from .settings import Settings
from .store import Store

if TYPE_CHECKING:
    from .dense import Delta
    from .embeddings import Encoder

log = logging.getLogger(__name__)

# Bump when analysis or splitting changes in a way that needs a re-split.
PIPELINE_VERSION = "3"

Progress = Callable[[str, int, int], None]


@dataclass
class IndexReport:
    """What an index run did."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    documents: int = 0
    passages: int = 0
    embedded: int = 0
    model: str = "none"
    generation: int = 0
    problems: list[LoadError] = field(default_factory=list)
    seconds: float = 0.0
    full: bool = False

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)


def corpus_signature(settings: Settings) -> str:
    """The corpus folders an index was built from, as recorded in it (absolute, os.pathsep between)."""
    return os.pathsep.join(str(p.resolve()) for p in settings.corpus)


def pipeline_signature(settings: Settings) -> str:
    return f"pipeline={PIPELINE_VERSION};max_passage_chars={settings.max_passage_chars}"


@contextmanager
def writer_lock(index_dir: Path, wait: float = 0.0) -> Iterator[None]:
    """Hold the index's writer lock; raise IndexBusy if another writer keeps it past `wait` seconds."""
    path = index_dir / "write.lock"
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as e:
        raise IndexWriteError(f"cannot write the index at {index_dir}: {e.strerror}") from None
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as e:
                if e.errno not in (errno.EAGAIN, errno.EACCES):
                    raise
                if time.monotonic() >= deadline:
                    holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "?"
                    raise IndexBusy(
                        f"another citebot index is writing {index_dir} (pid {holder}); try again when it has finished"
                    ) from None
                time.sleep(0.2)
        try:
            os.ftruncate(fd, 0)
            os.pwrite(fd, str(os.getpid()).encode(), 0)
        except OSError:
            pass
        yield
    finally:
        os.close(fd)


def _write_error(index_dir: Path, e: BaseException) -> IndexWriteError:
    reason = getattr(e, "strerror", None) or str(e)
    return IndexWriteError(f"cannot write the index at {index_dir} ({reason}); the previous index is unchanged")


def open_for_writing(settings: Settings, full: bool) -> Store:
    """The store to update; with `full`, a damaged one is discarded and recreated."""
    path = settings.db_path
    try:
        store = Store.create(path)
        store.check()
        return store
    except (sqlite3.DatabaseError, IndexDamaged, CitebotError) as e:
        if isinstance(e, sqlite3.OperationalError) and _is_write_failure(e):
            raise _write_error(settings.index_dir, e) from None
        if not full:
            raise IndexDamaged(settings.index_dir, str(e).split("; rebuild")[0]) from None
        log.warning("discarding the damaged index at %s and rebuilding it", settings.index_dir)
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        return Store.create(path)


def _is_write_failure(e: BaseException) -> bool:
    text = str(e).lower()
    return isinstance(e, OSError) or any(
        s in text for s in ("disk is full", "readonly", "read-only", "unable to open", "disk i/o", "permission")
    )


def update_index(
    settings: Settings,
    encoder: "Encoder | None",
    *,
    full: bool = False,
    progress: Progress | None = None,
    wait: float = 0.0,
) -> IndexReport:
    """Bring the index at `settings.index_dir` up to date with `settings.corpus`.

    Args:
        settings: Where the corpus and index are; splitting settings.
        encoder: The embedding model, or None for a lexical-only index.
        full: Rebuild everything instead of only what changed.
        progress: Called as progress(stage, done, total) during long work.
        wait: Seconds to wait for another writer before giving up.

    Returns:
        The report.

    Raises:
        EmptyCorpus: No readable document (the index is left as it was).
        IndexBusy: Another process is writing the index.
        IndexWriteError: The index folder cannot be written.
    """
    started = time.monotonic()
    index_dir = settings.index_dir
    try:
        index_dir.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise _write_error(index_dir, e) from None
    with writer_lock(index_dir, wait):
        try:
            store = open_for_writing(settings, full)
        except sqlite3.OperationalError as e:
            raise _write_error(index_dir, e) from None
        try:
            return _update(store, settings, encoder, full, progress, started)
        except (OSError, sqlite3.OperationalError) as e:
            if _is_write_failure(e):
                raise _write_error(index_dir, e) from None
            raise
        finally:
            store.close()


def _load(settings: Settings, known: dict[str, FileStamp]) -> LoadResult:
    """The corpus, re-reading only files changed since they were indexed.

    Raises:
        EmptyCorpus: A corpus path is missing, or no readable document is there.
    """
    try:
        loaded = load_corpus(settings.corpus, known)
    except LoadError as e:
        raise EmptyCorpus(f"cannot read the corpus: {e}") from None
    if not loaded.documents and not loaded.reused:
        where = ", ".join(str(p) for p in settings.corpus)
        raise EmptyCorpus(f"no readable documents in {where}; the index is unchanged")
    return loaded


def _update(
    store: Store,
    settings: Settings,
    encoder: "Encoder | None",
    full: bool,
    progress: Progress | None,
    started: float,
) -> IndexReport:
    meta = store.all_meta()
    model = encoder.name if encoder is not None else "none"
    if meta.get("pipeline") != pipeline_signature(settings) or meta.get("model", "none") != model \
            or _weights_changed(encoder, meta):
        if meta.get("generation"):
            log.info("index settings or model changed; rebuilding everything")
        full = True
    on_disk = _vectors_on_disk(settings.index_dir, meta) if encoder is not None and not full else None
    if encoder is not None and on_disk is None and not full and meta.get("generation"):
        full = True  # vectors missing or unreadable: re-embed all
    known = {} if full else store.file_stamps()
    loaded = _load(settings, known)
    report = IndexReport(model=model, problems=loaded.problems, full=full)

    stored = {} if full else store.document_hashes()
    current = loaded.doc_ids
    todo: list[Document] = []
    for doc in loaded.documents:
        if doc.doc_id not in stored:
            report.added.append(doc.doc_id)
            todo.append(doc)
        elif stored[doc.doc_id][0] != doc.content_hash:
            report.updated.append(doc.doc_id)
            todo.append(doc)
        else:
            report.unchanged += 1
    report.unchanged += sum(len(st.doc_ids) for st in loaded.reused.values())
    stamps = dict(loaded.stamps)
    failed_paths = {p.path for p in loaded.problems}
    for doc_id, (_, path) in stored.items():
        if doc_id in current:
            continue
        if path in failed_paths and Path(path).exists():
            report.unchanged += 1  # unreadable now: keep what was indexed
            current.add(doc_id)
            if path in known:
                stamps[path] = known[path]
            continue
        report.removed.append(doc_id)

    generation = int(meta.get("generation", "0") or 0)
    if not full and not report.changed and meta.get("generation"):
        onnx = export_for_queries(settings, encoder, meta)
        if stamps != known or onnx != meta.get("onnx", ""):  # touched files; an export made or dropped
            with store.transaction():
                store.set_file_stamps(stamps)
                store.set_meta("onnx", onnx)
        report.generation = generation
        report.documents = len(stored)
        report.passages = store.passage_count()
        report.seconds = time.monotonic() - started
        return report

    # Split and analyse the new and changed documents.
    next_id = 1 if full else store.max_passage_id() + 1
    split: list[tuple[Document, list[Passage]]] = []
    for doc in todo:
        passages = []
        for p in split_document(doc, settings.max_passage_chars):
            passages.append(_with_id(p, next_id))
            next_id += 1
        split.append((doc, passages))
    # Analyse all new passages at once: each distinct word is stemmed once.
    analysed = iter(analyse_many([p.text for _, ps in split for p in ps]))
    new = [(doc, passages, [next(analysed) for _ in passages]) for doc, passages in split]

    # Embed them, then write the next generation's vectors file; embed the words not seen before.
    written = VectorsWritten()
    word_rows: list[tuple[str, str, bytes]] = []
    if encoder is not None:
        written = _write_vectors(store, settings, encoder, new, report, on_disk, full, generation, progress)
        words = vocabulary((p.text for _, ps, _ in new for p in ps), set() if full else store.word_stems())
        word_rows = embed_words(words, encoder) if words else []

    onnx = export_for_queries(settings, encoder, meta)
    generation += 1
    now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    with store.transaction():
        if full:
            store.clear()
        else:
            store.delete_documents(report.updated + report.removed)
        for i, (doc, passages, analysed) in enumerate(new, start=1):
            store.insert_document(doc, passages, analysed)
            if progress:
                progress("writing", i, len(new))
        store.insert_words(word_rows)
        store.set_file_stamps(stamps)
        store.set_meta("generation", generation)
        store.set_meta("vectors", written.base)
        store.set_meta("vectors_delta", written.delta)
        store.set_meta("vectors_base_count", written.base_count)
        store.set_meta("vectors_index", written.describe)
        store.set_meta("vectors_trained_on", written.trained_on)
        store.set_meta("model", model)
        store.set_meta("dim", encoder.dim if encoder is not None else 0)
        store.set_meta("onnx", onnx)
        for key, value in _model_meta(encoder).items():
            store.set_meta(key, value)
        store.set_meta("pipeline", pipeline_signature(settings))
        store.set_meta("corpus", corpus_signature(settings))
        store.set_meta("built_at", now)
        if full:
            store.set_meta("full_built_at", now)
    if full and len(current) > 1000:
        store.optimize()
    _remove_stale_files(settings.index_dir, keep={written.base, written.delta, meta.get("vectors", ""),
                                                  meta.get("vectors_delta", ""), onnx, meta.get("onnx", "")})
    report.generation = generation
    report.documents = store.document_count()
    report.passages = store.passage_count()
    report.seconds = time.monotonic() - started
    return report


def _with_id(p: Passage, pid: int) -> Passage:
    from dataclasses import replace

    return replace(p, passage_id=pid)


@dataclass
class VectorsOnDisk:
    """The vectors files of the index as it stands: a base file and the delta since."""

    base: Path
    base_count: int
    delta: "Delta"
    describe: str  # "flat" or "ivf nlist=... nprobe=..."
    trained_on: int


@dataclass
class VectorsWritten:
    """The vectors files an update wrote, as recorded in the index's metadata."""

    base: str = ""
    delta: str = ""
    base_count: int = 0
    describe: str = "none"
    trained_on: int = 0


def _vectors_on_disk(index_dir: Path, meta: dict[str, str]) -> VectorsOnDisk | None:
    """The current vectors files, or None when they are missing or unreadable (then re-embed all)."""
    name = meta.get("vectors")
    if not name:
        return None
    from .dense import Delta

    base = index_dir / name
    dim = int(meta.get("dim", "0") or 0)
    reading = name
    try:
        if "vectors_base_count" in meta:
            count = int(meta["vectors_base_count"])
            if base.stat().st_size < count * dim * 4:
                raise ValueError(f"shorter than its {count} vectors")
        else:  # written before deltas: count it once
            from .dense import VectorIndex

            count = len(VectorIndex.load(base))
        reading = meta.get("vectors_delta", "")
        delta = Delta.load(index_dir / reading) if reading else Delta.empty(dim)
    except Exception as e:  # a missing or damaged file: re-embed
        log.warning("cannot read %s (%s); re-embedding every passage", reading, getattr(e, "strerror", None) or e)
        return None
    return VectorsOnDisk(base, count, delta, meta.get("vectors_index", "flat"),
                         int(meta.get("vectors_trained_on", "0") or 0))


def _write_vectors(store, settings, encoder, new, report, on_disk, full, generation,  # noqa: ANN001
                   progress) -> VectorsWritten:
    """Embed the new passages and write the next generation's vectors: a delta
    beside the current base file, or a new base file when the delta would grow
    too large, the base is small, or it has outgrown its kind."""
    import numpy as np

    from .dense import DELTA_MIN_BASE, DELTA_SHARE, VectorIndex, outgrows

    passages = [p for _, ps, _ in new for p in ps]
    texts = [f"{p.title}\n{p.text}" for p in passages]
    vectors = np.zeros((len(texts), encoder.dim), dtype=np.float32)
    # Longest first, in chunks: each batch pads little, and the bar's rate only rises.
    order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
    step = max(settings.batch_size * 4, 1)
    for i in range(0, len(order), step):
        rows = order[i:i + step]
        vectors[rows] = encoder.encode([texts[r] for r in rows])
        if progress:
            progress("embedding", min(i + step, len(texts)), len(texts))
    report.embedded = len(passages)
    ids = np.array([p.passage_id for p in passages], dtype=np.int64)
    name = f"vectors-{generation + 1}"
    if full or on_disk is None:
        index = VectorIndex.build(ids, vectors) if len(ids) else VectorIndex.empty(encoder.dim)
    else:
        delta = on_disk.delta.then(store.passage_ids_of(report.updated + report.removed), ids, vectors)
        size = on_disk.base_count + len(delta.ids) - len(delta.removed)
        kind = on_disk.describe.split()[0]
        if on_disk.base_count >= DELTA_MIN_BASE and len(delta) <= DELTA_SHARE * on_disk.base_count \
                and not outgrows(kind, encoder.dim, on_disk.trained_on, size):
            delta.save(settings.index_dir / f"{name}.delta.npz")
            return VectorsWritten(on_disk.base.name, f"{name}.delta.npz", on_disk.base_count, on_disk.describe,
                                  on_disk.trained_on)
        index = VectorIndex.load(on_disk.base)
        index.trained_on = on_disk.trained_on
        index = delta.applied_to(index)
        if index.outgrown():
            log.info("the %s vector index has outgrown its kind at %d vectors; rebuilding it", index.kind, len(index))
            index = VectorIndex.build(*index.contents())
    index.save(settings.index_dir / f"{name}.faiss")
    return VectorsWritten(f"{name}.faiss", "", len(index), index.describe(), index.trained_on)


def _remove_stale_files(index_dir: Path, keep: set[str]) -> None:
    """Delete vectors files and ONNX exports of older generations; the previous
    generation's stay for readers mid-switch."""
    for path in [*index_dir.glob("vectors-*"), *index_dir.glob("onnx-*")]:
        if path.name in keep:
            continue
        try:
            shutil.rmtree(path) if path.is_dir() else path.unlink()
        except OSError:
            pass


def _weights_changed(encoder: "Encoder | None", meta: dict[str, str]) -> bool:
    """True when the model's weights are not those the index was embedded with
    (the same name, other files: a new download, a retrained folder)."""
    if not isinstance(encoder, IndexEncoder) or not meta.get("model_fingerprint"):
        return False
    return meta.get("model_stamp") != encoder.stamp and meta["model_fingerprint"] != encoder.fingerprint


def _model_meta(encoder: "Encoder | None") -> dict[str, str]:
    """What the index records of the model beyond its name: where it came from, its hash."""
    if not isinstance(encoder, IndexEncoder):
        return {"model_from": "", "model_fingerprint": "", "model_stamp": ""}
    return {"model_from": encoder.source.describe(), "model_fingerprint": encoder.fingerprint,
            "model_stamp": encoder.stamp}


def export_for_queries(settings: Settings, encoder: "Encoder | None", meta: dict[str, str]) -> str:
    """The folder name (in the index folder) of the model's ONNX export for
    questions, exporting it when it is missing or stale; "" when there is none.

    An export that cannot be made is said once; questions are then encoded
    with sentence-transformers.
    """
    if not settings.onnx_queries or not isinstance(encoder, IndexEncoder):
        return ""
    from .onnx_encoder import CONFIG, export_folder, export_onnx

    folder = export_folder(settings.index_dir, encoder.fingerprint)
    if (folder / CONFIG).exists() and (folder / "model.onnx").exists():
        return folder.name
    try:
        return export_onnx(encoder.model, folder, encoder.fingerprint).name
    except (ModelUnavailable, ImportError) as e:
        log.warning("questions will be encoded with sentence-transformers: %s", e)
        return ""
