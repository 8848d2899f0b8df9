"""The code lists of DESIGN section 5 as data: mechanisms (`mechanisms.json`) and addressees
(`addressees.json`), each code with its label and the rationale for what belongs under it.

They are written once, here; the coding rules, the recommendation extractor, the record's agency
rules, the pages and the demo corpus read them, and each refuses a code that is not listed. A
new edition of the taxonomy is a change to these files. Each file is read and checked once; a
mistake in one stops casereview with a `TaxonomyError` that says where it is and how to fix it.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from typing import Any

MECHANISMS_FILE = "mechanisms.json"
ADDRESSEES_FILE = "addressees.json"
# The mechanism codes are fixed by DESIGN section 5; the file gives their words.
MECHANISM_CODES: tuple[str, ...] = tuple(f"A{n}" for n in range(1, 12))


class TaxonomyError(ValueError):
    """A taxonomy file is malformed, or a rule names a code it does not list."""


@dataclass(frozen=True)
class Mechanism:
    code: str
    label: str
    """Short, as the coding rules and the demo corpus write it ("policy/procedure")."""
    name: str
    """As a reader sees it on the pages ("Policy or procedure")."""
    rationale: str


@dataclass(frozen=True)
class Addressee:
    code: str
    label: str
    group: str
    """Agencies of one group (the health services) count once when deciding multi-agency."""
    rationale: str


@functools.cache
def mechanisms() -> dict[str, Mechanism]:
    """The shipped mechanisms by code, in the order A1 to A11."""
    return load_mechanisms(_shipped(MECHANISMS_FILE))


@functools.cache
def addressees() -> dict[str, Addressee]:
    """The shipped addressees by code, in the file's order."""
    return load_addressees(_shipped(ADDRESSEES_FILE))


def _shipped(name: str) -> str:
    return resources.files("casereview.analysis").joinpath(name).read_text(encoding="utf-8")


def load_mechanisms(text: str) -> dict[str, Mechanism]:
    """Parse and check a mechanisms file's text; a `TaxonomyError` says what is wrong and where."""
    codes = _codes(text, MECHANISMS_FILE)
    missing = [c for c in MECHANISM_CODES if c not in codes]
    extra = [c for c in codes if c not in MECHANISM_CODES]
    if missing or extra:
        raise TaxonomyError(
            f"{MECHANISMS_FILE}: 'codes' must hold exactly the codes A1 to A11"
            + (f"; missing: {', '.join(missing)}" if missing else "")
            + (f"; unknown: {', '.join(extra)}" if extra else "")
            + "."
        )
    out = {}
    for code in MECHANISM_CODES:
        where = f"mechanism code {code}"
        spec = _obj(codes[code], where)
        out[code] = Mechanism(
            code=code,
            label=_text(spec.get("label"), f"{where}: 'label'"),
            name=_text(spec.get("name"), f"{where}: 'name'"),
            rationale=_text(spec.get("rationale"), f"{where}: 'rationale'"),
        )
    return out


def load_addressees(text: str) -> dict[str, Addressee]:
    """Parse and check an addressees file's text; a `TaxonomyError` says what is wrong and where."""
    codes = _codes(text, ADDRESSEES_FILE)
    if not codes:
        raise TaxonomyError(f"{ADDRESSEES_FILE}: 'codes' must name at least one addressee.")
    out = {}
    for code, value in codes.items():
        where = f"addressee {code}"
        spec = _obj(value, where)
        out[code] = Addressee(
            code=code,
            label=_text(spec.get("label"), f"{where}: 'label'"),
            group=_text(spec.get("group"), f"{where}: 'group'"),
            rationale=_text(spec.get("rationale"), f"{where}: 'rationale'"),
        )
    return out


def check_addressees(codes: Iterable[str], used_by: str) -> None:
    """Refuse, naming `used_by`, any addressee code that the taxonomy does not list."""
    known = addressees()
    unknown = [code for code in codes if code not in known]
    if unknown:
        raise TaxonomyError(
            f"{used_by} names addressee {', '.join(map(repr, unknown))}, which "
            f"{ADDRESSEES_FILE} does not list; add it there with its label, group and "
            "rationale, or use one of its codes."
        )


def _codes(text: str, name: str) -> dict[str, Any]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise TaxonomyError(
            f"{name} is not valid JSON (line {exc.lineno}, column {exc.colno}): {exc.msg}."
        ) from None
    root = _obj(data, name)
    return _obj(root.get("codes"), f"{name}: 'codes'")


def _obj(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise TaxonomyError(f"{where} must be an object ({{...}}).")
    return value


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise TaxonomyError(f"{where} must be a non-empty piece of text.")
    return value
