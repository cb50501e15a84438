import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { DateTimeScalar, LocalDateScalar } from '../../common/scalars';
import { User } from '../auth/user.entity';
import { Organization } from '../organizations/organization.entity';
import { DataCategory } from './data-category';
import { PartnershipStatus } from './partnership.lifecycle';

registerEnumType(PartnershipStatus, {
  name: 'PartnershipStatus',
  description: 'Where a partnership stands. Referrals can be sent only under an ACTIVE one whose agreement allows them.',
  valuesConfig: {
    PROPOSED: { description: 'Proposed, waiting for the partner to accept or decline' },
    ACTIVE: { description: 'In force: its agreement governs what data flows' },
    DECLINED: { description: 'The partner declined the proposal (final)' },
    SUSPENDED: { description: 'Paused by one side: no new referrals; existing ones continue under the agreement' },
    ENDED: { description: 'Ended or withdrawn by either side (final): no new referrals and no more client data shared under it' },
  },
});

export enum LegalBasis {
  CONSENT = 'CONSENT',
  CONTRACT = 'CONTRACT',
  LEGAL_OBLIGATION = 'LEGAL_OBLIGATION',
  VITAL_INTERESTS = 'VITAL_INTERESTS',
  PUBLIC_TASK = 'PUBLIC_TASK',
  LEGITIMATE_INTERESTS = 'LEGITIMATE_INTERESTS',
}

registerEnumType(LegalBasis, {
  name: 'LegalBasis',
  description: 'The legal basis for processing personal data under the agreement (as in GDPR article 6 and similar laws).',
  valuesConfig: {
    CONSENT: { description: 'The data subject consented' },
    CONTRACT: { description: 'Needed for a contract with the data subject' },
    LEGAL_OBLIGATION: { description: 'Required by law' },
    VITAL_INTERESTS: { description: "To protect someone's life" },
    PUBLIC_TASK: { description: 'A task in the public interest or official authority, e.g. a government social-work centre' },
    LEGITIMATE_INTERESTS: { description: 'Legitimate interests that are not overridden by the data subject\'s rights' },
  },
});

/**
 * A partnership between two organizations and its data-sharing agreement. Stored once, under the
 * proposer's organization_id; RLS shows it to both sides.
 */
@Entity({ name: 'partnerships' })
@Index('ix_partnerships_organization_created', ['organizationId', 'createdAt'])
@Index('ix_partnerships_partner_created', ['partnerOrganizationId', 'createdAt'])
@Check('ck_partnerships_status', `status IN ('PROPOSED', 'ACTIVE', 'DECLINED', 'SUSPENDED', 'ENDED')`)
@Check('ck_partnerships_not_self', `organization_id <> partner_organization_id`)
@Check('ck_partnerships_dates', `ends_on IS NULL OR ends_on >= starts_on`)
@ObjectType({
  description:
    'A partnership between two organizations, with the data-sharing agreement the API enforces. Both sides see the same partnership.',
})
export class Partnership {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_partnerships' })
  @ForeignKey(() => Organization, { name: 'fk_partnerships_organization', onDelete: 'CASCADE' })
  organizationId!: string;

  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_partnerships' })
  id!: string;

  @Column({ type: 'uuid' })
  @ForeignKey(() => Organization, { name: 'fk_partnerships_partner_organization', onDelete: 'CASCADE' })
  partnerOrganizationId!: string;

  @Field(() => PartnershipStatus, { description: 'Where the partnership stands.' })
  @Column({ type: 'text' })
  status!: PartnershipStatus;

  @Field({ description: 'What the partners share data for, e.g. "Referral of older people for physical rehabilitation".' })
  @Column({ type: 'text' })
  purpose!: string;

  @Field(() => LegalBasis, { description: 'The legal basis for sharing personal data under the agreement.' })
  @Column({ type: 'text' })
  legalBasis!: LegalBasis;

  @Field(() => LocalDateScalar, { description: 'First day the agreement is in force.' })
  @Column({ type: 'date' })
  startsOn!: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Last day the agreement is in force; null for open-ended.' })
  @Column({ type: 'date', nullable: true })
  endsOn!: string | null;

  @Field(() => String, { nullable: true, description: 'Reference to the signed paper agreement, e.g. its number or file location.' })
  @Column({ type: 'text', nullable: true })
  agreementReference!: string | null;

  @Field(() => [DataCategory], { description: 'What data may flow from the proposer to the partner.' })
  @Column({ type: 'text', array: true })
  proposerShares!: DataCategory[];

  @Field(() => [DataCategory], { description: 'What data may flow from the partner to the proposer.' })
  @Column({ type: 'text', array: true })
  partnerShares!: DataCategory[];

  @Column({ type: 'uuid' })
  @ForeignKey(() => User, { name: 'fk_partnerships_proposed_by_user' })
  proposedByUserId!: string;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey(() => Organization, { name: 'fk_partnerships_suspended_by_organization' })
  suspendedByOrganizationId!: string | null;

  @Field(() => Int, { description: 'Increases on every change; pass it back as `expectedVersion` to change the status safely.' })
  @VersionColumn({ type: 'integer' })
  version!: number;

  @Field(() => DateTimeScalar, { description: 'When the partnership was proposed.' })
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @Field(() => DateTimeScalar, { description: 'When the status last changed.' })
  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt!: Date;
}
