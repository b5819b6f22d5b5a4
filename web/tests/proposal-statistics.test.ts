import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { createMemoryHistory, createRouter } from 'vue-router';
import { defineComponent } from 'vue';
import { i18n } from '@/i18n';
import { useAuthStore } from '@/stores/auth';
import type { Me } from '@/api/types';
import { getProposalStats, type ProposalStats, type UnitStat } from '@/api/proposalStats';
import {
  categoryBarOption,
  classPieOption,
  compareRates,
  formatRate,
  isEmptyPeriod,
  periodFromRouteQuery,
  periodRouteQuery,
  rankUnits,
  shareOf,
  statLink,
  trendLineOption,
} from '@/views/proposals/statistics';
import StatisticsView from '@/views/proposals/StatisticsView.vue';
import EChart from '@/components/EChart.vue';
import { visibleMenu } from '@/layouts/menu';
import { createAppRouter } from '@/router';
import { apiError, jsonResponse, meBody, mockFetch } from './helpers';
import { byPath, pathOf, queryOf } from './views-helpers';

// The charts draw on a canvas, which happy-dom lacks: a stand-in records what they are given.
const charts = vi.hoisted(() => ({ options: [] as unknown[], disposed: 0, resized: 0 }));
vi.mock('echarts/core', () => ({
  use: () => undefined,
  init: () => ({
    setOption: (option: unknown) => charts.options.push(option),
    resize: () => {
      charts.resized++;
    },
    dispose: () => {
      charts.disposed++;
    },
  }),
}));

vi.setConfig({ testTimeout: 30000 });

afterEach(() => {
  vi.unstubAllGlobals();
  charts.options.length = 0;
  charts.disposed = 0;
  charts.resized = 0;
});

const YEAR_SCOPE = { year: 2021, session_id: null, label: '2021年' };
const SESSION_SCOPE = { year: null, session_id: 5, label: '八届五次会议' };

function unit(id: number, on: number | null, sat: number | null, extra: Partial<UnitStat> = {}): UnitStat {
  return {
    unit_id: id,
    unit_name: `单位${id}`,
    assigned: 10,
    replied: 8,
    on_time: 7,
    overdue: 1,
    rated: 5,
    satisfied: 4,
    on_time_rate: on,
    satisfaction_rate: sat,
    ...extra,
  };
}

function stats(overrides: Partial<ProposalStats> = {}): ProposalStats {
  return {
    scope: YEAR_SCOPE,
    years: [2022, 2021],
    sessions: [
      { id: 5, name: '八届五次会议' },
      { id: 4, name: '八届四次会议' },
    ],
    counts: [
      { stat: 'received', name: '收到提案', count: 120 },
      { stat: 'filed', name: '立案', count: 107 },
      { stat: 'overdue', name: '逾期未答复', count: 3 },
    ],
    rates: [
      {
        code: 'filing_rate',
        name: '立案率',
        definition: '立案数 ÷ 收到提案数',
        numerator: { stat: 'filed', name: '立案', count: 107 },
        denominator: { stat: 'received', name: '收到提案', count: 120 },
        rate: 0.8917,
      },
      {
        code: 'satisfaction_rate',
        name: '满意率',
        definition: '满意 ÷ 已评价',
        numerator: { stat: 'satisfied', name: '满意', count: 0 },
        denominator: { stat: 'rated', name: '已评价', count: 0 },
        rate: null,
      },
    ],
    classes: [
      { code: 'A', name: '所提问题已经解决或基本解决', count: 50, denominator: 100, rate: 0.5 },
      { code: 'B', name: '已列入计划逐步解决', count: 50, denominator: 100, rate: 0.5 },
    ],
    ratings: [
      { code: 'satisfied', name: '满意', count: 3 },
      { code: 'basically_satisfied', name: '基本满意', count: 1 },
      { code: 'dissatisfied', name: '不满意', count: 0 },
    ],
    by_unit: [unit(31, 1, 0.9), unit(32, 0.8, null)],
    by_category: [
      { id: 11, name: '经济', received: 60, filed: 55, replied: 40, closed: 30 },
      { id: 0, name: '未分类', received: 2, filed: 0, replied: 0, closed: 0 },
    ],
    by_sector: [
      { id: 21, name: '教育界', received: 30, filed: 28 },
      { id: 0, name: '集体提案/未填界别', received: 9, filed: 9 },
    ],
    trend: [
      { year: 2021, received: 120, filed: 107, replied: 90, closed: 80 },
      { year: 2022, received: 10, filed: 5, replied: 0, closed: 0 },
    ],
    ...overrides,
  };
}

