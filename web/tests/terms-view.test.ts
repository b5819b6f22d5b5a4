import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, type VueWrapper } from '@vue/test-utils';
import TermsView from '@/views/org/TermsView.vue';
import { jsonResponse, mockFetch, type Call } from './helpers';
import { byPath, listOf, mountView, pathOf, queryOf, settle } from './views-helpers';

vi.setConfig({ testTimeout: 30000 });

const TERMS = [
  {
    id: 2,
    number: 9,
    name: '第九届',
    start_date: '2021-12-20',
    end_date: null,
    is_current: true,
    member_count: 3,
    sessions: [
      {
        id: 5,
        term_id: 2,
        number: 2,
        name: '九届二次会议',
        start_date: '2023-01-05',
        end_date: '2023-01-08',
      },
    ],
  },
  {
    id: 1,
    number: 8,
    name: '第八届',
    start_date: '2016-12-20',
    end_date: '2021-12-19',
    is_current: false,
    member_count: 0,
    sessions: [],
  },
];

const ACTIVE = [
  { id: 41, member_no: '0901', name: '陈一', sector: { id: 1, name: '教育界' } },
  { id: 42, member_no: '0902', name: '李二', sector: null },
  { id: 43, member_no: '0903', name: '张三', sector: null },
];

let wrapper: VueWrapper | null = null;
afterEach(() => {
  wrapper?.unmount();
  wrapper = null;
  vi.unstubAllGlobals();
});

function handlers(extra: Record<string, (call: Call) => Response> = {}) {
  return byPath({ 'GET /terms': () => listOf(TERMS), 'GET /members': () => listOf(ACTIVE), ...extra });
}

async function mountTerms(permissions = ['org.view', 'org.manage', 'member.view']) {
  const mounted = await mountView(TermsView, { permissions });
  wrapper = mounted.wrapper;
  return mounted.wrapper;
}

function changeDialog(view: VueWrapper) {
  return view
    .findAllComponents({ name: 'ElDialog' })
    .find((d) => d.props('title') === '换届' || d.props('title') === '请确认换届')!;
}

describe('terms view', () => {
  it('lists terms newest first with the current one tagged and its sessions', async () => {
    mockFetch(handlers());
    const view = await mountTerms(['org.view']);
    const first = view.find('[data-test="term-2"]');
    expect(first.text()).toContain('第九届');
    expect(first.text()).toContain('当前届');
    expect(first.text()).toContain('2021-12-20 — 至今');
    expect(first.text()).toContain('委员 3 人');
    expect(first.text()).toContain('九届二次会议');
    expect(view.find('[data-test="term-1"]').text()).not.toContain('当前届');
    // Read-only without org.manage.
    expect(view.text()).not.toContain('新建届次');
    expect(view.find('[data-test="open-term-change"]').exists()).toBe(false);
  });

  it('换届: states what will happen before changing, then posts the continuing members', async () => {
    const { calls } = mockFetch(
      handlers({
        'POST /terms/change': () => jsonResponse(201, { ...TERMS[0], id: 3, number: 10, name: '第十届' }),
      }),
    );
    const view = await mountTerms();
    await view.find('[data-test="open-term-change"]').trigger('click');
    await flushPromises();

    const membersCall = calls.find((c) => pathOf(c) === '/members')!;
    expect(queryOf(membersCall)).toMatchObject({ term_id: '2', status: 'active', page_size: '100' });
    const dialog = changeDialog(view);
    expect(dialog.text()).toContain('陈一');
    expect(dialog.find('[data-test="selected-count"]').text()).toBe('已选 0 / 3 人');

    // A start date not after the current term's start is refused on the form.
    const picker = dialog.findComponent({ name: 'ElDatePicker' });
    picker.vm.$emit('update:modelValue', '2020-01-01');
    await dialog.find('[data-test="term-change-next"]').trigger('click');
    await settle();
    expect(dialog.text()).toContain('新一届开始日期须晚于当前届的开始日期（2021-12-20）');
    expect(view.find('[data-test="term-change-confirm"]').exists()).toBe(false);

    picker.vm.$emit('update:modelValue', '2026-12-20');
    const box = dialog.findAll('.el-checkbox').find((c) => c.text().includes('李二'))!;
    await box.find('input').setValue(true);
    expect(dialog.find('[data-test="selected-count"]').text()).toBe('已选 1 / 3 人');
    await dialog.find('[data-test="term-change-next"]').trigger('click');
    await settle();

    expect(changeDialog(view).props('title')).toBe('请确认换届');
    const confirm = view.find('[data-test="term-change-confirm"]').text();
    expect(confirm).toContain('第九届将结束，结束日期为 2026-12-19');
    expect(confirm).toContain('第九届的 3 名在任委员全部变为“届满”');
    expect(confirm).toContain('其中 1 名继续任职，转入第十届');
    expect(confirm).toContain('其余 2 名不再延续');
    expect(confirm).toContain('第十届自 2026-12-20 起成为当前届');
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    await view.find('[data-test="term-change-confirm-button"]').trigger('click');
    await flushPromises();
    const post = calls.find((c) => c.method === 'POST')!;
    expect(pathOf(post)).toBe('/terms/change');
    expect(post.body).toEqual({ number: 10, start_date: '2026-12-20', continuing_member_ids: [42] });
    // The list is read again.
    expect(calls.filter((c) => pathOf(c) === '/terms').length).toBe(2);
  });
});
