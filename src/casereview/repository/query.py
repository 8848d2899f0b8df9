"""The search query language, parsed into a small safe tree that each backend renders itself.

What people may type (the same on SQLite and PostgreSQL):

- words: all must appear (``neglect housing``);
- ``"exact phrases"`` in double quotes;
- ``OR`` in capitals between alternatives (``neglect OR "domestic abuse"``), binding looser
  than the implied AND, as in web search engines;
- ``-word`` or ``-"a phrase"`` to leave out documents that contain it;
- ``prefix*`` to match the start of a word, at least MIN_PREFIX_CHARS letters long (also
  the last word of a phrase, ``"domestic abu"*``).

Everything else (brackets, colons, backslashes, ``NEAR``, stray quotes) is treated as the
space between words, so user text never reaches FTS5 or tsquery syntax (STYLE habit 7): the
tree holds only words made of letters and digits. A bare word on PostgreSQL's English
stop-word list is dropped on both backends, because PostgreSQL would drop it on its own and
the two must agree.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

# Letters and digits only: what FTS5's unicode61 tokenizer and PostgreSQL both call a word.
WORD = re.compile(r"[^\W_]+")
# Longest query we parse; longer input is cut (and `search` refuses it, saying so), so a pasted
# page cannot make a huge query.
MAX_QUERY_CHARS = 500
# Most terms in one query (the same reason): a question typed in full has about a dozen.
MAX_TERMS = 32
# Fewest letters before a star. A shorter start stands for hundreds of words, costs seconds to
# match in a large library, and gives results no one can use.
MIN_PREFIX_CHARS = 3

# PostgreSQL's English stop words (tsearch_data/english.stop), which its parser drops.
STOP_WORDS = frozenset(
    [
        "i",
        "me",
        "my",
        "myself",
        "we",
        "our",
        "ours",
        "ourselves",
        "you",
        "your",
        "yours",
        "yourself",
        "yourselves",
        "he",
        "him",
        "his",
        "himself",
        "she",
        "her",
        "hers",
        "herself",
        "it",
        "its",
        "itself",
        "they",
        "them",
        "their",
        "theirs",
        "themselves",
        "what",
        "which",
        "who",
        "whom",
        "this",
        "that",
        "these",
        "those",
        "am",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "have",
        "has",
        "had",
        "having",
        "do",
        "does",
        "did",
        "doing",
        "a",
        "an",
        "the",
        "and",
        "but",
        "if",
        "or",
        "because",
        "as",
        "until",
        "while",
        "of",
        "at",
        "by",
        "for",
        "with",
        "about",
        "against",
        "between",
        "into",
        "through",
        "during",
        "before",
        "after",
        "above",
        "below",
        "to",
        "from",
        "up",
        "down",
        "in",
        "out",
        "on",
        "off",
        "over",
        "under",
        "again",
        "further",
        "then",
        "once",
        "here",
        "there",
        "when",
        "where",
        "why",
        "how",
        "all",
        "any",
        "both",
        "each",
        "few",
        "more",
        "most",
        "other",
        "some",
        "such",
        "no",
        "nor",
        "not",
        "only",
        "own",
        "same",
        "so",
        "than",
        "too",
        "very",
        "s",
        "t",
        "can",
        "will",
        "just",
        "don",
        "should",
        "now",
    ]
)


@dataclass(frozen=True)
class Term:
    """A word, or several words that must appear together in order; `prefix` on the last."""

    words: tuple[str, ...]
    prefix: bool = False

    def __str__(self) -> str:
        text = " ".join(self.words)
        if len(self.words) > 1:
            text = f'"{text}"'
        return text + ("*" if self.prefix else "")


@dataclass(frozen=True)
class Clause:
    """Every `include` term and none of the `exclude` terms."""

    include: tuple[Term, ...]
    exclude: tuple[Term, ...] = ()


@dataclass(frozen=True)
class Query:
    """Any one of the clauses (OR); an empty tuple matches nothing."""

    clauses: tuple[Clause, ...]
    only_exclusions: bool = False
    short_prefixes: tuple[str, ...] = ()
    """Prefixes typed with fewer than MIN_PREFIX_CHARS letters in their last word (``ch*``,
    ``"child p"*``): nothing is searched."""
    too_long: bool = False
    """The text was longer than MAX_QUERY_CHARS; only its start was read."""
    too_many_terms: bool = False
    """The text held more than MAX_TERMS terms; only the first were kept."""

    @property
    def is_empty(self) -> bool:
        return not self.clauses

    def terms(self) -> list[Term]:
        """The terms a matching document contains, for highlighting."""
        return list(dict.fromkeys(t for c in self.clauses for t in c.include))

    def any_term(self) -> Query:
        """Pages with any of the wanted terms: for a snippet when no one page has them all."""
        return Query(tuple(Clause((t,)) for t in self.terms()))

    def any_word(self) -> Query:
        """Any of the wanted words, phrases taken apart: ranking by this is linear in a
        document's length on PostgreSQL, where ranking by a phrase or by several words that
        must all appear compares every pair of their positions."""
        words: list[Term] = []
        for t in self.terms():
            last = len(t.words) - 1
            words += [
                Term((w,), t.prefix and i == last)
                for i, w in enumerate(t.words)
                if w not in STOP_WORDS or (t.prefix and i == last)
            ]
        if not words:
            return self
        return Query(tuple(Clause((t,)) for t in dict.fromkeys(words)))


def _term(text: str, *, quoted: bool) -> Term | None:
    words = tuple(w.casefold() for w in WORD.findall(text))
    prefix = text.rstrip().endswith("*") and bool(words)
    if not quoted and len(words) == 1 and not prefix and words[0] in STOP_WORDS:
        return None
    if quoted and all(w in STOP_WORDS for w in words) and not prefix:
        return None
    if not words:
        return None
    return Term(words, prefix)


_TOKEN = re.compile(r'(?P<neg>-)?(?:"(?P<phrase>[^"]*)"?(?P<star>\*)?|(?P<bare>[^\s"]+))')


def parse(text: str) -> Query:
    """Parse what someone typed; never fails, whatever they typed."""
    too_long = len(text) > MAX_QUERY_CHARS
    text = text[:MAX_QUERY_CHARS]
    groups: list[tuple[list[Term], list[Term]]] = [([], [])]
    short: list[str] = []
    count = 0
    too_many = False
    for match in _TOKEN.finditer(text):
        negated = bool(match["neg"])
        if match["bare"] == "OR" and not negated:
            groups.append(([], []))
            continue
        if match["phrase"] is not None:
            term = _term(match["phrase"] + (match["star"] or ""), quoted=True)
        else:
            term = _term(match["bare"], quoted=False)
        if term is None:
            continue
        if term.prefix and len(term.words[-1]) < MIN_PREFIX_CHARS:
            short.append(str(term))
            continue
        if count >= MAX_TERMS:
            too_many = True
            break
        count += 1
        include, exclude = groups[-1]
        (exclude if negated else include).append(term)
    clauses = tuple(
        Clause(tuple(dict.fromkeys(inc)), tuple(dict.fromkeys(exc))) for inc, exc in groups if inc
    )
    only_exclusions = not clauses and any(exc for _, exc in groups)
    if short:
        return Query((), only_exclusions, tuple(dict.fromkeys(short)), too_long, too_many)
    return Query(clauses, only_exclusions, too_long=too_long, too_many_terms=too_many)


# --- rendering ----------------------------------------------------------------------------------


def to_fts5(query: Query, expansions: Mapping[str, Sequence[str]] | None = None) -> str:
    """FTS5 MATCH syntax. Every term is a double-quoted string of letters and digits only.

    `expansions` may give, for a one-word prefix, the indexed words that start with it: the
    term is then written as their alternatives, which FTS5 looks up directly instead of
    merging the lists of every word with that prefix again on each statement.
    """

    def term(t: Term) -> str:
        if t.prefix and len(t.words) == 1 and expansions and expansions.get(t.words[0]):
            return "(" + " OR ".join(f'"{w}"' for w in expansions[t.words[0]]) + ")"
        return '"' + " ".join(t.words) + '"' + ("*" if t.prefix else "")

    def clause(c: Clause) -> str:
        text = "(" + " AND ".join(term(t) for t in c.include) + ")"
        if c.exclude:
            text = f"({text} NOT ({' OR '.join(term(t) for t in c.exclude)}))"
        return text

    return " OR ".join(clause(c) for c in query.clauses)


def to_tsquery_sql(
    query: Query, literals: Mapping[Term, str] | None = None
) -> tuple[str, list[str]]:
    """A PostgreSQL tsquery expression built from functions that take the words as parameters.

    plainto_tsquery and phraseto_tsquery read no operators at all; a prefix term passes only
    letters and digits with ``:*`` to to_tsquery. With the 'simple' configuration a prefix
    is not stemmed, so ``assess*`` finds the stem of "assessment" as FTS5's does. `literals`
    may give a term as tsquery text already quoted (the phrase keys of search.postgres).
    """
    params: list[str] = []

    def term(t: Term) -> str:
        if literals and t in literals:
            params.append(literals[t])
            return "%s::tsquery"
        if not t.prefix:
            params.append(" ".join(t.words))
            function = "phraseto_tsquery" if len(t.words) > 1 else "plainto_tsquery"
            return f"{function}('english', %s)"
        last = "to_tsquery('simple', %s)"
        if len(t.words) == 1:
            params.append(t.words[0] + ":*")
            return last
        params.append(" ".join(t.words[:-1]))
        params.append(t.words[-1] + ":*")
        return f"tsquery_phrase(phraseto_tsquery('english', %s), {last})"

    def clause(c: Clause) -> str:
        parts = [term(t) for t in c.include]
        parts += [f"!!({term(t)})" for t in c.exclude]
        return "(" + " && ".join(parts) + ")"

    return "(" + " || ".join(clause(c) for c in query.clauses) + ")", params