describe('statistics helpers', () => {
  it('formats a rate as a percentage with one decimal, "—" without one', () => {
    expect(formatRate(0.8917)).toBe('89.2%');
    expect(formatRate(1)).toBe('100.0%');
    expect(formatRate(0)).toBe('0.0%');
    expect(formatRate(0.00049)).toBe('0.0%');
    expect(formatRate(0.0005)).toBe('0.1%');
    expect(formatRate(2 / 3)).toBe('66.7%');
    expect(formatRate(null)).toBe('—');
    expect(formatRate(undefined)).toBe('—');
    expect(formatRate(Number.NaN)).toBe('—');
  });

  it('reads the period from the address: a session wins, malformed values are dropped', () => {
    expect(periodFromRouteQuery({ year: '2021' })).toEqual({ year: 2021, session_id: null });
    expect(periodFromRouteQuery({ year: '2021', session_id: '5' })).toEqual({ year: null, session_id: 5 });
    expect(periodFromRouteQuery({ session_id: ['7'] })).toEqual({ year: null, session_id: 7 });
    expect(periodFromRouteQuery({ year: '21' })).toEqual({ year: null, session_id: null });
    expect(periodFromRouteQuery({ year: '2021x', session_id: '0' })).toEqual({
      year: null,
      session_id: null,
    });
    expect(periodFromRouteQuery({})).toEqual({ year: null, session_id: null });
    expect(periodRouteQuery({ year: 2021, session_id: null })).toEqual({ year: '2021' });
    expect(periodRouteQuery({ year: null, session_id: 5 })).toEqual({ session_id: '5' });
    expect(periodRouteQuery({ year: null, session_id: null })).toEqual({});
  });

  it('links a figure to the proposal list of the answered period, with the breakdown filter', () => {
    expect(statLink('filed', YEAR_SCOPE)).toEqual({
      path: '/proposals',
      query: { stat: 'filed', year: '2021' },
    });
    expect(statLink('received', SESSION_SCOPE)).toEqual({
      path: '/proposals',
      query: { stat: 'received', session_id: '5' },
    });
    expect(statLink('on_time', YEAR_SCOPE, { unit_id: 31 })).toEqual({
      path: '/proposals',
      query: { stat: 'on_time', year: '2021', unit_id: '31' },
    });
    expect(statLink('filed', SESSION_SCOPE, { category_id: 11 })).toEqual({
      path: '/proposals',
      query: { stat: 'filed', session_id: '5', category_id: '11' },
    });
    expect(statLink('received', YEAR_SCOPE, { sector_id: 21 })).toEqual({
      path: '/proposals',
      query: { stat: 'received', year: '2021', sector_id: '21' },
    });
    // A reply class is its own filter.
    expect(statLink(null, YEAR_SCOPE, { reply_class: 'A' })).toEqual({
      path: '/proposals',
      query: { year: '2021', reply_class: 'A' },
    });
    // 未分类 / 集体提案 (id 0) have no list to link to.
    expect(statLink('received', YEAR_SCOPE, { category_id: 0 })).toBeNull();
    expect(statLink('received', YEAR_SCOPE, { sector_id: 0 })).toBeNull();
    expect(statLink(null, YEAR_SCOPE, { reply_class: '' })).toBeNull();
  });

  it('ranks the league table in the given order, equal rates sharing a rank', () => {
    const ranked = rankUnits([
      unit(1, 1, 1),
      unit(2, 0.9, 0.8),
      unit(3, 0.9, 0.8),
      unit(4, 0.9, 0.7),
      unit(5, null, 0.5),
      unit(6, null, null),
      unit(7, null, null),
    ]);
    expect(ranked.map((u) => u.rank)).toEqual([1, 2, 2, 4, 5, null, null]);
    expect(ranked.map((u) => u.unit_id)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(rankUnits([])).toEqual([]);
    expect([0.5, null, 0.9, 0].sort(compareRates)).toEqual([null, 0, 0.5, 0.9]);
  });

  it('knows an empty period and computes shares', () => {
    expect(isEmptyPeriod(stats())).toBe(false);
    expect(isEmptyPeriod({ counts: [{ stat: 'received', name: '收到提案', count: 0 }] })).toBe(true);
    expect(isEmptyPeriod({ counts: [] })).toBe(true);
    expect(shareOf(1, 4)).toBe(0.25);
    expect(shareOf(0, 0)).toBeNull();
  });

  it('builds the chart options from the same figures as the tables', () => {
    const names = { received: '收到', filed: '立案', replied: '已答复', closed: '办结' };
    const bar = categoryBarOption(stats().by_category, names);
    expect(bar.xAxis).toMatchObject({ type: 'category', data: ['经济', '未分类'] });
    expect(bar.series).toEqual([
      { name: '收到', type: 'bar', data: [60, 2] },
      { name: '立案', type: 'bar', data: [55, 0] },
      { name: '已答复', type: 'bar', data: [40, 0] },
      { name: '办结', type: 'bar', data: [30, 0] },
    ]);
    const line = trendLineOption(stats().trend, names);
    expect(line.xAxis).toMatchObject({ data: ['2021', '2022'] });
    expect((line.series as { type: string; data: number[] }[])[0]).toMatchObject({
      type: 'line',
      data: [120, 10],
    });
    const pie = classPieOption('答复类别', stats().classes, (c) => `${c.code}类`);
    expect((pie.series as { data: unknown }[])[0]!.data).toEqual([
      { name: 'A类', value: 50 },
      { name: 'B类', value: 50 },
    ]);
  });

  it('asks GET /proposals/stats for a year or a session', async () => {
    const { calls } = mockFetch(() => jsonResponse(200, stats()));
    await getProposalStats({ year: 2021, session_id: null });
    await getProposalStats({ year: 2021, session_id: 5 });
    await getProposalStats({ year: null, session_id: null });
    expect(calls.map((c) => c.url)).toEqual([
      '/api/v1/proposals/stats?year=2021',
      '/api/v1/proposals/stats?session_id=5',
      '/api/v1/proposals/stats',
    ]);
  });
});

describe('statistics and commendation pages', () => {
  it('are in the menu and the router for proposal.view_all only', () => {
    const titles = (permissions: string[]) => visibleMenu((p) => permissions.includes(p)).map((i) => i.title);
    expect(titles(['proposal.view_all'])).toEqual(
      expect.arrayContaining(['proposalStats.title', 'commendations.title']),
    );
    expect(titles(['proposal.submit', 'proposal.handle'])).not.toContain('proposalStats.title');
    expect(titles(['proposal.submit', 'proposal.handle'])).not.toContain('commendations.title');
    const router = createAppRouter();
    const stats = router.resolve('/proposals/statistics?year=2021');
    expect(stats.name).toBe('proposal-statistics');
    expect(stats.meta.permission).toBe('proposal.view_all');
    const commendations = router.resolve('/proposals/commendations');
    expect(commendations.name).toBe('proposal-commendations');
    expect(commendations.meta.permission).toBe('proposal.view_all');
  });
});

describe('EChart', () => {
  it('draws the option, redraws on change, follows the window size and disposes', async () => {
    vi.stubGlobal('ResizeObserver', undefined);
    const option = { series: [{ type: 'pie' as const, data: [{ name: '满意', value: 3 }] }] };
    const wrapper = mount(EChart, { props: { option, label: '评价饼图' } });
    expect(wrapper.attributes('role')).toBe('img');
    expect(wrapper.attributes('aria-label')).toBe('评价饼图');
    expect(charts.options).toEqual([{ animation: true, ...option }]);
    await wrapper.setProps({ option: { series: [] } });
    expect(charts.options.at(-1)).toEqual({ animation: true, series: [] });
    window.dispatchEvent(new Event('resize'));
    expect(charts.resized).toBe(1);
    wrapper.unmount();
    expect(charts.disposed).toBe(1);
    window.dispatchEvent(new Event('resize'));
    expect(charts.resized).toBe(1);
  });
});

async function mountStats(path = '/proposals/statistics?year=2021') {
  const pinia = createPinia();
  setActivePinia(pinia);
  useAuthStore().me = meBody({ permissions: ['proposal.view_all'], roles: ['staff'] }) as unknown as Me;
  const Stub = defineComponent({ template: '<div />' });
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/proposals/statistics', name: 'proposal-statistics', component: StatisticsView },
      { path: '/:p(.*)*', component: Stub },
    ],
  });
  await router.push(path);
  const wrapper = mount(StatisticsView, { global: { plugins: [pinia, router, i18n] } });
  await flushPromises();
  return { wrapper, router };
}

