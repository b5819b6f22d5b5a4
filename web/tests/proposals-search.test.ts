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
import { jsonResponse, meBody, mockFetch, type Call } from './helpers';
import { byPath, listOf, pathOf, queryOf, settle } from './views-helpers';

vi.setConfig({ testTimeout: 30000 });

const OPTIONS = {
  sessions: [{ id: 2, name: '九届二次会议', is_current: true }],
  categories: [{ id: 11, name: '经济' }],
  collectives: [],
  reply_classes: [
    { code: 'A', name: '所提问题已经解决或基本解决' },
    { code: 'B', name: '已列入计划逐步解决' },
  ],
  not_file_grounds: [],
  dispositions: [],
  contact_methods: [],
  units: [
    { id: 31, name: '区教育局' },
    { id: 32, name: '区卫健局' },
    { id: 33, name: '区民政局' },
  ],
  leaders: [],
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
  proposer_names: '王小明',
  title: '关于加强社区养老服务的建议',
  category: { id: 11, name: '经济' },
  state: 'filed',
  state_name: '已立案',
  is_key: false,
  is_published: false,
  deadline: null,
  overdue: false,
  units: [],
  updated_at: 1700000000,
  submitted_at: 1690000000,
};

function detail(overrides: Record<string, unknown> = {}) {
  return {
    ...SUMMARY,
    analysis: '第一段',
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
    proposers: [],
    assignments: [],
    attachments: [],
    supervisions: [],
    actions: [],
    my_capacities: ['staff'],
    ...overrides,
  };
}

const SIMILAR = [
  {
    id: 9,
    number_label: '第0009号',
    title: '关于社区养老服务中心建设的建议',
    state: 'closed',
    state_name: '已办结',
    session_name: '九届一次会议',
    score: 0.62,
    can_open: true,
  },
  {
    id: 10,
    number_label: '',
    title: '关于养老的提案',
    state: 'submitted',
    state_name: '待初审',
    session_name: '九届二次会议',
    score: 0.31,
    can_open: false,
  },
];

const UNITS = [
  {
    unit_id: 32,
    unit_name: '区卫健局',
    score: 0.62,
    reason: '相似提案第0009号《关于社区养老服务中心建设的建议》（相似度 0.62）由该单位主办',
    proposals: [{ id: 9, number_label: '第0009号', title: '关于社区养老服务中心建设的建议', score: 0.62 }],
  },
  {
    unit_id: 33,
    unit_name: '区民政局',
    score: 0.4,
    reason: '相似提案由该单位会办',
    proposals: [],
  },
  {
    unit_id: 99,
    unit_name: '已撤销的单位',
    score: 0.3,
    reason: '不在可选单位中',
    proposals: [],
  },
];

const STAFF = ['proposal.view_all', 'proposal.manage', 'org.view'];
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
  const mounted = mount(RouterView, { global: { plugins: [pinia, router, i18n] } });
  wrapper = mounted;
  await flushPromises();
  return { wrapper: mounted, router };
}

