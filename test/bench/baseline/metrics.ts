/**
 * The funder dashboard's figures from the rows one SQL statement returns, with the same suppression
 * as src/modules/programs/metrics.service.ts: it imports the same pure functions (suppressLinked,
 * suppressTable, derive, progressPercent, periods, dimensions) and repeats the orchestration, which
 * that module does not export. The output is the JSON GraphQL returns for the bench's dashboard query.
 */
import { dimensionValues } from '../../../src/modules/programs/dimensions';
import { periodEnd, periodStarts } from '../../../src/modules/programs/periods';
import { Dimension, PARTITIONING_DIMENSIONS, PeriodType } from '../../../src/modules/programs/program.enums';
import {
  derive,
  progressPercent,
  suppressLinked,
  suppressTable,
  type CountNode,
  type Disclosure,
  type SumConstraint,
  type SuppressedTable,
} from '../../../src/modules/programs/suppression';

const TOTAL = 'TOTAL';

export interface DashboardRows {
  program: { id: string; name: string; threshold: number; regions: string[] } | null;
  /** [metric, category, period_type, period_start, dimension, dimension_value, value] */
  cells: [string, string, PeriodType, string, string, string, number][];
  funnel: { period_type: PeriodType; period_start: string; sent: number; accepted: number; completed: number; successful: number; median_accept: number | null; median_complete: number | null }[];
  results: string[];
  indicators: { id: string; code: string; resultId: string; source: string; aggregation: string; direction: string; category: string | null; baseline: number | null; disaggregations: string[] }[];
  /** [indicator_id, period_start, dimension, dimension_value, value] */
  targets: [string, string, string | null, string | null, number][];
  reported: [string, string, string | null, string | null, number][];
}

interface Period {
  type: PeriodType;
  start: string;
}

type Decisions = (category: string, period: Period, value: string) => Disclosure;

const periodKey = (period: Period) => `${period.type}|${period.start}`;

