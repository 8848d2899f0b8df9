"""The document model shared by the readers and the analysers: pages of text and why not."""

from __future__ import annotations

from dataclasses import dataclass, field


class UnreadableDocument(Exception):
    """A document that cannot be read; `reason` is a sentence for the person who uploaded it."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Page:
    """One page: its 1-based number, body text, and the running header and footer taken off it."""

    number: int
    text: str
    header: str = ""
    footer: str = ""
    estimated: bool = False
    """The page's extent is estimated (a Word document without page breaks there), not printed."""


@dataclass(frozen=True)
class Document:
    """A readable document: its pages in order, with where its text came from."""

    source: str
    sha256: str
    format: str
    pages: tuple[Page, ...]
    needs_ocr: bool = False
    warnings: tuple[str, ...] = field(default_factory=tuple)
    ocr: bool = False
    """The page texts came from optical character recognition, not a text layer."""

    @property
    def page_count(self) -> int:
        return len(self.pages)

    @property
    def page_texts(self) -> list[str]:
        return [p.text for p in self.pages]