describe('proposal search results', () => {
  function handlers(items: unknown[], extra: Record<string, (call: Call) => Response> = {}) {
    return byPath({
      'GET /proposals/queues': () => jsonResponse(200, { queues: [] }),
      'GET /proposals/options': () => jsonResponse(200, OPTIONS),
      'GET /proposals': () => listOf(items),
      'GET /reference/sector': () => listOf([{ id: 4, name: '经济界', kind: 'sector' }]),
      ...extra,
    });
  }
  const listCalls = (calls: Call[]) => calls.filter((c) => c.method === 'GET' && pathOf(c) === '/proposals');

  it('marks the matched words in the title and shows the snippet under it', async () => {
    mockFetch(
      handlers([
        {
          ...SUMMARY,
          highlight: {
            title: [
              { text: '关于加强', hit: false },
              { text: '社区', hit: true },
              { text: '养老服务的建议', hit: false },
            ],
            snippet: [
              { text: '……老旧', hit: false },
              { text: '社区', hit: true },
              { text: '缺少<b>日间照料</b>……', hit: false },
            ],
          },
        },
        { ...SUMMARY, id: 6, title: '没有高亮的提案', highlight: { title: [], snippet: [] } },
      ]),
    );
    const { wrapper: view } = await mountAt(ProposalsView, '/proposals?q=社区', STAFF);
    const links = view.findAll('a.title-link');
    expect(links[0]!.attributes('href')).toBe('/proposals/5');
    expect(links[0]!.text()).toBe('关于加强社区养老服务的建议');
    expect(links[0]!.findAll('mark').map((m) => m.text())).toEqual(['社区']);
    const snippets = view.findAll('[data-test="search-snippet"]');
    expect(snippets).toHaveLength(1);
    expect(snippets[0]!.find('mark').text()).toBe('社区');
    expect(snippets[0]!.text()).toContain('缺少<b>日间照料</b>');
    expect(snippets[0]!.find('b').exists()).toBe(false);
    expect(links[1]!.text()).toBe('没有高亮的提案');
    const search = view.find('input[data-test="filter-q"]');
    expect(search.attributes('placeholder')).toBe('搜索标题、正文、答复、提案人、编号');
  });

  it('takes the statistics filters from a link, shows them as tags, and removes one', async () => {
    const { calls } = mockFetch(handlers([]));
    const { wrapper: view, router } = await mountAt(
      ProposalsView,
      '/proposals?stat=filed&year=2021&sector_id=4&reply_class=A&unit_id=31',
      STAFF,
    );
    expect(queryOf(listCalls(calls)[0]!)).toEqual({
      stat: 'filed',
      year: '2021',
      sector_id: '4',
      reply_class: 'A',
      unit_id: '31',
      page: '1',
      page_size: '20',
    });
    await flushPromises();
    const row = view.find('[data-test="link-filters"]');
    expect(row.text().replace(/\s+/g, '')).toBe(
      '筛选：已立案·2021年·界别：经济界·答复类别：A所提问题已经解决或基本解决',
    );
    expect(row.findAll('.el-tag').map((t) => t.text())).toEqual([
      '已立案',
      '2021年',
      '界别：经济界',
      '答复类别：A 所提问题已经解决或基本解决',
    ]);
    // The list says no proposals match the filters rather than that there are none.
    expect(view.find('[data-test="proposals-empty"]').text()).toBe('没有符合条件的提案');

    await view.find('[data-test="link-filter-year"] .el-tag__close').trigger('click');
    await flushPromises();
    const last = queryOf(listCalls(calls).at(-1)!);
    expect(last.year).toBeUndefined();
    expect(last).toMatchObject({ stat: 'filed', sector_id: '4', reply_class: 'A', page: '1' });
    expect(router.currentRoute.value.query).toEqual({
      stat: 'filed',
      sector_id: '4',
      reply_class: 'A',
      unit_id: '31',
    });
    expect(view.find('[data-test="link-filter-year"]').exists()).toBe(false);
  });

  it('exports with the statistics filters', async () => {
    URL.createObjectURL = vi.fn(() => 'blob:test');
    URL.revokeObjectURL = vi.fn();
    const { calls } = mockFetch(
      handlers([], { 'GET /proposals/export': () => new Response(new Blob(['x']), { status: 200 }) }),
    );
    const { wrapper: view } = await mountAt(ProposalsView, '/proposals?stat=overdue&year=2022', STAFF);
    await view.find('[data-test="proposal-export"]').trigger('click');
    await flushPromises();
    const exported = calls.find((c) => pathOf(c) === '/proposals/export')!;
    expect(queryOf(exported)).toEqual({ stat: 'overdue', year: '2022' });
  });

  it('shows no tag row without statistics filters, and the reset clears them', async () => {
    const { calls } = mockFetch(handlers([]));
    const { wrapper: view } = await mountAt(ProposalsView, '/proposals?key=true', STAFF);
    expect(view.find('[data-test="link-filters"]').exists()).toBe(false);
    wrapper?.unmount();

    const second = mockFetch(handlers([]));
    const mounted = await mountAt(ProposalsView, '/proposals?stat=key&year=2020', STAFF);
    const reset = mounted.wrapper.findAll('form[role="search"] button').find((b) => b.text() === '重置')!;
    await reset.trigger('click');
    await flushPromises();
    const last = queryOf(listCalls(second.calls).at(-1)!);
    expect(last.stat).toBeUndefined();
    expect(last.year).toBeUndefined();
    expect(mounted.wrapper.find('[data-test="link-filters"]').exists()).toBe(false);
    expect(calls.length).toBeGreaterThan(0);
  });
});

