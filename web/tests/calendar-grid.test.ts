import { describe, expect, it } from 'vitest';
import {
  buildMonth,
  buildYear,
  classify,
  countWorkdays,
  exceptionMap,
  weekdayOf,
} from '@/views/calendar/monthGrid';
import type { CalendarDay } from '@/api/calendar';

// Spring Festival 2025 (国办发明电〔2024〕12号): 1月28日至2月4日放假，1月26日（周日）、2月8日（周六）上班.
const spring2025: CalendarDay[] = [
  { day: '2025-01-26', is_workday: true, name: '春节调休上班' },
  ...['01-28', '01-29', '01-30', '01-31', '02-01', '02-02', '02-03', '02-04'].map((d) => ({
    day: `2025-${d}`,
    is_workday: false,
    name: '春节',
  })),
  { day: '2025-02-08', is_workday: true, name: '春节调休上班' },
];

describe('month grid', () => {
  it('starts the week on Monday with the right offset', () => {
    const none = exceptionMap([]);
    // 2025-01-01 is a Wednesday, 2024-04-01 a Monday, 2024-09-01 a Sunday.
    expect(buildMonth(2025, 1, none).offset).toBe(2);
    expect(buildMonth(2024, 4, none).offset).toBe(0);
    expect(buildMonth(2024, 9, none).offset).toBe(6);
    const jan = buildMonth(2025, 1, none);
    expect(jan.weeks[0]!.slice(0, 2)).toEqual([null, null]);
    expect(jan.weeks[0]![2]!.day).toBe('2025-01-01');
    expect(jan.weeks.every((w) => w.length === 7)).toBe(true);
    const days = jan.weeks.flat().filter((c) => c !== null);
    expect(days).toHaveLength(31);
    expect(days.at(-1)!.day).toBe('2025-01-31');
    expect(buildMonth(2024, 2, none).weeks.flat().filter(Boolean)).toHaveLength(29);
    expect(weekdayOf(2025, 1, 26)).toBe(6); // Sunday
  });

  it('classifies weekdays, weekends, holidays and adjusted working weekends', () => {
    const exceptions = exceptionMap(spring2025);
    expect(classify(2025, 1, 27, exceptions)).toMatchObject({ kind: 'workday', isWorkday: true, name: '' });
    expect(classify(2025, 1, 28, exceptions)).toMatchObject({
      kind: 'holiday',
      isWorkday: false,
      name: '春节',
      hasException: true,
    });
    // A holiday on a weekend is still shown as a (named) holiday.
    expect(classify(2025, 2, 1, exceptions)).toMatchObject({ kind: 'holiday', name: '春节' });
    // The adjusted Sunday is a working day.
    expect(classify(2025, 1, 26, exceptions)).toMatchObject({
      kind: 'adjusted',
      isWorkday: true,
      name: '春节调休上班',
    });
    expect(classify(2025, 1, 25, exceptions)).toMatchObject({ kind: 'weekend', isWorkday: false });
    expect(classify(2025, 2, 8, exceptions).kind).toBe('adjusted');
    expect(classify(2025, 2, 9, exceptions).kind).toBe('weekend');
  });

  it('counts the working days of a year', () => {
    // 2030 has no exceptions: 261 weekdays.
    expect(countWorkdays(buildYear(2030, []))).toBe(261);
    // 2025 without other holidays: 261 weekdays − 6 weekday holidays (1/28–1/31, 2/3, 2/4) + 2 adjusted.
    expect(countWorkdays(buildYear(2025, spring2025))).toBe(257);
    const months = buildYear(2024, []);
    expect(months).toHaveLength(12);
    expect(months.map((m) => m.month)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(countWorkdays(months)).toBe(262);
  });
});
