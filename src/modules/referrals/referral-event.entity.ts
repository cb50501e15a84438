import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { DateTimeScalar } from '../../common/scalars';
import { User } from '../auth/user.entity';
import { Organization } from '../organizations/organization.entity';
import { ReferralEventKind } from './referral.enums';
import { ReferralStatus } from './referral.lifecycle';
import { Referral } from './referral.entity';

/** One step in a referral's timeline. Append-only: the application role cannot update or delete it. */
@ObjectType({ description: "One step in a referral's timeline: who did what, when. Both organizations see the same timeline; it is never edited." })
@Entity({ name: 'referral_events' })
@ForeignKey(() => Referral, ['organizationId', 'referralId'], ['organizationId', 'id'], { name: 'fk_referral_events_referral', onDelete: 'CASCADE' })
@Index('ix_referral_events_organization_referral', ['organizationId', 'referralId', 'createdAt'])
export class ReferralEvent {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_referral_events' })
  organizationId!: string;

  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_referral_events' })
  id!: string;

  /** Copied from the referral so that the row policy needs no join. */
  @Column({ type: 'uuid', nullable: true })
  receivingOrganizationId!: string | null;

  @Column({ type: 'uuid' })
  referralId!: string;

  @Field(() => ReferralEventKind, { description: 'What happened.' })
  @Column({ type: 'text' })
  kind!: ReferralEventKind;

  @Field(() => ReferralStatus, { nullable: true, description: 'Status before a status change.' })
  @Column({ type: 'text', nullable: true })
  fromStatus!: ReferralStatus | null;

  @Field(() => ReferralStatus, { nullable: true, description: 'Status after a status change (SENT for the first event).' })
  @Column({ type: 'text', nullable: true })
  toStatus!: ReferralStatus | null;

  @Field(() => String, { nullable: true, description: 'The comment, reason or note given with the step.' })
  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ type: 'uuid' })
  @ForeignKey(() => Organization, { name: 'fk_referral_events_actor_organization' })
  actorOrganizationId!: string;

  @Column({ type: 'uuid' })
  @ForeignKey(() => User, { name: 'fk_referral_events_actor_user' })
  actorUserId!: string;

  @Field({ description: 'Display name of the person who acted, as it was then.' })
  @Column({ type: 'text' })
  actorName!: string;

  /** The assignee of an ASSIGNED step, or the organization a FORWARDED step went to. */
  @Column({ type: 'uuid', nullable: true })
  relatedId!: string | null;

  @Field(() => DateTimeScalar, { description: 'When it happened.' })
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
