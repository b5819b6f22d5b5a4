import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { createMemoryHistory, createRouter, RouterView, type Router } from 'vue-router';
import { defineComponent } from 'vue';
import { i18n } from '@/i18n';
import { createAppRouter } from '@/router';
import { setClientHooks, setCsrfToken } from '@/api/client';
import {
  emptyPublicListQuery,
  getPublicProposal,
  listPublicProposals,
  publicListFromRoute,
  publicListRoute,
} from '@/api/publicProposals';
import PublicLayout from '@/layouts/PublicLayout.vue';
import PublicProposalsView from '@/views/public/PublicProposalsView.vue';
import PublicProposalView from '@/views/public/PublicProposalView.vue';
import LoginView from '@/views/LoginView.vue';
import { apiError, jsonResponse, meBody, mockFetch, type Call } from './helpers';
import { byPath, pathOf, queryOf } from './views-helpers';

vi.setConfig({ testTimeout: 30000 });

const COMMITTEE = '天河区政协';
const Stub = defineComponent({ template: '<div />' });

const ITEM = {
  id: 5,
  committee_name: COMMITTEE,
  session_name: '八届五次会议',
  number_label: '第0012号',
  title: '关于加强社区养老服务的建议',
  category_name: '社会民生',
  proposer_label: '张三、李四',
  published_on: '2021-11-02',
};

const PROPOSAL = {
  ...ITEM,
  analysis: '第一段\n第二段',
  suggestions: '一、增加日间照料中心',
  closed_on: '2021-10-20',
  replies: [
    {
      unit_name: '区民政局',
      role: 'lead',
      role_name: '主办',
      reply_class: 'A',
      reply_class_name: '所提问题已经解决或基本解决',
      reply_text: '已新建日间照料中心三处。',
      replied_on: '2021-09-30',
    },
    {
      unit_name: '区卫健局',
      role: 'co',
      role_name: '会办',
      reply_class: '',
      reply_class_name: '',
      reply_text: '会办意见',
      replied_on: null,
    },
  ],
};

const pageOf = (items: unknown[], total = items.length, totalExact = true) =>
  jsonResponse(200, { items, total, total_exact: totalExact, page: 1, page_size: 20 });

afterEach(() => {
  vi.unstubAllGlobals();
  setClientHooks({});
});

describe('public list address and API', () => {
  it('reads and writes the search and page, dropping what is malformed', () => {
    expect(publicListFromRoute({})).toEqual(emptyPublicListQuery());
    const query = { q: ' 养老 ', page: 3, page_size: 50 };
    expect(publicListRoute(query)).toEqual({ q: '养老', page: '3', page_size: '50' });
    expect(publicListFromRoute({ q: '养老', page: '3', page_size: '50' })).toEqual({ ...query, q: '养老' });
    expect(publicListRoute(emptyPublicListQuery())).toEqual({});
    expect(publicListFromRoute({ q: ['停车', 'x'], page: '0', page_size: '500' })).toEqual({
      ...emptyPublicListQuery(),
      q: '停车',
    });
    expect(publicListFromRoute({ page: '-2', page_size: 'abc' })).toEqual(emptyPublicListQuery());
    expect(publicListFromRoute({ q: 'x'.repeat(100) }).q).toHaveLength(64);
  });

  it('asks the public endpoints and never sends a visitor to the login page', async () => {
    const unauthenticated = vi.fn();
    setClientHooks({ onUnauthenticated: unauthenticated, onForbidden: unauthenticated });
    const { calls } = mockFetch(
      () => pageOf([ITEM]),
      () => jsonResponse(200, PROPOSAL),
      () => apiError(401, 'auth.unauthenticated'),
      () => apiError(403, 'auth.forbidden'),
    );
    await listPublicProposals({ q: ' 养老 ', page: 2, page_size: 20 });
    expect(pathOf(calls[0]!)).toBe('/public/proposals');
    expect(queryOf(calls[0]!)).toEqual({ q: '养老', page: '2', page_size: '20' });
    expect((await getPublicProposal(5)).title).toBe(ITEM.title);
    expect(pathOf(calls[1]!)).toBe('/public/proposals/5');
    await expect(listPublicProposals(emptyPublicListQuery())).rejects.toMatchObject({ status: 401 });
    await expect(getPublicProposal(5)).rejects.toMatchObject({ status: 403 });
    expect(unauthenticated).not.toHaveBeenCalled();
  });
});

