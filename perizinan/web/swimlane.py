"""The swimlane of SOP-LP2N-KES-02 (Lampiran 1) drawn as inline SVG from its layout
(`swimlane_layout.layout()`): lanes and steps as a grid, step boxes, decision diamonds,
return arrows and a legend. With an application the drawing is overlaid with its process log:
boxes of steps done are filled green, the current step has a thick outline, loops taken are
drawn red.
"""

import textwrap
import uuid
from collections import Counter
from collections.abc import Iterable
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from perizinan.accounts.roles import ROLE_LABELS
from perizinan.workflow.actions import ActionDef
from perizinan.workflow.states import STEPS

from .swimlane_layout import Cell, Edge, Layout, Overlay, lane_label, layout

# Geometry (user units of the viewBox).
LABEL_W = 172  # the lane-label column
COL_W = 60  # one step
LANE_H = 46
HEAD_H = 24
BOX_X, BOX_W, BOX_H = 6, 30, 26  # the step box inside its cell
DIA_X, DIA_R = 46, 8  # the decision diamond's centre (from the cell's left) and half-diagonal
RIGHT_PAD = 8
LEGEND_ROW_H = 22

# Colours (AA contrast against white or the lane background).
INK = "#212529"
MUTED = "#495057"
PRIMARY = "#0b3d6b"
BACK = "#5c636a"
LOOP = "#b3261e"
DONE_FILL = "#137333"
DONE_STROKE = "#0b4d22"
CURRENT_FILL = "#fff3cd"
LANE_FILLS = ("#ffffff", "#f3f5f7")
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"


def _n(v: float) -> str:
    return f"{v:.1f}".rstrip("0").rstrip(".")


def _wrap(text: str, width: int = 24, lines: int = 3) -> list[str]:
    out = textwrap.wrap(text, width) or [""]
    if len(out) > lines:
        out = out[:lines]
        out[-1] = out[-1][: width - 1].rstrip() + "…"
    return out


class _Canvas:
    """Coordinates of a layout in the viewBox."""

    def __init__(self, lay: Layout) -> None:
        self.lay = lay
        self.col_index = {s: i for i, s in enumerate(lay.steps)}
        self.lane_index = {ln: i for i, ln in enumerate(lay.lanes)}
        self.width = LABEL_W + len(lay.steps) * COL_W + RIGHT_PAD
        self.lanes_bottom = HEAD_H + len(lay.lanes) * LANE_H

    def col_x(self, step: int) -> float:
        return LABEL_W + self.col_index[step] * COL_W

    def lane_top(self, lane: int) -> float:
        return HEAD_H + self.lane_index[lane] * LANE_H

    def cy(self, lane: int) -> float:
        return self.lane_top(lane) + LANE_H / 2

    def box_x(self, step: int) -> float:
        return self.col_x(step) + BOX_X


def _path(d: str, *, colour: str, width: str, dash: str, marker: str) -> str:
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    return (
        f'd="{d}" fill="none" stroke="{colour}" stroke-width="{width}"{dash_attr} marker-end="url(#{marker})"'
    )


def _edge_d(cv: _Canvas, edge: Edge, slot: int) -> str:
    """The path of an edge. The forward path runs along the gap before the next column; return arrows
    and loop arrows leave upwards or downwards and come down into the top of their target box.
    `slot` spreads the arrows that end in the same box."""
    lay = cv.lay
    (s_step, s_lane), (d_step, d_lane) = edge.src, edge.dst
    sx0, sy, dy = cv.col_x(s_step), cv.cy(s_lane), cv.cy(d_lane)
    dst_x = cv.box_x(d_step)
    if edge.kind == "forward" or (edge.kind == "alt" and s_lane == d_lane and d_step > s_step):
        src_box = lay.boxes[edge.src]
        sx = sx0 + DIA_X + DIA_R if edge.kind == "forward" and src_box.decision else sx0 + BOX_X + BOX_W
        if sy == dy:
            return f"M{_n(sx)},{_n(sy)} H{_n(dst_x)}"
        bus = cv.col_x(d_step)
        return f"M{_n(sx)},{_n(sy)} H{_n(bus)} V{_n(dy)} H{_n(dst_x)}"
    top = dy - BOX_H / 2
    level = top - 5 - 4 * slot
    ex = min(dst_x + 9 + 6 * slot, dst_x + BOX_W - 4)
    if edge.kind == "back":  # from the decision diamond
        sx = sx0 + DIA_X
        start = sy - DIA_R if level < sy else sy + DIA_R
        return f"M{_n(sx)},{_n(start)} V{_n(level)} H{_n(ex)} V{_n(top)}"
    lo, hi = sorted((s_lane, d_lane))
    if any((s_step, ln) in lay.boxes for ln in lay.lanes if lo < ln < hi):
        # Another box of the column is in the way: leave by the left side, along the column's edge.
        bus = sx0 + 2
        return f"M{_n(sx0 + BOX_X)},{_n(sy)} H{_n(bus)} V{_n(level)} H{_n(ex)} V{_n(top)}"
    sx = sx0 + BOX_X + 8
    start = sy - BOX_H / 2 if level < sy else sy + BOX_H / 2
    return f"M{_n(sx)},{_n(start)} V{_n(level)} H{_n(ex)} V{_n(top)}"


