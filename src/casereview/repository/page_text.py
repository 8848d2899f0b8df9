"""A page of a document as HTML: its paragraphs, with chosen words marked.

Two things mark words on a page: an evidence quote, looked up on the server from the record
field or recommendation the link names (so a link carries a short id, never the quote), and
the words of the search that led to the page (`?q=`, limited to the search box's length).
Everything from the page and the query is escaped; the only markup is the <p>, <br> and
<mark> written here. The first mark has an id, so a link's fragment scrolls to it with no
JavaScript.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse
from markupsafe import Markup, escape

from casereview.analysis.pagetext import Found, Paragraph, find_quote, paragraphs
from casereview.recommendations.models import Recommendation
from casereview.repository.forms import FIELD_LABELS
from casereview.repository.models import Document, Page, RecordField
from casereview.repository.query import MAX_QUERY_CHARS, parse
from casereview.repository.quotes import Quoter
from casereview.repository.search import word_forms

# Formats whose stored lines are printed lines, wrapped at the page's width (see `pagetext`).
WRAPPED_FORMATS = frozenset({"pdf", "text"})
# The fragment of an evidence link, and the id of its first mark.
EVIDENCE_ID = "evidence"
# The id of the first mark of a search's words ("match-1"); links to a page from search
# results end with "#match-1".
MATCH_ID = "match-1"
# The sections of a page joined for matching: a quote on page 1 may begin in the running
# header (evidence is read with it, see `textview`).
_SEPARATOR = "\n\n"


@dataclass(frozen=True)
class Evidence:
    """The quote a link asks the page to show, and what it is evidence for."""

    label: str
    quote: str
    page: int | None


@dataclass(frozen=True)
class Marked:
    """A page's header, text and footer as HTML, and how its marks went."""

    header: Markup
    text: Markup
    footer: Markup
    found: Found | None
    matches: int


def evidence_params(params: Mapping[str, str]) -> dict[str, str]:
    """The parameters of a link that name its evidence, as `evidence_for` reads them: a
    recommendation, else a field (and item). Links on from the page carry only these, so
    nothing else a request sent is repeated in them."""
    if "recommendation" in params:
        return {"recommendation": params["recommendation"]}
    return {k: params[k] for k in ("field", "item") if k in params}


def evidence_for(document: Document, params: Mapping[str, str]) -> Evidence | None:
    """The evidence a link's parameters name (`field`, with `item` for one value of a list,
    or `recommendation`); None when they name nothing this document holds. A value a person
    corrected keeps the quote the computer found, which is what is shown."""
    if "recommendation" in params:
        position = _number(params["recommendation"])
        rec = (
            Recommendation.objects.filter(document=document, position=position).first()
            if position is not None
            else None
        )
        if rec is None or not rec.text:
            return None
        label = f"recommendation {rec.number}" if rec.number else "this recommendation"
        return Evidence(label, rec.text, rec.page)
    name = params.get("field", "")
    if name not in FIELD_LABELS:
        return None
    row = RecordField.objects.filter(document=document, name=name).first()
    if row is None:
        return None
    label = FIELD_LABELS[name].lower()
    if "item" in params:
        index = _number(params["item"])
        items = row.items if isinstance(row.items, list) else []
        if index is None or not 0 <= index < len(items) or not isinstance(items[index], dict):
            return None
        item = items[index]
        quote, page = str(item.get("quote") or ""), item.get("page")
        label = f"{label}: {item.get('value')}"
    else:
        quote, page = row.quote, row.page
    if not quote:
        return None
    return Evidence(label, quote, page if isinstance(page, int) else None)


def _number(raw: str) -> int | None:
    # Ids are small numbers: anything longer is not one (and int() of a long string is slow).
    # ASCII digits only: str.isdigit() also says yes to "²", which int() refuses.
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 6:
        return None
    return int(raw)


def query_too_long(text: str) -> bool:
    return len(text) > MAX_QUERY_CHARS


def page_link(document: Document, number: int, *, query: str = "") -> str:
    """A page of the document's text; with ``query``, the search's words stay marked on it."""
    link = reverse(
        "repository:document-page", kwargs={"ref": document.sha256[:12], "number": number}
    )
    return link + ("?" + urlencode({"q": query}) if query else "")


def evidence_link(document: Document, page: int, **params: str | int) -> str:
    """A link to the page that highlights a quote the record holds (`evidence_for` reads the
    parameters) and scrolls to it."""
    return f"{page_link(document, page)}?{urlencode(params)}#{EVIDENCE_ID}"


