// Staff entering a paper proposal (纸质提案) name its first proposer — or the contact member of a
// collective proposal — in a remote-search select (GET /proposals/cosigner-options); the draft is
// created with `first_member_id` only once that member is chosen, and the choice is fixed afterwards.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { createMemoryHistory, createRouter, RouterView, type Router } from 'vue-router';
import { defineComponent } from 'vue';
import { i18n } from '@/i18n';
import { useAuthStore } from '@/stores/auth';
import type { Me } from '@/api/types';
import ProposalEditView from '@/views/proposals/ProposalEditView.vue';
import { apiError, jsonResponse, meBody, mockFetch } from './helpers';
import { byPath, pathOf, queryOf, settle } from './views-helpers';

vi.setConfig({ testTimeout: 30000 });

const OPTIONS = {
  sessions: [{ id: 2, name: '九届二次会议', is_current: true }],
  categories: [{ id: 11, name: '经济建设' }],
  collectives: [{ id: 51, name: '民进区委', kind: 'party' }],
  reply_classes: [],
  not_file_grounds: [],
  dispositions: [],
  contact_methods: [],
  units: [],
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

const CANDIDATES = [
  { member_id: 21, name: '王小明', member_no: '0901001', sector: '经济界' },
  { member_id: 22, name: '李华', member_no: '0901002', sector: { id: 3, name: '教育界' } },
];

function draft(overrides: Record<string, unknown> = {}) {
  return {
    id: 9,
    number: null,
    number_label: '',
    session: { id: 2, name: '九届二次会议' },
    kind: 'inter_session',
    proposer_kind: 'member',
    collective: null,
    first_proposer: { member_id: 21, name: '王小明' },
    proposer_names: '王小明',
    title: '关于',
    category: null,
    state: 'draft',
    state_name: '草稿',
    is_key: false,
    is_published: false,
    deadline: null,
    overdue: false,
    units: [],
    updated_at: 1700000000,
    submitted_at: null,
    analysis: '',
    suggestions: '',
    owner_user_id: 1,
    version: 1,
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
        member_id: 21,
        name: '王小明',
        role: 'first',
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
    actions: ['edit', 'submit', 'withdraw', 'upload_attachment', 'delete_attachment'],
    my_capacities: ['first_proposer', 'staff'],
    ...overrides,
  };
}

const STAFF = ['proposal.view_all', 'proposal.manage'];
const MEMBER = ['proposal.submit'];
const Stub = defineComponent({ template: '<div />' });
let wrapper: VueWrapper | null = null;

afterEach(() => {
  wrapper?.unmount();
  wrapper = null;
  vi.unstubAllGlobals();
});

async function mountEdit(
  path: string,
  permissions: string[],
  roles: string[],
): Promise<{ view: VueWrapper; router: Router }> {
  const pinia = createPinia();
  setActivePinia(pinia);
  useAuthStore().me = meBody({ permissions, roles }) as unknown as Me;
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/proposals', name: 'proposals', component: Stub },
      { path: '/proposals/new', name: 'proposal-new', component: ProposalEditView },
      { path: '/proposals/:id(\\d+)/edit', name: 'proposal-edit', component: ProposalEditView },
      { path: '/proposals/:id(\\d+)', name: 'proposal-detail', component: Stub },
      { path: '/:p(.*)*', component: Stub },
    ],
  });
  await router.push(path);
  wrapper = mount(RouterView, { global: { plugins: [pinia, router, i18n] } });
  await flushPromises();
  return { view: wrapper, router };
}

const select = (view: VueWrapper, test: string) => view.findComponent(`[data-test="${test}"]`) as VueWrapper;
/** The labels a select offers now. */
const offered = (view: VueWrapper, test: string) =>
  select(view, test)
    .findAllComponents({ name: 'ElOption' })
    .map((o) => String((o.props() as Record<string, unknown>).label));
const waitAutosave = async () => {
  await new Promise((resolve) => setTimeout(resolve, 1700));
  await flushPromises();
};

