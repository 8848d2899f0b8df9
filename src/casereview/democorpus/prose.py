"""Sentence banks for the narrative of fictional reports: all of it written for this project.

Slots filled per report: {child}, {they}/{They}, {their}/{Their}, {them}, {girl}, {mother},
{father}, {board}, {town}, {agency}, {practitioner}, {when}, {category}, {hospital}.
Chronology events carry the age range (years, at the incident) in which they make sense.
"""

from __future__ import annotations

INTRO = (
    "The purpose of the review is to identify improvements that should be made to safeguard "
    "and promote the welfare of children, not to apportion blame.",
    "The review was led by an independent reviewer who has no connection with any of the "
    "agencies involved.",
    "Agencies were asked to provide chronologies of their involvement and to reflect on their "
    "own practice.",
    "Family members were invited to contribute to the review, and their views are reflected "
    "where they agreed to this.",
    "The review panel wishes to thank the practitioners who took part in the learning event for "
    "their openness and their willingness to reflect on difficult decisions.",
    "A panel of senior managers from the agencies involved oversaw the review and met on five "
    "occasions.",
    "Practitioners and their managers were interviewed, either on their own or in small groups.",
    "The report has been written so that it can be published, and details that might identify "
    "the family have been left out.",
    "Parallel criminal proceedings meant that the review could not speak to some of the people "
    "involved until those proceedings had ended.",
    "The review has tried to understand why practitioners acted as they did, seeing the case as "
    "it appeared to them at the time.",
)

TERMS_OF_REFERENCE = (
    "To examine how agencies identified and responded to the risks to {child}.",
    "To consider whether information was shared effectively between agencies.",
    "To consider how the voice and daily experience of {child} were understood.",
    "To identify examples of good practice.",
    "To establish whether learning from previous local reviews had been embedded.",
    "To consider how the needs of the parents affected their capacity to care for {child}.",
    "To examine the effectiveness of multi-agency decision-making and planning.",
    "To consider whether agencies took account of the family's culture, language and identity.",
    "To examine how professional disagreements were raised and resolved.",
    "To consider the role of the fathers and other adult males in the household.",
)

BACKGROUND = (
    "{mother} had herself been known to children's services as a child, and spent time in "
    "foster care as a teenager.",
    "The family moved several times in the years before the incident, usually after falling "
    "behind with the rent.",
    "{father} had previous convictions for violence, some of which involved former partners.",
    "The maternal grandmother gave the family regular practical support and often looked after "
    "the children at weekends.",
    "Both parents had experienced adversity in their own childhoods, including violence at home "
    "and periods of living with relatives.",
    "{child} has older half-siblings who lived with their father in another part of {town}.",
    "The family described themselves as close, and said that they had not needed help from "
    "services before.",
    "{mother} worked part-time in a local shop until shortly before the birth of {child}.",
    "Extended family members told the review that they had worried about the children for some "
    "time but did not know who to tell.",
    "The household had little contact with neighbours and few friends in the area.",
    "{father} worked away from home for long periods, and his involvement in the family's life "
    "was irregular.",
    "The children were described by relatives as loving and lively, and as close to one another.",
)

