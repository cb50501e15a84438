import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar, LocalDateScalar, LocaleScalar } from '../../common/scalars';
import type { Principal, RequestContext } from '../../context/request-context';
import { auditClientRead } from '../audit/audit.service';
import { sharingPartnershipLoader } from '../partnerships/partnership.loaders';
import { categoriesFlowingFrom } from '../partnerships/partnership.policy';
import { ClientField, visibleClientFields } from './client-field';
import type { ClientRecord } from './client.entity';
import type { Consent } from './consent.entity';
import type { Partnership } from '../partnerships/partnership.entity';
import { AgeBand, ageBandOn, Sex, Vulnerability } from './client.enums';
import { clientRecordLoader, consentLoader } from './client.loaders';
import { receiverSeesClient, type ReferralStatus } from '../referrals/referral.lifecycle';

@ObjectType({ description: "A person the acting organization helps, as its own record: every field. Reading it is audited." })
export class Client {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  id!: string;

  organizationId!: string;

  @Field({ description: 'Full name as the person writes it, in any script, e.g. "Nguyễn Thị Hoa".' })
  fullName!: string;

  @Field(() => String, { nullable: true, description: 'What the person likes to be called.' })
  preferredName!: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Date of birth, when known.' })
  birthDate!: string | null;

  @Field(() => AgeBand, { description: 'Age band: from the birth date when known, else as recorded.' })
  ageBand!: AgeBand;

  @Field(() => Sex, { description: 'Sex as recorded for reporting.' })
  sex!: Sex;

  @Field(() => String, { nullable: true, description: 'Gender identity in the person\'s own words, if they gave one.' })
  genderIdentity!: string | null;

  @Field(() => LocaleScalar, { nullable: true, description: 'Preferred language, a BCP 47 tag such as "vi" or "hmn".' })
  preferredLanguage!: string | null;

  @Field(() => String, { nullable: true, description: 'Phone number.' })
  phone!: string | null;

  @Field(() => String, { nullable: true, description: 'Email address.' })
  email!: string | null;

  @Field(() => String, { nullable: true, description: 'Home address.' })
  address!: string | null;

  @Field(() => String, { nullable: true, description: 'Province or region the person lives in.' })
  region!: string | null;

  @Field(() => [Vulnerability], { description: 'Populations the person belongs to that shape the help they need.' })
  vulnerabilities!: Vulnerability[];

  @Field(() => Int, { description: 'Increases on every change; pass it back as `expectedVersion` to update safely.' })
  version!: number;

  @Field(() => DateTimeScalar, { description: 'When the client was registered.' })
  createdAt!: Date;

  @Field(() => DateTimeScalar, { description: 'When the record last changed.' })
  updatedAt!: Date;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description:
      'When the person\'s details were erased (eraseClient or the retention period); null otherwise. An erased record keeps its id, sex and age band for programme figures; its name reads "[erased]" and every other personal field is null.',
  })
  erasedAt!: Date | null;
}

@ObjectType({
  description:
    'The client of a referral as the viewing organization may see them. The sender sees every field; the receiver sees only the fields in `visibleFields`: those the sender shared, that the client\'s consent still covers, and that the partnership agreement allows, field by field, while the referral is open and, once it is completed or closed, until `Referral.receiverAccessUntil`; none once the receiver declined it or the sender cancelled it. Every other field is null. Reading it is audited.',
})
export class ReferredClient {
  @Field(() => ID, { description: "The client's id in the sending organization." })
  id!: string;

  @Field({ description: 'Whether the sending organization erased the person\'s details: then every personal field is null, whatever was shared.' })
  erased!: boolean;

  @Field(() => [ClientField], { description: 'The fields the viewer may see now; all others are null. Empty once consent is revoked or expires, once the referral was declined or cancelled, and once the receiver\'s access window after completion has passed.' })
  visibleFields!: ClientField[];

  @Field(() => String, { nullable: true, description: 'Full name (FULL_NAME).' })
  fullName!: string | null;

  @Field(() => String, { nullable: true, description: 'Preferred name (FULL_NAME).' })
  preferredName!: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Date of birth (BIRTH_DATE).' })
  birthDate!: string | null;

  @Field(() => AgeBand, { nullable: true, description: 'Age band (AGE_BAND).' })
  ageBand!: AgeBand | null;

  @Field(() => Sex, { nullable: true, description: 'Sex (SEX_AND_GENDER).' })
  sex!: Sex | null;

  @Field(() => String, { nullable: true, description: 'Gender identity (SEX_AND_GENDER).' })
  genderIdentity!: string | null;

  @Field(() => LocaleScalar, { nullable: true, description: 'Preferred language (PREFERRED_LANGUAGE).' })
  preferredLanguage!: string | null;

  @Field(() => String, { nullable: true, description: 'Phone (PHONE).' })
  phone!: string | null;

  @Field(() => String, { nullable: true, description: 'Email (EMAIL).' })
  email!: string | null;

