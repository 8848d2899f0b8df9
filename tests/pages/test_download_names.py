"""How a download names its file: one cleaned line ending in its real format's extension, given
as a plain ASCII fallback and exactly (RFC 6266 and RFC 5987)."""

from __future__ import annotations

import pytest

from casereview.accounts.cleaning import clean_filename, clean_line
from casereview.pages.downloads import attachment, download_name


@pytest.mark.parametrize(
    ("name", "stored_format", "expected"),
    [
        ("review.pdf", "pdf", "review.pdf"),
        ("Review.PDF", "pdf", "Review.PDF"),
        ("page.html", "pdf", "page.html.pdf"),
        ("notes.md", "text", "notes.md"),
        ("notes.htm", "html", "notes.htm"),
        ("script.js", "text", "script.js.txt"),
        ("", "docx", "document.docx"),
        ("\u202e\n", "pdf", "document.pdf"),
        ("archive.zip", "something else", "archive.zip"),
    ],
)
def test_a_download_name_ends_in_an_extension_of_its_real_format(
    name: str, stored_format: str, expected: str
) -> None:
    assert download_name(name, stored_format) == expected


def test_characters_a_quoted_name_cannot_hold_become_underscores_in_the_fallback() -> None:
    assert attachment('a "b" 100% c\\d.pdf') == (
        'attachment; filename="a _b_ 100_ c_d.pdf"; '
        "filename*=UTF-8''a%20%22b%22%20100%25%20c%5Cd.pdf"
    )


def test_letters_lose_their_accents_in_the_fallback_and_other_scripts_become_underscores() -> None:
    assert attachment("Café 東京.pdf") == (
        "attachment; filename=\"Cafe __.pdf\"; filename*=UTF-8''Caf%C3%A9%20%E6%9D%B1%E4%BA%AC.pdf"
    )


def test_a_line_loses_bidirectional_controls_and_keeps_one_space_for_any_run_of_breaks() -> None:
    assert clean_line(" Child\u202e\u200f Q \r\n\t review\u061c ") == "Child Q review"


def test_a_file_name_keeps_only_its_last_part() -> None:
    assert clean_filename("C:\\Users\\erin\\report\u2067.pdf") == "report.pdf"
    assert clean_filename("../../etc/report.pdf") == "report.pdf"