describe('public routes', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    setCsrfToken(null);
  });

  async function landing(path: string) {
    const { calls } = mockFetch((call) =>
      call.url.endsWith('/auth/me') ? apiError(401, 'auth.unauthenticated') : jsonResponse(200, {}),
    );
    const router = createAppRouter();
    let reached = '';
    router.beforeEach((to) => {
      reached = String(to.name);
      return false;
    });
    await router.push(path);
    return { name: reached, calls, meta: router.resolve(path).meta };
  }

  it('lets an anonymous visitor in without asking for a session', async () => {
    const list = await landing('/public/proposals?q=养老');
    expect(list.name).toBe('public-proposals');
    expect(list.meta.public).toBe(true);
    expect(list.calls).toHaveLength(0);
    const one = await landing('/public/proposals/12');
    expect(one.name).toBe('public-proposal');
    expect(one.calls).toHaveLength(0);
  });

  it('still sends the signed-out visitor of a signed-in page to /login', async () => {
    const inside = await landing('/proposals');
    expect(inside.name).toBe('login');
    expect(inside.calls.map((c) => pathOf(c))).toEqual(['/auth/me']);
  });
});

describe('public pages', () => {
  let wrapper: VueWrapper | null = null;
  afterEach(() => {
    wrapper?.unmount();
    wrapper = null;
  });

  async function mountPublic(path: string): Promise<{ wrapper: VueWrapper; router: Router }> {
    setActivePinia(createPinia());
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [
        {
          path: '/public',
          component: PublicLayout,
          children: [
            { path: 'proposals', name: 'public-proposals', component: PublicProposalsView },
            { path: 'proposals/:id(\\d+)', name: 'public-proposal', component: PublicProposalView },
          ],
        },
        { path: '/login', name: 'login', component: Stub },
        { path: '/:p(.*)*', component: Stub },
      ],
    });
    await router.push(path);
    const mounted = mount(RouterView, { global: { plugins: [router, i18n] } });
    wrapper = mounted;
    await flushPromises();
    return { wrapper: mounted, router };
  }
  const listCalls = (calls: Call[]) => calls.filter((c) => pathOf(c) === '/public/proposals');

  it('lists the published proposals with the committee in the header, linking to each', async () => {
    const { calls } = mockFetch(
      byPath({
        'GET /public/proposals': () =>
          pageOf(
            [
              ITEM,
              {
                ...ITEM,
                id: 6,
                number_label: '第0013号',
                title: '关于老旧小区加装电梯的建议',
                proposer_label: '民革天河区基层委员会',
              },
            ],
            42,
          ),
      }),
    );
    const { wrapper: view } = await mountPublic('/public/proposals');
    expect(view.find('[data-test="public-brand"]').text().replace(/\s+/g, '')).toBe(`${COMMITTEE}·提案公开`);
    expect(view.find('[data-test="public-login"]').attributes('href')).toBe('/login');
    const items = view.findAll('[data-test="public-item"]');
    expect(items).toHaveLength(2);
    expect(items[0]!.find('a').attributes('href')).toBe('/public/proposals/5');
    for (const text of [
      '第0012号',
      '八届五次会议',
      ITEM.title,
      '张三、李四',
      '社会民生',
      '公开于 2021-11-02',
    ]) {
      expect(items[0]!.text()).toContain(text);
    }
    expect(items[1]!.text()).toContain('民革天河区基层委员会');
    // One committee's page: named in the header, not on each row.
    expect(view.find('[data-test="public-item-committee"]').exists()).toBe(false);
    expect(view.find('[data-test="public-total"]').text()).toBe('共 42 件');
    expect(view.find('.el-pagination__total').exists()).toBe(true);
    expect(queryOf(listCalls(calls)[0]!)).toEqual({ page: '1', page_size: '20' });
  });

  it('says "more than" when the server stopped counting, and pages only that far', async () => {
    mockFetch(byPath({ 'GET /public/proposals': () => pageOf([ITEM], 1000, false) }));
    const { wrapper: view } = await mountPublic('/public/proposals');
    expect(view.find('[data-test="public-total"]').text()).toBe(
      '超过 1000 件，这里列出最新的 1000 件；更早的请用搜索查找',
    );
    // 1,000 rows at 20 a page: the pager's last page is 50.
    expect(view.find('.el-pager').text()).toContain('50');
    expect(view.find('.el-pager').text()).not.toContain('51');
    // The pager does not claim 共 1000 条 either.
    expect(view.find('.el-pagination__total').exists()).toBe(false);
  });

  it('asks for more specific words when a search found more than it lists', async () => {
    mockFetch(byPath({ 'GET /public/proposals': () => pageOf([ITEM], 1000, false) }));
    const { wrapper: view } = await mountPublic('/public/proposals?q=%E5%BB%BA%E8%AE%AE');
    expect(view.find('[data-test="public-total"]').text()).toBe(
      '找到超过 1000 件，这里列出最新公开的 1000 件；请换用更具体的关键词',
    );
    expect(view.find('.el-pagination__total').exists()).toBe(false);
  });

  it('searches, marks the matched words, and keeps the search in the address', async () => {
    const { calls } = mockFetch(
      byPath({
        'GET /public/proposals': (call) =>
          queryOf(call).q
            ? pageOf([
                {
                  ...ITEM,
                  highlight: {
                    title: [
                      { text: '关于加强社区', hit: false },
                      { text: '养老', hit: true },
                      { text: '服务的建议', hit: false },
                    ],
                    snippet: [{ text: '答复：已新建日间照料中心', hit: false }],
                  },
                },
              ])
            : pageOf([ITEM]),
      }),
    );
    const { wrapper: view, router } = await mountPublic('/public/proposals?page=2');
    expect(queryOf(listCalls(calls)[0]!).page).toBe('2');
    await view.find('input[data-test="public-q"]').setValue('养老');
    await view.find('[data-test="public-search"]').trigger('submit');
    await flushPromises();
    expect(queryOf(listCalls(calls).at(-1)!)).toEqual({ q: '养老', page: '1', page_size: '20' });
    expect(router.currentRoute.value.query).toEqual({ q: '养老' });
    const item = view.find('[data-test="public-item"]');
    expect(item.find('mark').text()).toBe('养老');
    expect(item.find('[data-test="public-snippet"]').text()).toBe('答复：已新建日间照料中心');
  });

  it('says when nothing was found, and offers the whole list again', async () => {
    const { calls } = mockFetch(
      byPath({ 'GET /public/proposals': (call) => (queryOf(call).q ? pageOf([]) : pageOf([ITEM])) }),
    );
    const { wrapper: view } = await mountPublic('/public/proposals?q=火星');
    const empty = view.find('[data-test="public-empty"]');
    expect(empty.text()).toContain('没有找到与“火星”相关的公开提案');
    expect(view.find('[data-test="public-total"]').exists()).toBe(false);
    await empty.find('button').trigger('click');
    await flushPromises();
    expect(queryOf(listCalls(calls).at(-1)!).q).toBeUndefined();
    expect(view.findAll('[data-test="public-item"]')).toHaveLength(1);
  });

  it("names each row's committee, and none in the header, when a page spans committees", async () => {
    const other = { ...ITEM, id: 7, committee_name: '越秀区政协' };
    mockFetch(byPath({ 'GET /public/proposals': () => pageOf([ITEM, other]) }));
    const { wrapper: view } = await mountPublic('/public/proposals');
    expect(view.find('[data-test="public-brand"]').text()).toBe('提案公开');
    const names = view.findAll('[data-test="public-item-committee"]').map((n) => n.text());
    expect(names).toEqual([COMMITTEE, '越秀区政协']);
  });

  it('says 暂无公开的提案 when nothing is published', async () => {
    mockFetch(byPath({ 'GET /public/proposals': () => pageOf([]) }));
    const { wrapper: view } = await mountPublic('/public/proposals');
    expect(view.find('[data-test="public-empty"]').text()).toContain('暂无公开的提案');
    expect(view.find('[data-test="public-empty"] button').exists()).toBe(false);
    // No data yet: the header does not invent a committee.
    expect(view.find('[data-test="public-brand"]').text()).toBe('提案公开');
  });

  it('shows one proposal: title block, text and every reply', async () => {
    mockFetch(byPath({ 'GET /public/proposals/5': () => jsonResponse(200, PROPOSAL) }));
    const { wrapper: view } = await mountPublic('/public/proposals/5');
    expect(view.find('h1').text()).toBe(ITEM.title);
    expect(view.find('[data-test="public-number"]').text()).toBe('第0012号');
    const facts = view.find('[data-test="public-facts"]').text();
    for (const text of [
      COMMITTEE,
      '八届五次会议',
      '张三、李四',
      '社会民生',
      '2021-11-02',
      '办结日期',
      '2021-10-20',
    ]) {
      expect(facts).toContain(text);
    }
    expect(view.find('[data-test="public-analysis"]').text()).toBe('第一段\n第二段');
    expect(view.find('[data-test="public-suggestions"]').text()).toBe('一、增加日间照料中心');
    const replies = view.findAll('[data-test="public-reply"]');
    expect(replies).toHaveLength(2);
    expect(replies[0]!.text()).toContain('区民政局');
    expect(replies[0]!.text()).toContain('主办');
    expect(replies[0]!.text()).toContain('A 所提问题已经解决或基本解决');
    expect(replies[0]!.text()).toContain('2021-09-30');
    expect(replies[0]!.text()).toContain('已新建日间照料中心三处。');
    expect(replies[1]!.text()).not.toContain('答复类别');
    expect(view.find('[data-test="public-brand"]').text()).toContain(COMMITTEE);
    expect(view.find('[data-test="public-back"]').attributes('href')).toBe('/public/proposals');
  });

  it('answers a proposal that is not published with a friendly not-found and the way back', async () => {
    mockFetch(
      byPath({
        'GET /public/proposals/7': () => apiError(404, 'proposal.not_found', '提案不存在'),
      }),
    );
    const { wrapper: view, router } = await mountPublic('/public/proposals/7');
    const box = view.find('[data-test="public-not-found"]');
    expect(box.text()).toContain('未找到该提案');
    expect(box.text()).toContain('该提案不存在，或尚未公开。');
    expect(box.find('a').attributes('href')).toBe('/public/proposals');
    expect(router.currentRoute.value.path).toBe('/public/proposals/7');
  });

  it('shows a retry for other failures', async () => {
    mockFetch(
      byPath({ 'GET /public/proposals/7': () => apiError(503, 'server.unavailable', '服务暂不可用') }),
    );
    const { wrapper: view } = await mountPublic('/public/proposals/7');
    expect(view.find('[data-test="public-not-found"]').exists()).toBe(false);
    expect(view.text()).toContain('服务暂不可用');
  });
});

describe('login page', () => {
  it('links to the public proposals', async () => {
    setActivePinia(createPinia());
    mockFetch(() => jsonResponse(200, meBody()));
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [
        { path: '/login', name: 'login', component: LoginView },
        { path: '/:p(.*)*', component: Stub },
      ],
    });
    await router.push('/login');
    const view = mount(LoginView, { global: { plugins: [router, i18n] } });
    const link = view.find('[data-test="public-proposals-link"]');
    expect(link.text()).toBe('提案公开查询');
    expect(link.attributes('href')).toBe('/public/proposals');
    view.unmount();
  });
});
