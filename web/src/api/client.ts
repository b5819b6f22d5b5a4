// The one HTTP client of the web app: cookie session, CSRF header on writes, JSON in and out,
// and the API's error body turned into a typed ApiError.
import { ERRORS, type ErrorCode } from '@/generated/contract';

export const API_BASE = '/api/v1';

/** Code of the error raised when the server could not be reached at all. */
export const NETWORK_ERROR_CODE = 'network.failed';
export const NETWORK_ERROR_MESSAGE = '网络连接失败，请检查网络后重试';
/** Code of the error raised when the server answered something that is not the API's error body. */
export const BAD_RESPONSE_CODE = 'network.bad_response';

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    /** Stable code from contract/errors.json, or one of NETWORK_ERROR_CODE / BAD_RESPONSE_CODE. */
    readonly code: ErrorCode | typeof NETWORK_ERROR_CODE | typeof BAD_RESPONSE_CODE | (string & {}),
    message: string,
    /** HTTP status; 0 when the server could not be reached. */
    readonly status: number,
    readonly details: Record<string, unknown> = {},
    /** `details.fields` of a validation failure: field name → Chinese explanation. */
    readonly fieldErrors: Record<string, string> = {},
    readonly requestId: string | null = null,
  ) {
    super(message);
  }

  /** True for a failure the user may fix by retrying (network down, server busy). */
  get retryable(): boolean {
    return this.status === 0 || this.status === 502 || this.status === 503 || this.status === 504;
  }
}

export interface ClientHooks {
  /** No or expired session (401 auth.unauthenticated / auth.session_expired). */
  onUnauthenticated?: (error: ApiError) => void;
  /** Missing permission (403 auth.forbidden). */
  onForbidden?: (error: ApiError) => void;
  /** The session is restricted (password change or second factor pending). */
  onRestricted?: (error: ApiError) => void;
}

const SESSION_CODES = new Set(['auth.unauthenticated', 'auth.session_expired']);
const RESTRICTED_CODES = new Set([
  'auth.password_change_required',
  'auth.mfa_required',
  'auth.mfa_enrollment_required',
]);
const WRITE_METHODS = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

let csrfToken: string | null = null;
let hooks: ClientHooks = {};
let lastServerContact = Date.now();

/** When the server last answered a request with a live session (ms since epoch). */
export function lastServerContactAt(): number {
  return lastServerContact;
}

/** Kept in memory only; set from the login answer and from every `/auth/me`. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function getCsrfToken(): string | null {
  return csrfToken;
}

export function setClientHooks(next: ClientHooks): void {
  hooks = next;
}

export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  query?: Record<string, QueryValue>;
  /** JSON body (serialized here). */
  body?: unknown;
  /** A raw body sent as is (a file), with its Content-Type; takes the place of `body`. */
  raw?: { data: Blob | ArrayBuffer; contentType: string };
  /** A multipart body; the browser sets the Content-Type with its boundary. Takes the place of `body`. */
  form?: FormData;
  /** Answer the body as a Blob instead of parsing JSON (downloads). */
  blob?: boolean;
  /** Do not call the 401/403 hooks (the caller handles them, e.g. the login form). */
  silent?: boolean;
  signal?: AbortSignal;
}

export function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  let url = API_BASE + path;
  if (query) {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value === undefined || value === null || value === '') continue;
      params.append(key, String(value));
    }
    const text = params.toString();
    if (text) url += (url.includes('?') ? '&' : '?') + text;
  }
  return url;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fallbackMessage(status: number): string {
  if (status === 401) return ERRORS['auth.unauthenticated'].message;
  if (status === 403) return ERRORS['auth.forbidden'].message;
  if (status === 404) return ERRORS['request.not_found'].message;
  if (status >= 500)
    return status === 503 ? ERRORS['server.unavailable'].message : ERRORS['server.internal_error'].message;
  return ERRORS['request.malformed'].message;
}

