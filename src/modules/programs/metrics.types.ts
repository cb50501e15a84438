import { createUnionType, Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDateScalar } from '../../common/scalars';
import { ServiceCategory } from '../directory/service-category.entity';
import { Indicator } from './indicator.entity';
import { Dimension, PeriodType } from './program.enums';
import { Program } from './program.entity';
import type { Disclosure } from './suppression';

export enum SuppressionReason {
  BELOW_THRESHOLD = 'BELOW_THRESHOLD',
  OTHERS_BELOW_THRESHOLD = 'OTHERS_BELOW_THRESHOLD',
  COMPLEMENTARY = 'COMPLEMENTARY',
  DERIVED_FROM_SUPPRESSED = 'DERIVED_FROM_SUPPRESSED',
}

registerEnumType(SuppressionReason, {
  name: 'SuppressionReason',
  description: 'Why a figure is withheld.',
  valuesConfig: {
    BELOW_THRESHOLD: { description: "It counts fewer people than the programme's suppression threshold (but not zero)" },
    OTHERS_BELOW_THRESHOLD: {
      description:
        "Your organization's own part of it (its enrolments, deliveries, referrals) taken away, it would count fewer people from other organizations than the programme's suppression threshold (but not zero)",
    },
    COMPLEMENTARY: { description: 'Withheld so that another suppressed cell cannot be worked out from the total and the other cells' },
    DERIVED_FROM_SUPPRESSED: { description: 'Computed from a suppressed figure (a rate, an average, progress)' },
  },
});

@ObjectType({ description: 'A figure that is shown.' })
export class MetricNumber {
  @Field(() => Float, { description: 'The value.' })
  value!: number;
}

@ObjectType({ description: 'A figure withheld to protect the people behind it: not zero, not unknown, just not shown.' })
export class SuppressedValue {
  @Field(() => SuppressionReason, { description: 'Why it is withheld.' })
  reason!: SuppressionReason;

  @Field(() => Int, { description: "The programme's threshold: cells of fewer people than this are withheld." })
  threshold!: number;
}

export const MetricValue = createUnionType({
  name: 'MetricValue',
  description: 'An aggregate figure: a number, or a typed suppressed value when showing it could single people out.',
  // No resolveType: type-graphql wraps a given one in an async function (a promise per value, and
  // graphql-jit cannot use it); its own default tells the classes apart synchronously, by instanceof.
  types: () => [MetricNumber, SuppressedValue] as const,
});

export type MetricValueShape = MetricNumber | SuppressedValue;

export function metricValue(disclosure: Disclosure, threshold: number): MetricValueShape {
  return disclosure.suppressed
    ? Object.assign(new SuppressedValue(), { reason: disclosure.reason as SuppressionReason, threshold })
    : Object.assign(new MetricNumber(), { value: disclosure.value });
}

@ObjectType({ description: 'One value of the dimension a figure is broken down by.' })
export class MetricBreakdownCell {
  @Field({ description: 'The dimension value, e.g. FEMALE or AGE_60_PLUS.' })
  value!: string;

  @Field(() => MetricValue, { nullable: true, description: 'The figure for this value; null where there is nothing to report (a reported indicator without a value).' })
  actual!: MetricValueShape | null;

  @Field(() => Float, { nullable: true, description: 'The target for this value, if one is set.' })
  target!: number | null;

  @Field(() => MetricValue, { nullable: true, description: 'Progress toward the target in percent; null without a target.' })
  progressPercent!: MetricValueShape | null;
}

@ObjectType({ description: 'A figure and, when asked for, its breakdown by one dimension.' })
export class MetricFigure {
  @Field(() => MetricValue, { description: 'The figure for everyone.' })
  total!: MetricValueShape;

  @Field(() => [MetricBreakdownCell], { description: 'The breakdown by `disaggregatedBy`, every value of its code list included; empty without one.' })
  breakdown!: MetricBreakdownCell[];
}

@ObjectType({ description: 'Services of one category delivered in a period.' })
export class CategoryMetrics {
  @Field(() => ServiceCategory, { description: 'The service category.' })
  category!: ServiceCategory;

