"""A griffe extension for the API reference: the reST habits of the package's docstrings, rendered as Markdown.

The docstrings are Google style, but some use Sphinx roles (``:class:`RawResponse```), ``::`` before a literal
block, and reST simple tables. mkdocstrings renders docstrings as Markdown, so this rewrites those three, and
only those, when griffe loads each object. The package itself is left as it is.
"""

from __future__ import annotations

import re
from typing import Any

import griffe

# :class:`~a.b.C` -> `C`; :meth:`a.b` -> `a.b`; also :func:, :attr:, :exc:, :mod:, :data:, :obj:, :const:.
_ROLE = re.compile(r":(?:py:)?(?:class|meth|func|attr|exc|mod|data|obj|const):`(~?)([^`]+)`")
# A table border: runs of "=" separated by spaces.
_BORDER = re.compile(r"^(\s*)(=+)((?: +=+)+)\s*$")


def _role(match: re.Match[str]) -> str:
    target = match.group(2)
    return f"`{target.rsplit('.', 1)[-1] if match.group(1) else target}`"


def _literal_markers(text: str) -> str:
    """``Text::`` before an indented block becomes ``Text:``; a ``::`` line of its own disappears."""
    lines = []
    for line in text.split("\n"):
        stripped = line.rstrip()
        if stripped.strip() == "::":
            continue
        if stripped.endswith("::") and not stripped.endswith(":::"):
            line = stripped[:-1]
        lines.append(line)
    return "\n".join(lines)


def _columns(border: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"=+", border)]


def _cells(line: str, spans: list[tuple[int, int]]) -> list[str]:
    """The text of each column; the last one runs to the end of the line."""
    starts: list[int | None] = [start for start, _ in spans]
    bounds = zip(starts, [*starts[1:], None], strict=True)
    return [line[start:stop].strip() for start, stop in bounds]


def _table(block: list[str]) -> list[str]:
    """A reST simple table (border, header, border, rows, border) as a Markdown table."""
    spans = _columns(block[0])
    header_end = next(i for i in range(1, len(block)) if _BORDER.match(block[i]))
    header = [
        " ".join(parts).strip() for parts in zip(*(_cells(line, spans) for line in block[1:header_end]), strict=True)
    ]
    rows: list[list[str]] = []
    for line in block[header_end + 1 : -1]:
        if not line.strip():
            continue
        cells = _cells(line, spans)
        if cells[0] or not rows:  # a new row starts with text in the first column
            rows.append(cells)
        else:
            rows[-1] = [f"{old} {new}".strip() for old, new in zip(rows[-1], cells, strict=True)]

    def render(cells: list[str]) -> str:
        return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"

    return ["", render(header), "|" + "---|" * len(spans), *(render(row) for row in rows), ""]


def _tables(text: str) -> str:
    lines = text.split("\n")
    out: list[str] = []
    index = 0
    while index < len(lines):
        if _BORDER.match(lines[index]):
            borders = [i for i in range(index, len(lines)) if _BORDER.match(lines[i])][:3]
            if len(borders) == 3:
                out.extend(_table(lines[index : borders[2] + 1]))
                index = borders[2] + 1
                continue
        out.append(lines[index])
        index += 1
    return "\n".join(out)


def rst_to_markdown(text: str) -> str:
    """The three rewrites, in an order where each sees what it expects."""
    return _ROLE.sub(_role, _tables(_literal_markers(text)))


class RstDocstrings(griffe.Extension):
    """Rewrites each docstring as griffe loads it."""

    def on_instance(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        if obj.docstring is not None:
            obj.docstring.value = rst_to_markdown(obj.docstring.value)
