"""Adding new releases to the corpus folder: local files and web pages.

Files are copied under safe generated names; a URL is fetched (http(s) only,
bounded in size and time), its article extracted and saved as Markdown with
front matter. Nothing is indexed here: the caller runs the incremental index.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import time
import unicodedata
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .errors import FetchError, LoadError
from .loaders import SUPPORTED, extract_article, load_file, suffix_of

MAX_DOWNLOAD_BYTES = 10 * 1024 * 1024
FETCH_TIMEOUT = 20.0
USER_AGENT = "citebot/0.1 (+https://github.com/citebot)"


@dataclass(frozen=True)
class Added:
    """A file placed in the corpus folder, and where it came from."""

    path: Path
    origin: str


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
    while candidate.exists():
        candidate = folder / f"{stem}-{n}{suffix}"
        n += 1
    return candidate


def add_file(src: Path, corpus_dir: Path) -> Added:
    """Copy a release file into `corpus_dir` under a safe name.

    The file is loaded first, so an unreadable one is refused before it is copied.

    Raises:
        LoadError: The file is missing, of an unsupported type or unreadable.
    """
    if not src.is_file():
        raise LoadError(src, "no such file")
    docs = load_file(src)
    kind = suffix_of(src)
    if kind not in SUPPORTED:
        raise LoadError(src, f"unsupported file type {kind}")
    try:
        if src.resolve().parent == corpus_dir.resolve():
            return Added(src, str(src))  # already in the corpus
    except OSError:
        pass
    doc = docs[0]
    stem = slug(src.name[: -len(kind)] if kind else src.name)
    if len(docs) == 1 and doc.date:
        stem = f"{doc.date.isoformat()}-{slug(doc.title)}" if not stem.startswith(doc.date.isoformat()) else stem
    corpus_dir.mkdir(parents=True, exist_ok=True)
    dest = unique_path(corpus_dir, stem, kind)
    shutil.copyfile(src, dest)
    return Added(dest, str(src))


def save_upload(data: bytes, filename: str, corpus_dir: Path) -> Added:
    """Save uploaded bytes (e.g. a document sent to the bot) as a corpus file.

    The name is generated (never taken from the sender); the type comes from
    the extension, and the content must load.

    Raises:
        LoadError: Unsupported type, or the content cannot be read.
    """
    base = Path(filename.replace("\\", "/")).name
    kind = suffix_of(Path(base)) if base else ""
    if kind not in SUPPORTED or kind in (".jsonl", ".jsonl.gz"):
        raise LoadError(base or "upload", "unsupported file type; send HTML, PDF, TXT or MD")
    corpus_dir.mkdir(parents=True, exist_ok=True)
    tmp = unique_path(corpus_dir, ".upload-" + slug(base[: -len(kind)] or "release"), kind)
    tmp.write_bytes(data)
    try:
        doc = load_file(tmp)[0]
    except LoadError as e:
        tmp.unlink(missing_ok=True)
        raise LoadError(base, e.reason) from None
    stem = f"{doc.date.isoformat()}-{slug(doc.title)}" if doc.date else slug(doc.title)
    dest = unique_path(corpus_dir, stem, kind)
    tmp.rename(dest)
    return Added(dest, base)


class _SafeRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: ANN001, ANN201
        if urllib.parse.urlparse(newurl).scheme not in ("http", "https"):
            raise FetchError(f"refused a redirect to {newurl!r}: only http(s) is allowed")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch(url: str, *, max_bytes: int = MAX_DOWNLOAD_BYTES, timeout: float = FETCH_TIMEOUT) -> tuple[bytes, str, str]:
    """Download `url`.

    Returns:
        (body, content type, final URL).

    Raises:
        FetchError: Not http(s), unreachable, an HTTP error, slower than `timeout` seconds in all,
            or larger than `max_bytes`.
    """
    parts = urllib.parse.urlparse(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise FetchError(f"not an http(s) URL: {url!r}")
    deadline = time.monotonic() + timeout
    opener = urllib.request.build_opener(_SafeRedirects())
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "text/html,application/pdf,*/*"})
    try:
        with opener.open(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise FetchError(f"{url} is too large ({int(length):,} bytes; the limit is {max_bytes:,})")
            # Read in pieces against one deadline for the whole download: a
            # server dripping a byte at a time must not hold us past `timeout`.
            chunks: list[bytes] = []
            size = 0
            while True:
                if time.monotonic() > deadline:
                    raise FetchError(f"cannot fetch {url}: took longer than {timeout:g} s")
                chunk = response.read1(65536)
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
                if size > max_bytes:
                    raise FetchError(f"{url} is too large (over {max_bytes:,} bytes)")
            body = b"".join(chunks)
            ctype = response.headers.get_content_type()
            return body, ctype, response.geturl()
    except FetchError:
        raise
    except urllib.error.HTTPError as e:
        raise FetchError(f"{url}: HTTP {e.code} {e.reason}") from None
    except (urllib.error.URLError, OSError, ValueError) as e:
        reason = getattr(e, "reason", None) or e
        raise FetchError(f"cannot fetch {url}: {reason}") from None


def add_url(url: str, corpus_dir: Path, *, source: str | None = None, timeout: float = FETCH_TIMEOUT,
            max_bytes: int = MAX_DOWNLOAD_BYTES) -> Added:
    """Fetch a release from the web into `corpus_dir`.

    HTML pages are saved as Markdown with front matter (title, date, source,
    url, language); PDFs are saved as they are.

    Raises:
        FetchError: It cannot be fetched or holds no article.
    """
    body, ctype, final = fetch(url, max_bytes=max_bytes, timeout=timeout)
    corpus_dir.mkdir(parents=True, exist_ok=True)
    if ctype == "application/pdf" or body[:5] == b"%PDF-":
        name = Path(urllib.parse.urlparse(final).path).name or "release.pdf"
        try:
            return save_upload(body, name if name.lower().endswith(".pdf") else name + ".pdf", corpus_dir)
        except LoadError as e:
            raise FetchError(f"{url}: {e.reason}") from None
    if ctype not in ("text/html", "application/xhtml+xml", "text/plain"):
        raise FetchError(f"{url} is {ctype}, not a web page or PDF")
    from .loaders import decode_text

    try:
        text = decode_text(body, url)
    except LoadError as e:
        raise FetchError(f"{url}: {e.reason}") from None
    article = extract_article(text, url=final) if ctype != "text/plain" else (text, {})
    if article is None or not article[0].strip():
        raise FetchError(f"no article text found at {url}")
    body_text, meta = article
    meta = {k: v for k, v in meta.items() if v}
    meta["url"] = url
    if source:
        meta["source"] = source
    date = _date_of(meta.get("date"))
    front: dict[str, Any] = {"title": meta.get("title") or body_text.split("\n", 1)[0][:120]}
    if date:
        front["date"] = date
    for key in ("source", "url", "language"):
        if meta.get(key):
            front[key] = meta[key]
    stem = f"{date.isoformat()}-{slug(front['title'])}" if date else slug(front["title"])
    dest = unique_path(corpus_dir, stem, ".md")
    dest.write_text("---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n" + body_text + "\n",
                    encoding="utf-8")
    return Added(dest, url)


def _date_of(value: object) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None