  @Field(() => MetricFigure, { description: 'Services delivered (withheld where the people served are too few).' })
  deliveries!: MetricFigure;

  @Field(() => MetricFigure, { description: 'Distinct people who received services of this category.' })
  peopleServed!: MetricFigure;
}

@ObjectType({ description: "An indicator's target, actual and progress in one period (IATI: indicator/period)." })
export class IndicatorProgress {
  @Field(() => Indicator, { description: 'The indicator.' })
  indicator!: Indicator;

  @Field(() => Float, { nullable: true, description: 'The overall target for the period, if set.' })
  target!: number | null;

  @Field(() => MetricValue, { nullable: true, description: 'The actual value; null for a reported indicator with no approved value yet.' })
  actual!: MetricValueShape | null;

  @Field(() => MetricValue, { nullable: true, description: 'Progress toward the target in percent (from the baseline if there is one); null without target or actual.' })
  progressPercent!: MetricValueShape | null;

  @Field(() => [MetricBreakdownCell], { description: 'By `disaggregatedBy`, when the indicator is reported by it (derived indicators: always).' })
  breakdown!: MetricBreakdownCell[];
}

@ObjectType({
  description:
    'Referrals made within the programme and sent in the period, and how far they got: the closed loop in numbers. Counts below the threshold are suppressed, and so are medians over them.',
})
export class ReferralFunnel {
  @Field(() => MetricValue, { description: 'Referrals sent.' })
  sent!: MetricValueShape;

  @Field(() => MetricValue, { description: 'Of those, accepted by the receiver (whatever happened next).' })
  accepted!: MetricValueShape;

  @Field(() => MetricValue, { description: 'Of those, completed.' })
  completed!: MetricValueShape;

  @Field(() => MetricValue, { description: 'Of those, completed with a SUCCESSFUL outcome.' })
  successful!: MetricValueShape;

  @Field(() => MetricValue, { nullable: true, description: 'Median days from sending to acceptance; null when none was accepted.' })
  medianDaysToAcceptance!: MetricValueShape | null;

  @Field(() => MetricValue, { nullable: true, description: 'Median days from sending to completion; null when none was completed.' })
  medianDaysToCompletion!: MetricValueShape | null;
}

@ObjectType({ description: "A programme's figures for one period." })
export class PeriodMetrics {
  @Field(() => PeriodType, { description: 'Month, quarter or year.' })
  periodType!: PeriodType;

  @Field(() => LocalDateScalar, { description: 'First day of the period.' })
  periodStart!: string;

  @Field(() => LocalDateScalar, { description: 'Last day of the period.' })
  periodEnd!: string;

  @Field(() => MetricFigure, { description: 'Distinct people enrolled during the period.' })
  peopleEnrolled!: MetricFigure;

  @Field(() => MetricFigure, { description: 'Distinct enrolled people who received any service during the period: people reached.' })
  peopleServed!: MetricFigure;

  @Field(() => [CategoryMetrics], { description: 'Services delivered by category, for the categories with any delivery in the period.' })
  servicesByCategory!: CategoryMetrics[];

  @Field(() => [IndicatorProgress], { description: 'Every indicator of the programme, by result then code.' })
  indicators!: IndicatorProgress[];

  @Field(() => ReferralFunnel, { description: 'Referrals made within the programme that were sent in the period.' })
  referralFunnel!: ReferralFunnel;
}

@ObjectType({
  description:
    'Aggregate figures of a programme as a time series. Only counts, never a person; small cells are suppressed for every reader, with complementary suppression so that totals do not give them away.',
})
export class ProgramMetrics {
  @Field(() => Program, { description: 'The programme.' })
  program!: Program;

  @Field(() => PeriodType, { description: 'Period of the series.' })
  periodType!: PeriodType;

  @Field(() => Dimension, { nullable: true, description: 'The dimension figures are broken down by, if any.' })
  disaggregatedBy!: Dimension | null;

  @Field(() => Int, { description: 'Cells of fewer people than this are suppressed.' })
  suppressionThreshold!: number;

  @Field(() => [PeriodMetrics], { description: 'One entry per period in the range, in order.' })
  periods!: PeriodMetrics[];
}
