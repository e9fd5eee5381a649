"""Adding new releases to the corpus folder: files, folders of files, uploads and web pages.

A release is added once. The same content already in the folder (any name),
or a page from a URL already recorded there, is reported as already in the
corpus and nothing changes; a page at a recorded URL whose content has
changed replaces its earlier version in place. Files are copied unchanged
under safe generated names; a web page's article is saved as Markdown with
front matter; a PDF is saved as it is. Metadata given by the user (title,
date, organisation, URL) and the URL a PDF came from are kept in a
`NAME.meta.yaml` file beside the release, which wins over what the release
says. Nothing is indexed here: the caller runs the incremental index.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import yaml

from .errors import CitebotError, FetchError, LoadError
from .loaders import (JSONL_SUFFIXES, SUPPORTED, corpus_files, decode_text, extract_article, load_file,
                      read_sidecar, sidecar_of, split_front_matter, suffix_of)
from .schema import Document
from .webfetch import FETCH_TIMEOUT, MAX_DOWNLOAD_BYTES, fetch

__all__ = ["Added", "Given", "add_items", "add_file", "add_url", "save_upload", "fetch", "is_url", "slug",
           "unique_path", "MAX_DOWNLOAD_BYTES", "FETCH_TIMEOUT"]


@dataclass(frozen=True)
class Given:
    """Metadata the user gives for the releases being added; it wins over what they say."""

    title: str | None = None
    date: dt.date | None = None
    source: str | None = None
    url: str | None = None

    def fields(self) -> dict[str, Any]:
        """The given fields, as metadata-file keys."""
        return {k: v for k, v in (("title", self.title), ("date", self.date), ("source", self.source),
                                  ("url", self.url)) if v}


@dataclass(frozen=True)
class Added:
    """What became of one release offered to the corpus.

    Attributes:
        path: The corpus file holding it (for "skipped": the file offered).
        origin: What was offered: a path or a URL.
        status: "added" (a new file), "replaced" (a page at a recorded URL has
            changed), "updated" (new metadata for a release already there),
            "already" (nothing changed) or "skipped" (in a folder, not a
            release file).
        document: The release as it will be indexed (None for "skipped").
        note: Why it was skipped.
    """

    path: Path
    origin: str
    status: str = "added"
    document: Document | None = None
    note: str = ""

    @property
    def changed(self) -> bool:
        return self.status in ("added", "replaced", "updated")


def is_url(item: str) -> bool:
    return bool(re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", item))


def slug(text: str, max_len: int = 60) -> str:
    """A safe file-name stem: ASCII letters, digits and hyphens only."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return text[:max_len].rstrip("-") or "release"


def unique_path(folder: Path, stem: str, suffix: str) -> Path:
    """folder/stem+suffix, or with -2, -3 ... when taken."""
    candidate = folder / f"{stem}{suffix}"
    n = 2
    while candidate.exists() or sidecar_of(candidate).exists():
        candidate = folder / f"{stem}-{n}{suffix}"
        n += 1
    return candidate


# -- what the corpus folder already holds ----------------------------------------------------------


def _without_fragment(url: str) -> str:
    return urllib.parse.urldefrag(url.strip())[0]


@dataclass
class Catalogue:
    """The release files of a corpus folder, looked up by content and by URL (read when first needed)."""

    folder: Path
    _by_size: dict[int, list[Path]] | None = None
    _by_url: dict[str, Path] | None = None
    _hashes: dict[Path, str] = field(default_factory=dict)

    def _files(self) -> list[Path]:
        if not self.folder.is_dir():
            return []
        return [p for p, _ in corpus_files([self.folder])]

    def same_content(self, data: bytes, *, besides: Path | None = None) -> Path | None:
        """A release file holding exactly `data`, if any (other than `besides`)."""
        if self._by_size is None:
            self._by_size = {}
            for p in self._files():
                try:
                    self._by_size.setdefault(p.stat().st_size, []).append(p)
                except OSError:
                    continue
        digest = hashlib.sha256(data).hexdigest()
        for p in self._by_size.get(len(data), []):
            if p == besides:
                continue
            if p not in self._hashes:
                try:
                    self._hashes[p] = hashlib.sha256(p.read_bytes()).hexdigest()
                except OSError:
                    continue
            if self._hashes[p] == digest:
                return p
        return None

    def same_url(self, url: str) -> Path | None:
        """The release file recorded as coming from `url` (front matter or metadata file), if any."""
        if self._by_url is None:
            self._by_url = {}
            for p in self._files():
                recorded = _recorded_url(p)
                if recorded:
                    self._by_url.setdefault(_without_fragment(recorded), p)
        return self._by_url.get(_without_fragment(url))

    def note(self, path: Path, data: bytes, url: str | None) -> None:
        """Remember a file just written."""
        if self._by_size is not None:
            for paths in self._by_size.values():
                if path in paths:
                    paths.remove(path)
            self._by_size.setdefault(len(data), []).append(path)
        self._hashes[path] = hashlib.sha256(data).hexdigest()
        if url and self._by_url is not None:
            self._by_url[_without_fragment(url)] = path

    def forget(self, path: Path) -> None:
        """Forget a file just removed."""
        if self._by_size is not None:
            for paths in self._by_size.values():
                if path in paths:
                    paths.remove(path)
        if self._by_url is not None:
            for url in [u for u, p in self._by_url.items() if p == path]:
                del self._by_url[url]
        self._hashes.pop(path, None)


