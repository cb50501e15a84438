import { registerEnumType } from 'type-graphql';

export enum ProgramMemberRole {
  LEAD = 'LEAD',
  IMPLEMENTING_PARTNER = 'IMPLEMENTING_PARTNER',
  FUNDER = 'FUNDER',
}

registerEnumType(ProgramMemberRole, {
  name: 'ProgramMemberRole',
  description: "An organization's role in a programme; it decides what of the programme the organization sees.",
  valuesConfig: {
    LEAD: { description: 'Runs the programme: invites members, defines results and indicators, approves reported values' },
    IMPLEMENTING_PARTNER: { description: 'Delivers services: enrols its own clients, records deliveries, reports values' },
    FUNDER: { description: 'Pays for it: reads aggregate metrics, never a person' },
  },
});

export enum ProgramMemberStatus {
  INVITED = 'INVITED',
  ACTIVE = 'ACTIVE',
  DECLINED = 'DECLINED',
  REMOVED = 'REMOVED',
}

registerEnumType(ProgramMemberStatus, {
  name: 'ProgramMemberStatus',
  description: "Where an organization's membership of a programme stands.",
  valuesConfig: {
    INVITED: { description: 'Invited by the lead, not yet answered' },
    ACTIVE: { description: 'A member: sees the programme as its role allows' },
    DECLINED: { description: 'Declined the invitation (final; the lead may invite again)' },
    REMOVED: { description: 'Removed by the lead (final; the lead may invite again)' },
  },
});

export enum ResultType {
  OUTPUT = 'OUTPUT',
  OUTCOME = 'OUTCOME',
  IMPACT = 'IMPACT',
}

registerEnumType(ResultType, {
  name: 'ResultType',
  description: 'The level of a result (IATI ResultType: 1 output, 2 outcome, 3 impact).',
  valuesConfig: {
    OUTPUT: { description: 'What the programme delivers, e.g. home visits made' },
    OUTCOME: { description: 'What changes for people, e.g. older people living independently' },
    IMPACT: { description: 'The long-term change the programme contributes to' },
  },
});

export enum IndicatorMeasure {
  UNIT = 'UNIT',
  PERCENTAGE = 'PERCENTAGE',
  NOMINAL = 'NOMINAL',
  ORDINAL = 'ORDINAL',
  QUALITATIVE = 'QUALITATIVE',
}

registerEnumType(IndicatorMeasure, {
  name: 'IndicatorMeasure',
  description: 'What kind of value an indicator takes (IATI IndicatorMeasure 1–5).',
  valuesConfig: {
    UNIT: { description: 'A count or amount' },
    PERCENTAGE: { description: 'A percentage' },
    NOMINAL: { description: 'A category without order' },
    ORDINAL: { description: 'A category with an order, e.g. a scale' },
    QUALITATIVE: { description: 'A narrative judgement' },
  },
});

export enum IndicatorAggregation {
  DISTINCT_PEOPLE = 'DISTINCT_PEOPLE',
  SUM = 'SUM',
  AVERAGE = 'AVERAGE',
  RATIO = 'RATIO',
}

registerEnumType(IndicatorAggregation, {
  name: 'IndicatorAggregation',
  description: 'How values combine. Counts of distinct people do not add up across cells or periods, and small ones are suppressed for funders.',
  valuesConfig: {
    DISTINCT_PEOPLE: { description: 'A count of distinct people (suppressed below the programme threshold)' },
    SUM: { description: 'A sum of amounts' },
    AVERAGE: { description: 'An average' },
    RATIO: { description: 'A ratio of two amounts' },
  },
});

export enum IndicatorDirection {
  HIGHER_IS_BETTER = 'HIGHER_IS_BETTER',
  LOWER_IS_BETTER = 'LOWER_IS_BETTER',
}

registerEnumType(IndicatorDirection, {
  name: 'IndicatorDirection',
  description: 'Which way is progress (IATI indicator/@ascending).',
  valuesConfig: {
    HIGHER_IS_BETTER: { description: 'Progress means the value goes up' },
    LOWER_IS_BETTER: { description: 'Progress means the value goes down' },
  },
});

