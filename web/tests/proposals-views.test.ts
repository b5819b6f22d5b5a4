import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { createMemoryHistory, createRouter, RouterView, type Router } from 'vue-router';
import { defineComponent, type Component } from 'vue';
import { i18n } from '@/i18n';
import { useAuthStore } from '@/stores/auth';
import type { Me } from '@/api/types';
import ProposalsView from '@/views/proposals/ProposalsView.vue';
import ProposalDetailView from '@/views/proposals/ProposalDetailView.vue';
import ProposalEditView from '@/views/proposals/ProposalEditView.vue';
import HomeView from '@/views/HomeView.vue';
import { todayShanghai } from '@/utils/format';
import { apiError, jsonResponse, meBody, mockFetch, type Call } from './helpers';
import { byPath, listOf, pathOf, queryOf, settle } from './views-helpers';

// Mounting views with many Element Plus parts takes a while in happy-dom.
vi.setConfig({ testTimeout: 30000 });

const OPTIONS = {
  sessions: [{ id: 2, name: '九届二次会议', is_current: true }],
  categories: [
    { id: 11, name: '经济' },
    { id: 12, name: '城建环资' },
  ],
  collectives: [],
  reply_classes: [
    { code: 'A', name: '所提问题已经解决或基本解决' },
    { code: 'B', name: '已列入计划逐步解决' },
  ],
  not_file_grounds: [{ code: 'personal', name: '涉及个人事务' }],
  dispositions: [{ code: 'member_letter', name: '转委员来信' }],
  contact_methods: [{ code: 'phone', name: '电话' }],
  units: [
    { id: 31, name: '区教育局' },
    { id: 32, name: '区卫健局' },
  ],
  leaders: [{ id: 41, display_name: '李主席' }],
  settings: {
    reply_months: 3,
    extended_months: 6,
    reassign_window_days: 5,
    due_soon_days: 15,
    max_attachment_mb: 20,
    max_attachments: 10,
  },
};

const SUMMARY = {
  id: 5,
  number: 12,
  number_label: '第0012号',
  session: { id: 2, name: '九届二次会议' },
  kind: 'plenary',
  proposer_kind: 'member',
  collective: null,
  first_proposer: { member_id: 1, name: '王小明' },
  proposer_names: '王小明、李华',
  title: '关于加强社区养老服务的建议',
  category: { id: 11, name: '经济' },
  state: 'handling',
  state_name: '办理中',
  is_key: true,
  is_published: false,
  deadline: '2020-01-10',
  overdue: true,
  units: [{ id: 31, name: '区教育局', role: 'lead' }],
  updated_at: 1700000000,
  submitted_at: 1690000000,
};

function detail(overrides: Record<string, unknown> = {}) {
  return {
    ...SUMMARY,
    state: 'submitted',
    state_name: '待初审',
    number: null,
    number_label: '',
    is_key: false,
    deadline: null,
    overdue: false,
    units: [],
    analysis: '第一段\n第二段',
    suggestions: '一、……',
    owner_user_id: 1,
    version: 3,
    not_file_ground: '',
    disposition: '',
    merged_into: null,
    merged: [],
    assign_mode: '',
    rating_round: 1,
    consultation_required: false,
    supervisor: null,
    proposers: [
      {
        member_id: 1,
        name: '王小明',
        role: 'first',
        status: 'accepted',
        rating: '',
        rating_round: 0,
        rating_comment: '',
        rated_on_behalf: false,
      },
      {
        member_id: 2,
        name: '李华',
        role: 'cosigner',
        status: 'accepted',
        rating: '',
        rating_round: 0,
        rating_comment: '',
        rated_on_behalf: false,
      },
    ],
    assignments: [],
    attachments: [],
    supervisions: [],
    actions: ['return', 'accept', 'upload_attachment'],
    my_capacities: ['staff'],
    ...overrides,
  };
}

