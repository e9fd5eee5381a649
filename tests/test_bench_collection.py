"""bench/collection.py's scoring on a tiny hand-made case: phrases, kinds, failure
classes, the verbatim check, the tune/test split, the tables and the changes row."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import pytest

from retrieval.schema import Answer, Citation, Hit, Passage, Quote

BENCH = Path(__file__).resolve().parent.parent / "bench"
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))

import collection as bc  # noqa: E402 - bench/ is a folder of scripts, put on the path above

RIGHT = "2020-01-01-org-right.md"
OTHER = "2021-02-02-org-other.md"


def passage(name: str, text: str = "x") -> Passage:
    return Passage(doc_id=f"/corpus/{name}", paragraph=1, start=0, end=len(text), text=text,
                   path=f"/corpus/{name}", date=dt.date(2020, 1, 1))


def quote(name: str, text: str) -> Quote:
    return Quote(text=text, score=1.0, citation=Citation.of(1, passage(name, text)))


def answer(quotes: list[tuple[str, str]], ranked: list[str] | None = None, answered: bool | None = None) -> Answer:
    qs = tuple(quote(n, t) for n, t in quotes)
    hits = tuple(Hit(passage(n), 1.0 / (i + 1), "bm25") for i, n in enumerate(ranked or [n for n, _ in quotes]))
    return Answer(question="q", answered=bool(qs) if answered is None else answered, quotes=qs, passages=hits,
                  reason="" if qs else "not covered")


def question(kind: str, expect: tuple[str, ...] = ("fully funded pay rise",)) -> dict:
    if kind == "decline":
        return {"question": "q", "decline": True, "kind": "decline"}
    return {"question": "q", "expect": list(expect), "doc": RIGHT, "kind": kind}


def test_holds_normalises_space_quotes_and_case() -> None:
    assert bc.holds("The union’s  call:\n“Fund   it”", ["THE UNION'S CALL: \"fund it\""])
    assert bc.holds("a b c", ["zzz", "B C"])
    assert not bc.holds("a fully funded rise", ["fully funded pay rise"])


@pytest.mark.parametrize("kind", ["fact", "paraphrase", "org", "dated", "broad"])
def test_phrase_in_one_of_the_first_three_quotes_of_the_right_release_counts(kind: str) -> None:
    a = answer([(OTHER, "nothing"), (OTHER, "nothing"), (RIGHT, "a Fully funded pay rise now")])
    assert bc.score(question(kind), a) == bc.Scored(True, "", True)


@pytest.mark.parametrize("kind", ["fact", "paraphrase", "org", "dated", "broad"])
def test_a_phrase_only_in_the_fourth_quote_does_not_count(kind: str) -> None:
    a = answer([(OTHER, "one"), (OTHER, "two"), (OTHER, "three"), (RIGHT, "fully funded pay rise")])
    assert bc.score(question(kind), a) == bc.Scored(False, "wrong release", False)


@pytest.mark.parametrize("kind,counted", [("fact", False), ("paraphrase", False), ("org", True), ("dated", True),
                                          ("broad", True)])
def test_first_quote_from_the_right_release_without_a_phrase(kind: str, counted: bool) -> None:
    a = answer([(RIGHT, "the union spoke"), (OTHER, "other")])
    assert bc.score(question(kind), a) == bc.Scored(counted, "" if counted else "wrong sentence", True)


@pytest.mark.parametrize("kind", ["org", "dated", "broad"])
def test_right_release_second_without_a_phrase_is_the_wrong_sentence(kind: str) -> None:
    a = answer([(OTHER, "other"), (RIGHT, "the union spoke")])
    assert bc.score(question(kind), a) == bc.Scored(False, "wrong sentence", True)


def test_releases_are_matched_by_file_name_not_folder() -> None:
    a = answer([(OTHER, "x")])
    a = Answer(question="q", answered=True, quotes=(Quote("fully funded pay rise", 1.0, Citation.of(
        1, Passage(doc_id="d", paragraph=1, start=0, end=1, text="x", path=f"/elsewhere/sub/{RIGHT}"))),),
        passages=a.passages)
    assert bc.score(question("fact"), a).counted
    renamed = answer([("2020-01-01-org-right.txt", "fully funded pay rise")])
    assert bc.score(question("fact"), renamed) == bc.Scored(False, "wrong release", False)


def test_declined_answer_and_the_retrieval_diagnostic() -> None:
    top3 = answer([], ranked=[OTHER, RIGHT, OTHER], answered=False)
    fourth = answer([], ranked=[OTHER, OTHER, OTHER, RIGHT], answered=False)
    assert bc.score(question("fact"), top3) == bc.Scored(False, "declined", True)
    assert bc.score(question("org"), fourth) == bc.Scored(False, "declined", False)


def test_decline_questions_count_when_declined() -> None:
    assert bc.score(question("decline"), answer([], ranked=[RIGHT], answered=False)) == bc.Scored(True, "", None)
    assert bc.score(question("decline"), answer([(RIGHT, "x")])) == bc.Scored(False, "answered", None)


def test_not_verbatim_checks_each_piece_against_the_release_body(tmp_path: Path) -> None:
    release = tmp_path / RIGHT
    release.write_text("---\ntitle: Pay\ndate: 2020-01-01\n---\nThe union’s  call was clear.\n\n"
                       "It wants a fully\nfunded pay rise. Nothing else.\n", encoding="utf-8")

    def q(text: str) -> Quote:
        return Quote(text, 1.0, Citation.of(1, Passage(doc_id=str(release), paragraph=1, start=0, end=1, text="x",
                                                       path=str(release))))

    good = [q("The union’s call was clear. … It wants a fully funded pay rise."), q("Nothing else.")]
    bad = [q("The union's call was clear."), q("It wants a fully funded pay rise. … title: Pay"),
           q("The union’s call was loud.")]
    a = Answer(question="q", answered=True, quotes=tuple(good + bad))
    assert bc.not_verbatim(a, lambda path: bc.release_text(Path(path))) == [x.text for x in bad]


def test_halves_alternate_within_each_kind_in_file_order() -> None:
    kinds = ["fact", "fact", "org", "fact", "decline", "org", "decline", "fact"]
    assert bc.halves([{"kind": k} for k in kinds]) == ["tune", "test", "tune", "tune", "tune", "test", "test", "test"]


def test_read_questions_says_which_line_is_bad(tmp_path: Path) -> None:
    path = tmp_path / "q.jsonl"
    path.write_text(json.dumps(question("fact")) + "\n\n" + json.dumps({"question": "q", "kind": "fact"}) + "\n")
    with pytest.raises(bc.BadQuestions, match=r"q\.jsonl:3: an answerable question needs 'doc'"):
        bc.read_questions(path)
    path.write_text("{nope\n")
    with pytest.raises(bc.BadQuestions, match=r"q\.jsonl:1: not JSON"):
        bc.read_questions(path)


def records() -> list:
    """Dev, two systems: lexical counts 1 of 2 answerable and declines 1 of 2 decline questions
    while also declining an answerable one; hybrid counts both and declines nothing."""
    fact, org, dec = question("fact"), question("org"), question("decline")
    hit, declined = answer([(RIGHT, "fully funded pay rise")]), answer([], ranked=[RIGHT], answered=False)
    out = []
    for system, answers in (("lexical", [hit, declined, declined, hit]), ("hybrid", [hit, hit, hit, hit])):
        for q, a in zip([fact, org, dec, dec], answers):
            out.append(bc.Record("dev", system, "tune", q, bc.score(q, a), a))
    return out


def test_tables_count_kinds_declines_and_failures() -> None:
    recs = records()
    assert bc.kind_table(recs, ["lexical", "hybrid"], ["tune"]).splitlines()[2:] == [
        "| fact | 1/1 (100%) | 1/1 (100%) |",
        "| org | 0/1 (0%) | 1/1 (100%) |",
        "| **answerable** | 1/2 (50%) | 2/2 (100%) |",
        "| decline | 1/2 (50%) | 0/2 (0%) |",
    ]
    assert bc.diagnosis_table(recs, ["lexical", "hybrid"], ["tune"]).splitlines()[2:] == [
        "| lexical | tune | 1/2 (50%) | 1/2 (50%) | 2 | 1 | 1 | 0 | 0 | 2/2 (100%) | 1 | 0 |",
        "| hybrid | tune | - | 0/2 (0%) | 2 | 2 | 0 | 0 | 0 | 2/2 (100%) | 0 | 0 |",
    ]


def test_record_change_appends_rows_to_its_own_table(tmp_path: Path) -> None:
    results = tmp_path / "RESULTS.md"
    before = ("# Benchmark results\n\n<!-- changes:start -->\n## Make it win\n\n| change | before | after |\n"
              "| --- | --- | --- |\n| faster | 1 | 2 |\n\ntried and not kept: x\n<!-- changes:end -->\n\nafter\n")
    results.write_text(before, encoding="utf-8")
    first = bc.record_change("baseline | today", records(), results)
    second = bc.record_change("second", records(), results)
    assert first.split(" | ")[1:] == ["baseline \\| today", "50.0% · 1/2", "-", "-", "100.0% · 0/2", "-", "- |"]
    text = results.read_text(encoding="utf-8")
    assert text.startswith(before.split("<!-- changes:end -->")[0].rstrip())
    assert text.endswith("\n<!-- changes:end -->\n\nafter\n")
    rows = text.split(bc.CHANGES_HEADING)[1].split("<!-- changes:end -->")[0].splitlines()
    assert [r for r in rows if r.startswith("|")][2:] == [first, second]
    fresh = tmp_path / "fresh.md"
    assert bc.record_change("only", records(), fresh) in fresh.read_text(encoding="utf-8")
    assert "<!-- changes:start -->" in fresh.read_text(encoding="utf-8")


def test_missing_collection_says_where_and_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    results = bc.RESULTS.read_text(encoding="utf-8")
    dump = tmp_path / "dump.jsonl"
    assert bc.main(["--dev", str(tmp_path / "absent"), "--dump", str(dump)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 1 and str(tmp_path / "absent") in out[0] and "--dev DIR" in out[0]
    assert not dump.exists() and bc.RESULTS.read_text(encoding="utf-8") == results
