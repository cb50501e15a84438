/**
 * Statistical disclosure control for aggregate cells, pure. A cell counting fewer than `threshold`
 * people (but not zero) is suppressed (primary), and so is one where what the viewer did not
 * contribute itself is that small, since it could subtract its own part; where cells split a total
 * with no overlap, a partition never shows exactly one suppressed cell beside its total, since the
 * total minus the others would give it back (secondary, or complementary, suppression).
 */
export type Disclosure = { suppressed: false; value: number } | { suppressed: true; reason: SuppressionReasonCode };

export type SuppressionReasonCode = 'BELOW_THRESHOLD' | 'OTHERS_BELOW_THRESHOLD' | 'COMPLEMENTARY' | 'DERIVED_FROM_SUPPRESSED';

const shown = (value: number): Disclosure => ({ suppressed: false, value });
const hidden = (reason: SuppressionReasonCode): Disclosure => ({ suppressed: true, reason });

export const belowThreshold = (count: number, threshold: number) => count > 0 && count < threshold;

export interface SuppressedTable {
  total: Disclosure;
  cells: Map<string, Disclosure>;
}

/** A figure and the number of people behind it (the same for people counts; for deliveries, the people served). */
export interface CountNode {
  count: number;
  people: number;
  /** The viewer's own part of the figure (its own enrolments, deliveries, referrals), which it knows without being told. */
  own?: { count: number; people: number };
}

/** What is left of a figure once the viewer takes out its own part: what other organizations contributed. */
const othersOf = (node: CountNode) => ({ count: node.count - (node.own?.count ?? 0), people: node.people - (node.own?.people ?? 0) });

function primary(node: CountNode, threshold: number): Disclosure {
  if (belowThreshold(node.people, threshold)) return hidden('BELOW_THRESHOLD');
  if (belowThreshold(othersOf(node).people, threshold)) return hidden('OTHERS_BELOW_THRESHOLD');
  return shown(node.count);
}

/** `total` is the sum of `parts`: e.g. a quarter and its months, a total and its cells by sex. */
export interface SumConstraint {
  total: string;
  parts: string[];
}

/**
 * Suppression over figures linked by sums (periods inside longer periods, cells inside totals,
 * categories inside all services). Primary: a figure behind 1 to threshold − 1 people, or behind
 * 1 to threshold − 1 people besides the viewer's own (each sum holds for the others' parts too, so
 * the same pattern that hides a figure hides what others put in it). Then, until
 * nothing changes, for every sum: a single withheld part next to a shown total would be the total
 * minus the others, so a second part is withheld (the smallest shown one, a non-zero one if there
 * is one); a withheld total whose parts are all shown would be their sum, so a part is withheld.
 * Only if no part can be withheld is the total. `fixed` figures were decided before (e.g. the totals,
 * decided without looking at any breakdown, so that every breakdown agrees with them) and never change.
 */
export function suppressLinked(
  nodes: ReadonlyMap<string, CountNode>,
  constraints: readonly SumConstraint[],
  threshold: number,
  fixed: ReadonlyMap<string, Disclosure> = new Map(),
): Map<string, Disclosure> {
  const decided = new Map<string, Disclosure>(fixed);
  for (const [key, node] of nodes) {
    if (!decided.has(key)) decided.set(key, primary(node, threshold));
  }
  const isHidden = (key: string) => decided.get(key)?.suppressed ?? false;
  const countOf = (key: string) => nodes.get(key)?.count ?? 0;
  // A part that others contributed nothing to protects nothing from a viewer who knows its own share of it.
  const othersCountOf = (key: string) => {
    const node = nodes.get(key);
    return node ? othersOf(node).count : 0;
  };
  const withholdOnePart = (constraint: SumConstraint): boolean => {
    const candidates = constraint.parts
      .filter((part) => !isHidden(part) && !fixed.has(part) && decided.has(part))
      .sort((x, y) => Number(othersCountOf(x) === 0) - Number(othersCountOf(y) === 0) || othersCountOf(x) - othersCountOf(y));
    if (!candidates.length) return false;
    decided.set(candidates[0], hidden('COMPLEMENTARY'));
    return true;
  };

  for (let changed = true; changed; ) {
    changed = false;
    for (const constraint of constraints) {
      let hiddenParts = 0;
      for (const part of constraint.parts) if (isHidden(part)) hiddenParts += 1;
      if (!isHidden(constraint.total) && hiddenParts === 1) {
        if (withholdOnePart(constraint)) changed = true;
        else if (!fixed.has(constraint.total)) {
          decided.set(constraint.total, hidden('COMPLEMENTARY'));
          changed = true;
        }
      } else if (isHidden(constraint.total) && hiddenParts === 0 && countOf(constraint.total) > 0) {
        if (withholdOnePart(constraint)) changed = true;
      }
    }
  }
  return decided;
}

/**
 * Suppresses one table: a total and its cells. `partition` says whether the cells split the total
 * (each person in exactly one cell: sex, age band...) or overlap (population groups).
 */
export function suppressTable(total: number, cells: ReadonlyMap<string, number>, threshold: number, partition: boolean): SuppressedTable {
  const TOTAL = '\u0000total';
  const nodes = new Map<string, CountNode>([[TOTAL, { count: total, people: total }]]);
  for (const [key, count] of cells) nodes.set(key, { count, people: count });
  const decided = suppressLinked(nodes, partition ? [{ total: TOTAL, parts: [...cells.keys()] }] : [], threshold);
  return { total: decided.get(TOTAL)!, cells: new Map([...cells.keys()].map((key) => [key, decided.get(key)!])) };
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
