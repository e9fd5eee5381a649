"""The question in the releases' words, read by the model beside the question itself."""

from __future__ import annotations

import numpy as np

from retrieval.analysis import stem
from retrieval.plain import in_release_words, question_vector

from .fakes import FakeEncoder


def test_everyday_words_and_phrasal_verbs_become_release_words() -> None:
    assert in_release_words("Are heads thinking of jacking it in?") == "Are headteacher thinking of leave?"
    assert in_release_words("Are kids getting kicked out for vaping?") == "Are children getting excluded for vaping?"


def test_a_question_without_everyday_words_is_left_as_it_is() -> None:
    question = "What did the union say about the draft budget?"
    assert in_release_words(question) is question


def test_a_capitalised_word_inside_the_question_is_a_name() -> None:
    # "Welsh" and "Councils" name things here; the first word of a question may be an everyday one.
    assert in_release_words("What did the Welsh Councils Network say about kids?") == \
        "What did the Welsh Councils Network say about children?"
    assert in_release_words("Heads: what did they say?") == "headteacher: what did they say?"


def test_a_word_the_releases_use_more_than_its_release_word_stays() -> None:
    df = {stem("staff"): 40, stem("workforce"): 3, stem("heads"): 2, stem("headteacher"): 30}
    doc_freqs = lambda terms: {t: df[t] for t in terms if t in df}  # noqa: E731
    assert in_release_words("Are heads and staff tired?", doc_freqs) == "Are headteacher and staff tired?"
    assert in_release_words("Are staff tired?", doc_freqs) == "Are staff tired?"


def test_the_question_vector_is_the_normalised_mean_of_both_readings() -> None:
    encoder = FakeEncoder()
    question = "Are heads thinking of jacking it in?"
    vector = question_vector(encoder, question)
    both = encoder.encode([question, "Are headteacher thinking of leave?"], query=True)
    expected = both.mean(axis=0) / np.linalg.norm(both.mean(axis=0))
    assert np.allclose(vector, expected) and abs(float(np.linalg.norm(vector)) - 1.0) < 1e-6
    plain = "What did the union say about the draft budget?"
    assert np.allclose(question_vector(encoder, plain), encoder.encode([plain], query=True)[0])