const hrefs = (wrapper: VueWrapper, selector: string) =>
  wrapper.findAll(`${selector} a`).map((a) => a.attributes('href'));

describe('statistics view', () => {
  it('shows every rate with its fraction linked to the list behind it', async () => {
    const { calls } = mockFetch(() => jsonResponse(200, stats()));
    const { wrapper } = await mountStats();
    expect(calls.map((c) => c.url)).toEqual(['/api/v1/proposals/stats?year=2021']);
    expect(wrapper.find('[data-test="scope"]').text()).toBe('统计范围：2021年');

    const filing = wrapper.find('[data-test="rate-filing_rate"]');
    expect(filing.find('[data-test="rate-value"]').text()).toBe('89.2%');
    expect(filing.text()).toContain('计算方法：立案数 ÷ 收到提案数');
    const numerator = filing.find('a[aria-label="立案：107 件，查看这些提案"]');
    expect(numerator.text()).toBe('107');
    expect(numerator.attributes('href')).toBe('/proposals?stat=filed&year=2021');
    expect(filing.find('a[aria-label="收到提案：120 件，查看这些提案"]').attributes('href')).toBe(
      '/proposals?stat=received&year=2021',
    );

    const satisfaction = wrapper.find('[data-test="rate-satisfaction_rate"]');
    expect(satisfaction.find('[data-test="rate-value"]').text()).toBe('—');
    expect(satisfaction.text()).toContain('分母为 0，无法计算');

    expect(hrefs(wrapper, '[data-test="count-overdue"]')).toEqual(['/proposals?stat=overdue&year=2021']);
  });

  it('links the tables by unit, category, sector, reply class and year', async () => {
    mockFetch(() => jsonResponse(200, stats()));
    const { wrapper } = await mountStats();
    const unitRows = wrapper.findAll('[data-test="units-table"] .el-table__body tr');
    expect(unitRows).toHaveLength(2);
    expect(unitRows[0]!.text()).toContain('单位31');
    expect(unitRows[0]!.text()).toContain('100.0%');
    expect(unitRows[0]!.findAll('a').map((a) => a.attributes('href'))).toEqual([
      '/proposals?stat=assigned&year=2021&unit_id=31',
      '/proposals?stat=replied&year=2021&unit_id=31',
      '/proposals?stat=on_time&year=2021&unit_id=31',
      '/proposals?stat=overdue&year=2021&unit_id=31',
    ]);
    expect(unitRows[1]!.text()).toContain('80.0%');
    expect(unitRows[1]!.text()).toContain('—');

    const categoryRows = wrapper.findAll('[data-test="category-table"] .el-table__body tr');
    expect(categoryRows[0]!.find('a').attributes('href')).toBe(
      '/proposals?stat=received&year=2021&category_id=11',
    );
    // 未分类 cannot be filtered on: plain numbers.
    expect(categoryRows[1]!.findAll('a')).toHaveLength(0);
    expect(hrefs(wrapper, '[data-test="sectors-table"]')).toEqual([
      '/proposals?stat=received&year=2021&sector_id=21',
      '/proposals?stat=filed&year=2021&sector_id=21',
    ]);
    expect(hrefs(wrapper, '[data-test="classes-table"]')).toEqual([
      '/proposals?year=2021&reply_class=A',
      '/proposals?year=2021&reply_class=B',
    ]);
    expect(hrefs(wrapper, '[data-test="trend-table"]')[4]).toBe('/proposals?stat=received&year=2022');
    expect(wrapper.find('[data-test="ratings-table"]').text()).toContain('75.0%');
  });

  it('draws the charts as images described for screen readers', async () => {
    mockFetch(() => jsonResponse(200, stats()));
    const { wrapper } = await mountStats();
    const images = wrapper.findAll('[role="img"]');
    expect(images.map((i) => i.attributes('data-test'))).toEqual([
      'chart-category',
      'chart-classes',
      'chart-ratings',
      'chart-trend',
    ]);
    expect(images[0]!.attributes('aria-label')).toContain('各类别提案');
    expect(charts.options).toHaveLength(4);
    wrapper.unmount();
    expect(charts.disposed).toBe(4);
  });

  it('reloads for another year or session, keeping the choice in the address', async () => {
    const { calls } = mockFetch(
      byPath({
        '/proposals/stats': (call) =>
          jsonResponse(
            200,
            queryOf(call).session_id
              ? stats({ scope: SESSION_SCOPE })
              : stats({ scope: { year: 2022, session_id: null, label: '2022年' } }),
          ),
      }),
    );
    const { wrapper, router } = await mountStats();
    const yearPicker = wrapper.findComponent('[data-test="pick-year"]') as VueWrapper;
    yearPicker.vm.$emit('change', 2022);
    await flushPromises();
    expect(router.currentRoute.value.query).toEqual({ year: '2022' });
    expect(queryOf(calls.at(-1)!)).toEqual({ year: '2022' });
    expect(wrapper.find('[data-test="scope"]').text()).toBe('统计范围：2022年');

    const mode = wrapper.findComponent('[data-test="period-mode"]') as VueWrapper;
    mode.vm.$emit('change', 'session');
    await flushPromises();
    const sessionPicker = wrapper.findComponent('[data-test="pick-session"]') as VueWrapper;
    sessionPicker.vm.$emit('change', 5);
    await flushPromises();
    expect(router.currentRoute.value.query).toEqual({ session_id: '5' });
    expect(queryOf(calls.at(-1)!)).toEqual({ session_id: '5' });
    expect(wrapper.find('[data-test="rate-filing_rate"] a').attributes('href')).toBe(
      '/proposals?stat=filed&session_id=5',
    );
    expect(calls.every((c) => pathOf(c) === '/proposals/stats')).toBe(true);
  });

  it('says so when the period has no proposals', async () => {
    mockFetch(() =>
      jsonResponse(
        200,
        stats({
          scope: { year: 2023, session_id: null, label: '2023年' },
          counts: [{ stat: 'received', name: '收到提案', count: 0 }],
          by_unit: [],
          trend: [],
        }),
      ),
    );
    const { wrapper } = await mountStats('/proposals/statistics');
    expect(wrapper.find('[data-test="stats-empty"]').text()).toContain('2023年没有收到提案');
    expect(wrapper.find('[data-test="rate-filing_rate"]').exists()).toBe(false);
    expect(wrapper.find('[data-test="units-table"]').exists()).toBe(false);
  });

  it('shows a load error with a retry', async () => {
    let fail = true;
    const { calls } = mockFetch(() =>
      fail ? apiError(503, 'server.unavailable', '服务暂时不可用') : jsonResponse(200, stats()),
    );
    const { wrapper } = await mountStats();
    expect(wrapper.find('[role="alert"]').text()).toContain('服务暂时不可用');
    fail = false;
    await wrapper.find('[role="alert"] button').trigger('click');
    await flushPromises();
    expect(calls).toHaveLength(2);
    expect(wrapper.find('[role="alert"]').exists()).toBe(false);
    expect(wrapper.find('[data-test="rate-filing_rate"]').exists()).toBe(true);
  });
});