const TIMELINE = [
  {
    id: 1,
    action: 'submit',
    action_name: '提交',
    from_state: 'draft',
    to_state: 'submitted',
    assignment_id: null,
    unit_name: '',
    actor: { id: 7, display_name: '王小明' },
    capacity: 'first_proposer',
    comment: '',
    details: {},
    at: 1690000000,
  },
  {
    id: 2,
    action: 'cosigners_answered',
    action_name: '联名确认完成',
    from_state: 'awaiting_cosigners',
    to_state: 'submitted',
    assignment_id: null,
    unit_name: '',
    actor: null,
    capacity: 'system',
    comment: '全部联名人已确认',
    details: {},
    at: 1690000100,
  },
];

const Stub = defineComponent({ template: '<div />' });
let wrapper: VueWrapper | null = null;

afterEach(() => {
  wrapper?.unmount();
  wrapper = null;
  vi.unstubAllGlobals();
});

async function mountAt(
  view: Component,
  path: string,
  permissions: string[],
  roles: string[] = ['staff'],
): Promise<{ wrapper: VueWrapper; router: Router }> {
  const pinia = createPinia();
  setActivePinia(pinia);
  useAuthStore().me = meBody({ permissions, roles }) as unknown as Me;
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', name: 'home', component: view === HomeView ? view : Stub },
      { path: '/proposals', name: 'proposals', component: view === ProposalsView ? view : Stub },
      { path: '/proposals/new', name: 'proposal-new', component: view === ProposalEditView ? view : Stub },
      {
        path: '/proposals/:id(\\d+)/edit',
        name: 'proposal-edit',
        component: view === ProposalEditView ? view : Stub,
      },
      {
        path: '/proposals/:id(\\d+)',
        name: 'proposal-detail',
        component: view === ProposalDetailView ? view : Stub,
      },
      { path: '/:p(.*)*', component: Stub },
    ],
  });
  await router.push(path);
  const mounted = mount(RouterView, {
    global: { plugins: [pinia, router, i18n] },
  });
  wrapper = mounted;
  await flushPromises();
  return { wrapper: mounted, router };
}

const STAFF = ['proposal.view_all', 'proposal.manage'];
const MEMBER = ['proposal.submit'];

