import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount, type DOMWrapper, type VueWrapper } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { createMemoryHistory, createRouter } from 'vue-router';
import { defineComponent } from 'vue';
import { i18n } from '@/i18n';
import { useAuthStore } from '@/stores/auth';
import type { Me } from '@/api/types';
import { setCsrfToken } from '@/api/client';
import {
  approveCommendation,
  candidateId,
  commendationInput,
  createCommendation,
  deleteCommendation,
  listCommendationCandidates,
  listCommendations,
  rejectCommendation,
  type Commendation,
} from '@/api/commendations';
import {
  commendationRouteQuery,
  commendationTarget,
  commendationsFromRouteQuery,
  currentYear,
  yearChoices,
} from '@/views/proposals/commendations';
import CommendationsView from '@/views/proposals/CommendationsView.vue';
import { apiError, jsonResponse, meBody, mockFetch, type Call } from './helpers';
import { byPath, pathOf, queryOf, settle } from './views-helpers';

vi.setConfig({ testTimeout: 30000 });

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
});

function item(overrides: Partial<Commendation> = {}): Commendation {
  return {
    id: 1,
    kind: 'excellent_proposal',
    kind_name: '优秀提案',
    year: 2021,
    proposal: {
      id: 5,
      number_label: '第0012号',
      title: '关于加强社区养老服务的建议',
      proposer_label: '王小明、李华',
    },
    unit: null,
    reason: '建议被采纳，成效明显',
    state: 'proposed',
    state_name: '待审批',
    proposed_by_name: '张干事',
    proposed_at: 1700000000,
    decided_by_name: null,
    decided_at: null,
    decision_comment: null,
    actions: [],
    ...overrides,
  };
}

const UNIT_ITEM = item({
  id: 2,
  kind: 'model_unit',
  kind_name: '先进承办单位',
  proposal: null,
  unit: { id: 31, name: '区教育局' },
  reason: '按时办复率高',
  state: 'rejected',
  state_name: '未批准',
  decided_by_name: '李主席',
  decided_at: 1700100000,
  decision_comment: '再评',
});

describe('commendation helpers', () => {
  it('reads the year and the tab from the address', () => {
    expect(commendationsFromRouteQuery({}, 2025)).toEqual({ year: 2025, kind: 'excellent_proposal' });
    expect(commendationsFromRouteQuery({ year: '2021', kind: 'model_unit' }, 2025)).toEqual({
      year: 2021,
      kind: 'model_unit',
    });
    expect(commendationsFromRouteQuery({ year: '3000', kind: 'other' }, 2025)).toEqual({
      year: 2025,
      kind: 'excellent_proposal',
    });
    expect(commendationsFromRouteQuery({ year: '20x1' }, 2025).year).toBe(2025);
    expect(commendationRouteQuery({ year: 2021, kind: 'excellent_proposal' })).toEqual({ year: '2021' });
    expect(commendationRouteQuery({ year: 2021, kind: 'model_unit' })).toEqual({
      year: '2021',
      kind: 'model_unit',
    });
  });

  it('offers this year and nine before it, plus the one shown', () => {
    expect(yearChoices(2025, 2025)).toEqual([2025, 2024, 2023, 2022, 2021, 2020, 2019, 2018, 2017, 2016]);
    expect(yearChoices(2025, 2001)).toHaveLength(11);
    expect(yearChoices(2025, 2001).at(-1)).toBe(2001);
    // Asia/Shanghai: 2024-12-31 17:00 UTC is already 2025 there.
    expect(currentYear(Date.UTC(2024, 11, 31, 17))).toBe(2025);
    expect(currentYear(Date.UTC(2024, 11, 31, 15))).toBe(2024);
  });

  it('names what was recommended', () => {
    expect(commendationTarget(item())).toBe('第0012号《关于加强社区养老服务的建议》');
    expect(
      commendationTarget(item({ proposal: { id: 5, number_label: '', title: '题', proposer_label: '' } })),
    ).toBe('《题》');
    expect(commendationTarget(UNIT_ITEM)).toBe('区教育局');
  });

  it('speaks the API as the contract says', async () => {
    setCsrfToken('csrf-1');
    const { calls } = mockFetch((call) =>
      call.method === 'DELETE' ? new Response(null, { status: 204 }) : jsonResponse(200, { items: [] }),
    );
    await listCommendations(2021);
    await listCommendations(2021, 'model_unit');
    await listCommendationCandidates(2021, 'excellent_proposal');
    await createCommendation(commendationInput('excellent_proposal', 2021, 5, '理由'));
    await createCommendation(commendationInput('model_unit', 2021, 31, '理由'));
    await approveCommendation(1);
    await approveCommendation(1, '同意');
    await rejectCommendation(1, '再评');
    await deleteCommendation(1);
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      'GET /api/v1/commendations?year=2021',
      'GET /api/v1/commendations?year=2021&kind=model_unit',
      'GET /api/v1/commendations/candidates?year=2021&kind=excellent_proposal',
      'POST /api/v1/commendations',
      'POST /api/v1/commendations',
      'POST /api/v1/commendations/1/approve',
      'POST /api/v1/commendations/1/approve',
      'POST /api/v1/commendations/1/reject',
      'DELETE /api/v1/commendations/1',
    ]);
    expect(calls.slice(3).map((c) => c.body)).toEqual([
      { kind: 'excellent_proposal', year: 2021, proposal_id: 5, reason: '理由' },
      { kind: 'model_unit', year: 2021, unit_id: 31, reason: '理由' },
      {},
      { comment: '同意' },
      { comment: '再评' },
      undefined,
    ]);
    expect(calls[3]!.headers['X-CSRF-Token']).toBe('csrf-1');
    expect(candidateId({ unit_id: 31, label: '', detail: '', already: false })).toBe(31);
  });
});