  @Field(() => String, { nullable: true, description: 'Address (ADDRESS).' })
  address!: string | null;

  @Field(() => String, { nullable: true, description: 'Region (REGION).' })
  region!: string | null;

  @Field(() => [Vulnerability], { nullable: true, description: 'Vulnerability markers (VULNERABILITIES).' })
  vulnerabilities!: Vulnerability[] | null;
}

const ageBandOf = (record: ClientRecord, now: Date): AgeBand => (record.birthDate ? ageBandOn(record.birthDate, now) : record.ageBand!);

/** The owner's view of its own client: every field. The caller audits the read. */
export function ownerView(record: ClientRecord, now = new Date()): Client {
  return {
    id: record.id,
    organizationId: record.organizationId,
    fullName: record.fullName,
    preferredName: record.preferredName,
    birthDate: record.birthDate,
    ageBand: ageBandOf(record, now),
    sex: record.sex,
    genderIdentity: record.genderIdentity,
    preferredLanguage: record.preferredLanguage,
    phone: record.phone,
    email: record.email,
    address: record.address,
    region: record.region,
    vulnerabilities: record.vulnerabilities,
    version: record.version,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    erasedAt: record.erasedAt,
  };
}

/** What a referral says about sharing its client. */
export interface ReferralSharing {
  organizationId: string;
  receivingOrganizationId: string | null;
  clientId: string;
  consentId: string | null;
  sharedFields: ClientField[];
  /** Where the referral is in its life, which bounds the receiver's view (receiverSeesClient). */
  status: ReferralStatus;
  receiverAccessUntil: Date | null;
}

/** What decides the receiver's view of a referral's client, as loaded or as a hot read joined them. */
export interface ClientSharingRecords {
  record: ClientRecord | null;
  consent: Consent | null;
  partnership: Partnership | null;
}

/**
 * The one read path for a referral's client. RLS lets the receiver read the client's row; this
 * decides which fields of it leave the server, from the referral, the consent and the agreement
 * as they are now, and audits the read when any personal field does.
 */
export async function referredClientView(ctx: RequestContext, referral: ReferralSharing): Promise<ReferredClient | null> {
  const principal = await ctx.requirePrincipal();
  const receiver = principal.organizationId === referral.receivingOrganizationId;
  const [record, consent, partnership] = await Promise.all([
    ctx.loader(clientRecordLoader).load({ organizationId: referral.organizationId, id: referral.clientId }),
    receiver && referral.consentId ? ctx.loader(consentLoader).load({ organizationId: referral.organizationId, id: referral.consentId }) : null,
    receiver ? ctx.loader(sharingPartnershipLoader).load(referral.organizationId) : null,
  ]);
  return clientView(ctx, principal, referral, { record, consent, partnership });
}

/** The same decision on records already at hand (e.g. joined by the referral pages), without waiting. */
export function clientView(ctx: RequestContext, principal: Principal, referral: ReferralSharing, records: ClientSharingRecords): ReferredClient | null {
  const { record, consent, partnership } = records;
  if (!record) return null;
  const now = new Date();
  let visible: ClientField[];
  if (record.erasedAt) {
    // Nothing personal is left to show, and nothing is read.
    visible = [];
  } else if (principal.organizationId === referral.organizationId) {
    visible = Object.values(ClientField);
  } else if (principal.organizationId === referral.receivingOrganizationId) {
    if (referral.consentId && !consent) return null;
    visible = receiverSeesClient(referral, now)
      ? visibleClientFields(
          {
            referralFields: referral.sharedFields,
            consent: consent && { fields: consent.sharedFields, revokedAt: consent.revokedAt, expiresAt: consent.expiresAt },
            agreementCategories: categoriesFlowingFrom(partnership, referral.organizationId, now),
          },
          now,
        )
      : [];
  } else {
    return null;
  }
  if (visible.length) auditClientRead(ctx, record);
  const show = <T>(field: ClientField, value: T): T | null => (visible.includes(field) ? value : null);
  return {
    id: record.id,
    erased: record.erasedAt != null,
    visibleFields: visible,
    fullName: show(ClientField.FULL_NAME, record.fullName),
    preferredName: show(ClientField.FULL_NAME, record.preferredName),
    birthDate: show(ClientField.BIRTH_DATE, record.birthDate),
    ageBand: show(ClientField.AGE_BAND, ageBandOf(record, now)),
    sex: show(ClientField.SEX_AND_GENDER, record.sex),
    genderIdentity: show(ClientField.SEX_AND_GENDER, record.genderIdentity),
    preferredLanguage: show(ClientField.PREFERRED_LANGUAGE, record.preferredLanguage),
    phone: show(ClientField.PHONE, record.phone),
    email: show(ClientField.EMAIL, record.email),
    address: show(ClientField.ADDRESS, record.address),
    region: show(ClientField.REGION, record.region),
    vulnerabilities: show(ClientField.VULNERABILITIES, record.vulnerabilities),
  };
}