describe('proposal list', () => {
  function handlers(items: unknown[], extra: Record<string, (call: Call) => Response> = {}) {
    return byPath({
      'GET /proposals/queues': () =>
        jsonResponse(200, {
          queues: [
            { code: 'to_check', name: '待初审', count: 3 },
            { code: 'to_assign', name: '待交办', count: 0 },
          ],
        }),
      'GET /proposals/options': () => jsonResponse(200, OPTIONS),
      'GET /proposals': () => listOf(items),
      ...extra,
    });
  }
  const listCalls = (calls: Call[]) => calls.filter((c) => c.method === 'GET' && pathOf(c) === '/proposals');

  it('shows the queues with counts, the rows and a create button for staff', async () => {
    mockFetch(
      handlers([
        SUMMARY,
        {
          ...SUMMARY,
          id: 6,
          number_label: '',
          title: '草稿',
          is_key: false,
          deadline: null,
          overdue: false,
          state: 'draft',
        },
      ]),
    );
    const { wrapper: view } = await mountAt(ProposalsView, '/proposals', STAFF);
    const tabs = view.find('[data-test="proposal-queues"]').text();
    expect(tabs).toContain('全部');
    expect(tabs).toContain('待初审');
    expect(view.find('[data-test="queue-to_check"]').text()).toContain('3');
    const table = view.find('[data-test="proposals-table"]');
    for (const text of [
      '第0012号',
      '未立案',
      '王小明、李华',
      '经济',
      '办理中',
      '区教育局（主办）',
      '2020-01-10',
      '已逾期',
      '重点',
    ]) {
      expect(table.text()).toContain(text);
    }
    expect(table.find('a[href="/proposals/5"]').text()).toBe('关于加强社区养老服务的建议');
    expect(view.find('[data-test="proposal-create"]').exists()).toBe(true);
  });

  it("reads the queue and filters from the address, dropping what is not the caller's", async () => {
    const { calls } = mockFetch(handlers([]));
    const { router } = await mountAt(
      ProposalsView,
      '/proposals?queue=to_check&state=bogus&key=true&q=养老',
      STAFF,
    );
    expect(queryOf(listCalls(calls)[0]!)).toEqual({
      queue: 'to_check',
      key: 'true',
      q: '养老',
      page: '1',
      page_size: '20',
    });
    await flushPromises();
    expect(router.currentRoute.value.query).toEqual({ queue: 'to_check', key: 'true', q: '养老' });

    wrapper?.unmount();
    const second = mockFetch(handlers([]));
    await mountAt(ProposalsView, '/proposals?queue=unit_new', STAFF);
    expect(queryOf(listCalls(second.calls)[0]!).queue).toBeUndefined();
  });

  it('names the empty queue, and shows no create button without the permission', async () => {
    mockFetch(handlers([]));
    const { wrapper: view } = await mountAt(
      ProposalsView,
      '/proposals?queue=to_check',
      ['proposal.handle'],
      ['unit_clerk'],
    );
    expect(view.find('[data-test="proposals-empty"]').text()).toContain('暂无待初审的提案');
    expect(view.find('[data-test="proposal-create"]').exists()).toBe(false);
  });

  it('follows a new address of the list (a 我的待办 link, the menu)', async () => {
    const { calls } = mockFetch(handlers([]));
    const { router } = await mountAt(ProposalsView, '/proposals', STAFF);
    await router.push('/proposals?queue=to_check');
    await flushPromises();
    expect(queryOf(listCalls(calls).at(-1)!)).toMatchObject({ queue: 'to_check' });
    const count = listCalls(calls).length;
    await router.push('/proposals');
    await flushPromises();
    expect(listCalls(calls)).toHaveLength(count + 1);
    expect(queryOf(listCalls(calls).at(-1)!).queue).toBeUndefined();
  });

  it('switching a queue tab searches that queue from page 1', async () => {
    const { calls } = mockFetch(handlers([]));
    const { wrapper: view } = await mountAt(ProposalsView, '/proposals?page=3', STAFF);
    await view.find('[data-test="queue-to_check"]').trigger('click');
    await flushPromises();
    const last = listCalls(calls).at(-1)!;
    expect(queryOf(last)).toMatchObject({ queue: 'to_check', page: '1' });
  });
});

