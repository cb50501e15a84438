import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { DateTimeScalar, LocalDateScalar } from '../../common/scalars';
import { User } from '../auth/user.entity';
import { ClientField } from '../clients/client-field';
import { ClientRecord } from '../clients/client.entity';
import { Consent } from '../clients/consent.entity';
import { Service } from '../directory/service.entity';
import { Organization } from '../organizations/organization.entity';
import { Program } from '../programs/program.entity';
import { OutcomeReason, ReferralOutcome, Urgency } from './referral.enums';
import { ReferralStatus } from './referral.lifecycle';

/**
 * A referral of one client from the sending organization (organization_id) to a receiving one.
 * RLS shows it to exactly those two; a logged referral (receiver not on the platform) to the
 * sender only.
 */
@ObjectType({
  description:
    'A referral of a client from one organization to another (FHIR: ServiceRequest + Task). Visible to exactly the two organizations on it.',
})
@Entity({ name: 'referrals' })
@ForeignKey(() => ClientRecord, ['organizationId', 'clientId'], ['organizationId', 'id'], { name: 'fk_referrals_client' })
@ForeignKey(() => Consent, ['organizationId', 'consentId'], ['organizationId', 'id'], { name: 'fk_referrals_consent' })
@ForeignKey(() => Service, ['receivingOrganizationId', 'serviceId'], ['organizationId', 'id'], { name: 'fk_referrals_service' })
@ForeignKey(() => Referral, ['forwardedFromOrganizationId', 'forwardedFromReferralId'], ['organizationId', 'id'], {
  name: 'fk_referrals_forwarded_from',
})
@Index('ix_referrals_organization_created', ['organizationId', 'createdAt', 'id'])
@Index('ix_referrals_organization_status_created', ['organizationId', 'status', 'createdAt', 'id'])
@Index('ix_referrals_organization_client', ['organizationId', 'clientId'])
@Index('ix_referrals_receiver_created', ['receivingOrganizationId', 'createdAt', 'id'])
@Index('ix_referrals_receiver_status_created', ['receivingOrganizationId', 'status', 'createdAt', 'id'])
@Index('ix_referrals_receiver_assignee', ['receivingOrganizationId', 'assignedUserId', 'status'])
@Index('ix_referrals_organization_forwarded_from', ['organizationId', 'forwardedFromReferralId'])
@ForeignKey(() => Program, ['programOrganizationId', 'programId'], ['organizationId', 'id'], { name: 'fk_referrals_program' })
@Check('ck_referrals_status', `status IN ('SENT', 'ACCEPTED', 'DECLINED', 'CANCELLED', 'IN_PROGRESS', 'COMPLETED', 'CLOSED')`)
@Check('ck_referrals_urgency', `urgency IN ('ROUTINE', 'URGENT', 'EMERGENCY')`)
@Check('ck_referrals_receiver', `(receiving_organization_id IS NULL) <> (external_receiver_name IS NULL)`)
@Check('ck_referrals_not_self', `receiving_organization_id <> organization_id`)
@Check('ck_referrals_consent', `receiving_organization_id IS NULL OR consent_id IS NOT NULL OR consent_override_reason IS NOT NULL`)
export class Referral {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_referrals' })
  @ForeignKey(() => Organization, { name: 'fk_referrals_organization', onDelete: 'CASCADE' })
  organizationId!: string;

  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_referrals' })
  id!: string;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey(() => Organization, { name: 'fk_referrals_receiving_organization' })
  receivingOrganizationId!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'For a logged referral: the receiving organization, which is not on the platform. Null otherwise.',
  })
  @Column({ type: 'text', nullable: true })
  externalReceiverName!: string | null;

  @Column({ type: 'uuid', nullable: true })
  serviceId!: string | null;

  @Column({ type: 'uuid' })
  clientId!: string;

  @Column({ type: 'uuid', nullable: true })
  consentId!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Set when a coordinator sent the referral without a valid consent: their written reason. Audited.',
  })
  @Column({ type: 'text', nullable: true })
  consentOverrideReason!: string | null;

  @Field(() => [ClientField], { description: 'The client fields the sender chose to share; the receiver sees those the consent and agreement also allow.' })
  @Column({ type: 'text', array: true })
  sharedFields!: ClientField[];

  @Field({ description: 'Why the client is referred (FHIR ServiceRequest.reasonCode / note).' })
  @Column({ type: 'text' })
  reason!: string;

  @Field(() => String, { nullable: true, description: "The client's needs and goals, in the sender's words." })
  @Column({ type: 'text', nullable: true })
  needs!: string | null;

  @Field(() => Urgency, { description: 'How soon the client needs the service.' })
  @Column({ type: 'text' })
  urgency!: Urgency;

  @Field(() => LocalDateScalar, { nullable: true, description: 'When the service should have started; after it, an open referral is overdue.' })
  @Column({ type: 'date', nullable: true })
  dueOn!: string | null;

  @Field(() => ReferralStatus, { description: 'Where the referral stands.' })
  @Column({ type: 'text' })
  status!: ReferralStatus;

  @Field(() => Int, { description: 'Increases on every change; pass it back as `expectedVersion` with every change of state.' })
  @VersionColumn({ type: 'integer' })
  version!: number;

  @Column({ type: 'uuid' })
  @ForeignKey(() => User, { name: 'fk_referrals_sent_by_user' })
  sentByUserId!: string;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey(() => User, { name: 'fk_referrals_assigned_user' })
  assignedUserId!: string | null;

  @Field(() => ReferralOutcome, { nullable: true, description: 'What came of it, once COMPLETED or CLOSED.' })
  @Column({ type: 'text', nullable: true })
  outcome!: ReferralOutcome | null;

  @Field(() => OutcomeReason, { nullable: true, description: 'Why it was not successful.' })
  @Column({ type: 'text', nullable: true })
  outcomeReason!: OutcomeReason | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether the service was delivered, recorded at completion.' })
  @Column({ type: 'boolean', nullable: true })
  serviceDelivered!: boolean | null;

  @Column({ type: 'uuid', nullable: true })
  forwardedFromOrganizationId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  forwardedFromReferralId!: string | null;

  /** The joint programme the referral is made within, if any (stored under the programme's lead). */
  @Column({ type: 'uuid', nullable: true })
  programOrganizationId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  programId!: string | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description:
      "Until when the receiving organization sees the client's shared fields, once the referral was completed or closed (the sender's window, 90 days unless it set another); null before that. A declined or cancelled referral shows the receiver no client field at all.",
  })
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  receiverAccessUntil!: Date | null;

  @Field(() => DateTimeScalar, { description: 'When the referral was sent.' })
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @Field(() => DateTimeScalar, { description: 'When anything about the referral last changed.' })
  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt!: Date;
}
