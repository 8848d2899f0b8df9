"""Reference tables for the fictional demo corpus: areas, agencies, themes, names.

Everything here is invented for the demo corpus. The local authority areas do not exist, the
people are made up, and identifying details use ranges reserved for fiction (Ofcom drama phone
numbers, RFC 2606 example domains, the NHS 999 test range, the unissued "QQ" National Insurance
prefix, and postcode areas beginning with Q, which Royal Mail never issues).
"""

from __future__ import annotations

from dataclasses import dataclass

REGIONS: tuple[str, ...] = (
    "North East",
    "North West",
    "Yorkshire and the Humber",
    "East Midlands",
    "West Midlands",
    "East of England",
    "London",
    "South East",
    "South West",
)


@dataclass(frozen=True)
class Area:
    """A fictional local authority area; `postcode` is its invented postcode area (Q + letter).

    Real postcode areas never start with Q, and neighbouring areas may share one."""

    name: str
    region: str
    town: str
    postcode: str
    dialling: str


# The dialling codes are Ofcom's drama ranges: each maps to a block reserved for fiction.
AREAS: tuple[Area, ...] = (
    Area("Harrowfell", "North East", "Harrowfell", "QH", "0191 498 0"),
    Area("Ravensmouth", "North East", "Ravensmouth", "QR", "0191 498 0"),
    Area("Coldhaven", "North East", "Coldhaven", "QC", "0191 498 0"),
    Area("Ebbsworth Coast", "North East", "Ebbsworth", "QE", "0191 498 0"),
    Area("Pendlebrook", "North West", "Pendlebrook", "QP", "0161 496 0"),
    Area("Ashcombe Moss", "North West", "Ashcombe", "QA", "0161 496 0"),
    Area("Fellgate", "North West", "Fellgate", "QF", "0161 496 0"),
    Area("Saltmarsh Bay", "North West", "Saltmarsh", "QS", "0161 496 0"),
    Area("Greyhollow", "North West", "Greyhollow", "QG", "0161 496 0"),
    Area("Kelderby", "Yorkshire and the Humber", "Kelderby", "QK", "0113 496 0"),
    Area("Brackendale", "Yorkshire and the Humber", "Brackendale", "QB", "0114 496 0"),
    Area("Thornbeck", "Yorkshire and the Humber", "Thornbeck", "QT", "0113 496 0"),
    Area("Hollinsby", "Yorkshire and the Humber", "Hollinsby", "QY", "0114 496 0"),
    Area("Ashbourne Vale", "East Midlands", "Ashbourne Market", "QV", "0115 496 0"),
    Area("Sherwell Forest", "East Midlands", "Sherwell", "QW", "0115 496 0"),
    Area("Lindenmoor", "East Midlands", "Lindenmoor", "QL", "0116 496 0"),
    Area("Carrowby", "East Midlands", "Carrowby", "QD", "0116 496 0"),
    Area("Brindlecote", "West Midlands", "Brindlecote", "QN", "0121 496 0"),
    Area("Marchbury", "West Midlands", "Marchbury", "QM", "0121 496 0"),
    Area("Oldbridge Chase", "West Midlands", "Oldbridge", "QO", "0121 496 0"),
    Area("Coppleton", "West Midlands", "Coppleton", "QX", "0121 496 0"),
    Area("Fenmarsh", "East of England", "Fenmarsh", "QZ", "01632 960"),
    Area("Eastwold", "East of England", "Eastwold", "QJ", "01632 960"),
    Area("Stourmere", "East of England", "Stourmere", "QU", "01632 960"),
    Area("Blythe Hundred", "East of England", "Blythe St Mary", "QI", "01632 960"),
    Area("Thamesbank", "London", "Thamesbank", "QA", "020 7946 0"),
    Area("Northwick Green", "London", "Northwick", "QN", "020 7946 0"),
    Area("Hollowmere", "London", "Hollowmere", "QH", "020 7946 0"),
    Area("Kingsreach", "London", "Kingsreach", "QK", "020 7946 0"),
    Area("Fleetside", "London", "Fleetside", "QF", "020 7946 0"),
    Area("Downsborough", "South East", "Downsborough", "QD", "0118 496 0"),
    Area("Medwell", "South East", "Medwell", "QM", "0118 496 0"),
    Area("Chalkhurst", "South East", "Chalkhurst", "QC", "0118 496 0"),
    Area("Wealdcross", "South East", "Wealdcross", "QW", "0118 496 0"),
    Area("Hartmere", "South East", "Hartmere", "QR", "0118 496 0"),
    Area("Exmere", "South West", "Exmere", "QE", "0117 496 0"),
    Area("Moorcombe", "South West", "Moorcombe", "QM", "0117 496 0"),
    Area("Pellworth", "South West", "Pellworth", "QP", "0117 496 0"),
    Area("Longbarrow", "South West", "Longbarrow", "QL", "0117 496 0"),
    Area("Tidehaven", "South West", "Tidehaven", "QT", "0117 496 0"),
)

