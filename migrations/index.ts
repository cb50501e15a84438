import { Foundation1795400000000 } from './1795400000000-foundation';
import { ReferralNetwork1795500000000 } from './1795500000000-referral-network';
import { Programs1795600000000 } from './1795600000000-programs';
import { Operations1795700000000 } from './1795700000000-operations';
import { ReadPath1795800000000 } from './1795800000000-read-path';
import { Trust1795900000000 } from './1795900000000-trust';
import { ReceiverAccess1796000000000 } from './1796000000000-receiver-access';
import { SignInThrottle1796100000000 } from './1796100000000-sign-in-throttle';
import { PersistedQueryQuota1796200000000 } from './1796200000000-persisted-query-quota';
import { AuditActorNames1796300000000 } from './1796300000000-audit-actor-names';
import { VerifiedOrganizations1796400000000 } from './1796400000000-verified-organizations';
import { DisabledUsers1796500000000 } from './1796500000000-disabled-users';
import { PasswordResets1796600000000 } from './1796600000000-password-resets';
import { OperatorOrganizations1796700000000 } from './1796700000000-operator-organizations';
import { SuspendedOrganizations1796800000000 } from './1796800000000-suspended-organizations';
import { MemberContributions1796900000000 } from './1796900000000-member-contributions';
import { OrganizationEvents1797000000000 } from './1797000000000-organization-events';
import { Jobs1797100000000 } from './1797100000000-jobs';
import { Webhooks1797200000000 } from './1797200000000-webhooks';
import { EventRouting1797300000000 } from './1797300000000-event-routing';
import { ClientRights1797400000000 } from './1797400000000-client-rights';
import { ClientMatching1797500000000 } from './1797500000000-client-matching';
import { CountOnce1797600000000 } from './1797600000000-count-once';

/** Every migration in order. Listed explicitly so the compiled server and the tests load the same set. */
export const MIGRATIONS = [Foundation1795400000000, ReferralNetwork1795500000000, Programs1795600000000, Operations1795700000000, ReadPath1795800000000, Trust1795900000000, ReceiverAccess1796000000000, SignInThrottle1796100000000, PersistedQueryQuota1796200000000, AuditActorNames1796300000000, VerifiedOrganizations1796400000000, DisabledUsers1796500000000, PasswordResets1796600000000, OperatorOrganizations1796700000000, SuspendedOrganizations1796800000000, MemberContributions1796900000000, OrganizationEvents1797000000000, Jobs1797100000000, Webhooks1797200000000, EventRouting1797300000000, ClientRights1797400000000, ClientMatching1797500000000, CountOnce1797600000000];
