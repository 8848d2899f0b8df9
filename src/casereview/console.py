"""Progress lines for long commands: rewritten in place on a terminal, one line per update
anywhere else (a log file, CI, a pipe), where a carriage return would run them all together."""

from __future__ import annotations

from typing import TextIO


def update(stream: TextIO, text: str) -> None:
    if stream.isatty():
        stream.write(f"\r{text}")
    else:
        stream.write(f"{text}\n")
    stream.flush()


def finish(stream: TextIO) -> None:
    """End a run of updates (the terminal's line is left as it is, with a newline)."""
    if stream.isatty():
        stream.write("\n")
        stream.flush()
