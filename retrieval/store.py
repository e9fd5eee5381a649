"""The embedded store: SQLite tables for documents, passages and metadata,
and an FTS5 table over analysed passage text for BM25.

A `Store` wraps one connection. Writers change it inside one transaction
(`Store.transaction`), so a reader, or a crash, only ever sees a whole
generation of the index.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Mapping, Sequence

from .analysis import analyse
from .errors import IndexDamaged, IndexMissing
from .loaders import FileStamp
from .schema import Document, Passage

SCHEMA_VERSION = "1"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    doc_id TEXT PRIMARY KEY,
    path TEXT NOT NULL,
    title TEXT NOT NULL,
    source TEXT,
    date TEXT,
    url TEXT,
    language TEXT,
    content_hash TEXT NOT NULL,
    text TEXT NOT NULL,
    indexed_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_source ON documents(source);
-- covering: an update reads every document's hash without touching the texts
CREATE INDEX IF NOT EXISTS documents_hash ON documents(doc_id, content_hash, path);
CREATE TABLE IF NOT EXISTS passages (
    id INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(doc_id),
    paragraph INTEGER NOT NULL,
    part INTEGER NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS passages_doc ON passages(doc_id);
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    doc_ids TEXT NOT NULL
);
CREATE VIRTUAL TABLE IF NOT EXISTS passages_fts USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 0');
CREATE VIRTUAL TABLE IF NOT EXISTS passages_vocab USING fts5vocab(passages_fts, 'row');
-- the corpus's words, one per stem, with the model's vector of it (neighbours.py)
CREATE TABLE IF NOT EXISTS words (stem TEXT PRIMARY KEY, word TEXT NOT NULL, vector BLOB NOT NULL);
"""

_PASSAGE_COLUMNS = """
    p.id, p.doc_id, p.paragraph, p.part, p.start, p.end, p.text,
    d.title, d.source, d.date, d.path, d.url
"""


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _passage(row: Sequence) -> Passage:
    pid, doc_id, paragraph, part, start, end, text, title, source, date, path, url = row
    return Passage(
        doc_id=doc_id,
        paragraph=paragraph,
        part=part,
        start=start,
        end=end,
        text=text,
        title=title,
        source=source,
        date=_date(date),
        path=path,
        url=url,
        passage_id=pid,
    )