def _grid(cv: _Canvas) -> list[str]:
    """Header row, lanes with their labels."""
    lay, width = cv.lay, cv.width
    out = [
        f'<rect x="0" y="0" width="{width}" height="{HEAD_H}" fill="#e9ecef"/>',
        f'<text x="8" y="{HEAD_H - 8}" font-size="11" font-weight="600" fill="{INK}">'
        f"{escape(_('Pelaksana / langkah'))}</text>",
    ]
    for s in lay.steps:
        out.append(
            f'<text x="{_n(cv.box_x(s) + BOX_W / 2)}" y="{HEAD_H - 8}" font-size="11" text-anchor="middle"'
            f' fill="{MUTED}">{s}</text>'
        )
    for i, lane in enumerate(lay.lanes):
        top = cv.lane_top(lane)
        label = f"{lane}. {lane_label(lane)}"
        lines = _wrap(label)
        first = top + LANE_H / 2 - (len(lines) - 1) * 6 + 4
        tspans = "".join(
            f'<tspan x="8" y="{_n(first + j * 12)}">{escape(t)}</tspan>' for j, t in enumerate(lines)
        )
        out.append(
            f'<g class="lane" data-lane="{lane}"><title>{escape(label)}</title>'
            f'<rect x="0" y="{_n(top)}" width="{width}" height="{LANE_H}" fill="{LANE_FILLS[i % 2]}"/>'
            f'<text x="8" y="{_n(first)}" font-size="11" fill="{INK}">{tspans}</text></g>'
            f'<line x1="0" y1="{_n(top)}" x2="{width}" y2="{_n(top)}" stroke="#ced4da" stroke-width="1"/>'
        )
    bottom = cv.lanes_bottom
    out.append(f'<line x1="0" y1="{bottom}" x2="{width}" y2="{bottom}" stroke="#ced4da" stroke-width="1"/>')
    out.append(
        f'<line x1="{LABEL_W}" y1="0" x2="{LABEL_W}" y2="{bottom}" stroke="#adb5bd" stroke-width="1"/>'
    )
    return out


def _edges(cv: _Canvas, ov: Overlay, uid: str) -> list[str]:
    out = []
    slots: Counter[Cell] = Counter()
    for edge in cv.lay.edges:
        taken = edge.kind == "back" and any(ov.loops[a] for a in edge.actions)
        straight = edge.kind == "forward" or (
            edge.kind == "alt" and edge.src[1] == edge.dst[1] and edge.dst[0] > edge.src[0]
        )
        slot = 0 if straight else slots[edge.dst]
        if not straight:
            slots[edge.dst] += 1
        d = _edge_d(cv, edge, slot)
        if edge.kind == "forward":
            style = _path(d, colour=INK, width="1.6", dash="", marker=f"swl-{uid}-f")
        elif edge.kind == "alt":
            style = _path(d, colour=BACK, width="1.1", dash="", marker=f"swl-{uid}-b")
        elif taken:
            style = _path(d, colour=LOOP, width="2.6", dash="6 3", marker=f"swl-{uid}-l")
        else:
            style = _path(d, colour=BACK, width="1.4", dash="5 3", marker=f"swl-{uid}-b")
        title = "; ".join(dict.fromkeys(edge.labels)) if edge.labels else _("Alur maju")
        out.append(
            f'<path class="edge {edge.kind}{" taken" if taken else ""}" data-from="{edge.src[0]}"'
            f' data-to="{edge.dst[0]}" data-actions="{" ".join(edge.actions)}" {style}>'
            f"<title>{escape(title)}</title></path>"
        )
    return out


