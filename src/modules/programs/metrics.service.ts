import type { ObjectLiteral } from 'typeorm';
import { badInput, notFound } from '../../common/errors';
import { SqlParams } from '../../common/hot-read';
import type { RowReader } from '../../database/rows';
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
  PeriodType,
  ProgramMemberRole,
  ProgramMemberStatus,
  ReportedValueStatus,
} from './program.enums';
import { ProgramMember } from './program-member.entity';
import { Program } from './program.entity';
import { ownProgramMembershipLoader } from './program.loaders';
import { requireRole } from './program.service';
import { ReportedValue } from './reported-value.entity';
import {
  derive,
  progressPercent,
  suppressLinked,
  suppressTable,
  type CountNode,
  type Disclosure,
  type SumConstraint,
  type SuppressedTable,
} from './suppression';

export const MAX_PERIODS = 60;
const TOTAL = 'TOTAL';
const FUNNEL_STAGES = ['sent', 'accepted', 'completed', 'successful'] as const;
type FunnelStage = (typeof FUNNEL_STAGES)[number];

/** A period of any length: the figures of every month, quarter and year of the years asked about take part in suppression. */
interface Period {
  type: PeriodType;
  start: string;
}

/** Looks up whether and what to show of one figure: category ('' for all), period, and TOTAL or a dimension value. */
type Decisions = (category: string, period: Period, value: string) => { count: number; disclosure: Disclosure };

interface FunnelRow {
  period_type: PeriodType;
  period_start: string;
  sent: number;
  accepted: number;
  completed: number;
  successful: number;
  /** The same stages counted over the referrals the viewer sent or received itself, which it can list. */
  own_sent: number;
  own_accepted: number;
  own_completed: number;
  own_successful: number;
  median_accept: number | null;
  median_complete: number | null;
}

/** Everything one metrics request reads, fetched in a handful of statements whatever the range. */
interface MetricInputs {
  program: Program;
  dimension: Dimension | null;
  values: string[];
  periods: Period[];
  /** The quarters of each year and the months of each quarter, by the parent's period key. */
  children: Map<string, Period[]>;
  cells: Map<string, number>;
  /** The viewer's own part of each cell (its own enrolments and deliveries), by the same keys; none for a funder. */
  own: Map<string, number>;
  /** Categories with people served in any period; and, by period key, those with a total in that period, sorted. */
  servedCategories: string[];
  servedCategoriesIn: Map<string, string[]>;
  indicators: Indicator[];
  targets: IndicatorTarget[];
  reported: ReportedValue[];
  categories: Map<string, ServiceCategory>;
  funnel: Map<string, FunnelRow>;
}

const periodKey = (period: Period) => `${period.type}|${period.start}`;
const cellKey = (metric: string, category: string, period: Period, value: string) => `${metric}|${category}|${period.type}|${period.start}|${value}`;

/** The starts of the periods a range asks for; BAD_USER_INPUT for `from` after `to` or more than MAX_PERIODS (`argumentPath`: where the range's arguments are). */
export function periodsOfRange(args: Pick<ProgramMetricsArgs, 'from' | 'to' | 'periodType'>, argumentPath: readonly string[] = []): string[] {
  if (args.from > args.to) throw badInput('`from` must not be after `to`', [...argumentPath, 'from']);
  const starts = periodStarts(args.from, args.to, args.periodType, MAX_PERIODS);
  if (starts.length > MAX_PERIODS) throw badInput(`At most ${MAX_PERIODS} periods per request: narrow the range or use a longer period`, [...argumentPath, 'to']);
  return starts;
}

export async function programMetrics(ctx: RequestContext, args: ProgramMetricsArgs): Promise<ProgramMetrics> {
  const starts = periodsOfRange(args);
  const inputs = await loadInputs(ctx, args, starts);
  const decisions = decide(inputs);
  return {
    program: inputs.program,
    periodType: args.periodType,
    disaggregatedBy: args.disaggregateBy ?? null,
    suppressionThreshold: inputs.program.suppressionThreshold,
    periods: starts.map((start) => periodMetrics(inputs, decisions, { type: args.periodType, start })),
  };
}

