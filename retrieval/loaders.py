"""Reading releases from files: Markdown/text, HTML, PDF and JSONL.

Each loader returns `Document`s. A file that cannot be read raises
`LoadError` naming the file and the reason; `load_corpus` collects those as
problems and carries on with the rest.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping

import yaml

from .dates import dateline, find_date, leading_dateline
from .errors import LoadError
from .schema import Document
from .sentences import normalise_space, sentence_spans

TEXT_SUFFIXES = (".md", ".markdown", ".txt")
HTML_SUFFIXES = (".html", ".htm")
PDF_SUFFIXES = (".pdf",)
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz")
SUPPORTED = TEXT_SUFFIXES + HTML_SUFFIXES + PDF_SUFFIXES + JSONL_SUFFIXES
MAX_FILE_BYTES = 200 * 1024 * 1024


@dataclass(frozen=True)
class FileStamp:
    """What a corpus file looked like when it was indexed, and what it held."""

    size: int
    mtime_ns: int
    doc_ids: tuple[str, ...] = ()


@dataclass
class LoadResult:
    """What `load_corpus` found: the documents, the files it skipped and why,
    and the files it did not need to read again."""

    documents: list[Document] = field(default_factory=list)
    problems: list[LoadError] = field(default_factory=list)
    reused: dict[str, FileStamp] = field(default_factory=dict)
    stamps: dict[str, FileStamp] = field(default_factory=dict)

    @property
    def doc_ids(self) -> set[str]:
        """Every document id the corpus holds now, read or reused."""
        return {d.doc_id for d in self.documents} | {i for st in self.reused.values() for i in st.doc_ids}


def suffix_of(path: Path) -> str:
    name = path.name.lower()
    return ".jsonl.gz" if name.endswith(".jsonl.gz") else path.suffix.lower()


def iter_corpus_files(roots: Iterable[Path]) -> Iterator[Path]:
    """Every release file under `roots` (files or folders), sorted; hidden files and metadata files skipped."""
    for path, _ in corpus_files(roots):
        yield path


def corpus_files(roots: Iterable[Path]) -> Iterator[tuple[Path, Path]]:
    """Every release file under `roots` with the root it was found under.

    Raises:
        LoadError: A root does not exist.
    """
    for root in roots:
        if root.is_dir():
            for path in sorted(root.rglob("*")):
                rel = path.relative_to(root)
                if path.is_file() and not any(part.startswith(".") for part in rel.parts) \
                        and not path.name.endswith(SIDECAR_SUFFIX):
                    yield path, root
        elif root.exists():
            yield root, root
        else:
            raise LoadError(root, "no such file or folder")


def load_corpus(roots: Iterable[Path], known: Mapping[str, FileStamp] | None = None) -> LoadResult:
    """Load every supported file under `roots`.

    Args:
        roots: Files or folders.
        known: Stamps of files as last indexed: a file whose size and
            modification time (and those of its metadata file) are unchanged
            is not read again (its documents are reported in `reused`).

    Returns:
        The documents (unique ids, first one wins), the problems met, the
        files reused, and the stamps of every file read or reused.
    """
    result = LoadResult()
    seen: set[str] = set()
    known = known or {}
    roots = list(roots)
    for path, root in corpus_files(roots):
        try:
            stamp = file_stamp(path)
        except OSError as e:
            result.problems.append(LoadError(path, f"cannot read: {e.strerror or e}"))
            continue
        before = known.get(str(path))
        if before is not None and (before.size, before.mtime_ns) == stamp \
                and not seen.intersection(before.doc_ids):
            result.reused[str(path)] = before
            result.stamps[str(path)] = before
            seen.update(before.doc_ids)
            continue
        try:
            docs = load_file(path, root)
        except LoadError as e:
            result.problems.append(e)
            continue
        kept = []
        for doc in docs:
            if doc.doc_id in seen:
                result.problems.append(LoadError(path, f"duplicate document id {doc.doc_id!r}; skipped"))
                continue
            seen.add(doc.doc_id)
            result.documents.append(doc)
            kept.append(doc.doc_id)
        result.stamps[str(path)] = FileStamp(*stamp, tuple(kept))
    result.problems += _orphan_sidecars(roots)
    return result


def file_stamp(path: Path) -> tuple[int, int]:
    """(size, modification time) of a release file together with its metadata file, if any.

    Raises:
        OSError: The file cannot be read.
    """
    st = path.stat()
    size, mtime = st.st_size, st.st_mtime_ns
    try:
        side = sidecar_of(path).stat()
    except OSError:
        return size, mtime
    return size + side.st_size + 1, max(mtime, side.st_mtime_ns)


def _orphan_sidecars(roots: list[Path]) -> list[LoadError]:
    problems = []
    for root in roots:
        if root.is_dir():
            for side in sorted(root.rglob("*" + SIDECAR_SUFFIX)):
                rel = side.relative_to(root)
                release = side.with_name(side.name[: -len(SIDECAR_SUFFIX)])
                if not any(part.startswith(".") for part in rel.parts) and not release.exists():
                    problems.append(LoadError(side, f"metadata for {release.name}, which is not there; ignored"))
    return problems


def load_file(path: Path, root: Path | None = None) -> list[Document]:
    """Load one file; JSONL files give one document per record.

    Metadata in a file beside it (`NAME.meta.yaml`: title, date, source, url,
    language) wins over what the file itself says.

    Args:
        path: The file.
        root: The corpus folder (or file) it was found under, for its document id.

    Raises:
        LoadError: The file is of an unsupported type, unreadable, empty or malformed.
    """
    kind = suffix_of(path)
    loader = _LOADERS.get(kind)
    if loader is None:
        raise LoadError(path, f"unsupported file type {kind or '(none)'}; expected one of {', '.join(SUPPORTED)}")
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise LoadError(path, f"too large ({size} bytes; the limit is {MAX_FILE_BYTES})")
        raw = path.read_bytes()
    except OSError as e:
        raise LoadError(path, f"cannot read: {e.strerror or e}") from None
    if kind in JSONL_SUFFIXES:
        return _load_jsonl(path, raw)
    if not raw.strip():
        raise LoadError(path, "empty file")
    doc = replace(loader(path, raw), doc_id=doc_id_for(path, root))
    side = read_sidecar(path)
    return [with_metadata(doc, *side) if side else doc]


def doc_id_for(path: Path, root: Path | None = None) -> str:
    """A file's document id: its path from the folder that holds its corpus root.

    So it starts with the corpus folder's own name ("corpus/2024-05-21-release.md")
    and stays the same whatever the working folder and wherever the project is.

    Args:
        path: The file.
        root: The corpus folder (or file) it was found under; None: its own folder.
    """
    base = root if root is not None and root.is_dir() else path.parent
    try:
        rel = Path(os.path.abspath(path)).relative_to(os.path.abspath(base))
    except ValueError:
        rel = Path(path.name)
    name = Path(os.path.abspath(base)).name
    return (Path(name) / rel).as_posix() if name else rel.as_posix()


# -- metadata beside a file --------------------------------------------------------------------

SIDECAR_SUFFIX = ".meta.yaml"


def sidecar_of(path: Path) -> Path:
    """Where the metadata of a release file is kept: `NAME.meta.yaml` beside it."""
    return path.with_name(path.name + SIDECAR_SUFFIX)


def read_sidecar(path: Path) -> tuple[dict[str, Any], bytes] | None:
    """The metadata file of `path` (its fields and bytes), or None when there is none.

    Raises:
        LoadError: It cannot be read or is not a YAML mapping of known fields.
    """
    side = sidecar_of(path)
    try:
        raw = side.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as e:
        raise LoadError(side, f"cannot read: {e.strerror or e}") from None
    try:
        meta = yaml.safe_load(decode_text(raw, side)) or {}
    except yaml.YAMLError as e:
        reason = str(e).splitlines()[0] if str(e) else type(e).__name__
        raise LoadError(side, f"malformed metadata: {reason}") from None
    if not isinstance(meta, dict):
        raise LoadError(side, "malformed metadata: expected 'key: value' lines")
    return {str(k).lower(): v for k, v in meta.items()}, raw


def with_metadata(doc: Document, meta: dict[str, Any], raw: bytes) -> Document:
    """`doc` with the fields `meta` gives replacing its own; the content hash covers both.

    Raises:
        LoadError: A value has the wrong type.
    """
    where = doc.path + SIDECAR_SUFFIX
    title = _meta_str(meta, where, "title")
    source = _meta_str(meta, where, "source", "organisation", "organization", "publisher")
    return replace(
        doc,
        title=normalise_space(title) if title else doc.title,
        date=_meta_date(meta, where) or doc.date,
        source=normalise_space(source) if source else doc.source,
        url=_meta_str(meta, where, "url") or doc.url,
        language=_meta_str(meta, where, "language", "lang") or doc.language,
        content_hash=hashlib.sha256(doc.content_hash.encode() + b"\0" + raw).hexdigest(),
    )


# -- text ------------------------------------------------------------------


def decode_text(raw: bytes, path: object = "<text>") -> str:
    """Decode bytes as UTF-8 (with or without BOM), else cp1252; refuse binary.

    Line ends are normalised to "\\n".

    Raises:
        LoadError: The bytes look binary or decode as neither.
    """
    if b"\x00" in raw[:8192]:
        raise LoadError(path, "binary file (contains NUL bytes), not text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError:
            raise LoadError(path, "not decodable as UTF-8 or cp1252 text") from None
    sample = text[:8192]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    if sample and controls / len(sample) > 0.05:
        raise LoadError(path, "binary file (control characters), not text")
    return text.replace("\r\n", "\n").replace("\r", "\n")


_FRONT = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)


def split_front_matter(text: str, path: object = "<text>") -> tuple[dict[str, Any], str]:
    """Separate YAML front matter from the body.

    Returns:
        The metadata (empty without front matter) and the body.

    Raises:
        LoadError: The front matter is not closed, not YAML, or not a mapping.
    """
    if not text.startswith("---"):
        return {}, text
    first_line = text.split("\n", 1)[0].strip()
    if first_line != "---":
        return {}, text
    m = _FRONT.match(text)
    if not m:
        raise LoadError(path, "malformed front matter: no closing '---' line")
    try:
        meta = yaml.safe_load(m.group(1)) if m.group(1).strip() else {}
    except yaml.YAMLError as e:
        reason = str(e).splitlines()[0] if str(e) else type(e).__name__
        raise LoadError(path, f"malformed front matter: {reason}") from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise LoadError(path, "malformed front matter: expected 'key: value' lines")
    return {str(k).lower(): v for k, v in meta.items()}, text[m.end():]


def _load_text(path: Path, raw: bytes) -> Document:
    text = decode_text(raw, path)
    meta, body = split_front_matter(text, path)
    if not body.strip():
        raise LoadError(path, "no text after the front matter" if meta else "empty file")
    return make_document(path, body, meta, raw)


def make_document(path: Path, body: str, meta: dict[str, Any], raw: bytes, doc_id: str | None = None) -> Document:
    """Build a Document from a body and whatever metadata is known, inferring the rest.

    Raises:
        LoadError: A metadata value has the wrong type.
    """
    title = _meta_str(meta, path, "title") or infer_title(body) or path.stem.replace("-", " ").replace("_", " ")
    date = _meta_date(meta, path) or infer_date(body)
    source = _meta_str(meta, path, "source", "organisation", "organization", "publisher")
    return Document(
        doc_id=doc_id or doc_id_for(path),
        path=str(path),
        title=normalise_space(title),
        text=body,
        date=date,
        source=normalise_space(source) if source else None,
        url=_meta_str(meta, path, "url"),
        language=_meta_str(meta, path, "language", "lang"),
        content_hash=hashlib.sha256(raw).hexdigest(),
    )


def _meta_str(meta: dict[str, Any], path: object, *keys: str) -> str | None:
    for key in keys:
        value = meta.get(key)
        if value is None or value == "":
            continue
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            return str(value).strip() or None
        raise LoadError(path, f"malformed front matter: '{key}' should be text")
    return None


def _meta_date(meta: dict[str, Any], path: object) -> dt.date | None:
    value = meta.get("date")
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            found = find_date(value)
            if found:
                return found
    raise LoadError(path, f"malformed front matter: date {value!r} is not an ISO date (YYYY-MM-DD)")


_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")


def infer_title(body: str) -> str | None:
    """A headline-like first line ("# Title", or a short line without a full stop)."""
    for line in body.split("\n"):
        line = line.strip()
        if not line:
            continue
        m = _HEADING.match(line)
        if m and m.group(1):
            return m.group(1)
        if is_headline(line) and dateline(line) is None:
            return line
        return None
    return None


def is_headline(line: str) -> bool:
    """True for a short line that reads as a headline or heading, not a sentence."""
    line = line.strip()
    if not line or len(line) > 160 or dateline(line) is not None:
        return False
    if _HEADING.match(line):
        return True
    if line[-1] in ".!?:;,\"'”’)…":
        return False
    return len(line.split()) <= 20 and (line[0].isupper() or line[0].isdigit())


def infer_date(body: str) -> dt.date | None:
    """The date of the first dateline ("27 November 2014", "First published 21 May 2024",
    "Cardiff, 3 February 2025"), else of a dateline opening one of the first paragraphs
    ("CARDIFF, 3 February 2025 – The council ...")."""
    lines = [line for line in body.split("\n") if line.strip()]
    for line in lines:
        d = dateline(line)
        if d:
            return d
    for line in lines[:3]:
        d = leading_dateline(line.strip())
        if d:
            return d
    return None


# -- HTML -------------------------------------------------------------------


def _load_html(path: Path, raw: bytes) -> Document:
    html = decode_text(raw, path)
    article = extract_article(html, url=None)
    if article is None:
        raise LoadError(path, "no article text found in the HTML")
    body, meta = article
    return make_document(path, body, meta, raw)


def extract_article(html: str, url: str | None) -> tuple[str, dict[str, Any]] | None:
    """Main text and metadata of an HTML page (trafilatura), or None when it has no text.

    Returns:
        (body, metadata) where the body has one block per paragraph, heading
        or list item (blank lines between; the markup's own line breaks
        inside a paragraph are spaces), and metadata may hold title, date,
        source, url and language.
    """
    import trafilatura  # heavy; only HTML needs it

    try:
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=False, favor_precision=True
        )
    except Exception:  # trafilatura raises many kinds on odd markup
        doc = None
    meta: dict[str, Any] = {}
    blocks: list[str] = []
    if doc is not None:
        get = doc.get if isinstance(doc, dict) else lambda k: getattr(doc, k, None)
        meta = {
            "title": get("title"),
            "date": get("date"),
            "source": get("sitename") or get("hostname"),
            "url": get("url") or url,
            "language": get("language"),
        }
        blocks = _blocks(get("body"))
        if not blocks and get("text"):
            blocks = [normalise_space(line) for line in get("text").split("\n") if line.strip()]
    if not blocks:
        text = _html_fallback_text(html)
        blocks = [normalise_space(line) for line in text.split("\n") if line.strip()]
        if not blocks:
            return None
    return "\n\n".join(blocks), {k: v for k, v in meta.items() if v}


_BLOCKS = {"p", "head", "item", "quote", "cell", "code"}


def _blocks(body: Any) -> list[str]:
    """The text of each paragraph-like element of trafilatura's article tree, in order."""
    if body is None:
        return []
    out: list[str] = []
    for el in body.iter():
        if el.tag not in _BLOCKS or any(a.tag in _BLOCKS for a in el.iterancestors()):
            continue
        text = normalise_space("".join(el.itertext()))
        if text:
            out.append(text)
    return out