def _recorded_url(path: Path) -> str | None:
    try:
        side = read_sidecar(path)
    except LoadError:
        side = None
    if side and isinstance(side[0].get("url"), str):
        return side[0]["url"]
    if suffix_of(path) in (".md", ".markdown", ".txt"):
        try:
            with path.open("rb") as f:
                head = f.read(16384)
            meta, _ = split_front_matter(decode_text(head, path), path)
        except (OSError, LoadError):
            return None
        url = meta.get("url")
        return url if isinstance(url, str) else None
    return None


# -- placing a release in the folder -----------------------------------------------------------------


def _write_sidecar(path: Path, meta: dict[str, Any]) -> None:
    side = sidecar_of(path)
    if meta:
        side.write_text(yaml.safe_dump(meta, allow_unicode=True, sort_keys=False), encoding="utf-8")
    else:
        side.unlink(missing_ok=True)


def _merged_sidecar(path: Path | None, extra: dict[str, Any]) -> dict[str, Any]:
    """The metadata file of `path` (if any) with `extra` written over it."""
    meta: dict[str, Any] = {}
    if path is not None:
        side = read_sidecar(path)
        if side:
            meta.update(side[0])
    meta.update(extra)
    return meta


def _place(data: bytes, suffix: str, folder: Path, *, stem: str | None, meta: dict[str, Any],
           at: Path | None, origin: str) -> tuple[Path, Document]:
    """Write a release (and its metadata file) into `folder`, after checking it loads.

    Args:
        data: The file's bytes.
        suffix: Its type.
        folder: The corpus folder.
        stem: File-name stem; None: from the release's date and title.
        meta: The metadata file's fields (none: no metadata file).
        at: Overwrite this file instead of making a new one.
        origin: Named in errors.

    Raises:
        LoadError: It does not load; nothing is left behind.
    """
    folder.mkdir(parents=True, exist_ok=True)
    tmp = unique_path(folder, ".adding-" + slug(stem or "release", 40), suffix)
    tmp.write_bytes(data)
    try:
        _write_sidecar(tmp, meta)
        doc = load_file(tmp, folder)[0]
    except LoadError as e:
        tmp.unlink(missing_ok=True)
        sidecar_of(tmp).unlink(missing_ok=True)
        raise LoadError(origin, e.reason) from None
    if at is None:
        named = f"{doc.date.isoformat()}-{slug(doc.title)}" if doc.date else slug(doc.title)
        if stem and (not doc.date or stem.startswith(doc.date.isoformat())):
            named = stem
        at = unique_path(folder, named, suffix)
    if meta:
        sidecar_of(tmp).replace(sidecar_of(at))
    else:
        sidecar_of(at).unlink(missing_ok=True)
    tmp.replace(at)
    return at, load_file(at, folder)[0]


def _loaded(path: Path, folder: Path) -> Document | None:
    try:
        return load_file(path, folder)[0]
    except LoadError:
        return None


def _already(existing: Path, origin: str, folder: Path, given: Given) -> Added:
    """`existing` holds the release offered: record the given metadata, if new, else change nothing."""
    fields = given.fields()
    try:
        before = read_sidecar(existing)
    except LoadError:
        before = None
    merged = {**(before[0] if before else {}), **fields}
    if fields and merged != (before[0] if before else {}):
        _write_sidecar(existing, merged)
        return Added(existing, origin, "updated", _loaded(existing, folder))
    return Added(existing, origin, "already", _loaded(existing, folder))


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except (OSError, ValueError):
        return False


# -- files, folders, uploads ----------------------------------------------------------------------------


