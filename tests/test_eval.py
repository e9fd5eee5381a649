"""Evaluation: metrics against hand-computed values, the readers, and `citebot eval`'s exact output."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

from bot.cli import main
from retrieval import Engine, Settings
from retrieval.evaluate import (
    BadEvalFile,
    Expectation,
    contains_phrase,
    evaluate,
    evaluate_expectations,
    mrr_at_k,
    ndcg_at_k,
    read_expectations,
    read_qrels,
    read_queries,
    recall_at_k,
    score_runs,
)

# -- metrics -----------------------------------------------------------------


def test_ndcg_graded_by_hand() -> None:
    # DCG@3 = 0 + 2/log2(3) + 1/log2(4) = 1.26186 + 0.5 = 1.76186
    # IDCG@3 = 3/log2(2) + 2/log2(3) + 1/log2(4) = 3 + 1.26186 + 0.5 = 4.76186
    judged = {"b": 2, "c": 1, "d": 3}
    assert ndcg_at_k(["a", "b", "c"], judged, 3) == pytest.approx(1.76186 / 4.76186, abs=1e-5)
    assert ndcg_at_k(["d", "b", "c"], judged, 3) == pytest.approx(1.0)
    # Cut at 1: only "a" counts (gain 0); the ideal is 3.
    assert ndcg_at_k(["a", "b", "c"], judged, 1) == 0.0


def test_ndcg_binary_and_not_relevant_grades() -> None:
    assert ndcg_at_k(["x", "r"], {"r": 1}, 10) == pytest.approx(0.63093, abs=1e-5)  # 1/log2(3)
    assert ndcg_at_k(["x"], {"x": -1, "y": 0}, 10) == 0.0  # nothing relevant
    assert ndcg_at_k([], {"r": 1}, 10) == 0.0


def test_recall_by_hand() -> None:
    judged = {"a": 1, "b": 1, "c": 0, "d": 2}
    ranked = ["a", "c", "e", "d"]
    assert recall_at_k(ranked, judged, 2) == pytest.approx(1 / 3)
    assert recall_at_k(ranked, judged, 4) == pytest.approx(2 / 3)
    assert recall_at_k(ranked, {"c": 0}, 4) == 0.0


def test_mrr_by_hand() -> None:
    assert mrr_at_k(["x", "y", "a"], {"a": 1}, 10) == pytest.approx(1 / 3)
    assert mrr_at_k(["x", "y", "a"], {"a": 1}, 2) == 0.0
    assert mrr_at_k(["a", "b"], {"a": -1, "b": 3}, 10) == 0.5


def test_phrase_match_ignores_case_space_and_curly_quotes() -> None:
    assert contains_phrase("The union’s  call for\nFUNDING.", ["union's call for funding"])
    assert not contains_phrase("The union called for funding.", ["call for funding"])


# -- readers -------------------------------------------------------------------


def test_read_qrels_header_crlf_spaces_and_trec(tmp_path: Path) -> None:
    beir = tmp_path / "q.tsv"
    beir.write_bytes(b"query-id\tcorpus-id\tscore\r\n1\t31715818\t1\r\n1  d2   2\r\n\r\n3\td9\t0\r\n")
    assert read_qrels(beir) == {"1": {"31715818": 1, "d2": 2}, "3": {"d9": 0}}
    trec = tmp_path / "trec.txt"
    trec.write_text("q1 0 d1 1\nq1 0 d2 -1\n", encoding="utf-8")
    assert read_qrels(trec) == {"q1": {"d1": 1, "d2": -1}}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("query-id\tcorpus-id\tscore\n1\td1\n", "line 2: expected 'query-id corpus-id score', got 2 columns"),
        ("1\td1\t1\n2\td2\thigh\n", "line 2: score 'high' is not a number"),
        ("query-id\tcorpus-id\tscore\n", "no judgements"),
    ],
)
def test_read_qrels_rejects_malformed(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.tsv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(BadEvalFile, match=re.escape(f"{path}: {message}")):
        read_qrels(path)


def test_read_queries(tmp_path: Path) -> None:
    path = tmp_path / "queries.jsonl"
    path.write_text('{"_id": 1, "text": "a", "metadata": {}}\r\n\n{"id": "x", "text": "b"}\n', encoding="utf-8")
    assert read_queries(path) == {"1": "a", "x": "b"}
    path.write_text('{"_id": "1", "text": "a"}\n{"_id": "1", "text": "b"}\n', encoding="utf-8")
    with pytest.raises(BadEvalFile, match="line 2: query id '1' repeats"):
        read_queries(path)
    path.write_text('{"question": "q?", "expect": ["x"]}\n', encoding="utf-8")
    with pytest.raises(BadEvalFile, match=r"needs '_id' and 'text' \(an expectations file takes no --qrels\)"):
        read_queries(path)


def test_read_expectations(tmp_path: Path) -> None:
    path = tmp_path / "expect.jsonl"
    path.write_text('{"question": "q1?", "expect": ["a", "b"]}\n{"question": "q2?", "decline": true}\n'
                    '{"question": "q3?", "expect": "c"}\n', encoding="utf-8")
    assert read_expectations(path) == [Expectation("q1?", ("a", "b")), Expectation("q2?", (), True),
                                       Expectation("q3?", ("c",))]
    for line, message in [('{"question": "q?"}', "give 'expect' phrases or \"decline\": true"),
                          ('{"question": "q?", "expect": [1]}', "'expect' must be a list of phrases"),
                          ('{"question": " ", "expect": ["a"]}', "needs a 'question'"),
                          ('{"question": "q?", "expect": ["a"], "decline": true}', "cannot both"),
                          ('["q?"]', "expected a JSON object")]:
        path.write_text(line + "\n", encoding="utf-8")
        with pytest.raises(BadEvalFile, match=re.escape(message)):
            read_expectations(path)


# -- a tiny judged corpus ----------------------------------------------------------

CORPUS = [
    {"_id": "d1", "title": "Teachers' union demands fair pay rise",
     "text": "The Example Teachers Union today demanded a fully funded pay rise of 8 per cent for all teachers."},
    {"_id": "d2", "title": "Free school meals for every primary pupil",
     "text": "Every primary pupil in the county will receive free school meals from September."},
    {"_id": "d3", "title": "Council reopens libraries after refurbishment",
     "text": "All six branch libraries reopen on Monday with longer opening hours and new study spaces."},
    {"_id": "d4", "title": "Harbour dredging contract awarded",
     "text": "The harbour board has awarded a dredging contract worth two million pounds.\n\n"
             "Dredging starts in May and ends in September."},
]
QUERIES = [
    {"_id": "q1", "text": "teachers pay rise"},
    {"_id": "q2", "text": "free school meals for primary pupils"},
    {"_id": "q3", "text": "volcanic ash cloud"},
    {"_id": "q5", "text": "harbour dredging"},
    {"_id": "q6", "text": "not judged at all"},
    {"_id": "q7", "text": "dredging"},
]
# q1: d1 first (all metrics 1). q2: d2 (grade 2) first, d3 (grade 1) never found:
# nDCG@10 = 2 / (2 + 1/log2(3)) = 0.76019, Recall 0.5, MRR 1. q3: nothing found: 0.
# q7: both passages of d4 match, yet d4 ranks once (by its best passage), and
# d1 is not found: nDCG@10 = 1 / (1 + 1/log2(3)) = 0.61315, Recall 0.5, MRR 1.
# q4 is judged but not in the queries; q5 has no relevant judgement: neither is scored.
QRELS = ("query-id\tcorpus-id\tscore\nq1\td1\t1\nq2\td2\t2\nq2\td3\t1\nq3\td4\t1\nq4\td1\t1\nq5\td4\t0\n"
         "q7\td4\t1\nq7\td1\t1\n")
EXPECTED = {"queries": 4, "ndcg@10": round((1 + 0.76019 + 0 + 0.61315) / 4, 4), "recall@10": 0.5,
            "recall@100": 0.5, "mrr@10": 0.75}


@pytest.fixture
def judged(tmp_path: Path) -> dict[str, Path]:
    """A four-record JSONL corpus with its queries and qrels, and an index folder path."""
    paths = {"corpus": tmp_path / "corpus.jsonl", "queries": tmp_path / "queries.jsonl",
             "qrels": tmp_path / "qrels.tsv", "index": tmp_path / "index"}
    paths["corpus"].write_text("".join(json.dumps(r) + "\n" for r in CORPUS), encoding="utf-8")
    paths["queries"].write_text("".join(json.dumps(r) + "\n" for r in QUERIES), encoding="utf-8")
    paths["qrels"].write_text(QRELS, encoding="utf-8")
    return paths


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def test_evaluate_library(judged: dict[str, Path]) -> None:
    engine = Engine(Settings(corpus=(judged["corpus"],), index_dir=judged["index"], model="none"), encoder=None)
    engine.index()
    result = evaluate(engine, read_queries(judged["queries"]), read_qrels(judged["qrels"]))
    assert {k: v for k, v in result.to_json().items() if k in EXPECTED} == EXPECTED
    assert (result.missing, result.depth) == (1, 100)
    assert result.per_query == {"q1": (1.0, 1.0), "q2": (pytest.approx(0.76019, abs=1e-5), 0.5), "q3": (0.0, 0.0),
                                "q7": (pytest.approx(0.61315, abs=1e-5), 0.5)}
    assert result.seconds > 0 and result.qps > 0
    engine.close()


def test_cli_eval_exact_output(judged: dict[str, Path]) -> None:
    base = ["eval", "--index", str(judged["index"]), "--model", "none", "--queries", str(judged["queries"]),
            "--qrels", str(judged["qrels"])]
    code, out, err = run(*base, "--corpus", str(judged["corpus"]))
    assert code == 0
    qps = out.rsplit(" ", 1)[-1].strip()
    assert float(qps) > 0
    assert out == (
        "queries     4\n"
        "nDCG@10     0.5933\n"
        "Recall@10   0.5000\n"
        "Recall@100  0.5000\n"
        "MRR@10      0.7500\n"
        f"queries/s   {qps}\n"
    )
    assert err.startswith("rebuilt: added 4, updated 0, removed 0, unchanged 0 — 4 documents, 5 passages")
    assert err.endswith(f"citebot: note: 1 judged queries are not in {judged['queries']}; scored the other 4\n")
    # With the index built, --json and a shallow -k; nothing to say about the index.
    code, out, err = run(*base, "--json", "-k", "1")
    data = json.loads(out)
    assert code == 0 and err.startswith("citebot: note: 1 judged")
    assert {k: data[k] for k in EXPECTED} == {**EXPECTED, "recall@100": 0.5, "recall@10": 0.5}
    assert data["depth"] == 1 and data["missing"] == 1 and data["qps"] > 0


def test_cli_eval_expectations_on_the_seed_corpus(seed_corpus: Path, tmp_path: Path) -> None:
    questions = tmp_path / "expect.jsonl"
    questions.write_text(
        '{"question": "who is Laura Doel?", "expect": ["NAHT Cymru national secretary"]}\n'
        '{"question": "what did NAHT Cymru ask for?", "expect": ["amend the ALN code", "injection of funding"]}\n'
        '{"question": "what did NAHT Cymru ask for?", "expect": ["electric cars"]}\n'
        '{"question": "What is the capital of France?", "decline": true}\n'
        '{"question": "What did NAHT Cymru say about school leaders?", "decline": true}\n',
        encoding="utf-8")
    code, out, err = run("eval", "--corpus", str(seed_corpus), "--index", str(tmp_path / "index"), "--model", "none",
                         "--queries", str(questions))
    assert code == 0
    assert out == (
        "questions         5\n"
        "quoted            2 of 3  (a quoted sentence holds an expected phrase)\n"
        "first quote       2 of 3\n"
        "wrongly declined  0 of 3\n"
        "declined          1 of 2  (questions marked decline)\n"
        "miss: what did NAHT Cymru ask for?  (no quoted sentence holds an expected phrase)\n"
        "miss: What did NAHT Cymru say about school leaders?  (answered; expected a decline)\n"
    )
    code, out, _ = run("eval", "--index", str(tmp_path / "index"), "--queries", str(questions), "--json")
    data = json.loads(out)
    assert code == 0
    assert data["summary"] == {"questions": 5, "expect": 3, "quoted": 2, "first_quote": 2, "declined_wrongly": 0,
                               "decline": 2, "declined": 1, "seconds": data["summary"]["seconds"]}
    assert [r["hit"] for r in data["results"]] == [True, True, False, True, False]


def test_evaluate_expectations_library(seed_engine: Engine) -> None:
    report = evaluate_expectations(seed_engine, [Expectation("who is Laura Doel?", ("national secretary",)),
                                                 Expectation("How do I reset my password?", decline=True)])
    assert [(r.answered, r.hit, r.first_hit) for r in report.results] == [(True, True, True), (False, True, False)]


@pytest.mark.parametrize(
    ("files", "code", "message"),
    [
        ({"queries": '{"_id": "q1", "text": "pay"}\n{not json\n'}, 2,
         "{queries}: line 2: not JSON (Expecting property name enclosed in double quotes)"),
        ({"qrels": "q1 d1\n"}, 2, "{qrels}: line 1: expected 'query-id corpus-id score', got 2 columns"),
        ({"qrels": "query-id\tcorpus-id\tscore\nq9\td1\t1\n"}, 2, "no query judged relevant in {qrels} is in {queries}"),
        ({"queries": None}, 1, "cannot read {queries}: no such file"),
    ],
)
def test_cli_eval_bad_input_is_one_line(judged: dict[str, Path], files: dict, code: int, message: str) -> None:
    engine = Engine(Settings(corpus=(judged["corpus"],), index_dir=judged["index"], model="none"), encoder=None)
    engine.index()
    engine.close()
    for name, content in files.items():
        if content is None:
            judged[name].unlink()
        else:
            judged[name].write_text(content, encoding="utf-8")
    got, out, err = run("eval", "--index", str(judged["index"]), "--queries", str(judged["queries"]),
                        "--qrels", str(judged["qrels"]))
    assert (got, out) == (code, "")
    assert err == "citebot: " + message.format(**{k: str(v) for k, v in judged.items()}) + "\n"


def test_cli_eval_usage(tmp_path: Path) -> None:
    code, _, err = run("eval", "--qrels", "x.tsv")
    assert code == 2 and err == "citebot: the following arguments are required: --queries (see: citebot eval --help)\n"
    code, _, err = run("eval", "--queries", "x.jsonl", "-k", "0")
    assert code == 2 and err == "citebot: k must be between 1 and 1000, not 0\n"
    code, _, err = run("eval", "--index", str(tmp_path / "none"), "--corpus", str(tmp_path / "absent"),
                       "--queries", str(tmp_path / "absent.jsonl"))
    assert code == 1 and err == f"citebot: cannot read {tmp_path / 'absent.jsonl'}: no such file\n"


def test_score_runs_counts_a_repeated_document_once() -> None:
    result = score_runs({"q": ["d1", "d1", "d2"]}, {"q": {"d1": 1, "d2": 1}})
    # d1 at rank 1, d2 at rank 2: the ideal ranking.
    assert (result.queries, result.ndcg_10, result.recall_10, result.mrr_10) == (1, pytest.approx(1.0), 1.0, 1.0)