// ---- The page ----

function listBody(items: Commendation[], can: { propose?: boolean; approve?: boolean } = {}) {
  return { year: 2021, items, can_propose: !!can.propose, can_approve: !!can.approve };
}

const CANDIDATES = {
  items: [
    { proposal_id: 5, label: '第0012号 关于加强社区养老服务的建议', detail: '王小明', already: true },
    { proposal_id: 6, label: '第0013号 关于完善垃圾分类的建议', detail: '李华', already: false },
  ],
};

async function mountPage(
  handlers: Record<string, (call: Call) => Response>,
  path = '/proposals/commendations?year=2021',
) {
  const fetched = mockFetch(byPath(handlers));
  const pinia = createPinia();
  setActivePinia(pinia);
  useAuthStore().me = meBody({ permissions: ['proposal.view_all'], roles: ['staff'] }) as unknown as Me;
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/proposals/commendations', name: 'proposal-commendations', component: CommendationsView },
      { path: '/:p(.*)*', component: defineComponent({ template: '<div />' }) },
    ],
  });
  await router.push(path);
  const wrapper = mount(CommendationsView, { global: { plugins: [pinia, router, i18n] } });
  await flushPromises();
  return { wrapper, router, calls: fetched.calls };
}

const rows = (wrapper: VueWrapper) => wrapper.findAll('[data-test="commendations-table"] .el-table__body tr');

function formItem(scope: DOMWrapper<Element>, label: string) {
  const found = scope.findAll('.el-form-item').find((i) => i.find('label').text() === label);
  if (!found) throw new Error(`no form item ${label}`);
  return found;
}