def add_file(src: Path, corpus_dir: Path, *, given: Given | None = None,
             catalogue: Catalogue | None = None) -> Added:
    """Copy a release file into `corpus_dir` under a safe name, unless it is already there.

    Args:
        src: The file.
        corpus_dir: The corpus folder.
        given: Metadata to record beside it (wins over what it says).
        catalogue: What the folder holds (read when needed if None).

    Raises:
        LoadError: The file is missing, of an unsupported type or unreadable.
    """
    given = given or Given()
    catalogue = catalogue or Catalogue(corpus_dir)
    if not src.exists():
        raise LoadError(src, "no such file or folder")
    if not src.is_file():
        raise LoadError(src, "not a file")
    kind = suffix_of(src)
    if kind not in SUPPORTED:
        raise LoadError(src, f"unsupported file type {kind or '(none)'}; expected one of {', '.join(SUPPORTED)}")
    try:
        data = src.read_bytes()
    except OSError as e:
        raise LoadError(src, f"cannot read: {e.strerror or e}") from None
    if _inside(src, corpus_dir):
        return _already(src, str(src), corpus_dir, given)
    existing = catalogue.same_content(data)
    if existing is not None:
        return _already(existing, str(src), corpus_dir, given)
    if kind in JSONL_SUFFIXES:  # a collection: copied as it is, under its own name
        load_file(src)
        dest = unique_path(corpus_dir, slug(src.name[: -len(kind)]), kind)
        corpus_dir.mkdir(parents=True, exist_ok=True)
        dest.write_bytes(data)
        catalogue.note(dest, data, None)
        return Added(dest, str(src), "added", None)
    dest, doc = _place(data, kind, corpus_dir, stem=slug(src.name[: -len(kind)]), meta=given.fields(), at=None,
                       origin=str(src))
    catalogue.note(dest, data, given.url)
    return Added(dest, str(src), "added", doc)


def add_folder(folder: Path, corpus_dir: Path, *, given: Given | None = None,
               catalogue: Catalogue | None = None) -> tuple[list[Added], list[CitebotError]]:
    """Add every release file in `folder` and its subfolders (hidden ones and metadata files left out).

    Returns:
        One `Added` per file (files of other types "skipped"), and the errors of files that could not be added.
    """
    catalogue = catalogue or Catalogue(corpus_dir)
    added: list[Added] = []
    failed: list[CitebotError] = []
    for path, _ in corpus_files([folder]):
        kind = suffix_of(path)
        if kind not in SUPPORTED:
            added.append(Added(path, str(path), "skipped", note=f"not a release file type ({kind or 'no extension'})"))
            continue
        try:
            added.append(add_file(path, corpus_dir, given=given, catalogue=catalogue))
        except CitebotError as e:
            failed.append(e)
    return added, failed


def save_upload(data: bytes, filename: str, corpus_dir: Path, *, catalogue: Catalogue | None = None) -> Added:
    """Save uploaded bytes (e.g. a document sent to the bot) as a corpus file, unless already there.

    The name is generated (never taken from the sender); the type comes from
    the extension, and the content must load.

    Raises:
        LoadError: Unsupported type, or the content cannot be read.
    """
    base = Path(filename.replace("\\", "/")).name
    kind = suffix_of(Path(base)) if base else ""
    if kind not in SUPPORTED or kind in JSONL_SUFFIXES:
        raise LoadError(base or "upload", "unsupported file type; send HTML, PDF, TXT or MD")
    catalogue = catalogue or Catalogue(corpus_dir)
    existing = catalogue.same_content(data)
    if existing is not None:
        return _already(existing, base, corpus_dir, Given())
    dest, doc = _place(data, kind, corpus_dir, stem=None, meta={}, at=None, origin=base)
    catalogue.note(dest, data, None)
    return Added(dest, base, "added", doc)


# -- web pages --------------------------------------------------------------------------------------


