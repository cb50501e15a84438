import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { DateTimeScalar, LocaleScalar } from '../../common/scalars';
import { Organization } from '../organizations/organization.entity';
import { ServiceCategory } from './service-category.entity';

export enum ServiceStatus {
  ACTIVE = 'ACTIVE',
  INACTIVE = 'INACTIVE',
  TEMPORARILY_CLOSED = 'TEMPORARILY_CLOSED',
}

registerEnumType(ServiceStatus, {
  name: 'ServiceStatus',
  description: 'Whether a service runs at all (HSDS: service.status). Only ACTIVE services can accept referrals.',
  valuesConfig: {
    ACTIVE: { description: 'The service is running' },
    INACTIVE: { description: 'The service has stopped' },
    TEMPORARILY_CLOSED: { description: 'The service is paused for now' },
  },
});

@ObjectType({
  description:
    "How much room a service has (HSDS 3.1 draft: service_capacity). Published by the service's organization; a sender checks it before referring.",
})
export class ServiceCapacity {
  @Field({ description: 'What is counted, e.g. "beds", "places", "appointments per week" (HSDS: unit).' })
  unit!: string;

  @Field(() => Int, { description: 'How many are free now (HSDS: available).' })
  available!: number;

  @Field(() => Int, { nullable: true, description: 'How many there are in all (HSDS: maximum).' })
  maximum!: number | null;

  @Field(() => String, { nullable: true, description: 'Anything a sender should know about capacity (HSDS: description).' })
  description!: string | null;

  @Field(() => DateTimeScalar, { description: 'When capacity was last published (HSDS: updated).' })
  updated!: Date;

  @Field({ description: 'True when available is at most 10% of maximum (or at most 1 without a maximum): refer elsewhere if you can.' })
  low!: boolean;
}

/**
 * A service an organization offers, in the platform-wide directory (HSDS: service). Public to every
 * signed-in organization, like the organization profiles; only its organization changes it.
 */
@ObjectType({
  description:
    'A service an organization offers (HSDS: service). Public to every signed-in organization: the directory partners search to find where to refer a person.',
})
@Entity({ name: 'services' })
@Index('ix_services_organization_created', ['organizationId', 'createdAt'])
@Index('ix_services_directory', ['categoryCode', 'searchName', 'id'])
@Index('ix_services_search_text', { synchronize: false })
@Check('ck_services_status', `status IN ('ACTIVE', 'INACTIVE', 'TEMPORARILY_CLOSED')`)
@Check('ck_services_capacity', `capacity_available >= 0 AND capacity_maximum >= 0`)
export class Service {
  @Field(() => ID, { description: 'The organization that offers the service (HSDS: organization_id).' })
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_services' })
  @ForeignKey(() => Organization, { name: 'fk_services_organization', onDelete: 'CASCADE' })
  organizationId!: string;

  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_services' })
  id!: string;

  @Field({ description: 'Name in its own language and script (HSDS: name).' })
  @Column({ type: 'text' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'What the service does (HSDS: description).' })
  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ type: 'text' })
  @ForeignKey(() => ServiceCategory, { name: 'fk_services_category' })
  categoryCode!: string;

  @Field(() => String, { nullable: true, description: 'Who the service is for (HSDS: eligibility_description).' })
  @Column({ type: 'text', nullable: true })
  eligibilityDescription!: string | null;

  @Field(() => [LocaleScalar], { description: 'Languages the service is delivered in, as BCP 47 tags, e.g. "vi", "hmn", "ar" (HSDS: language).' })
  @Column({ type: 'text', array: true })
  languages!: string[];

  @Field(() => String, { nullable: true, description: 'Opening hours in words, e.g. "Mon–Fri 7:30–16:30" (HSDS: schedule.description).' })
  @Column({ type: 'text', nullable: true })
  scheduleDescription!: string | null;

  @Field(() => ServiceStatus, { description: 'Whether the service runs (HSDS: status).' })
  @Column({ type: 'text' })
  status!: ServiceStatus;

  @Field({ description: 'Whether the organization takes new referrals to this service now. Sending to a service that does not is refused.' })
  @Column({ type: 'boolean' })
  acceptingReferrals!: boolean;

  @Column({ type: 'text', nullable: true })
  capacityUnit!: string | null;

  @Column({ type: 'integer', nullable: true })
  capacityAvailable!: number | null;

  @Column({ type: 'integer', nullable: true })
  capacityMaximum!: number | null;

  @Column({ type: 'text', nullable: true })
  capacityDescription!: string | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  capacityUpdatedAt!: Date | null;

  /** Name folded for accent-insensitive search and ordering (common/search-text.ts). */
  @Column({ type: 'text' })
  searchName!: string;

  /** Name, description and eligibility folded, for text search. */
  @Column({ type: 'text' })
  searchText!: string;

  @Field(() => Int, { description: 'Increases on every change; pass it back as `expectedVersion` to update safely.' })
  @VersionColumn({ type: 'integer' })
  version!: number;

  @Field(() => DateTimeScalar, { description: 'When the service was published.' })
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @Field(() => DateTimeScalar, { description: 'When the service last changed.' })
  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt!: Date;
}
