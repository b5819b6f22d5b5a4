import { describe, expect, it } from 'vitest';
import { chineseNumber, dayBefore, formatDate, todayShanghai } from '@/utils/format';
import { termLabel } from '@/views/org/termLabel';
import { i18n } from '@/i18n';

describe('format helpers', () => {
  it('writes term numbers in Chinese', () => {
    expect([1, 9, 10, 11, 19, 20, 21, 99, 100, 105, 110, 120].map(chineseNumber)).toEqual([
      '一',
      '九',
      '十',
      '十一',
      '十九',
      '二十',
      '二十一',
      '九十九',
      '一百',
      '一百零五',
      '一百一十',
      '一百二十',
    ]);
    const t = i18n.global.t as unknown as (key: string, params: Record<string, unknown>) => string;
    expect(termLabel(t, 10)).toBe('第十届');
  });

  it('finds the day before across months, years and leap days', () => {
    expect(dayBefore('2026-12-20')).toBe('2026-12-19');
    expect(dayBefore('2027-01-01')).toBe('2026-12-31');
    expect(dayBefore('2024-03-01')).toBe('2024-02-29');
    expect(dayBefore('2023-03-01')).toBe('2023-02-28');
  });

  it('shows dates as YYYY-MM-DD and today in Shanghai', () => {
    expect(formatDate('2024-05-01')).toBe('2024-05-01');
    expect(formatDate(null)).toBe('—');
    // 2024-01-01 17:00 UTC is already 2 January in Shanghai.
    expect(todayShanghai(Date.UTC(2024, 0, 1, 17))).toBe('2024-01-02');
  });
});