class Store:
    """Documents, passages, metadata and the BM25 index in one SQLite database.

    Thread-safe: calls are serialised on one lock, so a store may be shared
    by the bot's worker threads.
    """

    def __init__(self, conn: sqlite3.Connection, path: Path | None = None) -> None:
        self.conn = conn
        self.path = path
        self.lock = threading.RLock()

    # -- opening ----------------------------------------------------------

    @classmethod
    def create(cls, path: Path) -> "Store":
        """Open `path` for writing, creating the database and schema if needed."""
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(path, timeout=30, check_same_thread=False, isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.executescript(_SCHEMA)
        store = cls(conn, path)
        if store.get_meta("schema") is None:
            store.set_meta("schema", SCHEMA_VERSION)
        return store

    @classmethod
    def open(cls, path: Path, *, in_memory: bool = False) -> "Store":
        """Open an existing index for reading.

        Args:
            path: The database file.
            in_memory: Copy the whole database into memory, so later damage to
                the file cannot affect this store.

        Raises:
            IndexMissing: There is no database at `path`.
            IndexDamaged: The file is not a readable index.
        """
        if not path.exists():
            raise IndexMissing(path.parent)
        try:
            disk = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30, check_same_thread=False, isolation_level=None)
            if in_memory:
                conn = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
                disk.backup(conn)
                disk.close()
            else:
                conn = disk
            store = cls(conn, path)
            store.check()
            return store
        except sqlite3.DatabaseError as e:
            raise IndexDamaged(path.parent, f"{path.name}: {e}") from None

    def check(self) -> None:
        """Raise IndexDamaged unless the schema is present and current."""
        try:
            schema = self.get_meta("schema")
            self.conn.execute("SELECT count(*) FROM passages_fts WHERE passages_fts MATCH 'a' ").fetchone()
        except sqlite3.DatabaseError as e:
            raise IndexDamaged(self.path.parent if self.path else "memory", str(e)) from None
        if schema is None:
            raise IndexMissing(self.path.parent if self.path else "memory")
        if schema != SCHEMA_VERSION:
            raise IndexDamaged(self.path.parent if self.path else "memory", f"schema version {schema}, expected {SCHEMA_VERSION}")

    def close(self) -> None:
        with self.lock:
            self.conn.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction: all of it is committed, or none of it."""
        with self._transaction("BEGIN IMMEDIATE", keep_on_error=False):
            yield

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """A read transaction: every query inside sees the same generation."""
        with self._transaction("BEGIN", keep_on_error=True):
            yield

    @contextmanager
    def _transaction(self, begin: str, keep_on_error: bool) -> Iterator[None]:
        with self.lock:
            self.conn.execute(begin)
            try:
                yield
                self.conn.execute("COMMIT")
            except BaseException:
                # A read has nothing to undo; a write is rolled back (SQLite may
                # already have done so itself: a full disk does that).
                self._end("COMMIT" if keep_on_error else "ROLLBACK")
                raise

    def _end(self, statement: str) -> None:
        if self.conn.in_transaction:
            try:
                self.conn.execute(statement)
            except sqlite3.Error:
                pass

    def _rows_in(self, sql: str, ids: Sequence[object], chunk: int = 500) -> Iterator[tuple]:
        """Rows of `sql` (which holds one `IN ({marks})`) for `ids`, asked in chunks
        (SQLite limits the number of parameters)."""
        with self.lock:
            for i in range(0, len(ids), chunk):
                part = list(ids[i:i + chunk])
                yield from self.conn.execute(sql.format(marks=",".join("?" * len(part))), part).fetchall()

    # -- metadata -----------------------------------------------------------

    def get_meta(self, key: str, default: str | None = None) -> str | None:
        with self.lock:
            row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value: object) -> None:
        with self.lock:
            self.conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, str(value)))

    def all_meta(self) -> dict[str, str]:
        with self.lock:
            return dict(self.conn.execute("SELECT key, value FROM meta").fetchall())

    # -- documents ----------------------------------------------------------

    def document_hashes(self) -> dict[str, tuple[str, str]]:
        """{doc_id: (content_hash, path)} of every indexed document."""
        with self.lock:
            rows = self.conn.execute("SELECT doc_id, content_hash, path FROM documents").fetchall()
        return {doc_id: (h, path) for doc_id, h, path in rows}

    def documents(self) -> list[Document]:
        """Every indexed document (text included), newest first."""
        with self.lock:
            rows = self.conn.execute(
                "SELECT doc_id, path, title, text, date, source, url, language, content_hash FROM documents "
                "ORDER BY date DESC, title"
            ).fetchall()
        return [
            Document(doc_id=r[0], path=r[1], title=r[2], text=r[3], date=_date(r[4]), source=r[5], url=r[6],
                     language=r[7], content_hash=r[8])
            for r in rows
        ]

    def document_text(self, doc_id: str) -> str | None:
        with self.lock:
            row = self.conn.execute("SELECT text FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
        return row[0] if row else None

    def passage_ids_of(self, doc_ids: Sequence[str]) -> list[int]:
        """Ids of the passages of these documents."""
        return [r[0] for r in self._rows_in("SELECT id FROM passages WHERE doc_id IN ({marks})", list(doc_ids))]

    def max_passage_id(self) -> int:
        with self.lock:
            return self.conn.execute("SELECT coalesce(max(id), 0) FROM passages").fetchone()[0]

    def delete_documents(self, doc_ids: Iterable[str]) -> None:
        """Remove documents with their passages (inside a transaction)."""
        with self.lock:
            for doc_id in doc_ids:
                self.conn.execute(
                    "DELETE FROM passages_fts WHERE rowid IN (SELECT id FROM passages WHERE doc_id = ?)", (doc_id,)
                )
                self.conn.execute("DELETE FROM passages WHERE doc_id = ?", (doc_id,))
                self.conn.execute("DELETE FROM documents WHERE doc_id = ?", (doc_id,))

    def clear(self) -> None:
        """Remove every document, passage and word vector (inside a transaction)."""
        with self.lock:
            self.conn.execute("DELETE FROM passages_fts")
            self.conn.execute("DELETE FROM passages")
            self.conn.execute("DELETE FROM documents")
            self.conn.execute("DELETE FROM words")

    def word_stems(self) -> set[str]:
        """The stems that have a word vector."""
        with self.lock:
            return {r[0] for r in self.conn.execute("SELECT stem FROM words")}

    def insert_words(self, rows: Sequence[tuple[str, str, bytes]]) -> None:
        """Add (stem, word, float32 vector bytes) rows (inside a transaction)."""
        with self.lock:
            self.conn.executemany("INSERT OR REPLACE INTO words(stem, word, vector) VALUES (?, ?, ?)", rows)

    def word_vectors(self) -> list[tuple[str, str, bytes]]:
        """(stem, word, vector bytes) of the words still in the index (in some passage)."""
        try:
            with self.lock:
                return self.conn.execute(
                    "SELECT w.stem, w.word, w.vector FROM words w JOIN passages_vocab v ON v.term = w.stem").fetchall()
        except sqlite3.OperationalError:  # an index written before word vectors
            return []

    def insert_document(self, doc: Document, passages: Sequence[Passage], analysed: Sequence[Sequence[str]]) -> None:
        """Add a document and its passages, which must carry their ids (inside a transaction).

        Args:
            doc: The document.
            passages: Its passages, with `passage_id` set.
            analysed: The analysed body terms of each passage.
        """
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        title_terms = " ".join(analyse(doc.title))
        with self.lock:
            self.conn.execute(
                "INSERT INTO documents(doc_id, path, title, source, date, url, language, content_hash, text, indexed_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (doc.doc_id, doc.path, doc.title, doc.source, doc.date.isoformat() if doc.date else None, doc.url,
                 doc.language, doc.content_hash, doc.text, now),
            )
            self.conn.executemany(
                "INSERT INTO passages(id, doc_id, paragraph, part, start, end, text) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(p.passage_id, p.doc_id, p.paragraph, p.part, p.start, p.end, p.text) for p in passages],
            )
            # The headline is indexed with the first passage only (the lede): on
            # every passage it would make the shortest ones win and flatten idf.
            self.conn.executemany(
                "INSERT INTO passages_fts(rowid, title, body) VALUES (?, ?, ?)",
                [(p.passage_id, title_terms if i == 0 else "", " ".join(terms))
                 for i, (p, terms) in enumerate(zip(passages, analysed))],
            )

    def file_stamps(self) -> dict[str, FileStamp]:
        """{path: stamp} of the corpus files as last indexed."""
        with self.lock:
            rows = self.conn.execute("SELECT path, size, mtime_ns, doc_ids FROM files").fetchall()
        return {path: FileStamp(size, mtime, tuple(json.loads(ids))) for path, size, mtime, ids in rows}

    def set_file_stamps(self, stamps: Mapping[str, FileStamp]) -> None:
        """Replace the recorded file stamps (inside a transaction)."""
        with self.lock:
            self.conn.execute("DELETE FROM files")
            self.conn.executemany(
                "INSERT INTO files(path, size, mtime_ns, doc_ids) VALUES (?, ?, ?, ?)",
                [(path, st.size, st.mtime_ns, json.dumps(list(st.doc_ids))) for path, st in stamps.items()],
            )

    def optimize(self) -> None:
        with self.lock:
            self.conn.execute("INSERT INTO passages_fts(passages_fts) VALUES ('optimize')")

    # -- reading --------------------------------------------------------------

    def passages(self, ids: Sequence[int]) -> dict[int, Passage]:
        """{id: Passage} for the ids that exist."""
        sql = (f"SELECT {_PASSAGE_COLUMNS} FROM passages p JOIN documents d ON d.doc_id = p.doc_id "
               "WHERE p.id IN ({marks})")
        return {r[0]: _passage(r) for r in self._rows_in(sql, ids)}

    def terms(self, ids: Sequence[int]) -> dict[int, list[str]]:
        """{id: analysed body terms} as indexed (no re-analysis needed)."""
        sql = "SELECT rowid, body FROM passages_fts WHERE rowid IN ({marks})"
        return {pid: body.split() for pid, body in self._rows_in(sql, ids)}

    def titles(self, doc_ids: Sequence[str]) -> dict[str, str]:
        """{document id: title}."""
        return dict(self._rows_in("SELECT doc_id, title FROM documents WHERE doc_id IN ({marks})", list(doc_ids)))

    def doc_ids_of(self, ids: Sequence[int]) -> dict[int, str]:
        """{passage id: document id}."""
        return dict(self._rows_in("SELECT id, doc_id FROM passages WHERE id IN ({marks})", ids))

    def passages_of_document(self, doc_id: str) -> list[Passage]:
        with self.lock:
            rows = self.conn.execute(
                f"SELECT {_PASSAGE_COLUMNS} FROM passages p JOIN documents d ON d.doc_id = p.doc_id "
                "WHERE p.doc_id = ? ORDER BY p.start",
                (doc_id,),
            ).fetchall()
        return [_passage(r) for r in rows]

    def passage_ids(self, sources: Sequence[str] = (), since: dt.date | None = None,
                    until: dt.date | None = None) -> list[int]:
        """Ids of the passages that pass the filters."""
        where, params = _filters(sources, since, until)
        with self.lock:
            rows = self.conn.execute(
                f"SELECT p.id FROM passages p JOIN documents d ON d.doc_id = p.doc_id WHERE {where}", params
            ).fetchall()
        return [r[0] for r in rows]

    def bm25(self, terms: Sequence[str], limit: int, *, title_weight: float = 1.0, sources: Sequence[str] = (),
             since: dt.date | None = None, until: dt.date | None = None,
             among: Sequence[int] = ()) -> list[tuple[int, float]]:
        """Passages matching any of `terms`, best BM25 first.

        Args:
            terms: Analysed query terms (repeats weigh more).
            limit: Most results.
            title_weight: Weight of the title column relative to the body.
            sources, since, until: Filters on the document.
            among: Only these passage ids (empty: all).

        Returns:
            (passage id, BM25 score) pairs, score positive, higher better.
        """
        if not terms:
            return []
        expr = " OR ".join('"' + t.replace('"', '""') + '"' for t in terms)
        where, params = _filters(sources, since, until)
        join, args = "", [title_weight, expr]
        if where != "1":
            join = " JOIN passages p ON p.id = f.rowid JOIN documents d ON d.doc_id = p.doc_id"
            where, args = f"passages_fts MATCH ? AND {where}", [*args, *params]
        else:
            where = "passages_fts MATCH ?"
        if among:
            where += f" AND f.rowid IN ({','.join('?' * len(among))})"
            args.extend(among)
        sql = f"SELECT f.rowid, bm25(passages_fts, ?, 1.0) AS s FROM passages_fts f{join} WHERE {where} " \
              "ORDER BY s LIMIT ?"
        args.append(limit)
        with self.lock:
            rows = self.conn.execute(sql, args).fetchall()
        return [(pid, -score) for pid, score in rows]

    def documents_holding(self, terms: Sequence[str]) -> frozenset[str]:
        """The documents with a passage (title or body) holding `terms` side by side, in order
        (an FTS5 phrase of analysed terms: "welsh languag educ bill")."""
        if not terms:
            return frozenset()
        phrase = '"' + " ".join(t.replace('"', '""') for t in terms) + '"'
        sql = ("SELECT DISTINCT p.doc_id FROM passages_fts f JOIN passages p ON p.id = f.rowid "
               "WHERE passages_fts MATCH ?")
        with self.lock:
            return frozenset(doc for (doc,) in self.conn.execute(sql, (phrase,)).fetchall())

    def doc_freqs(self, terms: Iterable[str]) -> dict[str, int]:
        """{term: number of passages containing it} (title or body)."""
        terms = sorted(set(terms))
        if not terms:
            return {}
        marks = ",".join("?" * len(terms))
        with self.lock:
            rows = self.conn.execute(f"SELECT term, doc FROM passages_vocab WHERE term IN ({marks})", terms).fetchall()
        return dict(rows)

    def terms_like(self, term: str, spread: int = 2) -> list[tuple[str, int]]:
        """Indexed terms with `term`'s first letter and a length within `spread`: (term, passages)."""
        if not term:
            return []
        first = term[0]
        with self.lock:
            return self.conn.execute(
                "SELECT term, doc FROM passages_vocab WHERE term >= ? AND term < ? AND length(term) BETWEEN ? AND ?",
                (first, chr(ord(first) + 1), len(term) - spread, len(term) + spread),
            ).fetchall()

    def document_count(self) -> int:
        with self.lock:
            return self.conn.execute("SELECT count(*) FROM documents").fetchone()[0]

    def passage_count(self) -> int:
        with self.lock:
            return self.conn.execute("SELECT count(*) FROM passages").fetchone()[0]

    def sources(self) -> list[str]:
        """The distinct organisations of the indexed documents."""
        with self.lock:
            rows = self.conn.execute(
                "SELECT DISTINCT source FROM documents WHERE source IS NOT NULL ORDER BY source"
            ).fetchall()
        return [r[0] for r in rows]

    def stats(self) -> "StoreStats":
        """Counts and date range, for `status`."""
        with self.lock:
            docs, first, last = self.conn.execute("SELECT count(*), min(date), max(date) FROM documents").fetchone()
            passages = self.conn.execute("SELECT count(*) FROM passages").fetchone()[0]
            per_source = self.conn.execute(
                "SELECT coalesce(source, ''), count(*) FROM documents GROUP BY source ORDER BY source"
            ).fetchall()
        return StoreStats(docs, passages, dict(per_source), _date(first), _date(last))

    def date_range(self, sources: Sequence[str] = (), since: dt.date | None = None,
                   until: dt.date | None = None) -> tuple[int, dt.date | None, dt.date | None]:
        """How many releases pass the filters, and their first and last dates."""
        where, params = _filters(sources, since, until)
        with self.lock:
            n, first, last = self.conn.execute(
                f"SELECT count(*), min(d.date), max(d.date) FROM documents d WHERE {where}", params).fetchone()
        return n, _date(first), _date(last)

    def newest(self, sources: Sequence[str] = (), since: dt.date | None = None, until: dt.date | None = None,
               limit: int = 3) -> list[str]:
        """Ids of the newest releases passing the filters, newest first."""
        where, params = _filters(sources, since, until)
        with self.lock:
            rows = self.conn.execute(f"SELECT d.doc_id FROM documents d WHERE {where} AND d.date IS NOT NULL "
                                     "ORDER BY d.date DESC, d.doc_id LIMIT ?", [*params, limit]).fetchall()
        return [r[0] for r in rows]

    def closest(self, sources: Sequence[str], since: dt.date | None, until: dt.date | None,
                limit: int = 3) -> list[str]:
        """Ids of the releases (of `sources`) dated nearest the window since..until, newest first."""
        where, params = _filters(sources, None, None)
        lo = (since or until or dt.date.min).isoformat()
        hi = (until or since or dt.date.max).isoformat()
        with self.lock:
            rows = self.conn.execute(
                f"SELECT d.doc_id, d.date FROM documents d WHERE {where} AND d.date IS NOT NULL ORDER BY "
                "CASE WHEN d.date < ? THEN julianday(?) - julianday(d.date) ELSE julianday(d.date) - julianday(?) END,"
                " d.doc_id LIMIT ?", [*params, lo, lo, hi, limit]).fetchall()
        return [doc for doc, _ in sorted(rows, key=lambda r: r[1], reverse=True)]

    def openings(self, chars: int = 2000, ending: int = 1500) -> list[tuple[str, str]]:
        """(organisation, first `chars` characters of the text and the last `ending`: where a release
        says who it is, in its first lines or its notes to editors) of every release with an organisation."""
        with self.lock:
            return self.conn.execute(
                "SELECT source, CASE WHEN length(text) <= ? + ? THEN text "
                "ELSE substr(text, 1, ?) || char(10) || substr(text, -?) END FROM documents WHERE source IS NOT NULL",
                (chars, ending, chars, ending)).fetchall()

    def fts_rows(self) -> list[tuple[int, str, str, str | None, str | None, str]]:
        """Every passage as indexed for BM25, in id order: (id, analysed title, analysed body,
        source, date, document id). For backends that keep the postings in memory."""
        with self.lock:
            return self.conn.execute(
                "SELECT f.rowid, f.title, f.body, d.source, d.date, p.doc_id FROM passages_fts f "
                "JOIN passages p ON p.id = f.rowid JOIN documents d ON d.doc_id = p.doc_id ORDER BY f.rowid"
            ).fetchall()


@dataclass(frozen=True)
class StoreStats:
    """What the store holds: counts, organisations and date range."""

    documents: int
    passages: int
    sources: dict[str, int]
    first_date: dt.date | None
    last_date: dt.date | None


def _filters(sources: Sequence[str], since: dt.date | None, until: dt.date | None) -> tuple[str, list[object]]:
    clauses: list[str] = []
    params: list[object] = []
    if sources:
        clauses.append(f"d.source IN ({','.join('?' * len(sources))})")
        params.extend(sources)
    if since:
        clauses.append("d.date >= ?")
        params.append(since.isoformat())
    if until:
        clauses.append("d.date <= ?")
        params.append(until.isoformat())
    return (" AND ".join(clauses) or "1"), params
