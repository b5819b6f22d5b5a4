import { afterEach, describe, expect, it, vi } from 'vitest';
import { createUser, createUserBody, emptyUserFilters, listUsers, rowActions, usersQuery } from '@/api/users';
import type { Permission } from '@/generated/contract';
import { jsonResponse, mockFetch } from './helpers';

afterEach(() => vi.unstubAllGlobals());

const holding =
  (...perms: Permission[]) =>
  (p: Permission) =>
    perms.includes(p);

describe('users filters → query', () => {
  it('drops blank fields and keeps page/page_size', () => {
    expect(usersQuery(emptyUserFilters())).toEqual({ page: 1, page_size: 20 });
    expect(usersQuery({ ...emptyUserFilters(), q: '   ' })).toEqual({ page: 1, page_size: 20 });
  });

  it('maps q, role and status', () => {
    expect(usersQuery({ q: ' 张三 ', role: 'staff', status: 'locked', page: 2, page_size: 50 })).toEqual({
      q: '张三',
      role: 'staff',
      status: 'locked',
      page: 2,
      page_size: 50,
    });
    expect(usersQuery({ ...emptyUserFilters(), status: 'disabled' }).status).toBe('disabled');
    expect(usersQuery({ ...emptyUserFilters(), status: 'active' }).status).toBe('active');
  });

  it('caps the page size at 100 and the page at ≥ 1', () => {
    expect(usersQuery({ ...emptyUserFilters(), page_size: 500 }).page_size).toBe(100);
    expect(usersQuery({ ...emptyUserFilters(), page: 0 }).page).toBe(1);
  });

  it('sends the query to GET /api/v1/users', async () => {
    const { calls } = mockFetch(() => jsonResponse(200, { items: [], total: 0, page: 3, page_size: 10 }));
    await listUsers({ q: 'li', role: 'secadmin', status: 'active', page: 3, page_size: 10 });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.method).toBe('GET');
    const url = new URL(calls[0]!.url, 'http://x');
    expect(url.pathname).toBe('/api/v1/users');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      q: 'li',
      role: 'secadmin',
      status: 'active',
      page: '3',
      page_size: '10',
    });
  });
});

describe('row actions', () => {
  const plain = { status: 'active', locked: false, mfa_enabled: false };

  it('offers nothing without permissions', () => {
    expect(rowActions({ status: 'active', locked: true, mfa_enabled: true }, holding())).toEqual([]);
  });

  it('own row: only edit, since the server refuses account actions on oneself', () => {
    const can = holding('user.manage', 'user.set_status', 'user.unlock', 'user.reset_password');
    expect(rowActions({ ...plain, locked: true }, can, true)).toEqual(['edit']);
    expect(rowActions({ ...plain, locked: true }, holding('user.unlock'), true)).toEqual([]);
  });

  it('sysadmin: edit and disable/enable', () => {
    const can = holding('user.view', 'user.manage', 'user.set_status');
    expect(rowActions({ ...plain, locked: true, mfa_enabled: true }, can)).toEqual(['edit', 'disable']);
    expect(rowActions({ ...plain, status: 'disabled' }, can)).toEqual(['edit', 'enable']);
  });

  it('secadmin: unlock only when locked, reset_mfa only when enrolled', () => {
    const can = holding(
      'user.view',
      'user.set_status',
      'user.unlock',
      'user.reset_password',
      'user.reset_mfa',
    );
    expect(rowActions(plain, can)).toEqual(['reset_password', 'disable']);
    expect(rowActions({ ...plain, locked: true }, can)).toEqual(['unlock', 'reset_password', 'disable']);
    expect(rowActions({ ...plain, mfa_enabled: true }, can)).toEqual([
      'reset_password',
      'reset_mfa',
      'disable',
    ]);
    expect(rowActions({ status: 'disabled', locked: true, mfa_enabled: true }, can)).toEqual([
      'unlock',
      'reset_password',
      'reset_mfa',
      'enable',
    ]);
  });

  it('each action needs its own permission', () => {
    const row = { status: 'active', locked: true, mfa_enabled: true };
    expect(rowActions(row, holding('user.unlock'))).toEqual(['unlock']);
    expect(rowActions(row, holding('user.reset_password'))).toEqual(['reset_password']);
    expect(rowActions(row, holding('user.reset_mfa'))).toEqual(['reset_mfa']);
    expect(rowActions(row, holding('user.set_status'))).toEqual(['disable']);
    expect(rowActions(row, holding('user.manage'))).toEqual(['edit']);
    expect(rowActions(row, holding('user.view'))).toEqual([]);
  });
});

describe('create user', () => {
  it('builds the body: trimmed, lower-case username, committee and roles', () => {
    expect(
      createUserBody({
        username: ' ZhangSan ',
        display_name: ' 张三 ',
        committee_id: 3,
        roles: ['member'],
        unit_id: 5,
      }),
    ).toEqual({
      username: 'zhangsan',
      display_name: '张三',
      committee_id: 3,
      roles: ['member'],
      unit_id: null,
    });
    expect(
      createUserBody({
        username: 'a.b',
        display_name: 'x',
        committee_id: null,
        roles: ['staff', 'leader'],
        unit_id: null,
      }),
    ).toEqual({
      username: 'a.b',
      display_name: 'x',
      committee_id: null,
      roles: ['staff', 'leader'],
      unit_id: null,
    });
  });

  it('keeps the handling unit only for unit clerks and heads', () => {
    const body = createUserBody({
      username: 'clerk',
      display_name: '经办人',
      committee_id: 1,
      roles: ['unit_clerk'],
      unit_id: 7,
    });
    expect(body.unit_id).toBe(7);
  });

  it('POSTs /api/v1/users and returns the initial password', async () => {
    const { calls } = mockFetch(() =>
      jsonResponse(201, { user: { id: 9 }, initial_password: 'Xy7#abcDEF12' }),
    );
    const result = await createUser({
      username: 'Wang_Wu',
      display_name: '王五',
      committee_id: 2,
      roles: ['sysadmin'],
      unit_id: null,
    });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.method).toBe('POST');
    expect(new URL(calls[0]!.url, 'http://x').pathname).toBe('/api/v1/users');
    expect(calls[0]!.body).toEqual({
      username: 'wang_wu',
      display_name: '王五',
      committee_id: 2,
      roles: ['sysadmin'],
      unit_id: null,
    });
    expect(result.initial_password).toBe('Xy7#abcDEF12');
  });
});