CHRONOLOGY: tuple[tuple[float, float, str], ...] = (
    (
        0,
        3,
        "{when}, {mother} booked with the midwifery service at eleven weeks of pregnancy. "
        "She disclosed a history of anxiety and said that she had stopped smoking.",
    ),
    (
        0,
        3,
        "{when}, {child} was born at {hospital} after an uncomplicated labour. Both parents "
        "were present, and the midwives recorded that they appeared attentive.",
    ),
    (
        0,
        3,
        "{when}, the health visitor completed the new birth visit. Safe sleep advice was given "
        "and recorded, and {mother} said that {child} slept in a crib in the parents' room.",
    ),
    (
        0,
        3,
        "{when}, {child} was taken to the GP for the six to eight week check. No concerns were "
        "noted about {their} growth or development.",
    ),
    (
        0,
        3,
        "{when}, {mother} called the out-of-hours GP service because {child} had been crying "
        "for several hours and would not settle. Advice was given over the telephone.",
    ),
    (
        0,
        4,
        "{when}, {child} was brought to the emergency department with a swollen arm. The "
        "explanation given was that {their} arm had become caught in the cot bars.",
    ),
    (
        0,
        4,
        "{when}, a planned health visitor contact did not take place because the family were "
        "not at home. A card was left offering a new appointment.",
    ),
    (
        0,
        3,
        "{when}, the health visitor noted a small mark on {child}'s forehead. {mother} "
        "explained that an older sibling had caught {them} with a toy.",
    ),
    (
        0,
        5,
        "{when}, {child} was not brought to a hearing test appointment. The clinic sent a "
        "letter to the family and discharged {child} back to the GP.",
    ),
    (
        0,
        18,
        "{when}, the police attended the family home after a neighbour reported shouting. "
        "Both adults denied that there had been any violence, and the risk assessment was "
        "graded as standard.",
    ),
    (
        0,
        18,
        "{when}, children's social care received a referral from the {agency}. The referral "
        "was screened and closed with advice, as it was not felt to meet the threshold for "
        "an assessment.",
    ),
    (
        0,
        18,
        "{when}, a child and family assessment was started. The social worker visited the "
        "home twice and spoke to both parents, but the assessment did not record {child}'s "
        "own views.",
    ),
    (
        0,
        18,
        "{when}, an initial child protection conference was held. {child} was made subject to "
        "a child protection plan under the category of {category}.",
    ),
    (
        0,
        18,
        "{when}, a core group meeting took place. The minutes record that the parents were "
        "engaging well, although several actions from the previous meeting were outstanding.",
    ),
    (
        0,
        18,
        "{when}, {father} was released from prison on licence and began to visit the family "
        "regularly. The probation officer was not aware that he was spending time with "
        "children.",
    ),
    (
        0,
        18,
        "{when}, the family moved to a new address in {town}. The transfer of records between "
        "health providers took several weeks.",
    ),
    (
        0,
        18,
        "{when}, {mother} saw her GP and reported low mood and difficulty sleeping. She was "
        "prescribed an antidepressant and referred for talking therapy.",
    ),
    (
        0,
        18,
        "{when}, the housing officer visited following complaints about the condition of the "
        "property. The officer noted that the home was cluttered and that there was little "
        "food in the kitchen.",
    ),
    (
        0,
        18,
        "{when}, the case was stepped down from child in need to early help. The early help "
        "worker visited twice before the family said they no longer wanted support.",
    ),
    (
        0,
        18,
        "{when}, a strategy discussion was held between children's social care and the "
        "police. Health professionals were not invited, and it was decided to complete a "
        "single agency assessment.",
    ),
    (
        0,
        18,
        "{when}, {mother} told {practitioner} that {father} had left the household. This was "
        "accepted and was not checked with other agencies.",
    ),
    (
        0,
        18,
        "{when}, the substance misuse service discharged {mother} after she missed three "
        "appointments. Children's social care were not told.",
    ),
    (
        0,
        18,
        "{when}, the MARAC discussed the family after a high-risk assessment. Actions were "
        "agreed for the police and the domestic abuse service, but children's social care "
        "did not attend.",
    ),
    (
        0,
        18,
        "{when}, a professionals' meeting was held to review progress. Agencies agreed that "
        "concerns remained, but no change was made to the plan.",
    ),
    (
        0,
        18,
        "{when}, {practitioner} visited the home unannounced. The visit was brief, and "
        "{child} was said to be asleep upstairs and was not seen.",
    ),
    (
        0,
        18,
        "{when}, a review child protection conference agreed that the plan should continue. "
        "The parents did not attend, and the GP sent a short written report.",
    ),
    (
        0,
        18,
        "{when}, a relative contacted children's social care anonymously to say that the "
        "children were being left alone in the evenings. A visit was made the following "
        "week.",
    ),
    (
        5,
        18,
        "{when}, {child}'s school raised concerns about {their} attendance, which had fallen "
        "to 71 per cent. The family were sent a standard attendance letter.",
    ),
    (
        5,
        14,
        "{when}, {child} arrived at school hungry and in unwashed clothes. The designated "
        "safeguarding lead spoke to {mother}, who said the washing machine had broken.",
    ),
    (
        5,
        18,
        "{when}, {child} told a teaching assistant that {they} did not want to go home. The "
        "school made a referral to children's social care on the same day.",
    ),
    (
        6,
        18,
        "{when}, {child} was excluded from school for a fixed period after an incident with "
        "another pupil. No consideration was given to what might lie behind the behaviour.",
    ),
    (
        11,
        18,
        "{when}, {child} was reported missing by {mother} and was found by the police the "
        "next morning in another town. A return home interview was offered but did not "
        "take place.",
    ),
    (
        10,
        18,
        "{when}, {child} was referred to CAMHS by the GP following an episode of self-harm. "
        "The referral was placed on a waiting list.",
    ),
    (
        12,
        18,
        "{when}, {child} was arrested in possession of drugs and a large amount of cash. "
        "{They} was released under investigation.",
    ),
    (
        12,
        18,
        "{when}, {child} told the school nurse that {they} had been spending time with a much "
        "older man. The information was passed to the police.",
    ),
    (
        11,
        18,
        "{when}, a complex safeguarding meeting discussed {child} alongside other young "
        "people known to be associating with an older peer group.",
    ),
)

