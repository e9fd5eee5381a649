"""BM25 backends behind one interface: SQLite FTS5 on disk, or in memory.

`FtsBM25` asks FTS5 and reads nothing up front: right for a one-shot
`citebot ask`. `MemoryBM25` loads the same analysed text from FTS5 once and
scores with numpy, with FTS5's exact formula (so both rank alike): right for
long-lived processes (the bot, batch questions, evaluation), where it is
tens of times faster per query.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, NamedTuple, Protocol, Sequence

from .store import Store

if TYPE_CHECKING:
    import numpy as np

K1 = 1.2
B = 0.75


class LexicalIndex(Protocol):
    """What the ranker and the engine need of a BM25 backend."""

    def unknown(self, terms: Sequence[str]) -> set[str]:
        """The terms that occur nowhere in the index."""
        ...

    def terms_like(self, term: str, spread: int = 2) -> list[tuple[str, int]]:
        """Indexed terms with `term`'s first letter and a length within `spread`, with passage counts."""
        ...

    def search(self, terms: Sequence[str], limit: int, *, sources: Sequence[str] = (),
               since: dt.date | None = None, until: dt.date | None = None) -> list[tuple[int, float]]:
        """(passage id, BM25 score) pairs, best first, for passages matching any term."""
        ...

    def scores_for(self, terms: Sequence[str], ids: Sequence[int]) -> dict[int, float]:
        """{passage id: BM25 score} of `ids` for `terms`, 0.0 for one matching none (no filters)."""
        ...

    def doc_of(self, ids: Sequence[int]) -> dict[int, str]:
        """{passage id: document id}."""
        ...

    def top_documents(self, terms: Sequence[str], k: int, *, sources: Sequence[str] = (),
                      since: dt.date | None = None, until: dt.date | None = None) -> list[DocumentScore]:
        """Documents ranked by their best passage, best first, at most `k`."""
        ...


class DocumentScore(NamedTuple):
    """A document and its score for a question (its best passage's)."""

    doc_id: str
    score: float


def best_per_document(ranked: Sequence[tuple[int, float]], doc_of: dict[int, str], k: int) -> list[DocumentScore]:
    """The first `k` distinct documents of a passage ranking, each with its best passage's score."""
    out: list[DocumentScore] = []
    seen: set[str] = set()
    for pid, score in ranked:
        doc = doc_of.get(pid)
        if doc is not None and doc not in seen:
            seen.add(doc)
            out.append(DocumentScore(doc, score))
            if len(out) >= k:
                break
    return out


class FtsBM25:
    """BM25 straight from SQLite FTS5."""

    def __init__(self, store: Store, title_weight: float) -> None:
        self.store = store
        self.title_weight = title_weight

    def unknown(self, terms: Sequence[str]) -> set[str]:
        return set(terms) - set(self.store.doc_freqs(terms))

    def terms_like(self, term: str, spread: int = 2) -> list[tuple[str, int]]:
        return self.store.terms_like(term, spread)

    def search(self, terms: Sequence[str], limit: int, *, sources: Sequence[str] = (),
               since: dt.date | None = None, until: dt.date | None = None) -> list[tuple[int, float]]:
        return self.store.bm25(terms, limit, title_weight=self.title_weight, sources=sources, since=since,
                               until=until)

    def scores_for(self, terms: Sequence[str], ids: Sequence[int]) -> dict[int, float]:
        found = dict(self.store.bm25(terms, len(ids), title_weight=self.title_weight, among=ids)) if ids else {}
        return {pid: found.get(pid, 0.0) for pid in ids}

    def doc_of(self, ids: Sequence[int]) -> dict[int, str]:
        return self.store.doc_ids_of(ids)

    def top_documents(self, terms: Sequence[str], k: int, *, sources: Sequence[str] = (),
                      since: dt.date | None = None, until: dt.date | None = None) -> list[DocumentScore]:
        # Passages, deep enough that k distinct documents are almost always among them.
        ranked = self.search(terms, max(100, k * 3), sources=sources, since=since, until=until)
        return best_per_document(ranked, self.doc_of([pid for pid, _ in ranked]), k)


