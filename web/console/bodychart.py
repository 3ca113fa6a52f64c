"""An inline SVG body chart (front and back) with the patient's painful regions and sides lit."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from markupsafe import Markup, escape

REGIONS = (
    "head", "jaw", "neck", "shoulder", "upper_back", "lower_back", "back", "chest", "abdomen",
    "pelvis", "hip", "buttock", "groin", "arm", "elbow", "wrist", "hand", "leg", "thigh", "knee",
    "lower_leg", "ankle", "foot", "widespread",
)  # fmt: skip

# Which spec regions light each drawn segment ("widespread" lights every segment).
LIT_BY = {
    "head": {"head"}, "jaw": {"jaw"}, "neck": {"neck"}, "shoulder": {"shoulder"},
    "chest": {"chest"}, "abdomen": {"abdomen"}, "pelvis": {"pelvis"}, "groin": {"groin"},
    "hip": {"hip"}, "buttock": {"buttock"}, "upper_back": {"upper_back", "back"},
    "lower_back": {"lower_back", "back"}, "upper_arm": {"arm"}, "elbow": {"elbow", "arm"},
    "forearm": {"arm"}, "wrist": {"wrist"}, "hand": {"hand"}, "thigh": {"thigh", "leg"},
    "knee": {"knee", "leg"}, "lower_leg": {"lower_leg", "leg"}, "ankle": {"ankle"},
    "foot": {"foot"},
}  # fmt: skip
TRUNK = {"chest", "abdomen", "pelvis", "upper_back", "lower_back"}
MIDLINE = {"head", "neck"}

# Shapes of the half body on the viewer's left, in a 200 x 420 box; the other half is mirrored.
_LIMBS = [
    ("shoulder", "M57 95 Q58 82 74 81 L80 84 Q77 96 76 104 Q66 100 57 103 Z"),
    ("upper_arm", "M57 105 Q66 101 76 106 L71 158 Q63 161 55 157 Z"),
    ("elbow", "M55 159 Q63 163 71 160 L70 174 Q62 177 53 173 Z"),
    ("forearm", "M53 175 Q62 179 70 176 L63 229 Q56 231 49 228 Z"),
    ("wrist", "M49 230 Q56 233 63 231 L62 240 Q55 242 48 239 Z"),
    ("hand", "M48 241 Q55 244 62 242 Q66 256 60 270 Q52 276 45 266 Q41 254 48 241 Z"),
    ("hip", "M78 176 L86 176 L86 204 L77 206 Q73 190 78 176 Z"),
    ("thigh", "M77 208 L98 206 L97 282 Q88 286 80 282 Z"),
    ("knee", "M80 284 Q88 288 97 284 L96 304 Q88 308 80 304 Z"),
    ("lower_leg", "M80 306 Q88 310 96 306 Q97 340 93 372 L83 372 Q78 340 80 306 Z"),
    ("ankle", "M83 374 L93 374 L93 384 L83 384 Z"),
]
_FRONT = _LIMBS + [
    ("chest", "M100 82 L81 84 Q78 96 78 106 L79 128 L100 128 Z"),
    ("abdomen", "M100 130 L79 130 Q78 152 80 174 L100 174 Z"),
    ("pelvis", "M100 176 L88 176 L88 200 L100 200 Z"),
    ("groin", "M88 202 L100 202 L100 214 Q92 212 88 206 Z"),
    ("foot", "M83 386 L93 386 Q96 398 95 404 Q86 408 76 403 Q78 394 83 386 Z"),
    ("jaw", "M82 44 Q84 58 98 64 L98 58 Q89 54 87 43 Z"),
]
_BACK = _LIMBS + [
    ("upper_back", "M100 82 L81 84 Q78 96 78 106 L79 136 L100 136 Z"),
    ("lower_back", "M100 138 L79 138 Q78 156 80 174 L100 174 Z"),
    ("buttock", "M88 176 L100 176 L100 204 L88 204 Z"),
    ("foot", "M83 386 L93 386 Q95 396 92 402 Q88 405 84 402 Q81 396 83 386 Z"),
]
_HEAD = '<ellipse cx="100" cy="38" rx="20" ry="25"'
_NECK = '<rect x="91" y="62" width="18" height="19" rx="5"'


@dataclass(frozen=True)
class Lit:
    """How one segment is shown: "on" (side known or midline) or "unstated" (side not said)."""

    state: str
    label: str


def _segment_states(locations: Iterable[dict[str, Any]]) -> dict[tuple[str, str | None], Lit]:
    states: dict[tuple[str, str | None], Lit] = {}
    for loc in locations:
        region, side = loc.get("region"), loc.get("side")
        if region not in REGIONS:
            continue
        label = _label(region, side)
        for segment, lit_by in LIT_BY.items():
            if region != "widespread" and region not in lit_by:
                continue
            sides: tuple[str | None, ...] = (None,) if segment in MIDLINE else ("left", "right")
            for seg_side in sides:
                if side in ("left", "right") and seg_side not in (side, None):
                    continue
                unstated = side is None and segment not in TRUNK | MIDLINE
                state = "unstated" if unstated and region != "widespread" else "on"
                old = states.get((segment, seg_side))
                if old is None or (old.state == "unstated" and state == "on"):
                    states[(segment, seg_side)] = Lit(state, label)
    return states


def _label(region: str, side: str | None) -> str:
    name = region.replace("_", " ")
    return f"{name} ({side})" if side else name


def _shape(tag_open: str, segment: str, side: str | None, states: dict, mirror: bool) -> str:
    lit = states.get((segment, side))
    css = f"seg seg-{lit.state}" if lit else "seg"
    transform = ' transform="matrix(-1 0 0 1 200 0)"' if mirror else ""
    title = f"<title>{escape(lit.label)}</title>" if lit else ""
    attrs = f' class="{css}" data-segment="{segment}" data-side="{side or "mid"}"{transform}'
    return f"{tag_open}{attrs}>{title}{tag_open.split()[0].replace('<', '</')}>"


def _figure(view: str, x: int, states: dict) -> str:
    shapes = _FRONT if view == "front" else _BACK
    # On the front view the patient faces you: their right side is on your left.
    left_side, right_side = ("right", "left") if view == "front" else ("left", "right")
    parts = [f'<g class="figure figure-{view}" transform="translate({x} 0)">']
    parts.append(_shape(_HEAD, "head", None, states, False))
    parts.append(_shape(_NECK, "neck", None, states, False))
    for segment, path in shapes:
        tag = f'<path d="{path}"'
        parts.append(_shape(tag, segment, left_side, states, False))
        parts.append(_shape(tag, segment, right_side, states, True))
    letter = {"left": "L", "right": "R"}
    parts.append(f'<text class="side-mark" x="30" y="200">{letter[left_side]}</text>')
    parts.append(f'<text class="side-mark" x="170" y="200">{letter[right_side]}</text>')
    parts.append(f'<text class="view-name" x="100" y="426">{view.capitalize()}</text>')
    parts.append("</g>")
    return "".join(parts)


def body_chart(locations: Iterable[dict[str, Any]] | None) -> Markup:
    """Front and back figures as one inline SVG; every piece of text in it is escaped."""
    locations = list(locations or [])
    states = _segment_states(locations)
    named = ", ".join(_label(loc.get("region", "?"), loc.get("side")) for loc in locations)
    summary = f"Painful regions: {named}" if named else "No painful region recorded"
    svg = (
        '<svg class="body-chart" viewBox="0 0 420 436" role="img" '
        'aria-labelledby="bc-title bc-desc" xmlns="http://www.w3.org/2000/svg">'
        '<title id="bc-title">Body chart, front and back</title>'
        f'<desc id="bc-desc">{escape(summary)}. On the front view the patient\'s left is on '
        "the viewer's right.</desc>"
        '<defs><pattern id="bc-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="6" height="6" class="hatch-bg"/>'
        '<rect width="3" height="6" class="hatch-fg"/></pattern></defs>'
        f"{_figure('front', 0, states)}{_figure('back', 220, states)}</svg>"
    )
    return Markup(svg)


def region_label(region: str) -> str:
    return region.replace("_", " ").capitalize()
