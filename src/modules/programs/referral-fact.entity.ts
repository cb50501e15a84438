import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { Program } from './program.entity';

/**
 * Rollup: one row per referral made within a programme, with its dates and state but nothing about
 * the person, kept in step with the referral on every change of state. The funnel (sent, accepted,
 * completed, median days) is computed from it, since funders may not read referrals themselves.
 */
@Entity({ name: 'program_referral_facts' })
@ForeignKey(() => Program, ['organizationId', 'programId'], ['organizationId', 'id'], { name: 'fk_program_referral_facts_program', onDelete: 'CASCADE' })
@Index('ix_program_referral_facts_organization_program_sent', ['organizationId', 'programId', 'sentOn'])
@Check('ck_program_referral_facts_status', `status IN ('SENT', 'ACCEPTED', 'DECLINED', 'CANCELLED', 'IN_PROGRESS', 'COMPLETED', 'CLOSED')`)
export class ProgramReferralFact {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_program_referral_facts' })
  organizationId!: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_program_referral_facts' })
  referralId!: string;

  @Column({ type: 'uuid' })
  programId!: string;

  @Column({ type: 'uuid' })
  senderOrganizationId!: string;

  @Column({ type: 'uuid', nullable: true })
  receivingOrganizationId!: string | null;

  @Column({ type: 'date' })
  sentOn!: string;

  @Column({ type: 'date', nullable: true })
  acceptedOn!: string | null;

  @Column({ type: 'date', nullable: true })
  finishedOn!: string | null;

  @Column({ type: 'text' })
  status!: string;

  @Column({ type: 'text', nullable: true })
  outcome!: string | null;
}
