"""Evidence highlighting escapes the patient's text and only adds <mark> elements."""

from web.console.highlight import evidence_spans, highlight


def test_spans_from_strings_lists_and_dicts():
    spans = evidence_spans(
        {"duration": "for 4 months", "locations": ["lower back", {"text": "hip"}],
         "activities": [None, " "]}
    )  # fmt: skip
    assert spans == [("duration", "for 4 months"), ("locations", "lower back"),
                     ("locations", "hip")]  # fmt: skip
    assert evidence_spans(None) == []


def test_text_is_escaped_and_spans_marked():
    html = str(highlight("<b>Lower back</b> & hip", [("locations", "lower back")]))
    assert html.startswith('&lt;b&gt;<mark class="ev ev-locations"')
    assert ">Lower back</mark>&lt;/b&gt; &amp; hip" in html


def test_longest_span_wins_and_repeats_are_marked():
    spans = [("locations", "back"), ("locations", "lower back")]
    html = str(highlight("back and lower back", spans))
    assert html.count("<mark") == 2
    assert ">lower back</mark>" in html and html.startswith('<mark class="ev ev-locations"')


def test_a_span_with_markup_cannot_inject():
    html = str(highlight("a <script> b", [("locations", "<script>")]))
    assert "<script>" not in html and "&lt;script&gt;</mark>" in html


def test_entities_are_never_split():
    html = str(highlight("R&D hurts", [("activities", "amp")]))
    assert "<mark" not in html and "R&amp;D" in html
