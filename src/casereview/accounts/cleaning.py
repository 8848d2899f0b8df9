"""Cleaning one line of text a person typed or a file brought: a name, a title, a file name.

Unicode's bidirectional controls reorder the characters shown after them, so a name or a file
name holding them can display as something else (``report`` + U+202E + ``fdp.exe``
shows as ``reportexe.pdf``); they are removed, not refused, because right-to-left names carry marks
innocently and the text reads the same without them. Other control characters (a newline, a
tab) cannot be part of one line and become spaces. Every form and service that keeps such a line
calls ``clean_line`` (or ``clean_filename``), so there is one rule.
"""

from __future__ import annotations

import unicodedata

# Embeddings and overrides (U+202A-U+202E), isolates (U+2066-U+2069), the left-to-right and
# right-to-left marks (U+200E, U+200F) and the Arabic letter mark (U+061C).
BIDI_CONTROLS = frozenset(
    [
        *map(chr, range(0x202A, 0x202E + 1)),
        *map(chr, range(0x2066, 0x2069 + 1)),
        "\u200e",
        "\u200f",
        "\u061c",
    ]
)
_REMOVE_BIDI = dict.fromkeys(map(ord, BIDI_CONTROLS))


def clean_line(text: str) -> str:
    """`text` as one line: bidirectional controls removed, any run of spaces and control
    characters made one space, none at either end."""
    kept = text.translate(_REMOVE_BIDI)
    spaced = "".join(" " if unicodedata.category(c) == "Cc" else c for c in kept)
    return " ".join(spaced.split())


def clean_filename(name: str) -> str:
    """A file name as it may be kept and shown: its last part (after any / or \\ a browser
    sent), cleaned like any line."""
    last = name.replace("\\", "/").rsplit("/", 1)[-1]
    return clean_line(last)