NATIONAL_PANEL = "Child Safeguarding Practice Review Panel"

# Year the board structure changed from LSCBs to safeguarding partnerships (Working Together 2018).
PARTNERSHIP_FROM_YEAR = 2019

ABUSE_TYPES: tuple[str, ...] = ("neglect", "physical", "sexual", "emotional")

ABUSE_PHRASES: dict[str, str] = {
    "neglect": "neglect",
    "physical": "physical abuse",
    "sexual": "sexual abuse",
    "emotional": "emotional abuse",
}

# Review models, with the years in which each label is plausible.
REVIEW_MODELS: tuple[tuple[str, int, int], ...] = (
    ("systems methodology (SILP)", 2010, 2026),
    ("learning together systems model", 2010, 2026),
    ("appreciative inquiry", 2014, 2026),
    ("practitioner event model", 2012, 2026),
    ("hybrid systems and practitioner-led model", 2015, 2026),
    ("individual management review model", 2008, 2016),
    ("rapid review extended model", 2019, 2026),
    ("child's journey model", 2013, 2026),
    ("reflective family-centred model", 2017, 2026),
)

OTHER_REVIEW_NAMES: tuple[str, ...] = (
    "Multi-Agency Learning Review",
    "Partnership Learning Review",
    "Thematic Learning Review",
    "Single Agency Learning Review",
)


@dataclass(frozen=True)
class Addressee:
    """A recommendation addressee code from DESIGN section 5, with ways reports name it."""

    code: str
    names: tuple[str, ...]
    staff: str
    agency: bool


ADDRESSEES: dict[str, Addressee] = {
    a.code: a
    for a in (
        Addressee(
            "partnership",
            ("{board}", "The Partnership", "The safeguarding partners"),
            "practitioners across the partnership",
            False,
        ),
        Addressee(
            "childrens_social_care",
            (
                "Children's Social Care",
                "The local authority",
                "The Director of Children's Services",
            ),
            "social workers and their managers",
            True,
        ),
        Addressee(
            "police",
            ("{area} Police", "The police", "The Constabulary"),
            "police officers and staff",
            True,
        ),
        Addressee(
            "health.commissioners",
            ("{icb}", "Health commissioners", "The designated nurse"),
            "health practitioners",
            True,
        ),
        Addressee(
            "health.gp",
            ("GP practices", "Primary care", "The named GP for safeguarding"),
            "GPs and practice staff",
            True,
        ),
        Addressee(
            "health.health_visiting",
            ("The health visiting service", "The 0-19 public health nursing service"),
            "health visitors",
            True,
        ),
        Addressee(
            "health.midwifery", ("Maternity services", "The midwifery service"), "midwives", True
        ),
        Addressee(
            "health.acute",
            ("The hospital trust", "The emergency department", "The acute trust"),
            "emergency department staff",
            True,
        ),
        Addressee(
            "health.paediatrics",
            ("The community paediatric service", "The paediatric department"),
            "paediatricians",
            True,
        ),
        Addressee(
            "health.camhs",
            ("CAMHS", "Child and adolescent mental health services"),
            "CAMHS clinicians",
            True,
        ),
        Addressee(
            "health.adult_mental_health",
            ("Adult mental health services", "The mental health trust"),
            "adult mental health practitioners",
            True,
        ),
        Addressee(
            "health.substance_misuse",
            ("Substance misuse services", "The drug and alcohol service"),
            "drug and alcohol workers",
            True,
        ),
        Addressee(
            "education.schools",
            (
                "Schools and academies",
                "The education service",
                "Designated safeguarding leads in schools",
            ),
            "school staff",
            True,
        ),
        Addressee(
            "education.early_years",
            ("Early years settings", "The early years service"),
            "early years practitioners",
            True,
        ),
        Addressee(
            "probation_youth_justice",
            ("The Probation Service", "The youth justice service"),
            "probation and youth justice officers",
            True,
        ),
        Addressee(
            "housing",
            ("Housing services", "The housing department", "Registered housing providers"),
            "housing officers",
            True,
        ),
        Addressee(
            "adult_social_care",
            ("Adult social care", "Adult services"),
            "adult social care staff",
            True,
        ),
        Addressee(
            "voluntary_sector",
            ("Voluntary sector partners", "Commissioned voluntary services"),
            "voluntary sector staff",
            True,
        ),
        Addressee(
            "national_bodies",
            (
                "The Department for Education",
                "The Department of Health and Social Care",
                "The Home Office",
                "NHS England",
            ),
            "practitioners nationally",
            False,
        ),
        Addressee(
            "all_agencies", ("All partner agencies", "All agencies"), "all practitioners", False
        ),
    )
}

