"""Running headers, footers and page numbers are set aside; split words are joined sensibly."""

from __future__ import annotations

from casereview.analysis import read_document
from casereview.analysis.layout import clean_pages
from tests.analysis.helpers import LIMIT, pdf_bytes


def test_running_header_and_page_x_of_y_footer_leave_the_body_but_stay_on_the_page():
    openings = [
        "The family moved",
        "A referral came",
        "School staff saw",
        "Police attended",
        "Q was",
    ]
    pages = [
        [f"{opening} (page {n}).", f"Then {opening.lower()}."]
        for n, opening in enumerate(openings, 1)
    ]
    data = pdf_bytes(pages, header="Serious Case Review: Child Q", footer="Page {n} of {total}")
    doc = read_document(data, "review.pdf", max_bytes=LIMIT)
    for page in doc.pages:
        assert "Serious Case Review: Child Q" not in page.text
        assert "Page" not in page.text
        assert page.header == "Serious Case Review: Child Q"
        assert page.footer == f"Page {page.number} of 5"
        assert page.text.startswith(openings[page.number - 1])


def test_a_line_repeated_on_too_few_pages_is_kept_in_the_body():
    raw = ["Shared opening line\nBody one", "Shared opening line\nBody two", "Other\nBody three"]
    raw += [f"Different start {n}\nBody" for n in range(4, 9)]
    pages = clean_pages(raw)
    assert pages[0].text.startswith("Shared opening line")
    assert pages[0].header == ""


def test_a_cover_that_repeats_the_running_title_keeps_its_own_title():
    raw = ["Child Q: Learning Review\nChild Q: Learning Review\nPublished: May 2020"]
    raw += [f"Child Q: Learning Review\nBody of page {n}" for n in range(2, 6)]
    pages = clean_pages(raw)
    assert pages[0].header == "Child Q: Learning Review"
    assert pages[0].text.startswith("Child Q: Learning Review\nPublished")


def test_a_bare_page_number_at_the_foot_is_a_footer():
    pages = clean_pages(["Body text one\n1", "Body text two\n2"])
    assert [p.text for p in pages] == ["Body text one", "Body text two"]
    assert [p.footer for p in pages] == ["1", "2"]


def test_a_word_split_across_a_line_end_is_joined():
    pages = clean_pages(["The assess-\nment was completed late."])
    assert pages[0].text == "The assessment\nwas completed late."


def test_a_hyphen_that_belongs_to_the_word_is_kept():
    pages = clean_pages(["A multi-\nagency meeting was held."])
    assert pages[0].text == "A multi-agency\nmeeting was held."


def test_the_documents_own_spelling_decides_an_unknown_split():
    text = "The child-minder visited.\nLater the child-\nminder called again."
    assert "child-minder\ncalled" in clean_pages([text])[0].text
    text = "The caseload was high.\nThe case-\nload grew."
    assert "caseload\ngrew" in clean_pages([text])[0].text


def test_pdfium_line_end_hyphens_are_resolved_the_same_way():
    data = pdf_bytes([["The assess-", "ment was late and the multi-", "agency meeting was held."]])
    text = read_document(data, "review.pdf", max_bytes=LIMIT).pages[0].text
    assert "assessment" in text and "multi-agency" in text
    assert "\ufffe" not in text
