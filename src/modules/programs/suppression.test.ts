import { derive, progressPercent, suppressLinked, suppressTable, type CountNode, type Disclosure } from './suppression';

const cells = (entries: Record<string, number>) => new Map(Object.entries(entries));
const values = (table: ReturnType<typeof suppressTable>) =>
  Object.fromEntries([...table.cells].map(([key, cell]) => [key, cell.suppressed ? cell.reason : cell.value]));

describe('suppressTable', () => {
  it('suppresses cells of 1 to threshold − 1 people, and shows zeros and larger cells', () => {
    const table = suppressTable(30, cells({ FEMALE: 12, MALE: 14, INTERSEX: 0, UNKNOWN: 4 }), 5, false);
    expect(values(table)).toEqual({ FEMALE: 12, MALE: 14, INTERSEX: 0, UNKNOWN: 'BELOW_THRESHOLD' });
    expect(table.total).toEqual({ suppressed: false, value: 30 });
  });

  it('suppresses a second cell of a partition so that the total minus the shown cells gives nothing back', () => {
    const table = suppressTable(30, cells({ FEMALE: 12, MALE: 14, INTERSEX: 0, UNKNOWN: 4 }), 5, true);
    expect(values(table)).toEqual({ FEMALE: 'COMPLEMENTARY', MALE: 14, INTERSEX: 0, UNKNOWN: 'BELOW_THRESHOLD' });
    const shownSum = [...table.cells.values()].reduce((sum, cell) => sum + (cell.suppressed ? 0 : cell.value), 0);
    expect(30 - shownSum).toBe(16);
  });

  it('suppresses a small total itself, and hides a lone small cell behind the smallest other one', () => {
    const table = suppressTable(8, cells({ FEMALE: 8, MALE: 0 }), 10, true);
    expect(table.total).toEqual({ suppressed: true, reason: 'BELOW_THRESHOLD' });
    const lonely = suppressTable(12, cells({ FEMALE: 9, MALE: 3 }), 5, true);
    expect(values(lonely)).toEqual({ FEMALE: 'COMPLEMENTARY', MALE: 'BELOW_THRESHOLD' });
    const onlyOne = suppressTable(3, cells({ FEMALE: 3 }), 2, true);
    expect(onlyOne.total).toEqual({ suppressed: false, value: 3 });
    const alone = suppressTable(6, cells({ FEMALE: 1, MALE: 0, UNKNOWN: 5 }), 2, true);
    expect(values(alone)).toEqual({ FEMALE: 'BELOW_THRESHOLD', MALE: 0, UNKNOWN: 'COMPLEMENTARY' });
  });

  it('leaves two or more suppressed cells as they are, and treats overlapping groups with primary suppression only', () => {
    expect(values(suppressTable(40, cells({ A: 2, B: 3, C: 35 }), 5, true))).toEqual({ A: 'BELOW_THRESHOLD', B: 'BELOW_THRESHOLD', C: 35 });
    expect(values(suppressTable(40, cells({ A: 2, B: 38, C: 35 }), 5, false))).toEqual({ A: 'BELOW_THRESHOLD', B: 38, C: 35 });
  });
});