def _boxes(cv: _Canvas, ov: Overlay) -> list[str]:
    out = []
    for (s, lane), box in sorted(cv.lay.boxes.items()):
        x, y = cv.box_x(s), cv.cy(lane) - BOX_H / 2
        done, current = (s, lane) in ov.done, (s, lane) in ov.current
        classes = ["step", "main" if box.main else "secondary"] + ["done"] * done + ["current"] * current
        step_def = STEPS.get(s)
        who = ", ".join(str(ROLE_LABELS[r]) for r in box.roles) or lane_label(lane)
        tip = f"{_('Langkah')} {s}" + (f": {step_def.title}" if step_def else "") + f" — {who}"
        if step_def:
            tip += f" ({step_def.standard})"
        fill = DONE_FILL if done else (CURRENT_FILL if current else "#ffffff")
        stroke = DONE_STROKE if done and not current else PRIMARY
        dash = ' stroke-dasharray="4 2"' if not (box.main or done or current) else ""
        out.append(
            f'<g class="{" ".join(classes)}" data-step="{s}" data-lane="{lane}"><title>{escape(tip)}</title>'
            f'<rect x="{_n(x)}" y="{_n(y)}" width="{BOX_W}" height="{BOX_H}" rx="4" fill="{fill}"'
            f' stroke="{stroke}" stroke-width="{"4" if current else "1.5"}"{dash}/>'
            f'<text x="{_n(x + BOX_W / 2)}" y="{_n(y + BOX_H / 2 + 4.5)}" font-size="13" font-weight="700"'
            f' text-anchor="middle" fill="{"#ffffff" if done else PRIMARY}">{s}</text>'
        )
        if box.decision:
            dx, dy = cv.col_x(s) + DIA_X, cv.cy(lane)
            out.append(
                f'<line x1="{_n(x + BOX_W)}" y1="{_n(dy)}" x2="{_n(dx - DIA_R)}" y2="{_n(dy)}" stroke="{INK}"'
                f' stroke-width="1.6"/>'
                f'<polygon class="decision" points="{_n(dx)},{_n(dy - DIA_R)} {_n(dx + DIA_R)},{_n(dy)}'
                f' {_n(dx)},{_n(dy + DIA_R)} {_n(dx - DIA_R)},{_n(dy)}" fill="#ffffff" stroke="{PRIMARY}"'
                f' stroke-width="1.4"/>'
            )
            if box.rejects:  # a short line down to a terminal: the application ends here
                out.append(
                    f'<g class="reject" data-actions="{" ".join(a.name for a in box.rejects)}">'
                    f"<title>{escape('; '.join(str(a.label) for a in box.rejects))}</title>"
                    f'<line x1="{_n(dx)}" y1="{_n(dy + DIA_R)}" x2="{_n(dx)}" y2="{_n(dy + DIA_R + 6)}"'
                    f' stroke="{INK}" stroke-width="1.4"/>'
                    f'<circle cx="{_n(dx)}" cy="{_n(dy + DIA_R + 10)}" r="4" fill="{INK}"/></g>'
                )
        out.append("</g>")
    return out