def evidence_links(
    document: Document,
    number: int,
    asks: dict[str, str],
    evidence: Evidence | None,
    found: Found | None,
) -> dict[str, str | None]:
    """Where page ``number``, asked for the evidence ``asks`` names, sends a reader on: to the
    page that holds the quote when this one does not ("evidence_elsewhere"), and to the next
    or the previous page when the quote runs past this page's end ("continues") or began
    before its start ("began"). Evidence belongs to its own page, so only these links keep it."""
    last = document.page_count
    return {
        "evidence_elsewhere": (
            evidence_link(document, evidence.page, **asks)
            if evidence and not found and evidence.page and evidence.page != number
            else None
        ),
        "continues": (
            evidence_link(document, number + 1, **asks)
            if found and found.part == "start" and number < last
            else None
        ),
        "began": (
            evidence_link(document, number - 1, **asks)
            if found and found.part == "end" and number > 1
            else None
        ),
    }


def marked_page(page: Page, document: Document, *, quote: str = "", query: str = "") -> Marked:
    """The page as HTML with the quote's words (id `EVIDENCE_ID`) or the query's words (the
    first with id `MATCH_ID`) marked; a `query` longer than the search box allows is ignored."""
    sections = (page.header, page.text, page.footer)
    whole = _SEPARATOR.join(sections)
    found = find_quote(whole, quote) if quote else None
    spans: list[tuple[int, int, str]] = []
    if found:
        spans.append((found.start, found.end, EVIDENCE_ID))
    matches = 0
    if query and not query_too_long(query):
        terms = parse(query).terms()
        if terms:
            words = Quoter.of(terms, word_forms).spans(whole)
            spans += [(s, e, MATCH_ID if n == 0 else "") for n, (s, e) in enumerate(words)]
            matches = len(words)
    spans = _apart(spans)
    wrapped = document.format in WRAPPED_FORMATS
    html: list[Markup] = []
    offset = 0
    for number, section in enumerate(sections):
        # A span begun in an earlier section keeps its id there.
        local = [
            (s - offset, e - offset, i if s >= offset else "")
            for s, e, i in spans
            if e > offset and s < offset + len(section)
        ]
        if number == 1:
            html.append(render(section, paragraphs(section, wrapped=wrapped), local))
        else:
            lines = paragraphs(section, wrapped=True)
            joined = [Paragraph(tuple(ln for p in lines for ln in p.lines), wrapped=True)]
            html.append(render(section, joined if lines else [], local, tag=""))
        offset += len(section) + len(_SEPARATOR)
    return Marked(html[0], html[1], html[2], found, matches)


def _apart(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Spans in order, each starting after the one before ends (an overlapping later span is
    left out; the evidence quote sorts first where they start together)."""
    out: list[tuple[int, int, str]] = []
    for span in sorted(spans, key=lambda s: (s[0], s[2] != EVIDENCE_ID)):
        if not out or span[0] >= out[-1][1]:
            out.append(span)
    return out


def render(
    text: str,
    paras: Sequence[Paragraph],
    spans: Sequence[tuple[int, int, str]],
    *,
    tag: str = "p",
) -> Markup:
    """`paras` of `text` as HTML, each in a `tag` element (none when empty), with `spans`
    [start, end) wrapped in <mark> (an id on the first part of a span that has one). A span
    crossing a paragraph's end is closed there and opened again in the next."""
    out: list[str] = []
    index = 0
    open_ = False
    for para in paras:
        if tag:
            out.append(f'<{tag} class="govuk-body">')
        if open_:
            out.append("<mark>")
        for number, (start, end) in enumerate(para.lines):
            if number:
                out.append(" " if para.wrapped else "<br>\n")
            pos = start
            while pos < end:
                if open_:
                    stop = min(spans[index][1], end)
                    out.append(str(escape(text[pos:stop])))
                    pos = stop
                    if stop == spans[index][1]:
                        out.append("</mark>")
                        open_ = False
                        index += 1
                    continue
                while index < len(spans) and spans[index][1] <= pos:
                    index += 1
                begin = spans[index][0] if index < len(spans) else end
                if begin >= end:
                    out.append(str(escape(text[pos:end])))
                    pos = end
                    continue
                out.append(str(escape(text[pos : max(pos, begin)])))
                pos = max(pos, begin)
                ident = spans[index][2]
                out.append(f'<mark id="{ident}">' if ident else "<mark>")
                open_ = True
        if open_:
            out.append("</mark>")
        if tag:
            out.append(f"</{tag}>")
    return Markup("".join(out))
