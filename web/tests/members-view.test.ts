import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, type VueWrapper } from '@vue/test-utils';
import MembersView from '@/views/members/MembersView.vue';
import { apiError, jsonResponse, mockFetch, type Call } from './helpers';
import { byPath, listOf, mountView, pathOf, queryOf } from './views-helpers';

const TERMS = [
  {
    id: 2,
    number: 9,
    name: '第九届',
    start_date: '2021-12-20',
    end_date: null,
    is_current: true,
    member_count: 2,
    sessions: [],
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

const MEMBER = {
  id: 31,
  term_id: 2,
  member_no: '0901',
  name: '王小明',
  gender: 'male',
  birth_date: '1970-05-01',
  party: { id: 12, name: '民盟' },
  sector: { id: 11, name: '教育界' },
  employer: '天河区第一中学',
  title: '校长',
  is_standing: true,
  is_hk_macao: false,
  status: 'active',
  phone: '138****5678',
};

const REF = {
  sector: [{ id: 11, name: '教育界' }],
  party: [{ id: 12, name: '民盟' }],
  special_committee: [{ id: 13, name: '提案委员会' }],
  member_group: [{ id: 14, name: '第一组' }],
};

function handlers(members: unknown[], extra: Record<string, (call: Call) => Response> = {}) {
  return byPath({
    '/terms': () => listOf(TERMS),
    '/reference/sector': () => listOf(REF.sector),
    '/reference/party': () => listOf(REF.party),
    '/reference/special_committee': () => listOf(REF.special_committee),
    '/reference/member_group': () => listOf(REF.member_group),
    'GET /members': () => listOf(members),
    ...extra,
  });
}

const memberCalls = (calls: Call[]) => calls.filter((c) => c.method === 'GET' && pathOf(c) === '/members');

// Mounting a view with a dozen Element Plus selects takes seconds in happy-dom.
vi.setConfig({ testTimeout: 30000 });

let wrapper: VueWrapper | null = null;

beforeEach(() => {
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
  URL.createObjectURL = vi.fn(() => 'blob:test');
  URL.revokeObjectURL = vi.fn();
});
afterEach(() => {
  wrapper?.unmount();
  wrapper = null;
  vi.unstubAllGlobals();
});

async function mountMembers(permissions = ['member.view', 'org.view']) {
  const mounted = await mountView(MembersView, { permissions });
  wrapper = mounted.wrapper;
  return mounted.wrapper;
}

describe('members list', () => {
  it('shows the rows of the current term with masked phone, tags and a link to the profile', async () => {
    const { calls } = mockFetch(handlers([MEMBER]));
    const view = await mountMembers();
    const table = view.find('[data-test="members-table"]');
    for (const text of ['0901', '王小明', '男', '民盟', '教育界', '天河区第一中学 校长', '常委', '在任']) {
      expect(table.text()).toContain(text);
    }
    expect(table.find('[data-test="phone"]').text()).toBe('138****5678');
    expect(table.find('a[href="/members/31"]').text()).toBe('王小明');
    // The list waited for the terms: the first request already names the current term.
    expect(queryOf(memberCalls(calls)[0]!)).toEqual({
      term_id: '2',
      sort: 'pinyin',
      page: '1',
      page_size: '20',
    });
    // Without member.manage there is no create or import.
    expect(view.text()).not.toContain('新增委员');
    expect(view.find('[data-test="open-import"]').exists()).toBe(false);
  });

  it('keeps the filters in the address, and a list opened with them searches with them', async () => {
    const { calls } = mockFetch(handlers([MEMBER]));
    const { wrapper: view, router } = await mountView(MembersView, {
      permissions: ['member.view', 'org.view'],
      path: '/?q=王&status=active&sort=-pinyin&page=2&sector_id=abc',
    });
    wrapper = view;
    expect(queryOf(memberCalls(calls)[0]!)).toEqual({
      term_id: '2',
      q: '王',
      status: 'active',
      sort: '-pinyin',
      page: '2',
      page_size: '20',
    });
    // The malformed sector is dropped; the address now states exactly what was searched.
    expect(router.currentRoute.value.query).toEqual({
      term_id: '2',
      q: '王',
      status: 'active',
      sort: '-pinyin',
      page: '2',
    });
  });

  it('shows the empty state', async () => {
    mockFetch(handlers([]));
    const view = await mountMembers();
    expect(view.find('[data-test="members-table"]').text()).toContain('没有符合条件的委员');
  });

  it('sends the chosen filters, search and sort to GET /members', async () => {
    const { calls } = mockFetch(handlers([MEMBER]));
    const view = await mountMembers();
    const select = (test: string) => view.findComponent(`[data-test="${test}"]`) as VueWrapper;
    select('filter-sector').vm.$emit('update:modelValue', 11);
    select('filter-sector').vm.$emit('change', 11);
    await flushPromises();
    select('filter-status').vm.$emit('update:modelValue', 'term_ended');
    select('filter-sort').vm.$emit('update:modelValue', '-member_no');
    await view.find('input[data-test="filter-q"]').setValue('王');
    await view.find('form[role="search"]').trigger('submit');
    await flushPromises();
    const last = memberCalls(calls).at(-1)!;
    expect(queryOf(last)).toEqual({
      term_id: '2',
      sector_id: '11',
      status: 'term_ended',
      q: '王',
      sort: '-member_no',
      page: '1',
      page_size: '20',
    });
  });

  it('exports with the current filters and without paging', async () => {
    const { calls } = mockFetch(
      handlers([MEMBER], {
        '/members/export': () => new Response(new Blob(['x']), { status: 200 }),
      }),
    );
    const view = await mountMembers();
    (view.findComponent('[data-test="filter-sector"]') as VueWrapper).vm.$emit('update:modelValue', 11);
    await view.find('input[data-test="filter-q"]').setValue('0901');
    await view.find('[data-test="export"]').trigger('click');
    await flushPromises();
    const exportCall = calls.find((c) => pathOf(c) === '/members/export')!;
    expect(exportCall.method).toBe('GET');
    expect(queryOf(exportCall)).toEqual({ term_id: '2', sector_id: '11', q: '0901', sort: 'pinyin' });
    expect(URL.createObjectURL).toHaveBeenCalledTimes(1);
  });
});

describe('members import', () => {
  async function openImport(responses: ((call: Call) => Response)[]) {
    let n = 0;
    const fetched = mockFetch(
      handlers([MEMBER], {
        'POST /members/import': (call) => responses[Math.min(n++, responses.length - 1)]!(call),
      }),
    );
    const view = await mountMembers(['member.view', 'member.manage', 'org.view']);
    await view.find('[data-test="open-import"]').trigger('click');
    await flushPromises();
    return { view, calls: fetched.calls };
  }

  async function chooseFile(view: VueWrapper, name = 'members.xlsx') {
    const input = view.find('[data-test="import-file"]');
    const file = new File([new Uint8Array([0x50, 0x4b, 3, 4])], name);
    Object.defineProperty(input.element, 'files', { value: [file], configurable: true });
    await input.trigger('change');
    return file;
  }

  const button = (view: VueWrapper, test: string) => view.find(`[data-test="${test}"]`);

  it('shows the dry-run errors by row, column and reason and keeps import disabled', async () => {
    const report = {
      dry_run: true,
      rows: 3,
      created: 2,
      updated: 1,
      errors: [
        { row: 3, column: '出生日期', reason: '日期格式应为 YYYY-MM-DD' },
        { row: 4, column: '党派', reason: '党派“民X”不存在或已停用' },
      ],
    };
    const { view, calls } = await openImport([() => jsonResponse(200, report)]);
    expect(button(view, 'import-check').attributes('disabled')).toBeDefined();
    expect(button(view, 'import-run').attributes('disabled')).toBeDefined();
    const file = await chooseFile(view);
    await button(view, 'import-check').trigger('click');
    await flushPromises();

    const upload = calls.find((c) => pathOf(c) === '/members/import')!;
    expect(queryOf(upload)).toEqual({ dry_run: 'true', term_id: '2' });
    expect(upload.raw).toBe(file);
    const text = view.find('[data-test="import-report"]').text();
    expect(text).toContain('共 3 行');
    expect(text).toContain('将新建 2 人');
    expect(text).toContain('将更新 1 人');
    expect(text).toContain('发现 2 处错误');
    const cells = view
      .findAll('[data-test="import-errors"] tbody tr')
      .map((tr) => tr.findAll('td').map((td) => td.text()));
    expect(cells).toEqual([
      ['3', '出生日期', '日期格式应为 YYYY-MM-DD'],
      ['4', '党派', '党派“民X”不存在或已停用'],
    ]);
    expect(button(view, 'import-run').attributes('disabled')).toBeDefined();
  });

  it('enables import only after a clean dry run of the same file, then imports and reloads', async () => {
    const clean = { dry_run: true, rows: 2, created: 1, updated: 1, errors: [] };
    const done = { dry_run: false, rows: 2, created: 1, updated: 1, errors: [] };
    const { view, calls } = await openImport([
      () => jsonResponse(200, clean),
      () => jsonResponse(200, clean),
      () => jsonResponse(200, done),
    ]);
    await chooseFile(view);
    await button(view, 'import-check').trigger('click');
    await flushPromises();
    expect(view.text()).toContain('预检通过');
    expect(button(view, 'import-run').attributes('disabled')).toBeUndefined();

    // Another file makes the check stale.
    await chooseFile(view, 'other.xlsx');
    expect(button(view, 'import-run').attributes('disabled')).toBeDefined();
    await button(view, 'import-check').trigger('click');
    await flushPromises();
    expect(button(view, 'import-run').attributes('disabled')).toBeUndefined();

    const listsBefore = memberCalls(calls).length;
    await button(view, 'import-run').trigger('click');
    await flushPromises();
    const uploads = calls.filter((c) => pathOf(c) === '/members/import');
    expect(uploads.map((c) => queryOf(c).dry_run)).toEqual(['true', 'true', 'false']);
    expect(view.find('[data-test="import-done"]').text()).toContain(
      '导入完成：共 2 行，新建 1 人，更新 1 人',
    );
    expect(memberCalls(calls).length).toBe(listsBefore + 1);
    expect(button(view, 'import-run').attributes('disabled')).toBeDefined();
  });

  it('shows the report a refused real import carries', async () => {
    const clean = { dry_run: true, rows: 1, created: 1, updated: 0, errors: [] };
    const { view } = await openImport([
      () => jsonResponse(200, clean),
      () =>
        apiError(422, 'import.invalid_rows', '导入文件有错误', {
          dry_run: false,
          rows: 1,
          created: 0,
          updated: 0,
          errors: [{ row: 2, column: '委员编号', reason: '本届已有该委员编号' }],
        }),
    ]);
    await chooseFile(view);
    await button(view, 'import-check').trigger('click');
    await flushPromises();
    await button(view, 'import-run').trigger('click');
    await flushPromises();
    expect(view.find('[data-test="import-errors"]').text()).toContain('本届已有该委员编号');
    expect(button(view, 'import-run').attributes('disabled')).toBeDefined();
  });

  it.each([
    [413, 'request.body_too_large', '请求内容过大', '文件过大，不能超过 10 MB'],
    [
      415,
      'request.unsupported_media_type',
      '请求内容类型不受支持，请使用 application/json',
      '文件不是有效的 Excel（.xlsx）文件',
    ],
    [422, 'import.too_many_rows', '表格行数超过上限，请拆分后分批导入', '表格行数超过上限，请拆分后分批导入'],
  ])('shows the Chinese message of a %i answer', async (status, code, message, shown) => {
    const { view } = await openImport([() => apiError(status, code, message)]);
    await chooseFile(view);
    await button(view, 'import-check').trigger('click');
    await flushPromises();
    const alerts = view.findAll('[role="alert"]').map((a) => a.text());
    expect(alerts.some((a) => a.includes(shown))).toBe(true);
    expect(button(view, 'import-run').attributes('disabled')).toBeDefined();
  });
});
