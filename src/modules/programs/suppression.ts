/**
 * Statistical disclosure control for aggregate cells, pure. A cell counting fewer than `threshold`
 * people (but not zero) is suppressed (primary); where cells split a total with no overlap, a
 * partition never shows exactly one suppressed cell beside its total, since the total minus the
 * others would give it back (secondary, or complementary, suppression).
 */
export type Disclosure = { suppressed: false; value: number } | { suppressed: true; reason: SuppressionReasonCode };

export type SuppressionReasonCode = 'BELOW_THRESHOLD' | 'COMPLEMENTARY' | 'DERIVED_FROM_SUPPRESSED';

const shown = (value: number): Disclosure => ({ suppressed: false, value });
const hidden = (reason: SuppressionReasonCode): Disclosure => ({ suppressed: true, reason });

export const belowThreshold = (count: number, threshold: number) => count > 0 && count < threshold;

export interface SuppressedTable {
  total: Disclosure;
  cells: Map<string, Disclosure>;
}

/**
 * Suppresses one table: a total and its cells. `partition` says whether the cells split the total
 * (each person in exactly one cell: sex, age band...) or overlap (population groups).
 */
export function suppressTable(total: number, cells: ReadonlyMap<string, number>, threshold: number, partition: boolean): SuppressedTable {
  const result = new Map<string, Disclosure>();
  for (const [key, count] of cells) result.set(key, belowThreshold(count, threshold) ? hidden('BELOW_THRESHOLD') : shown(count));
  let totalShown: Disclosure = belowThreshold(total, threshold) ? hidden('BELOW_THRESHOLD') : shown(total);

  if (partition && !totalShown.suppressed) {
    const suppressed = [...result.values()].filter((cell) => cell.suppressed).length;
    if (suppressed === 1) {
      const candidates = [...cells].filter(([key, count]) => count > 0 && !result.get(key)!.suppressed).sort((x, y) => x[1] - y[1]);
      if (candidates.length) result.set(candidates[0][0], hidden('COMPLEMENTARY'));
      else totalShown = hidden('COMPLEMENTARY');
    }
  }
  return { total: totalShown, cells: result };
}

/** A value computed from counts (a rate, an average, progress) is suppressed when any of them is. */
export function derive(inputs: Disclosure[], compute: (...values: number[]) => number | null): Disclosure | null {
  if (inputs.some((input) => input.suppressed)) return hidden('DERIVED_FROM_SUPPRESSED');
  const value = compute(...inputs.map((input) => (input as { value: number }).value));
  return value === null ? null : shown(value);
}

/**
 * Progress toward a target in percent: from the baseline when there is one (so it works in both
 * directions), else actual / target when higher is better, target / actual when lower is.
 */
export function progressPercent(actual: number, target: number, baseline: number | null, higherIsBetter: boolean): number | null {
  if (baseline !== null && target !== baseline) return ((actual - baseline) / (target - baseline)) * 100;
  if (higherIsBetter) return target === 0 ? null : (actual / target) * 100;
  return actual === 0 ? null : (target / actual) * 100;
}