describe('proposal detail', () => {
  function handlers(
    current: { value: Record<string, unknown> },
    extra: Record<string, (call: Call) => Response> = {},
  ) {
    return byPath({
      'GET /proposals/5': () => jsonResponse(200, current.value),
      'GET /proposals/5/timeline': () => jsonResponse(200, { items: TIMELINE }),
      'GET /proposals/options': () => jsonResponse(200, OPTIONS),
      ...extra,
    });
  }

  it('shows exactly the listed actions, the text and the timeline as a list', async () => {
    const current = { value: detail({ actions: ['return', 'accept', 'edit', 'upload_attachment'] }) };
    mockFetch(handlers(current));
    const { wrapper: view } = await mountAt(ProposalDetailView, '/proposals/5', STAFF);
    const bar = view.find('[data-test="action-bar"]');
    expect(bar.findAll('button').map((b) => b.text())).toEqual(['退回修改', '初审通过', '修改']);
    expect(view.find('[data-test="number-label"]').text()).toBe('未立案');
    expect(view.find('[data-test="state-tag"]').text()).toBe('待初审');
    expect(view.find('[data-test="analysis"]').text()).toContain('第二段');
    expect(view.find('[data-test="proposers"]').text()).toContain('联名人');
    expect(view.find('[data-test="attachment-upload"]').exists()).toBe(true);
    const timeline = view.find('[data-test="timeline"]');
    expect(timeline.element.tagName).toBe('UL');
    const events = timeline.findAll('li');
    expect(events).toHaveLength(2);
    expect(events[0]!.text()).toContain('王小明');
    expect(events[0]!.text()).toContain('草稿 → 待初审');
    expect(events[1]!.text()).toContain('系统');
    expect(events[1]!.text()).toContain('联名确认完成');
    expect(events[1]!.text()).toContain('全部联名人已确认');
  });

  it('shows no action bar when the caller may do nothing', async () => {
    mockFetch(handlers({ value: detail({ actions: [] }) }));
    const { wrapper: view } = await mountAt(
      ProposalDetailView,
      '/proposals/5',
      ['proposal.view_all'],
      ['leader'],
    );
    expect(view.find('[data-test="action-bar"]').exists()).toBe(false);
    expect(view.find('[data-test="attachment-upload"]').exists()).toBe(false);
  });

  it('return needs a comment; then it is sent, and detail and timeline are reloaded', async () => {
    const current = { value: detail() };
    const { calls } = mockFetch(
      handlers(current, {
        'POST /proposals/5/actions/return': () => {
          current.value = detail({ state: 'returned', state_name: '退回修改', actions: [] });
          return jsonResponse(200, current.value);
        },
      }),
    );
    const { wrapper: view } = await mountAt(ProposalDetailView, '/proposals/5', STAFF);
    await view.find('[data-test="action-return"]').trigger('click');
    await flushPromises();
    const dialog = view.find('[data-test="action-dialog"]');
    expect(dialog.exists()).toBe(true);
    await view.find('[data-test="action-confirm"]').trigger('click');
    await settle();
    expect(view.find('[data-test="action-form"]').text()).toContain('请填写此项');
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    await view.find('textarea[data-test="field-comment"]').setValue('请补充具体建议');
    const before = calls.length;
    await view.find('[data-test="action-confirm"]').trigger('click');
    await settle();
    const post = calls.find((c) => c.method === 'POST')!;
    expect(pathOf(post)).toBe('/proposals/5/actions/return');
    expect(post.body).toEqual({ comment: '请补充具体建议' });
    const after = calls.slice(before).map((c) => `${c.method} ${pathOf(c)}`);
    expect(after).toContain('GET /proposals/5');
    expect(after).toContain('GET /proposals/5/timeline');
    expect(view.find('[data-test="state-tag"]').text()).toBe('退回修改');
    expect(view.find('[data-test="action-bar"]').exists()).toBe(false);
  });

  it("shows the server's guard error in the dialog", async () => {
    const current = { value: detail({ actions: ['accept'] }) };
    mockFetch(
      handlers(current, {
        'POST /proposals/5/actions/accept': () =>
          apiError(409, 'workflow.invalid_state', '提案当前状态不能执行该操作'),
      }),
    );
    const { wrapper: view } = await mountAt(ProposalDetailView, '/proposals/5', STAFF);
    await view.find('[data-test="action-accept"]').trigger('click');
    await flushPromises();
    await view.find('[data-test="action-confirm"]').trigger('click');
    await settle();
    expect(view.find('[data-test="action-error"]').text()).toContain('提案当前状态不能执行该操作');
  });

  it('shows assignments with their own actions and the reply', async () => {
    const current = {
      value: detail({
        state: 'handling',
        actions: [],
        assignments: [
          {
            id: 9,
            unit: { id: 31, name: '区教育局' },
            role: 'lead',
            state: 'reply_review',
            state_name: '答复待审核',
            assigned_on: '2025-01-02',
            deadline: '2025-04-02',
            overdue: false,
            days_left: 10,
            extension_status: 'requested',
            extension_reason: '需要调研',
            opinion: '',
            reply_class: 'A',
            reply_text: '已经解决。',
            contact_method: 'phone',
            contact_date: '2025-03-01',
            contact_note: '',
            signed_by: { id: 50, display_name: '张局长' },
            replied_on: null,
            actions: ['accept_reply', 'return_reply'],
          },
        ],
      }),
    };
    const { calls } = mockFetch(
      handlers(current, {
        'POST /proposals/5/assignments/9/actions/accept_reply': () => jsonResponse(200, current.value),
      }),
    );
    const { wrapper: view } = await mountAt(ProposalDetailView, '/proposals/5', STAFF);
    const card = view.find('[data-test="assignment"]');
    for (const text of [
      '区教育局',
      '主办',
      '答复待审核',
      '2025-04-02',
      '已申请延期',
      '需要调研',
      'A 所提问题已经解决或基本解决',
      '已经解决。',
      '张局长',
      '电话',
    ]) {
      expect(card.text()).toContain(text);
    }
    expect(
      card
        .find('[data-test="assignment-actions"]')
        .findAll('button')
        .map((b) => b.text()),
    ).toEqual(['审核通过答复', '退回答复']);
    await card.find('[data-test="assignment-action-accept_reply"]').trigger('click');
    await flushPromises();
    await view.find('[data-test="action-confirm"]').trigger('click');
    await settle();
    const post = calls.find((c) => c.method === 'POST')!;
    expect(pathOf(post)).toBe('/proposals/5/assignments/9/actions/accept_reply');
    expect(post.body).toEqual({});
  });

  it('counts working days left, and warns like the lists: within due_soon_days calendar days', async () => {
    const inDays = (n: number) => todayShanghai(Date.now() + n * 86400000);
    const assignment = (id: number, name: string, deadline: string, daysLeft: number) => ({
      id,
      unit: { id, name },
      role: 'separate',
      state: 'handling',
      state_name: '办理中',
      assigned_on: inDays(-60),
      deadline,
      overdue: false,
      days_left: daysLeft,
      extension_status: '',
      extension_reason: '',
      opinion: '',
      reply_class: '',
      reply_text: '',
      contact_method: '',
      contact_date: null,
      contact_note: '',
      signed_by: null,
      replied_on: null,
      actions: [],
    });
    const current = {
      value: detail({
        state: 'handling',
        actions: [],
        assignments: [
          // 20 calendar days are 14 working days: not due soon (setting 15 days), as in the lists.
          assignment(31, '区教育局', inDays(20), 14),
          assignment(32, '区卫健局', inDays(10), 7),
        ],
      }),
    };
    mockFetch(handlers(current));
    const { wrapper: view } = await mountAt(ProposalDetailView, '/proposals/5', STAFF);
    const notes = view.findAll('[data-test="assignment-deadline"]');
    expect(notes.map((n) => n.text())).toEqual(['剩余 14 个工作日', '剩余 7 个工作日']);
    expect(notes[0]!.classes()).toContain('el-tag--info');
    expect(notes[1]!.classes()).toContain('el-tag--warning');
  });

  it('assign checks the units in the dialog before sending', async () => {
    const current = { value: detail({ state: 'filed', actions: ['assign'] }) };
    const { calls } = mockFetch(handlers(current));
    const { wrapper: view } = await mountAt(ProposalDetailView, '/proposals/5', STAFF);
    await view.find('[data-test="action-assign"]').trigger('click');
    await flushPromises();
    await view.find('[data-test="action-confirm"]').trigger('click');
    await settle();
    expect(view.find('[data-test="action-form"]').text()).toContain('请选择承办单位');
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
  });
});

