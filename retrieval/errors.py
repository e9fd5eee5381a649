"""Named errors, each saying what went wrong and how to fix it.

Front ends turn these into a one-line message and an exit status (CLI) or a
polite reply (bot); nothing else should reach a user as a traceback.
"""

from __future__ import annotations


class CitebotError(Exception):
    """Base class: the message is a complete sentence meant for the user."""


class BadQuestion(CitebotError):
    """The question is empty, blank or otherwise unusable."""


class BadFilter(CitebotError):
    """A --since/--until/--source value cannot be understood."""


class BadSetting(CitebotError):
    """A setting (flag or CITEBOT_* variable) has a value that cannot work."""


class EmptyCorpus(CitebotError):
    """No readable document was found where the corpus should be."""


class IndexMissing(CitebotError):
    """There is no index yet at the configured location."""

    def __init__(self, index_dir: object) -> None:
        super().__init__(f"no index at {index_dir}; build it with: citebot index")


class IndexDamaged(CitebotError):
    """The index files are unreadable or inconsistent."""

    def __init__(self, index_dir: object, reason: str) -> None:
        super().__init__(f"the index at {index_dir} is damaged ({reason}); rebuild it with: citebot index --full")


class IndexBusy(CitebotError):
    """Another process is writing the index."""


class IndexWriteError(CitebotError):
    """The index could not be written (disk full, no permission)."""


class LoadError(CitebotError):
    """A file of the corpus cannot be read; the message names it and the reason."""

    def __init__(self, path: object, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason


class FetchError(CitebotError):
    """A URL could not be fetched or holds no article."""


class ModelUnavailable(CitebotError):
    """The embedding model cannot be loaded here (not cached, no network)."""


class ModelDamaged(CitebotError):
    """The model's files are not what they should be (a weights file with the wrong hash)."""