# Agencies named in the narrative, keyed to the addressee codes they answer to.
AGENCIES: dict[str, str] = {
    "children's social care": "childrens_social_care",
    "police": "police",
    "GP": "health.gp",
    "health visiting": "health.health_visiting",
    "midwifery": "health.midwifery",
    "emergency department": "health.acute",
    "paediatrics": "health.paediatrics",
    "CAMHS": "health.camhs",
    "adult mental health": "health.adult_mental_health",
    "substance misuse service": "health.substance_misuse",
    "school": "education.schools",
    "early years": "education.early_years",
    "probation": "probation_youth_justice",
    "youth justice": "probation_youth_justice",
    "housing": "housing",
    "adult social care": "adult_social_care",
    "domestic abuse service": "voluntary_sector",
    "ambulance service": "health.acute",
}

AGENCY_PRACTITIONER: dict[str, str] = {
    "children's social care": "the allocated social worker",
    "police": "a police officer",
    "GP": "the GP",
    "health visiting": "the health visitor",
    "midwifery": "the community midwife",
    "emergency department": "an emergency department doctor",
    "paediatrics": "the paediatrician",
    "CAMHS": "the CAMHS practitioner",
    "adult mental health": "the mental health nurse",
    "substance misuse service": "the drug and alcohol worker",
    "school": "the designated safeguarding lead",
    "early years": "the nursery key worker",
    "probation": "the probation officer",
    "youth justice": "the youth justice worker",
    "housing": "the housing officer",
    "adult social care": "an adult social care worker",
    "domestic abuse service": "the domestic abuse advocate",
    "ambulance service": "the ambulance crew",
}


@dataclass(frozen=True)
class Theme:
    """A learning theme code from DESIGN section 6, with sentences that plant it in a report.

    Slots: {child}, {they} (he/she), {their} (his/her), {mother}, {father}, {agency}.
    `ages` is the inclusive age range (years) in which the theme is plausible; `weight` is its
    rough prevalence, taken from the published national analyses where one exists.
    """

    code: str
    label: str
    sentences: tuple[str, ...]
    weight: float
    ages: tuple[float, float] = (0.0, 18.0)


