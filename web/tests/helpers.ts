import { vi } from 'vitest';

export interface Call {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
  /** The body when it is not JSON text (an uploaded file). */
  raw: BodyInit | null | undefined;
  credentials: RequestCredentials | undefined;
}

type Responder = (call: Call) => Response | Promise<Response>;

export function jsonResponse(status: number, body?: unknown, headers: Record<string, string> = {}): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

export function apiError(
  status: number,
  code: string,
  message = '错误',
  details: Record<string, unknown> = {},
) {
  return jsonResponse(status, { error: { code, message, details } });
}

/** Replaces global fetch; answers with `responders` in turn (the last one repeats) and records every call. */
export function mockFetch(...responders: Responder[]) {
  const calls: Call[] = [];
  let index = 0;
  const fn = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const headers = { ...((init?.headers as Record<string, string> | undefined) ?? {}) };
    const call: Call = {
      url: String(input),
      method: init?.method ?? 'GET',
      headers,
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
      raw: typeof init?.body === 'string' ? undefined : init?.body,
      credentials: init?.credentials,
    };
    calls.push(call);
    const responder = responders[Math.min(index++, responders.length - 1)];
    if (!responder) throw new Error('no responder');
    return responder(call);
  });
  vi.stubGlobal('fetch', fn);
  return { calls, fn };
}

export function meBody(overrides: Record<string, unknown> = {}) {
  return {
    user: {
      id: 1,
      username: 'admin',
      display_name: '管理员',
      committee_id: 1,
      committee_name: '政协委员会',
      roles: ['sysadmin'],
      status: 'active',
      locked: false,
      locked_until: null,
      must_change_password: false,
      mfa_enabled: true,
      last_login_at: 1,
      created_at: 1,
      updated_at: 1,
    },
    roles: ['sysadmin'],
    permissions: ['committee.view', 'committee.manage', 'user.view', 'user.manage', 'user.set_status'],
    committee: { id: 1, name: '政协委员会' },
    csrf_token: 'csrf-1',
    must_change_password: false,
    mfa_pending: false,
    mfa_enrollment_required: false,
    mfa_enabled: true,
    password_expires_at: null,
    session: { idle_timeout_seconds: 1800, expires_at: 4102444800 },
    ...overrides,
  };
}