export enum IndicatorSource {
  PEOPLE_ENROLLED = 'PEOPLE_ENROLLED',
  PEOPLE_SERVED = 'PEOPLE_SERVED',
  SERVICE_DELIVERIES = 'SERVICE_DELIVERIES',
  REPORTED = 'REPORTED',
}

registerEnumType(IndicatorSource, {
  name: 'IndicatorSource',
  description: 'Where an indicator\'s actual values come from.',
  valuesConfig: {
    PEOPLE_ENROLLED: { description: 'Derived: distinct people enrolled in the programme during the period' },
    PEOPLE_SERVED: { description: 'Derived: distinct enrolled people who received a service (of the indicator\'s category, if set) during the period' },
    SERVICE_DELIVERIES: { description: 'Derived: services delivered (of the indicator\'s category, if set) during the period' },
    REPORTED: { description: 'Reported by implementing partners per period and approved by the lead' },
  },
});

export enum PeriodType {
  MONTH = 'MONTH',
  QUARTER = 'QUARTER',
  YEAR = 'YEAR',
}

registerEnumType(PeriodType, {
  name: 'PeriodType',
  description: 'A reporting period: calendar month, quarter or year.',
  valuesConfig: {
    MONTH: { description: 'A calendar month' },
    QUARTER: { description: 'A calendar quarter' },
    YEAR: { description: 'A calendar year' },
  },
});

export enum Dimension {
  SEX = 'SEX',
  AGE_BAND = 'AGE_BAND',
  DISABILITY = 'DISABILITY',
  REGION = 'REGION',
  POPULATION_GROUP = 'POPULATION_GROUP',
}

registerEnumType(Dimension, {
  name: 'Dimension',
  description:
    'A disaggregation dimension, with a code list shared by every programme: SEX (Sex values), AGE_BAND (AgeBand values), DISABILITY (YES, NO), REGION (one of the programme\'s regions, or OTHER), POPULATION_GROUP (Vulnerability values; a person can be in several).',
  valuesConfig: {
    SEX: { description: 'Values: FEMALE, MALE, INTERSEX, UNKNOWN' },
    AGE_BAND: { description: 'Values: AGE_0_5, AGE_6_11, AGE_12_17, AGE_18_59, AGE_60_PLUS' },
    DISABILITY: { description: 'Values: YES, NO' },
    REGION: { description: "Values: the programme's regions as written in it, or OTHER" },
    POPULATION_GROUP: { description: 'Values: the Vulnerability codes. Not a partition: groups overlap and do not add up to the total' },
  },
});

export enum ReportedValueStatus {
  SUBMITTED = 'SUBMITTED',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
  SUPERSEDED = 'SUPERSEDED',
}

registerEnumType(ReportedValueStatus, {
  name: 'ReportedValueStatus',
  description: 'Where a reported value stands: submitted → approved (locked) or rejected; an approved value is corrected only by a new version, which supersedes it when approved.',
  valuesConfig: {
    SUBMITTED: { description: 'Waiting for the lead' },
    APPROVED: { description: 'Approved by the lead and locked; counts in metrics' },
    REJECTED: { description: 'Sent back by the lead; submit a new version' },
    SUPERSEDED: { description: 'Replaced by a later approved version; kept for the record' },
  },
});

/** What a rollup cell counts. */
export enum MetricKind {
  PEOPLE_ENROLLED = 'PEOPLE_ENROLLED',
  PEOPLE_SERVED = 'PEOPLE_SERVED',
  SERVICE_DELIVERIES = 'SERVICE_DELIVERIES',
}

/** The dimensions whose values split the total with no overlap, so that cells add up to it. */
export const PARTITIONING_DIMENSIONS: readonly Dimension[] = [Dimension.SEX, Dimension.AGE_BAND, Dimension.DISABILITY, Dimension.REGION];
