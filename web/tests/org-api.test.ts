import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  changeTerm,
  createExpert,
  createReference,
  createSession,
  createTerm,
  createUnit,
  deleteReference,
  deleteUnit,
  listAllReference,
  listAllTerms,
  listExperts,
  listReference,
  listUnits,
  updateReference,
  updateSession,
  updateTerm,
  updateUnit,
} from '@/api/org';
import { setCsrfToken } from '@/api/client';
import { jsonResponse, mockFetch, type Call } from './helpers';

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
});

const page = (items: unknown[] = [], total = items.length) =>
  jsonResponse(200, { items, total, page: 1, page_size: 100 });

function parts(call: Call) {
  const url = new URL(call.url, 'http://x');
  return { path: url.pathname, query: Object.fromEntries(url.searchParams) };
}

describe('terms API', () => {
  it('lists every term page by page', async () => {
    const first = Array.from({ length: 100 }, (_, i) => ({ id: i + 1 }));
    const { calls } = mockFetch(
      () => page(first, 101),
      () => page([{ id: 101 }], 101),
    );
    const terms = await listAllTerms();
    expect(terms).toHaveLength(101);
    expect(calls.map((c) => parts(c))).toEqual([
      { path: '/api/v1/terms', query: { page: '1', page_size: '100' } },
      { path: '/api/v1/terms', query: { page: '2', page_size: '100' } },
    ]);
  });

  it('creates, edits and changes terms with the documented bodies', async () => {
    setCsrfToken('tok');
    const { calls } = mockFetch(() => jsonResponse(201, {}));
    await createTerm({ number: 9, start_date: '2021-12-20', end_date: '' });
    await createTerm({ number: 10, start_date: '2026-12-20', end_date: '2031-12-19' });
    await updateTerm(3, { start_date: '2021-12-21', end_date: null });
    await createSession(3, { number: 2, start_date: '2023-01-05', end_date: '2023-01-08' });
    await updateSession(8, { start_date: '2023-01-06', end_date: '2023-01-09' });
    await changeTerm({ number: 10, start_date: '2026-12-20', continuing_member_ids: [4, 5] });
    expect(calls.map((c) => [c.method, parts(c).path, c.body])).toEqual([
      ['POST', '/api/v1/terms', { number: 9, start_date: '2021-12-20' }],
      ['POST', '/api/v1/terms', { number: 10, start_date: '2026-12-20', end_date: '2031-12-19' }],
      ['PATCH', '/api/v1/terms/3', { start_date: '2021-12-21', end_date: null }],
      ['POST', '/api/v1/terms/3/sessions', { number: 2, start_date: '2023-01-05', end_date: '2023-01-08' }],
      ['PATCH', '/api/v1/sessions/8', { start_date: '2023-01-06', end_date: '2023-01-09' }],
      [
        'POST',
        '/api/v1/terms/change',
        { number: 10, start_date: '2026-12-20', continuing_member_ids: [4, 5] },
      ],
    ]);
    expect(calls.every((c) => c.headers['X-CSRF-Token'] === 'tok')).toBe(true);
  });
});

describe('reference API', () => {
  it('puts q, active, parent_id and paging in the query', async () => {
    const { calls } = mockFetch(() => page());
    await listReference('community', { q: ' 天河 ', active: true, parent_id: 7, page: 2, page_size: 50 });
    await listReference('sector', { active: false });
    await listReference('party');
    expect(calls.map(parts)).toEqual([
      {
        path: '/api/v1/reference/community',
        query: { q: '天河', active: 'true', parent_id: '7', page: '2', page_size: '50' },
      },
      { path: '/api/v1/reference/sector', query: { active: 'false', page: '1', page_size: '20' } },
      { path: '/api/v1/reference/party', query: { page: '1', page_size: '20' } },
    ]);
  });

  it('reads the active items of a kind for pickers', async () => {
    const { calls } = mockFetch(() => page([{ id: 1, name: '中共' }]));
    expect(await listAllReference('party', { active: true })).toEqual([{ id: 1, name: '中共' }]);
    expect(parts(calls[0]!)).toEqual({
      path: '/api/v1/reference/party',
      query: { active: 'true', page: '1', page_size: '100' },
    });
  });

  it('creates, updates and deletes items of a kind', async () => {
    const { calls } = mockFetch(
      () => jsonResponse(201, {}),
      () => jsonResponse(200, {}),
      () => new Response(null, { status: 204 }),
    );
    await createReference('community', { name: '华港社区', code: null, parent_id: 3, sort_order: 1 });
    await updateReference('street', 3, { is_active: false });
    await deleteReference('building', 9);
    expect(calls.map((c) => [c.method, parts(c).path, c.body])).toEqual([
      ['POST', '/api/v1/reference/community', { name: '华港社区', code: null, parent_id: 3, sort_order: 1 }],
      ['PATCH', '/api/v1/reference/street/3', { is_active: false }],
      ['DELETE', '/api/v1/reference/building/9', undefined],
    ]);
  });
});

describe('units and experts API', () => {
  it('lists units with search and active filter', async () => {
    const { calls } = mockFetch(() => page());
    await listUnits({ q: '教育', active: false, page: 1, page_size: 20 });
    expect(parts(calls[0]!)).toEqual({
      path: '/api/v1/units',
      query: { q: '教育', active: 'false', page: '1', page_size: '20' },
    });
  });

  it('creates, updates and deletes units', async () => {
    const { calls } = mockFetch(
      () => jsonResponse(201, {}),
      () => jsonResponse(200, {}),
      () => new Response(null, { status: 204 }),
    );
    await createUnit({ name: '区教育局', category: 'government', short_name: null });
    await updateUnit(4, { is_active: false });
    await deleteUnit(4);
    expect(calls.map((c) => [c.method, parts(c).path, c.body])).toEqual([
      ['POST', '/api/v1/units', { name: '区教育局', category: 'government', short_name: null }],
      ['PATCH', '/api/v1/units/4', { is_active: false }],
      ['DELETE', '/api/v1/units/4', undefined],
    ]);
  });

  it('lists experts by kind and creates one', async () => {
    const { calls } = mockFetch(
      () => page(),
      () => jsonResponse(201, {}),
    );
    await listExperts({ q: '', kind: 'advisor', active: true });
    await createExpert({ name: '李教授', kind: 'invited', phone: '13800001111' });
    expect(parts(calls[0]!)).toEqual({
      path: '/api/v1/experts',
      query: { kind: 'advisor', active: 'true', page: '1', page_size: '20' },
    });
    expect(calls[1]!.body).toEqual({ name: '李教授', kind: 'invited', phone: '13800001111' });
  });
});
