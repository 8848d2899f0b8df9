"""The bank of recommendation families that makes recommendations recur across the corpus.

A family is one lesson (for example, "training on bruising in non-mobile babies"). Each report
draws a few families and words each one afresh from its mechanism's paraphrase templates and the
family's own topic phrasings, so near-duplicates recur across boards and years with different
wording. The family id is the ground truth for recurrence clusters.

Each row of `_FAMILY_ROWS` is `mechanism|level|addressee codes|topic;topic|themes`: the topic
phrasings are noun phrases that fit every template of the mechanism, and the themes (optional)
make the family more likely in reports that plant those themes.
"""

from __future__ import annotations

from dataclasses import dataclass

MECHANISMS: dict[str, str] = {
    "A1": "policy/procedure",
    "A2": "training/awareness",
    "A3": "supervision, management oversight, quality assurance",
    "A4": "information sharing, recording, IT tools",
    "A5": "assessment and risk analysis",
    "A6": "multi-agency decision-making, escalation, challenge",
    "A7": "direct work with child and family",
    "A8": "workforce, capacity, resources",
    "A9": "service provision and commissioning",
    "A10": "governance, assurance, review process",
    "A11": "national policy or legislation",
}


@dataclass(frozen=True)
class Family:
    id: str
    mechanism: str
    level: str
    addressees: tuple[str, ...]
    topics: tuple[str, ...]
    themes: tuple[str, ...]


