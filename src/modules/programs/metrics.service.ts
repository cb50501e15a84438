import { Between, In } from 'typeorm';
import { badInput } from '../../common/errors';
import type { RequestContext } from '../../context/request-context';
import { ServiceCategory } from '../directory/service-category.entity';
import { dimensionValues } from './dimensions';
import type { ProgramMetricsArgs } from './dto/program.inputs';
import { Indicator, IndicatorTarget, ProgramResult } from './indicator.entity';
import {
  metricValue,
  type CategoryMetrics,
  type IndicatorProgress,
  type MetricBreakdownCell,
  type MetricFigure,
  type PeriodMetrics,
  type ProgramMetrics,
  type ReferralFunnel,
} from './metrics.types';
import { periodEnd, periodStarts } from './periods';
import {
  Dimension,
  IndicatorAggregation,
  IndicatorDirection,
  IndicatorSource,
  MetricKind,
  PARTITIONING_DIMENSIONS,
  ProgramMemberRole,
  ReportedValueStatus,
} from './program.enums';
import type { Program } from './program.entity';
import { getProgram, requireRole } from './program.service';
import { ReportedValue } from './reported-value.entity';
import { belowThreshold, derive, progressPercent, suppressTable, type Disclosure, type SuppressedTable } from './suppression';

export const MAX_PERIODS = 60;
const TOTAL = 'TOTAL';

interface CellRow {
  metric: string;
  category_code: string;
  period_start: string;
  dimension: string;
  dimension_value: string;
  value: number;
}

/** Everything one metrics request reads, fetched in a handful of statements whatever the range. */
interface MetricInputs {
  program: Program;
  dimension: Dimension | null;
  cells: Map<string, number>;
  indicators: Indicator[];
  targets: IndicatorTarget[];
  reported: ReportedValue[];
  categories: Map<string, ServiceCategory>;
  funnel: Map<string, FunnelRow>;
}

interface FunnelRow {
  period_start: string;
  sent: number;
  accepted: number;
  completed: number;
  successful: number;
  median_accept: number | null;
  median_complete: number | null;
}

const cellKey = (metric: string, category: string, periodStart: string, dimension: string, value: string) =>
  [metric, category, periodStart, dimension, value].join('|');

export async function programMetrics(ctx: RequestContext, args: ProgramMetricsArgs): Promise<ProgramMetrics> {
  const program = await getProgram(ctx, args.programId, ['programId']);
  await requireRole(ctx, program, Object.values(ProgramMemberRole), 'read its metrics');
  if (args.from > args.to) throw badInput('`from` must not be after `to`', ['from']);
  const starts = periodStarts(args.from, args.to, args.periodType);
  if (starts.length > MAX_PERIODS) throw badInput(`At most ${MAX_PERIODS} periods per request: narrow the range or use a longer period`, ['to']);
  const inputs = await loadInputs(ctx, program, args, starts);
  return {
    program,
    periodType: args.periodType,
    disaggregatedBy: args.disaggregateBy ?? null,
    suppressionThreshold: program.suppressionThreshold,
    periods: starts.map((start) => periodMetrics(inputs, args, start)),
  };
}