/** The periods one level down inside each year and quarter of `periods`, worked out once per request. */
function containment(periods: Period[]): Map<string, Period[]> {
  const children = new Map<string, Period[]>();
  for (const parent of periods) {
    if (parent.type === PeriodType.MONTH) continue;
    const childType = parent.type === PeriodType.YEAR ? PeriodType.QUARTER : PeriodType.MONTH;
    const end = periodEnd(parent.start, parent.type);
    children.set(periodKey(parent), periods.filter((child) => child.type === childType && child.start >= parent.start && child.start <= end));
  }
  return children;
}

/** Every month, quarter and year of the calendar years from `from` to `to`. */
function calendar(from: string, to: string): Period[] {
  const first = `${from.slice(0, 4)}-01-01`;
  const last = `${to.slice(0, 4)}-12-31`;
  return [PeriodType.YEAR, PeriodType.QUARTER, PeriodType.MONTH].flatMap((type) => periodStarts(first, last, type).map((start) => ({ type, start })));
}

type CellRow = [metric: string, category: string, periodType: PeriodType, periodStart: string, dimension: string, value: string, count: number];

/**
 * Everything one metrics request reads, in one statement whatever the range: the programme and the
 * viewer's membership of it, the rollup cells of the calendar years asked about and the viewer's own
 * part of them, the funnel by month, quarter and year, the results framework, targets and approved
 * reported values.
 * RLS limits each part to what the viewer may read; the membership decides whether it may read
 * metrics at all.
 */
