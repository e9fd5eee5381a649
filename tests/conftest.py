"""Shared fixtures: offline settings, a copy of the seed corpus, small fake
releases, a fake encoder, and a tiny real sentence-transformers model built locally.

The suite never reads or writes the user's `corpus/` or `.citebot/`: the seed
releases come from tests/fixtures/seed-corpus (byte copies of the two seeds),
every test runs in its own temporary working folder, and an audit hook fails
any test that opens or lists a path inside those two folders.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import Sequence

import pytest

from retrieval import Engine, Settings

from .fakes import FakeEncoder

REPO = Path(__file__).resolve().parent.parent
SEED_CORPUS = REPO / "tests" / "fixtures" / "seed-corpus"
USER_STATE = (REPO / "corpus", REPO / ".citebot")

FAKE_RELEASES = {
    "2023-03-01-teachers-pay.md": """---
title: Teachers' union demands fair pay rise
date: 2023-03-01
source: Example Teachers Union
---
The Example Teachers Union today demanded a fully funded pay rise of 8 per cent for all teachers.

General secretary Jane Roe said: "Teachers have waited too long. The government must act now."

The union will ballot members on strike action in April if no offer is made.
""",
    "2022-09-15-school-meals.md": """---
title: Free school meals for every primary pupil
date: 2022-09-15
source: Example Council
url: https://example.org/news/school-meals
---
Every primary pupil in the county will receive free school meals from September, the council announced.

The scheme costs 12 million pounds a year and is paid for from the education budget.
""",
    "2021-06-30-libraries.txt": """Council reopens libraries after refurbishment

30 June 2021

All six branch libraries reopen on Monday with longer opening hours and new study spaces.