async function loadInputs(ctx: RequestContext, program: Program, args: ProgramMetricsArgs, starts: string[]): Promise<MetricInputs> {
  const em = await ctx.db();
  const range = Between(starts[0], starts.at(-1)!);
  const scope = { organizationId: program.organizationId, programId: program.id };
  const rows: CellRow[] = await em.query(
    `SELECT metric, category_code, to_char(period_start, 'YYYY-MM-DD') AS period_start, dimension, dimension_value, value::float8 AS value
       FROM program_metric_cells
      WHERE organization_id = $1 AND program_id = $2 AND period_type = $3 AND period_start BETWEEN $4 AND $5 AND dimension = ANY($6)`,
    [program.organizationId, program.id, args.periodType, starts[0], starts.at(-1), [TOTAL, ...(args.disaggregateBy ? [args.disaggregateBy] : [])]],
  );
  const [results, indicators, targets, reported, categories] = await Promise.all([
    em.find(ProgramResult, { where: scope, order: { createdAt: 'ASC', id: 'ASC' } }),
    em.find(Indicator, { where: scope, order: { code: 'ASC' } }),
    em.find(IndicatorTarget, { where: { ...scope, periodType: args.periodType, periodStart: range } }),
    em.find(ReportedValue, { where: { ...scope, periodType: args.periodType, periodStart: range, status: In([ReportedValueStatus.APPROVED]) } }),
    em.find(ServiceCategory),
  ]);
  const funnel: FunnelRow[] = await em.query(
    `SELECT to_char(date_trunc($3, sent_on), 'YYYY-MM-DD') AS period_start, count(*)::int AS sent, count(accepted_on)::int AS accepted,
            count(*) FILTER (WHERE status = 'COMPLETED')::int AS completed,
            count(*) FILTER (WHERE status = 'COMPLETED' AND outcome = 'SUCCESSFUL')::int AS successful,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY accepted_on - sent_on) AS median_accept,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY finished_on - sent_on) FILTER (WHERE status = 'COMPLETED') AS median_complete
       FROM program_referral_facts
      WHERE organization_id = $1 AND program_id = $2 AND sent_on BETWEEN $4 AND $5
      GROUP BY 1`,
    [program.organizationId, program.id, args.periodType.toLowerCase(), starts[0], periodEnd(starts.at(-1)!, args.periodType)],
  );
  const resultOrder = new Map(results.map((result, i) => [result.id, i]));
  return {
    program,
    dimension: args.disaggregateBy ?? null,
    cells: new Map(rows.map((row) => [cellKey(row.metric, row.category_code, row.period_start, row.dimension, row.dimension_value), row.value])),
    indicators: indicators.sort((x, y) => resultOrder.get(x.resultId)! - resultOrder.get(y.resultId)! || x.code.localeCompare(y.code)),
    targets,
    reported,
    categories: new Map(categories.map((category) => [category.code, category])),
    funnel: new Map(funnel.map((row) => [row.period_start, row])),
  };
}

function periodMetrics(inputs: MetricInputs, args: ProgramMetricsArgs, start: string): PeriodMetrics {
  const { program, dimension } = inputs;
  const threshold = program.suppressionThreshold;
  const values = dimension ? dimensionValues(dimension, program) : [];
  const partition = dimension !== null && PARTITIONING_DIMENSIONS.includes(dimension);

  const count = (metric: MetricKind, category: string, dimensionName: string, value: string) =>
    inputs.cells.get(cellKey(metric, category, start, dimensionName, value)) ?? 0;
  const peopleTable = (metric: MetricKind, category: string): SuppressedTable =>
    suppressTable(
      count(metric, category, TOTAL, ''),
      new Map(values.map((value) => [value, count(metric, category, dimension!, value)])),
      threshold,
      partition,
    );
  /** Deliveries are withheld wherever the people they went to are: the same cells, so the same protection. */
  const deliveriesTable = (category: string): SuppressedTable => {
    const people = peopleTable(MetricKind.PEOPLE_SERVED, category);
    const masked = (shownBy: Disclosure, value: number): Disclosure => (shownBy.suppressed ? shownBy : { suppressed: false, value });
    return {
      total: masked(people.total, count(MetricKind.SERVICE_DELIVERIES, category, TOTAL, '')),
      cells: new Map(values.map((value) => [value, masked(people.cells.get(value)!, count(MetricKind.SERVICE_DELIVERIES, category, dimension!, value))])),
    };
  };
  const figure = (table: SuppressedTable): MetricFigure => ({
    total: metricValue(table.total, threshold),
    breakdown: values.map((value) => ({ value, actual: metricValue(table.cells.get(value)!, threshold), target: null, progressPercent: null })),
  });

  const categoryCodes = [...inputs.cells.keys()]
    .map((key) => key.split('|'))
    .filter(([metric, category, period, dimensionName]) => metric === MetricKind.PEOPLE_SERVED && category !== '' && period === start && dimensionName === TOTAL)
    .map(([, category]) => category)
    .sort();
  const servicesByCategory: CategoryMetrics[] = categoryCodes.map((code) => ({
    category: inputs.categories.get(code)!,
    deliveries: figure(deliveriesTable(code)),
    peopleServed: figure(peopleTable(MetricKind.PEOPLE_SERVED, code)),
  }));

  const indicators = inputs.indicators.map((indicator): IndicatorProgress => {
    const category = indicator.serviceCategoryCode ?? '';
    const table: SuppressedTable | null =
      indicator.source === IndicatorSource.PEOPLE_ENROLLED
        ? peopleTable(MetricKind.PEOPLE_ENROLLED, '')
        : indicator.source === IndicatorSource.PEOPLE_SERVED
          ? peopleTable(MetricKind.PEOPLE_SERVED, category)
          : indicator.source === IndicatorSource.SERVICE_DELIVERIES
            ? deliveriesTable(category)
            : reportedTable(inputs, indicator, start, values, partition);
    const broken = dimension !== null && (indicator.source !== IndicatorSource.REPORTED || indicator.disaggregations.includes(dimension));
    const target = (value: string | null) =>
      inputs.targets.find(
        (t) => t.indicatorId === indicator.id && t.periodStart === start && t.dimension === (value === null ? null : dimension) && t.dimensionValue === value,
      )?.value ?? null;
    const progress = (actual: Disclosure | null, goal: number | null) => {
      if (!actual || goal === null) return null;
      const derived = derive([actual], (value) =>
        progressPercent(value, goal, indicator.baselineValue, indicator.direction === IndicatorDirection.HIGHER_IS_BETTER),
      );
      return derived && metricValue(derived, threshold);
    };
    const overall = target(null);
    return {
      indicator,
      target: overall,
      actual: table && !isMissing(table.total) ? metricValue(table.total, threshold) : null,
      progressPercent: table && !isMissing(table.total) ? progress(table.total, overall) : null,
      breakdown: broken
        ? values.map((value): MetricBreakdownCell => {
            const cell = table?.cells.get(value) ?? null;
            const shown = cell && !isMissing(cell) ? cell : null;
            return { value, actual: shown && metricValue(shown, threshold), target: target(value), progressPercent: progress(shown, target(value)) };
          })
        : [],
    };
  });

  return {
    periodType: args.periodType,
    periodStart: start,
    periodEnd: periodEnd(start, args.periodType),
    peopleEnrolled: figure(peopleTable(MetricKind.PEOPLE_ENROLLED, '')),
    peopleServed: figure(peopleTable(MetricKind.PEOPLE_SERVED, '')),
    servicesByCategory,
    indicators,
    referralFunnel: referralFunnel(inputs.funnel.get(start), threshold),
  };
}

