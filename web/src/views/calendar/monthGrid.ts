// Month grids of the working-day calendar: weeks start on Monday (as in China), each day classified
// by the Monday–Friday rule and the calendar's exceptions. Dates are computed in UTC so that the
// browser's time zone never shifts a day.
import type { CalendarDay } from '@/api/calendar';

/**
 * - `workday`: a working day by the weekday rule (or restated by an exception)
 * - `weekend`: Saturday/Sunday without an exception
 * - `holiday`: a day off by the calendar (public holiday, any weekday)
 * - `adjusted`: a Saturday/Sunday made a working day (调休上班)
 */
export type DayKind = 'workday' | 'weekend' | 'holiday' | 'adjusted';

export interface DayCell {
  /** 'YYYY-MM-DD' */
  day: string;
  /** Day of the month, 1–31. */
  date: number;
  /** 0 = Monday … 6 = Sunday. */
  weekday: number;
  kind: DayKind;
  isWorkday: boolean;
  /** The exception's name ('' when none). */
  name: string;
  /** True when the calendar has a row for this day (it can be reset). */
  hasException: boolean;
}

export interface MonthGrid {
  year: number;
  /** 1–12 */
  month: number;
  /** Empty cells before the 1st (0 when the month starts on a Monday). */
  offset: number;
  /** Rows of 7 cells, null = outside the month. */
  weeks: (DayCell | null)[][];
}

const pad = (n: number) => String(n).padStart(2, '0');

export function isoDay(year: number, month: number, date: number): string {
  return `${year}-${pad(month)}-${pad(date)}`;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** 0 = Monday … 6 = Sunday. */
export function weekdayOf(year: number, month: number, date: number): number {
  return (new Date(Date.UTC(year, month - 1, date)).getUTCDay() + 6) % 7;
}

export function exceptionMap(days: readonly CalendarDay[]): Map<string, CalendarDay> {
  return new Map(days.map((d) => [d.day, d]));
}

export function classify(
  year: number,
  month: number,
  date: number,
  exceptions: ReadonlyMap<string, CalendarDay>,
): DayCell {
  const day = isoDay(year, month, date);
  const weekday = weekdayOf(year, month, date);
  const weekend = weekday >= 5;
  const exception = exceptions.get(day);
  const isWorkday = exception ? exception.is_workday : !weekend;
  let kind: DayKind;
  if (!isWorkday) kind = exception ? 'holiday' : 'weekend';
  else kind = weekend ? 'adjusted' : 'workday';
  return { day, date, weekday, kind, isWorkday, name: exception?.name ?? '', hasException: !!exception };
}

export function buildMonth(
  year: number,
  month: number,
  exceptions: ReadonlyMap<string, CalendarDay>,
): MonthGrid {
  const offset = weekdayOf(year, month, 1);
  const cells: (DayCell | null)[] = Array.from({ length: offset }, () => null);
  const count = daysInMonth(year, month);
  for (let date = 1; date <= count; date++) cells.push(classify(year, month, date, exceptions));
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: (DayCell | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return { year, month, offset, weeks };
}

export function buildYear(year: number, days: readonly CalendarDay[]): MonthGrid[] {
  const exceptions = exceptionMap(days);
  return Array.from({ length: 12 }, (_, i) => buildMonth(year, i + 1, exceptions));
}

/** Working days of a year as the grids show them (the server's count must agree). */
export function countWorkdays(months: readonly MonthGrid[]): number {
  let count = 0;
  for (const m of months) {
    for (const week of m.weeks) for (const cell of week) if (cell?.isWorkday) count++;
  }
  return count;
}
