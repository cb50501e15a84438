import { IsId, NOT_BLANK } from '../../../common/validation';
import { ArrayMaxSize, ArrayUnique, IsInt, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { IdempotentInput } from '../../operations/dto/idempotent.input';
import { ArgsType, Field, Float, ID, InputType, Int } from 'type-graphql';
import { PageArgs } from '../../../common/pagination';
import { LocalDateScalar } from '../../../common/scalars';
import { Vulnerability } from '../../clients/client.enums';
import {
  Dimension,
  IndicatorAggregation,
  IndicatorDirection,
  IndicatorMeasure,
  IndicatorSource,
  PeriodType,
  ProgramMemberRole,
  ResultType,
} from '../program.enums';


@InputType({ description: 'A new joint programme, led by the acting organization.' })
export class CreateProgramInput extends IdempotentInput {
  @Field({ description: 'Name (1–300 characters).' })
  @Length(1, 300)
  @Matches(NOT_BLANK, { message: 'name must not be blank' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'What it does and for whom (at most 4,000 characters).' })
  @MaxLength(4000)
  description?: string | null;

  @Field(() => LocalDateScalar, { description: 'First day.' })
  startsOn!: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Last day, if known.' })
  endsOn?: string | null;

  @Field(() => [String], { defaultValue: [], description: 'Regions it works in (at most 50), e.g. ["Lào Cai", "Yên Bái"].' })
  @ArrayMaxSize(50)
  @ArrayUnique()
  @Length(1, 200, { each: true })
  regions!: string[];

  @Field(() => [Vulnerability], { defaultValue: [], description: 'Populations it serves.' })
  @ArrayUnique()
  targetPopulations!: Vulnerability[];

  @Field(() => [String], { defaultValue: [], description: 'SDG targets it contributes to, e.g. ["1.3", "16.2"] (goal 1–17, then a target number or letter).' })
  @ArrayMaxSize(50)
  @ArrayUnique()
  @Matches(/^(1[0-7]|[1-9])\.([1-9][0-9]?|[a-c])$/, { each: true, message: 'sdgTargets must be SDG target codes such as "1.3", "5.2" or "17.a"' })
  sdgTargets!: string[];

  @Field(() => Int, {
    defaultValue: 5,
    description: 'Suppress aggregate cells of fewer people than this (2–100; default 5, e.g. 10 for gender-based violence or child protection).',
  })
  @IsInt()
  @Min(2)
  @Max(100)
  suppressionThreshold!: number;
}

@InputType({ description: 'Invites an organization into a programme with a role. Lead only.' })
export class InviteProgramMemberInput {
  @Field(() => ID, { description: 'The programme.' })
  @IsId()
  programId!: string;

  @Field(() => ID, { description: 'The organization to invite.' })
  @IsId()
  organizationId!: string;

  @Field(() => ProgramMemberRole, { description: 'IMPLEMENTING_PARTNER or FUNDER (a programme has one lead, its creator).' })
  role!: ProgramMemberRole;
}

@InputType({ description: 'Answers or ends a programme membership.' })
export class ProgramMembershipChangeInput {
  @Field(() => ID, { description: 'The membership.' })
  @IsId()
  membershipId!: string;

  @Field(() => Int, { description: 'The `version` you read; CONFLICT if it changed since.' })
  expectedVersion!: number;
}

@InputType({ description: "Adds a result (output, outcome or impact) to a programme's results framework. Lead only." })
export class AddProgramResultInput extends IdempotentInput {
  @Field(() => ID, { description: 'The programme.' })
  @IsId()
  programId!: string;

  @Field(() => ResultType, { description: 'Output, outcome or impact.' })
  type!: ResultType;

  @Field({ description: 'What the result is (1–500 characters).' })
  @Length(1, 500)
  @Matches(NOT_BLANK, { message: 'title must not be blank' })
  title!: string;

  @Field(() => String, { nullable: true, description: 'More about it (at most 4,000 characters).' })
  @MaxLength(4000)
  description?: string | null;
}

@InputType({ description: 'Adds an indicator to a result. Lead only.' })
export class AddIndicatorInput extends IdempotentInput {
  @Field(() => ID, { description: 'The result it measures.' })
  @IsId()
  resultId!: string;

  @Field({ description: 'Short code, unique in the programme (1–50 characters), e.g. "OP1.2".' })
  @Length(1, 50)
  @Matches(/^\S+$/, { message: 'code must have no spaces' })
  code!: string;

  @Field({ description: 'What it measures (1–500 characters).' })
  @Length(1, 500)
  @Matches(NOT_BLANK, { message: 'name must not be blank' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'How it is measured (at most 4,000 characters).' })
  @MaxLength(4000)
  description?: string | null;

  @Field(() => IndicatorMeasure, { defaultValue: IndicatorMeasure.UNIT, description: 'What kind of value it takes.' })
  measure!: IndicatorMeasure;

  @Field(() => IndicatorAggregation, { description: 'How values combine.' })
  aggregation!: IndicatorAggregation;

  @Field(() => IndicatorDirection, { defaultValue: IndicatorDirection.HIGHER_IS_BETTER, description: 'Which way is progress.' })
  direction!: IndicatorDirection;

  @Field(() => IndicatorSource, { description: 'Where actual values come from.' })
  source!: IndicatorSource;

  @Field(() => String, { nullable: true, description: 'For PEOPLE_SERVED and SERVICE_DELIVERIES: count only services of this category.' })
  @MaxLength(100)
  serviceCategoryCode?: string | null;

  @Field(() => Float, { nullable: true, description: 'Baseline value.' })
  baselineValue?: number | null;

  @Field(() => Int, { nullable: true, description: 'Year of the baseline (1990–2100).' })
  @IsInt()
  @Min(1990)
  @Max(2100)
  baselineYear?: number | null;

  @Field(() => [Dimension], { defaultValue: [], description: 'Dimensions it is reported by.' })
  @ArrayUnique()
  disaggregations!: Dimension[];
}

@InputType({ description: 'Sets the target of an indicator for one period, overall or for one disaggregation value. Lead only.' })
export class SetIndicatorTargetInput {
  @Field(() => ID, { description: 'The indicator.' })
  @IsId()
  indicatorId!: string;

  @Field(() => PeriodType, { description: 'Month, quarter or year.' })
  periodType!: PeriodType;

  @Field(() => LocalDateScalar, { description: 'First day of the period, e.g. 2026-07-01 for the third quarter of 2026.' })
  periodStart!: string;

  @Field(() => Dimension, { nullable: true, description: "For a disaggregated target: one of the indicator's dimensions." })
  dimension?: Dimension | null;

  @Field(() => String, { nullable: true, description: "For a disaggregated target: a value from the dimension's code list." })
  @MaxLength(200)
  dimensionValue?: string | null;

  @Field(() => Float, { description: 'The target.' })
  value!: number;
}

@InputType({ description: 'Enrols one of your clients in a programme you deliver.' })
export class EnrollClientInput extends IdempotentInput {
  @Field(() => ID, { description: 'The programme.' })
  @IsId()
  programId!: string;

  @Field(() => ID, { description: 'One of your own clients.' })
  @IsId()
  clientId!: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'When they joined; defaults to today; within the programme dates.' })
  enrolledOn?: string | null;
}

