import { registerEnumType } from 'type-graphql';

export enum Sex {
  FEMALE = 'FEMALE',
  MALE = 'MALE',
  INTERSEX = 'INTERSEX',
  UNKNOWN = 'UNKNOWN',
}

registerEnumType(Sex, {
  name: 'Sex',
  description: 'Sex as recorded for disaggregated reporting. Gender identity, where the person states one, is a separate free-text field.',
  valuesConfig: {
    FEMALE: { description: 'Female' },
    MALE: { description: 'Male' },
    INTERSEX: { description: 'Intersex' },
    UNKNOWN: { description: 'Not known, or the person prefers not to say' },
  },
});

export enum AgeBand {
  AGE_0_5 = 'AGE_0_5',
  AGE_6_11 = 'AGE_6_11',
  AGE_12_17 = 'AGE_12_17',
  AGE_18_59 = 'AGE_18_59',
  AGE_60_PLUS = 'AGE_60_PLUS',
}

registerEnumType(AgeBand, {
  name: 'AgeBand',
  description: 'Age bands used in humanitarian and social-protection reporting.',
  valuesConfig: {
    AGE_0_5: { description: '0 to 5 years' },
    AGE_6_11: { description: '6 to 11 years' },
    AGE_12_17: { description: '12 to 17 years' },
    AGE_18_59: { description: '18 to 59 years' },
    AGE_60_PLUS: { description: '60 years and over' },
  },
});

/** The age band of someone born on `birthDate` (YYYY-MM-DD), on `on`. */
export function ageBandOn(birthDate: string, on: Date): AgeBand {
  const [year, month, day] = birthDate.split('-').map(Number);
  const hadBirthday = on.getUTCMonth() + 1 > month || (on.getUTCMonth() + 1 === month && on.getUTCDate() >= day);
  const age = on.getUTCFullYear() - year - (hadBirthday ? 0 : 1);
  if (age < 6) return AgeBand.AGE_0_5;
  if (age < 12) return AgeBand.AGE_6_11;
  if (age < 18) return AgeBand.AGE_12_17;
  if (age < 60) return AgeBand.AGE_18_59;
  return AgeBand.AGE_60_PLUS;
}

export enum Vulnerability {
  CHILD_WITHOUT_PARENTAL_CARE = 'CHILD_WITHOUT_PARENTAL_CARE',
  OLDER_PERSON_LIVING_ALONE = 'OLDER_PERSON_LIVING_ALONE',
  PERSON_WITH_DISABILITY = 'PERSON_WITH_DISABILITY',
  MENTAL_HEALTH_CONDITION = 'MENTAL_HEALTH_CONDITION',
  ETHNIC_MINORITY = 'ETHNIC_MINORITY',
  MIGRANT_OR_DISPLACED = 'MIGRANT_OR_DISPLACED',
  SURVIVOR_OF_VIOLENCE = 'SURVIVOR_OF_VIOLENCE',
  SURVIVOR_OF_TRAFFICKING = 'SURVIVOR_OF_TRAFFICKING',
  SUBSTANCE_USE = 'SUBSTANCE_USE',
  LIVING_IN_POVERTY = 'LIVING_IN_POVERTY',
}

registerEnumType(Vulnerability, {
  name: 'Vulnerability',
  description: 'A population a client belongs to that shapes the help they need. Health and protection data: shared only where agreement and consent allow.',
  valuesConfig: {
    CHILD_WITHOUT_PARENTAL_CARE: { description: 'A child without parental care, e.g. an orphan' },
    OLDER_PERSON_LIVING_ALONE: { description: 'An older person living alone' },
    PERSON_WITH_DISABILITY: { description: 'A person with a disability' },
    MENTAL_HEALTH_CONDITION: { description: 'A person living with mental illness' },
    ETHNIC_MINORITY: { description: 'A member of an ethnic minority' },
    MIGRANT_OR_DISPLACED: { description: 'A migrant, refugee or internally displaced person' },
    SURVIVOR_OF_VIOLENCE: { description: 'A survivor of violence, including gender-based and domestic violence' },
    SURVIVOR_OF_TRAFFICKING: { description: 'A survivor of human trafficking' },
    SUBSTANCE_USE: { description: 'A person who uses drugs or alcohol harmfully' },
    LIVING_IN_POVERTY: { description: 'A member of a poor or near-poor household' },
  },
});

export enum ConsentMethod {
  WRITTEN = 'WRITTEN',
  VERBAL = 'VERBAL',
  GUARDIAN = 'GUARDIAN',
}

registerEnumType(ConsentMethod, {
  name: 'ConsentMethod',
  description: 'How consent was given.',
  valuesConfig: {
    WRITTEN: { description: 'Signed by the client' },
    VERBAL: { description: 'Said aloud by the client and recorded by the caseworker' },
    GUARDIAN: { description: 'Given by a parent or legal guardian on the client\'s behalf (name them in `givenBy`)' },
  },
});

/** Why a client's details were erased: the ground, never free text (which could name the person). */
export enum ErasureReason {
  SUBJECT_REQUEST = 'SUBJECT_REQUEST',
  CONSENT_WITHDRAWN = 'CONSENT_WITHDRAWN',
  NO_LONGER_NEEDED = 'NO_LONGER_NEEDED',
  UNLAWFULLY_PROCESSED = 'UNLAWFULLY_PROCESSED',
  LEGAL_OBLIGATION = 'LEGAL_OBLIGATION',
  RETENTION_PERIOD = 'RETENTION_PERIOD',
}

registerEnumType(ErasureReason, {
  name: 'ErasureReason',
  description: "The ground on which a client's details were erased (the grounds of GDPR article 17 and like laws).",
  valuesConfig: {
    SUBJECT_REQUEST: { description: 'The person asked for their data to be erased' },
    CONSENT_WITHDRAWN: { description: 'The person withdrew the consent the processing rested on' },
    NO_LONGER_NEEDED: { description: 'The data is no longer needed for the purpose it was collected for' },
    UNLAWFULLY_PROCESSED: { description: 'The data should not have been processed' },
    LEGAL_OBLIGATION: { description: 'A law or a court requires the erasure' },
    RETENTION_PERIOD: { description: "The organization's record retention period passed (set by the platform's retention job only)" },
  },
});

export enum ConsentScope {
  SHARING = 'SHARING',
  MATCHING = 'MATCHING',
}

registerEnumType(ConsentScope, {
  name: 'ConsentScope',
  description: 'What a consent is for.',
  valuesConfig: {
    SHARING: { description: 'Sharing the chosen fields of the record with the recipient, e.g. on a referral' },
    MATCHING: {
      description:
        "Being matched with the recipient: the platform may compare this record's match keys (folded name, birth date, sex, hashed) with the recipient's records and tell both organizations they may hold the same person. Shares no field; referrals cannot rest on it.",
    },
  },
});
