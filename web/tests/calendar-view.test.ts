import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, type VueWrapper } from '@vue/test-utils';
import CalendarView from '@/views/calendar/CalendarView.vue';
import { visibleMenu } from '@/layouts/menu';
import { jsonResponse, mockFetch } from './helpers';
import { byPath, mountView, pathOf, queryOf, settle } from './views-helpers';

vi.setConfig({ testTimeout: 30000 });

const year2025 = {
  year: 2025,
  workdays: 248,
  days: [
    { day: '2025-01-01', is_workday: false, name: '元旦' },
    { day: '2025-01-26', is_workday: true, name: '春节调休上班' },
    { day: '2025-01-28', is_workday: false, name: '春节' },
  ],
};

let wrapper: VueWrapper | null = null;
afterEach(() => {
  wrapper?.unmount();
  wrapper = null;
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

/** Mounts the page as if today were in `year` (the page opens on the current year). */
async function mountCalendar(permissions: string[], year = 2025) {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(`${year}-06-01T04:00:00Z`));
  const mounted = await mountView(CalendarView, { permissions });
  vi.useRealTimers();
  wrapper = mounted.wrapper;
  return mounted.wrapper;
}

const cell = (view: VueWrapper, day: string) => view.get(`[data-day="${day}"]`);

describe('calendar view', () => {
  it('shows twelve months, the working-day count and the marked days read-only without calendar.manage', async () => {
    const { calls } = mockFetch(byPath({ 'GET /calendar': () => jsonResponse(200, year2025) }));
    const view = await mountCalendar([]);
    expect(queryOf(calls[0]!)).toEqual({ year: '2025' });
    expect(view.findAll('table.month')).toHaveLength(12);
    expect(view.findAll('caption').map((c) => c.text())[0]).toBe('1月');
    expect(view.get('[data-test="workdays"]').text()).toBe('2025 年共有 248 个工作日');
    expect(cell(view, '2025-01-28').classes()).toContain('holiday');
    expect(cell(view, '2025-01-28').text()).toContain('春节');
    expect(cell(view, '2025-01-26').classes()).toContain('adjusted');
    expect(cell(view, '2025-01-25').classes()).toContain('weekend');
    expect(cell(view, '2025-01-27').classes()).toContain('workday');
    expect(view.find('button.day').exists()).toBe(false);
    expect(view.find('[data-test="estimated"]').exists()).toBe(false);
  });

  it('lets calendar.manage holders set and reset a day', async () => {
    const { calls } = mockFetch(
      byPath({
        'GET /calendar': () => jsonResponse(200, year2025),
        'PUT /calendar/days/2025-01-27': () =>
          jsonResponse(200, { day: '2025-01-27', is_workday: false, name: '临时休息' }),
        'DELETE /calendar/days/2025-01-28': () => new Response(null, { status: 204 }),
      }),
    );
    const view = await mountCalendar(['calendar.manage']);
    const monday = cell(view, '2025-01-27');
    expect(monday.element.tagName).toBe('BUTTON');
    expect(monday.attributes('aria-label')).toBe('2025-01-27，星期一，工作日');
    expect(cell(view, '2025-01-28').attributes('aria-label')).toBe('2025-01-28，星期二，春节（放假）');

    await monday.trigger('click');
    await flushPromises();
    expect(view.find('[data-test="reset"]').exists()).toBe(false);
    await view.get('input[data-test="name"]').setValue('临时休息');
    await view.get('[data-test="save"]').trigger('click');
    await flushPromises();
    const put = calls.find((c) => c.method === 'PUT')!;
    expect(pathOf(put)).toBe('/calendar/days/2025-01-27');
    expect(put.body).toEqual({ is_workday: false, name: '临时休息' });
    expect(calls.filter((c) => c.method === 'GET')).toHaveLength(2);

    await cell(view, '2025-01-28').trigger('click');
    await flushPromises();
    await view.get('[data-test="reset"]').trigger('click');
    await flushPromises();
    expect(calls.some((c) => c.method === 'DELETE' && pathOf(c) === '/calendar/days/2025-01-28')).toBe(true);
  });

  it('changes the year with the arrows', async () => {
    const { calls } = mockFetch(
      byPath({
        'GET /calendar': (c) => jsonResponse(200, { ...year2025, year: Number(queryOf(c).year), days: [] }),
      }),
    );
    const view = await mountCalendar([]);
    await view.get('[data-test="next-year"]').trigger('click');
    await flushPromises();
    await view.get('[data-test="prev-year"]').trigger('click');
    await view.get('[data-test="prev-year"]').trigger('click');
    await flushPromises();
    expect(calls.map((c) => queryOf(c).year)).toEqual(['2025', '2026', '2025', '2024']);
    expect(view.find('[data-test="year"] [aria-label="年份"]').exists()).toBe(true);
    expect(view.get('[data-test="prev-year"]').attributes('aria-label')).toBe('上一年');
  });

  it('shows the server field error in the dialog', async () => {
    mockFetch(
      byPath({
        'GET /calendar': () => jsonResponse(200, year2025),
        'PUT /calendar/days/2025-01-27': () =>
          jsonResponse(422, {
            error: {
              code: 'request.validation_failed',
              message: '输入有误',
              details: { fields: { name: '名称不能超过 32 个字符' } },
            },
          }),
      }),
    );
    const view = await mountCalendar(['calendar.manage']);
    await cell(view, '2025-01-27').trigger('click');
    await flushPromises();
    await view.get('[data-test="save"]').trigger('click');
    await settle();
    expect(view.text()).toContain('名称不能超过 32 个字符');
    expect(view.find('[data-test="save"]').isVisible()).toBe(true);
  });

  it('warns when a year only has its statutory holidays', async () => {
    mockFetch(
      byPath({
        'GET /calendar': () =>
          jsonResponse(200, {
            year: 2027,
            workdays: 254,
            days: [
              { day: '2027-02-05', is_workday: false, name: '春节（法定假日，调休待国务院通知公布后补录）' },
            ],
          }),
      }),
    );
    const view = await mountCalendar([], 2027);
    expect(view.get('[data-test="estimated"]').text()).toContain('尚未公布');
    expect(view.get('[data-day="2027-02-05"]').text()).toContain('春节');
    expect(view.get('[data-day="2027-02-05"]').text()).not.toContain('补录');
  });

  it('is in the menu of calendar.manage holders only (the page itself is open to everyone)', () => {
    const paths = (perms: string[]) => visibleMenu((p) => perms.includes(p)).map((i) => i.path);
    expect(paths(['calendar.manage'])).toContain('/calendar');
    expect(paths([])).not.toContain('/calendar');
  });
});
