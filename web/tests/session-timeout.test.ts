import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { createMemoryHistory, createRouter } from 'vue-router';
import { defineComponent } from 'vue';
import SessionTimeoutDialog from '@/components/SessionTimeoutDialog.vue';
import { i18n } from '@/i18n';
import { useAuthStore } from '@/stores/auth';
import { api } from '@/api/client';
import type { Me } from '@/api/types';
import {
  SERVER_TOUCH_INTERVAL_MS,
  WARNING_LEAD_MS,
  formatCountdown,
  sessionDeadline,
  sessionPhase,
} from '@/session/timeout';
import { apiError, jsonResponse, meBody, mockFetch } from './helpers';

const T0 = Date.UTC(2026, 0, 5, 2, 0, 0);
const IDLE_S = 1800;

describe('session deadline', () => {
  const far = T0 / 1000 + 12 * 3600;

  it('counts the idle timeout from one touch interval before the last contact', () => {
    const d = sessionDeadline({ idleTimeoutSeconds: IDLE_S, expiresAt: far }, T0);
    expect(d).toEqual({ at: T0 + IDLE_S * 1000 - SERVER_TOUCH_INTERVAL_MS, kind: 'idle' });
  });

  it('takes the absolute end when it comes first', () => {
    const soon = T0 / 1000 + 600;
    expect(sessionDeadline({ idleTimeoutSeconds: IDLE_S, expiresAt: soon }, T0)).toEqual({
      at: soon * 1000,
      kind: 'absolute',
    });
  });

  it('is active, then warns, then is due', () => {
    const d = { at: T0 + 600_000, kind: 'idle' as const };
    expect(sessionPhase(d, T0)).toBe('active');
    expect(sessionPhase(d, d.at - WARNING_LEAD_MS - 1)).toBe('active');
    expect(sessionPhase(d, d.at - WARNING_LEAD_MS)).toBe('warning');
    expect(sessionPhase(d, d.at - 1)).toBe('warning');
    expect(sessionPhase(d, d.at)).toBe('due');
  });

  it('formats the countdown as m:ss, never negative', () => {
    expect(formatCountdown(120_000)).toBe('2:00');
    expect(formatCountdown(61_001)).toBe('1:02');
    expect(formatCountdown(5_000)).toBe('0:05');
    expect(formatCountdown(-3_000)).toBe('0:00');
  });
});

const Stub = defineComponent({ template: '<div />' });

async function mountDialog(session = { idle_timeout_seconds: IDLE_S, expires_at: T0 / 1000 + 12 * 3600 }) {
  const pinia = createPinia();
  setActivePinia(pinia);
  useAuthStore().me = meBody({ session }) as unknown as Me;
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', name: 'home', component: Stub },
      { path: '/users', name: 'users', component: Stub },
      { path: '/login', name: 'login', component: Stub },
    ],
  });
  await router.push('/users');
  const wrapper = mount(SessionTimeoutDialog, {
    global: { plugins: [pinia, i18n, router] },
    attachTo: document.body,
  });
  return { wrapper, router };
}

const dialogText = () => document.querySelector('[data-test="session-timeout"]')?.textContent ?? '';
const visible = () => {
  const el = document.querySelector<HTMLElement>('[data-test="session-timeout"]');
  return !!el && el.closest<HTMLElement>('.el-overlay')?.style.display !== 'none';
};
function button(name: string): HTMLButtonElement {
  const found = [
    ...document.querySelectorAll<HTMLButtonElement>('[data-test="session-timeout"] button'),
  ].find((b) => b.textContent?.includes(name));
  if (!found) throw new Error(`no button ${name}`);
  return found;
}

describe('session timeout dialog', () => {
  beforeEach(async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    vi.setSystemTime(T0);
    // The last contact with the server is now.
    mockFetch(() => jsonResponse(200, { ok: true }));
    await api.get('/health');
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  const idleDeadline = T0 + IDLE_S * 1000 - SERVER_TOUCH_INTERVAL_MS;

  it('stays hidden while the session is fresh, then warns with a countdown', async () => {
    const { wrapper } = await mountDialog();
    await flushPromises();
    expect(visible()).toBe(false);
    vi.setSystemTime(idleDeadline - 90_000);
    vi.advanceTimersByTime(1000);
    await flushPromises();
    expect(visible()).toBe(true);
    expect(dialogText()).toContain('1:29');
    expect(dialogText()).toContain('继续使用');
    wrapper.unmount();
  });

  it('"continue" asks the server, which refreshes the session and hides the warning', async () => {
    const { wrapper } = await mountDialog();
    vi.setSystemTime(idleDeadline - 30_000);
    vi.advanceTimersByTime(1000);
    await flushPromises();
    expect(visible()).toBe(true);
    const { calls } = mockFetch(() => jsonResponse(200, meBody()));
    button('继续使用').click();
    await flushPromises();
    expect(calls.map((c) => c.url)).toEqual(['/api/v1/auth/me']);
    vi.advanceTimersByTime(1000);
    await flushPromises();
    expect(visible()).toBe(false);
    wrapper.unmount();
  });

  it('when due and the server has ended the session, goes to login with the page to return to', async () => {
    const { wrapper, router } = await mountDialog();
    mockFetch(() => apiError(401, 'auth.session_expired', '登录已超时，请重新登录'));
    vi.setSystemTime(idleDeadline + 1);
    vi.advanceTimersByTime(1000);
    await flushPromises();
    expect(router.currentRoute.value.name).toBe('login');
    expect(router.currentRoute.value.query).toEqual({ redirect: '/users', expired: '1' });
    expect(useAuthStore().me).toBeNull();
    wrapper.unmount();
  });

  it('before the absolute end it cannot be postponed, only acknowledged', async () => {
    const expiresAt = T0 / 1000 + 600;
    const { wrapper } = await mountDialog({ idle_timeout_seconds: IDLE_S, expires_at: expiresAt });
    vi.setSystemTime(expiresAt * 1000 - 60_000);
    vi.advanceTimersByTime(1000);
    await flushPromises();
    expect(dialogText()).toContain('最长有效期');
    expect(dialogText()).not.toContain('继续使用');
    button('知道了').click();
    vi.advanceTimersByTime(1000);
    await flushPromises();
    expect(visible()).toBe(false);
    wrapper.unmount();
  });
});