async function loadInputs(ctx: RequestContext, args: ProgramMetricsArgs, starts: string[]): Promise<MetricInputs> {
  const periods = calendar(starts[0], starts.at(-1)!);
  const years = { from: periods[0].start, to: periodEnd(periods.filter((p) => p.type === PeriodType.YEAR).at(-1)!.start, PeriodType.YEAR) };
  const rows = {
    program: ctx.services.database.rows(Program),
    member: ctx.services.database.rows(ProgramMember),
    result: ctx.services.database.rows(ProgramResult),
    indicator: ctx.services.database.rows(Indicator),
    target: ctx.services.database.rows(IndicatorTarget),
    reported: ctx.services.database.rows(ReportedValue),
    category: ctx.services.database.rows(ServiceCategory),
  };
  const params = new SqlParams();
  const programId = params.add(args.programId, 'uuid');
  const from = params.add(years.from, 'date');
  const to = params.add(years.to, 'date');
  const first = params.add(starts[0], 'date');
  const last = params.add(starts.at(-1)!, 'date');
  const periodType = params.add(args.periodType, 'text');
  const dimensions = params.add([TOTAL, ...(args.disaggregateBy ? [args.disaggregateBy] : [])], 'text[]');
  const ofProgram = (alias: string) => `${alias}.organization_id = p.organization_id AND ${alias}.program_id = p.id`;
  const list = (json: string, from: string, order?: string) => `(SELECT coalesce(json_agg(${json}${order ? ` ORDER BY ${order}` : ''}), '[]'::json) FROM ${from})`;
  const [row] = await ctx.sql(
    `SELECT ${rows.program.list('p')},
       (SELECT ${rows.member.json('m')} FROM program_members m
         WHERE ${ofProgram('m')} AND m.member_organization_id = app_organization_id() AND m.status = ANY(${params.add([ProgramMemberStatus.ACTIVE, ProgramMemberStatus.INVITED], 'text[]')})) AS membership,
       ${list(
         `json_build_array(c.metric, c.category_code, c.period_type, to_char(c.period_start, 'YYYY-MM-DD'), c.dimension, c.dimension_value, c.value::float8)`,
         `program_metric_cells c WHERE ${ofProgram('c')} AND c.period_start BETWEEN ${from} AND ${to}
            AND c.dimension = ANY(${dimensions})`,
       )} AS cells,
       ${list(
         `json_build_array(o.metric, o.category_code, o.period_type, to_char(o.period_start, 'YYYY-MM-DD'), o.dimension, o.dimension_value, o.value::float8)`,
         `program_member_metric_cells o WHERE o.member_organization_id = app_organization_id() AND ${ofProgram('o')}
            AND o.period_start BETWEEN ${from} AND ${to} AND o.dimension = ANY(${dimensions})`,
       )} AS own,
       ${list(
         'f',
         `(SELECT CASE WHEN GROUPING(month) = 0 THEN 'MONTH' WHEN GROUPING(quarter) = 0 THEN 'QUARTER' ELSE 'YEAR' END AS period_type,
                  to_char(coalesce(month, quarter, year), 'YYYY-MM-DD') AS period_start,
                  count(*)::int AS sent, count(accepted_on)::int AS accepted,
                  count(*) FILTER (WHERE status = 'COMPLETED')::int AS completed,
                  count(*) FILTER (WHERE status = 'COMPLETED' AND outcome = 'SUCCESSFUL')::int AS successful,
                  count(*) FILTER (WHERE mine)::int AS own_sent, count(accepted_on) FILTER (WHERE mine)::int AS own_accepted,
                  count(*) FILTER (WHERE mine AND status = 'COMPLETED')::int AS own_completed,
                  count(*) FILTER (WHERE mine AND status = 'COMPLETED' AND outcome = 'SUCCESSFUL')::int AS own_successful,
                  percentile_cont(0.5) WITHIN GROUP (ORDER BY accepted_on - sent_on) AS median_accept,
                  percentile_cont(0.5) WITHIN GROUP (ORDER BY finished_on - sent_on) FILTER (WHERE status = 'COMPLETED') AS median_complete
             FROM (SELECT f.*, date_trunc('month', sent_on)::date AS month, date_trunc('quarter', sent_on)::date AS quarter,
                          date_trunc('year', sent_on)::date AS year,
                          app_organization_id() IN (f.sender_organization_id, f.receiving_organization_id) AS mine
                     FROM program_referral_facts f WHERE ${ofProgram('f')} AND f.sent_on BETWEEN ${from} AND ${to}) facts
            GROUP BY GROUPING SETS ((month), (quarter), (year))) f`,
       )} AS funnel,
       ${list(rows.result.json('r'), `program_results r WHERE ${ofProgram('r')}`, 'r.created_at, r.id')} AS results,
       ${list(rows.indicator.json('i'), `indicators i WHERE ${ofProgram('i')}`, 'i.code')} AS indicators,
       ${list(rows.target.json('t'), `indicator_targets t WHERE ${ofProgram('t')} AND t.period_type = ${periodType} AND t.period_start BETWEEN ${first} AND ${last}`)} AS targets,
       ${list(
         rows.reported.json('v'),
         `reported_values v WHERE ${ofProgram('v')} AND v.period_type = ${periodType} AND v.period_start BETWEEN ${first} AND ${last}
            AND v.status = ${params.add(ReportedValueStatus.APPROVED, 'text')}`,
       )} AS reported,
       ${list(rows.category.json('sc'), 'service_categories sc')} AS categories
     FROM programs p WHERE p.id = ${programId}`,
    params.values,
  );
  if (!row) throw notFound('Program', ['programId']);
  const program = rows.program.read(row);
  const membership = row.membership ? rows.member.read(row.membership as Record<string, unknown>) : null;
  ctx.loader(ownProgramMembershipLoader).prime(program.id, membership);
  await requireRole(ctx, program, Object.values(ProgramMemberRole), 'read its metrics');

  const read = <T extends ObjectLiteral>(reader: RowReader<T>, json: unknown) => (json as Record<string, unknown>[]).map((item) => reader.read(item));
  const results = read(rows.result, row.results);
  const resultOrder = new Map(results.map((result, i) => [result.id, i]));
  const indicators = read(rows.indicator, row.indicators);
  const dimension = args.disaggregateBy ?? null;
  const cells = new Map<string, number>();
  const served = new Set<string>();
  const servedIn = new Map<string, Set<string>>();
  for (const [metric, category, type, start, cellDimension, value, count] of row.cells as CellRow[]) {
    cells.set(cellKey(metric, category, { type, start }, cellDimension === TOTAL ? TOTAL : value), count);
    if (metric !== MetricKind.PEOPLE_SERVED || category === '') continue;
    served.add(category);
    if (cellDimension !== TOTAL) continue;
    const key = periodKey({ type, start });
    servedIn.set(key, (servedIn.get(key) ?? new Set()).add(category));
  }
  const own = new Map<string, number>();
  for (const [metric, category, type, start, cellDimension, value, count] of row.own as CellRow[]) {
    own.set(cellKey(metric, category, { type, start }, cellDimension === TOTAL ? TOTAL : value), count);
  }
  return {
    program,
    dimension,
    values: dimension ? dimensionValues(dimension, program) : [],
    periods,
    children: containment(periods),
    cells,
    own,
    servedCategories: [...served],
    servedCategoriesIn: new Map([...servedIn].map(([key, codes]) => [key, [...codes].sort()])),
    indicators: indicators.sort((x, y) => resultOrder.get(x.resultId)! - resultOrder.get(y.resultId)! || x.code.localeCompare(y.code)),
    targets: read(rows.target, row.targets),
    reported: read(rows.reported, row.reported),
    categories: new Map(read(rows.category, row.categories).map((category) => [category.code, category])),
    funnel: new Map((row.funnel as FunnelRow[]).map((funnelRow) => [periodKey({ type: funnelRow.period_type, start: funnelRow.period_start }), funnelRow])),
  };
}

