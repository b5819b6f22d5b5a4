import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { ApiError, api, setCsrfToken } from '@/api/client';
import type { LoginResult, Me, MfaEnrollment } from '@/api/types';
import type { Permission } from '@/generated/contract';

/** What a restricted session must do before anything else, in the order the user meets them. */
export type RestrictedState = 'mfa_pending' | 'must_change_password' | 'mfa_enrollment_required';

export function restrictedStateOf(flags: {
  mfa_pending: boolean;
  must_change_password: boolean;
  mfa_enrollment_required: boolean;
}): RestrictedState | null {
  if (flags.mfa_pending) return 'mfa_pending';
  if (flags.must_change_password) return 'must_change_password';
  if (flags.mfa_enrollment_required) return 'mfa_enrollment_required';
  return null;
}

export const useAuthStore = defineStore('auth', () => {
  const me = ref<Me | null>(null);
  /** True once `/auth/me` has been asked at least once (so the router knows whether a session exists). */
  const loaded = ref(false);

  const isAuthenticated = computed(() => me.value !== null);
  const restrictedState = computed<RestrictedState | null>(() =>
    me.value ? restrictedStateOf(me.value) : null,
  );
  const permissions = computed(() => new Set<string>(me.value?.permissions ?? []));

  function can(permission: Permission): boolean {
    return restrictedState.value === null && permissions.value.has(permission);
  }

  /** The session's roles; none while the session is restricted. */
  const roles = computed<string[]>(() => (restrictedState.value === null ? (me.value?.roles ?? []) : []));

  function setMe(next: Me | null): void {
    me.value = next;
    loaded.value = true;
    setCsrfToken(next?.csrf_token ?? null);
  }

  /** Loads the session; null when there is none (401). Other errors are thrown. */
  async function fetchMe(): Promise<Me | null> {
    try {
      setMe(await api.get<Me>('/auth/me', undefined, { silent: true }));
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) setMe(null);
      else throw error;
    }
    return me.value;
  }

  /** Signs in, then loads the full session (roles, permissions, committee). */
  async function login(username: string, password: string): Promise<Me> {
    const result = await api.post<LoginResult>('/auth/login', { username, password }, { silent: true });
    setCsrfToken(result.csrf_token);
    const loadedMe = await fetchMe();
    if (!loadedMe) throw new ApiError('auth.unauthenticated', '请先登录', 401);
    return loadedMe;
  }

  async function verifyMfa(code: string): Promise<Me> {
    const next = await api.post<Me>('/auth/mfa/verify', { code: code.trim() }, { silent: true });
    setMe(next);
    return next;
  }

  async function changePassword(currentPassword: string, newPassword: string): Promise<Me> {
    const next = await api.post<Me>('/auth/password', {
      current_password: currentPassword,
      new_password: newPassword,
    });
    setMe(next);
    return next;
  }

  function enrollMfa(): Promise<MfaEnrollment> {
    return api.post<MfaEnrollment>('/auth/mfa/enroll');
  }

  /** Confirms the authenticator with a first code; returns the recovery codes to show once. */
  async function confirmMfa(code: string): Promise<string[]> {
    const result = await api.post<{ recovery_codes: string[] }>(
      '/auth/mfa/confirm',
      { code: code.trim() },
      { silent: true },
    );
    await fetchMe();
    return result.recovery_codes;
  }

  async function logout(): Promise<void> {
    try {
      await api.post<void>('/auth/logout', undefined, { silent: true });
    } catch (error) {
      // An expired session is as good as logged out.
      if (!(error instanceof ApiError && error.status === 401)) throw error;
    } finally {
      setMe(null);
    }
  }

  /** Forget the session locally (after a 401 from any request). */
  function clear(): void {
    setMe(null);
  }

  return {
    me,
    loaded,
    isAuthenticated,
    restrictedState,
    can,
    roles,
    fetchMe,
    login,
    verifyMfa,
    changePassword,
    enrollMfa,
    confirmMfa,
    logout,
    clear,
  };
});