_FAMILY_ROWS = """
A1|multi-agency|partnership|the assessment and referral of bruising in non-mobile babies;responding to bruises or marks seen on babies who are not yet mobile|T4.bruising_non_mobile
A1|multi-agency|partnership|the resolution of professional disagreements and escalation;escalating concerns when professionals disagree about risk|T4.escalation
A1|multi-agency|partnership,health.health_visiting|safe sleep advice to parents of young babies;giving, checking and recording safe sleep advice|T4.safe_sleep
A1|multi-agency|partnership,health.gp|children who are not brought to health appointments;the response when a child is repeatedly not brought to appointments|T2.neglect
A1|multi-agency|police,childrens_social_care|police notifications of domestic abuse where children live in the household;the handling of domestic abuse notifications involving families with children|T2.domestic_abuse
A1|multi-agency|childrens_social_care,health.midwifery|pre-birth assessment and planning for unborn babies;the timing and content of pre-birth assessments|
A1|multi-agency|education.schools,childrens_social_care|children missing education and elective home education;children who are withdrawn from school to be educated at home|T4.school_absence
A1|multi-agency|police,childrens_social_care|children who go missing from home or care;return home interviews for children who have been missing|T4.extra_familial_harm
A1|multi-agency|childrens_social_care,police|convening and recording strategy discussions;attendance at strategy discussions and the recording of decisions|T4.multi_agency_decisions
A1|single agency|childrens_social_care|the closure of children's social care cases;step-down and case closure decisions|T4.thresholds_early_help
A1|multi-agency|partnership|the assessment of injuries to disabled children;recognising abuse in children with disabilities|T1.disability
A1|multi-agency|partnership|the transfer of cases when families move between local authority areas;transfer-in and transfer-out arrangements for families who move area|T4.information_sharing
A1|multi-agency|partnership|identifying and responding to chronic neglect;the use of the local neglect assessment tool|T2.neglect
A1|multi-agency|partnership,police|responding to child criminal and sexual exploitation;the contextual safeguarding response to exploitation|T4.extra_familial_harm
A2|multi-agency|partnership,health.gp,health.acute|recognising bruising in non-mobile babies;the significance of any bruise seen on a baby who is not yet mobile|T4.bruising_non_mobile
A2|multi-agency|partnership|professional curiosity and respectful challenge;the use of professional curiosity when explanations do not add up|T4.professional_curiosity
A2|multi-agency|partnership|disguised compliance and how to test parental engagement;recognising disguised compliance and measuring change for the child|T4.disguised_compliance
A2|multi-agency|partnership,police|coercive control and its impact on children;the impact of coercive and controlling behaviour on children|T2.domestic_abuse
A2|multi-agency|partnership|trauma-informed practice with children and families;trauma-informed approaches to working with families|
A2|multi-agency|health.adult_mental_health,partnership|the impact of parental mental ill-health on children;how parental mental ill-health affects parenting capacity|T2.parental_mental_health
A2|multi-agency|health.substance_misuse,partnership|the impact of parental substance misuse on parenting;the effect of parental drug and alcohol use on children|T2.parental_drugs,T2.parental_alcohol
A2|multi-agency|health.midwifery,health.health_visiting|advice to parents on coping with a crying baby;the prevention of abusive head trauma in infants|
A2|single agency|health.health_visiting|safe sleep and the risks of co-sleeping after alcohol or drug use;the risks of parents sharing a sofa or bed with a baby|T4.safe_sleep
A2|multi-agency|partnership|recognising neglect and its cumulative impact;the cumulative harm caused by long-term neglect|T2.neglect
A2|multi-agency|partnership|recognising and responding to child sexual abuse within the family;the signs of intra-familial child sexual abuse|
A2|multi-agency|partnership,education.schools|the risks of exploitation faced by adolescents;recognising criminal exploitation of teenagers|T4.extra_familial_harm
A2|multi-agency|partnership|communicating with disabled children;methods for hearing the views of children with communication needs|T1.disability
A2|multi-agency|health.paediatrics,partnership|fabricated or induced illness;perplexing presentations and fabricated or induced illness|
A2|multi-agency|partnership|working with families whose first language is not English;culturally competent practice and the use of interpreters|T2.culture_language_faith
A2|single agency|health.gp|safeguarding children for GPs and practice staff;the safeguarding responsibilities of primary care staff|
A3|single agency|childrens_social_care|reflective supervision for practitioners working with neglect;the quality of reflective supervision in cases of long-term neglect|T5.workload_supervision
A3|single agency|childrens_social_care|management oversight of child in need and child protection plans;manager oversight of plans to prevent drift|T4.drift
A3|multi-agency|partnership|the quality of child protection plans;the effectiveness of child protection plans in achieving change|T3.child_protection_plan
A3|single agency|health.health_visiting,health.midwifery|safeguarding supervision for health visitors and midwives;the frequency and quality of safeguarding supervision in health services|T5.workload_supervision
A3|single agency|childrens_social_care|the quality of social work assessments;quality assurance of children and family assessments|
A3|single agency|childrens_social_care|oversight of cases involving unborn babies;management oversight of pre-birth cases|
A3|single agency|education.schools|supervision for designated safeguarding leads in schools;support and supervision for school safeguarding leads|
A3|multi-agency|partnership|the recording of fathers and other significant males;how well case records capture the men in a child's life|T4.working_with_fathers
A3|multi-agency|partnership|the quality of strategy discussions;decision-making in strategy discussions|T4.multi_agency_decisions
A3|single agency|childrens_social_care|decision-making at the front door;the quality of decisions on contacts and referrals|T4.thresholds_early_help
A3|multi-agency|partnership|how the voice of the child is recorded;the extent to which records show the child's lived experience|T4.child_not_seen
A3|single agency|childrens_social_care|step-down decisions from statutory services to early help;the safety of step-down decisions|T4.thresholds_early_help
A3|multi-agency|partnership|cases that have been open to several agencies for a long time;long-term multi-agency involvement without improvement for the child|T4.drift
A4|multi-agency|health.gp,childrens_social_care|information sharing between GPs and children's social care;the exchange of safeguarding information between primary care and children's social care|T4.information_sharing
A4|single agency|health.gp|the flagging of children subject to child protection plans in GP records;alerts on GP records for children with a child protection plan|T4.information_sharing
A4|multi-agency|health.midwifery,health.health_visiting|the handover from midwifery to health visiting;the transfer of information from maternity services to health visitors|T4.information_sharing
A4|multi-agency|police,education.schools|notifications to schools after police attend domestic abuse incidents;the school notification scheme for domestic abuse incidents|T2.domestic_abuse
A4|single agency|health.adult_mental_health|recording whether adult patients are parents or carers of children;the recording of parental responsibilities in adult mental health records|T4.think_family
A4|multi-agency|partnership|recording who lives in and visits the household;accurate records of household composition|T2.unknown_males
A4|multi-agency|health.commissioners|the interoperability of electronic health records;the sharing of records between health providers|T4.information_sharing
A4|multi-agency|housing,childrens_social_care|information sharing with housing providers;the involvement of housing providers in safeguarding information sharing|T2.poverty
A4|multi-agency|probation_youth_justice,childrens_social_care|sharing information about the risk posed by adults on probation;information sharing between probation and children's services|T2.unknown_males
A4|multi-agency|partnership|recording ethnicity, language and religion;the recording of a family's identity and communication needs|T2.culture_language_faith
A4|multi-agency|partnership|the lawful basis for sharing safeguarding information;practitioners' confidence in sharing information without consent|T4.information_sharing
A4|single agency|education.schools|the transfer of safeguarding records when children change school;the timely transfer of child protection files between schools|T4.school_absence
A4|multi-agency|health.acute,health.health_visiting|notifications of emergency department attendances to health visitors and school nurses;the sharing of emergency department attendances with community health services|
A4|multi-agency|childrens_social_care,police|information gathering in the multi-agency safeguarding hub;the timeliness of information gathering at the front door|T4.information_sharing
A5|single agency|childrens_social_care|the use of history and chronologies in assessments;assessments that take full account of family history|T5.human_bias
A5|multi-agency|partnership|the assessment of fathers and male carers;the inclusion of men in assessments of the household|T4.working_with_fathers
A5|multi-agency|partnership|risk assessment where parents misuse substances;the assessment of risk from parental drug and alcohol use|T2.parental_drugs
A5|multi-agency|partnership|the impact of domestic abuse on children in assessments;the assessment of domestic abuse from the child's point of view|T2.domestic_abuse
A5|single agency|childrens_social_care|assessing parents with a learning disability;parenting assessments adapted for parents with learning needs|T2.parental_learning_disability
A5|multi-agency|partnership|the recognition of cumulative harm;assessments that bring together concerns over time|T2.neglect
A5|single agency|childrens_social_care|pre-birth assessments where previous children have been removed;the assessment of parents who have had children removed from their care|
A5|multi-agency|partnership|risk assessment for adolescents at risk of exploitation;the assessment of risks outside the home|T4.extra_familial_harm
A5|multi-agency|partnership|the use of research-informed assessment tools;evidence-based tools for assessing risk|
A5|single agency|childrens_social_care|the assessment of family and friends carers;assessments of connected carers|
A5|multi-agency|health.acute,childrens_social_care|safety planning before children are discharged from hospital;discharge planning for children with safeguarding concerns|
A5|multi-agency|partnership|testing parental accounts and avoiding over-optimism;the critical evaluation of what parents say|T5.human_bias
A5|single agency|childrens_social_care|the individual needs of each child in a sibling group;assessments that consider each sibling separately|
A6|multi-agency|health.gp,partnership|GP contributions to child protection conferences;the participation of GPs in child protection conferences|T4.multi_agency_decisions
A6|multi-agency|childrens_social_care|the functioning of core groups;the effectiveness of core group meetings|T3.child_protection_plan
A6|multi-agency|childrens_social_care,police|the involvement of health and education in strategy discussions;multi-agency attendance at strategy discussions|T4.multi_agency_decisions
A6|multi-agency|partnership|the escalation of disagreements about thresholds;challenge when agencies disagree about the level of need|T4.escalation
A6|multi-agency|police,partnership|the links between MARAC and children's services;the contribution of MARAC to safeguarding children|T2.domestic_abuse
A6|multi-agency|partnership|complex case panels for adolescents at risk;multi-agency planning for adolescents at high risk|T4.extra_familial_harm
A6|multi-agency|health.acute,childrens_social_care|joint decision-making before a child is discharged from hospital;multi-agency agreement on hospital discharge plans|
A6|multi-agency|partnership|professionals' meetings when concerns persist;the use of professionals' meetings to review progress|T4.drift
A6|multi-agency|partnership|the application of the local threshold document;shared understanding of thresholds for intervention|T4.thresholds_early_help
A6|multi-agency|partnership|stepping cases up from early help to statutory services;the escalation of early help cases when risks increase|T4.thresholds_early_help
A6|multi-agency|partnership|the multi-agency response to neglect;joint working on cases of neglect|T2.neglect
A6|multi-agency|childrens_social_care|how children's views are presented at child protection conferences;the child's voice in conference decision-making|T4.child_not_seen
A6|multi-agency|partnership|shared multi-agency plans for families;a single plan owned by all the agencies involved|
A7|multi-agency|partnership|seeing and speaking to children alone;direct work with children to understand their daily lives|T4.child_not_seen
A7|multi-agency|partnership,health.midwifery|engagement with fathers and male carers;the involvement of fathers in appointments and plans|T4.working_with_fathers
A7|multi-agency|partnership|working with families who are reluctant to engage;engagement with resistant or hard-to-reach families|T4.disguised_compliance
A7|multi-agency|partnership|the use of professional interpreters rather than family members;access to independent interpreters for families|T2.culture_language_faith
A7|multi-agency|partnership|direct work with disabled children using their preferred communication;the use of communication aids in direct work|T1.disability
A7|single agency|health.health_visiting|checking sleeping arrangements during home visits;observing where the baby sleeps on every home visit|T4.safe_sleep
A7|multi-agency|childrens_social_care|seeing all areas of the home during visits;unannounced visits and observation of home conditions|T2.neglect
A7|multi-agency|childrens_social_care|the involvement of wider family members in planning;family network meetings and wider family involvement|
A7|multi-agency|partnership|relationship-based practice with adolescents;building trusted relationships with teenagers|T4.extra_familial_harm
A7|single agency|childrens_social_care|continuity of worker for children;reducing changes of social worker for children|T5.workload_supervision
A7|multi-agency|partnership|explaining plans to parents in plain language;making sure parents understand what is expected of them|T2.parental_learning_disability
A7|multi-agency|health.midwifery,health.health_visiting|coping with crying advice for both parents;support for fathers and mothers to cope with a crying baby|
A7|single agency|childrens_social_care|family group conferences;the use of family group decision-making|
A8|single agency|childrens_social_care|social work caseloads in the assessment teams;the workload of social workers in the assessment service|T5.workload_supervision
A8|single agency|health.commissioners|the recruitment and retention of health visitors;health visiting capacity|T5.workload_supervision
A8|single agency|childrens_social_care|handovers when agency staff leave;the continuity of case knowledge when social workers change|T5.workload_supervision
A8|single agency|health.camhs|waiting times for CAMHS assessment;timely access to CAMHS|T1.self_harm
A8|multi-agency|health.commissioners|the capacity of designated and named safeguarding professionals;resources for the designated safeguarding health team|
A8|single agency|childrens_social_care|independent reviewing officer caseloads;the capacity of the independent reviewing service|T3.looked_after
A8|single agency|police|staffing levels in the police public protection unit;the capacity of the child abuse investigation team|
A8|single agency|childrens_social_care|the induction of newly qualified social workers;support for social workers in their first year of practice|
A8|single agency|health.commissioners|school nursing capacity;the availability of school nurses|
A8|single agency|health.gp|safeguarding lead arrangements in GP practices;protected time for practice safeguarding leads|
A9|multi-agency|health.commissioners|perinatal mental health services;access to specialist perinatal mental health support|T2.parental_mental_health
A9|multi-agency|partnership|substance misuse services for parents;drug and alcohol support designed for parents|T2.parental_drugs
A9|multi-agency|partnership|domestic abuse perpetrator programmes;services that work with perpetrators of domestic abuse|T2.domestic_abuse
A9|multi-agency|partnership|specialist therapeutic support for children after sexual abuse;recovery services for children who have been sexually abused|
A9|multi-agency|childrens_social_care,housing|accommodation for homeless 16 and 17 year olds;the joint housing protocol for young people|
A9|multi-agency|partnership|the availability of early help family support;early help capacity across the area|T4.thresholds_early_help
A9|single agency|childrens_social_care|short breaks for families of disabled children;respite support for parents of disabled children|T1.disability
A9|multi-agency|partnership|youth services and detached youth work;community-based support for adolescents at risk|T4.extra_familial_harm
A9|multi-agency|partnership|parenting support for young parents;services for teenage parents|
A9|multi-agency|health.commissioners|out-of-hours child protection medicals;the availability of paediatric assessment out of hours|T4.bruising_non_mobile
A9|multi-agency|housing|housing for families escaping domestic abuse;safe accommodation for adults and children fleeing domestic abuse|T2.domestic_abuse
A9|multi-agency|health.commissioners,health.camhs|crisis mental health support for adolescents;urgent mental health care for young people|T1.self_harm
A9|single agency|health.health_visiting|the delivery of universal health visiting contacts in person;face-to-face mandated health visiting contacts|
A10|multi-agency|partnership|the implementation of this review's action plan;progress against the action plan arising from this review|
A10|multi-agency|partnership|the implementation of recommendations from previous reviews;whether learning from earlier reviews has been embedded|
A10|multi-agency|partnership|the timeliness of rapid reviews;the rapid review process|
A10|multi-agency|partnership|the dissemination of learning from reviews;the way learning from reviews reaches frontline practitioners|
A10|multi-agency|partnership|the multi-agency audit programme;the partnership's programme of themed audits|
A10|multi-agency|partnership|the monitoring of single agency action plans;oversight of agencies' own improvement plans|
A10|multi-agency|partnership|the performance of the multi-agency safeguarding hub;oversight of the front door arrangements|T4.information_sharing
A10|multi-agency|partnership|the involvement of family members in reviews;how families contribute to safeguarding practice reviews|
A10|multi-agency|partnership|the impact of multi-agency training;the evaluation of safeguarding training|
A10|multi-agency|partnership|arrangements with neighbouring partnerships for cross-border cases;joint working with other partnerships when families move|
A10|multi-agency|partnership|independent scrutiny of the safeguarding arrangements;the role of the independent scrutineer|
A10|multi-agency|partnership|the partnership's neglect dataset;the data used to understand neglect locally|T2.neglect
A10|multi-agency|partnership|reporting on safeguarding to the health and wellbeing board;the accountability of the partnership to other strategic boards|
A11|national|national_bodies|a national safe sleep campaign aimed at parents and carers;national messages on safe sleep for all families|T4.safe_sleep
A11|national|national_bodies|a national protocol for bruising in non-mobile babies;national guidance on the assessment of bruising in infants|T4.bruising_non_mobile
A11|national|national_bodies|a national register of children who are home educated;the registration of children educated at home|T4.school_absence
A11|national|national_bodies|the legal duties on parents and local authorities for children missing education;legislation on children who are not in school|T4.school_absence
A11|national|national_bodies|the sharing of child protection information across health settings in England;national health information systems for child protection|T4.information_sharing
A11|national|national_bodies|national guidance on police notifications of domestic abuse to children's services;consistent national practice on domestic abuse notifications|T2.domestic_abuse
A11|national|national_bodies|the national response to criminal exploitation of children;a national framework for child criminal exploitation|T4.extra_familial_harm
A11|national|national_bodies|national standards for safeguarding training in primary care;safeguarding competences for general practice|
A11|national|national_bodies|the focus of joint targeted area inspections;inspection of multi-agency work with neglect|T2.neglect
A11|national|national_bodies|national guidance on assessing men in the household;national practice guidance on working with fathers|T4.working_with_fathers
A11|national|national_bodies|a national definition of non-mobile for the purposes of bruising protocols;a consistent national definition of mobility in infants|T4.bruising_non_mobile
A11|national|national_bodies|the regulation of children's placements at a distance from home;the oversight of out-of-area placements|T3.looked_after
A11|national|national_bodies|national standards for interpreting in public services;the use of interpreters in safeguarding work|T2.culture_language_faith
A11|national|national_bodies|the funding of early help and family hubs;national investment in early help|T4.thresholds_early_help
A11|national|national_bodies|the regulation of unregistered settings attended by children;oversight of out-of-school settings|
A11|national|national_bodies|the transfer of health records when children move area;national arrangements for moving child health records|T4.information_sharing
A11|national|national_bodies|national guidance on young carers in families affected by parental illness;support for young carers|T2.parental_mental_health
A11|national|national_bodies|national awareness of coercive control;public understanding of coercive and controlling behaviour|T2.domestic_abuse
"""


