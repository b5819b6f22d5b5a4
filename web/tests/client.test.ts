import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  ApiError,
  NETWORK_ERROR_CODE,
  NETWORK_ERROR_MESSAGE,
  api,
  buildUrl,
  setClientHooks,
  setCsrfToken,
} from '@/api/client';
import { apiError, jsonResponse, mockFetch } from './helpers';

async function caught(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return error as ApiError;
  }
  throw new Error('expected the request to fail');
}

describe('api client', () => {
  const hooks = { onUnauthenticated: vi.fn(), onForbidden: vi.fn(), onRestricted: vi.fn() };

  beforeEach(() => {
    setCsrfToken(null);
    hooks.onUnauthenticated.mockReset();
    hooks.onForbidden.mockReset();
    hooks.onRestricted.mockReset();
    setClientHooks(hooks);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('builds URLs under /api/v1 and drops empty query values', () => {
    expect(
      buildUrl('/committees', { q: '北京', page: 2, page_size: 20, role: '', x: undefined, y: null }),
    ).toBe('/api/v1/committees?q=%E5%8C%97%E4%BA%AC&page=2&page_size=20');
    expect(buildUrl('/health')).toBe('/api/v1/health');
  });

  it('sends JSON with same-origin credentials and parses the JSON answer', async () => {
    const { calls } = mockFetch(() => jsonResponse(200, { id: 7 }));
    const result = await api.post<{ id: number }>('/committees', { name: '北京市' });
    expect(result).toEqual({ id: 7 });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe('/api/v1/committees');
    expect(calls[0]!.method).toBe('POST');
    expect(calls[0]!.credentials).toBe('same-origin');
    expect(calls[0]!.headers['Content-Type']).toBe('application/json');
    expect(calls[0]!.body).toEqual({ name: '北京市' });
  });

  it('adds X-CSRF-Token to writes only', async () => {
    setCsrfToken('tok-123');
    const { calls } = mockFetch(() => jsonResponse(200, {}));
    await api.get('/auth/me');
    await api.post('/x', {});
    await api.patch('/x', {});
    await api.put('/x', {});
    await api.delete('/x');
    expect(calls.map((c) => [c.method, c.headers['X-CSRF-Token']])).toEqual([
      ['GET', undefined],
      ['POST', 'tok-123'],
      ['PATCH', 'tok-123'],
      ['PUT', 'tok-123'],
      ['DELETE', 'tok-123'],
    ]);
  });

  it('sends no body and no Content-Type on a POST without a body, and returns undefined for 204', async () => {
    const { calls } = mockFetch(() => new Response(null, { status: 204 }));
    await expect(api.post('/auth/logout')).resolves.toBeUndefined();
    expect(calls[0]!.headers['Content-Type']).toBeUndefined();
    expect(calls[0]!.body).toBeUndefined();
  });

  it('turns the API error body into an ApiError with field errors', async () => {
    mockFetch(() =>
      jsonResponse(
        422,
        {
          error: {
            code: 'request.validation_failed',
            message: '提交的内容有误，请按提示修改后重试',
            details: { fields: { new_password: '密码至少需要 10 个字符', bogus: 3 } },
          },
        },
        { 'X-Request-Id': 'req-9' },
      ),
    );
    const error = await caught(api.post('/auth/password', {}));
    expect(error.code).toBe('request.validation_failed');
    expect(error.status).toBe(422);
    expect(error.message).toBe('提交的内容有误，请按提示修改后重试');
    expect(error.fieldErrors).toEqual({ new_password: '密码至少需要 10 个字符' });
    expect(error.requestId).toBe('req-9');
  });

  it('calls the 401 hook for a missing or expired session, not for a wrong password or code', async () => {
    mockFetch(() => apiError(401, 'auth.session_expired', '登录已超时，请重新登录'));
    const error = await caught(api.get('/committees'));
    expect(error.code).toBe('auth.session_expired');
    expect(hooks.onUnauthenticated).toHaveBeenCalledTimes(1);
    expect(hooks.onUnauthenticated).toHaveBeenCalledWith(error);

    mockFetch(() => apiError(401, 'auth.invalid_mfa_code'));
    await caught(api.post('/auth/mfa/confirm', { code: '000000' }));
    expect(hooks.onUnauthenticated).toHaveBeenCalledTimes(1);
  });

  it('does not call hooks for a silent request', async () => {
    mockFetch(() => apiError(401, 'auth.unauthenticated'));
    await caught(api.get('/auth/me', undefined, { silent: true }));
    expect(hooks.onUnauthenticated).not.toHaveBeenCalled();
  });

  it('calls the 403 hook for auth.forbidden and the restricted hook for a restricted session', async () => {
    mockFetch(
      () => apiError(403, 'auth.forbidden'),
      () => apiError(403, 'auth.password_change_required'),
      () => apiError(403, 'auth.csrf_failed', '安全校验失败，请刷新页面后重试'),
    );
    await caught(api.get('/audit'));
    expect(hooks.onForbidden).toHaveBeenCalledTimes(1);
    await caught(api.get('/audit'));
    expect(hooks.onRestricted).toHaveBeenCalledTimes(1);
    const csrf = await caught(api.post('/x', {}));
    expect(csrf.message).toBe('安全校验失败，请刷新页面后重试');
    expect(hooks.onForbidden).toHaveBeenCalledTimes(1);
  });

  it('turns a network failure into an ApiError with a Chinese retry hint', async () => {
    mockFetch(() => {
      throw new TypeError('Failed to fetch');
    });
    const error = await caught(api.get('/committees'));
    expect(error.code).toBe(NETWORK_ERROR_CODE);
    expect(error.status).toBe(0);
    expect(error.message).toBe(NETWORK_ERROR_MESSAGE);
    expect(error.message).toBe('网络连接失败，请检查网络后重试');
    expect(error.retryable).toBe(true);
  });

  it('copes with an error answer that is not the API error body (e.g. a proxy page)', async () => {
    mockFetch(() => new Response('<html>Bad Gateway</html>', { status: 502 }));
    const error = await caught(api.get('/committees'));
    expect(error.status).toBe(502);
    expect(error.message).toBe('服务器内部错误，请稍后重试');
    expect(error.retryable).toBe(true);
  });
});

describe('api client files', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    setCsrfToken(null);
  });

  it('uploads a file as the raw body with its type, the CSRF header and the query', async () => {
    setCsrfToken('tok-up');
    const { calls } = mockFetch(() => jsonResponse(200, { ok: true }));
    const blob = new Blob(['PK'], { type: 'application/zip' });
    await expect(api.upload('/files', blob, { dry_run: true, skip: '' })).resolves.toEqual({ ok: true });
    expect(calls[0]!.url).toBe('/api/v1/files?dry_run=true');
    expect(calls[0]!.method).toBe('POST');
    expect(calls[0]!.headers['Content-Type']).toBe('application/zip');
    expect(calls[0]!.headers['X-CSRF-Token']).toBe('tok-up');
    expect(calls[0]!.raw).toBe(blob);
    expect(calls[0]!.credentials).toBe('same-origin');
    await api.upload('/files', blob, undefined, { contentType: 'text/x-special' });
    expect(calls[1]!.headers['Content-Type']).toBe('text/x-special');
  });

  it('turns a refused upload into an ApiError with the server message', async () => {
    mockFetch(() => apiError(413, 'import.too_large', '文件过大，请拆分后分批导入'));
    const error = await caught(api.upload('/files', new Blob(['x'])));
    expect(error.status).toBe(413);
    expect(error.code).toBe('import.too_large');
    expect(error.message).toBe('文件过大，请拆分后分批导入');
  });

  it('downloads a Blob, and still reports an error body as an ApiError', async () => {
    mockFetch(
      () => new Response('binary', { status: 200, headers: { 'Content-Type': 'application/octet-stream' } }),
      () => apiError(403, 'auth.forbidden', '您没有执行此操作的权限'),
    );
    const blob = await api.download('/members/export', { q: '王' });
    expect(await blob.text()).toBe('binary');
    const error = await caught(api.download('/members/export'));
    expect(error.code).toBe('auth.forbidden');
  });
});
