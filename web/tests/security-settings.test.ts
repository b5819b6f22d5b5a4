import { afterEach, describe, expect, it, vi } from 'vitest';
import { changedSettings, saveSecuritySettings, type SecuritySettings } from '@/api/settings';
import { ApiError, setCsrfToken } from '@/api/client';
import { apiError, jsonResponse, mockFetch } from './helpers';

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
});

const DEFAULTS: SecuritySettings = {
  password_min_length: 10,
  password_min_classes: 3,
  password_history: 5,
  password_max_age_days: 90,
  lockout_threshold: 5,
  lockout_window_minutes: 15,
  lockout_minutes: 15,
  login_rate_limit_per_minute: 30,
  session_idle_minutes: 30,
  session_absolute_hours: 12,
  mfa_required_for_all: false,
};

describe('security settings save', () => {
  it('computes only the changed fields', () => {
    expect(changedSettings(DEFAULTS, { ...DEFAULTS })).toEqual({});
    expect(
      changedSettings(DEFAULTS, { ...DEFAULTS, password_max_age_days: 0, mfa_required_for_all: true }),
    ).toEqual({ password_max_age_days: 0, mfa_required_for_all: true });
  });

  it('PATCHes only the changed fields with the CSRF header', async () => {
    setCsrfToken('csrf-9');
    const saved = { ...DEFAULTS, lockout_threshold: 8 };
    const { calls } = mockFetch(() => jsonResponse(200, saved));
    const result = await saveSecuritySettings(DEFAULTS, { ...DEFAULTS, lockout_threshold: 8 });
    expect(result).toEqual(saved);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.method).toBe('PATCH');
    expect(calls[0]!.url).toBe('/api/v1/settings/security');
    expect(calls[0]!.body).toEqual({ lockout_threshold: 8 });
    expect(calls[0]!.headers['X-CSRF-Token']).toBe('csrf-9');
  });

  it('sends nothing when nothing changed', async () => {
    const { calls } = mockFetch(() => jsonResponse(200, DEFAULTS));
    expect(await saveSecuritySettings(DEFAULTS, { ...DEFAULTS })).toBeNull();
    expect(calls).toHaveLength(0);
  });

  it('surfaces server field errors', async () => {
    mockFetch(() =>
      apiError(422, 'request.validation_failed', '参数有误', {
        fields: { session_idle_minutes: '须在 5–480 之间' },
      }),
    );
    const error = await saveSecuritySettings(DEFAULTS, { ...DEFAULTS, session_idle_minutes: 999 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).fieldErrors).toEqual({ session_idle_minutes: '须在 5–480 之间' });
  });
});
