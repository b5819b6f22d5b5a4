// The working-day calendar (docs/API.md "Working-day calendar"): a year's holidays and adjusted
// working weekends, edited by holders of calendar.manage.
import { api } from './client';

export interface CalendarDay {
  /** 'YYYY-MM-DD' */
  day: string;
  is_workday: boolean;
  /** 春节, 国庆节调休上班, … */
  name: string;
}

export interface CalendarYear {
  year: number;
  /** The year's exceptions to the Monday–Friday rule, in date order. */
  days: CalendarDay[];
  /** Working days in the year. */
  workdays: number;
}

export interface CalendarDayInput {
  is_workday: boolean;
  name: string;
}

/** The years the server accepts. */
export const MIN_CALENDAR_YEAR = 2000;
export const MAX_CALENDAR_YEAR = 2100;
/** Longest day name the server accepts. */
export const MAX_DAY_NAME = 32;

export function getCalendarYear(year: number) {
  return api.get<CalendarYear>('/calendar', { year });
}

export function setCalendarDay(day: string, input: CalendarDayInput) {
  return api.put<CalendarDay>(`/calendar/days/${encodeURIComponent(day)}`, {
    is_workday: input.is_workday,
    name: input.name.trim(),
  });
}

/** Resets the day: it follows the Monday–Friday rule again. */
export function clearCalendarDay(day: string) {
  return api.delete<void>(`/calendar/days/${encodeURIComponent(day)}`);
}

/** The `days`-th working day after `from` (what the deadlines use). */
export function nthWorkday(from: string, days: number) {
  return api.get<{ from: string; days: number; result: string }>('/calendar/workdays', { from, days });
}
