import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  changedMemberFields,
  emptyMemberFilters,
  exportMembers,
  importMembers,
  listAccountOptions,
  listAllActiveMembers,
  listMembers,
  membersFromRouteQuery,
  membersQuery,
  membersRouteQuery,
  reportFromDetails,
  setMemberStatus,
  XLSX_TYPE,
} from '@/api/members';
import { setCsrfToken } from '@/api/client';
import { jsonResponse, mockFetch, type Call } from './helpers';

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
});

function parts(call: Call) {
  const url = new URL(call.url, 'http://x');
  return { path: url.pathname, query: Object.fromEntries(url.searchParams) };
}

describe('members filters → query', () => {
  it('sends only the default sort and paging for empty filters', () => {
    expect(membersQuery(emptyMemberFilters())).toEqual({ sort: 'pinyin', page: 1, page_size: 20 });
  });

  it('maps every filter and the sort', async () => {
    const { calls } = mockFetch(() => jsonResponse(200, { items: [], total: 0, page: 2, page_size: 50 }));
    await listMembers({
      term_id: 2,
      sector_id: 11,
      party_id: 12,
      special_committee_id: 13,
      group_id: 14,
      status: 'resigned',
      standing: 'true',
      hk_macao: 'false',
      q: ' 王 ',
      sort: '-birth_date',
      page: 2,
      page_size: 50,
    });
    expect(parts(calls[0]!)).toEqual({
      path: '/api/v1/members',
      query: {
        term_id: '2',
        sector_id: '11',
        party_id: '12',
        special_committee_id: '13',
        group_id: '14',
        status: 'resigned',
        standing: 'true',
        hk_macao: 'false',
        q: '王',
        sort: '-birth_date',
        page: '2',
        page_size: '50',
      },
    });
  });

  it('exports the filtered list without paging, as a file', async () => {
    const { calls } = mockFetch(
      () => new Response(new Blob(['xlsx']), { status: 200, headers: { 'Content-Type': XLSX_TYPE } }),
    );
    const blob = await exportMembers({
      ...emptyMemberFilters(),
      term_id: 3,
      party_id: 5,
      sort: 'member_no',
      page: 4,
    });
    expect(blob).toBeInstanceOf(Blob);
    expect(await blob.text()).toBe('xlsx');
    expect(parts(calls[0]!)).toEqual({
      path: '/api/v1/members/export',
      query: { term_id: '3', party_id: '5', sort: 'member_no' },
    });
    expect(calls[0]!.method).toBe('GET');
  });

  it('pages through all active members of a term', async () => {
    const first = Array.from({ length: 100 }, (_, i) => ({ id: i + 1 }));
    const { calls } = mockFetch(
      () => jsonResponse(200, { items: first, total: 150, page: 1, page_size: 100 }),
      () => jsonResponse(200, { items: first.slice(0, 50), total: 150, page: 2, page_size: 100 }),
    );
    expect(await listAllActiveMembers(9)).toHaveLength(150);
    expect(calls.map((c) => parts(c).query)).toEqual([
      { term_id: '9', status: 'active', sort: 'pinyin', page: '1', page_size: '100' },
      { term_id: '9', status: 'active', sort: 'pinyin', page: '2', page_size: '100' },
    ]);
  });
});

describe('member writes', () => {
  it('uploads the import file as the raw body with the xlsx type and CSRF header', async () => {
    setCsrfToken('tok-9');
    const report = { dry_run: true, rows: 2, created: 1, updated: 1, errors: [] };
    const { calls } = mockFetch(() => jsonResponse(200, report));
    const file = new File([new Uint8Array([0x50, 0x4b, 3, 4])], 'm.xlsx', { type: '' });
    expect(await importMembers(file, { termId: 4, dryRun: true })).toEqual(report);
    const call = calls[0]!;
    expect(call.method).toBe('POST');
    expect(parts(call)).toEqual({ path: '/api/v1/members/import', query: { dry_run: 'true', term_id: '4' } });
    expect(call.headers['Content-Type']).toBe(XLSX_TYPE);
    expect(call.headers['X-CSRF-Token']).toBe('tok-9');
    expect(call.raw).toBe(file);
    await importMembers(file, { termId: null, dryRun: false });
    expect(parts(calls[1]!).query).toEqual({ dry_run: 'false' });
  });

  it('posts a status change with a trimmed reason', async () => {
    const { calls } = mockFetch(() => jsonResponse(200, {}));
    await setMemberStatus(5, { status: 'resigned', date: '2024-03-01', reason: ' 工作调动 ' });
    expect([calls[0]!.method, parts(calls[0]!).path, calls[0]!.body]).toEqual([
      'POST',
      '/api/v1/members/5/status',
      { status: 'resigned', date: '2024-03-01', reason: '工作调动' },
    ]);
  });

  it('finds the changed fields of an edit (arrays in any order)', () => {
    const base = {
      member_no: '001',
      name: '王五',
      gender: 'male' as const,
      phone: null,
      special_committee_ids: [1, 2],
      user_id: null,
    };
    expect(changedMemberFields(base, { ...base, special_committee_ids: [2, 1] })).toEqual({});
    expect(
      changedMemberFields(base, {
        ...base,
        name: '王六',
        phone: '13800001111',
        special_committee_ids: [1],
        user_id: 3,
      }),
    ).toEqual({ name: '王六', phone: '13800001111', special_committee_ids: [1], user_id: 3 });
  });

  it('reads the report a failed import carries in its details', () => {
    const errors = [{ row: 3, column: '出生日期', reason: '日期格式应为 YYYY-MM-DD' }];
    expect(reportFromDetails({ dry_run: false, rows: 5, created: 0, updated: 0, errors })).toEqual({
      dry_run: false,
      rows: 5,
      created: 0,
      updated: 0,
      errors,
    });
    expect(reportFromDetails({ report: { rows: 1, errors } })?.errors).toEqual(errors);
    expect(reportFromDetails({})).toBeNull();
  });
});

describe('account options', () => {
  it('searches the member accounts of the term, trimmed', async () => {
    const { calls } = mockFetch(() => jsonResponse(200, { items: [] }));
    await listAccountOptions('  m0901 ', 9);
    expect(parts(calls[0]!)).toEqual({
      path: '/api/v1/members/account-options',
      query: { q: 'm0901', term_id: '9' },
    });
  });
});

describe('member filters in the address', () => {
  it('round-trips the filters and leaves defaults out', () => {
    const filters = {
      ...emptyMemberFilters(),
      term_id: 2,
      party_id: 5,
      standing: 'true' as const,
      q: ' 林 ',
      sort: 'member_no' as const,
      page: 3,
    };
    const query = membersRouteQuery(filters);
    expect(query).toEqual({
      term_id: '2',
      party_id: '5',
      standing: 'true',
      q: '林',
      sort: 'member_no',
      page: '3',
    });
    expect(membersFromRouteQuery(query)).toEqual({ ...filters, q: '林' });
    expect(membersRouteQuery(emptyMemberFilters())).toEqual({});
  });

  it('ignores what it does not understand', () => {
    expect(
      membersFromRouteQuery({
        term_id: '-1',
        status: 'gone',
        sort: 'age',
        standing: 'maybe',
        page_size: '500',
        x: '1',
      }),
    ).toEqual(emptyMemberFilters());
  });
});