class MemoryBM25:
    """BM25 over arrays in memory, scoring exactly as FTS5's bm25() does.

    Each posting holds its precomputed term score, idf * tf(k1+1) / (tf + k1(1-b+b*dl/avgdl)),
    where tf weights title hits by `title_weight` and dl counts both columns;
    a query sums the postings of its terms (repeats count again, as in FTS5).
    """

    def __init__(self, store: Store, title_weight: float) -> None:
        import numpy as np

        rows = store.fts_rows()
        n = len(rows)
        self.ids = np.array([r[0] for r in rows], dtype=np.int64)
        self.doc_ids = [r[5] for r in rows]
        names: dict[str, int] = {}
        self.doc_index = np.fromiter((names.setdefault(d, len(names)) for d in self.doc_ids), dtype=np.int64,
                                     count=n)
        self.doc_names = list(names)
        changes = np.flatnonzero(np.diff(self.doc_index)) + 1 if n else np.zeros(0, dtype=np.int64)
        self.segment_starts = np.concatenate([[0], changes]).astype(np.int64) if n else np.zeros(0, dtype=np.int64)
        self.segment_names = np.array(self.doc_names, dtype=object)[self.doc_index[self.segment_starts]] if n \
            else np.zeros(0, dtype=object)
        if len(self.segment_starts) != len(self.doc_names):
            raise ValueError("passages of a document are not contiguous in id order")
        seg_len = np.diff(np.concatenate([self.segment_starts, [n]])) if n else np.zeros(0, dtype=np.int64)
        self.multi_segments = np.flatnonzero(seg_len > 1)
        self.multi_rows = np.concatenate(
            [np.arange(self.segment_starts[i], self.segment_starts[i] + seg_len[i]) for i in self.multi_segments]
        ).astype(np.int64) if len(self.multi_segments) else np.zeros(0, dtype=np.int64)
        self.multi_starts = np.concatenate([[0], np.cumsum(seg_len[self.multi_segments])[:-1]]).astype(np.int64) \
            if len(self.multi_segments) else np.zeros(0, dtype=np.int64)
        self.sources = [r[3] for r in rows]
        self.dates = np.array([dt.date.fromisoformat(r[4]).toordinal() if r[4] else -1 for r in rows],
                              dtype=np.int64)
        # Vectorised build: one token array for both columns, term ids from
        # a dict pass, then (term, row) pairs summed with their column weight.
        title_lists = [r[1].split() for r in rows]
        body_lists = [r[2].split() for r in rows]
        t_len = np.fromiter((len(x) for x in title_lists), dtype=np.int64, count=n)
        b_len = np.fromiter((len(x) for x in body_lists), dtype=np.int64, count=n)
        tokens = [t for x in title_lists for t in x] + [t for x in body_lists for t in x]
        vocab: dict[str, int] = {}
        term_ids = np.fromiter((vocab.setdefault(t, len(vocab)) for t in tokens), dtype=np.int64, count=len(tokens))
        row_of = np.concatenate([np.repeat(np.arange(n), t_len), np.repeat(np.arange(n), b_len)])
        weight = np.concatenate([np.full(int(t_len.sum()), title_weight), np.ones(int(b_len.sum()))])
        keys, inverse = np.unique(term_ids * max(n, 1) + row_of, return_inverse=True)
        tf = np.bincount(inverse, weights=weight)
        term_of = keys // max(n, 1)
        rows_arr = (keys % max(n, 1)).astype(np.int32)
        lengths = (t_len + b_len).astype(np.float64)
        avgdl = lengths.sum() / n if n else 1.0
        df = np.bincount(term_of, minlength=len(vocab)).astype(np.float64)
        idf = np.log((n - df + 0.5) / (df + 0.5))
        idf[idf <= 0] = 1e-6
        self.vocab = vocab
        self.starts = np.concatenate([[0], np.cumsum(df.astype(np.int64))])
        self.rows = rows_arr
        self.scores = idf[term_of] * tf * (K1 + 1) / (tf + K1 * (1 - B + B * lengths[rows_arr] / avgdl))
        self.n = n
        self._buckets: dict[tuple[str, int], list[tuple[str, int]]] | None = None

    def __len__(self) -> int:
        return self.n

    def unknown(self, terms: Sequence[str]) -> set[str]:
        return {t for t in terms if t not in self.vocab}

    def terms_like(self, term: str, spread: int = 2) -> list[tuple[str, int]]:
        if not term:
            return []
        if self._buckets is None:
            import numpy as np

            buckets: dict[tuple[str, int], list[tuple[str, int]]] = {}
            df = np.diff(self.starts)
            for t, i in self.vocab.items():
                buckets.setdefault((t[0], len(t)), []).append((t, int(df[i])))
            self._buckets = buckets
        return [x for n in range(len(term) - spread, len(term) + spread + 1)
                for x in self._buckets.get((term[0], n), ())]

    def doc_of(self, ids: Sequence[int]) -> dict[int, str]:
        """{passage id: document id} without asking SQLite."""
        import numpy as np

        rows = np.searchsorted(self.ids, np.asarray(ids, dtype=np.int64))
        return {pid: self.doc_ids[r] for pid, r in zip(ids, rows) if r < self.n and self.ids[r] == pid}

    def allowed(self, sources: Sequence[str] = (), since: dt.date | None = None,
                until: dt.date | None = None) -> "np.ndarray | None":
        """Boolean mask of rows passing the filters, or None when there are none."""
        import numpy as np

        if not (sources or since or until):
            return None
        mask = np.ones(self.n, dtype=bool)
        if sources:
            wanted = set(sources)
            mask &= np.fromiter((s in wanted for s in self.sources), dtype=bool, count=self.n)
        if since:
            mask &= self.dates >= since.toordinal()
        if until:
            mask &= (self.dates >= 0) & (self.dates <= until.toordinal())
        return mask

    def search(self, terms: Sequence[str], limit: int, *, sources: Sequence[str] = (),
               since: dt.date | None = None, until: dt.date | None = None) -> list[tuple[int, float]]:
        rows, scores = self.top_rows(terms, limit, self.allowed(sources, since, until))
        return list(zip(self.ids[rows].tolist(), scores.tolist()))

    def scores_for(self, terms: Sequence[str], ids: Sequence[int]) -> dict[int, float]:
        import numpy as np

        scores = self.scores_of(terms)
        rows = np.searchsorted(self.ids, np.asarray(ids, dtype=np.int64))
        return {pid: float(scores[r]) if scores is not None and r < self.n and self.ids[r] == pid else 0.0
                for pid, r in zip(ids, rows.tolist())}

    def scores_of(self, terms: Sequence[str]) -> "np.ndarray | None":
        """BM25 score of every row for `terms` (None when no term is in the vocabulary)."""
        import numpy as np

        spans = [(self.starts[i], self.starts[i + 1]) for i in (self.vocab.get(t) for t in terms) if i is not None]
        if not spans:
            return None
        if len(spans) == 1:
            a, b = spans[0]
            rows, vals = self.rows[a:b], self.scores[a:b]
        else:
            rows = np.concatenate([self.rows[a:b] for a, b in spans])
            vals = np.concatenate([self.scores[a:b] for a, b in spans])
        return np.bincount(rows, weights=vals, minlength=self.n)

    def top_rows(self, terms: Sequence[str], limit: int,
                 mask: "np.ndarray | None" = None) -> "tuple[np.ndarray, np.ndarray]":
        """The best `limit` rows with a positive score, and their scores, best first (ties by id)."""
        import numpy as np

        scores = self.scores_of(terms)
        if scores is None:
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        if mask is not None:
            scores[~mask] = 0.0
        touched = np.flatnonzero(scores)
        if len(touched) > limit:
            part = np.argpartition(-scores[touched], limit - 1)[:limit]
            touched = touched[part]
        order = np.lexsort((self.ids[touched], -scores[touched]))
        rows = touched[order]
        return rows, scores[rows]

    def top_documents(self, terms: Sequence[str], k: int, *, sources: Sequence[str] = (),
                      since: dt.date | None = None, until: dt.date | None = None) -> list[DocumentScore]:
        """Documents ranked by their best passage: (document id, score), best first.

        A document's passages have consecutive ids (they are inserted
        together), so its rows form one segment and the best passage per
        document is one `maximum.reduceat` away.
        """
        import numpy as np

        scores = self.scores_of(terms)
        if scores is None:
            return []
        mask = self.allowed(sources, since, until)
        if mask is not None:
            scores[~mask] = 0.0
        # Most documents have one passage: gather their scores, and reduce
        # only over the segments of documents with several.
        best = scores[self.segment_starts]
        if len(self.multi_segments):
            best[self.multi_segments] = np.maximum.reduceat(scores[self.multi_rows], self.multi_starts)
        if len(best) > k:
            top = np.argpartition(-best, k - 1)[:k]
            top = np.sort(top[best[top] > 0])
        else:
            top = np.flatnonzero(best)
        order = top[np.argsort(-best[top], kind="stable")]
        return [DocumentScore(d, s) for d, s in zip(self.segment_names[order].tolist(), best[order].tolist())]