WHEN_FORMATS = (
    "On {d} {month} {year}",
    "In {month} {year}",
    "In early {month} {year}",
    "On {dd}/{mm}/{year}",
    "In late {month} {year}",
)

ANALYSIS = (
    "With hindsight it is possible to see a pattern that was not visible to practitioners at "
    "the time.",
    "The review has tried to avoid hindsight bias and to understand why decisions made sense to "
    "those involved.",
    "Practitioners described a heavy workload at this time, with several new cases allocated "
    "each week.",
    "The records show that attention remained on the adults' needs rather than on {child}'s "
    "experience.",
    "There was an over-reliance on what the parents said about their own progress.",
    "Practitioners told the review that they did not feel confident challenging decisions made "
    "by other agencies.",
    "Information was recorded in several different systems, which made it hard to see the "
    "whole picture.",
    "This episode shows the importance of seeing a child's circumstances through {their} eyes.",
    "The learning event heard that staff were aware of the concerns but believed that another "
    "agency was taking the lead.",
    "The assessment was completed within timescales but lacked an analysis of risk.",
    "The decision was reasonable on the information available, but that information was "
    "incomplete.",
    "Managers agreed the plan without asking how it would make {child} safer.",
    "It is not clear from the records whether the advice given was understood.",
    "The family's circumstances changed often, and plans did not keep pace with those changes.",
    "Opportunities to bring the professional network together were missed.",
    "The threshold for intervention appears to have been applied inconsistently.",
    "There is no evidence that this information was considered alongside the earlier concerns.",
    "Several agencies recorded the same concern, but each assumed that someone else would act.",
    "The review found no single point at which the outcome could have been predicted.",
    "These were missed opportunities to understand the risks to {child}.",
    "Practitioners were working in a system that made it difficult to do what they knew was right.",
    "The practitioners involved were committed to the family and worked hard to support them.",
    "A more curious approach would have asked who else was caring for {child}.",
    "The focus on engagement meant that the quality of parenting was not assessed.",
    "Each contact was handled competently on its own terms, but the contacts were not connected.",
    "The plan relied on the parents attending services that had a long waiting list.",
    "The review heard that the pressure of the pandemic period limited face-to-face contact.",
    "Nothing in the records suggests that the parents' explanations were tested with other "
    "professionals.",
    "The learning from this episode is not new, and similar findings have been made in earlier "
    "reviews.",
    "The agencies involved have already taken steps to address some of these issues.",
)

EPISODES = (
    "The period before {child}'s birth",
    "The first months of {child}'s life",
    "Referrals to children's social care",
    "The child protection plan",
    "Step-down to early help",
    "The family's move to a new area",
    "Domestic abuse incidents",
    "Contact with health services",
    "School attendance and behaviour",
    "The weeks before the incident",
    "The response of adult services",
    "Missing episodes and contact with the police",
)

FINDINGS = (
    "Professionals did not bring together the information held by different agencies.",
    "The significance of the father's history was not recognised or assessed.",
    "Assessments relied too heavily on what the parents said.",
    "{child}'s daily lived experience was not understood by the professionals involved.",
    "The impact of domestic abuse on {child} was underestimated.",
    "Decisions to close the case were not based on evidence that things had changed.",
    "Concerns about neglect were seen one at a time rather than as a pattern.",
    "Adult services did not consider the needs of the children in the family.",
    "Professional disagreement was not escalated when it should have been.",
    "The response to missed appointments did not recognise them as a possible sign of neglect.",
    "Safe sleep advice was given but not revisited when the family's circumstances changed.",
    "The risks {child} faced outside the home were not understood as safeguarding risks.",
    "Strategy discussions did not include all the agencies that held relevant information.",
    "Supervision did not provide enough challenge or reflection on the case.",
    "Plans lacked clear outcomes, so progress could not be measured.",
)

QUESTIONS = (
    "How can the partnership be confident that information held by adult services reaches "
    "those working with children?",
    "What would help practitioners to feel able to challenge the views of other agencies?",
    "How does the partnership know whether the voice of the child is influencing plans?",
    "What stops practitioners from asking about the men in a child's life?",
    "How are managers supported to recognise drift in long-running cases?",
)