def _html_fallback_text(html: str) -> str:
    try:
        import lxml.html

        tree = lxml.html.fromstring(html.encode("utf-8", "replace"))
        for bad in tree.xpath("//script|//style|//noscript"):
            bad.drop_tree()
        return "\n".join(t.strip() for t in tree.itertext() if t.strip())
    except Exception:
        return ""


# -- PDF ---------------------------------------------------------------------


def _load_pdf(path: Path, raw: bytes) -> Document:
    """A PDF's paragraphs, one per block (blank lines between), read from its layout (see `pdftext`)."""
    from .pdftext import PdfUnreadable, read_pdf

    try:
        pdf = read_pdf(raw)
    except PdfUnreadable as e:
        raise LoadError(path, f"not a readable PDF ({e})") from None
    body = "\n\n".join(pdf.paragraphs)
    if not body.strip():
        raise LoadError(path, "the PDF has no extractable text (scanned images?)")
    return make_document(path, body + "\n", {"title": pdf.title} if pdf.title else {}, raw)


# -- JSONL (BEIR corpus format) ------------------------------------------------


def _load_jsonl(path: Path, raw: bytes) -> list[Document]:
    if suffix_of(path) == ".jsonl.gz":
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError) as e:
            raise LoadError(path, f"not a readable gzip file ({e})") from None
    text = decode_text(raw, path)
    docs: list[Document] = []
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as e:
            raise LoadError(path, f"line {lineno}: not JSON ({e.msg})") from None
        if not isinstance(record, dict):
            raise LoadError(path, f"line {lineno}: expected a JSON object")
        rid = record.get("_id", record.get("id"))
        body = record.get("text")
        if rid is None or not isinstance(body, str):
            raise LoadError(path, f"line {lineno}: a record needs '_id' (or 'id') and 'text'")
        if not body.strip():
            continue
        meta = {k: record.get(k) for k in ("title", "date", "source", "url", "language") if record.get(k)}
        line_bytes = line.encode("utf-8")
        docs.append(make_document(path, body, meta, line_bytes, doc_id=str(rid)))
    if not docs:
        raise LoadError(path, "no records with text")
    return docs


_LOADERS: dict[str, Callable[[Path, bytes], Any]] = {
    **{s: _load_text for s in TEXT_SUFFIXES},
    **{s: _load_html for s in HTML_SUFFIXES},
    **{s: _load_pdf for s in PDF_SUFFIXES},
    **{s: _load_jsonl for s in JSONL_SUFFIXES},
}

__all__ = [
    "FileStamp",
    "LoadResult",
    "load_corpus",
    "load_file",
    "iter_corpus_files",
    "corpus_files",
    "doc_id_for",
    "sidecar_of",
    "read_sidecar",
    "SIDECAR_SUFFIX",
    "decode_text",
    "split_front_matter",
    "extract_article",
    "make_document",
    "infer_title",
    "infer_date",
    "is_headline",
    "sentence_spans",
]