describe('proposal detail: similar proposals and Word', () => {
  function handlers(
    current: { value: Record<string, unknown> },
    extra: Record<string, (call: Call) => Response> = {},
  ) {
    return byPath({
      'GET /proposals/5': () => jsonResponse(200, current.value),
      'GET /proposals/5/timeline': () => jsonResponse(200, { items: [] }),
      'GET /proposals/options': () => jsonResponse(200, OPTIONS),
      'GET /proposals/5/similar': () => jsonResponse(200, { items: SIMILAR, units: UNITS }),
      ...extra,
    });
  }

  it('shows staff the similar proposals of a proposal under review', async () => {
    const { calls } = mockFetch(handlers({ value: detail({ state: 'submitted' }) }));
    const { wrapper: view } = await mountAt(ProposalDetailView, '/proposals/5', STAFF);
    const card = view.find('[data-test="similar-card"]');
    expect(card.text()).toContain('相似提案');
    const rows = card.findAll('[data-test="similar-item"]');
    expect(rows).toHaveLength(2);
    expect(rows[0]!.find('a').attributes('href')).toBe('/proposals/9');
    expect(rows[0]!.text()).toContain('相似度 62%');
    expect(rows[1]!.find('a').exists()).toBe(false);
    expect(calls.filter((c) => pathOf(c) === '/proposals/5/similar')).toHaveLength(1);
  });

  it('asks nothing for other states or for those who do not review', async () => {
    let mocked = mockFetch(handlers({ value: detail({ state: 'handling' }) }));
    let mounted = await mountAt(ProposalDetailView, '/proposals/5', STAFF);
    expect(mounted.wrapper.find('[data-test="similar-card"]').exists()).toBe(false);
    expect(mocked.calls.some((c) => pathOf(c) === '/proposals/5/similar')).toBe(false);
    wrapper?.unmount();

    mocked = mockFetch(handlers({ value: detail({ state: 'submitted' }) }));
    mounted = await mountAt(ProposalDetailView, '/proposals/5', ['proposal.view_all'], ['leader']);
    expect(mounted.wrapper.find('[data-test="similar-card"]').exists()).toBe(false);
    expect(mocked.calls.some((c) => pathOf(c) === '/proposals/5/similar')).toBe(false);
  });

  it('says 未发现相似提案 when there are none', async () => {
    mockFetch(
      handlers(
        { value: detail({ state: 'under_review' }) },
        { 'GET /proposals/5/similar': () => jsonResponse(200, { items: [], units: [] }) },
      ),
    );
    const { wrapper: view } = await mountAt(ProposalDetailView, '/proposals/5', STAFF);
    expect(view.find('[data-test="similar-card"] [data-test="similar-empty"]').text()).toBe('未发现相似提案');
  });

  it('downloads the proposal as Word, named after its number and title', async () => {
    const created: Blob[] = [];
    URL.createObjectURL = vi.fn((blob: Blob) => {
      created.push(blob);
      return 'blob:test';
    });
    URL.revokeObjectURL = vi.fn();
    const names: string[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      names.push(this.download);
    });
    const { calls } = mockFetch(
      handlers(
        { value: detail({ state: 'closed', title: '关于“停车/充电”的建议' }) },
        { 'GET /proposals/5/document': () => new Response(new Blob(['PK']), { status: 200 }) },
      ),
    );
    const { wrapper: view } = await mountAt(
      ProposalDetailView,
      '/proposals/5',
      ['proposal.submit'],
      ['member'],
    );
    await view.find('[data-test="download-word"]').trigger('click');
    await flushPromises();
    expect(calls.filter((c) => pathOf(c) === '/proposals/5/document')).toHaveLength(1);
    expect(created).toHaveLength(1);
    expect(click).toHaveBeenCalledTimes(1);
    expect(names).toEqual(['第0012号 关于“停车 充电”的建议.docx']);
  });

  it('the assign dialog suggests units; a click adds one where the mode takes it', async () => {
    const { calls } = mockFetch(
      handlers(
        { value: detail({ state: 'filed', actions: ['assign'] }) },
        {
          'POST /proposals/5/actions/assign': () => jsonResponse(200, detail({ state: 'assigned' })),
        },
      ),
    );
    const { wrapper: view } = await mountAt(ProposalDetailView, '/proposals/5', STAFF);
    await view.find('[data-test="action-assign"]').trigger('click');
    await flushPromises();
    const box = view.find('[data-test="unit-suggestions"]');
    expect(box.text()).toContain('建议承办单位');
    expect(box.text()).toContain(
      '相似提案第0009号《关于社区养老服务中心建设的建议》（相似度 0.62）由该单位主办',
    );
    // A unit that cannot be chosen here is not offered.
    expect(box.findAll('[data-test="unit-suggestion"]')).toHaveLength(2);
    expect(box.text()).not.toContain('已撤销的单位');

    // 单办: the suggested unit becomes the unit.
    await view.find('[data-test="suggest-unit-32"]').trigger('click');
    await flushPromises();
    expect(view.find('[data-test="suggest-unit-32"]').attributes('disabled')).toBeDefined();
    await view.find('[data-test="action-confirm"]').trigger('click');
    await settle();
    const post = calls.find((c) => c.method === 'POST')!;
    expect(pathOf(post)).toBe('/proposals/5/actions/assign');
    expect(post.body).toEqual({ mode: 'single', units: [{ unit_id: 32, role: 'single' }] });
  });

  it('in 主办+会办 mode the first suggestion leads and the next one co-handles', async () => {
    const { calls } = mockFetch(
      handlers(
        { value: detail({ state: 'filed', actions: ['assign'] }) },
        {
          'POST /proposals/5/actions/assign': () => jsonResponse(200, detail({ state: 'assigned' })),
        },
      ),
    );
    const { wrapper: view } = await mountAt(ProposalDetailView, '/proposals/5', STAFF);
    await view.find('[data-test="action-assign"]').trigger('click');
    await flushPromises();
    const lead = view
      .findAll('[data-test="field-mode"] input')
      .find((i) => i.attributes('value') === 'lead')!;
    await lead.setValue(true);
    await flushPromises();
    await view.find('[data-test="suggest-unit-33"]').trigger('click');
    await view.find('[data-test="suggest-unit-32"]').trigger('click');
    await flushPromises();
    await view.find('[data-test="action-confirm"]').trigger('click');
    await settle();
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.body).toEqual({
      mode: 'lead',
      units: [
        { unit_id: 33, role: 'lead' },
        { unit_id: 32, role: 'co' },
      ],
    });
  });
});

