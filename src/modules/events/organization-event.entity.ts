import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { DateTimeScalar } from '../../common/scalars';
import { Organization } from '../organizations/organization.entity';
import { EventSubjectType, OrganizationEventType } from './event.enums';

/**
 * The outbox: one row per change that matters to another party, written in the transaction of the
 * change, so it exists if and only if the change committed. It names the organizations told (the
 * record's owner and, where there is one, the other party) and the record, never a person's data:
 * whoever is told reads the record through the API, under its own row-level security.
 */
@ObjectType({
  description:
    'Something that happened to a record your organization shares with another (or to your own organization): what, which record, and when. It carries no personal data: read the record itself to see what you may of it.',
})
@Entity({ name: 'organization_events' })
@Index('ix_organization_events_organization_sequence', ['organizationId', 'sequence'])
@Index('ix_organization_events_party_sequence', ['partyOrganizationId', 'sequence'])
// Notices name an event by id alone (see the event-routing migration).
@Index('ix_organization_events_id', ['id'])
// A referral is told overdue once, whichever instance's job notices it and however often.
@Index('uq_organization_events_overdue', ['organizationId', 'subjectId'], { unique: true, where: "type = 'REFERRAL_OVERDUE'" })
export class OrganizationEvent {
  @Field(() => ID, { description: "The organization that owns the record (a referral's sender, a programme's lead)." })
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_organization_events' })
  @ForeignKey(() => Organization, { name: 'fk_organization_events_organization', onDelete: 'CASCADE' })
  organizationId!: string;

  @Field(() => ID, { description: 'Stable identifier (UUID): the same for every organization told, so a receiver can drop a duplicate by it.' })
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_organization_events' })
  id!: string;

  /** The order events were written in, across transactions; those of one transaction share occurredAt. */
  @Column({ type: 'bigint', default: () => "nextval('organization_events_sequence')" })
  sequence!: string;

  @Field(() => ID, { nullable: true, description: "The other organization told (a referral's receiver, an invited member); null when only the owner is." })
  @Column({ type: 'uuid', nullable: true })
  @ForeignKey(() => Organization, { name: 'fk_organization_events_party_organization', onDelete: 'CASCADE' })
  partyOrganizationId!: string | null;

  @Field(() => OrganizationEventType, { description: 'What happened.' })
  @Column({ type: 'text' })
  type!: OrganizationEventType;

  @Field(() => EventSubjectType, { description: 'The kind of record it happened to.' })
  @Column({ type: 'text' })
  subjectType!: EventSubjectType;

  @Field(() => ID, { description: 'The id of the record it happened to.' })
  @Column({ type: 'uuid' })
  subjectId!: string;

  @Field(() => Int, { nullable: true, description: "The record's `version` after the change, for records that have one: compare it with what you hold." })
  @Column({ type: 'integer', nullable: true })
  subjectVersion!: number | null;

  @Field(() => ID, { nullable: true, description: 'The organization whose action it was; null for what nobody did (a due date passing).' })
  @Column({ type: 'uuid', nullable: true })
  @ForeignKey(() => Organization, { name: 'fk_organization_events_actor_organization', onDelete: 'CASCADE' })
  actorOrganizationId!: string | null;

  @Field(() => DateTimeScalar, { description: 'When it happened.' })
  @Column({ type: 'timestamptz', precision: 3, default: () => 'now()' })
  occurredAt!: Date;
}