def _legend(cv: _Canvas, uid: str, overlay: bool) -> tuple[list[str], float]:
    """The legend under the lanes, wrapping onto as many rows as it needs; returns it and its bottom."""
    items: list[tuple[str, str]] = [
        ("box", _("Langkah")),
        ("dashed", _("Langkah dalam putaran perbaikan")),
        ("diamond", _("Keputusan")),
        ("arrow", _("Alur maju")),
        ("back", _("Alur kembali")),
        ("end", _("Berhenti (ditolak/dicabut)")),
    ]
    if overlay:
        items += [
            ("done", _("Sudah dilalui")),
            ("current", _("Posisi saat ini")),
            ("loop", _("Putaran yang terjadi")),
        ]
    out: list[str] = []
    lx, row = 8.0, 0
    for kind, text in items:
        item_w = 34 + len(text) * 6.2 + 18
        if lx + item_w > cv.width and lx > 8:
            lx, row = 8.0, row + 1
        y = cv.lanes_bottom + 8 + row * LEGEND_ROW_H
        mid = y + 8
        if kind in {"box", "dashed", "done", "current"}:
            fill = {"done": DONE_FILL, "current": CURRENT_FILL}.get(kind, "#ffffff")
            dash = ' stroke-dasharray="4 2"' if kind == "dashed" else ""
            out.append(
                f'<rect x="{_n(lx + 4)}" y="{_n(y)}" width="22" height="16" rx="3" fill="{fill}" stroke="{PRIMARY}"'
                f' stroke-width="{"3" if kind == "current" else "1.5"}"{dash}/>'
            )
        elif kind == "diamond":
            out.append(
                f'<polygon points="{_n(lx + 15)},{_n(mid - 8)} {_n(lx + 23)},{_n(mid)} {_n(lx + 15)},{_n(mid + 8)}'
                f' {_n(lx + 7)},{_n(mid)}" fill="#ffffff" stroke="{PRIMARY}" stroke-width="1.4"/>'
            )
        elif kind == "end":
            out.append(f'<circle cx="{_n(lx + 15)}" cy="{_n(mid)}" r="4" fill="{INK}"/>')
        else:
            colour, marker, dash, width = {
                "arrow": (INK, "f", "", "1.6"),
                "back": (BACK, "b", "5 3", "1.4"),
                "loop": (LOOP, "l", "6 3", "2.6"),
            }[kind]
            d = f"M{_n(lx)},{_n(mid)} H{_n(lx + 28)}"
            out.append(
                f"<path {_path(d, colour=colour, width=width, dash=dash, marker=f'swl-{uid}-{marker}')}/>"
            )
        out.append(
            f'<text x="{_n(lx + 34)}" y="{_n(mid + 4)}" font-size="11" fill="{INK}">{escape(text)}</text>'
        )
        lx += item_w
    return out, cv.lanes_bottom + 8 + (row + 1) * LEGEND_ROW_H + 4


def _description(lay: Layout, ov: Overlay, application: Any) -> str:
    desc = _(
        "Diagram lajur: %(lanes)d pelaksana (baris) dan %(steps)d langkah (kolom). Kotak bernomor adalah "
        "langkah di lajur pelaksananya, belah ketupat adalah keputusan, panah putus-putus adalah alur kembali."
    ) % {"lanes": len(lay.lanes), "steps": len(lay.steps)}
    if application is None:
        return desc
    if ov.done_steps:
        desc += " " + _("Langkah yang sudah dilalui: %(steps)s.") % {
            "steps": ", ".join(str(s) for s in sorted(ov.done_steps))
        }
    if ov.current_step is not None:
        step_def = STEPS.get(ov.current_step)
        desc += " " + _("Posisi saat ini: langkah %(step)d%(title)s.") % {
            "step": ov.current_step,
            "title": f" ({step_def.title})" if step_def else "",
        }
    if ov.loop_labels:
        desc += " " + _("Putaran kembali yang terjadi: %(loops)s.") % {"loops": "; ".join(ov.loop_labels)}
    return desc


def swimlane_svg(application: Any = None, *, actions: Iterable[ActionDef] | None = None) -> SafeString:
    """The swimlane as an inline <svg> (role="img", with <title> and <desc>), optionally overlaid with
    an application's progress. Ids are unique per call, so several diagrams may share a page."""
    lay = layout(actions)
    ov = Overlay(lay, application)
    cv = _Canvas(lay)
    uid = uuid.uuid4().hex[:8]
    markers = "".join(
        f'<marker id="swl-{uid}-{name}" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse"'
        f' markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
        f'<path d="M0,0 L10,5 L0,10 z" fill="{colour}"/></marker>'
        for name, colour in (("f", INK), ("b", BACK), ("l", LOOP))
    )
    legend, height = _legend(cv, uid, application is not None)
    title = _("Alur proses perizinan (SOP Lampiran 1)")
    body = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="swimlane" viewBox="0 0 {_n(cv.width)} {_n(height)}"'
        f' role="img" aria-labelledby="swl-{uid}-t" aria-describedby="swl-{uid}-d" focusable="false"'
        f' font-family="{FONT}" data-uid="{uid}">',
        f'<title id="swl-{uid}-t">{escape(title)}</title>',
        f'<desc id="swl-{uid}-d">{escape(_description(lay, ov, application))}</desc>',
        f"<defs>{markers}</defs>",
        *_grid(cv),
        *_edges(cv, ov, uid),  # under the boxes
        *_boxes(cv, ov),
        f'<g class="legend">{"".join(legend)}</g>',
        "</svg>",
    ]
    # Every text above is escaped; the rest is generated here.
    return mark_safe("".join(body))
