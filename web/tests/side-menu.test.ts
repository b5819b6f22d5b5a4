import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { createMemoryHistory, createRouter } from 'vue-router';
import { defineComponent } from 'vue';
import SideMenu from '@/layouts/SideMenu.vue';
import { i18n } from '@/i18n';
import { useAuthStore } from '@/stores/auth';
import type { Me } from '@/api/types';
import { meBody } from './helpers';

async function menuFor(permissions: string[], roles: string[] = ['sysadmin']): Promise<string[]> {
  const pinia = createPinia();
  setActivePinia(pinia);
  useAuthStore().me = meBody({ permissions, roles }) as unknown as Me;
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/:p(.*)*', component: defineComponent({ template: '<div />' }) }],
  });
  await router.push('/');
  const wrapper = mount(SideMenu, { global: { plugins: [pinia, router, i18n] } });
  return wrapper.findAll('.el-menu-item').map((li) => li.text());
}

describe('side menu', () => {
  it('shows only what the permissions allow', async () => {
    expect(await menuFor([])).toEqual(['首页', '我的账户']);
    expect(await menuFor(['committee.view', 'user.view'])).toEqual([
      '首页',
      '政协委员会',
      '用户管理',
      '我的账户',
    ]);
    expect(await menuFor(['audit.view'])).toEqual(['首页', '审计日志', '我的账户']);
    expect(await menuFor(['settings.security.view'])).toEqual(['首页', '安全设置', '我的账户']);
    expect(await menuFor(['settings.security.view', 'settings.security.edit'])).toEqual([
      '首页',
      '安全设置',
      '我的账户',
    ]);
  });

  it('shows the organization and member entries by permission', async () => {
    // staff (contract/permissions.json)
    expect(
      await menuFor(
        ['org.view', 'org.manage', 'member.view', 'member.view_private', 'member.manage'],
        ['staff'],
      ),
    ).toEqual(['首页', '委员名单', '届次与会议', '基础数据', '承办单位', '专家库', '我的账户']);
    // leader
    expect(await menuFor(['org.view', 'member.view'], ['leader'])).toEqual([
      '首页',
      '委员名单',
      '届次与会议',
      '基础数据',
      '承办单位',
      '专家库',
      '我的账户',
    ]);
    expect(await menuFor(['member.view'], ['staff'])).toEqual(['首页', '委员名单', '我的账户']);
  });

  it('shows 我的委员资料 to the member role only', async () => {
    expect(await menuFor([], ['member'])).toEqual(['首页', '我的委员资料', '我的账户']);
    expect(await menuFor(['org.view', 'member.view'], ['leader', 'member'])).toContain('我的委员资料');
    expect(await menuFor([], ['unit_clerk'])).toEqual(['首页', '我的账户']);
    expect(await menuFor(['org.view', 'member.view'], ['leader'])).not.toContain('我的委员资料');
  });

  it('hides role entries while the session is restricted', async () => {
    const pinia = createPinia();
    setActivePinia(pinia);
    const auth = useAuthStore();
    auth.me = meBody({ permissions: [], roles: ['member'], must_change_password: true }) as unknown as Me;
    expect(auth.roles).toEqual([]);
  });
});
