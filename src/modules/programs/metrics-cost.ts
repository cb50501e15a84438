import type { ComplexityEstimator } from 'graphql-query-complexity';
import { dimensionValues } from './dimensions';
import { MAX_PERIODS } from './metrics.service';
import { Dimension, PeriodType } from './program.enums';
import { periodStarts } from './periods';

/** A programme names at most 50 regions (CreateProgramInput), and OTHER: REGION's cells at their bound. */
const MAX_REGION_VALUES = 51;

/** What one exported row (an indicator's cell in one period) costs, in the cost model's units (about one per field per item). */
export const EXPORT_ROW_COST = 10;

interface MetricsArgs {
  from?: unknown;
  to?: unknown;
  periodType?: unknown;
  disaggregateBy?: unknown;
}

function valueCount(dimension: Dimension): number {
  return dimension === Dimension.REGION ? MAX_REGION_VALUES : dimensionValues(dimension, { regions: [] }).length;
}

/** The periods a request asks for (1 for arguments execution will refuse; at most MAX_PERIODS). */
export function periodsAsked(args: MetricsArgs): number {
  if (typeof args.from !== 'string' || typeof args.to !== 'string') return 1;
  const type = Object.values(PeriodType).includes(args.periodType as PeriodType) ? (args.periodType as PeriodType) : PeriodType.QUARTER;
  return Math.max(1, Math.min(periodStarts(args.from, args.to, type, MAX_PERIODS).length, MAX_PERIODS));
}

/** What one figure cell (a period's everyone or one dimension value) of a dashboard costs: a handful of fields per indicator. */
export const METRICS_CELL_COST = 5;

/**
 * `programMetrics` computes every figure once per period and per cell (everyone, then each value of
 * the dimension asked for): its selection, plus that many cells.
 */
export const metricsCost: ComplexityEstimator = ({ args, childComplexity }) => {
  const dimension = Object.values(Dimension).includes(args.disaggregateBy as Dimension) ? (args.disaggregateBy as Dimension) : null;
  return childComplexity + periodsAsked(args) * (1 + (dimension ? valueCount(dimension) : 0)) * METRICS_CELL_COST;
};

/**
 * An export writes a row per indicator, period and cell, and may use every dimension (or only
 * `disaggregateBy`'s): priced at those dimensions' cells per period. Indicators are not in the price
 * (the request does not say how many a programme has); heavy requests' own share and statement
 * timeout bound what they add.
 */
export const exportCost: ComplexityEstimator = ({ args }) => {
  const asked = Object.values(Dimension).includes(args.disaggregateBy as Dimension) ? [args.disaggregateBy as Dimension] : Object.values(Dimension);
  const cells = 1 + asked.reduce((sum, dimension) => sum + valueCount(dimension), 0);
  return periodsAsked(args) * cells * EXPORT_ROW_COST;
};
