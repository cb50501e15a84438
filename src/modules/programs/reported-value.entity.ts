import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { DateTimeScalar, LocalDateScalar } from '../../common/scalars';
import { User } from '../auth/user.entity';
import { Organization } from '../organizations/organization.entity';
import { numericAsNumber } from '../../common/columns';
import { Indicator } from './indicator.entity';
import { Dimension, PeriodType, ReportedValueStatus } from './program.enums';

/**
 * A value an implementing partner reports for an indicator and period. Versions are rows: a
 * correction is a new row with the next version, and approving it supersedes the old one.
 */
@ObjectType({
  description:
    'An actual value reported by a member for one indicator and period, overall or for one disaggregation value. Approved values are locked; a correction is a new version.',
})
@Entity({ name: 'reported_values' })
@ForeignKey(() => Indicator, ['organizationId', 'indicatorId'], ['organizationId', 'id'], { name: 'fk_reported_values_indicator', onDelete: 'CASCADE' })
@Index('ix_reported_values_organization_indicator', ['organizationId', 'indicatorId', 'periodType', 'periodStart'])
@Index('ix_reported_values_reporter', ['reporterOrganizationId', 'indicatorId'])
@Index('uq_reported_values_version', { synchronize: false })
@Check('ck_reported_values_status', `status IN ('SUBMITTED', 'APPROVED', 'REJECTED', 'SUPERSEDED')`)
@Check('ck_reported_values_period_type', `period_type IN ('MONTH', 'QUARTER', 'YEAR')`)
@Check('ck_reported_values_dimension', `(dimension IS NULL) = (dimension_value IS NULL)`)
export class ReportedValue {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_reported_values' })
  organizationId!: string;

  @Field(() => ID, { description: 'Stable identifier (UUID) of this version.' })
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_reported_values' })
  id!: string;

  @Column({ type: 'uuid' })
  programId!: string;

  @Column({ type: 'uuid' })
  indicatorId!: string;

  @Column({ type: 'uuid' })
  @ForeignKey(() => Organization, { name: 'fk_reported_values_reporter_organization' })
  reporterOrganizationId!: string;

  @Field(() => PeriodType, { description: 'Month, quarter or year.' })
  @Column({ type: 'text' })
  periodType!: PeriodType;

  @Field(() => LocalDateScalar, { description: 'First day of the period.' })
  @Column({ type: 'date' })
  periodStart!: string;

  @Field(() => Dimension, { nullable: true, description: 'For a disaggregated value: the dimension.' })
  @Column({ type: 'text', nullable: true })
  dimension!: Dimension | null;

  @Field(() => String, { nullable: true, description: "For a disaggregated value: the dimension's value." })
  @Column({ type: 'text', nullable: true })
  dimensionValue!: string | null;

  @Field(() => Float, { description: 'The value.' })
  @Column({ type: 'numeric', transformer: numericAsNumber })
  value!: number;

  @Field(() => Int, { description: 'Version of the value for this indicator, period, cell and reporter: 1, then one more per correction.' })
  @Column({ type: 'integer' })
  revision!: number;

  @Field(() => ReportedValueStatus, { description: 'Where it stands.' })
  @Column({ type: 'text' })
  status!: ReportedValueStatus;

  @Field(() => String, { nullable: true, description: "The reporter's note, e.g. the source of the figure or why it was corrected." })
  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ type: 'uuid' })
  @ForeignKey(() => User, { name: 'fk_reported_values_submitted_by_user' })
  submittedByUserId!: string;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey(() => User, { name: 'fk_reported_values_reviewed_by_user' })
  reviewedByUserId!: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the lead approved or rejected it.' })
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  reviewedAt!: Date | null;

  @Field(() => String, { nullable: true, description: "The lead's note on approval or rejection." })
  @Column({ type: 'text', nullable: true })
  reviewNote!: string | null;

  @Field(() => DateTimeScalar, { description: 'When it was submitted.' })
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