describe('staff entering a paper proposal', () => {
  it('asks for the first proposer before the draft is created, then sends first_member_id', async () => {
    const { calls } = mockFetch(
      byPath({
        'GET /proposals/options': () => jsonResponse(200, OPTIONS),
        'GET /proposals/cosigner-options': () => jsonResponse(200, { items: CANDIDATES }),
        'POST /proposals': () => jsonResponse(201, draft()),
      }),
    );
    const { view, router } = await mountEdit('/proposals/new', STAFF, ['staff']);
    const field = view.find('[data-test="field-first-member"]');
    expect(field.exists()).toBe(true);
    const item = field.element.closest('.el-form-item')!;
    expect(item.textContent).toContain('第一提案人');
    expect(item.classList.contains('is-required')).toBe(true);
    // A paper proposal of one member is the usual case: 个人 is preselected.
    expect(view.find('[data-test="field-proposer-kind"] input[value="member"]').element).toHaveProperty(
      'checked',
      true,
    );

    // Typed text waits: without the first proposer the server would refuse the draft.
    await view.find('input[data-test="field-title"]').setValue('关于');
    await waitAutosave();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    expect(view.find('[data-test="save-status"]').text()).toBe('请先选择第一提案人，草稿才能保存');
    await view.find('[data-test="submit"]').trigger('click');
    await settle();
    expect(item.textContent).toContain('请先选择第一提案人，草稿才能保存');
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    // The picker searches the same list as the co-signer picker.
    select(view, 'field-first-member').vm.$emit('visible-change', true);
    await flushPromises();
    const search = calls.find((c) => pathOf(c) === '/proposals/cosigner-options')!;
    expect(queryOf(search)).toEqual({}); // an empty q is left out: the first 20 members
    expect(offered(view, 'field-first-member')).toEqual([
      '王小明（0901001 · 经济界）',
      '李华（0901002 · 教育界）',
    ]);

    select(view, 'field-first-member').vm.$emit('update:modelValue', 21);
    await flushPromises();
    await settle();
    const post = calls.find((c) => c.method === 'POST')!;
    expect(pathOf(post)).toBe('/proposals');
    expect(post.body).toEqual({ title: '关于', first_member_id: 21, proposer_kind: 'member' });
    expect(item.textContent).not.toContain('请先选择第一提案人');
    expect(router.currentRoute.value.fullPath).toBe('/proposals/9/edit');

    // Fixed once the draft exists (shown as text); the first proposer is no co-signer candidate.
    expect(view.find('[data-test="field-first-member"]').exists()).toBe(false);
    expect(view.find('[data-test="first-member-fixed"]').text()).toBe('王小明（0901001 · 经济界）');
    select(view, 'field-cosigners').vm.$emit('visible-change', true);
    await flushPromises();
    expect(offered(view, 'field-cosigners')).toEqual(['李华（0901002 · 教育界）']);
  });

  it('names the contact member of a collective proposal and shows the server field error', async () => {
    const { calls } = mockFetch(
      byPath({
        'GET /proposals/options': () => jsonResponse(200, OPTIONS),
        'GET /proposals/cosigner-options': () => jsonResponse(200, { items: CANDIDATES }),
        'POST /proposals': () =>
          apiError(422, 'validation.failed', '输入有误', {
            fields: { first_member_id: '第一提案人须为本届在任委员' },
          }),
      }),
    );
    const { view } = await mountEdit('/proposals/new', STAFF, ['staff']);
    await view.find('[data-test="field-proposer-kind"] input[value="collective"]').setValue(true);
    await flushPromises();
    const item = view.find('[data-test="field-first-member"]').element.closest('.el-form-item')!;
    expect(item.textContent).toContain('联系委员');
    select(view, 'field-collective').vm.$emit('update:modelValue', 51);
    select(view, 'field-first-member').vm.$emit('update:modelValue', 22);
    await view.find('input[data-test="field-title"]').setValue('关于');
    await waitAutosave();
    await settle();
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.body).toEqual({
      title: '关于',
      first_member_id: 22,
      proposer_kind: 'collective',
      collective_id: 51,
    });
    expect(item.textContent).toContain('第一提案人须为本届在任委员');
  });

  it('a staff draft shows its first proposer, fixed; members never see the picker', async () => {
    mockFetch(
      byPath({
        'GET /proposals/options': () => jsonResponse(200, OPTIONS),
        'GET /proposals/9': () => jsonResponse(200, draft()),
      }),
    );
    const staff = await mountEdit('/proposals/9/edit', STAFF, ['staff']);
    expect(staff.view.find('[data-test="first-member-fixed"]').text()).toBe('王小明');
    expect(staff.view.find('[data-test="field-first-member"]').exists()).toBe(false);
    wrapper?.unmount();

    // A collective draft: its body and contact member, both fixed.
    mockFetch(
      byPath({
        'GET /proposals/options': () => jsonResponse(200, OPTIONS),
        'GET /proposals/9': () =>
          jsonResponse(
            200,
            draft({ proposer_kind: 'collective', collective: { id: 51, name: '民进区委', kind: 'party' } }),
          ),
      }),
    );
    const collective = await mountEdit('/proposals/9/edit', STAFF, ['staff']);
    expect(collective.view.find('[data-test="collective-fixed"]').text()).toBe('民进区委');
    const item = collective.view.find('[data-test="first-member-fixed"]').element.closest('.el-form-item')!;
    expect(item.textContent).toContain('联系委员');
    expect(item.textContent).toContain('王小明');
    wrapper?.unmount();

    mockFetch(
      byPath({
        'GET /proposals/options': () => jsonResponse(200, { ...OPTIONS, collectives: [] }),
      }),
    );
    const member = await mountEdit('/proposals/new', MEMBER, ['member']);
    expect(member.view.find('[data-test="field-first-member"]').exists()).toBe(false);
  });
});