/** Each stage is a count of referrals, so of people: suppressed when small, and a median with it. */
function referralFunnel(row: FunnelRow | undefined, threshold: number): ReferralFunnel {
  const counted = (count: number): Disclosure => (belowThreshold(count, threshold) ? { suppressed: true, reason: 'BELOW_THRESHOLD' } : { suppressed: false, value: count });
  const median = (base: Disclosure, value: number | null) => {
    if (value === null) return null;
    return metricValue(derive([base], () => value)!, threshold);
  };
  const sent = counted(row?.sent ?? 0);
  const accepted = counted(row?.accepted ?? 0);
  const completed = counted(row?.completed ?? 0);
  return {
    sent: metricValue(sent, threshold),
    accepted: metricValue(accepted, threshold),
    completed: metricValue(completed, threshold),
    successful: metricValue(counted(row?.successful ?? 0), threshold),
    medianDaysToAcceptance: median(accepted, row?.median_accept ?? null),
    medianDaysToCompletion: median(completed, row?.median_complete ?? null),
  };
}

/** A reported indicator's cell with no approved value: nothing to show, which is not zero. */
const MISSING: Disclosure = { suppressed: false, value: Number.NaN };
const isMissing = (disclosure: Disclosure) => !disclosure.suppressed && Number.isNaN(disclosure.value);

/**
 * Approved reported values for one indicator and period, combined across reporters: summed for
 * counts and amounts, averaged for averages and ratios. People counts are suppressed like derived ones.
 */
function reportedTable(inputs: MetricInputs, indicator: Indicator, start: string, values: string[], partition: boolean): SuppressedTable {
  const rows = inputs.reported.filter((row) => row.indicatorId === indicator.id && row.periodStart === start);
  const combine = (cell: ReportedValue[]): number | null => {
    if (!cell.length) return null;
    const sum = cell.reduce((total, row) => total + row.value, 0);
    return [IndicatorAggregation.AVERAGE, IndicatorAggregation.RATIO].includes(indicator.aggregation) ? sum / cell.length : sum;
  };
  const total = combine(rows.filter((row) => row.dimension === null));
  const cells = new Map(values.map((value) => [value, combine(rows.filter((row) => row.dimension === inputs.dimension && row.dimensionValue === value))]));
  if (indicator.aggregation !== IndicatorAggregation.DISTINCT_PEOPLE) {
    return {
      total: total === null ? MISSING : { suppressed: false, value: total },
      cells: new Map([...cells].map(([value, cell]) => [value, cell === null ? MISSING : { suppressed: false, value: cell }])),
    };
  }
  const known = new Map([...cells].filter(([, cell]) => cell !== null) as [string, number][]);
  const suppressed = suppressTable(total ?? 0, known, inputs.program.suppressionThreshold, partition && total !== null);
  return {
    total: total === null ? MISSING : suppressed.total,
    cells: new Map(values.map((value) => [value, suppressed.cells.get(value) ?? MISSING])),
  };
}