describe('proposal editing', () => {
  it('creates the draft on the first change, then autosaves with the version', async () => {
    let version = 1;
    const { calls } = mockFetch(
      byPath({
        'GET /proposals/options': () => jsonResponse(200, OPTIONS),
        'POST /proposals': () =>
          jsonResponse(
            201,
            detail({ id: 8, state: 'draft', title: '', version, actions: ['edit', 'submit'] }),
          ),
        'PATCH /proposals/8': () =>
          jsonResponse(
            200,
            detail({ id: 8, state: 'draft', version: ++version, actions: ['edit', 'submit'] }),
          ),
      }),
    );
    const { wrapper: view, router } = await mountAt(ProposalEditView, '/proposals/new', MEMBER, ['member']);
    expect(calls.filter((c) => c.method !== 'GET')).toHaveLength(0);
    await view.find('input[data-test="field-title"]').setValue('关于');
    await new Promise((r) => setTimeout(r, 1700));
    await flushPromises();
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.body).toEqual({ title: '关于' });
    expect(view.find('[data-test="save-status"]').text()).toMatch(/已保存 \d\d:\d\d/);
    await flushPromises();
    expect(router.currentRoute.value.fullPath).toBe('/proposals/8/edit');

    await view.find('textarea[data-test="field-analysis"]').setValue('现状');
    await new Promise((r) => setTimeout(r, 1700));
    await flushPromises();
    const patch = calls.find((c) => c.method === 'PATCH')!;
    expect(pathOf(patch)).toBe('/proposals/8');
    expect(patch.body).toEqual({ version: 1, analysis: '现状' });
    // The form kept the text typed, not what the server answered.
    expect((view.find('input[data-test="field-title"]').element as HTMLInputElement).value).toBe('关于');
  });

  it('a version conflict stops saving and offers a reload', async () => {
    const { calls } = mockFetch(
      byPath({
        'GET /proposals/options': () => jsonResponse(200, OPTIONS),
        'GET /proposals/5': () => jsonResponse(200, detail({ state: 'draft', actions: ['edit', 'submit'] })),
        'PATCH /proposals/5': () =>
          apiError(409, 'proposal.version_conflict', '提案已在别处被修改，请刷新后再试'),
      }),
    );
    const { wrapper: view } = await mountAt(ProposalEditView, '/proposals/5/edit', MEMBER, ['member']);
    expect((view.find('input[data-test="field-title"]').element as HTMLInputElement).value).toBe(
      SUMMARY.title,
    );
    await view.find('input[data-test="field-title"]').setValue('我的新案由');
    await new Promise((r) => setTimeout(r, 1700));
    await flushPromises();
    expect(calls.filter((c) => c.method === 'PATCH')[0]!.body).toEqual({ version: 3, title: '我的新案由' });
    expect(view.find('[data-test="conflict"]').text()).toContain('提案已在别处被修改');
    await view.find('[data-test="conflict-reload"]').trigger('click');
    await flushPromises();
    expect(calls.filter((c) => c.method === 'GET' && pathOf(c) === '/proposals/5')).toHaveLength(2);
    expect(view.find('[data-test="conflict"]').exists()).toBe(false);
    // What was typed is kept for copying.
    expect(view.find('[data-test="leftovers"]').text()).toContain('案由');
    expect((view.find('[data-test="leftovers"] textarea').element as HTMLTextAreaElement).value).toBe(
      '我的新案由',
    );
  });

  it('submit shows 提案内容不完整 at the fields', async () => {
    const { calls } = mockFetch(
      byPath({
        'GET /proposals/options': () => jsonResponse(200, OPTIONS),
        'GET /proposals/5': () =>
          jsonResponse(
            200,
            detail({ state: 'draft', suggestions: '', actions: ['edit', 'submit', 'withdraw'] }),
          ),
        'POST /proposals/5/actions/submit': () =>
          apiError(422, 'proposal.incomplete', '提案内容不完整', {
            fields: { suggestions: '请填写具体建议', category_id: '请选择类别' },
          }),
      }),
    );
    const { wrapper: view } = await mountAt(ProposalEditView, '/proposals/5/edit', MEMBER, ['member']);
    expect(view.find('[data-test="withdraw"]').exists()).toBe(true);
    await view.find('[data-test="submit"]').trigger('click');
    await settle();
    expect(pathOf(calls.find((c) => c.method === 'POST')!)).toBe('/proposals/5/actions/submit');
    const text = view.find('[data-test="proposal-form"]').text();
    expect(text).toContain('请填写具体建议');
    expect(text).toContain('请选择类别');
    expect(view.find('[data-test="form-error"]').exists()).toBe(false);
  });

  it('shows a notice instead of the form when the proposal cannot be edited', async () => {
    mockFetch(
      byPath({
        'GET /proposals/options': () => jsonResponse(200, OPTIONS),
        'GET /proposals/5': () => jsonResponse(200, detail({ actions: ['accept'] })),
      }),
    );
    const { wrapper: view } = await mountAt(ProposalEditView, '/proposals/5/edit', STAFF);
    expect(view.find('[data-test="not-editable"]').text()).toContain('该提案当前不能修改');
    expect(view.find('[data-test="proposal-form"]').exists()).toBe(false);
  });
});