/** Which sums hold between the figures of one family. */
interface FamilyShape {
  categories: string[];
  /** Each event falls in exactly one month, quarter and year, so months add up to quarters and quarters to years. */
  additiveInTime: boolean;
  /** Each event has one category, so the categories add up to the '' (all services) figure. */
  additiveInCategories: boolean;
  count: (category: string, period: Period, value: string) => number;
  people: (category: string, period: Period, value: string) => number;
  /** The viewer's own part of `count` and of `people`. */
  ownCount: (category: string, period: Period, value: string) => number;
  ownPeople: (category: string, period: Period, value: string) => number;
}

/**
 * Decides a whole family of figures at once, in two passes: first the totals, from their own sums
 * only, so that they come out the same whatever breakdown is asked for; then the breakdown, with the
 * totals fixed. Asking for the same figure in two requests can never show it once and hide it once.
 */
function solveFamily(inputs: MetricInputs, shape: FamilyShape): Decisions {
  const threshold = inputs.program.suppressionThreshold;
  // Every figure's key and counts, made once: the passes, their sums and the lookups below share them.
  const allValues = [TOTAL, ...inputs.values.filter((value) => value !== TOTAL)];
  const categoryIndex = new Map(shape.categories.map((category, i) => [category, i]));
  const periodIndex = new Map(inputs.periods.map((period, i) => [periodKey(period), i]));
  const valueIndex = new Map(allValues.map((value, i) => [value, i]));
  const keys = shape.categories.map((category) => inputs.periods.map((period) => allValues.map((value) => `${category}|${periodKey(period)}|${value}`)));
  const counts = shape.categories.map((category) => inputs.periods.map((period) => allValues.map((value) => shape.count(category, period, value))));
  const people = shape.categories.map((category) => inputs.periods.map((period) => allValues.map((value) => shape.people(category, period, value))));
  // A funder (or a member that recorded nothing in these years) has no part of its own to subtract.
  const own = inputs.own.size
    ? shape.categories.map((category) =>
        inputs.periods.map((period) => allValues.map((value) => ({ count: shape.ownCount(category, period, value), people: shape.ownPeople(category, period, value) }))),
      )
    : null;
  const years = inputs.periods.flatMap((p, i) => (p.type === PeriodType.YEAR ? [i] : []));
  const quarters = inputs.periods.flatMap((p, i) => (p.type === PeriodType.QUARTER ? [i] : []));
  const within = (parent: number) => (inputs.children.get(periodKey(inputs.periods[parent])) ?? []).map((child) => periodIndex.get(periodKey(child))!);
  const childrenOf = new Map([...years, ...quarters].map((parent) => [parent, within(parent)]));
  const partCategories = shape.categories.flatMap((category, i) => (category !== '' ? [i] : []));
  const allCategories = categoryIndex.get('');

  const pass = (values: number[], fixed?: Map<string, Disclosure>) => {
    const nodes = new Map<string, CountNode>();
    const constraints: SumConstraint[] = [];
    const noted = fixed ? [0, ...values] : values;
    for (let c = 0; c < shape.categories.length; c++) {
      for (let p = 0; p < inputs.periods.length; p++) {
        for (const v of noted) nodes.set(keys[c][p][v], own ? { count: counts[c][p][v], people: people[c][p][v], own: own[c][p][v] } : { count: counts[c][p][v], people: people[c][p][v] });
      }
    }
    for (const v of values) {
      if (shape.additiveInTime) {
        for (let c = 0; c < shape.categories.length; c++) {
          for (const [parent, children] of childrenOf) constraints.push({ total: keys[c][parent][v], parts: children.map((child) => keys[c][child][v]) });
        }
      }
      if (shape.additiveInCategories && allCategories !== undefined) {
        for (let p = 0; p < inputs.periods.length; p++) {
          constraints.push({ total: keys[allCategories][p][v], parts: partCategories.map((c) => keys[c][p][v]) });
        }
      }
    }
    if (fixed && inputs.dimension && PARTITIONING_DIMENSIONS.includes(inputs.dimension)) {
      for (let c = 0; c < shape.categories.length; c++) {
        for (let p = 0; p < inputs.periods.length; p++) constraints.push({ total: keys[c][p][0], parts: values.map((v) => keys[c][p][v]) });
      }
    }
    return suppressLinked(nodes, constraints, threshold, fixed);
  };

  const totals = pass([0]);
  const decided = inputs.values.length ? pass(allValues.slice(1).map((_, i) => i + 1), totals) : totals;
  return (category, period, value) => {
    const [c, p, v] = [categoryIndex.get(category), periodIndex.get(periodKey(period)), valueIndex.get(value)];
    if (c === undefined || p === undefined || v === undefined) {
      const count = shape.count(category, period, value);
      return { count, disclosure: { suppressed: false, value: count } };
    }
    return { count: counts[c][p][v], disclosure: decided.get(keys[c][p][v]) ?? { suppressed: false, value: counts[c][p][v] } };
  };
}