Councillor Sam Lee said the refurbishment was finished on time and under budget.
""",
}


_USER_PREFIXES = tuple(os.fspath(p) for p in USER_STATE)
_user_state_touched: list[str] = []


_WATCHED_EVENTS = {"open", "os.listdir", "os.scandir", "os.mkdir", "os.remove", "os.rmdir", "os.rename",
                   "os.replace", "sqlite3.connect"}


def _watch_user_state(event: str, args: tuple) -> None:
    """Audit hook: note every open, listing, change or database connection inside the user's
    corpus/ or .citebot/."""
    if event not in _WATCHED_EVENTS:
        return
    for path in args[:2] if event in ("os.rename", "os.replace") else args[:1]:
        if not isinstance(path, (str, os.PathLike)):
            continue  # a file descriptor, or bytes
        name = os.fspath(path)
        if event == "sqlite3.connect" and name.startswith("file:"):
            name = name[5:].split("?", 1)[0]
        full = os.path.abspath(name)
        if any(full == p or full.startswith(p + os.sep) for p in _USER_PREFIXES):
            _user_state_touched.append(full)


sys.addaudithook(_watch_user_state)


@pytest.fixture(autouse=True)
def _offline_env(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """No test reads the developer's CITEBOT_* settings, touches the network for models,
    or works in the repository folder (where default paths would reach the user's corpus)."""
    for key in list(os.environ):
        if key.startswith("CITEBOT_") or key.startswith("TELEGRAM_"):
            monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("TRANSFORMERS_OFFLINE", "1")
    monkeypatch.chdir(tmp_path_factory.mktemp("cwd"))


@pytest.fixture(autouse=True)
def _user_state_untouched() -> None:
    """Fail a test that opened or listed anything in the user's corpus/ or .citebot/."""
    _user_state_touched.clear()
    yield
    touched = sorted(set(_user_state_touched))
    _user_state_touched.clear()
    assert not touched, f"the test read or wrote the user's corpus/ or .citebot/: {touched[:5]}"


@pytest.fixture
def seed_corpus(tmp_path: Path) -> Path:
    """A copy of the two seed releases (tests/fixtures/seed-corpus), in a folder named corpus."""
    dest = tmp_path / "corpus"
    shutil.copytree(SEED_CORPUS, dest)
    return dest


def release_text(date: str, title: str, *paragraphs: str, source: str) -> str:
    """A release in Markdown with front matter: its paragraphs under `title`, by `source`, on `date`."""
    return f"---\ntitle: {title}\ndate: {date}\nsource: {source}\n---\n" + "\n\n".join(paragraphs)


def plans_releases(year: int, topics: Sequence[str], source: str,
                   text: str = "New plans for {} in schools.") -> dict[str, str]:
    """A release a month of `year` by `source` on each of `topics` (`text`, naming the topic): enough
    other releases for the words a test turns on to be rare in its corpus."""
    return {f"{year}-{m:02d}-01-plans-{topic}.md": release_text(f"{year}-{m:02d}-01", topic.title(),
                                                                 text.format(topic), source=source)
            for m, topic in enumerate(topics, start=1)}


def write_releases(folder: Path, releases: dict[str, str]) -> Path:
    """`folder`, made, holding each release {file name: text}."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in releases.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def lexical_engine(root: Path, releases: dict[str, str], **engine_args: object) -> Engine:
    """A lexical-only engine over `releases` (written to `root`/corpus), indexed in `root`/idx."""
    corpus = write_releases(root / "corpus", releases)
    engine = Engine(Settings(corpus=(corpus,), index_dir=root / "idx", model="none"), encoder=None,
                    **engine_args)  # type: ignore[arg-type]
    engine.index()
    return engine


@pytest.fixture
def fake_corpus(tmp_path: Path) -> Path:
    """Three short invented releases (two Markdown with front matter, one plain text)."""
    return write_releases(tmp_path / "fake-corpus", FAKE_RELEASES)


@pytest.fixture
def seed_settings(tmp_path: Path, seed_corpus: Path) -> Settings:
    return Settings(corpus=(seed_corpus,), index_dir=tmp_path / "index", model="none")


@pytest.fixture
def seed_engine(seed_settings: Settings) -> Engine:
    """A lexical-only engine with the seed corpus indexed."""
    engine = Engine(seed_settings, encoder=None)
    engine.index()
    yield engine
    engine.close()


@pytest.fixture
def fake_encoder() -> FakeEncoder:
    return FakeEncoder()


def _build_tiny_model(folder: Path) -> Path:
    """A one-layer BERT with a WordPiece vocabulary trained on the test texts,
    wrapped as a sentence-transformers model and saved to `folder`."""
    import torch
    from sentence_transformers import SentenceTransformer
    from tokenizers import Tokenizer, models, normalizers, pre_tokenizers, trainers
    from transformers import BertConfig, BertModel, BertTokenizerFast

    try:
        from sentence_transformers.sentence_transformer.modules import Pooling, Transformer
    except ImportError:  # older sentence-transformers
        from sentence_transformers.models import Pooling, Transformer

    texts = [p.read_text(encoding="utf-8") for p in SEED_CORPUS.glob("*")] + list(FAKE_RELEASES.values())
    tokenizer = Tokenizer(models.WordPiece(unk_token="[UNK]"))
    tokenizer.normalizer = normalizers.BertNormalizer(lowercase=True)
    tokenizer.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    tokenizer.train_from_iterator(
        texts, trainers.WordPieceTrainer(vocab_size=2000, special_tokens=["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"])
    )
    fast = BertTokenizerFast(tokenizer_object=tokenizer, unk_token="[UNK]", pad_token="[PAD]", cls_token="[CLS]",
                             sep_token="[SEP]", mask_token="[MASK]")
    torch.manual_seed(0)
    config = BertConfig(vocab_size=tokenizer.get_vocab_size(), hidden_size=32, num_hidden_layers=1,
                        num_attention_heads=2, intermediate_size=64, max_position_embeddings=256)
    raw = folder / "bert"
    BertModel(config).save_pretrained(raw)
    fast.save_pretrained(raw)
    transformer = Transformer(str(raw), max_seq_length=256)
    get_dim = getattr(transformer, "get_embedding_dimension", None) or transformer.get_word_embedding_dimension
    model = SentenceTransformer(modules=[transformer, Pooling(get_dim(), "mean")], device="cpu")
    out = folder / "tiny-st"
    model.save(str(out))
    return out


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Path of a tiny real sentence-transformers model, built once per session."""
    return _build_tiny_model(tmp_path_factory.mktemp("model"))


@pytest.fixture
def tiny_engine(tiny_model: Path, seed_corpus: Path, tmp_path: Path) -> Engine:
    """An Engine over the seed corpus, indexed with the tiny model (its ONNX export beside the index)."""
    engine = Engine(Settings(corpus=(seed_corpus,), index_dir=tmp_path / "idx", model=str(tiny_model)))
    engine.index()
    return engine
