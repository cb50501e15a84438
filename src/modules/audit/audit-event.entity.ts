import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { DateTimeScalar } from '../../common/scalars';
import { Organization } from '../organizations/organization.entity';

/**
 * Append-only record of a mutation or a read of a client's personal fields. The application role
 * may only INSERT and SELECT it. Written under the acting organization; when the record touched
 * belongs to another organization (a receiver reading a referred client), that organization is the
 * subject and sees the event in its own trail too.
 */
@ObjectType({
  description:
    "An entry in an organization's audit trail: who did what to which record, and when. Nobody can change or delete it through the API.",
})
@Entity({ name: 'audit_events' })
@Index('ix_audit_events_organization_created', ['organizationId', 'createdAt', 'id'])
@Index('ix_audit_events_subject_created', ['subjectOrganizationId', 'createdAt', 'id'])
@Index('ix_audit_events_organization_entity', ['organizationId', 'entityId'])
export class AuditEvent {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_audit_events' })
  @ForeignKey(() => Organization, { name: 'fk_audit_events_organization', onDelete: 'CASCADE' })
  organizationId!: string;

  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_audit_events' })
  id!: string;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey(() => Organization, { name: 'fk_audit_events_subject_organization', onDelete: 'CASCADE' })
  subjectOrganizationId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The user who acted; null for an API key.' })
  @Column({ type: 'uuid', nullable: true })
  actorUserId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The API key that acted; null for a user.' })
  @Column({ type: 'uuid', nullable: true })
  actorApiKeyId!: string | null;

  @Field({
    description:
      'Who acted, as named when it happened: the person\'s display name, or `API key "<name>"`. Kept on the event, so it stays readable after the person or key is gone.',
  })
  @Column({ type: 'text' })
  actorName!: string;

  @Field({ description: 'What was done: a mutation name (e.g. "acceptReferral") or "readClient" for a read of personal fields.' })
  @Column({ type: 'text' })
  action!: string;

  @Field(() => String, { nullable: true, description: 'The type of record acted on, e.g. "Referral", "Client".' })
  @Column({ type: 'text', nullable: true })
  entityType!: string | null;

  @Field(() => ID, { nullable: true, description: 'The id of the record acted on.' })
  @Column({ type: 'uuid', nullable: true })
  entityId!: string | null;

  @Field(() => ID, { description: 'The request it happened in; matches the `x-request-id` response header and server logs.' })
  @Column({ type: 'uuid' })
  requestId!: string;

  @Field(() => DateTimeScalar, { description: 'When it happened.' })
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
