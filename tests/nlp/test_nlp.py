from allegiance.nlp import is_mostly_text, normalise, split_sentences


def test_normalise_keeps_length_and_offsets():
    text = "Close to #India \u2014 the \u201cRusso-Pak\u201d drill\x07 went ahead."
    clean = normalise(text)
    assert len(clean) == len(text)
    assert clean[clean.index("India") - 1] == " "
    assert "\x07" not in clean and "\u2014" not in clean


def test_sentences_split_on_paragraphs_and_full_stops_not_abbreviations():
    text = "Re-alignment of forces\n\nThe U.S. Army and Gen. Smith met Mr. Khan. It rained."
    spans = [text[s.start : s.end] for s in split_sentences(text)]
    assert spans == [
        "Re-alignment of forces",
        "The U.S. Army and Gen. Smith met Mr. Khan.",
        "It rained.",
    ]


def test_very_long_text_without_full_stop_is_cut_into_bounded_pieces():
    text = "word " * 50_000
    spans = list(split_sentences(text))
    assert len(spans) > 100
    assert max(s.end - s.start for s in spans) <= 1200
    assert spans[0].start == 0


def test_mostly_text():
    assert is_mostly_text("Russia and Pakistan held talks.")
    assert not is_mostly_text("12345 67890 !!! ???")
    assert not is_mostly_text(
        "\u0420\u043e\u0441\u0441\u0438\u044f \u0438 "
        "\u041f\u0430\u043a\u0438\u0441\u0442\u0430\u043d"
    )