THEMES: tuple[Theme, ...] = (
    Theme(
        "T1.disability",
        "Child's disability or additional needs",
        (
            "{child} had complex health needs and a learning disability, and communicated mainly "
            "through gestures and a small number of signs.",
            "Practitioners too readily attributed changes in {child}'s presentation to {their} "
            "disability rather than asking whether {they} might be being harmed.",
        ),
        0.12,
        (1.0, 18.0),
    ),
    Theme(
        "T1.self_harm",
        "Child's mental health and self-harm",
        (
            "{child} disclosed thoughts of ending {their} life to a teacher and had been "
            "self-harming "
            "for several months before the incident.",
            "The risk arising from {child}'s self-harm was treated as a health matter and was not "
            "linked to what was happening at home.",
        ),
        0.15,
        (10.0, 18.0),
    ),
    Theme(
        "T2.domestic_abuse",
        "Domestic abuse",
        (
            "The police attended the family home on several occasions following reports of "
            "domestic "
            "abuse between {mother} and {father}.",
            "Domestic abuse was a feature of the household throughout the period under review, but "
            "its impact on {child} was rarely considered.",
            "Each domestic abuse incident was assessed on its own, so the escalating pattern of "
            "coercive and controlling behaviour was missed.",
        ),
        0.55,
    ),
    Theme(
        "T2.parental_mental_health",
        "Parental mental ill-health",
        (
            "{mother} had a long history of depression and anxiety, and had been seen by adult "
            "mental health services after the birth of an older child.",
            "Parental mental ill-health affected the care {child} received, yet the adult services "
            "involved did not ask what it meant for the children in the household.",
        ),
        0.55,
    ),
    Theme(
        "T2.parental_alcohol",
        "Parental alcohol misuse",
        (
            "{father} drank heavily, and family members described him as unpredictable when he had "
            "been drinking.",
            "Alcohol misuse by the adults caring for {child} was known to several agencies but was "
            "never assessed in terms of its effect on parenting.",
        ),
        0.34,
    ),
    Theme(
        "T2.parental_drugs",
        "Parental drug misuse",
        (
            "{mother} had used cannabis and cocaine since her teens and was prescribed methadone "
            "during part of the review period.",
            "Parental drug use was recorded by several practitioners, but its impact on the safety "
            "of {child} was not explored with the family.",
        ),
        0.34,
    ),
    Theme(
        "T2.neglect",
        "Neglect",
        (
            "{child} was often described as hungry and unkempt, and the home conditions were poor "
            "over a long period.",
            "The cumulative effect of chronic neglect was lost because each concern was considered "
            "in isolation.",
            "There were repeated missed health appointments and concerns about hygiene, which "
            "together pointed to long-standing neglect.",
        ),
        0.75,
    ),
    Theme(
        "T2.poverty",
        "Poverty and deprivation",
        (
            "The family lived in overcrowded temporary accommodation and relied on food banks for "
            "much of the review period.",
            "Financial hardship and debt added to the stress within the household, but the help "
            "offered did not address these practical problems.",
        ),
        0.25,
    ),
    Theme(
        "T2.parental_learning_disability",
        "Parental learning disability",
        (
            "{mother} has a mild learning disability and found written information about the child "
            "protection plan hard to follow.",
            "No adjustments were made for the parents' learning needs, so it was never clear "
            "whether they understood what was expected of them.",
        ),
        0.08,
    ),
    Theme(
        "T2.unknown_males",
        "New or unknown adult males",
        (
            "A new partner joined the household a few weeks before the incident, and none of the "
            "agencies knew who he was or what his history might be.",
            "Professionals did not ask who else was living in or visiting the home, and an adult "
            "male with previous convictions went unnoticed.",
        ),
        0.2,
    ),
    Theme(
        "T2.culture_language_faith",
        "Culture, language and faith",
        (
            "The family's first language was not English, and a relative was often used to "
            "interpret during appointments.",
            "Practitioners were uncertain how to discuss the family's faith and cultural "
            "practices, "
            "and this limited the questions they asked.",
        ),
        0.12,
    ),
    Theme(
        "T3.child_protection_plan",
        "Child protection plan",
        (
            "{child} had been subject to a child protection plan under the category of {category} "
            "for eleven months before the incident.",
            "The child protection plan was ended after the parents engaged with services for a "
            "short period.",
        ),
        0.3,
    ),
    Theme(
        "T3.child_in_need",
        "Child in need",
        (
            "{child} was open to children's social care as a child in need at the time of the "
            "incident.",
            "The child in need plan had no clear outcomes and was reviewed only twice in eight "
            "months.",
        ),
        0.3,
    ),
    Theme(
        "T3.looked_after",
        "Looked-after child",
        (
            "{child} had been looked after by the local authority since the age of eleven and had "
            "moved placement four times.",
            "As a looked-after child, {child} had several changes of social worker and did not "
            "have a consistent adult to trust.",
        ),
        0.1,
        (5.0, 18.0),
    ),
    Theme(
        "T4.child_not_seen",
        "Child not seen / voice not heard",
        (
            "{child} was not seen on their own by any practitioner during the last six months "
            "before the incident.",
            "The voice of {child} is largely absent from the records, which describe the parents' "
            "views in detail but say little about what life was like for {child}.",
        ),
        0.45,
    ),
    Theme(
        "T4.disguised_compliance",
        "Disguised compliance",
        (
            "The parents appeared to cooperate with professionals, attending meetings and agreeing "
            "to plans, while little changed for {child}.",
            "Reassurances given by the family were accepted without being tested, a pattern often "
            "described as disguised compliance.",
        ),
        0.3,
    ),
    Theme(
        "T4.professional_curiosity",
        "Lack of professional curiosity",
        (
            "Practitioners did not show sufficient professional curiosity about explanations that "
            "were inconsistent or that changed over time.",
            "Opportunities to ask about who was caring for {child} and why injuries occurred were "
            "missed.",
        ),
        0.4,
    ),
    Theme(
        "T4.information_sharing",
        "Information sharing",
        (
            "Important information held by the {agency} was not shared with children's social care "
            "at the time it would have made a difference.",
            "Each agency held part of the picture, but information was not brought together, so no "
            "one had a full view of the risks to {child}.",
        ),
        0.6,
    ),
    Theme(
        "T4.multi_agency_decisions",
        "Multi-agency communication and decision-making",
        (
            "Strategy discussions were held between children's social care and the police only, "
            "without health or education being involved.",
            "Decisions made at multi-agency meetings were not recorded consistently, and actions "
            "were not followed up.",
        ),
        0.35,
    ),
    Theme(
        "T4.thresholds_early_help",
        "Thresholds and early help",
        (
            "Referrals about {child} were repeatedly assessed as not meeting the threshold for "
            "statutory services and were redirected to early help.",
            "The family was offered early help support, but when they declined it the case was "
            "closed without further assessment.",
        ),
        0.3,
    ),
    Theme(
        "T4.working_with_fathers",
        "Working with fathers and men",
        (
            "{father} was rarely invited to appointments, and his role in caring for {child} was "
            "never assessed.",
            "Professionals focused almost entirely on {mother}, and the men in {child}'s life were "
            "largely invisible to services.",
        ),
        0.3,
    ),
    Theme(
        "T4.drift",
        "Planning and drift",
        (
            "Plans were repeated from one meeting to the next with little evidence of progress, "
            "and "
            "the case drifted for many months.",
            "There was no clear contingency plan for what would happen if the parents did not make "
            "the necessary changes.",
        ),
        0.25,
    ),
    Theme(
        "T4.escalation",
        "Challenge and escalation",
        (
            "The health visitor disagreed with the decision to close the case but did not use the "
            "escalation procedure.",
            "Professional disagreements were raised informally and were not escalated to managers "
            "when they were not resolved.",
        ),
        0.25,
    ),
    Theme(
        "T4.think_family",
        "Adult services not thinking family",
        (
            "Adult services working with {mother} did not record that she was caring for young "
            "children.",
            "The adult-focused services involved did not consider the needs of the children when "
            "planning care for the parents.",
        ),
        0.25,
    ),
    Theme(
        "T4.bruising_non_mobile",
        "Bruising in non-mobile babies",
        (
            "A small bruise was seen on {child}'s cheek at eight weeks old, and no referral was "
            "made under the bruising protocol.",
            "Bruising in a baby who is not yet mobile is rare and must always be investigated, but "
            "the mark seen on {child} was accepted as accidental.",
        ),
        0.6,
        (0.0, 1.0),
    ),
    Theme(
        "T4.safe_sleep",
        "Safe sleep",
        (
            "{child} died after sharing a sofa with a parent who had been drinking alcohol.",
            "Safe sleep advice was given to {mother} after the birth, but no one checked where "
            "{child} was sleeping during later home visits.",
        ),
        0.5,
        (0.0, 1.0),
    ),
    Theme(
        "T4.extra_familial_harm",
        "Adolescents and extra-familial harm",
        (
            "{child} was being exploited by older young people to carry drugs between towns.",
            "The risks {child} faced outside the home, from peers and adults in the community, "
            "were "
            "not addressed through a contextual safeguarding response.",
        ),
        0.6,
        (11.0, 18.0),
    ),
    Theme(
        "T4.school_absence",
        "Education: exclusion, absence, home education",
        (
            "{child}'s school attendance fell sharply during the year before the incident, and "
            "{they} was later removed from the school roll to be home educated.",
            "Persistent absence from school was not recognised as a safeguarding concern for "
            "{child}.",
        ),
        0.35,
        (5.0, 17.0),
    ),
    Theme(
        "T4.good_practice",
        "Good practice",
        (
            "There were examples of good practice, including a thorough assessment by the "
            "{agency} that clearly recorded {child}'s views.",
            "The prompt response of the {agency} on the day of the incident was good practice.",
        ),
        0.5,
    ),
    Theme(
        "T5.workload_supervision",
        "Management systems: workload, turnover, supervision",
        (
            "High caseloads and frequent changes of social worker meant that no one knew {child} "
            "well.",
            "Supervision focused on tasks and timescales, leaving little space to reflect on the "
            "risks to {child}.",
        ),
        0.3,
    ),
    Theme(
        "T5.human_bias",
        "Human reasoning and bias",
        (
            "Once an initial view had been formed that the family were coping, later information "
            "was interpreted to fit that view.",
            "Professionals were optimistic about the parents' capacity to change despite evidence "
            "to the contrary.",
        ),
        0.25,
    ),
)

