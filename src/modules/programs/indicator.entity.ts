import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn, Unique } from 'typeorm';
import { numericAsNumber } from '../../common/columns';
import { DateTimeScalar, LocalDateScalar } from '../../common/scalars';
import { ServiceCategory } from '../directory/service-category.entity';
import { Dimension, IndicatorAggregation, IndicatorDirection, IndicatorMeasure, IndicatorSource, PeriodType, ResultType } from './program.enums';
import { Program } from './program.entity';


@ObjectType({ description: 'A result a programme aims for (IATI: result), measured by its indicators.' })
@Entity({ name: 'program_results' })
@ForeignKey(() => Program, ['organizationId', 'programId'], ['organizationId', 'id'], { name: 'fk_program_results_program', onDelete: 'CASCADE' })
@Index('ix_program_results_organization_program', ['organizationId', 'programId', 'createdAt'])
@Check('ck_program_results_type', `type IN ('OUTPUT', 'OUTCOME', 'IMPACT')`)
export class ProgramResult {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_program_results' })
  organizationId!: string;

  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_program_results' })
  id!: string;

  @Column({ type: 'uuid' })
  programId!: string;

  @Field(() => ResultType, { description: 'Output, outcome or impact (IATI result/@type).' })
  @Column({ type: 'text' })
  type!: ResultType;

  @Field({ description: 'What the result is (IATI result/title).' })
  @Column({ type: 'text' })
  title!: string;

  @Field(() => String, { nullable: true, description: 'More about it (IATI result/description).' })
  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Field(() => DateTimeScalar, { description: 'When it was defined.' })
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}

@ObjectType({ description: "An indicator of a programme's result (IATI: result/indicator), with its baseline, targets and actuals." })
@Entity({ name: 'indicators' })
@ForeignKey(() => ProgramResult, ['organizationId', 'resultId'], ['organizationId', 'id'], { name: 'fk_indicators_result', onDelete: 'CASCADE' })
@ForeignKey(() => ServiceCategory, ['serviceCategoryCode'], ['code'], { name: 'fk_indicators_service_category' })
@Unique('uq_indicators_program_code', ['organizationId', 'programId', 'code'])
@Index('ix_indicators_organization_program', ['organizationId', 'programId', 'resultId'])
@Check('ck_indicators_measure', `measure IN ('UNIT', 'PERCENTAGE', 'NOMINAL', 'ORDINAL', 'QUALITATIVE')`)
@Check('ck_indicators_aggregation', `aggregation IN ('DISTINCT_PEOPLE', 'SUM', 'AVERAGE', 'RATIO')`)
@Check('ck_indicators_direction', `direction IN ('HIGHER_IS_BETTER', 'LOWER_IS_BETTER')`)
@Check('ck_indicators_source', `source IN ('PEOPLE_ENROLLED', 'PEOPLE_SERVED', 'SERVICE_DELIVERIES', 'REPORTED')`)
export class Indicator {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_indicators' })
  organizationId!: string;

  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_indicators' })
  id!: string;

  @Column({ type: 'uuid' })
  programId!: string;

  @Column({ type: 'uuid' })
  resultId!: string;

  @Field({ description: 'Short code, unique in the programme, e.g. "OP1.2" (IATI indicator/reference).' })
  @Column({ type: 'text' })
  code!: string;

  @Field({ description: 'What it measures (IATI indicator/title).' })
  @Column({ type: 'text' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'How it is measured (IATI indicator/description).' })
  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Field(() => IndicatorMeasure, { description: 'What kind of value it takes (IATI indicator/@measure).' })
  @Column({ type: 'text' })
  measure!: IndicatorMeasure;

  @Field(() => IndicatorAggregation, { description: 'How values combine; DISTINCT_PEOPLE counts are suppressed when small.' })
  @Column({ type: 'text' })
  aggregation!: IndicatorAggregation;

  @Field(() => IndicatorDirection, { description: 'Which way is progress (IATI indicator/@ascending).' })
  @Column({ type: 'text' })
  direction!: IndicatorDirection;

  @Field(() => IndicatorSource, { description: 'Where actual values come from.' })
  @Column({ type: 'text' })
  source!: IndicatorSource;

  @Column({ type: 'text', nullable: true })
  serviceCategoryCode!: string | null;

  @Field(() => Float, { nullable: true, description: 'Baseline value (IATI baseline/@value).' })
  @Column({ type: 'numeric', nullable: true, transformer: numericAsNumber })
  baselineValue!: number | null;

  @Field(() => Int, { nullable: true, description: 'Year of the baseline (IATI baseline/@year).' })
  @Column({ type: 'integer', nullable: true })
  baselineYear!: number | null;

  @Field(() => [Dimension], { description: 'The dimensions it is reported by.' })
  @Column({ type: 'text', array: true })
  disaggregations!: Dimension[];

  @Field(() => DateTimeScalar, { description: 'When it was defined.' })
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}

@ObjectType({ description: 'A target for one reporting period, overall or for one disaggregation value (IATI: period/target).' })
@Entity({ name: 'indicator_targets' })
@ForeignKey(() => Indicator, ['organizationId', 'indicatorId'], ['organizationId', 'id'], { name: 'fk_indicator_targets_indicator', onDelete: 'CASCADE' })
@Index('ix_indicator_targets_organization_indicator', ['organizationId', 'indicatorId', 'periodType', 'periodStart'])
@Index('uq_indicator_targets_cell', { synchronize: false })
@Check('ck_indicator_targets_period_type', `period_type IN ('MONTH', 'QUARTER', 'YEAR')`)
@Check('ck_indicator_targets_dimension', `(dimension IS NULL) = (dimension_value IS NULL)`)
export class IndicatorTarget {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_indicator_targets' })
  organizationId!: string;

  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_indicator_targets' })
  id!: string;

  @Column({ type: 'uuid' })
  programId!: string;

  @Column({ type: 'uuid' })
  indicatorId!: string;

  @Field(() => PeriodType, { description: 'Month, quarter or year.' })
  @Column({ type: 'text' })
  periodType!: PeriodType;

  @Field(() => LocalDateScalar, { description: 'First day of the period.' })
  @Column({ type: 'date' })
  periodStart!: string;

  @Field(() => Dimension, { nullable: true, description: 'For a disaggregated target: the dimension; null for the overall target.' })
  @Column({ type: 'text', nullable: true })
  dimension!: Dimension | null;

  @Field(() => String, { nullable: true, description: "For a disaggregated target: the dimension's value, e.g. FEMALE." })
  @Column({ type: 'text', nullable: true })
  dimensionValue!: string | null;

  @Field(() => Float, { description: 'The target value.' })
  @Column({ type: 'numeric', transformer: numericAsNumber })
  value!: number;
}