interface FamilyDecisions {
  enrolled: Decisions;
  served: Decisions;
  deliveries: Decisions;
  funnel: (stage: FunnelStage, period: Period) => { count: number; disclosure: Disclosure };
}

function decide(inputs: MetricInputs): FamilyDecisions {
  const cell = (metric: MetricKind) => (category: string, period: Period, value: string) => inputs.cells.get(cellKey(metric, category, period, value)) ?? 0;
  const ownCell = (metric: MetricKind) => (category: string, period: Period, value: string) => inputs.own.get(cellKey(metric, category, period, value)) ?? 0;
  const categories = ['', ...inputs.servedCategories];
  const people = cell(MetricKind.PEOPLE_SERVED);
  const ownPeople = ownCell(MetricKind.PEOPLE_SERVED);

  // The funnel's stages nest (sent ⊇ accepted ⊇ completed ⊇ successful); the differences are figures too,
  // never shown, but small ones are protected like any other.
  const funnelRow = (period: Period) => inputs.funnel.get(periodKey(period));
  const stageCounts = (sent: number, accepted: number, completed: number, successful: number): Record<string, number> => ({
    sent,
    accepted,
    completed,
    successful,
    notAccepted: sent - accepted,
    notCompleted: accepted - completed,
    notSuccessful: completed - successful,
  });
  const stageCount = (stage: string, period: Period) => {
    const row = funnelRow(period);
    return row ? stageCounts(row.sent, row.accepted, row.completed, row.successful)[stage] : 0;
  };
  const ownStageCount = (stage: string, period: Period) => {
    const row = funnelRow(period);
    return row ? stageCounts(row.own_sent, row.own_accepted, row.own_completed, row.own_successful)[stage] : 0;
  };
  const funnelNodes = new Map<string, CountNode>();
  const funnelConstraints: SumConstraint[] = [];
  const funnelKey = (stage: string, period: Period) => `${stage}|${periodKey(period)}`;
  const stages = ['sent', 'accepted', 'completed', 'successful', 'notAccepted', 'notCompleted', 'notSuccessful'];
  for (const period of inputs.periods) {
    for (const stage of stages) {
      const [count, own] = [stageCount(stage, period), ownStageCount(stage, period)];
      funnelNodes.set(funnelKey(stage, period), { count, people: count, own: { count: own, people: own } });
    }
    funnelConstraints.push(
      { total: funnelKey('sent', period), parts: [funnelKey('accepted', period), funnelKey('notAccepted', period)] },
      { total: funnelKey('accepted', period), parts: [funnelKey('completed', period), funnelKey('notCompleted', period)] },
      { total: funnelKey('completed', period), parts: [funnelKey('successful', period), funnelKey('notSuccessful', period)] },
    );
  }
  for (const stage of stages) {
    for (const parent of inputs.periods.filter((p) => p.type !== PeriodType.MONTH)) {
      const children = inputs.children.get(periodKey(parent)) ?? [];
      funnelConstraints.push({ total: funnelKey(stage, parent), parts: children.map((child) => funnelKey(stage, child)) });
    }
  }
  const funnel = suppressLinked(funnelNodes, funnelConstraints, inputs.program.suppressionThreshold);

  return {
    enrolled: solveFamily(inputs, {
      categories: [''],
      additiveInTime: true,
      additiveInCategories: false,
      count: cell(MetricKind.PEOPLE_ENROLLED),
      people: cell(MetricKind.PEOPLE_ENROLLED),
      ownCount: ownCell(MetricKind.PEOPLE_ENROLLED),
      ownPeople: ownCell(MetricKind.PEOPLE_ENROLLED),
    }),
    // Distinct people do not add up over time or across categories: one person counts in each.
    served: solveFamily(inputs, { categories, additiveInTime: false, additiveInCategories: false, count: people, people, ownCount: ownPeople, ownPeople }),
    // Deliveries are withheld where the people they went to are few.
    deliveries: solveFamily(inputs, {
      categories,
      additiveInTime: true,
      additiveInCategories: true,
      count: cell(MetricKind.SERVICE_DELIVERIES),
      people,
      ownCount: ownCell(MetricKind.SERVICE_DELIVERIES),
      ownPeople,
    }),
    funnel: (stage, period) => ({ count: stageCount(stage, period), disclosure: funnel.get(funnelKey(stage, period))! }),
  };
}

