import { PeriodType } from './program.enums';

/** YYYY-MM-DD of the first day of the `type` period that `date` (YYYY-MM-DD) falls in. */
export function periodStart(date: string, type: PeriodType): string {
  const [year, month] = date.split('-').map(Number);
  const startMonth = type === PeriodType.MONTH ? month : type === PeriodType.QUARTER ? Math.floor((month - 1) / 3) * 3 + 1 : 1;
  return `${year}-${String(startMonth).padStart(2, '0')}-01`;
}

/** YYYY-MM-DD of the last day of the period that starts on `start`. */
export function periodEnd(start: string, type: PeriodType): string {
  const [year, month] = start.split('-').map(Number);
  const months = type === PeriodType.MONTH ? 1 : type === PeriodType.QUARTER ? 3 : 12;
  const last = new Date(Date.UTC(year, month - 1 + months, 0));
  return last.toISOString().slice(0, 10);
}

/**
 * The starts of every `type` period that overlaps [from, to], in order; at most `max + 1` of them,
 * so that a caller can refuse a range that is too long without walking all of it. Dates end with
 * the year 9999, as the LocalDate scalar does.
 */
export function periodStarts(from: string, to: string, type: PeriodType, max = Number.POSITIVE_INFINITY): string[] {
  const starts: string[] = [];
  for (let start = periodStart(from, type); start <= to && starts.length <= max; ) {
    starts.push(start);
    const next = new Date(`${periodEnd(start, type)}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    if (next.getUTCFullYear() > 9999) break;
    start = next.toISOString().slice(0, 10);
  }
  return starts;
}

export const isPeriodStart = (date: string, type: PeriodType) => periodStart(date, type) === date;
