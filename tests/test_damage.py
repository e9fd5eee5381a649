"""A damaged index is reported in one line naming the fix, and the fix works."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from bot.cli import main
from retrieval import Engine, IndexDamaged, Settings

from .fakes import FakeEncoder

FIX = "rebuild it with: citebot index --full"


@pytest.fixture
def built(seed_corpus: Path, tmp_path: Path) -> Settings:
    settings = Settings(corpus=(seed_corpus,), index_dir=tmp_path / "idx", model="fake-encoder")
    Engine(settings, encoder=FakeEncoder()).index()
    return settings


def cli(settings: Settings, *argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main([*argv, "--index", str(settings.index_dir), "--corpus", str(settings.corpus[0]),
                 "--model", "fake-encoder"], out, err)
    return code, out.getvalue(), err.getvalue()


def vectors_file(settings: Settings) -> Path:
    [path] = settings.index_dir.glob("vectors-*.faiss")
    return path


@pytest.mark.parametrize("damage", ["truncate-vectors", "delete-vectors", "garble-sqlite", "truncate-sqlite"])
def test_damage_is_one_line_naming_the_fix(built: Settings, damage: str) -> None:
    if damage == "truncate-vectors":
        path = vectors_file(built)
        path.write_bytes(path.read_bytes()[:100])
    elif damage == "delete-vectors":
        vectors_file(built).unlink()
    elif damage == "garble-sqlite":
        data = bytearray(built.db_path.read_bytes())
        data[:100] = b"\xff" * 100  # the header
        built.db_path.write_bytes(bytes(data))
    else:
        built.db_path.write_bytes(built.db_path.read_bytes()[:2048])
    for f in built.index_dir.glob("citebot.sqlite-*"):
        f.unlink()
    with pytest.raises(IndexDamaged, match=FIX):
        Engine(built, encoder=FakeEncoder()).answer("what did NAHT Cymru ask for?")
    code, out, err = cli(built, "ask", "what did NAHT Cymru ask for?")
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and err.startswith(f"citebot: the index at {built.index_dir} is damaged (")
    assert err.rstrip().endswith(FIX)
    # The named fix works.
    engine = Engine(built, encoder=FakeEncoder())
    report = engine.index(full=True)
    assert report.documents == 2 and report.passages == 30
    assert engine.answer("what did NAHT Cymru ask for?").answered


def test_status_on_damaged_index(built: Settings) -> None:
    built.db_path.write_bytes(b"this is not a database" * 100)
    for f in built.index_dir.glob("citebot.sqlite-*"):
        f.unlink()
    code, out, err = cli(built, "status")
    assert code == 1 and FIX in err and err.count("\n") == 1


def test_incremental_index_on_damaged_store_asks_for_full(built: Settings) -> None:
    built.db_path.write_bytes(b"\x00" * 4096)
    for f in built.index_dir.glob("citebot.sqlite-*"):
        f.unlink()
    code, _, err = cli(built, "index")
    assert code == 1 and FIX in err
    code, out, _ = cli(built, "index", "--full")
    assert code == 0 and "— 2 documents, 30 passages" in out


def test_missing_vectors_are_rebuilt_by_plain_index(built: Settings) -> None:
    vectors_file(built).unlink()
    enc = FakeEncoder()
    report = Engine(built, encoder=enc).index()
    assert report.full and enc.passages_encoded == 30
    assert Engine(built, encoder=enc).answer("what did NAHT Cymru ask for?").answered


def test_memory_snapshot_keeps_serving_after_damage(built: Settings) -> None:
    import dataclasses

    engine = Engine(dataclasses.replace(built, memory_snapshot=True), encoder=FakeEncoder())
    engine.refresh_interval = 0
    before = engine.answer("what did NAHT Cymru ask for?").to_json()
    shutil.copy(built.db_path, built.index_dir / "good.sqlite")
    built.db_path.write_bytes(b"garbage" * 1000)
    for f in built.index_dir.glob("citebot.sqlite-*"):
        f.unlink()
    assert engine.answer("what did NAHT Cymru ask for?").to_json() == before
    assert engine.status().documents == 2


def test_a_damaged_delta_file_is_named_and_a_plain_index_repairs_it(
        built: Settings, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    from retrieval import dense

    monkeypatch.setattr(dense, "DELTA_MIN_BASE", 0)  # the seed index is far below the real threshold
    monkeypatch.setattr(dense, "DELTA_SHARE", 10.0)
    naht = next(built.corpus[0].glob("*naht*"))
    naht.write_text(naht.read_text(encoding="utf-8") + "\nThe union also asked for smaller classes.\n",
                    encoding="utf-8")
    Engine(built, encoder=FakeEncoder()).index()
    [delta] = built.index_dir.glob("vectors-*.delta.npz")
    delta.write_bytes(delta.read_bytes()[:50])
    with pytest.raises(IndexDamaged, match=f"{delta.name}: .*{FIX}"):
        Engine(built, encoder=FakeEncoder()).answer("what did NAHT Cymru ask for?")
    encoder = FakeEncoder()
    with caplog.at_level("WARNING", logger="retrieval.indexer"):
        report = Engine(built, encoder=encoder).index()
    assert [r.getMessage() for r in caplog.records] == [
        "cannot read vectors-2.delta.npz (File is not a zip file); re-embedding every passage"]
    assert report.full and encoder.passages_encoded == 31
    assert Engine(built, encoder=FakeEncoder()).current().meta["vectors_delta"] == ""
    assert Engine(built, encoder=FakeEncoder()).answer("smaller classes").answered
