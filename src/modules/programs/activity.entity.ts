import { Field, ID, ObjectType } from 'type-graphql';
import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn, Unique } from 'typeorm';
import { DateTimeScalar, LocalDateScalar } from '../../common/scalars';
import { User } from '../auth/user.entity';
import { AgeBand, Sex, Vulnerability } from '../clients/client.enums';
import { ClientRecord } from '../clients/client.entity';
import { Service } from '../directory/service.entity';
import { Program } from './program.entity';

/**
 * A client enrolled in a programme by the member that serves them. Stored under the programme's
 * organization_id; visible only to the enrolling member. The disaggregation attributes are copied
 * at enrolment, so that metrics never read a client record.
 */
@ObjectType({ description: 'One of your clients enrolled in a programme. Only your organization sees its enrolments.' })
@Entity({ name: 'program_enrollments' })
@ForeignKey(() => Program, ['organizationId', 'programId'], ['organizationId', 'id'], { name: 'fk_program_enrollments_program', onDelete: 'CASCADE' })
@ForeignKey(() => ClientRecord, ['memberOrganizationId', 'clientId'], ['organizationId', 'id'], { name: 'fk_program_enrollments_client' })
@Unique('uq_program_enrollments_client', ['organizationId', 'programId', 'memberOrganizationId', 'clientId'])
@Index('ix_program_enrollments_member_program', ['memberOrganizationId', 'programId', 'enrolledOn'])
@Check('ck_program_enrollments_sex', `sex IN ('FEMALE', 'MALE', 'INTERSEX', 'UNKNOWN')`)
export class ProgramEnrollment {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_program_enrollments' })
  organizationId!: string;

  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_program_enrollments' })
  id!: string;

  @Column({ type: 'uuid' })
  programId!: string;

  /** The member that enrolled its own client, and the only one that sees the row. */
  @Column({ type: 'uuid' })
  memberOrganizationId!: string;

  @Column({ type: 'uuid' })
  clientId!: string;

  @Field(() => LocalDateScalar, { description: 'When the client joined the programme.' })
  @Column({ type: 'date' })
  enrolledOn!: string;

  @Column({ type: 'text' })
  sex!: Sex;

  @Column({ type: 'text' })
  ageBand!: AgeBand;

  @Column({ type: 'boolean' })
  disability!: boolean;

  /** One of the programme's regions, or OTHER. */
  @Column({ type: 'text' })
  region!: string;

  @Column({ type: 'text', array: true })
  populationGroups!: Vulnerability[];

  @Column({ type: 'uuid' })
  @ForeignKey(() => User, { name: 'fk_program_enrollments_enrolled_by_user' })
  enrolledByUserId!: string;

  @Field(() => DateTimeScalar, { description: 'When the enrolment was recorded.' })
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}

/** A service a member delivered to a client it enrolled. Visible only to that member. */
@ObjectType({ description: 'A service your organization delivered to a client it enrolled in a programme. Only your organization sees them.' })
@Entity({ name: 'service_deliveries' })
@ForeignKey(() => ProgramEnrollment, ['organizationId', 'enrollmentId'], ['organizationId', 'id'], { name: 'fk_service_deliveries_enrollment' })
@ForeignKey(() => Service, ['memberOrganizationId', 'serviceId'], ['organizationId', 'id'], { name: 'fk_service_deliveries_service' })
@Index('ix_service_deliveries_member_program', ['memberOrganizationId', 'programId', 'deliveredOn'])
@Index('ix_service_deliveries_organization_enrollment', ['organizationId', 'enrollmentId'])
export class ServiceDelivery {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_service_deliveries' })
  organizationId!: string;

  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_service_deliveries' })
  id!: string;

  @Column({ type: 'uuid' })
  programId!: string;

  @Column({ type: 'uuid' })
  memberOrganizationId!: string;

  @Column({ type: 'uuid' })
  enrollmentId!: string;

  @Column({ type: 'uuid' })
  serviceId!: string;

  /** Copied from the service when delivered, so that a later change of category does not rewrite history. */
  @Column({ type: 'text' })
  categoryCode!: string;

  @Field(() => LocalDateScalar, { description: 'When the service was delivered.' })
  @Column({ type: 'date' })
  deliveredOn!: string;

  @Column({ type: 'uuid' })
  @ForeignKey(() => User, { name: 'fk_service_deliveries_recorded_by_user' })
  recordedByUserId!: string;

  @Field(() => DateTimeScalar, { description: 'When the delivery was recorded.' })
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
