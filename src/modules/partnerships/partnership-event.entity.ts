import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { DateTimeScalar } from '../../common/scalars';
import { User } from '../auth/user.entity';
import { Organization } from '../organizations/organization.entity';
import { Partnership } from './partnership.entity';
import { PartnershipStatus } from './partnership.lifecycle';

/** One status change of a partnership: who, when, from, to, why. Append-only. */
@ObjectType({ description: "One change in a partnership's status, with who made it and when. Never edited." })
@Entity({ name: 'partnership_events' })
@ForeignKey(() => Partnership, ['organizationId', 'partnershipId'], ['organizationId', 'id'], {
  name: 'fk_partnership_events_partnership',
  onDelete: 'CASCADE',
})
@Index('ix_partnership_events_organization_partnership', ['organizationId', 'partnershipId', 'createdAt'])
export class PartnershipEvent {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_partnership_events' })
  organizationId!: string;

  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_partnership_events' })
  id!: string;

  /** Copied from the partnership so that the row policy needs no join. */
  @Column({ type: 'uuid' })
  partnerOrganizationId!: string;

  @Column({ type: 'uuid' })
  partnershipId!: string;

  @Field(() => PartnershipStatus, { nullable: true, description: 'Status before the change; null for the proposal itself.' })
  @Column({ type: 'text', nullable: true })
  fromStatus!: PartnershipStatus | null;

  @Field(() => PartnershipStatus, { description: 'Status after the change.' })
  @Column({ type: 'text' })
  toStatus!: PartnershipStatus;

  @Field(() => String, { nullable: true, description: 'Why, in the words of the person who made the change.' })
  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ type: 'uuid' })
  @ForeignKey(() => Organization, { name: 'fk_partnership_events_actor_organization' })
  actorOrganizationId!: string;

  @Column({ type: 'uuid' })
  @ForeignKey(() => User, { name: 'fk_partnership_events_actor_user' })
  actorUserId!: string;

  @Field({ description: 'Display name of the person who made the change, as it was then.' })
  @Column({ type: 'text' })
  actorName!: string;

  @Field(() => DateTimeScalar, { description: 'When the change was made.' })
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
