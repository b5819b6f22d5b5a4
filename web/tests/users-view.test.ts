import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import UsersView from '@/views/UsersView.vue';
import { i18n } from '@/i18n';
import { useAuthStore } from '@/stores/auth';
import type { Me } from '@/api/types';
import { apiError, jsonResponse, meBody, mockFetch } from './helpers';

afterEach(() => vi.unstubAllGlobals());

const USER = {
  id: 7,
  username: 'zhangsan',
  display_name: '张三',
  committee_id: 1,
  committee_name: '某市政协',
  roles: ['staff', 'leader'],
  status: 'active',
  locked: true,
  locked_until: 1704070800,
  must_change_password: false,
  mfa_enabled: true,
  last_login_at: 1704067200,
  created_at: 1704067200,
  updated_at: 1704067200,
  unit_id: null,
  unit_name: null,
};

async function mountWith(permissions: string[]) {
  const pinia = createPinia();
  setActivePinia(pinia);
  useAuthStore().me = meBody({ permissions }) as unknown as Me;
  const wrapper = mount(UsersView, { global: { plugins: [pinia, i18n] } });
  await flushPromises();
  return wrapper;
}

describe('users view', () => {
  it("shows a unit account's handling unit under its roles", async () => {
    mockFetch((call) =>
      call.url.includes('/committees')
        ? jsonResponse(200, { items: [], total: 0, page: 1, page_size: 100 })
        : jsonResponse(200, {
            items: [{ ...USER, roles: ['unit_clerk'], unit_id: 3, unit_name: '天河区教育局' }],
            total: 1,
            page: 1,
            page_size: 20,
          }),
    );
    const wrapper = await mountWith(['user.view']);
    expect(wrapper.find('[data-test="unit-name"]').text()).toBe('天河区教育局');
    expect(wrapper.text()).toContain('承办单位经办人');
  });

  it('shows the row with Chinese role names, tags and Shanghai time', async () => {
    mockFetch((call) =>
      call.url.includes('/committees')
        ? jsonResponse(200, { items: [], total: 0, page: 1, page_size: 100 })
        : jsonResponse(200, { items: [USER], total: 1, page: 1, page_size: 20 }),
    );
    const wrapper = await mountWith(['user.view', 'user.unlock', 'user.reset_mfa']);
    const text = wrapper.text();
    for (const s of [
      'zhangsan',
      '张三',
      '某市政协',
      '机关工作人员',
      '主席会议成员',
      '启用',
      '已锁定',
      '已绑定',
    ]) {
      expect(text).toContain(s);
    }
    expect(text).toContain('2024-01-01 08:00:00');
    expect(text).toContain('解锁');
    expect(text).toContain('重置双因素');
    expect(text).not.toContain('重置密码');
    expect(text).not.toContain('新建');
  });

  it('shows the load error with a retry button', async () => {
    mockFetch(() => apiError(500, 'server.internal_error', '服务器内部错误，请稍后重试'));
    const wrapper = await mountWith(['user.view']);
    expect(wrapper.find('[role="alert"]').text()).toContain('服务器内部错误');
    expect(wrapper.text()).toContain('重试');
  });
});
