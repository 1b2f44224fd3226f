"""The cached attribute ruler and lemmatizer annotate exactly like spaCy's own."""

from __future__ import annotations

import pytest

from allegiance.nlp import load_pipeline

SENTENCES = [
    "Russia and Pakistan held their first joint military exercise on Saturday.",
    "India has cut strings with Russia and moved toward the USA, officials said.",
    "There are no plans to call off the drills, and there is no reason to, they said.",
    "I ain't gonna let's say gotta wanna c'mon y'all do it.",
    "He can't, won't and shan't meet them; she doesn't think it'd help.",
    "The ministers met in Islamabad, where talks were held behind closed doors.",
    "  Spaces\n\n and\ttabs   everywhere .",
    "PM Modi's visit to Washington was postponed until 2017.",
    "The Soviets signed a treaty of friendship with India in 1970.",
    "Beijing was expected to oppose the sale of attack helicopters to Pakistan.",
    "It is what it is.",
    "",
    "Sold, bought, fought, sought, held, met, went, took, broke, gave: irregular verbs.",
]


@pytest.fixture(scope="module")
def pipelines():
    return load_pipeline(True, True), load_pipeline(True, False)


def _annotations(doc):
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i) for t in doc]


def test_fast_components_are_swapped_in(pipelines):
    fast, stock = pipelines
    assert type(fast.get_pipe("attribute_ruler")).__name__ == "FastAttributeRuler"
    assert type(fast.get_pipe("lemmatizer")).__name__ == "FastLemmatizer"
    assert type(stock.get_pipe("attribute_ruler")).__name__ == "AttributeRuler"
    assert fast.pipe_names == stock.pipe_names and "ner" not in fast.pipe_names


def test_identical_annotations(pipelines):
    fast, stock = pipelines
    texts = SENTENCES * 2  # the second pass answers from the caches
    got = [_annotations(d) for d in fast.pipe(texts)]
    want = [_annotations(d) for d in stock.pipe(texts)]
    assert got == want


def test_demo_corpus_identical(pipelines, corpus):
    fast, stock = pipelines
    texts = [d.text for d in corpus[:12]]
    assert [_annotations(d) for d in fast.pipe(texts)] == [
        _annotations(d) for d in stock.pipe(texts)
    ]
