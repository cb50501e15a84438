import { periodEnd, periodStart, periodStarts } from './periods';
import { PeriodType } from './program.enums';

describe('reporting periods', () => {
  it('finds the month, quarter and year a date falls in', () => {
    expect(periodStart('2026-08-17', PeriodType.MONTH)).toBe('2026-08-01');
    expect(periodStart('2026-08-17', PeriodType.QUARTER)).toBe('2026-07-01');
    expect(periodStart('2026-08-17', PeriodType.YEAR)).toBe('2026-01-01');
    expect(periodEnd('2028-02-01', PeriodType.MONTH)).toBe('2028-02-29');
    expect(periodEnd('2026-10-01', PeriodType.QUARTER)).toBe('2026-12-31');
    expect(periodEnd('2026-01-01', PeriodType.YEAR)).toBe('2026-12-31');
  });

  it('lists the periods that overlap a range', () => {
    expect(periodStarts('2026-02-15', '2026-08-01', PeriodType.QUARTER)).toEqual(['2026-01-01', '2026-04-01', '2026-07-01']);
    expect(periodStarts('2026-11-30', '2027-01-01', PeriodType.MONTH)).toEqual(['2026-11-01', '2026-12-01', '2027-01-01']);
  });

  it('stops one period past a maximum, and at the end of the year 9999', () => {
    expect(periodStarts('1953-12-20', '9999-12-31', PeriodType.YEAR, 60)).toHaveLength(61);
    expect(periodStarts('9998-06-01', '9999-12-31', PeriodType.YEAR)).toEqual(['9998-01-01', '9999-01-01']);
  });
});
