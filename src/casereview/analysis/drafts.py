"""Draft recommendations read from what a person sends the checker, and coded.

The checker's reading of a pasted text or a draft report: its recommendations section or, if it
has none, the whole text read as one (a pasted list), each recommendation with its codes. Pure,
so that the web can run it in a child process with a time limit (`isolated.run`).
"""

from __future__ import annotations

from dataclasses import dataclass

from casereview.analysis.coding import Coding, code_recommendation
from casereview.analysis.documents import read_document
from casereview.analysis.model import UnreadableDocument
from casereview.analysis.recommendations import extract_recommendations

# The most drafts checked at once. A review makes 5 to 30 recommendations, the longest about 60;
# comparing every draft with every other takes time growing with the square of their number.
MAX_DRAFTS = 200
# The most characters of recommendations checked at once, as much as may be pasted (about 30,000
# words): each draft is compared with every other and with the repository, word by word, so the
# work grows with their total length as well as their number.
MAX_DRAFT_CHARACTERS = 200_000

# The heading put before a pasted list that has none of its own.
_HEADING = "Recommendations\n\n"


@dataclass(frozen=True)
class Draft:
    number: str | None
    text: str
    coding: Coding


def read_drafts(
    data: bytes, filename: str, max_bytes: int, max_drafts: int = MAX_DRAFTS
) -> list[tuple[str | None, str]]:
    """The draft recommendations in a file or pasted text, as (number, text); raises
    `UnreadableDocument` if the file cannot be read or holds more than `max_drafts`."""
    document = read_document(data, filename, max_bytes=max_bytes)
    found = extract_recommendations(document)
    if not found and document.format in ("text", "html"):
        text = data.decode("utf-8", errors="replace")
        document = read_document(
            (_HEADING + text).encode("utf-8"), filename, max_bytes=max_bytes + len(_HEADING)
        )
        found = extract_recommendations(document)
    if len(found) > max_drafts:
        raise UnreadableDocument(
            f"This holds {len(found):,} recommendations, but the checker takes at most "
            f"{max_drafts} at a time. Check them in smaller parts."
        )
    characters = sum(len(r.text) for r in found)
    if characters > MAX_DRAFT_CHARACTERS:
        raise UnreadableDocument(
            f"Its recommendations are {characters:,} characters long, but the checker takes at "
            f"most {MAX_DRAFT_CHARACTERS:,} at a time. Check them in smaller parts."
        )
    return [(r.number, r.text) for r in found]


def coded_drafts(
    data: bytes, filename: str, max_bytes: int, max_drafts: int = MAX_DRAFTS
) -> list[Draft]:
    """`read_drafts`, each with its codes."""
    return [
        Draft(number, text, code_recommendation(text))
        for number, text in read_drafts(data, filename, max_bytes, max_drafts)
    ]
