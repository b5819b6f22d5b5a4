import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { createMemoryHistory, createRouter } from 'vue-router';
import { defineComponent } from 'vue';
import NotificationBell from '@/components/NotificationBell.vue';
import { i18n } from '@/i18n';
import { useAuthStore } from '@/stores/auth';
import { NOTIFICATION_POLL_MS } from '@/stores/notifications';
import type { Me } from '@/api/types';
import { jsonResponse, meBody, mockFetch } from './helpers';

let wrapper: VueWrapper | null = null;
afterEach(() => {
  wrapper?.unmount();
  wrapper = null;
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

async function mountBell(unread: () => number) {
  const { calls } = mockFetch(() => jsonResponse(200, { unread: unread() }));
  const pinia = createPinia();
  setActivePinia(pinia);
  const auth = useAuthStore();
  auth.me = meBody({ roles: ['member'], permissions: ['proposal.submit'] }) as unknown as Me;
  const Stub = defineComponent({ template: '<div />' });
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/notifications', name: 'notifications', component: Stub },
      { path: '/:p(.*)*', component: Stub },
    ],
  });
  await router.push('/');
  wrapper = mount(NotificationBell, { global: { plugins: [pinia, router, i18n] } });
  await flushPromises();
  const countCalls = () => calls.filter((c) => c.url.endsWith('/notifications/unread-count')).length;
  return { wrapper, auth, router, countCalls };
}

const activity = () => window.dispatchEvent(new KeyboardEvent('keydown'));

describe('notification bell', () => {
  it('shows the unread count with an accessible name and opens the inbox', async () => {
    const { wrapper, router } = await mountBell(() => 3);
    const button = wrapper.get('[data-test="bell"]');
    expect(button.attributes('aria-label')).toBe('通知，3 条未读');
    expect(wrapper.find('.el-badge__content').text()).toBe('3');
    await button.trigger('click');
    await flushPromises();
    expect(router.currentRoute.value.name).toBe('notifications');
  });

  it('hides the badge when nothing is unread', async () => {
    const { wrapper } = await mountBell(() => 0);
    expect(wrapper.get('[data-test="bell"]').attributes('aria-label')).toBe('通知');
    expect(wrapper.find('.el-badge__content').exists()).toBe(false);
  });

  it('polls every minute while the user is active, after navigation, and stops when signed out', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    let unread = 1;
    const { wrapper, auth, router, countCalls } = await mountBell(() => unread);
    expect(countCalls()).toBe(1);

    unread = 2;
    vi.advanceTimersByTime(NOTIFICATION_POLL_MS / 2);
    activity();
    vi.advanceTimersByTime(NOTIFICATION_POLL_MS / 2);
    await flushPromises();
    expect(countCalls()).toBe(2);
    expect(wrapper.find('.el-badge__content').text()).toBe('2');

    // No input for a whole interval: the poll is skipped (it would keep an idle session alive).
    vi.advanceTimersByTime(NOTIFICATION_POLL_MS);
    await flushPromises();
    expect(countCalls()).toBe(2);

    await router.push('/proposals/1');
    await flushPromises();
    expect(countCalls()).toBe(3);

    auth.me = null;
    await flushPromises();
    activity();
    vi.advanceTimersByTime(NOTIFICATION_POLL_MS * 3);
    await flushPromises();
    expect(countCalls()).toBe(3);
    expect(vi.getTimerCount()).toBe(0);
    expect(wrapper.find('.el-badge__content').exists()).toBe(false);
  });

  it('stops polling when unmounted', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    const { countCalls } = await mountBell(() => 1);
    expect(vi.getTimerCount()).toBe(1);
    wrapper!.unmount();
    wrapper = null;
    expect(vi.getTimerCount()).toBe(0);
    activity();
    vi.advanceTimersByTime(NOTIFICATION_POLL_MS * 2);
    await flushPromises();
    expect(countCalls()).toBe(1);
  });
});