THEME_LABELS: dict[str, str] = {t.code: t.label for t in THEMES}

FIRST_NAMES_F: tuple[str, ...] = (
    "Amber",
    "Bethany",
    "Chloe",
    "Demi",
    "Ellie",
    "Freya",
    "Gemma",
    "Hayley",
    "Isla",
    "Jade",
    "Kayleigh",
    "Leah",
    "Megan",
    "Niamh",
    "Olivia",
    "Paige",
    "Rosie",
    "Shannon",
    "Tia",
    "Zara",
    "Kerry",
    "Lauren",
    "Stacey",
    "Danielle",
    "Nadia",
    "Aisha",
    "Maya",
    "Poppy",
)
FIRST_NAMES_M: tuple[str, ...] = (
    "Aaron",
    "Bradley",
    "Callum",
    "Declan",
    "Ethan",
    "Finley",
    "Jayden",
    "Kieran",
    "Liam",
    "Mason",
    "Nathan",
    "Owen",
    "Reece",
    "Ryan",
    "Tyler",
    "Kai",
    "Leon",
    "Harvey",
    "Dylan",
    "Jordan",
    "Craig",
    "Darren",
    "Lee",
    "Wayne",
    "Imran",
    "Tomasz",
)
SURNAMES: tuple[str, ...] = (
    "Ashworth",
    "Brennan",
    "Calloway",
    "Dunmore",
    "Ellery",
    "Fairbank",
    "Garside",
    "Holroyd",
    "Ingram",
    "Jessop",
    "Kershaw",
    "Lomax",
    "Marsden",
    "Northam",
    "Oldroyd",
    "Pickersgill",
    "Quarmby",
    "Rushworth",
    "Sowerby",
    "Thwaite",
    "Umpleby",
    "Varley",
    "Whitlock",
    "Yeadon",
)
STREETS: tuple[str, ...] = (
    "Linden Close",
    "Rowan Way",
    "Sycamore Road",
    "Heather Court",
    "Mill Lane",
    "Quarry View",
    "Bracken Rise",
    "Alder Grove",
    "Kestrel Walk",
    "Foundry Street",
    "Chapel Row",
    "Beacon Terrace",
)
SCHOOLS: tuple[str, ...] = (
    "{town} Brook Primary School",
    "St Elric's Church of England Primary School",
    "{town} Park Academy",
    "Hollyfield Infant School",
    "{town} High School",
    "Beechcroft Community College",
    "The Meadows Nursery",
    "Larkspur Junior School",
)
MONTHS: tuple[str, ...] = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
NUMBER_WORDS: tuple[str, ...] = (
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
)
