import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { Program } from './program.entity';

/**
 * Rollup: one aggregate count per programme, metric, service category ('' for all), period and
 * disaggregation cell ('TOTAL'/'' for the whole). Maintained on every enrolment and delivery in the
 * same transaction, so a funder dashboard reads a few rows instead of a million deliveries.
 */
@Entity({ name: 'program_metric_cells' })
// A dashboard reads every cell of a programme's years; in this order, and holding every column, the
// index answers it alone (an index-only scan) instead of a hundred skips through the primary key.
@Index('ix_program_metric_cells_period', ['organizationId', 'programId', 'periodStart', 'dimension', 'metric', 'categoryCode', 'periodType', 'dimensionValue', 'value'])
@ForeignKey(() => Program, ['organizationId', 'programId'], ['organizationId', 'id'], { name: 'fk_program_metric_cells_program', onDelete: 'CASCADE' })
export class ProgramMetricCell {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_program_metric_cells' })
  organizationId!: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_program_metric_cells' })
  programId!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_program_metric_cells' })
  metric!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_program_metric_cells' })
  categoryCode!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_program_metric_cells' })
  periodType!: string;

  @PrimaryColumn({ type: 'date', primaryKeyConstraintName: 'pk_program_metric_cells' })
  periodStart!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_program_metric_cells' })
  dimension!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_program_metric_cells' })
  dimensionValue!: string;

  @Column({ type: 'bigint' })
  value!: string;
}

/**
 * The same rollup, per member: what each member contributed to each cell, which it knows (it can list
 * its own enrolments and deliveries), so that its view of the metrics is suppressed against it. Kept
 * by the statement that keeps the programme's cells; read only by the member itself. Keyed for that
 * read: a member's cells of a programme's years.
 */
@Entity({ name: 'program_member_metric_cells' })
@ForeignKey(() => Program, ['organizationId', 'programId'], ['organizationId', 'id'], { name: 'fk_program_member_metric_cells_program', onDelete: 'CASCADE' })
export class ProgramMemberMetricCell {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_program_member_metric_cells' })
  memberOrganizationId!: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_program_member_metric_cells' })
  organizationId!: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_program_member_metric_cells' })
  programId!: string;

  @PrimaryColumn({ type: 'date', primaryKeyConstraintName: 'pk_program_member_metric_cells' })
  periodStart!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_program_member_metric_cells' })
  dimension!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_program_member_metric_cells' })
  metric!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_program_member_metric_cells' })
  categoryCode!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_program_member_metric_cells' })
  periodType!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_program_member_metric_cells' })
  dimensionValue!: string;

  @Column({ type: 'bigint' })
  value!: string;
}

/**
 * Which enrolled person already counts in which period (and category), so that people are counted
 * once per cell however many services they receive. Visible only to the member that enrolled them.
 */
@Entity({ name: 'program_person_periods' })
@ForeignKey(() => Program, ['organizationId', 'programId'], ['organizationId', 'id'], { name: 'fk_program_person_periods_program', onDelete: 'CASCADE' })
export class ProgramPersonPeriod {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_program_person_periods' })
  organizationId!: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_program_person_periods' })
  programId!: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_program_person_periods' })
  enrollmentId!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_program_person_periods' })
  metric!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_program_person_periods' })
  categoryCode!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_program_person_periods' })
  periodType!: string;

  @PrimaryColumn({ type: 'date', primaryKeyConstraintName: 'pk_program_person_periods' })
  periodStart!: string;

  @Column({ type: 'uuid' })
  memberOrganizationId!: string;
}

/**
 * For people whose records two members linked (a CONFIRMED client match): which person, by person key
 * (linked-people.ts), already counts in which programme cell, so that the programme counts them once.
 * A member reads back only the rows its own inserts made; the recount job rebuilds a programme's.
 */
@Entity({ name: 'program_linked_person_cells' })
@ForeignKey(() => Program, ['organizationId', 'programId'], ['organizationId', 'id'], { name: 'fk_program_linked_person_cells_program', onDelete: 'CASCADE' })
export class ProgramLinkedPersonCell {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_program_linked_person_cells' })
  organizationId!: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_program_linked_person_cells' })
  programId!: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_program_linked_person_cells' })
  personKey!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_program_linked_person_cells' })
  metric!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_program_linked_person_cells' })
  categoryCode!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_program_linked_person_cells' })
  periodType!: string;

  @PrimaryColumn({ type: 'date', primaryKeyConstraintName: 'pk_program_linked_person_cells' })
  periodStart!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_program_linked_person_cells' })
  dimension!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_program_linked_person_cells' })
  dimensionValue!: string;

  @Column({ type: 'uuid' })
  memberOrganizationId!: string;
}
