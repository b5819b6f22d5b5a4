import { afterEach, describe, expect, it } from 'vitest';
import { vi } from 'vitest';
import { actionKey, auditQuery, emptyAuditFilters, formatChanges, listAudit } from '@/api/audit';
import { formatShanghai } from '@/utils/format';
import { i18n } from '@/i18n';
import { jsonResponse, mockFetch } from './helpers';

afterEach(() => vi.unstubAllGlobals());

describe('audit filters → query', () => {
  it('drops blank fields and keeps page/page_size', () => {
    expect(auditQuery(emptyAuditFilters())).toEqual({ page: 1, page_size: 20 });
  });

  it('maps every filter, trims text and turns the range into unix seconds', () => {
    const from = new Date(Date.UTC(2024, 0, 1, 0, 0, 0, 400));
    const to = new Date(Date.UTC(2024, 0, 2, 15, 59, 59, 999));
    const query = auditQuery({
      actor: ' admin ',
      action: 'auth.',
      object_type: 'user',
      object_id: '42',
      range: [from, to],
      page: 3,
      page_size: 50,
    });
    expect(query).toEqual({
      actor: 'admin',
      action: 'auth.',
      object_type: 'user',
      object_id: '42',
      from: 1704067200,
      to: 1704211199,
      page: 3,
      page_size: 50,
    });
  });

  it('caps the page size at 100', () => {
    expect(auditQuery({ ...emptyAuditFilters(), page_size: 500 }).page_size).toBe(100);
  });

  it('sends the query to GET /api/v1/audit', async () => {
    const { calls } = mockFetch(() => jsonResponse(200, { items: [], total: 0, page: 2, page_size: 10 }));
    await listAudit({
      ...emptyAuditFilters(),
      action: 'auth.',
      range: [new Date(1_700_000_000_000), new Date(1_700_003_600_000)],
      page: 2,
      page_size: 10,
    });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.method).toBe('GET');
    const url = new URL(calls[0]!.url, 'http://x');
    expect(url.pathname).toBe('/api/v1/audit');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      action: 'auth.',
      from: '1700000000',
      to: '1700003600',
      page: '2',
      page_size: '10',
    });
  });
});

describe('audit changes formatting', () => {
  it('turns [old, new] pairs into change lines and other values into details', () => {
    expect(
      formatChanges({
        display_name: ['张三', '李四'],
        committee_id: [null, 3],
        is_active: [true, false],
        roles: [['member'], ['member', 'staff']],
        reason: 'bad_password',
        attempts: 5,
      }),
    ).toEqual([
      { kind: 'change', field: 'display_name', old: '张三', new: '李四' },
      { kind: 'change', field: 'committee_id', old: '—', new: '3' },
      { kind: 'change', field: 'is_active', old: 'true', new: 'false' },
      { kind: 'change', field: 'roles', old: '["member"]', new: '["member","staff"]' },
      { kind: 'detail', field: 'reason', value: 'bad_password' },
      { kind: 'detail', field: 'attempts', value: '5' },
    ]);
  });

  it('handles empty and missing changes', () => {
    expect(formatChanges(null)).toEqual([]);
    expect(formatChanges({})).toEqual([]);
  });
});

describe('audit display helpers', () => {
  it('shows times in Asia/Shanghai with seconds', () => {
    expect(formatShanghai(1704067200)).toBe('2024-01-01 08:00:00');
    expect(formatShanghai(1704211199)).toBe('2024-01-02 23:59:59');
    expect(formatShanghai(null)).toBe('—');
  });

  it('has Chinese labels for the common actions', () => {
    const t = i18n.global.t;
    expect(t(actionKey('auth.login')!)).toBe('登录');
    expect(t(actionKey('auth.login_failed')!)).toBe('登录失败');
    expect(t(actionKey('settings.security.update')!)).toBe('修改安全设置');
    expect(t(actionKey('user.reset_mfa')!)).toBe('重置双因素认证');
    expect(actionKey('something.else')).toBeNull();
  });
});