def _parse(rows: str) -> tuple[Family, ...]:
    families = []
    for n, line in enumerate(line for line in rows.strip().splitlines() if line.strip()):
        mech, level, addressees, topics, themes = line.split("|")
        families.append(
            Family(
                id=f"F{n + 1:03d}",
                mechanism=mech,
                level=level,
                addressees=tuple(addressees.split(",")),
                topics=tuple(topics.split(";")),
                themes=tuple(t for t in themes.split(",") if t),
            )
        )
    return tuple(families)


FAMILIES: tuple[Family, ...] = _parse(_FAMILY_ROWS)
FAMILY_BY_ID: dict[str, Family] = {f.id: f for f in FAMILIES}

# Paraphrase templates per mechanism. `{who}` is the addressee as printed; a template without
# it names no owner. `{staff}` is the workforce the recommendation is aimed at.
TEMPLATES: dict[str, tuple[str, ...]] = {
    "A1": (
        "{who} should review and update the procedures on {topic}",
        "{who} must ensure that local guidance on {topic} is revised, re-issued and understood "
        "by {staff}",
        "A single multi-agency protocol on {topic} should be agreed and published",
        "{who} should develop a clear procedure for {topic}, setting out what practitioners are "
        "expected to do",
        "The procedures on {topic} need to be strengthened so that practitioners know what to do",
    ),
    "A2": (
        "{who} should ensure that all {staff} receive training on {topic}",
        "Multi-agency training on {topic} must be delivered to {staff}",
        "{who} should provide briefings for {staff} on {topic}, drawing on the learning from "
        "this review",
        "The learning from this review about {topic} should be disseminated to {staff}",
        "{who} should raise awareness among {staff} of {topic}",
    ),
    "A3": (
        "{who} should ensure that supervision of {staff} includes explicit discussion of {topic}",
        "{who} should audit a sample of cases to test practice in relation to {topic}",
        "Managers should provide and record oversight of {topic}",
        "{who} should strengthen the quality assurance of {topic}",
        "{who} should seek evidence that management oversight of {topic} is effective",
    ),
    "A4": (
        "{who} should strengthen the arrangements for {topic}",
        "{who} must ensure that recording systems support {topic}",
        "Arrangements for {topic} should be reviewed so that information reaches the "
        "professionals who need it",
        "{who} should agree a protocol for {topic}",
        "{who} should improve practice in relation to {topic}",
    ),
    "A5": (
        "{who} should ensure that assessments address {topic}",
        "Assessments completed by {staff} must take account of {topic}",
        "{who} should introduce a practice standard for {topic}",
        "{who} should review the quality of practice in relation to {topic}",
        "Practitioners should be supported to improve {topic}",
    ),
    "A6": (
        "{who} should review the effectiveness of {topic}",
        "Multi-agency arrangements for {topic} should be strengthened",
        "{who} should seek assurance about {topic}",
        "{who} must ensure that {staff} understand their role in {topic}",
        "{who} should set clear expectations for {topic}",
    ),
    "A7": (
        "{who} should ensure that practitioners prioritise {topic}",
        "{who} should set clear practice expectations for {topic}",
        "Practice with families should routinely include {topic}",
        "{who} should develop guidance and resources to support {staff} with {topic}",
        "{who} should be able to evidence improvement in {topic}",
    ),
    "A8": (
        "{who} should review {topic}",
        "{who} should set out a plan to address {topic}",
        "Action should be taken to address {topic}",
        "{who} should report to the partnership on {topic}",
        "{who} must give priority to {topic}",
    ),
    "A9": (
        "{who} should review the commissioning of {topic}",
        "{who} should ensure that families have timely access to {topic}",
        "{who} should consider whether current provision of {topic} meets local need",
        "Commissioners should work with providers to improve {topic}",
        "{who} should develop {topic} in response to the needs identified in this review",
    ),
    "A10": (
        "{who} should seek assurance about {topic}",
        "{who} should monitor {topic} and report progress to the executive group",
        "{who} should review {topic}",
        "Arrangements for {topic} should be strengthened",
        "{who} should put in place arrangements to oversee {topic}",
    ),
    "A11": (
        "{who} should consider {topic}",
        "{who} should review national guidance on {topic}",
        "{who} should consider whether legislation or statutory guidance is needed on {topic}",
        "National guidance on {topic} should be strengthened",
        "The Child Safeguarding Practice Review Panel should raise {topic} with {who}",
    ),
}

TIMESCALES: tuple[str, ...] = (
    " within six months",
    " within three months of publication",
    " by {month} {year}",
    " within 12 months",
    " by the end of {year}",
)

MEASURES: tuple[str, ...] = (
    " and report to the partnership on the impact of this work",
    ", with compliance tested through a multi-agency audit",
    " and evidence the impact through an audit within 12 months",
    " and provide assurance to the partnership that this has been completed",
    ", measuring progress through the partnership's performance dataset",
)

# Sub-items (lettered under a parent recommendation). The flag says what each adds.
SUB_ITEMS: tuple[tuple[str, str], ...] = (
    ("the learning from this review is included", ""),
    ("practitioners across all agencies can take part", ""),
    ("attendance is monitored and reported to the partnership", "measurable"),
    ("the impact is evaluated through a multi-agency audit", "measurable"),
    ("the arrangements are reviewed within 12 months", "timescale"),
    ("the views of children and families are sought", ""),
    ("a named lead is identified in each agency", "owner"),
    ("progress is reported to the executive group every six months", "timescale"),
)
