import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { DateTimeScalar } from '../../common/scalars';

export enum OrganizationKind {
  NGO = 'NGO',
  INTERNATIONAL_NGO = 'INTERNATIONAL_NGO',
  GOVERNMENT_AGENCY = 'GOVERNMENT_AGENCY',
  COMMUNITY_GROUP = 'COMMUNITY_GROUP',
  HOSPITAL = 'HOSPITAL',
  SCHOOL = 'SCHOOL',
  FUNDER = 'FUNDER',
  UN_AGENCY = 'UN_AGENCY',
  OTHER = 'OTHER',
}

registerEnumType(OrganizationKind, {
  name: 'OrganizationKind',
  description: 'What kind of body an organization is. Funders are organizations like any other.',
  valuesConfig: {
    NGO: { description: 'A local or national non-governmental organization' },
    INTERNATIONAL_NGO: { description: 'An international non-governmental organization' },
    GOVERNMENT_AGENCY: { description: 'A government body, e.g. a provincial social-work centre' },
    COMMUNITY_GROUP: { description: "A mass or community organization, e.g. a youth, women's or veterans' union" },
    HOSPITAL: { description: 'A hospital, clinic or other health-care provider' },
    SCHOOL: { description: 'A school, college or other place of education' },
    FUNDER: { description: 'A donor or foundation that pays for programmes' },
    UN_AGENCY: { description: 'A United Nations agency' },
    OTHER: { description: 'Any other kind of organization' },
  },
});

/**
 * The tenant. Only public profile fields live here: this table is the platform's organization
 * directory, readable by every signed-in organization, writable only by the organization itself.
 */
@ObjectType({
  description:
    "An organization on the platform (HSDS: organization). Every field here is public to all signed-in organizations; an organization's private data lives in other types.",
})
@Entity({ name: 'organizations' })
@Index('ix_organizations_search_text', { synchronize: false })
@Check('ck_organizations_kind', `kind IN (${Object.values(OrganizationKind).map((k) => `'${k}'`).join(', ')})`)
@Check('ck_organizations_country_code', `country_code ~ '^[A-Z]{2}$'`)
@Check('ck_organizations_receiver_access_days', `receiver_access_days BETWEEN 0 AND 3650`)
export class Organization {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_organizations' })
  id!: string;

  @Field({ description: 'Name in its own language and script, e.g. "Trung tâm Công tác xã hội tỉnh".' })
  @Column({ type: 'text' })
  name!: string;

  @Field(() => OrganizationKind, { description: 'What kind of body this is.' })
  @Column({ type: 'text' })
  kind!: OrganizationKind;

  @Field(() => String, { nullable: true, description: 'What the organization does, in a few sentences.' })
  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Field({ description: 'ISO 3166-1 alpha-2 country code, e.g. "VN".' })
  @Column({ type: 'text' })
  countryCode!: string;

  @Field(() => String, { nullable: true, description: 'Province, state or region the organization mainly serves.' })
  @Column({ type: 'text', nullable: true })
  region!: string | null;

  @Field(() => String, { nullable: true, description: 'Public website (HSDS: website).' })
  @Column({ type: 'text', nullable: true })
  website!: string | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'How many days an organization that received one of its referrals keeps seeing the client\'s shared fields after the referral is completed or closed; null for the platform\'s default (90). Set by the organization\'s admins.',
  })
  @Column({ type: 'integer', nullable: true })
  receiverAccessDays!: number | null;

  @Field(() => Int, {
    nullable: true,
    description:
      "Record retention: how many days after a client's record is closed (no open referral, no enrolment in a running programme, nothing changed) the platform erases the person's details; null keeps records until someone erases them. Set by the organization's admins.",
  })
  @Column({ type: 'integer', nullable: true })
  recordRetentionDays!: number | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'When a platform operator verified that the organization is who it says it is; null if not verified.',
  })
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  verifiedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'The platform operator who verified it; null if not verified.' })
  @Column({ type: 'text', nullable: true })
  verifiedBy!: string | null;

  /** When a platform operator suspended it: nobody signs in as it and its API keys stop working. Not a GraphQL field. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  suspendedAt!: Date | null;

  /** The operator who suspended it. */
  @Column({ type: 'text', nullable: true })
  suspendedBy!: string | null;

  /** Name and region folded for accent-insensitive search (common/search-text.ts); not a GraphQL field. */
  @Column({ type: 'text' })
  searchText!: string;

  @Field(() => DateTimeScalar, { description: 'When the organization joined the platform.' })
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @Field(() => DateTimeScalar, { description: 'When the public profile last changed.' })
  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt!: Date;
}
