import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, type VueWrapper } from '@vue/test-utils';
import NotificationsView from '@/views/NotificationsView.vue';
import { useNotificationsStore } from '@/stores/notifications';
import { internalLink } from '@/api/notifications';
import { jsonResponse, mockFetch } from './helpers';
import { byPath, mountView, pathOf, queryOf } from './views-helpers';

vi.setConfig({ testTimeout: 30000 });

const note = (id: number, read: boolean, link = `/proposals/${id}`) => ({
  id,
  kind: 'proposal.cosign_invited',
  title: `通知 ${id}`,
  body: '请尽快处理',
  link,
  read,
  created_at: 1_700_000_000 + id,
});

const page = (items: unknown[], unread: number, total = items.length) =>
  jsonResponse(200, { items, total, page: 1, page_size: 20, unread });

let wrapper: VueWrapper | null = null;
afterEach(() => {
  wrapper?.unmount();
  wrapper = null;
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

async function mountInbox() {
  const mounted = await mountView(NotificationsView, { permissions: [], roles: ['member'] });
  wrapper = mounted.wrapper;
  return mounted;
}

describe('notifications view', () => {
  it('lists the inbox newest first with the unread count', async () => {
    mockFetch(
      byPath({ 'GET /notifications': () => page([note(3, false), note(2, true), note(1, false)], 2) }),
    );
    const { wrapper } = await mountInbox();
    const items = wrapper.findAll('button.item');
    expect(items.map((i) => i.find('.title').text())).toEqual(['通知 3', '通知 2', '通知 1']);
    expect(items[0]!.classes()).toContain('unread');
    expect(items[1]!.classes()).not.toContain('unread');
    expect(wrapper.text()).toContain('2 条未读');
    expect(useNotificationsStore().unread).toBe(2);
    expect(wrapper.find('[data-test="empty"]').exists()).toBe(false);
  });

  it('shows the empty state and filters unread only', async () => {
    const { calls } = mockFetch(byPath({ 'GET /notifications': () => page([], 0) }));
    const { wrapper } = await mountInbox();
    expect(wrapper.get('[data-test="empty"]').text()).toContain('暂无通知');
    expect(wrapper.get('[data-test="mark-all"]').attributes('disabled')).toBeDefined();
    await wrapper.get('[data-test="unread-only"] input').setValue(true);
    await flushPromises();
    expect(queryOf(calls.at(-1)!)).toMatchObject({ unread: 'true', page: '1' });
    expect(wrapper.get('[data-test="empty"]').text()).toContain('没有未读通知');
  });

  it('marks a notification read and follows its link', async () => {
    const { calls } = mockFetch(
      byPath({
        'GET /notifications': () => page([note(5, false)], 1),
        'POST /notifications/5/read': () => jsonResponse(200, note(5, true)),
      }),
    );
    const { wrapper, router } = await mountInbox();
    await wrapper.get('[data-test="notification-5"]').trigger('click');
    await flushPromises();
    expect(calls.some((c) => c.method === 'POST' && pathOf(c) === '/notifications/5/read')).toBe(true);
    expect(useNotificationsStore().unread).toBe(0);
    expect(router.currentRoute.value.fullPath).toBe('/proposals/5');
  });

  it('opens a read notification without asking the server, and ignores outside links', async () => {
    const { calls } = mockFetch(
      byPath({ 'GET /notifications': () => page([note(6, true, 'https://evil.example/')], 0) }),
    );
    const { wrapper, router } = await mountInbox();
    await wrapper.get('[data-test="notification-6"]').trigger('click');
    await flushPromises();
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);
    expect(router.currentRoute.value.fullPath).toBe('/');
    expect(internalLink('//evil.example')).toBeNull();
    expect(internalLink('/proposals/1')).toBe('/proposals/1');
  });

  it('marks everything read', async () => {
    let unread = 2;
    const { calls } = mockFetch(
      byPath({
        'GET /notifications': () => page([note(2, unread === 0), note(1, unread === 0)], unread),
        'POST /notifications/read-all': () => {
          unread = 0;
          return jsonResponse(200, { updated: 2 });
        },
      }),
    );
    const { wrapper } = await mountInbox();
    await wrapper.get('[data-test="mark-all"]').trigger('click');
    await flushPromises();
    expect(calls.some((c) => c.method === 'POST' && pathOf(c) === '/notifications/read-all')).toBe(true);
    expect(document.body.textContent).toContain('已将 2 条通知标为已读');
    expect(wrapper.findAll('button.item.unread')).toHaveLength(0);
    expect(useNotificationsStore().unread).toBe(0);
  });
});