LEARNING_POINTS = (
    "Bruising in a baby who is not independently mobile should always prompt a referral.",
    "Missed appointments can be a sign that a child's needs are being neglected.",
    "Parental engagement with services is not the same as change for the child.",
    "Practitioners should always ask who lives in, and who visits, the household.",
    "A child's behaviour is a form of communication and may tell us what life is like at home.",
    "Every agency has a responsibility to escalate concerns that are not being addressed.",
    "History matters: earlier concerns should inform the assessment of current risk.",
    "Safe sleep advice should be repeated whenever a family's circumstances change.",
    "Adult services should always think about the children of the adults they work with.",
    "Adolescents who are being exploited are victims and need a safeguarding response.",
    "Information should be shared at the time it is known, not held until it is requested.",
    "Professional optimism should be tested against the evidence of what has changed.",
)

GOOD_PRACTICE = (
    "The school's designated safeguarding lead kept detailed records and referred promptly.",
    "The health visitor persisted in trying to see the family when appointments were missed.",
    "The police officer who attended the incident took time to speak to the children.",
    "The emergency department followed the bruising protocol and sought a paediatric opinion.",
    "The domestic abuse advocate built a trusting relationship with {mother}.",
    "The GP practice held regular safeguarding meetings with the health visiting team.",
    "The social worker's direct work with {child} gave a clear picture of {their} wishes.",
    "Agencies responded quickly and worked well together on the day of the incident.",
)

IMPROVEMENTS = (
    "the quality of recording of children's views",
    "the timeliness of information sharing with health services",
    "the use of chronologies in supervision",
    "the involvement of fathers in assessments and plans",
    "follow-up when children are not brought to appointments",
    "the attendance of health professionals at strategy discussions",
    "the escalation of unresolved professional disagreements",
    "contingency planning in child protection plans",
)

CONCLUSIONS = (
    "{child}'s death was a tragedy, and the review extends its sympathy to everyone who knew "
    "{them}.",
    "This review has identified learning for all the agencies involved.",
    "Many of the practitioners involved worked hard to support the family, often in difficult "
    "circumstances.",
    "The findings of this review echo those of other reviews, locally and nationally.",
    "The partnership will monitor the implementation of the recommendations through its "
    "learning and improvement subgroup.",
    "The review could not have predicted the outcome, but it has identified ways in which "
    "practice could have been stronger.",
    "It is hoped that this review will help practitioners to keep the child at the centre of "
    "their work.",
)

NO_RECOMMENDATIONS = (
    "This review does not make new recommendations. The learning it describes is already being "
    "addressed through existing improvement plans, and the partnership will seek assurance "
    "that these are having an effect.",
    "The reviewer has chosen to set out findings and questions for the partnership rather than "
    "recommendations, so that agencies can decide together how best to respond.",
)

EXPLANATIONS = (
    "This recommendation arises from the review's finding that practice in this area was "
    "inconsistent across agencies.",
    "Practitioners told the review that they were unclear about what was expected of them.",
    "The review found that similar issues had been identified in an earlier local review.",
    "The intention is that changes are tested with frontline staff before they are introduced.",
    "Progress should be reported to the partnership's learning and improvement subgroup.",
)

BOARD_RESPONSE = (
    "The {board} welcomes this review and accepts all of its recommendations.",
    "An action plan has been agreed with partner agencies and will be monitored by the "
    "partnership's learning and improvement subgroup.",
    "The partnership accepts recommendation {n} and has already begun work to address it.",
    "The partnership will report on progress in its annual report.",
    "Partner agencies have identified a lead officer for each recommendation.",
)

ACTIONS = (
    "Deliver briefings to all frontline staff",
    "Revise the procedure and publish it on the partnership website",
    "Audit a sample of 20 cases and report the findings",
    "Add the learning to the multi-agency training programme",
    "Agree a protocol between the agencies concerned",
    "Review the recording system and introduce a mandatory field",
)

GLOSSARY = (
    ("CAMHS", "Child and adolescent mental health services"),
    ("CP", "Child protection"),
    ("DSL", "Designated safeguarding lead"),
    ("ED", "Emergency department"),
    ("GP", "General practitioner"),
    ("LADO", "Local authority designated officer"),
    ("MARAC", "Multi-agency risk assessment conference"),
    ("MASH", "Multi-agency safeguarding hub"),
    ("SIN", "Serious incident notification"),
    ("Strategy discussion", "A discussion to decide whether to start child protection enquiries"),
)

PANEL_ROLES = (
    "Independent chair of the review panel",
    "Designated nurse for safeguarding children",
    "Head of service, children's social care",
    "Detective inspector, public protection unit",
    "Named GP for safeguarding",
    "Education safeguarding adviser",
    "Partnership business manager",
    "Head of safeguarding, mental health trust",
)
