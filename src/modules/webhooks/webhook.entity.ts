import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn, Unique, UpdateDateColumn, VersionColumn } from 'typeorm';
import { DateTimeScalar } from '../../common/scalars';
import { User } from '../auth/user.entity';
import { OrganizationEventType } from '../events/event.enums';
import { Organization } from '../organizations/organization.entity';

export enum WebhookEndpointStatus {
  ACTIVE = 'ACTIVE',
  DISABLED = 'DISABLED',
}

registerEnumType(WebhookEndpointStatus, {
  name: 'WebhookEndpointStatus',
  description: 'Whether an endpoint is sent events.',
  valuesConfig: {
    ACTIVE: { description: 'Events are delivered to it' },
    DISABLED: { description: 'Nothing is delivered: an admin disabled it, or it failed for days (see `disabledReason`). Enabling it sends what waited, in order' },
  },
});

export enum WebhookDeliveryStatus {
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  FAILED = 'FAILED',
}

registerEnumType(WebhookDeliveryStatus, {
  name: 'WebhookDeliveryStatus',
  description: 'Where a delivery stands.',
  valuesConfig: {
    PENDING: { description: 'Not delivered yet: waiting for its turn, or for its next attempt (`nextAttemptAt`)' },
    DELIVERED: { description: 'The endpoint answered 2xx' },
    FAILED: { description: 'Given up after 24 hours of attempts; `redeliverWebhook` tries again' },
  },
});

/** Where an organization wants its events POSTed, signed with a secret only it and the platform know. */
@ObjectType({ description: "An organization's webhook endpoint: its events are POSTed there, signed (Standard Webhooks), retried for a day." })
@Entity({ name: 'webhook_endpoints' })
export class WebhookEndpoint {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_webhook_endpoints' })
  @ForeignKey(() => Organization, { name: 'fk_webhook_endpoints_organization', onDelete: 'CASCADE' })
  organizationId!: string;

  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_webhook_endpoints' })
  id!: string;

  @Field({ description: 'Where events are POSTed.' })
  @Column({ type: 'text' })
  url!: string;

  @Field(() => [OrganizationEventType], { description: 'The event types sent; all of them when empty.' })
  @Column({ type: 'text', array: true })
  eventTypes!: OrganizationEventType[];

  @Field(() => String, { nullable: true, description: 'What the endpoint is for, for the admins.' })
  @Column({ type: 'text', nullable: true })
  description!: string | null;

  /** The signing secret, sealed with WEBHOOK_SECRET_KEY (webhook-signing.ts). */
  @Column({ type: 'text' })
  sealedSecret!: string;

  @Field(() => WebhookEndpointStatus, { description: 'Whether events are delivered to it.' })
  @Column({ type: 'text' })
  status!: WebhookEndpointStatus;

  @Field(() => String, { nullable: true, description: 'Why it was disabled, when it was.' })
  @Column({ type: 'text', nullable: true })
  disabledReason!: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Since when every attempt has failed; null while deliveries succeed.' })
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  failingSince!: Date | null;

  @Field(() => Int, { description: 'Increases on every change; pass it back as `expectedVersion`.' })
  @VersionColumn({ type: 'integer' })
  version!: number;

  @Column({ type: 'uuid' })
  @ForeignKey(() => User, { name: 'fk_webhook_endpoints_created_by_user' })
  createdByUserId!: string;

  @Field(() => DateTimeScalar, { description: 'When it was registered: events from then on are sent.' })
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt!: Date;
}

/** One event for one endpoint, and how its sending went: the log an admin reads. */
@ObjectType({ description: 'One event sent (or to send) to one endpoint, with its last attempt.' })
@Entity({ name: 'webhook_deliveries' })
@Unique('uq_webhook_deliveries_event', ['organizationId', 'endpointId', 'eventId'])
@Index('ix_webhook_deliveries_endpoint_status', ['organizationId', 'endpointId', 'status', 'eventSequence'])
@ForeignKey(() => WebhookEndpoint, ['organizationId', 'endpointId'], ['organizationId', 'id'], { name: 'fk_webhook_deliveries_endpoint', onDelete: 'CASCADE' })
export class WebhookDelivery {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_webhook_deliveries' })
  organizationId!: string;

  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_webhook_deliveries' })
  id!: string;

  @Field(() => ID, { description: 'The endpoint.' })
  @Column({ type: 'uuid' })
  endpointId!: string;

  @Field(() => ID, { description: 'The event sent: also the `webhook-id` header, the same on every attempt, so a receiver can drop duplicates.' })
  @Column({ type: 'uuid' })
  eventId!: string;

  /** The event's place in the order events were written: an endpoint gets its events in this order. */
  @Column({ type: 'bigint' })
  eventSequence!: string;

  @Field(() => OrganizationEventType, { description: 'The event type.' })
  @Column({ type: 'text' })
  eventType!: OrganizationEventType;

  @Field(() => WebhookDeliveryStatus, { description: 'Where it stands.' })
  @Column({ type: 'text' })
  status!: WebhookDeliveryStatus;

  @Field(() => Int, { description: 'Attempts made so far.' })
  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the last attempt was made.' })
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  lastAttemptAt!: Date | null;

  @Field(() => Int, { nullable: true, description: "The HTTP status of the last attempt's answer; null if none came (refused address, timeout, connection error)." })
  @Column({ type: 'integer', nullable: true })
  responseStatus!: number | null;

  @Field(() => Int, { nullable: true, description: 'How long the last attempt took, in milliseconds.' })
  @Column({ type: 'integer', nullable: true })
  durationMs!: number | null;

  @Field(() => String, { nullable: true, description: 'Why the last attempt failed.' })
  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it will be tried again, while PENDING after a failure.' })
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  nextAttemptAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the endpoint accepted it.' })
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  deliveredAt!: Date | null;

  @Field(() => DateTimeScalar, { description: 'When the event was queued for the endpoint.' })
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