def add_url(url: str, corpus_dir: Path, *, given: Given | None = None, timeout: float = FETCH_TIMEOUT,
            max_bytes: int = MAX_DOWNLOAD_BYTES, allow_private: bool = True,
            catalogue: Catalogue | None = None) -> Added:
    """Fetch a release from the web into `corpus_dir`.

    HTML pages are saved as Markdown with front matter (title, date, source,
    url, language); PDFs are saved as they are, with their URL in a metadata
    file. A URL already recorded keeps its file: unchanged content changes
    nothing, new content replaces it.

    Args:
        url: An http(s) URL.
        corpus_dir: The corpus folder.
        given: Metadata to record (wins over what the page says).
        timeout: Seconds for the download.
        max_bytes: Largest download.
        allow_private: Whether private and loopback addresses may be fetched from.
        catalogue: What the folder holds.

    Raises:
        FetchError: It cannot be fetched, is refused, or holds no article.
    """
    given = given or Given()
    catalogue = catalogue or Catalogue(corpus_dir)
    body, ctype, final = fetch(url, max_bytes=max_bytes, timeout=timeout, allow_private=allow_private)
    recorded = catalogue.same_url(url) or (catalogue.same_url(final) if final != url else None)
    if ctype == "application/pdf" or body[:5] == b"%PDF-":
        name = Path(urllib.parse.urlparse(final).path).name
        stem, suffix, data = slug(name[:-4] if name.lower().endswith(".pdf") else name or "release"), ".pdf", body
        extra = {"url": url, **given.fields()}
    else:
        if ctype not in ("text/html", "application/xhtml+xml", "text/plain"):
            raise FetchError(f"{url} is {ctype}, not a web page or PDF")
        stem, suffix, data = None, ".md", _page_as_markdown(body, ctype, url, final)
        extra = given.fields()
    try:
        if recorded is not None:
            if recorded.suffix == suffix and recorded.read_bytes() == data:
                return _already(recorded, url, corpus_dir, given)
            same = catalogue.same_content(data, besides=recorded)
            if same is not None:
                return _already(same, url, corpus_dir, given)
            meta = _merged_sidecar(recorded, extra)
            at = recorded if recorded.suffix == suffix else None
            dest, doc = _place(data, suffix, corpus_dir, stem=stem, meta=meta, at=at, origin=url)
            if dest != recorded:
                recorded.unlink(missing_ok=True)
                sidecar_of(recorded).unlink(missing_ok=True)
                catalogue.forget(recorded)
            catalogue.note(dest, data, url)
            return Added(dest, url, "replaced", doc)
        same = catalogue.same_content(data)
        if same is not None:
            return _already(same, url, corpus_dir, given)
        dest, doc = _place(data, suffix, corpus_dir, stem=stem, meta=extra, at=None, origin=url)
    except LoadError as e:
        raise FetchError(f"{url}: {e.reason}") from None
    catalogue.note(dest, data, url)
    return Added(dest, url, "added", doc)


def _page_as_markdown(body: bytes, ctype: str, url: str, final: str) -> bytes:
    """A fetched page's article as Markdown with front matter (title, date, source, url, language).

    Raises:
        FetchError: The page cannot be decoded or holds no article.
    """
    try:
        text = decode_text(body, url)
    except LoadError as e:
        raise FetchError(f"{url}: {e.reason}") from None
    article = extract_article(text, url=final) if ctype != "text/plain" else (text, {})
    if article is None or not article[0].strip():
        raise FetchError(f"no article text found at {url}")
    body_text, meta = article
    meta = {k: v for k, v in meta.items() if v}
    date = _date_of(meta.get("date"))
    front: dict[str, Any] = {"title": meta.get("title") or body_text.split("\n", 1)[0][:120]}
    if date:
        front["date"] = date
    for key in ("source", "url", "language"):
        if key == "url":
            front["url"] = url
        elif meta.get(key):
            front[key] = meta[key]
    head = yaml.safe_dump(front, allow_unicode=True, sort_keys=False)
    return ("---\n" + head + "---\n" + body_text + "\n").encode("utf-8")


def _date_of(value: object) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


# -- many at once ---------------------------------------------------------------------------------


def add_items(items: Iterable[str], corpus_dir: Path, *, given: Given | None = None,
              allow_private_urls: bool = True) -> tuple[list[Added], list[CitebotError]]:
    """Add files, folders (every release file in them) and http(s) URLs to `corpus_dir`.

    Args:
        items: Paths or URLs.
        corpus_dir: The corpus folder.
        given: Metadata to record for every release added.
        allow_private_urls: Whether URLs may lead to private or loopback addresses.

    Returns:
        What became of each release, and one error per item (or file in a folder) that could not be added.
    """
    catalogue = Catalogue(corpus_dir)
    added: list[Added] = []
    failed: list[CitebotError] = []
    for item in items:
        try:
            if is_url(item):
                added.append(add_url(item, corpus_dir, given=given, allow_private=allow_private_urls,
                                     catalogue=catalogue))
            elif Path(item).is_dir():
                more, errors = add_folder(Path(item), corpus_dir, given=given, catalogue=catalogue)
                added += more
                failed += errors
            else:
                added.append(add_file(Path(item), corpus_dir, given=given, catalogue=catalogue))
        except CitebotError as e:
            failed.append(e)
        except OSError as e:
            failed.append(CitebotError(f"{item}: {e.strerror or e}"))
    return added, failed