/** The figures (JSON) of `periodType` periods from `from` to `to`, broken down by `dimension`. */
export function dashboardJson(rows: DashboardRows, periodType: PeriodType, from: string, to: string, dimension: Dimension | null) {
  const program = rows.program!;
  const threshold = program.threshold;
  const starts = periodStarts(from, to, periodType);
  const first = `${starts[0].slice(0, 4)}-01-01`;
  const last = `${starts.at(-1)!.slice(0, 4)}-12-31`;
  const periods: Period[] = [PeriodType.YEAR, PeriodType.QUARTER, PeriodType.MONTH].flatMap((type) => periodStarts(first, last, type).map((start) => ({ type, start })));
  const values = dimension ? dimensionValues(dimension, program) : [];
  const cells = new Map<string, number>();
  for (const [metric, category, type, start, dim, value, count] of rows.cells) {
    cells.set([metric, category, `${type}|${start}`, dim === TOTAL ? TOTAL : value].join('|'), count);
  }
  const cell = (metric: string) => (category: string, period: Period, value: string) => cells.get([metric, category, periodKey(period), value].join('|')) ?? 0;
  const funnelRows = new Map(rows.funnel.map((row) => [`${row.period_type}|${row.period_start}`, row]));
  const years = periods.filter((p) => p.type === PeriodType.YEAR);
  const quarters = periods.filter((p) => p.type === PeriodType.QUARTER);
  const months = periods.filter((p) => p.type === PeriodType.MONTH);
  const within = (parent: Period, children: Period[]) => children.filter((child) => child.start >= parent.start && child.start <= periodEnd(parent.start, parent.type));

  const family = (
    categories: string[],
    additiveInTime: boolean,
    additiveInCategories: boolean,
    count: (c: string, p: Period, v: string) => number,
    people: (c: string, p: Period, v: string) => number,
  ): Decisions => {
    const key = (category: string, period: Period, value: string) => `${category}|${periodKey(period)}|${value}`;
    const pass = (passValues: string[], fixed?: Map<string, Disclosure>) => {
      const nodes = new Map<string, CountNode>();
      const constraints: SumConstraint[] = [];
      const allValues = fixed ? [TOTAL, ...passValues] : passValues;
      for (const category of categories) {
        for (const period of periods) {
          for (const value of allValues) nodes.set(key(category, period, value), { count: count(category, period, value), people: people(category, period, value) });
        }
      }
      for (const value of passValues) {
        for (const category of categories) {
          if (additiveInTime) {
            for (const year of years) constraints.push({ total: key(category, year, value), parts: within(year, quarters).map((q) => key(category, q, value)) });
            for (const quarter of quarters) constraints.push({ total: key(category, quarter, value), parts: within(quarter, months).map((m) => key(category, m, value)) });
          }
        }
        if (additiveInCategories) {
          for (const period of periods) constraints.push({ total: key('', period, value), parts: categories.filter((c) => c !== '').map((c) => key(c, period, value)) });
        }
      }
      if (fixed && dimension && PARTITIONING_DIMENSIONS.includes(dimension)) {
        for (const category of categories) for (const period of periods) constraints.push({ total: key(category, period, TOTAL), parts: passValues.map((v) => key(category, period, v)) });
      }
      return suppressLinked(nodes, constraints, threshold, fixed);
    };
    const totals = pass([TOTAL]);
    const decided = values.length ? pass(values, totals) : totals;
    return (category, period, value) => decided.get(key(category, period, value)) ?? { suppressed: false, value: count(category, period, value) };
  };

  const servedCategories = ['', ...new Set(rows.cells.filter(([metric, category]) => metric === 'PEOPLE_SERVED' && category !== '').map(([, category]) => category))];
  const people = cell('PEOPLE_SERVED');
  const enrolled = family([''], true, false, cell('PEOPLE_ENROLLED'), cell('PEOPLE_ENROLLED'));
  const served = family(servedCategories, false, false, people, people);
  const deliveries = family(servedCategories, true, true, cell('SERVICE_DELIVERIES'), people);

  // The funnel: stages nest, and their differences are protected too.
  const stages = ['sent', 'accepted', 'completed', 'successful', 'notAccepted', 'notCompleted', 'notSuccessful'];
  const stageCount = (stage: string, period: Period) => {
    const row = funnelRows.get(periodKey(period));
    if (!row) return 0;
    const counts: Record<string, number> = {
      sent: row.sent,
      accepted: row.accepted,
      completed: row.completed,
      successful: row.successful,
      notAccepted: row.sent - row.accepted,
      notCompleted: row.accepted - row.completed,
      notSuccessful: row.completed - row.successful,
    };
    return counts[stage];
  };
  const funnelKey = (stage: string, period: Period) => `${stage}|${periodKey(period)}`;
  const funnelNodes = new Map<string, CountNode>();
  const funnelConstraints: SumConstraint[] = [];
  for (const period of periods) {
    for (const stage of stages) funnelNodes.set(funnelKey(stage, period), { count: stageCount(stage, period), people: stageCount(stage, period) });
    funnelConstraints.push(
      { total: funnelKey('sent', period), parts: [funnelKey('accepted', period), funnelKey('notAccepted', period)] },
      { total: funnelKey('accepted', period), parts: [funnelKey('completed', period), funnelKey('notCompleted', period)] },
      { total: funnelKey('completed', period), parts: [funnelKey('successful', period), funnelKey('notSuccessful', period)] },
    );
  }
  for (const stage of stages) {
    for (const parent of periods.filter((p) => p.type !== PeriodType.MONTH)) {
      funnelConstraints.push({ total: funnelKey(stage, parent), parts: within(parent, parent.type === PeriodType.YEAR ? quarters : months).map((child) => funnelKey(stage, child)) });
    }
  }
  const funnel = suppressLinked(funnelNodes, funnelConstraints, threshold);

  const value = (disclosure: Disclosure) =>
    disclosure.suppressed ? { __typename: 'SuppressedValue', reason: disclosure.reason, threshold } : { __typename: 'MetricNumber', value: disclosure.value };
  const resultOrder = new Map(rows.results.map((id, i) => [id, i]));
  const indicators = [...rows.indicators].sort((x, y) => resultOrder.get(x.resultId)! - resultOrder.get(y.resultId)! || x.code.localeCompare(y.code));
  const partition = dimension !== null && PARTITIONING_DIMENSIONS.includes(dimension);
  const MISSING: Disclosure = { suppressed: false, value: Number.NaN };
  const isMissing = (d: Disclosure) => !d.suppressed && Number.isNaN(d.value);

  return {
    periodType,
    disaggregatedBy: dimension,
    suppressionThreshold: threshold,
    program: { id: program.id, name: program.name },
    periods: starts.map((start) => {
      const period: Period = { type: periodType, start };
      const table = (decisions: Decisions, category: string): SuppressedTable => ({
        total: decisions(category, period, TOTAL),
        cells: new Map(values.map((v) => [v, decisions(category, period, v)])),
      });
      const figure = (suppressed: SuppressedTable) => ({
        total: value(suppressed.total),
        breakdown: values.map((v) => ({ value: v, actual: value(suppressed.cells.get(v)!) })),
      });
      const categoryCodes = rows.cells
        .filter(([metric, category, type, cellStart, dim]) => metric === 'PEOPLE_SERVED' && category !== '' && type === periodType && cellStart === start && dim === TOTAL)
        .map(([, category]) => category)
        .sort();
      const reportedTable = (indicator: DashboardRows['indicators'][number]): SuppressedTable => {
        const reported = rows.reported.filter(([id, reportedStart]) => id === indicator.id && reportedStart === start);
        const combine = (list: typeof reported): number | null => {
          if (!list.length) return null;
          const sum = list.reduce((s, row) => s + row[4], 0);
          return ['AVERAGE', 'RATIO'].includes(indicator.aggregation) ? sum / list.length : sum;
        };
        const total = combine(reported.filter(([, , dim]) => dim === null));
        const byValue = new Map(values.map((v) => [v, combine(reported.filter(([, , dim, dimValue]) => dim === dimension && dimValue === v))]));
        if (indicator.aggregation !== 'DISTINCT_PEOPLE') {
          return {
            total: total === null ? MISSING : { suppressed: false, value: total },
            cells: new Map([...byValue].map(([v, c]) => [v, c === null ? MISSING : { suppressed: false, value: c }])),
          };
        }
        const known = new Map([...byValue].filter(([, c]) => c !== null) as [string, number][]);
        const suppressed = suppressTable(total ?? 0, known, threshold, partition && total !== null);
        return { total: total === null ? MISSING : suppressed.total, cells: new Map(values.map((v) => [v, suppressed.cells.get(v) ?? MISSING])) };
      };
      const stage = (name: string) => funnel.get(funnelKey(name, period))!;
      const funnelRow = funnelRows.get(periodKey(period));
      const median = (base: Disclosure, m: number | null | undefined) => (m === null || m === undefined ? null : value(derive([base], () => m)!));
      return {
        periodType,
        periodStart: start,
        periodEnd: periodEnd(start, periodType),
        peopleEnrolled: figure(table(enrolled, '')),
        peopleServed: figure(table(served, '')),
        servicesByCategory: categoryCodes.map((code) => ({ category: { code }, deliveries: figure(table(deliveries, code)), peopleServed: figure(table(served, code)) })),
        referralFunnel: {
          sent: value(stage('sent')),
          accepted: value(stage('accepted')),
          completed: value(stage('completed')),
          successful: value(stage('successful')),
          medianDaysToAcceptance: median(stage('accepted'), funnelRow?.median_accept),
          medianDaysToCompletion: median(stage('completed'), funnelRow?.median_complete),
        },
        indicators: indicators.map((indicator) => {
          const category = indicator.category ?? '';
          const source =
            indicator.source === 'PEOPLE_ENROLLED'
              ? table(enrolled, '')
              : indicator.source === 'PEOPLE_SERVED'
                ? table(served, category)
                : indicator.source === 'SERVICE_DELIVERIES'
                  ? table(deliveries, category)
                  : reportedTable(indicator);
          const broken = dimension !== null && (indicator.source !== 'REPORTED' || indicator.disaggregations.includes(dimension));
          const target = (v: string | null) =>
            rows.targets.find(([id, targetStart, dim, dimValue]) => id === indicator.id && targetStart === start && dim === (v === null ? null : dimension) && dimValue === v)?.[4] ?? null;
          const progress = (actual: Disclosure | null, goal: number | null) => {
            if (!actual || goal === null) return null;
            const derived = derive([actual], (a) => progressPercent(a, goal, indicator.baseline, indicator.direction === 'HIGHER_IS_BETTER'));
            return derived && value(derived);
          };
          const overall = target(null);
          const total = isMissing(source.total) ? null : source.total;
          return {
            indicator: { id: indicator.id, code: indicator.code },
            target: overall,
            actual: total && value(total),
            progressPercent: progress(total, overall),
            breakdown: broken
              ? values.map((v) => {
                  const c = source.cells.get(v) ?? null;
                  const shown = c && !isMissing(c) ? c : null;
                  return { value: v, target: target(v), actual: shown && value(shown), progressPercent: progress(shown, target(v)) };
                })
              : [],
          };
        }),
      };
    }),
  };
}