describe('similar proposals beside the draft', () => {
  it('looks them up 1.5 s after typing, with the draft excluded, and shows them', async () => {
    const { calls } = mockFetch(
      byPath({
        'GET /proposals/options': () => jsonResponse(200, OPTIONS),
        'GET /proposals/8': () =>
          jsonResponse(
            200,
            detail({
              id: 8,
              state: 'draft',
              title: '',
              analysis: '',
              suggestions: '',
              actions: ['edit', 'submit'],
            }),
          ),
        'PATCH /proposals/8': () =>
          jsonResponse(200, detail({ id: 8, state: 'draft', version: 4, actions: ['edit', 'submit'] })),
        'POST /proposals/similar': () => jsonResponse(200, { items: SIMILAR }),
      }),
    );
    const { wrapper: view } = await mountAt(
      ProposalEditView,
      '/proposals/8/edit',
      ['proposal.submit'],
      ['member'],
    );
    const panel = () => view.find('[data-test="similar-panel"]');
    expect(panel().text()).toContain('相似提案（避免重复提交，可考虑联名或并案）');
    expect(panel().find('[data-test="similar-hint"]').exists()).toBe(true);

    await view.find('input[data-test="field-title"]').setValue('关于养老');
    await new Promise((r) => setTimeout(r, 1700));
    await flushPromises();
    // Too short to compare.
    expect(calls.some((c) => pathOf(c) === '/proposals/similar')).toBe(false);

    await view.find('input[data-test="field-title"]').setValue('关于加强社区养老服务的建议');
    await new Promise((r) => setTimeout(r, 1000));
    expect(calls.some((c) => pathOf(c) === '/proposals/similar')).toBe(false);
    await new Promise((r) => setTimeout(r, 700));
    await flushPromises();
    const asked = calls.filter((c) => pathOf(c) === '/proposals/similar');
    expect(asked).toHaveLength(1);
    expect(asked[0]!.body).toEqual({
      title: '关于加强社区养老服务的建议',
      analysis: '',
      suggestions: '',
      exclude_id: 8,
    });
    const rows = panel().findAll('[data-test="similar-item"]');
    expect(rows).toHaveLength(2);
    expect(rows[0]!.find('a').attributes('href')).toBe('/proposals/9');
    expect(rows[0]!.find('a').attributes('target')).toBe('_blank');
  });
});