describe('suppressLinked', () => {
  const counts = (entries: Record<string, number>) =>
    new Map(Object.entries(entries).map(([key, count]): [string, CountNode] => [key, { count, people: count }]));
  const decided = (result: Map<string, Disclosure>) =>
    Object.fromEntries([...result].map(([key, cell]) => [key, cell.suppressed ? cell.reason : cell.value]));
  const year = { total: 'Y', parts: ['Q1', 'Q2', 'Q3', 'Q4'] };

  it('hides a second quarter when one is small, so the year minus the others gives nothing back', () => {
    const result = suppressLinked(counts({ Y: 35, Q1: 14, Q2: 11, Q3: 7, Q4: 3 }), [year], 5);
    expect(decided(result)).toEqual({ Y: 35, Q1: 14, Q2: 11, Q3: 'COMPLEMENTARY', Q4: 'BELOW_THRESHOLD' });
  });

  it('follows sums through several levels until nothing can be worked out', () => {
    // Months inside Q4 and quarters inside the year: hiding October makes Q4 need a second month hidden too.
    const nodes = counts({ Y: 40, Q1: 10, Q2: 10, Q3: 10, Q4: 10, M10: 2, M11: 4, M12: 4 });
    const result = suppressLinked(nodes, [year, { total: 'Q4', parts: ['M10', 'M11', 'M12'] }], 3);
    expect(decided(result)).toEqual({ Y: 40, Q1: 10, Q2: 10, Q3: 10, Q4: 10, M10: 'BELOW_THRESHOLD', M11: 'COMPLEMENTARY', M12: 4 });
  });

  it('hides a part when a withheld total would be the sum of shown parts, and never changes fixed figures', () => {
    const fixed = new Map<string, Disclosure>([['T', { suppressed: true, reason: 'COMPLEMENTARY' }]]);
    const result = suppressLinked(counts({ T: 50, F: 30, M: 20 }), [{ total: 'T', parts: ['F', 'M'] }], 5, fixed);
    expect(decided(result)).toEqual({ T: 'COMPLEMENTARY', F: 30, M: 'COMPLEMENTARY' });
    const shownTotal = new Map<string, Disclosure>([['T', { suppressed: false, value: 9 }]]);
    expect(decided(suppressLinked(counts({ T: 9, F: 9, M: 0, X: 0 }), [{ total: 'T', parts: ['F', 'M', 'X'] }], 10, shownTotal))).toEqual({
      T: 9,
      F: 'BELOW_THRESHOLD',
      M: 'COMPLEMENTARY',
      X: 0,
    });
  });

  it('judges deliveries by the people behind them', () => {
    const nodes = new Map<string, CountNode>([
      ['ALL', { count: 40, people: 12 }],
      ['REHAB', { count: 18, people: 2 }],
      ['LEGAL', { count: 22, people: 10 }],
    ]);
    expect(decided(suppressLinked(nodes, [{ total: 'ALL', parts: ['REHAB', 'LEGAL'] }], 5))).toEqual({
      ALL: 40,
      REHAB: 'BELOW_THRESHOLD',
      LEGAL: 'COMPLEMENTARY',
    });
  });

  it('hides from a member what others put in a figure when that is small, and covers it with a part others contributed to', () => {
    // The member served 6 women, 2 men and the 5 people of X itself; the others served 2 women and 10 men.
    const nodes = new Map<string, CountNode>([
      ['T', { count: 25, people: 25, own: { count: 13, people: 13 } }],
      ['F', { count: 8, people: 8, own: { count: 6, people: 6 } }],
      ['M', { count: 12, people: 12, own: { count: 2, people: 2 } }],
      ['U', { count: 0, people: 0, own: { count: 0, people: 0 } }],
      ['X', { count: 5, people: 5, own: { count: 5, people: 5 } }],
    ]);
    const partition = [{ total: 'T', parts: ['F', 'M', 'U', 'X'] }];
    // X, the smallest other part, is all the member's own: hiding it would hide nothing from the member, so M goes with F.
    expect(decided(suppressLinked(nodes, partition, 5))).toEqual({ T: 25, F: 'OTHERS_BELOW_THRESHOLD', M: 'COMPLEMENTARY', U: 0, X: 5 });

    // Whoever contributed nothing (a funder) sees every figure, as before.
    const strangers = new Map([...nodes].map(([key, node]): [string, CountNode] => [key, { count: node.count, people: node.people }]));
    expect(decided(suppressLinked(strangers, partition, 5))).toEqual({ T: 25, F: 8, M: 12, U: 0, X: 5 });
  });
});

describe('derive', () => {
  const value = (v: number): Disclosure => ({ suppressed: false, value: v });
  it('suppresses anything computed from a suppressed count', () => {
    expect(derive([value(10), { suppressed: true, reason: 'BELOW_THRESHOLD' }], (a, b) => a / b)).toEqual({
      suppressed: true,
      reason: 'DERIVED_FROM_SUPPRESSED',
    });
    expect(derive([value(10), value(4)], (a, b) => a / b)).toEqual(value(2.5));
  });
});

describe('progressPercent', () => {
  it('measures from the baseline in either direction, or as a share of the target without one', () => {
    expect(progressPercent(60, 100, 20, true)).toBe(50);
    expect(progressPercent(30, 10, 50, false)).toBe(50);
    expect(progressPercent(25, 100, null, true)).toBe(25);
    expect(progressPercent(20, 10, null, false)).toBe(50);
    expect(progressPercent(5, 0, null, true)).toBeNull();
  });
});
