"""The body chart maps every spec region and respects sides and views."""

from __future__ import annotations

import re

import pytest

from web.console.bodychart import LIT_BY, REGIONS, body_chart

# Copied from shared/spec/intake-data.md, so that a change there fails here first.
SPEC_REGIONS = (
    "head",
    "jaw",
    "neck",
    "shoulder",
    "upper_back",
    "lower_back",
    "back",
    "chest",
    "abdomen",
    "pelvis",
    "hip",
    "buttock",
    "groin",
    "arm",
    "elbow",
    "wrist",
    "hand",
    "leg",
    "thigh",
    "knee",
    "lower_leg",
    "ankle",
    "foot",
    "widespread",
)


def _lit(svg: str, state: str = "on") -> set[tuple[str, str]]:
    pattern = rf'class="seg seg-{state}" data-segment="(\w+)" data-side="(\w+)"'
    return set(re.findall(pattern, str(svg)))


def _views(svg: str, segment: str, side: str) -> list[str]:
    """Which figures ('front', 'back') show this segment/side lit."""
    out = []
    for view, body in re.findall(r'<g class="figure figure-(\w+)"(.*?)</g>', str(svg), re.S):
        if f'seg-on" data-segment="{segment}" data-side="{side}"' in body:
            out.append(view)
    return out


def test_all_24_spec_regions_are_known():
    assert sorted(REGIONS) == sorted(SPEC_REGIONS) and len(REGIONS) == 24


@pytest.mark.parametrize("region", SPEC_REGIONS)
def test_every_region_lights_something(region):
    assert _lit(body_chart([{"region": region, "side": "both"}])), region


def test_every_segment_is_drawn_and_reachable():
    svg = str(body_chart([]))
    drawn = set(re.findall(r'data-segment="(\w+)"', svg))
    assert drawn == set(LIT_BY)


def test_sides():
    left = _lit(body_chart([{"region": "knee", "side": "left"}]))
    assert left == {("knee", "left")}
    both = _lit(body_chart([{"region": "knee", "side": "both"}]))
    assert both == {("knee", "left"), ("knee", "right")}
    unstated = body_chart([{"region": "knee", "side": None}])
    assert _lit(unstated) == set()
    assert _lit(unstated, "unstated") == {("knee", "left"), ("knee", "right")}


def test_midline_regions_ignore_side():
    assert _lit(body_chart([{"region": "neck", "side": "left"}])) == {("neck", "mid")}
    trunk = _lit(body_chart([{"region": "lower_back", "side": None}]))
    assert trunk == {("lower_back", "left"), ("lower_back", "right")}


def test_patient_left_is_on_the_viewer_right_on_the_front_view():
    svg = str(body_chart([{"region": "shoulder", "side": "left"}]))
    front = re.search(r'<g class="figure figure-front".*?</g>', svg, re.S).group(0)
    # The unmirrored path is the viewer's left half; on the front that is the patient's right.
    assert 'data-segment="shoulder" data-side="right">' in front
    lit = re.search(r'seg-on" data-segment="shoulder" data-side="left"( transform="[^"]+")?', front)
    assert lit and lit.group(1), "the patient's left shoulder is drawn mirrored (viewer's right)"
    back = re.search(r'<g class="figure figure-back".*?</g>', svg, re.S).group(0)
    lit_back = re.search(r'seg-on" data-segment="shoulder" data-side="left"( transform)?', back)
    assert lit_back and not lit_back.group(1)
    assert _views(svg, "shoulder", "left") == ["front", "back"]


def test_views():
    assert _views(body_chart([{"region": "buttock", "side": "left"}]), "buttock", "left") == [
        "back"
    ]
    assert _views(body_chart([{"region": "chest", "side": "left"}]), "chest", "left") == ["front"]


def test_widespread_lights_everything_and_back_means_whole_back():
    assert len(_lit(body_chart([{"region": "widespread", "side": None}]))) >= 40
    assert _lit(body_chart([{"region": "back", "side": None}])) == {
        ("upper_back", "left"), ("upper_back", "right"),
        ("lower_back", "left"), ("lower_back", "right"),
    }  # fmt: skip


def test_unknown_regions_and_text_are_safe():
    svg = str(body_chart([{"region": "<script>", "side": "left"}, {"region": "knee", "side": "x"}]))
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg  # named in the description, escaped
