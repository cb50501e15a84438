import { registerEnumType } from 'type-graphql';

/** The kinds of data a data-sharing agreement lets flow from one partner to the other. */
export enum DataCategory {
  REFERRALS = 'REFERRALS',
  IDENTITY_AND_CONTACT = 'IDENTITY_AND_CONTACT',
  HEALTH_AND_PROTECTION = 'HEALTH_AND_PROTECTION',
  PROGRAM_DATA = 'PROGRAM_DATA',
  CLIENT_MATCHING = 'CLIENT_MATCHING',
}

registerEnumType(DataCategory, {
  name: 'DataCategory',
  description: 'A category of data that a data-sharing agreement allows to flow in one direction.',
  valuesConfig: {
    REFERRALS: { description: 'Referrals themselves: reason, needs, urgency, status and outcome. Needed to send referrals at all.' },
    IDENTITY_AND_CONTACT: { description: "A client's identity and contact details: name, birth date or age band, sex and gender, language, phone, email, address, region" },
    HEALTH_AND_PROTECTION: { description: "A client's health and protection details: vulnerability markers such as disability, mental-health condition or survivor status" },
    PROGRAM_DATA: { description: 'Data about joint programmes: enrolments, service deliveries and results' },
    CLIENT_MATCHING: {
      description:
        "Whether one side may be told that the other may hold a record of the same person (lookUpClientMatches). Matches are offered only where both sides allow it, on an ACTIVE agreement, and the person consented to matching (a MATCHING consent) on both records.",
    },
  },
});