describe('home page', () => {
  it('lists the work queues that have something, linking to the list', async () => {
    mockFetch(
      byPath({
        'GET /proposals/queues': () =>
          jsonResponse(200, {
            queues: [
              { code: 'to_check', name: '待初审', count: 3 },
              { code: 'to_assign', name: '待交办', count: 0 },
            ],
          }),
      }),
    );
    const { wrapper: view } = await mountAt(HomeView, '/', STAFF);
    const todo = view.find('[data-test="home-todo"]');
    expect(todo.text()).toContain('待初审');
    expect(todo.text()).toContain('3');
    expect(todo.text()).not.toContain('待交办');
    expect(todo.find('a').attributes('href')).toBe('/proposals?queue=to_check');
    // The page still shows what it did before.
    expect(view.text()).toContain('常用功能');
    expect(view.text()).toContain('提案');
  });

  it('says when there is nothing to do, and asks nothing without proposal permissions', async () => {
    mockFetch(
      byPath({
        'GET /proposals/queues': () =>
          jsonResponse(200, { queues: [{ code: 'to_rate', name: '待评价', count: 0 }] }),
      }),
    );
    const { wrapper: view } = await mountAt(HomeView, '/', MEMBER, ['member']);
    expect(view.find('[data-test="home-todo"]').text()).toContain('暂无待办事项');

    wrapper?.unmount();
    const { calls } = mockFetch(() => jsonResponse(200, {}));
    const second = await mountAt(HomeView, '/', ['user.view'], ['sysadmin']);
    expect(second.wrapper.find('[data-test="home-todo"]').exists()).toBe(false);
    expect(calls).toHaveLength(0);
  });
});

