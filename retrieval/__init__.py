"""citebot's retrieval library: index press releases, answer questions with verbatim cited quotes.

    from retrieval import Engine, Settings
    engine = Engine(Settings.from_env())
    engine.index()
    answer = engine.answer("what did NAHT Cymru ask for?")

Heavy dependencies (faiss, sentence-transformers, torch) are imported only
when a dense index or a model is actually used.
"""

from .engine import Engine, Status
from .errors import (
    BadFilter,
    BadQuestion,
    BadSetting,
    CitebotError,
    EmptyCorpus,
    FetchError,
    IndexBusy,
    IndexDamaged,
    IndexMissing,
    IndexWriteError,
    LoadError,
    ModelDamaged,
    ModelUnavailable,
)
from .indexer import IndexReport
from .schema import Answer, Citation, Document, Hit, Passage, Quote
from .settings import Settings

__all__ = [
    "Answer", "BadFilter", "BadQuestion", "BadSetting", "Citation", "CitebotError", "Document", "EmptyCorpus", "Engine",
    "FetchError", "Hit", "IndexBusy", "IndexDamaged", "IndexMissing", "IndexReport", "IndexWriteError",
    "LoadError", "ModelDamaged", "ModelUnavailable", "Passage", "Quote", "Settings", "Status",
]
