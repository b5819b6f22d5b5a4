import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { ApiError, getCsrfToken, setClientHooks, setCsrfToken } from '@/api/client';
import { restrictedStateOf, useAuthStore } from '@/stores/auth';
import { Perm } from '@/generated/contract';
import { apiError, jsonResponse, meBody, mockFetch } from './helpers';

describe('auth store', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    setCsrfToken(null);
    setClientHooks({});
  });
  afterEach(() => vi.unstubAllGlobals());

  it('loads the session from /auth/me and keeps its CSRF token in memory', async () => {
    mockFetch(() => jsonResponse(200, meBody({ csrf_token: 'abc' })));
    const auth = useAuthStore();
    expect(auth.loaded).toBe(false);
    await auth.fetchMe();
    expect(auth.loaded).toBe(true);
    expect(auth.isAuthenticated).toBe(true);
    expect(auth.me?.user.display_name).toBe('管理员');
    expect(getCsrfToken()).toBe('abc');
    expect(auth.restrictedState).toBeNull();
  });

  it('treats a 401 from /auth/me as signed out, without calling the 401 hook', async () => {
    const onUnauthenticated = vi.fn();
    setClientHooks({ onUnauthenticated });
    mockFetch(() => apiError(401, 'auth.unauthenticated'));
    const auth = useAuthStore();
    await expect(auth.fetchMe()).resolves.toBeNull();
    expect(auth.loaded).toBe(true);
    expect(auth.isAuthenticated).toBe(false);
    expect(onUnauthenticated).not.toHaveBeenCalled();
  });

  it('rethrows other errors from /auth/me', async () => {
    mockFetch(() => apiError(500, 'server.internal_error'));
    await expect(useAuthStore().fetchMe()).rejects.toBeInstanceOf(ApiError);
  });

  it('logs in, then loads the full session with the login CSRF token', async () => {
    const { calls } = mockFetch(
      () => jsonResponse(200, { ...meBody({ csrf_token: 'from-login' }), permissions: undefined }),
      () => jsonResponse(200, meBody({ csrf_token: 'from-me' })),
    );
    const auth = useAuthStore();
    const me = await auth.login('admin', 'pw');
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      'POST /api/v1/auth/login',
      'GET /api/v1/auth/me',
    ]);
    expect(calls[0]!.body).toEqual({ username: 'admin', password: 'pw' });
    expect(calls[0]!.headers['X-CSRF-Token']).toBeUndefined();
    expect(me.permissions).toContain('committee.view');
    expect(getCsrfToken()).toBe('from-me');
  });

  it('passes a wrong password through as an ApiError and stays signed out', async () => {
    mockFetch(() => apiError(401, 'auth.invalid_credentials', '用户名或密码错误'));
    const auth = useAuthStore();
    await expect(auth.login('admin', 'bad')).rejects.toMatchObject({
      code: 'auth.invalid_credentials',
      message: '用户名或密码错误',
    });
    expect(auth.isAuthenticated).toBe(false);
  });

  it('reports the restricted states in the order the user meets them', async () => {
    expect(
      restrictedStateOf({ mfa_pending: true, must_change_password: true, mfa_enrollment_required: true }),
    ).toBe('mfa_pending');
    expect(
      restrictedStateOf({ mfa_pending: false, must_change_password: true, mfa_enrollment_required: true }),
    ).toBe('must_change_password');
    expect(
      restrictedStateOf({ mfa_pending: false, must_change_password: false, mfa_enrollment_required: true }),
    ).toBe('mfa_enrollment_required');
    expect(
      restrictedStateOf({ mfa_pending: false, must_change_password: false, mfa_enrollment_required: false }),
    ).toBeNull();

    mockFetch(() => jsonResponse(200, meBody({ must_change_password: true, permissions: [] })));
    const auth = useAuthStore();
    await auth.fetchMe();
    expect(auth.restrictedState).toBe('must_change_password');
  });

  it('can() follows the permissions from /auth/me and denies everything while restricted', async () => {
    mockFetch(
      () => jsonResponse(200, meBody({ permissions: ['audit.view'] })),
      () => jsonResponse(200, meBody({ permissions: ['audit.view'], mfa_enrollment_required: true })),
    );
    const auth = useAuthStore();
    expect(auth.can(Perm.AUDIT_VIEW)).toBe(false);
    await auth.fetchMe();
    expect(auth.can(Perm.AUDIT_VIEW)).toBe(true);
    expect(auth.can(Perm.COMMITTEE_VIEW)).toBe(false);
    await auth.fetchMe();
    expect(auth.can(Perm.AUDIT_VIEW)).toBe(false);
  });

  it('changes the password with the CSRF token and takes the new session state', async () => {
    setCsrfToken('t1');
    const { calls } = mockFetch(() => jsonResponse(200, meBody({ csrf_token: 't2' })));
    const auth = useAuthStore();
    await auth.changePassword('old', 'new-Password#1');
    expect(calls[0]!.url).toBe('/api/v1/auth/password');
    expect(calls[0]!.headers['X-CSRF-Token']).toBe('t1');
    expect(calls[0]!.body).toEqual({ current_password: 'old', new_password: 'new-Password#1' });
    expect(getCsrfToken()).toBe('t2');
    expect(auth.restrictedState).toBeNull();
  });

  it('surfaces field errors of a refused password change', async () => {
    mockFetch(() =>
      apiError(422, 'request.validation_failed', '提交的内容有误', {
        fields: { current_password: '当前密码不正确' },
      }),
    );
    await expect(useAuthStore().changePassword('x', 'y')).rejects.toMatchObject({
      fieldErrors: { current_password: '当前密码不正确' },
    });
  });

  it('verifies the second factor and enrols an authenticator', async () => {
    const { calls } = mockFetch(
      () => jsonResponse(200, meBody()),
      () => jsonResponse(200, { secret: 'ABC', otpauth_uri: 'otpauth://x', qr_svg: '<svg/>' }),
      () => jsonResponse(200, { recovery_codes: ['a', 'b'] }),
      () => jsonResponse(200, meBody({ mfa_enabled: true })),
    );
    const auth = useAuthStore();
    await auth.verifyMfa(' 123456 ');
    expect(calls[0]!.body).toEqual({ code: '123456' });
    expect((await auth.enrollMfa()).qr_svg).toBe('<svg/>');
    expect(await auth.confirmMfa('654321')).toEqual(['a', 'b']);
    expect(calls.map((c) => c.url)).toEqual([
      '/api/v1/auth/mfa/verify',
      '/api/v1/auth/mfa/enroll',
      '/api/v1/auth/mfa/confirm',
      '/api/v1/auth/me',
    ]);
  });

  it('logs out and forgets the session, even when it had already expired', async () => {
    mockFetch(
      () => jsonResponse(200, meBody()),
      () => new Response(null, { status: 204 }),
      () => jsonResponse(200, meBody()),
      () => apiError(401, 'auth.session_expired'),
    );
    const auth = useAuthStore();
    await auth.fetchMe();
    await auth.logout();
    expect(auth.isAuthenticated).toBe(false);
    expect(getCsrfToken()).toBeNull();
    await auth.fetchMe();
    await auth.logout();
    expect(auth.isAuthenticated).toBe(false);
  });
});
