"""The publication scan finds what could identify a child or their family in a report: the
identity record's values in the forms reports write them, checked identifiers, and possible
names for a person to judge. All names and numbers here are invented."""

from __future__ import annotations

import datetime

from casereview.analysis.redaction import (
    Identity,
    Person,
    identity_from_record,
    scan,
)

RECORD = identity_from_record(
    "Child W",
    legal_name="Maisie Thornbury-Vale",
    family_members="Dawn Thornbury (mother)\nFather: Gareth Pike",
    dates_of_birth="Maisie: 4 February 2013",
    addresses="63 Heather Court, Ravensmouth QR8 2ES",
    school="Ravensmouth Primary Academy",
)


def found(text: str, identity: Identity = RECORD, page: int = 1) -> list[tuple[str, str]]:
    return [(f.kind, f.quote) for f in scan([(page, text)], identity)]


def test_the_record_is_read_one_person_a_line_with_their_relationship() -> None:
    assert RECORD.people == (
        Person("Maisie Thornbury-Vale", "child"),
        Person("Dawn Thornbury", "mother"),
        Person("Gareth Pike", "father"),
    )
    assert RECORD.dates_of_birth == (datetime.date(2013, 2, 4),)


def test_it_finds_a_name_in_any_case_and_with_a_possessive() -> None:
    assert ("name", "DAWN THORNBURY") in found("Letter from DAWN THORNBURY.")
    assert ("name", "Dawn Thornbury") in found("Dawn Thornbury's flat was cold.")


def test_it_finds_initials_with_the_surname_and_a_first_name_alone() -> None:
    assert ("name", "G. Pike") in found("The form was signed by G. Pike on arrival.")
    assert ("name", "Gareth") in found("Later Gareth left the house.")
    assert found("The pike in the river.") == []


def test_it_finds_a_hyphenated_surname_whole_or_by_its_last_part() -> None:
    assert ("name", "Maisie Thornbury-Vale") in found("Maisie Thornbury-Vale was seen.")
    assert ("name", "Vale") in found("Miss Vale attended.")


def test_it_finds_a_name_broken_across_lines_and_across_pages() -> None:
    across_lines = found("seen by Dawn Thorn-\nbury at home")
    across_pages = [
        (f.kind, f.page) for f in scan([(3, "the visit by Dawn"), (4, "Thornbury ended")], RECORD)
    ]
    assert ("name", "Dawn Thorn-\nbury") in across_lines
    assert ("name", 3) in across_pages


def test_it_finds_names_as_ocr_misreads_them() -> None:
    record = identity_from_record("Child M", legal_name="Emma Holmes")
    assert ("name", "Ernrna Ho1mes") in found("Ernrna Ho1mes was at nursery.", record)


def test_it_finds_the_recorded_date_of_birth_however_it_is_written() -> None:
    for written in ("4 February 2013", "04/02/2013", "2013-02-04", "4th Feb 2013"):
        assert ("date of birth", written) in found(f"born on {written}."), written


def test_it_finds_the_recorded_address_school_and_their_parts() -> None:
    kinds = found("They moved to 63 Heather Court, Ravensmouth QR8 2ES in May.")
    assert kinds == [("address", "63 Heather Court, Ravensmouth QR8 2ES")]
    assert ("address", "63 Heather Court") in found("A visit to 63 Heather Court failed.")
    assert ("school", "Ravensmouth Primary Academy") in found(
        "Staff at Ravensmouth Primary Academy raised concerns."
    )


def test_it_finds_checked_identifiers_and_only_numbers_that_pass_their_checks() -> None:
    text = (
        "NHS number 943 476 5919, not 943 476 5918. NI number QQ 12 34 56 C and AB123456D. "
        "Phone 0191 498 0586 or +44 7700 900123. Email dawn.t74@example.org. Car AB12 CDE. "
        "Postcode LS1 4AP. Pupil A801200000013."
    )
    kinds = found(text, Identity())
    assert ("NHS number", "943 476 5919") in kinds
    assert ("NHS number", "943 476 5918") not in kinds
    assert ("National Insurance number", "QQ 12 34 56 C") in kinds
    assert ("National Insurance number", "AB123456D") in kinds
    assert ("phone number", "0191 498 0586") in kinds
    assert ("phone number", "+44 7700 900123") in kinds
    assert ("email address", "dawn.t74@example.org") in kinds
    assert ("car registration", "AB12 CDE") in kinds
    assert ("postcode", "LS1 4AP") in kinds


def test_it_finds_full_dates_and_street_addresses_not_in_the_record() -> None:
    kinds = found("On 12 March 2019 police went to 7 Mill Lane. In March 2019 nothing.", Identity())
    assert kinds == [("full date", "12 March 2019"), ("street address", "7 Mill Lane")]


def test_a_full_date_is_suggested_as_its_month_and_year() -> None:
    (finding,) = scan([(1, "Seen on 12 March 2019.")], Identity())
    assert finding.suggestion == "March 2019"


def test_it_flags_names_not_in_the_record_for_a_person_to_judge() -> None:
    kinds = found(
        "Mrs Okafor visited. His uncle, Desmond, stayed. Lorna, the grandmother, called. "
        "Child W saw the Doctor. The mother, However tired, came.",
        Identity(pseudonym="Child W"),
    )
    assert kinds == [
        ("possible name", "Okafor"),
        ("possible name", "Desmond"),
        ("possible name", "Lorna"),
    ]


def test_the_child_is_suggested_as_the_pseudonym_and_others_by_their_relationship() -> None:
    findings = scan([(1, "Maisie Thornbury-Vale and Dawn Thornbury")], RECORD)
    assert [f.suggestion for f in findings] == ["Child W", "the mother"]


def test_one_decision_covers_every_occurrence_of_a_person() -> None:
    findings = scan([(1, "Dawn Thornbury. Later Dawn left; DAWN THORNBURY returned.")], RECORD)
    assert {f.key for f in findings} == {"name:dawn thornbury"}


def test_it_finds_a_number_broken_across_lines() -> None:
    assert ("NHS number", "943 476\n5919") in found(
        "NHS number 943 476\n5919 was given.", Identity()
    )