function periodMetrics(inputs: MetricInputs, decisions: FamilyDecisions, period: Period): PeriodMetrics {
  const { program, dimension, values } = inputs;
  const threshold = program.suppressionThreshold;
  const partition = dimension !== null && PARTITIONING_DIMENSIONS.includes(dimension);
  const table = (family: Decisions, category: string): SuppressedTable => ({
    total: family(category, period, TOTAL).disclosure,
    cells: new Map(values.map((value) => [value, family(category, period, value).disclosure])),
  });
  const figure = (suppressed: SuppressedTable): MetricFigure => ({
    total: metricValue(suppressed.total, threshold),
    breakdown: values.map((value) => ({ value, actual: metricValue(suppressed.cells.get(value)!, threshold), target: null, progressPercent: null })),
  });

  const categoryCodes = inputs.servedCategoriesIn.get(periodKey(period)) ?? [];
  const servicesByCategory: CategoryMetrics[] = categoryCodes.map((code) => ({
    category: inputs.categories.get(code)!,
    deliveries: figure(table(decisions.deliveries, code)),
    peopleServed: figure(table(decisions.served, code)),
  }));

  const indicators = inputs.indicators.map((indicator): IndicatorProgress => {
    const category = indicator.serviceCategoryCode ?? '';
    const source: SuppressedTable =
      indicator.source === IndicatorSource.PEOPLE_ENROLLED
        ? table(decisions.enrolled, '')
        : indicator.source === IndicatorSource.PEOPLE_SERVED
          ? table(decisions.served, category)
          : indicator.source === IndicatorSource.SERVICE_DELIVERIES
            ? table(decisions.deliveries, category)
            : reportedTable(inputs, indicator, period.start, values, partition);
    const broken = dimension !== null && (indicator.source !== IndicatorSource.REPORTED || indicator.disaggregations.includes(dimension));
    const target = (value: string | null) =>
      inputs.targets.find(
        (t) => t.indicatorId === indicator.id && t.periodStart === period.start && t.dimension === (value === null ? null : dimension) && t.dimensionValue === value,
      )?.value ?? null;
    const progress = (actual: Disclosure | null, goal: number | null) => {
      if (!actual || goal === null) return null;
      const derived = derive([actual], (value) =>
        progressPercent(value, goal, indicator.baselineValue, indicator.direction === IndicatorDirection.HIGHER_IS_BETTER),
      );
      return derived && metricValue(derived, threshold);
    };
    const overall = target(null);
    const total = isMissing(source.total) ? null : source.total;
    return {
      indicator,
      target: overall,
      actual: total && metricValue(total, threshold),
      progressPercent: progress(total, overall),
      breakdown: broken
        ? values.map((value): MetricBreakdownCell => {
            const cell = source.cells.get(value) ?? null;
            const shown = cell && !isMissing(cell) ? cell : null;
            return { value, actual: shown && metricValue(shown, threshold), target: target(value), progressPercent: progress(shown, target(value)) };
          })
        : [],
    };
  });

  return {
    periodType: period.type,
    periodStart: period.start,
    periodEnd: periodEnd(period.start, period.type),
    peopleEnrolled: figure(table(decisions.enrolled, '')),
    peopleServed: figure(table(decisions.served, '')),
    servicesByCategory,
    indicators,
    referralFunnel: referralFunnel(inputs, decisions, period),
  };
}

/** Medians are withheld with the count they are taken over. */
function referralFunnel(inputs: MetricInputs, decisions: FamilyDecisions, period: Period): ReferralFunnel {
  const threshold = inputs.program.suppressionThreshold;
  const row = inputs.funnel.get(periodKey(period));
  const stage = (name: FunnelStage) => decisions.funnel(name, period).disclosure;
  const median = (base: Disclosure, value: number | null | undefined) =>
    value === null || value === undefined ? null : metricValue(derive([base], () => value)!, threshold);
  return {
    sent: metricValue(stage('sent'), threshold),
    accepted: metricValue(stage('accepted'), threshold),
    completed: metricValue(stage('completed'), threshold),
    successful: metricValue(stage('successful'), threshold),
    medianDaysToAcceptance: median(stage('accepted'), row?.median_accept),
    medianDaysToCompletion: median(stage('completed'), row?.median_complete),
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