@InputType({ description: 'Records a service your organization delivered to a client it enrolled.' })
export class RecordServiceDeliveryInput extends IdempotentInput {
  @Field(() => ID, { description: 'The enrolment.' })
  @IsId()
  enrollmentId!: string;

  @Field(() => ID, { description: 'One of your services.' })
  @IsId()
  serviceId!: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'When; defaults to today; not before the enrolment or in the future.' })
  deliveredOn?: string | null;
}

@InputType({ description: 'Submits a value for a REPORTED indicator and period. Submitting again for an approved cell is a correction: a new version.' })
export class SubmitReportedValueInput {
  @Field(() => ID, { description: 'The indicator (source REPORTED).' })
  @IsId()
  indicatorId!: string;

  @Field(() => PeriodType, { description: 'Month, quarter or year.' })
  periodType!: PeriodType;

  @Field(() => LocalDateScalar, { description: 'First day of the period.' })
  periodStart!: string;

  @Field(() => Dimension, { nullable: true, description: "For a disaggregated value: one of the indicator's dimensions." })
  dimension?: Dimension | null;

  @Field(() => String, { nullable: true, description: "For a disaggregated value: a value from the dimension's code list." })
  @MaxLength(200)
  dimensionValue?: string | null;

  @Field(() => Float, { description: 'The value.' })
  value!: number;

  @Field(() => String, { nullable: true, description: 'Source of the figure, or why it is corrected (at most 2,000 characters).' })
  @MaxLength(2000)
  note?: string | null;
}

@InputType({ description: 'Approves or rejects a submitted value. Lead only.' })
export class ReviewReportedValueInput {
  @Field(() => ID, { description: 'The submitted value.' })
  @IsId()
  reportedValueId!: string;

  @Field({ description: 'true approves (and locks; it supersedes any earlier approved version), false rejects.' })
  approve!: boolean;

  @Field(() => String, { nullable: true, description: 'A note for the reporter (at most 2,000 characters).' })
  @MaxLength(2000)
  note?: string | null;
}

@ArgsType()
export class ProgramMetricsArgs {
  @Field(() => ID, { description: 'The programme.' })
  @IsId()
  programId!: string;

  @Field(() => PeriodType, { defaultValue: PeriodType.QUARTER, description: 'Period of the time series.' })
  periodType!: PeriodType;

  @Field(() => LocalDateScalar, { description: 'Start of the range (the period it falls in is included).' })
  from!: string;

  @Field(() => LocalDateScalar, { description: 'End of the range (the period it falls in is included); at most 60 periods.' })
  to!: string;

  @Field(() => Dimension, {
    nullable: true,
    description:
      "`programMetrics`: break every figure down by this dimension. Exports (`programResultsCsv`, `programIatiXml`, downloads): without it, overall rows plus every dimension each indicator is reported by; with it, overall rows plus this dimension's rows only, for the indicators reported by it.",
  })
  disaggregateBy?: Dimension | null;
}

@ArgsType()
export class ProgramsArgs extends PageArgs {}

@ArgsType()
export class ProgramRecordsArgs extends PageArgs {
  @Field(() => ID, { description: 'The programme.' })
  @IsId()
  programId!: string;
}