function errorFromBody(status: number, body: unknown, requestId: string | null): ApiError {
  const error = isRecord(body) && isRecord(body.error) ? body.error : null;
  if (!error || typeof error.code !== 'string') {
    return new ApiError(BAD_RESPONSE_CODE, fallbackMessage(status), status, {}, {}, requestId);
  }
  const details = isRecord(error.details) ? error.details : {};
  const fieldErrors: Record<string, string> = {};
  if (isRecord(details.fields)) {
    for (const [field, text] of Object.entries(details.fields)) {
      if (typeof text === 'string') fieldErrors[field] = text;
    }
  }
  const message =
    typeof error.message === 'string' && error.message ? error.message : fallbackMessage(status);
  return new ApiError(error.code, message, status, details, fieldErrors, requestId);
}

function notify(error: ApiError): void {
  if (error.status === 401 && SESSION_CODES.has(error.code)) hooks.onUnauthenticated?.(error);
  else if (error.status === 403 && error.code === 'auth.forbidden') hooks.onForbidden?.(error);
  else if (error.status === 403 && RESTRICTED_CODES.has(error.code)) hooks.onRestricted?.(error);
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const upper = method.toUpperCase();
  const headers: Record<string, string> = { Accept: options.blob ? '*/*' : 'application/json' };
  const init: RequestInit = { method: upper, credentials: 'same-origin', headers, signal: options.signal };
  if (options.raw) {
    headers['Content-Type'] = options.raw.contentType;
    init.body = options.raw.data;
  } else if (options.form) {
    init.body = options.form;
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }
  if (WRITE_METHODS.has(upper) && csrfToken) headers['X-CSRF-Token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), init);
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(NETWORK_ERROR_CODE, NETWORK_ERROR_MESSAGE, 0);
  }

  // Any answer but 401 means the server saw (and refreshed) the session.
  if (response.status !== 401) lastServerContact = Date.now();
  const requestId = response.headers.get('X-Request-Id');
  if (options.blob && response.ok) {
    try {
      return (await response.blob()) as T;
    } catch {
      throw new ApiError(BAD_RESPONSE_CODE, fallbackMessage(500), response.status, {}, {}, requestId);
    }
  }
  const text = response.status === 204 ? '' : await response.text().catch(() => '');
  let body: unknown = undefined;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
      if (response.ok) {
        throw new ApiError(BAD_RESPONSE_CODE, fallbackMessage(500), response.status, {}, {}, requestId);
      }
    }
  }
  if (!response.ok) {
    const error = errorFromBody(response.status, body, requestId);
    if (!options.silent) notify(error);
    throw error;
  }
  return body as T;
}

export const api = {
  get: <T>(path: string, query?: Record<string, QueryValue>, options: RequestOptions = {}) =>
    request<T>('GET', path, { ...options, query }),
  post: <T>(path: string, body?: unknown, options: RequestOptions = {}) =>
    request<T>('POST', path, { ...options, body }),
  patch: <T>(path: string, body?: unknown, options: RequestOptions = {}) =>
    request<T>('PATCH', path, { ...options, body }),
  put: <T>(path: string, body?: unknown, options: RequestOptions = {}) =>
    request<T>('PUT', path, { ...options, body }),
  delete: <T>(path: string, options: RequestOptions = {}) => request<T>('DELETE', path, options),
  /**
   * POSTs a file as the raw request body (not multipart), with the CSRF header and the usual error
   * handling. The Content-Type is `contentType`, else the file's own type.
   */
  upload: <T>(
    path: string,
    blob: Blob,
    query?: Record<string, QueryValue>,
    options: RequestOptions & { contentType?: string } = {},
  ) => {
    const { contentType, ...rest } = options;
    return request<T>('POST', path, {
      ...rest,
      query,
      body: undefined,
      raw: { data: blob, contentType: contentType || blob.type || 'application/octet-stream' },
    });
  },
  /** POSTs `multipart/form-data` (the browser writes the boundary), with the CSRF header. */
  postForm: <T>(path: string, form: FormData, options: RequestOptions = {}) =>
    request<T>('POST', path, { ...options, body: undefined, form }),
  /** GETs a file (an export) as a Blob; an error answer still becomes an ApiError. */
  download: (path: string, query?: Record<string, QueryValue>, options: RequestOptions = {}) =>
    request<Blob>('GET', path, { ...options, query, blob: true }),
};

/** Offers a Blob to the browser as a file download. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