describe('commendations view', () => {
  it('lists the year by tab, with state tags, and keeps year and tab in the address', async () => {
    const { wrapper, router, calls } = await mountPage({
      'GET /commendations': () => jsonResponse(200, listBody([item(), UNIT_ITEM])),
    });
    expect(queryOf(calls[0]!)).toEqual({ year: '2021' });
    expect(wrapper.find('[data-test="tab-excellent_proposal"]').text()).toBe('优秀提案（1）');
    expect(wrapper.find('[data-test="tab-model_unit"]').text()).toBe('先进承办单位（1）');
    expect(rows(wrapper)).toHaveLength(1);
    expect(rows(wrapper)[0]!.text()).toContain('第0012号');
    expect(rows(wrapper)[0]!.find('a').attributes('href')).toBe('/proposals/5');
    expect(rows(wrapper)[0]!.find('[data-test="state-tag"]').text()).toBe('待审批');
    // No actions for this caller: no buttons, no 推荐.
    expect(wrapper.find('[data-test="recommend"]').exists()).toBe(false);
    expect(wrapper.findAll('[data-test="approve"]')).toHaveLength(0);

    const tab = wrapper.findAll('[role="tab"]').find((t) => t.text().startsWith('先进承办单位'))!;
    await tab.trigger('click');
    await flushPromises();
    expect(router.currentRoute.value.query).toEqual({ year: '2021', kind: 'model_unit' });
    expect(rows(wrapper)[0]!.text()).toContain('区教育局');
    expect(rows(wrapper)[0]!.find('[data-test="state-tag"]').text()).toBe('未批准');
    expect(rows(wrapper)[0]!.text()).toContain('再评');

    (wrapper.findComponent('[data-test="pick-year"]') as VueWrapper).vm.$emit('change', 2020);
    await flushPromises();
    expect(router.currentRoute.value.query).toEqual({ year: '2020', kind: 'model_unit' });
    expect(queryOf(calls.at(-1)!)).toEqual({ year: '2020' });
  });

  it('shows the empty state of the tab', async () => {
    const { wrapper } = await mountPage({
      'GET /commendations': () => jsonResponse(200, listBody([], { propose: true })),
    });
    expect(wrapper.find('[data-test="commendations-empty"]').text()).toContain(
      '2021年还没有推荐的优秀提案，可点击“推荐”添加',
    );
  });

  it('lets staff recommend: candidates (already ones disabled), reason required, server field errors', async () => {
    let answer: (call: Call) => Response = () =>
      apiError(422, 'validation.failed', '输入有误', { fields: { reason: '推荐理由过短' } });
    const { wrapper, calls } = await mountPage({
      'GET /commendations': () => jsonResponse(200, listBody([], { propose: true })),
      'GET /commendations/candidates': () => jsonResponse(200, CANDIDATES),
      'POST /commendations': (call) => answer(call),
    });
    await wrapper.find('[data-test="recommend"]').trigger('click');
    await flushPromises();
    const candidatesCall = calls.find((c) => pathOf(c) === '/commendations/candidates')!;
    expect(queryOf(candidatesCall)).toEqual({ year: '2021', kind: 'excellent_proposal' });
    const select = wrapper.findComponent('[data-test="candidate"]') as VueWrapper;
    const options = select.findAllComponents({ name: 'ElOption' });
    expect(options.map((o) => o.props('disabled'))).toEqual([true, false]);

    // Nothing chosen, no reason: the form says so and nothing is sent.
    const dialog = wrapper.find('[data-test="recommend-dialog"]');
    await wrapper.find('[data-test="recommend-save"]').trigger('click');
    await settle();
    expect(formItem(dialog, '提案').find('.el-form-item__error').text()).toBe('请选择推荐对象');
    expect(formItem(dialog, '推荐理由').find('.el-form-item__error').text()).toBe('请填写推荐理由');
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    select.vm.$emit('update:modelValue', 6);
    await wrapper.find('textarea[data-test="reason"]').setValue('  建议被采纳  ');
    await wrapper.find('[data-test="recommend-save"]').trigger('click');
    await settle();
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.body).toEqual({
      kind: 'excellent_proposal',
      year: 2021,
      proposal_id: 6,
      reason: '建议被采纳',
    });
    expect(formItem(dialog, '推荐理由').find('.el-form-item__error').text()).toBe('推荐理由过短');

    // A duplicate (409, no field details) belongs to the candidate.
    answer = () => apiError(409, 'commendation.duplicate', '该提案已被推荐');
    await wrapper.find('[data-test="recommend-save"]').trigger('click');
    await settle();
    expect(formItem(dialog, '提案').find('.el-form-item__error').text()).toBe('该提案已被推荐');

    answer = () => jsonResponse(201, item({ id: 9 }));
    await wrapper.find('[data-test="recommend-save"]').trigger('click');
    await settle();
    expect(document.body.textContent).toContain('已推荐');
    expect(calls.filter((c) => pathOf(c) === '/commendations' && c.method === 'GET')).toHaveLength(2);
  });

  it('lets a leader approve, and reject only with a comment, following each row’s actions', async () => {
    const { wrapper, calls } = await mountPage({
      'GET /commendations': () =>
        jsonResponse(
          200,
          listBody(
            [
              item({ actions: ['approve', 'reject'] }),
              item({ id: 3, state: 'approved', state_name: '已批准', actions: [] }),
            ],
            { approve: true },
          ),
        ),
      'POST /commendations/1/approve': () => jsonResponse(200, item({ state: 'approved' })),
      'POST /commendations/1/reject': () => jsonResponse(200, item({ state: 'rejected' })),
    });
    expect(rows(wrapper)[0]!.find('[data-test="approve"]').exists()).toBe(true);
    expect(rows(wrapper)[0]!.find('[data-test="reject"]').exists()).toBe(true);
    expect(rows(wrapper)[1]!.find('[data-test="approve"]').exists()).toBe(false);
    expect(rows(wrapper)[1]!.find('[data-test="state-tag"]').text()).toBe('已批准');
    expect(wrapper.find('[data-test="delete"]').exists()).toBe(false);

    await rows(wrapper)[0]!.find('[data-test="reject"]').trigger('click');
    await flushPromises();
    const dialog = wrapper.find('[data-test="decision-dialog"]');
    expect(dialog.text()).toContain('推荐对象：第0012号《关于加强社区养老服务的建议》');
    await wrapper.find('[data-test="decision-save"]').trigger('click');
    await settle();
    expect(formItem(dialog, '审批意见').find('.el-form-item__error').text()).toBe('不批准时请填写审批意见');
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    await wrapper.find('textarea[data-test="comment"]').setValue('再评');
    await wrapper.find('[data-test="decision-save"]').trigger('click');
    await settle();
    expect(calls.find((c) => pathOf(c) === '/commendations/1/reject')!.body).toEqual({ comment: '再评' });

    await rows(wrapper)[0]!.find('[data-test="approve"]').trigger('click');
    await flushPromises();
    await wrapper.find('[data-test="decision-save"]').trigger('click');
    await settle();
    expect(calls.find((c) => pathOf(c) === '/commendations/1/approve')!.body).toEqual({});
    expect(document.body.textContent).toContain('已批准');
  });

  it('deletes after confirmation and shows a refusal', async () => {
    let refuse = false;
    const { wrapper, calls } = await mountPage({
      'GET /commendations': () =>
        jsonResponse(200, listBody([item({ actions: ['delete'] })], { propose: true })),
      'DELETE /commendations/1': () =>
        refuse
          ? apiError(409, 'commendation.invalid_state', '已批准的推荐不能删除')
          : new Response(null, { status: 204 }),
    });
    const confirm = rows(wrapper)[0]!.findComponent({ name: 'ElPopconfirm' });
    expect(confirm.props('title')).toBe('删除对“第0012号《关于加强社区养老服务的建议》”的推荐？');
    confirm.vm.$emit('confirm', new MouseEvent('click'));
    await flushPromises();
    expect(calls.filter((c) => c.method === 'DELETE')).toHaveLength(1);
    expect(calls.filter((c) => c.method === 'GET')).toHaveLength(2);

    refuse = true;
    rows(wrapper)[0]!.findComponent({ name: 'ElPopconfirm' }).vm.$emit('confirm', new MouseEvent('click'));
    await flushPromises();
    expect(document.body.textContent).toContain('已批准的推荐不能删除');
  });

  it('shows a load error with a retry', async () => {
    let fail = true;
    const { wrapper } = await mountPage({
      'GET /commendations': () =>
        fail ? apiError(503, 'server.unavailable', '服务暂时不可用') : jsonResponse(200, listBody([item()])),
    });
    expect(wrapper.find('[role="alert"]').text()).toContain('服务暂时不可用');
    fail = false;
    await wrapper.find('[role="alert"] button').trigger('click');
    await flushPromises();
    expect(rows(wrapper)).toHaveLength(1);
  });
});
