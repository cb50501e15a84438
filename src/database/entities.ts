import { AuditEvent } from '../modules/audit/audit-event.entity';
import { ApiKey } from '../modules/auth/api-key.entity';
import { AuthSession } from '../modules/auth/auth-session.entity';
import { Invitation } from '../modules/auth/invitation.entity';
import { Membership } from '../modules/auth/membership.entity';
import { RefreshToken } from '../modules/auth/refresh-token.entity';
import { User } from '../modules/auth/user.entity';
import { ClientRecord } from '../modules/clients/client.entity';
import { Consent } from '../modules/clients/consent.entity';
import { Location } from '../modules/directory/location.entity';
import { ServiceAtLocation } from '../modules/directory/service-at-location.entity';
import { ServiceCategory } from '../modules/directory/service-category.entity';
import { Service } from '../modules/directory/service.entity';
import { IdempotencyKey } from '../modules/operations/idempotency-key.entity';
import { PersistedQuery } from '../modules/operations/persisted-query.entity';
import { RateLimitCounter } from '../modules/operations/rate-limit-counter.entity';
import { Organization } from '../modules/organizations/organization.entity';
import { PartnershipEvent } from '../modules/partnerships/partnership-event.entity';
import { Partnership } from '../modules/partnerships/partnership.entity';
import { Indicator, IndicatorTarget, ProgramResult } from '../modules/programs/indicator.entity';
import { ProgramEnrollment, ServiceDelivery } from '../modules/programs/activity.entity';
import { ProgramMetricCell, ProgramPersonPeriod } from '../modules/programs/metric-cell.entity';
import { ProgramMember } from '../modules/programs/program-member.entity';
import { Program } from '../modules/programs/program.entity';
import { ProgramReferralFact } from '../modules/programs/referral-fact.entity';
import { ReportedValue } from '../modules/programs/reported-value.entity';
import { ReferralEvent } from '../modules/referrals/referral-event.entity';
import { Referral } from '../modules/referrals/referral.entity';

export const ENTITIES = [
  Organization,
  User,
  Membership,
  AuthSession,
  RefreshToken,
  Invitation,
  ApiKey,
  ServiceCategory,
  Service,
  Location,
  ServiceAtLocation,
  Partnership,
  PartnershipEvent,
  ClientRecord,
  Consent,
  Referral,
  ReferralEvent,
  AuditEvent,
  Program,
  ProgramMember,
  ProgramResult,
  Indicator,
  IndicatorTarget,
  ProgramEnrollment,
  ServiceDelivery,
  ReportedValue,
  ProgramMetricCell,
  ProgramPersonPeriod,
  ProgramReferralFact,
  RateLimitCounter,
  IdempotencyKey,
  PersistedQuery,
];