describe('accessibility (axe-core, structure rules)', () => {
  async function violations(root: Element): Promise<string[]> {
    const axe = (await import('axe-core')).default;
    const result = await axe.run(root, {
      resultTypes: ['violations'],
      rules: { 'color-contrast': { enabled: false }, region: { enabled: false } },
    });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.html.slice(0, 120)).join(' | ')}`);
  }

  it('list, detail with an open dialog, and the edit form have no serious violations', async () => {
    mockFetch(
      byPath({
        'GET /proposals/queues': () =>
          jsonResponse(200, { queues: [{ code: 'to_check', name: '待初审', count: 3 }] }),
        'GET /proposals/options': () => jsonResponse(200, OPTIONS),
        'GET /proposals': () => listOf([SUMMARY]),
        'GET /proposals/5': () =>
          jsonResponse(
            200,
            detail({ state: 'draft', actions: ['edit', 'submit', 'withdraw', 'upload_attachment'] }),
          ),
        'GET /proposals/5/timeline': () => jsonResponse(200, { items: TIMELINE }),
      }),
    );
    /** Puts the view into the document for axe, checks it, and takes it out again. */
    const check = async (w: VueWrapper) => {
      const container = w.element.parentElement ?? w.element;
      document.body.appendChild(container);
      try {
        return await violations(container);
      } finally {
        container.remove();
      }
    };
    let mounted = await mountAt(ProposalsView, '/proposals', STAFF);
    expect(await check(mounted.wrapper)).toEqual([]);
    wrapper?.unmount();

    mounted = await mountAt(ProposalDetailView, '/proposals/5', STAFF);
    await mounted.wrapper.find('[data-test="action-withdraw"]').trigger('click');
    await flushPromises();
    expect(mounted.wrapper.find('[data-test="action-dialog"]').exists()).toBe(true);
    expect(await check(mounted.wrapper)).toEqual([]);
    wrapper?.unmount();

    mounted = await mountAt(ProposalEditView, '/proposals/5/edit', MEMBER, ['member']);
    expect(await check(mounted.wrapper)).toEqual([]);
  });
});
